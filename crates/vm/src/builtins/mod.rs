//! Placeholder for the built-ins (owned by the built-ins engineer, who replaces this file).
//!
//! The runtime core calls `install(vm)` at the end of `Vm::new()`.

use crate::realm::Vm;

/// Installs the built-in library into the realm. Placeholder: does nothing.
pub fn install(_vm: &mut Vm) {}
