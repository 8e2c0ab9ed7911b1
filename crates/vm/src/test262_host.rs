//! The host hooks the test262 conformance suite expects: the `$262` object and `print`.
//!
//! test262 tests talk to their host through a small, documented surface (see the suite's
//! `INTERPRETING.md`). This module installs what this engine can honestly provide:
//!
//! - `print(...values)`: writes the values, converted with ToString and joined by spaces, plus
//!   a newline to the host's stdout. Asynchronous tests report `Test262:AsyncTestComplete` or
//!   `Test262:AsyncTestFailure:...` through it, so the embedder reads the verdict from the
//!   captured output (use `host::CaptureHost`).
//! - `$262.global`: the global object.
//! - `$262.gc()`: runs a full collection (the caller is a native call made from the
//!   interpreter, where every live value is in a register, frame, environment or handle).
//! - `$262.evalScript(source)`: parses, compiles and runs `source` as a new script in this
//!   realm, returning its completion value; a syntax error is thrown as a SyntaxError.
//! - `$262.createRealm()`: creates a new realm in the same `Vm` (`Vm::create_realm`), installs
//!   `print` and a `$262` of its own there, and returns that `$262` (its `global`,
//!   `evalScript`, ... act in the new realm, because calling them makes their realm current).
//! - `$262.detachArrayBuffer(buffer)`: detaches a (non-shared) ArrayBuffer.
//! - `$262.IsHTMLDDA`: a callable object with the Annex B [[IsHTMLDDA]] internal slot
//!   (`typeof` gives "undefined", ToBoolean gives false, `== null` holds); calling it with no
//!   argument or `""` returns null. One per `Vm` (`Vm::html_dda_object`), shared by every
//!   realm's `$262`.
//! - `$262.agent` is deliberately absent, which the suite treats as "not supported".
//!
//! Nothing here is installed by default: the embedder (the test262 runner in `xtask`) calls
//! [`install`] on each fresh realm.

use std::rc::Rc;

use tseval_parser::{Arena, Goal, Interner};

use crate::function::Args;
use crate::realm::Vm;
use crate::value::{JsResult, ObjectRef, Value};

/// Installs `print` and `$262` on the global object of `vm`'s current realm. `$262` is
/// created on first use like the built-in namespaces (`crate::lazy_globals`), so that the
/// suite also runs the tests that never touch it with the deferred globals in place.
pub fn install(vm: &mut Vm) {
    install_print(vm);
    vm.define_lazy_global("$262", |vm| Value::Object(create_host_object(vm)));
}

/// Installs `print` and `$262` in the current realm and returns the `$262` object (also kept
/// as the realm's [[HostDefined]]).
fn install_in_current_realm(vm: &mut Vm) -> ObjectRef {
    install_print(vm);
    let host_object = create_host_object(vm);
    vm.define_global("$262", Value::Object(host_object));
    host_object
}

/// Installs `print` in the current realm.
fn install_print(vm: &mut Vm) {
    let print = vm.new_native_function("print", 1, print, false);
    vm.define_global("print", Value::Object(print));
}

/// Creates the current realm's `$262` object and records it as the realm's [[HostDefined]].
fn create_host_object(vm: &mut Vm) -> ObjectRef {
    let host_object = vm.new_object();
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(host_object));
    vm.define_native_method(host_object, "evalScript", 1, eval_script);
    vm.define_native_method(host_object, "gc", 0, collect_garbage);
    vm.define_native_method(host_object, "createRealm", 0, create_realm);
    vm.define_native_method(host_object, "detachArrayBuffer", 1, detach_array_buffer);
    if vm.html_dda_object == ObjectRef(u32::MAX) {
        vm.html_dda_object = vm.new_native_function("IsHTMLDDA", 0, call_html_dda, false);
    }
    let html_dda = Value::Object(vm.html_dda_object);
    let html_dda_key = vm.property_key_from_str("IsHTMLDDA");
    let _ = vm.create_data_property(host_object, html_dda_key, html_dda);
    let global = Value::Object(vm.global_object_escaping());
    let global_key = vm.property_key_from_str("global");
    let _ = vm.create_data_property(host_object, global_key, global);
    let realm = usize::from(vm.current_realm.0);
    vm.realms[realm].host_defined = Value::Object(host_object);
    vm.close_handle_scope(scope);
    host_object
}

/// `print(...values)`.
fn print(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let values = args.to_vec(vm);
    let scope = vm.open_handle_scope();
    for &value in &values {
        vm.root(value);
    }
    let mut line = String::new();
    for (index, value) in values.into_iter().enumerate() {
        if index > 0 {
            line.push(' ');
        }
        match vm.to_rust_string(value) {
            Ok(text) => line.push_str(&text),
            Err(error) => {
                vm.close_handle_scope(scope);
                return Err(error);
            }
        }
    }
    vm.close_handle_scope(scope);
    line.push('\n');
    vm.host.write_stdout(&line);
    Ok(Value::Undefined)
}

/// `$262.evalScript(source)`: a new script in this realm.
fn eval_script(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let source_value = args.get(vm, 0);
    let source = vm.to_rust_string(source_value)?;
    let arena = Arena::new();
    let mut interner = Interner::new();
    let program = match tseval_parser::parse_program(
        &source,
        "evalScript",
        &arena,
        &mut interner,
        Goal::Script,
    ) {
        Ok(program) => program,
        Err(error) => return Err(vm.new_syntax_error(&error.message)),
    };
    let shared_source: Rc<str> = Rc::from(source.as_str());
    let script = match tseval_compiler::compile_script_with_options(
        &program,
        &interner,
        "evalScript",
        &shared_source,
        tseval_compiler::ScriptOptions {
            completion_value: true,
            global_lexical_declarations: true,
        },
    ) {
        Ok(script) => script,
        Err(error) => return Err(vm.new_syntax_error(&error.message)),
    };
    crate::interpreter::run_script(vm, &script)
}

/// Calling `$262.IsHTMLDDA`: null for no argument or `""` (what test262 relies on, like
/// `document.all("")`), undefined otherwise.
fn call_html_dda(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let first = args.get(vm, 0);
    let empty = match first {
        Value::Undefined => args.is_empty(),
        Value::String(string) => vm.string(string).is_empty(),
        _ => false,
    };
    Ok(if empty { Value::Null } else { Value::Undefined })
}

/// `$262.gc()`.
fn collect_garbage(vm: &mut Vm, _this: Value, _args: Args) -> JsResult<Value> {
    vm.collect_garbage();
    Ok(Value::Undefined)
}

/// `$262.createRealm()`: a new realm with its own `$262`, which is returned.
fn create_realm(vm: &mut Vm, _this: Value, _args: Args) -> JsResult<Value> {
    let realm = vm.create_realm()?;
    let previous = vm.switch_realm(realm);
    let host_object = install_in_current_realm(vm);
    vm.switch_realm(previous);
    Ok(Value::Object(host_object))
}

/// `$262.detachArrayBuffer(buffer)`: DetachArrayBuffer (a TypeError for anything but a
/// non-shared ArrayBuffer).
fn detach_array_buffer(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let buffer = args.get(vm, 0);
    crate::builtins::array_buffer::detach_array_buffer(vm, buffer)?;
    Ok(Value::Null)
}

/// What a test262 runner needs to know about a thrown value: the name of its constructor
/// (`thrown.constructor.name`, which is how the suite identifies `Test262Error` and the
/// native errors) and its message (`thrown.message`, or the value itself converted to text).
///
/// Getters run, so this may execute JavaScript; any exception it raises is swallowed and the
/// affected part is left empty or described without side effects.
pub fn describe_thrown_value(vm: &mut Vm, thrown: Value) -> (Option<String>, String) {
    let scope = vm.open_handle_scope();
    vm.root(thrown);
    let result = match thrown {
        Value::Object(object) => {
            let constructor_key = vm.property_key_from_str("constructor");
            let name_key = vm.property_key_from_str("name");
            let message_key = vm.property_key_from_str("message");
            let constructor_name = vm
                .get(object, constructor_key)
                .ok()
                .and_then(|constructor| constructor.as_object())
                .and_then(|constructor| vm.get(constructor, name_key).ok())
                .and_then(|name| match name {
                    Value::String(string) => Some(vm.string_to_rust(string)),
                    _ => None,
                });
            let message = match vm.get(object, message_key) {
                Ok(Value::Undefined) | Err(_) => String::new(),
                Ok(message) => vm
                    .to_rust_string(message)
                    .unwrap_or_else(|_| vm.describe_value_for_error(message)),
            };
            (constructor_name, message)
        }
        Value::String(string) => (None, vm.string_to_rust(string)),
        other => (None, vm.describe_value_for_error(other)),
    };
    vm.close_handle_scope(scope);
    result
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use crate::host::CaptureHost;
    use crate::realm::Vm;

    /// Runs `source` as a script on a fresh VM with the test262 host installed and returns
    /// what it printed (plus the message of an uncaught exception).
    fn run_with_host(source: &str) -> String {
        let (host, output) = CaptureHost::new();
        let mut vm = Vm::with_host(Box::new(host));
        super::install(&mut vm);
        let arena = tseval_parser::Arena::new();
        let mut interner = tseval_parser::Interner::new();
        let program = tseval_parser::parse_program(
            source,
            "host.js",
            &arena,
            &mut interner,
            tseval_parser::Goal::Script,
        )
        .expect("the test source parses");
        let shared_source: Rc<str> = Rc::from(source);
        let script =
            tseval_compiler::compile_script(&program, &interner, "host.js", &shared_source)
                .expect("the test source compiles");
        let mut printed = String::new();
        if let Err(thrown) = crate::interpreter::run_script(&mut vm, &script) {
            let (_, message) = super::describe_thrown_value(&mut vm, thrown);
            printed.push_str(&format!("uncaught: {message}\n"));
        }
        output.stdout.borrow().clone() + &printed
    }

    #[test]
    fn created_realms_have_their_own_intrinsics_and_globals() {
        let output = run_with_host(
            r#"
            var other = $262.createRealm();
            var g = other.global;
            print(g.Array === Array, g.Object.prototype === Object.prototype);
            print(Object.getPrototypeOf(new g.Array()) === g.Array.prototype);
            var C = new g.Function();
            C.prototype = null;
            print(Object.getPrototypeOf(Reflect.construct(Array, [], C)) === g.Array.prototype);
            print(Object.getPrototypeOf(Reflect.construct(TypeError, [], C)) === g.TypeError.prototype);
            try { g.eval("null.x"); } catch (e) { print(e instanceof g.TypeError, e instanceof TypeError); }
            other.evalScript("var fromOther = 41;");
            print(g.fromOther + 1, typeof fromOther);
            g.eval("var f = function () { return globalThis; };");
            print(g.f() === g, g.f() === globalThis);
            print(g.Symbol.for("k") === Symbol.for("k"), g.Symbol.iterator === Symbol.iterator);
            $262.gc();
            print(g.Array.from([1, 2, 3]).map(function (x) { return x * 2; }).join());
            var D = g.eval("0, class extends Object { constructor() { return null; } }");
            try { new D(); } catch (e) { print(e.constructor === TypeError); }
            print(other.createRealm().global.Array !== g.Array);
            "#,
        );
        assert_eq!(
            output,
            "false false\ntrue\ntrue\ntrue\ntrue false\n42 undefined\ntrue false\ntrue true\n\
             2,4,6\ntrue\ntrue\n"
        );
    }

    #[test]
    fn is_html_dda_is_falsy_undefined_typed_and_loosely_null() {
        let output = run_with_host(
            r#"
            var dda = $262.IsHTMLDDA;
            print(typeof dda, !dda, dda ? "truthy" : "falsy");
            print(dda == null, dda == undefined, null == dda, dda === undefined);
            print(dda(), dda(""), dda("x"));
            print((dda ?? "nullish") === dda, typeof Object(dda));
            print($262.createRealm().global.$262.IsHTMLDDA === dda);
            "#,
        );
        assert_eq!(
            output,
            "undefined true falsy\ntrue true true false\nnull null undefined\n\
             true undefined\ntrue\n"
        );
    }
}
