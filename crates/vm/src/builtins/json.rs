//! `JSON.parse` (with reviver) and `JSON.stringify` (replacer function or property list,
//! indentation, `toJSON`, boxed primitives, cycle detection with a TypeError).
//!
//! The parser works on UTF-16 code units and builds objects directly (no intermediate
//! tree); it is iterative over nesting depth only through recursion bounded by the native
//! stack check, so hostile inputs produce a RangeError, not a crash.

use super::{method, namespace_object, to_string_tag, to_units, units_of, utf16_value};
use crate::atom::{PropertyKey, atoms};
use crate::function::Args;
use crate::object::ObjectKind;
use crate::realm::Vm;
use crate::shape::Attributes;
use crate::string::{JsString, StringView};
use crate::value::{JsResult, ObjectRef, Value};

/// The TypeError message for cycles (also recognised by console's `%j`).
const CIRCULAR_MESSAGE: &str = "Converting circular structure to JSON";

/// Installs `JSON` (created on first use, see `crate::lazy_globals`).
pub fn install(vm: &mut Vm) {
    vm.define_lazy_global("JSON", create_json);
}

/// Creates the `JSON` namespace object.
fn create_json(vm: &mut Vm) -> Value {
    let json = namespace_object(vm);
    method(vm, json, "parse", 2, json_parse);
    method(vm, json, "stringify", 3, json_stringify);
    to_string_tag(vm, json, "JSON");
    Value::Object(json)
}

// ----- parse -----

struct Parser<'text> {
    text: &'text [u16],
    position: usize,
}

impl Parser<'_> {
    fn skip_whitespace(&mut self) {
        while self.position < self.text.len()
            && matches!(self.text[self.position], 0x20 | 0x09 | 0x0a | 0x0d)
        {
            self.position += 1;
        }
    }

    fn peek(&self) -> Option<u16> {
        self.text.get(self.position).copied()
    }

    /// V8's generic message: end of input, or the unexpected token with a source excerpt
    /// (the whole text up to 20 units, else 10 units of context on each side).
    fn error<T>(&self, vm: &mut Vm) -> JsResult<T> {
        match self.peek() {
            None => vm.throw_syntax_error("Unexpected end of JSON input"),
            Some(unit) => {
                let character = String::from_utf16_lossy(&[unit]);
                let length = self.text.len();
                let excerpt = if length <= 20 {
                    format!("\"{}\"", String::from_utf16_lossy(self.text))
                } else {
                    let start = self.position.saturating_sub(10);
                    let end = (self.position + 10).min(length);
                    format!(
                        "{}\"{}\"{}",
                        if start > 0 { "..." } else { "" },
                        String::from_utf16_lossy(&self.text[start..end]),
                        if end < length { "..." } else { "" }
                    )
                };
                vm.throw_syntax_error(&format!(
                    "Unexpected token '{character}', {excerpt} is not valid JSON"
                ))
            }
        }
    }

    /// A positioned message (`... in JSON at position N`), or end of input.
    fn error_at<T>(&self, vm: &mut Vm, message: &str) -> JsResult<T> {
        if self.peek().is_none() {
            return vm.throw_syntax_error("Unexpected end of JSON input");
        }
        vm.throw_syntax_error(&format!("{message} in JSON at position {}", self.position))
    }

    fn expect_word(&mut self, vm: &mut Vm, word: &str, value: Value) -> JsResult<Value> {
        for expected in word.bytes() {
            if self.peek() != Some(u16::from(expected)) {
                return self.error(vm);
            }
            self.position += 1;
        }
        Ok(value)
    }

    fn parse_value(&mut self, vm: &mut Vm) -> JsResult<Value> {
        self.skip_whitespace();
        if !vm.native_stack_has_room() {
            return vm.throw_range_error("Maximum call stack size exceeded");
        }
        match self.peek() {
            Some(0x7b) => self.parse_object(vm),
            Some(0x5b) => self.parse_array(vm),
            Some(0x22) => {
                let units = self.parse_string(vm)?;
                Ok(utf16_value(vm, units))
            }
            Some(0x74) => self.expect_word(vm, "true", Value::TRUE),
            Some(0x66) => self.expect_word(vm, "false", Value::FALSE),
            Some(0x6e) => self.expect_word(vm, "null", Value::Null),
            Some(0x2d | 0x30..=0x39) => self.parse_number(vm),
            _ => self.error(vm),
        }
    }

    fn parse_number(&mut self, vm: &mut Vm) -> JsResult<Value> {
        let start = self.position;
        if self.peek() == Some(0x2d) {
            self.position += 1;
            if !self
                .peek()
                .is_some_and(|unit| (0x30..=0x39).contains(&unit))
            {
                return vm.throw_syntax_error(&format!(
                    "No number after minus sign in JSON at position {}",
                    self.position
                ));
            }
        }
        let digits = |parser: &mut Self| {
            let begin = parser.position;
            while parser
                .peek()
                .is_some_and(|unit| (0x30..=0x39).contains(&unit))
            {
                parser.position += 1;
            }
            parser.position - begin
        };
        if self.peek() == Some(0x30) {
            self.position += 1;
            if self
                .peek()
                .is_some_and(|unit| (0x30..=0x39).contains(&unit))
            {
                return vm.throw_syntax_error(&format!(
                    "Unexpected number in JSON at position {}",
                    self.position
                ));
            }
        } else if digits(self) == 0 {
            return self.error(vm);
        }
        if self.peek() == Some(0x2e) {
            self.position += 1;
            if digits(self) == 0 {
                return vm.throw_syntax_error(&format!(
                    "Unterminated fractional number in JSON at position {}",
                    self.position
                ));
            }
        }
        if matches!(self.peek(), Some(0x65 | 0x45)) {
            self.position += 1;
            if matches!(self.peek(), Some(0x2b | 0x2d)) {
                self.position += 1;
            }
            if digits(self) == 0 {
                return vm.throw_syntax_error(&format!(
                    "Exponent part is missing a number in JSON at position {}",
                    self.position
                ));
            }
        }
        let text: String = self.text[start..self.position]
            .iter()
            .map(|&unit| unit as u8 as char)
            .collect();
        Ok(Value::Number(text.parse::<f64>().unwrap_or(f64::NAN)))
    }

    fn parse_string(&mut self, vm: &mut Vm) -> JsResult<Vec<u16>> {
        self.position += 1;
        let mut units = Vec::new();
        loop {
            let Some(unit) = self.peek() else {
                return vm.throw_syntax_error(&format!(
                    "Unterminated string in JSON at position {}",
                    self.position
                ));
            };
            match unit {
                0x22 => {
                    self.position += 1;
                    return Ok(units);
                }
                0x5c => {
                    self.position += 1;
                    let Some(escape) = self.peek() else {
                        return vm.throw_syntax_error(&format!(
                            "Unterminated string in JSON at position {}",
                            self.position
                        ));
                    };
                    self.position += 1;
                    match escape {
                        0x22 => units.push(0x22),
                        0x5c => units.push(0x5c),
                        0x2f => units.push(0x2f),
                        0x62 => units.push(0x08),
                        0x66 => units.push(0x0c),
                        0x6e => units.push(0x0a),
                        0x72 => units.push(0x0d),
                        0x74 => units.push(0x09),
                        0x75 => {
                            let mut code = 0u16;
                            for _ in 0..4 {
                                let Some(digit) = self
                                    .peek()
                                    .and_then(|unit| char::from_u32(unit as u32)?.to_digit(16))
                                else {
                                    return self.error_at(vm, "Bad Unicode escape");
                                };
                                code = code * 16 + digit as u16;
                                self.position += 1;
                            }
                            units.push(code);
                        }
                        _ => {
                            self.position -= 1;
                            return self.error_at(vm, "Bad escaped character");
                        }
                    }
                }
                0x00..=0x1f => return self.error_at(vm, "Bad control character in string literal"),
                _ => {
                    units.push(unit);
                    self.position += 1;
                }
            }
        }
    }

    fn parse_array(&mut self, vm: &mut Vm) -> JsResult<Value> {
        self.position += 1;
        let array = vm.new_array(Vec::new());
        vm.root(Value::Object(array));
        self.skip_whitespace();
        if self.peek() == Some(0x5d) {
            self.position += 1;
            return Ok(Value::Object(array));
        }
        loop {
            let element = self.parse_value(vm)?;
            vm.array_push(array, element)?;
            self.skip_whitespace();
            match self.peek() {
                Some(0x2c) => self.position += 1,
                Some(0x5d) => {
                    self.position += 1;
                    return Ok(Value::Object(array));
                }
                _ => return self.error_at(vm, "Expected ',' or ']' after array element"),
            }
        }
    }

    fn parse_object(&mut self, vm: &mut Vm) -> JsResult<Value> {
        self.position += 1;
        let object = vm.new_object();
        vm.root(Value::Object(object));
        self.skip_whitespace();
        if self.peek() == Some(0x7d) {
            self.position += 1;
            return Ok(Value::Object(object));
        }
        let mut first = true;
        loop {
            self.skip_whitespace();
            if self.peek() != Some(0x22) {
                return self.error_at(
                    vm,
                    if first {
                        "Expected property name or '}'"
                    } else {
                        "Expected double-quoted property name"
                    },
                );
            }
            first = false;
            let key_units = self.parse_string(vm)?;
            self.skip_whitespace();
            if self.peek() != Some(0x3a) {
                return self.error_at(vm, "Expected ':' after property name");
            }
            self.position += 1;
            let value = self.parse_value(vm)?;
            let key_string = vm.alloc_string(JsString::from_utf16_vec(key_units));
            let key = vm.property_key_from_string(key_string);
            vm.create_data_property(object, key, value)?;
            self.skip_whitespace();
            match self.peek() {
                Some(0x2c) => self.position += 1,
                Some(0x7d) => {
                    self.position += 1;
                    return Ok(Value::Object(object));
                }
                _ => return self.error_at(vm, "Expected ',' or '}' after property value"),
            }
        }
    }
}

/// Parses JSON text into a value (no reviver).
pub fn parse_json(vm: &mut Vm, text: &[u16]) -> JsResult<Value> {
    let scope = vm.open_handle_scope();
    let mut parser = Parser { text, position: 0 };
    let value = parser.parse_value(vm)?;
    parser.skip_whitespace();
    if parser.position < text.len() {
        return vm.throw_syntax_error(&format!(
            "Unexpected non-whitespace character after JSON at position {}",
            parser.position
        ));
    }
    vm.close_handle_scope(scope);
    Ok(value)
}

fn internalize(
    vm: &mut Vm,
    holder: ObjectRef,
    key: PropertyKey,
    reviver: Value,
) -> JsResult<Value> {
    let value = vm.get(holder, key)?;
    if let Value::Object(object) = value {
        vm.root(value);
        if !vm.native_stack_has_room() {
            return vm.throw_range_error("Maximum call stack size exceeded");
        }
        if vm.is_array_checked(value)? {
            let length = super::length_of_array_like(vm, object)?;
            for index in 0..length {
                let element_key = super::index_key(vm, index);
                let revived = internalize(vm, object, element_key, reviver)?;
                if revived.is_undefined() {
                    vm.delete_property(object, element_key)?;
                } else {
                    vm.create_data_property(object, element_key, revived)?;
                }
            }
        } else {
            let keys = vm.own_enumerable_string_keys(object)?;
            for property_key in keys {
                let revived = internalize(vm, object, property_key, reviver)?;
                if revived.is_undefined() {
                    vm.delete_property(object, property_key)?;
                } else {
                    vm.create_data_property(object, property_key, revived)?;
                }
            }
        }
    }
    let key_value = vm.property_key_to_value(key);
    vm.call(reviver, Value::Object(holder), &[key_value, value])
}

fn json_parse(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let text = to_units(vm, args.get(vm, 0))?;
    let reviver = args.get(vm, 1);
    let value = parse_json(vm, &text)?;
    if !vm.is_callable(reviver) {
        return Ok(value);
    }
    let scope = vm.open_handle_scope();
    vm.root(value);
    let root = vm.new_object();
    vm.root(Value::Object(root));
    vm.define_data_property(
        root,
        PropertyKey::Atom(atoms::EMPTY),
        value,
        Attributes::DEFAULT_DATA,
    );
    let result = internalize(vm, root, PropertyKey::Atom(atoms::EMPTY), reviver);
    vm.close_handle_scope(scope);
    result
}

// ----- stringify -----

struct Stringifier {
    replacer_function: Option<Value>,
    property_list: Option<Vec<PropertyKey>>,
    gap: Vec<u16>,
    indent: Vec<u16>,
    stack: Vec<ObjectRef>,
    /// The key under which each object of `stack` was reached (`None` for the root), for
    /// the cycle description of the circular-structure error.
    stack_keys: Vec<Option<PropertyKey>>,
    /// The key of the property being serialized.
    current_key: Option<PropertyKey>,
}

/// QuoteJSONString.
pub fn quote_json_string(units: &[u16], output: &mut Vec<u16>) {
    output.push(0x22);
    for (index, &unit) in units.iter().enumerate() {
        match unit {
            0x08 => output.extend_from_slice(&[0x5c, 0x62]),
            0x09 => output.extend_from_slice(&[0x5c, 0x74]),
            0x0a => output.extend_from_slice(&[0x5c, 0x6e]),
            0x0c => output.extend_from_slice(&[0x5c, 0x66]),
            0x0d => output.extend_from_slice(&[0x5c, 0x72]),
            0x22 => output.extend_from_slice(&[0x5c, 0x22]),
            0x5c => output.extend_from_slice(&[0x5c, 0x5c]),
            0x00..=0x1f => output.extend(format!("\\u{unit:04x}").encode_utf16()),
            0xd800..=0xdbff => {
                if units
                    .get(index + 1)
                    .is_some_and(|next| (0xdc00..=0xdfff).contains(next))
                {
                    output.push(unit);
                } else {
                    output.extend(format!("\\u{unit:04x}").encode_utf16());
                }
            }
            0xdc00..=0xdfff => {
                if index > 0 && (0xd800..=0xdbff).contains(&units[index - 1]) {
                    output.push(unit);
                } else {
                    output.extend(format!("\\u{unit:04x}").encode_utf16());
                }
            }
            _ => output.push(unit),
        }
    }
    output.push(0x22);
}

/// QuoteJSONString of a string as stored: a Latin-1 string (no surrogates possible) is quoted
/// byte by byte without first being widened into a temporary UTF-16 vector.
fn quote_json_view(view: StringView<'_>, output: &mut Vec<u16>) {
    match view {
        StringView::TwoByte(units) => quote_json_string(units, output),
        StringView::OneByte(bytes) => {
            output.reserve(bytes.len() + 2);
            output.push(0x22);
            for &byte in bytes {
                match byte {
                    0x00..=0x1f | 0x22 | 0x5c => quote_json_string_unit(u16::from(byte), output),
                    _ => output.push(u16::from(byte)),
                }
            }
            output.push(0x22);
        }
    }
}

/// The escape of one code unit below 0x20, a quote or a backslash (see `quote_json_string`).
fn quote_json_string_unit(unit: u16, output: &mut Vec<u16>) {
    match unit {
        0x08 => output.extend_from_slice(&[0x5c, 0x62]),
        0x09 => output.extend_from_slice(&[0x5c, 0x74]),
        0x0a => output.extend_from_slice(&[0x5c, 0x6e]),
        0x0c => output.extend_from_slice(&[0x5c, 0x66]),
        0x0d => output.extend_from_slice(&[0x5c, 0x72]),
        0x22 => output.extend_from_slice(&[0x5c, 0x22]),
        0x5c => output.extend_from_slice(&[0x5c, 0x5c]),
        _ => output.extend(format!("\\u{unit:04x}").encode_utf16()),
    }
}

/// A finite Number as JSON text. Integers of up to 15 digits (the common case: ids, counts,
/// coordinates) are written digit by digit; others go through Number::toString.
fn push_json_number(number: f64, output: &mut Vec<u16>) {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        let mut magnitude = number.abs() as u64;
        if number < 0.0 {
            output.push(u16::from(b'-'));
        }
        let mut digits = [0u16; 16];
        let mut count = 0;
        loop {
            digits[count] = u16::from(b'0') + (magnitude % 10) as u16;
            count += 1;
            magnitude /= 10;
            if magnitude == 0 {
                break;
            }
        }
        output.extend(digits[..count].iter().rev());
    } else {
        output.extend(crate::conversions::number_to_rust_string(number).encode_utf16());
    }
}

impl Stringifier {
    /// SerializeJSONProperty: appends the text and returns false when the value is
    /// not serializable (undefined, functions, symbols).
    fn serialize_property(
        &mut self,
        vm: &mut Vm,
        holder: ObjectRef,
        key: PropertyKey,
        output: &mut Vec<u16>,
    ) -> JsResult<bool> {
        let value = vm.get(holder, key)?;
        self.current_key = Some(key);
        self.serialize_value(vm, Some((holder, key)), value, output)
    }

    fn serialize_value(
        &mut self,
        vm: &mut Vm,
        holder_and_key: Option<(ObjectRef, PropertyKey)>,
        mut value: Value,
        output: &mut Vec<u16>,
    ) -> JsResult<bool> {
        vm.root(value);
        if matches!(value, Value::Object(_) | Value::BigInt(_)) {
            let to_json = vm.get_value(value, PropertyKey::Atom(atoms::TO_JSON))?;
            if vm.is_callable(to_json) {
                let key_value = match holder_and_key {
                    Some((_, key)) => vm.property_key_to_value(key),
                    None => Value::String(vm.intrinsics.empty_string),
                };
                value = vm.call(to_json, value, &[key_value])?;
                vm.root(value);
            }
        }
        if let Some(replacer) = self.replacer_function {
            let (holder, key_value) = match holder_and_key {
                Some((holder, key)) => (Value::Object(holder), vm.property_key_to_value(key)),
                None => (Value::Undefined, Value::String(vm.intrinsics.empty_string)),
            };
            value = vm.call(replacer, holder, &[key_value, value])?;
            vm.root(value);
        }
        if let Value::Object(object) = value {
            match vm.object(object).kind {
                ObjectKind::NumberWrapper(_) => value = Value::Number(vm.to_number(value)?),
                ObjectKind::StringWrapper(_) => value = Value::String(vm.to_string(value)?),
                ObjectKind::BooleanWrapper(boolean) => value = Value::Boolean(boolean),
                ObjectKind::BigIntWrapper(bigint) => value = Value::BigInt(bigint),
                _ => {}
            }
        }
        match value {
            Value::Null => output.extend("null".encode_utf16()),
            Value::Boolean(true) => output.extend("true".encode_utf16()),
            Value::Boolean(false) => output.extend("false".encode_utf16()),
            Value::String(string) => quote_json_view(vm.string(string).view(), output),
            Value::Number(number) => {
                if number.is_finite() {
                    push_json_number(number, output);
                } else {
                    output.extend("null".encode_utf16());
                }
            }
            Value::BigInt(_) => {
                return vm.throw_type_error("Do not know how to serialize a BigInt");
            }
            Value::Object(object) if !vm.object(object).is_callable() => {
                if vm.is_array_checked(value)? {
                    self.serialize_array(vm, object, output)?;
                } else {
                    self.serialize_object(vm, object, output)?;
                }
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn enter(&mut self, vm: &mut Vm, object: ObjectRef) -> JsResult<()> {
        if let Some(start) = self.stack.iter().position(|&entered| entered == object) {
            let message = self.circular_message(vm, start);
            return vm.throw_type_error(&message);
        }
        if !vm.native_stack_has_room() {
            return vm.throw_range_error("Maximum call stack size exceeded");
        }
        self.stack.push(object);
        self.stack_keys.push(self.current_key);
        Ok(())
    }

    /// V8's circular-structure message: the object where the cycle starts, each property on
    /// the way, and the property that closes the circle.
    fn circular_message(&self, vm: &Vm, start: usize) -> String {
        let constructor_name = |object: ObjectRef| {
            let description = vm.describe_receiver_for_error(Value::Object(object));
            match description.as_str() {
                "[object Array]" => "Array".to_string(),
                other => other
                    .trim_start_matches("#<")
                    .trim_end_matches('>')
                    .to_string(),
            }
        };
        let key_text = |key: Option<PropertyKey>| match key {
            Some(PropertyKey::Index(index)) => format!("index {index}"),
            Some(key) => format!("property '{}'", vm.property_key_to_rust(key)),
            None => "property ''".to_string(),
        };
        let mut message = format!(
            "{CIRCULAR_MESSAGE}\n    --> starting at object with constructor '{}'",
            constructor_name(self.stack[start])
        );
        for position in start + 1..self.stack.len() {
            message.push_str(&format!(
                "\n    |     {} -> object with constructor '{}'",
                key_text(self.stack_keys[position]),
                constructor_name(self.stack[position])
            ));
        }
        message.push_str(&format!(
            "\n    --- {} closes the circle",
            key_text(self.current_key)
        ));
        message
    }

    fn serialize_object(
        &mut self,
        vm: &mut Vm,
        object: ObjectRef,
        output: &mut Vec<u16>,
    ) -> JsResult<()> {
        self.enter(vm, object)?;
        let stepback = self.indent.clone();
        self.indent.extend_from_slice(&self.gap.clone());
        let keys = match &self.property_list {
            Some(list) => list.clone(),
            None => vm.own_enumerable_string_keys(object)?,
        };
        output.push(0x7b);
        let mut first = true;
        for key in keys {
            // Performance decision: each member is written straight into `output` and cut off
            // again when its value turns out not to be serializable (undefined, a function),
            // instead of being built in a buffer of its own and copied (one allocation and one
            // copy per member and nesting level; callgrind showed vector growth and malloc as
            // a third of json.js).
            let member_start = output.len();
            if !first {
                output.push(0x2c);
            }
            if !self.gap.is_empty() {
                output.push(0x0a);
                output.extend_from_slice(&self.indent);
            }
            match key {
                PropertyKey::Atom(atom) => {
                    quote_json_view(vm.string(vm.atom_string(atom)).view(), output)
                }
                PropertyKey::Index(index) => {
                    let text: Vec<u16> = index.to_string().encode_utf16().collect();
                    quote_json_string(&text, output);
                }
                PropertyKey::Symbol(_) => continue,
            }
            output.push(0x3a);
            if !self.gap.is_empty() {
                output.push(0x20);
            }
            if !self.serialize_property(vm, object, key, output)? {
                output.truncate(member_start);
                continue;
            }
            first = false;
        }
        if !first && !self.gap.is_empty() {
            output.push(0x0a);
            output.extend_from_slice(&stepback);
        }
        output.push(0x7d);
        self.stack.pop();
        self.stack_keys.pop();
        self.indent = stepback;
        Ok(())
    }

    fn serialize_array(
        &mut self,
        vm: &mut Vm,
        array: ObjectRef,
        output: &mut Vec<u16>,
    ) -> JsResult<()> {
        self.enter(vm, array)?;
        let stepback = self.indent.clone();
        self.indent.extend_from_slice(&self.gap.clone());
        let length = super::length_of_array_like(vm, array)?;
        output.push(0x5b);
        for index in 0..length {
            if index > 0 {
                output.push(0x2c);
            }
            if !self.gap.is_empty() {
                output.push(0x0a);
                output.extend_from_slice(&self.indent);
            }
            let key = super::index_key(vm, index);
            if !self.serialize_property(vm, array, key, output)? {
                output.extend("null".encode_utf16());
            }
        }
        if length > 0 && !self.gap.is_empty() {
            output.push(0x0a);
            output.extend_from_slice(&stepback);
        }
        output.push(0x5d);
        self.stack.pop();
        self.stack_keys.pop();
        self.indent = stepback;
        Ok(())
    }
}

/// JSON.stringify(value, replacer, space) returning code units (None for undefined).
pub fn stringify(
    vm: &mut Vm,
    value: Value,
    replacer: Value,
    space: Value,
) -> JsResult<Option<Vec<u16>>> {
    let scope = vm.open_handle_scope();
    vm.root(value);
    vm.root(replacer);
    let mut stringifier = Stringifier {
        replacer_function: None,
        property_list: None,
        gap: Vec::new(),
        indent: Vec::new(),
        stack: Vec::new(),
        stack_keys: Vec::new(),
        current_key: None,
    };
    if let Value::Object(replacer_object) = replacer {
        if vm.is_callable(replacer) {
            stringifier.replacer_function = Some(replacer);
        } else if vm.is_array_checked(replacer)? {
            let length = super::length_of_array_like(vm, replacer_object)?;
            let mut list: Vec<PropertyKey> = Vec::new();
            for index in 0..length {
                let element = vm.get(replacer_object, PropertyKey::Index(index as u32))?;
                let item = match element {
                    Value::String(_) | Value::Number(_) => Some(vm.to_property_key(element)?),
                    Value::Object(object)
                        if matches!(
                            vm.object(object).kind,
                            ObjectKind::StringWrapper(_) | ObjectKind::NumberWrapper(_)
                        ) =>
                    {
                        let string = vm.to_string(element)?;
                        Some(vm.property_key_from_string(string))
                    }
                    _ => None,
                };
                if let Some(key) = item
                    && !list.contains(&key)
                {
                    list.push(key);
                }
            }
            stringifier.property_list = Some(list);
        }
    }
    let space = match space {
        Value::Object(object) => match vm.object(object).kind {
            ObjectKind::NumberWrapper(_) => Value::Number(vm.to_number(space)?),
            ObjectKind::StringWrapper(_) => Value::String(vm.to_string(space)?),
            _ => space,
        },
        other => other,
    };
    stringifier.gap = match space {
        Value::Number(number) => {
            let count = crate::conversions::integer_or_infinity(number).clamp(0.0, 10.0) as usize;
            vec![0x20; count]
        }
        Value::String(string) => {
            let units = units_of(vm, string);
            units[..units.len().min(10)].to_vec()
        }
        _ => Vec::new(),
    };
    let wrapper = vm.new_object();
    vm.root(Value::Object(wrapper));
    vm.define_data_property(
        wrapper,
        PropertyKey::Atom(atoms::EMPTY),
        value,
        Attributes::DEFAULT_DATA,
    );
    let mut output = Vec::new();
    let serialized = stringifier.serialize_property(
        vm,
        wrapper,
        PropertyKey::Atom(atoms::EMPTY),
        &mut output,
    )?;
    vm.close_handle_scope(scope);
    Ok(if serialized { Some(output) } else { None })
}

fn json_stringify(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let value = args.get(vm, 0);
    let replacer = args.get(vm, 1);
    let space = args.get(vm, 2);
    match stringify(vm, value, replacer, space)? {
        Some(units) => Ok(utf16_value(vm, units)),
        None => Ok(Value::Undefined),
    }
}

/// `%j` of console.log: JSON.stringify(value) as Rust text (None for undefined).
pub fn stringify_for_console(vm: &mut Vm, value: Value) -> JsResult<Option<String>> {
    Ok(stringify(vm, value, Value::Undefined, Value::Undefined)?
        .map(|units| String::from_utf16_lossy(&units)))
}

/// Whether a thrown value is the TypeError JSON.stringify throws for cycles.
pub fn is_circular_structure_error(vm: &mut Vm, error: Value) -> bool {
    let Value::Object(object) = error else {
        return false;
    };
    matches!(
        vm.get_data_property_no_side_effects(object, PropertyKey::Atom(atoms::MESSAGE)),
        Some(Value::String(message)) if vm.string_to_rust(message).starts_with(CIRCULAR_MESSAGE)
    )
}
