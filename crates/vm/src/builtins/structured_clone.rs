//! `structuredClone(value)`: the HTML structured clone algorithm (StructuredSerialize followed
//! by StructuredDeserialize, done in one pass), as Node exposes it.
//!
//! Cloned: primitives other than symbols, Boolean/Number/String/BigInt wrappers, Date, RegExp
//! (without `lastIndex`), ArrayBuffer, typed arrays and DataView (sharing one cloned buffer
//! per source buffer), Map, Set, Error objects (`name`, `message`, `stack`, `cause`), arrays
//! (their own enumerable string-keyed properties) and ordinary objects (own enumerable
//! string-keyed properties, read with getters; the clone is a plain object, so class
//! instances lose their prototype). Anything else (functions, symbols, proxies, promises,
//! weak collections, iterators) throws a `DataCloneError`, as in Node.
//!
//! Identity and cycles are preserved through the "memory" map from source objects to their
//! clones, so `structuredClone(a)` of a graph gives an isomorphic graph. The walk is
//! recursive; `Vm::native_stack_has_room` turns a pathologically deep input into a RangeError.

use rustc_hash::FxHashMap;

use super::method;
use crate::atom::{PropertyKey, atoms};
use crate::error::ErrorKind;
use crate::function::Args;
use crate::object::{ObjectKind, OrderedMap};
use crate::realm::Vm;
use crate::shape::Attributes;
use crate::value::{JsResult, ObjectRef, Value};

/// Installs the global `structuredClone`.
pub fn install(vm: &mut Vm) {
    let global = vm.global_object();
    method(vm, global, "structuredClone", 1, structured_clone);
}

fn structured_clone(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if args.is_empty() {
        return vm.throw_type_error("The \"value\" argument must be specified");
    }
    let value = args.get(vm, 0);
    let scope = vm.open_handle_scope();
    let mut memory = FxHashMap::default();
    let result = clone_value(vm, value, &mut memory);
    vm.close_handle_scope(scope);
    result
}

/// The error thrown for values that cannot be cloned: an Error named `DataCloneError` whose
/// message is the value's text followed by "could not be cloned." (Node's DOMException).
fn data_clone_error(vm: &mut Vm, value: Value) -> Value {
    let text = match value {
        Value::Object(object) if vm.object(object).is_callable() => vm
            .to_rust_string(value)
            .unwrap_or_else(|_| "function".to_string()),
        Value::Object(object) => {
            let class_name = match &vm.object(object).kind {
                ObjectKind::Promise(_) => "Promise",
                ObjectKind::Map(map) if map.weak => "WeakMap",
                ObjectKind::Set(set) if set.weak => "WeakSet",
                _ => "Object",
            };
            format!("#<{class_name}>")
        }
        Value::Symbol(symbol) => super::symbol::symbol_descriptive_string(vm, symbol),
        other => vm.describe_value_for_error(other),
    };
    let error = vm.new_error(ErrorKind::Error, &format!("{text} could not be cloned."));
    if let Value::Object(error_object) = error {
        let name = Value::String(vm.new_string("DataCloneError"));
        vm.define_data_property(
            error_object,
            PropertyKey::Atom(atoms::NAME),
            name,
            Attributes::HIDDEN_DATA,
        );
        vm.install_error_stack(error_object);
    }
    error
}

fn clone_value(
    vm: &mut Vm,
    value: Value,
    memory: &mut FxHashMap<ObjectRef, ObjectRef>,
) -> JsResult<Value> {
    match value {
        Value::Symbol(_) => Err(data_clone_error(vm, value)),
        Value::Object(object) => clone_object(vm, object, memory).map(Value::Object),
        Value::Hole => Ok(Value::Undefined),
        primitive => Ok(primitive),
    }
}

fn clone_object(
    vm: &mut Vm,
    source: ObjectRef,
    memory: &mut FxHashMap<ObjectRef, ObjectRef>,
) -> JsResult<ObjectRef> {
    if let Some(&existing) = memory.get(&source) {
        return Ok(existing);
    }
    if !vm.native_stack_has_room() {
        return vm.throw_range_error("Maximum call stack size exceeded");
    }
    if vm.object(source).is_callable() {
        return Err(data_clone_error(vm, Value::Object(source)));
    }
    enum Plan {
        Primitive(Value),
        Date(f64),
        RegExp,
        ArrayBuffer,
        TypedArray,
        DataView,
        Map,
        Set,
        Error,
        Array,
        Plain,
    }
    let plan = match &vm.object(source).kind {
        ObjectKind::BooleanWrapper(boolean) => Plan::Primitive(Value::Boolean(*boolean)),
        ObjectKind::NumberWrapper(number) => Plan::Primitive(Value::Number(*number)),
        ObjectKind::StringWrapper(string) => Plan::Primitive(Value::String(*string)),
        ObjectKind::BigIntWrapper(bigint) => Plan::Primitive(Value::BigInt(*bigint)),
        ObjectKind::Date(time) => Plan::Date(*time),
        ObjectKind::RegExp(_) => Plan::RegExp,
        ObjectKind::ArrayBuffer(_) => Plan::ArrayBuffer,
        ObjectKind::TypedArray(_) => Plan::TypedArray,
        ObjectKind::DataView(_) => Plan::DataView,
        ObjectKind::Map(map) if !map.weak => Plan::Map,
        ObjectKind::Set(set) if !set.weak => Plan::Set,
        ObjectKind::Error => Plan::Error,
        ObjectKind::Array(_) => Plan::Array,
        ObjectKind::Ordinary | ObjectKind::Arguments => Plan::Plain,
        _ => return Err(data_clone_error(vm, Value::Object(source))),
    };
    vm.root(Value::Object(source));
    let clone = match plan {
        Plan::Primitive(primitive) => {
            let clone = vm.to_object(primitive)?;
            memory.insert(source, clone);
            clone
        }
        Plan::Date(time) => {
            let prototype = vm.intrinsics.date_prototype;
            let clone = vm.alloc_object(Some(prototype), ObjectKind::Date(time));
            memory.insert(source, clone);
            clone
        }
        Plan::RegExp => {
            let ObjectKind::RegExp(data) = &vm.object(source).kind else {
                unreachable!("checked by the plan");
            };
            let (pattern, flags) = (data.source, data.flags);
            let pattern: Vec<u16> = vm.string(pattern).to_utf16();
            let flags = vm.string_to_rust(flags);
            let prototype = vm.intrinsics.regexp_prototype;
            let clone = super::regexp::regexp_create(vm, &pattern, &flags, Some(prototype))?;
            memory.insert(source, clone);
            clone
        }
        Plan::ArrayBuffer => clone_array_buffer(vm, source, memory)?,
        Plan::TypedArray => {
            let Some(view) = vm.typed_array_data(source) else {
                return Err(data_clone_error(vm, Value::Object(source)));
            };
            let length = vm.typed_array_length(&view);
            let buffer = clone_array_buffer(vm, view.buffer, memory)?;
            let constructor = vm.intrinsics.typed_array_constructors[view.element_type.index()];
            let mut arguments = vec![
                Value::Object(buffer),
                Value::Number(f64::from(view.byte_offset)),
            ];
            if view.length != crate::object::LENGTH_TRACKING {
                arguments.push(Value::Number(length.unwrap_or(0) as f64));
            }
            let clone = vm.construct(Value::Object(constructor), &arguments, None)?;
            let Value::Object(clone) = clone else {
                return Err(data_clone_error(vm, Value::Object(source)));
            };
            memory.insert(source, clone);
            clone
        }
        Plan::DataView => {
            let ObjectKind::DataView(view) = vm.object(source).kind else {
                unreachable!("checked by the plan");
            };
            let buffer = clone_array_buffer(vm, view.buffer, memory)?;
            let prototype = vm.intrinsics.data_view_prototype;
            let clone = vm.alloc_object(
                Some(prototype),
                ObjectKind::DataView(crate::object::DataViewData { buffer, ..view }),
            );
            memory.insert(source, clone);
            clone
        }
        Plan::Map | Plan::Set => {
            let is_map = matches!(plan, Plan::Map);
            let prototype = if is_map {
                vm.intrinsics.map_prototype
            } else {
                vm.intrinsics.set_prototype
            };
            let kind = if is_map {
                ObjectKind::Map(Box::new(OrderedMap::new()))
            } else {
                ObjectKind::Set(Box::new(OrderedMap::new()))
            };
            let clone = vm.alloc_object(Some(prototype), kind);
            vm.root(Value::Object(clone));
            memory.insert(source, clone);
            // Snapshot the entries first: cloning runs getters that may change the source.
            let entries: Vec<(Value, Value)> = match &vm.object(source).kind {
                ObjectKind::Map(map) | ObjectKind::Set(map) => (0..map.entry_list_len())
                    .filter_map(|position| map.entry_at(position))
                    .collect(),
                _ => Vec::new(),
            };
            for &(key, value) in &entries {
                vm.root(key);
                vm.root(value);
            }
            for (key, value) in entries {
                let key = clone_value(vm, key, memory)?;
                vm.root(key);
                let value = if is_map {
                    clone_value(vm, value, memory)?
                } else {
                    Value::Undefined
                };
                vm.map_set(clone, key, value);
            }
            clone
        }
        Plan::Error => clone_error(vm, source, memory)?,
        Plan::Array => {
            let length_value = vm.get(source, PropertyKey::Atom(atoms::LENGTH))?;
            let length = vm.to_number(length_value)?;
            let clone = vm.new_array(Vec::new());
            vm.root(Value::Object(clone));
            memory.insert(source, clone);
            vm.set(
                clone,
                PropertyKey::Atom(atoms::LENGTH),
                Value::Number(length),
                Value::Object(clone),
            )?;
            copy_enumerable_properties(vm, source, clone, memory)?;
            clone
        }
        Plan::Plain => {
            let clone = vm.new_object();
            vm.root(Value::Object(clone));
            memory.insert(source, clone);
            copy_enumerable_properties(vm, source, clone, memory)?;
            clone
        }
    };
    vm.root(Value::Object(clone));
    Ok(clone)
}

/// Copies the own enumerable string-keyed properties of `source` (values cloned) onto
/// `clone`, in property order.
fn copy_enumerable_properties(
    vm: &mut Vm,
    source: ObjectRef,
    clone: ObjectRef,
    memory: &mut FxHashMap<ObjectRef, ObjectRef>,
) -> JsResult<()> {
    let keys = vm.own_property_keys(source)?;
    for key in keys {
        if matches!(key, PropertyKey::Symbol(_)) {
            continue;
        }
        let Some(descriptor) = vm.get_own_property(source, key)? else {
            continue;
        };
        if !descriptor.enumerable.unwrap_or(false) {
            continue;
        }
        let value = vm.get(source, key)?;
        vm.root(value);
        let value = clone_value(vm, value, memory)?;
        vm.root(value);
        vm.create_data_property(clone, key, value)?;
    }
    Ok(())
}

fn clone_array_buffer(
    vm: &mut Vm,
    source: ObjectRef,
    memory: &mut FxHashMap<ObjectRef, ObjectRef>,
) -> JsResult<ObjectRef> {
    if let Some(&existing) = memory.get(&source) {
        return Ok(existing);
    }
    let Some(data) = vm.array_buffer_data(source) else {
        return Err(data_clone_error(vm, Value::Object(source)));
    };
    if data.detached {
        return vm.throw_type_error("An ArrayBuffer is detached and could not be cloned.");
    }
    let bytes = data.bytes.clone();
    let constructor = vm.intrinsics.array_buffer_constructor;
    let clone = vm.construct(
        Value::Object(constructor),
        &[Value::Number(bytes.len() as f64)],
        None,
    )?;
    let Value::Object(clone) = clone else {
        return Err(data_clone_error(vm, Value::Object(source)));
    };
    if let Some(target) = vm.array_buffer_data_mut(clone) {
        target.bytes.copy_from_slice(&bytes);
    }
    vm.root(Value::Object(clone));
    memory.insert(source, clone);
    Ok(clone)
}

/// Errors keep their kind (from `name`, as the HTML spec does), `message`, `stack` and `cause`.
fn clone_error(
    vm: &mut Vm,
    source: ObjectRef,
    memory: &mut FxHashMap<ObjectRef, ObjectRef>,
) -> JsResult<ObjectRef> {
    let name = vm.get(source, PropertyKey::Atom(atoms::NAME))?;
    let name = vm.to_rust_string(name)?;
    let kind = ErrorKind::ALL
        .into_iter()
        .find(|kind| kind.name() == name && *kind != ErrorKind::AggregateError)
        .unwrap_or(ErrorKind::Error);
    let prototype = vm.error_prototype_for(kind);
    let clone = vm.alloc_object(Some(prototype), ObjectKind::Error);
    vm.root(Value::Object(clone));
    memory.insert(source, clone);
    for atom in [atoms::MESSAGE, atoms::STACK] {
        let key = PropertyKey::Atom(atom);
        if let Some(descriptor) = vm.get_own_property(source, key)?
            && descriptor.value.is_some()
        {
            let value = vm.get(source, key)?;
            let text = vm.to_string(value)?;
            vm.define_data_property(clone, key, Value::String(text), Attributes::HIDDEN_DATA);
        }
    }
    let cause_key = vm.property_key_from_str("cause");
    if vm.get_own_property(source, cause_key)?.is_some() {
        let cause = vm.get(source, cause_key)?;
        vm.root(cause);
        let cause = clone_value(vm, cause, memory)?;
        vm.define_data_property(clone, cause_key, cause, Attributes::HIDDEN_DATA);
    }
    Ok(clone)
}
