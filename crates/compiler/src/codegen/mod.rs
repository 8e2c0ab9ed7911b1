//! Register-bytecode generation: one walk over the AST per function, using the scope tree from
//! [`crate::resolver`].
//!
//! # Register allocation
//!
//! `R[0]` is `this`, `R[1..=param_count]` the parameters. Above them registers are allocated as a
//! stack: scope entry allocates registers for the scope's uncaptured bindings, expressions
//! allocate temporaries on top and release them (by resetting to a mark) when done. The highest
//! register ever used gives `register_count`. This keeps frames small without a liveness pass.
//!
//! # Control flow
//!
//! Jumps go to [`Label`]s patched when bound. `break`/`continue`/`return` walk the control stack
//! ([`ControlEntry`]) outwards: crossing a `for-of` closes its iterator, crossing a `finally`
//! records a numbered completion in the finally's registers and jumps into the finally block,
//! whose dispatch code continues the jump afterwards (so finally code is emitted once).
//! Environments are popped explicitly on jumps that leave scopes.

mod classes;
mod expressions;
mod patterns;
mod statements;

use std::rc::Rc;

use rustc_hash::FxHashMap;
use tseval_parser::Interner;
use tseval_parser::ast::*;

use crate::CompileError;
use crate::bytecode::{
    Constant, ExceptionHandler, FunctionFlags, FunctionTemplate, IcKind, IcSite, ImportEntry,
    IndirectExport, LocalExport, ModuleInfo, ModuleRequest, SourcePosition, SourceSpan,
};
use crate::opcodes::{
    ConstIdx, FunctionIdx, IcIdx, Instruction, JumpOffset, NameIdx, Reg, ShortJumpOffset,
};
use crate::resolver::{self, BindingId, BindingKind, ScopeId, ScopeKey, ScopeTree, THIS_NAME};

type Result<T> = std::result::Result<T, CompileError>;

/// Maximum nesting of statements/expressions the code generator accepts.
pub const MAX_CODEGEN_DEPTH: u32 = 1000;

use crate::opcodes::{
    COMPLETION_FIRST_JUMP, COMPLETION_NORMAL, COMPLETION_RETURN, COMPLETION_THROW,
};

/// A jump target inside the function being compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Label(usize);

#[derive(Default)]
struct LabelState {
    position: Option<usize>,
    uses: Vec<usize>,
}

/// Where a binding's value lives, as seen from the current code position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    Register(Reg),
    Env {
        depth: u16,
        slot: u16,
    },
    Global(Atom),
    /// A module import binding: an indirection in a module-environment slot (reads check the
    /// target's TDZ; writes are compiled as const-assignment errors before reaching here).
    Import {
        depth: u16,
        slot: u16,
        name: Atom,
    },
    /// A property of an object held in a register or environment slot (enum members, exported
    /// namespace variables).
    Member {
        object: ObjectPlace,
        key: Atom,
    },
}

/// Where the object of a [`Place::Member`] lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ObjectPlace {
    Register(Reg),
    Env { depth: u16, slot: u16 },
}

/// A resolved name.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Resolved {
    pub place: Place,
    pub binding: Option<BindingId>,
}

/// What a `break`/`continue` may target, and what leaving it requires.
pub(crate) struct ControlEntry {
    labels: Vec<Atom>,
    kind: ControlKind,
    /// Environment depth outside the construct (break target).
    break_depth: u16,
    /// Environment depth at the continue label.
    continue_depth: u16,
}

pub(crate) enum ControlKind {
    Loop {
        break_label: Label,
        continue_label: Label,
        iterator: Option<Reg>,
        /// Whether `iterator` is an async iterator record (`for await`), closed with
        /// AsyncIteratorClose.
        async_iterator: bool,
    },
    Block {
        break_label: Label,
        switch: bool,
    },
    Finally {
        kind_register: Reg,
        value_register: Reg,
        finally_label: Label,
        pending: Vec<PendingJump>,
    },
}

/// A jump routed through a finally block.
#[derive(Clone, Copy)]
pub(crate) struct PendingJump {
    id: i32,
    action: JumpAction,
}

/// Where an abrupt completion goes.
#[derive(Clone, Copy)]
pub(crate) enum JumpAction {
    Break(usize),
    Continue(usize),
    Return,
}

/// Per-function code generation state.
pub(crate) struct FunctionState {
    name: Rc<str>,
    flags: FunctionFlags,
    param_count: u16,
    length: u16,
    instructions: Vec<Instruction>,
    constants: Vec<Constant>,
    number_constants: FxHashMap<u64, u16>,
    string_constants: FxHashMap<Rc<str>, u16>,
    name_constants: FxHashMap<Rc<str>, u16>,
    ic_sites: Vec<IcSite>,
    handlers: Vec<ExceptionHandler>,
    positions: Vec<SourcePosition>,
    next_register: u32,
    max_register: u32,
    scope_depth: u16,
    labels: Vec<LabelState>,
    control: Vec<ControlEntry>,
    rest_register: Option<Reg>,
    arguments_register: Option<Reg>,
    function_env_slots: u16,
    source_span: SourceSpan,
    /// Labels waiting to be attached to the next loop statement.
    pending_labels: Vec<Atom>,
    /// The resource-list registers of the enclosing scopes with `using` declarations
    /// (innermost last) and whether each one's finally part is async (`await using`).
    disposal_scopes: Vec<(Reg, bool)>,
    /// Exit labels of the optional chains being compiled (innermost last).
    optional_chain_exits: Vec<Label>,
    /// The return value register used by generator `return()` resumption paths.
    completion_counter: i32,
    /// For class constructors: the class (for parameter properties and fields).
    is_derived_constructor: bool,
    /// Parameter-property names of the constructor being compiled (assigned after super()).
    parameter_properties: Vec<Atom>,
    /// The function's own scope.
    scope_id: ScopeId,
    /// Short jumps whose target was out of 16-bit range: `(jump pc, target pc)`.
    short_jump_overflows: Vec<(usize, usize)>,
    /// Derived constructors: the result register and the epilogue label every return jumps to.
    derived_epilogue: Option<(Reg, Label)>,
    /// Eval code's top level: the register holding the completion value of the statements
    /// run so far (expression statements write it; statements whose completion may be
    /// undefined reset it first).
    completion_register: Option<Reg>,
    /// The parameter list (defaults and destructuring) is being compiled.
    in_parameters: bool,
}

impl FunctionState {
    fn new(name: Rc<str>, flags: FunctionFlags, span: Span) -> FunctionState {
        FunctionState {
            name,
            flags,
            param_count: 0,
            length: 0,
            instructions: Vec::new(),
            constants: Vec::new(),
            number_constants: FxHashMap::default(),
            string_constants: FxHashMap::default(),
            name_constants: FxHashMap::default(),
            ic_sites: Vec::new(),
            handlers: Vec::new(),
            positions: Vec::new(),
            next_register: 1,
            max_register: 1,
            scope_depth: 0,
            labels: Vec::new(),
            control: Vec::new(),
            rest_register: None,
            arguments_register: None,
            function_env_slots: 0,
            source_span: SourceSpan {
                start: span.start,
                end: span.end,
            },
            pending_labels: Vec::new(),
            disposal_scopes: Vec::new(),
            optional_chain_exits: Vec::new(),
            completion_counter: COMPLETION_FIRST_JUMP,
            is_derived_constructor: false,
            parameter_properties: Vec::new(),
            scope_id: 0,
            short_jump_overflows: Vec::new(),
            derived_epilogue: None,
            completion_register: None,
            in_parameters: false,
        }
    }
}

/// The code generator.
pub(crate) struct Compiler<'t> {
    tree: &'t ScopeTree,
    interner: &'t Interner,
    source: &'t str,
    line_starts: Vec<u32>,
    name_texts: FxHashMap<Atom, Rc<str>>,
    binding_registers: Vec<Option<Reg>>,
    enum_objects: FxHashMap<ScopeId, Reg>,
    function: FunctionState,
    outer_functions: Vec<FunctionState>,
    scope: ScopeId,
    /// Creation scopes of the functions being compiled (restored by `end_function`).
    saved_scopes: Vec<ScopeId>,
    depth: u32,
    /// Number of enclosing class bodies (class code is always strict).
    class_depth: u32,
    /// Names of the namespaces whose bodies are being compiled (innermost last).
    namespace_stack: Vec<Atom>,
    module: bool,
    /// Drop module imports whose bindings nothing references (TypeScript's import elision).
    elide_unused_imports: bool,
    /// Top-level lexical declarations of this script live in the realm's global declarative
    /// record (see [`crate::ScriptOptions`]).
    global_lexical_declarations: bool,
}

/// Compiles a resolved program into its top-level template.
pub fn compile_program(
    program: &Program<'_>,
    tree: &ScopeTree,
    interner: &Interner,
    source: &Rc<str>,
    elide_unused_imports: bool,
) -> Result<(Rc<FunctionTemplate>, Option<ModuleInfo>)> {
    compile_program_with(
        program,
        tree,
        interner,
        source,
        elide_unused_imports,
        false,
        crate::ScriptOptions::default(),
    )
}

/// Compiles a resolved script with [`crate::ScriptOptions`].
pub fn compile_script_program_with_options(
    program: &Program<'_>,
    tree: &ScopeTree,
    interner: &Interner,
    source: &Rc<str>,
    options: crate::ScriptOptions,
) -> Result<Rc<FunctionTemplate>> {
    compile_program_with(program, tree, interner, source, false, false, options)
        .map(|(template, _)| template)
}

/// Compiles resolved eval code: like a script, but the top level returns the completion value
/// of its statements and carries [`FunctionFlags::EVAL`].
pub fn compile_eval_program(
    program: &Program<'_>,
    tree: &ScopeTree,
    interner: &Interner,
    source: &Rc<str>,
) -> Result<Rc<FunctionTemplate>> {
    let options = crate::ScriptOptions {
        completion_value: true,
        global_lexical_declarations: false,
    };
    compile_program_with(program, tree, interner, source, false, true, options)
        .map(|(template, _)| template)
}

fn compile_program_with(
    program: &Program<'_>,
    tree: &ScopeTree,
    interner: &Interner,
    source: &Rc<str>,
    elide_unused_imports: bool,
    eval: bool,
    options: crate::ScriptOptions,
) -> Result<(Rc<FunctionTemplate>, Option<ModuleInfo>)> {
    let mut line_starts = vec![0u32];
    for (index, byte) in source.bytes().enumerate() {
        if byte == b'\n' {
            line_starts.push(index as u32 + 1);
        }
    }
    let mut flags = FunctionFlags::SCRIPT;
    if program.is_strict {
        flags.insert(FunctionFlags::STRICT);
    }
    if eval {
        flags.insert(FunctionFlags::EVAL);
    }
    let mut compiler = Compiler {
        tree,
        interner,
        source,
        line_starts,
        name_texts: FxHashMap::default(),
        binding_registers: vec![None; tree.bindings.len()],
        enum_objects: FxHashMap::default(),
        function: FunctionState::new(Rc::from(""), flags, program.span),
        outer_functions: Vec::new(),
        scope: 0,
        saved_scopes: Vec::new(),
        depth: 0,
        class_depth: 0,
        namespace_stack: Vec::new(),
        module: program.source_type == SourceType::Module,
        elide_unused_imports,
        global_lexical_declarations: options.global_lexical_declarations
            && program.source_type != SourceType::Module,
    };
    if compiler.module {
        let (body, info) = compiler.compile_module(program)?;
        return Ok((body, Some(info)));
    }
    compiler.compile_top_level(program, options.completion_value)?;
    Ok((Rc::new(compiler.finish_function()?), None))
}

impl<'t> Compiler<'t> {
    // ----- Emission primitives -----------------------------------------------------------------

    pub(crate) fn emit(&mut self, instruction: Instruction) {
        self.function.instructions.push(instruction);
    }

    pub(crate) fn pc(&self) -> usize {
        self.function.instructions.len()
    }

    pub(crate) fn new_label(&mut self) -> Label {
        self.function.labels.push(LabelState::default());
        Label(self.function.labels.len() - 1)
    }

    pub(crate) fn bind_label(&mut self, label: Label) {
        let position = self.pc();
        let uses = std::mem::take(&mut self.function.labels[label.0].uses);
        self.function.labels[label.0].position = Some(position);
        for use_pc in uses {
            self.patch_jump(use_pc, position);
        }
    }

    /// Points the jump at `use_pc` to `target`. A short (fused compare-and-branch) jump whose
    /// offset does not fit in 16 bits is recorded and rewritten by [`relax_short_jumps`] when
    /// the function is finished.
    fn patch_jump(&mut self, use_pc: usize, target: usize) {
        let offset = target as i32 - use_pc as i32;
        if self.function.instructions[use_pc].set_jump_offset(offset) == Some(false) {
            self.function.short_jump_overflows.push((use_pc, target));
        }
    }

    /// Emits a jump-family instruction (any offset width) towards `label`.
    fn emit_jump_instruction(&mut self, label: Label, instruction: Instruction) {
        let pc = self.pc();
        self.emit(instruction);
        match self.function.labels[label.0].position {
            Some(position) => self.patch_jump(pc, position),
            None => self.function.labels[label.0].uses.push(pc),
        }
    }

    /// Emits a jump-family instruction built by `make` towards `label`.
    pub(crate) fn emit_jump_to(
        &mut self,
        label: Label,
        make: impl FnOnce(JumpOffset) -> Instruction,
    ) {
        self.emit_jump_instruction(label, make(JumpOffset(0)));
    }

    /// Emits a fused compare-and-branch (16-bit offset) built by `make` towards `label`.
    pub(crate) fn emit_short_jump_to(
        &mut self,
        label: Label,
        make: impl FnOnce(ShortJumpOffset) -> Instruction,
    ) {
        self.emit_jump_instruction(label, make(ShortJumpOffset(0)));
    }

    pub(crate) fn jump(&mut self, label: Label) {
        self.emit_jump_to(label, |offset| Instruction::Jump { offset });
    }

    /// Records the source position of the next instruction.
    pub(crate) fn mark_position(&mut self, span: Span) {
        let pc = self.pc() as u32;
        let offset = span.start;
        let line_index = self
            .line_starts
            .partition_point(|start| *start <= offset)
            .saturating_sub(1);
        let line_start = self.line_starts[line_index] as usize;
        let column = self
            .source
            .get(line_start..offset as usize)
            .map_or(0, |text| text.encode_utf16().count()) as u32
            + 1;
        let position = SourcePosition {
            pc,
            line: line_index as u32 + 1,
            column,
        };
        if let Some(last) = self.function.positions.last_mut() {
            if last.pc == pc {
                *last = position;
                return;
            }
            if last.line == position.line && last.column == position.column {
                return;
            }
        }
        self.function.positions.push(position);
    }

    // ----- Registers -----------------------------------------------------------------------------

    pub(crate) fn alloc(&mut self) -> Result<Reg> {
        self.alloc_n(1)
    }

    pub(crate) fn alloc_n(&mut self, count: u32) -> Result<Reg> {
        let first = self.function.next_register;
        let next = first + count;
        if next > u16::MAX as u32 {
            return Err(CompileError::new(
                "too many registers in one function",
                Span::new(0, 0),
            ));
        }
        self.function.next_register = next;
        self.function.max_register = self.function.max_register.max(next);
        Ok(Reg(first as u16))
    }

    pub(crate) fn mark(&self) -> u32 {
        self.function.next_register
    }

    pub(crate) fn release(&mut self, mark: u32) {
        self.function.next_register = mark;
    }

    // ----- Constants -------------------------------------------------------------------------------

    fn push_constant(&mut self, constant: Constant) -> Result<u16> {
        let index = self.function.constants.len();
        if index >= u16::MAX as usize {
            return Err(CompileError::new(
                "too many constants in one function",
                Span::new(0, 0),
            ));
        }
        self.function.constants.push(constant);
        Ok(index as u16)
    }

    pub(crate) fn number_constant(&mut self, value: f64) -> Result<ConstIdx> {
        if let Some(&index) = self.function.number_constants.get(&value.to_bits()) {
            return Ok(ConstIdx(index));
        }
        let index = self.push_constant(Constant::Number(value))?;
        self.function
            .number_constants
            .insert(value.to_bits(), index);
        Ok(ConstIdx(index))
    }

    pub(crate) fn string_constant(&mut self, text: &str) -> Result<ConstIdx> {
        if let Some(&index) = self.function.string_constants.get(text) {
            return Ok(ConstIdx(index));
        }
        let text: Rc<str> = Rc::from(text);
        let index = self.push_constant(Constant::String(Rc::clone(&text)))?;
        self.function.string_constants.insert(text, index);
        Ok(ConstIdx(index))
    }

    pub(crate) fn utf16_constant(&mut self, units: &[u16]) -> Result<ConstIdx> {
        match String::from_utf16(units) {
            Ok(text) => self.string_constant(&text),
            Err(_) => Ok(ConstIdx(
                self.push_constant(Constant::Utf16String(Rc::from(units)))?,
            )),
        }
    }

    pub(crate) fn text_of(&mut self, atom: Atom) -> Rc<str> {
        if let Some(text) = self.name_texts.get(&atom) {
            return Rc::clone(text);
        }
        let text: Rc<str> = Rc::from(self.interner.resolve(atom));
        self.name_texts.insert(atom, Rc::clone(&text));
        text
    }

    pub(crate) fn name_constant_text(&mut self, text: &Rc<str>) -> Result<NameIdx> {
        if let Some(&index) = self.function.name_constants.get(text) {
            return Ok(NameIdx(index));
        }
        let index = self.push_constant(Constant::Name(Rc::clone(text)))?;
        self.function.name_constants.insert(Rc::clone(text), index);
        Ok(NameIdx(index))
    }

    pub(crate) fn name_constant(&mut self, atom: Atom) -> Result<NameIdx> {
        let text = self.text_of(atom);
        self.name_constant_text(&text)
    }

    pub(crate) fn function_constant(
        &mut self,
        template: Rc<FunctionTemplate>,
    ) -> Result<FunctionIdx> {
        Ok(FunctionIdx(
            self.push_constant(Constant::Function(template))?,
        ))
    }

    pub(crate) fn raw_constant(&mut self, constant: Constant) -> Result<u16> {
        self.push_constant(constant)
    }

    pub(crate) fn ic_site(&mut self, kind: IcKind, key: Atom) -> Result<IcIdx> {
        let key = self.name_constant(key)?.0;
        let index = self.function.ic_sites.len();
        if index >= u16::MAX as usize {
            return Err(CompileError::new(
                "too many property accesses in one function",
                Span::new(0, 0),
            ));
        }
        self.function.ic_sites.push(IcSite { kind, key });
        Ok(IcIdx(index as u16))
    }

    pub(crate) fn ic_site_text(&mut self, kind: IcKind, key: &Rc<str>) -> Result<IcIdx> {
        let key = self.name_constant_text(key)?.0;
        let index = self.function.ic_sites.len();
        if index >= u16::MAX as usize {
            return Err(CompileError::new(
                "too many property accesses in one function",
                Span::new(0, 0),
            ));
        }
        self.function.ic_sites.push(IcSite { kind, key });
        Ok(IcIdx(index as u16))
    }

    /// Loads a number, using `LoadInt` when exact.
    pub(crate) fn load_number(&mut self, dst: Reg, value: f64) -> Result<()> {
        if value.fract() == 0.0
            && value >= i32::MIN as f64
            && value <= i32::MAX as f64
            && !(value == 0.0 && value.is_sign_negative())
        {
            self.emit(Instruction::LoadInt {
                dst,
                value: value as i32,
            });
        } else {
            let constant = self.number_constant(value)?;
            self.emit(Instruction::LoadConst { dst, constant });
        }
        Ok(())
    }

    pub(crate) fn load_string(&mut self, dst: Reg, text: &str) -> Result<()> {
        let constant = self.string_constant(text)?;
        self.emit(Instruction::LoadConst { dst, constant });
        Ok(())
    }

    // ----- Depth guard -------------------------------------------------------------------------

    pub(crate) fn descend(&mut self, span: Span) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_CODEGEN_DEPTH {
            return Err(CompileError::new("code nested too deeply", span));
        }
        Ok(())
    }

    pub(crate) fn ascend(&mut self) {
        self.depth -= 1;
    }

    // ----- Scopes and name resolution -----------------------------------------------------------

    pub(crate) fn scope_for(&self, key: ScopeKey) -> Result<ScopeId> {
        self.tree
            .scope_for(key)
            .ok_or_else(|| CompileError::new("internal error: scope not found", Span::new(0, 0)))
    }

    fn binding_needs_register(kind: BindingKind) -> bool {
        !matches!(kind, BindingKind::EnumMember | BindingKind::NamespaceExport)
    }

    /// Enters a scope: pushes its environment, allocates registers for its uncaptured bindings
    /// (except those already assigned, like parameters), and puts TDZ bindings in the hole state.
    pub(crate) fn enter_scope(&mut self, scope: ScopeId) -> Result<()> {
        let scope_data = &self.tree.scopes[scope as usize];
        // The module scope's environment is created by the VM at link time and is the closure
        // environment of the module code, so entering it pushes nothing.
        let external_env = self.module && scope == 0;
        if scope_data.has_env() && !external_env {
            self.emit(Instruction::PushEnv {
                slots: scope_data.env_slot_count,
            });
            self.function.scope_depth += 1;
        }
        self.scope = scope;
        let bindings = scope_data.bindings.clone();
        for binding_id in bindings {
            let binding = &self.tree.bindings[binding_id as usize];
            if !binding.captured
                && Self::binding_needs_register(binding.kind)
                && self.binding_registers[binding_id as usize].is_none()
            {
                let register = self.alloc()?;
                self.binding_registers[binding_id as usize] = Some(register);
            }
        }
        self.initialize_tdz(scope)?;
        Ok(())
    }

    /// Stores the hole into every binding of `scope` that needs TDZ checks.
    pub(crate) fn initialize_tdz(&mut self, scope: ScopeId) -> Result<()> {
        let bindings = self.tree.scopes[scope as usize].bindings.clone();
        let mut hole: Option<Reg> = None;
        let mark = self.mark();
        for binding_id in bindings {
            let binding = &self.tree.bindings[binding_id as usize];
            if !binding.needs_tdz {
                continue;
            }
            if binding.captured {
                let register = match hole {
                    Some(register) => register,
                    None => {
                        let register = self.alloc()?;
                        self.emit(Instruction::LoadHole { dst: register });
                        hole = Some(register);
                        register
                    }
                };
                self.emit(Instruction::StoreEnv {
                    src: register,
                    depth: 0,
                    slot: binding.slot,
                });
            } else if let Some(register) = self.binding_registers[binding_id as usize] {
                self.emit(Instruction::LoadHole { dst: register });
            }
        }
        self.release(mark);
        Ok(())
    }

    /// Leaves a scope entered with [`Self::enter_scope`].
    pub(crate) fn exit_scope(&mut self, scope: ScopeId, register_mark: u32) {
        let scope_data = &self.tree.scopes[scope as usize];
        if scope_data.has_env() {
            self.emit(Instruction::PopEnv {});
            self.function.scope_depth -= 1;
        }
        self.release(register_mark);
        self.scope = scope_data.parent.unwrap_or(0);
    }

    pub(crate) fn place_of_binding(&self, binding_id: BindingId, depth: u16) -> Result<Place> {
        let binding = &self.tree.bindings[binding_id as usize];
        if binding.captured {
            return Ok(Place::Env {
                depth,
                slot: binding.slot,
            });
        }
        match self.binding_registers[binding_id as usize] {
            Some(register) => Ok(Place::Register(register)),
            None => Err(CompileError::new(
                format!(
                    "internal error: binding '{}' has no register",
                    self.interner.resolve(binding.name)
                ),
                Span::new(0, 0),
            )),
        }
    }

    /// Resolves a name from the current scope.
    pub(crate) fn resolve(&self, name: Atom) -> Result<Resolved> {
        let mut scope = self.scope;
        let mut depth: u16 = 0;
        loop {
            let scope_data = &self.tree.scopes[scope as usize];
            if let Some(&binding_id) = scope_data.names.get(&name) {
                let binding = &self.tree.bindings[binding_id as usize];
                let place = match binding.kind {
                    BindingKind::Import => Place::Import {
                        depth,
                        slot: binding.slot,
                        name,
                    },
                    BindingKind::EnumMember => match self.enum_objects.get(&scope) {
                        Some(&register) => Place::Member {
                            object: ObjectPlace::Register(register),
                            key: name,
                        },
                        None => Place::Global(name),
                    },
                    BindingKind::NamespaceExport => {
                        let object_binding = scope_data.bindings[0];
                        let object = match self.place_of_binding(object_binding, depth)? {
                            Place::Register(register) => ObjectPlace::Register(register),
                            Place::Env { depth, slot } => ObjectPlace::Env { depth, slot },
                            _ => {
                                return Err(CompileError::new(
                                    "internal error: namespace object",
                                    Span::new(0, 0),
                                ));
                            }
                        };
                        Place::Member { object, key: name }
                    }
                    BindingKind::Let | BindingKind::Const | BindingKind::Class
                        if scope == 0 && self.global_lexical_declarations =>
                    {
                        Place::Global(name)
                    }
                    _ => self.place_of_binding(binding_id, depth)?,
                };
                return Ok(Resolved {
                    place,
                    binding: Some(binding_id),
                });
            }
            if scope_data.has_env() {
                depth += 1;
            }
            match scope_data.parent {
                Some(parent) => scope = parent,
                None => {
                    return Ok(Resolved {
                        place: Place::Global(name),
                        binding: None,
                    });
                }
            }
        }
    }

    /// Resolves a private name to the place of its class-scope binding.
    pub(crate) fn resolve_private(&self, name: Atom, span: Span) -> Result<Place> {
        let mut scope = self.scope;
        let mut depth: u16 = 0;
        loop {
            let scope_data = &self.tree.scopes[scope as usize];
            if let Some(&binding_id) = scope_data.private_names.get(&name) {
                return self.place_of_binding(binding_id, depth);
            }
            if scope_data.has_env() {
                depth += 1;
            }
            match scope_data.parent {
                Some(parent) => scope = parent,
                None => return Err(CompileError::new("undeclared private name", span)),
            }
        }
    }

    /// The places of the `with` objects a reference to `name` from the current scope passes
    /// before it reaches its binding (or the global scope), innermost first. Empty unless the
    /// program has a `with` statement (or is eval code seeing one).
    pub(crate) fn with_objects_for(&self, name: Atom) -> Result<Vec<Place>> {
        let mut places = Vec::new();
        if !self.tree.has_with {
            return Ok(places);
        }
        let mut scope = self.scope;
        let mut depth: u16 = 0;
        loop {
            let scope_data = &self.tree.scopes[scope as usize];
            if scope_data.names.contains_key(&name) {
                break;
            }
            if let Some(&object_binding) = scope_data.names.get(&resolver::WITH_OBJECT_NAME) {
                places.push(self.place_of_binding(object_binding, depth)?);
            }
            if scope_data.has_env() {
                depth += 1;
            }
            match scope_data.parent {
                Some(parent) => scope = parent,
                None => break,
            }
        }
        Ok(places)
    }

    /// Emits the object-environment part of a reference under `with`: for each `with` object
    /// (innermost first), loads it into `object`, tests HasBinding and, when it holds, runs
    /// `found(self, object)` and jumps to `end`. Falls through to the static binding otherwise.
    pub(crate) fn emit_with_lookups(
        &mut self,
        places: &[Place],
        name: Atom,
        object: Reg,
        end: Label,
        found: &mut dyn FnMut(&mut Self, Reg) -> Result<()>,
    ) -> Result<()> {
        let name_index = self.name_constant(name)?;
        for &place in places {
            self.load_place(place, object)?;
            let mark = self.mark();
            let flag = self.alloc()?;
            self.emit(Instruction::HasWithBinding {
                dst: flag,
                object,
                name: name_index,
            });
            let next = self.new_label();
            self.emit_jump_to(next, |offset| Instruction::JumpIfFalse {
                condition: flag,
                offset,
            });
            self.release(mark);
            found(self, object)?;
            self.jump(end);
            self.bind_label(next);
        }
        Ok(())
    }

    /// The prologue of sloppy eval code run by a direct eval in a function: defines each new
    /// `var`/function name of the eval code as an undefined property of the caller's eval
    /// variable object (CreateMutableBinding), unless it already has it.
    fn define_eval_var_object_names(&mut self) -> Result<()> {
        let mut scope = self.tree.scopes[0].parent;
        let mut depth: u16 = 0;
        let mut object_place = None;
        while let Some(id) = scope {
            let data = &self.tree.scopes[id as usize];
            if data.kind.is_var_scope() {
                if let Some(binding) = self.tree.lookup_local(id, resolver::WITH_OBJECT_NAME) {
                    object_place = Some(self.place_of_binding(binding, depth)?);
                }
                break;
            }
            if data.has_env() {
                depth += 1;
            }
            scope = data.parent;
        }
        // The eval code's own scope may have an environment of its own at depth 0.
        if self.tree.scopes[0].has_env()
            && let Some(Place::Env { depth, slot }) = object_place
        {
            object_place = Some(Place::Env {
                depth: depth + 1,
                slot,
            });
        }
        let Some(place) = object_place else {
            return Ok(());
        };
        let mark = self.mark();
        let object = self.alloc()?;
        let flag = self.alloc()?;
        self.load_place(place, object)?;
        let names = self.tree.eval_var_object_names.clone();
        for name in names {
            let name_index = self.name_constant(name)?;
            self.emit(Instruction::HasWithBinding {
                dst: flag,
                object,
                name: name_index,
            });
            let skip = self.new_label();
            self.emit_jump_to(skip, |offset| Instruction::JumpIfTrue {
                condition: flag,
                offset,
            });
            self.emit(Instruction::LoadUndefined { dst: flag });
            let ic = self.ic_site(IcKind::DefineNamed, name)?;
            self.emit(Instruction::DefineNamed {
                object,
                value: flag,
                ic,
            });
            self.bind_label(skip);
        }
        self.release(mark);
        Ok(())
    }

    /// Reads a place into `dst` (no TDZ check).
    pub(crate) fn load_place(&mut self, place: Place, dst: Reg) -> Result<()> {
        match place {
            Place::Register(register) => {
                if register != dst {
                    self.emit(Instruction::Move { dst, src: register });
                }
            }
            Place::Env { depth, slot } => self.emit(Instruction::LoadEnv { dst, depth, slot }),
            Place::Import { depth, slot, name } => {
                self.emit(Instruction::LoadImport { dst, depth, slot });
                let name = self.name_constant(name)?;
                self.emit(Instruction::ThrowIfHole { value: dst, name });
            }
            Place::Global(name) => {
                let ic = self.ic_site(IcKind::GetGlobal, name)?;
                self.emit(Instruction::GetGlobal { dst, ic });
            }
            Place::Member { object, key } => {
                let object_register = self.load_object_place(object, dst)?;
                let ic = self.ic_site(IcKind::GetNamed, key)?;
                self.emit(Instruction::GetNamed {
                    dst,
                    object: object_register,
                    ic,
                });
            }
        }
        Ok(())
    }

    fn load_object_place(&mut self, object: ObjectPlace, scratch: Reg) -> Result<Reg> {
        Ok(match object {
            ObjectPlace::Register(register) => register,
            ObjectPlace::Env { depth, slot } => {
                self.emit(Instruction::LoadEnv {
                    dst: scratch,
                    depth,
                    slot,
                });
                scratch
            }
        })
    }

    /// Writes `value` to a place (no TDZ or const checks).
    pub(crate) fn store_place(&mut self, place: Place, value: Reg) -> Result<()> {
        match place {
            Place::Register(register) => {
                if register != value {
                    self.emit(Instruction::Move {
                        dst: register,
                        src: value,
                    });
                }
            }
            Place::Env { depth, slot } => self.emit(Instruction::StoreEnv {
                src: value,
                depth,
                slot,
            }),
            Place::Import { name, .. } => {
                let name = self.name_constant(name)?;
                self.emit(Instruction::ThrowConstAssign { name });
            }
            Place::Global(name) => {
                let ic = self.ic_site(IcKind::SetGlobal, name)?;
                self.emit(Instruction::SetGlobal { value, ic });
            }
            Place::Member { object, key } => {
                let mark = self.mark();
                let scratch = self.alloc()?;
                let object_register = self.load_object_place(object, scratch)?;
                let ic = self.ic_site(IcKind::SetNamed, key)?;
                self.emit(Instruction::SetNamed {
                    object: object_register,
                    value,
                    ic,
                });
                self.release(mark);
            }
        }
        Ok(())
    }

    /// Initialises a declared binding by name from `value` (declarations: no TDZ/const checks).
    pub(crate) fn initialize_binding(&mut self, name: Atom, value: Reg) -> Result<()> {
        let resolved = self.resolve(name)?;
        self.initialize_resolved(resolved, name, value)
    }

    /// Writes the initial value of a resolved binding: a plain store, except for a top-level
    /// lexical declaration kept in the global declarative record, whose initialisation ends
    /// its temporal dead zone.
    pub(crate) fn initialize_resolved(
        &mut self,
        resolved: Resolved,
        name: Atom,
        value: Reg,
    ) -> Result<()> {
        if let (Place::Global(_), Some(binding)) = (resolved.place, resolved.binding)
            && self.is_global_lexical_binding(binding)
        {
            let name = self.name_constant(name)?;
            self.emit(Instruction::InitializeGlobalLexical { value, name });
            return Ok(());
        }
        // A script-level var is a global property.
        self.store_place(resolved.place, value)
    }

    /// Whether a binding is a top-level lexical declaration kept in the global declarative
    /// record.
    fn is_global_lexical_binding(&self, binding: BindingId) -> bool {
        let binding = &self.tree.bindings[binding as usize];
        self.global_lexical_declarations
            && matches!(
                binding.kind,
                BindingKind::Let | BindingKind::Const | BindingKind::Class
            )
            && binding.scope == 0
    }

    /// Resolves a pseudo-binding (this, new.target, home object, active function).
    pub(crate) fn resolve_pseudo(&self, name: Atom) -> Result<Option<Resolved>> {
        let resolved = self.resolve(name)?;
        Ok(if resolved.binding.is_some() {
            Some(resolved)
        } else {
            None
        })
    }

    /// Describes the environment chain at the current position for a direct-eval call site
    /// (the resolver made every binding visible here captured, so each scope with bindings has
    /// an environment and `frame.env` at the call is the innermost one).
    pub(crate) fn eval_site(&mut self, argument_count: u16) -> Result<crate::bytecode::EvalSite> {
        use crate::bytecode::{EvalBinding, EvalBindingName, EvalScopeLevel};
        let mut levels = Vec::new();
        let mut global_var_scope: Option<bool> = None;
        let mut in_function: Option<bool> = None;
        let mut scope = Some(self.scope);
        while let Some(id) = scope {
            let data = &self.tree.scopes[id as usize];
            let this_scope = matches!(
                data.kind,
                resolver::ScopeKind::Script | resolver::ScopeKind::Function { arrow: false }
            );
            if data.kind.is_var_scope() && global_var_scope.is_none() {
                global_var_scope = Some(data.kind == resolver::ScopeKind::Script && !self.module);
            }
            if this_scope && in_function.is_none() {
                in_function = Some(data.kind != resolver::ScopeKind::Script);
            }
            if data.has_env() {
                let mut bindings: Vec<(u16, EvalBinding)> = Vec::new();
                for &binding_id in &data.bindings {
                    let binding = &self.tree.bindings[binding_id as usize];
                    if !binding.captured
                        || matches!(
                            binding.kind,
                            BindingKind::NamespaceExport | BindingKind::EnumMember
                        )
                    {
                        continue;
                    }
                    let name = if binding.name.0 >= resolver::COMPUTED_FIELD_KEY_BASE {
                        EvalBindingName::Reserved(binding.name.0)
                    } else {
                        EvalBindingName::Text(Rc::from(self.interner.resolve(binding.name)))
                    };
                    bindings.push((
                        binding.slot,
                        EvalBinding {
                            name,
                            kind: binding.kind,
                        },
                    ));
                }
                bindings.sort_by_key(|(slot, _)| *slot);
                levels.push(EvalScopeLevel {
                    bindings: bindings.into_iter().map(|(_, binding)| binding).collect(),
                    this_scope,
                    var_scope: data.kind.is_var_scope(),
                });
            }
            scope = data.parent;
        }
        let in_method = self
            .outer_functions
            .iter()
            .chain(std::iter::once(&self.function))
            .rev()
            .find(|state| !state.flags.contains(FunctionFlags::ARROW))
            .is_some_and(|state| state.flags.contains(FunctionFlags::METHOD));
        Ok(crate::bytecode::EvalSite {
            argument_count,
            levels: levels.into_boxed_slice(),
            global_var_scope: global_var_scope.unwrap_or(false),
            in_function: in_function.unwrap_or(false),
            in_method,
            in_parameters: self.function.in_parameters,
        })
    }

    /// Loads `this` into a register (with the derived-constructor check).
    pub(crate) fn load_this(&mut self, dst: Reg) -> Result<Reg> {
        let Some(resolved) = self.resolve_pseudo(THIS_NAME)? else {
            self.emit(Instruction::Move { dst, src: Reg(0) });
            return Ok(dst);
        };
        let register = match resolved.place {
            Place::Register(register) => register,
            place => {
                self.load_place(place, dst)?;
                dst
            }
        };
        if self.this_may_be_uninitialized(resolved.binding) {
            self.emit(Instruction::CheckThisInitialized { value: register });
        }
        Ok(register)
    }

    /// Whether `this` may still be the hole (inside a derived constructor or arrows within it).
    fn this_may_be_uninitialized(&self, binding: Option<BindingId>) -> bool {
        let Some(binding) = binding else { return false };
        let scope = self.tree.bindings[binding as usize].scope;
        // Eval code cannot know whether its caller is a derived constructor before super().
        self.tree.scopes[scope as usize].ghost || self.derived_constructor_scopes().contains(&scope)
    }

    fn derived_constructor_scopes(&self) -> Vec<ScopeId> {
        let mut scopes = Vec::new();
        for state in self
            .outer_functions
            .iter()
            .chain(std::iter::once(&self.function))
        {
            if state.is_derived_constructor {
                scopes.push(state_scope(state));
            }
        }
        scopes
    }

    // ----- Functions -----------------------------------------------------------------------------

    /// Builds the template of the current function and restores nothing (caller swaps states).
    fn finish_function(&mut self) -> Result<FunctionTemplate> {
        for label in &self.function.labels {
            if !label.uses.is_empty() && label.position.is_none() {
                return Err(CompileError::new(
                    "internal error: unbound label",
                    Span::new(0, 0),
                ));
            }
        }
        if self.needs_implicit_return() {
            let mark = self.mark();
            let register = self.alloc()?;
            self.emit(Instruction::LoadUndefined { dst: register });
            self.emit(Instruction::Return { value: register });
            self.release(mark);
        }
        if !self.function.short_jump_overflows.is_empty() {
            relax_short_jumps(&mut self.function)?;
        }
        let state = &mut self.function;
        Ok(FunctionTemplate {
            name: Rc::clone(&state.name),
            flags: state.flags,
            param_count: state.param_count,
            length: state.length,
            register_count: state.max_register as u16,
            rest_register: state.rest_register,
            arguments_register: state.arguments_register,
            function_env_slots: state.function_env_slots,
            instructions: std::mem::take(&mut state.instructions).into_boxed_slice(),
            constants: std::mem::take(&mut state.constants).into_boxed_slice(),
            ic_sites: std::mem::take(&mut state.ic_sites).into_boxed_slice(),
            exception_handlers: std::mem::take(&mut state.handlers).into_boxed_slice(),
            source_positions: std::mem::take(&mut state.positions).into_boxed_slice(),
            source_span: state.source_span,
        })
    }

    /// Starts compiling a nested function: saves the current state.
    pub(crate) fn begin_function(
        &mut self,
        name: Rc<str>,
        flags: FunctionFlags,
        span: Span,
        scope: ScopeId,
    ) {
        let state = FunctionState::new(name, flags, span);
        let previous = std::mem::replace(&mut self.function, state);
        self.outer_functions.push(previous);
        self.saved_scopes.push(self.scope);
        self.scope = scope;
        self.function.scope_id = scope;
    }

    /// Finishes a nested function and returns to the enclosing one.
    pub(crate) fn end_function(&mut self) -> Result<Rc<FunctionTemplate>> {
        let template = self.finish_function()?;
        let previous = self.outer_functions.pop().unwrap_or_else(|| {
            FunctionState::new(Rc::from(""), FunctionFlags::empty(), Span::new(0, 0))
        });
        self.function = previous;
        self.scope = self.saved_scopes.pop().unwrap_or(0);
        Ok(Rc::new(template))
    }

    /// Whether control can reach the end of the instruction list (fall through or a label bound
    /// there), so an implicit return must be appended.
    pub(crate) fn needs_implicit_return(&self) -> bool {
        let end = self.pc();
        self.function
            .instructions
            .last()
            .is_none_or(|last| !last.is_terminator())
            || self
                .function
                .labels
                .iter()
                .any(|label| label.position == Some(end))
    }

    /// Whether the function being compiled is an async generator.
    pub(crate) fn is_async_generator(&self) -> bool {
        self.function.flags.contains(FunctionFlags::ASYNC)
            && self.function.flags.contains(FunctionFlags::GENERATOR)
    }

    /// Whether the code being compiled is strict.
    pub(crate) fn is_strict(&self) -> bool {
        self.function.flags.contains(FunctionFlags::STRICT)
    }

    /// Emits the prologue part shared by all non-script functions: the function-scope
    /// environment and the pseudo-bindings (`this`, `new.target`, home object, active function,
    /// `arguments`, the function expression's own name).
    pub(crate) fn emit_function_scope_entry(&mut self, scope: ScopeId) -> Result<()> {
        let scope_data = &self.tree.scopes[scope as usize];
        self.function.function_env_slots = scope_data.env_slot_count;
        // Pseudo-bindings that sit in fixed registers when not captured.
        let bindings = scope_data.bindings.clone();
        for &binding_id in &bindings {
            let binding = &self.tree.bindings[binding_id as usize];
            if binding.kind == BindingKind::This && !binding.captured {
                self.binding_registers[binding_id as usize] = Some(Reg(0));
            }
            if binding.kind == BindingKind::Arguments {
                let register = self.alloc()?;
                self.function.arguments_register = Some(register);
                self.function.flags.insert(FunctionFlags::USES_ARGUMENTS);
                if !binding.captured {
                    self.binding_registers[binding_id as usize] = Some(register);
                }
            }
        }
        self.enter_scope(scope)?;
        for &binding_id in &bindings {
            let binding = &self.tree.bindings[binding_id as usize];
            let source = match binding.kind {
                BindingKind::This => {
                    self.function.flags.insert(FunctionFlags::USES_THIS);
                    if binding.captured { Some(Reg(0)) } else { None }
                }
                BindingKind::Arguments => {
                    if binding.captured {
                        self.function.arguments_register
                    } else {
                        None
                    }
                }
                BindingKind::Synthetic if binding.name == resolver::WITH_OBJECT_NAME => {
                    self.emit_eval_var_object(binding_id)?;
                    None
                }
                BindingKind::NewTarget
                | BindingKind::HomeObject
                | BindingKind::ActiveFunction
                | BindingKind::FunctionSelf => {
                    let mark = self.mark();
                    let register = match self.place_of_binding(binding_id, 0)? {
                        Place::Register(register) => register,
                        _ => self.alloc()?,
                    };
                    match binding.kind {
                        BindingKind::NewTarget => {
                            self.emit(Instruction::LoadNewTarget { dst: register })
                        }
                        BindingKind::HomeObject => {
                            self.emit(Instruction::LoadHomeObject { dst: register })
                        }
                        _ => self.emit(Instruction::LoadCallee { dst: register }),
                    }
                    if binding.captured {
                        self.emit(Instruction::StoreEnv {
                            src: register,
                            depth: 0,
                            slot: binding.slot,
                        });
                    }
                    self.release(mark);
                    None
                }
                _ => None,
            };
            if let Some(source) = source {
                self.emit(Instruction::StoreEnv {
                    src: source,
                    depth: 0,
                    slot: binding.slot,
                });
            }
        }
        Ok(())
    }

    /// Creates the eval variable object of a variable scope containing a direct eval: an
    /// object without prototype, so only eval-declared names are found on it.
    pub(crate) fn emit_eval_var_object(&mut self, binding_id: BindingId) -> Result<()> {
        let binding = &self.tree.bindings[binding_id as usize];
        let (captured, slot) = (binding.captured, binding.slot);
        let mark = self.mark();
        let register = match self.place_of_binding(binding_id, 0)? {
            Place::Register(register) => register,
            _ => self.alloc()?,
        };
        let null = self.alloc()?;
        self.emit(Instruction::NewObject {
            dst: register,
            capacity: 0,
        });
        self.emit(Instruction::LoadNull { dst: null });
        self.emit(Instruction::SetPrototypeFromLiteral {
            object: register,
            value: null,
        });
        if captured {
            self.emit(Instruction::StoreEnv {
                src: register,
                depth: 0,
                slot,
            });
        }
        self.release(mark);
        Ok(())
    }

    /// Creates closures for the hoisted function declarations of a statement list and stores
    /// them into their bindings (or declares them as globals at script top level).
    pub(crate) fn instantiate_hoisted_functions(
        &mut self,
        statements: &[Statement<'_>],
        global: bool,
    ) -> Result<()> {
        for statement in statements {
            let Some(function) = resolver::hoisted_function(statement) else {
                continue;
            };
            let Some(id) = function.id else { continue };
            let name = self.text_of(id.name);
            let template =
                self.compile_function(function, Rc::clone(&name), FunctionRole::Normal)?;
            let index = self.function_constant(template)?;
            let mark = self.mark();
            let register = self.alloc()?;
            self.emit(Instruction::CreateClosure {
                dst: register,
                function: index,
            });
            if global {
                let name = self.name_constant(id.name)?;
                self.emit(Instruction::DeclareGlobalFunction {
                    name,
                    function: register,
                });
            } else if self.tree.eval_var_object && self.scope == 0 {
                // Sloppy direct eval in a function: the caller's binding or its eval
                // variable object.
                self.write_identifier(id, register)?;
            } else {
                self.initialize_binding(id.name, register)?;
            }
            self.release(mark);
        }
        Ok(())
    }

    /// Compiles module code into its environment-instantiation template (returned inside the
    /// [`ModuleInfo`]) and its body template.
    fn compile_module(
        &mut self,
        program: &Program<'_>,
    ) -> Result<(Rc<FunctionTemplate>, ModuleInfo)> {
        self.function.scope_id = 0;
        self.emit_function_scope_entry(0)?;
        // The function sets the slot count for a pushed environment; the module environment
        // is the closure environment instead.
        self.function.function_env_slots = 0;
        let mark = self.mark();
        let undefined = self.alloc()?;
        self.emit(Instruction::LoadUndefined { dst: undefined });
        let bindings = self.tree.scopes[0].bindings.clone();
        for binding_id in bindings {
            let binding = &self.tree.bindings[binding_id as usize];
            if binding.kind == BindingKind::Var && binding.captured {
                self.emit(Instruction::StoreEnv {
                    src: undefined,
                    depth: 0,
                    slot: binding.slot,
                });
            }
        }
        self.release(mark);
        self.instantiate_hoisted_functions(program.body, false)?;
        for statement in program.body {
            if let Statement::ExportDefault(export) = statement
                && let ExportDefaultKind::Function(function) = export.kind
                && function.id.is_none()
            {
                let template =
                    self.compile_function(function, Rc::from("default"), FunctionRole::Normal)?;
                let index = self.function_constant(template)?;
                let mark = self.mark();
                let register = self.alloc()?;
                self.emit(Instruction::CreateClosure {
                    dst: register,
                    function: index,
                });
                self.initialize_binding(resolver::DEFAULT_EXPORT_NAME, register)?;
                self.release(mark);
            }
        }
        let init = Rc::new(self.finish_function()?);

        let flags = self.function.flags;
        self.function = FunctionState::new(Rc::from(""), flags, program.span);
        self.function.scope_id = 0;
        self.scope = 0;
        self.statement_list(program.body)?;
        let has_top_level_await = self
            .function
            .instructions
            .iter()
            .any(|instruction| matches!(instruction, Instruction::Await { .. }));
        if has_top_level_await {
            self.function.flags.insert(FunctionFlags::ASYNC);
        }
        let body = Rc::new(self.finish_function()?);
        let info = self.module_info(program, init, has_top_level_await)?;
        Ok((body, info))
    }

    /// Whether TypeScript import elision drops the import binding `name`.
    fn import_binding_is_elided(&self, name: Atom) -> bool {
        self.elide_unused_imports
            && self
                .tree
                .lookup_local(0, name)
                .is_some_and(|binding| !self.tree.bindings[binding as usize].referenced)
    }

    /// Whether TypeScript import elision drops a whole import declaration (it has bindings
    /// and none of them is referenced; `import "m"` is always kept).
    fn import_is_elided(&self, import: &ImportDeclaration<'_>) -> bool {
        !import.specifiers.is_empty()
            && import.specifiers.iter().all(|specifier| {
                let local = match specifier {
                    ImportSpecifier::Default { local, .. }
                    | ImportSpecifier::Namespace { local, .. }
                    | ImportSpecifier::Named { local, .. } => local,
                };
                self.import_binding_is_elided(local.name)
            })
    }

    /// The module-environment slot of a module-scope name.
    fn module_slot(&self, name: Atom, span: Span) -> Result<u16> {
        match self.tree.lookup_local(0, name) {
            Some(binding) => Ok(self.tree.bindings[binding as usize].slot),
            None => Err(CompileError::new(
                format!(
                    "Export '{}' is not defined in module",
                    self.interner.resolve(name)
                ),
                span,
            )),
        }
    }

    /// Collects the import and export entries of a module (ParseModule's steps).
    fn module_info(
        &mut self,
        program: &Program<'_>,
        init: Rc<FunctionTemplate>,
        has_top_level_await: bool,
    ) -> Result<ModuleInfo> {
        let mut requests: Vec<ModuleRequest> = Vec::new();
        let mut imports: Vec<ImportEntry> = Vec::new();
        let mut local_exports: Vec<LocalExport> = Vec::new();
        let mut indirect_exports: Vec<IndirectExport> = Vec::new();
        let mut star_exports: Vec<u32> = Vec::new();
        let mut request_index = |compiler: &mut Self,
                                 source: &StringLiteral<'_>,
                                 attributes: &[ImportAttribute<'_>]|
         -> Result<u32> {
            let specifier: Rc<str> = Rc::from(String::from_utf16_lossy(source.value));
            let mut pairs: Vec<(Rc<str>, Rc<str>)> = attributes
                .iter()
                .map(|attribute| {
                    (
                        compiler.text_of(attribute.key.name),
                        Rc::from(String::from_utf16_lossy(attribute.value.value)),
                    )
                })
                .collect();
            pairs.sort();
            let request = ModuleRequest {
                specifier,
                attributes: pairs.into_boxed_slice(),
            };
            if let Some(index) = requests.iter().position(|existing| *existing == request) {
                return Ok(index as u32);
            }
            requests.push(request);
            Ok(requests.len() as u32 - 1)
        };
        // Imports first: re-exports of imported names refer to them.
        for statement in program.body {
            if let Statement::Import(import) = statement {
                if self.import_is_elided(import) {
                    continue;
                }
                let request = request_index(self, import.source, import.attributes)?;
                for specifier in import.specifiers {
                    let (import_name, local) = match specifier {
                        ImportSpecifier::Default { local, .. } => {
                            (Some(Rc::from("default")), *local)
                        }
                        ImportSpecifier::Namespace { local, .. } => (None, *local),
                        ImportSpecifier::Named {
                            imported, local, ..
                        } => (Some(self.text_of(imported.name)), *local),
                    };
                    if self.import_binding_is_elided(local.name) {
                        continue;
                    }
                    let local_slot = self.module_slot(local.name, local.span)?;
                    let local_name = self.text_of(local.name);
                    imports.push(ImportEntry {
                        request,
                        import_name,
                        local_name,
                        local_slot,
                    });
                }
            }
        }
        for statement in program.body {
            match statement {
                Statement::ExportNamed(export) => {
                    if let Some(declaration) = &export.declaration {
                        let mut names = Vec::new();
                        match declaration {
                            Declaration::Variable(variable) => {
                                for declarator in variable.declarators {
                                    resolver::pattern_names(&declarator.target, &mut names);
                                }
                            }
                            Declaration::Function(function) => names.extend(function.id),
                            Declaration::Class(class) => names.extend(class.id),
                            Declaration::Enum(node) => names.push(node.id),
                            Declaration::Namespace(node) => names.push(node.id),
                            Declaration::ImportEquals(node) => names.push(node.id),
                        }
                        for identifier in names {
                            let local_slot = self.module_slot(identifier.name, identifier.span)?;
                            local_exports.push(LocalExport {
                                export_name: self.text_of(identifier.name),
                                local_slot,
                            });
                        }
                        continue;
                    }
                    if let Some(source) = export.source {
                        let request = request_index(self, source, &[])?;
                        for specifier in export.specifiers {
                            indirect_exports.push(IndirectExport {
                                export_name: self.text_of(specifier.exported.name),
                                request,
                                import_name: Some(self.text_of(specifier.local.name)),
                            });
                        }
                        continue;
                    }
                    for specifier in export.specifiers {
                        let export_name = self.text_of(specifier.exported.name);
                        let local_text = self.text_of(specifier.local.name);
                        let imported = imports
                            .iter()
                            .find(|entry| entry.local_name == local_text)
                            .cloned();
                        // Re-exporting an imported binding (or an imported namespace, which
                        // then behaves as `export * as name from`) is an indirect export.
                        match imported {
                            Some(ImportEntry {
                                request,
                                import_name,
                                ..
                            }) => indirect_exports.push(IndirectExport {
                                export_name,
                                request,
                                import_name,
                            }),
                            _ => {
                                let local_slot =
                                    self.module_slot(specifier.local.name, specifier.local.span)?;
                                local_exports.push(LocalExport {
                                    export_name,
                                    local_slot,
                                });
                            }
                        }
                    }
                }
                Statement::ExportDefault(export) => {
                    let local = match export.kind {
                        ExportDefaultKind::Function(Function { id: Some(id), .. })
                        | ExportDefaultKind::Class(Class { id: Some(id), .. }) => id.name,
                        _ => resolver::DEFAULT_EXPORT_NAME,
                    };
                    let local_slot = self.module_slot(local, export.span)?;
                    local_exports.push(LocalExport {
                        export_name: Rc::from("default"),
                        local_slot,
                    });
                }
                Statement::ExportAll(export) => {
                    let request = request_index(self, export.source, &[])?;
                    match export.exported {
                        Some(exported) => indirect_exports.push(IndirectExport {
                            export_name: self.text_of(exported.name),
                            request,
                            import_name: None,
                        }),
                        None => star_exports.push(request),
                    }
                }
                Statement::Import(import) if !self.import_is_elided(import) => {
                    request_index(self, import.source, import.attributes)?;
                }
                _ => {}
            }
        }
        // Duplicate export names are an early error.
        let mut exported: Vec<&Rc<str>> = local_exports
            .iter()
            .map(|entry| &entry.export_name)
            .chain(indirect_exports.iter().map(|entry| &entry.export_name))
            .collect();
        exported.sort();
        if let Some(pair) = exported.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(CompileError::new(
                format!("Duplicate export of '{}'", pair[0]),
                program.span,
            ));
        }
        Ok(ModuleInfo {
            requests: requests.into_boxed_slice(),
            imports: imports.into_boxed_slice(),
            local_exports: local_exports.into_boxed_slice(),
            indirect_exports: indirect_exports.into_boxed_slice(),
            star_exports: star_exports.into_boxed_slice(),
            env_slots: self.tree.scopes[0].env_slot_count,
            init,
            has_top_level_await,
        })
    }

    fn compile_top_level(&mut self, program: &Program<'_>, completion_value: bool) -> Result<()> {
        self.function.scope_id = 0;
        let global = self.tree.global_functions;
        self.emit_function_scope_entry(0)?;
        if !self.tree.eval_var_object_names.is_empty() {
            self.define_eval_var_object_names()?;
        }
        if completion_value {
            let completion = self.alloc()?;
            // A directive prologue is made of expression statements: the last one gives the
            // completion value unless a later statement does.
            match program.directives.last() {
                Some(directive) if !directive.raw.contains('\\') => {
                    self.load_string(completion, directive.raw)?;
                }
                _ => self.emit(Instruction::LoadUndefined { dst: completion }),
            }
            self.function.completion_register = Some(completion);
        }
        let lexical_names: Vec<(Atom, bool)> = if self.global_lexical_declarations {
            self.tree.scopes[0]
                .bindings
                .iter()
                .map(|&id| &self.tree.bindings[id as usize])
                .filter(|binding| {
                    matches!(
                        binding.kind,
                        BindingKind::Let | BindingKind::Const | BindingKind::Class
                    )
                })
                .map(|binding| (binding.name, binding.kind == BindingKind::Const))
                .collect()
        } else {
            Vec::new()
        };
        for &(name, _) in &lexical_names {
            let name = self.name_constant(name)?;
            self.emit(Instruction::CheckGlobalLexicalDeclaration { name });
        }
        if global {
            // GlobalDeclarationInstantiation / EvalDeclarationInstantiation: every function
            // and var must be declarable before any is declared.
            let mut function_names = Vec::new();
            for statement in program.body.iter().rev() {
                if let Some(function) = resolver::hoisted_function(statement)
                    && let Some(id) = function.id
                    && !function_names.contains(&id.name)
                {
                    function_names.push(id.name);
                }
            }
            for &name in &function_names {
                let name = self.name_constant(name)?;
                self.emit(Instruction::CheckGlobalFunctionDeclaration { name });
            }
            for &name in &self.tree.global_var_names {
                if function_names.contains(&name) {
                    continue;
                }
                let name = self.name_constant(name)?;
                self.emit(Instruction::CheckGlobalVarDeclaration { name });
            }
        }
        for &(name, constant) in &lexical_names {
            let name = self.name_constant(name)?;
            self.emit(Instruction::DeclareGlobalLexical {
                name,
                constant: u16::from(constant),
            });
        }
        for &name in &self.tree.global_var_names {
            let name = self.name_constant(name)?;
            self.emit(Instruction::DeclareGlobalVar { name });
        }
        self.instantiate_hoisted_functions(program.body, global)?;
        for statement in program.body {
            self.statement(statement)?;
        }
        if let Some(completion) = self.function.completion_register {
            self.emit(Instruction::Return { value: completion });
        }
        Ok(())
    }
}

/// The unfused form of a fused compare-and-branch: the compare, its operands (a register or
/// a small integer for the right side) and whether the jump is taken on `true`.
#[derive(Clone, Copy)]
pub(crate) enum FusedRight {
    Register(Reg),
    Immediate(i16),
}

/// The relational/equality operator of a fused compare-and-branch.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum FusedCompare {
    LessThan,
    LessEqual,
    GreaterThan,
    GreaterEqual,
    StrictEqual,
}

/// Builds the fused compare-and-branch `if (lhs OP right) == jump_when { goto offset }`.
pub(crate) fn fused_jump(
    compare: FusedCompare,
    lhs: Reg,
    right: FusedRight,
    jump_when: bool,
    offset: ShortJumpOffset,
) -> Instruction {
    use FusedCompare as C;
    use Instruction as I;
    match (right, compare, jump_when) {
        (FusedRight::Register(rhs), C::LessThan, true) => I::JumpIfLessThan { lhs, rhs, offset },
        (FusedRight::Register(rhs), C::LessThan, false) => {
            I::JumpIfNotLessThan { lhs, rhs, offset }
        }
        (FusedRight::Register(rhs), C::LessEqual, true) => I::JumpIfLessEqual { lhs, rhs, offset },
        (FusedRight::Register(rhs), C::LessEqual, false) => {
            I::JumpIfNotLessEqual { lhs, rhs, offset }
        }
        (FusedRight::Register(rhs), C::GreaterThan, true) => {
            I::JumpIfGreaterThan { lhs, rhs, offset }
        }
        (FusedRight::Register(rhs), C::GreaterThan, false) => {
            I::JumpIfNotGreaterThan { lhs, rhs, offset }
        }
        (FusedRight::Register(rhs), C::GreaterEqual, true) => {
            I::JumpIfGreaterEqual { lhs, rhs, offset }
        }
        (FusedRight::Register(rhs), C::GreaterEqual, false) => {
            I::JumpIfNotGreaterEqual { lhs, rhs, offset }
        }
        (FusedRight::Register(rhs), C::StrictEqual, true) => {
            I::JumpIfStrictEqual { lhs, rhs, offset }
        }
        (FusedRight::Register(rhs), C::StrictEqual, false) => {
            I::JumpIfStrictNotEqual { lhs, rhs, offset }
        }
        (FusedRight::Immediate(value), C::LessThan, true) => {
            I::JumpIfLessThanInt { lhs, value, offset }
        }
        (FusedRight::Immediate(value), C::LessThan, false) => {
            I::JumpIfNotLessThanInt { lhs, value, offset }
        }
        (FusedRight::Immediate(value), C::LessEqual, true) => {
            I::JumpIfLessEqualInt { lhs, value, offset }
        }
        (FusedRight::Immediate(value), C::LessEqual, false) => {
            I::JumpIfNotLessEqualInt { lhs, value, offset }
        }
        (FusedRight::Immediate(value), C::GreaterThan, true) => {
            I::JumpIfGreaterThanInt { lhs, value, offset }
        }
        (FusedRight::Immediate(value), C::GreaterThan, false) => {
            I::JumpIfNotGreaterThanInt { lhs, value, offset }
        }
        (FusedRight::Immediate(value), C::GreaterEqual, true) => {
            I::JumpIfGreaterEqualInt { lhs, value, offset }
        }
        (FusedRight::Immediate(value), C::GreaterEqual, false) => {
            I::JumpIfNotGreaterEqualInt { lhs, value, offset }
        }
        (FusedRight::Immediate(value), C::StrictEqual, true) => {
            I::JumpIfStrictEqualInt { lhs, value, offset }
        }
        (FusedRight::Immediate(value), C::StrictEqual, false) => {
            I::JumpIfStrictNotEqualInt { lhs, value, offset }
        }
    }
}

/// The parts of a fused compare-and-branch (inverse of [`fused_jump`]).
fn fused_parts(instruction: Instruction) -> Option<(FusedCompare, Reg, FusedRight, bool)> {
    use FusedCompare as C;
    use FusedRight::{Immediate as Imm, Register as R};
    use Instruction as I;
    Some(match instruction {
        I::JumpIfLessThan { lhs, rhs, .. } => (C::LessThan, lhs, R(rhs), true),
        I::JumpIfNotLessThan { lhs, rhs, .. } => (C::LessThan, lhs, R(rhs), false),
        I::JumpIfLessEqual { lhs, rhs, .. } => (C::LessEqual, lhs, R(rhs), true),
        I::JumpIfNotLessEqual { lhs, rhs, .. } => (C::LessEqual, lhs, R(rhs), false),
        I::JumpIfGreaterThan { lhs, rhs, .. } => (C::GreaterThan, lhs, R(rhs), true),
        I::JumpIfNotGreaterThan { lhs, rhs, .. } => (C::GreaterThan, lhs, R(rhs), false),
        I::JumpIfGreaterEqual { lhs, rhs, .. } => (C::GreaterEqual, lhs, R(rhs), true),
        I::JumpIfNotGreaterEqual { lhs, rhs, .. } => (C::GreaterEqual, lhs, R(rhs), false),
        I::JumpIfStrictEqual { lhs, rhs, .. } => (C::StrictEqual, lhs, R(rhs), true),
        I::JumpIfStrictNotEqual { lhs, rhs, .. } => (C::StrictEqual, lhs, R(rhs), false),
        I::JumpIfLessThanInt { lhs, value, .. } => (C::LessThan, lhs, Imm(value), true),
        I::JumpIfNotLessThanInt { lhs, value, .. } => (C::LessThan, lhs, Imm(value), false),
        I::JumpIfLessEqualInt { lhs, value, .. } => (C::LessEqual, lhs, Imm(value), true),
        I::JumpIfNotLessEqualInt { lhs, value, .. } => (C::LessEqual, lhs, Imm(value), false),
        I::JumpIfGreaterThanInt { lhs, value, .. } => (C::GreaterThan, lhs, Imm(value), true),
        I::JumpIfNotGreaterThanInt { lhs, value, .. } => (C::GreaterThan, lhs, Imm(value), false),
        I::JumpIfGreaterEqualInt { lhs, value, .. } => (C::GreaterEqual, lhs, Imm(value), true),
        I::JumpIfNotGreaterEqualInt { lhs, value, .. } => (C::GreaterEqual, lhs, Imm(value), false),
        I::JumpIfStrictEqualInt { lhs, value, .. } => (C::StrictEqual, lhs, Imm(value), true),
        I::JumpIfStrictNotEqualInt { lhs, value, .. } => (C::StrictEqual, lhs, Imm(value), false),
        _ => return None,
    })
}

/// Rewrites every fused compare-and-branch of the function into its unfused form (`LoadInt`
/// for an immediate, the compare into a scratch register, then a 32-bit `JumpIfTrue` /
/// `JumpIfFalse`), remapping every jump, exception-handler range and source position.
///
/// Called only when some short jump's target was out of range (functions with more than 32K
/// instructions inside one branch), so its cost does not matter; rewriting all fused jumps
/// at once means no further overflow is possible. The two scratch registers are allocated
/// above every register the function uses, so they are dead everywhere else.
fn relax_short_jumps(state: &mut FunctionState) -> Result<()> {
    let overflows: FxHashMap<usize, usize> = state.short_jump_overflows.drain(..).collect();
    let old = std::mem::take(&mut state.instructions);
    let scratch_total = state.max_register + 2;
    if scratch_total > u16::MAX as u32 {
        return Err(CompileError::new(
            "too many registers in one function",
            Span::new(0, 0),
        ));
    }
    let (condition, operand) = (
        Reg(state.max_register as u16),
        Reg(state.max_register as u16 + 1),
    );
    state.max_register = scratch_total;
    // New index of every old instruction (and of the end position).
    let mut new_index = Vec::with_capacity(old.len() + 1);
    let mut next = 0usize;
    for instruction in old.iter() {
        new_index.push(next);
        next += match fused_parts(*instruction) {
            Some((_, _, FusedRight::Immediate(_), _)) => 3,
            Some(_) => 2,
            None => 1,
        };
    }
    new_index.push(next);
    let target_of = |pc: usize, instruction: &Instruction| -> Option<usize> {
        if let Some(&target) = overflows.get(&pc) {
            return Some(target);
        }
        instruction
            .jump_offset()
            .map(|offset| (pc as i64 + i64::from(offset)) as usize)
    };
    let mut code = Vec::with_capacity(next);
    for (pc, instruction) in old.iter().enumerate() {
        let target = target_of(pc, instruction).map(|target| new_index[target]);
        match fused_parts(*instruction) {
            Some((compare, lhs, right, jump_when)) => {
                let rhs = match right {
                    FusedRight::Register(register) => register,
                    FusedRight::Immediate(value) => {
                        code.push(Instruction::LoadInt {
                            dst: operand,
                            value: i32::from(value),
                        });
                        operand
                    }
                };
                let dst = condition;
                code.push(match compare {
                    FusedCompare::LessThan => Instruction::Lt { dst, lhs, rhs },
                    FusedCompare::LessEqual => Instruction::LtEq { dst, lhs, rhs },
                    FusedCompare::GreaterThan => Instruction::Gt { dst, lhs, rhs },
                    FusedCompare::GreaterEqual => Instruction::GtEq { dst, lhs, rhs },
                    FusedCompare::StrictEqual => Instruction::StrictEq { dst, lhs, rhs },
                });
                let offset = JumpOffset(target.unwrap_or(0) as i32 - code.len() as i32);
                code.push(if jump_when {
                    Instruction::JumpIfTrue { condition, offset }
                } else {
                    Instruction::JumpIfFalse { condition, offset }
                });
            }
            None => {
                let mut instruction = *instruction;
                if let Some(target) = target {
                    instruction.set_jump_offset(target as i32 - code.len() as i32);
                }
                code.push(instruction);
            }
        }
    }
    state.instructions = code;
    for handler in state.handlers.iter_mut() {
        handler.start = new_index[handler.start as usize] as u32;
        handler.end = new_index[handler.end as usize] as u32;
        handler.handler = new_index[handler.handler as usize] as u32;
    }
    for position in state.positions.iter_mut() {
        position.pc = new_index[(position.pc as usize).min(old.len())] as u32;
    }
    Ok(())
}

/// The scope id of the function a state belongs to (recorded at `begin_function`).
fn state_scope(state: &FunctionState) -> ScopeId {
    state.scope_id
}

/// How a function is being compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FunctionRole {
    /// Declarations, expressions, arrows.
    Normal,
    /// Object-literal or class method.
    Method,
    /// Getter.
    Getter,
    /// Setter.
    Setter,
    /// Base class constructor.
    BaseConstructor,
    /// Derived class constructor.
    DerivedConstructor,
}
