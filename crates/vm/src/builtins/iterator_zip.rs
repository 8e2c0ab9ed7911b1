//! Joint iteration: `Iterator.zip(iterables, options)` and `Iterator.zipKeyed(iterables,
//! options)`, following the Joint Iteration proposal's specification text (the steps the
//! test262 directories `built-ins/Iterator/zip` and `built-ins/Iterator/zipKeyed` observe).
//!
//! Both functions create an Iterator Helper (`IteratorHelperKind::Zip`) whose closure is
//! IteratorZip. Like the other helpers of `super::iterator_helpers`, it is a small state
//! machine instead of a generator: the closure only suspends after a whole row of results is
//! built, so no state other than the list of iterators needs to survive a yield.
//!
//! Layout of the helper's `InternalData`:
//! - `values` holds one group of [`ZIP_SLOTS`] slots per underlying iterator, in the order of
//!   `iters`: the iterator (or `null` once it is exhausted or removed from `openIters`), its
//!   `next` method, its padding value (for mode "longest"), and its key (for `zipKeyed`;
//!   `undefined` for `zip`).
//! - `counter` holds the mode ([`MODE_SHORTEST`], [`MODE_LONGEST`], [`MODE_STRICT`]).
//! - `state` holds the generator state bits of `super::iterator_helpers`, plus [`KEYED`] for
//!   `zipKeyed` (whose rows are null-prototype objects instead of arrays).
//!
//! The specification keeps two lists, `iters` (where an exhausted iterator of mode "longest"
//! becomes `null`) and `openIters` (the iterators still to be closed). At every point where
//! the closure suspends or IteratorCloseAll runs, `openIters` is exactly the non-null
//! entries of `iters` in their order, so a single list represents both.

use crate::atom::{PropertyKey, atoms};
use crate::function::Args;
use crate::object::{InternalData, InternalTag, IteratorHelperKind, ObjectKind};
use crate::property::IteratorRecord;
use crate::realm::Vm;
use crate::value::{JsResult, ObjectRef, Value};

/// Slots per underlying iterator in the helper's `values`.
const ZIP_SLOTS: usize = 4;
/// Offset of the iterator (or `null`) inside a group of slots.
const SLOT_ITERATOR: usize = 0;
/// Offset of the `next` method inside a group of slots.
const SLOT_NEXT: usize = 1;
/// Offset of the padding value inside a group of slots.
const SLOT_PADDING: usize = 2;
/// Offset of the key (`zipKeyed`) inside a group of slots.
const SLOT_KEY: usize = 3;

/// Mode "shortest" (stored in `InternalData::counter`).
const MODE_SHORTEST: f64 = 0.0;
/// Mode "longest".
const MODE_LONGEST: f64 = 1.0;
/// Mode "strict".
const MODE_STRICT: f64 = 2.0;

/// State bit: the rows are objects keyed by the `zipKeyed` keys instead of arrays.
pub(super) const KEYED: u32 = 1 << 8;

/// One underlying iterator while the arguments are read.
struct ZipEntry {
    record: IteratorRecord,
    key: Value,
}

/// GetOptionsObject(options), then the "mode" and "padding" reads shared by both functions.
/// Returns the mode and the padding option (`undefined` unless the mode is "longest").
fn read_zip_options(vm: &mut Vm, options: Value) -> JsResult<(f64, Value)> {
    let options = match options {
        Value::Undefined => None,
        Value::Object(object) => Some(object),
        _ => return vm.throw_type_error("Iterator.zip: options is not an object"),
    };
    let Some(options) = options else {
        return Ok((MODE_SHORTEST, Value::Undefined));
    };
    let mode_key = vm.new_string("mode");
    let mode_key = vm.to_property_key(Value::String(mode_key))?;
    let mode = vm.get(options, mode_key)?;
    let mode = match mode {
        Value::Undefined => MODE_SHORTEST,
        Value::String(text) => match vm.string_to_rust(text).as_str() {
            "shortest" => MODE_SHORTEST,
            "longest" => MODE_LONGEST,
            "strict" => MODE_STRICT,
            _ => return vm.throw_type_error("Iterator.zip: invalid mode"),
        },
        _ => return vm.throw_type_error("Iterator.zip: mode is not a string"),
    };
    if mode != MODE_LONGEST {
        return Ok((mode, Value::Undefined));
    }
    let padding_key = vm.new_string("padding");
    let padding_key = vm.to_property_key(Value::String(padding_key))?;
    let padding = vm.get(options, padding_key)?;
    if !padding.is_undefined() && !padding.is_object() {
        return vm.throw_type_error("Iterator.zip: padding is not an object");
    }
    Ok((mode, padding))
}

/// IteratorCloseAll(iters, completion) for the records in `records` (closed in reverse
/// order). `error` is `None` for a return completion and the thrown value for a throw
/// completion; the result is the final completion.
fn close_all(vm: &mut Vm, records: &[IteratorRecord], error: Option<Value>) -> JsResult<()> {
    let mut error = error;
    for record in records.iter().rev() {
        error = match error {
            Some(thrown) => Some(vm.iterator_close_on_error(record, thrown)),
            None => vm.iterator_close(record).err(),
        };
    }
    match error {
        Some(thrown) => Err(thrown),
        None => Ok(()),
    }
}

/// IfAbruptCloseIterators for the entries read so far: closes them with the throw
/// completion `error` and returns it.
fn close_entries_on_error(vm: &mut Vm, entries: &[ZipEntry], error: Value) -> Value {
    let records: Vec<IteratorRecord> = entries.iter().map(|entry| entry.record).collect();
    match close_all(vm, &records, Some(error)) {
        Err(thrown) => thrown,
        Ok(()) => error,
    }
}

/// GetIteratorFlattenable(value, reject-strings).
fn get_iterator_flattenable_rejecting_strings(
    vm: &mut Vm,
    value: Value,
) -> JsResult<IteratorRecord> {
    let Value::Object(_) = value else {
        return vm.throw_type_error("Iterator.zip: an iterable is not an object");
    };
    let iterator_symbol = vm.intrinsics.symbols.iterator;
    let iterator = match vm.get_method(value, PropertyKey::Symbol(iterator_symbol))? {
        None => value,
        Some(method) => vm.call(method, value, &[])?,
    };
    let Value::Object(iterator) = iterator else {
        return vm.throw_type_error("Iterator.zip: the iterator method returned a non-object");
    };
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(iterator));
    let next_method = vm.get(iterator, PropertyKey::Atom(atoms::NEXT));
    vm.close_handle_scope(scope);
    Ok(IteratorRecord {
        iterator,
        next_method: next_method?,
        done: false,
    })
}

/// Roots an entry's iterator, `next` method and key in the current handle scope.
fn root_entry(vm: &mut Vm, entry: &ZipEntry) {
    vm.root(Value::Object(entry.record.iterator));
    vm.root(entry.record.next_method);
    vm.root(entry.key);
}

/// `Iterator.zip(iterables, options)`.
pub(super) fn iterator_zip(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let iterables = args.get(vm, 0);
    if !iterables.is_object() {
        return vm.throw_type_error("Iterator.zip: iterables is not an object");
    }
    let options = args.get(vm, 1);
    let (mode, padding_option) = read_zip_options(vm, options)?;
    let scope = vm.open_handle_scope();
    vm.root(padding_option);
    let mut input = vm.get_iterator(iterables)?;
    vm.root(Value::Object(input.iterator));
    vm.root(input.next_method);
    let mut entries: Vec<ZipEntry> = Vec::new();
    loop {
        let next = match vm.iterator_step_value(&mut input) {
            Ok(Some(next)) => next,
            Ok(None) => break,
            Err(error) => return Err(close_entries_on_error(vm, &entries, error)),
        };
        vm.root(next);
        let record = match get_iterator_flattenable_rejecting_strings(vm, next) {
            Ok(record) => record,
            Err(error) => {
                // IfAbruptCloseIterators over « inputIter » followed by iters: the
                // entries in reverse order, then the input iterator.
                let error = close_entries_on_error(vm, &entries, error);
                return Err(vm.iterator_close_on_error(&input, error));
            }
        };
        let entry = ZipEntry {
            record,
            key: Value::Undefined,
        };
        root_entry(vm, &entry);
        entries.push(entry);
    }
    let mut padding = vec![Value::Undefined; entries.len()];
    if mode == MODE_LONGEST && !padding_option.is_undefined() {
        let mut padding_iterator = match vm.get_iterator(padding_option) {
            Ok(record) => record,
            Err(error) => return Err(close_entries_on_error(vm, &entries, error)),
        };
        vm.root(Value::Object(padding_iterator.iterator));
        vm.root(padding_iterator.next_method);
        let mut using_iterator = true;
        for slot in padding.iter_mut() {
            if !using_iterator {
                break;
            }
            match vm.iterator_step_value(&mut padding_iterator) {
                Ok(Some(value)) => {
                    vm.root(value);
                    *slot = value;
                }
                Ok(None) => using_iterator = false,
                Err(error) => return Err(close_entries_on_error(vm, &entries, error)),
            }
        }
        if using_iterator && let Err(error) = vm.iterator_close(&padding_iterator) {
            return Err(close_entries_on_error(vm, &entries, error));
        }
    }
    let helper = new_zip_helper(vm, &entries, &padding, mode, false);
    vm.close_handle_scope(scope);
    Ok(Value::Object(helper))
}

/// `Iterator.zipKeyed(iterables, options)`.
pub(super) fn iterator_zip_keyed(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let iterables = args.get(vm, 0);
    let Value::Object(iterables_object) = iterables else {
        return vm.throw_type_error("Iterator.zipKeyed: iterables is not an object");
    };
    let options = args.get(vm, 1);
    let (mode, padding_option) = read_zip_options(vm, options)?;
    let scope = vm.open_handle_scope();
    vm.root(padding_option);
    let all_keys = vm.own_property_keys(iterables_object)?;
    for &key in &all_keys {
        let key_value = vm.property_key_to_value(key);
        vm.root(key_value);
    }
    let mut entries: Vec<ZipEntry> = Vec::new();
    for key in all_keys {
        let descriptor = match vm.get_own_property(iterables_object, key) {
            Ok(descriptor) => descriptor,
            Err(error) => return Err(close_entries_on_error(vm, &entries, error)),
        };
        let Some(descriptor) = descriptor else {
            continue;
        };
        if descriptor.enumerable != Some(true) {
            continue;
        }
        let value = match vm.get(iterables_object, key) {
            Ok(value) => value,
            Err(error) => return Err(close_entries_on_error(vm, &entries, error)),
        };
        if value.is_undefined() {
            continue;
        }
        vm.root(value);
        let record = match get_iterator_flattenable_rejecting_strings(vm, value) {
            Ok(record) => record,
            Err(error) => return Err(close_entries_on_error(vm, &entries, error)),
        };
        let key = vm.property_key_to_value(key);
        let entry = ZipEntry { record, key };
        root_entry(vm, &entry);
        entries.push(entry);
    }
    let mut padding = vec![Value::Undefined; entries.len()];
    if mode == MODE_LONGEST
        && let Value::Object(padding_object) = padding_option
    {
        for (index, entry) in entries.iter().enumerate() {
            let key = match vm.to_property_key(entry.key) {
                Ok(key) => key,
                Err(error) => return Err(close_entries_on_error(vm, &entries, error)),
            };
            match vm.get(padding_object, key) {
                Ok(value) => {
                    vm.root(value);
                    padding[index] = value;
                }
                Err(error) => return Err(close_entries_on_error(vm, &entries, error)),
            }
        }
    }
    let helper = new_zip_helper(vm, &entries, &padding, mode, true);
    vm.close_handle_scope(scope);
    Ok(Value::Object(helper))
}

/// IteratorZip(iters, mode, padding, finishResults): the helper object in state
/// suspended-start.
fn new_zip_helper(
    vm: &mut Vm,
    entries: &[ZipEntry],
    padding: &[Value],
    mode: f64,
    keyed: bool,
) -> ObjectRef {
    let mut values = Vec::with_capacity(entries.len() * ZIP_SLOTS);
    for (entry, &padding_value) in entries.iter().zip(padding) {
        values.push(Value::Object(entry.record.iterator));
        values.push(entry.record.next_method);
        values.push(padding_value);
        values.push(entry.key);
    }
    let prototype = vm.intrinsics.iterator_helper_prototype;
    vm.alloc_object(
        Some(prototype),
        ObjectKind::Internal(Box::new(InternalData {
            tag: InternalTag::IteratorHelper(IteratorHelperKind::Zip),
            values,
            counter: mode,
            state: if keyed { KEYED } else { 0 },
        })),
    )
}

/// The number of underlying iterators (`iterCount`).
fn iterator_count(vm: &Vm, helper: ObjectRef) -> usize {
    super::iterator_helpers::helper_data(vm, helper)
        .values
        .len()
        / ZIP_SLOTS
}

/// The record of underlying iterator `index`, or `None` once it was removed.
fn zip_record(vm: &Vm, helper: ObjectRef, index: usize) -> Option<IteratorRecord> {
    let data = super::iterator_helpers::helper_data(vm, helper);
    let base = index * ZIP_SLOTS;
    match data.values.get(base + SLOT_ITERATOR) {
        Some(Value::Object(iterator)) => Some(IteratorRecord {
            iterator: *iterator,
            next_method: data.values[base + SLOT_NEXT],
            done: false,
        }),
        _ => None,
    }
}

/// Removes underlying iterator `index` from `openIters` (and sets `iters[index]` to null).
fn remove_open_iterator(vm: &mut Vm, helper: ObjectRef, index: usize) {
    let base = index * ZIP_SLOTS;
    let data = super::iterator_helpers::helper_data_mut(vm, helper);
    data.values[base + SLOT_ITERATOR] = Value::Null;
    data.values[base + SLOT_NEXT] = Value::Undefined;
}

/// The records of `openIters`, in list order.
fn open_records(vm: &Vm, helper: ObjectRef) -> Vec<IteratorRecord> {
    (0..iterator_count(vm, helper))
        .filter_map(|index| zip_record(vm, helper, index))
        .collect()
}

/// Removes every open iterator and runs IteratorCloseAll over them with `error` (`None`
/// for a return completion).
fn close_open_iterators(vm: &mut Vm, helper: ObjectRef, error: Option<Value>) -> JsResult<()> {
    let records = open_records(vm, helper);
    for index in 0..iterator_count(vm, helper) {
        remove_open_iterator(vm, helper, index);
    }
    close_all(vm, &records, error)
}

/// The `return` of a suspended zip helper (either state): IteratorCloseAll(openIters,
/// ReturnCompletion(undefined)).
pub(super) fn zip_return(vm: &mut Vm, helper: ObjectRef) -> JsResult<()> {
    close_open_iterators(vm, helper, None)
}

/// IteratorStep(record): whether a result that is not done came back (its value unread).
fn iterator_step(vm: &mut Vm, record: &IteratorRecord) -> JsResult<bool> {
    let result = vm.call(record.next_method, Value::Object(record.iterator), &[])?;
    let Value::Object(result) = result else {
        return vm.throw_type_error("Iterator result is not an object");
    };
    let done = vm.get(result, PropertyKey::Atom(atoms::DONE))?;
    Ok(!vm.to_boolean(done))
}

/// Runs the IteratorZip closure until its next yield (`Some(row)`) or its end (`None`).
pub(super) fn zip_step(vm: &mut Vm, helper: ObjectRef) -> JsResult<Option<Value>> {
    let count = iterator_count(vm, helper);
    if count == 0 {
        return Ok(None);
    }
    let mode = super::iterator_helpers::helper_data(vm, helper).counter;
    let mut results = Vec::with_capacity(count);
    for index in 0..count {
        let result = match zip_record(vm, helper, index) {
            None => {
                super::iterator_helpers::helper_data(vm, helper).values
                    [index * ZIP_SLOTS + SLOT_PADDING]
            }
            Some(mut record) => match vm.iterator_step_value(&mut record) {
                Err(error) => {
                    vm.root(error);
                    remove_open_iterator(vm, helper, index);
                    close_open_iterators(vm, helper, Some(error))?;
                    return Err(error);
                }
                Ok(Some(value)) => value,
                Ok(None) => {
                    remove_open_iterator(vm, helper, index);
                    if mode == MODE_SHORTEST {
                        close_open_iterators(vm, helper, None)?;
                        return Ok(None);
                    }
                    if mode == MODE_STRICT {
                        return finish_strict(vm, helper, index, count);
                    }
                    if open_records(vm, helper).is_empty() {
                        return Ok(None);
                    }
                    super::iterator_helpers::helper_data(vm, helper).values
                        [index * ZIP_SLOTS + SLOT_PADDING]
                }
            },
        };
        vm.root(result);
        results.push(result);
    }
    let row = if super::iterator_helpers::helper_data(vm, helper).state & KEYED != 0 {
        let row = vm.alloc_object(None, ObjectKind::Ordinary);
        vm.root(Value::Object(row));
        for (index, &result) in results.iter().enumerate() {
            let key = super::iterator_helpers::helper_data(vm, helper).values
                [index * ZIP_SLOTS + SLOT_KEY];
            let key = vm.to_property_key(key)?;
            vm.create_data_property_or_throw(row, key, result)?;
        }
        row
    } else {
        vm.new_array(results)
    };
    Ok(Some(Value::Object(row)))
}

/// Mode "strict" after underlying iterator `index` reported done: every other iterator
/// must be done at the same step.
fn finish_strict(
    vm: &mut Vm,
    helper: ObjectRef,
    index: usize,
    count: usize,
) -> JsResult<Option<Value>> {
    if index != 0 {
        let error = vm.new_type_error("Iterator.zip: the iterables have different lengths");
        vm.root(error);
        close_open_iterators(vm, helper, Some(error))?;
        return Err(error);
    }
    for other in 1..count {
        let Some(record) = zip_record(vm, helper, other) else {
            continue;
        };
        match iterator_step(vm, &record) {
            Err(error) => {
                vm.root(error);
                remove_open_iterator(vm, helper, other);
                close_open_iterators(vm, helper, Some(error))?;
                return Err(error);
            }
            Ok(false) => remove_open_iterator(vm, helper, other),
            Ok(true) => {
                let error = vm.new_type_error("Iterator.zip: the iterables have different lengths");
                vm.root(error);
                close_open_iterators(vm, helper, Some(error))?;
                return Err(error);
            }
        }
    }
    Ok(None)
}
