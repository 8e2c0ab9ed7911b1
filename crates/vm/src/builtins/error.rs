//! `Error.prototype.toString` and `Error.captureStackTrace` (the Error constructors
//! themselves live in the runtime core's `error.rs`, which also builds the `stack` text).

use super::{method, string_value};
use crate::atom::{PropertyKey, atoms};
use crate::function::Args;
use crate::realm::Vm;
use crate::shape::Attributes;
use crate::value::{JsResult, ObjectRef, Value};

/// Installs the Error prototype methods.
pub fn install(vm: &mut Vm) {
    let prototype = vm.intrinsics.error_prototype;
    let constructor = vm.intrinsics.error_constructor;
    vm.defer_contents(&[prototype, constructor], install_contents);
}

/// Installs the properties of `Error` and `Error.prototype` (on first touch, see
/// `crate::deferred_contents`).
fn install_contents(vm: &mut Vm) {
    let prototype = vm.intrinsics.error_prototype;
    method(vm, prototype, "toString", 0, error_to_string);
    let constructor = vm.intrinsics.error_constructor;
    method(vm, constructor, "isError", 1, |vm, _, args| {
        let value = args.get(vm, 0);
        Ok(Value::Boolean(matches!(
            value,
            Value::Object(object) if matches!(vm.object(object).kind, crate::object::ObjectKind::Error)
        )))
    });
    method(
        vm,
        constructor,
        "captureStackTrace",
        1,
        error_capture_stack_trace,
    );
    super::value_property(vm, constructor, "stackTraceLimit", Value::Number(10.0));
}

/// `Error.prototype.toString` on an object, as Rust text.
pub fn error_to_string_text(vm: &mut Vm, object: ObjectRef) -> JsResult<String> {
    let name = vm.get(object, PropertyKey::Atom(atoms::NAME))?;
    let name = if name.is_undefined() {
        "Error".to_string()
    } else {
        vm.to_rust_string(name)?
    };
    let message = vm.get(object, PropertyKey::Atom(atoms::MESSAGE))?;
    let message = if message.is_undefined() {
        String::new()
    } else {
        vm.to_rust_string(message)?
    };
    Ok(if name.is_empty() {
        message
    } else if message.is_empty() {
        name
    } else {
        format!("{name}: {message}")
    })
}

fn error_to_string(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let Value::Object(object) = this else {
        return vm.throw_type_error("Error.prototype.toString requires that 'this' be an Object");
    };
    let text = error_to_string_text(vm, object)?;
    Ok(string_value(vm, &text))
}

fn error_capture_stack_trace(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let Value::Object(object) = args.get(vm, 0) else {
        return vm.throw_type_error("Invalid argument");
    };
    let header = error_to_string_text(vm, object)?;
    let frames = vm.stack_trace_hook.map(|hook| hook(vm)).unwrap_or_default();
    let text = if frames.is_empty() {
        header
    } else {
        format!("{header}\n{frames}")
    };
    let stack = vm.new_string(&text);
    vm.define_data_property(
        object,
        PropertyKey::Atom(atoms::STACK),
        Value::String(stack),
        Attributes::HIDDEN_DATA,
    );
    Ok(Value::Undefined)
}
