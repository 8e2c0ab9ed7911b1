//! Syntax errors with `file:line:col` positions and a rustc/deno-style code frame.

use tseval_lexer::Span;

/// A syntax error: what went wrong and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Human-readable message, e.g. "Unexpected token ')'".
    pub message: String,
    /// Byte range of the offending source text.
    pub span: Span,
    /// The file name given to the parser.
    pub file_name: String,
    /// 1-based line of `span.start`.
    pub line: u32,
    /// 1-based column of `span.start`, counted in Unicode scalar values.
    pub column: u32,
}

impl SyntaxError {
    /// Builds an error, computing line and column from `source`.
    pub fn new(
        message: impl Into<String>,
        span: Span,
        source: &str,
        file_name: &str,
    ) -> SyntaxError {
        let (line, column) = line_and_column(source, span.start);
        SyntaxError {
            message: message.into(),
            span,
            file_name: file_name.to_string(),
            line,
            column,
        }
    }

    /// Renders the error with a code frame:
    ///
    /// ```text
    /// error: SyntaxError: Unexpected token ')'
    ///  --> file.ts:3:7
    ///   |
    /// 3 | let x = );
    ///   |         ^
    /// ```
    pub fn render(&self, source: &str) -> String {
        let line_start = line_start_offset(source, self.span.start);
        let line_text_end = source[line_start..]
            .find(['\n', '\r', '\u{2028}', '\u{2029}'])
            .map_or(source.len(), |offset| line_start + offset);
        let full_line: Vec<char> = source[line_start..line_text_end].chars().collect();
        let line_number = self.line.to_string();
        let gutter = " ".repeat(line_number.len());
        let caret_offset = ((self.column as usize).saturating_sub(1)).min(full_line.len());
        // A very long line (minified code, generated nesting) is shown as a window around the
        // error, with `…` where text was left out.
        let shown_start = if full_line.len() > MAX_FRAME_CHARS {
            caret_offset.saturating_sub(FRAME_CONTEXT_BEFORE)
        } else {
            0
        };
        let shown_end = (shown_start + MAX_FRAME_CHARS).min(full_line.len());
        let mut line_text: String = if shown_start > 0 {
            "…".into()
        } else {
            String::new()
        };
        line_text.extend(&full_line[shown_start..shown_end]);
        if shown_end < full_line.len() {
            line_text.push('…');
        }
        let remaining_on_line = shown_end.saturating_sub(caret_offset);
        let span_chars = source
            .get(self.span.start as usize..self.span.end as usize)
            .map_or(1, |text| text.chars().count());
        let caret_count = span_chars.clamp(1, remaining_on_line.max(1));
        let indent: String = (if shown_start > 0 { " " } else { "" })
            .chars()
            .chain(
                full_line[shown_start..caret_offset]
                    .iter()
                    .map(|&character| if character == '\t' { '\t' } else { ' ' }),
            )
            .collect();
        format!(
            "error: SyntaxError: {message}\n{gutter}--> {file}:{line}:{column}\n{gutter} |\n{line_number} | {line_text}\n{gutter} | {indent}{carets}\n",
            message = self.message,
            file = self.file_name,
            line = self.line,
            column = self.column,
            carets = "^".repeat(caret_count),
        )
    }
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            formatter,
            "{}:{}:{}: SyntaxError: {}",
            self.file_name, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for SyntaxError {}

/// The most characters of one source line a code frame shows.
const MAX_FRAME_CHARS: usize = 160;

/// How many characters before the error a shortened code-frame line keeps.
const FRAME_CONTEXT_BEFORE: usize = 60;

/// Byte offset of the start of the line containing `offset` (clamped to the source).
fn line_start_offset(source: &str, offset: u32) -> usize {
    let mut offset = (offset as usize).min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    source[..offset]
        .rfind(['\n', '\r', '\u{2028}', '\u{2029}'])
        .map_or(0, |index| {
            index + source[index..].chars().next().map_or(1, char::len_utf8)
        })
}

/// 1-based (line, column) of a byte offset; CRLF counts as one line break.
pub(crate) fn line_and_column(source: &str, offset: u32) -> (u32, u32) {
    let mut offset = (offset as usize).min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let mut line = 1u32;
    let mut previous_was_carriage_return = false;
    for character in source[..offset].chars() {
        match character {
            '\n' if previous_was_carriage_return => {}
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => line += 1,
            _ => {}
        }
        previous_was_carriage_return = character == '\r';
    }
    let line_start = line_start_offset(source, offset as u32);
    let column = source[line_start..offset].chars().count() as u32 + 1;
    (line, column)
}
