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

use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use tseval_compiler::CompiledScript;
use tseval_parser::{Arena, Goal, Interner};
use tseval_vm::Vm;
use tseval_vm::modules::{LoadedSource, ModuleLoader};

pub use tseval_compiler::ScriptOptions;
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
    /// The program called `process.exit(code)`.
    Exit(i32),
}

/// Parses and compiles `source`, returning the bytecode or a diagnostic.
pub fn compile(
    source: &str,
    file_name: &str,
    goal: SourceGoal,
) -> Result<CompiledScript, Diagnostic> {
    compile_with_options(source, file_name, goal, ScriptOptions::default())
}

/// [`compile`] with [`ScriptOptions`] for scripts (completion value, global lexical
/// declarations); modules compile as [`compile`] does.
pub fn compile_with_options(
    source: &str,
    file_name: &str,
    goal: SourceGoal,
    options: ScriptOptions,
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
    let compiled = tseval_compiler::compile_script_with_options(
        &program,
        &interner,
        file_name,
        &shared_source,
        options,
    );
    compiled.map_err(|error| {
        let syntax_error =
            tseval_parser::SyntaxError::new(error.message.clone(), error.span, source, file_name);
        Diagnostic {
            name: "SyntaxError".to_string(),
            message: error.message,
            location: format!(
                "{}:{}:{}",
                syntax_error.file_name, syntax_error.line, syntax_error.column
            ),
            rendered: syntax_error.render(source),
        }
    })
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

/// The module loader of the CLI and the test262 runner: relative specifiers (`./x.js`,
/// `../y`) resolve against the importing file's directory, the way Node resolves relative ES
/// module specifiers. For TypeScript sources, a missing `.js` file falls back to the `.ts`
/// file of the same name, and a specifier without an extension tries `.ts`, `.js`, `.mts`,
/// `.mjs` and `index.ts`/`index.js`, as the TypeScript compiler's module resolution does.
///
/// Module names (the module map keys) are paths relative to `root` written with `/`.
#[derive(Clone, Debug)]
pub struct FileModuleLoader {
    root: PathBuf,
}

impl FileModuleLoader {
    /// A loader resolving referrer names relative to `root`.
    pub fn new(root: impl Into<PathBuf>) -> FileModuleLoader {
        FileModuleLoader { root: root.into() }
    }

    fn candidates(path: &Path) -> Vec<PathBuf> {
        let mut candidates = vec![path.to_path_buf()];
        let text = path.to_string_lossy();
        if let Some(stem) = text.strip_suffix(".js") {
            candidates.push(PathBuf::from(format!("{stem}.ts")));
        } else if let Some(stem) = text.strip_suffix(".mjs") {
            candidates.push(PathBuf::from(format!("{stem}.mts")));
        } else if path.extension().is_none() {
            for extension in ["ts", "js", "mts", "mjs"] {
                candidates.push(PathBuf::from(format!("{text}.{extension}")));
            }
            candidates.push(path.join("index.ts"));
            candidates.push(path.join("index.js"));
        }
        candidates
    }
}

/// Removes `.` and resolves `..` components lexically.
fn normalise_path(path: &Path) -> PathBuf {
    let mut result = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !result.pop() {
                    result.push("..");
                }
            }
            other => result.push(other.as_os_str()),
        }
    }
    result
}

impl ModuleLoader for FileModuleLoader {
    fn load(&mut self, referrer: &str, specifier: &str) -> Result<LoadedSource, String> {
        let relative = specifier.starts_with("./")
            || specifier.starts_with("../")
            || specifier.starts_with('/');
        if !relative {
            return Err(format!("Cannot find package '{specifier}'"));
        }
        let referrer_directory = Path::new(referrer)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let name = normalise_path(&referrer_directory.join(specifier));
        for candidate in FileModuleLoader::candidates(&name) {
            let full_path = self.root.join(&candidate);
            if full_path.is_file() {
                let source = std::fs::read_to_string(&full_path)
                    .map_err(|error| format!("Cannot read module '{specifier}': {error}"))?;
                let key = candidate
                    .components()
                    .map(|component| component.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                let key = if candidate.is_absolute() && !key.starts_with('/') {
                    format!("/{}", key.trim_start_matches('/'))
                } else {
                    key
                };
                return Ok(LoadedSource { key, source });
            }
        }
        Err(format!(
            "Cannot find module '{}' imported from {referrer}",
            name.display()
        ))
    }

    fn import_meta_properties(&mut self, key: &str) -> Vec<(String, String)> {
        let path = self.root.join(key);
        let absolute = std::fs::canonicalize(&path).unwrap_or(path);
        let filename = absolute.to_string_lossy().into_owned();
        let dirname = absolute
            .parent()
            .map(|parent| parent.to_string_lossy().into_owned())
            .unwrap_or_default();
        vec![
            ("dirname".to_string(), dirname),
            ("filename".to_string(), filename.clone()),
            ("url".to_string(), format!("file://{filename}")),
        ]
    }
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
        Runtime::from_vm(Vm::new())
    }

    /// A fresh realm whose output goes to `host` (for example a capture buffer in tests).
    pub fn with_host(host: Box<dyn tseval_vm::host::Host>) -> Runtime {
        Runtime::from_vm(Vm::with_host(host))
    }

    fn from_vm(mut vm: Vm) -> Runtime {
        vm.set_module_loader(Box::new(FileModuleLoader::new(".")));
        Runtime { vm }
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
        // The main program's completion value is never read, so it is not tracked (tracking
        // costs a register move per expression statement at top level, loops included).
        self.evaluate_with(source, file_name, goal, ScriptOptions::default())?;
        self.vm
            .run_event_loop()
            .map_err(|exception| self.uncaught(exception))
    }

    /// Compiles and runs `source` as one more script of this runtime, returning its
    /// completion value (`1 + 2` gives 3; a module gives undefined). Top-level `let`, `const`
    /// and `class` declarations stay visible to later evaluations, as between the scripts of
    /// one realm (or the lines of Node's REPL).
    pub fn evaluate(
        &mut self,
        source: &str,
        file_name: &str,
        goal: SourceGoal,
    ) -> Result<Value, EvalError> {
        let options = ScriptOptions {
            completion_value: true,
            global_lexical_declarations: true,
        };
        self.evaluate_with(source, file_name, goal, options)
    }

    fn evaluate_with(
        &mut self,
        source: &str,
        file_name: &str,
        goal: SourceGoal,
        options: ScriptOptions,
    ) -> Result<Value, EvalError> {
        let script =
            compile_with_options(source, file_name, goal, options).map_err(EvalError::Syntax)?;
        if script.module.is_some() {
            return self.evaluate_module(script, file_name);
        }
        tseval_vm::interpreter::run_script(&mut self.vm, &script)
            .map_err(|exception| self.uncaught(exception))
    }

    /// Loads the imports of a compiled module, links and evaluates it. An error thrown
    /// synchronously (while loading, linking or running up to the first top-level `await`)
    /// is returned; a later rejection surfaces from the event loop as an unhandled one.
    fn evaluate_module(
        &mut self,
        script: CompiledScript,
        file_name: &str,
    ) -> Result<Value, EvalError> {
        let id = self.vm.register_module(file_name, Rc::new(script));
        // Imports name modules by normalised paths; a cycle back to the entry module must
        // find this record under that name too.
        let normalised = normalise_path(Path::new(file_name));
        let normalised = normalised.to_string_lossy();
        if normalised != file_name {
            self.vm
                .modules
                .by_key
                .entry(Rc::from(&*normalised))
                .or_insert(id);
        }
        let promise = self
            .vm
            .run_module(id)
            .map_err(|exception| self.uncaught(exception))?;
        match self.vm.promise_outcome(promise) {
            Some(Err(exception)) => Err(self.uncaught(exception)),
            _ => Ok(Value::Undefined),
        }
    }

    /// Evaluates one REPL line and formats its completion value as Node's REPL would.
    pub fn evaluate_for_repl(&mut self, line: &str) -> Result<String, EvalError> {
        let value = self.evaluate(line, "[repl]", SourceGoal::Script)?;
        self.vm
            .run_event_loop()
            .map_err(|exception| self.uncaught(exception))?;
        Ok(self.vm.inspect(value))
    }

    /// The exit status of a program that completed normally: `process.exitCode` if the
    /// program set it, else 0.
    pub fn normal_exit_code(&mut self) -> i32 {
        self.vm.normal_exit_code()
    }

    /// Writes buffered `console` output.
    pub fn flush_output(&mut self) {
        self.vm.flush_output();
    }

    fn uncaught(&mut self, exception: Value) -> EvalError {
        if let Some(code) = self.vm.exit_request() {
            return EvalError::Exit(code);
        }
        EvalError::Uncaught(UncaughtException {
            text: self.vm.describe_uncaught_exception(exception),
        })
    }
}
