//! Placeholder while the module is being written.

use crate::realm::Vm;

/// Installs nothing yet.
pub fn install(_vm: &mut Vm) {}

/// Placeholder.
pub fn is_weak_map(_vm: &Vm, _object: crate::value::ObjectRef) -> bool {
    false
}

/// Placeholder.
pub fn is_weak_set(_vm: &Vm, _object: crate::value::ObjectRef) -> bool {
    false
}
