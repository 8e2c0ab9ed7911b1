//! `Object` (constructor and static functions) and `Object.prototype`.
//!
//! Property descriptors are converted both ways here (`ToPropertyDescriptor` and
//! `FromPropertyDescriptor`); `Object.prototype.toString` implements the `[object Tag]`
//! algorithm including `Symbol.toStringTag`.

use super::{getter, method, string_value};
use crate::atom::{PropertyKey, atoms};
use crate::function::Args;
use crate::object::{ObjectKind, PropertyDescriptor};
use crate::realm::Vm;
use crate::shape::Attributes;
use crate::value::{JsResult, ObjectRef, Value};

/// Installs `Object` and `Object.prototype`.
pub fn install(vm: &mut Vm) {
    let constructor = vm.intrinsics.object_constructor;
    super::install_constructor_behaviour(vm, constructor, object_constructor, 1);
    let prototype = vm.intrinsics.object_prototype;
    vm.defer_contents(&[constructor, prototype], install_contents);
}

/// Installs the properties of `Object` and `Object.prototype` (on first touch, see `crate::deferred_contents`;
/// setting the constructor's behaviour again is harmless).
fn install_contents(vm: &mut Vm) {
    let constructor = vm.intrinsics.object_constructor;
    super::install_constructor_behaviour(vm, constructor, object_constructor, 1);
    method(vm, constructor, "keys", 1, object_keys);
    method(vm, constructor, "values", 1, object_values);
    method(vm, constructor, "entries", 1, object_entries);
    method(vm, constructor, "assign", 2, object_assign);
    method(vm, constructor, "freeze", 1, object_freeze);
    method(vm, constructor, "isFrozen", 1, object_is_frozen);
    method(vm, constructor, "seal", 1, object_seal);
    method(vm, constructor, "isSealed", 1, object_is_sealed);
    method(
        vm,
        constructor,
        "preventExtensions",
        1,
        object_prevent_extensions,
    );
    method(vm, constructor, "isExtensible", 1, object_is_extensible);
    method(vm, constructor, "create", 2, object_create);
    method(vm, constructor, "defineProperty", 3, object_define_property);
    method(
        vm,
        constructor,
        "defineProperties",
        2,
        object_define_properties,
    );
    method(
        vm,
        constructor,
        "getOwnPropertyNames",
        1,
        object_get_own_property_names,
    );
    method(
        vm,
        constructor,
        "getOwnPropertySymbols",
        1,
        object_get_own_property_symbols,
    );
    method(
        vm,
        constructor,
        "getOwnPropertyDescriptor",
        2,
        object_get_own_property_descriptor,
    );
    method(
        vm,
        constructor,
        "getOwnPropertyDescriptors",
        1,
        object_get_own_property_descriptors,
    );
    method(
        vm,
        constructor,
        "getPrototypeOf",
        1,
        object_get_prototype_of,
    );
    method(
        vm,
        constructor,
        "setPrototypeOf",
        2,
        object_set_prototype_of,
    );
    method(vm, constructor, "fromEntries", 1, object_from_entries);
    method(vm, constructor, "is", 2, object_is);
    method(vm, constructor, "hasOwn", 2, object_has_own);
    method(vm, constructor, "groupBy", 2, object_group_by);

    let prototype = vm.intrinsics.object_prototype;
    method(
        vm,
        prototype,
        "hasOwnProperty",
        1,
        prototype_has_own_property,
    );
    method(vm, prototype, "isPrototypeOf", 1, prototype_is_prototype_of);
    method(
        vm,
        prototype,
        "propertyIsEnumerable",
        1,
        prototype_property_is_enumerable,
    );
    method(vm, prototype, "toString", 0, prototype_to_string);
    method(
        vm,
        prototype,
        "toLocaleString",
        0,
        prototype_to_locale_string,
    );
    method(vm, prototype, "valueOf", 0, prototype_value_of);
    method(vm, prototype, "__defineGetter__", 2, |vm, this, args| {
        legacy_define_accessor(vm, this, &args, true)
    });
    method(vm, prototype, "__defineSetter__", 2, |vm, this, args| {
        legacy_define_accessor(vm, this, &args, false)
    });
    method(vm, prototype, "__lookupGetter__", 1, |vm, this, args| {
        legacy_lookup_accessor(vm, this, &args, true)
    });
    method(vm, prototype, "__lookupSetter__", 1, |vm, this, args| {
        legacy_lookup_accessor(vm, this, &args, false)
    });
    getter(vm, prototype, "__proto__", prototype_proto_getter);
    // `__proto__` also has a setter.
    let setter = vm.new_native_function("set __proto__", 1, prototype_proto_setter, false);
    let getter_function = vm
        .get_own_property(prototype, PropertyKey::Atom(atoms::PROTO))
        .ok()
        .flatten()
        .and_then(|d| d.get);
    vm.define_accessor_property(
        prototype,
        PropertyKey::Atom(atoms::PROTO),
        getter_function.unwrap_or(Value::Undefined),
        Value::Object(setter),
        false,
        true,
    );
}

fn object_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if args.is_construct_call() && args.new_target().as_object() != Some(args.callee()) {
        let fallback = vm.intrinsics.object_prototype;
        let prototype = vm.get_prototype_from_constructor(args.new_target(), fallback)?;
        return Ok(Value::Object(
            vm.alloc_object(Some(prototype), ObjectKind::Ordinary),
        ));
    }
    let value = args.get(vm, 0);
    if value.is_nullish() {
        return Ok(Value::Object(vm.new_object()));
    }
    vm.to_object(value).map(Value::Object)
}

/// Whether an own property is enumerable (None when absent).
pub fn own_property_is_enumerable(
    vm: &mut Vm,
    object: ObjectRef,
    key: PropertyKey,
) -> JsResult<Option<bool>> {
    Ok(vm
        .get_own_property(object, key)?
        .map(|descriptor| descriptor.enumerable.unwrap_or(false)))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum EnumerableOwn {
    Values,
    Entries,
}

fn enumerable_own_properties(
    vm: &mut Vm,
    object: ObjectRef,
    kind: EnumerableOwn,
) -> JsResult<Vec<Value>> {
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(object));
    let keys = vm.own_property_keys(object)?;
    let mut result = Vec::with_capacity(keys.len());
    let start = vm.handles.len();
    for key in keys {
        if key.is_symbol() {
            continue;
        }
        if own_property_is_enumerable(vm, object, key)? != Some(true) {
            continue;
        }
        let key_value = vm.property_key_to_value(key);
        let item = match kind {
            EnumerableOwn::Values => vm.get(object, key)?,
            EnumerableOwn::Entries => {
                vm.root(key_value);
                let value = vm.get(object, key)?;
                Value::Object(vm.new_array(vec![key_value, value]))
            }
        };
        vm.root(item);
        result.push(item);
    }
    let _ = start;
    vm.close_handle_scope(scope);
    Ok(result)
}

fn object_keys(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let object = vm.to_object(args.get(vm, 0))?;
    let keys = vm.own_enumerable_string_keys(object)?;
    let values: Vec<Value> = keys
        .into_iter()
        .map(|key| vm.property_key_to_value(key))
        .collect();
    Ok(Value::Object(vm.new_array(values)))
}

fn object_values(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let object = vm.to_object(args.get(vm, 0))?;
    let values = enumerable_own_properties(vm, object, EnumerableOwn::Values)?;
    Ok(Value::Object(vm.new_array(values)))
}

fn object_entries(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let object = vm.to_object(args.get(vm, 0))?;
    let values = enumerable_own_properties(vm, object, EnumerableOwn::Entries)?;
    Ok(Value::Object(vm.new_array(values)))
}

fn object_assign(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let target = vm.to_object(args.get(vm, 0))?;
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(target));
    for index in 1..args.len() {
        let source = args.get(vm, index);
        if source.is_nullish() {
            continue;
        }
        let from = vm.to_object(source)?;
        vm.root(Value::Object(from));
        if let Some((shape, properties)) = vm.plain_data_property_slots(from) {
            // A setter on the target may change the source: each value is read from its
            // slot only while the source keeps the shape the keys came from.
            for property in properties {
                let data = vm.object(from);
                let value = if data.shape == shape {
                    if !property.enumerable {
                        continue;
                    }
                    data.slots[property.slot as usize]
                } else if own_property_is_enumerable(vm, from, property.key)? == Some(true) {
                    vm.get(from, property.key)?
                } else {
                    continue;
                };
                vm.put_value(Value::Object(target), property.key, value, true)?;
            }
            continue;
        }
        let keys = vm.own_property_keys(from)?;
        for key in keys {
            if own_property_is_enumerable(vm, from, key)? == Some(true) {
                let value = vm.get(from, key)?;
                vm.put_value(Value::Object(target), key, value, true)?;
            }
        }
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(target))
}

/// SetIntegrityLevel(object, frozen or sealed).
fn set_integrity_level(vm: &mut Vm, object: ObjectRef, frozen: bool) -> JsResult<()> {
    if !vm.prevent_extensions(object)? {
        return vm.throw_type_error("Cannot prevent extensions");
    }
    let keys = vm.own_property_keys(object)?;
    for key in keys {
        let descriptor = if frozen {
            match vm.get_own_property(object, key)? {
                Some(current) if current.is_accessor() => PropertyDescriptor {
                    configurable: Some(false),
                    ..PropertyDescriptor::default()
                },
                Some(_) => PropertyDescriptor {
                    configurable: Some(false),
                    writable: Some(false),
                    ..PropertyDescriptor::default()
                },
                None => continue,
            }
        } else {
            PropertyDescriptor {
                configurable: Some(false),
                ..PropertyDescriptor::default()
            }
        };
        vm.define_property_or_throw(object, key, descriptor)?;
    }
    Ok(())
}

fn test_integrity_level(vm: &mut Vm, object: ObjectRef, frozen: bool) -> JsResult<bool> {
    if vm.is_extensible(object)? {
        return Ok(false);
    }
    let keys = vm.own_property_keys(object)?;
    for key in keys {
        if let Some(descriptor) = vm.get_own_property(object, key)? {
            if descriptor.configurable == Some(true) {
                return Ok(false);
            }
            if frozen && descriptor.is_data() && descriptor.writable == Some(true) {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

fn object_freeze(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let value = args.get(vm, 0);
    if let Value::Object(object) = value {
        set_integrity_level(vm, object, true)?;
    }
    Ok(value)
}

fn object_seal(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let value = args.get(vm, 0);
    if let Value::Object(object) = value {
        set_integrity_level(vm, object, false)?;
    }
    Ok(value)
}

fn object_is_frozen(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    match args.get(vm, 0) {
        Value::Object(object) => test_integrity_level(vm, object, true).map(Value::Boolean),
        _ => Ok(Value::TRUE),
    }
}

fn object_is_sealed(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    match args.get(vm, 0) {
        Value::Object(object) => test_integrity_level(vm, object, false).map(Value::Boolean),
        _ => Ok(Value::TRUE),
    }
}

fn object_prevent_extensions(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let value = args.get(vm, 0);
    if let Value::Object(object) = value
        && !vm.prevent_extensions(object)?
    {
        return vm.throw_type_error("Cannot prevent extensions");
    }
    Ok(value)
}

fn object_is_extensible(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    match args.get(vm, 0) {
        Value::Object(object) => Ok(Value::Boolean(vm.is_extensible(object)?)),
        _ => Ok(Value::FALSE),
    }
}

/// ToPropertyDescriptor.
pub fn to_property_descriptor(vm: &mut Vm, value: Value) -> JsResult<PropertyDescriptor> {
    let Value::Object(object) = value else {
        let text = vm.describe_value_for_error(value);
        return vm.throw_type_error(&format!("Property description must be an object: {text}"));
    };
    let mut descriptor = PropertyDescriptor::default();
    let field = |vm: &mut Vm, atom| -> JsResult<Option<Value>> {
        if vm.has_property(object, PropertyKey::Atom(atom))? {
            vm.get(object, PropertyKey::Atom(atom)).map(Some)
        } else {
            Ok(None)
        }
    };
    if let Some(enumerable) = field(vm, atoms::ENUMERABLE)? {
        descriptor.enumerable = Some(vm.to_boolean(enumerable));
    }
    if let Some(configurable) = field(vm, atoms::CONFIGURABLE)? {
        descriptor.configurable = Some(vm.to_boolean(configurable));
    }
    if let Some(value) = field(vm, atoms::VALUE)? {
        descriptor.value = Some(value);
    }
    if let Some(writable) = field(vm, atoms::WRITABLE)? {
        descriptor.writable = Some(vm.to_boolean(writable));
    }
    if let Some(get) = field(vm, atoms::GET)? {
        if !get.is_undefined() && !vm.is_callable(get) {
            let text = vm.describe_value_for_error(get);
            return vm.throw_type_error(&format!("Getter must be a function: {text}"));
        }
        descriptor.get = Some(get);
    }
    if let Some(set) = field(vm, atoms::SET)? {
        if !set.is_undefined() && !vm.is_callable(set) {
            let text = vm.describe_value_for_error(set);
            return vm.throw_type_error(&format!("Setter must be a function: {text}"));
        }
        descriptor.set = Some(set);
    }
    if descriptor.is_accessor() && descriptor.is_data() {
        return vm.throw_type_error("Invalid property descriptor. Cannot both specify accessors and a value or writable attribute");
    }
    Ok(descriptor)
}

/// FromPropertyDescriptor.
pub fn from_property_descriptor(vm: &mut Vm, descriptor: PropertyDescriptor) -> ObjectRef {
    let object = vm.new_object();
    let put = |vm: &mut Vm, atom, value| {
        vm.define_data_property(
            object,
            PropertyKey::Atom(atom),
            value,
            Attributes::DEFAULT_DATA,
        )
    };
    if let Some(value) = descriptor.value {
        put(vm, atoms::VALUE, value);
    }
    if let Some(writable) = descriptor.writable {
        put(vm, atoms::WRITABLE, Value::Boolean(writable));
    }
    if let Some(get) = descriptor.get {
        put(vm, atoms::GET, get);
    }
    if let Some(set) = descriptor.set {
        put(vm, atoms::SET, set);
    }
    if let Some(enumerable) = descriptor.enumerable {
        put(vm, atoms::ENUMERABLE, Value::Boolean(enumerable));
    }
    if let Some(configurable) = descriptor.configurable {
        put(vm, atoms::CONFIGURABLE, Value::Boolean(configurable));
    }
    object
}

fn object_create(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let prototype = match args.get(vm, 0) {
        Value::Object(object) => Some(object),
        Value::Null => None,
        other => {
            let text = vm.describe_value_for_error(other);
            return vm.throw_type_error(&format!(
                "Object prototype may only be an Object or null: {text}"
            ));
        }
    };
    let object = vm.alloc_object(prototype, ObjectKind::Ordinary);
    let properties = args.get(vm, 1);
    if !properties.is_undefined() {
        let scope = vm.open_handle_scope();
        vm.root(Value::Object(object));
        define_properties(vm, object, properties)?;
        vm.close_handle_scope(scope);
    }
    Ok(Value::Object(object))
}

fn object_define_property(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let Value::Object(object) = args.get(vm, 0) else {
        return vm.throw_type_error("Object.defineProperty called on non-object");
    };
    let key = vm.to_property_key(args.get(vm, 1))?;
    let descriptor = to_property_descriptor(vm, args.get(vm, 2))?;
    define_property_with_message(vm, object, key, descriptor)?;
    Ok(Value::Object(object))
}

/// DefinePropertyOrThrow with V8's messages (a new property on a non-extensible object
/// reports "object is not extensible").
fn define_property_with_message(
    vm: &mut Vm,
    object: ObjectRef,
    key: PropertyKey,
    descriptor: PropertyDescriptor,
) -> JsResult<()> {
    if vm.define_own_property(object, key, descriptor)? {
        return Ok(());
    }
    let key_text = vm.property_key_to_rust(key);
    if vm.find_own_property(object, key).is_none() && !vm.object(object).extensible {
        return vm.throw_type_error(&format!(
            "Cannot define property {key_text}, object is not extensible"
        ));
    }
    vm.throw_type_error(&format!("Cannot redefine property: {key_text}"))
}

fn define_properties(vm: &mut Vm, object: ObjectRef, properties: Value) -> JsResult<()> {
    let properties = vm.to_object(properties)?;
    vm.root(Value::Object(properties));
    let keys = vm.own_property_keys(properties)?;
    let mut descriptors = Vec::new();
    for key in keys {
        if own_property_is_enumerable(vm, properties, key)? == Some(true) {
            let descriptor_object = vm.get(properties, key)?;
            let descriptor = to_property_descriptor(vm, descriptor_object)?;
            for value in [descriptor.value, descriptor.get, descriptor.set]
                .into_iter()
                .flatten()
            {
                vm.root(value);
            }
            descriptors.push((key, descriptor));
        }
    }
    for (key, descriptor) in descriptors {
        define_property_with_message(vm, object, key, descriptor)?;
    }
    Ok(())
}

fn object_define_properties(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let Value::Object(object) = args.get(vm, 0) else {
        return vm.throw_type_error("Object.defineProperties called on non-object");
    };
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(object));
    define_properties(vm, object, args.get(vm, 1))?;
    vm.close_handle_scope(scope);
    Ok(Value::Object(object))
}

fn object_get_own_property_names(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let object = vm.to_object(args.get(vm, 0))?;
    let keys = vm.own_property_keys(object)?;
    let values: Vec<Value> = keys
        .into_iter()
        .filter(|key| !key.is_symbol())
        .map(|key| vm.property_key_to_value(key))
        .collect();
    Ok(Value::Object(vm.new_array(values)))
}

fn object_get_own_property_symbols(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let object = vm.to_object(args.get(vm, 0))?;
    let keys = vm.own_property_keys(object)?;
    let values: Vec<Value> = keys
        .into_iter()
        .filter(|key| key.is_symbol())
        .map(|key| vm.property_key_to_value(key))
        .collect();
    Ok(Value::Object(vm.new_array(values)))
}

fn object_get_own_property_descriptor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let object = vm.to_object(args.get(vm, 0))?;
    let key = vm.to_property_key(args.get(vm, 1))?;
    match vm.get_own_property(object, key)? {
        Some(descriptor) => Ok(Value::Object(from_property_descriptor(vm, descriptor))),
        None => Ok(Value::Undefined),
    }
}

fn object_get_own_property_descriptors(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let object = vm.to_object(args.get(vm, 0))?;
    // A proxy's traps run script code, which can collect: the result and the keys are only
    // held here (test262's proxy-undefined-descriptor.js under `gc-stress` read the freed
    // result object).
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(object));
    let result = vm.new_object();
    vm.root(Value::Object(result));
    let keys = vm.own_property_keys(object)?;
    for key in &keys {
        vm.root_key(*key);
    }
    for key in keys {
        if let Some(descriptor) = vm.get_own_property(object, key)? {
            let descriptor_object = from_property_descriptor(vm, descriptor);
            vm.define_data_property(
                result,
                key,
                Value::Object(descriptor_object),
                Attributes::DEFAULT_DATA,
            );
        }
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(result))
}

fn object_get_prototype_of(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let object = vm.to_object(args.get(vm, 0))?;
    Ok(vm
        .get_prototype_of(object)?
        .map_or(Value::Null, Value::Object))
}

fn object_set_prototype_of(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let target = args.get(vm, 0);
    if target.is_nullish() {
        return vm.throw_type_error("Object.setPrototypeOf called on null or undefined");
    }
    let prototype = match args.get(vm, 1) {
        Value::Object(object) => Some(object),
        Value::Null => None,
        other => {
            let text = vm.describe_value_for_error(other);
            return vm.throw_type_error(&format!(
                "Object prototype may only be an Object or null: {text}"
            ));
        }
    };
    if let Value::Object(object) = target
        && !vm.set_prototype_of(object, prototype)?
    {
        return vm.throw_type_error("Cyclic __proto__ value or non-extensible object");
    }
    Ok(target)
}

fn object_from_entries(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let iterable = args.get(vm, 0);
    if iterable.is_nullish() {
        return vm.throw_type_error("Object.fromEntries requires an iterable argument");
    }
    let result = vm.new_object();
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(result));
    let entries = vm.iterable_to_list(iterable)?;
    for &entry in &entries {
        vm.root(entry);
    }
    for entry in entries {
        let Value::Object(entry_object) = entry else {
            let text = vm.describe_value_for_error(entry);
            return vm.throw_type_error(&format!("Iterator value {text} is not an entry object"));
        };
        let key = vm.get(entry_object, PropertyKey::Index(0))?;
        vm.root(key);
        let value = vm.get(entry_object, PropertyKey::Index(1))?;
        let property_key = vm.to_property_key(key)?;
        vm.create_data_property_or_throw(result, property_key, value)?;
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(result))
}

fn object_is(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let left = args.get(vm, 0);
    let right = args.get(vm, 1);
    Ok(Value::Boolean(vm.same_value(left, right)))
}

fn object_has_own(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let object = vm.to_object(args.get(vm, 0))?;
    let key = vm.to_property_key(args.get(vm, 1))?;
    vm.has_own_property(object, key).map(Value::Boolean)
}

fn object_group_by(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let items = args.get(vm, 0);
    let callback = super::require_callable(vm, args.get(vm, 1), "")?;
    let values = vm.iterable_to_list(items)?;
    let result = vm.alloc_object(None, ObjectKind::Ordinary);
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(result));
    for &value in &values {
        vm.root(value);
    }
    for (index, value) in values.into_iter().enumerate() {
        let key_value = vm.call(
            callback,
            Value::Undefined,
            &[value, Value::Number(index as f64)],
        )?;
        let key = vm.to_property_key(key_value)?;
        let group = match vm.get_own_property(result, key)? {
            Some(PropertyDescriptor {
                value: Some(Value::Object(group)),
                ..
            }) => group,
            _ => {
                let group = vm.new_array(Vec::new());
                vm.define_data_property(
                    result,
                    key,
                    Value::Object(group),
                    Attributes::DEFAULT_DATA,
                );
                group
            }
        };
        vm.array_push(group, value)?;
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(result))
}

fn prototype_has_own_property(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let key = vm.to_property_key(args.get(vm, 0))?;
    let object = vm.to_object(this)?;
    vm.has_own_property(object, key).map(Value::Boolean)
}

fn prototype_is_prototype_of(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let Value::Object(mut cursor) = args.get(vm, 0) else {
        return Ok(Value::FALSE);
    };
    let object = vm.to_object(this)?;
    while let Some(prototype) = vm.get_prototype_of(cursor)? {
        if prototype == object {
            return Ok(Value::TRUE);
        }
        cursor = prototype;
    }
    Ok(Value::FALSE)
}

fn prototype_property_is_enumerable(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let key = vm.to_property_key(args.get(vm, 0))?;
    let object = vm.to_object(this)?;
    Ok(Value::Boolean(
        own_property_is_enumerable(vm, object, key)? == Some(true),
    ))
}

/// The builtin tag of `Object.prototype.toString` before `Symbol.toStringTag`.
fn builtin_tag(vm: &Vm, object: ObjectRef) -> &'static str {
    if vm.object(object).is_proxy() {
        if vm.is_array(Value::Object(object)) {
            return "Array";
        }
        if vm.object(object).is_callable() {
            return "Function";
        }
    }
    match &vm.object(object).kind {
        ObjectKind::Array(_) => "Array",
        ObjectKind::Arguments | ObjectKind::MappedArguments(_) => "Arguments",
        ObjectKind::Closure(_) | ObjectKind::NativeFunction(_) | ObjectKind::BoundFunction(_) => {
            "Function"
        }
        ObjectKind::Error => "Error",
        ObjectKind::BooleanWrapper(_) => "Boolean",
        ObjectKind::NumberWrapper(_) => "Number",
        ObjectKind::StringWrapper(_) => "String",
        ObjectKind::Date(_) => "Date",
        ObjectKind::RegExp(_) => "RegExp",
        _ => "Object",
    }
}

/// `Object.prototype.toString` as Rust text (`[object Array]`).
pub fn object_to_string_text(vm: &mut Vm, this: Value) -> JsResult<String> {
    match this {
        Value::Undefined | Value::Hole => return Ok("[object Undefined]".to_string()),
        Value::Null => return Ok("[object Null]".to_string()),
        _ => {}
    }
    let object = vm.to_object(this)?;
    let tag_symbol = vm.intrinsics.symbols.to_string_tag;
    let tag = vm.get(object, PropertyKey::Symbol(tag_symbol))?;
    if let Value::String(tag) = tag {
        return Ok(format!("[object {}]", vm.string_to_rust(tag)));
    }
    Ok(format!("[object {}]", builtin_tag(vm, object)))
}

fn prototype_to_string(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let text = object_to_string_text(vm, this)?;
    Ok(string_value(vm, &text))
}

fn prototype_to_locale_string(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    vm.invoke(this, PropertyKey::Atom(atoms::TO_STRING), &[])
}

fn prototype_value_of(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    vm.to_object(this).map(Value::Object)
}

/// Annex B `Object.prototype.__defineGetter__` / `__defineSetter__`.
fn legacy_define_accessor(
    vm: &mut Vm,
    this: Value,
    args: &Args,
    is_getter: bool,
) -> JsResult<Value> {
    let object = vm.to_object(this)?;
    let function = args.get(vm, 1);
    if !vm.is_callable(function) {
        return vm.throw_type_error("Object.prototype.__defineGetter__: Expecting function");
    }
    let key = vm.to_property_key(args.get(vm, 0))?;
    let descriptor = PropertyDescriptor {
        get: is_getter.then_some(function),
        set: (!is_getter).then_some(function),
        enumerable: Some(true),
        configurable: Some(true),
        ..PropertyDescriptor::default()
    };
    vm.define_property_or_throw(object, key, descriptor)?;
    Ok(Value::Undefined)
}

/// Annex B `Object.prototype.__lookupGetter__` / `__lookupSetter__`.
fn legacy_lookup_accessor(
    vm: &mut Vm,
    this: Value,
    args: &Args,
    is_getter: bool,
) -> JsResult<Value> {
    let mut object = vm.to_object(this)?;
    let key = vm.to_property_key(args.get(vm, 0))?;
    loop {
        if let Some(descriptor) = vm.get_own_property(object, key)? {
            let accessor = if is_getter {
                descriptor.get
            } else {
                descriptor.set
            };
            return Ok(if descriptor.is_accessor() {
                accessor.unwrap_or(Value::Undefined)
            } else {
                Value::Undefined
            });
        }
        match vm.get_prototype_of(object)? {
            Some(prototype) => object = prototype,
            None => return Ok(Value::Undefined),
        }
    }
}

fn prototype_proto_getter(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let object = vm.to_object(this)?;
    Ok(vm
        .get_prototype_of(object)?
        .map_or(Value::Null, Value::Object))
}

fn prototype_proto_setter(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    if this.is_nullish() {
        return vm.throw_type_error("Object.prototype.__proto__ called on null or undefined");
    }
    let prototype = match args.get(vm, 0) {
        Value::Object(object) => Some(object),
        Value::Null => None,
        _ => return Ok(Value::Undefined),
    };
    if let Value::Object(object) = this
        && !vm.set_prototype_of(object, prototype)?
    {
        return vm.throw_type_error("Cyclic __proto__ value");
    }
    Ok(Value::Undefined)
}
