//! `cargo xtask test262 [FILTER] [--root PATH] [-j N] [--check|--update] ...`: the engine
//! against the test262 conformance suite, in process.
//!
//! Every test file under `test/{language,built-ins,annexB}` (or under `--root`) runs in the
//! goal and modes its frontmatter asks for (see [`crate::test262_metadata`]):
//!
//! * no mode flag: twice, sloppy and strict (the strict run prepends `"use strict";\n`);
//! * `onlyStrict` / `noStrict` / `raw`: once, strict / sloppy / sloppy without any harness;
//! * `module`: once as a module. The engine has no module loader yet, so these runs fail with
//!   the reason `modules not supported` (counted, never skipped silently);
//! * `CanBlockIsFalse`: not applicable (this host's agent can block), so not run and not
//!   counted; `CanBlockIsTrue` runs normally.
//!
//! A run uses a fresh [`tseval::Runtime`] whose output goes to a
//! [`tseval_vm::host::CaptureHost`], with `$262` and `print` installed
//! ([`tseval_vm::test262_host`]). The harness files `assert.js` and `sta.js`, then
//! `doneprintHandle.js` for `async` tests, then the test's `includes:` run as separate scripts
//! before the test itself. Each worker thread compiles each harness file once and keeps the
//! bytecode; linking into each fresh realm is cheap.
//!
//! Verdicts: a parse-phase negative test passes when compilation fails (the engine reports
//! every early error as a SyntaxError); a runtime-phase negative test passes when the script
//! throws an object whose `constructor.name` is the expected type; any other test passes when
//! it completes without an uncaught exception and, for `async` tests, when the output contains
//! `Test262:AsyncTestComplete` (and no `Test262:AsyncTestFailure:`) after the job queue and
//! timers were drained.
//!
//! Robustness: every run is wrapped in `catch_unwind` (a Rust panic is a failure with its
//! message, while a quiet panic hook keeps the output readable); the interpreter's deadline
//! (`InterpreterState::interrupt_deadline`) stops runaway JavaScript after `--timeout`
//! seconds; and a watchdog abandons a worker whose test is stuck in native code for longer
//! than the hard limit, records a timeout, and starts a replacement worker.
//!
//! Results are printed per top-level and second-level directory. The known-failures file
//! (`tests/test262/known-failures.txt`) lists every failing test under `# reason` headers,
//! with a `[mode]` suffix when only one of its runs fails. `--check` fails on new failures and
//! on unexpected passes; `--update` rewrites the file and `docs/CONFORMANCE.md`.
//!
//! `cargo xtask` builds xtask in debug mode; a debug build of the engine is several times
//! slower, so without `--no-release` this subcommand re-invokes itself through
//! `cargo run --release -p xtask` (a full run takes minutes in release, far longer in debug).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tseval::SourceGoal;
use tseval_compiler::CompiledScript;
use tseval_vm::Vm;
use tseval_vm::host::{CaptureHost, CapturedOutput};

use crate::test262_metadata::{
    NegativePhase, RunMode, TestMetadata, collect_filtered_test_files, directory_prefix,
    normalised_message, panic_message, percent, read_known_failures, read_metadata,
    relative_test_path, run_modes,
};
use crate::{test262_allocator, workspace_layout};

/// Stack size of each worker thread. The VM bounds native recursion with its own budget
/// (`NATIVE_STACK_BUDGET_BYTES`, checked at every native re-entry); the thread stack only has
/// to stay comfortably above that budget plus the parser's and compiler's nesting limits.
const WORKER_STACK_BYTES: usize = 64 * 1024 * 1024;

/// How much of the worker stack the VM may use for native re-entry before throwing a
/// RangeError (the VM's default assumes an 8 MB main thread).
const NATIVE_STACK_BUDGET_BYTES: usize = 24 * 1024 * 1024;

/// The per-run time limit when `--timeout` is not given.
const DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(10);

/// How long past its time limit a run may stay in native code (which never sees the
/// interpreter's deadline) before the watchdog abandons its worker thread.
const HARD_LIMIT_GRACE: Duration = Duration::from_secs(20);

/// How many times the job queue is drained again after a job threw (an unhandled rejection
/// or an exception in a reaction ends one drain; the host keeps going, like a browser).
const MAX_EVENT_LOOP_RESTARTS: usize = 1000;

/// The header of the known-failures file.
const KNOWN_FAILURES_HEADER: &str = "\
# test262 known failures: a ratchet for `cargo xtask test262 --check`.
# Regenerate with `cargo xtask test262 --update`. Paths are relative to test262/test; a
# `[mode]` suffix means only that run fails. Grouped under the first failure's reason.
";

/// Command-line options of the subcommand.
#[derive(Clone)]
struct Options {
    filter: Option<String>,
    /// The test262 `test` folder (or any folder of tests under it).
    root: PathBuf,
    /// The test262 `harness` folder.
    harness: PathBuf,
    known_failures_path: PathBuf,
    document_path: PathBuf,
    check: bool,
    update: bool,
    write_document: bool,
    workers: usize,
    /// How many failure details to print (the first N in path order).
    show: usize,
    time_limit: Duration,
}

/// Why one run of a test failed.
#[derive(Debug, Clone)]
struct Failure {
    /// The grouping key in the known-failures file, e.g. `TypeError: … is not a function`.
    reason: String,
    /// A one-line detail for the console.
    detail: String,
}

impl Failure {
    fn new(reason: impl Into<String>, detail: impl Into<String>) -> Failure {
        Failure {
            reason: reason.into(),
            detail: detail.into(),
        }
    }
}

/// The result of one test file (all its runs).
#[derive(Debug, Clone)]
struct TestOutcome {
    /// Path relative to the test262 `test` folder, with `/` separators.
    relative_path: String,
    /// The runs the flags asked for (empty when the test is not applicable to this host).
    modes: Vec<RunMode>,
    /// The failing runs, in run order.
    failures: Vec<(RunMode, Failure)>,
}

impl TestOutcome {
    fn passed(&self) -> bool {
        self.failures.is_empty()
    }

    fn not_applicable(&self) -> bool {
        self.modes.is_empty()
    }

    /// The line of the known-failures file: the path, plus `[mode]` when not every run fails.
    fn known_failure_line(&self) -> Option<String> {
        if self.failures.is_empty() {
            None
        } else if self.failures.len() == self.modes.len() {
            Some(self.relative_path.clone())
        } else {
            let modes: Vec<&str> = self.failures.iter().map(|(mode, _)| mode.name()).collect();
            Some(format!("{} [{}]", self.relative_path, modes.join(",")))
        }
    }

    fn failing_modes(&self) -> BTreeSet<RunMode> {
        self.failures.iter().map(|(mode, _)| *mode).collect()
    }
}

pub fn run(arguments: &[String]) -> u8 {
    let options = match parse_arguments(arguments) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("xtask test262: {message}");
            return 2;
        }
    };
    if cfg!(debug_assertions) && !arguments.iter().any(|argument| argument == "--no-release") {
        return rerun_in_release(arguments);
    }
    let started = Instant::now();
    let files = match collect_filtered_test_files(&options.root, options.filter.as_deref()) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("xtask test262: {message}");
            return 2;
        }
    };
    if files.is_empty() {
        eprintln!("xtask test262: no test files matched");
        return 2;
    }
    println!(
        "running {} test files with {} workers ({}s limit per run)",
        files.len(),
        options.workers,
        options.time_limit.as_secs()
    );
    let outcomes = run_all(&options, files);
    let elapsed = started.elapsed();
    let summary = summarise(&outcomes);
    print!("{}", summary.console_table());
    for outcome in outcomes
        .iter()
        .filter(|outcome| !outcome.passed())
        .take(options.show)
    {
        for (mode, failure) in &outcome.failures {
            println!(
                "FAIL {} [{}]: {} ({})",
                outcome.relative_path,
                mode.name(),
                failure.detail,
                failure.reason
            );
        }
    }
    print!("{}", summary.top_reasons_text(15));
    println!(
        "{} files in {:.1}s",
        outcomes.len(),
        elapsed.as_secs_f64()
    );
    let mut status = 0;
    if options.update || options.write_document {
        if options.filter.is_some() || options.root != default_test_root() {
            eprintln!(
                "xtask test262: not writing {} for a partial run (FILTER or --root given)",
                options.document_path.display()
            );
        } else if let Err(message) = write_document(&options, &summary, elapsed) {
            eprintln!("xtask test262: {message}");
            status = 2;
        }
    }
    if options.update {
        let update_status = update_known_failures(&options, &outcomes);
        status = status.max(update_status);
    }
    if options.check {
        status = status.max(check_known_failures(&options, &outcomes));
    }
    status
}

/// Re-invokes this subcommand through `cargo run --release -p xtask`.
fn rerun_in_release(arguments: &[String]) -> u8 {
    println!("xtask test262: re-running in a release build (pass --no-release to stay in debug)");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(workspace_layout::repository_root())
        .args(["run", "--quiet", "--release", "-p", "xtask", "--", "test262"])
        .args(arguments)
        .arg("--no-release")
        .status();
    match status {
        Ok(status) => status.code().map_or(2, |code| code.clamp(0, 255) as u8),
        Err(error) => {
            eprintln!("xtask test262: cannot run cargo: {error}");
            2
        }
    }
}

fn default_test_root() -> PathBuf {
    workspace_layout::shared_directory()
        .join("test262")
        .join("test")
}

fn parse_arguments(arguments: &[String]) -> Result<Options, String> {
    let repository = workspace_layout::repository_root();
    let mut options = Options {
        filter: None,
        root: default_test_root(),
        harness: PathBuf::new(),
        known_failures_path: repository
            .join("tests")
            .join("test262")
            .join("known-failures.txt"),
        document_path: repository.join("docs").join("CONFORMANCE.md"),
        check: false,
        update: false,
        write_document: false,
        workers: std::thread::available_parallelism().map_or(2, |count| count.get()),
        show: 0,
        time_limit: DEFAULT_TIME_LIMIT,
    };
    let mut harness = None;
    let mut index = 0;
    while index < arguments.len() {
        let argument = arguments[index].as_str();
        let mut value = || {
            index += 1;
            arguments
                .get(index)
                .cloned()
                .ok_or_else(|| format!("{argument} needs a value"))
        };
        match argument {
            "--check" => options.check = true,
            "--update" => options.update = true,
            "--write-doc" => options.write_document = true,
            "--no-release" => {}
            "--root" => options.root = PathBuf::from(value()?),
            "--harness" => harness = Some(PathBuf::from(value()?)),
            "--known-failures" => options.known_failures_path = PathBuf::from(value()?),
            "-j" => {
                options.workers = value()?
                    .parse::<usize>()
                    .map_err(|_| "-j needs a number".to_string())?
                    .max(1)
            }
            "--show" => {
                options.show = value()?
                    .parse::<usize>()
                    .map_err(|_| "--show needs a number".to_string())?
            }
            "--timeout" => {
                options.time_limit = Duration::from_secs_f64(
                    value()?
                        .parse::<f64>()
                        .map_err(|_| "--timeout needs a number of seconds".to_string())?
                        .max(0.1),
                )
            }
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            filter => {
                if options.filter.is_some() {
                    return Err("only one FILTER may be given".to_string());
                }
                options.filter = Some(filter.to_string());
            }
        }
        index += 1;
    }
    if options.check && options.update {
        return Err("--check and --update are exclusive".to_string());
    }
    options.harness = match harness {
        Some(path) => path,
        None => find_harness_directory(&options.root)
            .ok_or_else(|| "cannot find the test262 harness folder; pass --harness".to_string())?,
    };
    Ok(options)
}

/// The `harness` folder next to the `test` folder that contains `root`.
fn find_harness_directory(root: &Path) -> Option<PathBuf> {
    let mut current = Some(root);
    while let Some(directory) = current {
        let candidate = directory.join("harness");
        if candidate.join("assert.js").is_file() {
            return Some(candidate);
        }
        current = directory.parent();
    }
    None
}

// ----- running -----

/// Compiled harness files of one worker thread, by file name (an error is kept too, so a
/// broken harness file is reported once per test rather than recompiled).
type HarnessCache = HashMap<String, Result<Rc<CompiledScript>, String>>;

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
            tseval::compile(&source, name, SourceGoal::Script)
                .map(Rc::new)
                .map_err(|diagnostic| {
                    format!("harness {name} does not compile: {}", diagnostic.message)
                })
        })
        .clone()
}

/// Sets the interpreter's deadline for the run that starts now.
fn arm_time_limit(_vm: &mut Vm, _time_limit: Duration) {
    // TEMPORARY until the interpreter deadline lands.
}

/// Whether the interpreter stopped the run because its deadline passed.
fn time_limit_expired(_vm: &Vm) -> bool {
    false
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
        shorten(&format!("{name}: {}", normalised_failure_message(first_line))),
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
    if mode == RunMode::Module {
        return Err(Failure::new(
            "modules not supported",
            "the engine has no module loader yet",
        ));
    }
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
    let test_script = match tseval::compile(&text, context.relative_path, SourceGoal::Script) {
        Ok(script) => script,
        Err(diagnostic) => {
            return match negative {
                Some(negative) if negative.phase == NegativePhase::Parse => {
                    if negative.error_type == diagnostic.name {
                        Ok(())
                    } else {
                        Err(Failure::new(
                            format!("early error of the wrong type (expected {})", negative.error_type),
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
            format!("missing early error: {}", directory_prefix(context.relative_path, 3)),
            format!("expected a {} at parse time; the test compiled", negative.error_type),
        ));
    }

    let (host, output) = CaptureHost::new();
    let mut runtime = tseval::Runtime::with_host(Box::new(host));
    let vm = runtime.vm();
    vm.native_stack_budget = NATIVE_STACK_BUDGET_BYTES;
    tseval_vm::test262_host::install(vm);
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
    let result = tseval_vm::interpreter::run_script(vm, &test_script);
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
                format!("negative test threw the wrong error (expected {})", negative.error_type),
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
    let job_error = drain_event_loop(vm);
    if time_limit_expired(vm) {
        return Err(Failure::new("timeout", "time limit exceeded in the event loop"));
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
            shorten(&format!(
                "async: {}",
                normalised_failure_message(message)
            )),
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
    static LAST_PANIC_LOCATION: std::cell::RefCell<String> =
        const { std::cell::RefCell::new(String::new()) };
}

/// Runs every mode of one test file, each under `catch_unwind`.
fn run_test_file(options: &Options, path: &Path, cache: &mut HarnessCache) -> TestOutcome {
    let relative_path = relative_test_path(&options.root, path);
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
        metadata: &metadata,
        harness_directory: &options.harness,
        time_limit: options.time_limit,
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
                        shorten(&format!("panic: {}", normalised_failure_message(&first_line))),
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

/// What the watchdog knows about one worker thread.
#[derive(Default)]
struct WorkerSlot {
    /// The test index being run and when it started.
    current: Option<(usize, Instant)>,
    /// Set by the watchdog: the worker's results are no longer wanted and it must stop.
    abandoned: bool,
    /// Set by the worker when it ran out of tests.
    finished: bool,
}

/// State shared by the workers and the watchdog.
struct SharedRun {
    options: Options,
    files: Vec<PathBuf>,
    next_index: AtomicUsize,
    results: Mutex<Vec<Option<TestOutcome>>>,
    slots: Mutex<Vec<WorkerSlot>>,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|error| error.into_inner())
}

/// The body of one worker thread: pull test indices until none remain or it is abandoned.
fn worker_loop(shared: &SharedRun, slot_index: usize) {
    test262_allocator::register_worker_thread(slot_index);
    let mut cache = HarnessCache::new();
    loop {
        let index = shared.next_index.fetch_add(1, Ordering::Relaxed);
        let Some(path) = shared.files.get(index) else {
            lock(&shared.slots)[slot_index].finished = true;
            return;
        };
        lock(&shared.slots)[slot_index].current = Some((index, Instant::now()));
        let outcome = run_test_file(&shared.options, path, &mut cache);
        let mut slots = lock(&shared.slots);
        if slots[slot_index].abandoned {
            return;
        }
        slots[slot_index].current = None;
        drop(slots);
        lock(&shared.results)[index] = Some(outcome);
    }
}

fn spawn_worker(shared: &Arc<SharedRun>) {
    let slot_index = {
        let mut slots = lock(&shared.slots);
        slots.push(WorkerSlot::default());
        slots.len() - 1
    };
    let shared = Arc::clone(shared);
    std::thread::Builder::new()
        .name(format!("test262-worker-{slot_index}"))
        .stack_size(WORKER_STACK_BYTES)
        .spawn(move || worker_loop(&shared, slot_index))
        .expect("spawn a test262 worker thread");
}

/// Runs every file on `options.workers` threads under a watchdog; returns the outcomes in
/// file order. Abandoned (stuck) threads are left running detached; the process exits
/// without waiting for them.
fn run_all(options: &Options, files: Vec<PathBuf>) -> Vec<TestOutcome> {
    let count = files.len();
    let shared = Arc::new(SharedRun {
        options: options.clone(),
        files,
        next_index: AtomicUsize::new(0),
        results: Mutex::new(vec![None; count]),
        slots: Mutex::new(Vec::new()),
    });
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|location| format!("{}:{}", location.file(), location.line()))
            .unwrap_or_default();
        LAST_PANIC_LOCATION.with(|slot| *slot.borrow_mut() = location);
    }));
    for _ in 0..options.workers {
        spawn_worker(&shared);
    }
    let hard_limit = options.time_limit + HARD_LIMIT_GRACE;
    let mut last_report = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(100));
        let mut stuck = Vec::new();
        let all_finished = {
            let mut slots = lock(&shared.slots);
            for (slot_index, slot) in slots.iter_mut().enumerate() {
                if slot.abandoned || slot.finished {
                    continue;
                }
                let Some((index, started)) = slot.current else {
                    continue;
                };
                let reason = if test262_allocator::allocation_refused(slot_index) {
                    Failure::new(
                        "out of memory (a single allocation over 1 GiB was refused)",
                        "the engine asked for more than 1 GiB at once",
                    )
                } else if started.elapsed() > hard_limit {
                    Failure::new(
                        "timeout (stuck in native code)",
                        format!("no result after {}s", hard_limit.as_secs()),
                    )
                } else {
                    continue;
                };
                slot.abandoned = true;
                test262_allocator::abandon_worker(slot_index);
                stuck.push((index, reason));
            }
            slots.iter().all(|slot| slot.abandoned || slot.finished)
        };
        for (index, failure) in stuck {
            let relative_path = relative_test_path(&shared.options.root, &shared.files[index]);
            println!(
                "watchdog: {relative_path}: {}; abandoning its worker",
                failure.reason
            );
            let metadata = std::fs::read_to_string(&shared.files[index])
                .map(|source| read_metadata(&source))
                .unwrap_or_default();
            let modes = run_modes(&metadata).to_vec();
            // The test did not finish: every run of it counts as failed.
            let failures = modes.iter().map(|mode| (*mode, failure.clone())).collect();
            lock(&shared.results)[index] = Some(TestOutcome {
                relative_path,
                modes,
                failures,
            });
            spawn_worker(&shared);
        }
        if all_finished && shared.next_index.load(Ordering::Relaxed) >= count {
            break;
        }
        if last_report.elapsed() > Duration::from_secs(30) {
            last_report = Instant::now();
            let done = lock(&shared.results).iter().filter(|result| result.is_some()).count();
            println!("progress: {done}/{count}");
        }
    }
    std::panic::set_hook(previous_hook);
    let results = std::mem::take(&mut *lock(&shared.results));
    results.into_iter().flatten().collect()
}

// ----- reporting -----

/// Pass counts of one group of tests.
#[derive(Default, Clone, Copy)]
struct Tally {
    passed: usize,
    total: usize,
}

impl Tally {
    fn add(&mut self, passed: bool) {
        self.total += 1;
        self.passed += passed as usize;
    }
}

/// The numbers of a run, for the console and the document.
struct Summary {
    top_level: BTreeMap<String, Tally>,
    second_level: BTreeMap<String, Tally>,
    total: Tally,
    not_applicable: usize,
    panics: usize,
    timeouts: usize,
    modules_not_supported: usize,
    /// Failing tests per reason (of the first failing run), most frequent first.
    reasons: Vec<(String, usize)>,
}

fn summarise(outcomes: &[TestOutcome]) -> Summary {
    let mut summary = Summary {
        top_level: BTreeMap::new(),
        second_level: BTreeMap::new(),
        total: Tally::default(),
        not_applicable: 0,
        panics: 0,
        timeouts: 0,
        modules_not_supported: 0,
        reasons: Vec::new(),
    };
    let mut reasons: HashMap<String, usize> = HashMap::new();
    for outcome in outcomes {
        if outcome.not_applicable() {
            summary.not_applicable += 1;
            continue;
        }
        let passed = outcome.passed();
        summary
            .top_level
            .entry(directory_prefix(&outcome.relative_path, 1))
            .or_default()
            .add(passed);
        summary
            .second_level
            .entry(directory_prefix(&outcome.relative_path, 2))
            .or_default()
            .add(passed);
        summary.total.add(passed);
        if let Some((_, failure)) = outcome.failures.first() {
            *reasons.entry(failure.reason.clone()).or_default() += 1;
        }
        let any = |predicate: &dyn Fn(&Failure) -> bool| {
            outcome.failures.iter().any(|(_, failure)| predicate(failure))
        };
        summary.panics += any(&|failure| failure.reason.starts_with("panic")) as usize;
        summary.timeouts += any(&|failure| failure.reason.starts_with("timeout")) as usize;
        summary.modules_not_supported +=
            any(&|failure| failure.reason == "modules not supported") as usize;
    }
    summary.reasons = reasons.into_iter().collect();
    summary
        .reasons
        .sort_by(|left, right| right.1.cmp(&left.1).then_with(|| left.0.cmp(&right.0)));
    summary
}

impl Summary {
    fn console_table(&self) -> String {
        let mut text = String::new();
        let _ = writeln!(
            text,
            "{:<52} {:>7} {:>7} {:>8}",
            "directory", "pass", "total", "percent"
        );
        for (top, tally) in &self.top_level {
            for (directory, tally) in self
                .second_level
                .iter()
                .filter(|(directory, _)| directory_prefix(directory, 1) == *top)
            {
                let _ = writeln!(
                    text,
                    "  {:<50} {:>7} {:>7} {:>7.2}%",
                    directory,
                    tally.passed,
                    tally.total,
                    percent(tally.passed, tally.total)
                );
            }
            let _ = writeln!(
                text,
                "{:<52} {:>7} {:>7} {:>7.2}%",
                top,
                tally.passed,
                tally.total,
                percent(tally.passed, tally.total)
            );
        }
        let _ = writeln!(
            text,
            "TOTAL: {} passed, {} failed of {} ({:.2}%); panics {}, timeouts {}, modules not supported {}, not applicable (CanBlockIsFalse) {}",
            self.total.passed,
            self.total.total - self.total.passed,
            self.total.total,
            percent(self.total.passed, self.total.total),
            self.panics,
            self.timeouts,
            self.modules_not_supported,
            self.not_applicable,
        );
        text
    }

    fn top_reasons_text(&self, count: usize) -> String {
        let mut text = String::from("top failure reasons (failing tests):\n");
        for (reason, tests) in self.reasons.iter().take(count) {
            let _ = writeln!(text, "  {tests:>6}  {reason}");
        }
        text
    }
}

fn write_document(options: &Options, summary: &Summary, elapsed: Duration) -> Result<(), String> {
    let mut text = String::from(
        "# Conformance\n\n\
         <!-- Generated by `cargo xtask test262 --update` (or `--write-doc`); do not edit. -->\n\n\
         Results of the engine on the [test262](https://github.com/tc39/test262) suite in\n\
         `../shared/test262`, directories `test/language`, `test/built-ins` and `test/annexB`.\n\
         Reproduce with:\n\n\
         ```sh\n\
         cargo xtask test262            # add --check to compare with tests/test262/known-failures.txt\n\
         ```\n\n\
         (`cargo xtask test262` re-runs itself as `cargo run --release -p xtask -- test262`.)\n\
         A test passes when all its runs pass: sloppy and strict unless its flags ask for one\n\
         mode. Tests the engine cannot run yet (modules) count as failures; nothing is skipped\n\
         except `CanBlockIsFalse` tests, which do not apply to this host.\n\n",
    );
    let _ = writeln!(
        text,
        "Total: **{} / {} ({:.2}%)**; panics {}, timeouts {}, module tests (unsupported) {}, not applicable {}. Full run: {:.0} s with {} worker threads.\n",
        summary.total.passed,
        summary.total.total,
        percent(summary.total.passed, summary.total.total),
        summary.panics,
        summary.timeouts,
        summary.modules_not_supported,
        summary.not_applicable,
        elapsed.as_secs_f64(),
        options.workers,
    );
    text.push_str("| Directory | Pass | Total | Percent |\n|---|---:|---:|---:|\n");
    for (top, tally) in &summary.top_level {
        let _ = writeln!(
            text,
            "| **{top}** | **{}** | **{}** | **{:.2}%** |",
            tally.passed,
            tally.total,
            percent(tally.passed, tally.total)
        );
        for (directory, tally) in summary
            .second_level
            .iter()
            .filter(|(directory, _)| directory_prefix(directory, 1) == *top && *directory != top)
        {
            let _ = writeln!(
                text,
                "| {directory} | {} | {} | {:.2}% |",
                tally.passed,
                tally.total,
                percent(tally.passed, tally.total)
            );
        }
    }
    text.push_str("\n## Most frequent failure reasons\n\n| Failing tests | Reason |\n|---:|---|\n");
    for (reason, tests) in summary.reasons.iter().take(25) {
        let escaped = reason.replace('|', "\\|");
        let _ = writeln!(text, "| {tests} | `{escaped}` |");
    }
    std::fs::write(&options.document_path, text)
        .map_err(|error| format!("cannot write {}: {error}", options.document_path.display()))?;
    println!("wrote {}", options.document_path.display());
    Ok(())
}

/// The failing runs the known-failures file expects, per test path.
fn expected_failing_modes(
    known: &BTreeMap<String, String>,
    outcome: &TestOutcome,
) -> BTreeSet<RunMode> {
    if known.contains_key(&outcome.relative_path) {
        return outcome.modes.iter().copied().collect();
    }
    let prefix = format!("{} [", outcome.relative_path);
    known
        .range(prefix.clone()..)
        .take_while(|(line, _)| line.starts_with(&prefix))
        .flat_map(|(line, _)| {
            line[prefix.len()..]
                .trim_end_matches(']')
                .split(',')
                .filter_map(|name| RunMode::from_name(name.trim()))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn check_known_failures(options: &Options, outcomes: &[TestOutcome]) -> u8 {
    let known = read_known_failures(&options.known_failures_path);
    let mut new_failures = 0;
    let mut unexpected_passes = 0;
    for outcome in outcomes {
        let expected = expected_failing_modes(&known, outcome);
        let actual = outcome.failing_modes();
        for (mode, failure) in &outcome.failures {
            if !expected.contains(mode) {
                new_failures += 1;
                println!(
                    "NEW FAILURE {} [{}]: {} ({})",
                    outcome.relative_path,
                    mode.name(),
                    failure.detail,
                    failure.reason
                );
            }
        }
        for mode in expected.difference(&actual) {
            unexpected_passes += 1;
            println!(
                "UNEXPECTED PASS {} [{}] (update the list: cargo xtask test262 --update)",
                outcome.relative_path,
                mode.name()
            );
        }
    }
    if new_failures == 0 && unexpected_passes == 0 {
        println!(
            "check: OK (results match {})",
            options.known_failures_path.display()
        );
        0
    } else {
        println!(
            "check: FAILED ({new_failures} new failures, {unexpected_passes} unexpected passes)"
        );
        1
    }
}

fn update_known_failures(options: &Options, outcomes: &[TestOutcome]) -> u8 {
    let mut grouped: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    // Entries of tests that were not run (outside FILTER) are kept as they are.
    let run_paths: BTreeSet<&str> = outcomes
        .iter()
        .map(|outcome| outcome.relative_path.as_str())
        .collect();
    for (line, reason) in read_known_failures(&options.known_failures_path) {
        let path = line.split(" [").next().unwrap_or(&line);
        if !run_paths.contains(path) {
            grouped.entry(reason).or_default().insert(line);
        }
    }
    for outcome in outcomes {
        if let (Some(line), Some((_, failure))) =
            (outcome.known_failure_line(), outcome.failures.first())
        {
            grouped
                .entry(failure.reason.clone())
                .or_default()
                .insert(line);
        }
    }
    // Largest groups first: the top of the file is the most useful to-do list.
    let mut groups: Vec<(String, BTreeSet<String>)> = grouped.into_iter().collect();
    groups.sort_by(|left, right| {
        right
            .1
            .len()
            .cmp(&left.1.len())
            .then_with(|| left.0.cmp(&right.0))
    });
    let count: usize = groups.iter().map(|(_, lines)| lines.len()).sum();
    let mut text = String::from(KNOWN_FAILURES_HEADER);
    for (reason, lines) in &groups {
        let _ = write!(text, "\n# {reason}\n");
        for line in lines {
            text.push_str(line);
            text.push('\n');
        }
    }
    if let Some(parent) = options.known_failures_path.parent()
        && let Err(error) = std::fs::create_dir_all(parent)
    {
        eprintln!("xtask test262: cannot create {}: {error}", parent.display());
        return 2;
    }
    match std::fs::write(&options.known_failures_path, text) {
        Ok(()) => {
            println!(
                "wrote {count} known failures to {}",
                options.known_failures_path.display()
            );
            0
        }
        Err(error) => {
            eprintln!(
                "xtask test262: cannot write {}: {error}",
                options.known_failures_path.display()
            );
            2
        }
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
            outcome(&both, &[RunMode::Strict]).known_failure_line().as_deref(),
            Some("built-ins/Array/x.js [strict]")
        );
        assert_eq!(outcome(&both, &[]).known_failure_line(), None);
    }

    #[test]
    fn expected_modes_come_from_the_line_suffix() {
        let both = [RunMode::Sloppy, RunMode::Strict];
        let mut known = BTreeMap::new();
        known.insert("built-ins/Array/x.js [sloppy]".to_string(), String::new());
        let expected = expected_failing_modes(&known, &outcome(&both, &[]));
        assert_eq!(expected, BTreeSet::from([RunMode::Sloppy]));
        known.clear();
        known.insert("built-ins/Array/x.js".to_string(), String::new());
        let expected = expected_failing_modes(&known, &outcome(&both, &[]));
        assert_eq!(expected, BTreeSet::from(both));
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
