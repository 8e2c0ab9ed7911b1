//! tseval-parser: recursive-descent ECMAScript + TypeScript parser.
//!
//! * [`ast`]: the arena-allocated AST (the contract with the compiler).
//! * [`parse_script`] / [`parse_module`] / [`parse_program`]: entry points.
//! * [`SyntaxError`]: message + span + `file:line:col`, rendered with a code frame by
//!   [`SyntaxError::render`].

pub mod ast;
mod error;

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
    let _ = (arena, interner, goal);
    Err(SyntaxError::new("the parser is not implemented yet", Span::new(0, 0), source, file_name))
}
