//! Declaration tracking for the early errors about bindings: duplicate lexical declarations,
//! lexical/var clashes (with `var` hoisted through blocks), parameters against the body's
//! lexical declarations, catch parameters against their block, and duplicate parameters.
//!
//! Performance design: a classic block-structured symbol table whose size is bounded by the
//! declarations of the scopes open at the moment, not by those of the whole file. Every
//! opened scope gets a fresh `u32` id (increasing, never reused within a parse). A
//! declaration is one record `(scope id, atom, flags)` in a pool; the records of one atom form
//! a chain ordered from the innermost scope outwards, whose head is found by indexing an
//! array with the atom (atoms are dense indices), and the records of one scope form a second
//! chain, walked when the scope closes to unlink them and return them to the pool's free
//! list. Looking a name up in a scope walks its atom's chain past the records of inner scopes,
//! which is a step or two in real code; no name is ever hashed.
//!
//! Before, all declarations of a parse lived in one FxHash map keyed by `(scope id, atom)`,
//! entries of closed scopes left behind. On typescript.js (9.1 MB) that map grew by
//! doublings to a 1.7 MB table (3.4 MB allocated per parse), re-hashing at every step, with
//! a likely cache miss per declaration (see docs/PERFORMANCE.md, "Parser wall-clock"). The
//! pool here peaks at the declarations of the open scopes.

use crate::ast::{BindingPattern, FormalParameters, Identifier};
use crate::parser::{ParseResult, Parser};
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
    /// The most recently added declaration record of this scope (the head of its chain
    /// through [`DeclarationRecord::next_in_scope`]), or [`NO_RECORD`].
    last_record: u32,
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

/// The end of a chain of declaration records.
const NO_RECORD: u32 = u32::MAX;

/// How one name is declared in one open scope: an entry of both the name's chain and the
/// scope's chain (see the module documentation).
#[derive(Debug, Clone, Copy)]
struct DeclarationRecord {
    scope_id: u32,
    name: Atom,
    flags: u8,
    /// The record of the same name in the next scope outwards that declares it, or
    /// [`NO_RECORD`].
    next_same_name: u32,
    /// The record added before this one to the same scope, or [`NO_RECORD`]; for a record
    /// on the free list, the next free record.
    next_in_scope: u32,
}

/// The scope-tracking state of a parser.
pub(crate) struct ScopeTracker {
    pub frames: Vec<ScopeFrame>,
    next_id: u32,
    /// The pool of declaration records (live ones and, on the free list, reusable ones).
    records: Vec<DeclarationRecord>,
    /// The first free record of `records`, or [`NO_RECORD`].
    first_free_record: u32,
    /// For each atom (by index), the record of its innermost open declaration, or
    /// [`NO_RECORD`]; atoms beyond the end have none.
    innermost_record_by_name: Vec<u32>,
    /// Scratch list of parameter names for the duplicate check (reused, never shrunk).
    pub parameter_names: Vec<Identifier>,
}

impl ScopeTracker {
    /// An empty tracker, with room for the atoms below `atom_count` (those interned so far)
    /// and as many again.
    ///
    /// Performance design: a file of rxjs or zod declares names among its first few hundred
    /// atoms, and starting every vector empty cost a few reallocations per file (0.6% of a
    /// parse of rxjs + zod). The record pool starts at 8 (160 bytes): a script's startup
    /// allocation counts toward fib(30)'s 100 KB budget (docs/PERFORMANCE.md), and the pool
    /// only holds the open scopes' declarations.
    pub fn with_room_for_atoms(atom_count: usize) -> ScopeTracker {
        const INITIAL_RECORDS: usize = 8;
        ScopeTracker {
            frames: Vec::with_capacity(8),
            next_id: 0,
            records: Vec::with_capacity(INITIAL_RECORDS),
            first_free_record: NO_RECORD,
            innermost_record_by_name: vec![NO_RECORD; atom_count * 2],
            parameter_names: Vec::new(),
        }
    }

    /// Opens a scope of `kind`.
    pub fn push(&mut self, kind: ScopeKind) {
        let id = self.next_id;
        self.next_id += 1;
        self.frames.push(ScopeFrame {
            id,
            kind,
            last_record: NO_RECORD,
        });
    }

    /// Closes the innermost scope, unlinking its records from their names' chains. Each is
    /// the head of its chain: the scopes opened after this one are closed already.
    pub fn pop(&mut self) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        let mut index = frame.last_record;
        while index != NO_RECORD {
            let record = self.records[index as usize];
            self.innermost_record_by_name[record.name.as_u32() as usize] = record.next_same_name;
            self.records[index as usize].next_in_scope = self.first_free_record;
            self.first_free_record = index;
            index = record.next_in_scope;
        }
    }

    /// The flags of `name` in the open scope at `frame_index` of `frames`, or `None` when
    /// that scope does not declare it.
    pub fn flags_in(&self, frame_index: usize, name: Atom) -> Option<u8> {
        let scope_id = self.frames[frame_index].id;
        let mut index = self
            .innermost_record_by_name
            .get(name.as_u32() as usize)
            .copied()
            .unwrap_or(NO_RECORD);
        while index != NO_RECORD {
            let record = &self.records[index as usize];
            if record.scope_id <= scope_id {
                return (record.scope_id == scope_id).then_some(record.flags);
            }
            index = record.next_same_name;
        }
        None
    }

    /// Stores `record` in a record from the free list or a new one at the end of the pool;
    /// returns its index.
    fn store_record(&mut self, record: DeclarationRecord) -> u32 {
        if self.first_free_record != NO_RECORD {
            let free = self.first_free_record;
            self.first_free_record = self.records[free as usize].next_in_scope;
            self.records[free as usize] = record;
            free
        } else {
            self.records.push(record);
            (self.records.len() - 1) as u32
        }
    }

    /// Makes room in `innermost_record_by_name` for `name`.
    fn make_room_for_name(&mut self, name: Atom) {
        let name_index = name.as_u32() as usize;
        if name_index >= self.innermost_record_by_name.len() {
            // Room for this atom and, amortised, the ones interned after it.
            let new_length = (name_index + 1).max(self.innermost_record_by_name.len() * 2);
            self.innermost_record_by_name.resize(new_length, NO_RECORD);
        }
    }

    /// Declares `var name`: marks it `VAR` in every open scope from the innermost out to the
    /// first that is not a block (the function or module scope), adding records where
    /// missing. False, leaving the scopes before it marked, at the first scope where the name
    /// is lexical or a destructured catch parameter (a redeclaration error).
    ///
    /// Performance design: one walk down the name's chain alongside the frames (both go from
    /// the innermost scope outwards), not a lookup per frame from the head of the chain, which
    /// would be quadratic in the nesting depth for a name declared in every nested block.
    pub fn declare_var(&mut self, name: Atom) -> bool {
        self.make_room_for_name(name);
        let name_index = name.as_u32() as usize;
        let mut previous = NO_RECORD;
        let mut cursor = self.innermost_record_by_name[name_index];
        for frame_index in (0..self.frames.len()).rev() {
            let frame = self.frames[frame_index];
            while cursor != NO_RECORD && self.records[cursor as usize].scope_id > frame.id {
                previous = cursor;
                cursor = self.records[cursor as usize].next_same_name;
            }
            if cursor == NO_RECORD || self.records[cursor as usize].scope_id != frame.id {
                cursor = self.insert_record(frame_index, name, previous, cursor);
            }
            let record = &mut self.records[cursor as usize];
            if record.flags
                & (DeclarationFlags::LEXICAL | DeclarationFlags::PATTERN_CATCH_PARAMETER)
                != 0
            {
                return false;
            }
            record.flags |= DeclarationFlags::VAR;
            if frame.kind != ScopeKind::Block {
                break;
            }
            previous = cursor;
            cursor = self.records[cursor as usize].next_same_name;
        }
        true
    }

    /// The flags of `name` in the open scope at `frame_index` of `frames`, adding a record
    /// with no flags when that scope does not declare it yet (the `entry().or_insert(0)` of
    /// a map).
    pub fn flags_entry(&mut self, frame_index: usize, name: Atom) -> &mut u8 {
        let scope_id = self.frames[frame_index].id;
        self.make_room_for_name(name);
        let name_index = name.as_u32() as usize;
        // Find the record of this scope, or the link after which to insert one: the chain is
        // ordered by decreasing scope id.
        let mut previous = NO_RECORD;
        let mut index = self.innermost_record_by_name[name_index];
        while index != NO_RECORD {
            let record = self.records[index as usize];
            if record.scope_id == scope_id {
                return &mut self.records[index as usize].flags;
            }
            if record.scope_id < scope_id {
                break;
            }
            previous = index;
            index = record.next_same_name;
        }
        let new_index = self.insert_record(frame_index, name, previous, index);
        &mut self.records[new_index as usize].flags
    }

    /// Adds a record with no flags for `name` in the open scope at `frame_index`, linked into
    /// the name's chain between `previous` (or the chain's head when [`NO_RECORD`]) and `next`,
    /// and at the head of the scope's chain; returns its index.
    fn insert_record(&mut self, frame_index: usize, name: Atom, previous: u32, next: u32) -> u32 {
        let frame = self.frames[frame_index];
        let new_index = self.store_record(DeclarationRecord {
            scope_id: frame.id,
            name,
            flags: 0,
            next_same_name: next,
            next_in_scope: frame.last_record,
        });
        self.frames[frame_index].last_record = new_index;
        if previous == NO_RECORD {
            self.innermost_record_by_name[name.as_u32() as usize] = new_index;
        } else {
            self.records[previous as usize].next_same_name = new_index;
        }
        new_index
    }
}

impl<'a> Parser<'a, '_, '_> {
    /// Opens a scope of `kind`.
    pub fn push_scope(&mut self, kind: ScopeKind) {
        self.scopes.push(kind);
    }

    /// Closes the innermost scope.
    pub fn pop_scope(&mut self) {
        self.scopes.pop();
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
        let innermost = self.scopes.frames.len() - 1;
        let name = identifier.name;
        match kind {
            DeclarationKind::Lexical => {
                if name == well_known::LET {
                    return self.error_at(
                        "let is disallowed as a lexically bound name",
                        identifier.span,
                    );
                }
                self.declare_lexical(identifier, DeclarationFlags::LEXICAL)
            }
            DeclarationKind::Function { plain } => match frame.kind {
                ScopeKind::Function => {
                    let entry = self.scopes.flags_entry(innermost, name);
                    if *entry & DeclarationFlags::LEXICAL != 0 {
                        return self.redeclaration_error(identifier);
                    }
                    *entry |= DeclarationFlags::TOP_LEVEL_FUNCTION;
                    Ok(())
                }
                ScopeKind::Module => self.declare_lexical(identifier, DeclarationFlags::LEXICAL),
                ScopeKind::Block => {
                    let flags = if plain && !self.strict {
                        DeclarationFlags::LEXICAL | DeclarationFlags::SLOPPY_BLOCK_FUNCTION
                    } else {
                        DeclarationFlags::LEXICAL
                    };
                    self.declare_lexical(identifier, flags)
                }
            },
            DeclarationKind::CatchParameter { simple } => {
                let flag = if simple {
                    DeclarationFlags::SIMPLE_CATCH_PARAMETER
                } else {
                    DeclarationFlags::PATTERN_CATCH_PARAMETER
                };
                let entry = self.scopes.flags_entry(innermost, name);
                if *entry != 0 {
                    return self.redeclaration_error(identifier);
                }
                *entry = flag;
                Ok(())
            }
            DeclarationKind::Var => {
                if self.scopes.declare_var(name) {
                    Ok(())
                } else {
                    self.redeclaration_error(identifier)
                }
            }
        }
    }

    /// Declares `identifier` with `flags` (lexical) in the innermost scope, which exists.
    fn declare_lexical(&mut self, identifier: Identifier, flags: u8) -> ParseResult<()> {
        let innermost = self.scopes.frames.len() - 1;
        let entry = self.scopes.flags_entry(innermost, identifier.name);
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
        let Some(innermost) = self.scopes.frames.len().checked_sub(1) else {
            return Ok(());
        };
        for index in 0..self.scopes.parameter_names.len() {
            let identifier = self.scopes.parameter_names[index];
            if became_strict {
                self.check_strict_binding_name(identifier)?;
            }
            let entry = self.scopes.flags_entry(innermost, identifier.name);
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
            .len()
            .checked_sub(1)
            .is_some_and(|innermost| self.scopes.flags_in(innermost, name).is_some())
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

#[cfg(test)]
mod tests {
    use crate::{Arena, Interner, parse_script};

    /// Whether tseval accepts `source` as a script.
    fn accepts(source: &str) -> bool {
        let arena = Arena::new();
        let mut interner = Interner::new();
        parse_script(source, "case.js", &arena, &mut interner).is_ok()
    }

    /// Redeclaration early errors across nested, closed and reopened scopes. The expected
    /// verdicts are Node's (`node --check`), not this parser's output.
    #[test]
    fn redeclarations_follow_the_scopes_that_are_open() {
        let cases: &[(&str, bool)] = &[
            ("{ { var x; } let x; }", false),
            ("{ let x; } { let x; }", true),
            ("{ let x; { var x; } }", false),
            ("function f(a) { { let a; } }", true),
            ("function f(a) { let a; }", false),
            ("try {} catch (e) { var e; }", true),
            ("try {} catch ([e]) { var e; }", false),
            ("try {} catch (e) { let e; }", false),
            (
                "function f() { var g; function g() {} let h; { function h() {} } }",
                true,
            ),
            ("function f() { let y; function y() {} }", false),
            ("{ function k() {} function k() {} }", true),
            ("\"use strict\"; { function k() {} function k() {} }", false),
            ("function f(a, a) {}", true),
            ("\"use strict\"; function f(a, a) {}", false),
            ("(a, a) => 1", false),
            ("var v; let w; { let v; var q; } let q;", false),
            ("for (let i of []) { var i; }", false),
            ("for (let i of []) { let i; }", true),
            ("switch (0) { case 0: let z; break; case 1: let z; }", false),
            ("switch (0) { case 0: let z; } let z;", true),
            ("label: { let a; { var b; } } var a;", true),
            ("function f() { { var m; } { let m; } }", true),
            ("function f() { { let m; } var m; }", true),
            ("let n; function n() {}", false),
            ("class C { m() { let o; var o; } }", false),
        ];
        let wrong: Vec<&str> = cases
            .iter()
            .filter(|(source, expected)| accepts(source) != *expected)
            .map(|(source, _)| *source)
            .collect();
        assert!(wrong.is_empty(), "wrong verdicts: {wrong:?}");
    }

    /// `var` in deeply nested blocks marks every block out to the function, and clashes with
    /// a `let` at any of those levels (Node rejects the second program, accepts the first).
    #[test]
    fn var_in_nested_blocks_reaches_every_enclosing_block() {
        let depth = 150;
        let mut accepted = String::from("function f() {");
        let mut rejected = String::from("function f() {");
        for level in 0..depth {
            accepted.push('{');
            rejected.push('{');
            if level == depth / 2 {
                rejected.push_str("let x;");
            }
        }
        for _ in 0..3 {
            accepted.push_str("var x;");
            rejected.push_str("var x;");
        }
        for _ in 0..depth {
            accepted.push('}');
            rejected.push('}');
        }
        accepted.push_str("let y; { let x; } }");
        rejected.push('}');
        assert!(accepts(&accepted));
        assert!(!accepts(&rejected));
    }

    /// Many sibling scopes declaring the same names: closed scopes give their records back,
    /// so the pool stays at the size of one scope and every scope starts clean.
    #[test]
    fn closed_scopes_forget_their_declarations() {
        let mut source = String::new();
        for index in 0..500 {
            source.push_str(&format!(
                "{{ let shared; var hoisted{index}; {{ let shared; }} }}\n"
            ));
        }
        assert!(accepts(&source));
        source.push_str("let hoisted7;");
        assert!(
            !accepts(&source),
            "the hoisted var still clashes at the top"
        );
    }
}
