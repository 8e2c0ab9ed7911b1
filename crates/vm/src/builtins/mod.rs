//! The built-in library: everything reachable from the global object that is not syntax.
//!
//! `install(vm)` runs at the end of `Vm::new()`. The runtime core has already created the
//! intrinsic prototypes and placeholder constructors (so that object identities are fixed
//! early); installation swaps the real Rust implementation into each placeholder constructor
//! and arranges for the constructors and prototypes to be filled with their methods on first
//! touch (`Vm::defer_contents`, see `crate::deferred_contents`; at once in realms made by
//! `Vm::create_realm`). Self-contained globals are created on first use
//! (`crate::lazy_globals`).
//!
//! Conventions used by every module here:
//! - Built-in methods are writable, non-enumerable, configurable data properties; their
//!   `length` and `name` are non-writable, non-enumerable, configurable (see
//!   `Vm::define_native_method`).
//! - A native function that calls back into JavaScript (callbacks, getters, `toString`,
//!   iterators) roots the heap values it keeps in Rust locals on the handle stack first
//!   (`vm.root`), because a collection may run at any safepoint inside that call.
//! - Errors are thrown with `vm.throw_type_error(...)` and friends, never by panicking.
//!
//! Module map: `console` (console.log and the inspect snapshot), `console_extras` (group,
//! count, time, assert, dir, trace, table), `inspect` (node's
//! util.inspect formatter), `number_format` (Number.prototype.toString/toFixed/...),
//! `object`, `function`, `array`, `string`, `number` (Number, Boolean, global number
//! functions), `symbol`, `math`, `json`, `error`, `collections` (Map/Set/WeakMap/WeakSet),
//! `set_methods` (Set.prototype.union and friends), `iterators`, `iterator_helpers` (Iterator,
//! Iterator.prototype helpers), `regexp`, `date`, `uri`, `promise` (Promise, microtasks,
//! timers), `process` (the Node-style `process` and `performance` globals and the event loop
//! state), `structured_clone` (the global `structuredClone`), `web` (`global`, `atob`/`btoa`,
//! TextEncoder/TextDecoder), `reflect` (Reflect and the Proxy constructor), `weak_refs` (WeakRef,
//! FinalizationRegistry), `array_buffer` (ArrayBuffer, SharedArrayBuffer), `typed_array`
//! (%TypedArray% and the concrete typed array constructors), `data_view` (DataView), `atomics`
//! (the Atomics namespace), `eval` (eval and the dynamic function constructors), `intl` (the
//! ECMA-402 Intl namespace and the locale-sensitive formatting it backs).

use crate::atom::PropertyKey;
use crate::function::{Args, NativeFunction};
use crate::object::ObjectKind;
use crate::realm::Vm;
use crate::shape::Attributes;
use crate::value::{JsResult, ObjectRef, StringRef, SymbolRef, Value};

pub mod array;
pub mod array_buffer;
pub mod array_from_async;
pub mod atomics;
pub mod collections;
pub mod console;
pub mod console_extras;
pub mod data_view;
pub mod date;
pub mod decorators;
pub mod disposable;
pub mod error;
pub mod eval;
pub mod function;
pub mod inspect;
pub mod intl;
pub mod iterator_helpers;
pub mod iterator_zip;
pub mod iterators;
pub mod json;
pub mod math;
pub mod number;
pub mod number_format;
pub mod object;
pub mod process;
pub mod promise;
pub mod reflect;
pub mod regexp;
pub mod set_methods;
pub mod string;
pub mod structured_clone;
pub mod symbol;
pub mod typed_array;
pub mod uri;
pub mod weak_refs;
pub mod web;

#[cfg(test)]
mod snippet_tests;

/// Installs the built-in library into the realm.
pub fn install(vm: &mut Vm) {
    object::install(vm);
    function::install(vm);
    symbol::install(vm);
    error::install(vm);
    iterator_helpers::install(vm);
    array::install(vm);
    string::install(vm);
    number::install(vm);
    math::install(vm);
    json::install(vm);
    collections::install(vm);
    set_methods::install(vm);
    regexp::install(vm);
    date::install(vm);
    uri::install(vm);
    promise::install(vm);
    array_buffer::install(vm);
    typed_array::install(vm);
    data_view::install(vm);
    atomics::install(vm);
    reflect::install(vm);
    weak_refs::install(vm);
    disposable::install(vm);
    intl::install(vm);
    console::install(vm);
    process::install(vm);
    structured_clone::install(vm);
    web::install(vm);
    eval::install(vm);
}

/// Runs queued microtasks and then due timers until both are empty (node's event loop order
/// for a script: all microtasks after the script, then each timer followed by the microtasks
/// it queued). The runner calls this after the main script completed normally.
pub fn run_event_loop(vm: &mut Vm) -> JsResult<()> {
    promise::run_event_loop(vm)
}

// ----- installation helpers -----

/// Defines a method on `target` (writable, non-enumerable, configurable).
pub(crate) fn method(
    vm: &mut Vm,
    target: ObjectRef,
    name: &str,
    length: u32,
    function: NativeFunction,
) -> ObjectRef {
    vm.define_native_method(target, name, length, function)
}

/// Defines a symbol-keyed method (`[Symbol.iterator]() {...}`) named `function_name`.
pub(crate) fn symbol_method(
    vm: &mut Vm,
    target: ObjectRef,
    symbol: SymbolRef,
    function_name: &str,
    length: u32,
    function: NativeFunction,
) -> ObjectRef {
    let created = vm.new_native_function(function_name, length, function, false);
    vm.define_data_property(
        target,
        PropertyKey::Symbol(symbol),
        Value::Object(created),
        Attributes::HIDDEN_DATA,
    );
    created
}

/// Defines a getter (`get name() {...}`: non-enumerable, configurable, no setter).
pub(crate) fn getter(
    vm: &mut Vm,
    target: ObjectRef,
    name: &str,
    function: NativeFunction,
) -> ObjectRef {
    let created = vm.new_native_function(&format!("get {name}"), 0, function, false);
    let key = vm.property_key_from_str(name);
    vm.define_accessor_property(
        target,
        key,
        Value::Object(created),
        Value::Undefined,
        false,
        true,
    );
    created
}

/// Defines a symbol-keyed getter.
pub(crate) fn symbol_getter(
    vm: &mut Vm,
    target: ObjectRef,
    symbol: SymbolRef,
    function_name: &str,
    function: NativeFunction,
) {
    let created = vm.new_native_function(function_name, 0, function, false);
    vm.define_accessor_property(
        target,
        PropertyKey::Symbol(symbol),
        Value::Object(created),
        Value::Undefined,
        false,
        true,
    );
}

/// Defines a writable, non-enumerable, configurable data property.
pub(crate) fn value_property(vm: &mut Vm, target: ObjectRef, name: &str, value: Value) {
    let key = vm.property_key_from_str(name);
    vm.define_data_property(target, key, value, Attributes::HIDDEN_DATA);
}

/// Defines a non-writable, non-enumerable, non-configurable data property (constants).
pub(crate) fn constant_property(vm: &mut Vm, target: ObjectRef, name: &str, value: Value) {
    let key = vm.property_key_from_str(name);
    vm.define_data_property(target, key, value, Attributes::FROZEN);
}

/// Defines `target[Symbol.toStringTag] = tag` (non-writable, non-enumerable, configurable).
pub(crate) fn to_string_tag(vm: &mut Vm, target: ObjectRef, tag: &str) {
    let symbol = vm.intrinsics.symbols.to_string_tag;
    let text = vm.new_string(tag);
    vm.define_data_property(
        target,
        PropertyKey::Symbol(symbol),
        Value::String(text),
        Attributes::CONFIGURABLE_ONLY,
    );
}

/// Replaces the behaviour of a placeholder constructor created by the runtime core (keeping
/// its identity, `prototype` link and global binding) and sets its `length`.
pub(crate) fn install_constructor_behaviour(
    vm: &mut Vm,
    constructor: ObjectRef,
    function: NativeFunction,
    length: u32,
) {
    if let ObjectKind::NativeFunction(native) = &mut vm.object_mut(constructor).kind {
        native.function = function;
        native.is_constructor = true;
    }
    let key = PropertyKey::Atom(crate::atom::atoms::LENGTH);
    vm.define_data_property(
        constructor,
        key,
        Value::Number(length as f64),
        Attributes::CONFIGURABLE_ONLY,
    );
}

/// Creates a plain namespace object (`Math`, `JSON`, `console`); the caller is its global's
/// deferred installer (see `crate::lazy_globals`), which returns it.
pub(crate) fn namespace_object(vm: &mut Vm) -> ObjectRef {
    vm.new_object()
}

// ----- small conversions used everywhere -----

/// A heap string value from Rust text.
pub(crate) fn string_value(vm: &mut Vm, text: &str) -> Value {
    Value::String(vm.new_string(text))
}

/// A heap string value from UTF-16 code units.
pub(crate) fn utf16_value(vm: &mut Vm, units: Vec<u16>) -> Value {
    Value::String(vm.alloc_string(crate::string::JsString::from_utf16_vec(units)))
}

/// The code units of a heap string.
pub(crate) fn units_of(vm: &Vm, string: StringRef) -> Vec<u16> {
    vm.string(string).to_utf16()
}

/// ToString of an argument, returned as code units.
pub(crate) fn to_units(vm: &mut Vm, value: Value) -> JsResult<Vec<u16>> {
    let string = vm.to_string(value)?;
    Ok(units_of(vm, string))
}

/// LengthOfArrayLike(object).
pub(crate) fn length_of_array_like(vm: &mut Vm, object: ObjectRef) -> JsResult<u64> {
    if let Some(array) = vm.object(object).array_data() {
        return Ok(array.length as u64);
    }
    let length = vm.get(object, PropertyKey::Atom(crate::atom::atoms::LENGTH))?;
    Ok(vm.to_length(length)? as u64)
}

/// The property key of an integer index (indices beyond the array range become strings).
pub(crate) fn index_key(vm: &mut Vm, index: u64) -> PropertyKey {
    if index < u32::MAX as u64 {
        PropertyKey::Index(index as u32)
    } else {
        vm.property_key_from_str(&index.to_string())
    }
}

/// Relative index resolution used by slice/splice/at/fill...: `relative` is the result of
/// ToIntegerOrInfinity; negative values count from `length`.
pub(crate) fn resolve_relative_index(relative: f64, length: u64) -> u64 {
    if relative < 0.0 {
        let from_end = length as f64 + relative;
        if from_end < 0.0 { 0 } else { from_end as u64 }
    } else if relative > length as f64 {
        length
    } else {
        relative as u64
    }
}

/// An argument converted with ToIntegerOrInfinity, or `default` when undefined.
pub(crate) fn integer_argument_or(
    vm: &mut Vm,
    args: &Args,
    index: usize,
    default: f64,
) -> JsResult<f64> {
    let value = args.get(vm, index);
    if value.is_undefined() {
        Ok(default)
    } else {
        vm.to_integer_or_infinity(value)
    }
}

/// Element `index` of an internal record: an array object that only built-in code holds (a
/// promise reaction, a resolving-function state, a disposal or `Array.fromAsync` state, a
/// decoration record), read directly from its dense elements; `undefined` when absent.
pub(crate) fn internal_record_get(vm: &Vm, record: ObjectRef, index: usize) -> Value {
    vm.object(record)
        .elements
        .get(index)
        .copied()
        .unwrap_or(Value::Undefined)
        .hole_to_undefined()
}

/// Overwrites element `index` of an internal record (see [`internal_record_get`]); records are
/// created at their final length, so an index past it is ignored.
pub(crate) fn internal_record_set(vm: &mut Vm, record: ObjectRef, index: usize, value: Value) {
    if let Some(slot) = vm.object_mut(record).elements.get_mut(index) {
        *slot = value;
    }
}

/// Calls `callback` after checking it is callable (TypeError naming `what` otherwise).
pub(crate) fn require_callable(vm: &mut Vm, value: Value, what: &str) -> JsResult<Value> {
    if vm.is_callable(value) {
        Ok(value)
    } else {
        // V8 words it "#<Object> is not a function" for objects, "3 is not a function" and
        // "\"abc\" is not a function" for primitives.
        let description = match value {
            Value::Object(_) => vm.describe_receiver_for_error(value),
            _ => vm.describe_value_for_error(value),
        };
        vm.throw_type_error(&format!("{description} is not a function{what}"))
    }
}
