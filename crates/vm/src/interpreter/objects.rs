//! The longer instruction semantics that create or shape objects: closures, classes, methods,
//! `super` property access, literals (objects, arrays, template objects, regular expressions),
//! private names, environments, and error-message helpers.
//!
//! These functions run outside the dispatch loop's hot arms. They follow the handler
//! invariants of the parent module: they never keep `&mut` borrows into `vm.stack` across
//! calls, and a heap value held in a Rust local across a call into JavaScript is rooted.

use tseval_compiler::bytecode::FunctionFlags;
use tseval_compiler::opcodes::{Instruction, MethodKind, PrivateKind};

use super::link::{InlineCacheSite, LinkedConstant, LinkedFunction};
use crate::atom::{PropertyKey, atoms};
use crate::function::{ClosureData, CodeId};
use crate::object::{ObjectKind, PropertyDescriptor};
use crate::property::InlineCache;
use crate::realm::Vm;
use crate::shape::Attributes;
use crate::string::JsStringBuilder;
use crate::value::{EnvRef, JsResult, ObjectRef, StringRef, Value};

// ----- constants -----

/// The `CodeId` of a `Constant::Function` (verified bytecode guarantees the class).
#[inline]
pub(crate) fn function_constant(function: &LinkedFunction, index: u16) -> CodeId {
    match function.constants.get(usize::from(index)) {
        Some(LinkedConstant::Function(code)) => *code,
        _ => function.id,
    }
}

/// The description of a direct-eval call site (`Constant::EvalSite`).
pub(crate) fn eval_site_constant(
    function: &LinkedFunction,
    index: u16,
) -> Option<std::rc::Rc<tseval_compiler::bytecode::EvalSite>> {
    match function.constants.get(usize::from(index)) {
        Some(LinkedConstant::EvalSite(site)) => Some(site.clone()),
        _ => None,
    }
}

/// The property key of a `Constant::Name`.
#[inline]
pub(crate) fn name_constant(function: &LinkedFunction, index: u16) -> PropertyKey {
    match function.constants.get(usize::from(index)) {
        Some(LinkedConstant::Key(key)) => *key,
        _ => PropertyKey::Atom(atoms::EMPTY),
    }
}

/// A literal constant as Rust text (for constant error messages).
pub(crate) fn constant_text(vm: &Vm, function: &LinkedFunction, index: u16) -> String {
    match function.constants.get(usize::from(index)) {
        Some(LinkedConstant::Value(Value::String(string))) => vm.string_to_rust(*string),
        Some(LinkedConstant::Key(key)) => vm.property_key_to_rust(*key),
        _ => String::new(),
    }
}

// ----- closures and classes -----

/// The [[Prototype]] of a new closure of the given flags.
fn closure_prototype(vm: &Vm, flags: FunctionFlags) -> ObjectRef {
    if flags.contains(FunctionFlags::GENERATOR) && flags.contains(FunctionFlags::ASYNC) {
        vm.interpreter
            .async_generator_intrinsics
            .map_or(vm.intrinsics.generator_function_prototype, |intrinsics| {
                intrinsics.async_generator_function_prototype
            })
    } else if flags.contains(FunctionFlags::GENERATOR) {
        vm.intrinsics.generator_function_prototype
    } else if flags.contains(FunctionFlags::ASYNC) {
        vm.intrinsics.async_function_prototype
    } else {
        vm.intrinsics.function_prototype
    }
}

/// Allocates a closure object for linked code `code` capturing `env` (no `prototype`
/// property, no home object).
pub(crate) fn allocate_closure(
    vm: &mut Vm,
    code: CodeId,
    env: Option<EnvRef>,
    home_object: Option<ObjectRef>,
) -> ObjectRef {
    let function = vm.interpreter.function(code);
    let flags = function.flags;
    let name = Value::String(function.name);
    let length = u32::from(function.template.length);
    let data = ClosureData::new(
        code,
        env,
        home_object,
        flags.contains(FunctionFlags::CONSTRUCTOR),
        flags.contains(FunctionFlags::CLASS_CONSTRUCTOR),
        vm.current_realm,
    );
    let prototype = closure_prototype(vm, flags);
    vm.new_function_object(ObjectKind::Closure(data), prototype, name, length)
}

/// The pre-built shapes for closures with a `prototype` property: `(function shape +
/// prototype, slot of prototype)` and `({constructor} shape, slot of constructor)`.
///
/// Performance decision: creating `function () {}` objects in a loop is common; building
/// them from cached shapes with exactly sized slot vectors avoids two property lookups, two
/// transition lookups and a slot-vector reallocation per closure. Tree shapes are immortal
/// (their parent's transition table keeps them), so caching the ids is safe.
fn closure_shapes(vm: &mut Vm) -> ClosureShapes {
    if let Some(shapes) = vm.interpreter.closure_shapes {
        return shapes;
    }
    let function_shape = vm.intrinsics.function_shape;
    let root_shape = vm.intrinsics.root_shape;
    let (with_prototype, prototype_slot) = vm.heap.shape_add_transition(
        function_shape,
        PropertyKey::Atom(atoms::PROTOTYPE),
        Attributes::WRITABLE_ONLY,
    );
    let (prototype_object, constructor_slot) = vm.heap.shape_add_transition(
        root_shape,
        PropertyKey::Atom(atoms::CONSTRUCTOR),
        Attributes::HIDDEN_DATA,
    );
    let shapes = ClosureShapes {
        with_prototype,
        prototype_slot,
        prototype_object,
        constructor_slot,
    };
    vm.interpreter.closure_shapes = Some(shapes);
    shapes
}

/// See [`closure_shapes`].
#[derive(Clone, Copy, Debug)]
pub struct ClosureShapes {
    /// Function shape (`length`, `name`) plus `prototype` (writable only).
    pub with_prototype: crate::value::ShapeId,
    /// Slot of `prototype` in `with_prototype`.
    pub prototype_slot: u32,
    /// Shape of a fresh `F.prototype` object: `{ constructor }` (non-enumerable).
    pub prototype_object: crate::value::ShapeId,
    /// Slot of `constructor` in `prototype_object`.
    pub constructor_slot: u32,
}

/// `CreateClosure`: a closure over the current environment; plain functions and generators get
/// their own `prototype` object.
pub(crate) fn create_closure(vm: &mut Vm, code: CodeId, env: Option<EnvRef>) -> ObjectRef {
    let flags = vm.interpreter.function(code).flags;
    if !flags.contains(FunctionFlags::HAS_PROTOTYPE_PROPERTY) {
        return allocate_closure(vm, code, env, None);
    }
    let shapes = closure_shapes(vm);
    let function = vm.interpreter.function(code);
    let name = Value::String(function.name);
    let length = Value::Number(f64::from(function.template.length));
    let data = ClosureData::new(
        code,
        env,
        None,
        flags.contains(FunctionFlags::CONSTRUCTOR),
        flags.contains(FunctionFlags::CLASS_CONSTRUCTOR),
        vm.current_realm,
    );
    let function_prototype = closure_prototype(vm, flags);
    let mut slots =
        crate::object::SlotStorage::filled(shapes.prototype_slot as usize + 1, Value::Undefined);
    slots[0] = length;
    slots[1] = name;
    let closure = vm.alloc_object_with_shape(
        shapes.with_prototype,
        Some(function_prototype),
        ObjectKind::Closure(data),
        slots,
    );
    let prototype = if flags.contains(FunctionFlags::GENERATOR) {
        let generator_prototype = match vm.interpreter.async_generator_intrinsics {
            Some(intrinsics) if flags.contains(FunctionFlags::ASYNC) => {
                intrinsics.async_generator_prototype
            }
            _ => vm.intrinsics.generator_prototype,
        };
        vm.alloc_object(Some(generator_prototype), ObjectKind::Ordinary)
    } else {
        let mut slots = crate::object::SlotStorage::filled(
            shapes.constructor_slot as usize + 1,
            Value::Undefined,
        );
        slots[shapes.constructor_slot as usize] = Value::Object(closure);
        let object_prototype = vm.intrinsics.object_prototype;
        vm.alloc_object_with_shape(
            shapes.prototype_object,
            Some(object_prototype),
            ObjectKind::Ordinary,
            slots,
        )
    };
    vm.object_mut(closure).slots[shapes.prototype_slot as usize] = Value::Object(prototype);
    closure
}

/// The closure object that runs a script's top-level code.
pub(crate) fn create_top_level_closure(vm: &mut Vm, code: CodeId) -> ObjectRef {
    allocate_closure(vm, code, None, None)
}

/// A closure of module code (its body or its environment-instantiation code) whose
/// environment is the module environment.
pub(crate) fn create_module_closure(vm: &mut Vm, code: CodeId, env: EnvRef) -> ObjectRef {
    allocate_closure(vm, code, Some(env), None)
}

/// `CreateClass` / `CreateDerivedClass`: returns `(F, F.prototype)`.
pub(crate) fn create_class(
    vm: &mut Vm,
    code: CodeId,
    parent: Option<Value>,
) -> JsResult<(ObjectRef, ObjectRef)> {
    let object_prototype = vm.intrinsics.object_prototype;
    let function_prototype = vm.intrinsics.function_prototype;
    let (prototype_parent, constructor_parent) = match parent {
        None => (Some(object_prototype), function_prototype),
        Some(Value::Null) => (None, function_prototype),
        Some(parent) => {
            let Value::Object(parent_object) = parent else {
                return Err(class_extends_error(vm, parent));
            };
            if !vm.is_constructor(parent) {
                return Err(class_extends_error(vm, parent));
            }
            match vm.get(parent_object, PropertyKey::Atom(atoms::PROTOTYPE))? {
                Value::Object(prototype) => (Some(prototype), parent_object),
                Value::Null => (None, parent_object),
                other => {
                    let description = vm.describe_value_for_error(other);
                    return Err(vm.new_type_error(&format!(
                        "Class extends value does not have valid prototype property {description}"
                    )));
                }
            }
        }
    };
    let prototype = vm.alloc_object(prototype_parent, ObjectKind::Ordinary);
    let class = allocate_closure(vm, code, current_env(vm), Some(prototype));
    vm.object_mut(class).prototype = Some(constructor_parent);
    vm.define_data_property(
        class,
        PropertyKey::Atom(atoms::PROTOTYPE),
        Value::Object(prototype),
        Attributes::FROZEN,
    );
    vm.define_data_property(
        prototype,
        PropertyKey::Atom(atoms::CONSTRUCTOR),
        Value::Object(class),
        Attributes::HIDDEN_DATA,
    );
    Ok((class, prototype))
}

fn class_extends_error(vm: &mut Vm, parent: Value) -> Value {
    let description = vm.describe_value_for_error(parent);
    vm.new_type_error(&format!(
        "Class extends value {description} is not a constructor or null"
    ))
}

/// The running closure's [[HomeObject]] (undefined when it has none).
pub(crate) fn current_home_object(vm: &Vm) -> Value {
    let Some(frame) = vm.interpreter.frames.last() else {
        return Value::Undefined;
    };
    match &vm.object(frame.callee).kind {
        ObjectKind::Closure(closure) => closure
            .home_object()
            .map_or(Value::Undefined, Value::Object),
        _ => Value::Undefined,
    }
}

/// `SetHomeObject`.
pub(crate) fn set_home_object(vm: &mut Vm, function: Value, home: Value) {
    if let (Value::Object(function), Value::Object(home)) = (function, home)
        && let ObjectKind::Closure(closure) = &mut vm.object_mut(function).kind
    {
        closure.set_home_object(home);
    }
}

/// The function name for a property key: symbols give `"[description]"` (or `""`), with an
/// optional `"get "`/`"set "` prefix.
fn function_name_for_key(vm: &mut Vm, key: PropertyKey, prefix: Option<&str>) -> StringRef {
    let mut builder = JsStringBuilder::new();
    if let Some(prefix) = prefix {
        builder.push_str(prefix);
    }
    match key {
        PropertyKey::Atom(atom) => {
            if prefix.is_none() {
                return vm.atom_string(atom);
            }
            let string = vm.atom_string(atom);
            builder.push_js_string(vm.string(string));
        }
        PropertyKey::Index(index) => builder.push_str(&index.to_string()),
        PropertyKey::Symbol(symbol) => {
            if let Some(description) = vm.symbol(symbol).description {
                builder.push_str("[");
                builder.push_js_string(vm.string(description));
                builder.push_str("]");
            }
        }
    }
    vm.alloc_string(builder.finish())
}

/// `SetFunctionName` from a key value (already a property key value).
pub(crate) fn set_function_name_from_key(
    vm: &mut Vm,
    function: Value,
    key: Value,
    prefix: Option<&str>,
) -> JsResult<()> {
    let Value::Object(function) = function else {
        return Ok(());
    };
    let key = vm.to_property_key(key)?;
    let name = function_name_for_key(vm, key, prefix);
    vm.set_function_name(function, name);
    Ok(())
}

/// `DefineMethod`: installs a method/getter/setter and sets its home object and name.
pub(crate) fn define_method(
    vm: &mut Vm,
    target: Value,
    key: Value,
    method: Value,
    kind: MethodKind,
) -> JsResult<()> {
    let Value::Object(target) = target else {
        return Err(vm.new_type_error("internal error: DefineMethod on a non-object"));
    };
    let key = vm.to_property_key(key)?;
    set_home_object(vm, method, Value::Object(target));
    let prefix = match kind {
        MethodKind::ClassGetter | MethodKind::ObjectGetter => Some("get "),
        MethodKind::ClassSetter | MethodKind::ObjectSetter => Some("set "),
        MethodKind::ClassMethod | MethodKind::ObjectMethod => None,
    };
    if let Value::Object(function) = method {
        let name = function_name_for_key(vm, key, prefix);
        vm.set_function_name(function, name);
    }
    let enumerable = matches!(
        kind,
        MethodKind::ObjectMethod | MethodKind::ObjectGetter | MethodKind::ObjectSetter
    );
    let descriptor = match kind {
        MethodKind::ClassMethod | MethodKind::ObjectMethod => {
            PropertyDescriptor::data(method, true, enumerable, true)
        }
        MethodKind::ClassGetter | MethodKind::ObjectGetter => PropertyDescriptor {
            get: Some(method),
            enumerable: Some(enumerable),
            configurable: Some(true),
            ..Default::default()
        },
        MethodKind::ClassSetter | MethodKind::ObjectSetter => PropertyDescriptor {
            set: Some(method),
            enumerable: Some(enumerable),
            configurable: Some(true),
            ..Default::default()
        },
    };
    vm.define_property_or_throw(target, key, descriptor)
}

// ----- property helpers -----

/// `DefineNamed`: CreateDataPropertyOrThrow with a named key, with an add-transition cache for
/// object literals and class fields (the cache entry reuses `InlineCache::Add`; its prototype
/// and epoch are irrelevant for [[DefineOwnProperty]], which never consults the chain).
pub(crate) fn define_named(
    vm: &mut Vm,
    target: Value,
    site: &InlineCacheSite,
    value: Value,
) -> JsResult<()> {
    let Value::Object(object) = target else {
        return Err(vm.new_type_error("internal error: DefineNamed on a non-object"));
    };
    if let InlineCache::Add { from, to, slot, .. } = site.entries[0].get() {
        let data = vm.object_mut(object);
        if data.shape == from
            && data.extensible
            && !matches!(
                data.kind,
                ObjectKind::Array(_) | ObjectKind::StringWrapper(_)
            )
        {
            data.shape = to;
            let slot = slot as usize;
            if data.slots.len() <= slot {
                data.slots.resize(slot + 1, Value::Undefined);
            }
            data.slots[slot] = value;
            let guards = data.guards_inline_caches;
            if guards {
                vm.prototype_epoch = vm.prototype_epoch.wrapping_add(1);
            }
            return Ok(());
        }
    }
    let shape_before = vm.object(object).shape;
    let cacheable = !vm.heap.shapes.get(shape_before).is_dictionary()
        && !matches!(site.key, PropertyKey::Index(_))
        && !matches!(
            vm.object(object).kind,
            ObjectKind::Array(_) | ObjectKind::StringWrapper(_)
        )
        && vm.find_own_property(object, site.key).is_none();
    vm.create_data_property_or_throw(object, site.key, value)?;
    if cacheable {
        let shape_after = vm.object(object).shape;
        let after = vm.heap.shapes.get(shape_after);
        if !after.is_dictionary()
            && after.parent == Some(shape_before)
            && let Some(entry) = after.lookup(site.key)
            && entry.attributes == Attributes::DEFAULT_DATA
        {
            site.entries[0].set(InlineCache::Add {
                from: shape_before,
                to: shape_after,
                slot: entry.slot,
                prototype: None,
                epoch: 0,
            });
        }
    }
    Ok(())
}

/// `DefineKeyed`: CreateDataPropertyOrThrow with a computed key.
pub(crate) fn define_data(
    vm: &mut Vm,
    target: Value,
    key: PropertyKey,
    value: Value,
) -> JsResult<()> {
    let Value::Object(object) = target else {
        return Err(vm.new_type_error("internal error: DefineKeyed on a non-object"));
    };
    vm.create_data_property_or_throw(object, key, value)
}

/// `DeleteKeyed`.
pub(crate) fn delete_keyed(vm: &mut Vm, target: Value, key: Value, strict: bool) -> JsResult<bool> {
    if target.is_nullish() {
        let text = if target.is_null() {
            "null"
        } else {
            "undefined"
        };
        return Err(vm.new_type_error(&format!("Cannot convert {text} to object")));
    }
    let key = vm.to_property_key(key)?;
    vm.delete_property_or_throw(target, key, strict)
}

/// `SetPrototypeFromLiteral`: `__proto__: value` in an object literal.
pub(crate) fn set_prototype_from_literal(vm: &mut Vm, target: Value, value: Value) -> JsResult<()> {
    let Value::Object(object) = target else {
        return Ok(());
    };
    match value {
        Value::Object(prototype) => {
            vm.set_prototype_of(object, Some(prototype))?;
        }
        Value::Null => {
            vm.set_prototype_of(object, None)?;
        }
        _ => {}
    }
    Ok(())
}

/// `GetPrototypeOf`.
pub(crate) fn get_prototype_of(vm: &mut Vm, target: Value) -> JsResult<Value> {
    let object = vm.to_object(target)?;
    Ok(vm
        .get_prototype_of(object)?
        .map_or(Value::Null, Value::Object))
}

/// The object `super` property lookups start from: the home object's prototype.
fn super_base(vm: &mut Vm, home: Value) -> JsResult<ObjectRef> {
    let Value::Object(home) = home else {
        return Err(vm.new_syntax_error("'super' keyword unexpected here"));
    };
    match vm.get_prototype_of(home)? {
        Some(prototype) => Ok(prototype),
        None => Err(vm.new_type_error("Cannot read properties of null (super)")),
    }
}

/// `GetSuper`: `super[key]` with `this` as receiver.
pub(crate) fn get_super(vm: &mut Vm, this: Value, home: Value, key: Value) -> JsResult<Value> {
    // GetSuperBase happens before ToPropertyKey (observable through a key's toString).
    let base = super_base(vm, home)?;
    let key = vm.to_property_key(key)?;
    vm.get_with_receiver(base, key, this)
}

/// `SetSuper`: `super[key] = value` with `this` as receiver (always strict).
pub(crate) fn set_super(
    vm: &mut Vm,
    this: Value,
    home: Value,
    key: Value,
    value: Value,
) -> JsResult<()> {
    let base = super_base(vm, home)?;
    let key = vm.to_property_key(key)?;
    if !vm.set(base, key, value, this)? {
        let name = vm.property_key_to_rust(key);
        return Err(vm.new_type_error(&format!(
            "Cannot assign to read only property '{name}' of object"
        )));
    }
    Ok(())
}

/// `CopyDataProperties`: `vm.stack[source_index]` is the source and the next `excluded`
/// registers hold excluded keys.
pub(crate) fn copy_data_properties(
    vm: &mut Vm,
    target: Value,
    source_index: usize,
    excluded: usize,
) -> JsResult<()> {
    let source = vm.stack[source_index];
    let Value::Object(target) = target else {
        return Err(vm.new_type_error("internal error: CopyDataProperties into a non-object"));
    };
    if source.is_nullish() {
        return Ok(());
    }
    let mut excluded_keys = Vec::with_capacity(excluded);
    for offset in 1..=excluded {
        let key = vm.stack[source_index + offset];
        excluded_keys.push(vm.to_property_key(key)?);
    }
    let from = vm.to_object(source)?;
    // Nothing below can run JavaScript (the target is a fresh ordinary object), so the
    // source's shape cannot change while its slots are copied.
    if let Some((_, properties)) = vm.plain_data_property_slots(from) {
        for property in properties {
            if property.enumerable && !excluded_keys.contains(&property.key) {
                let value = vm.object(from).slots[property.slot as usize];
                vm.create_data_property_or_throw(target, property.key, value)?;
            }
        }
        return Ok(());
    }
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(from));
    let keys = vm.own_property_keys(from)?;
    for key in keys {
        if excluded_keys.contains(&key) {
            continue;
        }
        let Some(descriptor) = vm.get_own_property(from, key)? else {
            continue;
        };
        if descriptor.enumerable != Some(true) {
            continue;
        }
        let value = vm.get(from, key)?;
        vm.create_data_property_or_throw(target, key, value)?;
    }
    vm.close_handle_scope(scope);
    Ok(())
}

// ----- literals -----

/// `NewObject` with room for `capacity` named properties.
pub(crate) fn new_object_with_capacity(vm: &mut Vm, capacity: usize) -> ObjectRef {
    let shape = vm.intrinsics.root_shape;
    let prototype = vm.intrinsics.object_prototype;
    vm.alloc_object_with_shape(
        shape,
        Some(prototype),
        ObjectKind::Ordinary,
        crate::object::SlotStorage::with_capacity(capacity),
    )
}

/// `ArrayPush`: appends a value; a hole value is an elision (only `length` grows).
pub(crate) fn array_push(vm: &mut Vm, target: Value, value: Value) -> JsResult<()> {
    let Value::Object(array) = target else {
        return Err(vm.new_type_error("internal error: ArrayPush on a non-object"));
    };
    if value.is_hole() {
        if let ObjectKind::Array(data) = &mut vm.object_mut(array).kind {
            data.length += 1;
        }
        return Ok(());
    }
    vm.array_push(array, value)
}

/// `StringConcat` over `count` registers starting at absolute stack index `start`.
pub(crate) fn concat_string_registers(vm: &mut Vm, start: usize, count: usize) -> JsResult<Value> {
    let mut builder = JsStringBuilder::new();
    for index in start..start + count {
        match vm.stack[index] {
            Value::String(string) => builder.push_js_string(vm.string(string)),
            other => {
                let string = vm.to_string(other)?;
                builder.push_js_string(vm.string(string));
            }
        }
    }
    Ok(Value::String(vm.alloc_string(builder.finish())))
}

/// `GetTemplateObject`: the frozen strings array (with a frozen `raw` array) of a tagged
/// template site, created on first use and cached in the linked constant.
pub(crate) fn get_template_object(
    vm: &mut Vm,
    function: &LinkedFunction,
    index: u16,
) -> JsResult<Value> {
    let Some(LinkedConstant::TemplateObject { descriptor, cached }) =
        function.constants.get(usize::from(index))
    else {
        return Err(vm.new_type_error("internal error: bad template object constant"));
    };
    if let Some(object) = cached.get() {
        return Ok(Value::Object(object));
    }
    let mut cooked_values = Vec::with_capacity(descriptor.cooked.len());
    for cooked in descriptor.cooked.iter() {
        cooked_values.push(match cooked {
            Some(units) => {
                Value::String(vm.alloc_string(crate::string::JsString::from_utf16(units)))
            }
            None => Value::Undefined,
        });
    }
    let raw_values: Vec<Value> = descriptor
        .raw
        .iter()
        .map(|raw| Value::String(vm.new_string(raw)))
        .collect();
    let cooked = vm.new_array(cooked_values);
    let raw = vm.new_array(raw_values);
    vm.define_data_property(
        cooked,
        PropertyKey::Atom(atoms::RAW),
        Value::Object(raw),
        Attributes::FROZEN,
    );
    freeze_array(vm, raw)?;
    freeze_array(vm, cooked)?;
    cached.set(Some(cooked));
    Ok(Value::Object(cooked))
}

/// Freezes an array built by the VM (elements become non-writable, non-configurable).
fn freeze_array(vm: &mut Vm, array: ObjectRef) -> JsResult<()> {
    let length = vm.object(array).elements.len();
    for index in 0..length {
        let descriptor = PropertyDescriptor {
            writable: Some(false),
            configurable: Some(false),
            ..Default::default()
        };
        vm.define_property_or_throw(array, PropertyKey::Index(index as u32), descriptor)?;
    }
    let length_descriptor = PropertyDescriptor {
        writable: Some(false),
        ..Default::default()
    };
    vm.define_property_or_throw(array, PropertyKey::Atom(atoms::LENGTH), length_descriptor)?;
    vm.prevent_extensions(array)?;
    Ok(())
}

/// `NewRegExp`: `new RegExp(pattern, flags)` through the realm's RegExp constructor.
pub(crate) fn new_regexp(vm: &mut Vm, function: &LinkedFunction, index: u16) -> JsResult<Value> {
    let Some(LinkedConstant::RegExp {
        pattern,
        flags,
        compiled,
    }) = function.constants.get(usize::from(index))
    else {
        return Err(vm.new_type_error("internal error: bad regexp constant"));
    };
    // RegExpCreate(pattern, flags): RegExpAlloc(%RegExp%) reads %RegExp%.prototype, which is
    // non-writable and non-configurable, so the intrinsic prototype is used directly.
    let matcher = match compiled.get() {
        Some(matcher) => matcher.clone(),
        None => {
            let pattern_units = vm.string(*pattern).to_utf16();
            let flags_text = vm.string_to_rust(*flags);
            // The parser validated the literal; a failure here is still reported, not unwrapped.
            let matcher = match crate::builtins::regexp::compile_regex(&pattern_units, &flags_text)
            {
                Ok(matcher) => std::rc::Rc::new(matcher),
                Err(message) => {
                    return Err(vm.new_syntax_error(&format!(
                        "Invalid regular expression: /{}/{flags_text}: {message}",
                        String::from_utf16_lossy(&pattern_units)
                    )));
                }
            };
            compiled.get_or_init(|| matcher).clone()
        }
    };
    Ok(Value::Object(crate::builtins::regexp::regexp_object(
        vm, matcher, *pattern, *flags, None,
    )))
}

// ----- environments -----

/// The current frame's environment.
#[inline]
fn current_env(vm: &Vm) -> Option<EnvRef> {
    vm.interpreter.frames.last().and_then(|frame| frame.env)
}

/// `PushEnv`.
pub(crate) fn push_env(vm: &mut Vm, slots: usize) {
    let parent = current_env(vm);
    let env = vm.new_env(parent, slots, Value::Undefined);
    if let Some(frame) = vm.interpreter.frames.last_mut() {
        frame.env = Some(env);
        frame.scope_depth += 1;
    }
}

/// `PopEnv`.
pub(crate) fn pop_env(vm: &mut Vm) {
    let parent = current_env(vm).and_then(|env| vm.env(env).parent);
    if let Some(frame) = vm.interpreter.frames.last_mut() {
        frame.env = parent;
        frame.scope_depth = frame.scope_depth.saturating_sub(1);
    }
}

/// `CopyEnv`: replaces the current environment by a copy (per-iteration bindings).
pub(crate) fn copy_env(vm: &mut Vm) {
    let Some(current) = current_env(vm) else {
        return;
    };
    let parent = vm.env(current).parent;
    let count = vm.env(current).slots.len();
    let copy = vm.new_env(parent, count, Value::Undefined);
    let (source, destination) = (current, copy);
    for slot in 0..count {
        let value = vm.env(source).slots[slot];
        vm.env_mut(destination).slots[slot] = value;
    }
    if let Some(frame) = vm.interpreter.frames.last_mut() {
        frame.env = Some(copy);
    }
}

/// `LoadEnv`. A missing environment or slot (a compiler bug) reads as undefined.
#[inline]
pub(crate) fn load_env(vm: &Vm, depth: u16, slot: u16) -> Value {
    let Some(mut env) = current_env(vm) else {
        return Value::Undefined;
    };
    for _ in 0..depth {
        match vm.heap.environments.get(env).parent {
            Some(parent) => env = parent,
            None => return Value::Undefined,
        }
    }
    vm.heap
        .environments
        .get(env)
        .slots
        .get(usize::from(slot))
        .copied()
        .unwrap_or(Value::Undefined)
}

/// `LoadImport`: follows a module import binding to the exporting module's slot (a namespace
/// object stored directly is returned as is).
#[inline]
pub(crate) fn load_import(vm: &Vm, depth: u16, slot: u16) -> Value {
    let value = load_env(vm, depth, slot);
    if let Value::Object(object) = value
        && let ObjectKind::ModuleBinding { env, slot } = vm.object(object).kind
    {
        return vm
            .env(env)
            .slots
            .get(slot as usize)
            .copied()
            .unwrap_or(Value::Hole);
    }
    value
}

/// `StoreEnv`.
#[inline]
pub(crate) fn store_env(vm: &mut Vm, depth: u16, slot: u16, value: Value) {
    if let Some(env) = current_env(vm) {
        vm.env_set(env, u32::from(depth), u32::from(slot), value);
    }
}

/// `MapArgument` (see `arguments.rs`).
pub(crate) fn map_argument(vm: &mut Vm, arguments: Value, index: u16, slot: u16) {
    if let (Value::Object(object), Some(env)) = (arguments, current_env(vm)) {
        vm.map_argument(object, env, index, slot);
    }
}

// ----- constructors -----

/// `DerivedConstructorResult`.
pub(crate) fn derived_constructor_result(
    vm: &mut Vm,
    result: Value,
    this: Value,
) -> JsResult<Value> {
    match result {
        Value::Object(_) => Ok(result),
        Value::Undefined if !this.is_hole() => Ok(this),
        _ => Err(derived_constructor_error(vm, result)),
    }
}

/// The error of a derived constructor's bad result. [[Construct]] (10.2.2 steps 10-13)
/// raises it after restoring the caller's execution context, so it belongs to the caller's
/// realm: the realm of the frame below (for an entry frame, the bytecode that called into
/// the native code that constructs), which differs from the current realm only when the
/// constructor came from another realm.
#[cold]
fn derived_constructor_error(vm: &mut Vm, result: Value) -> Value {
    let frames = &vm.interpreter.frames;
    let caller_realm = frames
        .len()
        .checked_sub(2)
        .and_then(|index| match &vm.object(frames[index].callee).kind {
            ObjectKind::Closure(closure) => Some(closure.realm),
            _ => None,
        })
        .unwrap_or(vm.current_realm);
    let callee_realm = vm.switch_realm(caller_realm);
    let error = if result.is_undefined() {
        vm.new_reference_error(
            "Must call super constructor in derived class before accessing 'this' or returning from derived constructor",
        )
    } else {
        vm.new_type_error("Derived constructors may only return object or undefined")
    };
    vm.switch_realm(callee_realm);
    error
}

// ----- private names -----

/// `NewPrivateName`: private names are unique symbols whose description is `#name`; private
/// elements are stored as non-enumerable symbol-keyed properties.
pub(crate) fn new_private_name(vm: &mut Vm, key: PropertyKey) -> Value {
    let text = vm.property_key_to_rust(key);
    let description = if text.starts_with('#') {
        text
    } else {
        format!("#{text}")
    };
    Value::Symbol(vm.new_symbol(Some(&description)))
}

fn private_key(vm: &mut Vm, key: Value) -> JsResult<PropertyKey> {
    let Value::Symbol(symbol) = key else {
        return Err(vm.new_type_error("internal error: private name is not a symbol"));
    };
    Ok(PropertyKey::Symbol(symbol))
}

/// The source text of a private name (`#x`), for error messages only.
///
/// Performance decision: it is built only on the error paths; building it for every access
/// (a `String` allocation) made private fields ~2x slower than public ones.
fn private_name(vm: &Vm, key: PropertyKey) -> String {
    let PropertyKey::Symbol(symbol) = key else {
        return String::new();
    };
    vm.symbol(symbol)
        .description
        .map(|text| vm.string_to_rust(text))
        .unwrap_or_default()
}

/// The slot of the private field `key` of `object` when its shape holds it as a data
/// property: the common case, read and written without building a descriptor.
#[inline]
fn private_field_slot(vm: &Vm, object: ObjectRef, key: PropertyKey) -> Option<(u32, bool)> {
    let entry = vm.heap.shapes.get(vm.object(object).shape).lookup(key)?;
    (!entry.attributes.is_accessor()).then_some((entry.slot, entry.attributes.writable()))
}

/// `GetPrivate`.
pub(crate) fn get_private(vm: &mut Vm, target: Value, key: Value) -> JsResult<Value> {
    let key = private_key(vm, key)?;
    let Value::Object(object) = target.as_object().map_or(Value::Undefined, Value::Object) else {
        let name = private_name(vm, key);
        return Err(vm.new_type_error(&format!(
            "Cannot read private member {name} from an object whose class did not declare it"
        )));
    };
    if let Some((slot, _)) = private_field_slot(vm, object, key)
        && let Some(value) = vm.object(object).slots.get(slot as usize)
    {
        return Ok(*value);
    }
    match vm.get_own_property(object, key)? {
        None => {
            let name = private_name(vm, key);
            Err(vm.new_type_error(&format!(
                "Cannot read private member {name} from an object whose class did not declare it"
            )))
        }
        Some(descriptor) if descriptor.is_accessor() => match descriptor.get {
            Some(getter) if !getter.is_undefined() => vm.call(getter, target, &[]),
            _ => {
                let name = private_name(vm, key);
                Err(vm.new_type_error(&format!("'{name}' was defined without a getter")))
            }
        },
        Some(descriptor) => Ok(descriptor.value.unwrap_or(Value::Undefined)),
    }
}

/// `SetPrivate`.
pub(crate) fn set_private(vm: &mut Vm, target: Value, key: Value, value: Value) -> JsResult<()> {
    let key = private_key(vm, key)?;
    let Value::Object(object) = target.as_object().map_or(Value::Undefined, Value::Object) else {
        let name = private_name(vm, key);
        return Err(vm.new_type_error(&format!(
            "Cannot write private member {name} to an object whose class did not declare it"
        )));
    };
    if let Some((slot, true)) = private_field_slot(vm, object, key)
        && let Some(cell) = vm.object_mut(object).slots.get_mut(slot as usize)
    {
        *cell = value;
        return Ok(());
    }
    match vm.get_own_property(object, key)? {
        None => {
            let name = private_name(vm, key);
            Err(vm.new_type_error(&format!(
                "Cannot write private member {name} to an object whose class did not declare it"
            )))
        }
        Some(descriptor) if descriptor.is_accessor() => match descriptor.set {
            Some(setter) if !setter.is_undefined() => vm.call(setter, target, &[value]).map(|_| ()),
            _ => {
                let name = private_name(vm, key);
                Err(vm.new_type_error(&format!("'{name}' was defined without a setter")))
            }
        },
        Some(descriptor) if descriptor.writable == Some(false) => {
            let name = private_name(vm, key);
            Err(vm.new_type_error(&format!("Private method '{name}' is not writable")))
        }
        Some(_) => {
            vm.define_data_property(
                object,
                key,
                value,
                Attributes(Attributes::WRITABLE | Attributes::CONFIGURABLE),
            );
            Ok(())
        }
    }
}

/// `DefinePrivate`.
pub(crate) fn define_private(
    vm: &mut Vm,
    target: Value,
    key: Value,
    value: Value,
    kind: PrivateKind,
) -> JsResult<()> {
    let key = private_key(vm, key)?;
    let Value::Object(object) = target else {
        return Err(vm.new_type_error("internal error: DefinePrivate on a non-object"));
    };
    let exists = vm.find_own_property(object, key).is_some();
    match kind {
        PrivateKind::Field | PrivateKind::Method => {
            if exists {
                let name = private_name(vm, key);
                return Err(vm.new_type_error(&format!(
                    "Cannot initialize {name} twice on the same object"
                )));
            }
            if !vm.object(object).extensible {
                let name = private_name(vm, key);
                return Err(vm.new_type_error(&format!(
                    "Cannot define private field {name} on a non-extensible object"
                )));
            }
            let attributes = if kind == PrivateKind::Field {
                Attributes(Attributes::WRITABLE | Attributes::CONFIGURABLE)
            } else {
                Attributes::CONFIGURABLE_ONLY
            };
            vm.define_data_property(object, key, value, attributes);
            Ok(())
        }
        PrivateKind::Getter | PrivateKind::Setter => {
            let descriptor = if kind == PrivateKind::Getter {
                PropertyDescriptor {
                    get: Some(value),
                    enumerable: Some(false),
                    configurable: Some(true),
                    ..Default::default()
                }
            } else {
                PropertyDescriptor {
                    set: Some(value),
                    enumerable: Some(false),
                    configurable: Some(true),
                    ..Default::default()
                }
            };
            vm.define_property_or_throw(object, key, descriptor)
        }
    }
}

/// `HasPrivate`: `#x in obj`.
pub(crate) fn has_private(vm: &mut Vm, target: Value, key: Value) -> JsResult<bool> {
    let key = private_key(vm, key)?;
    let Value::Object(object) = target else {
        let name = private_name(vm, key);
        let description = vm.describe_value_for_error(target);
        return Err(vm.new_type_error(&format!(
            "Cannot use 'in' operator to search for '{name}' in {description}"
        )));
    };
    Ok(vm.find_own_property(object, key).is_some())
}

// ----- error messages -----

/// Rewrites the "not a function"/"not a constructor" TypeError of the call instruction at `pc`
/// to name the callee expression (`obj.method is not a function`) when the bytecode shows
/// where the callee came from. Other errors pass through unchanged.
pub(crate) fn improve_call_error(
    vm: &mut Vm,
    function: &LinkedFunction,
    pc: usize,
    error: Value,
) -> Value {
    let (callee, construct) = match function.code.get(pc) {
        Some(
            Instruction::Call { callee, .. }
            | Instruction::CallUndefinedThis { callee, .. }
            | Instruction::CallSpreadTail { callee, .. },
        ) => (*callee, false),
        Some(
            Instruction::Construct { callee, .. } | Instruction::ConstructSpreadTail { callee, .. },
        ) => (*callee, true),
        _ => return error,
    };
    let Some(frame) = vm.interpreter.frames.last() else {
        return error;
    };
    if frame.code != function.id {
        return error;
    }
    let callee_value = vm
        .stack
        .get(frame.base as usize + usize::from(callee.0))
        .copied()
        .unwrap_or(Value::Undefined);
    let failed = if construct {
        !vm.is_constructor(callee_value)
    } else {
        !vm.is_callable(callee_value)
    };
    if !failed {
        return error;
    }
    let name = callee_source_text(function, pc, construct)
        .or_else(|| describe_register_source(vm, function, pc, callee.0, 0));
    let Some(name) = name else {
        return error;
    };
    let suffix = if construct {
        "is not a constructor"
    } else {
        "is not a function"
    };
    vm.new_type_error(&format!("{name} {suffix}"))
}

/// The TypeError of destructuring `null`/`undefined` (the `RequireObjectCoercible` at `pc`
/// on register `register`), worded as V8 words it: "Cannot destructure property 'a' of
/// 'undefined' as it is undefined." naming the pattern's first property when the following
/// instructions read one from that register, else "Cannot destructure 'null' as it is null.".
/// The source is named when the bytecode shows where it came from (a global or a property
/// read), as V8 names the source expression.
pub(crate) fn destructure_error(
    vm: &mut Vm,
    function: &LinkedFunction,
    pc: usize,
    register: u16,
    value: Value,
) -> Value {
    let text = if value.is_null() { "null" } else { "undefined" };
    let first_property = function
        .code
        .iter()
        .skip(pc + 1)
        .take(8)
        .find_map(|instruction| match *instruction {
            Instruction::GetNamed { object, ic, .. } if object.0 == register => {
                Some(vm.property_key_to_rust(function.inline_caches[usize::from(ic.0)].key))
            }
            _ => None,
        });
    let source =
        describe_register_source(vm, function, pc, register, 0).unwrap_or_else(|| text.to_string());
    let message = match first_property {
        Some(property) => {
            format!("Cannot destructure property '{property}' of '{source}' as it is {text}.")
        }
        None => format!("Cannot destructure '{source}' as it is {text}."),
    };
    vm.new_type_error(&message)
}

/// The source text of the callee of the call at `pc`, as V8 prints it in "x is not a function":
/// the call's recorded source position is the start of the call expression (after `new`),
/// and the callee is the following run of identifier characters, dots and `?.`, which must be
/// followed by the argument list. Returns `None` for other callee shapes.
fn callee_source_text(function: &LinkedFunction, pc: usize, construct: bool) -> Option<String> {
    let position = function.template.source_position(pc)?;
    let source: &str = &function.script.source;
    let line_start = if position.line <= 1 {
        0
    } else {
        source
            .match_indices('\n')
            .nth(position.line as usize - 2)?
            .0
            + 1
    };
    let line = &source[line_start..];
    let mut units = 0u32;
    let mut offset = 0usize;
    for character in line.chars() {
        if units + 1 >= position.column {
            break;
        }
        units += character.len_utf16() as u32;
        offset += character.len_utf8();
    }
    let mut text = &line[offset..];
    if construct {
        text = text.strip_prefix("new")?.trim_start();
    }
    let is_callee_char = |character: char| {
        character.is_alphanumeric() || matches!(character, '_' | '$' | '.' | '#' | '?')
    };
    let end = text
        .find(|character: char| !is_callee_char(character))
        .unwrap_or(text.len());
    let callee = &text[..end];
    let rest = text[end..].trim_start();
    let first = callee.chars().next()?;
    if !(first.is_alphabetic()
        || first == '_'
        || first == '$'
        || first.is_ascii_digit() && construct)
    {
        return None;
    }
    if construct || rest.starts_with('(') || rest.starts_with('`') {
        Some(callee.trim_end_matches(['.', '?']).to_string())
    } else {
        None
    }
}

/// Names the expression that last wrote register `register` before `pc` in straight-line
/// code (globals and named property reads), for error messages.
fn describe_register_source(
    vm: &Vm,
    function: &LinkedFunction,
    pc: usize,
    register: u16,
    depth: u32,
) -> Option<String> {
    if depth > 4 {
        return None;
    }
    let start = pc.saturating_sub(16);
    for index in (start..pc).rev() {
        match function.code[index] {
            Instruction::GetGlobal { dst, ic } if dst.0 == register => {
                return Some(
                    vm.property_key_to_rust(function.inline_caches[usize::from(ic.0)].key),
                );
            }
            Instruction::GetNamed { dst, object, ic } if dst.0 == register => {
                let key = vm.property_key_to_rust(function.inline_caches[usize::from(ic.0)].key);
                let object_name =
                    describe_register_source(vm, function, index, object.0, depth + 1)
                        .unwrap_or_else(|| "(intermediate value)".to_string());
                return Some(format!("{object_name}.{key}"));
            }
            Instruction::GetKeyed { dst, .. } if dst.0 == register => return None,
            other => {
                let mut writes = false;
                other.for_each_operand(|field, value| {
                    if field == "dst"
                        && let tseval_compiler::opcodes::OperandValue::Register(written) = value
                        && written.0 == register
                    {
                        writes = true;
                    }
                });
                if writes {
                    return None;
                }
                if other.jump_target(index).is_some() || other.is_terminator() {
                    return None;
                }
            }
        }
    }
    None
}
