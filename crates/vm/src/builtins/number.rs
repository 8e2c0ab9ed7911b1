//! `Number`, `Boolean`, `BigInt` (constructor and prototype basics), and the global
//! functions `parseInt`, `parseFloat`, `isNaN`, `isFinite`.
//!
//! Number formatting goes through `number_format` (bit-exact with V8). `toLocaleString`
//! (Number and BigInt) goes through `intl::number`, the Intl.NumberFormat implementation.

use super::number_format::{
    number_to_exponential, number_to_fixed, number_to_precision, number_to_string_radix,
};
use super::{constant_property, method, string_value, to_units};
use crate::conversions::{is_js_whitespace, number_to_rust_string};
use crate::function::Args;
use crate::object::ObjectKind;
use crate::realm::Vm;
use crate::value::{JsResult, Value};

/// Installs `Number`, `Boolean`, `BigInt` and the global number functions.
pub fn install(vm: &mut Vm) {
    let constructor = vm.intrinsics.number_constructor;
    super::install_constructor_behaviour(vm, constructor, number_constructor, 1);
    constant_property(vm, constructor, "EPSILON", Value::Number(f64::EPSILON));
    constant_property(
        vm,
        constructor,
        "MAX_SAFE_INTEGER",
        Value::Number(9007199254740991.0),
    );
    constant_property(
        vm,
        constructor,
        "MIN_SAFE_INTEGER",
        Value::Number(-9007199254740991.0),
    );
    constant_property(vm, constructor, "MAX_VALUE", Value::Number(f64::MAX));
    constant_property(vm, constructor, "MIN_VALUE", Value::Number(5e-324));
    constant_property(vm, constructor, "NaN", Value::Number(f64::NAN));
    constant_property(
        vm,
        constructor,
        "POSITIVE_INFINITY",
        Value::Number(f64::INFINITY),
    );
    constant_property(
        vm,
        constructor,
        "NEGATIVE_INFINITY",
        Value::Number(f64::NEG_INFINITY),
    );
    method(vm, constructor, "isInteger", 1, number_is_integer);
    method(vm, constructor, "isSafeInteger", 1, number_is_safe_integer);
    method(vm, constructor, "isFinite", 1, number_is_finite);
    method(vm, constructor, "isNaN", 1, number_is_nan);
    let parse_float = vm.new_native_function("parseFloat", 1, global_parse_float, false);
    let parse_int = vm.new_native_function("parseInt", 2, global_parse_int, false);
    super::value_property(vm, constructor, "parseFloat", Value::Object(parse_float));
    super::value_property(vm, constructor, "parseInt", Value::Object(parse_int));
    vm.define_global("parseFloat", Value::Object(parse_float));
    vm.define_global("parseInt", Value::Object(parse_int));
    let global = vm.global_object();
    method(vm, global, "isNaN", 1, global_is_nan);
    method(vm, global, "isFinite", 1, global_is_finite);

    // The prototypes' methods and `BigInt`'s statics are installed on first touch (see
    // `crate::deferred_contents`); `Number` itself stays eager because its `parseFloat` and
    // `parseInt` are the same function objects as the globals defined above.
    let boolean = vm.intrinsics.boolean_constructor;
    super::install_constructor_behaviour(vm, boolean, boolean_constructor, 1);
    let bigint = vm.intrinsics.bigint_constructor;
    super::install_constructor_behaviour(vm, bigint, bigint_constructor, 1);
    let members = [
        vm.intrinsics.number_prototype,
        vm.intrinsics.boolean_prototype,
        vm.intrinsics.bigint_prototype,
        bigint,
    ];
    vm.defer_contents(&members, install_contents);
}

/// Installs the methods of `Number.prototype`, `Boolean.prototype`, `BigInt.prototype` and
/// the statics of `BigInt`, in the order of eager installation.
fn install_contents(vm: &mut Vm) {
    let prototype = vm.intrinsics.number_prototype;
    method(vm, prototype, "toString", 1, number_to_string_method);
    method(vm, prototype, "toFixed", 1, number_to_fixed_method);
    method(
        vm,
        prototype,
        "toExponential",
        1,
        number_to_exponential_method,
    );
    method(vm, prototype, "toPrecision", 1, number_to_precision_method);
    method(vm, prototype, "toLocaleString", 0, number_to_locale_string);
    method(vm, prototype, "valueOf", 0, number_value_of);

    let boolean_prototype = vm.intrinsics.boolean_prototype;
    method(vm, boolean_prototype, "toString", 0, boolean_to_string);
    method(vm, boolean_prototype, "valueOf", 0, boolean_value_of);

    let bigint = vm.intrinsics.bigint_constructor;
    let bigint_prototype = vm.intrinsics.bigint_prototype;
    method(vm, bigint_prototype, "toString", 0, bigint_to_string);
    method(
        vm,
        bigint_prototype,
        "toLocaleString",
        0,
        bigint_to_locale_string,
    );
    method(vm, bigint_prototype, "valueOf", 0, bigint_value_of);
    super::to_string_tag(vm, bigint_prototype, "BigInt");
    method(vm, bigint, "asIntN", 2, |vm, _, args| {
        bigint_as_n(vm, args, true)
    });
    method(vm, bigint, "asUintN", 2, |vm, _, args| {
        bigint_as_n(vm, args, false)
    });
}

/// ToBigInt (ES2025 7.1.13) keeping the full value.
fn to_bigint(vm: &mut Vm, value: Value) -> JsResult<crate::value::BigIntRef> {
    let primitive = match value {
        Value::Object(_) => vm.to_primitive(value, crate::conversions::PreferredType::Number)?,
        other => other,
    };
    match primitive {
        Value::BigInt(bigint) => Ok(bigint),
        Value::Boolean(boolean) => Ok(vm.new_bigint(i128::from(boolean))),
        Value::String(string) => {
            match crate::conversions::string_to_bigint(vm.string(string).view()) {
                Some(parsed) => Ok(vm.new_bigint_from(parsed)),
                None => {
                    let text = vm.string_to_rust(string);
                    vm.throw_syntax_error(&format!("Cannot convert {text} to a BigInt"))
                }
            }
        }
        other => {
            let text = vm.describe_value_for_error(other);
            vm.throw_type_error(&format!("Cannot convert {text} to a BigInt"))
        }
    }
}

/// `BigInt.asIntN(bits, bigint)` / `BigInt.asUintN(bits, bigint)`.
fn bigint_as_n(vm: &mut Vm, args: Args, signed: bool) -> JsResult<Value> {
    let bits = args.get(vm, 0);
    let bits = vm.to_index(bits)?;
    let value = args.get(vm, 1);
    let value = to_bigint(vm, value)?;
    match vm.bigint(value).wrap_to_bits(bits as u64, signed) {
        Some(wrapped) => Ok(Value::BigInt(vm.new_bigint_from(wrapped))),
        None => vm.throw_range_error("Maximum BigInt size exceeded"),
    }
}

fn number_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let number = if args.is_empty() {
        0.0
    } else {
        match vm.to_numeric(args.get(vm, 0))? {
            crate::conversions::Numeric::Number(number) => number,
            crate::conversions::Numeric::BigInt(bigint) => vm.bigint(bigint).to_f64(),
        }
    };
    if !args.is_construct_call() {
        return Ok(Value::Number(number));
    }
    let fallback = vm.intrinsics.number_prototype;
    let prototype = vm.get_prototype_from_constructor(args.new_target(), fallback)?;
    Ok(Value::Object(vm.alloc_object(
        Some(prototype),
        ObjectKind::NumberWrapper(number),
    )))
}

fn number_is_integer(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    Ok(Value::Boolean(
        matches!(args.get(vm, 0), Value::Number(n) if n.is_finite() && n.trunc() == n),
    ))
}

fn number_is_safe_integer(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    Ok(Value::Boolean(
        matches!(args.get(vm, 0), Value::Number(n) if n.is_finite() && n.trunc() == n && n.abs() <= 9007199254740991.0),
    ))
}

fn number_is_finite(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    Ok(Value::Boolean(
        matches!(args.get(vm, 0), Value::Number(n) if n.is_finite()),
    ))
}

fn number_is_nan(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    Ok(Value::Boolean(
        matches!(args.get(vm, 0), Value::Number(n) if n.is_nan()),
    ))
}

fn global_is_nan(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let number = vm.to_number(args.get(vm, 0))?;
    Ok(Value::Boolean(number.is_nan()))
}

fn global_is_finite(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let number = vm.to_number(args.get(vm, 0))?;
    Ok(Value::Boolean(number.is_finite()))
}

/// `parseInt(string, radix)` on code units (radix 0 means "detect").
pub fn parse_int_units(units: &[u16], radix: u32) -> f64 {
    let mut index = 0;
    while index < units.len() && is_js_whitespace(units[index]) {
        index += 1;
    }
    let mut sign = 1.0;
    if index < units.len() && (units[index] == u16::from(b'-') || units[index] == u16::from(b'+')) {
        if units[index] == u16::from(b'-') {
            sign = -1.0;
        }
        index += 1;
    }
    let mut radix = radix;
    let mut strip_prefix = true;
    if radix != 0 {
        if !(2..=36).contains(&radix) {
            return f64::NAN;
        }
        if radix != 16 {
            strip_prefix = false;
        }
    } else {
        radix = 10;
    }
    if strip_prefix
        && index + 1 < units.len()
        && units[index] == u16::from(b'0')
        && (units[index + 1] == u16::from(b'x') || units[index + 1] == u16::from(b'X'))
    {
        index += 2;
        radix = 16;
    }
    let digits_start = index;
    while index < units.len() {
        let unit = units[index];
        let digit = match unit {
            0x30..=0x39 => (unit - 0x30) as u32,
            0x61..=0x7a => (unit - 0x61) as u32 + 10,
            0x41..=0x5a => (unit - 0x41) as u32 + 10,
            _ => 99,
        };
        if digit >= radix {
            break;
        }
        index += 1;
    }
    if index == digits_start {
        return f64::NAN;
    }
    let digits: String = units[digits_start..index]
        .iter()
        .map(|&unit| unit as u8 as char)
        .collect();
    let magnitude = if radix == 10 {
        // Decimal digits go through the correctly rounded float parser.
        digits.parse::<f64>().unwrap_or(f64::NAN)
    } else {
        crate::conversions::parse_integer_digits(&digits, radix).unwrap_or(f64::NAN)
    };
    sign * magnitude
}

/// `parseFloat(string)` on code units: the longest StrDecimalLiteral prefix.
pub fn parse_float_units(units: &[u16]) -> f64 {
    let mut index = 0;
    while index < units.len() && is_js_whitespace(units[index]) {
        index += 1;
    }
    let text: String = units[index..]
        .iter()
        .take_while(|&&unit| unit < 128)
        .map(|&unit| unit as u8 as char)
        .collect();
    let bytes = text.as_bytes();
    let mut end = 0;
    if end < bytes.len() && (bytes[end] == b'+' || bytes[end] == b'-') {
        end += 1;
    }
    if text[end..].starts_with("Infinity") {
        return if bytes.first() == Some(&b'-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        };
    }
    let mantissa_start = end;
    while end < bytes.len() && bytes[end].is_ascii_digit() {
        end += 1;
    }
    if end < bytes.len() && bytes[end] == b'.' {
        end += 1;
        while end < bytes.len() && bytes[end].is_ascii_digit() {
            end += 1;
        }
    }
    let mantissa = &text[mantissa_start..end];
    if mantissa.is_empty() || mantissa == "." {
        return f64::NAN;
    }
    if end < bytes.len() && (bytes[end] == b'e' || bytes[end] == b'E') {
        let mut exponent_end = end + 1;
        if exponent_end < bytes.len()
            && (bytes[exponent_end] == b'+' || bytes[exponent_end] == b'-')
        {
            exponent_end += 1;
        }
        let digits_start = exponent_end;
        while exponent_end < bytes.len() && bytes[exponent_end].is_ascii_digit() {
            exponent_end += 1;
        }
        if exponent_end > digits_start {
            end = exponent_end;
        }
    }
    text[..end].parse::<f64>().unwrap_or(f64::NAN)
}

fn global_parse_int(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let units = to_units(vm, args.get(vm, 0))?;
    let radix = vm.to_int32(args.get(vm, 1))?;
    Ok(Value::Number(parse_int_units(&units, radix as u32)))
}

fn global_parse_float(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let units = to_units(vm, args.get(vm, 0))?;
    Ok(Value::Number(parse_float_units(&units)))
}

/// thisNumberValue.
fn this_number(vm: &mut Vm, this: Value, method_name: &str) -> JsResult<f64> {
    match this {
        Value::Number(number) => Ok(number),
        Value::Object(object) => match vm.object(object).kind {
            ObjectKind::NumberWrapper(number) => Ok(number),
            _ => vm.throw_type_error(&format!(
                "Number.prototype.{method_name} requires that 'this' be a Number"
            )),
        },
        _ => vm.throw_type_error(&format!(
            "Number.prototype.{method_name} requires that 'this' be a Number"
        )),
    }
}

fn number_to_string_method(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let number = this_number(vm, this, "toString")?;
    let radix_value = args.get(vm, 0);
    let radix = if radix_value.is_undefined() {
        10.0
    } else {
        vm.to_integer_or_infinity(radix_value)?
    };
    if !(2.0..=36.0).contains(&radix) {
        return vm.throw_range_error("toString() radix argument must be between 2 and 36");
    }
    let text = if radix == 10.0 {
        number_to_rust_string(number)
    } else {
        number_to_string_radix(number, radix as u32)
    };
    Ok(string_value(vm, &text))
}

fn digits_argument(
    vm: &mut Vm,
    value: Value,
    minimum: f64,
    maximum: f64,
    method_name: &str,
) -> JsResult<f64> {
    let digits = vm.to_integer_or_infinity(value)?;
    if digits < minimum || digits > maximum {
        return vm.throw_range_error(&format!(
            "{method_name} argument must be between {minimum} and {maximum}"
        ));
    }
    Ok(digits)
}

fn number_to_fixed_method(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let number = this_number(vm, this, "toFixed")?;
    let digits = digits_argument(vm, args.get(vm, 0), 0.0, 100.0, "toFixed() digits")?;
    let text = number_to_fixed(number, digits as u32);
    Ok(string_value(vm, &text))
}

fn number_to_exponential_method(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let number = this_number(vm, this, "toExponential")?;
    let argument = args.get(vm, 0);
    let digits = vm.to_integer_or_infinity(argument)?;
    if !number.is_finite() {
        return Ok(string_value(vm, &number_to_rust_string(number)));
    }
    if !(0.0..=100.0).contains(&digits) {
        return vm.throw_range_error("toExponential() argument must be between 0 and 100");
    }
    let text = number_to_exponential(
        number,
        if argument.is_undefined() {
            None
        } else {
            Some(digits as u32)
        },
    );
    Ok(string_value(vm, &text))
}

fn number_to_precision_method(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let number = this_number(vm, this, "toPrecision")?;
    let argument = args.get(vm, 0);
    if argument.is_undefined() {
        return Ok(string_value(vm, &number_to_rust_string(number)));
    }
    let precision = vm.to_integer_or_infinity(argument)?;
    if !number.is_finite() {
        return Ok(string_value(vm, &number_to_rust_string(number)));
    }
    if !(1.0..=100.0).contains(&precision) {
        return vm.throw_range_error("toPrecision() argument must be between 1 and 100");
    }
    let text = number_to_precision(number, precision as u32);
    Ok(string_value(vm, &text))
}

/// en-US `toLocaleString`: grouping and at most three fraction digits.
pub fn format_en_us(number: f64) -> String {
    if number.is_nan() {
        return "NaN".to_string();
    }
    if number.is_infinite() {
        return if number > 0.0 {
            "∞".to_string()
        } else {
            "-∞".to_string()
        };
    }
    let fixed = number_to_fixed(number.abs(), 3);
    let (integer, fraction) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let fraction = fraction.trim_end_matches('0');
    let mut grouped = String::new();
    for (index, digit) in integer.chars().enumerate() {
        if index > 0 && (integer.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let negative = number < 0.0 && (integer != "0" || !fraction.is_empty());
    let mut text = String::new();
    if negative {
        text.push('-');
    }
    text.push_str(&grouped);
    if !fraction.is_empty() {
        text.push('.');
        text.push_str(fraction);
    }
    text
}

fn number_to_locale_string(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let number = this_number(vm, this, "toLocaleString")?;
    let locales = args.get(vm, 0);
    let options = args.get(vm, 1);
    super::intl::number::number_to_locale_string(vm, number, locales, options)
}

fn bigint_to_locale_string(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let bigint = this_bigint(vm, this)?;
    let text = vm.bigint(bigint).to_string_radix(10);
    let locales = args.get(vm, 0);
    let options = args.get(vm, 1);
    super::intl::number::bigint_to_locale_string(vm, &text, locales, options)
}

fn number_value_of(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    this_number(vm, this, "valueOf").map(Value::Number)
}

fn boolean_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let value = vm.to_boolean(args.get(vm, 0));
    if !args.is_construct_call() {
        return Ok(Value::Boolean(value));
    }
    let fallback = vm.intrinsics.boolean_prototype;
    let prototype = vm.get_prototype_from_constructor(args.new_target(), fallback)?;
    Ok(Value::Object(vm.alloc_object(
        Some(prototype),
        ObjectKind::BooleanWrapper(value),
    )))
}

fn this_boolean(vm: &mut Vm, this: Value) -> JsResult<bool> {
    match this {
        Value::Boolean(boolean) => Ok(boolean),
        Value::Object(object) => match vm.object(object).kind {
            ObjectKind::BooleanWrapper(boolean) => Ok(boolean),
            _ => vm.throw_type_error("Boolean.prototype method requires that 'this' be a Boolean"),
        },
        _ => vm.throw_type_error("Boolean.prototype method requires that 'this' be a Boolean"),
    }
}

fn boolean_to_string(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let boolean = this_boolean(vm, this)?;
    Ok(string_value(vm, if boolean { "true" } else { "false" }))
}

fn boolean_value_of(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    this_boolean(vm, this).map(Value::Boolean)
}

fn bigint_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if args.is_construct_call() {
        return vm.throw_type_error("BigInt is not a constructor");
    }
    let value = args.get(vm, 0);
    let primitive = vm.to_primitive(value, crate::conversions::PreferredType::Number)?;
    match primitive {
        Value::Number(number) => {
            if !number.is_finite() || number.trunc() != number {
                let text = number_to_rust_string(number);
                return vm.throw_range_error(&format!(
                    "The number {text} cannot be converted to a BigInt because it is not an integer"
                ));
            }
            match crate::value::BigInt::from_integral_f64(number) {
                Some(value) => Ok(Value::BigInt(vm.new_bigint_from(value))),
                None => vm.throw_range_error("The number cannot be converted to a BigInt"),
            }
        }
        Value::BigInt(_) => Ok(primitive),
        Value::Boolean(boolean) => Ok(Value::BigInt(vm.new_bigint(boolean as i128))),
        Value::String(string) => {
            match crate::conversions::string_to_bigint(vm.string(string).view()) {
                Some(parsed) => Ok(Value::BigInt(vm.new_bigint_from(parsed))),
                None => {
                    let text = vm.string_to_rust(string);
                    vm.throw_syntax_error(&format!("Cannot convert {text} to a BigInt"))
                }
            }
        }
        other => {
            let text = vm.describe_value_for_error(other);
            vm.throw_type_error(&format!("Cannot convert {text} to a BigInt"))
        }
    }
}

fn this_bigint(vm: &mut Vm, this: Value) -> JsResult<crate::value::BigIntRef> {
    match this {
        Value::BigInt(bigint) => Ok(bigint),
        Value::Object(object) => match vm.object(object).kind {
            ObjectKind::BigIntWrapper(bigint) => Ok(bigint),
            _ => vm.throw_type_error("BigInt.prototype method requires that 'this' be a BigInt"),
        },
        _ => vm.throw_type_error("BigInt.prototype method requires that 'this' be a BigInt"),
    }
}

fn bigint_to_string(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let bigint = this_bigint(vm, this)?;
    let radix_value = args.get(vm, 0);
    let radix = if radix_value.is_undefined() {
        10.0
    } else {
        vm.to_integer_or_infinity(radix_value)?
    };
    if !(2.0..=36.0).contains(&radix) {
        return vm.throw_range_error("toString() radix argument must be between 2 and 36");
    }
    let text = vm.bigint(bigint).to_string_radix(radix as u32);
    Ok(string_value(vm, &text))
}

fn bigint_value_of(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    this_bigint(vm, this).map(Value::BigInt)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(text: &str) -> Vec<u16> {
        text.encode_utf16().collect()
    }

    #[test]
    fn parse_int_matches_javascript() {
        assert_eq!(parse_int_units(&units("42px"), 0), 42.0);
        assert_eq!(parse_int_units(&units("  -0x1F"), 0), -31.0);
        assert_eq!(parse_int_units(&units("ff"), 16), 255.0);
        assert!(parse_int_units(&units("z"), 10).is_nan());
        assert_eq!(parse_int_units(&units("0x10"), 10), 0.0);
        assert!(parse_int_units(&units("123"), 37).is_nan());
    }

    #[test]
    fn parse_float_matches_javascript() {
        assert_eq!(parse_float_units(&units("2.5abc")), 2.5);
        assert_eq!(parse_float_units(&units("  -1e3x")), -1000.0);
        assert_eq!(parse_float_units(&units(".5")), 0.5);
        assert_eq!(parse_float_units(&units("1e")), 1.0);
        assert_eq!(parse_float_units(&units("-Infinityx")), f64::NEG_INFINITY);
        assert!(parse_float_units(&units("abc")).is_nan());
    }

    #[test]
    fn en_us_grouping() {
        assert_eq!(format_en_us(1234567.891), "1,234,567.891");
        assert_eq!(format_en_us(-1234.5), "-1,234.5");
        assert_eq!(format_en_us(0.12345), "0.123");
        assert_eq!(format_en_us(100.0), "100");
    }
}
