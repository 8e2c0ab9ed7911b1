//! `Intl.DateTimeFormat` (ECMA-402 chapter 11) and `Date.prototype.toLocaleString`,
//! `toLocaleDateString` and `toLocaleTimeString`.
//!
//! Formatting picks a pattern from the measured tables: the date fields (weekday, year,
//! month, day) and the time fields (hour cycle, minute, second, time zone name) each map to a
//! skeleton whose pattern is looked up separately, and the two are joined with the locale's
//! connector; `dateStyle`/`timeStyle` have their own patterns. Only UTC is supported as a time
//! zone (this engine's local time zone is UTC, like the reference machines'); other IANA names
//! are a RangeError, as for an unknown zone.

use super::locale_data;
use super::{
    Field, IntlKind, Resolved, coerce_options_to_object, get_boolean_option, get_number_option,
    get_string_option,
};
use crate::function::Args;
use crate::object::ObjectKind;
use crate::realm::Vm;
use crate::value::{JsResult, ObjectRef, Value};

const SERVICE: &str = "Intl.DateTimeFormat";

/// Installs `Intl.DateTimeFormat`.
pub fn install(vm: &mut Vm, intl: ObjectRef) {
    let (_, prototype) = super::install_service_constructor(
        vm,
        intl,
        IntlKind::DateTimeFormat,
        0,
        date_time_format_constructor,
    );
    super::super::method(
        vm,
        prototype,
        "resolvedOptions",
        0,
        date_time_format_resolved_options,
    );
    super::super::method(
        vm,
        prototype,
        "formatToParts",
        1,
        date_time_format_format_to_parts,
    );
    super::super::getter(vm, prototype, "format", date_time_format_format_getter);
}

/// Which fields a `toLocale*String` method requires and defaults (ToDateTimeOptions).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Defaults {
    /// `toLocaleString` / `format`... with `date` defaults only for `format` (see callers).
    Date,
    /// `toLocaleTimeString`.
    Time,
    /// `toLocaleString`.
    All,
}

/// The component options in table order: (name, allowed values).
const COMPONENTS: &[(&str, &[&str])] = &[
    ("weekday", &["narrow", "short", "long"]),
    ("era", &["narrow", "short", "long"]),
    ("year", &["2-digit", "numeric"]),
    ("month", &["2-digit", "numeric", "narrow", "short", "long"]),
    ("day", &["2-digit", "numeric"]),
    ("dayPeriod", &["narrow", "short", "long"]),
    ("hour", &["2-digit", "numeric"]),
    ("minute", &["2-digit", "numeric"]),
    ("second", &["2-digit", "numeric"]),
    ("fractionalSecondDigits", &[]),
    (
        "timeZoneName",
        &[
            "short",
            "long",
            "shortOffset",
            "longOffset",
            "shortGeneric",
            "longGeneric",
        ],
    ),
];

/// The canonical name of a supported time zone.
fn canonical_time_zone(name: &str) -> Option<&'static str> {
    let upper = name.to_ascii_uppercase();
    match upper.as_str() {
        "UTC" | "ETC/UTC" | "GMT" | "ETC/GMT" | "ETC/UCT" | "UCT" | "ETC/UNIVERSAL"
        | "UNIVERSAL" | "ETC/ZULU" | "ZULU" | "ETC/GMT0" | "GMT0" | "ETC/GMT+0" | "ETC/GMT-0"
        | "GMT+0" | "GMT-0" | "ETC/GREENWICH" | "GREENWICH" => Some("UTC"),
        _ => None,
    }
}

/// CreateDateTimeFormat: reads the options and returns the resolved options.
pub(crate) fn resolve_date_time_format_options(
    vm: &mut Vm,
    locales: Value,
    options: Value,
    required: Defaults,
    defaults: Defaults,
) -> JsResult<Resolved> {
    let scope = vm.open_handle_scope();
    let requested = super::canonicalize_locale_list(vm, locales)?;
    let options = coerce_options_to_object(vm, options)?;
    get_string_option(
        vm,
        options,
        "localeMatcher",
        &["lookup", "best fit"],
        None,
        SERVICE,
    )?;
    let calendar = get_string_option(vm, options, "calendar", &[], None, SERVICE)?;
    if let Some(calendar) = &calendar
        && !(3..=8).contains(&calendar.len())
    {
        return vm.throw_range_error(&format!("Invalid calendar : {calendar}"));
    }
    get_string_option(vm, options, "numberingSystem", &[], None, SERVICE)?;
    let hour12 = get_boolean_option(vm, options, "hour12")?;
    let hour_cycle_option = get_string_option(
        vm,
        options,
        "hourCycle",
        &["h11", "h12", "h23", "h24"],
        None,
        SERVICE,
    )?;
    let locale = super::resolve_locale(&requested);
    let time_zone_value = super::read_option(vm, options, "timeZone")?;
    let time_zone = if time_zone_value.is_undefined() {
        "UTC"
    } else {
        let name = vm.to_rust_string(time_zone_value)?;
        match canonical_time_zone(&name) {
            Some(zone) => zone,
            None => {
                return vm.throw_range_error(&format!("Invalid time zone specified: {name}"));
            }
        }
    };
    let mut components: Vec<(&str, String)> = Vec::new();
    for &(name, allowed) in COMPONENTS {
        if name == "fractionalSecondDigits" {
            if let Some(digits) = get_number_option(vm, options, name, 1, 3)? {
                components.push((name, digits.to_string()));
            }
            continue;
        }
        if let Some(value) = get_string_option(vm, options, name, allowed, None, SERVICE)? {
            components.push((name, value));
        }
    }
    get_string_option(
        vm,
        options,
        "formatMatcher",
        &["basic", "best fit"],
        None,
        SERVICE,
    )?;
    let styles = ["full", "long", "medium", "short"];
    let date_style = get_string_option(vm, options, "dateStyle", &styles, None, SERVICE)?;
    let time_style = get_string_option(vm, options, "timeStyle", &styles, None, SERVICE)?;
    if date_style.is_some() || time_style.is_some() {
        if let Some((name, _)) = components.first() {
            let style = if date_style.is_some() {
                "dateStyle"
            } else {
                "timeStyle"
            };
            return vm.throw_type_error(&format!("Can't set option {name} when {style} is used"));
        }
        if required == Defaults::Date && date_style.is_none() {
            return vm.throw_type_error("Invalid option : timeStyle");
        }
        if required == Defaults::Time && time_style.is_none() {
            return vm.throw_type_error("Invalid option : dateStyle");
        }
    } else {
        let has = |names: &[&str]| components.iter().any(|(name, _)| names.contains(name));
        let need_defaults = match required {
            Defaults::Date => !has(&["weekday", "year", "month", "day"]),
            Defaults::Time => !has(&[
                "dayPeriod",
                "hour",
                "minute",
                "second",
                "fractionalSecondDigits",
            ]),
            Defaults::All => !has(&[
                "weekday",
                "year",
                "month",
                "day",
                "dayPeriod",
                "hour",
                "minute",
                "second",
                "fractionalSecondDigits",
            ]),
        };
        if need_defaults {
            let added: &[&str] = match defaults {
                Defaults::Date => &["year", "month", "day"],
                Defaults::Time => &["hour", "minute", "second"],
                Defaults::All => &["year", "month", "day", "hour", "minute", "second"],
            };
            for &name in added {
                components.push((name, "numeric".to_string()));
            }
            components.sort_by_key(|(name, _)| {
                COMPONENTS
                    .iter()
                    .position(|(component, _)| component == name)
            });
        }
    }
    let has_hour = components.iter().any(|(name, _)| *name == "hour") || time_style.is_some();
    // ECMA-402 as node 20 implements it: hour12 picks the 12- or 24-hour variant of the
    // locale's default cycle (so `hour12: false` in en-US is "h24", midnight shows as 24).
    let default_cycle = if locale_data::uses_twelve_hour_clock(&locale) {
        "h12"
    } else {
        "h23"
    };
    let hour_cycle = if let Some(twelve) = hour12 {
        match (twelve, default_cycle) {
            (true, "h23") => "h11",
            (true, _) => "h12",
            (false, "h23") => "h23",
            (false, _) => "h24",
        }
    } else if let Some(cycle) = &hour_cycle_option {
        match cycle.as_str() {
            "h11" => "h11",
            "h12" => "h12",
            "h24" => "h24",
            _ => "h23",
        }
    } else {
        default_cycle
    };
    let mut resolved = Resolved::default();
    resolved.push_text("locale", &locale);
    resolved.push_text("calendar", "gregory");
    resolved.push_text("numberingSystem", "latn");
    resolved.push_text("timeZone", time_zone);
    if has_hour {
        resolved.push_text("hourCycle", hour_cycle);
        resolved.push("hour12", Field::Bool(matches!(hour_cycle, "h11" | "h12")));
    }
    for (name, value) in &components {
        if *name == "fractionalSecondDigits" {
            resolved.push_number(name, value.parse::<f64>().unwrap_or(1.0));
        } else {
            resolved.push_text(name, value);
        }
    }
    if let Some(style) = &date_style {
        resolved.push_text("dateStyle", style);
    }
    if let Some(style) = &time_style {
        resolved.push_text("timeStyle", style);
    }
    // The pattern decides which numeric fields really show two digits (resolvedOptions
    // reports "2-digit" for them, as ICU's pattern-derived options do).
    let pattern = pattern_for(&resolved);
    for (name, token) in [
        ("month", "{MM}"),
        ("day", "{dd}"),
        ("hour", "{hh}"),
        ("minute", "{mm}"),
        ("second", "{ss}"),
    ] {
        if resolved.text(name) == "numeric" && pattern.contains(token) {
            for (field_name, field) in resolved.fields.iter_mut() {
                if field_name == name {
                    *field = Field::Text("2-digit".to_string());
                }
            }
        }
    }
    vm.close_handle_scope(scope);
    Ok(resolved)
}

// ----- formatting -----

/// Calendar fields of a time value (UTC).
struct Fields {
    year: i64,
    month: i64,
    day: i64,
    weekday: i64,
    hour: i64,
    minute: i64,
    second: i64,
    millisecond: i64,
}

fn fields_of(time: f64) -> Fields {
    let day_number = (time / 86_400_000.0).floor();
    let (year, month, day) = super::super::date::civil_from_days(day_number as i64);
    let within_day = (time - day_number * 86_400_000.0) as i64;
    Fields {
        year,
        month,
        day,
        weekday: (day_number as i64 + 4).rem_euclid(7),
        hour: within_day / 3_600_000,
        minute: within_day / 60_000 % 60,
        second: within_day / 1000 % 60,
        millisecond: within_day % 1000,
    }
}

/// The date skeleton key of the resolved components (see `tables::DATE_PATTERNS`).
fn date_skeleton(resolved: &Resolved) -> String {
    let mut skeleton = String::new();
    match resolved.text("weekday") {
        "" => {}
        "long" => skeleton.push_str("EEEE"),
        _ => skeleton.push('E'),
    }
    if !resolved.text("year").is_empty() {
        skeleton.push('y');
    }
    match resolved.text("month") {
        "" => {}
        "numeric" | "2-digit" => skeleton.push('M'),
        "long" => skeleton.push_str("MMMM"),
        _ => skeleton.push_str("MMM"),
    }
    if !resolved.text("day").is_empty() {
        skeleton.push('d');
    }
    skeleton
}

/// The time skeleton key of the resolved components.
fn time_skeleton(resolved: &Resolved) -> String {
    let mut skeleton = String::new();
    if !resolved.text("hour").is_empty() {
        skeleton.push(if matches!(resolved.text("hourCycle"), "h11" | "h12") {
            'h'
        } else {
            'H'
        });
    }
    if !resolved.text("minute").is_empty() {
        skeleton.push('m');
    }
    if !resolved.text("second").is_empty() {
        skeleton.push('s');
    }
    skeleton
}

/// The pattern for the resolved options.
fn pattern_for(resolved: &Resolved) -> String {
    let locale = resolved.text("locale");
    let date_style = resolved.text("dateStyle");
    let time_style = resolved.text("timeStyle");
    if !date_style.is_empty() || !time_style.is_empty() {
        let date_pattern = if date_style.is_empty() {
            None
        } else {
            locale_data::date_pattern(locale, &format!("date:{date_style}"))
        };
        let time_pattern = if time_style.is_empty() {
            None
        } else {
            let cycle_prefix = match (
                resolved.text("hourCycle"),
                locale_data::uses_twelve_hour_clock(locale),
            ) {
                ("h11" | "h12", false) => "time12",
                ("h23" | "h24", true) => "time24",
                _ => "time",
            };
            locale_data::date_pattern(locale, &format!("{cycle_prefix}:{time_style}"))
        };
        return match (date_pattern, time_pattern) {
            (Some(date), Some(time)) => {
                let join = locale_data::date_pattern(locale, &format!("join:{date_style}"))
                    .unwrap_or("{0}, {1}");
                join.replace("{0}", date).replace("{1}", time)
            }
            (Some(date), None) => date.to_string(),
            (None, Some(time)) => time.to_string(),
            (None, None) => String::new(),
        };
    }
    let date_key = date_skeleton(resolved);
    let mut time_key = time_skeleton(resolved);
    let has_zone = !resolved.text("timeZoneName").is_empty();
    let date_pattern = if date_key.is_empty() {
        None
    } else {
        locale_data::date_pattern(locale, &date_key).map(str::to_string)
    };
    let fractional = resolved.number("fractionalSecondDigits").is_some();
    if fractional && !time_key.contains('s') {
        time_key.push('s');
    }
    let time_pattern = if time_key.is_empty() {
        has_zone.then(|| "{z}".to_string())
    } else {
        if has_zone {
            time_key.push(if resolved.text("timeZoneName") == "long" {
                'Z'
            } else {
                'z'
            });
        }
        locale_data::date_pattern(locale, &time_key).map(str::to_string)
    };
    let mut pattern = match (date_pattern, time_pattern) {
        (Some(date), Some(time)) => {
            // ICU joins date and time by the length of the date: numeric months like the
            // short style, abbreviated months like medium, full month names like long (full
            // with a weekday).
            let join_key = match resolved.text("month") {
                "long" if !resolved.text("weekday").is_empty() => "join:full",
                "long" => "join:long",
                "short" | "narrow" => "join:medium",
                _ => "join:short",
            };
            let join = locale_data::date_pattern(locale, join_key).unwrap_or("{0}, {1}");
            join.replace("{0}", &date).replace("{1}", &time)
        }
        (Some(date), None) => date,
        (None, Some(time)) => time,
        (None, None) => String::new(),
    };
    if !resolved.text("era").is_empty() {
        pattern = if locale_data::data_locale(locale) == "ja-JP" {
            format!("{{G}}{pattern}")
        } else {
            format!("{pattern} {{G}}")
        };
    }
    if fractional {
        let decimal = locale_data::number_symbols(locale).decimal;
        pattern = if pattern.contains("{ss}") {
            pattern.replace("{ss}", &format!("{{ss}}{decimal}{{S}}"))
        } else {
            pattern.replace("{s}", &format!("{{s}}{decimal}{{S}}"))
        };
    }
    if !resolved.text("dayPeriod").is_empty() && !pattern.contains("{a}") {
        pattern = format!("{pattern} {{B}}");
    }
    pattern
}

/// Formats a (valid, clipped) time value into typed parts.
pub fn format_to_parts(resolved: &Resolved, time: f64) -> Vec<(String, String)> {
    let locale = resolved.text("locale");
    let fields = fields_of(time);
    let pattern = pattern_for(resolved);
    let mut parts: Vec<(String, String)> = Vec::new();
    let mut rest = pattern.as_str();
    let pad = |value: i64, two: bool| {
        if two {
            format!("{:02}", value % 100)
        } else {
            value.to_string()
        }
    };
    while !rest.is_empty() {
        let Some(open) = rest.find('{') else {
            push_literal(&mut parts, rest);
            break;
        };
        if open > 0 {
            push_literal(&mut parts, &rest[..open]);
        }
        let Some(close) = rest[open..].find('}') else {
            push_literal(&mut parts, &rest[open..]);
            break;
        };
        let token = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let two_digit_option = |name: &str| resolved.text(name) == "2-digit";
        let (part_type, value) = match token {
            "y" | "yy" => {
                let year = if fields.year <= 0 && !resolved.text("era").is_empty() {
                    1 - fields.year
                } else {
                    fields.year
                };
                let text = if token == "yy" || two_digit_option("year") {
                    format!("{:02}", year.rem_euclid(100))
                } else {
                    year.to_string()
                };
                ("year", text)
            }
            "M" | "MM" => (
                "month",
                pad(fields.month, token == "MM" || two_digit_option("month")),
            ),
            "L" => {
                let width = match (resolved.text("month"), resolved.text("dateStyle")) {
                    ("", "medium") => "short",
                    ("long" | "", _) => "long",
                    ("narrow", _) => "narrow",
                    _ => "short",
                };
                // A month shown alone uses the stand-alone names (German "Mär" vs "März").
                let alone = resolved.text("dateStyle").is_empty()
                    && ["day", "year", "weekday"]
                        .iter()
                        .all(|name| resolved.text(name).is_empty());
                let context = if alone { "standalone" } else { "format" };
                let names = locale_data::date_names(locale, &format!("month-{context}-{width}"));
                let name = names
                    .get((fields.month - 1) as usize)
                    .copied()
                    .unwrap_or("")
                    .to_string();
                ("month", name)
            }
            "d" | "dd" => (
                "day",
                pad(fields.day, token == "dd" || two_digit_option("day")),
            ),
            "E" => {
                let width = match resolved.text("weekday") {
                    "short" => "short",
                    "narrow" => "narrow",
                    _ => "long",
                };
                // A weekday shown with other date fields uses the format names (German
                // "Di." vs the stand-alone "Di").
                let with_date = ["day", "month", "year"]
                    .iter()
                    .any(|name| !resolved.text(name).is_empty());
                let kind = if with_date || !resolved.text("dateStyle").is_empty() {
                    format!("weekday-format-{width}")
                } else {
                    format!("weekday-{width}")
                };
                let names = locale_data::date_names(locale, &kind);
                let name = names
                    .get(fields.weekday as usize)
                    .copied()
                    .unwrap_or("")
                    .to_string();
                ("weekday", name)
            }
            "h" | "hh" => {
                let hour = match resolved.text("hourCycle") {
                    "h11" => fields.hour % 12,
                    "h12" => {
                        if fields.hour % 12 == 0 {
                            12
                        } else {
                            fields.hour % 12
                        }
                    }
                    "h24" => {
                        if fields.hour == 0 {
                            24
                        } else {
                            fields.hour
                        }
                    }
                    _ => fields.hour,
                };
                ("hour", pad(hour, token == "hh" || two_digit_option("hour")))
            }
            "m" | "mm" => (
                "minute",
                pad(fields.minute, token == "mm" || two_digit_option("minute")),
            ),
            "s" | "ss" => (
                "second",
                pad(fields.second, token == "ss" || two_digit_option("second")),
            ),
            "S" => {
                let digits = resolved.number("fractionalSecondDigits").unwrap_or(3.0) as usize;
                let text = format!("{:03}", fields.millisecond);
                ("fractionalSecond", text[..digits.min(3)].to_string())
            }
            "a" => {
                let names = locale_data::date_names(locale, "dayperiod");
                let index = usize::from(fields.hour >= 12);
                (
                    "dayPeriod",
                    names.get(index).copied().unwrap_or("").to_string(),
                )
            }
            "B" => ("dayPeriod", flexible_day_period(locale, fields.hour)),
            "z" => {
                let name = match resolved.text("timeZoneName") {
                    "long" => locale_data::date_names(locale, "timezone-long")
                        .first()
                        .copied()
                        .unwrap_or("UTC")
                        .to_string(),
                    "shortOffset" | "longOffset" => "GMT".to_string(),
                    _ if !resolved.text("timeStyle").is_empty() => {
                        let kind = if matches!(resolved.text("timeStyle"), "full") {
                            "timezone-long"
                        } else {
                            "timezone-short"
                        };
                        locale_data::date_names(locale, kind)
                            .first()
                            .copied()
                            .unwrap_or("UTC")
                            .to_string()
                    }
                    _ => locale_data::date_names(locale, "timezone-short")
                        .first()
                        .copied()
                        .unwrap_or("UTC")
                        .to_string(),
                };
                ("timeZoneName", name)
            }
            "G" => {
                let kind = if resolved.text("era") == "long" {
                    "era-long"
                } else {
                    "era-short"
                };
                let names = locale_data::date_names(locale, kind);
                let index = usize::from(fields.year > 0);
                let name = names.get(index).copied().unwrap_or("").to_string();
                let name = if resolved.text("era") == "narrow" {
                    name.chars().next().map(String::from).unwrap_or_default()
                } else {
                    name
                };
                ("era", name)
            }
            _ => ("literal", format!("{{{token}}}")),
        };
        if part_type == "literal" {
            push_literal(&mut parts, &value);
        } else {
            parts.push((part_type.to_string(), value));
        }
    }
    parts
}

/// English flexible day periods ("in the morning"...), for the `dayPeriod` option.
fn flexible_day_period(locale: &str, hour: i64) -> String {
    if super::language_of(locale) != "en" {
        let names = locale_data::date_names(locale, "dayperiod");
        return names
            .get(usize::from(hour >= 12))
            .copied()
            .unwrap_or("")
            .to_string();
    }
    match hour {
        6..=11 => "in the morning",
        12 => "noon",
        13..=17 => "in the afternoon",
        18..=20 => "in the evening",
        _ => "at night",
    }
    .to_string()
}

fn push_literal(parts: &mut Vec<(String, String)>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some((part_type, value)) = parts.last_mut()
        && part_type == "literal"
    {
        value.push_str(text);
        return;
    }
    parts.push(("literal".to_string(), text.to_string()));
}

/// Formats to a string; like V8, `format` shows U+202F NARROW NO-BREAK SPACE as a plain space
/// (`formatToParts` keeps it).
pub fn format(resolved: &Resolved, time: f64) -> String {
    format_to_parts(resolved, time)
        .into_iter()
        .map(|(_, text)| text)
        .collect::<String>()
        .replace('\u{202f}', " ")
}

// ----- JavaScript bindings -----

fn date_time_format_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let locales = args.get(vm, 0);
    let options = args.get(vm, 1);
    let resolved =
        resolve_date_time_format_options(vm, locales, options, Defaults::All, Defaults::Date)?;
    super::create_service_object(vm, &args, IntlKind::DateTimeFormat, &resolved).map(Value::Object)
}

/// The time value to format: `undefined` is now; anything else goes through ToNumber and
/// TimeClip, and NaN is a RangeError.
fn time_argument(vm: &mut Vm, value: Value) -> JsResult<f64> {
    let time = if value.is_undefined() {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|elapsed| elapsed.as_millis() as f64)
            .unwrap_or(0.0)
    } else if let Value::Object(object) = value
        && let ObjectKind::Date(time) = vm.object(object).kind
    {
        time
    } else {
        vm.to_number(value)?
    };
    let clipped = super::super::date::time_clip(time);
    if clipped.is_nan() {
        return vm.throw_range_error("Invalid time value");
    }
    Ok(clipped)
}

fn date_time_format_format_getter(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    super::this_service(vm, this, IntlKind::DateTimeFormat, "UnwrapDateTimeFormat")?;
    let Value::Object(object) = this else {
        return Ok(Value::Undefined);
    };
    let cached = super::cached_bound_function(vm, object);
    if !cached.is_undefined() {
        return Ok(cached);
    }
    let name = super::super::string_value(vm, "");
    let function = vm.new_native_function_with_data(name, 1, bound_format, false, this);
    super::set_cached_bound_function(vm, object, Value::Object(function));
    Ok(Value::Object(function))
}

fn bound_format(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let service = vm.native_function_data(args.callee());
    let resolved = super::this_service(vm, service, IntlKind::DateTimeFormat, "format")?;
    let value = args.get(vm, 0);
    let time = time_argument(vm, value)?;
    let text = format(&resolved, time);
    Ok(super::super::string_value(vm, &text))
}

fn date_time_format_format_to_parts(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let resolved = super::this_service(
        vm,
        this,
        IntlKind::DateTimeFormat,
        "Intl.DateTimeFormat.prototype.formatToParts",
    )?;
    let value = args.get(vm, 0);
    let time = time_argument(vm, value)?;
    let parts = format_to_parts(&resolved, time);
    super::parts_array(vm, &parts)
}

fn date_time_format_resolved_options(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let resolved = super::this_service(vm, this, IntlKind::DateTimeFormat, "UnwrapDateTimeFormat")?;
    super::resolved_options_object(vm, &resolved)
}

/// `Date.prototype.toLocaleString` / `toLocaleDateString` / `toLocaleTimeString` for a time
/// value: "Invalid Date" for NaN, otherwise the formatted date.
pub fn date_to_locale_string(
    vm: &mut Vm,
    time: f64,
    locales: Value,
    options: Value,
    required: Defaults,
    defaults: Defaults,
) -> JsResult<Value> {
    if time.is_nan() {
        return Ok(super::super::string_value(vm, "Invalid Date"));
    }
    let resolved = resolve_date_time_format_options(vm, locales, options, required, defaults)?;
    let text = format(&resolved, time);
    Ok(super::super::string_value(vm, &text))
}
