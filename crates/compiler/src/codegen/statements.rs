//! Statement code generation, function bodies and the abrupt-completion machinery
//! (break/continue/return through finally blocks and iterator closing).

use std::rc::Rc;

use tseval_parser::ast::*;

use super::{
    COMPLETION_NORMAL, COMPLETION_RETURN, COMPLETION_THROW, Compiler, ControlEntry, ControlKind,
    FunctionRole, FusedCompare, FusedRight, JumpAction, Label, PendingJump, Place, Result,
    fused_jump,
};
use crate::CompileError;
use crate::bytecode::{ExceptionHandler, FunctionFlags, FunctionTemplate};
use crate::opcodes::{Instruction, Reg};
use crate::resolver::{
    self, BindingKind, DEFAULT_EXPORT_NAME, FIELDS_INITIALIZER_NAME, TAG_BLOCK, TAG_CATCH, TAG_FOR,
    TAG_FOR_IN, TAG_FOR_OF, TAG_FUNCTION, TAG_FUNCTION_BODY, TAG_SWITCH, THIS_NAME, scope_key,
};

impl Compiler<'_> {
    // ----- Functions -------------------------------------------------------------------------

    /// Compiles a function body into a template.
    pub(crate) fn compile_function(
        &mut self,
        function: &Function<'_>,
        name: Rc<str>,
        role: FunctionRole,
    ) -> Result<Rc<FunctionTemplate>> {
        self.descend(function.span)?;
        let scope = self.scope_for(scope_key(TAG_FUNCTION, function))?;
        let mut flags = FunctionFlags::empty();
        if self.is_strict() || self.class_depth > 0 || function.has_use_strict_directive {
            flags.insert(FunctionFlags::STRICT);
        }
        if function.is_arrow {
            flags.insert(FunctionFlags::ARROW);
        }
        if function.is_async {
            flags.insert(FunctionFlags::ASYNC);
        }
        if function.is_generator {
            flags.insert(FunctionFlags::GENERATOR | FunctionFlags::HAS_PROTOTYPE_PROPERTY);
        }
        match role {
            FunctionRole::Normal => {
                if !function.is_arrow && !function.is_async && !function.is_generator {
                    flags
                        .insert(FunctionFlags::CONSTRUCTOR | FunctionFlags::HAS_PROTOTYPE_PROPERTY);
                }
            }
            FunctionRole::Method => flags.insert(FunctionFlags::METHOD),
            FunctionRole::Getter => flags.insert(FunctionFlags::METHOD | FunctionFlags::GETTER),
            FunctionRole::Setter => flags.insert(FunctionFlags::METHOD | FunctionFlags::SETTER),
            FunctionRole::BaseConstructor => flags.insert(
                FunctionFlags::METHOD
                    | FunctionFlags::CLASS_CONSTRUCTOR
                    | FunctionFlags::CONSTRUCTOR,
            ),
            FunctionRole::DerivedConstructor => flags.insert(
                FunctionFlags::METHOD
                    | FunctionFlags::CLASS_CONSTRUCTOR
                    | FunctionFlags::CONSTRUCTOR
                    | FunctionFlags::DERIVED,
            ),
        }
        self.begin_function(name, flags, function.span, scope);
        self.function.is_derived_constructor = role == FunctionRole::DerivedConstructor;
        let result = self.compile_function_body(function, scope, role);
        let template = match result {
            Ok(()) => self.end_function(),
            Err(error) => {
                // Restore the enclosing function state before propagating.
                let _ = self.end_function();
                Err(error)
            }
        };
        self.ascend();
        template
    }

    fn compile_function_body(
        &mut self,
        function: &Function<'_>,
        scope: u32,
        role: FunctionRole,
    ) -> Result<()> {
        let params = function.params;
        let parameter_count = params.items.len();
        if parameter_count > u16::MAX as usize - 2 {
            return Err(CompileError::new("too many parameters", params.span));
        }
        self.function.param_count = parameter_count as u16;
        self.function.length = params
            .items
            .iter()
            .take_while(|item| item.default.is_none())
            .count() as u16;
        if parameter_count > 0 {
            self.alloc_n(parameter_count as u32)?;
        }
        // Simple identifier parameters live in their own registers unless captured.
        for (index, item) in params.items.iter().enumerate() {
            // A parameter with TDZ checks starts as the hole, so it cannot share the register
            // that holds the argument.
            if let BindingPattern::Identifier(identifier) = item.pattern
                && let Some(binding_id) = self.tree.lookup_local(scope, identifier.name)
                && !self.tree.bindings[binding_id as usize].captured
                && !self.tree.bindings[binding_id as usize].needs_tdz
                && self.tree.bindings[binding_id as usize].kind == BindingKind::Parameter
            {
                self.binding_registers[binding_id as usize] = Some(Reg(index as u16 + 1));
            }
        }
        let rest_register = if params.rest.is_some() {
            let register = self.alloc()?;
            self.function.rest_register = Some(register);
            self.function.flags.insert(FunctionFlags::HAS_REST);
            if let Some(BindingPattern::Identifier(identifier)) = params.rest
                && let Some(binding_id) = self.tree.lookup_local(scope, identifier.name)
                && !self.tree.bindings[binding_id as usize].captured
                && !self.tree.bindings[binding_id as usize].needs_tdz
            {
                self.binding_registers[binding_id as usize] = Some(register);
            }
            Some(register)
        } else {
            None
        };
        if role == FunctionRole::DerivedConstructor {
            // Allocated before any statement, so no statement's temporaries reuse it.
            let result = self.alloc()?;
            let epilogue = self.new_label();
            self.function.derived_epilogue = Some((result, epilogue));
        }
        self.emit_function_scope_entry(scope)?;
        self.emit_argument_mapping(params, scope)?;
        self.function.in_parameters = true;
        for (index, item) in params.items.iter().enumerate() {
            let register = Reg(index as u16 + 1);
            if let Some(default) = &item.default {
                let skip = self.new_label();
                self.emit_jump_to(skip, |offset| Instruction::JumpIfNotUndefined {
                    value: register,
                    offset,
                });
                match item.pattern {
                    BindingPattern::Identifier(identifier) => {
                        let name = self.text_of(identifier.name);
                        self.expr_named(default, register, Some(&name))?;
                    }
                    _ => self.expr(default, register)?,
                }
                self.bind_label(skip);
            }
            self.bind_pattern(&item.pattern, register)?;
        }
        if let (Some(rest), Some(register)) = (&params.rest, rest_register) {
            self.bind_pattern(rest, register)?;
        }
        self.function.in_parameters = false;
        let parameter_properties: Vec<Atom> = params
            .items
            .iter()
            .filter(|item| item.parameter_property.is_some())
            .filter_map(|item| match item.pattern {
                BindingPattern::Identifier(identifier) => Some(identifier.name),
                _ => None,
            })
            .collect();
        match role {
            FunctionRole::BaseConstructor => {
                self.emit_instance_initialization(Reg(0))?;
                self.emit_parameter_properties(&parameter_properties, Reg(0))?;
            }
            FunctionRole::DerivedConstructor => {
                self.function.parameter_properties = parameter_properties
            }
            _ => {}
        }
        self.enter_function_body_scope(function.body, scope)?;
        self.instantiate_hoisted_functions(function.body.statements, false)?;
        if function.is_generator {
            // The call runs up to here; the body starts at the first `next()`.
            self.emit(Instruction::GeneratorStart {});
        }
        self.statement_list(function.body.statements)?;
        if let Some((result, _)) = self.function.derived_epilogue {
            if self.needs_implicit_return() {
                self.emit(Instruction::LoadUndefined { dst: result });
            }
            self.emit_derived_epilogue()?;
        } else if self.needs_implicit_return() {
            let mark = self.mark();
            let register = self.alloc()?;
            self.emit(Instruction::LoadUndefined { dst: register });
            self.emit_final_return(register)?;
            self.release(mark);
        }
        Ok(())
    }

    /// Evaluating a block-level function declaration that Annex B.3.2 also binds as a `var`
    /// (see `declare_annex_b_functions` in the resolver): copies the block's binding to the var.
    fn annex_b_function_copy(&mut self, function: &Function<'_>) -> Result<()> {
        let key = function as *const Function<'_> as usize;
        let (Some(&target), Some(id)) = (self.tree.annex_b_functions.get(&key), function.id) else {
            return Ok(());
        };
        let mark = self.mark();
        let value = self.alloc()?;
        let source = self.resolve(id.name)?;
        self.load_place(source.place, value)?;
        self.annex_b_store(function, target, id.name, value)?;
        self.release(mark);
        Ok(())
    }

    /// A branch of an `if` statement.
    fn if_clause(&mut self, clause: &Statement<'_>) -> Result<()> {
        match clause {
            Statement::FunctionDeclaration(function) => {
                self.if_clause_function_declaration(clause, function)
            }
            _ => self.statement(clause),
        }
    }

    /// `if (x) function f() {}` (Annex B.3.3, sloppy code): compiled as the block
    /// `{ function f() {} }` (the resolver made that implicit block's scope), so the function
    /// is created in its own binding and then copied to its Annex B var binding.
    fn if_clause_function_declaration(
        &mut self,
        clause: &Statement<'_>,
        function: &Function<'_>,
    ) -> Result<()> {
        let scope = self.scope_for(scope_key(resolver::TAG_IF_CLAUSE_FUNCTION, function))?;
        let mark = self.mark();
        self.enter_scope(scope)?;
        let statements = std::slice::from_ref(clause);
        self.instantiate_hoisted_functions(statements, false)?;
        self.statement_list(statements)?;
        self.exit_scope(scope, mark);
        Ok(())
    }

    /// Stores a block-level function into its Annex B var binding.
    fn annex_b_store(
        &mut self,
        function: &Function<'_>,
        target: resolver::AnnexBFunctionTarget,
        name: Atom,
        value: Reg,
    ) -> Result<()> {
        let id_name = name;
        let destination = match target {
            resolver::AnnexBFunctionTarget::Global => Place::Global(id_name),
            resolver::AnnexBFunctionTarget::Binding(binding_id) => {
                self.place_of_outer_binding(binding_id, function.span)?
            }
            resolver::AnnexBFunctionTarget::EvalVarObject(object_binding) => {
                let object_place = self.place_of_outer_binding(object_binding, function.span)?;
                let object = match object_place {
                    Place::Register(register) => super::ObjectPlace::Register(register),
                    Place::Env { depth, slot } => super::ObjectPlace::Env { depth, slot },
                    _ => {
                        return Err(CompileError::new(
                            "internal error: eval variable object",
                            function.span,
                        ));
                    }
                };
                Place::Member {
                    object,
                    key: id_name,
                }
            }
        };
        self.store_place(destination, value)
    }

    /// The place of a binding of an enclosing scope, seen from the current scope (even when
    /// an inner scope shadows its name).
    fn place_of_outer_binding(&self, binding_id: resolver::BindingId, span: Span) -> Result<Place> {
        let target_scope = self.tree.bindings[binding_id as usize].scope;
        let mut scope = self.scope;
        let mut depth: u16 = 0;
        while scope != target_scope {
            let scope_data = &self.tree.scopes[scope as usize];
            if scope_data.has_env() {
                depth += 1;
            }
            match scope_data.parent {
                Some(parent) => scope = parent,
                None => {
                    return Err(CompileError::new(
                        "internal error: Annex B var scope not found",
                        span,
                    ));
                }
            }
        }
        self.place_of_binding(binding_id, depth)
    }

    /// Enters the separate variable scope of the body of a function with a non-simple parameter
    /// list (FunctionDeclarationInstantiation step 28), if the resolver made one: a body `var`
    /// named like a parameter starts with the parameter's value.
    fn enter_function_body_scope(
        &mut self,
        body: &FunctionBody<'_>,
        function_scope: u32,
    ) -> Result<()> {
        let Some(body_scope) = self.tree.scope_for(scope_key(TAG_FUNCTION_BODY, body)) else {
            return Ok(());
        };
        self.enter_scope(body_scope)?;
        let parameter_depth = u16::from(self.tree.scopes[body_scope as usize].has_env());
        let bindings = self.tree.scopes[body_scope as usize].bindings.clone();
        for binding_id in bindings {
            let binding = &self.tree.bindings[binding_id as usize];
            let name = binding.name;
            if binding.kind == BindingKind::Synthetic && name == resolver::WITH_OBJECT_NAME {
                self.emit_eval_var_object(binding_id)?;
                continue;
            }
            if binding.kind != BindingKind::Var {
                continue;
            }
            let Some(parameter) = self.tree.lookup_local(function_scope, name) else {
                continue;
            };
            if !matches!(
                self.tree.bindings[parameter as usize].kind,
                BindingKind::Parameter | BindingKind::Arguments
            ) {
                continue;
            }
            let mark = self.mark();
            let value = self.alloc()?;
            let place = self.place_of_binding(parameter, parameter_depth)?;
            self.load_place(place, value)?;
            self.initialize_binding(name, value)?;
            self.release(mark);
        }
        Ok(())
    }

    /// Mapped `arguments` (see `capture_parameters_for_mapped_arguments` in the resolver and
    /// the VM's `arguments.rs`): one `MapArgument` per parameter name, for the last parameter
    /// with that name (CreateMappedArgumentsObject step 17), after the function environment
    /// holding the parameters has been pushed. The resolver captured the parameters exactly
    /// when the arguments object is mapped.
    fn emit_argument_mapping(&mut self, params: &FormalParameters<'_>, scope: u32) -> Result<()> {
        let Some(arguments) = self.function.arguments_register else {
            return Ok(());
        };
        if !params.is_simple
            || self.is_strict()
            || self.function.flags.contains(FunctionFlags::ARROW)
        {
            return Ok(());
        }
        let mut mapped_names: Vec<Atom> = Vec::new();
        for (index, item) in params.items.iter().enumerate().rev() {
            let BindingPattern::Identifier(identifier) = item.pattern else {
                continue;
            };
            if mapped_names.contains(&identifier.name) {
                continue;
            }
            mapped_names.push(identifier.name);
            let Some(binding_id) = self.tree.lookup_local(scope, identifier.name) else {
                continue;
            };
            let binding = &self.tree.bindings[binding_id as usize];
            if binding.kind != BindingKind::Parameter || !binding.captured {
                continue;
            }
            self.emit(Instruction::MapArgument {
                arguments,
                index: index as u16,
                slot: binding.slot,
            });
        }
        Ok(())
    }

    /// Calls the class's instance-fields initializer (if any) with `this = receiver`.
    pub(crate) fn emit_instance_initialization(&mut self, receiver: Reg) -> Result<()> {
        let resolved = self.resolve(FIELDS_INITIALIZER_NAME)?;
        if resolved.binding.is_none() {
            return Ok(());
        }
        let mark = self.mark();
        let window = self.alloc_n(2)?;
        self.load_place(resolved.place, window)?;
        self.emit(Instruction::Move {
            dst: Reg(window.0 + 1),
            src: receiver,
        });
        self.emit(Instruction::Call {
            dst: window,
            callee: window,
            argc: 0,
        });
        self.release(mark);
        Ok(())
    }

    /// Emits `this.x = x` for TS parameter properties.
    pub(crate) fn emit_parameter_properties(
        &mut self,
        names: &[Atom],
        receiver: Reg,
    ) -> Result<()> {
        for &name in names {
            let mark = self.mark();
            let value = self.alloc()?;
            let resolved = self.resolve(name)?;
            self.load_place(resolved.place, value)?;
            let ic = self.ic_site(crate::bytecode::IcKind::SetNamed, name)?;
            self.emit(Instruction::SetNamed {
                object: receiver,
                value,
                ic,
            });
            self.release(mark);
        }
        Ok(())
    }

    /// Emits the final `Return` of a value. A derived constructor instead moves the value into
    /// its result register and jumps to the shared epilogue ([`Self::emit_derived_epilogue`]),
    /// so that the TypeError of `DerivedConstructorResult` is raised outside every `try`
    /// range of the constructor (a `try` inside the constructor must not catch it).
    pub(crate) fn emit_final_return(&mut self, value: Reg) -> Result<()> {
        if let Some((result, epilogue)) = self.function.derived_epilogue {
            if value != result {
                self.emit(Instruction::Move {
                    dst: result,
                    src: value,
                });
            }
            self.jump(epilogue);
            return Ok(());
        }
        self.emit(Instruction::Return { value });
        Ok(())
    }

    /// The epilogue of a derived constructor (bound after the whole body, outside any try
    /// range): checks the result register against `this` and returns.
    fn emit_derived_epilogue(&mut self) -> Result<()> {
        let Some((result, epilogue)) = self.function.derived_epilogue else {
            return Ok(());
        };
        self.bind_label(epilogue);
        let mark = self.mark();
        let this_register = self.alloc()?;
        let this_register = self.load_this_unchecked(this_register)?;
        self.emit(Instruction::DerivedConstructorResult {
            dst: result,
            value: result,
            this: this_register,
        });
        self.emit(Instruction::Return { value: result });
        self.release(mark);
        Ok(())
    }

    /// Loads `this` without the derived-constructor initialisation check.
    pub(crate) fn load_this_unchecked(&mut self, dst: Reg) -> Result<Reg> {
        match self.resolve_pseudo(THIS_NAME)? {
            Some(resolved) => match resolved.place {
                Place::Register(register) => Ok(register),
                place => {
                    self.load_place(place, dst)?;
                    Ok(dst)
                }
            },
            None => Ok(Reg(0)),
        }
    }

    // ----- Statements --------------------------------------------------------------------------

    pub(crate) fn statement(&mut self, statement: &Statement<'_>) -> Result<()> {
        self.descend(statement.span())?;
        let mark = self.mark();
        let result = self.statement_inner(statement);
        self.release(mark);
        self.ascend();
        result
    }

    fn statement_inner(&mut self, statement: &Statement<'_>) -> Result<()> {
        if let Some(completion) = self.function.completion_register {
            // Eval code: statements whose completion value is `undefined` unless their body
            // produces one start by resetting the completion value (UpdateEmpty(C, undefined)).
            if matches!(
                statement,
                Statement::If(_)
                    | Statement::For(_)
                    | Statement::ForIn(_)
                    | Statement::ForOf(_)
                    | Statement::While(_)
                    | Statement::DoWhile(_)
                    | Statement::Switch(_)
                    | Statement::Try(_)
                    | Statement::With(_)
            ) {
                self.emit(Instruction::LoadUndefined { dst: completion });
            }
        }
        match statement {
            Statement::Expression(node) => {
                self.mark_position(node.span);
                match self.function.completion_register {
                    Some(completion) => self.expr(&node.expression, completion),
                    None => self.expr_discard(&node.expression),
                }
            }
            Statement::Block(block) => self.block(block),
            Statement::Empty(_) => Ok(()),
            Statement::Debugger(_) => {
                self.emit(Instruction::Debugger {});
                Ok(())
            }
            Statement::VariableDeclaration(declaration) => self.variable_declaration(declaration),
            Statement::FunctionDeclaration(function) => self.annex_b_function_copy(function),
            Statement::ClassDeclaration(class) => self.class_declaration(class),
            Statement::If(node) => {
                self.mark_position(node.span);
                let else_label = self.new_label();
                self.condition_jump(&node.test, false, else_label)?;
                self.if_clause(&node.consequent)?;
                match &node.alternate {
                    Some(alternate) => {
                        let end = self.new_label();
                        self.jump(end);
                        self.bind_label(else_label);
                        self.if_clause(alternate)?;
                        self.bind_label(end);
                    }
                    None => self.bind_label(else_label),
                }
                Ok(())
            }
            Statement::For(node) => self.for_statement(node),
            Statement::ForIn(node) => self.for_in_statement(node),
            Statement::ForOf(node) => self.for_of_statement(node),
            Statement::While(node) => {
                // Inverted loop (test at the bottom): one conditional back-edge per iteration
                // instead of a conditional exit plus an unconditional `Jump` back.
                let labels = std::mem::take(&mut self.function.pending_labels);
                let body_label = self.new_label();
                let continue_label = self.new_label();
                let break_label = self.new_label();
                self.jump(continue_label);
                self.bind_label(body_label);
                self.loop_body(&node.body, labels, break_label, continue_label, None)?;
                self.bind_label(continue_label);
                self.mark_position(node.span);
                self.condition_jump(&node.test, true, body_label)?;
                self.bind_label(break_label);
                Ok(())
            }
            Statement::DoWhile(node) => {
                let labels = std::mem::take(&mut self.function.pending_labels);
                let top = self.new_label();
                let continue_label = self.new_label();
                let break_label = self.new_label();
                self.bind_label(top);
                self.loop_body(&node.body, labels, break_label, continue_label, None)?;
                self.bind_label(continue_label);
                self.condition_jump(&node.test, true, top)?;
                self.bind_label(break_label);
                Ok(())
            }
            Statement::Switch(node) => self.switch_statement(node),
            Statement::Try(node) => self.try_statement(node),
            Statement::Throw(node) => {
                let value = self.expr_reg(&node.argument)?;
                self.mark_position(node.span);
                self.emit(Instruction::Throw { value });
                Ok(())
            }
            Statement::Return(node) => self.return_statement(node.argument.as_ref(), node.span),
            Statement::Break(node) => {
                let target =
                    self.find_break_target(node.label.map(|label| label.name), node.span)?;
                self.emit_abrupt(JumpAction::Break(target), None)
            }
            Statement::Continue(node) => {
                let target =
                    self.find_continue_target(node.label.map(|label| label.name), node.span)?;
                self.emit_abrupt(JumpAction::Continue(target), None)
            }
            Statement::Labeled(node) => {
                let is_loop = matches!(
                    node.body,
                    Statement::For(_)
                        | Statement::ForIn(_)
                        | Statement::ForOf(_)
                        | Statement::While(_)
                        | Statement::DoWhile(_)
                        | Statement::Labeled(_)
                );
                self.function.pending_labels.push(node.label.name);
                if is_loop {
                    return self.statement(&node.body);
                }
                let labels = std::mem::take(&mut self.function.pending_labels);
                let break_label = self.new_label();
                let depth = self.function.scope_depth;
                self.function.control.push(ControlEntry {
                    labels,
                    kind: ControlKind::Block {
                        break_label,
                        switch: false,
                    },
                    break_depth: depth,
                    continue_depth: depth,
                });
                let result = self.statement(&node.body);
                self.function.control.pop();
                result?;
                self.bind_label(break_label);
                Ok(())
            }
            Statement::With(node) => self.with_statement(node),
            // Imports are bound at link time (see `ModuleInfo`).
            Statement::Import(_) => Ok(()),
            Statement::ExportNamed(node) => self.export_named(node),
            Statement::ExportDefault(node) => match node.kind {
                ExportDefaultKind::Function(_) => Ok(()),
                ExportDefaultKind::Class(class) => {
                    if class.id.is_some() {
                        self.class_declaration(class)
                    } else {
                        let mark = self.mark();
                        let register = self.alloc()?;
                        self.compile_class(class, register, Some(&Rc::from("default")))?;
                        if self.module && self.namespace_stack.is_empty() {
                            self.initialize_binding(DEFAULT_EXPORT_NAME, register)?;
                        }
                        self.release(mark);
                        Ok(())
                    }
                }
                ExportDefaultKind::Expression(expression) => {
                    if self.module && self.namespace_stack.is_empty() {
                        let mark = self.mark();
                        let register = self.alloc()?;
                        self.expr_named(&expression, register, Some(&Rc::from("default")))?;
                        self.initialize_binding(DEFAULT_EXPORT_NAME, register)?;
                        self.release(mark);
                        Ok(())
                    } else {
                        self.expr_discard(&expression)
                    }
                }
            },
            // Re-exports are resolved at link time (see `ModuleInfo`).
            Statement::ExportAll(_) => Ok(()),
            Statement::Enum(node) => self.enum_declaration(node, false),
            Statement::Namespace(node) => self.namespace_declaration(node, false),
            Statement::ImportEquals(node) => self.import_equals(node, false),
        }
    }

    /// `return argument;`. Performance decisions: `return test ? a : b` compiles as two
    /// returns (no join through a `Move` and a `Jump`), and returning an uncaptured local
    /// returns its register directly instead of copying it first.
    fn return_statement(&mut self, argument: Option<&Expression<'_>>, span: Span) -> Result<()> {
        if let Some(Expression::Conditional(conditional)) = argument {
            self.descend(span)?;
            let otherwise = self.new_label();
            self.condition_jump(&conditional.test, false, otherwise)?;
            let result = self
                .return_statement(Some(&conditional.consequent), span)
                .and_then(|()| {
                    self.bind_label(otherwise);
                    self.return_statement(Some(&conditional.alternate), span)
                });
            self.ascend();
            return result;
        }
        let mark = self.mark();
        let mut value = match argument {
            Some(argument) => self.expr_reg(argument)?,
            None => {
                let value = self.alloc()?;
                self.emit(Instruction::LoadUndefined { dst: value });
                value
            }
        };
        self.mark_position(span);
        if self.is_async_generator() && argument.is_some() {
            // ReturnStatement: in an async generator the operand is awaited before the
            // return completion leaves the body (a rejection is thrown here). The operand may
            // be a variable's register, so the result goes to a fresh one.
            let awaited = self.alloc()?;
            self.emit(Instruction::Await {
                dst: awaited,
                value,
            });
            value = awaited;
        }
        let result = self.emit_abrupt(JumpAction::Return, Some(value));
        self.release(mark);
        result
    }

    fn export_named(&mut self, node: &ExportNamedDeclaration<'_>) -> Result<()> {
        let Some(declaration) = &node.declaration else {
            // `export { a as b }`: exports are not materialised (no module system yet).
            return Ok(());
        };
        let in_namespace = !self.namespace_stack.is_empty();
        match declaration {
            Declaration::Variable(variable) => self.variable_declaration(variable),
            Declaration::Function(function) => {
                if in_namespace && let Some(id) = function.id {
                    self.export_to_namespace(id.name)?;
                }
                Ok(())
            }
            Declaration::Class(class) => {
                self.class_declaration(class)?;
                if in_namespace && let Some(id) = class.id {
                    self.export_to_namespace(id.name)?;
                }
                Ok(())
            }
            Declaration::Enum(node) => self.enum_declaration(node, in_namespace),
            Declaration::Namespace(node) => self.namespace_declaration(node, in_namespace),
            Declaration::ImportEquals(node) => self.import_equals(node, in_namespace),
        }
    }

    /// `N.name = name` for the namespace being compiled.
    pub(crate) fn export_to_namespace(&mut self, name: Atom) -> Result<()> {
        let Some(&namespace) = self.namespace_stack.last() else {
            return Ok(());
        };
        let mark = self.mark();
        let object = self.alloc()?;
        let value = self.alloc()?;
        let resolved_object = self.resolve(namespace)?;
        self.load_place(resolved_object.place, object)?;
        let resolved_value = self.resolve(name)?;
        self.load_place(resolved_value.place, value)?;
        let ic = self.ic_site(crate::bytecode::IcKind::SetNamed, name)?;
        self.emit(Instruction::SetNamed { object, value, ic });
        self.release(mark);
        Ok(())
    }

    pub(crate) fn block(&mut self, block: &BlockStatement<'_>) -> Result<()> {
        let scope = self.scope_for(scope_key(TAG_BLOCK, block))?;
        let mark = self.mark();
        self.enter_scope(scope)?;
        self.instantiate_hoisted_functions(block.body, false)?;
        self.statement_list(block.body)?;
        self.exit_scope(scope, mark);
        Ok(())
    }

    /// Compiles the statements of a block, function body, static block or module. When the
    /// list declares `using` or `await using` bindings directly, it runs inside a disposal
    /// scope (see [`Compiler::disposal_scope`]).
    pub(crate) fn statement_list(&mut self, statements: &[Statement<'_>]) -> Result<()> {
        let Some(is_async) = using_declarations_in(statements) else {
            for statement in statements {
                self.statement(statement)?;
            }
            return Ok(());
        };
        self.disposal_scope(is_async, |compiler| {
            for statement in statements {
                compiler.statement(statement)?;
            }
            Ok(())
        })
    }

    /// Compiles `body` as the protected part of an implicit try/finally whose finally part is
    /// DisposeResources over a resource list that the `using` declarations in `body` add to.
    /// Every way out of `body` (falling off its end, break, continue, return, a throw) runs
    /// through the finally part, exactly as for a `try`/`finally` statement, so the code
    /// after it dispatches on the same completion kinds. With `is_async`, disposal awaits.
    fn disposal_scope(
        &mut self,
        is_async: bool,
        body: impl FnOnce(&mut Self) -> Result<()>,
    ) -> Result<()> {
        let depth = self.function.scope_depth;
        let resources = self.alloc()?;
        self.emit(Instruction::NewDisposeCapability { dst: resources });
        // The kind and value registers must be adjacent: the dispose instructions take
        // them as one completion window.
        let completion = self.alloc_n(2)?;
        let (kind_register, value_register) = (completion, Reg(completion.0 + 1));
        let finally_label = self.new_label();
        self.function.control.push(ControlEntry {
            labels: Vec::new(),
            kind: ControlKind::Finally {
                kind_register,
                value_register,
                finally_label,
                pending: Vec::new(),
            },
            break_depth: depth,
            continue_depth: depth,
        });
        self.function.disposal_scopes.push((resources, is_async));
        let region_start = self.pc();
        let result = body(self);
        self.function.disposal_scopes.pop();
        let entry = self.function.control.pop();
        result?;
        self.enter_finally_part(
            region_start,
            depth,
            kind_register,
            value_register,
            finally_label,
        );
        if is_async {
            let mark = self.mark();
            let promise = self.alloc()?;
            let done = self.new_label();
            self.emit(Instruction::DisposeResourcesAsync {
                dst: promise,
                resources,
                completion,
            });
            self.emit_jump_to(done, |offset| Instruction::JumpIfUndefined {
                value: promise,
                offset,
            });
            let await_start = self.pc();
            self.emit(Instruction::Await {
                dst: promise,
                value: promise,
            });
            let await_end = self.pc();
            self.jump(done);
            // A rejected disposal promise carries the final error of the completion.
            self.function.handlers.push(ExceptionHandler {
                start: await_start as u32,
                end: await_end as u32,
                handler: self.pc() as u32,
                scope_depth: depth,
                exception_register: value_register,
            });
            self.emit(Instruction::LoadInt {
                dst: kind_register,
                value: COMPLETION_THROW,
            });
            self.bind_label(done);
            self.release(mark);
        } else {
            self.emit(Instruction::DisposeResources {
                resources,
                completion,
            });
        }
        self.emit_completion_dispatch(kind_register, value_register, pending_jumps(entry))
    }

    /// Emits AddDisposableResource for the value just bound by a `using` declaration.
    fn add_disposable_resource(&mut self, value: Reg, is_async: bool, span: Span) -> Result<()> {
        let Some(&(resources, _)) = self.function.disposal_scopes.last() else {
            return Err(CompileError::new(
                "internal error: 'using' declaration outside a disposal scope",
                span,
            ));
        };
        let hint = u16::from(is_async);
        self.emit(Instruction::AddDisposable {
            resources,
            value,
            hint,
        });
        Ok(())
    }

    fn class_declaration(&mut self, class: &Class<'_>) -> Result<()> {
        let register = self.alloc()?;
        self.compile_class(class, register, None)?;
        if let Some(id) = class.id {
            self.initialize_binding(id.name, register)?;
        }
        Ok(())
    }

    /// `with (object) body`: the object (ToObject'd) lives in the synthetic binding of the
    /// statement's scope; references in the body test it before their static binding (see
    /// `Compiler::with_objects_for`).
    fn with_statement(&mut self, node: &WithStatement<'_>) -> Result<()> {
        self.mark_position(node.span);
        let object = self.alloc()?;
        self.expr(&node.object, object)?;
        self.emit(Instruction::ToObject {
            dst: object,
            src: object,
        });
        let scope = self.scope_for(crate::resolver::scope_key(crate::resolver::TAG_WITH, node))?;
        let outer_scope = self.scope;
        let mark = self.mark();
        self.enter_scope(scope)?;
        let binding = self
            .tree
            .lookup_local(scope, crate::resolver::WITH_OBJECT_NAME)
            .ok_or_else(|| CompileError::new("internal error: with object binding", node.span))?;
        let place = self.place_of_binding(binding, 0)?;
        self.store_place(place, object)?;
        let result = self.statement(&node.body);
        self.exit_scope(scope, mark);
        self.scope = outer_scope;
        result
    }

    pub(crate) fn variable_declaration(
        &mut self,
        declaration: &VariableDeclaration<'_>,
    ) -> Result<()> {
        let using_hint = using_hint(declaration.kind);
        for declarator in declaration.declarators {
            self.mark_position(declarator.span);
            let mark = self.mark();
            match (&declarator.target, &declarator.init) {
                (BindingPattern::Identifier(identifier), Some(init)) if using_hint.is_some() => {
                    // InitializeBinding with a dispose hint: the resource is added before
                    // the binding leaves its temporal dead zone.
                    let name = self.text_of(identifier.name);
                    let value = self.alloc()?;
                    self.expr_named(init, value, Some(&name))?;
                    self.mark_position(declarator.span);
                    self.add_disposable_resource(value, using_hint == Some(true), declarator.span)?;
                    self.initialize_binding(identifier.name, value)?;
                }
                (BindingPattern::Identifier(identifier), Some(init))
                    if declaration.kind == VariableKind::Var
                        && !self.with_objects_for(identifier.name)?.is_empty() =>
                {
                    // `var x = v` under `with`: PutValue through the object environment.
                    let name = self.text_of(identifier.name);
                    let value = self.alloc()?;
                    self.expr_named(init, value, Some(&name))?;
                    self.write_identifier(*identifier, value)?;
                }
                (BindingPattern::Identifier(identifier), Some(init)) => {
                    let name = self.text_of(identifier.name);
                    let resolved = self.resolve(identifier.name)?;
                    match resolved.place {
                        Place::Register(register)
                            if super::expressions::writes_destination_last(init) =>
                        {
                            self.expr_named(init, register, Some(&name))?;
                        }
                        _ => {
                            let value = self.alloc()?;
                            self.expr_named(init, value, Some(&name))?;
                            self.initialize_resolved(resolved, identifier.name, value)?;
                        }
                    }
                }
                (BindingPattern::Identifier(identifier), None) => {
                    if declaration.kind != VariableKind::Var {
                        let value = self.alloc()?;
                        self.emit(Instruction::LoadUndefined { dst: value });
                        self.initialize_binding(identifier.name, value)?;
                    }
                }
                (pattern, Some(init)) => {
                    let value = self.alloc()?;
                    self.expr(init, value)?;
                    self.bind_pattern(pattern, value)?;
                }
                (pattern, None) => {
                    return Err(CompileError::new(
                        "destructuring declaration needs an initializer",
                        pattern.span(),
                    ));
                }
            }
            self.release(mark);
        }
        Ok(())
    }

    // ----- Loops ---------------------------------------------------------------------------------

    fn loop_body(
        &mut self,
        body: &Statement<'_>,
        labels: Vec<Atom>,
        break_label: Label,
        continue_label: Label,
        iterator: Option<Reg>,
    ) -> Result<()> {
        let depth = self.function.scope_depth;
        self.loop_body_with_depths(
            body,
            labels,
            break_label,
            continue_label,
            iterator.map(|record| (record, false)),
            depth,
            depth,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn loop_body_with_depths(
        &mut self,
        body: &Statement<'_>,
        labels: Vec<Atom>,
        break_label: Label,
        continue_label: Label,
        iterator: Option<(Reg, bool)>,
        break_depth: u16,
        continue_depth: u16,
    ) -> Result<()> {
        self.function.control.push(ControlEntry {
            labels,
            kind: ControlKind::Loop {
                break_label,
                continue_label,
                iterator: iterator.map(|(record, _)| record),
                async_iterator: iterator.is_some_and(|(_, is_async)| is_async),
            },
            break_depth,
            continue_depth,
        });
        let result = self.statement(body);
        self.function.control.pop();
        result
    }

    fn for_statement(&mut self, node: &ForStatement<'_>) -> Result<()> {
        let labels = std::mem::take(&mut self.function.pending_labels);
        let scope = self.scope_for(scope_key(TAG_FOR, node))?;
        let mark = self.mark();
        self.enter_scope(scope)?;
        // `for (using x = r; ...)`: the resources live until the whole loop is left.
        let using_head = match &node.init {
            Some(ForInit::VariableDeclaration(declaration)) => using_hint(declaration.kind),
            _ => None,
        };
        match using_head {
            Some(is_async) => self.disposal_scope(is_async, |compiler| {
                compiler.for_statement_in_scope(node, labels, scope)
            })?,
            None => self.for_statement_in_scope(node, labels, scope)?,
        }
        self.exit_scope(scope, mark);
        Ok(())
    }

    /// The part of a `for` statement inside its head scope.
    fn for_statement_in_scope(
        &mut self,
        node: &ForStatement<'_>,
        labels: Vec<Atom>,
        scope: u32,
    ) -> Result<()> {
        let mut lexical_head = false;
        if let Some(init) = &node.init {
            match init {
                ForInit::VariableDeclaration(declaration) => {
                    lexical_head = declaration.kind != VariableKind::Var;
                    self.variable_declaration(declaration)?;
                }
                ForInit::Expression(expression) => {
                    let inner = self.mark();
                    self.expr_discard(expression)?;
                    self.release(inner);
                }
            }
        }
        let per_iteration_copy = lexical_head && self.tree.scopes[scope as usize].has_env();
        // Inverted loop: `init; goto test; body: ...; continue: update; test: if (test) goto
        // body`. Each iteration runs one (fused) conditional back-edge instead of a conditional
        // exit plus an unconditional `Jump` back; the order of operations is unchanged.
        let body_label = self.new_label();
        let test_label = self.new_label();
        let continue_label = self.new_label();
        let break_label = self.new_label();
        if node.test.is_some() {
            self.jump(test_label);
        }
        self.bind_label(body_label);
        self.loop_body(&node.body, labels, break_label, continue_label, None)?;
        self.bind_label(continue_label);
        if per_iteration_copy {
            self.emit(Instruction::CopyEnv {});
        }
        if let Some(update) = &node.update {
            let inner = self.mark();
            self.expr_discard(update)?;
            self.release(inner);
        }
        self.bind_label(test_label);
        match &node.test {
            Some(test) => {
                self.mark_position(test.span());
                self.condition_jump(test, true, body_label)?;
            }
            None => self.jump(body_label),
        }
        self.bind_label(break_label);
        Ok(())
    }

    /// Binds the left side of a for-in/for-of to `value` in the current (per-iteration) scope.
    fn bind_for_left(&mut self, left: &ForInOfLeft<'_>, value: Reg) -> Result<()> {
        match left {
            ForInOfLeft::VariableDeclaration(declaration) => {
                match declaration.declarators.first() {
                    Some(declarator) => self.bind_pattern(&declarator.target, value),
                    None => Ok(()),
                }
            }
            ForInOfLeft::Target(target) => self.assign_target(target, value),
        }
    }

    /// Binds the `using x` of a `for (using x of xs)` head to the iteration value and adds
    /// it to the iteration's resource list.
    fn using_for_left(&mut self, left: &ForInOfLeft<'_>, value: Reg, is_async: bool) -> Result<()> {
        let ForInOfLeft::VariableDeclaration(declaration) = left else {
            return Ok(());
        };
        let Some(declarator) = declaration.declarators.first() else {
            return Ok(());
        };
        let BindingPattern::Identifier(identifier) = declarator.target else {
            return Err(CompileError::new(
                "a 'using' declaration binds an identifier",
                declarator.span,
            ));
        };
        self.add_disposable_resource(value, is_async, declarator.span)?;
        self.initialize_binding(identifier.name, value)
    }

    fn for_of_statement(&mut self, node: &ForOfStatement<'_>) -> Result<()> {
        let labels = std::mem::take(&mut self.function.pending_labels);
        let outer_mark = self.mark();
        let iterator = self.alloc_n(3)?;
        {
            let mark = self.mark();
            let iterable = self.expr_reg(&node.right)?;
            self.mark_position(node.right.span());
            self.emit(if node.is_await {
                Instruction::GetAsyncIterator {
                    dst: iterator,
                    iterable,
                }
            } else {
                Instruction::GetIterator {
                    dst: iterator,
                    iterable,
                }
            });
            self.release(mark);
        }
        let value = self.alloc()?;
        let next_label = self.new_label();
        let break_label = self.new_label();
        let continue_label = self.new_label();
        self.bind_label(next_label);
        if node.is_await {
            // ForIn/OfBodyEvaluation with iteratorKind async: Await(Call(next)), then the
            // result object is checked and unpacked.
            self.emit(Instruction::IteratorNextCall {
                dst: value,
                iterator,
            });
            self.emit(Instruction::Await { dst: value, value });
            self.emit(Instruction::IteratorResultValue {
                dst: value,
                iterator,
            });
        } else {
            self.emit(Instruction::IteratorNext {
                dst: value,
                iterator,
            });
        }
        let done = Reg(iterator.0 + 2);
        self.emit_jump_to(break_label, |offset| Instruction::JumpIfTrue {
            condition: done,
            offset,
        });
        let outer_depth = self.function.scope_depth;
        let body_start = self.pc();
        let scope = self.scope_for(scope_key(TAG_FOR_OF, node))?;
        let mark = self.mark();
        self.enter_scope(scope)?;
        let inner_depth = self.function.scope_depth;
        let using_left = match &node.left {
            ForInOfLeft::VariableDeclaration(declaration) => using_hint(declaration.kind),
            ForInOfLeft::Target(_) => None,
        };
        match using_left {
            None => {
                self.bind_for_left(&node.left, value)?;
                self.loop_body_with_depths(
                    &node.body,
                    labels,
                    break_label,
                    continue_label,
                    Some((iterator, node.is_await)),
                    outer_depth,
                    inner_depth,
                )?;
            }
            Some(is_async) => {
                // `for (using x of xs)`: each iteration's resource is disposed when the
                // iteration ends, before the loop moves on or closes the iterator, so the
                // disposal scope sits inside the loop's control entry (a break or continue
                // leaves through it first).
                self.function.control.push(ControlEntry {
                    labels,
                    kind: ControlKind::Loop {
                        break_label,
                        continue_label,
                        iterator: Some(iterator),
                        async_iterator: node.is_await,
                    },
                    break_depth: outer_depth,
                    continue_depth: inner_depth,
                });
                let result = self.disposal_scope(is_async, |compiler| {
                    compiler.using_for_left(&node.left, value, is_async)?;
                    compiler.statement(&node.body)
                });
                self.function.control.pop();
                result?;
            }
        }
        self.bind_label(continue_label);
        self.exit_scope(scope, mark);
        self.jump(next_label);
        let body_end = self.pc();
        let exception = self.alloc()?;
        self.function.handlers.push(ExceptionHandler {
            start: body_start as u32,
            end: body_end as u32,
            handler: self.pc() as u32,
            scope_depth: outer_depth,
            exception_register: exception,
        });
        if node.is_await {
            self.emit_async_iterator_close_for_throw(iterator, outer_depth)?;
        } else {
            self.emit(Instruction::IteratorCloseForThrow { iterator });
        }
        self.emit(Instruction::Throw { value: exception });
        self.bind_label(break_label);
        self.release(outer_mark);
        Ok(())
    }

    /// AsyncIteratorClose(record, normal completion): calls `return` if present, awaits its
    /// result and throws a TypeError when that is not an object. Errors propagate.
    pub(crate) fn emit_async_iterator_close(&mut self, iterator: Reg) -> Result<()> {
        let mark = self.mark();
        let pair = self.alloc_n(2)?;
        let skip = self.new_label();
        self.emit(Instruction::IteratorReturnCall {
            dst: pair,
            iterator,
        });
        self.emit_jump_to(skip, |offset| Instruction::JumpIfFalse {
            condition: Reg(pair.0 + 1),
            offset,
        });
        self.emit(Instruction::Await {
            dst: pair,
            value: pair,
        });
        self.emit(Instruction::CheckIteratorResult { value: pair });
        self.bind_label(skip);
        self.release(mark);
        Ok(())
    }

    /// AsyncIteratorClose(record, throw completion), up to the re-throw the caller emits
    /// next: `return` is called and its result awaited, and every error on the way (from
    /// GetMethod, the call or the await) is ignored, so the original exception wins.
    fn emit_async_iterator_close_for_throw(
        &mut self,
        iterator: Reg,
        scope_depth: u16,
    ) -> Result<()> {
        let mark = self.mark();
        let pair = self.alloc_n(2)?;
        let ignored = self.alloc()?;
        let done = self.new_label();
        let start = self.pc();
        self.emit(Instruction::IteratorReturnCall {
            dst: pair,
            iterator,
        });
        self.emit_jump_to(done, |offset| Instruction::JumpIfFalse {
            condition: Reg(pair.0 + 1),
            offset,
        });
        self.emit(Instruction::Await {
            dst: pair,
            value: pair,
        });
        let end = self.pc();
        self.bind_label(done);
        self.function.handlers.push(ExceptionHandler {
            start: start as u32,
            end: end as u32,
            handler: self.pc() as u32,
            scope_depth,
            exception_register: ignored,
        });
        self.release(mark);
        Ok(())
    }

    fn for_in_statement(&mut self, node: &ForInStatement<'_>) -> Result<()> {
        let labels = std::mem::take(&mut self.function.pending_labels);
        let outer_mark = self.mark();
        let iterator = self.alloc()?;
        {
            let mark = self.mark();
            let object = self.expr_reg(&node.right)?;
            self.emit(Instruction::ForInPrepare {
                dst: iterator,
                object,
            });
            self.release(mark);
        }
        let value = self.alloc()?;
        let next_label = self.new_label();
        let break_label = self.new_label();
        let continue_label = self.new_label();
        self.bind_label(next_label);
        self.emit(Instruction::ForInNext {
            dst: value,
            iterator,
        });
        self.emit_jump_to(break_label, |offset| Instruction::JumpIfUndefined {
            value,
            offset,
        });
        let outer_depth = self.function.scope_depth;
        let scope = self.scope_for(scope_key(TAG_FOR_IN, node))?;
        let mark = self.mark();
        self.enter_scope(scope)?;
        self.bind_for_left(&node.left, value)?;
        let inner_depth = self.function.scope_depth;
        self.loop_body_with_depths(
            &node.body,
            labels,
            break_label,
            continue_label,
            None,
            outer_depth,
            inner_depth,
        )?;
        self.bind_label(continue_label);
        self.exit_scope(scope, mark);
        self.jump(next_label);
        self.bind_label(break_label);
        self.release(outer_mark);
        Ok(())
    }

    fn switch_statement(&mut self, node: &SwitchStatement<'_>) -> Result<()> {
        let labels = std::mem::take(&mut self.function.pending_labels);
        let discriminant = self.alloc()?;
        self.expr(&node.discriminant, discriminant)?;
        let scope = self.scope_for(scope_key(TAG_SWITCH, node))?;
        let mark = self.mark();
        self.enter_scope(scope)?;
        for case in node.cases {
            self.instantiate_hoisted_functions(case.consequent, false)?;
        }
        let case_labels: Vec<Label> = node.cases.iter().map(|_| self.new_label()).collect();
        let break_label = self.new_label();
        let mut default_index = None;
        for (index, case) in node.cases.iter().enumerate() {
            match &case.test {
                Some(test) => {
                    // One fused strict-equality branch per case.
                    let inner = self.mark();
                    let right = match small_integer_literal(test) {
                        Some(value) => FusedRight::Immediate(value),
                        None => {
                            let value = self.alloc()?;
                            self.expr(test, value)?;
                            FusedRight::Register(value)
                        }
                    };
                    self.emit_short_jump_to(case_labels[index], |offset| {
                        fused_jump(FusedCompare::StrictEqual, discriminant, right, true, offset)
                    });
                    self.release(inner);
                }
                None => default_index = Some(index),
            }
        }
        match default_index {
            Some(index) => self.jump(case_labels[index]),
            None => self.jump(break_label),
        }
        let depth = self.function.scope_depth;
        self.function.control.push(ControlEntry {
            labels,
            kind: ControlKind::Block {
                break_label,
                switch: true,
            },
            break_depth: depth,
            continue_depth: depth,
        });
        let mut result = Ok(());
        for (index, case) in node.cases.iter().enumerate() {
            self.bind_label(case_labels[index]);
            for statement in case.consequent {
                result = self.statement(statement);
                if result.is_err() {
                    break;
                }
            }
            if result.is_err() {
                break;
            }
        }
        self.function.control.pop();
        result?;
        self.bind_label(break_label);
        self.exit_scope(scope, mark);
        Ok(())
    }

    // ----- try / catch / finally ---------------------------------------------------------------

    fn try_statement(&mut self, node: &TryStatement<'_>) -> Result<()> {
        let depth = self.function.scope_depth;
        let mut finally_registers = None;
        if node.finalizer.is_some() {
            let kind_register = self.alloc()?;
            let value_register = self.alloc()?;
            let finally_label = self.new_label();
            self.function.control.push(ControlEntry {
                labels: Vec::new(),
                kind: ControlKind::Finally {
                    kind_register,
                    value_register,
                    finally_label,
                    pending: Vec::new(),
                },
                break_depth: depth,
                continue_depth: depth,
            });
            finally_registers = Some((kind_register, value_register, finally_label));
        }
        let region_start = self.pc();
        let result = self.try_and_catch(node, depth);
        let Some((kind_register, value_register, finally_label)) = finally_registers else {
            return result;
        };
        let entry = self.function.control.pop();
        result?;
        self.enter_finally_part(
            region_start,
            depth,
            kind_register,
            value_register,
            finally_label,
        );
        if let Some(finalizer) = node.finalizer {
            self.block(finalizer)?;
        }
        self.emit_completion_dispatch(kind_register, value_register, pending_jumps(entry))
    }

    /// Closes the protected region `region_start..pc` of a try/finally (or of a disposal
    /// scope): a normal completion falls into the finally part with COMPLETION_NORMAL, an
    /// exception in the region lands there with COMPLETION_THROW and the thrown value in
    /// `value_register`. Leaves code generation at the start of the finally part.
    fn enter_finally_part(
        &mut self,
        region_start: usize,
        depth: u16,
        kind_register: Reg,
        value_register: Reg,
        finally_label: Label,
    ) {
        let region_end = self.pc();
        self.emit(Instruction::LoadInt {
            dst: kind_register,
            value: COMPLETION_NORMAL,
        });
        self.jump(finally_label);
        if region_end > region_start {
            self.function.handlers.push(ExceptionHandler {
                start: region_start as u32,
                end: region_end as u32,
                handler: self.pc() as u32,
                scope_depth: depth,
                exception_register: value_register,
            });
        }
        self.emit(Instruction::LoadInt {
            dst: kind_register,
            value: COMPLETION_THROW,
        });
        self.bind_label(finally_label);
    }

    /// The end of a finally part: re-throws a throw completion, resumes each break, continue
    /// or return that was routed through it, and falls through for a normal completion.
    fn emit_completion_dispatch(
        &mut self,
        kind_register: Reg,
        value_register: Reg,
        pending: Vec<PendingJump>,
    ) -> Result<()> {
        let mark = self.mark();
        let scratch = self.alloc()?;
        let not_throw = self.new_label();
        self.emit(Instruction::LoadInt {
            dst: scratch,
            value: COMPLETION_THROW,
        });
        self.emit(Instruction::StrictEq {
            dst: scratch,
            lhs: kind_register,
            rhs: scratch,
        });
        self.emit_jump_to(not_throw, |offset| Instruction::JumpIfFalse {
            condition: scratch,
            offset,
        });
        self.emit(Instruction::Throw {
            value: value_register,
        });
        self.bind_label(not_throw);
        for jump in pending {
            let next = self.new_label();
            self.emit(Instruction::LoadInt {
                dst: scratch,
                value: jump.id,
            });
            self.emit(Instruction::StrictEq {
                dst: scratch,
                lhs: kind_register,
                rhs: scratch,
            });
            self.emit_jump_to(next, |offset| Instruction::JumpIfFalse {
                condition: scratch,
                offset,
            });
            let value = if matches!(jump.action, JumpAction::Return) {
                Some(value_register)
            } else {
                None
            };
            self.emit_abrupt(jump.action, value)?;
            self.bind_label(next);
        }
        self.release(mark);
        Ok(())
    }

    fn try_and_catch(&mut self, node: &TryStatement<'_>, depth: u16) -> Result<()> {
        let try_start = self.pc();
        self.block(node.block)?;
        let try_end = self.pc();
        if let Some(handler) = node.handler
            && try_end > try_start
        {
            let after = self.new_label();
            self.jump(after);
            let mark = self.mark();
            let exception = self.alloc()?;
            self.function.handlers.push(ExceptionHandler {
                start: try_start as u32,
                end: try_end as u32,
                handler: self.pc() as u32,
                scope_depth: depth,
                exception_register: exception,
            });
            let scope = self.scope_for(scope_key(TAG_CATCH, handler))?;
            let scope_mark = self.mark();
            self.enter_scope(scope)?;
            if let Some(param) = &handler.param {
                self.bind_pattern(param, exception)?;
            }
            self.block(handler.body)?;
            self.exit_scope(scope, scope_mark);
            self.release(mark);
            self.bind_label(after);
        }
        Ok(())
    }

    // ----- Abrupt completions ------------------------------------------------------------------

    fn find_break_target(&self, label: Option<Atom>, span: Span) -> Result<usize> {
        for (index, entry) in self.function.control.iter().enumerate().rev() {
            match label {
                Some(label) => {
                    if entry.labels.contains(&label) {
                        return Ok(index);
                    }
                }
                None => match entry.kind {
                    ControlKind::Loop { .. } | ControlKind::Block { switch: true, .. } => {
                        return Ok(index);
                    }
                    _ => {}
                },
            }
        }
        Err(CompileError::new("illegal break statement", span))
    }

    fn find_continue_target(&self, label: Option<Atom>, span: Span) -> Result<usize> {
        for (index, entry) in self.function.control.iter().enumerate().rev() {
            if let ControlKind::Loop { .. } = entry.kind
                && label.is_none_or(|label| entry.labels.contains(&label))
            {
                return Ok(index);
            }
        }
        Err(CompileError::new("illegal continue statement", span))
    }

    /// Emits a break/continue/return, closing iterators and routing through finally blocks.
    pub(crate) fn emit_abrupt(&mut self, action: JumpAction, value: Option<Reg>) -> Result<()> {
        let lowest = match action {
            JumpAction::Break(target) => target,
            JumpAction::Continue(target) => target + 1,
            JumpAction::Return => 0,
        };
        let mut index = self.function.control.len();
        while index > lowest {
            index -= 1;
            match &self.function.control[index].kind {
                ControlKind::Loop {
                    iterator: Some(iterator),
                    async_iterator,
                    ..
                } => {
                    let (iterator, async_iterator) = (*iterator, *async_iterator);
                    if async_iterator {
                        self.emit_async_iterator_close(iterator)?;
                    } else {
                        self.emit(Instruction::IteratorClose { iterator });
                    }
                }
                ControlKind::Finally {
                    kind_register,
                    value_register,
                    finally_label,
                    ..
                } => {
                    let (kind_register, value_register, finally_label) =
                        (*kind_register, *value_register, *finally_label);
                    let break_depth = self.function.control[index].break_depth;
                    let id = if let JumpAction::Return = action {
                        if let Some(value) = value
                            && value != value_register
                        {
                            self.emit(Instruction::Move {
                                dst: value_register,
                                src: value,
                            });
                        }
                        COMPLETION_RETURN
                    } else {
                        self.function.completion_counter += 1;
                        self.function.completion_counter
                    };
                    self.emit(Instruction::LoadInt {
                        dst: kind_register,
                        value: id,
                    });
                    for _ in break_depth..self.function.scope_depth {
                        self.emit(Instruction::PopEnv {});
                    }
                    self.jump(finally_label);
                    if let ControlKind::Finally { pending, .. } =
                        &mut self.function.control[index].kind
                        && !pending.iter().any(|jump| jump.id == id)
                    {
                        pending.push(PendingJump { id, action });
                    }
                    return Ok(());
                }
                _ => {}
            }
        }
        match action {
            JumpAction::Break(target) => {
                let entry = &self.function.control[target];
                let label = match entry.kind {
                    ControlKind::Loop { break_label, .. }
                    | ControlKind::Block { break_label, .. } => break_label,
                    ControlKind::Finally { .. } => {
                        return Err(CompileError::new(
                            "internal error: break to finally",
                            Span::new(0, 0),
                        ));
                    }
                };
                for _ in entry.break_depth..self.function.scope_depth {
                    self.emit(Instruction::PopEnv {});
                }
                self.jump(label);
            }
            JumpAction::Continue(target) => {
                let entry = &self.function.control[target];
                let label = match entry.kind {
                    ControlKind::Loop { continue_label, .. } => continue_label,
                    _ => {
                        return Err(CompileError::new(
                            "internal error: continue target",
                            Span::new(0, 0),
                        ));
                    }
                };
                for _ in entry.continue_depth..self.function.scope_depth {
                    self.emit(Instruction::PopEnv {});
                }
                self.jump(label);
            }
            JumpAction::Return => {
                let mark = self.mark();
                let register = match value {
                    Some(register) => register,
                    None => {
                        let register = self.alloc()?;
                        self.emit(Instruction::LoadUndefined { dst: register });
                        register
                    }
                };
                self.emit_final_return(register)?;
                self.release(mark);
            }
        }
        Ok(())
    }

    /// Jumps to `label` when `expression` is truthy (`jump_when`) or falsy (`!jump_when`).
    pub(crate) fn condition_jump(
        &mut self,
        expression: &Expression<'_>,
        jump_when: bool,
        label: Label,
    ) -> Result<()> {
        match expression {
            Expression::Unary(unary) if unary.operator == UnaryOperator::LogicalNot => {
                self.condition_jump(&unary.argument, !jump_when, label)
            }
            Expression::Logical(logical) if logical.operator == LogicalOperator::And => {
                if jump_when {
                    let skip = self.new_label();
                    self.condition_jump(&logical.left, false, skip)?;
                    self.condition_jump(&logical.right, true, label)?;
                    self.bind_label(skip);
                } else {
                    self.condition_jump(&logical.left, false, label)?;
                    self.condition_jump(&logical.right, false, label)?;
                }
                Ok(())
            }
            Expression::Logical(logical) if logical.operator == LogicalOperator::Or => {
                if jump_when {
                    self.condition_jump(&logical.left, true, label)?;
                    self.condition_jump(&logical.right, true, label)?;
                } else {
                    let skip = self.new_label();
                    self.condition_jump(&logical.left, true, skip)?;
                    self.condition_jump(&logical.right, false, label)?;
                    self.bind_label(skip);
                }
                Ok(())
            }
            Expression::Binary(binary) if fused_compare(binary.operator).is_some() => {
                // A fused compare-and-branch: no boolean is materialised (see the opcode table).
                let Some((compare, negated)) = fused_compare(binary.operator) else {
                    unreachable!("checked by the guard");
                };
                let mark = self.mark();
                let (lhs, right) = match small_integer_literal(&binary.right) {
                    Some(value) => (self.expr_reg(&binary.left)?, FusedRight::Immediate(value)),
                    None => {
                        let lhs = self.expr_reg_before(&binary.left, &[&binary.right])?;
                        (lhs, FusedRight::Register(self.expr_reg(&binary.right)?))
                    }
                };
                self.emit_short_jump_to(label, |offset| {
                    fused_jump(compare, lhs, right, jump_when != negated, offset)
                });
                self.release(mark);
                Ok(())
            }
            Expression::Binary(binary)
                if matches!(
                    binary.operator,
                    BinaryOperator::Equality | BinaryOperator::Inequality
                ) && matches!(binary.right, Expression::Null(_)) =>
            {
                // `x == null` is exactly "x is null or undefined".
                let mark = self.mark();
                let value = self.expr_reg(&binary.left)?;
                let is_nullish_jump = jump_when == (binary.operator == BinaryOperator::Equality);
                if is_nullish_jump {
                    self.emit_jump_to(label, |offset| Instruction::JumpIfNullish { value, offset });
                } else {
                    self.emit_jump_to(label, |offset| Instruction::JumpIfNotNullish {
                        value,
                        offset,
                    });
                }
                self.release(mark);
                Ok(())
            }
            _ => {
                let mark = self.mark();
                let condition = self.expr_reg(expression)?;
                if jump_when {
                    self.emit_jump_to(label, |offset| Instruction::JumpIfTrue {
                        condition,
                        offset,
                    });
                } else {
                    self.emit_jump_to(label, |offset| Instruction::JumpIfFalse {
                        condition,
                        offset,
                    });
                }
                self.release(mark);
                Ok(())
            }
        }
    }
}

/// The fused compare of a relational/strict-equality operator, and whether the operator is the
/// negation of that compare (`!==`).
pub(crate) fn fused_compare(operator: BinaryOperator) -> Option<(FusedCompare, bool)> {
    Some(match operator {
        BinaryOperator::LessThan => (FusedCompare::LessThan, false),
        BinaryOperator::LessEqualThan => (FusedCompare::LessEqual, false),
        BinaryOperator::GreaterThan => (FusedCompare::GreaterThan, false),
        BinaryOperator::GreaterEqualThan => (FusedCompare::GreaterEqual, false),
        BinaryOperator::StrictEquality => (FusedCompare::StrictEqual, false),
        BinaryOperator::StrictInequality => (FusedCompare::StrictEqual, true),
        _ => return None,
    })
}

/// An integer literal (optionally negated) that fits an `i16` immediate; `-0` is excluded
/// because it is not an integer Number the immediate can represent.
pub(crate) fn small_integer_literal(expression: &Expression<'_>) -> Option<i16> {
    let value = match expression {
        Expression::Number(number) => number.value,
        Expression::Unary(unary) if unary.operator == UnaryOperator::Minus => {
            match &unary.argument {
                Expression::Number(number) => -number.value,
                _ => return None,
            }
        }
        _ => return None,
    };
    if value.fract() == 0.0
        && value >= f64::from(i16::MIN)
        && value <= f64::from(i16::MAX)
        && !(value == 0.0 && value.is_sign_negative())
    {
        Some(value as i16)
    } else {
        None
    }
}

/// Unused helper kept for symmetry with the resolver (var names of a body).
pub(crate) fn _var_names(statements: &[Statement<'_>]) -> Vec<Identifier> {
    let mut names = Vec::new();
    resolver::collect_var_names(statements, &mut names, 0);
    names
}

/// Whether a statement list declares `using` bindings directly: `None` if not, else whether
/// any of them is an `await using` (which makes the list's disposal asynchronous).
fn using_declarations_in(statements: &[Statement<'_>]) -> Option<bool> {
    let mut found = None;
    for statement in statements {
        // `using` cannot be exported, so only plain declaration statements matter.
        if let Statement::VariableDeclaration(declaration) = statement {
            match using_hint(declaration.kind) {
                Some(true) => return Some(true),
                Some(false) => found = Some(false),
                None => {}
            }
        }
    }
    found
}

/// The jumps routed through a finally part, from its popped control entry.
fn pending_jumps(entry: Option<ControlEntry>) -> Vec<PendingJump> {
    match entry {
        Some(ControlEntry {
            kind: ControlKind::Finally { pending, .. },
            ..
        }) => pending,
        _ => Vec::new(),
    }
}

/// For a `using` declaration, whether it is `await using`; `None` for other kinds.
fn using_hint(kind: VariableKind) -> Option<bool> {
    match kind {
        VariableKind::Using => Some(false),
        VariableKind::AwaitUsing => Some(true),
        _ => None,
    }
}
