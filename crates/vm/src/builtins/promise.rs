//! `Promise` (constructor, `then`/`catch`/`finally`, `resolve`/`reject`/`all`/`allSettled`/
//! `race`/`any`/`withResolvers`, and the await-dictionary combinators `allKeyed`/
//! `allSettledKeyed`), `queueMicrotask`, timers (`setTimeout`, `setInterval`,
//! `setImmediate` and their `clear*`), and the event loop the runner drives after the script.
//!
//! Design:
//! - Jobs (microtasks) go to `Vm::jobs`, which the runtime core traces as GC roots. The promise
//!   reaction and thenable jobs are internal jobs (`crate::realm::InternalJob`: a function
//!   pointer and three values, no function object); `queueMicrotask` queues a call.
//! - Internal records (resolving-function state, reaction records, `Promise.all` element
//!   state) are small arrays whose dense elements are read and written directly; they are
//!   reachable from the functions' `data` slots or from queued jobs, so the GC sees them.
//! - Timers live in a registry array (`[next id, unhandled rejections, timer records...]`)
//!   stored as a non-enumerable property on %ThrowTypeError% (an intrinsic, hence always
//!   reachable, and an object no program enumerates). This is an interim home: a builtins-owned rooted
//!   field in `Vm` would be cleaner (requested from the runtime owner).
//! - Event loop order (node's, for a script): drain microtasks; then repeatedly run the
//!   earliest due timer (ties in creation order), sleeping until it is due, draining
//!   microtasks after each callback. Due times are virtual (see `EventLoopState::virtual_now` in `process`), so the
//!   order never depends on how long callbacks take. A rejected promise that is still unhandled once the
//!   microtasks are drained becomes an uncaught exception, as in node.
//! - Simplifications (stated honestly): `Symbol.species` is ignored by `then` (results are
//!   %Promise% instances); timer functions return numeric ids instead of node's `Timeout`
//!   objects.

use std::time::Duration;

use super::{internal_record_get, internal_record_set, method, to_string_tag};
use crate::atom::{PropertyKey, atoms};
use crate::function::Args;
use crate::object::{ObjectKind, PromiseData, PromiseReaction, PromiseState};
use crate::realm::{Job, Vm};
use crate::shape::Attributes;
use crate::value::{JsResult, ObjectRef, Value};

/// Installs Promise, queueMicrotask and the timer functions.
pub fn install(vm: &mut Vm) {
    let constructor = vm.intrinsics.promise_constructor;
    super::install_constructor_behaviour(vm, constructor, promise_constructor, 1);
    let prototype = vm.intrinsics.promise_prototype;
    vm.defer_contents(&[constructor, prototype], install_contents);
    let global = vm.global_object();
    method(vm, global, "queueMicrotask", 1, queue_microtask);
    method(vm, global, "setTimeout", 2, |vm, _, args| {
        add_timer(vm, args, false, false)
    });
    method(vm, global, "setInterval", 2, |vm, _, args| {
        add_timer(vm, args, true, false)
    });
    method(vm, global, "setImmediate", 1, |vm, _, args| {
        add_timer(vm, args, false, true)
    });
    method(vm, global, "clearTimeout", 1, clear_timer);
    method(vm, global, "clearInterval", 1, clear_timer);
    method(vm, global, "clearImmediate", 1, clear_timer);

    let registry = vm.new_array(vec![Value::Number(1.0), Value::Undefined]);
    let unhandled = vm.new_array(Vec::new());
    vm.object_mut(registry).elements[1] = Value::Object(unhandled);
    let key = registry_key(vm);
    let holder = vm.intrinsics.throw_type_error;
    vm.define_data_property(holder, key, Value::Object(registry), Attributes::FROZEN);
}

/// Installs the properties of `Promise` and `Promise.prototype` (on first touch, see
/// `crate::deferred_contents`).
fn install_contents(vm: &mut Vm) {
    let constructor = vm.intrinsics.promise_constructor;
    method(vm, constructor, "resolve", 1, promise_resolve_static);
    method(vm, constructor, "reject", 1, promise_reject_static);
    method(vm, constructor, "all", 1, |vm, this, args| {
        promise_combinator(vm, this, args, Combinator::All)
    });
    method(vm, constructor, "allSettled", 1, |vm, this, args| {
        promise_combinator(vm, this, args, Combinator::AllSettled)
    });
    method(vm, constructor, "any", 1, |vm, this, args| {
        promise_combinator(vm, this, args, Combinator::Any)
    });
    method(vm, constructor, "race", 1, promise_race);
    method(vm, constructor, "allKeyed", 1, |vm, this, args| {
        promise_keyed_combinator(vm, this, args, false)
    });
    method(vm, constructor, "allSettledKeyed", 1, |vm, this, args| {
        promise_keyed_combinator(vm, this, args, true)
    });
    method(vm, constructor, "withResolvers", 0, promise_with_resolvers);
    method(vm, constructor, "try", 1, promise_try);
    let species = vm.intrinsics.symbols.species;
    super::symbol_getter(
        vm,
        constructor,
        species,
        "get [Symbol.species]",
        |_, this, _| Ok(this),
    );
    let prototype = vm.intrinsics.promise_prototype;
    method(vm, prototype, "then", 2, promise_then);
    method(vm, prototype, "catch", 1, promise_catch);
    method(vm, prototype, "finally", 1, promise_finally);
    to_string_tag(vm, prototype, "Promise");
}

/// The key of the timer registry on %ThrowTypeError% (a string key no program looks up).
fn registry_key(vm: &mut Vm) -> PropertyKey {
    PropertyKey::Atom(vm.intern_str("[[tseval timer registry]]"))
}

fn registry(vm: &mut Vm) -> Option<ObjectRef> {
    let key = registry_key(vm);
    let holder = vm.intrinsics.throw_type_error;
    match vm.get_data_property_no_side_effects(holder, key) {
        Some(Value::Object(registry)) => Some(registry),
        _ => None,
    }
}

// ----- records -----

/// An internal record (reaction, resolving-function state, combinator state) kept as an array
/// object; built straight from the values, with no intermediate vector.
fn record(vm: &mut Vm, values: &[Value]) -> ObjectRef {
    vm.new_array(crate::elements::ElementVector::from_slice(values))
}

fn data_record(vm: &Vm, args: &Args) -> Option<ObjectRef> {
    vm.native_function_data(args.callee()).as_object()
}

fn enqueue(vm: &mut Vm, function: crate::realm::InternalJob, values: [Value; 3]) {
    vm.jobs.push_back(Job::internal(function, values));
}

// ----- promise core -----

fn is_promise(vm: &Vm, value: Value) -> bool {
    matches!(value, Value::Object(object) if matches!(vm.object(object).kind, ObjectKind::Promise(_)))
}

/// Allocates a pending promise with the given prototype.
pub fn new_promise(vm: &mut Vm, prototype: Option<ObjectRef>) -> ObjectRef {
    let prototype = prototype.unwrap_or(vm.intrinsics.promise_prototype);
    let data = PromiseData {
        state: PromiseState::Pending,
        result: Value::Undefined,
        reactions: Vec::new(),
        is_handled: false,
    };
    vm.alloc_object(Some(prototype), ObjectKind::Promise(Box::new(data)))
}

/// CreateResolvingFunctions: (resolve, reject) sharing one "already resolved" record.
fn create_resolving_functions(vm: &mut Vm, promise: ObjectRef) -> (ObjectRef, ObjectRef) {
    let state = record(vm, &[Value::Object(promise), Value::FALSE]);
    let empty = Value::String(vm.intrinsics.empty_string);
    let resolve =
        vm.new_native_function_with_data(empty, 1, resolve_function, false, Value::Object(state));
    let reject =
        vm.new_native_function_with_data(empty, 1, reject_function, false, Value::Object(state));
    (resolve, reject)
}

fn take_resolution_state(vm: &mut Vm, args: &Args) -> Option<ObjectRef> {
    let state = data_record(vm, args)?;
    if internal_record_get(vm, state, 1).is_identical(Value::TRUE) {
        return None;
    }
    internal_record_set(vm, state, 1, Value::TRUE);
    internal_record_get(vm, state, 0).as_object()
}

fn resolve_function(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let resolution = args.get(vm, 0);
    if let Some(promise) = take_resolution_state(vm, &args) {
        resolve_promise(vm, promise, resolution)?;
    }
    Ok(Value::Undefined)
}

fn reject_function(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let reason = args.get(vm, 0);
    if let Some(promise) = take_resolution_state(vm, &args) {
        reject_promise(vm, promise, reason);
    }
    Ok(Value::Undefined)
}

/// The [[Resolve]] steps: self-resolution TypeError, thenables, or fulfillment.
pub fn resolve_promise(vm: &mut Vm, promise: ObjectRef, resolution: Value) -> JsResult<()> {
    if resolution.is_identical(Value::Object(promise)) {
        let error = vm.new_type_error("Chaining cycle detected for promise #<Promise>");
        reject_promise(vm, promise, error);
        return Ok(());
    }
    let Value::Object(thenable) = resolution else {
        fulfill_promise(vm, promise, resolution);
        return Ok(());
    };
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(promise));
    vm.root(resolution);
    let then = match vm.get(thenable, PropertyKey::Atom(atoms::THEN)) {
        Ok(then) => then,
        Err(error) => {
            reject_promise(vm, promise, error);
            vm.close_handle_scope(scope);
            return Ok(());
        }
    };
    if !vm.is_callable(then) {
        fulfill_promise(vm, promise, resolution);
    } else {
        enqueue(
            vm,
            resolve_thenable_job,
            [Value::Object(promise), resolution, then],
        );
    }
    vm.close_handle_scope(scope);
    Ok(())
}

/// NewPromiseResolveThenableJob: `[promise, thenable, then]`.
fn resolve_thenable_job(vm: &mut Vm, [promise, thenable, then]: [Value; 3]) -> JsResult<()> {
    let Value::Object(promise) = promise else {
        return Ok(());
    };
    let (resolve, reject) = create_resolving_functions(vm, promise);
    // `then` is script code that can collect and need not keep its arguments; `reject` is
    // called afterwards when it throws (the job's handle scope drops these roots).
    vm.root(Value::Object(resolve));
    vm.root(Value::Object(reject));
    if let Err(error) = vm.call(
        then,
        thenable,
        &[Value::Object(resolve), Value::Object(reject)],
    ) {
        vm.call(Value::Object(reject), Value::Undefined, &[error])?;
    }
    Ok(())
}

fn settle(
    vm: &mut Vm,
    promise: ObjectRef,
    state: PromiseState,
    result: Value,
) -> Vec<PromiseReaction> {
    let ObjectKind::Promise(data) = &mut vm.object_mut(promise).kind else {
        return Vec::new();
    };
    if data.state != PromiseState::Pending {
        return Vec::new();
    }
    data.state = state;
    data.result = result;
    std::mem::take(&mut data.reactions)
}

/// TriggerPromiseReactions: one job per reaction, in the order they were added.
fn trigger_reactions(
    vm: &mut Vm,
    reactions: Vec<PromiseReaction>,
    rejected: bool,
    argument: Value,
) {
    for reaction in reactions {
        enqueue_reaction(vm, reaction, rejected, argument);
    }
}

/// NewPromiseReactionJob for the fulfil or reject half of `reaction`, enqueued.
fn enqueue_reaction(vm: &mut Vm, reaction: PromiseReaction, rejected: bool, argument: Value) {
    match reaction {
        PromiseReaction::Records { fulfill, reject } => {
            let record = if rejected { reject } else { fulfill };
            enqueue(
                vm,
                promise_reaction_job,
                [record, argument, Value::Undefined],
            );
        }
        PromiseReaction::Then {
            result,
            on_fulfilled,
            on_rejected,
        } => {
            let (job, handler): (crate::realm::InternalJob, Value) = if rejected {
                (then_rejected_job, on_rejected)
            } else {
                (then_fulfilled_job, on_fulfilled)
            };
            enqueue(vm, job, [handler, argument, Value::Object(result)]);
        }
        PromiseReaction::Internal {
            data,
            on_fulfilled,
            on_rejected,
        } => {
            let job = if rejected { on_rejected } else { on_fulfilled };
            enqueue(vm, job, [data, argument, Value::Undefined]);
        }
    }
}

/// NewPromiseReactionJob of a fulfilled [`PromiseReaction::Then`]: `[handler, value, result]`.
fn then_fulfilled_job(vm: &mut Vm, values: [Value; 3]) -> JsResult<()> {
    then_job(vm, values, false)
}

/// NewPromiseReactionJob of a rejected [`PromiseReaction::Then`]: `[handler, reason, result]`.
fn then_rejected_job(vm: &mut Vm, values: [Value; 3]) -> JsResult<()> {
    then_job(vm, values, true)
}

/// Runs a `then` handler and settles the result promise with its outcome (what the
/// capability's resolving functions would do; only this job ever resolves that promise).
fn then_job(vm: &mut Vm, [handler, argument, result]: [Value; 3], rejected: bool) -> JsResult<()> {
    let Value::Object(result) = result else {
        return Ok(());
    };
    let outcome = if handler.is_undefined() {
        if rejected {
            Err(argument)
        } else {
            Ok(argument)
        }
    } else {
        vm.call(handler, Value::Undefined, &[argument])
    };
    match outcome {
        Ok(value) => resolve_promise(vm, result, value)?,
        // `process.exit` in a handler terminates; no rejection handler may observe it.
        Err(error) if vm.exit_requested() => return Err(error),
        Err(error) => reject_promise(vm, result, error),
    }
    Ok(())
}

/// PerformPromiseThen(promise, onFulfilled, onRejected, capability) for a capability of
/// %Promise% whose promise is `result` (see [`PromiseReaction::Then`]).
fn perform_then_with_result(
    vm: &mut Vm,
    promise: ObjectRef,
    on_fulfilled: Value,
    on_rejected: Value,
    result: ObjectRef,
) {
    let callable_or_undefined = |vm: &Vm, handler: Value| {
        if vm.is_callable(handler) {
            handler
        } else {
            Value::Undefined
        }
    };
    let reaction = PromiseReaction::Then {
        result,
        on_fulfilled: callable_or_undefined(vm, on_fulfilled),
        on_rejected: callable_or_undefined(vm, on_rejected),
    };
    add_reaction(vm, promise, reaction);
}

fn fulfill_promise(vm: &mut Vm, promise: ObjectRef, value: Value) {
    let reactions = settle(vm, promise, PromiseState::Fulfilled, value);
    trigger_reactions(vm, reactions, false, value);
}

/// RejectPromise, tracking unhandled rejections.
pub fn reject_promise(vm: &mut Vm, promise: ObjectRef, reason: Value) {
    let reactions = settle(vm, promise, PromiseState::Rejected, reason);
    let handled = matches!(&vm.object(promise).kind, ObjectKind::Promise(data) if data.is_handled);
    if !handled
        && let Some(registry) = registry(vm)
        && let Value::Object(unhandled) = internal_record_get(vm, registry, 1)
    {
        vm.object_mut(unhandled)
            .elements
            .push(Value::Object(promise));
    }
    trigger_reactions(vm, reactions, true, reason);
}

/// A promise capability: the promise and its resolving functions.
#[derive(Clone, Copy)]
struct Capability {
    promise: Value,
    resolve: Value,
    reject: Value,
}

fn capability_executor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let Some(state) = data_record(vm, &args) else {
        return Ok(Value::Undefined);
    };
    if !internal_record_get(vm, state, 0).is_undefined()
        || !internal_record_get(vm, state, 1).is_undefined()
    {
        return vm.throw_type_error(
            "Promise executor has already been invoked with non-undefined arguments",
        );
    }
    let resolve = args.get(vm, 0);
    let reject = args.get(vm, 1);
    internal_record_set(vm, state, 0, resolve);
    internal_record_set(vm, state, 1, reject);
    Ok(Value::Undefined)
}

/// NewPromiseCapability(C).
fn new_promise_capability(vm: &mut Vm, constructor: Value) -> JsResult<Capability> {
    if constructor.is_identical(Value::Object(vm.intrinsics.promise_constructor)) {
        let promise = new_promise(vm, None);
        let (resolve, reject) = create_resolving_functions(vm, promise);
        return Ok(rooted_capability(
            vm,
            Value::Object(promise),
            Value::Object(resolve),
            Value::Object(reject),
        ));
    }
    if !vm.is_constructor(constructor) {
        return vm.throw_type_error("Promise resolve or reject function is not callable");
    }
    let state = record(vm, &[Value::Undefined, Value::Undefined]);
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(state));
    let empty = Value::String(vm.intrinsics.empty_string);
    let executor = vm.new_native_function_with_data(
        empty,
        2,
        capability_executor,
        false,
        Value::Object(state),
    );
    let promise = vm.construct(constructor, &[Value::Object(executor)], None)?;
    let resolve = internal_record_get(vm, state, 0);
    let reject = internal_record_get(vm, state, 1);
    vm.close_handle_scope(scope);
    if !vm.is_callable(resolve) || !vm.is_callable(reject) {
        return vm.throw_type_error("Promise resolve or reject function is not callable");
    }
    Ok(rooted_capability(vm, promise, resolve, reject))
}

/// A capability whose three values are rooted until the native built-in that asked for it
/// returns (the native call drops its roots then). Callers go on to call `resolve` or
/// `reject` or script code (a thenable's `then`, an iterator's `next`) while holding the
/// capability only in a Rust local; before, a collection there freed the promise of a
/// custom constructor (test262's Promise/reject/capability-executor-called-twice.js under
/// `gc-stress`).
fn rooted_capability(vm: &mut Vm, promise: Value, resolve: Value, reject: Value) -> Capability {
    vm.root(promise);
    vm.root(resolve);
    vm.root(reject);
    Capability {
        promise,
        resolve,
        reject,
    }
}

/// PerformPromiseThen(promise, onFulfilled, onRejected) without a result capability, for
/// host operations (module evaluation, dynamic import) that react to a promise natively.
pub fn react_to_promise(vm: &mut Vm, promise: ObjectRef, on_fulfilled: Value, on_rejected: Value) {
    perform_then(vm, promise, on_fulfilled, on_rejected, None);
}

/// Whether `value` is a promise object.
pub fn is_promise_value(vm: &Vm, value: Value) -> bool {
    is_promise(vm, value)
}

const REACTION_FULFILL: f64 = 0.0;
const REACTION_REJECT: f64 = 1.0;

/// Adds `delta` to a combinator's remainingElementsCount (slot 0 of its `counter` record)
/// and returns the new count.
fn add_to_remaining_elements(vm: &mut Vm, counter: ObjectRef, delta: f64) -> f64 {
    let remaining = internal_record_get(vm, counter, 0)
        .as_number()
        .unwrap_or(1.0)
        + delta;
    internal_record_set(vm, counter, 0, Value::Number(remaining));
    remaining
}

/// PerformPromiseThen; `capability` None means the result promise is not needed.
fn perform_then(
    vm: &mut Vm,
    promise: ObjectRef,
    on_fulfilled: Value,
    on_rejected: Value,
    capability: Option<Capability>,
) {
    let (result, resolve, reject) = match capability {
        Some(capability) => (capability.promise, capability.resolve, capability.reject),
        None => (Value::Undefined, Value::Undefined, Value::Undefined),
    };
    let on_fulfilled = if vm.is_callable(on_fulfilled) {
        on_fulfilled
    } else {
        Value::Undefined
    };
    let on_rejected = if vm.is_callable(on_rejected) {
        on_rejected
    } else {
        Value::Undefined
    };
    let fulfill_reaction = record(
        vm,
        &[
            result,
            resolve,
            reject,
            on_fulfilled,
            Value::Number(REACTION_FULFILL),
        ],
    );
    let reject_reaction = record(
        vm,
        &[
            result,
            resolve,
            reject,
            on_rejected,
            Value::Number(REACTION_REJECT),
        ],
    );
    add_reaction(
        vm,
        promise,
        PromiseReaction::Records {
            fulfill: Value::Object(fulfill_reaction),
            reject: Value::Object(reject_reaction),
        },
    );
}

/// The end of PerformPromiseThen: appends `reaction` to a pending promise, or enqueues its
/// job at once when the promise is already settled; marks the promise handled.
fn add_reaction(vm: &mut Vm, promise: ObjectRef, reaction: PromiseReaction) {
    let (state, value) = match &mut vm.object_mut(promise).kind {
        ObjectKind::Promise(data) => {
            let snapshot = (data.state, data.result);
            if data.state == PromiseState::Pending {
                data.reactions.push(reaction);
            }
            data.is_handled = true;
            snapshot
        }
        _ => return,
    };
    match state {
        PromiseState::Pending => {}
        PromiseState::Fulfilled => enqueue_reaction(vm, reaction, false, value),
        PromiseState::Rejected => enqueue_reaction(vm, reaction, true, value),
    }
}

/// PerformPromiseThen(promise, onFulfilled, onRejected) with no result capability, where the
/// two handlers are built-in continuations: when `promise` settles, `on_fulfilled` or
/// `on_rejected` runs as a job with `[data, value, undefined]`. This is step 6 of Await: its
/// closures are never visible to JavaScript, so none is created, and `then` is not looked
/// up (a patched `Promise.prototype.then` does not observe `await`, as the spec requires).
pub(crate) fn perform_then_internal(
    vm: &mut Vm,
    promise: ObjectRef,
    data: Value,
    on_fulfilled: crate::realm::InternalJob,
    on_rejected: crate::realm::InternalJob,
) {
    add_reaction(
        vm,
        promise,
        PromiseReaction::Internal {
            data,
            on_fulfilled,
            on_rejected,
        },
    );
}

/// PerformPromiseThen(promise, onFulfilled, onRejected, capability) where the capability is
/// the resolving functions of `result_promise`, a pending promise made by [`new_promise`].
pub(crate) fn perform_then_into(
    vm: &mut Vm,
    promise: ObjectRef,
    on_fulfilled: Value,
    on_rejected: Value,
    result_promise: ObjectRef,
) {
    perform_then_with_result(vm, promise, on_fulfilled, on_rejected, result_promise);
}

/// NewPromiseReactionJob: `[reaction record, argument, unused]`.
fn promise_reaction_job(vm: &mut Vm, [reaction, argument, _]: [Value; 3]) -> JsResult<()> {
    let Value::Object(reaction) = reaction else {
        return Ok(());
    };
    let result_promise = internal_record_get(vm, reaction, 0);
    let resolve = internal_record_get(vm, reaction, 1);
    let reject = internal_record_get(vm, reaction, 2);
    let handler = internal_record_get(vm, reaction, 3);
    let is_reject = internal_record_get(vm, reaction, 4).as_number() == Some(REACTION_REJECT);
    let outcome = if handler.is_undefined() {
        if is_reject {
            Err(argument)
        } else {
            Ok(argument)
        }
    } else {
        vm.call(handler, Value::Undefined, &[argument])
    };
    if result_promise.is_undefined() && resolve.is_undefined() {
        return Ok(());
    }
    match outcome {
        Ok(value) => vm.call(resolve, Value::Undefined, &[value])?,
        // `process.exit` in a handler terminates; no rejection handler may observe it.
        Err(error) if vm.exit_requested() => return Err(error),
        Err(error) => vm.call(reject, Value::Undefined, &[error])?,
    };
    Ok(())
}

// ----- constructor and prototype -----

fn promise_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if !args.is_construct_call() {
        return vm.throw_type_error("Promise constructor cannot be invoked without 'new'");
    }
    let executor = args.get(vm, 0);
    if !vm.is_callable(executor) {
        let text = vm.describe_value_for_error(executor);
        return vm.throw_type_error(&format!("Promise resolver {text} is not a function"));
    }
    let fallback = vm.intrinsics.promise_prototype;
    let prototype = vm.get_prototype_from_constructor(args.new_target(), fallback)?;
    let promise = new_promise(vm, Some(prototype));
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(promise));
    let (resolve, reject) = create_resolving_functions(vm, promise);
    vm.root(Value::Object(resolve));
    vm.root(Value::Object(reject));
    if let Err(error) = vm.call(
        executor,
        Value::Undefined,
        &[Value::Object(resolve), Value::Object(reject)],
    ) {
        if vm.exit_requested() {
            return Err(error);
        }
        vm.call(Value::Object(reject), Value::Undefined, &[error])?;
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(promise))
}

fn promise_then(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let Value::Object(promise) = this else {
        return vm
            .throw_type_error("Method Promise.prototype.then called on incompatible receiver");
    };
    if !is_promise(vm, this) {
        return vm
            .throw_type_error("Method Promise.prototype.then called on incompatible receiver");
    }
    let on_fulfilled = args.get(vm, 0);
    let on_rejected = args.get(vm, 1);
    let result = new_promise(vm, None);
    perform_then_with_result(vm, promise, on_fulfilled, on_rejected, result);
    Ok(Value::Object(result))
}

fn promise_catch(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let on_rejected = args.get(vm, 0);
    vm.invoke(
        this,
        PropertyKey::Atom(atoms::THEN),
        &[Value::Undefined, on_rejected],
    )
}

fn finally_function(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    // data = [onFinally, is_reject]
    let Some(state) = data_record(vm, &args) else {
        return Ok(Value::Undefined);
    };
    let on_finally = internal_record_get(vm, state, 0);
    let is_reject = internal_record_get(vm, state, 1).is_identical(Value::TRUE);
    let value = args.get(vm, 0);
    let result = vm.call(on_finally, Value::Undefined, &[])?;
    let constructor = Value::Object(vm.intrinsics.promise_constructor);
    let promise = promise_resolve(vm, constructor, result)?;
    let value_record = record(vm, &[value, Value::Boolean(is_reject)]);
    let empty = Value::String(vm.intrinsics.empty_string);
    let continuation = vm.new_native_function_with_data(
        empty,
        0,
        finally_continuation,
        false,
        Value::Object(value_record),
    );
    vm.invoke(
        promise,
        PropertyKey::Atom(atoms::THEN),
        &[Value::Object(continuation)],
    )
}

fn finally_continuation(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let Some(state) = data_record(vm, &args) else {
        return Ok(Value::Undefined);
    };
    let value = internal_record_get(vm, state, 0);
    if internal_record_get(vm, state, 1).is_identical(Value::TRUE) {
        Err(value)
    } else {
        Ok(value)
    }
}

fn promise_finally(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let on_finally = args.get(vm, 0);
    if !vm.is_callable(on_finally) {
        return vm.invoke(
            this,
            PropertyKey::Atom(atoms::THEN),
            &[on_finally, on_finally],
        );
    }
    let empty = Value::String(vm.intrinsics.empty_string);
    let fulfilled_state = record(vm, &[on_finally, Value::FALSE]);
    let then_finally = vm.new_native_function_with_data(
        empty,
        1,
        finally_function,
        false,
        Value::Object(fulfilled_state),
    );
    let rejected_state = record(vm, &[on_finally, Value::TRUE]);
    let catch_finally = vm.new_native_function_with_data(
        empty,
        1,
        finally_function,
        false,
        Value::Object(rejected_state),
    );
    vm.invoke(
        this,
        PropertyKey::Atom(atoms::THEN),
        &[Value::Object(then_finally), Value::Object(catch_finally)],
    )
}

/// PromiseResolve(C, x).
pub fn promise_resolve(vm: &mut Vm, constructor: Value, value: Value) -> JsResult<Value> {
    if let Value::Object(object) = value
        && is_promise(vm, value)
    {
        let value_constructor = vm.get(object, PropertyKey::Atom(atoms::CONSTRUCTOR))?;
        if value_constructor.is_identical(constructor) {
            return Ok(value);
        }
    }
    let capability = new_promise_capability(vm, constructor)?;
    vm.call(capability.resolve, Value::Undefined, &[value])?;
    Ok(capability.promise)
}

fn promise_resolve_static(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    if !this.is_object() {
        return vm.throw_type_error("PromiseResolve called on non-object");
    }
    let value = args.get(vm, 0);
    promise_resolve(vm, this, value)
}

fn promise_reject_static(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let capability = new_promise_capability(vm, this)?;
    let reason = args.get(vm, 0);
    vm.call(capability.reject, Value::Undefined, &[reason])?;
    Ok(capability.promise)
}

/// Promise.try(callback, ...args): calls the callback now and settles a new promise of `this`
/// constructor with its result or its exception.
fn promise_try(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    if !this.is_object() {
        return vm.throw_type_error("Promise.try called on a non-object");
    }
    let capability = new_promise_capability(vm, this)?;
    let scope = vm.open_handle_scope();
    for value in [capability.promise, capability.resolve, capability.reject] {
        vm.root(value);
    }
    let callback = args.get(vm, 0);
    let arguments = args.rest(vm, 1);
    for &argument in &arguments {
        vm.root(argument);
    }
    match vm.call(callback, Value::Undefined, &arguments) {
        Ok(value) => {
            vm.call(capability.resolve, Value::Undefined, &[value])?;
        }
        Err(error) if vm.exit_requested() => return Err(error),
        Err(error) => {
            vm.call(capability.reject, Value::Undefined, &[error])?;
        }
    }
    vm.close_handle_scope(scope);
    Ok(capability.promise)
}

fn promise_with_resolvers(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let capability = new_promise_capability(vm, this)?;
    let result = vm.new_object();
    let promise_key = vm.intern_str("promise");
    vm.define_data_property(
        result,
        PropertyKey::Atom(promise_key),
        capability.promise,
        Attributes::DEFAULT_DATA,
    );
    let resolve_key = vm.intern_str("resolve");
    vm.define_data_property(
        result,
        PropertyKey::Atom(resolve_key),
        capability.resolve,
        Attributes::DEFAULT_DATA,
    );
    let reject_key = vm.intern_str("reject");
    vm.define_data_property(
        result,
        PropertyKey::Atom(reject_key),
        capability.reject,
        Attributes::DEFAULT_DATA,
    );
    Ok(Value::Object(result))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Combinator {
    All,
    AllSettled,
    Any,
    Race,
}

/// Element function data: [index, values, counter record, capability resolve/reject,
/// already called, mode, keys]. Modes: 0 all-fulfilled, 1 settled-fulfilled, 2
/// settled-rejected, 3 any-rejected. "Already called" is a boolean, or (for the keyed
/// combinators, whose fulfilled and rejected element functions of one key share the flag) a
/// one-element record holding it. `keys` (present for `allKeyed`/`allSettledKeyed`) is the
/// array of the result object's keys; without it the result is an array.
fn combinator_element(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let Some(state) = data_record(vm, &args) else {
        return Ok(Value::Undefined);
    };
    let already_called = internal_record_get(vm, state, 4);
    if let Value::Object(shared_flag) = already_called {
        if internal_record_get(vm, shared_flag, 0).is_identical(Value::TRUE) {
            return Ok(Value::Undefined);
        }
        internal_record_set(vm, shared_flag, 0, Value::TRUE);
    } else {
        if already_called.is_identical(Value::TRUE) {
            return Ok(Value::Undefined);
        }
        internal_record_set(vm, state, 4, Value::TRUE);
    }
    let keys = internal_record_get(vm, state, 6);
    let index = internal_record_get(vm, state, 0).as_number().unwrap_or(0.0) as usize;
    let Value::Object(values) = internal_record_get(vm, state, 1) else {
        return Ok(Value::Undefined);
    };
    let Value::Object(counter) = internal_record_get(vm, state, 2) else {
        return Ok(Value::Undefined);
    };
    let settle_function = internal_record_get(vm, state, 3);
    let mode = internal_record_get(vm, state, 5).as_number().unwrap_or(0.0) as u8;
    let argument = args.get(vm, 0);
    let stored = match mode {
        1 | 2 => {
            let object = vm.new_object();
            let status = vm.intern_str("status");
            let text = super::string_value(vm, if mode == 1 { "fulfilled" } else { "rejected" });
            vm.define_data_property(
                object,
                PropertyKey::Atom(status),
                text,
                Attributes::DEFAULT_DATA,
            );
            let key = if mode == 1 {
                PropertyKey::Atom(atoms::VALUE)
            } else {
                PropertyKey::Atom(vm.intern_str("reason"))
            };
            vm.define_data_property(object, key, argument, Attributes::DEFAULT_DATA);
            Value::Object(object)
        }
        _ => argument,
    };
    if let Some(slot) = vm.object_mut(values).elements.get_mut(index) {
        *slot = stored;
    }
    let remaining = add_to_remaining_elements(vm, counter, -1.0);
    if remaining == 0.0 {
        if let Value::Object(keys) = keys {
            let result = keyed_result_object(vm, keys, values)?;
            vm.call(settle_function, Value::Undefined, &[Value::Object(result)])?;
            return Ok(Value::Undefined);
        }
        let elements = vm.object(values).elements.clone();
        let array = vm.new_array(elements);
        if mode == 3 {
            let error = vm.new_error(
                crate::error::ErrorKind::AggregateError,
                "All promises were rejected",
            );
            if let Value::Object(error_object) = error {
                vm.define_data_property(
                    error_object,
                    PropertyKey::Atom(atoms::ERRORS),
                    Value::Object(array),
                    Attributes::HIDDEN_DATA,
                );
            }
            vm.call(settle_function, Value::Undefined, &[error])?;
        } else {
            vm.call(settle_function, Value::Undefined, &[Value::Object(array)])?;
        }
    }
    Ok(Value::Undefined)
}

/// Promise.all, allSettled, any and race: NewPromiseCapability, GetPromiseResolve, GetIterator,
/// then one step of the iterator at a time (an endless iterator ends when a step throws). An
/// abrupt completion while the iterator is not done closes it before the capability rejects.
fn promise_combinator(vm: &mut Vm, this: Value, args: Args, kind: Combinator) -> JsResult<Value> {
    let capability = new_promise_capability(vm, this)?;
    let scope = vm.open_handle_scope();
    for value in [capability.promise, capability.resolve, capability.reject] {
        vm.root(value);
    }
    let iterable = args.get(vm, 0);
    vm.root(iterable);
    let mut iterator_record = None;
    let result =
        perform_promise_combinator(vm, this, iterable, kind, &capability, &mut iterator_record);
    if let Err(mut error) = result {
        if let Some(record) = iterator_record
            && !record.done
        {
            error = vm.iterator_close_on_error(&record, error);
        }
        vm.call(capability.reject, Value::Undefined, &[error])?;
    }
    vm.close_handle_scope(scope);
    Ok(capability.promise)
}

/// The body of [`promise_combinator`] up to its abrupt completions; `iterator_record` tells the
/// caller whether (and in which state) the iterator has to be closed.
fn perform_promise_combinator(
    vm: &mut Vm,
    this: Value,
    iterable: Value,
    kind: Combinator,
    capability: &Capability,
    iterator_record: &mut Option<crate::property::IteratorRecord>,
) -> JsResult<()> {
    let resolve_key = vm.intern_str("resolve");
    let resolve_method = vm.get_value(this, PropertyKey::Atom(resolve_key))?;
    if !vm.is_callable(resolve_method) {
        return vm.throw_type_error("Promise resolve is not a function");
    }
    vm.root(resolve_method);
    let iterator = vm.get_iterator(iterable)?;
    vm.root(Value::Object(iterator.iterator));
    vm.root(iterator.next_method);
    *iterator_record = Some(iterator);
    let values = vm.new_array(Vec::new());
    vm.root(Value::Object(values));
    let counter = record(vm, &[Value::Number(1.0)]);
    vm.root(Value::Object(counter));
    let empty = Value::String(vm.intrinsics.empty_string);
    let mut index = 0usize;
    loop {
        let step = {
            let Some(iterator) = iterator_record.as_mut() else {
                return Ok(());
            };
            vm.iterator_step_value(iterator)
        };
        let Some(item) = step? else {
            break;
        };
        let scope = vm.open_handle_scope();
        vm.root(item);
        if kind != Combinator::Race {
            vm.object_mut(values).elements.push(Value::Undefined);
        }
        let next = vm.call(resolve_method, this, &[item])?;
        vm.root(next);
        let make = |vm: &mut Vm, mode: f64, settle: Value| {
            let state = record(
                vm,
                &[
                    Value::Number(index as f64),
                    Value::Object(values),
                    Value::Object(counter),
                    settle,
                    Value::FALSE,
                    Value::Number(mode),
                ],
            );
            Value::Object(vm.new_native_function_with_data(
                empty,
                1,
                combinator_element,
                false,
                Value::Object(state),
            ))
        };
        let (on_fulfilled, on_rejected) = match kind {
            Combinator::All => (make(vm, 0.0, capability.resolve), capability.reject),
            Combinator::AllSettled => (
                make(vm, 1.0, capability.resolve),
                make(vm, 2.0, capability.resolve),
            ),
            Combinator::Any => (capability.resolve, make(vm, 3.0, capability.reject)),
            Combinator::Race => (capability.resolve, capability.reject),
        };
        vm.root(on_fulfilled);
        vm.root(on_rejected);
        if kind != Combinator::Race {
            add_to_remaining_elements(vm, counter, 1.0);
        }
        vm.invoke(
            next,
            PropertyKey::Atom(atoms::THEN),
            &[on_fulfilled, on_rejected],
        )?;
        vm.close_handle_scope(scope);
        index += 1;
    }
    if kind == Combinator::Race {
        return Ok(());
    }
    let remaining = add_to_remaining_elements(vm, counter, -1.0);
    if remaining == 0.0 {
        let elements = vm.object(values).elements.clone();
        let array = vm.new_array(elements);
        if kind == Combinator::Any {
            let error = vm.new_error(
                crate::error::ErrorKind::AggregateError,
                "All promises were rejected",
            );
            if let Value::Object(error_object) = error {
                vm.define_data_property(
                    error_object,
                    PropertyKey::Atom(atoms::ERRORS),
                    Value::Object(array),
                    Attributes::HIDDEN_DATA,
                );
            }
            vm.call(capability.reject, Value::Undefined, &[error])?;
        } else {
            vm.call(
                capability.resolve,
                Value::Undefined,
                &[Value::Object(array)],
            )?;
        }
    }
    Ok(())
}

/// CreateKeyedPromiseCombinatorResultObject(keys, values): a null-prototype object with
/// `keys[i]: values[i]` in key order.
fn keyed_result_object(vm: &mut Vm, keys: ObjectRef, values: ObjectRef) -> JsResult<ObjectRef> {
    let scope = vm.open_handle_scope();
    let result = vm.alloc_object(None, ObjectKind::Ordinary);
    vm.root(Value::Object(result));
    let count = vm.object(keys).elements.len();
    for index in 0..count {
        let key = internal_record_get(vm, keys, index);
        let value = internal_record_get(vm, values, index);
        let key = vm.to_property_key(key)?;
        vm.create_data_property_or_throw(result, key, value)?;
    }
    vm.close_handle_scope(scope);
    Ok(result)
}

/// `Promise.allKeyed(promises)` (`settled == false`) and `Promise.allSettledKeyed(promises)`
/// (await dictionary): NewPromiseCapability, GetPromiseResolve, the object check, then
/// PerformPromiseAllKeyed; an abrupt completion of the last two rejects the capability.
fn promise_keyed_combinator(
    vm: &mut Vm,
    this: Value,
    args: Args,
    settled: bool,
) -> JsResult<Value> {
    let capability = new_promise_capability(vm, this)?;
    let scope = vm.open_handle_scope();
    for value in [capability.promise, capability.resolve, capability.reject] {
        vm.root(value);
    }
    let promises = args.get(vm, 0);
    vm.root(promises);
    let result = perform_promise_all_keyed(vm, this, promises, settled, &capability);
    if let Err(error) = result {
        vm.root(error);
        vm.call(capability.reject, Value::Undefined, &[error])?;
    }
    vm.close_handle_scope(scope);
    Ok(capability.promise)
}

/// GetPromiseResolve, the object check and PerformPromiseAllKeyed up to their abrupt
/// completions (which the caller turns into a rejection).
fn perform_promise_all_keyed(
    vm: &mut Vm,
    this: Value,
    promises: Value,
    settled: bool,
    capability: &Capability,
) -> JsResult<()> {
    let resolve_key = vm.intern_str("resolve");
    let resolve_method = vm.get_value(this, PropertyKey::Atom(resolve_key))?;
    if !vm.is_callable(resolve_method) {
        return vm.throw_type_error("Promise resolve is not a function");
    }
    vm.root(resolve_method);
    let Value::Object(promises) = promises else {
        return vm.throw_type_error("Promise keyed combinator: the argument is not an object");
    };
    let all_keys = vm.own_property_keys(promises)?;
    let keys = vm.new_array(Vec::new());
    vm.root(Value::Object(keys));
    let values = vm.new_array(Vec::new());
    vm.root(Value::Object(values));
    let counter = record(vm, &[Value::Number(1.0)]);
    vm.root(Value::Object(counter));
    let empty = Value::String(vm.intrinsics.empty_string);
    for key in all_keys {
        let Some(descriptor) = vm.get_own_property(promises, key)? else {
            continue;
        };
        if descriptor.enumerable != Some(true) {
            continue;
        }
        let scope = vm.open_handle_scope();
        let value = vm.get(promises, key)?;
        vm.root(value);
        let index = vm.object(keys).elements.len();
        let key_value = vm.property_key_to_value(key);
        vm.object_mut(keys).elements.push(key_value);
        vm.object_mut(values).elements.push(Value::Undefined);
        let next = vm.call(resolve_method, this, &[value])?;
        vm.root(next);
        let already_called = record(vm, &[Value::FALSE]);
        vm.root(Value::Object(already_called));
        let make = |vm: &mut Vm, mode: f64, settle: Value| {
            let state = record(
                vm,
                &[
                    Value::Number(index as f64),
                    Value::Object(values),
                    Value::Object(counter),
                    settle,
                    Value::Object(already_called),
                    Value::Number(mode),
                    Value::Object(keys),
                ],
            );
            vm.root(Value::Object(state));
            let function = Value::Object(vm.new_native_function_with_data(
                empty,
                1,
                combinator_element,
                false,
                Value::Object(state),
            ));
            vm.root(function);
            function
        };
        let (on_fulfilled, on_rejected) = if settled {
            (
                make(vm, 1.0, capability.resolve),
                make(vm, 2.0, capability.resolve),
            )
        } else {
            (make(vm, 0.0, capability.resolve), capability.reject)
        };
        add_to_remaining_elements(vm, counter, 1.0);
        vm.invoke(
            next,
            PropertyKey::Atom(atoms::THEN),
            &[on_fulfilled, on_rejected],
        )?;
        vm.close_handle_scope(scope);
    }
    let remaining = add_to_remaining_elements(vm, counter, -1.0);
    if remaining == 0.0 {
        let result = keyed_result_object(vm, keys, values)?;
        vm.call(
            capability.resolve,
            Value::Undefined,
            &[Value::Object(result)],
        )?;
    }
    Ok(())
}

fn promise_race(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    promise_combinator(vm, this, args, Combinator::Race)
}

// ----- microtasks and timers -----

fn queue_microtask(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let callback = args.get(vm, 0);
    if !vm.is_callable(callback) {
        return vm.throw_type_error("The \"callback\" argument must be of type function.");
    }
    vm.jobs
        .push_back(Job::call(callback, Value::Undefined, Vec::new()));
    Ok(Value::Undefined)
}

/// Timer record layout: [id, callback, arguments array, due time, interval (or -1), sequence].
/// The interval field of a `setImmediate` record (a one-shot timer of the check phase).
const IMMEDIATE_MARK: f64 = -2.0;

fn add_timer(vm: &mut Vm, args: Args, repeat: bool, immediate: bool) -> JsResult<Value> {
    let callback = args.get(vm, 0);
    if !vm.is_callable(callback) {
        return vm.throw_type_error("The \"callback\" argument must be of type function.");
    }
    let delay = if immediate {
        0.0
    } else {
        let number = vm.to_number(args.get(vm, 1))?;
        if number.is_finite() && number >= 1.0 {
            number.trunc().min(2_147_483_647.0)
        } else {
            1.0
        }
    };
    let extra = if immediate {
        args.rest(vm, 1)
    } else {
        args.rest(vm, 2)
    };
    let Some(registry) = registry(vm) else {
        return Ok(Value::Undefined);
    };
    let id = internal_record_get(vm, registry, 0)
        .as_number()
        .unwrap_or(1.0);
    internal_record_set(vm, registry, 0, Value::Number(id + 1.0));
    let arguments = vm.new_array(extra);
    let now = vm.event_loop.virtual_now;
    let due = if immediate { now } else { now + delay };
    let timer = record(
        vm,
        &[
            Value::Number(id),
            callback,
            Value::Object(arguments),
            Value::Number(due),
            Value::Number(if immediate {
                IMMEDIATE_MARK
            } else if repeat {
                delay
            } else {
                -1.0
            }),
            Value::Number(id),
        ],
    );
    vm.object_mut(registry).elements.push(Value::Object(timer));
    Ok(Value::Number(id))
}

fn clear_timer(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let Value::Number(id) = args.get(vm, 0) else {
        return Ok(Value::Undefined);
    };
    if let Some(registry) = registry(vm) {
        let timers: Vec<Value> = vm
            .object(registry)
            .elements
            .iter()
            .skip(2)
            .copied()
            .collect();
        for (offset, timer) in timers.into_iter().enumerate() {
            if let Value::Object(timer) = timer
                && internal_record_get(vm, timer, 0).as_number() == Some(id)
            {
                vm.object_mut(registry).elements.remove(offset + 2);
                break;
            }
        }
    }
    Ok(Value::Undefined)
}

/// A microtask checkpoint: runs the `process.nextTick` queue, then every promise job, and
/// repeats while either queue has work (Node's `processTicksAndRejections` order). Stops at
/// once when the program called `process.exit`.
pub fn run_microtasks(vm: &mut Vm) -> JsResult<()> {
    // Each tick and job runs in its own handle scope: what native code rooted while running
    // it (a capability's values, see `rooted_capability`) dies with it.
    loop {
        while let Some(tick) = vm.event_loop.ticks.pop_front() {
            let scope = vm.open_handle_scope();
            tick.run(vm)?;
            vm.close_handle_scope(scope);
        }
        if vm.jobs.is_empty() {
            return Ok(());
        }
        while let Some(job) = vm.jobs.pop_front() {
            let scope = vm.open_handle_scope();
            job.run(vm)?;
            vm.close_handle_scope(scope);
            if vm.exit_requested() {
                return Err(Value::Undefined);
            }
        }
        if vm.event_loop.ticks.is_empty() {
            return Ok(());
        }
    }
}

fn check_unhandled_rejections(vm: &mut Vm) -> JsResult<()> {
    let Some(registry) = registry(vm) else {
        return Ok(());
    };
    let Value::Object(unhandled) = internal_record_get(vm, registry, 1) else {
        return Ok(());
    };
    let pending = std::mem::take(&mut vm.object_mut(unhandled).elements).to_vec();
    for promise in pending {
        if let Value::Object(promise) = promise
            && let ObjectKind::Promise(data) = &vm.object(promise).kind
            && !data.is_handled
        {
            return Err(data.result);
        }
    }
    Ok(())
}

/// The event loop (see the module documentation).
pub fn run_event_loop(vm: &mut Vm) -> JsResult<()> {
    // The script that scheduled the timers took some time to run, and Node's loop starts
    // with its timers phase: a `setTimeout(f, 0)` (a 1 ms timer) of the main script is
    // normally due by then and runs before a `setImmediate` of the same script, which waits
    // for the check phase. Virtual time models that millisecond.
    vm.event_loop.virtual_now += 1.0;
    loop {
        run_microtasks(vm)?;
        check_unhandled_rejections(vm)?;
        let Some(registry) = registry(vm) else {
            return Ok(());
        };
        let timers: Vec<ObjectRef> = vm
            .object(registry)
            .elements
            .iter()
            .skip(2)
            .filter_map(|value| value.as_object())
            .collect();
        // Node's phases: timers that are due now run first (the timers phase), then
        // immediates (the check phase); only when neither is ready does time advance to the
        // earliest timer.
        let now = vm.event_loop.virtual_now;
        let mut earliest: Option<(usize, f64, f64)> = None;
        let mut earliest_rank = u8::MAX;
        for (offset, &timer) in timers.iter().enumerate() {
            let due = internal_record_get(vm, timer, 3).as_number().unwrap_or(0.0);
            let sequence = internal_record_get(vm, timer, 5).as_number().unwrap_or(0.0);
            let is_immediate =
                internal_record_get(vm, timer, 4).as_number() == Some(IMMEDIATE_MARK);
            let rank = match (is_immediate, due <= now) {
                (false, true) => 0,
                (true, _) => 1,
                (false, false) => 2,
            };
            if rank < earliest_rank
                || (rank == earliest_rank
                    && earliest.is_some_and(|(_, best_due, best_sequence)| {
                        due < best_due || (due == best_due && sequence < best_sequence)
                    }))
            {
                earliest = Some((offset, due, sequence));
                earliest_rank = rank;
            }
        }
        let Some((offset, due, _)) = earliest else {
            return Ok(());
        };
        let timer = timers[offset];
        vm.event_loop.virtual_now = vm.event_loop.virtual_now.max(due);
        let wait = due - vm.event_loop.elapsed_milliseconds();
        if wait > 0.0 {
            std::thread::sleep(Duration::from_secs_f64(wait / 1000.0));
        }
        let interval = internal_record_get(vm, timer, 4)
            .as_number()
            .unwrap_or(-1.0);
        if interval >= 0.0 {
            let next_due = due + interval.max(1.0);
            internal_record_set(vm, timer, 3, Value::Number(next_due));
            let sequence = internal_record_get(vm, registry, 0)
                .as_number()
                .unwrap_or(1.0);
            internal_record_set(vm, registry, 0, Value::Number(sequence + 1.0));
            internal_record_set(vm, timer, 5, Value::Number(sequence));
        } else {
            vm.object_mut(registry).elements.remove(offset + 2);
        }
        let callback = internal_record_get(vm, timer, 1);
        let arguments = match internal_record_get(vm, timer, 2) {
            Value::Object(arguments) => vm.object(arguments).elements.to_vec(),
            _ => Vec::new(),
        };
        let scope = vm.open_handle_scope();
        vm.root(Value::Object(timer));
        vm.call(callback, Value::Undefined, &arguments)?;
        vm.close_handle_scope(scope);
        if vm.exit_requested() {
            return Err(Value::Undefined);
        }
    }
}
