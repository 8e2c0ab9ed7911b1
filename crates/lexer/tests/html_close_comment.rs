//! The Annex B HTML-like close comment `-->` of scripts: a comment at the start of a line or
//! before the first token of the source (after nothing but spaces and single-line block
//! comments), a decrement and a greater-than anywhere else. Node runs all of these sources
//! as scripts with the meaning asserted here.

use tseval_lexer::{Lexer, TokenKind};

/// The kinds of the tokens of `source` lexed as script code, up to the end of input.
fn script_token_kinds(source: &str) -> Vec<TokenKind> {
    let mut lexer = Lexer::new(source);
    lexer.set_html_comments(true);
    let mut kinds = Vec::new();
    loop {
        let token = lexer.next_token();
        if token.kind == TokenKind::EndOfFile {
            return kinds;
        }
        kinds.push(token.kind);
    }
}

#[test]
fn close_comment_before_the_first_token_is_a_comment() {
    for source in [
        "--> comment\nx",
        "   --> comment\nx",
        "/* c */ --> comment\nx",
        "\t/* a */ /* b */--> comment\nx",
    ] {
        assert_eq!(
            script_token_kinds(source),
            [TokenKind::Identifier],
            "{source:?}"
        );
    }
}

#[test]
fn close_comment_after_a_token_on_the_same_line_is_an_operator() {
    assert_eq!(
        script_token_kinds("x --> 0"),
        [
            TokenKind::Identifier,
            TokenKind::MinusMinus,
            TokenKind::Greater,
            TokenKind::NumericLiteral
        ]
    );
    assert_eq!(
        script_token_kinds("/* c */ x /* d */ --> 0"),
        [
            TokenKind::Identifier,
            TokenKind::MinusMinus,
            TokenKind::Greater,
            TokenKind::NumericLiteral
        ]
    );
}

#[test]
fn close_comment_at_the_start_of_a_later_line_is_a_comment() {
    assert_eq!(
        script_token_kinds("x\n--> comment\ny"),
        [TokenKind::Identifier, TokenKind::Identifier]
    );
    assert_eq!(
        script_token_kinds("x /*\n*/ --> comment\ny"),
        [TokenKind::Identifier, TokenKind::Identifier]
    );
}
