//! `profile_parser N ITER [FILE]`: parser throughput for profilers (perf, callgrind, DHAT).
//!
//! Without FILE it parses a generated realistic TypeScript text of about N bytes (see
//! [`tseval_lexer::synthetic`]); with FILE it parses that file (N is then ignored; TypeScript
//! syntax is on unless the file name ends in `.js`, `.mjs` or `.cjs`). Every iteration uses a
//! fresh arena and interner, as a real run does. Prints MB/s and tokens/s (tokens counted once
//! with the parser-free lexer driver). Build it with
//! `cargo build --profile profiling -p tseval-parser` and run
//! `./target/profiling/profile_parser 500000 50`.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;
use tseval_lexer::synthetic::{generate_typescript, lex_standalone};
use tseval_parser::{Arena, Interner, parse_script};

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let (Some(size), Some(iterations)) = (
        arguments
            .first()
            .and_then(|text| text.parse::<usize>().ok()),
        arguments.get(1).and_then(|text| text.parse::<u32>().ok()),
    ) else {
        eprintln!("usage: profile_parser N ITER [FILE]");
        return ExitCode::from(2);
    };
    let (source, file_name) = match arguments.get(2) {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => (text, path.clone()),
            Err(error) => {
                eprintln!("profile_parser: cannot read {path}: {error}");
                return ExitCode::from(2);
            }
        },
        None => (generate_typescript(size), "generated.ts".to_string()),
    };
    // Check once that the input parses, and report the error otherwise.
    {
        let arena = Arena::new();
        let mut interner = Interner::new();
        if let Err(error) = parse_script(&source, &file_name, &arena, &mut interner) {
            eprint!("{}", error.render(&source));
            return ExitCode::from(1);
        }
    }
    let tokens = lex_standalone(&source).unwrap_or(0);
    let started = Instant::now();
    for _ in 0..iterations.max(1) {
        let arena = Arena::new();
        let mut interner = Interner::new();
        let program = parse_script(black_box(&source), &file_name, &arena, &mut interner);
        black_box(program.map(|program| program.body.len()).ok());
    }
    let seconds = started.elapsed().as_secs_f64();
    let iterations = f64::from(iterations.max(1));
    let megabytes = source.len() as f64 * iterations / 1e6;
    println!(
        "input: {file_name}: {} bytes, {tokens} tokens",
        source.len()
    );
    println!(
        "parsed {iterations} times in {seconds:.3}s: {:.1} MB/s, {:.2} M tokens/s",
        megabytes / seconds,
        tokens as f64 * iterations / seconds / 1e6
    );
    ExitCode::SUCCESS
}
