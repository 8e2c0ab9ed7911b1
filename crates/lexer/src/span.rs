//! Byte-offset source spans shared by the lexer, the parser's AST and diagnostics.

/// A half-open byte range `start..end` into the source text.
///
/// Offsets are `u32` to keep tokens and AST nodes small; sources larger than 4 GiB are rejected
/// by the lexer's entry point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// Offset of the first byte.
    pub start: u32,
    /// Offset one past the last byte.
    pub end: u32,
}

impl Span {
    /// Builds a span from its two offsets.
    #[inline]
    pub const fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }

    /// The smallest span covering both `self` and `other`.
    #[inline]
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// Length in bytes.
    #[inline]
    pub fn len(self) -> u32 {
        self.end - self.start
    }

    /// True for zero-length spans (for example the end-of-file token).
    #[inline]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The source text this span covers. Returns "" when the span is out of range or not on
    /// character boundaries, so that a bad span can never panic.
    #[inline]
    pub fn text(self, source: &str) -> &str {
        source
            .get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
}
