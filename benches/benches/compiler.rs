//! Compiler throughput: scope resolution and bytecode emission for an already parsed program
//! (the AST is built once outside the timed loop), reported in source bytes per second.
//!
//! Run with `cargo bench -p tseval-benches --bench compiler`.

use std::hint::black_box;
use std::rc::Rc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tseval_benches::{FRONT_END_INPUT_BYTES, GeneratedInputKind, generate_typescript_program};
use tseval_parser::{Arena, Goal, Interner};

fn compiler_benchmarks(criterion: &mut Criterion) {
    let source = generate_typescript_program(
        FRONT_END_INPUT_BYTES,
        GeneratedInputKind::WithParserFeedback,
    );
    let shared_source: Rc<str> = Rc::from(source.as_str());
    let arena = Arena::new();
    let mut interner = Interner::new();
    let program = match tseval_parser::parse_program(
        &source,
        "bench.ts",
        &arena,
        &mut interner,
        Goal::Script,
    ) {
        Ok(program) => program,
        Err(error) => {
            eprintln!(
                "compiler benchmark skipped: the input does not parse:\n{}",
                error.render(&source)
            );
            return;
        }
    };
    if let Err(error) =
        tseval_compiler::compile_script(&program, &interner, "bench.ts", &shared_source)
    {
        eprintln!(
            "compiler benchmark skipped: the input does not compile: {}",
            error.render("bench.ts", &source)
        );
        return;
    }
    let mut group = criterion.benchmark_group("compiler");
    group.throughput(Throughput::Bytes(source.len() as u64));
    group.bench_function("bytecode_of_generated_typescript", |bencher| {
        bencher.iter(|| {
            let script = tseval_compiler::compile_script(
                black_box(&program),
                &interner,
                "bench.ts",
                &shared_source,
            );
            black_box(script.is_ok())
        })
    });
    group.finish();
}

criterion_group!(benches, compiler_benchmarks);
criterion_main!(benches);
