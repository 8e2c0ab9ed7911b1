//! %AsyncFromSyncIteratorPrototype% and CreateAsyncFromSyncIterator: the adapter that lets
//! `for await` and `yield*` in async generators consume a synchronous iterable.
//!
//! An async-from-sync iterator object is never handed to JavaScript (only the interpreter
//! calls its methods), so its [[SyncIteratorRecord]] lives in the object's `elements`: the
//! sync iterator at index 0 and its `next` method at index 1. The methods check that shape
//! and the prototype before trusting it.
//!
//! Every method returns a new %Promise%: it calls the sync iterator, then settles the promise
//! from the result through AsyncFromSyncIteratorContinuation, which awaits the result's value
//! (PromiseResolve) and closes the sync iterator when that value rejects (for `next` and
//! `throw`, when the result is not done).

use super::async_generators;
use crate::atom::{PropertyKey, atoms};
use crate::builtins::promise::{
    new_promise, perform_then_into, promise_resolve, reject_promise, resolve_promise,
};
use crate::elements::ElementVector;
use crate::function::{Args, NativeFunction};
use crate::object::ObjectKind;
use crate::property::IteratorRecord;
use crate::realm::Vm;
use crate::value::{JsResult, ObjectRef, Value};

/// CreateAsyncFromSyncIterator(syncIteratorRecord): the async iterator record wrapping it.
pub(crate) fn create_async_from_sync_iterator(
    vm: &mut Vm,
    sync_record: IteratorRecord,
) -> JsResult<IteratorRecord> {
    let prototype = async_generators::intrinsics(vm).async_from_sync_iterator_prototype;
    let object = vm.alloc_object(Some(prototype), ObjectKind::Ordinary);
    vm.object_mut(object).elements =
        ElementVector::from_slice(&[Value::Object(sync_record.iterator), sync_record.next_method]);
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(object));
    let next_method = vm.get(object, PropertyKey::Atom(atoms::NEXT));
    vm.close_handle_scope(scope);
    Ok(IteratorRecord {
        iterator: object,
        next_method: next_method?,
        done: false,
    })
}

/// Installs `next`, `return` and `throw` on a new %AsyncFromSyncIteratorPrototype%.
pub(crate) fn install_prototype(vm: &mut Vm, prototype: ObjectRef) {
    for (name, function) in [
        ("next", async_from_sync_next as NativeFunction),
        ("return", async_from_sync_return),
        ("throw", async_from_sync_throw),
    ] {
        vm.define_native_method(prototype, name, 1, function);
    }
}

/// The [[SyncIteratorRecord]] of `this` (iterator and next method).
fn sync_record_of(vm: &mut Vm, this: Value) -> Option<IteratorRecord> {
    let Value::Object(object) = this else {
        return None;
    };
    let prototype = async_generators::intrinsics(vm).async_from_sync_iterator_prototype;
    let data = vm.object(object);
    if data.prototype != Some(prototype) || !matches!(data.kind, ObjectKind::Ordinary) {
        return None;
    }
    match data.elements.as_slice() {
        [Value::Object(iterator), next_method] => Some(IteratorRecord {
            iterator: *iterator,
            next_method: *next_method,
            done: false,
        }),
        _ => None,
    }
}

/// Rejects `promise` with a new TypeError carrying `message`.
fn reject_with_type_error(vm: &mut Vm, promise: ObjectRef, message: &str) {
    let error = vm.new_type_error(message);
    reject_promise(vm, promise, error);
}

/// Calls `method` on the sync iterator with the method's argument when one was passed
/// ("if value is present"), and requires an object result.
fn call_with_optional_value(
    vm: &mut Vm,
    method: Value,
    iterator: ObjectRef,
    args: &Args,
) -> JsResult<ObjectRef> {
    let result = if args.is_empty() {
        vm.call(method, Value::Object(iterator), &[])?
    } else {
        let value = args.get(vm, 0);
        vm.call(method, Value::Object(iterator), &[value])?
    };
    match result {
        Value::Object(result) => Ok(result),
        _ => Err(vm.new_type_error("Iterator result is not an object")),
    }
}

/// The shared body of the three methods: a new promise, the receiver check, then `step`
/// (which settles or subscribes the promise; its `Err` rejects it).
fn with_promise(
    vm: &mut Vm,
    this: Value,
    step: impl FnOnce(&mut Vm, ObjectRef, IteratorRecord) -> JsResult<()>,
) -> JsResult<Value> {
    let promise = new_promise(vm, None);
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(promise));
    match sync_record_of(vm, this) {
        Some(record) => {
            vm.root(Value::Object(record.iterator));
            vm.root(record.next_method);
            if let Err(error) = step(vm, promise, record) {
                reject_promise(vm, promise, error);
            }
        }
        None => reject_with_type_error(
            vm,
            promise,
            "AsyncFromSyncIterator method called on incompatible receiver",
        ),
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(promise))
}

/// `%AsyncFromSyncIteratorPrototype%.next(value)`.
fn async_from_sync_next(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    with_promise(vm, this, |vm, promise, record| {
        let result = call_with_optional_value(vm, record.next_method, record.iterator, &args)?;
        continuation(vm, promise, result, record.iterator, true)
    })
}

/// `%AsyncFromSyncIteratorPrototype%.return(value)`.
fn async_from_sync_return(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    with_promise(vm, this, |vm, promise, record| {
        let iterator = Value::Object(record.iterator);
        let Some(return_method) = vm.get_method(iterator, PropertyKey::Atom(atoms::RETURN))? else {
            let value = args.get(vm, 0);
            let result = vm.create_iter_result_object(value, true);
            return resolve_promise(vm, promise, Value::Object(result));
        };
        let result = call_with_optional_value(vm, return_method, record.iterator, &args)?;
        continuation(vm, promise, result, record.iterator, false)
    })
}

/// `%AsyncFromSyncIteratorPrototype%.throw(value)`.
fn async_from_sync_throw(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    with_promise(vm, this, |vm, promise, record| {
        let iterator = Value::Object(record.iterator);
        let Some(throw_method) = vm.get_method(iterator, PropertyKey::Atom(atoms::THROW))? else {
            // The sync iterator gets a chance to clean up before the protocol violation is
            // reported.
            vm.iterator_close(&record)?;
            return Err(vm.new_type_error("The iterator does not provide a 'throw' method"));
        };
        let result = call_with_optional_value(vm, throw_method, record.iterator, &args)?;
        continuation(vm, promise, result, record.iterator, true)
    })
}

/// AsyncFromSyncIteratorContinuation(result, promiseCapability, syncIteratorRecord,
/// closeOnRejection). `Err` rejects the promise (done by the caller).
fn continuation(
    vm: &mut Vm,
    promise: ObjectRef,
    result: ObjectRef,
    sync_iterator: ObjectRef,
    close_on_rejection: bool,
) -> JsResult<()> {
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(result));
    let outcome = continuation_rooted(vm, promise, result, sync_iterator, close_on_rejection);
    vm.close_handle_scope(scope);
    outcome
}

fn continuation_rooted(
    vm: &mut Vm,
    promise: ObjectRef,
    result: ObjectRef,
    sync_iterator: ObjectRef,
    close_on_rejection: bool,
) -> JsResult<()> {
    let done = vm.get(result, PropertyKey::Atom(atoms::DONE))?;
    let done = vm.to_boolean(done);
    let value = vm.get(result, PropertyKey::Atom(atoms::VALUE))?;
    vm.root(value);
    let constructor = Value::Object(vm.intrinsics.promise_constructor);
    let value_wrapper = match promise_resolve(vm, constructor, value) {
        Ok(Value::Object(wrapper)) => wrapper,
        Ok(_) => return Err(vm.new_type_error("internal error: PromiseResolve without a promise")),
        Err(error) => {
            if !done && close_on_rejection {
                let record = IteratorRecord {
                    iterator: sync_iterator,
                    next_method: Value::Undefined,
                    done: false,
                };
                return Err(vm.iterator_close_on_error(&record, error));
            }
            return Err(error);
        }
    };
    vm.root(Value::Object(value_wrapper));
    let empty = Value::String(vm.intrinsics.empty_string);
    let unwrap: NativeFunction = if done { unwrap_done } else { unwrap_not_done };
    let on_fulfilled = vm.new_native_function_with_data(empty, 1, unwrap, false, Value::Undefined);
    vm.root(Value::Object(on_fulfilled));
    let on_rejected = if done || !close_on_rejection {
        Value::Undefined
    } else {
        Value::Object(vm.new_native_function_with_data(
            empty,
            1,
            close_sync_iterator,
            false,
            Value::Object(sync_iterator),
        ))
    };
    perform_then_into(
        vm,
        value_wrapper,
        Value::Object(on_fulfilled),
        on_rejected,
        promise,
    );
    Ok(())
}

/// The fulfillment handler of a done result: `{ value, done: true }`.
fn unwrap_done(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let value = args.get(vm, 0);
    Ok(Value::Object(vm.create_iter_result_object(value, true)))
}

/// The fulfillment handler of a result that is not done: `{ value, done: false }`.
fn unwrap_not_done(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let value = args.get(vm, 0);
    Ok(Value::Object(vm.create_iter_result_object(value, false)))
}

/// The rejection handler that closes the sync iterator (its data) and passes the rejection
/// on: IteratorClose(syncIteratorRecord, ThrowCompletion(error)).
fn close_sync_iterator(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let error = args.get(vm, 0);
    if let Value::Object(iterator) = vm.native_function_data(args.callee()) {
        let record = IteratorRecord {
            iterator,
            next_method: Value::Undefined,
            done: false,
        };
        return Err(vm.iterator_close_on_error(&record, error));
    }
    Err(error)
}
