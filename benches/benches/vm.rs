//! VM micro-benchmarks through the public embedding API: calls, recursion, inline-cached
//! property get/set (monomorphic and polymorphic), closures, array indexing and string
//! concatenation. Each runtime evaluates its setup once; an iteration evaluates a one-line call
//! (`tseval::Runtime::evaluate`), whose result is checked once before timing so a broken engine
//! cannot report a fast wrong answer.
//!
//! Run with `cargo bench -p tseval-benches --bench vm` (add a name, e.g. `-- closures`, to filter).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use tseval::{Runtime, SourceGoal};
use tseval_benches::{VM_MICRO_BENCHMARKS, VmMicroBenchmark};

/// A runtime with `benchmark.setup` evaluated, or why it could not be prepared.
fn prepared_runtime(benchmark: &VmMicroBenchmark) -> Result<Runtime, String> {
    let mut runtime = Runtime::new();
    runtime
        .evaluate(benchmark.setup, "bench.js", SourceGoal::Script)
        .map_err(|error| format!("setup failed: {error:?}"))?;
    // The check throws inside JavaScript rather than reading the completion value, so it only
    // relies on calls, String() and throw.
    let check = format!(
        "(function () {{ const result = String({entry}); \
         if (result !== '{expected}') throw new Error('returned ' + result); }})();",
        entry = benchmark.entry,
        expected = benchmark.expected
    );
    runtime
        .evaluate(&check, "bench-check.js", SourceGoal::Script)
        .map_err(|error| {
            format!(
                "`{}` did not return {}: {error:?}",
                benchmark.entry, benchmark.expected
            )
        })?;
    Ok(runtime)
}

fn vm_benchmarks(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("vm");
    for benchmark in VM_MICRO_BENCHMARKS {
        let mut runtime = match prepared_runtime(benchmark) {
            Ok(runtime) => runtime,
            Err(reason) => {
                eprintln!("vm/{} skipped: {reason}", benchmark.name);
                continue;
            }
        };
        group.bench_function(benchmark.name, |bencher| {
            bencher.iter(|| {
                let result =
                    runtime.evaluate(black_box(benchmark.entry), "bench.js", SourceGoal::Script);
                black_box(result.is_ok())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, vm_benchmarks);
criterion_main!(benches);
