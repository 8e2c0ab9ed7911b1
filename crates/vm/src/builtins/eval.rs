//! Dynamic code: the global `eval` function (indirect eval), direct eval (`eval(...)` call
//! syntax), and the `Function`, `GeneratorFunction`, `AsyncFunction` and
//! `AsyncGeneratorFunction` constructors (CreateDynamicFunction).
//!
//! # Design
//!
//! Scopes are resolved at compile time: a binding is a register or an environment slot
//! addressed by `(depth, slot)`, and run-time name lookup exists only for globals. Eval code
//! is compiled when the eval runs, so the compiler must learn the caller's scope another way:
//!
//! - The resolver treats a call written `eval(...)` as a possible direct eval. Every binding
//!   visible at that call (in every enclosing scope up to the script) is forced into an
//!   environment, lexical ones start as the hole, and the nearest non-arrow function declares
//!   the `this`, `new.target`, home-object and `arguments` pseudo-bindings. Functions without
//!   such a call keep their register-allocated code.
//! - The code generator emits `CallEval` with an `EvalSite` constant: the argument count and,
//!   for each environment of the chain at the call (innermost first), the names and kinds of
//!   its bindings in slot order, plus whether the caller's variable scope is the global one,
//!   and whether `new.target` and `super.x` are allowed.
//! - At run time, `CallEval` checks that the callee is this realm's %eval%; if so it calls
//!   [`direct_eval`], which parses the string (strict if the caller is), compiles it with
//!   `compile_eval` and the site (the resolver rebuilds the caller's scopes as ghost scopes, so
//!   the caller's names resolve to `(depth, slot)` relative to the environment current at the
//!   call), links it and runs it as a closure over that environment. Anything else is an
//!   ordinary call with `this` undefined.
//! - Indirect eval (`(0, eval)(src)`, `globalThis.eval(src)`) compiles with no site: global
//!   scope, sloppy unless the code has a "use strict" directive.
//! - Sloppy eval code whose variable scope is global declares its `var`s and functions as
//!   configurable global properties (the `EVAL` function flag changes `DeclareGlobalVar` and
//!   `DeclareGlobalFunction`). Strict eval code keeps them in its own scope.
//!
//! Known gap: a sloppy direct eval inside a function cannot add a *new* `var` to the caller's
//! scope (that needs a dynamic environment); such a `var` stays local to the eval code.
//!
//! Each evaluation links a new script into the code table (which is append-only), so code
//! that evals in a loop grows the table.

use std::rc::Rc;

use tseval_compiler::bytecode::EvalSite;
use tseval_parser::{Arena, EvalParseOptions, Interner};

use crate::atom::{PropertyKey, atoms};
use crate::function::Args;
use crate::interpreter::link::link_script;
use crate::interpreter::objects::allocate_closure;
use crate::realm::Vm;
use crate::shape::Attributes;
use crate::value::{EnvRef, JsResult, ObjectRef, Value};

/// Installs `eval` and the constructors of the generator and async function kinds.
pub fn install(vm: &mut Vm) {
    let eval = vm.new_native_function("eval", 1, global_eval, false);
    vm.define_global("eval", Value::Object(eval));
    vm.intrinsics.eval_function = eval;

    let function_constructor = vm.intrinsics.function_constructor;
    let generator_prototype = vm.intrinsics.generator_function_prototype;
    install_function_kind_constructor(
        vm,
        "GeneratorFunction",
        generator_function_constructor,
        generator_prototype,
        function_constructor,
    );
    let async_prototype = vm.intrinsics.async_function_prototype;
    install_function_kind_constructor(
        vm,
        "AsyncFunction",
        async_function_constructor,
        async_prototype,
        function_constructor,
    );
    let async_generator_prototype =
        crate::interpreter::async_generators::intrinsics(vm).async_generator_function_prototype;
    install_function_kind_constructor(
        vm,
        "AsyncGeneratorFunction",
        async_generator_function_constructor,
        async_generator_prototype,
        function_constructor,
    );
}

/// Creates one of the (non-global) constructors `GeneratorFunction`, `AsyncFunction` and
/// `AsyncGeneratorFunction`: it inherits from %Function%, its `prototype` is the given
/// intrinsic (non-writable, non-configurable) and that prototype's `constructor` points back
/// (non-writable, configurable).
fn install_function_kind_constructor(
    vm: &mut Vm,
    name: &str,
    function: crate::function::NativeFunction,
    prototype: ObjectRef,
    function_constructor: ObjectRef,
) {
    let constructor = vm.new_native_function(name, 1, function, true);
    vm.object_mut(constructor).prototype = Some(function_constructor);
    vm.define_data_property(
        constructor,
        PropertyKey::Atom(atoms::PROTOTYPE),
        Value::Object(prototype),
        Attributes::FROZEN,
    );
    vm.define_data_property(
        prototype,
        PropertyKey::Atom(atoms::CONSTRUCTOR),
        Value::Object(constructor),
        Attributes::CONFIGURABLE_ONLY,
    );
}

/// `eval(x)` called as a function value (indirect eval): global scope.
fn global_eval(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let argument = args.get(vm, 0);
    let global = Value::Object(vm.global_object_escaping());
    perform_eval(vm, argument, None, false, None, global)
}

/// A direct eval from a `CallEval` instruction whose callee is %eval%: `env` is the caller's
/// current environment, `this` the caller's `R[0]` (used only when the caller recorded no
/// `this` binding).
pub(crate) fn direct_eval(
    vm: &mut Vm,
    argument: Value,
    site: &EvalSite,
    env: Option<EnvRef>,
    strict: bool,
    this: Value,
) -> JsResult<Value> {
    perform_eval(vm, argument, Some(site), strict, env, this)
}

/// PerformEval: a non-string argument is returned as is; otherwise the text is parsed and
/// compiled as eval code and run.
fn perform_eval(
    vm: &mut Vm,
    argument: Value,
    site: Option<&EvalSite>,
    strict_caller: bool,
    env: Option<EnvRef>,
    this: Value,
) -> JsResult<Value> {
    let Value::String(text) = argument else {
        return Ok(argument);
    };
    let source = vm.string_to_rust(text);
    let options = EvalParseOptions {
        strict: strict_caller,
        allow_new_target: site.is_some_and(|site| site.in_function),
        allow_super_property: site.is_some_and(|site| site.in_method),
    };
    let script = {
        let arena = Arena::new();
        let mut interner = Interner::new();
        let program = match tseval_parser::parse_eval(&source, &arena, &mut interner, options) {
            Ok(program) => program,
            Err(error) => return Err(vm.new_syntax_error(&error.message)),
        };
        let strict = program.is_strict;
        let shared: Rc<str> = Rc::from(source.as_str());
        match tseval_compiler::compile_eval(&program, &interner, "eval", &shared, site, strict) {
            Ok(script) => script,
            Err(error) => return Err(vm.new_syntax_error(&error.message)),
        }
    };
    let code = match link_script(vm, &script) {
        Ok(code) => code,
        Err(message) => return Err(vm.new_syntax_error(&message)),
    };
    let closure = allocate_closure(vm, code, env, None);
    vm.call(Value::Object(closure), this, &[])
}

/// Which constructor of the Function family runs CreateDynamicFunction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DynamicFunctionKind {
    /// `Function`.
    Normal,
    /// `GeneratorFunction`.
    Generator,
    /// `AsyncFunction`.
    Async,
    /// `AsyncGeneratorFunction`.
    AsyncGenerator,
}

impl DynamicFunctionKind {
    fn prefix(self) -> &'static str {
        match self {
            DynamicFunctionKind::Normal => "function",
            DynamicFunctionKind::Generator => "function*",
            DynamicFunctionKind::Async => "async function",
            DynamicFunctionKind::AsyncGenerator => "async function*",
        }
    }

    fn default_prototype(self, vm: &mut Vm) -> ObjectRef {
        match self {
            DynamicFunctionKind::Normal => vm.intrinsics.function_prototype,
            DynamicFunctionKind::Generator => vm.intrinsics.generator_function_prototype,
            DynamicFunctionKind::Async => vm.intrinsics.async_function_prototype,
            DynamicFunctionKind::AsyncGenerator => {
                crate::interpreter::async_generators::intrinsics(vm)
                    .async_generator_function_prototype
            }
        }
    }
}

fn generator_function_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    create_dynamic_function(vm, args, DynamicFunctionKind::Generator)
}

fn async_function_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    create_dynamic_function(vm, args, DynamicFunctionKind::Async)
}

fn async_generator_function_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    create_dynamic_function(vm, args, DynamicFunctionKind::AsyncGenerator)
}

/// CreateDynamicFunction: the parameters (all arguments but the last, joined with `,`) and the
/// body (the last argument) are checked on their own, so that neither can close the other's
/// syntax early, and then together as the source text
/// `<prefix> anonymous(<parameters>\n) {\n<body>\n}`, compiled in the global scope.
pub fn create_dynamic_function(
    vm: &mut Vm,
    args: Args,
    kind: DynamicFunctionKind,
) -> JsResult<Value> {
    let count = args.len();
    let mut parameters = String::new();
    for index in 0..count.saturating_sub(1) {
        if index > 0 {
            parameters.push(',');
        }
        let value = args.get(vm, index);
        let text = vm.to_string(value)?;
        parameters.push_str(&vm.string_to_rust(text));
    }
    let body = if count == 0 {
        String::new()
    } else {
        let value = args.get(vm, count - 1);
        let text = vm.to_string(value)?;
        vm.string_to_rust(text)
    };
    let prefix = kind.prefix();
    let checks = [
        format!("({prefix} anonymous({parameters}\n) {{}})"),
        format!("({prefix} anonymous() {{\n{body}\n}})"),
    ];
    for check in &checks {
        let arena = Arena::new();
        let mut interner = Interner::new();
        if let Err(error) =
            tseval_parser::parse_eval(check, &arena, &mut interner, EvalParseOptions::default())
        {
            return Err(vm.new_syntax_error(&error.message));
        }
    }
    let source_text = format!("({prefix} anonymous({parameters}\n) {{\n{body}\n}})");
    let script = {
        let arena = Arena::new();
        let mut interner = Interner::new();
        let program = match tseval_parser::parse_eval(
            &source_text,
            &arena,
            &mut interner,
            EvalParseOptions::default(),
        ) {
            Ok(program) => program,
            Err(error) => return Err(vm.new_syntax_error(&error.message)),
        };
        let single_function = program.directives.is_empty()
            && matches!(
                program.body,
                [tseval_parser::ast::Statement::Expression(statement)]
                    if matches!(statement.expression, tseval_parser::ast::Expression::Function(_))
            );
        if !single_function {
            return Err(vm.new_syntax_error("Invalid function parameters or body"));
        }
        let shared: Rc<str> = Rc::from(source_text.as_str());
        match tseval_compiler::compile_eval(&program, &interner, "anonymous", &shared, None, false)
        {
            Ok(script) => script,
            Err(error) => return Err(vm.new_syntax_error(&error.message)),
        }
    };
    let code = match link_script(vm, &script) {
        Ok(code) => code,
        Err(message) => return Err(vm.new_syntax_error(&message)),
    };
    let closure = allocate_closure(vm, code, None, None);
    let global = Value::Object(vm.global_object_escaping());
    let function = vm.call(Value::Object(closure), global, &[])?;
    let new_target = args.new_target();
    if let Value::Object(function_object) = function
        && let Value::Object(target) = new_target
        && target != args.callee()
    {
        let default_prototype = kind.default_prototype(vm);
        let scope = vm.open_handle_scope();
        vm.root(function);
        let prototype = vm.get_prototype_from_constructor(new_target, default_prototype);
        vm.close_handle_scope(scope);
        let prototype = prototype?;
        vm.set_prototype_of(function_object, Some(prototype))?;
    }
    Ok(function)
}
