//! tseval-parser: recursive-descent ECMAScript + TypeScript parser.
//!
//! * [`ast`]: the arena-allocated AST (the contract with the compiler).
//! * [`parse_script`] / [`parse_module`] / [`parse_program`]: entry points.
//! * [`SyntaxError`]: message + span + `file:line:col`, rendered with a code frame by
//!   [`SyntaxError::render`].

pub mod ast;
pub mod ast_dump;
mod error;
mod expression;
mod function;
mod parser;
mod typescript;

pub use parser::MAX_NESTING_DEPTH;

pub use bumpalo;
pub use error::SyntaxError;
pub use tseval_lexer::{Atom, Interner, Span};

/// The arena every AST node is allocated in. Create one per parse (or per module) and keep it
/// alive as long as the AST is used: `let arena = Arena::new();`.
pub type Arena = bumpalo::Bump;

/// Which goal symbol to parse with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goal {
    /// Script goal, switching to module goal when the file has a top-level `import` or
    /// `export` declaration (the file is then re-parsed as a module).
    ScriptOrModule,
    /// Script goal only; `import`/`export` declarations are syntax errors.
    Script,
    /// Module goal (strict, top-level await).
    Module,
}

/// Parses `source` as a script, or as a module when it has top-level import/export.
/// `file_name` is only used for diagnostics.
pub fn parse_script<'a>(
    source: &str,
    file_name: &str,
    arena: &'a Arena,
    interner: &mut Interner,
) -> Result<ast::Program<'a>, SyntaxError> {
    parse_program(source, file_name, arena, interner, Goal::ScriptOrModule)
}

/// Parses `source` with the module goal.
pub fn parse_module<'a>(
    source: &str,
    file_name: &str,
    arena: &'a Arena,
    interner: &mut Interner,
) -> Result<ast::Program<'a>, SyntaxError> {
    parse_program(source, file_name, arena, interner, Goal::Module)
}

/// Parses `source` with the given goal.
pub fn parse_program<'a>(
    source: &str,
    file_name: &str,
    arena: &'a Arena,
    interner: &mut Interner,
    goal: Goal,
) -> Result<ast::Program<'a>, SyntaxError> {
    if source.len() >= u32::MAX as usize {
        return Err(SyntaxError::new(
            "Source text is too large (4 GiB or more)",
            Span::new(0, 0),
            "",
            file_name,
        ));
    }
    let module = goal == Goal::Module;
    let mut parser = parser::Parser::new(source, file_name, arena, interner, module);
    parser.allow_module_syntax = goal != Goal::Script;
    match parser.parse_program() {
        Ok(program) => {
            if goal == Goal::ScriptOrModule && parser.saw_module_syntax {
                // Top-level import/export: the file is a module; parse it again as one.
                drop(parser);
                return parse_program(source, file_name, arena, interner, Goal::Module);
            }
            Ok(program)
        }
        Err(_) => {
            if goal == Goal::ScriptOrModule && parser.saw_module_syntax {
                drop(parser);
                return parse_program(source, file_name, arena, interner, Goal::Module);
            }
            Err(parser.into_error())
        }
    }
}
