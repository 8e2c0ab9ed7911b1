//! Placeholder while the module is being written.

use crate::realm::Vm;

/// Installs nothing yet.
pub fn install(_vm: &mut Vm) {}

/// Placeholder.
pub fn run_event_loop(_vm: &mut Vm) -> crate::value::JsResult<()> {
    Ok(())
}
