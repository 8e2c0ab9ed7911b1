//! The calling convention: pushing a bytecode frame (the prologue), returning from one, and
//! calling any callee value from the dispatch loop.
//!
//! Register protocol (team contract, see BRIEF.md): the caller puts `callee, this, args...` in
//! `R[c], R[c+1], R[c+2..]`; the callee's window starts at the caller's `c + 1`, so in the
//! callee `R[0]` is `this` and `R[1..=argc]` the arguments. Nothing is copied: the callee
//! frame's `base` is simply the absolute index of the caller's `R[c+1]`.
//!
//! Stack length protocol: while a bytecode frame is innermost, `vm.stack.len()` equals
//! `frame.base + register_count`. Entering a callee truncates the stack to the kept arguments
//! and extends it with `undefined` up to the callee's register count (this is the prologue's
//! "fill with undefined"; it also clears extra arguments). Returning resizes the stack back to
//! the caller's window. Registers of the caller above the call window are dead at a call
//! (compiler contract), so truncating them is safe.
//!
//! Performance decisions: a call allocates nothing on the Rust heap (the `Frame` vector and
//! the register stack grow by doubling and are reused); the prologue's special cases
//! (`arguments`, rest, `this` coercion, construct) are behind one flag test each.

use tseval_compiler::bytecode::FunctionFlags;

use super::{Frame, frame_flags};
use crate::atom::{PropertyKey, atoms};
use crate::elements::ElementVector;
use crate::function::{Args, ClosureData};
use crate::object::ObjectKind;
use crate::realm::Vm;
use crate::shape::Attributes;
use crate::value::{JsResult, ObjectRef, Value};

/// Grows the register stack to `new_length` slots, filling the new ones with `undefined`
/// (callers truncate first when the window shrinks).
///
/// Performance decision: this is `Vec::resize` written out so that it is always inlined into
/// the call and return paths of the dispatch loop. The compiler inlined `Vec::resize` there
/// or not depending on unrelated changes elsewhere in `dispatch::run`; out of line it cost
/// fib.js 161 M instructions (14%, callgrind), a function call and its checks per JS call.
#[inline(always)]
pub(crate) fn grow_register_stack(stack: &mut Vec<Value>, new_length: usize) {
    let length = stack.len();
    if new_length <= length {
        return;
    }
    let additional = new_length - length;
    if stack.capacity() - length < additional {
        stack.reserve(additional);
    }
    for slot in &mut stack.spare_capacity_mut()[..additional] {
        slot.write(Value::Undefined);
    }
    // SAFETY: the capacity holds `new_length` values (reserved above) and the `additional`
    // slots past the old length were initialised by the loop.
    unsafe { stack.set_len(new_length) };
}

/// Enters a closure from Rust (`Vm::call` / `Vm::construct` / `run_script`): the frame gets the
/// [`frame_flags::ENTRY`] flag so that its `Return` leaves the dispatch loop.
pub(crate) fn enter_closure_from_native(
    vm: &mut Vm,
    callee: ObjectRef,
    base: usize,
    argc: usize,
    new_target: Value,
) -> JsResult<Option<Value>> {
    let closure = match &vm.object(callee).kind {
        ObjectKind::Closure(closure) => *closure,
        _ => return Err(vm.new_type_error("internal error: call_closure on a non-closure")),
    };
    push_closure_frame(
        vm,
        callee,
        closure,
        base,
        argc,
        new_target,
        0,
        frame_flags::ENTRY,
    )
}

/// Pushes a frame for a bytecode closure whose window starts at `base` (`vm.stack[base]` is
/// `this`, the next `argc` values the arguments) and runs the prologue.
///
/// Requires `vm.stack.len() >= base + 1 + argc`. On success with `None` the new frame is
/// innermost and `vm.stack.len() == base + register_count`. `Some(value)` means the call
/// completed during the prologue (a generator function returns its generator object); the
/// frame was then popped again and the caller's window restored. On failure no frame was
/// pushed.
#[allow(clippy::too_many_arguments)]
pub(crate) fn push_closure_frame(
    vm: &mut Vm,
    callee: ObjectRef,
    closure: ClosureData,
    base: usize,
    argc: usize,
    new_target: Value,
    return_register: u16,
    mut flags: u8,
) -> JsResult<Option<Value>> {
    if vm.interpreter.frames.len() >= vm.interpreter.max_frames {
        return Err(vm.new_range_error("Maximum call stack size exceeded"));
    }
    let function = vm.interpreter.function(closure.code);
    let function_flags = function.flags;
    let param_count = usize::from(function.param_count);
    let register_count = usize::from(function.register_count);
    let rest_register = function.template.rest_register;
    let arguments_register = function.template.arguments_register;
    const SPECIAL: u32 = FunctionFlags::CLASS_CONSTRUCTOR.0
        | FunctionFlags::USES_ARGUMENTS.0
        | FunctionFlags::HAS_REST.0
        | FunctionFlags::USES_THIS.0;
    let mut rest_array = None;
    let mut arguments_object = None;
    if !new_target.is_undefined() {
        flags |= frame_flags::CONSTRUCT;
        if function_flags.contains(FunctionFlags::DERIVED) {
            vm.stack[base] = Value::Hole;
        } else {
            let default_prototype = vm.intrinsics.object_prototype;
            let prototype = vm.get_prototype_from_constructor(new_target, default_prototype)?;
            let capacity = construct_slot_hint(vm, new_target);
            let root_shape = vm.intrinsics.root_shape;
            let receiver = vm.alloc_object_with_shape(
                root_shape,
                Some(prototype),
                ObjectKind::Ordinary,
                crate::object::SlotStorage::with_capacity(capacity),
            );
            vm.stack[base] = Value::Object(receiver);
        }
    } else if function_flags.0 & SPECIAL != 0 {
        if function_flags.contains(FunctionFlags::CLASS_CONSTRUCTOR) {
            let name = vm.string_to_rust(vm.interpreter.function(closure.code).name);
            return Err(vm.new_type_error(&format!(
                "Class constructor {name} cannot be invoked without 'new'"
            )));
        }
        if function_flags.contains(FunctionFlags::USES_THIS)
            && !function_flags.contains(FunctionFlags::STRICT)
            && !function_flags.contains(FunctionFlags::ARROW)
        {
            let this = vm.stack[base];
            vm.stack[base] = match this {
                Value::Undefined | Value::Null => Value::Object(vm.global_object_escaping()),
                Value::Object(_) => this,
                primitive => Value::Object(vm.to_object(primitive)?),
            };
        }
    }
    if function_flags.0 & (FunctionFlags::USES_ARGUMENTS.0 | FunctionFlags::HAS_REST.0) != 0 {
        if rest_register.is_some() {
            let rest: Vec<Value> = if argc > param_count {
                vm.stack[base + 1 + param_count..base + 1 + argc].to_vec()
            } else {
                Vec::new()
            };
            rest_array = Some(vm.new_array(rest));
        }
        if arguments_register.is_some() {
            arguments_object = Some(create_arguments_object(
                vm,
                callee,
                base,
                argc,
                function_flags,
            ));
        }
    }
    let kept = argc.min(param_count);
    vm.stack.truncate(base + 1 + kept);
    grow_register_stack(&mut vm.stack, base + register_count);
    if let (Some(array), Some(register)) = (rest_array, rest_register) {
        vm.stack[base + usize::from(register.0)] = Value::Object(array);
    }
    if let (Some(arguments), Some(register)) = (arguments_object, arguments_register) {
        vm.stack[base + usize::from(register.0)] = Value::Object(arguments);
    }
    let handles_len = vm.handles.len() as u32;
    vm.interpreter.frames.push(Frame {
        code: closure.code,
        callee,
        env: closure.environment(),
        new_target: new_target.as_object(),
        base: base as u32,
        pc: 0,
        handles_len,
        scope_depth: 0,
        return_register,
        flags,
    });
    if function_flags.0 & (FunctionFlags::GENERATOR.0 | FunctionFlags::ASYNC.0) != 0 {
        let result = if !function_flags.contains(FunctionFlags::ASYNC) {
            super::generators::create_generator_from_top_frame(vm)
        } else if !function_flags.contains(FunctionFlags::GENERATOR) {
            super::generators::start_async_function(vm)
        } else {
            super::async_generators::create_async_generator_from_top_frame(vm)
        };
        if flags & frame_flags::ENTRY == 0 {
            restore_caller_window(vm);
        }
        return result.map(Some);
    }
    // A call is a GC safepoint: every live value is now in registers or frames.
    if vm.should_collect_garbage() {
        vm.collect_due_garbage();
    }
    Ok(None)
}

/// The slot-capacity hint for a receiver constructed with `new_target` (see
/// `LinkedFunction::construct_slot_hint`).
fn construct_slot_hint(vm: &Vm, new_target: Value) -> usize {
    match new_target {
        Value::Object(target) => match &vm.object(target).kind {
            ObjectKind::Closure(closure) => usize::from(
                vm.interpreter
                    .function(closure.code)
                    .construct_slot_hint
                    .get(),
            ),
            _ => 0,
        },
        _ => 0,
    }
}

/// Records the slot count of a constructed object in new.target's hint (bounded, so one
/// dictionary-sized object cannot make every later receiver huge).
fn record_construct_slots(vm: &Vm, new_target: Option<ObjectRef>, result: Value) {
    const MAX_HINT: usize = 64;
    let (Some(target), Value::Object(object)) = (new_target, result) else {
        return;
    };
    let ObjectKind::Closure(closure) = &vm.object(target).kind else {
        return;
    };
    let slots = vm.object(object).slots.len().min(MAX_HINT) as u16;
    let hint = &vm.interpreter.function(closure.code).construct_slot_hint;
    if slots > hint.get() {
        hint.set(slots);
    }
}

/// Resizes the register stack to the innermost frame's window.
pub(crate) fn restore_caller_window(vm: &mut Vm) {
    if let Some(frame) = vm.interpreter.frames.last() {
        let top =
            frame.base as usize + usize::from(vm.interpreter.function(frame.code).register_count);
        vm.stack.resize(top, Value::Undefined);
    }
}

/// Builds an unmapped arguments object from `vm.stack[base + 1 ..= base + argc]`.
fn create_arguments_object(
    vm: &mut Vm,
    callee: ObjectRef,
    base: usize,
    argc: usize,
    flags: FunctionFlags,
) -> ObjectRef {
    let elements = ElementVector::from_slice(&vm.stack[base + 1..base + 1 + argc]);
    let prototype = vm.intrinsics.object_prototype;
    let arguments = vm.alloc_object(Some(prototype), ObjectKind::Arguments);
    vm.object_mut(arguments).elements = elements;
    vm.define_data_property(
        arguments,
        PropertyKey::Atom(atoms::LENGTH),
        Value::Number(argc as f64),
        Attributes::HIDDEN_DATA,
    );
    let iterator_key = PropertyKey::Symbol(vm.intrinsics.symbols.iterator);
    let array_prototype = vm.intrinsics.array_prototype;
    // %Array.prototype.values% must exist before it is read (see `crate::deferred_contents`).
    vm.ensure_contents_installed(array_prototype);
    if let Some(values) =
        vm.get_data_property_no_side_effects(array_prototype, PropertyKey::Atom(atoms::VALUES))
    {
        vm.define_data_property(arguments, iterator_key, values, Attributes::HIDDEN_DATA);
    }
    if flags.contains(FunctionFlags::STRICT) {
        let thrower = Value::Object(vm.intrinsics.throw_type_error);
        let descriptor =
            crate::object::PropertyDescriptor::accessor(thrower, thrower, false, false);
        vm.define_property_or_ignore(arguments, PropertyKey::Atom(atoms::CALLEE), descriptor);
    } else {
        vm.define_data_property(
            arguments,
            PropertyKey::Atom(atoms::CALLEE),
            Value::Object(callee),
            Attributes::HIDDEN_DATA,
        );
    }
    arguments
}

/// What a call instruction did.
pub(crate) enum CallOutcome {
    /// A bytecode frame was pushed; the dispatch loop continues in it.
    PushedFrame,
    /// The call completed (native or bound callee) with this result.
    Completed(Value),
}

/// Pops the innermost frame after `Return` of the value at absolute stack index
/// `value_index`. Returns `Some(result)` when the frame was an entry frame (the dispatch loop
/// must exit), otherwise writes the result into the caller's return register, restores the
/// caller's stack window, and returns `None`.
///
/// The value is moved as a whole (never destructured) so the copy is one 16-byte move.
#[inline]
pub(crate) fn return_from_frame(vm: &mut Vm, value_index: usize) -> Option<Value> {
    let frame = vm.interpreter.frames.pop()?;
    let mut source = value_index;
    if frame.flags != 0 {
        if frame.flags & frame_flags::CONSTRUCT != 0 && !vm.stack[value_index].is_object() {
            source = frame.base as usize;
        }
        if frame.flags & frame_flags::CONSTRUCT != 0 {
            record_construct_slots(vm, frame.new_target, vm.stack[source]);
        }
        if frame.flags & frame_flags::ENTRY != 0 {
            return Some(vm.stack[source]);
        }
    }
    let result = vm.stack[source];
    let caller = vm.interpreter.frames.last()?;
    let caller_base = caller.base as usize;
    let caller_top = caller_base + usize::from(vm.interpreter.function(caller.code).register_count);
    let destination = caller_base + usize::from(frame.return_register);
    if caller_top <= vm.stack.len() {
        vm.stack.truncate(caller_top);
    } else {
        grow_register_stack(&mut vm.stack, caller_top);
    }
    vm.stack[destination] = result;
    None
}

/// `Call`/`Construct` for any callee: `window` is the absolute index of `R[callee]`; `this`
/// (or new.target for construct) is at `window + 1` and the arguments follow.
pub(crate) fn call_from_window(
    vm: &mut Vm,
    window: usize,
    argc: usize,
    dst: u16,
    construct: bool,
) -> JsResult<CallOutcome> {
    let callee_value = vm.stack[window];
    let Value::Object(callee) = callee_value else {
        return Err(not_callable(vm, callee_value, construct));
    };
    enum Target {
        Closure(ClosureData),
        Native(crate::function::NativeFunction, bool),
        Bound,
        None,
    }
    // A callee of another realm goes through `Vm::call` / `Vm::construct`, which switch the
    // current realm around the call (cold; the same-realm paths pay one compare).
    let target = match &vm.object(callee).kind {
        ObjectKind::Closure(closure) if closure.realm == vm.current_realm => {
            Target::Closure(*closure)
        }
        ObjectKind::NativeFunction(native) if native.realm == vm.current_realm => {
            Target::Native(native.function, native.is_constructor)
        }
        ObjectKind::Closure(_) | ObjectKind::NativeFunction(_) => Target::Bound,
        ObjectKind::BoundFunction(_) => Target::Bound,
        ObjectKind::Proxy(proxy) if proxy.callable => Target::Bound,
        _ => Target::None,
    };
    match target {
        Target::Closure(closure) => {
            let new_target = if construct {
                if !closure.is_constructor {
                    return Err(not_callable(vm, callee_value, true));
                }
                vm.stack[window + 1]
            } else {
                Value::Undefined
            };
            match push_closure_frame(vm, callee, closure, window + 1, argc, new_target, dst, 0)? {
                None => Ok(CallOutcome::PushedFrame),
                Some(value) => Ok(CallOutcome::Completed(value)),
            }
        }
        Target::Native(function, is_constructor) => {
            let (this, new_target) = if construct {
                if !is_constructor {
                    return Err(not_callable(vm, callee_value, true));
                }
                (Value::Undefined, vm.stack[window + 1])
            } else {
                (vm.stack[window + 1], Value::Undefined)
            };
            let args = Args {
                base: (window + 2) as u32,
                count: argc as u32,
                callee,
                new_target,
            };
            let result = vm.call_native_with_args(function, this, args)?;
            Ok(CallOutcome::Completed(result))
        }
        Target::Bound => {
            let arguments = vm.stack[window + 2..window + 2 + argc].to_vec();
            let result = if construct {
                if !vm.is_constructor(callee_value) {
                    return Err(not_callable(vm, callee_value, true));
                }
                let new_target = vm.stack[window + 1];
                vm.construct(callee_value, &arguments, Some(new_target))?
            } else {
                let this = vm.stack[window + 1];
                vm.call(callee_value, this, &arguments)?
            };
            Ok(CallOutcome::Completed(result))
        }
        Target::None => Err(not_callable(vm, callee_value, construct)),
    }
}

/// `CallSpread`/`ConstructSpread`: the arguments are the elements of the array `spread`. The
/// elements are copied above `R[callee+1]` (extending the stack as needed), then the call
/// proceeds as a normal window call.
pub(crate) fn call_spread_from_window(
    vm: &mut Vm,
    window: usize,
    spread: Value,
    dst: u16,
    construct: bool,
) -> JsResult<CallOutcome> {
    let arguments = array_like_elements(vm, spread);
    vm.stack.truncate(window + 2);
    vm.stack.extend_from_slice(&arguments);
    call_from_window(vm, window, arguments.len(), dst, construct)
}

/// `CallSpreadTail`/`ConstructSpreadTail`: replaces the iterable at absolute stack index
/// `position` (the register after the plain arguments) by the values it produces, leaving the
/// stack exactly `position + count` long, and returns `count`.
///
/// Performance decision: an Array whose iteration is the built-in one and which has no holes
/// (see `iteration::is_fast_iterable_array`) yields exactly its elements, so they are copied
/// from the element vector straight onto the register stack: no iterator object, no
/// intermediate array, no `Vec` (`f(...args)` allocates nothing beyond stack growth). Other
/// iterables go through the protocol into a list first; the callee is checked afterwards, as
/// ArgumentListEvaluation comes before the IsCallable test.
pub(crate) fn expand_trailing_spread(vm: &mut Vm, position: usize) -> JsResult<usize> {
    let iterable = vm.stack[position];
    if let Some(array) = super::iteration::is_fast_iterable_array(vm, iterable) {
        let object = vm.heap.objects.get(array);
        let length = match object.kind {
            ObjectKind::Array(data) => data.length as usize,
            _ => usize::MAX,
        };
        let elements = &object.elements;
        if elements.len() == length && !elements.iter().any(|value| value.is_hole()) {
            vm.stack.truncate(position);
            vm.stack.extend_from_slice(elements);
            return Ok(length);
        }
    }
    let values = vm.iterable_to_list(iterable)?;
    vm.stack.truncate(position);
    vm.stack.extend_from_slice(&values);
    Ok(values.len())
}

/// The elements of an array built by `SpreadIntoArray` (holes read as undefined).
pub(crate) fn array_like_elements(vm: &Vm, array: Value) -> Vec<Value> {
    let Value::Object(object) = array else {
        return Vec::new();
    };
    let object = vm.object(object);
    let length = object
        .array_data()
        .map_or(object.elements.len(), |data| data.length as usize);
    let mut values: Vec<Value> = object
        .elements
        .iter()
        .map(|value| value.hole_to_undefined())
        .collect();
    values.resize(length, Value::Undefined);
    values
}

/// The TypeError for a callee that cannot be called (or constructed).
pub(crate) fn not_callable(vm: &mut Vm, value: Value, construct: bool) -> Value {
    if construct {
        let description = vm.describe_value_for_error(value);
        vm.new_type_error(&format!("{description} is not a constructor"))
    } else {
        vm.not_callable_error(value)
    }
}
