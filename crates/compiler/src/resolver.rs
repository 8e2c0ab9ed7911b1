//! Scope analysis: builds the scope tree of a program, declares every binding (with var and
//! function hoisting), resolves identifier references, and decides for each binding whether it
//! is captured by a nested function (then it lives in an environment slot) and whether it needs
//! temporal-dead-zone checks.
//!
//! # How codegen finds the results
//!
//! AST nodes live in an arena and never move, so scopes are keyed by the address of the AST node
//! that introduces them plus a small tag ([`ScopeKey`]). The code generator looks scopes up by
//! the same key and re-resolves names by walking [`Scope::parent`] links (a hash lookup per
//! scope, compile time only). References that need a TDZ check are recorded by the start offset
//! of their identifier span in [`ScopeTree::tdz_checked_references`].
//!
//! # TDZ rule
//!
//! The resolver walks the program in evaluation order, with function declarations visited at the
//! start of their scope (that is when their closures are created). A lexical binding is marked
//! initialised when its declaration completes. A reference needs a check when, at the moment it
//! is resolved, the binding is not initialised yet, or when the binding belongs to a `switch`
//! case block (cases can jump over declarations). References to a class's inner name from nested
//! functions (methods, field initialisers) never need checks: those functions cannot run before
//! the class binding is initialised.
//!
//! # Pseudo-bindings
//!
//! `this`, `new.target`, the home object, the active function and `arguments` are modelled as
//! bindings of the nearest non-arrow function scope, declared on first use. Arrow functions
//! referencing them capture them like any variable.

use rustc_hash::{FxHashMap, FxHashSet};
use tseval_parser::ast::*;

use crate::CompileError;

/// Index of a scope in [`ScopeTree::scopes`].
pub type ScopeId = u32;
/// Index of a binding in [`ScopeTree::bindings`].
pub type BindingId = u32;

/// Pseudo-binding name for `this`.
pub const THIS_NAME: Atom = Atom(u32::MAX);
/// Pseudo-binding name for `new.target`.
pub const NEW_TARGET_NAME: Atom = Atom(u32::MAX - 1);
/// Pseudo-binding name for the running function's home object.
pub const HOME_OBJECT_NAME: Atom = Atom(u32::MAX - 2);
/// Pseudo-binding name for the running function object.
pub const ACTIVE_FUNCTION_NAME: Atom = Atom(u32::MAX - 3);
/// Class-scope binding holding the instance-fields initializer closure.
pub const FIELDS_INITIALIZER_NAME: Atom = Atom(u32::MAX - 4);
/// The synthetic binding of a `with` statement's scope that holds its object (ToObject of the
/// expression). A scope declaring it is an object environment for every name it does not bind.
pub const WITH_OBJECT_NAME: Atom = Atom(u32::MAX - 5);
/// Module-scope binding of `export default <expression>` and of anonymous default-exported
/// functions and classes (the spec's `*default*`).
pub const DEFAULT_EXPORT_NAME: Atom = Atom(u32::MAX - 6);
/// Class-scope binding of a class with decorators: its decoration record (see
/// `tseval_vm::builtins::decorators`), read by the class's initializer functions.
pub const DECORATION_RECORD_NAME: Atom = Atom(u32::MAX - 7);
/// Class-scope bindings holding evaluated computed field keys: `Atom(BASE - element index)`.
pub const COMPUTED_FIELD_KEY_BASE: u32 = u32::MAX - 100;
/// Class-scope private names holding the storage of `accessor` fields:
/// `Atom(BASE - element index)`. Far below the computed-key range, far above any interned atom.
pub const ACCESSOR_STORAGE_BASE: u32 = u32::MAX - 0x4000_0000;

/// The name of the class-scope private name that stores the value of the `accessor` field at
/// element `index`.
pub fn accessor_storage_name(index: usize) -> Atom {
    Atom(ACCESSOR_STORAGE_BASE - index as u32)
}

/// Class-scope bindings holding the function objects of instance private methods and
/// accessors, created once per class evaluation and installed on every instance:
/// `Atom(BASE - element index)`.
pub const PRIVATE_METHOD_FUNCTION_BASE: u32 = u32::MAX - 0x2000_0000;

/// The name of the class-scope binding that holds the function of the instance private method
/// or accessor at element `index`.
pub fn private_method_function_name(index: usize) -> Atom {
    Atom(PRIVATE_METHOD_FUNCTION_BASE - index as u32)
}

/// Whether `name` is the storage private name of an `accessor` field (it has no source text).
pub fn is_accessor_storage_name(name: Atom) -> bool {
    (ACCESSOR_STORAGE_BASE - 0x1000_0000..=ACCESSOR_STORAGE_BASE).contains(&name.0)
}

/// The name of the class-scope binding that holds the computed key of class element `index`.
pub fn computed_field_key_name(index: usize) -> Atom {
    Atom(COMPUTED_FIELD_KEY_BASE - index as u32)
}

/// Identifies the AST node that introduced a scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ScopeKey {
    /// Which kind of node (see the `TAG_*` constants).
    pub tag: u8,
    /// The node's address in the arena.
    pub address: usize,
}

/// Tag for a [`Function`] scope.
pub const TAG_FUNCTION: u8 = 1;
/// Tag for a [`BlockStatement`] scope.
pub const TAG_BLOCK: u8 = 2;
/// Tag for a [`ForStatement`] head scope.
pub const TAG_FOR: u8 = 3;
/// Tag for a [`ForInStatement`] per-iteration scope.
pub const TAG_FOR_IN: u8 = 4;
/// Tag for a [`ForOfStatement`] per-iteration scope.
pub const TAG_FOR_OF: u8 = 5;
/// Tag for a [`SwitchStatement`] case-block scope.
pub const TAG_SWITCH: u8 = 6;
/// Tag for a [`CatchClause`] parameter scope.
pub const TAG_CATCH: u8 = 7;
/// Tag for a [`Class`] scope.
pub const TAG_CLASS: u8 = 8;
/// Tag for a [`NamespaceDeclaration`] body scope.
pub const TAG_NAMESPACE: u8 = 9;
/// Tag for an [`EnumDeclaration`] member scope.
pub const TAG_ENUM: u8 = 10;
/// Tag for the synthetic static-initializer function of a [`Class`].
pub const TAG_STATIC_INITIALIZER: u8 = 11;
/// Tag for the synthetic instance-fields initializer function of a [`Class`].
pub const TAG_INSTANCE_INITIALIZER: u8 = 12;
/// Tag for the synthetic default constructor of a [`Class`].
pub const TAG_DEFAULT_CONSTRUCTOR: u8 = 13;
/// Tag for a [`StaticBlock`] scope.
pub const TAG_STATIC_BLOCK: u8 = 14;
/// Tag for the object-environment scope of a [`WithStatement`].
pub const TAG_WITH: u8 = 15;
/// Tag for the separate variable scope of a [`FunctionBody`] whose function has a non-simple
/// parameter list (FunctionDeclarationInstantiation step 28).
pub const TAG_FUNCTION_BODY: u8 = 16;
/// Tag for the implicit block of a function declaration that is a branch of an `if`
/// statement (Annex B.3.3), keyed by the [`Function`].
pub const TAG_IF_CLAUSE_FUNCTION: u8 = 17;

/// Builds the key of a scope-introducing node.
pub fn scope_key<T>(tag: u8, node: &T) -> ScopeKey {
    ScopeKey {
        tag,
        address: node as *const T as usize,
    }
}

/// What introduced a scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    /// The top level of a program (var scope; script vars are global properties).
    Script,
    /// A function body (var scope); `arrow` functions have no own `this`.
    Function {
        /// Whether the function is an arrow function.
        arrow: bool,
    },
    /// A block, loop head or catch parameter list.
    Block,
    /// A namespace body or class static block: a block that is also a var scope.
    VarBlock,
    /// A switch case block (references always get TDZ checks).
    Switch,
    /// A class scope (inner name, private names, synthetic bindings).
    Class,
    /// An enum body (member names refer to properties of the enum object).
    Enum,
}

impl ScopeKind {
    /// Whether `var` declarations stop here.
    pub fn is_var_scope(self) -> bool {
        matches!(
            self,
            ScopeKind::Script | ScopeKind::Function { .. } | ScopeKind::VarBlock
        )
    }

    /// Whether this is a function boundary (closures are created here).
    pub fn is_function(self) -> bool {
        matches!(self, ScopeKind::Script | ScopeKind::Function { .. })
    }
}

/// What kind of declaration created a binding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindingKind {
    /// `var`, also TS enum and namespace names.
    Var,
    /// `let`.
    Let,
    /// `const` (also `import x = A.B`).
    Const,
    /// A class declaration's outer binding (mutable, TDZ).
    Class,
    /// A class's inner name binding (immutable, TDZ except from nested functions).
    ClassInner,
    /// A function declaration.
    Function,
    /// A formal parameter (or a name bound by a destructuring parameter).
    Parameter,
    /// A catch parameter.
    CatchParameter,
    /// `this` pseudo-binding.
    This,
    /// `new.target` pseudo-binding.
    NewTarget,
    /// Home-object pseudo-binding.
    HomeObject,
    /// Active-function pseudo-binding.
    ActiveFunction,
    /// The implicit `arguments` object.
    Arguments,
    /// A compiler-internal binding (fields initializer, computed field keys, namespace object).
    Synthetic,
    /// The own name of a named function expression (bound to the running function).
    FunctionSelf,
    /// An enum member (resolves to a property of the enum object).
    EnumMember,
    /// An exported variable of a namespace (resolves to a property of the namespace object).
    NamespaceExport,
    /// A class private name.
    PrivateName,
    /// A module import binding: the module-environment slot holds an indirection to the
    /// exporting module's binding (or a namespace object), installed at link time.
    Import,
}

impl BindingKind {
    /// Whether the binding has a temporal dead zone.
    pub fn is_lexical(self) -> bool {
        matches!(
            self,
            BindingKind::Let | BindingKind::Const | BindingKind::Class | BindingKind::ClassInner
        )
    }

    /// Whether assignments to the binding throw.
    pub fn is_immutable(self) -> bool {
        matches!(
            self,
            BindingKind::Const | BindingKind::ClassInner | BindingKind::Import
        )
    }
}

/// One declared name.
#[derive(Clone, Debug)]
pub struct Binding {
    /// The name (or a pseudo/synthetic name above `COMPUTED_FIELD_KEY_BASE`).
    pub name: Atom,
    /// The declaration kind.
    pub kind: BindingKind,
    /// The declaring scope.
    pub scope: ScopeId,
    /// Referenced from a nested function: lives in an environment slot.
    pub captured: bool,
    /// Some reference needs a TDZ check: the binding starts as the hole.
    pub needs_tdz: bool,
    /// Environment slot when captured (assigned by [`ScopeTree::finish`]).
    pub slot: u16,
    /// Some identifier reference resolves to it (TypeScript elides import bindings that
    /// nothing references, as they may name types only).
    pub referenced: bool,
    /// Resolver state: the declaration has completed.
    initialized: bool,
}

/// One scope.
#[derive(Clone, Debug)]
pub struct Scope {
    /// What introduced it.
    pub kind: ScopeKind,
    /// The enclosing scope.
    pub parent: Option<ScopeId>,
    /// Names declared here.
    pub names: FxHashMap<Atom, BindingId>,
    /// Private names declared here (class scopes).
    pub private_names: FxHashMap<Atom, BindingId>,
    /// All bindings of this scope in declaration order.
    pub bindings: Vec<BindingId>,
    /// Number of environment slots (captured bindings); 0 means no environment.
    pub env_slot_count: u16,
    /// Function scopes: the function references `arguments`/`this`/... (see pseudo-bindings).
    pub uses_this: bool,
    /// A scope of the caller of a direct eval, rebuilt from its [`EvalSite`] description: its
    /// bindings already live in the caller's environment at fixed slots, and nothing may be
    /// declared in it.
    pub ghost: bool,
    /// The separate variable scope of a function body (a `VarBlock` child of the function
    /// scope, present when the parameter list is not simple).
    pub function_body: bool,
}

impl Scope {
    /// Whether entering this scope pushes an environment.
    pub fn has_env(&self) -> bool {
        self.env_slot_count > 0
    }
}

/// Where the Annex B (B.3.2) var binding of a block-level function declaration lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnnexBFunctionTarget {
    /// A `var`-like binding of the enclosing function's variable scope.
    Binding(BindingId),
    /// A global `var` (script code and sloppy global eval code).
    Global,
    /// A property of the caller's eval variable object (sloppy direct eval in a function that
    /// has one); the binding is that object's synthetic binding.
    EvalVarObject(BindingId),
}

/// The result of resolution.
#[derive(Debug, Default)]
pub struct ScopeTree {
    /// Sloppy-mode function declarations in blocks that are also `var`-bound in the enclosing
    /// variable scope (Annex B.3.2), keyed by the address of their [`Function`] node: when the
    /// declaration is evaluated, the block's binding is copied to that var.
    pub annex_b_functions: FxHashMap<usize, AnnexBFunctionTarget>,
    /// All scopes; scope 0 is the program scope.
    pub scopes: Vec<Scope>,
    /// All bindings.
    pub bindings: Vec<Binding>,
    /// Scope lookup by introducing node.
    pub scope_of_node: FxHashMap<ScopeKey, ScopeId>,
    /// Start offsets of identifier references that need a TDZ check.
    pub tdz_checked_references: FxHashSet<u32>,
    /// Top-level `var` names of a script (global properties), in order, deduplicated.
    pub global_var_names: Vec<Atom>,
    /// Top-level function declarations of the program are global object properties (scripts,
    /// and sloppy eval code whose variable scope is the global one).
    pub global_functions: bool,
    /// Some scope is a `with` object environment (references may need dynamic lookup).
    pub has_with: bool,
    /// Eval code of a sloppy direct eval whose caller's variable scope is a function with an
    /// eval variable object: new `var` and function names of the eval code become properties
    /// of that object (they are listed here; the prologue defines them as undefined).
    pub eval_var_object: bool,
    /// The names the eval-code prologue defines on the caller's eval variable object.
    pub eval_var_object_names: Vec<Atom>,
}

impl ScopeTree {
    /// The scope introduced by a node, if the resolver created one.
    pub fn scope_for(&self, key: ScopeKey) -> Option<ScopeId> {
        self.scope_of_node.get(&key).copied()
    }

    /// Looks a name up in one scope only.
    pub fn lookup_local(&self, scope: ScopeId, name: Atom) -> Option<BindingId> {
        self.scopes[scope as usize].names.get(&name).copied()
    }

    /// Assigns environment slots to captured bindings.
    fn finish(&mut self) {
        for scope_index in 0..self.scopes.len() {
            if self.scopes[scope_index].ghost {
                // Ghost scopes keep the caller's slot layout.
                continue;
            }
            let mut next_slot: u16 = 0;
            let binding_ids = self.scopes[scope_index].bindings.clone();
            for binding_id in binding_ids {
                let binding = &mut self.bindings[binding_id as usize];
                let property_backed = matches!(
                    binding.kind,
                    BindingKind::NamespaceExport | BindingKind::EnumMember
                );
                if binding.captured && !property_backed {
                    binding.slot = next_slot;
                    next_slot = next_slot.saturating_add(1);
                }
            }
            self.scopes[scope_index].env_slot_count = next_slot;
        }
    }
}

/// Resolves a whole program. `is_module` makes top-level vars local instead of global.
pub fn resolve_program(program: &Program<'_>) -> Result<ScopeTree, CompileError> {
    let module = program.source_type == SourceType::Module;
    let mut resolver = Resolver::new();
    resolver.module = module;
    resolver.strict = program.is_strict || module;
    let script_scope = resolver.new_scope(ScopeKind::Script, None);
    resolver.tree.global_functions = !module;
    resolver.current = script_scope;
    resolver.hoist_var_scope(program.body, script_scope, !module)?;
    resolver.declare_lexical(program.body, script_scope, true)?;
    resolver.declare_annex_b_functions(program.body, script_scope, &[], !module);
    resolver.visit_statement_list(program.body)?;
    resolver.force_capture_for_direct_eval();
    if module {
        // Every module-scope binding lives in the module environment, which the VM creates at
        // link time so that other modules can bind to its slots before evaluation.
        let bindings = resolver.tree.scopes[script_scope as usize].bindings.clone();
        for binding in bindings {
            resolver.tree.bindings[binding as usize].captured = true;
        }
    }
    resolver.tree.finish();
    Ok(resolver.tree)
}

/// Resolves eval code (ECMAScript PerformEval / EvalDeclarationInstantiation).
///
/// Scope 0 is the eval code's own top-level scope. For a direct eval, `site` describes the
/// caller's environment chain; each level becomes a *ghost* scope above scope 0 whose bindings
/// are captured at the caller's slots, so that ordinary resolution turns the caller's names into
/// `(depth, slot)` accesses relative to the environment current at the call (which becomes the
/// eval code's closure environment). Ghost lexical bindings are never known to be initialised,
/// so every reference to them gets a TDZ check.
///
/// Variable declarations: strict eval code keeps them in its own scope. Sloppy eval code whose
/// caller's variable scope is the global one (indirect eval, or a direct eval in global code)
/// declares them as global properties. A sloppy direct eval inside a function reuses a
/// same-named binding of the caller's variable scope; a new name stays local to the eval code
/// (a known gap: the caller does not see it after the eval returns).
pub fn resolve_eval_program(
    program: &Program<'_>,
    interner: &tseval_lexer::Interner,
    site: Option<&crate::bytecode::EvalSite>,
    strict: bool,
) -> Result<ScopeTree, CompileError> {
    let mut resolver = Resolver::new();
    resolver.strict = strict;
    let root_kind = if site.is_some() {
        ScopeKind::Function { arrow: true }
    } else {
        ScopeKind::Script
    };
    let root = resolver.new_scope(root_kind, None);
    let mut parent: Option<ScopeId> = None;
    if let Some(site) = site {
        for level in site.levels.iter().rev() {
            let kind = if level.this_scope {
                ScopeKind::Function { arrow: false }
            } else if level.var_scope {
                ScopeKind::VarBlock
            } else {
                ScopeKind::Block
            };
            let ghost = resolver.new_scope(kind, parent);
            resolver.tree.scopes[ghost as usize].ghost = true;
            for (slot, binding) in level.bindings.iter().enumerate() {
                if binding.kind == BindingKind::PrivateName {
                    continue;
                }
                let name = match &binding.name {
                    crate::bytecode::EvalBindingName::Text(text) => match interner.lookup(text) {
                        Some(atom) => atom,
                        // The eval code never mentions this name.
                        None => continue,
                    },
                    crate::bytecode::EvalBindingName::Reserved(raw) => Atom(*raw),
                };
                if name == WITH_OBJECT_NAME {
                    resolver.tree.has_with = true;
                }
                let id = resolver.add_binding(ghost, name, binding.kind);
                let data = &mut resolver.tree.bindings[id as usize];
                data.captured = true;
                data.slot = slot as u16;
            }
            resolver.tree.scopes[ghost as usize].env_slot_count = level.bindings.len() as u16;
            parent = Some(ghost);
        }
    }
    resolver.tree.scopes[root as usize].parent = parent;
    let global_var_scope = site.is_none_or(|site| site.global_var_scope);
    let global = !strict && global_var_scope;
    resolver.tree.global_functions = global;
    resolver.current = root;
    if let Some(site) = site
        && !strict
    {
        resolver.check_eval_var_conflicts(program.body, site.in_parameters)?;
    }
    if site.is_some() && !strict && !global {
        resolver.hoist_eval_vars_into_caller(program.body, root)?;
        resolver.declare_annex_b_functions_of_eval_in_function(program.body, root)?;
    } else {
        resolver.hoist_var_scope(program.body, root, global)?;
    }
    resolver.declare_lexical(program.body, root, true)?;
    if global {
        resolver.declare_annex_b_functions(program.body, root, &[], true);
    }
    resolver.visit_statement_list(program.body)?;
    resolver.force_capture_for_direct_eval();
    resolver.tree.finish();
    Ok(resolver.tree)
}

/// Maximum nesting depth of the resolver walk.
pub const MAX_RESOLVER_DEPTH: u32 = 1000;

struct Resolver {
    tree: ScopeTree,
    current: ScopeId,
    depth: u32,
    /// True while resolving module code (imports, exports, module-scope bindings).
    module: bool,
    /// For each statement list being visited (innermost last): the names exported by each
    /// TypeScript namespace declared in it, over all of its merged declarations. Inside one
    /// declaration's body, a name that another declaration of the same namespace exports
    /// refers to the namespace object's property, as TypeScript's emit does (`N.x`).
    merged_namespace_exports: Vec<FxHashMap<Atom, Vec<Identifier>>>,
    /// The scopes containing a direct `eval(...)` call.
    direct_eval_scopes: Vec<ScopeId>,
    /// True while resolving strict code (decides whether `arguments` is mapped).
    strict: bool,
}

/// The names each namespace declared directly in `statements` exports, gathered over all of
/// its (merged) declarations in that list.
fn namespace_exports_of(statements: &[Statement<'_>]) -> FxHashMap<Atom, Vec<Identifier>> {
    let mut exports: FxHashMap<Atom, Vec<Identifier>> = FxHashMap::default();
    for statement in statements {
        let namespace = match statement {
            Statement::Namespace(node) => node,
            Statement::ExportNamed(export) => match export.declaration {
                Some(Declaration::Namespace(node)) => node,
                _ => continue,
            },
            _ => continue,
        };
        let names = exports.entry(namespace.id.name).or_default();
        for inner in namespace.body {
            let Statement::ExportNamed(export) = inner else {
                continue;
            };
            match export.declaration {
                Some(Declaration::Variable(variable)) => {
                    for declarator in variable.declarators {
                        pattern_names(&declarator.target, names);
                    }
                }
                Some(Declaration::Function(function)) => names.extend(function.id),
                Some(Declaration::Class(class)) => names.extend(class.id),
                Some(Declaration::Enum(node)) => names.push(node.id),
                Some(Declaration::Namespace(node)) => names.push(node.id),
                Some(Declaration::ImportEquals(node)) => names.push(node.id),
                None => {}
            }
        }
    }
    exports
}

/// Collects the names bound by a binding pattern.
pub fn pattern_names(pattern: &BindingPattern<'_>, out: &mut Vec<Identifier>) {
    match pattern {
        BindingPattern::Identifier(identifier) => out.push(*identifier),
        BindingPattern::Object(object) => {
            for property in object.properties {
                pattern_names(&property.value.target, out);
            }
            if let Some(rest) = object.rest {
                out.push(rest);
            }
        }
        BindingPattern::Array(array) => {
            for element in array.elements.iter().flatten() {
                pattern_names(&element.target, out);
            }
            if let Some(rest) = &array.rest {
                pattern_names(rest, out);
            }
        }
    }
}

impl Resolver {
    fn new() -> Resolver {
        Resolver {
            tree: ScopeTree::default(),
            current: 0,
            depth: 0,
            module: false,
            merged_namespace_exports: Vec::new(),
            direct_eval_scopes: Vec::new(),
            strict: false,
        }
    }

    /// A direct `eval(...)` call in the current scope: declares the pseudo-bindings eval code
    /// may use (`this`, `new.target`, the home object, `arguments`) and records the scope, so
    /// that [`Self::force_capture_for_direct_eval`] moves every visible binding to an
    /// environment.
    fn note_direct_eval(&mut self) {
        self.reference_pseudo(THIS_NAME, BindingKind::This);
        self.reference_pseudo(NEW_TARGET_NAME, BindingKind::NewTarget);
        self.reference_pseudo(HOME_OBJECT_NAME, BindingKind::HomeObject);
        self.reference(Identifier {
            span: Span::new(u32::MAX, u32::MAX),
            name: tseval_lexer::well_known::ARGUMENTS,
        });
        self.direct_eval_scopes.push(self.current);
        // The nearest variable scope, if a function, gets an object that receives the `var`s
        // a sloppy eval adds at run time (an object environment consulted after the function's
        // own bindings, like a `with` object).
        let mut scope = Some(self.current);
        while let Some(id) = scope {
            let data = &self.tree.scopes[id as usize];
            if data.ghost {
                break;
            }
            if data.kind.is_var_scope() {
                if (matches!(data.kind, ScopeKind::Function { .. }) || data.function_body)
                    && !data.names.contains_key(&WITH_OBJECT_NAME)
                {
                    self.add_binding(id, WITH_OBJECT_NAME, BindingKind::Synthetic);
                    self.tree.has_with = true;
                }
                break;
            }
            scope = data.parent;
        }
    }

    /// Every binding visible from a direct eval lives in an environment (the eval code reads it
    /// by `(depth, slot)`), and lexical ones start as the hole because the eval code may run
    /// before their declaration.
    fn force_capture_for_direct_eval(&mut self) {
        let scopes = std::mem::take(&mut self.direct_eval_scopes);
        for start in scopes {
            let mut scope = Some(start);
            while let Some(id) = scope {
                let data = &self.tree.scopes[id as usize];
                if data.ghost {
                    break;
                }
                for &binding_id in &data.bindings {
                    let binding = &mut self.tree.bindings[binding_id as usize];
                    if matches!(
                        binding.kind,
                        BindingKind::NamespaceExport | BindingKind::EnumMember
                    ) {
                        continue;
                    }
                    binding.captured = true;
                    if binding.kind.is_lexical() && binding.kind != BindingKind::ClassInner {
                        binding.needs_tdz = true;
                    }
                }
                scope = data.parent;
            }
        }
    }

    /// EvalDeclarationInstantiation step 3: a `var` (or top-level function) of sloppy eval code
    /// may not share its name with a lexical declaration of a scope between the call and the
    /// caller's variable scope (inclusive).
    fn check_eval_var_conflicts(
        &mut self,
        statements: &[Statement<'_>],
        in_parameters: bool,
    ) -> Result<(), CompileError> {
        let mut names = Vec::new();
        collect_var_names(statements, &mut names, 0);
        for statement in statements {
            if let Some(function) = hoisted_function(statement)
                && let Some(id) = function.id
            {
                names.push(id);
            }
        }
        for identifier in names {
            let mut scope = self.tree.scopes[self.current as usize].parent;
            while let Some(id) = scope {
                let data = &self.tree.scopes[id as usize];
                if let Some(&binding_id) = data.names.get(&identifier.name) {
                    let kind = self.tree.bindings[binding_id as usize].kind;
                    let parameter_scope_conflict = in_parameters
                        && data.kind.is_var_scope()
                        && matches!(kind, BindingKind::Parameter | BindingKind::Arguments);
                    if kind.is_lexical() || parameter_scope_conflict {
                        return Err(CompileError::new(
                            "Identifier has already been declared",
                            identifier.span,
                        ));
                    }
                }
                if data.kind.is_var_scope() {
                    break;
                }
                scope = data.parent;
            }
        }
        Ok(())
    }

    /// Sloppy direct eval inside a function: a `var` whose name the caller's variable scope
    /// already binds refers to that binding; other names become bindings of the eval code.
    fn hoist_eval_vars_into_caller(
        &mut self,
        statements: &[Statement<'_>],
        root: ScopeId,
    ) -> Result<(), CompileError> {
        let mut names = Vec::new();
        collect_var_names(statements, &mut names, 0);
        let mut var_scope = self.tree.scopes[root as usize].parent;
        while let Some(id) = var_scope {
            if self.tree.scopes[id as usize].kind.is_var_scope() {
                break;
            }
            var_scope = self.tree.scopes[id as usize].parent;
        }
        let var_object =
            var_scope.is_some_and(|id| self.tree.lookup_local(id, WITH_OBJECT_NAME).is_some());
        self.tree.eval_var_object = var_object;
        if var_object {
            for statement in statements {
                if let Some(function) = hoisted_function(statement)
                    && let Some(id) = function.id
                {
                    names.push(id);
                }
            }
        }
        for identifier in names {
            let found =
                var_scope.is_some_and(|id| self.tree.lookup_local(id, identifier.name).is_some());
            if found {
                continue;
            }
            if var_object {
                if !self.tree.eval_var_object_names.contains(&identifier.name) {
                    self.tree.eval_var_object_names.push(identifier.name);
                }
            } else if self.tree.lookup_local(root, identifier.name).is_none() {
                self.add_binding(root, identifier.name, BindingKind::Var);
            }
        }
        Ok(())
    }

    /// Annex B.3.2.3 (changes to EvalDeclarationInstantiation) for a sloppy direct eval whose
    /// variable scope is a function's: a function declared in a block of the eval code is
    /// also a var of that function, unless the name is declared lexically by the eval code
    /// (the early-error test) or bound by any scope between the eval call and the function's
    /// variable scope. The var is the function's existing binding of that name, else a new
    /// property of its eval variable object, else (no such object) a var of the eval code.
    fn declare_annex_b_functions_of_eval_in_function(
        &mut self,
        statements: &[Statement<'_>],
        root: ScopeId,
    ) -> Result<(), CompileError> {
        let mut candidates = Vec::new();
        let mut enclosing = vec![block_lexical_names(statements, false)];
        collect_annex_b_functions(statements, &mut enclosing, false, &mut candidates, 0);
        if candidates.is_empty() {
            return Ok(());
        }
        let mut between = Vec::new();
        let mut var_scope = self.tree.scopes[root as usize].parent;
        while let Some(id) = var_scope {
            if self.tree.scopes[id as usize].kind.is_var_scope() {
                break;
            }
            between.push(id);
            var_scope = self.tree.scopes[id as usize].parent;
        }
        let Some(var_scope) = var_scope else {
            return Ok(());
        };
        let var_object = self.tree.lookup_local(var_scope, WITH_OBJECT_NAME);
        for (function, name) in candidates {
            if between
                .iter()
                .any(|&scope| self.tree.lookup_local(scope, name).is_some())
            {
                continue;
            }
            let target = if let Some(existing) = self.tree.lookup_local(root, name) {
                if self.tree.bindings[existing as usize].kind.is_lexical() {
                    continue;
                }
                AnnexBFunctionTarget::Binding(existing)
            } else if let Some(existing) = self.tree.lookup_local(var_scope, name) {
                if self.tree.bindings[existing as usize].kind.is_lexical() {
                    continue;
                }
                AnnexBFunctionTarget::Binding(existing)
            } else if let Some(object) = var_object {
                if !self.tree.eval_var_object_names.contains(&name) {
                    self.tree.eval_var_object_names.push(name);
                }
                AnnexBFunctionTarget::EvalVarObject(object)
            } else {
                AnnexBFunctionTarget::Binding(self.add_binding(root, name, BindingKind::Var))
            };
            self.tree
                .annex_b_functions
                .insert(function as *const Function<'_> as usize, target);
        }
        Ok(())
    }

    fn new_scope(&mut self, kind: ScopeKind, parent: Option<ScopeId>) -> ScopeId {
        let id = self.tree.scopes.len() as ScopeId;
        self.tree.scopes.push(Scope {
            kind,
            parent,
            names: FxHashMap::default(),
            private_names: FxHashMap::default(),
            bindings: Vec::new(),
            env_slot_count: 0,
            uses_this: false,
            ghost: false,
            function_body: false,
        });
        id
    }

    fn enter(&mut self, kind: ScopeKind, key: ScopeKey) -> ScopeId {
        let id = self.new_scope(kind, Some(self.current));
        self.tree.scope_of_node.insert(key, id);
        self.current = id;
        id
    }

    fn leave(&mut self, previous: ScopeId) {
        self.current = previous;
    }

    fn descend(&mut self, span: Span) -> Result<(), CompileError> {
        self.depth += 1;
        if self.depth > MAX_RESOLVER_DEPTH {
            return Err(CompileError::new("code nested too deeply", span));
        }
        Ok(())
    }

    fn ascend(&mut self) {
        self.depth -= 1;
    }

    fn add_binding(&mut self, scope: ScopeId, name: Atom, kind: BindingKind) -> BindingId {
        let id = self.tree.bindings.len() as BindingId;
        let initialized = !kind.is_lexical();
        self.tree.bindings.push(Binding {
            name,
            kind,
            scope,
            captured: false,
            needs_tdz: false,
            slot: 0,
            referenced: false,
            initialized,
        });
        let scope_data = &mut self.tree.scopes[scope as usize];
        scope_data.names.insert(name, id);
        scope_data.bindings.push(id);
        id
    }

    /// Declares a lexical name, reporting redeclarations.
    fn declare_lexical_name(
        &mut self,
        scope: ScopeId,
        identifier: Identifier,
        kind: BindingKind,
    ) -> Result<BindingId, CompileError> {
        if let Some(existing) = self.tree.lookup_local(scope, identifier.name) {
            let existing_kind = self.tree.bindings[existing as usize].kind;
            // Sloppy duplicate function declarations in one scope are allowed; everything else
            // involving a lexical declaration is an early error.
            let both_functions =
                existing_kind == BindingKind::Function && kind == BindingKind::Function;
            if !both_functions {
                return Err(CompileError::new(
                    "Identifier has already been declared",
                    identifier.span,
                ));
            }
            return Ok(existing);
        }
        Ok(self.add_binding(scope, identifier.name, kind))
    }

    /// Declares var-scoped names of a function/script/var-block body.
    fn hoist_var_scope(
        &mut self,
        statements: &[Statement<'_>],
        scope: ScopeId,
        global: bool,
    ) -> Result<(), CompileError> {
        let mut names = Vec::new();
        collect_var_names(statements, &mut names, 0);
        for identifier in names {
            if global {
                if !self.tree.global_var_names.contains(&identifier.name) {
                    self.tree.global_var_names.push(identifier.name);
                }
                continue;
            }
            match self.tree.lookup_local(scope, identifier.name) {
                Some(existing) => {
                    if self.tree.bindings[existing as usize].kind.is_lexical() {
                        return Err(CompileError::new(
                            "Identifier has already been declared",
                            identifier.span,
                        ));
                    }
                }
                None => {
                    self.add_binding(scope, identifier.name, BindingKind::Var);
                }
            }
        }
        Ok(())
    }

    /// Declares the lexical declarations (and function declarations) directly in a statement
    /// list. At a script's top level, function declarations are global (no binding).
    fn declare_lexical(
        &mut self,
        statements: &[Statement<'_>],
        scope: ScopeId,
        top_level: bool,
    ) -> Result<(), CompileError> {
        let global_functions = top_level && scope == 0 && self.tree.global_functions;
        for statement in statements {
            let declaration = match statement {
                Statement::VariableDeclaration(declaration) => {
                    Some(Declaration::Variable(declaration))
                }
                Statement::FunctionDeclaration(function) => Some(Declaration::Function(function)),
                Statement::ClassDeclaration(class) => Some(Declaration::Class(class)),
                Statement::ImportEquals(import) => Some(Declaration::ImportEquals(import)),
                Statement::ExportNamed(export) => export.declaration,
                Statement::ExportDefault(export) => match export.kind {
                    ExportDefaultKind::Function(function) if function.id.is_some() => {
                        Some(Declaration::Function(function))
                    }
                    ExportDefaultKind::Class(class) if class.id.is_some() => {
                        Some(Declaration::Class(class))
                    }
                    ExportDefaultKind::Function(_) if self.module && top_level => {
                        self.add_binding(scope, DEFAULT_EXPORT_NAME, BindingKind::Function);
                        None
                    }
                    _ if self.module && top_level => {
                        self.add_binding(scope, DEFAULT_EXPORT_NAME, BindingKind::Let);
                        None
                    }
                    _ => None,
                },
                Statement::Import(import) if self.module && top_level => {
                    for specifier in import.specifiers {
                        let local = match specifier {
                            ImportSpecifier::Default { local, .. }
                            | ImportSpecifier::Namespace { local, .. }
                            | ImportSpecifier::Named { local, .. } => *local,
                        };
                        self.declare_lexical_name(scope, local, BindingKind::Import)?;
                    }
                    None
                }
                _ => None,
            };
            let exported_in_namespace = matches!(statement, Statement::ExportNamed(_))
                && self.tree.scopes[scope as usize].kind == ScopeKind::VarBlock;
            match declaration {
                Some(Declaration::Variable(variable)) if variable.kind != VariableKind::Var => {
                    let kind = if variable.kind == VariableKind::Let {
                        BindingKind::Let
                    } else {
                        BindingKind::Const
                    };
                    let mut names = Vec::new();
                    for declarator in variable.declarators {
                        pattern_names(&declarator.target, &mut names);
                    }
                    for identifier in names {
                        if exported_in_namespace {
                            self.add_binding(scope, identifier.name, BindingKind::NamespaceExport);
                        } else {
                            self.declare_lexical_name(scope, identifier, kind)?;
                        }
                    }
                }
                Some(Declaration::Variable(variable)) if exported_in_namespace => {
                    let mut names = Vec::new();
                    for declarator in variable.declarators {
                        pattern_names(&declarator.target, &mut names);
                    }
                    for identifier in names {
                        self.add_binding(scope, identifier.name, BindingKind::NamespaceExport);
                    }
                }
                Some(Declaration::Function(function)) => {
                    let in_eval_var_object = top_level && scope == 0 && self.tree.eval_var_object;
                    if let Some(id) = function.id
                        && !global_functions
                        && !in_eval_var_object
                    {
                        let var_scope = self.tree.scopes[scope as usize].kind.is_var_scope();
                        if var_scope {
                            // Function declarations at the top of a var scope are var-like.
                            if self.tree.lookup_local(scope, id.name).is_none() {
                                self.add_binding(scope, id.name, BindingKind::Function);
                            } else {
                                let existing = self.tree.lookup_local(scope, id.name).unwrap_or(0);
                                if self.tree.bindings[existing as usize].kind.is_lexical() {
                                    return Err(CompileError::new(
                                        "Identifier has already been declared",
                                        id.span,
                                    ));
                                }
                            }
                        } else {
                            self.declare_lexical_name(scope, id, BindingKind::Function)?;
                        }
                    }
                }
                Some(Declaration::Class(class)) => {
                    if let Some(id) = class.id {
                        self.declare_lexical_name(scope, id, BindingKind::Class)?;
                    }
                }
                Some(Declaration::ImportEquals(import)) => {
                    self.declare_lexical_name(scope, import.id, BindingKind::Const)?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn mark_initialized(&mut self, name: Atom) {
        if let Some(binding) = self.find(name) {
            self.tree.bindings[binding as usize].initialized = true;
        }
    }

    fn find(&self, name: Atom) -> Option<BindingId> {
        let mut scope = Some(self.current);
        while let Some(id) = scope {
            if let Some(binding) = self.tree.lookup_local(id, name) {
                return Some(binding);
            }
            scope = self.tree.scopes[id as usize].parent;
        }
        None
    }

    /// Resolves an identifier reference.
    fn reference(&mut self, identifier: Identifier) {
        let name = identifier.name;
        let mut scope = self.current;
        let mut crossed_function = false;
        let mut in_switch = false;
        loop {
            let scope_data = &self.tree.scopes[scope as usize];
            if let Some(&binding_id) = scope_data.names.get(&name) {
                if scope_data.kind == ScopeKind::Switch {
                    in_switch = true;
                }
                let object_binding = scope_data.bindings.first().copied();
                let binding = &mut self.tree.bindings[binding_id as usize];
                binding.referenced = true;
                if crossed_function {
                    match binding.kind {
                        // These live as properties of the namespace/enum object: capture the
                        // object binding instead.
                        BindingKind::NamespaceExport | BindingKind::EnumMember => {
                            if let Some(object_binding) = object_binding {
                                self.tree.bindings[object_binding as usize].captured = true;
                            }
                            return;
                        }
                        _ => binding.captured = true,
                    }
                }
                if binding.kind.is_lexical() || binding.kind == BindingKind::Parameter {
                    let exempt = binding.kind == BindingKind::ClassInner && crossed_function;
                    if !exempt && (in_switch || !binding.initialized) {
                        binding.needs_tdz = true;
                        self.tree
                            .tdz_checked_references
                            .insert(identifier.span.start);
                    }
                }
                return;
            }
            if crossed_function
                && let Some(&object_binding) = scope_data.names.get(&WITH_OBJECT_NAME)
            {
                // Code in a nested function looks the name up in the `with` object first.
                self.tree.bindings[object_binding as usize].captured = true;
            }
            if name == tseval_lexer::well_known::ARGUMENTS
                && matches!(scope_data.kind, ScopeKind::Function { arrow: false })
                && !scope_data.ghost
            {
                let binding_id = self.add_binding(scope, name, BindingKind::Arguments);
                if crossed_function {
                    self.tree.bindings[binding_id as usize].captured = true;
                }
                return;
            }
            if scope_data.kind.is_function() {
                crossed_function = true;
            }
            match scope_data.parent {
                Some(parent) => scope = parent,
                None => return,
            }
        }
    }

    /// References a pseudo-binding of the nearest non-arrow function scope.
    fn reference_pseudo(&mut self, name: Atom, kind: BindingKind) {
        let mut scope = self.current;
        let mut crossed_function = false;
        loop {
            let scope_data = &self.tree.scopes[scope as usize];
            let is_this_scope = matches!(
                scope_data.kind,
                ScopeKind::Script | ScopeKind::Function { arrow: false }
            );
            if is_this_scope {
                let binding_id = match scope_data.names.get(&name) {
                    Some(&id) => id,
                    // The caller of a direct eval did not record this pseudo-binding: the eval
                    // code falls back to its own (`this` of the eval frame, undefined
                    // new.target).
                    None if scope_data.ghost => return,
                    None => self.add_binding(scope, name, kind),
                };
                if kind == BindingKind::This {
                    self.tree.scopes[scope as usize].uses_this = true;
                }
                if crossed_function {
                    self.tree.bindings[binding_id as usize].captured = true;
                }
                return;
            }
            if scope_data.kind.is_function() {
                crossed_function = true;
            }
            match scope_data.parent {
                Some(parent) => scope = parent,
                None => return,
            }
        }
    }

    fn visit_statement_list(&mut self, statements: &[Statement<'_>]) -> Result<(), CompileError> {
        self.merged_namespace_exports
            .push(namespace_exports_of(statements));
        let result = self.visit_statement_list_contents(statements);
        self.merged_namespace_exports.pop();
        result
    }

    fn visit_statement_list_contents(
        &mut self,
        statements: &[Statement<'_>],
    ) -> Result<(), CompileError> {
        // Function declarations are instantiated at scope entry.
        for statement in statements {
            if let Some(function) = hoisted_function(statement) {
                self.visit_function(function, false)?;
            }
        }
        for statement in statements {
            self.visit_statement(statement)?;
        }
        Ok(())
    }

    /// A branch of an `if` statement. `if (x) function f() {}` (Annex B.3.3) is evaluated
    /// as if the declaration were the only statement of a block: it gets an implicit block
    /// scope with its own binding of `f`.
    fn visit_if_clause(&mut self, clause: &Statement<'_>) -> Result<(), CompileError> {
        let Statement::FunctionDeclaration(function) = clause else {
            return self.visit_statement(clause);
        };
        let previous = self.current;
        let scope = self.enter(
            ScopeKind::Block,
            scope_key(TAG_IF_CLAUSE_FUNCTION, *function),
        );
        let statements = std::slice::from_ref(clause);
        self.declare_lexical(statements, scope, false)?;
        self.visit_statement_list(statements)?;
        self.leave(previous);
        Ok(())
    }

    fn visit_block(&mut self, block: &BlockStatement<'_>) -> Result<(), CompileError> {
        let previous = self.current;
        let scope = self.enter(ScopeKind::Block, scope_key(TAG_BLOCK, block));
        self.declare_lexical(block.body, scope, false)?;
        self.visit_statement_list(block.body)?;
        self.leave(previous);
        Ok(())
    }

    fn visit_statement(&mut self, statement: &Statement<'_>) -> Result<(), CompileError> {
        self.descend(statement.span())?;
        self.visit_statement_inner(statement)?;
        self.ascend();
        Ok(())
    }

    fn visit_statement_inner(&mut self, statement: &Statement<'_>) -> Result<(), CompileError> {
        match statement {
            Statement::Expression(node) => self.visit_expression(&node.expression)?,
            Statement::Block(block) => self.visit_block(block)?,
            Statement::Empty(_) | Statement::Debugger(_) => {}
            Statement::VariableDeclaration(declaration) => {
                self.visit_variable_declaration(declaration)?
            }
            Statement::FunctionDeclaration(_) => {}
            Statement::ClassDeclaration(class) => {
                self.visit_class(class)?;
                if let Some(id) = class.id {
                    self.mark_initialized(id.name);
                }
            }
            Statement::If(node) => {
                self.visit_expression(&node.test)?;
                self.visit_if_clause(&node.consequent)?;
                if let Some(alternate) = &node.alternate {
                    self.visit_if_clause(alternate)?;
                }
            }
            Statement::For(node) => {
                let previous = self.current;
                let scope = self.enter(ScopeKind::Block, scope_key(TAG_FOR, *node));
                if let Some(init) = &node.init {
                    match init {
                        ForInit::VariableDeclaration(declaration) => {
                            self.declare_loop_head(declaration, scope)?;
                            self.visit_variable_declaration(declaration)?;
                        }
                        ForInit::Expression(expression) => self.visit_expression(expression)?,
                    }
                }
                if let Some(test) = &node.test {
                    self.visit_expression(test)?;
                }
                if let Some(update) = &node.update {
                    self.visit_expression(update)?;
                }
                self.visit_statement(&node.body)?;
                self.leave(previous);
            }
            Statement::ForIn(node) => {
                self.visit_expression(&node.right)?;
                let previous = self.current;
                let scope = self.enter(ScopeKind::Block, scope_key(TAG_FOR_IN, *node));
                self.visit_for_left(&node.left, scope)?;
                self.visit_statement(&node.body)?;
                self.leave(previous);
            }
            Statement::ForOf(node) => {
                self.visit_expression(&node.right)?;
                let previous = self.current;
                let scope = self.enter(ScopeKind::Block, scope_key(TAG_FOR_OF, *node));
                self.visit_for_left(&node.left, scope)?;
                self.visit_statement(&node.body)?;
                self.leave(previous);
            }
            Statement::While(node) => {
                self.visit_expression(&node.test)?;
                self.visit_statement(&node.body)?;
            }
            Statement::DoWhile(node) => {
                self.visit_statement(&node.body)?;
                self.visit_expression(&node.test)?;
            }
            Statement::Switch(node) => {
                self.visit_expression(&node.discriminant)?;
                let previous = self.current;
                let scope = self.enter(ScopeKind::Switch, scope_key(TAG_SWITCH, *node));
                for case in node.cases {
                    self.declare_lexical(case.consequent, scope, false)?;
                }
                for case in node.cases {
                    for statement in case.consequent {
                        if let Some(function) = hoisted_function(statement) {
                            self.visit_function(function, false)?;
                        }
                    }
                }
                for case in node.cases {
                    if let Some(test) = &case.test {
                        self.visit_expression(test)?;
                    }
                    for statement in case.consequent {
                        self.visit_statement(statement)?;
                    }
                }
                self.leave(previous);
            }
            Statement::Try(node) => {
                self.visit_block(node.block)?;
                if let Some(handler) = node.handler {
                    let previous = self.current;
                    let scope = self.enter(ScopeKind::Block, scope_key(TAG_CATCH, handler));
                    if let Some(param) = &handler.param {
                        let mut names = Vec::new();
                        pattern_names(param, &mut names);
                        for identifier in names {
                            self.declare_lexical_name(
                                scope,
                                identifier,
                                BindingKind::CatchParameter,
                            )?;
                        }
                        self.visit_binding_pattern(param)?;
                    }
                    self.visit_block(handler.body)?;
                    self.leave(previous);
                }
                if let Some(finalizer) = node.finalizer {
                    self.visit_block(finalizer)?;
                }
            }
            Statement::Throw(node) => self.visit_expression(&node.argument)?,
            Statement::Return(node) => {
                if let Some(argument) = &node.argument {
                    self.visit_expression(argument)?;
                }
            }
            Statement::Break(_) | Statement::Continue(_) => {}
            Statement::Labeled(node) => self.visit_statement(&node.body)?,
            Statement::With(node) => {
                self.visit_expression(&node.object)?;
                let previous = self.current;
                let scope = self.enter(ScopeKind::Block, scope_key(TAG_WITH, *node));
                self.add_binding(scope, WITH_OBJECT_NAME, BindingKind::Synthetic);
                self.tree.has_with = true;
                let result = self.visit_statement(&node.body);
                self.leave(previous);
                result?;
            }
            Statement::Import(_) | Statement::ExportAll(_) => {}
            Statement::ExportNamed(node) => {
                if let Some(declaration) = &node.declaration {
                    self.visit_declaration(declaration)?;
                }
                for specifier in node.specifiers {
                    if node.source.is_none() {
                        self.reference(Identifier {
                            span: specifier.local.span,
                            name: specifier.local.name,
                        });
                    }
                }
            }
            Statement::ExportDefault(node) => match node.kind {
                ExportDefaultKind::Function(function) => {
                    if function.id.is_none() {
                        self.visit_function(function, false)?;
                    }
                }
                ExportDefaultKind::Class(class) => {
                    self.visit_class(class)?;
                    if let Some(id) = class.id {
                        self.mark_initialized(id.name);
                    }
                }
                ExportDefaultKind::Expression(expression) => self.visit_expression(&expression)?,
            },
            Statement::Enum(node) => self.visit_enum(node)?,
            Statement::Namespace(node) => self.visit_namespace(node)?,
            Statement::ImportEquals(node) => self.visit_import_equals(node)?,
        }
        Ok(())
    }

    fn visit_declaration(&mut self, declaration: &Declaration<'_>) -> Result<(), CompileError> {
        match declaration {
            Declaration::Variable(variable) => self.visit_variable_declaration(variable),
            Declaration::Function(_) => Ok(()),
            Declaration::Class(class) => {
                self.visit_class(class)?;
                if let Some(id) = class.id {
                    self.mark_initialized(id.name);
                }
                Ok(())
            }
            Declaration::Enum(node) => self.visit_enum(node),
            Declaration::Namespace(node) => self.visit_namespace(node),
            Declaration::ImportEquals(node) => self.visit_import_equals(node),
        }
    }

    fn visit_import_equals(
        &mut self,
        node: &ImportEqualsDeclaration<'_>,
    ) -> Result<(), CompileError> {
        if let ModuleReference::EntityName(names) = node.reference
            && let Some(first) = names.first()
        {
            self.reference(*first);
        }
        self.mark_initialized(node.id.name);
        Ok(())
    }

    fn visit_enum(&mut self, node: &EnumDeclaration<'_>) -> Result<(), CompileError> {
        self.reference(node.id);
        let previous = self.current;
        let scope = self.enter(ScopeKind::Enum, scope_key(TAG_ENUM, node));
        for member in node.members {
            if self.tree.lookup_local(scope, member.name).is_none() {
                self.add_binding(scope, member.name, BindingKind::EnumMember);
            }
        }
        for member in node.members {
            if let Some(initializer) = &member.initializer {
                self.visit_expression(initializer)?;
            }
        }
        self.leave(previous);
        Ok(())
    }

    fn visit_namespace(&mut self, node: &NamespaceDeclaration<'_>) -> Result<(), CompileError> {
        self.reference(node.id);
        let previous = self.current;
        let scope = self.enter(ScopeKind::VarBlock, scope_key(TAG_NAMESPACE, node));
        // The namespace object is visible inside under the namespace's own name.
        self.add_binding(scope, node.id.name, BindingKind::Synthetic);
        self.declare_lexical(node.body, scope, false)?;
        self.hoist_var_scope(node.body, scope, false)?;
        // Names exported by the other declarations of a merged namespace are properties of
        // the shared namespace object; this body's own declarations take precedence.
        let merged_exports = self
            .merged_namespace_exports
            .last()
            .and_then(|exports| exports.get(&node.id.name))
            .cloned()
            .unwrap_or_default();
        for exported in merged_exports {
            if self.tree.lookup_local(scope, exported.name).is_none() {
                self.add_binding(scope, exported.name, BindingKind::NamespaceExport);
            }
        }
        self.visit_statement_list(node.body)?;
        self.leave(previous);
        Ok(())
    }

    /// Declares the let/const names of a loop head in the loop scope.
    fn declare_loop_head(
        &mut self,
        declaration: &VariableDeclaration<'_>,
        scope: ScopeId,
    ) -> Result<(), CompileError> {
        if declaration.kind == VariableKind::Var {
            return Ok(());
        }
        let kind = if declaration.kind == VariableKind::Let {
            BindingKind::Let
        } else {
            BindingKind::Const
        };
        let mut names = Vec::new();
        for declarator in declaration.declarators {
            pattern_names(&declarator.target, &mut names);
        }
        for identifier in names {
            self.declare_lexical_name(scope, identifier, kind)?;
        }
        Ok(())
    }

    fn visit_for_left(
        &mut self,
        left: &ForInOfLeft<'_>,
        scope: ScopeId,
    ) -> Result<(), CompileError> {
        match left {
            ForInOfLeft::VariableDeclaration(declaration) => {
                self.declare_loop_head(declaration, scope)?;
                self.visit_variable_declaration(declaration)
            }
            ForInOfLeft::Target(target) => self.visit_assignment_target(target),
        }
    }

    fn visit_variable_declaration(
        &mut self,
        declaration: &VariableDeclaration<'_>,
    ) -> Result<(), CompileError> {
        for declarator in declaration.declarators {
            if let Some(init) = &declarator.init {
                self.visit_expression(init)?;
            }
            self.visit_binding_pattern(&declarator.target)?;
            let mut names = Vec::new();
            pattern_names(&declarator.target, &mut names);
            for identifier in names {
                self.mark_initialized(identifier.name);
            }
        }
        Ok(())
    }

    /// Visits defaults and computed keys inside a binding pattern; the bound names themselves
    /// are declarations, resolved as writes.
    fn visit_binding_pattern(&mut self, pattern: &BindingPattern<'_>) -> Result<(), CompileError> {
        match pattern {
            // A declared name is an initialisation in its own scope, not a reference.
            BindingPattern::Identifier(_) => {}
            BindingPattern::Object(object) => {
                for property in object.properties {
                    if let PropertyKey::Computed(key) = &property.key {
                        self.visit_expression(key)?;
                    }
                    if let Some(default) = &property.value.default {
                        self.visit_expression(default)?;
                    }
                    self.visit_binding_pattern(&property.value.target)?;
                }
            }
            BindingPattern::Array(array) => {
                for element in array.elements.iter().flatten() {
                    if let Some(default) = &element.default {
                        self.visit_expression(default)?;
                    }
                    self.visit_binding_pattern(&element.target)?;
                }
                if let Some(rest) = &array.rest {
                    self.visit_binding_pattern(rest)?;
                }
            }
        }
        Ok(())
    }

    fn visit_assignment_target(
        &mut self,
        target: &AssignmentTarget<'_>,
    ) -> Result<(), CompileError> {
        match target {
            AssignmentTarget::Simple(simple) => self.visit_simple_target(simple),
            AssignmentTarget::Object(object) => {
                for property in object.properties {
                    if let PropertyKey::Computed(key) = &property.key {
                        self.visit_expression(key)?;
                    }
                    if let Some(default) = &property.value.default {
                        self.visit_expression(default)?;
                    }
                    self.visit_assignment_target(&property.value.target)?;
                }
                if let Some(rest) = &object.rest {
                    self.visit_simple_target(rest)?;
                }
                Ok(())
            }
            AssignmentTarget::Array(array) => {
                for element in array.elements.iter().flatten() {
                    if let Some(default) = &element.default {
                        self.visit_expression(default)?;
                    }
                    self.visit_assignment_target(&element.target)?;
                }
                if let Some(rest) = &array.rest {
                    self.visit_assignment_target(rest)?;
                }
                Ok(())
            }
        }
    }

    fn visit_simple_target(
        &mut self,
        target: &SimpleAssignmentTarget<'_>,
    ) -> Result<(), CompileError> {
        match target {
            SimpleAssignmentTarget::Identifier(identifier) => {
                self.reference(*identifier);
                Ok(())
            }
            SimpleAssignmentTarget::Member(member) => self.visit_member(member),
            SimpleAssignmentTarget::Call(call) => self.visit_expression(&Expression::Call(call)),
        }
    }

    fn visit_member(&mut self, member: &MemberExpression<'_>) -> Result<(), CompileError> {
        if let Expression::Super(_) = member.object {
            self.reference_pseudo(THIS_NAME, BindingKind::This);
            self.reference_pseudo(HOME_OBJECT_NAME, BindingKind::HomeObject);
        } else {
            self.visit_expression(&member.object)?;
        }
        match &member.property {
            MemberProperty::Computed(expression) => self.visit_expression(expression)?,
            MemberProperty::Private(private) => self.reference_private(*private),
            MemberProperty::Static(_) => {}
        }
        Ok(())
    }

    fn reference_private(&mut self, private: PrivateIdentifier) {
        let mut scope = self.current;
        let mut crossed_function = false;
        loop {
            let scope_data = &self.tree.scopes[scope as usize];
            if let Some(&binding_id) = scope_data.private_names.get(&private.name) {
                if crossed_function {
                    self.tree.bindings[binding_id as usize].captured = true;
                }
                return;
            }
            if scope_data.kind.is_function() {
                crossed_function = true;
            }
            match scope_data.parent {
                Some(parent) => scope = parent,
                None => return,
            }
        }
    }

    fn visit_expression(&mut self, expression: &Expression<'_>) -> Result<(), CompileError> {
        self.descend(expression.span())?;
        self.visit_expression_inner(expression)?;
        self.ascend();
        Ok(())
    }

    fn visit_expression_inner(&mut self, expression: &Expression<'_>) -> Result<(), CompileError> {
        match expression {
            Expression::Number(_)
            | Expression::String(_)
            | Expression::BigInt(_)
            | Expression::Boolean(_)
            | Expression::Null(_)
            | Expression::RegExp(_)
            | Expression::ImportMeta(_) => {}
            Expression::Template(template) => {
                for expression in template.expressions {
                    self.visit_expression(expression)?;
                }
            }
            Expression::TaggedTemplate(tagged) => {
                self.visit_expression(&tagged.tag)?;
                for expression in tagged.quasi.expressions {
                    self.visit_expression(expression)?;
                }
            }
            Expression::Identifier(identifier) => self.reference(*identifier),
            Expression::This(_) => self.reference_pseudo(THIS_NAME, BindingKind::This),
            Expression::Super(_) => {
                self.reference_pseudo(THIS_NAME, BindingKind::This);
                self.reference_pseudo(HOME_OBJECT_NAME, BindingKind::HomeObject);
            }
            Expression::NewTarget(_) => {
                self.reference_pseudo(NEW_TARGET_NAME, BindingKind::NewTarget)
            }
            Expression::Array(array) => {
                for element in array.elements {
                    match element {
                        ArrayElement::Hole(_) => {}
                        ArrayElement::Expression(expression) => {
                            self.visit_expression(expression)?
                        }
                        ArrayElement::Spread(spread) => self.visit_expression(&spread.argument)?,
                    }
                }
            }
            Expression::Object(object) => {
                for property in object.properties {
                    match property {
                        ObjectProperty::Property(property) => {
                            if let PropertyKey::Computed(key) = &property.key {
                                self.visit_expression(key)?;
                            }
                            match &property.value {
                                Expression::Function(function)
                                    if property.is_method
                                        || property.kind != PropertyKind::Init =>
                                {
                                    self.visit_function(function, false)?;
                                }
                                value => self.visit_expression(value)?,
                            }
                        }
                        ObjectProperty::Spread(spread) => {
                            self.visit_expression(&spread.argument)?
                        }
                    }
                }
            }
            Expression::Function(function) => self.visit_function(function, !function.is_arrow)?,
            Expression::Class(class) => self.visit_class(class)?,
            Expression::Unary(unary) => self.visit_expression(&unary.argument)?,
            Expression::Update(update) => self.visit_simple_target(&update.target)?,
            Expression::Binary(binary) => {
                self.visit_expression(&binary.left)?;
                self.visit_expression(&binary.right)?;
            }
            Expression::PrivateIn(private_in) => {
                self.reference_private(private_in.name);
                self.visit_expression(&private_in.right)?;
            }
            Expression::Logical(logical) => {
                self.visit_expression(&logical.left)?;
                self.visit_expression(&logical.right)?;
            }
            Expression::Assignment(assignment) => {
                // Simple targets' objects are evaluated before the value.
                if let AssignmentTarget::Simple(SimpleAssignmentTarget::Member(member)) =
                    &assignment.target
                {
                    self.visit_member(member)?;
                    self.visit_expression(&assignment.value)?;
                } else {
                    self.visit_expression(&assignment.value)?;
                    self.visit_assignment_target(&assignment.target)?;
                }
            }
            Expression::Conditional(conditional) => {
                self.visit_expression(&conditional.test)?;
                self.visit_expression(&conditional.consequent)?;
                self.visit_expression(&conditional.alternate)?;
            }
            Expression::Sequence(sequence) => {
                for expression in sequence.expressions {
                    self.visit_expression(expression)?;
                }
            }
            Expression::Call(call) => {
                if let Expression::Identifier(callee) = call.callee
                    && callee.name == tseval_lexer::well_known::EVAL
                    && !call.optional
                {
                    self.note_direct_eval();
                }
                if let Expression::Super(_) = call.callee {
                    self.reference_pseudo(THIS_NAME, BindingKind::This);
                    self.reference_pseudo(NEW_TARGET_NAME, BindingKind::NewTarget);
                    self.reference_pseudo(ACTIVE_FUNCTION_NAME, BindingKind::ActiveFunction);
                    self.reference(Identifier {
                        span: Span::new(u32::MAX, u32::MAX),
                        name: FIELDS_INITIALIZER_NAME,
                    });
                } else {
                    self.visit_expression(&call.callee)?;
                }
                for argument in call.arguments {
                    match argument {
                        Argument::Expression(expression) => self.visit_expression(expression)?,
                        Argument::Spread(spread) => self.visit_expression(&spread.argument)?,
                    }
                }
            }
            Expression::New(new) => {
                self.visit_expression(&new.callee)?;
                for argument in new.arguments {
                    match argument {
                        Argument::Expression(expression) => self.visit_expression(expression)?,
                        Argument::Spread(spread) => self.visit_expression(&spread.argument)?,
                    }
                }
            }
            Expression::Member(member) => self.visit_member(member)?,
            Expression::OptionalChain(chain) => self.visit_expression(&chain.expression)?,
            Expression::Yield(node) => {
                if let Some(argument) = &node.argument {
                    self.visit_expression(argument)?;
                }
            }
            Expression::Await(node) => self.visit_expression(&node.argument)?,
            Expression::ImportCall(node) => {
                self.visit_expression(&node.source)?;
                if let Some(options) = &node.options {
                    self.visit_expression(options)?;
                }
            }
        }
        Ok(())
    }

    /// Visits a function: declares its scope, parameters, vars and lexical declarations.
    fn visit_function(
        &mut self,
        function: &Function<'_>,
        is_expression: bool,
    ) -> Result<(), CompileError> {
        self.descend(function.span)?;
        let previous = self.current;
        let outer_strict = self.strict;
        self.strict |= function.has_use_strict_directive;
        let scope = self.enter(
            ScopeKind::Function {
                arrow: function.is_arrow,
            },
            scope_key(TAG_FUNCTION, function),
        );
        if let Some(decorator) = function
            .params
            .items
            .iter()
            .find_map(|item| item.decorators.first())
        {
            return Err(decorators_not_supported(decorator, "on parameters"));
        }
        let mut parameter_names = Vec::new();
        for item in function.params.items {
            pattern_names(&item.pattern, &mut parameter_names);
        }
        if let Some(rest) = &function.params.rest {
            pattern_names(rest, &mut parameter_names);
        }
        // A non-simple parameter list is evaluated left to right with the parameters in their
        // temporal dead zone until bound (`function f(a = b, b) {}` throws); its body gets a
        // separate variable scope, so closures in parameter expressions cannot see the body's
        // `var`s (FunctionDeclarationInstantiation steps 20-28).
        let separate_body_scope = !function.params.is_simple;
        for identifier in &parameter_names {
            if self.tree.lookup_local(scope, identifier.name).is_none() {
                let id = self.add_binding(scope, identifier.name, BindingKind::Parameter);
                if separate_body_scope {
                    self.tree.bindings[id as usize].initialized = false;
                }
            }
        }
        if !function.is_arrow
            && self
                .tree
                .lookup_local(scope, tseval_lexer::well_known::ARGUMENTS)
                .is_none()
        {
            // `var arguments` does not hide the arguments object: the variable starts as it
            // (FunctionDeclarationInstantiation steps 22 and 28).
            let mut var_names = Vec::new();
            collect_var_names(function.body.statements, &mut var_names, 0);
            if var_names
                .iter()
                .any(|identifier| identifier.name == tseval_lexer::well_known::ARGUMENTS)
            {
                self.add_binding(
                    scope,
                    tseval_lexer::well_known::ARGUMENTS,
                    BindingKind::Arguments,
                );
            }
        }
        let body_scope = if separate_body_scope {
            let body_scope = self.new_scope(ScopeKind::VarBlock, Some(scope));
            self.tree.scopes[body_scope as usize].function_body = true;
            self.tree
                .scope_of_node
                .insert(scope_key(TAG_FUNCTION_BODY, function.body), body_scope);
            body_scope
        } else {
            scope
        };
        self.hoist_var_scope(function.body.statements, body_scope, false)?;
        self.declare_lexical(function.body.statements, body_scope, true)?;
        let mut parameter_atoms: Vec<Atom> = parameter_names.iter().map(|id| id.name).collect();
        if !function.is_arrow {
            // The arguments object counts as a parameter name here (B.3.2.1 with step 22.f).
            parameter_atoms.push(tseval_lexer::well_known::ARGUMENTS);
        }
        self.declare_annex_b_functions(
            function.body.statements,
            body_scope,
            &parameter_atoms,
            false,
        );
        if separate_body_scope {
            // A lexical declaration of the body may not redeclare a parameter (early error).
            for identifier in &parameter_names {
                if let Some(id) = self.tree.lookup_local(body_scope, identifier.name)
                    && self.tree.bindings[id as usize].kind.is_lexical()
                {
                    return Err(CompileError::new(
                        "Identifier has already been declared",
                        identifier.span,
                    ));
                }
            }
        }
        if is_expression
            && let Some(id) = function.id
            && self.tree.lookup_local(scope, id.name).is_none()
        {
            self.add_binding(scope, id.name, BindingKind::FunctionSelf);
        }
        for item in function.params.items {
            if let Some(default) = &item.default {
                self.visit_expression(default)?;
            }
            self.visit_binding_pattern(&item.pattern)?;
            if item.parameter_property.is_some() {
                self.reference_pseudo(THIS_NAME, BindingKind::This);
            }
            let mut bound = Vec::new();
            pattern_names(&item.pattern, &mut bound);
            for identifier in bound {
                self.mark_initialized(identifier.name);
            }
        }
        if let Some(rest) = &function.params.rest {
            self.visit_binding_pattern(rest)?;
            let mut bound = Vec::new();
            pattern_names(rest, &mut bound);
            for identifier in bound {
                self.mark_initialized(identifier.name);
            }
        }
        self.current = body_scope;
        self.visit_statement_list(function.body.statements)?;
        self.current = scope;
        self.capture_parameters_for_mapped_arguments(function, scope);
        self.strict = outer_strict;
        self.leave(previous);
        self.ascend();
        Ok(())
    }

    /// Annex B.3.2.1 / B.3.2.2: in sloppy code, a function declared in a block is also a `var`
    /// of the enclosing function (or a global var of a script) when that `var` would not
    /// conflict with a lexical declaration or (in functions) a parameter. The var is declared
    /// here, before any reference is resolved; codegen copies the block binding into it when
    /// the declaration is evaluated.
    fn declare_annex_b_functions(
        &mut self,
        statements: &[Statement<'_>],
        var_scope: ScopeId,
        parameter_names: &[Atom],
        global: bool,
    ) {
        if self.strict || self.module {
            return;
        }
        let mut candidates = Vec::new();
        let mut enclosing = vec![block_lexical_names(statements, false)];
        collect_annex_b_functions(statements, &mut enclosing, false, &mut candidates, 0);
        for (function, name) in candidates {
            if parameter_names.contains(&name) {
                continue;
            }
            let target = if global {
                if !self.tree.global_var_names.contains(&name) {
                    self.tree.global_var_names.push(name);
                }
                AnnexBFunctionTarget::Global
            } else {
                let binding = match self.tree.lookup_local(var_scope, name) {
                    Some(existing) => {
                        if self.tree.bindings[existing as usize].kind.is_lexical() {
                            continue;
                        }
                        existing
                    }
                    None => self.add_binding(var_scope, name, BindingKind::Var),
                };
                AnnexBFunctionTarget::Binding(binding)
            };
            self.tree
                .annex_b_functions
                .insert(function as *const Function<'_> as usize, target);
        }
    }

    /// Mapped `arguments` (ECMAScript 10.4.4): in a sloppy function with a simple parameter
    /// list that uses its `arguments` object, `arguments[i]` aliases the `i`-th parameter. The
    /// parameters of such a function (and only of such a function) are moved to its
    /// environment, so that the arguments object can address them as (environment, slot)
    /// pairs; functions that do not mention `arguments` keep their parameters in registers.
    fn capture_parameters_for_mapped_arguments(&mut self, function: &Function<'_>, scope: ScopeId) {
        if self.strict || function.is_arrow || !function.params.is_simple {
            return;
        }
        let bindings = &self.tree.scopes[scope as usize].bindings;
        let uses_arguments = bindings
            .iter()
            .any(|&id| self.tree.bindings[id as usize].kind == BindingKind::Arguments);
        if !uses_arguments {
            return;
        }
        for &id in bindings {
            let binding = &mut self.tree.bindings[id as usize];
            if binding.kind == BindingKind::Parameter {
                binding.captured = true;
            }
        }
    }

    fn visit_class(&mut self, class: &Class<'_>) -> Result<(), CompileError> {
        check_supported_decorators(class)?;
        // Class decorators are evaluated before the class scope exists (TypeScript evaluates
        // them before the heritage clause).
        for decorator in class.decorators {
            self.visit_expression(&decorator.expression)?;
        }
        self.descend(class.span)?;
        let previous = self.current;
        let outer_strict = self.strict;
        self.strict = true;
        let scope = self.enter(ScopeKind::Class, scope_key(TAG_CLASS, class));
        if let Some(id) = class.id {
            self.add_binding(scope, id.name, BindingKind::ClassInner);
        }
        let mut has_instance_initializer = false;
        let mut has_static_initializer = false;
        let mut has_constructor = false;
        if class_has_decorators(class) {
            let id = self.add_binding(scope, DECORATION_RECORD_NAME, BindingKind::Synthetic);
            // Read by the initializer functions.
            self.tree.bindings[id as usize].captured = true;
        }
        for (index, element) in class.body.iter().enumerate() {
            // Decorated methods may register extra initializers, which run when instances
            // (or, for static methods, the class) are initialized.
            if let ClassElement::Method(method) = element
                && !method.decorators.is_empty()
            {
                if method.is_static {
                    has_static_initializer = true;
                } else {
                    has_instance_initializer = true;
                }
            }
            if let ClassElement::Field(field) = element
                && field.is_accessor
            {
                self.add_private_name_binding(scope, accessor_storage_name(index));
            }
            match element {
                ClassElement::Method(method) => {
                    if method.kind == MethodKind::Constructor {
                        has_constructor = true;
                        if method
                            .value
                            .params
                            .items
                            .iter()
                            .any(|item| item.parameter_property.is_some())
                        {
                            has_instance_initializer = true;
                        }
                    }
                    if let PropertyKey::Private(private) = method.key {
                        if !method.is_static {
                            has_instance_initializer = true;
                            // The method's function object, created once per class evaluation
                            // (every instance shares it), read by the instance initializer.
                            let id = self.add_binding(
                                scope,
                                private_method_function_name(index),
                                BindingKind::Synthetic,
                            );
                            self.tree.bindings[id as usize].captured = true;
                        }
                        self.declare_private(scope, private);
                    }
                }
                ClassElement::Field(field) => {
                    if !field.is_static {
                        has_instance_initializer = true;
                    }
                    match field.key {
                        PropertyKey::Private(private) => self.declare_private(scope, private),
                        PropertyKey::Computed(_) => {
                            let id = self.add_binding(
                                scope,
                                computed_field_key_name(index),
                                BindingKind::Synthetic,
                            );
                            // Read by the initializer functions.
                            self.tree.bindings[id as usize].captured = true;
                        }
                        _ => {}
                    }
                }
                ClassElement::StaticBlock(_) => has_static_initializer = true,
            }
            if let ClassElement::Field(field) = element
                && field.is_static
            {
                has_static_initializer = true;
            }
            if let ClassElement::Method(method) = element
                && method.is_static
                && matches!(method.key, PropertyKey::Private(_))
            {
                has_static_initializer = true;
            }
        }
        let mut static_scope: Option<ScopeId> = None;
        let mut instance_scope: Option<ScopeId> = None;
        // Parameter properties and private methods also initialise the instance.
        if has_instance_initializer {
            let id = self.add_binding(scope, FIELDS_INITIALIZER_NAME, BindingKind::Synthetic);
            self.tree.bindings[id as usize].captured = true;
            let initializer = self.new_scope(ScopeKind::Function { arrow: false }, Some(scope));
            self.tree
                .scope_of_node
                .insert(scope_key(TAG_INSTANCE_INITIALIZER, class), initializer);
            instance_scope = Some(initializer);
        }
        if has_static_initializer {
            let initializer = self.new_scope(ScopeKind::Function { arrow: false }, Some(scope));
            self.tree
                .scope_of_node
                .insert(scope_key(TAG_STATIC_INITIALIZER, class), initializer);
            static_scope = Some(initializer);
        }
        if let Some(super_class) = &class.super_class {
            self.visit_expression(super_class)?;
        }
        for element in class.body {
            let decorators = match element {
                ClassElement::Method(method) => method.decorators,
                ClassElement::Field(field) => field.decorators,
                ClassElement::StaticBlock(_) => &[],
            };
            for decorator in decorators {
                self.visit_expression(&decorator.expression)?;
            }
            match element {
                ClassElement::Method(method) => {
                    if let PropertyKey::Computed(key) = &method.key {
                        self.visit_expression(key)?;
                    }
                    self.visit_function(method.value, false)?;
                }
                ClassElement::Field(field) => {
                    if let PropertyKey::Computed(key) = &field.key {
                        self.visit_expression(key)?;
                    }
                    if let Some(value) = &field.value {
                        let tag = if field.is_static {
                            TAG_STATIC_INITIALIZER
                        } else {
                            TAG_INSTANCE_INITIALIZER
                        };
                        let slot = if field.is_static {
                            &mut static_scope
                        } else {
                            &mut instance_scope
                        };
                        let initializer_scope = match *slot {
                            Some(existing) => existing,
                            None => {
                                let id = self
                                    .new_scope(ScopeKind::Function { arrow: false }, Some(scope));
                                self.tree.scope_of_node.insert(scope_key(tag, class), id);
                                *slot = Some(id);
                                id
                            }
                        };
                        self.current = initializer_scope;
                        self.visit_expression(value)?;
                        self.current = scope;
                    }
                }
                ClassElement::StaticBlock(block) => {
                    let initializer_scope = match static_scope {
                        Some(existing) => existing,
                        None => {
                            let id =
                                self.new_scope(ScopeKind::Function { arrow: false }, Some(scope));
                            self.tree
                                .scope_of_node
                                .insert(scope_key(TAG_STATIC_INITIALIZER, class), id);
                            static_scope = Some(id);
                            id
                        }
                    };
                    self.current = initializer_scope;
                    let block_scope =
                        self.enter(ScopeKind::VarBlock, scope_key(TAG_STATIC_BLOCK, *block));
                    self.hoist_var_scope(block.body, block_scope, false)?;
                    self.declare_lexical(block.body, block_scope, false)?;
                    self.visit_statement_list(block.body)?;
                    self.current = scope;
                }
            }
        }
        if !has_constructor {
            let id = self.new_scope(ScopeKind::Function { arrow: false }, Some(scope));
            self.tree
                .scope_of_node
                .insert(scope_key(TAG_DEFAULT_CONSTRUCTOR, class), id);
        }
        if let Some(id) = class.id {
            self.mark_initialized(id.name);
        }
        self.strict = outer_strict;
        self.leave(previous);
        self.ascend();
        Ok(())
    }

    /// Declares the storage private name of an `accessor` field (no source name; never
    /// referenced by user code, always captured like every private name).
    fn add_private_name_binding(&mut self, scope: ScopeId, name: Atom) {
        self.declare_private(
            scope,
            PrivateIdentifier {
                name,
                span: Span::new(0, 0),
            },
        );
    }

    fn declare_private(&mut self, scope: ScopeId, private: PrivateIdentifier) {
        if self.tree.scopes[scope as usize]
            .private_names
            .contains_key(&private.name)
        {
            return;
        }
        let id = self.tree.bindings.len() as BindingId;
        // A private name is always captured: besides the class's methods, the synthesized
        // `<instance_fields_initializer>` (a separate function) installs private methods and
        // accessors on every instance, and no source reference records that use. Methods
        // reference their private names anyway in nearly every class, so this costs nothing.
        self.tree.bindings.push(Binding {
            name: private.name,
            kind: BindingKind::PrivateName,
            scope,
            captured: true,
            needs_tdz: false,
            slot: 0,
            referenced: true,
            initialized: true,
        });
        let scope_data = &mut self.tree.scopes[scope as usize];
        scope_data.private_names.insert(private.name, id);
        scope_data.bindings.push(id);
    }
}

/// The function declared by a statement that is hoisted to the start of its scope.
/// Whether a class or any of its members has a decorator.
pub fn class_has_decorators(class: &Class<'_>) -> bool {
    !class.decorators.is_empty()
        || class.body.iter().any(|element| match element {
            ClassElement::Method(method) => !method.decorators.is_empty(),
            ClassElement::Field(field) => !field.decorators.is_empty(),
            ClassElement::StaticBlock(_) => false,
        })
}

/// Rejects the decorator and auto-accessor forms that have no run-time semantics yet:
/// decorators on private members and `accessor` fields with private names (running the program
/// without them would run a different program).
fn check_supported_decorators(class: &Class<'_>) -> Result<(), CompileError> {
    for element in class.body {
        let (key, decorators) = match element {
            ClassElement::Method(method) => (&method.key, method.decorators),
            ClassElement::Field(field) => {
                if field.is_accessor && matches!(field.key, PropertyKey::Private(_)) {
                    return Err(CompileError::new(
                        "auto-accessors with private names are not supported yet",
                        field.span,
                    ));
                }
                (&field.key, field.decorators)
            }
            ClassElement::StaticBlock(_) => continue,
        };
        if let (PropertyKey::Private(_), Some(decorator)) = (key, decorators.first()) {
            return Err(decorators_not_supported(
                decorator,
                "on private class members",
            ));
        }
    }
    Ok(())
}

/// The error for a decorator form that has no run-time semantics yet.
fn decorators_not_supported(decorator: &Decorator<'_>, form: &str) -> CompileError {
    CompileError::new(
        format!("decorators {form} are not supported yet"),
        decorator.span,
    )
}

/// The names a statement list declares lexically as a block (let/const/class and function
/// declarations).
fn block_lexical_names(statements: &[Statement<'_>], with_functions: bool) -> Vec<Atom> {
    let mut names = Vec::new();
    for statement in statements {
        match statement {
            Statement::VariableDeclaration(declaration)
                if declaration.kind != VariableKind::Var =>
            {
                let mut identifiers = Vec::new();
                for declarator in declaration.declarators {
                    pattern_names(&declarator.target, &mut identifiers);
                }
                names.extend(identifiers.iter().map(|identifier| identifier.name));
            }
            Statement::ClassDeclaration(class) => names.extend(class.id.map(|id| id.name)),
            Statement::FunctionDeclaration(function) if with_functions => {
                names.extend(function.id.map(|id| id.name))
            }
            _ => {}
        }
    }
    names
}

/// Annex B.3.2 candidates: plain function declarations nested in blocks (not in nested
/// functions) whose name could be `var`-declared at the function or script level without an
/// early error, that is, no enclosing block or loop head declares it lexically. `enclosing`
/// holds the lexically declared names of the enclosing statement lists, outermost first; the
/// innermost entry is the list the statements belong to.
fn collect_annex_b_functions<'a>(
    statements: &[Statement<'a>],
    enclosing: &mut Vec<Vec<Atom>>,
    nested: bool,
    out: &mut Vec<(&'a Function<'a>, Atom)>,
    depth: u32,
) {
    if depth > MAX_RESOLVER_DEPTH {
        return;
    }
    for statement in statements {
        collect_annex_b_in_statement(statement, enclosing, nested, out, depth + 1);
    }
}

/// Scans a statement list that forms its own lexical scope declaring `names`.
fn collect_annex_b_scoped<'a>(
    statements: &[Statement<'a>],
    names: Vec<Atom>,
    enclosing: &mut Vec<Vec<Atom>>,
    out: &mut Vec<(&'a Function<'a>, Atom)>,
    depth: u32,
) {
    enclosing.push(names);
    collect_annex_b_functions(statements, enclosing, true, out, depth + 1);
    enclosing.pop();
}

fn collect_annex_b_in_statement<'a>(
    statement: &Statement<'a>,
    enclosing: &mut Vec<Vec<Atom>>,
    nested: bool,
    out: &mut Vec<(&'a Function<'a>, Atom)>,
    depth: u32,
) {
    if depth > MAX_RESOLVER_DEPTH {
        return;
    }
    match statement {
        Statement::FunctionDeclaration(function) if nested => {
            if let Some(id) = function.id
                && !function.is_async
                && !function.is_generator
            {
                let outer = &enclosing[..enclosing.len().saturating_sub(1)];
                if !outer.iter().any(|names| names.contains(&id.name)) {
                    out.push((function, id.name));
                }
            }
        }
        Statement::Block(block) => collect_annex_b_scoped(
            block.body,
            block_lexical_names(block.body, true),
            enclosing,
            out,
            depth,
        ),
        Statement::If(node) => {
            // A function declaration as an `if` branch is treated as if in its own block
            // (B.3.3).
            let consequent = std::slice::from_ref(&node.consequent);
            collect_annex_b_scoped(consequent, Vec::new(), enclosing, out, depth);
            if let Some(alternate) = &node.alternate {
                let alternate = std::slice::from_ref(alternate);
                collect_annex_b_scoped(alternate, Vec::new(), enclosing, out, depth);
            }
        }
        Statement::For(node) => {
            let mut names = Vec::new();
            if let Some(ForInit::VariableDeclaration(declaration)) = &node.init
                && declaration.kind != VariableKind::Var
            {
                let mut identifiers = Vec::new();
                for declarator in declaration.declarators {
                    pattern_names(&declarator.target, &mut identifiers);
                }
                names.extend(identifiers.iter().map(|identifier| identifier.name));
            }
            collect_annex_b_scoped(
                std::slice::from_ref(&node.body),
                names,
                enclosing,
                out,
                depth,
            );
        }
        Statement::ForIn(ForInStatement { left, body, .. })
        | Statement::ForOf(ForOfStatement { left, body, .. }) => {
            let mut names = Vec::new();
            if let ForInOfLeft::VariableDeclaration(declaration) = left
                && declaration.kind != VariableKind::Var
            {
                let mut identifiers = Vec::new();
                for declarator in declaration.declarators {
                    pattern_names(&declarator.target, &mut identifiers);
                }
                names.extend(identifiers.iter().map(|identifier| identifier.name));
            }
            collect_annex_b_scoped(std::slice::from_ref(body), names, enclosing, out, depth);
        }
        Statement::While(node) => {
            collect_annex_b_in_statement(&node.body, enclosing, nested, out, depth + 1)
        }
        Statement::DoWhile(node) => {
            collect_annex_b_in_statement(&node.body, enclosing, nested, out, depth + 1)
        }
        Statement::Labeled(node) => {
            collect_annex_b_in_statement(&node.body, enclosing, nested, out, depth + 1)
        }
        Statement::With(node) => {
            collect_annex_b_in_statement(&node.body, enclosing, nested, out, depth + 1)
        }
        Statement::Switch(node) => {
            let mut names = Vec::new();
            for case in node.cases {
                names.extend(block_lexical_names(case.consequent, true));
            }
            enclosing.push(names);
            for case in node.cases {
                collect_annex_b_functions(case.consequent, enclosing, true, out, depth + 1);
            }
            enclosing.pop();
        }
        Statement::Try(node) => {
            collect_annex_b_scoped(
                node.block.body,
                block_lexical_names(node.block.body, true),
                enclosing,
                out,
                depth,
            );
            if let Some(handler) = node.handler {
                // A simple catch parameter does not block a var of the same name (B.3.4); a
                // destructured one does.
                let mut parameter_names = Vec::new();
                if let Some(parameter) = &handler.param
                    && !matches!(parameter, BindingPattern::Identifier(_))
                {
                    let mut identifiers = Vec::new();
                    pattern_names(parameter, &mut identifiers);
                    parameter_names.extend(identifiers.iter().map(|identifier| identifier.name));
                }
                enclosing.push(parameter_names);
                collect_annex_b_scoped(
                    handler.body.body,
                    block_lexical_names(handler.body.body, true),
                    enclosing,
                    out,
                    depth,
                );
                enclosing.pop();
            }
            if let Some(finalizer) = node.finalizer {
                collect_annex_b_scoped(
                    finalizer.body,
                    block_lexical_names(finalizer.body, true),
                    enclosing,
                    out,
                    depth,
                );
            }
        }
        _ => {}
    }
}

pub fn hoisted_function<'a>(statement: &Statement<'a>) -> Option<&'a Function<'a>> {
    match statement {
        Statement::FunctionDeclaration(function) => Some(function),
        Statement::ExportNamed(export) => match export.declaration {
            Some(Declaration::Function(function)) => Some(function),
            _ => None,
        },
        Statement::ExportDefault(export) => match export.kind {
            ExportDefaultKind::Function(function) if function.id.is_some() => Some(function),
            _ => None,
        },
        _ => None,
    }
}

/// Collects `var` declared names (and TS enum/namespace names) of a statement list, without
/// descending into nested functions, classes or namespaces.
///
/// A namespace (or enum) that merges with a class declared in the same statement list binds
/// no variable of its own: TypeScript emits no `var` for it and extends the class object.
pub fn collect_var_names(statements: &[Statement<'_>], out: &mut Vec<Identifier>, depth: u32) {
    if depth > MAX_RESOLVER_DEPTH {
        return;
    }
    let class_names: Vec<Atom> = statements
        .iter()
        .filter_map(|statement| match statement {
            Statement::ClassDeclaration(class) => class.id.map(|id| id.name),
            Statement::ExportNamed(export) => match export.declaration {
                Some(Declaration::Class(class)) => class.id.map(|id| id.name),
                _ => None,
            },
            _ => None,
        })
        .collect();
    for statement in statements {
        let merges_with_class = !class_names.is_empty()
            && match statement {
                Statement::Namespace(node) => class_names.contains(&node.id.name),
                Statement::Enum(node) => class_names.contains(&node.id.name),
                Statement::ExportNamed(export) => match export.declaration {
                    Some(Declaration::Namespace(node)) => class_names.contains(&node.id.name),
                    Some(Declaration::Enum(node)) => class_names.contains(&node.id.name),
                    _ => false,
                },
                _ => false,
            };
        if merges_with_class {
            continue;
        }
        collect_var_names_in(statement, out, depth + 1);
    }
}

fn collect_var_names_in(statement: &Statement<'_>, out: &mut Vec<Identifier>, depth: u32) {
    if depth > MAX_RESOLVER_DEPTH {
        return;
    }
    let next = depth + 1;
    match statement {
        Statement::VariableDeclaration(declaration) if declaration.kind == VariableKind::Var => {
            for declarator in declaration.declarators {
                pattern_names(&declarator.target, out);
            }
        }
        Statement::Enum(node) => out.push(node.id),
        Statement::Namespace(node) => out.push(node.id),
        Statement::ExportNamed(export) => match export.declaration {
            Some(Declaration::Variable(declaration)) if declaration.kind == VariableKind::Var => {
                for declarator in declaration.declarators {
                    pattern_names(&declarator.target, out);
                }
            }
            Some(Declaration::Enum(node)) => out.push(node.id),
            Some(Declaration::Namespace(node)) => out.push(node.id),
            _ => {}
        },
        Statement::Block(block) => collect_var_names(block.body, out, next),
        Statement::If(node) => {
            collect_var_names_in(&node.consequent, out, next);
            if let Some(alternate) = &node.alternate {
                collect_var_names_in(alternate, out, next);
            }
        }
        Statement::For(node) => {
            if let Some(ForInit::VariableDeclaration(declaration)) = &node.init
                && declaration.kind == VariableKind::Var
            {
                for declarator in declaration.declarators {
                    pattern_names(&declarator.target, out);
                }
            }
            collect_var_names_in(&node.body, out, next);
        }
        Statement::ForIn(node) => {
            if let ForInOfLeft::VariableDeclaration(declaration) = &node.left
                && declaration.kind == VariableKind::Var
            {
                for declarator in declaration.declarators {
                    pattern_names(&declarator.target, out);
                }
            }
            collect_var_names_in(&node.body, out, next);
        }
        Statement::ForOf(node) => {
            if let ForInOfLeft::VariableDeclaration(declaration) = &node.left
                && declaration.kind == VariableKind::Var
            {
                for declarator in declaration.declarators {
                    pattern_names(&declarator.target, out);
                }
            }
            collect_var_names_in(&node.body, out, next);
        }
        Statement::While(node) => collect_var_names_in(&node.body, out, next),
        Statement::DoWhile(node) => collect_var_names_in(&node.body, out, next),
        Statement::Switch(node) => {
            for case in node.cases {
                collect_var_names(case.consequent, out, next);
            }
        }
        Statement::Try(node) => {
            collect_var_names(node.block.body, out, next);
            if let Some(handler) = node.handler {
                collect_var_names(handler.body.body, out, next);
            }
            if let Some(finalizer) = node.finalizer {
                collect_var_names(finalizer.body, out, next);
            }
        }
        Statement::Labeled(node) => collect_var_names_in(&node.body, out, next),
        Statement::With(node) => collect_var_names_in(&node.body, out, next),
        _ => {}
    }
}
