//! Async generators (`async function*`): the coroutine machinery of [`super::generators`]
//! plus a request queue, as in the specification's AsyncGeneratorEnqueue /
//! AsyncGeneratorResumeNext.
//!
//! `next`/`return`/`throw` each create a promise, append a request `(mode, value, promise)` to
//! the generator's queue and, unless the body is running or awaiting, drain the queue: the
//! front request resumes the body; a `yield v` awaits `v` and then fulfills the front request
//! with `{ value, done: false }`; completion fulfills (return) or rejects (throw) it and
//! marks the generator completed, after which requests settle immediately (a `return(v)`
//! request awaits `v` first). An `await` inside the body suspends it (state `AWAITING`) with
//! continuations that resume it from a promise job.
//!
//! The queue is an internal object (never exposed) whose `elements` hold the requests as
//! consecutive `(mode, value, promise)` triples; it lives in the coroutine state object's
//! promise slot, so the GC sees it without special cases.
//!
//! The realm has no intrinsics for %AsyncIteratorPrototype%, %AsyncGeneratorPrototype% and
//! %AsyncGeneratorFunction.prototype% yet, so they are created here on first use and rooted
//! in the interpreter state.

use super::generators::{
    self, AWAIT_CONTINUATIONS, Outcome, ResumeMode, complete, resume_raw, set_state, slot, state,
    state_number, subscribe, suspend_new_frame, suspended_at_yield,
};
use crate::atom::{PropertyKey, atoms};
use crate::builtins::promise::{new_promise, reject_promise, resolve_promise};
use crate::function::{Args, NativeFunction};
use crate::object::ObjectKind;
use crate::realm::{InternalJob, Vm};
use crate::shape::Attributes;
use crate::value::{JsResult, ObjectRef, Value};

/// The async-generator intrinsics (created once per realm).
#[derive(Clone, Copy, Debug)]
pub struct AsyncGeneratorIntrinsics {
    /// %AsyncIteratorPrototype%.
    pub async_iterator_prototype: ObjectRef,
    /// %AsyncGeneratorPrototype%.
    pub async_generator_prototype: ObjectRef,
    /// %AsyncGeneratorFunction.prototype%.
    pub async_generator_function_prototype: ObjectRef,
    /// %AsyncFromSyncIteratorPrototype%.
    pub async_from_sync_iterator_prototype: ObjectRef,
}

/// Returns the async-generator intrinsics, creating them on first use.
pub(crate) fn intrinsics(vm: &mut Vm) -> AsyncGeneratorIntrinsics {
    if let Some(intrinsics) = vm.interpreter.async_generator_intrinsics {
        return intrinsics;
    }
    let object_prototype = vm.intrinsics.object_prototype;
    let function_prototype = vm.intrinsics.function_prototype;
    let async_iterator_prototype = vm.alloc_object(Some(object_prototype), ObjectKind::Ordinary);
    let async_iterator_symbol = vm.intrinsics.symbols.async_iterator;
    let name = vm.new_string("[Symbol.asyncIterator]");
    let return_this_function = vm.new_native_function_with_data(
        Value::String(name),
        0,
        return_this,
        false,
        Value::Undefined,
    );
    vm.define_data_property(
        async_iterator_prototype,
        PropertyKey::Symbol(async_iterator_symbol),
        Value::Object(return_this_function),
        Attributes::HIDDEN_DATA,
    );
    crate::builtins::disposable::install_async_iterator_dispose(vm, async_iterator_prototype);
    let async_generator_prototype =
        vm.alloc_object(Some(async_iterator_prototype), ObjectKind::Ordinary);
    for (name, function) in [
        ("next", async_generator_next as NativeFunction),
        ("return", async_generator_return),
        ("throw", async_generator_throw),
    ] {
        vm.define_native_method(async_generator_prototype, name, 1, function);
    }
    let tag_key = PropertyKey::Symbol(vm.intrinsics.symbols.to_string_tag);
    let tag = vm.new_string("AsyncGenerator");
    vm.define_data_property(
        async_generator_prototype,
        tag_key,
        Value::String(tag),
        Attributes::CONFIGURABLE_ONLY,
    );
    let async_generator_function_prototype =
        vm.alloc_object(Some(function_prototype), ObjectKind::Ordinary);
    vm.define_data_property(
        async_generator_function_prototype,
        PropertyKey::Atom(atoms::PROTOTYPE),
        Value::Object(async_generator_prototype),
        Attributes::CONFIGURABLE_ONLY,
    );
    vm.define_data_property(
        async_generator_prototype,
        PropertyKey::Atom(atoms::CONSTRUCTOR),
        Value::Object(async_generator_function_prototype),
        Attributes::CONFIGURABLE_ONLY,
    );
    let function_tag = vm.new_string("AsyncGeneratorFunction");
    vm.define_data_property(
        async_generator_function_prototype,
        tag_key,
        Value::String(function_tag),
        Attributes::CONFIGURABLE_ONLY,
    );
    let async_from_sync_iterator_prototype =
        vm.alloc_object(Some(async_iterator_prototype), ObjectKind::Ordinary);
    super::async_from_sync::install_prototype(vm, async_from_sync_iterator_prototype);
    let intrinsics = AsyncGeneratorIntrinsics {
        async_iterator_prototype,
        async_generator_prototype,
        async_generator_function_prototype,
        async_from_sync_iterator_prototype,
    };
    vm.interpreter.async_generator_intrinsics = Some(intrinsics);
    intrinsics
}

fn return_this(_vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    Ok(this)
}

/// Called by the prologue when an async generator function is called: the new frame becomes
/// a suspended async generator object, which is returned. The frame is popped; the caller
/// restores its own stack window.
pub(crate) fn create_async_generator_from_top_frame(vm: &mut Vm) -> JsResult<Value> {
    let Some(frame) = vm.interpreter.frames.last() else {
        return Err(vm.new_type_error("internal error: no async generator frame"));
    };
    let callee = frame.callee;
    let state_object = suspend_new_frame(vm);
    let queue = vm.alloc_object(None, ObjectKind::Ordinary);
    if let Some(cell) = vm.object_mut(state_object).elements.get_mut(slot::PROMISE) {
        *cell = Value::Object(queue);
    }
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(state_object));
    let result = create_async_generator_object(vm, callee, state_object);
    vm.close_handle_scope(scope);
    result
}

/// Parameter initialisation (at call time, throwing synchronously), then the generator object
/// from `callee.prototype`.
fn create_async_generator_object(
    vm: &mut Vm,
    callee: ObjectRef,
    state_object: ObjectRef,
) -> JsResult<Value> {
    generators::run_parameter_initialisation(vm, state_object)?;
    let prototype = match vm.get(callee, PropertyKey::Atom(atoms::PROTOTYPE))? {
        Value::Object(prototype) => prototype,
        _ => intrinsics(vm).async_generator_prototype,
    };
    let generator = vm.alloc_object(Some(prototype), ObjectKind::Ordinary);
    let key = generators::state_key(vm);
    vm.define_data_property(
        generator,
        key,
        Value::Object(state_object),
        Attributes::FROZEN,
    );
    Ok(Value::Object(generator))
}

fn mode_number(mode: ResumeMode) -> f64 {
    match mode {
        ResumeMode::Next => 0.0,
        ResumeMode::Return => 1.0,
        ResumeMode::Throw => 2.0,
    }
}

fn mode_from_number(number: f64) -> ResumeMode {
    if number == 1.0 {
        ResumeMode::Return
    } else if number == 2.0 {
        ResumeMode::Throw
    } else {
        ResumeMode::Next
    }
}

fn queue_of(vm: &Vm, state_object: ObjectRef) -> Option<ObjectRef> {
    match vm.object(state_object).elements.get(slot::PROMISE) {
        Some(Value::Object(queue)) if matches!(vm.object(*queue).kind, ObjectKind::Ordinary) => {
            Some(*queue)
        }
        _ => None,
    }
}

/// The front request `(mode, value, promise)`, if any.
fn front(vm: &Vm, queue: ObjectRef) -> Option<(ResumeMode, Value, ObjectRef)> {
    let elements = &vm.object(queue).elements;
    match elements.get(0..3) {
        Some([Value::Number(mode), value, Value::Object(promise)]) => {
            Some((mode_from_number(*mode), *value, *promise))
        }
        _ => None,
    }
}

/// Removes the front request and returns its promise.
fn pop_front(vm: &mut Vm, queue: ObjectRef) -> Option<ObjectRef> {
    let (_, _, promise) = front(vm, queue)?;
    vm.object_mut(queue).elements.drain(0..3);
    Some(promise)
}

/// Settles the front request with an iterator result (or a rejection).
fn settle_front(
    vm: &mut Vm,
    queue: ObjectRef,
    result: Result<(Value, bool), Value>,
) -> JsResult<()> {
    let Some(promise) = pop_front(vm, queue) else {
        return Ok(());
    };
    match result {
        Ok((value, done)) => {
            let iter_result = vm.create_iter_result_object(value, done);
            resolve_promise(vm, promise, Value::Object(iter_result))
        }
        Err(reason) if vm.exit_requested() => Err(reason),
        Err(reason) => {
            reject_promise(vm, promise, reason);
            Ok(())
        }
    }
}

/// AsyncGeneratorEnqueue + resume: the body of `next`/`return`/`throw`.
fn enqueue(
    vm: &mut Vm,
    generator: Value,
    mode: ResumeMode,
    value: Value,
    method: &str,
) -> JsResult<Value> {
    let promise = new_promise(vm, None);
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(promise));
    let target = generators::state_object(vm, generator)
        .and_then(|state_object| queue_of(vm, state_object).map(|queue| (state_object, queue)));
    let Some((state_object, queue)) = target else {
        let description = vm.describe_value_for_error(generator);
        let error = vm.new_type_error(&format!(
            "{method} method called on incompatible receiver {description}"
        ));
        reject_promise(vm, promise, error);
        vm.close_handle_scope(scope);
        return Ok(Value::Object(promise));
    };
    vm.object_mut(queue).elements.extend_from_slice(&[
        Value::Number(mode_number(mode)),
        value,
        Value::Object(promise),
    ]);
    let result = drain(vm, state_object);
    vm.close_handle_scope(scope);
    result?;
    Ok(Value::Object(promise))
}

/// AsyncGeneratorResumeNext: processes queued requests until the body runs into an `await`,
/// the queue is empty, or a `return` operand is being awaited.
fn drain(vm: &mut Vm, state_object: ObjectRef) -> JsResult<()> {
    let Some(queue) = queue_of(vm, state_object) else {
        return Ok(());
    };
    loop {
        let current = state_number(vm, state_object);
        if current == state::EXECUTING
            || current == state::AWAITING
            || current == state::AWAITING_RETURN
        {
            return Ok(());
        }
        let Some((mode, value, _)) = front(vm, queue) else {
            return Ok(());
        };
        let mut current = current;
        if mode != ResumeMode::Next && current == state::SUSPENDED_START {
            complete(vm, state_object);
            current = state::COMPLETED;
        }
        if current == state::COMPLETED {
            match mode {
                ResumeMode::Next => settle_front(vm, queue, Ok((Value::Undefined, true)))?,
                ResumeMode::Throw => settle_front(vm, queue, Err(value))?,
                ResumeMode::Return => {
                    set_state(vm, state_object, state::AWAITING_RETURN);
                    match subscribe(vm, state_object, value, return_fulfilled, return_rejected) {
                        Ok(result) => return result,
                        Err(error) => {
                            set_state(vm, state_object, state::COMPLETED);
                            settle_front(vm, queue, Err(error))?;
                        }
                    }
                }
            }
            continue;
        }
        if mode == ResumeMode::Return {
            // AsyncGeneratorUnwrapYieldResumption: the operand of `return(value)` is awaited
            // before the body resumes with a return completion (a rejection is thrown in).
            set_state(vm, state_object, state::AWAITING);
            match subscribe(
                vm,
                state_object,
                value,
                resume_return_fulfilled,
                resume_return_rejected,
            ) {
                Ok(result) => return result,
                Err(error) => {
                    set_state(vm, state_object, state::SUSPENDED_YIELD);
                    let outcome = resume_raw(vm, state_object, ResumeMode::Throw, error)?;
                    if !handle_outcome(vm, state_object, queue, outcome)? {
                        return Ok(());
                    }
                    continue;
                }
            }
        }
        let outcome = resume_raw(vm, state_object, mode, value)?;
        if !handle_outcome(vm, state_object, queue, outcome)? {
            return Ok(());
        }
    }
}

/// The operand of a `return(value)` request at a `yield` was awaited: resume the body with a
/// return completion carrying the awaited value.
fn resume_return_fulfilled(vm: &mut Vm, [data, value, _]: [Value; 3]) -> JsResult<()> {
    if let Some(state_object) = data.as_object() {
        step(vm, state_object, ResumeMode::Return, value)?;
    }
    Ok(())
}

/// The operand of a `return(value)` request at a `yield` rejected: throw it into the body.
fn resume_return_rejected(vm: &mut Vm, [data, reason, _]: [Value; 3]) -> JsResult<()> {
    if let Some(state_object) = data.as_object() {
        step(vm, state_object, ResumeMode::Throw, reason)?;
    }
    Ok(())
}

/// Reacts to the end of a body run. Returns whether the queue should keep draining.
fn handle_outcome(
    vm: &mut Vm,
    state_object: ObjectRef,
    queue: ObjectRef,
    outcome: Outcome,
) -> JsResult<bool> {
    match outcome {
        Outcome::Suspended(value) => {
            let at_yield = suspended_at_yield(vm, state_object);
            set_state(vm, state_object, state::AWAITING);
            let (on_fulfilled, on_rejected): (InternalJob, InternalJob) = if at_yield {
                (yield_fulfilled, yield_rejected)
            } else {
                AWAIT_CONTINUATIONS
            };
            match subscribe(vm, state_object, value, on_fulfilled, on_rejected) {
                Ok(result) => {
                    result?;
                    Ok(false)
                }
                Err(error) => {
                    // PromiseResolve threw: the exception is thrown into the body.
                    set_state(vm, state_object, state::SUSPENDED_YIELD);
                    let outcome = resume_raw(vm, state_object, ResumeMode::Throw, error)?;
                    handle_outcome(vm, state_object, queue, outcome)
                }
            }
        }
        Outcome::Delegated(value) => {
            // AsyncGeneratorYield of a `yield*` step: the inner result's value settles the
            // front request as is (no await); the body stays suspended at its `YieldDelegate`
            // and the queue keeps draining.
            set_state(vm, state_object, state::SUSPENDED_YIELD);
            settle_front(vm, queue, Ok((value, false)))?;
            Ok(true)
        }
        Outcome::Returned(value) => {
            // Return values were already awaited in the body (`return x` awaits `x`, and a
            // `return(value)` request awaits its operand before resuming), so completion
            // settles the request directly (AsyncGeneratorStart).
            complete(vm, state_object);
            settle_front(vm, queue, Ok((value, true)))?;
            Ok(true)
        }
        Outcome::Threw(error) => {
            complete(vm, state_object);
            settle_front(vm, queue, Err(error))?;
            Ok(true)
        }
    }
}

/// Resumes an async generator body after an `await` settled (called through the shared
/// await continuations of [`super::generators`]).
pub(super) fn step(
    vm: &mut Vm,
    state_object: ObjectRef,
    mode: ResumeMode,
    value: Value,
) -> JsResult<()> {
    let Some(queue) = queue_of(vm, state_object) else {
        return Ok(());
    };
    set_state(vm, state_object, state::SUSPENDED_YIELD);
    let outcome = resume_raw(vm, state_object, mode, value)?;
    if handle_outcome(vm, state_object, queue, outcome)? {
        drain(vm, state_object)?;
    }
    Ok(())
}

/// A yielded value was awaited: the front request receives it and the body stays suspended
/// at the `yield`.
fn yield_fulfilled(vm: &mut Vm, [data, value, _]: [Value; 3]) -> JsResult<()> {
    if let Some(state_object) = data.as_object()
        && let Some(queue) = queue_of(vm, state_object)
    {
        set_state(vm, state_object, state::SUSPENDED_YIELD);
        settle_front(vm, queue, Ok((value, false)))?;
        drain(vm, state_object)?;
    }
    Ok(())
}

/// A yielded promise rejected: the reason is thrown into the body at the `yield`.
fn yield_rejected(vm: &mut Vm, [data, reason, _]: [Value; 3]) -> JsResult<()> {
    if let Some(state_object) = data.as_object() {
        step(vm, state_object, ResumeMode::Throw, reason)?;
    }
    Ok(())
}

/// The operand of a `return(value)` request on a completed generator was awaited.
fn return_fulfilled(vm: &mut Vm, [data, value, _]: [Value; 3]) -> JsResult<()> {
    if let Some(state_object) = data.as_object()
        && let Some(queue) = queue_of(vm, state_object)
    {
        set_state(vm, state_object, state::COMPLETED);
        settle_front(vm, queue, Ok((value, true)))?;
        drain(vm, state_object)?;
    }
    Ok(())
}

/// The operand of a `return(value)` request rejected.
fn return_rejected(vm: &mut Vm, [data, reason, _]: [Value; 3]) -> JsResult<()> {
    if let Some(state_object) = data.as_object()
        && let Some(queue) = queue_of(vm, state_object)
    {
        set_state(vm, state_object, state::COMPLETED);
        settle_front(vm, queue, Err(reason))?;
        drain(vm, state_object)?;
    }
    Ok(())
}

/// `%AsyncGeneratorPrototype%.next(value)`.
fn async_generator_next(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let value = args.get(vm, 0);
    enqueue(vm, this, ResumeMode::Next, value, "next")
}

/// `%AsyncGeneratorPrototype%.return(value)`.
fn async_generator_return(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let value = args.get(vm, 0);
    enqueue(vm, this, ResumeMode::Return, value, "return")
}

/// `%AsyncGeneratorPrototype%.throw(exception)`.
fn async_generator_throw(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let value = args.get(vm, 0);
    enqueue(vm, this, ResumeMode::Throw, value, "throw")
}
