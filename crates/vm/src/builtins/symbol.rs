//! `Symbol`: the constructor (callable, not constructible), the well-known symbols,
//! `Symbol.for`/`Symbol.keyFor`, and `Symbol.prototype` (`toString`, `valueOf`,
//! `description`, `[Symbol.toPrimitive]`, `[Symbol.toStringTag]`).

use super::{constant_property, getter, method, string_value, symbol_method, to_string_tag};
use crate::function::Args;
use crate::object::ObjectKind;
use crate::realm::Vm;
use crate::shape::Attributes;
use crate::value::{JsResult, SymbolRef, Value};

/// Installs `Symbol`.
pub fn install(vm: &mut Vm) {
    let constructor = vm.intrinsics.symbol_constructor;
    super::install_constructor_behaviour(vm, constructor, symbol_constructor, 0);
    let prototype = vm.intrinsics.symbol_prototype;
    vm.defer_contents(&[constructor, prototype], install_contents);
}

/// Installs the properties of `Symbol` and `Symbol.prototype` (on first touch, see `crate::deferred_contents`;
/// setting the constructor's behaviour again is harmless).
fn install_contents(vm: &mut Vm) {
    let constructor = vm.intrinsics.symbol_constructor;
    super::install_constructor_behaviour(vm, constructor, symbol_constructor, 0);
    // Symbol is not a constructor: `new Symbol()` throws (handled in the function body).
    let symbols = vm.intrinsics.symbols;
    for (name, symbol) in [
        ("asyncDispose", symbols.async_dispose),
        ("asyncIterator", symbols.async_iterator),
        ("dispose", symbols.dispose),
        ("hasInstance", symbols.has_instance),
        ("isConcatSpreadable", symbols.is_concat_spreadable),
        ("iterator", symbols.iterator),
        ("match", symbols.match_),
        ("matchAll", symbols.match_all),
        ("replace", symbols.replace),
        ("search", symbols.search),
        ("species", symbols.species),
        ("split", symbols.split),
        ("toPrimitive", symbols.to_primitive),
        ("toStringTag", symbols.to_string_tag),
        ("unscopables", symbols.unscopables),
    ] {
        constant_property(vm, constructor, name, Value::Symbol(symbol));
    }
    method(vm, constructor, "for", 1, symbol_for);
    method(vm, constructor, "keyFor", 1, symbol_key_for);

    let prototype = vm.intrinsics.symbol_prototype;
    method(vm, prototype, "toString", 0, symbol_to_string);
    method(vm, prototype, "valueOf", 0, symbol_value_of);
    getter(vm, prototype, "description", symbol_description);
    let to_primitive = symbols.to_primitive;
    let created = symbol_method(
        vm,
        prototype,
        to_primitive,
        "[Symbol.toPrimitive]",
        1,
        symbol_value_of,
    );
    vm.define_data_property(
        prototype,
        crate::atom::PropertyKey::Symbol(to_primitive),
        Value::Object(created),
        Attributes::CONFIGURABLE_ONLY,
    );
    to_string_tag(vm, prototype, "Symbol");
}

fn symbol_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if args.is_construct_call() {
        return vm.throw_type_error("Symbol is not a constructor");
    }
    let description = args.get(vm, 0);
    let description = if description.is_undefined() {
        None
    } else {
        Some(vm.to_string(description)?)
    };
    Ok(Value::Symbol(vm.new_symbol_with_description(description)))
}

fn symbol_for(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let key = vm.to_string(args.get(vm, 0))?;
    let atom = vm.intern_string(key);
    if let Some(&symbol) = vm.symbol_registry.get(&atom) {
        return Ok(Value::Symbol(symbol));
    }
    let symbol = vm.new_symbol_with_description(Some(key));
    vm.heap.symbols.get_mut(symbol).registered = true;
    vm.symbol_registry.insert(atom, symbol);
    Ok(Value::Symbol(symbol))
}

fn symbol_key_for(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let Value::Symbol(symbol) = args.get(vm, 0) else {
        let text = vm.describe_value_for_error(args.get(vm, 0));
        return vm.throw_type_error(&format!("{text} is not a symbol"));
    };
    let data = vm.symbol(symbol);
    if data.registered {
        return Ok(data.description.map_or(Value::Undefined, Value::String));
    }
    Ok(Value::Undefined)
}

/// thisSymbolValue.
fn this_symbol_value(vm: &mut Vm, this: Value) -> JsResult<SymbolRef> {
    match this {
        Value::Symbol(symbol) => Ok(symbol),
        Value::Object(object) => match vm.object(object).kind {
            ObjectKind::SymbolWrapper(symbol) => Ok(symbol),
            _ => vm.throw_type_error("Symbol.prototype method called on incompatible receiver"),
        },
        _ => vm.throw_type_error("Symbol.prototype method called on incompatible receiver"),
    }
}

/// SymbolDescriptiveString.
pub fn symbol_descriptive_string(vm: &Vm, symbol: SymbolRef) -> String {
    match vm.symbol(symbol).description {
        Some(description) => format!("Symbol({})", vm.string_to_rust(description)),
        None => "Symbol()".to_string(),
    }
}

fn symbol_to_string(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let symbol = this_symbol_value(vm, this)?;
    let text = symbol_descriptive_string(vm, symbol);
    Ok(string_value(vm, &text))
}

fn symbol_value_of(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    this_symbol_value(vm, this).map(Value::Symbol)
}

fn symbol_description(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let symbol = this_symbol_value(vm, this)?;
    Ok(vm
        .symbol(symbol)
        .description
        .map_or(Value::Undefined, Value::String))
}
