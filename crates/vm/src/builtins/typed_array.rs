//! `%TypedArray%`, its prototype methods, and the eleven concrete typed array constructors
//! (ES2025 23.2): every constructor form, `from`/`of`, species creation, and the
//! out-of-bounds and detached-buffer behaviour of length-tracking views.
//!
//! Element reads and writes go through `integer_indexed.rs` (`typed_array_get_element`,
//! `typed_array_set_element`), which is what the integer-indexed [[Get]]/[[Set]] do, so the
//! methods here never walk a prototype chain for an element.
//!
//! GC: methods that call back into JavaScript (callbacks, species constructors, `valueOf`
//! during conversions) root the typed arrays and lists they hold on the handle stack first.

use std::cmp::Ordering;

use super::array_buffer::{allocate_array_buffer, species_constructor};
use super::iterators::create_array_iterator;
use super::{length_of_array_like, method, require_callable, resolve_relative_index};
use crate::atom::{PropertyKey, atoms};
use crate::function::Args;
use crate::integer_indexed::{decode_element, encode_element};
use crate::object::{ElementType, IterationKind, LENGTH_TRACKING, ObjectKind, TypedArrayData};
use crate::realm::Vm;
use crate::shape::Attributes;
use crate::value::{JsResult, ObjectRef, Value};

/// Installs %TypedArray%, %TypedArray.prototype% and the concrete constructors.
pub fn install(vm: &mut Vm) {
    let object_prototype = vm.intrinsics.object_prototype;
    let prototype = vm.alloc_object(Some(object_prototype), ObjectKind::Ordinary);
    vm.intrinsics.typed_array_prototype = prototype;
    let constructor = vm.new_native_function("TypedArray", 0, typed_array_abstract, true);
    vm.define_data_property(
        constructor,
        PropertyKey::Atom(atoms::PROTOTYPE),
        Value::Object(prototype),
        Attributes::FROZEN,
    );
    vm.define_data_property(
        prototype,
        PropertyKey::Atom(atoms::CONSTRUCTOR),
        Value::Object(constructor),
        Attributes::HIDDEN_DATA,
    );
    vm.intrinsics.typed_array_constructor = constructor;
    let global = vm.intrinsics.global_object;
    let bytes_key = vm.property_key_from_str("BYTES_PER_ELEMENT");
    for element_type in ElementType::ALL {
        let concrete_prototype = vm.alloc_object(Some(prototype), ObjectKind::Ordinary);
        // The name shares the heap string of the global's atom (as `new_native_function`
        // does for the other built-ins).
        let global_key = vm.property_key_from_str(element_type.constructor_name());
        let name = match global_key {
            PropertyKey::Atom(atom) => vm.atom_string(atom),
            _ => vm.new_string(element_type.constructor_name()),
        };
        let concrete = vm.new_native_function_with_data(
            Value::String(name),
            3,
            concrete_constructor,
            true,
            Value::Number(element_type.index() as f64),
        );
        vm.object_mut(concrete).prototype = Some(constructor);
        // The twelve constructors (and the twelve prototypes) have the same keys: they share
        // tree shapes instead of a private property table each.
        vm.define_data_property_in_shared_shape(
            concrete,
            PropertyKey::Atom(atoms::PROTOTYPE),
            Value::Object(concrete_prototype),
            Attributes::FROZEN,
        );
        vm.define_data_property_in_shared_shape(
            concrete_prototype,
            PropertyKey::Atom(atoms::CONSTRUCTOR),
            Value::Object(concrete),
            Attributes::HIDDEN_DATA,
        );
        let size = Value::Number(element_type.size() as f64);
        vm.define_data_property_in_shared_shape(concrete, bytes_key, size, Attributes::FROZEN);
        vm.define_data_property_in_shared_shape(
            concrete_prototype,
            bytes_key,
            size,
            Attributes::FROZEN,
        );
        vm.define_data_property(
            global,
            global_key,
            Value::Object(concrete),
            Attributes::HIDDEN_DATA,
        );
        vm.intrinsics.typed_array_constructors[element_type.index()] = concrete;
        vm.intrinsics.typed_array_prototypes[element_type.index()] = concrete_prototype;
    }
    let members = [
        vm.intrinsics.array_constructor,
        vm.intrinsics.array_prototype,
        constructor,
        prototype,
    ];
    vm.defer_contents(&members, install_contents);
}

/// Installs the properties of `Array` and `Array.prototype` (`super::array`) and then of
/// %TypedArray% and %TypedArray.prototype%, in the order of eager installation (on first
/// touch, see `crate::deferred_contents`). The concrete constructors and prototypes keep
/// their eager properties (`prototype`, `constructor`, `BYTES_PER_ELEMENT`).
fn install_contents(vm: &mut Vm) {
    super::array::install_contents(vm);
    let constructor = vm.intrinsics.typed_array_constructor;
    let prototype = vm.intrinsics.typed_array_prototype;
    method(vm, constructor, "from", 1, typed_array_from);
    method(vm, constructor, "of", 0, typed_array_of);
    let species = vm.intrinsics.symbols.species;
    super::symbol_getter(
        vm,
        constructor,
        species,
        "get [Symbol.species]",
        return_this,
    );

    super::getter(vm, prototype, "buffer", get_buffer);
    super::getter(vm, prototype, "byteLength", get_byte_length);
    super::getter(vm, prototype, "byteOffset", get_byte_offset);
    super::getter(vm, prototype, "length", get_length);
    let to_string_tag = vm.intrinsics.symbols.to_string_tag;
    super::symbol_getter(
        vm,
        prototype,
        to_string_tag,
        "get [Symbol.toStringTag]",
        get_to_string_tag,
    );
    let methods: &[(&str, u32, crate::function::NativeFunction)] = &[
        ("at", 1, typed_array_at),
        ("copyWithin", 2, typed_array_copy_within),
        ("entries", 0, typed_array_entries),
        ("every", 1, typed_array_every),
        ("fill", 1, typed_array_fill),
        ("filter", 1, typed_array_filter),
        ("find", 1, typed_array_find),
        ("findIndex", 1, typed_array_find_index),
        ("findLast", 1, typed_array_find_last),
        ("findLastIndex", 1, typed_array_find_last_index),
        ("forEach", 1, typed_array_for_each),
        ("includes", 1, typed_array_includes),
        ("indexOf", 1, typed_array_index_of),
        ("join", 1, typed_array_join),
        ("keys", 0, typed_array_keys),
        ("lastIndexOf", 1, typed_array_last_index_of),
        ("map", 1, typed_array_map),
        ("reduce", 1, typed_array_reduce),
        ("reduceRight", 1, typed_array_reduce_right),
        ("reverse", 0, typed_array_reverse),
        ("set", 1, typed_array_set),
        ("slice", 2, typed_array_slice),
        ("some", 1, typed_array_some),
        ("sort", 1, typed_array_sort),
        ("subarray", 2, typed_array_subarray),
        ("toLocaleString", 0, typed_array_to_locale_string),
        ("toReversed", 0, typed_array_to_reversed),
        ("toSorted", 1, typed_array_to_sorted),
        ("with", 2, typed_array_with),
    ];
    for &(name, length, function) in methods {
        method(vm, prototype, name, length, function);
    }
    let values = method(vm, prototype, "values", 0, typed_array_values);
    let iterator = vm.intrinsics.symbols.iterator;
    vm.define_data_property(
        prototype,
        PropertyKey::Symbol(iterator),
        Value::Object(values),
        Attributes::HIDDEN_DATA,
    );
    // %TypedArray.prototype%.toString is the same function object as Array.prototype's.
    let array_prototype = vm.intrinsics.array_prototype;
    let to_string_key = PropertyKey::Atom(atoms::TO_STRING);
    if let Some(array_to_string) =
        vm.get_data_property_no_side_effects(array_prototype, to_string_key)
    {
        vm.define_data_property(
            prototype,
            to_string_key,
            array_to_string,
            Attributes::HIDDEN_DATA,
        );
    }
}

fn return_this(_vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    Ok(this)
}

/// `%TypedArray%()`: always a TypeError (it is abstract).
fn typed_array_abstract(vm: &mut Vm, _this: Value, _args: Args) -> JsResult<Value> {
    vm.throw_type_error("Abstract class TypedArray not directly constructable")
}

// ----- creation -----

/// A new typed array object over `buffer` (no checks: the caller validated the bounds).
fn new_typed_array_object(
    vm: &mut Vm,
    prototype: ObjectRef,
    element_type: ElementType,
    buffer: ObjectRef,
    byte_offset: usize,
    length: u32,
) -> ObjectRef {
    vm.alloc_object(
        Some(prototype),
        ObjectKind::TypedArray(Box::new(TypedArrayData {
            buffer,
            element_type,
            byte_offset: byte_offset as u32,
            length,
        })),
    )
}

/// AllocateTypedArray with a length: a fresh zeroed %ArrayBuffer% of `length` elements.
fn allocate_typed_array(
    vm: &mut Vm,
    element_type: ElementType,
    prototype: ObjectRef,
    length: f64,
) -> JsResult<ObjectRef> {
    let byte_length = length * element_type.size() as f64;
    let buffer_constructor = Value::Object(vm.intrinsics.array_buffer_constructor);
    let buffer = allocate_array_buffer(vm, buffer_constructor, byte_length, None, false)?;
    Ok(new_typed_array_object(
        vm,
        prototype,
        element_type,
        buffer,
        0,
        length as u32,
    ))
}

/// The element type a concrete constructor creates (kept in its native data).
fn constructor_element_type(vm: &Vm, callee: ObjectRef) -> ElementType {
    match vm.native_function_data(callee) {
        Value::Number(index) => ElementType::ALL
            .get(index as usize)
            .copied()
            .unwrap_or(ElementType::Uint8),
        _ => ElementType::Uint8,
    }
}

/// `new Int8Array(...)` and the other concrete constructors (ES2025 23.2.5.1).
fn concrete_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let element_type = constructor_element_type(vm, args.callee());
    if !args.is_construct_call() {
        let name = element_type.constructor_name();
        return vm.throw_type_error(&format!("Constructor {name} requires 'new'"));
    }
    let new_target = args.new_target();
    let fallback = vm.intrinsics.typed_array_prototypes[element_type.index()];
    let first = args.get(vm, 0);
    let Value::Object(source) = first else {
        let length = vm.to_index(first)?;
        let prototype = vm.get_prototype_from_constructor(new_target, fallback)?;
        return allocate_typed_array(vm, element_type, prototype, length).map(Value::Object);
    };
    let prototype = vm.get_prototype_from_constructor(new_target, fallback)?;
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(prototype));
    let result = match vm.object(source).kind {
        ObjectKind::TypedArray(ref source_view) => {
            let source_view = **source_view;
            initialize_from_typed_array(vm, element_type, prototype, source_view)?
        }
        ObjectKind::ArrayBuffer(_) => {
            let byte_offset = args.get(vm, 1);
            let length = args.get(vm, 2);
            initialize_from_array_buffer(vm, element_type, prototype, source, byte_offset, length)?
        }
        _ => {
            let iterator_key = PropertyKey::Symbol(vm.intrinsics.symbols.iterator);
            let using_iterator = vm.get_method(first, iterator_key)?;
            match using_iterator {
                Some(iterator_method) => {
                    let list_scope = vm.open_handle_scope();
                    let values = iterable_to_rooted_list(vm, first, iterator_method)?;
                    let created =
                        allocate_typed_array(vm, element_type, prototype, values.len() as f64)?;
                    vm.root(Value::Object(created));
                    for (index, value) in values.into_iter().enumerate() {
                        vm.typed_array_set_element(created, index as f64, value)?;
                    }
                    vm.close_handle_scope(list_scope);
                    created
                }
                None => {
                    let length = length_of_array_like(vm, source)?;
                    let created = allocate_typed_array(vm, element_type, prototype, length as f64)?;
                    vm.root(Value::Object(created));
                    for index in 0..length {
                        let key = super::index_key(vm, index);
                        let value = vm.get(source, key)?;
                        vm.typed_array_set_element(created, index as f64, value)?;
                    }
                    created
                }
            }
        }
    };
    vm.close_handle_scope(scope);
    Ok(Value::Object(result))
}

/// IteratorToList(GetIteratorFromMethod(iterable, method)), with every value rooted in the
/// caller's handle scope. An array whose iteration is unobservable (its own and
/// Array.prototype's iteration functions are the original ones) is read by index, which is
/// the same sequence of [[Get]]s the array iterator would perform.
fn iterable_to_rooted_list(
    vm: &mut Vm,
    iterable: Value,
    iterator_method: Value,
) -> JsResult<Vec<Value>> {
    let mut values = Vec::new();
    if let Some(array) = crate::interpreter::iteration::is_fast_iterable_array(vm, iterable) {
        let mut index: u32 = 0;
        while let Some(length) = vm.object(array).array_data().map(|data| data.length)
            && index < length
        {
            let value = vm.get(array, PropertyKey::Index(index))?;
            vm.root(value);
            values.push(value);
            index += 1;
        }
        return Ok(values);
    }
    let mut record = vm.get_iterator_from_method(iterable, iterator_method)?;
    vm.root(Value::Object(record.iterator));
    while let Some(value) = vm.iterator_step_value(&mut record)? {
        vm.root(value);
        values.push(value);
    }
    Ok(values)
}

/// InitializeTypedArrayFromTypedArray.
fn initialize_from_typed_array(
    vm: &mut Vm,
    element_type: ElementType,
    prototype: ObjectRef,
    source_view: TypedArrayData,
) -> JsResult<ObjectRef> {
    let Some(length) = vm.typed_array_length(&source_view) else {
        return vm
            .throw_type_error("Cannot construct from an out-of-bounds or detached typed array");
    };
    if element_type.is_bigint() != source_view.element_type.is_bigint() {
        return vm.throw_type_error("Cannot mix BigInt and other types");
    }
    let created = allocate_typed_array(vm, element_type, prototype, length as f64)?;
    copy_elements(vm, &source_view, 0, created, 0, length);
    Ok(created)
}

/// Copies `count` elements from `source` (starting at `source_start`) into the typed array
/// `target` (starting at `target_start`), converting between element types; byte copies when
/// the types match. Bounds were validated by the caller; stale bytes are skipped.
fn copy_elements(
    vm: &mut Vm,
    source: &TypedArrayData,
    source_start: usize,
    target: ObjectRef,
    target_start: usize,
    count: usize,
) {
    let Some(target_view) = vm.typed_array_data(target) else {
        return;
    };
    let source_size = source.element_type.size();
    let source_begin = source.byte_offset as usize + source_start * source_size;
    let source_bytes: Vec<u8> = match vm.array_buffer_data(source.buffer) {
        Some(buffer) => {
            let end = (source_begin + count * source_size).min(buffer.bytes.len());
            buffer.bytes.get(source_begin..end).unwrap_or(&[]).to_vec()
        }
        None => return,
    };
    let target_size = target_view.element_type.size();
    let target_begin = target_view.byte_offset as usize + target_start * target_size;
    let same_type = source.element_type == target_view.element_type;
    let Some(buffer) = vm.array_buffer_data_mut(target_view.buffer) else {
        return;
    };
    if same_type {
        let end = (target_begin + source_bytes.len()).min(buffer.bytes.len());
        if target_begin < end {
            buffer.bytes[target_begin..end].copy_from_slice(&source_bytes[..end - target_begin]);
        }
        return;
    }
    for (index, chunk) in source_bytes.chunks_exact(source_size).enumerate() {
        let value = decode_element(source.element_type, chunk, true);
        let start = target_begin + index * target_size;
        if start + target_size > buffer.bytes.len() {
            break;
        }
        encode_element(
            target_view.element_type,
            value,
            &mut buffer.bytes[start..start + target_size],
            true,
        );
    }
}

/// The byte copy of `slice` between views of the same element type: forwards, one byte at a
/// time, so a species constructor that returns a view on the same buffer sees the spec's
/// overlapping behaviour.
fn copy_bytes_forward(
    vm: &mut Vm,
    source: &TypedArrayData,
    source_start: usize,
    target: ObjectRef,
    count: usize,
) {
    let Some(target_view) = vm.typed_array_data(target) else {
        return;
    };
    let size = source.element_type.size();
    let mut source_index = source.byte_offset as usize + source_start * size;
    let mut target_index = target_view.byte_offset as usize;
    let end = target_index + count * size;
    if source.buffer == target_view.buffer {
        if let Some(buffer) = vm.array_buffer_data_mut(source.buffer) {
            while target_index < end
                && source_index < buffer.bytes.len()
                && target_index < buffer.bytes.len()
            {
                buffer.bytes[target_index] = buffer.bytes[source_index];
                source_index += 1;
                target_index += 1;
            }
        }
        return;
    }
    copy_elements(vm, source, source_start, target, 0, count);
}

/// InitializeTypedArrayFromArrayBuffer.
fn initialize_from_array_buffer(
    vm: &mut Vm,
    element_type: ElementType,
    prototype: ObjectRef,
    buffer: ObjectRef,
    byte_offset: Value,
    length: Value,
) -> JsResult<ObjectRef> {
    let size = element_type.size();
    let offset = vm.to_index(byte_offset)?;
    if offset % size as f64 != 0.0 {
        return vm.throw_range_error(&format!(
            "start offset of {} should be a multiple of {size}",
            element_type.constructor_name()
        ));
    }
    let fixed_length = vm
        .array_buffer_data(buffer)
        .is_some_and(|data| data.max_byte_length.is_none());
    let new_length = if length.is_undefined() {
        None
    } else {
        Some(vm.to_index(length)?)
    };
    if vm.is_detached_buffer(buffer) {
        return vm.throw_type_error("Cannot construct a typed array on a detached ArrayBuffer");
    }
    let buffer_length = vm.buffer_byte_length(buffer) as f64;
    let array_length = match new_length {
        None if !fixed_length => {
            if offset > buffer_length {
                return vm.throw_range_error("Start offset is outside the bounds of the buffer");
            }
            LENGTH_TRACKING
        }
        None => {
            if buffer_length % size as f64 != 0.0 {
                return vm.throw_range_error(&format!(
                    "byte length of {} should be a multiple of {size}",
                    element_type.constructor_name()
                ));
            }
            if offset > buffer_length {
                return vm.throw_range_error("Start offset is outside the bounds of the buffer");
            }
            ((buffer_length - offset) / size as f64) as u32
        }
        Some(new_length) => {
            if offset + new_length * size as f64 > buffer_length {
                return vm.throw_range_error("Invalid typed array length");
            }
            new_length as u32
        }
    };
    Ok(new_typed_array_object(
        vm,
        prototype,
        element_type,
        buffer,
        offset as usize,
        array_length,
    ))
}

/// ValidateTypedArray: the view and its current length (TypeError when not a typed array,
/// detached or out of bounds).
fn validate(
    vm: &mut Vm,
    value: Value,
    method_name: &str,
) -> JsResult<(ObjectRef, TypedArrayData, usize)> {
    if let Value::Object(object) = value
        && let Some(view) = vm.typed_array_data(object)
    {
        return match vm.typed_array_length(&view) {
            Some(length) => Ok((object, view, length)),
            None => vm.throw_type_error(&format!(
                "Cannot perform %TypedArray%.prototype.{method_name} on a detached or out-of-bounds typed array"
            )),
        };
    }
    vm.throw_type_error(&format!(
        "Method %TypedArray%.prototype.{method_name} called on incompatible receiver"
    ))
}

/// TypedArrayCreateFromConstructor(constructor, argumentList).
fn create_from_constructor(
    vm: &mut Vm,
    constructor: Value,
    arguments: &[Value],
) -> JsResult<ObjectRef> {
    let created = vm.construct(constructor, arguments, None)?;
    let (object, _, length) = validate(vm, created, "constructor")?;
    if let [Value::Number(requested)] = arguments
        && (length as f64) < *requested
    {
        return vm.throw_type_error(
            "Derived TypedArray constructor created an array which was too small",
        );
    }
    Ok(object)
}

/// TypedArraySpeciesCreate(exemplar, argumentList).
fn species_create(vm: &mut Vm, exemplar: ObjectRef, arguments: &[Value]) -> JsResult<ObjectRef> {
    let Some(view) = vm.typed_array_data(exemplar) else {
        return vm.throw_type_error("not a typed array");
    };
    let default_constructor = vm.intrinsics.typed_array_constructors[view.element_type.index()];
    let constructor = species_constructor(vm, exemplar, default_constructor)?;
    let created = create_from_constructor(vm, constructor, arguments)?;
    let created_type = vm
        .typed_array_data(created)
        .map(|created| created.element_type.is_bigint());
    if created_type != Some(view.element_type.is_bigint()) {
        return vm
            .throw_type_error("TypedArray species constructor returned a different content type");
    }
    Ok(created)
}

/// TypedArrayCreateSameType(exemplar, «length»).
fn create_same_type(vm: &mut Vm, view: &TypedArrayData, length: usize) -> JsResult<ObjectRef> {
    let prototype = vm.intrinsics.typed_array_prototypes[view.element_type.index()];
    allocate_typed_array(vm, view.element_type, prototype, length as f64)
}

fn get_index(vm: &mut Vm, object: ObjectRef, index: usize) -> Value {
    vm.typed_array_get_element(object, index as f64)
}

fn set_index(vm: &mut Vm, object: ObjectRef, index: usize, value: Value) -> JsResult<()> {
    vm.typed_array_set_element(object, index as f64, value)
}

// ----- %TypedArray% statics -----

fn typed_array_from(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    if !vm.is_constructor(this) {
        return vm.throw_type_error("%TypedArray%.from: this is not a constructor");
    }
    let source = args.get(vm, 0);
    let map_function = args.get(vm, 1);
    let this_argument = args.get(vm, 2);
    let mapping = !map_function.is_undefined();
    if mapping {
        require_callable(vm, map_function, "")?;
    }
    let scope = vm.open_handle_scope();
    let iterator_key = PropertyKey::Symbol(vm.intrinsics.symbols.iterator);
    let using_iterator = vm.get_method(source, iterator_key)?;
    if let Some(iterator_method) = using_iterator {
        let values = iterable_to_rooted_list(vm, source, iterator_method)?;
        let target = create_from_constructor(vm, this, &[Value::Number(values.len() as f64)])?;
        vm.root(Value::Object(target));
        for (index, value) in values.into_iter().enumerate() {
            let mapped = if mapping {
                vm.call(
                    map_function,
                    this_argument,
                    &[value, Value::Number(index as f64)],
                )?
            } else {
                value
            };
            let key = super::index_key(vm, index as u64);
            vm.set(target, key, mapped, Value::Object(target))?;
        }
        vm.close_handle_scope(scope);
        return Ok(Value::Object(target));
    }
    let array_like = vm.to_object(source)?;
    vm.root(Value::Object(array_like));
    let length = length_of_array_like(vm, array_like)?;
    let target = create_from_constructor(vm, this, &[Value::Number(length as f64)])?;
    vm.root(Value::Object(target));
    for index in 0..length {
        let key = super::index_key(vm, index);
        let value = vm.get(array_like, key)?;
        let mapped = if mapping {
            vm.call(
                map_function,
                this_argument,
                &[value, Value::Number(index as f64)],
            )?
        } else {
            value
        };
        vm.set(target, key, mapped, Value::Object(target))?;
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(target))
}

fn typed_array_of(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    if !vm.is_constructor(this) {
        return vm.throw_type_error("%TypedArray%.of: this is not a constructor");
    }
    let items = args.to_vec(vm);
    let scope = vm.open_handle_scope();
    for &item in &items {
        vm.root(item);
    }
    let target = create_from_constructor(vm, this, &[Value::Number(items.len() as f64)])?;
    vm.root(Value::Object(target));
    for (index, item) in items.into_iter().enumerate() {
        let key = super::index_key(vm, index as u64);
        vm.set(target, key, item, Value::Object(target))?;
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(target))
}

// ----- accessors -----

fn this_view(vm: &mut Vm, this: Value, name: &str) -> JsResult<TypedArrayData> {
    if let Value::Object(object) = this
        && let Some(view) = vm.typed_array_data(object)
    {
        return Ok(view);
    }
    vm.throw_type_error(&format!(
        "get %TypedArray%.prototype.{name} called on incompatible receiver"
    ))
}

fn get_buffer(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let view = this_view(vm, this, "buffer")?;
    Ok(Value::Object(view.buffer))
}

fn get_byte_length(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let view = this_view(vm, this, "byteLength")?;
    let length = vm.typed_array_length(&view).unwrap_or(0);
    Ok(Value::Number((length * view.element_type.size()) as f64))
}

fn get_byte_offset(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let view = this_view(vm, this, "byteOffset")?;
    if vm.typed_array_length(&view).is_none() {
        return Ok(Value::Number(0.0));
    }
    Ok(Value::Number(view.byte_offset as f64))
}

fn get_length(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let view = this_view(vm, this, "length")?;
    Ok(Value::Number(
        vm.typed_array_length(&view).unwrap_or(0) as f64
    ))
}

fn get_to_string_tag(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    if let Value::Object(object) = this
        && let Some(view) = vm.typed_array_data(object)
    {
        return Ok(super::string_value(
            vm,
            view.element_type.constructor_name(),
        ));
    }
    Ok(Value::Undefined)
}

// ----- prototype methods -----

fn typed_array_at(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let (object, _, length) = validate(vm, this, "at")?;
    let index = args.get(vm, 0);
    let relative = vm.to_integer_or_infinity(index)?;
    let actual = if relative >= 0.0 {
        relative
    } else {
        length as f64 + relative
    };
    if actual < 0.0 || actual >= length as f64 {
        return Ok(Value::Undefined);
    }
    Ok(get_index(vm, object, actual as usize))
}

fn typed_array_copy_within(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let (object, view, length) = validate(vm, this, "copyWithin")?;
    let length_u64 = length as u64;
    let target = super::integer_argument_or(vm, &args, 0, 0.0)?;
    let to = resolve_relative_index(target, length_u64);
    let start = super::integer_argument_or(vm, &args, 1, 0.0)?;
    let from = resolve_relative_index(start, length_u64);
    let end = super::integer_argument_or(vm, &args, 2, length as f64)?;
    let last = resolve_relative_index(end, length_u64);
    let count = last
        .saturating_sub(from)
        .min(length_u64 - to.min(length_u64));
    if count > 0 {
        let Some(new_length) = vm.typed_array_length(&view) else {
            return vm
                .throw_type_error("Cannot copyWithin on a detached or out-of-bounds typed array");
        };
        let size = view.element_type.size() as u64;
        let byte_offset = view.byte_offset as u64;
        let limit = new_length as u64 * size + byte_offset;
        let mut to_byte = to * size + byte_offset;
        let mut from_byte = from * size + byte_offset;
        let mut count_bytes = count * size;
        let backwards = from_byte < to_byte && to_byte < from_byte + count_bytes;
        if backwards {
            from_byte += count_bytes - 1;
            to_byte += count_bytes - 1;
        }
        if let Some(buffer) = vm.array_buffer_data_mut(view.buffer) {
            while count_bytes > 0 {
                if from_byte < limit
                    && to_byte < limit
                    && (from_byte as usize) < buffer.bytes.len()
                    && (to_byte as usize) < buffer.bytes.len()
                {
                    buffer.bytes[to_byte as usize] = buffer.bytes[from_byte as usize];
                    if backwards {
                        from_byte = from_byte.wrapping_sub(1);
                        to_byte = to_byte.wrapping_sub(1);
                    } else {
                        from_byte += 1;
                        to_byte += 1;
                    }
                    count_bytes -= 1;
                } else {
                    count_bytes = 0;
                }
            }
        }
    }
    Ok(Value::Object(object))
}

fn iterator_method(vm: &mut Vm, this: Value, kind: IterationKind, name: &str) -> JsResult<Value> {
    let (object, _, _) = validate(vm, this, name)?;
    Ok(Value::Object(create_array_iterator(vm, object, kind)))
}

fn typed_array_entries(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    iterator_method(vm, this, IterationKind::Entries, "entries")
}

fn typed_array_keys(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    iterator_method(vm, this, IterationKind::Keys, "keys")
}

fn typed_array_values(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    iterator_method(vm, this, IterationKind::Values, "values")
}

/// The callback-driven methods.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CallbackMethod {
    Every,
    Some,
    ForEach,
    Find,
    FindIndex,
    FindLast,
    FindLastIndex,
}

fn iterate_with_callback(
    vm: &mut Vm,
    this: Value,
    args: &Args,
    kind: CallbackMethod,
    name: &str,
) -> JsResult<Value> {
    let (object, _, length) = validate(vm, this, name)?;
    let callback = args.get(vm, 0);
    require_callable(vm, callback, "")?;
    let this_argument = args.get(vm, 1);
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(object));
    let from_end = matches!(
        kind,
        CallbackMethod::FindLast | CallbackMethod::FindLastIndex
    );
    for step in 0..length {
        let index = if from_end { length - 1 - step } else { step };
        let value = get_index(vm, object, index);
        vm.root(value);
        let index_value = Value::Number(index as f64);
        let result = vm.call(
            callback,
            this_argument,
            &[value, index_value, Value::Object(object)],
        )?;
        let truthy = vm.to_boolean(result);
        match kind {
            CallbackMethod::Every if !truthy => {
                vm.close_handle_scope(scope);
                return Ok(Value::FALSE);
            }
            CallbackMethod::Some if truthy => {
                vm.close_handle_scope(scope);
                return Ok(Value::TRUE);
            }
            CallbackMethod::Find | CallbackMethod::FindLast if truthy => {
                vm.close_handle_scope(scope);
                return Ok(value);
            }
            CallbackMethod::FindIndex | CallbackMethod::FindLastIndex if truthy => {
                vm.close_handle_scope(scope);
                return Ok(index_value);
            }
            _ => {}
        }
    }
    vm.close_handle_scope(scope);
    Ok(match kind {
        CallbackMethod::Every => Value::TRUE,
        CallbackMethod::Some => Value::FALSE,
        CallbackMethod::ForEach | CallbackMethod::Find | CallbackMethod::FindLast => {
            Value::Undefined
        }
        CallbackMethod::FindIndex | CallbackMethod::FindLastIndex => Value::Number(-1.0),
    })
}

fn typed_array_every(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    iterate_with_callback(vm, this, &args, CallbackMethod::Every, "every")
}

fn typed_array_some(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    iterate_with_callback(vm, this, &args, CallbackMethod::Some, "some")
}

fn typed_array_for_each(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    iterate_with_callback(vm, this, &args, CallbackMethod::ForEach, "forEach")
}

fn typed_array_find(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    iterate_with_callback(vm, this, &args, CallbackMethod::Find, "find")
}

fn typed_array_find_index(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    iterate_with_callback(vm, this, &args, CallbackMethod::FindIndex, "findIndex")
}

fn typed_array_find_last(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    iterate_with_callback(vm, this, &args, CallbackMethod::FindLast, "findLast")
}

fn typed_array_find_last_index(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    iterate_with_callback(
        vm,
        this,
        &args,
        CallbackMethod::FindLastIndex,
        "findLastIndex",
    )
}

fn typed_array_fill(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let (object, view, length) = validate(vm, this, "fill")?;
    let value = args.get(vm, 0);
    let converted = vm.to_element_value(value, view.element_type)?;
    let length_u64 = length as u64;
    let start = super::integer_argument_or(vm, &args, 1, 0.0)?;
    let first = resolve_relative_index(start, length_u64);
    let end = super::integer_argument_or(vm, &args, 2, length as f64)?;
    let last = resolve_relative_index(end, length_u64);
    let Some(new_length) = vm.typed_array_length(&view) else {
        return vm.throw_type_error("Cannot fill a detached or out-of-bounds typed array");
    };
    let last = last.min(new_length as u64);
    for index in first..last {
        vm.typed_array_write(&view, index as usize, converted);
    }
    Ok(Value::Object(object))
}

fn typed_array_filter(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let (object, _, length) = validate(vm, this, "filter")?;
    let callback = args.get(vm, 0);
    require_callable(vm, callback, "")?;
    let this_argument = args.get(vm, 1);
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(object));
    let mut kept = Vec::new();
    for index in 0..length {
        let value = get_index(vm, object, index);
        vm.root(value);
        let selected = vm.call(
            callback,
            this_argument,
            &[value, Value::Number(index as f64), Value::Object(object)],
        )?;
        if vm.to_boolean(selected) {
            kept.push(value);
        }
    }
    let created = species_create(vm, object, &[Value::Number(kept.len() as f64)])?;
    vm.root(Value::Object(created));
    for (index, value) in kept.into_iter().enumerate() {
        set_index(vm, created, index, value)?;
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(created))
}

/// includes / indexOf / lastIndexOf.
fn search(vm: &mut Vm, this: Value, args: Args, name: &str) -> JsResult<Value> {
    let (object, _, length) = validate(vm, this, name)?;
    let includes = name == "includes";
    let last = name == "lastIndexOf";
    let not_found = if includes {
        Value::FALSE
    } else {
        Value::Number(-1.0)
    };
    if length == 0 {
        return Ok(not_found);
    }
    let target = args.get(vm, 0);
    let length_f = length as f64;
    let indices: Box<dyn Iterator<Item = usize>> = if last {
        let from = if args.len() > 1 {
            let value = args.get(vm, 1);
            vm.to_integer_or_infinity(value)?
        } else {
            length_f - 1.0
        };
        if from == f64::NEG_INFINITY {
            return Ok(not_found);
        }
        let start = if from >= 0.0 {
            from.min(length_f - 1.0)
        } else {
            length_f + from
        };
        if start < 0.0 {
            return Ok(not_found);
        }
        Box::new((0..=start as usize).rev())
    } else {
        let from = super::integer_argument_or(vm, &args, 1, 0.0)?;
        if from == f64::INFINITY {
            return Ok(not_found);
        }
        let start = if from >= 0.0 {
            from
        } else {
            (length_f + from).max(0.0)
        };
        if start >= length_f {
            return Ok(not_found);
        }
        Box::new(start as usize..length)
    };
    for index in indices {
        if !includes && !vm.is_valid_integer_index(object, index as f64) {
            continue;
        }
        let element = get_index(vm, object, index);
        let found = if includes {
            vm.same_value_zero(element, target)
        } else {
            vm.strict_equal(element, target)
        };
        if found {
            return Ok(if includes {
                Value::TRUE
            } else {
                Value::Number(index as f64)
            });
        }
    }
    Ok(not_found)
}

fn typed_array_includes(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    search(vm, this, args, "includes")
}

fn typed_array_index_of(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    search(vm, this, args, "indexOf")
}

fn typed_array_last_index_of(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    search(vm, this, args, "lastIndexOf")
}

fn typed_array_join(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let (object, _, length) = validate(vm, this, "join")?;
    let separator = args.get(vm, 0);
    let separator: Vec<u16> = if separator.is_undefined() {
        vec![b',' as u16]
    } else {
        super::to_units(vm, separator)?
    };
    let mut units: Vec<u16> = Vec::new();
    for index in 0..length {
        if index > 0 {
            units.extend_from_slice(&separator);
        }
        let element = get_index(vm, object, index);
        if !element.is_undefined() {
            let text = super::to_units(vm, element)?;
            units.extend_from_slice(&text);
        }
    }
    Ok(super::utf16_value(vm, units))
}

fn typed_array_map(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let (object, _, length) = validate(vm, this, "map")?;
    let callback = args.get(vm, 0);
    require_callable(vm, callback, "")?;
    let this_argument = args.get(vm, 1);
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(object));
    let created = species_create(vm, object, &[Value::Number(length as f64)])?;
    vm.root(Value::Object(created));
    for index in 0..length {
        let value = get_index(vm, object, index);
        vm.root(value);
        let mapped = vm.call(
            callback,
            this_argument,
            &[value, Value::Number(index as f64), Value::Object(object)],
        )?;
        let key = super::index_key(vm, index as u64);
        vm.set(created, key, mapped, Value::Object(created))?;
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(created))
}

fn reduce_generic(vm: &mut Vm, this: Value, args: Args, from_end: bool) -> JsResult<Value> {
    let name = if from_end { "reduceRight" } else { "reduce" };
    let (object, _, length) = validate(vm, this, name)?;
    let callback = args.get(vm, 0);
    require_callable(vm, callback, "")?;
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(object));
    let mut indices: Box<dyn Iterator<Item = usize>> = if from_end {
        Box::new((0..length).rev())
    } else {
        Box::new(0..length)
    };
    let mut accumulator = if args.len() >= 2 {
        args.get(vm, 1)
    } else {
        match indices.next() {
            Some(index) => get_index(vm, object, index),
            None => return vm.throw_type_error("Reduce of empty array with no initial value"),
        }
    };
    for index in indices {
        vm.root(accumulator);
        let value = get_index(vm, object, index);
        vm.root(value);
        accumulator = vm.call(
            callback,
            Value::Undefined,
            &[
                accumulator,
                value,
                Value::Number(index as f64),
                Value::Object(object),
            ],
        )?;
    }
    vm.close_handle_scope(scope);
    Ok(accumulator)
}

fn typed_array_reduce(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    reduce_generic(vm, this, args, false)
}

fn typed_array_reduce_right(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    reduce_generic(vm, this, args, true)
}

fn typed_array_reverse(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let (object, view, length) = validate(vm, this, "reverse")?;
    let size = view.element_type.size();
    let start = view.byte_offset as usize;
    if let Some(buffer) = vm.array_buffer_data_mut(view.buffer)
        && start + length * size <= buffer.bytes.len()
    {
        let bytes = &mut buffer.bytes[start..start + length * size];
        for index in 0..length / 2 {
            let mirror = length - 1 - index;
            for byte in 0..size {
                bytes.swap(index * size + byte, mirror * size + byte);
            }
        }
    }
    Ok(Value::Object(object))
}

fn typed_array_set(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let target_view = match this {
        Value::Object(object) => vm.typed_array_data(object).map(|view| (object, view)),
        _ => None,
    };
    let Some((target, target_view)) = target_view else {
        return vm
            .throw_type_error("Method %TypedArray%.prototype.set called on incompatible receiver");
    };
    let offset_value = args.get(vm, 1);
    let offset = vm.to_integer_or_infinity(offset_value)?;
    if offset < 0.0 {
        return vm.throw_range_error("offset is out of bounds");
    }
    let source = args.get(vm, 0);
    if let Value::Object(source_object) = source
        && let Some(source_view) = vm.typed_array_data(source_object)
    {
        let Some(target_length) = vm.typed_array_length(&target_view) else {
            return vm.throw_type_error("Cannot set on a detached or out-of-bounds typed array");
        };
        let Some(source_length) = vm.typed_array_length(&source_view) else {
            return vm.throw_type_error("Source typed array is detached or out of bounds");
        };
        if offset == f64::INFINITY || source_length as f64 + offset > target_length as f64 {
            return vm.throw_range_error("offset is out of bounds");
        }
        if target_view.element_type.is_bigint() != source_view.element_type.is_bigint() {
            return vm.throw_type_error("Cannot mix BigInt and other types");
        }
        copy_elements(vm, &source_view, 0, target, offset as usize, source_length);
        return Ok(Value::Undefined);
    }
    let Some(target_length) = vm.typed_array_length(&target_view) else {
        return vm.throw_type_error("Cannot set on a detached or out-of-bounds typed array");
    };
    let source_object = vm.to_object(source)?;
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(source_object));
    vm.root(Value::Object(target));
    let source_length = length_of_array_like(vm, source_object)?;
    if offset == f64::INFINITY || source_length as f64 + offset > target_length as f64 {
        return vm.throw_range_error("offset is out of bounds");
    }
    for index in 0..source_length {
        let key = super::index_key(vm, index);
        let value = vm.get(source_object, key)?;
        vm.typed_array_set_element(target, offset + index as f64, value)?;
    }
    vm.close_handle_scope(scope);
    Ok(Value::Undefined)
}

fn typed_array_slice(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let (object, view, length) = validate(vm, this, "slice")?;
    let length_u64 = length as u64;
    let start = super::integer_argument_or(vm, &args, 0, 0.0)?;
    let first = resolve_relative_index(start, length_u64);
    let end = super::integer_argument_or(vm, &args, 1, length as f64)?;
    let last = resolve_relative_index(end, length_u64);
    let count = last.saturating_sub(first);
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(object));
    let created = species_create(vm, object, &[Value::Number(count as f64)])?;
    vm.root(Value::Object(created));
    if count > 0 {
        let Some(new_length) = vm.typed_array_length(&view) else {
            return vm.throw_type_error("Cannot slice a detached or out-of-bounds typed array");
        };
        let last = last.min(new_length as u64);
        let count = last.saturating_sub(first) as usize;
        let created_type = vm.typed_array_data(created).map(|data| data.element_type);
        if created_type == Some(view.element_type) {
            copy_bytes_forward(vm, &view, first as usize, created, count);
        } else {
            for (target_index, index) in (first as usize..last as usize).enumerate() {
                let value = get_index(vm, object, index);
                set_index(vm, created, target_index, value)?;
            }
        }
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(created))
}

/// SortCompare for typed arrays: the comparator's result through ToNumber, or the numeric
/// order (-0 before +0, NaN last) without one.
fn compare_elements(
    vm: &mut Vm,
    comparator: Value,
    left: Value,
    right: Value,
) -> JsResult<Ordering> {
    if !comparator.is_undefined() {
        let result = vm.call(comparator, Value::Undefined, &[left, right])?;
        let number = vm.to_number(result)?;
        return Ok(if number < 0.0 {
            Ordering::Less
        } else if number > 0.0 {
            Ordering::Greater
        } else {
            Ordering::Equal
        });
    }
    match (left, right) {
        (Value::Number(x), Value::Number(y)) => Ok(match (x.is_nan(), y.is_nan()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            _ => {
                if x < y {
                    Ordering::Less
                } else if x > y {
                    Ordering::Greater
                } else if x == 0.0 && y == 0.0 {
                    x.is_sign_positive().cmp(&y.is_sign_positive())
                } else {
                    Ordering::Equal
                }
            }
        }),
        (Value::BigInt(x), Value::BigInt(y)) => Ok(vm.bigint(x).cmp(vm.bigint(y))),
        _ => Ok(Ordering::Equal),
    }
}

/// A stable merge sort with a fallible comparator (the values must be rooted by the caller).
fn sort_values(vm: &mut Vm, values: &mut Vec<Value>, comparator: Value) -> JsResult<()> {
    let length = values.len();
    let mut width = 1;
    let mut scratch = values.clone();
    while width < length {
        let mut start = 0;
        while start < length {
            let middle = (start + width).min(length);
            let end = (start + 2 * width).min(length);
            let (mut left, mut right, mut out) = (start, middle, start);
            while left < middle && right < end {
                if compare_elements(vm, comparator, values[right], values[left])? == Ordering::Less
                {
                    scratch[out] = values[right];
                    right += 1;
                } else {
                    scratch[out] = values[left];
                    left += 1;
                }
                out += 1;
            }
            scratch[out..out + (middle - left)].copy_from_slice(&values[left..middle]);
            out += middle - left;
            scratch[out..out + (end - right)].copy_from_slice(&values[right..end]);
            start = end;
        }
        std::mem::swap(values, &mut scratch);
        width *= 2;
    }
    Ok(())
}

fn sorted_values(
    vm: &mut Vm,
    this: Value,
    args: &Args,
    name: &str,
) -> JsResult<(ObjectRef, TypedArrayData, Vec<Value>)> {
    let comparator = args.get(vm, 0);
    if !comparator.is_undefined() && !vm.is_callable(comparator) {
        return vm
            .throw_type_error("The comparison function must be either a function or undefined");
    }
    let (object, view, length) = validate(vm, this, name)?;
    let mut values = Vec::with_capacity(length);
    for index in 0..length {
        let value = get_index(vm, object, index);
        vm.root(value);
        values.push(value);
    }
    sort_values(vm, &mut values, comparator)?;
    Ok((object, view, values))
}

fn typed_array_sort(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let scope = vm.open_handle_scope();
    let (object, _, values) = sorted_values(vm, this, &args, "sort")?;
    for (index, value) in values.into_iter().enumerate() {
        set_index(vm, object, index, value)?;
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(object))
}

fn typed_array_to_sorted(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let scope = vm.open_handle_scope();
    let comparator = args.get(vm, 0);
    if !comparator.is_undefined() && !vm.is_callable(comparator) {
        return vm
            .throw_type_error("The comparison function must be either a function or undefined");
    }
    let (object, view, length) = validate(vm, this, "toSorted")?;
    let created = create_same_type(vm, &view, length)?;
    vm.root(Value::Object(created));
    let _ = object;
    let (_, _, values) = sorted_values(vm, this, &args, "toSorted")?;
    for (index, value) in values.into_iter().enumerate() {
        set_index(vm, created, index, value)?;
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(created))
}

fn typed_array_subarray(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let view = match this {
        Value::Object(object) => vm.typed_array_data(object).map(|view| (object, view)),
        _ => None,
    };
    let Some((object, view)) = view else {
        return vm.throw_type_error(
            "Method %TypedArray%.prototype.subarray called on incompatible receiver",
        );
    };
    let source_length = vm.typed_array_length(&view).unwrap_or(0) as u64;
    let start = super::integer_argument_or(vm, &args, 0, 0.0)?;
    let first = resolve_relative_index(start, source_length);
    let size = view.element_type.size() as u64;
    let begin_byte_offset = view.byte_offset as u64 + first * size;
    let end = args.get(vm, 1);
    let buffer = Value::Object(view.buffer);
    let arguments = if view.length == LENGTH_TRACKING && end.is_undefined() {
        vec![buffer, Value::Number(begin_byte_offset as f64)]
    } else {
        let relative_end = if end.is_undefined() {
            source_length as f64
        } else {
            vm.to_integer_or_infinity(end)?
        };
        let last = resolve_relative_index(relative_end, source_length);
        let new_length = last.saturating_sub(first);
        vec![
            buffer,
            Value::Number(begin_byte_offset as f64),
            Value::Number(new_length as f64),
        ]
    };
    species_create(vm, object, &arguments).map(Value::Object)
}

fn typed_array_to_locale_string(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let (object, _, length) = validate(vm, this, "toLocaleString")?;
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(object));
    let mut units: Vec<u16> = Vec::new();
    let key = vm.property_key_from_str("toLocaleString");
    for index in 0..length {
        if index > 0 {
            units.push(b',' as u16);
        }
        let element = get_index(vm, object, index);
        if !element.is_nullish() {
            let result = vm.invoke(element, key, &[])?;
            let text = super::to_units(vm, result)?;
            units.extend_from_slice(&text);
        }
    }
    vm.close_handle_scope(scope);
    Ok(super::utf16_value(vm, units))
}

fn typed_array_to_reversed(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let (object, view, length) = validate(vm, this, "toReversed")?;
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(object));
    let created = create_same_type(vm, &view, length)?;
    vm.root(Value::Object(created));
    for index in 0..length {
        let value = get_index(vm, object, length - 1 - index);
        set_index(vm, created, index, value)?;
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(created))
}

fn typed_array_with(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let (object, view, length) = validate(vm, this, "with")?;
    let index = args.get(vm, 0);
    // `+ 0.0` turns a -0 (from ToIntegerOrInfinity of -0.5) into +0.
    let relative = vm.to_integer_or_infinity(index)? + 0.0;
    let actual = if relative >= 0.0 {
        relative
    } else {
        length as f64 + relative
    };
    let value = args.get(vm, 1);
    let converted = vm.to_element_value(value, view.element_type)?;
    if !vm.is_valid_integer_index(object, actual) {
        return vm.throw_range_error("Invalid typed array index");
    }
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(object));
    let created = create_same_type(vm, &view, length)?;
    vm.root(Value::Object(created));
    let converted_value = vm.element_value_to_value(converted);
    vm.root(converted_value);
    for position in 0..length {
        let element = if position as f64 == actual {
            converted_value
        } else {
            get_index(vm, object, position)
        };
        set_index(vm, created, position, element)?;
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(created))
}
