//! `parser-peers [--iterations N] [--seconds S] [--rounds R] [--only ENGINE] PATH...`: front-end throughput
//! of tseval next to oxc_parser, measured in the same process on the same files.
//!
//! PATH is a file or a folder (every `.ts`/`.mts`/`.cts`/`.js`/`.mjs`/`.cjs` file under it);
//! all the files together are one corpus. Four measurements are taken:
//!
//! * tseval lexer only: [`tseval_lexer::synthetic::lex_standalone`], the parser-free driver
//!   (every token, regular expressions and template continuations re-scanned, nothing
//!   interned);
//! * tseval parser: [`tseval_parser::parse_with_options`], the full parse to an AST with a
//!   fresh arena and interner per file, as the runner does (early errors and regular-expression
//!   validation included);
//! * oxc parser (with `--features oxc`): `oxc_parser::Parser::parse` with a fresh allocator per
//!   file and oxc's default options (its regular-expression parsing is off by default);
//! * the ratios tseval lexer / oxc and tseval parser / oxc.
//!
//! Both parsers see the same dialect: TypeScript for `.ts`-like names (ambient for `.d.ts`),
//! JavaScript otherwise, and the goal decided by the content (tseval's script-or-module,
//! oxc's "unambiguous"). A file that either parser rejects is left out of the corpus, with a
//! note, so that both do the same work.
//!
//! Contention: this machine is shared with other builds and benchmarks, so time is this
//! thread's CPU time (user + system from `/proc/thread-self/stat`; wall time where that file
//! does not exist), each round runs every engine once, in rotating order (the engines are
//! interleaved rather than measured one after the other), and the figure reported per engine
//! is the median over the rounds.
//!
//! Build and run: `cargo run --release -p parser-peers --features oxc -- --rounds 7
//! /work/corpus/node_modules/typescript/lib/typescript.js`. Without the feature only the tseval
//! figures are printed.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use tseval_parser::{Arena, Goal, Interner, ParseOptions, parse_with_options};

/// File-name endings that are part of a corpus.
const CORPUS_EXTENSIONS: &[&str] = &[".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"];

/// One file of the corpus.
struct CorpusFile {
    path: PathBuf,
    /// The name both parsers see (decides the dialect).
    name: String,
    source: String,
}

/// Command-line options.
struct Options {
    /// Minimum number of passes over the corpus per engine and round.
    iterations: u32,
    /// Minimum CPU seconds per engine and round.
    seconds: f64,
    rounds: u32,
    paths: Vec<PathBuf>,
    /// `--only lexer|parser|oxc`: measure one engine (for profilers).
    only: Option<String>,
}

/// The engines measured, in the order of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Engine {
    TsevalLexer,
    TsevalParser,
    #[cfg(feature = "oxc")]
    OxcParser,
}

impl Engine {
    fn all() -> Vec<Engine> {
        vec![
            Engine::TsevalLexer,
            Engine::TsevalParser,
            #[cfg(feature = "oxc")]
            Engine::OxcParser,
        ]
    }

    /// The short name `--only` takes.
    fn short_name(self) -> &'static str {
        match self {
            Engine::TsevalLexer => "lexer",
            Engine::TsevalParser => "parser",
            #[cfg(feature = "oxc")]
            Engine::OxcParser => "oxc",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Engine::TsevalLexer => "tseval lexer only",
            Engine::TsevalParser => "tseval parser (full)",
            #[cfg(feature = "oxc")]
            Engine::OxcParser => "oxc_parser (full)",
        }
    }
}

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse_arguments(&arguments) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("parser-peers: {message}");
            eprintln!(
                "usage: parser-peers [--iterations N] [--seconds S] [--rounds R] [--only lexer|parser|oxc] PATH..."
            );
            return ExitCode::from(2);
        }
    };
    let mut paths = Vec::new();
    for path in &options.paths {
        if let Err(message) = collect_files(path, &mut paths) {
            eprintln!("parser-peers: {message}");
            return ExitCode::from(2);
        }
    }
    paths.sort();
    let mut corpus = Vec::new();
    for path in paths {
        let source = match std::fs::read_to_string(&path) {
            Ok(source) => source,
            Err(error) => {
                eprintln!("parser-peers: skipping {}: {error}", path.display());
                continue;
            }
        };
        let name = path.display().to_string();
        let file = CorpusFile { path, name, source };
        if let Err(reason) = check_both_parsers_accept(&file) {
            eprintln!(
                "parser-peers: leaving out {}: {reason}",
                file.path.display()
            );
            continue;
        }
        corpus.push(file);
    }
    if corpus.is_empty() {
        eprintln!("parser-peers: no file to measure");
        return ExitCode::from(1);
    }
    let bytes: usize = corpus.iter().map(|file| file.source.len()).sum();
    println!(
        "corpus: {} files, {:.2} MB; rounds of >= {} passes and >= {} CPU seconds per engine, {} rounds (median reported)",
        corpus.len(),
        bytes as f64 / 1e6,
        options.iterations,
        options.seconds,
        options.rounds
    );
    if !cfg!(feature = "oxc") {
        println!("(oxc_parser not compiled in: rebuild with `--features oxc` for the comparison)");
    }
    let mut engines = Engine::all();
    if let Some(only) = &options.only {
        engines.retain(|engine| engine.short_name() == only);
        if engines.is_empty() {
            eprintln!("parser-peers: --only {only}: no such engine in this build");
            return ExitCode::from(2);
        }
    }
    // Megabytes per second, and page faults per pass, of each round, per engine.
    let mut rates_per_engine: Vec<Vec<f64>> = vec![Vec::new(); engines.len()];
    let mut faults_per_engine: Vec<Vec<f64>> = vec![Vec::new(); engines.len()];
    for round in 0..options.rounds as usize {
        // Rotate the order so no engine always runs first (cold caches) or last.
        for offset in 0..engines.len() {
            let index = (round + offset) % engines.len();
            let measured = measure_round(engines[index], &corpus, &options);
            rates_per_engine[index].push(measured.megabytes_per_second);
            faults_per_engine[index].push(measured.page_faults_per_pass);
        }
    }
    let mut throughput = Vec::new();
    for ((engine, rates), faults) in engines
        .iter()
        .zip(&mut rates_per_engine)
        .zip(&mut faults_per_engine)
    {
        let megabytes_per_second = median(rates);
        let fastest = rates.iter().copied().fold(0.0, f64::max);
        println!(
            "{:<22} {:>8.1} MB/s  (best round {:.1} MB/s; {:.0} page faults per pass)",
            engine.label(),
            megabytes_per_second,
            fastest,
            median(faults)
        );
        throughput.push((*engine, megabytes_per_second));
    }
    #[cfg(feature = "oxc")]
    if options.only.is_none() {
        let of = |wanted: Engine| {
            throughput
                .iter()
                .find(|(engine, _)| *engine == wanted)
                .map_or(0.0, |(_, value)| *value)
        };
        let oxc = of(Engine::OxcParser);
        println!(
            "ratio tseval lexer / oxc parser: {:.2}x",
            of(Engine::TsevalLexer) / oxc
        );
        println!(
            "ratio tseval parser / oxc parser: {:.2}x",
            of(Engine::TsevalParser) / oxc
        );
    }
    #[cfg(not(feature = "oxc"))]
    let _ = throughput;
    ExitCode::SUCCESS
}

/// What one round of one engine measured.
struct RoundResult {
    /// Megabytes of source per CPU second.
    megabytes_per_second: f64,
    /// Minor page faults of this thread per pass (0 where `/proc/thread-self/stat` does not
    /// exist). Every page of memory a pass touches for the first time since the allocator
    /// got it from the kernel is one, and on this machine they cost as much as parsing a
    /// few hundred bytes, so they explain part of the difference between engines.
    page_faults_per_pass: f64,
}

/// One round of one engine: whole passes over the corpus (at least `options.iterations`) until
/// `options.seconds` of CPU time have gone by.
fn measure_round(engine: Engine, corpus: &[CorpusFile], options: &Options) -> RoundResult {
    let bytes_per_pass: usize = corpus.iter().map(|file| file.source.len()).sum();
    let started = Instant::now();
    let faults_started = thread_minor_page_faults();
    let cpu_started = thread_cpu_seconds();
    let mut passes = 0u32;
    let elapsed = loop {
        run_engine(engine, corpus);
        passes += 1;
        let elapsed = match (cpu_started, thread_cpu_seconds()) {
            (Some(before), Some(after)) => after - before,
            _ => started.elapsed().as_secs_f64(),
        };
        if passes >= options.iterations && elapsed >= options.seconds {
            break elapsed;
        }
    };
    let page_faults = match (faults_started, thread_minor_page_faults()) {
        (Some(before), Some(after)) => after.saturating_sub(before),
        _ => 0,
    };
    RoundResult {
        megabytes_per_second: bytes_per_pass as f64 * f64::from(passes) / 1e6 / elapsed,
        page_faults_per_pass: page_faults as f64 / f64::from(passes),
    }
}

/// Minor page faults of this thread so far (field 10 of `/proc/thread-self/stat`), or `None`
/// where that file does not exist.
fn thread_minor_page_faults() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the parenthesised command name start at field 3 (`state`).
    let after_name = &text[text.rfind(')')? + 1..];
    after_name.split_whitespace().nth(7)?.parse().ok()
}

fn parse_arguments(arguments: &[String]) -> Result<Options, String> {
    let mut options = Options {
        iterations: 1,
        seconds: 1.0,
        rounds: 5,
        paths: Vec::new(),
        only: None,
    };
    let mut index = 0;
    while index < arguments.len() {
        let argument = arguments[index].as_str();
        match argument {
            "--seconds" => {
                index += 1;
                options.seconds = arguments
                    .get(index)
                    .and_then(|text| text.parse().ok())
                    .filter(|value: &f64| *value > 0.0)
                    .ok_or("--seconds needs a positive number")?;
            }
            "--iterations" | "--rounds" => {
                index += 1;
                let value: u32 = arguments
                    .get(index)
                    .and_then(|text| text.parse().ok())
                    .filter(|value| *value > 0)
                    .ok_or(format!("{argument} needs a positive number"))?;
                if argument == "--iterations" {
                    options.iterations = value;
                } else {
                    options.rounds = value;
                }
            }
            "--only" => {
                index += 1;
                options.only = Some(
                    arguments
                        .get(index)
                        .cloned()
                        .ok_or("--only needs lexer, parser or oxc")?,
                );
            }
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            path => options.paths.push(PathBuf::from(path)),
        }
        index += 1;
    }
    if options.paths.is_empty() {
        return Err("no file or folder given".to_string());
    }
    Ok(options)
}

/// Appends every corpus file under `path` (or `path` itself when it is a file).
fn collect_files(path: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    let metadata = std::fs::metadata(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    if metadata.is_file() {
        files.push(path.to_path_buf());
        return Ok(());
    }
    let entries = std::fs::read_dir(path)
        .map_err(|error| format!("cannot list {}: {error}", path.display()))?;
    for entry in entries.flatten() {
        let entry_path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry_path.is_dir() {
            collect_files(&entry_path, files)?;
        } else if CORPUS_EXTENSIONS
            .iter()
            .any(|extension| name.ends_with(extension))
        {
            files.push(entry_path);
        }
    }
    Ok(())
}

/// CPU time consumed by this thread so far, from `/proc/thread-self/stat` (user + system, in
/// clock ticks of 10 ms), or `None` where that file does not exist. CPU time rather than wall
/// time is what the report uses: on a loaded machine wall time mostly measures the other
/// processes. Rounds should last a second or more so that the 10 ms resolution stays below 1%.
fn thread_cpu_seconds() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the parenthesised command name start at field 3 (`state`); utime and
    // stime are fields 14 and 15.
    let after_name = &text[text.rfind(')')? + 1..];
    let mut fields = after_name.split_whitespace().skip(11);
    let user_ticks: f64 = fields.next()?.parse().ok()?;
    let system_ticks: f64 = fields.next()?.parse().ok()?;
    const TICKS_PER_SECOND: f64 = 100.0;
    Some((user_ticks + system_ticks) / TICKS_PER_SECOND)
}

/// The median of `values` (sorted in place); the mean of the middle two for even counts.
fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    if values.len().is_multiple_of(2) {
        (values[middle - 1] + values[middle]) / 2.0
    } else {
        values[middle]
    }
}

/// The goal tseval uses for a file name (`.mjs`/`.mts` are modules).
fn tseval_goal(name: &str) -> Goal {
    if name.ends_with(".mjs") || name.ends_with(".mts") {
        Goal::Module
    } else {
        Goal::ScriptOrModule
    }
}

/// Parses one file with tseval; the error message on failure.
fn tseval_parse(file: &CorpusFile) -> Result<usize, String> {
    let arena = Arena::new();
    let mut interner = Interner::new();
    let options = ParseOptions {
        goal: tseval_goal(&file.name),
        strict: false,
    };
    parse_with_options(
        black_box(&file.source),
        &file.name,
        &arena,
        &mut interner,
        options,
    )
    .map(|program| program.body.len())
    .map_err(|error| error.to_string())
}

/// Parses one file with oxc; the first error message on failure.
#[cfg(feature = "oxc")]
fn oxc_parse(file: &CorpusFile) -> Result<usize, String> {
    let allocator = oxc_allocator::Allocator::default();
    let source_type = oxc_span::SourceType::from_path(&file.path)
        .map_err(|error| format!("oxc cannot tell the source type: {error:?}"))?;
    let result = oxc_parser::Parser::new(&allocator, black_box(&file.source), source_type).parse();
    if result.panicked || !result.diagnostics.is_empty() {
        let first = result
            .diagnostics
            .first()
            .map_or_else(|| "oxc gave up".to_string(), |error| error.to_string());
        return Err(first);
    }
    Ok(result.program.body.len())
}

/// Runs both parsers (and the lexer) once on `file`; `Err` when any of them rejects it.
fn check_both_parsers_accept(file: &CorpusFile) -> Result<(), String> {
    tseval_lexer::synthetic::lex_standalone(&file.source)
        .map_err(|span| format!("tseval lexer: error at bytes {}..{}", span.start, span.end))?;
    tseval_parse(file).map_err(|message| format!("tseval: {message}"))?;
    #[cfg(feature = "oxc")]
    oxc_parse(file).map_err(|message| format!("oxc: {message}"))?;
    Ok(())
}

/// One pass of `engine` over the whole corpus.
fn run_engine(engine: Engine, corpus: &[CorpusFile]) {
    for file in corpus {
        match engine {
            Engine::TsevalLexer => {
                black_box(tseval_lexer::synthetic::lex_standalone(black_box(&file.source)).ok());
            }
            Engine::TsevalParser => {
                black_box(tseval_parse(file).ok());
            }
            #[cfg(feature = "oxc")]
            Engine::OxcParser => {
                black_box(oxc_parse(file).ok());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), 2.5);
    }

    #[test]
    fn touching_fresh_memory_counts_page_faults() {
        let Some(before) = thread_minor_page_faults() else {
            assert!(!Path::new("/proc/thread-self/stat").exists());
            return;
        };
        // 64 MB written page by page: far above any allocator's cache of freed memory.
        let mut memory = vec![0u8; 64 << 20];
        for page in memory.chunks_mut(4096) {
            page[0] = 1;
        }
        black_box(&memory);
        let after = thread_minor_page_faults().unwrap_or(0);
        assert!(after >= before + 1000, "{before} -> {after}");
    }

    #[test]
    fn thread_cpu_time_grows_with_work() {
        let Some(before) = thread_cpu_seconds() else {
            // Not Linux: wall time is used instead, nothing to check here.
            assert!(!Path::new("/proc/thread-self/stat").exists());
            return;
        };
        let mut sum = 0u64;
        while thread_cpu_seconds().unwrap_or(before) < before + 0.02 {
            sum = black_box(sum.wrapping_add(1));
        }
        assert!(thread_cpu_seconds().unwrap_or(0.0) >= before + 0.02);
    }

    #[test]
    fn corpus_files_are_selected_by_extension() {
        let folder = std::env::temp_dir().join(format!("parser-peers-test-{}", std::process::id()));
        std::fs::create_dir_all(folder.join("nested")).expect("temporary folder");
        for name in ["a.ts", "nested/b.d.ts", "c.mjs", "d.json", "e.tsx"] {
            std::fs::write(folder.join(name), "let x = 1;\n").expect("temporary file");
        }
        let mut files = Vec::new();
        collect_files(&folder, &mut files).expect("listing");
        files.sort();
        let names: Vec<String> = files
            .iter()
            .map(|path| {
                path.strip_prefix(&folder)
                    .unwrap_or(path)
                    .display()
                    .to_string()
            })
            .collect();
        std::fs::remove_dir_all(&folder).ok();
        assert_eq!(names, ["a.ts", "c.mjs", "nested/b.d.ts"]);
    }
}
