//! Human-readable listings of compiled functions, used by the golden tests and for debugging.
//!
//! The format is generated from the opcode table's operand metadata, so every opcode is
//! listed without per-opcode code here. One line per instruction:
//! `  12  GetNamed r3, r2, ic0  ; "length"` where registers print as `rN`, constants as `kN`,
//! IC sites as `icN`, jumps as `@target` (absolute), and a trailing comment shows constant
//! values and IC keys.

use std::fmt::Write;

use crate::bytecode::{Constant, FunctionTemplate};
use crate::opcodes::OperandValue;

/// Formats a constant compactly for listings.
pub fn format_constant(constant: &Constant) -> String {
    match constant {
        Constant::Number(number) => format!("{number:?}"),
        Constant::String(text) => format!("{:?}", &**text),
        Constant::Utf16String(units) => format!("utf16{:?}", &**units),
        Constant::BigInt(digits) => format!("{digits}n"),
        Constant::Name(name) => format!("name {name}"),
        Constant::Function(template) => {
            let name = if template.name.is_empty() {
                "<anonymous>"
            } else {
                &template.name
            };
            format!("function {name}")
        }
        Constant::TemplateObject(descriptor) => format!("template {:?}", descriptor.raw),
        Constant::RegExp { pattern, flags } => format!("/{pattern}/{flags}"),
        Constant::EvalSite(site) => format!(
            "eval site (argc {}, {} environments)",
            site.argument_count,
            site.levels.len()
        ),
    }
}

/// Disassembles one function (not its nested functions).
pub fn disassemble_function(template: &FunctionTemplate) -> String {
    let mut output = String::new();
    let name = if template.name.is_empty() {
        "<anonymous>"
    } else {
        &template.name
    };
    let _ = writeln!(
        output,
        "function {name} (params: {}, length: {}, registers: {}, env slots: {}, flags: [{}])",
        template.param_count,
        template.length,
        template.register_count,
        template.function_env_slots,
        template.flags.names().join(", ")
    );
    if let Some(register) = template.rest_register {
        let _ = writeln!(output, "  rest -> {register}");
    }
    if let Some(register) = template.arguments_register {
        let _ = writeln!(output, "  arguments -> {register}");
    }
    for (pc, instruction) in template.instructions.iter().enumerate() {
        let mut operands = Vec::new();
        let mut comments = Vec::new();
        instruction.for_each_operand(|_, value| match value {
            OperandValue::Register(register) => operands.push(register.to_string()),
            OperandValue::Constant(index, _) => {
                operands.push(format!("k{index}"));
                if let Some(constant) = template.constants.get(usize::from(index)) {
                    comments.push(format_constant(constant));
                }
            }
            OperandValue::InlineCache(ic) => {
                operands.push(format!("ic{}", ic.0));
                if let Some(key) = template.ic_key(ic.0) {
                    comments.push(format!(".{key}"));
                }
            }
            OperandValue::Jump(offset) => {
                operands.push(format!("@{}", pc as i64 + i64::from(offset.0)));
            }
            OperandValue::ImmediateI32(value) => operands.push(value.to_string()),
            OperandValue::ImmediateU16(value) => operands.push(value.to_string()),
            OperandValue::MethodKind(kind) => operands.push(kind.name().to_string()),
            OperandValue::PrivateKind(kind) => operands.push(kind.name().to_string()),
        });
        let mut line = format!("  {pc:4}  {}", instruction.name());
        if !operands.is_empty() {
            line.push(' ');
            line.push_str(&operands.join(", "));
        }
        if !comments.is_empty() {
            while line.len() < 44 {
                line.push(' ');
            }
            line.push_str(" ; ");
            line.push_str(&comments.join(", "));
        }
        let _ = writeln!(output, "{}", line.trim_end());
    }
    for handler in template.exception_handlers.iter() {
        let _ = writeln!(
            output,
            "  handler [{}, {}) -> @{} exception {} scope depth {}",
            handler.start,
            handler.end,
            handler.handler,
            handler.exception_register,
            handler.scope_depth
        );
    }
    output
}

/// Disassembles a function and all its nested functions, depth first, separated by blank lines.
pub fn disassemble(template: &FunctionTemplate) -> String {
    let mut output = String::new();
    template.for_each_template(&mut |nested| {
        if !output.is_empty() {
            output.push('\n');
        }
        output.push_str(&disassemble_function(nested));
    });
    output
}
