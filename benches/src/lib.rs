//! Shared inputs for the tseval criterion benchmarks (`cargo bench -p tseval-benches`).
//!
//! The front-end benchmarks (lexer, parser, compiler) run over a generated TypeScript program
//! made of one realistic block of declarations repeated with fresh names until it reaches the
//! requested size, so throughput figures (MB/s) do not depend on a file that might change. The
//! VM micro-benchmarks are small JavaScript programs, each defining one function that exercises
//! one mechanism (calls, inline-cached property access, closures, array indexing, string
//! concatenation) and returns a checksum the benchmark verifies before timing.

use std::fmt::Write as _;

/// Bytes of generated source for the lexer and parser throughput benchmarks: large enough that
/// per-call setup is noise, small enough that criterion finishes quickly on a 2-core machine.
pub const FRONT_END_INPUT_BYTES: usize = 256 * 1024;

/// Which constructs the generated program may contain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GeneratedInputKind {
    /// Only what a lexer can tokenize without parser feedback: no regular expression literals
    /// and no `${...}` substitutions (both need the parser to ask for a re-scan).
    LexerOnly,
    /// The full mix, including regular expressions and template substitutions.
    WithParserFeedback,
}

/// A TypeScript program of at least `minimum_bytes` bytes, deterministic for a given size.
pub fn generate_typescript_program(minimum_bytes: usize, kind: GeneratedInputKind) -> String {
    let mut source = String::with_capacity(minimum_bytes + 4096);
    source.push_str(
        "// Generated benchmark input: TypeScript declarations, statements and expressions.\n",
    );
    let mut block_number = 0usize;
    while source.len() < minimum_bytes {
        append_block(&mut source, block_number, kind);
        block_number += 1;
    }
    source
}

/// One block of varied declarations; every name carries `number` so blocks do not collide.
fn append_block(source: &mut String, number: usize, kind: GeneratedInputKind) {
    let _ = write!(
        source,
        r#"
/** A shape with an area, number {number}. */
interface Shape{number} {{
    readonly name: string;
    area(): number;
    tags?: Array<string | number>;
}}

type Pair{number}<T> = [T, T] | null;

class Rectangle{number} implements Shape{number} {{
    readonly name: string = "rectangle-{number}";
    private static count: number = 0;
    constructor(public width: number, protected height: number) {{
        Rectangle{number}.count += 1;
    }}
    area(): number {{
        return this.width * this.height;
    }}
    get diagonal(): number {{
        return Math.sqrt(this.width ** 2 + this.height ** 2);
    }}
}}

function sumAreas{number}(shapes: Shape{number}[], scale: number = 1.5): number {{
    let total = 0;
    for (const shape of shapes) {{
        if (shape.area() > 10 && shape.name !== "skip") {{
            total += shape.area() * scale;
        }} else {{
            total -= 0x1f + 0b101 + 1e-3;
        }}
    }}
    return total;
}}

const values{number}: number[] = [1, 2, 3, 4, 5].map((value, index) => value * index + {number});
let counter{number} = 0;
while (counter{number} < values{number}.length) {{
    counter{number}++;
    switch (counter{number} % 3) {{
        case 0: break;
        case 1: counter{number} += 1; break;
        default: continue;
    }}
}}
const record{number} = {{ key: "value", nested: {{ flag: true, list: [null, undefined] }}, ...{{ extra: 1 }} }};
const {{ key: renamed{number}, nested: {{ flag: flag{number} }} }} = record{number};
try {{
    JSON.parse('{{"number": {number}}}');
}} catch (error) {{
    console.log(error as Error, record{number}?.nested?.flag ?? false);
}}
"#
    );
    if kind == GeneratedInputKind::WithParserFeedback {
        let _ = write!(
            source,
            r#"const pattern{number} = /^[a-z]+\d*$/gi;
const message{number} = `block ${{counter{number}}} has ${{values{number}.length}} values`;
"#
        );
    }
}

/// One VM micro-benchmark: `setup` defines `entry`, and evaluating `entry` returns `expected`.
#[derive(Clone, Copy, Debug)]
pub struct VmMicroBenchmark {
    /// The criterion benchmark id.
    pub name: &'static str,
    /// Evaluated once per runtime: defines the function being measured.
    pub setup: &'static str,
    /// Evaluated once per iteration: a call of the function defined by `setup`.
    pub entry: &'static str,
    /// What `String(entry's result)` must be (checked once before timing).
    pub expected: &'static str,
}

/// The VM micro-benchmarks. Each does enough work per iteration (tens of thousands of
/// operations) that compiling the one-line `entry` script is noise.
pub const VM_MICRO_BENCHMARKS: &[VmMicroBenchmark] = &[
    VmMicroBenchmark {
        name: "calls",
        setup: "function add(a, b) { return a + b; }
                function benchCalls(n) { let sum = 0; for (let i = 0; i < n; i++) sum = add(sum, i); return sum; }",
        entry: "benchCalls(20000)",
        expected: "199990000",
    },
    VmMicroBenchmark {
        name: "recursive_fib",
        setup: "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }",
        entry: "fib(18)",
        expected: "2584",
    },
    VmMicroBenchmark {
        name: "property_get_set",
        // Monomorphic accesses: every object has the same shape, so the inline caches hit.
        setup: "function Point(x, y) { this.x = x; this.y = y; }
                function benchProperties(n) {
                    const point = new Point(1, 2);
                    for (let i = 0; i < n; i++) { point.x = point.x + point.y; point.y = i & 7; }
                    return point.x;
                }",
        entry: "benchProperties(20000)",
        expected: "69996",
    },
    VmMicroBenchmark {
        name: "method_calls_polymorphic",
        // Two shapes reach the same call site: exercises the inline cache's miss/refill path.
        setup: "class Square { constructor(s) { this.s = s; } area() { return this.s * this.s; } }
                class Circle { constructor(r) { this.r = r; this.pi = 3; } area() { return this.pi * this.r * this.r; } }
                function benchShapes(n) {
                    const shapes = [new Square(2), new Circle(1)];
                    let total = 0;
                    for (let i = 0; i < n; i++) total += shapes[i & 1].area();
                    return total;
                }",
        entry: "benchShapes(20000)",
        expected: "70000",
    },
    VmMicroBenchmark {
        name: "closures",
        setup: "function makeCounter(step) { let count = 0; return () => (count += step); }
                function benchClosures(n) {
                    let total = 0;
                    for (let i = 0; i < n; i++) { const counter = makeCounter(i & 3); counter(); total += counter(); }
                    return total;
                }",
        entry: "benchClosures(10000)",
        expected: "30000",
    },
    VmMicroBenchmark {
        name: "array_indexing",
        setup: "function benchArrays(n) {
                    const values = [];
                    for (let i = 0; i < n; i++) values.push(i % 100);
                    let total = 0;
                    for (let i = 0; i < values.length; i++) total += values[i];
                    for (let i = 0; i < values.length; i++) values[i] = total - values[i];
                    return values[n - 1] + total;
                }",
        entry: "benchArrays(20000)",
        expected: "1979901",
    },
    VmMicroBenchmark {
        name: "string_concatenation",
        setup: "function benchStrings(n) {
                    let text = '';
                    for (let i = 0; i < n; i++) text += 'ab' + (i % 10);
                    return text.length;
                }",
        entry: "benchStrings(10000)",
        expected: "30000",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use tseval_lexer::{Lexer, TokenKind};

    #[test]
    fn generated_programs_reach_the_requested_size_deterministically() {
        let first = generate_typescript_program(10_000, GeneratedInputKind::LexerOnly);
        let second = generate_typescript_program(10_000, GeneratedInputKind::LexerOnly);
        assert!(first.len() >= 10_000);
        assert_eq!(first, second);
        let with_feedback =
            generate_typescript_program(10_000, GeneratedInputKind::WithParserFeedback);
        assert!(with_feedback.contains("/^[a-z]+\\d*$/gi"));
        assert!(!first.contains("/^[a-z]"));
    }

    #[test]
    fn lexer_input_tokenizes_without_errors() {
        let source = generate_typescript_program(20_000, GeneratedInputKind::LexerOnly);
        let mut lexer = Lexer::new(&source);
        let mut token_count = 0usize;
        loop {
            let token = lexer.next_token();
            assert_ne!(
                token.kind,
                TokenKind::Error,
                "lex error at byte {}",
                token.span.start
            );
            if token.kind == TokenKind::EndOfFile {
                break;
            }
            token_count += 1;
        }
        assert!(token_count > 2_000, "only {token_count} tokens");
    }

    #[test]
    fn parser_input_parses() {
        let source = generate_typescript_program(20_000, GeneratedInputKind::WithParserFeedback);
        let arena = tseval_parser::Arena::new();
        let mut interner = tseval_parser::Interner::new();
        let parsed = tseval_parser::parse_program(
            &source,
            "bench.ts",
            &arena,
            &mut interner,
            tseval_parser::Goal::Script,
        );
        if let Err(error) = &parsed {
            panic!("{}", error.render(&source));
        }
    }
}
