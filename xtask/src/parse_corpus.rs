//! `cargo xtask parse-corpus [--show N] [--quiet] PATH...`: the parser against real-world code.
//!
//! Every `.ts`, `.mts`, `.cts`, `.js`, `.mjs` and `.cjs` file under the given folders (or the
//! given files themselves) is parsed with a fresh arena and interner, the way the runner parses
//! one file. The parser chooses its dialect from the file name, exactly as it does for the
//! runner: TypeScript syntax for `.ts`/`.mts`/`.cts`, plain JavaScript for `.js`/`.mjs`/`.cjs`,
//! and ambient-declaration mode for `.d.ts`/`.d.mts`/`.d.cts` (everything in a declaration file
//! is type-level and must be accepted). `.mjs`/`.mts` files use the module goal; every other
//! file the script-or-module goal (a top-level import or export makes it a module).
//!
//! The report gives the number of files, the total size in MB (10^6 bytes), the parse
//! throughput in MB/s (parse time only: reading the files is not timed), and every failure
//! with its code frame. A panic inside the parser counts as a failure of that file. The exit
//! status is 1 when any file fails, 2 on bad arguments, 0 otherwise.
//!
//! Throughput here is that of the build xtask runs in (a debug build unless xtask itself was
//! built with `--release`); the comparison with oxc in `benches/parser-peers` is the figure to
//! quote for speed.
//!
//! Typical corpora (installed outside the repository):
//! `mkdir -p /work/corpus && cd /work/corpus && npm init -y && npm install typescript@5.9
//! rxjs@7.8 zod@4`, then `cargo xtask parse-corpus /work/corpus/node_modules/typescript/lib
//! /work/corpus/node_modules/rxjs/src /work/corpus/node_modules/zod/src`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tseval_parser::{Arena, Goal, Interner, ParseOptions, parse_with_options};

/// File-name endings that select a file for parsing.
const PARSED_EXTENSIONS: &[&str] = &[".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"];

/// Folder names never descended into (version-control metadata).
const SKIPPED_FOLDERS: &[&str] = &[".git"];

/// Command-line options of the subcommand.
struct Options {
    paths: Vec<PathBuf>,
    /// How many failures to print with their code frame (all by default).
    show: usize,
    /// Print only the summary line and the failures, not per-root totals.
    quiet: bool,
}

/// The outcome of parsing one file.
enum FileOutcome {
    Parsed,
    /// The rendered diagnostic (code frame) or panic message.
    Failed(String),
}

/// Totals over a set of files.
#[derive(Default)]
struct Totals {
    files: usize,
    bytes: usize,
    failures: usize,
    parse_time: Duration,
}

impl Totals {
    fn add(&mut self, other: &Totals) {
        self.files += other.files;
        self.bytes += other.bytes;
        self.failures += other.failures;
        self.parse_time += other.parse_time;
    }

    fn megabytes(&self) -> f64 {
        self.bytes as f64 / 1e6
    }

    fn megabytes_per_second(&self) -> f64 {
        let seconds = self.parse_time.as_secs_f64();
        if seconds > 0.0 {
            self.megabytes() / seconds
        } else {
            0.0
        }
    }
}

/// Entry point: parses the arguments, runs every root, prints the report.
pub fn run(arguments: &[String]) -> u8 {
    let options = match parse_options(arguments) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("xtask parse-corpus: {message}");
            eprintln!("usage: cargo xtask parse-corpus [--show N] [--quiet] PATH...");
            return 2;
        }
    };
    let build = if cfg!(debug_assertions) {
        "debug build"
    } else {
        "release build"
    };
    let mut grand_totals = Totals::default();
    let mut printed_failures = 0usize;
    for root in &options.paths {
        let mut files = Vec::new();
        if let Err(message) = collect_files(root, &mut files) {
            eprintln!("xtask parse-corpus: {message}");
            return 2;
        }
        files.sort();
        let mut totals = Totals::default();
        for file in &files {
            let source = match std::fs::read(file) {
                Ok(bytes) => bytes,
                Err(error) => {
                    eprintln!(
                        "xtask parse-corpus: cannot read {}: {error}",
                        file.display()
                    );
                    return 2;
                }
            };
            // Invalid UTF-8 is reported as a failure of that file rather than skipped.
            let source = match String::from_utf8(source) {
                Ok(text) => text,
                Err(error) => {
                    totals.files += 1;
                    totals.failures += 1;
                    if printed_failures < options.show {
                        println!("FAIL {}: not valid UTF-8 ({error})", file.display());
                        printed_failures += 1;
                    }
                    continue;
                }
            };
            let display_name = file.display().to_string();
            let started = Instant::now();
            let outcome = parse_one_file(&source, &display_name);
            totals.parse_time += started.elapsed();
            totals.files += 1;
            totals.bytes += source.len();
            if let FileOutcome::Failed(report) = outcome {
                totals.failures += 1;
                if printed_failures < options.show {
                    println!("FAIL {display_name}\n{report}");
                    printed_failures += 1;
                }
            }
        }
        if !options.quiet {
            println!(
                "{}: {} files, {:.2} MB, {:.1} MB/s, {} failed",
                root.display(),
                totals.files,
                totals.megabytes(),
                totals.megabytes_per_second(),
                totals.failures
            );
        }
        grand_totals.add(&totals);
    }
    if grand_totals.failures > printed_failures {
        println!(
            "({} more failures not shown; raise --show)",
            grand_totals.failures - printed_failures
        );
    }
    println!(
        "parse-corpus: {} files, {:.2} MB, parsed at {:.1} MB/s ({build}), {} failed",
        grand_totals.files,
        grand_totals.megabytes(),
        grand_totals.megabytes_per_second(),
        grand_totals.failures
    );
    if grand_totals.failures > 0 { 1 } else { 0 }
}

fn parse_options(arguments: &[String]) -> Result<Options, String> {
    let mut options = Options {
        paths: Vec::new(),
        show: usize::MAX,
        quiet: false,
    };
    let mut index = 0;
    while index < arguments.len() {
        match arguments[index].as_str() {
            "--show" => {
                index += 1;
                options.show = arguments
                    .get(index)
                    .and_then(|text| text.parse().ok())
                    .ok_or("--show needs a number")?;
            }
            "--quiet" => options.quiet = true,
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            path => options.paths.push(PathBuf::from(path)),
        }
        index += 1;
    }
    if options.paths.is_empty() {
        return Err("no folder or file given".to_string());
    }
    Ok(options)
}

/// True for the file names this subcommand parses.
fn is_parsed_file_name(name: &str) -> bool {
    PARSED_EXTENSIONS
        .iter()
        .any(|extension| name.ends_with(extension))
}

/// Appends every parsed file under `path` (or `path` itself when it is a file).
fn collect_files(path: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    let metadata = std::fs::metadata(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    if metadata.is_file() {
        files.push(path.to_path_buf());
        return Ok(());
    }
    let entries = std::fs::read_dir(path)
        .map_err(|error| format!("cannot list {}: {error}", path.display()))?;
    for entry in entries {
        let entry = entry.map_err(|error| format!("cannot list {}: {error}", path.display()))?;
        let entry_path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let file_type = entry
            .file_type()
            .map_err(|error| format!("cannot stat {}: {error}", entry_path.display()))?;
        if file_type.is_dir() {
            if !SKIPPED_FOLDERS.contains(&name.as_str()) {
                collect_files(&entry_path, files)?;
            }
        } else if is_parsed_file_name(&name) {
            files.push(entry_path);
        }
    }
    Ok(())
}

/// The goal for a file name: `.mjs`/`.mts` are modules, everything else decides by content.
fn goal_for_file_name(name: &str) -> Goal {
    if name.ends_with(".mjs") || name.ends_with(".mts") {
        Goal::Module
    } else {
        Goal::ScriptOrModule
    }
}

/// Parses one file, turning a syntax error into its code frame and a panic into a message.
fn parse_one_file(source: &str, file_name: &str) -> FileOutcome {
    let options = ParseOptions {
        goal: goal_for_file_name(file_name),
        strict: false,
    };
    let result = std::panic::catch_unwind(|| {
        let arena = Arena::new();
        let mut interner = Interner::new();
        parse_with_options(source, file_name, &arena, &mut interner, options)
            .map(|_| ())
            .map_err(|error| error.render(source))
    });
    match result {
        Ok(Ok(())) => FileOutcome::Parsed,
        Ok(Err(report)) => FileOutcome::Failed(report),
        Err(payload) => {
            let message = payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)");
            FileOutcome::Failed(format!("parser panicked: {message}\n"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selects_typescript_javascript_and_declaration_files() {
        for name in [
            "a.ts", "a.mts", "a.cts", "a.d.ts", "a.d.mts", "a.js", "a.mjs", "a.cjs",
        ] {
            assert!(is_parsed_file_name(name), "{name}");
        }
        for name in ["a.json", "a.tsx", "a.map", "README.md", "a.ts.map"] {
            assert!(!is_parsed_file_name(name), "{name}");
        }
    }

    #[test]
    fn module_extensions_use_the_module_goal() {
        assert_eq!(goal_for_file_name("x.mjs"), Goal::Module);
        assert_eq!(goal_for_file_name("x.mts"), Goal::Module);
        assert_eq!(goal_for_file_name("x.cjs"), Goal::ScriptOrModule);
        assert_eq!(goal_for_file_name("x.d.ts"), Goal::ScriptOrModule);
    }

    #[test]
    fn a_syntax_error_is_reported_with_its_code_frame() {
        match parse_one_file("let x = );\n", "broken.js") {
            FileOutcome::Failed(report) => {
                assert!(report.contains("broken.js:1:9"), "{report}");
                assert!(report.contains("let x = );"), "{report}");
            }
            FileOutcome::Parsed => panic!("a broken file parsed"),
        }
        assert!(matches!(
            parse_one_file("let x: number = 1;\n", "fine.ts"),
            FileOutcome::Parsed
        ));
    }
}
