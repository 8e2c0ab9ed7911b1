//! Property operations: [[Get]], [[Set]], [[DefineOwnProperty]], [[Delete]], [[HasProperty]],
//! [[OwnPropertyKeys]] with prototype chains, accessors, array `length`, String wrappers, and
//! the inline-cache fast paths used by the interpreter.
//!
//! Storage rules are described in `object.rs`: an index key lives either in the dense
//! `elements` (default attributes only) or in the shape, never both; every other key lives in
//! the shape. Array `length` and String wrapper `length`/indices are virtual.
//!
//! Inline caches ([`InlineCache`]): one per property-access instruction.
//! - Own hit: `(shape, slot)`; valid while the receiver has that (tree) shape.
//! - Prototype hit: `(receiver shape, receiver prototype, holder, slot, epoch)`. Objects on the
//!   walked chain are flagged `guards_inline_caches`; any layout change of a flagged object
//!   bumps `Vm::prototype_epoch`, invalidating all prototype entries at once (cheap, and
//!   layout changes of prototypes are rare after start-up).
//! - Add transition (for `this.x = v` in constructors): `(old shape, new shape, slot,
//!   receiver prototype, epoch)`.
//!
//! Dictionary shapes are never cached as receivers (they mutate in place).

use crate::atom::{PropertyKey, atoms};
use crate::deferred_contents::ContentsDeferred;
use crate::object::{ArrayData, ObjectKind, PropertyDescriptor};
use crate::realm::Vm;
use crate::shape::{Attributes, ShapeEntry};
use crate::string::JsString;
use crate::value::{JsResult, ObjectRef, ShapeId, Value};

/// One own data property listed by [`Vm::plain_data_property_slots`].
#[derive(Clone, Copy, Debug)]
pub struct PlainDataProperty {
    /// The key.
    pub key: PropertyKey,
    /// The slot holding the value.
    pub slot: u32,
    /// Whether the property is enumerable.
    pub enumerable: bool,
}

impl PlainDataProperty {
    fn of(entry: &crate::shape::ShapeEntry) -> PlainDataProperty {
        PlainDataProperty {
            key: entry.key,
            slot: entry.slot,
            enumerable: entry.attributes.enumerable(),
        }
    }
}

/// Dense elements grow to cover a new index only if it is at most this far past the end;
/// farther indices go to the shape (sparse storage).
pub const MAX_DENSE_GAP: usize = 1024;

/// Where an own property lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OwnLocation {
    /// `elements[index]` (a default-attribute data property).
    Element(u32),
    /// A shape slot.
    Slot(ShapeEntry),
    /// The virtual `length` of an array.
    ArrayLength,
    /// The virtual `length` of a String wrapper.
    StringLength,
    /// A virtual index of a String wrapper.
    StringIndex(u32),
    /// A valid integer index of a typed array (its element in the buffer).
    TypedElement(u32),
    /// Export `index` of a module namespace object (a live binding).
    ModuleExport(u32),
    /// A mapped index of a mapped arguments object: the parameter's environment slot (see
    /// `arguments.rs`).
    MappedArgument(u32),
}

/// A per-instruction inline cache.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InlineCache {
    /// Nothing cached yet (or invalidated).
    #[default]
    Empty,
    /// An own data property in `slot` of objects with `shape`.
    Own {
        /// The receiver's (tree) shape.
        shape: ShapeId,
        /// The slot.
        slot: u32,
    },
    /// A data property found on the prototype chain.
    Prototype {
        /// The receiver's (tree) shape.
        shape: ShapeId,
        /// The receiver's direct prototype.
        prototype: ObjectRef,
        /// The object holding the property.
        holder: ObjectRef,
        /// The holder's slot.
        slot: u32,
        /// `Vm::prototype_epoch` when filled.
        epoch: u32,
    },
    /// An accessor property found on the prototype chain: its getter is in `slot` of
    /// `holder` and its setter in `slot + 1`. Only the slow paths use it (calling a getter
    /// or setter can run anything), to skip the chain walk before the call.
    Accessor {
        /// The receiver's (tree) shape.
        shape: ShapeId,
        /// The receiver's direct prototype.
        prototype: ObjectRef,
        /// The object holding the accessor.
        holder: ObjectRef,
        /// The holder's getter slot.
        slot: u32,
        /// `Vm::prototype_epoch` when filled.
        epoch: u32,
    },
    /// A property addition: objects with shape `from` move to shape `to` and store in `slot`.
    Add {
        /// Shape before the addition.
        from: ShapeId,
        /// Shape after the addition.
        to: ShapeId,
        /// The new slot.
        slot: u32,
        /// The receiver's direct prototype (the chain was checked for setters/readonly).
        prototype: Option<ObjectRef>,
        /// `Vm::prototype_epoch` when filled.
        epoch: u32,
    },
}

/// An iterator record (GetIterator result).
#[derive(Clone, Copy, Debug)]
pub struct IteratorRecord {
    /// The iterator object.
    pub iterator: ObjectRef,
    /// Its `next` method.
    pub next_method: Value,
    /// Set once `next` reported `done: true` (or threw).
    pub done: bool,
}

impl Vm {
    // ----- lookup -----

    /// Finds where an own property lives, without running user code. A built-in object whose
    /// remaining properties are installed on first touch gets them first (see
    /// `crate::deferred_contents`), so no caller ever sees it half-built.
    #[inline]
    pub fn find_own_property(
        &mut self,
        object: ObjectRef,
        key: PropertyKey,
    ) -> Option<OwnLocation> {
        match self.find_own_property_if_installed(object, key) {
            Ok(location) => location,
            Err(ContentsDeferred) => self.find_own_property_after_installing(object, key),
        }
    }

    /// [`Vm::find_own_property`] for an object whose contents were deferred (cold).
    #[cold]
    #[inline(never)]
    fn find_own_property_after_installing(
        &mut self,
        object: ObjectRef,
        key: PropertyKey,
    ) -> Option<OwnLocation> {
        self.install_deferred_contents(object);
        self.find_own_property_if_installed(object, key)
            .ok()
            .flatten()
    }

    /// Finds an own property among those an object has now, without installing deferred
    /// built-in contents (for side-effect-free readers holding only `&Vm`).
    pub fn find_own_property_installed_so_far(
        &self,
        object: ObjectRef,
        key: PropertyKey,
    ) -> Option<OwnLocation> {
        match self.find_own_property_if_installed(object, key) {
            Ok(location) => location,
            Err(ContentsDeferred) => self
                .heap
                .shapes
                .get(self.object(object).shape)
                .lookup(key)
                .map(OwnLocation::Slot),
        }
    }

    /// Whether `object` still waits for its deferred built-in contents.
    #[inline]
    pub fn contents_deferred(&self, object: ObjectRef) -> bool {
        self.heap
            .shapes
            .get(self.object(object).shape)
            .deferred_contents
    }

    /// Finds where an own property lives without installing deferred built-in contents:
    /// `Err(ContentsDeferred)` when the object's shape still waits for them (for the few
    /// callers that only hold `&Vm` and can answer conservatively).
    #[inline]
    pub fn find_own_property_if_installed(
        &self,
        object: ObjectRef,
        key: PropertyKey,
    ) -> Result<Option<OwnLocation>, ContentsDeferred> {
        let data = self.object(object);
        match key {
            PropertyKey::Index(index) => {
                if let Some(value) = data.elements.get(index as usize)
                    && !value.is_hole()
                {
                    return Ok(Some(OwnLocation::Element(index)));
                }
                if let ObjectKind::StringWrapper(string) = data.kind
                    && (index as usize) < self.string(string).len()
                {
                    return Ok(Some(OwnLocation::StringIndex(index)));
                }
                if let ObjectKind::TypedArray(view) = &data.kind {
                    return Ok(self
                        .typed_array_has_index(view, index)
                        .then_some(OwnLocation::TypedElement(index)));
                }
                if let ObjectKind::MappedArguments(_) = data.kind
                    && self.mapped_parameter(object, index).is_some()
                {
                    return Ok(Some(OwnLocation::MappedArgument(index)));
                }
            }
            PropertyKey::Atom(atoms::LENGTH) => match data.kind {
                ObjectKind::Array(_) => return Ok(Some(OwnLocation::ArrayLength)),
                ObjectKind::StringWrapper(_) => return Ok(Some(OwnLocation::StringLength)),
                _ => {}
            },
            _ => {}
        }
        if let ObjectKind::ModuleNamespace(module) = data.kind
            && !matches!(key, PropertyKey::Symbol(_))
        {
            return Ok(self
                .namespace_export_index(module, key)
                .map(OwnLocation::ModuleExport));
        }
        let shape = self.heap.shapes.get(data.shape);
        if shape.deferred_contents {
            return Err(ContentsDeferred);
        }
        Ok(shape.lookup(key).map(OwnLocation::Slot))
    }

    /// Reads the value at an own location (calling getters with `receiver`).
    fn read_location(
        &mut self,
        holder: ObjectRef,
        location: OwnLocation,
        receiver: Value,
    ) -> JsResult<Value> {
        let data = self.object(holder);
        match location {
            OwnLocation::Element(index) => Ok(data.elements[index as usize]),
            OwnLocation::Slot(entry) => {
                if entry.attributes.is_accessor() {
                    let getter = data.slots[entry.slot as usize];
                    if getter.is_undefined() {
                        Ok(Value::Undefined)
                    } else {
                        self.escape_if_global_object(receiver);
                        self.call(getter, receiver, &[])
                    }
                } else {
                    let value = data.slots[entry.slot as usize];
                    if value.is_hole() {
                        return Ok(self.value_after_materializing(holder, entry));
                    }
                    Ok(value)
                }
            }
            OwnLocation::ArrayLength => match data.kind {
                ObjectKind::Array(array) => Ok(Value::Number(array.length as f64)),
                _ => Ok(Value::Undefined),
            },
            OwnLocation::StringLength => match data.kind {
                ObjectKind::StringWrapper(string) => {
                    Ok(Value::Number(self.string(string).len() as f64))
                }
                _ => Ok(Value::Undefined),
            },
            OwnLocation::StringIndex(index) => match data.kind {
                ObjectKind::StringWrapper(string) => {
                    Ok(self.string_char_at(string, index as usize))
                }
                _ => Ok(Value::Undefined),
            },
            OwnLocation::TypedElement(index) => {
                Ok(self.typed_array_get_element(holder, index as f64))
            }
            OwnLocation::ModuleExport(index) => match data.kind {
                ObjectKind::ModuleNamespace(module) => self.namespace_export_value(module, index),
                _ => Ok(Value::Undefined),
            },
            OwnLocation::MappedArgument(index) => Ok(self.mapped_argument_value(holder, index)),
        }
    }

    /// The one-code-unit string at `index` of `string` (undefined past the end).
    pub fn string_char_at(&mut self, string: crate::value::StringRef, index: usize) -> Value {
        match self.string(string).code_unit_at(index) {
            Some(unit) => Value::String(self.single_code_unit_string(unit)),
            None => Value::Undefined,
        }
    }

    /// A string of one code unit; Latin-1 ones are cached (no allocation for `s[i]` loops).
    pub fn single_code_unit_string(&mut self, unit: u16) -> crate::value::StringRef {
        if unit < 256 {
            if self.single_character_strings.is_empty() {
                self.single_character_strings = (0..256u16)
                    .map(|code| self.heap.strings.allocate(JsString::from_code_unit(code)))
                    .collect();
            }
            return self.single_character_strings[unit as usize];
        }
        self.alloc_string(JsString::from_code_unit(unit))
    }

    /// [[GetOwnProperty]].
    pub fn get_own_property(
        &mut self,
        object: ObjectRef,
        key: PropertyKey,
    ) -> JsResult<Option<PropertyDescriptor>> {
        let Some(location) = self.find_own_property(object, key) else {
            if self.object(object).is_proxy() {
                return self.proxy_get_own_property(object, key);
            }
            return Ok(None);
        };
        if let OwnLocation::ModuleExport(_) = location {
            // A module namespace's exports are writable, enumerable, non-configurable data
            // properties whose value read throws in the binding's TDZ.
            let value = self.read_location(object, location, Value::Object(object))?;
            return Ok(Some(PropertyDescriptor::data(value, true, true, false)));
        }
        Ok(Some(self.descriptor_at(object, location)))
    }

    fn descriptor_at(&mut self, object: ObjectRef, location: OwnLocation) -> PropertyDescriptor {
        let data = self.object(object);
        match location {
            OwnLocation::Element(index) => {
                PropertyDescriptor::data(data.elements[index as usize], true, true, true)
            }
            OwnLocation::Slot(entry) => {
                let attributes = entry.attributes;
                let slot = entry.slot as usize;
                if attributes.is_accessor() {
                    PropertyDescriptor::accessor(
                        data.slots[slot],
                        data.slots[slot + 1],
                        attributes.enumerable(),
                        attributes.configurable(),
                    )
                } else {
                    let mut value = data.slots[slot];
                    if value.is_hole() {
                        value = self.value_after_materializing(object, entry);
                    }
                    PropertyDescriptor::data(
                        value,
                        attributes.writable(),
                        attributes.enumerable(),
                        attributes.configurable(),
                    )
                }
            }
            OwnLocation::ArrayLength => {
                let (length, writable) = match data.kind {
                    ObjectKind::Array(array) => (array.length, array.length_writable),
                    _ => (0, false),
                };
                PropertyDescriptor::data(Value::Number(length as f64), writable, false, false)
            }
            OwnLocation::StringLength => {
                let length = match data.kind {
                    ObjectKind::StringWrapper(string) => self.string(string).len(),
                    _ => 0,
                };
                PropertyDescriptor::data(Value::Number(length as f64), false, false, false)
            }
            OwnLocation::StringIndex(index) => {
                let value = match data.kind {
                    ObjectKind::StringWrapper(string) => {
                        self.string_char_at(string, index as usize)
                    }
                    _ => Value::Undefined,
                };
                PropertyDescriptor::data(value, false, true, false)
            }
            OwnLocation::TypedElement(index) => {
                let value = self.typed_array_get_element(object, index as f64);
                PropertyDescriptor::data(value, true, true, true)
            }
            OwnLocation::ModuleExport(_) => {
                PropertyDescriptor::data(Value::Undefined, true, true, false)
            }
            OwnLocation::MappedArgument(index) => self.mapped_argument_descriptor(object, index),
        }
    }

    /// Reads a data property along the chain without running user code (getters are not
    /// called; an accessor yields `None`). For error reporting and printing.
    ///
    /// It does not install deferred built-in contents (it only holds `&Vm`): an object whose
    /// contents wait shows the properties it has so far (`constructor`, `name`, `prototype`,
    /// the errors' `name` and `message`, which are defined at realm setup), which is what
    /// these readers look for (see `crate::deferred_contents`).
    pub fn get_data_property_no_side_effects(
        &self,
        object: ObjectRef,
        key: PropertyKey,
    ) -> Option<Value> {
        let mut current = object;
        for _ in 0..10_000 {
            if let Some(location) = self.find_own_property_installed_so_far(current, key) {
                let data = self.object(current);
                return match location {
                    OwnLocation::Element(index) => Some(data.elements[index as usize]),
                    OwnLocation::Slot(entry) if !entry.attributes.is_accessor() => {
                        Some(data.slots[entry.slot as usize])
                    }
                    OwnLocation::ArrayLength => data
                        .array_data()
                        .map(|array| Value::Number(array.length as f64)),
                    OwnLocation::MappedArgument(index) => {
                        Some(self.mapped_argument_value(current, index))
                    }
                    _ => None,
                };
            }
            current = self.object(current).prototype?;
        }
        None
    }

    // ----- [[Get]] -----

    /// [[Get]] with the object itself as receiver.
    #[inline]
    pub fn get(&mut self, object: ObjectRef, key: PropertyKey) -> JsResult<Value> {
        self.get_with_receiver(object, key, Value::Object(object))
    }

    /// [[Get]](key, receiver).
    pub fn get_with_receiver(
        &mut self,
        object: ObjectRef,
        key: PropertyKey,
        receiver: Value,
    ) -> JsResult<Value> {
        let mut current = object;
        loop {
            if let Some(location) = self.find_own_property(current, key) {
                return self.read_location(current, location, receiver);
            }
            if self.is_typed_array_numeric_key(current, key) {
                return Ok(Value::Undefined);
            }
            match self.object(current).prototype {
                Some(prototype) => current = prototype,
                None => return self.get_at_chain_end(current, key, receiver),
            }
        }
    }

    /// The end of a [[Get]] walk: `current` has no such own property and no prototype
    /// field. Proxies keep their prototype behind a trap, so they take over here.
    #[inline]
    fn get_at_chain_end(
        &mut self,
        current: ObjectRef,
        key: PropertyKey,
        receiver: Value,
    ) -> JsResult<Value> {
        if self.object(current).is_proxy() {
            return self.proxy_get(current, key, receiver);
        }
        Ok(Value::Undefined)
    }

    /// GetV(value, key): property read on any value (primitives use their prototype, with the
    /// primitive as receiver). Throws a TypeError on undefined/null.
    pub fn get_value(&mut self, base: Value, key: PropertyKey) -> JsResult<Value> {
        match base {
            Value::Object(object) => self.get(object, key),
            Value::String(string) => {
                match key {
                    PropertyKey::Atom(atoms::LENGTH) => {
                        return Ok(Value::Number(self.string(string).len() as f64));
                    }
                    PropertyKey::Index(index) if (index as usize) < self.string(string).len() => {
                        return Ok(self.string_char_at(string, index as usize));
                    }
                    _ => {}
                }
                let prototype = self.intrinsics.string_prototype;
                self.get_with_receiver(prototype, key, base)
            }
            Value::Undefined | Value::Null | Value::Hole => {
                let key_text = self.property_key_to_rust(key);
                let base_text = if base.is_null() { "null" } else { "undefined" };
                self.throw_type_error(&format!(
                    "Cannot read properties of {base_text} (reading '{key_text}')"
                ))
            }
            _ => {
                let prototype = self.prototype_for_primitive(base);
                self.get_with_receiver(prototype, key, base)
            }
        }
    }

    /// The prototype used for property access on a primitive (not for undefined/null).
    pub fn prototype_for_primitive(&self, value: Value) -> ObjectRef {
        match value {
            Value::Boolean(_) => self.intrinsics.boolean_prototype,
            Value::Number(_) => self.intrinsics.number_prototype,
            Value::String(_) => self.intrinsics.string_prototype,
            Value::Symbol(_) => self.intrinsics.symbol_prototype,
            Value::BigInt(_) => self.intrinsics.bigint_prototype,
            Value::Object(object) => object,
            Value::Undefined | Value::Null | Value::Hole => self.intrinsics.object_prototype,
        }
    }

    /// GetMethod(value, key): undefined/null -> `None`; non-callable -> TypeError.
    pub fn get_method(&mut self, base: Value, key: PropertyKey) -> JsResult<Option<Value>> {
        let function = self.get_value(base, key)?;
        if function.is_nullish() {
            return Ok(None);
        }
        if !self.is_callable(function) {
            let key_text = self.property_key_to_rust(key);
            return self.throw_type_error(&format!("{key_text} is not a function"));
        }
        Ok(Some(function))
    }

    /// Invoke(value, key, args).
    pub fn invoke(
        &mut self,
        base: Value,
        key: PropertyKey,
        arguments: &[Value],
    ) -> JsResult<Value> {
        let function = self.get_value(base, key)?;
        self.call(function, base, arguments)
    }

    /// `base[key]` for the interpreter, with a fast path for dense elements.
    #[inline]
    pub fn get_by_value(&mut self, base: Value, key: Value) -> JsResult<Value> {
        if let (Value::Object(object), Value::Number(number)) = (base, key) {
            let index = number as u32;
            if index as f64 == number
                && let Some(value) = self.object(object).elements.get(index as usize)
                && !value.is_hole()
            {
                return Ok(*value);
            }
        }
        if let (Value::Object(object), Value::Number(number)) = (base, key)
            && let ObjectKind::TypedArray(_) = self.object(object).kind
        {
            // Every Number key is a canonical numeric index of itself (-0 reads as "0").
            let index = if number == 0.0 { 0.0 } else { number };
            return Ok(self.typed_array_get_element(object, index));
        }
        if let (Value::String(string), Value::Number(number)) = (base, key) {
            let index = number as u32;
            if index as f64 == number && (index as usize) < self.string(string).len() {
                return Ok(self.string_char_at(string, index as usize));
            }
        }
        if base.is_nullish() {
            return self.throw_reading_from_nullish(base, key);
        }
        let key = self.to_property_key(key)?;
        self.get_value(base, key)
    }

    /// The TypeError of `base[key]` on undefined/null. Out of line and cold, so the inlined
    /// `get_by_value` fast path stays small in the interpreter loop.
    #[cold]
    #[inline(never)]
    fn throw_reading_from_nullish(&mut self, base: Value, key: Value) -> JsResult<Value> {
        // The spec throws (ToObject of the base) before the key's ToPropertyKey, so an
        // object key's `toString`/`valueOf` must not run. Primitive keys convert without
        // side effects and are named in the message as V8 does; object keys are not.
        let base_text = if base.is_null() { "null" } else { "undefined" };
        let message = match key {
            Value::Object(_) => format!("Cannot read properties of {base_text}"),
            Value::Symbol(symbol) => {
                let key_text = self.property_key_to_rust(PropertyKey::Symbol(symbol));
                format!("Cannot read properties of {base_text} (reading '{key_text}')")
            }
            primitive => {
                let key = self.to_property_key(primitive)?;
                let key_text = self.property_key_to_rust(key);
                format!("Cannot read properties of {base_text} (reading '{key_text}')")
            }
        };
        self.throw_type_error(&message)
    }

    /// Named property read through an inline cache.
    #[inline]
    pub fn get_named_cached(
        &mut self,
        base: Value,
        key: PropertyKey,
        cache: &mut InlineCache,
    ) -> JsResult<Value> {
        let Value::Object(object) = base else {
            return self.get_value(base, key);
        };
        let data = self.object(object);
        match *cache {
            InlineCache::Own { shape, slot } if data.shape == shape => {
                return Ok(data.slots[slot as usize]);
            }
            InlineCache::Prototype {
                shape,
                prototype,
                holder,
                slot,
                epoch,
            } if data.shape == shape
                && data.prototype == Some(prototype)
                && epoch == self.prototype_epoch =>
            {
                return Ok(self.object(holder).slots[slot as usize]);
            }
            _ => {}
        }
        self.get_named_slow(object, Value::Object(object), key, cache)
    }

    /// [`Vm::get_named_cached`] for a primitive `base` other than undefined and null: the
    /// lookup starts at the primitive's prototype (%String.prototype% and so on), getters
    /// receive the primitive itself, and a data property fills `cache` keyed by that
    /// prototype's shape.
    ///
    /// Performance decision: a method call on a primitive (`text.charCodeAt(i)`,
    /// `number.toFixed(2)`) then hits the site's cache on the prototype object instead of
    /// walking it through the generic [[Get]] every time: about 600 instructions per call
    /// before (callgrind), so string methods ran at 1.5-2x QuickJS's time.
    pub fn get_named_cached_primitive(
        &mut self,
        base: Value,
        key: PropertyKey,
        cache: &mut InlineCache,
    ) -> JsResult<Value> {
        let primitive_own_key = matches!(base, Value::String(_))
            && matches!(
                key,
                PropertyKey::Index(_) | PropertyKey::Atom(atoms::LENGTH)
            );
        if primitive_own_key || matches!(base, Value::Undefined | Value::Null | Value::Hole) {
            return self.get_value(base, key);
        }
        let prototype = self.prototype_for_primitive(base);
        self.get_named_slow(prototype, base, key, cache)
    }

    /// Flags every object from `prototype` up to `holder` on a prototype chain, so that any
    /// layout change of one of them advances `prototype_epoch` and invalidates the inline
    /// cache entries that looked through them.
    fn guard_prototype_chain(&mut self, prototype: ObjectRef, holder: ObjectRef) {
        let mut cursor = Some(prototype);
        while let Some(link) = cursor {
            self.object_mut(link).guards_inline_caches = true;
            if link == holder {
                break;
            }
            cursor = self.object(link).prototype;
        }
    }

    /// The setter (or undefined) of an accessor property `key` that objects with the shape
    /// and prototype of `object` inherit, when `cache` is an [`InlineCache::Accessor`] entry
    /// for them that is still valid.
    #[inline]
    pub(crate) fn cached_accessor_pair(
        &self,
        object: ObjectRef,
        cache: InlineCache,
    ) -> Option<(Value, Value)> {
        let InlineCache::Accessor {
            shape,
            prototype,
            holder,
            slot,
            epoch,
        } = cache
        else {
            return None;
        };
        let data = self.object(object);
        if data.shape != shape || data.prototype != Some(prototype) || epoch != self.prototype_epoch
        {
            return None;
        }
        let slots = &self.object(holder).slots;
        Some((*slots.get(slot as usize)?, *slots.get(slot as usize + 1)?))
    }

    /// The lookup of `key` starting at `object`, with `receiver` as the `this` of getters
    /// (the object itself, or the primitive whose prototype `object` is); fills `cache` when
    /// the property is a data property of a cacheable shape.
    fn get_named_slow(
        &mut self,
        object: ObjectRef,
        receiver: Value,
        key: PropertyKey,
        cache: &mut InlineCache,
    ) -> JsResult<Value> {
        let receiver_shape = self.object(object).shape;
        let cacheable_receiver = !self.heap.shapes.get(receiver_shape).is_dictionary()
            && !matches!(key, PropertyKey::Index(_));
        let mut current = object;
        let mut depth = 0;
        loop {
            if let Some(location) = self.find_own_property(current, key) {
                if cacheable_receiver
                    && let OwnLocation::Slot(entry) = location
                    && (depth > 0 || !entry.attributes.is_accessor())
                {
                    if depth == 0 {
                        *cache = InlineCache::Own {
                            shape: receiver_shape,
                            slot: entry.slot,
                        };
                    } else if let Some(prototype) = self.object(object).prototype {
                        self.guard_prototype_chain(prototype, current);
                        *cache = if entry.attributes.is_accessor() {
                            InlineCache::Accessor {
                                shape: receiver_shape,
                                prototype,
                                holder: current,
                                slot: entry.slot,
                                epoch: self.prototype_epoch,
                            }
                        } else {
                            InlineCache::Prototype {
                                shape: receiver_shape,
                                prototype,
                                holder: current,
                                slot: entry.slot,
                                epoch: self.prototype_epoch,
                            }
                        };
                    }
                }
                return self.read_location(current, location, receiver);
            }
            if self.is_typed_array_numeric_key(current, key) {
                return Ok(Value::Undefined);
            }
            match self.object(current).prototype {
                Some(prototype) => {
                    current = prototype;
                    depth += 1;
                }
                None => return self.get_at_chain_end(current, key, receiver),
            }
        }
    }

    // ----- [[Set]] -----

    /// [[Set]](key, value, receiver) (OrdinarySet). Returns false when the assignment is
    /// rejected (the caller throws in strict mode).
    pub fn set(
        &mut self,
        object: ObjectRef,
        key: PropertyKey,
        value: Value,
        receiver: Value,
    ) -> JsResult<bool> {
        let mut current = object;
        let found = loop {
            if let ObjectKind::TypedArray(_) = self.object(current).kind
                && let Some(index) = self.canonical_numeric_index(key)
            {
                // TypedArray [[Set]] (ES2025 10.4.5.5).
                if receiver.as_object() == Some(current) {
                    self.typed_array_set_element(current, index, value)?;
                    return Ok(true);
                }
                if !self.is_valid_integer_index(current, index) {
                    return Ok(true);
                }
            }
            if let Some(location) = self.find_own_property(current, key) {
                break Some(location);
            }
            match self.object(current).prototype {
                Some(prototype) => current = prototype,
                None => {
                    if self.object(current).is_proxy() {
                        return self.proxy_set(current, key, value, receiver);
                    }
                    break None;
                }
            }
        };
        if let Some(location) = found {
            match location {
                OwnLocation::Slot(entry) if entry.attributes.is_accessor() => {
                    let setter = self.object(current).slots[entry.slot as usize + 1];
                    if setter.is_undefined() {
                        return Ok(false);
                    }
                    self.escape_if_global_object(receiver);
                    self.call(setter, receiver, &[value])?;
                    return Ok(true);
                }
                OwnLocation::Slot(entry) if !entry.attributes.writable() => return Ok(false),
                OwnLocation::StringIndex(_)
                | OwnLocation::StringLength
                | OwnLocation::ModuleExport(_) => return Ok(false),
                OwnLocation::ArrayLength => {
                    if let ObjectKind::Array(array) = self.object(current).kind
                        && !array.length_writable
                    {
                        return Ok(false);
                    }
                }
                _ => {}
            }
            // Writable data property: write in place when the receiver is the holder.
            if receiver.as_object() == Some(current) {
                return self.write_own_data(current, location, value);
            }
        }
        let Value::Object(receiver_object) = receiver else {
            return Ok(false);
        };
        if self.object(receiver_object).is_proxy() {
            return match self.get_own_property(receiver_object, key)? {
                Some(existing) => {
                    if existing.is_accessor() || existing.writable == Some(false) {
                        return Ok(false);
                    }
                    let update = PropertyDescriptor {
                        value: Some(value),
                        ..Default::default()
                    };
                    self.define_own_property(receiver_object, key, update)
                }
                None => self.define_own_property(
                    receiver_object,
                    key,
                    PropertyDescriptor::data(value, true, true, true),
                ),
            };
        }
        match self.find_own_property(receiver_object, key) {
            Some(location) => {
                let descriptor = self.descriptor_at(receiver_object, location);
                if descriptor.is_accessor() || descriptor.writable == Some(false) {
                    return Ok(false);
                }
                let update = PropertyDescriptor {
                    value: Some(value),
                    ..Default::default()
                };
                self.define_own_property(receiver_object, key, update)
            }
            None => self.create_data_property(receiver_object, key, value),
        }
    }

    fn write_own_data(
        &mut self,
        object: ObjectRef,
        location: OwnLocation,
        value: Value,
    ) -> JsResult<bool> {
        match location {
            OwnLocation::Element(index) => {
                self.object_mut(object).elements[index as usize] = value;
                Ok(true)
            }
            OwnLocation::Slot(entry) => {
                self.object_mut(object).slots[entry.slot as usize] = value;
                Ok(true)
            }
            OwnLocation::ArrayLength => self.array_set_length_from_value(object, value),
            OwnLocation::TypedElement(index) => {
                self.typed_array_set_element(object, index as f64, value)?;
                Ok(true)
            }
            OwnLocation::MappedArgument(index) => {
                self.set_mapped_argument_value(object, index, value);
                Ok(true)
            }
            OwnLocation::StringIndex(_)
            | OwnLocation::StringLength
            | OwnLocation::ModuleExport(_) => Ok(false),
        }
    }

    /// PutValue for a property reference: `base[key] = value`. Primitives get a TypeError in
    /// strict mode (and silently ignore otherwise) when the assignment is rejected.
    pub fn put_value(
        &mut self,
        base: Value,
        key: PropertyKey,
        value: Value,
        strict: bool,
    ) -> JsResult<()> {
        let succeeded = match base {
            Value::Object(object) => self.set(object, key, value, base)?,
            Value::Undefined | Value::Null | Value::Hole => {
                let key_text = self.property_key_to_rust(key);
                let base_text = if base.is_null() { "null" } else { "undefined" };
                return self.throw_type_error(&format!(
                    "Cannot set properties of {base_text} (setting '{key_text}')"
                ));
            }
            _ => {
                let prototype = self.prototype_for_primitive(base);
                self.set(prototype, key, value, base)?
            }
        };
        if !succeeded && strict {
            let key_text = self.property_key_to_rust(key);
            let description = self.describe_receiver_for_error(base);
            let start = match base {
                Value::Object(object) => object,
                _ => self.prototype_for_primitive(base),
            };
            if self.inherited_accessor(start, key).is_some() {
                // V8's wording for an accessor without a setter.
                return self.throw_type_error(&format!(
                    "Cannot set property {key_text} of {description} which has only a getter"
                ));
            }
            return self.throw_type_error(&format!(
                "Cannot assign to read only property '{key_text}' of object '{description}'"
            ));
        }
        Ok(())
    }

    /// `base[key] = value` for the interpreter, with a fast path for dense elements
    /// (overwrite, and append at the end of an array).
    #[inline]
    pub fn set_by_value(
        &mut self,
        base: Value,
        key: Value,
        value: Value,
        strict: bool,
    ) -> JsResult<()> {
        if let (Value::Object(object), Value::Number(number)) = (base, key) {
            let index = number as u32;
            if index as f64 == number
                && index != u32::MAX
                && self.try_fast_element_store(object, index, value)
            {
                return Ok(());
            }
            if let ObjectKind::TypedArray(_) = self.object(object).kind {
                let index = if number == 0.0 { 0.0 } else { number };
                return self.typed_array_set_element(object, index, value);
            }
        }
        let key = self.to_property_key(key)?;
        self.put_value(base, key, value, strict)
    }

    /// Stores `object[index] = value` without any lookup when that is observably identical to
    /// [[Set]]: the element exists (overwrite), or the write creates an element of an
    /// extensible array whose own shape and prototype chain have no indexed properties (so no
    /// setter or read-only property can intercept it): filling a hole, appending, or writing
    /// a little past the stored elements of an array whose `length` is already larger (as
    /// after `new Array(n)`). Returns false when the slow path is needed.
    #[inline]
    pub fn try_fast_element_store(&mut self, object: ObjectRef, index: u32, value: Value) -> bool {
        let data = self.object_mut(object);
        let position = index as usize;
        if let Some(slot) = data.elements.get_mut(position)
            && !slot.is_hole()
        {
            *slot = value;
            return true;
        }
        self.create_element_fast(object, index, value)
    }

    /// The element-creating half of [`Vm::try_fast_element_store`] (kept out of line: the
    /// overwrite above is the hot case).
    fn create_element_fast(&mut self, object: ObjectRef, index: u32, value: Value) -> bool {
        /// How many holes a write may create past the stored elements; a sparser write goes
        /// to the slow path, which keeps it out of the element vector.
        const MAXIMUM_HOLES_CREATED: usize = 1024;
        let data = self.object(object);
        if !data.extensible {
            return false;
        }
        let ObjectKind::Array(array) = data.kind else {
            return false;
        };
        let position = index as usize;
        let stored = data.elements.len();
        let length = array.length as usize;
        if position >= length {
            // Growing `length`: only a plain append at the end keeps elements and length in step.
            if position != stored || length != stored || !array.length_writable {
                return false;
            }
        } else if position > stored + MAXIMUM_HOLES_CREATED {
            return false;
        }
        let shape = data.shape;
        let prototype = data.prototype;
        if self.heap.shapes.get(shape).index_key_count() != 0
            || !self.chain_has_no_indexed_properties(prototype)
        {
            return false;
        }
        let data = self.object_mut(object);
        let added = if position < stored {
            data.elements[position] = value;
            0
        } else {
            data.elements.resize(position, Value::Hole);
            data.elements.push(value);
            position + 1 - stored
        };
        if position >= length
            && let ObjectKind::Array(array) = &mut data.kind
        {
            array.length = index + 1;
        }
        self.heap
            .accounting
            .note_extra_bytes(added * std::mem::size_of::<Value>());
        true
    }

    /// True when no object on the chain has indexed properties (or is exotic with virtual
    /// indices), so an element append cannot hit a setter or read-only property.
    pub fn chain_has_no_indexed_properties(&self, mut cursor: Option<ObjectRef>) -> bool {
        while let Some(link) = cursor {
            let data = self.object(link);
            if !data.elements.iter().all(|value| value.is_hole())
                || self.heap.shapes.get(data.shape).index_key_count() != 0
                || matches!(
                    data.kind,
                    ObjectKind::StringWrapper(_)
                        | ObjectKind::TypedArray(_)
                        | ObjectKind::MappedArguments(_)
                        // A proxy's traps (or a namespace's exports) can intercept any key.
                        | ObjectKind::Proxy(_)
                        | ObjectKind::ModuleNamespace(_)
                )
            {
                return false;
            }
            cursor = data.prototype;
        }
        true
    }

    /// Named property write through an inline cache (`base.key = value`).
    #[inline]
    pub fn set_named_cached(
        &mut self,
        base: Value,
        key: PropertyKey,
        value: Value,
        strict: bool,
        cache: &mut InlineCache,
    ) -> JsResult<()> {
        if let Value::Object(object) = base {
            let epoch = self.prototype_epoch;
            let data = self.object_mut(object);
            match *cache {
                InlineCache::Own { shape, slot } if data.shape == shape => {
                    data.slots[slot as usize] = value;
                    return Ok(());
                }
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
                    if data.slots.len() <= slot as usize {
                        data.slots.resize(slot as usize + 1, Value::Undefined);
                    }
                    data.slots[slot as usize] = value;
                    if data.guards_inline_caches {
                        self.prototype_epoch = self.prototype_epoch.wrapping_add(1);
                    }
                    return Ok(());
                }
                _ => {}
            }
            return self.set_named_slow(object, key, value, strict, cache);
        }
        self.put_value(base, key, value, strict)
    }

    fn set_named_slow(
        &mut self,
        object: ObjectRef,
        key: PropertyKey,
        value: Value,
        strict: bool,
        cache: &mut InlineCache,
    ) -> JsResult<()> {
        let shape_before = self.object(object).shape;
        let cacheable = !self.heap.shapes.get(shape_before).is_dictionary()
            && !matches!(key, PropertyKey::Index(_))
            && !matches!(
                self.object(object).kind,
                ObjectKind::Array(_) | ObjectKind::StringWrapper(_)
            );
        let own = self.find_own_property(object, key);
        if cacheable
            && let Some(OwnLocation::Slot(entry)) = own
            && entry.attributes.is_data_writable()
        {
            self.object_mut(object).slots[entry.slot as usize] = value;
            *cache = InlineCache::Own {
                shape: shape_before,
                slot: entry.slot,
            };
            return Ok(());
        }
        let prototype = self.object(object).prototype;
        if own.is_none()
            && cacheable
            && let Some(prototype) = prototype
            && let Some((holder, entry)) = self.inherited_accessor(prototype, key)
        {
            self.guard_prototype_chain(prototype, holder);
            *cache = InlineCache::Accessor {
                shape: shape_before,
                prototype,
                holder,
                slot: entry.slot,
                epoch: self.prototype_epoch,
            };
        }
        let chain_is_plain = own.is_none() && cacheable && self.chain_lacks_key(prototype, key);
        self.put_value(Value::Object(object), key, value, strict)?;
        if chain_is_plain {
            let shape_after = self.object(object).shape;
            if shape_after != shape_before
                && !self.heap.shapes.get(shape_after).is_dictionary()
                && let Some(entry) = self.heap.shapes.get(shape_after).lookup(key)
                && self.heap.shapes.get(shape_after).parent == Some(shape_before)
            {
                let mut cursor = prototype;
                while let Some(link) = cursor {
                    self.object_mut(link).guards_inline_caches = true;
                    cursor = self.object(link).prototype;
                }
                *cache = InlineCache::Add {
                    from: shape_before,
                    to: shape_after,
                    slot: entry.slot,
                    prototype,
                    epoch: self.prototype_epoch,
                };
            }
        }
        Ok(())
    }

    /// The first object on the chain from `cursor` with an own property `key`, and its shape
    /// entry, when that property is an accessor in a slot (not for proxies or exotic
    /// objects, whose properties are not in their shapes).
    fn inherited_accessor(
        &mut self,
        cursor: ObjectRef,
        key: PropertyKey,
    ) -> Option<(ObjectRef, crate::shape::ShapeEntry)> {
        let mut cursor = Some(cursor);
        while let Some(link) = cursor {
            if let Some(location) = self.find_own_property(link, key) {
                return match location {
                    OwnLocation::Slot(entry) if entry.attributes.is_accessor() => {
                        Some((link, entry))
                    }
                    _ => None,
                };
            }
            cursor = self.object(link).prototype;
        }
        None
    }

    /// True when no object on the chain has an own property `key` (so an assignment creates
    /// an own data property on the receiver).
    fn chain_lacks_key(&mut self, mut cursor: Option<ObjectRef>, key: PropertyKey) -> bool {
        while let Some(link) = cursor {
            if self.find_own_property(link, key).is_some() {
                return false;
            }
            cursor = self.object(link).prototype;
        }
        true
    }

    // ----- [[DefineOwnProperty]] -----

    /// [`Vm::define_data_property`] through the shared tree-shape transitions even during
    /// realm setup, which otherwise gives each built-in object a private shape (see
    /// `Heap::freeze_setup_dictionaries`).
    ///
    /// Performance decision: families of built-in objects with the same keys in the same
    /// order (the eight NativeError constructors and prototypes, the twelve typed array
    /// constructors and prototypes) share one shape per step instead of a private property
    /// table each: 40 objects' tables, dictionaries and frozen shapes fewer at startup (see
    /// docs/PERFORMANCE.md, "Intrinsics' contents on first use"). An object built this way
    /// must never have its contents deferred (`crate::deferred_contents` needs a private
    /// shape, which `Vm::defer_contents` gives it anyway).
    pub(crate) fn define_data_property_in_shared_shape(
        &mut self,
        object: ObjectRef,
        key: PropertyKey,
        value: Value,
        attributes: Attributes,
    ) {
        let was_building = self.heap.building_realm;
        self.heap.building_realm = false;
        self.define_data_property(object, key, value, attributes);
        self.heap.building_realm = was_building;
    }

    /// Defines (or overwrites) a data property without validation or user code. For setting
    /// up built-ins and fresh objects (literals, closures); never fails.
    pub fn define_data_property(
        &mut self,
        object: ObjectRef,
        key: PropertyKey,
        value: Value,
        attributes: Attributes,
    ) {
        match self.find_own_property(object, key) {
            Some(OwnLocation::Slot(entry)) if entry.attributes == attributes => {
                self.object_mut(object).slots[entry.slot as usize] = value;
            }
            Some(location @ (OwnLocation::Slot(_) | OwnLocation::Element(_))) => {
                self.reconfigure_property(
                    object,
                    key,
                    location,
                    attributes,
                    value,
                    Value::Undefined,
                );
            }
            Some(OwnLocation::MappedArgument(index)) => {
                self.set_mapped_argument_value(object, index, value);
            }
            Some(
                OwnLocation::ArrayLength
                | OwnLocation::StringLength
                | OwnLocation::StringIndex(_)
                | OwnLocation::TypedElement(_)
                | OwnLocation::ModuleExport(_),
            ) => {}
            None => {
                self.add_property(object, key, attributes, value, Value::Undefined);
                if let PropertyKey::Index(index) = key
                    && let ObjectKind::Array(array) = &mut self.object_mut(object).kind
                    && index >= array.length
                {
                    array.length = index + 1;
                }
            }
        }
    }

    /// Defines an accessor property without validation (for built-ins and class bodies).
    pub fn define_accessor_property(
        &mut self,
        object: ObjectRef,
        key: PropertyKey,
        getter: Value,
        setter: Value,
        enumerable: bool,
        configurable: bool,
    ) {
        let attributes = Attributes::accessor(enumerable, configurable);
        match self.find_own_property(object, key) {
            Some(location @ (OwnLocation::Slot(_) | OwnLocation::Element(_))) => {
                self.reconfigure_property(object, key, location, attributes, getter, setter);
            }
            Some(_) => {}
            None => self.add_property(object, key, attributes, getter, setter),
        }
    }

    /// CreateDataProperty: `[[DefineOwnProperty]](key, {value, writable, enumerable,
    /// configurable: true})`.
    pub fn create_data_property(
        &mut self,
        object: ObjectRef,
        key: PropertyKey,
        value: Value,
    ) -> JsResult<bool> {
        if self.find_own_property(object, key).is_none()
            && !matches!(self.object(object).kind, ObjectKind::TypedArray(_))
        {
            // Fast path: a new property on an extensible object.
            let data = self.object(object);
            if data.is_proxy() {
                return self.define_own_property(
                    object,
                    key,
                    PropertyDescriptor::data(value, true, true, true),
                );
            }
            if !data.extensible {
                return Ok(false);
            }
            if let (PropertyKey::Index(index), ObjectKind::Array(array)) = (key, &data.kind)
                && index >= array.length
                && !array.length_writable
            {
                return Ok(false);
            }
            self.define_data_property(object, key, value, Attributes::DEFAULT_DATA);
            return Ok(true);
        }
        self.define_own_property(
            object,
            key,
            PropertyDescriptor::data(value, true, true, true),
        )
    }

    /// CreateDataPropertyOrThrow.
    pub fn create_data_property_or_throw(
        &mut self,
        object: ObjectRef,
        key: PropertyKey,
        value: Value,
    ) -> JsResult<()> {
        if self.create_data_property(object, key, value)? {
            Ok(())
        } else {
            let key_text = self.property_key_to_rust(key);
            self.throw_type_error(&format!("Cannot define property {key_text}"))
        }
    }

    /// DefinePropertyOrThrow.
    pub fn define_property_or_throw(
        &mut self,
        object: ObjectRef,
        key: PropertyKey,
        descriptor: PropertyDescriptor,
    ) -> JsResult<()> {
        if self.define_own_property(object, key, descriptor)? {
            Ok(())
        } else {
            let key_text = self.property_key_to_rust(key);
            self.throw_type_error(&format!("Cannot redefine property: {key_text}"))
        }
    }

    /// [[DefineOwnProperty]] (ordinary, plus Array and String exotic behaviour).
    pub fn define_own_property(
        &mut self,
        object: ObjectRef,
        key: PropertyKey,
        descriptor: PropertyDescriptor,
    ) -> JsResult<bool> {
        if let ObjectKind::TypedArray(_) = self.object(object).kind
            && let Some(index) = self.canonical_numeric_index(key)
        {
            return self.typed_array_define_own_property(object, index, descriptor);
        }
        if self.object(object).is_proxy() {
            return self.proxy_define_own_property(object, key, descriptor);
        }
        if let (ObjectKind::MappedArguments(_), PropertyKey::Index(index)) =
            (&self.object(object).kind, key)
        {
            return self.define_mapped_argument(object, index, descriptor);
        }
        if let ObjectKind::ModuleNamespace(_) = self.object(object).kind
            && !matches!(key, PropertyKey::Symbol(_))
        {
            // [[DefineOwnProperty]] of a module namespace exotic object.
            let Some(current) = self.get_own_property(object, key)? else {
                return Ok(false);
            };
            if descriptor.configurable == Some(true)
                || descriptor.enumerable == Some(false)
                || descriptor.is_accessor()
                || descriptor.writable == Some(false)
            {
                return Ok(false);
            }
            return Ok(match (descriptor.value, current.value) {
                (Some(value), Some(current)) => self.same_value(value, current),
                _ => true,
            });
        }
        if let ObjectKind::Array(array) = self.object(object).kind {
            match key {
                PropertyKey::Atom(atoms::LENGTH) => {
                    return self.array_define_length(object, descriptor);
                }
                PropertyKey::Index(index) => {
                    if index >= array.length && !array.length_writable {
                        return Ok(false);
                    }
                    if !self.ordinary_define_own_property(object, key, descriptor)? {
                        return Ok(false);
                    }
                    if let ObjectKind::Array(array) = &mut self.object_mut(object).kind
                        && index >= array.length
                    {
                        array.length = index + 1;
                    }
                    return Ok(true);
                }
                _ => {}
            }
        }
        self.ordinary_define_own_property(object, key, descriptor)
    }

    /// ValidateAndApplyPropertyDescriptor on an ordinary object.
    pub fn ordinary_define_own_property(
        &mut self,
        object: ObjectRef,
        key: PropertyKey,
        descriptor: PropertyDescriptor,
    ) -> JsResult<bool> {
        let location = self.find_own_property(object, key);
        let Some(location) = location else {
            if !self.object(object).extensible {
                return Ok(false);
            }
            let enumerable = descriptor.enumerable.unwrap_or(false);
            let configurable = descriptor.configurable.unwrap_or(false);
            if descriptor.is_accessor() {
                let attributes = Attributes::accessor(enumerable, configurable);
                let getter = descriptor.get.unwrap_or(Value::Undefined);
                let setter = descriptor.set.unwrap_or(Value::Undefined);
                self.add_property(object, key, attributes, getter, setter);
            } else {
                let attributes = Attributes::new(
                    descriptor.writable.unwrap_or(false),
                    enumerable,
                    configurable,
                );
                let value = descriptor.value.unwrap_or(Value::Undefined);
                self.add_property(object, key, attributes, value, Value::Undefined);
            }
            return Ok(true);
        };
        if let OwnLocation::MappedArgument(index) = location {
            return self.define_mapped_argument(object, index, descriptor);
        }
        let current = self.descriptor_at(object, location);
        let current_configurable = current.configurable.unwrap_or(false);
        let current_enumerable = current.enumerable.unwrap_or(false);
        if !current_configurable {
            if descriptor.configurable == Some(true) {
                return Ok(false);
            }
            if descriptor
                .enumerable
                .is_some_and(|enumerable| enumerable != current_enumerable)
            {
                return Ok(false);
            }
            if !descriptor.is_generic() && descriptor.is_accessor() != current.is_accessor() {
                return Ok(false);
            }
            if current.is_accessor() {
                if let Some(getter) = descriptor.get
                    && !self.same_value(getter, current.get.unwrap_or(Value::Undefined))
                {
                    return Ok(false);
                }
                if let Some(setter) = descriptor.set
                    && !self.same_value(setter, current.set.unwrap_or(Value::Undefined))
                {
                    return Ok(false);
                }
            } else if current.writable == Some(false) {
                if descriptor.writable == Some(true) {
                    return Ok(false);
                }
                if let Some(value) = descriptor.value
                    && !self.same_value(value, current.value.unwrap_or(Value::Undefined))
                {
                    return Ok(false);
                }
            }
        }
        // Virtual properties cannot be changed beyond what validation allowed (no-op).
        if matches!(
            location,
            OwnLocation::StringIndex(_) | OwnLocation::StringLength | OwnLocation::ArrayLength
        ) {
            return Ok(true);
        }
        let enumerable = descriptor.enumerable.unwrap_or(current_enumerable);
        let configurable = descriptor.configurable.unwrap_or(current_configurable);
        if descriptor.is_accessor() || (descriptor.is_generic() && current.is_accessor()) {
            let (old_getter, old_setter) = if current.is_accessor() {
                (
                    current.get.unwrap_or(Value::Undefined),
                    current.set.unwrap_or(Value::Undefined),
                )
            } else {
                (Value::Undefined, Value::Undefined)
            };
            let getter = descriptor.get.unwrap_or(old_getter);
            let setter = descriptor.set.unwrap_or(old_setter);
            let attributes = Attributes::accessor(enumerable, configurable);
            self.reconfigure_property(object, key, location, attributes, getter, setter);
        } else {
            let (old_value, old_writable) = if current.is_accessor() {
                (Value::Undefined, false)
            } else {
                (
                    current.value.unwrap_or(Value::Undefined),
                    current.writable.unwrap_or(false),
                )
            };
            let value = descriptor.value.unwrap_or(old_value);
            let writable = descriptor.writable.unwrap_or(old_writable);
            let attributes = Attributes::new(writable, enumerable, configurable);
            self.reconfigure_property(object, key, location, attributes, value, Value::Undefined);
        }
        Ok(true)
    }

    /// Adds a new own property (the caller checked it does not exist and the object is
    /// extensible). `second` is the setter for accessors.
    pub(crate) fn add_property(
        &mut self,
        object: ObjectRef,
        key: PropertyKey,
        attributes: Attributes,
        first: Value,
        second: Value,
    ) {
        if let PropertyKey::Index(index) = key
            && attributes == Attributes::DEFAULT_DATA
            && self.try_store_dense_element(object, index, first)
        {
            return;
        }
        self.note_layout_change(object);
        let shape = self.object(object).shape;
        let (new_shape, slot) = if self.heap.shapes.get(shape).is_dictionary() {
            let slot = self
                .heap
                .shapes
                .get_mut(shape)
                .dictionary_insert(key, attributes);
            (shape, slot)
        } else if self.heap.building_realm
            || self.heap.shapes.get(shape).property_count() >= crate::shape::MAX_TREE_PROPERTIES
        {
            let dictionary = self.heap.shape_to_dictionary(shape);
            let slot = self
                .heap
                .shapes
                .get_mut(dictionary)
                .dictionary_insert(key, attributes);
            (dictionary, slot)
        } else {
            self.heap.shape_add_transition(shape, key, attributes)
        };
        let slot_count = self.heap.shapes.get(new_shape).slot_count() as usize;
        let data = self.object_mut(object);
        data.shape = new_shape;
        if data.slots.len() < slot_count {
            data.slots.resize(slot_count, Value::Undefined);
        }
        data.slots[slot as usize] = first;
        if attributes.is_accessor() {
            data.slots[slot as usize + 1] = second;
        }
        self.heap
            .accounting
            .note_extra_bytes(std::mem::size_of::<Value>());
    }

    /// Stores a default-attribute element in the dense vector when allowed.
    fn try_store_dense_element(&mut self, object: ObjectRef, index: u32, value: Value) -> bool {
        let shape = self.object(object).shape;
        if self.heap.shapes.get(shape).index_key_count() != 0 {
            return false;
        }
        let data = self.object_mut(object);
        let position = index as usize;
        if position < data.elements.len() {
            data.elements[position] = value;
            return true;
        }
        if position > data.elements.len() + MAX_DENSE_GAP {
            return false;
        }
        let grown = position + 1 - data.elements.len();
        data.elements.resize(position, Value::Hole);
        data.elements.push(value);
        self.heap
            .accounting
            .note_extra_bytes(grown * std::mem::size_of::<Value>());
        true
    }

    /// Changes an existing property's attributes and value(s), moving it between dense
    /// elements and the shape (and into dictionary mode) as needed.
    fn reconfigure_property(
        &mut self,
        object: ObjectRef,
        key: PropertyKey,
        location: OwnLocation,
        attributes: Attributes,
        first: Value,
        second: Value,
    ) {
        match location {
            OwnLocation::Element(index) => {
                if attributes == Attributes::DEFAULT_DATA {
                    self.object_mut(object).elements[index as usize] = first;
                    return;
                }
                // Leave the dense vector; the property moves to the shape.
                self.object_mut(object).elements[index as usize] = Value::Hole;
                self.add_property(object, key, attributes, first, second);
            }
            OwnLocation::Slot(entry) => {
                if entry.attributes == attributes {
                    let data = self.object_mut(object);
                    data.slots[entry.slot as usize] = first;
                    if attributes.is_accessor() {
                        data.slots[entry.slot as usize + 1] = second;
                    }
                    return;
                }
                self.note_layout_change(object);
                let shape = self.ensure_dictionary(object);
                let slot = self
                    .heap
                    .shapes
                    .get_mut(shape)
                    .dictionary_set_attributes(key, attributes)
                    .unwrap_or(entry.slot);
                let slot_count = self.heap.shapes.get(shape).slot_count() as usize;
                let data = self.object_mut(object);
                if data.slots.len() < slot_count {
                    data.slots.resize(slot_count, Value::Undefined);
                }
                data.slots[slot as usize] = first;
                if attributes.is_accessor() {
                    data.slots[slot as usize + 1] = second;
                }
            }
            OwnLocation::ArrayLength
            | OwnLocation::StringLength
            | OwnLocation::StringIndex(_)
            | OwnLocation::TypedElement(_)
            | OwnLocation::ModuleExport(_)
            | OwnLocation::MappedArgument(_) => {}
        }
    }

    /// Makes every inline cache entry that names `object`'s current shape miss from now on
    /// (by moving the object to a private dictionary shape, which caches never match).
    pub(crate) fn invalidate_inline_caches_of(&mut self, object: ObjectRef) {
        self.ensure_dictionary(object);
    }

    /// Gives `object` a shape no other object has (a private dictionary, which realm setup
    /// freezes into a standalone tree shape) and returns it (see `crate::deferred_contents`).
    pub(crate) fn give_private_shape(&mut self, object: ObjectRef) -> ShapeId {
        self.ensure_dictionary(object)
    }

    /// Switches an object to a private dictionary shape (if not already) and returns it.
    fn ensure_dictionary(&mut self, object: ObjectRef) -> ShapeId {
        let shape = self.object(object).shape;
        if self.heap.shapes.get(shape).is_dictionary() {
            return shape;
        }
        let dictionary = self.heap.shape_to_dictionary(shape);
        self.object_mut(object).shape = dictionary;
        dictionary
    }

    /// Invalidates prototype-chain inline caches if `object` guards any.
    #[inline]
    pub fn note_layout_change(&mut self, object: ObjectRef) {
        if self.object(object).guards_inline_caches {
            self.prototype_epoch = self.prototype_epoch.wrapping_add(1);
        }
    }

    // ----- arrays -----

    /// `array.length = value` (ArraySetLength for a plain assignment).
    pub fn array_set_length_from_value(
        &mut self,
        array: ObjectRef,
        value: Value,
    ) -> JsResult<bool> {
        let new_length = self.to_uint32(value)?;
        let number_length = self.to_number(value)?;
        if new_length as f64 != number_length {
            return self.throw_range_error("Invalid array length");
        }
        Ok(self.array_set_length(array, new_length))
    }

    /// Sets an array's length, deleting elements past it. Returns false when a
    /// non-configurable element blocked the truncation (length stops just above it) or the
    /// length is read-only.
    pub fn array_set_length(&mut self, array: ObjectRef, new_length: u32) -> bool {
        let Some(ArrayData {
            length: old_length,
            length_writable,
        }) = self.object(array).array_data().copied()
        else {
            return false;
        };
        if new_length == old_length {
            return true;
        }
        if !length_writable {
            return false;
        }
        if new_length > old_length {
            self.set_array_length_field(array, new_length);
            return true;
        }
        {
            let data = self.object_mut(array);
            if data.elements.len() > new_length as usize {
                data.elements.truncate(new_length as usize);
            }
        }
        let shape = self.object(array).shape;
        if self.heap.shapes.get(shape).index_key_count() != 0 {
            let mut doomed: Vec<(u32, ShapeEntry)> = self
                .heap
                .shapes
                .get(shape)
                .entries()
                .filter_map(|entry| match entry.key {
                    PropertyKey::Index(index) if index >= new_length => Some((index, *entry)),
                    _ => None,
                })
                .collect();
            doomed.sort_by_key(|(index, _)| std::cmp::Reverse(*index));
            for (index, entry) in doomed {
                if !entry.attributes.configurable() {
                    self.set_array_length_field(array, index + 1);
                    return false;
                }
                self.remove_shape_property(array, PropertyKey::Index(index), entry);
            }
        }
        self.set_array_length_field(array, new_length);
        true
    }

    fn set_array_length_field(&mut self, array: ObjectRef, length: u32) {
        if let ObjectKind::Array(data) = &mut self.object_mut(array).kind {
            data.length = length;
        }
    }

    fn array_define_length(
        &mut self,
        array: ObjectRef,
        descriptor: PropertyDescriptor,
    ) -> JsResult<bool> {
        let Some(ArrayData {
            length_writable, ..
        }) = self.object(array).array_data().copied()
        else {
            return Ok(false);
        };
        if descriptor.configurable == Some(true)
            || descriptor.enumerable == Some(true)
            || descriptor.is_accessor()
        {
            return Ok(false);
        }
        let Some(value) = descriptor.value else {
            if descriptor.writable == Some(true) && !length_writable {
                return Ok(false);
            }
            if descriptor.writable == Some(false) {
                self.set_length_writable(array, false);
            }
            return Ok(true);
        };
        let new_length = self.to_uint32(value)?;
        let number_length = self.to_number(value)?;
        if new_length as f64 != number_length {
            return self.throw_range_error("Invalid array length");
        }
        let old_length = self
            .object(array)
            .array_data()
            .map_or(0, |data| data.length);
        if new_length == old_length {
            if descriptor.writable == Some(true) && !length_writable {
                return Ok(false);
            }
            if descriptor.writable == Some(false) {
                self.set_length_writable(array, false);
            }
            return Ok(true);
        }
        if !length_writable {
            return Ok(false);
        }
        let succeeded = self.array_set_length(array, new_length);
        if descriptor.writable == Some(false) {
            self.set_length_writable(array, false);
        }
        Ok(succeeded)
    }

    fn set_length_writable(&mut self, array: ObjectRef, writable: bool) {
        if let ObjectKind::Array(data) = &mut self.object_mut(array).kind {
            data.length_writable = writable;
        }
    }

    /// Appends to an array (Array.prototype.push core for the common case). Falls back to
    /// [[Set]] semantics when the fast path does not apply.
    pub fn array_push(&mut self, array: ObjectRef, value: Value) -> JsResult<()> {
        let length = self
            .object(array)
            .array_data()
            .map_or(0, |data| data.length);
        if self.try_fast_element_store(array, length, value) {
            return Ok(());
        }
        self.put_value(
            Value::Object(array),
            PropertyKey::Index(length),
            value,
            true,
        )
    }

    /// True when `object` is a typed array and `key` a canonical numeric string: such keys
    /// are answered by the typed array alone (never by its shape or prototype chain).
    #[inline]
    fn is_typed_array_numeric_key(&self, object: ObjectRef, key: PropertyKey) -> bool {
        matches!(self.object(object).kind, ObjectKind::TypedArray(_))
            && self.canonical_numeric_index(key).is_some()
    }

    /// TypedArray [[DefineOwnProperty]] for a canonical numeric key (ES2025 10.4.5.3).
    fn typed_array_define_own_property(
        &mut self,
        object: ObjectRef,
        index: f64,
        descriptor: PropertyDescriptor,
    ) -> JsResult<bool> {
        if !self.is_valid_integer_index(object, index)
            || descriptor.configurable == Some(false)
            || descriptor.enumerable == Some(false)
            || descriptor.is_accessor()
            || descriptor.writable == Some(false)
        {
            return Ok(false);
        }
        if let Some(value) = descriptor.value {
            self.typed_array_set_element(object, index, value)?;
        }
        Ok(true)
    }

    // ----- [[Delete]] / [[HasProperty]] -----

    /// [[Delete]]. Returns false for non-configurable properties.
    pub fn delete_property(&mut self, object: ObjectRef, key: PropertyKey) -> JsResult<bool> {
        let Some(location) = self.find_own_property(object, key) else {
            if self.object(object).is_proxy() {
                return self.proxy_delete(object, key);
            }
            return Ok(true);
        };
        match location {
            OwnLocation::Element(index) => {
                let data = self.object_mut(object);
                data.elements[index as usize] = Value::Hole;
                while data.elements.last().is_some_and(|value| value.is_hole()) {
                    data.elements.pop();
                }
                Ok(true)
            }
            OwnLocation::Slot(entry) => {
                if !entry.attributes.configurable() {
                    return Ok(false);
                }
                self.remove_shape_property(object, key, entry);
                Ok(true)
            }
            OwnLocation::MappedArgument(index) => Ok(self.delete_mapped_argument(object, index)),
            OwnLocation::ArrayLength
            | OwnLocation::StringLength
            | OwnLocation::StringIndex(_)
            | OwnLocation::TypedElement(_)
            | OwnLocation::ModuleExport(_) => Ok(false),
        }
    }

    fn remove_shape_property(&mut self, object: ObjectRef, key: PropertyKey, entry: ShapeEntry) {
        self.note_layout_change(object);
        let shape = self.object(object).shape;
        let shape_data = self.heap.shapes.get(shape);
        if !shape_data.is_dictionary()
            && shape_data.last_entry() == Some(entry)
            && let Some(parent) = shape_data.parent
        {
            let data = self.object_mut(object);
            data.shape = parent;
            data.slots.truncate(entry.slot as usize);
            return;
        }
        let dictionary = self.ensure_dictionary(object);
        self.heap.shapes.get_mut(dictionary).dictionary_remove(key);
        let data = self.object_mut(object);
        data.slots[entry.slot as usize] = Value::Undefined;
        if entry.attributes.is_accessor() {
            data.slots[entry.slot as usize + 1] = Value::Undefined;
        }
    }

    /// `delete base[key]` for the interpreter: throws in strict mode when rejected.
    pub fn delete_property_or_throw(
        &mut self,
        base: Value,
        key: PropertyKey,
        strict: bool,
    ) -> JsResult<bool> {
        let object = self.to_object(base)?;
        let deleted = self.delete_property(object, key)?;
        if !deleted && strict {
            let key_text = self.property_key_to_rust(key);
            return self.throw_type_error(&format!("Cannot delete property '{key_text}'"));
        }
        Ok(deleted)
    }

    /// [[HasProperty]] (the `in` operator core).
    pub fn has_property(&mut self, object: ObjectRef, key: PropertyKey) -> JsResult<bool> {
        let mut current = object;
        loop {
            if self.find_own_property(current, key).is_some() {
                return Ok(true);
            }
            if self.is_typed_array_numeric_key(current, key) {
                return Ok(false);
            }
            match self.object(current).prototype {
                Some(prototype) => current = prototype,
                None => {
                    if self.object(current).is_proxy() {
                        return self.proxy_has_property(current, key);
                    }
                    return Ok(false);
                }
            }
        }
    }

    /// HasOwnProperty.
    pub fn has_own_property(&mut self, object: ObjectRef, key: PropertyKey) -> JsResult<bool> {
        if self.object(object).is_proxy() {
            return Ok(self.proxy_get_own_property(object, key)?.is_some());
        }
        match self.find_own_property(object, key) {
            // [[GetOwnProperty]] of a namespace export reads the binding (TDZ errors).
            Some(location @ OwnLocation::ModuleExport(_)) => {
                self.read_location(object, location, Value::Object(object))?;
                Ok(true)
            }
            location => Ok(location.is_some()),
        }
    }

    // ----- [[OwnPropertyKeys]] -----

    /// The own properties of `object` in OwnPropertyKeys order, each with its slot and
    /// whether it is enumerable, and the shape they were read from, when `object` is an
    /// ordinary object whose properties all live in its shape as data properties (no
    /// elements, no index keys, no accessors); `None` otherwise. Strings come before
    /// symbols, each in insertion order.
    ///
    /// Performance decision: for such an object the generic CopyDataProperties and
    /// `Object.assign` loops (collect the keys, then [[GetOwnProperty]] and [[Get]] per key)
    /// only re-read the shape. Callers read each value from its slot while the object still
    /// has the returned shape (a shape change means a property was added, removed or
    /// redefined, and the generic steps take over for the remaining keys). `{ ...object }`
    /// went from 1.9x to 0.6x QuickJS's time with this.
    pub fn plain_data_property_slots(
        &mut self,
        object: ObjectRef,
    ) -> Option<(ShapeId, Vec<PlainDataProperty>)> {
        self.ensure_contents_installed(object);
        let data = self.object(object);
        if !matches!(data.kind, ObjectKind::Ordinary) || !data.elements.is_empty() {
            return None;
        }
        let shape = self.heap.shapes.get(data.shape);
        if shape.index_key_count() != 0 {
            return None;
        }
        let mut properties = Vec::with_capacity(shape.property_count());
        let mut symbol_count = 0;
        for entry in shape.entries() {
            if entry.attributes.is_accessor() {
                return None;
            }
            if matches!(entry.key, PropertyKey::Symbol(_)) {
                symbol_count += 1;
            } else {
                properties.push(PlainDataProperty::of(entry));
            }
        }
        if symbol_count != 0 {
            properties.extend(
                shape
                    .entries()
                    .filter(|entry| matches!(entry.key, PropertyKey::Symbol(_)))
                    .map(PlainDataProperty::of),
            );
        }
        Some((data.shape, properties))
    }

    /// [[OwnPropertyKeys]]: integer indices ascending, then strings in insertion order, then
    /// symbols in insertion order.
    pub fn own_property_keys(&mut self, object: ObjectRef) -> JsResult<Vec<PropertyKey>> {
        self.ensure_contents_installed(object);
        let data = self.object(object);
        if data.is_proxy() {
            return self.proxy_own_property_keys(object);
        }
        let shape = self.heap.shapes.get(data.shape);
        let mut indices: Vec<u32> = Vec::new();
        if let ObjectKind::StringWrapper(string) = data.kind {
            indices.extend(0..self.string(string).len() as u32);
        }
        if let ObjectKind::TypedArray(view) = &data.kind {
            indices.extend(0..self.typed_array_length(view).unwrap_or(0) as u32);
        }
        let mapped_arguments = matches!(data.kind, ObjectKind::MappedArguments(_));
        if mapped_arguments {
            indices.extend(self.mapped_indices(object));
        }
        indices.extend(
            data.elements
                .iter()
                .enumerate()
                .filter(|(_, value)| !value.is_hole())
                .map(|(index, _)| index as u32),
        );
        let mut strings = Vec::new();
        let mut symbols = Vec::new();
        if matches!(
            data.kind,
            ObjectKind::Array(_) | ObjectKind::StringWrapper(_)
        ) {
            strings.push(PropertyKey::Atom(atoms::LENGTH));
        }
        for entry in shape.entries() {
            match entry.key {
                PropertyKey::Index(index) => indices.push(index),
                PropertyKey::Atom(_) => strings.push(entry.key),
                PropertyKey::Symbol(_) => symbols.push(entry.key),
            }
        }
        if shape.index_key_count() != 0
            || mapped_arguments
            || matches!(data.kind, ObjectKind::StringWrapper(_))
        {
            indices.sort_unstable();
            indices.dedup();
        }
        if let ObjectKind::ModuleNamespace(module) = data.kind {
            // The exports in code-unit order, then the symbol-keyed ordinary properties.
            let mut keys = self.namespace_export_keys(module);
            keys.extend(symbols);
            return Ok(keys);
        }
        let mut keys = Vec::with_capacity(indices.len() + strings.len() + symbols.len());
        keys.extend(indices.into_iter().map(PropertyKey::Index));
        keys.extend(strings);
        keys.extend(symbols);
        Ok(keys)
    }

    /// Own enumerable string-keyed property keys in spec order (Object.keys core).
    pub fn own_enumerable_string_keys(&mut self, object: ObjectRef) -> JsResult<Vec<PropertyKey>> {
        let keys = self.own_property_keys(object)?;
        let mut result = Vec::with_capacity(keys.len());
        if self.object(object).is_proxy() {
            for key in keys {
                if key.is_symbol() {
                    continue;
                }
                if let Some(descriptor) = self.get_own_property(object, key)?
                    && descriptor.enumerable == Some(true)
                {
                    result.push(key);
                }
            }
            return Ok(result);
        }
        for key in keys {
            if key.is_symbol() {
                continue;
            }
            if let Some(location) = self.find_own_property(object, key) {
                let enumerable = match location {
                    OwnLocation::ModuleExport(_) => {
                        self.read_location(object, location, Value::Object(object))?;
                        true
                    }
                    OwnLocation::Element(_)
                    | OwnLocation::StringIndex(_)
                    | OwnLocation::TypedElement(_) => true,
                    OwnLocation::Slot(entry) => entry.attributes.enumerable(),
                    OwnLocation::MappedArgument(index) => self
                        .mapped_parameter(object, index)
                        .is_some_and(|entry| entry.enumerable),
                    OwnLocation::ArrayLength | OwnLocation::StringLength => false,
                };
                if enumerable {
                    result.push(key);
                }
            }
        }
        Ok(result)
    }

    // ----- for-in -----

    /// Creates the internal iterator for `for (k in value)`: snapshots the enumerable string
    /// keys of the object and its prototypes (shadowed keys are reported once).
    pub fn new_for_in_iterator(&mut self, value: Value) -> JsResult<ObjectRef> {
        let mut keys = Vec::new();
        let object = if value.is_nullish() {
            None
        } else {
            Some(self.to_object(value)?)
        };
        if let Some(object) = object {
            let mut seen = rustc_hash::FxHashSet::default();
            let mut cursor = Some(object);
            while let Some(current) = cursor {
                for key in self.own_property_keys(current)? {
                    if key.is_symbol() || !seen.insert(key) {
                        continue;
                    }
                    let enumerable = if self.object(current).is_proxy() {
                        self.get_own_property(current, key)?
                            .is_some_and(|descriptor| descriptor.enumerable == Some(true))
                    } else {
                        match self.find_own_property(current, key) {
                            Some(OwnLocation::Slot(entry)) => entry.attributes.enumerable(),
                            Some(OwnLocation::MappedArgument(index)) => self
                                .mapped_parameter(current, index)
                                .is_some_and(|entry| entry.enumerable),
                            Some(
                                OwnLocation::Element(_)
                                | OwnLocation::StringIndex(_)
                                | OwnLocation::TypedElement(_),
                            ) => true,
                            Some(location @ OwnLocation::ModuleExport(_)) => {
                                // [[GetOwnProperty]] of a namespace export: TDZ errors surface.
                                self.read_location(current, location, Value::Object(current))?;
                                true
                            }
                            _ => false,
                        }
                    };
                    if enumerable {
                        keys.push(key);
                    }
                }
                cursor = self.get_prototype_of(current)?;
            }
        }
        let key_values: Vec<Value> = keys
            .into_iter()
            .map(|key| self.property_key_to_value(key))
            .collect();
        let target = object.unwrap_or(self.intrinsics.object_prototype);
        let data = crate::object::ForInIteratorData {
            object: target,
            keys: key_values,
            position: 0,
        };
        Ok(self.alloc_object(None, ObjectKind::ForInIterator(Box::new(data))))
    }

    /// The next key of a for-in iterator, skipping keys deleted since the snapshot; `None`
    /// when finished.
    pub fn for_in_next(&mut self, iterator: ObjectRef) -> JsResult<Option<Value>> {
        loop {
            let (object, key) = match &mut self.object_mut(iterator).kind {
                ObjectKind::ForInIterator(state) => {
                    let Some(key) = state.keys.get(state.position).copied() else {
                        return Ok(None);
                    };
                    state.position += 1;
                    (state.object, key)
                }
                _ => return Ok(None),
            };
            let property_key = self.to_property_key(key)?;
            if self.has_property(object, property_key)? {
                return Ok(Some(key));
            }
        }
    }

    // ----- iteration protocol -----

    /// GetIterator(value, sync).
    pub fn get_iterator(&mut self, value: Value) -> JsResult<IteratorRecord> {
        if value.is_nullish() {
            let description = self.describe_value_for_error(value);
            return self.throw_type_error(&format!("{description} is not iterable"));
        }
        let key = PropertyKey::Symbol(self.intrinsics.symbols.iterator);
        let Some(method) = self.get_method(value, key)? else {
            let description = self.describe_value_for_error(value);
            return self.throw_type_error(&format!("{description} is not iterable"));
        };
        self.get_iterator_from_method(value, method)
    }

    /// GetIteratorFromMethod.
    pub fn get_iterator_from_method(
        &mut self,
        value: Value,
        method: Value,
    ) -> JsResult<IteratorRecord> {
        let iterator = self.call(method, value, &[])?;
        let Value::Object(iterator) = iterator else {
            return self.throw_type_error("Result of the Symbol.iterator method is not an object");
        };
        // Reading `next` may run a getter, which may reach a safepoint: the iterator is held
        // only here, so it is rooted for the duration of the read.
        let scope = self.open_handle_scope();
        self.root(Value::Object(iterator));
        let next_method = self.get(iterator, PropertyKey::Atom(atoms::NEXT));
        self.close_handle_scope(scope);
        let next_method = next_method?;
        Ok(IteratorRecord {
            iterator,
            next_method,
            done: false,
        })
    }

    /// IteratorStepValue: the next value, or `None` when done.
    pub fn iterator_step_value(&mut self, record: &mut IteratorRecord) -> JsResult<Option<Value>> {
        if record.done {
            return Ok(None);
        }
        if let Some(step) = crate::interpreter::generators::iteration_step(
            self,
            record.iterator,
            record.next_method,
        ) {
            if !matches!(step, Ok(Some(_))) {
                record.done = true;
            }
            return step;
        }
        let result = match self.call(record.next_method, Value::Object(record.iterator), &[]) {
            Ok(result) => result,
            Err(error) => {
                record.done = true;
                return Err(error);
            }
        };
        let Value::Object(result) = result else {
            record.done = true;
            return self.throw_type_error("Iterator result is not an object");
        };
        // IteratorComplete and IteratorValue: an abrupt completion of either also marks the
        // record done, so that callers do not close an iterator that already failed.
        let done = match self.get(result, PropertyKey::Atom(atoms::DONE)) {
            Ok(done) => done,
            Err(error) => {
                record.done = true;
                return Err(error);
            }
        };
        if self.to_boolean(done) {
            record.done = true;
            return Ok(None);
        }
        let value = self.get(result, PropertyKey::Atom(atoms::VALUE));
        if value.is_err() {
            record.done = true;
        }
        value.map(Some)
    }

    /// IteratorClose for a normal completion (calls `return` if present).
    pub fn iterator_close(&mut self, record: &IteratorRecord) -> JsResult<()> {
        let Some(return_method) = self.get_method(
            Value::Object(record.iterator),
            PropertyKey::Atom(atoms::RETURN),
        )?
        else {
            return Ok(());
        };
        let result = self.call(return_method, Value::Object(record.iterator), &[])?;
        if !result.is_object() {
            return self.throw_type_error("Iterator result is not an object");
        }
        Ok(())
    }

    /// IteratorClose for a throw completion: calls `return`, ignores its errors, and returns
    /// the original error.
    ///
    /// The error is rooted while `return` runs: it is only held here, in a Rust local (a
    /// thrown value is not on the register stack once the native caller has it), and `return`
    /// is script code that can collect. The iterator is rooted too, for callers that did not.
    /// (test262's built-ins/Map/iterator-close-after-set-failure.js under `gc-stress` read the
    /// freed error object.)
    pub fn iterator_close_on_error(&mut self, record: &IteratorRecord, error: Value) -> Value {
        let scope = self.open_handle_scope();
        self.root(error);
        self.root(Value::Object(record.iterator));
        if let Ok(Some(return_method)) = self.get_method(
            Value::Object(record.iterator),
            PropertyKey::Atom(atoms::RETURN),
        ) {
            let _ = self.call(return_method, Value::Object(record.iterator), &[]);
        }
        self.close_handle_scope(scope);
        error
    }

    /// IterableToList. The collected values are rooted while iterating.
    pub fn iterable_to_list(&mut self, iterable: Value) -> JsResult<Vec<Value>> {
        let scope = self.open_handle_scope();
        self.root(iterable);
        let mut record = self.get_iterator(iterable)?;
        self.root(Value::Object(record.iterator));
        self.root(record.next_method);
        let start = self.handles.len();
        while let Some(value) = self.iterator_step_value(&mut record)? {
            self.root(value);
        }
        let values = self.handles[start..].to_vec();
        self.close_handle_scope(scope);
        Ok(values)
    }

    /// Creates `{ value, done }` (CreateIterResultObject).
    ///
    /// Performance decision: every step of a generator, a Map/Set iterator or a string
    /// iterator creates one of these, so the `{ value, done }` shape is computed once per realm
    /// (`InterpreterState::iterator_result_shape`) and the object is allocated with both slots
    /// filled, instead of two property definitions with a transition lookup each. Tree shapes
    /// are immortal (their parent's transition table keeps them), so caching the id is safe.
    pub fn create_iter_result_object(&mut self, value: Value, done: bool) -> ObjectRef {
        let shape = match self.interpreter.iterator_result_shape {
            Some(shape) => shape,
            None => {
                let root_shape = self.intrinsics.root_shape;
                let (with_value, value_slot) = self.heap.shape_add_transition(
                    root_shape,
                    PropertyKey::Atom(atoms::VALUE),
                    Attributes::DEFAULT_DATA,
                );
                let (with_done, done_slot) = self.heap.shape_add_transition(
                    with_value,
                    PropertyKey::Atom(atoms::DONE),
                    Attributes::DEFAULT_DATA,
                );
                debug_assert_eq!((value_slot, done_slot), (0, 1));
                self.interpreter.iterator_result_shape = Some(with_done);
                with_done
            }
        };
        let prototype = self.intrinsics.object_prototype;
        self.alloc_object_with_shape(
            shape,
            Some(prototype),
            ObjectKind::Ordinary,
            crate::object::SlotStorage::from_slice(&[value, Value::Boolean(done)]),
        )
    }
}

impl Attributes {
    /// A writable data property.
    #[inline]
    pub fn is_data_writable(self) -> bool {
        !self.is_accessor() && self.writable()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::function::Args;

    fn key(vm: &mut Vm, name: &str) -> PropertyKey {
        vm.property_key_from_str(name)
    }

    fn number_of(result: JsResult<Value>) -> Option<f64> {
        result.ok().and_then(Value::as_number)
    }

    #[test]
    fn objects_built_the_same_way_share_shapes_and_the_cache_hits() {
        let mut vm = Vm::new();
        let x = key(&mut vm, "x");
        let y = key(&mut vm, "y");
        let first = vm.new_object();
        let second = vm.new_object();
        for (object, base) in [(first, 1.0), (second, 10.0)] {
            vm.create_data_property(object, x, Value::Number(base))
                .expect("define");
            vm.create_data_property(object, y, Value::Number(base + 1.0))
                .expect("define");
        }
        assert_eq!(vm.object(first).shape, vm.object(second).shape);
        let mut cache = InlineCache::Empty;
        assert_eq!(
            number_of(vm.get_named_cached(Value::Object(first), y, &mut cache)),
            Some(2.0)
        );
        assert!(matches!(cache, InlineCache::Own { slot: 1, .. }));
        assert_eq!(
            number_of(vm.get_named_cached(Value::Object(second), y, &mut cache)),
            Some(11.0)
        );
        // A different shape misses and refills.
        let third = vm.new_object();
        vm.create_data_property(third, y, Value::Number(99.0))
            .expect("define");
        assert_eq!(
            number_of(vm.get_named_cached(Value::Object(third), y, &mut cache)),
            Some(99.0)
        );
        assert!(matches!(cache, InlineCache::Own { slot: 0, .. }));
    }

    #[test]
    fn prototype_cache_is_invalidated_by_shadowing() {
        let mut vm = Vm::new();
        let method = key(&mut vm, "method");
        let grandparent = vm.new_object();
        vm.create_data_property(grandparent, method, Value::Number(1.0))
            .expect("define");
        let parent = vm.alloc_object(Some(grandparent), ObjectKind::Ordinary);
        let child = vm.alloc_object(Some(parent), ObjectKind::Ordinary);
        let mut cache = InlineCache::Empty;
        assert_eq!(
            number_of(vm.get_named_cached(Value::Object(child), method, &mut cache)),
            Some(1.0)
        );
        assert!(matches!(cache, InlineCache::Prototype { .. }));
        assert_eq!(
            number_of(vm.get_named_cached(Value::Object(child), method, &mut cache)),
            Some(1.0)
        );
        // Shadow on the intermediate prototype: the cached holder is now wrong and must not hit.
        vm.create_data_property(parent, method, Value::Number(2.0))
            .expect("define");
        assert_eq!(
            number_of(vm.get_named_cached(Value::Object(child), method, &mut cache)),
            Some(2.0)
        );
        // Value changes on the holder are seen through the cache (slots are read live).
        vm.put_value(Value::Object(parent), method, Value::Number(3.0), true)
            .expect("set");
        assert_eq!(
            number_of(vm.get_named_cached(Value::Object(child), method, &mut cache)),
            Some(3.0)
        );
    }

    #[test]
    fn add_transition_cache_builds_the_same_shape() {
        let mut vm = Vm::new();
        let x = key(&mut vm, "x");
        let mut cache = InlineCache::Empty;
        let first = vm.new_object();
        vm.set_named_cached(
            Value::Object(first),
            x,
            Value::Number(1.0),
            true,
            &mut cache,
        )
        .expect("set");
        assert!(matches!(cache, InlineCache::Add { .. }));
        let second = vm.new_object();
        vm.set_named_cached(
            Value::Object(second),
            x,
            Value::Number(2.0),
            true,
            &mut cache,
        )
        .expect("set");
        assert_eq!(vm.object(first).shape, vm.object(second).shape);
        assert_eq!(number_of(vm.get(second, x)), Some(2.0));
        // A setter on the prototype must defeat the add cache.
        fn setter(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
            let value = args.get(vm, 0);
            let hidden = vm.property_key_from_str("hidden");
            vm.put_value(this, hidden, value, true)?;
            Ok(Value::Undefined)
        }
        let prototype = vm.intrinsics.object_prototype;
        let setter_function = vm.new_native_function("set x", 1, setter, false);
        vm.define_accessor_property(
            prototype,
            x,
            Value::Undefined,
            Value::Object(setter_function),
            false,
            true,
        );
        let third = vm.new_object();
        vm.set_named_cached(
            Value::Object(third),
            x,
            Value::Number(3.0),
            true,
            &mut cache,
        )
        .expect("set");
        assert!(
            vm.find_own_property(third, x).is_none(),
            "the setter ran instead of adding x"
        );
        let hidden = key(&mut vm, "hidden");
        assert_eq!(number_of(vm.get(third, hidden)), Some(3.0));
    }

    #[test]
    fn array_length_semantics() {
        let mut vm = Vm::new();
        let array = vm.new_array(vec![
            Value::Number(1.0),
            Value::Number(2.0),
            Value::Number(3.0),
        ]);
        let length = PropertyKey::Atom(atoms::LENGTH);
        assert_eq!(number_of(vm.get(array, length)), Some(3.0));
        vm.put_value(
            Value::Object(array),
            PropertyKey::Index(5),
            Value::Number(6.0),
            true,
        )
        .expect("set");
        assert_eq!(number_of(vm.get(array, length)), Some(6.0));
        assert!(
            vm.get(array, PropertyKey::Index(4))
                .is_ok_and(|value| value.is_undefined())
        );
        assert!(
            !vm.has_own_property(array, PropertyKey::Index(4))
                .unwrap_or(true),
            "holes are absent"
        );
        vm.put_value(Value::Object(array), length, Value::Number(2.0), true)
            .expect("truncate");
        assert!(
            !vm.has_own_property(array, PropertyKey::Index(2))
                .unwrap_or(true)
        );
        assert!(
            vm.put_value(Value::Object(array), length, Value::Number(-1.0), true)
                .is_err(),
            "RangeError"
        );
        // Far-away index goes to sparse storage.
        vm.put_value(
            Value::Object(array),
            PropertyKey::Index(100_000),
            Value::Number(1.0),
            true,
        )
        .expect("set");
        assert_eq!(number_of(vm.get(array, length)), Some(100_001.0));
        assert_eq!(
            number_of(vm.get(array, PropertyKey::Index(100_000))),
            Some(1.0)
        );
        vm.put_value(Value::Object(array), length, Value::Number(3.0), true)
            .expect("truncate sparse");
        assert!(
            !vm.has_own_property(array, PropertyKey::Index(100_000))
                .unwrap_or(true)
        );
        // Non-writable length rejects appends.
        let descriptor = PropertyDescriptor {
            writable: Some(false),
            ..Default::default()
        };
        assert_eq!(
            vm.define_own_property(array, length, descriptor).ok(),
            Some(true)
        );
        assert!(
            vm.put_value(
                Value::Object(array),
                PropertyKey::Index(3),
                Value::Null,
                true
            )
            .is_err()
        );
        assert_eq!(
            vm.put_value(
                Value::Object(array),
                PropertyKey::Index(3),
                Value::Null,
                false
            )
            .ok(),
            Some(())
        );
        assert_eq!(number_of(vm.get(array, length)), Some(3.0));
    }

    #[test]
    fn fast_element_paths() {
        let mut vm = Vm::new();
        let array = vm.new_array(vec![]);
        for index in 0..100 {
            vm.set_by_value(
                Value::Object(array),
                Value::Number(index as f64),
                Value::Number(index as f64),
                true,
            )
            .expect("append");
        }
        assert_eq!(vm.object(array).elements.len(), 100);
        assert_eq!(
            vm.object(array).array_data().map(|data| data.length),
            Some(100)
        );
        let read = vm.get_by_value(Value::Object(array), Value::Number(42.0));
        assert_eq!(number_of(read), Some(42.0));
        vm.array_push(array, Value::Null).expect("push");
        assert_eq!(
            vm.object(array).array_data().map(|data| data.length),
            Some(101)
        );
        let string = Value::String(vm.new_string("héllo"));
        let character = vm.get_by_value(string, Value::Number(1.0)).expect("char");
        assert_eq!(vm.to_rust_string(character).ok().as_deref(), Some("é"));
        let length = vm.get_value(string, PropertyKey::Atom(atoms::LENGTH));
        assert_eq!(number_of(length), Some(5.0));
        assert!(
            vm.get_by_value(Value::Undefined, Value::Number(0.0))
                .is_err()
        );
    }

    #[test]
    fn own_keys_are_in_spec_order() {
        let mut vm = Vm::new();
        let object = vm.new_object();
        let symbol = vm.new_symbol(Some("s"));
        let b = key(&mut vm, "b");
        let a = key(&mut vm, "a");
        vm.create_data_property(object, PropertyKey::Symbol(symbol), Value::Null)
            .expect("define");
        vm.create_data_property(object, b, Value::Null)
            .expect("define");
        vm.create_data_property(object, PropertyKey::Index(2), Value::Null)
            .expect("define");
        vm.create_data_property(object, a, Value::Null)
            .expect("define");
        vm.create_data_property(object, PropertyKey::Index(1), Value::Null)
            .expect("define");
        vm.create_data_property(object, PropertyKey::Index(5_000_000), Value::Null)
            .expect("define");
        let keys = vm.own_property_keys(object).expect("keys");
        assert_eq!(
            keys,
            vec![
                PropertyKey::Index(1),
                PropertyKey::Index(2),
                PropertyKey::Index(5_000_000),
                b,
                a,
                PropertyKey::Symbol(symbol)
            ]
        );
        // Deleting and re-adding moves a key to the end.
        assert_eq!(vm.delete_property(object, b).ok(), Some(true));
        vm.create_data_property(object, b, Value::Null)
            .expect("define");
        let strings: Vec<PropertyKey> = vm
            .own_property_keys(object)
            .expect("keys")
            .into_iter()
            .filter(|key| matches!(key, PropertyKey::Atom(_)))
            .collect();
        assert_eq!(strings, vec![a, b]);
        let array = vm.new_array(vec![Value::Null]);
        let array_keys = vm.own_property_keys(array).expect("keys");
        assert_eq!(
            array_keys,
            vec![PropertyKey::Index(0), PropertyKey::Atom(atoms::LENGTH)]
        );
    }

    #[test]
    fn define_own_property_validation() {
        let mut vm = Vm::new();
        let object = vm.new_object();
        let frozen = key(&mut vm, "frozen");
        let descriptor = PropertyDescriptor::data(Value::Number(1.0), false, false, false);
        assert_eq!(
            vm.define_own_property(object, frozen, descriptor).ok(),
            Some(true)
        );
        assert_eq!(
            vm.set(object, frozen, Value::Number(2.0), Value::Object(object))
                .ok(),
            Some(false)
        );
        assert!(
            vm.put_value(Value::Object(object), frozen, Value::Number(2.0), true)
                .is_err()
        );
        let same = PropertyDescriptor {
            value: Some(Value::Number(1.0)),
            ..Default::default()
        };
        assert_eq!(
            vm.define_own_property(object, frozen, same).ok(),
            Some(true)
        );
        let different = PropertyDescriptor {
            value: Some(Value::Number(3.0)),
            ..Default::default()
        };
        assert_eq!(
            vm.define_own_property(object, frozen, different).ok(),
            Some(false)
        );
        assert_eq!(vm.delete_property(object, frozen).ok(), Some(false));
        vm.prevent_extensions(object).expect("preventExtensions");
        let fresh = key(&mut vm, "fresh");
        assert_eq!(
            vm.create_data_property(object, fresh, Value::Null).ok(),
            Some(false)
        );
        // Index properties with non-default attributes leave the dense elements.
        let array = vm.new_array(vec![Value::Number(1.0), Value::Number(2.0)]);
        let read_only = PropertyDescriptor {
            writable: Some(false),
            ..Default::default()
        };
        assert_eq!(
            vm.define_own_property(array, PropertyKey::Index(0), read_only)
                .ok(),
            Some(true)
        );
        assert!(vm.object(array).elements[0].is_hole());
        assert_eq!(number_of(vm.get(array, PropertyKey::Index(0))), Some(1.0));
        assert_eq!(
            vm.set(
                array,
                PropertyKey::Index(0),
                Value::Null,
                Value::Object(array)
            )
            .ok(),
            Some(false)
        );
    }

    #[test]
    fn accessors_call_native_getters_with_the_receiver() {
        fn getter(_vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
            Ok(this)
        }
        let mut vm = Vm::new();
        let prototype = vm.new_object();
        let name = key(&mut vm, "self");
        let getter_function = vm.new_native_function("get self", 0, getter, false);
        vm.define_accessor_property(
            prototype,
            name,
            Value::Object(getter_function),
            Value::Undefined,
            false,
            true,
        );
        let child = vm.alloc_object(Some(prototype), ObjectKind::Ordinary);
        let value = vm.get(child, name).expect("get");
        assert_eq!(value.as_object(), Some(child));
        // No setter: assignment is rejected (TypeError in strict mode).
        assert!(
            vm.put_value(Value::Object(child), name, Value::Null, true)
                .is_err()
        );
        let descriptor = vm
            .get_own_property(prototype, name)
            .expect("ok")
            .expect("present");
        assert!(descriptor.is_accessor());
    }

    #[test]
    fn for_in_enumerates_own_then_inherited_enumerable_keys() {
        let mut vm = Vm::new();
        let prototype = vm.new_object();
        let inherited = key(&mut vm, "inherited");
        let own = key(&mut vm, "own");
        vm.create_data_property(prototype, inherited, Value::Null)
            .expect("define");
        vm.create_data_property(prototype, own, Value::Null)
            .expect("define");
        let object = vm.alloc_object(Some(prototype), ObjectKind::Ordinary);
        vm.create_data_property(object, own, Value::Null)
            .expect("define");
        vm.create_data_property(object, PropertyKey::Index(0), Value::Null)
            .expect("define");
        let iterator = vm
            .new_for_in_iterator(Value::Object(object))
            .expect("iterator");
        let mut seen = Vec::new();
        while let Some(key) = vm.for_in_next(iterator).expect("next") {
            seen.push(vm.to_rust_string(key).expect("string"));
        }
        assert_eq!(seen, vec!["0", "own", "inherited"]);
        let empty = vm.new_for_in_iterator(Value::Null).expect("iterator");
        assert!(vm.for_in_next(empty).expect("next").is_none());
    }

    #[test]
    fn garbage_collection_frees_unreachable_and_keeps_rooted_objects() {
        let mut vm = Vm::new();
        let baseline = vm.collect_garbage().objects;
        let x = key(&mut vm, "x");
        let kept = vm.new_object();
        let child = vm.new_object();
        vm.create_data_property(kept, x, Value::Object(child))
            .expect("define");
        vm.create_data_property(child, x, Value::Object(kept))
            .expect("cycle");
        let garbage = vm.new_object();
        let garbage_child = vm.new_array(vec![Value::Object(garbage)]);
        vm.create_data_property(garbage, x, Value::Object(garbage_child))
            .expect("cycle");
        let scope = vm.open_handle_scope();
        vm.root(Value::Object(kept));
        let counts = vm.collect_garbage();
        assert_eq!(counts.objects, baseline + 2);
        assert!(vm.heap.objects.try_get(garbage).is_none());
        assert!(
            vm.get(kept, x)
                .is_ok_and(|value| value.as_object() == Some(child))
        );
        vm.close_handle_scope(scope);
        assert_eq!(vm.collect_garbage().objects, baseline);
        // Freed slots are reused.
        let capacity = vm.heap.objects.capacity_slots();
        vm.new_object();
        assert_eq!(vm.heap.objects.capacity_slots(), capacity);
    }

    #[test]
    fn map_storage_uses_same_value_zero() {
        let mut vm = Vm::new();
        let map = vm.alloc_object(None, ObjectKind::Map(Box::default()));
        let first = Value::String(vm.new_string("key"));
        let second = Value::String(vm.new_string("key"));
        vm.map_set(map, first, Value::Number(1.0));
        vm.map_set(map, second, Value::Number(2.0));
        vm.map_set(map, Value::Number(f64::NAN), Value::Number(3.0));
        vm.map_set(map, Value::Number(-0.0), Value::Number(4.0));
        assert_eq!(vm.map_get(map, first).and_then(Value::as_number), Some(2.0));
        assert_eq!(
            vm.map_get(map, Value::Number(f64::NAN))
                .and_then(Value::as_number),
            Some(3.0)
        );
        assert_eq!(
            vm.map_get(map, Value::Number(0.0))
                .and_then(Value::as_number),
            Some(4.0)
        );
        assert!(vm.map_delete(map, second));
        assert!(!vm.map_delete(map, second));
        assert!(vm.map_get(map, first).is_none());
        if let ObjectKind::Map(storage) = &vm.object(map).kind {
            assert_eq!(storage.len(), 2);
            assert!(
                storage.entry_at(0).is_none(),
                "deleted entry leaves a tombstone"
            );
        }
    }

    #[test]
    fn error_objects_have_message_and_stack() {
        let mut vm = Vm::new();
        let error = vm.new_range_error("too far");
        let exception = vm.describe_exception(error);
        assert_eq!(exception.name.as_deref(), Some("RangeError"));
        assert_eq!(exception.message, "too far");
        assert_eq!(exception.stack.as_deref(), Some("RangeError: too far"));
        let constructor = Value::Object(vm.intrinsics.type_error_constructor);
        let message = Value::String(vm.new_string("bad"));
        let constructed = vm
            .construct(constructor, &[message], None)
            .expect("construct");
        assert_eq!(vm.describe_exception(constructed).summary, "TypeError: bad");
        let called = vm
            .call(constructor, Value::Undefined, &[message])
            .expect("call");
        assert!(vm.instance_of(called, constructor).unwrap_or(false));
        let thrown_string = Value::String(vm.new_string("plain"));
        assert_eq!(vm.describe_exception(thrown_string).summary, "plain");
        assert!(vm.call(Value::Number(1.0), Value::Undefined, &[]).is_err());
    }

    #[test]
    fn reading_from_a_nullish_base_throws_before_converting_an_object_key() {
        let mut vm = Vm::new();
        // An object key's default toString would name it '[object Object]' in the message;
        // the spec throws before ToPropertyKey, so the message must not contain it.
        let object_key = Value::Object(vm.new_object());
        let error = vm
            .get_by_value(Value::Undefined, object_key)
            .expect_err("undefined[{}] throws");
        let exception = vm.describe_exception(error);
        assert_eq!(exception.name.as_deref(), Some("TypeError"));
        assert_eq!(exception.message, "Cannot read properties of undefined");
        let number_key = Value::Number(1.5);
        let error = vm
            .get_by_value(Value::Null, number_key)
            .expect_err("null[1.5] throws");
        assert_eq!(
            vm.describe_exception(error).message,
            "Cannot read properties of null (reading '1.5')"
        );
    }
}
