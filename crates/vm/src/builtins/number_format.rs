//! Number-to-text conversions of `Number.prototype`: `toString(radix)`, `toFixed`,
//! `toExponential` and `toPrecision`, bit-exact with V8 (node).
//!
//! Everything here is pure Rust on `f64`; argument validation (RangeError for out-of-range
//! digit counts) is the caller's job.
//!
//! Design decisions:
//! - Every finite double has a finite decimal expansion: `m * 2^e` equals `m * 5^-e / 10^-e`
//!   for negative `e`. `toFixed`, `toExponential(n)` and `toPrecision(n)` round that exact
//!   expansion half-up ("if there are two such n, pick the larger n", as the specification
//!   says), so they need no floating-point tricks and no correction steps. The expansion
//!   uses a tiny private big integer (`u32` limbs); at most ~2500 bits are ever needed.
//!   These methods are not hot paths, so simplicity wins over speed here.
//! - Shortest round-trip digits (`ToString`, `toExponential()` without an argument) come
//!   from `ryu-js`, which implements ECMAScript's Number::toString.
//! - `toString(radix)` for radix other than 10 follows V8's observable algorithm: fraction
//!   digits are produced only up to the precision of the input (half the distance to the next
//!   double), rounding to even on the last digit, and integer digits beyond 2^53 are filled
//!   with zeros.

/// ECMAScript `Number::toString(x)` in radix 10 (the shortest round-trip form).
pub fn number_to_string(value: f64) -> String {
    let mut buffer = ryu_js::Buffer::new();
    buffer.format(value).to_string()
}

/// `Number.prototype.toString(radix)` for any radix in 2..=36 (radix 10 uses
/// [`number_to_string`]).
pub fn number_to_string_radix(value: f64, radix: u32) -> String {
    debug_assert!((2..=36).contains(&radix));
    if radix == 10 || !value.is_finite() {
        return number_to_string(value);
    }
    const DIGIT_CHARACTERS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let radix_f = radix as f64;
    let negative = value < 0.0;
    let magnitude = if negative { -value } else { value };

    let mut integer = magnitude.floor();
    let mut fraction = magnitude - integer;
    // Only produce fraction digits up to the precision of the input double.
    let mut delta = (0.5 * (next_double_up(magnitude) - magnitude)).max(next_double_up(0.0));
    let mut fraction_digits: Vec<u8> = Vec::new();
    if fraction >= delta {
        loop {
            fraction *= radix_f;
            delta *= radix_f;
            let digit = fraction as u32;
            fraction_digits.push(digit as u8);
            fraction -= digit as f64;
            if (fraction > 0.5 || (fraction == 0.5 && (digit & 1) == 1)) && fraction + delta > 1.0 {
                // Round up, propagating the carry through the digits already written.
                loop {
                    match fraction_digits.pop() {
                        None => {
                            integer += 1.0;
                            break;
                        }
                        Some(last) => {
                            if (last as u32) + 1 < radix {
                                fraction_digits.push(last + 1);
                                break;
                            }
                        }
                    }
                }
                break;
            }
            if fraction < delta {
                break;
            }
        }
    }

    // Integer digits, least significant first. Digits below the precision of a double
    // (once the integer exceeds 2^53) are written as zeros.
    let mut integer_digits_reversed: Vec<u8> = Vec::new();
    while binary_exponent(integer / radix_f) > 0 {
        integer /= radix_f;
        integer_digits_reversed.push(b'0');
    }
    loop {
        let remainder = integer % radix_f;
        integer_digits_reversed.push(DIGIT_CHARACTERS[remainder as usize]);
        integer = (integer - remainder) / radix_f;
        if integer <= 0.0 {
            break;
        }
    }

    let mut text = String::with_capacity(integer_digits_reversed.len() + fraction_digits.len() + 2);
    if negative {
        text.push('-');
    }
    for &character in integer_digits_reversed.iter().rev() {
        text.push(character as char);
    }
    if !fraction_digits.is_empty() {
        text.push('.');
        for &digit in &fraction_digits {
            text.push(DIGIT_CHARACTERS[digit as usize] as char);
        }
    }
    text
}

/// round(magnitude * 10^fraction_digits) with ties rounded up, computed exactly in 128-bit
/// integers, or `None` when the operands do not fit (more than 22 fraction digits).
///
/// Performance decision: `toFixed` must round the exact binary value (`1.005.toFixed(2)` is
/// "1.00"), which the general path does with an arbitrary-precision decimal expansion (about
/// 2.5x QuickJS's time for `x.toFixed(2)`). A finite double is `m * 2^e` with `m < 2^53`; with
/// `10^fraction_digits < 2^74` the product `m * 10^fraction_digits` fits in 127 bits, so the
/// rounded quotient by `2^-e` is exact integer arithmetic.
fn scaled_and_rounded_exactly(magnitude: f64, fraction_digits: u32) -> Option<u128> {
    if fraction_digits > 22 || !magnitude.is_finite() || magnitude <= 0.0 {
        return None;
    }
    let bits = magnitude.to_bits();
    let biased_exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, exponent) = if biased_exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased_exponent - 1075)
    };
    let scaled = u128::from(mantissa) * 10u128.pow(fraction_digits);
    if exponent >= 0 {
        // An integer: the product is exact when the shifted bits still fit.
        return (scaled.leading_zeros() > exponent as u32).then(|| scaled << exponent);
    }
    let shift = (-exponent) as u32;
    if shift >= 128 {
        // scaled < 2^127 <= 2^(shift - 1): less than half, rounds to zero.
        return Some(0);
    }
    let quotient = scaled >> shift;
    let remainder = scaled & ((1u128 << shift) - 1);
    let half = 1u128 << (shift - 1);
    Some(if remainder >= half {
        quotient + 1
    } else {
        quotient
    })
}

/// The decimal digits of round(magnitude * 10^fraction_digits) (ties up) for a positive
/// finite `magnitude`, through the exact decimal expansion (any `fraction_digits`).
fn rounded_scaled_digits_by_expansion(magnitude: f64, fraction_digits: i32) -> Vec<u8> {
    let expansion = ExactDecimal::of_positive(magnitude);
    // Keep every digit whose weight is at least 10^-fraction_digits.
    let kept_digit_count = expansion.exponent + 1 + fraction_digits;
    expansion.round_to_digit_count_as_integer(kept_digit_count)
}

/// `Number.prototype.toFixed(fraction_digits)` for `fraction_digits` in 0..=100.
pub fn number_to_fixed(value: f64, fraction_digits: u32) -> String {
    if value.is_nan() {
        return "NaN".to_string();
    }
    if value.abs() >= 1e21 || !value.is_finite() {
        return number_to_string(value);
    }
    let negative = value < 0.0;
    let magnitude = value.abs();
    let fraction_digits = fraction_digits as i32;
    // The rounded integer n = round(magnitude * 10^fraction_digits), as decimal digits.
    let integer_digits: Vec<u8> = if magnitude == 0.0 {
        vec![0]
    } else if let Some(rounded) = scaled_and_rounded_exactly(magnitude, fraction_digits as u32) {
        rounded
            .to_string()
            .bytes()
            .map(|character| character - b'0')
            .collect()
    } else {
        rounded_scaled_digits_by_expansion(magnitude, fraction_digits)
    };
    let mut digits = integer_digits;
    // Pad with leading zeros so that there is at least one digit before the point.
    while (digits.len() as i32) < fraction_digits + 1 {
        digits.insert(0, 0);
    }
    let point_position = digits.len() - fraction_digits as usize;
    let mut text = String::with_capacity(digits.len() + 2);
    if negative {
        text.push('-');
    }
    for (index, digit) in digits.iter().enumerate() {
        if index == point_position {
            text.push('.');
        }
        text.push((b'0' + digit) as char);
    }
    text
}

/// `Number.prototype.toExponential(fraction_digits)`; `None` means the argument was
/// undefined (as many digits as necessary to represent the value uniquely).
pub fn number_to_exponential(value: f64, fraction_digits: Option<u32>) -> String {
    if !value.is_finite() {
        return number_to_string(value);
    }
    let negative = value < 0.0;
    let magnitude = value.abs();
    let (digits, exponent) = if magnitude == 0.0 {
        (vec![0u8; fraction_digits.unwrap_or(0) as usize + 1], 0)
    } else {
        match fraction_digits {
            None => shortest_digits(magnitude),
            Some(count) => {
                ExactDecimal::of_positive(magnitude).round_to_significant_digits(count + 1)
            }
        }
    };
    let mut text = String::new();
    if negative {
        text.push('-');
    }
    push_exponential_form(&mut text, &digits, exponent);
    text
}

/// `Number.prototype.toPrecision(precision)` for `precision` in 1..=100.
pub fn number_to_precision(value: f64, precision: u32) -> String {
    if !value.is_finite() {
        return number_to_string(value);
    }
    let negative = value < 0.0;
    let magnitude = value.abs();
    let (digits, exponent) = if magnitude == 0.0 {
        (vec![0u8; precision as usize], 0)
    } else {
        ExactDecimal::of_positive(magnitude).round_to_significant_digits(precision)
    };
    let mut text = String::new();
    if negative {
        text.push('-');
    }
    if exponent < -6 || exponent >= precision as i32 {
        push_exponential_form(&mut text, &digits, exponent);
        return text;
    }
    if exponent >= 0 {
        let integer_digit_count = exponent as usize + 1;
        for (index, digit) in digits.iter().enumerate() {
            if index == integer_digit_count {
                text.push('.');
            }
            text.push((b'0' + digit) as char);
        }
    } else {
        text.push_str("0.");
        for _ in 0..(-exponent - 1) {
            text.push('0');
        }
        for digit in &digits {
            text.push((b'0' + digit) as char);
        }
    }
    text
}

/// Writes `d.ddd` + `e±x` for the digit list `digits` (first digit before the point).
fn push_exponential_form(text: &mut String, digits: &[u8], exponent: i32) {
    text.push((b'0' + digits[0]) as char);
    if digits.len() > 1 {
        text.push('.');
        for digit in &digits[1..] {
            text.push((b'0' + digit) as char);
        }
    }
    text.push('e');
    text.push(if exponent < 0 { '-' } else { '+' });
    text.push_str(&exponent.unsigned_abs().to_string());
}

/// Shortest round-trip digits of a positive finite double and the decimal exponent of the
/// first digit (value = d0.d1d2... * 10^exponent), taken from the `ryu-js` formatting.
fn shortest_digits(magnitude: f64) -> (Vec<u8>, i32) {
    let text = number_to_string(magnitude);
    let (mantissa_text, explicit_exponent) = match text.find('e') {
        Some(position) => (
            &text[..position],
            text[position + 1..].parse::<i32>().unwrap_or(0),
        ),
        None => (&text[..], 0),
    };
    let point_position = mantissa_text.find('.').unwrap_or(mantissa_text.len());
    let all_digits: Vec<u8> = mantissa_text
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    let leading_zero_count = all_digits.iter().take_while(|&&digit| digit == 0).count();
    let mut digits: Vec<u8> = all_digits[leading_zero_count..].to_vec();
    while digits.len() > 1 && digits.last() == Some(&0) {
        digits.pop();
    }
    let exponent = point_position as i32 - 1 - leading_zero_count as i32 + explicit_exponent;
    (digits, exponent)
}

/// The next representable double above a non-negative finite `value`.
fn next_double_up(value: f64) -> f64 {
    f64::from_bits(value.to_bits() + 1)
}

/// V8's `Double::Exponent()`: the power of two of the lowest mantissa bit
/// (`value = significand * 2^exponent` with an integer 53-bit significand).
fn binary_exponent(value: f64) -> i32 {
    let biased = ((value.to_bits() >> 52) & 0x7ff) as i32;
    if biased == 0 { -1074 } else { biased - 1075 }
}

/// The exact decimal expansion of a positive finite double:
/// `value = d0.d1d2...dn * 10^exponent`, with no trailing zero digits.
struct ExactDecimal {
    digits: Vec<u8>,
    exponent: i32,
}

impl ExactDecimal {
    fn of_positive(magnitude: f64) -> ExactDecimal {
        let bits = magnitude.to_bits();
        let biased_exponent = ((bits >> 52) & 0x7ff) as i32;
        let fraction_bits = bits & ((1u64 << 52) - 1);
        let (significand, binary_exponent) = if biased_exponent == 0 {
            (fraction_bits, -1074)
        } else {
            (fraction_bits | (1u64 << 52), biased_exponent - 1075)
        };
        let mut integer = SmallBigUint::from_u64(significand);
        // value = integer * 10^decimal_shift exactly.
        let decimal_shift = if binary_exponent >= 0 {
            integer.shift_left(binary_exponent as u32);
            0
        } else {
            // m * 2^-k = m * 5^k / 10^k.
            let mut remaining = (-binary_exponent) as u32;
            while remaining >= 13 {
                integer.multiply_small(1_220_703_125); // 5^13
                remaining -= 13;
            }
            integer.multiply_small(5u32.pow(remaining));
            binary_exponent
        };
        let mut digits = integer.into_decimal_digits();
        let exponent = digits.len() as i32 - 1 + decimal_shift;
        while digits.len() > 1 && digits.last() == Some(&0) {
            digits.pop();
        }
        ExactDecimal { digits, exponent }
    }

    /// Rounds half-up to `count` significant digits (count >= 1); returns exactly `count`
    /// digits and the (possibly carried) exponent.
    fn round_to_significant_digits(&self, count: u32) -> (Vec<u8>, i32) {
        let count = count as usize;
        let mut digits: Vec<u8> = self.digits.iter().copied().take(count).collect();
        let mut exponent = self.exponent;
        if self.digits.len() > count && self.digits[count] >= 5 && increment_digit_list(&mut digits)
        {
            // All nines rolled over to 10...0: shift by one digit.
            exponent += 1;
            digits.truncate(count);
        }
        digits.resize(count, 0);
        (digits, exponent)
    }

    /// Rounds half-up keeping the first `kept_digit_count` digits (which may be zero or
    /// negative) and returns the resulting integer's digits (the digits of
    /// `round(value * 10^(kept_digit_count - 1 - exponent))`).
    fn round_to_digit_count_as_integer(&self, kept_digit_count: i32) -> Vec<u8> {
        if kept_digit_count < 0 {
            return vec![0];
        }
        let kept = kept_digit_count as usize;
        let mut digits: Vec<u8> = self.digits.iter().copied().take(kept).collect();
        digits.resize(kept, 0);
        let rounds_up = self.digits.len() > kept && self.digits[kept] >= 5;
        if rounds_up {
            if digits.is_empty() {
                return vec![1];
            }
            increment_digit_list(&mut digits);
        }
        if digits.is_empty() {
            return vec![0];
        }
        let leading_zero_count = digits.iter().take_while(|&&digit| digit == 0).count();
        if leading_zero_count == digits.len() {
            return vec![0];
        }
        digits.drain(..leading_zero_count);
        digits
    }
}

/// Adds one to a big-endian decimal digit list; returns true when the list grew by a
/// leading 1 (every digit was 9).
fn increment_digit_list(digits: &mut Vec<u8>) -> bool {
    for digit in digits.iter_mut().rev() {
        if *digit == 9 {
            *digit = 0;
        } else {
            *digit += 1;
            return false;
        }
    }
    digits.insert(0, 1);
    true
}

/// A minimal unsigned big integer (little-endian `u32` limbs) for exact decimal expansion.
struct SmallBigUint {
    limbs: Vec<u32>,
}

impl SmallBigUint {
    fn from_u64(value: u64) -> SmallBigUint {
        SmallBigUint {
            limbs: vec![value as u32, (value >> 32) as u32],
        }
    }

    fn multiply_small(&mut self, factor: u32) {
        let mut carry: u64 = 0;
        for limb in self.limbs.iter_mut() {
            let product = (*limb as u64) * (factor as u64) + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry != 0 {
            self.limbs.push(carry as u32);
        }
    }

    fn shift_left(&mut self, bits: u32) {
        let limb_shift = (bits / 32) as usize;
        let bit_shift = bits % 32;
        if bit_shift != 0 {
            let mut carry: u32 = 0;
            for limb in self.limbs.iter_mut() {
                let new_carry = *limb >> (32 - bit_shift);
                *limb = (*limb << bit_shift) | carry;
                carry = new_carry;
            }
            if carry != 0 {
                self.limbs.push(carry);
            }
        }
        if limb_shift != 0 {
            let mut shifted = vec![0u32; limb_shift];
            shifted.extend_from_slice(&self.limbs);
            self.limbs = shifted;
        }
    }

    fn is_zero(&self) -> bool {
        self.limbs.iter().all(|&limb| limb == 0)
    }

    /// Divides in place by `divisor` and returns the remainder.
    fn divide_small(&mut self, divisor: u32) -> u32 {
        let mut remainder: u64 = 0;
        for limb in self.limbs.iter_mut().rev() {
            let current = (remainder << 32) | (*limb as u64);
            *limb = (current / divisor as u64) as u32;
            remainder = current % divisor as u64;
        }
        while self.limbs.len() > 1 && self.limbs.last() == Some(&0) {
            self.limbs.pop();
        }
        remainder as u32
    }

    /// Big-endian decimal digits (at least one digit).
    fn into_decimal_digits(mut self) -> Vec<u8> {
        let mut chunks: Vec<u32> = Vec::new();
        while !self.is_zero() {
            chunks.push(self.divide_small(1_000_000_000));
        }
        if chunks.is_empty() {
            return vec![0];
        }
        let mut digits = Vec::with_capacity(chunks.len() * 9);
        let most_significant = chunks.pop().unwrap_or(0);
        digits.extend(most_significant.to_string().bytes().map(|b| b - b'0'));
        for chunk in chunks.iter().rev() {
            let mut chunk_digits = [0u8; 9];
            let mut rest = *chunk;
            for slot in chunk_digits.iter_mut().rev() {
                *slot = (rest % 10) as u8;
                rest /= 10;
            }
            digits.extend_from_slice(&chunk_digits);
        }
        digits
    }
}

#[cfg(test)]
mod tests {
    //! The expected strings in `testdata/number_format.txt` were produced by node v20
    //! (`node testdata/generate_number_format.js > testdata/number_format.txt`); each line is
    //! `operation<TAB>f64 bits in hex<TAB>argument<TAB>expected`.

    use super::*;

    fn run_table_line(line: &str) -> Option<(String, String)> {
        let mut fields = line.split('\t');
        let operation = fields.next()?;
        let bits = u64::from_str_radix(fields.next()?, 16).ok()?;
        let argument = fields.next()?;
        let expected = fields.next()?.to_string();
        let value = f64::from_bits(bits);
        let actual = match operation {
            "toString" => number_to_string_radix(value, argument.parse().ok()?),
            "toFixed" => number_to_fixed(value, argument.parse().ok()?),
            "toExponential" => number_to_exponential(
                value,
                if argument == "undefined" {
                    None
                } else {
                    Some(argument.parse().ok()?)
                },
            ),
            "toPrecision" => number_to_precision(value, argument.parse().ok()?),
            _ => return None,
        };
        Some((actual, expected))
    }

    #[test]
    fn matches_node_for_every_line_of_the_generated_table() {
        let table = include_str!("testdata/number_format.txt");
        let mut failures = Vec::new();
        let mut checked = 0;
        for line in table.lines().filter(|line| !line.is_empty()) {
            let (actual, expected) =
                run_table_line(line).unwrap_or_else(|| panic!("malformed line {line:?}"));
            checked += 1;
            if actual != expected {
                failures.push(format!("{line}\n    got {actual}"));
            }
        }
        assert!(
            checked > 1000,
            "the table is unexpectedly small ({checked} lines)"
        );
        assert!(
            failures.is_empty(),
            "{} mismatches:\n{}",
            failures.len(),
            failures[..failures.len().min(40)].join("\n")
        );
    }

    #[test]
    fn formats_a_few_well_known_values() {
        assert_eq!(number_to_string_radix(255.0, 16), "ff");
        assert_eq!(number_to_string_radix(0.5, 2), "0.1");
        assert_eq!(number_to_string_radix(-0.0, 2), "0");
        assert_eq!(number_to_fixed(1234.5, 0), "1235");
        assert_eq!(number_to_fixed(-1e-7, 2), "-0.00");
        assert_eq!(number_to_fixed(1e21, 2), "1e+21");
        assert_eq!(number_to_precision(0.000123, 2), "0.00012");
        assert_eq!(number_to_exponential(0.0, Some(2)), "0.00e+0");
        assert_eq!(number_to_exponential(123456.0, None), "1.23456e+5");
    }

    #[test]
    fn the_integer_path_of_to_fixed_agrees_with_the_exact_expansion() {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut samples = vec![
            1.005, 1.37, 0.5, 2.5, 1e-7, 123.456, 1e20, 9.999e20, 5e-324, 0.125, 1.45, 8.345,
        ];
        for _ in 0..2000 {
            let bits = next();
            let value = f64::from_bits(bits & 0x7fff_ffff_ffff_ffff);
            if value.is_finite() && value > 0.0 && value < 1e21 {
                samples.push(value);
            }
            samples.push((next() % 1_000_000) as f64 / 1000.0);
        }
        for value in samples {
            for digits in [0u32, 1, 2, 3, 7, 15, 20, 22] {
                let Some(fast) = scaled_and_rounded_exactly(value, digits) else {
                    // Too large for 128 bits: only integers of many digits get here.
                    assert!(value >= 2f64.powi(52), "{value:e}.toFixed({digits})");
                    continue;
                };
                let fast = fast.to_string();
                let exact: String = rounded_scaled_digits_by_expansion(value, digits as i32)
                    .iter()
                    .map(|digit| char::from(b'0' + digit))
                    .collect();
                let exact = exact.trim_start_matches('0');
                let exact = if exact.is_empty() { "0" } else { exact };
                assert_eq!(fast, exact, "{value:e}.toFixed({digits})");
            }
        }
        assert_eq!(scaled_and_rounded_exactly(1.0, 23), None);
    }
}
