//! The `Iterator` constructor and the iterator helpers: `Iterator.from`, `Iterator.concat`,
//! `Iterator.prototype.{map, filter, take, drop, flatMap, reduce, toArray, forEach, some,
//! every, find}`, `Iterator.zip`/`Iterator.zipKeyed` (their closure lives in
//! `super::iterator_zip`), %IteratorHelperPrototype% and %WrapForValidIteratorPrototype%.
//!
//! The specification describes an iterator helper as a generator running an abstract
//! closure. Every such closure here only yields at the end of a loop iteration (or inside
//! the inner loop of `flatMap`/`concat`), so an Iterator Helper object is a small state
//! machine instead: `ObjectKind::Internal` with `values = [underlying iterator, its next
//! method, callback, inner iterator, inner next method]`, `counter` (the index passed to
//! callbacks, or the remaining count of `take`/`drop`, or the next iterable of `concat`) and
//! `state` (the generator state plus a flag saying an inner iterator is active).

use super::{method, to_string_tag};
use crate::atom::{PropertyKey, atoms};
use crate::function::Args;
use crate::object::{InternalData, InternalTag, IteratorHelperKind, ObjectKind};
use crate::property::IteratorRecord;
use crate::realm::Vm;
use crate::shape::Attributes;
use crate::value::{JsResult, ObjectRef, Value};

/// Generator state bits of an Iterator Helper (`InternalData::state`).
const STATE_MASK: u32 = 3;
const SUSPENDED_START: u32 = 0;
const SUSPENDED_YIELD: u32 = 1;
const EXECUTING: u32 = 2;
const COMPLETED: u32 = 3;
/// Set while `flatMap`/`concat` is iterating an inner iterator (`values[3]`, `values[4]`).
const INNER_ACTIVE: u32 = 4;

/// Installs `Iterator`, its prototype methods and the helper prototypes.
pub fn install(vm: &mut Vm) {
    let prototype = vm.intrinsics.iterator_prototype;
    let constructor = vm.new_native_function("Iterator", 0, iterator_constructor, true);
    vm.intrinsics.iterator_constructor = constructor;
    vm.define_data_property(
        constructor,
        PropertyKey::Atom(atoms::PROTOTYPE),
        Value::Object(prototype),
        Attributes::FROZEN,
    );
    vm.define_global("Iterator", Value::Object(constructor));
    let members = [
        prototype,
        vm.intrinsics.array_iterator_prototype,
        vm.intrinsics.map_iterator_prototype,
        vm.intrinsics.set_iterator_prototype,
        vm.intrinsics.string_iterator_prototype,
        constructor,
        vm.intrinsics.iterator_helper_prototype,
        vm.intrinsics.wrap_for_valid_iterator_prototype,
    ];
    vm.defer_contents(&members, install_contents);
}

/// Installs the properties of the iterator prototypes (`super::iterators`), then of
/// `Iterator` and the iterator helpers, then %IteratorPrototype%[Symbol.dispose]
/// (`super::disposable`), in the order of eager installation (on first touch, see
/// `crate::deferred_contents`).
fn install_contents(vm: &mut Vm) {
    super::iterators::install_contents(vm);
    let prototype = vm.intrinsics.iterator_prototype;
    let constructor = vm.intrinsics.iterator_constructor;
    method(vm, constructor, "from", 1, iterator_from);
    method(vm, constructor, "concat", 0, iterator_concat);
    method(vm, constructor, "zip", 1, super::iterator_zip::iterator_zip);
    method(
        vm,
        constructor,
        "zipKeyed",
        1,
        super::iterator_zip::iterator_zip_keyed,
    );

    // `constructor` and `@@toStringTag` are accessors whose setters ignore the prototype.
    let constructor_getter = vm.new_native_function(
        "get constructor",
        0,
        |vm, _, _| Ok(Value::Object(vm.intrinsics.iterator_constructor)),
        false,
    );
    let constructor_setter = vm.new_native_function(
        "set constructor",
        1,
        |vm, this, args| {
            let value = args.get(vm, 0);
            setter_that_ignores_prototype_properties(
                vm,
                this,
                PropertyKey::Atom(atoms::CONSTRUCTOR),
                value,
            )
        },
        false,
    );
    vm.define_accessor_property(
        prototype,
        PropertyKey::Atom(atoms::CONSTRUCTOR),
        Value::Object(constructor_getter),
        Value::Object(constructor_setter),
        false,
        true,
    );
    let tag_getter = vm.new_native_function(
        "get [Symbol.toStringTag]",
        0,
        |vm, _, _| Ok(super::string_value(vm, "Iterator")),
        false,
    );
    let tag_setter = vm.new_native_function(
        "set [Symbol.toStringTag]",
        1,
        |vm, this, args| {
            let value = args.get(vm, 0);
            let key = PropertyKey::Symbol(vm.intrinsics.symbols.to_string_tag);
            setter_that_ignores_prototype_properties(vm, this, key, value)
        },
        false,
    );
    let tag_symbol = vm.intrinsics.symbols.to_string_tag;
    vm.define_accessor_property(
        prototype,
        PropertyKey::Symbol(tag_symbol),
        Value::Object(tag_getter),
        Value::Object(tag_setter),
        false,
        true,
    );

    method(vm, prototype, "map", 1, |vm, this, args| {
        create_callback_helper(vm, this, &args, IteratorHelperKind::Map)
    });
    method(vm, prototype, "filter", 1, |vm, this, args| {
        create_callback_helper(vm, this, &args, IteratorHelperKind::Filter)
    });
    method(vm, prototype, "take", 1, |vm, this, args| {
        create_limit_helper(vm, this, &args, IteratorHelperKind::Take)
    });
    method(vm, prototype, "drop", 1, |vm, this, args| {
        create_limit_helper(vm, this, &args, IteratorHelperKind::Drop)
    });
    method(vm, prototype, "flatMap", 1, |vm, this, args| {
        create_callback_helper(vm, this, &args, IteratorHelperKind::FlatMap)
    });
    method(vm, prototype, "reduce", 1, iterator_reduce);
    method(vm, prototype, "toArray", 0, iterator_to_array);
    method(vm, prototype, "forEach", 1, |vm, this, args| {
        consume_with_callback(vm, this, &args, Consumer::ForEach)
    });
    method(vm, prototype, "some", 1, |vm, this, args| {
        consume_with_callback(vm, this, &args, Consumer::Some)
    });
    method(vm, prototype, "every", 1, |vm, this, args| {
        consume_with_callback(vm, this, &args, Consumer::Every)
    });
    method(vm, prototype, "find", 1, |vm, this, args| {
        consume_with_callback(vm, this, &args, Consumer::Find)
    });

    let helper_prototype = vm.intrinsics.iterator_helper_prototype;
    method(vm, helper_prototype, "next", 0, helper_next);
    method(vm, helper_prototype, "return", 0, helper_return);
    to_string_tag(vm, helper_prototype, "Iterator Helper");

    let wrap_prototype = vm.intrinsics.wrap_for_valid_iterator_prototype;
    method(vm, wrap_prototype, "next", 0, wrapper_next);
    method(vm, wrap_prototype, "return", 0, wrapper_return);
    super::disposable::install_iterator_dispose(vm);
}

/// SetterThatIgnoresPrototypeProperties(this, %Iterator.prototype%, key, value).
fn setter_that_ignores_prototype_properties(
    vm: &mut Vm,
    this: Value,
    key: PropertyKey,
    value: Value,
) -> JsResult<Value> {
    let Value::Object(object) = this else {
        return vm.throw_type_error("Iterator.prototype setter called on a non-object");
    };
    if object == vm.intrinsics.iterator_prototype {
        return vm.throw_type_error("Cannot assign to this property of Iterator.prototype");
    }
    if vm.get_own_property(object, key)?.is_none() {
        vm.create_data_property_or_throw(object, key, value)?;
    } else if !vm.set(object, key, value, this)? {
        let key_text = vm.property_key_to_rust(key);
        return vm.throw_type_error(&format!("Cannot assign to read only property '{key_text}'"));
    }
    Ok(Value::Undefined)
}

fn iterator_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let new_target = args.new_target();
    if new_target.is_undefined() || new_target.is_identical(Value::Object(args.callee())) {
        return vm.throw_type_error("Abstract class Iterator not directly constructable");
    }
    let default_prototype = vm.intrinsics.iterator_prototype;
    let prototype = vm.get_prototype_from_constructor(new_target, default_prototype)?;
    Ok(Value::Object(
        vm.alloc_object(Some(prototype), ObjectKind::Ordinary),
    ))
}

fn iter_result(vm: &mut Vm, value: Value, done: bool) -> Value {
    Value::Object(vm.create_iter_result_object(value, done))
}

/// GetIteratorDirect(object).
fn get_iterator_direct(vm: &mut Vm, object: ObjectRef) -> JsResult<IteratorRecord> {
    let next_method = vm.get(object, PropertyKey::Atom(atoms::NEXT))?;
    Ok(IteratorRecord {
        iterator: object,
        next_method,
        done: false,
    })
}

/// GetIteratorFlattenable(value, primitive handling).
fn get_iterator_flattenable(
    vm: &mut Vm,
    value: Value,
    iterate_strings: bool,
) -> JsResult<IteratorRecord> {
    match value {
        Value::Object(_) => {}
        Value::String(_) if iterate_strings => {}
        _ => return vm.throw_type_error("value is not an iterable or an iterator object"),
    }
    let iterator_symbol = vm.intrinsics.symbols.iterator;
    let iterator = match vm.get_method(value, PropertyKey::Symbol(iterator_symbol))? {
        None => value,
        Some(method) => vm.call(method, value, &[])?,
    };
    let Value::Object(iterator) = iterator else {
        return vm.throw_type_error("the iterator method returned a non-object");
    };
    get_iterator_direct(vm, iterator)
}

/// The record for a receiver before its `next` method is read (argument validation closes
/// the receiver with this record).
fn unread_record(object: ObjectRef) -> IteratorRecord {
    IteratorRecord {
        iterator: object,
        next_method: Value::Undefined,
        done: false,
    }
}

fn receiver_object(vm: &mut Vm, this: Value, name: &str) -> JsResult<ObjectRef> {
    match this {
        Value::Object(object) => Ok(object),
        _ => vm.throw_type_error(&format!("Iterator.prototype.{name} called on a non-object")),
    }
}

fn new_helper(
    vm: &mut Vm,
    kind: IteratorHelperKind,
    values: Vec<Value>,
    counter: f64,
) -> ObjectRef {
    let prototype = vm.intrinsics.iterator_helper_prototype;
    vm.alloc_object(
        Some(prototype),
        ObjectKind::Internal(Box::new(InternalData {
            tag: InternalTag::IteratorHelper(kind),
            values,
            counter,
            state: SUSPENDED_START,
        })),
    )
}

/// `map`, `filter` and `flatMap`: validate the callback, then create the helper.
fn create_callback_helper(
    vm: &mut Vm,
    this: Value,
    args: &Args,
    kind: IteratorHelperKind,
) -> JsResult<Value> {
    let name = match kind {
        IteratorHelperKind::Map => "map",
        IteratorHelperKind::Filter => "filter",
        _ => "flatMap",
    };
    let object = receiver_object(vm, this, name)?;
    let callback = args.get(vm, 0);
    if !vm.is_callable(callback) {
        let error = vm.new_type_error(&format!("{name}: the callback is not a function"));
        return Err(vm.iterator_close_on_error(&unread_record(object), error));
    }
    let record = get_iterator_direct(vm, object)?;
    let values = vec![
        Value::Object(record.iterator),
        record.next_method,
        callback,
        Value::Undefined,
        Value::Undefined,
    ];
    Ok(Value::Object(new_helper(vm, kind, values, 0.0)))
}

/// `take` and `drop`: validate the limit, then create the helper.
fn create_limit_helper(
    vm: &mut Vm,
    this: Value,
    args: &Args,
    kind: IteratorHelperKind,
) -> JsResult<Value> {
    let name = if kind == IteratorHelperKind::Take {
        "take"
    } else {
        "drop"
    };
    let object = receiver_object(vm, this, name)?;
    let limit = args.get(vm, 0);
    let number = match vm.to_number(limit) {
        Ok(number) => number,
        Err(error) => return Err(vm.iterator_close_on_error(&unread_record(object), error)),
    };
    if number.is_nan() {
        let error = vm.new_range_error(&format!("{name}: the limit is NaN"));
        return Err(vm.iterator_close_on_error(&unread_record(object), error));
    }
    if number.is_finite() && number > 9_007_199_254_740_991.0 {
        let error = vm.new_range_error(&format!("{name}: the limit is too large"));
        return Err(vm.iterator_close_on_error(&unread_record(object), error));
    }
    let limit = crate::conversions::integer_or_infinity(number);
    if limit < 0.0 {
        let error = vm.new_range_error(&format!("{name}: the limit is negative"));
        return Err(vm.iterator_close_on_error(&unread_record(object), error));
    }
    let record = get_iterator_direct(vm, object)?;
    let values = vec![
        Value::Object(record.iterator),
        record.next_method,
        Value::Undefined,
        Value::Undefined,
        Value::Undefined,
    ];
    Ok(Value::Object(new_helper(vm, kind, values, limit)))
}

fn iterator_concat(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let scope = vm.open_handle_scope();
    let mut values = vec![Value::Undefined, Value::Undefined];
    let iterator_symbol = vm.intrinsics.symbols.iterator;
    for index in 0..args.len() {
        let item = args.get(vm, index);
        if !item.is_object() {
            return vm.throw_type_error("Iterator.concat: an argument is not an object");
        }
        let Some(method) = vm.get_method(item, PropertyKey::Symbol(iterator_symbol))? else {
            return vm.throw_type_error("Iterator.concat: an argument is not iterable");
        };
        vm.root(method);
        values.push(item);
        values.push(method);
    }
    let helper = new_helper(vm, IteratorHelperKind::Concat, values, 0.0);
    vm.close_handle_scope(scope);
    Ok(Value::Object(helper))
}

fn iterator_from(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let value = args.get(vm, 0);
    let record = get_iterator_flattenable(vm, value, true)?;
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(record.iterator));
    vm.root(record.next_method);
    let constructor = Value::Object(vm.intrinsics.iterator_constructor);
    if vm.ordinary_has_instance(constructor, Value::Object(record.iterator))? {
        vm.close_handle_scope(scope);
        return Ok(Value::Object(record.iterator));
    }
    let prototype = vm.intrinsics.wrap_for_valid_iterator_prototype;
    let wrapper = vm.alloc_object(
        Some(prototype),
        ObjectKind::Internal(Box::new(InternalData {
            tag: InternalTag::WrappedIterator,
            values: vec![Value::Object(record.iterator), record.next_method],
            counter: 0.0,
            state: 0,
        })),
    );
    vm.close_handle_scope(scope);
    Ok(Value::Object(wrapper))
}

fn wrapped_record(vm: &mut Vm, this: Value) -> JsResult<(Value, Value)> {
    if let Value::Object(object) = this
        && let ObjectKind::Internal(data) = &vm.object(object).kind
        && data.tag == InternalTag::WrappedIterator
    {
        return Ok((data.values[0], data.values[1]));
    }
    vm.throw_type_error("not a wrapped iterator (%WrapForValidIteratorPrototype%)")
}

fn wrapper_next(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let (iterator, next_method) = wrapped_record(vm, this)?;
    vm.call(next_method, iterator, &[])
}

fn wrapper_return(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let (iterator, _) = wrapped_record(vm, this)?;
    match vm.get_method(iterator, PropertyKey::Atom(atoms::RETURN))? {
        None => Ok(iter_result(vm, Value::Undefined, true)),
        Some(return_method) => vm.call(return_method, iterator, &[]),
    }
}

// ----- Iterator Helper objects -----

/// The helper's kind, or a TypeError when `this` is not an Iterator Helper.
fn helper_kind(vm: &mut Vm, this: Value) -> JsResult<(ObjectRef, IteratorHelperKind)> {
    if let Value::Object(object) = this
        && let ObjectKind::Internal(data) = &vm.object(object).kind
        && let InternalTag::IteratorHelper(kind) = data.tag
    {
        return Ok((object, kind));
    }
    vm.throw_type_error("not an Iterator Helper object")
}

pub(super) fn helper_data(vm: &Vm, helper: ObjectRef) -> &InternalData {
    match &vm.object(helper).kind {
        ObjectKind::Internal(data) => data,
        _ => unreachable!("helper_kind validated the object"),
    }
}

pub(super) fn helper_data_mut(vm: &mut Vm, helper: ObjectRef) -> &mut InternalData {
    match &mut vm.object_mut(helper).kind {
        ObjectKind::Internal(data) => data,
        _ => unreachable!("helper_kind validated the object"),
    }
}

fn set_generator_state(vm: &mut Vm, helper: ObjectRef, state: u32) {
    let data = helper_data_mut(vm, helper);
    data.state = (data.state & !STATE_MASK) | state;
}

/// The record stored at `values[position]` (iterator) and `values[position + 1]` (next).
fn stored_record(vm: &Vm, helper: ObjectRef, position: usize) -> IteratorRecord {
    let data = helper_data(vm, helper);
    let iterator = match data.values.get(position) {
        Some(Value::Object(object)) => *object,
        _ => helper,
    };
    IteratorRecord {
        iterator,
        next_method: data
            .values
            .get(position + 1)
            .copied()
            .unwrap_or(Value::Undefined),
        done: false,
    }
}

fn helper_next(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let (helper, kind) = helper_kind(vm, this)?;
    match helper_data(vm, helper).state & STATE_MASK {
        EXECUTING => return vm.throw_type_error("Generator is already running"),
        COMPLETED => return Ok(iter_result(vm, Value::Undefined, true)),
        _ => {}
    }
    set_generator_state(vm, helper, EXECUTING);
    let scope = vm.open_handle_scope();
    let outcome = helper_step(vm, helper, kind);
    vm.close_handle_scope(scope);
    match outcome {
        Ok(Some(value)) => {
            set_generator_state(vm, helper, SUSPENDED_YIELD);
            Ok(iter_result(vm, value, false))
        }
        Ok(None) => {
            set_generator_state(vm, helper, COMPLETED);
            Ok(iter_result(vm, Value::Undefined, true))
        }
        Err(error) => {
            set_generator_state(vm, helper, COMPLETED);
            Err(error)
        }
    }
}

/// IteratorStep: the next result object, or `None` when done (the value is not read).
fn iterator_step(vm: &mut Vm, record: &IteratorRecord) -> JsResult<bool> {
    let result = vm.call(record.next_method, Value::Object(record.iterator), &[])?;
    let Value::Object(result) = result else {
        return vm.throw_type_error("Iterator result is not an object");
    };
    let done = vm.get(result, PropertyKey::Atom(atoms::DONE))?;
    Ok(!vm.to_boolean(done))
}

/// Runs the helper's closure until its next yield (`Some`) or its end (`None`).
fn helper_step(
    vm: &mut Vm,
    helper: ObjectRef,
    kind: IteratorHelperKind,
) -> JsResult<Option<Value>> {
    match kind {
        IteratorHelperKind::Map => {
            let mut record = stored_record(vm, helper, 0);
            let Some(value) = vm.iterator_step_value(&mut record)? else {
                return Ok(None);
            };
            let (callback, counter) = {
                let data = helper_data(vm, helper);
                (data.values[2], data.counter)
            };
            let mapped = match vm.call(callback, Value::Undefined, &[value, Value::Number(counter)])
            {
                Ok(mapped) => mapped,
                Err(error) => return Err(vm.iterator_close_on_error(&record, error)),
            };
            helper_data_mut(vm, helper).counter = counter + 1.0;
            Ok(Some(mapped))
        }
        IteratorHelperKind::Filter => loop {
            let mut record = stored_record(vm, helper, 0);
            let Some(value) = vm.iterator_step_value(&mut record)? else {
                return Ok(None);
            };
            vm.root(value);
            let (callback, counter) = {
                let data = helper_data(vm, helper);
                (data.values[2], data.counter)
            };
            let selected =
                match vm.call(callback, Value::Undefined, &[value, Value::Number(counter)]) {
                    Ok(selected) => selected,
                    Err(error) => return Err(vm.iterator_close_on_error(&record, error)),
                };
            helper_data_mut(vm, helper).counter = counter + 1.0;
            if vm.to_boolean(selected) {
                return Ok(Some(value));
            }
        },
        IteratorHelperKind::Take => {
            let mut record = stored_record(vm, helper, 0);
            let remaining = helper_data(vm, helper).counter;
            if remaining == 0.0 {
                vm.iterator_close(&record)?;
                return Ok(None);
            }
            if remaining != f64::INFINITY {
                helper_data_mut(vm, helper).counter = remaining - 1.0;
            }
            vm.iterator_step_value(&mut record)
        }
        IteratorHelperKind::Drop => {
            let mut record = stored_record(vm, helper, 0);
            loop {
                let remaining = helper_data(vm, helper).counter;
                if remaining <= 0.0 {
                    break;
                }
                if remaining != f64::INFINITY {
                    helper_data_mut(vm, helper).counter = remaining - 1.0;
                }
                if !iterator_step(vm, &record)? {
                    return Ok(None);
                }
            }
            vm.iterator_step_value(&mut record)
        }
        IteratorHelperKind::FlatMap => loop {
            let outer = stored_record(vm, helper, 0);
            if helper_data(vm, helper).state & INNER_ACTIVE != 0 {
                let mut inner = stored_record(vm, helper, 3);
                match vm.iterator_step_value(&mut inner) {
                    Ok(Some(value)) => return Ok(Some(value)),
                    Ok(None) => {
                        helper_data_mut(vm, helper).state &= !INNER_ACTIVE;
                        continue;
                    }
                    Err(error) => return Err(vm.iterator_close_on_error(&outer, error)),
                }
            }
            let mut record = outer;
            let Some(value) = vm.iterator_step_value(&mut record)? else {
                return Ok(None);
            };
            let (callback, counter) = {
                let data = helper_data(vm, helper);
                (data.values[2], data.counter)
            };
            let mapped = match vm.call(callback, Value::Undefined, &[value, Value::Number(counter)])
            {
                Ok(mapped) => mapped,
                Err(error) => return Err(vm.iterator_close_on_error(&outer, error)),
            };
            vm.root(mapped);
            let inner = match get_iterator_flattenable(vm, mapped, false) {
                Ok(inner) => inner,
                Err(error) => return Err(vm.iterator_close_on_error(&outer, error)),
            };
            let data = helper_data_mut(vm, helper);
            data.counter = counter + 1.0;
            data.values[3] = Value::Object(inner.iterator);
            data.values[4] = inner.next_method;
            data.state |= INNER_ACTIVE;
        },
        IteratorHelperKind::Zip => super::iterator_zip::zip_step(vm, helper),
        IteratorHelperKind::Concat => loop {
            if helper_data(vm, helper).state & INNER_ACTIVE != 0 {
                let mut inner = stored_record(vm, helper, 0);
                match vm.iterator_step_value(&mut inner)? {
                    Some(value) => return Ok(Some(value)),
                    None => {
                        helper_data_mut(vm, helper).state &= !INNER_ACTIVE;
                        continue;
                    }
                }
            }
            let (item, open_method, index) = {
                let data = helper_data(vm, helper);
                let index = data.counter as usize;
                let position = 2 + 2 * index;
                if position + 1 >= data.values.len() {
                    return Ok(None);
                }
                (data.values[position], data.values[position + 1], index)
            };
            helper_data_mut(vm, helper).counter = (index + 1) as f64;
            let iterator = vm.call(open_method, item, &[])?;
            let Value::Object(iterator) = iterator else {
                return vm.throw_type_error(
                    "Iterator.concat: the iterator method returned a non-object",
                );
            };
            vm.root(Value::Object(iterator));
            let inner = get_iterator_direct(vm, iterator)?;
            let data = helper_data_mut(vm, helper);
            data.values[0] = Value::Object(inner.iterator);
            data.values[1] = inner.next_method;
            data.state |= INNER_ACTIVE;
        },
    }
}

fn helper_return(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let (helper, kind) = helper_kind(vm, this)?;
    let state = helper_data(vm, helper).state;
    match state & STATE_MASK {
        EXECUTING => return vm.throw_type_error("Generator is already running"),
        COMPLETED => return Ok(iter_result(vm, Value::Undefined, true)),
        SUSPENDED_START => {
            set_generator_state(vm, helper, COMPLETED);
            if kind == IteratorHelperKind::Zip {
                super::iterator_zip::zip_return(vm, helper)?;
            } else if kind != IteratorHelperKind::Concat {
                let record = stored_record(vm, helper, 0);
                vm.iterator_close(&record)?;
            }
            return Ok(iter_result(vm, Value::Undefined, true));
        }
        _ => {}
    }
    set_generator_state(vm, helper, EXECUTING);
    let inner_active = state & INNER_ACTIVE != 0;
    let outcome = match kind {
        IteratorHelperKind::Zip => super::iterator_zip::zip_return(vm, helper),
        IteratorHelperKind::Concat => {
            if inner_active {
                let inner = stored_record(vm, helper, 0);
                vm.iterator_close(&inner)
            } else {
                Ok(())
            }
        }
        IteratorHelperKind::FlatMap if inner_active => {
            let inner = stored_record(vm, helper, 3);
            let outer = stored_record(vm, helper, 0);
            match vm.iterator_close(&inner) {
                Ok(()) => vm.iterator_close(&outer),
                Err(error) => Err(vm.iterator_close_on_error(&outer, error)),
            }
        }
        _ => {
            let outer = stored_record(vm, helper, 0);
            vm.iterator_close(&outer)
        }
    };
    set_generator_state(vm, helper, COMPLETED);
    outcome?;
    Ok(iter_result(vm, Value::Undefined, true))
}

// ----- consuming methods -----

fn iterator_reduce(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let object = receiver_object(vm, this, "reduce")?;
    let reducer = args.get(vm, 0);
    if !vm.is_callable(reducer) {
        let error = vm.new_type_error("reduce: the reducer is not a function");
        return Err(vm.iterator_close_on_error(&unread_record(object), error));
    }
    let mut record = get_iterator_direct(vm, object)?;
    let scope = vm.open_handle_scope();
    vm.root(record.next_method);
    let (mut accumulator, mut counter) = if args.len() < 2 {
        match vm.iterator_step_value(&mut record)? {
            Some(first) => (first, 1.0),
            None => {
                return vm.throw_type_error("Reduce of empty iterator with no initial value");
            }
        }
    } else {
        (args.get(vm, 1), 0.0)
    };
    loop {
        vm.root(accumulator);
        let Some(value) = vm.iterator_step_value(&mut record)? else {
            vm.close_handle_scope(scope);
            return Ok(accumulator);
        };
        accumulator = match vm.call(
            reducer,
            Value::Undefined,
            &[accumulator, value, Value::Number(counter)],
        ) {
            Ok(result) => result,
            Err(error) => return Err(vm.iterator_close_on_error(&record, error)),
        };
        counter += 1.0;
    }
}

fn iterator_to_array(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let object = receiver_object(vm, this, "toArray")?;
    let mut record = get_iterator_direct(vm, object)?;
    let scope = vm.open_handle_scope();
    vm.root(record.next_method);
    let start = vm.handles.len();
    while let Some(value) = vm.iterator_step_value(&mut record)? {
        vm.root(value);
    }
    let values = vm.handles[start..].to_vec();
    let array = vm.new_array(values);
    vm.close_handle_scope(scope);
    Ok(Value::Object(array))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Consumer {
    ForEach,
    Some,
    Every,
    Find,
}

fn consume_with_callback(
    vm: &mut Vm,
    this: Value,
    args: &Args,
    consumer: Consumer,
) -> JsResult<Value> {
    let name = match consumer {
        Consumer::ForEach => "forEach",
        Consumer::Some => "some",
        Consumer::Every => "every",
        Consumer::Find => "find",
    };
    let object = receiver_object(vm, this, name)?;
    let callback = args.get(vm, 0);
    if !vm.is_callable(callback) {
        let error = vm.new_type_error(&format!("{name}: the callback is not a function"));
        return Err(vm.iterator_close_on_error(&unread_record(object), error));
    }
    let mut record = get_iterator_direct(vm, object)?;
    let scope = vm.open_handle_scope();
    vm.root(record.next_method);
    let mut counter = 0.0;
    loop {
        let Some(value) = vm.iterator_step_value(&mut record)? else {
            vm.close_handle_scope(scope);
            return Ok(match consumer {
                Consumer::ForEach | Consumer::Find => Value::Undefined,
                Consumer::Some => Value::FALSE,
                Consumer::Every => Value::TRUE,
            });
        };
        vm.root(value);
        let result = match vm.call(callback, Value::Undefined, &[value, Value::Number(counter)]) {
            Ok(result) => result,
            Err(error) => return Err(vm.iterator_close_on_error(&record, error)),
        };
        let truthy = vm.to_boolean(result);
        let answer = match consumer {
            Consumer::ForEach => None,
            Consumer::Some => truthy.then_some(Value::TRUE),
            Consumer::Every => (!truthy).then_some(Value::FALSE),
            Consumer::Find => truthy.then_some(value),
        };
        if let Some(answer) = answer {
            vm.iterator_close(&record)?;
            vm.close_handle_scope(scope);
            return Ok(answer);
        }
        counter += 1.0;
    }
}
