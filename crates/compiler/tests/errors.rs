//! Compile errors (early errors, limits) and verifier rejections.

use std::rc::Rc;

use tseval_compiler::bytecode::{FunctionFlags, FunctionTemplate, SourceSpan};
use tseval_compiler::opcodes::{Instruction, JumpOffset, Reg};
use tseval_compiler::{compile_script, verify};
use tseval_parser::{Arena, Interner, parse_script};

/// The message of the early error `source` produces, whether the parser or the compiler
/// reports it (the parser checks most early errors; the compiler keeps its own checks as a
/// second line of defence).
fn compile_error(source: &str) -> Option<String> {
    let arena = Arena::new();
    let mut interner = Interner::new();
    let program = match parse_script(source, "test.ts", &arena, &mut interner) {
        Ok(program) => program,
        Err(error) => return Some(error.message),
    };
    let source: Rc<str> = Rc::from(source);
    compile_script(&program, &interner, "test.ts", &source)
        .err()
        .map(|error| error.message)
}

fn template(instructions: Vec<Instruction>, register_count: u16) -> FunctionTemplate {
    FunctionTemplate {
        name: Rc::from("test"),
        flags: FunctionFlags::empty(),
        param_count: 0,
        length: 0,
        register_count,
        rest_register: None,
        arguments_register: None,
        function_env_slots: 0,
        instructions: instructions.into_boxed_slice(),
        constants: Box::new([]),
        ic_sites: Box::new([]),
        exception_handlers: Box::new([]),
        source_positions: Box::new([]),
        source_span: SourceSpan::default(),
    }
}

#[test]
fn let_redeclaration_is_an_early_error() {
    let message = compile_error("let x = 1; let x = 2;").expect("redeclaration must fail");
    assert!(message.contains("already been declared"), "{message}");
    assert!(compile_error("let y = 1; { let y = 2; }").is_none());
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let source = format!("let v = {}1{};", "(".repeat(5000), ")".repeat(5000));
    // Either the parser or the compiler rejects it; neither may overflow the stack.
    let arena = Arena::new();
    let mut interner = Interner::new();
    if let Ok(program) = parse_script(&source, "deep.ts", &arena, &mut interner) {
        let text: Rc<str> = Rc::from(source.as_str());
        let result = compile_script(&program, &interner, "deep.ts", &text);
        if let Ok(script) = result {
            assert!(verify(&script.top_level).is_ok());
        }
    }
}

#[test]
fn verifier_rejects_out_of_range_registers_and_jumps() {
    let bad_register = template(vec![Instruction::Return { value: Reg(5) }], 2);
    assert!(verify(&bad_register).is_err());
    let bad_jump = template(
        vec![Instruction::Jump {
            offset: JumpOffset(7),
        }],
        1,
    );
    assert!(verify(&bad_jump).is_err());
    let falls_off = template(vec![Instruction::LoadUndefined { dst: Reg(0) }], 1);
    assert!(verify(&falls_off).is_err());
    let window = template(
        vec![
            Instruction::Call {
                dst: Reg(0),
                callee: Reg(1),
                argc: 3,
            },
            Instruction::Return { value: Reg(0) },
        ],
        4,
    );
    assert!(verify(&window).is_err());
    let good = template(
        vec![
            Instruction::LoadUndefined { dst: Reg(0) },
            Instruction::Return { value: Reg(0) },
        ],
        1,
    );
    assert!(verify(&good).is_ok());
}

/// The message and the byte offset of the compile error of `source`.
fn compile_error_at(source: &str) -> Option<(String, u32)> {
    let arena = Arena::new();
    let mut interner = Interner::new();
    let program = parse_script(source, "test.ts", &arena, &mut interner).ok()?;
    let shared: Rc<str> = Rc::from(source);
    compile_script(&program, &interner, "test.ts", &shared)
        .err()
        .map(|error| (error.message, error.span.start))
}

#[test]
fn unsupported_decorator_forms_are_reported_at_the_decorator_instead_of_being_ignored() {
    // Parameter decorators (TypeScript's legacy `experimentalDecorators` form) and decorators
    // on private members have no run-time semantics yet.
    let cases = [
        (
            "class F { constructor(@Inject(Token) service: object) {} }",
            "@Inject",
            "decorators on parameters are not supported yet",
        ),
        (
            "class G { method(first: number, @Optional() second?: number) {} }",
            "@Optional",
            "decorators on parameters are not supported yet",
        ),
        (
            "class P { @log #secret() {} }",
            "@log",
            "decorators on private class members are not supported yet",
        ),
        (
            "class Q { @observable #state = 1; }",
            "@observable",
            "decorators on private class members are not supported yet",
        ),
        (
            "class S { accessor #value = 1; }",
            "accessor",
            "auto-accessors with private names are not supported yet",
        ),
    ];
    for (source, decorator, expected_message) in cases {
        let (message, offset) = compile_error_at(source)
            .unwrap_or_else(|| panic!("this form must not compile: {source}"));
        assert_eq!(message, expected_message, "{source}");
        let expected = source.find(decorator).expect("decorator in source") as u32;
        assert_eq!(
            offset, expected,
            "the error points at the decorator: {source}"
        );
    }
    // The standard forms compile.
    for source in [
        "@sealed class A {}",
        "class B { @log method() {} }",
        "class C { @observable field = 1; }",
        "class D { @cached accessor value = 1; }",
        "class E { @bound static get total() { return 1; } }",
        "const H = @(decorators[0]) class {};",
        "class J { accessor plain = 1; static accessor [key] = 2; }",
    ] {
        assert!(compile_error(source).is_none(), "{source}");
    }
    assert!(compile_error("class Plain { method() {} field = 1; }").is_none());
}

#[test]
fn using_declarations_compile_and_using_stays_an_identifier_elsewhere() {
    assert!(compile_error("{ let x = 1;\n  using resource = x; }").is_none());
    assert!(compile_error("async function f() { for (await using r of []) {} }").is_none());
    assert!(compile_error("function f() { for (using r = null; ; ) break; }").is_none());
    // `using` is still an ordinary identifier everywhere else.
    assert!(compile_error("var using = [1]; using[0] = 2; for (using of [3]) {}").is_none());
}

#[test]
fn sloppy_call_assignment_targets_compile_to_a_reference_error() {
    for source in [
        "f() = 1;",
        "f() += 1;",
        "f()++;",
        "--f();",
        "for (f() of []) {}",
    ] {
        assert!(compile_error(source).is_none(), "{source} must compile");
    }
    let strict = compile_error("'use strict'; f() = 1;").expect("strict code rejects it");
    assert!(strict.contains("Invalid left-hand side"), "{strict}");
}
