//! Expressions: precedence climbing for binary operators, the arrow-function and
//! destructuring-assignment cover grammars, literals, templates, calls and optional chains.
//!
//! Arrow functions are recognised without exponential backtracking: a parenthesised list is
//! parsed once as a cover (expressions, plus TypeScript `?`/`: Type` markers and rest
//! elements), then either reinterpreted as parameters when `=>` follows, or used as the
//! parenthesised expression. Only TypeScript return-type annotations (`(a): T =>`) are parsed
//! speculatively, and that speculation consumes a type, never an expression.

use crate::ast::*;
use crate::parser::{FunctionKind, ParseResult, Parser};
use bumpalo::collections::Vec as ArenaVec;
use tseval_lexer::{Token, TokenKind, well_known};

/// One element of a parenthesised cover list.
#[derive(Clone, Copy)]
pub(crate) struct CoverItem<'a> {
    expression: Expression<'a>,
    is_spread: bool,
    /// Default after a type annotation: `(a: number = 1)`.
    default: Option<Expression<'a>>,
    span: Span,
}

/// Binary operator precedence (0 = not a binary operator here).
fn binary_precedence(kind: TokenKind, allow_in: bool) -> u8 {
    use TokenKind::*;
    match kind {
        QuestionQuestion => 1,
        PipePipe => 2,
        AmpersandAmpersand => 3,
        Pipe => 4,
        Caret => 5,
        Ampersand => 6,
        EqualEqual | NotEqual | EqualEqualEqual | NotEqualEqual => 7,
        Less | Greater | LessEqual | GreaterEqual | Instanceof => 8,
        In if allow_in => 8,
        ShiftLeft | ShiftRight | ShiftRightUnsigned => 9,
        Plus | Minus => 10,
        Star | Slash | Percent => 11,
        StarStar => 12,
        _ => 0,
    }
}

/// Tokens with which `parse_unary` does something other than parse a postfix expression:
/// prefix operators, `await` and (TypeScript) the `<T>expr` type assertion.
#[inline(always)]
fn starts_unary_expression(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Delete
            | TokenKind::Void
            | TokenKind::Typeof
            | TokenKind::Plus
            | TokenKind::Minus
            | TokenKind::Tilde
            | TokenKind::Bang
            | TokenKind::PlusPlus
            | TokenKind::MinusMinus
            | TokenKind::Await
            | TokenKind::Less
    )
}

/// Widens ASCII `bytes` into a new UTF-16 slice in `arena`.
///
/// Performance design: the slice is allocated zeroed and filled by a `zip` loop without
/// indexing, which the compiler turns into SIMD widening (16 bytes per step).
/// `alloc_slice_fill_iter` over `bytes().map(u16::from)` wrote one unit per iteration
/// through the iterator protocol, several instructions per byte: string literals and
/// template chunks are widened on every parse.
#[inline]
fn widen_ascii_into_arena<'a>(arena: &'a bumpalo::Bump, bytes: &[u8]) -> &'a [u16] {
    let units = arena.alloc_slice_fill_copy(bytes.len(), 0u16);
    for (unit, &byte) in units.iter_mut().zip(bytes) {
        *unit = u16::from(byte);
    }
    units
}

impl<'a> Parser<'a, '_, '_> {
    /// Expression (comma-separated sequence).
    pub fn parse_expression(&mut self, allow_in: bool) -> ParseResult<Expression<'a>> {
        let start = self.token.span.start;
        let first = self.parse_assignment_expression(allow_in)?;
        if !self.at(TokenKind::Comma) {
            return Ok(first);
        }
        let mut expressions = self.new_vec();
        expressions.push(first);
        while self.eat(TokenKind::Comma) {
            expressions.push(self.parse_assignment_expression(allow_in)?);
        }
        Ok(Expression::Sequence(self.alloc(SequenceExpression {
            span: self.span_from(start),
            expressions: expressions.into_bump_slice(),
        })))
    }

    /// AssignmentExpression, including arrows, yield and assignment operators.
    pub fn parse_assignment_expression(&mut self, allow_in: bool) -> ParseResult<Expression<'a>> {
        self.enter()?;
        let result = self.parse_assignment_expression_inner(allow_in);
        self.leave();
        result
    }

    fn parse_assignment_expression_inner(&mut self, allow_in: bool) -> ParseResult<Expression<'a>> {
        let start = self.token.span.start;
        let mut primary = None;
        match self.token.kind {
            TokenKind::Yield if self.context.is_generator => return self.parse_yield(allow_in),
            TokenKind::LeftParen => {
                match self.parse_parenthesized_or_arrow(start, false, allow_in)? {
                    Ok(function) => return Ok(Expression::Function(function)),
                    Err(expression) => primary = Some(expression),
                }
            }
            TokenKind::Async if !self.peek().has_newline_before() => {
                let (next, after) = self.peek2();
                if next.kind == TokenKind::LeftParen {
                    self.bump();
                    match self.parse_parenthesized_or_arrow(start, true, allow_in)? {
                        Ok(function) => return Ok(Expression::Function(function)),
                        Err(expression) => primary = Some(expression),
                    }
                } else if self.kind_is_identifier(next.kind)
                    && after.kind == TokenKind::Arrow
                    && !after.has_newline_before()
                {
                    self.bump();
                    return self.parse_single_parameter_arrow(start, true, allow_in);
                } else if self.typescript && next.kind == TokenKind::Less {
                    // `async <T>(x: T) => x`
                    let checkpoint = self.checkpoint();
                    self.bump();
                    if self.skip_type_parameters().is_ok()
                        && self.at(TokenKind::LeftParen)
                        && let Ok(Ok(function)) =
                            self.parse_parenthesized_or_arrow(start, true, allow_in)
                    {
                        return Ok(Expression::Function(function));
                    }
                    self.rewind(checkpoint);
                }
            }
            TokenKind::Less if self.typescript => {
                // Generic arrow `<T>(x: T) => x` or type assertion `<T>expr`.
                let checkpoint = self.checkpoint();
                if self.skip_type_parameters().is_ok()
                    && self.at(TokenKind::LeftParen)
                    && let Ok(Ok(function)) =
                        self.parse_parenthesized_or_arrow(start, false, allow_in)
                {
                    return Ok(Expression::Function(function));
                }
                self.rewind(checkpoint);
            }
            TokenKind::Identifier => {
                // Performance: a plain identifier (the most frequent start of an expression)
                // is parsed once as an identifier reference and only reinterpreted as the
                // parameter of `x => ...` when `=>` follows, instead of peeking at the next
                // token first (a peek lexes it on a cloned lexer and makes the next `bump`
                // restart the DFA).
                let identifier = self.parse_identifier()?;
                if self.at(TokenKind::Arrow) && !self.token.has_newline_before() {
                    return self.finish_single_parameter_arrow(start, identifier, false, allow_in);
                }
                primary = Some(self.identifier_reference_expression(identifier)?);
            }
            _ => {
                if self.at_identifier() {
                    let next = self.peek();
                    if next.kind == TokenKind::Arrow && !next.has_newline_before() {
                        return self.parse_single_parameter_arrow(start, false, allow_in);
                    }
                }
            }
        }
        let cover_count = self.cover_initializers.len();
        let left = self.parse_conditional(primary, start, allow_in)?;
        let operator = match self.token.kind {
            TokenKind::Assign => AssignmentOperator::Assign,
            TokenKind::PlusAssign => AssignmentOperator::Addition,
            TokenKind::MinusAssign => AssignmentOperator::Subtraction,
            TokenKind::StarAssign => AssignmentOperator::Multiplication,
            TokenKind::SlashAssign => AssignmentOperator::Division,
            TokenKind::PercentAssign => AssignmentOperator::Remainder,
            TokenKind::StarStarAssign => AssignmentOperator::Exponential,
            TokenKind::ShiftLeftAssign => AssignmentOperator::ShiftLeft,
            TokenKind::ShiftRightAssign => AssignmentOperator::ShiftRight,
            TokenKind::ShiftRightUnsignedAssign => AssignmentOperator::ShiftRightZeroFill,
            TokenKind::PipeAssign => AssignmentOperator::BitwiseOr,
            TokenKind::CaretAssign => AssignmentOperator::BitwiseXor,
            TokenKind::AmpersandAssign => AssignmentOperator::BitwiseAnd,
            TokenKind::AmpersandAmpersandAssign => AssignmentOperator::LogicalAnd,
            TokenKind::PipePipeAssign => AssignmentOperator::LogicalOr,
            TokenKind::QuestionQuestionAssign => AssignmentOperator::LogicalNullish,
            _ => return Ok(left),
        };
        let target = match operator {
            AssignmentOperator::Assign => {
                self.expression_to_assignment_target(left, cover_count)?
            }
            AssignmentOperator::LogicalAnd
            | AssignmentOperator::LogicalOr
            | AssignmentOperator::LogicalNullish => {
                AssignmentTarget::Simple(self.expression_to_simple_target(left)?)
            }
            _ => AssignmentTarget::Simple(self.expression_to_web_compat_target(left)?),
        };
        self.bump();
        let value = self.parse_assignment_expression(allow_in)?;
        Ok(Expression::Assignment(self.alloc(AssignmentExpression {
            span: self.span_from(start),
            operator,
            target,
            value,
        })))
    }

    fn parse_yield(&mut self, allow_in: bool) -> ParseResult<Expression<'a>> {
        let start = self.token.span.start;
        self.bump();
        let mut delegate = false;
        let argument = if self.token.has_newline_before() {
            None
        } else if self.eat(TokenKind::Star) {
            delegate = true;
            Some(self.parse_assignment_expression(allow_in)?)
        } else if matches!(
            self.token.kind,
            TokenKind::RightParen
                | TokenKind::RightBracket
                | TokenKind::RightBrace
                | TokenKind::Comma
                | TokenKind::Semicolon
                | TokenKind::Colon
                | TokenKind::EndOfFile
                | TokenKind::TemplateMiddle
                | TokenKind::TemplateTail
        ) || (self.at(TokenKind::In) && !allow_in)
        {
            None
        } else {
            Some(self.parse_assignment_expression(allow_in)?)
        };
        self.yield_await_count += 1;
        Ok(Expression::Yield(self.alloc(YieldExpression {
            span: self.span_from(start),
            argument,
            delegate,
        })))
    }

    #[inline(always)]
    fn parse_conditional(
        &mut self,
        primary: Option<Expression<'a>>,
        start: u32,
        allow_in: bool,
    ) -> ParseResult<Expression<'a>> {
        let test = self.parse_binary(primary, start, 1, allow_in)?;
        if !self.at(TokenKind::Question) {
            return Ok(test);
        }
        // TS optional parameter marker inside a parenthesised cover: `(a?: T) =>`.
        if self.typescript {
            let next = self.peek().kind;
            if matches!(
                next,
                TokenKind::Colon | TokenKind::Comma | TokenKind::RightParen | TokenKind::Assign
            ) {
                return Ok(test);
            }
        }
        self.bump();
        let consequent = self.parse_assignment_expression(true)?;
        self.expect(TokenKind::Colon)?;
        let alternate = self.parse_assignment_expression(allow_in)?;
        Ok(Expression::Conditional(self.alloc(ConditionalExpression {
            span: self.span_from(start),
            test,
            consequent,
            alternate,
        })))
    }

    fn parse_binary(
        &mut self,
        primary: Option<Expression<'a>>,
        start: u32,
        minimum_precedence: u8,
        allow_in: bool,
    ) -> ParseResult<Expression<'a>> {
        let mut left = if primary.is_none()
            && allow_in
            && minimum_precedence <= 8
            && self.at(TokenKind::PrivateName)
            && self.peek().kind == TokenKind::In
        {
            let name = self.parse_private_identifier()?;
            self.reference_private_name(name)?;
            self.bump();
            let right = self.parse_binary(None, self.token.span.start, 9, allow_in)?;
            Expression::PrivateIn(self.alloc(PrivateInExpression {
                span: self.span_from(start),
                name,
                right,
            }))
        } else if primary.is_none() && !starts_unary_expression(self.token.kind) {
            // Performance: most operands have no prefix operator; going straight to the
            // (inlined) postfix level skips a call frame of the recursive unary parser.
            self.parse_postfix(None)?
        } else {
            self.parse_unary(primary)?
        };
        loop {
            let kind = self.token.kind;
            if self.typescript
                && (kind == TokenKind::As || kind == TokenKind::Satisfies)
                && !self.token.has_newline_before()
            {
                if 8 < minimum_precedence {
                    break;
                }
                self.bump();
                if self.at(TokenKind::Const) {
                    self.bump();
                } else {
                    self.skip_type()?;
                }
                continue;
            }
            let precedence = binary_precedence(kind, allow_in);
            if precedence == 0 || precedence < minimum_precedence {
                break;
            }
            let operator_span = self.token.span;
            if kind == TokenKind::StarStar
                && let Expression::Unary(_) | Expression::Await(_) = left
                && left.span().end == self.previous_token_end
                && primary.is_none_or(|_| true)
            {
                return self.error_at("Unary operator used immediately before exponentiation expression. Parenthesis must be used to disambiguate operator precedence", operator_span);
            }
            self.bump();
            // `**` is right-associative; `??` operands are BitwiseOR expressions.
            let right_minimum = match kind {
                TokenKind::StarStar => precedence,
                TokenKind::QuestionQuestion => 4,
                _ => precedence + 1,
            };
            let right_start = self.token.span.start;
            let right = self.parse_binary(None, right_start, right_minimum, allow_in)?;
            let span = self.span_from(start);
            left = match kind {
                TokenKind::QuestionQuestion
                | TokenKind::PipePipe
                | TokenKind::AmpersandAmpersand => {
                    let operator = match kind {
                        TokenKind::QuestionQuestion => LogicalOperator::Coalesce,
                        TokenKind::PipePipe => LogicalOperator::Or,
                        _ => LogicalOperator::And,
                    };
                    let mixes = |expression: &Expression<'a>,
                                 end: u32,
                                 want_coalesce: bool|
                     -> bool {
                        matches!(expression, Expression::Logical(logical)
                            if (logical.operator == LogicalOperator::Coalesce) == want_coalesce && expression.span().end == end)
                    };
                    let left_end = left.span().end;
                    let left_parenthesised = self.source.as_bytes()
                        [left_end as usize..operator_span.start as usize]
                        .contains(&b')');
                    if !left_parenthesised
                        && (mixes(&left, left_end, operator != LogicalOperator::Coalesce))
                    {
                        return self.error_at(
                            "Cannot mix ?? with || or && without parentheses",
                            operator_span,
                        );
                    }
                    if operator == LogicalOperator::Coalesce
                        && matches!(
                            self.token.kind,
                            TokenKind::PipePipe | TokenKind::AmpersandAmpersand
                        )
                    {
                        return self.error_at(
                            "Cannot mix ?? with || or && without parentheses",
                            self.token.span,
                        );
                    }
                    Expression::Logical(self.alloc(LogicalExpression {
                        span,
                        operator,
                        left,
                        right,
                    }))
                }
                _ => {
                    let operator = match kind {
                        TokenKind::Pipe => BinaryOperator::BitwiseOr,
                        TokenKind::Caret => BinaryOperator::BitwiseXor,
                        TokenKind::Ampersand => BinaryOperator::BitwiseAnd,
                        TokenKind::EqualEqual => BinaryOperator::Equality,
                        TokenKind::NotEqual => BinaryOperator::Inequality,
                        TokenKind::EqualEqualEqual => BinaryOperator::StrictEquality,
                        TokenKind::NotEqualEqual => BinaryOperator::StrictInequality,
                        TokenKind::Less => BinaryOperator::LessThan,
                        TokenKind::Greater => BinaryOperator::GreaterThan,
                        TokenKind::LessEqual => BinaryOperator::LessEqualThan,
                        TokenKind::GreaterEqual => BinaryOperator::GreaterEqualThan,
                        TokenKind::Instanceof => BinaryOperator::Instanceof,
                        TokenKind::In => BinaryOperator::In,
                        TokenKind::ShiftLeft => BinaryOperator::ShiftLeft,
                        TokenKind::ShiftRight => BinaryOperator::ShiftRight,
                        TokenKind::ShiftRightUnsigned => BinaryOperator::ShiftRightZeroFill,
                        TokenKind::Plus => BinaryOperator::Addition,
                        TokenKind::Minus => BinaryOperator::Subtraction,
                        TokenKind::Star => BinaryOperator::Multiplication,
                        TokenKind::Slash => BinaryOperator::Division,
                        TokenKind::Percent => BinaryOperator::Remainder,
                        _ => BinaryOperator::Exponential,
                    };
                    Expression::Binary(self.alloc(BinaryExpression {
                        span,
                        operator,
                        left,
                        right,
                    }))
                }
            };
        }
        Ok(left)
    }

    fn parse_unary(&mut self, primary: Option<Expression<'a>>) -> ParseResult<Expression<'a>> {
        if let Some(primary) = primary {
            return self.parse_postfix(Some(primary));
        }
        let start = self.token.span.start;
        let operator = match self.token.kind {
            TokenKind::Delete => UnaryOperator::Delete,
            TokenKind::Void => UnaryOperator::Void,
            TokenKind::Typeof => UnaryOperator::Typeof,
            TokenKind::Plus => UnaryOperator::Plus,
            TokenKind::Minus => UnaryOperator::Minus,
            TokenKind::Tilde => UnaryOperator::BitwiseNot,
            TokenKind::Bang => UnaryOperator::LogicalNot,
            TokenKind::PlusPlus | TokenKind::MinusMinus => {
                let operator = if self.at(TokenKind::PlusPlus) {
                    UpdateOperator::Increment
                } else {
                    UpdateOperator::Decrement
                };
                self.bump();
                self.enter()?;
                let argument = self.parse_unary(None);
                self.leave();
                let target = self.expression_to_web_compat_target(argument?)?;
                return Ok(Expression::Update(self.alloc(UpdateExpression {
                    span: self.span_from(start),
                    operator,
                    prefix: true,
                    target,
                })));
            }
            TokenKind::Await
                if self.context.is_async || (self.module && !self.context.in_function) =>
            {
                self.bump();
                self.enter()?;
                let argument = self.parse_unary(None);
                self.leave();
                let argument = argument?;
                self.yield_await_count += 1;
                return Ok(Expression::Await(self.alloc(AwaitExpression {
                    span: self.span_from(start),
                    argument,
                })));
            }
            TokenKind::Less if self.typescript => {
                // Type assertion `<T>expr`.
                self.bump();
                self.skip_type()?;
                self.expect_greater()?;
                self.enter()?;
                let result = self.parse_unary(None);
                self.leave();
                return result;
            }
            _ => return self.parse_postfix(None),
        };
        self.bump();
        self.enter()?;
        let argument = self.parse_unary(None);
        self.leave();
        let argument = argument?;
        if operator == UnaryOperator::Delete
            && self.strict
            && matches!(argument, Expression::Identifier(_))
        {
            return self.error_at(
                "Delete of an unqualified identifier in strict mode.",
                argument.span(),
            );
        }
        if operator == UnaryOperator::Delete
            && let Expression::Member(member) = argument
            && let MemberProperty::Private(_) = member.property
        {
            return self.error_at("Private fields can not be deleted", argument.span());
        }
        Ok(Expression::Unary(self.alloc(UnaryExpression {
            span: self.span_from(start),
            operator,
            argument,
        })))
    }

    #[inline(always)]
    fn parse_postfix(&mut self, primary: Option<Expression<'a>>) -> ParseResult<Expression<'a>> {
        let start = primary.map_or(self.token.span.start, |expression| expression.span().start);
        let expression = self.parse_call_member(primary, true)?;
        if (self.at(TokenKind::PlusPlus) || self.at(TokenKind::MinusMinus))
            && !self.token.has_newline_before()
        {
            let operator = if self.at(TokenKind::PlusPlus) {
                UpdateOperator::Increment
            } else {
                UpdateOperator::Decrement
            };
            let target = self.expression_to_web_compat_target(expression)?;
            self.bump();
            return Ok(Expression::Update(self.alloc(UpdateExpression {
                span: self.span_from(start),
                operator,
                prefix: false,
                target,
            })));
        }
        Ok(expression)
    }

    /// A LeftHandSideExpression: a primary expression (including `new`) followed by member
    /// accesses, calls, tagged templates and optional chains, but no operators.
    pub fn parse_left_hand_side_expression(&mut self) -> ParseResult<Expression<'a>> {
        self.parse_call_member(None, true)
    }

    /// Member accesses, calls, tagged templates and optional chains after a primary.
    fn parse_call_member(
        &mut self,
        primary: Option<Expression<'a>>,
        allow_call: bool,
    ) -> ParseResult<Expression<'a>> {
        let start = primary.map_or(self.token.span.start, |expression| expression.span().start);
        let mut expression = match primary {
            Some(expression) => expression,
            None => self.parse_primary()?,
        };
        let mut in_chain = false;
        loop {
            match self.token.kind {
                TokenKind::Dot => {
                    self.bump();
                    let property = if self.at(TokenKind::PrivateName) {
                        MemberProperty::Private(self.parse_private_name_reference()?)
                    } else {
                        MemberProperty::Static(self.parse_identifier_name()?)
                    };
                    expression = Expression::Member(self.alloc(MemberExpression {
                        span: self.span_from(start),
                        object: expression,
                        property,
                        optional: false,
                    }));
                }
                TokenKind::QuestionDot => {
                    if !allow_call {
                        return self.error_at(
                            "Invalid optional chain from new expression",
                            self.token.span,
                        );
                    }
                    in_chain = true;
                    self.bump();
                    match self.token.kind {
                        TokenKind::LeftParen => {
                            let arguments = self.parse_arguments()?;
                            expression = Expression::Call(self.alloc(CallExpression {
                                span: self.span_from(start),
                                callee: expression,
                                arguments,
                                optional: true,
                            }));
                        }
                        TokenKind::LeftBracket => {
                            self.bump();
                            let property = self.parse_expression(true)?;
                            self.expect(TokenKind::RightBracket)?;
                            expression = Expression::Member(self.alloc(MemberExpression {
                                span: self.span_from(start),
                                object: expression,
                                property: MemberProperty::Computed(property),
                                optional: true,
                            }));
                        }
                        TokenKind::Less if self.typescript => {
                            self.skip_type_arguments()?;
                            let arguments = self.parse_arguments()?;
                            expression = Expression::Call(self.alloc(CallExpression {
                                span: self.span_from(start),
                                callee: expression,
                                arguments,
                                optional: true,
                            }));
                        }
                        TokenKind::NoSubstitutionTemplate | TokenKind::TemplateHead => {
                            return self.error_at(
                                "Invalid tagged template on optional chain",
                                self.token.span,
                            );
                        }
                        _ => {
                            let property = if self.at(TokenKind::PrivateName) {
                                MemberProperty::Private(self.parse_private_name_reference()?)
                            } else {
                                MemberProperty::Static(self.parse_identifier_name()?)
                            };
                            expression = Expression::Member(self.alloc(MemberExpression {
                                span: self.span_from(start),
                                object: expression,
                                property,
                                optional: true,
                            }));
                        }
                    }
                }
                TokenKind::LeftBracket => {
                    self.bump();
                    let property = self.parse_expression(true)?;
                    self.expect(TokenKind::RightBracket)?;
                    expression = Expression::Member(self.alloc(MemberExpression {
                        span: self.span_from(start),
                        object: expression,
                        property: MemberProperty::Computed(property),
                        optional: false,
                    }));
                }
                TokenKind::LeftParen if allow_call => {
                    let arguments = self.parse_arguments()?;
                    expression = Expression::Call(self.alloc(CallExpression {
                        span: self.span_from(start),
                        callee: expression,
                        arguments,
                        optional: false,
                    }));
                }
                TokenKind::NoSubstitutionTemplate | TokenKind::TemplateHead => {
                    if in_chain {
                        return self.error_at(
                            "Invalid tagged template on optional chain",
                            self.token.span,
                        );
                    }
                    let quasi = self.parse_template(true)?;
                    expression = Expression::TaggedTemplate(self.alloc(TaggedTemplateExpression {
                        span: self.span_from(start),
                        tag: expression,
                        quasi,
                    }));
                }
                TokenKind::Bang if self.typescript && !self.token.has_newline_before() => {
                    // Non-null assertion `x!`.
                    self.bump();
                }
                TokenKind::Less | TokenKind::ShiftLeft if self.typescript => {
                    // `f<T>(x)`, `` f<T>`t` ``, `new C<T>()`, instantiation expression `f<T>`.
                    let checkpoint = self.checkpoint();
                    if self.skip_type_arguments().is_ok()
                        && self.type_arguments_can_follow(allow_call)
                    {
                        continue;
                    }
                    self.rewind(checkpoint);
                    break;
                }
                _ => break,
            }
        }
        if in_chain {
            expression = Expression::OptionalChain(self.alloc(OptionalChain {
                span: self.span_from(start),
                expression,
            }));
        }
        Ok(expression)
    }

    /// After `<...>` in an expression: is this really a type-argument list?
    fn type_arguments_can_follow(&self, allow_call: bool) -> bool {
        match self.token.kind {
            TokenKind::LeftParen | TokenKind::NoSubstitutionTemplate | TokenKind::TemplateHead => {
                true
            }
            _ if !allow_call => false,
            // Instantiation expression `f<T>;` etc.: only before tokens that cannot start an
            // expression.
            TokenKind::RightParen
            | TokenKind::RightBracket
            | TokenKind::Semicolon
            | TokenKind::Comma
            | TokenKind::EndOfFile
            | TokenKind::RightBrace
            | TokenKind::Colon
            | TokenKind::Dot
            | TokenKind::QuestionDot
            | TokenKind::EqualEqual
            | TokenKind::EqualEqualEqual
            | TokenKind::NotEqual
            | TokenKind::NotEqualEqual => true,
            _ => self.token.has_newline_before(),
        }
    }

    /// `( arguments )`. The items are collected on the shared `scratch_arguments` stack (see
    /// `Parser::scratch_statements` for why).
    pub fn parse_arguments(&mut self) -> ParseResult<&'a [Argument<'a>]> {
        self.expect(TokenKind::LeftParen)?;
        if self.eat(TokenKind::RightParen) {
            return Ok(&[]);
        }
        let mark = self.scratch_arguments.len();
        let result = self.parse_argument_items();
        let arguments = match result {
            Ok(()) => Ok(&*self.arena.alloc_slice_copy(&self.scratch_arguments[mark..])),
            Err(failed) => Err(failed),
        };
        self.scratch_arguments.truncate(mark);
        arguments
    }

    /// The items of an argument list up to and including its `)`, pushed onto
    /// `scratch_arguments`.
    fn parse_argument_items(&mut self) -> ParseResult<()> {
        while !self.at(TokenKind::RightParen) {
            let argument = if self.at(TokenKind::Ellipsis) {
                let start = self.token.span.start;
                self.bump();
                let argument = self.parse_assignment_expression(true)?;
                Argument::Spread(self.alloc(SpreadElement {
                    span: self.span_from(start),
                    argument,
                }))
            } else {
                Argument::Expression(self.parse_assignment_expression(true)?)
            };
            self.scratch_arguments.push(argument);
            if !self.eat(TokenKind::Comma) {
                break;
            }
        }
        self.expect(TokenKind::RightParen)
    }

    /// `#name` after `.` or `?.`: a reference that must resolve to an enclosing class.
    fn parse_private_name_reference(&mut self) -> ParseResult<PrivateIdentifier> {
        let name = self.parse_private_identifier()?;
        self.reference_private_name(name)?;
        Ok(name)
    }

    pub fn parse_private_identifier(&mut self) -> ParseResult<PrivateIdentifier> {
        if !self.at(TokenKind::PrivateName) {
            return self.unexpected();
        }
        let span = self.token.span;
        let text = &self.source[span.start as usize + 1..span.end as usize];
        let name = if self.token.is_escaped() {
            let mut cooked = String::new();
            if tseval_lexer::cook_identifier(text, &mut cooked).is_err() {
                return self.error_at("Invalid Unicode escape sequence", span);
            }
            self.interner.intern(&cooked)
        } else {
            self.interner.intern(text)
        };
        self.bump();
        Ok(PrivateIdentifier { span, name })
    }

    fn parse_primary(&mut self) -> ParseResult<Expression<'a>> {
        let start = self.token.span.start;
        let span = self.token.span;
        match self.token.kind {
            TokenKind::This => {
                self.bump();
                Ok(Expression::This(span))
            }
            TokenKind::Null => {
                self.bump();
                Ok(Expression::Null(span))
            }
            TokenKind::True | TokenKind::False => {
                let value = self.at(TokenKind::True);
                self.bump();
                Ok(Expression::Boolean(BooleanLiteral { span, value }))
            }
            TokenKind::NumericLiteral => Ok(Expression::Number(self.parse_numeric_literal()?)),
            TokenKind::BigIntLiteral => Ok(Expression::BigInt(self.parse_bigint_literal()?)),
            TokenKind::StringLiteral => Ok(Expression::String(
                self.parse_string_literal_with_atom(false)?,
            )),
            TokenKind::NoSubstitutionTemplate | TokenKind::TemplateHead => {
                Ok(Expression::Template(self.parse_template(false)?))
            }
            TokenKind::Slash | TokenKind::SlashAssign => {
                self.rescan_current_as_regexp();
                if self.at(TokenKind::Error) {
                    return self.unexpected();
                }
                let text = self.token.span.text(self.source);
                let close = text.rfind('/').unwrap_or(0);
                let pattern = self.alloc_str(&text[1..close]);
                let flags = self.alloc_str(&text[close + 1..]);
                self.validate_regexp_literal(pattern, flags)?;
                self.bump();
                Ok(Expression::RegExp(self.alloc(RegExpLiteral {
                    span,
                    pattern,
                    flags,
                })))
            }
            TokenKind::LeftBracket => self.parse_array_literal(),
            TokenKind::LeftBrace => self.parse_object_literal(),
            TokenKind::LeftParen => {
                self.bump();
                let expression = self.parse_expression(true)?;
                self.expect(TokenKind::RightParen)?;
                Ok(expression)
            }
            TokenKind::Function => {
                let function = self.parse_function(start, false, FunctionKind::Expression)?;
                match function {
                    Some(function) => Ok(Expression::Function(function)),
                    None => self.unexpected(),
                }
            }
            TokenKind::Async if self.peek_same_line_is(TokenKind::Function) => {
                self.bump();
                match self.parse_function(start, true, FunctionKind::Expression)? {
                    Some(function) => Ok(Expression::Function(function)),
                    None => self.unexpected(),
                }
            }
            TokenKind::Class => Ok(Expression::Class(self.parse_class(start, false, false)?)),
            TokenKind::At => {
                let decorators = self.parse_decorators()?;
                if !self.at(TokenKind::Class) {
                    return self.unexpected();
                }
                self.pending_decorators = decorators;
                Ok(Expression::Class(self.parse_class(start, false, false)?))
            }
            TokenKind::New => self.parse_new_expression(),
            TokenKind::Super => {
                self.bump();
                let allowed = match self.token.kind {
                    TokenKind::LeftParen => self.context.allow_super_call,
                    TokenKind::Dot => {
                        if self.peek().kind == TokenKind::PrivateName {
                            return self.error_at(
                                "Unexpected private field after 'super'",
                                self.token.span,
                            );
                        }
                        self.context.allow_super_property
                    }
                    TokenKind::LeftBracket => self.context.allow_super_property,
                    _ => false,
                };
                if !allowed {
                    return self.error_at("'super' keyword unexpected here", span);
                }
                Ok(Expression::Super(span))
            }
            TokenKind::Import => {
                self.bump();
                let mut phase = ImportPhase::Evaluation;
                if self.eat(TokenKind::Dot) {
                    if self.at(TokenKind::Meta) {
                        if !self.module {
                            return self.error_at(
                                "Cannot use 'import.meta' outside a module",
                                self.token.span,
                            );
                        }
                        self.bump();
                        return Ok(Expression::ImportMeta(self.span_from(start)));
                    }
                    // `import.defer(...)` / `import.source(...)`: the phase names are only
                    // keywords here, and must be written without escapes.
                    phase = match self.token.kind {
                        TokenKind::Identifier => match self.token.span.text(self.source) {
                            "defer" => ImportPhase::Defer,
                            "source" => ImportPhase::Source,
                            _ => return self.unexpected(),
                        },
                        _ => return self.unexpected(),
                    };
                    self.bump();
                }
                self.expect(TokenKind::LeftParen)?;
                let source = self.parse_assignment_expression(true)?;
                let options = if self.eat(TokenKind::Comma) && !self.at(TokenKind::RightParen) {
                    let options = self.parse_assignment_expression(true)?;
                    self.eat(TokenKind::Comma);
                    Some(options)
                } else {
                    None
                };
                self.expect(TokenKind::RightParen)?;
                Ok(Expression::ImportCall(self.alloc(ImportCallExpression {
                    span: self.span_from(start),
                    source,
                    options,
                    phase,
                })))
            }
            _ if self.at_identifier() => {
                let identifier = self.parse_identifier()?;
                self.identifier_reference_expression(identifier)
            }
            _ => self.unexpected(),
        }
    }

    /// The early errors of a regular-expression literal: flags from `dgimsuvy`, none twice,
    /// not both `u` and `v`; and a pattern that parses under those flags.
    ///
    /// Performance note: validating parses the pattern with `regress` (no optimisation, no code
    /// generation). Regex literals are rare next to other tokens, but long ones cost: about 5%
    /// of a parse of rxjs + zod is still spent in regress.
    fn validate_regexp_literal(&mut self, pattern: &str, flags: &str) -> ParseResult<()> {
        let span = self.token.span;
        let mut seen = 0u32;
        for character in flags.chars() {
            let bit = match character {
                'd' => 1,
                'g' => 2,
                'i' => 4,
                'm' => 8,
                's' => 16,
                'u' => 32,
                'v' => 64,
                'y' => 128,
                _ => {
                    return self
                        .error_at(format!("Invalid regular expression flags '{flags}'"), span);
                }
            };
            if seen & bit != 0 {
                return self.error_at(
                    format!("Invalid regular expression flags '{flags}' (duplicate flag)"),
                    span,
                );
            }
            seen |= bit;
        }
        if seen & (32 | 64) == 32 | 64 {
            return self.error_at(
                format!("Invalid regular expression flags '{flags}' (u and v together)"),
                span,
            );
        }
        // A literal already validated in this parse (same pattern and flags) is not compiled
        // again: regress allocates while compiling, and code repeats its regular expressions.
        let literal_text = span.text(self.source);
        if self.validated_regexps.contains(literal_text) {
            return Ok(());
        }
        let mut regress_flags = regress::Flags::from(flags);
        regress_flags.no_opt = true;
        // Parse only: `Regex::with_flags` is `try_parse` followed by code generation (`emit`),
        // which cannot fail, so the parse alone gives the same verdict. Skipping the code
        // generation (and its allocations) saved 0.5% of a parse of rxjs + zod, whose regular
        // expressions are long (callgrind, 2026-12-07).
        if let Err(error) =
            regress::backends::try_parse(pattern.chars().map(u32::from), regress_flags)
        {
            return self.error_at(
                format!("Invalid regular expression: /{pattern}/{flags}: {error}"),
                span,
            );
        }
        self.validated_regexps.insert(literal_text);
        Ok(())
    }

    fn parse_new_expression(&mut self) -> ParseResult<Expression<'a>> {
        let start = self.token.span.start;
        self.bump();
        if self.eat(TokenKind::Dot) {
            if !self.at(TokenKind::Target) || self.token.is_escaped() {
                return self.unexpected();
            }
            self.bump();
            if !self.context.allow_new_target {
                return self.error_at(
                    "new.target expression is not allowed here",
                    self.span_from(start),
                );
            }
            return Ok(Expression::NewTarget(self.span_from(start)));
        }
        if self.at(TokenKind::Import) {
            let (next, after) = self.peek2();
            let is_import_call = next.kind == TokenKind::LeftParen
                || (next.kind == TokenKind::Dot
                    && after.kind == TokenKind::Identifier
                    && matches!(after.span.text(self.source), "defer" | "source"));
            if is_import_call {
                return self.error_at("Cannot use new with import", self.token.span);
            }
        }
        self.enter()?;
        let callee = if self.at(TokenKind::New) {
            self.parse_new_expression()
        } else {
            self.parse_call_member(None, false)
        };
        self.leave();
        let callee = callee?;
        if let Expression::Super(span) = callee {
            return self.error_at("'super' keyword unexpected here", span);
        }
        let arguments = if self.at(TokenKind::LeftParen) {
            self.parse_arguments()?
        } else {
            &[]
        };
        Ok(Expression::New(self.alloc(NewExpression {
            span: self.span_from(start),
            callee,
            arguments,
        })))
    }

    // -----------------------------------------------------------------------------------
    // Literals
    // -----------------------------------------------------------------------------------

    pub fn parse_numeric_literal(&mut self) -> ParseResult<&'a NumericLiteral> {
        let span = self.token.span;
        let text = span.text(self.source);
        match tseval_lexer::parse_numeric_literal(text) {
            Ok(value) => {
                if value.is_legacy_octal_like && self.strict {
                    return self.error_at("Octal literals are not allowed in strict mode.", span);
                }
                self.bump();
                Ok(self.alloc(NumericLiteral {
                    span,
                    value: value.value,
                }))
            }
            Err(message) => self.error_at(message, span),
        }
    }

    pub fn parse_bigint_literal(&mut self) -> ParseResult<&'a BigIntLiteral<'a>> {
        let span = self.token.span;
        let mut digits = std::mem::take(&mut self.scratch_string);
        digits.clear();
        let result = tseval_lexer::clean_bigint_literal(span.text(self.source), &mut digits);
        let digits_in_arena = self.alloc_str(&digits);
        self.scratch_string = digits;
        if let Err(message) = result {
            return self.error_at(message, span);
        }
        self.bump();
        Ok(self.alloc(BigIntLiteral {
            span,
            digits: digits_in_arena,
        }))
    }

    /// Parses the current string-literal token.
    pub fn parse_string_literal(&mut self) -> ParseResult<&'a StringLiteral<'a>> {
        self.parse_string_literal_with_atom(true)
    }

    /// Parses a string literal, interning its value only when `with_atom` is set.
    ///
    /// Performance design: a string in expression position is only ever compiled from its
    /// UTF-16 value, so it is not interned (a hash and a probe per literal, and an insertion
    /// for each first occurrence: error messages and other unique strings made that ~1.5% of
    /// a parse of rxjs + zod). Property keys, module names and enum members keep their atom.
    fn parse_string_literal_with_atom(
        &mut self,
        with_atom: bool,
    ) -> ParseResult<&'a StringLiteral<'a>> {
        let span = self.token.span;
        let contents = &self.source[span.start as usize + 1..span.end as usize - 1];
        let literal = if !self.token.is_escaped() {
            let atom = with_atom.then(|| self.interner.intern(contents));
            // ASCII (nearly every literal) widens into an exactly sized slice.
            let value: &'a [u16] = if contents.is_ascii() {
                widen_ascii_into_arena(self.arena, contents.as_bytes())
            } else {
                let mut units = ArenaVec::with_capacity_in(contents.len(), self.arena);
                units.extend(contents.encode_utf16());
                units.into_bump_slice()
            };
            StringLiteral { span, value, atom }
        } else {
            let mut units = std::mem::take(&mut self.scratch_utf16);
            units.clear();
            let result = tseval_lexer::cook_string_literal(contents, &mut units);
            let value: &'a [u16] = self.arena.alloc_slice_copy(&units);
            let atom = if with_atom {
                String::from_utf16(&units)
                    .ok()
                    .map(|text| self.interner.intern(&text))
            } else {
                None
            };
            self.scratch_utf16 = units;
            match result {
                Ok(info) => {
                    if info.has_octal_escape && self.strict {
                        return self.error_at(
                            "Octal escape sequences are not allowed in strict mode.",
                            span,
                        );
                    }
                }
                Err(error) => return self.error_at(error.message(), span),
            }
            StringLiteral { span, value, atom }
        };
        self.bump();
        Ok(self.alloc(literal))
    }

    /// Parses a template starting at the current `NoSubstitutionTemplate`/`TemplateHead`.
    pub fn parse_template(&mut self, tagged: bool) -> ParseResult<&'a TemplateLiteral<'a>> {
        let start = self.token.span.start;
        let mut quasis = self.new_vec_with_capacity(2);
        let mut expressions = self.new_vec_with_capacity(1);
        loop {
            let token = self.token;
            let is_tail = matches!(
                token.kind,
                TokenKind::NoSubstitutionTemplate | TokenKind::TemplateTail
            );
            let text = token.span.text(self.source);
            let contents = &text[1..text.len() - if is_tail { 1 } else { 2 }];
            quasis.push(self.make_template_element(token, contents, tagged)?);
            self.bump();
            if is_tail {
                break;
            }
            expressions.push(self.parse_expression(true)?);
            if !self.at(TokenKind::RightBrace) {
                return self.unexpected();
            }
            self.rescan_current_as_template_continuation();
            if self.at(TokenKind::Error) {
                return self.unexpected();
            }
        }
        Ok(self.alloc(TemplateLiteral {
            span: self.span_from(start),
            quasis: quasis.into_bump_slice(),
            expressions: expressions.into_bump_slice(),
        }))
    }

    fn make_template_element(
        &mut self,
        token: Token,
        contents: &str,
        tagged: bool,
    ) -> ParseResult<TemplateElement<'a>> {
        // Performance: most chunks are ASCII without escapes or carriage returns, so their
        // cooked value is the bytes widened straight into the arena and their raw value is
        // the text itself (one scan; the general path below decodes through a scratch vector
        // with `encode_utf16` and copies it, which cost about 3% of a parse of rxjs + zod).
        if contents
            .bytes()
            .all(|byte| byte < 0x80 && byte != b'\\' && byte != b'\r')
        {
            let cooked: &'a [u16] = widen_ascii_into_arena(self.arena, contents.as_bytes());
            return Ok(TemplateElement {
                span: token.span,
                cooked: Some(cooked),
                raw: self.alloc_str(contents),
            });
        }
        let mut units = std::mem::take(&mut self.scratch_utf16);
        units.clear();
        let result = tseval_lexer::cook_template_chunk(contents, &mut units);
        let cooked = match result {
            Ok(()) => Some(&*self.arena.alloc_slice_copy(&units)),
            Err(error) => {
                if !tagged {
                    self.scratch_utf16 = units;
                    return self.error_at(error.message(), token.span);
                }
                None
            }
        };
        self.scratch_utf16 = units;
        let raw = if contents.contains('\r') {
            let mut raw = String::new();
            tseval_lexer::template_raw(contents, &mut raw);
            self.alloc_str(&raw)
        } else {
            self.alloc_str(contents)
        };
        Ok(TemplateElement {
            span: token.span,
            cooked,
            raw,
        })
    }

    /// `[ elements ]`, collected on a scratch stack like object literals' properties.
    fn parse_array_literal(&mut self) -> ParseResult<Expression<'a>> {
        let start = self.token.span.start;
        self.bump();
        let mark = self.scratch_array_elements.len();
        let result = self.parse_array_literal_elements_onto_scratch();
        let elements: &'a [ArrayElement<'a>] = match result {
            Ok(()) => self
                .arena
                .alloc_slice_copy(&self.scratch_array_elements[mark..]),
            Err(_) => &[],
        };
        self.scratch_array_elements.truncate(mark);
        result?;
        Ok(Expression::Array(self.alloc(ArrayExpression {
            span: self.span_from(start),
            elements,
        })))
    }

    /// The elements of an array literal and its `]`, pushed onto the scratch stack.
    fn parse_array_literal_elements_onto_scratch(&mut self) -> ParseResult<()> {
        loop {
            match self.token.kind {
                TokenKind::RightBracket => break,
                TokenKind::Comma => {
                    self.scratch_array_elements
                        .push(ArrayElement::Hole(self.token.span));
                    self.bump();
                    continue;
                }
                TokenKind::Ellipsis => {
                    let spread_start = self.token.span.start;
                    self.bump();
                    let argument = self.parse_assignment_expression(true)?;
                    let spread = ArrayElement::Spread(self.alloc(SpreadElement {
                        span: self.span_from(spread_start),
                        argument,
                    }));
                    self.scratch_array_elements.push(spread);
                }
                _ => {
                    let element = ArrayElement::Expression(self.parse_assignment_expression(true)?);
                    self.scratch_array_elements.push(element);
                }
            }
            if !self.eat(TokenKind::Comma) {
                break;
            }
        }
        self.expect(TokenKind::RightBracket)
    }

    /// Parses a property name (object literals, classes, patterns). `#x` is accepted only
    /// when `allow_private`.
    pub fn parse_property_key(&mut self, allow_private: bool) -> ParseResult<PropertyKey<'a>> {
        match self.token.kind {
            TokenKind::StringLiteral => Ok(PropertyKey::String(self.parse_string_literal()?)),
            TokenKind::NumericLiteral => Ok(PropertyKey::Number(self.parse_numeric_literal()?)),
            TokenKind::BigIntLiteral => Ok(PropertyKey::BigInt(self.parse_bigint_literal()?)),
            TokenKind::LeftBracket => {
                self.bump();
                let expression = self.parse_assignment_expression(true)?;
                self.expect(TokenKind::RightBracket)?;
                Ok(PropertyKey::Computed(expression))
            }
            TokenKind::PrivateName if allow_private => {
                Ok(PropertyKey::Private(self.parse_private_identifier()?))
            }
            kind if kind.is_identifier_name() => {
                Ok(PropertyKey::Identifier(self.parse_identifier_name()?))
            }
            _ => self.unexpected(),
        }
    }

    /// True when the current token can start a property key.
    pub fn at_property_key_start(&self, token: Token) -> bool {
        matches!(
            token.kind,
            TokenKind::StringLiteral
                | TokenKind::NumericLiteral
                | TokenKind::BigIntLiteral
                | TokenKind::LeftBracket
                | TokenKind::PrivateName
        ) || token.kind.is_identifier_name()
    }

    /// `{ properties }`.
    ///
    /// Performance design: the properties are collected on a scratch stack (shared by nested
    /// literals) and copied into an exactly sized arena slice, as statement lists are: an
    /// arena vector with room for four left 40% of its arena bytes unused on typescript.js,
    /// plus every outgrown buffer of the large literals.
    fn parse_object_literal(&mut self) -> ParseResult<Expression<'a>> {
        let start = self.token.span.start;
        self.bump();
        let mark = self.scratch_object_properties.len();
        let result = self.parse_object_literal_properties_onto_scratch();
        let properties: &'a [ObjectProperty<'a>] = match result {
            Ok(()) => self
                .arena
                .alloc_slice_copy(&self.scratch_object_properties[mark..]),
            Err(_) => &[],
        };
        self.scratch_object_properties.truncate(mark);
        result?;
        Ok(Expression::Object(self.alloc(ObjectExpression {
            span: self.span_from(start),
            properties,
        })))
    }

    /// The properties of an object literal and its `}`, pushed onto the scratch stack.
    fn parse_object_literal_properties_onto_scratch(&mut self) -> ParseResult<()> {
        let mut has_proto = false;
        while !self.at(TokenKind::RightBrace) {
            let property_start = self.token.span.start;
            if self.eat(TokenKind::Ellipsis) {
                let argument = self.parse_assignment_expression(true)?;
                let spread = ObjectProperty::Spread(self.alloc(SpreadElement {
                    span: self.span_from(property_start),
                    argument,
                }));
                self.scratch_object_properties.push(spread);
            } else {
                let property = self.parse_object_property(property_start)?;
                if property.is_proto_setter {
                    if has_proto {
                        // An error only if the literal is not turned into a pattern.
                        self.cover_initializers.push((
                            property.span,
                            "Duplicate __proto__ fields are not allowed in object literals",
                        ));
                    }
                    has_proto = true;
                }
                self.scratch_object_properties
                    .push(ObjectProperty::Property(property));
            }
            if !self.eat(TokenKind::Comma) {
                break;
            }
        }
        self.expect(TokenKind::RightBrace)
    }

    fn parse_object_property(&mut self, start: u32) -> ParseResult<&'a Property<'a>> {
        let mut is_async = false;
        let mut is_generator = false;
        let mut kind = PropertyKind::Init;
        // Modifiers are keywords only when a property key follows them. Performance: only
        // `async`, `get` and `set` look at the next token (a peek lexes it on a cloned lexer
        // and makes the next `bump` restart the DFA; it was taken for every property).
        if self.at(TokenKind::Async) {
            let next = self.peek();
            if !next.has_newline_before()
                && (self.at_property_key_start(next) || next.kind == TokenKind::Star)
            {
                self.bump();
                is_async = true;
            }
        } else if (self.at(TokenKind::Get) || self.at(TokenKind::Set))
            && self.at_property_key_start(self.peek())
        {
            kind = if self.at(TokenKind::Get) {
                PropertyKind::Get
            } else {
                PropertyKind::Set
            };
            self.bump();
        }
        if self.eat(TokenKind::Star) {
            is_generator = true;
        }
        let key_token = self.token;
        let key = self.parse_property_key(false)?;
        if is_async
            || is_generator
            || kind != PropertyKind::Init
            || self.at(TokenKind::LeftParen)
            || self.at(TokenKind::Less)
        {
            let method_kind = match kind {
                PropertyKind::Get => crate::function::MethodFlavor::Getter,
                PropertyKind::Set => crate::function::MethodFlavor::Setter,
                PropertyKind::Init => crate::function::MethodFlavor::Method,
            };
            let function =
                self.parse_method_function(start, is_async, is_generator, method_kind, false)?;
            let Some(function) = function else {
                return self.unexpected();
            };
            return Ok(self.alloc(Property {
                span: self.span_from(start),
                key,
                value: Expression::Function(function),
                kind,
                is_method: kind == PropertyKind::Init,
                is_shorthand: false,
                is_proto_setter: false,
            }));
        }
        if self.eat(TokenKind::Colon) {
            let value = self.parse_assignment_expression(true)?;
            let is_proto_setter = match key {
                PropertyKey::Identifier(identifier) => identifier.name == well_known::PROTO,
                PropertyKey::String(string) => string.atom == Some(well_known::PROTO),
                _ => false,
            };
            return Ok(self.alloc(Property {
                span: self.span_from(start),
                key,
                value,
                kind,
                is_method: false,
                is_shorthand: false,
                is_proto_setter,
            }));
        }
        // Shorthand `a` or cover-initialised `a = 1`.
        let PropertyKey::Identifier(identifier) = key else {
            return self.unexpected();
        };
        if !self.kind_is_identifier(key_token.kind) || key_token.kind.is_reserved_word() {
            return self.error_at("Unexpected token in shorthand property", key_token.span);
        }
        self.check_escaped_keyword(key_token, identifier.name)?;
        if identifier.name == well_known::AWAIT {
            self.await_identifier_count += 1;
        }
        let value = if self.at(TokenKind::Assign) {
            self.bump();
            let default = self.parse_assignment_expression(true)?;
            let span = self.span_from(start);
            self.cover_initializers
                .push((span, "Invalid shorthand property initializer"));
            Expression::Assignment(self.alloc(AssignmentExpression {
                span,
                operator: AssignmentOperator::Assign,
                target: AssignmentTarget::Simple(SimpleAssignmentTarget::Identifier(identifier)),
                value: default,
            }))
        } else {
            Expression::Identifier(identifier)
        };
        Ok(self.alloc(Property {
            span: self.span_from(start),
            key,
            value,
            kind,
            is_method: false,
            is_shorthand: true,
            is_proto_setter: false,
        }))
    }

    // -----------------------------------------------------------------------------------
    // Arrow functions and the parenthesised cover
    // -----------------------------------------------------------------------------------

    /// An identifier used as an IdentifierReference expression, with its early errors.
    #[inline]
    fn identifier_reference_expression(
        &mut self,
        identifier: Identifier,
    ) -> ParseResult<Expression<'a>> {
        if identifier.name == well_known::ARGUMENTS && self.context.forbid_arguments {
            return self.error_at(
                "'arguments' is not allowed in class field initializer or static initialization block",
                identifier.span,
            );
        }
        Ok(Expression::Identifier(identifier))
    }

    fn parse_single_parameter_arrow(
        &mut self,
        start: u32,
        is_async: bool,
        allow_in: bool,
    ) -> ParseResult<Expression<'a>> {
        let parameter = self.parse_binding_identifier()?;
        self.finish_single_parameter_arrow(start, parameter, is_async, allow_in)
    }

    /// The arrow `x => ...` after its parameter `x` (parsed as an identifier; the binding
    /// identifier's strict-mode restriction is checked here), at `=>`.
    fn finish_single_parameter_arrow(
        &mut self,
        start: u32,
        parameter: Identifier,
        is_async: bool,
        allow_in: bool,
    ) -> ParseResult<Expression<'a>> {
        if self.strict
            && (parameter.name == well_known::EVAL || parameter.name == well_known::ARGUMENTS)
        {
            return self.error_at(
                "Unexpected eval or arguments in strict mode",
                parameter.span,
            );
        }
        if is_async && parameter.name == well_known::AWAIT {
            return self.error_at(
                "'await' is not a valid identifier in async arrow parameters",
                parameter.span,
            );
        }
        let items = self.arena.alloc_slice_copy(&[FormalParameter {
            span: parameter.span,
            pattern: BindingPattern::Identifier(parameter),
            default: None,
            parameter_property: None,
            decorators: &[],
        }]);
        let params = self.alloc(FormalParameters {
            span: parameter.span,
            items,
            rest: None,
            is_simple: true,
        });
        self.expect(TokenKind::Arrow)?;
        let function = self.parse_arrow_body(start, params, is_async, allow_in)?;
        Ok(Expression::Function(function))
    }

    /// At `(` (after `async` when `is_async`): parses a parenthesised expression or an arrow
    /// function. `Ok(Ok(f))` for an arrow, `Ok(Err(e))` for an expression (for `async(...)`
    /// the call expression).
    ///
    /// Performance design: the items are collected on the parser's scratch stack of cover
    /// items (shared by nested lists, truncated back when the list is done, whichever way it
    /// ends) rather than in an arena vector: that vector, with room for four items of 48
    /// bytes, was never part of the tree, so every parenthesised expression and arrow head
    /// left 192 bytes or more of dead arena behind (about 2 MB of the 35 MB a parse of
    /// typescript.js touched).
    fn parse_parenthesized_or_arrow(
        &mut self,
        start: u32,
        is_async: bool,
        allow_in: bool,
    ) -> ParseResult<Result<&'a Function<'a>, Expression<'a>>> {
        let mark = self.scratch_cover_items.len();
        let result =
            self.parse_parenthesized_or_arrow_onto_scratch(start, is_async, allow_in, mark);
        self.scratch_cover_items.truncate(mark);
        result
    }

    /// [`Parser::parse_parenthesized_or_arrow`] with the items pushed onto the scratch stack
    /// from `mark` on.
    fn parse_parenthesized_or_arrow_onto_scratch(
        &mut self,
        start: u32,
        is_async: bool,
        allow_in: bool,
        mark: usize,
    ) -> ParseResult<Result<&'a Function<'a>, Expression<'a>>> {
        let open_start = self.token.span.start;
        let cover_count = self.cover_initializers.len();
        let yield_await_before = self.yield_await_count;
        let await_identifiers_before = self.await_identifier_count;
        self.expect(TokenKind::LeftParen)?;
        let mut must_be_arrow = false;
        let mut trailing_comma = false;
        while !self.at(TokenKind::RightParen) {
            let item_start = self.token.span.start;
            trailing_comma = false;
            let is_spread = self.eat(TokenKind::Ellipsis);
            let expression = if is_spread
                && (self.at(TokenKind::LeftBrace) || self.at(TokenKind::LeftBracket))
                && !is_async
            {
                self.parse_assignment_expression(true)?
            } else if self.typescript
                && self.at(TokenKind::This)
                && matches!(self.peek().kind, TokenKind::Colon)
            {
                // TS `this` parameter: only meaningful for arrows it would be an error; keep.
                self.parse_assignment_expression(true)?
            } else {
                self.parse_assignment_expression(true)?
            };
            if is_spread {
                must_be_arrow = !is_async;
            }
            let mut default = None;
            if self.typescript {
                if self.at(TokenKind::Question) {
                    self.bump();
                    must_be_arrow = true;
                }
                if self.eat(TokenKind::Colon) {
                    self.skip_type()?;
                    must_be_arrow = true;
                    if self.eat(TokenKind::Assign) {
                        default = Some(self.parse_assignment_expression(true)?);
                    }
                }
            }
            let span = self.span_from(item_start);
            self.scratch_cover_items.push(CoverItem {
                expression,
                is_spread,
                default,
                span,
            });
            if !self.eat(TokenKind::Comma) {
                break;
            }
            trailing_comma = true;
        }
        self.expect(TokenKind::RightParen)?;
        let close_end = self.previous_token_end;
        let item_count = self.scratch_cover_items.len() - mark;
        if item_count == 0 && !is_async {
            must_be_arrow = true;
        }
        // Optional TS return type: `(a): T => ...` (speculative: a `:` may belong to `?:`).
        let mut is_arrow = self.at(TokenKind::Arrow) && !self.token.has_newline_before();
        if !is_arrow && self.typescript && self.at(TokenKind::Colon) {
            let checkpoint = self.checkpoint();
            self.bump();
            if self.skip_return_type().is_ok()
                && self.at(TokenKind::Arrow)
                && !self.token.has_newline_before()
            {
                is_arrow = true;
            } else {
                self.rewind(checkpoint);
            }
        }
        if is_arrow {
            if self.yield_await_count != yield_await_before {
                return self.error_at(
                    "Arrow parameters may not contain yield or await expressions",
                    Span::new(open_start, close_end),
                );
            }
            if is_async && self.await_identifier_count != await_identifiers_before {
                return self.error_at(
                    "'await' is not a valid identifier in async arrow parameters",
                    Span::new(open_start, close_end),
                );
            }
            if trailing_comma
                && self.scratch_cover_items[mark..]
                    .last()
                    .is_some_and(|item| item.is_spread)
            {
                return self.error_at(
                    "A rest parameter may not have a trailing comma",
                    Span::new(open_start, close_end),
                );
            }
            self.bump();
            let params = self.cover_items_to_parameters(mark, Span::new(open_start, close_end))?;
            // The body's own lists use the scratch stack from here.
            self.scratch_cover_items.truncate(mark);
            self.cover_initializers.truncate(cover_count);
            let function = self.parse_arrow_body(start, params, is_async, allow_in)?;
            return Ok(Ok(function));
        }
        if is_async {
            // `async(...)` is a call of a function named async.
            let mut arguments = self.new_vec_with_capacity(item_count);
            for index in mark..mark + item_count {
                let item = self.scratch_cover_items[index];
                if item.default.is_some() {
                    return self.error_at("Unexpected type annotation", item.span);
                }
                arguments.push(if item.is_spread {
                    Argument::Spread(self.alloc(SpreadElement {
                        span: item.span,
                        argument: item.expression,
                    }))
                } else {
                    Argument::Expression(item.expression)
                });
            }
            let callee = Expression::Identifier(Identifier {
                span: Span::new(start, start + 5),
                name: well_known::ASYNC,
            });
            let call = Expression::Call(self.alloc(CallExpression {
                span: self.span_from(start),
                callee,
                arguments: arguments.into_bump_slice(),
                optional: false,
            }));
            return Ok(Err(call));
        }
        if must_be_arrow || trailing_comma {
            return self.error_at(
                "Expected '=>' after arrow function parameters",
                self.token.span,
            );
        }
        let items = &self.scratch_cover_items[mark..];
        if let Some(item) = items
            .iter()
            .find(|item| item.is_spread || item.default.is_some())
        {
            let span = item.span;
            return self.error_at("Unexpected token", span);
        }
        let expression = if items.len() == 1 {
            items[0].expression
        } else {
            let mut expressions = ArenaVec::with_capacity_in(items.len(), self.arena);
            expressions.extend(items.iter().map(|item| item.expression));
            Expression::Sequence(self.alloc(SequenceExpression {
                span: Span::new(open_start + 1, close_end - 1),
                expressions: expressions.into_bump_slice(),
            }))
        };
        Ok(Err(expression))
    }

    /// The parameters of an arrow function whose head was parsed as the cover items from
    /// `mark` on the scratch stack (exactly sized: no arena vector growth).
    fn cover_items_to_parameters(
        &mut self,
        mark: usize,
        span: Span,
    ) -> ParseResult<&'a FormalParameters<'a>> {
        let end = self.scratch_cover_items.len();
        let mut parameters = self.new_vec_with_capacity(end - mark);
        let mut rest = None;
        let mut is_simple = true;
        for index in mark..end {
            let item = self.scratch_cover_items[index];
            if item.is_spread {
                if index + 1 != end {
                    return self
                        .error_at("Rest parameter must be last formal parameter", item.span);
                }
                rest = Some(self.expression_to_binding_pattern(item.expression)?);
                is_simple = false;
                continue;
            }
            let (pattern, default) = match item.expression {
                Expression::Assignment(assignment)
                    if assignment.operator == AssignmentOperator::Assign
                        && item.default.is_none() =>
                {
                    (
                        self.assignment_target_to_binding_pattern(assignment.target)?,
                        Some(assignment.value),
                    )
                }
                expression => (
                    self.expression_to_binding_pattern(expression)?,
                    item.default,
                ),
            };
            if default.is_some() || !matches!(pattern, BindingPattern::Identifier(_)) {
                is_simple = false;
            }
            parameters.push(FormalParameter {
                span: item.span,
                pattern,
                default,
                parameter_property: None,
                decorators: &[],
            });
        }
        Ok(self.alloc(FormalParameters {
            span,
            items: parameters.into_bump_slice(),
            rest,
            is_simple,
        }))
    }

    /// Parses an arrow body after `=>`.
    fn parse_arrow_body(
        &mut self,
        start: u32,
        params: &'a FormalParameters<'a>,
        is_async: bool,
        allow_in: bool,
    ) -> ParseResult<&'a Function<'a>> {
        let saved_context = self.context;
        let saved_strict = self.strict;
        let saved_yield_await_count = self.yield_await_count;
        let labels_length = self.labels.len();
        // Arrows see the `super`, `new.target` and `arguments` rules of the code around them.
        self.context = crate::parser::FunctionContext {
            in_function: true,
            is_async,
            is_generator: false,
            in_iteration: false,
            in_switch: false,
            label_base: labels_length,
            in_class_static_block: false,
            ..saved_context
        };
        self.push_scope(crate::scope::ScopeKind::Function);
        let result = if self.at(TokenKind::LeftBrace) {
            self.parse_function_body_block(params, true, None)
                .map(|(body, has_use_strict)| (body, false, has_use_strict))
        } else {
            let body_start = self.token.span.start;
            self.declare_parameters(params, false, false)
                .and_then(|()| self.parse_assignment_expression(allow_in))
                .map(|expression| {
                    let span = self.span_from(body_start);
                    let statement = Statement::Return(self.alloc(ReturnStatement {
                        span,
                        argument: Some(expression),
                    }));
                    let statements = self.arena.alloc_slice_copy(&[statement]);
                    (
                        self.alloc(FunctionBody {
                            span,
                            directives: &[],
                            statements,
                        }),
                        true,
                        false,
                    )
                })
        };
        self.pop_scope();
        self.context = saved_context;
        self.strict = saved_strict;
        self.yield_await_count = saved_yield_await_count;
        self.labels.truncate(labels_length);
        let (body, is_expression_body, has_use_strict_directive) = result?;
        Ok(self.alloc(Function {
            span: self.span_from(start),
            id: None,
            params,
            body,
            is_arrow: true,
            is_async,
            is_generator: false,
            is_expression_body,
            has_use_strict_directive,
        }))
    }

    // -----------------------------------------------------------------------------------
    // Reinterpreting expressions as patterns
    // -----------------------------------------------------------------------------------

    /// Drops recorded `{a = 1}` cover initialisers that lie inside `span`.
    fn forget_cover_initializers(&mut self, from: usize) {
        self.cover_initializers.truncate(from);
    }

    pub fn expression_to_simple_target(
        &mut self,
        expression: Expression<'a>,
    ) -> ParseResult<SimpleAssignmentTarget<'a>> {
        match expression {
            Expression::Identifier(identifier) => {
                if self.strict
                    && (identifier.name == well_known::EVAL
                        || identifier.name == well_known::ARGUMENTS)
                {
                    return self.error_at(
                        "Unexpected eval or arguments in strict mode",
                        identifier.span,
                    );
                }
                Ok(SimpleAssignmentTarget::Identifier(identifier))
            }
            Expression::Member(member) if !member.optional => {
                Ok(SimpleAssignmentTarget::Member(member))
            }
            _ => self.error_at("Invalid left-hand side in assignment", expression.span()),
        }
    }

    /// [`Parser::expression_to_simple_target`] for the targets of `=`, compound assignment
    /// (but not `&&=`, `||=`, `??=`), `++`/`--` and for-in/of heads, where sloppy code may
    /// also write a call (`f() = 1`): its AssignmentTargetType is web-compat, and it throws a
    /// ReferenceError at run time after the call instead of being an early error.
    pub fn expression_to_web_compat_target(
        &mut self,
        expression: Expression<'a>,
    ) -> ParseResult<SimpleAssignmentTarget<'a>> {
        match expression {
            Expression::Call(call)
                if !self.strict
                    && !call.optional
                    && !matches!(call.callee, Expression::Super(_)) =>
            {
                Ok(SimpleAssignmentTarget::Call(call))
            }
            _ => self.expression_to_simple_target(expression),
        }
    }

    /// The first byte after `offset` that is not whitespace or inside a comment. Used to tell
    /// whether an expression was parenthesised or followed by a comma, facts the AST does not
    /// keep; only called on the (rare) expression-to-pattern conversions.
    fn next_significant_byte(&self, offset: u32) -> Option<u8> {
        let bytes = self.source.as_bytes();
        let mut index = offset as usize;
        while index < bytes.len() {
            match bytes[index] {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => index += 1,
                b'/' if bytes.get(index + 1) == Some(&b'/') => {
                    while index < bytes.len() && bytes[index] != b'\n' && bytes[index] != b'\r' {
                        index += 1;
                    }
                }
                b'/' if bytes.get(index + 1) == Some(&b'*') => {
                    match self.source[index + 2..].find("*/") {
                        Some(end) => index += end + 4,
                        None => return None,
                    }
                }
                byte => return Some(byte),
            }
        }
        None
    }

    /// An object or array literal written in parentheses may not become a pattern.
    fn reject_parenthesized_pattern(&mut self, expression: Expression<'a>) -> ParseResult<()> {
        if matches!(expression, Expression::Object(_) | Expression::Array(_))
            && self.next_significant_byte(expression.span().end) == Some(b')')
        {
            return self.error_at("Invalid destructuring assignment target", expression.span());
        }
        Ok(())
    }

    /// Converts the left side of `=` (or a for-in/of head) into an assignment target.
    pub fn expression_to_assignment_target(
        &mut self,
        expression: Expression<'a>,
        cover_count: usize,
    ) -> ParseResult<AssignmentTarget<'a>> {
        self.reject_parenthesized_pattern(expression)?;
        let target = match expression {
            Expression::Call(_) => {
                AssignmentTarget::Simple(self.expression_to_web_compat_target(expression)?)
            }
            _ => self.expression_to_assignment_target_inner(expression)?,
        };
        self.forget_cover_initializers(cover_count);
        Ok(target)
    }

    fn expression_to_target_with_default(
        &mut self,
        expression: Expression<'a>,
    ) -> ParseResult<AssignmentTargetWithDefault<'a>> {
        match expression {
            Expression::Assignment(assignment)
                if assignment.operator == AssignmentOperator::Assign =>
            {
                if self.strict
                    && let AssignmentTarget::Simple(SimpleAssignmentTarget::Identifier(identifier)) =
                        assignment.target
                    && (identifier.name == well_known::EVAL
                        || identifier.name == well_known::ARGUMENTS)
                {
                    return self.error_at(
                        "Unexpected eval or arguments in strict mode",
                        identifier.span,
                    );
                }
                Ok(AssignmentTargetWithDefault {
                    span: assignment.span,
                    target: assignment.target,
                    default: Some(assignment.value),
                })
            }
            expression => Ok(AssignmentTargetWithDefault {
                span: expression.span(),
                target: self.expression_to_assignment_target_inner(expression)?,
                default: None,
            }),
        }
    }

    fn expression_to_assignment_target_inner(
        &mut self,
        expression: Expression<'a>,
    ) -> ParseResult<AssignmentTarget<'a>> {
        match expression {
            Expression::Object(object) => {
                let mut properties = self.new_vec();
                let mut rest = None;
                for (index, property) in object.properties.iter().enumerate() {
                    match property {
                        ObjectProperty::Spread(spread) => {
                            if index + 1 != object.properties.len()
                                || self.next_significant_byte(spread.span.end) == Some(b',')
                            {
                                return self
                                    .error_at("Rest element must be last element", spread.span);
                            }
                            rest = Some(self.expression_to_simple_target(spread.argument)?);
                        }
                        ObjectProperty::Property(property) => {
                            if property.kind != PropertyKind::Init || property.is_method {
                                return self.error_at(
                                    "Invalid destructuring assignment target",
                                    property.span,
                                );
                            }
                            let value = self.expression_to_target_with_default(property.value)?;
                            properties.push(AssignmentTargetProperty {
                                span: property.span,
                                key: property.key,
                                value,
                                shorthand: property.is_shorthand,
                            });
                        }
                    }
                }
                Ok(AssignmentTarget::Object(self.alloc(
                    ObjectAssignmentPattern {
                        span: object.span,
                        properties: properties.into_bump_slice(),
                        rest,
                    },
                )))
            }
            Expression::Array(array) => {
                let mut elements = self.new_vec();
                let mut rest = None;
                for (index, element) in array.elements.iter().enumerate() {
                    match element {
                        ArrayElement::Hole(_) => elements.push(None),
                        ArrayElement::Spread(spread) => {
                            if index + 1 != array.elements.len()
                                || self.next_significant_byte(spread.span.end) == Some(b',')
                            {
                                return self
                                    .error_at("Rest element must be last element", spread.span);
                            }
                            rest =
                                Some(self.expression_to_assignment_target_inner(spread.argument)?);
                        }
                        ArrayElement::Expression(expression) => elements
                            .push(Some(self.expression_to_target_with_default(*expression)?)),
                    }
                }
                Ok(AssignmentTarget::Array(self.alloc(
                    ArrayAssignmentPattern {
                        span: array.span,
                        elements: elements.into_bump_slice(),
                        rest,
                    },
                )))
            }
            Expression::Assignment(assignment) => {
                self.error_at("Invalid destructuring assignment target", assignment.span)
            }
            expression => Ok(AssignmentTarget::Simple(
                self.expression_to_simple_target(expression)?,
            )),
        }
    }

    /// Converts a cover expression into a binding pattern (arrow parameters).
    fn expression_to_binding_pattern(
        &mut self,
        expression: Expression<'a>,
    ) -> ParseResult<BindingPattern<'a>> {
        match expression {
            Expression::Identifier(identifier) => {
                if self.strict
                    && (identifier.name == well_known::EVAL
                        || identifier.name == well_known::ARGUMENTS)
                {
                    return self.error_at(
                        "Unexpected eval or arguments in strict mode",
                        identifier.span,
                    );
                }
                Ok(BindingPattern::Identifier(identifier))
            }
            Expression::Object(_) | Expression::Array(_) => {
                let target = self.expression_to_assignment_target_inner(expression)?;
                self.assignment_target_to_binding_pattern(target)
            }
            _ => self.error_at("Invalid destructuring target", expression.span()),
        }
    }

    fn target_with_default_to_binding_element(
        &mut self,
        element: AssignmentTargetWithDefault<'a>,
    ) -> ParseResult<BindingElement<'a>> {
        Ok(BindingElement {
            span: element.span,
            target: self.assignment_target_to_binding_pattern(element.target)?,
            default: element.default,
        })
    }

    fn assignment_target_to_binding_pattern(
        &mut self,
        target: AssignmentTarget<'a>,
    ) -> ParseResult<BindingPattern<'a>> {
        match target {
            AssignmentTarget::Simple(SimpleAssignmentTarget::Identifier(identifier)) => {
                Ok(BindingPattern::Identifier(identifier))
            }
            AssignmentTarget::Simple(target @ SimpleAssignmentTarget::Member(_))
            | AssignmentTarget::Simple(target @ SimpleAssignmentTarget::Call(_)) => {
                self.error_at("Invalid destructuring target", target.span())
            }
            AssignmentTarget::Object(object) => {
                let mut properties = self.new_vec();
                for property in object.properties {
                    let value = self.target_with_default_to_binding_element(property.value)?;
                    properties.push(BindingProperty {
                        span: property.span,
                        key: property.key,
                        value,
                        shorthand: property.shorthand,
                    });
                }
                let rest = match object.rest {
                    None => None,
                    Some(SimpleAssignmentTarget::Identifier(identifier)) => Some(identifier),
                    Some(target) => {
                        return self.error_at("Invalid rest element", target.span());
                    }
                };
                Ok(BindingPattern::Object(self.alloc(ObjectPattern {
                    span: object.span,
                    properties: properties.into_bump_slice(),
                    rest,
                })))
            }
            AssignmentTarget::Array(array) => {
                let mut elements = self.new_vec();
                for element in array.elements {
                    elements.push(match element {
                        None => None,
                        Some(element) => {
                            Some(self.target_with_default_to_binding_element(*element)?)
                        }
                    });
                }
                let rest = match array.rest {
                    None => None,
                    Some(rest) => Some(self.assignment_target_to_binding_pattern(rest)?),
                };
                Ok(BindingPattern::Array(self.alloc(ArrayPattern {
                    span: array.span,
                    elements: elements.into_bump_slice(),
                    rest,
                })))
            }
        }
    }
}
