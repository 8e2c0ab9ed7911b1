//! `Intl.NumberFormat` (ECMA-402 chapter 16) and the `toLocaleString` methods of Number and
//! BigInt that use it.
//!
//! Numbers are formatted from a decimal digit string, never from binary arithmetic: a double
//! contributes its shortest round-trip digits (what ICU's DecimalQuantity starts from, which
//! is why `(1.005).toLocaleString(undefined, {maximumFractionDigits: 2})` is "1.01" although
//! `toFixed(2)` gives "1.00"), a BigInt its exact digits. Rounding, compact and scientific
//! scaling and percent scaling are then exact digit operations.

use super::locale_data::{self, NumberSymbols};
use super::{
    Field, IntlKind, Resolved, coerce_options_to_object, get_number_option, get_string_option,
    read_option,
};
use crate::conversions::Numeric;
use crate::function::Args;
use crate::realm::Vm;
use crate::value::{JsResult, ObjectRef, Value};

const SERVICE: &str = "Intl.NumberFormat";

/// Installs `Intl.NumberFormat`.
pub fn install(vm: &mut Vm, intl: ObjectRef) {
    let (_, prototype) = super::install_service_constructor(
        vm,
        intl,
        IntlKind::NumberFormat,
        0,
        number_format_constructor,
    );
    super::super::method(
        vm,
        prototype,
        "resolvedOptions",
        0,
        number_format_resolved_options,
    );
    super::super::method(
        vm,
        prototype,
        "formatToParts",
        1,
        number_format_format_to_parts,
    );
    super::super::getter(vm, prototype, "format", number_format_format_getter);
}

// ----- decimal values -----

/// A number to format: NaN, an infinity, or a finite decimal `0.d1d2d3... × 10^point`
/// (digits without leading or trailing zeros; no digits means zero).
#[derive(Clone, Debug, PartialEq)]
pub enum DecimalValue {
    /// NaN.
    NotANumber,
    /// ±Infinity (`true` when negative).
    Infinity(bool),
    /// A finite value.
    Finite {
        /// The sign (kept for -0).
        negative: bool,
        /// Significant digits (0..=9), no leading or trailing zeros.
        digits: Vec<u8>,
        /// The decimal exponent of the point: value = 0.digits × 10^point.
        point: i32,
    },
}

impl DecimalValue {
    /// The shortest round-trip decimal form of a double.
    pub fn from_f64(number: f64) -> DecimalValue {
        if number.is_nan() {
            return DecimalValue::NotANumber;
        }
        if number.is_infinite() {
            return DecimalValue::Infinity(number < 0.0);
        }
        let negative = number.is_sign_negative();
        if number == 0.0 {
            return DecimalValue::Finite {
                negative,
                digits: Vec::new(),
                point: 1,
            };
        }
        // Rust's `{:e}` prints the shortest digits that round-trip, like ECMAScript's
        // Number::toString.
        let text = format!("{:e}", number.abs());
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let exponent: i32 = exponent.parse().unwrap_or(0);
        let digits: Vec<u8> = mantissa
            .bytes()
            .filter(u8::is_ascii_digit)
            .map(|byte| byte - b'0')
            .collect();
        normalize(negative, digits, exponent + 1)
    }

    /// The exact decimal form of an integer written in base 10 (a BigInt).
    pub fn from_integer_text(text: &str) -> DecimalValue {
        let negative = text.starts_with('-');
        let digits: Vec<u8> = text
            .bytes()
            .filter(u8::is_ascii_digit)
            .map(|byte| byte - b'0')
            .collect();
        let point = digits.len() as i32;
        normalize(negative, digits, point)
    }
}

/// Builds a finite value, stripping leading and trailing zeros.
fn normalize(negative: bool, mut digits: Vec<u8>, mut point: i32) -> DecimalValue {
    let leading = digits.iter().take_while(|&&digit| digit == 0).count();
    digits.drain(..leading);
    point -= leading as i32;
    while digits.last() == Some(&0) {
        digits.pop();
    }
    if digits.is_empty() {
        point = 1;
    }
    DecimalValue::Finite {
        negative,
        digits,
        point,
    }
}

/// Rounds `digits` (value 0.digits × 10^point) keeping `keep` leading digits, per the rounding
/// mode; returns the normalised digits and point.
fn round_to_keep(
    digits: &[u8],
    point: i32,
    keep: i32,
    mode: &str,
    negative: bool,
) -> (Vec<u8>, i32) {
    if digits.is_empty() || keep >= digits.len() as i32 {
        return (digits.to_vec(), point);
    }
    let mut digits = digits.to_vec();
    let mut point = point;
    let mut keep = keep;
    if keep <= 0 {
        // Pad with leading zeros so that one digit is kept (it will be 0 or 1).
        let padding = (1 - keep) as usize;
        let mut padded = vec![0u8; padding];
        padded.extend_from_slice(&digits);
        digits = padded;
        point += padding as i32;
        keep = 1;
    }
    let keep = keep as usize;
    let discarded = &digits[keep..];
    let all_zero = discarded.iter().all(|&digit| digit == 0);
    let first = discarded[0];
    let rest_zero = discarded[1..].iter().all(|&digit| digit == 0);
    let above_half = first > 5 || (first == 5 && !rest_zero);
    let exactly_half = first == 5 && rest_zero;
    let last_kept_odd = digits[keep - 1] % 2 == 1;
    let increment = !all_zero
        && match mode {
            "ceil" => !negative,
            "floor" => negative,
            "expand" => true,
            "trunc" => false,
            "halfCeil" => above_half || (exactly_half && !negative),
            "halfFloor" => above_half || (exactly_half && negative),
            "halfTrunc" => above_half,
            "halfEven" => above_half || (exactly_half && last_kept_odd),
            _ => above_half || exactly_half,
        };
    digits.truncate(keep);
    if increment {
        let mut index = keep;
        loop {
            if index == 0 {
                digits.insert(0, 1);
                point += 1;
                break;
            }
            index -= 1;
            if digits[index] == 9 {
                digits[index] = 0;
            } else {
                digits[index] += 1;
                break;
            }
        }
    }
    match normalize(negative, digits, point) {
        DecimalValue::Finite { digits, point, .. } => (digits, point),
        _ => (Vec::new(), 1),
    }
}

// ----- the formatter -----

/// The decoded resolved options of a NumberFormat.
#[derive(Clone, Debug)]
pub struct NumberFormatter {
    locale: String,
    style: String,
    currency: String,
    currency_display: String,
    currency_sign: String,
    unit: String,
    unit_display: String,
    minimum_integer_digits: u32,
    minimum_fraction_digits: Option<u32>,
    maximum_fraction_digits: Option<u32>,
    minimum_significant_digits: Option<u32>,
    maximum_significant_digits: Option<u32>,
    use_grouping: String,
    notation: String,
    compact_display: String,
    sign_display: String,
    rounding_mode: String,
    trailing_zero_display: String,
    rounding_priority: String,
}

impl NumberFormatter {
    /// Decodes the resolved options.
    pub fn from_resolved(resolved: &Resolved) -> NumberFormatter {
        let digits = |name: &str| resolved.number(name).map(|number| number as u32);
        NumberFormatter {
            locale: resolved.text("locale").to_string(),
            style: resolved.text("style").to_string(),
            currency: resolved.text("currency").to_string(),
            currency_display: resolved.text("currencyDisplay").to_string(),
            currency_sign: resolved.text("currencySign").to_string(),
            unit: resolved.text("unit").to_string(),
            unit_display: resolved.text("unitDisplay").to_string(),
            minimum_integer_digits: digits("minimumIntegerDigits").unwrap_or(1),
            minimum_fraction_digits: digits("minimumFractionDigits"),
            maximum_fraction_digits: digits("maximumFractionDigits"),
            minimum_significant_digits: digits("minimumSignificantDigits"),
            maximum_significant_digits: digits("maximumSignificantDigits"),
            use_grouping: match resolved.get("useGrouping") {
                Some(Field::Text(text)) => text.clone(),
                _ => "false".to_string(),
            },
            notation: resolved.text("notation").to_string(),
            compact_display: resolved.text("compactDisplay").to_string(),
            sign_display: resolved.text("signDisplay").to_string(),
            rounding_mode: resolved.text("roundingMode").to_string(),
            trailing_zero_display: resolved.text("trailingZeroDisplay").to_string(),
            rounding_priority: resolved.text("roundingPriority").to_string(),
        }
    }

    /// Applies the digit options to a finite magnitude: the rounded digits and point, and the
    /// minimum number of fraction digits to show.
    fn round(&self, digits: &[u8], point: i32, negative: bool) -> (Vec<u8>, i32, i32) {
        let mode = self.rounding_mode.as_str();
        let value_point = if digits.is_empty() { 1 } else { point };
        let fraction = self.maximum_fraction_digits.map(|maximum| {
            (
                maximum as i32,
                self.minimum_fraction_digits.unwrap_or(0) as i32,
            )
        });
        let significant = self.maximum_significant_digits.map(|maximum| {
            (
                maximum as i32,
                self.minimum_significant_digits.unwrap_or(1) as i32,
            )
        });
        let by_fraction = |(maximum, minimum): (i32, i32)| {
            let (rounded, rounded_point) =
                round_to_keep(digits, point, point + maximum, mode, negative);
            (rounded, rounded_point, minimum)
        };
        let by_significant = |(maximum, minimum): (i32, i32)| {
            let (rounded, rounded_point) = round_to_keep(digits, point, maximum, mode, negative);
            let shown_point = if rounded.is_empty() { 1 } else { rounded_point };
            (rounded, rounded_point, minimum - shown_point)
        };
        match (significant, fraction) {
            (Some(significant), Some(fraction)) => {
                let significant_magnitude = value_point - significant.0;
                let fraction_magnitude = -fraction.0;
                let use_significant = if self.rounding_priority == "lessPrecision" {
                    significant_magnitude >= fraction_magnitude
                } else {
                    significant_magnitude <= fraction_magnitude
                };
                if use_significant {
                    by_significant(significant)
                } else {
                    by_fraction(fraction)
                }
            }
            (Some(significant), None) => by_significant(significant),
            (None, Some(fraction)) => by_fraction(fraction),
            (None, None) => (digits.to_vec(), point, 0),
        }
    }

    /// Formats a value into typed parts (`formatToParts`).
    pub fn format_to_parts(&self, value: &DecimalValue) -> Vec<(String, String)> {
        let symbols = locale_data::number_symbols(&self.locale);
        let mut number_parts: Vec<(String, String)> = Vec::new();
        let mut plural_one = false;
        let mut compact_pattern = "{0}".to_string();
        let (negative, rounded_zero) = match value {
            DecimalValue::NotANumber => {
                number_parts.push(part("nan", "NaN"));
                (false, false)
            }
            DecimalValue::Infinity(negative) => {
                number_parts.push(part("infinity", "∞"));
                (*negative, false)
            }
            DecimalValue::Finite {
                negative,
                digits,
                point,
            } => {
                let mut point = *point;
                if self.style == "percent" && !digits.is_empty() {
                    point += 2;
                }
                let (rounded_zero, one) = self.format_finite(
                    digits,
                    point,
                    *negative,
                    &symbols,
                    &mut number_parts,
                    &mut compact_pattern,
                );
                plural_one = one;
                (*negative, rounded_zero)
            }
        };
        // The sign.
        let is_nan = matches!(value, DecimalValue::NotANumber);
        let sign = match self.sign_display.as_str() {
            "never" => None,
            "always" => Some(if negative { "-" } else { "+" }),
            "exceptZero" => {
                if rounded_zero || is_nan {
                    None
                } else {
                    Some(if negative { "-" } else { "+" })
                }
            }
            "negative" => {
                if negative && !rounded_zero {
                    Some("-")
                } else {
                    None
                }
            }
            _ => {
                if negative {
                    Some("-")
                } else {
                    None
                }
            }
        };
        let sign = if is_nan && self.sign_display == "always" {
            Some("+")
        } else {
            sign
        };
        // Compact affix around the number.
        let mut parts = wrap_in_pattern(&compact_pattern, number_parts, "compact");
        // Style affixes.
        let accounting = self.currency_sign == "accounting" && sign == Some("-");
        match self.style.as_str() {
            "percent" => {
                parts = wrap_in_pattern(symbols.percent_pattern, parts, "percentSign");
            }
            "currency" => {
                let pattern = if self.currency_display == "name" {
                    locale_data::currency_name_pattern(&self.locale, &self.currency, plural_one)
                } else {
                    locale_data::currency_pattern(
                        &self.locale,
                        &self.currency,
                        &self.currency_display,
                    )
                };
                parts = wrap_in_pattern(&pattern, parts, "currency");
            }
            "unit" => {
                let pattern = locale_data::unit_pattern(
                    &self.locale,
                    &self.unit,
                    &self.unit_display,
                    plural_one,
                );
                parts = wrap_in_pattern(&pattern, parts, "unit");
            }
            _ => {}
        }
        let parenthesised_accounting = matches!(
            locale_data::data_locale(&self.locale),
            "en-US" | "en-GB" | "fr-FR" | "ja-JP"
        );
        if accounting && parenthesised_accounting {
            parts.insert(0, part("literal", "("));
            parts.push(part("literal", ")"));
        } else if let Some(sign) = sign {
            let sign_type = if sign == "-" { "minusSign" } else { "plusSign" };
            parts.insert(0, part(sign_type, sign));
        }
        parts
    }

    /// Formats a finite magnitude into number parts; returns whether it rounded to zero and
    /// whether it selects the plural category "one".
    fn format_finite(
        &self,
        digits: &[u8],
        point: i32,
        negative: bool,
        symbols: &NumberSymbols,
        parts: &mut Vec<(String, String)>,
        compact_pattern: &mut String,
    ) -> (bool, bool) {
        let magnitude = if digits.is_empty() { 0 } else { point - 1 };
        let (rounded, rounded_point, minimum_fraction, exponent) = match self.notation.as_str() {
            "scientific" | "engineering" => {
                let engineering = self.notation == "engineering";
                let mut exponent = if engineering {
                    magnitude.div_euclid(3) * 3
                } else {
                    magnitude
                };
                let (mut rounded, mut rounded_point, mut minimum) =
                    self.round(digits, point - exponent, negative);
                let new_magnitude = if rounded.is_empty() {
                    0
                } else {
                    rounded_point - 1
                };
                let overflow = if engineering {
                    new_magnitude >= 3
                } else {
                    new_magnitude >= 1
                };
                if overflow {
                    exponent += if engineering { 3 } else { 1 };
                    let (again, again_point, again_minimum) =
                        self.round(digits, point - exponent, negative);
                    rounded = again;
                    rounded_point = again_point;
                    minimum = again_minimum;
                }
                if digits.is_empty() {
                    exponent = 0;
                }
                (rounded, rounded_point, minimum, Some(exponent))
            }
            "compact" => {
                let display = if self.compact_display == "long" {
                    "long"
                } else {
                    "short"
                };
                let (mut divisor, _) =
                    locale_data::compact_pattern(&self.locale, display, magnitude, false);
                let (mut rounded, mut rounded_point, mut minimum) =
                    self.round(digits, point - divisor as i32, negative);
                let new_magnitude = if rounded.is_empty() {
                    0
                } else {
                    rounded_point - 1 + divisor as i32
                };
                if new_magnitude > magnitude {
                    let (new_divisor, _) =
                        locale_data::compact_pattern(&self.locale, display, new_magnitude, false);
                    if new_divisor != divisor {
                        divisor = new_divisor;
                        let (again, again_point, again_minimum) =
                            self.round(digits, point - divisor as i32, negative);
                        rounded = again;
                        rounded_point = again_point;
                        minimum = again_minimum;
                    }
                }
                let shown_magnitude = if rounded.is_empty() {
                    0
                } else {
                    rounded_point - 1 + divisor as i32
                };
                let one = plural_is_one(&self.locale, &rounded, rounded_point, minimum);
                let (_, pattern) =
                    locale_data::compact_pattern(&self.locale, display, shown_magnitude, one);
                *compact_pattern = pattern;
                (rounded, rounded_point, minimum, None)
            }
            _ => {
                let (rounded, rounded_point, minimum) = self.round(digits, point, negative);
                (rounded, rounded_point, minimum, None)
            }
        };
        let rounded_zero = rounded.is_empty();
        // Integer and fraction digit strings.
        let mut integer = String::new();
        let mut fraction = String::new();
        if rounded.is_empty() {
            integer.push('0');
        } else {
            for position in 0..rounded_point.max(0) {
                let digit = rounded.get(position as usize).copied().unwrap_or(0);
                integer.push((b'0' + digit) as char);
            }
            if integer.is_empty() {
                integer.push('0');
            }
            for _ in rounded_point..0 {
                fraction.push('0');
            }
            let fraction_start = rounded_point.max(0) as usize;
            for &digit in rounded.iter().skip(fraction_start) {
                fraction.push((b'0' + digit) as char);
            }
        }
        while (fraction.len() as i32) < minimum_fraction {
            fraction.push('0');
        }
        if self.trailing_zero_display == "stripIfInteger" && fraction.bytes().all(|b| b == b'0') {
            fraction.clear();
        }
        while integer.len() < self.minimum_integer_digits as usize {
            integer.insert(0, '0');
        }
        let one = plural_is_one(&self.locale, &rounded, rounded_point, fraction.len() as i32);
        // Grouping.
        let minimum_grouping = match self.use_grouping.as_str() {
            "always" => Some(1),
            "min2" => Some(2),
            "auto" => Some(symbols.minimum_grouping_digits),
            _ => None,
        };
        let grouped = exponent.is_none()
            && minimum_grouping.is_some_and(|minimum| integer.len() >= 3 + minimum);
        if grouped {
            // The last group has the primary size (3); the groups before it the secondary
            // size (3, or 2 in the Indian system: 1,23,45,678).
            let secondary = super::locale_data::secondary_grouping_size(&self.locale);
            let length = integer.len();
            let leading = length - 3;
            let mut boundaries = Vec::new();
            let mut position = if leading.is_multiple_of(secondary) {
                secondary.min(leading)
            } else {
                leading % secondary
            };
            while position < leading {
                boundaries.push(position);
                position += secondary;
            }
            boundaries.push(leading);
            let mut start = 0;
            for end in boundaries.into_iter().chain(std::iter::once(length)) {
                if start > 0 {
                    parts.push(part("group", symbols.group));
                }
                parts.push(part("integer", &integer[start..end]));
                start = end;
            }
        } else {
            parts.push(part("integer", &integer));
        }
        if !fraction.is_empty() {
            parts.push(part("decimal", symbols.decimal));
            parts.push(part("fraction", &fraction));
        }
        if let Some(exponent) = exponent {
            parts.push(part("exponentSeparator", "E"));
            if exponent < 0 {
                parts.push(part("exponentMinusSign", "-"));
            }
            parts.push(part(
                "exponentInteger",
                &exponent.unsigned_abs().to_string(),
            ));
        }
        (rounded_zero, one)
    }

    /// Formats a value to a string.
    pub fn format(&self, value: &DecimalValue) -> String {
        self.format_to_parts(value)
            .into_iter()
            .map(|(_, text)| text)
            .collect()
    }
}

/// A `(type, value)` part.
fn part(part_type: &str, value: &str) -> (String, String) {
    (part_type.to_string(), value.to_string())
}

/// Whether a rounded number (shown with `fraction_digits` fraction digits) takes the plural
/// category "one" in the locale's cardinal rules.
fn plural_is_one(locale: &str, digits: &[u8], point: i32, fraction_digits: i32) -> bool {
    let integer_is = |value: u8| {
        if digits.is_empty() {
            return value == 0;
        }
        point == 1 && digits[0] == value && digits.len() == 1
    };
    let integer_part_is = |value: u8| {
        if digits.is_empty() || point <= 0 {
            return value == 0;
        }
        point == 1 && digits[0] == value
    };
    match super::language_of(locale) {
        "ja" => false,
        "fr" => integer_part_is(0) || integer_part_is(1),
        "es" => integer_is(1),
        _ => integer_is(1) && fraction_digits <= 0,
    }
}

/// Replaces `{0}` in `pattern` by `inner` parts; the pattern text around it becomes parts of
/// `affix_type`, with surrounding spaces split off as literals.
fn wrap_in_pattern(
    pattern: &str,
    inner: Vec<(String, String)>,
    affix_type: &str,
) -> Vec<(String, String)> {
    let (before, after) = pattern.split_once("{0}").unwrap_or(("", ""));
    let mut parts = affix_parts(before, affix_type);
    parts.extend(inner);
    parts.extend(affix_parts(after, affix_type));
    parts
}

/// Splits affix text into a typed core and literal spaces on either side.
fn affix_parts(text: &str, affix_type: &str) -> Vec<(String, String)> {
    if text.is_empty() {
        return Vec::new();
    }
    let is_space = |character: char| matches!(character, ' ' | '\u{a0}' | '\u{202f}');
    let core = text.trim_matches(is_space);
    if core.is_empty() {
        return vec![part("literal", text)];
    }
    let start = text.find(core).unwrap_or(0);
    let mut parts = Vec::new();
    if start > 0 {
        parts.push(part("literal", &text[..start]));
    }
    parts.push(part(affix_type, core));
    if start + core.len() < text.len() {
        parts.push(part("literal", &text[start + core.len()..]));
    }
    parts
}

// ----- construction -----

/// Whether `code` is a well-formed currency code (three ASCII letters).
fn is_well_formed_currency_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|byte| byte.is_ascii_alphabetic())
}

/// InitializeNumberFormat: reads the options in the specification's order and returns the
/// resolved options.
pub(crate) fn resolve_number_format_options(
    vm: &mut Vm,
    locales: Value,
    options: Value,
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
    let numbering_system = get_string_option(vm, options, "numberingSystem", &[], None, SERVICE)?;
    if let Some(system) = &numbering_system
        && !(3..=8).contains(&system.len())
    {
        return vm.throw_range_error(&format!("Invalid numberingSystem : {system}"));
    }
    let locale = super::resolve_locale(&requested);
    let style = get_string_option(
        vm,
        options,
        "style",
        &["decimal", "percent", "currency", "unit"],
        Some("decimal"),
        SERVICE,
    )?
    .unwrap_or_default();
    let currency = get_string_option(vm, options, "currency", &[], None, SERVICE)?;
    if let Some(code) = &currency
        && !is_well_formed_currency_code(code)
    {
        return vm.throw_range_error(&format!("Invalid currency code : {code}"));
    }
    let currency_display = get_string_option(
        vm,
        options,
        "currencyDisplay",
        &["code", "symbol", "narrowSymbol", "name"],
        Some("symbol"),
        SERVICE,
    )?
    .unwrap_or_default();
    let currency_sign = get_string_option(
        vm,
        options,
        "currencySign",
        &["standard", "accounting"],
        Some("standard"),
        SERVICE,
    )?
    .unwrap_or_default();
    let unit = get_string_option(vm, options, "unit", &[], None, SERVICE)?;
    if let Some(unit) = &unit
        && !locale_data::is_known_unit(unit)
    {
        return vm.throw_range_error(&format!(
            "Invalid unit argument for Intl.NumberFormat() '{unit}'"
        ));
    }
    let unit_display = get_string_option(
        vm,
        options,
        "unitDisplay",
        &["short", "narrow", "long"],
        Some("short"),
        SERVICE,
    )?
    .unwrap_or_default();
    let currency = currency.map(|code| code.to_ascii_uppercase());
    if style == "currency" && currency.is_none() {
        return vm.throw_type_error("Currency code is required with currency style.");
    }
    if style == "unit" && unit.is_none() {
        return vm.throw_type_error("Invalid unit argument for Intl.NumberFormat() ''");
    }
    let notation = get_string_option(
        vm,
        options,
        "notation",
        &["standard", "scientific", "engineering", "compact"],
        Some("standard"),
        SERVICE,
    )?
    .unwrap_or_default();
    let (default_minimum_fraction, default_maximum_fraction) = match style.as_str() {
        "currency" if notation == "standard" => {
            let digits = locale_data::currency_digits(currency.as_deref().unwrap_or(""));
            (digits, digits)
        }
        "currency" => {
            let digits = locale_data::currency_digits(currency.as_deref().unwrap_or(""));
            (digits, digits)
        }
        "percent" => (0, 0),
        _ => (0, 3),
    };
    let mut resolved = Resolved::default();
    resolved.push_text("locale", &locale);
    resolved.push_text(
        "numberingSystem",
        &numbering_system
            .filter(|system| system == "latn")
            .unwrap_or_else(|| "latn".to_string()),
    );
    resolved.push_text("style", &style);
    if style == "currency" {
        resolved.push_text("currency", currency.as_deref().unwrap_or(""));
        resolved.push_text("currencyDisplay", &currency_display);
        resolved.push_text("currencySign", &currency_sign);
    }
    if style == "unit" {
        resolved.push_text("unit", unit.as_deref().unwrap_or(""));
        resolved.push_text("unitDisplay", &unit_display);
    }
    set_digit_options(
        vm,
        options,
        &mut resolved,
        default_minimum_fraction,
        default_maximum_fraction,
        &notation,
    )?;
    let compact_display = get_string_option(
        vm,
        options,
        "compactDisplay",
        &["short", "long"],
        Some("short"),
        SERVICE,
    )?
    .unwrap_or_default();
    let default_grouping = if notation == "compact" {
        "min2"
    } else {
        "auto"
    };
    let grouping_value = read_option(vm, options, "useGrouping")?;
    let use_grouping = match grouping_value {
        Value::Undefined => Field::Text(default_grouping.to_string()),
        Value::Boolean(true) => Field::Text("always".to_string()),
        value if !vm.to_boolean(value) => Field::Bool(false),
        value => {
            let text = vm.to_rust_string(value)?;
            match text.as_str() {
                "true" | "false" => Field::Text(default_grouping.to_string()),
                "min2" | "auto" | "always" => Field::Text(text),
                _ => {
                    return vm.throw_range_error(&format!(
                        "Value {text} out of range for {SERVICE} options property useGrouping"
                    ));
                }
            }
        }
    };
    let sign_display = get_string_option(
        vm,
        options,
        "signDisplay",
        &["auto", "never", "always", "exceptZero", "negative"],
        Some("auto"),
        SERVICE,
    )?
    .unwrap_or_default();
    // Move the rounding fields read by set_digit_options to the end, in node's order.
    let tail_names = [
        "roundingMode",
        "roundingIncrement",
        "trailingZeroDisplay",
        "roundingPriority",
    ];
    let tail: Vec<(String, Field)> = resolved
        .fields
        .iter()
        .filter(|(name, _)| tail_names.contains(&name.as_str()))
        .cloned()
        .collect();
    resolved
        .fields
        .retain(|(name, _)| !tail_names.contains(&name.as_str()));
    resolved.push("useGrouping", use_grouping);
    resolved.push_text("notation", &notation);
    if notation == "compact" {
        resolved.push_text("compactDisplay", &compact_display);
    }
    resolved.push_text("signDisplay", &sign_display);
    resolved.fields.extend(tail);
    vm.close_handle_scope(scope);
    Ok(resolved)
}

/// SetNumberFormatDigitOptions: appends the integer, fraction and significant digit fields and
/// the rounding fields.
fn set_digit_options(
    vm: &mut Vm,
    options: Option<ObjectRef>,
    resolved: &mut Resolved,
    default_minimum_fraction: u32,
    default_maximum_fraction: u32,
    notation: &str,
) -> JsResult<()> {
    let minimum_integer =
        get_number_option(vm, options, "minimumIntegerDigits", 1, 21)?.unwrap_or(1);
    let minimum_fraction_value = read_option(vm, options, "minimumFractionDigits")?;
    let maximum_fraction_value = read_option(vm, options, "maximumFractionDigits")?;
    let minimum_significant_value = read_option(vm, options, "minimumSignificantDigits")?;
    let maximum_significant_value = read_option(vm, options, "maximumSignificantDigits")?;
    let rounding_increment =
        get_number_option(vm, options, "roundingIncrement", 1, 5000)?.unwrap_or(1);
    if ![
        1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000,
    ]
    .contains(&rounding_increment)
    {
        return vm.throw_range_error("roundingIncrement value is out of range.");
    }
    let rounding_mode = get_string_option(
        vm,
        options,
        "roundingMode",
        &[
            "ceil",
            "floor",
            "expand",
            "trunc",
            "halfCeil",
            "halfFloor",
            "halfExpand",
            "halfTrunc",
            "halfEven",
        ],
        Some("halfExpand"),
        SERVICE,
    )?
    .unwrap_or_default();
    let rounding_priority = get_string_option(
        vm,
        options,
        "roundingPriority",
        &["auto", "morePrecision", "lessPrecision"],
        Some("auto"),
        SERVICE,
    )?
    .unwrap_or_default();
    let trailing_zero_display = get_string_option(
        vm,
        options,
        "trailingZeroDisplay",
        &["auto", "stripIfInteger"],
        Some("auto"),
        SERVICE,
    )?
    .unwrap_or_default();
    let has_significant =
        !minimum_significant_value.is_undefined() || !maximum_significant_value.is_undefined();
    let has_fraction =
        !minimum_fraction_value.is_undefined() || !maximum_fraction_value.is_undefined();
    let mut need_significant = true;
    let mut need_fraction = true;
    if rounding_priority == "auto" {
        need_significant = has_significant;
        if need_significant || (!has_fraction && notation == "compact") {
            need_fraction = false;
        }
    }
    resolved.push_number("minimumIntegerDigits", minimum_integer as f64);
    let mut computed_priority = rounding_priority.clone();
    if !need_significant && !need_fraction {
        resolved.push_number("minimumSignificantDigits", 1.0);
        resolved.push_number("maximumSignificantDigits", 2.0);
        resolved.push_number("minimumFractionDigits", 0.0);
        resolved.push_number("maximumFractionDigits", 0.0);
        computed_priority = "morePrecision".to_string();
    } else {
        if need_significant {
            let (minimum, maximum) = if has_significant {
                let minimum = super::default_number_option(
                    vm,
                    minimum_significant_value,
                    1,
                    21,
                    "minimumSignificantDigits",
                )?
                .unwrap_or(1);
                let maximum = super::default_number_option(
                    vm,
                    maximum_significant_value,
                    minimum,
                    21,
                    "maximumSignificantDigits",
                )?
                .unwrap_or(21);
                (minimum, maximum)
            } else {
                (1, 21)
            };
            resolved.push_number("minimumSignificantDigits", minimum as f64);
            resolved.push_number("maximumSignificantDigits", maximum as f64);
        }
        if need_fraction {
            let (minimum, maximum) = if has_fraction {
                let minimum = super::default_number_option(
                    vm,
                    minimum_fraction_value,
                    0,
                    100,
                    "minimumFractionDigits",
                )?;
                let maximum = super::default_number_option(
                    vm,
                    maximum_fraction_value,
                    0,
                    100,
                    "maximumFractionDigits",
                )?;
                match (minimum, maximum) {
                    (None, Some(maximum)) => (default_minimum_fraction.min(maximum), maximum),
                    (Some(minimum), None) => (minimum, default_maximum_fraction.max(minimum)),
                    (Some(minimum), Some(maximum)) => {
                        if minimum > maximum {
                            return vm
                                .throw_range_error("maximumFractionDigits value is out of range.");
                        }
                        (minimum, maximum)
                    }
                    (None, None) => (default_minimum_fraction, default_maximum_fraction),
                }
            } else {
                (default_minimum_fraction, default_maximum_fraction)
            };
            resolved.push_number("minimumFractionDigits", minimum as f64);
            resolved.push_number("maximumFractionDigits", maximum as f64);
        }
    }
    resolved.push_text("roundingMode", &rounding_mode);
    resolved.push_number("roundingIncrement", rounding_increment as f64);
    resolved.push_text("trailingZeroDisplay", &trailing_zero_display);
    resolved.push_text("roundingPriority", &computed_priority);
    Ok(())
}

// ----- JavaScript bindings -----

fn number_format_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let locales = args.get(vm, 0);
    let options = args.get(vm, 1);
    let resolved = resolve_number_format_options(vm, locales, options)?;
    super::create_service_object(vm, &args, IntlKind::NumberFormat, &resolved).map(Value::Object)
}

/// ToIntlMathematicalValue: a Number, a BigInt (exact), or a string (through ToNumber).
fn to_decimal_value(vm: &mut Vm, value: Value) -> JsResult<DecimalValue> {
    match vm.to_numeric(value)? {
        Numeric::Number(number) => Ok(DecimalValue::from_f64(number)),
        Numeric::BigInt(bigint) => {
            let text = vm.bigint(bigint).to_string_radix(10);
            Ok(DecimalValue::from_integer_text(&text))
        }
    }
}

/// UnwrapNumberFormat, with V8's message (which names the receiver `undefined` whatever it
/// is).
fn unwrap_number_format(vm: &mut Vm, this: Value) -> JsResult<Resolved> {
    match super::read_service(vm, this, IntlKind::NumberFormat) {
        Some(resolved) => Ok(resolved),
        None => vm.throw_type_error(
            "Method UnwrapNumberFormat called on incompatible receiver undefined",
        ),
    }
}

fn number_format_format_getter(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    unwrap_number_format(vm, this)?;
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
    let resolved = super::this_service(vm, service, IntlKind::NumberFormat, "format")?;
    let value = args.get(vm, 0);
    let decimal = to_decimal_value(vm, value)?;
    let text = NumberFormatter::from_resolved(&resolved).format(&decimal);
    Ok(super::super::string_value(vm, &text))
}

fn number_format_format_to_parts(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let resolved = super::this_service(
        vm,
        this,
        IntlKind::NumberFormat,
        "Intl.NumberFormat.prototype.formatToParts",
    )?;
    let value = args.get(vm, 0);
    let decimal = to_decimal_value(vm, value)?;
    let parts = NumberFormatter::from_resolved(&resolved).format_to_parts(&decimal);
    super::parts_array(vm, &parts)
}

fn number_format_resolved_options(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let resolved = unwrap_number_format(vm, this)?;
    super::resolved_options_object(vm, &resolved)
}

/// `Number.prototype.toLocaleString(locales, options)` for an already-unwrapped number.
pub fn number_to_locale_string(
    vm: &mut Vm,
    number: f64,
    locales: Value,
    options: Value,
) -> JsResult<Value> {
    let text = if locales.is_undefined() && options.is_undefined() {
        default_formatter().format(&DecimalValue::from_f64(number))
    } else {
        let resolved = resolve_number_format_options(vm, locales, options)?;
        NumberFormatter::from_resolved(&resolved).format(&DecimalValue::from_f64(number))
    };
    Ok(super::super::string_value(vm, &text))
}

/// `BigInt.prototype.toLocaleString(locales, options)` for the digits of a BigInt.
pub fn bigint_to_locale_string(
    vm: &mut Vm,
    decimal_text: &str,
    locales: Value,
    options: Value,
) -> JsResult<Value> {
    let resolved = resolve_number_format_options(vm, locales, options)?;
    let text = NumberFormatter::from_resolved(&resolved)
        .format(&DecimalValue::from_integer_text(decimal_text));
    Ok(super::super::string_value(vm, &text))
}

/// The en-US decimal formatter with default options (the no-argument `toLocaleString`).
pub fn default_formatter() -> NumberFormatter {
    NumberFormatter {
        locale: super::DEFAULT_LOCALE.to_string(),
        style: "decimal".to_string(),
        currency: String::new(),
        currency_display: String::new(),
        currency_sign: String::new(),
        unit: String::new(),
        unit_display: String::new(),
        minimum_integer_digits: 1,
        minimum_fraction_digits: Some(0),
        maximum_fraction_digits: Some(3),
        minimum_significant_digits: None,
        maximum_significant_digits: None,
        use_grouping: "auto".to_string(),
        notation: "standard".to_string(),
        compact_display: String::new(),
        sign_display: "auto".to_string(),
        rounding_mode: "halfExpand".to_string(),
        trailing_zero_display: "auto".to_string(),
        rounding_priority: "auto".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(number: f64) -> String {
        default_formatter().format(&DecimalValue::from_f64(number))
    }

    #[test]
    fn default_formatting_groups_and_rounds_the_shortest_digits() {
        assert_eq!(format(1234567.891), "1,234,567.891");
        assert_eq!(format(-1234.5), "-1,234.5");
        assert_eq!(format(0.12345), "0.123");
        assert_eq!(format(1.0005), "1.001");
        assert_eq!(format(-0.0), "-0");
        assert_eq!(format(1e21), "1,000,000,000,000,000,000,000");
        assert_eq!(format(f64::NAN), "NaN");
    }

    #[test]
    fn rounding_modes_apply_to_the_discarded_digits() {
        assert_eq!(
            round_to_keep(&[2, 5], 1, 1, "halfEven", false),
            (vec![2], 1)
        );
        assert_eq!(
            round_to_keep(&[3, 5], 1, 1, "halfEven", false),
            (vec![4], 1)
        );
        assert_eq!(
            round_to_keep(&[9, 9, 5], 3, 2, "halfExpand", false),
            (vec![1], 4)
        );
        assert_eq!(round_to_keep(&[4], 0, 0, "halfExpand", false), (vec![], 1));
        assert_eq!(round_to_keep(&[5], 0, 0, "halfExpand", false), (vec![1], 1));
    }
}
