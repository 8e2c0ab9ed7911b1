//! Structural bytecode verifier: checks every operand of every instruction against the
//! function's limits (register count, constant pool classes, IC sites, jump targets) plus the
//! exception and source-position tables. Built on the opcode table's generated operand
//! iterators, so new opcodes are verified without edits here.
//!
//! The VM may rely on verified bytecode to index registers and constants without bounds
//! surprises; the compiler's tests run the verifier on everything they compile.

use std::fmt;

use crate::bytecode::{Constant, FunctionTemplate};
use crate::opcodes::{ConstantClass, OperandValue};

/// A verification failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyError {
    /// The function's name.
    pub function: String,
    /// The offending instruction index, if the problem is in an instruction.
    pub pc: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.pc {
            Some(pc) => write!(
                formatter,
                "function {:?} pc {}: {}",
                self.function, pc, self.message
            ),
            None => write!(formatter, "function {:?}: {}", self.function, self.message),
        }
    }
}

impl std::error::Error for VerifyError {}

/// Verifies one function (not its nested functions).
pub fn verify_function(template: &FunctionTemplate) -> Result<(), VerifyError> {
    let error = |pc: Option<usize>, message: String| VerifyError {
        function: template.name.to_string(),
        pc,
        message,
    };
    let register_count = usize::from(template.register_count);
    let instruction_count = template.instructions.len();
    if register_count < 1 + usize::from(template.param_count) {
        return Err(error(
            None,
            "register_count smaller than this + parameters".into(),
        ));
    }
    for register in [template.rest_register, template.arguments_register]
        .into_iter()
        .flatten()
    {
        if usize::from(register.0) >= register_count {
            return Err(error(
                None,
                format!("special register {register} out of range"),
            ));
        }
    }
    match template.instructions.last() {
        None => return Err(error(None, "empty instruction list".into())),
        Some(last) if !last.is_terminator() => {
            return Err(error(
                Some(instruction_count - 1),
                "falls off the end".into(),
            ));
        }
        Some(_) => {}
    }
    for (index, site) in template.ic_sites.iter().enumerate() {
        if template.constant_name(site.key).is_none() {
            return Err(error(
                None,
                format!("ic site {index} key is not a name constant"),
            ));
        }
    }
    for (pc, instruction) in template.instructions.iter().enumerate() {
        let mut problem: Option<String> = None;
        instruction.for_each_operand(|field, value| {
            if problem.is_some() {
                return;
            }
            match value {
                OperandValue::Register(register) => {
                    if usize::from(register.0) >= register_count {
                        problem = Some(format!("{field}: register {register} >= {register_count}"));
                    }
                }
                OperandValue::Constant(index, class) => {
                    match template.constants.get(usize::from(index)) {
                        None => problem = Some(format!("{field}: constant k{index} out of range")),
                        Some(constant) if constant.class() != class => {
                            problem = Some(format!("{field}: constant k{index} is not {class:?}"));
                        }
                        Some(_) => {}
                    }
                }
                OperandValue::InlineCache(ic) => {
                    if usize::from(ic.0) >= template.ic_sites.len() {
                        problem = Some(format!("{field}: ic{} out of range", ic.0));
                    }
                }
                OperandValue::Jump(offset) => {
                    let target = pc as i64 + i64::from(offset.0);
                    if target < 0 || target >= instruction_count as i64 {
                        problem = Some(format!("{field}: jump target {target} out of range"));
                    }
                }
                OperandValue::ImmediateI32(_)
                | OperandValue::ImmediateU16(_)
                | OperandValue::MethodKind(_)
                | OperandValue::PrivateKind(_) => {}
            }
        });
        instruction.for_each_register_window(|base, length| {
            if problem.is_none() && usize::from(base.0) + length > register_count {
                problem = Some(format!(
                    "register window {base}..+{length} exceeds {register_count} registers"
                ));
            }
        });
        // A direct-eval call reads its arguments from a window whose length is recorded in
        // its eval-site constant rather than in an operand.
        if let crate::opcodes::Instruction::CallEval { callee, site, .. } = instruction
            && let Some(Constant::EvalSite(site)) = template.constants.get(usize::from(site.0))
            && usize::from(callee.0) + 2 + usize::from(site.argument_count) > register_count
        {
            problem = Some("eval call arguments exceed the register window".to_string());
        }
        if let Some(message) = problem {
            return Err(error(Some(pc), message));
        }
    }
    for handler in template.exception_handlers.iter() {
        let (start, end, target) = (
            handler.start as usize,
            handler.end as usize,
            handler.handler as usize,
        );
        if start >= end || end > instruction_count || target >= instruction_count {
            return Err(error(None, format!("bad exception handler {handler:?}")));
        }
        if usize::from(handler.exception_register.0) >= register_count {
            return Err(error(
                None,
                format!("handler register out of range {handler:?}"),
            ));
        }
    }
    if template
        .source_positions
        .windows(2)
        .any(|pair| pair[0].pc > pair[1].pc)
    {
        return Err(error(None, "source positions not sorted by pc".into()));
    }
    if let Some(last) = template.source_positions.last()
        && last.pc as usize >= instruction_count
    {
        return Err(error(None, "source position past the end".into()));
    }
    Ok(())
}

/// Verifies a function and every nested function template.
pub fn verify(template: &FunctionTemplate) -> Result<(), VerifyError> {
    let mut result = Ok(());
    template.for_each_template(&mut |nested| {
        if result.is_ok() {
            result = verify_function(nested);
        }
    });
    result
}

/// Whether a constant class is one the `LoadConst` family accepts (kept for the VM's linker).
pub fn is_literal_constant(constant: &Constant) -> bool {
    constant.class() == ConstantClass::Literal
}
