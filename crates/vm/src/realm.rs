//! The `Vm` (one agent, one or more realms): heap, atoms, intrinsics, register stack, handle
//! stack, host, and garbage collection roots.
//!
//! Realms: a `Vm` starts with one realm (id 0) and [`Vm::create_realm`] adds more (test262's
//! `$262.createRealm()`). All realms share the heap, the atoms, the `Symbol.for` registry and
//! the well-known symbols (they are agent-wide in the spec). Each realm owns its intrinsics
//! (and so its global object) and a few lazily created interpreter intrinsics. The *current*
//! realm's state lives in `vm.intrinsics` (and `vm.interpreter`), exactly where the
//! single-realm engine keeps it, so no built-in pays an indirection for realms; the other
//! realms' state is parked in `vm.realms`. Every function object records its [[Realm]]
//! (`ClosureData::realm` / `NativeFunctionData::realm`); a call to a function of another
//! realm swaps the parked state in for the duration of the call ([`Vm::switch_realm`]).
//!
//! Performance decision: the call path pays one compare of the callee's realm id with
//! `vm.current_realm` (a `u16` that fits in the padding of the function data, so no object
//! grows); the realm-crossing branch is cold and copies the intrinsics table (well under a
//! kilobyte) in and out. A program that never creates a realm never takes it. The dispatch
//! loop's inline call path folds the compare into the flag it already tested (the linked
//! code records its realm in `LinkedFunction::plain_call_realm`), so it adds no branch
//! there. Measured with callgrind on fib(30) (1.66 million calls): a separate compare of
//! `closure.realm` on that path cost +1.8% instructions (1,045.9 M to 1,064.7 M); the folded
//! form costs +0.26% (1,048.6 M), the load of `vm.current_realm`.
//!
//! Creation order in [`Vm::new`]: heap and atom table, the root and function shapes, the
//! well-known symbols, %Object.prototype% and %Function.prototype%, every other prototype,
//! minimal constructors (placeholders the built-ins replace), the global object, and finally
//! `crate::builtins::install(vm)`.
//!
//! GC roots ([`Vm::collect_garbage`]): intrinsics, the atom table, the register stack
//! `stack` (all of `0 .. len()`), the handle stack `handles`, the symbol registry, the job
//! queue, the module records (`crate::modules::ModuleRegistry::trace`), and whatever the
//! interpreter reports through `crate::interpreter::trace_roots`.

use std::collections::VecDeque;

use rustc_hash::FxHashMap;
use tseval_gc::{CollectionKind, Trace, Tracer};

use crate::atom::{Atom, AtomTable, PropertyKey, Symbol, atoms, hash_str};
use crate::function::Args;
use crate::heap::{Heap, HeapCounts};
use crate::host::{Host, StdioHost};
use crate::object::{ObjectKind, PropertyDescriptor};
use crate::shape::{Attributes, Shape};
use crate::string::JsString;
use crate::value::{JsResult, ObjectRef, ShapeId, StringRef, SymbolRef, Value, trace_values};

/// The well-known symbols (`Symbol.iterator`, ...).
#[derive(Clone, Copy, Debug)]
pub struct WellKnownSymbols {
    /// `Symbol.asyncDispose`.
    pub async_dispose: SymbolRef,
    /// `Symbol.asyncIterator`.
    pub async_iterator: SymbolRef,
    /// `Symbol.dispose`.
    pub dispose: SymbolRef,
    /// `Symbol.hasInstance`.
    pub has_instance: SymbolRef,
    /// `Symbol.isConcatSpreadable`.
    pub is_concat_spreadable: SymbolRef,
    /// `Symbol.iterator`.
    pub iterator: SymbolRef,
    /// `Symbol.match`.
    pub match_: SymbolRef,
    /// `Symbol.matchAll`.
    pub match_all: SymbolRef,
    /// `Symbol.replace`.
    pub replace: SymbolRef,
    /// `Symbol.search`.
    pub search: SymbolRef,
    /// `Symbol.species`.
    pub species: SymbolRef,
    /// `Symbol.split`.
    pub split: SymbolRef,
    /// `Symbol.toPrimitive`.
    pub to_primitive: SymbolRef,
    /// `Symbol.toStringTag`.
    pub to_string_tag: SymbolRef,
    /// `Symbol.unscopables`.
    pub unscopables: SymbolRef,
}

impl WellKnownSymbols {
    fn all(&self) -> [SymbolRef; 15] {
        [
            self.async_dispose,
            self.async_iterator,
            self.dispose,
            self.has_instance,
            self.is_concat_spreadable,
            self.iterator,
            self.match_,
            self.match_all,
            self.replace,
            self.search,
            self.species,
            self.split,
            self.to_primitive,
            self.to_string_tag,
            self.unscopables,
        ]
    }
}

macro_rules! intrinsic_objects {
    ($($(#[$meta:meta])* $field:ident),* $(,)?) => {
        /// The realm's intrinsic objects. Every field exists from `Vm::new` on; the built-ins
        /// may replace any of them (for example a full constructor replacing a placeholder).
        #[derive(Clone, Debug)]
        pub struct Intrinsics {
            /// The empty root shape every new ordinary object starts from.
            pub root_shape: ShapeId,
            /// The empty root shape of arrays (separate so caches never mix arrays with
            /// ordinary objects, whose `length` is not virtual).
            pub array_root_shape: ShapeId,
            /// The empty root shape of String wrapper objects.
            pub string_wrapper_root_shape: ShapeId,
            /// The shape of every Proxy object: it never gets a property, and it is distinct
            /// from `root_shape` so no inline cache entry made for an ordinary object can
            /// ever match a proxy.
            pub proxy_root_shape: ShapeId,
            /// Shape `{ length, name }` (both non-writable, non-enumerable, configurable)
            /// shared by new function objects.
            pub function_shape: ShapeId,
            /// The empty string.
            pub empty_string: StringRef,
            /// The well-known symbols.
            pub symbols: WellKnownSymbols,
            /// The concrete typed array constructors (%Int8Array% ...), in
            /// `ElementType::ALL` order.
            pub typed_array_constructors: [ObjectRef; 12],
            /// Their prototypes (%Int8Array.prototype% ...), in the same order.
            pub typed_array_prototypes: [ObjectRef; 12],
            $($(#[$meta])* pub $field: ObjectRef,)*
        }

        impl Intrinsics {
            fn trace(&self, tracer: &mut Tracer) {
                tracer.push(self.root_shape);
                tracer.push(self.array_root_shape);
                tracer.push(self.string_wrapper_root_shape);
                tracer.push(self.proxy_root_shape);
                tracer.push(self.function_shape);
                tracer.push(self.empty_string);
                for symbol in self.symbols.all() {
                    tracer.push(symbol);
                }
                for object in self.typed_array_constructors {
                    tracer.push(object);
                }
                for object in self.typed_array_prototypes {
                    tracer.push(object);
                }
                $(tracer.push(self.$field);)*
            }

            /// The intrinsic of `other` (another realm's table) that corresponds to the
            /// intrinsic `object` of this table, if `object` is one. Used by
            /// GetPrototypeFromConstructor's fallback to the constructor's realm (cold).
            pub fn corresponding_object(
                &self,
                other: &Intrinsics,
                object: ObjectRef,
            ) -> Option<ObjectRef> {
                let mine = self.typed_array_constructors.iter().chain(&self.typed_array_prototypes);
                let theirs =
                    other.typed_array_constructors.iter().chain(&other.typed_array_prototypes);
                for (mine, theirs) in mine.zip(theirs) {
                    if *mine == object {
                        return Some(*theirs);
                    }
                }
                $(if self.$field == object {
                    return Some(other.$field);
                })*
                None
            }
        }
    };
}

intrinsic_objects! {
    /// The global object (`globalThis`).
    global_object,
    /// %Object.prototype%.
    object_prototype,
    /// %Function.prototype% (itself a native function returning undefined).
    function_prototype,
    /// %Array.prototype% (itself an array).
    array_prototype,
    /// %String.prototype%.
    string_prototype,
    /// %Number.prototype%.
    number_prototype,
    /// %Boolean.prototype%.
    boolean_prototype,
    /// %Symbol.prototype%.
    symbol_prototype,
    /// %BigInt.prototype%.
    bigint_prototype,
    /// %Error.prototype%.
    error_prototype,
    /// %TypeError.prototype%.
    type_error_prototype,
    /// %RangeError.prototype%.
    range_error_prototype,
    /// %SyntaxError.prototype%.
    syntax_error_prototype,
    /// %ReferenceError.prototype%.
    reference_error_prototype,
    /// %EvalError.prototype%.
    eval_error_prototype,
    /// %URIError.prototype%.
    uri_error_prototype,
    /// %AggregateError.prototype%.
    aggregate_error_prototype,
    /// %SuppressedError.prototype%.
    suppressed_error_prototype,
    /// The realm's global declarative record: top-level lexical bindings shared by its
    /// scripts (see `interpreter::properties`); an internal object without prototype.
    global_lexical_object,
    /// The names of the realm's global var and function declarations (the global record's
    /// [[VarNames]]); an internal object without prototype.
    global_var_names_object,
    /// %IteratorPrototype%.
    iterator_prototype,
    /// %ArrayIteratorPrototype%.
    array_iterator_prototype,
    /// %MapIteratorPrototype%.
    map_iterator_prototype,
    /// %SetIteratorPrototype%.
    set_iterator_prototype,
    /// %StringIteratorPrototype%.
    string_iterator_prototype,
    /// %RegExpStringIteratorPrototype%.
    regexp_string_iterator_prototype,
    /// %IteratorHelperPrototype%.
    iterator_helper_prototype,
    /// %WrapForValidIteratorPrototype%.
    wrap_for_valid_iterator_prototype,
    /// %Iterator% (the abstract constructor; installed by the built-ins).
    iterator_constructor,
    /// %Map.prototype%.
    map_prototype,
    /// %Set.prototype%.
    set_prototype,
    /// %WeakMap.prototype%.
    weak_map_prototype,
    /// %WeakSet.prototype%.
    weak_set_prototype,
    /// %Date.prototype%.
    date_prototype,
    /// %RegExp.prototype%.
    regexp_prototype,
    /// %Promise.prototype%.
    promise_prototype,
    /// %ArrayBuffer.prototype%.
    array_buffer_prototype,
    /// %SharedArrayBuffer.prototype%.
    shared_array_buffer_prototype,
    /// %TypedArray.prototype%.
    typed_array_prototype,
    /// %DataView.prototype%.
    data_view_prototype,
    /// %ArrayBuffer%.
    array_buffer_constructor,
    /// %SharedArrayBuffer%.
    shared_array_buffer_constructor,
    /// %TypedArray%.
    typed_array_constructor,
    /// %GeneratorFunction.prototype% (the prototype of generator functions).
    generator_function_prototype,
    /// %GeneratorPrototype% (the prototype of generator objects).
    generator_prototype,
    /// %AsyncFunction.prototype%.
    async_function_prototype,
    /// %Object%.
    object_constructor,
    /// %Function%.
    function_constructor,
    /// %Array%.
    array_constructor,
    /// %String%.
    string_constructor,
    /// %Number%.
    number_constructor,
    /// %Boolean%.
    boolean_constructor,
    /// %Symbol%.
    symbol_constructor,
    /// %BigInt%.
    bigint_constructor,
    /// %Error%.
    error_constructor,
    /// %TypeError%.
    type_error_constructor,
    /// %RangeError%.
    range_error_constructor,
    /// %SyntaxError%.
    syntax_error_constructor,
    /// %ReferenceError%.
    reference_error_constructor,
    /// %EvalError%.
    eval_error_constructor,
    /// %URIError%.
    uri_error_constructor,
    /// %AggregateError%.
    aggregate_error_constructor,
    /// %SuppressedError%.
    suppressed_error_constructor,
    /// %Map%.
    map_constructor,
    /// %Set%.
    set_constructor,
    /// %WeakMap%.
    weak_map_constructor,
    /// %WeakSet%.
    weak_set_constructor,
    /// %Date%.
    date_constructor,
    /// %RegExp%.
    regexp_constructor,
    /// %Promise%.
    promise_constructor,
    /// %ThrowTypeError%.
    throw_type_error,
    /// `Function.prototype[Symbol.hasInstance]` (instanceof skips calling it: fast path).
    function_has_instance,
    /// %eval% (a call `eval(...)` is a direct eval only when it calls this object).
    eval_function,
}

/// Identifies a realm of a `Vm` (an index into `Vm::realms`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct RealmId(pub u16);

impl RealmId {
    /// Never the id of a realm (`Vm::create_realm` stops below it).
    pub const NONE: RealmId = RealmId(u16::MAX);
}

/// A realm record as parked in `Vm::realms`.
///
/// `intrinsics` and `interpreter` are valid only while the realm is NOT the current one (the
/// current realm's live copies are `vm.intrinsics` and the realm fields of `vm.interpreter`);
/// `host_defined` is always valid.
#[derive(Clone, Debug)]
pub struct RealmRecord {
    /// The realm's intrinsics (parked).
    pub intrinsics: Intrinsics,
    /// The realm's lazily created interpreter intrinsics (parked).
    pub interpreter: crate::interpreter::RealmInterpreterState,
    /// [[HostDefined]]: what the embedder attached to the realm (the test262 host keeps the
    /// realm's `$262` object here).
    pub host_defined: Value,
}

/// A job the VM runs itself, without a function object: the promise reaction and
/// thenable-resolution jobs, with up to three values.
pub type InternalJob = fn(&mut Vm, [Value; 3]) -> JsResult<()>;

/// A pending job (microtask): `function.call(this, ...arguments)`, or an internal job.
///
/// Performance decision: every `await` and every settled `then` queues a promise reaction job;
/// as a native function object plus an argument vector that cost three allocations per job.
/// Internal jobs carry their function pointer and values inline.
#[derive(Clone, Debug)]
pub struct Job {
    /// The callable to run (undefined for an internal job).
    pub function: Value,
    /// Its `this`.
    pub this: Value,
    /// Its arguments.
    pub arguments: Vec<Value>,
    /// An internal job's function, run with `values` instead of calling `function`.
    pub internal: Option<InternalJob>,
    /// An internal job's values.
    pub values: [Value; 3],
}

impl Job {
    /// A job that calls `function` with `this` and `arguments`.
    pub fn call(function: Value, this: Value, arguments: Vec<Value>) -> Job {
        Job {
            function,
            this,
            arguments,
            internal: None,
            values: [Value::Undefined; 3],
        }
    }

    /// An internal job.
    pub fn internal(function: InternalJob, values: [Value; 3]) -> Job {
        Job {
            function: Value::Undefined,
            this: Value::Undefined,
            arguments: Vec::new(),
            internal: Some(function),
            values,
        }
    }

    /// Traces the values the job holds.
    pub fn trace(&self, tracer: &mut tseval_gc::Tracer) {
        self.function.trace(tracer);
        self.this.trace(tracer);
        trace_values(&self.arguments, tracer);
        trace_values(&self.values, tracer);
    }

    /// Runs the job.
    pub fn run(self, vm: &mut Vm) -> JsResult<()> {
        match self.internal {
            Some(function) => {
                let scope = vm.open_handle_scope();
                for value in self.values {
                    vm.root(value);
                }
                let result = function(vm, self.values);
                vm.close_handle_scope(scope);
                result
            }
            None => vm
                .call(self.function, self.this, &self.arguments)
                .map(|_| ()),
        }
    }
}

/// Marks the handle stack depth at scope entry; see [`Vm::open_handle_scope`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[must_use = "close the scope with Vm::close_handle_scope"]
pub struct HandleScope(usize);

/// Hook for capturing the JS call stack as text (installed by the interpreter). The text is
/// the part after the first line of `error.stack`, e.g. `"    at f (file.ts:3:5)\n    at ..."`.
pub type StackTraceHook = fn(&Vm) -> String;

/// The virtual machine: one realm plus execution state.
pub struct Vm {
    /// All GC arenas.
    pub heap: Heap,
    /// Interned property names.
    pub atoms: AtomTable,
    /// The names RegExpExec and `RegExp.prototype.flags` read (`exec`, then the eight flag
    /// getters), interned on first use (see `builtins::regexp::regexp_property_atoms`).
    pub(crate) regexp_property_atoms: Option<[crate::atom::Atom; 9]>,
    /// Intrinsic objects, shapes and symbols of the current realm.
    pub intrinsics: Intrinsics,
    /// The current realm (the realm of the running function).
    pub current_realm: RealmId,
    /// Every realm's record, indexed by `RealmId` (see [`RealmRecord`] for which parts are
    /// valid for the current realm).
    pub realms: Vec<RealmRecord>,
    /// THE register stack. Frames are windows into it. `len()` is the end of the live region;
    /// every value below `len()` is a GC root.
    pub stack: Vec<Value>,
    /// The handle stack: native code pushes heap values it holds across calls back into JS
    /// (see [`Vm::open_handle_scope`]).
    pub handles: Vec<Value>,
    /// `Symbol.for` registry.
    pub symbol_registry: FxHashMap<Atom, SymbolRef>,
    /// Pending jobs (promise reactions), run by the embedder/interpreter after the script.
    pub jobs: VecDeque<Job>,
    /// The event loop's clock, the `process.nextTick` queue and the exit request (see
    /// `crate::builtins::process`).
    pub event_loop: crate::builtins::process::EventLoopState,
    /// `console.group` depth, `console.count` counters and `console.time` timers.
    pub console: crate::builtins::console_extras::ConsoleState,
    /// Bumped whenever an object that inline caches depend on (as a prototype) changes
    /// layout; prototype-chain cache entries remember the epoch they were filled in.
    pub prototype_epoch: u32,
    /// Depth of nested `Vm::call`/`construct` (native re-entry into JS).
    pub native_call_depth: u32,
    /// Limit of `native_call_depth`.
    pub max_native_call_depth: u32,
    /// Native stack address at the outermost entry (set lazily), for the stack budget check.
    pub native_stack_base: usize,
    /// How many bytes of native stack the VM may use below `native_stack_base` before throwing
    /// a RangeError. The embedder raises it when it runs the VM on a bigger thread stack.
    pub native_stack_budget: usize,
    /// Cached one-code-unit strings for code units 0..256 (filled on first use).
    pub single_character_strings: Vec<StringRef>,
    /// Cached strings "0".."255" (filled on first use).
    pub small_integer_strings: Vec<StringRef>,
    /// Output sink.
    pub host: Box<dyn Host>,
    /// Captures the JS stack for `error.stack` (installed by the interpreter).
    pub stack_trace_hook: Option<StackTraceHook>,
    /// Interpreter state (frames, linked code, ...), owned by the interpreter module.
    pub interpreter: crate::interpreter::InterpreterState,
    /// The module map, the module records and the host's module loader.
    pub modules: crate::modules::ModuleRegistry,
    /// The object with an [[IsHTMLDDA]] internal slot (Annex B), or `ObjectRef(u32::MAX)`
    /// when there is none. Only the test262 host creates one (`$262.IsHTMLDDA`). A field
    /// instead of an object kind or flag keeps the cost in ToBoolean / typeof / `==` at one
    /// compare of an object handle with this field; the object is a GC root so its handle is
    /// never reused.
    pub html_dda_object: ObjectRef,
    /// Built-in globals of the first realm not created yet (see `crate::lazy_globals`).
    pub lazy_globals: crate::lazy_globals::LazyGlobals,
    /// Built-in objects of the first realm whose properties are not installed yet (see
    /// `crate::deferred_contents`).
    pub deferred_contents: crate::deferred_contents::DeferredContents,
}

impl std::fmt::Debug for Vm {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Vm")
            .field("heap", &self.heap.counts())
            .field("stack_len", &self.stack.len())
            .field("handles", &self.handles.len())
            .finish_non_exhaustive()
    }
}

impl Default for Vm {
    fn default() -> Self {
        Vm::new()
    }
}

/// A native function that returns `undefined` (the behaviour of %Function.prototype%).
fn return_undefined(_vm: &mut Vm, _this: Value, _args: Args) -> JsResult<Value> {
    Ok(Value::Undefined)
}

/// %ThrowTypeError%.
fn throw_type_error_function(vm: &mut Vm, _this: Value, _args: Args) -> JsResult<Value> {
    Err(vm.new_type_error("'caller', 'callee', and 'arguments' properties may not be accessed"))
}

/// `Function.prototype[Symbol.hasInstance](value)`: OrdinaryHasInstance(this, value).
fn function_has_instance(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let value = args.get(vm, 0);
    vm.ordinary_has_instance(this, value).map(Value::Boolean)
}

/// Placeholder behaviour of constructors the built-ins have not replaced yet.
fn constructor_not_installed(vm: &mut Vm, _this: Value, _args: Args) -> JsResult<Value> {
    Err(vm.new_type_error("this built-in constructor is not implemented yet"))
}

/// Minimal `Object(value)` / `new Object()`: the built-ins replace it with the full version.
fn minimal_object_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let value = args.get(vm, 0);
    if value.is_nullish() {
        return Ok(Value::Object(vm.new_object()));
    }
    vm.to_object(value).map(Value::Object)
}

impl Vm {
    /// Creates a realm with a stdout/stderr host.
    pub fn new() -> Vm {
        Vm::with_host(Box::new(StdioHost::new()))
    }

    /// Creates a realm with the given host.
    pub fn with_host(host: Box<dyn Host>) -> Vm {
        let mut heap = Heap::new();
        let root_shape: ShapeId = heap.shapes.allocate(Shape::root());
        let empty_string: StringRef = heap.strings.allocate(JsString::empty());
        // Placeholders that are overwritten below before anything reads them.
        let placeholder_object = ObjectRef(u32::MAX);
        let placeholder_symbol = SymbolRef(u32::MAX);
        let symbols = WellKnownSymbols {
            async_dispose: placeholder_symbol,
            async_iterator: placeholder_symbol,
            dispose: placeholder_symbol,
            has_instance: placeholder_symbol,
            is_concat_spreadable: placeholder_symbol,
            iterator: placeholder_symbol,
            match_: placeholder_symbol,
            match_all: placeholder_symbol,
            replace: placeholder_symbol,
            search: placeholder_symbol,
            species: placeholder_symbol,
            split: placeholder_symbol,
            to_primitive: placeholder_symbol,
            to_string_tag: placeholder_symbol,
            unscopables: placeholder_symbol,
        };
        let intrinsics = Intrinsics::all_placeholders(
            root_shape,
            root_shape,
            empty_string,
            symbols,
            placeholder_object,
        );
        let mut vm = Vm {
            heap,
            atoms: AtomTable::new(),
            regexp_property_atoms: None,
            intrinsics: intrinsics.clone(),
            current_realm: RealmId(0),
            realms: vec![RealmRecord {
                intrinsics,
                interpreter: Default::default(),
                host_defined: Value::Undefined,
            }],
            // The register stack grows by doubling (amortised, and never inside a steady
            // call/return pattern); starting at 256 registers (4 KB; fib(30) needs about 150)
            // keeps small programs' total allocation low while deep recursion pays a handful
            // of reallocations (it started at 1024 registers, 16 KB, until 2026-12-07).
            stack: Vec::with_capacity(1 << 8),
            handles: Vec::new(),
            symbol_registry: FxHashMap::default(),
            jobs: VecDeque::new(),
            event_loop: crate::builtins::process::EventLoopState::new(),
            console: crate::builtins::console_extras::ConsoleState::default(),
            prototype_epoch: 0,
            native_call_depth: 0,
            max_native_call_depth: 10_000,
            native_stack_base: 0,
            native_stack_budget: 1536 * 1024,
            single_character_strings: Vec::new(),
            small_integer_strings: Vec::new(),
            host,
            stack_trace_hook: None,
            interpreter: Default::default(),
            modules: Default::default(),
            html_dda_object: ObjectRef(u32::MAX),
            lazy_globals: Default::default(),
            deferred_contents: Default::default(),
        };
        for (number, text) in atoms::ALL.iter().enumerate() {
            let atom = vm.intern_str(text);
            debug_assert_eq!(
                atom.0 as usize, number,
                "predeclared atoms must be interned first"
            );
        }
        vm.create_shapes();
        vm.create_well_known_symbols();
        vm.heap.building_realm = true;
        vm.create_prototypes();
        vm.create_constructors();
        crate::builtins::install(&mut vm);
        vm.heap.freeze_setup_dictionaries();
        vm
    }

    /// CreateRealm + SetRealmGlobalObject + SetDefaultGlobalBindings: a new realm with its
    /// own intrinsics and global object, sharing the heap, the atoms, the symbol registry
    /// and the well-known symbols with the other realms. The current realm stays current.
    /// Throws a RangeError once the realm ids are exhausted (realms are never freed).
    pub fn create_realm(&mut self) -> JsResult<RealmId> {
        let index = match u16::try_from(self.realms.len()) {
            Ok(index) if index != RealmId::NONE.0 => index,
            _ => return Err(self.new_range_error("too many realms")),
        };
        let realm = RealmId(index);
        self.realms.push(RealmRecord {
            intrinsics: self.intrinsics.clone(),
            interpreter: Default::default(),
            host_defined: Value::Undefined,
        });
        let previous = self.switch_realm(realm);
        // The same creation order as `Vm::with_host`; only the well-known symbols and the
        // empty string are shared with the existing realms.
        let root_shape = self.heap.shapes.allocate(Shape::root());
        let symbols = self.intrinsics.symbols;
        let empty_string = self.intrinsics.empty_string;
        self.intrinsics = Intrinsics::all_placeholders(
            root_shape,
            root_shape,
            empty_string,
            symbols,
            ObjectRef(u32::MAX),
        );
        self.create_shapes();
        self.create_prototypes();
        self.create_constructors();
        crate::builtins::install(self);
        crate::interpreter::install_realm_intrinsics(self);
        self.switch_realm(previous);
        Ok(realm)
    }

    /// Makes `target` the current realm and returns the previously current one: parks the
    /// current realm's state in `self.realms` and loads the target's. Called around calls to
    /// functions of another realm (cold: see the module documentation).
    #[cold]
    #[inline(never)]
    pub fn switch_realm(&mut self, target: RealmId) -> RealmId {
        let previous = self.current_realm;
        if previous == target {
            return previous;
        }
        let parked = &mut self.realms[usize::from(previous.0)];
        parked.intrinsics.clone_from(&self.intrinsics);
        parked.interpreter = crate::interpreter::RealmInterpreterState::park(&self.interpreter);
        let loaded = &self.realms[usize::from(target.0)];
        self.intrinsics.clone_from(&loaded.intrinsics);
        loaded.interpreter.restore(&mut self.interpreter);
        self.current_realm = target;
        previous
    }

    /// True for the object with an [[IsHTMLDDA]] internal slot (see `html_dda_object`).
    #[inline]
    pub fn is_html_dda(&self, object: ObjectRef) -> bool {
        object == self.html_dda_object
    }

    /// The intrinsics of `realm` (the live copy for the current realm, the parked one
    /// otherwise).
    pub fn realm_intrinsics(&self, realm: RealmId) -> &Intrinsics {
        if realm == self.current_realm {
            &self.intrinsics
        } else {
            &self.realms[usize::from(realm.0)].intrinsics
        }
    }

    fn create_shapes(&mut self) {
        self.intrinsics.array_root_shape = self.heap.shapes.allocate(Shape::root());
        self.intrinsics.string_wrapper_root_shape = self.heap.shapes.allocate(Shape::root());
        self.intrinsics.proxy_root_shape = self.heap.shapes.allocate(Shape::root());
        let root = self.intrinsics.root_shape;
        let (with_length, _) = self.heap.shape_add_transition(
            root,
            PropertyKey::Atom(atoms::LENGTH),
            Attributes::CONFIGURABLE_ONLY,
        );
        let (with_name, _) = self.heap.shape_add_transition(
            with_length,
            PropertyKey::Atom(atoms::NAME),
            Attributes::CONFIGURABLE_ONLY,
        );
        self.intrinsics.function_shape = with_name;
    }

    fn create_well_known_symbols(&mut self) {
        let make = |vm: &mut Vm, description: &str| vm.new_symbol(Some(description));
        self.intrinsics.symbols = WellKnownSymbols {
            async_dispose: make(self, "Symbol.asyncDispose"),
            async_iterator: make(self, "Symbol.asyncIterator"),
            dispose: make(self, "Symbol.dispose"),
            has_instance: make(self, "Symbol.hasInstance"),
            is_concat_spreadable: make(self, "Symbol.isConcatSpreadable"),
            iterator: make(self, "Symbol.iterator"),
            match_: make(self, "Symbol.match"),
            match_all: make(self, "Symbol.matchAll"),
            replace: make(self, "Symbol.replace"),
            search: make(self, "Symbol.search"),
            species: make(self, "Symbol.species"),
            split: make(self, "Symbol.split"),
            to_primitive: make(self, "Symbol.toPrimitive"),
            to_string_tag: make(self, "Symbol.toStringTag"),
            unscopables: make(self, "Symbol.unscopables"),
        };
    }

    fn create_prototypes(&mut self) {
        let object_prototype = self.alloc_object(None, ObjectKind::Ordinary);
        self.intrinsics.object_prototype = object_prototype;
        // %Function.prototype% is itself callable; its shape gets length 0 and name "".
        self.intrinsics.function_prototype = object_prototype;
        let empty = Value::String(self.intrinsics.empty_string);
        let function_prototype =
            self.new_native_function_with_data(empty, 0, return_undefined, false, Value::Undefined);
        self.object_mut(function_prototype).prototype = Some(object_prototype);
        self.intrinsics.function_prototype = function_prototype;

        let ordinary = |vm: &mut Vm, prototype: ObjectRef| {
            vm.alloc_object(Some(prototype), ObjectKind::Ordinary)
        };
        self.intrinsics.array_prototype = self.alloc_object(
            Some(object_prototype),
            ObjectKind::Array(crate::object::ArrayData {
                length: 0,
                length_writable: true,
            }),
        );
        self.intrinsics.string_prototype = self.alloc_object(
            Some(object_prototype),
            ObjectKind::StringWrapper(self.intrinsics.empty_string),
        );
        self.intrinsics.number_prototype =
            self.alloc_object(Some(object_prototype), ObjectKind::NumberWrapper(0.0));
        self.intrinsics.boolean_prototype =
            self.alloc_object(Some(object_prototype), ObjectKind::BooleanWrapper(false));
        self.intrinsics.symbol_prototype = ordinary(self, object_prototype);
        self.intrinsics.bigint_prototype = ordinary(self, object_prototype);
        let error_prototype = ordinary(self, object_prototype);
        self.intrinsics.error_prototype = error_prototype;
        self.intrinsics.type_error_prototype = ordinary(self, error_prototype);
        self.intrinsics.range_error_prototype = ordinary(self, error_prototype);
        self.intrinsics.syntax_error_prototype = ordinary(self, error_prototype);
        self.intrinsics.reference_error_prototype = ordinary(self, error_prototype);
        self.intrinsics.eval_error_prototype = ordinary(self, error_prototype);
        self.intrinsics.uri_error_prototype = ordinary(self, error_prototype);
        self.intrinsics.aggregate_error_prototype = ordinary(self, error_prototype);
        self.intrinsics.suppressed_error_prototype = ordinary(self, error_prototype);
        self.intrinsics.global_lexical_object = self.alloc_object(None, ObjectKind::Ordinary);
        self.intrinsics.global_var_names_object = self.alloc_object(None, ObjectKind::Ordinary);
        let iterator_prototype = ordinary(self, object_prototype);
        self.intrinsics.iterator_prototype = iterator_prototype;
        self.intrinsics.array_iterator_prototype = ordinary(self, iterator_prototype);
        self.intrinsics.map_iterator_prototype = ordinary(self, iterator_prototype);
        self.intrinsics.set_iterator_prototype = ordinary(self, iterator_prototype);
        self.intrinsics.string_iterator_prototype = ordinary(self, iterator_prototype);
        self.intrinsics.regexp_string_iterator_prototype = ordinary(self, iterator_prototype);
        self.intrinsics.iterator_helper_prototype = ordinary(self, iterator_prototype);
        self.intrinsics.wrap_for_valid_iterator_prototype = ordinary(self, iterator_prototype);
        self.intrinsics.map_prototype = ordinary(self, object_prototype);
        self.intrinsics.set_prototype = ordinary(self, object_prototype);
        self.intrinsics.weak_map_prototype = ordinary(self, object_prototype);
        self.intrinsics.weak_set_prototype = ordinary(self, object_prototype);
        self.intrinsics.date_prototype = ordinary(self, object_prototype);
        self.intrinsics.regexp_prototype = ordinary(self, object_prototype);
        self.intrinsics.promise_prototype = ordinary(self, object_prototype);
        self.intrinsics.generator_function_prototype = ordinary(self, function_prototype);
        self.intrinsics.generator_prototype = ordinary(self, iterator_prototype);
        self.intrinsics.async_function_prototype = ordinary(self, function_prototype);
        let global = ordinary(self, object_prototype);
        self.intrinsics.global_object = global;
        // Performance decision: the global object receives 81 properties during setup (counted
        // 2026-12-07); building its property table and slots at that size at once, instead
        // of doubling from 4, saves about 5 KB of intermediate blocks at every startup.
        // (Only while the first realm is built: its dictionary is frozen at the end, and a
        // realm made by `Vm::create_realm` keeps building its global with tree transitions.)
        if self.heap.building_realm {
            let dictionary = self.give_private_shape(global);
            self.heap
                .shapes
                .get_mut(dictionary)
                .reserve_entries(Vm::GLOBAL_PROPERTY_RESERVATION);
            self.object_mut(global).slots =
                crate::object::SlotStorage::with_capacity(Vm::GLOBAL_PROPERTY_RESERVATION);
        }
        let thrower = self.new_native_function("", 0, throw_type_error_function, false);
        self.object_mut(thrower).extensible = false;
        self.intrinsics.throw_type_error = thrower;
        let has_instance =
            self.new_native_function("[Symbol.hasInstance]", 1, function_has_instance, false);
        let key = PropertyKey::Symbol(self.intrinsics.symbols.has_instance);
        self.define_data_property(
            function_prototype,
            key,
            Value::Object(has_instance),
            Attributes::FROZEN,
        );
        self.intrinsics.function_has_instance = has_instance;
    }

    /// Room reserved for the global object's properties at realm setup (81 are defined).
    const GLOBAL_PROPERTY_RESERVATION: usize = 88;

    /// Creates a constructor, links `C.prototype` / `P.constructor`, and defines it on the
    /// global object.
    pub(crate) fn create_constructor(
        &mut self,
        name: &str,
        length: u32,
        function: crate::function::NativeFunction,
        prototype: ObjectRef,
    ) -> ObjectRef {
        self.create_constructor_with(name, length, function, prototype, false)
    }

    /// [`Vm::create_constructor`] for a family of constructors and prototypes with the same
    /// keys (the NativeErrors): their properties follow shared tree-shape transitions instead
    /// of one private shape per object (see [`Vm::define_data_property_in_shared_shape`]).
    fn create_constructor_sharing_shapes(
        &mut self,
        name: &str,
        length: u32,
        function: crate::function::NativeFunction,
        prototype: ObjectRef,
    ) -> ObjectRef {
        self.create_constructor_with(name, length, function, prototype, true)
    }

    fn create_constructor_with(
        &mut self,
        name: &str,
        length: u32,
        function: crate::function::NativeFunction,
        prototype: ObjectRef,
        share_shapes: bool,
    ) -> ObjectRef {
        let constructor = self.new_native_function(name, length, function, true);
        let define = if share_shapes {
            Vm::define_data_property_in_shared_shape
        } else {
            Vm::define_data_property
        };
        define(
            self,
            constructor,
            PropertyKey::Atom(atoms::PROTOTYPE),
            Value::Object(prototype),
            Attributes::FROZEN,
        );
        define(
            self,
            prototype,
            PropertyKey::Atom(atoms::CONSTRUCTOR),
            Value::Object(constructor),
            Attributes::HIDDEN_DATA,
        );
        let global = self.intrinsics.global_object;
        let key = self.property_key_from_str(name);
        self.define_data_property(
            global,
            key,
            Value::Object(constructor),
            Attributes::HIDDEN_DATA,
        );
        constructor
    }

    fn create_constructors(&mut self) {
        use crate::error::{ErrorKind, error_constructor_function};
        let intrinsics = self.intrinsics.clone();
        let placeholder = constructor_not_installed;
        self.intrinsics.object_constructor = self.create_constructor(
            "Object",
            1,
            minimal_object_constructor,
            intrinsics.object_prototype,
        );
        self.intrinsics.function_constructor =
            self.create_constructor("Function", 1, placeholder, intrinsics.function_prototype);
        self.intrinsics.array_constructor =
            self.create_constructor("Array", 1, placeholder, intrinsics.array_prototype);
        self.intrinsics.string_constructor =
            self.create_constructor("String", 1, placeholder, intrinsics.string_prototype);
        self.intrinsics.number_constructor =
            self.create_constructor("Number", 1, placeholder, intrinsics.number_prototype);
        self.intrinsics.boolean_constructor =
            self.create_constructor("Boolean", 1, placeholder, intrinsics.boolean_prototype);
        self.intrinsics.symbol_constructor =
            self.create_constructor("Symbol", 0, placeholder, intrinsics.symbol_prototype);
        self.intrinsics.bigint_constructor =
            self.create_constructor("BigInt", 1, placeholder, intrinsics.bigint_prototype);
        let error = self.create_constructor(
            "Error",
            1,
            error_constructor_function,
            intrinsics.error_prototype,
        );
        self.intrinsics.error_constructor = error;
        for kind in ErrorKind::ALL {
            let prototype = self.error_prototype_for(kind);
            let name_atom = kind.name_atom();
            let name_value = Value::String(self.atom_string(name_atom));
            self.define_data_property_in_shared_shape(
                prototype,
                PropertyKey::Atom(atoms::NAME),
                name_value,
                Attributes::HIDDEN_DATA,
            );
            let empty = Value::String(self.intrinsics.empty_string);
            self.define_data_property_in_shared_shape(
                prototype,
                PropertyKey::Atom(atoms::MESSAGE),
                empty,
                Attributes::HIDDEN_DATA,
            );
            if kind == ErrorKind::Error {
                continue;
            }
            let name = kind.name();
            let length = match kind {
                ErrorKind::AggregateError => 2,
                ErrorKind::SuppressedError => 3,
                _ => 1,
            };
            let constructor = self.create_constructor_sharing_shapes(
                name,
                length,
                error_constructor_function,
                prototype,
            );
            // NativeError constructors inherit from %Error%.
            self.object_mut(constructor).prototype = Some(error);
            match kind {
                ErrorKind::TypeError => self.intrinsics.type_error_constructor = constructor,
                ErrorKind::RangeError => self.intrinsics.range_error_constructor = constructor,
                ErrorKind::SyntaxError => self.intrinsics.syntax_error_constructor = constructor,
                ErrorKind::ReferenceError => {
                    self.intrinsics.reference_error_constructor = constructor
                }
                ErrorKind::EvalError => self.intrinsics.eval_error_constructor = constructor,
                ErrorKind::UriError => self.intrinsics.uri_error_constructor = constructor,
                ErrorKind::AggregateError => {
                    self.intrinsics.aggregate_error_constructor = constructor
                }
                ErrorKind::SuppressedError => {
                    self.intrinsics.suppressed_error_constructor = constructor
                }
                ErrorKind::Error => {}
            }
        }
        self.intrinsics.map_constructor =
            self.create_constructor("Map", 0, placeholder, intrinsics.map_prototype);
        self.intrinsics.set_constructor =
            self.create_constructor("Set", 0, placeholder, intrinsics.set_prototype);
        self.intrinsics.weak_map_constructor =
            self.create_constructor("WeakMap", 0, placeholder, intrinsics.weak_map_prototype);
        self.intrinsics.weak_set_constructor =
            self.create_constructor("WeakSet", 0, placeholder, intrinsics.weak_set_prototype);
        self.intrinsics.date_constructor =
            self.create_constructor("Date", 7, placeholder, intrinsics.date_prototype);
        self.intrinsics.regexp_constructor =
            self.create_constructor("RegExp", 2, placeholder, intrinsics.regexp_prototype);
        self.intrinsics.promise_constructor =
            self.create_constructor("Promise", 1, placeholder, intrinsics.promise_prototype);
        // `globalThis` hands the global object to JavaScript, so its first read creates the
        // deferred globals (see `crate::lazy_globals`).
        self.define_lazy_global("globalThis", crate::lazy_globals::global_object_alias);
        let global = self.intrinsics.global_object;
        for (name, value) in [("NaN", f64::NAN), ("Infinity", f64::INFINITY)] {
            let key = self.property_key_from_str(name);
            self.define_data_property(global, key, Value::Number(value), Attributes::FROZEN);
        }
        self.define_data_property(
            global,
            PropertyKey::Atom(atoms::UNDEFINED),
            Value::Undefined,
            Attributes::FROZEN,
        );
    }

    // ----- strings, atoms, symbols -----

    /// Allocates a heap string.
    ///
    /// The debt charged is the node plus its content buffer: a rope node is charged only its
    /// node (it copies nothing). Charging ropes their full length made a `s += c` loop over
    /// a 200,000-character string look like 20 GB of allocation and collect thousands of
    /// times (~74% of strings.js).
    #[inline]
    pub fn alloc_string(&mut self, string: JsString) -> StringRef {
        self.heap
            .accounting
            .note_allocation(std::mem::size_of::<JsString>() + string.content_bytes());
        self.heap.strings.allocate(string)
    }

    /// Allocates a heap string from Rust text.
    pub fn new_string(&mut self, text: &str) -> StringRef {
        if text.is_empty() {
            return self.intrinsics.empty_string;
        }
        self.alloc_string(JsString::from_str(text))
    }

    /// The string behind a handle, flattened if it was a rope (see `string.rs`).
    #[inline]
    pub fn string(&self, string: StringRef) -> &JsString {
        let content = self.heap.strings.get(string);
        if !content.is_flat() {
            self.flatten_rope(content);
        }
        content
    }

    /// Flattens a rope in place (out of line: `Vm::string` is inlined everywhere).
    #[cold]
    #[inline(never)]
    fn flatten_rope(&self, content: &JsString) {
        JsString::flatten_in(content, &self.heap.strings);
        // The flat buffer is new memory the rope's allocation was not charged for.
        self.heap
            .accounting
            .note_extra_bytes(content.content_bytes());
    }

    /// A string's content as a Rust string (lone surrogates become U+FFFD).
    pub fn string_to_rust(&self, string: StringRef) -> String {
        self.string(string).to_rust_string_lossy()
    }

    /// Interns Rust text as an atom. Does not special-case array indices (see
    /// [`Vm::property_key_from_str`]).
    pub fn intern_str(&mut self, text: &str) -> Atom {
        let hash = hash_str(text);
        let strings = &self.heap.strings;
        if let Some(atom) = self
            .atoms
            .find(hash, |candidate| strings.get(candidate).equals_str(text))
        {
            return atom;
        }
        let string = self.alloc_string(JsString::from_str(text));
        self.atoms.insert(hash, string)
    }

    /// Interns a heap string as an atom (no allocation when the atom already exists).
    pub fn intern_string(&mut self, string: StringRef) -> Atom {
        let hash = self.string(string).hash_code();
        let strings = &self.heap.strings;
        let content = strings.get(string);
        if let Some(atom) = self.atoms.find(hash, |candidate| {
            candidate == string || strings.get(candidate) == content
        }) {
            return atom;
        }
        self.atoms.insert(hash, string)
    }

    /// The heap string of an atom.
    #[inline]
    pub fn atom_string(&self, atom: Atom) -> StringRef {
        self.atoms.string(atom)
    }

    /// An atom's text as a Rust string.
    pub fn atom_to_rust(&self, atom: Atom) -> String {
        self.string(self.atom_string(atom)).to_rust_string_lossy()
    }

    /// The property key for Rust text: canonical array indices become `PropertyKey::Index`.
    /// Use this when linking compiled property names.
    pub fn property_key_from_str(&mut self, text: &str) -> PropertyKey {
        match crate::atom::parse_array_index_str(text) {
            Some(index) => PropertyKey::Index(index),
            None => PropertyKey::Atom(self.intern_str(text)),
        }
    }

    /// The property key for a heap string.
    pub fn property_key_from_string(&mut self, string: StringRef) -> PropertyKey {
        match crate::atom::parse_array_index(self.string(string).view()) {
            Some(index) => PropertyKey::Index(index),
            None => PropertyKey::Atom(self.intern_string(string)),
        }
    }

    /// The key as a JS value (string or symbol), as `Object.keys`/`Reflect.ownKeys` return.
    pub fn property_key_to_value(&mut self, key: PropertyKey) -> Value {
        match key {
            PropertyKey::Atom(atom) => Value::String(self.atom_string(atom)),
            PropertyKey::Index(index) => {
                let text = index.to_string();
                Value::String(self.new_string(&text))
            }
            PropertyKey::Symbol(symbol) => Value::Symbol(symbol),
        }
    }

    /// The key as Rust text (symbols as `Symbol(description)`), for messages and printing.
    pub fn property_key_to_rust(&self, key: PropertyKey) -> String {
        match key {
            PropertyKey::Atom(atom) => self.atom_to_rust(atom),
            PropertyKey::Index(index) => index.to_string(),
            PropertyKey::Symbol(symbol) => {
                let description = self.heap.symbols.get(symbol).description;
                format!(
                    "Symbol({})",
                    description
                        .map(|d| self.string_to_rust(d))
                        .unwrap_or_default()
                )
            }
        }
    }

    /// Creates a symbol.
    pub fn new_symbol(&mut self, description: Option<&str>) -> SymbolRef {
        let description = description.map(|text| self.new_string(text));
        self.heap
            .accounting
            .note_allocation(std::mem::size_of::<Symbol>());
        self.heap.symbols.allocate(Symbol {
            description,
            registered: false,
        })
    }

    /// Creates a symbol with a heap-string description.
    pub fn new_symbol_with_description(&mut self, description: Option<StringRef>) -> SymbolRef {
        self.heap
            .accounting
            .note_allocation(std::mem::size_of::<Symbol>());
        self.heap.symbols.allocate(Symbol {
            description,
            registered: false,
        })
    }

    /// The symbol behind a handle.
    pub fn symbol(&self, symbol: SymbolRef) -> &Symbol {
        self.heap.symbols.get(symbol)
    }

    // ----- handle scopes -----

    /// Opens a handle scope: values pushed with [`Vm::root`] stay alive until
    /// [`Vm::close_handle_scope`] with the returned marker.
    ///
    /// ```text
    /// let scope = vm.open_handle_scope();
    /// vm.root(Value::Object(result_array));
    /// let mapped = vm.call(callback, this_arg, &[element])?; // may collect
    /// vm.close_handle_scope(scope);
    /// ```
    /// On an early `?` return the scope is left open; that is harmless for correctness (it
    /// only keeps values alive longer) and the interpreter truncates the handle stack back
    /// when it catches the exception at its entry depth.
    #[inline]
    pub fn open_handle_scope(&self) -> HandleScope {
        HandleScope(self.handles.len())
    }

    /// Roots a value until the enclosing handle scope closes.
    #[inline]
    pub fn root(&mut self, value: Value) {
        self.handles.push(value);
    }

    /// Closes a handle scope, unrooting everything rooted since it was opened.
    #[inline]
    pub fn close_handle_scope(&mut self, scope: HandleScope) {
        self.handles.truncate(scope.0);
    }

    // ----- garbage collection -----

    /// True when the allocation debt warrants a collection (always under `gc-stress`).
    #[inline]
    pub fn should_collect_garbage(&self) -> bool {
        self.heap.accounting.should_collect()
    }

    /// Collects if [`Vm::should_collect_garbage`]. Call only at safepoints.
    #[inline]
    pub fn maybe_collect_garbage(&mut self) {
        if self.should_collect_garbage() {
            self.collect_due_garbage();
        }
    }

    /// Runs a full mark-and-sweep collection. Call only at safepoints (every live value must
    /// be reachable from the roots listed in the module documentation).
    pub fn collect_garbage(&mut self) -> HeapCounts {
        self.collect(CollectionKind::Full)
    }

    /// Runs a young collection: frees the values allocated since the last collection (and the
    /// survivors of one young collection) that are unreachable, without tracing old values
    /// other than the remembered ones. Call only at safepoints; for tests and embedders that
    /// want to drive the collector (the safepoints use [`Vm::collect_due_garbage`]).
    pub fn collect_young_garbage(&mut self) -> HeapCounts {
        self.collect(CollectionKind::Young)
    }

    /// Runs the collection the accounting asks for (see `GcAccounting::next_collection_kind`):
    /// usually a young one, a full one when enough has been promoted since the last. This is
    /// what the safepoints call. Call only at safepoints.
    pub fn collect_due_garbage(&mut self) -> HeapCounts {
        let kind = self.heap.accounting.next_collection_kind();
        self.collect(kind)
    }

    /// Runs one collection of the given kind.
    ///
    /// A young collection relies on one invariant: every value an old value refers to is old,
    /// unless the old value is remembered. It holds after every sweep (a survivor's children
    /// were marked, so they survived too and are old as well), and every store into an old
    /// value goes through `Arena::get_mut`, the write barrier, which remembers it. Values
    /// outside the arenas (the roots below) are traced by both kinds alike.
    fn collect(&mut self, kind: CollectionKind) -> HeapCounts {
        let mut tracer = std::mem::take(&mut self.heap.tracer);
        if kind == CollectionKind::Young {
            self.heap.begin_young_marking(&mut tracer);
        }
        self.push_roots(&mut tracer);
        self.heap.mark_from(&mut tracer, kind);
        let counts = self.heap.sweep(&mut tracer, kind);
        if cfg!(feature = "gc-stress") && kind == CollectionKind::Young {
            self.check_young_collection(&mut tracer);
        }
        tracer.release_excess_capacity();
        self.heap.tracer = tracer;
        counts
    }

    /// Under `gc-stress`: marks the whole heap from the roots after a young collection and
    /// panics when the marking reaches a slot that collection freed, which means a store
    /// into an old value bypassed the write barrier. The marks are cleared afterwards.
    fn check_young_collection(&mut self, tracer: &mut Tracer) {
        self.push_roots(tracer);
        self.heap.mark_from(tracer, CollectionKind::Full);
        self.heap.live_bytes_during_marking = 0;
        if let Some((space, index)) = self.heap.first_marked_free_slot(tracer) {
            panic!(
                "young collection freed a reachable value (space {space}, index {index}): \
                 a store into an old value bypassed the write barrier"
            );
        }
        for space in 0..tseval_gc::MAX_SPACES as u8 {
            tracer.clear_marks(space);
        }
    }

    /// Pushes every root onto the tracer: the intrinsics of every realm, the host's values,
    /// the atoms, the register stack, the handle scopes, the jobs, the event loop, the
    /// interpreter's frames and code constants, and the module records.
    fn push_roots(&self, tracer: &mut Tracer) {
        self.intrinsics.trace(tracer);
        for (index, realm) in self.realms.iter().enumerate() {
            if index != usize::from(self.current_realm.0) {
                realm.intrinsics.trace(tracer);
                realm.interpreter.trace(tracer);
            }
            realm.host_defined.trace(tracer);
        }
        if self.html_dda_object != ObjectRef(u32::MAX) {
            tracer.push(self.html_dda_object);
        }
        self.atoms.trace(tracer);
        for object in self.deferred_contents.pending_objects() {
            tracer.push(object);
        }
        trace_values(&self.stack, tracer);
        trace_values(&self.handles, tracer);
        for string in self
            .single_character_strings
            .iter()
            .chain(&self.small_integer_strings)
        {
            tracer.push(*string);
        }
        for symbol in self.symbol_registry.values() {
            tracer.push(*symbol);
        }
        for job in &self.jobs {
            job.trace(tracer);
        }
        self.event_loop.trace(tracer);
        crate::interpreter::trace_roots(&self.interpreter, tracer);
        self.modules.trace(tracer);
    }

    /// Checks the native stack budget; records the base address on first use.
    pub fn native_stack_has_room(&mut self) -> bool {
        let marker = 0u8;
        let here = std::ptr::addr_of!(marker) as usize;
        if self.native_stack_base == 0
            || self.native_call_depth == 0 && here > self.native_stack_base
        {
            self.native_stack_base = here;
            return true;
        }
        self.native_stack_base.saturating_sub(here) < self.native_stack_budget
    }

    // ----- global object -----

    /// The global object.
    #[inline]
    pub fn global_object(&self) -> ObjectRef {
        self.intrinsics.global_object
    }

    /// Defines a global binding as a writable, non-enumerable, configurable property
    /// (how built-in globals are installed).
    pub fn define_global(&mut self, name: &str, value: Value) {
        let key = self.property_key_from_str(name);
        let global = self.intrinsics.global_object;
        self.define_data_property(global, key, value, Attributes::HIDDEN_DATA);
    }

    /// Convenience for tests and the runner: a full descriptor define that cannot throw.
    pub fn define_property_or_ignore(
        &mut self,
        object: ObjectRef,
        key: PropertyKey,
        descriptor: PropertyDescriptor,
    ) {
        let _ = self.define_own_property(object, key, descriptor);
    }
}

impl Intrinsics {
    fn all_placeholders(
        root_shape: ShapeId,
        function_shape: ShapeId,
        empty_string: StringRef,
        symbols: WellKnownSymbols,
        object: ObjectRef,
    ) -> Intrinsics {
        Intrinsics {
            root_shape,
            array_root_shape: root_shape,
            string_wrapper_root_shape: root_shape,
            proxy_root_shape: root_shape,
            function_shape,
            empty_string,
            symbols,
            typed_array_constructors: [object; 12],
            typed_array_prototypes: [object; 12],
            array_buffer_prototype: object,
            shared_array_buffer_prototype: object,
            typed_array_prototype: object,
            data_view_prototype: object,
            array_buffer_constructor: object,
            shared_array_buffer_constructor: object,
            typed_array_constructor: object,
            global_object: object,
            object_prototype: object,
            function_prototype: object,
            array_prototype: object,
            string_prototype: object,
            number_prototype: object,
            boolean_prototype: object,
            symbol_prototype: object,
            bigint_prototype: object,
            error_prototype: object,
            type_error_prototype: object,
            range_error_prototype: object,
            syntax_error_prototype: object,
            reference_error_prototype: object,
            eval_error_prototype: object,
            uri_error_prototype: object,
            aggregate_error_prototype: object,
            suppressed_error_prototype: object,
            global_lexical_object: object,
            global_var_names_object: object,
            iterator_prototype: object,
            array_iterator_prototype: object,
            map_iterator_prototype: object,
            set_iterator_prototype: object,
            string_iterator_prototype: object,
            regexp_string_iterator_prototype: object,
            iterator_helper_prototype: object,
            wrap_for_valid_iterator_prototype: object,
            iterator_constructor: object,
            map_prototype: object,
            set_prototype: object,
            weak_map_prototype: object,
            weak_set_prototype: object,
            date_prototype: object,
            regexp_prototype: object,
            promise_prototype: object,
            generator_function_prototype: object,
            generator_prototype: object,
            async_function_prototype: object,
            object_constructor: object,
            function_constructor: object,
            array_constructor: object,
            string_constructor: object,
            number_constructor: object,
            boolean_constructor: object,
            symbol_constructor: object,
            bigint_constructor: object,
            error_constructor: object,
            type_error_constructor: object,
            range_error_constructor: object,
            syntax_error_constructor: object,
            reference_error_constructor: object,
            eval_error_constructor: object,
            uri_error_constructor: object,
            aggregate_error_constructor: object,
            suppressed_error_constructor: object,
            map_constructor: object,
            set_constructor: object,
            weak_map_constructor: object,
            weak_set_constructor: object,
            date_constructor: object,
            regexp_constructor: object,
            promise_constructor: object,
            throw_type_error: object,
            function_has_instance: object,
            eval_function: object,
        }
    }
}
