//! Golden bytecode tests: every `tests/golden/*.ts` is parsed, compiled, verified and
//! disassembled; the listing must equal `tests/golden/NAME.bytecode`. Run with
//! `UPDATE_GOLDEN=1 cargo test -p tseval-compiler --test golden` to regenerate the listings.
//! A second test compiles every `../shared/ts-examples/*.ts` and `../shared/bench/*.js` (when
//! that folder exists) and runs the verifier on the result.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use tseval_compiler::{compile_script, disassemble, verify};
use tseval_parser::{Arena, Interner, parse_script};

/// Parses and compiles one source text; returns the disassembly or an error message.
fn compile_to_listing(source: &str, file_name: &str) -> Result<String, String> {
    let arena = Arena::new();
    let mut interner = Interner::new();
    let program = parse_script(source, file_name, &arena, &mut interner)
        .map_err(|error| format!("{error:?}"))?;
    let source: Rc<str> = Rc::from(source);
    let script = compile_script(&program, &interner, file_name, &source)
        .map_err(|error| error.render(file_name, &source))?;
    verify(&script.top_level).map_err(|error| format!("verifier: {error}"))?;
    Ok(disassemble(&script.top_level))
}

fn golden_directory() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("golden")
}

fn sorted_files(directory: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(directory)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|path| path.extension().is_some_and(|found| found == extension))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// A compact line diff for failure messages.
fn diff(expected: &str, actual: &str) -> String {
    let expected_lines: Vec<&str> = expected.lines().collect();
    let actual_lines: Vec<&str> = actual.lines().collect();
    let mut output = String::new();
    for index in 0..expected_lines.len().max(actual_lines.len()) {
        let left = expected_lines.get(index).copied();
        let right = actual_lines.get(index).copied();
        if left != right {
            output.push_str(&format!(
                "line {}:\n  - {}\n  + {}\n",
                index + 1,
                left.unwrap_or("<none>"),
                right.unwrap_or("<none>")
            ));
        }
    }
    output
}

#[test]
fn golden_bytecode_listings() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let inputs = sorted_files(&golden_directory(), "ts");
    assert!(!inputs.is_empty(), "no golden inputs found");
    let mut failures = Vec::new();
    for input in inputs {
        let source = std::fs::read_to_string(&input).expect("readable golden input");
        let name = input
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("input.ts")
            .to_string();
        let listing = match compile_to_listing(&source, &name) {
            Ok(listing) => listing,
            Err(message) => {
                failures.push(format!("{name}: {message}"));
                continue;
            }
        };
        let expected_path = input.with_extension("bytecode");
        if update {
            std::fs::write(&expected_path, &listing).expect("writable golden output");
            continue;
        }
        match std::fs::read_to_string(&expected_path) {
            Ok(expected) if expected == listing => {}
            Ok(expected) => failures.push(format!(
                "{name}: listing differs\n{}",
                diff(&expected, &listing)
            )),
            Err(_) => failures.push(format!("{name}: missing {}", expected_path.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "golden failures:\n{}",
        failures.join("\n")
    );
}

#[test]
fn shared_examples_compile_and_verify() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if !shared.exists() {
        return;
    }
    let mut files = sorted_files(&shared.join("ts-examples"), "ts");
    files.extend(sorted_files(&shared.join("bench"), "js"));
    assert!(
        !files.is_empty(),
        "shared folder exists but holds no examples"
    );
    let mut failures = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).expect("readable example");
        let name = file
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("example")
            .to_string();
        if let Err(message) = compile_to_listing(&source, &name) {
            failures.push(format!("{name}: {message}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} examples failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
