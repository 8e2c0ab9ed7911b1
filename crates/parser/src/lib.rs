//! tseval-parser: recursive-descent ECMAScript + TypeScript parser.
//!
//! * [`ast`]: the arena-allocated AST (the contract with the compiler).
//! * [`parse_script`] / [`parse_module`] / [`parse_program`] / [`parse_with_options`]: entry
//!   points.
//! * [`SyntaxError`]: message + span + `file:line:col`, rendered with a code frame by
//!   [`SyntaxError::render`].

pub mod ast;
pub mod ast_dump;
mod error;
mod expression;
mod function;
mod parser;
mod scope;
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

/// Everything that selects how a source text is parsed, beyond the text itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseOptions {
    /// The goal symbol (script, module, or decide from the content).
    pub goal: Goal,
    /// Start in strict mode even without a "use strict" directive (for example a script that
    /// an embedder or a conformance harness declares strict). Module code is always strict.
    pub strict: bool,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            goal: Goal::ScriptOrModule,
            strict: false,
        }
    }
}

/// Parses `source` with the given goal.
pub fn parse_program<'a>(
    source: &str,
    file_name: &str,
    arena: &'a Arena,
    interner: &mut Interner,
    goal: Goal,
) -> Result<ast::Program<'a>, SyntaxError> {
    parse_with_options(
        source,
        file_name,
        arena,
        interner,
        ParseOptions {
            goal,
            strict: false,
        },
    )
}

/// Parses `source` with explicit [`ParseOptions`]. TypeScript syntax is enabled unless
/// `file_name` ends in `.js`, `.mjs` or `.cjs`.
pub fn parse_with_options<'a>(
    source: &str,
    file_name: &str,
    arena: &'a Arena,
    interner: &mut Interner,
    options: ParseOptions,
) -> Result<ast::Program<'a>, SyntaxError> {
    let goal = options.goal;
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
    if options.strict {
        parser.strict = true;
    }
    match parser.parse_program() {
        Ok(program) => {
            if goal == Goal::ScriptOrModule && parser.saw_module_syntax {
                // Top-level import/export: the file is a module; parse it again as one.
                drop(parser);
                let options = ParseOptions {
                    goal: Goal::Module,
                    ..options
                };
                return parse_with_options(source, file_name, arena, interner, options);
            }
            Ok(program)
        }
        Err(_) => {
            if goal == Goal::ScriptOrModule && parser.saw_module_syntax {
                drop(parser);
                let options = ParseOptions {
                    goal: Goal::Module,
                    ..options
                };
                return parse_with_options(source, file_name, arena, interner, options);
            }
            Err(parser.into_error())
        }
    }
}

/// The context of eval code that changes how it parses (ECMAScript PerformEval steps 5-7).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EvalParseOptions {
    /// The caller is strict (a direct eval in strict code): the eval code is strict too.
    pub strict: bool,
    /// The eval is direct and inside a non-arrow function: `new.target` is allowed.
    pub allow_new_target: bool,
    /// The eval is direct and inside a method: `super.x` is allowed.
    pub allow_super_property: bool,
}

/// Parses eval code: a JavaScript Script (no TypeScript syntax, no module syntax) with the
/// `new.target` and `super` rules of the eval's caller.
pub fn parse_eval<'a>(
    source: &str,
    arena: &'a Arena,
    interner: &mut Interner,
    options: EvalParseOptions,
) -> Result<ast::Program<'a>, SyntaxError> {
    let file_name = "eval.js";
    if source.len() >= u32::MAX as usize {
        return Err(SyntaxError::new(
            "Source text is too large (4 GiB or more)",
            Span::new(0, 0),
            "",
            file_name,
        ));
    }
    let mut parser = parser::Parser::new(source, file_name, arena, interner, false);
    parser.allow_module_syntax = false;
    parser.strict = options.strict;
    parser.context.allow_new_target = options.allow_new_target;
    parser.context.allow_super_property = options.allow_super_property;
    match parser.parse_program() {
        Ok(program) => Ok(program),
        Err(_) => Err(parser.into_error()),
    }
}
