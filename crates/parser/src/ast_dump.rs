//! A stable, readable text dump of the AST (used by golden tests and for debugging).
//!
//! One node per line, children indented by two spaces; `name:` prefixes label the field a
//! child sits in. Identifiers print their resolved names, strings their cooked values (lone
//! surrogates as `\u{d800}`), spans as `@start..end`.

use crate::ast::*;
use std::fmt::Write;
use tseval_lexer::Interner;

/// Renders `program` as indented text.
pub fn dump_program(program: &Program<'_>, interner: &Interner) -> String {
    let mut dumper = Dumper {
        out: String::new(),
        indent: 0,
        interner,
    };
    dumper.program(program);
    dumper.out
}

struct Dumper<'i> {
    out: String,
    indent: usize,
    interner: &'i Interner,
}

fn span_text(span: Span) -> String {
    format!("@{}..{}", span.start, span.end)
}

/// A quoted, escaped rendering of UTF-16 text; lone surrogates print as `\u{d800}`.
fn utf16_text(units: &[u16]) -> String {
    let mut text = String::from("\"");
    for result in char::decode_utf16(units.iter().copied()) {
        match result {
            Ok(character) => text.extend(character.escape_debug()),
            Err(error) => {
                let _ = write!(text, "\\u{{{:x}}}", error.unpaired_surrogate());
            }
        }
    }
    text.push('"');
    text
}

impl Dumper<'_> {
    fn line(&mut self, label: &str, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
        if !label.is_empty() {
            self.out.push_str(label);
            self.out.push_str(": ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn nested(&mut self, body: impl FnOnce(&mut Self)) {
        self.indent += 1;
        body(self);
        self.indent -= 1;
    }

    fn name(&self, atom: Atom) -> String {
        format!("{:?}", self.interner.resolve(atom))
    }

    fn identifier_text(&self, identifier: &Identifier) -> String {
        format!(
            "Identifier {} {}",
            self.name(identifier.name),
            span_text(identifier.span)
        )
    }

    fn program(&mut self, program: &Program<'_>) {
        let kind = match program.source_type {
            SourceType::Script => "script",
            SourceType::Module => "module",
        };
        self.line(
            "",
            &format!(
                "Program {kind} strict={} {}",
                program.is_strict,
                span_text(program.span)
            ),
        );
        self.nested(|this| {
            for directive in program.directives {
                this.line(
                    "directive",
                    &format!("{:?} {}", directive.raw, span_text(directive.span)),
                );
            }
            for statement in program.body {
                this.statement("", statement);
            }
        });
    }

    fn statements(&mut self, label: &str, statements: &[Statement<'_>]) {
        if statements.is_empty() {
            self.line(label, "[]");
            return;
        }
        self.line(label, "[");
        self.nested(|this| {
            for statement in statements {
                this.statement("", statement);
            }
        });
        self.line("", "]");
    }

    fn block(&mut self, label: &str, block: &BlockStatement<'_>) {
        self.line(label, &format!("Block {}", span_text(block.span)));
        self.nested(|this| {
            for statement in block.body {
                this.statement("", statement);
            }
        });
    }

    fn statement(&mut self, label: &str, statement: &Statement<'_>) {
        match statement {
            Statement::Expression(node) => {
                self.line(
                    label,
                    &format!("ExpressionStatement {}", span_text(node.span)),
                );
                self.nested(|this| this.expression("", &node.expression));
            }
            Statement::Block(node) => self.block(label, node),
            Statement::Empty(span) => self.line(label, &format!("Empty {}", span_text(*span))),
            Statement::Debugger(span) => {
                self.line(label, &format!("Debugger {}", span_text(*span)))
            }
            Statement::VariableDeclaration(node) => self.variable_declaration(label, node),
            Statement::FunctionDeclaration(node) => {
                self.function(label, "FunctionDeclaration", node)
            }
            Statement::ClassDeclaration(node) => self.class(label, "ClassDeclaration", node),
            Statement::If(node) => {
                self.line(label, &format!("If {}", span_text(node.span)));
                self.nested(|this| {
                    this.expression("test", &node.test);
                    this.statement("consequent", &node.consequent);
                    if let Some(alternate) = &node.alternate {
                        this.statement("alternate", alternate);
                    }
                });
            }
            Statement::For(node) => {
                self.line(label, &format!("For {}", span_text(node.span)));
                self.nested(|this| {
                    match &node.init {
                        Some(ForInit::VariableDeclaration(declaration)) => {
                            this.variable_declaration("init", declaration)
                        }
                        Some(ForInit::Expression(expression)) => {
                            this.expression("init", expression)
                        }
                        None => {}
                    }
                    if let Some(test) = &node.test {
                        this.expression("test", test);
                    }
                    if let Some(update) = &node.update {
                        this.expression("update", update);
                    }
                    this.statement("body", &node.body);
                });
            }
            Statement::ForIn(node) => {
                self.line(label, &format!("ForIn {}", span_text(node.span)));
                self.nested(|this| {
                    this.for_left(&node.left);
                    this.expression("right", &node.right);
                    this.statement("body", &node.body);
                });
            }
            Statement::ForOf(node) => {
                self.line(
                    label,
                    &format!("ForOf await={} {}", node.is_await, span_text(node.span)),
                );
                self.nested(|this| {
                    this.for_left(&node.left);
                    this.expression("right", &node.right);
                    this.statement("body", &node.body);
                });
            }
            Statement::While(node) => {
                self.line(label, &format!("While {}", span_text(node.span)));
                self.nested(|this| {
                    this.expression("test", &node.test);
                    this.statement("body", &node.body);
                });
            }
            Statement::DoWhile(node) => {
                self.line(label, &format!("DoWhile {}", span_text(node.span)));
                self.nested(|this| {
                    this.statement("body", &node.body);
                    this.expression("test", &node.test);
                });
            }
            Statement::Switch(node) => {
                self.line(label, &format!("Switch {}", span_text(node.span)));
                self.nested(|this| {
                    this.expression("discriminant", &node.discriminant);
                    for case in node.cases {
                        this.line(
                            "",
                            &format!(
                                "{} {}",
                                if case.test.is_some() {
                                    "Case"
                                } else {
                                    "Default"
                                },
                                span_text(case.span)
                            ),
                        );
                        this.nested(|this| {
                            if let Some(test) = &case.test {
                                this.expression("test", test);
                            }
                            this.statements("consequent", case.consequent);
                        });
                    }
                });
            }
            Statement::Try(node) => {
                self.line(label, &format!("Try {}", span_text(node.span)));
                self.nested(|this| {
                    this.block("block", node.block);
                    if let Some(handler) = node.handler {
                        this.line("handler", &format!("Catch {}", span_text(handler.span)));
                        this.nested(|this| {
                            if let Some(param) = &handler.param {
                                this.binding_pattern("param", param);
                            }
                            this.block("body", handler.body);
                        });
                    }
                    if let Some(finalizer) = node.finalizer {
                        this.block("finalizer", finalizer);
                    }
                });
            }
            Statement::Throw(node) => {
                self.line(label, &format!("Throw {}", span_text(node.span)));
                self.nested(|this| this.expression("", &node.argument));
            }
            Statement::Return(node) => {
                self.line(label, &format!("Return {}", span_text(node.span)));
                if let Some(argument) = &node.argument {
                    self.nested(|this| this.expression("", argument));
                }
            }
            Statement::Break(node) => {
                let target = node
                    .label
                    .map(|label| format!(" {}", self.name(label.name)))
                    .unwrap_or_default();
                self.line(label, &format!("Break{target} {}", span_text(node.span)));
            }
            Statement::Continue(node) => {
                let target = node
                    .label
                    .map(|label| format!(" {}", self.name(label.name)))
                    .unwrap_or_default();
                self.line(label, &format!("Continue{target} {}", span_text(node.span)));
            }
            Statement::Labeled(node) => {
                self.line(
                    label,
                    &format!(
                        "Labeled {} {}",
                        self.name(node.label.name),
                        span_text(node.span)
                    ),
                );
                self.nested(|this| this.statement("", &node.body));
            }
            Statement::With(node) => {
                self.line(label, &format!("With {}", span_text(node.span)));
                self.nested(|this| {
                    this.expression("object", &node.object);
                    this.statement("body", &node.body);
                });
            }
            Statement::Import(node) => {
                self.line(
                    label,
                    &format!("Import{} {}", phase_text(node.phase), span_text(node.span)),
                );
                self.nested(|this| {
                    for specifier in node.specifiers {
                        match specifier {
                            ImportSpecifier::Default { local, .. } => {
                                this.line("", &format!("Default {}", this.name(local.name)))
                            }
                            ImportSpecifier::Namespace { local, .. } => {
                                this.line("", &format!("Namespace {}", this.name(local.name)))
                            }
                            ImportSpecifier::Named {
                                imported, local, ..
                            } => this.line(
                                "",
                                &format!(
                                    "Named {} as {}",
                                    this.name(imported.name),
                                    this.name(local.name)
                                ),
                            ),
                        }
                    }
                    this.line("source", &utf16_text(node.source.value));
                    for attribute in node.attributes {
                        this.line(
                            "attribute",
                            &format!(
                                "{} = {}",
                                this.name(attribute.key.name),
                                utf16_text(attribute.value.value)
                            ),
                        );
                    }
                });
            }
            Statement::ExportNamed(node) => {
                self.line(label, &format!("ExportNamed {}", span_text(node.span)));
                self.nested(|this| {
                    if let Some(declaration) = &node.declaration {
                        this.declaration(declaration);
                    }
                    for specifier in node.specifiers {
                        this.line(
                            "",
                            &format!(
                                "{} as {}",
                                this.name(specifier.local.name),
                                this.name(specifier.exported.name)
                            ),
                        );
                    }
                    if let Some(source) = node.source {
                        this.line("source", &utf16_text(source.value));
                    }
                });
            }
            Statement::ExportDefault(node) => {
                let name = if node.is_export_assignment {
                    "ExportDefault (export =)"
                } else {
                    "ExportDefault"
                };
                self.line(label, &format!("{name} {}", span_text(node.span)));
                self.nested(|this| match &node.kind {
                    ExportDefaultKind::Function(function) => {
                        this.function("", "FunctionDeclaration", function)
                    }
                    ExportDefaultKind::Class(class) => this.class("", "ClassDeclaration", class),
                    ExportDefaultKind::Expression(expression) => this.expression("", expression),
                });
            }
            Statement::ExportAll(node) => {
                let exported = node
                    .exported
                    .map(|name| format!(" as {}", self.name(name.name)))
                    .unwrap_or_default();
                self.line(
                    label,
                    &format!(
                        "ExportAll{exported} from {} {}",
                        utf16_text(node.source.value),
                        span_text(node.span)
                    ),
                );
            }
            Statement::Enum(node) => self.enum_declaration(label, node),
            Statement::Namespace(node) => self.namespace(label, node),
            Statement::ImportEquals(node) => self.import_equals(label, node),
        }
    }

    fn declaration(&mut self, declaration: &Declaration<'_>) {
        match declaration {
            Declaration::Variable(node) => self.variable_declaration("", node),
            Declaration::Function(node) => self.function("", "FunctionDeclaration", node),
            Declaration::Class(node) => self.class("", "ClassDeclaration", node),
            Declaration::Enum(node) => self.enum_declaration("", node),
            Declaration::Namespace(node) => self.namespace("", node),
            Declaration::ImportEquals(node) => self.import_equals("", node),
        }
    }

    fn enum_declaration(&mut self, label: &str, node: &EnumDeclaration<'_>) {
        self.line(
            label,
            &format!(
                "Enum {} const={} {}",
                self.name(node.id.name),
                node.is_const,
                span_text(node.span)
            ),
        );
        self.nested(|this| {
            for member in node.members {
                this.line(
                    "",
                    &format!(
                        "Member {} {}",
                        this.name(member.name),
                        span_text(member.span)
                    ),
                );
                if let Some(initializer) = &member.initializer {
                    this.nested(|this| this.expression("", initializer));
                }
            }
        });
    }

    fn namespace(&mut self, label: &str, node: &NamespaceDeclaration<'_>) {
        self.line(
            label,
            &format!(
                "Namespace {} {}",
                self.name(node.id.name),
                span_text(node.span)
            ),
        );
        self.nested(|this| {
            for statement in node.body {
                this.statement("", statement);
            }
        });
    }

    fn import_equals(&mut self, label: &str, node: &ImportEqualsDeclaration<'_>) {
        let reference = match node.reference {
            ModuleReference::EntityName(names) => names
                .iter()
                .map(|name| self.interner.resolve(name.name))
                .collect::<Vec<_>>()
                .join("."),
            ModuleReference::External(source) => format!("require({})", utf16_text(source.value)),
        };
        self.line(
            label,
            &format!(
                "ImportEquals {} = {reference} {}",
                self.name(node.id.name),
                span_text(node.span)
            ),
        );
    }

    fn for_left(&mut self, left: &ForInOfLeft<'_>) {
        match left {
            ForInOfLeft::VariableDeclaration(declaration) => {
                self.variable_declaration("left", declaration)
            }
            ForInOfLeft::Target(target) => self.assignment_target("left", target),
        }
    }

    fn variable_declaration(&mut self, label: &str, node: &VariableDeclaration<'_>) {
        let kind = match node.kind {
            VariableKind::Var => "var",
            VariableKind::Let => "let",
            VariableKind::Const => "const",
            VariableKind::Using => "using",
            VariableKind::AwaitUsing => "await using",
        };
        self.line(
            label,
            &format!("VariableDeclaration {kind} {}", span_text(node.span)),
        );
        self.nested(|this| {
            for declarator in node.declarators {
                this.line("", &format!("Declarator {}", span_text(declarator.span)));
                this.nested(|this| {
                    this.binding_pattern("target", &declarator.target);
                    if let Some(init) = &declarator.init {
                        this.expression("init", init);
                    }
                });
            }
        });
    }

    fn function(&mut self, label: &str, kind: &str, function: &Function<'_>) {
        let mut flags = Vec::new();
        for (set, name) in [
            (function.is_arrow, "arrow"),
            (function.is_async, "async"),
            (function.is_generator, "generator"),
            (function.is_expression_body, "expression-body"),
            (function.has_use_strict_directive, "use-strict"),
            (function.params.is_simple, "simple-params"),
        ] {
            if set {
                flags.push(name);
            }
        }
        let name = function
            .id
            .map(|id| format!(" {}", self.name(id.name)))
            .unwrap_or_default();
        self.line(
            label,
            &format!(
                "{kind}{name} [{}] {}",
                flags.join(" "),
                span_text(function.span)
            ),
        );
        self.nested(|this| {
            for parameter in function.params.items {
                let property = match parameter.parameter_property {
                    Some(property) => format!(
                        " property({}{})",
                        match property.accessibility {
                            Some(Accessibility::Public) => "public",
                            Some(Accessibility::Private) => "private",
                            Some(Accessibility::Protected) => "protected",
                            None => "",
                        },
                        if property.is_readonly {
                            " readonly"
                        } else {
                            ""
                        }
                    ),
                    None => String::new(),
                };
                this.line(
                    "param",
                    &format!("Parameter{property} {}", span_text(parameter.span)),
                );
                this.nested(|this| {
                    this.decorators(parameter.decorators);
                    this.binding_pattern("", &parameter.pattern);
                    if let Some(default) = &parameter.default {
                        this.expression("default", default);
                    }
                });
            }
            if let Some(rest) = &function.params.rest {
                this.binding_pattern("rest", rest);
            }
            for directive in function.body.directives {
                this.line("directive", &format!("{:?}", directive.raw));
            }
            this.statements("body", function.body.statements);
        });
    }

    fn class(&mut self, label: &str, kind: &str, class: &Class<'_>) {
        let name = class
            .id
            .map(|id| format!(" {}", self.name(id.name)))
            .unwrap_or_default();
        let abstract_flag = if class.is_abstract { " abstract" } else { "" };
        self.line(
            label,
            &format!("{kind}{name}{abstract_flag} {}", span_text(class.span)),
        );
        self.nested(|this| {
            this.decorators(class.decorators);
            if let Some(super_class) = &class.super_class {
                this.expression("extends", super_class);
            }
            for element in class.body {
                match element {
                    ClassElement::Method(method) => {
                        let kind = match method.kind {
                            MethodKind::Constructor => "constructor",
                            MethodKind::Method => "method",
                            MethodKind::Get => "get",
                            MethodKind::Set => "set",
                        };
                        let static_flag = if method.is_static { " static" } else { "" };
                        this.line(
                            "",
                            &format!("Method {kind}{static_flag} {}", span_text(method.span)),
                        );
                        this.nested(|this| {
                            this.decorators(method.decorators);
                            this.property_key(&method.key);
                            this.function("value", "Function", method.value);
                        });
                    }
                    ClassElement::Field(field) => {
                        let static_flag = if field.is_static { " static" } else { "" };
                        let accessor_flag = if field.is_accessor { " accessor" } else { "" };
                        this.line(
                            "",
                            &format!(
                                "Field{static_flag}{accessor_flag} {}",
                                span_text(field.span)
                            ),
                        );
                        this.nested(|this| {
                            this.decorators(field.decorators);
                            this.property_key(&field.key);
                            if let Some(value) = &field.value {
                                this.expression("value", value);
                            }
                        });
                    }
                    ClassElement::StaticBlock(block) => {
                        this.line("", &format!("StaticBlock {}", span_text(block.span)));
                        this.nested(|this| {
                            for statement in block.body {
                                this.statement("", statement);
                            }
                        });
                    }
                }
            }
        });
    }

    fn decorators(&mut self, decorators: &[Decorator<'_>]) {
        for decorator in decorators {
            self.expression("decorator", &decorator.expression);
        }
    }

    fn property_key(&mut self, key: &PropertyKey<'_>) {
        match key {
            PropertyKey::Identifier(identifier) => {
                self.line("key", &self.identifier_text(identifier))
            }
            PropertyKey::String(string) => self.line(
                "key",
                &format!(
                    "String {} {}",
                    utf16_text(string.value),
                    span_text(string.span)
                ),
            ),
            PropertyKey::Number(number) => self.line(
                "key",
                &format!("Number {:?} {}", number.value, span_text(number.span)),
            ),
            PropertyKey::BigInt(bigint) => self.line(
                "key",
                &format!("BigInt {} {}", bigint.digits, span_text(bigint.span)),
            ),
            PropertyKey::Computed(expression) => self.expression("key computed", expression),
            PropertyKey::Private(private) => self.line(
                "key",
                &format!(
                    "PrivateName #{} {}",
                    self.interner.resolve(private.name),
                    span_text(private.span)
                ),
            ),
        }
    }

    fn binding_pattern(&mut self, label: &str, pattern: &BindingPattern<'_>) {
        match pattern {
            BindingPattern::Identifier(identifier) => {
                self.line(label, &self.identifier_text(identifier))
            }
            BindingPattern::Object(object) => {
                self.line(label, &format!("ObjectPattern {}", span_text(object.span)));
                self.nested(|this| {
                    for property in object.properties {
                        this.line(
                            "",
                            &format!(
                                "Property{} {}",
                                if property.shorthand { " shorthand" } else { "" },
                                span_text(property.span)
                            ),
                        );
                        this.nested(|this| {
                            this.property_key(&property.key);
                            this.binding_element("value", &property.value);
                        });
                    }
                    if let Some(rest) = &object.rest {
                        this.line("rest", &this.identifier_text(rest));
                    }
                });
            }
            BindingPattern::Array(array) => {
                self.line(label, &format!("ArrayPattern {}", span_text(array.span)));
                self.nested(|this| {
                    for element in array.elements {
                        match element {
                            Some(element) => this.binding_element("", element),
                            None => this.line("", "Hole"),
                        }
                    }
                    if let Some(rest) = &array.rest {
                        this.binding_pattern("rest", rest);
                    }
                });
            }
        }
    }

    fn binding_element(&mut self, label: &str, element: &BindingElement<'_>) {
        match &element.default {
            None => self.binding_pattern(label, &element.target),
            Some(default) => {
                self.line(label, &format!("WithDefault {}", span_text(element.span)));
                self.nested(|this| {
                    this.binding_pattern("target", &element.target);
                    this.expression("default", default);
                });
            }
        }
    }

    fn simple_target(&mut self, label: &str, target: &SimpleAssignmentTarget<'_>) {
        match target {
            SimpleAssignmentTarget::Identifier(identifier) => {
                self.line(label, &self.identifier_text(identifier))
            }
            SimpleAssignmentTarget::Member(member) => {
                self.expression(label, &Expression::Member(member))
            }
            SimpleAssignmentTarget::Call(call) => self.expression(label, &Expression::Call(call)),
        }
    }

    fn assignment_target(&mut self, label: &str, target: &AssignmentTarget<'_>) {
        match target {
            AssignmentTarget::Simple(simple) => self.simple_target(label, simple),
            AssignmentTarget::Object(object) => {
                self.line(
                    label,
                    &format!("ObjectAssignmentPattern {}", span_text(object.span)),
                );
                self.nested(|this| {
                    for property in object.properties {
                        this.line(
                            "",
                            &format!(
                                "Property{} {}",
                                if property.shorthand { " shorthand" } else { "" },
                                span_text(property.span)
                            ),
                        );
                        this.nested(|this| {
                            this.property_key(&property.key);
                            this.target_with_default("value", &property.value);
                        });
                    }
                    if let Some(rest) = &object.rest {
                        this.simple_target("rest", rest);
                    }
                });
            }
            AssignmentTarget::Array(array) => {
                self.line(
                    label,
                    &format!("ArrayAssignmentPattern {}", span_text(array.span)),
                );
                self.nested(|this| {
                    for element in array.elements {
                        match element {
                            Some(element) => this.target_with_default("", element),
                            None => this.line("", "Hole"),
                        }
                    }
                    if let Some(rest) = &array.rest {
                        this.assignment_target("rest", rest);
                    }
                });
            }
        }
    }

    fn target_with_default(&mut self, label: &str, element: &AssignmentTargetWithDefault<'_>) {
        match &element.default {
            None => self.assignment_target(label, &element.target),
            Some(default) => {
                self.line(label, &format!("WithDefault {}", span_text(element.span)));
                self.nested(|this| {
                    this.assignment_target("target", &element.target);
                    this.expression("default", default);
                });
            }
        }
    }

    fn arguments(&mut self, arguments: &[Argument<'_>]) {
        for argument in arguments {
            match argument {
                Argument::Expression(expression) => self.expression("arg", expression),
                Argument::Spread(spread) => {
                    self.line("arg", &format!("Spread {}", span_text(spread.span)));
                    self.nested(|this| this.expression("", &spread.argument));
                }
            }
        }
    }

    fn template(&mut self, label: &str, template: &TemplateLiteral<'_>) {
        self.line(label, &format!("Template {}", span_text(template.span)));
        self.nested(|this| {
            for (index, quasi) in template.quasis.iter().enumerate() {
                let cooked = quasi
                    .cooked
                    .map_or_else(|| "undefined".to_string(), utf16_text);
                this.line("quasi", &format!("cooked={cooked} raw={:?}", quasi.raw));
                if let Some(expression) = template.expressions.get(index) {
                    this.expression("expr", expression);
                }
            }
        });
    }

    fn expression(&mut self, label: &str, expression: &Expression<'_>) {
        match expression {
            Expression::Number(node) => self.line(
                label,
                &format!("Number {:?} {}", node.value, span_text(node.span)),
            ),
            Expression::String(node) => self.line(
                label,
                &format!("String {} {}", utf16_text(node.value), span_text(node.span)),
            ),
            Expression::BigInt(node) => self.line(
                label,
                &format!("BigInt {} {}", node.digits, span_text(node.span)),
            ),
            Expression::Boolean(node) => self.line(
                label,
                &format!("Boolean {} {}", node.value, span_text(node.span)),
            ),
            Expression::Null(span) => self.line(label, &format!("Null {}", span_text(*span))),
            Expression::RegExp(node) => self.line(
                label,
                &format!(
                    "RegExp /{}/{} {}",
                    node.pattern,
                    node.flags,
                    span_text(node.span)
                ),
            ),
            Expression::Template(node) => self.template(label, node),
            Expression::TaggedTemplate(node) => {
                self.line(label, &format!("TaggedTemplate {}", span_text(node.span)));
                self.nested(|this| {
                    this.expression("tag", &node.tag);
                    this.template("quasi", node.quasi);
                });
            }
            Expression::Identifier(node) => self.line(label, &self.identifier_text(node)),
            Expression::This(span) => self.line(label, &format!("This {}", span_text(*span))),
            Expression::Super(span) => self.line(label, &format!("Super {}", span_text(*span))),
            Expression::NewTarget(span) => {
                self.line(label, &format!("NewTarget {}", span_text(*span)))
            }
            Expression::ImportMeta(span) => {
                self.line(label, &format!("ImportMeta {}", span_text(*span)))
            }
            Expression::Array(node) => {
                self.line(label, &format!("Array {}", span_text(node.span)));
                self.nested(|this| {
                    for element in node.elements {
                        match element {
                            ArrayElement::Hole(_) => this.line("", "Hole"),
                            ArrayElement::Expression(expression) => this.expression("", expression),
                            ArrayElement::Spread(spread) => {
                                this.line("", &format!("Spread {}", span_text(spread.span)));
                                this.nested(|this| this.expression("", &spread.argument));
                            }
                        }
                    }
                });
            }
            Expression::Object(node) => {
                self.line(label, &format!("Object {}", span_text(node.span)));
                self.nested(|this| {
                    for property in node.properties {
                        match property {
                            ObjectProperty::Spread(spread) => {
                                this.line("", &format!("Spread {}", span_text(spread.span)));
                                this.nested(|this| this.expression("", &spread.argument));
                            }
                            ObjectProperty::Property(property) => {
                                let kind = match property.kind {
                                    PropertyKind::Init => "init",
                                    PropertyKind::Get => "get",
                                    PropertyKind::Set => "set",
                                };
                                let mut flags = String::new();
                                if property.is_method {
                                    flags.push_str(" method");
                                }
                                if property.is_shorthand {
                                    flags.push_str(" shorthand");
                                }
                                if property.is_proto_setter {
                                    flags.push_str(" proto-setter");
                                }
                                this.line(
                                    "",
                                    &format!("Property {kind}{flags} {}", span_text(property.span)),
                                );
                                this.nested(|this| {
                                    this.property_key(&property.key);
                                    this.expression("value", &property.value);
                                });
                            }
                        }
                    }
                });
            }
            Expression::Function(node) => self.function(label, "Function", node),
            Expression::Class(node) => self.class(label, "Class", node),
            Expression::Unary(node) => {
                self.line(
                    label,
                    &format!("Unary {:?} {}", node.operator, span_text(node.span)),
                );
                self.nested(|this| this.expression("", &node.argument));
            }
            Expression::Update(node) => {
                let position = if node.prefix { "prefix" } else { "postfix" };
                self.line(
                    label,
                    &format!(
                        "Update {:?} {position} {}",
                        node.operator,
                        span_text(node.span)
                    ),
                );
                self.nested(|this| this.simple_target("", &node.target));
            }
            Expression::Binary(node) => {
                self.line(
                    label,
                    &format!("Binary {:?} {}", node.operator, span_text(node.span)),
                );
                self.nested(|this| {
                    this.expression("", &node.left);
                    this.expression("", &node.right);
                });
            }
            Expression::PrivateIn(node) => {
                self.line(
                    label,
                    &format!(
                        "PrivateIn #{} {}",
                        self.interner.resolve(node.name.name),
                        span_text(node.span)
                    ),
                );
                self.nested(|this| this.expression("", &node.right));
            }
            Expression::Logical(node) => {
                self.line(
                    label,
                    &format!("Logical {:?} {}", node.operator, span_text(node.span)),
                );
                self.nested(|this| {
                    this.expression("", &node.left);
                    this.expression("", &node.right);
                });
            }
            Expression::Assignment(node) => {
                self.line(
                    label,
                    &format!("Assignment {:?} {}", node.operator, span_text(node.span)),
                );
                self.nested(|this| {
                    this.assignment_target("target", &node.target);
                    this.expression("value", &node.value);
                });
            }
            Expression::Conditional(node) => {
                self.line(label, &format!("Conditional {}", span_text(node.span)));
                self.nested(|this| {
                    this.expression("test", &node.test);
                    this.expression("consequent", &node.consequent);
                    this.expression("alternate", &node.alternate);
                });
            }
            Expression::Sequence(node) => {
                self.line(label, &format!("Sequence {}", span_text(node.span)));
                self.nested(|this| {
                    for expression in node.expressions {
                        this.expression("", expression);
                    }
                });
            }
            Expression::Call(node) => {
                let optional = if node.optional { " optional" } else { "" };
                self.line(label, &format!("Call{optional} {}", span_text(node.span)));
                self.nested(|this| {
                    this.expression("callee", &node.callee);
                    this.arguments(node.arguments);
                });
            }
            Expression::New(node) => {
                self.line(label, &format!("New {}", span_text(node.span)));
                self.nested(|this| {
                    this.expression("callee", &node.callee);
                    this.arguments(node.arguments);
                });
            }
            Expression::Member(node) => {
                let optional = if node.optional { " optional" } else { "" };
                match &node.property {
                    MemberProperty::Static(identifier) => {
                        self.line(
                            label,
                            &format!(
                                "Member{optional} .{} {}",
                                self.interner.resolve(identifier.name),
                                span_text(node.span)
                            ),
                        );
                        self.nested(|this| this.expression("object", &node.object));
                    }
                    MemberProperty::Private(private) => {
                        self.line(
                            label,
                            &format!(
                                "Member{optional} .#{} {}",
                                self.interner.resolve(private.name),
                                span_text(node.span)
                            ),
                        );
                        self.nested(|this| this.expression("object", &node.object));
                    }
                    MemberProperty::Computed(property) => {
                        self.line(
                            label,
                            &format!("Member{optional} [computed] {}", span_text(node.span)),
                        );
                        self.nested(|this| {
                            this.expression("object", &node.object);
                            this.expression("property", property);
                        });
                    }
                }
            }
            Expression::OptionalChain(node) => {
                self.line(label, &format!("OptionalChain {}", span_text(node.span)));
                self.nested(|this| this.expression("", &node.expression));
            }
            Expression::Yield(node) => {
                self.line(
                    label,
                    &format!(
                        "Yield{} {}",
                        if node.delegate { "*" } else { "" },
                        span_text(node.span)
                    ),
                );
                if let Some(argument) = &node.argument {
                    self.nested(|this| this.expression("", argument));
                }
            }
            Expression::Await(node) => {
                self.line(label, &format!("Await {}", span_text(node.span)));
                self.nested(|this| this.expression("", &node.argument));
            }
            Expression::ImportCall(node) => {
                self.line(
                    label,
                    &format!(
                        "ImportCall{} {}",
                        phase_text(node.phase),
                        span_text(node.span)
                    ),
                );
                self.nested(|this| {
                    this.expression("source", &node.source);
                    if let Some(options) = &node.options {
                        this.expression("options", options);
                    }
                });
            }
        }
    }
}

/// The dump text of an import phase: nothing for the ordinary evaluation phase.
fn phase_text(phase: ImportPhase) -> &'static str {
    match phase {
        ImportPhase::Evaluation => "",
        ImportPhase::Defer => " defer",
        ImportPhase::Source => " source",
    }
}
