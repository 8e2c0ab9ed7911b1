//! The abstract syntax tree produced by the parser.
//!
//! # Memory layout
//!
//! Every node lives in one `bumpalo::Bump` arena with lifetime `'a`. We use bumpalo rather than
//! `typed-arena` because the AST is heterogeneous (about sixty node types): typed-arena needs
//! one arena per type, threaded through the parser, while a bump arena takes any `T` and also
//! builds lists in place (`bumpalo::collections::Vec` -> `into_bump_slice`), so every list in
//! the tree is a plain `&'a [T]` with no separate heap allocation. Nodes have no `Drop`, so
//! freeing the whole tree is freeing the arena's chunks. Re-exported as [`crate::Arena`].
//!
//! Sum types (`Statement`, `Expression`, ...) are 16-byte enums whose variants hold `&'a Node`
//! (or a tiny `Copy` payload such as an [`Identifier`] or a [`Span`]), so matching is cheap and
//! the enums can be stored inline in slices.
//!
//! # Conventions
//!
//! * Every node carries a [`Span`] (byte offsets into the source); sum types have `span()`.
//! * Names are interned [`Atom`]s; `Interner::resolve(atom)` gives the `&str` back.
//! * Parentheses are not represented (`(a)` is `a`), except that the extent of an optional
//!   chain is explicit ([`Expression::OptionalChain`]), so `(a?.b).c` and `a?.b.c` differ.
//! * TypeScript type-only syntax (annotations, interfaces, type aliases, `declare`d items,
//!   overload signatures, abstract members, index signatures, `as`/`satisfies`/`!`, type
//!   arguments, `import type`, ...) is dropped. A namespace whose body ends up empty after that
//!   dropping (a non-instantiated namespace) is dropped as well, as `tsc` does.
//! * String values are "cooked" UTF-16 code units (`&'a [u16]`), which represent lone
//!   surrogates losslessly; [`StringLiteral::atom`] additionally gives the interned name of a
//!   string used as a name (property key, module or export name, enum member) when the value
//!   is well-formed Unicode (always the case except for lone surrogates).
//! * Nesting depth is bounded by the parser (see `parser::MAX_NESTING_DEPTH`), so a recursive
//!   walk over this tree cannot overflow the native stack if it uses a modest frame size.

pub use tseval_lexer::{Atom, Span};

/// A UTF-16 string value in the arena (cooked string literal / template contents).
pub type Utf16<'a> = &'a [u16];

// ---------------------------------------------------------------------------------------------
// Program, directives, identifiers
// ---------------------------------------------------------------------------------------------

/// Whether a file is a classic script or an ES module. A file is parsed as a module when it
/// is requested as one, or when it contains a top-level `import`/`export` declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceType {
    /// Sloppy-by-default script goal.
    Script,
    /// Module goal: always strict, top-level `await` allowed, import/export allowed.
    Module,
}

/// The root of a parsed file.
#[derive(Debug, Clone, Copy)]
pub struct Program<'a> {
    pub span: Span,
    pub source_type: SourceType,
    /// The directive prologue (`"use strict";` ...), not repeated in `body`.
    pub directives: &'a [Directive<'a>],
    pub body: &'a [Statement<'a>],
    /// True when the code is strict: a module, or a script whose prologue has "use strict".
    pub is_strict: bool,
}

/// One string-literal statement in a directive prologue.
#[derive(Debug, Clone, Copy)]
pub struct Directive<'a> {
    pub span: Span,
    /// The raw text between the quotes (directives compare raw text, e.g. `use strict`).
    pub raw: &'a str,
}

/// An identifier reference, binding name, label, or static property name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identifier {
    pub span: Span,
    pub name: Atom,
}

/// A class private name `#x`; `name` is the atom of `x` (without the `#`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrivateIdentifier {
    pub span: Span,
    pub name: Atom,
}

// ---------------------------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------------------------

/// Any statement or declaration that may appear in a statement list.
#[derive(Debug, Clone, Copy)]
pub enum Statement<'a> {
    /// `expr;`
    Expression(&'a ExpressionStatement<'a>),
    /// `{ ... }`
    Block(&'a BlockStatement<'a>),
    /// `;`
    Empty(Span),
    /// `debugger;`
    Debugger(Span),
    /// `var`/`let`/`const` declaration (TS `declare` ones are dropped).
    VariableDeclaration(&'a VariableDeclaration<'a>),
    /// `function f() {}` (also async / generator). Bodyless overloads are dropped.
    FunctionDeclaration(&'a Function<'a>),
    /// `class C {}`.
    ClassDeclaration(&'a Class<'a>),
    /// `if (test) consequent else alternate`
    If(&'a IfStatement<'a>),
    /// `for (init; test; update) body`
    For(&'a ForStatement<'a>),
    /// `for (left in right) body`
    ForIn(&'a ForInStatement<'a>),
    /// `for (left of right) body` and `for await (left of right) body`
    ForOf(&'a ForOfStatement<'a>),
    /// `while (test) body`
    While(&'a WhileStatement<'a>),
    /// `do body while (test)`
    DoWhile(&'a DoWhileStatement<'a>),
    /// `switch (discriminant) { cases }`
    Switch(&'a SwitchStatement<'a>),
    /// `try {} catch (e) {} finally {}`
    Try(&'a TryStatement<'a>),
    /// `throw argument;`
    Throw(&'a ThrowStatement<'a>),
    /// `return argument?;`
    Return(&'a ReturnStatement<'a>),
    /// `break label?;`
    Break(&'a BreakStatement),
    /// `continue label?;`
    Continue(&'a ContinueStatement),
    /// `label: body`
    Labeled(&'a LabeledStatement<'a>),
    /// `with (object) body` (sloppy mode only)
    With(&'a WithStatement<'a>),
    /// `import ... from "m";` (module goal only)
    Import(&'a ImportDeclaration<'a>),
    /// `export <declaration>`, `export { a as b }`, `export { a } from "m"`. Inside a TS
    /// namespace body, `export <declaration>` marks a namespace member.
    ExportNamed(&'a ExportNamedDeclaration<'a>),
    /// `export default ...`
    ExportDefault(&'a ExportDefaultDeclaration<'a>),
    /// `export * from "m"` / `export * as ns from "m"`
    ExportAll(&'a ExportAllDeclaration<'a>),
    /// TS `enum E { ... }` / `const enum E { ... }`.
    Enum(&'a EnumDeclaration<'a>),
    /// TS `namespace N { ... }` / `module N { ... }` (instantiated ones only).
    Namespace(&'a NamespaceDeclaration<'a>),
    /// TS `import x = A.B.C;` / `import x = require("m");`
    ImportEquals(&'a ImportEqualsDeclaration<'a>),
}

/// A declaration that can follow `export` (in modules and in TS namespace bodies).
#[derive(Debug, Clone, Copy)]
pub enum Declaration<'a> {
    Variable(&'a VariableDeclaration<'a>),
    Function(&'a Function<'a>),
    Class(&'a Class<'a>),
    Enum(&'a EnumDeclaration<'a>),
    Namespace(&'a NamespaceDeclaration<'a>),
    ImportEquals(&'a ImportEqualsDeclaration<'a>),
}

/// `expression;`
#[derive(Debug, Clone, Copy)]
pub struct ExpressionStatement<'a> {
    pub span: Span,
    pub expression: Expression<'a>,
}

/// `{ body }`
#[derive(Debug, Clone, Copy)]
pub struct BlockStatement<'a> {
    pub span: Span,
    pub body: &'a [Statement<'a>],
}

/// The declaration keyword of a [`VariableDeclaration`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VariableKind {
    Var,
    Let,
    Const,
    /// `using x = resource;` (explicit resource management; every binding is an identifier
    /// with an initialiser, except in a for-of head).
    Using,
    /// `await using x = resource;` (only where `await` is an operator).
    AwaitUsing,
}

/// `var a = 1, {b} = c;`
#[derive(Debug, Clone, Copy)]
pub struct VariableDeclaration<'a> {
    pub span: Span,
    pub kind: VariableKind,
    pub declarators: &'a [VariableDeclarator<'a>],
}

/// One `target = init` item of a variable declaration.
#[derive(Debug, Clone, Copy)]
pub struct VariableDeclarator<'a> {
    pub span: Span,
    pub target: BindingPattern<'a>,
    pub init: Option<Expression<'a>>,
}

/// `if (test) consequent else alternate`
#[derive(Debug, Clone, Copy)]
pub struct IfStatement<'a> {
    pub span: Span,
    pub test: Expression<'a>,
    pub consequent: Statement<'a>,
    pub alternate: Option<Statement<'a>>,
}

/// The first clause of a C-style `for`.
#[derive(Debug, Clone, Copy)]
pub enum ForInit<'a> {
    VariableDeclaration(&'a VariableDeclaration<'a>),
    Expression(Expression<'a>),
}

/// `for (init; test; update) body`
#[derive(Debug, Clone, Copy)]
pub struct ForStatement<'a> {
    pub span: Span,
    pub init: Option<ForInit<'a>>,
    pub test: Option<Expression<'a>>,
    pub update: Option<Expression<'a>>,
    pub body: Statement<'a>,
}

/// The left side of `for-in` / `for-of`.
#[derive(Debug, Clone, Copy)]
pub enum ForInOfLeft<'a> {
    /// `for (const x of ...)`: exactly one declarator; its `init` is `None` except for the
    /// Annex B sloppy-mode `for (var x = 1 in o)`.
    VariableDeclaration(&'a VariableDeclaration<'a>),
    /// `for (a.b of ...)`, `for ([a, b] of ...)`.
    Target(AssignmentTarget<'a>),
}

/// `for (left in right) body`
#[derive(Debug, Clone, Copy)]
pub struct ForInStatement<'a> {
    pub span: Span,
    pub left: ForInOfLeft<'a>,
    pub right: Expression<'a>,
    pub body: Statement<'a>,
}

/// `for (left of right) body`; `is_await` for `for await`.
#[derive(Debug, Clone, Copy)]
pub struct ForOfStatement<'a> {
    pub span: Span,
    pub is_await: bool,
    pub left: ForInOfLeft<'a>,
    pub right: Expression<'a>,
    pub body: Statement<'a>,
}

/// `while (test) body`
#[derive(Debug, Clone, Copy)]
pub struct WhileStatement<'a> {
    pub span: Span,
    pub test: Expression<'a>,
    pub body: Statement<'a>,
}

/// `do body while (test)`
#[derive(Debug, Clone, Copy)]
pub struct DoWhileStatement<'a> {
    pub span: Span,
    pub body: Statement<'a>,
    pub test: Expression<'a>,
}

/// `switch (discriminant) { cases }`
#[derive(Debug, Clone, Copy)]
pub struct SwitchStatement<'a> {
    pub span: Span,
    pub discriminant: Expression<'a>,
    pub cases: &'a [SwitchCase<'a>],
}

/// `case test: consequent` or `default: consequent` (`test` is `None`).
#[derive(Debug, Clone, Copy)]
pub struct SwitchCase<'a> {
    pub span: Span,
    pub test: Option<Expression<'a>>,
    pub consequent: &'a [Statement<'a>],
}

/// `try block catch (param) body finally finalizer`; at least one of handler/finalizer.
#[derive(Debug, Clone, Copy)]
pub struct TryStatement<'a> {
    pub span: Span,
    pub block: &'a BlockStatement<'a>,
    pub handler: Option<&'a CatchClause<'a>>,
    pub finalizer: Option<&'a BlockStatement<'a>>,
}

/// `catch (param) body`; `param` is `None` for `catch { }`.
#[derive(Debug, Clone, Copy)]
pub struct CatchClause<'a> {
    pub span: Span,
    pub param: Option<BindingPattern<'a>>,
    pub body: &'a BlockStatement<'a>,
}

/// `throw argument;`
#[derive(Debug, Clone, Copy)]
pub struct ThrowStatement<'a> {
    pub span: Span,
    pub argument: Expression<'a>,
}

/// `return argument;`
#[derive(Debug, Clone, Copy)]
pub struct ReturnStatement<'a> {
    pub span: Span,
    pub argument: Option<Expression<'a>>,
}

/// `break label;` (the parser checks that the label exists and that an unlabelled `break`
/// is inside a loop or switch).
#[derive(Debug, Clone, Copy)]
pub struct BreakStatement {
    pub span: Span,
    pub label: Option<Identifier>,
}

/// `continue label;` (the parser checks that the label names an enclosing loop).
#[derive(Debug, Clone, Copy)]
pub struct ContinueStatement {
    pub span: Span,
    pub label: Option<Identifier>,
}

/// `label: body`
#[derive(Debug, Clone, Copy)]
pub struct LabeledStatement<'a> {
    pub span: Span,
    pub label: Identifier,
    pub body: Statement<'a>,
}

/// `with (object) body`
#[derive(Debug, Clone, Copy)]
pub struct WithStatement<'a> {
    pub span: Span,
    pub object: Expression<'a>,
    pub body: Statement<'a>,
}

// ---------------------------------------------------------------------------------------------
// Modules
// ---------------------------------------------------------------------------------------------

/// A module export/import name: an identifier name or a (well-formed) string literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModuleExportName {
    pub span: Span,
    pub name: Atom,
}

/// `import defaultName, * as ns from "source";` / `import { a as b } from "source";` /
/// `import "source";`. Type-only imports and specifiers are dropped.
#[derive(Debug, Clone, Copy)]
pub struct ImportDeclaration<'a> {
    pub span: Span,
    pub specifiers: &'a [ImportSpecifier],
    pub source: &'a StringLiteral<'a>,
    /// `with { type: "json" }` attributes, as (key, value) pairs.
    pub attributes: &'a [ImportAttribute<'a>],
    /// `import defer * as ns from ...` / `import source x from ...` (default: evaluation).
    pub phase: ImportPhase,
}

/// The phase of a static or dynamic import: the ordinary evaluation phase, the deferred
/// evaluation of `import defer` / `import.defer(...)`, or the source phase of
/// `import source` / `import.source(...)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportPhase {
    Evaluation,
    Defer,
    Source,
}

/// One imported binding.
#[derive(Debug, Clone, Copy)]
pub enum ImportSpecifier {
    /// `import local from ...`
    Default { span: Span, local: Identifier },
    /// `import * as local from ...`
    Namespace { span: Span, local: Identifier },
    /// `import { imported as local } from ...`
    Named {
        span: Span,
        imported: ModuleExportName,
        local: Identifier,
    },
}

/// `key: "value"` in an import attributes clause.
#[derive(Debug, Clone, Copy)]
pub struct ImportAttribute<'a> {
    pub span: Span,
    pub key: ModuleExportName,
    pub value: &'a StringLiteral<'a>,
}

/// `export var x;`, `export { a as b };`, `export { a } from "m";`
#[derive(Debug, Clone, Copy)]
pub struct ExportNamedDeclaration<'a> {
    pub span: Span,
    /// Set for `export <declaration>`; then `specifiers` is empty and `source` is `None`.
    pub declaration: Option<Declaration<'a>>,
    pub specifiers: &'a [ExportSpecifier],
    pub source: Option<&'a StringLiteral<'a>>,
}

/// `local as exported` in an export list.
#[derive(Debug, Clone, Copy)]
pub struct ExportSpecifier {
    pub span: Span,
    pub local: ModuleExportName,
    pub exported: ModuleExportName,
}

/// `export default ...`
#[derive(Debug, Clone, Copy)]
pub struct ExportDefaultDeclaration<'a> {
    pub span: Span,
    pub kind: ExportDefaultKind<'a>,
    /// TypeScript `export = expression;` (CommonJS-style export assignment), represented as a
    /// default export of the expression: within one program it is what importers of the
    /// module's default see. `kind` is then always [`ExportDefaultKind::Expression`].
    pub is_export_assignment: bool,
}

/// What follows `export default`.
#[derive(Debug, Clone, Copy)]
pub enum ExportDefaultKind<'a> {
    /// `export default function [name]() {}` (a declaration; `id` may be `None`).
    Function(&'a Function<'a>),
    /// `export default class [Name] {}` (a declaration; `id` may be `None`).
    Class(&'a Class<'a>),
    /// `export default <assignment expression>;`
    Expression(Expression<'a>),
}

/// `export * from "m";` / `export * as exported from "m";`
#[derive(Debug, Clone, Copy)]
pub struct ExportAllDeclaration<'a> {
    pub span: Span,
    pub exported: Option<ModuleExportName>,
    pub source: &'a StringLiteral<'a>,
}

// ---------------------------------------------------------------------------------------------
// TypeScript run-time constructs
// ---------------------------------------------------------------------------------------------

/// TS `enum Name { members }` / `const enum`. `declare enum` is dropped.
#[derive(Debug, Clone, Copy)]
pub struct EnumDeclaration<'a> {
    pub span: Span,
    pub id: Identifier,
    pub members: &'a [EnumMember<'a>],
    /// `const enum`: tsc inlines these; evaluating them like a normal enum is also correct
    /// for run-time behaviour of the declaring file.
    pub is_const: bool,
}

/// `Name = initializer` inside an enum. The name may have been written as a string literal.
#[derive(Debug, Clone, Copy)]
pub struct EnumMember<'a> {
    pub span: Span,
    pub name: Atom,
    pub name_span: Span,
    pub initializer: Option<Expression<'a>>,
}

/// TS `namespace Name { body }`. A dotted `namespace A.B { }` is represented as
/// `A { export namespace B { } }`, which is exactly its meaning. `export`ed members inside
/// `body` appear as [`Statement::ExportNamed`] with a `declaration`.
#[derive(Debug, Clone, Copy)]
pub struct NamespaceDeclaration<'a> {
    pub span: Span,
    pub id: Identifier,
    pub body: &'a [Statement<'a>],
}

/// TS `import id = reference;` (`export import` via [`Declaration::ImportEquals`]).
#[derive(Debug, Clone, Copy)]
pub struct ImportEqualsDeclaration<'a> {
    pub span: Span,
    pub id: Identifier,
    pub reference: ModuleReference<'a>,
}

/// The right side of an import-equals declaration.
#[derive(Debug, Clone, Copy)]
pub enum ModuleReference<'a> {
    /// `A.B.C`: at least one identifier, left to right.
    EntityName(&'a [Identifier]),
    /// `require("m")`.
    External(&'a StringLiteral<'a>),
}

// ---------------------------------------------------------------------------------------------
// Functions and classes
// ---------------------------------------------------------------------------------------------

/// Any function: declarations, expressions, arrows, methods, getters/setters, constructors.
#[derive(Debug, Clone, Copy)]
pub struct Function<'a> {
    pub span: Span,
    /// The binding name of declarations and named function/class-less expressions. Methods
    /// and arrows have `None` (a method's name is its [`ClassMethod::key`] / property key).
    pub id: Option<Identifier>,
    pub params: &'a FormalParameters<'a>,
    pub body: &'a FunctionBody<'a>,
    pub is_arrow: bool,
    pub is_async: bool,
    pub is_generator: bool,
    /// `x => expr`: `body.statements` is a single [`Statement::Return`] of the expression.
    pub is_expression_body: bool,
    /// True when the body's own directive prologue contains "use strict" (strictness
    /// inherited from the enclosing code is for the compiler to combine).
    pub has_use_strict_directive: bool,
}

/// The parameter list of a function.
#[derive(Debug, Clone, Copy)]
pub struct FormalParameters<'a> {
    pub span: Span,
    pub items: &'a [FormalParameter<'a>],
    /// `...rest` (never has a default).
    pub rest: Option<BindingPattern<'a>>,
    /// True when every parameter is a plain identifier without default and there is no rest
    /// (the spec's IsSimpleParameterList: decides mapped `arguments` and strict-body rules).
    pub is_simple: bool,
}

/// One formal parameter `pattern = default`.
#[derive(Debug, Clone, Copy)]
pub struct FormalParameter<'a> {
    pub span: Span,
    pub pattern: BindingPattern<'a>,
    pub default: Option<Expression<'a>>,
    /// TS constructor parameter property (`constructor(public x: number)`): the compiler
    /// must emit `this.x = x` at the start of the constructor (after `super()` in derived
    /// classes). Only set on constructor parameters whose pattern is an identifier.
    pub parameter_property: Option<ParameterProperty>,
    /// TypeScript (legacy, `experimentalDecorators`) parameter decorators
    /// `constructor(@Inject() service)`. Empty almost always; the compiler should report
    /// non-empty lists as not supported.
    pub decorators: &'a [Decorator<'a>],
}

/// `@expression` before a class, a class member or (TypeScript) a parameter: a
/// DecoratorMemberExpression (`@a.b.#c`), DecoratorCallExpression (`@a.b(args)`) or
/// DecoratorParenthesizedExpression (`@(expr)`). The compiler gives class and member decorators
/// their standard (TC39) semantics and reports the forms it does not support yet (parameter
/// decorators, decorators on private members) at the decorator.
#[derive(Debug, Clone, Copy)]
pub struct Decorator<'a> {
    pub span: Span,
    pub expression: Expression<'a>,
}

/// Modifiers of a TS parameter property (informational; run-time behaviour is the same).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParameterProperty {
    pub accessibility: Option<Accessibility>,
    pub is_readonly: bool,
    pub is_override: bool,
}

/// TS accessibility modifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accessibility {
    Public,
    Private,
    Protected,
}

/// A function body: directive prologue plus statements.
#[derive(Debug, Clone, Copy)]
pub struct FunctionBody<'a> {
    pub span: Span,
    pub directives: &'a [Directive<'a>],
    pub statements: &'a [Statement<'a>],
}

/// A class declaration or expression.
#[derive(Debug, Clone, Copy)]
pub struct Class<'a> {
    pub span: Span,
    pub id: Option<Identifier>,
    /// `extends <LeftHandSideExpression>`
    pub super_class: Option<Expression<'a>>,
    /// Members in source order (type-only members dropped).
    pub body: &'a [ClassElement<'a>],
    /// TS `abstract class` (informational).
    pub is_abstract: bool,
    /// `@dec class C {}` / `export @dec class C {}`: decorators on the class itself.
    pub decorators: &'a [Decorator<'a>],
}

/// A member of a class body.
#[derive(Debug, Clone, Copy)]
pub enum ClassElement<'a> {
    /// Constructor, method, getter or setter.
    Method(&'a ClassMethod<'a>),
    /// Public or private field `key = value;` (TS `declare` fields and abstract fields are
    /// dropped; fields with only a type annotation are kept, without value).
    Field(&'a ClassField<'a>),
    /// `static { ... }`
    StaticBlock(&'a StaticBlock<'a>),
}

/// What kind of method a [`ClassMethod`] or object-literal method is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodKind {
    Constructor,
    Method,
    Get,
    Set,
}

/// A class method: `key(params) { body }`, `get key() {}`, `static set key(v) {}`, ...
#[derive(Debug, Clone, Copy)]
pub struct ClassMethod<'a> {
    pub span: Span,
    pub key: PropertyKey<'a>,
    pub kind: MethodKind,
    pub is_static: bool,
    pub value: &'a Function<'a>,
    /// Decorators written before the method (see [`Decorator`]).
    pub decorators: &'a [Decorator<'a>],
}

/// A class field `[static] [accessor] key [= value];`
#[derive(Debug, Clone, Copy)]
pub struct ClassField<'a> {
    pub span: Span,
    pub key: PropertyKey<'a>,
    pub value: Option<Expression<'a>>,
    pub is_static: bool,
    /// `accessor key = value;` (an auto-accessor: a private storage slot plus a getter and a
    /// setter on the prototype, or on the class for `static accessor`).
    pub is_accessor: bool,
    /// Decorators written before the field (see [`Decorator`]).
    pub decorators: &'a [Decorator<'a>],
}

/// `static { body }`
#[derive(Debug, Clone, Copy)]
pub struct StaticBlock<'a> {
    pub span: Span,
    pub body: &'a [Statement<'a>],
}

/// A property name in object literals, classes, patterns.
#[derive(Debug, Clone, Copy)]
pub enum PropertyKey<'a> {
    /// `a` in `{a: 1}`, `o.a`-style static names (any IdentifierName, keywords included).
    Identifier(Identifier),
    /// `"a-b"` in `{"a-b": 1}`.
    String(&'a StringLiteral<'a>),
    /// `1` in `{1: x}`; the compiler canonicalises with Number::toString.
    Number(&'a NumericLiteral),
    /// `1n` in `{1n: x}`.
    BigInt(&'a BigIntLiteral<'a>),
    /// `[expr]`.
    Computed(Expression<'a>),
    /// `#x` (class elements only).
    Private(PrivateIdentifier),
}

// ---------------------------------------------------------------------------------------------
// Patterns and assignment targets
// ---------------------------------------------------------------------------------------------

/// A binding target in declarations, parameters and catch clauses.
#[derive(Debug, Clone, Copy)]
pub enum BindingPattern<'a> {
    Identifier(Identifier),
    Object(&'a ObjectPattern<'a>),
    Array(&'a ArrayPattern<'a>),
}

/// `{ a, b: c = 1, ...rest }` as a binding.
#[derive(Debug, Clone, Copy)]
pub struct ObjectPattern<'a> {
    pub span: Span,
    pub properties: &'a [BindingProperty<'a>],
    pub rest: Option<Identifier>,
}

/// `key: target = default`; for shorthand `a = 1`, `key` is `a` and `value.target` is `a`.
#[derive(Debug, Clone, Copy)]
pub struct BindingProperty<'a> {
    pub span: Span,
    pub key: PropertyKey<'a>,
    pub value: BindingElement<'a>,
    pub shorthand: bool,
}

/// `target = default` inside a pattern.
#[derive(Debug, Clone, Copy)]
pub struct BindingElement<'a> {
    pub span: Span,
    pub target: BindingPattern<'a>,
    pub default: Option<Expression<'a>>,
}

/// `[a, , b = 1, ...rest]` as a binding; `None` elements are holes.
#[derive(Debug, Clone, Copy)]
pub struct ArrayPattern<'a> {
    pub span: Span,
    pub elements: &'a [Option<BindingElement<'a>>],
    pub rest: Option<BindingPattern<'a>>,
}

/// An identifier or member expression: the target of `+=`, `++`, and the leaves of
/// destructuring assignments. Member targets may have `super` as object, never `?.`.
#[derive(Debug, Clone, Copy)]
pub enum SimpleAssignmentTarget<'a> {
    Identifier(Identifier),
    Member(&'a MemberExpression<'a>),
    /// `f() = 1`, `f() += 1`, `f()++`, `for (f() of xs)` in sloppy code (the web-compatibility
    /// AssignmentTargetType of a call): the call is evaluated, then a ReferenceError is
    /// thrown before anything else happens. Never inside a destructuring pattern, never in
    /// strict code, never for `&&=`, `||=` and `??=`.
    Call(&'a CallExpression<'a>),
}

/// The left side of `=` and of for-in/of heads.
#[derive(Debug, Clone, Copy)]
pub enum AssignmentTarget<'a> {
    Simple(SimpleAssignmentTarget<'a>),
    Object(&'a ObjectAssignmentPattern<'a>),
    Array(&'a ArrayAssignmentPattern<'a>),
}

/// `({ a, b: c.d = 1, ...rest } = value)`
#[derive(Debug, Clone, Copy)]
pub struct ObjectAssignmentPattern<'a> {
    pub span: Span,
    pub properties: &'a [AssignmentTargetProperty<'a>],
    pub rest: Option<SimpleAssignmentTarget<'a>>,
}

/// `key: target = default`; shorthand `a = 1` has `key` `a` and target identifier `a`.
#[derive(Debug, Clone, Copy)]
pub struct AssignmentTargetProperty<'a> {
    pub span: Span,
    pub key: PropertyKey<'a>,
    pub value: AssignmentTargetWithDefault<'a>,
    pub shorthand: bool,
}

/// `target = default` in an assignment pattern.
#[derive(Debug, Clone, Copy)]
pub struct AssignmentTargetWithDefault<'a> {
    pub span: Span,
    pub target: AssignmentTarget<'a>,
    pub default: Option<Expression<'a>>,
}

/// `[a, , b.c = 1, ...rest] = value`; `None` elements are holes.
#[derive(Debug, Clone, Copy)]
pub struct ArrayAssignmentPattern<'a> {
    pub span: Span,
    pub elements: &'a [Option<AssignmentTargetWithDefault<'a>>],
    pub rest: Option<AssignmentTarget<'a>>,
}

// ---------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------

/// Any expression.
#[derive(Debug, Clone, Copy)]
pub enum Expression<'a> {
    /// `1.5`, `0x10`, `1_000`
    Number(&'a NumericLiteral),
    /// `"text"`
    String(&'a StringLiteral<'a>),
    /// `123n`
    BigInt(&'a BigIntLiteral<'a>),
    /// `true` / `false`
    Boolean(BooleanLiteral),
    /// `null`
    Null(Span),
    /// `/pattern/flags`
    RegExp(&'a RegExpLiteral<'a>),
    /// `` `a${b}c` ``
    Template(&'a TemplateLiteral<'a>),
    /// `` tag`a${b}` ``
    TaggedTemplate(&'a TaggedTemplateExpression<'a>),
    /// An identifier reference (includes `undefined`, `arguments`, `eval`).
    Identifier(Identifier),
    /// `this`
    This(Span),
    /// `super`: appears only as the `object` of a [`MemberExpression`] or the `callee` of a
    /// [`CallExpression`] (`super(...)`); the parser guarantees it is never elsewhere.
    Super(Span),
    /// `new.target`
    NewTarget(Span),
    /// `import.meta`
    ImportMeta(Span),
    /// `[a, , ...b]`
    Array(&'a ArrayExpression<'a>),
    /// `{ a, b: 1, [c]: 2, ...d, m() {}, get g() {} }`
    Object(&'a ObjectExpression<'a>),
    /// Function expression or arrow function (see [`Function::is_arrow`]).
    Function(&'a Function<'a>),
    /// Class expression.
    Class(&'a Class<'a>),
    /// `-a`, `!a`, `typeof a`, `delete a.b`, ...
    Unary(&'a UnaryExpression<'a>),
    /// `++a`, `a--`
    Update(&'a UpdateExpression<'a>),
    /// `a + b`, `a in b`, `a instanceof b`, ...
    Binary(&'a BinaryExpression<'a>),
    /// `#x in obj`
    PrivateIn(&'a PrivateInExpression<'a>),
    /// `a && b`, `a || b`, `a ?? b`
    Logical(&'a LogicalExpression<'a>),
    /// `a = b`, `a += b`, `a ??= b`, `[a, b] = c`
    Assignment(&'a AssignmentExpression<'a>),
    /// `test ? consequent : alternate`
    Conditional(&'a ConditionalExpression<'a>),
    /// `a, b, c`
    Sequence(&'a SequenceExpression<'a>),
    /// `f(a, ...b)`, `a?.b()`, `super(x)`
    Call(&'a CallExpression<'a>),
    /// `new C(a)` / `new C`
    New(&'a NewExpression<'a>),
    /// `a.b`, `a[b]`, `a.#b`, `super.x`, and links of optional chains.
    Member(&'a MemberExpression<'a>),
    /// The extent of an optional chain: `a?.b.c()` is `OptionalChain(Call(Member(Member(a,
    /// b, optional), c)))`. When any link marked `optional` finds a nullish object/callee,
    /// the whole `OptionalChain` evaluates to `undefined` at once.
    OptionalChain(&'a OptionalChain<'a>),
    /// `yield`, `yield arg`, `yield* arg`
    Yield(&'a YieldExpression<'a>),
    /// `await arg`
    Await(&'a AwaitExpression<'a>),
    /// `import(source)` / `import(source, options)`
    ImportCall(&'a ImportCallExpression<'a>),
}

/// A number literal with its exact value.
#[derive(Debug, Clone, Copy)]
pub struct NumericLiteral {
    pub span: Span,
    pub value: f64,
}

/// A string literal: cooked UTF-16 value, plus its atom when well-formed and used as a name.
#[derive(Debug, Clone, Copy)]
pub struct StringLiteral<'a> {
    pub span: Span,
    pub value: Utf16<'a>,
    /// The interned value of a string used as a name (a property key, a module name or
    /// export name, an enum member); `None` when `value` contains a lone surrogate, and
    /// always `None` for a string in expression position ([`Expression::String`]), which is
    /// compiled from `value` alone.
    pub atom: Option<Atom>,
}

/// `123n`: `digits` is the literal's text without separators and without the `n`, with its
/// radix prefix kept (`0x1f`, `0o17`, `0b101`, or decimal digits).
#[derive(Debug, Clone, Copy)]
pub struct BigIntLiteral<'a> {
    pub span: Span,
    pub digits: &'a str,
}

/// `true` / `false`
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BooleanLiteral {
    pub span: Span,
    pub value: bool,
}

/// `/pattern/flags` (pattern syntax is validated later by the regex engine).
#[derive(Debug, Clone, Copy)]
pub struct RegExpLiteral<'a> {
    pub span: Span,
    pub pattern: &'a str,
    pub flags: &'a str,
}

/// One literal chunk of a template.
#[derive(Debug, Clone, Copy)]
pub struct TemplateElement<'a> {
    pub span: Span,
    /// Cooked value; `None` for an invalid escape (allowed only in tagged templates).
    pub cooked: Option<Utf16<'a>>,
    /// Raw text (TemplateRawStrings: CR and CRLF normalised to LF).
    pub raw: &'a str,
}

/// `` `q0${e0}q1${e1}q2` ``: `quasis.len() == expressions.len() + 1`.
#[derive(Debug, Clone, Copy)]
pub struct TemplateLiteral<'a> {
    pub span: Span,
    pub quasis: &'a [TemplateElement<'a>],
    pub expressions: &'a [Expression<'a>],
}

/// `` tag`...` `` (TS type arguments on the tag are dropped).
#[derive(Debug, Clone, Copy)]
pub struct TaggedTemplateExpression<'a> {
    pub span: Span,
    pub tag: Expression<'a>,
    pub quasi: &'a TemplateLiteral<'a>,
}

/// An element of an array literal.
#[derive(Debug, Clone, Copy)]
pub enum ArrayElement<'a> {
    /// An elision `[, x]`; the span is the comma's position.
    Hole(Span),
    Expression(Expression<'a>),
    Spread(&'a SpreadElement<'a>),
}

/// `...argument` in array literals, object literals and call arguments.
#[derive(Debug, Clone, Copy)]
pub struct SpreadElement<'a> {
    pub span: Span,
    pub argument: Expression<'a>,
}

/// `[elements]`
#[derive(Debug, Clone, Copy)]
pub struct ArrayExpression<'a> {
    pub span: Span,
    pub elements: &'a [ArrayElement<'a>],
}

/// `{ properties }`
#[derive(Debug, Clone, Copy)]
pub struct ObjectExpression<'a> {
    pub span: Span,
    pub properties: &'a [ObjectProperty<'a>],
}

/// One member of an object literal.
#[derive(Debug, Clone, Copy)]
pub enum ObjectProperty<'a> {
    Property(&'a Property<'a>),
    Spread(&'a SpreadElement<'a>),
}

/// What an object-literal [`Property`] defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PropertyKind {
    /// `key: value`, shorthand `key`, or method `key() {}` (see `is_method`).
    Init,
    Get,
    Set,
}

/// `key: value`, `key` (shorthand), `key() {}`, `get key() {}`, `set key(v) {}`.
#[derive(Debug, Clone, Copy)]
pub struct Property<'a> {
    pub span: Span,
    pub key: PropertyKey<'a>,
    /// For methods/getters/setters an [`Expression::Function`]; for shorthand the
    /// [`Expression::Identifier`] reference.
    pub value: Expression<'a>,
    pub kind: PropertyKind,
    pub is_method: bool,
    pub is_shorthand: bool,
    /// `__proto__: value` (non-computed, non-shorthand, non-method): sets the prototype
    /// instead of defining a property.
    pub is_proto_setter: bool,
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOperator {
    Minus,
    Plus,
    LogicalNot,
    BitwiseNot,
    Typeof,
    Void,
    Delete,
}

/// `operator argument`
#[derive(Debug, Clone, Copy)]
pub struct UnaryExpression<'a> {
    pub span: Span,
    pub operator: UnaryOperator,
    pub argument: Expression<'a>,
}

/// `++` or `--`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateOperator {
    Increment,
    Decrement,
}

/// `++target` (`prefix`) or `target++`.
#[derive(Debug, Clone, Copy)]
pub struct UpdateExpression<'a> {
    pub span: Span,
    pub operator: UpdateOperator,
    pub prefix: bool,
    pub target: SimpleAssignmentTarget<'a>,
}

/// Binary (non-short-circuit) operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOperator {
    Equality,
    Inequality,
    StrictEquality,
    StrictInequality,
    LessThan,
    LessEqualThan,
    GreaterThan,
    GreaterEqualThan,
    ShiftLeft,
    ShiftRight,
    ShiftRightZeroFill,
    Addition,
    Subtraction,
    Multiplication,
    Division,
    Remainder,
    Exponential,
    BitwiseOr,
    BitwiseXor,
    BitwiseAnd,
    In,
    Instanceof,
}

/// `left operator right`
#[derive(Debug, Clone, Copy)]
pub struct BinaryExpression<'a> {
    pub span: Span,
    pub operator: BinaryOperator,
    pub left: Expression<'a>,
    pub right: Expression<'a>,
}

/// `#name in right`
#[derive(Debug, Clone, Copy)]
pub struct PrivateInExpression<'a> {
    pub span: Span,
    pub name: PrivateIdentifier,
    pub right: Expression<'a>,
}

/// Short-circuit operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogicalOperator {
    And,
    Or,
    Coalesce,
}

/// `left operator right`
#[derive(Debug, Clone, Copy)]
pub struct LogicalExpression<'a> {
    pub span: Span,
    pub operator: LogicalOperator,
    pub left: Expression<'a>,
    pub right: Expression<'a>,
}

/// Assignment operators, including logical assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssignmentOperator {
    /// `=`
    Assign,
    Addition,
    Subtraction,
    Multiplication,
    Division,
    Remainder,
    Exponential,
    ShiftLeft,
    ShiftRight,
    ShiftRightZeroFill,
    BitwiseOr,
    BitwiseXor,
    BitwiseAnd,
    /// `&&=`
    LogicalAnd,
    /// `||=`
    LogicalOr,
    /// `??=`
    LogicalNullish,
}

/// `target operator value`. For any operator other than `Assign` the target is
/// [`AssignmentTarget::Simple`].
#[derive(Debug, Clone, Copy)]
pub struct AssignmentExpression<'a> {
    pub span: Span,
    pub operator: AssignmentOperator,
    pub target: AssignmentTarget<'a>,
    pub value: Expression<'a>,
}

/// `test ? consequent : alternate`
#[derive(Debug, Clone, Copy)]
pub struct ConditionalExpression<'a> {
    pub span: Span,
    pub test: Expression<'a>,
    pub consequent: Expression<'a>,
    pub alternate: Expression<'a>,
}

/// `a, b, c` (at least two expressions).
#[derive(Debug, Clone, Copy)]
pub struct SequenceExpression<'a> {
    pub span: Span,
    pub expressions: &'a [Expression<'a>],
}

/// A call argument.
#[derive(Debug, Clone, Copy)]
pub enum Argument<'a> {
    Expression(Expression<'a>),
    Spread(&'a SpreadElement<'a>),
}

/// `callee(arguments)`; `optional` for `callee?.(arguments)` (inside an [`OptionalChain`]).
/// `callee` is [`Expression::Super`] for `super(...)`.
#[derive(Debug, Clone, Copy)]
pub struct CallExpression<'a> {
    pub span: Span,
    pub callee: Expression<'a>,
    pub arguments: &'a [Argument<'a>],
    pub optional: bool,
}

/// `new callee(arguments)`; `new C` has empty arguments.
#[derive(Debug, Clone, Copy)]
pub struct NewExpression<'a> {
    pub span: Span,
    pub callee: Expression<'a>,
    pub arguments: &'a [Argument<'a>],
}

/// The property part of a member access.
#[derive(Debug, Clone, Copy)]
pub enum MemberProperty<'a> {
    /// `.name` (any IdentifierName).
    Static(Identifier),
    /// `[expression]`
    Computed(Expression<'a>),
    /// `.#name`
    Private(PrivateIdentifier),
}

/// `object.property`; `optional` for `object?.property` (inside an [`OptionalChain`]).
#[derive(Debug, Clone, Copy)]
pub struct MemberExpression<'a> {
    pub span: Span,
    pub object: Expression<'a>,
    pub property: MemberProperty<'a>,
    pub optional: bool,
}

/// The boundary of an optional chain (see [`Expression::OptionalChain`]).
#[derive(Debug, Clone, Copy)]
pub struct OptionalChain<'a> {
    pub span: Span,
    pub expression: Expression<'a>,
}

/// `yield argument` / `yield* argument`
#[derive(Debug, Clone, Copy)]
pub struct YieldExpression<'a> {
    pub span: Span,
    pub argument: Option<Expression<'a>>,
    pub delegate: bool,
}

/// `await argument`
#[derive(Debug, Clone, Copy)]
pub struct AwaitExpression<'a> {
    pub span: Span,
    pub argument: Expression<'a>,
}

/// `import(source, options?)`, `import.defer(source, options?)` or
/// `import.source(source, options?)`.
#[derive(Debug, Clone, Copy)]
pub struct ImportCallExpression<'a> {
    pub span: Span,
    pub source: Expression<'a>,
    pub options: Option<Expression<'a>>,
    pub phase: ImportPhase,
}

// ---------------------------------------------------------------------------------------------
// Span accessors
// ---------------------------------------------------------------------------------------------

impl Statement<'_> {
    /// The source span of the statement.
    pub fn span(&self) -> Span {
        match self {
            Statement::Expression(node) => node.span,
            Statement::Block(node) => node.span,
            Statement::Empty(span) | Statement::Debugger(span) => *span,
            Statement::VariableDeclaration(node) => node.span,
            Statement::FunctionDeclaration(node) => node.span,
            Statement::ClassDeclaration(node) => node.span,
            Statement::If(node) => node.span,
            Statement::For(node) => node.span,
            Statement::ForIn(node) => node.span,
            Statement::ForOf(node) => node.span,
            Statement::While(node) => node.span,
            Statement::DoWhile(node) => node.span,
            Statement::Switch(node) => node.span,
            Statement::Try(node) => node.span,
            Statement::Throw(node) => node.span,
            Statement::Return(node) => node.span,
            Statement::Break(node) => node.span,
            Statement::Continue(node) => node.span,
            Statement::Labeled(node) => node.span,
            Statement::With(node) => node.span,
            Statement::Import(node) => node.span,
            Statement::ExportNamed(node) => node.span,
            Statement::ExportDefault(node) => node.span,
            Statement::ExportAll(node) => node.span,
            Statement::Enum(node) => node.span,
            Statement::Namespace(node) => node.span,
            Statement::ImportEquals(node) => node.span,
        }
    }
}

impl Declaration<'_> {
    /// The source span of the declaration.
    pub fn span(&self) -> Span {
        match self {
            Declaration::Variable(node) => node.span,
            Declaration::Function(node) => node.span,
            Declaration::Class(node) => node.span,
            Declaration::Enum(node) => node.span,
            Declaration::Namespace(node) => node.span,
            Declaration::ImportEquals(node) => node.span,
        }
    }
}

impl Expression<'_> {
    /// The source span of the expression.
    pub fn span(&self) -> Span {
        match self {
            Expression::Number(node) => node.span,
            Expression::String(node) => node.span,
            Expression::BigInt(node) => node.span,
            Expression::Boolean(node) => node.span,
            Expression::Null(span)
            | Expression::This(span)
            | Expression::Super(span)
            | Expression::NewTarget(span)
            | Expression::ImportMeta(span) => *span,
            Expression::RegExp(node) => node.span,
            Expression::Template(node) => node.span,
            Expression::TaggedTemplate(node) => node.span,
            Expression::Identifier(node) => node.span,
            Expression::Array(node) => node.span,
            Expression::Object(node) => node.span,
            Expression::Function(node) => node.span,
            Expression::Class(node) => node.span,
            Expression::Unary(node) => node.span,
            Expression::Update(node) => node.span,
            Expression::Binary(node) => node.span,
            Expression::PrivateIn(node) => node.span,
            Expression::Logical(node) => node.span,
            Expression::Assignment(node) => node.span,
            Expression::Conditional(node) => node.span,
            Expression::Sequence(node) => node.span,
            Expression::Call(node) => node.span,
            Expression::New(node) => node.span,
            Expression::Member(node) => node.span,
            Expression::OptionalChain(node) => node.span,
            Expression::Yield(node) => node.span,
            Expression::Await(node) => node.span,
            Expression::ImportCall(node) => node.span,
        }
    }

    /// True for an anonymous function/class/arrow definition (the spec's
    /// IsAnonymousFunctionDefinition), which receives a name from NamedEvaluation in
    /// `x = function () {}`, `{ x: () => 1 }`, default values, and class fields.
    pub fn is_anonymous_function_definition(&self) -> bool {
        match self {
            Expression::Function(function) => function.id.is_none(),
            Expression::Class(class) => class.id.is_none(),
            _ => false,
        }
    }
}

impl PropertyKey<'_> {
    /// The source span of the key.
    pub fn span(&self) -> Span {
        match self {
            PropertyKey::Identifier(node) => node.span,
            PropertyKey::String(node) => node.span,
            PropertyKey::Number(node) => node.span,
            PropertyKey::BigInt(node) => node.span,
            PropertyKey::Computed(node) => node.span(),
            PropertyKey::Private(node) => node.span,
        }
    }

    /// The key's name as an atom when statically known and string-like (identifier or
    /// well-formed string literal); numbers and computed keys give `None`.
    pub fn static_name(&self) -> Option<Atom> {
        match self {
            PropertyKey::Identifier(identifier) => Some(identifier.name),
            PropertyKey::String(string) => string.atom,
            _ => None,
        }
    }
}

impl BindingPattern<'_> {
    /// The source span of the pattern.
    pub fn span(&self) -> Span {
        match self {
            BindingPattern::Identifier(node) => node.span,
            BindingPattern::Object(node) => node.span,
            BindingPattern::Array(node) => node.span,
        }
    }
}

impl SimpleAssignmentTarget<'_> {
    /// The source span of the target.
    pub fn span(&self) -> Span {
        match self {
            SimpleAssignmentTarget::Identifier(node) => node.span,
            SimpleAssignmentTarget::Member(node) => node.span,
            SimpleAssignmentTarget::Call(node) => node.span,
        }
    }
}

impl AssignmentTarget<'_> {
    /// The source span of the target.
    pub fn span(&self) -> Span {
        match self {
            AssignmentTarget::Simple(node) => node.span(),
            AssignmentTarget::Object(node) => node.span,
            AssignmentTarget::Array(node) => node.span,
        }
    }
}

impl Argument<'_> {
    /// The source span of the argument.
    pub fn span(&self) -> Span {
        match self {
            Argument::Expression(node) => node.span(),
            Argument::Spread(node) => node.span,
        }
    }
}

impl ArrayElement<'_> {
    /// The source span of the element.
    pub fn span(&self) -> Span {
        match self {
            ArrayElement::Hole(span) => *span,
            ArrayElement::Expression(node) => node.span(),
            ArrayElement::Spread(node) => node.span,
        }
    }
}

/// Compile-time checks that the sum types stay small (two words).
const _: () = {
    assert!(std::mem::size_of::<Statement<'static>>() == 16);
    assert!(std::mem::size_of::<Expression<'static>>() == 16);
    assert!(std::mem::size_of::<BindingPattern<'static>>() == 16);
};
