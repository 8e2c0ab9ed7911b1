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

use crate::workspace_layout;

/// The suites walked when `--root` is not given, relative to the test262 `test` folder.
const DEFAULT_SUITES: &[&str] = &["language", "built-ins", "annexB"];

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
}

/// One parse of a test: the goal and mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RunMode {
    Sloppy,
    Strict,
    Module,
}

impl RunMode {
    fn name(self) -> &'static str {
        match self {
            RunMode::Sloppy => "sloppy",
            RunMode::Strict => "strict",
            RunMode::Module => "module",
        }
    }
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
    let files = match collect_test_files(&options.root) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("xtask test262: {message}");
            return 2;
        }
    };
    let files: Vec<PathBuf> = files
        .into_iter()
        .filter(|path| {
            let relative = relative_test_path(&options.root, path);
            options
                .filter
                .as_deref()
                .is_none_or(|filter| relative.contains(filter))
        })
        .collect();
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

/// All test files under the suites of `root` (or under `root` itself when it has none of the
/// default suite folders), sorted, without `_FIXTURE` helper modules.
fn collect_test_files(root: &Path) -> Result<Vec<PathBuf>, String> {
    if !root.is_dir() {
        return Err(format!("{} is not a directory", root.display()));
    }
    let suites: Vec<PathBuf> = DEFAULT_SUITES
        .iter()
        .map(|suite| root.join(suite))
        .filter(|path| path.is_dir())
        .collect();
    let starts = if suites.is_empty() {
        vec![root.to_path_buf()]
    } else {
        suites
    };
    let mut files = Vec::new();
    let mut pending = starts;
    while let Some(directory) = pending.pop() {
        let entries = std::fs::read_dir(&directory)
            .map_err(|error| format!("cannot read {}: {error}", directory.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|extension| extension == "js")
                && !path
                    .file_name()
                    .and_then(|name| name.to_str())
                    .is_some_and(|name| name.contains("_FIXTURE"))
            {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The path of a test relative to the `test` folder, with `/` separators.
fn relative_test_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|component| component.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads the `/*--- ... ---*/` frontmatter: flags and a parse-phase `negative`.
fn read_frontmatter(source: &str) -> Frontmatter {
    let mut frontmatter = Frontmatter {
        module: false,
        raw: false,
        only_strict: false,
        no_strict: false,
        negative_parse: false,
        unsupported_feature: None,
    };
    let Some(start) = source.find("/*---") else {
        return frontmatter;
    };
    let end = source[start..]
        .find("---*/")
        .map_or(source.len(), |offset| start + offset);
    let yaml = &source[start + 5..end];
    let mut lines = yaml.lines().peekable();
    let mut flags: Vec<String> = Vec::new();
    while let Some(line) = lines.next() {
        if let Some(rest) = line.strip_prefix("flags:") {
            let rest = rest.trim();
            if let Some(list) = rest.strip_prefix('[') {
                let list = list.trim_end_matches(']');
                flags.extend(list.split(',').map(|flag| flag.trim().to_string()));
            } else {
                // Block list form: `flags:` then `  - name` lines.
                while let Some(next) = lines.peek() {
                    let trimmed = next.trim_start();
                    if next.starts_with(' ') && trimmed.starts_with('-') {
                        flags.push(trimmed.trim_start_matches('-').trim().to_string());
                        lines.next();
                    } else {
                        break;
                    }
                }
            }
        } else if let Some(rest) = line.strip_prefix("features:") {
            let listed: Vec<&str> = rest
                .trim()
                .trim_start_matches('[')
                .trim_end_matches(']')
                .split(',')
                .map(str::trim)
                .collect();
            frontmatter.unsupported_feature = UNSUPPORTED_FEATURES
                .iter()
                .find(|feature| listed.contains(feature))
                .copied();
        } else if line.starts_with("negative:") {
            while let Some(next) = lines.peek() {
                if !next.starts_with(' ') && !next.starts_with('\t') {
                    break;
                }
                if let Some(phase) = next.trim().strip_prefix("phase:") {
                    frontmatter.negative_parse = phase.trim() == "parse";
                }
                lines.next();
            }
        }
    }
    for flag in &flags {
        match flag.as_str() {
            "module" => frontmatter.module = true,
            "raw" => frontmatter.raw = true,
            "onlyStrict" => frontmatter.only_strict = true,
            "noStrict" => frontmatter.no_strict = true,
            _ => {}
        }
    }
    frontmatter
}

/// The runs a test needs, from its flags.
fn run_modes(frontmatter: Frontmatter) -> &'static [RunMode] {
    if frontmatter.module {
        &[RunMode::Module]
    } else if frontmatter.raw || frontmatter.no_strict {
        &[RunMode::Sloppy]
    } else if frontmatter.only_strict {
        &[RunMode::Strict]
    } else {
        &[RunMode::Sloppy, RunMode::Strict]
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

/// Replaces quoted fragments in a parser message so that messages differing only in the
/// token or name group together.
fn normalised_message(message: &str) -> String {
    let mut result = String::with_capacity(message.len());
    let mut in_quote = false;
    for character in message.chars() {
        if character == '\'' {
            if in_quote {
                result.push_str("'…'");
            }
            in_quote = !in_quote;
        } else if !in_quote {
            result.push(character);
        }
    }
    if in_quote {
        result.push('\'');
    }
    result
}

/// The first `depth` components of a relative test path, for grouping.
fn directory_prefix(relative_path: &str, depth: usize) -> String {
    let components: Vec<&str> = relative_path.split('/').collect();
    let keep = depth.min(components.len().saturating_sub(1)).max(1);
    components[..keep].join("/")
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
    for &mode in run_modes(frontmatter) {
        let result = std::panic::catch_unwind(|| parse_in_mode(&source, mode));
        let found = match result {
            Err(payload) => {
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|text| text.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "non-string panic".to_string());
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

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        part as f64 * 100.0 / whole as f64
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

/// Reads the known-failures file into a set of test paths (missing file: empty set).
fn read_known_failures(path: &Path) -> BTreeMap<String, String> {
    let mut known = BTreeMap::new();
    let Ok(text) = std::fs::read_to_string(path) else {
        return known;
    };
    let mut reason = String::new();
    for line in text.lines() {
        let line = line.trim();
        if let Some(header) = line.strip_prefix('#') {
            reason = header.trim().to_string();
        } else if !line.is_empty() {
            known.insert(line.to_string(), reason.clone());
        }
    }
    known
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
        assert_eq!(run_modes(runtime), &[RunMode::Sloppy, RunMode::Strict]);
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
