//! The Node-style host globals a program run by the CLI expects: `process` (argv, env,
//! platform, `stdout.write`/`stderr.write`, `exit`/`exitCode`, `nextTick`, `hrtime`,
//! `memoryUsage`, `cwd`, `uptime`, `pid`) and `performance` (`now`, `timeOrigin`), plus the
//! per-VM event loop state they share with the timers of `promise`.
//!
//! `process.exit(code)` is a *termination*, not an exception: it records the exit request in
//! [`EventLoopState::exit_request`] and returns an abrupt completion whose value no handler
//! sees. The interpreter's unwinder skips every `catch` and `finally` while an exit is
//! requested (`crate::interpreter::exceptions::unwind`), the event loop stops, and the
//! embedder reads the code with [`Vm::exit_request`]. This is Node's behaviour: nothing of
//! the program runs after `process.exit`, not even `finally` blocks.
//!
//! `process.nextTick` callbacks run before promise jobs: the microtask checkpoint
//! (`promise::run_microtasks`) drains the tick queue, then the promise jobs, and repeats
//! while either has work, as Node's `processTicksAndRejections` does.

use std::collections::VecDeque;
use std::time::Instant;

use tseval_gc::Tracer;

use super::method;
use crate::function::Args;
use crate::object::ObjectKind;
use crate::realm::{Job, Vm};
use crate::value::{JsResult, ObjectRef, Value};

/// Event loop state owned by the VM (never thread-local or global: two VMs on one thread
/// keep separate clocks and queues).
#[derive(Debug)]
pub struct EventLoopState {
    /// When the VM was created: the origin of `performance.now()`, `process.uptime()` and
    /// of real-time timer due times.
    pub clock_start: Instant,
    /// The event loop's virtual "now" in milliseconds: the due time of the timer being run.
    /// Due times are computed from it, so timer order depends only on delays and creation
    /// order, never on how long callbacks take (deterministic under gc-stress and on slow
    /// machines); the loop still sleeps until each due time so wall-clock time advances.
    pub virtual_now: f64,
    /// `process.nextTick` callbacks, run before promise jobs at each microtask checkpoint.
    pub ticks: VecDeque<Job>,
    /// The code passed to `process.exit`, once it was called.
    pub exit_request: Option<i32>,
    /// `process.argv`, kept until `process` is first read (it is created on first use, see
    /// `crate::lazy_globals`).
    pub process_arguments: Vec<String>,
}

impl EventLoopState {
    /// A fresh state whose clock starts now.
    pub fn new() -> EventLoopState {
        EventLoopState {
            clock_start: Instant::now(),
            virtual_now: 0.0,
            ticks: VecDeque::new(),
            exit_request: None,
            process_arguments: Vec::new(),
        }
    }

    /// Milliseconds since the VM was created.
    pub fn elapsed_milliseconds(&self) -> f64 {
        self.clock_start.elapsed().as_secs_f64() * 1000.0
    }

    /// Reports the queued tick callbacks to the collector.
    pub fn trace(&self, tracer: &mut Tracer) {
        for job in &self.ticks {
            job.trace(tracer);
        }
    }
}

impl Default for EventLoopState {
    fn default() -> Self {
        EventLoopState::new()
    }
}

impl Vm {
    /// True once the program called `process.exit`: native code that turns exceptions into
    /// rejections (promise jobs, executors, async function bodies) propagates instead.
    pub fn exit_requested(&self) -> bool {
        self.event_loop.exit_request.is_some()
    }

    /// The exit code a program asked for with `process.exit`, if it did.
    pub fn exit_request(&self) -> Option<i32> {
        self.event_loop.exit_request
    }

    /// The exit status of a program that ended normally: `process.exitCode` when the program
    /// set it to an integer, else 0.
    pub fn normal_exit_code(&mut self) -> i32 {
        let Some(process) = self.global_process_object() else {
            return 0;
        };
        let key = self.property_key_from_str("exitCode");
        match self.get(process, key) {
            Ok(value) => exit_code_from_value(value).unwrap_or(0),
            Err(_) => 0,
        }
    }

    fn global_process_object(&mut self) -> Option<ObjectRef> {
        let global = self.global_object();
        let key = self.property_key_from_str("process");
        if self.lazy_globals.is_pending(key) {
            // Never read, so never given an exit code: not worth creating now.
            return None;
        }
        self.get(global, key).ok()?.as_object()
    }
}

fn exit_code_from_value(value: Value) -> Option<i32> {
    match value {
        Value::Number(number) if number.is_finite() && number.fract() == 0.0 => {
            Some(number as i64 as i32)
        }
        _ => None,
    }
}

/// Installs `performance` on the global object (every realm has it, as in Node and browsers;
/// created on first use, see `crate::lazy_globals`).
pub fn install(vm: &mut Vm) {
    vm.define_lazy_global("performance", create_performance);
}

/// Creates the `performance` object.
fn create_performance(vm: &mut Vm) -> Value {
    let performance = vm.new_object();
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(performance));
    method(vm, performance, "now", 0, |vm, _, _| {
        Ok(Value::Number(vm.event_loop.elapsed_milliseconds()))
    });
    let origin = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|duration| duration.as_secs_f64() * 1000.0)
        .unwrap_or(0.0)
        - vm.event_loop.elapsed_milliseconds();
    let key = vm.property_key_from_str("timeOrigin");
    let _ = vm.create_data_property(performance, key, Value::Number(origin));
    let tag = vm.intrinsics.symbols.to_string_tag;
    let tag_value = Value::String(vm.new_string("Performance"));
    vm.define_data_property(
        performance,
        crate::atom::PropertyKey::Symbol(tag),
        tag_value,
        crate::shape::Attributes::CONFIGURABLE_ONLY,
    );
    vm.close_handle_scope(scope);
    Value::Object(performance)
}

/// Installs `process` on the global object with `argv` set to `arguments` and `env` holding
/// the real environment of the process.
///
/// Performance decision: `process` is created on first use (see `crate::lazy_globals`); a
/// program that never reads it does not pay for the copy of the environment in `env`
/// (~115 KB of JS strings and properties in a typical shell).
pub fn install_process(vm: &mut Vm, arguments: &[String]) {
    vm.event_loop.process_arguments = arguments.to_vec();
    vm.define_lazy_global("process", create_process);
}

/// Creates the `process` object from the arguments `install_process` kept.
fn create_process(vm: &mut Vm) -> Value {
    let scope = vm.open_handle_scope();
    let process = vm.new_object();
    vm.root(Value::Object(process));

    let arguments = std::mem::take(&mut vm.event_loop.process_arguments);
    let argument_values: Vec<Value> = arguments
        .iter()
        .map(|argument| Value::String(vm.new_string(argument)))
        .collect();
    let argv = vm.new_array(argument_values);
    set(vm, process, "argv", Value::Object(argv));
    let exec_argv = vm.new_array(Vec::new());
    set(vm, process, "execArgv", Value::Object(exec_argv));
    let platform = Value::String(vm.new_string(std::env::consts::OS));
    set(vm, process, "platform", platform);
    let architecture = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        other => other,
    };
    let architecture = Value::String(vm.new_string(architecture));
    set(vm, process, "arch", architecture);
    set(
        vm,
        process,
        "pid",
        Value::Number(f64::from(std::process::id())),
    );
    let title = Value::String(vm.new_string("typescript-eval-runner"));
    set(vm, process, "title", title);
    set(vm, process, "exitCode", Value::Undefined);

    let environment = vm.new_object();
    set(vm, process, "env", Value::Object(environment));
    for (name, value) in std::env::vars_os() {
        let (Some(name), Some(value)) = (name.to_str(), value.to_str()) else {
            continue;
        };
        let value = Value::String(vm.new_string(value));
        set(vm, environment, name, value);
    }

    let stdout = vm.new_object();
    set(vm, process, "stdout", Value::Object(stdout));
    method(vm, stdout, "write", 1, |vm, _, args| {
        write_chunk(vm, args, OutputStream::Stdout)
    });
    set(vm, stdout, "isTTY", Value::Boolean(false));
    set(vm, stdout, "fd", Value::Number(1.0));
    let stderr = vm.new_object();
    set(vm, process, "stderr", Value::Object(stderr));
    method(vm, stderr, "write", 1, |vm, _, args| {
        write_chunk(vm, args, OutputStream::Stderr)
    });
    set(vm, stderr, "isTTY", Value::Boolean(false));
    set(vm, stderr, "fd", Value::Number(2.0));

    method(vm, process, "exit", 1, process_exit);
    method(vm, process, "nextTick", 1, next_tick);
    let hrtime = method(vm, process, "hrtime", 1, hrtime);
    method(vm, hrtime, "bigint", 0, |vm, _, _| {
        let nanoseconds = vm.event_loop.clock_start.elapsed().as_nanos();
        let nanoseconds = i128::try_from(nanoseconds).unwrap_or(i128::MAX);
        Ok(Value::BigInt(vm.new_bigint(nanoseconds)))
    });
    method(vm, process, "uptime", 0, |vm, _, _| {
        Ok(Value::Number(vm.event_loop.elapsed_milliseconds() / 1000.0))
    });
    method(vm, process, "cwd", 0, |vm, _, _| {
        let directory = std::env::current_dir()
            .map(|path| path.to_string_lossy().into_owned())
            .unwrap_or_else(|_| "/".to_string());
        Ok(Value::String(vm.new_string(&directory)))
    });
    method(vm, process, "memoryUsage", 0, memory_usage);
    method(vm, process, "on", 2, |_, this, _| Ok(this));
    method(vm, process, "once", 2, |_, this, _| Ok(this));
    method(vm, process, "off", 2, |_, this, _| Ok(this));

    vm.close_handle_scope(scope);
    Value::Object(process)
}

fn set(vm: &mut Vm, object: ObjectRef, name: &str, value: Value) {
    let key = vm.property_key_from_str(name);
    let _ = vm.create_data_property(object, key, value);
}

#[derive(Clone, Copy)]
enum OutputStream {
    Stdout,
    Stderr,
}

/// `process.stdout.write(chunk)` / `process.stderr.write(chunk)`: a string, or the bytes of a
/// Uint8Array decoded as UTF-8. Returns `true` (the write never has to wait).
fn write_chunk(vm: &mut Vm, args: Args, stream: OutputStream) -> JsResult<Value> {
    let chunk = args.get(vm, 0);
    let text = match chunk {
        Value::String(string) => vm.string_to_rust(string),
        Value::Object(object) => match uint8_array_bytes(vm, object) {
            Some(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            None => return invalid_chunk(vm, chunk),
        },
        _ => return invalid_chunk(vm, chunk),
    };
    match stream {
        OutputStream::Stdout => vm.host.write_stdout(&text),
        OutputStream::Stderr => vm.host.write_stderr(&text),
    }
    // A callback argument (`write(chunk, callback)` or `write(chunk, encoding, callback)`)
    // runs after the write completed, as a tick.
    let callback = [args.get(vm, 1), args.get(vm, 2)]
        .into_iter()
        .find(|candidate| vm.is_callable(*candidate));
    if let Some(callback) = callback {
        vm.event_loop
            .ticks
            .push_back(Job::call(callback, Value::Undefined, Vec::new()));
    }
    Ok(Value::Boolean(true))
}

fn uint8_array_bytes(vm: &mut Vm, object: ObjectRef) -> Option<Vec<u8>> {
    let view = vm.typed_array_data(object)?;
    if !matches!(vm.object(object).kind, ObjectKind::TypedArray(_)) || view.element_type.size() != 1
    {
        return None;
    }
    let length = vm.typed_array_length(&view)?;
    let mut bytes = Vec::with_capacity(length);
    for index in 0..length {
        let value = vm.typed_array_read(&view, index);
        bytes.push(value.as_number().unwrap_or(0.0) as u8);
    }
    Some(bytes)
}

fn invalid_chunk(vm: &mut Vm, chunk: Value) -> JsResult<Value> {
    let received = describe_received(vm, chunk);
    vm.throw_type_error(&format!(
        "The \"chunk\" argument must be of type string or an instance of Buffer, TypedArray, \
         or DataView. {received}"
    ))
}

/// Node's "Received ..." suffix of argument-type errors (`ERR_INVALID_ARG_TYPE`).
pub(crate) fn describe_received(vm: &mut Vm, value: Value) -> String {
    match value {
        Value::Undefined | Value::Hole => "Received undefined".to_string(),
        Value::Null => "Received null".to_string(),
        Value::Boolean(boolean) => format!("Received type boolean ({boolean})"),
        Value::Number(_) => {
            let text = vm.to_rust_string(value).unwrap_or_default();
            format!("Received type number ({text})")
        }
        Value::BigInt(_) => {
            let text = vm.to_rust_string(value).unwrap_or_default();
            format!("Received type bigint ({text}n)")
        }
        Value::Symbol(_) => "Received type symbol".to_string(),
        Value::String(string) => {
            let text = vm.string_to_rust(string);
            let shown: String = if text.chars().count() > 28 {
                format!("{}...", text.chars().take(25).collect::<String>())
            } else {
                text
            };
            format!("Received type string ('{shown}')")
        }
        Value::Object(object) if vm.object(object).is_callable() => {
            let description = vm.describe_value_for_error(value);
            format!("Received {description}")
        }
        Value::Object(_) => {
            let description = vm.describe_receiver_for_error(value);
            let name = description.trim_start_matches("#<").trim_end_matches('>');
            let name = if name == "[object Array]" {
                "Array"
            } else {
                name
            };
            format!("Received an instance of {name}")
        }
    }
}

/// `process.exit([code])`: records the request and terminates (see the module documentation).
fn process_exit(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let argument = args.get(vm, 0);
    let code = match argument {
        Value::Undefined => vm.normal_exit_code(),
        other => {
            let number = vm.to_number(other)?;
            exit_code_from_value(Value::Number(number.trunc())).unwrap_or(0)
        }
    };
    vm.event_loop.exit_request = Some(code);
    vm.host.flush();
    Err(Value::Undefined)
}

/// `process.nextTick(callback, ...arguments)`.
fn next_tick(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let callback = args.get(vm, 0);
    if !vm.is_callable(callback) {
        let received = describe_received(vm, callback);
        return vm.throw_type_error(&format!(
            "The \"callback\" argument must be of type function. {received}"
        ));
    }
    let arguments = args.rest(vm, 1);
    vm.event_loop
        .ticks
        .push_back(Job::call(callback, Value::Undefined, arguments));
    Ok(Value::Undefined)
}

/// `process.hrtime([previous])`: `[seconds, nanoseconds]` since an arbitrary origin, or the
/// difference from `previous`.
fn hrtime(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let elapsed = vm.event_loop.clock_start.elapsed();
    let mut seconds = elapsed.as_secs() as f64;
    let mut nanoseconds = f64::from(elapsed.subsec_nanos());
    if let Value::Object(previous) = args.get(vm, 0) {
        let zero = crate::atom::PropertyKey::Index(0);
        let one = crate::atom::PropertyKey::Index(1);
        let previous_seconds = vm.get(previous, zero)?;
        let previous_nanoseconds = vm.get(previous, one)?;
        seconds -= vm.to_number(previous_seconds)?;
        nanoseconds -= vm.to_number(previous_nanoseconds)?;
        if nanoseconds < 0.0 {
            seconds -= 1.0;
            nanoseconds += 1e9;
        }
    }
    let pair = vm.new_array(vec![Value::Number(seconds), Value::Number(nanoseconds)]);
    Ok(Value::Object(pair))
}

/// `process.memoryUsage()`: `rss` from the operating system, the heap figures from the
/// resident size as well (the VM does not count bytes per arena).
fn memory_usage(vm: &mut Vm, _this: Value, _args: Args) -> JsResult<Value> {
    let resident = resident_set_bytes().unwrap_or(0) as f64;
    let usage = vm.new_object();
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(usage));
    for (name, value) in [
        ("rss", resident),
        ("heapTotal", resident),
        ("heapUsed", resident),
        ("external", 0.0),
        ("arrayBuffers", 0.0),
    ] {
        set(vm, usage, name, Value::Number(value));
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(usage))
}

fn resident_set_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes * 1024)
}
