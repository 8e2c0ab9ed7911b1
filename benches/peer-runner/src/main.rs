//! `peer-runner --engine quickjs|boa FILE.js`: evaluate one JavaScript file in a peer engine, so
//! `cargo xtask bench --peers` can time QuickJS and Boa on the same programs as tseval.
//!
//! Each engine gets the same minimal `console`: `console.log` (and `info`/`debug`) print their
//! arguments converted with the engine's own `String(value)` and joined by single spaces, one
//! line per call on stdout; `console.error`/`warn` do the same on stderr. `String(number)` is
//! ECMAScript Number::toString, so checksums print exactly as node prints them (objects would
//! print as `[object Object]` rather than node's inspect format; the benchmark programs print
//! only numbers and strings). After the script, pending promise jobs are run to completion. An
//! uncaught exception is printed on stderr and exits with status 1.
//!
//! The engines are optional features (`quickjs`, `boa`) so that a workspace-wide build does not
//! compile them; `cargo build --release -p peer-runner --features quickjs,boa` builds both.

use std::io::Write;
use std::process::ExitCode;

// Used only by the engines, which are optional features.
#[cfg_attr(not(any(feature = "quickjs", feature = "boa")), allow(dead_code))]
/// Installs `console` on top of the one native function each engine provides,
/// `__peerRunnerWrite(text, toStandardError)`.
const CONSOLE_PRELUDE: &str = r#"
(function (write) {
  function format(values) {
    var parts = [];
    for (var index = 0; index < values.length; index++) parts.push(String(values[index]));
    return parts.join(' ');
  }
  var standardOutput = function () { write(format(arguments), false); };
  var standardError = function () { write(format(arguments), true); };
  globalThis.console = {
    log: standardOutput, info: standardOutput, debug: standardOutput,
    error: standardError, warn: standardError,
  };
})(__peerRunnerWrite);
"#;

const USAGE: &str = "usage: peer-runner --engine quickjs|boa FILE.js\n       peer-runner --engine quickjs|boa --version";

/// The QuickJS build inside rquickjs 0.14 (its bundled quickjs.h says 0.16.2).
const QUICKJS_VERSION: &str = "quickjs-ng 0.16.2 (rquickjs 0.14)";
/// The Boa release this runner links.
const BOA_VERSION: &str = "boa_engine 0.22";

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let mut engine_name: Option<&str> = None;
    let mut file: Option<&str> = None;
    let mut print_version = false;
    let mut index = 0;
    while index < arguments.len() {
        match arguments[index].as_str() {
            "--engine" => {
                index += 1;
                engine_name = arguments.get(index).map(String::as_str);
            }
            "--version" => print_version = true,
            "--help" | "-h" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => file = Some(other),
        }
        index += 1;
    }
    let Some(engine_name) = engine_name else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if print_version {
        return match engine_name {
            "quickjs" => {
                println!("{QUICKJS_VERSION}");
                ExitCode::SUCCESS
            }
            "boa" => {
                println!("{BOA_VERSION}");
                ExitCode::SUCCESS
            }
            other => {
                eprintln!("peer-runner: unknown engine `{other}`");
                ExitCode::from(2)
            }
        };
    }
    let Some(file) = file else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let source = match std::fs::read_to_string(file) {
        Ok(source) => source,
        Err(error) => {
            eprintln!("peer-runner: cannot read {file}: {error}");
            return ExitCode::from(2);
        }
    };
    let outcome = match engine_name {
        "quickjs" => run_in_quickjs(&source, file),
        "boa" => run_in_boa(&source, file),
        other => Err(EngineFailure::Usage(format!("unknown engine `{other}`"))),
    };
    let _ = std::io::stdout().flush();
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(EngineFailure::Uncaught(message)) => {
            eprintln!("Uncaught {message}");
            ExitCode::from(1)
        }
        Err(EngineFailure::Usage(message)) => {
            eprintln!("peer-runner: {message}");
            ExitCode::from(2)
        }
    }
}

/// Why a run did not complete.
#[cfg_attr(not(any(feature = "quickjs", feature = "boa")), allow(dead_code))]
enum EngineFailure {
    /// The script threw and nothing caught it.
    Uncaught(String),
    /// The engine is unknown or was not compiled in.
    Usage(String),
}

// Used only by the engines, which are optional features.
#[cfg_attr(not(any(feature = "quickjs", feature = "boa")), allow(dead_code))]
/// Writes one console line; errors (e.g. a closed pipe) are ignored like node ignores EPIPE.
fn write_console_line(text: &str, to_standard_error: bool) {
    if to_standard_error {
        let _ = writeln!(std::io::stderr().lock(), "{text}");
    } else {
        let _ = writeln!(std::io::stdout().lock(), "{text}");
    }
}

#[cfg(feature = "quickjs")]
fn run_in_quickjs(source: &str, file: &str) -> Result<(), EngineFailure> {
    use rquickjs::context::EvalOptions;
    use rquickjs::{CatchResultExt, Context, Function, Runtime};

    let setup_failure = |error: rquickjs::Error| EngineFailure::Usage(error.to_string());
    let runtime = Runtime::new().map_err(setup_failure)?;
    // QuickJS's default 1 MiB stack limit is node-like; deep recursion benchmarks stay within it.
    let context = Context::full(&runtime).map_err(setup_failure)?;
    context.with(|context| {
        let write = Function::new(context.clone(), |text: String, to_standard_error: bool| {
            write_console_line(&text, to_standard_error);
        })
        .map_err(setup_failure)?;
        context
            .globals()
            .set("__peerRunnerWrite", write)
            .map_err(setup_failure)?;
        let sloppy_script = |file_name: &str| {
            let mut options = EvalOptions::default();
            // Scripts are sloppy unless they say "use strict", as in node and tseval.
            options.strict = false;
            options.filename = Some(file_name.to_owned());
            options
        };
        context
            .eval_with_options::<(), _>(CONSOLE_PRELUDE, sloppy_script("prelude.js"))
            .catch(&context)
            .map_err(|error| EngineFailure::Uncaught(error.to_string()))?;
        context
            .eval_with_options::<(), _>(source, sloppy_script(file))
            .catch(&context)
            .map_err(|error| EngineFailure::Uncaught(error.to_string()))
    })?;
    while runtime.is_job_pending() {
        if runtime.execute_pending_job().is_err() {
            return Err(EngineFailure::Uncaught(
                "exception in a promise job".to_owned(),
            ));
        }
    }
    Ok(())
}

#[cfg(not(feature = "quickjs"))]
fn run_in_quickjs(_source: &str, _file: &str) -> Result<(), EngineFailure> {
    Err(EngineFailure::Usage(
        "built without QuickJS: cargo build --release -p peer-runner --features quickjs,boa"
            .to_owned(),
    ))
}

#[cfg(feature = "boa")]
fn run_in_boa(source: &str, _file: &str) -> Result<(), EngineFailure> {
    use boa_engine::{Context, JsResult, JsValue, NativeFunction, Source, js_string};

    fn peer_runner_write(
        _this: &JsValue,
        arguments: &[JsValue],
        context: &mut Context,
    ) -> JsResult<JsValue> {
        let text = arguments
            .first()
            .cloned()
            .unwrap_or_default()
            .to_string(context)?
            .to_std_string_escaped();
        let to_standard_error = arguments.get(1).is_some_and(JsValue::to_boolean);
        write_console_line(&text, to_standard_error);
        Ok(JsValue::undefined())
    }

    let mut context = Context::default();
    context
        .register_global_callable(
            js_string!("__peerRunnerWrite"),
            2,
            NativeFunction::from_fn_ptr(peer_runner_write),
        )
        .map_err(|error| EngineFailure::Usage(error.to_string()))?;
    context
        .eval(Source::from_bytes(CONSOLE_PRELUDE))
        .map_err(|error| EngineFailure::Uncaught(error.to_string()))?;
    context
        .eval(Source::from_bytes(source))
        .map_err(|error| EngineFailure::Uncaught(error.to_string()))?;
    context
        .run_jobs()
        .map_err(|error| EngineFailure::Uncaught(error.to_string()))
}

#[cfg(not(feature = "boa"))]
fn run_in_boa(_source: &str, _file: &str) -> Result<(), EngineFailure> {
    Err(EngineFailure::Usage(
        "built without Boa: cargo build --release -p peer-runner --features quickjs,boa".to_owned(),
    ))
}
