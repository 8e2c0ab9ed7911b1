//! The `Atomics` namespace (ES2025 25.4) for a single agent: the read-modify-write
//! operations, `compareExchange`, `load`, `store`, `isLockFree`, `pause`, `wait` and `notify`.
//!
//! There is only one agent, so every operation is trivially atomic and `notify` never finds a
//! waiter. This host's agent can block (test262's `CanBlockIsTrue`): `Atomics.wait` on an
//! equal value sleeps for its timeout and reports "timed-out", since nobody else can notify
//! it. An infinite wait would hang forever; that is what the spec asks of a blocking agent
//! with no other agents, so instead of hanging the process (for waits over ten seconds) it
//! throws a TypeError.

use super::method;
use crate::function::Args;
use crate::integer_indexed::{ElementValue, decode_element, encode_element};
use crate::object::{ElementType, TypedArrayData};
use crate::realm::Vm;
use crate::value::{JsResult, ObjectRef, Value};

/// The longest `Atomics.wait` this host sleeps through; a longer (or infinite) wait could
/// only end by timing out, so it is refused with a TypeError instead of hanging the process.
const MAX_WAIT_MILLISECONDS: f64 = 10_000.0;

/// Installs the `Atomics` namespace object (created on first use, see
/// `crate::lazy_globals`).
pub fn install(vm: &mut Vm) {
    vm.define_lazy_global("Atomics", create_atomics);
}

/// Creates the `Atomics` namespace object.
fn create_atomics(vm: &mut Vm) -> Value {
    let atomics = super::namespace_object(vm);
    let functions: &[(&str, u32, crate::function::NativeFunction)] = &[
        ("add", 3, atomics_add),
        ("and", 3, atomics_and),
        ("compareExchange", 4, atomics_compare_exchange),
        ("exchange", 3, atomics_exchange),
        ("isLockFree", 1, atomics_is_lock_free),
        ("load", 2, atomics_load),
        ("notify", 3, atomics_notify),
        ("or", 3, atomics_or),
        ("pause", 0, atomics_pause),
        ("store", 3, atomics_store),
        ("sub", 3, atomics_sub),
        ("wait", 4, atomics_wait),
        ("xor", 3, atomics_xor),
    ];
    for &(name, length, function) in functions {
        method(vm, atomics, name, length, function);
    }
    super::to_string_tag(vm, atomics, "Atomics");
    Value::Object(atomics)
}

/// ValidateIntegerTypedArray(typedArray, waitable): the view and its element type.
fn validate_integer_typed_array(
    vm: &mut Vm,
    value: Value,
    waitable: bool,
) -> JsResult<(ObjectRef, TypedArrayData, usize)> {
    let view = match value {
        Value::Object(object) => vm.typed_array_data(object).map(|view| (object, view)),
        _ => None,
    };
    let Some((object, view)) = view else {
        return vm.throw_type_error("Atomics operation on a non-typed-array");
    };
    let Some(length) = vm.typed_array_length(&view) else {
        return vm.throw_type_error("Atomics operation on a detached or out-of-bounds typed array");
    };
    let allowed = if waitable {
        matches!(
            view.element_type,
            ElementType::Int32 | ElementType::BigInt64
        )
    } else {
        !matches!(
            view.element_type,
            ElementType::Uint8Clamped
                | ElementType::Float16
                | ElementType::Float32
                | ElementType::Float64
        )
    };
    if !allowed {
        return vm.throw_type_error("Atomics operation on an unsupported typed array type");
    }
    Ok((object, view, length))
}

/// ValidateAtomicAccess: the byte index of element `request` in the buffer.
fn validate_atomic_access(
    vm: &mut Vm,
    view: &TypedArrayData,
    length: usize,
    request: Value,
) -> JsResult<usize> {
    let index = vm.to_index(request)?;
    if index >= length as f64 {
        return vm.throw_range_error("Atomics access index out of range");
    }
    Ok(index as usize * view.element_type.size() + view.byte_offset as usize)
}

/// RevalidateAtomicAccess: the view must still be in bounds and cover the byte index.
fn revalidate_atomic_access(vm: &mut Vm, object: ObjectRef, byte_index: usize) -> JsResult<()> {
    let Some(view) = vm.typed_array_data(object) else {
        return vm.throw_type_error("Atomics operation on a non-typed-array");
    };
    let Some(length) = vm.typed_array_length(&view) else {
        return vm.throw_type_error("Atomics operation on a detached or out-of-bounds typed array");
    };
    let end = view.byte_offset as usize + length * view.element_type.size();
    if byte_index >= end {
        return vm.throw_range_error("Atomics access index out of range");
    }
    Ok(())
}

/// The operand conversion of the Atomics operations: ToBigInt for BigInt arrays,
/// 𝔽(ToIntegerOrInfinity(value)) otherwise.
fn to_operand(vm: &mut Vm, value: Value, element_type: ElementType) -> JsResult<ElementValue> {
    if element_type.is_bigint() {
        Ok(ElementValue::BigInt(vm.to_bigint_value(value)?))
    } else {
        // `+ 0.0` normalises -0 to +0.
        Ok(ElementValue::Number(
            vm.to_integer_or_infinity(value)? + 0.0,
        ))
    }
}

fn read_raw(vm: &Vm, view: &TypedArrayData, byte_index: usize) -> ElementValue {
    let size = view.element_type.size();
    match vm.array_buffer_data(view.buffer) {
        Some(buffer) if byte_index + size <= buffer.bytes.len() => decode_element(
            view.element_type,
            &buffer.bytes[byte_index..byte_index + size],
            true,
        ),
        _ => ElementValue::Number(0.0),
    }
}

fn write_raw(vm: &mut Vm, view: &TypedArrayData, byte_index: usize, value: ElementValue) {
    let size = view.element_type.size();
    let element_type = view.element_type;
    if let Some(buffer) = vm.array_buffer_data_mut(view.buffer)
        && byte_index + size <= buffer.bytes.len()
    {
        encode_element(
            element_type,
            value,
            &mut buffer.bytes[byte_index..byte_index + size],
            true,
        );
    }
}

/// The read-modify-write operations.
#[derive(Clone, Copy)]
enum Operation {
    Add,
    And,
    Exchange,
    Or,
    Sub,
    Xor,
}

/// Applies an operation to two element values as the element type's integers (the result
/// is wrapped to the element type when it is encoded).
fn apply(operation: Operation, old: ElementValue, operand: ElementValue) -> ElementValue {
    match (old, operand) {
        (ElementValue::BigInt(old), ElementValue::BigInt(operand)) => {
            let (old, operand) = (old as i64, operand as i64);
            ElementValue::BigInt(i128::from(match operation {
                Operation::Add => old.wrapping_add(operand),
                Operation::And => old & operand,
                Operation::Exchange => operand,
                Operation::Or => old | operand,
                Operation::Sub => old.wrapping_sub(operand),
                Operation::Xor => old ^ operand,
            }))
        }
        (ElementValue::Number(old), ElementValue::Number(operand)) => {
            // Both fit the element type after ToInt32-style wrapping; 32-bit arithmetic
            // wraps identically for every narrower type.
            let old = crate::conversions::f64_to_int32(old);
            let operand = crate::conversions::f64_to_int32(operand);
            ElementValue::Number(f64::from(match operation {
                Operation::Add => old.wrapping_add(operand),
                Operation::And => old & operand,
                Operation::Exchange => operand,
                Operation::Or => old | operand,
                Operation::Sub => old.wrapping_sub(operand),
                Operation::Xor => old ^ operand,
            }))
        }
        (_, operand) => operand,
    }
}

/// AtomicReadModifyWrite.
fn read_modify_write(vm: &mut Vm, args: &Args, operation: Operation) -> JsResult<Value> {
    let typed_array = args.get(vm, 0);
    let (object, view, length) = validate_integer_typed_array(vm, typed_array, false)?;
    let index = args.get(vm, 1);
    let byte_index = validate_atomic_access(vm, &view, length, index)?;
    let value = args.get(vm, 2);
    let operand = to_operand(vm, value, view.element_type)?;
    revalidate_atomic_access(vm, object, byte_index)?;
    let old = read_raw(vm, &view, byte_index);
    let new = apply(operation, old, operand);
    write_raw(vm, &view, byte_index, new);
    Ok(vm.element_value_to_value(old))
}

fn atomics_add(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    read_modify_write(vm, &args, Operation::Add)
}

fn atomics_and(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    read_modify_write(vm, &args, Operation::And)
}

fn atomics_exchange(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    read_modify_write(vm, &args, Operation::Exchange)
}

fn atomics_or(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    read_modify_write(vm, &args, Operation::Or)
}

fn atomics_sub(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    read_modify_write(vm, &args, Operation::Sub)
}

fn atomics_xor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    read_modify_write(vm, &args, Operation::Xor)
}

fn atomics_compare_exchange(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let typed_array = args.get(vm, 0);
    let (object, view, length) = validate_integer_typed_array(vm, typed_array, false)?;
    let index = args.get(vm, 1);
    let byte_index = validate_atomic_access(vm, &view, length, index)?;
    let expected_value = args.get(vm, 2);
    let expected = to_operand(vm, expected_value, view.element_type)?;
    let replacement_value = args.get(vm, 3);
    let replacement = to_operand(vm, replacement_value, view.element_type)?;
    revalidate_atomic_access(vm, object, byte_index)?;
    let size = view.element_type.size();
    let mut expected_bytes = [0u8; 8];
    encode_element(
        view.element_type,
        expected,
        &mut expected_bytes[..size],
        true,
    );
    let current_bytes: Option<Vec<u8>> = vm
        .array_buffer_data(view.buffer)
        .and_then(|buffer| buffer.bytes.get(byte_index..byte_index + size))
        .map(<[u8]>::to_vec);
    let old = read_raw(vm, &view, byte_index);
    if current_bytes.as_deref() == Some(&expected_bytes[..size]) {
        write_raw(vm, &view, byte_index, replacement);
    }
    Ok(vm.element_value_to_value(old))
}

fn atomics_is_lock_free(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let size = args.get(vm, 0);
    let size = vm.to_integer_or_infinity(size)?;
    Ok(Value::Boolean(
        size == 1.0 || size == 2.0 || size == 4.0 || size == 8.0,
    ))
}

fn atomics_load(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let typed_array = args.get(vm, 0);
    let (object, view, length) = validate_integer_typed_array(vm, typed_array, false)?;
    let index = args.get(vm, 1);
    let byte_index = validate_atomic_access(vm, &view, length, index)?;
    revalidate_atomic_access(vm, object, byte_index)?;
    let value = read_raw(vm, &view, byte_index);
    Ok(vm.element_value_to_value(value))
}

fn atomics_store(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let typed_array = args.get(vm, 0);
    let (object, view, length) = validate_integer_typed_array(vm, typed_array, false)?;
    let index = args.get(vm, 1);
    let byte_index = validate_atomic_access(vm, &view, length, index)?;
    let value = args.get(vm, 2);
    let operand = to_operand(vm, value, view.element_type)?;
    revalidate_atomic_access(vm, object, byte_index)?;
    write_raw(vm, &view, byte_index, operand);
    Ok(vm.element_value_to_value(operand))
}

fn atomics_pause(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let iterations = args.get(vm, 0);
    match iterations {
        Value::Undefined => Ok(Value::Undefined),
        Value::Number(number) if number.is_finite() && number.fract() == 0.0 => {
            Ok(Value::Undefined)
        }
        _ => vm.throw_type_error("Atomics.pause argument must be undefined or an integral Number"),
    }
}

/// `Atomics.wait` (DoWait in sync mode) for the only agent.
fn atomics_wait(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let typed_array = args.get(vm, 0);
    let (_, view, length) = validate_integer_typed_array(vm, typed_array, true)?;
    let shared = vm
        .array_buffer_data(view.buffer)
        .is_some_and(|buffer| buffer.shared);
    if !shared {
        return vm.throw_type_error("Atomics.wait requires a shared typed array");
    }
    let index = args.get(vm, 1);
    let byte_index = validate_atomic_access(vm, &view, length, index)?;
    let value = args.get(vm, 2);
    let expected = if view.element_type.is_bigint() {
        ElementValue::BigInt(i128::from(vm.to_bigint_value(value)? as i64))
    } else {
        ElementValue::Number(f64::from(vm.to_int32(value)?))
    };
    let timeout_value = args.get(vm, 3);
    let timeout = vm.to_number(timeout_value)?;
    let timeout = if timeout.is_nan() {
        f64::INFINITY
    } else {
        timeout.max(0.0)
    };
    let current = read_raw(vm, &view, byte_index);
    if current != expected {
        return Ok(super::string_value(vm, "not-equal"));
    }
    if timeout > MAX_WAIT_MILLISECONDS {
        return vm.throw_type_error(
            "Atomics.wait would block (almost) forever: there is no other agent to notify this one",
        );
    }
    std::thread::sleep(std::time::Duration::from_secs_f64(timeout / 1000.0));
    Ok(super::string_value(vm, "timed-out"))
}

fn atomics_notify(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let typed_array = args.get(vm, 0);
    let (_, view, length) = validate_integer_typed_array(vm, typed_array, true)?;
    let index = args.get(vm, 1);
    validate_atomic_access(vm, &view, length, index)?;
    let count = args.get(vm, 2);
    if !count.is_undefined() {
        vm.to_integer_or_infinity(count)?;
    }
    // No other agent exists, so no agent is ever waiting.
    Ok(Value::Number(0.0))
}
