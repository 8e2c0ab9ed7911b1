//! Iterator records (`GetIterator`, `IteratorNext`, `IteratorClose`, ...) and array spread.
//!
//! An iterator record occupies three consecutive registers `R[i], R[i+1], R[i+2]`: the
//! iterator, its `next` method and the `done` flag. These registers are internal to the
//! compiled code (JavaScript never sees them), which allows a fast representation for arrays:
//!
//! **Fast array iteration.** When `GetIterator` sees a genuine Array whose iteration behaviour
//! is the built-in one (its prototype is %Array.prototype%, it has no own `Symbol.iterator`,
//! and both %Array.prototype%[Symbol.iterator] and %ArrayIteratorPrototype%.next are the
//! functions the realm started with), it stores the array itself in `R[i]` and the next index
//! as a Number in `R[i+1]` instead of allocating an Array Iterator. Each step then reads
//! `length` and the element live, exactly as %ArrayIteratorPrototype%.next would, with no
//! allocation and no call. A Number in `R[i+1]` can never be a real `next` method (methods
//! are objects), so the two representations cannot be confused.

use super::InterpreterState;
use crate::atom::{PropertyKey, atoms};
use crate::object::ObjectKind;
use crate::property::IteratorRecord;
use crate::realm::Vm;
use crate::value::{JsResult, ObjectRef, Value};

/// Records the realm's original array iteration functions (called once, before user code
/// runs) so the fast path can later check that they were not replaced.
pub(crate) fn snapshot_original_iteration_functions(vm: &mut Vm) {
    if vm.interpreter.iteration_snapshot_taken {
        return;
    }
    let (values, next) = current_iteration_functions(vm);
    let state: &mut InterpreterState = &mut vm.interpreter;
    state.original_array_iterator_function = values;
    state.original_array_iterator_next = next;
    state.iteration_snapshot_taken = true;
}

/// The current %Array.prototype%[Symbol.iterator] and %ArrayIteratorPrototype%.next (data
/// properties only; an accessor reads as `None`, which disables the fast path).
fn current_iteration_functions(vm: &Vm) -> (Option<Value>, Option<Value>) {
    let iterator_key = PropertyKey::Symbol(vm.intrinsics.symbols.iterator);
    let values = vm.get_data_property_no_side_effects(vm.intrinsics.array_prototype, iterator_key);
    let next = vm.get_data_property_no_side_effects(
        vm.intrinsics.array_iterator_prototype,
        PropertyKey::Atom(atoms::NEXT),
    );
    (values, next)
}

fn same_function(left: Option<Value>, right: Option<Value>) -> bool {
    match (left, right) {
        (Some(left), Some(right)) => left.is_identical(right),
        (None, None) => true,
        _ => false,
    }
}

/// True when iterating `value` with the protocol is observably the same as reading its
/// elements by index (see the module documentation).
pub(crate) fn is_fast_iterable_array(vm: &Vm, value: Value) -> Option<ObjectRef> {
    let Value::Object(array) = value else {
        return None;
    };
    let data = vm.object(array);
    if !matches!(data.kind, ObjectKind::Array(_))
        || data.prototype != Some(vm.intrinsics.array_prototype)
    {
        return None;
    }
    let iterator_key = PropertyKey::Symbol(vm.intrinsics.symbols.iterator);
    // An array whose contents are deferred (none is, but the answer must be safe) counts as
    // having its own iterator.
    if !matches!(
        vm.find_own_property_if_installed(array, iterator_key),
        Ok(None)
    ) {
        return None;
    }
    if !vm.interpreter.iteration_snapshot_taken {
        return None;
    }
    // A holder whose built-in contents are still deferred holds the original function by
    // definition (its installer records it as the original, see `crate::deferred_contents`).
    let (values, next) = current_iteration_functions(vm);
    if (vm.contents_deferred(vm.intrinsics.array_prototype)
        || same_function(values, vm.interpreter.original_array_iterator_function))
        && (vm.contents_deferred(vm.intrinsics.array_iterator_prototype)
            || same_function(next, vm.interpreter.original_array_iterator_next))
    {
        Some(array)
    } else {
        None
    }
}

/// `GetIterator`: fills the record at absolute stack index `record`.
pub(crate) fn get_iterator(vm: &mut Vm, record: usize, iterable: Value) -> JsResult<()> {
    if let Some(array) = is_fast_iterable_array(vm, iterable) {
        vm.stack[record] = Value::Object(array);
        vm.stack[record + 1] = Value::Number(0.0);
        vm.stack[record + 2] = Value::Boolean(false);
        return Ok(());
    }
    let iterator_record = vm.get_iterator(iterable)?;
    vm.stack[record] = Value::Object(iterator_record.iterator);
    vm.stack[record + 1] = iterator_record.next_method;
    vm.stack[record + 2] = Value::Boolean(false);
    Ok(())
}

fn array_length(vm: &Vm, array: ObjectRef) -> u32 {
    match vm.object(array).kind {
        ObjectKind::Array(data) => data.length,
        _ => 0,
    }
}

/// The allocation-free, call-free step of a fast array record: `Some(value)` (undefined when
/// done), or `None` when the general path is needed (protocol records and holes).
#[inline]
pub(crate) fn iterator_next_fast(vm: &mut Vm, record: usize) -> Option<Value> {
    let Value::Number(position) = vm.stack[record + 1] else {
        return None;
    };
    if vm.stack[record + 2].is_identical(Value::Boolean(true)) {
        return Some(Value::Undefined);
    }
    let Value::Object(array) = vm.stack[record] else {
        return None;
    };
    let index = position as u32;
    if index >= array_length(vm, array) {
        vm.stack[record + 2] = Value::Boolean(true);
        return Some(Value::Undefined);
    }
    let value = match vm.object(array).elements.get(index as usize) {
        Some(value) if !value.is_hole() => *value,
        _ => return None,
    };
    vm.stack[record + 1] = Value::Number(f64::from(index + 1));
    Some(value)
}

/// `IteratorNext` general path.
pub(crate) fn iterator_next(vm: &mut Vm, record: usize) -> JsResult<Value> {
    if vm.stack[record + 2].is_identical(Value::Boolean(true)) {
        return Ok(Value::Undefined);
    }
    if let (Value::Object(array), Value::Number(position)) =
        (vm.stack[record], vm.stack[record + 1])
    {
        let index = position as u32;
        if index >= array_length(vm, array) {
            vm.stack[record + 2] = Value::Boolean(true);
            return Ok(Value::Undefined);
        }
        vm.stack[record + 1] = Value::Number(f64::from(index + 1));
        return match vm.get(array, PropertyKey::Index(index)) {
            Ok(value) => Ok(value),
            Err(error) => {
                vm.stack[record + 2] = Value::Boolean(true);
                Err(error)
            }
        };
    }
    let Value::Object(iterator) = vm.stack[record] else {
        vm.stack[record + 2] = Value::Boolean(true);
        return Ok(Value::Undefined);
    };
    let mut iterator_record = IteratorRecord {
        iterator,
        next_method: vm.stack[record + 1],
        done: false,
    };
    match vm.iterator_step_value(&mut iterator_record) {
        Ok(Some(value)) => Ok(value),
        Ok(None) => {
            vm.stack[record + 2] = Value::Boolean(true);
            Ok(Value::Undefined)
        }
        Err(error) => {
            vm.stack[record + 2] = Value::Boolean(true);
            Err(error)
        }
    }
}

/// The protocol iterator of a record, unless it is done or a fast array record.
fn protocol_record(vm: &Vm, record: usize) -> Option<IteratorRecord> {
    if vm.stack[record + 2].is_identical(Value::Boolean(true)) || vm.stack[record + 1].is_number() {
        return None;
    }
    let Value::Object(iterator) = vm.stack[record] else {
        return None;
    };
    Some(IteratorRecord {
        iterator,
        next_method: vm.stack[record + 1],
        done: false,
    })
}

/// `IteratorClose` (normal completion).
pub(crate) fn iterator_close(vm: &mut Vm, record: usize) -> JsResult<()> {
    let iterator_record = protocol_record(vm, record);
    vm.stack[record + 2] = Value::Boolean(true);
    match iterator_record {
        Some(iterator_record) => vm.iterator_close(&iterator_record),
        None => Ok(()),
    }
}

/// `IteratorCloseForThrow`: errors from `return()` are ignored.
pub(crate) fn iterator_close_for_throw(vm: &mut Vm, record: usize) {
    let iterator_record = protocol_record(vm, record);
    vm.stack[record + 2] = Value::Boolean(true);
    if let Some(iterator_record) = iterator_record {
        let _ = vm.iterator_close_on_error(&iterator_record, Value::Undefined);
    }
}

/// `IteratorCollectRest`: the remaining values as a new array; the record ends done.
pub(crate) fn iterator_collect_rest(vm: &mut Vm, record: usize) -> JsResult<Value> {
    let scope = vm.open_handle_scope();
    let start = vm.handles.len();
    loop {
        if vm.stack[record + 2].is_identical(Value::Boolean(true)) {
            break;
        }
        let value = match iterator_next_fast(vm, record) {
            Some(value) => value,
            None => iterator_next(vm, record)?,
        };
        if vm.stack[record + 2].is_identical(Value::Boolean(true)) {
            break;
        }
        vm.root(value);
    }
    let values = vm.handles[start..].to_vec();
    vm.close_handle_scope(scope);
    Ok(Value::Object(vm.new_array(values)))
}

/// `SpreadIntoArray`: appends every value of `iterable` to the array `target`.
pub(crate) fn spread_into_array(vm: &mut Vm, target: Value, iterable: Value) -> JsResult<()> {
    let Value::Object(target) = target else {
        return Err(vm.new_type_error("internal error: SpreadIntoArray into a non-object"));
    };
    let values = if let Some(array) = is_fast_iterable_array(vm, iterable) {
        let length = array_length(vm, array) as usize;
        let elements = &vm.object(array).elements;
        if elements.len() == length && elements.iter().all(|value| !value.is_hole()) {
            elements.to_vec()
        } else {
            // Holes read through the prototype chain, where a getter may run and collect:
            // every value read so far stays rooted on the handle stack.
            let scope = vm.open_handle_scope();
            vm.root(Value::Object(array));
            let start = vm.handles.len();
            for index in 0..length {
                let value = vm.get(array, PropertyKey::Index(index as u32))?;
                vm.root(value);
            }
            let values = vm.handles[start..].to_vec();
            vm.close_handle_scope(scope);
            values
        }
    } else {
        vm.iterable_to_list(iterable)?
    };
    // An append can run a setter on the prototype chain (and so collect): keep the values that
    // are not yet in the target rooted.
    let scope = vm.open_handle_scope();
    vm.handles.extend_from_slice(&values);
    let result = values
        .iter()
        .try_for_each(|value| vm.array_push(target, *value));
    vm.close_handle_scope(scope);
    result
}

/// Stores a protocol iterator record at absolute stack index `record`.
fn store_record(vm: &mut Vm, record: usize, iterator_record: IteratorRecord) {
    vm.stack[record] = Value::Object(iterator_record.iterator);
    vm.stack[record + 1] = iterator_record.next_method;
    vm.stack[record + 2] = Value::Boolean(false);
}

/// `GetProtocolIterator`: GetIterator(value, sync) that never uses the fast array record.
pub(crate) fn get_protocol_iterator(vm: &mut Vm, record: usize, iterable: Value) -> JsResult<()> {
    let iterator_record = vm.get_iterator(iterable)?;
    store_record(vm, record, iterator_record);
    Ok(())
}

/// `GetAsyncIterator`: GetIterator(value, async), falling back to
/// CreateAsyncFromSyncIterator when the value has no `Symbol.asyncIterator` method.
pub(crate) fn get_async_iterator(vm: &mut Vm, record: usize, iterable: Value) -> JsResult<()> {
    let key = PropertyKey::Symbol(vm.intrinsics.symbols.async_iterator);
    let iterator_record = match vm.get_method(iterable, key)? {
        Some(method) => {
            let iterator = vm.call(method, iterable, &[])?;
            let Value::Object(iterator) = iterator else {
                return Err(
                    vm.new_type_error("Result of the Symbol.asyncIterator method is not an object")
                );
            };
            let scope = vm.open_handle_scope();
            vm.root(Value::Object(iterator));
            let next_method = vm.get(iterator, PropertyKey::Atom(atoms::NEXT));
            vm.close_handle_scope(scope);
            IteratorRecord {
                iterator,
                next_method: next_method?,
                done: false,
            }
        }
        None => {
            let iterator_key = PropertyKey::Symbol(vm.intrinsics.symbols.iterator);
            let Some(sync_method) = vm.get_method(iterable, iterator_key)? else {
                let description = vm.describe_value_for_error(iterable);
                return Err(vm.new_type_error(&format!("{description} is not async iterable")));
            };
            let sync_record = vm.get_iterator_from_method(iterable, sync_method)?;
            super::async_from_sync::create_async_from_sync_iterator(vm, sync_record)?
        }
    };
    store_record(vm, record, iterator_record);
    Ok(())
}

/// `IteratorNextCall`: calls the record's `next` method without arguments.
pub(crate) fn iterator_next_call(vm: &mut Vm, record: usize) -> JsResult<Value> {
    let iterator = vm.stack[record];
    let next_method = vm.stack[record + 1];
    vm.call(next_method, iterator, &[])
}

/// `IteratorResultValue`: unpacks an iterator result (IteratorComplete, IteratorValue),
/// marking the record done when the result is done.
pub(crate) fn iterator_result_value(vm: &mut Vm, record: usize, result: Value) -> JsResult<Value> {
    let Value::Object(result) = result else {
        return Err(vm.new_type_error("Iterator result is not an object"));
    };
    let done = vm.get(result, PropertyKey::Atom(atoms::DONE))?;
    if vm.to_boolean(done) {
        vm.stack[record + 2] = Value::Boolean(true);
        return Ok(Value::Undefined);
    }
    vm.get(result, PropertyKey::Atom(atoms::VALUE))
}

/// `IteratorReturnCall`: the part of AsyncIteratorClose before the await. `Some(result)` when
/// `return` was called.
pub(crate) fn iterator_return_call(vm: &mut Vm, record: usize) -> JsResult<Option<Value>> {
    let iterator_record = protocol_record(vm, record);
    vm.stack[record + 2] = Value::Boolean(true);
    let Some(iterator_record) = iterator_record else {
        return Ok(None);
    };
    let iterator = Value::Object(iterator_record.iterator);
    match vm.get_method(iterator, PropertyKey::Atom(atoms::RETURN))? {
        Some(return_method) => vm.call(return_method, iterator, &[]).map(Some),
        None => Ok(None),
    }
}

/// Resumption kinds of `YieldDelegate` as stored in its second destination register.
pub(crate) mod delegate {
    /// Resumed by `next(value)`.
    pub const NEXT: f64 = 0.0;
    /// Resumed by `return(value)`.
    pub const RETURN: f64 = 1.0;
    /// Resumed by `throw(value)`.
    pub const THROW: f64 = 2.0;
    /// `DelegateResult`: the inner iterator finished; the value is the `yield*` result.
    pub const FINISHED: f64 = 1.0;
    /// `DelegateCall`/`DelegateResult`: the generator must return the value.
    pub const RETURN_VALUE: f64 = 2.0;
    /// `DelegateCall`: the inner iterator has no `throw` method.
    pub const MISSING_THROW: f64 = 3.0;
}

/// `DelegateCall`: forwards a resumption of the delegating generator to the inner iterator
/// (the `received` handling of the `yield*` evaluation loop, up to the inner result).
pub(crate) fn delegate_call(
    vm: &mut Vm,
    destination: usize,
    record: usize,
    received: usize,
) -> JsResult<()> {
    let value = vm.stack[received];
    let mode = vm.stack[received + 1].as_number().unwrap_or(delegate::NEXT);
    let iterator = vm.stack[record];
    let (result, status) = if mode == delegate::THROW {
        match vm.get_method(iterator, PropertyKey::Atom(atoms::THROW))? {
            Some(throw_method) => (vm.call(throw_method, iterator, &[value])?, delegate::NEXT),
            None => (Value::Undefined, delegate::MISSING_THROW),
        }
    } else if mode == delegate::RETURN {
        match vm.get_method(iterator, PropertyKey::Atom(atoms::RETURN))? {
            Some(return_method) => (vm.call(return_method, iterator, &[value])?, delegate::NEXT),
            None => (value, delegate::RETURN_VALUE),
        }
    } else {
        let next_method = vm.stack[record + 1];
        (vm.call(next_method, iterator, &[value])?, delegate::NEXT)
    };
    vm.stack[destination] = result;
    vm.stack[destination + 1] = Value::Number(status);
    Ok(())
}

/// `DelegateResult`: inspects the inner result of a `yield*` step.
pub(crate) fn delegate_result(
    vm: &mut Vm,
    destination: usize,
    received: usize,
    unwrap: bool,
) -> JsResult<()> {
    let Value::Object(result) = vm.stack[destination] else {
        return Err(vm.new_type_error("Iterator result is not an object"));
    };
    let done = vm.get(result, PropertyKey::Atom(atoms::DONE))?;
    if vm.to_boolean(done) {
        let value = vm.get(result, PropertyKey::Atom(atoms::VALUE))?;
        let returning = vm.stack[received + 1].as_number() == Some(delegate::RETURN);
        vm.stack[destination] = value;
        vm.stack[destination + 1] = Value::Number(if returning {
            delegate::RETURN_VALUE
        } else {
            delegate::FINISHED
        });
        return Ok(());
    }
    if unwrap {
        let value = vm.get(result, PropertyKey::Atom(atoms::VALUE))?;
        vm.stack[destination] = value;
    }
    vm.stack[destination + 1] = Value::Number(delegate::NEXT);
    Ok(())
}
