//! `cargo xtask oracle`: regenerate the expectation files (`NAME.out`, `NAME.exit`) of TypeScript
//! test programs from the reference implementation.
//!
//! The reference is `../shared/tools/tscases/oracle.js`: it transpiles a program with TypeScript 5's
//! `transpileModule` (target ES2022, CommonJS, `useDefineForClassFields`) and runs the result with
//! node. Node and the `typescript` npm package are development-time tools only: when either is
//! missing this command says so and exits with status 2, and everything else (CI included) keeps
//! using the committed expectation files.
//!
//! The `typescript` package is looked up, in order, at `--ts PATH`, `$TSORACLE_TYPESCRIPT`,
//! `$TYPESCRIPT_PATH`, and `../tsoracle` beside the repository (set it up with
//! `mkdir -p ../tsoracle && cd ../tsoracle && npm init -y && npm install typescript@5`).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::child_process::{self, CapturedRun};
use crate::expected_output::{self, FileChange};
use crate::workspace_layout;

/// A generous limit: the oracle loads the TypeScript compiler (about 0.3 s) before every program.
const ORACLE_TIME_LIMIT: Duration = Duration::from_secs(120);

/// Exit status oracle.js uses when the program has TypeScript syntax errors.
const ORACLE_STATUS_DIAGNOSTICS: i32 = 3;
/// Exit status oracle.js uses for usage errors and a missing typescript module.
const ORACLE_STATUS_USAGE: i32 = 2;

struct OracleOptions {
    typescript_path: Option<PathBuf>,
    oracle_script: PathBuf,
    check_only: bool,
    worker_count: usize,
    roots: Vec<PathBuf>,
}

/// Entry point: parses `arguments`, regenerates or checks, and returns the process exit status.
pub fn run(arguments: &[String]) -> u8 {
    let options = match parse_arguments(arguments) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("xtask oracle: {message}");
            return 2;
        }
    };
    if !child_process::tool_is_available("node") {
        eprintln!(
            "xtask oracle: `node` was not found on PATH. The oracle needs node (v20) and the typescript \
             npm package; without them keep the committed .out/.exit files (CI uses those)."
        );
        return 2;
    }
    let typescript_path = match locate_typescript(options.typescript_path.as_deref()) {
        Ok(path) => path,
        Err(message) => {
            eprintln!("xtask oracle: {message}");
            return 2;
        }
    };
    if !options.oracle_script.is_file() {
        eprintln!(
            "xtask oracle: oracle script not found at {} (pass --oracle FILE)",
            options.oracle_script.display()
        );
        return 2;
    }

    let mut programs = Vec::new();
    for root in &options.roots {
        if !root.exists() {
            eprintln!("xtask oracle: no such file or folder: {}", root.display());
            return 2;
        }
        programs.extend(workspace_layout::find_typescript_programs(root));
    }
    programs.sort();
    programs.dedup();
    if programs.is_empty() {
        eprintln!("xtask oracle: no .ts programs found");
        return 2;
    }

    let outcomes = child_process::map_in_parallel(&programs, options.worker_count, |program| {
        regenerate_one(
            program,
            &options.oracle_script,
            &typescript_path,
            options.check_only,
        )
    });

    let mut changed_files = 0;
    let mut failed_programs = 0;
    for (program, outcome) in programs.iter().zip(outcomes) {
        match outcome {
            Ok(changes) => {
                for (path, change) in changes.into_iter().filter(|(_, change)| change.is_change()) {
                    changed_files += 1;
                    let verb = if options.check_only {
                        format!("would be {}", change.verb())
                    } else {
                        change.verb().to_owned()
                    };
                    println!("{verb} {}", relative_to_repository(&path));
                }
            }
            Err(message) => {
                failed_programs += 1;
                println!(
                    "ERROR {}: {message}",
                    workspace_layout::display_name(program)
                );
            }
        }
    }
    // Leftovers are only reported: deleting files the command did not generate is the user's call.
    let orphans: Vec<PathBuf> = options
        .roots
        .iter()
        .flat_map(|root| workspace_layout::find_orphaned_expectation_files(root))
        .collect();
    for orphan in &orphans {
        println!(
            "orphan {} (no matching .ts; delete it if the program is gone)",
            relative_to_repository(orphan)
        );
    }
    println!(
        "oracle: {} programs, {changed_files} files {}, {failed_programs} errors",
        programs.len(),
        if options.check_only {
            "out of date"
        } else {
            "changed"
        }
    );
    if failed_programs > 0 || (options.check_only && changed_files > 0) {
        1
    } else {
        0
    }
}

fn parse_arguments(arguments: &[String]) -> Result<OracleOptions, String> {
    let mut options = OracleOptions {
        typescript_path: None,
        oracle_script: workspace_layout::default_oracle_script(),
        check_only: false,
        worker_count: child_process::default_worker_count(),
        roots: Vec::new(),
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
            "--ts" => options.typescript_path = Some(PathBuf::from(value_of("--ts")?)),
            "--oracle" => options.oracle_script = PathBuf::from(value_of("--oracle")?),
            "--check" => options.check_only = true,
            "-j" | "--jobs" => {
                let text = value_of("-j")?;
                options.worker_count = text
                    .parse()
                    .map_err(|_| format!("-j needs a number, got `{text}`"))?;
            }
            flag if flag.starts_with("--ts=") => {
                options.typescript_path = Some(PathBuf::from(&flag["--ts=".len()..]))
            }
            flag if flag.starts_with("--oracle=") => {
                options.oracle_script = PathBuf::from(&flag["--oracle=".len()..])
            }
            flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
            path => options.roots.push(PathBuf::from(path)),
        }
    }
    if options.roots.is_empty() {
        options.roots = workspace_layout::default_oracle_roots();
    }
    Ok(options)
}

/// Finds a directory from which the `typescript` package can be loaded, explaining what was tried
/// when there is none.
fn locate_typescript(explicit_path: Option<&Path>) -> Result<PathBuf, String> {
    let mut candidates: Vec<(String, PathBuf)> = Vec::new();
    if let Some(path) = explicit_path {
        candidates.push(("--ts".to_owned(), path.to_path_buf()));
    } else {
        for variable in ["TSORACLE_TYPESCRIPT", "TYPESCRIPT_PATH"] {
            if let Some(value) = std::env::var_os(variable).filter(|value| !value.is_empty()) {
                candidates.push((format!("${variable}"), PathBuf::from(value)));
            }
        }
        candidates.push((
            "default".to_owned(),
            workspace_layout::repository_root()
                .join("..")
                .join("tsoracle"),
        ));
    }
    for (_, candidate) in &candidates {
        if provides_typescript_package(candidate) {
            return Ok(candidate.clone());
        }
    }
    let tried: Vec<String> = candidates
        .iter()
        .map(|(source, path)| format!("{} ({source})", path.display()))
        .collect();
    Err(format!(
        "the typescript npm package was not found (tried {}). Install it with \
         `mkdir -p ../tsoracle && cd ../tsoracle && npm init -y && npm install typescript@5`, then set \
         TSORACLE_TYPESCRIPT or pass --ts PATH. Without it keep the committed .out/.exit files (CI uses those).",
        tried.join(", ")
    ))
}

/// True when `path` is the typescript package itself, its main file, or a folder whose
/// `node_modules` holds it (the forms oracle.js accepts).
fn provides_typescript_package(path: &Path) -> bool {
    let is_typescript_package = |directory: &Path| {
        std::fs::read_to_string(directory.join("package.json")).is_ok_and(|manifest| {
            manifest.contains("\"name\": \"typescript\"")
                || manifest.contains("\"name\":\"typescript\"")
        })
    };
    path.is_file()
        || is_typescript_package(path)
        || is_typescript_package(&path.join("node_modules").join("typescript"))
}

/// Runs the oracle on one program and synchronises its `.out` and `.exit` files, returning the
/// change made (or, in check mode, the change that would be made) to each.
fn regenerate_one(
    program: &Path,
    oracle_script: &Path,
    typescript_path: &Path,
    check_only: bool,
) -> Result<Vec<(PathBuf, FileChange)>, String> {
    let arguments: [&OsStr; 4] = [
        oracle_script.as_os_str(),
        OsStr::new("--ts"),
        typescript_path.as_os_str(),
        program.as_os_str(),
    ];
    let run =
        child_process::run_with_time_limit(Path::new("node"), &arguments, None, ORACLE_TIME_LIMIT)
            .map_err(|error| format!("cannot start node: {error}"))?;
    reject_oracle_failures(&run)?;
    let out_path = expected_output::stdout_path(program);
    let exit_path = expected_output::exit_status_path(program);
    let out_change = expected_output::synchronise_file(&out_path, Some(&run.stdout), check_only)
        .map_err(|error| format!("cannot write {}: {error}", out_path.display()))?;
    let exit_contents = expected_output::exit_file_contents(run.exit_status);
    let exit_change =
        expected_output::synchronise_file(&exit_path, exit_contents.as_deref(), check_only)
            .map_err(|error| format!("cannot write {}: {error}", exit_path.display()))?;
    Ok(vec![(out_path, out_change), (exit_path, exit_change)])
}

/// Distinguishes the oracle's own failures (syntax errors in the program, a missing module, a
/// timeout) from the program's legitimate non-zero exit, which is an expectation to record.
fn reject_oracle_failures(run: &CapturedRun) -> Result<(), String> {
    if run.timed_out {
        return Err(format!("timed out after {} s", ORACLE_TIME_LIMIT.as_secs()));
    }
    let stderr = String::from_utf8_lossy(&run.stderr);
    let oracle_complained = stderr.lines().any(|line| line.starts_with("oracle.js:"));
    if oracle_complained
        && (run.exit_status == ORACLE_STATUS_DIAGNOSTICS || run.exit_status == ORACLE_STATUS_USAGE)
    {
        return Err(stderr.trim_end().to_owned());
    }
    Ok(())
}

fn relative_to_repository(path: &Path) -> String {
    let root = workspace_layout::repository_root();
    path.strip_prefix(&root)
        .unwrap_or(path)
        .display()
        .to_string()
}
