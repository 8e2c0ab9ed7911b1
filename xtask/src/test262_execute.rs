//! Running one test262 test file in process: the harness, the runs its flags ask for, and
//! the verdict of each run.
//!
//! A run uses a fresh [`tseval::Runtime`] whose output goes to a
//! [`tseval_vm::host::CaptureHost`], with `$262` and `print` installed
//! ([`tseval_vm::test262_host`]). The harness files `assert.js` and `sta.js`, then
//! `doneprintHandle.js` for `async` tests, then the test's `includes:` run as separate scripts
//! before the test itself (`raw` tests run alone). Each worker thread compiles each harness
//! file once ([`HarnessCache`]) and links the bytecode into every fresh realm, which is cheap.
//!
//! Modes: the strict run prepends `"use strict";\n` to the test text; module tests
//! (`flags: [module]`) run as the entry module of a module graph after the harness scripts,
//! with [`tseval::FileModuleLoader`] resolving their `_FIXTURE.js` imports beside the test. A
//! resolution-phase negative test passes when loading or linking throws the expected error.
//! Every run can use dynamic `import()` through the same loader.
//!
//! Verdicts: a parse-phase negative test passes when compilation fails with the expected type
//! (the engine reports every early error as a SyntaxError); a runtime-phase negative test
//! passes when the script throws an object whose `constructor.name` is the expected type; any
//! other test passes when it completes without an uncaught exception and, for `async` tests,
//! when the output contains `Test262:AsyncTestComplete` (and no `Test262:AsyncTestFailure:`)
//! after the job queue and timers were drained. Each run is wrapped in `catch_unwind`, so a
//! Rust panic is a failure carrying its message and location (recorded by the quiet panic
//! hook the worker installs into [`LAST_PANIC_LOCATION`]).
//!
//! Failure reasons group failures in the known-failures file: the error's constructor name and
//! the first line of its message with quoted values and numbers replaced, e.g.
//! `Test262Error: Expected SameValue(«…», «…») to be true`, or `timeout`, `panic: ...`.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::{Duration, Instant};

use tseval::SourceGoal;

/// The harness files and the test are separate scripts of one realm: top-level lexical
/// declarations of one (such as `const ctors` in resizableArrayBufferUtils.js) are visible
/// to the next, as the specification requires.
const SHARED_GLOBALS: tseval::ScriptOptions = tseval::ScriptOptions {
    completion_value: false,
    global_lexical_declarations: true,
};
use tseval_compiler::CompiledScript;
use tseval_vm::Vm;
use tseval_vm::host::{CaptureHost, CapturedOutput};

use crate::test262_metadata::{
    NegativePhase, RunMode, TestMetadata, directory_prefix, normalised_message, panic_message,
    read_metadata, relative_test_path, run_modes,
};

/// How much of the worker stack the VM may use for native re-entry before throwing a
/// RangeError (the VM's default assumes an 8 MB main thread; workers get
/// [`crate::test262_worker::WORKER_STACK_BYTES`]).
const NATIVE_STACK_BUDGET_BYTES: usize = 24 * 1024 * 1024;

/// How many times the job queue is drained again after a job threw (an unhandled rejection
/// or an exception in a reaction ends one drain; the host keeps going, like a browser).
const MAX_EVENT_LOOP_RESTARTS: usize = 1000;

/// Where the tests and the harness are and how long one run may take.
#[derive(Debug, Clone)]
pub struct ExecutionSettings {
    /// The test262 `test` folder (or a folder of tests under it): paths are relative to it.
    pub root: PathBuf,
    /// The test262 `harness` folder.
    pub harness: PathBuf,
    /// The interpreter deadline of one run.
    pub time_limit: Duration,
}

/// Why one run of a test failed.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The grouping key in the known-failures file, e.g. `TypeError: … is not a function`.
    pub reason: String,
    /// A one-line detail for the console.
    pub detail: String,
}

impl Failure {
    pub fn new(reason: impl Into<String>, detail: impl Into<String>) -> Failure {
        Failure {
            reason: reason.into(),
            detail: detail.into(),
        }
    }
}

/// The result of one test file (all its runs).
#[derive(Debug, Clone)]
pub struct TestOutcome {
    /// Path relative to the test262 `test` folder, with `/` separators.
    pub relative_path: String,
    /// The runs the flags asked for (empty when the test is not applicable to this host).
    pub modes: Vec<RunMode>,
    /// The failing runs, in run order.
    pub failures: Vec<(RunMode, Failure)>,
}

impl TestOutcome {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }

    pub fn not_applicable(&self) -> bool {
        self.modes.is_empty()
    }

    /// The line of the known-failures file: the path, plus `[mode]` when not every run fails.
    pub fn known_failure_line(&self) -> Option<String> {
        if self.failures.is_empty() {
            None
        } else if self.failures.len() == self.modes.len() {
            Some(self.relative_path.clone())
        } else {
            let modes: Vec<&str> = self.failures.iter().map(|(mode, _)| mode.name()).collect();
            Some(format!("{} [{}]", self.relative_path, modes.join(",")))
        }
    }

    pub fn failing_modes(&self) -> BTreeSet<RunMode> {
        self.failures.iter().map(|(mode, _)| *mode).collect()
    }
}

/// Compiled harness files of one worker thread, by file name (an error is kept too, so a
/// broken harness file is reported once per test rather than recompiled).
pub type HarnessCache = HashMap<String, Result<Rc<CompiledScript>, String>>;

/// Compiles (once) and returns a harness file.
fn harness_script(
    cache: &mut HarnessCache,
    harness_directory: &Path,
    name: &str,
) -> Result<Rc<CompiledScript>, String> {
    cache
        .entry(name.to_string())
        .or_insert_with(|| {
            let path = harness_directory.join(name);
            let source = std::fs::read_to_string(&path)
                .map_err(|error| format!("cannot read harness {}: {error}", path.display()))?;
            tseval::compile_with_options(&source, name, SourceGoal::Script, SHARED_GLOBALS)
                .map(Rc::new)
                .map_err(|diagnostic| {
                    format!("harness {name} does not compile: {}", diagnostic.message)
                })
        })
        .clone()
}

/// Sets the interpreter's deadline for the run that starts now.
fn arm_time_limit(vm: &mut Vm, time_limit: Duration) {
    vm.interpreter.interrupt_deadline = Some(Instant::now() + time_limit);
}

/// Whether the interpreter stopped the run because its deadline passed.
fn time_limit_expired(vm: &Vm) -> bool {
    vm.interpreter.interrupted
}

/// The reason and detail of an uncaught exception.
fn exception_failure(vm: &mut Vm, thrown: tseval::Value, context: &str) -> Failure {
    if time_limit_expired(vm) {
        return Failure::new("timeout", format!("{context}: time limit exceeded"));
    }
    let (name, message) = tseval_vm::test262_host::describe_thrown_value(vm, thrown);
    let name = name.unwrap_or_else(|| "thrown non-error".to_string());
    let first_line = message.lines().next().unwrap_or("").trim();
    Failure::new(
        shorten(&format!(
            "{name}: {}",
            normalised_failure_message(first_line)
        )),
        format!("{context}: {name}: {first_line}"),
    )
}

/// Groups messages that differ only in quoted values or numbers.
fn normalised_failure_message(message: &str) -> String {
    let quoted = normalised_message(message);
    let mut result = String::with_capacity(quoted.len());
    let mut in_guillemets = false;
    // Inside a word (`Test262Error`, `Float64Array`) digits are part of a name and stay.
    let mut in_word = false;
    let mut in_number = false;
    for character in quoted.chars() {
        let mut number_continues = false;
        match character {
            '«' => {
                in_guillemets = true;
                result.push_str("«…»");
            }
            '»' if in_guillemets => in_guillemets = false,
            _ if in_guillemets => {}
            '0'..='9' | '.' if in_number => number_continues = true,
            '0'..='9' if !in_word => {
                result.push('N');
                number_continues = true;
            }
            _ => result.push(character),
        }
        in_number = number_continues;
        in_word = !number_continues
            && (character.is_alphanumeric() || character == '_' || character == '$');
    }
    result
}

/// Caps a reason at a readable length (on a character boundary).
fn shorten(text: &str) -> String {
    const LIMIT: usize = 100;
    if text.chars().count() <= LIMIT {
        text.to_string()
    } else {
        let cut: String = text.chars().take(LIMIT).collect();
        format!("{cut}…")
    }
}

/// Runs the queued jobs and timers to the end. Returns the first exception a job threw (the
/// drain continues after it, the way a host reports and moves on).
fn drain_event_loop(vm: &mut Vm) -> Option<tseval::Value> {
    let mut first_error = None;
    for _ in 0..MAX_EVENT_LOOP_RESTARTS {
        match vm.run_event_loop() {
            Ok(()) => break,
            Err(thrown) => {
                if first_error.is_none() {
                    first_error = Some(thrown);
                    vm.root(thrown);
                }
                if time_limit_expired(vm) {
                    break;
                }
            }
        }
    }
    first_error
}

/// Everything one run needs besides the test text.
struct RunContext<'a> {
    relative_path: &'a str,
    root: &'a Path,
    metadata: &'a TestMetadata,
    harness_directory: &'a Path,
    time_limit: Duration,
}

/// One run of a test in `mode`.
fn run_in_mode(
    context: &RunContext<'_>,
    source: &str,
    mode: RunMode,
    cache: &mut HarnessCache,
) -> Result<(), Failure> {
    let metadata = context.metadata;
    let mut scripts: Vec<(String, Rc<CompiledScript>)> = Vec::new();
    if !metadata.raw {
        let mut names = vec!["assert.js".to_string(), "sta.js".to_string()];
        if metadata.is_async {
            names.push("doneprintHandle.js".to_string());
        }
        names.extend(metadata.includes.iter().cloned());
        for name in names {
            let script = harness_script(cache, context.harness_directory, &name)
                .map_err(|message| Failure::new("harness file failed to compile", message))?;
            scripts.push((name, script));
        }
    }
    let text = if mode == RunMode::Strict {
        format!("\"use strict\";\n{source}")
    } else {
        source.to_string()
    };
    let negative = metadata.negative.as_ref();
    let goal = if mode == RunMode::Module {
        SourceGoal::Module
    } else {
        SourceGoal::Script
    };
    let test_script =
        match tseval::compile_with_options(&text, context.relative_path, goal, SHARED_GLOBALS) {
            Ok(script) => script,
            Err(diagnostic) => {
                return match negative {
                    Some(negative) if negative.phase == NegativePhase::Parse => {
                        if negative.error_type == diagnostic.name {
                            Ok(())
                        } else {
                            Err(Failure::new(
                                format!(
                                    "early error of the wrong type (expected {})",
                                    negative.error_type
                                ),
                                diagnostic.message,
                            ))
                        }
                    }
                    _ => Err(Failure::new(
                        shorten(&format!(
                            "SyntaxError (compile): {}",
                            normalised_failure_message(&diagnostic.message)
                        )),
                        format!("{}: {}", diagnostic.location, diagnostic.message),
                    )),
                };
            }
        };
    if let Some(negative) = negative
        && negative.phase == NegativePhase::Parse
    {
        return Err(Failure::new(
            format!(
                "missing early error: {}",
                directory_prefix(context.relative_path, 3)
            ),
            format!(
                "expected a {} at parse time; the test compiled",
                negative.error_type
            ),
        ));
    }

    let (host, output) = CaptureHost::new();
    let mut runtime = tseval::Runtime::with_host(Box::new(host));
    let vm = runtime.vm();
    vm.native_stack_budget = NATIVE_STACK_BUDGET_BYTES;
    tseval_vm::test262_host::install(vm);
    vm.set_module_loader(Box::new(tseval::FileModuleLoader::new(context.root)));
    arm_time_limit(vm, context.time_limit);
    for (name, script) in &scripts {
        if let Err(thrown) = tseval_vm::interpreter::run_script(vm, script) {
            let failure = exception_failure(vm, thrown, &format!("harness {name}"));
            return Err(Failure::new(
                format!("harness {name} threw: {}", failure.reason),
                failure.detail,
            ));
        }
    }
    let result = if mode == RunMode::Module {
        let id = vm.register_module(context.relative_path, Rc::new(test_script));
        match vm.run_module(id) {
            Err(thrown) => {
                // Loading and linking errors are the resolution phase.
                return match negative {
                    Some(negative) if negative.phase == NegativePhase::Resolution => {
                        let (name, message) =
                            tseval_vm::test262_host::describe_thrown_value(vm, thrown);
                        if name.as_deref() == Some(negative.error_type.as_str()) {
                            Ok(())
                        } else {
                            Err(Failure::new(
                                format!(
                                    "negative test threw the wrong error (expected {})",
                                    negative.error_type
                                ),
                                format!("threw {}: {message}", name.unwrap_or_default()),
                            ))
                        }
                    }
                    _ => Err(exception_failure(vm, thrown, "module loading/linking")),
                };
            }
            Ok(promise) => {
                if let Some(negative) = negative
                    && negative.phase == NegativePhase::Resolution
                {
                    return Err(Failure::new(
                        format!("negative test linked (expected {})", negative.error_type),
                        "expected an error while resolving the module graph",
                    ));
                }
                match vm.promise_outcome(promise) {
                    Some(Err(thrown)) => Err(thrown),
                    None if !metadata.is_async => {
                        // Top-level await: the evaluation settles in the event loop.
                        let job_error = drain_event_loop(vm);
                        match vm.promise_outcome(promise) {
                            Some(Err(thrown)) => Err(thrown),
                            Some(Ok(value)) => match job_error {
                                Some(thrown) => Err(thrown),
                                None => Ok(value),
                            },
                            None => Ok(tseval::Value::Undefined),
                        }
                    }
                    _ => Ok(tseval::Value::Undefined),
                }
            }
        }
    } else {
        tseval_vm::interpreter::run_script(vm, &test_script)
    };
    match (result, negative) {
        (Err(thrown), Some(negative)) if negative.phase == NegativePhase::Runtime => {
            if time_limit_expired(vm) {
                return Err(exception_failure(vm, thrown, "test"));
            }
            let (name, message) = tseval_vm::test262_host::describe_thrown_value(vm, thrown);
            if name.as_deref() == Some(negative.error_type.as_str()) {
                return Ok(());
            }
            return Err(Failure::new(
                format!(
                    "negative test threw the wrong error (expected {})",
                    negative.error_type
                ),
                format!("threw {}: {message}", name.unwrap_or_default()),
            ));
        }
        (Err(thrown), _) => return Err(exception_failure(vm, thrown, "test")),
        (Ok(_), Some(negative)) if !metadata.is_async => {
            return Err(Failure::new(
                format!("negative test completed (expected {})", negative.error_type),
                format!(
                    "expected a {} in phase {:?}; the test completed normally",
                    negative.error_type, negative.phase
                ),
            ));
        }
        (Ok(_), _) => {}
    }
    if time_limit_expired(vm) {
        // The deadline's RangeError is catchable: a test that swallowed it still timed out.
        return Err(Failure::new(
            "timeout",
            "time limit exceeded (the test caught the interrupt)",
        ));
    }
    let job_error = drain_event_loop(vm);
    if time_limit_expired(vm) {
        return Err(Failure::new(
            "timeout",
            "time limit exceeded in the event loop",
        ));
    }
    if metadata.is_async {
        return async_verdict(vm, &output, job_error);
    }
    Ok(())
}

/// The verdict of an `async` test from what it printed.
fn async_verdict(
    vm: &mut Vm,
    output: &CapturedOutput,
    job_error: Option<tseval::Value>,
) -> Result<(), Failure> {
    let stdout = output.stdout_text();
    if let Some(line) = stdout
        .lines()
        .find(|line| line.starts_with("Test262:AsyncTestFailure:"))
    {
        let message = line.trim_start_matches("Test262:AsyncTestFailure:");
        return Err(Failure::new(
            shorten(&format!("async: {}", normalised_failure_message(message))),
            line.to_string(),
        ));
    }
    if stdout
        .lines()
        .any(|line| line == "Test262:AsyncTestComplete")
    {
        return Ok(());
    }
    match job_error {
        Some(thrown) => {
            let failure = exception_failure(vm, thrown, "job");
            Err(Failure::new(
                format!("async: job threw: {}", failure.reason),
                failure.detail,
            ))
        }
        None => Err(Failure::new(
            "async test never called $DONE",
            "the job queue drained without Test262:AsyncTestComplete",
        )),
    }
}

thread_local! {
    /// Where the last panic on this thread happened (set by the quiet panic hook).
    pub static LAST_PANIC_LOCATION: std::cell::RefCell<String> =
        const { std::cell::RefCell::new(String::new()) };
}

/// Runs every mode of one test file, each under `catch_unwind`.
pub fn run_test_file(
    settings: &ExecutionSettings,
    path: &Path,
    cache: &mut HarnessCache,
) -> TestOutcome {
    let relative_path = relative_test_path(&settings.root, path);
    let source = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(error) => {
            return TestOutcome {
                relative_path,
                modes: vec![RunMode::Sloppy],
                failures: vec![(
                    RunMode::Sloppy,
                    Failure::new("unreadable test file", error.to_string()),
                )],
            };
        }
    };
    let metadata = read_metadata(&source);
    if metadata.can_block_is_false {
        // This host's agent can block: the test does not apply (the flag asks to skip it).
        return TestOutcome {
            relative_path,
            modes: Vec::new(),
            failures: Vec::new(),
        };
    }
    let modes = run_modes(&metadata).to_vec();
    let mut failures = Vec::new();
    let context = RunContext {
        relative_path: &relative_path,
        root: &settings.root,
        metadata: &metadata,
        harness_directory: &settings.harness,
        time_limit: settings.time_limit,
    };
    for &mode in &modes {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run_in_mode(&context, &source, mode, cache)
        }));
        match result {
            Ok(Ok(())) => {}
            Ok(Err(failure)) => failures.push((mode, failure)),
            Err(payload) => {
                let message = panic_message(payload.as_ref());
                let location = LAST_PANIC_LOCATION.with(|location| location.borrow().clone());
                let first_line = message.lines().next().unwrap_or("").to_string();
                failures.push((
                    mode,
                    Failure::new(
                        shorten(&format!(
                            "panic: {}",
                            normalised_failure_message(&first_line)
                        )),
                        format!("Rust panic at {location}: {message}"),
                    ),
                ));
            }
        }
    }
    TestOutcome {
        relative_path,
        modes,
        failures,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(modes: &[RunMode], failing: &[RunMode]) -> TestOutcome {
        TestOutcome {
            relative_path: "built-ins/Array/x.js".to_string(),
            modes: modes.to_vec(),
            failures: failing
                .iter()
                .map(|mode| (*mode, Failure::new("TypeError: x", "detail")))
                .collect(),
        }
    }

    #[test]
    fn known_failure_lines_name_the_mode_only_when_one_run_fails() {
        let both = [RunMode::Sloppy, RunMode::Strict];
        assert_eq!(
            outcome(&both, &both).known_failure_line().as_deref(),
            Some("built-ins/Array/x.js")
        );
        assert_eq!(
            outcome(&both, &[RunMode::Strict])
                .known_failure_line()
                .as_deref(),
            Some("built-ins/Array/x.js [strict]")
        );
        assert_eq!(outcome(&both, &[]).known_failure_line(), None);
        assert!(outcome(&both, &[]).passed());
    }

    #[test]
    fn failure_messages_are_grouped_without_values() {
        assert_eq!(
            normalised_failure_message("Expected SameValue(«1», «\"a\"») to be true"),
            "Expected SameValue(«…», «…») to be true"
        );
        assert_eq!(
            normalised_failure_message("index 12 out of range 3.5 in Float64Array"),
            "index N out of range N in Float64Array"
        );
        assert_eq!(shorten(&"x".repeat(150)).chars().count(), 101);
    }
}
