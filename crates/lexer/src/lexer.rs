//! The [`Lexer`] wrapper around the logos DFA.
//!
//! The wrapper adds what a DFA cannot do alone: the newline-before flag, Unicode and escaped
//! identifiers (slow path, only taken at a non-ASCII byte or a backslash), the numeric-literal
//! follow check, hashbang comments, splitting `?.5` into `?` `.5`, and the re-scans the
//! parser requests (regular expressions, template continuations, splitting `>>` into `>`
//! `>` for TypeScript type arguments).
//!
//! Performance design: the fast path is one DFA call per token plus one byte compare after
//! identifier-like tokens; nothing is allocated. Re-scans and the slow paths restart the DFA at
//! a byte offset (`seek`), which costs only the construction of a logos lexer struct.

use crate::span::Span;
use crate::token::{LexErrorKind, LexerExtras, Token, TokenKind, scan_template_chunk};
use logos::Logos;

/// A lexer over one source text. Cheap to clone (used for lookahead and speculation).
#[derive(Clone)]
pub struct Lexer<'source> {
    source: &'source str,
    /// The DFA, always over the whole of `source`, so its spans are offsets in `source`.
    inner: logos::Lexer<'source, TokenKind>,
    /// The reason for the last `TokenKind::Error` token.
    last_error: LexErrorKind,
    /// Recognise the Annex B HTML-like comments `<!--` and (at the start of a line) `-->`.
    /// Only sloppy-mode-capable script code has them; modules and TypeScript do not.
    html_comments: bool,
}

/// Line terminators per ECMAScript.
#[inline]
fn is_line_terminator(character: char) -> bool {
    matches!(character, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// The grandfathered Other_ID_Start characters that ID_Start includes but XID_Start (the
/// tables of `unicode-ident`) leaves out or may leave out.
#[inline]
fn is_other_id_start(character: char) -> bool {
    matches!(
        character,
        '\u{1885}' | '\u{1886}' | '\u{2118}' | '\u{212E}' | '\u{309B}' | '\u{309C}'
    )
}

/// The grandfathered Other_ID_Continue characters of ID_Continue.
#[inline]
fn is_other_id_continue(character: char) -> bool {
    matches!(
        character,
        '\u{00B7}' | '\u{0387}' | '\u{1369}'..='\u{1371}' | '\u{19DA}' | '\u{30FB}' | '\u{FF65}'
    )
}

/// ID_Start plus `$` and `_`. The XID tables are used, plus the Other_ID_Start characters in
/// which ID_Start and XID_Start differ.
#[inline]
pub fn is_identifier_start(character: char) -> bool {
    character == '$'
        || character == '_'
        || unicode_ident::is_xid_start(character)
        || is_other_id_start(character)
}

/// ID_Continue plus `$`, ZWNJ and ZWJ.
#[inline]
pub fn is_identifier_part(character: char) -> bool {
    character == '$'
        || character == '\u{200C}'
        || character == '\u{200D}'
        || unicode_ident::is_xid_continue(character)
        || is_other_id_start(character)
        || is_other_id_continue(character)
}

/// What the wrapper must still do with a token the DFA produced (see [`Lexer::next_token`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Attention {
    /// The DFA's token is final.
    None,
    /// Identifier-like: final unless a non-ASCII character or a backslash follows.
    IdentifierContinuation,
    /// `<` and `--`: final unless HTML-like comments are enabled.
    HtmlCommentCandidate,
    /// Numbers, strings, `?.` and the rest: finished by [`Lexer::finish_token_slow`].
    Slow,
}

/// Classifies a DFA token kind for the fast path of [`Lexer::next_token`]. The kinds are
/// declared so that one compare decides the common case: keywords, `Identifier` and
/// `PrivateName` come first, then `NumericLiteral`, `BigIntLiteral`, `StringLiteral`,
/// `QuestionDot`, `Less` and `MinusMinus`, and every later kind is final (checked by the
/// constant assertions below). Before `?.`, `<` and `--` were moved next to the literals, the
/// common case took two compares and a third test for HTML-like comments on every token.
#[inline(always)]
fn needs_wrapper_attention(kind: TokenKind) -> Attention {
    if kind > TokenKind::MinusMinus {
        Attention::None
    } else if kind <= TokenKind::PrivateName {
        Attention::IdentifierContinuation
    } else if kind >= TokenKind::Less {
        Attention::HtmlCommentCandidate
    } else {
        Attention::Slow
    }
}

const _: () = {
    assert!(TokenKind::LAST_KEYWORD as u8 + 1 == TokenKind::Identifier as u8);
    assert!(TokenKind::Identifier as u8 + 1 == TokenKind::PrivateName as u8);
    assert!(TokenKind::PrivateName as u8 + 1 == TokenKind::NumericLiteral as u8);
    assert!(TokenKind::NumericLiteral as u8 + 1 == TokenKind::BigIntLiteral as u8);
    assert!(TokenKind::BigIntLiteral as u8 + 1 == TokenKind::StringLiteral as u8);
    assert!(TokenKind::StringLiteral as u8 + 1 == TokenKind::QuestionDot as u8);
    assert!(TokenKind::QuestionDot as u8 + 1 == TokenKind::Less as u8);
    assert!(TokenKind::Less as u8 + 1 == TokenKind::MinusMinus as u8);
};

impl<'source> Lexer<'source> {
    /// Creates a lexer. Sources of 4 GiB or more are truncated to fit `u32` offsets (the
    /// parser reports such a source as an error before lexing).
    pub fn new(source: &'source str) -> Lexer<'source> {
        let mut lexer = Lexer {
            source,
            inner: TokenKind::lexer(source),
            last_error: LexErrorKind::UnexpectedCharacter,
            html_comments: false,
        };
        // A hashbang line `#!...` at the very start is a comment.
        if source.starts_with("#!") {
            let end = source
                .find(['\n', '\r', '\u{2028}', '\u{2029}'])
                .unwrap_or(source.len());
            lexer.seek(end as u32);
        }
        lexer
    }

    /// The whole source text.
    #[inline]
    pub fn source(&self) -> &'source str {
        self.source
    }

    /// Enables the Annex B HTML-like comments (`<!-- ...` anywhere, `--> ...` at the start of
    /// a line) for script code. Off by default.
    pub fn set_html_comments(&mut self, enabled: bool) {
        self.html_comments = enabled;
    }

    /// The reason for the most recent [`TokenKind::Error`] token.
    pub fn error(&self) -> LexErrorKind {
        self.last_error
    }

    /// Restarts the DFA at byte `offset` (which must be on a character boundary; offsets
    /// produced by this lexer always are). The newline flag is cleared.
    pub fn seek(&mut self, offset: u32) {
        let offset = (offset as usize).min(self.source.len());
        let offset = if self.source.is_char_boundary(offset) {
            offset
        } else {
            self.source.len()
        };
        // Performance design: the DFA is restarted over the whole source and moved to
        // `offset`, rather than started on the slice from `offset` with that offset added to
        // every span it reports (two additions and a load per token, about 0.5% of a parse).
        // `offset` is on a character boundary, so `bump` cannot fail its check.
        let mut inner = TokenKind::lexer_with_extras(self.source, LexerExtras::default());
        inner.bump(offset);
        self.inner = inner;
    }

    /// Puts the lexer in the state it would have after producing `token` (which a clone of
    /// this lexer produced as its next token, with `error` as its error kind): the parser's
    /// one-token lookahead cache uses this instead of lexing the same bytes twice. Restarting
    /// the DFA at an offset costs a struct initialisation, far less than a token.
    #[inline]
    pub fn resume_after(&mut self, token: Token, error: LexErrorKind) {
        self.seek(token.span.end);
        self.last_error = error;
    }

    /// Current position: the end of the last token produced.
    #[inline]
    pub fn position(&self) -> u32 {
        self.inner.span().end as u32
    }

    #[inline]
    fn make_token(&self, kind: TokenKind, start: u32, end: u32, newline_before: bool) -> Token {
        Token {
            kind,
            flags: if newline_before {
                Token::NEWLINE_BEFORE
            } else {
                0
            },
            span: Span { start, end },
        }
    }

    /// Produces the next token; at the end of input, `EndOfFile` tokens forever.
    ///
    /// Performance design: this is the hot path of the whole front end (one call per token),
    /// so it is kept small enough to inline into the parser's `bump`: one DFA call, then one
    /// compare of the kind ([`needs_wrapper_attention`]) decides whether the token is final.
    /// Punctuators and most literals are; identifiers and keywords take one more byte compare
    /// (the Unicode/escape continuation check), `<` and `--` a test of the HTML-comment flag.
    /// Everything else (numbers, strings, `?.`, HTML-like comments, errors, end of input) goes
    /// to the out-of-line
    /// [`Lexer::finish_token_slow`], so the fast path keeps few live registers.
    #[inline]
    pub fn next_token(&mut self) -> Token {
        let mut token = Token {
            kind: TokenKind::EndOfFile,
            flags: 0,
            span: Span { start: 0, end: 0 },
        };
        self.next_token_into(&mut token);
        token
    }

    /// [`Lexer::next_token`] storing the token into `token` (the parser's current token).
    ///
    /// Performance design: returning the token by value made every fast path store it to a
    /// stack slot shared with the slow path's result and copy it from there into the parser
    /// (eight instructions per token); each path now stores into `token` itself.
    #[inline]
    pub fn next_token_into(&mut self, token: &mut Token) {
        self.inner.extras.newline_before = false;
        let result = self.inner.next();
        let flags = self.inner.extras.newline_before as u8 * Token::NEWLINE_BEFORE;
        let range = self.inner.span();
        let start = range.start as u32;
        let end = range.end as u32;
        if let Some(Ok(kind)) = result {
            match needs_wrapper_attention(kind) {
                Attention::None => {
                    *token = Token {
                        kind,
                        flags,
                        span: Span { start, end },
                    };
                    return;
                }
                Attention::HtmlCommentCandidate if !self.html_comments => {
                    *token = Token {
                        kind,
                        flags,
                        span: Span { start, end },
                    };
                    return;
                }
                Attention::IdentifierContinuation => {
                    // Slow path only when the identifier continues with a non-ASCII character
                    // or an escape.
                    let continues = match self.source.as_bytes().get(end as usize) {
                        Some(&byte) => byte >= 0x80 || byte == b'\\',
                        None => false,
                    };
                    if !continues {
                        *token = Token {
                            kind,
                            flags,
                            span: Span { start, end },
                        };
                        return;
                    }
                }
                _ => {}
            }
        }
        *token = self.finish_token_slow(result, start, end, flags != 0);
    }

    /// Whether the token starting at `start` is the first token of the source (`-->` there
    /// is a comment even without a line break before it), decided by lexing the source from
    /// its beginning again.
    ///
    /// Performance design: only the `-->` check of script code asks this, rarely, so it is
    /// recomputed instead of kept in a flag that every token had to clear (a store per
    /// token). Only trivia without line breaks can come before such a token (a line break
    /// decides the question without asking), and the DFA skips all of it, so its first token
    /// starts at `start` exactly when nothing else came first.
    #[cold]
    #[inline(never)]
    fn is_first_token_of_source(&self, start: u32) -> bool {
        let mut probe = Lexer::new(self.source);
        let _ = probe.inner.next();
        probe.inner.span().start == start as usize
    }

    /// Skips an HTML-like comment running from `start` to the end of its line and lexes the
    /// token after it, keeping a line break seen before the comment.
    #[cold]
    #[inline(never)]
    fn skip_html_comment(&mut self, start: u32, newline_before: bool) -> Token {
        let rest = &self.source[start as usize..];
        let length = rest
            .find(['\n', '\r', '\u{2028}', '\u{2029}'])
            .unwrap_or(rest.len());
        self.seek(start + length as u32);
        let mut token = self.next_token_unflagged();
        if newline_before {
            token.flags |= Token::NEWLINE_BEFORE;
        }
        token
    }

    /// The next token (used after skipping an HTML-like comment).
    fn next_token_unflagged(&mut self) -> Token {
        self.inner.extras.newline_before = false;
        let result = self.inner.next();
        let newline_before = self.inner.extras.newline_before;
        let range = self.inner.span();
        let start = range.start as u32;
        let end = range.end as u32;
        self.finish_token_slow(result, start, end, newline_before)
    }

    /// Everything the fast path of [`Lexer::next_token`] does not finish: end of input,
    /// number follow checks, string escape flags, `?.5`, HTML-like comments, identifiers that
    /// continue with Unicode or escapes, and DFA failures.
    #[inline(never)]
    fn finish_token_slow(
        &mut self,
        result: Option<Result<TokenKind, LexErrorKind>>,
        start: u32,
        end: u32,
        newline_before: bool,
    ) -> Token {
        match result {
            None => {
                let end_of_file = self.source.len() as u32;
                self.make_token(
                    TokenKind::EndOfFile,
                    end_of_file,
                    end_of_file,
                    newline_before,
                )
            }
            Some(Ok(kind)) => {
                if self.html_comments {
                    let bytes = self.source.as_bytes();
                    let opens = kind == TokenKind::Less
                        && bytes.get(end as usize..end as usize + 3) == Some(b"!--");
                    let closes = kind == TokenKind::MinusMinus
                        && bytes.get(end as usize) == Some(&b'>')
                        && (newline_before || self.is_first_token_of_source(start));
                    if opens || closes {
                        return self.skip_html_comment(start, newline_before);
                    }
                }
                if kind == TokenKind::Identifier
                    || kind.is_keyword()
                    || kind == TokenKind::PrivateName
                {
                    // Slow path only when the identifier continues with a non-ASCII character
                    // or an escape.
                    match self.source.as_bytes().get(end as usize) {
                        Some(&byte) if byte >= 0x80 || byte == b'\\' => {
                            return self.scan_identifier_slow(kind, start, end, newline_before);
                        }
                        _ => {}
                    }
                    return self.make_token(kind, start, end, newline_before);
                }
                match kind {
                    TokenKind::NumericLiteral | TokenKind::BigIntLiteral => {
                        if let Some(character) = self.source[end as usize..].chars().next()
                            && (is_identifier_start(character)
                                || character.is_ascii_digit()
                                || character == '\\')
                        {
                            self.last_error = LexErrorKind::IdentifierAfterNumber;
                            return self.make_token(TokenKind::Error, start, end, newline_before);
                        }
                        self.make_token(kind, start, end, newline_before)
                    }
                    TokenKind::StringLiteral => {
                        // The DFA's string callback noted whether a backslash occurs.
                        let mut token = self.make_token(kind, start, end, newline_before);
                        if self.inner.extras.string_has_escape {
                            token.flags |= Token::ESCAPED;
                        }
                        token
                    }
                    TokenKind::QuestionDot => {
                        // `a?.5:b` is a conditional: `?` followed by the number `.5`.
                        if self
                            .source
                            .as_bytes()
                            .get(end as usize)
                            .is_some_and(u8::is_ascii_digit)
                        {
                            self.seek(start + 1);
                            return self.make_token(
                                TokenKind::Question,
                                start,
                                start + 1,
                                newline_before,
                            );
                        }
                        self.make_token(kind, start, end, newline_before)
                    }
                    _ => self.make_token(kind, start, end, newline_before),
                }
            }
            Some(Err(error)) => self.handle_error(error, start, end, newline_before),
        }
    }

    /// Handles a DFA failure: Unicode/escaped identifiers and private names, or an error token.
    fn handle_error(
        &mut self,
        error: LexErrorKind,
        start: u32,
        end: u32,
        newline_before: bool,
    ) -> Token {
        if error == LexErrorKind::UnexpectedCharacter {
            let rest = &self.source[start as usize..];
            let mut characters = rest.chars();
            let first = characters.next().unwrap_or('\0');
            if first == '\\' || (first as u32 >= 0x80 && is_identifier_start(first)) {
                return self.scan_identifier_slow(
                    TokenKind::Identifier,
                    start,
                    start,
                    newline_before,
                );
            }
            if first == '#' {
                let second = characters.next().unwrap_or('\0');
                if second == '\\' || is_identifier_start(second) {
                    return self.scan_identifier_slow(
                        TokenKind::PrivateName,
                        start,
                        start,
                        newline_before,
                    );
                }
            }
            if first == '"' || first == '\'' {
                // Unterminated string: report it up to the end of the line.
                let line_end = rest.find(['\n', '\r']).unwrap_or(rest.len());
                self.last_error = LexErrorKind::UnterminatedString;
                self.seek(start + line_end as u32);
                return self.make_token(
                    TokenKind::Error,
                    start,
                    start + line_end as u32,
                    newline_before,
                );
            }
            // Skip exactly one character so spans stay on character boundaries.
            let width = first.len_utf8() as u32;
            self.last_error = error;
            self.seek(start + width);
            return self.make_token(TokenKind::Error, start, start + width, newline_before);
        }
        self.last_error = error;
        self.make_token(TokenKind::Error, start, end, newline_before)
    }

    /// Scans an identifier (or `#name` when `dfa_kind` is `PrivateName`) from `start`
    /// character by character, accepting Unicode identifier characters and `\uXXXX` /
    /// `\u{X}` escapes. `dfa_end` is where the DFA's token ended: if nothing extends it, the
    /// DFA's kind (possibly a keyword) is kept.
    fn scan_identifier_slow(
        &mut self,
        dfa_kind: TokenKind,
        start: u32,
        dfa_end: u32,
        newline_before: bool,
    ) -> Token {
        let private = dfa_kind == TokenKind::PrivateName;
        let text = &self.source[start as usize..];
        let mut offset = if private { 1 } else { 0 };
        let mut escaped = false;
        let mut first = true;
        while let Some(character) = text[offset..].chars().next() {
            if character == '\\' {
                match decode_identifier_escape(&text[offset..]) {
                    Some((value, length))
                        if (first && is_identifier_start(value))
                            || (!first && is_identifier_part(value)) =>
                    {
                        offset += length;
                        escaped = true;
                    }
                    _ => {
                        let end = start + offset as u32 + 1;
                        self.last_error = LexErrorKind::InvalidIdentifierEscape;
                        self.seek(end);
                        return self.make_token(TokenKind::Error, start, end, newline_before);
                    }
                }
            } else if (first && is_identifier_start(character))
                || (!first && is_identifier_part(character))
            {
                offset += character.len_utf8();
            } else {
                break;
            }
            first = false;
        }
        let end = start + offset as u32;
        self.seek(end);
        let kind = if private {
            TokenKind::PrivateName
        } else if !escaped && end == dfa_end {
            // Nothing extended the DFA's token (e.g. `return` followed by U+00A0).
            dfa_kind
        } else {
            TokenKind::Identifier
        };
        if end == start + private as u32 {
            self.last_error = LexErrorKind::UnexpectedCharacter;
            let width = text.chars().next().map_or(1, char::len_utf8) as u32;
            self.seek(start + width);
            return self.make_token(TokenKind::Error, start, start + width, newline_before);
        }
        let mut token = self.make_token(kind, start, end, newline_before);
        if escaped {
            token.flags |= Token::ESCAPED;
        }
        token
    }

    /// Re-lexes a `/` or `/=` token as a regular-expression literal. Call it when the parser
    /// is at the start of an expression and the current token is `/` or `/=`, before asking
    /// for the next token. Returns a `RegExpLiteral` or an `Error` token.
    pub fn rescan_as_regexp(&mut self, slash: Token) -> Token {
        let start = slash.span.start as usize;
        let bytes = self.source.as_bytes();
        let mut index = start + 1;
        let mut in_class = false;
        let newline_before = slash.has_newline_before();
        loop {
            let Some(character) = self.source[index..].chars().next() else {
                return self.regexp_error(slash.span.start, index as u32, newline_before);
            };
            if is_line_terminator(character) {
                return self.regexp_error(slash.span.start, index as u32, newline_before);
            }
            index += character.len_utf8();
            match character {
                '\\' => {
                    let Some(next) = self.source[index..].chars().next() else {
                        return self.regexp_error(slash.span.start, index as u32, newline_before);
                    };
                    if is_line_terminator(next) {
                        return self.regexp_error(slash.span.start, index as u32, newline_before);
                    }
                    index += next.len_utf8();
                }
                '[' => in_class = true,
                ']' => in_class = false,
                '/' if !in_class => break,
                _ => {}
            }
        }
        // Flags: IdentifierPart characters.
        while index < bytes.len() {
            let Some(character) = self.source[index..].chars().next() else {
                break;
            };
            if character == '\\' || !is_identifier_part(character) {
                break;
            }
            index += character.len_utf8();
        }
        self.seek(index as u32);
        self.make_token(
            TokenKind::RegExpLiteral,
            slash.span.start,
            index as u32,
            newline_before,
        )
    }

    fn regexp_error(&mut self, start: u32, end: u32, newline_before: bool) -> Token {
        self.last_error = LexErrorKind::UnterminatedRegExp;
        self.seek(end);
        self.make_token(TokenKind::Error, start, end, newline_before)
    }

    /// Re-lexes a `}` token that closes a template substitution as a `TemplateMiddle`
    /// (`}...${`) or `TemplateTail` (`` }...` ``). Call it before asking for the next token.
    pub fn rescan_template_continuation(&mut self, right_brace: Token) -> Token {
        let start = right_brace.span.start;
        let rest = &self.source[start as usize + 1..];
        match scan_template_chunk(rest) {
            Some((length, has_substitution)) => {
                let end = start + 1 + length as u32;
                self.seek(end);
                let kind = if has_substitution {
                    TokenKind::TemplateMiddle
                } else {
                    TokenKind::TemplateTail
                };
                self.make_token(kind, start, end, right_brace.has_newline_before())
            }
            None => {
                let end = self.source.len() as u32;
                self.last_error = LexErrorKind::UnterminatedTemplate;
                self.seek(end);
                self.make_token(
                    TokenKind::Error,
                    start,
                    end,
                    right_brace.has_newline_before(),
                )
            }
        }
    }

    /// Splits a token starting with `>` (`>>`, `>>>`, `>=`, `>>=`, `>>>=`) after its first
    /// character, for closing TypeScript type-argument lists: returns the `>` token and makes
    /// the lexer continue right after it.
    pub fn split_greater(&mut self, token: Token) -> Token {
        self.seek(token.span.start + 1);
        Token {
            kind: TokenKind::Greater,
            flags: token.flags,
            span: Span::new(token.span.start, token.span.start + 1),
        }
    }
}

/// Decodes `\uXXXX` or `\u{X...}` at the start of `text`; returns the character and the
/// escape's byte length.
pub fn decode_identifier_escape(text: &str) -> Option<(char, usize)> {
    let bytes = text.as_bytes();
    if bytes.len() < 2 || bytes[0] != b'\\' || bytes[1] != b'u' {
        return None;
    }
    if bytes.get(2) == Some(&b'{') {
        let close = text[3..].find('}')? + 3;
        let digits = &text[3..close];
        if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            return None;
        }
        let significant = digits.trim_start_matches('0');
        if significant.len() > 6 {
            return None;
        }
        let value = if significant.is_empty() {
            0
        } else {
            u32::from_str_radix(significant, 16).ok()?
        };
        Some((char::from_u32(value)?, close + 1))
    } else {
        let digits = text.get(2..6)?;
        if !digits.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            return None;
        }
        let value = u32::from_str_radix(digits, 16).ok()?;
        Some((char::from_u32(value)?, 6))
    }
}

impl Iterator for Lexer<'_> {
    type Item = Token;

    /// Yields tokens up to, not including, `EndOfFile`.
    fn next(&mut self) -> Option<Token> {
        let token = self.next_token();
        if token.kind == TokenKind::EndOfFile {
            None
        } else {
            Some(token)
        }
    }
}
