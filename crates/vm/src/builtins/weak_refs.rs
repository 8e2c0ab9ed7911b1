//! `WeakRef` and `FinalizationRegistry`, in the minimal conforming form the specification
//! allows: a WeakRef keeps its target alive (so `deref` always returns it), and a registry
//! never calls its cleanup callback (the host may choose never to). The registry keeps only
//! what `unregister` needs: each cell's held value and unregister token, never the target.
//!
//! Both objects are `ObjectKind::Internal`: a WeakRef has `values = [target]`, a registry
//! `values = [cleanup callback, held value, token, held value, token, ...]`. Each constructor
//! keeps its prototype object as native-function data, so no realm-wide intrinsic is needed.

use super::{method, to_string_tag};
use crate::atom::{PropertyKey, atoms};
use crate::function::Args;
use crate::object::{InternalData, InternalTag, ObjectKind};
use crate::realm::Vm;
use crate::shape::Attributes;
use crate::value::{JsResult, ObjectRef, Value};

/// Installs `WeakRef` and `FinalizationRegistry`.
///
/// Nothing else refers to these constructors or their prototypes (each constructor keeps its
/// prototype as native-function data), so both are created on first use (see
/// `crate::lazy_globals`).
pub fn install(vm: &mut Vm) {
    vm.define_lazy_global("WeakRef", create_weak_ref);
    vm.define_lazy_global("FinalizationRegistry", create_finalization_registry);
}

/// Creates the `WeakRef` constructor and its prototype.
fn create_weak_ref(vm: &mut Vm) -> Value {
    let (constructor, weak_ref_prototype) =
        new_constructor_with_prototype(vm, "WeakRef", 1, weak_ref_constructor);
    method(vm, weak_ref_prototype, "deref", 0, weak_ref_deref);
    to_string_tag(vm, weak_ref_prototype, "WeakRef");
    Value::Object(constructor)
}

/// Creates the `FinalizationRegistry` constructor and its prototype.
fn create_finalization_registry(vm: &mut Vm) -> Value {
    let (constructor, registry_prototype) = new_constructor_with_prototype(
        vm,
        "FinalizationRegistry",
        1,
        finalization_registry_constructor,
    );
    method(vm, registry_prototype, "register", 2, registry_register);
    method(vm, registry_prototype, "unregister", 1, registry_unregister);
    to_string_tag(vm, registry_prototype, "FinalizationRegistry");
    Value::Object(constructor)
}

/// Creates a native constructor and a fresh prototype object linked both ways
/// (`constructor.prototype`, `prototype.constructor`). The constructor keeps the prototype as
/// its native-function data, which [`create_from_constructor`] uses as the default prototype.
pub(super) fn new_constructor_with_prototype(
    vm: &mut Vm,
    name: &str,
    length: u32,
    function: crate::function::NativeFunction,
) -> (ObjectRef, ObjectRef) {
    let prototype = vm.new_object();
    let name_value = super::string_value(vm, name);
    let constructor = vm.new_native_function_with_data(
        name_value,
        length,
        function,
        true,
        Value::Object(prototype),
    );
    vm.define_data_property(
        constructor,
        PropertyKey::Atom(atoms::PROTOTYPE),
        Value::Object(prototype),
        Attributes::FROZEN,
    );
    vm.define_data_property(
        prototype,
        PropertyKey::Atom(atoms::CONSTRUCTOR),
        Value::Object(constructor),
        Attributes::HIDDEN_DATA,
    );
    (constructor, prototype)
}

/// OrdinaryCreateFromConstructor(newTarget, the constructor's default prototype).
pub(super) fn create_from_constructor(
    vm: &mut Vm,
    args: &Args,
    tag: InternalTag,
    values: Vec<Value>,
) -> JsResult<ObjectRef> {
    let default_prototype = match vm.native_function_data(args.callee()) {
        Value::Object(prototype) => prototype,
        _ => vm.intrinsics.object_prototype,
    };
    let scope = vm.open_handle_scope();
    for &value in &values {
        vm.root(value);
    }
    let prototype = vm.get_prototype_from_constructor(args.new_target(), default_prototype)?;
    let object = vm.alloc_object(
        Some(prototype),
        ObjectKind::Internal(Box::new(InternalData {
            tag,
            values,
            counter: 0.0,
            state: 0,
        })),
    );
    vm.close_handle_scope(scope);
    Ok(object)
}

fn weak_ref_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if !args.is_construct_call() {
        return vm.throw_type_error("Constructor WeakRef requires 'new'");
    }
    let target = args.get(vm, 0);
    if !super::collections::can_be_held_weakly(vm, target) {
        return vm.throw_type_error("WeakRef: invalid target");
    }
    create_from_constructor(vm, &args, InternalTag::WeakRef, vec![target]).map(Value::Object)
}

fn weak_ref_deref(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    if let Value::Object(object) = this
        && let ObjectKind::Internal(data) = &vm.object(object).kind
        && data.tag == InternalTag::WeakRef
    {
        return Ok(data.values.first().copied().unwrap_or(Value::Undefined));
    }
    vm.throw_type_error("WeakRef.prototype.deref called on incompatible receiver")
}

fn finalization_registry_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if !args.is_construct_call() {
        return vm.throw_type_error("Constructor FinalizationRegistry requires 'new'");
    }
    let cleanup = args.get(vm, 0);
    if !vm.is_callable(cleanup) {
        return vm.throw_type_error("FinalizationRegistry: cleanup must be callable");
    }
    create_from_constructor(vm, &args, InternalTag::FinalizationRegistry, vec![cleanup])
        .map(Value::Object)
}

fn this_registry(vm: &mut Vm, this: Value, name: &str) -> JsResult<ObjectRef> {
    if let Value::Object(object) = this
        && let ObjectKind::Internal(data) = &vm.object(object).kind
        && data.tag == InternalTag::FinalizationRegistry
    {
        return Ok(object);
    }
    vm.throw_type_error(&format!(
        "FinalizationRegistry.prototype.{name} called on incompatible receiver"
    ))
}

fn registry_register(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let registry = this_registry(vm, this, "register")?;
    let target = args.get(vm, 0);
    let held_value = args.get(vm, 1);
    let token = args.get(vm, 2);
    if !super::collections::can_be_held_weakly(vm, target) {
        return vm.throw_type_error("FinalizationRegistry.prototype.register: invalid target");
    }
    if vm.same_value(target, held_value) {
        return vm.throw_type_error(
            "FinalizationRegistry.prototype.register: target and holdings must not be same",
        );
    }
    if !super::collections::can_be_held_weakly(vm, token) && !token.is_undefined() {
        return vm
            .throw_type_error("FinalizationRegistry.prototype.register: invalid unregister token");
    }
    if let ObjectKind::Internal(data) = &mut vm.object_mut(registry).kind {
        data.values.push(held_value);
        data.values.push(token);
    }
    Ok(Value::Undefined)
}

fn registry_unregister(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let registry = this_registry(vm, this, "unregister")?;
    let token = args.get(vm, 0);
    if !super::collections::can_be_held_weakly(vm, token) {
        return vm.throw_type_error(
            "FinalizationRegistry.prototype.unregister: invalid unregister token",
        );
    }
    let values = match &vm.object(registry).kind {
        ObjectKind::Internal(data) => data.values.clone(),
        _ => Vec::new(),
    };
    let mut kept = Vec::with_capacity(values.len());
    kept.push(values.first().copied().unwrap_or(Value::Undefined));
    let mut removed = false;
    for cell in values.get(1..).unwrap_or(&[]).chunks(2) {
        if let [held_value, cell_token] = cell {
            if vm.same_value(*cell_token, token) {
                removed = true;
            } else {
                kept.push(*held_value);
                kept.push(*cell_token);
            }
        }
    }
    if let ObjectKind::Internal(data) = &mut vm.object_mut(registry).kind {
        data.values = kept;
    }
    Ok(Value::Boolean(removed))
}
