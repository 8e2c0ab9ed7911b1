//! tseval: run TypeScript and JavaScript from Rust.
//!
//! This crate is the facade over the pipeline `tseval-lexer` → `tseval-parser` →
//! `tseval-compiler` → `tseval-vm`. Embedders create a [`Runtime`] and evaluate source
//! text; the `typescript-eval-runner` binary is a thin command line over the same API.
//!
//! ```no_run
//! let mut runtime = tseval::Runtime::new();
//! runtime.run_main("console.log(1 + 1)", "example.ts", tseval::SourceGoal::Detect).unwrap();
//! runtime.flush_output();
//! ```

use std::rc::Rc;

use tseval_compiler::CompiledScript;
use tseval_parser::{Arena, Goal, Interner};
use tseval_vm::Vm;

pub use tseval_vm::Value;

/// Which grammar a source text is parsed with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceGoal {
    /// A script, unless it has top-level `import`/`export`, which makes it a module.
    Detect,
    /// Always a script.
    Script,
    /// Always a module (strict mode).
    Module,
}

impl SourceGoal {
    /// `.mjs` and `.mts` files are modules; anything else is detected from its content.
    pub fn from_file_name(file_name: &str) -> SourceGoal {
        if file_name.ends_with(".mjs") || file_name.ends_with(".mts") {
            SourceGoal::Module
        } else {
            SourceGoal::Detect
        }
    }

    fn parser_goal(self) -> Goal {
        match self {
            SourceGoal::Detect => Goal::ScriptOrModule,
            SourceGoal::Script => Goal::Script,
            SourceGoal::Module => Goal::Module,
        }
    }
}

/// A syntax or early error found before anything ran.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// The error's class, e.g. `SyntaxError`.
    pub name: String,
    /// The message without position.
    pub message: String,
    /// `file:line:col` of the error's start.
    pub location: String,
    /// The message, the position and a code frame with a caret, ready to print.
    pub rendered: String,
}

impl Diagnostic {
    /// The text printed on stderr.
    pub fn render(&self) -> String {
        self.rendered.trim_end().to_string()
    }
}

/// An exception that no JavaScript code caught.
#[derive(Clone, Debug)]
pub struct UncaughtException {
    /// `Uncaught Name: message` followed by the stack lines, as printed on stderr.
    pub text: String,
}

impl UncaughtException {
    /// The text printed on stderr.
    pub fn render(&self) -> String {
        self.text.trim_end().to_string()
    }
}

/// Why an evaluation did not complete normally.
#[derive(Clone, Debug)]
pub enum EvalError {
    /// The source did not parse or compile.
    Syntax(Diagnostic),
    /// The program threw and nothing caught it.
    Uncaught(UncaughtException),
}

/// Parses and compiles `source`, returning the bytecode or a diagnostic.
pub fn compile(
    source: &str,
    file_name: &str,
    goal: SourceGoal,
) -> Result<CompiledScript, Diagnostic> {
    let arena = Arena::new();
    let mut interner = Interner::new();
    let program =
        tseval_parser::parse_program(source, file_name, &arena, &mut interner, goal.parser_goal())
            .map_err(|error| Diagnostic {
                name: "SyntaxError".to_string(),
                message: error.message.clone(),
                location: format!("{}:{}:{}", error.file_name, error.line, error.column),
                rendered: error.render(source),
            })?;
    let shared_source: Rc<str> = Rc::from(source);
    tseval_compiler::compile_script(&program, &interner, file_name, &shared_source).map_err(
        |error| {
            let syntax_error = tseval_parser::SyntaxError::new(
                error.message.clone(),
                error.span,
                source,
                file_name,
            );
            Diagnostic {
                name: "SyntaxError".to_string(),
                message: error.message,
                location: format!(
                    "{}:{}:{}",
                    syntax_error.file_name, syntax_error.line, syntax_error.column
                ),
                rendered: syntax_error.render(source),
            }
        },
    )
}

/// Parses and compiles without running: the `--check` mode.
pub fn check(source: &str, file_name: &str, goal: SourceGoal) -> Result<(), Diagnostic> {
    compile(source, file_name, goal).map(|_| ())
}

/// The disassembly of every function in `source`: the `--dump-bytecode` mode.
pub fn dump_bytecode(
    source: &str,
    file_name: &str,
    goal: SourceGoal,
) -> Result<String, Diagnostic> {
    let script = compile(source, file_name, goal)?;
    Ok(tseval_compiler::disassemble(&script.top_level))
}

/// One JavaScript realm with its heap, globals and output, reused across evaluations.
pub struct Runtime {
    vm: Vm,
}

impl Default for Runtime {
    fn default() -> Self {
        Runtime::new()
    }
}

impl Runtime {
    /// A fresh realm writing `console` output to the process's stdout and stderr.
    pub fn new() -> Runtime {
        Runtime { vm: Vm::new() }
    }

    /// A fresh realm whose output goes to `host` (for example a capture buffer in tests).
    pub fn with_host(host: Box<dyn tseval_vm::host::Host>) -> Runtime {
        Runtime {
            vm: Vm::with_host(host),
        }
    }

    /// The virtual machine, for embedders that need the lower-level API.
    pub fn vm(&mut self) -> &mut Vm {
        &mut self.vm
    }

    /// Sets `process.argv`.
    pub fn set_process_arguments(&mut self, arguments: &[String]) {
        self.vm.set_process_arguments(arguments);
    }

    /// Runs a program as the main script: compiles it, runs it, then drains pending jobs
    /// and timers the way Node's event loop does.
    pub fn run_main(
        &mut self,
        source: &str,
        file_name: &str,
        goal: SourceGoal,
    ) -> Result<(), EvalError> {
        self.evaluate(source, file_name, goal)?;
        self.vm
            .run_event_loop()
            .map_err(|exception| self.uncaught(exception))
    }

    /// Compiles and runs `source`, returning its completion value.
    pub fn evaluate(
        &mut self,
        source: &str,
        file_name: &str,
        goal: SourceGoal,
    ) -> Result<Value, EvalError> {
        let script = compile(source, file_name, goal).map_err(EvalError::Syntax)?;
        tseval_vm::interpreter::run_script(&mut self.vm, &script)
            .map_err(|exception| self.uncaught(exception))
    }

    /// Evaluates one REPL line and formats its completion value as Node's REPL would.
    pub fn evaluate_for_repl(&mut self, line: &str) -> Result<String, EvalError> {
        let value = self.evaluate(line, "[repl]", SourceGoal::Script)?;
        self.vm
            .run_event_loop()
            .map_err(|exception| self.uncaught(exception))?;
        Ok(self.vm.inspect(value))
    }

    /// Writes buffered `console` output.
    pub fn flush_output(&mut self) {
        self.vm.flush_output();
    }

    fn uncaught(&mut self, exception: Value) -> EvalError {
        EvalError::Uncaught(UncaughtException {
            text: self.vm.describe_uncaught_exception(exception),
        })
    }
}
