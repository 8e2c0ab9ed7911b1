//! Lexer throughput: every token of a generated TypeScript program, reported in bytes per second
//! (criterion prints MiB/s, the "lexer throughput" metric of docs/PERFORMANCE.md).
//!
//! Run with `cargo bench -p tseval-benches --bench lexer`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tseval_benches::{FRONT_END_INPUT_BYTES, GeneratedInputKind, generate_typescript_program};
use tseval_lexer::{Lexer, TokenKind};

/// Lexes `source` to the end and returns the token count, so the work cannot be optimised away.
fn count_tokens(source: &str) -> usize {
    let mut lexer = Lexer::new(source);
    let mut token_count = 0usize;
    while lexer.next_token().kind != TokenKind::EndOfFile {
        token_count += 1;
    }
    token_count
}

fn lexer_benchmarks(criterion: &mut Criterion) {
    let source = generate_typescript_program(FRONT_END_INPUT_BYTES, GeneratedInputKind::LexerOnly);
    let mut group = criterion.benchmark_group("lexer");
    group.throughput(Throughput::Bytes(source.len() as u64));
    group.bench_function("tokens_of_generated_typescript", |bencher| {
        bencher.iter(|| count_tokens(black_box(&source)))
    });
    group.finish();
}

criterion_group!(benches, lexer_benchmarks);
criterion_main!(benches);
