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
use crate::object::PropertyDescriptor;
use crate::property::InlineCache;
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
    match site.cache.get() {
        InlineCache::Own { shape, slot } if data.shape == shape => {
            data.slots.get(slot as usize).copied()
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
            vm.object(holder).slots.get(slot as usize).copied()
        }
        _ => None,
    }
}

/// Slow read of `receiver.key` through the runtime (boxing primitives, calling getters,
/// throwing on null/undefined), refilling the cache.
#[inline(never)]
pub(crate) fn get_named_slow(
    vm: &mut Vm,
    receiver: Value,
    site: &InlineCacheSite,
) -> JsResult<Value> {
    let mut cache = site.cache.get();
    let result = vm.get_named_cached(receiver, site.key, &mut cache);
    site.cache.set(cache);
    result
}

/// Cache-hit write of `receiver.key = value` for an existing own writable data property.
/// Returns false when the slow path is needed. Never calls out.
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
    let InlineCache::Own { shape, slot } = site.cache.get() else {
        return false;
    };
    let data = vm.object_mut(object);
    if data.shape != shape {
        return false;
    }
    match data.slots.get_mut(slot as usize) {
        Some(cell) => {
            *cell = value;
            true
        }
        None => false,
    }
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
    let mut cache = site.cache.get();
    let result = vm.set_named_cached(receiver, site.key, value, strict, &mut cache);
    site.cache.set(cache);
    result
}

/// Cache-hit read of a global binding.
#[inline(always)]
pub(crate) fn get_global_fast(vm: &Vm, site: &InlineCacheSite) -> Option<Value> {
    let global = Value::Object(vm.intrinsics.global_object);
    get_named_fast(vm, global, site)
}

/// Slow read of a global binding: ReferenceError when it does not exist.
#[inline(never)]
pub(crate) fn get_global_slow(vm: &mut Vm, site: &InlineCacheSite) -> JsResult<Value> {
    let global = vm.intrinsics.global_object;
    if !vm.has_property(global, site.key)? {
        let name = vm.property_key_to_rust(site.key);
        return Err(vm.new_reference_error(&format!("{name} is not defined")));
    }
    get_named_slow(vm, Value::Object(global), site)
}

/// `typeof name` for an unresolved name: "undefined" when the global does not exist.
pub(crate) fn typeof_global(vm: &mut Vm, site: &InlineCacheSite) -> JsResult<Value> {
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
    let global = vm.intrinsics.global_object;
    if strict && !vm.has_property(global, site.key)? {
        let name = vm.property_key_to_rust(site.key);
        return Err(vm.new_reference_error(&format!("{name} is not defined")));
    }
    set_named_slow(vm, Value::Object(global), value, site, strict)
}

/// `delete name` for an unresolved name (sloppy code only).
pub(crate) fn delete_global(vm: &mut Vm, key: PropertyKey, strict: bool) -> JsResult<bool> {
    let global = vm.intrinsics.global_object;
    vm.delete_property_or_throw(Value::Object(global), key, strict)
}

/// CreateGlobalVarBinding: defines `{ value: undefined, writable, enumerable, configurable:
/// false }` unless the global object already has an own property of that name.
pub(crate) fn declare_global_var(vm: &mut Vm, key: PropertyKey) -> JsResult<()> {
    let global = vm.intrinsics.global_object;
    if vm.find_own_property(global, key).is_none() {
        let attributes = Attributes(Attributes::WRITABLE | Attributes::ENUMERABLE);
        vm.define_data_property(global, key, Value::Undefined, attributes);
    }
    Ok(())
}

/// CreateGlobalFunctionBinding: a configurable (or absent) property is replaced by
/// `{ value, writable, enumerable, configurable: false }`; otherwise only the value is set.
pub(crate) fn declare_global_function(vm: &mut Vm, key: PropertyKey, value: Value) -> JsResult<()> {
    let global = vm.intrinsics.global_object;
    let existing = vm.get_own_property(global, key)?;
    let descriptor = match existing {
        Some(existing) if existing.configurable == Some(false) => PropertyDescriptor {
            value: Some(value),
            ..Default::default()
        },
        _ => PropertyDescriptor::data(value, true, true, false),
    };
    vm.define_property_or_throw(global, key, descriptor)
}
