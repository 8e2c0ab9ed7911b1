//! `Array`: the constructor, `Array.isArray/of/from`, and every `Array.prototype` method of
//! ES2023 (`push` ... `toSorted`, `with`, `flat`, `copyWithin`, iterators).
//!
//! The methods are generic (they work on any array-like `this` through [[Get]]/[[Set]]), as
//! the specification requires; `vm.get` already has the dense-element fast path, so arrays pay
//! little for the generality. Simplifications, stated honestly: `Symbol.species` is ignored
//! (results are plain arrays), and `sort` is a stable merge sort that calls the comparator
//! through `Vm::call` for every comparison.
//!
//! GC: methods that call back into JavaScript root `this` (as an object) and the array they
//! are building on the handle stack before the first call.

use std::cell::RefCell;

use super::{
    index_key, integer_argument_or, length_of_array_like, method, require_callable,
    resolve_relative_index, string_value,
};
use crate::atom::{PropertyKey, atoms};
use crate::function::Args;
use crate::object::{ArrayData, IterationKind, ObjectKind};
use crate::realm::Vm;
use crate::shape::Attributes;
use crate::value::{JsResult, ObjectRef, Value};

/// Installs `Array` and `Array.prototype`: the constructor's behaviour now, their methods on
/// first touch (see `crate::deferred_contents`).
pub fn install(vm: &mut Vm) {
    let constructor = vm.intrinsics.array_constructor;
    super::install_constructor_behaviour(vm, constructor, array_constructor, 1);
    // The methods are installed on first touch together with %TypedArray%'s, whose
    // `toString` is Array.prototype's (`typed_array::install` records the group).
}

/// Installs the properties of `Array` and `Array.prototype` after the ones realm setup gave
/// them (`length`, `name`, `prototype`; `constructor`).
pub(crate) fn install_contents(vm: &mut Vm) {
    let constructor = vm.intrinsics.array_constructor;
    method(vm, constructor, "isArray", 1, array_is_array);
    method(vm, constructor, "of", 0, array_of);
    method(vm, constructor, "from", 1, array_from);
    method(
        vm,
        constructor,
        "fromAsync",
        1,
        super::array_from_async::array_from_async,
    );
    let species = vm.intrinsics.symbols.species;
    super::symbol_getter(
        vm,
        constructor,
        species,
        "get [Symbol.species]",
        return_this,
    );

    let prototype = vm.intrinsics.array_prototype;
    let methods: &[(&str, u32, crate::function::NativeFunction)] = &[
        ("at", 1, array_at),
        ("concat", 1, array_concat),
        ("copyWithin", 2, array_copy_within),
        ("entries", 0, array_entries),
        ("every", 1, array_every),
        ("fill", 1, array_fill),
        ("filter", 1, array_filter),
        ("find", 1, array_find),
        ("findIndex", 1, array_find_index),
        ("findLast", 1, array_find_last),
        ("findLastIndex", 1, array_find_last_index),
        ("flat", 0, array_flat),
        ("flatMap", 1, array_flat_map),
        ("forEach", 1, array_for_each),
        ("includes", 1, array_includes),
        ("indexOf", 1, array_index_of),
        ("join", 1, array_join),
        ("keys", 0, array_keys),
        ("lastIndexOf", 1, array_last_index_of),
        ("map", 1, array_map),
        ("pop", 0, array_pop),
        ("push", 1, array_push),
        ("reduce", 1, array_reduce),
        ("reduceRight", 1, array_reduce_right),
        ("reverse", 0, array_reverse),
        ("shift", 0, array_shift),
        ("slice", 2, array_slice),
        ("some", 1, array_some),
        ("sort", 1, array_sort),
        ("splice", 2, array_splice),
        ("toLocaleString", 0, array_to_locale_string),
        ("toReversed", 0, array_to_reversed),
        ("toSorted", 1, array_to_sorted),
        ("toSpliced", 2, array_to_spliced),
        ("toString", 0, array_to_string),
        ("unshift", 1, array_unshift),
        ("with", 2, array_with),
    ];
    for &(name, length, function) in methods {
        method(vm, prototype, name, length, function);
    }
    let values = method(vm, prototype, "values", 0, array_values);
    let iterator = vm.intrinsics.symbols.iterator;
    vm.define_data_property(
        prototype,
        PropertyKey::Symbol(iterator),
        Value::Object(values),
        Attributes::HIDDEN_DATA,
    );
    // The original %Array.prototype%[Symbol.iterator] of the fast array iteration path
    // (`interpreter::iteration`), recorded here because the contents may be installed after
    // the interpreter's snapshot of the realm's iteration functions.
    vm.interpreter.original_array_iterator_function = Some(Value::Object(values));
}

fn return_this(_vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    Ok(this)
}

/// ArrayCreate(length) with the %Array.prototype% (or a given) prototype.
pub fn array_create(vm: &mut Vm, length: u64, prototype: Option<ObjectRef>) -> JsResult<ObjectRef> {
    if length > u32::MAX as u64 {
        return vm.throw_range_error("Invalid array length");
    }
    let prototype = prototype.unwrap_or(vm.intrinsics.array_prototype);
    let array = vm.alloc_object(
        Some(prototype),
        ObjectKind::Array(ArrayData {
            length: length as u32,
            length_writable: true,
        }),
    );
    Ok(array)
}

fn array_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let new_target = if args.is_construct_call() {
        args.new_target()
    } else {
        Value::Object(args.callee())
    };
    let fallback = vm.intrinsics.array_prototype;
    let prototype = vm.get_prototype_from_constructor(new_target, fallback)?;
    if args.len() == 1 {
        let length = args.get(vm, 0);
        if let Value::Number(number) = length {
            let integer = number as u32;
            if integer as f64 != number {
                return vm.throw_range_error("Invalid array length");
            }
            return array_create(vm, integer as u64, Some(prototype)).map(Value::Object);
        }
        let array = vm.new_array(vec![length]);
        vm.object_mut(array).prototype = Some(prototype);
        return Ok(Value::Object(array));
    }
    let elements = args.to_vec(vm);
    let array = vm.new_array(elements);
    vm.object_mut(array).prototype = Some(prototype);
    Ok(Value::Object(array))
}

fn array_is_array(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let value = args.get(vm, 0);
    vm.is_array_checked(value).map(Value::Boolean)
}

/// The result object of `Array.from`/`Array.of` called on `this`: a plain array for
/// %Array% (or a non-constructor), otherwise `new this(...arguments)`.
pub(super) fn construct_result(
    vm: &mut Vm,
    this: Value,
    arguments: &[Value],
) -> JsResult<ObjectRef> {
    if vm.is_constructor(this) && !this.is_identical(Value::Object(vm.intrinsics.array_constructor))
    {
        let created = vm.construct(this, arguments, None)?;
        return match created {
            Value::Object(object) => Ok(object),
            _ => vm.throw_type_error("Array.from: the constructor did not return an object"),
        };
    }
    let length = match arguments.first() {
        Some(Value::Number(length)) => *length as u64,
        _ => 0,
    };
    array_create(vm, length, None)
}

fn array_of(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let elements = args.to_vec(vm);
    if !vm.is_constructor(this) || this.is_identical(Value::Object(vm.intrinsics.array_constructor))
    {
        return Ok(Value::Object(vm.new_array(elements)));
    }
    let scope = vm.open_handle_scope();
    let result = construct_result(vm, this, &[Value::Number(elements.len() as f64)])?;
    vm.root(Value::Object(result));
    for (index, element) in elements.iter().enumerate() {
        vm.create_data_property_or_throw(result, PropertyKey::Index(index as u32), *element)?;
    }
    set_length(vm, result, elements.len() as u64)?;
    vm.close_handle_scope(scope);
    Ok(Value::Object(result))
}

fn array_from(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let items = args.get(vm, 0);
    let map_function = args.get(vm, 1);
    let this_argument = args.get(vm, 2);
    let mapping = !map_function.is_undefined();
    if mapping {
        require_callable(vm, map_function, "")?;
    }
    if items.is_nullish() {
        let text = vm.describe_value_for_error(items);
        return vm.throw_type_error(&format!("{text} is not iterable"));
    }
    let scope = vm.open_handle_scope();
    vm.root(items);
    let iterator_key = PropertyKey::Symbol(vm.intrinsics.symbols.iterator);
    let iterator_method = vm.get_method(items, iterator_key)?;
    let result = if iterator_method.is_some() {
        construct_result(vm, this, &[])?
    } else {
        let array_like = vm.to_object(items)?;
        let length = length_of_array_like(vm, array_like)?;
        construct_result(vm, this, &[Value::Number(length as f64)])?
    };
    vm.root(Value::Object(result));
    let map_function = vm.prepare_call(map_function);
    if let Some(iterator_method) = iterator_method {
        let mut record = vm.get_iterator_from_method(items, iterator_method)?;
        vm.root(Value::Object(record.iterator));
        vm.root(record.next_method);
        let mut index = 0u32;
        while let Some(value) = vm.iterator_step_value(&mut record)? {
            let value = if mapping {
                match vm.call_prepared(
                    &map_function,
                    this_argument,
                    &[value, Value::Number(index as f64)],
                ) {
                    Ok(mapped) => mapped,
                    Err(error) => return Err(vm.iterator_close_on_error(&record, error)),
                }
            } else {
                value
            };
            vm.create_data_property_or_throw(result, PropertyKey::Index(index), value)?;
            index += 1;
        }
        set_length(vm, result, index as u64)?;
    } else {
        let array_like = vm.to_object(items)?;
        let length = length_of_array_like(vm, array_like)?;
        for index in 0..length {
            let key = index_key(vm, index);
            let mut value = vm.get(array_like, key)?;
            if mapping {
                value = vm.call_prepared(
                    &map_function,
                    this_argument,
                    &[value, Value::Number(index as f64)],
                )?;
            }
            vm.create_data_property_or_throw(result, key, value)?;
        }
        set_length(vm, result, length)?;
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(result))
}

/// `Set(O, "length", len, true)`.
fn set_length(vm: &mut Vm, object: ObjectRef, length: u64) -> JsResult<()> {
    vm.put_value(
        Value::Object(object),
        PropertyKey::Atom(atoms::LENGTH),
        Value::Number(length as f64),
        true,
    )
}

/// `this` as an object, rooted, with its length.
fn this_array_like(vm: &mut Vm, this: Value) -> JsResult<(ObjectRef, u64)> {
    let object = vm.to_object(this)?;
    vm.root(Value::Object(object));
    let length = length_of_array_like(vm, object)?;
    Ok((object, length))
}

/// The element at `index` when it is certainly an own plain data property of `object`: arrays
/// and ordinary objects keep their dense indexed properties in `elements`, where every value is
/// a writable, enumerable, configurable data property (a hole means absent; see object.rs).
///
/// Performance decision: the generic methods call HasProperty and then Get for every index;
/// for such an element both are unobservable and give `true` and the stored value, so this
/// one vector read replaces two property-key conversions and two lookups (about a third of the
/// time of `indexOf`, `slice` and the callback methods on arrays, measured with callgrind).
/// Other kinds (arguments objects, typed arrays, proxies, string wrappers) take the general
/// path.
#[inline]
fn own_dense_element(vm: &Vm, object: ObjectRef, index: u64) -> Option<Value> {
    let data = vm.object(object);
    if !matches!(data.kind, ObjectKind::Array(_) | ObjectKind::Ordinary) {
        return None;
    }
    let value = *data.elements.get(usize::try_from(index).ok()?)?;
    (!value.is_hole()).then_some(value)
}

fn get_index(vm: &mut Vm, object: ObjectRef, index: u64) -> JsResult<Value> {
    if let Some(value) = own_dense_element(vm, object, index) {
        return Ok(value);
    }
    let key = index_key(vm, index);
    vm.get(object, key)
}

fn has_index(vm: &mut Vm, object: ObjectRef, index: u64) -> JsResult<bool> {
    if own_dense_element(vm, object, index).is_some() {
        return Ok(true);
    }
    let key = index_key(vm, index);
    vm.has_property(object, key)
}

/// CreateDataPropertyOrThrow(array, index, value) for an array this method created and has not
/// yet shown to any JavaScript code.
///
/// Performance decision: CreateDataProperty never consults the prototype chain, so appending
/// to such an array (extensible, no index keys in its shape, the index right after its stored
/// elements) is a plain push: no prototype walk as in `Vm::try_fast_element_store`, which
/// cost map/filter ~130 instructions per element under callgrind. Anything else takes the
/// full definition.
fn define_result_element(vm: &mut Vm, array: ObjectRef, index: u64, value: Value) -> JsResult<()> {
    if index < u64::from(u32::MAX) {
        let shape = vm.object(array).shape;
        let shape_has_indices = vm.heap.shapes.get(shape).index_key_count() != 0;
        let data = vm.object_mut(array);
        let stored = data.elements.len() as u64;
        if let ObjectKind::Array(array_data) = &mut data.kind
            && data.extensible
            && !shape_has_indices
            && stored == index
            && (index < u64::from(array_data.length) || array_data.length_writable)
        {
            data.elements.push(value);
            if index >= u64::from(array_data.length) {
                array_data.length = index as u32 + 1;
            }
            vm.heap
                .accounting
                .note_extra_bytes(std::mem::size_of::<Value>());
            return Ok(());
        }
    }
    let key = index_key(vm, index);
    vm.create_data_property_or_throw(array, key, value)
}

/// A copy of `elements[start..end]` of an Array whose elements in that range are all present
/// (no holes), which is exactly what reading them one by one with [[Get]] would give.
fn dense_array_range(vm: &Vm, object: ObjectRef, start: u64, end: u64) -> Option<Vec<Value>> {
    let data = vm.object(object);
    if !matches!(data.kind, ObjectKind::Array(_)) {
        return None;
    }
    let range = data
        .elements
        .get(usize::try_from(start).ok()?..usize::try_from(end).ok()?)?;
    if range.iter().any(|value| value.is_hole()) {
        return None;
    }
    Some(range.to_vec())
}

/// The length of `object` when it is a packed Array: extensible, `length` writable, every
/// index below `length` stored in the element vector (no holes) and none in its shape.
///
/// Performance decision: on such an array every HasProperty, Get, Set and DeletePropertyOrThrow
/// that `reverse`, `shift`, `unshift` and `splice` perform on an index below the length meets an
/// own writable, configurable data property, so the generic algorithms' effects are exactly a
/// rearrangement of the element vector and a new `length`: one `memmove` instead of two
/// property operations per moved element (500 `unshift` calls on a 10,000-element array took
/// 4.1 s against QuickJS's 0.3 s before this). Writes at or past the length (the growing half
/// of `unshift`/`splice`) can still reach setters on the prototype chain, so those callers also
/// require [`Vm::chain_has_no_indexed_properties`].
fn packed_array_length(vm: &Vm, object: ObjectRef) -> Option<usize> {
    let data = vm.object(object);
    let ObjectKind::Array(array) = data.kind else {
        return None;
    };
    let length = array.length as usize;
    (array.length_writable
        && data.extensible
        && data.elements.len() == length
        && vm.heap.shapes.get(data.shape).index_key_count() == 0
        && !data.elements.iter().any(|value| value.is_hole()))
    .then_some(length)
}

/// Stores `length` as the `length` of an Array that [`packed_array_length`] accepted, after
/// its element vector was rearranged to hold exactly that many values.
fn set_packed_array_length(vm: &mut Vm, object: ObjectRef, length: usize) {
    let data = vm.object_mut(object);
    debug_assert_eq!(data.elements.len(), length);
    if let ObjectKind::Array(array) = &mut data.kind {
        array.length = length as u32;
    }
}

/// True when the prototype chain of `object` has no indexed properties, so creating elements
/// past its length cannot meet a setter or a read-only index there.
fn prototype_chain_has_no_indices(vm: &Vm, object: ObjectRef) -> bool {
    vm.chain_has_no_indexed_properties(vm.object(object).prototype)
}

fn set_index(vm: &mut Vm, object: ObjectRef, index: u64, value: Value) -> JsResult<()> {
    let key = index_key(vm, index);
    vm.put_value(Value::Object(object), key, value, true)
}

fn delete_index(vm: &mut Vm, object: ObjectRef, index: u64) -> JsResult<()> {
    let key = index_key(vm, index);
    if !vm.delete_property(object, key)? {
        return vm.throw_type_error(&format!("Cannot delete property '{index}'"));
    }
    Ok(())
}

fn array_at(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let (object, length) = this_array_like(vm, this)?;
    let relative = integer_argument_or(vm, &args, 0, 0.0)?;
    let index = if relative >= 0.0 {
        relative
    } else {
        length as f64 + relative
    };
    if index < 0.0 || index >= length as f64 {
        return Ok(Value::Undefined);
    }
    get_index(vm, object, index as u64)
}

fn is_concat_spreadable(vm: &mut Vm, value: Value) -> JsResult<bool> {
    let Value::Object(object) = value else {
        return Ok(false);
    };
    let symbol = vm.intrinsics.symbols.is_concat_spreadable;
    let spreadable = vm.get(object, PropertyKey::Symbol(symbol))?;
    if !spreadable.is_undefined() {
        return Ok(vm.to_boolean(spreadable));
    }
    vm.is_array_checked(value)
}

/// 2^53 - 1: the largest length of an array-like object (ToLength's upper bound).
const MAX_SAFE_LENGTH: u64 = (1 << 53) - 1;

/// ArrayCreate's RangeError for a length above 2^32 - 1, checked before any allocation so that
/// an absurd length cannot exhaust memory.
fn check_array_create_length(vm: &mut Vm, length: u64) -> JsResult<()> {
    if length > u64::from(u32::MAX) {
        return vm.throw_range_error("Invalid array length");
    }
    Ok(())
}

fn array_concat(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let scope = vm.open_handle_scope();
    let object = vm.to_object(this)?;
    vm.root(Value::Object(object));
    let result = vm.new_array(Vec::new());
    vm.root(Value::Object(result));
    let mut items = vec![Value::Object(object)];
    items.extend(args.to_vec(vm));
    let mut next = 0u64;
    for item in items {
        if is_concat_spreadable(vm, item)? {
            let Value::Object(source) = item else {
                continue;
            };
            let length = length_of_array_like(vm, source)?;
            if next + length > MAX_SAFE_LENGTH {
                return vm.throw_type_error("Invalid array length: concat exceeds 2^53 - 1");
            }
            for index in 0..length {
                if has_index(vm, source, index)? {
                    let value = get_index(vm, source, index)?;
                    let key = index_key(vm, next);
                    vm.create_data_property_or_throw(result, key, value)?;
                }
                next += 1;
            }
        } else {
            if next >= MAX_SAFE_LENGTH {
                return vm.throw_type_error("Invalid array length: concat exceeds 2^53 - 1");
            }
            let key = index_key(vm, next);
            vm.create_data_property_or_throw(result, key, item)?;
            next += 1;
        }
    }
    set_length(vm, result, next)?;
    vm.close_handle_scope(scope);
    Ok(Value::Object(result))
}

fn array_copy_within(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let (object, length) = this_array_like(vm, this)?;
    let target = resolve_relative_index(integer_argument_or(vm, &args, 0, 0.0)?, length);
    let start = resolve_relative_index(integer_argument_or(vm, &args, 1, 0.0)?, length);
    let end = resolve_relative_index(integer_argument_or(vm, &args, 2, length as f64)?, length);
    let count = end.saturating_sub(start).min(length - target);
    if count == 0 {
        return Ok(Value::Object(object));
    }
    let indices: Vec<u64> = if start < target && target < start + count {
        (0..count).rev().collect()
    } else {
        (0..count).collect()
    };
    for offset in indices {
        let from = start + offset;
        let to = target + offset;
        if has_index(vm, object, from)? {
            let value = get_index(vm, object, from)?;
            set_index(vm, object, to, value)?;
        } else {
            delete_index(vm, object, to)?;
        }
    }
    Ok(Value::Object(object))
}

fn array_entries(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let object = vm.to_object(this)?;
    Ok(Value::Object(super::iterators::create_array_iterator(
        vm,
        object,
        IterationKind::Entries,
    )))
}

fn array_keys(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let object = vm.to_object(this)?;
    Ok(Value::Object(super::iterators::create_array_iterator(
        vm,
        object,
        IterationKind::Keys,
    )))
}

fn array_values(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let object = vm.to_object(this)?;
    Ok(Value::Object(super::iterators::create_array_iterator(
        vm,
        object,
        IterationKind::Values,
    )))
}

/// What a callback-driven iteration method does with each result.
#[derive(Clone, Copy, PartialEq, Eq)]
enum IterationMethod {
    Every,
    Some,
    ForEach,
    Map,
    Filter,
}

fn iterate_with_callback(
    vm: &mut Vm,
    this: Value,
    args: &Args,
    kind: IterationMethod,
) -> JsResult<Value> {
    let scope = vm.open_handle_scope();
    let (object, length) = this_array_like(vm, this)?;
    let callback = args.get(vm, 0);
    require_callable(vm, callback, "")?;
    let this_argument = args.get(vm, 1);
    let result = match kind {
        IterationMethod::Map => Some(array_create(vm, length, None)?),
        IterationMethod::Filter => Some(vm.new_array(Vec::new())),
        _ => None,
    };
    if let Some(result) = result {
        vm.root(Value::Object(result));
    }
    let mut filtered = 0u32;
    let callback = vm.prepare_call(callback);
    for index in 0..length {
        if !has_index(vm, object, index)? {
            continue;
        }
        let value = get_index(vm, object, index)?;
        let outcome = vm.call_prepared(
            &callback,
            this_argument,
            &[value, Value::Number(index as f64), Value::Object(object)],
        )?;
        match kind {
            IterationMethod::Every => {
                if !vm.to_boolean(outcome) {
                    vm.close_handle_scope(scope);
                    return Ok(Value::FALSE);
                }
            }
            IterationMethod::Some => {
                if vm.to_boolean(outcome) {
                    vm.close_handle_scope(scope);
                    return Ok(Value::TRUE);
                }
            }
            IterationMethod::ForEach => {}
            IterationMethod::Map => {
                if let Some(result) = result {
                    define_result_element(vm, result, index, outcome)?;
                }
            }
            IterationMethod::Filter => {
                if vm.to_boolean(outcome)
                    && let Some(result) = result
                {
                    define_result_element(vm, result, u64::from(filtered), value)?;
                    filtered += 1;
                }
            }
        }
    }
    vm.close_handle_scope(scope);
    Ok(match kind {
        IterationMethod::Every => Value::TRUE,
        IterationMethod::Some => Value::FALSE,
        IterationMethod::ForEach => Value::Undefined,
        IterationMethod::Map | IterationMethod::Filter => {
            result.map_or(Value::Undefined, Value::Object)
        }
    })
}

fn array_every(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    iterate_with_callback(vm, this, &args, IterationMethod::Every)
}

fn array_some(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    iterate_with_callback(vm, this, &args, IterationMethod::Some)
}

fn array_for_each(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    iterate_with_callback(vm, this, &args, IterationMethod::ForEach)
}

fn array_map(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    iterate_with_callback(vm, this, &args, IterationMethod::Map)
}

fn array_filter(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    iterate_with_callback(vm, this, &args, IterationMethod::Filter)
}

fn array_fill(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let (object, length) = this_array_like(vm, this)?;
    let value = args.get(vm, 0);
    let start = resolve_relative_index(integer_argument_or(vm, &args, 1, 0.0)?, length);
    let end = resolve_relative_index(integer_argument_or(vm, &args, 2, length as f64)?, length);
    for index in start..end {
        // Plain element stores where no setter or read-only element can intercept them.
        if let Ok(index) = u32::try_from(index)
            && index != u32::MAX
            && vm.try_fast_element_store(object, index, value)
        {
            continue;
        }
        set_index(vm, object, index, value)?;
    }
    Ok(Value::Object(object))
}

/// find / findIndex / findLast / findLastIndex.
fn find_generic(
    vm: &mut Vm,
    this: Value,
    args: &Args,
    from_end: bool,
    want_index: bool,
) -> JsResult<Value> {
    let scope = vm.open_handle_scope();
    let (object, length) = this_array_like(vm, this)?;
    let predicate = args.get(vm, 0);
    require_callable(vm, predicate, "")?;
    let this_argument = args.get(vm, 1);
    let predicate = vm.prepare_call(predicate);
    for step in 0..length {
        let index = if from_end { length - 1 - step } else { step };
        let value = get_index(vm, object, index)?;
        vm.root(value);
        let outcome = vm.call_prepared(
            &predicate,
            this_argument,
            &[value, Value::Number(index as f64), Value::Object(object)],
        )?;
        if vm.to_boolean(outcome) {
            vm.close_handle_scope(scope);
            return Ok(if want_index {
                Value::Number(index as f64)
            } else {
                value
            });
        }
    }
    vm.close_handle_scope(scope);
    Ok(if want_index {
        Value::Number(-1.0)
    } else {
        Value::Undefined
    })
}

fn array_find(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    find_generic(vm, this, &args, false, false)
}

fn array_find_index(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    find_generic(vm, this, &args, false, true)
}

fn array_find_last(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    find_generic(vm, this, &args, true, false)
}

fn array_find_last_index(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    find_generic(vm, this, &args, true, true)
}

/// FlattenIntoArray; returns the next target index.
#[allow(clippy::too_many_arguments)]
fn flatten_into_array(
    vm: &mut Vm,
    target: ObjectRef,
    source: ObjectRef,
    source_length: u64,
    start: u64,
    depth: f64,
    mapper: Option<(Value, Value)>,
) -> JsResult<u64> {
    let mut target_index = start;
    let mapper = mapper.map(|(function, this_argument)| (vm.prepare_call(function), this_argument));
    for index in 0..source_length {
        if !has_index(vm, source, index)? {
            continue;
        }
        let mut element = get_index(vm, source, index)?;
        if let Some((function, this_argument)) = &mapper {
            let this_argument = *this_argument;
            element = vm.call_prepared(
                function,
                this_argument,
                &[element, Value::Number(index as f64), Value::Object(source)],
            )?;
        }
        if depth > 0.0 && vm.is_array(element) {
            let Value::Object(inner) = element else {
                continue;
            };
            vm.root(element);
            if !vm.native_stack_has_room() {
                return vm.throw_range_error("Maximum call stack size exceeded");
            }
            let inner_length = length_of_array_like(vm, inner)?;
            target_index = flatten_into_array(
                vm,
                target,
                inner,
                inner_length,
                target_index,
                depth - 1.0,
                None,
            )?;
        } else {
            let key = index_key(vm, target_index);
            vm.create_data_property_or_throw(target, key, element)?;
            target_index += 1;
        }
    }
    Ok(target_index)
}

fn array_flat(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let scope = vm.open_handle_scope();
    let (object, length) = this_array_like(vm, this)?;
    let depth = integer_argument_or(vm, &args, 0, 1.0)?.max(0.0);
    let result = vm.new_array(Vec::new());
    vm.root(Value::Object(result));
    flatten_into_array(vm, result, object, length, 0, depth, None)?;
    vm.close_handle_scope(scope);
    Ok(Value::Object(result))
}

fn array_flat_map(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let scope = vm.open_handle_scope();
    let (object, length) = this_array_like(vm, this)?;
    let mapper = args.get(vm, 0);
    require_callable(vm, mapper, "")?;
    let this_argument = args.get(vm, 1);
    let result = vm.new_array(Vec::new());
    vm.root(Value::Object(result));
    flatten_into_array(
        vm,
        result,
        object,
        length,
        0,
        1.0,
        Some((mapper, this_argument)),
    )?;
    vm.close_handle_scope(scope);
    Ok(Value::Object(result))
}

fn array_includes(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let (object, length) = this_array_like(vm, this)?;
    if length == 0 {
        return Ok(Value::FALSE);
    }
    let search = args.get(vm, 0);
    let start = resolve_relative_index(integer_argument_or(vm, &args, 1, 0.0)?, length);
    for index in start..length {
        let value = get_index(vm, object, index)?;
        if vm.same_value_zero(value, search) {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}

fn array_index_of(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let (object, length) = this_array_like(vm, this)?;
    if length == 0 {
        return Ok(Value::Number(-1.0));
    }
    let search = args.get(vm, 0);
    let start = resolve_relative_index(integer_argument_or(vm, &args, 1, 0.0)?, length);
    for index in start..length {
        if has_index(vm, object, index)? {
            let value = get_index(vm, object, index)?;
            if vm.strict_equal(value, search) {
                return Ok(Value::Number(index as f64));
            }
        }
    }
    Ok(Value::Number(-1.0))
}

fn array_last_index_of(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let (object, length) = this_array_like(vm, this)?;
    if length == 0 {
        return Ok(Value::Number(-1.0));
    }
    let search = args.get(vm, 0);
    let from = if args.len() > 1 {
        vm.to_integer_or_infinity(args.get(vm, 1))?
    } else {
        length as f64 - 1.0
    };
    let start = if from >= 0.0 {
        from.min(length as f64 - 1.0)
    } else {
        length as f64 + from
    };
    if start < 0.0 {
        return Ok(Value::Number(-1.0));
    }
    let mut index = start as i64;
    while index >= 0 {
        if has_index(vm, object, index as u64)? {
            let value = get_index(vm, object, index as u64)?;
            if vm.strict_equal(value, search) {
                return Ok(Value::Number(index as f64));
            }
        }
        index -= 1;
    }
    Ok(Value::Number(-1.0))
}

thread_local! {
    /// Arrays currently being joined (cycle detection: a cycle joins as the empty string,
    /// as engines do).
    static JOIN_STACK: RefCell<Vec<ObjectRef>> = const { RefCell::new(Vec::new()) };
}

/// Array.prototype.join core, returning code units.
pub fn join_units(vm: &mut Vm, object: ObjectRef, separator: &[u16]) -> JsResult<Vec<u16>> {
    if JOIN_STACK.with(|stack| stack.borrow().contains(&object)) {
        return Ok(Vec::new());
    }
    if !vm.native_stack_has_room() {
        return vm.throw_range_error("Maximum call stack size exceeded");
    }
    let length = length_of_array_like(vm, object)?;
    JOIN_STACK.with(|stack| stack.borrow_mut().push(object));
    let result = (|| {
        let mut units = Vec::new();
        for index in 0..length {
            if index > 0 {
                units.extend_from_slice(separator);
            }
            let element = get_index(vm, object, index)?;
            if !element.is_nullish() {
                let string = vm.to_string(element)?;
                units.extend(vm.string(string).view().code_units());
            }
        }
        Ok(units)
    })();
    JOIN_STACK.with(|stack| {
        stack.borrow_mut().pop();
    });
    result
}

fn array_join(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let scope = vm.open_handle_scope();
    let object = vm.to_object(this)?;
    vm.root(Value::Object(object));
    let separator = args.get(vm, 0);
    let separator: Vec<u16> = if separator.is_undefined() {
        vec![u16::from(b',')]
    } else {
        super::to_units(vm, separator)?
    };
    let units = join_units(vm, object, &separator)?;
    vm.close_handle_scope(scope);
    Ok(super::utf16_value(vm, units))
}

fn array_to_string(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let object = vm.to_object(this)?;
    let join = vm.get(object, PropertyKey::Atom(atoms::JOIN))?;
    if vm.is_callable(join) {
        return vm.call(join, Value::Object(object), &[]);
    }
    let text = super::object::object_to_string_text(vm, Value::Object(object))?;
    Ok(string_value(vm, &text))
}

fn array_to_locale_string(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    // ECMA-402 passes `locales` and `options` on to every element's toLocaleString.
    let locales = args.get(vm, 0);
    let options = args.get(vm, 1);
    let scope = vm.open_handle_scope();
    let (object, length) = this_array_like(vm, this)?;
    let mut units = Vec::new();
    for index in 0..length {
        if index > 0 {
            units.push(u16::from(b','));
        }
        let element = get_index(vm, object, index)?;
        if !element.is_nullish() {
            let text = vm.invoke(
                element,
                PropertyKey::Atom(atoms::TO_LOCALE_STRING),
                &[locales, options],
            )?;
            units.extend(super::to_units(vm, text)?);
        }
    }
    vm.close_handle_scope(scope);
    Ok(super::utf16_value(vm, units))
}

fn array_pop(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    if let Value::Object(object) = this
        && let Some(value) = pop_dense_array(vm, object)
    {
        return Ok(value);
    }
    let (object, length) = this_array_like(vm, this)?;
    if length == 0 {
        set_length(vm, object, 0)?;
        return Ok(Value::Undefined);
    }
    let value = get_index(vm, object, length - 1)?;
    delete_index(vm, object, length - 1)?;
    set_length(vm, object, length - 1)?;
    Ok(value)
}

/// `pop` of an Array whose elements fill its whole `length` (last one present) and whose
/// `length` is writable: Get, DeletePropertyOrThrow and Set("length") of the general algorithm
/// cannot be intercepted there (elements are configurable data properties), so the element is
/// simply removed. `None` leaves the array untouched for the general path.
fn pop_dense_array(vm: &mut Vm, object: ObjectRef) -> Option<Value> {
    let data = vm.object_mut(object);
    let ObjectKind::Array(array) = &mut data.kind else {
        return None;
    };
    if !array.length_writable
        || array.length == 0
        || data.elements.len() != array.length as usize
        || data.elements.last().is_none_or(|value| value.is_hole())
    {
        return None;
    }
    array.length -= 1;
    data.elements.pop()
}

fn array_push(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    if let Value::Object(object) = this
        && vm.object(object).is_array()
    {
        for index in 0..args.len() {
            let value = args.get(vm, index);
            vm.array_push(object, value)?;
        }
        let length = vm.object(object).array_data().map_or(0, |data| data.length);
        return Ok(Value::Number(length as f64));
    }
    let (object, length) = this_array_like(vm, this)?;
    if length + args.len() as u64 > (1u64 << 53) - 1 {
        return vm.throw_type_error("Pushing too many elements");
    }
    for index in 0..args.len() {
        let value = args.get(vm, index);
        set_index(vm, object, length + index as u64, value)?;
    }
    let new_length = length + args.len() as u64;
    set_length(vm, object, new_length)?;
    Ok(Value::Number(new_length as f64))
}

fn reduce_generic(vm: &mut Vm, this: Value, args: &Args, from_end: bool) -> JsResult<Value> {
    let scope = vm.open_handle_scope();
    let (object, length) = this_array_like(vm, this)?;
    let callback = args.get(vm, 0);
    require_callable(vm, callback, "")?;
    let order: Box<dyn Iterator<Item = u64>> = if from_end {
        Box::new((0..length).rev())
    } else {
        Box::new(0..length)
    };
    let mut order = order.peekable();
    let mut accumulator = if args.len() >= 2 {
        args.get(vm, 1)
    } else {
        let mut found = None;
        for index in order.by_ref() {
            if has_index(vm, object, index)? {
                found = Some(get_index(vm, object, index)?);
                break;
            }
        }
        match found {
            Some(value) => value,
            None => return vm.throw_type_error("Reduce of empty array with no initial value"),
        }
    };
    let callback = vm.prepare_call(callback);
    for index in order {
        if !has_index(vm, object, index)? {
            continue;
        }
        let value = get_index(vm, object, index)?;
        vm.root(accumulator);
        accumulator = vm.call_prepared(
            &callback,
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

fn array_reduce(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    reduce_generic(vm, this, &args, false)
}

fn array_reduce_right(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    reduce_generic(vm, this, &args, true)
}

fn array_reverse(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let (object, length) = this_array_like(vm, this)?;
    if packed_array_length(vm, object) == Some(length as usize) {
        vm.object_mut(object).elements.as_mut_slice().reverse();
        return Ok(Value::Object(object));
    }
    let middle = length / 2;
    for lower in 0..middle {
        let upper = length - 1 - lower;
        let lower_exists = has_index(vm, object, lower)?;
        let lower_value = if lower_exists {
            get_index(vm, object, lower)?
        } else {
            Value::Undefined
        };
        let upper_exists = has_index(vm, object, upper)?;
        let upper_value = if upper_exists {
            get_index(vm, object, upper)?
        } else {
            Value::Undefined
        };
        match (lower_exists, upper_exists) {
            (true, true) => {
                set_index(vm, object, lower, upper_value)?;
                set_index(vm, object, upper, lower_value)?;
            }
            (false, true) => {
                set_index(vm, object, lower, upper_value)?;
                delete_index(vm, object, upper)?;
            }
            (true, false) => {
                delete_index(vm, object, lower)?;
                set_index(vm, object, upper, lower_value)?;
            }
            (false, false) => {}
        }
    }
    Ok(Value::Object(object))
}

fn array_shift(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let (object, length) = this_array_like(vm, this)?;
    if length == 0 {
        set_length(vm, object, 0)?;
        return Ok(Value::Undefined);
    }
    // Fast path: a packed array shifts its element vector directly.
    if packed_array_length(vm, object) == Some(length as usize) {
        let data = vm.object_mut(object);
        let first = data.elements.remove(0);
        set_packed_array_length(vm, object, length as usize - 1);
        return Ok(first);
    }
    let first = get_index(vm, object, 0)?;
    for index in 1..length {
        if has_index(vm, object, index)? {
            let value = get_index(vm, object, index)?;
            set_index(vm, object, index - 1, value)?;
        } else {
            delete_index(vm, object, index - 1)?;
        }
    }
    delete_index(vm, object, length - 1)?;
    set_length(vm, object, length - 1)?;
    Ok(first)
}

fn array_unshift(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let (object, length) = this_array_like(vm, this)?;
    let count = args.len() as u64;
    if count > 0 {
        if length + count > MAX_SAFE_LENGTH {
            return vm.throw_type_error("Invalid array length: unshift exceeds 2^53 - 1");
        }
        if length + count < u64::from(u32::MAX)
            && packed_array_length(vm, object) == Some(length as usize)
            && prototype_chain_has_no_indices(vm, object)
        {
            let items = args.rest(vm, 0);
            vm.object_mut(object).elements.replace_range(0..0, &items);
            vm.heap
                .accounting
                .note_extra_bytes(items.len() * std::mem::size_of::<Value>());
            set_packed_array_length(vm, object, (length + count) as usize);
            return Ok(Value::Number((length + count) as f64));
        }
        let mut index = length;
        while index > 0 {
            let from = index - 1;
            let to = index + count - 1;
            if has_index(vm, object, from)? {
                let value = get_index(vm, object, from)?;
                set_index(vm, object, to, value)?;
            } else {
                delete_index(vm, object, to)?;
            }
            index -= 1;
        }
        for position in 0..args.len() {
            let value = args.get(vm, position);
            set_index(vm, object, position as u64, value)?;
        }
    }
    set_length(vm, object, length + count)?;
    Ok(Value::Number((length + count) as f64))
}

fn array_slice(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let scope = vm.open_handle_scope();
    let (object, length) = this_array_like(vm, this)?;
    let start = resolve_relative_index(integer_argument_or(vm, &args, 0, 0.0)?, length);
    let end = resolve_relative_index(integer_argument_or(vm, &args, 1, length as f64)?, length);
    let count = end.saturating_sub(start);
    // A dense range of an Array is copied as one block (the result is a plain array:
    // `Symbol.species` is not consulted, see the module documentation).
    if let Some(values) = dense_array_range(vm, object, start, start + count) {
        let result = vm.new_array(values);
        vm.close_handle_scope(scope);
        return Ok(Value::Object(result));
    }
    let result = array_create(vm, count, None)?;
    vm.root(Value::Object(result));
    for offset in 0..count {
        if has_index(vm, object, start + offset)? {
            let value = get_index(vm, object, start + offset)?;
            let key = index_key(vm, offset);
            vm.create_data_property_or_throw(result, key, value)?;
        }
    }
    set_length(vm, result, count)?;
    vm.close_handle_scope(scope);
    Ok(Value::Object(result))
}

fn array_splice(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let scope = vm.open_handle_scope();
    let (object, length) = this_array_like(vm, this)?;
    let start = resolve_relative_index(integer_argument_or(vm, &args, 0, 0.0)?, length);
    let items: Vec<Value> = if args.len() > 2 {
        args.rest(vm, 2)
    } else {
        Vec::new()
    };
    let delete_count = match args.len() {
        0 => 0,
        1 => length - start,
        _ => {
            let requested = vm.to_integer_or_infinity(args.get(vm, 1))?;
            (requested.max(0.0) as u64).min(length - start)
        }
    };
    if length + items.len() as u64 - delete_count > MAX_SAFE_LENGTH {
        return vm.throw_type_error("Invalid array length: splice exceeds 2^53 - 1");
    }
    let item_count = items.len() as u64;
    let new_length = length - delete_count + item_count;
    if new_length < u64::from(u32::MAX)
        && packed_array_length(vm, object) == Some(length as usize)
        && (item_count <= delete_count || prototype_chain_has_no_indices(vm, object))
    {
        let range = start as usize..(start + delete_count) as usize;
        let removed_values = vm.object(object).elements[range.clone()].to_vec();
        let removed = vm.new_array(removed_values);
        vm.object_mut(object).elements.replace_range(range, &items);
        if item_count > delete_count {
            vm.heap.accounting.note_extra_bytes(
                (item_count - delete_count) as usize * std::mem::size_of::<Value>(),
            );
        }
        set_packed_array_length(vm, object, new_length as usize);
        vm.close_handle_scope(scope);
        return Ok(Value::Object(removed));
    }
    let removed = array_create(vm, delete_count, None)?;
    vm.root(Value::Object(removed));
    for offset in 0..delete_count {
        if has_index(vm, object, start + offset)? {
            let value = get_index(vm, object, start + offset)?;
            let key = index_key(vm, offset);
            vm.create_data_property_or_throw(removed, key, value)?;
        }
    }
    set_length(vm, removed, delete_count)?;
    if item_count < delete_count {
        for index in start..(length - delete_count) {
            let from = index + delete_count;
            let to = index + item_count;
            if has_index(vm, object, from)? {
                let value = get_index(vm, object, from)?;
                set_index(vm, object, to, value)?;
            } else {
                delete_index(vm, object, to)?;
            }
        }
        let mut index = length;
        while index > length - delete_count + item_count {
            delete_index(vm, object, index - 1)?;
            index -= 1;
        }
    } else if item_count > delete_count {
        let mut index = length - delete_count;
        while index > start {
            let from = index + delete_count - 1;
            let to = index + item_count - 1;
            if has_index(vm, object, from)? {
                let value = get_index(vm, object, from)?;
                set_index(vm, object, to, value)?;
            } else {
                delete_index(vm, object, to)?;
            }
            index -= 1;
        }
    }
    for (offset, item) in items.into_iter().enumerate() {
        set_index(vm, object, start + offset as u64, item)?;
    }
    set_length(vm, object, length - delete_count + item_count)?;
    vm.close_handle_scope(scope);
    Ok(Value::Object(removed))
}

/// Stable merge sort with a fallible comparator (`compare(a, b)` true when `a > b`).
fn merge_sort(
    vm: &mut Vm,
    values: &mut [Value],
    compare: &mut dyn FnMut(&mut Vm, Value, Value) -> JsResult<bool>,
) -> JsResult<()> {
    let length = values.len();
    if length < 2 {
        return Ok(());
    }
    // Insertion sort for short runs (also stable).
    if length <= 10 {
        for index in 1..length {
            let mut position = index;
            while position > 0 && compare(vm, values[position - 1], values[position])? {
                values.swap(position - 1, position);
                position -= 1;
            }
        }
        return Ok(());
    }
    let middle = length / 2;
    merge_sort(vm, &mut values[..middle], compare)?;
    merge_sort(vm, &mut values[middle..], compare)?;
    let mut merged = Vec::with_capacity(length);
    let (mut left, mut right) = (0, middle);
    while left < middle && right < length {
        if compare(vm, values[left], values[right])? {
            merged.push(values[right]);
            right += 1;
        } else {
            merged.push(values[left]);
            left += 1;
        }
    }
    merged.extend_from_slice(&values[left..middle]);
    merged.extend_from_slice(&values[right..length]);
    values.copy_from_slice(&merged);
    Ok(())
}

/// SortIndexedProperties core: sorts `values` (undefined last) with `comparator`.
pub fn sort_values(vm: &mut Vm, values: &mut Vec<Value>, comparator: Value) -> JsResult<()> {
    let undefined_count = values.iter().filter(|value| value.is_undefined()).count();
    values.retain(|value| !value.is_undefined());
    for &value in values.iter() {
        vm.root(value);
    }
    if comparator.is_undefined() {
        // Default order: by ToString, compared as UTF-16 code units.
        let mut keyed: Vec<(Vec<u16>, Value)> = Vec::with_capacity(values.len());
        for &value in values.iter() {
            keyed.push((super::to_units(vm, value)?, value));
        }
        keyed.sort_by(|left, right| left.0.cmp(&right.0));
        *values = keyed.into_iter().map(|(_, value)| value).collect();
    } else {
        let comparator = vm.prepare_call(comparator);
        let mut compare = |vm: &mut Vm, left: Value, right: Value| -> JsResult<bool> {
            let result = vm.call_prepared(&comparator, Value::Undefined, &[left, right])?;
            let number = vm.to_number(result)?;
            Ok(number > 0.0)
        };
        merge_sort(vm, values, &mut compare)?;
    }
    values.extend(std::iter::repeat_n(Value::Undefined, undefined_count));
    Ok(())
}

fn check_comparator(vm: &mut Vm, comparator: Value) -> JsResult<()> {
    if !comparator.is_undefined() && !vm.is_callable(comparator) {
        return vm
            .throw_type_error("The comparison function must be either a function or undefined");
    }
    Ok(())
}

fn array_sort(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let comparator = args.get(vm, 0);
    check_comparator(vm, comparator)?;
    let scope = vm.open_handle_scope();
    let (object, length) = this_array_like(vm, this)?;
    let mut values = Vec::new();
    for index in 0..length {
        if has_index(vm, object, index)? {
            let value = get_index(vm, object, index)?;
            vm.root(value);
            values.push(value);
        }
    }
    let present = values.len() as u64;
    sort_values(vm, &mut values, comparator)?;
    for (index, value) in values.into_iter().enumerate() {
        set_index(vm, object, index as u64, value)?;
    }
    for index in present..length {
        if has_index(vm, object, index)? {
            delete_index(vm, object, index)?;
        }
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(object))
}

fn array_to_sorted(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let comparator = args.get(vm, 0);
    check_comparator(vm, comparator)?;
    let scope = vm.open_handle_scope();
    let (object, length) = this_array_like(vm, this)?;
    check_array_create_length(vm, length)?;
    let mut values = Vec::with_capacity(length as usize);
    for index in 0..length {
        let value = get_index(vm, object, index)?;
        vm.root(value);
        values.push(value);
    }
    sort_values(vm, &mut values, comparator)?;
    vm.close_handle_scope(scope);
    Ok(Value::Object(vm.new_array(values)))
}

fn array_to_reversed(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let scope = vm.open_handle_scope();
    let (object, length) = this_array_like(vm, this)?;
    check_array_create_length(vm, length)?;
    let mut values = Vec::with_capacity(length as usize);
    for index in (0..length).rev() {
        let value = get_index(vm, object, index)?;
        vm.root(value);
        values.push(value);
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(vm.new_array(values)))
}

fn array_to_spliced(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let scope = vm.open_handle_scope();
    let (object, length) = this_array_like(vm, this)?;
    let start = resolve_relative_index(integer_argument_or(vm, &args, 0, 0.0)?, length);
    let skip = match args.len() {
        0 => 0,
        1 => length - start,
        _ => (vm.to_integer_or_infinity(args.get(vm, 1))?.max(0.0) as u64).min(length - start),
    };
    let inserted = args.len().saturating_sub(2) as u64;
    let new_length = length + inserted - skip;
    if new_length > MAX_SAFE_LENGTH {
        return vm.throw_type_error("Invalid array length: toSpliced exceeds 2^53 - 1");
    }
    check_array_create_length(vm, new_length)?;
    let mut values = Vec::new();
    for index in 0..start {
        let value = get_index(vm, object, index)?;
        vm.root(value);
        values.push(value);
    }
    values.extend(if args.len() > 2 {
        args.rest(vm, 2)
    } else {
        Vec::new()
    });
    for index in (start + skip)..length {
        let value = get_index(vm, object, index)?;
        vm.root(value);
        values.push(value);
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(vm.new_array(values)))
}

fn array_with(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let scope = vm.open_handle_scope();
    let (object, length) = this_array_like(vm, this)?;
    let relative = integer_argument_or(vm, &args, 0, 0.0)?;
    let actual = if relative >= 0.0 {
        relative
    } else {
        length as f64 + relative
    };
    if actual < 0.0 || actual >= length as f64 {
        return vm.throw_range_error("Invalid index");
    }
    check_array_create_length(vm, length)?;
    let replacement = args.get(vm, 1);
    let mut values = Vec::with_capacity(length as usize);
    vm.root(replacement);
    for index in 0..length {
        let value = if index == actual as u64 {
            replacement
        } else {
            get_index(vm, object, index)?
        };
        vm.root(value);
        values.push(value);
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(vm.new_array(values)))
}
