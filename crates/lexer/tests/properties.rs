//! Property tests: lexing arbitrary text never panics, and tokens tile the source: tokens
//! appear in order, never overlap, stay on character boundaries, and the gaps between them
//! contain only trivia (whitespace, line terminators, comments).

use proptest::prelude::*;
use tseval_lexer::{Lexer, TokenKind};

/// Checks that `gap` is whitespace and comments only.
fn is_trivia(gap: &str) -> bool {
    let mut rest = gap;
    loop {
        rest = rest.trim_start_matches(|character: char| {
            character.is_whitespace() || character == '\u{FEFF}'
        });
        if rest.is_empty() {
            return true;
        }
        if let Some(after) = rest.strip_prefix("//") {
            rest = after
                .find(['\n', '\r', '\u{2028}', '\u{2029}'])
                .map_or("", |end| &after[end..]);
        } else if let Some(after) = rest.strip_prefix("/*") {
            match after.find("*/") {
                Some(end) => rest = &after[end + 2..],
                None => return false,
            }
        } else {
            return false;
        }
    }
}

fn check_tiling(source: &str) -> Result<(), TestCaseError> {
    let mut lexer = Lexer::new(source);
    let mut position = if source.starts_with("#!") {
        source
            .find(['\n', '\r', '\u{2028}', '\u{2029}'])
            .unwrap_or(source.len())
    } else {
        0
    };
    for _ in 0..source.len() + 2 {
        let token = lexer.next_token();
        let (start, end) = (token.span.start as usize, token.span.end as usize);
        prop_assert!(
            start >= position,
            "token {:?} starts before previous end {}",
            token,
            position
        );
        prop_assert!(start <= end && end <= source.len());
        prop_assert!(source.is_char_boundary(start) && source.is_char_boundary(end));
        let gap = &source[position..start];
        prop_assert!(
            is_trivia(gap) || token.kind == TokenKind::Error,
            "non-trivia gap {:?} before {:?}",
            gap,
            token
        );
        position = end;
        if token.kind == TokenKind::EndOfFile {
            return Ok(());
        }
        if token.kind == TokenKind::Error {
            // An error token still advances; lexing continues after it.
            prop_assert!(end > start || end == source.len());
        }
    }
    prop_assert!(false, "lexer did not reach the end of input");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_strings_never_panic_and_tile(source in "\\PC{0,64}") {
        check_tiling(&source)?;
    }

    #[test]
    fn javascript_like_strings_tile(source in "([a-z_$]{1,4}|[0-9._xXn]{1,4}|[ \\t\\n]|[-+*/%=<>!?.&|^~(){}\\[\\];:,'\"`\\\\#@]|\u{e9}|\u{2028}|/\\*|\\*/|//){0,40}") {
        check_tiling(&source)?;
    }

    /// The token after a block comment has the newline flag exactly when the comment contains
    /// a line terminator (LF, CR, U+2028, U+2029; other characters starting with the byte 0xE2,
    /// such as U+2022 and U+20AC, must not count), and the comment ends at the first `*/`.
    #[test]
    fn block_comments_flag_line_terminators_exactly(body in "([a-z */]|\n|\r|\u{2028}|\u{2029}|\u{2022}|\u{20ac}|\u{e9}){0,24}") {
        prop_assume!(!body.contains("*/"));
        let source = format!("x /*{body}*/ y");
        let mut lexer = Lexer::new(&source);
        let first = lexer.next_token();
        prop_assert_eq!(first.kind, TokenKind::Identifier);
        let second = lexer.next_token();
        prop_assert_eq!(second.kind, TokenKind::Identifier);
        prop_assert_eq!(second.span.start as usize, source.len() - 1);
        let has_line_terminator = body.contains(['\n', '\r', '\u{2028}', '\u{2029}']);
        prop_assert_eq!(second.has_newline_before(), has_line_terminator);
        prop_assert_eq!(lexer.next_token().kind, TokenKind::EndOfFile);
    }
}
