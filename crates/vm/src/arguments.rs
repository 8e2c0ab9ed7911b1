//! Mapped `arguments` objects (ECMAScript 10.4.4, arguments exotic objects).
//!
//! In a sloppy function with a simple parameter list, `arguments[i]` and the `i`-th parameter
//! are one variable seen through two names. The design keeps functions that never mention
//! `arguments` at zero cost and keeps the others cheap:
//!
//! - The resolver captures every parameter of such a function (and only of such a function)
//!   into its function environment, so a parameter is an environment slot.
//! - The prologue builds an ordinary arguments object (values in `elements`), and right after
//!   the function environment is pushed, one `MapArgument` instruction per mapped parameter
//!   turns the object into an [`ObjectKind::MappedArguments`] whose [`ParameterMap`] records
//!   the environment and, per index, the slot.
//! - A mapped index is a *virtual* property (like a String wrapper's indices): it is absent from
//!   `elements` and from the shape, its value is the environment slot, and its attributes are
//!   kept in the map (while mapped it is always a writable data property; only `enumerable`
//!   and `configurable` can change). Because `elements` has a hole there, every dense-element
//!   fast path misses and falls back to the generic property operations, which consult the map
//!   ([`crate::property::OwnLocation::MappedArgument`]).
//! - Breaking the mapping (delete, redefinition as an accessor or as non-writable) moves the
//!   property into ordinary storage with its current value and attributes.

use crate::atom::PropertyKey;
use crate::object::{ObjectKind, PropertyDescriptor};
use crate::realm::Vm;
use crate::shape::Attributes;
use crate::value::{EnvRef, JsResult, ObjectRef, Value};

/// The `[[ParameterMap]]` of a mapped arguments object.
#[derive(Debug)]
pub struct ParameterMap {
    /// The function environment holding the parameters.
    pub env: EnvRef,
    /// Per argument index: the mapping, if still in place.
    pub entries: Vec<MappedParameter>,
}

/// One mapped index of a [`ParameterMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MappedParameter {
    /// The environment slot of the parameter, or [`MappedParameter::UNMAPPED`].
    pub slot: u16,
    /// The property's `[[Enumerable]]` attribute.
    pub enumerable: bool,
    /// The property's `[[Configurable]]` attribute.
    pub configurable: bool,
}

impl MappedParameter {
    /// The slot value of an index that is not (or no longer) mapped.
    pub const UNMAPPED: u16 = u16::MAX;
    const NONE: MappedParameter = MappedParameter {
        slot: Self::UNMAPPED,
        enumerable: true,
        configurable: true,
    };
}

impl Vm {
    /// `MapArgument`: maps `arguments[index]` to slot `slot` of the current function
    /// environment `env`, if the call passed that argument (CreateMappedArgumentsObject step 17:
    /// only indices below the argument count are mapped). The argument's value moves out of the
    /// dense elements: the parameter's environment slot is now the only copy.
    pub fn map_argument(&mut self, arguments: ObjectRef, env: EnvRef, index: u16, slot: u16) {
        let position = usize::from(index);
        let data = self.object_mut(arguments);
        if position >= data.elements.len() || data.elements[position].is_hole() {
            return;
        }
        if let ObjectKind::Arguments = data.kind {
            data.kind = ObjectKind::MappedArguments(Box::new(ParameterMap {
                env,
                entries: Vec::new(),
            }));
        }
        let ObjectKind::MappedArguments(map) = &mut data.kind else {
            return;
        };
        if map.entries.len() <= position {
            map.entries.resize(position + 1, MappedParameter::NONE);
        }
        map.entries[position] = MappedParameter {
            slot,
            enumerable: true,
            configurable: true,
        };
        data.elements[position] = Value::Hole;
        while data.elements.last().is_some_and(|value| value.is_hole()) {
            data.elements.pop();
        }
    }

    /// The mapping of `index` of a mapped arguments object, if any.
    #[inline]
    pub(crate) fn mapped_parameter(
        &self,
        object: ObjectRef,
        index: u32,
    ) -> Option<MappedParameter> {
        match &self.object(object).kind {
            ObjectKind::MappedArguments(map) => map
                .entries
                .get(index as usize)
                .copied()
                .filter(|entry| entry.slot != MappedParameter::UNMAPPED),
            _ => None,
        }
    }

    /// The indices that are currently mapped (virtual properties of the object).
    pub(crate) fn mapped_indices(&self, object: ObjectRef) -> Vec<u32> {
        match &self.object(object).kind {
            ObjectKind::MappedArguments(map) => map
                .entries
                .iter()
                .enumerate()
                .filter(|(_, entry)| entry.slot != MappedParameter::UNMAPPED)
                .map(|(index, _)| index as u32)
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Reads the parameter behind a mapped index.
    pub(crate) fn mapped_argument_value(&self, object: ObjectRef, index: u32) -> Value {
        let (ObjectKind::MappedArguments(map), Some(entry)) = (
            &self.object(object).kind,
            self.mapped_parameter(object, index),
        ) else {
            return Value::Undefined;
        };
        self.env(map.env)
            .slots
            .get(usize::from(entry.slot))
            .copied()
            .unwrap_or(Value::Undefined)
    }

    /// Writes the parameter behind a mapped index (the map's [[Set]]).
    pub(crate) fn set_mapped_argument_value(
        &mut self,
        object: ObjectRef,
        index: u32,
        value: Value,
    ) {
        let (ObjectKind::MappedArguments(map), Some(entry)) = (
            &self.object(object).kind,
            self.mapped_parameter(object, index),
        ) else {
            return;
        };
        let env = map.env;
        if let Some(cell) = self.env_mut(env).slots.get_mut(usize::from(entry.slot)) {
            *cell = value;
        }
    }

    /// The property descriptor of a mapped index.
    pub(crate) fn mapped_argument_descriptor(
        &self,
        object: ObjectRef,
        index: u32,
    ) -> PropertyDescriptor {
        let value = self.mapped_argument_value(object, index);
        let entry = self
            .mapped_parameter(object, index)
            .unwrap_or(MappedParameter::NONE);
        PropertyDescriptor::data(value, true, entry.enumerable, entry.configurable)
    }

    /// Removes the mapping of `index` (the parameter keeps its value; the property, if it is
    /// to stay, must be re-added to ordinary storage by the caller).
    fn unmap_argument(&mut self, object: ObjectRef, index: u32) {
        if let ObjectKind::MappedArguments(map) = &mut self.object_mut(object).kind
            && let Some(entry) = map.entries.get_mut(index as usize)
        {
            entry.slot = MappedParameter::UNMAPPED;
        }
    }

    /// [[Delete]] of a mapped index (10.4.4.5): OrdinaryDelete succeeds only for a
    /// configurable property, and then the mapping goes with it.
    pub(crate) fn delete_mapped_argument(&mut self, object: ObjectRef, index: u32) -> bool {
        let Some(entry) = self.mapped_parameter(object, index) else {
            return true;
        };
        if !entry.configurable {
            return false;
        }
        self.unmap_argument(object, index);
        true
    }

    /// [[DefineOwnProperty]] of a mapped index (10.4.4.2): validates against the current
    /// (writable data) property, then either keeps the mapping (writing a new value through to
    /// the parameter) or, for an accessor or non-writable descriptor, moves the property into
    /// ordinary storage and drops the mapping.
    pub(crate) fn define_mapped_argument(
        &mut self,
        object: ObjectRef,
        index: u32,
        descriptor: PropertyDescriptor,
    ) -> JsResult<bool> {
        let Some(entry) = self.mapped_parameter(object, index) else {
            return self.ordinary_define_own_property(
                object,
                PropertyKey::Index(index),
                descriptor,
            );
        };
        // ValidateAndApplyPropertyDescriptor against a writable data property.
        if !entry.configurable
            && (descriptor.configurable == Some(true)
                || descriptor
                    .enumerable
                    .is_some_and(|enumerable| enumerable != entry.enumerable)
                || descriptor.is_accessor())
        {
            return Ok(false);
        }
        let enumerable = descriptor.enumerable.unwrap_or(entry.enumerable);
        let configurable = descriptor.configurable.unwrap_or(entry.configurable);
        let key = PropertyKey::Index(index);
        if descriptor.is_accessor() {
            self.unmap_argument(object, index);
            let getter = descriptor.get.unwrap_or(Value::Undefined);
            let setter = descriptor.set.unwrap_or(Value::Undefined);
            let attributes = Attributes::accessor(enumerable, configurable);
            self.add_property(object, key, attributes, getter, setter);
            return Ok(true);
        }
        if let Some(value) = descriptor.value {
            self.set_mapped_argument_value(object, index, value);
        }
        if descriptor.writable == Some(false) {
            let value = self.mapped_argument_value(object, index);
            self.unmap_argument(object, index);
            let attributes = Attributes::new(false, enumerable, configurable);
            self.add_property(object, key, attributes, value, Value::Undefined);
            return Ok(true);
        }
        if let ObjectKind::MappedArguments(map) = &mut self.object_mut(object).kind
            && let Some(entry) = map.entries.get_mut(index as usize)
        {
            entry.enumerable = enumerable;
            entry.configurable = configurable;
        }
        Ok(true)
    }
}
