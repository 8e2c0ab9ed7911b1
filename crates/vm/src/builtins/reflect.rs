//! `Reflect` (the thirteen functions that expose the object internal methods) and the
//! `Proxy` constructor with `Proxy.revocable`. The proxy internal methods themselves live in
//! `crate::proxy`.

use super::{method, to_string_tag};
use crate::function::Args;
use crate::realm::Vm;
use crate::value::{JsResult, ObjectRef, Value};

/// Installs `Reflect` (created on first use, see `crate::lazy_globals`) and `Proxy`.
pub fn install(vm: &mut Vm) {
    vm.define_lazy_global("Reflect", create_reflect);
    let proxy = vm.new_native_function("Proxy", 2, proxy_constructor, true);
    method(vm, proxy, "revocable", 2, proxy_revocable);
    vm.define_global("Proxy", Value::Object(proxy));
}

/// Creates the `Reflect` namespace object.
fn create_reflect(vm: &mut Vm) -> Value {
    let reflect = super::namespace_object(vm);
    method(vm, reflect, "apply", 3, reflect_apply);
    method(vm, reflect, "construct", 2, reflect_construct);
    method(vm, reflect, "defineProperty", 3, reflect_define_property);
    method(vm, reflect, "deleteProperty", 2, reflect_delete_property);
    method(vm, reflect, "get", 2, reflect_get);
    method(
        vm,
        reflect,
        "getOwnPropertyDescriptor",
        2,
        reflect_get_own_property_descriptor,
    );
    method(vm, reflect, "getPrototypeOf", 1, reflect_get_prototype_of);
    method(vm, reflect, "has", 2, reflect_has);
    method(vm, reflect, "isExtensible", 1, reflect_is_extensible);
    method(vm, reflect, "ownKeys", 1, reflect_own_keys);
    method(
        vm,
        reflect,
        "preventExtensions",
        1,
        reflect_prevent_extensions,
    );
    method(vm, reflect, "set", 3, reflect_set);
    method(vm, reflect, "setPrototypeOf", 2, reflect_set_prototype_of);
    to_string_tag(vm, reflect, "Reflect");
    Value::Object(reflect)
}

/// The target argument of a Reflect function: a TypeError unless it is an object.
fn target_object(vm: &mut Vm, args: &Args, function_name: &str) -> JsResult<ObjectRef> {
    match args.get(vm, 0) {
        Value::Object(object) => Ok(object),
        _ => vm.throw_type_error(&format!("Reflect.{function_name} called on non-object")),
    }
}

fn reflect_apply(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let target = args.get(vm, 0);
    if !vm.is_callable(target) {
        return vm.throw_type_error("Reflect.apply target is not a function");
    }
    let this_argument = args.get(vm, 1);
    let list = super::function::list_from_array_like(vm, args.get(vm, 2))?;
    vm.call(target, this_argument, &list)
}

fn reflect_construct(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let target = args.get(vm, 0);
    if !vm.is_constructor(target) {
        return vm.throw_type_error("Reflect.construct target is not a constructor");
    }
    let new_target = if args.len() > 2 {
        let new_target = args.get(vm, 2);
        if !vm.is_constructor(new_target) {
            return vm.throw_type_error("Reflect.construct newTarget is not a constructor");
        }
        new_target
    } else {
        target
    };
    let list = super::function::list_from_array_like(vm, args.get(vm, 1))?;
    vm.construct(target, &list, Some(new_target))
}

fn reflect_define_property(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let target = target_object(vm, &args, "defineProperty")?;
    let key = vm.to_property_key(args.get(vm, 1))?;
    let descriptor = super::object::to_property_descriptor(vm, args.get(vm, 2))?;
    vm.define_own_property(target, key, descriptor)
        .map(Value::Boolean)
}

fn reflect_delete_property(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let target = target_object(vm, &args, "deleteProperty")?;
    let key = vm.to_property_key(args.get(vm, 1))?;
    vm.delete_property(target, key).map(Value::Boolean)
}

fn reflect_get(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let target = target_object(vm, &args, "get")?;
    let key = vm.to_property_key(args.get(vm, 1))?;
    let receiver = if args.len() > 2 {
        args.get(vm, 2)
    } else {
        Value::Object(target)
    };
    vm.get_with_receiver(target, key, receiver)
}

fn reflect_get_own_property_descriptor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let target = target_object(vm, &args, "getOwnPropertyDescriptor")?;
    let key = vm.to_property_key(args.get(vm, 1))?;
    match vm.get_own_property(target, key)? {
        Some(descriptor) => Ok(Value::Object(super::object::from_property_descriptor(
            vm, descriptor,
        ))),
        None => Ok(Value::Undefined),
    }
}

fn reflect_get_prototype_of(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let target = target_object(vm, &args, "getPrototypeOf")?;
    Ok(vm
        .get_prototype_of(target)?
        .map_or(Value::Null, Value::Object))
}

fn reflect_has(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let target = target_object(vm, &args, "has")?;
    let key = vm.to_property_key(args.get(vm, 1))?;
    vm.has_property(target, key).map(Value::Boolean)
}

fn reflect_is_extensible(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let target = target_object(vm, &args, "isExtensible")?;
    vm.is_extensible(target).map(Value::Boolean)
}

fn reflect_own_keys(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let target = target_object(vm, &args, "ownKeys")?;
    let keys = vm.own_property_keys(target)?;
    let scope = vm.open_handle_scope();
    let mut values = Vec::with_capacity(keys.len());
    for key in keys {
        let value = vm.property_key_to_value(key);
        vm.root(value);
        values.push(value);
    }
    let array = vm.new_array(values);
    vm.close_handle_scope(scope);
    Ok(Value::Object(array))
}

fn reflect_prevent_extensions(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let target = target_object(vm, &args, "preventExtensions")?;
    vm.prevent_extensions(target).map(Value::Boolean)
}

fn reflect_set(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let target = target_object(vm, &args, "set")?;
    let key = vm.to_property_key(args.get(vm, 1))?;
    let value = args.get(vm, 2);
    let receiver = if args.len() > 3 {
        args.get(vm, 3)
    } else {
        Value::Object(target)
    };
    vm.set(target, key, value, receiver).map(Value::Boolean)
}

fn reflect_set_prototype_of(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let target = target_object(vm, &args, "setPrototypeOf")?;
    let prototype = match args.get(vm, 1) {
        Value::Object(object) => Some(object),
        Value::Null => None,
        _ => return vm.throw_type_error("Object prototype may only be an Object or null"),
    };
    vm.set_prototype_of(target, prototype).map(Value::Boolean)
}

fn proxy_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if !args.is_construct_call() {
        return vm.throw_type_error("Constructor Proxy requires 'new'");
    }
    let target = args.get(vm, 0);
    let handler = args.get(vm, 1);
    vm.proxy_create(target, handler).map(Value::Object)
}

fn proxy_revocable(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let target = args.get(vm, 0);
    let handler = args.get(vm, 1);
    let proxy = vm.proxy_create(target, handler)?;
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(proxy));
    let empty = vm.intrinsics.empty_string;
    let revoke = vm.new_native_function_with_data(
        Value::String(empty),
        0,
        proxy_revoke_function,
        false,
        Value::Object(proxy),
    );
    vm.root(Value::Object(revoke));
    let result = vm.new_object();
    let proxy_key = vm.property_key_from_str("proxy");
    vm.create_data_property(result, proxy_key, Value::Object(proxy))?;
    let revoke_key = vm.property_key_from_str("revoke");
    vm.create_data_property(result, revoke_key, Value::Object(revoke))?;
    vm.close_handle_scope(scope);
    Ok(Value::Object(result))
}

/// The revocation function: revokes its proxy once, then forgets it.
fn proxy_revoke_function(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let callee = args.callee();
    if let Value::Object(proxy) = vm.native_function_data(callee) {
        vm.proxy_revoke(proxy);
        if let crate::object::ObjectKind::NativeFunction(native) = &mut vm.object_mut(callee).kind {
            native.data = Value::Undefined;
        }
    }
    Ok(Value::Undefined)
}
