//! Golden-file tests: `tests/golden/accept/*.{ts,js}` -> `*.ast` (the AST dump) and
//! `tests/golden/reject/*.{ts,js}` -> `*.diagnostic` (the rendered SyntaxError).
//! `UPDATE_GOLDEN=1 cargo test -p tseval-parser` rewrites the expected files.

use std::path::{Path, PathBuf};
use tseval_parser::{Arena, Interner, ast_dump::dump_program, parse_script};

fn inputs(folder: &str) -> Vec<PathBuf> {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(folder);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&directory)
        .expect("golden folder exists")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            matches!(
                path.extension().and_then(|extension| extension.to_str()),
                Some("ts" | "js")
            )
        })
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no inputs in {}", directory.display());
    paths
}

/// Compares `actual` with the file at `expected_path`, or rewrites it under UPDATE_GOLDEN.
fn check_golden(expected_path: &Path, actual: &str, mismatches: &mut Vec<String>) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(expected_path, actual).expect("writable golden file");
        return;
    }
    let expected = std::fs::read_to_string(expected_path).unwrap_or_default();
    if expected != actual {
        let mut diff = format!("--- {} (expected)\n+++ actual\n", expected_path.display());
        let expected_lines: Vec<&str> = expected.lines().collect();
        let actual_lines: Vec<&str> = actual.lines().collect();
        for index in 0..expected_lines.len().max(actual_lines.len()) {
            let (left, right) = (expected_lines.get(index), actual_lines.get(index));
            if left != right {
                if let Some(left) = left {
                    diff.push_str(&format!("-{:>4} {left}\n", index + 1));
                }
                if let Some(right) = right {
                    diff.push_str(&format!("+{:>4} {right}\n", index + 1));
                }
            }
        }
        mismatches.push(diff);
    }
}

fn file_name_of(path: &Path) -> String {
    path.file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("input")
        .to_string()
}

#[test]
fn accepted_inputs_match_their_ast_dumps() {
    let mut mismatches = Vec::new();
    for path in inputs("accept") {
        let source = std::fs::read_to_string(&path).expect("readable input");
        let arena = Arena::new();
        let mut interner = Interner::new();
        let actual = match parse_script(&source, &file_name_of(&path), &arena, &mut interner) {
            Ok(program) => dump_program(&program, &interner),
            Err(error) => format!("UNEXPECTED SYNTAX ERROR\n{}", error.render(&source)),
        };
        check_golden(&path.with_extension("ast"), &actual, &mut mismatches);
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn rejected_inputs_match_their_diagnostics() {
    let mut mismatches = Vec::new();
    for path in inputs("reject") {
        let source = std::fs::read_to_string(&path).expect("readable input");
        let arena = Arena::new();
        let mut interner = Interner::new();
        let actual = match parse_script(&source, &file_name_of(&path), &arena, &mut interner) {
            Ok(_) => "UNEXPECTEDLY ACCEPTED\n".to_string(),
            Err(error) => error.render(&source),
        };
        check_golden(&path.with_extension("diagnostic"), &actual, &mut mismatches);
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn deep_nesting_is_a_syntax_error_not_a_stack_overflow() {
    for (open, close) in [
        ("(", ")"),
        ("[", "]"),
        ("{x:", "}"),
        ("-", ""),
        ("a=>", ""),
        ("if(1)", ";"),
    ] {
        let depth = 100_000;
        let source = format!("x = {}1{};", open.repeat(depth), close.repeat(depth));
        let source = if open == "if(1)" {
            format!("{}1;", open.repeat(depth))
        } else {
            source
        };
        let arena = Arena::new();
        let mut interner = Interner::new();
        let error = parse_script(&source, "deep.js", &arena, &mut interner).expect_err("too deep");
        assert!(
            error.message.contains("nesting"),
            "{open}: {}",
            error.message
        );
    }
    // Reasonable nesting is fine.
    let source = format!("x = {}1{};", "(".repeat(100), ")".repeat(100));
    let arena = Arena::new();
    let mut interner = Interner::new();
    assert!(parse_script(&source, "ok.js", &arena, &mut interner).is_ok());
}
