//! `cargo xtask`: project automation for tseval.
//!
//! This binary is a small dispatcher. Each subcommand lives in its own module with a `run`
//! function taking the remaining command-line arguments and returning a process exit code, so
//! new subcommands (bench, profile, dhat, test262) are added by writing one module and one match
//! arm below.
//!
//! Subcommands today:
//! - `oracle [--ts PATH] [--check] [PATH...]`: regenerate `.out`/`.exit` expectation files with
//!   Node and the TypeScript compiler (see [`oracle`]).
//! - `cases [FILTER] [--no-build] [--diff] [--timeout SECONDS]`: build the release runner and
//!   compare it against every expectation file (see [`cases`]).

mod cases;
mod child_process;
mod expected_output;
mod oracle;
mod text_diff;
mod workspace_layout;

use std::process::ExitCode;

/// The text printed for `cargo xtask`, `cargo xtask help` and unknown subcommands.
const USAGE: &str = "\
usage: cargo xtask <command> [arguments]

commands:
  oracle [--ts PATH] [--oracle FILE] [--check] [-j N] [PATH...]
      Regenerate NAME.out / NAME.exit for every NAME.ts under the given files or folders
      (default: tests/cases and examples) by running ../shared/tools/tscases/oracle.js with
      node. The typescript package comes from --ts, $TSORACLE_TYPESCRIPT or ../tsoracle.
      --check writes nothing and fails when a file would change.
  cases [FILTER] [--no-build] [--diff] [--timeout SECONDS] [--runner FILE] [-j N]
      Build the release runner (cargo build --release -p tseval) and run every program in
      tests/cases, examples and ../shared/ts-examples whose name contains FILTER, comparing
      stdout and the exit status. Prints PASS/FAIL lines and `N passed, M failed`.
  help
      Print this text.
";

fn main() -> ExitCode {
    let mut arguments = std::env::args().skip(1);
    let Some(command) = arguments.next() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let rest: Vec<String> = arguments.collect();
    let status = match command.as_str() {
        "oracle" => oracle::run(&rest),
        "cases" => cases::run(&rest),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            0
        }
        unknown => {
            eprintln!("xtask: unknown command `{unknown}`\n");
            eprint!("{USAGE}");
            2
        }
    };
    ExitCode::from(status)
}
