//! Golden-file tests: `tests/golden/*.{js,ts}` -> `*.tokens` (one token per line: kind,
//! span, flags, text). `UPDATE_GOLDEN=1 cargo test -p tseval-lexer` rewrites expectations.
//! The lexer is driven the way the parser drives it: a `/` after an operand-ending token is
//! division, otherwise a regular expression; a `}` closing a template substitution is
//! re-scanned as a template continuation.

use std::path::Path;
use tseval_lexer::{Lexer, Token, TokenKind};

/// Lexes `source` to text, mimicking the parser's re-scan requests with a simple heuristic.
fn dump_tokens(source: &str) -> String {
    let mut lexer = Lexer::new(source);
    let mut out = String::new();
    let mut previous_ends_operand = false;
    // Brace stack: true for `${` template substitutions.
    let mut braces: Vec<bool> = Vec::new();
    loop {
        let mut token: Token = lexer.next_token();
        if matches!(token.kind, TokenKind::Slash | TokenKind::SlashAssign) && !previous_ends_operand
        {
            token = lexer.rescan_as_regexp(token);
        }
        match token.kind {
            TokenKind::LeftBrace => braces.push(false),
            TokenKind::TemplateHead => braces.push(true),
            TokenKind::RightBrace if braces.pop() == Some(true) => {
                token = lexer.rescan_template_continuation(token);
                if token.kind == TokenKind::TemplateMiddle {
                    braces.push(true);
                }
            }
            _ => {}
        }
        let newline = if token.has_newline_before() {
            " newline"
        } else {
            ""
        };
        let escaped = if token.is_escaped() { " escaped" } else { "" };
        out.push_str(&format!(
            "{:?} {}..{}{newline}{escaped} {:?}\n",
            token.kind,
            token.span.start,
            token.span.end,
            token.span.text(source)
        ));
        if token.kind == TokenKind::EndOfFile {
            break;
        }
        previous_ends_operand = matches!(
            token.kind,
            TokenKind::Identifier
                | TokenKind::NumericLiteral
                | TokenKind::StringLiteral
                | TokenKind::BigIntLiteral
                | TokenKind::RightParen
                | TokenKind::RightBracket
                | TokenKind::RightBrace
                | TokenKind::RegExpLiteral
                | TokenKind::NoSubstitutionTemplate
                | TokenKind::TemplateTail
                | TokenKind::This
                | TokenKind::Super
                | TokenKind::True
                | TokenKind::False
                | TokenKind::Null
                | TokenKind::PlusPlus
                | TokenKind::MinusMinus
        ) || (token.kind.is_contextual_keyword());
    }
    out
}

#[test]
fn token_dumps_match_golden_files() {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut paths: Vec<_> = std::fs::read_dir(&directory)
        .expect("golden folder")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            matches!(
                path.extension().and_then(|extension| extension.to_str()),
                Some("js" | "ts")
            )
        })
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    let mut mismatches = Vec::new();
    for path in paths {
        let source = std::fs::read_to_string(&path).expect("readable input");
        let actual = dump_tokens(&source);
        let expected_path = path.with_extension("tokens");
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&expected_path, &actual).expect("writable");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            let mut diff = format!("--- {}\n", expected_path.display());
            for (index, (left, right)) in expected.lines().zip(actual.lines()).enumerate() {
                if left != right {
                    diff.push_str(&format!(
                        "-{:>4} {left}\n+{:>4} {right}\n",
                        index + 1,
                        index + 1
                    ));
                }
            }
            if expected.lines().count() != actual.lines().count() {
                diff.push_str(&format!(
                    "line count: expected {}, actual {}\n",
                    expected.lines().count(),
                    actual.lines().count()
                ));
            }
            mismatches.push(diff);
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}
