//! End-to-end tests: run TypeScript programs through the real `typescript-eval-runner`
//! binary and compare stdout and the exit status with checked-in expectations.
//!
//! Suites:
//! - `tests/cases/**/*.ts` and `examples/**/*.ts`: every program must match its `.out`
//!   (and `.exit`, which holds the status when it is not 0).
//! - `../shared/ts-examples/*.ts`, when that folder exists beside the checkout: a ratchet.
//!   The programs listed in `tests/ts-examples.known-failures` must fail and every other
//!   program must pass, so both regressions and unexpected passes are reported.
//!
//! The expected outputs come from Node running the TypeScript compiler's output
//! (`cargo xtask oracle`), never from this engine.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Generous, because CI runs these in a debug build and under gc-stress.
const PER_PROGRAM_TIME_LIMIT: Duration = Duration::from_secs(120);

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn typescript_files_under(directory: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(directory) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            // `helpers/` folders hold modules that case programs import, not programs.
            if path.file_name().is_some_and(|name| name == "helpers") {
                continue;
            }
            typescript_files_under(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "ts") {
            found.push(path);
        }
    }
}

/// What a program is expected to do, read from the files beside it.
struct Expectation {
    stdout: String,
    exit_status: i32,
}

fn expectation_for(program: &Path) -> Option<Expectation> {
    let stdout = std::fs::read_to_string(program.with_extension("out")).ok()?;
    let exit_status = match std::fs::read_to_string(program.with_extension("exit")) {
        Ok(text) => text
            .trim()
            .parse()
            .expect("an .exit file holds one integer"),
        Err(_) => 0,
    };
    Some(Expectation {
        stdout,
        exit_status,
    })
}

/// What a program actually did.
struct Outcome {
    stdout: String,
    stderr: String,
    exit_status: Option<i32>,
    timed_out: bool,
}

fn run_program(program: &Path) -> Outcome {
    let mut child = Command::new(env!("CARGO_BIN_EXE_typescript-eval-runner"))
        .arg(program)
        .current_dir(program.parent().unwrap())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the runner binary starts");
    let mut stdout_pipe = child.stdout.take().unwrap();
    let mut stderr_pipe = child.stderr.take().unwrap();
    let stdout_reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stdout_pipe.read_to_end(&mut bytes);
        bytes
    });
    let stderr_reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stderr_pipe.read_to_end(&mut bytes);
        bytes
    });
    let started = Instant::now();
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > PER_PROGRAM_TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            timed_out = true;
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Outcome {
        stdout: String::from_utf8_lossy(&stdout_reader.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&stderr_reader.join().unwrap()).into_owned(),
        exit_status: status.and_then(|status| status.code()),
        timed_out,
    }
}

/// Compares one program with its expectation; `Err` holds a readable explanation.
fn check_program(program: &Path, expectation: &Expectation) -> Result<(), String> {
    let outcome = run_program(program);
    if outcome.timed_out {
        return Err(format!("timed out after {PER_PROGRAM_TIME_LIMIT:?}"));
    }
    let mut problems = String::new();
    if outcome.stdout != expectation.stdout {
        problems.push_str(&first_difference(&expectation.stdout, &outcome.stdout));
    }
    if outcome.exit_status != Some(expectation.exit_status) {
        problems.push_str(&format!(
            "exit status {:?}, expected {}\n",
            outcome.exit_status, expectation.exit_status
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        let stderr_tail: String = outcome
            .stderr
            .lines()
            .take(6)
            .collect::<Vec<_>>()
            .join("\n");
        Err(format!("{problems}stderr:\n{stderr_tail}\n"))
    }
}

fn first_difference(expected: &str, actual: &str) -> String {
    let expected_lines: Vec<&str> = expected.lines().collect();
    let actual_lines: Vec<&str> = actual.lines().collect();
    for index in 0..expected_lines.len().max(actual_lines.len()) {
        let want = expected_lines.get(index).copied();
        let got = actual_lines.get(index).copied();
        if want != got {
            return format!(
                "stdout differs at line {}:\n  expected: {:?}\n  actual:   {:?}\n",
                index + 1,
                want.unwrap_or("<end of output>"),
                got.unwrap_or("<end of output>")
            );
        }
    }
    "stdout differs in trailing newlines\n".to_string()
}

/// Runs the programs on a few threads and returns (program, result) pairs in input order.
fn check_all(programs: Vec<(PathBuf, Expectation)>) -> Vec<(PathBuf, Result<(), String>)> {
    let worker_count = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 4);
    let queue = std::sync::Mutex::new(programs.into_iter().enumerate().collect::<Vec<_>>());
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..worker_count {
            scope.spawn(|| {
                loop {
                    let Some((index, (program, expectation))) = queue.lock().unwrap().pop() else {
                        break;
                    };
                    let result = check_program(&program, &expectation);
                    results.lock().unwrap().push((index, program, result));
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|(index, _, _)| *index);
    results
        .into_iter()
        .map(|(_, program, result)| (program, result))
        .collect()
}

fn collect_suite(directories: &[&str]) -> Vec<(PathBuf, Expectation)> {
    let root = workspace_root();
    let mut programs = Vec::new();
    for directory in directories {
        typescript_files_under(&root.join(directory), &mut programs);
    }
    programs.sort();
    programs
        .into_iter()
        .map(|program| {
            let expectation = expectation_for(&program)
                .unwrap_or_else(|| panic!("{} has no .out file beside it", program.display()));
            (program, expectation)
        })
        .collect()
}

/// The suites checked by this build. Under `gc-stress` every safepoint runs a full
/// collection, which turns the performance examples (millions of calls) into hours; the
/// stress build therefore runs the case programs, which exercise every language feature,
/// and the normal build runs the examples as well.
const CASE_SUITES: &[&str] = if cfg!(feature = "gc-stress") {
    &["tests/cases"]
} else {
    &["tests/cases", "examples"]
};

#[test]
fn cases_and_examples_match_their_expected_output() {
    let programs = collect_suite(CASE_SUITES);
    assert!(
        programs.len() >= 3,
        "expected the case suite and the examples to be present"
    );
    let total = programs.len();
    let results = check_all(programs);
    let failures: Vec<String> = results
        .iter()
        .filter_map(|(program, result)| {
            result
                .as_ref()
                .err()
                .map(|why| format!("FAIL {}\n{why}", program.display()))
        })
        .collect();
    println!(
        "{} passed, {} failed",
        total - failures.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn shared_typescript_examples_match_the_known_failures_ratchet() {
    let root = workspace_root();
    let shared_examples = root.join("../shared/ts-examples");
    if !shared_examples.is_dir() {
        println!("../shared/ts-examples is absent; nothing to check");
        return;
    }
    let known_failures: BTreeSet<String> =
        std::fs::read_to_string(root.join("tests/ts-examples.known-failures"))
            .expect("tests/ts-examples.known-failures exists")
            .lines()
            .map(|line| line.split('#').next().unwrap().trim().to_string())
            .filter(|line| !line.is_empty())
            .collect();
    let mut programs = Vec::new();
    typescript_files_under(&shared_examples, &mut programs);
    programs.sort();
    let suite = programs
        .into_iter()
        .filter_map(|program| expectation_for(&program).map(|expectation| (program, expectation)))
        .collect();
    let mut complaints = Vec::new();
    for (program, result) in check_all(suite) {
        let name = program.file_stem().unwrap().to_string_lossy().into_owned();
        match (result, known_failures.contains(&name)) {
            (Ok(()), true) => complaints.push(format!(
                "UNEXPECTED PASS {name}: remove it from tests/ts-examples.known-failures"
            )),
            (Err(why), false) => complaints.push(format!("FAIL {name}\n{why}")),
            _ => {}
        }
    }
    assert!(complaints.is_empty(), "\n{}", complaints.join("\n"));
}
