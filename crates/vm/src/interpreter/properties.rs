//! Inline-cached named property access and global variable access for the dispatch loop.
//!
//! Each `GetNamed`/`SetNamed`/`GetGlobal`/`SetGlobal` site owns an [`InlineCacheSite`] in its
//! linked function. The fast paths here only compare shapes and load/store a slot; they never
//! allocate, throw or call out, so the dispatch loop does not need to save its pc for them.
//! Misses go to the runtime's cached slow paths (`Vm::get_named_cached` /
//! `Vm::set_named_cached`), which refill the entry.
//!
//! Globals are properties of the global object, so a global access is a named access on the
//! global object with the same cache, plus the ReferenceError rules for missing bindings.

use super::link::InlineCacheSite;
use crate::atom::{PropertyKey, atoms};
use crate::object::{ObjectKind, PropertyDescriptor};
use crate::property::{InlineCache, OwnLocation};
use crate::realm::Vm;
use crate::shape::Attributes;
use crate::value::{JsResult, Value};

/// Cache-hit read of `receiver.key`: `Some(value)` on a hit, `None` when the slow path is
/// needed. Never calls out.
#[inline(always)]
pub(crate) fn get_named_fast(vm: &Vm, receiver: Value, site: &InlineCacheSite) -> Option<Value> {
    let Value::Object(object) = receiver else {
        return None;
    };
    let data = vm.object(object);
    for entry in site.entries.iter() {
        match entry.get() {
            InlineCache::Own { shape, slot } if data.shape == shape => {
                return data.slots.get(slot as usize).copied();
            }
            InlineCache::Prototype {
                shape,
                prototype,
                holder,
                slot,
                epoch,
            } if data.shape == shape
                && data.prototype == Some(prototype)
                && epoch == vm.prototype_epoch =>
            {
                return vm.object(holder).slots.get(slot as usize).copied();
            }
            InlineCache::Empty => return None,
            _ => {}
        }
    }
    None
}

/// Cache-hit read of `receiver.key` written directly into `vm.stack[destination]`; returns
/// false when the slow path is needed. Never calls out. `destination` must be a register of
/// the active frame (inside `vm.stack`).
#[inline(always)]
pub(crate) fn get_named_fast_into(
    vm: &mut Vm,
    receiver: Value,
    site: &InlineCacheSite,
    destination: usize,
) -> bool {
    let object = match receiver {
        Value::Object(object) => object,
        // A string primitive's named properties other than `length` are those of
        // %String.prototype%, so its methods hit the site's cache for that object's shape
        // (`length` is answered by the slow path, and must not meet an entry that
        // %String.prototype%'s own `length` could have left at this site).
        Value::String(_) if site.key != PropertyKey::Atom(atoms::LENGTH) => {
            vm.intrinsics.string_prototype
        }
        _ => return false,
    };
    let objects = &vm.heap.objects;
    let data = objects.get(object);
    // Monomorphic hit (see `InlineCacheSite::own_shape`).
    if site.own_shape.get() == Some(data.shape) {
        return match (
            data.slots.get(site.own_slot.get() as usize),
            vm.stack.get_mut(destination),
        ) {
            (Some(source), Some(target)) => {
                *target = *source;
                true
            }
            _ => false,
        };
    }
    for entry in site.entries.iter() {
        let source = match entry.get() {
            InlineCache::Own { shape, slot } if data.shape == shape => {
                data.slots.get(slot as usize)
            }
            InlineCache::Prototype {
                shape,
                prototype,
                holder,
                slot,
                epoch,
            } if data.shape == shape
                && data.prototype == Some(prototype)
                && epoch == vm.prototype_epoch =>
            {
                objects.get(holder).slots.get(slot as usize)
            }
            InlineCache::Empty => return false,
            _ => continue,
        };
        return match (source, vm.stack.get_mut(destination)) {
            (Some(source), Some(target)) => {
                *target = *source;
                true
            }
            _ => false,
        };
    }
    false
}

/// Slow read of `receiver.key` through the runtime (boxing primitives, calling getters,
/// throwing on null/undefined); a cacheable lookup adds an entry to the site.
#[inline(never)]
pub(crate) fn get_named_slow(
    vm: &mut Vm,
    receiver: Value,
    site: &InlineCacheSite,
) -> JsResult<Value> {
    // `length` of arrays and strings is virtual (not in a shape slot), so no cache entry can
    // serve it; answer it directly (an array's `length` is always its own data property, and
    // a string primitive's `length` cannot be shadowed).
    if site.key == PropertyKey::Atom(atoms::LENGTH) {
        match receiver {
            Value::Object(object) => {
                if let ObjectKind::Array(array) = vm.object(object).kind {
                    return Ok(Value::Number(f64::from(array.length)));
                }
            }
            Value::String(string) => return Ok(Value::Number(vm.string(string).len() as f64)),
            _ => {}
        }
    }
    if let Some((getter, _)) = cached_inherited_accessor(vm, receiver, site) {
        vm.escape_if_global_object(receiver);
        return if getter.is_undefined() {
            Ok(Value::Undefined)
        } else {
            vm.call(getter, receiver, &[])
        };
    }
    let mut cache = InlineCache::Empty;
    let result = match receiver {
        Value::Object(_) | Value::Undefined | Value::Null | Value::Hole => {
            vm.get_named_cached(receiver, site.key, &mut cache)
        }
        _ => {
            // A primitive: its methods live on its prototype, whose shape the site caches
            // (see `Vm::get_named_cached_primitive`).
            let prototype = vm.prototype_for_primitive(receiver);
            if let Some(value) = get_named_fast(vm, Value::Object(prototype), site) {
                return Ok(value);
            }
            vm.get_named_cached_primitive(receiver, site.key, &mut cache)
        }
    };
    site.remember(cache);
    result
}

/// Cache-hit write of `receiver.key = value`: an existing own writable data property, or a
/// cached property addition (shape transition). Returns false when the slow path is needed.
/// Never calls out.
#[inline(always)]
pub(crate) fn set_named_fast(
    vm: &mut Vm,
    receiver: Value,
    value: Value,
    site: &InlineCacheSite,
) -> bool {
    let Value::Object(object) = receiver else {
        return false;
    };
    let epoch = vm.prototype_epoch;
    // Monomorphic hit on an existing own property (see `InlineCacheSite::own_shape`).
    {
        let data = vm.object_mut(object);
        if site.own_shape.get() == Some(data.shape)
            && let Some(cell) = data.slots.get_mut(site.own_slot.get() as usize)
        {
            *cell = value;
            return true;
        }
    }
    for entry in site.entries.iter() {
        let data = vm.object_mut(object);
        match entry.get() {
            InlineCache::Own { shape, slot } if data.shape == shape => {
                return match data.slots.get_mut(slot as usize) {
                    Some(cell) => {
                        *cell = value;
                        true
                    }
                    None => false,
                };
            }
            // The same conditions as the runtime's add-transition hit in `set_named_cached`.
            InlineCache::Add {
                from,
                to,
                slot,
                prototype,
                epoch: cached_epoch,
            } if data.shape == from
                && data.prototype == prototype
                && data.extensible
                && cached_epoch == epoch =>
            {
                data.shape = to;
                let slot = slot as usize;
                if data.slots.len() <= slot {
                    data.slots.resize(slot + 1, Value::Undefined);
                }
                data.slots[slot] = value;
                if data.guards_inline_caches {
                    vm.prototype_epoch = vm.prototype_epoch.wrapping_add(1);
                }
                return true;
            }
            InlineCache::Empty => return false,
            _ => {}
        }
    }
    false
}

/// Slow write of `receiver.key = value` ([[Set]], including property additions, which the
/// runtime caches as add-transitions).
#[inline(never)]
pub(crate) fn set_named_slow(
    vm: &mut Vm,
    receiver: Value,
    value: Value,
    site: &InlineCacheSite,
    strict: bool,
) -> JsResult<()> {
    if let Some(setter) = cached_inherited_accessor(vm, receiver, site).map(|(_, setter)| setter)
        && !setter.is_undefined()
    {
        vm.escape_if_global_object(receiver);
        return vm.call(setter, receiver, &[value]).map(|_| ());
    }
    let mut cache = InlineCache::Empty;
    let result = vm.set_named_cached(receiver, site.key, value, strict, &mut cache);
    site.remember(cache);
    result
}

/// The getter and setter of an accessor that `receiver` inherits, when one of the site's
/// entries is a valid [`InlineCache::Accessor`] for it: the slow paths then call the
/// function directly instead of walking the prototype chain again (class getters and
/// setters were 1.4x QuickJS's instructions).
#[inline]
fn cached_inherited_accessor(
    vm: &Vm,
    receiver: Value,
    site: &InlineCacheSite,
) -> Option<(Value, Value)> {
    let Value::Object(object) = receiver else {
        return None;
    };
    site.entries
        .iter()
        .find_map(|entry| vm.cached_accessor_pair(object, entry.get()))
}

/// Cache-hit read of a global binding.
#[inline(always)]
pub(crate) fn get_global_fast(vm: &Vm, site: &InlineCacheSite) -> Option<Value> {
    let global = Value::Object(vm.intrinsics.global_object);
    get_named_fast(vm, global, site)
}

// ----- The global declarative record -----
//
// Top-level `let`, `const` and `class` declarations of scripts compiled with global lexical
// declarations (the REPL, `Runtime::evaluate`, test262's harness and tests, `$262.evalScript`)
// live in the realm's global declarative record, shared by every later script: an internal
// object without prototype (`Intrinsics::global_lexical_object`) whose properties are the
// bindings, non-writable for constants and holding the hole until initialised. Global
// references consult it before the global object, on their slow paths only: declaring a
// binding whose name the global object also has switches the global object to a dictionary
// shape, so no inline cache can keep answering for the shadowed property. The names of
// global var and function declarations are recorded in `Intrinsics::global_var_names_object`
// for the redeclaration checks.

/// The binding `key` of the global declarative record: its value (the hole while
/// uninitialised) and whether it is mutable.
pub(crate) fn global_lexical_binding(vm: &Vm, key: PropertyKey) -> Option<(Value, bool)> {
    let lexical = vm.intrinsics.global_lexical_object;
    // The global declarative record is an internal object whose contents are never deferred.
    match vm.find_own_property_if_installed(lexical, key).ok()?? {
        OwnLocation::Slot(entry) => Some((
            vm.object(lexical).slots[entry.slot as usize],
            entry.attributes.writable(),
        )),
        _ => None,
    }
}

fn uninitialized_binding_error(vm: &mut Vm, key: PropertyKey) -> Value {
    let name = vm.property_key_to_rust(key);
    vm.new_reference_error(&format!("Cannot access '{name}' before initialization"))
}

/// CheckGlobalLexicalDeclaration: HasVarDeclaration, HasLexicalDeclaration and
/// HasRestrictedGlobalProperty of GlobalDeclarationInstantiation.
pub(crate) fn check_global_lexical_declaration(vm: &mut Vm, key: PropertyKey) -> JsResult<()> {
    let var_names = vm.intrinsics.global_var_names_object;
    let global = vm.intrinsics.global_object;
    let restricted = matches!(
        vm.get_own_property(global, key)?,
        Some(descriptor) if descriptor.configurable == Some(false)
    );
    if vm.find_own_property(var_names, key).is_some()
        || global_lexical_binding(vm, key).is_some()
        || restricted
    {
        let name = vm.property_key_to_rust(key);
        return Err(vm.new_syntax_error(&format!("Identifier '{name}' has already been declared")));
    }
    Ok(())
}

/// DeclareGlobalLexical: an uninitialised binding in the global declarative record.
pub(crate) fn declare_global_lexical(
    vm: &mut Vm,
    key: PropertyKey,
    constant: bool,
) -> JsResult<()> {
    let lexical = vm.intrinsics.global_lexical_object;
    let global = vm.intrinsics.global_object;
    vm.define_data_property(
        lexical,
        key,
        Value::Hole,
        Attributes::new(!constant, false, false),
    );
    // A cached global-object answer for this name would now be wrong.
    if vm.has_property(global, key)? {
        vm.invalidate_inline_caches_of(global);
    }
    Ok(())
}

/// InitializeGlobalLexical.
pub(crate) fn initialize_global_lexical(vm: &mut Vm, key: PropertyKey, value: Value) {
    let lexical = vm.intrinsics.global_lexical_object;
    if let Some(OwnLocation::Slot(entry)) = vm.find_own_property(lexical, key) {
        vm.object_mut(lexical).slots[entry.slot as usize] = value;
    }
}

/// Records a global var or function declaration's name (the global record's [[VarNames]]).
fn record_global_var_name(vm: &mut Vm, key: PropertyKey) {
    let var_names = vm.intrinsics.global_var_names_object;
    if vm.find_own_property(var_names, key).is_none() {
        vm.define_data_property(
            var_names,
            key,
            Value::TRUE,
            Attributes::new(false, false, false),
        );
    }
}

/// A var, function or eval var declaration of a name with a global lexical binding.
fn global_lexical_conflict(vm: &mut Vm, key: PropertyKey) -> JsResult<()> {
    if global_lexical_binding(vm, key).is_some() {
        let name = vm.property_key_to_rust(key);
        return Err(vm.new_syntax_error(&format!("Identifier '{name}' has already been declared")));
    }
    Ok(())
}

/// Slow read of a global binding: ReferenceError when it does not exist.
#[inline(never)]
pub(crate) fn get_global_slow(vm: &mut Vm, site: &InlineCacheSite) -> JsResult<Value> {
    if let Some((value, _)) = global_lexical_binding(vm, site.key) {
        if value.is_hole() {
            return Err(uninitialized_binding_error(vm, site.key));
        }
        return Ok(value);
    }
    let global = vm.intrinsics.global_object;
    if !vm.has_property(global, site.key)? {
        let name = vm.property_key_to_rust(site.key);
        return Err(vm.new_reference_error(&format!("{name} is not defined")));
    }
    get_named_slow(vm, Value::Object(global), site)
}

/// `typeof name` for an unresolved name: "undefined" when the global does not exist.
pub(crate) fn typeof_global(vm: &mut Vm, site: &InlineCacheSite) -> JsResult<Value> {
    if let Some((value, _)) = global_lexical_binding(vm, site.key) {
        if value.is_hole() {
            return Err(uninitialized_binding_error(vm, site.key));
        }
        return Ok(vm.typeof_value(value));
    }
    if let Some(value) = get_global_fast(vm, site) {
        return Ok(vm.typeof_value(value));
    }
    let global = vm.intrinsics.global_object;
    if !vm.has_property(global, site.key)? {
        return Ok(Value::String(vm.atom_string(atoms::UNDEFINED)));
    }
    let value = get_named_slow(vm, Value::Object(global), site)?;
    Ok(vm.typeof_value(value))
}

/// Cache-hit write of an existing global binding.
#[inline(always)]
pub(crate) fn set_global_fast(vm: &mut Vm, site: &InlineCacheSite, value: Value) -> bool {
    let global = Value::Object(vm.intrinsics.global_object);
    set_named_fast(vm, global, value, site)
}

/// Slow write of a global binding: a missing binding is a ReferenceError in strict code and
/// creates a global property in sloppy code.
#[inline(never)]
pub(crate) fn set_global_slow(
    vm: &mut Vm,
    site: &InlineCacheSite,
    value: Value,
    strict: bool,
) -> JsResult<()> {
    if let Some((current, writable)) = global_lexical_binding(vm, site.key) {
        if current.is_hole() {
            return Err(uninitialized_binding_error(vm, site.key));
        }
        if !writable {
            return Err(vm.new_type_error("Assignment to constant variable."));
        }
        initialize_global_lexical(vm, site.key, value);
        return Ok(());
    }
    let global = vm.intrinsics.global_object;
    if strict && !vm.has_property(global, site.key)? {
        let name = vm.property_key_to_rust(site.key);
        return Err(vm.new_reference_error(&format!("{name} is not defined")));
    }
    set_named_slow(vm, Value::Object(global), value, site, strict)
}

/// `delete name` for an unresolved name (sloppy code only).
pub(crate) fn delete_global(vm: &mut Vm, key: PropertyKey, strict: bool) -> JsResult<bool> {
    if global_lexical_binding(vm, key).is_some() {
        return Ok(false);
    }
    let global = vm.intrinsics.global_object;
    vm.delete_property_or_throw(Value::Object(global), key, strict)
}

/// CreateGlobalVarBinding: defines `{ value: undefined, writable, enumerable, configurable:
/// false }` unless the global object already has an own property of that name.
pub(crate) fn declare_global_var(
    vm: &mut Vm,
    key: PropertyKey,
    configurable: bool,
) -> JsResult<()> {
    record_global_var_name(vm, key);
    let global = vm.intrinsics.global_object;
    if vm.find_own_property(global, key).is_none() {
        let mut attributes = Attributes(Attributes::WRITABLE | Attributes::ENUMERABLE);
        if configurable {
            attributes = Attributes(attributes.0 | Attributes::CONFIGURABLE);
        }
        vm.define_data_property(global, key, Value::Undefined, attributes);
    }
    Ok(())
}

/// CreateGlobalFunctionBinding: a configurable (or absent) property is replaced by
/// `{ value, writable, enumerable, configurable: false }`; otherwise only the value is set.
pub(crate) fn declare_global_function(
    vm: &mut Vm,
    key: PropertyKey,
    value: Value,
    configurable: bool,
) -> JsResult<()> {
    record_global_var_name(vm, key);
    let global = vm.intrinsics.global_object;
    let existing = vm.get_own_property(global, key)?;
    let descriptor = match existing {
        Some(existing) if existing.configurable == Some(false) => PropertyDescriptor {
            value: Some(value),
            ..Default::default()
        },
        _ => PropertyDescriptor::data(value, true, true, configurable),
    };
    vm.define_property_or_throw(global, key, descriptor)
}

/// HasBinding of an object environment record created by `with`: HasProperty, then the
/// `@@unscopables` check (a truthy `object[@@unscopables][key]` hides the property).
pub(crate) fn has_with_binding(vm: &mut Vm, object: Value, key: PropertyKey) -> JsResult<bool> {
    let Value::Object(object) = object else {
        return Ok(false);
    };
    if !vm.has_property(object, key)? {
        return Ok(false);
    }
    let unscopables_key = PropertyKey::Symbol(vm.intrinsics.symbols.unscopables);
    let unscopables = vm.get(object, unscopables_key)?;
    if let Value::Object(unscopables) = unscopables {
        let blocked = vm.get(unscopables, key)?;
        return Ok(!vm.to_boolean(blocked));
    }
    Ok(true)
}

/// CanDeclareGlobalFunction (`function_declaration`) or CanDeclareGlobalVar, throwing the
/// TypeError of GlobalDeclarationInstantiation / EvalDeclarationInstantiation when false.
pub(crate) fn check_global_declaration(
    vm: &mut Vm,
    key: PropertyKey,
    function_declaration: bool,
) -> JsResult<()> {
    global_lexical_conflict(vm, key)?;
    let global = vm.intrinsics.global_object;
    let existing = vm.get_own_property(global, key)?;
    let definable = match existing {
        None => vm.object(global).extensible,
        Some(_) if !function_declaration => true,
        Some(descriptor) => {
            descriptor.configurable == Some(true)
                || (descriptor.value.is_some()
                    && descriptor.writable == Some(true)
                    && descriptor.enumerable == Some(true))
        }
    };
    if definable {
        return Ok(());
    }
    let name = vm.property_key_to_rust(key);
    Err(vm.new_type_error(&format!("Cannot declare global '{name}'")))
}
