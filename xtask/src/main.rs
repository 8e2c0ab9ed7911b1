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
//! - `bench [FILTER] [--peers] [--runs N] [--write]`: time the benchmark programs, optionally
//!   side by side with QuickJS, Boa and node (see [`bench`]).
//! - `profile PROGRAM [--callgrind|--perf]` and `dhat PROGRAM`: CPU and allocation profiles of
//!   the profiling build (see [`profile`] and [`dhat`]).
//! - `test262 [FILTER] [--check|--update]`: run the conformance suite in process (see
//!   [`test262_run`]); with `--parse-only`, only parse it (see [`test262_parse`]).
//! - `parse-corpus PATH...`: parse real-world TypeScript/JavaScript trees and report
//!   throughput and failures (see [`parse_corpus`]).

mod bench;
mod cases;
mod child_process;
mod dhat;
mod expected_output;
mod oracle;
mod parse_corpus;
mod profile;
mod test262_allocator;
mod test262_execute;
mod test262_metadata;
mod test262_parse;
mod test262_run;
mod test262_worker;
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
  bench [FILTER] [--peers] [--runs N] [--warmup N] [--write] [--no-build] [--runner FILE]
        [--timeout SECONDS]
      Build the release runner and time the programs of benches/programs/expected.txt whose
      name contains FILTER (median CPU and wall time, peak RSS, output checked against the
      expected checksum; a mismatch is a FAIL row). --peers adds QuickJS and Boa (through
      benches/peer-runner, built with --features quickjs,boa), node --jitless and node, with
      ratios against QuickJS and a geomean row. --write rewrites the generated section of
      docs/PERFORMANCE.md.
  profile PROGRAM [--callgrind|--perf] [--no-build] [--runner FILE]
      Build with --profile profiling and show where time goes: perf record/report when the
      machine has hardware counters (or with --perf, sampling cpu-clock), else callgrind with a
      callgrind_annotate top list. PROGRAM is a path or a bench program name.
  dhat PROGRAM [--top N] [--no-build] [--runner FILE]
      Run the profiling build under valgrind --tool=dhat and print total bytes/blocks
      allocated, peak heap (t-gmax) and the top allocation sites.
  test262 [FILTER] [--root PATH] [--check|--update|--write-doc] [-j N] [--show N]
          [--timeout SECONDS] [--no-release]
      Run every test262 test (language, built-ins, annexB) in process with a fresh realm per
      run, sloppy and strict as the flags ask, with the harness, $262 and print. Prints
      pass/total per directory and the top failure reasons. --check compares with
      tests/test262/known-failures.txt (new failures and unexpected passes fail); --update
      rewrites it and docs/CONFORMANCE.md (--write-doc: only the document). Re-runs itself
      with `cargo run --release -p xtask` unless --no-release is given.
  test262 --parse-only [FILTER] [--root PATH] [--check|--update] [-j N] [--show N]
      Parse every test262 test (language, built-ins, annexB) in the goal and mode its flags ask
      for; parse-negative tests must be rejected, all others accepted. --check compares with
      tests/test262/parse-known-failures.txt (new failures and unexpected passes fail);
      --update rewrites it. --show N prints the first N failures.
  parse-corpus [--show N] [--quiet] PATH...
      Parse every .ts/.mts/.cts/.js/.mjs/.cjs file under the given folders (.d.ts files as
      ambient declarations, TypeScript syntax only in TypeScript files) and report files, MB,
      MB/s and every failure with its code frame; exit 1 on any failure.
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
        "bench" => bench::run(&rest),
        "profile" => profile::run(&rest),
        "dhat" => dhat::run(&rest),
        "parse-corpus" => parse_corpus::run(&rest),
        "test262" if rest.iter().any(|argument| argument == "--parse-only") => {
            test262_parse::run(&rest)
        }
        "test262" => test262_run::run(&rest),
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
