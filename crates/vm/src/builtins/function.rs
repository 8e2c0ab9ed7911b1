//! `Function` and `Function.prototype`: `call`, `apply`, `bind`, `toString`,
//! `[Symbol.hasInstance]`.
//!
//! `toString` returns the exact source slice of bytecode closures (the compiler records each
//! function's span, for classes the whole class) and `function name() { [native code] }` for
//! native and bound functions. The `Function` constructor is CreateDynamicFunction in
//! `builtins::eval`.

use tseval_compiler::bytecode::FunctionFlags;

use super::{length_of_array_like, method, symbol_method};
use crate::atom::{PropertyKey, atoms};
use crate::function::Args;
use crate::object::ObjectKind;
use crate::realm::Vm;
use crate::shape::Attributes;
use crate::value::{JsResult, ObjectRef, Value};

/// Installs `Function.prototype` methods.
pub fn install(vm: &mut Vm) {
    let constructor = vm.intrinsics.function_constructor;
    super::install_constructor_behaviour(vm, constructor, function_constructor, 1);
    let prototype = vm.intrinsics.function_prototype;
    vm.defer_contents(&[prototype], install_contents);
}

/// Installs the methods of `Function.prototype` (on first touch, see
/// `crate::deferred_contents`; setting the constructor's behaviour again is harmless).
fn install_contents(vm: &mut Vm) {
    let prototype = vm.intrinsics.function_prototype;
    method(vm, prototype, "call", 1, function_call);
    method(vm, prototype, "apply", 2, function_apply);
    method(vm, prototype, "bind", 1, function_bind);
    method(vm, prototype, "toString", 0, function_to_string);
    let has_instance = vm.intrinsics.symbols.has_instance;
    let created = symbol_method(
        vm,
        prototype,
        has_instance,
        "[Symbol.hasInstance]",
        1,
        function_has_instance,
    );
    // Function.prototype[@@hasInstance] is non-writable and non-configurable.
    vm.define_data_property(
        prototype,
        PropertyKey::Symbol(has_instance),
        Value::Object(created),
        Attributes::FROZEN,
    );
    let constructor = vm.intrinsics.function_constructor;
    super::install_constructor_behaviour(vm, constructor, function_constructor, 1);
}

fn function_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    super::eval::create_dynamic_function(vm, args, super::eval::DynamicFunctionKind::Normal)
}

/// (is_class, is_async, is_generator) of a function object.
pub fn function_flavour(vm: &Vm, function: ObjectRef) -> (bool, bool, bool) {
    match &vm.object(function).kind {
        ObjectKind::Closure(closure) => {
            let linked = crate::interpreter::linked_function(vm, closure.code);
            (
                closure.is_class_constructor,
                linked.flags.contains(FunctionFlags::ASYNC),
                linked.flags.contains(FunctionFlags::GENERATOR),
            )
        }
        _ => (false, false, false),
    }
}

/// The source text of a function, as `Function.prototype.toString` returns it.
pub fn function_source_text(vm: &mut Vm, function: ObjectRef) -> String {
    if let ObjectKind::Closure(closure) = &vm.object(function).kind {
        let linked = crate::interpreter::linked_function(vm, closure.code);
        let span = linked.template.source_span;
        let source = &linked.script.source;
        if let Some(text) = source.get(span.start as usize..span.end as usize)
            && !text.is_empty()
        {
            return text.to_string();
        }
    }
    let name = match vm.get_data_property_no_side_effects(function, PropertyKey::Atom(atoms::NAME))
    {
        Some(Value::String(name)) => vm.string_to_rust(name),
        _ => String::new(),
    };
    format!("function {name}() {{ [native code] }}")
}

fn function_to_string(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    match this {
        Value::Object(object) if vm.object(object).is_callable() => {
            let text = function_source_text(vm, object);
            Ok(super::string_value(vm, &text))
        }
        _ => vm.throw_type_error("Function.prototype.toString requires that 'this' be a Function"),
    }
}

fn function_call(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    if !vm.is_callable(this) {
        return vm
            .throw_type_error("Function.prototype.call called on a value that is not a function");
    }
    let this_argument = args.get(vm, 0);
    let rest = args.rest(vm, 1);
    vm.call(this, this_argument, &rest)
}

/// CreateListFromArrayLike.
pub fn list_from_array_like(vm: &mut Vm, value: Value) -> JsResult<Vec<Value>> {
    let Value::Object(object) = value else {
        return vm.throw_type_error("CreateListFromArrayLike called on non-object");
    };
    if let ObjectKind::Array(array) = vm.object(object).kind
        && vm.object(object).elements.len() == array.length as usize
        && !vm
            .object(object)
            .elements
            .iter()
            .any(|element| element.is_hole())
    {
        return Ok(vm.object(object).elements.to_vec());
    }
    let length = length_of_array_like(vm, object)?;
    let mut list = Vec::with_capacity(length.min(1 << 16) as usize);
    for index in 0..length {
        let key = super::index_key(vm, index);
        list.push(vm.get(object, key)?);
    }
    Ok(list)
}

fn function_apply(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    if !vm.is_callable(this) {
        return vm.throw_type_error(
            "Function.prototype.apply was called on a value that is not a function",
        );
    }
    let this_argument = args.get(vm, 0);
    let array_like = args.get(vm, 1);
    if array_like.is_nullish() {
        return vm.call(this, this_argument, &[]);
    }
    let list = list_from_array_like(vm, array_like)?;
    vm.call(this, this_argument, &list)
}

fn function_bind(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let Value::Object(target) = this else {
        return vm.throw_type_error("Bind must be called on a function");
    };
    if !vm.object(target).is_callable() {
        return vm.throw_type_error("Bind must be called on a function");
    }
    let bound_this = args.get(vm, 0);
    let bound_arguments = args.rest(vm, 1);
    let argument_count = bound_arguments.len() as f64;
    let scope = vm.open_handle_scope();
    vm.root(this);
    let bound = vm.new_bound_function(target, bound_this, bound_arguments)?;
    vm.root(Value::Object(bound));
    let mut length = 0.0;
    if vm.has_own_property(target, PropertyKey::Atom(atoms::LENGTH))? {
        let target_length = vm.get(target, PropertyKey::Atom(atoms::LENGTH))?;
        if let Value::Number(number) = target_length {
            if number == f64::INFINITY {
                length = f64::INFINITY;
            } else if number.is_finite() {
                length = (number.trunc() - argument_count).max(0.0);
            }
        }
    }
    vm.define_data_property(
        bound,
        PropertyKey::Atom(atoms::LENGTH),
        Value::Number(length),
        Attributes::CONFIGURABLE_ONLY,
    );
    let target_name = vm.get(target, PropertyKey::Atom(atoms::NAME))?;
    let name_text = match target_name {
        Value::String(name) => vm.string_to_rust(name),
        _ => String::new(),
    };
    let name = vm.new_string(&format!("bound {name_text}"));
    vm.define_data_property(
        bound,
        PropertyKey::Atom(atoms::NAME),
        Value::String(name),
        Attributes::CONFIGURABLE_ONLY,
    );
    vm.close_handle_scope(scope);
    Ok(Value::Object(bound))
}

fn function_has_instance(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let value = args.get(vm, 0);
    vm.ordinary_has_instance(this, value).map(Value::Boolean)
}
