//! `String`: the constructor, `String.fromCharCode/fromCodePoint/raw`, and the
//! `String.prototype` methods (UTF-16 code-unit semantics throughout).
//!
//! `split`, `replace`, `replaceAll`, `match`, `matchAll` and `search` delegate to the
//! argument's `Symbol.split`/`Symbol.replace`/... method when it has one (RegExps do), as the
//! specification says; the string-pattern paths are implemented here.
//!
//! Simplifications (stated honestly): `localeCompare` uses `intl::collator` (an approximation of
//! the root collation for Latin text, not ICU),
//! `normalize` returns the string unchanged (no Unicode normalization tables), and
//! `toLocaleUpperCase`/`toLocaleLowerCase` are the locale-independent conversions.

use super::{
    integer_argument_or, method, resolve_relative_index, symbol_method, to_units, units_of,
    utf16_value,
};
use crate::atom::{PropertyKey, atoms};
use crate::conversions::is_js_whitespace;
use crate::function::Args;
use crate::object::ObjectKind;
use crate::realm::Vm;
use crate::string::JsString;
use crate::value::{JsResult, StringRef, Value};

/// Installs `String` and `String.prototype`.
pub fn install(vm: &mut Vm) {
    let constructor = vm.intrinsics.string_constructor;
    super::install_constructor_behaviour(vm, constructor, string_constructor, 1);
    let prototype = vm.intrinsics.string_prototype;
    vm.defer_contents(&[constructor, prototype], install_contents);
}

/// Installs the properties of `String` and `String.prototype` (on first touch, see `crate::deferred_contents`;
/// setting the constructor's behaviour again is harmless).
fn install_contents(vm: &mut Vm) {
    let constructor = vm.intrinsics.string_constructor;
    super::install_constructor_behaviour(vm, constructor, string_constructor, 1);
    method(vm, constructor, "fromCharCode", 1, string_from_char_code);
    method(vm, constructor, "fromCodePoint", 1, string_from_code_point);
    method(vm, constructor, "raw", 1, string_raw);

    let prototype = vm.intrinsics.string_prototype;
    let methods: &[(&str, u32, crate::function::NativeFunction)] = &[
        ("at", 1, string_at),
        ("charAt", 1, string_char_at),
        ("charCodeAt", 1, string_char_code_at),
        ("codePointAt", 1, string_code_point_at),
        ("concat", 1, string_concat),
        ("endsWith", 1, string_ends_with),
        ("includes", 1, string_includes),
        ("indexOf", 1, string_index_of),
        ("isWellFormed", 0, string_is_well_formed),
        ("lastIndexOf", 1, string_last_index_of),
        ("localeCompare", 1, string_locale_compare),
        ("match", 1, string_match),
        ("matchAll", 1, string_match_all),
        ("normalize", 0, string_normalize),
        ("padEnd", 1, string_pad_end),
        ("padStart", 1, string_pad_start),
        ("repeat", 1, string_repeat),
        ("replace", 2, string_replace),
        ("replaceAll", 2, string_replace_all),
        ("search", 1, string_search),
        ("slice", 2, string_slice),
        ("split", 2, string_split),
        ("startsWith", 1, string_starts_with),
        ("substr", 2, string_substr),
        ("substring", 2, string_substring),
        ("toLocaleLowerCase", 0, string_to_lower_case),
        ("toLocaleUpperCase", 0, string_to_upper_case),
        ("toLowerCase", 0, string_to_lower_case),
        ("toString", 0, string_value_of),
        ("toUpperCase", 0, string_to_upper_case),
        ("toWellFormed", 0, string_to_well_formed),
        ("trim", 0, string_trim),
        ("trimEnd", 0, string_trim_end),
        ("trimStart", 0, string_trim_start),
        ("valueOf", 0, string_value_of),
    ];
    for &(name, length, function) in methods {
        method(vm, prototype, name, length, function);
    }
    // Annex B HTML methods (CreateHTML): `"x".bold()` is `<b>x</b>`.
    let html_methods: &[(&str, crate::function::NativeFunction)] = &[
        ("anchor", |vm, this, args| {
            create_html(vm, this, &args, "anchor", "a", "name")
        }),
        ("big", |vm, this, args| {
            create_html(vm, this, &args, "big", "big", "")
        }),
        ("blink", |vm, this, args| {
            create_html(vm, this, &args, "blink", "blink", "")
        }),
        ("bold", |vm, this, args| {
            create_html(vm, this, &args, "bold", "b", "")
        }),
        ("fixed", |vm, this, args| {
            create_html(vm, this, &args, "fixed", "tt", "")
        }),
        ("fontcolor", |vm, this, args| {
            create_html(vm, this, &args, "fontcolor", "font", "color")
        }),
        ("fontsize", |vm, this, args| {
            create_html(vm, this, &args, "fontsize", "font", "size")
        }),
        ("italics", |vm, this, args| {
            create_html(vm, this, &args, "italics", "i", "")
        }),
        ("link", |vm, this, args| {
            create_html(vm, this, &args, "link", "a", "href")
        }),
        ("small", |vm, this, args| {
            create_html(vm, this, &args, "small", "small", "")
        }),
        ("strike", |vm, this, args| {
            create_html(vm, this, &args, "strike", "strike", "")
        }),
        ("sub", |vm, this, args| {
            create_html(vm, this, &args, "sub", "sub", "")
        }),
        ("sup", |vm, this, args| {
            create_html(vm, this, &args, "sup", "sup", "")
        }),
    ];
    for &(name, function) in html_methods {
        let length = match name {
            "anchor" | "fontcolor" | "fontsize" | "link" => 1,
            _ => 0,
        };
        method(vm, prototype, name, length, function);
    }
    // Annex B aliases share the function objects.
    for (alias, original) in [("trimLeft", "trimStart"), ("trimRight", "trimEnd")] {
        let key = vm.property_key_from_str(original);
        if let Ok(function) = vm.get(prototype, key) {
            super::value_property(vm, prototype, alias, function);
        }
    }
    let iterator = vm.intrinsics.symbols.iterator;
    symbol_method(
        vm,
        prototype,
        iterator,
        "[Symbol.iterator]",
        0,
        string_iterator,
    );
}

fn string_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let value = args.get(vm, 0);
    let string = if args.is_empty() {
        vm.intrinsics.empty_string
    } else if let (Value::Symbol(symbol), false) = (value, args.is_construct_call()) {
        let text = super::symbol::symbol_descriptive_string(vm, symbol);
        vm.new_string(&text)
    } else {
        vm.to_string(value)?
    };
    if !args.is_construct_call() {
        return Ok(Value::String(string));
    }
    let fallback = vm.intrinsics.string_prototype;
    let prototype = vm.get_prototype_from_constructor(args.new_target(), fallback)?;
    Ok(Value::Object(vm.alloc_object(
        Some(prototype),
        ObjectKind::StringWrapper(string),
    )))
}

fn string_from_char_code(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let mut units = Vec::with_capacity(args.len());
    for index in 0..args.len() {
        let value = args.get(vm, index);
        units.push(vm.to_uint16(value)?);
    }
    Ok(utf16_value(vm, units))
}

fn string_from_code_point(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let mut units = Vec::with_capacity(args.len());
    for index in 0..args.len() {
        let value = args.get(vm, index);
        let number = vm.to_number(value)?;
        if number.fract() != 0.0 || !(0.0..=1_114_111.0).contains(&number) || number.is_nan() {
            let text = crate::conversions::number_to_rust_string(number);
            return vm.throw_range_error(&format!("Invalid code point {text}"));
        }
        push_code_point(&mut units, number as u32);
    }
    Ok(utf16_value(vm, units))
}

fn push_code_point(units: &mut Vec<u16>, code_point: u32) {
    if code_point < 0x10000 {
        units.push(code_point as u16);
    } else {
        let offset = code_point - 0x10000;
        units.push(0xd800 + (offset >> 10) as u16);
        units.push(0xdc00 + (offset & 0x3ff) as u16);
    }
}

fn string_raw(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let cooked = vm.to_object(args.get(vm, 0))?;
    let raw = vm.get(cooked, PropertyKey::Atom(atoms::RAW))?;
    let raw = vm.to_object(raw)?;
    let length = super::length_of_array_like(vm, raw)?;
    let mut units = Vec::new();
    for index in 0..length {
        let segment = vm.get(raw, PropertyKey::Index(index as u32))?;
        units.extend(to_units(vm, segment)?);
        if index + 1 < length && (index as usize + 1) < args.len() {
            let substitution = args.get(vm, index as usize + 1);
            units.extend(to_units(vm, substitution)?);
        }
    }
    Ok(utf16_value(vm, units))
}

/// RequireObjectCoercible(this) + ToString, as a heap string.
fn this_string(vm: &mut Vm, this: Value, method_name: &str) -> JsResult<StringRef> {
    match this {
        Value::String(string) => Ok(string),
        Value::Undefined | Value::Null | Value::Hole => vm.throw_type_error(&format!(
            "String.prototype.{method_name} called on null or undefined"
        )),
        other => {
            // A converted `this` is held only by the method, which then converts its
            // arguments (script code that can collect): rooted until the method returns
            // (test262's String/prototype/slice/S15.5.4.13_A1_T5.js under `gc-stress` read
            // the freed string).
            let string = vm.to_string(other)?;
            vm.root(Value::String(string));
            Ok(string)
        }
    }
}

/// CreateHTML(string, tag, attribute, value) of Annex B.
fn create_html(
    vm: &mut Vm,
    this: Value,
    args: &Args,
    method_name: &str,
    tag: &str,
    attribute: &str,
) -> JsResult<Value> {
    let text = this_units(vm, this, method_name)?;
    let mut html: Vec<u16> = Vec::with_capacity(text.len() + 2 * tag.len() + 5);
    html.push(u16::from(b'<'));
    html.extend(tag.encode_utf16());
    if !attribute.is_empty() {
        let value = to_units(vm, args.get(vm, 0))?;
        html.push(u16::from(b' '));
        html.extend(attribute.encode_utf16());
        html.extend("=\"".encode_utf16());
        for unit in value {
            if unit == u16::from(b'"') {
                html.extend("&quot;".encode_utf16());
            } else {
                html.push(unit);
            }
        }
        html.push(u16::from(b'"'));
    }
    html.push(u16::from(b'>'));
    html.extend(text);
    html.extend("</".encode_utf16());
    html.extend(tag.encode_utf16());
    html.push(u16::from(b'>'));
    Ok(utf16_value(vm, html))
}

fn this_units(vm: &mut Vm, this: Value, method_name: &str) -> JsResult<Vec<u16>> {
    let string = this_string(vm, this, method_name)?;
    Ok(units_of(vm, string))
}

fn string_at(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let string = this_string(vm, this, "at")?;
    let length = vm.string(string).len() as f64;
    let relative = integer_argument_or(vm, &args, 0, 0.0)?;
    let index = if relative >= 0.0 {
        relative
    } else {
        length + relative
    };
    if index < 0.0 || index >= length {
        return Ok(Value::Undefined);
    }
    Ok(vm.string_char_at(string, index as usize))
}

fn string_char_at(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let string = this_string(vm, this, "charAt")?;
    let position = integer_argument_or(vm, &args, 0, 0.0)?;
    if position < 0.0 || position >= vm.string(string).len() as f64 {
        return Ok(Value::String(vm.intrinsics.empty_string));
    }
    Ok(vm.string_char_at(string, position as usize))
}

fn string_char_code_at(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let string = this_string(vm, this, "charCodeAt")?;
    let position = integer_argument_or(vm, &args, 0, 0.0)?;
    if position < 0.0 || position >= vm.string(string).len() as f64 {
        return Ok(Value::Number(f64::NAN));
    }
    Ok(Value::Number(
        vm.string(string)
            .code_unit_at(position as usize)
            .unwrap_or(0) as f64,
    ))
}

fn string_code_point_at(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let string = this_string(vm, this, "codePointAt")?;
    let position = integer_argument_or(vm, &args, 0, 0.0)?;
    if position < 0.0 || position >= vm.string(string).len() as f64 {
        return Ok(Value::Undefined);
    }
    Ok(Value::Number(
        vm.string(string)
            .code_point_at(position as usize)
            .unwrap_or(0) as f64,
    ))
}

fn string_concat(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let mut units = this_units(vm, this, "concat")?;
    for index in 0..args.len() {
        let value = args.get(vm, index);
        units.extend(to_units(vm, value)?);
    }
    Ok(utf16_value(vm, units))
}

fn is_regexp(vm: &mut Vm, value: Value) -> JsResult<bool> {
    let Value::Object(object) = value else {
        return Ok(false);
    };
    let symbol = vm.intrinsics.symbols.match_;
    let matcher = vm.get(object, PropertyKey::Symbol(symbol))?;
    if !matcher.is_undefined() {
        return Ok(vm.to_boolean(matcher));
    }
    Ok(matches!(vm.object(object).kind, ObjectKind::RegExp(_)))
}

fn search_argument(vm: &mut Vm, value: Value, method_name: &str) -> JsResult<Vec<u16>> {
    if is_regexp(vm, value)? {
        return vm.throw_type_error(&format!(
            "First argument to String.prototype.{method_name} must not be a regular expression"
        ));
    }
    to_units(vm, value)
}

fn find_units(haystack: &[u16], needle: &[u16], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return if from <= haystack.len() {
            Some(from)
        } else {
            None
        };
    }
    if needle.len() > haystack.len() || from > haystack.len() - needle.len() {
        return None;
    }
    (from..=haystack.len() - needle.len())
        .find(|&start| &haystack[start..start + needle.len()] == needle)
}

fn string_ends_with(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let units = this_units(vm, this, "endsWith")?;
    let search = search_argument(vm, args.get(vm, 0), "endsWith")?;
    let end = resolve_relative_index(
        integer_argument_or(vm, &args, 1, units.len() as f64)?.max(0.0),
        units.len() as u64,
    ) as usize;
    if search.len() > end {
        return Ok(Value::FALSE);
    }
    Ok(Value::Boolean(units[end - search.len()..end] == search[..]))
}

fn string_starts_with(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let units = this_units(vm, this, "startsWith")?;
    let search = search_argument(vm, args.get(vm, 0), "startsWith")?;
    let start = resolve_relative_index(
        integer_argument_or(vm, &args, 1, 0.0)?.max(0.0),
        units.len() as u64,
    ) as usize;
    if start + search.len() > units.len() {
        return Ok(Value::FALSE);
    }
    Ok(Value::Boolean(
        units[start..start + search.len()] == search[..],
    ))
}

fn string_includes(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let units = this_units(vm, this, "includes")?;
    let search = search_argument(vm, args.get(vm, 0), "includes")?;
    let start = resolve_relative_index(
        integer_argument_or(vm, &args, 1, 0.0)?.max(0.0),
        units.len() as u64,
    ) as usize;
    Ok(Value::Boolean(find_units(&units, &search, start).is_some()))
}

fn string_index_of(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let units = this_units(vm, this, "indexOf")?;
    let search = to_units(vm, args.get(vm, 0))?;
    let start = resolve_relative_index(
        integer_argument_or(vm, &args, 1, 0.0)?.max(0.0),
        units.len() as u64,
    ) as usize;
    Ok(Value::Number(
        find_units(&units, &search, start).map_or(-1.0, |index| index as f64),
    ))
}

fn string_last_index_of(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let units = this_units(vm, this, "lastIndexOf")?;
    let search = to_units(vm, args.get(vm, 0))?;
    let position = vm.to_number(args.get(vm, 1))?;
    let position = if position.is_nan() {
        f64::INFINITY
    } else {
        position.trunc()
    };
    let start = position.max(0.0).min(units.len() as f64) as usize;
    if search.len() > units.len() {
        return Ok(Value::Number(-1.0));
    }
    let last_possible = (units.len() - search.len()).min(start);
    for candidate in (0..=last_possible).rev() {
        if units[candidate..candidate + search.len()] == search[..] {
            return Ok(Value::Number(candidate as f64));
        }
    }
    Ok(Value::Number(-1.0))
}

fn string_is_well_formed(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let units = this_units(vm, this, "isWellFormed")?;
    Ok(Value::Boolean(
        char::decode_utf16(units.iter().copied()).all(|result| result.is_ok()),
    ))
}

fn string_to_well_formed(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let units = this_units(vm, this, "toWellFormed")?;
    let mut result = Vec::with_capacity(units.len());
    for decoded in char::decode_utf16(units.iter().copied()) {
        let character = decoded.unwrap_or('\u{fffd}');
        let mut buffer = [0u16; 2];
        result.extend_from_slice(character.encode_utf16(&mut buffer));
    }
    Ok(utf16_value(vm, result))
}

fn string_locale_compare(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let units = this_units(vm, this, "localeCompare")?;
    let other = to_units(vm, args.get(vm, 0))?;
    let locales = args.get(vm, 1);
    let options = args.get(vm, 2);
    super::intl::collator::locale_compare(vm, &units, &other, locales, options)
}

fn string_normalize(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let string = this_string(vm, this, "normalize")?;
    let form = args.get(vm, 0);
    let form = if form.is_undefined() {
        "NFC".to_string()
    } else {
        vm.to_rust_string(form)?
    };
    if !matches!(form.as_str(), "NFC" | "NFD" | "NFKC" | "NFKD") {
        return vm.throw_range_error(&format!(
            "The normalization form should be one of NFC, NFD, NFKC, NFKD. Received {form}"
        ));
    }
    let units: Vec<u16> = vm.string(string).to_utf16();
    // ASCII is invariant under every normalization form: skip the work for the common case.
    if units.iter().all(|&unit| unit < 0x80) {
        return Ok(Value::String(string));
    }
    let normalized = normalize_utf16(&units, &form);
    if normalized == units {
        return Ok(Value::String(string));
    }
    Ok(Value::String(vm.alloc_string(
        crate::string::JsString::from_utf16_vec(normalized),
    )))
}

/// Normalizes UTF-16 text to `form`. Lone surrogates are not characters: they are copied
/// unchanged and split the text into separately normalized runs.
fn normalize_utf16(units: &[u16], form: &str) -> Vec<u16> {
    use unicode_normalization::UnicodeNormalization;
    let mut output = Vec::with_capacity(units.len());
    let mut run = String::new();
    let flush = |run: &mut String, output: &mut Vec<u16>| {
        let normalized: String = match form {
            "NFD" => run.nfd().collect(),
            "NFKC" => run.nfkc().collect(),
            "NFKD" => run.nfkd().collect(),
            _ => run.nfc().collect(),
        };
        output.extend(normalized.encode_utf16());
        run.clear();
    };
    for decoded in char::decode_utf16(units.iter().copied()) {
        match decoded {
            Ok(character) => run.push(character),
            Err(error) => {
                flush(&mut run, &mut output);
                output.push(error.unpaired_surrogate());
            }
        }
    }
    flush(&mut run, &mut output);
    output
}

fn pad(vm: &mut Vm, this: Value, args: &Args, at_start: bool) -> JsResult<Value> {
    let units = this_units(vm, this, if at_start { "padStart" } else { "padEnd" })?;
    let max_length = vm.to_length(args.get(vm, 0))? as usize;
    if max_length <= units.len() {
        return Ok(utf16_value(vm, units));
    }
    let filler_value = args.get(vm, 1);
    let filler = if filler_value.is_undefined() {
        vec![u16::from(b' ')]
    } else {
        to_units(vm, filler_value)?
    };
    if filler.is_empty() {
        return Ok(utf16_value(vm, units));
    }
    if max_length > (1 << 29) {
        return vm.throw_range_error("Invalid string length");
    }
    let fill_length = max_length - units.len();
    let padding: Vec<u16> = filler.iter().copied().cycle().take(fill_length).collect();
    let result = if at_start {
        [padding, units].concat()
    } else {
        [units, padding].concat()
    };
    Ok(utf16_value(vm, result))
}

fn string_pad_start(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    pad(vm, this, &args, true)
}

fn string_pad_end(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    pad(vm, this, &args, false)
}

fn string_repeat(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let units = this_units(vm, this, "repeat")?;
    let count = vm.to_integer_or_infinity(args.get(vm, 0))?;
    if count < 0.0 || count == f64::INFINITY {
        let text = crate::conversions::number_to_rust_string(count);
        return vm.throw_range_error(&format!("Invalid count value: {text}"));
    }
    if units.is_empty() || count == 0.0 {
        return Ok(Value::String(vm.intrinsics.empty_string));
    }
    if units.len() as f64 * count > (1u64 << 29) as f64 {
        return vm.throw_range_error("Invalid string length");
    }
    Ok(utf16_value(vm, units.repeat(count as usize)))
}

/// Calls `value[symbol](this_value, extra...)` when the method exists; `None` otherwise.
fn delegate_to_symbol(
    vm: &mut Vm,
    value: Value,
    symbol: crate::value::SymbolRef,
    arguments: &[Value],
) -> JsResult<Option<Value>> {
    if value.is_nullish() {
        return Ok(None);
    }
    let Some(method_function) = vm.get_method(value, PropertyKey::Symbol(symbol))? else {
        return Ok(None);
    };
    vm.call(method_function, value, arguments).map(Some)
}

fn string_replace_generic(vm: &mut Vm, this: Value, args: &Args, all: bool) -> JsResult<Value> {
    if this.is_nullish() {
        return vm.throw_type_error("String.prototype.replace called on null or undefined");
    }
    let search_value = args.get(vm, 0);
    let replace_value = args.get(vm, 1);
    if !search_value.is_nullish() {
        if all && is_regexp(vm, search_value)? {
            let Value::Object(regexp) = search_value else {
                return vm.throw_type_error("not a RegExp");
            };
            let flags = vm.get(regexp, PropertyKey::Atom(atoms::FLAGS))?;
            let flags = vm.to_rust_string(flags)?;
            if !flags.contains('g') {
                return vm.throw_type_error("replaceAll must be called with a global RegExp");
            }
        }
        let symbol = vm.intrinsics.symbols.replace;
        if let Some(result) = delegate_to_symbol(vm, search_value, symbol, &[this, replace_value])?
        {
            return Ok(result);
        }
    }
    let scope = vm.open_handle_scope();
    let subject_string = vm.to_string(this)?;
    vm.root(Value::String(subject_string));
    let subject = units_of(vm, subject_string);
    let search = to_units(vm, search_value)?;
    let functional = vm.is_callable(replace_value);
    let template = if functional {
        Vec::new()
    } else {
        to_units(vm, replace_value)?
    };
    let mut positions = Vec::new();
    let advance = search.len().max(1);
    let mut position = find_units(&subject, &search, 0);
    while let Some(found) = position {
        positions.push(found);
        if !all {
            break;
        }
        position = find_units(&subject, &search, found + advance);
    }
    let mut result = Vec::with_capacity(subject.len());
    let mut end_of_last_match = 0;
    for found in positions {
        let replacement = if functional {
            let matched = utf16_value(vm, search.clone());
            let replaced = vm.call(
                replace_value,
                Value::Undefined,
                &[
                    matched,
                    Value::Number(found as f64),
                    Value::String(subject_string),
                ],
            )?;
            to_units(vm, replaced)?
        } else {
            super::regexp::get_substitution(&search, &subject, found, &[], None, &template)
        };
        result.extend_from_slice(&subject[end_of_last_match..found]);
        result.extend_from_slice(&replacement);
        end_of_last_match = found + search.len();
    }
    result.extend_from_slice(&subject[end_of_last_match.min(subject.len())..]);
    vm.close_handle_scope(scope);
    Ok(utf16_value(vm, result))
}

fn string_replace(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    string_replace_generic(vm, this, &args, false)
}

fn string_replace_all(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    string_replace_generic(vm, this, &args, true)
}

/// The last steps of `match`, `matchAll` and `search` when the argument has no method of its
/// own for `symbol`: convert the receiver to a string, build a RegExp from the argument
/// (`undefined` is the empty pattern) with `flags`, and call its `symbol` method.
fn call_symbol_on_new_regexp(
    vm: &mut Vm,
    this: Value,
    regexp: Value,
    flags: &str,
    symbol: crate::value::SymbolRef,
) -> JsResult<Value> {
    let subject = vm.to_string(this)?;
    let pattern = if regexp.is_undefined() {
        Vec::new()
    } else {
        to_units(vm, regexp)?
    };
    let created = super::regexp::regexp_create(vm, &pattern, flags, None)?;
    vm.call_method_by_symbol(Value::Object(created), symbol, &[Value::String(subject)])
}

fn string_match(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    if this.is_nullish() {
        return vm.throw_type_error("String.prototype.match called on null or undefined");
    }
    let regexp = args.get(vm, 0);
    let symbol = vm.intrinsics.symbols.match_;
    if let Some(result) = delegate_to_symbol(vm, regexp, symbol, &[this])? {
        return Ok(result);
    }
    call_symbol_on_new_regexp(vm, this, regexp, "", symbol)
}

fn string_match_all(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    if this.is_nullish() {
        return vm.throw_type_error("String.prototype.matchAll called on null or undefined");
    }
    let regexp = args.get(vm, 0);
    if !regexp.is_nullish() && is_regexp(vm, regexp)? {
        let Value::Object(object) = regexp else {
            return vm.throw_type_error("not a RegExp");
        };
        let flags = vm.get(object, PropertyKey::Atom(atoms::FLAGS))?;
        let flags = vm.to_rust_string(flags)?;
        if !flags.contains('g') {
            return vm.throw_type_error(
                "String.prototype.matchAll called with a non-global RegExp argument",
            );
        }
    }
    let symbol = vm.intrinsics.symbols.match_all;
    if let Some(result) = delegate_to_symbol(vm, regexp, symbol, &[this])? {
        return Ok(result);
    }
    call_symbol_on_new_regexp(vm, this, regexp, "g", symbol)
}

fn string_search(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    if this.is_nullish() {
        return vm.throw_type_error("String.prototype.search called on null or undefined");
    }
    let regexp = args.get(vm, 0);
    let symbol = vm.intrinsics.symbols.search;
    if let Some(result) = delegate_to_symbol(vm, regexp, symbol, &[this])? {
        return Ok(result);
    }
    call_symbol_on_new_regexp(vm, this, regexp, "", symbol)
}

fn string_slice(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let string = this_string(vm, this, "slice")?;
    let length = vm.string(string).len() as u64;
    let start = resolve_relative_index(integer_argument_or(vm, &args, 0, 0.0)?, length) as usize;
    let end =
        resolve_relative_index(integer_argument_or(vm, &args, 1, length as f64)?, length) as usize;
    if start >= end {
        return Ok(Value::String(vm.intrinsics.empty_string));
    }
    let piece = vm.string(string).substring(start, end);
    Ok(Value::String(vm.alloc_string(piece)))
}

fn string_substring(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let string = this_string(vm, this, "substring")?;
    let length = vm.string(string).len() as f64;
    let start = integer_argument_or(vm, &args, 0, 0.0)?.clamp(0.0, length) as usize;
    let end = integer_argument_or(vm, &args, 1, length)?.clamp(0.0, length) as usize;
    let (from, to) = if start <= end {
        (start, end)
    } else {
        (end, start)
    };
    let piece = vm.string(string).substring(from, to);
    Ok(Value::String(vm.alloc_string(piece)))
}

fn string_substr(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let string = this_string(vm, this, "substr")?;
    let length = vm.string(string).len() as u64;
    let start = resolve_relative_index(integer_argument_or(vm, &args, 0, 0.0)?, length);
    let count = integer_argument_or(vm, &args, 1, length as f64)?
        .clamp(0.0, (length - start) as f64) as u64;
    let piece = vm
        .string(string)
        .substring(start as usize, (start + count) as usize);
    Ok(Value::String(vm.alloc_string(piece)))
}

fn string_split(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    if this.is_nullish() {
        return vm.throw_type_error("String.prototype.split called on null or undefined");
    }
    let separator = args.get(vm, 0);
    let limit_value = args.get(vm, 1);
    let symbol = vm.intrinsics.symbols.split;
    if let Some(result) = delegate_to_symbol(vm, separator, symbol, &[this, limit_value])? {
        return Ok(result);
    }
    let subject = to_units(vm, this)?;
    let limit = if limit_value.is_undefined() {
        u32::MAX
    } else {
        vm.to_uint32(limit_value)?
    };
    let separator_units = to_units(vm, separator)?;
    let mut pieces: Vec<Value> = Vec::new();
    if limit == 0 {
        return Ok(Value::Object(vm.new_array(pieces)));
    }
    if separator.is_undefined() {
        let whole = utf16_value(vm, subject);
        return Ok(Value::Object(vm.new_array(vec![whole])));
    }
    if separator_units.is_empty() {
        for &unit in subject.iter().take(limit as usize) {
            pieces.push(Value::String(vm.single_code_unit_string(unit)));
        }
        return Ok(Value::Object(vm.new_array(pieces)));
    }
    let mut start = 0;
    while let Some(found) = find_units(&subject, &separator_units, start) {
        pieces.push(utf16_value(vm, subject[start..found].to_vec()));
        if pieces.len() as u32 >= limit {
            return Ok(Value::Object(vm.new_array(pieces)));
        }
        start = found + separator_units.len();
    }
    pieces.push(utf16_value(vm, subject[start..].to_vec()));
    Ok(Value::Object(vm.new_array(pieces)))
}

/// Simple (locale-independent) case conversion of UTF-16 text, with full Unicode mappings
/// (so `"ß".toUpperCase()` is `"SS"`).
fn convert_case(units: &[u16], upper: bool) -> Vec<u16> {
    if units.iter().all(|&unit| unit < 128) {
        return units
            .iter()
            .map(|&unit| {
                let byte = unit as u8;
                u16::from(if upper {
                    byte.to_ascii_uppercase()
                } else {
                    byte.to_ascii_lowercase()
                })
            })
            .collect();
    }
    let mut result = Vec::with_capacity(units.len());
    let decoded: Vec<Result<char, u16>> = char::decode_utf16(units.iter().copied())
        .map(|result| result.map_err(|error| error.unpaired_surrogate()))
        .collect();
    for (position, item) in decoded.iter().enumerate() {
        match item {
            Ok(character) => {
                let mut buffer = [0u16; 2];
                if upper {
                    for converted in character.to_uppercase() {
                        result.extend_from_slice(converted.encode_utf16(&mut buffer));
                    }
                } else if *character == 'Σ' {
                    // Final sigma: lowercase to ς at the end of a word.
                    let next_is_letter = decoded
                        .get(position + 1)
                        .is_some_and(|next| matches!(next, Ok(c) if c.is_alphabetic()));
                    let previous_is_letter =
                        position > 0 && matches!(decoded[position - 1], Ok(c) if c.is_alphabetic());
                    result.push(if previous_is_letter && !next_is_letter {
                        'ς' as u16
                    } else {
                        'σ' as u16
                    });
                } else {
                    for converted in character.to_lowercase() {
                        result.extend_from_slice(converted.encode_utf16(&mut buffer));
                    }
                }
            }
            Err(unit) => result.push(*unit),
        }
    }
    result
}

fn string_to_upper_case(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let units = this_units(vm, this, "toUpperCase")?;
    Ok(utf16_value(vm, convert_case(&units, true)))
}

fn string_to_lower_case(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let units = this_units(vm, this, "toLowerCase")?;
    Ok(utf16_value(vm, convert_case(&units, false)))
}

fn trim(vm: &mut Vm, this: Value, start: bool, end: bool) -> JsResult<Value> {
    let string = this_string(vm, this, "trim")?;
    let units = units_of(vm, string);
    let mut from = 0;
    let mut to = units.len();
    if start {
        while from < to && is_js_whitespace(units[from]) {
            from += 1;
        }
    }
    if end {
        while to > from && is_js_whitespace(units[to - 1]) {
            to -= 1;
        }
    }
    if from == 0 && to == units.len() {
        return Ok(Value::String(string));
    }
    Ok(Value::String(
        vm.alloc_string(JsString::from_utf16(&units[from..to])),
    ))
}

fn string_trim(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    trim(vm, this, true, true)
}

fn string_trim_start(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    trim(vm, this, true, false)
}

fn string_trim_end(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    trim(vm, this, false, true)
}

fn string_value_of(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    match this {
        Value::String(_) => Ok(this),
        Value::Object(object) => match vm.object(object).kind {
            ObjectKind::StringWrapper(string) => Ok(Value::String(string)),
            _ => vm.throw_type_error("String.prototype.valueOf requires that 'this' be a String"),
        },
        _ => vm.throw_type_error("String.prototype.valueOf requires that 'this' be a String"),
    }
}

fn string_iterator(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let string = this_string(vm, this, "[Symbol.iterator]")?;
    Ok(Value::Object(super::iterators::create_string_iterator(
        vm, string,
    )))
}

/// Helper trait-free extension: calls `object[symbol](...arguments)`.
trait CallMethodBySymbol {
    fn call_method_by_symbol(
        &mut self,
        object: Value,
        symbol: crate::value::SymbolRef,
        arguments: &[Value],
    ) -> JsResult<Value>;
}

impl CallMethodBySymbol for Vm {
    fn call_method_by_symbol(
        &mut self,
        object: Value,
        symbol: crate::value::SymbolRef,
        arguments: &[Value],
    ) -> JsResult<Value> {
        self.invoke(object, PropertyKey::Symbol(symbol), arguments)
    }
}
