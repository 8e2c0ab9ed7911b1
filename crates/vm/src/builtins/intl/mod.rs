//! ECMA-402 `Intl`: the namespace object, locale-list canonicalisation and negotiation, the
//! option-reading abstract operations, and the object layout shared by every Intl service
//! (`NumberFormat`, `DateTimeFormat`, `Collator`, `PluralRules`, `RelativeTimeFormat`,
//! `ListFormat`). The locale data is written here by hand for a small set of locales (see
//! `locale_data`); there is no ICU.
//!
//! Object layout: every Intl service instance is an `ObjectKind::Internal` object tagged
//! `InternalTag::Intl(kind)`. Its `values` are `[cached bound function, name0, value0, name1,
//! value1, ...]`: the resolved options exactly as `resolvedOptions()` reports them (names and
//! values are heap strings, numbers or booleans, so the collector traces them with no special
//! support). Formatting decodes these pairs into a Rust `Resolved` record per call; the decode
//! is a handful of string copies, cheap next to the formatting itself, and it keeps the whole
//! module free of extra object kinds and of any state outside the objects.
//!
//! Module map: `locale_data` (per-locale tables), `number` (Intl.NumberFormat and the
//! Number/BigInt `toLocaleString`), `date_time` (Intl.DateTimeFormat and Date's `toLocale*`),
//! `collator` (Intl.Collator and `String.prototype.localeCompare`), `misc` (PluralRules,
//! RelativeTimeFormat, ListFormat).

use super::{method, to_string_tag};
use crate::function::{Args, NativeFunction};
use crate::object::{InternalData, InternalTag, ObjectKind};
use crate::realm::Vm;
use crate::shape::Attributes;
use crate::value::{JsResult, ObjectRef, Value};

pub mod collator;
pub mod date_time;
pub mod locale_data;
pub mod misc;
pub mod number;
pub mod tables;

/// Which Intl service an `InternalTag::Intl` object is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntlKind {
    /// `Intl.NumberFormat`.
    NumberFormat,
    /// `Intl.DateTimeFormat`.
    DateTimeFormat,
    /// `Intl.Collator`.
    Collator,
    /// `Intl.PluralRules`.
    PluralRules,
    /// `Intl.RelativeTimeFormat`.
    RelativeTimeFormat,
    /// `Intl.ListFormat`.
    ListFormat,
}

impl IntlKind {
    /// The constructor name used in error messages and `Symbol.toStringTag`.
    pub fn name(self) -> &'static str {
        match self {
            IntlKind::NumberFormat => "NumberFormat",
            IntlKind::DateTimeFormat => "DateTimeFormat",
            IntlKind::Collator => "Collator",
            IntlKind::PluralRules => "PluralRules",
            IntlKind::RelativeTimeFormat => "RelativeTimeFormat",
            IntlKind::ListFormat => "ListFormat",
        }
    }
}

/// The default locale (this engine, like node on the reference machine, runs in en-US).
pub const DEFAULT_LOCALE: &str = "en-US";

/// Languages for which `locale_data` has tables; any region of these is accepted.
const SUPPORTED_LANGUAGES: &[&str] = &["en", "de", "fr", "es", "ja"];

/// One resolved option value, decoded from the object's slots.
#[derive(Clone, Debug, PartialEq)]
pub enum Field {
    /// A string option (`style: "currency"`).
    Text(String),
    /// A numeric option (`minimumFractionDigits: 2`).
    Number(f64),
    /// A boolean option (`hour12: true`, `numeric: false`).
    Bool(bool),
}

/// The resolved options of an Intl object in `resolvedOptions()` order.
#[derive(Clone, Debug, Default)]
pub struct Resolved {
    /// `(name, value)` pairs.
    pub fields: Vec<(String, Field)>,
}

impl Resolved {
    /// Appends a field.
    pub fn push(&mut self, name: &str, value: Field) {
        self.fields.push((name.to_string(), value));
    }

    /// Appends a text field.
    pub fn push_text(&mut self, name: &str, value: &str) {
        self.push(name, Field::Text(value.to_string()));
    }

    /// Appends a numeric field.
    pub fn push_number(&mut self, name: &str, value: f64) {
        self.push(name, Field::Number(value));
    }

    /// The field named `name`.
    pub fn get(&self, name: &str) -> Option<&Field> {
        self.fields
            .iter()
            .find(|(field_name, _)| field_name == name)
            .map(|(_, value)| value)
    }

    /// A text field, or `""` when absent.
    pub fn text(&self, name: &str) -> &str {
        match self.get(name) {
            Some(Field::Text(text)) => text,
            _ => "",
        }
    }

    /// A numeric field.
    pub fn number(&self, name: &str) -> Option<f64> {
        match self.get(name) {
            Some(Field::Number(number)) => Some(*number),
            _ => None,
        }
    }

    /// A boolean field.
    pub fn boolean(&self, name: &str) -> Option<bool> {
        match self.get(name) {
            Some(Field::Bool(boolean)) => Some(*boolean),
            _ => None,
        }
    }
}

/// Installs the `Intl` namespace and every service constructor.
pub fn install(vm: &mut Vm) {
    vm.define_lazy_global("Intl", create_intl);
}

/// Creates the `Intl` namespace object with its service constructors (nothing outside it
/// refers to them, so it is created on first use, see `crate::lazy_globals`).
fn create_intl(vm: &mut Vm) -> Value {
    let intl = super::namespace_object(vm);
    to_string_tag(vm, intl, "Intl");
    method(vm, intl, "getCanonicalLocales", 1, get_canonical_locales);
    date_time::install(vm, intl);
    number::install(vm, intl);
    collator::install(vm, intl);
    misc::install(vm, intl);
    Value::Object(intl)
}

/// Creates `Intl.<name>` with its prototype (linked both ways), `supportedLocalesOf` and the
/// `Symbol.toStringTag` of the prototype, and returns the prototype. The constructor keeps
/// its prototype as native-function data for OrdinaryCreateFromConstructor.
pub(crate) fn install_service_constructor(
    vm: &mut Vm,
    intl: ObjectRef,
    kind: IntlKind,
    length: u32,
    function: NativeFunction,
) -> (ObjectRef, ObjectRef) {
    let (constructor, prototype) =
        super::weak_refs::new_constructor_with_prototype(vm, kind.name(), length, function);
    let key = vm.property_key_from_str(kind.name());
    vm.define_data_property(
        intl,
        key,
        Value::Object(constructor),
        Attributes::HIDDEN_DATA,
    );
    method(
        vm,
        constructor,
        "supportedLocalesOf",
        1,
        supported_locales_of,
    );
    to_string_tag(vm, prototype, &format!("Intl.{}", kind.name()));
    (constructor, prototype)
}

/// Allocates a service instance (OrdinaryCreateFromConstructor with the callee's prototype
/// data) holding `resolved`. `new_target` undefined means the constructor was called as a
/// function (allowed for NumberFormat, DateTimeFormat and Collator).
pub(crate) fn create_service_object(
    vm: &mut Vm,
    args: &Args,
    kind: IntlKind,
    resolved: &Resolved,
) -> JsResult<ObjectRef> {
    let default_prototype = match vm.native_function_data(args.callee()) {
        Value::Object(prototype) => prototype,
        _ => vm.intrinsics.object_prototype,
    };
    let new_target = args.new_target();
    let prototype = if new_target.is_undefined() {
        default_prototype
    } else {
        vm.get_prototype_from_constructor(new_target, default_prototype)?
    };
    Ok(allocate_service(vm, prototype, kind, resolved))
}

/// Allocates a service instance with the given prototype (used by the `toLocaleString`
/// methods, which format through a temporary service).
pub(crate) fn allocate_service(
    vm: &mut Vm,
    prototype: ObjectRef,
    kind: IntlKind,
    resolved: &Resolved,
) -> ObjectRef {
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(prototype));
    let mut values = vec![Value::Undefined];
    for (name, field) in &resolved.fields {
        let name_value = super::string_value(vm, name);
        vm.root(name_value);
        let value = match field {
            Field::Text(text) => super::string_value(vm, text),
            Field::Number(number) => Value::Number(*number),
            Field::Bool(boolean) => Value::Boolean(*boolean),
        };
        vm.root(value);
        values.push(name_value);
        values.push(value);
    }
    let object = vm.alloc_object(
        Some(prototype),
        ObjectKind::Internal(Box::new(InternalData {
            tag: InternalTag::Intl(kind),
            values,
            counter: 0.0,
            state: 0,
        })),
    );
    vm.close_handle_scope(scope);
    object
}

/// The resolved options of `value` if it is an Intl object of `kind`.
pub(crate) fn read_service(vm: &Vm, value: Value, kind: IntlKind) -> Option<Resolved> {
    let Value::Object(object) = value else {
        return None;
    };
    let ObjectKind::Internal(data) = &vm.object(object).kind else {
        return None;
    };
    if data.tag != InternalTag::Intl(kind) {
        return None;
    }
    let mut resolved = Resolved::default();
    for pair in data.values[1..].chunks(2) {
        let [Value::String(name), value] = pair else {
            continue;
        };
        let field = match value {
            Value::String(text) => Field::Text(vm.string_to_rust(*text)),
            Value::Number(number) => Field::Number(*number),
            Value::Boolean(boolean) => Field::Bool(*boolean),
            _ => continue,
        };
        resolved.fields.push((vm.string_to_rust(*name), field));
    }
    Some(resolved)
}

/// Like [`read_service`], throwing V8's TypeError for an incompatible receiver.
pub(crate) fn this_service(
    vm: &mut Vm,
    value: Value,
    kind: IntlKind,
    method_name: &str,
) -> JsResult<Resolved> {
    match read_service(vm, value, kind) {
        Some(resolved) => Ok(resolved),
        None => {
            let description = receiver_description(vm, value);
            vm.throw_type_error(&format!(
                "Method {method_name} called on incompatible receiver {description}"
            ))
        }
    }
}

/// V8's rendering of a receiver in "incompatible receiver" messages.
fn receiver_description(vm: &Vm, value: Value) -> String {
    match value {
        Value::Object(object) if !vm.object(object).is_callable() => "#<Object>".to_string(),
        Value::String(string) => vm.string_to_rust(string),
        other => vm.describe_value_for_error(other),
    }
}

/// The cached bound function of a service object (slot 0), if one was created.
pub(crate) fn cached_bound_function(vm: &Vm, object: ObjectRef) -> Value {
    match &vm.object(object).kind {
        ObjectKind::Internal(data) => data.values.first().copied().unwrap_or(Value::Undefined),
        _ => Value::Undefined,
    }
}

/// Stores the bound function of a service object (slot 0).
pub(crate) fn set_cached_bound_function(vm: &mut Vm, object: ObjectRef, function: Value) {
    if let ObjectKind::Internal(data) = &mut vm.object_mut(object).kind
        && let Some(slot) = data.values.first_mut()
    {
        *slot = function;
    }
}

/// `resolvedOptions()`: a fresh ordinary object with the resolved fields in order.
pub(crate) fn resolved_options_object(vm: &mut Vm, resolved: &Resolved) -> JsResult<Value> {
    let object = vm.new_object();
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(object));
    for (name, field) in &resolved.fields {
        let value = match field {
            Field::Text(text) => super::string_value(vm, text),
            Field::Number(number) => Value::Number(*number),
            Field::Bool(boolean) => Value::Boolean(*boolean),
        };
        let key = vm.property_key_from_str(name);
        vm.create_data_property_or_throw(object, key, value)?;
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(object))
}

/// An array of `{type, value}` part objects (`formatToParts`).
pub(crate) fn parts_array(vm: &mut Vm, parts: &[(String, String)]) -> JsResult<Value> {
    let scope = vm.open_handle_scope();
    let mut elements = Vec::with_capacity(parts.len());
    for (part_type, part_value) in parts {
        let object = vm.new_object();
        vm.root(Value::Object(object));
        let type_value = super::string_value(vm, part_type);
        let key = vm.property_key_from_str("type");
        vm.create_data_property_or_throw(object, key, type_value)?;
        let value_value = super::string_value(vm, part_value);
        let key = vm.property_key_from_str("value");
        vm.create_data_property_or_throw(object, key, value_value)?;
        elements.push(Value::Object(object));
    }
    let array = vm.new_array(elements);
    vm.close_handle_scope(scope);
    Ok(Value::Object(array))
}

// ----- locales -----

/// Checks the structure of a BCP 47 language tag (unicode_locale_id) and returns it in
/// canonical case (language lower case, script title case, region upper case), or `None`.
pub fn canonicalize_language_tag(tag: &str) -> Option<String> {
    if tag.is_empty() || !tag.is_ascii() {
        return None;
    }
    let subtags: Vec<&str> = tag.split('-').collect();
    if subtags
        .iter()
        .any(|subtag| subtag.is_empty() || !subtag.bytes().all(|b| b.is_ascii_alphanumeric()))
    {
        return None;
    }
    let mut output: Vec<String> = Vec::new();
    let mut index = 0;
    let language = subtags[0];
    let is_alpha = |text: &str| text.bytes().all(|b| b.is_ascii_alphabetic());
    let is_digit = |text: &str| text.bytes().all(|b| b.is_ascii_digit());
    if !(is_alpha(language) && matches!(language.len(), 2 | 3 | 5..=8)) {
        return None;
    }
    output.push(language.to_ascii_lowercase());
    index += 1;
    if index < subtags.len() && subtags[index].len() == 4 && is_alpha(subtags[index]) {
        let script = subtags[index].to_ascii_lowercase();
        let mut characters = script.chars();
        let first = characters.next().unwrap_or('a').to_ascii_uppercase();
        output.push(format!("{first}{}", characters.as_str()));
        index += 1;
    }
    if index < subtags.len() {
        let region = subtags[index];
        if (region.len() == 2 && is_alpha(region)) || (region.len() == 3 && is_digit(region)) {
            output.push(region.to_ascii_uppercase());
            index += 1;
        }
    }
    let mut variants: Vec<String> = Vec::new();
    while index < subtags.len() {
        let variant = subtags[index];
        let is_variant = (5..=8).contains(&variant.len())
            || (variant.len() == 4 && variant.as_bytes()[0].is_ascii_digit());
        if !is_variant {
            break;
        }
        let lower = variant.to_ascii_lowercase();
        if variants.contains(&lower) {
            return None;
        }
        variants.push(lower.clone());
        output.push(lower);
        index += 1;
    }
    let mut singletons: Vec<u8> = Vec::new();
    while index < subtags.len() {
        let singleton = subtags[index].to_ascii_lowercase();
        if singleton.len() != 1 {
            return None;
        }
        let letter = singleton.as_bytes()[0];
        if singletons.contains(&letter) {
            return None;
        }
        singletons.push(letter);
        output.push(singleton.clone());
        index += 1;
        let (minimum, maximum) = if letter == b'x' { (1, 8) } else { (2, 8) };
        let start = index;
        while index < subtags.len() {
            let subtag = subtags[index];
            if letter != b'x' && subtag.len() == 1 {
                break;
            }
            if !(minimum..=maximum).contains(&subtag.len()) {
                return None;
            }
            output.push(subtag.to_ascii_lowercase());
            index += 1;
        }
        if index == start {
            return None;
        }
        if letter == b'x' {
            break;
        }
    }
    if index < subtags.len() {
        return None;
    }
    Some(output.join("-"))
}

/// CanonicalizeLocaleList(locales).
pub(crate) fn canonicalize_locale_list(vm: &mut Vm, locales: Value) -> JsResult<Vec<String>> {
    let mut seen: Vec<String> = Vec::new();
    if locales.is_undefined() {
        return Ok(seen);
    }
    let scope = vm.open_handle_scope();
    let tags: Vec<Value> = if let Value::String(_) = locales {
        vec![locales]
    } else {
        let object = vm.to_object(locales)?;
        vm.root(Value::Object(object));
        let length = super::length_of_array_like(vm, object)?;
        let mut values = Vec::new();
        for index in 0..length {
            let key = super::index_key(vm, index);
            if !vm.has_property(object, key)? {
                continue;
            }
            let value = vm.get(object, key)?;
            if !matches!(value, Value::String(_) | Value::Object(_)) {
                return vm.throw_type_error("Language ID should be string or object.");
            }
            vm.root(value);
            values.push(value);
        }
        values
    };
    for value in tags {
        let text = vm.to_rust_string(value)?;
        let Some(canonical) = canonicalize_language_tag(&text) else {
            return vm.throw_range_error("Incorrect locale information provided");
        };
        if !seen.contains(&canonical) {
            seen.push(canonical);
        }
    }
    vm.close_handle_scope(scope);
    Ok(seen)
}

/// The tag without its extension and private-use sequences.
fn strip_extensions(tag: &str) -> String {
    let mut kept = Vec::new();
    for subtag in tag.split('-') {
        if subtag.len() == 1 {
            break;
        }
        kept.push(subtag);
    }
    kept.join("-")
}

/// The best available locale for a requested (canonical) tag, if any (BestAvailableLocale
/// with the fallback from `lang-Script-REGION` to `lang`).
fn available_locale(tag: &str) -> Option<String> {
    let base = strip_extensions(tag);
    let language = base.split('-').next().unwrap_or("");
    if SUPPORTED_LANGUAGES.contains(&language) {
        Some(base)
    } else {
        None
    }
}

/// ResolveLocale for a requested list: the first supported tag, or the default locale.
pub(crate) fn resolve_locale(requested: &[String]) -> String {
    requested
        .iter()
        .find_map(|tag| available_locale(tag))
        .unwrap_or_else(|| DEFAULT_LOCALE.to_string())
}

/// The `-u-` extension value for `key` (`nu`, `co`, `kn`, `hc`...) of a requested tag.
pub(crate) fn unicode_extension_value(requested: &[String], key: &str) -> Option<String> {
    let tag = requested.first()?;
    let subtags: Vec<&str> = tag.split('-').collect();
    let start = subtags.iter().position(|subtag| *subtag == "u")?;
    let mut index = start + 1;
    while index < subtags.len() && subtags[index].len() != 1 {
        if subtags[index] == key {
            let value = subtags
                .get(index + 1)
                .filter(|value| value.len() > 2)
                .copied()
                .unwrap_or("true");
            return Some(value.to_string());
        }
        index += 1;
    }
    None
}

fn get_canonical_locales(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let locales = args.get(vm, 0);
    let list = canonicalize_locale_list(vm, locales)?;
    string_array(vm, &list)
}

/// A new array of strings.
pub(crate) fn string_array(vm: &mut Vm, items: &[String]) -> JsResult<Value> {
    let scope = vm.open_handle_scope();
    let mut elements = Vec::with_capacity(items.len());
    for item in items {
        let value = super::string_value(vm, item);
        vm.root(value);
        elements.push(value);
    }
    let array = vm.new_array(elements);
    vm.close_handle_scope(scope);
    Ok(Value::Object(array))
}

fn supported_locales_of(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let locales = args.get(vm, 0);
    let list = canonicalize_locale_list(vm, locales)?;
    let options = args.get(vm, 1);
    let options = coerce_options_to_object(vm, options)?;
    get_string_option(
        vm,
        options,
        "localeMatcher",
        &["lookup", "best fit"],
        Some("best fit"),
        "Intl.supportedLocalesOf",
    )?;
    let supported: Vec<String> = list
        .into_iter()
        .filter(|tag| available_locale(tag).is_some())
        .collect();
    string_array(vm, &supported)
}

// ----- options -----

/// CoerceOptionsToObject: `undefined` is no options; anything else goes through ToObject.
pub(crate) fn coerce_options_to_object(vm: &mut Vm, options: Value) -> JsResult<Option<ObjectRef>> {
    if options.is_undefined() {
        return Ok(None);
    }
    let object = vm.to_object(options)?;
    vm.root(Value::Object(object));
    Ok(Some(object))
}

/// GetOptionsObject: `undefined` is no options, an object is used as is, anything else is a
/// TypeError.
pub(crate) fn get_options_object(vm: &mut Vm, options: Value) -> JsResult<Option<ObjectRef>> {
    match options {
        Value::Undefined => Ok(None),
        Value::Object(object) => {
            vm.root(options);
            Ok(Some(object))
        }
        _ => vm.throw_type_error("Options must be an object"),
    }
}

/// Reads `options[name]` (undefined when there are no options).
pub(crate) fn read_option(vm: &mut Vm, options: Option<ObjectRef>, name: &str) -> JsResult<Value> {
    match options {
        None => Ok(Value::Undefined),
        Some(object) => {
            let key = vm.property_key_from_str(name);
            vm.get(object, key)
        }
    }
}

/// GetOption(options, name, "string", allowed, default): V8's RangeError names the service.
pub(crate) fn get_string_option(
    vm: &mut Vm,
    options: Option<ObjectRef>,
    name: &str,
    allowed: &[&str],
    default: Option<&str>,
    service: &str,
) -> JsResult<Option<String>> {
    let value = read_option(vm, options, name)?;
    if value.is_undefined() {
        return Ok(default.map(str::to_string));
    }
    let text = vm.to_rust_string(value)?;
    if !allowed.is_empty() && !allowed.contains(&text.as_str()) {
        return vm.throw_range_error(&format!(
            "Value {text} out of range for {service} options property {name}"
        ));
    }
    Ok(Some(text))
}

/// GetOption(options, name, "boolean", empty, default).
pub(crate) fn get_boolean_option(
    vm: &mut Vm,
    options: Option<ObjectRef>,
    name: &str,
) -> JsResult<Option<bool>> {
    let value = read_option(vm, options, name)?;
    if value.is_undefined() {
        return Ok(None);
    }
    Ok(Some(vm.to_boolean(value)))
}

/// DefaultNumberOption(value, minimum, maximum, fallback).
pub(crate) fn default_number_option(
    vm: &mut Vm,
    value: Value,
    minimum: u32,
    maximum: u32,
    name: &str,
) -> JsResult<Option<u32>> {
    if value.is_undefined() {
        return Ok(None);
    }
    let number = vm.to_number(value)?;
    if number.is_nan() || number < minimum as f64 || number > maximum as f64 {
        return vm.throw_range_error(&format!("{name} value is out of range."));
    }
    Ok(Some(number.floor() as u32))
}

/// GetNumberOption(options, name, minimum, maximum, fallback).
pub(crate) fn get_number_option(
    vm: &mut Vm,
    options: Option<ObjectRef>,
    name: &str,
    minimum: u32,
    maximum: u32,
) -> JsResult<Option<u32>> {
    let value = read_option(vm, options, name)?;
    default_number_option(vm, value, minimum, maximum, name)
}

/// The language subtag of a locale.
pub(crate) fn language_of(locale: &str) -> &str {
    locale.split('-').next().unwrap_or("en")
}

/// The region subtag of a locale, if any.
pub(crate) fn region_of(locale: &str) -> Option<&str> {
    locale
        .split('-')
        .skip(1)
        .take_while(|subtag| subtag.len() > 1)
        .find(|subtag| {
            subtag.len() == 2 || (subtag.len() == 3 && subtag.bytes().all(|b| b.is_ascii_digit()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_validated_and_canonicalised() {
        assert_eq!(canonicalize_language_tag("EN-us").as_deref(), Some("en-US"));
        assert_eq!(
            canonicalize_language_tag("zh-hant-tw").as_deref(),
            Some("zh-Hant-TW")
        );
        assert_eq!(canonicalize_language_tag("en_US"), None);
        assert_eq!(canonicalize_language_tag("x"), None);
        assert_eq!(
            canonicalize_language_tag("de-DE-u-co-phonebk").as_deref(),
            Some("de-DE-u-co-phonebk")
        );
    }

    #[test]
    fn locales_resolve_to_supported_data_or_the_default() {
        assert_eq!(resolve_locale(&["xx".to_string()]), "en-US");
        assert_eq!(resolve_locale(&["de-AT".to_string()]), "de-AT");
        assert_eq!(resolve_locale(&[]), "en-US");
    }
}
