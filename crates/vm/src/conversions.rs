//! Type conversions (ECMA-262 §7.1) and comparisons helpers (§7.2): ToPrimitive, ToBoolean,
//! ToNumber (with the full StringToNumber grammar), ToNumeric, ToString (Number::toString via
//! ryu-js, which implements the ECMAScript shortest round-trip format), ToObject,
//! ToPropertyKey, the integer conversions, SameValue/SameValueZero, and typeof.
//!
//! Performance decisions: every conversion checks the primitive case first and returns without
//! touching the heap; integral numbers are formatted without the float formatter.

use crate::atom::{Atom, PropertyKey, atoms};
use crate::object::ObjectKind;
use crate::realm::Vm;
use crate::string::{JsString, StringView};
use crate::value::{BigInt, BigIntRef, JsResult, ObjectRef, StringRef, Value};

/// The `hint` of ToPrimitive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PreferredType {
    /// No preference (`+`, `==`): "default".
    Default,
    /// "number".
    Number,
    /// "string".
    String,
}

/// The result of ToNumeric.
#[derive(Clone, Copy, Debug)]
pub enum Numeric {
    /// A Number.
    Number(f64),
    /// A BigInt.
    BigInt(BigIntRef),
}

/// Formats a number as ECMAScript Number::toString(10) does.
/// The decimal digits of an integral Number below 2^53 in magnitude (what ToString gives for
/// it, `-0` included as "0"), written into `buffer`; `None` for any other number.
///
/// Performance decision: `'x' + i` and `String(i)` for integers are the common number-to-string
/// conversions; writing the digits into a stack buffer saves the intermediate `String` of
/// `i64::to_string` (one malloc and free per conversion).
pub fn integer_decimal_digits(number: f64, buffer: &mut [u8; 24]) -> Option<&[u8]> {
    if number.fract() != 0.0 || number.abs() >= 9_007_199_254_740_992.0 {
        return None;
    }
    let negative = number < 0.0;
    let mut magnitude = number.abs() as u64;
    let mut position = buffer.len();
    loop {
        position -= 1;
        buffer[position] = b'0' + (magnitude % 10) as u8;
        magnitude /= 10;
        if magnitude == 0 {
            break;
        }
    }
    if negative {
        position -= 1;
        buffer[position] = b'-';
    }
    Some(&buffer[position..])
}

pub fn number_to_rust_string(number: f64) -> String {
    if number.is_nan() {
        return "NaN".to_string();
    }
    if number == 0.0 {
        return "0".to_string();
    }
    if number.is_infinite() {
        return if number > 0.0 {
            "Infinity".to_string()
        } else {
            "-Infinity".to_string()
        };
    }
    if number.fract() == 0.0 && number.abs() < 1e15 {
        return (number as i64).to_string();
    }
    let mut buffer = ryu_js::Buffer::new();
    buffer.format_finite(number).to_string()
}

/// Formats a number in a radix 2..=36 (Number.prototype.toString(radix)); uses the shortest
/// digit string that still uniquely identifies the double, like V8.
pub fn number_to_radix_string(number: f64, radix: u32) -> String {
    if radix == 10 || !(2..=36).contains(&radix) {
        return number_to_rust_string(number);
    }
    if number.is_nan() {
        return "NaN".to_string();
    }
    if number.is_infinite() {
        return if number > 0.0 {
            "Infinity".to_string()
        } else {
            "-Infinity".to_string()
        };
    }
    if number == 0.0 {
        return "0".to_string();
    }
    let negative = number < 0.0;
    let value = number.abs();
    let mut integer = value.trunc();
    let mut fraction = value - integer;
    // Half the distance to the next double: digits below this precision are noise.
    let next = f64::from_bits(value.to_bits() + 1);
    let mut delta = 0.5 * (next - value);
    delta = delta.max(f64::from_bits(1));
    let mut fraction_digits = String::new();
    if fraction >= delta {
        loop {
            fraction *= radix as f64;
            delta *= radix as f64;
            let digit = fraction.trunc() as u32;
            fraction -= digit as f64;
            let mut digit = digit;
            if (fraction > 0.5 || (fraction == 0.5 && (digit & 1) == 1)) && fraction + delta > 1.0 {
                // Round up and propagate carries.
                loop {
                    digit += 1;
                    if digit < radix {
                        fraction_digits.push(std::char::from_digit(digit, radix).unwrap_or('0'));
                        break;
                    }
                    // Carry into the previous digit.
                    match fraction_digits.pop() {
                        Some(previous) => digit = previous.to_digit(radix).unwrap_or(0),
                        None => {
                            integer += 1.0;
                            break;
                        }
                    }
                }
                break;
            }
            fraction_digits.push(std::char::from_digit(digit, radix).unwrap_or('0'));
            if fraction < delta {
                break;
            }
        }
    }
    let mut integer_digits = Vec::new();
    if integer == 0.0 {
        integer_digits.push('0');
    }
    while integer >= 1.0 {
        let remainder = (integer % radix as f64) as u32;
        integer_digits.push(std::char::from_digit(remainder, radix).unwrap_or('0'));
        integer = ((integer - remainder as f64) / radix as f64).trunc();
    }
    let mut text = String::new();
    if negative {
        text.push('-');
    }
    text.extend(integer_digits.iter().rev());
    if !fraction_digits.is_empty() {
        text.push('.');
        text.push_str(&fraction_digits);
    }
    text
}

/// True for ECMAScript WhiteSpace and LineTerminator code units (what `trim` removes).
pub fn is_js_whitespace(unit: u16) -> bool {
    matches!(
        unit,
        0x09 | 0x0A | 0x0B | 0x0C | 0x0D | 0x20 | 0xA0 | 0x1680 | 0x2000
            ..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 | 0xFEFF
    )
}

/// StringToNumber: the full StringNumericLiteral grammar. Returns NaN for invalid input.
pub fn string_to_number(string: &JsString) -> f64 {
    let view = string.view();
    let mut start = 0;
    let mut end = view.len();
    while start < end && is_js_whitespace(view.code_unit(start)) {
        start += 1;
    }
    while end > start && is_js_whitespace(view.code_unit(end - 1)) {
        end -= 1;
    }
    if start == end {
        return 0.0;
    }
    // Every valid literal is ASCII; anything else is NaN.
    let mut text = String::with_capacity(end - start);
    for index in start..end {
        let unit = view.code_unit(index);
        if unit >= 0x80 {
            return f64::NAN;
        }
        text.push(unit as u8 as char);
    }
    ascii_string_to_number(&text)
}

/// StringToNumber for trimmed ASCII text.
pub fn ascii_string_to_number(text: &str) -> f64 {
    let bytes = text.as_bytes();
    if bytes.len() > 2 && bytes[0] == b'0' {
        let radix = match bytes[1] {
            b'x' | b'X' => 16,
            b'o' | b'O' => 8,
            b'b' | b'B' => 2,
            _ => 0,
        };
        if radix != 0 {
            return parse_integer_digits(&text[2..], radix).unwrap_or(f64::NAN);
        }
    }
    let (sign, unsigned) = match bytes.first() {
        Some(b'+') => (1.0, &text[1..]),
        Some(b'-') => (-1.0, &text[1..]),
        _ => (1.0, text),
    };
    if unsigned == "Infinity" {
        return sign * f64::INFINITY;
    }
    if !is_str_unsigned_decimal_literal(unsigned) {
        return f64::NAN;
    }
    match unsigned.parse::<f64>() {
        Ok(value) => sign * value,
        Err(_) => f64::NAN,
    }
}

/// Parses digits of a radix (no sign, no separators); `None` when empty or invalid.
pub fn parse_integer_digits(digits: &str, radix: u32) -> Option<f64> {
    if digits.is_empty() {
        return None;
    }
    let mut exact: u64 = 0;
    let mut overflowed = false;
    let mut approximate = 0.0f64;
    for character in digits.chars() {
        let digit = character.to_digit(radix)?;
        if !overflowed {
            match exact
                .checked_mul(radix as u64)
                .and_then(|value| value.checked_add(digit as u64))
            {
                Some(value) => exact = value,
                None => {
                    overflowed = true;
                    approximate = exact as f64 * radix as f64 + digit as f64;
                }
            }
        } else {
            approximate = approximate * radix as f64 + digit as f64;
        }
    }
    Some(if overflowed {
        approximate
    } else {
        exact as f64
    })
}

/// StrUnsignedDecimalLiteral without `Infinity`: digits [. digits] [exponent] or . digits [exponent].
fn is_str_unsigned_decimal_literal(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut position = 0;
    let mut integer_digits = 0;
    while position < bytes.len() && bytes[position].is_ascii_digit() {
        position += 1;
        integer_digits += 1;
    }
    let mut fraction_digits = 0;
    if position < bytes.len() && bytes[position] == b'.' {
        position += 1;
        while position < bytes.len() && bytes[position].is_ascii_digit() {
            position += 1;
            fraction_digits += 1;
        }
    }
    if integer_digits == 0 && fraction_digits == 0 {
        return false;
    }
    if position < bytes.len() && (bytes[position] == b'e' || bytes[position] == b'E') {
        position += 1;
        if position < bytes.len() && (bytes[position] == b'+' || bytes[position] == b'-') {
            position += 1;
        }
        let exponent_start = position;
        while position < bytes.len() && bytes[position].is_ascii_digit() {
            position += 1;
        }
        if position == exponent_start {
            return false;
        }
    }
    position == bytes.len()
}

/// StringToBigInt: `None` when the text is not a valid StringIntegerLiteral.
pub fn string_to_bigint(view: StringView<'_>) -> Option<crate::value::BigInt> {
    use crate::value::BigInt;
    let text: String = view
        .code_units()
        .map(|unit| char::from_u32(unit as u32).unwrap_or('\u{FFFD}'))
        .collect();
    let trimmed = text.trim_matches(|character: char| {
        is_js_whitespace(character as u32 as u16) && (character as u32) < 0x10000
    });
    if trimmed.is_empty() {
        return Some(BigInt::from_i128(0));
    }
    let bytes = trimmed.as_bytes();
    if bytes.len() > 2 && bytes[0] == b'0' {
        let radix = match bytes[1] {
            b'x' | b'X' => 16,
            b'o' | b'O' => 8,
            b'b' | b'B' => 2,
            _ => 0,
        };
        if radix != 0 {
            let digits = &trimmed[2..];
            if !digits.chars().all(|character| character.is_digit(radix)) {
                return None;
            }
            return BigInt::parse_digits(digits, radix);
        }
    }
    let (negative, digits) = match bytes[0] {
        b'+' => (false, &trimmed[1..]),
        b'-' => (true, &trimmed[1..]),
        _ => (false, trimmed),
    };
    if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let magnitude = BigInt::parse_digits(digits, 10)?;
    Some(if negative {
        magnitude.negated()
    } else {
        magnitude
    })
}

impl Vm {
    /// ToPrimitive(value, hint).
    pub fn to_primitive(&mut self, value: Value, hint: PreferredType) -> JsResult<Value> {
        let Value::Object(object) = value else {
            return Ok(value);
        };
        let key = PropertyKey::Symbol(self.intrinsics.symbols.to_primitive);
        if let Some(exotic) = self.get_method(value, key)? {
            let hint_text = match hint {
                PreferredType::Default => "default",
                PreferredType::Number => "number",
                PreferredType::String => "string",
            };
            let hint_atom = self.intern_str(hint_text);
            let hint_value = Value::String(self.atom_string(hint_atom));
            let result = self.call(exotic, value, &[hint_value])?;
            if result.is_object() {
                return self.throw_type_error("Cannot convert object to primitive value");
            }
            return Ok(result);
        }
        self.ordinary_to_primitive(
            object,
            if hint == PreferredType::String {
                PreferredType::String
            } else {
                PreferredType::Number
            },
        )
    }

    /// OrdinaryToPrimitive(object, hint).
    pub fn ordinary_to_primitive(
        &mut self,
        object: ObjectRef,
        hint: PreferredType,
    ) -> JsResult<Value> {
        let order = if hint == PreferredType::String {
            [atoms::TO_STRING, atoms::VALUE_OF]
        } else {
            [atoms::VALUE_OF, atoms::TO_STRING]
        };
        for name in order {
            let method = self.get(object, PropertyKey::Atom(name))?;
            if self.is_callable(method) {
                let result = self.call(method, Value::Object(object), &[])?;
                if !result.is_object() {
                    return Ok(result);
                }
            }
        }
        self.throw_type_error("Cannot convert object to primitive value")
    }

    /// ToBoolean.
    #[inline]
    pub fn to_boolean(&self, value: Value) -> bool {
        match value {
            Value::Boolean(boolean) => boolean,
            Value::Undefined | Value::Null | Value::Hole => false,
            Value::Number(number) => !(number == 0.0 || number.is_nan()),
            Value::String(string) => !self.string(string).is_empty(),
            Value::Symbol(_) => true,
            // [[IsHTMLDDA]] (Annex B): one compare with a Vm field.
            Value::Object(object) => !self.is_html_dda(object),
            Value::BigInt(bigint) => !self.heap.bigints.get(bigint).is_zero(),
        }
    }

    /// ToNumber.
    #[inline]
    pub fn to_number(&mut self, value: Value) -> JsResult<f64> {
        match value {
            Value::Number(number) => Ok(number),
            _ => self.number_from_non_number(value),
        }
    }

    fn number_from_non_number(&mut self, value: Value) -> JsResult<f64> {
        match value {
            Value::Number(number) => Ok(number),
            Value::Undefined | Value::Hole => Ok(f64::NAN),
            Value::Null => Ok(0.0),
            Value::Boolean(boolean) => Ok(if boolean { 1.0 } else { 0.0 }),
            Value::String(string) => Ok(string_to_number(self.string(string))),
            Value::Symbol(_) => self.throw_type_error("Cannot convert a Symbol value to a number"),
            Value::BigInt(_) => self.throw_type_error("Cannot convert a BigInt value to a number"),
            Value::Object(_) => {
                let primitive = self.to_primitive(value, PreferredType::Number)?;
                self.to_number(primitive)
            }
        }
    }

    /// ToNumeric.
    pub fn to_numeric(&mut self, value: Value) -> JsResult<Numeric> {
        let primitive = match value {
            Value::Number(number) => return Ok(Numeric::Number(number)),
            Value::Object(_) => self.to_primitive(value, PreferredType::Number)?,
            other => other,
        };
        match primitive {
            Value::BigInt(bigint) => Ok(Numeric::BigInt(bigint)),
            other => Ok(Numeric::Number(self.to_number(other)?)),
        }
    }

    /// ToString, returning a heap string.
    pub fn to_string(&mut self, value: Value) -> JsResult<StringRef> {
        match value {
            Value::String(string) => Ok(string),
            Value::Undefined | Value::Hole => Ok(self.atom_string(atoms::UNDEFINED)),
            Value::Null => Ok(self.atom_string(atoms::NULL)),
            Value::Boolean(true) => Ok(self.atom_string(atoms::TRUE)),
            Value::Boolean(false) => Ok(self.atom_string(atoms::FALSE)),
            Value::Number(number) => Ok(self.number_to_string(number)),
            Value::Symbol(_) => self.throw_type_error("Cannot convert a Symbol value to a string"),
            Value::BigInt(bigint) => {
                let text = self.heap.bigints.get(bigint).to_string_radix(10);
                Ok(self.new_string(&text))
            }
            Value::Object(_) => {
                let primitive = self.to_primitive(value, PreferredType::String)?;
                self.to_string(primitive)
            }
        }
    }

    /// ToString, returning Rust text (lossy for lone surrogates).
    pub fn to_rust_string(&mut self, value: Value) -> JsResult<String> {
        let string = self.to_string(value)?;
        Ok(self.string_to_rust(string))
    }

    /// Number::toString(10) as a heap string (small non-negative integers are cached).
    pub fn number_to_string(&mut self, number: f64) -> StringRef {
        let small = number as u32;
        if small as f64 == number && small < 256 {
            if self.small_integer_strings.is_empty() {
                self.small_integer_strings = (0..256u32)
                    .map(|integer| {
                        self.heap
                            .strings
                            .allocate(JsString::from_str(&integer.to_string()))
                    })
                    .collect();
            }
            return self.small_integer_strings[small as usize];
        }
        let mut buffer = [0u8; 24];
        if let Some(digits) = integer_decimal_digits(number, &mut buffer) {
            return self.alloc_string(JsString::from_latin1(digits.to_vec()));
        }
        match number {
            _ if number.is_nan() => self.atom_string(atoms::NAN),
            f64::INFINITY => self.atom_string(atoms::INFINITY),
            _ => {
                let text = number_to_rust_string(number);
                self.new_string(&text)
            }
        }
    }

    /// ToObject.
    pub fn to_object(&mut self, value: Value) -> JsResult<ObjectRef> {
        let (prototype, kind) = match value {
            Value::Object(object) => return Ok(object),
            Value::Undefined | Value::Null | Value::Hole => {
                return self.throw_type_error("Cannot convert undefined or null to object");
            }
            Value::Boolean(boolean) => (
                self.intrinsics.boolean_prototype,
                ObjectKind::BooleanWrapper(boolean),
            ),
            Value::Number(number) => (
                self.intrinsics.number_prototype,
                ObjectKind::NumberWrapper(number),
            ),
            Value::String(string) => (
                self.intrinsics.string_prototype,
                ObjectKind::StringWrapper(string),
            ),
            Value::Symbol(symbol) => (
                self.intrinsics.symbol_prototype,
                ObjectKind::SymbolWrapper(symbol),
            ),
            Value::BigInt(bigint) => (
                self.intrinsics.bigint_prototype,
                ObjectKind::BigIntWrapper(bigint),
            ),
        };
        Ok(self.alloc_object(Some(prototype), kind))
    }

    /// ToPropertyKey.
    #[inline]
    pub fn to_property_key(&mut self, value: Value) -> JsResult<PropertyKey> {
        match value {
            Value::Number(number) => {
                let index = number as u32;
                if index as f64 == number
                    && index != u32::MAX
                    && !(number == 0.0 && number.is_sign_negative())
                {
                    return Ok(PropertyKey::Index(index));
                }
                if number == 0.0 {
                    return Ok(PropertyKey::Index(0));
                }
                let string = self.number_to_string(number);
                Ok(self.property_key_from_string(string))
            }
            Value::String(string) => Ok(self.property_key_from_string(string)),
            Value::Symbol(symbol) => Ok(PropertyKey::Symbol(symbol)),
            _ => {
                let primitive = self.to_primitive(value, PreferredType::String)?;
                if let Value::Symbol(symbol) = primitive {
                    return Ok(PropertyKey::Symbol(symbol));
                }
                let string = self.to_string(primitive)?;
                Ok(self.property_key_from_string(string))
            }
        }
    }

    /// ToIntegerOrInfinity.
    pub fn to_integer_or_infinity(&mut self, value: Value) -> JsResult<f64> {
        let number = self.to_number(value)?;
        Ok(integer_or_infinity(number))
    }

    /// ToInt32.
    #[inline]
    pub fn to_int32(&mut self, value: Value) -> JsResult<i32> {
        let number = self.to_number(value)?;
        Ok(f64_to_int32(number))
    }

    /// ToUint32.
    #[inline]
    pub fn to_uint32(&mut self, value: Value) -> JsResult<u32> {
        let number = self.to_number(value)?;
        Ok(f64_to_int32(number) as u32)
    }

    /// ToUint16.
    pub fn to_uint16(&mut self, value: Value) -> JsResult<u16> {
        let number = self.to_number(value)?;
        Ok(f64_to_int32(number) as u16)
    }

    /// ToLength.
    pub fn to_length(&mut self, value: Value) -> JsResult<f64> {
        let integer = self.to_integer_or_infinity(value)?;
        Ok(integer.clamp(0.0, 9007199254740991.0))
    }

    /// ToIndex (RangeError when out of `0 ..= 2^53 - 1`).
    pub fn to_index(&mut self, value: Value) -> JsResult<f64> {
        if value.is_undefined() {
            return Ok(0.0);
        }
        let integer = self.to_integer_or_infinity(value)?;
        if !(0.0..=9007199254740991.0).contains(&integer) {
            return self.throw_range_error("Invalid index");
        }
        Ok(integer)
    }

    /// SameValue.
    pub fn same_value(&self, left: Value, right: Value) -> bool {
        match (left, right) {
            (Value::Number(a), Value::Number(b)) => {
                if a.is_nan() && b.is_nan() {
                    true
                } else {
                    a == b && a.is_sign_negative() == b.is_sign_negative()
                }
            }
            _ => self.strict_equal(left, right),
        }
    }

    /// SameValueZero.
    pub fn same_value_zero(&self, left: Value, right: Value) -> bool {
        match (left, right) {
            (Value::Number(a), Value::Number(b)) => (a.is_nan() && b.is_nan()) || a == b,
            _ => self.strict_equal(left, right),
        }
    }

    /// The `typeof` result as an atom (no allocation).
    pub fn typeof_atom(&self, value: Value) -> Atom {
        match value {
            Value::Undefined | Value::Hole => atoms::UNDEFINED,
            Value::Null => atoms::OBJECT,
            Value::Boolean(_) => atoms::BOOLEAN,
            Value::Number(_) => atoms::NUMBER,
            Value::String(_) => atoms::STRING,
            Value::Symbol(_) => atoms::SYMBOL,
            Value::BigInt(_) => atoms::BIGINT,
            Value::Object(object) => {
                if self.object(object).is_callable() {
                    if self.is_html_dda(object) {
                        return atoms::UNDEFINED;
                    }
                    atoms::FUNCTION
                } else {
                    atoms::OBJECT
                }
            }
        }
    }

    /// The `typeof` result as a string value.
    pub fn typeof_value(&self, value: Value) -> Value {
        Value::String(self.atom_string(self.typeof_atom(value)))
    }

    /// Allocates a BigInt.
    pub fn new_bigint(&mut self, value: i128) -> BigIntRef {
        self.heap
            .accounting
            .note_allocation(std::mem::size_of::<BigInt>());
        self.heap.bigints.allocate(BigInt::from_i128(value))
    }

    /// Allocates a BigInt of any size (the caller checked [`BigInt::MAXIMUM_BITS`] where the
    /// value can grow).
    pub fn new_bigint_from(&mut self, value: BigInt) -> BigIntRef {
        self.heap.bigints.allocate(value)
    }

    /// The BigInt payload.
    pub fn bigint(&self, bigint: BigIntRef) -> &BigInt {
        self.heap.bigints.get(bigint)
    }
}

/// ToIntegerOrInfinity on a number.
#[inline]
pub fn integer_or_infinity(number: f64) -> f64 {
    // Performance decision: arguments are almost always small integers already (positions,
    // counts); the round trip through `i32` answers them without `f64::trunc`, which the
    // baseline x86-64 target compiles to a ~30-instruction library call (no SSE4.1 `roundsd`).
    // -0 becomes +0 here, as the spec requires; NaN fails the comparison.
    let small = number as i32;
    if f64::from(small) == number {
        return f64::from(small);
    }
    if number.is_nan() || number == 0.0 {
        0.0
    } else {
        number.trunc()
    }
}

/// ToInt32 on a number (modular conversion).
#[inline]
pub fn f64_to_int32(number: f64) -> i32 {
    let truncated = number as i32;
    if truncated as f64 == number {
        return truncated;
    }
    if !number.is_finite() {
        return 0;
    }
    let modulo = number.trunc().rem_euclid(4294967296.0);
    modulo as u32 as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_digits_agree_with_number_to_string_and_refuse_the_rest() {
        let mut buffer = [0u8; 24];
        let integers = [
            0.0,
            -0.0,
            7.0,
            -42.0,
            255.0,
            256.0,
            1e15,
            123_456_789_012_345.0,
            -9_007_199_254_740_991.0,
            9_007_199_254_740_991.0,
        ];
        for number in integers {
            let digits = integer_decimal_digits(number, &mut buffer).expect("an integer");
            assert_eq!(
                std::str::from_utf8(digits).unwrap(),
                number_to_rust_string(number),
                "{number}"
            );
        }
        assert_eq!(integer_decimal_digits(-0.0, &mut buffer), Some(&b"0"[..]));
        for number in [
            0.5,
            -1.25,
            f64::NAN,
            f64::INFINITY,
            9_007_199_254_740_992.0,
            1e21,
        ] {
            assert_eq!(
                integer_decimal_digits(number, &mut buffer),
                None,
                "{number}"
            );
        }
    }

    #[test]
    fn number_to_string_follows_ecmascript_formatting() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0"),
            (-0.0, "0"),
            (1e21, "1e+21"),
            (1e-7, "1e-7"),
            (-1e-7, "-1e-7"),
            (0.1 + 0.2, "0.30000000000000004"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (123e-20, "1.23e-18"),
            (1e15, "1000000000000000"),
            (1e16, "10000000000000000"),
            (9007199254740992.0, "9007199254740992"),
            (-1.5, "-1.5"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-Infinity"),
        ];
        for (number, expected) in cases {
            assert_eq!(
                number_to_rust_string(*number),
                *expected,
                "formatting {number:e}"
            );
        }
    }

    #[test]
    fn number_to_radix_string_matches_node() {
        assert_eq!(number_to_radix_string(255.0, 16), "ff");
        assert_eq!(number_to_radix_string(0.5, 2), "0.1");
        assert_eq!(number_to_radix_string(-255.0, 36), "-73");
        assert_eq!(number_to_radix_string(3.25, 16), "3.4");
        assert_eq!(number_to_radix_string(1.1, 16), "1.199999999999a");
        assert_eq!(number_to_radix_string(123.456, 36), "3f.gez4w97ry");
        assert_eq!(
            number_to_radix_string(0.1, 3),
            "0.0022002200220022002200220022002201"
        );
    }

    #[test]
    fn string_to_number_grammar() {
        let number = |text: &str| string_to_number(&JsString::from_str(text));
        assert_eq!(number("  42  "), 42.0);
        assert_eq!(number(""), 0.0);
        assert_eq!(number(" \n\t"), 0.0);
        assert_eq!(number("0x1F"), 31.0);
        assert_eq!(number("0B101"), 5.0);
        assert_eq!(number("0o17"), 15.0);
        assert!(number("-0x10").is_nan());
        assert!(number("0x").is_nan());
        assert_eq!(number("Infinity"), f64::INFINITY);
        assert_eq!(number("-Infinity"), f64::NEG_INFINITY);
        assert!(number("infinity").is_nan());
        assert!(number("inf").is_nan());
        assert!(number("NaN").is_nan());
        assert_eq!(number("1e3"), 1000.0);
        assert_eq!(number(".5"), 0.5);
        assert_eq!(number("5."), 5.0);
        assert_eq!(number("+.5e-2"), 0.005);
        assert!(number("1_000").is_nan());
        assert!(number("12abc").is_nan());
        assert!(number(".").is_nan());
        assert!(number("1e").is_nan());
        assert_eq!(number("\u{A0} 7 \u{FEFF}"), 7.0);
        assert!(number("-0").is_sign_negative());
    }

    #[test]
    fn integer_conversions() {
        assert_eq!(f64_to_int32(4294967301.0), 5);
        assert_eq!(f64_to_int32(-1.0), -1);
        assert_eq!(f64_to_int32(2147483648.0), -2147483648);
        assert_eq!(f64_to_int32(f64::NAN), 0);
        assert_eq!(f64_to_int32(f64::INFINITY), 0);
        assert_eq!(f64_to_int32(4294967295.7), -1);
        assert_eq!(f64_to_int32(-4294967297.5), -1);
        assert_eq!(integer_or_infinity(-0.5), 0.0);
        assert_eq!(integer_or_infinity(f64::NEG_INFINITY), f64::NEG_INFINITY);
    }

    #[test]
    fn string_to_bigint_grammar() {
        let parse = |text: &str| {
            string_to_bigint(JsString::from_str(text).view()).map(|value| value.to_string_radix(10))
        };
        assert_eq!(parse(" 123 ").as_deref(), Some("123"));
        assert_eq!(parse("-5").as_deref(), Some("-5"));
        assert_eq!(parse("").as_deref(), Some("0"));
        assert_eq!(parse("0x10").as_deref(), Some("16"));
        assert_eq!(parse("1.5"), None);
        assert_eq!(parse("1e3"), None);
        assert_eq!(parse("0x-1"), None);
        assert_eq!(
            parse("123456789012345678901234567890123456789012345678901234567890").as_deref(),
            Some("123456789012345678901234567890123456789012345678901234567890")
        );
    }

    #[test]
    fn vm_level_conversions() {
        let mut vm = Vm::new();
        assert!(!vm.to_boolean(Value::Number(f64::NAN)));
        assert!(!vm.to_boolean(Value::String(vm.intrinsics.empty_string)));
        let object = vm.new_object();
        assert!(vm.to_boolean(Value::Object(object)));
        assert_eq!(
            vm.to_property_key(Value::Number(-0.0)).ok(),
            Some(PropertyKey::Index(0))
        );
        assert_eq!(
            vm.to_property_key(Value::Number(7.0)).ok(),
            Some(PropertyKey::Index(7))
        );
        let fractional = vm.to_property_key(Value::Number(1.5)).ok();
        let expected = vm.intern_str("1.5");
        assert_eq!(fractional, Some(PropertyKey::Atom(expected)));
        let numeric_string = vm.new_string("42");
        assert_eq!(
            vm.to_property_key(Value::String(numeric_string)).ok(),
            Some(PropertyKey::Index(42))
        );
        let text = vm.to_rust_string(Value::Number(1e21)).ok();
        assert_eq!(text.as_deref(), Some("1e+21"));
        assert_eq!(vm.to_rust_string(Value::Null).ok().as_deref(), Some("null"));
        assert_eq!(vm.to_number(Value::Boolean(true)).ok(), Some(1.0));
        assert!(vm.to_number(Value::Undefined).is_ok_and(f64::is_nan));
        let symbol = vm.new_symbol(Some("s"));
        assert!(vm.to_number(Value::Symbol(symbol)).is_err());
        assert_eq!(vm.typeof_atom(Value::Null), atoms::OBJECT);
        let function = vm.intrinsics.object_constructor;
        assert_eq!(vm.typeof_atom(Value::Object(function)), atoms::FUNCTION);
        assert_eq!(vm.to_uint32(Value::Number(-1.0)).ok(), Some(4294967295));
        assert!(vm.to_index(Value::Number(-1.0)).is_err());
        assert!(vm.same_value(Value::Number(f64::NAN), Value::Number(f64::NAN)));
        assert!(!vm.same_value(Value::Number(0.0), Value::Number(-0.0)));
        assert!(vm.same_value_zero(Value::Number(0.0), Value::Number(-0.0)));
    }

    #[test]
    fn to_primitive_calls_native_value_of() {
        fn value_of(_vm: &mut Vm, _this: Value, _args: crate::function::Args) -> JsResult<Value> {
            Ok(Value::Number(7.0))
        }
        let mut vm = Vm::new();
        let object = vm.new_object();
        vm.define_native_method(object, "valueOf", 0, value_of);
        assert_eq!(vm.to_number(Value::Object(object)).ok(), Some(7.0));
        let wrapped = vm.to_object(Value::Boolean(true));
        assert!(matches!(
            wrapped.map(|o| &vm.object(o).kind),
            Ok(ObjectKind::BooleanWrapper(true))
        ));
    }
}
