//! The JavaScript `Value` and the typed heap handles it carries.
//!
//! Performance decisions:
//! - `Value` is `Copy` and exactly 16 bytes (asserted below): a one-byte tag plus an 8-byte
//!   payload. Heap references are `u32` arena indices, not pointers, so the GC can be precise
//!   and a register write is a plain store.
//! - Numbers are always `f64` (no separate int32 tag). Integer-valued doubles are recognised on
//!   the hot paths (array indexing, bitwise operators) with a cheap `as` round trip instead.
//! - `Hole` is an internal sentinel for "no value" (an uninitialised `let` in its temporal dead
//!   zone, an array hole). It must never escape to JavaScript code.

use tseval_gc::{GcHandle, Trace, Tracer};

/// Declares a `u32` handle newtype bound to one GC space.
macro_rules! declare_handle {
    ($(#[$meta:meta])* $name:ident, $space:expr) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);

        impl GcHandle for $name {
            const SPACE: u8 = $space;
            #[inline]
            fn from_index(index: u32) -> Self {
                $name(index)
            }
            #[inline]
            fn index(self) -> u32 {
                self.0
            }
        }
    };
}

/// GC space numbers of the VM's arenas (see `heap.rs`).
pub mod spaces {
    /// Space of [`super::StringRef`].
    pub const STRINGS: u8 = 0;
    /// Space of [`super::SymbolRef`].
    pub const SYMBOLS: u8 = 1;
    /// Space of [`super::ObjectRef`].
    pub const OBJECTS: u8 = 2;
    /// Space of [`super::BigIntRef`].
    pub const BIGINTS: u8 = 3;
    /// Space of [`super::EnvRef`].
    pub const ENVIRONMENTS: u8 = 4;
    /// Space of [`super::ShapeId`].
    pub const SHAPES: u8 = 5;
}

declare_handle!(
    /// A handle to an immutable JS string in the heap (`crate::string::JsString`).
    StringRef,
    spaces::STRINGS
);
declare_handle!(
    /// A handle to a symbol in the heap (`crate::atom::Symbol`).
    SymbolRef,
    spaces::SYMBOLS
);
declare_handle!(
    /// A handle to an object in the heap (`crate::object::Object`).
    ObjectRef,
    spaces::OBJECTS
);
declare_handle!(
    /// A handle to a BigInt in the heap (`crate::value::BigInt`).
    BigIntRef,
    spaces::BIGINTS
);
declare_handle!(
    /// A handle to an environment record in the heap (`crate::env::Env`).
    EnvRef,
    spaces::ENVIRONMENTS
);
declare_handle!(
    /// A handle to a shape (hidden class) in the heap (`crate::shape::Shape`).
    ShapeId,
    spaces::SHAPES
);

/// A JavaScript value.
///
/// Layout note: `#[repr(u64)]` (word-sized tag, payload at offset 8) was measured on the
/// interpreter of commit 1a2a0a8 and did not pay off there (callgrind: nbody.js 12.81 G
/// instructions either way, richards-like.js 13.32 -> 13.84 G), so the default layout stays.
#[derive(Clone, Copy, Debug, Default)]
pub enum Value {
    /// `undefined`.
    #[default]
    Undefined,
    /// `null`.
    Null,
    /// `true` / `false`.
    Boolean(bool),
    /// Every JS number (IEEE-754 double).
    Number(f64),
    /// A string primitive.
    String(StringRef),
    /// A symbol primitive.
    Symbol(SymbolRef),
    /// Any object (ordinary, array, function, ...).
    Object(ObjectRef),
    /// A BigInt primitive.
    BigInt(BigIntRef),
    /// Internal sentinel: TDZ marker and array hole. Never visible to JavaScript.
    Hole,
}

const _: () = assert!(std::mem::size_of::<Value>() == 16);

/// The result of an operation that may throw: `Err` carries the thrown JS value.
pub type JsResult<T> = Result<T, Value>;

impl Value {
    /// `true` as a value.
    pub const TRUE: Value = Value::Boolean(true);
    /// `false` as a value.
    pub const FALSE: Value = Value::Boolean(false);

    /// Wraps a number.
    #[inline]
    pub fn number(number: f64) -> Value {
        Value::Number(number)
    }

    /// Wraps an integer as a number.
    #[inline]
    pub fn integer(integer: i64) -> Value {
        Value::Number(integer as f64)
    }

    /// True for `undefined`.
    #[inline]
    pub fn is_undefined(self) -> bool {
        matches!(self, Value::Undefined)
    }

    /// True for `null`.
    #[inline]
    pub fn is_null(self) -> bool {
        matches!(self, Value::Null)
    }

    /// True for `undefined` or `null`.
    #[inline]
    pub fn is_nullish(self) -> bool {
        matches!(self, Value::Undefined | Value::Null)
    }

    /// True for the internal hole sentinel.
    #[inline]
    pub fn is_hole(self) -> bool {
        matches!(self, Value::Hole)
    }

    /// True for objects.
    #[inline]
    pub fn is_object(self) -> bool {
        matches!(self, Value::Object(_))
    }

    /// True for numbers.
    #[inline]
    pub fn is_number(self) -> bool {
        matches!(self, Value::Number(_))
    }

    /// True for strings.
    #[inline]
    pub fn is_string(self) -> bool {
        matches!(self, Value::String(_))
    }

    /// The object handle, if this is an object.
    #[inline]
    pub fn as_object(self) -> Option<ObjectRef> {
        match self {
            Value::Object(object) => Some(object),
            _ => None,
        }
    }

    /// The number, if this is a number.
    #[inline]
    pub fn as_number(self) -> Option<f64> {
        match self {
            Value::Number(number) => Some(number),
            _ => None,
        }
    }

    /// The string handle, if this is a string.
    #[inline]
    pub fn as_string(self) -> Option<StringRef> {
        match self {
            Value::String(string) => Some(string),
            _ => None,
        }
    }

    /// The symbol handle, if this is a symbol.
    #[inline]
    pub fn as_symbol(self) -> Option<SymbolRef> {
        match self {
            Value::Symbol(symbol) => Some(symbol),
            _ => None,
        }
    }

    /// Replaces the hole sentinel with `undefined` (for reading array elements).
    #[inline]
    pub fn hole_to_undefined(self) -> Value {
        match self {
            Value::Hole => Value::Undefined,
            other => other,
        }
    }

    /// Identity comparison: same tag and same payload bits (numbers compare by bit pattern,
    /// strings by handle). This is NOT any JS equality; it is for caches and tests.
    #[inline]
    pub fn is_identical(self, other: Value) -> bool {
        match (self, other) {
            (Value::Undefined, Value::Undefined)
            | (Value::Null, Value::Null)
            | (Value::Hole, Value::Hole) => true,
            (Value::Boolean(a), Value::Boolean(b)) => a == b,
            (Value::Number(a), Value::Number(b)) => a.to_bits() == b.to_bits(),
            (Value::String(a), Value::String(b)) => a == b,
            (Value::Symbol(a), Value::Symbol(b)) => a == b,
            (Value::Object(a), Value::Object(b)) => a == b,
            (Value::BigInt(a), Value::BigInt(b)) => a == b,
            _ => false,
        }
    }

    /// If this number is an array index (an integer in `0 ..= 2^32 - 2`), returns it.
    #[inline]
    pub fn as_array_index(self) -> Option<u32> {
        match self {
            Value::Number(number) => number_to_array_index(number),
            _ => None,
        }
    }
}

/// Returns the array index for an integral number in `0 ..= 2^32 - 2` (`-0` counts as 0).
#[inline]
pub fn number_to_array_index(number: f64) -> Option<u32> {
    let index = number as u32;
    if index as f64 == number && index != u32::MAX {
        Some(index)
    } else {
        None
    }
}

impl From<bool> for Value {
    fn from(value: bool) -> Value {
        Value::Boolean(value)
    }
}

impl From<f64> for Value {
    fn from(value: f64) -> Value {
        Value::Number(value)
    }
}

impl From<i32> for Value {
    fn from(value: i32) -> Value {
        Value::Number(value as f64)
    }
}

impl From<u32> for Value {
    fn from(value: u32) -> Value {
        Value::Number(value as f64)
    }
}

impl From<ObjectRef> for Value {
    fn from(value: ObjectRef) -> Value {
        Value::Object(value)
    }
}

impl From<StringRef> for Value {
    fn from(value: StringRef) -> Value {
        Value::String(value)
    }
}

impl From<SymbolRef> for Value {
    fn from(value: SymbolRef) -> Value {
        Value::Symbol(value)
    }
}

impl Trace for Value {
    /// Forced inline: it is the body of every slot and element loop of the marking (see
    /// `tseval_gc::SlotBits::test_and_set`).
    #[inline(always)]
    fn trace(&self, tracer: &mut Tracer) {
        match *self {
            Value::String(string) => tracer.push(string),
            Value::Symbol(symbol) => tracer.push(symbol),
            Value::Object(object) => tracer.push(object),
            Value::BigInt(bigint) => tracer.push(bigint),
            Value::Undefined | Value::Null | Value::Boolean(_) | Value::Number(_) | Value::Hole => {
            }
        }
    }
}

/// Traces every value of a slice. Forced inline like [`Value::trace`] (the object tracing
/// loop calls it for every marked object).
#[inline(always)]
pub fn trace_values(values: &[Value], tracer: &mut Tracer) {
    for value in values {
        value.trace(tracer);
    }
}

/// A BigInt payload: an arbitrary-precision integer (`num_bigint::BigInt`), private to this
/// type so the representation can change.
///
/// Size limit: results are refused above [`BigInt::MAXIMUM_BITS`] (V8 allows 2^30 bits), so a
/// hostile `2n ** 10n ** 9n` is a RangeError instead of an attempt to allocate gigabytes.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct BigInt {
    value: num_bigint::BigInt,
}

impl BigInt {
    /// The largest BigInt this engine creates, in bits.
    pub const MAXIMUM_BITS: u64 = 1 << 24;

    /// Creates a BigInt from an `i128`.
    pub fn from_i128(value: i128) -> BigInt {
        BigInt {
            value: num_bigint::BigInt::from(value),
        }
    }

    /// Wraps an arbitrary-precision integer, or `None` when it exceeds [`BigInt::MAXIMUM_BITS`].
    pub fn from_big(value: num_bigint::BigInt) -> Option<BigInt> {
        (value.bits() <= BigInt::MAXIMUM_BITS).then_some(BigInt { value })
    }

    /// The integer value.
    pub fn big(&self) -> &num_bigint::BigInt {
        &self.value
    }

    /// The low 128 bits in two's complement (exact when the value fits in an `i128`); the
    /// 64-bit typed-array conversions truncate this further.
    pub fn to_i128(&self) -> i128 {
        use num_traits::ToPrimitive;
        if let Some(small) = self.value.to_i128() {
            return small;
        }
        let modulus = num_bigint::BigInt::from(1u8) << 128u32;
        let mut low = &self.value % &modulus;
        if low.sign() == num_bigint::Sign::Minus {
            low += &modulus;
        }
        low.to_u128().map_or(0, |bits| bits as i128)
    }

    /// True for 0n.
    pub fn is_zero(&self) -> bool {
        self.value.sign() == num_bigint::Sign::NoSign
    }

    /// Decimal (or other radix) text without the `n` suffix.
    pub fn to_string_radix(&self, radix: u32) -> String {
        self.value.to_str_radix(radix)
    }

    /// The value converted to the nearest double (ties to even), infinite when out of range.
    pub fn to_f64(&self) -> f64 {
        use num_traits::ToPrimitive;
        self.value.to_f64().unwrap_or(f64::NAN)
    }

    /// The BigInt of an integral finite double (exact), or `None` for fractions and
    /// non-finite values.
    pub fn from_integral_f64(number: f64) -> Option<BigInt> {
        use num_traits::FromPrimitive;
        if !number.is_finite() || number.fract() != 0.0 {
            return None;
        }
        num_bigint::BigInt::from_f64(number).map(|value| BigInt { value })
    }

    /// Parses digits (no sign, no prefix) in `radix`.
    pub fn parse_digits(digits: &str, radix: u32) -> Option<BigInt> {
        if digits.is_empty() || digits.len() as u64 > BigInt::MAXIMUM_BITS {
            return None;
        }
        num_bigint::BigInt::parse_bytes(digits.as_bytes(), radix).map(|value| BigInt { value })
    }

    /// The negated value.
    pub fn negated(&self) -> BigInt {
        BigInt {
            value: -&self.value,
        }
    }

    /// Compares with a double that is not NaN (infinities compare as expected).
    pub fn compare_f64(&self, number: f64) -> std::cmp::Ordering {
        use std::cmp::Ordering;
        if number == f64::INFINITY {
            return Ordering::Less;
        }
        if number == f64::NEG_INFINITY {
            return Ordering::Greater;
        }
        let floor = number.floor();
        let Some(whole) = BigInt::from_integral_f64(floor) else {
            return Ordering::Equal;
        };
        match self.value.cmp(&whole.value) {
            // self == floor(number): less when number has a fraction.
            Ordering::Equal if floor != number => Ordering::Less,
            other => other,
        }
    }

    /// BigInt::asIntN / asUintN: the value modulo 2^bits, read as signed or unsigned.
    /// `None` when the result would exceed [`BigInt::MAXIMUM_BITS`].
    pub fn wrap_to_bits(&self, bits: u64, signed: bool) -> Option<BigInt> {
        if bits == 0 {
            return Some(BigInt::from_i128(0));
        }
        let negative = self.value.sign() == num_bigint::Sign::Minus;
        // Values that already fit are unchanged (this also keeps huge `bits` cheap).
        if (signed && self.value.bits() < bits)
            || (!signed && !negative && self.value.bits() <= bits)
        {
            return Some(self.clone());
        }
        if bits > BigInt::MAXIMUM_BITS {
            return None;
        }
        let modulus = num_bigint::BigInt::from(1u8) << bits;
        let mut value = &self.value % &modulus;
        if value.sign() == num_bigint::Sign::Minus {
            value += &modulus;
        }
        if signed && value.bit(bits - 1) {
            value -= &modulus;
        }
        Some(BigInt { value })
    }
}

impl Trace for BigInt {
    fn trace(&self, _tracer: &mut Tracer) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_is_at_most_sixteen_bytes() {
        assert!(std::mem::size_of::<Value>() <= 16);
    }

    #[test]
    fn array_index_recognition() {
        assert_eq!(number_to_array_index(0.0), Some(0));
        assert_eq!(number_to_array_index(-0.0), Some(0));
        assert_eq!(number_to_array_index(4294967294.0), Some(4294967294));
        assert_eq!(number_to_array_index(4294967295.0), None);
        assert_eq!(number_to_array_index(1.5), None);
        assert_eq!(number_to_array_index(-1.0), None);
        assert_eq!(number_to_array_index(f64::NAN), None);
    }

    #[test]
    fn bigint_beyond_128_bits() {
        let big = BigInt::parse_digits("340282366920938463463374607431768211457", 10)
            .expect("digits parse");
        // 2^128 + 1: the low 128 bits are 1.
        assert_eq!(big.to_i128(), 1);
        assert_eq!(big.negated().to_i128(), -1);
        assert_eq!(
            big.wrap_to_bits(8, false)
                .map(|value| value.to_string_radix(10)),
            Some("1".to_string())
        );
        assert_eq!(big.compare_f64(3.4e38), std::cmp::Ordering::Greater);
        assert_eq!(big.compare_f64(f64::INFINITY), std::cmp::Ordering::Less);
        assert_eq!(
            BigInt::from_i128(5).compare_f64(5.5),
            std::cmp::Ordering::Less
        );
        assert!(BigInt::from_i128(1).wrap_to_bits(u64::MAX, true).is_some());
        assert!(BigInt::from_i128(-1).wrap_to_bits(1 << 40, false).is_none());
    }

    #[test]
    fn bigint_radix_formatting() {
        assert_eq!(BigInt::from_i128(-255).to_string_radix(16), "-ff");
        assert_eq!(BigInt::from_i128(0).to_string_radix(2), "0");
        assert_eq!(BigInt::from_i128(12345).to_string_radix(10), "12345");
    }
}
