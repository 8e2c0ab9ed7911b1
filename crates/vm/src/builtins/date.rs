//! Placeholder while the module is being written.

use crate::realm::Vm;

/// Installs nothing yet.
pub fn install(_vm: &mut Vm) {}

/// Placeholder.
pub fn to_iso_string(_time: f64) -> String {
    String::new()
}
