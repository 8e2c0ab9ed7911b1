//! `Math`: every function and constant of ES2023. `Math.random` is a xorshift64* generator
//! with a fixed seed, so runs are reproducible (documented choice; node's is unseeded).

use std::cell::Cell;

use super::{constant_property, method, namespace_object, to_string_tag};
use crate::function::Args;
use crate::realm::Vm;
use crate::value::{JsResult, Value};

thread_local! {
    /// The xorshift64* state of `Math.random` (per thread, like the VM).
    static RANDOM_STATE: Cell<u64> = const { Cell::new(0x9E37_79B9_7F4A_7C15) };
}

/// Installs `Math` (created on first use, see `crate::lazy_globals`).
pub fn install(vm: &mut Vm) {
    vm.define_lazy_global("Math", create_math);
}

/// Creates the `Math` namespace object.
fn create_math(vm: &mut Vm) -> Value {
    let math = namespace_object(vm);
    for (name, value) in [
        ("E", std::f64::consts::E),
        ("LN10", std::f64::consts::LN_10),
        ("LN2", std::f64::consts::LN_2),
        ("LOG10E", std::f64::consts::LOG10_E),
        ("LOG2E", std::f64::consts::LOG2_E),
        ("PI", std::f64::consts::PI),
        ("SQRT1_2", std::f64::consts::FRAC_1_SQRT_2),
        ("SQRT2", std::f64::consts::SQRT_2),
    ] {
        constant_property(vm, math, name, Value::Number(value));
    }
    to_string_tag(vm, math, "Math");
    for name in [
        "abs", "acos", "acosh", "asin", "asinh", "atan", "atanh", "cbrt", "ceil", "clz32", "cos",
        "cosh", "exp", "expm1", "floor", "fround", "log", "log1p", "log10", "log2", "round",
        "sign", "sin", "sinh", "sqrt", "tan", "tanh", "trunc",
    ] {
        let function = unary_dispatch(name);
        method(vm, math, name, 1, function);
    }
    method(vm, math, "atan2", 2, math_atan2);
    method(vm, math, "pow", 2, math_pow);
    method(vm, math, "imul", 2, math_imul);
    method(vm, math, "max", 2, math_max);
    method(vm, math, "min", 2, math_min);
    method(vm, math, "hypot", 2, math_hypot);
    method(vm, math, "random", 0, math_random);
    Value::Object(math)
}

fn clz32(value: f64) -> f64 {
    (crate::conversions::f64_to_int32(value) as u32).leading_zeros() as f64
}

fn fround(value: f64) -> f64 {
    value as f32 as f64
}

/// `Math.round`: rounds half up (towards +Infinity), keeping -0 for [-0.5, -0].
pub fn js_round(value: f64) -> f64 {
    if !value.is_finite() || value == 0.0 {
        return value;
    }
    if value > 0.0 && value < 0.5 {
        return 0.0;
    }
    if (-0.5..0.0).contains(&value) {
        return -0.0;
    }
    let floor = value.floor();
    if value - floor >= 0.5 {
        floor + 1.0
    } else {
        floor
    }
}

fn sign(value: f64) -> f64 {
    if value.is_nan() || value == 0.0 {
        value
    } else {
        value.signum()
    }
}

macro_rules! unary_functions {
    ($($name:literal => $function:ident),* $(,)?) => {
        fn unary_dispatch(name: &str) -> crate::function::NativeFunction {
            match name {
                $($name => {
                    fn native(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
                        let number = vm.to_number(args.get(vm, 0))?;
                        Ok(Value::Number($function(number)))
                    }
                    native
                })*
                _ => math_missing,
            }
        }
    };
}

fn math_missing(_vm: &mut Vm, _this: Value, _args: Args) -> JsResult<Value> {
    Ok(Value::Number(f64::NAN))
}

unary_functions! {
    "abs" => f64_abs, "acos" => f64_acos, "acosh" => f64_acosh, "asin" => f64_asin,
    "asinh" => f64_asinh, "atan" => f64_atan, "atanh" => f64_atanh, "cbrt" => f64_cbrt,
    "ceil" => f64_ceil, "clz32" => clz32, "cos" => f64_cos, "cosh" => f64_cosh,
    "exp" => f64_exp, "expm1" => f64_exp_m1, "floor" => f64_floor, "fround" => fround,
    "log" => f64_ln, "log1p" => f64_ln_1p, "log10" => f64_log10, "log2" => f64_log2,
    "round" => js_round, "sign" => sign, "sin" => f64_sin, "sinh" => f64_sinh,
    "sqrt" => f64_sqrt, "tan" => f64_tan, "tanh" => f64_tanh, "trunc" => f64_trunc,
}

fn f64_abs(x: f64) -> f64 {
    x.abs()
}
fn f64_acos(x: f64) -> f64 {
    x.acos()
}
fn f64_acosh(x: f64) -> f64 {
    x.acosh()
}
fn f64_asin(x: f64) -> f64 {
    x.asin()
}
fn f64_asinh(x: f64) -> f64 {
    if x == 0.0 { x } else { x.asinh() }
}
fn f64_atan(x: f64) -> f64 {
    x.atan()
}
fn f64_atanh(x: f64) -> f64 {
    x.atanh()
}
fn f64_cbrt(x: f64) -> f64 {
    x.cbrt()
}
fn f64_ceil(x: f64) -> f64 {
    x.ceil()
}
fn f64_cos(x: f64) -> f64 {
    x.cos()
}
fn f64_cosh(x: f64) -> f64 {
    x.cosh()
}
fn f64_exp(x: f64) -> f64 {
    x.exp()
}
fn f64_exp_m1(x: f64) -> f64 {
    x.exp_m1()
}
fn f64_floor(x: f64) -> f64 {
    x.floor()
}
fn f64_ln(x: f64) -> f64 {
    x.ln()
}
fn f64_ln_1p(x: f64) -> f64 {
    x.ln_1p()
}
fn f64_log10(x: f64) -> f64 {
    x.log10()
}
fn f64_log2(x: f64) -> f64 {
    x.log2()
}
fn f64_sin(x: f64) -> f64 {
    x.sin()
}
fn f64_sinh(x: f64) -> f64 {
    x.sinh()
}
fn f64_sqrt(x: f64) -> f64 {
    x.sqrt()
}
fn f64_tan(x: f64) -> f64 {
    x.tan()
}
fn f64_tanh(x: f64) -> f64 {
    x.tanh()
}
fn f64_trunc(x: f64) -> f64 {
    x.trunc()
}

fn math_atan2(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let y = vm.to_number(args.get(vm, 0))?;
    let x = vm.to_number(args.get(vm, 1))?;
    Ok(Value::Number(y.atan2(x)))
}

fn math_pow(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let base = vm.to_number(args.get(vm, 0))?;
    let exponent = vm.to_number(args.get(vm, 1))?;
    Ok(Value::Number(crate::operators::number_exponentiate(
        base, exponent,
    )))
}

fn math_imul(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let a = vm.to_int32(args.get(vm, 0))?;
    let b = vm.to_int32(args.get(vm, 1))?;
    Ok(Value::Number(a.wrapping_mul(b) as f64))
}

fn math_max(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let mut result = f64::NEG_INFINITY;
    let mut saw_nan = false;
    for index in 0..args.len() {
        let number = vm.to_number(args.get(vm, index))?;
        if number.is_nan() {
            saw_nan = true;
        } else if number > result || (number == 0.0 && result == 0.0 && !number.is_sign_negative())
        {
            result = number;
        }
    }
    Ok(Value::Number(if saw_nan { f64::NAN } else { result }))
}

fn math_min(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let mut result = f64::INFINITY;
    let mut saw_nan = false;
    for index in 0..args.len() {
        let number = vm.to_number(args.get(vm, index))?;
        if number.is_nan() {
            saw_nan = true;
        } else if number < result || (number == 0.0 && result == 0.0 && number.is_sign_negative()) {
            result = number;
        }
    }
    Ok(Value::Number(if saw_nan { f64::NAN } else { result }))
}

fn math_hypot(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let mut numbers = Vec::with_capacity(args.len());
    for index in 0..args.len() {
        numbers.push(vm.to_number(args.get(vm, index))?);
    }
    if numbers.iter().any(|n| n.is_infinite()) {
        return Ok(Value::Number(f64::INFINITY));
    }
    if numbers.iter().any(|n| n.is_nan()) {
        return Ok(Value::Number(f64::NAN));
    }
    let largest = numbers.iter().fold(0.0f64, |acc, n| acc.max(n.abs()));
    if largest == 0.0 {
        return Ok(Value::Number(0.0));
    }
    let sum: f64 = numbers.iter().map(|n| (n / largest) * (n / largest)).sum();
    Ok(Value::Number(sum.sqrt() * largest))
}

fn math_random(_vm: &mut Vm, _this: Value, _args: Args) -> JsResult<Value> {
    let next = RANDOM_STATE.with(|state| {
        let mut x = state.get();
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        state.set(x);
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    });
    // 53 random bits scaled into [0, 1).
    Ok(Value::Number((next >> 11) as f64 / (1u64 << 53) as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_follows_javascript() {
        assert_eq!(js_round(-2.5), -2.0);
        assert_eq!(js_round(2.5), 3.0);
        assert!(js_round(-0.2).is_sign_negative());
        assert_eq!(js_round(0.49999999999999994), 0.0);
    }
}
