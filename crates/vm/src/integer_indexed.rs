//! Integer-indexed exotic objects (typed arrays): buffer bounds, element reads and writes, and
//! the byte encoding of every element type, shared by typed arrays, DataView and Atomics.
//!
//! A typed array's elements live in the byte vector of its ArrayBuffer object; the view holds
//! the buffer handle, the element type, the byte offset and the length (or
//! `LENGTH_TRACKING`). Reading an element is two object lookups, a bounds check and a decode:
//! no allocation except for BigInt results.
//!
//! The property operations in `property.rs` call into this module for every canonical
//! numeric string key of a typed array, so those keys never reach the shape or the prototype
//! chain (ES2025 10.4.5).

use crate::atom::PropertyKey;
use crate::conversions::{f64_to_int32, string_to_bigint};
use crate::object::{ArrayBufferData, ElementType, LENGTH_TRACKING, ObjectKind, TypedArrayData};
use crate::realm::Vm;
use crate::value::{JsResult, ObjectRef, Value};

/// A numeric value already converted for an element type: a Number for the Number types, a
/// BigInt (as `i128`) for BigInt64/BigUint64.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ElementValue {
    /// A Number.
    Number(f64),
    /// A BigInt.
    BigInt(i128),
}

/// Decodes one element from exactly `element_type.size()` bytes.
pub fn decode_element(
    element_type: ElementType,
    bytes: &[u8],
    little_endian: bool,
) -> ElementValue {
    let mut raw = [0u8; 8];
    let size = element_type.size();
    raw[..size].copy_from_slice(&bytes[..size]);
    if !little_endian {
        raw[..size].reverse();
    }
    match element_type {
        ElementType::Int8 => ElementValue::Number(raw[0] as i8 as f64),
        ElementType::Uint8 | ElementType::Uint8Clamped => ElementValue::Number(raw[0] as f64),
        ElementType::Int16 => ElementValue::Number(i16::from_le_bytes([raw[0], raw[1]]) as f64),
        ElementType::Uint16 => ElementValue::Number(u16::from_le_bytes([raw[0], raw[1]]) as f64),
        ElementType::Int32 => {
            ElementValue::Number(i32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]) as f64)
        }
        ElementType::Uint32 => {
            ElementValue::Number(u32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]) as f64)
        }
        ElementType::Float32 => {
            ElementValue::Number(f32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]) as f64)
        }
        ElementType::Float64 => ElementValue::Number(f64::from_le_bytes(raw)),
        ElementType::BigInt64 => ElementValue::BigInt(i64::from_le_bytes(raw) as i128),
        ElementType::BigUint64 => ElementValue::BigInt(u64::from_le_bytes(raw) as i128),
        ElementType::Float16 => {
            ElementValue::Number(f16_bits_to_f64(u16::from_le_bytes([raw[0], raw[1]])))
        }
    }
}

/// The value of IEEE 754 binary16 bits.
pub fn f16_bits_to_f64(bits: u16) -> f64 {
    let sign = if bits & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exponent = i32::from((bits >> 10) & 0x1f);
    let mantissa = f64::from(bits & 0x3ff);
    let magnitude = match exponent {
        0 => mantissa * 2f64.powi(-24),
        31 if mantissa == 0.0 => f64::INFINITY,
        31 => return f64::NAN,
        _ => (1.0 + mantissa / 1024.0) * 2f64.powi(exponent - 15),
    };
    sign * magnitude
}

/// Rounds a Number to IEEE 754 binary16 (round to nearest, ties to even) and returns the
/// bits. The rounding is done once, from the double, so there is no double rounding.
pub fn f64_to_f16_bits(value: f64) -> u16 {
    let sign: u16 = if value.is_sign_negative() { 0x8000 } else { 0 };
    if value.is_nan() {
        return 0x7e00;
    }
    let magnitude = value.abs();
    if magnitude.is_infinite() {
        return sign | 0x7c00;
    }
    if magnitude < 2f64.powi(-14) {
        // Subnormal (or zero): a multiple of 2^-24; scaling by a power of two is exact, so
        // the only rounding is round_ties_even. 1024 is the smallest normal's encoding.
        return sign | (magnitude * 2f64.powi(24)).round_ties_even() as u16;
    }
    let exponent = ((magnitude.to_bits() >> 52) & 0x7ff) as i32 - 1023;
    let fraction = magnitude / 2f64.powi(exponent) - 1.0;
    let mut mantissa = (fraction * 1024.0).round_ties_even() as u32;
    let mut biased = exponent + 15;
    if mantissa == 1024 {
        mantissa = 0;
        biased += 1;
    }
    if biased >= 31 {
        return sign | 0x7c00;
    }
    sign | ((biased as u16) << 10) | mantissa as u16
}

/// ToUint8Clamp: NaN is 0, values are clamped to 0..=255 and rounded half to even.
fn to_uint8_clamp(number: f64) -> u8 {
    if number.is_nan() || number <= 0.0 {
        0
    } else if number >= 255.0 {
        255
    } else {
        number.round_ties_even() as u8
    }
}

/// Encodes one element (the value must match the type's content type; a mismatch writes the
/// conversion of zero) into exactly `element_type.size()` bytes.
pub fn encode_element(
    element_type: ElementType,
    value: ElementValue,
    out: &mut [u8],
    little_endian: bool,
) {
    let number = match value {
        ElementValue::Number(number) => number,
        ElementValue::BigInt(_) => 0.0,
    };
    let bigint = match value {
        ElementValue::BigInt(bigint) => bigint,
        ElementValue::Number(_) => 0,
    };
    let mut raw = [0u8; 8];
    match element_type {
        ElementType::Int8 | ElementType::Uint8 => raw[0] = f64_to_int32(number) as u8,
        ElementType::Uint8Clamped => raw[0] = to_uint8_clamp(number),
        ElementType::Int16 | ElementType::Uint16 => {
            raw[..2].copy_from_slice(&(f64_to_int32(number) as u16).to_le_bytes())
        }
        ElementType::Int32 | ElementType::Uint32 => {
            raw[..4].copy_from_slice(&(f64_to_int32(number) as u32).to_le_bytes())
        }
        ElementType::Float32 => raw[..4].copy_from_slice(&(number as f32).to_le_bytes()),
        ElementType::Float16 => raw[..2].copy_from_slice(&f64_to_f16_bits(number).to_le_bytes()),
        ElementType::Float64 => raw.copy_from_slice(&number.to_le_bytes()),
        ElementType::BigInt64 | ElementType::BigUint64 => {
            raw.copy_from_slice(&(bigint as u64).to_le_bytes())
        }
    }
    let size = element_type.size();
    if !little_endian {
        raw[..size].reverse();
    }
    out[..size].copy_from_slice(&raw[..size]);
}

impl Vm {
    /// CanonicalNumericIndexString for a property key: `Some(number)` when the key is the
    /// canonical string of a Number (or `"-0"`), `None` otherwise (symbols included).
    pub fn canonical_numeric_index(&self, key: PropertyKey) -> Option<f64> {
        let atom = match key {
            PropertyKey::Index(index) => return Some(index as f64),
            PropertyKey::Symbol(_) => return None,
            PropertyKey::Atom(atom) => atom,
        };
        let string = self.string(self.atom_string(atom));
        // Cheap rejection: canonical numeric strings start with a digit, '-', 'I' or 'N'.
        match string.code_unit_at(0) {
            Some(unit) if (b'0' as u16..=b'9' as u16).contains(&unit) => {}
            Some(unit) if unit == b'-' as u16 || unit == b'I' as u16 || unit == b'N' as u16 => {}
            _ => return None,
        }
        let text = string.to_rust_string_lossy();
        if text == "-0" {
            return Some(-0.0);
        }
        let number = crate::conversions::string_to_number(string);
        if crate::conversions::number_to_rust_string(number) == text {
            Some(number)
        } else {
            None
        }
    }

    /// The internal slots of an ArrayBuffer object, if `object` is one.
    #[inline]
    pub fn array_buffer_data(&self, object: ObjectRef) -> Option<&ArrayBufferData> {
        match &self.object(object).kind {
            ObjectKind::ArrayBuffer(buffer) => Some(buffer),
            _ => None,
        }
    }

    /// The internal slots of an ArrayBuffer object, mutably.
    #[inline]
    pub fn array_buffer_data_mut(&mut self, object: ObjectRef) -> Option<&mut ArrayBufferData> {
        match &mut self.object_mut(object).kind {
            ObjectKind::ArrayBuffer(buffer) => Some(buffer),
            _ => None,
        }
    }

    /// IsDetachedBuffer.
    #[inline]
    pub fn is_detached_buffer(&self, buffer: ObjectRef) -> bool {
        self.array_buffer_data(buffer)
            .is_none_or(|buffer| buffer.detached)
    }

    /// The current byte length of a buffer (0 when detached).
    #[inline]
    pub fn buffer_byte_length(&self, buffer: ObjectRef) -> usize {
        self.array_buffer_data(buffer)
            .map_or(0, |buffer| buffer.bytes.len())
    }

    /// The typed array slots of `object`, if it is a typed array.
    #[inline]
    pub fn typed_array_data(&self, object: ObjectRef) -> Option<TypedArrayData> {
        match &self.object(object).kind {
            ObjectKind::TypedArray(view) => Some(**view),
            _ => None,
        }
    }

    /// TypedArrayLength of a view, or `None` when IsTypedArrayOutOfBounds (which includes a
    /// detached buffer).
    #[inline]
    pub fn typed_array_length(&self, view: &TypedArrayData) -> Option<usize> {
        let buffer = self.array_buffer_data(view.buffer)?;
        if buffer.detached {
            return None;
        }
        let buffer_length = buffer.bytes.len();
        let offset = view.byte_offset as usize;
        let size = view.element_type.size();
        if view.length == LENGTH_TRACKING {
            if offset > buffer_length {
                return None;
            }
            Some((buffer_length - offset) / size)
        } else {
            let end = offset + view.length as usize * size;
            if offset > buffer_length || end > buffer_length {
                return None;
            }
            Some(view.length as usize)
        }
    }

    /// TypedArrayLength of an object that may not be a typed array (`None` for non-views and
    /// for out-of-bounds views).
    #[inline]
    pub fn typed_array_length_of(&self, object: ObjectRef) -> Option<usize> {
        let view = self.typed_array_data(object)?;
        self.typed_array_length(&view)
    }

    /// IsValidIntegerIndex for an index that is already a non-negative integer.
    #[inline]
    pub fn typed_array_has_index(&self, view: &TypedArrayData, index: u32) -> bool {
        self.typed_array_length(view)
            .is_some_and(|length| (index as usize) < length)
    }

    /// IsValidIntegerIndex(O, index) for any Number.
    pub fn is_valid_integer_index(&self, object: ObjectRef, index: f64) -> bool {
        let Some(view) = self.typed_array_data(object) else {
            return false;
        };
        if index.fract() != 0.0 || index.is_infinite() || index.is_nan() {
            return false;
        }
        if index == 0.0 && index.is_sign_negative() {
            return false;
        }
        if index < 0.0 {
            return false;
        }
        self.typed_array_length(&view)
            .is_some_and(|length| index < length as f64)
    }

    /// Reads element `index` of a view whose bounds the caller checked.
    #[inline]
    pub fn typed_array_read(&mut self, view: &TypedArrayData, index: usize) -> Value {
        let size = view.element_type.size();
        let start = view.byte_offset as usize + index * size;
        let decoded = match self.array_buffer_data(view.buffer) {
            Some(buffer) if start + size <= buffer.bytes.len() => {
                decode_element(view.element_type, &buffer.bytes[start..start + size], true)
            }
            _ => return Value::Undefined,
        };
        self.element_value_to_value(decoded)
    }

    /// Writes element `index` of a view whose bounds the caller checked (ignored when the
    /// bytes are no longer there).
    #[inline]
    pub fn typed_array_write(&mut self, view: &TypedArrayData, index: usize, value: ElementValue) {
        let size = view.element_type.size();
        let start = view.byte_offset as usize + index * size;
        let element_type = view.element_type;
        if let Some(buffer) = self.array_buffer_data_mut(view.buffer)
            && start + size <= buffer.bytes.len()
        {
            encode_element(
                element_type,
                value,
                &mut buffer.bytes[start..start + size],
                true,
            );
        }
    }

    /// A decoded element as a JS value.
    #[inline]
    pub fn element_value_to_value(&mut self, value: ElementValue) -> Value {
        match value {
            ElementValue::Number(number) => Value::Number(number),
            ElementValue::BigInt(bigint) => Value::BigInt(self.new_bigint(bigint)),
        }
    }

    /// TypedArrayGetElement: the element, or undefined when the index is not valid.
    #[inline]
    pub fn typed_array_get_element(&mut self, object: ObjectRef, index: f64) -> Value {
        let Some(view) = self.typed_array_data(object) else {
            return Value::Undefined;
        };
        if index >= 0.0
            && index.fract() == 0.0
            && !(index == 0.0 && index.is_sign_negative())
            && let Some(length) = self.typed_array_length(&view)
            && index < length as f64
        {
            return self.typed_array_read(&view, index as usize);
        }
        Value::Undefined
    }

    /// TypedArraySetElement: converts the value (ToBigInt or ToNumber, which may run user
    /// code), then writes it if the index is still valid.
    pub fn typed_array_set_element(
        &mut self,
        object: ObjectRef,
        index: f64,
        value: Value,
    ) -> JsResult<()> {
        let Some(view) = self.typed_array_data(object) else {
            return Ok(());
        };
        let converted = self.to_element_value(value, view.element_type)?;
        if self.is_valid_integer_index(object, index) {
            self.typed_array_write(&view, index as usize, converted);
        }
        Ok(())
    }

    /// ToBigInt or ToNumber, depending on the element type's content type.
    #[inline]
    pub fn to_element_value(
        &mut self,
        value: Value,
        element_type: ElementType,
    ) -> JsResult<ElementValue> {
        if element_type.is_bigint() {
            Ok(ElementValue::BigInt(self.to_bigint_value(value)?))
        } else if let Value::Number(number) = value {
            Ok(ElementValue::Number(number))
        } else {
            Ok(ElementValue::Number(self.to_number(value)?))
        }
    }

    /// ToBigInt (ES2025 7.1.13), returning the low 128 bits of the value (two's complement),
    /// which is all ToBigInt64/ToBigUint64 need.
    pub fn to_bigint_value(&mut self, value: Value) -> JsResult<i128> {
        let primitive = match value {
            Value::Object(_) => {
                self.to_primitive(value, crate::conversions::PreferredType::Number)?
            }
            other => other,
        };
        match primitive {
            Value::BigInt(bigint) => Ok(self.bigint(bigint).to_i128()),
            Value::Boolean(boolean) => Ok(boolean as i128),
            Value::String(string) => match string_to_bigint(self.string(string).view()) {
                Some(parsed) => Ok(parsed.to_i128()),
                None => {
                    let text = self.string_to_rust(string);
                    self.throw_syntax_error(&format!("Cannot convert {text} to a BigInt"))
                }
            },
            Value::Number(number) => {
                let text = crate::conversions::number_to_rust_string(number);
                self.throw_type_error(&format!("Cannot convert {text} to a BigInt"))
            }
            Value::Symbol(_) => self.throw_type_error("Cannot convert a Symbol value to a BigInt"),
            _ => {
                let text = self.describe_value_for_error(primitive);
                self.throw_type_error(&format!("Cannot convert {text} to a BigInt"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary16_rounding_matches_ieee_754() {
        assert_eq!(f64_to_f16_bits(1.0), 0x3c00);
        assert_eq!(f64_to_f16_bits(-2.0), 0xc000);
        assert_eq!(f64_to_f16_bits(65504.0), 0x7bff);
        assert_eq!(f64_to_f16_bits(65519.99), 0x7bff);
        assert_eq!(f64_to_f16_bits(65520.0), 0x7c00);
        assert_eq!(f64_to_f16_bits(2f64.powi(-24)), 0x0001);
        assert_eq!(f64_to_f16_bits(2f64.powi(-25)), 0x0000);
        assert_eq!(f64_to_f16_bits(3.0 * 2f64.powi(-25)), 0x0002);
        assert_eq!(f64_to_f16_bits(-0.0), 0x8000);
        // 1 + 2^-11 is exactly halfway between 1 and 1 + 2^-10: ties to even (down).
        assert_eq!(f64_to_f16_bits(1.0 + 2f64.powi(-11)), 0x3c00);
        // Slightly above the halfway point rounds up (no double rounding through f32).
        assert_eq!(
            f64_to_f16_bits(1.0 + 2f64.powi(-11) + 2f64.powi(-40)),
            0x3c01
        );
        assert_eq!(f16_bits_to_f64(0x3555), 0.333251953125);
        assert_eq!(f16_bits_to_f64(0x0001), 2f64.powi(-24));
        assert!(f16_bits_to_f64(0x7e00).is_nan());
    }

    #[test]
    fn elements_round_trip_in_both_byte_orders() {
        let mut bytes = [0u8; 8];
        encode_element(
            ElementType::Int32,
            ElementValue::Number(-2.0),
            &mut bytes,
            false,
        );
        assert_eq!(&bytes[..4], &[0xff, 0xff, 0xff, 0xfe]);
        assert_eq!(
            decode_element(ElementType::Int32, &bytes, false),
            ElementValue::Number(-2.0)
        );
        encode_element(
            ElementType::Uint8Clamped,
            ElementValue::Number(2.5),
            &mut bytes,
            true,
        );
        assert_eq!(bytes[0], 2);
        encode_element(
            ElementType::BigUint64,
            ElementValue::BigInt(-1),
            &mut bytes,
            true,
        );
        assert_eq!(
            decode_element(ElementType::BigUint64, &bytes, true),
            ElementValue::BigInt(u64::MAX as i128)
        );
    }
}
