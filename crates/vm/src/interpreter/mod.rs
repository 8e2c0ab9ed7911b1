//! The bytecode interpreter: linked code, frames over the one register stack, the dispatch
//! loop, calls, exceptions, inline caches and GC roots.
//!
//! # Layout
//! - [`link`]: turns a `CompiledScript` into [`link::LinkedFunction`]s once (constants to
//!   values/atoms, one inline cache per IC site).
//! - [`dispatch`]: the `loop { fetch; match }` interpreter, one short arm per opcode.
//! - [`calls`]: the calling convention (frame push/pop, prologue, construct rules).
//! - [`exceptions`]: unwinding through exception tables, stack traces, uncaught formatting.
//! - [`properties`]: inline-cached named property and global access.
//! - [`objects`]: closures, classes, methods, literals, templates, private names.
//! - [`iteration`]: iterator records, spread, for-in.
//! - [`generators`]: generators and async functions as coroutines (suspend at `Yield`/`Await`,
//!   resume from `next`/`return`/`throw` or from promise jobs).
//! - [`async_generators`]: async generators (request queue on top of the coroutines).
//! - [`async_from_sync`]: %AsyncFromSyncIteratorPrototype% for `for await` and async `yield*`
//!   over sync iterables.
//!
//! # Register stack and frames
//! `vm.stack` is THE register stack (owned by the `Vm`, see `realm.rs`). A bytecode frame is a
//! window `vm.stack[base .. base + register_count]`; `R[i]` is `vm.stack[base + i]`. While a
//! bytecode frame is the innermost activation, `vm.stack.len() == base + register_count`, so
//! native code called from it (and `Vm::call`) pushes above the window. Frames themselves are
//! small structs on `InterpreterState::frames`, never in registers.
//!
//! # Handler invariants (every arm of the dispatch loop obeys these)
//! 1. Registers are addressed relative to the frame's `base`; never keep a `&mut Value` into
//!    `vm.stack` across anything that may push to the stack (calls, `Vm::call`, getters),
//!    because the stack may reallocate. Re-index after every such call.
//! 2. Before anything that can allocate an error, throw, re-enter JavaScript or collect
//!    garbage, the current `pc` (index of the NEXT instruction) is saved into the frame
//!    (`frame.pc`). Stack traces and exception-table lookups use `frame.pc - 1`.
//! 3. Garbage is collected only at safepoints (calls, back-edges, allocating instructions), and
//!    at a safepoint every live value is in a register below `vm.stack.len()`, in a frame, in an
//!    environment, in a linked constant, or on the handle stack. Rust locals holding heap
//!    values across a re-entry into JavaScript must be rooted (`vm.root`) or kept in registers.
//! 4. The current environment lives in `frame.env` (never only in a Rust local).
//! 5. Register and instruction accesses in the loop are unchecked (`unsafe`), justified by
//!    (a) the bytecode verifier, run on every script at link time, and (b) the window
//!    invariant `vm.stack.len() >= base + register_count`, re-asserted after every call out of
//!    the loop (see `dispatch`). Anything that shrinks the stack below the active window must
//!    restore it before the next register access.

pub mod async_from_sync;
pub mod async_generators;
pub mod calls;
pub mod dispatch;
pub mod exceptions;
pub mod generators;
pub mod iteration;
pub mod link;
pub mod objects;
pub mod properties;
#[cfg(test)]
mod tests;

use std::rc::Rc;

use tseval_compiler::bytecode::CompiledScript;
use tseval_gc::{Trace, Tracer};

use crate::function::CodeId;
use crate::object::ObjectKind;
use crate::realm::Vm;
use crate::value::{EnvRef, JsResult, ObjectRef, SymbolRef, Value};
use tseval_compiler::bytecode::FunctionFlags;

pub use exceptions::{capture_stack_trace, format_uncaught_exception};
pub use link::{LinkedFunction, link_script};

/// The default limit on the number of live bytecode frames. Bytecode calls do not use the
/// native stack, so this bounds memory, not native recursion; native re-entry is bounded
/// separately by `Vm::max_native_call_depth` and the native stack budget.
pub const DEFAULT_MAX_FRAMES: usize = 20_000;

/// How many loop back-edges (and native calls into bytecode) run between two reads of the
/// clock for [`InterpreterState::interrupt_deadline`]. The hot path pays one counter decrement
/// per back-edge; the clock is read only when the counter reaches zero.
pub const INTERRUPT_CHECK_INTERVAL: u32 = 4096;

/// Bits of [`Frame::flags`].
pub mod frame_flags {
    /// The frame was entered from Rust (`call_closure` / `run_script`): returning from it
    /// leaves the dispatch loop instead of resuming a caller frame.
    pub const ENTRY: u8 = 1;
    /// The frame runs a [[Construct]]: a non-object return value is replaced by `R[0]`.
    pub const CONSTRUCT: u8 = 2;
    /// The frame runs a generator body; its `new_target` slot holds the generator's state
    /// object (see `generators`).
    pub const GENERATOR: u8 = 4;
}

/// One activation of a bytecode function.
#[derive(Debug, Clone)]
pub struct Frame {
    /// The linked code being executed (an index into the code table).
    pub code: CodeId,
    /// The closure object being executed (`LoadCallee`, home object, stack traces).
    pub callee: ObjectRef,
    /// The current environment `E` (captured bindings).
    pub env: Option<EnvRef>,
    /// `new.target` (`None` for [[Call]]).
    pub new_target: Option<ObjectRef>,
    /// Index in `vm.stack` of `R[0]`.
    pub base: u32,
    /// Index of the next instruction to execute (saved at calls and before anything that can
    /// throw; see the handler invariants in the module documentation).
    pub pc: u32,
    /// Length of the handle stack when the frame was entered (restored when an exception is
    /// caught in this frame).
    pub handles_len: u32,
    /// Number of `PushEnv`s currently active in this frame.
    pub scope_depth: u16,
    /// The caller's register (relative to the caller's base) that receives the result.
    pub return_register: u16,
    /// [`frame_flags`] bits.
    pub flags: u8,
}

/// Interpreter state stored inside the `Vm` (`vm.interpreter`).
#[derive(Debug)]
pub struct InterpreterState {
    /// The code table: every linked function template, indexed by `CodeId`.
    ///
    /// Invariant (relied on by `unsafe` code in the dispatch loop): the table is append-only
    /// for the lifetime of the `Vm` (never truncated, cleared, reordered or replaced), so each
    /// `LinkedFunction` stays alive at a fixed address inside its `Rc` until the `Vm` drops.
    /// The field is private to the interpreter module to keep that invariant local.
    functions: Vec<Rc<LinkedFunction>>,
    /// The bytecode call stack, innermost last.
    pub frames: Vec<Frame>,
    /// Limit on `frames.len()`; exceeding it throws RangeError.
    pub max_frames: usize,
    /// %Array.prototype%[Symbol.iterator] as the realm started (see `iteration`).
    pub original_array_iterator_function: Option<Value>,
    /// %ArrayIteratorPrototype%.next as the realm started (see `iteration`).
    pub original_array_iterator_next: Option<Value>,
    /// Whether the two fields above were recorded.
    pub iteration_snapshot_taken: bool,
    /// The private symbol keying generator state objects (see `generators`).
    pub generator_state_symbol: Option<SymbolRef>,
    /// Set by the `Yield` arm when it leaves the dispatch loop (read by the resumer).
    pub generator_yielded: bool,
    /// Set with `generator_yielded` when the suspension was a `YieldDelegate` (`yield*`).
    pub generator_delegated: bool,
    /// Cached shapes for closures with a `prototype` property (see `objects`).
    pub closure_shapes: Option<objects::ClosureShapes>,
    /// Cached shape of iterator result objects `{ value, done }` (see
    /// `Vm::create_iter_result_object`).
    pub iterator_result_shape: Option<crate::value::ShapeId>,
    /// The async-generator intrinsics (see `async_generators`).
    pub async_generator_intrinsics: Option<async_generators::AsyncGeneratorIntrinsics>,
    /// An embedder's deadline (the test262 runner's per-test time limit): once it has passed,
    /// the next loop back-edge or native call into bytecode throws a RangeError "execution time limit exceeded", and so does
    /// every later back-edge, so a `catch` that loops is interrupted again. It is an ordinary
    /// (catchable) RangeError, not a dedicated termination.
    pub interrupt_deadline: Option<std::time::Instant>,
    /// Set when the deadline interrupted execution (embedders read it to report a timeout).
    pub interrupted: bool,
    /// Back-edges left until the next deadline check (see [`INTERRUPT_CHECK_INTERVAL`]).
    pub interrupt_countdown: u32,
}

impl Default for InterpreterState {
    fn default() -> Self {
        InterpreterState {
            functions: Vec::new(),
            frames: Vec::with_capacity(64),
            max_frames: DEFAULT_MAX_FRAMES,
            original_array_iterator_function: None,
            original_array_iterator_next: None,
            iteration_snapshot_taken: false,
            generator_state_symbol: None,
            generator_yielded: false,
            closure_shapes: None,
            iterator_result_shape: None,
            async_generator_intrinsics: None,
            generator_delegated: false,
            interrupt_deadline: None,
            interrupted: false,
            interrupt_countdown: INTERRUPT_CHECK_INTERVAL,
        }
    }
}

/// The per-realm part of [`InterpreterState`] (intrinsics the interpreter creates lazily),
/// as parked in a `RealmRecord` while its realm is not the current one (see `realm.rs`).
#[derive(Clone, Debug, Default)]
pub struct RealmInterpreterState {
    closure_shapes: Option<objects::ClosureShapes>,
    iterator_result_shape: Option<crate::value::ShapeId>,
    async_generator_intrinsics: Option<async_generators::AsyncGeneratorIntrinsics>,
    original_array_iterator_function: Option<Value>,
    original_array_iterator_next: Option<Value>,
    iteration_snapshot_taken: bool,
}

impl RealmInterpreterState {
    /// Copies the current realm's part out of `state`.
    pub fn park(state: &InterpreterState) -> RealmInterpreterState {
        RealmInterpreterState {
            closure_shapes: state.closure_shapes,
            iterator_result_shape: state.iterator_result_shape,
            async_generator_intrinsics: state.async_generator_intrinsics,
            original_array_iterator_function: state.original_array_iterator_function,
            original_array_iterator_next: state.original_array_iterator_next,
            iteration_snapshot_taken: state.iteration_snapshot_taken,
        }
    }

    /// Loads this parked part into `state` (the realm becomes the current one).
    pub fn restore(&self, state: &mut InterpreterState) {
        state.closure_shapes = self.closure_shapes;
        state.iterator_result_shape = self.iterator_result_shape;
        state.async_generator_intrinsics = self.async_generator_intrinsics;
        state.original_array_iterator_function = self.original_array_iterator_function;
        state.original_array_iterator_next = self.original_array_iterator_next;
        state.iteration_snapshot_taken = self.iteration_snapshot_taken;
    }

    /// The interpreter intrinsic of `other` corresponding to `object` of `self` (see
    /// `Intrinsics::corresponding_object`).
    pub fn corresponding_object(
        &self,
        other: &RealmInterpreterState,
        object: ObjectRef,
    ) -> Option<ObjectRef> {
        let (mine, theirs) = (
            self.async_generator_intrinsics?,
            other.async_generator_intrinsics?,
        );
        [
            (
                mine.async_iterator_prototype,
                theirs.async_iterator_prototype,
            ),
            (
                mine.async_generator_prototype,
                theirs.async_generator_prototype,
            ),
            (
                mine.async_generator_function_prototype,
                theirs.async_generator_function_prototype,
            ),
            (
                mine.async_from_sync_iterator_prototype,
                theirs.async_from_sync_iterator_prototype,
            ),
        ]
        .into_iter()
        .find(|(candidate, _)| *candidate == object)
        .map(|(_, corresponding)| corresponding)
    }

    /// Marks the parked heap values.
    pub fn trace(&self, tracer: &mut Tracer) {
        trace_realm_part(
            self.closure_shapes,
            self.async_generator_intrinsics,
            [
                self.original_array_iterator_function,
                self.original_array_iterator_next,
            ],
            tracer,
        );
    }
}

/// Marks the per-realm interpreter intrinsics (live or parked).
fn trace_realm_part(
    closure_shapes: Option<objects::ClosureShapes>,
    async_generator_intrinsics: Option<async_generators::AsyncGeneratorIntrinsics>,
    original_iteration_functions: [Option<Value>; 2],
    tracer: &mut Tracer,
) {
    if let Some(intrinsics) = async_generator_intrinsics {
        tracer.push(intrinsics.async_iterator_prototype);
        tracer.push(intrinsics.async_generator_prototype);
        tracer.push(intrinsics.async_generator_function_prototype);
        tracer.push(intrinsics.async_from_sync_iterator_prototype);
    }
    if let Some(shapes) = closure_shapes {
        tracer.push(shapes.with_prototype);
        tracer.push(shapes.prototype_object);
    }
    for value in original_iteration_functions.into_iter().flatten() {
        value.trace(tracer);
    }
}

/// Creates the interpreter's intrinsics of a new current realm (the generator prototypes,
/// the async-generator intrinsics) and snapshots its original iteration functions.
pub(crate) fn install_realm_intrinsics(vm: &mut Vm) {
    install_hooks(vm);
}

/// The slow part of the interrupt check, run when `interrupt_countdown` reaches zero: resets
/// the countdown and returns the error to throw when the deadline has passed.
#[cold]
pub(crate) fn check_interrupt(vm: &mut Vm) -> Option<Value> {
    vm.interpreter.interrupt_countdown = INTERRUPT_CHECK_INTERVAL;
    let deadline = vm.interpreter.interrupt_deadline?;
    if !vm.interpreter.interrupted && std::time::Instant::now() < deadline {
        return None;
    }
    vm.interpreter.interrupted = true;
    // Check again at the very next back-edge: code that catches the error and loops on is
    // interrupted again at once.
    vm.interpreter.interrupt_countdown = 1;
    Some(vm.new_range_error("execution time limit exceeded"))
}

impl InterpreterState {
    /// The linked function behind a `CodeId`.
    #[inline]
    pub fn function(&self, code: CodeId) -> &LinkedFunction {
        &self.functions[code.0 as usize]
    }

    /// The linked function behind a `CodeId`, as a shared handle.
    pub fn function_rc(&self, code: CodeId) -> Rc<LinkedFunction> {
        self.functions[code.0 as usize].clone()
    }

    /// Number of linked functions.
    pub fn function_count(&self) -> usize {
        self.functions.len()
    }

    /// Appends a linked function (the only way the code table changes).
    pub(crate) fn push_function(&mut self, function: LinkedFunction) {
        self.functions.push(Rc::new(function));
    }

    /// A raw pointer to a linked function for the dispatch loop. Valid for the lifetime of
    /// the `Vm` (see the invariant on `functions`).
    #[inline]
    pub(crate) fn function_pointer(&self, code: CodeId) -> *const LinkedFunction {
        Rc::as_ptr(&self.functions[code.0 as usize])
    }
}

/// Marks every heap value the interpreter holds: frame callees, environments and new.targets,
/// and the linked constants / inline caches of every function in the code table. (Registers
/// are traced by `Vm::collect_garbage` itself as part of `vm.stack`.)
pub fn trace_roots(state: &InterpreterState, tracer: &mut Tracer) {
    for frame in &state.frames {
        tracer.push(frame.callee);
        if let Some(env) = frame.env {
            tracer.push(env);
        }
        if let Some(new_target) = frame.new_target {
            tracer.push(new_target);
        }
    }
    for function in &state.functions {
        function.trace(tracer);
    }
    if let Some(symbol) = state.generator_state_symbol {
        tracer.push(symbol);
    }
    trace_realm_part(
        state.closure_shapes,
        state.async_generator_intrinsics,
        [
            state.original_array_iterator_function,
            state.original_array_iterator_next,
        ],
        tracer,
    );
}

/// Runs a bytecode closure (the entry point `Vm::call` / `Vm::construct` use).
///
/// On entry `vm.stack[base]` is `this` and `vm.stack[base + 1 ..= base + argc]` are the
/// arguments, with `vm.stack.len() == base + 1 + argc`. `new_target` is `Value::Undefined`
/// for [[Call]] and the new.target object for [[Construct]]. Runs a nested dispatch loop until
/// the closure returns; the stack is left with `len() == base`.
pub fn call_closure(
    vm: &mut Vm,
    callee: ObjectRef,
    base: usize,
    argc: usize,
    new_target: Value,
) -> JsResult<Value> {
    install_hooks(vm);
    // A native loop calling back into JavaScript (an iterator protocol driven by a built-in)
    // sees the embedder's deadline here, as bytecode loops do at their back-edges.
    vm.interpreter.interrupt_countdown -= 1;
    if vm.interpreter.interrupt_countdown == 0
        && let Some(error) = check_interrupt(vm)
    {
        vm.stack.truncate(base);
        return Err(error);
    }
    let entry_depth = vm.interpreter.frames.len();
    let result = match calls::enter_closure_from_native(vm, callee, base, argc, new_target) {
        Ok(None) => dispatch::run(vm, entry_depth),
        Ok(Some(completed)) => Ok(completed),
        Err(error) => Err(error),
    };
    vm.stack.truncate(base);
    result
}

/// A bytecode closure resolved once for repeated calls from one native loop (see
/// [`crate::function::PreparedCall`]): everything [`call_closure`] and `push_closure_frame`
/// look up per call (the closure's code and environment, the register and parameter counts,
/// the checks of the function kind) is read here, once.
#[derive(Clone, Copy, Debug)]
pub struct PreparedClosure {
    callee: ObjectRef,
    code: CodeId,
    environment: Option<EnvRef>,
    param_count: usize,
    register_count: usize,
}

/// Resolves `callee` for [`call_prepared_closure`], or `None` when its calls need the general
/// path: another realm, a class constructor, a generator or async function (their prologue
/// creates an object), a function with a rest parameter or an `arguments` object, or a sloppy
/// function that reads `this` (which coerces `this` per call).
pub(crate) fn prepare_closure(vm: &mut Vm, callee: ObjectRef) -> Option<PreparedClosure> {
    let ObjectKind::Closure(closure) = &vm.object(callee).kind else {
        return None;
    };
    let closure = *closure;
    if closure.realm != vm.current_realm || closure.is_class_constructor {
        return None;
    }
    let function = vm.interpreter.function(closure.code);
    let flags = function.flags;
    const GENERAL_PATH: u32 = FunctionFlags::CLASS_CONSTRUCTOR.0
        | FunctionFlags::USES_ARGUMENTS.0
        | FunctionFlags::HAS_REST.0
        | FunctionFlags::GENERATOR.0
        | FunctionFlags::ASYNC.0;
    if flags.0 & GENERAL_PATH != 0
        || (flags.contains(FunctionFlags::USES_THIS)
            && !flags.contains(FunctionFlags::STRICT)
            && !flags.contains(FunctionFlags::ARROW))
    {
        return None;
    }
    let prepared = PreparedClosure {
        callee,
        code: closure.code,
        environment: closure.environment(),
        param_count: usize::from(function.param_count),
        register_count: usize::from(function.register_count),
    };
    install_hooks(vm);
    Some(prepared)
}

/// Calls a prepared closure with `this` and `arguments`: the same effects as
/// [`call_closure`] (native depth and stack checks, the interrupt countdown, the frame limit,
/// a GC safepoint, a nested dispatch loop), without resolving the callee again.
pub(crate) fn call_prepared_closure(
    vm: &mut Vm,
    prepared: &PreparedClosure,
    this: Value,
    arguments: &[Value],
) -> JsResult<Value> {
    vm.enter_native_call()?;
    vm.interpreter.interrupt_countdown -= 1;
    if vm.interpreter.interrupt_countdown == 0
        && let Some(error) = check_interrupt(vm)
    {
        vm.leave_native_call();
        return Err(error);
    }
    if vm.interpreter.frames.len() >= vm.interpreter.max_frames {
        vm.leave_native_call();
        return Err(vm.new_range_error("Maximum call stack size exceeded"));
    }
    let base = vm.stack.len();
    let kept = arguments.len().min(prepared.param_count);
    vm.stack.push(this);
    vm.stack.extend_from_slice(&arguments[..kept]);
    vm.stack
        .resize(base + prepared.register_count, Value::Undefined);
    let entry_depth = vm.interpreter.frames.len();
    let handles_len = vm.handles.len() as u32;
    vm.interpreter.frames.push(Frame {
        code: prepared.code,
        callee: prepared.callee,
        env: prepared.environment,
        new_target: None,
        base: base as u32,
        pc: 0,
        handles_len,
        scope_depth: 0,
        return_register: 0,
        flags: frame_flags::ENTRY,
    });
    // A call is a GC safepoint: every live value is now in registers or frames.
    if vm.should_collect_garbage() {
        vm.collect_due_garbage();
    }
    let result = dispatch::run(vm, entry_depth);
    vm.stack.truncate(base);
    vm.leave_native_call();
    result
}

/// Links a compiled script and runs its top level with `this` = the global object.
/// Returns the completion value of the script's top-level `Return` (usually undefined) or the
/// uncaught exception.
pub fn run_script(vm: &mut Vm, script: &CompiledScript) -> Result<Value, Value> {
    install_hooks(vm);
    let code = match link_script(vm, script) {
        Ok(code) => code,
        Err(message) => return Err(vm.new_syntax_error(&message)),
    };
    let closure = objects::create_top_level_closure(vm, code);
    let base = vm.stack.len();
    // `this` of a script is the global object; a script that uses it (directly, in an arrow
    // function or through a direct eval) can reach every global property generically, so
    // the deferred built-in globals are created first (see `crate::lazy_globals`).
    let uses_this = vm
        .interpreter
        .function(code)
        .flags
        .contains(tseval_compiler::bytecode::FunctionFlags::USES_THIS);
    let global = if uses_this {
        Value::Object(vm.global_object_escaping())
    } else {
        Value::Object(vm.global_object())
    };
    vm.stack.push(global);
    vm.enter_native_call()?;
    let result = call_closure(vm, closure, base, 0, Value::Undefined);
    vm.leave_native_call();
    vm.stack.truncate(base);
    result
}

/// Installs the interpreter's hooks into the VM (idempotent).
fn install_hooks(vm: &mut Vm) {
    if vm.stack_trace_hook.is_none() {
        vm.stack_trace_hook = Some(capture_stack_trace);
    }
    if !vm.interpreter.iteration_snapshot_taken {
        generators::install_generator_prototype(vm);
        async_generators::intrinsics(vm);
    }
    iteration::snapshot_original_iteration_functions(vm);
}

/// The linked function behind a `CodeId` (for built-ins such as
/// `Function.prototype.toString`, which reads the template's source span).
#[inline]
pub fn linked_function(vm: &Vm, code: CodeId) -> Rc<LinkedFunction> {
    vm.interpreter.function_rc(code)
}
