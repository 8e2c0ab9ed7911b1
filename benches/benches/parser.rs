//! Parser throughput: a generated TypeScript program parsed into a fresh arena AST each
//! iteration (lexing included, as in a real run), reported in bytes per second — the "parser
//! throughput" metric of docs/PERFORMANCE.md.
//!
//! Run with `cargo bench -p tseval-benches --bench parser`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tseval_benches::{FRONT_END_INPUT_BYTES, GeneratedInputKind, generate_typescript_program};
use tseval_parser::{Arena, Goal, Interner};

fn parser_benchmarks(criterion: &mut Criterion) {
    let source = generate_typescript_program(
        FRONT_END_INPUT_BYTES,
        GeneratedInputKind::WithParserFeedback,
    );
    // A parse error would make the benchmark time the error path; report it and skip instead.
    {
        let arena = Arena::new();
        let mut interner = Interner::new();
        if let Err(error) =
            tseval_parser::parse_program(&source, "bench.ts", &arena, &mut interner, Goal::Script)
        {
            eprintln!(
                "parser benchmark skipped: the input does not parse:\n{}",
                error.render(&source)
            );
            return;
        }
    }
    let mut group = criterion.benchmark_group("parser");
    group.throughput(Throughput::Bytes(source.len() as u64));
    group.bench_function("ast_of_generated_typescript", |bencher| {
        bencher.iter(|| {
            let arena = Arena::new();
            let mut interner = Interner::new();
            let program = tseval_parser::parse_program(
                black_box(&source),
                "bench.ts",
                &arena,
                &mut interner,
                Goal::Script,
            );
            black_box(program.is_ok())
        })
    });
    group.finish();
}

criterion_group!(benches, parser_benchmarks);
criterion_main!(benches);
