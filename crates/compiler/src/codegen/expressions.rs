//! Expression code generation.
//!
//! Conventions: [`Compiler::expr`] compiles into a given destination register;
//! [`Compiler::expr_reg`] returns a register holding the value, which is the binding's own
//! register for uncaptured locals (no copy) or a fresh temporary. Sub-expression temporaries are
//! allocated on the register stack and released by the caller's mark.

use std::rc::Rc;

use tseval_parser::ast::*;

use super::{Compiler, FunctionRole, JumpAction, Place, Result};
use crate::CompileError;
use crate::bytecode::{Constant, IcKind, TemplateObjectDescriptor};
use crate::opcodes::{Instruction, MethodKind as OpMethodKind, Reg, RegExpIdx, TemplateObjectIdx};
use crate::resolver::{
    ACTIVE_FUNCTION_NAME, BindingKind, HOME_OBJECT_NAME, NEW_TARGET_NAME, THIS_NAME,
};

/// Whether compiling `expression` directly into a register that the expression itself may read
/// is safe: the destination is written only by the last instruction.
pub(crate) fn writes_destination_last(expression: &Expression<'_>) -> bool {
    match expression {
        Expression::Number(_)
        | Expression::String(_)
        | Expression::BigInt(_)
        | Expression::Boolean(_)
        | Expression::Null(_)
        | Expression::RegExp(_)
        | Expression::Identifier(_)
        | Expression::This(_)
        | Expression::NewTarget(_)
        | Expression::Function(_)
        | Expression::Unary(_)
        | Expression::Binary(_)
        | Expression::Call(_)
        | Expression::New(_)
        | Expression::Member(_)
        | Expression::Template(_)
        | Expression::TaggedTemplate(_)
        | Expression::Assignment(_)
        | Expression::Await(_)
        | Expression::PrivateIn(_) => true,
        Expression::Conditional(conditional) => {
            writes_destination_last(&conditional.consequent)
                && writes_destination_last(&conditional.alternate)
        }
        Expression::Sequence(sequence) => sequence
            .expressions
            .last()
            .is_some_and(writes_destination_last),
        _ => false,
    }
}

/// Whether evaluating `expression` may assign a local variable (assignment or update
/// expressions anywhere inside, except in nested functions). Conservative beyond `budget`.
fn may_assign_locals(expression: &Expression<'_>, budget: u32) -> bool {
    if budget == 0 {
        return true;
    }
    let next = budget - 1;
    match expression {
        Expression::Assignment(_)
        | Expression::Update(_)
        | Expression::Yield(_)
        | Expression::Await(_) => true,
        Expression::Number(_)
        | Expression::String(_)
        | Expression::BigInt(_)
        | Expression::Boolean(_)
        | Expression::Null(_)
        | Expression::RegExp(_)
        | Expression::Identifier(_)
        | Expression::This(_)
        | Expression::NewTarget(_)
        | Expression::Function(_) => false,
        Expression::Unary(unary) => may_assign_locals(&unary.argument, next),
        Expression::Binary(binary) => {
            may_assign_locals(&binary.left, next) || may_assign_locals(&binary.right, next)
        }
        Expression::Logical(logical) => {
            may_assign_locals(&logical.left, next) || may_assign_locals(&logical.right, next)
        }
        Expression::Member(member) => {
            may_assign_locals(&member.object, next)
                || matches!(&member.property, MemberProperty::Computed(key) if may_assign_locals(key, next))
        }
        Expression::Call(call) => {
            may_assign_locals(&call.callee, next)
                || call.arguments.iter().any(|argument| match argument {
                    Argument::Expression(expression) => may_assign_locals(expression, next),
                    Argument::Spread(spread) => may_assign_locals(&spread.argument, next),
                })
        }
        Expression::Conditional(conditional) => {
            may_assign_locals(&conditional.test, next)
                || may_assign_locals(&conditional.consequent, next)
                || may_assign_locals(&conditional.alternate, next)
        }
        _ => true,
    }
}

fn binary_instruction(operator: BinaryOperator, dst: Reg, lhs: Reg, rhs: Reg) -> Instruction {
    match operator {
        BinaryOperator::Equality => Instruction::Eq { dst, lhs, rhs },
        BinaryOperator::Inequality => Instruction::NotEq { dst, lhs, rhs },
        BinaryOperator::StrictEquality => Instruction::StrictEq { dst, lhs, rhs },
        BinaryOperator::StrictInequality => Instruction::StrictNotEq { dst, lhs, rhs },
        BinaryOperator::LessThan => Instruction::Lt { dst, lhs, rhs },
        BinaryOperator::LessEqualThan => Instruction::LtEq { dst, lhs, rhs },
        BinaryOperator::GreaterThan => Instruction::Gt { dst, lhs, rhs },
        BinaryOperator::GreaterEqualThan => Instruction::GtEq { dst, lhs, rhs },
        BinaryOperator::ShiftLeft => Instruction::Shl { dst, lhs, rhs },
        BinaryOperator::ShiftRight => Instruction::Shr { dst, lhs, rhs },
        BinaryOperator::ShiftRightZeroFill => Instruction::UShr { dst, lhs, rhs },
        BinaryOperator::Addition => Instruction::Add { dst, lhs, rhs },
        BinaryOperator::Subtraction => Instruction::Sub { dst, lhs, rhs },
        BinaryOperator::Multiplication => Instruction::Mul { dst, lhs, rhs },
        BinaryOperator::Division => Instruction::Div { dst, lhs, rhs },
        BinaryOperator::Remainder => Instruction::Mod { dst, lhs, rhs },
        BinaryOperator::Exponential => Instruction::Exp { dst, lhs, rhs },
        BinaryOperator::BitwiseOr => Instruction::BitOr { dst, lhs, rhs },
        BinaryOperator::BitwiseXor => Instruction::BitXor { dst, lhs, rhs },
        BinaryOperator::BitwiseAnd => Instruction::BitAnd { dst, lhs, rhs },
        BinaryOperator::In => Instruction::In { dst, lhs, rhs },
        BinaryOperator::Instanceof => Instruction::InstanceOf { dst, lhs, rhs },
    }
}

/// The register-immediate form of an arithmetic/bitwise operator with a small integer right
/// operand (see the opcode table: it saves a `LoadInt` dispatch per evaluation).
fn immediate_binary_instruction(
    operator: BinaryOperator,
    dst: Reg,
    lhs: Reg,
    value: i16,
) -> Option<Instruction> {
    Some(match operator {
        BinaryOperator::Addition => Instruction::AddInt { dst, lhs, value },
        BinaryOperator::Subtraction => Instruction::SubInt { dst, lhs, value },
        BinaryOperator::Multiplication => Instruction::MulInt { dst, lhs, value },
        BinaryOperator::Remainder => Instruction::ModInt { dst, lhs, value },
        BinaryOperator::BitwiseAnd => Instruction::BitAndInt { dst, lhs, value },
        BinaryOperator::BitwiseOr => Instruction::BitOrInt { dst, lhs, value },
        BinaryOperator::BitwiseXor => Instruction::BitXorInt { dst, lhs, value },
        BinaryOperator::ShiftLeft => Instruction::ShlInt { dst, lhs, value },
        BinaryOperator::ShiftRight => Instruction::ShrInt { dst, lhs, value },
        BinaryOperator::ShiftRightZeroFill => Instruction::UShrInt { dst, lhs, value },
        _ => return None,
    })
}

fn compound_operator(operator: AssignmentOperator) -> Option<BinaryOperator> {
    Some(match operator {
        AssignmentOperator::Addition => BinaryOperator::Addition,
        AssignmentOperator::Subtraction => BinaryOperator::Subtraction,
        AssignmentOperator::Multiplication => BinaryOperator::Multiplication,
        AssignmentOperator::Division => BinaryOperator::Division,
        AssignmentOperator::Remainder => BinaryOperator::Remainder,
        AssignmentOperator::Exponential => BinaryOperator::Exponential,
        AssignmentOperator::ShiftLeft => BinaryOperator::ShiftLeft,
        AssignmentOperator::ShiftRight => BinaryOperator::ShiftRight,
        AssignmentOperator::ShiftRightZeroFill => BinaryOperator::ShiftRightZeroFill,
        AssignmentOperator::BitwiseOr => BinaryOperator::BitwiseOr,
        AssignmentOperator::BitwiseXor => BinaryOperator::BitwiseXor,
        AssignmentOperator::BitwiseAnd => BinaryOperator::BitwiseAnd,
        _ => return None,
    })
}

/// A resolved member reference: object register plus key form.
#[derive(Clone, Copy)]
pub(crate) enum MemberKey {
    Named(Atom),
    Keyed(Reg),
    Private(Reg),
    /// `super[key]`: receiver pair register (this, home object) and key register.
    Super(Reg, Reg),
}

impl Compiler<'_> {
    /// Compiles `expression` into `dst`.
    pub(crate) fn expr(&mut self, expression: &Expression<'_>, dst: Reg) -> Result<()> {
        self.expr_named(expression, dst, None)
    }

    /// Compiles `expression` into `dst`, giving anonymous functions/classes the name `name`
    /// (NamedEvaluation).
    pub(crate) fn expr_named(
        &mut self,
        expression: &Expression<'_>,
        dst: Reg,
        name: Option<&Rc<str>>,
    ) -> Result<()> {
        self.descend(expression.span())?;
        let mark = self.mark();
        let result = self.expr_inner(expression, dst, name);
        self.release(mark);
        self.ascend();
        result
    }

    /// Returns a register holding the value of `expression`: an uncaptured local's own register
    /// or a new temporary (released by the caller's mark).
    pub(crate) fn expr_reg(&mut self, expression: &Expression<'_>) -> Result<Reg> {
        if let Some(register) = self.local_register(expression)? {
            return Ok(register);
        }
        if let Expression::This(_) = expression
            && let Some(resolved) = self.resolve_pseudo(THIS_NAME)?
            && let Place::Register(register) = resolved.place
            && !self.function.is_derived_constructor
        {
            return Ok(register);
        }
        let register = self.alloc()?;
        self.expr(expression, register)?;
        Ok(register)
    }

    /// Like [`Self::expr_reg`] but copies locals when `later` expressions may reassign them.
    pub(crate) fn expr_reg_before(
        &mut self,
        expression: &Expression<'_>,
        later: &[&Expression<'_>],
    ) -> Result<Reg> {
        if later
            .iter()
            .any(|expression| may_assign_locals(expression, 12))
        {
            let register = self.alloc()?;
            self.expr(expression, register)?;
            return Ok(register);
        }
        self.expr_reg(expression)
    }

    /// The register of an identifier bound to an uncaptured local without TDZ check.
    fn local_register(&mut self, expression: &Expression<'_>) -> Result<Option<Reg>> {
        let Expression::Identifier(identifier) = expression else {
            return Ok(None);
        };
        if self
            .tree
            .tdz_checked_references
            .contains(&identifier.span.start)
        {
            return Ok(None);
        }
        let resolved = self.resolve(identifier.name)?;
        Ok(match resolved.place {
            Place::Register(register) => Some(register),
            _ => None,
        })
    }

    /// Evaluates `expression` for its side effects only.
    pub(crate) fn expr_discard(&mut self, expression: &Expression<'_>) -> Result<()> {
        let mark = self.mark();
        match expression {
            Expression::Assignment(assignment) => {
                self.descend(assignment.span)?;
                let result = self.assignment(assignment, None);
                self.ascend();
                result?
            }
            Expression::Update(update) => {
                self.descend(update.span)?;
                let result = self.update(update, None);
                self.ascend();
                result?
            }
            Expression::Sequence(sequence) => {
                for expression in sequence.expressions {
                    self.expr_discard(expression)?;
                }
            }
            _ => {
                if self.local_register(expression)?.is_none() {
                    let register = self.alloc()?;
                    self.expr(expression, register)?;
                }
            }
        }
        self.release(mark);
        Ok(())
    }

    fn expr_inner(
        &mut self,
        expression: &Expression<'_>,
        dst: Reg,
        name: Option<&Rc<str>>,
    ) -> Result<()> {
        match expression {
            Expression::Number(number) => self.load_number(dst, number.value),
            Expression::String(string) => {
                let constant = self.utf16_constant(string.value)?;
                self.emit(Instruction::LoadConst { dst, constant });
                Ok(())
            }
            Expression::BigInt(bigint) => {
                let index = self.raw_constant(Constant::BigInt(Rc::from(bigint.digits)))?;
                self.emit(Instruction::LoadConst {
                    dst,
                    constant: crate::opcodes::ConstIdx(index),
                });
                Ok(())
            }
            Expression::Boolean(boolean) => {
                self.emit(if boolean.value {
                    Instruction::LoadTrue { dst }
                } else {
                    Instruction::LoadFalse { dst }
                });
                Ok(())
            }
            Expression::Null(_) => {
                self.emit(Instruction::LoadNull { dst });
                Ok(())
            }
            Expression::RegExp(regexp) => {
                let index = self.raw_constant(Constant::RegExp {
                    pattern: Rc::from(regexp.pattern),
                    flags: Rc::from(regexp.flags),
                })?;
                self.emit(Instruction::NewRegExp {
                    dst,
                    regexp: RegExpIdx(index),
                });
                Ok(())
            }
            Expression::Template(template) => self.template_literal(template, dst),
            Expression::TaggedTemplate(tagged) => self.tagged_template(tagged, dst),
            Expression::Identifier(identifier) => self.read_identifier(*identifier, dst),
            Expression::This(_) => {
                let register = self.load_this(dst)?;
                if register != dst {
                    self.emit(Instruction::Move { dst, src: register });
                }
                Ok(())
            }
            Expression::Super(span) => {
                Err(CompileError::new("'super' keyword unexpected here", *span))
            }
            Expression::NewTarget(_) => {
                match self.resolve_pseudo(NEW_TARGET_NAME)? {
                    Some(resolved) => self.load_place(resolved.place, dst)?,
                    None => self.emit(Instruction::LoadUndefined { dst }),
                }
                Ok(())
            }
            Expression::ImportMeta(_) => {
                self.emit(Instruction::LoadImportMeta { dst });
                Ok(())
            }
            Expression::Array(array) => self.array_literal(array, dst),
            Expression::Object(object) => self.object_literal(object, dst),
            Expression::Function(function) => {
                let function_name = match function.id {
                    Some(id) => self.text_of(id.name),
                    None => name.cloned().unwrap_or_else(|| Rc::from("")),
                };
                let template =
                    self.compile_function(function, function_name, FunctionRole::Normal)?;
                let index = self.function_constant(template)?;
                self.emit(Instruction::CreateClosure {
                    dst,
                    function: index,
                });
                Ok(())
            }
            Expression::Class(class) => self.compile_class(class, dst, name),
            Expression::Unary(unary) => self.unary(unary, dst),
            Expression::Update(update) => self.update(update, Some(dst)),
            Expression::Binary(binary) => {
                if let Some(value) = super::statements::small_integer_literal(&binary.right)
                    && immediate_binary_instruction(binary.operator, dst, dst, value).is_some()
                {
                    // The literal has no side effects, so the left operand needs no copy.
                    let lhs = self.expr_reg(&binary.left)?;
                    if let Some(instruction) =
                        immediate_binary_instruction(binary.operator, dst, lhs, value)
                    {
                        self.emit(instruction);
                    }
                    return Ok(());
                }
                let lhs = self.expr_reg_before(&binary.left, &[&binary.right])?;
                let rhs = self.expr_reg(&binary.right)?;
                self.emit(binary_instruction(binary.operator, dst, lhs, rhs));
                Ok(())
            }
            Expression::PrivateIn(private_in) => {
                let object = self.expr_reg(&private_in.right)?;
                let key = self.alloc()?;
                let place = self.resolve_private(private_in.name.name, private_in.name.span)?;
                self.load_place(place, key)?;
                self.emit(Instruction::HasPrivate { dst, object, key });
                Ok(())
            }
            Expression::Logical(logical) => {
                self.expr_named(&logical.left, dst, name)?;
                let end = self.new_label();
                match logical.operator {
                    LogicalOperator::And => {
                        self.emit_jump_to(end, |offset| Instruction::JumpIfFalse {
                            condition: dst,
                            offset,
                        })
                    }
                    LogicalOperator::Or => {
                        self.emit_jump_to(end, |offset| Instruction::JumpIfTrue {
                            condition: dst,
                            offset,
                        })
                    }
                    LogicalOperator::Coalesce => self.emit_jump_to(end, |offset| {
                        Instruction::JumpIfNotNullish { value: dst, offset }
                    }),
                }
                self.expr_named(&logical.right, dst, name)?;
                self.bind_label(end);
                Ok(())
            }
            Expression::Assignment(assignment) => self.assignment(assignment, Some(dst)),
            Expression::Conditional(conditional) => {
                let otherwise = self.new_label();
                let end = self.new_label();
                self.condition_jump(&conditional.test, false, otherwise)?;
                self.expr_named(&conditional.consequent, dst, name)?;
                self.jump(end);
                self.bind_label(otherwise);
                self.expr_named(&conditional.alternate, dst, name)?;
                self.bind_label(end);
                Ok(())
            }
            Expression::Sequence(sequence) => {
                let (last, leading) = match sequence.expressions.split_last() {
                    Some(split) => split,
                    None => return Ok(()),
                };
                for expression in leading {
                    self.expr_discard(expression)?;
                }
                self.expr(last, dst)
            }
            Expression::Call(call) => self.call(call, dst),
            Expression::New(new) => self.new_expression(new, dst),
            Expression::Member(member) => self.member_get(member, dst),
            Expression::OptionalChain(chain) => {
                let exit = self.new_label();
                self.function.optional_chain_exits.push(exit);
                let result = self.expr(&chain.expression, dst);
                self.function.optional_chain_exits.pop();
                result?;
                let end = self.new_label();
                self.jump(end);
                self.bind_label(exit);
                self.emit(Instruction::LoadUndefined { dst });
                self.bind_label(end);
                Ok(())
            }
            Expression::Yield(node) => {
                if node.delegate {
                    return self.yield_delegate(node.argument.as_ref(), node.span, dst);
                }
                let value = self.alloc()?;
                match &node.argument {
                    Some(argument) => self.expr(argument, value)?,
                    None => self.emit(Instruction::LoadUndefined { dst: value }),
                }
                let pair = self.alloc_n(2)?;
                self.mark_position(node.span);
                self.emit(Instruction::Yield { dst: pair, value });
                let resume = self.new_label();
                let returning = Reg(pair.0 + 1);
                self.emit_jump_to(resume, |offset| Instruction::JumpIfFalse {
                    condition: returning,
                    offset,
                });
                self.emit_abrupt(JumpAction::Return, Some(pair))?;
                self.bind_label(resume);
                self.emit(Instruction::Move { dst, src: pair });
                Ok(())
            }
            Expression::Await(node) => {
                let value = self.expr_reg(&node.argument)?;
                self.mark_position(node.span);
                self.emit(Instruction::Await { dst, value });
                Ok(())
            }
            Expression::ImportCall(node) => {
                let specifier = self.expr_reg(&node.source)?;
                let options = self.alloc()?;
                match &node.options {
                    Some(options_expression) => self.expr(options_expression, options)?,
                    None => self.emit(Instruction::LoadUndefined { dst: options }),
                }
                self.mark_position(node.span);
                self.emit(Instruction::ImportCall {
                    dst,
                    specifier,
                    options,
                });
                Ok(())
            }
        }
    }

    /// `yield* argument` (the `yield*` evaluation loop of the specification). The inner
    /// iterator's record, the last resumption `(value, kind)` and the step result live in
    /// registers, so a suspension saves them with the frame; the VM does each step's calls
    /// (`DelegateCall`, `DelegateResult`) and the code here does the awaits, the
    /// suspensions and the completions.
    fn yield_delegate(
        &mut self,
        argument: Option<&Expression<'_>>,
        span: Span,
        dst: Reg,
    ) -> Result<()> {
        let is_async = self.is_async_generator();
        let mark = self.mark();
        let record = self.alloc_n(3)?;
        {
            let inner = self.mark();
            let iterable = self.alloc()?;
            match argument {
                Some(argument) => self.expr(argument, iterable)?,
                None => self.emit(Instruction::LoadUndefined { dst: iterable }),
            }
            self.mark_position(span);
            self.emit(if is_async {
                Instruction::GetAsyncIterator {
                    dst: record,
                    iterable,
                }
            } else {
                Instruction::GetProtocolIterator {
                    dst: record,
                    iterable,
                }
            });
            self.release(inner);
        }
        let received = self.alloc_n(2)?;
        let step = self.alloc_n(2)?;
        let status = Reg(step.0 + 1);
        self.emit(Instruction::LoadUndefined { dst: received });
        self.emit(Instruction::LoadInt {
            dst: Reg(received.0 + 1),
            value: 0,
        });
        let loop_label = self.new_label();
        let finished = self.new_label();
        let returning = self.new_label();
        let missing_throw = self.new_label();
        self.bind_label(loop_label);
        self.emit(Instruction::DelegateCall {
            dst: step,
            iterator: record,
            received,
        });
        self.emit_short_jump_to(returning, |offset| Instruction::JumpIfStrictEqualInt {
            lhs: status,
            value: 2,
            offset,
        });
        self.emit_short_jump_to(missing_throw, |offset| Instruction::JumpIfStrictEqualInt {
            lhs: status,
            value: 3,
            offset,
        });
        if is_async {
            self.emit(Instruction::Await {
                dst: step,
                value: step,
            });
        }
        self.emit(Instruction::DelegateResult {
            dst: step,
            received,
            unwrap: u16::from(is_async),
        });
        self.emit_short_jump_to(finished, |offset| Instruction::JumpIfStrictEqualInt {
            lhs: status,
            value: 1,
            offset,
        });
        self.emit_short_jump_to(returning, |offset| Instruction::JumpIfStrictEqualInt {
            lhs: status,
            value: 2,
            offset,
        });
        self.mark_position(span);
        self.emit(Instruction::YieldDelegate {
            dst: received,
            value: step,
        });
        self.jump(loop_label);
        // The inner iterator has no `throw` method: close it (normal completion), then report
        // the protocol violation.
        self.bind_label(missing_throw);
        if is_async {
            self.emit_async_iterator_close(record)?;
        } else {
            self.emit(Instruction::IteratorClose { iterator: record });
        }
        let message = self.string_constant("The iterator does not provide a 'throw' method")?;
        self.emit(Instruction::ThrowTypeError { message });
        // A return completion leaves the generator (through enclosing finally blocks); an
        // async generator awaits the value first.
        self.bind_label(returning);
        if is_async {
            self.emit(Instruction::Await {
                dst: step,
                value: step,
            });
        }
        self.emit_abrupt(JumpAction::Return, Some(step))?;
        self.bind_label(finished);
        self.emit(Instruction::Move { dst, src: step });
        self.release(mark);
        Ok(())
    }

    // ----- Identifiers ---------------------------------------------------------------------------

    pub(crate) fn read_identifier(&mut self, identifier: Identifier, dst: Reg) -> Result<()> {
        let places = self.with_objects_for(identifier.name)?;
        if places.is_empty() {
            return self.read_identifier_static(identifier, dst);
        }
        let end = self.new_label();
        let mark = self.mark();
        let object = self.alloc()?;
        let name = identifier.name;
        self.emit_with_lookups(&places, name, object, end, &mut |this, object| {
            let ic = this.ic_site(IcKind::GetNamed, name)?;
            this.emit(Instruction::GetNamed { dst, object, ic });
            Ok(())
        })?;
        self.release(mark);
        self.read_identifier_static(identifier, dst)?;
        self.bind_label(end);
        Ok(())
    }

    /// Reads an identifier from its statically resolved binding (ignoring `with` objects).
    pub(crate) fn read_identifier_static(
        &mut self,
        identifier: Identifier,
        dst: Reg,
    ) -> Result<()> {
        let resolved = self.resolve(identifier.name)?;
        if resolved.binding.is_none() && identifier.name == tseval_lexer::well_known::UNDEFINED {
            self.emit(Instruction::LoadUndefined { dst });
            return Ok(());
        }
        let checked = self
            .tree
            .tdz_checked_references
            .contains(&identifier.span.start);
        if let Place::Global(_) = resolved.place {
            self.mark_position(identifier.span);
        }
        match resolved.place {
            Place::Register(register) if checked => {
                let name = self.name_constant(identifier.name)?;
                self.emit(Instruction::ThrowIfHole {
                    value: register,
                    name,
                });
                if register != dst {
                    self.emit(Instruction::Move { dst, src: register });
                }
            }
            place => {
                self.load_place(place, dst)?;
                if checked {
                    let name = self.name_constant(identifier.name)?;
                    self.emit(Instruction::ThrowIfHole { value: dst, name });
                }
            }
        }
        Ok(())
    }

    /// Assigns `value` to an identifier reference (assignment semantics: TDZ and const checks).
    pub(crate) fn write_identifier(&mut self, identifier: Identifier, value: Reg) -> Result<()> {
        let places = self.with_objects_for(identifier.name)?;
        if places.is_empty() {
            return self.write_identifier_static(identifier, value);
        }
        let end = self.new_label();
        let mark = self.mark();
        let object = self.alloc()?;
        let name = identifier.name;
        self.emit_with_lookups(&places, name, object, end, &mut |this, object| {
            let ic = this.ic_site(IcKind::SetNamed, name)?;
            this.emit(Instruction::SetNamed { object, value, ic });
            Ok(())
        })?;
        self.release(mark);
        self.write_identifier_static(identifier, value)?;
        self.bind_label(end);
        Ok(())
    }

    /// Assigns to an identifier's statically resolved binding (ignoring `with` objects).
    fn write_identifier_static(&mut self, identifier: Identifier, value: Reg) -> Result<()> {
        let resolved = self.resolve(identifier.name)?;
        let kind = resolved
            .binding
            .map(|binding| self.tree.bindings[binding as usize].kind);
        if self
            .tree
            .tdz_checked_references
            .contains(&identifier.span.start)
        {
            let mark = self.mark();
            let name = self.name_constant(identifier.name)?;
            let current = match resolved.place {
                Place::Register(register) => register,
                place => {
                    let register = self.alloc()?;
                    self.load_place(place, register)?;
                    register
                }
            };
            self.emit(Instruction::ThrowIfHole {
                value: current,
                name,
            });
            self.release(mark);
        }
        match kind {
            Some(kind) if kind.is_immutable() => {
                let name = self.name_constant(identifier.name)?;
                self.emit(Instruction::ThrowConstAssign { name });
                return Ok(());
            }
            Some(BindingKind::FunctionSelf) => {
                if self.is_strict() {
                    let name = self.name_constant(identifier.name)?;
                    self.emit(Instruction::ThrowConstAssign { name });
                }
                return Ok(());
            }
            _ => {}
        }
        if let Place::Global(_) = resolved.place {
            self.mark_position(identifier.span);
        }
        self.store_place(resolved.place, value)
    }

    // ----- Members -------------------------------------------------------------------------------

    /// Evaluates the object and key of a member expression (checking optional links).
    pub(crate) fn member_reference(
        &mut self,
        member: &MemberExpression<'_>,
    ) -> Result<(Reg, MemberKey)> {
        self.member_reference_into(member, None)
    }

    /// Like [`Self::member_reference`], evaluating the object into `object_dst` when given
    /// (method calls put it straight into the `this` slot of the call window).
    pub(crate) fn member_reference_into(
        &mut self,
        member: &MemberExpression<'_>,
        object_dst: Option<Reg>,
    ) -> Result<(Reg, MemberKey)> {
        if let Expression::Super(_) = member.object {
            let pair = self.alloc_n(2)?;
            let this_register = self.load_this(pair)?;
            if this_register != pair {
                self.emit(Instruction::Move {
                    dst: pair,
                    src: this_register,
                });
            }
            let home = Reg(pair.0 + 1);
            match self.resolve_pseudo(HOME_OBJECT_NAME)? {
                Some(resolved) => self.load_place(resolved.place, home)?,
                None => self.emit(Instruction::LoadHomeObject { dst: home }),
            }
            let key = self.alloc()?;
            match &member.property {
                MemberProperty::Static(identifier) => {
                    let text = self.text_of(identifier.name);
                    self.load_string(key, &text)?;
                }
                MemberProperty::Computed(expression) => {
                    self.expr(expression, key)?;
                    self.emit(Instruction::ToPropertyKey { dst: key, src: key });
                }
                MemberProperty::Private(private) => {
                    return Err(CompileError::new(
                        "unexpected private name after super",
                        private.span,
                    ));
                }
            }
            return Ok((pair, MemberKey::Super(pair, key)));
        }
        let object = match (&member.property, object_dst) {
            (_, Some(object_dst)) => {
                self.expr(&member.object, object_dst)?;
                object_dst
            }
            (MemberProperty::Computed(key), None) => {
                self.expr_reg_before(&member.object, &[key])?
            }
            (_, None) => self.expr_reg(&member.object)?,
        };
        if member.optional
            && let Some(&exit) = self.function.optional_chain_exits.last()
        {
            self.emit_jump_to(exit, |offset| Instruction::JumpIfNullish {
                value: object,
                offset,
            });
        }
        let key = match &member.property {
            MemberProperty::Static(identifier) => MemberKey::Named(identifier.name),
            MemberProperty::Computed(expression) => MemberKey::Keyed(self.expr_reg(expression)?),
            MemberProperty::Private(private) => {
                let register = self.alloc()?;
                let place = self.resolve_private(private.name, private.span)?;
                self.load_place(place, register)?;
                MemberKey::Private(register)
            }
        };
        Ok((object, key))
    }

    pub(crate) fn emit_member_get(&mut self, object: Reg, key: MemberKey, dst: Reg) -> Result<()> {
        match key {
            MemberKey::Named(name) => {
                let ic = self.ic_site(IcKind::GetNamed, name)?;
                self.emit(Instruction::GetNamed { dst, object, ic });
            }
            MemberKey::Keyed(key) => self.emit(Instruction::GetKeyed { dst, object, key }),
            MemberKey::Private(key) => self.emit(Instruction::GetPrivate { dst, object, key }),
            MemberKey::Super(receiver, key) => {
                self.emit(Instruction::GetSuper { dst, receiver, key })
            }
        }
        Ok(())
    }

    pub(crate) fn emit_member_set(
        &mut self,
        object: Reg,
        key: MemberKey,
        value: Reg,
    ) -> Result<()> {
        match key {
            MemberKey::Named(name) => {
                let ic = self.ic_site(IcKind::SetNamed, name)?;
                self.emit(Instruction::SetNamed { object, value, ic });
            }
            MemberKey::Keyed(key) => self.emit(Instruction::SetKeyed { object, key, value }),
            MemberKey::Private(key) => self.emit(Instruction::SetPrivate { object, key, value }),
            MemberKey::Super(receiver, key) => self.emit(Instruction::SetSuper {
                receiver,
                key,
                value,
            }),
        }
        Ok(())
    }

    fn member_get(&mut self, member: &MemberExpression<'_>, dst: Reg) -> Result<()> {
        let (object, key) = self.member_reference(member)?;
        self.mark_position(member.span);
        self.emit_member_get(object, key, dst)
    }

    // ----- Assignment ----------------------------------------------------------------------------

    fn assignment(
        &mut self,
        assignment: &AssignmentExpression<'_>,
        dst: Option<Reg>,
    ) -> Result<()> {
        match assignment.operator {
            AssignmentOperator::Assign => match &assignment.target {
                AssignmentTarget::Simple(SimpleAssignmentTarget::Identifier(identifier)) => {
                    let name = self.text_of(identifier.name);
                    let resolved = self.resolve(identifier.name)?;
                    let immutable = resolved.binding.is_some_and(|binding| {
                        !matches!(
                            self.tree.bindings[binding as usize].kind,
                            BindingKind::Var
                                | BindingKind::Let
                                | BindingKind::Parameter
                                | BindingKind::Function
                                | BindingKind::CatchParameter
                                | BindingKind::Class
                                | BindingKind::Arguments
                        )
                    });
                    let checked = self
                        .tree
                        .tdz_checked_references
                        .contains(&identifier.span.start);
                    match resolved.place {
                        Place::Register(register)
                            if !immutable
                                && !checked
                                && writes_destination_last(&assignment.value) =>
                        {
                            self.expr_named(&assignment.value, register, Some(&name))?;
                            if let Some(dst) = dst
                                && dst != register
                            {
                                self.emit(Instruction::Move { dst, src: register });
                            }
                        }
                        _ => {
                            let value = match dst {
                                Some(dst) => dst,
                                None => self.alloc()?,
                            };
                            self.expr_named(&assignment.value, value, Some(&name))?;
                            self.write_identifier(*identifier, value)?;
                        }
                    }
                    Ok(())
                }
                AssignmentTarget::Simple(SimpleAssignmentTarget::Call(call)) => {
                    // The right side is never evaluated: the call throws or the assignment does.
                    self.call_then_reference_error(call)
                }
                AssignmentTarget::Simple(SimpleAssignmentTarget::Member(member)) => {
                    let (object, key) = self.member_reference(member)?;
                    let value = match dst {
                        Some(dst) => dst,
                        None => self.alloc()?,
                    };
                    self.expr(&assignment.value, value)?;
                    self.mark_position(member.span);
                    self.emit_member_set(object, key, value)
                }
                target => {
                    let value = match dst {
                        Some(dst) => dst,
                        None => self.alloc()?,
                    };
                    self.expr(&assignment.value, value)?;
                    self.assign_target(target, value)
                }
            },
            operator => {
                let AssignmentTarget::Simple(target) = &assignment.target else {
                    return Err(CompileError::new(
                        "invalid compound assignment target",
                        assignment.span,
                    ));
                };
                if let (Some(binary), SimpleAssignmentTarget::Identifier(identifier)) =
                    (compound_operator(operator), target)
                    && let Some(register) = self.mutable_local_register(*identifier)?
                {
                    match super::statements::small_integer_literal(&assignment.value).and_then(
                        |value| immediate_binary_instruction(binary, register, register, value),
                    ) {
                        Some(instruction) => self.emit(instruction),
                        None => {
                            let rhs = self.expr_reg_before(&assignment.value, &[])?;
                            self.emit(binary_instruction(binary, register, register, rhs));
                        }
                    }
                    if let Some(dst) = dst {
                        self.emit(Instruction::Move { dst, src: register });
                    }
                    return Ok(());
                }
                let result = match dst {
                    Some(dst) => dst,
                    None => self.alloc()?,
                };
                let reference = self.simple_target_reference(target)?;
                self.read_simple_target(target, reference, result)?;
                if let Some(binary) = compound_operator(operator) {
                    match super::statements::small_integer_literal(&assignment.value).and_then(
                        |value| immediate_binary_instruction(binary, result, result, value),
                    ) {
                        Some(instruction) => self.emit(instruction),
                        None => {
                            let rhs = self.expr_reg(&assignment.value)?;
                            self.emit(binary_instruction(binary, result, result, rhs));
                        }
                    }
                    self.write_simple_target(target, reference, result)?;
                } else {
                    let end = self.new_label();
                    match operator {
                        AssignmentOperator::LogicalAnd => {
                            self.emit_jump_to(end, |offset| Instruction::JumpIfFalse {
                                condition: result,
                                offset,
                            })
                        }
                        AssignmentOperator::LogicalOr => {
                            self.emit_jump_to(end, |offset| Instruction::JumpIfTrue {
                                condition: result,
                                offset,
                            })
                        }
                        _ => self.emit_jump_to(end, |offset| Instruction::JumpIfNotNullish {
                            value: result,
                            offset,
                        }),
                    }
                    let name = match target {
                        SimpleAssignmentTarget::Identifier(identifier) => {
                            Some(self.text_of(identifier.name))
                        }
                        _ => None,
                    };
                    self.expr_named(&assignment.value, result, name.as_ref())?;
                    self.write_simple_target(target, reference, result)?;
                    self.bind_label(end);
                }
                Ok(())
            }
        }
    }

    /// Evaluates the object/key of a simple target once (for read-modify-write).
    pub(crate) fn simple_target_reference(
        &mut self,
        target: &SimpleAssignmentTarget<'_>,
    ) -> Result<Option<(Reg, MemberKey)>> {
        match target {
            SimpleAssignmentTarget::Identifier(_) => Ok(None),
            SimpleAssignmentTarget::Call(call) => {
                // Everything after this is unreachable: reading and writing the target emit
                // nothing.
                self.call_then_reference_error(call)?;
                Ok(None)
            }
            SimpleAssignmentTarget::Member(member) => {
                let (object, key) = self.member_reference(member)?;
                // The key is converted once, as the spec's reference evaluation does.
                let key = match key {
                    MemberKey::Keyed(key) => {
                        let pinned = self.alloc()?;
                        self.emit(Instruction::ToPropertyKey {
                            dst: pinned,
                            src: key,
                        });
                        MemberKey::Keyed(pinned)
                    }
                    other => other,
                };
                Ok(Some((object, key)))
            }
        }
    }

    fn read_simple_target(
        &mut self,
        target: &SimpleAssignmentTarget<'_>,
        reference: Option<(Reg, MemberKey)>,
        dst: Reg,
    ) -> Result<()> {
        match (target, reference) {
            (SimpleAssignmentTarget::Identifier(identifier), _) => {
                self.read_identifier(*identifier, dst)
            }
            (SimpleAssignmentTarget::Member(member), Some((object, key))) => {
                self.mark_position(member.span);
                self.emit_member_get(object, key, dst)
            }
            (SimpleAssignmentTarget::Call(_), _) => Ok(()),
            (_, None) => Err(CompileError::new(
                "internal error: missing member reference",
                target.span(),
            )),
        }
    }

    fn write_simple_target(
        &mut self,
        target: &SimpleAssignmentTarget<'_>,
        reference: Option<(Reg, MemberKey)>,
        value: Reg,
    ) -> Result<()> {
        match (target, reference) {
            (SimpleAssignmentTarget::Identifier(identifier), _) => {
                self.write_identifier(*identifier, value)
            }
            (SimpleAssignmentTarget::Member(_), Some((object, key))) => {
                self.emit_member_set(object, key, value)
            }
            (SimpleAssignmentTarget::Call(_), _) => Ok(()),
            (_, None) => Err(CompileError::new(
                "internal error: missing member reference",
                target.span(),
            )),
        }
    }

    /// A call used as an assignment target in sloppy code (`f() = 1`, `f()++`,
    /// `for (f() of xs)`): the call is evaluated, then a ReferenceError is thrown, before the
    /// right side or any conversion of the old value is evaluated.
    pub(crate) fn call_then_reference_error(&mut self, call: &CallExpression<'_>) -> Result<()> {
        self.expr_discard(&Expression::Call(call))?;
        self.mark_position(call.span);
        let message = self.string_constant("Invalid left-hand side in assignment")?;
        self.emit(Instruction::ThrowReferenceError { message });
        Ok(())
    }

    /// The register of a mutable, uncaptured local without TDZ check (fast read-modify-write).
    fn mutable_local_register(&mut self, identifier: Identifier) -> Result<Option<Reg>> {
        if self
            .tree
            .tdz_checked_references
            .contains(&identifier.span.start)
        {
            return Ok(None);
        }
        let resolved = self.resolve(identifier.name)?;
        let mutable = resolved.binding.is_some_and(|binding| {
            matches!(
                self.tree.bindings[binding as usize].kind,
                BindingKind::Var
                    | BindingKind::Let
                    | BindingKind::Parameter
                    | BindingKind::CatchParameter
                    | BindingKind::Function
                    | BindingKind::Arguments
            )
        });
        Ok(match (resolved.place, mutable) {
            (Place::Register(register), true) => Some(register),
            _ => None,
        })
    }

    fn update(&mut self, update: &UpdateExpression<'_>, dst: Option<Reg>) -> Result<()> {
        let increment = update.operator == UpdateOperator::Increment;
        let step = |dst: Reg, src: Reg| {
            if increment {
                Instruction::Inc { dst, src }
            } else {
                Instruction::Dec { dst, src }
            }
        };
        // Fast path: an uncaptured mutable local.
        if let SimpleAssignmentTarget::Identifier(identifier) = update.target
            && !self
                .tree
                .tdz_checked_references
                .contains(&identifier.span.start)
        {
            let resolved = self.resolve(identifier.name)?;
            let mutable = resolved.binding.is_some_and(|binding| {
                matches!(
                    self.tree.bindings[binding as usize].kind,
                    BindingKind::Var
                        | BindingKind::Let
                        | BindingKind::Parameter
                        | BindingKind::CatchParameter
                        | BindingKind::Function
                        | BindingKind::Arguments
                )
            });
            if let (Place::Register(register), true) = (resolved.place, mutable) {
                match (dst, update.prefix) {
                    (None, _) => self.emit(step(register, register)),
                    (Some(dst), true) => {
                        self.emit(step(register, register));
                        self.emit(Instruction::Move { dst, src: register });
                    }
                    (Some(dst), false) => {
                        let old = self.alloc()?;
                        self.emit(Instruction::ToNumeric {
                            dst: old,
                            src: register,
                        });
                        self.emit(step(register, old));
                        self.emit(Instruction::Move { dst, src: old });
                    }
                }
                return Ok(());
            }
        }
        let reference = self.simple_target_reference(&update.target)?;
        let current = self.alloc()?;
        self.read_simple_target(&update.target, reference, current)?;
        if update.prefix {
            self.emit(step(current, current));
            self.write_simple_target(&update.target, reference, current)?;
            if let Some(dst) = dst {
                self.emit(Instruction::Move { dst, src: current });
            }
        } else {
            let new_value = self.alloc()?;
            self.emit(Instruction::ToNumeric {
                dst: current,
                src: current,
            });
            self.emit(step(new_value, current));
            self.write_simple_target(&update.target, reference, new_value)?;
            if let Some(dst) = dst {
                self.emit(Instruction::Move { dst, src: current });
            }
        }
        Ok(())
    }

    // ----- Unary -------------------------------------------------------------------------------

    fn unary(&mut self, unary: &UnaryExpression<'_>, dst: Reg) -> Result<()> {
        match unary.operator {
            UnaryOperator::Minus => {
                if let Expression::Number(number) = unary.argument {
                    return self.load_number(dst, -number.value);
                }
                let src = self.expr_reg(&unary.argument)?;
                self.emit(Instruction::Neg { dst, src });
            }
            UnaryOperator::Plus => {
                let src = self.expr_reg(&unary.argument)?;
                self.emit(Instruction::ToNumber { dst, src });
            }
            UnaryOperator::LogicalNot => {
                let src = self.expr_reg(&unary.argument)?;
                self.emit(Instruction::Not { dst, src });
            }
            UnaryOperator::BitwiseNot => {
                let src = self.expr_reg(&unary.argument)?;
                self.emit(Instruction::BitNot { dst, src });
            }
            UnaryOperator::Typeof => {
                if let Expression::Identifier(identifier) = unary.argument {
                    let places = self.with_objects_for(identifier.name)?;
                    if !places.is_empty() {
                        let end = self.new_label();
                        let mark = self.mark();
                        let object = self.alloc()?;
                        let name = identifier.name;
                        self.emit_with_lookups(&places, name, object, end, &mut |this, object| {
                            let ic = this.ic_site(IcKind::GetNamed, name)?;
                            this.emit(Instruction::GetNamed { dst, object, ic });
                            this.emit(Instruction::TypeOf { dst, src: dst });
                            Ok(())
                        })?;
                        self.release(mark);
                        let resolved = self.resolve(identifier.name)?;
                        if let Place::Global(name) = resolved.place {
                            let ic = self.ic_site(IcKind::GetGlobal, name)?;
                            self.emit(Instruction::TypeOfGlobal { dst, ic });
                        } else {
                            self.read_identifier_static(identifier, dst)?;
                            self.emit(Instruction::TypeOf { dst, src: dst });
                        }
                        self.bind_label(end);
                        return Ok(());
                    }
                    let resolved = self.resolve(identifier.name)?;
                    if let Place::Global(name) = resolved.place {
                        let ic = self.ic_site(IcKind::GetGlobal, name)?;
                        self.emit(Instruction::TypeOfGlobal { dst, ic });
                        return Ok(());
                    }
                }
                let src = self.expr_reg(&unary.argument)?;
                self.emit(Instruction::TypeOf { dst, src });
            }
            UnaryOperator::Void => {
                self.expr_discard(&unary.argument)?;
                self.emit(Instruction::LoadUndefined { dst });
            }
            UnaryOperator::Delete => match unary.argument {
                Expression::Member(member) => {
                    if let Expression::Super(_) = member.object {
                        let message = self.string_constant("Unsupported reference to 'super'")?;
                        self.emit(Instruction::ThrowReferenceError { message });
                        self.emit(Instruction::LoadTrue { dst });
                        return Ok(());
                    }
                    let (object, key) = self.member_reference(member)?;
                    let key = match key {
                        MemberKey::Named(name) => {
                            let register = self.alloc()?;
                            let text = self.text_of(name);
                            self.load_string(register, &text)?;
                            register
                        }
                        MemberKey::Keyed(register) => register,
                        _ => {
                            return Err(CompileError::new(
                                "private fields cannot be deleted",
                                member.span,
                            ));
                        }
                    };
                    self.emit(Instruction::DeleteKeyed { dst, object, key });
                }
                Expression::Identifier(identifier) => {
                    let places = self.with_objects_for(identifier.name)?;
                    let end = self.new_label();
                    if !places.is_empty() {
                        let mark = self.mark();
                        let object = self.alloc()?;
                        let key = self.alloc()?;
                        let name = identifier.name;
                        self.emit_with_lookups(&places, name, object, end, &mut |this, object| {
                            let text = this.text_of(name);
                            this.load_string(key, &text)?;
                            this.emit(Instruction::DeleteKeyed { dst, object, key });
                            Ok(())
                        })?;
                        self.release(mark);
                    }
                    let resolved = self.resolve(identifier.name)?;
                    if let Place::Global(name) = resolved.place {
                        let name = self.name_constant(name)?;
                        self.emit(Instruction::DeleteGlobal { dst, name });
                    } else {
                        self.emit(Instruction::LoadFalse { dst });
                    }
                    self.bind_label(end);
                }
                Expression::OptionalChain(chain) => {
                    // `delete a?.b`: evaluate the chain's object part, then delete.
                    let exit = self.new_label();
                    self.function.optional_chain_exits.push(exit);
                    let result = match chain.expression {
                        Expression::Member(member) => self.member_reference(member).map(Some),
                        _ => Ok(None),
                    };
                    self.function.optional_chain_exits.pop();
                    let end = self.new_label();
                    match result? {
                        Some((object, MemberKey::Named(name))) => {
                            let register = self.alloc()?;
                            let text = self.text_of(name);
                            self.load_string(register, &text)?;
                            self.emit(Instruction::DeleteKeyed {
                                dst,
                                object,
                                key: register,
                            });
                        }
                        Some((object, MemberKey::Keyed(key))) => {
                            self.emit(Instruction::DeleteKeyed { dst, object, key })
                        }
                        _ => {
                            self.expr_discard(&chain.expression)?;
                            self.emit(Instruction::LoadTrue { dst });
                        }
                    }
                    self.jump(end);
                    self.bind_label(exit);
                    self.emit(Instruction::LoadTrue { dst });
                    self.bind_label(end);
                }
                argument => {
                    self.expr_discard(&argument)?;
                    self.emit(Instruction::LoadTrue { dst });
                }
            },
        }
        Ok(())
    }

    // ----- Calls -----------------------------------------------------------------------------------

    /// Fills `R[window+2..]` with arguments (see [`ArgumentLayout`] for where a spread goes).
    fn arguments_into(
        &mut self,
        arguments: &[Argument<'_>],
        window: Reg,
    ) -> Result<ArgumentLayout> {
        let kind = argument_spread_kind(arguments);
        match kind {
            SpreadKind::None | SpreadKind::TrailingOnly => {
                for (index, argument) in arguments.iter().enumerate() {
                    let target = Reg(window.0 + 2 + index as u16);
                    match argument {
                        Argument::Expression(expression) => self.expr(expression, target)?,
                        Argument::Spread(spread) => self.expr(&spread.argument, target)?,
                    }
                }
                Ok(if kind == SpreadKind::None {
                    ArgumentLayout::Registers
                } else {
                    ArgumentLayout::TrailingSpread
                })
            }
            SpreadKind::General => {
                let array = self.alloc()?;
                self.emit(Instruction::NewArray {
                    dst: array,
                    capacity: arguments.len().min(u16::MAX as usize) as u16,
                });
                for argument in arguments {
                    let mark = self.mark();
                    match argument {
                        Argument::Expression(expression) => {
                            let value = self.expr_reg(expression)?;
                            self.emit(Instruction::ArrayPush { array, value });
                        }
                        Argument::Spread(spread) => {
                            let iterable = self.expr_reg(&spread.argument)?;
                            self.emit(Instruction::SpreadIntoArray { array, iterable });
                        }
                    }
                    self.release(mark);
                }
                Ok(ArgumentLayout::Array(array))
            }
        }
    }

    /// Allocates the call window `callee, this, arguments...`: one register per argument (a
    /// trailing spread's iterable included), or just the first two when the arguments go
    /// through an array.
    fn argument_window(&mut self, arguments: &[Argument<'_>]) -> Result<Reg> {
        let count = match argument_spread_kind(arguments) {
            SpreadKind::General => 0,
            SpreadKind::None | SpreadKind::TrailingOnly => arguments.len(),
        };
        if count > u16::MAX as usize - 4 {
            return Err(CompileError::new("too many arguments", Span::new(0, 0)));
        }
        self.alloc_n(2 + count as u32)
    }

    fn call(&mut self, call: &CallExpression<'_>, dst: Reg) -> Result<()> {
        if let Expression::Super(_) = call.callee {
            return self.super_call(call, dst);
        }
        let window = self.argument_window(call.arguments)?;
        let this_register = Reg(window.0 + 1);
        // A plain call `f(...)` leaves `this` to `CallUndefinedThis`, which stores undefined
        // itself (one dispatch less per call). Spread calls still load it explicitly.
        let mut undefined_this = false;
        match call.callee {
            Expression::Member(member) => {
                let (object, key) = self.member_reference_into(member, Some(this_register))?;
                if let MemberKey::Super(receiver, _) = key {
                    self.emit(Instruction::Move {
                        dst: this_register,
                        src: receiver,
                    });
                } else if object != this_register {
                    self.emit(Instruction::Move {
                        dst: this_register,
                        src: object,
                    });
                }
                self.mark_position(member.span);
                self.emit_member_get(this_register, key, window)?;
            }
            Expression::Identifier(identifier)
                if !self.with_objects_for(identifier.name)?.is_empty() =>
            {
                // A call through an object environment: `this` is the `with` object that
                // has the binding, undefined otherwise.
                let places = self.with_objects_for(identifier.name)?;
                let end = self.new_label();
                let name = identifier.name;
                self.emit_with_lookups(&places, name, this_register, end, &mut |this, object| {
                    let ic = this.ic_site(IcKind::GetNamed, name)?;
                    this.emit(Instruction::GetNamed {
                        dst: window,
                        object,
                        ic,
                    });
                    Ok(())
                })?;
                self.read_identifier_static(identifier, window)?;
                self.emit(Instruction::LoadUndefined { dst: this_register });
                self.bind_label(end);
            }
            callee => {
                self.expr(&callee, window)?;
                undefined_this = true;
            }
        }
        if call.optional
            && let Some(&exit) = self.function.optional_chain_exits.last()
        {
            self.emit_jump_to(exit, |offset| Instruction::JumpIfNullish {
                value: window,
                offset,
            });
        }
        let layout = self.arguments_into(call.arguments, window)?;
        if undefined_this && layout != ArgumentLayout::Registers {
            self.emit(Instruction::LoadUndefined { dst: this_register });
        }
        self.mark_position(call.span);
        match layout {
            ArgumentLayout::Array(arguments) => self.emit(Instruction::CallSpread {
                dst,
                callee: window,
                arguments,
            }),
            ArgumentLayout::TrailingSpread => self.emit(Instruction::CallSpreadTail {
                dst,
                callee: window,
                argc: (call.arguments.len() - 1) as u16,
            }),
            ArgumentLayout::Registers
                if !call.optional
                    && matches!(call.callee, Expression::Identifier(identifier)
                    if identifier.name == tseval_lexer::well_known::EVAL) =>
            {
                let site = self.eval_site(call.arguments.len() as u16)?;
                let site = self.raw_constant(crate::bytecode::Constant::EvalSite(Rc::new(site)))?;
                self.emit(Instruction::CallEval {
                    dst,
                    callee: window,
                    site: crate::opcodes::EvalSiteIdx(site),
                })
            }
            ArgumentLayout::Registers if undefined_this => {
                self.emit(Instruction::CallUndefinedThis {
                    dst,
                    callee: window,
                    argc: call.arguments.len() as u16,
                })
            }
            ArgumentLayout::Registers => self.emit(Instruction::Call {
                dst,
                callee: window,
                argc: call.arguments.len() as u16,
            }),
        }
        Ok(())
    }

    fn new_expression(&mut self, new: &NewExpression<'_>, dst: Reg) -> Result<()> {
        let window = self.argument_window(new.arguments)?;
        self.expr(&new.callee, window)?;
        self.emit(Instruction::Move {
            dst: Reg(window.0 + 1),
            src: window,
        });
        let layout = self.arguments_into(new.arguments, window)?;
        self.mark_position(new.span);
        match layout {
            ArgumentLayout::Array(arguments) => self.emit(Instruction::ConstructSpread {
                dst,
                callee: window,
                arguments,
            }),
            ArgumentLayout::TrailingSpread => self.emit(Instruction::ConstructSpreadTail {
                dst,
                callee: window,
                argc: (new.arguments.len() - 1) as u16,
            }),
            ArgumentLayout::Registers => self.emit(Instruction::Construct {
                dst,
                callee: window,
                argc: new.arguments.len() as u16,
            }),
        }
        Ok(())
    }

    fn super_call(&mut self, call: &CallExpression<'_>, dst: Reg) -> Result<()> {
        let window = self.argument_window(call.arguments)?;
        match self.resolve_pseudo(ACTIVE_FUNCTION_NAME)? {
            Some(resolved) => self.load_place(resolved.place, window)?,
            None => self.emit(Instruction::LoadCallee { dst: window }),
        }
        self.emit(Instruction::GetPrototypeOf {
            dst: window,
            object: window,
        });
        let new_target = Reg(window.0 + 1);
        match self.resolve_pseudo(NEW_TARGET_NAME)? {
            Some(resolved) => self.load_place(resolved.place, new_target)?,
            None => self.emit(Instruction::LoadNewTarget { dst: new_target }),
        }
        let layout = self.arguments_into(call.arguments, window)?;
        let result = self.alloc()?;
        self.mark_position(call.span);
        match layout {
            ArgumentLayout::Array(arguments) => self.emit(Instruction::ConstructSpread {
                dst: result,
                callee: window,
                arguments,
            }),
            ArgumentLayout::TrailingSpread => self.emit(Instruction::ConstructSpreadTail {
                dst: result,
                callee: window,
                argc: (call.arguments.len() - 1) as u16,
            }),
            ArgumentLayout::Registers => self.emit(Instruction::Construct {
                dst: result,
                callee: window,
                argc: call.arguments.len() as u16,
            }),
        }
        // Bind `this` (throwing if super() was already called).
        match self.resolve_pseudo(THIS_NAME)? {
            Some(resolved) => {
                let current = self.alloc()?;
                self.load_place(resolved.place, current)?;
                self.emit(Instruction::CheckThisUninitialized { value: current });
                self.store_place(resolved.place, result)?;
            }
            None => {
                self.emit(Instruction::CheckThisUninitialized { value: Reg(0) });
                self.emit(Instruction::Move {
                    dst: Reg(0),
                    src: result,
                });
            }
        }
        self.emit_instance_initialization(result)?;
        if self.function.is_derived_constructor {
            let names = self.function.parameter_properties.clone();
            self.emit_parameter_properties(&names, result)?;
        }
        self.emit(Instruction::Move { dst, src: result });
        Ok(())
    }

    // ----- Literals ----------------------------------------------------------------------------

    fn template_literal(&mut self, template: &TemplateLiteral<'_>, dst: Reg) -> Result<()> {
        if template.expressions.is_empty() {
            let cooked = template
                .quasis
                .first()
                .and_then(|quasi| quasi.cooked)
                .unwrap_or(&[]);
            let constant = self.utf16_constant(cooked)?;
            self.emit(Instruction::LoadConst { dst, constant });
            return Ok(());
        }
        // Count the parts first so they can live in consecutive registers.
        let mut part_count = 0usize;
        for (index, quasi) in template.quasis.iter().enumerate() {
            if quasi.cooked.is_some_and(|cooked| !cooked.is_empty()) {
                part_count += 1;
            }
            if index < template.expressions.len() {
                part_count += 1;
            }
        }
        let first = self.alloc_n(part_count as u32)?;
        let mut next = first.0;
        for (index, quasi) in template.quasis.iter().enumerate() {
            if let Some(cooked) = quasi.cooked
                && !cooked.is_empty()
            {
                let constant = self.utf16_constant(cooked)?;
                self.emit(Instruction::LoadConst {
                    dst: Reg(next),
                    constant,
                });
                next += 1;
            }
            if let Some(expression) = template.expressions.get(index) {
                let register = Reg(next);
                self.expr(expression, register)?;
                self.emit(Instruction::ToString {
                    dst: register,
                    src: register,
                });
                next += 1;
            }
        }
        if part_count == 1 {
            self.emit(Instruction::Move { dst, src: first });
        } else {
            self.emit(Instruction::StringConcat {
                dst,
                first,
                count: part_count as u16,
            });
        }
        Ok(())
    }

    fn tagged_template(&mut self, tagged: &TaggedTemplateExpression<'_>, dst: Reg) -> Result<()> {
        let argument_count = tagged.quasi.expressions.len() + 1;
        let window = self.alloc_n(2 + argument_count as u32)?;
        let this_register = Reg(window.0 + 1);
        match tagged.tag {
            Expression::Member(member) => {
                let (object, key) = self.member_reference(member)?;
                if let MemberKey::Super(receiver, _) = key {
                    self.emit(Instruction::Move {
                        dst: this_register,
                        src: receiver,
                    });
                } else {
                    self.emit(Instruction::Move {
                        dst: this_register,
                        src: object,
                    });
                }
                self.emit_member_get(object, key, window)?;
            }
            tag => {
                self.expr(&tag, window)?;
                self.emit(Instruction::LoadUndefined { dst: this_register });
            }
        }
        let descriptor = TemplateObjectDescriptor {
            cooked: tagged
                .quasi
                .quasis
                .iter()
                .map(|quasi| quasi.cooked.map(Rc::from))
                .collect(),
            raw: tagged
                .quasi
                .quasis
                .iter()
                .map(|quasi| Rc::from(quasi.raw))
                .collect(),
        };
        let index = self.raw_constant(Constant::TemplateObject(Rc::new(descriptor)))?;
        self.emit(Instruction::GetTemplateObject {
            dst: Reg(window.0 + 2),
            template: TemplateObjectIdx(index),
        });
        for (index, expression) in tagged.quasi.expressions.iter().enumerate() {
            self.expr(expression, Reg(window.0 + 3 + index as u16))?;
        }
        self.mark_position(tagged.span);
        self.emit(Instruction::Call {
            dst,
            callee: window,
            argc: argument_count as u16,
        });
        Ok(())
    }

    fn array_literal(&mut self, array: &ArrayExpression<'_>, dst: Reg) -> Result<()> {
        let has_spread = array
            .elements
            .iter()
            .any(|element| matches!(element, ArrayElement::Spread(_)));
        let count = array.elements.len();
        if count == 0 {
            self.emit(Instruction::NewArray { dst, capacity: 0 });
            return Ok(());
        }
        if !has_spread && count <= 64 {
            let first = self.alloc_n(count as u32)?;
            for (index, element) in array.elements.iter().enumerate() {
                let register = Reg(first.0 + index as u16);
                match element {
                    ArrayElement::Hole(_) => self.emit(Instruction::LoadHole { dst: register }),
                    ArrayElement::Expression(expression) => self.expr(expression, register)?,
                    ArrayElement::Spread(_) => {}
                }
            }
            self.emit(Instruction::NewArrayFromRegisters {
                dst,
                first,
                count: count as u16,
            });
            return Ok(());
        }
        let result = self.alloc()?;
        self.emit(Instruction::NewArray {
            dst: result,
            capacity: count.min(u16::MAX as usize) as u16,
        });
        for element in array.elements {
            let mark = self.mark();
            match element {
                ArrayElement::Hole(_) => {
                    let value = self.alloc()?;
                    self.emit(Instruction::LoadHole { dst: value });
                    self.emit(Instruction::ArrayPush {
                        array: result,
                        value,
                    });
                }
                ArrayElement::Expression(expression) => {
                    let value = self.expr_reg(expression)?;
                    self.emit(Instruction::ArrayPush {
                        array: result,
                        value,
                    });
                }
                ArrayElement::Spread(spread) => {
                    let iterable = self.expr_reg(&spread.argument)?;
                    self.emit(Instruction::SpreadIntoArray {
                        array: result,
                        iterable,
                    });
                }
            }
            self.release(mark);
        }
        self.emit(Instruction::Move { dst, src: result });
        Ok(())
    }

    /// Loads a non-computed, non-private property key as a value (string or number).
    pub(crate) fn load_static_key(&mut self, key: &PropertyKey<'_>, dst: Reg) -> Result<()> {
        match key {
            PropertyKey::Identifier(identifier) => {
                let text = self.text_of(identifier.name);
                self.load_string(dst, &text)
            }
            PropertyKey::String(string) => {
                let constant = self.utf16_constant(string.value)?;
                self.emit(Instruction::LoadConst { dst, constant });
                Ok(())
            }
            PropertyKey::Number(number) => self.load_number(dst, number.value),
            PropertyKey::BigInt(bigint) => {
                let index = self.raw_constant(Constant::BigInt(Rc::from(bigint.digits)))?;
                self.emit(Instruction::LoadConst {
                    dst,
                    constant: crate::opcodes::ConstIdx(index),
                });
                self.emit(Instruction::ToPropertyKey { dst, src: dst });
                Ok(())
            }
            PropertyKey::Computed(expression) => {
                self.expr(expression, dst)?;
                self.emit(Instruction::ToPropertyKey { dst, src: dst });
                Ok(())
            }
            PropertyKey::Private(private) => {
                Err(CompileError::new("unexpected private name", private.span))
            }
        }
    }

    /// The static text of a key usable as a function name, if known at compile time.
    pub(crate) fn static_key_text(&mut self, key: &PropertyKey<'_>) -> Option<Rc<str>> {
        match key {
            PropertyKey::Identifier(identifier) => Some(self.text_of(identifier.name)),
            PropertyKey::String(string) => string.atom.map(|atom| self.text_of(atom)),
            PropertyKey::Number(number) => Some(Rc::from(
                crate::codegen::classes::number_to_string(number.value),
            )),
            PropertyKey::Private(private) => Some(Rc::from(format!(
                "#{}",
                self.interner.resolve(private.name)
            ))),
            _ => None,
        }
    }

    fn object_literal(&mut self, object: &ObjectExpression<'_>, dst: Reg) -> Result<()> {
        let result = self.alloc()?;
        self.emit(Instruction::NewObject {
            dst: result,
            capacity: object.properties.len().min(u16::MAX as usize) as u16,
        });
        for property in object.properties {
            let mark = self.mark();
            match property {
                ObjectProperty::Spread(spread) => {
                    let source = self.alloc()?;
                    self.expr(&spread.argument, source)?;
                    self.emit(Instruction::CopyDataProperties {
                        target: result,
                        source,
                        excluded: 0,
                    });
                }
                ObjectProperty::Property(property) => self.object_property(property, result)?,
            }
            self.release(mark);
        }
        self.emit(Instruction::Move { dst, src: result });
        Ok(())
    }

    fn object_property(&mut self, property: &Property<'_>, object: Reg) -> Result<()> {
        let is_accessor = property.kind != PropertyKind::Init;
        if property.is_method || is_accessor {
            let Expression::Function(function) = property.value else {
                return Err(CompileError::new("method without function", property.span));
            };
            let key = self.alloc()?;
            self.load_static_key(&property.key, key)?;
            let name = self
                .static_key_text(&property.key)
                .unwrap_or_else(|| Rc::from(""));
            let (role, kind) = match property.kind {
                PropertyKind::Get => (FunctionRole::Getter, OpMethodKind::ObjectGetter),
                PropertyKind::Set => (FunctionRole::Setter, OpMethodKind::ObjectSetter),
                PropertyKind::Init => (FunctionRole::Method, OpMethodKind::ObjectMethod),
            };
            let template = self.compile_function(function, name, role)?;
            let index = self.function_constant(template)?;
            let closure = self.alloc()?;
            self.emit(Instruction::CreateClosure {
                dst: closure,
                function: index,
            });
            self.emit(Instruction::DefineMethod {
                object,
                key,
                function: closure,
                kind,
            });
            return Ok(());
        }
        if property.is_proto_setter {
            let value = self.expr_reg(&property.value)?;
            self.emit(Instruction::SetPrototypeFromLiteral { object, value });
            return Ok(());
        }
        match &property.key {
            PropertyKey::Identifier(_) | PropertyKey::String(_)
                if self.static_key_text(&property.key).is_some() =>
            {
                let name = self
                    .static_key_text(&property.key)
                    .unwrap_or_else(|| Rc::from(""));
                let value = self.alloc()?;
                self.expr_named(&property.value, value, Some(&name))?;
                let ic = self.ic_site_text(IcKind::DefineNamed, &name)?;
                self.emit(Instruction::DefineNamed { object, value, ic });
            }
            PropertyKey::Computed(_) => {
                let key = self.alloc()?;
                self.load_static_key(&property.key, key)?;
                let value = self.alloc()?;
                self.expr(&property.value, value)?;
                if property.value.is_anonymous_function_definition() {
                    self.emit(Instruction::SetFunctionName {
                        function: value,
                        key,
                    });
                }
                self.emit(Instruction::DefineKeyed { object, key, value });
            }
            key => {
                let register = self.alloc()?;
                self.load_static_key(key, register)?;
                let name = self.static_key_text(key);
                let value = self.alloc()?;
                self.expr_named(&property.value, value, name.as_ref())?;
                self.emit(Instruction::DefineKeyed {
                    object,
                    key: register,
                    value,
                });
            }
        }
        Ok(())
    }
}

/// Where the arguments of a call end up (see `arguments_into`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum ArgumentLayout {
    /// No spread: `R[window+2..]` hold the arguments (`Call`/`Construct`).
    Registers,
    /// Only the last argument is a spread: `R[window+2..]` hold the plain arguments and then
    /// the spread's iterable, which `CallSpreadTail`/`ConstructSpreadTail` expand in place.
    TrailingSpread,
    /// Any other spread: the arguments were collected into the array in this register.
    Array(Reg),
}

/// How a call's argument list uses spread.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SpreadKind {
    None,
    TrailingOnly,
    General,
}

/// Performance decision: `f(...args)`, `f(a, ...rest)`, `Math.max(...values)` and `super(...args)`
/// (one spread, in last position) are by far the most common spread calls. Their iterable is
/// evaluated straight into the call window and expanded there by the call instruction, which for
/// an array with the built-in iterator copies the elements onto the register stack without
/// allocating; every other shape of spread collects the arguments into a fresh array first.
fn argument_spread_kind(arguments: &[Argument<'_>]) -> SpreadKind {
    let spread_count = arguments
        .iter()
        .filter(|argument| matches!(argument, Argument::Spread(_)))
        .count();
    match (spread_count, arguments.last()) {
        (0, _) => SpreadKind::None,
        (1, Some(Argument::Spread(_))) => SpreadKind::TrailingOnly,
        _ => SpreadKind::General,
    }
}
