//! Fused compare-and-branch instructions carry 16-bit jump offsets; a function whose branch
//! spans more instructions than that must still compile to verified code (the code generator
//! rewrites its fused jumps into compare + 32-bit jump).

use std::rc::Rc;

use tseval_compiler::bytecode::FunctionTemplate;
use tseval_compiler::opcodes::INSTRUCTION_SET;
use tseval_compiler::opcodes::{Instruction, OperandKind};
use tseval_compiler::{compile_script, verify};
use tseval_parser::{Arena, Interner, parse_script};

fn compile(source: &str) -> Rc<FunctionTemplate> {
    let arena = Arena::new();
    let mut interner = Interner::new();
    let program = parse_script(source, "test.ts", &arena, &mut interner).expect("parses");
    let text: Rc<str> = Rc::from(source);
    let script = compile_script(&program, &interner, "test.ts", &text).expect("compiles");
    verify(&script.top_level).expect("verifies");
    script.top_level
}

fn has_short_jump(instruction: &Instruction) -> bool {
    INSTRUCTION_SET[instruction.opcode() as usize]
        .operands
        .iter()
        .any(|operand| operand.kind == OperandKind::ShortJump)
}

/// The nested function template named `name`.
fn function_named(top_level: &Rc<FunctionTemplate>, name: &str) -> FunctionTemplate {
    let mut found = None;
    top_level.for_each_template(&mut |template| {
        if &*template.name == name {
            found = Some(template.clone());
        }
    });
    found.expect("function exists")
}

#[test]
fn small_functions_use_fused_compare_and_branch() {
    let top_level =
        compile("function f(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }");
    let function = function_named(&top_level, "f");
    assert!(function.instructions.iter().any(has_short_jump));
    assert!(function.instructions.iter().any(|instruction| matches!(
        instruction,
        Instruction::AddInt { .. } | Instruction::JumpIfLessThan { .. }
    )),);
}

#[test]
fn branches_longer_than_a_short_jump_are_relaxed() {
    // Each statement compiles to one `Add`, so the `if` body and the loop body each
    // span more than 32767 instructions.
    let body = "x = x + y;\n".repeat(40_000);
    let source = format!(
        "function f(x, y) {{ if (x < y) {{ {body} }} while (x !== 3) {{ {body} x = 3; }} return x; }}"
    );
    let top_level = compile(&source);
    let function = function_named(&top_level, "f");
    assert!(function.instructions.len() > 80_000);
    assert!(!function.instructions.iter().any(has_short_jump));
    // The conditions survive as compare + 32-bit conditional jump.
    assert!(
        function
            .instructions
            .iter()
            .any(|instruction| matches!(instruction, Instruction::Lt { .. }))
    );
    assert!(
        function
            .instructions
            .iter()
            .any(|instruction| matches!(instruction, Instruction::StrictEq { .. }))
    );
}
