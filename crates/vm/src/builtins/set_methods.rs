//! The Set methods of ES2025: `Set.prototype.{union, intersection, difference,
//! symmetricDifference, isSubsetOf, isSupersetOf, isDisjointFrom}`, with GetSetRecord and
//! GetIteratorFromMethod-style key iteration of the "other" set-like argument.
//!
//! Walking `this` while calling user code (`other.has`) uses entry positions of the
//! `OrderedMap`, which stay stable because the walk marks the map as iterated (no
//! compaction), exactly as `forEach` does.

use super::method;
use crate::atom::{PropertyKey, atoms};
use crate::function::Args;
use crate::object::{ObjectKind, OrderedMap};
use crate::property::IteratorRecord;
use crate::realm::Vm;
use crate::value::{JsResult, ObjectRef, Value};

/// Installs the Set methods on %Set.prototype%.
pub fn install(vm: &mut Vm) {
    let members = [
        vm.intrinsics.map_constructor,
        vm.intrinsics.map_prototype,
        vm.intrinsics.set_constructor,
        vm.intrinsics.set_prototype,
        vm.intrinsics.weak_map_prototype,
        vm.intrinsics.weak_set_prototype,
    ];
    vm.defer_contents(&members, install_contents);
}

/// Installs the collections' properties (`super::collections`) and then the Set methods of
/// this module, in the order of eager installation (on first touch, see
/// `crate::deferred_contents`).
fn install_contents(vm: &mut Vm) {
    super::collections::install_contents(vm);
    let prototype = vm.intrinsics.set_prototype;
    method(vm, prototype, "union", 1, set_union);
    method(vm, prototype, "intersection", 1, set_intersection);
    method(vm, prototype, "difference", 1, set_difference);
    method(
        vm,
        prototype,
        "symmetricDifference",
        1,
        set_symmetric_difference,
    );
    method(vm, prototype, "isSubsetOf", 1, set_is_subset_of);
    method(vm, prototype, "isSupersetOf", 1, set_is_superset_of);
    method(vm, prototype, "isDisjointFrom", 1, set_is_disjoint_from);
}

/// A Set Record.
struct SetRecord {
    set: Value,
    size: f64,
    has: Value,
    keys: Value,
}

fn this_set(vm: &mut Vm, this: Value, name: &str) -> JsResult<ObjectRef> {
    match this {
        Value::Object(object) if matches!(vm.object(object).kind, ObjectKind::Set(_)) => Ok(object),
        _ => {
            let receiver = vm.describe_receiver_for_error(this);
            vm.throw_type_error(&format!(
                "Method Set.prototype.{name} called on incompatible receiver {receiver}"
            ))
        }
    }
}

/// GetSetRecord(obj). The record's values are rooted in the caller's handle scope.
fn get_set_record(vm: &mut Vm, value: Value) -> JsResult<SetRecord> {
    let Value::Object(object) = value else {
        return vm.throw_type_error("The argument of a Set method must be a set-like object");
    };
    let raw_size = vm.get(object, PropertyKey::Atom(atoms::SIZE))?;
    let number = vm.to_number(raw_size)?;
    if number.is_nan() {
        return vm.throw_type_error("The 'size' of a set-like object must be a number");
    }
    let size = crate::conversions::integer_or_infinity(number);
    if size < 0.0 {
        return vm.throw_range_error("The 'size' of a set-like object must not be negative");
    }
    let has_key = vm.property_key_from_str("has");
    let has = vm.get(object, has_key)?;
    if !vm.is_callable(has) {
        return vm.throw_type_error("The 'has' of a set-like object must be a function");
    }
    vm.root(has);
    let keys_key = vm.property_key_from_str("keys");
    let keys = vm.get(object, keys_key)?;
    if !vm.is_callable(keys) {
        return vm.throw_type_error("The 'keys' of a set-like object must be a function");
    }
    vm.root(keys);
    Ok(SetRecord {
        set: value,
        size,
        has,
        keys,
    })
}

/// GetIteratorFromMethod(record.set, record.keys) with the callable-next check of
/// GetKeysIterator.
fn get_keys_iterator(vm: &mut Vm, record: &SetRecord) -> JsResult<IteratorRecord> {
    let iterator = vm.call(record.keys, record.set, &[])?;
    let Value::Object(iterator) = iterator else {
        return vm.throw_type_error("The 'keys' method must return an object");
    };
    vm.root(Value::Object(iterator));
    let next_method = vm.get(iterator, PropertyKey::Atom(atoms::NEXT))?;
    if !vm.is_callable(next_method) {
        return vm.throw_type_error("The keys iterator's 'next' must be a function");
    }
    vm.root(next_method);
    Ok(IteratorRecord {
        iterator,
        next_method,
        done: false,
    })
}

/// The next key of the keys iterator with -0 canonicalised to +0.
fn next_key(vm: &mut Vm, record: &mut IteratorRecord) -> JsResult<Option<Value>> {
    Ok(vm.iterator_step_value(record)?.map(|value| {
        if value.as_number() == Some(0.0) {
            Value::Number(0.0)
        } else {
            value
        }
    }))
}

/// The number of live elements (SetDataSize).
fn set_size(vm: &Vm, set: ObjectRef) -> usize {
    match &vm.object(set).kind {
        ObjectKind::Set(map) => map.len(),
        _ => 0,
    }
}

/// The entry at `position` of the set's entry list and the current list length.
fn entry_at(vm: &Vm, set: ObjectRef, position: usize) -> (Option<Value>, usize) {
    match &vm.object(set).kind {
        ObjectKind::Set(map) => (
            map.entry_at(position).map(|(key, _)| key),
            map.entry_list_len(),
        ),
        _ => (None, 0),
    }
}

fn mark_iterated(vm: &mut Vm, set: ObjectRef) {
    if let ObjectKind::Set(map) = &mut vm.object_mut(set).kind {
        map.iteration_started = true;
    }
}

/// A new Set inheriting from %Set.prototype%, optionally with a copy of `source`'s data.
fn new_set(vm: &mut Vm, source: Option<ObjectRef>) -> ObjectRef {
    let prototype = vm.intrinsics.set_prototype;
    let result = vm.alloc_object(
        Some(prototype),
        ObjectKind::Set(Box::new(OrderedMap::new())),
    );
    if let Some(source) = source {
        let mut position = 0;
        loop {
            let (entry, bound) = entry_at(vm, source, position);
            if position >= bound {
                break;
            }
            position += 1;
            if let Some(key) = entry {
                vm.map_set(result, key, Value::Undefined);
            }
        }
    }
    result
}

fn add_to(vm: &mut Vm, set: ObjectRef, value: Value) {
    if vm.map_find(set, value).is_none() {
        vm.map_set(set, value, Value::Undefined);
    }
}

/// Calls `record.has(value)` and converts the answer with ToBoolean.
fn other_has(vm: &mut Vm, record: &SetRecord, value: Value) -> JsResult<bool> {
    let answer = vm.call(record.has, record.set, &[value])?;
    Ok(vm.to_boolean(answer))
}

fn set_union(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let set = this_set(vm, this, "union")?;
    let scope = vm.open_handle_scope();
    let record = get_set_record(vm, args.get(vm, 0))?;
    let mut keys = get_keys_iterator(vm, &record)?;
    let result = new_set(vm, Some(set));
    vm.root(Value::Object(result));
    while let Some(value) = next_key(vm, &mut keys)? {
        add_to(vm, result, value);
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(result))
}

fn set_intersection(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let set = this_set(vm, this, "intersection")?;
    let scope = vm.open_handle_scope();
    let record = get_set_record(vm, args.get(vm, 0))?;
    let result = new_set(vm, None);
    vm.root(Value::Object(result));
    if set_size(vm, set) as f64 <= record.size {
        mark_iterated(vm, set);
        let mut position = 0;
        loop {
            let (entry, bound) = entry_at(vm, set, position);
            if position >= bound {
                break;
            }
            position += 1;
            let Some(value) = entry else { continue };
            vm.root(value);
            if other_has(vm, &record, value)? {
                add_to(vm, result, value);
            }
        }
    } else {
        let mut keys = get_keys_iterator(vm, &record)?;
        while let Some(value) = next_key(vm, &mut keys)? {
            if vm.map_find(set, value).is_some() {
                add_to(vm, result, value);
            }
        }
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(result))
}

fn set_difference(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let set = this_set(vm, this, "difference")?;
    let scope = vm.open_handle_scope();
    let record = get_set_record(vm, args.get(vm, 0))?;
    let result = new_set(vm, Some(set));
    vm.root(Value::Object(result));
    if set_size(vm, set) as f64 <= record.size {
        mark_iterated(vm, result);
        let mut position = 0;
        loop {
            let (entry, bound) = entry_at(vm, result, position);
            if position >= bound {
                break;
            }
            position += 1;
            let Some(value) = entry else { continue };
            if other_has(vm, &record, value)? {
                vm.map_delete(result, value);
            }
        }
    } else {
        let mut keys = get_keys_iterator(vm, &record)?;
        while let Some(value) = next_key(vm, &mut keys)? {
            vm.map_delete(result, value);
        }
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(result))
}

fn set_symmetric_difference(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let set = this_set(vm, this, "symmetricDifference")?;
    let scope = vm.open_handle_scope();
    let record = get_set_record(vm, args.get(vm, 0))?;
    let mut keys = get_keys_iterator(vm, &record)?;
    let result = new_set(vm, Some(set));
    vm.root(Value::Object(result));
    while let Some(value) = next_key(vm, &mut keys)? {
        let already_in_result = vm.map_find(result, value).is_some();
        if vm.map_find(set, value).is_some() {
            if already_in_result {
                vm.map_delete(result, value);
            }
        } else if !already_in_result {
            vm.map_set(result, value, Value::Undefined);
        }
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(result))
}

fn set_is_subset_of(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let set = this_set(vm, this, "isSubsetOf")?;
    let scope = vm.open_handle_scope();
    let record = get_set_record(vm, args.get(vm, 0))?;
    if set_size(vm, set) as f64 > record.size {
        vm.close_handle_scope(scope);
        return Ok(Value::FALSE);
    }
    mark_iterated(vm, set);
    let mut position = 0;
    loop {
        let (entry, bound) = entry_at(vm, set, position);
        if position >= bound {
            break;
        }
        position += 1;
        let Some(value) = entry else { continue };
        if !other_has(vm, &record, value)? {
            vm.close_handle_scope(scope);
            return Ok(Value::FALSE);
        }
    }
    vm.close_handle_scope(scope);
    Ok(Value::TRUE)
}

fn set_is_superset_of(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let set = this_set(vm, this, "isSupersetOf")?;
    let scope = vm.open_handle_scope();
    let record = get_set_record(vm, args.get(vm, 0))?;
    if (set_size(vm, set) as f64) < record.size {
        vm.close_handle_scope(scope);
        return Ok(Value::FALSE);
    }
    let mut keys = get_keys_iterator(vm, &record)?;
    while let Some(value) = next_key(vm, &mut keys)? {
        if vm.map_find(set, value).is_none() {
            vm.iterator_close(&keys)?;
            vm.close_handle_scope(scope);
            return Ok(Value::FALSE);
        }
    }
    vm.close_handle_scope(scope);
    Ok(Value::TRUE)
}

fn set_is_disjoint_from(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let set = this_set(vm, this, "isDisjointFrom")?;
    let scope = vm.open_handle_scope();
    let record = get_set_record(vm, args.get(vm, 0))?;
    if set_size(vm, set) as f64 <= record.size {
        mark_iterated(vm, set);
        let mut position = 0;
        loop {
            let (entry, bound) = entry_at(vm, set, position);
            if position >= bound {
                break;
            }
            position += 1;
            let Some(value) = entry else { continue };
            if other_has(vm, &record, value)? {
                vm.close_handle_scope(scope);
                return Ok(Value::FALSE);
            }
        }
    } else {
        let mut keys = get_keys_iterator(vm, &record)?;
        while let Some(value) = next_key(vm, &mut keys)? {
            if vm.map_find(set, value).is_some() {
                vm.iterator_close(&keys)?;
                vm.close_handle_scope(scope);
                return Ok(Value::FALSE);
            }
        }
    }
    vm.close_handle_scope(scope);
    Ok(Value::TRUE)
}
