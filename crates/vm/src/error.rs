//! Creating and throwing JS errors from Rust, the Error constructors, and the Rust-side
//! description of an uncaught exception for the runner.
//!
//! Usage from native code: `return Err(vm.new_type_error("x is not a function"));` or
//! `vm.throw_type_error("...")?` (the `throw_*` helpers return `JsResult<T>` for any `T`).
//!
//! The `stack` property is `"<name>: <message>"` followed by the captured frames; frames come
//! from `Vm::stack_trace_hook`, which the interpreter installs (`"    at f (file:line:col)"`
//! lines joined by `\n`, without a trailing newline).

use crate::atom::{Atom, PropertyKey, atoms};
use crate::function::Args;
use crate::object::ObjectKind;
use crate::realm::Vm;
use crate::shape::Attributes;
use crate::value::{JsResult, ObjectRef, Value};

/// The native error types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// `Error`.
    Error,
    /// `TypeError`.
    TypeError,
    /// `RangeError`.
    RangeError,
    /// `SyntaxError`.
    SyntaxError,
    /// `ReferenceError`.
    ReferenceError,
    /// `EvalError`.
    EvalError,
    /// `URIError`.
    UriError,
    /// `AggregateError`.
    AggregateError,
    /// `SuppressedError` (explicit resource management).
    SuppressedError,
}

impl ErrorKind {
    /// Every kind, `Error` first.
    pub const ALL: [ErrorKind; 9] = [
        ErrorKind::Error,
        ErrorKind::TypeError,
        ErrorKind::RangeError,
        ErrorKind::SyntaxError,
        ErrorKind::ReferenceError,
        ErrorKind::EvalError,
        ErrorKind::UriError,
        ErrorKind::AggregateError,
        ErrorKind::SuppressedError,
    ];

    /// The constructor name.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Error => "Error",
            ErrorKind::TypeError => "TypeError",
            ErrorKind::RangeError => "RangeError",
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::ReferenceError => "ReferenceError",
            ErrorKind::EvalError => "EvalError",
            ErrorKind::UriError => "URIError",
            ErrorKind::AggregateError => "AggregateError",
            ErrorKind::SuppressedError => "SuppressedError",
        }
    }

    /// The constructor name as a predeclared atom.
    pub fn name_atom(self) -> Atom {
        match self {
            ErrorKind::Error => atoms::ERROR,
            ErrorKind::TypeError => atoms::TYPE_ERROR,
            ErrorKind::RangeError => atoms::RANGE_ERROR,
            ErrorKind::SyntaxError => atoms::SYNTAX_ERROR,
            ErrorKind::ReferenceError => atoms::REFERENCE_ERROR,
            ErrorKind::EvalError => atoms::EVAL_ERROR,
            ErrorKind::UriError => atoms::URI_ERROR,
            ErrorKind::AggregateError => atoms::AGGREGATE_ERROR,
            ErrorKind::SuppressedError => atoms::SUPPRESSED_ERROR,
        }
    }
}

/// An uncaught exception described for the runner (printing, exit code).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exception {
    /// The error's `name` (`"TypeError"`), or `None` when the thrown value is not an object.
    pub name: Option<String>,
    /// The error's `message`, or the thrown value converted to text.
    pub message: String,
    /// The `stack` text when the thrown value has a string `stack` property.
    pub stack: Option<String>,
    /// Node-like one-line summary: `"TypeError: message"` or `"Uncaught 42"`-style text
    /// (without the `Uncaught` prefix).
    pub summary: String,
}

impl std::fmt::Display for Exception {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.stack {
            Some(stack) => formatter.write_str(stack),
            None => formatter.write_str(&self.summary),
        }
    }
}

/// The Error / NativeError constructor behaviour (shared by all kinds: the prototype comes
/// from new.target, or from the called constructor itself for a plain call).
pub fn error_constructor_function(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let constructor = if args.is_construct_call() {
        args.new_target()
    } else {
        Value::Object(args.callee())
    };
    // The intrinsic default is this constructor's own `prototype` (%NativeError.prototype%,
    // a non-writable, non-configurable data property, so reading it has no side effects).
    let fallback = match vm
        .get_data_property_no_side_effects(args.callee(), PropertyKey::Atom(atoms::PROTOTYPE))
    {
        Some(Value::Object(prototype)) => prototype,
        _ => vm.intrinsics.error_prototype,
    };
    let prototype = vm.get_prototype_from_constructor(constructor, fallback)?;
    let is_aggregate = args.callee() == vm.intrinsics.aggregate_error_constructor;
    let is_suppressed = args.callee() == vm.intrinsics.suppressed_error_constructor;
    // SuppressedError(error, suppressed, message) has no options argument.
    let (message, options) = if is_aggregate {
        (args.get(vm, 1), args.get(vm, 2))
    } else if is_suppressed {
        (args.get(vm, 2), Value::Undefined)
    } else {
        (args.get(vm, 0), args.get(vm, 1))
    };
    let error = vm.alloc_object(Some(prototype), ObjectKind::Error);
    vm.root(Value::Object(error));
    if !message.is_undefined() {
        let message = vm.to_string(message)?;
        vm.define_data_property(
            error,
            PropertyKey::Atom(atoms::MESSAGE),
            Value::String(message),
            Attributes::HIDDEN_DATA,
        );
    }
    if let Value::Object(options_object) = options
        && vm.has_property(options_object, PropertyKey::Atom(atoms::CAUSE))?
    {
        let cause = vm.get(options_object, PropertyKey::Atom(atoms::CAUSE))?;
        vm.define_data_property(
            error,
            PropertyKey::Atom(atoms::CAUSE),
            cause,
            Attributes::HIDDEN_DATA,
        );
    }
    if is_suppressed {
        let (error_value, suppressed) = (args.get(vm, 0), args.get(vm, 1));
        vm.define_data_property(
            error,
            PropertyKey::Atom(atoms::ERROR_LOWERCASE),
            error_value,
            Attributes::HIDDEN_DATA,
        );
        vm.define_data_property(
            error,
            PropertyKey::Atom(atoms::SUPPRESSED),
            suppressed,
            Attributes::HIDDEN_DATA,
        );
    }
    if is_aggregate {
        let errors_iterable = args.get(vm, 0);
        let errors = vm.iterable_to_list(errors_iterable)?;
        let errors_array = vm.new_array(errors);
        vm.define_data_property(
            error,
            PropertyKey::Atom(atoms::ERRORS),
            Value::Object(errors_array),
            Attributes::HIDDEN_DATA,
        );
    }
    vm.install_error_stack(error);
    vm.handles.pop();
    Ok(Value::Object(error))
}

impl Vm {
    /// The prototype object of an error kind.
    pub fn error_prototype_for(&self, kind: ErrorKind) -> ObjectRef {
        match kind {
            ErrorKind::Error => self.intrinsics.error_prototype,
            ErrorKind::TypeError => self.intrinsics.type_error_prototype,
            ErrorKind::RangeError => self.intrinsics.range_error_prototype,
            ErrorKind::SyntaxError => self.intrinsics.syntax_error_prototype,
            ErrorKind::ReferenceError => self.intrinsics.reference_error_prototype,
            ErrorKind::EvalError => self.intrinsics.eval_error_prototype,
            ErrorKind::UriError => self.intrinsics.uri_error_prototype,
            ErrorKind::AggregateError => self.intrinsics.aggregate_error_prototype,
            ErrorKind::SuppressedError => self.intrinsics.suppressed_error_prototype,
        }
    }

    /// Creates an error object of `kind` with `message` and a `stack` property.
    pub fn new_error(&mut self, kind: ErrorKind, message: &str) -> Value {
        let prototype = self.error_prototype_for(kind);
        let error = self.alloc_object(Some(prototype), ObjectKind::Error);
        let message = self.new_string(message);
        self.define_data_property(
            error,
            PropertyKey::Atom(atoms::MESSAGE),
            Value::String(message),
            Attributes::HIDDEN_DATA,
        );
        self.install_error_stack(error);
        Value::Object(error)
    }

    /// Sets `error.stack` to `"<name>: <message>\n<frames>"` (name and message read without
    /// running user code: only data properties are consulted).
    pub fn install_error_stack(&mut self, error: ObjectRef) {
        let name = self
            .data_property_text(error, atoms::NAME)
            .unwrap_or_else(|| "Error".to_string());
        let message = self
            .data_property_text(error, atoms::MESSAGE)
            .unwrap_or_default();
        let mut text = if message.is_empty() {
            name
        } else if name.is_empty() {
            message
        } else {
            format!("{name}: {message}")
        };
        if let Some(hook) = self.stack_trace_hook {
            let frames = hook(self);
            if !frames.is_empty() {
                text.push('\n');
                text.push_str(&frames);
            }
        }
        let stack = self.new_string(&text);
        self.define_data_property(
            error,
            PropertyKey::Atom(atoms::STACK),
            Value::String(stack),
            Attributes::HIDDEN_DATA,
        );
    }

    /// Looks up a data property along the prototype chain without invoking getters and
    /// returns it as text if it is a string.
    fn data_property_text(&self, object: ObjectRef, atom: Atom) -> Option<String> {
        match self.get_data_property_no_side_effects(object, PropertyKey::Atom(atom))? {
            Value::String(string) => Some(self.string_to_rust(string)),
            _ => None,
        }
    }

    /// A TypeError value.
    pub fn new_type_error(&mut self, message: &str) -> Value {
        self.new_error(ErrorKind::TypeError, message)
    }

    /// A RangeError value.
    pub fn new_range_error(&mut self, message: &str) -> Value {
        self.new_error(ErrorKind::RangeError, message)
    }

    /// A SyntaxError value.
    pub fn new_syntax_error(&mut self, message: &str) -> Value {
        self.new_error(ErrorKind::SyntaxError, message)
    }

    /// A ReferenceError value.
    pub fn new_reference_error(&mut self, message: &str) -> Value {
        self.new_error(ErrorKind::ReferenceError, message)
    }

    /// Throws a TypeError.
    pub fn throw_type_error<T>(&mut self, message: &str) -> JsResult<T> {
        Err(self.new_type_error(message))
    }

    /// Throws a RangeError.
    pub fn throw_range_error<T>(&mut self, message: &str) -> JsResult<T> {
        Err(self.new_range_error(message))
    }

    /// Throws a SyntaxError.
    pub fn throw_syntax_error<T>(&mut self, message: &str) -> JsResult<T> {
        Err(self.new_syntax_error(message))
    }

    /// Throws a ReferenceError.
    pub fn throw_reference_error<T>(&mut self, message: &str) -> JsResult<T> {
        Err(self.new_reference_error(message))
    }

    /// Describes a thrown value for the runner without running user code.
    pub fn describe_exception(&self, thrown: Value) -> Exception {
        if let Value::Object(object) = thrown {
            let name = self.data_property_text(object, atoms::NAME);
            let message = self
                .data_property_text(object, atoms::MESSAGE)
                .unwrap_or_default();
            let stack = self.data_property_text(object, atoms::STACK);
            let is_error = matches!(self.object(object).kind, ObjectKind::Error);
            let summary = match (&name, is_error) {
                (Some(name), _) if message.is_empty() => name.clone(),
                (Some(name), _) => format!("{name}: {message}"),
                (None, true) => format!("Error: {message}"),
                (None, false) => "[object Object]".to_string(),
            };
            return Exception {
                name,
                message,
                stack: if is_error { stack } else { None },
                summary,
            };
        }
        let text = match thrown {
            Value::String(string) => self.string_to_rust(string),
            other => self.describe_value_for_error(other),
        };
        Exception {
            name: None,
            message: text.clone(),
            stack: None,
            summary: text,
        }
    }
}
