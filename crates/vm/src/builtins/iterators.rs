//! The iterator prototypes: %IteratorPrototype% (`[Symbol.iterator]() { return this }`),
//! %ArrayIteratorPrototype%, %MapIteratorPrototype%, %SetIteratorPrototype% and
//! %StringIteratorPrototype%, with the constructors of their iterator objects.
//!
//! The iterator state lives in the object kind (`ObjectKind::ArrayIterator` and friends), so
//! `next()` is a match on the kind plus an index bump; no closures or hidden properties.

use super::{method, symbol_method, to_string_tag};
use crate::atom::PropertyKey;
use crate::function::Args;
use crate::object::{
    ArrayIteratorData, CollectionIteratorData, IterationKind, ObjectKind, StringIteratorData,
};
use crate::realm::Vm;
use crate::value::{JsResult, ObjectRef, StringRef, Value};

/// Installs the iterator prototypes.
///
/// Installed on first touch together with the iterator helpers, which add to
/// %IteratorPrototype% too (`iterator_helpers::install` records the group, see
/// `crate::deferred_contents`).
pub(crate) fn install_contents(vm: &mut Vm) {
    let iterator_prototype = vm.intrinsics.iterator_prototype;
    let iterator_symbol = vm.intrinsics.symbols.iterator;
    symbol_method(
        vm,
        iterator_prototype,
        iterator_symbol,
        "[Symbol.iterator]",
        0,
        return_this,
    );

    let array_iterator = vm.intrinsics.array_iterator_prototype;
    let next = method(vm, array_iterator, "next", 0, array_iterator_next);
    // The original %ArrayIteratorPrototype%.next of the fast array iteration path
    // (`interpreter::iteration`): this may run after the interpreter's snapshot.
    vm.interpreter.original_array_iterator_next = Some(Value::Object(next));
    to_string_tag(vm, array_iterator, "Array Iterator");

    let map_iterator = vm.intrinsics.map_iterator_prototype;
    method(vm, map_iterator, "next", 0, map_iterator_next);
    to_string_tag(vm, map_iterator, "Map Iterator");

    let set_iterator = vm.intrinsics.set_iterator_prototype;
    method(vm, set_iterator, "next", 0, set_iterator_next);
    to_string_tag(vm, set_iterator, "Set Iterator");

    let string_iterator = vm.intrinsics.string_iterator_prototype;
    method(vm, string_iterator, "next", 0, string_iterator_next);
    to_string_tag(vm, string_iterator, "String Iterator");
}

fn return_this(_vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    Ok(this)
}

/// CreateArrayIterator.
pub fn create_array_iterator(vm: &mut Vm, iterated: ObjectRef, kind: IterationKind) -> ObjectRef {
    let prototype = vm.intrinsics.array_iterator_prototype;
    vm.alloc_object(
        Some(prototype),
        ObjectKind::ArrayIterator(ArrayIteratorData::new(iterated, kind)),
    )
}

/// Creates a Map or Set iterator over `collection`.
pub fn create_collection_iterator(
    vm: &mut Vm,
    collection: ObjectRef,
    kind: IterationKind,
    is_map: bool,
) -> ObjectRef {
    if let ObjectKind::Map(map) | ObjectKind::Set(map) = &mut vm.object_mut(collection).kind {
        map.iteration_started = true;
    }
    let data = CollectionIteratorData::new(collection, kind);
    if is_map {
        let prototype = vm.intrinsics.map_iterator_prototype;
        vm.alloc_object(Some(prototype), ObjectKind::MapIterator(data))
    } else {
        let prototype = vm.intrinsics.set_iterator_prototype;
        vm.alloc_object(Some(prototype), ObjectKind::SetIterator(data))
    }
}

/// Creates a String iterator (iterates code points).
pub fn create_string_iterator(vm: &mut Vm, string: StringRef) -> ObjectRef {
    let prototype = vm.intrinsics.string_iterator_prototype;
    vm.alloc_object(
        Some(prototype),
        ObjectKind::StringIterator(StringIteratorData {
            iterated: Some(string),
            position: 0,
        }),
    )
}

fn iter_result(vm: &mut Vm, value: Value, done: bool) -> Value {
    Value::Object(vm.create_iter_result_object(value, done))
}

fn array_iterator_next(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let Value::Object(iterator) = this else {
        return vm.throw_type_error("next method called on incompatible receiver");
    };
    let ObjectKind::ArrayIterator(state) = vm.object(iterator).kind else {
        return vm.throw_type_error("next method called on incompatible receiver");
    };
    let Some(iterated) = state.iterated() else {
        return Ok(iter_result(vm, Value::Undefined, true));
    };
    let index = state.next_index;
    let length = match &vm.object(iterated).kind {
        ObjectKind::Array(array) => array.length as u64,
        ObjectKind::TypedArray(view) => match vm.typed_array_length(view) {
            Some(length) => length as u64,
            None => {
                return vm.throw_type_error(
                    "Cannot iterate over a detached or out-of-bounds typed array",
                );
            }
        },
        _ => super::length_of_array_like(vm, iterated)?,
    };
    if index as u64 >= length {
        if let ObjectKind::ArrayIterator(state) = &mut vm.object_mut(iterator).kind {
            state.finish();
        }
        return Ok(iter_result(vm, Value::Undefined, true));
    }
    if let ObjectKind::ArrayIterator(state) = &mut vm.object_mut(iterator).kind {
        state.next_index = index + 1;
    }
    let value = match state.kind {
        IterationKind::Keys => Value::Number(index as f64),
        IterationKind::Values => vm.get(iterated, PropertyKey::Index(index))?,
        IterationKind::Entries => {
            let element = vm.get(iterated, PropertyKey::Index(index))?;
            Value::Object(vm.new_array(vec![Value::Number(index as f64), element]))
        }
    };
    Ok(iter_result(vm, value, false))
}

fn collection_iterator_next(vm: &mut Vm, this: Value, is_map: bool) -> JsResult<Value> {
    let Value::Object(iterator) = this else {
        return vm.throw_type_error("next method called on incompatible receiver");
    };
    let state = match (&vm.object(iterator).kind, is_map) {
        (ObjectKind::MapIterator(state), true) | (ObjectKind::SetIterator(state), false) => *state,
        _ => return vm.throw_type_error("next method called on incompatible receiver"),
    };
    let Some(collection) = state.iterated() else {
        return Ok(iter_result(vm, Value::Undefined, true));
    };
    let mut position = state.position as usize;
    let found = loop {
        let (entry, bound) = match &vm.object(collection).kind {
            ObjectKind::Map(map) | ObjectKind::Set(map) => {
                (map.entry_at(position), map.entry_list_len())
            }
            _ => (None, 0),
        };
        if position >= bound {
            break None;
        }
        position += 1;
        if let Some(entry) = entry {
            break Some(entry);
        }
    };
    match &mut vm.object_mut(iterator).kind {
        ObjectKind::MapIterator(state) | ObjectKind::SetIterator(state) => {
            state.position = position as u32;
            if found.is_none() {
                state.finish();
            }
        }
        _ => {}
    }
    let Some((key, value)) = found else {
        return Ok(iter_result(vm, Value::Undefined, true));
    };
    let result = match state.kind {
        IterationKind::Keys => key,
        IterationKind::Values => {
            if is_map {
                value
            } else {
                key
            }
        }
        IterationKind::Entries => {
            let second = if is_map { value } else { key };
            Value::Object(vm.new_array(vec![key, second]))
        }
    };
    Ok(iter_result(vm, result, false))
}

fn map_iterator_next(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    collection_iterator_next(vm, this, true)
}

fn set_iterator_next(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    collection_iterator_next(vm, this, false)
}

fn string_iterator_next(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let Value::Object(iterator) = this else {
        return vm.throw_type_error("next method called on incompatible receiver");
    };
    let ObjectKind::StringIterator(state) = vm.object(iterator).kind else {
        return vm.throw_type_error("next method called on incompatible receiver");
    };
    let Some(string) = state.iterated else {
        return Ok(iter_result(vm, Value::Undefined, true));
    };
    let position = state.position as usize;
    let length = vm.string(string).len();
    if position >= length {
        if let ObjectKind::StringIterator(state) = &mut vm.object_mut(iterator).kind {
            state.iterated = None;
        }
        return Ok(iter_result(vm, Value::Undefined, true));
    }
    let code_point = vm.string(string).code_point_at(position).unwrap_or(0);
    let width = if code_point > 0xffff { 2 } else { 1 };
    if let ObjectKind::StringIterator(state) = &mut vm.object_mut(iterator).kind {
        state.position = (position + width) as u32;
    }
    let value = if width == 1 {
        Value::String(vm.single_code_unit_string(code_point as u16))
    } else {
        let pair = vm.string(string).substring(position, position + 2);
        Value::String(vm.alloc_string(pair))
    };
    Ok(iter_result(vm, value, false))
}
