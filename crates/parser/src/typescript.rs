//! The TypeScript type grammar, parsed only to be skipped (types never reach the AST).
//!
//! Object types, interface bodies, tuple types and ambient bodies are skipped by bracket
//! balancing (with template-literal awareness), which is both robust and fast; the rest of the
//! type grammar (unions, intersections, conditional types, function and constructor types,
//! generics, `typeof`/`keyof`/`infer`, indexed access, template literal types, type
//! predicates) is parsed structurally because its end is only known from its structure.

use crate::parser::{ParseResult, Parser};
use tseval_lexer::TokenKind;

impl Parser<'_, '_, '_> {
    /// Skips a full type (including function and conditional types).
    pub fn skip_type(&mut self) -> ParseResult<()> {
        self.skip_type_in_context(false)
    }

    /// Skips a type in which a conditional type may not start at the top level: the
    /// `extends` clause of a conditional type and the constraint of `infer X extends C` there.
    /// Function types, parenthesised types and everything in brackets may still contain them.
    fn skip_type_disallowing_conditional(&mut self) -> ParseResult<()> {
        self.skip_type_in_context(true)
    }

    fn skip_type_in_context(&mut self, disallow_conditional_types: bool) -> ParseResult<()> {
        self.enter()?;
        let saved = std::mem::replace(
            &mut self.disallow_conditional_types,
            disallow_conditional_types,
        );
        let result = self.skip_type_inner();
        self.disallow_conditional_types = saved;
        self.leave();
        result
    }

    fn skip_type_inner(&mut self) -> ParseResult<()> {
        // Constructor types `new (...) => T` / `abstract new (...) => T`.
        if self.at(TokenKind::Abstract) && self.peek().kind == TokenKind::New {
            self.bump();
        }
        if self.at(TokenKind::New) {
            self.bump();
            if self.at(TokenKind::Less) {
                self.skip_type_parameters()?;
            }
            self.skip_balanced()?;
            self.expect(TokenKind::Arrow)?;
            return self.skip_return_type();
        }
        if self.at(TokenKind::Less) {
            self.skip_type_parameters()?;
            self.skip_balanced()?;
            self.expect(TokenKind::Arrow)?;
            return self.skip_return_type();
        }
        if self.at(TokenKind::LeftParen) {
            let checkpoint = self.checkpoint();
            if self.skip_balanced().is_ok() && self.at(TokenKind::Arrow) {
                self.bump();
                return self.skip_return_type();
            }
            self.rewind(checkpoint);
        }
        self.skip_union_type()?;
        if !self.disallow_conditional_types
            && self.at(TokenKind::Extends)
            && !self.token.has_newline_before()
        {
            self.bump();
            self.skip_type_disallowing_conditional()?;
            self.expect(TokenKind::Question)?;
            self.skip_type()?;
            self.expect(TokenKind::Colon)?;
            self.skip_type()?;
        }
        Ok(())
    }

    /// A return type: also accepts type predicates `x is T`, `asserts x`, `asserts x is T`.
    pub fn skip_return_type(&mut self) -> ParseResult<()> {
        if self.at(TokenKind::Asserts) {
            let next = self.peek();
            if !next.has_newline_before()
                && (next.kind == TokenKind::This
                    || next.kind == TokenKind::Identifier
                    || next.kind.is_contextual_keyword())
            {
                self.bump();
                self.bump();
                if self.eat(TokenKind::Is) {
                    self.skip_type()?;
                }
                return Ok(());
            }
        }
        if (self.at(TokenKind::This)
            || self.at(TokenKind::Identifier)
            || self.token.kind.is_contextual_keyword())
            && self.next_token_may_start_with(b'i')
        {
            let next = self.peek();
            if next.kind == TokenKind::Is && !next.has_newline_before() {
                self.bump();
                self.bump();
                return self.skip_type();
            }
        }
        self.skip_type()
    }

    fn skip_union_type(&mut self) -> ParseResult<()> {
        self.eat(TokenKind::Pipe);
        self.skip_intersection_type()?;
        while self.eat(TokenKind::Pipe) {
            self.skip_intersection_type()?;
        }
        Ok(())
    }

    fn skip_intersection_type(&mut self) -> ParseResult<()> {
        self.eat(TokenKind::Ampersand);
        self.skip_type_operator()?;
        while self.eat(TokenKind::Ampersand) {
            self.skip_type_operator()?;
        }
        Ok(())
    }

    fn skip_type_operator(&mut self) -> ParseResult<()> {
        self.enter()?;
        let result = self.skip_type_operator_inner();
        self.leave();
        result
    }

    fn skip_type_operator_inner(&mut self) -> ParseResult<()> {
        match self.token.kind {
            TokenKind::Keyof | TokenKind::Unique | TokenKind::Readonly
                if self.peek_starts_type() =>
            {
                self.bump();
                self.skip_type_operator()
            }
            TokenKind::Infer if self.peek_starts_type() => {
                self.bump();
                self.skip_identifier_name()?;
                // `infer U extends X` constraint. Outside a conditional's `extends` clause a
                // following `?` means the `extends` was the conditional's own, as in
                // `T extends infer U extends X ? A : B` read as `(infer U) extends X ? ...`.
                if self.at(TokenKind::Extends) {
                    let checkpoint = self.checkpoint();
                    self.bump();
                    if self.skip_type_disallowing_conditional().is_err()
                        || (!self.disallow_conditional_types && self.at(TokenKind::Question))
                    {
                        self.rewind(checkpoint);
                    }
                }
                Ok(())
            }
            _ => self.skip_postfix_type(),
        }
    }

    fn peek_starts_type(&self) -> bool {
        let next = self.peek();
        !matches!(
            next.kind,
            TokenKind::Comma
                | TokenKind::RightParen
                | TokenKind::RightBracket
                | TokenKind::RightBrace
                | TokenKind::Semicolon
                | TokenKind::Greater
                | TokenKind::Assign
                | TokenKind::Pipe
                | TokenKind::Ampersand
                | TokenKind::Question
                | TokenKind::Colon
                | TokenKind::EndOfFile
                | TokenKind::Dot
                | TokenKind::Extends
        )
    }

    fn skip_postfix_type(&mut self) -> ParseResult<()> {
        self.skip_primary_type()?;
        while self.at(TokenKind::LeftBracket) && !self.token.has_newline_before() {
            self.bump();
            if !self.eat(TokenKind::RightBracket) {
                self.skip_type()?;
                self.expect(TokenKind::RightBracket)?;
            }
        }
        Ok(())
    }

    fn skip_primary_type(&mut self) -> ParseResult<()> {
        match self.token.kind {
            TokenKind::LeftParen => {
                self.bump();
                self.skip_type()?;
                self.expect(TokenKind::RightParen)
            }
            TokenKind::LeftBracket | TokenKind::LeftBrace => self.skip_balanced(),
            TokenKind::StringLiteral | TokenKind::NumericLiteral | TokenKind::BigIntLiteral => {
                self.bump();
                Ok(())
            }
            TokenKind::Minus => {
                self.bump();
                if matches!(
                    self.token.kind,
                    TokenKind::NumericLiteral | TokenKind::BigIntLiteral
                ) {
                    self.bump();
                    Ok(())
                } else {
                    self.unexpected()
                }
            }
            TokenKind::NoSubstitutionTemplate => {
                self.bump();
                Ok(())
            }
            TokenKind::TemplateHead => loop {
                let is_tail = self.at(TokenKind::TemplateTail);
                self.bump();
                if is_tail {
                    return Ok(());
                }
                self.skip_type()?;
                if !self.at(TokenKind::RightBrace) {
                    return self.unexpected();
                }
                self.rescan_current_as_template_continuation();
                if self.at(TokenKind::Error) {
                    return self.unexpected();
                }
            },
            TokenKind::Typeof => {
                self.bump();
                if self.at(TokenKind::Import) {
                    self.bump();
                    self.skip_balanced()?;
                } else {
                    self.skip_identifier_name()?;
                }
                while self.eat(TokenKind::Dot) {
                    if self.at(TokenKind::PrivateName) {
                        self.bump();
                    } else {
                        self.skip_identifier_name()?;
                    }
                }
                if self.at(TokenKind::Less) && !self.token.has_newline_before() {
                    self.skip_type_arguments()?;
                }
                Ok(())
            }
            TokenKind::Import => {
                self.bump();
                self.skip_balanced()?;
                while self.eat(TokenKind::Dot) {
                    self.skip_identifier_name()?;
                }
                if self.at(TokenKind::Less) {
                    self.skip_type_arguments()?;
                }
                Ok(())
            }
            kind if kind.is_identifier_name() => {
                self.bump();
                while self.eat(TokenKind::Dot) {
                    self.skip_identifier_name()?;
                }
                if self.at(TokenKind::Less) && !self.token.has_newline_before() {
                    self.skip_type_arguments()?;
                }
                Ok(())
            }
            _ => self.unexpected(),
        }
    }

    /// `<T, U extends X = Y>`
    pub fn skip_type_parameters(&mut self) -> ParseResult<()> {
        self.expect(TokenKind::Less)?;
        while !self.at(TokenKind::Greater) {
            // `const T`, `in T`, `out T` modifiers.
            // Performance: the modifier is recognised before the next token is peeked at
            // (every identifier type parameter used to peek).
            while (self.at(TokenKind::Const)
                || self.at(TokenKind::In)
                || (self.at(TokenKind::Identifier) && self.token.span.text(self.source) == "out"))
                && {
                    let next = self.peek().kind;
                    next == TokenKind::Identifier || next.is_contextual_keyword()
                }
            {
                self.bump();
            }
            self.skip_identifier_name()?;
            if self.eat(TokenKind::Extends) {
                self.skip_type()?;
            }
            if self.eat(TokenKind::Assign) {
                self.skip_type()?;
            }
            if !self.eat(TokenKind::Comma) {
                break;
            }
        }
        self.expect_greater()
    }

    /// `<T, U>` in a type reference or call.
    pub fn skip_type_arguments(&mut self) -> ParseResult<()> {
        self.expect(TokenKind::Less)?;
        if self.at(TokenKind::Greater) {
            return self.unexpected();
        }
        loop {
            self.skip_type()?;
            if !self.eat(TokenKind::Comma) {
                break;
            }
            if self.at(TokenKind::Greater) {
                break;
            }
        }
        self.expect_greater()
    }

    /// Consumes a `>`, splitting `>>`, `>=`, `>>=`, ... when needed.
    pub fn expect_greater(&mut self) -> ParseResult<()> {
        match self.token.kind {
            TokenKind::Greater => {
                self.bump();
                Ok(())
            }
            TokenKind::ShiftRight
            | TokenKind::ShiftRightUnsigned
            | TokenKind::GreaterEqual
            | TokenKind::ShiftRightAssign
            | TokenKind::ShiftRightUnsignedAssign => {
                let greater = self.lexer.split_greater(self.token);
                self.replace_current_token(greater);
                self.bump();
                // The token after a split `>` is glued to it: clear its newline flag.
                Ok(())
            }
            _ => self.unexpected(),
        }
    }

    /// Skips a bracketed group starting at `{`, `(` or `[` up to and including its closer.
    /// Template literals inside are followed through their substitutions.
    pub fn skip_balanced(&mut self) -> ParseResult<()> {
        let first = match self.token.kind {
            TokenKind::LeftBrace => TokenKind::RightBrace,
            TokenKind::LeftParen => TokenKind::RightParen,
            TokenKind::LeftBracket => TokenKind::RightBracket,
            _ => return self.unexpected(),
        };
        // The closer stack is a scratch vector kept in the parser (nothing in the loop parses
        // recursively), so skipping a type literal allocates nothing.
        let mut stack = std::mem::take(&mut self.scratch_closers);
        stack.clear();
        stack.push(first);
        let result = self.skip_balanced_with(&mut stack);
        self.scratch_closers = stack;
        result
    }

    /// The loop of [`Parser::skip_balanced`] after the opener, with `stack` holding its closer.
    fn skip_balanced_with(&mut self, stack: &mut Vec<TokenKind>) -> ParseResult<()> {
        const TEMPLATE: TokenKind = TokenKind::TemplateHead;
        let closer = |kind: TokenKind| match kind {
            TokenKind::LeftBrace => Some(TokenKind::RightBrace),
            TokenKind::LeftParen => Some(TokenKind::RightParen),
            TokenKind::LeftBracket => Some(TokenKind::RightBracket),
            _ => None,
        };
        self.bump();
        while let Some(&top) = stack.last() {
            match self.token.kind {
                TokenKind::EndOfFile | TokenKind::Error => return self.unexpected(),
                TokenKind::LeftBrace | TokenKind::LeftParen | TokenKind::LeftBracket => {
                    stack.push(closer(self.token.kind).unwrap_or(TokenKind::RightBrace));
                    self.bump();
                }
                TokenKind::TemplateHead => {
                    stack.push(TEMPLATE);
                    self.bump();
                }
                TokenKind::RightBrace if top == TEMPLATE => {
                    self.rescan_current_as_template_continuation();
                    match self.token.kind {
                        TokenKind::TemplateTail => {
                            stack.pop();
                        }
                        TokenKind::TemplateMiddle => {}
                        _ => return self.unexpected(),
                    }
                    self.bump();
                }
                kind
                @ (TokenKind::RightBrace | TokenKind::RightParen | TokenKind::RightBracket) => {
                    if kind != top {
                        return self.unexpected();
                    }
                    stack.pop();
                    self.bump();
                }
                _ => self.bump(),
            }
        }
        Ok(())
    }

    /// Skips tokens to the end of the current statement (`;`, or a line break / `}` / end of
    /// input at bracket depth zero). Used for type-only import/export statements.
    pub fn skip_until_statement_end(&mut self) -> ParseResult<()> {
        loop {
            match self.token.kind {
                TokenKind::Semicolon => {
                    self.bump();
                    return Ok(());
                }
                TokenKind::RightBrace | TokenKind::EndOfFile => return Ok(()),
                TokenKind::LeftBrace | TokenKind::LeftParen | TokenKind::LeftBracket => {
                    self.skip_balanced()?
                }
                TokenKind::Error => return self.unexpected(),
                _ => {
                    self.bump();
                    if self.token.has_newline_before()
                        && !matches!(self.token.kind, TokenKind::From | TokenKind::LeftBrace)
                    {
                        return Ok(());
                    }
                }
            }
        }
    }

    /// `interface Name<T> extends A, B { ... }`
    pub fn skip_interface_declaration(&mut self) -> ParseResult<()> {
        self.bump();
        self.skip_identifier_name()?;
        if self.at(TokenKind::Less) {
            self.skip_type_parameters()?;
        }
        if self.eat(TokenKind::Extends) {
            loop {
                self.skip_type()?;
                if !self.eat(TokenKind::Comma) {
                    break;
                }
            }
        }
        self.skip_balanced()
    }

    /// `type Name<T> = Type;`
    pub fn skip_type_alias_declaration(&mut self) -> ParseResult<()> {
        self.bump();
        self.skip_identifier_name()?;
        if self.at(TokenKind::Less) {
            self.skip_type_parameters()?;
        }
        self.expect(TokenKind::Assign)?;
        self.skip_type()?;
        self.consume_semicolon()
    }

    /// Skips the declaration after `declare` (ambient: no run-time code).
    pub fn skip_declared_declaration(&mut self) -> ParseResult<()> {
        match self.token.kind {
            TokenKind::Var | TokenKind::Let | TokenKind::Const => {
                self.bump();
                if self.at(TokenKind::Enum) {
                    return self.skip_declared_declaration();
                }
                loop {
                    if self.at(TokenKind::LeftBrace) || self.at(TokenKind::LeftBracket) {
                        self.skip_balanced()?;
                    } else {
                        self.skip_identifier_name()?;
                    }
                    if self.eat(TokenKind::Colon) {
                        self.skip_type()?;
                    }
                    if self.eat(TokenKind::Assign) {
                        self.parse_assignment_expression(true)?;
                    }
                    if !self.eat(TokenKind::Comma) {
                        break;
                    }
                }
                self.consume_semicolon()
            }
            TokenKind::Async => {
                self.bump();
                self.skip_declared_declaration()
            }
            TokenKind::Function => {
                self.bump();
                self.eat(TokenKind::Star);
                self.skip_identifier_name()?;
                if self.at(TokenKind::Less) {
                    self.skip_type_parameters()?;
                }
                self.skip_balanced()?;
                if self.eat(TokenKind::Colon) {
                    self.skip_return_type()?;
                }
                self.consume_semicolon()
            }
            TokenKind::Abstract | TokenKind::Class => {
                self.eat(TokenKind::Abstract);
                self.expect(TokenKind::Class)?;
                if !self.at(TokenKind::LeftBrace)
                    && !self.at(TokenKind::Extends)
                    && !self.at(TokenKind::Implements)
                    && !self.at(TokenKind::Less)
                {
                    self.skip_identifier_name()?;
                }
                if self.at(TokenKind::Less) {
                    self.skip_type_parameters()?;
                }
                if self.eat(TokenKind::Extends) {
                    self.skip_type()?;
                }
                if self.eat(TokenKind::Implements) {
                    loop {
                        self.skip_type()?;
                        if !self.eat(TokenKind::Comma) {
                            break;
                        }
                    }
                }
                self.skip_balanced()
            }
            TokenKind::Enum => {
                self.bump();
                self.skip_identifier_name()?;
                self.skip_balanced()
            }
            TokenKind::Namespace | TokenKind::Module | TokenKind::Global => {
                self.bump();
                if self.at(TokenKind::StringLiteral) {
                    self.bump();
                } else if !self.at(TokenKind::LeftBrace) {
                    self.skip_identifier_name()?;
                    while self.eat(TokenKind::Dot) {
                        self.skip_identifier_name()?;
                    }
                }
                if self.at(TokenKind::LeftBrace) {
                    self.skip_balanced()
                } else {
                    self.consume_semicolon()
                }
            }
            TokenKind::Interface => self.skip_interface_declaration(),
            TokenKind::Type => self.skip_type_alias_declaration(),
            _ => self.unexpected(),
        }
    }
}
