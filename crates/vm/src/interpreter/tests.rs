//! Unit tests of the interpreter on hand-assembled bytecode, independent of the compiler:
//! calls and returns over the register stack, exceptions through handler tables, the call
//! depth limit, inline caches, and GC safety of frames under collection.

use std::rc::Rc;

use tseval_compiler::bytecode::{
    CompiledScript, Constant, ExceptionHandler, FunctionFlags, FunctionTemplate, IcKind, IcSite,
    SourcePosition, SourceSpan,
};
use tseval_compiler::opcodes::{
    ConstIdx, FunctionIdx, IcIdx, Instruction, JumpOffset, NameIdx, Reg,
};

use super::run_script;
use crate::realm::Vm;
use crate::value::Value;

/// A function template with the given code and tables; everything else defaulted.
#[allow(clippy::too_many_arguments)]
fn template(
    name: &str,
    flags: FunctionFlags,
    param_count: u16,
    register_count: u16,
    instructions: Vec<Instruction>,
    constants: Vec<Constant>,
    ic_sites: Vec<IcSite>,
    exception_handlers: Vec<ExceptionHandler>,
) -> Rc<FunctionTemplate> {
    let template = FunctionTemplate {
        name: Rc::from(name),
        flags,
        param_count,
        length: param_count,
        register_count,
        rest_register: None,
        arguments_register: None,
        function_env_slots: 0,
        instructions: instructions.into_boxed_slice(),
        constants: constants.into_boxed_slice(),
        ic_sites: ic_sites.into_boxed_slice(),
        exception_handlers: exception_handlers.into_boxed_slice(),
        source_positions: vec![SourcePosition {
            pc: 0,
            line: 1,
            column: 1,
        }]
        .into_boxed_slice(),
        source_span: SourceSpan::default(),
    };
    tseval_compiler::verifier::verify_function(&template).expect("hand-written bytecode verifies");
    Rc::new(template)
}

fn script(top_level: Rc<FunctionTemplate>) -> CompiledScript {
    CompiledScript {
        top_level,
        file_name: Rc::from("unit.js"),
        source: Rc::from(""),
        module: None,
    }
}

fn name(text: &str) -> Constant {
    Constant::Name(Rc::from(text))
}

fn get_global(key: u16) -> IcSite {
    IcSite {
        kind: IcKind::GetGlobal,
        key,
    }
}

/// `function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }` assembled by hand, plus a
/// top level that declares it and returns `fib(argument)`.
fn fib_script(argument: i32) -> CompiledScript {
    let r = Reg;
    let fib = template(
        "fib",
        FunctionFlags::CONSTRUCTOR,
        1,
        8,
        vec![
            Instruction::LoadInt {
                dst: r(2),
                value: 2,
            },
            Instruction::Lt {
                dst: r(3),
                lhs: r(1),
                rhs: r(2),
            },
            Instruction::JumpIfFalse {
                condition: r(3),
                offset: JumpOffset(2),
            },
            Instruction::Return { value: r(1) },
            Instruction::GetGlobal {
                dst: r(2),
                ic: IcIdx(0),
            },
            Instruction::LoadUndefined { dst: r(3) },
            Instruction::LoadInt {
                dst: r(4),
                value: 1,
            },
            Instruction::Sub {
                dst: r(4),
                lhs: r(1),
                rhs: r(4),
            },
            Instruction::Call {
                dst: r(2),
                callee: r(2),
                argc: 1,
            },
            Instruction::GetGlobal {
                dst: r(3),
                ic: IcIdx(1),
            },
            Instruction::LoadUndefined { dst: r(4) },
            Instruction::LoadInt {
                dst: r(5),
                value: 2,
            },
            Instruction::Sub {
                dst: r(5),
                lhs: r(1),
                rhs: r(5),
            },
            Instruction::Call {
                dst: r(3),
                callee: r(3),
                argc: 1,
            },
            Instruction::Add {
                dst: r(2),
                lhs: r(2),
                rhs: r(3),
            },
            Instruction::Return { value: r(2) },
        ],
        vec![name("fib")],
        vec![get_global(0), get_global(0)],
        vec![],
    );
    let top = template(
        "",
        FunctionFlags::SCRIPT,
        0,
        6,
        vec![
            Instruction::CreateClosure {
                dst: r(1),
                function: FunctionIdx(0),
            },
            Instruction::DeclareGlobalFunction {
                name: NameIdx(1),
                function: r(1),
            },
            Instruction::GetGlobal {
                dst: r(2),
                ic: IcIdx(0),
            },
            Instruction::LoadUndefined { dst: r(3) },
            Instruction::LoadInt {
                dst: r(4),
                value: argument,
            },
            Instruction::Call {
                dst: r(2),
                callee: r(2),
                argc: 1,
            },
            Instruction::Return { value: r(2) },
        ],
        vec![Constant::Function(fib), name("fib")],
        vec![get_global(1)],
        vec![],
    );
    script(top)
}

#[test]
fn hand_assembled_fib_runs_without_growing_frames() {
    let mut vm = Vm::new();
    let result = run_script(&mut vm, &fib_script(20)).expect("fib runs");
    assert_eq!(result.as_number(), Some(6765.0));
    assert!(vm.interpreter.frames.is_empty(), "all frames popped");
    assert!(vm.interpreter.frames.capacity() <= 64);
    assert_eq!(vm.stack.len(), 0, "the register stack is back to empty");
}

#[test]
fn fib_benchmark_prints_its_time() {
    let argument = std::env::var("TSEVAL_FIB")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(22);
    let mut vm = Vm::new();
    let start = std::time::Instant::now();
    let result = run_script(&mut vm, &fib_script(argument)).expect("fib runs");
    let elapsed = start.elapsed();
    eprintln!("fib({argument}) = {result:?} in {elapsed:?}");
    let expected = (0..argument)
        .fold((0.0f64, 1.0f64), |(a, b), _| (b, a + b))
        .0;
    assert_eq!(result.as_number(), Some(expected));
}

/// `function down(n) { return down(n + 1); }` called from a try/catch at top level: the
/// RangeError is caught by the top level's handler.
#[test]
fn call_depth_limit_throws_a_catchable_range_error() {
    let r = Reg;
    let down = template(
        "down",
        FunctionFlags::CONSTRUCTOR,
        1,
        6,
        vec![
            Instruction::GetGlobal {
                dst: r(2),
                ic: IcIdx(0),
            },
            Instruction::LoadUndefined { dst: r(3) },
            Instruction::Inc {
                dst: r(4),
                src: r(1),
            },
            Instruction::Call {
                dst: r(2),
                callee: r(2),
                argc: 1,
            },
            Instruction::Return { value: r(2) },
        ],
        vec![name("down")],
        vec![get_global(0)],
        vec![],
    );
    let top = template(
        "",
        FunctionFlags::SCRIPT,
        0,
        6,
        vec![
            Instruction::CreateClosure {
                dst: r(1),
                function: FunctionIdx(0),
            },
            Instruction::DeclareGlobalFunction {
                name: NameIdx(1),
                function: r(1),
            },
            Instruction::GetGlobal {
                dst: r(2),
                ic: IcIdx(0),
            },
            Instruction::LoadUndefined { dst: r(3) },
            Instruction::LoadInt {
                dst: r(4),
                value: 0,
            },
            Instruction::Call {
                dst: r(2),
                callee: r(2),
                argc: 1,
            },
            Instruction::Return { value: r(2) },
            // Handler: return the caught error.
            Instruction::Return { value: r(5) },
        ],
        vec![Constant::Function(down), name("down")],
        vec![get_global(1)],
        vec![ExceptionHandler {
            start: 2,
            end: 7,
            handler: 7,
            scope_depth: 0,
            exception_register: r(5),
        }],
    );
    let mut vm = Vm::new();
    let result = run_script(&mut vm, &script(top)).expect("the RangeError is caught");
    let Value::Object(error) = result else {
        panic!("expected an error object, got {result:?}");
    };
    assert_eq!(
        vm.object(error).prototype,
        Some(vm.intrinsics.range_error_prototype)
    );
    let description = vm.describe_exception(result);
    assert_eq!(description.message, "Maximum call stack size exceeded");
    assert!(vm.interpreter.frames.is_empty());
}

/// An uncaught throw propagates out of `run_script` as `Err` with the thrown value.
#[test]
fn uncaught_throw_is_an_err() {
    let r = Reg;
    let top = template(
        "",
        FunctionFlags::SCRIPT,
        0,
        2,
        vec![
            Instruction::LoadConst {
                dst: r(1),
                constant: ConstIdx(0),
            },
            Instruction::Throw { value: r(1) },
        ],
        vec![Constant::Number(1.5)],
        vec![],
        vec![],
    );
    let mut vm = Vm::new();
    let thrown = run_script(&mut vm, &script(top)).expect_err("throws");
    assert_eq!(thrown.as_number(), Some(1.5));
    assert!(vm.interpreter.frames.is_empty());
}

/// Closures capture environments; a collection between creating and calling the closure
/// must keep the environment alive (it is referenced only by the closure object in a register).
#[test]
fn environments_survive_collection_through_closures() {
    let r = Reg;
    // function inner() { return captured; }  (reads Env(0).slots[0])
    let inner = template(
        "inner",
        FunctionFlags::empty(),
        0,
        2,
        vec![
            Instruction::LoadEnv {
                dst: r(1),
                depth: 0,
                slot: 0,
            },
            Instruction::Return { value: r(1) },
        ],
        vec![],
        vec![],
        vec![],
    );
    let top = template(
        "",
        FunctionFlags::SCRIPT,
        0,
        5,
        vec![
            Instruction::PushEnv { slots: 1 },
            Instruction::LoadInt {
                dst: r(1),
                value: 42,
            },
            Instruction::StoreEnv {
                src: r(1),
                depth: 0,
                slot: 0,
            },
            Instruction::CreateClosure {
                dst: r(2),
                function: FunctionIdx(0),
            },
            Instruction::PopEnv {},
            Instruction::LoadUndefined { dst: r(3) },
            // The closure is the callee; a GC happens at the call's safepoint.
            Instruction::Call {
                dst: r(2),
                callee: r(2),
                argc: 0,
            },
            Instruction::Return { value: r(2) },
        ],
        vec![Constant::Function(inner)],
        vec![],
        vec![],
    );
    let mut vm = Vm::new();
    vm.collect_garbage();
    let result = run_script(&mut vm, &script(top)).expect("runs");
    assert_eq!(result.as_number(), Some(42.0));
    vm.collect_garbage();
}

#[test]
fn integer_remainder_fast_path_matches_fmod() {
    let cases = [
        (7.0, 3.0),
        (-7.0, 3.0),
        (7.0, -3.0),
        (-6.0, 3.0),
        (6.0, -3.0),
        (-0.0, 5.0),
        (0.0, -5.0),
        (5.5, 2.0),
        (5.0, 0.0),
        (f64::INFINITY, 2.0),
        (2.0, f64::INFINITY),
        (9_007_199_254_740_993.0, 10.0),
        (1e300, 7.0),
    ];
    for (dividend, divisor) in cases {
        let fast = super::dispatch::number_remainder(dividend, divisor);
        let reference = dividend % divisor;
        assert!(
            fast.to_bits() == reference.to_bits() || fast.is_nan() && reference.is_nan(),
            "{dividend} % {divisor}: {fast} vs {reference}"
        );
    }
}
