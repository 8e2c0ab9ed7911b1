//! Classes (constructors, methods, accessors, static and instance fields, private names, static
//! blocks, `extends`), and the TypeScript runtime constructs: enums, namespaces and
//! `import x = A.B`.
//!
//! # Class layout
//!
//! Instance fields (and TS parameter properties, and private methods) are compiled into one
//! synthetic method, the *fields initializer*, created once per class evaluation and stored in a
//! class-scope binding that the constructor captures. Base constructors call it at entry,
//! derived constructors right after `super(...)` returns. Static fields and static blocks are
//! compiled into a second synthetic method called once with `this` = the constructor. Computed
//! field keys are evaluated at class definition time into class-scope bindings.

use std::rc::Rc;

use rustc_hash::FxHashMap;
use tseval_parser::ast::*;

use super::{Compiler, FunctionRole, Place, Result};
use crate::CompileError;
use crate::bytecode::{FunctionFlags, FunctionTemplate, IcKind, SourceSpan};
use crate::opcodes::decoration::{
    CLASS_EXTRA_INITIALIZERS, ELEMENT_ACCESSOR, ELEMENT_FIELD, ELEMENT_FIELD_INDEX_SHIFT,
    ELEMENT_GETTER, ELEMENT_METHOD, ELEMENT_SETTER, ELEMENT_STATIC, FIRST_FIELD_LIST,
    INSTANCE_EXTRA_INITIALIZERS, MAX_DECORATED_FIELDS, RUN_ON_DECORATED_CLASS, RUN_WITH_VALUE,
    STATIC_EXTRA_INITIALIZERS,
};
use crate::opcodes::{Instruction, MethodKind as OpMethodKind, PrivateKind, Reg};
use crate::resolver::{
    BindingKind, DECORATION_RECORD_NAME, FIELDS_INITIALIZER_NAME, TAG_CLASS,
    TAG_DEFAULT_CONSTRUCTOR, TAG_ENUM, TAG_INSTANCE_INITIALIZER, TAG_NAMESPACE, TAG_STATIC_BLOCK,
    TAG_STATIC_INITIALIZER, accessor_storage_name, class_has_decorators, computed_field_key_name,
    is_accessor_storage_name, private_method_function_name, scope_key,
};

/// Number::toString for property keys written as numeric literals.
pub(crate) fn number_to_string(value: f64) -> String {
    if value == 0.0 {
        return "0".to_string();
    }
    let mut buffer = ryu_js::Buffer::new();
    buffer.format(value).to_string()
}

/// A compile-time enum member value.
#[derive(Clone, Debug)]
enum EnumValue {
    Number(f64),
    String(Rc<str>),
}

impl Compiler<'_> {
    /// Compiles a class definition, leaving the constructor in `dst`.
    pub(crate) fn compile_class(
        &mut self,
        class: &Class<'_>,
        dst: Reg,
        name: Option<&Rc<str>>,
    ) -> Result<()> {
        self.descend(class.span)?;
        self.class_depth += 1;
        let result = self.compile_class_inner(class, dst, name);
        self.class_depth -= 1;
        self.ascend();
        result
    }

    fn compile_class_inner(
        &mut self,
        class: &Class<'_>,
        dst: Reg,
        name: Option<&Rc<str>>,
    ) -> Result<()> {
        let scope = self.scope_for(scope_key(TAG_CLASS, class))?;
        let class_name: Rc<str> = match class.id {
            Some(id) => self.text_of(id.name),
            None => name.cloned().unwrap_or_else(|| Rc::from("")),
        };
        let mark = self.mark();
        // Class decorators are evaluated first, outside the class scope (as TypeScript does,
        // before the heritage clause).
        let class_decorators = if class.decorators.is_empty() {
            None
        } else {
            let array = self.alloc()?;
            self.decorator_array(class.decorators, array)?;
            Some(array)
        };
        self.enter_scope(scope)?;
        // Fresh private names for this class evaluation.
        let private_bindings: Vec<u32> = self.tree.scopes[scope as usize]
            .bindings
            .iter()
            .copied()
            .filter(|&binding| {
                self.tree.bindings[binding as usize].kind == BindingKind::PrivateName
            })
            .collect();
        for binding in private_bindings {
            let inner = self.mark();
            let register = self.alloc()?;
            let binding_name = self.tree.bindings[binding as usize].name;
            let description: Rc<str> = if is_accessor_storage_name(binding_name) {
                Rc::from("#accessor storage")
            } else {
                Rc::from(format!("#{}", self.interner.resolve(binding_name)))
            };
            let description = self.name_constant_text(&description)?;
            self.emit(Instruction::NewPrivateName {
                dst: register,
                description,
            });
            let place = self.private_binding_place(binding)?;
            self.store_place(place, register)?;
            self.release(inner);
        }
        let has_decorators = class_has_decorators(class);
        let field_indices = decorated_field_indices(class)?;
        if has_decorators {
            let fields = field_indices.iter().flatten().count() as u16;
            let inner = self.mark();
            let record = self.alloc()?;
            self.emit(Instruction::NewDecorationRecord {
                dst: record,
                fields,
            });
            let place = self.resolve(DECORATION_RECORD_NAME)?.place;
            self.store_place(place, record)?;
            self.release(inner);
        }
        let parent = match &class.super_class {
            Some(super_class) => {
                let register = self.alloc()?;
                self.expr(super_class, register)?;
                Some(register)
            }
            None => None,
        };
        let constructor = class.body.iter().find_map(|element| match element {
            ClassElement::Method(method) if method.kind == MethodKind::Constructor => Some(*method),
            _ => None,
        });
        let mut template = match constructor {
            Some(method) => {
                let role = if parent.is_some() {
                    FunctionRole::DerivedConstructor
                } else {
                    FunctionRole::BaseConstructor
                };
                self.compile_function(method.value, Rc::clone(&class_name), role)?
            }
            None => {
                self.compile_default_constructor(class, Rc::clone(&class_name), parent.is_some())?
            }
        };
        if let Some(template) = Rc::get_mut(&mut template) {
            template.source_span = SourceSpan {
                start: class.span.start,
                end: class.span.end,
            };
        }
        let constructor_index = self.function_constant(template)?;
        let pair = self.alloc_n(2)?;
        let prototype = Reg(pair.0 + 1);
        self.mark_position(class.span);
        match parent {
            Some(parent) => self.emit(Instruction::CreateDerivedClass {
                dst: pair,
                constructor: constructor_index,
                parent,
            }),
            None => self.emit(Instruction::CreateClass {
                dst: pair,
                constructor: constructor_index,
            }),
        }
        // Each decorated element keeps two registers until the decorators are applied: its
        // decorator array and its key.
        let decorated_elements: Vec<usize> = class
            .body
            .iter()
            .enumerate()
            .filter(|(_, element)| !element_decorators(element).is_empty())
            .map(|(index, _)| index)
            .collect();
        let decorated_slots = if decorated_elements.is_empty() {
            None
        } else {
            Some(self.alloc_n(2 * decorated_elements.len() as u32)?)
        };
        let slot_of = |index: usize| -> Option<(Reg, Reg)> {
            let position = decorated_elements.iter().position(|&item| item == index)?;
            let base = decorated_slots?.0 + 2 * position as u16;
            Some((Reg(base), Reg(base + 1)))
        };
        for (index, element) in class.body.iter().enumerate() {
            let inner = self.mark();
            let slots = slot_of(index);
            if let Some((decorators, _)) = slots {
                self.decorator_array(element_decorators(element), decorators)?;
            }
            match element {
                ClassElement::Method(method) if method.kind != MethodKind::Constructor => {
                    let target = if method.is_static { pair } else { prototype };
                    if let PropertyKey::Private(private) = method.key {
                        if method.is_static {
                            let closure = self.class_method_closure(method)?;
                            self.emit(Instruction::SetHomeObject {
                                function: closure,
                                home: pair,
                            });
                            let key = self.alloc()?;
                            let place = self.resolve_private(private.name, private.span)?;
                            self.load_place(place, key)?;
                            let kind = private_kind(method.kind);
                            self.emit(Instruction::DefinePrivate {
                                object: pair,
                                key,
                                value: closure,
                                kind,
                            });
                        } else {
                            // Instance private methods are created once, here, and installed
                            // on each instance by the fields initializer.
                            let closure = self.class_method_closure(method)?;
                            self.emit(Instruction::SetHomeObject {
                                function: closure,
                                home: prototype,
                            });
                            let place = self.resolve(private_method_function_name(index))?.place;
                            self.store_place(place, closure)?;
                        }
                    } else {
                        let key = self.alloc()?;
                        self.load_static_key(&method.key, key)?;
                        if let Some((_, saved_key)) = slots {
                            self.emit(Instruction::Move {
                                dst: saved_key,
                                src: key,
                            });
                        }
                        let closure = self.class_method_closure(method)?;
                        let kind = match method.kind {
                            MethodKind::Get => OpMethodKind::ClassGetter,
                            MethodKind::Set => OpMethodKind::ClassSetter,
                            _ => OpMethodKind::ClassMethod,
                        };
                        self.emit(Instruction::DefineMethod {
                            object: target,
                            key,
                            function: closure,
                            kind,
                        });
                    }
                }
                ClassElement::Field(field) => {
                    let key = self.alloc()?;
                    if let PropertyKey::Computed(_) = field.key {
                        self.load_static_key(&field.key, key)?;
                        let resolved = self.resolve(computed_field_key_name(index))?;
                        self.store_place(resolved.place, key)?;
                    } else if field.is_accessor || slots.is_some() {
                        self.load_static_key(&field.key, key)?;
                    }
                    if let Some((_, saved_key)) = slots {
                        self.emit(Instruction::Move {
                            dst: saved_key,
                            src: key,
                        });
                    }
                    if field.is_accessor {
                        let window = self.alloc_n(3)?;
                        let target = if field.is_static { pair } else { prototype };
                        self.move_into_window(window, &[target, key]);
                        let storage =
                            self.resolve_private(accessor_storage_name(index), field.span)?;
                        self.load_place(storage, Reg(window.0 + 2))?;
                        self.emit(Instruction::DefineAutoAccessor { window });
                    }
                }
                _ => {}
            }
            self.release(inner);
        }
        // Decorators are applied once every element is defined: static methods and accessors,
        // instance methods and accessors, static fields, instance fields, then the class.
        let mut class_value = pair;
        if has_decorators {
            class_value = self.alloc()?;
            for pass in 0..4 {
                for (index, element) in class.body.iter().enumerate() {
                    let Some((decorators, key)) = slot_of(index) else {
                        continue;
                    };
                    let (is_static, kind) = match element {
                        ClassElement::Method(method) => (
                            method.is_static,
                            match method.kind {
                                MethodKind::Get => ELEMENT_GETTER,
                                MethodKind::Set => ELEMENT_SETTER,
                                _ => ELEMENT_METHOD,
                            },
                        ),
                        ClassElement::Field(field) => (
                            field.is_static,
                            if field.is_accessor {
                                ELEMENT_ACCESSOR
                            } else {
                                ELEMENT_FIELD
                            },
                        ),
                        ClassElement::StaticBlock(_) => continue,
                    };
                    let is_field = kind == ELEMENT_FIELD;
                    let wanted = match pass {
                        0 => is_static && !is_field,
                        1 => !is_static && !is_field,
                        2 => is_static && is_field,
                        _ => !is_static && is_field,
                    };
                    if !wanted {
                        continue;
                    }
                    let mut operand = kind;
                    if is_static {
                        operand |= ELEMENT_STATIC;
                    }
                    if let Some(field_index) = field_indices[index] {
                        operand |= field_index << ELEMENT_FIELD_INDEX_SHIFT;
                    }
                    let inner = self.mark();
                    let window = self.alloc_n(4)?;
                    let record = self.resolve(DECORATION_RECORD_NAME)?.place;
                    self.load_place(record, window)?;
                    let home = if is_static { pair } else { prototype };
                    self.move_into_window(Reg(window.0 + 1), &[home, key, decorators]);
                    self.emit(Instruction::DecorateElement {
                        window,
                        element: operand,
                    });
                    self.release(inner);
                }
            }
            let inner = self.mark();
            let window = self.alloc_n(3)?;
            let record = self.resolve(DECORATION_RECORD_NAME)?.place;
            self.load_place(record, window)?;
            self.move_into_window(Reg(window.0 + 1), &[pair]);
            match class_decorators {
                Some(array) => self.emit(Instruction::Move {
                    dst: Reg(window.0 + 2),
                    src: array,
                }),
                None => self.emit(Instruction::LoadUndefined {
                    dst: Reg(window.0 + 2),
                }),
            }
            self.emit(Instruction::DecorateClass { window });
            self.emit(Instruction::Move {
                dst: class_value,
                src: Reg(window.0 + 1),
            });
            self.release(inner);
        }
        if let Some(id) = class.id {
            self.initialize_binding(id.name, class_value)?;
        }
        let fields = self.resolve(FIELDS_INITIALIZER_NAME)?;
        if fields.binding.is_some()
            && self.tree.bindings[fields.binding.unwrap_or(0) as usize].scope == scope
        {
            let template = self.compile_initializer(class, false, constructor)?;
            let index = self.function_constant(template)?;
            let inner = self.mark();
            let closure = self.alloc()?;
            self.emit(Instruction::CreateClosure {
                dst: closure,
                function: index,
            });
            self.emit(Instruction::SetHomeObject {
                function: closure,
                home: prototype,
            });
            self.store_place(fields.place, closure)?;
            self.release(inner);
        }
        if self
            .tree
            .scope_for(scope_key(TAG_STATIC_INITIALIZER, class))
            .is_some()
        {
            let template = self.compile_initializer(class, true, constructor)?;
            let index = self.function_constant(template)?;
            let inner = self.mark();
            let window = self.alloc_n(2)?;
            self.emit(Instruction::CreateClosure {
                dst: window,
                function: index,
            });
            self.emit(Instruction::SetHomeObject {
                function: window,
                home: pair,
            });
            self.emit(Instruction::Move {
                dst: Reg(window.0 + 1),
                src: pair,
            });
            self.emit(Instruction::Call {
                dst: window,
                callee: window,
                argc: 0,
            });
            self.release(inner);
        }
        if class_decorators.is_some() {
            self.emit_run_initializers(
                CLASS_EXTRA_INITIALIZERS | RUN_ON_DECORATED_CLASS,
                None,
                None,
            )?;
        }
        self.emit(Instruction::Move {
            dst,
            src: class_value,
        });
        self.exit_scope(scope, mark);
        Ok(())
    }

    /// `R[window + i] := R[sources[i]]` for each source (filling an instruction's window).
    fn move_into_window(&mut self, window: Reg, sources: &[Reg]) {
        for (offset, &source) in sources.iter().enumerate() {
            self.emit(Instruction::Move {
                dst: Reg(window.0 + offset as u16),
                src: source,
            });
        }
    }

    /// Evaluates decorator expressions in order into an array in `dst`.
    fn decorator_array(&mut self, decorators: &[Decorator<'_>], dst: Reg) -> Result<()> {
        let inner = self.mark();
        let first = self.alloc_n(decorators.len() as u32)?;
        for (offset, decorator) in decorators.iter().enumerate() {
            self.expr(&decorator.expression, Reg(first.0 + offset as u16))?;
        }
        self.emit(Instruction::NewArrayFromRegisters {
            dst,
            first,
            count: decorators.len() as u16,
        });
        self.release(inner);
        Ok(())
    }

    /// Emits `RunInitializers` for list `list` of the class's decoration record with `this` =
    /// `this` (or `undefined`) and, for value-mapping lists, the value in `value` (updated).
    fn emit_run_initializers(
        &mut self,
        list: u16,
        this: Option<Reg>,
        value: Option<Reg>,
    ) -> Result<()> {
        let inner = self.mark();
        let window = self.alloc_n(3)?;
        let record = self.resolve(DECORATION_RECORD_NAME)?.place;
        self.load_place(record, window)?;
        match this {
            Some(this) => self.emit(Instruction::Move {
                dst: Reg(window.0 + 1),
                src: this,
            }),
            None => self.emit(Instruction::LoadUndefined {
                dst: Reg(window.0 + 1),
            }),
        }
        match value {
            Some(value) => self.emit(Instruction::Move {
                dst: Reg(window.0 + 2),
                src: value,
            }),
            None => self.emit(Instruction::LoadUndefined {
                dst: Reg(window.0 + 2),
            }),
        }
        self.emit(Instruction::RunInitializers { window, list });
        if let Some(value) = value {
            self.emit(Instruction::Move {
                dst: value,
                src: Reg(window.0 + 2),
            });
        }
        self.release(inner);
        Ok(())
    }

    fn private_binding_place(&self, binding: u32) -> Result<Place> {
        let binding_data = &self.tree.bindings[binding as usize];
        if binding_data.captured {
            return Ok(Place::Env {
                depth: 0,
                slot: binding_data.slot,
            });
        }
        match self.binding_registers[binding as usize] {
            Some(register) => Ok(Place::Register(register)),
            None => Err(CompileError::new(
                "internal error: private name register",
                Span::new(0, 0),
            )),
        }
    }

    fn class_method_closure(&mut self, method: &ClassMethod<'_>) -> Result<Reg> {
        let name = self
            .static_key_text(&method.key)
            .unwrap_or_else(|| Rc::from(""));
        let role = match method.kind {
            MethodKind::Get => FunctionRole::Getter,
            MethodKind::Set => FunctionRole::Setter,
            _ => FunctionRole::Method,
        };
        let template = self.compile_function(method.value, name, role)?;
        let index = self.function_constant(template)?;
        let closure = self.alloc()?;
        self.emit(Instruction::CreateClosure {
            dst: closure,
            function: index,
        });
        Ok(closure)
    }

    fn compile_default_constructor(
        &mut self,
        class: &Class<'_>,
        name: Rc<str>,
        derived: bool,
    ) -> Result<Rc<FunctionTemplate>> {
        let scope = self.scope_for(scope_key(TAG_DEFAULT_CONSTRUCTOR, class))?;
        let mut flags = FunctionFlags::STRICT
            | FunctionFlags::METHOD
            | FunctionFlags::CLASS_CONSTRUCTOR
            | FunctionFlags::CONSTRUCTOR;
        if derived {
            flags.insert(FunctionFlags::DERIVED);
        }
        self.begin_function(name, flags, class.span, scope);
        let result = (|| -> Result<()> {
            self.emit_function_scope_entry(scope)?;
            if derived {
                let rest = self.alloc()?;
                self.function.rest_register = Some(rest);
                self.function.flags.insert(FunctionFlags::HAS_REST);
                let window = self.alloc_n(2)?;
                self.emit(Instruction::LoadCallee { dst: window });
                self.emit(Instruction::GetPrototypeOf {
                    dst: window,
                    object: window,
                });
                self.emit(Instruction::LoadNewTarget {
                    dst: Reg(window.0 + 1),
                });
                let result = self.alloc()?;
                self.emit(Instruction::ConstructSpread {
                    dst: result,
                    callee: window,
                    arguments: rest,
                });
                self.emit(Instruction::Move {
                    dst: Reg(0),
                    src: result,
                });
                self.emit_instance_initialization(result)?;
                self.emit(Instruction::Return { value: result });
            } else {
                self.emit_instance_initialization(Reg(0))?;
                let result = self.alloc()?;
                self.emit(Instruction::LoadUndefined { dst: result });
                self.emit(Instruction::Return { value: result });
            }
            Ok(())
        })();
        let template = self.end_function();
        result?;
        template
    }

    /// Compiles the instance-fields initializer (`is_static == false`) or the static
    /// initializer of a class.
    fn compile_initializer(
        &mut self,
        class: &Class<'_>,
        is_static: bool,
        constructor: Option<&ClassMethod<'_>>,
    ) -> Result<Rc<FunctionTemplate>> {
        let tag = if is_static {
            TAG_STATIC_INITIALIZER
        } else {
            TAG_INSTANCE_INITIALIZER
        };
        let scope = self.scope_for(scope_key(tag, class))?;
        let name: Rc<str> = Rc::from(if is_static {
            "<static_initializer>"
        } else {
            "<instance_fields_initializer>"
        });
        self.begin_function(
            name,
            FunctionFlags::STRICT | FunctionFlags::METHOD,
            class.span,
            scope,
        );
        let result = (|| -> Result<()> {
            self.emit_function_scope_entry(scope)?;
            let receiver = Reg(0);
            if !is_static {
                // Private methods and accessors are installed before fields (the functions
                // were created once, when the class was evaluated).
                for (index, element) in class.body.iter().enumerate() {
                    if let ClassElement::Method(method) = element
                        && !method.is_static
                        && let PropertyKey::Private(private) = method.key
                    {
                        let mark = self.mark();
                        let closure = self.alloc()?;
                        let function = self.resolve(private_method_function_name(index))?.place;
                        self.load_place(function, closure)?;
                        let key = self.alloc()?;
                        let place = self.resolve_private(private.name, private.span)?;
                        self.load_place(place, key)?;
                        self.emit(Instruction::DefinePrivate {
                            object: receiver,
                            key,
                            value: closure,
                            kind: private_kind(method.kind),
                        });
                        self.release(mark);
                    }
                }
            }
            // Extra initializers registered by the decorators of methods and accessors run
            // before the first field is defined.
            let has_decorated_methods = class.body.iter().any(|element| {
                matches!(element, ClassElement::Method(method)
                    if method.is_static == is_static && !method.decorators.is_empty())
            });
            if has_decorated_methods {
                let list = if is_static {
                    STATIC_EXTRA_INITIALIZERS | RUN_ON_DECORATED_CLASS
                } else {
                    INSTANCE_EXTRA_INITIALIZERS
                };
                self.emit_run_initializers(list, Some(receiver), None)?;
            }
            if !is_static {
                // Parameter properties are declared next, before the other fields (TypeScript
                // emits them as the first fields, after the decorators' extra initializers).
                if let Some(constructor) = constructor {
                    for item in constructor.value.params.items {
                        if item.parameter_property.is_some()
                            && let BindingPattern::Identifier(identifier) = item.pattern
                        {
                            let mark = self.mark();
                            let value = self.alloc()?;
                            self.emit(Instruction::LoadUndefined { dst: value });
                            let ic = self.ic_site(IcKind::DefineNamed, identifier.name)?;
                            self.emit(Instruction::DefineNamed {
                                object: receiver,
                                value,
                                ic,
                            });
                            self.release(mark);
                        }
                    }
                }
            }
            let field_indices = decorated_field_indices(class)?;
            for (index, element) in class.body.iter().enumerate() {
                match element {
                    ClassElement::Field(field) if field.is_static == is_static => {
                        let mark = self.mark();
                        self.mark_position(field.span);
                        let value = self.alloc()?;
                        let name = self.static_key_text(&field.key);
                        match &field.value {
                            Some(expression) => {
                                self.expr_named(expression, value, name.as_ref())?
                            }
                            None => self.emit(Instruction::LoadUndefined { dst: value }),
                        }
                        let decorated_lists = field_indices[index].map(|field_index| {
                            let first = FIRST_FIELD_LIST + 2 * field_index;
                            let flags = if is_static { RUN_ON_DECORATED_CLASS } else { 0 };
                            (first | flags, (first + 1) | flags)
                        });
                        if let Some((initializers, _)) = decorated_lists {
                            self.emit_run_initializers(
                                initializers | RUN_WITH_VALUE,
                                Some(receiver),
                                Some(value),
                            )?;
                        }
                        match &field.key {
                            _ if field.is_accessor => {
                                let key = self.alloc()?;
                                let place =
                                    self.resolve_private(accessor_storage_name(index), field.span)?;
                                self.load_place(place, key)?;
                                self.emit(Instruction::DefinePrivate {
                                    object: receiver,
                                    key,
                                    value,
                                    kind: PrivateKind::Field,
                                });
                            }
                            PropertyKey::Private(private) => {
                                let key = self.alloc()?;
                                let place = self.resolve_private(private.name, private.span)?;
                                self.load_place(place, key)?;
                                self.emit(Instruction::DefinePrivate {
                                    object: receiver,
                                    key,
                                    value,
                                    kind: PrivateKind::Field,
                                });
                            }
                            PropertyKey::Computed(_) => {
                                let key = self.alloc()?;
                                let resolved = self.resolve(computed_field_key_name(index))?;
                                self.load_place(resolved.place, key)?;
                                if field
                                    .value
                                    .as_ref()
                                    .is_some_and(|value| value.is_anonymous_function_definition())
                                {
                                    self.emit(Instruction::SetFunctionName {
                                        function: value,
                                        key,
                                    });
                                }
                                self.emit(Instruction::DefineKeyed {
                                    object: receiver,
                                    key,
                                    value,
                                });
                            }
                            PropertyKey::Identifier(_) | PropertyKey::String(_)
                                if name.is_some() =>
                            {
                                let text = name.unwrap_or_else(|| Rc::from(""));
                                let ic = self.ic_site_text(IcKind::DefineNamed, &text)?;
                                self.emit(Instruction::DefineNamed {
                                    object: receiver,
                                    value,
                                    ic,
                                });
                            }
                            key => {
                                let key_register = self.alloc()?;
                                self.load_static_key(key, key_register)?;
                                self.emit(Instruction::DefineKeyed {
                                    object: receiver,
                                    key: key_register,
                                    value,
                                });
                            }
                        }
                        if let Some((_, extra_initializers)) = decorated_lists {
                            self.emit_run_initializers(extra_initializers, Some(receiver), None)?;
                        }
                        self.release(mark);
                    }
                    ClassElement::StaticBlock(block) if is_static => {
                        let block_scope = self.scope_for(scope_key(TAG_STATIC_BLOCK, *block))?;
                        let mark = self.mark();
                        self.enter_scope(block_scope)?;
                        self.instantiate_hoisted_functions(block.body, false)?;
                        self.statement_list(block.body)?;
                        self.exit_scope(block_scope, mark);
                    }
                    _ => {}
                }
            }
            Ok(())
        })();
        let template = self.end_function();
        result?;
        template
    }

    // ----- TypeScript enums -----------------------------------------------------------------

    /// Loads the object bound to `name` or creates `{}` and stores it (`N || (N = {})`); when
    /// `exported`, the object is shared with the enclosing namespace's property of that name.
    fn get_or_create_object(&mut self, name: Atom, exported: bool, object: Reg) -> Result<()> {
        let resolved = self.resolve(name)?;
        let skip = self.new_label();
        if exported && let Some(&namespace) = self.namespace_stack.last() {
            let mark = self.mark();
            let parent = self.alloc()?;
            let namespace_place = self.resolve(namespace)?.place;
            self.load_place(namespace_place, parent)?;
            let ic = self.ic_site(IcKind::GetNamed, name)?;
            self.emit(Instruction::GetNamed {
                dst: object,
                object: parent,
                ic,
            });
            self.emit_jump_to(skip, |offset| Instruction::JumpIfTrue {
                condition: object,
                offset,
            });
            self.emit(Instruction::NewObject {
                dst: object,
                capacity: 0,
            });
            let ic = self.ic_site(IcKind::SetNamed, name)?;
            self.emit(Instruction::SetNamed {
                object: parent,
                value: object,
                ic,
            });
            self.release(mark);
            self.bind_label(skip);
            self.store_place(resolved.place, object)?;
            return Ok(());
        }
        self.load_place(resolved.place, object)?;
        self.emit_jump_to(skip, |offset| Instruction::JumpIfTrue {
            condition: object,
            offset,
        });
        self.emit(Instruction::NewObject {
            dst: object,
            capacity: 0,
        });
        self.store_place(resolved.place, object)?;
        self.bind_label(skip);
        Ok(())
    }

    pub(crate) fn enum_declaration(
        &mut self,
        node: &EnumDeclaration<'_>,
        exported: bool,
    ) -> Result<()> {
        self.mark_position(node.span);
        let object = self.alloc()?;
        self.get_or_create_object(node.id.name, exported, object)?;
        let scope = self.scope_for(scope_key(TAG_ENUM, node))?;
        let mark = self.mark();
        self.enter_scope(scope)?;
        self.enum_objects.insert(scope, object);
        let mut known: FxHashMap<Atom, EnumValue> = FxHashMap::default();
        let mut previous: Option<EnumValue> = None;
        let mut previous_register: Option<Reg> = None;
        for member in node.members {
            let value_register = self.alloc()?;
            let folded = match &member.initializer {
                Some(initializer) => fold_enum_constant(initializer, &known, node.id.name),
                None => match &previous {
                    None if previous_register.is_none() => Some(EnumValue::Number(0.0)),
                    Some(EnumValue::Number(number)) => Some(EnumValue::Number(number + 1.0)),
                    _ => None,
                },
            };
            let is_string = match &folded {
                Some(EnumValue::Number(number)) => {
                    self.load_number(value_register, *number)?;
                    false
                }
                Some(EnumValue::String(text)) => {
                    self.load_string(value_register, text)?;
                    true
                }
                None => {
                    match (&member.initializer, previous_register) {
                        (Some(initializer), _) => self.expr(initializer, value_register)?,
                        (None, Some(previous)) => self.emit(Instruction::Inc {
                            dst: value_register,
                            src: previous,
                        }),
                        (None, None) => self.emit(Instruction::LoadUndefined {
                            dst: value_register,
                        }),
                    }
                    matches!(
                        member.initializer,
                        Some(Expression::String(_)) | Some(Expression::Template(_))
                    )
                }
            };
            let ic = self.ic_site(IcKind::SetNamed, member.name)?;
            self.emit(Instruction::SetNamed {
                object,
                value: value_register,
                ic,
            });
            if !is_string {
                let inner = self.mark();
                let name_register = self.alloc()?;
                let text = self.text_of(member.name);
                self.load_string(name_register, &text)?;
                self.emit(Instruction::SetKeyed {
                    object,
                    key: value_register,
                    value: name_register,
                });
                self.release(inner);
            }
            if let Some(value) = &folded {
                known.insert(member.name, value.clone());
            }
            previous = folded;
            previous_register = Some(value_register);
        }
        self.enum_objects.remove(&scope);
        self.exit_scope(scope, mark);
        Ok(())
    }

    // ----- TypeScript namespaces --------------------------------------------------------------

    pub(crate) fn namespace_declaration(
        &mut self,
        node: &NamespaceDeclaration<'_>,
        exported: bool,
    ) -> Result<()> {
        self.mark_position(node.span);
        let object = self.alloc()?;
        self.get_or_create_object(node.id.name, exported, object)?;
        let scope = self.scope_for(scope_key(TAG_NAMESPACE, node))?;
        let mark = self.mark();
        self.enter_scope(scope)?;
        let object_binding = self.tree.scopes[scope as usize].bindings[0];
        let place = self.private_binding_place(object_binding)?;
        self.store_place(place, object)?;
        self.namespace_stack.push(node.id.name);
        let result = (|| -> Result<()> {
            self.instantiate_hoisted_functions(node.body, false)?;
            for statement in node.body {
                self.statement(statement)?;
            }
            Ok(())
        })();
        self.namespace_stack.pop();
        result?;
        self.exit_scope(scope, mark);
        Ok(())
    }

    pub(crate) fn import_equals(
        &mut self,
        node: &ImportEqualsDeclaration<'_>,
        exported: bool,
    ) -> Result<()> {
        let value = self.alloc()?;
        match node.reference {
            ModuleReference::EntityName(names) => {
                let Some((first, rest)) = names.split_first() else {
                    return Err(CompileError::new(
                        "empty import-equals reference",
                        node.span,
                    ));
                };
                self.read_identifier(*first, value)?;
                for name in rest {
                    let ic = self.ic_site(IcKind::GetNamed, name.name)?;
                    self.emit(Instruction::GetNamed {
                        dst: value,
                        object: value,
                        ic,
                    });
                }
            }
            ModuleReference::External(source) => {
                let window = self.alloc_n(3)?;
                let require = self.ic_site_text(IcKind::GetGlobal, &Rc::from("require"))?;
                self.emit(Instruction::GetGlobal {
                    dst: window,
                    ic: require,
                });
                self.emit(Instruction::LoadUndefined {
                    dst: Reg(window.0 + 1),
                });
                let constant = self.utf16_constant(source.value)?;
                self.emit(Instruction::LoadConst {
                    dst: Reg(window.0 + 2),
                    constant,
                });
                self.emit(Instruction::Call {
                    dst: value,
                    callee: window,
                    argc: 1,
                });
            }
        }
        self.initialize_binding(node.id.name, value)?;
        if exported {
            self.export_to_namespace(node.id.name)?;
        }
        Ok(())
    }
}

/// The decorators written on a class element.
fn element_decorators<'a>(element: &ClassElement<'a>) -> &'a [Decorator<'a>] {
    match element {
        ClassElement::Method(method) => method.decorators,
        ClassElement::Field(field) => field.decorators,
        ClassElement::StaticBlock(_) => &[],
    }
}

/// For each class element, its index among the decorated fields and accessors (which own a
/// pair of initializer lists in the decoration record).
fn decorated_field_indices(class: &Class<'_>) -> Result<Vec<Option<u16>>> {
    let mut next = 0usize;
    let mut indices = Vec::with_capacity(class.body.len());
    for element in class.body {
        match element {
            ClassElement::Field(field) if !field.decorators.is_empty() => {
                if next >= MAX_DECORATED_FIELDS {
                    return Err(CompileError::new(
                        "too many decorated fields in one class",
                        field.span,
                    ));
                }
                indices.push(Some(next as u16));
                next += 1;
            }
            _ => indices.push(None),
        }
    }
    Ok(indices)
}

fn private_kind(kind: MethodKind) -> PrivateKind {
    match kind {
        MethodKind::Get => PrivateKind::Getter,
        MethodKind::Set => PrivateKind::Setter,
        _ => PrivateKind::Method,
    }
}

/// Constant-folds an enum member initializer (numbers, strings, arithmetic, references to
/// earlier members by bare name or `Enum.Member`).
fn fold_enum_constant(
    expression: &Expression<'_>,
    known: &FxHashMap<Atom, EnumValue>,
    enum_name: Atom,
) -> Option<EnumValue> {
    fold(expression, known, enum_name, 0)
}

fn fold(
    expression: &Expression<'_>,
    known: &FxHashMap<Atom, EnumValue>,
    enum_name: Atom,
    depth: u32,
) -> Option<EnumValue> {
    if depth > 64 {
        return None;
    }
    let number = |value: Option<EnumValue>| match value {
        Some(EnumValue::Number(number)) => Some(number),
        _ => None,
    };
    match expression {
        Expression::Number(literal) => Some(EnumValue::Number(literal.value)),
        Expression::String(literal) => String::from_utf16(literal.value)
            .ok()
            .map(|text| EnumValue::String(Rc::from(text))),
        Expression::Template(template) if template.expressions.is_empty() => {
            let cooked = template.quasis.first()?.cooked?;
            String::from_utf16(cooked)
                .ok()
                .map(|text| EnumValue::String(Rc::from(text)))
        }
        Expression::Identifier(identifier) => known.get(&identifier.name).cloned(),
        Expression::Member(member) => match (&member.object, &member.property) {
            (Expression::Identifier(object), MemberProperty::Static(property))
                if object.name == enum_name =>
            {
                known.get(&property.name).cloned()
            }
            _ => None,
        },
        Expression::Unary(unary) => {
            let value = number(fold(&unary.argument, known, enum_name, depth + 1))?;
            match unary.operator {
                UnaryOperator::Minus => Some(EnumValue::Number(-value)),
                UnaryOperator::Plus => Some(EnumValue::Number(value)),
                UnaryOperator::BitwiseNot => Some(EnumValue::Number(!(to_int32(value)) as f64)),
                _ => None,
            }
        }
        Expression::Binary(binary) => {
            let left = fold(&binary.left, known, enum_name, depth + 1)?;
            let right = fold(&binary.right, known, enum_name, depth + 1)?;
            match (left, right) {
                (EnumValue::Number(left), EnumValue::Number(right)) => {
                    let value = match binary.operator {
                        BinaryOperator::Addition => left + right,
                        BinaryOperator::Subtraction => left - right,
                        BinaryOperator::Multiplication => left * right,
                        BinaryOperator::Division => left / right,
                        BinaryOperator::Remainder => left % right,
                        BinaryOperator::Exponential => left.powf(right),
                        BinaryOperator::BitwiseOr => (to_int32(left) | to_int32(right)) as f64,
                        BinaryOperator::BitwiseAnd => (to_int32(left) & to_int32(right)) as f64,
                        BinaryOperator::BitwiseXor => (to_int32(left) ^ to_int32(right)) as f64,
                        BinaryOperator::ShiftLeft => {
                            (to_int32(left).wrapping_shl(to_int32(right) as u32 & 31)) as f64
                        }
                        BinaryOperator::ShiftRight => {
                            (to_int32(left) >> (to_int32(right) as u32 & 31)) as f64
                        }
                        BinaryOperator::ShiftRightZeroFill => {
                            ((to_int32(left) as u32) >> (to_int32(right) as u32 & 31)) as f64
                        }
                        _ => return None,
                    };
                    Some(EnumValue::Number(value))
                }
                (EnumValue::String(left), EnumValue::String(right))
                    if binary.operator == BinaryOperator::Addition =>
                {
                    Some(EnumValue::String(Rc::from(format!("{left}{right}"))))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// ECMAScript ToInt32 on a Number.
fn to_int32(value: f64) -> i32 {
    if !value.is_finite() {
        return 0;
    }
    let truncated = value.trunc();
    let modulo = truncated.rem_euclid(4294967296.0);
    modulo as u32 as i32
}
