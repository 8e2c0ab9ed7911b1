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
//! How one test runs and how its verdict is reached: [`crate::test262_execute`].
//!
//! Process structure: this command is a supervisor. It starts a worker process (this same
//! binary with `--worker-journal FILE`, see [`crate::test262_worker`]) that runs the tests in
//! process on `-j N` threads, one fresh realm per run, and journals every outcome. Runaway
//! JavaScript is stopped by the interpreter's deadline (`--timeout`, a catchable RangeError
//! for now). A native loop that never returns, or an absurd allocation (refused by
//! [`crate::test262_allocator`]), cannot be recovered in process: the worker journals that
//! test as failed and exits, and the supervisor starts a new worker that skips every
//! journaled test. If a worker process dies outright (an abort), the tests it had in flight
//! are re-run one by one in their own worker process to find the culprit, which is recorded
//! as `crash`.
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
use std::time::{Duration, Instant};

use crate::test262_execute::{ExecutionSettings, Failure, TestOutcome};
use crate::test262_metadata::{
    RunMode, collect_filtered_test_files, directory_prefix, percent, read_known_failures,
    read_metadata, relative_test_path, run_modes,
};
use crate::test262_worker::{EXIT_RESTART, journal_result_line, read_journal, run_worker_process};
use crate::workspace_layout;

/// The per-run time limit when `--timeout` is not given. In a release build no test that
/// finishes at all takes more than about a second, and each test stuck in a native loop costs
/// one worker thread this long (plus the watchdog's grace), so the limit is kept short; a
/// debug build of the engine is several times slower and gets more.
const DEFAULT_TIME_LIMIT: Duration = if cfg!(debug_assertions) {
    Duration::from_secs(20)
} else {
    Duration::from_secs(5)
};

/// How many of the slowest tests are listed after a run.
const SLOWEST_TESTS_SHOWN: usize = 10;

/// How many worker processes the supervisor starts at most before giving up (each stuck
/// test costs one restart).
const MAX_WORKER_PROCESSES: usize = 2000;

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
    /// Set in worker processes: the journal to append outcomes to.
    worker_journal: Option<PathBuf>,
    /// Set in worker processes started to retry one test alone.
    worker_only: Option<usize>,
}

impl Options {
    fn execution_settings(&self) -> ExecutionSettings {
        ExecutionSettings {
            root: self.root.clone(),
            harness: self.harness.clone(),
            time_limit: self.time_limit,
        }
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
    let files = match collect_filtered_test_files(&options.root, options.filter.as_deref()) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("xtask test262: {message}");
            return 2;
        }
    };
    if let Some(journal) = &options.worker_journal {
        let indices: Vec<usize> = match options.worker_only {
            Some(index) => vec![index],
            None => (0..files.len()).collect(),
        };
        return run_worker_process(
            &options.execution_settings(),
            &files,
            &indices,
            options.workers,
            journal,
        );
    }
    if cfg!(debug_assertions) && !arguments.iter().any(|argument| argument == "--no-release") {
        return rerun_in_release(arguments);
    }
    if files.is_empty() {
        eprintln!("xtask test262: no test files matched");
        return 2;
    }
    let started = Instant::now();
    println!(
        "running {} test files with {} threads ({}s limit per run)",
        files.len(),
        options.workers,
        options.time_limit.as_secs()
    );
    let outcomes = match run_supervised(&options, &files) {
        Ok(outcomes) => outcomes,
        Err(message) => {
            eprintln!("xtask test262: {message}");
            return 2;
        }
    };
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
    println!("{} files in {:.1}s", outcomes.len(), elapsed.as_secs_f64());
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
        .args([
            "run",
            "--quiet",
            "--release",
            "-p",
            "xtask",
            "--",
            "test262",
        ])
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

/// The arguments that start a worker process for this run.
fn worker_arguments(options: &Options, journal: &Path) -> Vec<std::ffi::OsString> {
    let mut arguments: Vec<std::ffi::OsString> = vec![
        "test262".into(),
        "--no-release".into(),
        "--worker-journal".into(),
        journal.into(),
        "--root".into(),
        options.root.clone().into(),
        "--harness".into(),
        options.harness.clone().into(),
        "--timeout".into(),
        options.time_limit.as_secs_f64().to_string().into(),
        "-j".into(),
        options.workers.to_string().into(),
    ];
    if let Some(filter) = &options.filter {
        arguments.push(filter.into());
    }
    arguments
}

/// Runs every file through worker processes (see the module documentation) and returns the
/// outcomes in file order.
fn run_supervised(options: &Options, files: &[PathBuf]) -> Result<Vec<TestOutcome>, String> {
    let executable =
        std::env::current_exe().map_err(|error| format!("cannot find this program: {error}"))?;
    let journal_directory = workspace_layout::target_directory().join("test262");
    std::fs::create_dir_all(&journal_directory)
        .map_err(|error| format!("cannot create {}: {error}", journal_directory.display()))?;
    let journal = journal_directory.join(format!("journal-{}.txt", std::process::id()));
    let _ = std::fs::remove_file(&journal);
    let arguments = worker_arguments(options, &journal);
    let run_worker = |extra: &[String]| {
        Command::new(&executable)
            .args(&arguments)
            .args(extra)
            .status()
            .map_err(|error| format!("cannot start a worker process: {error}"))
    };
    let mut finished = false;
    for _ in 0..MAX_WORKER_PROCESSES {
        let status = run_worker(&[])?;
        match status.code() {
            Some(0) => {
                finished = true;
                break;
            }
            Some(EXIT_RESTART) => continue,
            _ => {}
        }
        // The worker process died: find which in-flight test killed it by running each alone.
        let in_flight = read_journal(&journal).in_flight();
        if in_flight.is_empty() {
            return Err(format!(
                "a worker process failed ({status}) outside of any test; journal: {}",
                journal.display()
            ));
        }
        for index in in_flight {
            println!(
                "supervisor: worker process died ({status}); re-running {} alone",
                relative_test_path(&options.root, &files[index])
            );
            let alone = run_worker(&[
                "--worker-only".to_string(),
                index.to_string(),
                "-j".to_string(),
                "1".to_string(),
            ])?;
            if !matches!(alone.code(), Some(0) | Some(EXIT_RESTART)) {
                record_crash(options, files, index, &alone.to_string(), &journal)?;
            }
        }
    }
    if !finished {
        return Err(format!(
            "gave up after {MAX_WORKER_PROCESSES} worker processes; journal: {}",
            journal.display()
        ));
    }
    let recorded_journal = read_journal(&journal);
    // The journal of the last run stays for inspection (run times of every test).
    let _ = std::fs::rename(&journal, journal_directory.join("last-journal.txt"));
    let mut slowest: Vec<(Duration, usize)> = recorded_journal
        .durations
        .iter()
        .filter(|(index, _)| {
            recorded_journal.outcomes.get(index).is_none_or(|outcome| {
                !outcome
                    .failures
                    .iter()
                    .any(|(_, failure)| failure.reason.starts_with("timeout"))
            })
        })
        .map(|(index, duration)| (*duration, *index))
        .collect();
    slowest.sort_unstable_by(|left, right| right.cmp(left));
    println!("slowest tests that did not time out:");
    for (duration, index) in slowest.iter().take(SLOWEST_TESTS_SHOWN) {
        println!(
            "  {:>8.2}s  {}",
            duration.as_secs_f64(),
            relative_test_path(&options.root, &files[*index])
        );
    }
    let mut recorded = recorded_journal.outcomes;
    Ok(files
        .iter()
        .enumerate()
        .map(|(index, path)| {
            recorded.remove(&index).unwrap_or_else(|| TestOutcome {
                relative_path: relative_test_path(&options.root, path),
                modes: vec![RunMode::Sloppy],
                failures: vec![(
                    RunMode::Sloppy,
                    Failure::new("no result", "no worker process reported this test"),
                )],
            })
        })
        .collect())
}

/// Journals a test that kills its worker process even when run alone.
fn record_crash(
    options: &Options,
    files: &[PathBuf],
    index: usize,
    status: &str,
    journal: &Path,
) -> Result<(), String> {
    let metadata = std::fs::read_to_string(&files[index])
        .map(|source| read_metadata(&source))
        .unwrap_or_default();
    let modes = run_modes(&metadata).to_vec();
    let failure = Failure::new(
        "crash (the worker process died)",
        format!("the worker process running only this test ended with {status}"),
    );
    let outcome = TestOutcome {
        relative_path: relative_test_path(&options.root, &files[index]),
        failures: modes.iter().map(|mode| (*mode, failure.clone())).collect(),
        modes,
    };
    let mut text = std::fs::read_to_string(journal).unwrap_or_default();
    text.push_str(&journal_result_line(index, &outcome, Duration::ZERO));
    std::fs::write(journal, text).map_err(|error| format!("cannot write the journal: {error}"))
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
        worker_journal: None,
        worker_only: None,
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
            "--worker-journal" => options.worker_journal = Some(PathBuf::from(value()?)),
            "--worker-only" => {
                options.worker_only = Some(
                    value()?
                        .parse::<usize>()
                        .map_err(|_| "--worker-only needs a test index".to_string())?,
                )
            }
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
            outcome
                .failures
                .iter()
                .any(|(_, failure)| predicate(failure))
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

    #[test]
    fn expected_modes_come_from_the_line_suffix() {
        let both = [RunMode::Sloppy, RunMode::Strict];
        let mut known = BTreeMap::new();
        known.insert("built-ins/Array/x.js [sloppy]".to_string(), String::new());
        let passing = TestOutcome {
            relative_path: "built-ins/Array/x.js".to_string(),
            modes: both.to_vec(),
            failures: Vec::new(),
        };
        let expected = expected_failing_modes(&known, &passing);
        assert_eq!(expected, BTreeSet::from([RunMode::Sloppy]));
        known.clear();
        known.insert("built-ins/Array/x.js".to_string(), String::new());
        let expected = expected_failing_modes(&known, &passing);
        assert_eq!(expected, BTreeSet::from(both));
    }
}
