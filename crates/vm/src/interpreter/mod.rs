//! Placeholder for the interpreter (owned by the interpreter engineer, who replaces this file).
//!
//! The runtime core (realm.rs, function.rs) relies on exactly these three items:
//! - `InterpreterState` (implements `Default`), stored in `Vm::interpreter`;
//! - `trace_roots(state, tracer)`, called by `Vm::collect_garbage` to mark frames/constants;
//! - `call_closure(vm, callee, base, argc, new_target)`, called by `Vm::call`/`Vm::construct`
//!   for bytecode closures. On entry `vm.stack[base]` is `this` and
//!   `vm.stack[base + 1 ..= base + argc]` are the arguments; `vm.stack.len() == base + 1 + argc`.
//!   `new_target` is `Value::Undefined` for [[Call]] and the new.target object for [[Construct]].

use crate::realm::Vm;
use crate::value::{JsResult, ObjectRef, Value};

/// Interpreter state stored inside the `Vm` (frames, linked code, ...). Placeholder.
#[derive(Debug, Default)]
pub struct InterpreterState {}

/// Marks every heap value the interpreter holds (frames, linked constants). Placeholder.
pub fn trace_roots(_state: &InterpreterState, _tracer: &mut tseval_gc::Tracer) {}

/// Runs a bytecode closure. Placeholder: throws a TypeError.
pub fn call_closure(
    vm: &mut Vm,
    _callee: ObjectRef,
    _base: usize,
    _argc: usize,
    _new_target: Value,
) -> JsResult<Value> {
    Err(vm.new_type_error("the interpreter is not available yet"))
}
