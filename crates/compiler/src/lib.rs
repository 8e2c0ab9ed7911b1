//! tseval-compiler: scope resolution (lexical depth/slot, TDZ, capture analysis) and
//! register-bytecode generation. Owns THE opcode table ([`opcodes`]), the bytecode containers
//! ([`bytecode`]), the disassembler and the verifier.
//!
//! Entry point: [`compile_script`] turns a parsed [`tseval_parser::ast::Program`] into a
//! [`CompiledScript`]. Compilation runs in two passes: [`resolver`] builds the scope tree and
//! decides storage (register vs environment slot) and TDZ checks, then [`codegen`] emits
//! register bytecode in one walk.

pub mod bytecode;
pub mod codegen;
pub mod disassembler;
pub mod opcodes;
pub mod resolver;
pub mod verifier;

use std::fmt;
use std::rc::Rc;

use tseval_parser::ast;
use tseval_parser::{Interner, Span};

pub use bytecode::{
    CompiledScript, Constant, FunctionFlags, FunctionTemplate, ImportEntry, IndirectExport,
    LocalExport, ModuleInfo, ModuleRequest,
};
pub use disassembler::disassemble;
pub use opcodes::{Instruction, Opcode, instruction_set_markdown};
pub use verifier::verify;

/// A compile-time error (early errors the parser does not report, unsupported constructs,
/// limits such as too many registers or too deep nesting).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    /// What went wrong.
    pub message: String,
    /// Where.
    pub span: Span,
}

impl CompileError {
    /// Creates an error.
    pub fn new(message: impl Into<String>, span: Span) -> CompileError {
        CompileError {
            message: message.into(),
            span,
        }
    }

    /// Formats the error as `file:line:column: SyntaxError: message`.
    pub fn render(&self, file_name: &str, source: &str) -> String {
        let (line, column) = line_and_column(source, self.span.start);
        format!("{file_name}:{line}:{column}: SyntaxError: {}", self.message)
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{} at byte {}", self.message, self.span.start)
    }
}

impl std::error::Error for CompileError {}

/// 1-based line and UTF-16 column of a byte offset (linear scan; used for diagnostics only).
pub fn line_and_column(source: &str, offset: u32) -> (u32, u32) {
    let offset = (offset as usize).min(source.len());
    let before = source.get(..offset).unwrap_or("");
    let line = before.matches('\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    let column = before[line_start..].encode_utf16().count() as u32 + 1;
    (line, column)
}

/// Compiles eval code (PerformEval): `site` is the caller's scope description for a direct
/// eval (`None` for an indirect eval, whose scope is the global one); `strict` is whether the
/// eval code is strict (its own directive or a strict caller). See
/// [`resolver::resolve_eval_program`] for the scoping rules.
pub fn compile_eval(
    program: &ast::Program<'_>,
    interner: &Interner,
    file_name: &str,
    source: &Rc<str>,
    site: Option<&bytecode::EvalSite>,
    strict: bool,
) -> Result<CompiledScript, CompileError> {
    let tree = resolver::resolve_eval_program(program, interner, site, strict)?;
    let top_level = codegen::compile_eval_program(program, &tree, interner, source)?;
    Ok(CompiledScript {
        top_level,
        file_name: Rc::from(file_name),
        source: Rc::clone(source),
        module: None,
    })
}

/// How [`compile_script_with_options`] compiles a script.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScriptOptions {
    /// The top level returns the completion value of its statements (`1 + 2` gives 3), as a
    /// REPL, an embedder's `evaluate` and `$262.evalScript` need.
    pub completion_value: bool,
    /// Top-level `let`, `const` and `class` declarations go to the realm's global declarative
    /// record, shared with every later script (the ECMAScript semantics of separate scripts
    /// in one realm: a REPL's lines, test262's harness and test). Without it they are locals
    /// of the script, which is faster and matches how Node runs a file (as a CommonJS
    /// module, whose top-level bindings no other code sees).
    pub global_lexical_declarations: bool,
}

/// Compiles a parsed script with the given options. A module compiles as [`compile_script`]
/// does: the options concern scripts only.
pub fn compile_script_with_options(
    program: &ast::Program<'_>,
    interner: &Interner,
    file_name: &str,
    source: &Rc<str>,
    options: ScriptOptions,
) -> Result<CompiledScript, CompileError> {
    if program.source_type == ast::SourceType::Module {
        return compile_script(program, interner, file_name, source);
    }
    let tree = resolver::resolve_program(program)?;
    let top_level =
        codegen::compile_script_program_with_options(program, &tree, interner, source, options)?;
    Ok(CompiledScript {
        top_level,
        file_name: Rc::from(file_name),
        source: Rc::clone(source),
        module: None,
    })
}

/// Compiles a parsed program.
pub fn compile_script(
    program: &ast::Program<'_>,
    interner: &Interner,
    file_name: &str,
    source: &Rc<str>,
) -> Result<CompiledScript, CompileError> {
    let tree = resolver::resolve_program(program)?;
    // TypeScript drops imports whose bindings are only used as types (transpileModule's
    // elision): an import binding nothing references is treated that way.
    let typescript = [".ts", ".mts", ".cts", ".tsx"]
        .iter()
        .any(|extension| file_name.ends_with(extension));
    let (top_level, module) =
        codegen::compile_program(program, &tree, interner, source, typescript)?;
    Ok(CompiledScript {
        top_level,
        file_name: Rc::from(file_name),
        source: Rc::clone(source),
        module: module.map(Rc::new),
    })
}
