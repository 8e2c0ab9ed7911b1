//! Literal values: cooking string/template escapes into UTF-16, numeric-literal values,
//! BigInt digit cleaning, and escaped identifier names.
//!
//! These run only when the parser builds a literal node (never while lexing), and write into
//! caller-provided buffers so the parser can reuse one scratch buffer for all literals.

use crate::lexer::{decode_identifier_escape, is_identifier_part, is_identifier_start};

/// Why cooking a string or template failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EscapeError {
    /// `\x` not followed by two hex digits.
    InvalidHexEscape,
    /// Malformed `\u` escape or code point above 0x10FFFF.
    InvalidUnicodeEscape,
    /// `\0` followed by a digit, `\1`..`\7`, `\8`, `\9` in a template (always invalid there).
    OctalInTemplate,
}

impl EscapeError {
    /// A human-readable message.
    pub fn message(self) -> &'static str {
        match self {
            EscapeError::InvalidHexEscape => "Invalid hexadecimal escape sequence",
            EscapeError::InvalidUnicodeEscape => "Invalid Unicode escape sequence",
            EscapeError::OctalInTemplate => {
                "Octal escape sequences are not allowed in template strings"
            }
        }
    }
}

/// Facts about a cooked string literal that matter for strict-mode early errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CookedStringInfo {
    /// Contains a legacy octal escape (`\01`, `\7`) or `\8`/`\9`: a SyntaxError in strict code.
    pub has_octal_escape: bool,
}

fn push_char(out: &mut Vec<u16>, character: char) {
    let mut buffer = [0u16; 2];
    out.extend_from_slice(character.encode_utf16(&mut buffer));
}

fn push_code_point(out: &mut Vec<u16>, value: u32) {
    match char::from_u32(value) {
        Some(character) => push_char(out, character),
        // Lone surrogate from `\uD800`: kept as a single code unit.
        None => out.push(value as u16),
    }
}

/// Parses `\u` escape body starting at `bytes[0] == b'u'`; returns (code point, length).
fn parse_unicode_escape(text: &str) -> Option<(u32, usize)> {
    let bytes = text.as_bytes();
    if bytes.get(1) == Some(&b'{') {
        let close = text[2..].find('}')? + 2;
        let digits = &text[2..close];
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
        if value > 0x10FFFF {
            return None;
        }
        Some((value, close + 1))
    } else {
        let digits = text.get(1..5)?;
        if !digits.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            return None;
        }
        Some((u32::from_str_radix(digits, 16).ok()?, 5))
    }
}

/// Appends the UTF-16 code units of a run of literal text without escapes.
///
/// Performance design: `encode_utf16` yields one unit at a time, so extending a vector
/// from it checks the capacity per unit (`Vec::extend_desugared`, about 1% of a parse of
/// rxjs + zod: string literals with escapes and template chunks with escapes or non-ASCII
/// text are cooked here). An ASCII run
/// (the usual case) is widened from its bytes, an iterator of known length that extends
/// with one reservation and a loop the compiler vectorises.
#[inline]
fn push_run_as_utf16(run: &str, out: &mut Vec<u16>) {
    if run.is_ascii() {
        out.extend(run.bytes().map(u16::from));
    } else {
        out.extend(run.encode_utf16());
    }
}

/// Shared escape processor for strings (`template == false`) and templates.
fn cook(text: &str, template: bool, out: &mut Vec<u16>) -> Result<CookedStringInfo, EscapeError> {
    let mut info = CookedStringInfo::default();
    let bytes = text.as_bytes();
    let mut index = 0;
    // Copy runs of plain characters in bulk.
    let mut run_start = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        if byte != b'\\' && !(template && byte == b'\r') {
            index += 1;
            continue;
        }
        push_run_as_utf16(&text[run_start..index], out);
        if byte == b'\r' {
            // Templates normalise CR and CRLF to LF.
            out.push(0x0A);
            index += if bytes.get(index + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            run_start = index;
            continue;
        }
        index += 1;
        let Some(escaped) = text[index..].chars().next() else {
            break;
        };
        match escaped {
            'n' => out.push(0x0A),
            't' => out.push(0x09),
            'r' => out.push(0x0D),
            'b' => out.push(0x08),
            'f' => out.push(0x0C),
            'v' => out.push(0x0B),
            '0' if !bytes.get(index + 1).is_some_and(u8::is_ascii_digit) => out.push(0),
            '0'..='7' => {
                if template {
                    return Err(EscapeError::OctalInTemplate);
                }
                info.has_octal_escape = true;
                // Legacy octal: up to three digits, value <= 0o377.
                let mut value = 0u32;
                let mut length = 0;
                while length < 3 {
                    match bytes.get(index + length) {
                        Some(&digit @ b'0'..=b'7')
                            if value * 8 + u32::from(digit - b'0') <= 0o377 =>
                        {
                            value = value * 8 + u32::from(digit - b'0');
                            length += 1;
                        }
                        _ => break,
                    }
                }
                out.push(value as u16);
                index += length;
                run_start = index;
                continue;
            }
            '8' | '9' => {
                if template {
                    return Err(EscapeError::OctalInTemplate);
                }
                info.has_octal_escape = true;
                out.push(escaped as u16);
            }
            'x' => {
                let digits = text
                    .get(index + 1..index + 3)
                    .ok_or(EscapeError::InvalidHexEscape)?;
                if !digits.bytes().all(|byte| byte.is_ascii_hexdigit()) {
                    return Err(EscapeError::InvalidHexEscape);
                }
                out.push(
                    u16::from_str_radix(digits, 16).map_err(|_| EscapeError::InvalidHexEscape)?,
                );
                index += 3;
                run_start = index;
                continue;
            }
            'u' => {
                let (value, length) = parse_unicode_escape(&text[index..])
                    .ok_or(EscapeError::InvalidUnicodeEscape)?;
                push_code_point(out, value);
                index += length;
                run_start = index;
                continue;
            }
            '\r' => {
                // Line continuation: `\` CR LF? produces nothing.
                index += if bytes.get(index + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                run_start = index;
                continue;
            }
            '\n' | '\u{2028}' | '\u{2029}' => {}
            other => push_char(out, other),
        }
        index += escaped.len_utf8();
        run_start = index;
    }
    push_run_as_utf16(&text[run_start..], out);
    Ok(info)
}

/// Cooks the contents of a string literal (the text between the quotes) into UTF-16,
/// appending to `out`.
pub fn cook_string_literal(
    contents: &str,
    out: &mut Vec<u16>,
) -> Result<CookedStringInfo, EscapeError> {
    cook(contents, false, out)
}

/// Cooks a template chunk's contents (between `` ` ``/`}` and `` ` ``/`${`) into UTF-16,
/// appending to `out`. An `Err` means the cooked value is undefined (legal only when tagged).
pub fn cook_template_chunk(contents: &str, out: &mut Vec<u16>) -> Result<(), EscapeError> {
    cook(contents, true, out).map(|_| ())
}

/// The raw value of a template chunk: the contents with CR LF and CR normalised to LF.
/// Appends to `out`.
pub fn template_raw(contents: &str, out: &mut String) {
    let mut rest = contents;
    while let Some(position) = rest.find('\r') {
        out.push_str(&rest[..position]);
        out.push('\n');
        rest = &rest[position + 1..];
        if rest.starts_with('\n') {
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
}

/// Decodes an identifier containing `\u` escapes into `out`. Fails on malformed escapes.
pub fn cook_identifier(text: &str, out: &mut String) -> Result<(), EscapeError> {
    let mut rest = text;
    let mut first = true;
    while let Some(character) = rest.chars().next() {
        if character == '\\' {
            let (value, length) =
                decode_identifier_escape(rest).ok_or(EscapeError::InvalidUnicodeEscape)?;
            let valid = if first {
                is_identifier_start(value)
            } else {
                is_identifier_part(value)
            };
            if !valid {
                return Err(EscapeError::InvalidUnicodeEscape);
            }
            out.push(value);
            rest = &rest[length..];
        } else {
            out.push(character);
            rest = &rest[character.len_utf8()..];
        }
        first = false;
    }
    Ok(())
}

/// The value of a Number literal plus facts for strict-mode early errors.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumericLiteralValue {
    pub value: f64,
    /// `017` (legacy octal) or `08`/`09` (non-octal decimal with a leading zero): both are
    /// SyntaxErrors in strict code.
    pub is_legacy_octal_like: bool,
}

/// Checks numeric separators in `digits`: no leading/trailing/double `_`.
fn separators_are_valid(digits: &str) -> bool {
    !digits.starts_with('_') && !digits.ends_with('_') && !digits.contains("__")
}

/// Converts digits in `radix` (2, 8 or 16; `_` already removed) to the nearest f64.
fn radix_digits_to_f64(digits: &str, radix: u32) -> Option<f64> {
    let bits_per_digit = radix.trailing_zeros();
    let mut mantissa: u128 = 0;
    let mut extra_bits: i32 = 0;
    let mut sticky = false;
    // Separators (`_`) are skipped here, already validated by the caller, so that no cleaned
    // copy of the digits has to be allocated.
    for character in digits.chars().filter(|&character| character != '_') {
        let digit = character.to_digit(radix)?;
        if mantissa >> (128 - bits_per_digit - 1) == 0 {
            mantissa = (mantissa << bits_per_digit) | u128::from(digit);
        } else {
            // Past 127 significant bits: keep only a sticky bit for correct rounding.
            extra_bits += bits_per_digit as i32;
            sticky |= digit != 0;
        }
    }
    if sticky {
        mantissa |= 1;
    }
    Some((mantissa as f64) * 2f64.powi(extra_bits))
}

/// Computes the value of a NumericLiteral token's text. Errors describe invalid separators
/// or digits (`0b12`, `1__0`, `07_1`).
pub fn parse_numeric_literal(text: &str) -> Result<NumericLiteralValue, &'static str> {
    const BAD_SEPARATOR: &str = "Numeric separators are not allowed here";
    let bytes = text.as_bytes();
    // Fast path for the most common literals, small decimal integers without a leading zero
    // (`0`, `1`, `42`, `1000`): at most 15 digits are exact in an f64, so no float parsing is
    // needed (the general path below costs about 180 instructions per literal).
    if !bytes.is_empty()
        && bytes.len() <= 15
        && (bytes[0] != b'0' || bytes.len() == 1)
        && bytes.iter().all(u8::is_ascii_digit)
    {
        let value = bytes
            .iter()
            .fold(0u64, |value, digit| value * 10 + u64::from(digit - b'0'));
        return Ok(NumericLiteralValue {
            value: value as f64,
            is_legacy_octal_like: false,
        });
    }
    let radix = match bytes.get(1) {
        _ if bytes.len() <= 2 || bytes[0] != b'0' => None,
        Some(b'x' | b'X') => Some(16),
        Some(b'o' | b'O') => Some(8),
        Some(b'b' | b'B') => Some(2),
        _ => None,
    };
    if let Some(radix) = radix {
        let digits = &text[2..];
        if !separators_are_valid(digits) {
            return Err(BAD_SEPARATOR);
        }
        let value = radix_digits_to_f64(digits, radix).ok_or("Invalid number")?;
        return Ok(NumericLiteralValue {
            value,
            is_legacy_octal_like: false,
        });
    }
    // Legacy octal (`017`) and non-octal decimal (`08`, `09.5`).
    if bytes.len() > 1 && bytes[0] == b'0' && bytes[1].is_ascii_digit() {
        if text.contains('_') {
            return Err(BAD_SEPARATOR);
        }
        let integer_end = bytes
            .iter()
            .position(|byte| !byte.is_ascii_digit())
            .unwrap_or(bytes.len());
        let integer_part = &text[..integer_end];
        if integer_part.bytes().all(|byte| byte < b'8') {
            if integer_end != bytes.len() {
                return Err("Invalid number");
            }
            let value = radix_digits_to_f64(integer_part, 8).ok_or("Invalid number")?;
            return Ok(NumericLiteralValue {
                value,
                is_legacy_octal_like: true,
            });
        }
        let value = text.parse::<f64>().map_err(|_| "Invalid number")?;
        return Ok(NumericLiteralValue {
            value,
            is_legacy_octal_like: true,
        });
    }
    // Decimal: every digit group must have valid separators and `_` may not touch `.`/`e`.
    if text.contains('_') {
        if text.starts_with("0_") {
            return Err(BAD_SEPARATOR);
        }
        for group in text.split(['.', 'e', 'E', '+', '-']) {
            if !separators_are_valid(group) {
                return Err(BAD_SEPARATOR);
            }
        }
        // The literal is ASCII (the DFA only accepts ASCII digits); short ones are cleaned in a
        // stack buffer so that parsing allocates nothing.
        let mut buffer = [0u8; 64];
        let value = if text.len() <= buffer.len() {
            let mut length = 0;
            for byte in text.bytes().filter(|&byte| byte != b'_') {
                buffer[length] = byte;
                length += 1;
            }
            std::str::from_utf8(&buffer[..length])
                .ok()
                .and_then(|cleaned| cleaned.parse::<f64>().ok())
        } else {
            let cleaned: String = text.chars().filter(|&character| character != '_').collect();
            cleaned.parse::<f64>().ok()
        };
        let value = value.ok_or("Invalid number")?;
        return Ok(NumericLiteralValue {
            value,
            is_legacy_octal_like: false,
        });
    }
    let value = text.parse::<f64>().map_err(|_| "Invalid number")?;
    Ok(NumericLiteralValue {
        value,
        is_legacy_octal_like: false,
    })
}

/// Validates a BigIntLiteral token's text and returns its digits without separators and
/// without the `n` suffix (radix prefix kept), appended to `out`.
pub fn clean_bigint_literal(text: &str, out: &mut String) -> Result<(), &'static str> {
    let body = text.strip_suffix('n').ok_or("Invalid BigInt")?;
    let bytes = body.as_bytes();
    let (prefix, digits) = if bytes.len() > 2 && bytes[0] == b'0' && bytes[1].is_ascii_alphabetic()
    {
        body.split_at(2)
    } else {
        if bytes.len() > 1 && bytes[0] == b'0' {
            return Err("Invalid BigInt (leading zero)");
        }
        ("", body)
    };
    if !separators_are_valid(digits) {
        return Err("Numeric separators are not allowed here");
    }
    out.push_str(prefix);
    out.extend(digits.chars().filter(|&character| character != '_'));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cooked(text: &str) -> String {
        let mut out = Vec::new();
        cook_string_literal(text, &mut out).unwrap();
        String::from_utf16_lossy(&out)
    }

    #[test]
    fn string_escapes() {
        assert_eq!(
            cooked(r"a\nb\t\x41\u0042\u{1F600}\\\'"),
            "a\nb\tAB\u{1F600}\\'"
        );
        assert_eq!(cooked("a\\\r\nb"), "ab");
        assert_eq!(cooked(r"\101\0"), "A\0");
        let mut out = Vec::new();
        cook_string_literal(r"\uD800", &mut out).unwrap();
        assert_eq!(out, vec![0xD800]);
        assert!(cook_string_literal(r"\xZ1", &mut Vec::new()).is_err());
        assert!(cook_template_chunk(r"\01", &mut Vec::new()).is_err());
    }

    #[test]
    fn numbers() {
        let value = |text: &str| parse_numeric_literal(text).unwrap().value;
        assert_eq!(value("0x10"), 16.0);
        assert_eq!(value("0b1010_1010"), 170.0);
        assert_eq!(value("0o17"), 15.0);
        assert_eq!(value("017"), 15.0);
        assert_eq!(value("019"), 19.0);
        assert_eq!(value("1_000.5e1_0"), 1000.5e10);
        assert_eq!(value(".5"), 0.5);
        assert_eq!(value("0e1"), 0.0);
        assert_eq!(value("0E-01"), 0.0);
        assert_eq!(value("5."), 5.0);
        assert_eq!(value("0xFFFFFFFFFFFFFFFFF"), 295147905179352825856.0);
        assert_eq!(value("0x1fffffffffffff1"), 144115188075855860.0);
        assert!(parse_numeric_literal("1__0").is_err());
        assert!(parse_numeric_literal("1_").is_err());
        assert!(parse_numeric_literal("1._5").is_err());
        assert!(parse_numeric_literal("0_1").is_err());
        // The small-integer fast path and the general path agree at the 15-digit boundary.
        assert_eq!(value("0"), 0.0);
        assert_eq!(value("999999999999999"), 999_999_999_999_999.0);
        assert_eq!(value("9999999999999999"), 9_999_999_999_999_999.0);
        assert_eq!(value("12345678901234567890"), 12_345_678_901_234_567_890.0);
        assert!(!parse_numeric_literal("7").unwrap().is_legacy_octal_like);
        assert!(parse_numeric_literal("07").unwrap().is_legacy_octal_like);
        let mut out = String::new();
        clean_bigint_literal("0x1_Fn", &mut out).unwrap();
        assert_eq!(out, "0x1F");
    }
}
