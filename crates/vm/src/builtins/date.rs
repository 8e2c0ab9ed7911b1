//! `Date`: time values, the constructor forms, `Date.now/parse/UTC`, getters and setters,
//! and the string formats node prints.
//!
//! Time zone: local time is UTC (offset 0, "Coordinated Universal Time"), which is what node
//! prints on this machine and in CI (TZ unset, /etc/localtime = UTC). The `TZ` environment
//! variable is not consulted (stated simplification); local and UTC accessors therefore agree.
//! The calendar math uses the proleptic Gregorian days-from-civil formulas on `i64`.

use super::intl::date_time::Defaults;
use super::{method, string_value, symbol_method};
use crate::atom::PropertyKey;
use crate::function::Args;
use crate::object::ObjectKind;
use crate::realm::Vm;
use crate::shape::Attributes;
use crate::value::{JsResult, ObjectRef, Value};

const MS_PER_DAY: f64 = 86_400_000.0;
const DAY_NAMES: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Installs `Date` and `Date.prototype`.
pub fn install(vm: &mut Vm) {
    let constructor = vm.intrinsics.date_constructor;
    super::install_constructor_behaviour(vm, constructor, date_constructor, 7);
    let prototype = vm.intrinsics.date_prototype;
    vm.defer_contents(&[constructor, prototype], install_contents);
}

/// Installs the properties of `Date` and `Date.prototype` (on first touch, see `crate::deferred_contents`;
/// setting the constructor's behaviour again is harmless).
fn install_contents(vm: &mut Vm) {
    let constructor = vm.intrinsics.date_constructor;
    super::install_constructor_behaviour(vm, constructor, date_constructor, 7);
    method(vm, constructor, "now", 0, date_now);
    method(vm, constructor, "parse", 1, date_parse);
    method(vm, constructor, "UTC", 7, date_utc);

    let prototype = vm.intrinsics.date_prototype;
    let methods: &[(&str, u32, crate::function::NativeFunction)] = &[
        ("getTime", 0, |vm, this, _| {
            Ok(Value::Number(this_time(vm, this)?))
        }),
        ("valueOf", 0, |vm, this, _| {
            Ok(Value::Number(this_time(vm, this)?))
        }),
        ("getTimezoneOffset", 0, |vm, this, _| {
            field_getter(vm, this, |_| 0.0)
        }),
        ("getFullYear", 0, |vm, this, _| {
            field_getter(vm, this, |t| civil(t).0 as f64)
        }),
        ("getUTCFullYear", 0, |vm, this, _| {
            field_getter(vm, this, |t| civil(t).0 as f64)
        }),
        ("getYear", 0, |vm, this, _| {
            field_getter(vm, this, |t| civil(t).0 as f64 - 1900.0)
        }),
        ("getMonth", 0, |vm, this, _| {
            field_getter(vm, this, |t| civil(t).1 as f64 - 1.0)
        }),
        ("getUTCMonth", 0, |vm, this, _| {
            field_getter(vm, this, |t| civil(t).1 as f64 - 1.0)
        }),
        ("getDate", 0, |vm, this, _| {
            field_getter(vm, this, |t| civil(t).2 as f64)
        }),
        ("getUTCDate", 0, |vm, this, _| {
            field_getter(vm, this, |t| civil(t).2 as f64)
        }),
        ("getDay", 0, |vm, this, _| field_getter(vm, this, week_day)),
        ("getUTCDay", 0, |vm, this, _| {
            field_getter(vm, this, week_day)
        }),
        ("getHours", 0, |vm, this, _| {
            field_getter(vm, this, |t| time_part(t, 3_600_000.0, 24.0))
        }),
        ("getUTCHours", 0, |vm, this, _| {
            field_getter(vm, this, |t| time_part(t, 3_600_000.0, 24.0))
        }),
        ("getMinutes", 0, |vm, this, _| {
            field_getter(vm, this, |t| time_part(t, 60_000.0, 60.0))
        }),
        ("getUTCMinutes", 0, |vm, this, _| {
            field_getter(vm, this, |t| time_part(t, 60_000.0, 60.0))
        }),
        ("getSeconds", 0, |vm, this, _| {
            field_getter(vm, this, |t| time_part(t, 1000.0, 60.0))
        }),
        ("getUTCSeconds", 0, |vm, this, _| {
            field_getter(vm, this, |t| time_part(t, 1000.0, 60.0))
        }),
        ("getMilliseconds", 0, |vm, this, _| {
            field_getter(vm, this, |t| time_part(t, 1.0, 1000.0))
        }),
        ("getUTCMilliseconds", 0, |vm, this, _| {
            field_getter(vm, this, |t| time_part(t, 1.0, 1000.0))
        }),
        ("setTime", 1, date_set_time),
        ("setMilliseconds", 1, |vm, this, args| {
            set_fields(vm, this, args, Field::Millisecond)
        }),
        ("setUTCMilliseconds", 1, |vm, this, args| {
            set_fields(vm, this, args, Field::Millisecond)
        }),
        ("setSeconds", 2, |vm, this, args| {
            set_fields(vm, this, args, Field::Second)
        }),
        ("setUTCSeconds", 2, |vm, this, args| {
            set_fields(vm, this, args, Field::Second)
        }),
        ("setMinutes", 3, |vm, this, args| {
            set_fields(vm, this, args, Field::Minute)
        }),
        ("setUTCMinutes", 3, |vm, this, args| {
            set_fields(vm, this, args, Field::Minute)
        }),
        ("setHours", 4, |vm, this, args| {
            set_fields(vm, this, args, Field::Hour)
        }),
        ("setUTCHours", 4, |vm, this, args| {
            set_fields(vm, this, args, Field::Hour)
        }),
        ("setDate", 1, |vm, this, args| {
            set_fields(vm, this, args, Field::Date)
        }),
        ("setUTCDate", 1, |vm, this, args| {
            set_fields(vm, this, args, Field::Date)
        }),
        ("setMonth", 2, |vm, this, args| {
            set_fields(vm, this, args, Field::Month)
        }),
        ("setUTCMonth", 2, |vm, this, args| {
            set_fields(vm, this, args, Field::Month)
        }),
        ("setFullYear", 3, |vm, this, args| {
            set_fields(vm, this, args, Field::Year)
        }),
        ("setUTCFullYear", 3, |vm, this, args| {
            set_fields(vm, this, args, Field::Year)
        }),
        ("toISOString", 0, date_to_iso_string),
        ("toJSON", 1, date_to_json),
        ("toString", 0, |vm, this, _| {
            format_method(vm, this, to_date_string_full)
        }),
        ("toDateString", 0, |vm, this, _| {
            format_method(vm, this, date_part)
        }),
        ("toTimeString", 0, |vm, this, _| {
            format_method(vm, this, |t| {
                format!("{} GMT+0000 (Coordinated Universal Time)", clock(t))
            })
        }),
        ("toUTCString", 0, |vm, this, _| {
            format_method(vm, this, to_utc_string)
        }),
        ("setYear", 1, date_set_year),
        ("toLocaleString", 0, |vm, this, args| {
            locale_method(vm, this, args, Defaults::All, Defaults::All)
        }),
        ("toLocaleDateString", 0, |vm, this, args| {
            locale_method(vm, this, args, Defaults::Date, Defaults::Date)
        }),
        ("toLocaleTimeString", 0, |vm, this, args| {
            locale_method(vm, this, args, Defaults::Time, Defaults::Time)
        }),
    ];
    for &(name, length, function) in methods {
        method(vm, prototype, name, length, function);
    }
    // Annex B: `toGMTString` is the same function object as `toUTCString`.
    let to_utc_string_key = vm.property_key_from_str("toUTCString");
    if let Ok(function) = vm.get(prototype, to_utc_string_key) {
        super::value_property(vm, prototype, "toGMTString", function);
    }
    let to_primitive = vm.intrinsics.symbols.to_primitive;
    let created = symbol_method(
        vm,
        prototype,
        to_primitive,
        "[Symbol.toPrimitive]",
        1,
        date_to_primitive,
    );
    vm.define_data_property(
        prototype,
        PropertyKey::Symbol(to_primitive),
        Value::Object(created),
        Attributes::CONFIGURABLE_ONLY,
    );
}

// ----- calendar math -----

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1..=12).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = if year >= 0 { year } else { year - 399 } / 400;
    let year_of_era = year - era * 400;
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// (year, month 1..=12, day 1..=31) of a day number since the epoch.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let shifted = days + 719_468;
    let era = if shifted >= 0 {
        shifted
    } else {
        shifted - 146_096
    } / 146_097;
    let day_of_era = shifted - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    (
        year_of_era + era * 400 + if month <= 2 { 1 } else { 0 },
        month,
        day,
    )
}

fn civil(time: f64) -> (i64, i64, i64) {
    civil_from_days((time / MS_PER_DAY).floor() as i64)
}

fn week_day(time: f64) -> f64 {
    (((time / MS_PER_DAY).floor() as i64 + 4).rem_euclid(7)) as f64
}

fn time_part(time: f64, unit: f64, modulo: f64) -> f64 {
    ((time / unit).floor()).rem_euclid(modulo)
}

/// MakeDay(year, month, date) with month overflow handling.
pub fn make_day(year: f64, month: f64, date: f64) -> f64 {
    if !year.is_finite() || !month.is_finite() || !date.is_finite() {
        return f64::NAN;
    }
    let (year, month, date) = (year.trunc(), month.trunc(), date.trunc());
    let whole_year = year + (month / 12.0).floor();
    if whole_year.abs() > 400_000.0 {
        return f64::NAN;
    }
    let month_in_year = month.rem_euclid(12.0);
    days_from_civil(whole_year as i64, month_in_year as i64 + 1, 1) as f64 + date - 1.0
}

/// MakeTime(hour, minute, second, millisecond).
pub fn make_time(hour: f64, minute: f64, second: f64, millisecond: f64) -> f64 {
    if ![hour, minute, second, millisecond]
        .iter()
        .all(|value| value.is_finite())
    {
        return f64::NAN;
    }
    hour.trunc() * 3_600_000.0
        + minute.trunc() * 60_000.0
        + second.trunc() * 1000.0
        + millisecond.trunc()
}

/// MakeDate(day, time).
pub fn make_date(day: f64, time: f64) -> f64 {
    if !day.is_finite() || !time.is_finite() {
        return f64::NAN;
    }
    day * MS_PER_DAY + time
}

/// TimeClip.
pub fn time_clip(time: f64) -> f64 {
    if !time.is_finite() || time.abs() > 8.64e15 {
        return f64::NAN;
    }
    time.trunc() + 0.0
}

// ----- formatting -----

fn year_text(year: i64) -> String {
    if year < 0 {
        format!("-{:06}", -year)
    } else {
        format!("{year:04}")
    }
}

/// `toISOString` for a valid time value.
pub fn to_iso_string(time: f64) -> String {
    let (year, month, day) = civil(time);
    let year = if (0..=9999).contains(&year) {
        format!("{year:04}")
    } else if year < 0 {
        format!("-{:06}", -year)
    } else {
        format!("+{year:06}")
    };
    format!(
        "{year}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        time_part(time, 3_600_000.0, 24.0) as i64,
        time_part(time, 60_000.0, 60.0) as i64,
        time_part(time, 1000.0, 60.0) as i64,
        time_part(time, 1.0, 1000.0) as i64
    )
}

fn clock(time: f64) -> String {
    format!(
        "{:02}:{:02}:{:02}",
        time_part(time, 3_600_000.0, 24.0) as i64,
        time_part(time, 60_000.0, 60.0) as i64,
        time_part(time, 1000.0, 60.0) as i64
    )
}

fn date_part(time: f64) -> String {
    let (year, month, day) = civil(time);
    format!(
        "{} {} {day:02} {}",
        DAY_NAMES[week_day(time) as usize],
        MONTH_NAMES[month as usize - 1],
        year_text(year)
    )
}

/// `Date.prototype.toString` for a valid time value.
pub fn to_date_string_full(time: f64) -> String {
    format!(
        "{} {} GMT+0000 (Coordinated Universal Time)",
        date_part(time),
        clock(time)
    )
}

fn to_utc_string(time: f64) -> String {
    let (year, month, day) = civil(time);
    format!(
        "{}, {day:02} {} {} {} GMT",
        DAY_NAMES[week_day(time) as usize],
        MONTH_NAMES[month as usize - 1],
        year_text(year),
        clock(time)
    )
}

fn locale_date(time: f64) -> String {
    let (year, month, day) = civil(time);
    format!("{month}/{day}/{year}")
}

fn locale_time(time: f64) -> String {
    let hour = time_part(time, 3_600_000.0, 24.0) as i64;
    let (display_hour, suffix) = match hour {
        0 => (12, "AM"),
        1..=11 => (hour, "AM"),
        12 => (12, "PM"),
        _ => (hour - 12, "PM"),
    };
    format!(
        "{display_hour}:{:02}:{:02} {suffix}",
        time_part(time, 60_000.0, 60.0) as i64,
        time_part(time, 1000.0, 60.0) as i64
    )
}

// ----- parsing -----

fn parse_digits(bytes: &[u8], position: &mut usize, count: usize) -> Option<i64> {
    if *position + count > bytes.len() {
        return None;
    }
    let slice = &bytes[*position..*position + count];
    if !slice.iter().all(u8::is_ascii_digit) {
        return None;
    }
    *position += count;
    std::str::from_utf8(slice).ok()?.parse().ok()
}

/// The ISO 8601 subset of the Date Time String Format.
fn parse_iso(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let mut position = 0;
    let year = match bytes.first()? {
        b'+' | b'-' => {
            let negative = bytes[0] == b'-';
            position = 1;
            let value = parse_digits(bytes, &mut position, 6)?;
            if negative && value == 0 {
                return None;
            }
            if negative { -value } else { value }
        }
        _ => parse_digits(bytes, &mut position, 4)?,
    };
    let mut month = 1;
    let mut day = 1;
    if bytes.get(position) == Some(&b'-') {
        position += 1;
        month = parse_digits(bytes, &mut position, 2)?;
        if bytes.get(position) == Some(&b'-') {
            position += 1;
            day = parse_digits(bytes, &mut position, 2)?;
        }
    }
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let (mut hour, mut minute, mut second, mut millisecond) = (0, 0, 0, 0.0);
    let mut offset_minutes = 0i64;
    if matches!(bytes.get(position), Some(b'T' | b't' | b' ')) {
        position += 1;
        hour = parse_digits(bytes, &mut position, 2)?;
        if bytes.get(position) != Some(&b':') {
            return None;
        }
        position += 1;
        minute = parse_digits(bytes, &mut position, 2)?;
        if bytes.get(position) == Some(&b':') {
            position += 1;
            second = parse_digits(bytes, &mut position, 2)?;
            if bytes.get(position) == Some(&b'.') {
                position += 1;
                let start = position;
                while position < bytes.len() && bytes[position].is_ascii_digit() {
                    position += 1;
                }
                if position == start {
                    return None;
                }
                let fraction: String = text[start..position].chars().take(3).collect();
                millisecond = format!("{fraction:0<3}").parse::<f64>().ok()?;
            }
        }
        match bytes.get(position) {
            Some(b'Z' | b'z') => position += 1,
            Some(sign @ (b'+' | b'-')) => {
                let negative = *sign == b'-';
                position += 1;
                let offset_hours = parse_digits(bytes, &mut position, 2)?;
                if bytes.get(position) == Some(&b':') {
                    position += 1;
                }
                let offset_mins = parse_digits(bytes, &mut position, 2)?;
                offset_minutes = offset_hours * 60 + offset_mins;
                if negative {
                    offset_minutes = -offset_minutes;
                }
            }
            _ => {}
        }
        if hour > 24
            || minute > 59
            || second > 59
            || (hour == 24 && (minute > 0 || second > 0 || millisecond > 0.0))
        {
            return None;
        }
    } else if matches!(bytes.get(position), Some(b'Z' | b'z')) {
        position += 1;
    }
    if position != bytes.len() {
        return None;
    }
    let day_number = make_day(year as f64, month as f64 - 1.0, day as f64);
    let time = make_time(hour as f64, minute as f64, second as f64, millisecond);
    Some(make_date(day_number, time) - offset_minutes as f64 * 60_000.0)
}

/// Fallback parser for the formats `toString`/`toUTCString` produce and common variants
/// ("Jan 15 2024", "15 Jan 2024 10:00:00 GMT", "January 15, 2024 10:00").
fn parse_loose(text: &str) -> Option<f64> {
    let mut year = None;
    let mut month = None;
    let mut day = None;
    let mut time = (0i64, 0i64, 0i64);
    let mut milliseconds = 0i64;
    let mut offset_minutes = 0i64;
    let cleaned = text.replace(',', " ");
    let mut tokens = cleaned.split_whitespace().peekable();
    while let Some(token) = tokens.next() {
        let lower = token.to_ascii_lowercase();
        if let Some(index) = MONTH_NAMES
            .iter()
            .position(|name| lower.starts_with(&name.to_ascii_lowercase()))
        {
            month = Some(index as i64);
        } else if DAY_NAMES
            .iter()
            .any(|name| lower.starts_with(&name.to_ascii_lowercase()))
        {
            continue;
        } else if token.contains(':') {
            // "10:00", "10:00:05", "10:00:05.250" (the fraction is dropped, as V8's legacy
            // parser keeps only whole milliseconds of it).
            let (clock, fraction) = token.split_once('.').unwrap_or((token, ""));
            let parts: Vec<i64> = clock
                .split(':')
                .map(|part| part.parse().ok())
                .collect::<Option<Vec<_>>>()?;
            time = (
                *parts.first()?,
                *parts.get(1).unwrap_or(&0),
                *parts.get(2).unwrap_or(&0),
            );
            let fraction_digits: String = fraction.chars().take(3).collect();
            if !fraction_digits.is_empty() {
                let scale = 10i64.pow(3 - fraction_digits.len() as u32);
                milliseconds = fraction_digits.parse::<i64>().ok()? * scale;
            }
        } else if lower == "am" || lower == "pm" {
            if time.0 > 12 {
                return None;
            }
            time.0 = time.0 % 12 + if lower == "pm" { 12 } else { 0 };
        } else if let Some((first, second, third)) = numeric_date_parts(token) {
            // "2024/01/15", "2024-1-5" (year first) or "01/15/2024" (month first, as V8's
            // legacy parser reads it).
            let (numeric_year, numeric_month, numeric_day) =
                if first > 31 || first_token_is_year(token) {
                    (first, second, third)
                } else {
                    (third, first, second)
                };
            let numeric_year = match numeric_year {
                0..=49 if !first_token_is_year(token) && third < 100 => numeric_year + 2000,
                50..=99 if !first_token_is_year(token) && third < 100 => numeric_year + 1900,
                other => other,
            };
            if !(1..=12).contains(&numeric_month) || !(1..=31).contains(&numeric_day) {
                return None;
            }
            year = Some(numeric_year);
            month = Some(numeric_month - 1);
            day = Some(numeric_day);
        } else if lower == "gmt" || lower == "utc" || lower == "z" {
            continue;
        } else if (lower.starts_with("gmt+")
            || lower.starts_with("gmt-")
            || lower.starts_with('+')
            || lower.starts_with('-'))
            && year.is_some()
        {
            let sign_text = lower.trim_start_matches("gmt");
            let negative = sign_text.starts_with('-');
            let digits: String = sign_text.chars().filter(char::is_ascii_digit).collect();
            let value: i64 = digits.parse().ok()?;
            let minutes = (value / 100) * 60 + value % 100;
            offset_minutes = if negative { -minutes } else { minutes };
        } else if token.starts_with('(') {
            // "(Coordinated Universal Time)": skip to the closing parenthesis.
            let mut current = token.to_string();
            while !current.ends_with(')') {
                current = tokens.next()?.to_string();
            }
        } else if let Ok(number) = token.parse::<i64>() {
            if day.is_none() && number <= 31 && (month.is_none() || year.is_none()) {
                day = Some(number);
            } else {
                year = Some(number);
            }
        } else {
            return None;
        }
    }
    let year = year?;
    let day_number = make_day(year as f64, month? as f64, day.unwrap_or(1) as f64);
    let time_value = make_time(
        time.0 as f64,
        time.1 as f64,
        time.2 as f64,
        milliseconds as f64,
    );
    Some(make_date(day_number, time_value) - offset_minutes as f64 * 60_000.0)
}

/// The three numbers of a numeric date token ("2024/01/15", "1-5-2024"): all parts decimal,
/// separated by one kind of separator, `/` or `-`.
fn numeric_date_parts(token: &str) -> Option<(i64, i64, i64)> {
    let separator = if token.contains('/') { '/' } else { '-' };
    let parts: Vec<&str> = token.split(separator).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|part| part.is_empty() || !part.bytes().all(|byte| byte.is_ascii_digit()))
    {
        return None;
    }
    Some((
        parts[0].parse().ok()?,
        parts[1].parse().ok()?,
        parts[2].parse().ok()?,
    ))
}

/// True when a numeric date token starts with a year of three or more digits.
fn first_token_is_year(token: &str) -> bool {
    token
        .split(['/', '-'])
        .next()
        .is_some_and(|first| first.len() >= 3)
}

/// `Date.parse` on text.
pub fn parse_date(text: &str) -> f64 {
    let trimmed = text.trim();
    match parse_iso(trimmed).or_else(|| parse_loose(trimmed)) {
        Some(time) => time_clip(time),
        None => f64::NAN,
    }
}

// ----- built-in functions -----

fn now() -> f64 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(duration) => duration.as_millis() as f64,
        Err(_) => 0.0,
    }
}

fn date_now(_vm: &mut Vm, _this: Value, _args: Args) -> JsResult<Value> {
    Ok(Value::Number(now()))
}

fn date_parse(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let text = vm.to_rust_string(args.get(vm, 0))?;
    Ok(Value::Number(parse_date(&text)))
}

fn time_from_components(vm: &mut Vm, args: &Args) -> JsResult<f64> {
    let mut numbers = [f64::NAN, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0];
    for (index, slot) in numbers.iter_mut().enumerate().take(args.len().min(7)) {
        *slot = vm.to_number(args.get(vm, index))?;
    }
    let mut year = numbers[0];
    if year.is_finite() {
        let integer = year.trunc();
        if (0.0..=99.0).contains(&integer) {
            year = 1900.0 + integer;
        }
    }
    let day = make_day(year, numbers[1], numbers[2]);
    let time = make_time(numbers[3], numbers[4], numbers[5], numbers[6]);
    Ok(make_date(day, time))
}

fn date_utc(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let time = time_from_components(vm, &args)?;
    Ok(Value::Number(time_clip(time)))
}

fn date_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if !args.is_construct_call() {
        let text = to_date_string_full(now());
        return Ok(string_value(vm, &text));
    }
    let time = match args.len() {
        0 => now(),
        1 => {
            let value = args.get(vm, 0);
            let existing = match value {
                Value::Object(object) => match vm.object(object).kind {
                    ObjectKind::Date(time) => Some(time),
                    _ => None,
                },
                _ => None,
            };
            match existing {
                Some(time) => time,
                None => {
                    let primitive =
                        vm.to_primitive(value, crate::conversions::PreferredType::Default)?;
                    if let Value::String(string) = primitive {
                        parse_date(&vm.string_to_rust(string))
                    } else {
                        vm.to_number(primitive)?
                    }
                }
            }
        }
        _ => time_from_components(vm, &args)?,
    };
    let fallback = vm.intrinsics.date_prototype;
    let prototype = vm.get_prototype_from_constructor(args.new_target(), fallback)?;
    Ok(Value::Object(vm.alloc_object(
        Some(prototype),
        ObjectKind::Date(time_clip(time)),
    )))
}

fn this_date(vm: &mut Vm, this: Value) -> JsResult<ObjectRef> {
    match this {
        Value::Object(object) if matches!(vm.object(object).kind, ObjectKind::Date(_)) => {
            Ok(object)
        }
        _ => vm.throw_type_error("this is not a Date object."),
    }
}

fn this_time(vm: &mut Vm, this: Value) -> JsResult<f64> {
    let object = this_date(vm, this)?;
    match vm.object(object).kind {
        ObjectKind::Date(time) => Ok(time),
        _ => Ok(f64::NAN),
    }
}

fn field_getter(vm: &mut Vm, this: Value, field: fn(f64) -> f64) -> JsResult<Value> {
    let time = this_time(vm, this)?;
    Ok(Value::Number(if time.is_nan() {
        f64::NAN
    } else {
        field(time)
    }))
}

/// The `toLocale*String` methods: the no-argument en-US forms directly, anything else through
/// Intl.DateTimeFormat.
fn locale_method(
    vm: &mut Vm,
    this: Value,
    args: Args,
    required: Defaults,
    defaults: Defaults,
) -> JsResult<Value> {
    let time = this_time(vm, this)?;
    let locales = args.get(vm, 0);
    let options = args.get(vm, 1);
    if locales.is_undefined() && options.is_undefined() && !time.is_nan() {
        let text = match required {
            Defaults::Date => locale_date(time),
            Defaults::Time => locale_time(time),
            Defaults::All => format!("{}, {}", locale_date(time), locale_time(time)),
        };
        return Ok(string_value(vm, &text));
    }
    super::intl::date_time::date_to_locale_string(vm, time, locales, options, required, defaults)
}

fn format_method(vm: &mut Vm, this: Value, format: fn(f64) -> String) -> JsResult<Value> {
    let time = this_time(vm, this)?;
    if time.is_nan() {
        return Ok(string_value(vm, "Invalid Date"));
    }
    let text = format(time);
    Ok(string_value(vm, &text))
}

fn set_time_value(vm: &mut Vm, object: ObjectRef, time: f64) -> Value {
    let clipped = time_clip(time);
    vm.object_mut(object).kind = ObjectKind::Date(clipped);
    Value::Number(clipped)
}

fn date_set_time(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let object = this_date(vm, this)?;
    let time = vm.to_number(args.get(vm, 0))?;
    Ok(set_time_value(vm, object, time))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Millisecond,
    Second,
    Minute,
    Hour,
    Date,
    Month,
    Year,
}

/// Annex B `Date.prototype.setYear(year)`: a two-digit year means 19xx.
fn date_set_year(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let object = this_date(vm, this)?;
    let time = match vm.object(object).kind {
        ObjectKind::Date(time) => time,
        _ => f64::NAN,
    };
    let year = vm.to_number(args.get(vm, 0))?;
    let time = if time.is_nan() { 0.0 } else { time };
    // MakeFullYear.
    let full_year = if year.is_nan() {
        f64::NAN
    } else {
        let integer = year.trunc();
        if (0.0..=99.0).contains(&integer) {
            1900.0 + integer
        } else {
            year
        }
    };
    let (_, month, day) = civil(time);
    let day_number = make_day(full_year, month as f64 - 1.0, day as f64);
    let date = make_date(day_number, time.rem_euclid(86_400_000.0));
    Ok(set_time_value(vm, object, time_clip(date)))
}

fn set_fields(vm: &mut Vm, this: Value, args: Args, field: Field) -> JsResult<Value> {
    let object = this_date(vm, this)?;
    let mut time = match vm.object(object).kind {
        ObjectKind::Date(time) => time,
        _ => f64::NAN,
    };
    let mut numbers = Vec::with_capacity(args.len());
    for index in 0..args.len().max(1) {
        numbers.push(vm.to_number(args.get(vm, index))?);
    }
    if time.is_nan() {
        if field != Field::Year {
            return Ok(Value::Number(f64::NAN));
        }
        time = 0.0;
    }
    let (year, month, day) = civil(time);
    let mut parts = [
        year as f64,
        month as f64 - 1.0,
        day as f64,
        time_part(time, 3_600_000.0, 24.0),
        time_part(time, 60_000.0, 60.0),
        time_part(time, 1000.0, 60.0),
        time_part(time, 1.0, 1000.0),
    ];
    let (first, maximum) = match field {
        Field::Year => (0, 3),
        Field::Month => (1, 2),
        Field::Date => (2, 1),
        Field::Hour => (3, 4),
        Field::Minute => (4, 3),
        Field::Second => (5, 2),
        Field::Millisecond => (6, 1),
    };
    for (offset, number) in numbers.iter().take(maximum).enumerate() {
        parts[first + offset] = *number;
    }
    let day_number = make_day(parts[0], parts[1], parts[2]);
    let time_of_day = make_time(parts[3], parts[4], parts[5], parts[6]);
    Ok(set_time_value(
        vm,
        object,
        make_date(day_number, time_of_day),
    ))
}

fn date_to_iso_string(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let time = this_time(vm, this)?;
    if time.is_nan() {
        return vm.throw_range_error("Invalid time value");
    }
    let text = to_iso_string(time);
    Ok(string_value(vm, &text))
}

fn date_to_json(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let object = vm.to_object(this)?;
    let primitive = vm.to_primitive(
        Value::Object(object),
        crate::conversions::PreferredType::Number,
    )?;
    if let Value::Number(number) = primitive
        && !number.is_finite()
    {
        return Ok(Value::Null);
    }
    let key = vm.property_key_from_str("toISOString");
    vm.invoke(Value::Object(object), key, &[])
}

fn date_to_primitive(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let Value::Object(object) = this else {
        return vm.throw_type_error("Date.prototype[Symbol.toPrimitive] called on non-object");
    };
    let hint = vm.to_rust_string(args.get(vm, 0))?;
    let preferred = match hint.as_str() {
        "string" | "default" => crate::conversions::PreferredType::String,
        "number" => crate::conversions::PreferredType::Number,
        _ => return vm.throw_type_error("Invalid hint"),
    };
    vm.ordinary_to_primitive(object, preferred)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for days in [-800_000i64, -1, 0, 1, 19_737, 2_932_896] {
            let (year, month, day) = civil_from_days(days);
            assert_eq!(days_from_civil(year, month, day), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2024, 3, 1), 19_783);
    }

    #[test]
    fn formats_like_node() {
        assert_eq!(to_iso_string(0.0), "1970-01-01T00:00:00.000Z");
        assert_eq!(to_iso_string(-1e15), "-029719-04-05T22:13:20.000Z");
        assert_eq!(
            to_date_string_full(0.0),
            "Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)"
        );
        assert_eq!(to_utc_string(0.0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(locale_time(0.0), "12:00:00 AM");
    }

    #[test]
    fn parses_like_node() {
        assert_eq!(parse_date("2024-01-15"), 1705276800000.0);
        assert_eq!(parse_date("2024-01-15T10:00"), 1705312800000.0);
        assert_eq!(parse_date("Mon Jan 15 2024"), 1705276800000.0);
        assert_eq!(parse_date("Thu, 01 Jan 1970 00:00:00 GMT"), 0.0);
        assert_eq!(
            parse_date("Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)"),
            0.0
        );
        assert!(parse_date("nonsense").is_nan());
    }
}
