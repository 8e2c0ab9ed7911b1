//! `cargo xtask test262 --parse-only [FILTER] [--root PATH] [--check|--update]`: the parser
//! against the test262 conformance suite.
//!
//! Every test file under `test/{language,built-ins,annexB}` of the suite is parsed (nothing is
//! executed) in the goal and mode its YAML frontmatter asks for:
//!
//! * `flags: [module]`: module goal (strict).
//! * `flags: [raw]`: the text as it is, script goal, sloppy.
//! * `flags: [onlyStrict]`: script goal in strict mode (through [`ParseOptions::strict`], not
//!   by prepending text, so that positions in messages stay right).
//! * `flags: [noStrict]`: script goal, sloppy.
//! * no mode flag: twice, once sloppy and once strict, as test262 requires.
//!
//! A test with `negative: { phase: parse }` must be rejected in every run; every other test
//! must be accepted in every run. Test files are `.js`, so TypeScript syntax is off.
//!
//! Two worker threads (the machine has two cores) pull test indices from a shared counter.
//! Each parse runs under `catch_unwind`, and a panic counts as a failure of that test instead of
//! ending the run; the threads get large stacks so that the parser's nesting limit, not the
//! native stack, is what bounds deep inputs.
//!
//! The known-failures file (`tests/test262/parse-known-failures.txt`: one test path per line,
//! grouped under `# reason` headers) is a ratchet: `--check` fails on any failure that is not
//! listed and on any listed test that now passes; `--update` rewrites the file from the current
//! results (keeping the entries outside FILTER when a filter is given).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;
use tseval_parser::{Arena, Goal, Interner, ParseOptions, parse_with_options};

use crate::test262_metadata::{
    RunMode, collect_filtered_test_files, directory_prefix, normalised_message, panic_message,
    percent, read_known_failures, read_metadata, relative_test_path, run_modes,
};
use crate::workspace_layout;

/// Stack size of the worker threads (the parser bounds its own recursion; this only has to be
/// comfortably above what that bound needs in an unoptimised build).
const WORKER_STACK_BYTES: usize = 256 * 1024 * 1024;

/// Command-line options of the subcommand.
struct Options {
    filter: Option<String>,
    root: PathBuf,
    known_failures_path: PathBuf,
    check: bool,
    update: bool,
    workers: usize,
    /// How many failure details to print (the first N in path order).
    show: usize,
}

/// Proposals (test262 `features`) the parser deliberately does not implement yet: failures
/// of tests using them are grouped under the feature rather than under the parser message.
const UNSUPPORTED_FEATURES: &[&str] = &[
    "explicit-resource-management",
    "import-defer",
    "source-phase-imports",
    "source-phase-imports-module-source",
];

/// How one test is expected to behave, from its frontmatter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Frontmatter {
    module: bool,
    raw: bool,
    only_strict: bool,
    no_strict: bool,
    negative_parse: bool,
    /// The first of [`UNSUPPORTED_FEATURES`] the test lists, if any.
    unsupported_feature: Option<&'static str>,
    /// The parses the flags ask for (see [`run_modes`]).
    modes: &'static [RunMode],
}

/// The result of one test file.
#[derive(Debug, Clone)]
struct Outcome {
    /// Path relative to the test262 `test` folder, with `/` separators.
    relative_path: String,
    negative: bool,
    /// `None` when the test passed; otherwise the reason header it is grouped under and a
    /// one-line detail.
    failure: Option<Failure>,
}

#[derive(Debug, Clone)]
struct Failure {
    reason: String,
    detail: String,
}

pub fn run(arguments: &[String]) -> u8 {
    let options = match parse_arguments(arguments) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("xtask test262: {message}");
            return 2;
        }
    };
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
    let outcomes = run_all(&options, &files);
    print_summary(&outcomes);
    let failures: Vec<&Outcome> = outcomes
        .iter()
        .filter(|outcome| outcome.failure.is_some())
        .collect();
    for outcome in failures.iter().take(options.show) {
        if let Some(failure) = &outcome.failure {
            println!(
                "FAIL {}: {} ({})",
                outcome.relative_path, failure.detail, failure.reason
            );
        }
    }
    println!(
        "{} files in {:.1}s",
        outcomes.len(),
        started.elapsed().as_secs_f64()
    );
    if options.update {
        return update_known_failures(&options, &outcomes);
    }
    if options.check {
        return check_known_failures(&options, &outcomes);
    }
    0
}

fn parse_arguments(arguments: &[String]) -> Result<Options, String> {
    let test_root = workspace_layout::shared_directory()
        .join("test262")
        .join("test");
    let mut options = Options {
        filter: None,
        root: test_root,
        known_failures_path: workspace_layout::repository_root()
            .join("tests")
            .join("test262")
            .join("parse-known-failures.txt"),
        check: false,
        update: false,
        workers: 2,
        show: 0,
    };
    let mut parse_only = false;
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
            "--parse-only" => parse_only = true,
            "--check" => options.check = true,
            "--update" => options.update = true,
            "--root" => options.root = PathBuf::from(value()?),
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
    if !parse_only {
        return Err(
            "only `--parse-only` is implemented (running tests needs the VM); pass it explicitly"
                .to_string(),
        );
    }
    if options.check && options.update {
        return Err("--check and --update are exclusive".to_string());
    }
    Ok(options)
}

/// The parse-relevant part of a test's frontmatter.
fn read_frontmatter(source: &str) -> Frontmatter {
    let metadata = read_metadata(source);
    Frontmatter {
        module: metadata.module,
        raw: metadata.raw,
        only_strict: metadata.only_strict,
        no_strict: metadata.no_strict,
        negative_parse: metadata.is_negative_parse(),
        unsupported_feature: UNSUPPORTED_FEATURES
            .iter()
            .find(|feature| metadata.features.iter().any(|listed| listed == *feature))
            .copied(),
        modes: run_modes(&metadata),
    }
}

/// Parses `source` in `mode`; `Ok` when accepted, `Err(message)` when rejected, and
/// `Err("panic: ...")` style failures are reported by the caller.
fn parse_in_mode(source: &str, mode: RunMode) -> Result<(), String> {
    let arena = Arena::new();
    let mut interner = Interner::new();
    let options = ParseOptions {
        goal: if mode == RunMode::Module {
            Goal::Module
        } else {
            Goal::Script
        },
        strict: mode == RunMode::Strict,
    };
    parse_with_options(source, "test.js", &arena, &mut interner, options)
        .map(|_| ())
        .map_err(|error| error.message)
}

fn run_one(root: &Path, path: &Path) -> Outcome {
    let relative_path = relative_test_path(root, path);
    let source = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(error) => {
            return Outcome {
                relative_path,
                negative: false,
                failure: Some(Failure {
                    reason: "unreadable test file".to_string(),
                    detail: error.to_string(),
                }),
            };
        }
    };
    let frontmatter = read_frontmatter(&source);
    let mut failure = None;
    for &mode in frontmatter.modes {
        let result = std::panic::catch_unwind(|| parse_in_mode(&source, mode));
        let found = match result {
            Err(payload) => {
                let message = panic_message(payload.as_ref());
                Some(Failure {
                    reason: "parser panicked".to_string(),
                    detail: format!("{} run panicked: {message}", mode.name()),
                })
            }
            Ok(Ok(())) if frontmatter.negative_parse => Some(Failure {
                reason: format!(
                    "missing early error: {}",
                    directory_prefix(&relative_path, 3)
                ),
                detail: format!("accepted in the {} run", mode.name()),
            }),
            Ok(Err(message)) if !frontmatter.negative_parse => Some(Failure {
                reason: match frontmatter.unsupported_feature {
                    Some(feature) => format!("unsupported proposal: {feature}"),
                    None => format!("valid code rejected: {}", normalised_message(&message)),
                },
                detail: format!("{} run: {message}", mode.name()),
            }),
            Ok(_) => None,
        };
        if found.is_some() {
            failure = found;
            break;
        }
    }
    Outcome {
        relative_path,
        negative: frontmatter.negative_parse,
        failure,
    }
}

fn run_all(options: &Options, files: &[PathBuf]) -> Vec<Outcome> {
    let next_index = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; files.len()]);
    // Panics are expected to be rare and are reported per test: silence the default hook's
    // backtrace printing while the workers run.
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    std::thread::scope(|scope| {
        for worker in 0..options.workers {
            let next_index = &next_index;
            let results = &results;
            let root = options.root.as_path();
            std::thread::Builder::new()
                .name(format!("test262-worker-{worker}"))
                .stack_size(WORKER_STACK_BYTES)
                .spawn_scoped(scope, move || {
                    let mut local = Vec::new();
                    loop {
                        let index = next_index.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = files.get(index) else {
                            break;
                        };
                        local.push((index, run_one(root, path)));
                    }
                    let mut shared = results.lock().unwrap_or_else(|error| error.into_inner());
                    for (index, outcome) in local {
                        shared[index] = Some(outcome);
                    }
                })
                .expect("spawn a test262 worker thread");
        }
    });
    std::panic::set_hook(previous_hook);
    results
        .into_inner()
        .unwrap_or_else(|error| error.into_inner())
        .into_iter()
        .flatten()
        .collect()
}

/// Counts of one group of tests.
#[derive(Default, Clone, Copy)]
struct Tally {
    valid_total: usize,
    valid_passed: usize,
    negative_total: usize,
    negative_passed: usize,
}

impl Tally {
    fn add(&mut self, outcome: &Outcome) {
        let passed = outcome.failure.is_none();
        if outcome.negative {
            self.negative_total += 1;
            self.negative_passed += passed as usize;
        } else {
            self.valid_total += 1;
            self.valid_passed += passed as usize;
        }
    }

    fn passed(&self) -> usize {
        self.valid_passed + self.negative_passed
    }

    fn total(&self) -> usize {
        self.valid_total + self.negative_total
    }
}

fn print_summary(outcomes: &[Outcome]) {
    let mut by_directory: BTreeMap<String, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    for outcome in outcomes {
        by_directory
            .entry(directory_prefix(&outcome.relative_path, 2))
            .or_default()
            .add(outcome);
        total.add(outcome);
    }
    println!(
        "{:<44} {:>7} {:>7} {:>17} {:>17}",
        "directory", "pass", "fail", "valid accepted", "negatives rejected"
    );
    for (directory, tally) in &by_directory {
        println!(
            "{:<44} {:>7} {:>7} {:>8}/{:<8} {:>8}/{:<8}",
            directory,
            tally.passed(),
            tally.total() - tally.passed(),
            tally.valid_passed,
            tally.valid_total,
            tally.negative_passed,
            tally.negative_total
        );
    }
    println!(
        "TOTAL: {} passed, {} failed of {} ({:.2}%); valid accepted {}/{} ({:.2}%), negatives rejected {}/{} ({:.2}%)",
        total.passed(),
        total.total() - total.passed(),
        total.total(),
        percent(total.passed(), total.total()),
        total.valid_passed,
        total.valid_total,
        percent(total.valid_passed, total.valid_total),
        total.negative_passed,
        total.negative_total,
        percent(total.negative_passed, total.negative_total),
    );
}

fn check_known_failures(options: &Options, outcomes: &[Outcome]) -> u8 {
    let known = read_known_failures(&options.known_failures_path);
    let mut new_failures = Vec::new();
    let mut unexpected_passes = Vec::new();
    for outcome in outcomes {
        let listed = known.contains_key(&outcome.relative_path);
        match (&outcome.failure, listed) {
            (Some(failure), false) => new_failures.push((outcome, failure)),
            (None, true) => unexpected_passes.push(outcome),
            _ => {}
        }
    }
    for (outcome, failure) in &new_failures {
        println!(
            "NEW FAILURE {}: {} ({})",
            outcome.relative_path, failure.detail, failure.reason
        );
    }
    for outcome in &unexpected_passes {
        println!(
            "UNEXPECTED PASS {} (remove it from the known failures: cargo xtask test262 --parse-only --update)",
            outcome.relative_path
        );
    }
    if new_failures.is_empty() && unexpected_passes.is_empty() {
        println!(
            "check: OK (results match {})",
            options.known_failures_path.display()
        );
        0
    } else {
        println!(
            "check: FAILED ({} new failures, {} unexpected passes)",
            new_failures.len(),
            unexpected_passes.len()
        );
        1
    }
}

fn update_known_failures(options: &Options, outcomes: &[Outcome]) -> u8 {
    let mut grouped: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    // Entries outside the filter were not run: keep them as they are.
    let run_paths: BTreeSet<&str> = outcomes
        .iter()
        .map(|outcome| outcome.relative_path.as_str())
        .collect();
    for (path, reason) in read_known_failures(&options.known_failures_path) {
        if !run_paths.contains(path.as_str()) {
            grouped.entry(reason).or_default().insert(path);
        }
    }
    for outcome in outcomes {
        if let Some(failure) = &outcome.failure {
            grouped
                .entry(failure.reason.clone())
                .or_default()
                .insert(outcome.relative_path.clone());
        }
    }
    let count: usize = grouped.values().map(BTreeSet::len).sum();
    let mut text = String::from(
        "# test262 parse-only known failures (a ratchet for `cargo xtask test262 --parse-only --check`).\n\
         # Regenerate with `cargo xtask test262 --parse-only --update`. Paths are relative to test262/test.\n",
    );
    for (reason, paths) in &grouped {
        text.push_str(&format!("\n# {reason}\n"));
        for path in paths {
            text.push_str(path);
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
                "wrote {} known failures to {}",
                count,
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
    fn frontmatter_flags_and_negative_phase_are_read() {
        let source = "/*---\ndescription: x\nnegative:\n  phase: parse\n  type: SyntaxError\nflags: [onlyStrict, module]\n---*/\n";
        let frontmatter = read_frontmatter(source);
        assert!(frontmatter.negative_parse);
        assert!(frontmatter.only_strict);
        assert!(frontmatter.module);
        assert!(!frontmatter.raw);
        let runtime = read_frontmatter("/*---\nnegative:\n  phase: runtime\n---*/");
        assert!(!runtime.negative_parse);
        assert_eq!(runtime.modes, &[RunMode::Sloppy, RunMode::Strict]);
    }

    #[test]
    fn messages_are_normalised_for_grouping() {
        assert_eq!(
            normalised_message("Unexpected token 'x'"),
            "Unexpected token '…'"
        );
        assert_eq!(directory_prefix("language/a/b/c.js", 2), "language/a");
        assert_eq!(directory_prefix("language/c.js", 3), "language");
    }
}
