//! `Intl.DateTimeFormat` (ECMA-402 chapter 11) and `Date.prototype.toLocaleString`,
//! `toLocaleDateString` and `toLocaleTimeString`.
//!
//! Formatting picks a pattern from the measured tables: the date fields (weekday, year,
//! month, day) and the time fields (hour cycle, minute, second, time zone name) each map to a
//! skeleton whose pattern is looked up separately, and the two are joined with the locale's
//! connector; `dateStyle`/`timeStyle` have their own patterns. The local time zone is UTC (as
//! on the reference machines); a small table of IANA zones (US, European, Asian and Australian
//! ones) applies the current daylight-saving rules of their region to every year. Other zone
//! names are a RangeError, as an unknown zone is.

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

/// Daylight-saving rules of the supported zones (the current rules, applied to every year).
#[derive(Clone, Copy, PartialEq, Eq)]
enum DaylightRule {
    /// No daylight saving time.
    None,
    /// United States since 2007: second Sunday of March 2:00 local to first Sunday of
    /// November 2:00 local.
    UnitedStates,
    /// European Union: last Sunday of March 01:00 UTC to last Sunday of October 01:00 UTC.
    Europe,
    /// South-eastern Australia: first Sunday of October 2:00 local standard time to first
    /// Sunday of April 3:00 local daylight time.
    Australia,
}

/// A supported IANA time zone: name, standard offset in minutes, daylight rule, and English
/// short and long names for standard and daylight time (empty short names show "GMT+h").
struct TimeZone {
    name: &'static str,
    standard_offset: i64,
    rule: DaylightRule,
    short_names: [&'static str; 2],
    long_names: [&'static str; 2],
}

const US_EASTERN: [&str; 2] = ["Eastern Standard Time", "Eastern Daylight Time"];
const US_CENTRAL: [&str; 2] = ["Central Standard Time", "Central Daylight Time"];
const US_MOUNTAIN: [&str; 2] = ["Mountain Standard Time", "Mountain Daylight Time"];
const US_PACIFIC: [&str; 2] = ["Pacific Standard Time", "Pacific Daylight Time"];
const CENTRAL_EUROPE: [&str; 2] = [
    "Central European Standard Time",
    "Central European Summer Time",
];

const TIME_ZONES: &[TimeZone] = &[
    TimeZone {
        name: "UTC",
        standard_offset: 0,
        rule: DaylightRule::None,
        short_names: ["UTC", "UTC"],
        long_names: ["Coordinated Universal Time", "Coordinated Universal Time"],
    },
    TimeZone {
        name: "America/New_York",
        standard_offset: -300,
        rule: DaylightRule::UnitedStates,
        short_names: ["EST", "EDT"],
        long_names: US_EASTERN,
    },
    TimeZone {
        name: "America/Chicago",
        standard_offset: -360,
        rule: DaylightRule::UnitedStates,
        short_names: ["CST", "CDT"],
        long_names: US_CENTRAL,
    },
    TimeZone {
        name: "America/Denver",
        standard_offset: -420,
        rule: DaylightRule::UnitedStates,
        short_names: ["MST", "MDT"],
        long_names: US_MOUNTAIN,
    },
    TimeZone {
        name: "America/Phoenix",
        standard_offset: -420,
        rule: DaylightRule::None,
        short_names: ["MST", "MST"],
        long_names: [US_MOUNTAIN[0], US_MOUNTAIN[0]],
    },
    TimeZone {
        name: "America/Los_Angeles",
        standard_offset: -480,
        rule: DaylightRule::UnitedStates,
        short_names: ["PST", "PDT"],
        long_names: US_PACIFIC,
    },
    TimeZone {
        name: "Europe/London",
        standard_offset: 0,
        rule: DaylightRule::Europe,
        short_names: ["", ""],
        long_names: ["Greenwich Mean Time", "British Summer Time"],
    },
    TimeZone {
        name: "Europe/Paris",
        standard_offset: 60,
        rule: DaylightRule::Europe,
        short_names: ["", ""],
        long_names: CENTRAL_EUROPE,
    },
    TimeZone {
        name: "Europe/Berlin",
        standard_offset: 60,
        rule: DaylightRule::Europe,
        short_names: ["", ""],
        long_names: CENTRAL_EUROPE,
    },
    TimeZone {
        name: "Europe/Madrid",
        standard_offset: 60,
        rule: DaylightRule::Europe,
        short_names: ["", ""],
        long_names: CENTRAL_EUROPE,
    },
    TimeZone {
        name: "Europe/Rome",
        standard_offset: 60,
        rule: DaylightRule::Europe,
        short_names: ["", ""],
        long_names: CENTRAL_EUROPE,
    },
    TimeZone {
        name: "Europe/Amsterdam",
        standard_offset: 60,
        rule: DaylightRule::Europe,
        short_names: ["", ""],
        long_names: CENTRAL_EUROPE,
    },
    TimeZone {
        name: "Asia/Tokyo",
        standard_offset: 540,
        rule: DaylightRule::None,
        short_names: ["", ""],
        long_names: ["Japan Standard Time", "Japan Standard Time"],
    },
    TimeZone {
        name: "Asia/Shanghai",
        standard_offset: 480,
        rule: DaylightRule::None,
        short_names: ["", ""],
        long_names: ["China Standard Time", "China Standard Time"],
    },
    TimeZone {
        name: "Asia/Singapore",
        standard_offset: 480,
        rule: DaylightRule::None,
        short_names: ["", ""],
        long_names: ["Singapore Standard Time", "Singapore Standard Time"],
    },
    TimeZone {
        name: "Asia/Kolkata",
        standard_offset: 330,
        rule: DaylightRule::None,
        short_names: ["", ""],
        long_names: ["India Standard Time", "India Standard Time"],
    },
    TimeZone {
        name: "Asia/Dubai",
        standard_offset: 240,
        rule: DaylightRule::None,
        short_names: ["", ""],
        long_names: ["Gulf Standard Time", "Gulf Standard Time"],
    },
    TimeZone {
        name: "Australia/Sydney",
        standard_offset: 600,
        rule: DaylightRule::Australia,
        short_names: ["", ""],
        long_names: [
            "Australian Eastern Standard Time",
            "Australian Eastern Daylight Time",
        ],
    },
];

/// The canonical name of a supported time zone (case-insensitive; the UTC aliases map to
/// "UTC").
fn canonical_time_zone(name: &str) -> Option<&'static str> {
    let upper = name.to_ascii_uppercase();
    match upper.as_str() {
        "UTC" | "ETC/UTC" | "GMT" | "ETC/GMT" | "ETC/UCT" | "UCT" | "ETC/UNIVERSAL"
        | "UNIVERSAL" | "ETC/ZULU" | "ZULU" | "ETC/GMT0" | "GMT0" | "ETC/GMT+0" | "ETC/GMT-0"
        | "GMT+0" | "GMT-0" | "ETC/GREENWICH" | "GREENWICH" => Some("UTC"),
        _ => TIME_ZONES
            .iter()
            .find(|zone| zone.name.eq_ignore_ascii_case(name))
            .map(|zone| zone.name),
    }
}

fn find_time_zone(name: &str) -> &'static TimeZone {
    TIME_ZONES
        .iter()
        .find(|zone| zone.name == name)
        .unwrap_or(&TIME_ZONES[0])
}

/// The UTC time of 00:00 on the `nth` (1-based; 0 means last) Sunday of a month.
fn sunday_of_month(year: i64, month: i64, nth: i64) -> f64 {
    const DAY: f64 = 86_400_000.0;
    if nth == 0 {
        let first_of_next = if month == 12 {
            super::super::date::days_from_civil(year + 1, 1, 1)
        } else {
            super::super::date::days_from_civil(year, month + 1, 1)
        };
        let last = first_of_next - 1;
        let weekday = (last + 4).rem_euclid(7);
        return (last - weekday) as f64 * DAY;
    }
    let first = super::super::date::days_from_civil(year, month, 1);
    let weekday = (first + 4).rem_euclid(7);
    let first_sunday = first + (7 - weekday) % 7;
    (first_sunday + 7 * (nth - 1)) as f64 * DAY
}

/// The offset from UTC in minutes of a zone at a UTC time, and whether it is daylight time.
fn zone_offset(zone: &TimeZone, time: f64) -> (i64, bool) {
    const HOUR: f64 = 3_600_000.0;
    let standard = zone.standard_offset;
    let standard_ms = standard as f64 * 60_000.0;
    let year = fields_of(time).year;
    let daylight = match zone.rule {
        DaylightRule::None => false,
        DaylightRule::UnitedStates => {
            let start = sunday_of_month(year, 3, 2) + 2.0 * HOUR - standard_ms;
            let end = sunday_of_month(year, 11, 1) + 2.0 * HOUR - standard_ms - HOUR;
            time >= start && time < end
        }
        DaylightRule::Europe => {
            let start = sunday_of_month(year, 3, 0) + HOUR;
            let end = sunday_of_month(year, 10, 0) + HOUR;
            time >= start && time < end
        }
        DaylightRule::Australia => {
            let end = sunday_of_month(year, 4, 1) + 3.0 * HOUR - standard_ms - HOUR;
            let start = sunday_of_month(year, 10, 1) + 2.0 * HOUR - standard_ms;
            time < end || time >= start
        }
    };
    (standard + if daylight { 60 } else { 0 }, daylight)
}

/// "GMT+5:30"-style offset names (French writes "UTC−5" with a minus sign).
fn offset_name(locale: &str, minutes: i64) -> String {
    let french = super::language_of(locale) == "fr";
    let prefix = if french { "UTC" } else { "GMT" };
    if minutes == 0 {
        return match locale_data::data_locale(locale) {
            "en-US" | "en-GB" | "es-ES" => prefix.to_string(),
            _ => format!("{prefix}+0"),
        };
    }
    let sign = match (minutes < 0, french) {
        (true, true) => "\u{2212}",
        (true, false) => "-",
        _ => "+",
    };
    let hours = minutes.abs() / 60;
    let rest = minutes.abs() % 60;
    if rest == 0 {
        format!("{prefix}{sign}{hours}")
    } else {
        format!("{prefix}{sign}{hours}:{rest:02}")
    }
}

/// The time zone name shown for the `{z}` token.
fn zone_display_name(locale: &str, zone: &TimeZone, time: f64, long: bool) -> String {
    let (minutes, daylight) = zone_offset(zone, time);
    let index = usize::from(daylight);
    if zone.name == "UTC" {
        let kind = if long {
            "timezone-long"
        } else {
            "timezone-short"
        };
        return locale_data::date_names(locale, kind)
            .first()
            .copied()
            .unwrap_or("UTC")
            .to_string();
    }
    if long {
        return zone.long_names[index].to_string();
    }
    let table_locale = locale_data::data_locale(locale);
    let central_europe = zone.long_names == CENTRAL_EUROPE;
    match table_locale {
        "en-US" if !zone.short_names[index].is_empty() => zone.short_names[index].to_string(),
        "en-GB" if zone.name == "Europe/London" => ["GMT", "BST"][index].to_string(),
        "en-GB" | "es-ES" if central_europe => ["CET", "CEST"][index].to_string(),
        "de-DE" if central_europe => ["MEZ", "MESZ"][index].to_string(),
        "ja-JP" if zone.name == "Asia/Tokyo" => "JST".to_string(),
        _ => offset_name(locale, minutes),
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
    let zone = find_time_zone(resolved.text("timeZone"));
    let (offset_minutes, _) = zone_offset(zone, time);
    let fields = fields_of(time + offset_minutes as f64 * 60_000.0);
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
                let long = match resolved.text("timeZoneName") {
                    "long" | "longGeneric" => true,
                    "" => resolved.text("timeStyle") == "full",
                    _ => false,
                };
                let name = match resolved.text("timeZoneName") {
                    "shortOffset" | "longOffset" => offset_name(locale, offset_minutes),
                    _ => zone_display_name(locale, zone, time, long),
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
