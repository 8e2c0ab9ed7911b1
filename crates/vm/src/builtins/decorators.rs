//! Class decorators and auto-accessors (the TC39 decorators proposal as TypeScript 5 implements
//! it when `experimentalDecorators` is off).
//!
//! The compiler evaluates every decorator expression in source order (interleaved with computed
//! keys), defines the class elements, and then calls the operations of this module through four
//! instructions (`NewDecorationRecord`, `DecorateElement`, `DecorateClass`, `RunInitializers`)
//! plus `DefineAutoAccessor` for `accessor` fields. The observable order is the one TypeScript's
//! `__esDecorate`/`__runInitializers` helpers produce under Node, which is what programs are
//! compared against:
//!
//! 1. element decorators are applied (each element's list from the last decorator to the first)
//!    in four passes: static methods and accessors, instance methods and accessors, static
//!    fields, instance fields; then the class decorators;
//! 2. each decorator receives a fresh context object `{ kind, name, static, private, access,
//!    metadata, addInitializer }` (`{ kind, name, metadata, addInitializer }` for the class);
//!    `metadata` is `undefined`, as in engines without `Symbol.metadata` (Node 20);
//! 3. extra initializers registered with `addInitializer` run: for instance methods at the start
//!    of every instance's field initialization, for static methods at the start of the static
//!    initialization, for a field right after that field is defined, for the class after the
//!    whole class is initialized. The receiver of static and class initializers is the
//!    decorated class (the value the class binding ends up holding).
//!
//! The per-class state lives in a *decoration record*, an internal array that only compiled code
//! holds (a captured class-scope binding):
//! `[instance extra initializers, static extra initializers, class extra initializers,
//! decorated class, (initializers of field j, extra initializers of field j)...]`.
//!
//! Not supported yet (the compiler reports them as errors): decorators on private elements and
//! `accessor` fields with private names.

use crate::atom::PropertyKey;
use crate::function::Args;
use crate::object::PropertyDescriptor;
use crate::realm::Vm;
use crate::value::{JsResult, ObjectRef, Value};

use tseval_compiler::opcodes::decoration::{
    CLASS_EXTRA_INITIALIZERS, ELEMENT_ACCESSOR, ELEMENT_FIELD, ELEMENT_FIELD_INDEX_SHIFT,
    ELEMENT_GETTER, ELEMENT_METHOD, ELEMENT_SETTER, ELEMENT_STATIC, FIRST_FIELD_LIST,
    INSTANCE_EXTRA_INITIALIZERS, RUN_ON_DECORATED_CLASS, RUN_WITH_VALUE, STATIC_EXTRA_INITIALIZERS,
};

/// Record index of the decorated class, as a property index.
const DECORATED_CLASS: u32 = tseval_compiler::opcodes::decoration::DECORATED_CLASS as u32;

/// Runs `operation` inside a handle scope: the values it roots are released when it returns.
fn in_handle_scope<T>(vm: &mut Vm, operation: impl FnOnce(&mut Vm) -> JsResult<T>) -> JsResult<T> {
    let scope = vm.open_handle_scope();
    let result = operation(vm);
    vm.close_handle_scope(scope);
    result
}

/// `NewDecorationRecord`: a record with `field_count` per-field list pairs.
pub fn new_decoration_record(vm: &mut Vm, field_count: u16) -> Value {
    let scope = vm.open_handle_scope();
    let list_count = FIRST_FIELD_LIST as usize + 2 * field_count as usize;
    let mut elements = Vec::with_capacity(list_count);
    for index in 0..list_count {
        if index == DECORATED_CLASS as usize {
            elements.push(Value::Undefined);
            continue;
        }
        let list = Value::Object(vm.new_array(Vec::new()));
        vm.root(list);
        elements.push(list);
    }
    let record = Value::Object(vm.new_array(elements));
    vm.close_handle_scope(scope);
    record
}

fn record_entry(vm: &mut Vm, record: Value, index: u32) -> JsResult<Value> {
    let Value::Object(record) = record else {
        return vm.throw_type_error("internal error: decoration record");
    };
    Ok(super::internal_record_get(vm, record, index as usize))
}

fn list_values(vm: &mut Vm, list: Value) -> JsResult<Vec<Value>> {
    let Value::Object(list) = list else {
        return Ok(Vec::new());
    };
    let length = match vm.get(list, PropertyKey::Atom(crate::atom::atoms::LENGTH))? {
        Value::Number(length) => length as u32,
        _ => 0,
    };
    let mut values = Vec::with_capacity(length as usize);
    for index in 0..length {
        values.push(vm.get(list, PropertyKey::Index(index))?);
    }
    Ok(values)
}

/// TypeScript's `accept`: `undefined` or a function, else TypeError "Function expected".
fn accept_function(vm: &mut Vm, value: Value) -> JsResult<Option<Value>> {
    if value.is_undefined() {
        return Ok(None);
    }
    if !vm.is_callable(value) {
        return vm.throw_type_error("Function expected");
    }
    Ok(Some(value))
}

fn context_name_value(vm: &mut Vm, key: Value) -> JsResult<Value> {
    match key {
        Value::String(_) | Value::Symbol(_) => Ok(key),
        other => {
            let key = vm.to_property_key(other)?;
            Ok(vm.property_key_to_value(key))
        }
    }
}

fn define_data(vm: &mut Vm, object: ObjectRef, name: &str, value: Value) -> JsResult<()> {
    let key = vm.property_key_from_str(name);
    vm.create_data_property_or_throw(object, key, value)
}

/// The `access` object of a member's context: `has`, then `get` and/or `set`, each a function
/// of the object (`obj => key in obj`, `obj => obj[key]`, `(obj, value) => { obj[key] = value }`).
fn new_access_object(vm: &mut Vm, kind: u16, key: Value) -> JsResult<ObjectRef> {
    let access = vm.new_object();
    vm.root(Value::Object(access));
    let has = new_data_function(vm, "has", 1, access_has, key);
    define_data(vm, access, "has", has)?;
    if kind != ELEMENT_SETTER {
        let get = new_data_function(vm, "get", 1, access_get, key);
        define_data(vm, access, "get", get)?;
    }
    if matches!(kind, ELEMENT_SETTER | ELEMENT_FIELD | ELEMENT_ACCESSOR) {
        let set = new_data_function(vm, "set", 2, access_set, key);
        define_data(vm, access, "set", set)?;
    }
    Ok(access)
}

fn new_data_function(
    vm: &mut Vm,
    name: &str,
    length: u32,
    function: crate::function::NativeFunction,
    data: Value,
) -> Value {
    let name = Value::String(vm.new_string(name));
    let function = vm.new_native_function_with_data(name, length, function, false, data);
    vm.root(Value::Object(function));
    Value::Object(function)
}

fn access_has(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let key = vm.native_function_data(args.callee());
    let object = args.get(vm, 0);
    let Some(object) = object.as_object() else {
        return vm.throw_type_error("Cannot use 'in' operator to search for a key in a primitive");
    };
    let key = vm.to_property_key(key)?;
    Ok(Value::Boolean(vm.has_property(object, key)?))
}

fn access_get(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let key = vm.native_function_data(args.callee());
    let object = args.get(vm, 0);
    let key = vm.to_property_key(key)?;
    vm.get_value(object, key)
}

fn access_set(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let key = vm.native_function_data(args.callee());
    let (object, value) = (args.get(vm, 0), args.get(vm, 1));
    let key = vm.to_property_key(key)?;
    let target = vm.to_object(object)?;
    if !vm.set(target, key, value, object)? {
        let text = vm.property_key_to_rust(key);
        return vm.throw_type_error(&format!(
            "Cannot assign to read only property '{text}' of object"
        ));
    }
    Ok(Value::Undefined)
}

/// The `addInitializer` function of one decoration: its data is `[list, done]`.
fn add_initializer(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let state = vm.native_function_data(args.callee());
    let Value::Object(state) = state else {
        return Ok(Value::Undefined);
    };
    if matches!(vm.get(state, PropertyKey::Index(1))?, Value::Boolean(true)) {
        return vm.throw_type_error("Cannot add initializers after decoration has completed");
    }
    let initializer = args.get(vm, 0);
    // TypeScript's helper passes `f || null` to `accept`, so a missing or falsy argument is
    // rejected like any other non-function.
    if !vm.is_callable(initializer) {
        return vm.throw_type_error("Function expected");
    }
    let Value::Object(list) = vm.get(state, PropertyKey::Index(0))? else {
        return Ok(Value::Undefined);
    };
    vm.array_push(list, initializer)?;
    Ok(Value::Undefined)
}

/// Builds one decorator's context object.
#[allow(clippy::too_many_arguments)]
fn new_context(
    vm: &mut Vm,
    kind_name: &str,
    name: Value,
    member: Option<(u16, bool, Value)>,
    state: Value,
) -> JsResult<Value> {
    let context = vm.new_object();
    vm.root(Value::Object(context));
    let kind_value = Value::String(vm.new_string(kind_name));
    define_data(vm, context, "kind", kind_value)?;
    define_data(vm, context, "name", name)?;
    if let Some((kind, is_static, key)) = member {
        define_data(vm, context, "static", Value::Boolean(is_static))?;
        define_data(vm, context, "private", Value::Boolean(false))?;
        let access = new_access_object(vm, kind, key)?;
        define_data(vm, context, "access", Value::Object(access))?;
    }
    define_data(vm, context, "metadata", Value::Undefined)?;
    let empty = Value::String(vm.new_string(""));
    let add = vm.new_native_function_with_data(empty, 1, add_initializer, false, state);
    vm.root(Value::Object(add));
    define_data(vm, context, "addInitializer", Value::Object(add))?;
    Ok(Value::Object(context))
}

/// `DecorateElement`: applies the decorators of one (non-private) class element, as
/// TypeScript's `__esDecorate` does, and redefines the property on `home` (the prototype or the
/// class) with the decorated method or accessor functions. Fields register the initializer
/// functions their decorators return.
pub fn decorate_element(
    vm: &mut Vm,
    record: Value,
    home: Value,
    key: Value,
    decorators: Value,
    element: u16,
) -> JsResult<()> {
    in_handle_scope(vm, |vm| {
        decorate_element_inner(vm, record, home, key, decorators, element)
    })
}

fn decorate_element_inner(
    vm: &mut Vm,
    record: Value,
    home: Value,
    key: Value,
    decorators: Value,
    element: u16,
) -> JsResult<()> {
    let kind = element & 7;
    let is_static = element & ELEMENT_STATIC != 0;
    let field_index = u32::from(element >> ELEMENT_FIELD_INDEX_SHIFT);
    let kind_name = match kind {
        ELEMENT_METHOD => "method",
        ELEMENT_GETTER => "getter",
        ELEMENT_SETTER => "setter",
        ELEMENT_FIELD => "field",
        _ => "accessor",
    };
    let name = context_name_value(vm, key)?;
    vm.root(name);
    let property_key = vm.to_property_key(name)?;
    let (initializers, extra_initializers) = if matches!(kind, ELEMENT_FIELD | ELEMENT_ACCESSOR) {
        let first = u32::from(FIRST_FIELD_LIST) + 2 * field_index;
        (
            Some(record_entry(vm, record, first)?),
            record_entry(vm, record, first + 1)?,
        )
    } else {
        let list = if is_static {
            STATIC_EXTRA_INITIALIZERS
        } else {
            INSTANCE_EXTRA_INITIALIZERS
        };
        (None, record_entry(vm, record, u32::from(list))?)
    };
    let state = Value::Object(vm.new_array(vec![extra_initializers, Value::Boolean(false)]));
    vm.root(state);
    let home_object = home.as_object();
    let mut descriptor = match (kind, home_object) {
        (ELEMENT_FIELD, _) | (_, None) => PropertyDescriptor::default(),
        (_, Some(home)) => vm.get_own_property(home, property_key)?.unwrap_or_default(),
    };
    for decorator in list_values(vm, decorators)?.into_iter().rev() {
        let context = new_context(vm, kind_name, name, Some((kind, is_static, name)), state)?;
        let argument = match kind {
            ELEMENT_ACCESSOR => {
                let pair = vm.new_object();
                vm.root(Value::Object(pair));
                let getter = descriptor.get.unwrap_or(Value::Undefined);
                let setter = descriptor.set.unwrap_or(Value::Undefined);
                define_data(vm, pair, "get", getter)?;
                define_data(vm, pair, "set", setter)?;
                Value::Object(pair)
            }
            ELEMENT_GETTER => descriptor.get.unwrap_or(Value::Undefined),
            ELEMENT_SETTER => descriptor.set.unwrap_or(Value::Undefined),
            ELEMENT_FIELD => Value::Undefined,
            _ => descriptor.value.unwrap_or(Value::Undefined),
        };
        let result = vm.call(decorator, Value::Undefined, &[argument, context])?;
        vm.root(result);
        if kind == ELEMENT_ACCESSOR {
            if result.is_undefined() {
                continue;
            }
            let Some(result) = result.as_object() else {
                return vm.throw_type_error("Object expected");
            };
            let get_key = vm.property_key_from_str("get");
            let getter = vm.get(result, get_key)?;
            if let Some(getter) = accept_function(vm, getter)? {
                descriptor.get = Some(getter);
            }
            let set_key = vm.property_key_from_str("set");
            let setter = vm.get(result, set_key)?;
            if let Some(setter) = accept_function(vm, setter)? {
                descriptor.set = Some(setter);
            }
            let init_key = vm.property_key_from_str("init");
            let init = vm.get(result, init_key)?;
            if let Some(init) = accept_function(vm, init)? {
                unshift(vm, initializers, init)?;
            }
        } else if let Some(replacement) = accept_function(vm, result)? {
            match kind {
                ELEMENT_FIELD => unshift(vm, initializers, replacement)?,
                ELEMENT_GETTER => descriptor.get = Some(replacement),
                ELEMENT_SETTER => descriptor.set = Some(replacement),
                _ => descriptor.value = Some(replacement),
            }
        }
    }
    if kind != ELEMENT_FIELD
        && let Some(home) = home_object
    {
        vm.define_property_or_throw(home, property_key, descriptor)?;
    }
    if let Value::Object(state) = state {
        vm.create_data_property_or_throw(state, PropertyKey::Index(1), Value::Boolean(true))?;
    }
    Ok(())
}

/// Puts `value` first in the initializer list `list` (decorators are applied from the last to
/// the first, so the lists end up in source order).
fn unshift(vm: &mut Vm, list: Option<Value>, value: Value) -> JsResult<()> {
    let Some(Value::Object(list)) = list else {
        return Ok(());
    };
    let mut values = list_values(vm, Value::Object(list))?;
    values.insert(0, value);
    for (index, value) in values.into_iter().enumerate() {
        vm.create_data_property_or_throw(list, PropertyKey::Index(index as u32), value)?;
    }
    Ok(())
}

/// `DecorateClass`: applies the class decorators (from the last to the first); each may return
/// a replacement class. Records and returns the decorated class.
pub fn decorate_class(
    vm: &mut Vm,
    record: Value,
    class: Value,
    decorators: Value,
) -> JsResult<Value> {
    in_handle_scope(vm, |vm| decorate_class_inner(vm, record, class, decorators))
}

fn decorate_class_inner(
    vm: &mut Vm,
    record: Value,
    class: Value,
    decorators: Value,
) -> JsResult<Value> {
    let decorators = list_values(vm, decorators)?;
    let mut current = class;
    if !decorators.is_empty() {
        let extra = record_entry(vm, record, u32::from(CLASS_EXTRA_INITIALIZERS))?;
        let state = Value::Object(vm.new_array(vec![extra, Value::Boolean(false)]));
        vm.root(state);
        // TypeScript reads the name once, before the first decorator runs.
        let name = match class.as_object() {
            Some(class) => {
                let name_key = vm.property_key_from_str("name");
                vm.get(class, name_key)?
            }
            None => Value::Undefined,
        };
        vm.root(name);
        for decorator in decorators.into_iter().rev() {
            let context = new_context(vm, "class", name, None, state)?;
            let result = vm.call(decorator, Value::Undefined, &[current, context])?;
            if let Some(replacement) = accept_function(vm, result)? {
                current = replacement;
                vm.root(current);
            }
        }
        if let Value::Object(state) = state {
            vm.create_data_property_or_throw(state, PropertyKey::Index(1), Value::Boolean(true))?;
        }
    }
    if let Value::Object(record) = record {
        super::internal_record_set(vm, record, DECORATED_CLASS as usize, current);
    }
    Ok(current)
}

/// `RunInitializers`: calls every function of list `list` of the record with `this` (or the
/// decorated class, with [`RUN_ON_DECORATED_CLASS`]); with [`RUN_WITH_VALUE`] each receives the
/// previous result, starting from `value`, and the last result is returned.
pub fn run_initializers(
    vm: &mut Vm,
    record: Value,
    list: u16,
    this: Value,
    value: Value,
) -> JsResult<Value> {
    in_handle_scope(vm, |vm| {
        run_initializers_inner(vm, record, list, this, value)
    })
}

fn run_initializers_inner(
    vm: &mut Vm,
    record: Value,
    list: u16,
    mut this: Value,
    mut value: Value,
) -> JsResult<Value> {
    let index = u32::from(list & !(RUN_WITH_VALUE | RUN_ON_DECORATED_CLASS));
    if list & RUN_ON_DECORATED_CLASS != 0 {
        this = record_entry(vm, record, DECORATED_CLASS)?;
        vm.root(this);
    }
    let initializers = record_entry(vm, record, index)?;
    let with_value = list & RUN_WITH_VALUE != 0;
    for initializer in list_values(vm, initializers)? {
        vm.root(initializer);
        if with_value {
            value = vm.call(initializer, this, &[value])?;
            vm.root(value);
        } else {
            vm.call(initializer, this, &[])?;
        }
    }
    Ok(if with_value { value } else { Value::Undefined })
}

/// `DefineAutoAccessor`: defines the getter/setter pair of `accessor key = value` on `home`
/// (non-enumerable, configurable, as class accessors are); both reach the storage private name
/// `storage` of the receiver.
pub fn define_auto_accessor(vm: &mut Vm, home: Value, key: Value, storage: Value) -> JsResult<()> {
    let Some(home) = home.as_object() else {
        return Ok(());
    };
    in_handle_scope(vm, |vm| {
        let key = vm.to_property_key(key)?;
        let base_name = match key {
            PropertyKey::Symbol(symbol) => {
                let description = vm.symbol(symbol).description;
                match description {
                    Some(text) => format!("[{}]", vm.string_to_rust(text)),
                    None => String::new(),
                }
            }
            other => vm.property_key_to_rust(other),
        };
        let getter_name = Value::String(vm.new_string(&format!("get {base_name}")));
        let getter =
            vm.new_native_function_with_data(getter_name, 0, auto_accessor_get, false, storage);
        vm.root(Value::Object(getter));
        let setter_name = Value::String(vm.new_string(&format!("set {base_name}")));
        let setter =
            vm.new_native_function_with_data(setter_name, 1, auto_accessor_set, false, storage);
        vm.root(Value::Object(setter));
        let descriptor = PropertyDescriptor {
            get: Some(Value::Object(getter)),
            set: Some(Value::Object(setter)),
            enumerable: Some(false),
            configurable: Some(true),
            ..PropertyDescriptor::default()
        };
        vm.define_property_or_throw(home, key, descriptor)
    })
}

fn auto_accessor_get(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let storage = vm.native_function_data(args.callee());
    crate::interpreter::objects::get_private(vm, this, storage)
}

fn auto_accessor_set(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let storage = vm.native_function_data(args.callee());
    let value = args.get(vm, 0);
    crate::interpreter::objects::set_private(vm, this, storage, value)?;
    Ok(Value::Undefined)
}
