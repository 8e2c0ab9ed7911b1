//! Destructuring: binding patterns (declarations, parameters, catch) and assignment patterns,
//! with defaults, computed keys, object rest (CopyDataProperties) and the iterator protocol for
//! array patterns (closing the iterator on normal and abrupt completion).

use std::rc::Rc;

use tseval_parser::ast::*;

use super::{Compiler, ControlEntry, ControlKind, Result};
use crate::bytecode::{ExceptionHandler, FunctionFlags, IcKind};
use crate::opcodes::{Instruction, Reg};

/// The target of one destructuring step.
#[derive(Clone, Copy)]
enum Target<'p, 'a> {
    Binding(&'p BindingPattern<'a>),
    Assignment(&'p AssignmentTarget<'a>),
    Simple(&'p SimpleAssignmentTarget<'a>),
    BindingIdentifier(Identifier),
}

impl<'p, 'a> Target<'p, 'a> {
    /// A property-reference target (`o.x`, `o[k]`) of an assignment pattern: its reference is
    /// evaluated before the value is fetched (DestructuringAssignmentEvaluation evaluates the
    /// DestructuringAssignmentTarget first).
    fn member(&self) -> Option<&'p MemberExpression<'a>> {
        match *self {
            Target::Assignment(AssignmentTarget::Simple(SimpleAssignmentTarget::Member(
                member,
            )))
            | Target::Simple(SimpleAssignmentTarget::Member(member)) => Some(member),
            _ => None,
        }
    }

    /// The identifier name used for NamedEvaluation of defaults.
    fn identifier(&self) -> Option<Atom> {
        match self {
            Target::Binding(BindingPattern::Identifier(identifier)) => Some(identifier.name),
            Target::Assignment(AssignmentTarget::Simple(SimpleAssignmentTarget::Identifier(
                identifier,
            ))) => Some(identifier.name),
            Target::Simple(SimpleAssignmentTarget::Identifier(identifier)) => Some(identifier.name),
            Target::BindingIdentifier(identifier) => Some(identifier.name),
            _ => None,
        }
    }
}

impl Compiler<'_> {
    /// Binds a declaration pattern to `value` (initialisation: no TDZ/const checks).
    pub(crate) fn bind_pattern(&mut self, pattern: &BindingPattern<'_>, value: Reg) -> Result<()> {
        self.bind_target(Target::Binding(pattern), value)
    }

    /// Assigns `value` to an assignment target (assignment semantics).
    pub(crate) fn assign_target(
        &mut self,
        target: &AssignmentTarget<'_>,
        value: Reg,
    ) -> Result<()> {
        self.bind_target(Target::Assignment(target), value)
    }

    fn bind_target(&mut self, target: Target<'_, '_>, value: Reg) -> Result<()> {
        let mark = self.mark();
        match target {
            Target::Binding(BindingPattern::Identifier(identifier)) => {
                self.initialize_binding(identifier.name, value)?;
            }
            Target::BindingIdentifier(identifier) => {
                self.initialize_binding(identifier.name, value)?;
            }
            Target::Binding(BindingPattern::Object(object)) => {
                let properties: Vec<_> = object
                    .properties
                    .iter()
                    .map(|property| {
                        (
                            &property.key,
                            Target::Binding(&property.value.target),
                            property.value.default.as_ref(),
                        )
                    })
                    .collect();
                let rest = object.rest.map(Target::BindingIdentifier);
                self.object_pattern(&properties, rest, value)?;
            }
            Target::Binding(BindingPattern::Array(array)) => {
                let elements: Vec<_> = array
                    .elements
                    .iter()
                    .map(|element| {
                        element.as_ref().map(|element| {
                            (Target::Binding(&element.target), element.default.as_ref())
                        })
                    })
                    .collect();
                let rest = array.rest.as_ref().map(Target::Binding);
                self.array_pattern(&elements, rest, value)?;
            }
            Target::Assignment(AssignmentTarget::Simple(simple)) | Target::Simple(simple) => {
                match simple {
                    SimpleAssignmentTarget::Identifier(identifier) => {
                        self.write_identifier(*identifier, value)?
                    }
                    SimpleAssignmentTarget::Member(member) => {
                        let (object, key) = self.member_reference(member)?;
                        self.emit_member_set(object, key, value)?;
                    }
                    SimpleAssignmentTarget::Call(call) => self.call_then_reference_error(call)?,
                }
            }
            Target::Assignment(AssignmentTarget::Object(object)) => {
                let properties: Vec<_> = object
                    .properties
                    .iter()
                    .map(|property| {
                        (
                            &property.key,
                            Target::Assignment(&property.value.target),
                            property.value.default.as_ref(),
                        )
                    })
                    .collect();
                let rest = object.rest.as_ref().map(Target::Simple);
                self.object_pattern(&properties, rest, value)?;
            }
            Target::Assignment(AssignmentTarget::Array(array)) => {
                let elements: Vec<_> = array
                    .elements
                    .iter()
                    .map(|element| {
                        element.as_ref().map(|element| {
                            (
                                Target::Assignment(&element.target),
                                element.default.as_ref(),
                            )
                        })
                    })
                    .collect();
                let rest = array.rest.as_ref().map(Target::Assignment);
                self.array_pattern(&elements, rest, value)?;
            }
        }
        self.release(mark);
        Ok(())
    }

    /// Applies a default value: `if (value === undefined) value = default`.
    fn apply_default(
        &mut self,
        register: Reg,
        default: Option<&Expression<'_>>,
        name: Option<Atom>,
    ) -> Result<()> {
        let Some(default) = default else {
            return Ok(());
        };
        let skip = self.new_label();
        self.emit_jump_to(skip, |offset| Instruction::JumpIfNotUndefined {
            value: register,
            offset,
        });
        let name: Option<Rc<str>> = name.map(|name| self.text_of(name));
        self.expr_named(default, register, name.as_ref())?;
        self.bind_label(skip);
        Ok(())
    }

    fn object_pattern(
        &mut self,
        properties: &[(&PropertyKey<'_>, Target<'_, '_>, Option<&Expression<'_>>)],
        rest: Option<Target<'_, '_>>,
        value: Reg,
    ) -> Result<()> {
        self.emit(Instruction::RequireObjectCoercible { value });
        // With a rest element, the source and every used key sit in consecutive registers for
        // CopyDataProperties.
        let keys_base = if rest.is_some() {
            let base = self.alloc_n(1 + properties.len() as u32)?;
            self.emit(Instruction::Move {
                dst: base,
                src: value,
            });
            Some(base)
        } else {
            None
        };
        for (index, (key, target, default)) in properties.iter().enumerate() {
            let mark = self.mark();
            let element = self.alloc()?;
            let static_name = match key {
                PropertyKey::Identifier(identifier) => Some(identifier.name),
                PropertyKey::String(string) => string.atom,
                _ => None,
            };
            let mut member_reference = None;
            match static_name {
                Some(name) => {
                    if let Some(member) = target.member() {
                        member_reference = Some(self.member_reference(member)?);
                    }
                    let ic = self.ic_site(IcKind::GetNamed, name)?;
                    self.emit(Instruction::GetNamed {
                        dst: element,
                        object: value,
                        ic,
                    });
                    if let Some(base) = keys_base {
                        let text = self.text_of(name);
                        self.load_string(Reg(base.0 + 1 + index as u16), &text)?;
                    }
                }
                None => {
                    let key_register = match keys_base {
                        Some(base) => Reg(base.0 + 1 + index as u16),
                        None => self.alloc()?,
                    };
                    self.load_static_key(key, key_register)?;
                    if let Some(member) = target.member() {
                        member_reference = Some(self.member_reference(member)?);
                    }
                    self.emit(Instruction::GetKeyed {
                        dst: element,
                        object: value,
                        key: key_register,
                    });
                }
            }
            self.apply_default(element, *default, target.identifier())?;
            match member_reference {
                Some((object, key)) => self.emit_member_set(object, key, element)?,
                None => self.bind_target(*target, element)?,
            }
            self.release(mark);
        }
        if let (Some(rest), Some(base)) = (rest, keys_base) {
            let object = self.alloc()?;
            self.emit(Instruction::NewObject {
                dst: object,
                capacity: 0,
            });
            self.emit(Instruction::CopyDataProperties {
                target: object,
                source: base,
                excluded: properties.len() as u16,
            });
            self.bind_target(rest, object)?;
        }
        Ok(())
    }

    /// The element steps of an array pattern over the iterator record `iterator`. A property
    /// reference target is evaluated before its IteratorStep (and the rest target before the
    /// remaining values are collected), as DestructuringAssignmentEvaluation orders them.
    fn array_pattern_elements(
        &mut self,
        elements: &[Option<(Target<'_, '_>, Option<&Expression<'_>>)>],
        rest: Option<Target<'_, '_>>,
        iterator: Reg,
    ) -> Result<()> {
        for element in elements {
            let mark = self.mark();
            let member_reference = match element.as_ref().and_then(|(target, _)| target.member()) {
                Some(member) => Some(self.member_reference(member)?),
                None => None,
            };
            let register = self.alloc()?;
            self.emit(Instruction::IteratorNext {
                dst: register,
                iterator,
            });
            if let Some((target, default)) = element {
                self.apply_default(register, *default, target.identifier())?;
                match member_reference {
                    Some((object, key)) => self.emit_member_set(object, key, register)?,
                    None => self.bind_target(*target, register)?,
                }
            }
            self.release(mark);
        }
        if let Some(rest) = rest {
            let member_reference = match rest.member() {
                Some(member) => Some(self.member_reference(member)?),
                None => None,
            };
            let register = self.alloc()?;
            self.emit(Instruction::IteratorCollectRest {
                dst: register,
                iterator,
            });
            match member_reference {
                Some((object, key)) => self.emit_member_set(object, key, register)?,
                None => self.bind_target(rest, register)?,
            }
        }
        Ok(())
    }

    fn array_pattern(
        &mut self,
        elements: &[Option<(Target<'_, '_>, Option<&Expression<'_>>)>],
        rest: Option<Target<'_, '_>>,
        value: Reg,
    ) -> Result<()> {
        let iterator = self.alloc_n(3)?;
        self.emit(Instruction::GetIterator {
            dst: iterator,
            iterable: value,
        });
        let start = self.pc();
        // In a generator, a `yield` inside the pattern can be resumed with a return
        // completion: like a `return` inside a for-of body, it must close the iterator. A
        // loop control entry carrying the record makes `emit_abrupt` do so.
        let generator = self.function.flags.contains(FunctionFlags::GENERATOR);
        if generator {
            let break_label = self.new_label();
            let continue_label = self.new_label();
            let depth = self.function.scope_depth;
            self.function.control.push(ControlEntry {
                labels: Vec::new(),
                kind: ControlKind::Loop {
                    break_label,
                    continue_label,
                    iterator: Some(iterator),
                    async_iterator: false,
                },
                break_depth: depth,
                continue_depth: depth,
            });
        }
        let result = self.array_pattern_elements(elements, rest, iterator);
        if generator {
            self.function.control.pop();
        }
        result?;
        let end = self.pc();
        self.emit(Instruction::IteratorClose { iterator });
        if end > start {
            let after = self.new_label();
            self.jump(after);
            let exception = self.alloc()?;
            self.function.handlers.push(ExceptionHandler {
                start: start as u32,
                end: end as u32,
                handler: self.pc() as u32,
                scope_depth: self.function.scope_depth,
                exception_register: exception,
            });
            self.emit(Instruction::IteratorCloseForThrow { iterator });
            self.emit(Instruction::Throw { value: exception });
            self.bind_label(after);
        }
        Ok(())
    }
}
