//! Functions, parameters, binding patterns and classes (with TypeScript modifiers, parameter
//! properties, overloads and abstract members).

use crate::ast::*;
use crate::parser::{FunctionContext, FunctionKind, ParseResult, Parser};
use crate::scope::{DeclarationKind, PrivateNameKind, ScopeKind};
use tseval_lexer::{Token, TokenKind, well_known};

/// What kind of method body is being parsed (decides `super()` and parameter-count rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MethodFlavor {
    Method,
    Getter,
    Setter,
    Constructor,
}

impl<'a> Parser<'a, '_, '_> {
    /// `function name(...) {...}` as a declaration; `None` for a TS overload signature.
    pub fn parse_function_declaration(
        &mut self,
        start: u32,
        is_async: bool,
    ) -> ParseResult<Option<&'a Function<'a>>> {
        self.parse_function(start, is_async, FunctionKind::Declaration)
    }

    /// Parses from the `function` keyword. Returns `None` for bodyless TS signatures.
    pub fn parse_function(
        &mut self,
        start: u32,
        is_async: bool,
        kind: FunctionKind,
    ) -> ParseResult<Option<&'a Function<'a>>> {
        self.expect(TokenKind::Function)?;
        let is_generator = self.eat(TokenKind::Star);
        let id = if self.at_identifier()
            || (kind == FunctionKind::Expression
                && matches!(self.token.kind, TokenKind::Yield | TokenKind::Await))
        {
            // The name of a function expression is bound inside it, with its own flags.
            let saved = self.context;
            if kind == FunctionKind::Expression {
                self.context.is_async = is_async;
                self.context.is_generator = is_generator;
                self.context.in_class_static_block = false;
            }
            let identifier = self.parse_binding_identifier();
            self.context = saved;
            Some(identifier?)
        } else if kind == FunctionKind::Declaration {
            return self.unexpected();
        } else {
            None
        };
        let function = self.parse_function_rest(
            start,
            id,
            is_async,
            is_generator,
            MethodFlavor::Method,
            false,
            kind != FunctionKind::Expression,
        )?;
        if kind != FunctionKind::Expression
            && let Some(function) = function
            && let Some(id) = function.id
        {
            self.declare_name(
                id,
                DeclarationKind::Function {
                    plain: !is_async && !is_generator,
                },
            )?;
        }
        Ok(function)
    }

    /// Parses a method's parameters and body (after its key), e.g. for object literals.
    pub fn parse_method_function(
        &mut self,
        start: u32,
        is_async: bool,
        is_generator: bool,
        flavor: MethodFlavor,
        allow_bodyless: bool,
    ) -> ParseResult<Option<&'a Function<'a>>> {
        self.parse_function_rest(
            start,
            None,
            is_async,
            is_generator,
            flavor,
            true,
            allow_bodyless,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn parse_function_rest(
        &mut self,
        start: u32,
        id: Option<Identifier>,
        is_async: bool,
        is_generator: bool,
        flavor: MethodFlavor,
        is_method: bool,
        allow_bodyless: bool,
    ) -> ParseResult<Option<&'a Function<'a>>> {
        if self.typescript && self.at(TokenKind::Less) {
            self.skip_type_parameters()?;
        }
        let saved_context = self.context;
        let saved_strict = self.strict;
        let saved_yield_await_count = self.yield_await_count;
        let labels_length = self.labels.len();
        self.context = FunctionContext {
            in_function: true,
            is_async,
            is_generator,
            in_iteration: false,
            in_switch: false,
            label_base: labels_length,
            in_class_static_block: false,
            allow_super_property: is_method,
            allow_super_call: flavor == MethodFlavor::Constructor && self.class_is_derived,
            allow_new_target: true,
            forbid_arguments: false,
        };
        self.push_scope(ScopeKind::Function);
        let result =
            self.parse_function_after_type_parameters(id, flavor, is_method, allow_bodyless);
        self.pop_scope();
        self.context = saved_context;
        self.strict = saved_strict;
        self.yield_await_count = saved_yield_await_count;
        self.labels.truncate(labels_length);
        let Some((params, body, has_use_strict_directive)) = result? else {
            return Ok(None);
        };
        Ok(Some(self.alloc(Function {
            span: self.span_from(start),
            id,
            params,
            body,
            is_arrow: false,
            is_async,
            is_generator,
            is_expression_body: false,
            has_use_strict_directive,
        })))
    }

    #[allow(clippy::type_complexity)]
    fn parse_function_after_type_parameters(
        &mut self,
        id: Option<Identifier>,
        flavor: MethodFlavor,
        is_method: bool,
        allow_bodyless: bool,
    ) -> ParseResult<Option<(&'a FormalParameters<'a>, &'a FunctionBody<'a>, bool)>> {
        let yield_await_before = self.yield_await_count;
        let params = self.parse_formal_parameters(flavor == MethodFlavor::Constructor)?;
        if self.yield_await_count != yield_await_before {
            return self.error_at(
                "Yield and await expressions are not allowed in formal parameters",
                params.span,
            );
        }
        match flavor {
            MethodFlavor::Getter if !params.items.is_empty() || params.rest.is_some() => {
                return self.error_at("Getter must not have any formal parameters.", params.span);
            }
            MethodFlavor::Setter if params.items.len() != 1 || params.rest.is_some() => {
                return self.error_at(
                    "Setter must have exactly one formal parameter.",
                    params.span,
                );
            }
            _ => {}
        }
        if self.typescript && self.eat(TokenKind::Colon) {
            self.skip_return_type()?;
        }
        if self.typescript && allow_bodyless && !self.at(TokenKind::LeftBrace) {
            // Overload signature or abstract/declared member: no run-time code.
            self.consume_semicolon()?;
            return Ok(None);
        }
        let (body, has_use_strict) = self.parse_function_body_block(params, is_method, id)?;
        Ok(Some((params, body, has_use_strict)))
    }

    /// `{ directives statements }` of a function (in the function's scope, which the caller
    /// opened); checks "use strict" against the parameters and declares them.
    /// `unique_parameters` is true for methods and arrows (UniqueFormalParameters); `id` is
    /// the function's own name, checked again when the body makes the function strict.
    pub fn parse_function_body_block(
        &mut self,
        params: &'a FormalParameters<'a>,
        unique_parameters: bool,
        id: Option<Identifier>,
    ) -> ParseResult<(&'a FunctionBody<'a>, bool)> {
        let start = self.token.span.start;
        let was_strict = self.strict;
        self.expect(TokenKind::LeftBrace)?;
        let (directives, has_use_strict) = self.parse_directives()?;
        if has_use_strict && !params.is_simple {
            return self.error_at(
                "Illegal 'use strict' directive in function with non-simple parameter list",
                self.span_from(start),
            );
        }
        let became_strict = has_use_strict && !was_strict;
        if became_strict && let Some(id) = id {
            self.check_strict_binding_name(id)?;
        }
        let allow_duplicates = !unique_parameters && params.is_simple && !self.strict;
        self.declare_parameters(params, allow_duplicates, became_strict)?;
        let statements = self.parse_statement_list(TokenKind::RightBrace)?;
        self.expect(TokenKind::RightBrace)?;
        Ok((
            self.alloc(FunctionBody {
                span: self.span_from(start),
                directives,
                statements,
            }),
            has_use_strict,
        ))
    }

    /// `( params )` including TS annotations, `this` parameters, optional markers, and (for
    /// constructors) parameter-property modifiers.
    ///
    /// Performance design: the parameters are collected on the parser's scratch stack
    /// (shared by nested parameter lists, as statement lists share theirs) and copied into an
    /// exactly sized arena slice. An arena vector with room for four, as before, left half
    /// of its 3.8 MB unused on typescript.js (most functions take one or two
    /// parameters), and each page of arena a parse touches can cost a page fault.
    pub fn parse_formal_parameters(
        &mut self,
        is_constructor: bool,
    ) -> ParseResult<&'a FormalParameters<'a>> {
        let start = self.token.span.start;
        let mark = self.scratch_parameters.len();
        let result = self.parse_formal_parameters_onto_scratch(is_constructor);
        let items: &'a [FormalParameter<'a>] = match result {
            Ok(_) => self
                .arena
                .alloc_slice_copy(&self.scratch_parameters[mark..]),
            Err(_) => &[],
        };
        self.scratch_parameters.truncate(mark);
        let (rest, is_simple) = result?;
        Ok(self.alloc(FormalParameters {
            span: self.span_from(start),
            items,
            rest,
            is_simple,
        }))
    }

    /// The parenthesised parameter list of [`Parser::parse_formal_parameters`]: pushes the
    /// parameters onto the scratch stack, returns the rest parameter and whether the list is
    /// simple.
    fn parse_formal_parameters_onto_scratch(
        &mut self,
        is_constructor: bool,
    ) -> ParseResult<(Option<BindingPattern<'a>>, bool)> {
        self.expect(TokenKind::LeftParen)?;
        let mut rest = None;
        let mut is_simple = true;
        while !self.at(TokenKind::RightParen) {
            let parameter_start = self.token.span.start;
            // TS `this: Type` parameter.
            if self.typescript && self.at(TokenKind::This) {
                self.bump();
                if self.eat(TokenKind::Colon) {
                    self.skip_type()?;
                }
                if !self.eat(TokenKind::Comma) {
                    break;
                }
                continue;
            }
            let mut parameter_property = None;
            let decorators = if self.typescript {
                self.parse_decorators()?
            } else {
                &[]
            };
            if self.typescript {
                let mut property = ParameterProperty {
                    accessibility: None,
                    is_readonly: false,
                    is_override: false,
                };
                let mut any = false;
                loop {
                    // Performance: only a modifier keyword looks at the next token (every
                    // parameter of a TypeScript function used to peek).
                    if !matches!(
                        self.token.kind,
                        TokenKind::Public
                            | TokenKind::Private
                            | TokenKind::Protected
                            | TokenKind::Readonly
                            | TokenKind::Override
                    ) {
                        break;
                    }
                    let next = self.peek();
                    let is_modifier_position = self.kind_is_identifier(next.kind)
                        || next.kind == TokenKind::LeftBrace
                        || next.kind == TokenKind::LeftBracket
                        || next.kind.is_contextual_keyword();
                    if !is_modifier_position {
                        break;
                    }
                    match self.token.kind {
                        TokenKind::Public => property.accessibility = Some(Accessibility::Public),
                        TokenKind::Private => property.accessibility = Some(Accessibility::Private),
                        TokenKind::Protected => {
                            property.accessibility = Some(Accessibility::Protected)
                        }
                        TokenKind::Readonly => property.is_readonly = true,
                        TokenKind::Override => property.is_override = true,
                        _ => break,
                    }
                    any = true;
                    self.bump();
                }
                if any {
                    if !is_constructor {
                        return self.error_at(
                            "A parameter property is only allowed in a constructor implementation.",
                            self.span_from(parameter_start),
                        );
                    }
                    parameter_property = Some(property);
                }
            }
            if self.eat(TokenKind::Ellipsis) {
                let pattern = self.parse_binding_pattern()?;
                if self.typescript {
                    self.eat(TokenKind::Question);
                    if self.eat(TokenKind::Colon) {
                        self.skip_type()?;
                    }
                }
                rest = Some(pattern);
                is_simple = false;
                if self.at(TokenKind::Comma) {
                    return self.error_at(
                        "Rest parameter must be last formal parameter",
                        self.token.span,
                    );
                }
                break;
            }
            let pattern = self.parse_binding_pattern()?;
            if self.typescript {
                self.eat(TokenKind::Question);
                if self.eat(TokenKind::Colon) {
                    self.skip_type()?;
                }
            }
            let default = if self.eat(TokenKind::Assign) {
                Some(self.parse_assignment_expression(true)?)
            } else {
                None
            };
            if default.is_some() || !matches!(pattern, BindingPattern::Identifier(_)) {
                is_simple = false;
            }
            if parameter_property.is_some() && !matches!(pattern, BindingPattern::Identifier(_)) {
                return self.error_at(
                    "A parameter property may not be declared using a binding pattern.",
                    pattern.span(),
                );
            }
            self.scratch_parameters.push(FormalParameter {
                span: self.span_from(parameter_start),
                pattern,
                default,
                parameter_property,
                decorators,
            });
            if !self.eat(TokenKind::Comma) {
                break;
            }
        }
        self.expect(TokenKind::RightParen)?;
        Ok((rest, is_simple))
    }

    /// BindingIdentifier / ObjectBindingPattern / ArrayBindingPattern.
    pub fn parse_binding_pattern(&mut self) -> ParseResult<BindingPattern<'a>> {
        self.enter()?;
        let result = self.parse_binding_pattern_inner();
        self.leave();
        result
    }

    fn parse_binding_pattern_inner(&mut self) -> ParseResult<BindingPattern<'a>> {
        let start = self.token.span.start;
        match self.token.kind {
            TokenKind::LeftBrace => {
                self.bump();
                let mut properties = self.new_vec();
                let mut rest = None;
                while !self.at(TokenKind::RightBrace) {
                    let property_start = self.token.span.start;
                    if self.eat(TokenKind::Ellipsis) {
                        rest = Some(self.parse_binding_identifier()?);
                        break;
                    }
                    let key_token: Token = self.token;
                    let key = self.parse_property_key(false)?;
                    let (value, shorthand) = if self.eat(TokenKind::Colon) {
                        (self.parse_binding_element()?, false)
                    } else {
                        let PropertyKey::Identifier(identifier) = key else {
                            return self.unexpected();
                        };
                        if !self.kind_is_identifier(key_token.kind) {
                            return self.error_at("Unexpected reserved word", key_token.span);
                        }
                        self.check_escaped_keyword(key_token, identifier.name)?;
                        if self.strict
                            && (identifier.name == well_known::EVAL
                                || identifier.name == well_known::ARGUMENTS)
                        {
                            return self.error_at(
                                "Unexpected eval or arguments in strict mode",
                                identifier.span,
                            );
                        }
                        let default = if self.eat(TokenKind::Assign) {
                            Some(self.parse_assignment_expression(true)?)
                        } else {
                            None
                        };
                        let element = BindingElement {
                            span: self.span_from(property_start),
                            target: BindingPattern::Identifier(identifier),
                            default,
                        };
                        (element, true)
                    };
                    properties.push(BindingProperty {
                        span: self.span_from(property_start),
                        key,
                        value,
                        shorthand,
                    });
                    if !self.eat(TokenKind::Comma) {
                        break;
                    }
                }
                self.expect(TokenKind::RightBrace)?;
                Ok(BindingPattern::Object(self.alloc(ObjectPattern {
                    span: self.span_from(start),
                    properties: properties.into_bump_slice(),
                    rest,
                })))
            }
            TokenKind::LeftBracket => {
                self.bump();
                let mut elements = self.new_vec();
                let mut rest = None;
                loop {
                    match self.token.kind {
                        TokenKind::RightBracket => break,
                        TokenKind::Comma => {
                            self.bump();
                            elements.push(None);
                            continue;
                        }
                        TokenKind::Ellipsis => {
                            self.bump();
                            rest = Some(self.parse_binding_pattern()?);
                            break;
                        }
                        _ => elements.push(Some(self.parse_binding_element()?)),
                    }
                    if !self.eat(TokenKind::Comma) {
                        break;
                    }
                }
                self.expect(TokenKind::RightBracket)?;
                Ok(BindingPattern::Array(self.alloc(ArrayPattern {
                    span: self.span_from(start),
                    elements: elements.into_bump_slice(),
                    rest,
                })))
            }
            _ => Ok(BindingPattern::Identifier(self.parse_binding_identifier()?)),
        }
    }

    fn parse_binding_element(&mut self) -> ParseResult<BindingElement<'a>> {
        let start = self.token.span.start;
        let target = self.parse_binding_pattern()?;
        let default = if self.eat(TokenKind::Assign) {
            Some(self.parse_assignment_expression(true)?)
        } else {
            None
        };
        Ok(BindingElement {
            span: self.span_from(start),
            target,
            default,
        })
    }

    // -----------------------------------------------------------------------------------
    // Classes
    // -----------------------------------------------------------------------------------

    /// Parses from `class`. `is_declaration` requires a name (except `export default`).
    pub fn parse_class(
        &mut self,
        start: u32,
        is_declaration: bool,
        is_abstract: bool,
    ) -> ParseResult<&'a Class<'a>> {
        let decorators = std::mem::take(&mut self.pending_decorators);
        self.expect(TokenKind::Class)?;
        // Class code is always strict.
        let saved_strict = self.strict;
        self.strict = true;
        let result = self.parse_class_rest(start, is_declaration, is_abstract, decorators);
        self.strict = saved_strict;
        result
    }

    /// A DecoratorList (possibly empty): `@a.b.#c`, `@a.b(args)`, `@(expression)`; in
    /// TypeScript also with type arguments before the call (`@Inject<T>()`).
    pub fn parse_decorators(&mut self) -> ParseResult<&'a [Decorator<'a>]> {
        if !self.at(TokenKind::At) {
            return Ok(&[]);
        }
        let mut decorators = self.new_vec();
        while self.at(TokenKind::At) {
            let start = self.token.span.start;
            self.bump();
            let expression = if self.eat(TokenKind::LeftParen) {
                let expression = self.parse_expression(true)?;
                self.expect(TokenKind::RightParen)?;
                expression
            } else {
                let mut expression = Expression::Identifier(self.parse_identifier()?);
                while self.eat(TokenKind::Dot) {
                    let property = if self.at(TokenKind::PrivateName) {
                        let name = self.parse_private_identifier()?;
                        self.reference_private_name(name)?;
                        MemberProperty::Private(name)
                    } else {
                        MemberProperty::Static(self.parse_identifier_name()?)
                    };
                    expression = Expression::Member(self.alloc(MemberExpression {
                        span: self.span_from(start + 1),
                        object: expression,
                        property,
                        optional: false,
                    }));
                }
                if self.typescript && self.at(TokenKind::Less) {
                    self.skip_type_arguments()?;
                }
                if self.at(TokenKind::LeftParen) {
                    let arguments = self.parse_arguments()?;
                    expression = Expression::Call(self.alloc(CallExpression {
                        span: self.span_from(start + 1),
                        callee: expression,
                        arguments,
                        optional: false,
                    }));
                }
                expression
            };
            decorators.push(Decorator {
                span: self.span_from(start),
                expression,
            });
        }
        Ok(decorators.into_bump_slice())
    }

    fn parse_class_rest(
        &mut self,
        start: u32,
        is_declaration: bool,
        is_abstract: bool,
        decorators: &'a [Decorator<'a>],
    ) -> ParseResult<&'a Class<'a>> {
        let id = if self.at_identifier() && !(self.at(TokenKind::Implements) && self.typescript) {
            Some(self.parse_binding_identifier()?)
        } else if is_declaration {
            return self.unexpected();
        } else {
            None
        };
        if self.typescript && self.at(TokenKind::Less) {
            self.skip_type_parameters()?;
        }
        let super_class = if self.eat(TokenKind::Extends) {
            let expression = self.parse_class_heritage()?;
            Some(expression)
        } else {
            None
        };
        if self.typescript && self.eat(TokenKind::Implements) {
            loop {
                self.skip_type()?;
                if !self.eat(TokenKind::Comma) {
                    break;
                }
            }
        }
        self.expect(TokenKind::LeftBrace)?;
        let saved_derived = std::mem::replace(&mut self.class_is_derived, super_class.is_some());
        self.push_private_environment();
        let body = self.parse_class_body();
        let resolved = self.pop_private_environment();
        self.class_is_derived = saved_derived;
        let body = body?;
        resolved?;
        Ok(self.alloc(Class {
            span: self.span_from(start),
            id,
            super_class,
            body,
            is_abstract,
            decorators,
        }))
    }

    /// The members of a class body up to and including the closing `}`.
    fn parse_class_body(&mut self) -> ParseResult<&'a [ClassElement<'a>]> {
        let mut body = self.new_vec();
        let mut has_constructor = false;
        while !self.at(TokenKind::RightBrace) {
            if self.eat(TokenKind::Semicolon) {
                continue;
            }
            if self.at(TokenKind::EndOfFile) {
                return self.unexpected();
            }
            if let Some(element) = self.parse_class_element()? {
                if let ClassElement::Method(method) = element
                    && method.kind == MethodKind::Constructor
                {
                    if has_constructor {
                        return self.error_at("A class may only have one constructor", method.span);
                    }
                    has_constructor = true;
                }
                body.push(element);
            }
        }
        self.expect(TokenKind::RightBrace)?;
        Ok(body.into_bump_slice())
    }

    /// `extends` LeftHandSideExpression (with optional TS type arguments, dropped).
    fn parse_class_heritage(&mut self) -> ParseResult<Expression<'a>> {
        self.enter()?;
        let expression = self.parse_left_hand_side_expression();
        self.leave();
        let expression = expression?;
        if self.typescript && (self.at(TokenKind::Less) || self.at(TokenKind::ShiftLeft)) {
            self.skip_type_arguments()?;
        }
        Ok(expression)
    }

    /// True when a modifier keyword at the current token is really a modifier (a member name
    /// follows it on the same line where required).
    fn modifier_applies(&self, allow_newline: bool) -> bool {
        let next = self.peek();
        if next.has_newline_before() && !allow_newline {
            return false;
        }
        self.at_property_key_start(next)
            || next.kind == TokenKind::Star
            || next.kind == TokenKind::LeftBrace && self.at(TokenKind::Static)
    }

    /// One class member; `None` for members dropped as type-only.
    fn parse_class_element(&mut self) -> ParseResult<Option<ClassElement<'a>>> {
        let start = self.token.span.start;
        let decorators = self.parse_decorators()?;
        let mut is_accessor = false;
        let mut is_static = false;
        let mut is_declare = false;
        let mut is_abstract = false;
        let mut is_async = false;
        let mut is_generator = false;
        let mut accessor_kind: Option<MethodKind> = None;
        // Modifiers (TS ones are recognised only in .ts files).
        loop {
            match self.token.kind {
                TokenKind::Static if !is_static && self.modifier_applies(true) => {
                    self.bump();
                    is_static = true;
                    if self.at(TokenKind::LeftBrace) {
                        if let Some(decorator) = decorators.first() {
                            return self.error_at(
                                "Decorators are not valid on static blocks",
                                decorator.span,
                            );
                        }
                        return self.parse_static_block(start).map(Some);
                    }
                }
                TokenKind::Public
                | TokenKind::Private
                | TokenKind::Protected
                | TokenKind::Readonly
                | TokenKind::Override
                    if self.typescript && self.modifier_applies(true) =>
                {
                    self.bump();
                }
                TokenKind::Declare if self.typescript && self.modifier_applies(false) => {
                    self.bump();
                    is_declare = true;
                }
                TokenKind::Abstract if self.typescript && self.modifier_applies(false) => {
                    self.bump();
                    is_abstract = true;
                }
                TokenKind::Accessor if !is_accessor && self.modifier_applies(false) => {
                    self.bump();
                    is_accessor = true;
                }
                _ => break,
            }
        }
        if self.at(TokenKind::Async) && self.modifier_applies(false) && !is_accessor {
            self.bump();
            is_async = true;
        }
        if !is_accessor && self.eat(TokenKind::Star) {
            is_generator = true;
        }
        if !is_async
            && !is_generator
            && !is_accessor
            && (self.at(TokenKind::Get) || self.at(TokenKind::Set))
            && self.modifier_applies(true)
            && self.peek().kind != TokenKind::Star
        {
            accessor_kind = Some(if self.at(TokenKind::Get) {
                MethodKind::Get
            } else {
                MethodKind::Set
            });
            self.bump();
        }
        // TS index signature `[key: string]: T;`
        if self.typescript && self.at(TokenKind::LeftBracket) {
            let (next, after) = self.peek2();
            if (next.kind == TokenKind::Identifier || next.kind.is_contextual_keyword())
                && after.kind == TokenKind::Colon
            {
                self.skip_balanced()?;
                if self.eat(TokenKind::Colon) {
                    self.skip_type()?;
                }
                self.consume_semicolon()?;
                return Ok(None);
            }
        }
        let key_token = self.token;
        let key = self.parse_property_key(true)?;
        if self.typescript {
            // Optional `?` / definite `!` markers.
            if !self.eat(TokenKind::Question) {
                self.eat(TokenKind::Bang);
            }
        }
        let is_constructor_name = !is_static
            && match key {
                PropertyKey::Identifier(identifier) => identifier.name == well_known::CONSTRUCTOR,
                PropertyKey::String(string) => string.atom == Some(well_known::CONSTRUCTOR),
                _ => false,
            };
        if let PropertyKey::Private(private) = key
            && private.name == well_known::CONSTRUCTOR
        {
            return self.error_at(
                "Classes may not have a private field named '#constructor'",
                private.span,
            );
        }
        if self.at(TokenKind::LeftParen) || self.at(TokenKind::Less) {
            if is_accessor {
                return self.error_at("An 'accessor' member must be a field", key_token.span);
            }
            let kind = if let Some(kind) = accessor_kind {
                kind
            } else if is_constructor_name {
                if is_async || is_generator {
                    return self.error_at(
                        "Class constructor may not be an async method or generator",
                        key_token.span,
                    );
                }
                MethodKind::Constructor
            } else {
                MethodKind::Method
            };
            if is_static
                && kind != MethodKind::Constructor
                && let PropertyKey::Identifier(identifier) = key
                && identifier.name == well_known::PROTOTYPE
            {
                return self.error_at(
                    "Classes may not have a static property named 'prototype'",
                    identifier.span,
                );
            }
            if is_constructor_name && accessor_kind.is_some() {
                return self.error_at("Class constructor may not be an accessor", key_token.span);
            }
            if let PropertyKey::Private(private) = key {
                let private_kind = match kind {
                    MethodKind::Get => PrivateNameKind::Getter,
                    MethodKind::Set => PrivateNameKind::Setter,
                    _ => PrivateNameKind::Method,
                };
                self.declare_private_name(private, private_kind, is_static)?;
            }
            let flavor = match kind {
                MethodKind::Constructor => MethodFlavor::Constructor,
                MethodKind::Get => MethodFlavor::Getter,
                MethodKind::Set => MethodFlavor::Setter,
                MethodKind::Method => MethodFlavor::Method,
            };
            let function =
                self.parse_method_function(start, is_async, is_generator, flavor, true)?;
            let Some(function) = function else {
                return Ok(None);
            };
            if is_abstract || is_declare {
                return Ok(None);
            }
            return Ok(Some(ClassElement::Method(self.alloc(ClassMethod {
                span: self.span_from(start),
                key,
                kind,
                is_static,
                value: function,
                decorators,
            }))));
        }
        if is_async || is_generator || accessor_kind.is_some() {
            return self.unexpected();
        }
        // Field.
        if is_constructor_name
            || matches!(key, PropertyKey::String(string) if string.atom == Some(well_known::CONSTRUCTOR))
        {
            return self.error_at(
                "Classes may not have a field named 'constructor'",
                key_token.span,
            );
        }
        if is_static
            && let Some(name) = key.static_name()
            && (name == well_known::PROTOTYPE || name == well_known::CONSTRUCTOR)
        {
            return self.error_at(
                "Classes may not have a static property named 'prototype'",
                key_token.span,
            );
        }
        if let PropertyKey::Private(private) = key {
            self.declare_private_name(private, PrivateNameKind::Field, is_static)?;
        }
        if self.typescript && self.eat(TokenKind::Colon) {
            self.skip_type()?;
        }
        let value = if self.eat(TokenKind::Assign) {
            // Field initialisers are parsed like method bodies: `arguments` is forbidden and
            // `await`/`yield` are not operators.
            let saved = self.context;
            self.context = FunctionContext {
                in_function: true,
                label_base: self.labels.len(),
                allow_super_property: true,
                allow_new_target: true,
                forbid_arguments: true,
                ..FunctionContext::default()
            };
            let value = self.parse_assignment_expression(true);
            self.context = saved;
            Some(value?)
        } else {
            None
        };
        self.consume_semicolon()?;
        if is_declare || is_abstract {
            return Ok(None);
        }
        Ok(Some(ClassElement::Field(self.alloc(ClassField {
            span: self.span_from(start),
            key,
            value,
            is_static,
            is_accessor,
            decorators,
        }))))
    }

    fn parse_static_block(&mut self, start: u32) -> ParseResult<ClassElement<'a>> {
        let saved_context = self.context;
        let labels_length = self.labels.len();
        self.context = FunctionContext {
            in_function: false,
            is_async: false,
            is_generator: false,
            in_iteration: false,
            in_switch: false,
            label_base: labels_length,
            in_class_static_block: true,
            allow_super_property: true,
            allow_super_call: false,
            allow_new_target: true,
            forbid_arguments: true,
        };
        self.push_scope(ScopeKind::Function);
        let result = (|| {
            self.expect(TokenKind::LeftBrace)?;
            let body = self.parse_statement_list(TokenKind::RightBrace)?;
            self.expect(TokenKind::RightBrace)?;
            Ok(body)
        })();
        self.pop_scope();
        self.context = saved_context;
        self.labels.truncate(labels_length);
        let body = result?;
        Ok(ClassElement::StaticBlock(self.alloc(StaticBlock {
            span: self.span_from(start),
            body,
        })))
    }
}
