//! Function objects and the calling interface: native functions, closures, bound functions,
//! `Vm::call` and `Vm::construct`.
//!
//! Calling convention (shared with the interpreter, see BRIEF.md): arguments live on the one
//! register stack `vm.stack`. A native function receives an [`Args`] view `(base, count)` into
//! that stack and reads arguments with `args.get(vm, i)`, so no `Vec` is built per call.
//!
//! Stack discipline: `vm.stack.len()` is always the end of the live region. Whoever calls
//! (interpreter or `Vm::call`) keeps its arguments below `len()`; `Vm::call` pushes
//! `this, args...` at `len()` and truncates back afterwards.
//!
//! Bytecode closures are run by `crate::interpreter::call_closure(vm, callee, base, argc,
//! new_target)`, where `vm.stack[base]` is `this` and `vm.stack[base + 1 ..= base + argc]` are
//! the arguments (exactly the callee window of the calling convention). `new_target` is
//! `Value::Undefined` for [[Call]]; for [[Construct]] it is the new.target object and
//! `vm.stack[base]` is `Value::Undefined`: the interpreter creates `this` for base
//! constructors (with `Vm::get_prototype_from_constructor`) and applies the
//! [[Construct]] return rules.

use tseval_gc::Tracer;

use crate::atom::{PropertyKey, atoms};
use crate::object::{ObjectKind, PropertyDescriptor};
use crate::realm::{RealmId, Vm};
use crate::shape::Attributes;
use crate::value::{EnvRef, JsResult, ObjectRef, StringRef, Value, trace_values};

/// A native (Rust) function. `args.new_target()` is `Value::Undefined` for [[Call]] and the
/// new.target object for [[Construct]]; `args.callee()` is the function object itself (use it
/// to reach per-function data with `Vm::native_function_data`).
pub type NativeFunction = fn(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value>;

/// Identifies linked bytecode (a function template) inside the interpreter's code table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CodeId(pub u32);

/// Internal slots of a bytecode closure.
///
/// Performance decision: the two optional handles are stored as plain handles with
/// `u32::MAX` for "none" (no arena hands out that index) and read through
/// [`ClosureData::environment`] and [`ClosureData::home_object`]. With `Option` each took 8
/// bytes and the struct 24; now it is 16 with a `bool` niche that holds `ObjectKind`'s tag, so
/// `ObjectKind` and every object are 8 bytes smaller (docs/PERFORMANCE.md, "Smaller objects").
#[derive(Clone, Copy, Debug)]
pub struct ClosureData {
    /// The linked function template.
    pub code: CodeId,
    /// The environment captured at creation, or [`ClosureData::NO_ENVIRONMENT`] when the
    /// function captures nothing.
    environment: EnvRef,
    /// `[[HomeObject]]` for methods (used by `super`), or [`ClosureData::NO_HOME_OBJECT`].
    home_object: ObjectRef,
    /// Has a [[Construct]] (plain `function`s and classes; not arrows or methods).
    pub is_constructor: bool,
    /// A class constructor: [[Call]] throws a TypeError.
    pub is_class_constructor: bool,
    /// `[[Realm]]`: the realm that was current when the closure was created (a `u16` in the
    /// struct's padding, so closures do not grow; see `realm.rs`).
    pub realm: RealmId,
}

impl ClosureData {
    /// The stored `environment` of a closure that captures nothing.
    const NO_ENVIRONMENT: EnvRef = EnvRef(u32::MAX);
    /// The stored `home_object` of a closure without a [[HomeObject]].
    const NO_HOME_OBJECT: ObjectRef = ObjectRef(u32::MAX);

    /// Closure data with the given captured environment and [[HomeObject]].
    #[inline]
    pub fn new(
        code: CodeId,
        environment: Option<EnvRef>,
        home_object: Option<ObjectRef>,
        is_constructor: bool,
        is_class_constructor: bool,
        realm: RealmId,
    ) -> ClosureData {
        ClosureData {
            code,
            environment: environment.unwrap_or(Self::NO_ENVIRONMENT),
            home_object: home_object.unwrap_or(Self::NO_HOME_OBJECT),
            is_constructor,
            is_class_constructor,
            realm,
        }
    }

    /// The environment captured at creation (`None` when the function captures nothing).
    #[inline]
    pub fn environment(&self) -> Option<EnvRef> {
        (self.environment != Self::NO_ENVIRONMENT).then_some(self.environment)
    }

    /// Replaces the captured environment.
    #[inline]
    pub fn set_environment(&mut self, environment: Option<EnvRef>) {
        self.environment = environment.unwrap_or(Self::NO_ENVIRONMENT);
    }

    /// `[[HomeObject]]`, for methods.
    #[inline]
    pub fn home_object(&self) -> Option<ObjectRef> {
        (self.home_object != Self::NO_HOME_OBJECT).then_some(self.home_object)
    }

    /// Sets `[[HomeObject]]`.
    #[inline]
    pub fn set_home_object(&mut self, home_object: ObjectRef) {
        self.home_object = home_object;
    }

    pub(crate) fn trace(&self, tracer: &mut Tracer) {
        if let Some(environment) = self.environment() {
            tracer.push(environment);
        }
        if let Some(home_object) = self.home_object() {
            tracer.push(home_object);
        }
    }
}

const _: () = assert!(std::mem::size_of::<ClosureData>() == 16);

/// Internal slots of a native function.
#[derive(Clone, Copy, Debug)]
pub struct NativeFunctionData {
    /// The Rust implementation.
    pub function: NativeFunction,
    /// Has a [[Construct]].
    pub is_constructor: bool,
    /// Per-function data (for example the promise a resolving function settles).
    pub data: Value,
    /// `[[Realm]]`: the realm that was current when the function was created.
    pub realm: RealmId,
}

impl NativeFunctionData {
    pub(crate) fn trace(&self, tracer: &mut Tracer) {
        use tseval_gc::Trace;
        self.data.trace(tracer);
    }
}

/// Internal slots of a bound function.
#[derive(Clone, Debug)]
pub struct BoundFunctionData {
    /// `[[BoundTargetFunction]]`.
    pub target: ObjectRef,
    /// `[[BoundThis]]`.
    pub bound_this: Value,
    /// `[[BoundArguments]]`.
    pub bound_arguments: Box<[Value]>,
}

impl BoundFunctionData {
    pub(crate) fn trace(&self, tracer: &mut Tracer) {
        use tseval_gc::Trace;
        tracer.push(self.target);
        self.bound_this.trace(tracer);
        trace_values(&self.bound_arguments, tracer);
    }
}

/// A view of a call's arguments on the register stack.
#[derive(Clone, Copy, Debug)]
pub struct Args {
    /// Index in `vm.stack` of the first argument.
    pub base: u32,
    /// Number of arguments passed.
    pub count: u32,
    /// The function object being called.
    pub callee: ObjectRef,
    /// `Value::Undefined` for [[Call]], the new.target object for [[Construct]].
    pub new_target: Value,
}

impl Args {
    /// Number of arguments passed.
    #[inline]
    pub fn len(&self) -> usize {
        self.count as usize
    }

    /// True when no argument was passed.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Argument `index`, or `undefined` when not passed.
    #[inline]
    pub fn get(&self, vm: &Vm, index: usize) -> Value {
        if index < self.count as usize {
            vm.stack
                .get(self.base as usize + index)
                .copied()
                .unwrap_or(Value::Undefined)
        } else {
            Value::Undefined
        }
    }

    /// All arguments copied into a vector (for the few built-ins that need ownership).
    pub fn to_vec(&self, vm: &Vm) -> Vec<Value> {
        let start = self.base as usize;
        let end = (start + self.count as usize).min(vm.stack.len());
        vm.stack
            .get(start..end)
            .map(<[Value]>::to_vec)
            .unwrap_or_default()
    }

    /// Arguments from `from` onwards, copied.
    pub fn rest(&self, vm: &Vm, from: usize) -> Vec<Value> {
        (from..self.len())
            .map(|index| self.get(vm, index))
            .collect()
    }

    /// The function object being called.
    #[inline]
    pub fn callee(&self) -> ObjectRef {
        self.callee
    }

    /// new.target (`undefined` for [[Call]]).
    #[inline]
    pub fn new_target(&self) -> Value {
        self.new_target
    }

    /// True when invoked via [[Construct]].
    #[inline]
    pub fn is_construct_call(&self) -> bool {
        !self.new_target.is_undefined()
    }
}

/// A function called many times by one native loop (`Array.prototype.forEach`, `map`,
/// `filter`, `sort`'s comparator, ...), resolved once by [`Vm::prepare_call`].
///
/// Performance decision: a callback from native code used to cost ~800 instructions, most of
/// them spent re-deciding per call what kind of function the callee is (`Vm::call` ->
/// `call_object` -> `call_closure` -> `enter_closure_from_native` -> `push_closure_frame`).
/// For an ordinary bytecode closure those answers cannot change between the calls of one loop
/// (a closure's code, environment and realm are fixed), so they are looked up once here and
/// each call only fills the register window, pushes the frame and runs the dispatch loop.
/// Anything else (native and bound functions, proxies, generators, functions with `arguments`
/// or a rest parameter, other realms) goes through [`Vm::call`] as before.
///
/// The caller keeps the function value rooted (it is normally an argument of the running
/// native function) for as long as it uses the prepared call.
#[derive(Clone, Copy, Debug)]
pub struct PreparedCall {
    function: Value,
    closure: Option<crate::interpreter::PreparedClosure>,
}

/// Restores `vm.stack` to its length at creation and leaves the native call depth.
struct StackMark(usize);

impl Vm {
    /// Call(F, V, args): calls any callable value.
    pub fn call(&mut self, function: Value, this: Value, arguments: &[Value]) -> JsResult<Value> {
        let Value::Object(callee) = function else {
            return Err(self.not_callable_error(function));
        };
        self.enter_native_call()?;
        let result = self.call_object(callee, this, arguments, Value::Undefined);
        self.leave_native_call();
        result
    }

    /// Resolves `function` once for many calls through [`Vm::call_prepared`].
    pub fn prepare_call(&mut self, function: Value) -> PreparedCall {
        let closure = match function {
            Value::Object(callee) => crate::interpreter::prepare_closure(self, callee),
            _ => None,
        };
        PreparedCall { function, closure }
    }

    /// Call(F, V, args) for a function resolved by [`Vm::prepare_call`].
    #[inline]
    pub fn call_prepared(
        &mut self,
        prepared: &PreparedCall,
        this: Value,
        arguments: &[Value],
    ) -> JsResult<Value> {
        match &prepared.closure {
            Some(closure) => {
                crate::interpreter::call_prepared_closure(self, closure, this, arguments)
            }
            None => self.call(prepared.function, this, arguments),
        }
    }

    /// Construct(F, args, newTarget): `new_target` defaults to `function`.
    pub fn construct(
        &mut self,
        function: Value,
        arguments: &[Value],
        new_target: Option<Value>,
    ) -> JsResult<Value> {
        let new_target = new_target.unwrap_or(function);
        let Value::Object(callee) = function else {
            return Err(self.new_type_error("not a constructor"));
        };
        if !self.is_constructor(function) {
            let description = self.describe_value_for_error(function);
            return Err(self.new_type_error(&format!("{description} is not a constructor")));
        }
        self.enter_native_call()?;
        let result = self.call_object(callee, Value::Undefined, arguments, new_target);
        self.leave_native_call();
        result
    }

    /// Dispatches on the function kind. `new_target` undefined means [[Call]].
    fn call_object(
        &mut self,
        callee: ObjectRef,
        this: Value,
        arguments: &[Value],
        new_target: Value,
    ) -> JsResult<Value> {
        enum Target {
            Closure {
                is_class_constructor: bool,
                realm: RealmId,
            },
            Native(NativeFunction, RealmId),
            Bound(ObjectRef, Value, Box<[Value]>),
            Proxy,
            NotCallable,
        }
        let target = match &self.object(callee).kind {
            ObjectKind::Closure(closure) => Target::Closure {
                is_class_constructor: closure.is_class_constructor,
                realm: closure.realm,
            },
            ObjectKind::NativeFunction(native) => Target::Native(native.function, native.realm),
            ObjectKind::BoundFunction(bound) => Target::Bound(
                bound.target,
                bound.bound_this,
                bound.bound_arguments.clone(),
            ),
            ObjectKind::Proxy(proxy) if proxy.callable => Target::Proxy,
            _ => Target::NotCallable,
        };
        match target {
            Target::Closure {
                is_class_constructor,
                realm,
            } => {
                if realm != self.current_realm {
                    return self.call_in_realm(realm, callee, this, arguments, new_target);
                }
                if is_class_constructor && new_target.is_undefined() {
                    return Err(
                        self.new_type_error("Class constructor cannot be invoked without 'new'")
                    );
                }
                let mark = StackMark(self.stack.len());
                let base = mark.0;
                self.stack.push(this);
                self.stack.extend_from_slice(arguments);
                let result = crate::interpreter::call_closure(
                    self,
                    callee,
                    base,
                    arguments.len(),
                    new_target,
                );
                self.stack.truncate(mark.0);
                result
            }
            Target::Native(function, realm) => {
                if realm != self.current_realm {
                    return self.call_in_realm(realm, callee, this, arguments, new_target);
                }
                let mark = StackMark(self.stack.len());
                self.stack.extend_from_slice(arguments);
                let args = Args {
                    base: mark.0 as u32,
                    count: arguments.len() as u32,
                    callee,
                    new_target,
                };
                // As in `call_native_with_args`: the native's own roots die with it.
                let handles_length = self.handles.len();
                let result = function(self, this, args);
                self.stack.truncate(mark.0);
                self.handles.truncate(handles_length);
                result
            }
            Target::Bound(target, bound_this, bound_arguments) => {
                let mut combined = Vec::with_capacity(bound_arguments.len() + arguments.len());
                combined.extend_from_slice(&bound_arguments);
                combined.extend_from_slice(arguments);
                if new_target.is_undefined() {
                    self.call_object(target, bound_this, &combined, Value::Undefined)
                } else {
                    let new_target = match new_target {
                        Value::Object(object) if object == callee => Value::Object(target),
                        other => other,
                    };
                    self.call_object(target, Value::Undefined, &combined, new_target)
                }
            }
            Target::Proxy => {
                if new_target.is_undefined() {
                    self.proxy_call(callee, this, arguments)
                } else {
                    self.proxy_construct(callee, arguments, new_target)
                }
            }
            Target::NotCallable => Err(self.not_callable_error(Value::Object(callee))),
        }
    }

    /// A call of a function of another realm: makes `realm` current for the duration of the
    /// call (PrepareForOrdinaryCall / the built-in [[Call]] steps that set the callee
    /// context's Realm), then restores the caller's realm whatever the completion.
    #[cold]
    #[inline(never)]
    pub(crate) fn call_in_realm(
        &mut self,
        realm: RealmId,
        callee: ObjectRef,
        this: Value,
        arguments: &[Value],
        new_target: Value,
    ) -> JsResult<Value> {
        let previous = self.switch_realm(realm);
        let result = self.call_object(callee, this, arguments, new_target);
        self.switch_realm(previous);
        result
    }

    /// Calls a native function with arguments already on the stack (used by the interpreter's
    /// fast path for native callees; no copying). The caller guarantees
    /// `args.base + args.count <= vm.stack.len()`.
    pub fn call_native_with_args(
        &mut self,
        function: NativeFunction,
        this: Value,
        args: Args,
    ) -> JsResult<Value> {
        self.enter_native_call()?;
        let length = self.stack.len();
        // Natives root what they hold with `vm.root`, often without a scope of their own:
        // whatever they pushed is dead once they return. Dropping it here keeps a loop of
        // native calls from growing the handle stack (and keeping garbage alive), and keeps
        // callers that collect values on the handle stack (`iterable_to_list`) from seeing
        // a callee's roots among their own.
        let handles_length = self.handles.len();
        let result = function(self, this, args);
        self.stack.truncate(length);
        self.handles.truncate(handles_length);
        self.leave_native_call();
        result
    }

    /// The TypeError for calling a non-callable value.
    pub fn not_callable_error(&mut self, value: Value) -> Value {
        let description = self.describe_value_for_error(value);
        self.new_type_error(&format!("{description} is not a function"))
    }

    /// A short description of a value for error messages (`undefined`, `"abc"`, `[object]`).
    pub fn describe_value_for_error(&self, value: Value) -> String {
        match value {
            Value::Undefined | Value::Hole => "undefined".to_string(),
            Value::Null => "null".to_string(),
            Value::Boolean(boolean) => boolean.to_string(),
            Value::Number(number) => crate::conversions::number_to_rust_string(number),
            Value::String(string) => format!("\"{}\"", self.string(string).to_rust_string_lossy()),
            Value::Symbol(_) => "Symbol()".to_string(),
            Value::BigInt(bigint) => {
                format!("{}n", self.heap.bigints.get(bigint).to_string_radix(10))
            }
            Value::Object(object) => {
                if self.object(object).is_callable() {
                    let name = self.function_name_for_error(object);
                    if name.is_empty() {
                        "function".to_string()
                    } else {
                        format!("function {name}")
                    }
                } else if self.object(object).is_array() {
                    "array".to_string()
                } else {
                    "object".to_string()
                }
            }
        }
    }

    /// V8's description of an object in receiver and read-only-property errors: `#<Point>`
    /// (the name of the `constructor` found along the prototype chain, read without running
    /// code; `Object` when there is none) and `[object Array]` for arrays. Primitives are
    /// described as by [`Vm::describe_value_for_error`], strings without quotes.
    pub fn describe_receiver_for_error(&self, value: Value) -> String {
        let Value::Object(object) = value else {
            return match value {
                Value::String(string) => self.string(string).to_rust_string_lossy(),
                other => self.describe_value_for_error(other),
            };
        };
        if self.object(object).is_array() {
            return "[object Array]".to_string();
        }
        let constructor_name = match self
            .get_data_property_no_side_effects(object, PropertyKey::Atom(atoms::CONSTRUCTOR))
        {
            Some(Value::Object(constructor)) if self.object(constructor).is_callable() => {
                self.function_name_for_error(constructor)
            }
            _ => String::new(),
        };
        if constructor_name.is_empty() {
            "#<Object>".to_string()
        } else {
            format!("#<{constructor_name}>")
        }
    }

    fn function_name_for_error(&self, object: ObjectRef) -> String {
        let shape = self.heap.shapes.get(self.object(object).shape);
        match shape.lookup(PropertyKey::Atom(atoms::NAME)) {
            Some(entry) if !entry.attributes.is_accessor() => {
                match self.object(object).slots.get(entry.slot as usize) {
                    Some(Value::String(name)) => self.string(*name).to_rust_string_lossy(),
                    _ => String::new(),
                }
            }
            _ => String::new(),
        }
    }

    /// Increments the native call depth, throwing a RangeError when the limit or the native
    /// stack budget is exceeded.
    pub fn enter_native_call(&mut self) -> JsResult<()> {
        if self.native_call_depth >= self.max_native_call_depth || !self.native_stack_has_room() {
            return Err(self.new_range_error("Maximum call stack size exceeded"));
        }
        self.native_call_depth += 1;
        Ok(())
    }

    /// Leaves a native call entered with [`Vm::enter_native_call`].
    #[inline]
    pub fn leave_native_call(&mut self) {
        self.native_call_depth = self.native_call_depth.saturating_sub(1);
    }

    /// Creates a native function object with `length` and `name` properties (in that order, as
    /// the spec's CreateBuiltinFunction does) inheriting from %Function.prototype%.
    pub fn new_native_function(
        &mut self,
        name: &str,
        length: u32,
        function: NativeFunction,
        is_constructor: bool,
    ) -> ObjectRef {
        // Performance decision: while the built-ins are installed (realm setup and the
        // deferred globals of `crate::lazy_globals`), the `name` of a built-in function shares
        // the heap string of the atom its property key interns anyway ("push", "Map", ...)
        // instead of a copy of its own: ~450 fewer strings in every realm (strings are
        // immutable, so sharing is invisible). At run time names stay plain strings, so
        // that arbitrary names ("bound f") do not become permanent atoms.
        let name = if self.heap.building_realm
            && let PropertyKey::Atom(atom) = self.property_key_from_str(name)
        {
            self.atom_string(atom)
        } else {
            self.new_string(name)
        };
        self.new_native_function_with_data(
            Value::String(name),
            length,
            function,
            is_constructor,
            Value::Undefined,
        )
    }

    /// Like [`Vm::new_native_function`] with a name value and per-function data.
    pub fn new_native_function_with_data(
        &mut self,
        name: Value,
        length: u32,
        function: NativeFunction,
        is_constructor: bool,
        data: Value,
    ) -> ObjectRef {
        let kind = ObjectKind::NativeFunction(Box::new(NativeFunctionData {
            function,
            is_constructor,
            data,
            realm: self.current_realm,
        }));
        let prototype = self.intrinsics.function_prototype;
        self.new_function_object(kind, prototype, name, length)
    }

    /// Allocates a function object of any kind with the shared `length, name` shape. Used by
    /// the interpreter for closures (it then adds `prototype` for constructors).
    pub fn new_function_object(
        &mut self,
        kind: ObjectKind,
        prototype: ObjectRef,
        name: Value,
        length: u32,
    ) -> ObjectRef {
        let shape = self.intrinsics.function_shape;
        self.alloc_object_with_shape(
            shape,
            Some(prototype),
            kind,
            crate::object::SlotStorage::from_slice(&[Value::Number(length as f64), name]),
        )
    }

    /// The `data` of a native function object (`undefined` for other objects).
    pub fn native_function_data(&self, function: ObjectRef) -> Value {
        match &self.object(function).kind {
            ObjectKind::NativeFunction(native) => native.data,
            _ => Value::Undefined,
        }
    }

    /// Defines a native method on an object (writable, non-enumerable, configurable), as the
    /// built-ins are installed.
    pub fn define_native_method(
        &mut self,
        target: ObjectRef,
        name: &str,
        length: u32,
        function: NativeFunction,
    ) -> ObjectRef {
        let method = self.new_native_function(name, length, function, false);
        let key = self.property_key_from_str(name);
        self.define_data_property(target, key, Value::Object(method), Attributes::HIDDEN_DATA);
        method
    }

    /// GetPrototypeFromConstructor(constructor, intrinsicDefaultProto).
    pub fn get_prototype_from_constructor(
        &mut self,
        constructor: Value,
        default_prototype: ObjectRef,
    ) -> JsResult<ObjectRef> {
        let Value::Object(constructor) = constructor else {
            return Ok(default_prototype);
        };
        match self.get(constructor, PropertyKey::Atom(atoms::PROTOTYPE))? {
            Value::Object(prototype) => Ok(prototype),
            _ => self.default_prototype_in_function_realm(constructor, default_prototype),
        }
    }

    /// GetPrototypeFromConstructor step 4: `constructor.prototype` is not an object, so the
    /// result is the intrinsic `default_prototype` names, taken from GetFunctionRealm of the
    /// constructor (which differs from the current realm only for cross-realm constructors).
    #[cold]
    fn default_prototype_in_function_realm(
        &mut self,
        constructor: ObjectRef,
        default_prototype: ObjectRef,
    ) -> JsResult<ObjectRef> {
        let realm = self.get_function_realm(constructor)?;
        if realm == self.current_realm {
            return Ok(default_prototype);
        }
        let record = &self.realms[usize::from(realm.0)];
        if let Some(prototype) = self
            .intrinsics
            .corresponding_object(&record.intrinsics, default_prototype)
        {
            return Ok(prototype);
        }
        let current = crate::interpreter::RealmInterpreterState::park(&self.interpreter);
        Ok(current
            .corresponding_object(&record.interpreter, default_prototype)
            .unwrap_or(default_prototype))
    }

    /// GetFunctionRealm(obj): the [[Realm]] of a function, looking through bound functions
    /// and proxies (a TypeError for a revoked proxy); the current realm for anything else.
    pub fn get_function_realm(&mut self, object: ObjectRef) -> JsResult<RealmId> {
        let mut object = object;
        loop {
            match &self.object(object).kind {
                ObjectKind::Closure(closure) => return Ok(closure.realm),
                ObjectKind::NativeFunction(native) => return Ok(native.realm),
                ObjectKind::BoundFunction(bound) => object = bound.target,
                ObjectKind::Proxy(proxy) => match proxy.target {
                    Some(target) if proxy.handler.is_some() => object = target,
                    _ => {
                        return Err(self.new_type_error(
                            "cannot get the realm of a revoked proxy (GetFunctionRealm)",
                        ));
                    }
                },
                _ => return Ok(self.current_realm),
            }
        }
    }

    /// Creates a bound function (`Function.prototype.bind` core; the caller sets name/length).
    pub fn new_bound_function(
        &mut self,
        target: ObjectRef,
        bound_this: Value,
        bound_arguments: Vec<Value>,
    ) -> JsResult<ObjectRef> {
        let prototype = self.get_prototype_of(target)?;
        let kind = ObjectKind::BoundFunction(Box::new(BoundFunctionData {
            target,
            bound_this,
            bound_arguments: bound_arguments.into_boxed_slice(),
        }));
        let function_prototype = self.intrinsics.function_prototype;
        let empty = self.intrinsics.empty_string;
        let bound = self.new_function_object(kind, function_prototype, Value::String(empty), 0);
        self.object_mut(bound).prototype = prototype;
        Ok(bound)
    }

    /// SetFunctionName-like helper: overwrites the `name` own property (defines it when absent).
    pub fn set_function_name(&mut self, function: ObjectRef, name: StringRef) {
        let descriptor = PropertyDescriptor::data(Value::String(name), false, false, true);
        // Defining on a function we just created cannot fail or throw (no proxies/accessors).
        let _ = self.define_own_property(function, PropertyKey::Atom(atoms::NAME), descriptor);
    }
}
