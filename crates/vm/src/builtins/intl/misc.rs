//! The smaller Intl services: `Intl.PluralRules` (ECMA-402 chapter 17),
//! `Intl.RelativeTimeFormat` (chapter 18) and `Intl.ListFormat` (chapter 13), with plural
//! rules written here for the supported languages and the phrase tables of `tables`.

use super::number::{DecimalValue, NumberFormatter};
use super::tables::{LIST_PATTERNS, RELATIVE_TIME_PATTERNS, RELATIVE_TIME_PHRASES};
use super::{IntlKind, Resolved, get_options_object, get_string_option, string_array};
use crate::function::Args;
use crate::realm::Vm;
use crate::value::{JsResult, ObjectRef, Value};

/// Installs PluralRules, RelativeTimeFormat and ListFormat.
pub fn install(vm: &mut Vm, intl: ObjectRef) {
    let (_, plural_prototype) = super::install_service_constructor(
        vm,
        intl,
        IntlKind::PluralRules,
        0,
        plural_rules_constructor,
    );
    super::super::method(
        vm,
        plural_prototype,
        "resolvedOptions",
        0,
        plural_rules_resolved_options,
    );
    super::super::method(vm, plural_prototype, "select", 1, plural_rules_select);
    let (_, relative_prototype) = super::install_service_constructor(
        vm,
        intl,
        IntlKind::RelativeTimeFormat,
        0,
        relative_time_format_constructor,
    );
    super::super::method(
        vm,
        relative_prototype,
        "resolvedOptions",
        0,
        relative_time_format_resolved_options,
    );
    super::super::method(
        vm,
        relative_prototype,
        "format",
        2,
        relative_time_format_format,
    );
    super::super::method(
        vm,
        relative_prototype,
        "formatToParts",
        2,
        relative_time_format_format_to_parts,
    );
    let (_, list_prototype) = super::install_service_constructor(
        vm,
        intl,
        IntlKind::ListFormat,
        0,
        list_format_constructor,
    );
    super::super::method(
        vm,
        list_prototype,
        "resolvedOptions",
        0,
        list_format_resolved_options,
    );
    super::super::method(vm, list_prototype, "format", 1, list_format_format);
    super::super::method(
        vm,
        list_prototype,
        "formatToParts",
        1,
        list_format_format_to_parts,
    );
}

fn require_new(vm: &mut Vm, args: &Args, name: &str) -> JsResult<()> {
    if args.new_target().is_undefined() {
        return vm.throw_type_error(&format!("Constructor Intl.{name} requires 'new'"));
    }
    Ok(())
}

// ----- plural rules -----

/// The plural category of a formatted number (`integer` digits, `fraction` digits shown).
pub fn plural_category(
    language: &str,
    ordinal: bool,
    integer: &str,
    fraction: &str,
) -> &'static str {
    let integer_value: u64 = integer
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or(u64::MAX);
    let fraction_zero = fraction.bytes().all(|byte| byte == b'0');
    let visible = fraction.len();
    if ordinal {
        return match language {
            "en" => {
                if visible > 0 && !fraction_zero {
                    return "other";
                }
                match (integer_value % 10, integer_value % 100) {
                    (1, hundred) if hundred != 11 => "one",
                    (2, hundred) if hundred != 12 => "two",
                    (3, hundred) if hundred != 13 => "few",
                    _ => "other",
                }
            }
            "fr" if integer_value == 1 && fraction_zero => "one",
            _ => "other",
        };
    }
    match language {
        "ja" => "other",
        "fr" => {
            if integer_value <= 1 {
                "one"
            } else if integer_value != 0 && integer_value.is_multiple_of(1_000_000) && visible == 0
            {
                "many"
            } else {
                "other"
            }
        }
        "es" => {
            if integer_value == 1 && fraction_zero {
                "one"
            } else if integer_value != 0 && integer_value.is_multiple_of(1_000_000) && visible == 0
            {
                "many"
            } else {
                "other"
            }
        }
        _ => {
            if integer_value == 1 && visible == 0 {
                "one"
            } else {
                "other"
            }
        }
    }
}

/// The categories a language uses, in node's `pluralCategories` order.
fn plural_categories(language: &str, ordinal: bool) -> Vec<String> {
    let categories: &[&str] = match (language, ordinal) {
        ("en", true) => &["few", "one", "two", "other"],
        ("fr", true) => &["one", "other"],
        (_, true) | ("ja", false) => &["other"],
        ("fr" | "es", false) => &["one", "many", "other"],
        _ => &["one", "other"],
    };
    categories
        .iter()
        .map(|category| category.to_string())
        .collect()
}

/// Formats a number with a formatter and splits the digits for the plural rules.
fn integer_and_fraction(formatter: &NumberFormatter, number: f64) -> (String, String) {
    let parts = formatter.format_to_parts(&DecimalValue::from_f64(number));
    let mut integer = String::new();
    let mut fraction = String::new();
    for (part_type, value) in parts {
        match part_type.as_str() {
            "integer" => integer.push_str(&value),
            "fraction" => fraction.push_str(&value),
            _ => {}
        }
    }
    (integer, fraction)
}

fn plural_rules_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    require_new(vm, &args, "PluralRules")?;
    let scope = vm.open_handle_scope();
    let locales = args.get(vm, 0);
    let options_value = args.get(vm, 1);
    let requested = super::canonicalize_locale_list(vm, locales)?;
    let options = super::coerce_options_to_object(vm, options_value)?;
    get_string_option(
        vm,
        options,
        "localeMatcher",
        &["lookup", "best fit"],
        None,
        "Intl.PluralRules",
    )?;
    let plural_type = get_string_option(
        vm,
        options,
        "type",
        &["cardinal", "ordinal"],
        Some("cardinal"),
        "Intl.PluralRules",
    )?
    .unwrap_or_default();
    // The digit options are read by the NumberFormat machinery on the same options bag.
    let options_for_digits = match options {
        Some(object) => Value::Object(object),
        None => Value::Undefined,
    };
    let number_options =
        super::number::resolve_number_format_options(vm, Value::Undefined, options_for_digits)?;
    // Plural rules are data of a language, so the resolved locale is the language alone.
    let locale = super::language_of(&super::resolve_locale(&requested)).to_string();
    let mut resolved = Resolved::default();
    resolved.push_text("locale", &locale);
    resolved.push_text("type", &plural_type);
    for name in [
        "minimumIntegerDigits",
        "minimumFractionDigits",
        "maximumFractionDigits",
        "minimumSignificantDigits",
        "maximumSignificantDigits",
    ] {
        if let Some(value) = number_options.number(name) {
            resolved.push_number(name, value);
        }
    }
    vm.close_handle_scope(scope);
    super::create_service_object(vm, &args, IntlKind::PluralRules, &resolved).map(Value::Object)
}

/// A decimal formatter carrying the digit options of PluralRules/RelativeTimeFormat.
fn digits_formatter(resolved: &Resolved, grouping: bool) -> NumberFormatter {
    let mut number_options = Resolved::default();
    number_options.push_text("locale", resolved.text("locale"));
    number_options.push_text("style", "decimal");
    for name in [
        "minimumIntegerDigits",
        "minimumFractionDigits",
        "maximumFractionDigits",
        "minimumSignificantDigits",
        "maximumSignificantDigits",
    ] {
        if let Some(value) = resolved.number(name) {
            number_options.push_number(name, value);
        }
    }
    if resolved.number("maximumFractionDigits").is_none()
        && resolved.number("maximumSignificantDigits").is_none()
    {
        number_options.push_number("minimumFractionDigits", 0.0);
        number_options.push_number("maximumFractionDigits", 3.0);
    }
    number_options.push_text("useGrouping", if grouping { "auto" } else { "false" });
    number_options.push_text("notation", "standard");
    number_options.push_text("signDisplay", "auto");
    number_options.push_text("roundingMode", "halfExpand");
    number_options.push_text("trailingZeroDisplay", "auto");
    number_options.push_text("roundingPriority", "auto");
    NumberFormatter::from_resolved(&number_options)
}

fn plural_rules_select(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let resolved = super::this_service(
        vm,
        this,
        IntlKind::PluralRules,
        "Intl.PluralRules.prototype.select",
    )?;
    let value = args.get(vm, 0);
    let number = vm.to_number(value)?;
    let category = if number.is_finite() {
        let formatter = digits_formatter(&resolved, false);
        let (integer, fraction) = integer_and_fraction(&formatter, number.abs());
        plural_category(
            super::language_of(resolved.text("locale")),
            resolved.text("type") == "ordinal",
            &integer,
            &fraction,
        )
    } else {
        "other"
    };
    Ok(super::super::string_value(vm, category))
}

fn plural_rules_resolved_options(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let resolved = super::this_service(
        vm,
        this,
        IntlKind::PluralRules,
        "Intl.PluralRules.prototype.resolvedOptions",
    )?;
    let object_value = super::resolved_options_object(vm, &resolved)?;
    let Value::Object(object) = object_value else {
        return Ok(object_value);
    };
    let scope = vm.open_handle_scope();
    vm.root(object_value);
    let categories = plural_categories(
        super::language_of(resolved.text("locale")),
        resolved.text("type") == "ordinal",
    );
    let array = string_array(vm, &categories)?;
    let key = vm.property_key_from_str("pluralCategories");
    vm.create_data_property_or_throw(object, key, array)?;
    vm.close_handle_scope(scope);
    Ok(object_value)
}

// ----- relative time -----

fn relative_time_format_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    require_new(vm, &args, "RelativeTimeFormat")?;
    let scope = vm.open_handle_scope();
    let locales = args.get(vm, 0);
    let options_value = args.get(vm, 1);
    let requested = super::canonicalize_locale_list(vm, locales)?;
    let options = super::coerce_options_to_object(vm, options_value)?;
    let service = "Intl.RelativeTimeFormat";
    get_string_option(
        vm,
        options,
        "localeMatcher",
        &["lookup", "best fit"],
        None,
        service,
    )?;
    get_string_option(vm, options, "numberingSystem", &[], None, service)?;
    let locale = super::resolve_locale(&requested);
    let style = get_string_option(
        vm,
        options,
        "style",
        &["long", "short", "narrow"],
        Some("long"),
        service,
    )?
    .unwrap_or_default();
    let numeric = get_string_option(
        vm,
        options,
        "numeric",
        &["always", "auto"],
        Some("always"),
        service,
    )?
    .unwrap_or_default();
    let mut resolved = Resolved::default();
    resolved.push_text("locale", &locale);
    resolved.push_text("style", &style);
    resolved.push_text("numeric", &numeric);
    resolved.push_text("numberingSystem", "latn");
    vm.close_handle_scope(scope);
    super::create_service_object(vm, &args, IntlKind::RelativeTimeFormat, &resolved)
        .map(Value::Object)
}

/// The singular unit name of a RelativeTimeFormat unit argument.
fn singular_unit(unit: &str) -> Option<&'static str> {
    Some(match unit {
        "second" | "seconds" => "second",
        "minute" | "minutes" => "minute",
        "hour" | "hours" => "hour",
        "day" | "days" => "day",
        "week" | "weeks" => "week",
        "month" | "months" => "month",
        "quarter" | "quarters" => "quarter",
        "year" | "years" => "year",
        _ => return None,
    })
}

fn relative_time_parts(
    vm: &mut Vm,
    this: Value,
    args: &Args,
    method: &str,
) -> JsResult<Vec<(String, String)>> {
    let resolved = super::this_service(vm, this, IntlKind::RelativeTimeFormat, method)?;
    let value = args.get(vm, 0);
    let number = vm.to_number(value)?;
    let unit_value = args.get(vm, 1);
    let unit_text = vm.to_rust_string(unit_value)?;
    let Some(unit) = singular_unit(&unit_text) else {
        return vm.throw_range_error(&format!(
            "Invalid unit argument for {method}() '{unit_text}'"
        ));
    };
    if !number.is_finite() {
        return vm.throw_range_error(&format!("Invalid number value for {method}() {number}"));
    }
    let locale = resolved.text("locale");
    let language = super::language_of(locale);
    let language = if RELATIVE_TIME_PATTERNS
        .iter()
        .any(|entry| entry.0 == language)
    {
        language
    } else {
        "en"
    };
    let style = resolved.text("style");
    if resolved.text("numeric") == "auto" && number.fract() == 0.0 && number.abs() <= 2.0 {
        let offset = number as i32;
        if let Some(&(_, _, _, _, phrase)) = RELATIVE_TIME_PHRASES.iter().find(|entry| {
            entry.0 == language && entry.1 == style && entry.2 == unit && entry.3 == offset
        }) {
            return Ok(vec![("literal".to_string(), phrase.to_string())]);
        }
    }
    let formatter = digits_formatter(&resolved, true);
    let number_parts = formatter.format_to_parts(&DecimalValue::from_f64(number.abs()));
    let (integer, fraction) = integer_and_fraction(&formatter, number.abs());
    let one = plural_category(language, false, &integer, &fraction) == "one";
    let past = number < 0.0 || (number == 0.0 && number.is_sign_negative());
    let Some(&(_, _, _, future_one, future_other, past_one, past_other)) = RELATIVE_TIME_PATTERNS
        .iter()
        .find(|entry| entry.0 == language && entry.1 == style && entry.2 == unit)
    else {
        return Ok(Vec::new());
    };
    let pattern = match (past, one) {
        (false, true) => future_one,
        (false, false) => future_other,
        (true, true) => past_one,
        (true, false) => past_other,
    };
    let (before, after) = pattern.split_once("{0}").unwrap_or((pattern, ""));
    let mut parts = Vec::new();
    if !before.is_empty() {
        parts.push(("literal".to_string(), before.to_string()));
    }
    for (part_type, text) in number_parts {
        parts.push((format!("{part_type}\u{0}{unit}"), text));
    }
    if !after.is_empty() {
        parts.push(("literal".to_string(), after.to_string()));
    }
    Ok(parts)
}

fn relative_time_format_format(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let parts = relative_time_parts(vm, this, &args, "Intl.RelativeTimeFormat.prototype.format")?;
    let text: String = parts.into_iter().map(|(_, text)| text).collect();
    Ok(super::super::string_value(vm, &text))
}

fn relative_time_format_format_to_parts(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let parts = relative_time_parts(
        vm,
        this,
        &args,
        "Intl.RelativeTimeFormat.prototype.formatToParts",
    )?;
    // Number parts carry their unit after a NUL separator; they become {type, value, unit}.
    let scope = vm.open_handle_scope();
    let mut elements = Vec::new();
    let mut index = 0;
    while index < parts.len() {
        let (part_type, text) = &parts[index];
        let object = vm.new_object();
        vm.root(Value::Object(object));
        let (kind, unit) = match part_type.split_once('\u{0}') {
            Some((kind, unit)) => (kind.to_string(), Some(unit.to_string())),
            None => (part_type.clone(), None),
        };
        let type_value = super::super::string_value(vm, &kind);
        let key = vm.property_key_from_str("type");
        vm.create_data_property_or_throw(object, key, type_value)?;
        let text_value = super::super::string_value(vm, text);
        let key = vm.property_key_from_str("value");
        vm.create_data_property_or_throw(object, key, text_value)?;
        if let Some(unit) = unit {
            let unit_value = super::super::string_value(vm, &unit);
            let key = vm.property_key_from_str("unit");
            vm.create_data_property_or_throw(object, key, unit_value)?;
        }
        elements.push(Value::Object(object));
        index += 1;
    }
    let array = vm.new_array(elements);
    vm.close_handle_scope(scope);
    Ok(Value::Object(array))
}

fn relative_time_format_resolved_options(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let resolved = super::this_service(
        vm,
        this,
        IntlKind::RelativeTimeFormat,
        "Intl.RelativeTimeFormat.prototype.resolvedOptions",
    )?;
    super::resolved_options_object(vm, &resolved)
}

// ----- list format -----

fn list_format_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    require_new(vm, &args, "ListFormat")?;
    let scope = vm.open_handle_scope();
    let locales = args.get(vm, 0);
    let options_value = args.get(vm, 1);
    let requested = super::canonicalize_locale_list(vm, locales)?;
    let options = get_options_object(vm, options_value)?;
    let service = "Intl.ListFormat";
    get_string_option(
        vm,
        options,
        "localeMatcher",
        &["lookup", "best fit"],
        None,
        service,
    )?;
    let locale = super::resolve_locale(&requested);
    let list_type = get_string_option(
        vm,
        options,
        "type",
        &["conjunction", "disjunction", "unit"],
        Some("conjunction"),
        service,
    )?
    .unwrap_or_default();
    let style = get_string_option(
        vm,
        options,
        "style",
        &["long", "short", "narrow"],
        Some("long"),
        service,
    )?
    .unwrap_or_default();
    let mut resolved = Resolved::default();
    resolved.push_text("locale", &locale);
    resolved.push_text("type", &list_type);
    resolved.push_text("style", &style);
    vm.close_handle_scope(scope);
    super::create_service_object(vm, &args, IntlKind::ListFormat, &resolved).map(Value::Object)
}

/// StringListFromIterable: the strings of an iterable (TypeError for a non-string element).
fn string_list(vm: &mut Vm, iterable: Value) -> JsResult<Vec<String>> {
    if iterable.is_undefined() {
        return Ok(Vec::new());
    }
    let scope = vm.open_handle_scope();
    vm.root(iterable);
    let values = vm.iterable_to_list(iterable)?;
    let mut strings = Vec::with_capacity(values.len());
    for value in values {
        match value {
            Value::String(string) => strings.push(vm.string_to_rust(string)),
            _ => {
                let description = vm.describe_value_for_error(value);
                return vm.throw_type_error(&format!(
                    "Iterable yielded {description} which is not a string"
                ));
            }
        }
    }
    vm.close_handle_scope(scope);
    Ok(strings)
}

/// Formats a list into `(type, value)` parts with the locale's patterns.
pub fn format_list(
    locale: &str,
    list_type: &str,
    style: &str,
    items: &[String],
) -> Vec<(String, String)> {
    let language = super::language_of(locale);
    let language = if LIST_PATTERNS.iter().any(|entry| entry.0 == language) {
        language
    } else {
        "en"
    };
    let Some(&(_, _, _, pair, start, middle, end)) = LIST_PATTERNS
        .iter()
        .find(|entry| entry.0 == language && entry.1 == list_type && entry.2 == style)
    else {
        return Vec::new();
    };
    let separator = |pattern: &str| -> String {
        pattern
            .strip_prefix("{0}")
            .and_then(|rest| rest.strip_suffix("{1}"))
            .unwrap_or(", ")
            .to_string()
    };
    let mut parts = Vec::new();
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            let pattern = if items.len() == 2 {
                pair
            } else if index == 1 {
                start
            } else if index == items.len() - 1 {
                end
            } else {
                middle
            };
            parts.push(("literal".to_string(), separator(pattern)));
        }
        parts.push(("element".to_string(), item.clone()));
    }
    parts
}

fn list_parts(
    vm: &mut Vm,
    this: Value,
    args: &Args,
    method: &str,
) -> JsResult<Vec<(String, String)>> {
    let resolved = super::this_service(vm, this, IntlKind::ListFormat, method)?;
    let iterable = args.get(vm, 0);
    let items = string_list(vm, iterable)?;
    Ok(format_list(
        resolved.text("locale"),
        resolved.text("type"),
        resolved.text("style"),
        &items,
    ))
}

fn list_format_format(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let parts = list_parts(vm, this, &args, "Intl.ListFormat.prototype.format")?;
    let text: String = parts.into_iter().map(|(_, text)| text).collect();
    Ok(super::super::string_value(vm, &text))
}

fn list_format_format_to_parts(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let parts = list_parts(vm, this, &args, "Intl.ListFormat.prototype.formatToParts")?;
    super::parts_array(vm, &parts)
}

fn list_format_resolved_options(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let resolved = super::this_service(
        vm,
        this,
        IntlKind::ListFormat,
        "Intl.ListFormat.prototype.resolvedOptions",
    )?;
    super::resolved_options_object(vm, &resolved)
}
