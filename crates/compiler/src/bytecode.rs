//! Bytecode containers: compiled functions ([`FunctionTemplate`]), their constant pools
//! ([`Constant`]), exception tables, IC site tables and source-position tables, plus the
//! per-script result [`CompiledScript`].
//!
//! Everything here is compile-time data, immutable once built. `Rc` and `Box<[T]>` are used
//! freely: the VM links a script once (turning constants into runtime values and atoms and
//! allocating one inline-cache entry per IC site) and then only reads these structures.
//!
//! # Function prologue (what the VM does on entry, before executing pc 0)
//!
//! 1. The window is `R[0 .. register_count]`, starting at the caller's `callee + 1` register.
//!    `R[0]` holds `this` and `R[1 ..= argc]` the passed arguments.
//! 2. `this` coercion: for a non-strict, non-arrow function, a null/undefined `this` becomes the
//!    global object and primitives are boxed (ToObject). Strict and arrow functions keep it as is
//!    (arrows never read `R[0]`; their `this` is a captured binding).
//! 3. If `rest_register` is set, the VM builds an array of the arguments past `param_count` and
//!    stores it there; if `arguments_register` is set, it builds an (unmapped) arguments object
//!    from all passed arguments and stores it there. Both are built BEFORE step 4 clears the
//!    extra arguments.
//! 4. Every register `R[min(argc, param_count) + 1 .. register_count]` other than the two above
//!    is set to undefined (missing parameters and all locals/temporaries). Note this includes
//!    extra arguments past `param_count`: the compiler relies on locals starting as undefined.
//! 5. For class constructors called without `new`: TypeError "Class constructor X cannot be
//!    invoked without 'new'". For construct calls of base/plain constructors, the VM creates the
//!    receiver from `new.target.prototype` and stores it in `R[0]`; for derived constructors
//!    `R[0]` is the hole.
//! 6. Execution starts at pc 0 with `E` = the closure's captured environment and
//!    `scope_depth = 0`. If the function's own scope needs an environment, the first instruction
//!    is a `PushEnv` (so `function_env_slots` is informational).

use std::rc::Rc;

use crate::opcodes::{ConstantClass, Instruction, Reg};

/// A byte range in the script source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct SourceSpan {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
}

/// A constant-pool entry.
#[derive(Clone, Debug)]
pub enum Constant {
    /// A Number literal (integers that fit i32, except -0, are loaded with `LoadInt` instead).
    Number(f64),
    /// A string literal whose value is well-formed Unicode.
    String(Rc<str>),
    /// A string literal containing lone surrogates, as UTF-16 code units.
    Utf16String(Rc<[u16]>),
    /// A BigInt literal's digits: no sign, no `n` suffix, no separators, radix prefix kept
    /// (`0x1f`, `0o17`, `0b101` or plain decimal digits).
    BigInt(Rc<str>),
    /// An identifier or property-key name; the VM links it to an atom / property key. Names that
    /// are canonical array indices (e.g. `"0"`) must be treated as index keys by the VM.
    Name(Rc<str>),
    /// A nested function (closure template, class constructor, method, arrow, ...).
    Function(Rc<FunctionTemplate>),
    /// The strings of one tagged-template call site.
    TemplateObject(Rc<TemplateObjectDescriptor>),
    /// A regular-expression literal.
    RegExp {
        /// The pattern source text between the slashes.
        pattern: Rc<str>,
        /// The flags after the closing slash.
        flags: Rc<str>,
    },
    /// A direct-eval call site: the compile-time description of the caller's scope chain.
    EvalSite(Rc<EvalSite>),
}

impl Constant {
    /// The class of this constant, matched against the operand kinds by the verifier.
    pub fn class(&self) -> ConstantClass {
        match self {
            Constant::Number(_)
            | Constant::String(_)
            | Constant::Utf16String(_)
            | Constant::BigInt(_) => ConstantClass::Literal,
            Constant::Name(_) => ConstantClass::Name,
            Constant::Function(_) => ConstantClass::Function,
            Constant::TemplateObject(_) => ConstantClass::TemplateObject,
            Constant::RegExp { .. } => ConstantClass::RegExp,
            Constant::EvalSite(_) => ConstantClass::EvalSite,
        }
    }
}

/// The name of a binding visible to direct-eval code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvalBindingName {
    /// An identifier.
    Text(Rc<str>),
    /// A compiler pseudo-binding or synthetic binding (`this`, `new.target`, ...): the raw value
    /// of its reserved atom, which never collides with an interned identifier.
    Reserved(u32),
}

/// One binding of an environment level seen by direct-eval code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalBinding {
    /// The binding's name.
    pub name: EvalBindingName,
    /// How it was declared (decides TDZ checks and assignment errors in the eval code).
    pub kind: crate::resolver::BindingKind,
}

/// One environment of the caller's chain, as seen from a direct-eval call site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalScopeLevel {
    /// The bindings in slot order (binding `i` lives in slot `i`).
    pub bindings: Box<[EvalBinding]>,
    /// The scope is a non-arrow function or the script: it owns `this` and `new.target`.
    pub this_scope: bool,
    /// The scope is a variable scope (function body or script).
    pub var_scope: bool,
}

/// The compile-time description of a direct-eval call site `eval(...)`: the number of
/// arguments and the caller's environment chain, innermost first (level 0 is the environment
/// current at the call). The VM hands it to the compiler when it compiles the eval code, which
/// resolves the caller's names to `(depth, slot)` pairs through it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalSite {
    /// The number of arguments of the call (only the first is the source text).
    pub argument_count: u16,
    /// The caller's environments, innermost first.
    pub levels: Box<[EvalScopeLevel]>,
    /// The caller's nearest variable scope is the global one (sloppy `var`s in the eval code
    /// become global object properties).
    pub global_var_scope: bool,
    /// The call is inside a non-arrow function (allows `new.target` in the eval code).
    pub in_function: bool,
    /// The call is inside a method (allows `super.x` in the eval code).
    pub in_method: bool,
    /// The call is in the parameter list of the function: the parameters and `arguments` live
    /// in an environment between the eval and the variable scope, so a `var` of the same name
    /// is an early error (EvalDeclarationInstantiation step 3.d).
    pub in_parameters: bool,
}

/// The strings of a tagged template site: `cooked[i]` is `None` where the cooked value is
/// undefined (an invalid escape in a tagged template).
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateObjectDescriptor {
    /// The cooked strings (UTF-16 code units).
    pub cooked: Box<[Option<Rc<[u16]>>]>,
    /// The raw strings (source text with line terminators normalised to `\n`).
    pub raw: Box<[Rc<str>]>,
}

/// The kind of access an inline-cache site serves; the VM sizes its cache entries by kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IcKind {
    /// `GetNamed`.
    GetNamed,
    /// `SetNamed`.
    SetNamed,
    /// `DefineNamed`.
    DefineNamed,
    /// `GetGlobal` / `TypeOfGlobal`.
    GetGlobal,
    /// `SetGlobal`.
    SetGlobal,
}

/// One inline-cache site. Every instruction with an `ic` operand refers to a distinct site.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct IcSite {
    /// What the site caches.
    pub kind: IcKind,
    /// Constant-pool index of the `Constant::Name` used as key.
    pub key: u16,
}

/// One entry of a function's exception table.
///
/// When an exception is thrown while executing an instruction at `pc` of this function, the VM
/// scans the table in order and takes the first entry with `start <= pc < end` (the compiler
/// emits inner handlers before outer ones). It then pops `frame.scope_depth - scope_depth`
/// environments, stores the thrown value in `R[exception_register]` and continues at `handler`.
/// If no entry matches, the frame is popped and the search continues in the caller at its call
/// instruction. `finally` blocks are compiled as catch-all handlers that save the exception in a
/// completion register and re-throw it at the end of the finally code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExceptionHandler {
    /// First covered instruction index.
    pub start: u32,
    /// One past the last covered instruction index.
    pub end: u32,
    /// Instruction index of the handler code.
    pub handler: u32,
    /// The environment nesting depth (count of active `PushEnv`s in this frame) at the handler.
    pub scope_depth: u16,
    /// The register that receives the thrown value.
    pub exception_register: Reg,
}

/// One entry of the pc -> source position table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SourcePosition {
    /// The first instruction index this position applies to; it applies until the next entry.
    pub pc: u32,
    /// 1-based line number.
    pub line: u32,
    /// 1-based column in UTF-16 code units (as V8 reports columns).
    pub column: u32,
}

/// Function flags as a compact bit set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct FunctionFlags(pub u32);

impl FunctionFlags {
    /// Strict-mode code.
    pub const STRICT: FunctionFlags = FunctionFlags(1 << 0);
    /// An arrow function (no own this/arguments/new.target/super; not a constructor).
    pub const ARROW: FunctionFlags = FunctionFlags(1 << 1);
    /// An async function.
    pub const ASYNC: FunctionFlags = FunctionFlags(1 << 2);
    /// A generator function.
    pub const GENERATOR: FunctionFlags = FunctionFlags(1 << 3);
    /// `arguments_register` is set: the prologue builds an arguments object.
    pub const USES_ARGUMENTS: FunctionFlags = FunctionFlags(1 << 4);
    /// `rest_register` is set: the prologue builds the rest array.
    pub const HAS_REST: FunctionFlags = FunctionFlags(1 << 5);
    /// The function reads `this` (informational; the VM may skip `this` coercion otherwise).
    pub const USES_THIS: FunctionFlags = FunctionFlags(1 << 6);
    /// A class constructor (throws when called without `new`).
    pub const CLASS_CONSTRUCTOR: FunctionFlags = FunctionFlags(1 << 7);
    /// A derived class constructor (`this` starts as the hole).
    pub const DERIVED: FunctionFlags = FunctionFlags(1 << 8);
    /// A method, getter, setter or class constructor: has a [[HomeObject]] for `super`.
    pub const METHOD: FunctionFlags = FunctionFlags(1 << 9);
    /// Has [[Construct]] (plain `function` declarations/expressions and class constructors).
    pub const CONSTRUCTOR: FunctionFlags = FunctionFlags(1 << 10);
    /// Gets an own `prototype` property at closure creation (plain functions and generators;
    /// classes get theirs from `CreateClass`).
    pub const HAS_PROTOTYPE_PROPERTY: FunctionFlags = FunctionFlags(1 << 11);
    /// The top-level code of a script.
    pub const SCRIPT: FunctionFlags = FunctionFlags(1 << 12);
    /// A getter (informational).
    pub const GETTER: FunctionFlags = FunctionFlags(1 << 13);
    /// A setter (informational).
    pub const SETTER: FunctionFlags = FunctionFlags(1 << 14);
    /// The top-level code of eval code: global `var` and function declarations it makes are
    /// configurable (CreateGlobalVarBinding / CreateGlobalFunctionBinding with D = true).
    pub const EVAL: FunctionFlags = FunctionFlags(1 << 15);

    /// No flags.
    pub const fn empty() -> Self {
        FunctionFlags(0)
    }

    /// Whether every flag of `other` is set.
    pub const fn contains(self, other: FunctionFlags) -> bool {
        self.0 & other.0 == other.0
    }

    /// Sets the flags of `other`.
    pub fn insert(&mut self, other: FunctionFlags) {
        self.0 |= other.0;
    }

    /// The names of the set flags, for the disassembler.
    pub fn names(self) -> Vec<&'static str> {
        const NAMES: [(FunctionFlags, &str); 16] = [
            (FunctionFlags::STRICT, "strict"),
            (FunctionFlags::ARROW, "arrow"),
            (FunctionFlags::ASYNC, "async"),
            (FunctionFlags::GENERATOR, "generator"),
            (FunctionFlags::USES_ARGUMENTS, "uses-arguments"),
            (FunctionFlags::HAS_REST, "has-rest"),
            (FunctionFlags::USES_THIS, "uses-this"),
            (FunctionFlags::CLASS_CONSTRUCTOR, "class-constructor"),
            (FunctionFlags::DERIVED, "derived"),
            (FunctionFlags::METHOD, "method"),
            (FunctionFlags::CONSTRUCTOR, "constructor"),
            (FunctionFlags::HAS_PROTOTYPE_PROPERTY, "has-prototype"),
            (FunctionFlags::SCRIPT, "script"),
            (FunctionFlags::GETTER, "getter"),
            (FunctionFlags::SETTER, "setter"),
            (FunctionFlags::EVAL, "eval"),
        ];
        NAMES
            .iter()
            .filter(|(flag, _)| self.contains(*flag))
            .map(|(_, name)| *name)
            .collect()
    }
}

impl std::ops::BitOr for FunctionFlags {
    type Output = FunctionFlags;
    fn bitor(self, other: FunctionFlags) -> FunctionFlags {
        FunctionFlags(self.0 | other.0)
    }
}

/// A compiled function (or script top level): immutable bytecode plus everything the VM needs
/// to create closures of it and to run it. See the module docs for the prologue.
#[derive(Clone, Debug)]
pub struct FunctionTemplate {
    /// The function's static name (`""` for anonymous functions; `SetFunctionName` and
    /// `DefineMethod` can override the runtime `name`).
    pub name: Rc<str>,
    /// Flag bits.
    pub flags: FunctionFlags,
    /// Number of parameter registers `R[1 ..= param_count]` (excludes the rest parameter).
    pub param_count: u16,
    /// The value of the function's `length` property (parameters before the first default or
    /// rest parameter).
    pub length: u16,
    /// Size of the register window, including `R[0]` (this) and the parameters.
    pub register_count: u16,
    /// Register that receives the rest-parameter array, if any.
    pub rest_register: Option<Reg>,
    /// Register that receives the arguments object, if the function references `arguments`.
    pub arguments_register: Option<Reg>,
    /// Slot count of the function-scope environment (0 if the function scope has no captured
    /// bindings); the function's first instruction is then `PushEnv { slots }`.
    pub function_env_slots: u16,
    /// The code. Always ends with a terminator (`Return`, `Throw`, `Jump`, ...).
    pub instructions: Box<[Instruction]>,
    /// The constant pool.
    pub constants: Box<[Constant]>,
    /// Inline-cache sites referenced by `ic` operands.
    pub ic_sites: Box<[IcSite]>,
    /// The exception table, inner handlers first.
    pub exception_handlers: Box<[ExceptionHandler]>,
    /// pc -> (line, column), sorted by pc.
    pub source_positions: Box<[SourcePosition]>,
    /// The function's source text range, for `Function.prototype.toString` (for class
    /// constructors: the whole class).
    pub source_span: SourceSpan,
}

impl FunctionTemplate {
    /// The source position of the instruction at `pc` (binary search in the position table).
    pub fn source_position(&self, pc: usize) -> Option<SourcePosition> {
        let pc = u32::try_from(pc).ok()?;
        let index = self
            .source_positions
            .partition_point(|position| position.pc <= pc);
        if index == 0 {
            None
        } else {
            Some(self.source_positions[index - 1])
        }
    }

    /// The name of the constant at `index` if it is a `Constant::Name`.
    pub fn constant_name(&self, index: u16) -> Option<&str> {
        match self.constants.get(usize::from(index)) {
            Some(Constant::Name(name)) => Some(name),
            _ => None,
        }
    }

    /// The key name of an inline-cache site.
    pub fn ic_key(&self, ic: u16) -> Option<&str> {
        let site = self.ic_sites.get(usize::from(ic))?;
        self.constant_name(site.key)
    }

    /// Calls `visit` on this template and every nested function template, depth first.
    pub fn for_each_template(&self, visit: &mut dyn FnMut(&FunctionTemplate)) {
        visit(self);
        for constant in self.constants.iter() {
            if let Constant::Function(nested) = constant {
                nested.for_each_template(visit);
            }
        }
    }
}

/// The result of compiling one script.
#[derive(Clone, Debug)]
pub struct CompiledScript {
    /// The top-level code, run with `R[0] = this` of the script (the global object for a classic
    /// script; `module.exports` for CommonJS-style files if the runner chooses so).
    pub top_level: Rc<FunctionTemplate>,
    /// The file name used in stack traces.
    pub file_name: Rc<str>,
    /// The full source text (for `Function.prototype.toString` and error code frames).
    pub source: Rc<str>,
    /// For module code: the module record's static part (imports, exports, the
    /// environment-instantiation code). `None` for scripts.
    pub module: Option<Rc<ModuleInfo>>,
}

/// One `ModuleRequest`: a specifier with its import attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleRequest {
    /// The module specifier as written.
    pub specifier: Rc<str>,
    /// The `with { key: "value" }` attributes, sorted by key.
    pub attributes: Box<[(Rc<str>, Rc<str>)]>,
}

/// An ImportEntry: `import { import_name as local } from requests[request]`.
#[derive(Clone, Debug)]
pub struct ImportEntry {
    /// Index into [`ModuleInfo::requests`].
    pub request: u32,
    /// The imported export name; `None` for a namespace import (`import * as local`).
    pub import_name: Option<Rc<str>>,
    /// The local binding's name (for error messages).
    pub local_name: Rc<str>,
    /// The local binding's slot in the module environment.
    pub local_slot: u16,
}

/// A local ExportEntry: `export_name` is the module-environment slot `local_slot`.
#[derive(Clone, Debug)]
pub struct LocalExport {
    /// The exported name.
    pub export_name: Rc<str>,
    /// The slot of the exported binding in the module environment.
    pub local_slot: u16,
}

/// An indirect ExportEntry: `export { import_name as export_name } from requests[request]`
/// (`import_name` is `None` for `export * as export_name from ...`).
#[derive(Clone, Debug)]
pub struct IndirectExport {
    /// The exported name.
    pub export_name: Rc<str>,
    /// Index into [`ModuleInfo::requests`].
    pub request: u32,
    /// The re-exported name, or `None` for the whole namespace.
    pub import_name: Option<Rc<str>>,
}

/// The static part of a Source Text Module Record, computed by the compiler.
#[derive(Clone, Debug)]
pub struct ModuleInfo {
    /// The requested modules in source order, without duplicates.
    pub requests: Box<[ModuleRequest]>,
    /// The import entries.
    pub imports: Box<[ImportEntry]>,
    /// The local export entries.
    pub local_exports: Box<[LocalExport]>,
    /// The indirect export entries (re-exports).
    pub indirect_exports: Box<[IndirectExport]>,
    /// `export * from requests[i]` entries.
    pub star_exports: Box<[u32]>,
    /// Slot count of the module environment (every module-scope binding lives there).
    pub env_slots: u16,
    /// Environment-instantiation code, run at link time with the module environment as its
    /// closure environment: puts the module-scope `var`s to undefined, the lexical bindings in
    /// their TDZ and the hoisted function declarations in their slots. The module body
    /// ([`CompiledScript::top_level`]) runs later over the same environment.
    pub init: Rc<FunctionTemplate>,
    /// The body contains a top-level `await` (the body template is then an async function).
    pub has_top_level_await: bool,
}
