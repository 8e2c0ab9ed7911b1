//! `Map`, `Set`, `WeakMap` and `WeakSet` over the runtime's insertion-ordered
//! [`crate::object::OrderedMap`] (SameValueZero keys, tombstones keep live iterators valid).
//!
//! Simplification (stated honestly): WeakMap and WeakSet are stored like Map and Set, so they
//! hold their keys strongly (nothing is collected while the collection lives). Their API
//! (object keys only, no iteration, no size) is the specified one.

use super::{getter, method, to_string_tag};
use crate::function::Args;
use crate::object::{IterationKind, ObjectKind, OrderedMap};
use crate::realm::Vm;
use crate::shape::Attributes;
use crate::value::{JsResult, ObjectRef, Value};

/// Installs Map, Set, WeakMap and WeakSet.
pub fn install(vm: &mut Vm) {
    let map_constructor = vm.intrinsics.map_constructor;
    super::install_constructor_behaviour(vm, map_constructor, map_constructor_function, 0);
    method(vm, map_constructor, "groupBy", 2, map_group_by);
    let species = vm.intrinsics.symbols.species;
    super::symbol_getter(
        vm,
        map_constructor,
        species,
        "get [Symbol.species]",
        |_, this, _| Ok(this),
    );
    let map_prototype = vm.intrinsics.map_prototype;
    method(vm, map_prototype, "get", 1, map_get);
    method(vm, map_prototype, "set", 2, map_set);
    method(vm, map_prototype, "has", 1, collection_has);
    method(vm, map_prototype, "delete", 1, collection_delete);
    method(vm, map_prototype, "clear", 0, collection_clear);
    method(vm, map_prototype, "forEach", 1, collection_for_each);
    method(vm, map_prototype, "keys", 0, |vm, this, _| {
        collection_iterator(vm, this, IterationKind::Keys, true)
    });
    method(vm, map_prototype, "values", 0, |vm, this, _| {
        collection_iterator(vm, this, IterationKind::Values, true)
    });
    let entries = method(vm, map_prototype, "entries", 0, |vm, this, _| {
        collection_iterator(vm, this, IterationKind::Entries, true)
    });
    let iterator = vm.intrinsics.symbols.iterator;
    vm.define_data_property(
        map_prototype,
        crate::atom::PropertyKey::Symbol(iterator),
        Value::Object(entries),
        Attributes::HIDDEN_DATA,
    );
    getter(vm, map_prototype, "size", collection_size);
    to_string_tag(vm, map_prototype, "Map");

    let set_constructor = vm.intrinsics.set_constructor;
    super::install_constructor_behaviour(vm, set_constructor, set_constructor_function, 0);
    super::symbol_getter(
        vm,
        set_constructor,
        species,
        "get [Symbol.species]",
        |_, this, _| Ok(this),
    );
    let set_prototype = vm.intrinsics.set_prototype;
    method(vm, set_prototype, "add", 1, set_add);
    method(vm, set_prototype, "has", 1, collection_has);
    method(vm, set_prototype, "delete", 1, collection_delete);
    method(vm, set_prototype, "clear", 0, collection_clear);
    method(vm, set_prototype, "forEach", 1, collection_for_each);
    method(vm, set_prototype, "entries", 0, |vm, this, _| {
        collection_iterator(vm, this, IterationKind::Entries, false)
    });
    let values = method(vm, set_prototype, "values", 0, |vm, this, _| {
        collection_iterator(vm, this, IterationKind::Values, false)
    });
    super::value_property(vm, set_prototype, "keys", Value::Object(values));
    vm.define_data_property(
        set_prototype,
        crate::atom::PropertyKey::Symbol(iterator),
        Value::Object(values),
        Attributes::HIDDEN_DATA,
    );
    getter(vm, set_prototype, "size", collection_size);
    to_string_tag(vm, set_prototype, "Set");

    let weak_map_constructor = vm.intrinsics.weak_map_constructor;
    super::install_constructor_behaviour(
        vm,
        weak_map_constructor,
        weak_map_constructor_function,
        0,
    );
    let weak_map_prototype = vm.intrinsics.weak_map_prototype;
    method(vm, weak_map_prototype, "get", 1, map_get);
    method(vm, weak_map_prototype, "set", 2, weak_map_set);
    method(vm, weak_map_prototype, "has", 1, collection_has);
    method(vm, weak_map_prototype, "delete", 1, collection_delete);
    to_string_tag(vm, weak_map_prototype, "WeakMap");

    let weak_set_constructor = vm.intrinsics.weak_set_constructor;
    super::install_constructor_behaviour(
        vm,
        weak_set_constructor,
        weak_set_constructor_function,
        0,
    );
    let weak_set_prototype = vm.intrinsics.weak_set_prototype;
    method(vm, weak_set_prototype, "add", 1, weak_set_add);
    method(vm, weak_set_prototype, "has", 1, collection_has);
    method(vm, weak_set_prototype, "delete", 1, collection_delete);
    to_string_tag(vm, weak_set_prototype, "WeakSet");
}

fn has_prototype_in_chain(vm: &Vm, object: ObjectRef, prototype: ObjectRef) -> bool {
    let mut cursor = vm.object(object).prototype;
    let mut steps = 0;
    while let Some(current) = cursor {
        if current == prototype {
            return true;
        }
        cursor = vm.object(current).prototype;
        steps += 1;
        if steps > 10_000 {
            break;
        }
    }
    false
}

/// Whether the object is a WeakMap (a Map-kind object created by the WeakMap constructor).
pub fn is_weak_map(vm: &Vm, object: ObjectRef) -> bool {
    matches!(vm.object(object).kind, ObjectKind::Map(_))
        && has_prototype_in_chain(vm, object, vm.intrinsics.weak_map_prototype)
}

/// Whether the object is a WeakSet.
pub fn is_weak_set(vm: &Vm, object: ObjectRef) -> bool {
    matches!(vm.object(object).kind, ObjectKind::Set(_))
        && has_prototype_in_chain(vm, object, vm.intrinsics.weak_set_prototype)
}

fn create_collection(
    vm: &mut Vm,
    args: &Args,
    default_prototype: ObjectRef,
    is_map: bool,
    name: &str,
) -> JsResult<ObjectRef> {
    if !args.is_construct_call() {
        return vm.throw_type_error(&format!("Constructor {name} requires 'new'"));
    }
    let prototype = vm.get_prototype_from_constructor(args.new_target(), default_prototype)?;
    let kind = if is_map {
        ObjectKind::Map(Box::new(OrderedMap::new()))
    } else {
        ObjectKind::Set(Box::new(OrderedMap::new()))
    };
    Ok(vm.alloc_object(Some(prototype), kind))
}

/// AddEntriesFromIterable (Map and WeakMap) or the Set/WeakSet constructor loop: looks up the
/// adder (`set` or `add`) on the new collection, then steps the iterator one value at a time
/// (never collecting it first, so an endless iterator is fine as long as the adder throws),
/// closing the iterator on every abrupt completion as the specification asks.
fn fill_collection(
    vm: &mut Vm,
    collection: ObjectRef,
    iterable: Value,
    is_map: bool,
) -> JsResult<()> {
    if iterable.is_nullish() {
        return Ok(());
    }
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(collection));
    vm.root(iterable);
    let result = add_entries_from_iterable(vm, collection, iterable, is_map);
    vm.close_handle_scope(scope);
    result
}

fn add_entries_from_iterable(
    vm: &mut Vm,
    collection: ObjectRef,
    iterable: Value,
    is_map: bool,
) -> JsResult<()> {
    let adder_name = if is_map { "set" } else { "add" };
    let adder_key = crate::atom::PropertyKey::Atom(vm.intern_str(adder_name));
    let adder = vm.get(collection, adder_key)?;
    if !vm.is_callable(adder) {
        return vm.throw_type_error(&format!(
            "'{adder_name}' of the new collection is not a function"
        ));
    }
    vm.root(adder);
    let mut record = vm.get_iterator(iterable)?;
    vm.root(Value::Object(record.iterator));
    vm.root(record.next_method);
    while let Some(next) = vm.iterator_step_value(&mut record)? {
        let scope = vm.open_handle_scope();
        vm.root(next);
        let step = add_one_entry(vm, collection, adder, next, is_map);
        vm.close_handle_scope(scope);
        if let Err(error) = step {
            let error = vm.iterator_close_on_error(&record, error);
            return Err(error);
        }
    }
    Ok(())
}

fn add_one_entry(
    vm: &mut Vm,
    collection: ObjectRef,
    adder: Value,
    next: Value,
    is_map: bool,
) -> JsResult<()> {
    if !is_map {
        vm.call(adder, Value::Object(collection), &[next])?;
        return Ok(());
    }
    let Value::Object(entry_object) = next else {
        let text = vm.describe_value_for_error(next);
        return vm.throw_type_error(&format!("Iterator value {text} is not an entry object"));
    };
    let key = vm.get(entry_object, crate::atom::PropertyKey::Index(0))?;
    vm.root(key);
    let value = vm.get(entry_object, crate::atom::PropertyKey::Index(1))?;
    vm.root(value);
    vm.call(adder, Value::Object(collection), &[key, value])?;
    Ok(())
}

fn map_constructor_function(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let prototype = vm.intrinsics.map_prototype;
    let map = create_collection(vm, &args, prototype, true, "Map")?;
    fill_collection(vm, map, args.get(vm, 0), true)?;
    Ok(Value::Object(map))
}

fn weak_map_constructor_function(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let prototype = vm.intrinsics.weak_map_prototype;
    let map = create_collection(vm, &args, prototype, true, "WeakMap")?;
    fill_collection(vm, map, args.get(vm, 0), true)?;
    Ok(Value::Object(map))
}

fn set_constructor_function(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let prototype = vm.intrinsics.set_prototype;
    let set = create_collection(vm, &args, prototype, false, "Set")?;
    fill_collection(vm, set, args.get(vm, 0), false)?;
    Ok(Value::Object(set))
}

fn weak_set_constructor_function(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let prototype = vm.intrinsics.weak_set_prototype;
    let set = create_collection(vm, &args, prototype, false, "WeakSet")?;
    fill_collection(vm, set, args.get(vm, 0), false)?;
    Ok(Value::Object(set))
}

fn this_map(vm: &mut Vm, this: Value, name: &str) -> JsResult<ObjectRef> {
    match this {
        Value::Object(object) if matches!(vm.object(object).kind, ObjectKind::Map(_)) => Ok(object),
        _ => vm.throw_type_error(&format!(
            "Method Map.prototype.{name} called on incompatible receiver"
        )),
    }
}

fn this_collection(vm: &mut Vm, this: Value, name: &str) -> JsResult<ObjectRef> {
    match this {
        Value::Object(object)
            if matches!(
                vm.object(object).kind,
                ObjectKind::Map(_) | ObjectKind::Set(_)
            ) =>
        {
            Ok(object)
        }
        _ => vm.throw_type_error(&format!("Method {name} called on incompatible receiver")),
    }
}

fn map_get(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let map = this_map(vm, this, "get")?;
    let key = args.get(vm, 0);
    Ok(vm.map_get(map, key).unwrap_or(Value::Undefined))
}

fn map_set(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let map = this_map(vm, this, "set")?;
    let key = args.get(vm, 0);
    let value = args.get(vm, 1);
    vm.map_set(map, key, value);
    Ok(this)
}

fn weak_map_set(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let map = this_map(vm, this, "set")?;
    let key = args.get(vm, 0);
    if !key.is_object() {
        return vm.throw_type_error("Invalid value used as weak map key");
    }
    let value = args.get(vm, 1);
    vm.map_set(map, key, value);
    Ok(this)
}

fn set_add(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let set = match this {
        Value::Object(object) if matches!(vm.object(object).kind, ObjectKind::Set(_)) => object,
        _ => {
            return vm.throw_type_error("Method Set.prototype.add called on incompatible receiver");
        }
    };
    let value = args.get(vm, 0);
    if vm.map_find(set, value).is_none() {
        vm.map_set(set, value, Value::Undefined);
    }
    Ok(this)
}

fn weak_set_add(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let value = args.get(vm, 0);
    if !value.is_object() {
        return vm.throw_type_error("Invalid value used in weak set");
    }
    set_add(vm, this, args)
}

fn collection_has(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let collection = this_collection(vm, this, "has")?;
    let key = args.get(vm, 0);
    Ok(Value::Boolean(vm.map_find(collection, key).is_some()))
}

fn collection_delete(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let collection = this_collection(vm, this, "delete")?;
    let key = args.get(vm, 0);
    Ok(Value::Boolean(vm.map_delete(collection, key)))
}

fn collection_clear(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let collection = this_collection(vm, this, "clear")?;
    if let ObjectKind::Map(map) | ObjectKind::Set(map) = &mut vm.object_mut(collection).kind {
        map.clear();
    }
    Ok(Value::Undefined)
}

fn collection_size(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let collection = this_collection(vm, this, "size")?;
    let size = match &vm.object(collection).kind {
        ObjectKind::Map(map) | ObjectKind::Set(map) => map.len(),
        _ => 0,
    };
    Ok(Value::Number(size as f64))
}

fn collection_for_each(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let collection = this_collection(vm, this, "forEach")?;
    let callback = super::require_callable(vm, args.get(vm, 0), "")?;
    let this_argument = args.get(vm, 1);
    let is_map = matches!(vm.object(collection).kind, ObjectKind::Map(_));
    if let ObjectKind::Map(map) | ObjectKind::Set(map) = &mut vm.object_mut(collection).kind {
        map.iteration_started = true;
    }
    let scope = vm.open_handle_scope();
    vm.root(this);
    let mut position = 0;
    loop {
        let (entry, bound) = match &vm.object(collection).kind {
            ObjectKind::Map(map) | ObjectKind::Set(map) => {
                (map.entry_at(position), map.entry_list_len())
            }
            _ => (None, 0),
        };
        if position >= bound {
            break;
        }
        position += 1;
        let Some((key, value)) = entry else { continue };
        let value = if is_map { value } else { key };
        vm.call(callback, this_argument, &[value, key, this])?;
    }
    vm.close_handle_scope(scope);
    Ok(Value::Undefined)
}

fn collection_iterator(
    vm: &mut Vm,
    this: Value,
    kind: IterationKind,
    is_map: bool,
) -> JsResult<Value> {
    let collection = match this {
        Value::Object(object) if is_map && matches!(vm.object(object).kind, ObjectKind::Map(_)) => {
            object
        }
        Value::Object(object)
            if !is_map && matches!(vm.object(object).kind, ObjectKind::Set(_)) =>
        {
            object
        }
        _ => {
            return vm
                .throw_type_error("Collection iterator method called on incompatible receiver");
        }
    };
    Ok(Value::Object(super::iterators::create_collection_iterator(
        vm, collection, kind, is_map,
    )))
}

fn map_group_by(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let items = args.get(vm, 0);
    let callback = super::require_callable(vm, args.get(vm, 1), "")?;
    let values = vm.iterable_to_list(items)?;
    let prototype = vm.intrinsics.map_prototype;
    let map = vm.alloc_object(
        Some(prototype),
        ObjectKind::Map(Box::new(OrderedMap::new())),
    );
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(map));
    for &value in &values {
        vm.root(value);
    }
    for (index, value) in values.into_iter().enumerate() {
        let key = vm.call(
            callback,
            Value::Undefined,
            &[value, Value::Number(index as f64)],
        )?;
        vm.root(key);
        let group = match vm.map_get(map, key) {
            Some(Value::Object(group)) => group,
            _ => {
                let group = vm.new_array(Vec::new());
                vm.map_set(map, key, Value::Object(group));
                group
            }
        };
        vm.array_push(group, value)?;
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(map))
}
