//! Exceptions: unwinding frames through each function's exception table, capturing stack
//! traces for `error.stack`, and formatting uncaught exceptions for the runner.
//!
//! Unwinding rule (see `tseval_compiler::bytecode::ExceptionHandler`): for the innermost frame,
//! the faulting instruction is `frame.pc - 1` (frames always hold the index of the NEXT
//! instruction). The first table entry with `start <= pc < end` wins; the VM pops
//! `frame.scope_depth - handler.scope_depth` environments, restores the frame's stack window
//! and handle-stack depth, stores the thrown value in the handler's register and continues at
//! the handler. Without a match the frame is popped and the search continues in the caller
//! (whose saved pc points just after its call instruction). An entry frame (entered from Rust)
//! ends the search: the exception propagates to Rust as `Err`.

use super::frame_flags;
use crate::realm::Vm;
use crate::value::Value;

/// The most frames a captured stack trace lists (as V8's default `Error.stackTraceLimit`).
pub const STACK_TRACE_LIMIT: usize = 10;

/// Unwinds to the nearest handler at or above the frame at index `entry_depth`.
///
/// Returns `Ok(())` when a handler was found (the innermost frame now continues at the handler)
/// and `Err(thrown)` when the entry frame was popped without finding one.
pub(crate) fn unwind(vm: &mut Vm, entry_depth: usize, thrown: Value) -> Result<(), Value> {
    loop {
        let Some(frame) = vm.interpreter.frames.last() else {
            return Err(thrown);
        };
        debug_assert!(vm.interpreter.frames.len() > entry_depth);
        let faulting_pc = frame.pc.saturating_sub(1);
        let function = vm.interpreter.function(frame.code);
        let register_count = usize::from(function.register_count);
        // After `process.exit` no `catch` or `finally` runs: the program is terminating.
        let handler = if vm.event_loop.exit_request.is_some() {
            None
        } else {
            function
                .template
                .exception_handlers
                .iter()
                .find(|handler| handler.start <= faulting_pc && faulting_pc < handler.end)
                .copied()
        };
        if let Some(handler) = handler {
            let frame = vm.interpreter.frames.last_mut().expect("checked above");
            let pops = frame.scope_depth.saturating_sub(handler.scope_depth);
            let mut env = frame.env;
            let base = frame.base as usize;
            let handles_len = frame.handles_len as usize;
            frame.scope_depth = handler.scope_depth;
            frame.pc = handler.handler;
            for _ in 0..pops {
                env = env.and_then(|current| vm.heap.environments.get(current).parent);
            }
            vm.interpreter.frames.last_mut().expect("checked above").env = env;
            vm.stack.resize(base + register_count, Value::Undefined);
            vm.handles.truncate(handles_len);
            vm.stack[base + usize::from(handler.exception_register.0)] = thrown;
            return Ok(());
        }
        let popped = vm.interpreter.frames.pop().expect("checked above");
        if popped.flags & frame_flags::ENTRY != 0 || vm.interpreter.frames.len() <= entry_depth {
            return Err(thrown);
        }
    }
}

/// Captures the current JS call stack as the text after the first line of `error.stack`:
/// `"    at name (file:line:col)"` lines joined by `\n`, innermost first. Installed as
/// `Vm::stack_trace_hook`.
pub fn capture_stack_trace(vm: &Vm) -> String {
    let mut lines = Vec::new();
    for frame in vm.interpreter.frames.iter().rev().take(STACK_TRACE_LIMIT) {
        let function = vm.interpreter.function(frame.code);
        let location = match function
            .template
            .source_position(frame.pc.saturating_sub(1) as usize)
        {
            Some(position) => format!(
                "{}:{}:{}",
                function.script.file_name, position.line, position.column
            ),
            None => function.script.file_name.to_string(),
        };
        let name = vm.string_to_rust(function.name);
        let is_top_level = function
            .flags
            .contains(tseval_compiler::bytecode::FunctionFlags::SCRIPT);
        let line = if is_top_level {
            format!("    at {location}")
        } else if frame.flags & frame_flags::CONSTRUCT != 0 {
            let name = if name.is_empty() {
                "<anonymous>".to_string()
            } else {
                name
            };
            format!("    at new {name} ({location})")
        } else if name.is_empty() {
            format!("    at {location}")
        } else {
            format!("    at {name} ({location})")
        };
        lines.push(line);
    }
    lines.join("\n")
}

/// Formats an uncaught exception as the runner prints it to stderr: `"Uncaught "` followed by
/// the error's `stack` (or `"Name: message"`, or the thrown value as text).
pub fn format_uncaught_exception(vm: &Vm, thrown: Value) -> String {
    let exception = vm.describe_exception(thrown);
    format!("Uncaught {exception}")
}
