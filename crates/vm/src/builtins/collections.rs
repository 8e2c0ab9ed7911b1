//! `Map`, `Set`, `WeakMap` and `WeakSet` over the runtime's insertion-ordered
//! [`crate::object::OrderedMap`] (SameValueZero keys, tombstones keep live iterators valid).
//!
//! The four collections share two object kinds (`ObjectKind::Map` and `ObjectKind::Set`);
//! the `weak` flag of the storage is the brand that tells a WeakMap from a Map (and a
//! WeakSet from a Set), and every method checks the brand of its receiver.
//!
//! Simplification (stated honestly): WeakMap and WeakSet hold their keys strongly (nothing is
//! collected while the collection lives), which no program can observe. Their API (keys that
//! can be held weakly, no iteration, no size) is the specified one.

use super::{getter, method, to_string_tag};
use crate::atom::PropertyKey;
use crate::function::Args;
use crate::object::{IterationKind, ObjectKind, OrderedMap};
use crate::realm::Vm;
use crate::shape::Attributes;
use crate::value::{JsResult, ObjectRef, Value};

/// Which of the four collections an object is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Brand {
    /// A Map.
    Map,
    /// A Set.
    Set,
    /// A WeakMap.
    WeakMap,
    /// A WeakSet.
    WeakSet,
}

impl Brand {
    fn name(self) -> &'static str {
        match self {
            Brand::Map => "Map",
            Brand::Set => "Set",
            Brand::WeakMap => "WeakMap",
            Brand::WeakSet => "WeakSet",
        }
    }

    fn is_weak(self) -> bool {
        matches!(self, Brand::WeakMap | Brand::WeakSet)
    }

    fn is_map_like(self) -> bool {
        matches!(self, Brand::Map | Brand::WeakMap)
    }
}

/// The collection brand of an object, if it is one.
pub fn brand_of(vm: &Vm, object: ObjectRef) -> Option<Brand> {
    match &vm.object(object).kind {
        ObjectKind::Map(map) if map.weak => Some(Brand::WeakMap),
        ObjectKind::Map(_) => Some(Brand::Map),
        ObjectKind::Set(set) if set.weak => Some(Brand::WeakSet),
        ObjectKind::Set(_) => Some(Brand::Set),
        _ => None,
    }
}

/// Installs Map, Set, WeakMap and WeakSet.
pub fn install(vm: &mut Vm) {
    let brands = [
        (vm.intrinsics.map_constructor, Brand::Map),
        (vm.intrinsics.set_constructor, Brand::Set),
        (vm.intrinsics.weak_map_constructor, Brand::WeakMap),
        (vm.intrinsics.weak_set_constructor, Brand::WeakSet),
    ];
    for (constructor, brand) in brands {
        let behaviour: crate::function::NativeFunction = match brand {
            Brand::Map => |vm, _, args| construct_collection(vm, &args, Brand::Map),
            Brand::Set => |vm, _, args| construct_collection(vm, &args, Brand::Set),
            Brand::WeakMap => |vm, _, args| construct_collection(vm, &args, Brand::WeakMap),
            Brand::WeakSet => |vm, _, args| construct_collection(vm, &args, Brand::WeakSet),
        };
        super::install_constructor_behaviour(vm, constructor, behaviour, 0);
    }
    // The methods are installed on first touch together with `super::set_methods`, which
    // records the group (see `crate::deferred_contents`).
}

/// Installs the properties of the collection constructors and prototypes.
pub(crate) fn install_contents(vm: &mut Vm) {
    let species = vm.intrinsics.symbols.species;
    let iterator = vm.intrinsics.symbols.iterator;

    let map_constructor = vm.intrinsics.map_constructor;
    method(vm, map_constructor, "groupBy", 2, map_group_by);
    super::symbol_getter(
        vm,
        map_constructor,
        species,
        "get [Symbol.species]",
        |_, this, _| Ok(this),
    );
    let map_prototype = vm.intrinsics.map_prototype;
    method(vm, map_prototype, "get", 1, |vm, this, args| {
        map_get(vm, this, &args, Brand::Map)
    });
    method(vm, map_prototype, "set", 2, |vm, this, args| {
        map_set(vm, this, &args, Brand::Map)
    });
    method(vm, map_prototype, "has", 1, |vm, this, args| {
        collection_has(vm, this, &args, Brand::Map)
    });
    method(vm, map_prototype, "delete", 1, |vm, this, args| {
        collection_delete(vm, this, &args, Brand::Map)
    });
    method(vm, map_prototype, "clear", 0, |vm, this, _| {
        collection_clear(vm, this, Brand::Map)
    });
    method(vm, map_prototype, "forEach", 1, |vm, this, args| {
        collection_for_each(vm, this, &args, Brand::Map)
    });
    method(vm, map_prototype, "getOrInsert", 2, |vm, this, args| {
        map_get_or_insert(vm, this, &args, Brand::Map)
    });
    method(
        vm,
        map_prototype,
        "getOrInsertComputed",
        2,
        |vm, this, args| map_get_or_insert_computed(vm, this, &args, Brand::Map),
    );
    method(vm, map_prototype, "keys", 0, |vm, this, _| {
        collection_iterator(vm, this, IterationKind::Keys, Brand::Map)
    });
    method(vm, map_prototype, "values", 0, |vm, this, _| {
        collection_iterator(vm, this, IterationKind::Values, Brand::Map)
    });
    let entries = method(vm, map_prototype, "entries", 0, |vm, this, _| {
        collection_iterator(vm, this, IterationKind::Entries, Brand::Map)
    });
    vm.define_data_property(
        map_prototype,
        PropertyKey::Symbol(iterator),
        Value::Object(entries),
        Attributes::HIDDEN_DATA,
    );
    getter(vm, map_prototype, "size", |vm, this, _| {
        collection_size(vm, this, Brand::Map)
    });
    to_string_tag(vm, map_prototype, "Map");

    let set_constructor = vm.intrinsics.set_constructor;
    super::symbol_getter(
        vm,
        set_constructor,
        species,
        "get [Symbol.species]",
        |_, this, _| Ok(this),
    );
    let set_prototype = vm.intrinsics.set_prototype;
    method(vm, set_prototype, "add", 1, |vm, this, args| {
        set_add(vm, this, &args, Brand::Set)
    });
    method(vm, set_prototype, "has", 1, |vm, this, args| {
        collection_has(vm, this, &args, Brand::Set)
    });
    method(vm, set_prototype, "delete", 1, |vm, this, args| {
        collection_delete(vm, this, &args, Brand::Set)
    });
    method(vm, set_prototype, "clear", 0, |vm, this, _| {
        collection_clear(vm, this, Brand::Set)
    });
    method(vm, set_prototype, "forEach", 1, |vm, this, args| {
        collection_for_each(vm, this, &args, Brand::Set)
    });
    method(vm, set_prototype, "entries", 0, |vm, this, _| {
        collection_iterator(vm, this, IterationKind::Entries, Brand::Set)
    });
    let values = method(vm, set_prototype, "values", 0, |vm, this, _| {
        collection_iterator(vm, this, IterationKind::Values, Brand::Set)
    });
    super::value_property(vm, set_prototype, "keys", Value::Object(values));
    vm.define_data_property(
        set_prototype,
        PropertyKey::Symbol(iterator),
        Value::Object(values),
        Attributes::HIDDEN_DATA,
    );
    getter(vm, set_prototype, "size", |vm, this, _| {
        collection_size(vm, this, Brand::Set)
    });
    to_string_tag(vm, set_prototype, "Set");

    let weak_map_prototype = vm.intrinsics.weak_map_prototype;
    method(vm, weak_map_prototype, "get", 1, |vm, this, args| {
        map_get(vm, this, &args, Brand::WeakMap)
    });
    method(vm, weak_map_prototype, "set", 2, |vm, this, args| {
        map_set(vm, this, &args, Brand::WeakMap)
    });
    method(vm, weak_map_prototype, "has", 1, |vm, this, args| {
        collection_has(vm, this, &args, Brand::WeakMap)
    });
    method(vm, weak_map_prototype, "delete", 1, |vm, this, args| {
        collection_delete(vm, this, &args, Brand::WeakMap)
    });
    method(
        vm,
        weak_map_prototype,
        "getOrInsert",
        2,
        |vm, this, args| map_get_or_insert(vm, this, &args, Brand::WeakMap),
    );
    method(
        vm,
        weak_map_prototype,
        "getOrInsertComputed",
        2,
        |vm, this, args| map_get_or_insert_computed(vm, this, &args, Brand::WeakMap),
    );
    to_string_tag(vm, weak_map_prototype, "WeakMap");

    let weak_set_prototype = vm.intrinsics.weak_set_prototype;
    method(vm, weak_set_prototype, "add", 1, |vm, this, args| {
        set_add(vm, this, &args, Brand::WeakSet)
    });
    method(vm, weak_set_prototype, "has", 1, |vm, this, args| {
        collection_has(vm, this, &args, Brand::WeakSet)
    });
    method(vm, weak_set_prototype, "delete", 1, |vm, this, args| {
        collection_delete(vm, this, &args, Brand::WeakSet)
    });
    to_string_tag(vm, weak_set_prototype, "WeakSet");
}

/// Whether the object is a WeakMap.
pub fn is_weak_map(vm: &Vm, object: ObjectRef) -> bool {
    brand_of(vm, object) == Some(Brand::WeakMap)
}

/// Whether the object is a WeakSet.
pub fn is_weak_set(vm: &Vm, object: ObjectRef) -> bool {
    brand_of(vm, object) == Some(Brand::WeakSet)
}

/// CanBeHeldWeakly(v): objects and symbols that are not registered with `Symbol.for`.
pub fn can_be_held_weakly(vm: &Vm, value: Value) -> bool {
    match value {
        Value::Object(_) => true,
        Value::Symbol(symbol) => !vm.heap.symbols.get(symbol).registered,
        _ => false,
    }
}

/// The receiver when it has the expected brand, otherwise a TypeError.
fn this_branded(vm: &mut Vm, this: Value, brand: Brand, name: &str) -> JsResult<ObjectRef> {
    if let Value::Object(object) = this
        && brand_of(vm, object) == Some(brand)
    {
        return Ok(object);
    }
    let receiver = vm.describe_receiver_for_error(this);
    vm.throw_type_error(&format!(
        "Method {}.prototype.{name} called on incompatible receiver {receiver}",
        brand.name()
    ))
}

/// The Map/Set/WeakMap/WeakSet constructors: create the collection, then feed it the
/// iterable through the (observable) `set`/`add` method.
fn construct_collection(vm: &mut Vm, args: &Args, brand: Brand) -> JsResult<Value> {
    if !args.is_construct_call() {
        return vm.throw_type_error(&format!("Constructor {} requires 'new'", brand.name()));
    }
    let default_prototype = match brand {
        Brand::Map => vm.intrinsics.map_prototype,
        Brand::Set => vm.intrinsics.set_prototype,
        Brand::WeakMap => vm.intrinsics.weak_map_prototype,
        Brand::WeakSet => vm.intrinsics.weak_set_prototype,
    };
    let prototype = vm.get_prototype_from_constructor(args.new_target(), default_prototype)?;
    let mut storage = Box::new(OrderedMap::new());
    storage.weak = brand.is_weak();
    let kind = if brand.is_map_like() {
        ObjectKind::Map(storage)
    } else {
        ObjectKind::Set(storage)
    };
    let collection = vm.alloc_object(Some(prototype), kind);
    let iterable = args.get(vm, 0);
    if iterable.is_nullish() {
        return Ok(Value::Object(collection));
    }
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(collection));
    let adder_name = if brand.is_map_like() { "set" } else { "add" };
    let adder_key = vm.property_key_from_str(adder_name);
    let adder = vm.get(collection, adder_key)?;
    if !vm.is_callable(adder) {
        return vm.throw_type_error(&format!(
            "'{adder_name}' of the new {} is not a function",
            brand.name()
        ));
    }
    vm.root(adder);
    let mut record = vm.get_iterator(iterable)?;
    vm.root(Value::Object(record.iterator));
    vm.root(record.next_method);
    while let Some(item) = vm.iterator_step_value(&mut record)? {
        let outcome = if brand.is_map_like() {
            add_entry_from_item(vm, collection, adder, item)
        } else {
            vm.call(adder, Value::Object(collection), &[item])
                .map(|_| ())
        };
        if let Err(error) = outcome {
            return Err(vm.iterator_close_on_error(&record, error));
        }
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(collection))
}

/// AddEntriesFromIterable's step: `adder.call(map, item[0], item[1])`.
fn add_entry_from_item(
    vm: &mut Vm,
    collection: ObjectRef,
    adder: Value,
    item: Value,
) -> JsResult<()> {
    let Value::Object(item_object) = item else {
        let text = vm.describe_value_for_error(item);
        return vm.throw_type_error(&format!("Iterator value {text} is not an entry object"));
    };
    let scope = vm.open_handle_scope();
    vm.root(item);
    let key = vm.get(item_object, PropertyKey::Index(0))?;
    vm.root(key);
    let value = vm.get(item_object, PropertyKey::Index(1))?;
    vm.call(adder, Value::Object(collection), &[key, value])?;
    vm.close_handle_scope(scope);
    Ok(())
}

fn map_get(vm: &mut Vm, this: Value, args: &Args, brand: Brand) -> JsResult<Value> {
    let map = this_branded(vm, this, brand, "get")?;
    let key = args.get(vm, 0);
    Ok(vm.map_get(map, key).unwrap_or(Value::Undefined))
}

fn require_weak_key(vm: &mut Vm, brand: Brand, key: Value) -> JsResult<()> {
    if brand.is_weak() && !can_be_held_weakly(vm, key) {
        // V8's wording.
        let message = if brand.name() == "WeakSet" {
            "Invalid value used in weak set"
        } else {
            "Invalid value used as weak map key"
        };
        return vm.throw_type_error(message);
    }
    Ok(())
}

fn map_set(vm: &mut Vm, this: Value, args: &Args, brand: Brand) -> JsResult<Value> {
    let map = this_branded(vm, this, brand, "set")?;
    let key = args.get(vm, 0);
    require_weak_key(vm, brand, key)?;
    let value = args.get(vm, 1);
    vm.map_set(map, key, value);
    Ok(this)
}

fn map_get_or_insert(vm: &mut Vm, this: Value, args: &Args, brand: Brand) -> JsResult<Value> {
    let map = this_branded(vm, this, brand, "getOrInsert")?;
    let key = args.get(vm, 0);
    require_weak_key(vm, brand, key)?;
    if let Some(existing) = vm.map_get(map, key) {
        return Ok(existing);
    }
    let value = args.get(vm, 1);
    vm.map_set(map, key, value);
    Ok(value)
}

fn map_get_or_insert_computed(
    vm: &mut Vm,
    this: Value,
    args: &Args,
    brand: Brand,
) -> JsResult<Value> {
    let map = this_branded(vm, this, brand, "getOrInsertComputed")?;
    let key = args.get(vm, 0);
    require_weak_key(vm, brand, key)?;
    let callback = args.get(vm, 1);
    if !vm.is_callable(callback) {
        return vm.throw_type_error("getOrInsertComputed: the callback is not a function");
    }
    if let Some(existing) = vm.map_get(map, key) {
        return Ok(existing);
    }
    let key = if key.as_number() == Some(0.0) {
        Value::Number(0.0)
    } else {
        key
    };
    let value = vm.call(callback, Value::Undefined, &[key])?;
    // The callback may have inserted the key; the computed value overwrites it.
    vm.map_set(map, key, value);
    Ok(value)
}

fn set_add(vm: &mut Vm, this: Value, args: &Args, brand: Brand) -> JsResult<Value> {
    let set = this_branded(vm, this, brand, "add")?;
    let value = args.get(vm, 0);
    require_weak_key(vm, brand, value)?;
    if vm.map_find(set, value).is_none() {
        vm.map_set(set, value, Value::Undefined);
    }
    Ok(this)
}

fn collection_has(vm: &mut Vm, this: Value, args: &Args, brand: Brand) -> JsResult<Value> {
    let collection = this_branded(vm, this, brand, "has")?;
    let key = args.get(vm, 0);
    Ok(Value::Boolean(vm.map_find(collection, key).is_some()))
}

fn collection_delete(vm: &mut Vm, this: Value, args: &Args, brand: Brand) -> JsResult<Value> {
    let collection = this_branded(vm, this, brand, "delete")?;
    let key = args.get(vm, 0);
    Ok(Value::Boolean(vm.map_delete(collection, key)))
}

fn collection_clear(vm: &mut Vm, this: Value, brand: Brand) -> JsResult<Value> {
    let collection = this_branded(vm, this, brand, "clear")?;
    if let ObjectKind::Map(map) | ObjectKind::Set(map) = &mut vm.object_mut(collection).kind {
        map.clear();
    }
    Ok(Value::Undefined)
}

fn collection_size(vm: &mut Vm, this: Value, brand: Brand) -> JsResult<Value> {
    let collection = this_branded(vm, this, brand, "size")?;
    let size = match &vm.object(collection).kind {
        ObjectKind::Map(map) | ObjectKind::Set(map) => map.len(),
        _ => 0,
    };
    Ok(Value::Number(size as f64))
}

fn collection_for_each(vm: &mut Vm, this: Value, args: &Args, brand: Brand) -> JsResult<Value> {
    let collection = this_branded(vm, this, brand, "forEach")?;
    let callback = super::require_callable(vm, args.get(vm, 0), "")?;
    let this_argument = args.get(vm, 1);
    let is_map = brand.is_map_like();
    if let ObjectKind::Map(map) | ObjectKind::Set(map) = &mut vm.object_mut(collection).kind {
        map.iteration_started = true;
    }
    let scope = vm.open_handle_scope();
    vm.root(this);
    let callback = vm.prepare_call(callback);
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
        vm.call_prepared(&callback, this_argument, &[value, key, this])?;
    }
    vm.close_handle_scope(scope);
    Ok(Value::Undefined)
}

fn collection_iterator(
    vm: &mut Vm,
    this: Value,
    kind: IterationKind,
    brand: Brand,
) -> JsResult<Value> {
    let name = match kind {
        IterationKind::Keys => "keys",
        IterationKind::Values => "values",
        IterationKind::Entries => "entries",
    };
    let collection = this_branded(vm, this, brand, name)?;
    Ok(Value::Object(super::iterators::create_collection_iterator(
        vm,
        collection,
        kind,
        brand == Brand::Map,
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
