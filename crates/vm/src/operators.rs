//! Operators (ECMA-262 §13, §7.2): `+`, arithmetic, `**`, bitwise and shift operators,
//! relational comparison, loose and strict equality, `instanceof`, and `in`.
//!
//! Performance decisions: every binary operator tests the Number × Number case first and
//! computes it inline; only mixed or non-number operands go to the generic slow path
//! (`#[cold]`-ish functions that may call user code through ToPrimitive).

use crate::atom::{PropertyKey, atoms};
use crate::conversions::{Numeric, PreferredType, f64_to_int32, string_to_bigint};
use crate::object::ObjectKind;
use crate::realm::Vm;
use crate::value::{JsResult, Value};

/// The numeric binary operators (everything except `+`, comparisons, and equality).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumericOperator {
    /// `-`
    Subtract,
    /// `*`
    Multiply,
    /// `/`
    Divide,
    /// `%`
    Remainder,
    /// `**`
    Exponentiate,
    /// `<<`
    LeftShift,
    /// `>>`
    SignedRightShift,
    /// `>>>`
    UnsignedRightShift,
    /// `&`
    BitwiseAnd,
    /// `|`
    BitwiseOr,
    /// `^`
    BitwiseXor,
}

/// Number::exponentiate (differs from `powf` for NaN exponents and |base| = 1 with infinite
/// exponents).
#[inline]
pub fn number_exponentiate(base: f64, exponent: f64) -> f64 {
    if exponent.is_nan() {
        return f64::NAN;
    }
    if exponent == 0.0 {
        return 1.0;
    }
    if (base == 1.0 || base == -1.0) && exponent.is_infinite() {
        return f64::NAN;
    }
    base.powf(exponent)
}

/// Applies a numeric operator to two Numbers.
#[inline]
pub fn apply_number_operator(operator: NumericOperator, left: f64, right: f64) -> f64 {
    match operator {
        NumericOperator::Subtract => left - right,
        NumericOperator::Multiply => left * right,
        NumericOperator::Divide => left / right,
        // Rust's `%` on f64 is C's fmod, which is exactly Number::remainder.
        NumericOperator::Remainder => left % right,
        NumericOperator::Exponentiate => number_exponentiate(left, right),
        NumericOperator::LeftShift => {
            f64_to_int32(left).wrapping_shl(f64_to_int32(right) as u32 & 31) as f64
        }
        NumericOperator::SignedRightShift => {
            (f64_to_int32(left) >> (f64_to_int32(right) as u32 & 31)) as f64
        }
        NumericOperator::UnsignedRightShift => {
            ((f64_to_int32(left) as u32) >> (f64_to_int32(right) as u32 & 31)) as f64
        }
        NumericOperator::BitwiseAnd => (f64_to_int32(left) & f64_to_int32(right)) as f64,
        NumericOperator::BitwiseOr => (f64_to_int32(left) | f64_to_int32(right)) as f64,
        NumericOperator::BitwiseXor => (f64_to_int32(left) ^ f64_to_int32(right)) as f64,
    }
}

impl Vm {
    /// The `+` operator.
    #[inline]
    pub fn add(&mut self, left: Value, right: Value) -> JsResult<Value> {
        if let (Value::Number(a), Value::Number(b)) = (left, right) {
            return Ok(Value::Number(a + b));
        }
        self.add_slow(left, right)
    }

    fn add_slow(&mut self, left: Value, right: Value) -> JsResult<Value> {
        if let (Value::String(a), Value::String(b)) = (left, right) {
            return Ok(Value::String(self.concat_strings(a, b)));
        }
        // `string + integer` and `integer + string` (`'item' + i`): the digits go straight into
        // the result, one allocation instead of three (digits, their string, the result).
        if let (Value::String(string), Value::Number(number))
        | (Value::Number(number), Value::String(string)) = (left, right)
        {
            let mut buffer = [0u8; 24];
            if let Some(digits) = crate::conversions::integer_decimal_digits(number, &mut buffer)
                && self.string(string).len() + digits.len() < crate::string::ROPE_THRESHOLD
                && let Some(joined) = self
                    .string(string)
                    .concat_ascii(digits, matches!(left, Value::Number(_)))
            {
                return Ok(Value::String(self.alloc_string(joined)));
            }
        }
        let left = self.to_primitive(left, PreferredType::Default)?;
        let right = self.to_primitive(right, PreferredType::Default)?;
        if left.is_string() || right.is_string() {
            let a = self.to_string(left)?;
            let b = self.to_string(right)?;
            return Ok(Value::String(self.concat_strings(a, b)));
        }
        match (self.to_numeric(left)?, self.to_numeric(right)?) {
            (Numeric::Number(a), Numeric::Number(b)) => Ok(Value::Number(a + b)),
            (Numeric::BigInt(a), Numeric::BigInt(b)) => {
                let sum = self.bigint(a).big() + self.bigint(b).big();
                self.bigint_result(Some(sum))
            }
            _ => self.throw_mixed_bigint(),
        }
    }

    /// Concatenates two heap strings (returns an operand unchanged when the other is empty).
    pub fn concat_strings(
        &mut self,
        left: crate::value::StringRef,
        right: crate::value::StringRef,
    ) -> crate::value::StringRef {
        // `len` is known for ropes too, so this does not flatten.
        if self.heap.strings.get(right).is_empty() {
            return left;
        }
        if self.heap.strings.get(left).is_empty() {
            return right;
        }
        // Lengths are known without flattening, so ropes stay unflattened here.
        let left_length = self.heap.strings.get(left).len();
        let right_length = self.heap.strings.get(right).len();
        let length = left_length + right_length;
        if length >= crate::string::ROPE_THRESHOLD {
            return self.alloc_string(crate::string::JsString::rope(left, right, length));
        }
        let joined = self.string(left).concat(self.string(right));
        self.alloc_string(joined)
    }

    /// A numeric binary operator on any values.
    #[inline]
    pub fn numeric_operator(
        &mut self,
        operator: NumericOperator,
        left: Value,
        right: Value,
    ) -> JsResult<Value> {
        if let (Value::Number(a), Value::Number(b)) = (left, right) {
            return Ok(Value::Number(apply_number_operator(operator, a, b)));
        }
        self.numeric_operator_slow(operator, left, right)
    }

    fn numeric_operator_slow(
        &mut self,
        operator: NumericOperator,
        left: Value,
        right: Value,
    ) -> JsResult<Value> {
        let left = self.to_numeric(left)?;
        let right = self.to_numeric(right)?;
        match (left, right) {
            (Numeric::Number(a), Numeric::Number(b)) => {
                Ok(Value::Number(apply_number_operator(operator, a, b)))
            }
            (Numeric::BigInt(a), Numeric::BigInt(b)) => {
                let result = self.bigint_operator(operator, a, b)?;
                self.bigint_result(result)
            }
            _ => self.throw_mixed_bigint(),
        }
    }

    /// A BigInt binary operator (`+` is handled by `add`). `Ok(None)` means the result would
    /// exceed the size limit.
    fn bigint_operator(
        &mut self,
        operator: NumericOperator,
        a: crate::value::BigIntRef,
        b: crate::value::BigIntRef,
    ) -> JsResult<Option<num_bigint::BigInt>> {
        use num_traits::{Signed, ToPrimitive, Zero};
        let limit = crate::value::BigInt::MAXIMUM_BITS;
        let a = self.bigint(a).big().clone();
        let b = self.bigint(b).big().clone();
        Ok(Some(match operator {
            NumericOperator::Subtract => a - b,
            NumericOperator::Multiply => {
                if a.bits() + b.bits() > limit + 1 {
                    return Ok(None);
                }
                a * b
            }
            NumericOperator::Divide => {
                if b.is_zero() {
                    return self.throw_range_error("Division by zero");
                }
                a / b
            }
            NumericOperator::Remainder => {
                if b.is_zero() {
                    return self.throw_range_error("Division by zero");
                }
                a % b
            }
            NumericOperator::Exponentiate => {
                if b.is_negative() {
                    return self.throw_range_error("Exponent must be non-negative");
                }
                if a.is_zero() || a.magnitude() == &num_bigint::BigUint::from(1u8) {
                    // 0n ** b, 1n ** b and (-1n) ** b never grow.
                    let exponent_is_odd = b.bit(0);
                    if b.is_zero() {
                        num_bigint::BigInt::from(1u8)
                    } else if a.is_negative() && !exponent_is_odd {
                        -a
                    } else {
                        a
                    }
                } else {
                    let Some(exponent) = b.to_u64().filter(|&exponent| {
                        exponent.saturating_mul(a.bits().saturating_sub(1).max(1)) <= limit
                    }) else {
                        return Ok(None);
                    };
                    num_traits::pow::Pow::pow(&a, exponent)
                }
            }
            NumericOperator::LeftShift => match bigint_shift_amount(&b) {
                Some(shift) if shift >= 0 => {
                    if a.is_zero() {
                        a
                    } else if a.bits() + shift as u64 > limit {
                        return Ok(None);
                    } else {
                        a << shift as u64
                    }
                }
                Some(shift) => a >> shift.unsigned_abs(),
                None if b.is_negative() => shift_out(&a),
                None if a.is_zero() => a,
                None => return Ok(None),
            },
            NumericOperator::SignedRightShift => match bigint_shift_amount(&b) {
                Some(shift) if shift >= 0 => a >> shift as u64,
                Some(shift) => {
                    if a.is_zero() {
                        a
                    } else if a.bits() + shift.unsigned_abs() > limit {
                        return Ok(None);
                    } else {
                        a << shift.unsigned_abs()
                    }
                }
                None if !b.is_negative() => shift_out(&a),
                None if a.is_zero() => a,
                None => return Ok(None),
            },
            NumericOperator::UnsignedRightShift => {
                return self
                    .throw_type_error("BigInts have no unsigned right shift, use >> instead");
            }
            NumericOperator::BitwiseAnd => a & b,
            NumericOperator::BitwiseOr => a | b,
            NumericOperator::BitwiseXor => a ^ b,
        }))
    }

    fn bigint_result(&mut self, result: Option<num_bigint::BigInt>) -> JsResult<Value> {
        match result.and_then(crate::value::BigInt::from_big) {
            Some(value) => Ok(Value::BigInt(self.heap.bigints.allocate(value))),
            None => self.throw_range_error("Maximum BigInt size exceeded"),
        }
    }

    fn throw_mixed_bigint<T>(&mut self) -> JsResult<T> {
        self.throw_type_error("Cannot mix BigInt and other types, use explicit conversions")
    }

    /// Unary `-`.
    pub fn negate(&mut self, value: Value) -> JsResult<Value> {
        match self.to_numeric(value)? {
            Numeric::Number(number) => Ok(Value::Number(-number)),
            Numeric::BigInt(bigint) => {
                let negated = -self.bigint(bigint).big();
                self.bigint_result(Some(negated))
            }
        }
    }

    /// Unary `+` (ToNumber).
    pub fn unary_plus(&mut self, value: Value) -> JsResult<Value> {
        Ok(Value::Number(self.to_number(value)?))
    }

    /// Unary `~`.
    pub fn bitwise_not(&mut self, value: Value) -> JsResult<Value> {
        match self.to_numeric(value)? {
            Numeric::Number(number) => Ok(Value::Number(!f64_to_int32(number) as f64)),
            Numeric::BigInt(bigint) => {
                let inverted = !self.bigint(bigint).big();
                self.bigint_result(Some(inverted))
            }
        }
    }

    /// `++`/`--` core: ToNumeric(value) + delta (delta is 1 or -1). Returns the new value.
    pub fn increment(&mut self, value: Value, delta: i8) -> JsResult<Value> {
        match self.to_numeric(value)? {
            Numeric::Number(number) => Ok(Value::Number(number + delta as f64)),
            Numeric::BigInt(bigint) => {
                let result = self.bigint(bigint).big() + num_bigint::BigInt::from(delta);
                self.bigint_result(Some(result))
            }
        }
    }

    /// ToNumeric as a value (for postfix `x++`, which yields the old numeric value).
    pub fn to_numeric_value(&mut self, value: Value) -> JsResult<Value> {
        match self.to_numeric(value)? {
            Numeric::Number(number) => Ok(Value::Number(number)),
            Numeric::BigInt(bigint) => Ok(Value::BigInt(bigint)),
        }
    }

    // ----- comparison -----

    /// IsLessThan(left, right, leftFirst): `None` means undefined (a NaN was involved).
    pub fn is_less_than(
        &mut self,
        left: Value,
        right: Value,
        left_first: bool,
    ) -> JsResult<Option<bool>> {
        if let (Value::Number(a), Value::Number(b)) = (left, right) {
            return Ok(if a.is_nan() || b.is_nan() {
                None
            } else {
                Some(a < b)
            });
        }
        let (px, py) = if left_first {
            let px = self.to_primitive(left, PreferredType::Number)?;
            let py = self.to_primitive(right, PreferredType::Number)?;
            (px, py)
        } else {
            let py = self.to_primitive(right, PreferredType::Number)?;
            let px = self.to_primitive(left, PreferredType::Number)?;
            (px, py)
        };
        if let (Value::String(a), Value::String(b)) = (px, py) {
            return Ok(Some(
                self.string(a).compare(self.string(b)) == std::cmp::Ordering::Less,
            ));
        }
        if let (Value::BigInt(a), Value::String(b)) = (px, py) {
            let Some(b) = string_to_bigint(self.string(b).view()) else {
                return Ok(None);
            };
            return Ok(Some(self.bigint(a) < &b));
        }
        if let (Value::String(a), Value::BigInt(b)) = (px, py) {
            let Some(a) = string_to_bigint(self.string(a).view()) else {
                return Ok(None);
            };
            return Ok(Some(&a < self.bigint(b)));
        }
        let nx = self.to_numeric(px)?;
        let ny = self.to_numeric(py)?;
        Ok(match (nx, ny) {
            (Numeric::Number(a), Numeric::Number(b)) => {
                if a.is_nan() || b.is_nan() {
                    None
                } else {
                    Some(a < b)
                }
            }
            (Numeric::BigInt(a), Numeric::BigInt(b)) => Some(self.bigint(a) < self.bigint(b)),
            (Numeric::BigInt(a), Numeric::Number(b)) => {
                if b.is_nan() {
                    None
                } else {
                    Some(self.bigint(a).compare_f64(b) == std::cmp::Ordering::Less)
                }
            }
            (Numeric::Number(a), Numeric::BigInt(b)) => {
                if a.is_nan() {
                    None
                } else {
                    Some(self.bigint(b).compare_f64(a) == std::cmp::Ordering::Greater)
                }
            }
        })
    }

    /// `left < right`.
    #[inline]
    pub fn less_than(&mut self, left: Value, right: Value) -> JsResult<bool> {
        if let (Value::Number(a), Value::Number(b)) = (left, right) {
            return Ok(a < b);
        }
        Ok(self.is_less_than(left, right, true)? == Some(true))
    }

    /// `left > right`.
    #[inline]
    pub fn greater_than(&mut self, left: Value, right: Value) -> JsResult<bool> {
        if let (Value::Number(a), Value::Number(b)) = (left, right) {
            return Ok(a > b);
        }
        Ok(self.is_less_than(right, left, false)? == Some(true))
    }

    /// `left <= right`.
    #[inline]
    pub fn less_equal(&mut self, left: Value, right: Value) -> JsResult<bool> {
        if let (Value::Number(a), Value::Number(b)) = (left, right) {
            return Ok(a <= b);
        }
        Ok(self.is_less_than(right, left, false)? == Some(false))
    }

    /// `left >= right`.
    #[inline]
    pub fn greater_equal(&mut self, left: Value, right: Value) -> JsResult<bool> {
        if let (Value::Number(a), Value::Number(b)) = (left, right) {
            return Ok(a >= b);
        }
        Ok(self.is_less_than(left, right, true)? == Some(false))
    }

    // ----- equality -----

    /// IsStrictlyEqual (`===`).
    #[inline]
    pub fn strict_equal(&self, left: Value, right: Value) -> bool {
        match (left, right) {
            (Value::Number(a), Value::Number(b)) => a == b,
            (Value::String(a), Value::String(b)) => {
                a == b
                    || (self.heap.strings.get(a).len() == self.heap.strings.get(b).len()
                        && self.string(a) == self.string(b))
            }
            (Value::BigInt(a), Value::BigInt(b)) => a == b || self.bigint(a) == self.bigint(b),
            (Value::Undefined | Value::Hole, Value::Undefined | Value::Hole) => true,
            (Value::Null, Value::Null) => true,
            (Value::Boolean(a), Value::Boolean(b)) => a == b,
            (Value::Symbol(a), Value::Symbol(b)) => a == b,
            (Value::Object(a), Value::Object(b)) => a == b,
            _ => false,
        }
    }

    /// IsLooselyEqual (`==`).
    pub fn loose_equal(&mut self, left: Value, right: Value) -> JsResult<bool> {
        let mut left = left;
        let mut right = right;
        // Each round strips one conversion; a bounded loop instead of recursion.
        loop {
            if std::mem::discriminant(&left) == std::mem::discriminant(&right) {
                return Ok(self.strict_equal(left, right));
            }
            match (left, right) {
                (
                    Value::Undefined | Value::Null | Value::Hole,
                    Value::Undefined | Value::Null | Value::Hole,
                ) => return Ok(true),
                // Annex B [[IsHTMLDDA]]: such an object is loosely equal to null and undefined.
                (Value::Object(object), Value::Undefined | Value::Null | Value::Hole)
                | (Value::Undefined | Value::Null | Value::Hole, Value::Object(object)) => {
                    return Ok(self.is_html_dda(object));
                }
                (Value::Number(a), Value::String(b)) => {
                    return Ok(a == crate::conversions::string_to_number(self.string(b)));
                }
                (Value::String(a), Value::Number(b)) => {
                    return Ok(crate::conversions::string_to_number(self.string(a)) == b);
                }
                (Value::BigInt(a), Value::String(b)) => {
                    let parsed = string_to_bigint(self.string(b).view());
                    return Ok(parsed.as_ref() == Some(self.bigint(a)));
                }
                (Value::String(a), Value::BigInt(b)) => {
                    let parsed = string_to_bigint(self.string(a).view());
                    return Ok(parsed.as_ref() == Some(self.bigint(b)));
                }
                (Value::Boolean(boolean), _) => {
                    left = Value::Number(if boolean { 1.0 } else { 0.0 })
                }
                (_, Value::Boolean(boolean)) => {
                    right = Value::Number(if boolean { 1.0 } else { 0.0 })
                }
                (
                    Value::Object(_),
                    Value::Number(_) | Value::String(_) | Value::BigInt(_) | Value::Symbol(_),
                ) => {
                    left = self.to_primitive(left, PreferredType::Default)?;
                }
                (
                    Value::Number(_) | Value::String(_) | Value::BigInt(_) | Value::Symbol(_),
                    Value::Object(_),
                ) => {
                    right = self.to_primitive(right, PreferredType::Default)?;
                }
                (Value::BigInt(a), Value::Number(b)) | (Value::Number(b), Value::BigInt(a)) => {
                    if !b.is_finite() {
                        return Ok(false);
                    }
                    return Ok(self.bigint(a).compare_f64(b) == std::cmp::Ordering::Equal);
                }
                _ => return Ok(false),
            }
        }
    }

    // ----- instanceof / in -----

    /// InstanceofOperator(value, target).
    pub fn instance_of(&mut self, value: Value, target: Value) -> JsResult<bool> {
        let Value::Object(target_object) = target else {
            return self.throw_type_error("Right-hand side of 'instanceof' is not an object");
        };
        let key = PropertyKey::Symbol(self.intrinsics.symbols.has_instance);
        let handler = self.get(target_object, key)?;
        let is_default_handler =
            matches!(handler, Value::Object(h) if h == self.intrinsics.function_has_instance);
        if !handler.is_nullish() && !is_default_handler {
            if !self.is_callable(handler) {
                return self.throw_type_error("Symbol.hasInstance is not a function");
            }
            let result = self.call(handler, target, &[value])?;
            return Ok(self.to_boolean(result));
        }
        if !self.is_callable(target) {
            return self.throw_type_error("Right-hand side of 'instanceof' is not callable");
        }
        self.ordinary_has_instance(target, value)
    }

    /// OrdinaryHasInstance(C, O).
    pub fn ordinary_has_instance(&mut self, constructor: Value, value: Value) -> JsResult<bool> {
        let Value::Object(constructor_object) = constructor else {
            return Ok(false);
        };
        if !self.object(constructor_object).is_callable() {
            return Ok(false);
        }
        if let ObjectKind::BoundFunction(bound) = &self.object(constructor_object).kind {
            let target = Value::Object(bound.target);
            return self.instance_of(value, target);
        }
        let Value::Object(mut object) = value else {
            return Ok(false);
        };
        let prototype = self.get(constructor_object, PropertyKey::Atom(atoms::PROTOTYPE))?;
        let Value::Object(prototype) = prototype else {
            return self.throw_type_error("Function has non-object prototype in instanceof check");
        };
        loop {
            match self.get_prototype_of(object)? {
                Some(next) if next == prototype => return Ok(true),
                Some(next) => object = next,
                None => return Ok(false),
            }
        }
    }

    /// The `in` operator: `key in target`.
    pub fn in_operator(&mut self, key: Value, target: Value) -> JsResult<bool> {
        let Value::Object(object) = target else {
            let key_text = self.to_rust_string(key).unwrap_or_default();
            let description = self.describe_value_for_error(target);
            return self.throw_type_error(&format!(
                "Cannot use 'in' operator to search for '{key_text}' in {description}"
            ));
        };
        let key = self.to_property_key(key)?;
        self.has_property(object, key)
    }
}

/// `a << b` for the i128 BigInt stub (negative `b` shifts right, flooring).
/// A BigInt shift count as `i64`, or `None` when it is larger in magnitude (such a shift either
/// exceeds the size limit or shifts every bit out).
fn bigint_shift_amount(count: &num_bigint::BigInt) -> Option<i64> {
    use num_traits::ToPrimitive;
    count.to_i64()
}

/// The result of shifting every bit of `value` out to the right: 0n, or -1n for negatives.
fn shift_out(value: &num_bigint::BigInt) -> num_bigint::BigInt {
    use num_traits::Signed;
    if value.is_negative() {
        num_bigint::BigInt::from(-1)
    } else {
        num_bigint::BigInt::from(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::function::Args;
    use crate::value::ObjectRef;

    fn number(vm: &mut Vm, result: JsResult<Value>) -> f64 {
        match result {
            Ok(Value::Number(number)) => number,
            Ok(other) => panic!(
                "expected a number, got {}",
                vm.describe_value_for_error(other)
            ),
            Err(error) => panic!("unexpected throw: {:?}", vm.describe_exception(error)),
        }
    }

    fn text(vm: &mut Vm, value: JsResult<Value>) -> String {
        let value = value.expect("no throw");
        vm.to_rust_string(value).expect("convertible")
    }

    #[test]
    fn exponentiation_edge_cases() {
        assert!(number_exponentiate(1.0, f64::INFINITY).is_nan());
        assert!(number_exponentiate(-1.0, f64::NEG_INFINITY).is_nan());
        assert!(number_exponentiate(1.0, f64::NAN).is_nan());
        assert_eq!(number_exponentiate(f64::NAN, 0.0), 1.0);
        assert_eq!(number_exponentiate(2.0, 10.0), 1024.0);
        assert!(number_exponentiate(-8.0, 1.0 / 3.0).is_nan());
    }

    #[test]
    fn arithmetic_and_bitwise_operators() {
        let mut vm = Vm::new();
        let apply = |vm: &mut Vm, operator, a: f64, b: f64| {
            let result = vm.numeric_operator(operator, Value::Number(a), Value::Number(b));
            number(vm, result)
        };
        assert_eq!(apply(&mut vm, NumericOperator::Remainder, 5.5, 2.0), 1.5);
        assert_eq!(apply(&mut vm, NumericOperator::Remainder, -5.0, 2.0), -1.0);
        assert!(apply(&mut vm, NumericOperator::Remainder, 5.0, 0.0).is_nan());
        assert_eq!(
            apply(&mut vm, NumericOperator::Remainder, 5.0, f64::INFINITY),
            5.0
        );
        assert!(apply(&mut vm, NumericOperator::Remainder, -0.0, 5.0).is_sign_negative());
        assert_eq!(
            apply(&mut vm, NumericOperator::LeftShift, 1.0, 31.0),
            -2147483648.0
        );
        assert_eq!(apply(&mut vm, NumericOperator::LeftShift, 1.0, 32.0), 1.0);
        assert_eq!(
            apply(&mut vm, NumericOperator::UnsignedRightShift, -1.0, 0.0),
            4294967295.0
        );
        assert_eq!(
            apply(&mut vm, NumericOperator::SignedRightShift, -16.0, 2.0),
            -4.0
        );
        assert_eq!(apply(&mut vm, NumericOperator::BitwiseXor, 5.0, 3.0), 6.0);
        assert_eq!(
            apply(&mut vm, NumericOperator::BitwiseAnd, 4294967295.0, 255.0),
            255.0
        );
        let string = Value::String(vm.new_string("6"));
        let product = vm.numeric_operator(NumericOperator::Multiply, string, Value::Number(7.0));
        assert_eq!(number(&mut vm, product), 42.0);
        let not = vm.bitwise_not(Value::Number(5.0));
        assert_eq!(number(&mut vm, not), -6.0);
    }

    #[test]
    fn addition_concatenates_or_adds() {
        let mut vm = Vm::new();
        let a = Value::String(vm.new_string("a"));
        let sum = vm.add(a, Value::Number(1.0));
        assert_eq!(text(&mut vm, sum), "a1");
        let sum = vm.add(Value::Number(1.0), Value::Null);
        assert_eq!(number(&mut vm, sum), 1.0);
        let sum = vm.add(Value::Boolean(true), Value::Boolean(true));
        assert_eq!(number(&mut vm, sum), 2.0);
        let sum = vm.add(Value::Undefined, Value::Number(1.0));
        assert!(number(&mut vm, sum).is_nan());
        let array = vm.new_array(vec![]);
        // [] + 1: Array.prototype.toString is a built-in; without it, ToPrimitive throws or
        // falls back. Either way it must not panic.
        let _ = vm.add(Value::Object(array), Value::Number(1.0));
        let left = vm.new_bigint(2);
        let right = vm.new_bigint(3);
        let big_sum = vm
            .add(Value::BigInt(left), Value::BigInt(right))
            .expect("bigint add");
        assert_eq!(text(&mut vm, Ok(big_sum)), "5");
        assert!(vm.add(Value::BigInt(left), Value::Number(1.0)).is_err());
    }

    #[test]
    fn relational_comparison() {
        let mut vm = Vm::new();
        let a = Value::String(vm.new_string("a"));
        let b = Value::String(vm.new_string("b"));
        let ten = Value::String(vm.new_string("10"));
        let nine = Value::String(vm.new_string("9"));
        assert_eq!(vm.less_than(a, b).ok(), Some(true));
        assert_eq!(
            vm.less_than(ten, nine).ok(),
            Some(true),
            "strings compare by code units"
        );
        assert_eq!(vm.less_than(ten, Value::Number(9.0)).ok(), Some(false));
        assert_eq!(
            vm.less_equal(Value::Number(f64::NAN), Value::Number(1.0))
                .ok(),
            Some(false)
        );
        assert_eq!(
            vm.greater_equal(Value::Undefined, Value::Number(0.0)).ok(),
            Some(false)
        );
        assert_eq!(
            vm.greater_equal(Value::Null, Value::Number(0.0)).ok(),
            Some(true)
        );
        let big = vm.new_bigint(5);
        assert_eq!(
            vm.less_than(Value::Number(4.5), Value::BigInt(big)).ok(),
            Some(true)
        );
    }

    #[test]
    fn loose_and_strict_equality() {
        let mut vm = Vm::new();
        let one = Value::String(vm.new_string("1"));
        let another_one = Value::String(vm.new_string("1"));
        let empty = Value::String(vm.intrinsics.empty_string);
        assert_eq!(
            vm.loose_equal(Value::Null, Value::Undefined).ok(),
            Some(true)
        );
        assert_eq!(vm.loose_equal(one, Value::Number(1.0)).ok(), Some(true));
        assert_eq!(
            vm.loose_equal(Value::Boolean(true), Value::Number(1.0))
                .ok(),
            Some(true)
        );
        assert_eq!(vm.loose_equal(empty, Value::Number(0.0)).ok(), Some(true));
        assert_eq!(
            vm.loose_equal(Value::Null, Value::Number(0.0)).ok(),
            Some(false)
        );
        assert_eq!(
            vm.loose_equal(Value::Number(f64::NAN), Value::Number(f64::NAN))
                .ok(),
            Some(false)
        );
        assert!(
            vm.strict_equal(one, another_one),
            "strings compare by content"
        );
        assert!(!vm.strict_equal(one, Value::Number(1.0)));
        assert!(vm.strict_equal(Value::Number(0.0), Value::Number(-0.0)));
        let big = vm.new_bigint(1);
        assert_eq!(
            vm.loose_equal(Value::BigInt(big), Value::Number(1.0)).ok(),
            Some(true)
        );
        assert_eq!(vm.loose_equal(Value::BigInt(big), one).ok(), Some(true));
        let object = vm.new_object();
        assert_eq!(
            vm.loose_equal(Value::Object(object), Value::Object(object))
                .ok(),
            Some(true)
        );
        assert_eq!(
            vm.loose_equal(Value::Object(object), Value::Null).ok(),
            Some(false)
        );
    }

    #[test]
    fn instanceof_and_in() {
        let mut vm = Vm::new();
        let error = vm.new_type_error("boom");
        let type_error = Value::Object(vm.intrinsics.type_error_constructor);
        let error_constructor = Value::Object(vm.intrinsics.error_constructor);
        let range_error = Value::Object(vm.intrinsics.range_error_constructor);
        assert_eq!(vm.instance_of(error, type_error).ok(), Some(true));
        assert_eq!(vm.instance_of(error, error_constructor).ok(), Some(true));
        assert_eq!(vm.instance_of(error, range_error).ok(), Some(false));
        assert_eq!(
            vm.instance_of(Value::Number(1.0), type_error).ok(),
            Some(false)
        );
        assert!(vm.instance_of(error, Value::Number(1.0)).is_err());
        let plain = Value::Object(vm.new_object());
        assert!(
            vm.instance_of(error, plain).is_err(),
            "non-callable right-hand side"
        );
        // Bound functions delegate to their target.
        let bound = vm.new_bound_function(
            vm.intrinsics.type_error_constructor,
            Value::Undefined,
            vec![],
        );
        let bound: ObjectRef = bound.expect("bind");
        assert_eq!(vm.instance_of(error, Value::Object(bound)).ok(), Some(true));
        let message = Value::String(vm.atom_string(atoms::MESSAGE));
        assert_eq!(vm.in_operator(message, error).ok(), Some(true));
        let missing = Value::String(vm.new_string("missing"));
        assert_eq!(vm.in_operator(missing, error).ok(), Some(false));
        assert!(vm.in_operator(message, Value::Number(1.0)).is_err());
    }

    #[test]
    fn symbol_has_instance_is_consulted() {
        fn always(_vm: &mut Vm, _this: Value, _args: Args) -> JsResult<Value> {
            Ok(Value::Boolean(true))
        }
        let mut vm = Vm::new();
        let target = vm.new_object();
        let handler = vm.new_native_function("[Symbol.hasInstance]", 1, always, false);
        let key = PropertyKey::Symbol(vm.intrinsics.symbols.has_instance);
        vm.define_data_property(
            target,
            key,
            Value::Object(handler),
            crate::shape::Attributes::HIDDEN_DATA,
        );
        assert_eq!(
            vm.instance_of(Value::Number(1.0), Value::Object(target))
                .ok(),
            Some(true)
        );
    }
}

#[cfg(test)]
mod rope_tests {
    use super::*;

    #[test]
    fn repeated_concatenation_builds_a_rope_and_flattens_once() {
        let mut vm = Vm::new();
        // The realm's own strings (built-in names) are the baseline the rope is measured on.
        let realm_strings = vm.collect_garbage().strings;
        let mut text = Value::String(vm.intrinsics.empty_string);
        let letter = Value::String(vm.new_string("ab"));
        for _ in 0..100_000 {
            text = vm.add(text, letter).expect("concat");
        }
        let string = text.as_string().expect("string");
        assert!(
            !vm.heap.strings.get(string).is_flat(),
            "long concatenations are ropes"
        );
        assert_eq!(vm.heap.strings.get(string).len(), 200_000);
        // Rooted rope survives a collection with all its pieces.
        vm.root(text);
        vm.collect_garbage();
        let flat = vm.string(string);
        assert!(flat.is_flat());
        assert_eq!(flat.len(), 200_000);
        assert_eq!(flat.code_unit_at(199_999), Some(b'b' as u16));
        assert_eq!(flat.code_unit_at(0), Some(b'a' as u16));
        // After flattening the children are released.
        vm.handles.clear();
        vm.root(text);
        let counts = vm.collect_garbage();
        assert!(
            counts.strings < realm_strings + 100,
            "rope nodes were freed after flattening: {} live strings, {realm_strings} in the realm",
            counts.strings
        );
        let wide = Value::String(vm.new_string("€"));
        let mixed = vm.add(text, wide).expect("concat");
        let mixed = mixed.as_string().expect("string");
        assert_eq!(vm.string(mixed).code_unit_at(200_000), Some(0x20AC));
        assert!(matches!(
            vm.string(mixed).data(),
            crate::string::StringData::TwoByte(_)
        ));
    }
}
