//! Labelled statements, `const enum` and type predicates are recognised whatever separates their first token
//! from the next one. The parser first looks at the source bytes after the current token to
//! rule out `:`, `enum` or `is` without lexing the next token (`Parser::next_token_may_start_with`);
//! these inputs put comments, line breaks, Annex B HTML-like comments and escapes in the way
//! of that shortcut, which must then fall back to a real lookahead.

use tseval_parser::ast::Statement;
use tseval_parser::{Arena, Interner, parse_script};

/// The top-level statements of `source` parsed as a script named `file_name`.
fn top_level_kinds(source: &str, file_name: &str) -> Vec<&'static str> {
    let arena = Arena::new();
    let mut interner = Interner::new();
    let program = parse_script(source, file_name, &arena, &mut interner)
        .unwrap_or_else(|error| panic!("{source:?} should parse: {error:?}"));
    program
        .body
        .iter()
        .map(|statement| match statement {
            Statement::Labeled(_) => "label",
            Statement::Enum(_) => "enum",
            Statement::Expression(_) => "expression",
            Statement::VariableDeclaration(_) => "variable",
            _ => "other",
        })
        .collect()
}

#[test]
fn labels_are_found_past_comments_and_line_breaks() {
    for source in [
        "a: b;",
        "a /* comment */ : b;",
        "a\n\t : b;",
        "a // comment\n: b;",
        "a\r\n: b;",
    ] {
        assert_eq!(top_level_kinds(source, "input.js"), ["label"], "{source:?}");
    }
}

#[test]
fn labels_are_found_past_html_like_comments_in_scripts() {
    // Node runs both of these as labelled loops (`break a` would be a syntax error
    // otherwise).
    assert_eq!(
        top_level_kinds("a\n-->html comment\n: for (;;) break a;", "input.js"),
        ["label"]
    );
    assert_eq!(
        top_level_kinds("b <!-- comment\n: for (;;) break b;", "input.js"),
        ["label"]
    );
}

#[test]
fn conditionals_and_plain_identifiers_are_not_labels() {
    assert_eq!(top_level_kinds("a ? b : c;", "input.js"), ["expression"]);
    assert_eq!(
        top_level_kinds("a\nb: c;", "input.js"),
        ["expression", "label"]
    );
    assert_eq!(top_level_kinds("a", "input.js"), ["expression"]);
}

#[test]
fn const_enum_is_found_past_comments_and_line_breaks() {
    for source in [
        "const enum E { A }",
        "const /* comment */ enum E { A }",
        "const\nenum E { A }",
        "const // comment\n enum E { A }",
    ] {
        assert_eq!(top_level_kinds(source, "input.ts"), ["enum"], "{source:?}");
    }
    assert_eq!(
        top_level_kinds("const e = 1, enumerated = 2;", "input.ts"),
        ["variable"]
    );
}

#[test]
fn type_predicates_are_found_past_comments_and_line_breaks() {
    for source in [
        "function f(x: unknown): x is string { return true; }",
        "function f(x: unknown): x /* comment */ is string { return true; }",
        "function f(x: unknown): x\t/* a */ /* b */ is string { return true; }",
        "function f(this: unknown): this is string { return true; }",
    ] {
        assert_eq!(top_level_kinds(source, "input.ts"), ["other"], "{source:?}");
    }
}
