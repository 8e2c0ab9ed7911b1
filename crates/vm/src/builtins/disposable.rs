//! Explicit resource management: the run-time half of `using` and `await using`
//! (AddDisposableResource and DisposeResources, driven by the `NewDisposeCapability`,
//! `AddDisposable`, `DisposeResources` and `DisposeResourcesAsync` instructions),
//! `DisposableStack`, `AsyncDisposableStack`, `%IteratorPrototype%[Symbol.dispose]` and
//! `%AsyncIteratorPrototype%[Symbol.asyncDispose]`. `SuppressedError` itself is one of the
//! error kinds of `crate::error`.
//!
//! Design:
//! - A resource list (the spec's DisposeCapability) is an `ObjectKind::Internal` object whose
//!   `values` hold one triple per resource: the value, its dispose method and the hint
//!   (`true` for async-dispose). The compiler keeps the list of a scope in a register; a
//!   DisposableStack or AsyncDisposableStack object is such a list with a prototype, and its
//!   `state` is 1 once disposed. Everything in `values` is traced by the GC, so values and
//!   methods stay alive while they are being disposed: the list is emptied only at the end.
//! - Synchronous disposal runs to completion inside one instruction (or one `dispose()`
//!   call), calling each method re-entrantly.
//! - Asynchronous disposal cannot suspend a native function, so it is a small state machine:
//!   a state record (an internal array) remembers the list, the completion so far, the next
//!   index and the two await flags of DisposeResources; each await reacts to a promise with
//!   functions that carry the record as data and continue the loop. The caller receives a
//!   promise that settles when the loop is done; the compiler's finally part awaits it.
//!   This adds one await at the end compared to the spec's in-line loop, so code that counts
//!   microtask ticks around `await using` sees one more tick.

use super::promise::{
    new_promise, promise_resolve, react_to_promise, reject_promise, resolve_promise,
};
use super::{getter, internal_record_get, internal_record_set, method, to_string_tag};
use crate::atom::{PropertyKey, atoms};
use crate::error::ErrorKind;
use crate::function::Args;
use crate::object::{InternalData, InternalTag, ObjectKind};
use crate::realm::Vm;
use crate::shape::Attributes;
use crate::value::{JsResult, ObjectRef, Value};
use tseval_compiler::opcodes::COMPLETION_THROW;

/// Values per resource in a resource list: value, dispose method, hint.
const RESOURCE_WIDTH: usize = 3;

/// Which object a resource list belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DisposableKind {
    /// The resource list of a scope with `using` declarations (never visible to JavaScript).
    Scope,
    /// A `DisposableStack` object.
    Stack,
    /// An `AsyncDisposableStack` object.
    AsyncStack,
}

/// Installs `DisposableStack` and `AsyncDisposableStack` (created on first use, see
/// `crate::lazy_globals`: nothing else in the realm refers to them) and
/// `Iterator.prototype[Symbol.dispose]` (`%AsyncIteratorPrototype%[Symbol.asyncDispose]` is
/// installed when that prototype is created, see `install_async_iterator_dispose`).
pub fn install(vm: &mut Vm) {
    vm.define_lazy_global("DisposableStack", create_disposable_stack_constructor);
    vm.define_lazy_global(
        "AsyncDisposableStack",
        create_async_disposable_stack_constructor,
    );
    // %IteratorPrototype%[Symbol.dispose] is installed with the rest of %IteratorPrototype%
    // on first touch (`iterator_helpers::install` records the group and calls
    // `install_iterator_dispose` last, where eager installation defined it).
}

/// Defines %IteratorPrototype%[Symbol.dispose].
pub(crate) fn install_iterator_dispose(vm: &mut Vm) {
    let iterator_prototype = vm.intrinsics.iterator_prototype;
    let dispose_symbol = vm.intrinsics.symbols.dispose;
    super::symbol_method(
        vm,
        iterator_prototype,
        dispose_symbol,
        "[Symbol.dispose]",
        0,
        iterator_dispose,
    );
}

/// Defines `move` on a stack prototype. The method keeps the prototype as its native data:
/// `move()` creates its new stack with the intrinsic prototype, whatever `this` inherits from.
fn define_move_method(
    vm: &mut Vm,
    prototype: ObjectRef,
    function: crate::function::NativeFunction,
) {
    let name = super::string_value(vm, "move");
    let created =
        vm.new_native_function_with_data(name, 0, function, false, Value::Object(prototype));
    let key = vm.property_key_from_str("move");
    vm.define_data_property(
        prototype,
        key,
        Value::Object(created),
        Attributes::HIDDEN_DATA,
    );
}

/// Creates `DisposableStack` and its prototype.
fn create_disposable_stack_constructor(vm: &mut Vm) -> Value {
    let (stack_constructor, stack_prototype) = super::weak_refs::new_constructor_with_prototype(
        vm,
        "DisposableStack",
        0,
        disposable_stack_constructor,
    );
    getter(vm, stack_prototype, "disposed", |vm, this, _| {
        stack_disposed(vm, this, DisposableKind::Stack)
    });
    let dispose = method(vm, stack_prototype, "dispose", 0, disposable_stack_dispose);
    method(vm, stack_prototype, "use", 1, |vm, this, args| {
        stack_use(vm, this, args, DisposableKind::Stack)
    });
    method(vm, stack_prototype, "adopt", 2, |vm, this, args| {
        stack_adopt(vm, this, args, DisposableKind::Stack)
    });
    method(vm, stack_prototype, "defer", 1, |vm, this, args| {
        stack_defer(vm, this, args, DisposableKind::Stack)
    });
    define_move_method(vm, stack_prototype, |vm, this, args| {
        stack_move(vm, this, args, DisposableKind::Stack)
    });
    // `DisposableStack.prototype[Symbol.dispose]` is the same function object as `dispose`.
    let dispose_symbol = vm.intrinsics.symbols.dispose;
    vm.define_data_property(
        stack_prototype,
        PropertyKey::Symbol(dispose_symbol),
        Value::Object(dispose),
        Attributes::HIDDEN_DATA,
    );
    to_string_tag(vm, stack_prototype, "DisposableStack");
    Value::Object(stack_constructor)
}

/// Creates `AsyncDisposableStack` and its prototype.
fn create_async_disposable_stack_constructor(vm: &mut Vm) -> Value {
    let (async_constructor, async_prototype) = super::weak_refs::new_constructor_with_prototype(
        vm,
        "AsyncDisposableStack",
        0,
        async_disposable_stack_constructor,
    );
    getter(vm, async_prototype, "disposed", |vm, this, _| {
        stack_disposed(vm, this, DisposableKind::AsyncStack)
    });
    let dispose_async = method(
        vm,
        async_prototype,
        "disposeAsync",
        0,
        async_disposable_stack_dispose_async,
    );
    method(vm, async_prototype, "use", 1, |vm, this, args| {
        stack_use(vm, this, args, DisposableKind::AsyncStack)
    });
    method(vm, async_prototype, "adopt", 2, |vm, this, args| {
        stack_adopt(vm, this, args, DisposableKind::AsyncStack)
    });
    method(vm, async_prototype, "defer", 1, |vm, this, args| {
        stack_defer(vm, this, args, DisposableKind::AsyncStack)
    });
    define_move_method(vm, async_prototype, |vm, this, args| {
        stack_move(vm, this, args, DisposableKind::AsyncStack)
    });
    let async_dispose_symbol = vm.intrinsics.symbols.async_dispose;
    vm.define_data_property(
        async_prototype,
        PropertyKey::Symbol(async_dispose_symbol),
        Value::Object(dispose_async),
        Attributes::HIDDEN_DATA,
    );
    to_string_tag(vm, async_prototype, "AsyncDisposableStack");
    Value::Object(async_constructor)
}

/// Defines `%AsyncIteratorPrototype%[Symbol.asyncDispose]` (called when the async-iteration
/// intrinsics are created).
pub(crate) fn install_async_iterator_dispose(vm: &mut Vm, async_iterator_prototype: ObjectRef) {
    let symbol = vm.intrinsics.symbols.async_dispose;
    super::symbol_method(
        vm,
        async_iterator_prototype,
        symbol,
        "[Symbol.asyncDispose]",
        0,
        async_iterator_async_dispose,
    );
}

// ----- resource lists -----

fn tag_of(kind: DisposableKind) -> InternalTag {
    InternalTag::Disposable(kind)
}

/// A new, empty resource list for a scope with `using` declarations.
pub(crate) fn new_dispose_capability(vm: &mut Vm) -> ObjectRef {
    vm.alloc_object(
        None,
        ObjectKind::Internal(Box::new(InternalData {
            tag: tag_of(DisposableKind::Scope),
            values: Vec::new(),
            counter: 0.0,
            state: 0,
        })),
    )
}

/// The internal data of a resource list of the given kind, if `value` is one.
fn list_data(vm: &mut Vm, value: Value, kind: DisposableKind) -> Option<&mut InternalData> {
    let Value::Object(object) = value else {
        return None;
    };
    match &mut vm.object_mut(object).kind {
        ObjectKind::Internal(data) if data.tag == tag_of(kind) => Some(data),
        _ => None,
    }
}

/// Any resource list (scope, stack or async stack).
fn any_list_data(vm: &mut Vm, object: ObjectRef) -> Option<&mut InternalData> {
    match &mut vm.object_mut(object).kind {
        ObjectKind::Internal(data) if matches!(data.tag, InternalTag::Disposable(_)) => Some(data),
        _ => None,
    }
}

fn push_resource(vm: &mut Vm, list: ObjectRef, value: Value, method: Value, is_async: bool) {
    if let Some(data) = any_list_data(vm, list) {
        data.values
            .extend_from_slice(&[value, method, Value::Boolean(is_async)]);
    }
}

/// GetDisposeMethod(value, hint). For async-dispose without `Symbol.asyncDispose`, a sync
/// `Symbol.dispose` method is wrapped so that calling it returns a promise.
fn get_dispose_method(vm: &mut Vm, value: Value, is_async: bool) -> JsResult<Option<Value>> {
    if is_async {
        let async_symbol = vm.intrinsics.symbols.async_dispose;
        if let Some(method) = vm.get_method(value, PropertyKey::Symbol(async_symbol))? {
            return Ok(Some(method));
        }
        let symbol = vm.intrinsics.symbols.dispose;
        let Some(sync_method) = vm.get_method(value, PropertyKey::Symbol(symbol))? else {
            return Ok(None);
        };
        let empty = Value::String(vm.intrinsics.empty_string);
        let wrapper =
            vm.new_native_function_with_data(empty, 0, sync_dispose_as_async, false, sync_method);
        return Ok(Some(Value::Object(wrapper)));
    }
    let symbol = vm.intrinsics.symbols.dispose;
    vm.get_method(value, PropertyKey::Symbol(symbol))
}

/// The closure GetDisposeMethod makes around a sync dispose method for async-dispose: calls
/// it on `this` and returns a promise resolved with undefined (or rejected with its error).
fn sync_dispose_as_async(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let method = vm.native_function_data(args.callee());
    let promise = new_promise(vm, None);
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(promise));
    match vm.call(method, this, &[]) {
        Ok(_) => resolve_promise(vm, promise, Value::Undefined)?,
        Err(error) => reject_promise(vm, promise, error),
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(promise))
}

/// AddDisposableResource(list, value, hint) without a given method (a `using` declaration
/// or `stack.use(value)`).
fn add_disposable_resource(
    vm: &mut Vm,
    list: ObjectRef,
    value: Value,
    is_async: bool,
) -> JsResult<()> {
    if value.is_nullish() {
        if is_async {
            // Recorded so that disposal still awaits once (DisposeResources' needsAwait).
            push_resource(vm, list, Value::Undefined, Value::Undefined, true);
        }
        return Ok(());
    }
    if !value.is_object() {
        let what = if is_async { "await using" } else { "using" };
        return vm.throw_type_error(&format!(
            "The value of a '{what}' declaration must be an object, null or undefined"
        ));
    }
    let Some(method) = get_dispose_method(vm, value, is_async)? else {
        let symbol = if is_async {
            "Symbol.asyncDispose or Symbol.dispose"
        } else {
            "Symbol.dispose"
        };
        return vm.throw_type_error(&format!("The resource has no {symbol} method"));
    };
    push_resource(vm, list, value, method, is_async);
    Ok(())
}

/// The `AddDisposable` instruction.
pub(crate) fn add_disposable_op(
    vm: &mut Vm,
    list: Value,
    value: Value,
    is_async: bool,
) -> JsResult<()> {
    match list {
        Value::Object(list) => add_disposable_resource(vm, list, value, is_async),
        _ => vm.throw_type_error("internal error: no resource list"),
    }
}

/// A new SuppressedError whose `error` is the error thrown while disposing and whose
/// `suppressed` is the error it replaces.
fn new_suppressed_error(vm: &mut Vm, error: Value, suppressed: Value) -> Value {
    let scope = vm.open_handle_scope();
    vm.root(error);
    vm.root(suppressed);
    let prototype = vm.error_prototype_for(ErrorKind::SuppressedError);
    let object = vm.alloc_object(Some(prototype), ObjectKind::Error);
    vm.define_data_property(
        object,
        PropertyKey::Atom(atoms::ERROR_LOWERCASE),
        error,
        Attributes::HIDDEN_DATA,
    );
    vm.define_data_property(
        object,
        PropertyKey::Atom(atoms::SUPPRESSED),
        suppressed,
        Attributes::HIDDEN_DATA,
    );
    vm.install_error_stack(object);
    vm.close_handle_scope(scope);
    Value::Object(object)
}

/// Folds an error thrown by a dispose method into the completion so far.
fn combine_error(vm: &mut Vm, completion: Option<Value>, error: Value) -> Value {
    match completion {
        Some(previous) => new_suppressed_error(vm, error, previous),
        None => error,
    }
}

fn resource_at(vm: &mut Vm, list: ObjectRef, index: usize) -> Option<(Value, Value, bool)> {
    let data = any_list_data(vm, list)?;
    let start = index * RESOURCE_WIDTH;
    let triple = data.values.get(start..start + RESOURCE_WIDTH)?;
    Some((triple[0], triple[1], triple[2].is_identical(Value::TRUE)))
}

fn resource_count(vm: &mut Vm, list: ObjectRef) -> usize {
    any_list_data(vm, list).map_or(0, |data| data.values.len() / RESOURCE_WIDTH)
}

fn clear_resources(vm: &mut Vm, list: ObjectRef) {
    if let Some(data) = any_list_data(vm, list) {
        data.values.clear();
    }
}

/// DisposeResources(list, completion) run synchronously: every method is called in reverse
/// order, and async-dispose results are not awaited (only lists without `await using`
/// resources come here). `completion` is the thrown value of a throw completion; the result
/// is the thrown value of the final completion.
fn dispose_resources_sync(
    vm: &mut Vm,
    list: ObjectRef,
    completion: Option<Value>,
) -> Option<Value> {
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(list));
    let mut completion = completion;
    if let Some(value) = completion {
        vm.root(value);
    }
    let count = resource_count(vm, list);
    for index in (0..count).rev() {
        let Some((value, method, _)) = resource_at(vm, list, index) else {
            continue;
        };
        if method.is_undefined() {
            continue;
        }
        if let Err(error) = vm.call(method, value, &[]) {
            let combined = combine_error(vm, completion, error);
            vm.root(combined);
            completion = Some(combined);
        }
    }
    clear_resources(vm, list);
    vm.close_handle_scope(scope);
    completion
}

/// Reads the completion window of a finally part: `Some(value)` for a throw completion.
fn read_completion(vm: &Vm, window: usize) -> Option<Value> {
    let kind = vm.stack[window];
    if kind.is_identical(Value::Number(f64::from(COMPLETION_THROW))) {
        Some(vm.stack[window + 1])
    } else {
        None
    }
}

/// The `DisposeResources` instruction: disposes the scope's list and turns a disposal error
/// into the completion in the window `stack[window]` (kind), `stack[window + 1]` (value).
pub(crate) fn dispose_resources_op(vm: &mut Vm, list: Value, window: usize) -> JsResult<()> {
    let Value::Object(list) = list else {
        return Ok(());
    };
    let completion = read_completion(vm, window);
    let result = dispose_resources_sync(vm, list, completion);
    if let Some(error) = result
        && !completion.is_some_and(|previous| previous.is_identical(error))
    {
        vm.stack[window] = Value::Number(f64::from(COMPLETION_THROW));
        vm.stack[window + 1] = error;
    }
    Ok(())
}

/// The `DisposeResourcesAsync` instruction: starts disposing the scope's list and returns
/// the promise the finally part awaits, or undefined when the list is empty (no await).
pub(crate) fn dispose_resources_async_op(
    vm: &mut Vm,
    list: Value,
    window: usize,
) -> JsResult<Value> {
    let Value::Object(list) = list else {
        return Ok(Value::Undefined);
    };
    if resource_count(vm, list) == 0 {
        return Ok(Value::Undefined);
    }
    let completion = read_completion(vm, window);
    Ok(Value::Object(start_async_disposal(vm, list, completion)))
}

// ----- asynchronous disposal (a state machine over promise reactions) -----

/// Fields of the state record of an asynchronous disposal.
const STATE_LIST: usize = 0;
const STATE_PROMISE: usize = 1;
const STATE_HAS_ERROR: usize = 2;
const STATE_ERROR: usize = 3;
const STATE_NEXT_INDEX: usize = 4;
const STATE_NEEDS_AWAIT: usize = 5;
const STATE_HAS_AWAITED: usize = 6;

fn state_flag(vm: &Vm, state: ObjectRef, field: usize) -> bool {
    internal_record_get(vm, state, field).is_identical(Value::TRUE)
}

fn state_completion(vm: &Vm, state: ObjectRef) -> Option<Value> {
    state_flag(vm, state, STATE_HAS_ERROR).then(|| internal_record_get(vm, state, STATE_ERROR))
}

fn state_record_error(vm: &mut Vm, state: ObjectRef, error: Value) {
    let completion = state_completion(vm, state);
    let combined = combine_error(vm, completion, error);
    internal_record_set(vm, state, STATE_HAS_ERROR, Value::TRUE);
    internal_record_set(vm, state, STATE_ERROR, combined);
}

/// Starts DisposeResources(list, completion) with awaits; returns the promise that settles
/// when it is done.
fn start_async_disposal(vm: &mut Vm, list: ObjectRef, completion: Option<Value>) -> ObjectRef {
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(list));
    if let Some(error) = completion {
        vm.root(error);
    }
    let promise = new_promise(vm, None);
    vm.root(Value::Object(promise));
    let count = resource_count(vm, list);
    let state = vm.new_array(vec![
        Value::Object(list),
        Value::Object(promise),
        Value::Boolean(completion.is_some()),
        completion.unwrap_or(Value::Undefined),
        Value::Number(count as f64),
        Value::FALSE,
        Value::FALSE,
    ]);
    vm.root(Value::Object(state));
    continue_async_disposal(vm, state);
    vm.close_handle_scope(scope);
    promise
}

/// Awaits `value` and continues the disposal loop afterwards (an error of the awaited
/// promise is recorded in the completion first).
fn await_then_continue(vm: &mut Vm, state: ObjectRef, value: Value) -> bool {
    let constructor = Value::Object(vm.intrinsics.promise_constructor);
    let promise = match promise_resolve(vm, constructor, value) {
        Ok(Value::Object(promise)) => promise,
        Ok(_) => return false,
        Err(error) => {
            // PromiseResolve threw (a throwing `constructor` getter): Await throws it.
            state_record_error(vm, state, error);
            return false;
        }
    };
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(promise));
    let empty = Value::String(vm.intrinsics.empty_string);
    let on_fulfilled = vm.new_native_function_with_data(
        empty,
        1,
        async_disposal_fulfilled,
        false,
        Value::Object(state),
    );
    vm.root(Value::Object(on_fulfilled));
    let on_rejected = vm.new_native_function_with_data(
        empty,
        1,
        async_disposal_rejected,
        false,
        Value::Object(state),
    );
    react_to_promise(
        vm,
        promise,
        Value::Object(on_fulfilled),
        Value::Object(on_rejected),
    );
    vm.close_handle_scope(scope);
    true
}

fn async_disposal_fulfilled(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if let Value::Object(state) = vm.native_function_data(args.callee()) {
        continue_async_disposal(vm, state);
    }
    Ok(Value::Undefined)
}

fn async_disposal_rejected(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if let Value::Object(state) = vm.native_function_data(args.callee()) {
        let error = args.get(vm, 0);
        state_record_error(vm, state, error);
        continue_async_disposal(vm, state);
    }
    Ok(Value::Undefined)
}

/// The loop of DisposeResources from the next resource on, up to the next await or the end.
/// The state record must be rooted by the caller (or reachable from a reaction).
fn continue_async_disposal(vm: &mut Vm, state: ObjectRef) {
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(state));
    let Some(list) = internal_record_get(vm, state, STATE_LIST).as_object() else {
        vm.close_handle_scope(scope);
        return;
    };
    loop {
        let next_index = internal_record_get(vm, state, STATE_NEXT_INDEX)
            .as_number()
            .unwrap_or(0.0) as usize;
        if next_index == 0 {
            break;
        }
        let Some((value, method, is_async)) = resource_at(vm, list, next_index - 1) else {
            break;
        };
        let needs_await = state_flag(vm, state, STATE_NEEDS_AWAIT);
        let has_awaited = state_flag(vm, state, STATE_HAS_AWAITED);
        if !is_async && needs_await && !has_awaited {
            // A sync resource after an `await using x = null`: Await(undefined) first.
            internal_record_set(vm, state, STATE_NEEDS_AWAIT, Value::FALSE);
            if await_then_continue(vm, state, Value::Undefined) {
                vm.close_handle_scope(scope);
                return;
            }
            continue;
        }
        internal_record_set(
            vm,
            state,
            STATE_NEXT_INDEX,
            Value::Number((next_index - 1) as f64),
        );
        if method.is_undefined() {
            internal_record_set(vm, state, STATE_NEEDS_AWAIT, Value::TRUE);
            continue;
        }
        match vm.call(method, value, &[]) {
            Ok(result) if is_async => {
                internal_record_set(vm, state, STATE_HAS_AWAITED, Value::TRUE);
                if await_then_continue(vm, state, result) {
                    vm.close_handle_scope(scope);
                    return;
                }
            }
            Ok(_) => {}
            Err(error) => state_record_error(vm, state, error),
        }
    }
    if state_flag(vm, state, STATE_NEEDS_AWAIT) && !state_flag(vm, state, STATE_HAS_AWAITED) {
        internal_record_set(vm, state, STATE_NEEDS_AWAIT, Value::FALSE);
        internal_record_set(vm, state, STATE_HAS_AWAITED, Value::TRUE);
        if await_then_continue(vm, state, Value::Undefined) {
            vm.close_handle_scope(scope);
            return;
        }
    }
    clear_resources(vm, list);
    if let Some(promise) = internal_record_get(vm, state, STATE_PROMISE).as_object() {
        match state_completion(vm, state) {
            Some(error) => reject_promise(vm, promise, error),
            None => {
                // Resolving with undefined cannot run user code or fail.
                let _ = resolve_promise(vm, promise, Value::Undefined);
            }
        }
    }
    vm.close_handle_scope(scope);
}

// ----- DisposableStack and AsyncDisposableStack -----

fn create_stack(vm: &mut Vm, args: &Args, kind: DisposableKind) -> JsResult<Value> {
    super::weak_refs::create_from_constructor(vm, args, tag_of(kind), Vec::new()).map(Value::Object)
}

fn disposable_stack_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if !args.is_construct_call() {
        return vm.throw_type_error("Constructor DisposableStack requires 'new'");
    }
    create_stack(vm, &args, DisposableKind::Stack)
}

fn async_disposable_stack_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if !args.is_construct_call() {
        return vm.throw_type_error("Constructor AsyncDisposableStack requires 'new'");
    }
    create_stack(vm, &args, DisposableKind::AsyncStack)
}

fn kind_name(kind: DisposableKind) -> &'static str {
    match kind {
        DisposableKind::AsyncStack => "AsyncDisposableStack",
        _ => "DisposableStack",
    }
}

/// RequireInternalSlot(this, [[DisposableState]] or [[AsyncDisposableState]]): the stack and
/// whether it is disposed.
fn require_stack(
    vm: &mut Vm,
    this: Value,
    kind: DisposableKind,
    what: &str,
) -> JsResult<(ObjectRef, bool)> {
    match (this, list_data(vm, this, kind).map(|data| data.state == 1)) {
        (Value::Object(object), Some(disposed)) => Ok((object, disposed)),
        _ => vm.throw_type_error(&format!(
            "{}.prototype.{what} called on incompatible receiver",
            kind_name(kind)
        )),
    }
}

fn require_pending_stack(
    vm: &mut Vm,
    this: Value,
    kind: DisposableKind,
    what: &str,
) -> JsResult<ObjectRef> {
    let (stack, disposed) = require_stack(vm, this, kind, what)?;
    if disposed {
        return vm.throw_reference_error(&format!(
            "Cannot call {}.prototype.{what} on a disposed stack",
            kind_name(kind)
        ));
    }
    Ok(stack)
}

fn mark_disposed(vm: &mut Vm, stack: ObjectRef) {
    if let Some(data) = any_list_data(vm, stack) {
        data.state = 1;
    }
}

fn stack_disposed(vm: &mut Vm, this: Value, kind: DisposableKind) -> JsResult<Value> {
    let (_, disposed) = require_stack(vm, this, kind, "disposed")?;
    Ok(Value::Boolean(disposed))
}

fn disposable_stack_dispose(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let (stack, disposed) = require_stack(vm, this, DisposableKind::Stack, "dispose")?;
    if disposed {
        return Ok(Value::Undefined);
    }
    mark_disposed(vm, stack);
    match dispose_resources_sync(vm, stack, None) {
        Some(error) => Err(error),
        None => Ok(Value::Undefined),
    }
}

fn async_disposable_stack_dispose_async(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let promise = new_promise(vm, None);
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(promise));
    let result = match list_data(vm, this, DisposableKind::AsyncStack).map(|data| data.state == 1) {
        None => {
            let error = vm.new_type_error(
                "AsyncDisposableStack.prototype.disposeAsync called on incompatible receiver",
            );
            reject_promise(vm, promise, error);
            Value::Object(promise)
        }
        Some(true) => {
            resolve_promise(vm, promise, Value::Undefined)?;
            Value::Object(promise)
        }
        Some(false) => {
            let Value::Object(stack) = this else {
                return Ok(Value::Undefined);
            };
            mark_disposed(vm, stack);
            if resource_count(vm, stack) == 0 {
                resolve_promise(vm, promise, Value::Undefined)?;
                Value::Object(promise)
            } else {
                Value::Object(start_async_disposal(vm, stack, None))
            }
        }
    };
    vm.close_handle_scope(scope);
    Ok(result)
}

fn stack_use(vm: &mut Vm, this: Value, args: Args, kind: DisposableKind) -> JsResult<Value> {
    let stack = require_pending_stack(vm, this, kind, "use")?;
    let value = args.get(vm, 0);
    add_disposable_resource(vm, stack, value, kind == DisposableKind::AsyncStack)?;
    Ok(value)
}

fn stack_adopt(vm: &mut Vm, this: Value, args: Args, kind: DisposableKind) -> JsResult<Value> {
    let stack = require_pending_stack(vm, this, kind, "adopt")?;
    let value = args.get(vm, 0);
    let on_dispose = args.get(vm, 1);
    if !vm.is_callable(on_dispose) {
        return vm.throw_type_error("The onDispose callback is not a function");
    }
    let scope = vm.open_handle_scope();
    vm.root(value);
    vm.root(on_dispose);
    let record = vm.new_array(vec![value, on_dispose]);
    vm.root(Value::Object(record));
    let empty = Value::String(vm.intrinsics.empty_string);
    let closure =
        vm.new_native_function_with_data(empty, 0, adopted_dispose, false, Value::Object(record));
    push_resource(
        vm,
        stack,
        Value::Undefined,
        Value::Object(closure),
        kind == DisposableKind::AsyncStack,
    );
    vm.close_handle_scope(scope);
    Ok(value)
}

/// The closure `adopt` records: `onDispose(value)` with an undefined receiver.
fn adopted_dispose(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let Value::Object(record) = vm.native_function_data(args.callee()) else {
        return Ok(Value::Undefined);
    };
    let value = internal_record_get(vm, record, 0);
    let on_dispose = internal_record_get(vm, record, 1);
    vm.call(on_dispose, Value::Undefined, &[value])
}

fn stack_defer(vm: &mut Vm, this: Value, args: Args, kind: DisposableKind) -> JsResult<Value> {
    let stack = require_pending_stack(vm, this, kind, "defer")?;
    let on_dispose = args.get(vm, 0);
    if !vm.is_callable(on_dispose) {
        return vm.throw_type_error("The onDispose callback is not a function");
    }
    push_resource(
        vm,
        stack,
        Value::Undefined,
        on_dispose,
        kind == DisposableKind::AsyncStack,
    );
    Ok(Value::Undefined)
}

fn stack_move(vm: &mut Vm, this: Value, args: Args, kind: DisposableKind) -> JsResult<Value> {
    let stack = require_pending_stack(vm, this, kind, "move")?;
    // OrdinaryCreateFromConstructor(%DisposableStack%, "%DisposableStack.prototype%"): the
    // intrinsic prototype (kept by the method, see `define_move_method`), whatever `this`'s
    // prototype is.
    let prototype = vm.native_function_data(args.callee()).as_object();
    let resources = any_list_data(vm, stack)
        .map(|data| std::mem::take(&mut data.values))
        .unwrap_or_default();
    mark_disposed(vm, stack);
    let moved = vm.alloc_object(
        prototype,
        ObjectKind::Internal(Box::new(InternalData {
            tag: tag_of(kind),
            values: resources,
            counter: 0.0,
            state: 0,
        })),
    );
    Ok(Value::Object(moved))
}

// ----- iterator prototypes -----

/// `%IteratorPrototype%[Symbol.dispose]()`: calls `this.return()` when there is one.
fn iterator_dispose(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    if let Some(return_method) = vm.get_method(this, PropertyKey::Atom(atoms::RETURN))? {
        vm.call(return_method, this, &[])?;
    }
    Ok(Value::Undefined)
}

/// `%AsyncIteratorPrototype%[Symbol.asyncDispose]()`: calls `this.return(undefined)` when
/// there is one and returns a promise fulfilled with undefined once its result settles.
fn async_iterator_async_dispose(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let promise = new_promise(vm, None);
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(promise));
    let outcome = (|| -> JsResult<Option<Value>> {
        let Some(return_method) = vm.get_method(this, PropertyKey::Atom(atoms::RETURN))? else {
            return Ok(None);
        };
        let result = vm.call(return_method, this, &[Value::Undefined])?;
        let constructor = Value::Object(vm.intrinsics.promise_constructor);
        promise_resolve(vm, constructor, result).map(Some)
    })();
    match outcome {
        Err(error) => reject_promise(vm, promise, error),
        Ok(None) => resolve_promise(vm, promise, Value::Undefined)?,
        Ok(Some(Value::Object(wrapper))) => {
            let empty = Value::String(vm.intrinsics.empty_string);
            let unwrap = vm.new_native_function_with_data(
                empty,
                1,
                |_, _, _| Ok(Value::Undefined),
                false,
                Value::Undefined,
            );
            super::promise::perform_then_into(
                vm,
                wrapper,
                Value::Object(unwrap),
                Value::Undefined,
                promise,
            );
        }
        Ok(Some(_)) => resolve_promise(vm, promise, Value::Undefined)?,
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(promise))
}
