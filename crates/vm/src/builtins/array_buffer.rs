//! `ArrayBuffer` and `SharedArrayBuffer` (ES2025 25.1, 25.2): fixed-length and resizable
//! buffers, `slice`, `resize`, `transfer`/`transferToFixedLength`, detaching, and the growable
//! SharedArrayBuffer with `grow`.
//!
//! Both kinds of buffer are `ObjectKind::ArrayBuffer` objects; `ArrayBufferData::shared`
//! tells them apart. There is a single agent, so a SharedArrayBuffer's bytes are simply owned
//! by its object like an ArrayBuffer's. Every byte length is checked against
//! `MAX_ARRAY_BUFFER_BYTE_LENGTH` before anything is allocated, so absurd lengths are a
//! RangeError rather than an attempted huge allocation.

use super::{method, resolve_relative_index};
use crate::atom::{PropertyKey, atoms};
use crate::function::Args;
use crate::object::{ArrayBufferData, MAX_ARRAY_BUFFER_BYTE_LENGTH, ObjectKind};
use crate::realm::Vm;
use crate::value::{JsResult, ObjectRef, Value};

/// Installs `ArrayBuffer`, `SharedArrayBuffer` and their prototypes.
pub fn install(vm: &mut Vm) {
    let object_prototype = vm.intrinsics.object_prototype;
    let prototype = vm.alloc_object(Some(object_prototype), ObjectKind::Ordinary);
    vm.intrinsics.array_buffer_prototype = prototype;
    let constructor = vm.create_constructor("ArrayBuffer", 1, array_buffer_constructor, prototype);
    vm.intrinsics.array_buffer_constructor = constructor;
    let shared_prototype = vm.alloc_object(Some(object_prototype), ObjectKind::Ordinary);
    vm.intrinsics.shared_array_buffer_prototype = shared_prototype;
    let shared_constructor = vm.create_constructor(
        "SharedArrayBuffer",
        1,
        shared_array_buffer_constructor,
        shared_prototype,
    );
    vm.intrinsics.shared_array_buffer_constructor = shared_constructor;
    let members = [constructor, prototype, shared_constructor, shared_prototype];
    vm.defer_contents(&members, install_contents);
}

/// Installs the properties of `ArrayBuffer`, `SharedArrayBuffer` and their prototypes (on
/// first touch, see `crate::deferred_contents`).
fn install_contents(vm: &mut Vm) {
    let species = vm.intrinsics.symbols.species;
    let prototype = vm.intrinsics.array_buffer_prototype;
    let constructor = vm.intrinsics.array_buffer_constructor;
    method(vm, constructor, "isView", 1, array_buffer_is_view);
    super::symbol_getter(
        vm,
        constructor,
        species,
        "get [Symbol.species]",
        return_this,
    );
    super::getter(vm, prototype, "byteLength", array_buffer_byte_length);
    super::getter(vm, prototype, "detached", array_buffer_detached);
    super::getter(vm, prototype, "maxByteLength", array_buffer_max_byte_length);
    super::getter(vm, prototype, "resizable", array_buffer_resizable);
    method(vm, prototype, "resize", 1, array_buffer_resize);
    method(vm, prototype, "slice", 2, array_buffer_slice);
    method(vm, prototype, "transfer", 0, array_buffer_transfer);
    method(
        vm,
        prototype,
        "transferToFixedLength",
        0,
        array_buffer_transfer_to_fixed_length,
    );
    super::to_string_tag(vm, prototype, "ArrayBuffer");

    let prototype = vm.intrinsics.shared_array_buffer_prototype;
    let constructor = vm.intrinsics.shared_array_buffer_constructor;
    super::symbol_getter(
        vm,
        constructor,
        species,
        "get [Symbol.species]",
        return_this,
    );
    super::getter(vm, prototype, "byteLength", shared_array_buffer_byte_length);
    super::getter(vm, prototype, "growable", shared_array_buffer_growable);
    super::getter(
        vm,
        prototype,
        "maxByteLength",
        shared_array_buffer_max_byte_length,
    );
    method(vm, prototype, "grow", 1, shared_array_buffer_grow);
    method(vm, prototype, "slice", 2, shared_array_buffer_slice);
    super::to_string_tag(vm, prototype, "SharedArrayBuffer");
}

fn return_this(_vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    Ok(this)
}

/// AllocateArrayBuffer / AllocateSharedArrayBuffer: the prototype comes from `constructor`
/// (which may run user code), then the bytes are allocated.
pub fn allocate_array_buffer(
    vm: &mut Vm,
    constructor: Value,
    byte_length: f64,
    max_byte_length: Option<f64>,
    shared: bool,
) -> JsResult<ObjectRef> {
    if let Some(max) = max_byte_length
        && byte_length > max
    {
        return vm.throw_range_error("Invalid array buffer length: larger than maxByteLength");
    }
    let fallback = if shared {
        vm.intrinsics.shared_array_buffer_prototype
    } else {
        vm.intrinsics.array_buffer_prototype
    };
    let prototype = vm.get_prototype_from_constructor(constructor, fallback)?;
    if byte_length > MAX_ARRAY_BUFFER_BYTE_LENGTH as f64 {
        return vm.throw_range_error("Array buffer allocation failed: length too large");
    }
    if let Some(max) = max_byte_length
        && max > MAX_ARRAY_BUFFER_BYTE_LENGTH as f64
    {
        return vm.throw_range_error("Array buffer allocation failed: maxByteLength too large");
    }
    Ok(new_array_buffer(
        vm,
        prototype,
        byte_length as usize,
        max_byte_length.map(|max| max as usize),
        shared,
    ))
}

/// A zero-filled buffer of `byte_length` bytes (the caller checked the limits).
pub fn new_array_buffer(
    vm: &mut Vm,
    prototype: ObjectRef,
    byte_length: usize,
    max_byte_length: Option<usize>,
    shared: bool,
) -> ObjectRef {
    vm.heap.accounting.note_extra_bytes(byte_length);
    vm.alloc_object(
        Some(prototype),
        ObjectKind::ArrayBuffer(Box::new(ArrayBufferData {
            bytes: vec![0; byte_length],
            detached: false,
            max_byte_length,
            shared,
        })),
    )
}

/// GetArrayBufferMaxByteLengthOption.
fn max_byte_length_option(vm: &mut Vm, options: Value) -> JsResult<Option<f64>> {
    let Value::Object(options) = options else {
        return Ok(None);
    };
    let key = vm.property_key_from_str("maxByteLength");
    let max = vm.get(options, key)?;
    if max.is_undefined() {
        return Ok(None);
    }
    vm.to_index(max).map(Some)
}

fn array_buffer_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if !args.is_construct_call() {
        return vm.throw_type_error("Constructor ArrayBuffer requires 'new'");
    }
    let length = args.get(vm, 0);
    let byte_length = vm.to_index(length)?;
    let options = args.get(vm, 1);
    let max = max_byte_length_option(vm, options)?;
    allocate_array_buffer(vm, args.new_target(), byte_length, max, false).map(Value::Object)
}

fn shared_array_buffer_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if !args.is_construct_call() {
        return vm.throw_type_error("Constructor SharedArrayBuffer requires 'new'");
    }
    let length = args.get(vm, 0);
    let byte_length = vm.to_index(length)?;
    let options = args.get(vm, 1);
    let max = max_byte_length_option(vm, options)?;
    allocate_array_buffer(vm, args.new_target(), byte_length, max, true).map(Value::Object)
}

fn array_buffer_is_view(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let is_view = match args.get(vm, 0) {
        Value::Object(object) => matches!(
            vm.object(object).kind,
            ObjectKind::TypedArray(_) | ObjectKind::DataView(_)
        ),
        _ => false,
    };
    Ok(Value::Boolean(is_view))
}

/// RequireInternalSlot(this, [[ArrayBufferData]]) plus the shared/non-shared check.
fn this_buffer(vm: &mut Vm, this: Value, shared: bool, method_name: &str) -> JsResult<ObjectRef> {
    if let Value::Object(object) = this
        && let Some(buffer) = vm.array_buffer_data(object)
        && buffer.shared == shared
    {
        return Ok(object);
    }
    let class = if shared {
        "SharedArrayBuffer"
    } else {
        "ArrayBuffer"
    };
    vm.throw_type_error(&format!(
        "Method {class}.prototype.{method_name} called on incompatible receiver"
    ))
}

fn buffer_fields(vm: &Vm, buffer: ObjectRef) -> (usize, bool, Option<usize>) {
    match vm.array_buffer_data(buffer) {
        Some(data) => (data.bytes.len(), data.detached, data.max_byte_length),
        None => (0, true, None),
    }
}

fn array_buffer_byte_length(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let buffer = this_buffer(vm, this, false, "byteLength")?;
    Ok(Value::Number(vm.buffer_byte_length(buffer) as f64))
}

fn array_buffer_detached(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let buffer = this_buffer(vm, this, false, "detached")?;
    Ok(Value::Boolean(vm.is_detached_buffer(buffer)))
}

fn array_buffer_max_byte_length(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let buffer = this_buffer(vm, this, false, "maxByteLength")?;
    let (length, detached, max) = buffer_fields(vm, buffer);
    if detached {
        return Ok(Value::Number(0.0));
    }
    Ok(Value::Number(max.unwrap_or(length) as f64))
}

fn array_buffer_resizable(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let buffer = this_buffer(vm, this, false, "resizable")?;
    let (_, _, max) = buffer_fields(vm, buffer);
    Ok(Value::Boolean(max.is_some()))
}

fn array_buffer_resize(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let buffer = this_buffer(vm, this, false, "resize")?;
    let (_, _, max) = buffer_fields(vm, buffer);
    let Some(max) = max else {
        return vm.throw_type_error(
            "Method ArrayBuffer.prototype.resize called on a fixed-length buffer",
        );
    };
    let length = args.get(vm, 0);
    let new_length = vm.to_index(length)?;
    if vm.is_detached_buffer(buffer) {
        return vm.throw_type_error("Cannot resize a detached ArrayBuffer");
    }
    if new_length > max as f64 {
        return vm.throw_range_error("ArrayBuffer.prototype.resize: invalid length");
    }
    if let Some(data) = vm.array_buffer_data_mut(buffer) {
        data.bytes.resize(new_length as usize, 0);
    }
    Ok(Value::Undefined)
}

/// SpeciesConstructor(object, default).
pub fn species_constructor(
    vm: &mut Vm,
    object: ObjectRef,
    default_constructor: ObjectRef,
) -> JsResult<Value> {
    let constructor = vm.get(object, PropertyKey::Atom(atoms::CONSTRUCTOR))?;
    if constructor.is_undefined() {
        return Ok(Value::Object(default_constructor));
    }
    let Value::Object(constructor_object) = constructor else {
        return vm.throw_type_error("object.constructor is not an object");
    };
    let species = PropertyKey::Symbol(vm.intrinsics.symbols.species);
    let species_value = vm.get(constructor_object, species)?;
    if species_value.is_nullish() {
        return Ok(Value::Object(default_constructor));
    }
    if vm.is_constructor(species_value) {
        return Ok(species_value);
    }
    vm.throw_type_error("object.constructor[Symbol.species] is not a constructor")
}

/// The shared part of `ArrayBuffer.prototype.slice` and `SharedArrayBuffer.prototype.slice`.
fn buffer_slice(vm: &mut Vm, this: Value, args: Args, shared: bool) -> JsResult<Value> {
    let buffer = this_buffer(vm, this, shared, "slice")?;
    if !shared && vm.is_detached_buffer(buffer) {
        return vm.throw_type_error("Cannot slice a detached ArrayBuffer");
    }
    let length = vm.buffer_byte_length(buffer) as u64;
    let start = args.get(vm, 0);
    let relative_start = vm.to_integer_or_infinity(start)?;
    let first = resolve_relative_index(relative_start, length);
    let end = args.get(vm, 1);
    let relative_end = if end.is_undefined() {
        length as f64
    } else {
        vm.to_integer_or_infinity(end)?
    };
    let last = resolve_relative_index(relative_end, length);
    let new_length = last.saturating_sub(first);
    let default_constructor = if shared {
        vm.intrinsics.shared_array_buffer_constructor
    } else {
        vm.intrinsics.array_buffer_constructor
    };
    let constructor = species_constructor(vm, buffer, default_constructor)?;
    let created = vm.construct(constructor, &[Value::Number(new_length as f64)], None)?;
    let Value::Object(created_object) = created else {
        return vm.throw_type_error("Species constructor did not return an ArrayBuffer");
    };
    match vm.array_buffer_data(created_object) {
        Some(data) if data.shared == shared => {}
        _ => return vm.throw_type_error("Species constructor did not return an ArrayBuffer"),
    }
    if !shared && vm.is_detached_buffer(created_object) {
        return vm.throw_type_error("Species constructor returned a detached ArrayBuffer");
    }
    if created_object == buffer {
        return vm.throw_type_error("Species constructor returned the same buffer");
    }
    if (vm.buffer_byte_length(created_object) as u64) < new_length {
        return vm.throw_type_error("Species constructor returned a too small buffer");
    }
    if !shared && vm.is_detached_buffer(buffer) {
        return vm.throw_type_error("Cannot slice a detached ArrayBuffer");
    }
    let current_length = vm.buffer_byte_length(buffer) as u64;
    if first < current_length {
        let count = new_length.min(current_length - first) as usize;
        let first = first as usize;
        let source: Vec<u8> = match vm.array_buffer_data(buffer) {
            Some(data) => data.bytes[first..first + count].to_vec(),
            None => Vec::new(),
        };
        if let Some(target) = vm.array_buffer_data_mut(created_object) {
            target.bytes[..source.len()].copy_from_slice(&source);
        }
    }
    Ok(created)
}

fn array_buffer_slice(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    buffer_slice(vm, this, args, false)
}

/// ArrayBufferCopyAndDetach.
fn copy_and_detach(
    vm: &mut Vm,
    this: Value,
    args: Args,
    preserve_resizability: bool,
) -> JsResult<Value> {
    let name = if preserve_resizability {
        "transfer"
    } else {
        "transferToFixedLength"
    };
    let buffer = this_buffer(vm, this, false, name)?;
    let new_length = args.get(vm, 0);
    let new_byte_length = if new_length.is_undefined() {
        vm.buffer_byte_length(buffer) as f64
    } else {
        vm.to_index(new_length)?
    };
    if vm.is_detached_buffer(buffer) {
        return vm.throw_type_error("Cannot transfer a detached ArrayBuffer");
    }
    let (_, _, max) = buffer_fields(vm, buffer);
    let new_max = if preserve_resizability {
        max.map(|max| max as f64)
    } else {
        None
    };
    let constructor = Value::Object(vm.intrinsics.array_buffer_constructor);
    let created = allocate_array_buffer(vm, constructor, new_byte_length, new_max, false)?;
    let bytes = match vm.array_buffer_data_mut(buffer) {
        Some(data) => {
            data.detached = true;
            std::mem::take(&mut data.bytes)
        }
        None => Vec::new(),
    };
    if let Some(target) = vm.array_buffer_data_mut(created) {
        let count = bytes.len().min(target.bytes.len());
        target.bytes[..count].copy_from_slice(&bytes[..count]);
    }
    Ok(Value::Object(created))
}

fn array_buffer_transfer(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    copy_and_detach(vm, this, args, true)
}

fn array_buffer_transfer_to_fixed_length(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    copy_and_detach(vm, this, args, false)
}

/// DetachArrayBuffer (for `$262.detachArrayBuffer`): a TypeError for shared buffers and
/// non-buffers.
pub fn detach_array_buffer(vm: &mut Vm, buffer: Value) -> JsResult<()> {
    if let Value::Object(object) = buffer
        && let Some(data) = vm.array_buffer_data_mut(object)
        && !data.shared
    {
        data.detached = true;
        data.bytes = Vec::new();
        return Ok(());
    }
    vm.throw_type_error("detachArrayBuffer: not an ArrayBuffer")
}

fn shared_array_buffer_byte_length(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let buffer = this_buffer(vm, this, true, "byteLength")?;
    Ok(Value::Number(vm.buffer_byte_length(buffer) as f64))
}

fn shared_array_buffer_growable(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let buffer = this_buffer(vm, this, true, "growable")?;
    let (_, _, max) = buffer_fields(vm, buffer);
    Ok(Value::Boolean(max.is_some()))
}

fn shared_array_buffer_max_byte_length(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let buffer = this_buffer(vm, this, true, "maxByteLength")?;
    let (length, _, max) = buffer_fields(vm, buffer);
    Ok(Value::Number(max.unwrap_or(length) as f64))
}

fn shared_array_buffer_grow(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let buffer = this_buffer(vm, this, true, "grow")?;
    let (length, _, max) = buffer_fields(vm, buffer);
    let Some(max) = max else {
        return vm.throw_type_error(
            "Method SharedArrayBuffer.prototype.grow called on a non-growable buffer",
        );
    };
    let requested = args.get(vm, 0);
    let new_length = vm.to_index(requested)?;
    if new_length > max as f64 || new_length < length as f64 {
        return vm.throw_range_error("SharedArrayBuffer.prototype.grow: invalid length");
    }
    if let Some(data) = vm.array_buffer_data_mut(buffer) {
        data.bytes.resize(new_length as usize, 0);
    }
    Ok(Value::Undefined)
}

fn shared_array_buffer_slice(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    buffer_slice(vm, this, args, true)
}
