//! `cargo xtask bench [FILTER] [--peers] [--runs N] [--write]`: time the benchmark programs in
//! tseval and, with `--peers`, in QuickJS, Boa and node, side by side.
//!
//! The program list and each program's expected stdout live in `benches/programs/expected.txt`.
//! Every run's stdout is checked against it; a mismatch, a crash or a timeout turns the row into a
//! clearly marked FAIL instead of a time, because a fast wrong answer is not a result.
//!
//! Measurement method, chosen once per invocation (the best available wins):
//! 1. `perf stat -e duration_time,user_time,system_time` around `/usr/bin/time -f %M`: CPU time
//!    (user + sys, from the kernel's rusage with microsecond resolution, all threads of the child),
//!    wall time in nanoseconds, and peak RSS. The wrappers add roughly a millisecond of their own
//!    CPU to every engine alike.
//! 2. GNU `/usr/bin/time -f "%e %U %S %M"`: the same quantities with 10 ms resolution.
//! 3. Wall-clock time measured here, when neither tool exists (CPU time is then reported as wall).
//!
//! Runs are interleaved to spread machine noise evenly over the engines: for each program, one
//! warm-up round (every engine once, discarded), then round 1 (engine A, engine B, ...), round 2,
//! and so on. Medians are reported; ratios are against QuickJS, and the geometric mean row
//! summarises them over the programs where both engines passed.

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::child_process;
use crate::workspace_layout;

/// The runner binary built by the `tseval` package.
const RUNNER_BINARY_NAME: &str = "typescript-eval-runner";
/// The peer runner binary built by the `peer-runner` package (`benches/peer-runner`).
const PEER_RUNNER_BINARY_NAME: &str = "peer-runner";
/// The features that compile the peer engines into the peer runner.
const PEER_RUNNER_FEATURES: &str = "quickjs,boa";
/// The first line of the generated section of docs/PERFORMANCE.md.
pub const GENERATED_SECTION_BEGIN: &str = "<!-- BEGIN GENERATED: cargo xtask bench --write -->";
/// The last line of the generated section of docs/PERFORMANCE.md.
pub const GENERATED_SECTION_END: &str = "<!-- END GENERATED -->";
/// The label of the engine every ratio is computed against.
const BASELINE_ENGINE_LABEL: &str = "QuickJS";

struct BenchOptions {
    name_filter: Option<String>,
    include_peers: bool,
    measured_runs: usize,
    warmup_runs: usize,
    write_document: bool,
    build_first: bool,
    runner_override: Option<PathBuf>,
    time_limit: Duration,
}

/// One line of `benches/programs/expected.txt`, resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct BenchProgram {
    /// The row label, e.g. `fib.js`.
    pub name: String,
    /// The program file.
    pub path: PathBuf,
    /// The exact expected stdout.
    pub expected_stdout: String,
    /// True when the expectation was given inline (compared after trimming trailing whitespace);
    /// false when it came from a file (compared byte for byte).
    pub expectation_is_inline: bool,
}

impl BenchProgram {
    fn is_typescript(&self) -> bool {
        self.path
            .extension()
            .is_some_and(|extension| extension == "ts")
    }

    fn output_matches(&self, stdout: &str) -> bool {
        if self.expectation_is_inline {
            stdout.trim_end() == self.expected_stdout.trim_end()
        } else {
            stdout == self.expected_stdout
        }
    }
}

/// How an engine is started: `program leading_arguments... FILE`.
#[derive(Clone, Debug)]
struct Engine {
    label: &'static str,
    program: PathBuf,
    leading_arguments: Vec<String>,
    /// True when the engine reads `.ts` files itself; the others get type-erased JavaScript.
    runs_typescript_directly: bool,
}

/// What one successful run measured.
#[derive(Clone, Copy, Debug)]
struct Measurement {
    wall_seconds: f64,
    cpu_seconds: f64,
    peak_rss_kibibytes: Option<u64>,
}

/// Every run of one engine on one program.
#[derive(Default)]
struct EngineResults {
    measurements: Vec<Measurement>,
    /// The first failure seen; one failure fails the cell.
    failure: Option<String>,
    /// Set when the engine does not take part for this program (e.g. no stripped JavaScript).
    skipped_reason: Option<String>,
}

/// The summary of one cell of the tables.
#[derive(Clone, Copy, Debug)]
struct CellSummary {
    median_cpu_seconds: f64,
    median_wall_seconds: f64,
    peak_rss_kibibytes: Option<u64>,
}

impl EngineResults {
    fn summary(&self) -> Option<CellSummary> {
        if self.failure.is_some() || self.skipped_reason.is_some() || self.measurements.is_empty() {
            return None;
        }
        let cpu: Vec<f64> = self
            .measurements
            .iter()
            .map(|run| run.cpu_seconds)
            .collect();
        let wall: Vec<f64> = self
            .measurements
            .iter()
            .map(|run| run.wall_seconds)
            .collect();
        Some(CellSummary {
            median_cpu_seconds: median(&cpu),
            median_wall_seconds: median(&wall),
            peak_rss_kibibytes: self
                .measurements
                .iter()
                .filter_map(|run| run.peak_rss_kibibytes)
                .max(),
        })
    }
}

/// The measuring tools found on this machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TimingMethod {
    PerfStatAroundGnuTime,
    GnuTime,
    WallClockOnly,
}

impl TimingMethod {
    fn description(self) -> &'static str {
        match self {
            TimingMethod::PerfStatAroundGnuTime => {
                "CPU = user+sys from `perf stat -e user_time,system_time` (µs resolution); \
                 peak RSS from `/usr/bin/time -f %M`"
            }
            TimingMethod::GnuTime => {
                "CPU = user+sys from `/usr/bin/time -f \"%e %U %S %M\"` (10 ms resolution)"
            }
            TimingMethod::WallClockOnly => {
                "wall-clock only (neither perf nor /usr/bin/time found): the CPU columns show wall time"
            }
        }
    }
}

/// Entry point: returns 0 when every tseval run passed, 1 when one failed, 2 on usage or build
/// problems. Peer failures are reported but do not change the status.
pub fn run(arguments: &[String]) -> u8 {
    let options = match parse_arguments(arguments) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("xtask bench: {message}");
            return 2;
        }
    };
    let root = workspace_layout::repository_root();
    let programs = match load_program_list(&root.join("benches/programs/expected.txt"), &root) {
        Ok(programs) => programs,
        Err(message) => {
            eprintln!("xtask bench: {message}");
            return 2;
        }
    };
    let programs: Vec<BenchProgram> = programs
        .into_iter()
        .filter(|program| {
            options
                .name_filter
                .as_deref()
                .is_none_or(|filter| program.name.contains(filter))
        })
        .collect();
    if programs.is_empty() {
        eprintln!("xtask bench: no program matches the filter");
        return 2;
    }

    let engines = match prepare_engines(&options) {
        Ok(engines) => engines,
        Err(message) => {
            eprintln!("xtask bench: {message}");
            return 2;
        }
    };
    let scratch_directory = workspace_layout::target_directory().join("bench");
    if let Err(error) = std::fs::create_dir_all(&scratch_directory) {
        eprintln!(
            "xtask bench: cannot create {}: {error}",
            scratch_directory.display()
        );
        return 2;
    }
    let stripped_javascript = if engines
        .iter()
        .any(|engine| !engine.runs_typescript_directly)
    {
        strip_typescript_programs(&programs, &scratch_directory.join("stripped"))
    } else {
        Vec::new()
    };

    let timing_method = detect_timing_method();
    eprintln!(
        "xtask bench: {} program(s) x {} engine(s), {} warm-up + {} measured run(s); {}",
        programs.len(),
        engines.len(),
        options.warmup_runs,
        options.measured_runs,
        timing_method.description()
    );

    let mut results_by_program: Vec<Vec<EngineResults>> = Vec::new();
    for (program_index, program) in programs.iter().enumerate() {
        let mut results: Vec<EngineResults> =
            engines.iter().map(|_| EngineResults::default()).collect();
        let files: Vec<Option<PathBuf>> = engines
            .iter()
            .map(|engine| {
                if engine.runs_typescript_directly || !program.is_typescript() {
                    Some(program.path.clone())
                } else {
                    stripped_javascript
                        .iter()
                        .find(|(index, _)| *index == program_index)
                        .map(|(_, path)| path.clone())
                }
            })
            .collect();
        for (engine_results, file) in results.iter_mut().zip(&files) {
            if file.is_none() {
                engine_results.skipped_reason =
                    Some("no type-erased JavaScript (typescript package missing)".to_owned());
            }
        }
        let total_rounds = options.warmup_runs + options.measured_runs;
        for round in 0..total_rounds {
            let is_warmup = round < options.warmup_runs;
            for ((engine, file), engine_results) in engines.iter().zip(&files).zip(&mut results) {
                let Some(file) = file else { continue };
                // A failing engine is not run again: its cell is FAIL whatever happens next.
                if engine_results.failure.is_some() {
                    continue;
                }
                match measure_one_run(
                    timing_method,
                    engine,
                    file,
                    program,
                    options.time_limit,
                    &scratch_directory,
                ) {
                    Ok(measurement) => {
                        if !is_warmup {
                            engine_results.measurements.push(measurement);
                        }
                    }
                    Err(reason) => engine_results.failure = Some(reason),
                }
            }
        }
        print_progress_line(program, &engines, &results);
        results_by_program.push(results);
    }

    let report = render_report(
        &programs,
        &engines,
        &results_by_program,
        &options,
        timing_method,
    );
    println!("\n{report}");

    let tseval_failed = results_by_program.iter().any(|results| {
        results
            .first()
            .is_some_and(|tseval| tseval.failure.is_some())
    });
    if options.write_document {
        let document = root.join("docs").join("PERFORMANCE.md");
        match replace_generated_section(&document, &report) {
            Ok(()) => eprintln!("xtask bench: wrote {}", document.display()),
            Err(message) => {
                eprintln!("xtask bench: {message}");
                return 2;
            }
        }
    }
    u8::from(tseval_failed)
}

fn parse_arguments(arguments: &[String]) -> Result<BenchOptions, String> {
    let mut options = BenchOptions {
        name_filter: None,
        include_peers: false,
        measured_runs: 5,
        warmup_runs: 1,
        write_document: false,
        build_first: true,
        runner_override: None,
        time_limit: Duration::from_secs(120),
    };
    let mut remaining = arguments.iter();
    while let Some(argument) = remaining.next() {
        let mut value_of = |flag: &str| {
            remaining
                .next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match argument.as_str() {
            "--peers" => options.include_peers = true,
            "--write" => options.write_document = true,
            "--no-build" => options.build_first = false,
            "--runs" => {
                options.measured_runs = parse_count(&value_of("--runs")?, "--runs")?.max(1);
            }
            "--warmup" => options.warmup_runs = parse_count(&value_of("--warmup")?, "--warmup")?,
            "--runner" => options.runner_override = Some(PathBuf::from(value_of("--runner")?)),
            "--timeout" => {
                let seconds = parse_count(&value_of("--timeout")?, "--timeout")?;
                options.time_limit = Duration::from_secs(seconds.max(1) as u64);
            }
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            filter => {
                if options.name_filter.is_some() {
                    return Err("only one FILTER may be given".to_owned());
                }
                options.name_filter = Some(filter.to_owned());
            }
        }
    }
    Ok(options)
}

fn parse_count(text: &str, flag: &str) -> Result<usize, String> {
    text.parse::<usize>()
        .map_err(|_| format!("{flag} expects a whole number, got `{text}`"))
}

/// Reads and resolves the program list; `root` is the repository root the paths are relative to.
pub fn load_program_list(list_path: &Path, root: &Path) -> Result<Vec<BenchProgram>, String> {
    let text = std::fs::read_to_string(list_path)
        .map_err(|error| format!("cannot read {}: {error}", list_path.display()))?;
    let mut programs = Vec::new();
    for (line_index, line) in text.lines().enumerate() {
        let line_number = line_index + 1;
        let Some(entry) = parse_program_list_line(line)
            .map_err(|message| format!("{}:{line_number}: {message}", list_path.display()))?
        else {
            continue;
        };
        let path = root.join(entry.relative_path);
        let (expected_stdout, expectation_is_inline) = match entry.expectation.strip_prefix('@') {
            Some(expectation_file) => {
                let expectation_path = root.join(expectation_file);
                let contents = std::fs::read_to_string(&expectation_path).map_err(|error| {
                    format!(
                        "{}:{line_number}: cannot read {}: {error}",
                        list_path.display(),
                        expectation_path.display()
                    )
                })?;
                (contents, false)
            }
            None => (entry.expectation.to_owned(), true),
        };
        programs.push(BenchProgram {
            name: entry.name.to_owned(),
            path,
            expected_stdout,
            expectation_is_inline,
        });
    }
    Ok(programs)
}

/// The three fields of one program-list line, unresolved.
#[derive(Debug, PartialEq, Eq)]
pub struct ProgramListEntry<'line> {
    pub name: &'line str,
    pub relative_path: &'line str,
    pub expectation: &'line str,
}

/// Parses `NAME | PATH | EXPECTED`; blank lines and `#` comments give `Ok(None)`.
pub fn parse_program_list_line(line: &str) -> Result<Option<ProgramListEntry<'_>>, String> {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return Ok(None);
    }
    let mut fields = trimmed.splitn(3, '|').map(str::trim);
    let (Some(name), Some(relative_path), Some(expectation)) =
        (fields.next(), fields.next(), fields.next())
    else {
        return Err("expected `NAME | PATH | EXPECTED`".to_owned());
    };
    if name.is_empty() || relative_path.is_empty() || expectation.is_empty() {
        return Err("empty field in `NAME | PATH | EXPECTED`".to_owned());
    }
    Ok(Some(ProgramListEntry {
        name,
        relative_path,
        expectation,
    }))
}

/// Builds what needs building and lists the engines in column order: tseval first, then (with
/// `--peers`) QuickJS, Boa, node --jitless and node when available.
fn prepare_engines(options: &BenchOptions) -> Result<Vec<Engine>, String> {
    let release_directory = workspace_layout::target_directory().join("release");
    let runner = match &options.runner_override {
        Some(path) => path.clone(),
        None => {
            if options.build_first {
                run_cargo_build(&["build", "--release", "-p", "tseval"])?;
            }
            release_directory.join(RUNNER_BINARY_NAME)
        }
    };
    if !runner.is_file() {
        return Err(format!(
            "runner not found at {} (build it, or pass --runner FILE)",
            runner.display()
        ));
    }
    let mut engines = vec![Engine {
        label: "tseval",
        program: runner,
        leading_arguments: Vec::new(),
        runs_typescript_directly: true,
    }];
    if !options.include_peers {
        return Ok(engines);
    }

    if options.build_first {
        run_cargo_build(&[
            "build",
            "--release",
            "-p",
            "peer-runner",
            "--features",
            PEER_RUNNER_FEATURES,
        ])?;
    }
    let peer_runner = release_directory.join(PEER_RUNNER_BINARY_NAME);
    if peer_runner.is_file() {
        for (label, engine_name) in [("QuickJS", "quickjs"), ("Boa", "boa")] {
            engines.push(Engine {
                label,
                program: peer_runner.clone(),
                leading_arguments: vec!["--engine".to_owned(), engine_name.to_owned()],
                runs_typescript_directly: false,
            });
        }
    } else {
        eprintln!(
            "xtask bench: {} not found; QuickJS and Boa are left out (build it with \
             `cargo build --release -p peer-runner --features {PEER_RUNNER_FEATURES}`)",
            peer_runner.display()
        );
    }
    if child_process::tool_is_available("node") {
        engines.push(Engine {
            label: "node --jitless",
            program: PathBuf::from("node"),
            leading_arguments: vec!["--jitless".to_owned()],
            runs_typescript_directly: false,
        });
        engines.push(Engine {
            label: "node",
            program: PathBuf::from("node"),
            leading_arguments: Vec::new(),
            runs_typescript_directly: false,
        });
    } else {
        eprintln!("xtask bench: node not found; its columns are left out");
    }
    Ok(engines)
}

/// Runs `cargo ARGS...` with the terminal inherited so build errors are visible.
fn run_cargo_build(cargo_arguments: &[&str]) -> Result<(), String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(cargo_arguments)
        .current_dir(workspace_layout::repository_root())
        .status()
        .map_err(|error| format!("cannot start cargo: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "`cargo {}` failed ({status})",
            cargo_arguments.join(" ")
        ))
    }
}

/// Erases the types of every TypeScript program with the typescript npm package (through node),
/// writing `NAME.js` into `output_directory`. Returns (program index, JavaScript file) for each
/// success; failures are reported and leave that program's peer cells skipped.
fn strip_typescript_programs(
    programs: &[BenchProgram],
    output_directory: &Path,
) -> Vec<(usize, PathBuf)> {
    let typescript_programs: Vec<(usize, &BenchProgram)> = programs
        .iter()
        .enumerate()
        .filter(|(_, program)| program.is_typescript())
        .collect();
    if typescript_programs.is_empty() {
        return Vec::new();
    }
    let Some(typescript_package) = locate_typescript_package() else {
        eprintln!(
            "xtask bench: the typescript npm package was not found ($TSORACLE_TYPESCRIPT, \
             $TYPESCRIPT_PATH, ../tsoracle); peers skip the .ts programs"
        );
        return Vec::new();
    };
    if let Err(error) = std::fs::create_dir_all(output_directory) {
        eprintln!(
            "xtask bench: cannot create {}: {error}",
            output_directory.display()
        );
        return Vec::new();
    }
    // transpileModule erases types without checking them, like tseval does; ES2022 output keeps
    // classes, fields and arrows as written, so peers run the same code shape.
    const STRIP_SCRIPT: &str = "\
        const [packagePath, input, output] = process.argv.slice(1);\
        const ts = require(packagePath);\
        const fs = require('fs');\
        const source = fs.readFileSync(input, 'utf8');\
        const result = ts.transpileModule(source, { compilerOptions: {\
            target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None, removeComments: false } });\
        fs.writeFileSync(output, result.outputText);";
    let mut stripped = Vec::new();
    for (index, program) in typescript_programs {
        let output = output_directory.join(format!("{}.js", program.name.trim_end_matches(".ts")));
        let arguments: Vec<&OsStr> = vec![
            OsStr::new("-e"),
            OsStr::new(STRIP_SCRIPT),
            typescript_package.as_os_str(),
            program.path.as_os_str(),
            output.as_os_str(),
        ];
        match child_process::run_with_time_limit(
            Path::new("node"),
            &arguments,
            None,
            Duration::from_secs(60),
        ) {
            Ok(run) if run.exit_status == 0 && output.is_file() => stripped.push((index, output)),
            Ok(run) => eprintln!(
                "xtask bench: type erasure of {} failed: {}",
                program.name,
                String::from_utf8_lossy(&run.stderr).trim()
            ),
            Err(error) => eprintln!("xtask bench: cannot start node: {error}"),
        }
    }
    stripped
}

/// The typescript package directory, looked up like `cargo xtask oracle` does.
fn locate_typescript_package() -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = ["TSORACLE_TYPESCRIPT", "TYPESCRIPT_PATH"]
        .iter()
        .filter_map(|variable| std::env::var_os(variable).filter(|value| !value.is_empty()))
        .map(PathBuf::from)
        .collect();
    candidates.push(workspace_layout::repository_root().join("../tsoracle"));
    candidates.into_iter().find_map(|candidate| {
        let nested = candidate.join("node_modules").join("typescript");
        if nested.join("package.json").is_file() {
            Some(nested)
        } else if candidate.join("package.json").is_file()
            && std::fs::read_to_string(candidate.join("package.json"))
                .is_ok_and(|manifest| manifest.contains("\"typescript\""))
        {
            Some(candidate)
        } else {
            None
        }
    })
}

fn detect_timing_method() -> TimingMethod {
    let gnu_time_present = Path::new("/usr/bin/time").is_file();
    if gnu_time_present && perf_stat_measures_rusage() {
        TimingMethod::PerfStatAroundGnuTime
    } else if gnu_time_present {
        TimingMethod::GnuTime
    } else {
        TimingMethod::WallClockOnly
    }
}

/// True when `perf stat` can report the tool events this module reads.
fn perf_stat_measures_rusage() -> bool {
    Command::new("perf")
        .args([
            "stat",
            "-x",
            ",",
            "-e",
            "duration_time,user_time,system_time",
            "true",
        ])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .output()
        .is_ok_and(|output| {
            output.status.success()
                && String::from_utf8_lossy(&output.stderr).contains("user_time")
                && !String::from_utf8_lossy(&output.stderr).contains("not supported")
        })
}

/// Runs `engine` on `file` once, checking its output against `program`'s expectation.
fn measure_one_run(
    timing_method: TimingMethod,
    engine: &Engine,
    file: &Path,
    program: &BenchProgram,
    time_limit: Duration,
    scratch_directory: &Path,
) -> Result<Measurement, String> {
    let perf_output = scratch_directory.join("perf-stat.csv");
    let time_output = scratch_directory.join("gnu-time.txt");
    let mut command_line: Vec<std::ffi::OsString> = Vec::new();
    let wrapper: PathBuf = match timing_method {
        TimingMethod::PerfStatAroundGnuTime => {
            for argument in [
                "stat",
                "-x",
                ",",
                "-e",
                "duration_time,user_time,system_time",
                "-o",
            ] {
                command_line.push(argument.into());
            }
            command_line.push(perf_output.clone().into());
            command_line.push("--".into());
            command_line.push("/usr/bin/time".into());
            for argument in ["-f", "%M", "-o"] {
                command_line.push(argument.into());
            }
            command_line.push(time_output.clone().into());
            command_line.push("--".into());
            PathBuf::from("perf")
        }
        TimingMethod::GnuTime => {
            for argument in ["-f", "%e %U %S %M", "-o"] {
                command_line.push(argument.into());
            }
            command_line.push(time_output.clone().into());
            command_line.push("--".into());
            PathBuf::from("/usr/bin/time")
        }
        TimingMethod::WallClockOnly => engine.program.clone(),
    };
    if timing_method != TimingMethod::WallClockOnly {
        command_line.push(engine.program.clone().into());
    }
    for argument in &engine.leading_arguments {
        command_line.push(argument.into());
    }
    command_line.push(file.into());
    let arguments: Vec<&OsStr> = command_line
        .iter()
        .map(|argument| argument.as_os_str())
        .collect();

    let run = child_process::run_with_time_limit(
        &wrapper,
        &arguments,
        Some(&workspace_layout::repository_root()),
        time_limit,
    )
    .map_err(|error| format!("cannot start {}: {error}", wrapper.display()))?;
    if run.timed_out {
        return Err(format!("timed out after {} s", time_limit.as_secs()));
    }
    if run.exit_status != 0 {
        let stderr = String::from_utf8_lossy(&run.stderr);
        let last_line = stderr
            .lines()
            .rev()
            .find(|line| !line.trim().is_empty() && !line.starts_with("Command exited"))
            .unwrap_or("");
        return Err(format!(
            "exit status {}: {}",
            run.exit_status,
            last_line.trim()
        ));
    }
    let stdout = String::from_utf8_lossy(&run.stdout);
    if !program.output_matches(&stdout) {
        return Err(format!(
            "wrong output: got `{}`, expected `{}`",
            first_line_abbreviated(&stdout),
            first_line_abbreviated(&program.expected_stdout)
        ));
    }

    match timing_method {
        TimingMethod::PerfStatAroundGnuTime => {
            let perf_text = std::fs::read_to_string(&perf_output)
                .map_err(|error| format!("cannot read perf output: {error}"))?;
            let time_text = std::fs::read_to_string(&time_output).unwrap_or_default();
            let counters = parse_perf_stat_csv(&perf_text);
            let nanoseconds = |event: &str| {
                counters
                    .iter()
                    .find(|(name, _)| name == event)
                    .map(|(_, value)| *value)
                    .ok_or_else(|| format!("perf stat did not report {event}"))
            };
            Ok(Measurement {
                wall_seconds: nanoseconds("duration_time")? / 1e9,
                cpu_seconds: (nanoseconds("user_time")? + nanoseconds("system_time")?) / 1e9,
                peak_rss_kibibytes: last_number_in(&time_text).map(|value| value as u64),
            })
        }
        TimingMethod::GnuTime => {
            let time_text = std::fs::read_to_string(&time_output)
                .map_err(|error| format!("cannot read /usr/bin/time output: {error}"))?;
            let fields = parse_gnu_time_line(&time_text)
                .ok_or_else(|| format!("unexpected /usr/bin/time output `{}`", time_text.trim()))?;
            Ok(Measurement {
                wall_seconds: fields.0,
                cpu_seconds: fields.1 + fields.2,
                peak_rss_kibibytes: Some(fields.3),
            })
        }
        TimingMethod::WallClockOnly => Ok(Measurement {
            wall_seconds: run.elapsed.as_secs_f64(),
            cpu_seconds: run.elapsed.as_secs_f64(),
            peak_rss_kibibytes: None,
        }),
    }
}

fn first_line_abbreviated(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    let mut abbreviated: String = line.chars().take(80).collect();
    if line.chars().count() > 80 {
        abbreviated.push('…');
    }
    abbreviated
}

/// Parses `perf stat -x ,` output into (event name, value) pairs; comment lines are skipped.
/// Each data line is `value,unit,event,...`.
pub fn parse_perf_stat_csv(text: &str) -> Vec<(String, f64)> {
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| {
            let mut fields = line.split(',');
            // perf prints `<not counted>` for a tool event that stayed at zero (e.g. system_time
            // of a program that made almost no system calls); `<not supported>` stays missing.
            let value = match fields.next()?.trim() {
                "<not counted>" => 0.0,
                number => number.parse::<f64>().ok()?,
            };
            let _unit = fields.next()?;
            let event = fields.next()?.trim().to_owned();
            Some((event, value))
        })
        .collect()
}

/// Parses the last line of `/usr/bin/time -f "%e %U %S %M"` output: wall, user, sys seconds and
/// peak RSS in KiB. Earlier lines (e.g. "Command exited with non-zero status") are ignored.
pub fn parse_gnu_time_line(text: &str) -> Option<(f64, f64, f64, u64)> {
    let line = text.lines().rev().find(|line| !line.trim().is_empty())?;
    let fields: Vec<&str> = line.split_whitespace().collect();
    let [wall, user, system, rss] = fields.as_slice() else {
        return None;
    };
    Some((
        wall.parse().ok()?,
        user.parse().ok()?,
        system.parse().ok()?,
        rss.parse().ok()?,
    ))
}

fn last_number_in(text: &str) -> Option<f64> {
    text.lines()
        .rev()
        .find_map(|line| line.trim().parse::<f64>().ok())
}

fn print_progress_line(program: &BenchProgram, engines: &[Engine], results: &[EngineResults]) {
    let cells: Vec<String> = engines
        .iter()
        .zip(results)
        .map(
            |(engine, result)| match (result.summary(), &result.failure) {
                (Some(summary), _) => {
                    format!("{} {:.3}s", engine.label, summary.median_cpu_seconds)
                }
                (None, Some(_)) => format!("{} FAIL", engine.label),
                (None, None) => format!("{} skipped", engine.label),
            },
        )
        .collect();
    eprintln!("  {:<22} {}", program.name, cells.join(", "));
}

/// The median of `values` (mean of the middle two for an even count); 0 for none.
pub fn median(values: &[f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted[middle]
    } else {
        (sorted[middle - 1] + sorted[middle]) / 2.0
    }
}

/// The geometric mean of positive `values`; `None` for none.
pub fn geometric_mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() || values.iter().any(|value| *value <= 0.0) {
        return None;
    }
    let log_sum: f64 = values.iter().map(|value| value.ln()).sum();
    Some((log_sum / values.len() as f64).exp())
}

/// The Markdown report: the CPU table with ratios, the wall/RSS table, failures, and how to
/// reproduce it.
fn render_report(
    programs: &[BenchProgram],
    engines: &[Engine],
    results_by_program: &[Vec<EngineResults>],
    options: &BenchOptions,
    timing_method: TimingMethod,
) -> String {
    let baseline_index = engines
        .iter()
        .position(|engine| engine.label == BASELINE_ENGINE_LABEL);
    let mut report = String::new();
    let _ = writeln!(
        report,
        "Measured {} with `{}` on {}.",
        utc_date_today(),
        reproduce_command(options),
        machine_description()
    );
    let _ = writeln!(
        report,
        "Median of {} runs after {} warm-up round(s), engines interleaved; {}.",
        options.measured_runs,
        options.warmup_runs,
        timing_method.description()
    );
    let _ = writeln!(report);

    // Table 1: CPU medians with ratios against QuickJS.
    let _ = writeln!(
        report,
        "CPU time (user+sys) median in seconds{}:",
        if baseline_index.is_some() {
            "; in parentheses the ratio to QuickJS (lower is faster)"
        } else {
            ""
        }
    );
    let _ = writeln!(report);
    let header: Vec<&str> = engines.iter().map(|engine| engine.label).collect();
    let _ = writeln!(report, "| program | {} |", header.join(" | "));
    let _ = writeln!(report, "|---|{}", "---:|".repeat(engines.len()));
    let mut ratios_by_engine: Vec<Vec<f64>> = vec![Vec::new(); engines.len()];
    for (program, results) in programs.iter().zip(results_by_program) {
        let baseline = baseline_index.and_then(|index| results[index].summary());
        let cells: Vec<String> = results
            .iter()
            .enumerate()
            .map(|(engine_index, result)| {
                if let Some(failure) = &result.failure {
                    return format!("**FAIL** ({})", escape_table_cell(failure));
                }
                if let Some(reason) = &result.skipped_reason {
                    return format!("skipped ({reason})");
                }
                let Some(summary) = result.summary() else {
                    return "—".to_owned();
                };
                match baseline {
                    Some(baseline) if baseline.median_cpu_seconds > 0.0 => {
                        let ratio = summary.median_cpu_seconds / baseline.median_cpu_seconds;
                        ratios_by_engine[engine_index].push(ratio);
                        format!("{:.3} ({:.2}x)", summary.median_cpu_seconds, ratio)
                    }
                    _ => format!("{:.3}", summary.median_cpu_seconds),
                }
            })
            .collect();
        let tseval_failed = results
            .first()
            .is_some_and(|tseval| tseval.failure.is_some());
        let row_label = if tseval_failed {
            format!("**FAIL** {}", program.name)
        } else {
            program.name.clone()
        };
        let _ = writeln!(report, "| {row_label} | {} |", cells.join(" | "));
    }
    if baseline_index.is_some() {
        let cells: Vec<String> = ratios_by_engine
            .iter()
            .map(|ratios| match geometric_mean(ratios) {
                Some(mean) => format!("**{mean:.2}x** (n={})", ratios.len()),
                None => "—".to_owned(),
            })
            .collect();
        let _ = writeln!(report, "| geomean vs QuickJS | {} |", cells.join(" | "));
    }
    let _ = writeln!(report);

    // Table 2: wall-clock medians and peak resident memory.
    let _ = writeln!(report, "Wall-clock median (s) / peak RSS (MiB):");
    let _ = writeln!(report);
    let _ = writeln!(report, "| program | {} |", header.join(" | "));
    let _ = writeln!(report, "|---|{}", "---:|".repeat(engines.len()));
    for (program, results) in programs.iter().zip(results_by_program) {
        let cells: Vec<String> = results
            .iter()
            .map(|result| match result.summary() {
                Some(summary) => match summary.peak_rss_kibibytes {
                    Some(kibibytes) => format!(
                        "{:.3} / {:.1}",
                        summary.median_wall_seconds,
                        kibibytes as f64 / 1024.0
                    ),
                    None => format!("{:.3} / —", summary.median_wall_seconds),
                },
                None if result.failure.is_some() => "**FAIL**".to_owned(),
                None => "—".to_owned(),
            })
            .collect();
        let _ = writeln!(report, "| {} | {} |", program.name, cells.join(" | "));
    }
    let _ = writeln!(report);

    // Engines and failures.
    let _ = writeln!(report, "Engines:");
    let _ = writeln!(report);
    for engine in engines {
        let mut command = engine.program.display().to_string();
        if engine.label == "tseval" {
            command = format!("target/release/{RUNNER_BINARY_NAME}");
            if let Some(runner) = &options.runner_override {
                command = runner.display().to_string();
            }
        } else if engine.program.ends_with(PEER_RUNNER_BINARY_NAME) {
            command = format!("target/release/{PEER_RUNNER_BINARY_NAME}");
        }
        for argument in &engine.leading_arguments {
            command.push(' ');
            command.push_str(argument);
        }
        let version = engine_version(engine);
        let _ = writeln!(
            report,
            "- {}: `{command} FILE`{}{}",
            engine.label,
            if version.is_empty() { "" } else { " — " },
            version
        );
    }
    let failures: Vec<String> = programs
        .iter()
        .zip(results_by_program)
        .flat_map(|(program, results)| {
            engines
                .iter()
                .zip(results)
                .filter_map(move |(engine, result)| {
                    result
                        .failure
                        .as_ref()
                        .map(|failure| format!("- {} in {}: {failure}", program.name, engine.label))
                })
        })
        .collect();
    if !failures.is_empty() {
        let _ = writeln!(report);
        let _ = writeln!(report, "Failures:");
        let _ = writeln!(report);
        for failure in failures {
            let _ = writeln!(report, "{failure}");
        }
    }
    report
}

fn escape_table_cell(text: &str) -> String {
    let flattened = text.replace('|', "\\|").replace('\n', " ");
    let mut abbreviated: String = flattened.chars().take(60).collect();
    if flattened.chars().count() > 60 {
        abbreviated.push('…');
    }
    abbreviated
}

/// The command line that reproduces this report.
fn reproduce_command(options: &BenchOptions) -> String {
    let mut command = "cargo xtask bench".to_owned();
    if let Some(filter) = &options.name_filter {
        let _ = write!(command, " {filter}");
    }
    if options.include_peers {
        command.push_str(" --peers");
    }
    let _ = write!(command, " --runs {}", options.measured_runs);
    if options.write_document {
        command.push_str(" --write");
    }
    command
}

/// A one-line `--version` of an engine, or empty when it has none.
fn engine_version(engine: &Engine) -> String {
    let mut command = Command::new(&engine.program);
    if engine.program.ends_with(PEER_RUNNER_BINARY_NAME) {
        command.args(&engine.leading_arguments);
    }
    command
        .arg("--version")
        .stdin(std::process::Stdio::null())
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map(|output| {
            String::from_utf8_lossy(&output.stdout)
                .lines()
                .next()
                .unwrap_or("")
                .trim()
                .to_owned()
        })
        .unwrap_or_default()
}

/// `N-core MODEL, load L` from /proc, or a plain description elsewhere.
fn machine_description() -> String {
    let cores = child_process::default_worker_count();
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|cpuinfo| {
            cpuinfo
                .lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split(':').nth(1))
                .map(|model| model.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|| "unknown".to_owned());
    format!("{cores} cores, {model}, load average {load} at the end")
}

/// Today's date in UTC as `YYYY-MM-DD`, computed from the system clock without a date crate.
fn utc_date_today() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs())
        .unwrap_or(0);
    let (year, month, day) = civil_date_from_days_since_epoch((seconds / 86_400) as i64);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Converts days since 1970-01-01 to a proleptic Gregorian (year, month, day), using the
/// era-based day counting of Howard Hinnant's published `civil_from_days` algorithm.
pub fn civil_date_from_days_since_epoch(days: i64) -> (i64, u32, u32) {
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Replaces the text between the generated-section markers of `document` with `report`.
fn replace_generated_section(document: &Path, report: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(document)
        .map_err(|error| format!("cannot read {}: {error}", document.display()))?;
    let updated = splice_generated_section(&text, report).ok_or_else(|| {
        format!(
            "{} lacks the markers `{GENERATED_SECTION_BEGIN}` and `{GENERATED_SECTION_END}`",
            document.display()
        )
    })?;
    std::fs::write(document, updated)
        .map_err(|error| format!("cannot write {}: {error}", document.display()))
}

/// `text` with everything between the marker lines replaced by `replacement`, or `None` when
/// the markers are missing or out of order.
pub fn splice_generated_section(text: &str, replacement: &str) -> Option<String> {
    let begin = text.find(GENERATED_SECTION_BEGIN)?;
    let content_start = begin + GENERATED_SECTION_BEGIN.len();
    let end = content_start + text[content_start..].find(GENERATED_SECTION_END)?;
    let mut updated = String::with_capacity(text.len() + replacement.len());
    updated.push_str(&text[..content_start]);
    updated.push_str("\n\n");
    updated.push_str(replacement.trim_end());
    updated.push_str("\n\n");
    updated.push_str(&text[end..]);
    Some(updated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn program_list_lines_parse_into_three_fields() {
        assert_eq!(parse_program_list_line("  # a comment"), Ok(None));
        assert_eq!(parse_program_list_line(""), Ok(None));
        assert_eq!(
            parse_program_list_line("fib.js | ../shared/bench/fib.js | 832040"),
            Ok(Some(ProgramListEntry {
                name: "fib.js",
                relative_path: "../shared/bench/fib.js",
                expectation: "832040",
            }))
        );
        assert!(parse_program_list_line("fib.js | only two").is_err());
    }

    /// The committed list must agree with the shared README's table, the source of the
    /// checksums; this fails when either side changes without the other.
    #[test]
    fn committed_expectations_match_the_shared_bench_readme() {
        let root = workspace_layout::repository_root();
        let programs = load_program_list(&root.join("benches/programs/expected.txt"), &root)
            .expect("the committed program list loads");
        assert!(programs.iter().any(|program| program.name == "fib.js"));
        if !workspace_layout::shared_directory().join("bench").is_dir() {
            // The README's test command must pass on a checkout without ../shared beside it;
            // CI has it, so the comparison below runs there.
            println!("../shared/bench is absent; only the committed list was checked");
            return;
        }
        for program in &programs {
            assert!(
                program.path.is_file(),
                "{} is missing",
                program.path.display()
            );
        }
        let readme_path = workspace_layout::shared_directory().join("bench/README.md");
        let readme = std::fs::read_to_string(&readme_path).expect("../shared/bench/README.md");
        let mut compared = 0;
        for line in readme.lines() {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            // | fib.js | recursive calls | `832040` |
            let [_, file, _, expected, ..] = cells.as_slice() else {
                continue;
            };
            if !file.ends_with(".js") {
                continue;
            }
            let expected = expected.trim_matches('`');
            let program = programs
                .iter()
                .find(|program| program.name == *file)
                .unwrap_or_else(|| panic!("{file} is in the README but not in expected.txt"));
            assert_eq!(program.expected_stdout, expected, "{file}");
            compared += 1;
        }
        assert_eq!(compared, 10, "the README table lists ten programs");
    }

    #[test]
    fn inline_expectations_ignore_trailing_whitespace_and_files_do_not() {
        let mut program = BenchProgram {
            name: "x".to_owned(),
            path: PathBuf::from("x.js"),
            expected_stdout: "832040".to_owned(),
            expectation_is_inline: true,
        };
        assert!(program.output_matches("832040\n"));
        assert!(!program.output_matches("832041\n"));
        program.expectation_is_inline = false;
        program.expected_stdout = "a\n".to_owned();
        assert!(program.output_matches("a\n"));
        assert!(!program.output_matches("a"));
    }

    #[test]
    fn perf_stat_csv_and_gnu_time_output_parse() {
        let perf = "# started on Tue\n\n62227457,ns,duration_time,62227457,100.00,1.062,G/sec\n\
                    52776000,ns,user_time,52776000,100.00,900.879,M/sec\n\
                    <not counted>,ns,system_time,0,100.00,,\n\
                    <not supported>,,instructions,0,100.00,,\n";
        let counters = parse_perf_stat_csv(perf);
        assert_eq!(
            counters,
            vec![
                ("duration_time".to_owned(), 62_227_457.0),
                ("user_time".to_owned(), 52_776_000.0),
                ("system_time".to_owned(), 0.0),
            ]
        );
        assert_eq!(
            parse_gnu_time_line("Command exited with non-zero status 1\n0.50 0.48 0.01 46220\n"),
            Some((0.5, 0.48, 0.01, 46220))
        );
        assert_eq!(parse_gnu_time_line("garbage"), None);
    }

    #[test]
    fn median_and_geometric_mean() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert_eq!(median(&[]), 0.0);
        let mean = geometric_mean(&[2.0, 8.0]).expect("positive values");
        assert!((mean - 4.0).abs() < 1e-12);
        assert_eq!(geometric_mean(&[]), None);
        assert_eq!(geometric_mean(&[1.0, 0.0]), None);
    }

    #[test]
    fn civil_dates_from_day_counts() {
        assert_eq!(civil_date_from_days_since_epoch(0), (1970, 1, 1));
        assert_eq!(civil_date_from_days_since_epoch(11_016), (2000, 2, 29));
        assert_eq!(civil_date_from_days_since_epoch(20_454), (2026, 1, 1));
    }

    #[test]
    fn generated_section_is_replaced_between_markers_only() {
        let document = format!(
            "intro\n{GENERATED_SECTION_BEGIN}\nold table\n{GENERATED_SECTION_END}\noutro\n"
        );
        let updated = splice_generated_section(&document, "new table\n").expect("markers");
        assert_eq!(
            updated,
            format!(
                "intro\n{GENERATED_SECTION_BEGIN}\n\nnew table\n\n{GENERATED_SECTION_END}\noutro\n"
            )
        );
        assert_eq!(splice_generated_section("no markers", "x"), None);
    }
}
