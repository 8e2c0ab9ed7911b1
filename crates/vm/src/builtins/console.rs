//! `console` (log/info/debug to stdout, error/warn to stderr; the other methods are in
//! `console_extras`) and the snapshot walk that
//! turns live values into the [`InspectValue`] trees the `inspect` formatter prints.
//!
//! The snapshot follows node's reads exactly: `Symbol.toStringTag` and an error's `name`,
//! `message`, `stack`, `cause` and `errors` are read with [[Get]] (getters may run), every
//! other property is read through its descriptor (getters show as `[Getter]`). Circularity is
//! detected against the current ancestor path and depth is limited like node's
//! `recurseTimes`, so the tree stays as small as what gets printed.
//!
//! GC: every object visited is rooted on the handle stack for the whole `console.log` call,
//! because the [[Get]]s above may run user code (a safepoint).

use super::inspect::{
    ErrorDetails, FunctionDetails, InspectObject, InspectObjectKind, InspectOptions,
    InspectProperty, InspectPropertyKey, InspectValue, PromiseSnapshot, PropertyContent,
    format_number_like_inspect, inspect,
};
use super::{method, namespace_object};
use crate::atom::{PropertyKey, atoms};
use crate::function::Args;
use crate::object::{CollectionIteratorData, IterationKind, ObjectKind, PromiseState};
use crate::property::OwnLocation;
use crate::realm::Vm;
use crate::value::{JsResult, ObjectRef, Value};

/// Installs `console` (created on first use, see `crate::lazy_globals`).
pub fn install(vm: &mut Vm) {
    vm.define_lazy_global("console", create_console);
}

/// Creates the `console` namespace object.
fn create_console(vm: &mut Vm) -> Value {
    let console = namespace_object(vm);
    method(vm, console, "log", 0, console_log);
    method(vm, console, "info", 0, console_log);
    method(vm, console, "debug", 0, console_log);
    method(vm, console, "error", 0, console_error);
    method(vm, console, "warn", 0, console_error);
    super::console_extras::install(vm, console);
    Value::Object(console)
}

fn console_log(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let arguments = args.to_vec(vm);
    let text = format_log_arguments(vm, &arguments)?;
    super::console_extras::write_line(vm, &text, false);
    Ok(Value::Undefined)
}

fn console_error(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let arguments = args.to_vec(vm);
    let text = format_log_arguments(vm, &arguments)?;
    super::console_extras::write_line(vm, &text, true);
    Ok(Value::Undefined)
}

/// Node's `formatWithOptions`: printf-like `%s %d %i %f %j %o %O %c %%` when the first
/// argument is a string, then every remaining argument inspected (strings raw), joined by
/// spaces.
pub fn format_log_arguments(vm: &mut Vm, arguments: &[Value]) -> JsResult<String> {
    let scope = vm.open_handle_scope();
    for &argument in arguments {
        vm.root(argument);
    }
    let mut output = String::new();
    let mut next_argument = 0;
    let mut separator = "";
    if let Some(&Value::String(first)) = arguments.first() {
        next_argument = 1;
        if arguments.len() == 1 {
            let text = vm.string_to_rust(first);
            vm.close_handle_scope(scope);
            return Ok(text);
        }
        let format: Vec<char> = vm.string_to_rust(first).chars().collect();
        let mut index = 0;
        let mut pending = String::new();
        let mut consumed_any = false;
        while index < format.len() {
            let character = format[index];
            if character == '%' && index + 1 < format.len() {
                let specifier = format[index + 1];
                if specifier == '%' {
                    pending.push('%');
                    index += 2;
                    consumed_any = true;
                    continue;
                }
                if next_argument < arguments.len() && "sdifjoOc".contains(specifier) {
                    let argument = arguments[next_argument];
                    next_argument += 1;
                    let replacement = format_specifier(vm, specifier, argument)?;
                    pending.push_str(&replacement);
                    index += 2;
                    consumed_any = true;
                    continue;
                }
            }
            pending.push(character);
            index += 1;
        }
        if consumed_any {
            output.push_str(&pending);
            separator = " ";
        } else {
            // No placeholder consumed anything: the format string is printed as a plain string.
            next_argument = 0;
        }
    }
    for &argument in &arguments[next_argument..] {
        output.push_str(separator);
        match argument {
            Value::String(string) => output.push_str(&vm.string_to_rust(string)),
            other => {
                let text = inspect_value(vm, other, &InspectOptions::default())?;
                output.push_str(&text);
            }
        }
        separator = " ";
    }
    vm.close_handle_scope(scope);
    Ok(output)
}

fn format_specifier(vm: &mut Vm, specifier: char, argument: Value) -> JsResult<String> {
    Ok(match specifier {
        's' => match argument {
            Value::Number(number) => format_number_like_inspect(number),
            Value::BigInt(bigint) => format!("{}n", vm.bigint(bigint).to_string_radix(10)),
            Value::Symbol(_) => inspect_value(vm, argument, &InspectOptions::default())?,
            Value::Object(object) if !has_user_defined_to_string(vm, object) => {
                let options = InspectOptions {
                    depth: Some(0),
                    ..InspectOptions::default()
                };
                inspect_value(vm, argument, &options)?
            }
            other => vm.to_rust_string(other)?,
        },
        'd' | 'i' | 'f' => match argument {
            Value::BigInt(bigint) if specifier != 'f' => {
                format!("{}n", vm.bigint(bigint).to_string_radix(10))
            }
            Value::Symbol(_) => "NaN".to_string(),
            other => {
                let number = match specifier {
                    'd' => match other {
                        Value::BigInt(bigint) => vm.bigint(bigint).to_f64(),
                        _ => vm.to_number(other)?,
                    },
                    'i' => {
                        let text = vm.to_string(other)?;
                        let units = super::units_of(vm, text);
                        super::number::parse_int_units(&units, 0)
                    }
                    _ => {
                        let text = vm.to_string(other)?;
                        let units = super::units_of(vm, text);
                        super::number::parse_float_units(&units)
                    }
                };
                format_number_like_inspect(number)
            }
        },
        'j' => match super::json::stringify_for_console(vm, argument) {
            Ok(Some(text)) => text,
            Ok(None) => "undefined".to_string(),
            Err(error) => {
                if super::json::is_circular_structure_error(vm, error) {
                    "[Circular]".to_string()
                } else {
                    return Err(error);
                }
            }
        },
        'o' => {
            let options = InspectOptions {
                depth: Some(4),
                show_hidden: true,
                ..InspectOptions::default()
            };
            inspect_value(vm, argument, &options)?
        }
        'O' => inspect_value(vm, argument, &InspectOptions::default())?,
        _ => String::new(),
    })
}

/// Whether `%s` should call `String(value)` (node: when the object's `toString` is not a
/// built-in one, i.e. a user class or object defines it).
fn has_user_defined_to_string(vm: &mut Vm, object: ObjectRef) -> bool {
    if matches!(vm.object(object).kind, ObjectKind::Error) {
        return false;
    }
    let mut cursor = Some(object);
    while let Some(current) = cursor {
        // A built-in prototype's `toString` may still wait (see `crate::deferred_contents`).
        vm.ensure_contents_installed(current);
        if let Some(Value::Object(function)) =
            vm.get_data_property_no_side_effects(current, PropertyKey::Atom(atoms::TO_STRING))
            && vm
                .find_own_property(current, PropertyKey::Atom(atoms::TO_STRING))
                .is_some()
        {
            return matches!(vm.object(function).kind, ObjectKind::Closure(_));
        }
        cursor = vm.object(current).prototype;
    }
    false
}

/// `util.inspect(value, options)` for a live value.
pub fn inspect_value(vm: &mut Vm, value: Value, options: &InspectOptions) -> JsResult<String> {
    let scope = vm.open_handle_scope();
    let mut ancestors = Vec::new();
    let tree = snapshot(vm, value, options, 0, &mut ancestors);
    vm.close_handle_scope(scope);
    Ok(inspect(&tree?, options))
}

/// ToString that never throws (symbols and failing conversions give their inspect-free
/// description), for error names and messages.
fn display_string(vm: &mut Vm, value: Value) -> String {
    match value {
        Value::String(string) => vm.string_to_rust(string),
        Value::Symbol(symbol) => symbol_descriptive_string(vm, symbol),
        other => vm.to_rust_string(other).unwrap_or_default(),
    }
}

fn symbol_descriptive_string(vm: &Vm, symbol: crate::value::SymbolRef) -> String {
    match vm.symbol(symbol).description {
        Some(description) => format!("Symbol({})", vm.string_to_rust(description)),
        None => "Symbol()".to_string(),
    }
}

fn primitive_snapshot(vm: &Vm, value: Value) -> InspectValue {
    match value {
        Value::Undefined | Value::Hole => InspectValue::Undefined,
        Value::Null => InspectValue::Null,
        Value::Boolean(boolean) => InspectValue::Boolean(boolean),
        Value::Number(number) => InspectValue::Number(number),
        Value::BigInt(bigint) => InspectValue::BigInt(vm.bigint(bigint).to_string_radix(10)),
        Value::String(string) => InspectValue::String(super::units_of(vm, string)),
        Value::Symbol(symbol) => InspectValue::Symbol(
            symbol_descriptive_string(vm, symbol)
                .encode_utf16()
                .collect(),
        ),
        Value::Object(_) => InspectValue::Undefined,
    }
}

/// The function name node would show (`f.name` as a string, without running getters).
fn function_name(vm: &Vm, function: ObjectRef) -> String {
    match vm.get_data_property_no_side_effects(function, PropertyKey::Atom(atoms::NAME)) {
        Some(Value::String(name)) => vm.string_to_rust(name),
        _ => String::new(),
    }
}

/// Node's `getConstructorName`: the first own `constructor` along the prototype chain that is
/// a named function the object is an instance of; `None` for null-prototype chains.
fn constructor_name(vm: &mut Vm, object: ObjectRef) -> Option<String> {
    let mut cursor = Some(object);
    let mut first_prototype_is_null = true;
    let mut steps = 0;
    while let Some(current) = cursor {
        if let Some(OwnLocation::Slot(entry)) =
            vm.find_own_property(current, PropertyKey::Atom(atoms::CONSTRUCTOR))
            && !entry.attributes.is_accessor()
            && let Value::Object(constructor) = vm.object(current).slots[entry.slot as usize]
            && vm.object(constructor).is_callable()
        {
            let name = function_name(vm, constructor);
            if !name.is_empty() && is_instance_without_side_effects(vm, object, constructor) {
                return Some(name);
            }
        }
        cursor = vm.object(current).prototype;
        if steps == 0 {
            first_prototype_is_null = cursor.is_none();
        }
        steps += 1;
        if steps > 10_000 {
            break;
        }
    }
    if first_prototype_is_null {
        return None;
    }
    // An object whose chain has no named constructor but a non-null prototype: node prints
    // `Object <[Object: null prototype] {}>`-style names.
    Some("Object <[Object: null prototype] {}>".to_string())
}

/// OrdinaryHasInstance without running user code (reads `prototype` as a data property).
fn is_instance_without_side_effects(vm: &Vm, object: ObjectRef, constructor: ObjectRef) -> bool {
    let target = match &vm.object(constructor).kind {
        ObjectKind::BoundFunction(bound) => bound.target,
        _ => constructor,
    };
    let Some(Value::Object(prototype)) =
        vm.get_data_property_no_side_effects(target, PropertyKey::Atom(atoms::PROTOTYPE))
    else {
        return false;
    };
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

fn property_key_for_inspect(vm: &Vm, key: PropertyKey) -> InspectPropertyKey {
    match key {
        PropertyKey::Atom(atom) => {
            InspectPropertyKey::String(super::units_of(vm, vm.atom_string(atom)))
        }
        PropertyKey::Index(index) => {
            InspectPropertyKey::String(index.to_string().encode_utf16().collect())
        }
        PropertyKey::Symbol(symbol) => InspectPropertyKey::Symbol(
            symbol_descriptive_string(vm, symbol)
                .encode_utf16()
                .collect(),
        ),
    }
}

/// Own enumerable keys in node's order: strings (indices first) then enumerable symbols;
/// with `show_hidden`, every own key.
fn enumerable_own_keys(
    vm: &mut Vm,
    object: ObjectRef,
    show_hidden: bool,
) -> JsResult<Vec<PropertyKey>> {
    let keys = vm.own_property_keys(object)?;
    if show_hidden {
        return Ok(keys);
    }
    let mut result = Vec::with_capacity(keys.len());
    for key in keys {
        let enumerable = match vm.find_own_property(object, key) {
            Some(
                OwnLocation::Element(_)
                | OwnLocation::StringIndex(_)
                | OwnLocation::TypedElement(_),
            ) => true,
            Some(OwnLocation::Slot(entry)) => entry.attributes.enumerable(),
            Some(OwnLocation::MappedArgument(index)) => vm
                .mapped_parameter(object, index)
                .is_some_and(|entry| entry.enumerable),
            _ => false,
        };
        if enumerable {
            result.push(key);
        }
    }
    Ok(result)
}

fn property_content(
    vm: &mut Vm,
    object: ObjectRef,
    key: PropertyKey,
    collect: bool,
    options: &InspectOptions,
    level: usize,
    ancestors: &mut Vec<ObjectRef>,
) -> JsResult<(bool, PropertyContent)> {
    let descriptor = vm.get_own_property(object, key)?;
    let Some(descriptor) = descriptor else {
        // Inherited (error `cause`): node reads it with [[Get]] and treats it as enumerable.
        if !collect {
            return Ok((true, PropertyContent::NotCollected));
        }
        let value = vm.get(object, key)?;
        return Ok((
            true,
            PropertyContent::Value(snapshot(vm, value, options, level + 1, ancestors)?),
        ));
    };
    let enumerable = descriptor.enumerable.unwrap_or(true);
    if !collect {
        return Ok((enumerable, PropertyContent::NotCollected));
    }
    if descriptor.is_accessor() {
        let has_getter = descriptor.get.is_some_and(|get| !get.is_undefined());
        let has_setter = descriptor.set.is_some_and(|set| !set.is_undefined());
        let content = match (has_getter, has_setter) {
            (true, true) => PropertyContent::GetterSetter,
            (true, false) => PropertyContent::Getter,
            (false, true) => PropertyContent::Setter,
            (false, false) => PropertyContent::Value(InspectValue::Undefined),
        };
        return Ok((enumerable, content));
    }
    let value = descriptor.value.unwrap_or(Value::Undefined);
    Ok((
        enumerable,
        PropertyContent::Value(snapshot(vm, value, options, level + 1, ancestors)?),
    ))
}

/// Takes the snapshot of `value` at nesting `level` (node's `recurseTimes`).
pub fn snapshot(
    vm: &mut Vm,
    value: Value,
    options: &InspectOptions,
    level: usize,
    ancestors: &mut Vec<ObjectRef>,
) -> JsResult<InspectValue> {
    let Value::Object(object) = value else {
        return Ok(primitive_snapshot(vm, value));
    };
    if ancestors.contains(&object) {
        return Ok(InspectValue::Circular(object.0 as u64));
    }
    if !vm.native_stack_has_room() {
        return vm.throw_range_error("Maximum call stack size exceeded");
    }
    vm.root(value);
    let collect = options.depth.is_none_or(|depth| level <= depth);
    let constructor = constructor_name(vm, object);
    let tag_symbol = vm.intrinsics.symbols.to_string_tag;
    let tag_value = vm.get(object, PropertyKey::Symbol(tag_symbol))?;
    let mut tag = String::new();
    if let Value::String(tag_string) = tag_value {
        let own_enumerable = matches!(
            vm.find_own_property(object, PropertyKey::Symbol(tag_symbol)),
            Some(OwnLocation::Slot(entry)) if entry.attributes.enumerable()
        );
        if !own_enumerable {
            tag = vm.string_to_rust(tag_string);
        }
    }

    let mut keys = enumerable_own_keys(vm, object, options.show_hidden)?;
    ancestors.push(object);
    let kind_result = snapshot_kind(vm, object, &mut keys, collect, options, level, ancestors);
    let kind = match kind_result {
        Ok(kind) => kind,
        Err(error) => {
            ancestors.pop();
            return Err(error);
        }
    };
    let mut properties = Vec::with_capacity(keys.len());
    for key in keys {
        let result = property_content(vm, object, key, collect, options, level, ancestors);
        let (enumerable, content) = match result {
            Ok(pair) => pair,
            Err(error) => {
                ancestors.pop();
                return Err(error);
            }
        };
        properties.push(InspectProperty {
            key: property_key_for_inspect(vm, key),
            enumerable,
            content,
        });
    }
    ancestors.pop();
    Ok(InspectValue::Object(Box::new(InspectObject {
        identity: object.0 as u64,
        constructor_name: constructor,
        to_string_tag: tag,
        kind,
        properties,
    })))
}

fn snapshot_kind(
    vm: &mut Vm,
    object: ObjectRef,
    keys: &mut Vec<PropertyKey>,
    collect: bool,
    options: &InspectOptions,
    level: usize,
    ancestors: &mut Vec<ObjectRef>,
) -> JsResult<InspectObjectKind> {
    enum Plan {
        Array(u32),
        Function,
        Error,
        RegExp,
        Date(f64),
        Map,
        Set,
        CollectionIterator(&'static str, CollectionIteratorData),
        Promise(PromiseState, Value),
        Boxed(&'static str, Value),
        Arguments,
        TypedArray(usize),
        ArrayBuffer(&'static str),
        DataView,
        Ordinary,
    }
    if super::collections::is_weak_map(vm, object) {
        return Ok(InspectObjectKind::WeakMap);
    }
    if super::collections::is_weak_set(vm, object) {
        return Ok(InspectObjectKind::WeakSet);
    }
    let plan = match &vm.object(object).kind {
        ObjectKind::Array(array) => Plan::Array(array.length),
        ObjectKind::Closure(_) | ObjectKind::NativeFunction(_) | ObjectKind::BoundFunction(_) => {
            Plan::Function
        }
        ObjectKind::Error => Plan::Error,
        ObjectKind::RegExp(_) => Plan::RegExp,
        ObjectKind::Date(time) => Plan::Date(*time),
        ObjectKind::Map(_) => Plan::Map,
        ObjectKind::Set(_) => Plan::Set,
        ObjectKind::MapIterator(iterator) => Plan::CollectionIterator("Map", *iterator),
        ObjectKind::SetIterator(iterator) => Plan::CollectionIterator("Set", *iterator),
        ObjectKind::Promise(promise) => Plan::Promise(promise.state, promise.result),
        ObjectKind::NumberWrapper(number) => Plan::Boxed("Number", Value::Number(*number)),
        ObjectKind::StringWrapper(string) => Plan::Boxed("String", Value::String(*string)),
        ObjectKind::BooleanWrapper(boolean) => Plan::Boxed("Boolean", Value::Boolean(*boolean)),
        ObjectKind::SymbolWrapper(symbol) => Plan::Boxed("Symbol", Value::Symbol(*symbol)),
        ObjectKind::BigIntWrapper(bigint) => Plan::Boxed("BigInt", Value::BigInt(*bigint)),
        ObjectKind::Arguments | ObjectKind::MappedArguments(_) => Plan::Arguments,
        ObjectKind::TypedArray(view) => Plan::TypedArray(vm.typed_array_length(view).unwrap_or(0)),
        ObjectKind::ArrayBuffer(buffer) => Plan::ArrayBuffer(if buffer.shared {
            "SharedArrayBuffer"
        } else {
            "ArrayBuffer"
        }),
        ObjectKind::DataView(_) => Plan::DataView,
        _ => Plan::Ordinary,
    };
    Ok(match plan {
        Plan::ArrayBuffer(type_name) => {
            // Node lists `byteLength` (an inherited getter) before the own properties.
            let byte_length_key = vm.property_key_from_str("byteLength");
            keys.insert(0, byte_length_key);
            let (contents, byte_length) = match &vm.object(object).kind {
                ObjectKind::ArrayBuffer(buffer) if !buffer.detached => (
                    Some(
                        buffer
                            .bytes
                            .iter()
                            .take(options.max_array_length)
                            .copied()
                            .collect(),
                    ),
                    buffer.bytes.len(),
                ),
                _ => (None, 0),
            };
            InspectObjectKind::ArrayBuffer {
                type_name,
                contents,
                byte_length,
            }
        }
        Plan::DataView => {
            // `byteLength`, `byteOffset` and `buffer` (inherited getters) come first.
            for (index, name) in ["byteLength", "byteOffset", "buffer"]
                .into_iter()
                .enumerate()
            {
                let key = vm.property_key_from_str(name);
                keys.insert(index, key);
            }
            InspectObjectKind::Ordinary
        }
        Plan::TypedArray(length) => {
            // Printed like an array (`Uint8Array(2) [ 1, 2 ]`): every element is a number or
            // BigInt, so every position counts as numeric for column padding.
            keys.retain(|key| !matches!(key, PropertyKey::Index(_)));
            let shown = length.min(options.max_array_length);
            let mut elements = Vec::with_capacity(shown);
            for index in 0..shown {
                if collect {
                    let (_, content) = property_content(
                        vm,
                        object,
                        PropertyKey::Index(index as u32),
                        true,
                        options,
                        level,
                        ancestors,
                    )?;
                    elements.push((index as u64, content));
                } else {
                    elements.push((index as u64, PropertyContent::NotCollected));
                }
            }
            InspectObjectKind::Array {
                length: length as u64,
                elements,
                leading_numeric_count: length as u64,
            }
        }
        Plan::Array(length) => {
            keys.retain(|key| !matches!(key, PropertyKey::Index(_)));
            let mut elements = Vec::new();
            let mut leading_numeric_count = 0u64;
            let limit = options.max_array_length;
            let element_values: Vec<(u32, Value)> = {
                let data = vm.object(object);
                data.elements
                    .iter()
                    .enumerate()
                    .filter(|(_, value)| !value.is_hole())
                    .take(limit + 1)
                    .map(|(index, value)| (index as u32, *value))
                    .collect()
            };
            let dense_length = vm.object(object).elements.len() as u32;
            let has_shape_indices = vm
                .heap
                .shapes
                .get(vm.object(object).shape)
                .index_key_count()
                != 0;
            let mut present: Vec<u32> = element_values.iter().map(|(index, _)| *index).collect();
            if has_shape_indices {
                let all_keys = vm.own_property_keys(object)?;
                present = all_keys
                    .iter()
                    .filter_map(|key| key.as_index())
                    .take(limit + 1)
                    .collect();
            }
            for index in present.iter().copied().take(limit) {
                if collect {
                    let (_, content) = property_content(
                        vm,
                        object,
                        PropertyKey::Index(index),
                        true,
                        options,
                        level,
                        ancestors,
                    )?;
                    elements.push((index as u64, content));
                } else {
                    elements.push((index as u64, PropertyContent::NotCollected));
                }
            }
            let numeric_limit = (limit + keys.len() + 2) as u32;
            while leading_numeric_count < numeric_limit as u64
                && (leading_numeric_count as u32) < dense_length.max(length.min(numeric_limit))
            {
                let element = vm
                    .object(object)
                    .elements
                    .get(leading_numeric_count as usize)
                    .copied();
                match element {
                    Some(Value::Number(_) | Value::BigInt(_)) => leading_numeric_count += 1,
                    _ => break,
                }
            }
            InspectObjectKind::Array {
                length: length as u64,
                elements,
                leading_numeric_count,
            }
        }
        Plan::Function => {
            let (is_class, is_async, is_generator) = super::function::function_flavour(vm, object);
            let name = if is_class {
                match vm.find_own_property(object, PropertyKey::Atom(atoms::NAME)) {
                    Some(OwnLocation::Slot(entry)) if !entry.attributes.is_accessor() => {
                        match vm.object(object).slots[entry.slot as usize] {
                            Value::String(name) => vm.string_to_rust(name),
                            _ => String::new(),
                        }
                    }
                    _ => String::new(),
                }
            } else {
                let name = vm.get(object, PropertyKey::Atom(atoms::NAME))?;
                display_string(vm, name)
            };
            let super_class_name = vm
                .object(object)
                .prototype
                .map(|prototype| function_name(vm, prototype))
                .filter(|name| !name.is_empty());
            InspectObjectKind::Function(FunctionDetails {
                is_class,
                is_async,
                is_generator,
                name,
                super_class_name,
            })
        }
        Plan::Error => {
            let name_value = vm.get(object, PropertyKey::Atom(atoms::NAME))?;
            let message_value = vm.get(object, PropertyKey::Atom(atoms::MESSAGE))?;
            let stack_value = vm.get(object, PropertyKey::Atom(atoms::STACK))?;
            let name = if name_value.is_nullish() {
                "Error".to_string()
            } else {
                display_string(vm, name_value)
            };
            let stack = if vm.to_boolean(stack_value) {
                display_string(vm, stack_value)
            } else {
                super::error::error_to_string_text(vm, object)?
            };
            let message = match message_value {
                Value::String(text) if !vm.string(text).is_empty() => Some(vm.string_to_rust(text)),
                _ => None,
            };
            let name_text = display_string(vm, name_value);
            let message_text = display_string(vm, message_value);
            let stack_text = display_string(vm, stack_value);
            if vm.has_property(object, PropertyKey::Atom(atoms::CAUSE))?
                && !keys.contains(&PropertyKey::Atom(atoms::CAUSE))
            {
                keys.push(PropertyKey::Atom(atoms::CAUSE));
            }
            let errors = vm.get(object, PropertyKey::Atom(atoms::ERRORS))?;
            if vm.is_array(errors) && !keys.contains(&PropertyKey::Atom(atoms::ERRORS)) {
                keys.push(PropertyKey::Atom(atoms::ERRORS));
            }
            InspectObjectKind::Error(ErrorDetails {
                name,
                stack,
                message,
                name_text,
                message_text,
                stack_text,
            })
        }
        Plan::RegExp => InspectObjectKind::RegExp {
            text: super::regexp::regexp_display_text(vm, object),
        },
        Plan::Date(time) => InspectObjectKind::Date {
            text: if time.is_nan() {
                "Invalid Date".to_string()
            } else {
                super::date::to_iso_string(time)
            },
        },
        Plan::Map | Plan::Set => {
            let entries_list: Vec<(Value, Value)> = match &vm.object(object).kind {
                ObjectKind::Map(map) | ObjectKind::Set(map) => (0..map.entry_list_len())
                    .filter_map(|position| map.entry_at(position))
                    .take(options.max_array_length)
                    .collect(),
                _ => Vec::new(),
            };
            let size = match &vm.object(object).kind {
                ObjectKind::Map(map) | ObjectKind::Set(map) => map.len(),
                _ => 0,
            };
            for (key, value) in &entries_list {
                vm.root(*key);
                vm.root(*value);
            }
            if matches!(plan, Plan::Map) {
                let mut entries = Vec::new();
                if collect {
                    for (key, value) in entries_list {
                        let key_snapshot = snapshot(vm, key, options, level + 1, ancestors)?;
                        let value_snapshot = snapshot(vm, value, options, level + 1, ancestors)?;
                        entries.push((key_snapshot, value_snapshot));
                    }
                }
                InspectObjectKind::Map { size, entries }
            } else {
                let mut entries = Vec::new();
                if collect {
                    for (key, _) in entries_list {
                        entries.push(snapshot(vm, key, options, level + 1, ancestors)?);
                    }
                }
                InspectObjectKind::Set { size, entries }
            }
        }
        Plan::CollectionIterator(type_name, iterator) => {
            // A preview of what the iterator has not produced yet; reading it does not
            // advance the iterator.
            let key_value = iterator.kind == IterationKind::Entries;
            let pending: Vec<(Value, Value)> = match iterator.iterated() {
                Some(iterated) => match &vm.object(iterated).kind {
                    ObjectKind::Map(map) | ObjectKind::Set(map) => (iterator.position as usize
                        ..map.entry_list_len())
                        .filter_map(|position| map.entry_at(position))
                        .collect(),
                    _ => Vec::new(),
                },
                None => Vec::new(),
            };
            let remaining = pending.len();
            let mut entries = Vec::new();
            if collect {
                let values: Vec<Value> = pending
                    .into_iter()
                    .take(options.max_array_length)
                    .flat_map(|(key, value)| {
                        // A Set stores each value as the key; `entries()` yields it twice.
                        let value = if type_name == "Set" { key } else { value };
                        match iterator.kind {
                            IterationKind::Keys => vec![key],
                            IterationKind::Values if type_name == "Set" => vec![key],
                            IterationKind::Values => vec![value],
                            IterationKind::Entries => vec![key, value],
                        }
                    })
                    .collect();
                for value in &values {
                    vm.root(*value);
                }
                for value in values {
                    entries.push(snapshot(vm, value, options, level + 1, ancestors)?);
                }
            }
            InspectObjectKind::CollectionIterator {
                type_name,
                key_value,
                entries,
                remaining,
            }
        }
        Plan::Promise(state, result) => InspectObjectKind::Promise(match state {
            PromiseState::Pending => PromiseSnapshot::Pending,
            PromiseState::Fulfilled if collect => {
                PromiseSnapshot::Fulfilled(snapshot(vm, result, options, level + 1, ancestors)?)
            }
            PromiseState::Rejected if collect => {
                PromiseSnapshot::Rejected(snapshot(vm, result, options, level + 1, ancestors)?)
            }
            PromiseState::Fulfilled => PromiseSnapshot::Fulfilled(InspectValue::Undefined),
            PromiseState::Rejected => PromiseSnapshot::Rejected(InspectValue::Undefined),
        }),
        Plan::Boxed(type_name, primitive) => {
            if let Value::String(_) = primitive {
                keys.retain(|key| !matches!(key, PropertyKey::Index(_)));
            }
            InspectObjectKind::Boxed {
                type_name,
                primitive: primitive_snapshot(vm, primitive),
            }
        }
        Plan::Arguments => InspectObjectKind::Arguments,
        Plan::Ordinary => InspectObjectKind::Ordinary,
    })
}
