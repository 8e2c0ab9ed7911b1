//! Declaration tracking for the early errors about bindings: duplicate lexical declarations,
//! lexical/var clashes (with `var` hoisted through blocks), parameters against the body's
//! lexical declarations, catch parameters against their block, and duplicate parameters.
//!
//! Performance design: there is no per-scope allocation. Every opened scope gets a fresh
//! `u32` id (never reused within a parse), and all declarations of the whole parse live in one
//! FxHash map keyed by `(scope id, atom)` whose value is a small bit set of
//! [`DeclarationFlags`]. Opening a scope pushes a 12-byte frame; closing pops it and leaves its
//! map entries behind (they are unreachable because the id is never used again). A `var`
//! declaration walks the frames from the innermost up to its function scope, which is a
//! handful of steps in real code. Names are only ever compared as atoms.

use crate::ast::{BindingPattern, FormalParameters, Identifier};
use crate::parser::{ParseResult, Parser};
use rustc_hash::FxHashMap;
use tseval_lexer::{Atom, TokenKind, well_known};

/// What kind of region a scope frame is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScopeKind {
    /// The top level of a script, a function body, or a class static block: `var` stops
    /// here and function declarations are var-like.
    Function,
    /// The top level of a module: `var` stops here; function declarations are lexical.
    Module,
    /// A block, a switch case block, a for-statement head, or a catch clause: function
    /// declarations are lexical (with the sloppy-mode duplicate exemption of Annex B).
    Block,
}

/// One open scope.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ScopeFrame {
    pub id: u32,
    pub kind: ScopeKind,
}

/// Bit set describing how a name is declared in one scope.
pub(crate) struct DeclarationFlags;

impl DeclarationFlags {
    /// `let`, `const`, `class`, imports, and function declarations in blocks and modules.
    pub const LEXICAL: u8 = 1;
    /// A `var` declared in this scope or hoisted through it.
    pub const VAR: u8 = 2;
    /// A function declaration directly in a function/script scope (var-like).
    pub const TOP_LEVEL_FUNCTION: u8 = 4;
    /// A formal parameter (in the function's own scope).
    pub const PARAMETER: u8 = 8;
    /// A catch parameter written as a plain identifier (Annex B lets `var` redeclare it).
    pub const SIMPLE_CATCH_PARAMETER: u8 = 16;
    /// A catch parameter inside a destructuring pattern.
    pub const PATTERN_CATCH_PARAMETER: u8 = 32;
    /// Set with `LEXICAL` for a plain (not async, not generator) function declaration in a
    /// block of sloppy code: two of these may share a name (Annex B.3.2.4).
    pub const SLOPPY_BLOCK_FUNCTION: u8 = 64;
}

/// How a name is being declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DeclarationKind {
    /// `let`, `const`, `class`, `import` bindings.
    Lexical,
    /// `var` (Annex B.3.4 lets it redeclare a simple catch parameter, including in a
    /// `for (var x of ...)` head, as test262 expects).
    Var,
    /// A function declaration; whether it is lexical or var-like depends on the scope.
    Function { plain: bool },
    /// A catch parameter.
    CatchParameter { simple: bool },
}

/// The scope-tracking state of a parser.
#[derive(Default)]
pub(crate) struct ScopeTracker {
    pub frames: Vec<ScopeFrame>,
    pub declarations: FxHashMap<(u32, Atom), u8>,
    pub next_id: u32,
    /// Scratch list of parameter names for the duplicate check (reused, never shrunk).
    pub parameter_names: Vec<Identifier>,
}

impl ScopeTracker {
    /// A tracker whose declaration map has room for the declarations a source text of
    /// `source_length` bytes is likely to have.
    ///
    /// Performance design: the map otherwise starts empty and doubles from 3 entries, each
    /// step re-hashing every declaration (about 1% of a parse of rxjs + zod, whose small
    /// files start a map each). rxjs and zod declare a binding about every 400 bytes, and
    /// parameters besides; one per 256 bytes is reserved, at least 16 and at most 8192 (a
    /// large file grows the map from there).
    pub fn with_capacity_for_source_length(source_length: usize) -> ScopeTracker {
        const BYTES_PER_DECLARATION: usize = 256;
        let capacity = (source_length / BYTES_PER_DECLARATION).clamp(16, 8192);
        ScopeTracker {
            declarations: FxHashMap::with_capacity_and_hasher(capacity, Default::default()),
            ..ScopeTracker::default()
        }
    }
}

impl<'a> Parser<'a, '_, '_> {
    /// Opens a scope of `kind`.
    pub fn push_scope(&mut self, kind: ScopeKind) {
        let id = self.scopes.next_id;
        self.scopes.next_id += 1;
        self.scopes.frames.push(ScopeFrame { id, kind });
    }

    /// Closes the innermost scope.
    pub fn pop_scope(&mut self) {
        self.scopes.frames.pop();
    }

    fn redeclaration_error<T>(&mut self, identifier: Identifier) -> ParseResult<T> {
        let name = self.interner.resolve(identifier.name).to_string();
        self.error_at(
            format!("Identifier '{name}' has already been declared"),
            identifier.span,
        )
    }

    /// Declares one name in the innermost scope (or, for `var`, in every scope up to the
    /// function scope), reporting a redeclaration error when the spec forbids it.
    pub fn declare_name(
        &mut self,
        identifier: Identifier,
        kind: DeclarationKind,
    ) -> ParseResult<()> {
        let Some(&frame) = self.scopes.frames.last() else {
            return Ok(());
        };
        let name = identifier.name;
        match kind {
            DeclarationKind::Lexical => {
                if name == well_known::LET {
                    return self.error_at(
                        "let is disallowed as a lexically bound name",
                        identifier.span,
                    );
                }
                self.declare_lexical(frame, identifier, DeclarationFlags::LEXICAL)
            }
            DeclarationKind::Function { plain } => match frame.kind {
                ScopeKind::Function => {
                    let entry = self
                        .scopes
                        .declarations
                        .entry((frame.id, name))
                        .or_insert(0);
                    if *entry & DeclarationFlags::LEXICAL != 0 {
                        return self.redeclaration_error(identifier);
                    }
                    *entry |= DeclarationFlags::TOP_LEVEL_FUNCTION;
                    Ok(())
                }
                ScopeKind::Module => {
                    self.declare_lexical(frame, identifier, DeclarationFlags::LEXICAL)
                }
                ScopeKind::Block => {
                    let flags = if plain && !self.strict {
                        DeclarationFlags::LEXICAL | DeclarationFlags::SLOPPY_BLOCK_FUNCTION
                    } else {
                        DeclarationFlags::LEXICAL
                    };
                    self.declare_lexical(frame, identifier, flags)
                }
            },
            DeclarationKind::CatchParameter { simple } => {
                let flag = if simple {
                    DeclarationFlags::SIMPLE_CATCH_PARAMETER
                } else {
                    DeclarationFlags::PATTERN_CATCH_PARAMETER
                };
                let entry = self
                    .scopes
                    .declarations
                    .entry((frame.id, name))
                    .or_insert(0);
                if *entry != 0 {
                    return self.redeclaration_error(identifier);
                }
                *entry = flag;
                Ok(())
            }
            DeclarationKind::Var => {
                for index in (0..self.scopes.frames.len()).rev() {
                    let frame = self.scopes.frames[index];
                    let entry = self
                        .scopes
                        .declarations
                        .entry((frame.id, name))
                        .or_insert(0);
                    let clashes = *entry
                        & (DeclarationFlags::LEXICAL | DeclarationFlags::PATTERN_CATCH_PARAMETER)
                        != 0;
                    if clashes {
                        return self.redeclaration_error(identifier);
                    }
                    *entry |= DeclarationFlags::VAR;
                    if frame.kind != ScopeKind::Block {
                        break;
                    }
                }
                Ok(())
            }
        }
    }

    fn declare_lexical(
        &mut self,
        frame: ScopeFrame,
        identifier: Identifier,
        flags: u8,
    ) -> ParseResult<()> {
        let entry = self
            .scopes
            .declarations
            .entry((frame.id, identifier.name))
            .or_insert(0);
        let existing = *entry;
        if existing != 0 {
            let both_sloppy_functions =
                existing == flags && flags & DeclarationFlags::SLOPPY_BLOCK_FUNCTION != 0;
            if !both_sloppy_functions {
                return self.redeclaration_error(identifier);
            }
        }
        *entry = existing | flags;
        Ok(())
    }

    /// Declares every name bound by `pattern`.
    pub fn declare_pattern(
        &mut self,
        pattern: &BindingPattern<'a>,
        kind: DeclarationKind,
    ) -> ParseResult<()> {
        match pattern {
            BindingPattern::Identifier(identifier) => self.declare_name(*identifier, kind),
            BindingPattern::Object(object) => {
                for property in object.properties {
                    self.declare_pattern(&property.value.target, kind)?;
                }
                if let Some(rest) = object.rest {
                    self.declare_name(rest, kind)?;
                }
                Ok(())
            }
            BindingPattern::Array(array) => {
                for element in array.elements.iter().flatten() {
                    self.declare_pattern(&element.target, kind)?;
                }
                if let Some(rest) = &array.rest {
                    self.declare_pattern(rest, kind)?;
                }
                Ok(())
            }
        }
    }

    /// Appends the names bound by `pattern` to the scratch parameter-name list.
    pub fn collect_bound_names(&mut self, pattern: &BindingPattern<'a>) {
        match pattern {
            BindingPattern::Identifier(identifier) => self.scopes.parameter_names.push(*identifier),
            BindingPattern::Object(object) => {
                for property in object.properties {
                    self.collect_bound_names(&property.value.target);
                }
                if let Some(rest) = object.rest {
                    self.scopes.parameter_names.push(rest);
                }
            }
            BindingPattern::Array(array) => {
                for element in array.elements.iter().flatten() {
                    self.collect_bound_names(&element.target);
                }
                if let Some(rest) = &array.rest {
                    self.collect_bound_names(rest);
                }
            }
        }
    }

    /// Declares the parameters in the current (function) scope and applies the parameter
    /// early errors: no duplicates unless `allow_duplicates` (sloppy function with a simple
    /// list), and, when the body made the function strict (`became_strict`), none of them
    /// may be `eval`, `arguments` or a strict-mode reserved word.
    pub fn declare_parameters(
        &mut self,
        params: &FormalParameters<'a>,
        allow_duplicates: bool,
        became_strict: bool,
    ) -> ParseResult<()> {
        self.scopes.parameter_names.clear();
        for item in params.items {
            self.collect_bound_names(&item.pattern);
        }
        if let Some(rest) = &params.rest {
            self.collect_bound_names(rest);
        }
        let Some(&frame) = self.scopes.frames.last() else {
            return Ok(());
        };
        for index in 0..self.scopes.parameter_names.len() {
            let identifier = self.scopes.parameter_names[index];
            if became_strict {
                self.check_strict_binding_name(identifier)?;
            }
            let entry = self
                .scopes
                .declarations
                .entry((frame.id, identifier.name))
                .or_insert(0);
            if *entry & DeclarationFlags::PARAMETER != 0 && !allow_duplicates {
                return self.error_at(
                    "Duplicate parameter name not allowed in this context",
                    identifier.span,
                );
            }
            *entry |= DeclarationFlags::PARAMETER;
        }
        Ok(())
    }

    /// Checks a binding name of code that turned out to be strict after the name was parsed
    /// (a function whose body starts with "use strict").
    pub fn check_strict_binding_name(&mut self, identifier: Identifier) -> ParseResult<()> {
        if identifier.name == well_known::EVAL || identifier.name == well_known::ARGUMENTS {
            return self.error_at(
                "Unexpected eval or arguments in strict mode",
                identifier.span,
            );
        }
        if let Some(kind) = TokenKind::keyword_from_atom(identifier.name)
            && (kind == TokenKind::Yield
                || (kind >= TokenKind::FIRST_CONTEXTUAL_KEYWORD && kind <= TokenKind::Public))
        {
            return self.error_at("Unexpected strict mode reserved word", identifier.span);
        }
        Ok(())
    }

    /// True when the name is declared (in any way) in the innermost scope; used for module
    /// export checks at the module's top level.
    pub fn is_declared_in_current_scope(&self, name: Atom) -> bool {
        self.scopes
            .frames
            .last()
            .is_some_and(|frame| self.scopes.declarations.contains_key(&(frame.id, name)))
    }
}

/// How a private name is declared in a class body (for the duplicate rule: only a getter and
/// a setter with the same placement may share a name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PrivateNameKind {
    Field,
    Method,
    Getter,
    Setter,
    /// A getter and a setter pair that has already been completed.
    Accessors,
}

/// One private name declared by the class body being parsed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PrivateDeclaration {
    pub name: Atom,
    pub kind: PrivateNameKind,
    pub is_static: bool,
}

/// Private-name bookkeeping: the names each open class body declares, and references not
/// yet resolved (a reference may precede its declaration inside the body, so references are
/// resolved when the class body ends; unresolved ones move to the enclosing class).
#[derive(Default)]
pub(crate) struct PrivateNameTracker {
    /// `(first declaration index, first reference index)` of each open class body.
    pub classes: Vec<(usize, usize)>,
    pub declarations: Vec<PrivateDeclaration>,
    pub references: Vec<crate::ast::PrivateIdentifier>,
}

impl Parser<'_, '_, '_> {
    /// Opens the private-name environment of a class body.
    pub fn push_private_environment(&mut self) {
        let tracker = &mut self.private_names;
        tracker
            .classes
            .push((tracker.declarations.len(), tracker.references.len()));
    }

    /// Closes the private-name environment of a class body: references to names the body
    /// declares are resolved; the others must be declared by an enclosing class, and are an
    /// error when there is none.
    pub fn pop_private_environment(&mut self) -> ParseResult<()> {
        let Some((declarations_start, references_start)) = self.private_names.classes.pop() else {
            return Ok(());
        };
        let tracker = &mut self.private_names;
        let mut kept = references_start;
        for index in references_start..tracker.references.len() {
            let reference = tracker.references[index];
            let declared = tracker.declarations[declarations_start..]
                .iter()
                .any(|declaration| declaration.name == reference.name);
            if !declared {
                tracker.references[kept] = reference;
                kept += 1;
            }
        }
        tracker.references.truncate(kept);
        tracker.declarations.truncate(declarations_start);
        if tracker.classes.is_empty()
            && let Some(&reference) = tracker.references.first()
        {
            tracker.references.clear();
            return self.undeclared_private_name(reference);
        }
        Ok(())
    }

    fn undeclared_private_name<T>(
        &mut self,
        reference: crate::ast::PrivateIdentifier,
    ) -> ParseResult<T> {
        let name = self.interner.resolve(reference.name).to_string();
        self.error_at(
            format!("Private field '#{name}' must be declared in an enclosing class"),
            reference.span,
        )
    }

    /// Records a reference to a private name (`this.#x`, `#x in o`).
    pub fn reference_private_name(
        &mut self,
        reference: crate::ast::PrivateIdentifier,
    ) -> ParseResult<()> {
        if self.private_names.classes.is_empty() {
            return self.undeclared_private_name(reference);
        }
        self.private_names.references.push(reference);
        Ok(())
    }

    /// Declares a private name in the innermost class body, rejecting duplicates other than
    /// a getter/setter pair with the same placement.
    pub fn declare_private_name(
        &mut self,
        identifier: crate::ast::PrivateIdentifier,
        kind: PrivateNameKind,
        is_static: bool,
    ) -> ParseResult<()> {
        let Some(&(declarations_start, _)) = self.private_names.classes.last() else {
            return Ok(());
        };
        let tracker = &mut self.private_names;
        let existing = tracker.declarations[declarations_start..]
            .iter_mut()
            .find(|declaration| declaration.name == identifier.name);
        match existing {
            None => {
                tracker.declarations.push(PrivateDeclaration {
                    name: identifier.name,
                    kind,
                    is_static,
                });
                Ok(())
            }
            Some(existing) => {
                let completes_pair = existing.is_static == is_static
                    && matches!(
                        (existing.kind, kind),
                        (PrivateNameKind::Getter, PrivateNameKind::Setter)
                            | (PrivateNameKind::Setter, PrivateNameKind::Getter)
                    );
                if completes_pair {
                    existing.kind = PrivateNameKind::Accessors;
                    return Ok(());
                }
                let name = self.interner.resolve(identifier.name).to_string();
                self.error_at(
                    format!("Identifier '#{name}' has already been declared"),
                    identifier.span,
                )
            }
        }
    }
}
