//! tseval-lexer: the zero-copy ECMAScript + TypeScript lexer.
//!
//! * [`Lexer`]: produces [`Token`]s (kind + flags + span, 12 bytes, no owned data) on demand;
//!   re-scans regular expressions and template continuations when the parser asks.
//! * [`TokenKind`]: the logos DFA; all keywords, including TS contextual ones, are kinds.
//! * [`Span`]: byte offsets into the source.
//! * [`Interner`] / [`Atom`]: interned identifier names (FxHash table over one string buffer).
//! * [`well_known`]: atoms pre-interned at fixed indices (keywords first, in token order).
//! * [`cook`]: literal values (string/template escapes to UTF-16, numbers, BigInts).
//! * [`synthetic`]: generated realistic TypeScript and parser-free lexing, for profiling.

pub mod cook;
pub mod interner;
pub mod lexer;
pub mod span;
pub mod synthetic;
pub mod token;
pub mod well_known;

pub use cook::{
    CookedStringInfo, EscapeError, NumericLiteralValue, clean_bigint_literal, cook_identifier,
    cook_string_literal, cook_template_chunk, parse_numeric_literal, template_raw,
};
pub use interner::{Atom, Interner};
pub use lexer::{Lexer, is_identifier_part, is_identifier_start};
pub use span::Span;
pub use token::{KEYWORD_KINDS, LexErrorKind, Token, TokenKind};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_kinds_match_well_known_atoms() {
        let mut interner = Interner::new();
        for (index, name) in well_known::WELL_KNOWN_NAMES
            .iter()
            .take(well_known::KEYWORD_COUNT)
            .enumerate()
        {
            let mut lexer = Lexer::new(name);
            let token = lexer.next_token();
            assert!(token.kind.is_keyword(), "{name} is not a keyword kind");
            assert_eq!(token.kind as usize, index, "{name}");
            assert_eq!(token.kind.keyword_atom(), Some(interner.intern(name)));
            assert_eq!(
                TokenKind::keyword_from_atom(interner.intern(name)),
                Some(token.kind)
            );
        }
        assert_eq!(
            TokenKind::LAST_KEYWORD as usize,
            well_known::KEYWORD_COUNT - 1
        );
    }
}
