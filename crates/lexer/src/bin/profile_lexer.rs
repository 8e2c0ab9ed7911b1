//! `profile_lexer N ITER [FILE]`: lexer throughput for profilers (perf, callgrind, DHAT).
//!
//! Without FILE it lexes a generated realistic TypeScript text of about N bytes (see
//! [`tseval_lexer::synthetic`]); with FILE it lexes that file (N is then ignored). The text is
//! lexed ITER times with the parser-free driver [`tseval_lexer::synthetic::lex_standalone`]
//! and the throughput is printed in MB/s and tokens/s. Build it with
//! `cargo build --profile profiling -p tseval-lexer` and run `./target/profiling/profile_lexer
//! 500000 50`.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;
use tseval_lexer::synthetic::{generate_typescript, lex_standalone};

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let (Some(size), Some(iterations)) = (
        arguments
            .first()
            .and_then(|text| text.parse::<usize>().ok()),
        arguments.get(1).and_then(|text| text.parse::<u32>().ok()),
    ) else {
        eprintln!("usage: profile_lexer N ITER [FILE]");
        return ExitCode::from(2);
    };
    let (source, origin) = match arguments.get(2) {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => (text, path.clone()),
            Err(error) => {
                eprintln!("profile_lexer: cannot read {path}: {error}");
                return ExitCode::from(2);
            }
        },
        None => (
            generate_typescript(size),
            format!("generated TypeScript ({size} bytes asked)"),
        ),
    };
    let tokens = match lex_standalone(&source) {
        Ok(tokens) => tokens,
        Err(span) => {
            eprintln!(
                "profile_lexer: lexical error at bytes {}..{}",
                span.start, span.end
            );
            return ExitCode::from(1);
        }
    };
    let started = Instant::now();
    for _ in 0..iterations.max(1) {
        black_box(lex_standalone(black_box(&source)).ok());
    }
    let seconds = started.elapsed().as_secs_f64();
    let iterations = f64::from(iterations.max(1));
    let megabytes = source.len() as f64 * iterations / 1e6;
    println!("input: {origin}: {} bytes, {tokens} tokens", source.len());
    println!(
        "lexed {iterations} times in {seconds:.3}s: {:.1} MB/s, {:.2} M tokens/s",
        megabytes / seconds,
        tokens as f64 * iterations / seconds / 1e6
    );
    ExitCode::SUCCESS
}
