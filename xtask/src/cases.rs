//! `cargo xtask cases`: build the release runner and check it against every TypeScript program
//! that has an expectation file: `tests/cases/**`, `examples/**` and `../shared/ts-examples`.
//!
//! For each program the runner's stdout must equal `NAME.out` byte for byte and its exit status
//! must equal `NAME.exit` (0 when absent); stderr is not compared. This mirrors
//! `../shared/tools/tscases/check.py` and is a quick local loop while the engine grows; the
//! authoritative harness is the workspace's `cargo test`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::child_process::{self, CapturedRun};
use crate::expected_output::{self, Expectation};
use crate::text_diff;
use crate::workspace_layout;

/// The runner binary built by the `tseval` package.
const RUNNER_BINARY_NAME: &str = "typescript-eval-runner";
/// How many diff lines to show per failure with `--diff`.
const MAXIMUM_DIFF_LINES: usize = 60;
/// How many trailing stderr lines to show per failure with `--diff`.
const STDERR_TAIL_LINES: usize = 8;

struct CasesOptions {
    name_filter: Option<String>,
    build_first: bool,
    show_diffs: bool,
    time_limit: Duration,
    runner_override: Option<PathBuf>,
    worker_count: usize,
}

/// Runs slower than this are reported with their duration, to spot performance cliffs early.
const SLOW_RUN_THRESHOLD: Duration = Duration::from_millis(500);

enum Verdict {
    Pass {
        elapsed: Duration,
    },
    Fail {
        reasons: Vec<String>,
        expected_stdout: Option<Vec<u8>>,
        run: Option<CapturedRun>,
    },
}

/// Entry point: parses `arguments`, builds, runs every selected case, and returns the exit status
/// (0 all passed, 1 some failed, 2 usage or build problems).
pub fn run(arguments: &[String]) -> u8 {
    let options = match parse_arguments(arguments) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("xtask cases: {message}");
            return 2;
        }
    };
    if options.build_first && options.runner_override.is_none() && !build_release_runner() {
        return 2;
    }
    let runner = options
        .runner_override
        .clone()
        .unwrap_or_else(default_runner_path);
    if !runner.is_file() {
        eprintln!(
            "xtask cases: runner not found at {} (build it, or pass --runner FILE)",
            runner.display()
        );
        return 2;
    }

    let mut programs: Vec<PathBuf> = workspace_layout::default_case_roots()
        .iter()
        .flat_map(|root| workspace_layout::find_typescript_programs(root))
        .collect();
    if let Some(filter) = &options.name_filter {
        programs
            .retain(|program| workspace_layout::display_name(program).contains(filter.as_str()));
    }
    if programs.is_empty() {
        println!("no programs matched");
        println!("0 passed, 0 failed");
        return 1;
    }

    let verdicts = child_process::map_in_parallel(&programs, options.worker_count, |program| {
        judge_one(&runner, program, options.time_limit)
    });
    let mut passed = 0;
    let mut failed = 0;
    for (program, verdict) in programs.iter().zip(verdicts) {
        let name = workspace_layout::display_name(program);
        match verdict {
            Verdict::Pass { elapsed } => {
                passed += 1;
                if elapsed >= SLOW_RUN_THRESHOLD {
                    println!("PASS {name} ({:.2}s)", elapsed.as_secs_f64());
                } else {
                    println!("PASS {name}");
                }
            }
            Verdict::Fail {
                reasons,
                expected_stdout,
                run,
            } => {
                failed += 1;
                println!("FAIL {name} ({})", reasons.join("; "));
                if options.show_diffs {
                    print_failure_details(expected_stdout.as_deref(), run.as_ref());
                }
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed == 0 { 0 } else { 1 }
}

fn parse_arguments(arguments: &[String]) -> Result<CasesOptions, String> {
    let mut options = CasesOptions {
        name_filter: None,
        build_first: true,
        show_diffs: false,
        time_limit: Duration::from_secs(10),
        runner_override: None,
        worker_count: child_process::default_worker_count(),
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
            "--no-build" => options.build_first = false,
            "--diff" => options.show_diffs = true,
            "--timeout" => {
                let text = value_of("--timeout")?;
                let seconds: f64 = text
                    .parse()
                    .map_err(|_| format!("--timeout needs seconds, got `{text}`"))?;
                if !(seconds > 0.0 && seconds.is_finite()) {
                    return Err(format!("--timeout must be positive, got `{text}`"));
                }
                options.time_limit = Duration::from_secs_f64(seconds);
            }
            "--runner" => options.runner_override = Some(PathBuf::from(value_of("--runner")?)),
            "-j" | "--jobs" => {
                let text = value_of("-j")?;
                options.worker_count = text
                    .parse()
                    .map_err(|_| format!("-j needs a number, got `{text}`"))?;
            }
            flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
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

/// `cargo build --release -p tseval`, inheriting the terminal so build errors are visible.
fn build_release_runner() -> bool {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "-p", "tseval"])
        .current_dir(workspace_layout::repository_root())
        .status();
    match status {
        Ok(status) if status.success() => true,
        Ok(status) => {
            eprintln!("xtask cases: `cargo build --release -p tseval` failed ({status})");
            false
        }
        Err(error) => {
            eprintln!("xtask cases: cannot run cargo: {error}");
            false
        }
    }
}

fn default_runner_path() -> PathBuf {
    workspace_layout::target_directory()
        .join("release")
        .join(format!(
            "{RUNNER_BINARY_NAME}{}",
            std::env::consts::EXE_SUFFIX
        ))
}

/// Runs one program (from its own folder, as the oracle does) and compares the result.
fn judge_one(runner: &Path, program: &Path, time_limit: Duration) -> Verdict {
    let expectation = match expected_output::read_expectation(program) {
        Ok(expectation) => expectation,
        Err(message) => {
            return Verdict::Fail {
                reasons: vec![message],
                expected_stdout: None,
                run: None,
            };
        }
    };
    let absolute_program = program
        .canonicalize()
        .unwrap_or_else(|_| program.to_path_buf());
    let working_directory = absolute_program.parent().map(Path::to_path_buf);
    let run = match child_process::run_with_time_limit(
        runner,
        &[absolute_program.as_os_str()],
        working_directory.as_deref(),
        time_limit,
    ) {
        Ok(run) => run,
        Err(error) => {
            return Verdict::Fail {
                reasons: vec![format!("cannot start runner: {error}")],
                expected_stdout: None,
                run: None,
            };
        }
    };
    let reasons = failure_reasons(&expectation, &run, time_limit);
    if reasons.is_empty() {
        Verdict::Pass {
            elapsed: run.elapsed,
        }
    } else {
        Verdict::Fail {
            reasons,
            expected_stdout: Some(expectation.stdout),
            run: Some(run),
        }
    }
}

fn failure_reasons(
    expectation: &Expectation,
    run: &CapturedRun,
    time_limit: Duration,
) -> Vec<String> {
    if run.timed_out {
        return vec![format!("timeout after {:.1}s", time_limit.as_secs_f64())];
    }
    let mut reasons = Vec::new();
    if run.stdout != expectation.stdout {
        reasons.push("stdout differs".to_owned());
    }
    if run.exit_status != expectation.exit_status {
        reasons.push(format!(
            "exit code {}, expected {}",
            run.exit_status, expectation.exit_status
        ));
    }
    reasons
}

fn print_failure_details(expected_stdout: Option<&[u8]>, run: Option<&CapturedRun>) {
    let Some(run) = run else { return };
    if let Some(expected) = expected_stdout
        && expected != run.stdout.as_slice()
    {
        let expected_text = String::from_utf8_lossy(expected);
        let actual_text = String::from_utf8_lossy(&run.stdout);
        print!(
            "{}",
            text_diff::render_line_diff(&expected_text, &actual_text, "    ", MAXIMUM_DIFF_LINES)
        );
    }
    let stderr = String::from_utf8_lossy(&run.stderr);
    let stderr_lines: Vec<&str> = stderr.trim_end().lines().collect();
    if !stderr_lines.is_empty() {
        let tail = &stderr_lines[stderr_lines.len().saturating_sub(STDERR_TAIL_LINES)..];
        println!("    --- stderr (last {} lines)", tail.len());
        for line in tail {
            println!("    {line}");
        }
    }
}
