//! `Array.fromAsync(asyncItems, mapper, thisArg)`, following the Array.fromAsync proposal's
//! specification text (the steps the test262 directory `built-ins/Array/fromAsync` observes).
//!
//! The specification runs an abstract closure with AsyncFunctionStart, awaiting inside its
//! loops. A native function cannot suspend, so the closure is a state machine (as the
//! asynchronous disposal of `super::disposable` is): a state record (an internal array,
//! reachable from the reaction functions' data) remembers the phase, the iterator or
//! array-like, the result object and the index; every Await reacts to a promise with two
//! native functions carrying the record, which resume the loop at the recorded phase. The
//! first part runs synchronously inside the call, as AsyncFunctionStart does, so errors
//! before the first await reject the returned promise without an extra tick.

use super::array::construct_result;
use super::promise::{new_promise, promise_resolve, react_to_promise, reject_promise};
use super::{index_key, internal_record_get, internal_record_set, length_of_array_like};
use crate::atom::{PropertyKey, atoms};
use crate::function::Args;
use crate::interpreter::async_from_sync::create_async_from_sync_iterator;
use crate::property::IteratorRecord;
use crate::realm::Vm;
use crate::value::{JsResult, ObjectRef, Value};

/// State record fields.
const FIELD_PROMISE: usize = 0;
const FIELD_CONSTRUCTOR: usize = 1;
const FIELD_ITEMS: usize = 2;
const FIELD_MAPPER: usize = 3;
const FIELD_THIS_ARGUMENT: usize = 4;
const FIELD_ITERATOR: usize = 5;
const FIELD_NEXT_METHOD: usize = 6;
const FIELD_RESULT: usize = 7;
const FIELD_INDEX: usize = 8;
const FIELD_PHASE: usize = 9;
const FIELD_LENGTH: usize = 10;
const FIELD_ERROR: usize = 11;
const FIELD_COUNT: usize = 12;

/// Phases: where the closure resumes.
const PHASE_START: f64 = 0.0;
/// Iterator path: call `next` and await its result.
const PHASE_ITERATOR_NEXT: f64 = 1.0;
/// Iterator path: the awaited result of `next` arrived.
const PHASE_ITERATOR_RESULT: f64 = 2.0;
/// Iterator path: the awaited mapped value arrived.
const PHASE_ITERATOR_MAPPED: f64 = 3.0;
/// Iterator path: the awaited result of `return` (AsyncIteratorClose for a throw completion)
/// arrived; the stored error rejects the promise whatever the outcome.
const PHASE_CLOSING: f64 = 4.0;
/// Array-like path: read the next element and await it.
const PHASE_ARRAY_LIKE_GET: f64 = 5.0;
/// Array-like path: the awaited element arrived.
const PHASE_ARRAY_LIKE_VALUE: f64 = 6.0;
/// Array-like path: the awaited mapped value arrived.
const PHASE_ARRAY_LIKE_MAPPED: f64 = 7.0;

/// What the closure did until it stopped.
enum Step {
    /// It suspended at an Await (a reaction resumes it).
    Suspended,
    /// It returned the result object.
    Finished(Value),
}

fn number_field(vm: &Vm, state: ObjectRef, index: usize) -> f64 {
    internal_record_get(vm, state, index)
        .as_number()
        .unwrap_or(0.0)
}

/// `Array.fromAsync(asyncItems, mapper, thisArg)`.
pub(super) fn array_from_async(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let scope = vm.open_handle_scope();
    let promise = new_promise(vm, None);
    vm.root(Value::Object(promise));
    let mut fields = vec![Value::Undefined; FIELD_COUNT];
    fields[FIELD_PROMISE] = Value::Object(promise);
    fields[FIELD_CONSTRUCTOR] = this;
    fields[FIELD_ITEMS] = args.get(vm, 0);
    fields[FIELD_MAPPER] = args.get(vm, 1);
    fields[FIELD_THIS_ARGUMENT] = args.get(vm, 2);
    fields[FIELD_INDEX] = Value::Number(0.0);
    fields[FIELD_PHASE] = Value::Number(PHASE_START);
    let state = vm.new_array(fields);
    vm.root(Value::Object(state));
    resume(vm, state, Ok(Value::Undefined));
    vm.close_handle_scope(scope);
    Ok(Value::Object(promise))
}

/// Runs the closure from its recorded phase with the outcome of the await it suspended at,
/// and settles the promise when it ends.
fn resume(vm: &mut Vm, state: ObjectRef, resumed: Result<Value, Value>) {
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(state));
    let outcome = run(vm, state, resumed);
    if let Value::Object(promise) = internal_record_get(vm, state, FIELD_PROMISE) {
        match outcome {
            Ok(Step::Suspended) => {}
            Ok(Step::Finished(result)) => {
                // A failure here (a throwing `then` getter on the result) rejects the
                // promise inside resolve_promise.
                let _ = super::promise::resolve_promise(vm, promise, result);
            }
            Err(error) => reject_promise(vm, promise, error),
        }
    }
    vm.close_handle_scope(scope);
}

fn resumed_fulfilled(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if let Value::Object(state) = vm.native_function_data(args.callee()) {
        let value = args.get(vm, 0);
        resume(vm, state, Ok(value));
    }
    Ok(Value::Undefined)
}

fn resumed_rejected(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if let Value::Object(state) = vm.native_function_data(args.callee()) {
        let error = args.get(vm, 0);
        resume(vm, state, Err(error));
    }
    Ok(Value::Undefined)
}

/// Await(value): PromiseResolve(%Promise%, value) (which may throw), then reactions that
/// resume the closure at `phase`.
fn await_value(vm: &mut Vm, state: ObjectRef, value: Value, phase: f64) -> JsResult<Step> {
    let constructor = Value::Object(vm.intrinsics.promise_constructor);
    let Value::Object(promise) = promise_resolve(vm, constructor, value)? else {
        return vm.throw_type_error("Array.fromAsync: PromiseResolve returned a non-object");
    };
    internal_record_set(vm, state, FIELD_PHASE, Value::Number(phase));
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(promise));
    let empty = Value::String(vm.intrinsics.empty_string);
    let on_fulfilled =
        vm.new_native_function_with_data(empty, 1, resumed_fulfilled, false, Value::Object(state));
    vm.root(Value::Object(on_fulfilled));
    let on_rejected =
        vm.new_native_function_with_data(empty, 1, resumed_rejected, false, Value::Object(state));
    react_to_promise(
        vm,
        promise,
        Value::Object(on_fulfilled),
        Value::Object(on_rejected),
    );
    vm.close_handle_scope(scope);
    Ok(Step::Suspended)
}

fn iterator_record(vm: &Vm, state: ObjectRef) -> Option<IteratorRecord> {
    match internal_record_get(vm, state, FIELD_ITERATOR) {
        Value::Object(iterator) => Some(IteratorRecord {
            iterator,
            next_method: internal_record_get(vm, state, FIELD_NEXT_METHOD),
            done: false,
        }),
        _ => None,
    }
}

/// AsyncIteratorClose(iteratorRecord, ThrowCompletion(error)): calls `return` (ignoring
/// its failures), awaits its result, then throws `error`.
fn close_with_error(vm: &mut Vm, state: ObjectRef, error: Value) -> JsResult<Step> {
    vm.root(error);
    let Some(record) = iterator_record(vm, state) else {
        return Err(error);
    };
    let Ok(Some(return_method)) = vm.get_method(
        Value::Object(record.iterator),
        PropertyKey::Atom(atoms::RETURN),
    ) else {
        return Err(error);
    };
    let Ok(inner) = vm.call(return_method, Value::Object(record.iterator), &[]) else {
        return Err(error);
    };
    internal_record_set(vm, state, FIELD_ERROR, error);
    match await_value(vm, state, inner, PHASE_CLOSING) {
        Ok(step) => Ok(step),
        Err(_) => Err(error),
    }
}

/// The closure's body from the recorded phase to the next await or its end.
fn run(vm: &mut Vm, state: ObjectRef, resumed: Result<Value, Value>) -> JsResult<Step> {
    let mut resumed = Some(resumed);
    loop {
        let phase = number_field(vm, state, FIELD_PHASE);
        let mapper = internal_record_get(vm, state, FIELD_MAPPER);
        let mapping = !mapper.is_undefined();
        let result = internal_record_get(vm, state, FIELD_RESULT);
        let index = number_field(vm, state, FIELD_INDEX);
        if phase == PHASE_START {
            start(vm, state)?;
        } else if phase == PHASE_ITERATOR_NEXT {
            if index >= 9_007_199_254_740_991.0 {
                let error = vm.new_type_error("Array.fromAsync: too many elements");
                return close_with_error(vm, state, error);
            }
            let Some(record) = iterator_record(vm, state) else {
                return vm.throw_type_error("Array.fromAsync: no iterator");
            };
            let next_result = vm.call(record.next_method, Value::Object(record.iterator), &[])?;
            return await_value(vm, state, next_result, PHASE_ITERATOR_RESULT);
        } else if phase == PHASE_ITERATOR_RESULT {
            let next_result = resumed.take().unwrap_or(Ok(Value::Undefined))?;
            let Value::Object(next_result) = next_result else {
                return vm.throw_type_error("Iterator result is not an object");
            };
            vm.root(Value::Object(next_result));
            let done = vm.get(next_result, PropertyKey::Atom(atoms::DONE))?;
            if vm.to_boolean(done) {
                let Value::Object(result) = result else {
                    return vm.throw_type_error("Array.fromAsync: no result object");
                };
                set_length(vm, result, index)?;
                return Ok(Step::Finished(Value::Object(result)));
            }
            let value = vm.get(next_result, PropertyKey::Atom(atoms::VALUE))?;
            vm.root(value);
            if mapping {
                let this_argument = internal_record_get(vm, state, FIELD_THIS_ARGUMENT);
                let mapped = match vm.call(mapper, this_argument, &[value, Value::Number(index)]) {
                    Ok(mapped) => mapped,
                    Err(error) => return close_with_error(vm, state, error),
                };
                vm.root(mapped);
                return match await_value(vm, state, mapped, PHASE_ITERATOR_MAPPED) {
                    Ok(step) => Ok(step),
                    Err(error) => close_with_error(vm, state, error),
                };
            }
            if let Err(error) = define_and_advance(vm, state, value, PHASE_ITERATOR_NEXT) {
                return close_with_error(vm, state, error);
            }
        } else if phase == PHASE_ITERATOR_MAPPED {
            let value = match resumed.take().unwrap_or(Ok(Value::Undefined)) {
                Ok(value) => value,
                Err(error) => return close_with_error(vm, state, error),
            };
            vm.root(value);
            if let Err(error) = define_and_advance(vm, state, value, PHASE_ITERATOR_NEXT) {
                return close_with_error(vm, state, error);
            }
        } else if phase == PHASE_CLOSING {
            return Err(internal_record_get(vm, state, FIELD_ERROR));
        } else if phase == PHASE_ARRAY_LIKE_GET {
            let length = number_field(vm, state, FIELD_LENGTH);
            let Value::Object(result) = result else {
                return vm.throw_type_error("Array.fromAsync: no result object");
            };
            if index >= length {
                set_length(vm, result, length)?;
                return Ok(Step::Finished(Value::Object(result)));
            }
            let Value::Object(array_like) = internal_record_get(vm, state, FIELD_ITEMS) else {
                return vm.throw_type_error("Array.fromAsync: no array-like");
            };
            let key = index_key(vm, index as u64);
            let value = vm.get(array_like, key)?;
            return await_value(vm, state, value, PHASE_ARRAY_LIKE_VALUE);
        } else if phase == PHASE_ARRAY_LIKE_VALUE {
            let value = resumed.take().unwrap_or(Ok(Value::Undefined))?;
            vm.root(value);
            if mapping {
                let this_argument = internal_record_get(vm, state, FIELD_THIS_ARGUMENT);
                let mapped = vm.call(mapper, this_argument, &[value, Value::Number(index)])?;
                return await_value(vm, state, mapped, PHASE_ARRAY_LIKE_MAPPED);
            }
            define_and_advance(vm, state, value, PHASE_ARRAY_LIKE_GET)?;
        } else if phase == PHASE_ARRAY_LIKE_MAPPED {
            let value = resumed.take().unwrap_or(Ok(Value::Undefined))?;
            vm.root(value);
            define_and_advance(vm, state, value, PHASE_ARRAY_LIKE_GET)?;
        } else {
            return vm.throw_type_error("Array.fromAsync: invalid state");
        }
    }
}

/// CreateDataPropertyOrThrow(A, Pk, value), then k + 1 and the next phase.
fn define_and_advance(
    vm: &mut Vm,
    state: ObjectRef,
    value: Value,
    next_phase: f64,
) -> JsResult<()> {
    let Value::Object(result) = internal_record_get(vm, state, FIELD_RESULT) else {
        return vm.throw_type_error("Array.fromAsync: no result object");
    };
    let index = number_field(vm, state, FIELD_INDEX);
    let key = index_key(vm, index as u64);
    vm.create_data_property_or_throw(result, key, value)?;
    internal_record_set(vm, state, FIELD_INDEX, Value::Number(index + 1.0));
    internal_record_set(vm, state, FIELD_PHASE, Value::Number(next_phase));
    Ok(())
}

/// `Set(A, "length", len, true)`.
fn set_length(vm: &mut Vm, result: ObjectRef, length: f64) -> JsResult<()> {
    vm.put_value(
        Value::Object(result),
        PropertyKey::Atom(atoms::LENGTH),
        Value::Number(length),
        true,
    )
}

/// The closure's steps before its loops: the mapper check, the choice of the async
/// iterator, the sync iterator (wrapped by CreateAsyncFromSyncIterator) or the array-like
/// path, and the construction of the result object.
fn start(vm: &mut Vm, state: ObjectRef) -> JsResult<()> {
    let mapper = internal_record_get(vm, state, FIELD_MAPPER);
    if !mapper.is_undefined() && !vm.is_callable(mapper) {
        return vm.throw_type_error("Array.fromAsync: the mapper is not a function");
    }
    let items = internal_record_get(vm, state, FIELD_ITEMS);
    let constructor = internal_record_get(vm, state, FIELD_CONSTRUCTOR);
    if items.is_nullish() {
        let text = vm.describe_value_for_error(items);
        return vm.throw_type_error(&format!("{text} is not iterable"));
    }
    let async_iterator_key = PropertyKey::Symbol(vm.intrinsics.symbols.async_iterator);
    let using_async_iterator = vm.get_method(items, async_iterator_key)?;
    let using_sync_iterator = if using_async_iterator.is_none() {
        let iterator_key = PropertyKey::Symbol(vm.intrinsics.symbols.iterator);
        vm.get_method(items, iterator_key)?
    } else {
        None
    };
    let record = if let Some(method) = using_async_iterator {
        Some(vm.get_iterator_from_method(items, method)?)
    } else if let Some(method) = using_sync_iterator {
        let sync_record = vm.get_iterator_from_method(items, method)?;
        vm.root(Value::Object(sync_record.iterator));
        vm.root(sync_record.next_method);
        Some(create_async_from_sync_iterator(vm, sync_record)?)
    } else {
        None
    };
    if let Some(record) = record {
        internal_record_set(vm, state, FIELD_ITERATOR, Value::Object(record.iterator));
        internal_record_set(vm, state, FIELD_NEXT_METHOD, record.next_method);
        let result = construct_result(vm, constructor, &[])?;
        internal_record_set(vm, state, FIELD_RESULT, Value::Object(result));
        internal_record_set(vm, state, FIELD_PHASE, Value::Number(PHASE_ITERATOR_NEXT));
        return Ok(());
    }
    let array_like = vm.to_object(items)?;
    internal_record_set(vm, state, FIELD_ITEMS, Value::Object(array_like));
    let length = length_of_array_like(vm, array_like)?;
    internal_record_set(vm, state, FIELD_LENGTH, Value::Number(length as f64));
    let result = construct_result(vm, constructor, &[Value::Number(length as f64)])?;
    internal_record_set(vm, state, FIELD_RESULT, Value::Object(result));
    internal_record_set(vm, state, FIELD_PHASE, Value::Number(PHASE_ARRAY_LIKE_GET));
    Ok(())
}
