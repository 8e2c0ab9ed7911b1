//! Parses every file of ../shared/ts-examples and ../shared/bench (when present) and of the
//! repository's tests/cases and examples folders, and requires success: these are the real
//! programs the engine must run.

use std::path::Path;
use tseval_parser::{Arena, Interner, parse_script};

fn parse_all_in(directory: &Path, extensions: &[&str]) -> (usize, Vec<String>) {
    let mut parsed = 0;
    let mut failures = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(directory)
        .expect("readable directory")
        .flatten()
        .map(|entry| entry.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            let (nested_parsed, nested_failures) = parse_all_in(&path, extensions);
            parsed += nested_parsed;
            failures.extend(nested_failures);
            continue;
        }
        let Some(extension) = path.extension().and_then(|extension| extension.to_str()) else {
            continue;
        };
        if !extensions.contains(&extension) {
            continue;
        }
        let source = std::fs::read_to_string(&path).expect("readable file");
        let arena = Arena::new();
        let mut interner = Interner::new();
        let file_name = path.display().to_string();
        match parse_script(&source, &file_name, &arena, &mut interner) {
            Ok(_) => parsed += 1,
            Err(error) => failures.push(error.render(&source)),
        }
    }
    (parsed, failures)
}

#[test]
fn shared_examples_and_benchmarks_parse() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let mut total = 0;
    for (folder, extensions) in [
        ("ts-examples", &["ts", "js"][..]),
        ("bench", &["js", "ts"][..]),
    ] {
        let directory = root.join(folder);
        if !directory.is_dir() {
            println!("note: {} is absent; skipping it", directory.display());
            continue;
        }
        let (parsed, failures) = parse_all_in(&directory, extensions);
        assert!(
            failures.is_empty(),
            "{} file(s) failed to parse:\n{}",
            failures.len(),
            failures.join("\n")
        );
        total += parsed;
    }
    let repository = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for folder in ["tests/cases", "examples"] {
        let directory = repository.join(folder);
        if !directory.is_dir() {
            continue;
        }
        let (parsed, failures) = parse_all_in(&directory, &["ts", "js"]);
        assert!(
            failures.is_empty(),
            "{} file(s) failed to parse:\n{}",
            failures.len(),
            failures.join("\n")
        );
        total += parsed;
    }
    assert!(total > 0, "no programs were found to parse");
    println!("parsed {total} shared files");
}

#[test]
fn generated_profiling_input_parses() {
    let source = tseval_lexer::synthetic::generate_typescript(100_000);
    let arena = Arena::new();
    let mut interner = Interner::new();
    if let Err(error) = parse_script(&source, "generated.ts", &arena, &mut interner) {
        panic!("{}", error.render(&source));
    }
}
