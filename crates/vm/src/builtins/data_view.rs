//! `DataView` (ES2025 25.3): the constructor, the `buffer`/`byteLength`/`byteOffset`
//! getters, and `get*`/`set*` for every element type in either byte order, with the
//! detached-buffer and out-of-bounds checks of length-tracking views.
//!
//! The byte encoding is shared with typed arrays (`integer_indexed::encode_element` and
//! `decode_element`).

use super::method;
use crate::function::Args;
use crate::integer_indexed::{decode_element, encode_element};
use crate::object::{DataViewData, ElementType, LENGTH_TRACKING, ObjectKind};
use crate::realm::Vm;
use crate::value::{JsResult, ObjectRef, Value};

/// Installs `DataView` and `DataView.prototype`.
pub fn install(vm: &mut Vm) {
    let object_prototype = vm.intrinsics.object_prototype;
    let prototype = vm.alloc_object(Some(object_prototype), ObjectKind::Ordinary);
    vm.intrinsics.data_view_prototype = prototype;
    vm.create_constructor("DataView", 1, data_view_constructor, prototype);
    vm.defer_contents(&[prototype], install_contents);
}

/// Installs the methods of `DataView.prototype` (on first touch, see
/// `crate::deferred_contents`).
fn install_contents(vm: &mut Vm) {
    let prototype = vm.intrinsics.data_view_prototype;
    super::getter(vm, prototype, "buffer", get_buffer);
    super::getter(vm, prototype, "byteLength", get_byte_length);
    super::getter(vm, prototype, "byteOffset", get_byte_offset);
    let accessors: &[(&str, u32, crate::function::NativeFunction)] = &[
        ("getBigInt64", 1, get_big_int64),
        ("getBigUint64", 1, get_big_uint64),
        ("getFloat16", 1, get_float16),
        ("getFloat32", 1, get_float32),
        ("getFloat64", 1, get_float64),
        ("getInt8", 1, get_int8),
        ("getInt16", 1, get_int16),
        ("getInt32", 1, get_int32),
        ("getUint8", 1, get_uint8),
        ("getUint16", 1, get_uint16),
        ("getUint32", 1, get_uint32),
        ("setBigInt64", 2, set_big_int64),
        ("setBigUint64", 2, set_big_uint64),
        ("setFloat16", 2, set_float16),
        ("setFloat32", 2, set_float32),
        ("setFloat64", 2, set_float64),
        ("setInt8", 2, set_int8),
        ("setInt16", 2, set_int16),
        ("setInt32", 2, set_int32),
        ("setUint8", 2, set_uint8),
        ("setUint16", 2, set_uint16),
        ("setUint32", 2, set_uint32),
    ];
    for &(name, length, function) in accessors {
        method(vm, prototype, name, length, function);
    }
    super::to_string_tag(vm, prototype, "DataView");
}

fn data_view_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if !args.is_construct_call() {
        return vm.throw_type_error("Constructor DataView requires 'new'");
    }
    let buffer_value = args.get(vm, 0);
    let buffer = match buffer_value {
        Value::Object(object) if vm.array_buffer_data(object).is_some() => object,
        _ => {
            return vm
                .throw_type_error("First argument to DataView constructor must be an ArrayBuffer");
        }
    };
    let offset_value = args.get(vm, 1);
    let offset = vm.to_index(offset_value)?;
    if vm.is_detached_buffer(buffer) {
        return vm.throw_type_error("Cannot construct a DataView on a detached ArrayBuffer");
    }
    let buffer_length = vm.buffer_byte_length(buffer) as f64;
    if offset > buffer_length {
        return vm.throw_range_error("Start offset is outside the bounds of the buffer");
    }
    let fixed_length = vm
        .array_buffer_data(buffer)
        .is_some_and(|data| data.max_byte_length.is_none());
    let length_value = args.get(vm, 2);
    let view_length = if length_value.is_undefined() {
        if fixed_length {
            Some(buffer_length - offset)
        } else {
            None
        }
    } else {
        let length = vm.to_index(length_value)?;
        if offset + length > buffer_length {
            return vm.throw_range_error("Invalid DataView length");
        }
        Some(length)
    };
    let fallback = vm.intrinsics.data_view_prototype;
    let prototype = vm.get_prototype_from_constructor(args.new_target(), fallback)?;
    if vm.is_detached_buffer(buffer) {
        return vm.throw_type_error("Cannot construct a DataView on a detached ArrayBuffer");
    }
    let buffer_length = vm.buffer_byte_length(buffer) as f64;
    if offset > buffer_length {
        return vm.throw_range_error("Start offset is outside the bounds of the buffer");
    }
    if !length_value.is_undefined()
        && let Some(length) = view_length
        && offset + length > buffer_length
    {
        return vm.throw_range_error("Invalid DataView length");
    }
    let view = vm.alloc_object(
        Some(prototype),
        ObjectKind::DataView(DataViewData {
            buffer,
            byte_offset: offset as u32,
            byte_length: view_length.map_or(LENGTH_TRACKING, |length| length as u32),
        }),
    );
    Ok(Value::Object(view))
}

/// GetViewByteLength, or `None` when IsViewOutOfBounds (detached included).
fn view_byte_length(vm: &Vm, view: &DataViewData) -> Option<usize> {
    if vm.is_detached_buffer(view.buffer) {
        return None;
    }
    let buffer_length = vm.buffer_byte_length(view.buffer);
    let start = view.byte_offset as usize;
    if view.byte_length == LENGTH_TRACKING {
        return buffer_length.checked_sub(start);
    }
    let end = start + view.byte_length as usize;
    if start > buffer_length || end > buffer_length {
        return None;
    }
    Some(view.byte_length as usize)
}

fn this_view(vm: &mut Vm, this: Value, name: &str) -> JsResult<(ObjectRef, DataViewData)> {
    if let Value::Object(object) = this
        && let ObjectKind::DataView(view) = vm.object(object).kind
    {
        return Ok((object, view));
    }
    vm.throw_type_error(&format!(
        "Method DataView.prototype.{name} called on incompatible receiver"
    ))
}

fn get_buffer(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let (_, view) = this_view(vm, this, "buffer")?;
    Ok(Value::Object(view.buffer))
}

fn get_byte_length(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let (_, view) = this_view(vm, this, "byteLength")?;
    match view_byte_length(vm, &view) {
        Some(length) => Ok(Value::Number(length as f64)),
        None => vm.throw_type_error("DataView is detached or out of bounds"),
    }
}

fn get_byte_offset(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let (_, view) = this_view(vm, this, "byteOffset")?;
    match view_byte_length(vm, &view) {
        Some(_) => Ok(Value::Number(view.byte_offset as f64)),
        None => vm.throw_type_error("DataView is detached or out of bounds"),
    }
}

/// GetViewValue.
fn get_view_value(
    vm: &mut Vm,
    this: Value,
    args: &Args,
    element_type: ElementType,
    name: &str,
) -> JsResult<Value> {
    let (_, view) = this_view(vm, this, name)?;
    let request = args.get(vm, 0);
    let index = vm.to_index(request)?;
    let little_endian_value = args.get(vm, 1);
    let little_endian = vm.to_boolean(little_endian_value);
    let Some(view_size) = view_byte_length(vm, &view) else {
        return vm.throw_type_error("DataView is detached or out of bounds");
    };
    let size = element_type.size();
    if index + size as f64 > view_size as f64 {
        return vm.throw_range_error("Offset is outside the bounds of the DataView");
    }
    let start = view.byte_offset as usize + index as usize;
    let decoded = match vm.array_buffer_data(view.buffer) {
        Some(buffer) if start + size <= buffer.bytes.len() => decode_element(
            element_type,
            &buffer.bytes[start..start + size],
            little_endian,
        ),
        _ => return vm.throw_type_error("DataView is detached or out of bounds"),
    };
    Ok(vm.element_value_to_value(decoded))
}

/// SetViewValue.
fn set_view_value(
    vm: &mut Vm,
    this: Value,
    args: &Args,
    element_type: ElementType,
    name: &str,
) -> JsResult<Value> {
    let (_, view) = this_view(vm, this, name)?;
    let request = args.get(vm, 0);
    let index = vm.to_index(request)?;
    let value = args.get(vm, 1);
    let converted = vm.to_element_value(value, element_type)?;
    let little_endian_value = args.get(vm, 2);
    let little_endian = vm.to_boolean(little_endian_value);
    let Some(view_size) = view_byte_length(vm, &view) else {
        return vm.throw_type_error("DataView is detached or out of bounds");
    };
    let size = element_type.size();
    if index + size as f64 > view_size as f64 {
        return vm.throw_range_error("Offset is outside the bounds of the DataView");
    }
    let start = view.byte_offset as usize + index as usize;
    if let Some(buffer) = vm.array_buffer_data_mut(view.buffer)
        && start + size <= buffer.bytes.len()
    {
        encode_element(
            element_type,
            converted,
            &mut buffer.bytes[start..start + size],
            little_endian,
        );
    }
    Ok(Value::Undefined)
}

macro_rules! view_accessors {
    ($($getter:ident, $setter:ident, $element_type:ident, $get_name:literal, $set_name:literal;)*) => {
        $(
            fn $getter(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
                get_view_value(vm, this, &args, ElementType::$element_type, $get_name)
            }

            fn $setter(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
                set_view_value(vm, this, &args, ElementType::$element_type, $set_name)
            }
        )*
    };
}

view_accessors! {
    get_int8, set_int8, Int8, "getInt8", "setInt8";
    get_uint8, set_uint8, Uint8, "getUint8", "setUint8";
    get_int16, set_int16, Int16, "getInt16", "setInt16";
    get_uint16, set_uint16, Uint16, "getUint16", "setUint16";
    get_int32, set_int32, Int32, "getInt32", "setInt32";
    get_uint32, set_uint32, Uint32, "getUint32", "setUint32";
    get_float16, set_float16, Float16, "getFloat16", "setFloat16";
    get_float32, set_float32, Float32, "getFloat32", "setFloat32";
    get_float64, set_float64, Float64, "getFloat64", "setFloat64";
    get_big_int64, set_big_int64, BigInt64, "getBigInt64", "setBigInt64";
    get_big_uint64, set_big_uint64, BigUint64, "getBigUint64", "setBigUint64";
}
