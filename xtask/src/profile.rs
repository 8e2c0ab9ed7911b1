//! `cargo xtask profile PROGRAM [--callgrind] [--perf]`: where does the runner spend its time?
//!
//! Builds the runner with `cargo build --profile profiling -p tseval` (release code generation
//! with debug info, binaries under `target/profiling/`), then profiles one program:
//! - with `perf record -g` + `perf report --stdio --sort=symbol --no-children` when the machine
//!   exposes hardware counters (`perf stat -e instructions true` counts instructions), or when
//!   `--perf` is given (sampling then uses the `cpu-clock` software event);
//! - otherwise, or with `--callgrind`, with `valgrind --tool=callgrind` and a
//!   `callgrind_annotate` top list of exclusive instruction counts. Callgrind is ~50x slower than
//!   native but exact and deterministic, which also makes it good for before/after comparisons.
//!
//! PROGRAM is a path, or a name from `benches/programs/expected.txt` (`fib.js`, `fibonacci`, ...).
//! Raw profiles are kept under `target/profile/` for further digging.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::bench;
use crate::workspace_layout;

/// How many lines of the report to print.
const REPORT_LINE_LIMIT: usize = 60;

enum Profiler {
    PerfRecord { sampling_event: &'static str },
    Callgrind,
}

/// Entry point: returns 0 on success, 1 when the profiler failed, 2 on usage or build problems.
pub fn run(arguments: &[String]) -> u8 {
    let mut program_argument: Option<&str> = None;
    let mut force_callgrind = false;
    let mut force_perf = false;
    let mut build_first = true;
    let mut runner_override: Option<PathBuf> = None;
    let mut remaining = arguments.iter();
    while let Some(argument) = remaining.next() {
        match argument.as_str() {
            "--callgrind" => force_callgrind = true,
            "--perf" => force_perf = true,
            "--no-build" => build_first = false,
            "--runner" => match remaining.next() {
                Some(path) => runner_override = Some(PathBuf::from(path)),
                None => {
                    eprintln!("xtask profile: --runner needs a value");
                    return 2;
                }
            },
            flag if flag.starts_with("--") => {
                eprintln!("xtask profile: unknown option {flag}");
                return 2;
            }
            program => program_argument = Some(program),
        }
    }
    let Some(program_argument) = program_argument else {
        eprintln!("xtask profile: usage: cargo xtask profile PROGRAM [--callgrind|--perf]");
        return 2;
    };
    let program = match resolve_program(program_argument) {
        Ok(program) => program,
        Err(message) => {
            eprintln!("xtask profile: {message}");
            return 2;
        }
    };
    let runner = match prepare_profiling_runner(build_first, runner_override) {
        Ok(runner) => runner,
        Err(message) => {
            eprintln!("xtask profile: {message}");
            return 2;
        }
    };
    let output_directory = match profile_output_directory() {
        Ok(directory) => directory,
        Err(message) => {
            eprintln!("xtask profile: {message}");
            return 2;
        }
    };

    let hardware_counters = perf_counts_instructions();
    let profiler = if force_callgrind {
        Profiler::Callgrind
    } else if hardware_counters {
        Profiler::PerfRecord {
            sampling_event: "cycles",
        }
    } else if force_perf {
        Profiler::PerfRecord {
            sampling_event: "cpu-clock",
        }
    } else {
        eprintln!(
            "xtask profile: `perf stat -e instructions true` reports no hardware counters here; \
             using callgrind (pass --perf for cpu-clock sampling instead)"
        );
        Profiler::Callgrind
    };
    let stem = program_stem(&program);
    let succeeded = match profiler {
        Profiler::PerfRecord { sampling_event } => profile_with_perf(
            &runner,
            &program,
            sampling_event,
            &output_directory.join(format!("perf.data.{stem}")),
        ),
        Profiler::Callgrind => profile_with_callgrind(
            &runner,
            &program,
            &output_directory.join(format!("callgrind.out.{stem}")),
        ),
    };
    match succeeded {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("xtask profile: {message}");
            1
        }
    }
}

/// Resolves PROGRAM: an existing path, else a bench program whose name contains it.
pub fn resolve_program(argument: &str) -> Result<PathBuf, String> {
    let as_path = PathBuf::from(argument);
    if as_path.is_file() {
        return Ok(as_path.canonicalize().unwrap_or(as_path));
    }
    let root = workspace_layout::repository_root();
    if root.join(argument).is_file() {
        return Ok(root.join(argument));
    }
    let programs = bench::load_program_list(&root.join("benches/programs/expected.txt"), &root)?;
    let matching: Vec<&bench::BenchProgram> = programs
        .iter()
        .filter(|program| program.name.contains(argument))
        .collect();
    match matching.as_slice() {
        [only] => Ok(only.path.clone()),
        [] => Err(format!(
            "`{argument}` is neither a file nor a bench program name (see benches/programs/expected.txt)"
        )),
        several => {
            // An exact name wins over substring matches (e.g. `fib.js` vs `fibonacci.ts`).
            if let Some(exact) = several.iter().find(|program| program.name == argument) {
                return Ok(exact.path.clone());
            }
            let names: Vec<&str> = several
                .iter()
                .map(|program| program.name.as_str())
                .collect();
            Err(format!(
                "`{argument}` matches several programs: {}",
                names.join(", ")
            ))
        }
    }
}

/// Builds (unless told not to) and returns `target/profiling/typescript-eval-runner`.
pub fn prepare_profiling_runner(
    build_first: bool,
    runner_override: Option<PathBuf>,
) -> Result<PathBuf, String> {
    if let Some(runner) = runner_override {
        return Ok(runner);
    }
    if build_first {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--profile", "profiling", "-p", "tseval"])
            .current_dir(workspace_layout::repository_root())
            .status()
            .map_err(|error| format!("cannot start cargo: {error}"))?;
        if !status.success() {
            return Err(format!(
                "`cargo build --profile profiling -p tseval` failed ({status})"
            ));
        }
    }
    let runner = workspace_layout::target_directory()
        .join("profiling")
        .join("typescript-eval-runner");
    if runner.is_file() {
        Ok(runner)
    } else {
        Err(format!("{} not found", runner.display()))
    }
}

/// `target/profile/`, created on demand.
pub fn profile_output_directory() -> Result<PathBuf, String> {
    let directory = workspace_layout::target_directory().join("profile");
    std::fs::create_dir_all(&directory)
        .map_err(|error| format!("cannot create {}: {error}", directory.display()))?;
    Ok(directory)
}

/// The file name without extension, for naming output files.
pub fn program_stem(program: &Path) -> String {
    program
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| "program".to_owned())
}

/// True when `perf stat -e instructions true` counts instructions (virtual machines often
/// report `<not supported>`, and then `perf record` can only sample the cpu-clock).
pub fn perf_counts_instructions() -> bool {
    Command::new("perf")
        .args(["stat", "-x", ",", "-e", "instructions", "true"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .output()
        .is_ok_and(|output| {
            let report = String::from_utf8_lossy(&output.stderr);
            output.status.success()
                && report.contains("instructions")
                && !report.contains("not supported")
                && !report.contains("not counted")
        })
}

fn profile_with_perf(
    runner: &Path,
    program: &Path,
    sampling_event: &str,
    data_file: &Path,
) -> Result<(), String> {
    eprintln!(
        "xtask profile: perf record -e {sampling_event} -g {} {}",
        runner.display(),
        program.display()
    );
    let status = Command::new("perf")
        .args(["record", "-e", sampling_event, "-g", "-o"])
        .arg(data_file)
        .arg("--")
        .arg(runner)
        .arg(program)
        .stdout(Stdio::null())
        .current_dir(workspace_layout::repository_root())
        .status()
        .map_err(|error| format!("cannot start perf: {error}"))?;
    if !status.success() {
        return Err(format!("perf record failed ({status})"));
    }
    let report = Command::new("perf")
        .args(["report", "--stdio", "--sort=symbol", "--no-children", "-i"])
        .arg(data_file)
        .stdin(Stdio::null())
        .output()
        .map_err(|error| format!("cannot start perf report: {error}"))?;
    if !report.status.success() {
        return Err(format!(
            "perf report failed: {}",
            String::from_utf8_lossy(&report.stderr).trim()
        ));
    }
    for line in String::from_utf8_lossy(&report.stdout)
        .lines()
        .take(REPORT_LINE_LIMIT)
    {
        println!("{line}");
    }
    eprintln!("xtask profile: full data in {}", data_file.display());
    Ok(())
}

fn profile_with_callgrind(runner: &Path, program: &Path, output_file: &Path) -> Result<(), String> {
    eprintln!(
        "xtask profile: valgrind --tool=callgrind {} {} (slow: ~50x native)",
        runner.display(),
        program.display()
    );
    let mut callgrind_output_argument = std::ffi::OsString::from("--callgrind-out-file=");
    callgrind_output_argument.push(output_file);
    let status = Command::new("valgrind")
        .arg("--tool=callgrind")
        .arg("--quiet")
        .arg(callgrind_output_argument)
        .arg(runner)
        .arg(program)
        .stdout(Stdio::null())
        .current_dir(workspace_layout::repository_root())
        .status()
        .map_err(|error| format!("cannot start valgrind: {error}"))?;
    if !status.success() {
        return Err(format!("valgrind --tool=callgrind failed ({status})"));
    }
    // Source annotation would push the top list out of view; the raw file keeps it available.
    let report = Command::new("callgrind_annotate")
        .arg("--auto=no")
        .arg(output_file)
        .stdin(Stdio::null())
        .output()
        .map_err(|error| format!("cannot start callgrind_annotate: {error}"))?;
    if !report.status.success() {
        return Err(format!(
            "callgrind_annotate failed: {}",
            String::from_utf8_lossy(&report.stderr).trim()
        ));
    }
    // Skip the settings header (thresholds, cache configuration) and start at the totals.
    let report_text = String::from_utf8_lossy(&report.stdout);
    let lines: Vec<&str> = report_text.lines().collect();
    let totals_line = lines
        .iter()
        .position(|line| line.contains("PROGRAM TOTALS"))
        .unwrap_or(0);
    for line in lines.iter().skip(totals_line).take(REPORT_LINE_LIMIT) {
        println!("{line}");
    }
    eprintln!(
        "xtask profile: full data in {} (callgrind_annotate --inclusive=yes FILE for totals)",
        output_file.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bench_program_names_resolve_to_files() {
        let fib = resolve_program("fib.js").expect("fib.js is a bench program");
        assert!(fib.ends_with("fib.js"));
        let fibonacci = resolve_program("fibonacci").expect("a unique substring resolves");
        assert!(fibonacci.ends_with("fibonacci.ts"));
        assert!(resolve_program("no-such-program").is_err());
        // `fib` matches both fib.js and fibonacci.ts and neither exactly.
        assert!(resolve_program("fib").is_err());
    }

    #[test]
    fn program_stems_name_output_files() {
        assert_eq!(program_stem(Path::new("/a/b/fib.js")), "fib");
        assert_eq!(
            program_stem(Path::new("compute-intensive.ts")),
            "compute-intensive"
        );
    }
}
