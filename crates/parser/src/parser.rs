//! The parser state, token handling, and the statement/declaration grammar.
//!
//! Expressions live in `expression.rs`, functions/classes/patterns in `function.rs`, and the
//! TypeScript type grammar (parsed and dropped) in `typescript.rs`; all are `impl Parser`.
//!
//! Performance design: the parser keeps one current token (`self.token`); a second token is
//! peeked by cloning the lexer (a few words) and lexing once, and the peeked token is cached so
//! that the following `bump` takes it instead of lexing the same bytes again (peeks are
//! frequent: every expression starting with an identifier asks whether `=>` follows, every
//! statement whether `:` follows). Failures are a zero-sized [`Failed`] marker so `Result`s stay register-sized;
//! the first error's message and span are recorded in the parser.

use crate::SyntaxError;
use crate::ast::*;
use crate::scope::{DeclarationKind, PrivateNameTracker, ScopeKind, ScopeTracker};
use bumpalo::Bump;
use bumpalo::collections::Vec as ArenaVec;
use std::borrow::Cow;
use std::cell::Cell;
use tseval_lexer::{Interner, LexErrorKind, Lexer, Token, TokenKind, well_known};

/// Maximum syntactic nesting depth (expressions, statements, types). Deeper input is a
/// SyntaxError instead of a native stack overflow.
pub const MAX_NESTING_DEPTH: u32 = 400;

/// Marker for a failed parse; the error itself is stored in [`Parser::error`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Failed;

pub(crate) type ParseResult<T> = Result<T, Failed>;

/// A saved parser position for speculative parsing (TypeScript ambiguities only).
#[derive(Clone)]
pub(crate) struct Checkpoint<'source> {
    lexer: Lexer<'source>,
    token: Token,
    peeked: Option<(Token, LexErrorKind)>,
    previous_token_end: u32,
    cover_initializer_count: usize,
    private_reference_count: usize,
}

/// The message of a recorded syntax error.
#[derive(Debug, Clone)]
pub(crate) enum ErrorMessage {
    /// The message text.
    Text(Cow<'static, str>),
    /// "Unexpected identifier '<text of the span>'", written out when reported.
    UnexpectedIdentifier,
    /// "Unexpected token '<text of the span>'", written out when reported.
    UnexpectedToken,
}

/// Label bookkeeping for break/continue validation.
#[derive(Clone, Copy)]
pub(crate) struct Label {
    pub name: Atom,
    pub is_loop: bool,
}

/// The per-function context that is saved and restored around function bodies.
#[derive(Clone, Copy, Default)]
pub(crate) struct FunctionContext {
    pub in_function: bool,
    pub is_async: bool,
    pub is_generator: bool,
    pub in_iteration: bool,
    pub in_switch: bool,
    pub label_base: usize,
    pub in_class_static_block: bool,
    /// `super.x` / `super[x]` are allowed (methods, field initialisers, static blocks, and
    /// arrows inside them).
    pub allow_super_property: bool,
    /// `super(...)` is allowed (constructors of derived classes and arrows inside them).
    pub allow_super_call: bool,
    /// `new.target` is allowed (any non-arrow function, field initialisers, static blocks).
    pub allow_new_target: bool,
    /// `arguments` is an early error (field initialisers and static blocks, through arrows).
    pub forbid_arguments: bool,
}

pub(crate) struct Parser<'a, 'source, 'interner> {
    pub source: &'source str,
    pub file_name: &'source str,
    pub lexer: Lexer<'source>,
    pub token: Token,
    /// The token after `token` when [`Parser::peek`] has lexed it already, with the lexer's
    /// error kind in case it is an `Error` token. `bump` takes it instead of lexing the same
    /// bytes again (the lexer itself always stays positioned right after `token`). Anything
    /// that replaces `token` other than `bump` (re-scans, `>>` splitting, rewinding) clears it.
    peeked: Cell<Option<(Token, LexErrorKind)>>,
    pub previous_token_end: u32,
    pub arena: &'a Bump,
    pub interner: &'interner mut Interner,
    pub typescript: bool,
    pub module: bool,
    /// In script-or-module mode, set when a top-level import/export is seen.
    pub saw_module_syntax: bool,
    pub allow_module_syntax: bool,
    pub strict: bool,
    pub context: FunctionContext,
    pub labels: Vec<Label>,
    pub depth: u32,
    /// The first error: its message and span. Messages are `Cow`s, and "Unexpected token"
    /// messages are only written out by [`Parser::into_error`] (see [`ErrorMessage`]), so that
    /// recording an error allocates nothing: failed speculative parses (TypeScript's `a < b`
    /// tried as type arguments) record and drop errors all the time.
    pub error: Option<(ErrorMessage, Span)>,
    /// Errors that only apply if an object literal stays an expression (it may still become
    /// an assignment pattern): `{ a = 1 }` shorthand initialisers and duplicate `__proto__`
    /// properties. Converting a literal to a pattern drops the entries recorded inside it.
    pub cover_initializers: Vec<(Span, &'static str)>,
    pub scratch_utf16: Vec<u16>,
    pub scratch_string: String,
    /// The texts (`/pattern/flags`) of the regular-expression literals validated so far.
    pub validated_regexps: rustc_hash::FxHashSet<&'source str>,
    /// The closer stack of `skip_balanced`, reused so that skipping allocates nothing.
    pub scratch_closers: Vec<TokenKind>,
    /// One stack shared by all statement lists being parsed (nested lists push above the
    /// items of the lists around them): a finished list is copied into an exactly sized arena
    /// slice and popped. Growing an arena vector per list copied every list of more than a
    /// few statements several times and left the outgrown buffers in the arena. A list that
    /// fails truncates the stack back to where it started, so failed speculation leaves
    /// nothing behind.
    pub scratch_statements: Vec<Statement<'a>>,
    /// The same for call and `new` argument lists.
    pub scratch_arguments: Vec<Argument<'a>>,
    /// The same for formal parameter lists.
    pub scratch_parameters: Vec<FormalParameter<'a>>,
    /// The same for object literals' properties.
    pub scratch_object_properties: Vec<ObjectProperty<'a>>,
    /// The same for array literals' elements.
    pub scratch_array_elements: Vec<ArrayElement<'a>>,
    /// The same for parenthesised cover lists (expressions or arrow parameters).
    pub scratch_cover_items: Vec<crate::expression::CoverItem<'a>>,
    /// Nesting of TS namespace bodies (export there means "namespace member").
    pub namespace_depth: u32,
    /// Declared names per scope, for redeclaration early errors (see `scope.rs`).
    pub scopes: ScopeTracker,
    /// `export { local }` names of a module (without `from`), checked against the module's
    /// declarations when the module ends.
    pub exported_locals: Vec<Identifier>,
    /// Every exported name of a module, for the duplicate-export early error.
    pub exported_names: Vec<ModuleExportName>,
    /// Set just before `parse_statement` is called for a statement-list item (rather than the
    /// body of an `if`, loop, `with` or label there): only then may a labelled statement's body
    /// be a function declaration (sloppy mode, Annex B.3.1).
    pub statement_list_position: bool,
    /// Private names of the class bodies being parsed.
    pub private_names: PrivateNameTracker,
    /// The class body being parsed has an `extends` clause (its constructor may call super).
    pub class_is_derived: bool,
    /// Number of yield and await expressions parsed in the current function so far (saved
    /// and restored around nested functions): parameters must not contain any.
    pub yield_await_count: u32,
    /// Number of identifiers named `await` parsed so far: async arrow parameters must not
    /// contain any (their cover was parsed before the arrow was known to be async).
    pub await_identifier_count: u32,
    /// Decorators parsed before `class` (possibly with `export` in between), taken by the
    /// next `parse_class`.
    pub pending_decorators: &'a [Decorator<'a>],
    /// Inside the `extends` clause of a conditional type, where another conditional type may
    /// not start (TypeScript's "disallow conditional types" context); brackets and return
    /// types re-allow them.
    pub disallow_conditional_types: bool,
    /// The file is a TypeScript declaration file (`.d.ts`, `.d.mts`, `.d.cts`): the whole file
    /// is an ambient context, so declarations are skipped as if written after `declare`.
    pub ambient: bool,
    /// The first top-level `using` declaration of the script pass of a script-or-module
    /// parse: an error when the file turns out to be a script.
    pub top_level_using: Option<Span>,
}

/// The early error for a `using` declaration directly at the top level of a script.
const TOP_LEVEL_USING_MESSAGE: &str =
    "'using' declarations are not allowed at the top level of a script";

impl<'a, 'source, 'interner> Parser<'a, 'source, 'interner> {
    pub fn new(
        source: &'source str,
        file_name: &'source str,
        arena: &'a Bump,
        interner: &'interner mut Interner,
        module: bool,
    ) -> Self {
        let typescript = !(file_name.ends_with(".js")
            || file_name.ends_with(".mjs")
            || file_name.ends_with(".cjs"));
        let mut lexer = Lexer::new(source);
        // Annex B HTML-like comments exist only in (JavaScript) script code.
        lexer.set_html_comments(!module && !typescript);
        let token = lexer.next_token();
        interner.reserve_for_source_length(source.len());
        let scopes = ScopeTracker::with_room_for_atoms(interner.len());
        Parser {
            source,
            file_name,
            lexer,
            token,
            peeked: Cell::new(None),
            previous_token_end: 0,
            arena,
            interner,
            typescript,
            module,
            saw_module_syntax: false,
            allow_module_syntax: module,
            strict: module,
            context: FunctionContext {
                is_async: module,
                ..FunctionContext::default()
            },
            labels: Vec::new(),
            depth: 0,
            error: None,
            cover_initializers: Vec::new(),
            scratch_utf16: Vec::new(),
            scratch_string: String::new(),
            scratch_closers: Vec::new(),
            scratch_statements: Vec::new(),
            scratch_arguments: Vec::new(),
            scratch_parameters: Vec::new(),
            scratch_cover_items: Vec::new(),
            scratch_object_properties: Vec::new(),
            scratch_array_elements: Vec::new(),
            validated_regexps: rustc_hash::FxHashSet::default(),
            namespace_depth: 0,
            scopes,
            exported_locals: Vec::new(),
            exported_names: Vec::new(),
            statement_list_position: false,
            private_names: PrivateNameTracker::default(),
            class_is_derived: false,
            yield_await_count: 0,
            await_identifier_count: 0,
            pending_decorators: &[],
            disallow_conditional_types: false,
            ambient: typescript && is_declaration_file_name(file_name),
            top_level_using: None,
        }
    }

    pub fn into_error(self) -> SyntaxError {
        let (message, span) = self.error.unwrap_or((
            ErrorMessage::Text(Cow::Borrowed("Unknown syntax error")),
            Span::new(0, 0),
        ));
        let message = match message {
            ErrorMessage::Text(text) => text.into_owned(),
            ErrorMessage::UnexpectedIdentifier => {
                format!("Unexpected identifier '{}'", span.text(self.source))
            }
            ErrorMessage::UnexpectedToken => {
                format!("Unexpected token '{}'", span.text(self.source))
            }
        };
        SyntaxError::new(message, span, self.source, self.file_name)
    }

    // -----------------------------------------------------------------------------------
    // Arena helpers
    // -----------------------------------------------------------------------------------

    #[inline]
    pub fn alloc<T>(&self, value: T) -> &'a T {
        self.arena.alloc(value)
    }

    #[inline]
    pub fn new_vec<T>(&self) -> ArenaVec<'a, T> {
        ArenaVec::new_in(self.arena)
    }

    /// An arena vector with room for `capacity` items, for lists that are rarely empty.
    ///
    /// Performance design: bumpalo's vectors grow from no capacity through 1, 2, 4, 8
    /// (there is no minimum first capacity as in `std`), one out-of-line reallocation per
    /// step; object literals, array literals, parameter lists, template literals and the
    /// like start with the room most of them need (about 1.5% of a parse of rxjs + zod went
    /// to those steps). An unused slot costs only arena space.
    #[inline]
    pub fn new_vec_with_capacity<T>(&self, capacity: usize) -> ArenaVec<'a, T> {
        ArenaVec::with_capacity_in(capacity, self.arena)
    }

    pub fn alloc_str(&self, text: &str) -> &'a str {
        self.arena.alloc_str(text)
    }

    // -----------------------------------------------------------------------------------
    // Errors
    // -----------------------------------------------------------------------------------

    /// Records an error (the first one wins) and returns the failure marker.
    pub fn error_at<T>(
        &mut self,
        message: impl Into<Cow<'static, str>>,
        span: Span,
    ) -> ParseResult<T> {
        if self.error.is_none() {
            self.error = Some((ErrorMessage::Text(message.into()), span));
        }
        Err(Failed)
    }

    /// Records an "Unexpected ..." error whose text is made from the span when reported.
    fn error_deferred<T>(&mut self, message: ErrorMessage, span: Span) -> ParseResult<T> {
        if self.error.is_none() {
            self.error = Some((message, span));
        }
        Err(Failed)
    }

    /// "Unexpected token" for the current token (or the lexer's error).
    pub fn unexpected<T>(&mut self) -> ParseResult<T> {
        let token = self.token;
        match token.kind {
            TokenKind::Error => {
                let message = self.lexer.error().message();
                self.error_at(message, token.span)
            }
            TokenKind::EndOfFile => self.error_at("Unexpected end of input", token.span),
            TokenKind::StringLiteral => self.error_at("Unexpected string", token.span),
            TokenKind::NumericLiteral | TokenKind::BigIntLiteral => {
                self.error_at("Unexpected number", token.span)
            }
            TokenKind::NoSubstitutionTemplate | TokenKind::TemplateHead => {
                self.error_at("Unexpected template string", token.span)
            }
            TokenKind::Identifier => {
                self.error_deferred(ErrorMessage::UnexpectedIdentifier, token.span)
            }
            _ => self.error_deferred(ErrorMessage::UnexpectedToken, token.span),
        }
    }

    // -----------------------------------------------------------------------------------
    // Token handling
    // -----------------------------------------------------------------------------------

    /// Moves to the next token (the one `peek` lexed, when it did).
    ///
    /// Performance design: one call per token. The common case (nothing peeked) tests only
    /// the discriminant of the lookahead cache and lexes; taking the cached token (a copy of
    /// the whole cache and a store to clear it) happens out of line in
    /// [`Parser::bump_to_peeked`]. Taking the cache unconditionally cost about seven
    /// instructions per token (loads of the cached token and a store of `None`).
    #[inline]
    pub fn bump(&mut self) {
        self.previous_token_end = self.token.span.end;
        if self.peeked.get().is_none() {
            self.lexer.next_token_into(&mut self.token);
        } else {
            self.bump_to_peeked();
        }
    }

    /// The part of [`Parser::bump`] that moves to the token `peek` lexed.
    #[inline(never)]
    fn bump_to_peeked(&mut self) {
        if let Some((token, error)) = self.peeked.take() {
            self.lexer.resume_after(token, error);
            self.token = token;
        }
    }

    /// Replaces the current token with a re-scan of it (a regular expression, a template
    /// continuation, the first `>` of `>>`); the lexer has moved to just after the new token.
    #[inline]
    pub fn replace_current_token(&mut self, token: Token) {
        self.peeked.set(None);
        self.token = token;
    }

    /// Re-scans the current `/` or `/=` as a regular-expression literal.
    pub fn rescan_current_as_regexp(&mut self) {
        let token = self.lexer.rescan_as_regexp(self.token);
        self.replace_current_token(token);
    }

    /// Re-scans the current `}` as a template continuation (`TemplateMiddle`/`TemplateTail`).
    pub fn rescan_current_as_template_continuation(&mut self) {
        let token = self.lexer.rescan_template_continuation(self.token);
        self.replace_current_token(token);
    }

    #[inline]
    pub fn at(&self, kind: TokenKind) -> bool {
        self.token.kind == kind
    }

    #[inline]
    pub fn eat(&mut self, kind: TokenKind) -> bool {
        if self.token.kind == kind {
            self.bump();
            true
        } else {
            false
        }
    }

    pub fn expect(&mut self, kind: TokenKind) -> ParseResult<()> {
        if self.token.kind == kind {
            self.bump();
            Ok(())
        } else {
            self.unexpected()
        }
    }

    /// The token after the current one. Lexed once: the result is cached for `bump`.
    #[inline]
    pub fn peek(&self) -> Token {
        if let Some((token, _)) = self.peeked.get() {
            return token;
        }
        self.peek_uncached()
    }

    /// False only when the token after the current one certainly does not start with the
    /// ASCII byte `first`: the source after the current token, past spaces, tabs and line
    /// breaks, starts with another ASCII byte that is not `/` (a comment may follow), `<` or
    /// `-` (the HTML-like comments `<!--` and `-->` of scripts) or `\` (an escaped
    /// identifier). True otherwise, including when a peek is cached.
    ///
    /// Performance design: a peek lexes the next token on a clone of the lexer and makes
    /// the next `bump` restart the DFA after it (about 90 instructions beyond the lexing
    /// itself). Frequent questions whose answer is nearly always "no" (is this identifier a
    /// label, is this `const` a `const enum`) ask this first and peek only when it says
    /// "maybe".
    #[inline]
    pub fn next_token_may_start_with(&self, first: u8) -> bool {
        if self.peeked.get().is_some() {
            return true;
        }
        let bytes = self.source.as_bytes();
        let mut index = self.token.span.end as usize;
        while let Some(&byte) = bytes.get(index) {
            match byte {
                b' ' | b'\t' | b'\n' | b'\r' => index += 1,
                b'/' | b'<' | b'-' | b'\\' => return true,
                byte if byte >= 0x80 => return true,
                byte => return byte == first,
            }
        }
        false
    }

    #[inline(never)]
    fn peek_uncached(&self) -> Token {
        let mut lexer = self.lexer.clone();
        let token = lexer.next_token();
        self.peeked.set(Some((token, lexer.error())));
        token
    }

    /// The two tokens after the current one.
    pub fn peek2(&self) -> (Token, Token) {
        let mut lexer = self.lexer.clone();
        let first = lexer.next_token();
        let second = lexer.next_token();
        (first, second)
    }

    /// Span from `start` to the end of the previous token.
    #[inline]
    pub fn span_from(&self, start: u32) -> Span {
        Span::new(start, self.previous_token_end.max(start))
    }

    pub fn checkpoint(&self) -> Checkpoint<'source> {
        Checkpoint {
            lexer: self.lexer.clone(),
            token: self.token,
            peeked: self.peeked.get(),
            previous_token_end: self.previous_token_end,
            cover_initializer_count: self.cover_initializers.len(),
            private_reference_count: self.private_names.references.len(),
        }
    }

    pub fn rewind(&mut self, checkpoint: Checkpoint<'source>) {
        self.lexer = checkpoint.lexer;
        self.token = checkpoint.token;
        self.peeked.set(checkpoint.peeked);
        self.previous_token_end = checkpoint.previous_token_end;
        self.cover_initializers
            .truncate(checkpoint.cover_initializer_count);
        self.private_names
            .references
            .truncate(checkpoint.private_reference_count);
        self.error = None;
    }

    /// Automatic semicolon insertion: eats `;`, or accepts `}`/end of input/a preceding
    /// line terminator.
    pub fn consume_semicolon(&mut self) -> ParseResult<()> {
        if self.eat(TokenKind::Semicolon) {
            return Ok(());
        }
        if self.at(TokenKind::RightBrace)
            || self.at(TokenKind::EndOfFile)
            || self.token.has_newline_before()
        {
            return Ok(());
        }
        self.unexpected()
    }

    /// True when the current position permits ASI (used by restricted productions).
    pub fn can_insert_semicolon(&self) -> bool {
        self.at(TokenKind::Semicolon)
            || self.at(TokenKind::RightBrace)
            || self.at(TokenKind::EndOfFile)
            || self.token.has_newline_before()
    }

    /// Increments the nesting depth, failing past [`MAX_NESTING_DEPTH`].
    #[inline]
    pub fn enter(&mut self) -> ParseResult<()> {
        self.depth += 1;
        if self.depth > MAX_NESTING_DEPTH {
            let span = self.token.span;
            return self.error_at("Maximum nesting depth exceeded", span);
        }
        Ok(())
    }

    #[inline]
    pub fn leave(&mut self) {
        self.depth -= 1;
    }

    // -----------------------------------------------------------------------------------
    // Identifiers
    // -----------------------------------------------------------------------------------

    /// The atom of the current token's text (identifier-like tokens only).
    pub fn current_atom(&mut self) -> ParseResult<Atom> {
        let token = self.token;
        if let Some(atom) = token.kind.keyword_atom() {
            return Ok(atom);
        }
        if token.is_escaped() {
            let text = token.span.text(self.source);
            let mut cooked = std::mem::take(&mut self.scratch_string);
            cooked.clear();
            let result = tseval_lexer::cook_identifier(text, &mut cooked);
            let atom = self.interner.intern(&cooked);
            self.scratch_string = cooked;
            if result.is_err() {
                return self.error_at("Invalid Unicode escape sequence", token.span);
            }
            return Ok(atom);
        }
        // By span: see `Interner::intern_span` (no character-boundary checks per token).
        Ok(self.interner.intern_span(self.source, token.span))
    }

    /// True when the current token can be an IdentifierReference / BindingIdentifier here.
    #[inline]
    pub fn at_identifier(&self) -> bool {
        self.kind_is_identifier(self.token.kind)
    }

    /// Plain identifiers, by far the most frequent case, are decided inline; keywords take
    /// the out-of-line path (the whole `match` kept this from being inlined at all).
    #[inline(always)]
    pub fn kind_is_identifier(&self, kind: TokenKind) -> bool {
        kind == TokenKind::Identifier || (kind.is_keyword() && self.keyword_is_identifier(kind))
    }

    /// Whether the keyword `kind` can be an identifier here.
    #[inline(never)]
    fn keyword_is_identifier(&self, kind: TokenKind) -> bool {
        match kind {
            TokenKind::Identifier => true,
            TokenKind::Yield => !self.strict && !self.context.is_generator,
            TokenKind::Await => {
                !self.context.is_async && !self.module && !self.context.in_class_static_block
            }
            TokenKind::Let
            | TokenKind::Static
            | TokenKind::Implements
            | TokenKind::Interface
            | TokenKind::Package
            | TokenKind::Private
            | TokenKind::Protected
            | TokenKind::Public => !self.strict,
            kind => kind.is_contextual_keyword(),
        }
    }

    /// Parses an IdentifierReference or BindingIdentifier.
    pub fn parse_identifier(&mut self) -> ParseResult<Identifier> {
        if !self.at_identifier() {
            return self.unexpected();
        }
        let token = self.token;
        let name = self.current_atom()?;
        self.check_escaped_keyword(token, name)?;
        if name == well_known::AWAIT {
            self.await_identifier_count += 1;
        }
        self.bump();
        Ok(Identifier {
            span: token.span,
            name,
        })
    }

    /// An identifier written with escapes (`\u0069f`) lexes as `Identifier`, but it may only
    /// be used where the word it spells could be an identifier.
    pub fn check_escaped_keyword(&mut self, token: Token, name: Atom) -> ParseResult<()> {
        if token.is_escaped()
            && let Some(kind) = TokenKind::keyword_from_atom(name)
            && !self.kind_is_identifier(kind)
        {
            return self.error_at("Keyword must not contain escaped characters", token.span);
        }
        Ok(())
    }

    /// Parses a binding identifier, rejecting `eval`/`arguments` in strict code.
    pub fn parse_binding_identifier(&mut self) -> ParseResult<Identifier> {
        let identifier = self.parse_identifier()?;
        if self.strict
            && (identifier.name == well_known::EVAL || identifier.name == well_known::ARGUMENTS)
        {
            return self.error_at(
                "Unexpected eval or arguments in strict mode",
                identifier.span,
            );
        }
        Ok(identifier)
    }

    /// Parses any IdentifierName (keywords allowed), e.g. after `.`.
    pub fn parse_identifier_name(&mut self) -> ParseResult<Identifier> {
        if !self.token.kind.is_identifier_name() {
            return self.unexpected();
        }
        let span = self.token.span;
        let name = self.current_atom()?;
        self.bump();
        Ok(Identifier { span, name })
    }

    /// Moves past an IdentifierName whose name is not needed (in TypeScript type syntax,
    /// which is dropped), failing where [`Parser::parse_identifier_name`] would.
    ///
    /// Performance design: interning costs a hash and a table probe per name (about 130
    /// instructions); names inside types never reach the AST, so only an escaped name,
    /// whose escapes may be invalid, goes through `parse_identifier_name`.
    pub fn skip_identifier_name(&mut self) -> ParseResult<()> {
        if !self.token.kind.is_identifier_name() {
            return self.unexpected();
        }
        if self.token.is_escaped() {
            self.parse_identifier_name()?;
        } else {
            self.bump();
        }
        Ok(())
    }

    // -----------------------------------------------------------------------------------
    // Program and statement lists
    // -----------------------------------------------------------------------------------

    pub fn parse_program(&mut self) -> ParseResult<Program<'a>> {
        self.push_scope(if self.module {
            ScopeKind::Module
        } else {
            ScopeKind::Function
        });
        let (directives, has_use_strict) = self.parse_directives()?;
        if has_use_strict {
            self.strict = true;
        }
        let body = self.parse_statement_list(TokenKind::EndOfFile)?;
        if let Some(&(span, message)) = self.cover_initializers.first() {
            return self.error_at(message, span);
        }
        if let Some(span) = self.top_level_using {
            return self.error_at(TOP_LEVEL_USING_MESSAGE, span);
        }
        if self.module {
            self.check_module_exports()?;
        }
        self.pop_scope();
        Ok(Program {
            span: Span::new(0, self.source.len() as u32),
            source_type: if self.module {
                SourceType::Module
            } else {
                SourceType::Script
            },
            directives,
            body,
            is_strict: self.strict,
        })
    }

    /// The module-level export early errors: every exported name is unique, and every
    /// `export { local }` names a binding declared at the module's top level (TypeScript files
    /// skip the second check because the local may be a type, which is not declared here).
    fn check_module_exports(&mut self) -> ParseResult<()> {
        let mut seen: rustc_hash::FxHashSet<Atom> = rustc_hash::FxHashSet::default();
        for index in 0..self.exported_names.len() {
            let exported = self.exported_names[index];
            if !seen.insert(exported.name) {
                let name = self.interner.resolve(exported.name).to_string();
                return self.error_at(format!("Duplicate export of '{name}'"), exported.span);
            }
        }
        if !self.typescript {
            for index in 0..self.exported_locals.len() {
                let local = self.exported_locals[index];
                if !self.is_declared_in_current_scope(local.name) {
                    let name = self.interner.resolve(local.name).to_string();
                    return self.error_at(
                        format!("Export '{name}' is not defined in module"),
                        local.span,
                    );
                }
            }
        }
        Ok(())
    }

    /// Parses a directive prologue; returns the directives and whether "use strict" is one.
    pub fn parse_directives(&mut self) -> ParseResult<(&'a [Directive<'a>], bool)> {
        let mut directives = self.new_vec();
        let mut has_use_strict = false;
        let mut octal_escape_span: Option<Span> = None;
        while self.at(TokenKind::StringLiteral) {
            let next = self.peek();
            let ends_statement = matches!(
                next.kind,
                TokenKind::Semicolon | TokenKind::RightBrace | TokenKind::EndOfFile
            ) || (next.has_newline_before()
                && !token_continues_expression(next.kind));
            if !ends_statement {
                break;
            }
            let span = self.token.span;
            let raw_text = &self.source[span.start as usize + 1..span.end as usize - 1];
            if self.token.is_escaped() {
                // Escapes are checked here because directives are not parsed as string
                // literals; a legacy octal escape before "use strict" is an error too.
                let mut units = std::mem::take(&mut self.scratch_utf16);
                units.clear();
                let cooked = tseval_lexer::cook_string_literal(raw_text, &mut units);
                self.scratch_utf16 = units;
                match cooked {
                    Err(error) => return self.error_at(error.message(), span),
                    Ok(info) if info.has_octal_escape => {
                        if self.strict {
                            return self.error_at(
                                "Octal escape sequences are not allowed in strict mode.",
                                span,
                            );
                        }
                        octal_escape_span.get_or_insert(span);
                    }
                    Ok(_) => {}
                }
            }
            if raw_text == "use strict" {
                has_use_strict = true;
                self.strict = true;
                if let Some(octal_span) = octal_escape_span {
                    return self.error_at(
                        "Octal escape sequences are not allowed in strict mode.",
                        octal_span,
                    );
                }
            }
            let raw = self.alloc_str(raw_text);
            self.bump();
            self.consume_semicolon()?;
            directives.push(Directive {
                span: self.span_from(span.start),
                raw,
            });
        }
        Ok((directives.into_bump_slice(), has_use_strict))
    }

    /// Parses statements until `end` (not consumed).
    pub fn parse_statement_list(&mut self, end: TokenKind) -> ParseResult<&'a [Statement<'a>]> {
        let mark = self.scratch_statements.len();
        while !self.at(end) {
            let item = if self.at(TokenKind::EndOfFile) {
                self.unexpected()
            } else {
                self.parse_statement_list_item()
            };
            match item {
                Ok(Some(statement)) => self.scratch_statements.push(statement),
                Ok(None) => {}
                Err(failed) => {
                    self.scratch_statements.truncate(mark);
                    return Err(failed);
                }
            }
        }
        let statements = self
            .arena
            .alloc_slice_copy(&self.scratch_statements[mark..]);
        self.scratch_statements.truncate(mark);
        Ok(statements)
    }

    /// Parses one statement or declaration; `None` for dropped TypeScript declarations.
    pub fn parse_statement_list_item(&mut self) -> ParseResult<Option<Statement<'a>>> {
        self.enter()?;
        let result = self.parse_statement_list_item_inner();
        self.leave();
        result
    }

    fn parse_statement_list_item_inner(&mut self) -> ParseResult<Option<Statement<'a>>> {
        let start = self.token.span.start;
        if self.ambient && self.at_ambient_declaration_start() {
            // Declaration files: every declaration is ambient, as if `declare` preceded it.
            self.skip_declared_declaration()?;
            return Ok(None);
        }
        match self.token.kind {
            TokenKind::Function => {
                let function = self.parse_function_declaration(start, false)?;
                Ok(function.map(Statement::FunctionDeclaration))
            }
            TokenKind::Async if self.peek_is_async_function() => {
                self.bump();
                let function = self.parse_function_declaration(start, true)?;
                Ok(function.map(Statement::FunctionDeclaration))
            }
            TokenKind::Class => {
                let class = self.parse_class(start, true, false)?;
                self.declare_class_name(class)?;
                Ok(Some(Statement::ClassDeclaration(class)))
            }
            TokenKind::Abstract if self.peek_same_line_is(TokenKind::Class) => {
                self.bump();
                let class = self.parse_class(start, true, true)?;
                self.declare_class_name(class)?;
                Ok(Some(Statement::ClassDeclaration(class)))
            }
            TokenKind::Const
                if self.typescript
                    && self.next_token_may_start_with(b'e')
                    && self.peek().kind == TokenKind::Enum =>
            {
                self.bump();
                Ok(Some(Statement::Enum(self.parse_enum(start, true)?)))
            }
            TokenKind::Const | TokenKind::Var => {
                let declaration = self.parse_variable_declaration(start, true)?;
                self.consume_semicolon()?;
                let declaration = self.finish_variable_declaration(declaration, start);
                self.check_declarations_initialized(declaration)?;
                Ok(Some(Statement::VariableDeclaration(declaration)))
            }
            TokenKind::Let if self.peek_is_let_declaration() => {
                let declaration = self.parse_variable_declaration(start, true)?;
                self.consume_semicolon()?;
                let declaration = self.finish_variable_declaration(declaration, start);
                self.check_declarations_initialized(declaration)?;
                Ok(Some(Statement::VariableDeclaration(declaration)))
            }
            TokenKind::Import => {
                let next = self.peek().kind;
                if next == TokenKind::LeftParen || next == TokenKind::Dot {
                    return Ok(Some(self.parse_statement()?));
                }
                self.parse_import_declaration()
            }
            TokenKind::Export => self.parse_export_declaration(),
            TokenKind::At => {
                let decorators = self.parse_decorators()?;
                let starts_class = match self.token.kind {
                    TokenKind::Class | TokenKind::Export => true,
                    TokenKind::Abstract => self.peek_same_line_is(TokenKind::Class),
                    _ => false,
                };
                if !starts_class {
                    return self.error_at(
                        "Decorators are only valid on classes and class members",
                        self.token.span,
                    );
                }
                self.pending_decorators = decorators;
                let item = self.parse_statement_list_item_inner();
                if !self.pending_decorators.is_empty() {
                    self.pending_decorators = &[];
                    return self.error_at(
                        "Decorators are only valid on classes and class members",
                        Span::new(start, self.previous_token_end),
                    );
                }
                item
            }
            TokenKind::Enum => Ok(Some(Statement::Enum(self.parse_enum(start, false)?))),
            TokenKind::Interface if self.typescript && self.peek_same_line_identifier() => {
                self.skip_interface_declaration()?;
                Ok(None)
            }
            TokenKind::Type if self.typescript && self.peek_same_line_identifier() => {
                self.skip_type_alias_declaration()?;
                Ok(None)
            }
            TokenKind::Declare if self.typescript && self.peek_starts_declaration() => {
                self.bump();
                self.skip_declared_declaration()?;
                Ok(None)
            }
            TokenKind::Namespace | TokenKind::Module
                if self.typescript && self.peek_starts_namespace() =>
            {
                Ok(self.parse_namespace(start)?.map(Statement::Namespace))
            }
            TokenKind::Global
                if self.typescript && self.peek_same_line_is(TokenKind::LeftBrace) =>
            {
                // `global { }` augmentations are type-only outside `declare`.
                self.bump();
                self.skip_balanced()?;
                Ok(None)
            }
            TokenKind::Identifier | TokenKind::Await
                if let Some(is_await) = self.at_using_declaration(false) =>
            {
                if !self.module && self.scopes.frames.len() == 1 {
                    if !self.allow_module_syntax {
                        return self.error_at(TOP_LEVEL_USING_MESSAGE, self.token.span);
                    }
                    // Script-or-module goal, script pass: an import or export further down
                    // makes this a module, where top-level `using` is fine.
                    if self.top_level_using.is_none() {
                        self.top_level_using = Some(self.token.span);
                    }
                }
                let declaration = self.parse_using_declaration_undeclared(is_await, true)?;
                for declarator in declaration.1.iter() {
                    self.declare_pattern(&declarator.target, DeclarationKind::Lexical)?;
                }
                self.consume_semicolon()?;
                let declaration = self.finish_variable_declaration(declaration, start);
                self.check_declarations_initialized(declaration)?;
                Ok(Some(Statement::VariableDeclaration(declaration)))
            }
            _ => {
                self.statement_list_position = true;
                Ok(Some(self.parse_statement()?))
            }
        }
    }

    /// Does a `using` or `await using` declaration start at the current token? Returns
    /// whether it is an `await using` one. `using` must be followed on the same line by a
    /// binding identifier (`using [a] = b` is a member expression), `await using` only
    /// exists where `await` is an operator, and neither keyword may contain escapes. In a
    /// for-of head `using of` starts an expression (`for (using of of xs)`), so there
    /// (`in_for_head`) `using of` is a declaration only when `=` follows it.
    fn at_using_declaration(&self, in_for_head: bool) -> Option<bool> {
        let is_using = |parser: &Self, token: Token| {
            token.kind == TokenKind::Identifier && token.span.text(parser.source) == "using"
        };
        let binding_follows = |parser: &Self, token: Token| {
            !token.has_newline_before()
                && (parser.kind_is_identifier(token.kind)
                    || matches!(
                        token.kind,
                        TokenKind::Yield | TokenKind::Await | TokenKind::Let
                    ))
        };
        match self.token.kind {
            TokenKind::Identifier if is_using(self, self.token) => {
                let (next, after) = if in_for_head {
                    self.peek2()
                } else {
                    (self.peek(), self.token)
                };
                if !binding_follows(self, next) {
                    return None;
                }
                if in_for_head && next.kind == TokenKind::Of && after.kind != TokenKind::Assign {
                    return None;
                }
                Some(false)
            }
            TokenKind::Await if self.context.is_async && !self.context.in_class_static_block => {
                let (next, after) = self.peek2();
                if is_using(self, next)
                    && !next.has_newline_before()
                    && binding_follows(self, after)
                {
                    Some(true)
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// Parses `using a = x, b = y` or `await using a = x` (after [`Parser::at_using_declaration`]
    /// said one starts here) without the semicolon and without declaring the names. Every
    /// binding is a plain identifier; initialisers are checked by the callers (a for-of head
    /// has none).
    fn parse_using_declaration_undeclared(
        &mut self,
        is_await: bool,
        allow_in: bool,
    ) -> ParseResult<(VariableKind, ArenaVec<'a, VariableDeclarator<'a>>)> {
        if is_await {
            self.bump();
        }
        self.bump();
        let mut declarators = self.new_vec_with_capacity(1);
        loop {
            let declarator_start = self.token.span.start;
            let target = BindingPattern::Identifier(self.parse_binding_identifier()?);
            if self.typescript {
                self.eat(TokenKind::Bang);
                if self.eat(TokenKind::Colon) {
                    self.skip_type()?;
                }
            }
            let init = if self.eat(TokenKind::Assign) {
                Some(self.parse_assignment_expression(allow_in)?)
            } else {
                None
            };
            declarators.push(VariableDeclarator {
                span: self.span_from(declarator_start),
                target,
                init,
            });
            if !self.eat(TokenKind::Comma) {
                break;
            }
        }
        let kind = if is_await {
            VariableKind::AwaitUsing
        } else {
            VariableKind::Using
        };
        Ok((kind, declarators))
    }

    /// Declares the name of a class declaration in the current scope (lexical).
    pub fn declare_class_name(&mut self, class: &Class<'a>) -> ParseResult<()> {
        match class.id {
            Some(id) => self.declare_name(id, DeclarationKind::Lexical),
            None => Ok(()),
        }
    }

    /// In a declaration file: does a declaration that `skip_declared_declaration` handles
    /// start here (`var`, `let`, `const`, `function`, `class`, `abstract class`, `enum`,
    /// `namespace`, `module`, `global`, `async function`)?
    fn at_ambient_declaration_start(&self) -> bool {
        match self.token.kind {
            TokenKind::Var | TokenKind::Const | TokenKind::Function | TokenKind::Class => true,
            TokenKind::Enum => true,
            TokenKind::Let => self.peek_is_let_declaration(),
            TokenKind::Abstract => self.peek_same_line_is(TokenKind::Class),
            TokenKind::Async => self.peek_is_async_function(),
            TokenKind::Namespace | TokenKind::Module => self.peek_starts_namespace(),
            TokenKind::Global => self.peek_same_line_is(TokenKind::LeftBrace),
            _ => false,
        }
    }

    fn peek_is_async_function(&self) -> bool {
        let next = self.peek();
        next.kind == TokenKind::Function && !next.has_newline_before()
    }

    pub fn peek_same_line_is(&self, kind: TokenKind) -> bool {
        let next = self.peek();
        next.kind == kind && !next.has_newline_before()
    }

    fn peek_same_line_identifier(&self) -> bool {
        let next = self.peek();
        !next.has_newline_before()
            && (next.kind == TokenKind::Identifier || next.kind.is_contextual_keyword())
    }

    fn peek_starts_declaration(&self) -> bool {
        let next = self.peek();
        !next.has_newline_before()
            && matches!(
                next.kind,
                TokenKind::Var
                    | TokenKind::Let
                    | TokenKind::Const
                    | TokenKind::Function
                    | TokenKind::Class
                    | TokenKind::Enum
                    | TokenKind::Namespace
                    | TokenKind::Module
                    | TokenKind::Abstract
                    | TokenKind::Global
                    | TokenKind::Interface
                    | TokenKind::Type
                    | TokenKind::Async
            )
    }

    fn peek_starts_namespace(&self) -> bool {
        let next = self.peek();
        !next.has_newline_before()
            && (next.kind == TokenKind::Identifier
                || next.kind.is_contextual_keyword()
                || next.kind == TokenKind::StringLiteral)
    }

    /// `let` starts a declaration when followed by an identifier, `[` or `{`.
    fn peek_is_let_declaration(&self) -> bool {
        let next = self.peek();
        match next.kind {
            TokenKind::LeftBracket | TokenKind::LeftBrace => true,
            kind => {
                kind == TokenKind::Identifier
                    || kind.is_contextual_keyword()
                    || kind == TokenKind::Yield
                    || kind == TokenKind::Await
            }
        }
    }

    /// Parses a Statement (not a declaration, except Annex B function-in-if is handled by the
    /// callers that allow it).
    pub fn parse_statement(&mut self) -> ParseResult<Statement<'a>> {
        self.enter()?;
        let result = self.parse_statement_inner();
        self.leave();
        result
    }

    fn parse_statement_inner(&mut self) -> ParseResult<Statement<'a>> {
        let start = self.token.span.start;
        let in_statement_list = std::mem::replace(&mut self.statement_list_position, false);
        match self.token.kind {
            TokenKind::LeftBrace => Ok(Statement::Block(self.parse_block()?)),
            TokenKind::Semicolon => {
                self.bump();
                Ok(Statement::Empty(self.span_from(start)))
            }
            TokenKind::Var => {
                let declaration = self.parse_variable_declaration(start, true)?;
                self.consume_semicolon()?;
                let declaration = self.finish_variable_declaration(declaration, start);
                self.check_declarations_initialized(declaration)?;
                Ok(Statement::VariableDeclaration(declaration))
            }
            TokenKind::If => self.parse_if_statement(),
            TokenKind::For => self.parse_for_statement(),
            TokenKind::While => {
                self.bump();
                self.expect(TokenKind::LeftParen)?;
                let test = self.parse_expression(true)?;
                self.expect(TokenKind::RightParen)?;
                let body = self.parse_loop_body()?;
                Ok(Statement::While(self.alloc(WhileStatement {
                    span: self.span_from(start),
                    test,
                    body,
                })))
            }
            TokenKind::Do => {
                self.bump();
                let body = self.parse_loop_body()?;
                self.expect(TokenKind::While)?;
                self.expect(TokenKind::LeftParen)?;
                let test = self.parse_expression(true)?;
                self.expect(TokenKind::RightParen)?;
                // `do ... while (x)` may be followed by anything: a semicolon is optional.
                self.eat(TokenKind::Semicolon);
                Ok(Statement::DoWhile(self.alloc(DoWhileStatement {
                    span: self.span_from(start),
                    body,
                    test,
                })))
            }
            TokenKind::Continue | TokenKind::Break => self.parse_break_or_continue(),
            TokenKind::Return => {
                if !self.context.in_function {
                    return self.error_at("Illegal return statement", self.token.span);
                }
                self.bump();
                let argument = if self.can_insert_semicolon() {
                    None
                } else {
                    Some(self.parse_expression(true)?)
                };
                self.consume_semicolon()?;
                Ok(Statement::Return(self.alloc(ReturnStatement {
                    span: self.span_from(start),
                    argument,
                })))
            }
            TokenKind::Throw => {
                self.bump();
                if self.token.has_newline_before() {
                    return self.error_at("Illegal newline after throw", self.token.span);
                }
                let argument = self.parse_expression(true)?;
                self.consume_semicolon()?;
                Ok(Statement::Throw(self.alloc(ThrowStatement {
                    span: self.span_from(start),
                    argument,
                })))
            }
            TokenKind::Try => self.parse_try_statement(),
            TokenKind::Switch => self.parse_switch_statement(),
            TokenKind::With => {
                if self.strict {
                    return self.error_at(
                        "Strict mode code may not include a with statement",
                        self.token.span,
                    );
                }
                self.bump();
                self.expect(TokenKind::LeftParen)?;
                let object = self.parse_expression(true)?;
                self.expect(TokenKind::RightParen)?;
                let body = self.parse_statement()?;
                Ok(Statement::With(self.alloc(WithStatement {
                    span: self.span_from(start),
                    object,
                    body,
                })))
            }
            TokenKind::Debugger => {
                self.bump();
                self.consume_semicolon()?;
                Ok(Statement::Debugger(self.span_from(start)))
            }
            TokenKind::Function => {
                if self.strict {
                    return self.error_at("In strict mode code, functions can only be declared at top level or inside a block", self.token.span);
                }
                self.error_at("In non-strict mode code, functions can only be declared at top level, inside a block, or as the body of an if statement", self.token.span)
            }
            TokenKind::Class | TokenKind::Const => self.unexpected(),
            TokenKind::Let if self.peek().kind == TokenKind::LeftBracket => self.unexpected(),
            _ => {
                if self.at_identifier()
                    && self.next_token_may_start_with(b':')
                    && self.peek().kind == TokenKind::Colon
                {
                    return self.parse_labeled_statement(in_statement_list);
                }
                if self.at(TokenKind::Async) && self.peek_is_async_function() {
                    return self.error_at(
                        "Async functions can only be declared at the top level or inside a block",
                        self.token.span,
                    );
                }
                let expression = self.parse_expression(true)?;
                self.consume_semicolon()?;
                Ok(Statement::Expression(self.alloc(ExpressionStatement {
                    span: self.span_from(start),
                    expression,
                })))
            }
        }
    }

    pub fn parse_block(&mut self) -> ParseResult<&'a BlockStatement<'a>> {
        self.push_scope(ScopeKind::Block);
        let block = self.parse_block_in_current_scope();
        self.pop_scope();
        block
    }

    /// `{ statements }` without opening a scope (catch bodies share the catch clause's scope).
    fn parse_block_in_current_scope(&mut self) -> ParseResult<&'a BlockStatement<'a>> {
        let start = self.token.span.start;
        self.expect(TokenKind::LeftBrace)?;
        let body = self.parse_statement_list(TokenKind::RightBrace)?;
        self.expect(TokenKind::RightBrace)?;
        Ok(self.alloc(BlockStatement {
            span: self.span_from(start),
            body,
        }))
    }

    fn parse_loop_body(&mut self) -> ParseResult<Statement<'a>> {
        let saved = self.context.in_iteration;
        self.context.in_iteration = true;
        let body = self.parse_statement();
        self.context.in_iteration = saved;
        body
    }

    fn parse_if_statement(&mut self) -> ParseResult<Statement<'a>> {
        let start = self.token.span.start;
        self.bump();
        self.expect(TokenKind::LeftParen)?;
        let test = self.parse_expression(true)?;
        self.expect(TokenKind::RightParen)?;
        let consequent = self.parse_if_branch()?;
        let alternate = if self.eat(TokenKind::Else) {
            Some(self.parse_if_branch()?)
        } else {
            None
        };
        Ok(Statement::If(self.alloc(IfStatement {
            span: self.span_from(start),
            test,
            consequent,
            alternate,
        })))
    }

    /// The body of an `if` or `else`: a statement, or in sloppy mode a plain function
    /// declaration, which behaves as if wrapped in a block of its own (Annex B.3.3).
    fn parse_if_branch(&mut self) -> ParseResult<Statement<'a>> {
        if !self.at(TokenKind::Function) || self.strict {
            return self.parse_statement();
        }
        let start = self.token.span.start;
        self.push_scope(ScopeKind::Block);
        let function = self.parse_function_declaration(start, false);
        self.pop_scope();
        match function? {
            Some(function) if function.is_generator => self.error_at(
                "Generators can only be declared at the top level or inside a block",
                function.span,
            ),
            Some(function) => Ok(Statement::FunctionDeclaration(function)),
            None => Ok(Statement::Empty(self.span_from(start))),
        }
    }

    fn parse_break_or_continue(&mut self) -> ParseResult<Statement<'a>> {
        let start = self.token.span.start;
        let is_break = self.at(TokenKind::Break);
        self.bump();
        let label = if !self.can_insert_semicolon() && self.at_identifier() {
            let label = self.parse_identifier()?;
            let found = self.labels[self.context.label_base..]
                .iter()
                .rev()
                .find(|entry| entry.name == label.name)
                .copied();
            match found {
                None => {
                    let name = self.interner.resolve(label.name).to_string();
                    return self.error_at(format!("Undefined label '{name}'"), label.span);
                }
                Some(entry) if !is_break && !entry.is_loop => {
                    let name = self.interner.resolve(label.name).to_string();
                    return self.error_at(format!("Illegal continue statement: '{name}' does not denote an iteration statement"), label.span);
                }
                Some(_) => {}
            }
            Some(label)
        } else {
            if is_break && !self.context.in_iteration && !self.context.in_switch {
                return self.error_at("Illegal break statement", self.span_from(start));
            }
            if !is_break && !self.context.in_iteration {
                return self.error_at(
                    "Illegal continue statement: no surrounding iteration statement",
                    self.span_from(start),
                );
            }
            None
        };
        self.consume_semicolon()?;
        let span = self.span_from(start);
        Ok(if is_break {
            Statement::Break(self.alloc(BreakStatement { span, label }))
        } else {
            Statement::Continue(self.alloc(ContinueStatement { span, label }))
        })
    }

    /// `label: body`; `in_statement_list` tells whether the labelled statement is a
    /// statement-list item, where a sloppy-mode labelled function declaration is allowed.
    fn parse_labeled_statement(&mut self, in_statement_list: bool) -> ParseResult<Statement<'a>> {
        let start = self.token.span.start;
        let label = self.parse_identifier()?;
        self.expect(TokenKind::Colon)?;
        if self.labels[self.context.label_base..]
            .iter()
            .any(|entry| entry.name == label.name)
        {
            let name = self.interner.resolve(label.name).to_string();
            return self.error_at(
                format!("Label '{name}' has already been declared"),
                label.span,
            );
        }
        // A label applies to a loop when the labelled statement (through nested labels) is one.
        // One forward scan over the following `label:` pairs; it stops after as many labels as
        // the nesting limit allows, so a long chain of labels costs linear time per label.
        let is_loop = {
            let mut lexer = self.lexer.clone();
            let mut token = self.token;
            let mut scanned_labels = 0;
            loop {
                match token.kind {
                    TokenKind::For | TokenKind::While | TokenKind::Do => break true,
                    _ if (token.kind == TokenKind::Identifier
                        || token.kind.is_contextual_keyword())
                        && scanned_labels < MAX_NESTING_DEPTH
                        && lexer.next_token().kind == TokenKind::Colon =>
                    {
                        scanned_labels += 1;
                        token = lexer.next_token();
                    }
                    _ => break false,
                }
            }
        };
        self.labels.push(Label {
            name: label.name,
            is_loop,
        });
        let body = if self.at(TokenKind::Function) && !self.strict && in_statement_list {
            let function_start = self.token.span.start;
            match self.parse_function_declaration(function_start, false) {
                Ok(Some(function)) if function.is_generator => self.error_at(
                    "Generators can only be declared at the top level or inside a block",
                    function.span,
                ),
                Ok(Some(function)) => Ok(Statement::FunctionDeclaration(function)),
                Ok(None) => Ok(Statement::Empty(self.span_from(function_start))),
                Err(failed) => Err(failed),
            }
        } else {
            self.statement_list_position = in_statement_list;
            self.parse_statement()
        };
        self.labels.pop();
        let body = body?;
        Ok(Statement::Labeled(self.alloc(LabeledStatement {
            span: self.span_from(start),
            label,
            body,
        })))
    }

    fn parse_try_statement(&mut self) -> ParseResult<Statement<'a>> {
        let start = self.token.span.start;
        self.bump();
        let block = self.parse_block()?;
        let handler = if self.at(TokenKind::Catch) {
            let catch_start = self.token.span.start;
            self.bump();
            self.push_scope(ScopeKind::Block);
            let clause = self.parse_catch_parameter_and_body();
            self.pop_scope();
            let (param, body) = clause?;
            Some(self.alloc(CatchClause {
                span: self.span_from(catch_start),
                param,
                body,
            }))
        } else {
            None
        };
        let finalizer = if self.eat(TokenKind::Finally) {
            Some(self.parse_block()?)
        } else {
            None
        };
        if handler.is_none() && finalizer.is_none() {
            return self.error_at("Missing catch or finally after try", self.span_from(start));
        }
        Ok(Statement::Try(self.alloc(TryStatement {
            span: self.span_from(start),
            block,
            handler,
            finalizer,
        })))
    }

    /// `(param) { body }` or `{ body }` after `catch`, in the catch clause's scope: the
    /// parameter and the body's declarations share it, so they clash as the spec requires.
    fn parse_catch_parameter_and_body(
        &mut self,
    ) -> ParseResult<(Option<BindingPattern<'a>>, &'a BlockStatement<'a>)> {
        let param = if self.eat(TokenKind::LeftParen) {
            let pattern = self.parse_binding_pattern()?;
            if self.typescript && self.eat(TokenKind::Colon) {
                self.skip_type()?;
            }
            self.expect(TokenKind::RightParen)?;
            let simple = matches!(pattern, BindingPattern::Identifier(_));
            self.declare_pattern(&pattern, DeclarationKind::CatchParameter { simple })?;
            Some(pattern)
        } else {
            None
        };
        let body = self.parse_block_in_current_scope()?;
        Ok((param, body))
    }

    fn parse_switch_statement(&mut self) -> ParseResult<Statement<'a>> {
        let start = self.token.span.start;
        self.bump();
        self.expect(TokenKind::LeftParen)?;
        let discriminant = self.parse_expression(true)?;
        self.expect(TokenKind::RightParen)?;
        self.expect(TokenKind::LeftBrace)?;
        let saved = self.context.in_switch;
        self.context.in_switch = true;
        self.push_scope(ScopeKind::Block);
        let cases = self.parse_switch_cases();
        self.pop_scope();
        self.context.in_switch = saved;
        let cases = cases?;
        Ok(Statement::Switch(self.alloc(SwitchStatement {
            span: self.span_from(start),
            discriminant,
            cases,
        })))
    }

    /// The clauses of a case block up to and including its closing `}`.
    fn parse_switch_cases(&mut self) -> ParseResult<&'a [SwitchCase<'a>]> {
        let mut cases = self.new_vec_with_capacity(4);
        let mut seen_default = false;
        while !self.at(TokenKind::RightBrace) {
            let case_start = self.token.span.start;
            let test = if self.eat(TokenKind::Case) {
                Some(self.parse_expression(true)?)
            } else if self.at(TokenKind::Default) {
                if seen_default {
                    return self.error_at(
                        "More than one default clause in switch statement",
                        self.token.span,
                    );
                }
                seen_default = true;
                self.bump();
                None
            } else {
                return self.unexpected();
            };
            self.expect(TokenKind::Colon)?;
            let mut consequent = self.new_vec_with_capacity(2);
            while !matches!(
                self.token.kind,
                TokenKind::Case | TokenKind::Default | TokenKind::RightBrace
            ) {
                if self.at(TokenKind::EndOfFile) {
                    return self.unexpected();
                }
                if let Some(statement) = self.parse_statement_list_item()? {
                    if let Statement::VariableDeclaration(declaration) = statement
                        && matches!(
                            declaration.kind,
                            VariableKind::Using | VariableKind::AwaitUsing
                        )
                    {
                        return self.error_at(
                            "'using' declarations are not allowed directly in a case clause",
                            declaration.span,
                        );
                    }
                    consequent.push(statement);
                }
            }
            cases.push(SwitchCase {
                span: self.span_from(case_start),
                test,
                consequent: consequent.into_bump_slice(),
            });
        }
        self.bump();
        Ok(cases.into_bump_slice())
    }

    // -----------------------------------------------------------------------------------
    // Variables and for statements
    // -----------------------------------------------------------------------------------

    /// Parses `var|let|const declarators` without the trailing semicolon and declares the
    /// bound names. `allow_in` is false in for-statement heads.
    pub fn parse_variable_declaration(
        &mut self,
        start: u32,
        allow_in: bool,
    ) -> ParseResult<(VariableKind, ArenaVec<'a, VariableDeclarator<'a>>)> {
        let declaration = self.parse_variable_declaration_undeclared(start, allow_in)?;
        let kind = match declaration.0 {
            VariableKind::Var => DeclarationKind::Var,
            _ => DeclarationKind::Lexical,
        };
        for declarator in declaration.1.iter() {
            self.declare_pattern(&declarator.target, kind)?;
        }
        Ok(declaration)
    }

    /// [`Parser::parse_variable_declaration`] without declaring the bound names.
    pub fn parse_variable_declaration_undeclared(
        &mut self,
        start: u32,
        allow_in: bool,
    ) -> ParseResult<(VariableKind, ArenaVec<'a, VariableDeclarator<'a>>)> {
        let kind = match self.token.kind {
            TokenKind::Var => VariableKind::Var,
            TokenKind::Let => VariableKind::Let,
            TokenKind::Const => VariableKind::Const,
            _ => return self.unexpected(),
        };
        let _ = start;
        self.bump();
        let mut declarators = self.new_vec_with_capacity(1);
        loop {
            let declarator_start = self.token.span.start;
            let target = self.parse_binding_pattern()?;
            if self.typescript {
                self.eat(TokenKind::Bang);
                if self.eat(TokenKind::Colon) {
                    self.skip_type()?;
                }
            }
            let init = if self.eat(TokenKind::Assign) {
                Some(self.parse_assignment_expression(allow_in)?)
            } else {
                None
            };
            declarators.push(VariableDeclarator {
                span: self.span_from(declarator_start),
                target,
                init,
            });
            if !self.eat(TokenKind::Comma) {
                break;
            }
        }
        Ok((kind, declarators))
    }

    pub fn finish_variable_declaration(
        &self,
        (kind, declarators): (VariableKind, ArenaVec<'a, VariableDeclarator<'a>>),
        start: u32,
    ) -> &'a VariableDeclaration<'a> {
        self.alloc(VariableDeclaration {
            span: self.span_from(start),
            kind,
            declarators: declarators.into_bump_slice(),
        })
    }

    fn check_declarations_initialized(
        &mut self,
        declaration: &VariableDeclaration<'a>,
    ) -> ParseResult<()> {
        for declarator in declaration.declarators {
            let needs_init = declaration.kind != VariableKind::Var
                && declaration.kind != VariableKind::Let
                || !matches!(declarator.target, BindingPattern::Identifier(_));
            if needs_init && declarator.init.is_none() {
                return self.error_at(
                    "Missing initializer in destructuring or const declaration",
                    declarator.span,
                );
            }
        }
        Ok(())
    }

    fn parse_for_statement(&mut self) -> ParseResult<Statement<'a>> {
        self.push_scope(ScopeKind::Block);
        let statement = self.parse_for_statement_in_scope();
        self.pop_scope();
        statement
    }

    fn parse_for_statement_in_scope(&mut self) -> ParseResult<Statement<'a>> {
        let start = self.token.span.start;
        self.bump();
        let is_await = if self.at(TokenKind::Await) {
            if !self.context.is_async {
                return self.unexpected();
            }
            self.bump();
            true
        } else {
            false
        };
        self.expect(TokenKind::LeftParen)?;
        let init_start = self.token.span.start;
        let using_declaration = match self.token.kind {
            TokenKind::Identifier | TokenKind::Await => self.at_using_declaration(true),
            _ => None,
        };
        let is_declaration = using_declaration.is_some()
            || match self.token.kind {
                TokenKind::Var | TokenKind::Const => true,
                TokenKind::Let => {
                    let next = self.peek().kind;
                    next == TokenKind::LeftBracket
                        || next == TokenKind::LeftBrace
                        || self.kind_is_identifier(next)
                        || next == TokenKind::Yield
                        || next == TokenKind::Await
                }
                _ => false,
            };
        if is_declaration {
            let parsed = match using_declaration {
                Some(is_await) => self.parse_using_declaration_undeclared(is_await, false)?,
                None => self.parse_variable_declaration_undeclared(init_start, false)?,
            };
            let declaration = self.finish_variable_declaration(parsed, init_start);
            let is_of = self.at(TokenKind::Of);
            if using_declaration.is_some() && self.at(TokenKind::In) {
                return self.error_at(
                    "'using' declarations are not allowed in for-in heads",
                    declaration.span,
                );
            }
            let declaration_kind = match declaration.kind {
                VariableKind::Var => DeclarationKind::Var,
                _ => DeclarationKind::Lexical,
            };
            for declarator in declaration.declarators {
                self.declare_pattern(&declarator.target, declaration_kind)?;
            }
            if self.at(TokenKind::Of) || self.at(TokenKind::In) {
                if declaration.declarators.len() != 1 {
                    return self.error_at(
                        "Invalid left-hand side in for-in/of loop: must have a single binding",
                        declaration.span,
                    );
                }
                if let Some(init) = declaration.declarators[0].init {
                    let legal = !is_of
                        && !self.strict
                        && declaration.kind == VariableKind::Var
                        && matches!(
                            declaration.declarators[0].target,
                            BindingPattern::Identifier(_)
                        );
                    if !legal {
                        return self.error_at(
                            "for-in/of loop variable declaration may not have an initializer",
                            init.span(),
                        );
                    }
                }
                return self.finish_for_in_of(
                    start,
                    is_await,
                    is_of,
                    ForInOfLeft::VariableDeclaration(declaration),
                );
            }
            if is_await {
                return self.unexpected();
            }
            self.check_declarations_initialized(declaration)?;
            return self.finish_for(start, Some(ForInit::VariableDeclaration(declaration)));
        }
        if self.at(TokenKind::Semicolon) {
            if is_await {
                return self.unexpected();
            }
            return self.finish_for(start, None);
        }
        // `for (async of ...)` is forbidden; `for (let of ...)` is too.
        let starts_with_let = self.at(TokenKind::Let);
        let starts_with_async = self.at(TokenKind::Async) && self.peek().kind == TokenKind::Of;
        let cover_count = self.cover_initializers.len();
        let expression = self.parse_expression(false)?;
        if self.at(TokenKind::Of) || self.at(TokenKind::In) {
            let is_of = self.at(TokenKind::Of);
            if is_of && (starts_with_let || (starts_with_async && !is_await)) {
                return self.error_at(
                    "The left-hand side of a for-of loop may not be 'let' or 'async'",
                    expression.span(),
                );
            }
            let target = self.expression_to_assignment_target(expression, cover_count)?;
            return self.finish_for_in_of(start, is_await, is_of, ForInOfLeft::Target(target));
        }
        if is_await {
            return self.unexpected();
        }
        self.finish_for(start, Some(ForInit::Expression(expression)))
    }

    fn finish_for(&mut self, start: u32, init: Option<ForInit<'a>>) -> ParseResult<Statement<'a>> {
        self.expect(TokenKind::Semicolon)?;
        let test = if self.at(TokenKind::Semicolon) {
            None
        } else {
            Some(self.parse_expression(true)?)
        };
        self.expect(TokenKind::Semicolon)?;
        let update = if self.at(TokenKind::RightParen) {
            None
        } else {
            Some(self.parse_expression(true)?)
        };
        self.expect(TokenKind::RightParen)?;
        let body = self.parse_loop_body()?;
        Ok(Statement::For(self.alloc(ForStatement {
            span: self.span_from(start),
            init,
            test,
            update,
            body,
        })))
    }

    fn finish_for_in_of(
        &mut self,
        start: u32,
        is_await: bool,
        is_of: bool,
        left: ForInOfLeft<'a>,
    ) -> ParseResult<Statement<'a>> {
        self.bump();
        let right = if is_of {
            self.parse_assignment_expression(true)?
        } else {
            self.parse_expression(true)?
        };
        self.expect(TokenKind::RightParen)?;
        let body = self.parse_loop_body()?;
        let span = self.span_from(start);
        Ok(if is_of {
            Statement::ForOf(self.alloc(ForOfStatement {
                span,
                is_await,
                left,
                right,
                body,
            }))
        } else {
            if is_await {
                return self.error_at("for await requires 'of'", span);
            }
            Statement::ForIn(self.alloc(ForInStatement {
                span,
                left,
                right,
                body,
            }))
        })
    }

    // -----------------------------------------------------------------------------------
    // Modules
    // -----------------------------------------------------------------------------------

    fn check_module_syntax_allowed(&mut self) -> ParseResult<()> {
        if self.allow_module_syntax
            && !self.context.in_function
            && self.depth <= 1
            && self.namespace_depth == 0
        {
            self.saw_module_syntax = true;
            if !self.module {
                // Script-or-module goal, script pass: the file is a module, and
                // `parse_with_options` parses it again as one. Stop here rather than finish a
                // script parse whose result is thrown away (this halves the parse time of
                // typical TypeScript files, which start with imports).
                return self.error_at("Module syntax in the script pass", self.token.span);
            }
            return Ok(());
        }
        if self.namespace_depth > 0 {
            return Ok(());
        }
        self.error_at(
            "Cannot use import statement outside a module",
            self.token.span,
        )
    }

    fn parse_module_export_name(&mut self) -> ParseResult<ModuleExportName> {
        if self.at(TokenKind::StringLiteral) {
            let literal = self.parse_string_literal()?;
            return match literal.atom {
                Some(name) => Ok(ModuleExportName {
                    span: literal.span,
                    name,
                }),
                None => self.error_at(
                    "Invalid module export name: contains unpaired surrogate",
                    literal.span,
                ),
            };
        }
        let identifier = self.parse_identifier_name()?;
        Ok(ModuleExportName {
            span: identifier.span,
            name: identifier.name,
        })
    }

    fn parse_module_source(&mut self) -> ParseResult<&'a StringLiteral<'a>> {
        if !self.at(TokenKind::StringLiteral) {
            return self.unexpected();
        }
        self.parse_string_literal()
    }

    fn parse_import_attributes(&mut self) -> ParseResult<&'a [ImportAttribute<'a>]> {
        let mut attributes = self.new_vec();
        if (self.at(TokenKind::With)
            || (self.at(TokenKind::Identifier)
                && self.token.span.text(self.source) == "assert"
                && !self.token.has_newline_before()))
            && self.peek().kind == TokenKind::LeftBrace
        {
            self.bump();
            self.expect(TokenKind::LeftBrace)?;
            while !self.at(TokenKind::RightBrace) {
                let start = self.token.span.start;
                let key = self.parse_module_export_name()?;
                if attributes
                    .iter()
                    .any(|attribute: &ImportAttribute<'a>| attribute.key.name == key.name)
                {
                    return self.error_at("Duplicate import attribute key", key.span);
                }
                self.expect(TokenKind::Colon)?;
                let value = self.parse_module_source()?;
                attributes.push(ImportAttribute {
                    span: self.span_from(start),
                    key,
                    value,
                });
                if !self.eat(TokenKind::Comma) {
                    break;
                }
            }
            self.expect(TokenKind::RightBrace)?;
        }
        Ok(attributes.into_bump_slice())
    }

    fn parse_import_declaration(&mut self) -> ParseResult<Option<Statement<'a>>> {
        let start = self.token.span.start;
        self.bump();
        // TS: `import type ...` is dropped (but `import type from "m"` imports `type`).
        if self.typescript && self.at(TokenKind::Type) {
            let (next, after) = self.peek2();
            let is_default_named_type =
                next.kind == TokenKind::From && after.kind == TokenKind::StringLiteral;
            let is_import_equals_named_type = next.kind == TokenKind::Assign;
            if !is_default_named_type && !is_import_equals_named_type {
                self.bump();
                self.skip_until_statement_end()?;
                return Ok(None);
            }
        }
        // TS: `import x = A.B;` / `import x = require("m");`
        if self.at_identifier() && self.peek().kind == TokenKind::Assign {
            return Ok(Some(Statement::ImportEquals(
                self.parse_import_equals_rest(start)?,
            )));
        }
        self.check_module_syntax_allowed()?;
        let mut specifiers = self.new_vec_with_capacity(4);
        if self.at(TokenKind::StringLiteral) {
            let source = self.parse_module_source()?;
            let attributes = self.parse_import_attributes()?;
            self.consume_semicolon()?;
            return Ok(Some(Statement::Import(self.alloc(ImportDeclaration {
                span: self.span_from(start),
                specifiers: specifiers.into_bump_slice(),
                source,
                attributes,
                phase: ImportPhase::Evaluation,
            }))));
        }
        let phase = self.parse_import_phase();
        if phase == ImportPhase::Source {
            // `import source x from "m"`: exactly one binding, no named imports.
            let local = self.parse_binding_identifier()?;
            specifiers.push(ImportSpecifier::Default {
                span: local.span,
                local,
            });
            return self.finish_import(start, specifiers, phase);
        }
        if phase == ImportPhase::Evaluation && self.at_identifier() {
            let local = self.parse_binding_identifier()?;
            specifiers.push(ImportSpecifier::Default {
                span: local.span,
                local,
            });
            if !self.eat(TokenKind::Comma) {
                return self.finish_import(start, specifiers, phase);
            }
        }
        if self.at(TokenKind::Star) {
            let specifier_start = self.token.span.start;
            self.bump();
            self.expect(TokenKind::As)?;
            let local = self.parse_binding_identifier()?;
            specifiers.push(ImportSpecifier::Namespace {
                span: self.span_from(specifier_start),
                local,
            });
        } else if self.eat(TokenKind::LeftBrace) {
            while !self.at(TokenKind::RightBrace) {
                let specifier_start = self.token.span.start;
                // `{ type X }` is a type-only specifier unless `type` itself is the name.
                if self.typescript && self.at(TokenKind::Type) {
                    let next = self.peek().kind;
                    if next != TokenKind::Comma
                        && next != TokenKind::RightBrace
                        && next != TokenKind::As
                    {
                        self.bump();
                        self.parse_module_export_name()?;
                        if self.eat(TokenKind::As) {
                            self.parse_binding_identifier()?;
                        }
                        if !self.eat(TokenKind::Comma) {
                            break;
                        }
                        continue;
                    }
                }
                let imported = self.parse_module_export_name()?;
                let local = if self.eat(TokenKind::As) {
                    self.parse_binding_identifier()?
                } else {
                    Identifier {
                        span: imported.span,
                        name: imported.name,
                    }
                };
                specifiers.push(ImportSpecifier::Named {
                    span: self.span_from(specifier_start),
                    imported,
                    local,
                });
                if !self.eat(TokenKind::Comma) {
                    break;
                }
            }
            self.expect(TokenKind::RightBrace)?;
        } else {
            return self.unexpected();
        }
        self.finish_import(start, specifiers, phase)
    }

    /// After `import` (and not before a module specifier string): consumes the phase keyword
    /// of `import defer * as ns` and `import source x`, which are only keywords in those
    /// positions (`import defer from "m"` and `import source from "m"` import a default
    /// binding named `defer` or `source`, while `import source from from "m"` is a source
    /// import of a binding named `from`).
    fn parse_import_phase(&mut self) -> ImportPhase {
        if self.token.kind != TokenKind::Identifier {
            return ImportPhase::Evaluation;
        }
        let phase = match self.token.span.text(self.source) {
            "defer" if self.peek().kind == TokenKind::Star => ImportPhase::Defer,
            "source" => {
                let (next, after) = self.peek2();
                let binding_follows = if next.kind == TokenKind::From {
                    after.kind == TokenKind::From
                } else {
                    self.kind_is_identifier(next.kind)
                };
                if !binding_follows {
                    return ImportPhase::Evaluation;
                }
                ImportPhase::Source
            }
            _ => return ImportPhase::Evaluation,
        };
        self.bump();
        phase
    }

    fn finish_import(
        &mut self,
        start: u32,
        specifiers: ArenaVec<'a, ImportSpecifier>,
        phase: ImportPhase,
    ) -> ParseResult<Option<Statement<'a>>> {
        for specifier in specifiers.iter() {
            let local = match *specifier {
                ImportSpecifier::Default { local, .. }
                | ImportSpecifier::Namespace { local, .. }
                | ImportSpecifier::Named { local, .. } => local,
            };
            if local.name == well_known::EVAL || local.name == well_known::ARGUMENTS {
                return self.error_at("Unexpected eval or arguments in strict mode", local.span);
            }
            self.declare_name(local, DeclarationKind::Lexical)?;
        }
        self.expect(TokenKind::From)?;
        let source = self.parse_module_source()?;
        let attributes = self.parse_import_attributes()?;
        self.consume_semicolon()?;
        Ok(Some(Statement::Import(self.alloc(ImportDeclaration {
            span: self.span_from(start),
            specifiers: specifiers.into_bump_slice(),
            source,
            attributes,
            phase,
        }))))
    }

    /// After `import`: `id = A.B.C;` or `id = require("m");`.
    fn parse_import_equals_rest(
        &mut self,
        start: u32,
    ) -> ParseResult<&'a ImportEqualsDeclaration<'a>> {
        let id = self.parse_binding_identifier()?;
        self.expect(TokenKind::Assign)?;
        let reference = if self.at(TokenKind::Require) && self.peek().kind == TokenKind::LeftParen {
            self.bump();
            self.bump();
            let source = self.parse_module_source()?;
            self.expect(TokenKind::RightParen)?;
            ModuleReference::External(source)
        } else {
            let mut names = self.new_vec();
            names.push(self.parse_identifier()?);
            while self.eat(TokenKind::Dot) {
                names.push(self.parse_identifier_name()?);
            }
            ModuleReference::EntityName(names.into_bump_slice())
        };
        self.consume_semicolon()?;
        self.declare_name(id, DeclarationKind::Lexical)?;
        Ok(self.alloc(ImportEqualsDeclaration {
            span: self.span_from(start),
            id,
            reference,
        }))
    }

    fn parse_export_declaration(&mut self) -> ParseResult<Option<Statement<'a>>> {
        let start = self.token.span.start;
        self.check_module_syntax_allowed()?;
        self.bump();
        let in_namespace = self.namespace_depth > 0;
        match self.token.kind {
            TokenKind::Default if !in_namespace => {
                self.bump();
                let declaration_start = self.token.span.start;
                if self.at(TokenKind::At) {
                    let decorators = self.parse_decorators()?;
                    if !self.at(TokenKind::Class) {
                        return self.unexpected();
                    }
                    self.pending_decorators = decorators;
                }
                let kind = if self.at(TokenKind::Function)
                    || (self.at(TokenKind::Async) && self.peek_is_async_function())
                {
                    let is_async = self.eat(TokenKind::Async);
                    match self.parse_function(
                        declaration_start,
                        is_async,
                        FunctionKind::DefaultExport,
                    )? {
                        Some(function) => ExportDefaultKind::Function(function),
                        None => return Ok(None),
                    }
                } else if self.at(TokenKind::Class)
                    || (self.at(TokenKind::Abstract) && self.peek().kind == TokenKind::Class)
                {
                    let is_abstract = self.eat(TokenKind::Abstract);
                    let class = self.parse_class(declaration_start, false, is_abstract)?;
                    self.declare_class_name(class)?;
                    ExportDefaultKind::Class(class)
                } else if self.typescript
                    && self.at(TokenKind::Interface)
                    && self.peek_same_line_identifier()
                {
                    self.skip_interface_declaration()?;
                    return Ok(None);
                } else {
                    let expression = self.parse_assignment_expression(true)?;
                    self.consume_semicolon()?;
                    ExportDefaultKind::Expression(expression)
                };
                self.exported_names.push(ModuleExportName {
                    span: Span::new(start, declaration_start),
                    name: well_known::DEFAULT,
                });
                Ok(Some(Statement::ExportDefault(self.alloc(
                    ExportDefaultDeclaration {
                        span: self.span_from(start),
                        kind,
                        is_export_assignment: false,
                    },
                ))))
            }
            TokenKind::Star if !in_namespace => {
                self.bump();
                let exported = if self.eat(TokenKind::As) {
                    Some(self.parse_module_export_name()?)
                } else {
                    None
                };
                self.expect(TokenKind::From)?;
                let source = self.parse_module_source()?;
                self.parse_import_attributes()?;
                self.consume_semicolon()?;
                if let Some(exported) = exported {
                    self.exported_names.push(exported);
                }
                Ok(Some(Statement::ExportAll(self.alloc(
                    ExportAllDeclaration {
                        span: self.span_from(start),
                        exported,
                        source,
                    },
                ))))
            }
            TokenKind::LeftBrace if !in_namespace => {
                self.bump();
                let mut specifiers = self.new_vec();
                let mut string_locals: Vec<Span> = Vec::new();
                while !self.at(TokenKind::RightBrace) {
                    let specifier_start = self.token.span.start;
                    if self.typescript && self.at(TokenKind::Type) {
                        let next = self.peek().kind;
                        if next != TokenKind::Comma
                            && next != TokenKind::RightBrace
                            && next != TokenKind::As
                        {
                            self.bump();
                            self.parse_module_export_name()?;
                            if self.eat(TokenKind::As) {
                                self.parse_module_export_name()?;
                            }
                            if !self.eat(TokenKind::Comma) {
                                break;
                            }
                            continue;
                        }
                    }
                    let local_is_string = self.at(TokenKind::StringLiteral);
                    let local = self.parse_module_export_name()?;
                    let exported = if self.eat(TokenKind::As) {
                        self.parse_module_export_name()?
                    } else {
                        local
                    };
                    if local_is_string {
                        string_locals.push(local.span);
                    }
                    specifiers.push(ExportSpecifier {
                        span: self.span_from(specifier_start),
                        local,
                        exported,
                    });
                    if !self.eat(TokenKind::Comma) {
                        break;
                    }
                }
                self.expect(TokenKind::RightBrace)?;
                let source = if self.eat(TokenKind::From) {
                    let source = self.parse_module_source()?;
                    self.parse_import_attributes()?;
                    Some(source)
                } else {
                    None
                };
                self.consume_semicolon()?;
                if source.is_none()
                    && let Some(&span) = string_locals.first()
                {
                    return self.error_at(
                        "A string literal cannot be used as an exported binding without 'from'",
                        span,
                    );
                }
                for specifier in specifiers.iter() {
                    self.exported_names.push(specifier.exported);
                    if source.is_none() {
                        self.exported_locals.push(Identifier {
                            span: specifier.local.span,
                            name: specifier.local.name,
                        });
                    }
                }
                Ok(Some(Statement::ExportNamed(self.alloc(
                    ExportNamedDeclaration {
                        span: self.span_from(start),
                        declaration: None,
                        specifiers: specifiers.into_bump_slice(),
                        source,
                    },
                ))))
            }
            TokenKind::Type
                if self.typescript
                    && (self.peek().kind == TokenKind::LeftBrace
                        || self.peek().kind == TokenKind::Star) =>
            {
                self.bump();
                self.skip_until_statement_end()?;
                Ok(None)
            }
            TokenKind::Assign if self.typescript && !in_namespace => {
                // `export = value;`: kept as a default export of the value (see the AST).
                let assign_span = self.token.span;
                self.bump();
                let expression = self.parse_assignment_expression(true)?;
                self.consume_semicolon()?;
                self.exported_names.push(ModuleExportName {
                    span: assign_span,
                    name: well_known::DEFAULT,
                });
                Ok(Some(Statement::ExportDefault(self.alloc(
                    ExportDefaultDeclaration {
                        span: self.span_from(start),
                        kind: ExportDefaultKind::Expression(expression),
                        is_export_assignment: true,
                    },
                ))))
            }
            TokenKind::As if self.typescript && self.peek().kind == TokenKind::Namespace => {
                self.skip_until_statement_end()?;
                Ok(None)
            }
            TokenKind::Import if self.typescript => {
                let import_start = self.token.span.start;
                self.bump();
                let declaration = self.parse_import_equals_rest(import_start)?;
                Ok(Some(self.export_named_declaration(
                    start,
                    Declaration::ImportEquals(declaration),
                )))
            }
            _ => {
                let declaration_start = self.token.span.start;
                let statement = match self.token.kind {
                    TokenKind::Var
                    | TokenKind::Let
                    | TokenKind::Const
                    | TokenKind::Function
                    | TokenKind::Class
                    | TokenKind::Async
                    | TokenKind::Enum
                    | TokenKind::Abstract
                    | TokenKind::Namespace
                    | TokenKind::Module
                    | TokenKind::Declare
                    | TokenKind::Interface
                    | TokenKind::At
                    | TokenKind::Type => self.parse_statement_list_item()?,
                    _ => return self.unexpected(),
                };
                let Some(statement) = statement else {
                    return Ok(None);
                };
                if !in_namespace {
                    self.record_exported_declaration_names(statement);
                }
                let declaration = match statement {
                    Statement::VariableDeclaration(node) => Declaration::Variable(node),
                    Statement::FunctionDeclaration(node) => Declaration::Function(node),
                    Statement::ClassDeclaration(node) => Declaration::Class(node),
                    Statement::Enum(node) => Declaration::Enum(node),
                    Statement::Namespace(node) => Declaration::Namespace(node),
                    Statement::ImportEquals(node) => Declaration::ImportEquals(node),
                    _ => {
                        return self.error_at(
                            "Unexpected export",
                            Span::new(declaration_start, self.previous_token_end),
                        );
                    }
                };
                Ok(Some(self.export_named_declaration(start, declaration)))
            }
        }
    }

    /// Adds the names an `export <declaration>` exports to the module's exported names.
    fn record_exported_declaration_names(&mut self, statement: Statement<'a>) {
        match statement {
            Statement::VariableDeclaration(declaration) => {
                self.scopes.parameter_names.clear();
                for declarator in declaration.declarators {
                    self.collect_bound_names(&declarator.target);
                }
                for index in 0..self.scopes.parameter_names.len() {
                    let identifier = self.scopes.parameter_names[index];
                    self.exported_names.push(ModuleExportName {
                        span: identifier.span,
                        name: identifier.name,
                    });
                }
            }
            Statement::FunctionDeclaration(Function { id: Some(id), .. })
            | Statement::ClassDeclaration(Class { id: Some(id), .. }) => {
                self.exported_names.push(ModuleExportName {
                    span: id.span,
                    name: id.name,
                });
            }
            _ => {}
        }
    }

    fn export_named_declaration(&self, start: u32, declaration: Declaration<'a>) -> Statement<'a> {
        Statement::ExportNamed(self.alloc(ExportNamedDeclaration {
            span: self.span_from(start),
            declaration: Some(declaration),
            specifiers: &[],
            source: None,
        }))
    }

    // -----------------------------------------------------------------------------------
    // TypeScript run-time declarations: enum and namespace
    // -----------------------------------------------------------------------------------

    fn parse_enum(&mut self, start: u32, is_const: bool) -> ParseResult<&'a EnumDeclaration<'a>> {
        self.expect(TokenKind::Enum)?;
        let id = self.parse_binding_identifier()?;
        self.expect(TokenKind::LeftBrace)?;
        let mut members = self.new_vec();
        while !self.at(TokenKind::RightBrace) {
            let member_start = self.token.span.start;
            let (name, name_span) = if self.at(TokenKind::StringLiteral) {
                let literal = self.parse_string_literal()?;
                match literal.atom {
                    Some(atom) => (atom, literal.span),
                    None => return self.error_at("Invalid enum member name", literal.span),
                }
            } else if self.token.kind.is_identifier_name() {
                let identifier = self.parse_identifier_name()?;
                (identifier.name, identifier.span)
            } else {
                return self.unexpected();
            };
            let initializer = if self.eat(TokenKind::Assign) {
                Some(self.parse_assignment_expression(true)?)
            } else {
                None
            };
            members.push(EnumMember {
                span: self.span_from(member_start),
                name,
                name_span,
                initializer,
            });
            if !self.eat(TokenKind::Comma) {
                break;
            }
        }
        self.expect(TokenKind::RightBrace)?;
        Ok(self.alloc(EnumDeclaration {
            span: self.span_from(start),
            id,
            members: members.into_bump_slice(),
            is_const,
        }))
    }

    /// `namespace A.B { ... }`; `None` when the namespace is not instantiated (empty body
    /// after dropping types) or is an ambient `module "name" { }`.
    fn parse_namespace(&mut self, start: u32) -> ParseResult<Option<&'a NamespaceDeclaration<'a>>> {
        self.bump();
        if self.at(TokenKind::StringLiteral) {
            // `module "name" { ... }` is an ambient module declaration: types only.
            self.bump();
            if self.at(TokenKind::LeftBrace) {
                self.skip_balanced()?;
            } else {
                self.consume_semicolon()?;
            }
            return Ok(None);
        }
        let mut names = self.new_vec();
        names.push(self.parse_binding_identifier()?);
        while self.eat(TokenKind::Dot) {
            names.push(self.parse_identifier()?);
        }
        self.expect(TokenKind::LeftBrace)?;
        let saved_context = self.context;
        let saved_labels = self.labels.len();
        self.context.in_iteration = false;
        self.context.in_switch = false;
        self.context.label_base = saved_labels;
        self.namespace_depth += 1;
        self.push_scope(ScopeKind::Function);
        let body = self.parse_statement_list(TokenKind::RightBrace);
        self.pop_scope();
        self.namespace_depth -= 1;
        self.context = saved_context;
        let body = body?;
        self.expect(TokenKind::RightBrace)?;
        if body.is_empty() {
            return Ok(None);
        }
        let span = self.span_from(start);
        // Build from the innermost name outwards: `A.B { body }` is `A { export B { body } }`.
        let mut declaration: &'a NamespaceDeclaration<'a> = self.alloc(NamespaceDeclaration {
            span,
            id: *names.last().unwrap_or(&names[0]),
            body,
        });
        for index in (0..names.len() - 1).rev() {
            let inner = self.export_named_declaration(
                names[index + 1].span.start,
                Declaration::Namespace(declaration),
            );
            let body = self.arena.alloc_slice_copy(&[inner]);
            declaration = self.alloc(NamespaceDeclaration {
                span,
                id: names[index],
                body,
            });
        }
        Ok(Some(declaration))
    }
}

/// True for TypeScript declaration files (`.d.ts`, `.d.mts`, `.d.cts`).
pub(crate) fn is_declaration_file_name(file_name: &str) -> bool {
    file_name.ends_with(".d.ts") || file_name.ends_with(".d.mts") || file_name.ends_with(".d.cts")
}

/// Which syntactic form of function is being parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FunctionKind {
    Declaration,
    DefaultExport,
    Expression,
}

/// Tokens that, after a line break, still continue the previous expression (used to decide
/// whether a string literal statement is a directive).
pub(crate) fn token_continues_expression(kind: TokenKind) -> bool {
    use TokenKind::*;
    matches!(
        kind,
        Dot | QuestionDot
            | LeftBracket
            | LeftParen
            | NoSubstitutionTemplate
            | TemplateHead
            | Comma
            | Question
            | Less
            | Greater
            | LessEqual
            | GreaterEqual
            | EqualEqual
            | NotEqual
            | EqualEqualEqual
            | NotEqualEqual
            | Plus
            | Minus
            | Star
            | Slash
            | Percent
            | StarStar
            | ShiftLeft
            | ShiftRight
            | ShiftRightUnsigned
            | Ampersand
            | Pipe
            | Caret
            | AmpersandAmpersand
            | PipePipe
            | QuestionQuestion
            | In
            | Instanceof
            | As
            | Satisfies
    ) || kind.is_assignment_operator()
}
