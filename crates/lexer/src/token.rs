//! The token kinds (a logos DFA) and the compact [`Token`] record.
//!
//! Performance design: `TokenKind` is a fieldless `#[repr(u8)]` enum, so a [`Token`] is
//! 12 bytes (kind, flags, span) and carries no owned data; the text of a token is always
//! `span.text(source)`. Every keyword, including the contextual ECMAScript and TypeScript
//! ones, is its own DFA token, so the parser never compares strings to recognise a keyword.
//! Keywords come first, in the order of [`crate::well_known::WELL_KNOWN_NAMES`], so a keyword
//! kind converts to its pre-interned atom with a cast ([`TokenKind::keyword_atom`]).
//!
//! Trivia (whitespace, line terminators, comments) is skipped inside the DFA; line terminators
//! set `extras.newline_before`, which the wrapper in [`crate::lexer`] copies into the token's
//! [`Token::NEWLINE_BEFORE`] flag for automatic semicolon insertion.

use crate::interner::Atom;
use crate::span::Span;
use logos::Logos;

/// State the DFA callbacks share with the [`crate::Lexer`] wrapper.
#[derive(Debug, Clone, Copy, Default)]
pub struct LexerExtras {
    /// A line terminator was skipped since the previous token.
    pub newline_before: bool,
    /// The last string literal scanned contains a backslash (set by every string literal).
    pub string_has_escape: bool,
}

/// Why the DFA (or a callback) failed to produce a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LexErrorKind {
    /// No token starts with this character (the wrapper may still recognise a Unicode
    /// identifier here).
    #[default]
    UnexpectedCharacter,
    UnterminatedString,
    UnterminatedTemplate,
    UnterminatedComment,
    UnterminatedRegExp,
    InvalidIdentifierEscape,
    IdentifierAfterNumber,
}

impl LexErrorKind {
    /// A human-readable message for diagnostics.
    pub fn message(self) -> &'static str {
        match self {
            LexErrorKind::UnexpectedCharacter => "Invalid or unexpected token",
            LexErrorKind::UnterminatedString => "Unterminated string literal",
            LexErrorKind::UnterminatedTemplate => "Unterminated template literal",
            LexErrorKind::UnterminatedComment => "Unterminated comment",
            LexErrorKind::UnterminatedRegExp => "Invalid regular expression: missing /",
            LexErrorKind::InvalidIdentifierEscape => "Invalid Unicode escape sequence",
            LexErrorKind::IdentifierAfterNumber => {
                "Invalid or unexpected token (identifier starts immediately after numeric literal)"
            }
        }
    }
}

/// Bytes that [`skip_block_comment`] must look at: `/` (a possible end of `*/`), LF, CR and
/// 0xE2 (the lead byte of U+2028/U+2029).
static BLOCK_COMMENT_STOP_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    table[b'/' as usize] = true;
    table[b'\n' as usize] = true;
    table[b'\r' as usize] = true;
    table[0xE2] = true;
    table
};

/// Skips a block comment after its opening `/*`, noting line terminators inside it.
///
/// Performance design: until the first line terminator, one pass over the bytes with a
/// lookup table finds both the closing `*/` and line terminators (short single-line comments
/// such as `/*isTypeOnly*/` are frequent in compiler sources); once a line terminator has been
/// seen only `*/` matters, and the rest is searched with `memchr` for `/` (inside
/// `str::find(char)`). A substring search for `*/` followed by a character scan of the body
/// cost about twice as much.
fn skip_block_comment(lexer: &mut logos::Lexer<'_, TokenKind>) -> Result<(), LexErrorKind> {
    let text = lexer.remainder();
    let bytes = text.as_bytes();
    let mut index = 0;
    // The `/` of the opening `/*` is not in `text`, so `/*/` does not close (`index > 0`).
    while index < bytes.len() {
        let byte = bytes[index];
        if BLOCK_COMMENT_STOP_BYTES[byte as usize] {
            match byte {
                b'/' if index > 0 && bytes[index - 1] == b'*' => {
                    lexer.bump(index + 1);
                    return Ok(());
                }
                b'\n' | b'\r' => break,
                0xE2 if bytes.get(index + 1) == Some(&0x80)
                    && matches!(bytes.get(index + 2), Some(&(0xA8 | 0xA9))) =>
                {
                    break;
                }
                _ => {}
            }
        }
        index += 1;
    }
    if index < bytes.len() {
        lexer.extras.newline_before = true;
    }
    // A line terminator was seen at `index` (an ASCII byte or the start of a character).
    let mut search_from = index;
    while search_from < bytes.len() {
        match text[search_from..].find('/') {
            Some(offset) => {
                let slash = search_from + offset;
                if slash > 0 && bytes[slash - 1] == b'*' {
                    lexer.bump(slash + 1);
                    return Ok(());
                }
                search_from = slash + 1;
            }
            None => break,
        }
    }
    lexer.bump(bytes.len());
    Err(LexErrorKind::UnterminatedComment)
}

/// Records that a line terminator was skipped.
fn note_newline(lexer: &mut logos::Lexer<'_, TokenKind>) {
    lexer.extras.newline_before = true;
}

/// Scans the rest of a template chunk after its opening `` ` `` or `}` and returns its kind:
/// `ends_with_substitution` (`${`) or not (closing backtick). Returns the byte length scanned.
///
/// Performance design: the text between the bytes that matter (`` ` ``, `\\` and `$`) is
/// skipped eight bytes at a time, each word tested for the three bytes at once with the
/// classic "has a zero byte" bit trick (the lowest flagged byte is always a true match);
/// template text is long (error messages, code generation) and a byte-by-byte loop cost
/// about 4.5 instructions per byte.
pub(crate) fn scan_template_chunk(text: &str) -> Option<(usize, bool)> {
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        index = skip_words_without(bytes, index, [b'`', b'\\', b'$']);
        let Some(&byte) = bytes.get(index) else {
            break;
        };
        match byte {
            b'`' => return Some((index + 1, false)),
            b'\\' => index += 2,
            b'$' if bytes.get(index + 1) == Some(&b'{') => return Some((index + 2, true)),
            _ => index += 1,
        }
    }
    None
}

/// From `index`, skips whole eight-byte words of `bytes` that contain none of `targets`, and
/// returns the index of the first target byte found in a word, or the index where fewer than
/// eight bytes remain (the caller scans those one by one).
#[inline(always)]
fn skip_words_without<const TARGET_COUNT: usize>(
    bytes: &[u8],
    mut index: usize,
    targets: [u8; TARGET_COUNT],
) -> usize {
    while let Some(chunk) = bytes.get(index..index + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let special = targets
            .iter()
            .fold(0, |found, &target| found | word_has_byte(word, target));
        if special != 0 {
            return index + (special.trailing_zeros() / 8) as usize;
        }
        index += 8;
    }
    index
}

/// The high bit of each byte of `word` (little-endian) that equals `byte`, and possibly of
/// bytes after such a byte: the lowest set bit always marks the first true match.
#[inline(always)]
fn word_has_byte(word: u64, byte: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let difference = word ^ (ONES * byte as u64);
    difference.wrapping_sub(ONES) & !difference & HIGH_BITS
}

/// Scans the rest of a string literal after its opening `quote`: returns the length up to
/// and including the closing quote and whether a backslash occurs, or `None` when a line
/// terminator (LF or CR; U+2028 and U+2029 are allowed) or the end of input comes first. A
/// backslash escapes the next character, so `\\` followed by CR, LF or CRLF continues the
/// line.
///
/// Performance design: as in [`scan_template_chunk`], eight bytes are tested at a time,
/// here for the quote, backslash, LF and CR. The DFA's string pattern (used before) stepped
/// one byte at a time, and the wrapper then searched the literal again for a backslash to
/// set [`Token::ESCAPED`].
pub(crate) fn scan_string_rest(text: &str, quote: u8) -> Option<(usize, bool)> {
    let bytes = text.as_bytes();
    let mut index = 0;
    let mut has_escape = false;
    while index < bytes.len() {
        index = skip_words_without(bytes, index, [quote, b'\\', b'\n', b'\r']);
        let Some(&byte) = bytes.get(index) else {
            break;
        };
        match byte {
            b'\\' => {
                has_escape = true;
                // A CRLF after the backslash is one line continuation; any other character
                // is skipped by its first byte (the scan stops only at ASCII bytes).
                index += if bytes.get(index + 1) == Some(&b'\r')
                    && bytes.get(index + 2) == Some(&b'\n')
                {
                    3
                } else {
                    2
                };
            }
            b'\n' | b'\r' => return None,
            byte if byte == quote => return Some((index + 1, has_escape)),
            _ => index += 1,
        }
    }
    None
}

/// Lexes the rest of a string literal after its opening quote (see [`scan_string_rest`]).
/// An unterminated literal fails as an unexpected character, which the wrapper reports as
/// an unterminated string up to the end of its line.
fn lex_string_rest(lexer: &mut logos::Lexer<'_, TokenKind>, quote: u8) -> Result<(), LexErrorKind> {
    match scan_string_rest(lexer.remainder(), quote) {
        Some((length, has_escape)) => {
            // The scan stops only at ASCII bytes, so `length` is on a character boundary.
            lexer.bump(length);
            lexer.extras.string_has_escape = has_escape;
            Ok(())
        }
        None => Err(LexErrorKind::UnexpectedCharacter),
    }
}

/// Lexes a template starting with a backtick.
fn lex_template_start(lexer: &mut logos::Lexer<'_, TokenKind>) -> Result<TokenKind, LexErrorKind> {
    let remainder = lexer.remainder();
    match scan_template_chunk(remainder) {
        Some((length, has_substitution)) => {
            // `index += 2` after a backslash may step into a multi-byte character; the scan
            // only stops on ASCII bytes, so `length` is always on a character boundary.
            lexer.bump(length);
            Ok(if has_substitution {
                TokenKind::TemplateHead
            } else {
                TokenKind::NoSubstitutionTemplate
            })
        }
        None => {
            lexer.bump(remainder.len());
            Err(LexErrorKind::UnterminatedTemplate)
        }
    }
}

/// All token kinds. Keyword variants come first (see the module documentation).
#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
#[logos(extras = LexerExtras)]
#[logos(error = LexErrorKind)]
#[logos(skip r"[\t\x0B\x0C\u{FEFF}\p{Zs}]+")]
#[logos(skip(
    r"[\n\r\u{2028}\u{2029}][\n\r\u{2028}\u{2029}\t\x0B\x0C\u{FEFF}\p{Zs}]*",
    note_newline
))]
#[logos(skip r"//[^\n\r\u{2028}\u{2029}]*")]
#[logos(skip(r"/\*", skip_block_comment))]
pub enum TokenKind {
    #[token("await")]
    Await,
    #[token("break")]
    Break,
    #[token("case")]
    Case,
    #[token("catch")]
    Catch,
    #[token("class")]
    Class,
    #[token("const")]
    Const,
    #[token("continue")]
    Continue,
    #[token("debugger")]
    Debugger,
    #[token("default")]
    Default,
    #[token("delete")]
    Delete,
    #[token("do")]
    Do,
    #[token("else")]
    Else,
    #[token("enum")]
    Enum,
    #[token("export")]
    Export,
    #[token("extends")]
    Extends,
    #[token("false")]
    False,
    #[token("finally")]
    Finally,
    #[token("for")]
    For,
    #[token("function")]
    Function,
    #[token("if")]
    If,
    #[token("import")]
    Import,
    #[token("in")]
    In,
    #[token("instanceof")]
    Instanceof,
    #[token("new")]
    New,
    #[token("null")]
    Null,
    #[token("return")]
    Return,
    #[token("super")]
    Super,
    #[token("switch")]
    Switch,
    #[token("this")]
    This,
    #[token("throw")]
    Throw,
    #[token("true")]
    True,
    #[token("try")]
    Try,
    #[token("typeof")]
    Typeof,
    #[token("var")]
    Var,
    #[token("void")]
    Void,
    #[token("while")]
    While,
    #[token("with")]
    With,
    #[token("yield")]
    Yield,
    #[token("let")]
    Let,
    #[token("static")]
    Static,
    #[token("implements")]
    Implements,
    #[token("interface")]
    Interface,
    #[token("package")]
    Package,
    #[token("private")]
    Private,
    #[token("protected")]
    Protected,
    #[token("public")]
    Public,
    #[token("as")]
    As,
    #[token("async")]
    Async,
    #[token("from")]
    From,
    #[token("get")]
    Get,
    #[token("of")]
    Of,
    #[token("set")]
    Set,
    #[token("target")]
    Target,
    #[token("meta")]
    Meta,
    #[token("accessor")]
    Accessor,
    #[token("satisfies")]
    Satisfies,
    #[token("type")]
    Type,
    #[token("namespace")]
    Namespace,
    #[token("module")]
    Module,
    #[token("declare")]
    Declare,
    #[token("abstract")]
    Abstract,
    #[token("readonly")]
    Readonly,
    #[token("override")]
    Override,
    #[token("keyof")]
    Keyof,
    #[token("infer")]
    Infer,
    #[token("is")]
    Is,
    #[token("asserts")]
    Asserts,
    #[token("unique")]
    Unique,
    #[token("global")]
    Global,
    #[token("require")]
    Require,
    #[token("any")]
    Any,
    #[token("unknown")]
    Unknown,
    #[token("never")]
    Never,
    #[token("number")]
    Number,
    #[token("string")]
    String,
    #[token("boolean")]
    Boolean,
    #[token("symbol")]
    Symbol,
    #[token("bigint")]
    Bigint,
    #[token("object")]
    Object,
    #[token("undefined")]
    Undefined,
    // ----- Names and literals -----
    /// An identifier that is not a keyword (or any identifier written with escapes).
    #[regex(r"[A-Za-z$_][A-Za-z0-9$_]*")]
    Identifier,
    /// `#name`
    #[regex(r"#[A-Za-z$_][A-Za-z0-9$_]*")]
    PrivateName,
    /// Any Number literal; its value comes from [`crate::parse_numeric_literal`].
    #[regex(r"[0-9][0-9_]*(\.[0-9_]*)?([eE][+-]?[0-9_]+)?")]
    #[regex(r"\.[0-9][0-9_]*([eE][+-]?[0-9_]+)?")]
    #[regex(r"0[xX][0-9a-fA-F_]+")]
    #[regex(r"0[oO][0-7_]+")]
    #[regex(r"0[bB][01_]+")]
    NumericLiteral,
    /// `123n`, `0x1fn`
    #[regex(r"[0-9][0-9_]*n")]
    #[regex(r"0[xX][0-9a-fA-F_]+n")]
    #[regex(r"0[oO][0-7_]+n")]
    #[regex(r"0[bB][01_]+n")]
    BigIntLiteral,
    /// `"..."` or `'...'`; cooked by [`crate::cook_string_literal`].
    #[token("\"", |lexer| lex_string_rest(lexer, b'"'))]
    #[token("'", |lexer| lex_string_rest(lexer, b'\''))]
    StringLiteral,
    // The three punctuators the lexer wrapper may have to finish follow the literals, so that
    // one compare (`kind > MinusMinus`) tells every other token final (see
    // `needs_wrapper_attention` in crate::lexer).
    /// `?.` (the wrapper splits `?.5` into `?` and `.5`).
    #[token("?.")]
    QuestionDot,
    /// `<` (`<!--` opens an HTML-like comment in scripts).
    #[token("<")]
    Less,
    /// `--` (`-->` at the start of a line is an HTML-like comment in scripts).
    #[token("--")]
    MinusMinus,
    /// `/pattern/flags`: only produced by [`crate::Lexer::rescan_as_regexp`].
    RegExpLiteral,
    /// `` `text` ``
    #[token("`", lex_template_start)]
    NoSubstitutionTemplate,
    /// `` `text${ ``
    TemplateHead,
    /// `}text${`: only produced by [`crate::Lexer::rescan_template_continuation`].
    TemplateMiddle,
    /// `` }text` ``: only produced by [`crate::Lexer::rescan_template_continuation`].
    TemplateTail,

    // ----- Punctuators -----
    #[token("{")]
    LeftBrace,
    #[token("}")]
    RightBrace,
    #[token("(")]
    LeftParen,
    #[token(")")]
    RightParen,
    #[token("[")]
    LeftBracket,
    #[token("]")]
    RightBracket,
    #[token(".")]
    Dot,
    #[token("...")]
    Ellipsis,
    #[token(";")]
    Semicolon,
    #[token(",")]
    Comma,
    #[token(">")]
    Greater,
    #[token("<=")]
    LessEqual,
    #[token(">=")]
    GreaterEqual,
    #[token("==")]
    EqualEqual,
    #[token("!=")]
    NotEqual,
    #[token("===")]
    EqualEqualEqual,
    #[token("!==")]
    NotEqualEqual,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("%")]
    Percent,
    #[token("**")]
    StarStar,
    #[token("++")]
    PlusPlus,
    #[token("<<")]
    ShiftLeft,
    #[token(">>")]
    ShiftRight,
    #[token(">>>")]
    ShiftRightUnsigned,
    #[token("&")]
    Ampersand,
    #[token("|")]
    Pipe,
    #[token("^")]
    Caret,
    #[token("!")]
    Bang,
    #[token("~")]
    Tilde,
    #[token("&&")]
    AmpersandAmpersand,
    #[token("||")]
    PipePipe,
    #[token("??")]
    QuestionQuestion,
    #[token("?")]
    Question,
    #[token(":")]
    Colon,
    #[token("=")]
    Assign,
    #[token("+=")]
    PlusAssign,
    #[token("-=")]
    MinusAssign,
    #[token("*=")]
    StarAssign,
    #[token("/=")]
    SlashAssign,
    #[token("%=")]
    PercentAssign,
    #[token("**=")]
    StarStarAssign,
    #[token("<<=")]
    ShiftLeftAssign,
    #[token(">>=")]
    ShiftRightAssign,
    #[token(">>>=")]
    ShiftRightUnsignedAssign,
    #[token("&=")]
    AmpersandAssign,
    #[token("|=")]
    PipeAssign,
    #[token("^=")]
    CaretAssign,
    #[token("&&=")]
    AmpersandAmpersandAssign,
    #[token("||=")]
    PipePipeAssign,
    #[token("??=")]
    QuestionQuestionAssign,
    #[token("=>")]
    Arrow,
    #[token("@")]
    At,

    // ----- Special -----
    /// End of input (zero-length span at the end).
    EndOfFile,
    /// A lexical error; [`crate::Lexer::error`] tells which.
    Error,
}

impl TokenKind {
    /// The first keyword kind (keywords are `0..KEYWORD_COUNT`).
    pub const FIRST_KEYWORD: TokenKind = TokenKind::Await;
    /// The last reserved word that can never be an identifier (`yield` and `await` are
    /// context-dependent and handled by the parser; `let` onwards are contextual).
    pub const LAST_RESERVED_WORD: TokenKind = TokenKind::With;
    /// The first contextual keyword (usable as an identifier in most places).
    pub const FIRST_CONTEXTUAL_KEYWORD: TokenKind = TokenKind::Let;
    /// The last keyword kind.
    pub const LAST_KEYWORD: TokenKind = TokenKind::Undefined;

    /// True for every keyword kind, reserved or contextual.
    #[inline]
    pub fn is_keyword(self) -> bool {
        self <= Self::LAST_KEYWORD
    }

    /// True for contextual keywords (`let`, `static`, `as`, `of`, `type`, ... `undefined`),
    /// which are identifiers unless the parser looks for the keyword.
    #[inline]
    pub fn is_contextual_keyword(self) -> bool {
        self >= Self::FIRST_CONTEXTUAL_KEYWORD && self <= Self::LAST_KEYWORD
    }

    /// True for reserved words that are never identifiers (`await`/`yield` excluded).
    #[inline]
    pub fn is_reserved_word(self) -> bool {
        self <= Self::LAST_RESERVED_WORD && self != TokenKind::Await && self != TokenKind::Yield
    }

    /// True for kinds that are an IdentifierName (identifiers and all keywords), i.e. what
    /// may follow `.` or be an object-literal key.
    #[inline]
    pub fn is_identifier_name(self) -> bool {
        self <= Self::LAST_KEYWORD || self == TokenKind::Identifier
    }

    /// The pre-interned atom of a keyword kind, `None` for other kinds.
    #[inline]
    pub fn keyword_atom(self) -> Option<Atom> {
        if self.is_keyword() {
            Some(Atom(self as u32))
        } else {
            None
        }
    }

    /// The keyword kind whose pre-interned atom is `atom`, `None` when `atom` is not a keyword.
    #[inline]
    pub fn keyword_from_atom(atom: Atom) -> Option<TokenKind> {
        KEYWORD_KINDS.get(atom.0 as usize).copied()
    }

    /// True for the assignment operators `=`, `+=`, ..., `??=`.
    #[inline]
    pub fn is_assignment_operator(self) -> bool {
        (self >= TokenKind::PlusAssign && self <= TokenKind::QuestionQuestionAssign)
            || self == TokenKind::Assign
    }
}

/// Every keyword kind, in declaration order, so that `KEYWORD_KINDS[atom]` maps a
/// pre-interned keyword atom (see [`crate::well_known`]) back to its kind. Used for identifiers
/// written with escapes (`\u0069f`), which lex as `Identifier` but must still be checked
/// against the keyword they spell.
pub const KEYWORD_KINDS: [TokenKind; crate::well_known::KEYWORD_COUNT] = [
    TokenKind::Await,
    TokenKind::Break,
    TokenKind::Case,
    TokenKind::Catch,
    TokenKind::Class,
    TokenKind::Const,
    TokenKind::Continue,
    TokenKind::Debugger,
    TokenKind::Default,
    TokenKind::Delete,
    TokenKind::Do,
    TokenKind::Else,
    TokenKind::Enum,
    TokenKind::Export,
    TokenKind::Extends,
    TokenKind::False,
    TokenKind::Finally,
    TokenKind::For,
    TokenKind::Function,
    TokenKind::If,
    TokenKind::Import,
    TokenKind::In,
    TokenKind::Instanceof,
    TokenKind::New,
    TokenKind::Null,
    TokenKind::Return,
    TokenKind::Super,
    TokenKind::Switch,
    TokenKind::This,
    TokenKind::Throw,
    TokenKind::True,
    TokenKind::Try,
    TokenKind::Typeof,
    TokenKind::Var,
    TokenKind::Void,
    TokenKind::While,
    TokenKind::With,
    TokenKind::Yield,
    TokenKind::Let,
    TokenKind::Static,
    TokenKind::Implements,
    TokenKind::Interface,
    TokenKind::Package,
    TokenKind::Private,
    TokenKind::Protected,
    TokenKind::Public,
    TokenKind::As,
    TokenKind::Async,
    TokenKind::From,
    TokenKind::Get,
    TokenKind::Of,
    TokenKind::Set,
    TokenKind::Target,
    TokenKind::Meta,
    TokenKind::Accessor,
    TokenKind::Satisfies,
    TokenKind::Type,
    TokenKind::Namespace,
    TokenKind::Module,
    TokenKind::Declare,
    TokenKind::Abstract,
    TokenKind::Readonly,
    TokenKind::Override,
    TokenKind::Keyof,
    TokenKind::Infer,
    TokenKind::Is,
    TokenKind::Asserts,
    TokenKind::Unique,
    TokenKind::Global,
    TokenKind::Require,
    TokenKind::Any,
    TokenKind::Unknown,
    TokenKind::Never,
    TokenKind::Number,
    TokenKind::String,
    TokenKind::Boolean,
    TokenKind::Symbol,
    TokenKind::Bigint,
    TokenKind::Object,
    TokenKind::Undefined,
];

/// One token: kind, flags and byte span. No owned data; see the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    /// Bit set of [`Token::NEWLINE_BEFORE`], [`Token::ESCAPED`], [`Token::LEGACY_OCTAL`].
    pub flags: u8,
    pub span: Span,
}

const _: () = assert!(std::mem::size_of::<Token>() == 12);

impl Token {
    /// A line terminator (or a comment containing one) precedes this token.
    pub const NEWLINE_BEFORE: u8 = 1;
    /// An identifier containing `\u` escapes (its name must be cooked), or a string literal
    /// containing any backslash (its value must be cooked rather than copied).
    pub const ESCAPED: u8 = 2;

    /// True when a line terminator precedes the token (for ASI and restricted productions).
    #[inline]
    pub fn has_newline_before(&self) -> bool {
        self.flags & Token::NEWLINE_BEFORE != 0
    }

    /// True for identifiers written with escapes / strings containing backslashes.
    #[inline]
    pub fn is_escaped(&self) -> bool {
        self.flags & Token::ESCAPED != 0
    }
}

#[cfg(test)]
mod tests {
    use super::{scan_string_rest, scan_template_chunk};

    /// The string-literal grammar one character at a time: any character but the quote, a
    /// backslash, LF and CR; or a backslash and any character but CR; or a backslash, CR
    /// and an optional LF.
    fn scan_string_rest_by_characters(text: &str, quote: char) -> Option<(usize, bool)> {
        let mut characters = text.char_indices().peekable();
        let mut has_escape = false;
        while let Some((index, character)) = characters.next() {
            match character {
                '\\' => {
                    has_escape = true;
                    match characters.next() {
                        None => return None,
                        Some((_, '\r')) => {
                            if let Some(&(_, '\n')) = characters.peek() {
                                characters.next();
                            }
                        }
                        Some(_) => {}
                    }
                }
                '\n' | '\r' => return None,
                character if character == quote => return Some((index + 1, has_escape)),
                _ => {}
            }
        }
        None
    }

    #[test]
    fn string_scan_agrees_with_the_grammar_at_every_position() {
        let specials = [
            "\"", "'", "\\\"", "\\'", "\\\\", "\\", "\n", "\r", "\\\n", "\\\r", "\\\r\n", "\\é",
            "\u{2028}",
        ];
        for quote in ['"', '\''] {
            for filler in ["_", "!", "&", "a", "\u{1}", "é", "\u{2029}"] {
                for length in 0..20 {
                    for position in 0..=length {
                        for special in specials {
                            let text = format!(
                                "{}{special}{}{quote}",
                                filler.repeat(position),
                                filler.repeat(length - position)
                            );
                            assert_eq!(
                                scan_string_rest(&text, quote as u8),
                                scan_string_rest_by_characters(&text, quote),
                                "{text:?}"
                            );
                        }
                    }
                }
            }
        }
    }

    /// The definition the word-at-a-time scan must agree with, one byte at a time.
    fn scan_template_chunk_bytewise(text: &str) -> Option<(usize, bool)> {
        let bytes = text.as_bytes();
        let mut index = 0;
        while index < bytes.len() {
            match bytes[index] {
                b'`' => return Some((index + 1, false)),
                b'\\' => index += 2,
                b'$' if bytes.get(index + 1) == Some(&b'{') => return Some((index + 2, true)),
                _ => index += 1,
            }
        }
        None
    }

    #[test]
    fn template_scan_agrees_with_a_bytewise_scan_at_every_position() {
        // Every special sequence at every offset of texts up to 20 bytes long, with fillers
        // next to the special bytes in value (`_` = 0x5F, `#` = 0x23, `%` = 0x25, `a` =
        // 0x61, 0x01 and 0xC3 0xA9) to catch false matches of the bit trick.
        let specials = ["`", "\\`", "${", "$x", "\\\\", "\\$", "$", "\\"];
        for filler in ["_", "#", "%", "a", "\u{1}", "é"] {
            for length in 0..20 {
                for position in 0..=length {
                    for special in specials {
                        let text = format!(
                            "{}{special}{}",
                            filler.repeat(position),
                            filler.repeat(length - position)
                        );
                        assert_eq!(
                            scan_template_chunk(&text),
                            scan_template_chunk_bytewise(&text),
                            "{text:?}"
                        );
                    }
                }
            }
        }
    }
}
