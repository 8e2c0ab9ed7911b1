//! The dispatch loop: `loop { let instruction = code[pc]; pc += 1; match instruction { ... } }`.
//!
//! One short arm per opcode; anything longer than a few lines lives in a named function in a
//! sibling module. The loop keeps three locals for the innermost frame: the linked `function`
//! (its code, constants and inline caches), `base` (absolute index of `R[0]`) and `pc`.
//! Bytecode-to-bytecode calls push a [`super::Frame`] and reload those locals; they never
//! recurse on the Rust stack. A nested loop runs only when Rust code re-enters JavaScript
//! (`Vm::call` from a built-in), and it returns when its entry frame returns.
//!
//! Handler invariants are listed in the parent module's documentation. In short: re-index
//! `vm.stack` after anything that may call out; call `save_pc!()` before anything that can
//! throw, allocate an error, re-enter JavaScript or collect; keep the environment in the frame.
//!
//! Performance decisions:
//! - Number fast paths (Add/Sub/Lt/...) are written inline in the arms; the generic operator
//!   is called only for other operand types.
//! - `pc` is saved to the frame only on paths that need it (calls, slow paths, throws), not per
//!   instruction.
//! - Back-edges (jumps with offset <= 0) and allocating instructions are GC safepoints: one
//!   compare of the allocation debt against the threshold. Back-edges also decrement the
//!   interrupt countdown (an embedder's deadline, see `InterpreterState::interrupt_deadline`).

use std::rc::Rc;

use tseval_compiler::opcodes::{Instruction, Reg};

use super::calls::{self, CallOutcome};
use super::exceptions;
use super::link::LinkedFunction;
use super::{Frame, generators, iteration, objects, properties};
use crate::elements::ElementVector;
use crate::object::ObjectKind;
use crate::operators::NumericOperator;
use crate::realm::Vm;
use crate::value::{JsResult, Value};

/// Runs the dispatch loop until the frame at index `entry_depth` (an entry frame pushed by
/// the caller) returns, yielding its result, or an exception escapes it.
pub(crate) fn run(vm: &mut Vm, entry_depth: usize) -> JsResult<Value> {
    let mut function: &LinkedFunction;
    let mut base: usize;
    let mut pc: usize;

    // Reloads the locals from the innermost frame (after a call, return or caught throw).
    macro_rules! load_frame {
        () => {{
            let frame = vm
                .interpreter
                .frames
                .last()
                .expect("dispatch loop without a frame");
            // SAFETY: the code table is append-only and keeps every `LinkedFunction` alive at
            // a fixed address inside its `Rc` for the lifetime of the `Vm` (invariant on
            // `InterpreterState::functions`). This loop holds `&mut Vm` throughout, so the Vm
            // outlives the reference, and linked functions are never mutated except through
            // their `Cell`s.
            function = unsafe { &*vm.interpreter.function_pointer(frame.code) };
            base = frame.base as usize;
            pc = frame.pc as usize;
        }};
    }
    // Register access relative to the frame base, without bounds checks.
    //
    // SAFETY (for every use of these three macros): `base + r < vm.stack.len()` holds for every
    // register operand `r` of the executing instruction, because
    // (1) all code in the code table passed the bytecode verifier at link time, so every
    //     register operand and register window lies inside `0 .. register_count`, and
    // (2) while an instruction of the innermost frame executes, `vm.stack.len() >= base +
    //     register_count`. Frame switches establish it (push, return and unwind resize the
    //     stack to the window), and it is re-checked with a hard assertion (`check_window!`)
    //     after every operation that calls out of the loop and might shrink the stack; the
    //     fast arms do not change the stack length.
    // The pointer is recomputed at each access, so a stack reallocation is harmless.
    macro_rules! reg {
        ($register:expr) => {{
            let index = base + $register.0 as usize;
            debug_assert!(index < vm.stack.len());
            unsafe { *vm.stack.as_ptr().add(index) }
        }};
    }
    macro_rules! reg_ref {
        ($register:expr) => {{
            let index = base + $register.0 as usize;
            debug_assert!(index < vm.stack.len());
            unsafe { &*vm.stack.as_ptr().add(index) }
        }};
    }
    macro_rules! set_reg {
        ($register:expr, $value:expr) => {{
            let value: Value = $value;
            let index = base + $register.0 as usize;
            debug_assert!(index < vm.stack.len());
            unsafe { *vm.stack.as_mut_ptr().add(index) = value };
        }};
    }
    // The inline-cache site of an `IcIdx` operand, without a bounds check.
    //
    // SAFETY: the verifier checked `ic < ic_sites.len()` for every instruction at link time,
    // and `inline_caches` is built index-aligned with `ic_sites` (one site each, see `link`).
    macro_rules! ic_site {
        ($ic:expr) => {{
            let index = usize::from($ic.0);
            debug_assert!(index < function.inline_caches.len());
            unsafe { function.inline_caches.get_unchecked(index) }
        }};
    }
    // Re-establishes invariant (2) above after a call out of the loop (a panic instead of an
    // out-of-bounds register access if some callee broke the stack discipline).
    macro_rules! check_window {
        () => {
            assert!(
                vm.stack.len() >= base + usize::from(function.register_count),
                "register stack shrank below the active frame window"
            );
        };
    }
    // Saves the pc of the next instruction into the innermost frame (handler invariant 2).
    macro_rules! save_pc {
        () => {
            if let Some(frame) = vm.interpreter.frames.last_mut() {
                frame.pc = pc as u32;
            }
        };
    }
    // Throws `error` in the current frame: unwinds to a handler or leaves the loop.
    macro_rules! throw {
        ($error:expr) => {{
            let error = $error;
            save_pc!();
            match exceptions::unwind(vm, entry_depth, error) {
                Ok(()) => {
                    load_frame!();
                    continue;
                }
                Err(error) => return Err(error),
            }
        }};
    }
    // Evaluates a `JsResult`, throwing on `Err`. The pc must already be saved.
    macro_rules! check {
        ($result:expr) => {
            match $result {
                Ok(value) => {
                    check_window!();
                    value
                }
                Err(error) => throw!(error),
            }
        };
    }
    // Saves the pc, then evaluates a fallible slow-path expression.
    macro_rules! slow {
        ($result:expr) => {{
            save_pc!();
            check!($result)
        }};
    }
    // A GC safepoint: every live value is in a register, frame, environment or constant.
    macro_rules! safepoint {
        () => {
            if vm.should_collect_garbage() {
                vm.collect_due_garbage();
            }
        };
    }
    // A numeric binary operator with an inline Number fast path.
    macro_rules! numeric {
        ($dst:expr, $lhs:expr, $rhs:expr, $operator:expr, |$a:ident, $b:ident| $fast:expr) => {{
            let result = if let (&Value::Number($a), &Value::Number($b)) =
                (reg_ref!($lhs), reg_ref!($rhs))
            {
                Value::Number($fast)
            } else {
                let (left, right) = (reg!($lhs), reg!($rhs));
                slow!(vm.numeric_operator($operator, left, right))
            };
            set_reg!($dst, result);
        }};
    }
    // A relational operator with an inline Number fast path.
    macro_rules! compare {
        ($dst:expr, $lhs:expr, $rhs:expr, $method:ident, |$a:ident, $b:ident| $fast:expr) => {{
            let result = if let (&Value::Number($a), &Value::Number($b)) =
                (reg_ref!($lhs), reg_ref!($rhs))
            {
                $fast
            } else {
                let (left, right) = (reg!($lhs), reg!($rhs));
                slow!(vm.$method(left, right))
            };
            set_reg!($dst, Value::Boolean(result));
        }};
    }
    // A loop back-edge: a GC safepoint plus the embedder's deadline check, which costs one
    // counter decrement here (the clock is read in `check_interrupt` every few thousand).
    macro_rules! back_edge {
        () => {{
            safepoint!();
            vm.interpreter.interrupt_countdown -= 1;
            if vm.interpreter.interrupt_countdown == 0
                && let Some(error) = super::check_interrupt(vm)
            {
                throw!(error);
            }
        }};
    }
    // A conditional jump.
    macro_rules! jump_if {
        ($condition:expr, $offset:expr) => {{
            if $condition {
                let offset = $offset.0;
                pc = (pc as i64 - 1 + offset as i64) as usize;
                if offset <= 0 {
                    back_edge!();
                }
            }
        }};
    }
    // A fused compare-and-branch: `$fast` decides for two Numbers, `$method` (the generic
    // relational operator) otherwise; jumps when the result equals `$jump_when`.
    macro_rules! compare_jump {
        ($lhs:expr, $right:expr, $offset:expr, $jump_when:expr, $method:ident,
         |$a:ident, $b:ident| $fast:expr) => {{
            let right: Value = $right;
            let result = if let (&Value::Number($a), Value::Number($b)) = (reg_ref!($lhs), right) {
                $fast
            } else {
                let left = reg!($lhs);
                slow!(vm.$method(left, right))
            };
            jump_if!(result == $jump_when, $offset);
        }};
    }
    // A fused strict-equality branch (never throws).
    macro_rules! strict_equal_jump {
        ($lhs:expr, $right:expr, $offset:expr, $jump_when:expr) => {{
            let right: Value = $right;
            let left = reg!($lhs);
            let result = match (left, right) {
                (Value::Number(a), Value::Number(b)) => a == b,
                _ => vm.strict_equal(left, right),
            };
            jump_if!(result == $jump_when, $offset);
        }};
    }
    // A bitwise operator with a small-integer right operand: ToInt32 of a Number that is
    // already an int32 is one conversion and one compare (`f64_to_int32`'s fast path).
    macro_rules! bitwise_immediate {
        ($dst:expr, $lhs:expr, $value:expr, $operator:expr, |$a:ident, $b:ident| $fast:expr) => {{
            let $b = i32::from($value);
            let result = if let &Value::Number(number) = reg_ref!($lhs) {
                let $a = crate::conversions::f64_to_int32(number);
                Value::Number(f64::from($fast))
            } else {
                let left = reg!($lhs);
                slow!(vm.numeric_operator($operator, left, Value::Number(f64::from($b))))
            };
            set_reg!($dst, result);
        }};
    }
    // The call arms: `Call` and `CallUndefinedThis` (after storing undefined as `this`).
    macro_rules! call_arm {
        ($dst:expr, $callee:expr, $argc:expr) => {{
            let (dst, callee, argc) = ($dst, $callee, $argc);
            save_pc!();
            let window = base + usize::from(callee.0);
            // Inline fast path: a bytecode closure whose prologue is only the register
            // fill. Pushes the frame and switches to it without leaving the loop.
            if let &Value::Object(callee_object) = &vm.stack[window]
                && let ObjectKind::Closure(closure) = &vm.object(callee_object).kind
            {
                let closure = *closure;
                let target: *const LinkedFunction = vm.interpreter.function_pointer(closure.code);
                // SAFETY: see `load_frame!` (code-table invariant).
                let target = unsafe { &*target };
                // A callee of another realm fails both compares and takes `call_from_window`,
                // which switches realms (see `LinkedFunction::plain_call_realm`).
                let inline_prologue = target.plain_call_realm == vm.current_realm
                    || target.coerces_this_only_realm == vm.current_realm
                        && vm.stack[window + 1].is_object();
                if inline_prologue && vm.interpreter.frames.len() < vm.interpreter.max_frames {
                    let new_base = window + 1;
                    let kept = usize::from(argc).min(usize::from(target.param_count));
                    vm.stack.truncate(new_base + 1 + kept);
                    super::calls::grow_register_stack(
                        &mut vm.stack,
                        new_base + usize::from(target.register_count),
                    );
                    let handles_len = vm.handles.len() as u32;
                    vm.interpreter.frames.push(Frame {
                        code: closure.code,
                        callee: callee_object,
                        env: closure.environment(),
                        new_target: None,
                        base: new_base as u32,
                        pc: 0,
                        handles_len,
                        scope_depth: 0,
                        return_register: dst.0,
                        flags: 0,
                    });
                    function = target;
                    base = new_base;
                    pc = 0;
                    safepoint!();
                    continue;
                }
            }
            let outcome = match calls::call_from_window(vm, window, usize::from(argc), dst.0, false)
            {
                Ok(outcome) => outcome,
                Err(error) => {
                    throw!(objects::improve_call_error(vm, function, pc - 1, error))
                }
            };
            finish_call!(outcome, dst);
        }};
    }
    // The result of a call instruction: either a frame was pushed (switch to it) or a value.
    macro_rules! finish_call {
        ($outcome:expr, $dst:expr) => {
            match $outcome {
                CallOutcome::PushedFrame => load_frame!(),
                CallOutcome::Completed(value) => {
                    check_window!();
                    set_reg!($dst, value);
                    safepoint!();
                }
            }
        };
    }

    // `CallSpreadTail` / `ConstructSpreadTail`: expands the trailing spread in place, then calls
    // (errors of the expansion pass through; only the call's own TypeError names the callee).
    // Not `check!` after the expansion: the arguments may reach past the window, which is
    // restored below once a native callee completed.
    macro_rules! spread_tail_arm {
        ($dst:expr, $callee:expr, $argc:expr, $construct:expr) => {{
            let (dst, callee, argc) = ($dst, $callee, $argc);
            save_pc!();
            let window = base + usize::from(callee.0);
            let count = match calls::expand_trailing_spread(vm, window + 2 + usize::from(argc)) {
                Ok(count) => usize::from(argc) + count,
                Err(error) => throw!(error),
            };
            let outcome = match calls::call_from_window(vm, window, count, dst.0, $construct) {
                Ok(outcome) => outcome,
                Err(error) => throw!(objects::improve_call_error(vm, function, pc - 1, error)),
            };
            if let CallOutcome::Completed(_) = outcome {
                restore_window(vm, base, function);
            }
            finish_call!(outcome, dst);
        }};
    }

    load_frame!();
    loop {
        // SAFETY: verified code ends with a terminator and every jump and handler target is
        // in range, so `pc` always indexes an instruction (resumed coroutines continue after a
        // `Yield`/`Await`, which is never the last instruction).
        debug_assert!(pc < function.code.len());
        let instruction = unsafe { *function.code.get_unchecked(pc) };
        pc += 1;
        match instruction {
            // ----- Loads and moves -----
            Instruction::Nop {} => {}
            Instruction::LoadUndefined { dst } => set_reg!(dst, Value::Undefined),
            Instruction::LoadNull { dst } => set_reg!(dst, Value::Null),
            Instruction::LoadTrue { dst } => set_reg!(dst, Value::Boolean(true)),
            Instruction::LoadFalse { dst } => set_reg!(dst, Value::Boolean(false)),
            Instruction::LoadHole { dst } => set_reg!(dst, Value::Hole),
            Instruction::LoadInt { dst, value } => set_reg!(dst, Value::Number(f64::from(value))),
            Instruction::LoadConst { dst, constant } => {
                set_reg!(dst, function.constant_values[usize::from(constant.0)]);
            }
            Instruction::Move { dst, src } => set_reg!(dst, reg!(src)),
            Instruction::LoadNewTarget { dst } => {
                let new_target = vm
                    .interpreter
                    .frames
                    .last()
                    .filter(|frame| frame.flags & super::frame_flags::GENERATOR == 0)
                    .and_then(|frame| frame.new_target);
                set_reg!(dst, new_target.map_or(Value::Undefined, Value::Object));
            }
            Instruction::LoadCallee { dst } => {
                let callee = vm.interpreter.frames.last().map(|frame| frame.callee);
                set_reg!(dst, callee.map_or(Value::Undefined, Value::Object));
            }
            Instruction::LoadHomeObject { dst } => set_reg!(dst, objects::current_home_object(vm)),
            Instruction::CreateClosure {
                dst,
                function: template,
            } => {
                let code = objects::function_constant(function, template.0);
                let env = vm.interpreter.frames.last().and_then(|frame| frame.env);
                let closure = objects::create_closure(vm, code, env);
                set_reg!(dst, Value::Object(closure));
                safepoint!();
            }
            Instruction::SetHomeObject {
                function: target,
                home,
            } => {
                objects::set_home_object(vm, reg!(target), reg!(home));
            }
            Instruction::SetFunctionName {
                function: target,
                key,
            } => {
                let (target, key) = (reg!(target), reg!(key));
                slow!(objects::set_function_name_from_key(vm, target, key, None));
            }

            // ----- Arithmetic -----
            Instruction::Add { dst, lhs, rhs } => {
                if let (&Value::Number(a), &Value::Number(b)) = (reg_ref!(lhs), reg_ref!(rhs)) {
                    set_reg!(dst, Value::Number(a + b));
                } else {
                    let (left, right) = (reg!(lhs), reg!(rhs));
                    let result = slow!(vm.add(left, right));
                    set_reg!(dst, result);
                    safepoint!();
                }
            }
            Instruction::Sub { dst, lhs, rhs } => {
                numeric!(dst, lhs, rhs, NumericOperator::Subtract, |a, b| a - b)
            }
            Instruction::Mul { dst, lhs, rhs } => {
                numeric!(dst, lhs, rhs, NumericOperator::Multiply, |a, b| a * b)
            }
            Instruction::Div { dst, lhs, rhs } => {
                numeric!(dst, lhs, rhs, NumericOperator::Divide, |a, b| a / b)
            }
            Instruction::Mod { dst, lhs, rhs } => {
                numeric!(dst, lhs, rhs, NumericOperator::Remainder, |a, b| {
                    number_remainder(a, b)
                })
            }
            Instruction::Exp { dst, lhs, rhs } => {
                numeric!(dst, lhs, rhs, NumericOperator::Exponentiate, |a, b| {
                    crate::operators::number_exponentiate(a, b)
                })
            }
            Instruction::BitAnd { dst, lhs, rhs } => {
                numeric!(dst, lhs, rhs, NumericOperator::BitwiseAnd, |a, b| {
                    crate::operators::apply_number_operator(NumericOperator::BitwiseAnd, a, b)
                })
            }
            Instruction::BitOr { dst, lhs, rhs } => {
                numeric!(dst, lhs, rhs, NumericOperator::BitwiseOr, |a, b| {
                    crate::operators::apply_number_operator(NumericOperator::BitwiseOr, a, b)
                })
            }
            Instruction::BitXor { dst, lhs, rhs } => {
                numeric!(dst, lhs, rhs, NumericOperator::BitwiseXor, |a, b| {
                    crate::operators::apply_number_operator(NumericOperator::BitwiseXor, a, b)
                })
            }
            Instruction::Shl { dst, lhs, rhs } => {
                numeric!(dst, lhs, rhs, NumericOperator::LeftShift, |a, b| {
                    crate::operators::apply_number_operator(NumericOperator::LeftShift, a, b)
                })
            }
            Instruction::Shr { dst, lhs, rhs } => {
                numeric!(dst, lhs, rhs, NumericOperator::SignedRightShift, |a, b| {
                    crate::operators::apply_number_operator(NumericOperator::SignedRightShift, a, b)
                })
            }
            Instruction::UShr { dst, lhs, rhs } => numeric!(
                dst,
                lhs,
                rhs,
                NumericOperator::UnsignedRightShift,
                |a, b| {
                    crate::operators::apply_number_operator(
                        NumericOperator::UnsignedRightShift,
                        a,
                        b,
                    )
                }
            ),

            // ----- Register-immediate arithmetic -----
            Instruction::AddInt { dst, lhs, value } => {
                if let &Value::Number(a) = reg_ref!(lhs) {
                    set_reg!(dst, Value::Number(a + f64::from(value)));
                } else {
                    let left = reg!(lhs);
                    let result = slow!(vm.add(left, Value::Number(f64::from(value))));
                    set_reg!(dst, result);
                    safepoint!();
                }
            }
            Instruction::SubInt { dst, lhs, value } => {
                let right = Value::Number(f64::from(value));
                let result = if let &Value::Number(a) = reg_ref!(lhs) {
                    Value::Number(a - f64::from(value))
                } else {
                    let left = reg!(lhs);
                    slow!(vm.numeric_operator(NumericOperator::Subtract, left, right))
                };
                set_reg!(dst, result);
            }
            Instruction::MulInt { dst, lhs, value } => {
                let right = Value::Number(f64::from(value));
                let result = if let &Value::Number(a) = reg_ref!(lhs) {
                    Value::Number(a * f64::from(value))
                } else {
                    let left = reg!(lhs);
                    slow!(vm.numeric_operator(NumericOperator::Multiply, left, right))
                };
                set_reg!(dst, result);
            }
            Instruction::ModInt { dst, lhs, value } => {
                let right = Value::Number(f64::from(value));
                let result = if let &Value::Number(a) = reg_ref!(lhs) {
                    Value::Number(remainder_by_small_integer(a, value))
                } else {
                    let left = reg!(lhs);
                    slow!(vm.numeric_operator(NumericOperator::Remainder, left, right))
                };
                set_reg!(dst, result);
            }
            Instruction::BitAndInt { dst, lhs, value } => {
                bitwise_immediate!(dst, lhs, value, NumericOperator::BitwiseAnd, |a, b| a & b)
            }
            Instruction::BitOrInt { dst, lhs, value } => {
                bitwise_immediate!(dst, lhs, value, NumericOperator::BitwiseOr, |a, b| a | b)
            }
            Instruction::BitXorInt { dst, lhs, value } => {
                bitwise_immediate!(dst, lhs, value, NumericOperator::BitwiseXor, |a, b| a ^ b)
            }
            Instruction::ShlInt { dst, lhs, value } => {
                bitwise_immediate!(dst, lhs, value, NumericOperator::LeftShift, |a, b| {
                    a.wrapping_shl(b as u32 & 31)
                })
            }
            Instruction::ShrInt { dst, lhs, value } => {
                bitwise_immediate!(
                    dst,
                    lhs,
                    value,
                    NumericOperator::SignedRightShift,
                    |a, b| a >> (b as u32 & 31)
                )
            }
            Instruction::UShrInt { dst, lhs, value } => {
                bitwise_immediate!(
                    dst,
                    lhs,
                    value,
                    NumericOperator::UnsignedRightShift,
                    |a, b| (a as u32) >> (b as u32 & 31)
                )
            }

            // ----- Equality and relational operators -----
            Instruction::Eq { dst, lhs, rhs } => {
                let (left, right) = (reg!(lhs), reg!(rhs));
                let result = match (left, right) {
                    (Value::Number(a), Value::Number(b)) => a == b,
                    _ => slow!(vm.loose_equal(left, right)),
                };
                set_reg!(dst, Value::Boolean(result));
            }
            Instruction::NotEq { dst, lhs, rhs } => {
                let (left, right) = (reg!(lhs), reg!(rhs));
                let result = match (left, right) {
                    (Value::Number(a), Value::Number(b)) => a == b,
                    _ => slow!(vm.loose_equal(left, right)),
                };
                set_reg!(dst, Value::Boolean(!result));
            }
            Instruction::StrictEq { dst, lhs, rhs } => {
                let (left, right) = (reg!(lhs), reg!(rhs));
                let result = match (left, right) {
                    (Value::Number(a), Value::Number(b)) => a == b,
                    _ => vm.strict_equal(left, right),
                };
                set_reg!(dst, Value::Boolean(result));
            }
            Instruction::StrictNotEq { dst, lhs, rhs } => {
                let (left, right) = (reg!(lhs), reg!(rhs));
                let result = match (left, right) {
                    (Value::Number(a), Value::Number(b)) => a == b,
                    _ => vm.strict_equal(left, right),
                };
                set_reg!(dst, Value::Boolean(!result));
            }
            Instruction::Lt { dst, lhs, rhs } => compare!(dst, lhs, rhs, less_than, |a, b| a < b),
            Instruction::LtEq { dst, lhs, rhs } => {
                compare!(dst, lhs, rhs, less_equal, |a, b| a <= b)
            }
            Instruction::Gt { dst, lhs, rhs } => {
                compare!(dst, lhs, rhs, greater_than, |a, b| a > b)
            }
            Instruction::GtEq { dst, lhs, rhs } => {
                compare!(dst, lhs, rhs, greater_equal, |a, b| a >= b)
            }
            Instruction::InstanceOf { dst, lhs, rhs } => {
                let (left, right) = (reg!(lhs), reg!(rhs));
                let result = slow!(vm.instance_of(left, right));
                set_reg!(dst, Value::Boolean(result));
            }
            Instruction::In { dst, lhs, rhs } => {
                let (left, right) = (reg!(lhs), reg!(rhs));
                let result = slow!(vm.in_operator(left, right));
                set_reg!(dst, Value::Boolean(result));
            }

            // ----- Unary operators -----
            Instruction::Neg { dst, src } => {
                let value = reg!(src);
                set_reg!(
                    dst,
                    match value {
                        Value::Number(number) => Value::Number(-number),
                        _ => slow!(vm.negate(value)),
                    }
                );
            }
            Instruction::ToNumber { dst, src } => {
                let value = reg!(src);
                set_reg!(
                    dst,
                    match value {
                        Value::Number(_) => value,
                        _ => slow!(vm.unary_plus(value)),
                    }
                );
            }
            Instruction::ToNumeric { dst, src } => {
                let value = reg!(src);
                set_reg!(
                    dst,
                    match value {
                        Value::Number(_) | Value::BigInt(_) => value,
                        _ => slow!(vm.to_numeric_value(value)),
                    }
                );
            }
            Instruction::BitNot { dst, src } => {
                let value = reg!(src);
                set_reg!(
                    dst,
                    match value {
                        Value::Number(number) => {
                            Value::Number(f64::from(!crate::conversions::f64_to_int32(number)))
                        }
                        _ => slow!(vm.bitwise_not(value)),
                    }
                );
            }
            Instruction::Not { dst, src } => {
                let value = reg!(src);
                let truthy = match value {
                    Value::Boolean(boolean) => boolean,
                    _ => vm.to_boolean(value),
                };
                set_reg!(dst, Value::Boolean(!truthy));
            }
            Instruction::TypeOf { dst, src } => {
                let value = reg!(src);
                set_reg!(dst, vm.typeof_value(value));
            }
            Instruction::Inc { dst, src } => {
                let value = reg!(src);
                set_reg!(
                    dst,
                    match value {
                        Value::Number(number) => Value::Number(number + 1.0),
                        _ => slow!(vm.increment(value, 1)),
                    }
                );
            }
            Instruction::Dec { dst, src } => {
                let value = reg!(src);
                set_reg!(
                    dst,
                    match value {
                        Value::Number(number) => Value::Number(number - 1.0),
                        _ => slow!(vm.increment(value, -1)),
                    }
                );
            }
            Instruction::ToString { dst, src } => {
                let value = reg!(src);
                set_reg!(
                    dst,
                    match value {
                        Value::String(_) => value,
                        _ => Value::String(slow!(vm.to_string(value))),
                    }
                );
            }
            Instruction::ToPropertyKey { dst, src } => {
                let value = reg!(src);
                set_reg!(
                    dst,
                    match value {
                        // Strings, symbols and numbers are already usable keys: converting a
                        // number to its string form later is unobservable.
                        Value::String(_) | Value::Symbol(_) | Value::Number(_) => value,
                        _ => {
                            let key = slow!(vm.to_property_key(value));
                            vm.property_key_to_value(key)
                        }
                    }
                );
            }
            Instruction::StringConcat { dst, first, count } => {
                let start = base + usize::from(first.0);
                let result = slow!(objects::concat_string_registers(
                    vm,
                    start,
                    usize::from(count)
                ));
                set_reg!(dst, result);
                safepoint!();
            }

            // ----- Jumps -----
            Instruction::Jump { offset } => {
                pc = (pc as i64 - 1 + i64::from(offset.0)) as usize;
                if offset.0 <= 0 {
                    back_edge!();
                }
            }
            Instruction::JumpIfTrue { condition, offset } => {
                let truthy = match reg_ref!(condition) {
                    &Value::Boolean(boolean) => boolean,
                    other => {
                        let value = *other;
                        vm.to_boolean(value)
                    }
                };
                jump_if!(truthy, offset);
            }
            Instruction::JumpIfFalse { condition, offset } => {
                let truthy = match reg_ref!(condition) {
                    &Value::Boolean(boolean) => boolean,
                    other => {
                        let value = *other;
                        vm.to_boolean(value)
                    }
                };
                jump_if!(!truthy, offset);
            }
            Instruction::JumpIfNullish { value, offset } => {
                jump_if!(reg!(value).is_nullish(), offset)
            }
            Instruction::JumpIfNotNullish { value, offset } => {
                jump_if!(!reg!(value).is_nullish(), offset)
            }
            Instruction::JumpIfUndefined { value, offset } => {
                jump_if!(reg!(value).is_undefined(), offset)
            }
            Instruction::JumpIfNotUndefined { value, offset } => {
                jump_if!(!reg!(value).is_undefined(), offset)
            }

            // ----- Fused compare-and-branch -----
            Instruction::JumpIfLessThan { lhs, rhs, offset } => {
                compare_jump!(lhs, reg!(rhs), offset, true, less_than, |a, b| a < b)
            }
            Instruction::JumpIfNotLessThan { lhs, rhs, offset } => {
                compare_jump!(lhs, reg!(rhs), offset, false, less_than, |a, b| a < b)
            }
            Instruction::JumpIfLessEqual { lhs, rhs, offset } => {
                compare_jump!(lhs, reg!(rhs), offset, true, less_equal, |a, b| a <= b)
            }
            Instruction::JumpIfNotLessEqual { lhs, rhs, offset } => {
                compare_jump!(lhs, reg!(rhs), offset, false, less_equal, |a, b| a <= b)
            }
            Instruction::JumpIfGreaterThan { lhs, rhs, offset } => {
                compare_jump!(lhs, reg!(rhs), offset, true, greater_than, |a, b| a > b)
            }
            Instruction::JumpIfNotGreaterThan { lhs, rhs, offset } => {
                compare_jump!(lhs, reg!(rhs), offset, false, greater_than, |a, b| a > b)
            }
            Instruction::JumpIfGreaterEqual { lhs, rhs, offset } => {
                compare_jump!(lhs, reg!(rhs), offset, true, greater_equal, |a, b| a >= b)
            }
            Instruction::JumpIfNotGreaterEqual { lhs, rhs, offset } => {
                compare_jump!(lhs, reg!(rhs), offset, false, greater_equal, |a, b| a >= b)
            }
            Instruction::JumpIfStrictEqual { lhs, rhs, offset } => {
                strict_equal_jump!(lhs, reg!(rhs), offset, true)
            }
            Instruction::JumpIfStrictNotEqual { lhs, rhs, offset } => {
                strict_equal_jump!(lhs, reg!(rhs), offset, false)
            }
            Instruction::JumpIfLessThanInt { lhs, value, offset } => {
                let right = Value::Number(f64::from(value));
                compare_jump!(lhs, right, offset, true, less_than, |a, b| a < b)
            }
            Instruction::JumpIfNotLessThanInt { lhs, value, offset } => {
                let right = Value::Number(f64::from(value));
                compare_jump!(lhs, right, offset, false, less_than, |a, b| a < b)
            }
            Instruction::JumpIfLessEqualInt { lhs, value, offset } => {
                let right = Value::Number(f64::from(value));
                compare_jump!(lhs, right, offset, true, less_equal, |a, b| a <= b)
            }
            Instruction::JumpIfNotLessEqualInt { lhs, value, offset } => {
                let right = Value::Number(f64::from(value));
                compare_jump!(lhs, right, offset, false, less_equal, |a, b| a <= b)
            }
            Instruction::JumpIfGreaterThanInt { lhs, value, offset } => {
                let right = Value::Number(f64::from(value));
                compare_jump!(lhs, right, offset, true, greater_than, |a, b| a > b)
            }
            Instruction::JumpIfNotGreaterThanInt { lhs, value, offset } => {
                let right = Value::Number(f64::from(value));
                compare_jump!(lhs, right, offset, false, greater_than, |a, b| a > b)
            }
            Instruction::JumpIfGreaterEqualInt { lhs, value, offset } => {
                let right = Value::Number(f64::from(value));
                compare_jump!(lhs, right, offset, true, greater_equal, |a, b| a >= b)
            }
            Instruction::JumpIfNotGreaterEqualInt { lhs, value, offset } => {
                let right = Value::Number(f64::from(value));
                compare_jump!(lhs, right, offset, false, greater_equal, |a, b| a >= b)
            }
            Instruction::JumpIfStrictEqualInt { lhs, value, offset } => {
                strict_equal_jump!(lhs, Value::Number(f64::from(value)), offset, true)
            }
            Instruction::JumpIfStrictNotEqualInt { lhs, value, offset } => {
                strict_equal_jump!(lhs, Value::Number(f64::from(value)), offset, false)
            }

            // ----- Property access -----
            Instruction::GetNamed { dst, object, ic } => {
                let receiver = reg!(object);
                let site = ic_site!(ic);
                // The hit path copies the slot straight into the register (one whole-value
                // move); merging it with the slow path's result made LLVM assemble the value
                // from overlapping partial spills.
                if !properties::get_named_fast_into(vm, receiver, site, base + usize::from(dst.0)) {
                    let result = slow!(properties::get_named_slow(vm, receiver, site));
                    set_reg!(dst, result);
                }
            }
            Instruction::SetNamed { object, value, ic } => {
                let receiver = reg!(object);
                let value = reg!(value);
                let site = ic_site!(ic);
                if !properties::set_named_fast(vm, receiver, value, site) {
                    let strict = function.is_strict();
                    slow!(properties::set_named_slow(
                        vm, receiver, value, site, strict
                    ));
                }
            }
            Instruction::GetKeyed { dst, object, key } => {
                let (receiver, key) = (reg!(object), reg!(key));
                let result = slow!(vm.get_by_value(receiver, key));
                set_reg!(dst, result);
            }
            Instruction::SetKeyed { object, key, value } => {
                let (receiver, key, value) = (reg!(object), reg!(key), reg!(value));
                let strict = function.is_strict();
                if let (Value::Object(target), Value::Number(number)) = (receiver, key) {
                    let index = number as u32;
                    if index as f64 == number
                        && index != u32::MAX
                        && vm.try_fast_element_store(target, index, value)
                    {
                        continue;
                    }
                }
                slow!(vm.set_by_value(receiver, key, value, strict));
            }
            Instruction::DefineNamed { object, value, ic } => {
                let (target, value) = (reg!(object), reg!(value));
                let site = ic_site!(ic);
                slow!(objects::define_named(vm, target, site, value));
            }
            Instruction::DefineKeyed { object, key, value } => {
                let (target, key, value) = (reg!(object), reg!(key), reg!(value));
                let key = slow!(vm.to_property_key(key));
                check!(objects::define_data(vm, target, key, value));
            }
            Instruction::DeleteKeyed { dst, object, key } => {
                let (target, key) = (reg!(object), reg!(key));
                let strict = function.is_strict();
                let result = slow!(objects::delete_keyed(vm, target, key, strict));
                set_reg!(dst, Value::Boolean(result));
            }
            Instruction::DefineMethod {
                object,
                key,
                function: method,
                kind,
            } => {
                let (target, key, method) = (reg!(object), reg!(key), reg!(method));
                slow!(objects::define_method(vm, target, key, method, kind));
            }
            Instruction::SetPrototypeFromLiteral { object, value } => {
                let (target, value) = (reg!(object), reg!(value));
                slow!(objects::set_prototype_from_literal(vm, target, value));
            }
            Instruction::GetPrototypeOf { dst, object } => {
                let target = reg!(object);
                let result = slow!(objects::get_prototype_of(vm, target));
                set_reg!(dst, result);
            }
            Instruction::GetSuper { dst, receiver, key } => {
                let (this, home, key) = (
                    reg!(receiver),
                    vm.stack[base + usize::from(receiver.0) + 1],
                    reg!(key),
                );
                let result = slow!(objects::get_super(vm, this, home, key));
                set_reg!(dst, result);
            }
            Instruction::SetSuper {
                receiver,
                key,
                value,
            } => {
                let (this, home) = (reg!(receiver), vm.stack[base + usize::from(receiver.0) + 1]);
                let (key, value) = (reg!(key), reg!(value));
                slow!(objects::set_super(vm, this, home, key, value));
            }
            Instruction::CopyDataProperties {
                target,
                source,
                excluded,
            } => {
                let start = base + usize::from(source.0);
                let target = reg!(target);
                slow!(objects::copy_data_properties(
                    vm,
                    target,
                    start,
                    usize::from(excluded)
                ));
                safepoint!();
            }
            Instruction::RequireObjectCoercible { value: register } => {
                let value = reg!(register);
                if value.is_nullish() {
                    save_pc!();
                    throw!(objects::destructure_error(
                        vm,
                        function,
                        pc - 1,
                        register.0,
                        value
                    ));
                }
            }

            // ----- Object, array and literal creation -----
            Instruction::NewObject { dst, capacity } => {
                let object = objects::new_object_with_capacity(vm, usize::from(capacity));
                set_reg!(dst, Value::Object(object));
                safepoint!();
            }
            Instruction::NewArray { dst, capacity } => {
                let array = vm.new_array(ElementVector::with_capacity(usize::from(capacity)));
                set_reg!(dst, Value::Object(array));
                safepoint!();
            }
            Instruction::NewArrayFromRegisters { dst, first, count } => {
                let start = base + usize::from(first.0);
                let elements =
                    ElementVector::from_slice(&vm.stack[start..start + usize::from(count)]);
                let array = vm.new_array(elements);
                set_reg!(dst, Value::Object(array));
                safepoint!();
            }
            Instruction::ArrayPush { array, value } => {
                let (target, value) = (reg!(array), reg!(value));
                slow!(objects::array_push(vm, target, value));
            }
            Instruction::SpreadIntoArray { array, iterable } => {
                let (target, iterable) = (reg!(array), reg!(iterable));
                slow!(iteration::spread_into_array(vm, target, iterable));
                safepoint!();
            }
            Instruction::GetTemplateObject { dst, template } => {
                let result = slow!(objects::get_template_object(vm, function, template.0));
                set_reg!(dst, result);
            }
            Instruction::NewRegExp { dst, regexp } => {
                let result = slow!(objects::new_regexp(vm, function, regexp.0));
                set_reg!(dst, result);
                safepoint!();
            }

            // ----- Globals -----
            Instruction::GetGlobal { dst, ic } => {
                let site = ic_site!(ic);
                let global = Value::Object(vm.intrinsics.global_object);
                if !properties::get_named_fast_into(vm, global, site, base + usize::from(dst.0)) {
                    let result = slow!(properties::get_global_slow(vm, site));
                    set_reg!(dst, result);
                }
            }
            Instruction::TypeOfGlobal { dst, ic } => {
                let site = ic_site!(ic);
                let result = slow!(properties::typeof_global(vm, site));
                set_reg!(dst, result);
            }
            Instruction::SetGlobal { value, ic } => {
                let value = reg!(value);
                let site = ic_site!(ic);
                if !properties::set_global_fast(vm, site, value) {
                    let strict = function.is_strict();
                    slow!(properties::set_global_slow(vm, site, value, strict));
                }
            }
            Instruction::DeleteGlobal { dst, name } => {
                let key = objects::name_constant(function, name.0);
                let strict = function.is_strict();
                let result = slow!(properties::delete_global(vm, key, strict));
                set_reg!(dst, Value::Boolean(result));
            }
            Instruction::DeclareGlobalVar { name } => {
                let key = objects::name_constant(function, name.0);
                let configurable = function
                    .flags
                    .contains(tseval_compiler::bytecode::FunctionFlags::EVAL);
                slow!(properties::declare_global_var(vm, key, configurable));
            }
            Instruction::DeclareGlobalFunction {
                name,
                function: value,
            } => {
                let key = objects::name_constant(function, name.0);
                let value = reg!(value);
                let configurable = function
                    .flags
                    .contains(tseval_compiler::bytecode::FunctionFlags::EVAL);
                slow!(properties::declare_global_function(
                    vm,
                    key,
                    value,
                    configurable
                ));
            }

            Instruction::CheckGlobalFunctionDeclaration { name } => {
                let key = objects::name_constant(function, name.0);
                slow!(properties::check_global_declaration(vm, key, true));
            }
            Instruction::CheckGlobalVarDeclaration { name } => {
                let key = objects::name_constant(function, name.0);
                slow!(properties::check_global_declaration(vm, key, false));
            }
            Instruction::CheckGlobalLexicalDeclaration { name } => {
                let key = objects::name_constant(function, name.0);
                slow!(properties::check_global_lexical_declaration(vm, key));
            }
            Instruction::DeclareGlobalLexical { name, constant } => {
                let key = objects::name_constant(function, name.0);
                slow!(properties::declare_global_lexical(vm, key, constant != 0));
            }
            Instruction::InitializeGlobalLexical { value, name } => {
                let key = objects::name_constant(function, name.0);
                let value = reg!(value);
                properties::initialize_global_lexical(vm, key, value);
            }

            // ----- Object environments (`with`) -----
            Instruction::ToObject { dst, src } => {
                let value = reg!(src);
                let object = slow!(vm.to_object(value));
                set_reg!(dst, Value::Object(object));
            }
            Instruction::HasWithBinding { dst, object, name } => {
                let key = objects::name_constant(function, name.0);
                let target = reg!(object);
                let found = slow!(properties::has_with_binding(vm, target, key));
                set_reg!(dst, Value::Boolean(found));
            }

            // ----- Environments -----
            Instruction::PushEnv { slots } => {
                objects::push_env(vm, usize::from(slots));
                safepoint!();
            }
            Instruction::PopEnv {} => objects::pop_env(vm),
            Instruction::CopyEnv {} => {
                objects::copy_env(vm);
                safepoint!();
            }
            Instruction::LoadEnv { dst, depth, slot } => {
                let value = objects::load_env(vm, depth, slot);
                set_reg!(dst, value);
            }
            Instruction::StoreEnv { src, depth, slot } => {
                let value = reg!(src);
                objects::store_env(vm, depth, slot, value);
            }
            Instruction::MapArgument {
                arguments,
                index,
                slot,
            } => objects::map_argument(vm, reg!(arguments), index, slot),

            // ----- Modules -----
            Instruction::LoadImport { dst, depth, slot } => {
                let value = objects::load_import(vm, depth, slot);
                set_reg!(dst, value);
            }
            Instruction::LoadImportMeta { dst } => {
                let referrer = Rc::clone(&function.script.file_name);
                let meta = slow!(vm.import_meta(&referrer));
                set_reg!(dst, meta);
            }
            Instruction::ImportCall {
                dst,
                specifier,
                options,
            } => {
                let referrer = Rc::clone(&function.script.file_name);
                let (specifier, options) = (reg!(specifier), reg!(options));
                save_pc!();
                let promise = vm.dynamic_import(&referrer, specifier, options);
                check_window!();
                set_reg!(dst, promise);
                safepoint!();
            }

            // ----- Errors and TDZ checks -----
            Instruction::ThrowIfHole { value, name } => {
                if reg!(value).is_hole() {
                    save_pc!();
                    let key = objects::name_constant(function, name.0);
                    let name = vm.property_key_to_rust(key);
                    throw!(vm.new_reference_error(&format!(
                        "Cannot access '{name}' before initialization"
                    )));
                }
            }
            Instruction::ThrowConstAssign { name: _ } => {
                save_pc!();
                throw!(vm.new_type_error("Assignment to constant variable."));
            }
            Instruction::CheckThisInitialized { value } => {
                if reg!(value).is_hole() {
                    save_pc!();
                    throw!(vm.new_reference_error(
                        "Must call super constructor in derived class before accessing 'this' or returning from derived constructor"
                    ));
                }
            }
            Instruction::CheckThisUninitialized { value } => {
                if !reg!(value).is_hole() {
                    save_pc!();
                    throw!(vm.new_reference_error("Super constructor may only be called once"));
                }
            }
            Instruction::DerivedConstructorResult { dst, value, this } => {
                let (result, this) = (reg!(value), reg!(this));
                let result = slow!(objects::derived_constructor_result(vm, result, this));
                set_reg!(dst, result);
            }
            Instruction::ThrowTypeError { message } => {
                save_pc!();
                let text = objects::constant_text(vm, function, message.0);
                throw!(vm.new_type_error(&text));
            }
            Instruction::ThrowReferenceError { message } => {
                save_pc!();
                let text = objects::constant_text(vm, function, message.0);
                throw!(vm.new_reference_error(&text));
            }

            // ----- Calls and control transfer -----
            Instruction::Call { dst, callee, argc } => call_arm!(dst, callee, argc),
            Instruction::CallEval { dst, callee, site } => {
                let site = objects::eval_site_constant(function, site.0);
                let argc = site.as_ref().map_or(0, |site| site.argument_count);
                let eval_function = vm.intrinsics.eval_function;
                if let (Some(site), &Value::Object(target)) = (site, reg_ref!(callee))
                    && target == eval_function
                {
                    let argument = if argc > 0 {
                        reg!(tseval_compiler::opcodes::Reg(callee.0 + 2))
                    } else {
                        Value::Undefined
                    };
                    let env = vm.interpreter.frames.last().and_then(|frame| frame.env);
                    let this = reg!(tseval_compiler::opcodes::Reg(0));
                    let strict = function.is_strict();
                    let value = slow!(crate::builtins::eval::direct_eval(
                        vm, argument, &site, env, strict, this
                    ));
                    set_reg!(dst, value);
                    safepoint!();
                } else {
                    set_reg!(
                        tseval_compiler::opcodes::Reg(callee.0 + 1),
                        Value::Undefined
                    );
                    call_arm!(dst, callee, argc)
                }
            }
            Instruction::CallUndefinedThis { dst, callee, argc } => {
                set_reg!(
                    tseval_compiler::opcodes::Reg(callee.0 + 1),
                    Value::Undefined
                );
                call_arm!(dst, callee, argc)
            }
            Instruction::CallSpread {
                dst,
                callee,
                arguments,
            } => {
                save_pc!();
                let window = base + usize::from(callee.0);
                let spread = reg!(arguments);
                // Not `check!`: the spread arguments were pushed above a truncated window,
                // which is restored just below before any register access.
                let outcome = match calls::call_spread_from_window(vm, window, spread, dst.0, false)
                {
                    Ok(outcome) => outcome,
                    Err(error) => throw!(error),
                };
                if let CallOutcome::Completed(_) = outcome {
                    restore_window(vm, base, function);
                }
                finish_call!(outcome, dst);
            }
            Instruction::CallSpreadTail { dst, callee, argc } => {
                spread_tail_arm!(dst, callee, argc, false)
            }
            Instruction::ConstructSpreadTail { dst, callee, argc } => {
                spread_tail_arm!(dst, callee, argc, true)
            }
            Instruction::Construct { dst, callee, argc } => {
                save_pc!();
                let window = base + usize::from(callee.0);
                let outcome =
                    match calls::call_from_window(vm, window, usize::from(argc), dst.0, true) {
                        Ok(outcome) => outcome,
                        Err(error) => {
                            throw!(objects::improve_call_error(vm, function, pc - 1, error))
                        }
                    };
                finish_call!(outcome, dst);
            }
            Instruction::ConstructSpread {
                dst,
                callee,
                arguments,
            } => {
                save_pc!();
                let window = base + usize::from(callee.0);
                let spread = reg!(arguments);
                // Not `check!`: the spread arguments were pushed above a truncated window,
                // which is restored just below before any register access.
                let outcome = match calls::call_spread_from_window(vm, window, spread, dst.0, true)
                {
                    Ok(outcome) => outcome,
                    Err(error) => throw!(error),
                };
                if let CallOutcome::Completed(_) = outcome {
                    restore_window(vm, base, function);
                }
                finish_call!(outcome, dst);
            }
            Instruction::Return { value } => {
                let result = reg!(value);
                let frame = vm
                    .interpreter
                    .frames
                    .last()
                    .expect("dispatch loop without a frame");
                if frame.flags != 0 {
                    // Entry or construct frames: the general path.
                    match calls::return_from_frame(vm, base + usize::from(value.0)) {
                        Some(result) => return Ok(result),
                        None => {
                            load_frame!();
                            continue;
                        }
                    }
                }
                let return_register = usize::from(frame.return_register);
                vm.interpreter.frames.pop();
                load_frame!();
                let top = base + usize::from(function.register_count);
                if top <= vm.stack.len() {
                    vm.stack.truncate(top);
                } else {
                    super::calls::grow_register_stack(&mut vm.stack, top);
                }
                vm.stack[base + return_register] = result;
            }
            Instruction::Throw { value } => {
                let thrown = reg!(value);
                throw!(thrown);
            }
            Instruction::Debugger {} => {}

            // ----- Iteration -----
            Instruction::GetIterator { dst, iterable } => {
                let iterable = reg!(iterable);
                let record = base + usize::from(dst.0);
                slow!(iteration::get_iterator(vm, record, iterable));
            }
            Instruction::IteratorNext { dst, iterator } => {
                let record = base + usize::from(iterator.0);
                let value = match iteration::iterator_next_fast(vm, record) {
                    Some(value) => value,
                    None => slow!(iteration::iterator_next(vm, record)),
                };
                set_reg!(dst, value);
            }
            Instruction::IteratorClose { iterator } => {
                let record = base + usize::from(iterator.0);
                slow!(iteration::iterator_close(vm, record));
            }
            Instruction::IteratorCloseForThrow { iterator } => {
                let record = base + usize::from(iterator.0);
                save_pc!();
                iteration::iterator_close_for_throw(vm, record);
                check_window!();
            }
            Instruction::IteratorCollectRest { dst, iterator } => {
                let record = base + usize::from(iterator.0);
                let array = slow!(iteration::iterator_collect_rest(vm, record));
                set_reg!(dst, array);
                safepoint!();
            }
            Instruction::GetProtocolIterator { dst, iterable } => {
                let iterable = reg!(iterable);
                let record = base + usize::from(dst.0);
                slow!(iteration::get_protocol_iterator(vm, record, iterable));
            }
            Instruction::GetAsyncIterator { dst, iterable } => {
                let iterable = reg!(iterable);
                let record = base + usize::from(dst.0);
                slow!(iteration::get_async_iterator(vm, record, iterable));
            }
            Instruction::IteratorNextCall { dst, iterator } => {
                let record = base + usize::from(iterator.0);
                let result = slow!(iteration::iterator_next_call(vm, record));
                set_reg!(dst, result);
                safepoint!();
            }
            Instruction::IteratorResultValue { dst, iterator } => {
                let record = base + usize::from(iterator.0);
                let result = reg!(dst);
                let value = slow!(iteration::iterator_result_value(vm, record, result));
                set_reg!(dst, value);
            }
            Instruction::IteratorReturnCall { dst, iterator } => {
                let record = base + usize::from(iterator.0);
                let outcome = slow!(iteration::iterator_return_call(vm, record));
                let called = outcome.is_some();
                if let Some(result) = outcome {
                    set_reg!(dst, result);
                }
                vm.stack[base + usize::from(dst.0) + 1] = Value::Boolean(called);
            }
            Instruction::CheckIteratorResult { value } => {
                if !reg!(value).is_object() {
                    throw!(vm.new_type_error("Iterator result is not an object"));
                }
            }
            Instruction::DelegateCall {
                dst,
                iterator,
                received,
            } => {
                slow!(iteration::delegate_call(
                    vm,
                    base + usize::from(dst.0),
                    base + usize::from(iterator.0),
                    base + usize::from(received.0),
                ));
                safepoint!();
            }
            Instruction::DelegateResult {
                dst,
                received,
                unwrap,
            } => {
                slow!(iteration::delegate_result(
                    vm,
                    base + usize::from(dst.0),
                    base + usize::from(received.0),
                    unwrap != 0,
                ));
            }
            Instruction::ForInPrepare { dst, object } => {
                let target = reg!(object);
                let iterator = slow!(vm.new_for_in_iterator(target));
                set_reg!(dst, Value::Object(iterator));
                safepoint!();
            }
            Instruction::ForInNext { dst, iterator } => {
                let iterator = reg!(iterator);
                let next = match iterator {
                    Value::Object(iterator) => slow!(vm.for_in_next(iterator)),
                    _ => None,
                };
                set_reg!(dst, next.unwrap_or(Value::Undefined));
            }

            // ----- Classes -----
            Instruction::CreateClass { dst, constructor } => {
                let code = objects::function_constant(function, constructor.0);
                let (class, prototype) = slow!(objects::create_class(vm, code, None));
                set_reg!(dst, Value::Object(class));
                vm.stack[base + usize::from(dst.0) + 1] = Value::Object(prototype);
                safepoint!();
            }
            Instruction::CreateDerivedClass {
                dst,
                constructor,
                parent,
            } => {
                let code = objects::function_constant(function, constructor.0);
                let parent = reg!(parent);
                let (class, prototype) = slow!(objects::create_class(vm, code, Some(parent)));
                set_reg!(dst, Value::Object(class));
                vm.stack[base + usize::from(dst.0) + 1] = Value::Object(prototype);
                safepoint!();
            }
            Instruction::NewPrivateName { dst, description } => {
                let key = objects::name_constant(function, description.0);
                let name = objects::new_private_name(vm, key);
                set_reg!(dst, name);
            }
            Instruction::GetPrivate { dst, object, key } => {
                let (target, key) = (reg!(object), reg!(key));
                let result = slow!(objects::get_private(vm, target, key));
                set_reg!(dst, result);
            }
            Instruction::SetPrivate { object, key, value } => {
                let (target, key, value) = (reg!(object), reg!(key), reg!(value));
                slow!(objects::set_private(vm, target, key, value));
            }
            Instruction::DefinePrivate {
                object,
                key,
                value,
                kind,
            } => {
                let (target, key, value) = (reg!(object), reg!(key), reg!(value));
                slow!(objects::define_private(vm, target, key, value, kind));
            }
            Instruction::HasPrivate { dst, object, key } => {
                let (target, key) = (reg!(object), reg!(key));
                let result = slow!(objects::has_private(vm, target, key));
                set_reg!(dst, Value::Boolean(result));
            }

            // ----- Generators and async functions -----
            Instruction::Yield { value, .. } => {
                // Generator frames are always entry frames of their own nested loop (see
                // `generators`), so leaving the loop here returns to the resumer.
                save_pc!();
                let yielded = reg!(value);
                generators::suspend_at_yield(vm);
                return Ok(yielded);
            }
            Instruction::YieldDelegate { value, .. } => {
                // Like `Yield`, flagged so the resumer hands the value over unwrapped.
                save_pc!();
                let yielded = reg!(value);
                generators::suspend_at_yield(vm);
                vm.interpreter.generator_delegated = true;
                return Ok(yielded);
            }
            Instruction::GeneratorStart {} => {
                // Parameter initialisation is done: suspend in the suspended-start state and
                // return to the generator function's call (see `generators`).
                save_pc!();
                generators::suspend_at_generator_start(vm);
                return Ok(Value::Undefined);
            }
            Instruction::NewDisposeCapability { dst } => {
                let list = crate::builtins::disposable::new_dispose_capability(vm);
                set_reg!(dst, Value::Object(list));
            }
            Instruction::AddDisposable {
                resources,
                value,
                hint,
            } => {
                let (list, value) = (reg!(resources), reg!(value));
                slow!(crate::builtins::disposable::add_disposable_op(
                    vm,
                    list,
                    value,
                    hint != 0
                ));
            }
            Instruction::DisposeResources {
                resources,
                completion,
            } => {
                let list = reg!(resources);
                let window = base + usize::from(completion.0);
                slow!(crate::builtins::disposable::dispose_resources_op(
                    vm, list, window
                ));
            }
            Instruction::DisposeResourcesAsync {
                dst,
                resources,
                completion,
            } => {
                let list = reg!(resources);
                let window = base + usize::from(completion.0);
                let promise = slow!(crate::builtins::disposable::dispose_resources_async_op(
                    vm, list, window
                ));
                set_reg!(dst, promise);
            }
            Instruction::NewDecorationRecord { dst, fields } => {
                let record = crate::builtins::decorators::new_decoration_record(vm, fields);
                set_reg!(dst, record);
            }
            Instruction::DecorateElement { window, element } => {
                let (record, home, key, decorators) = (
                    reg!(window),
                    reg!(Reg(window.0 + 1)),
                    reg!(Reg(window.0 + 2)),
                    reg!(Reg(window.0 + 3)),
                );
                slow!(crate::builtins::decorators::decorate_element(
                    vm, record, home, key, decorators, element
                ));
            }
            Instruction::DecorateClass { window } => {
                let (record, class, decorators) = (
                    reg!(window),
                    reg!(Reg(window.0 + 1)),
                    reg!(Reg(window.0 + 2)),
                );
                let decorated = slow!(crate::builtins::decorators::decorate_class(
                    vm, record, class, decorators
                ));
                set_reg!(Reg(window.0 + 1), decorated);
            }
            Instruction::RunInitializers { window, list } => {
                let (record, this, value) = (
                    reg!(window),
                    reg!(Reg(window.0 + 1)),
                    reg!(Reg(window.0 + 2)),
                );
                let result = slow!(crate::builtins::decorators::run_initializers(
                    vm, record, list, this, value
                ));
                if list & tseval_compiler::opcodes::decoration::RUN_WITH_VALUE != 0 {
                    set_reg!(Reg(window.0 + 2), result);
                }
            }
            Instruction::DefineAutoAccessor { window } => {
                let (home, key, storage) = (
                    reg!(window),
                    reg!(Reg(window.0 + 1)),
                    reg!(Reg(window.0 + 2)),
                );
                slow!(crate::builtins::decorators::define_auto_accessor(
                    vm, home, key, storage
                ));
            }
            Instruction::Await { value, .. } => {
                // Async bodies run as coroutines (see `generators`): suspend and hand the
                // awaited value to the driver, which subscribes to it.
                save_pc!();
                let awaited = reg!(value);
                generators::suspend_at_yield(vm);
                return Ok(awaited);
            }
        }
    }
}

/// Number::remainder. Integral operands (the common `i % 7`) use integer division, because
/// `f64 % f64` compiles to a call to a slow software `fmod` (measured at ~20% of a loop
/// benchmark). The sign of a zero result follows the dividend, as `fmod` does.
#[inline(always)]
pub(crate) fn number_remainder(dividend: f64, divisor: f64) -> f64 {
    const LIMIT: f64 = 9_007_199_254_740_992.0; // 2^53
    if dividend.fract() == 0.0
        && divisor.fract() == 0.0
        && dividend.abs() < LIMIT
        && divisor.abs() < LIMIT
        && divisor != 0.0
    {
        let remainder = (dividend as i64) % (divisor as i64);
        if remainder == 0 && dividend.is_sign_negative() {
            return -0.0;
        }
        return remainder as f64;
    }
    dividend % divisor
}

/// `dividend % divisor` for a small-integer divisor (`ModInt`). An int32 dividend with a
/// positive divisor uses one integer remainder (no `fmod` call, no overflow: the divisor is
/// never -1 here); the sign of a zero result follows the dividend.
#[inline(always)]
fn remainder_by_small_integer(dividend: f64, divisor: i16) -> f64 {
    let integer = dividend as i32;
    if divisor > 0 && f64::from(integer) == dividend {
        let remainder = integer % i32::from(divisor);
        if remainder == 0 && dividend.is_sign_negative() {
            return -0.0;
        }
        return f64::from(remainder);
    }
    number_remainder(dividend, f64::from(divisor))
}

/// Restores the current frame's stack window after a spread call to a native callee (the
/// spread arguments were pushed above the window).
fn restore_window(vm: &mut Vm, base: usize, function: &LinkedFunction) {
    vm.stack.resize(
        base + usize::from(function.register_count),
        Value::Undefined,
    );
}
