//! Per-locale data for the Intl services: number symbols written by hand, and lookups into
//! the measured tables of `tables` (units, currencies, compact patterns, date names and
//! patterns). Locales outside the table set fall back to their language's main locale
//! (`de-AT` uses the `de-DE` data, `en` uses `en-US`), as ICU's data inheritance would for
//! the fields covered here.

use super::tables;

/// Decimal and grouping symbols of a locale.
#[derive(Clone, Copy, Debug)]
pub struct NumberSymbols {
    /// The decimal separator.
    pub decimal: &'static str,
    /// The grouping separator.
    pub group: &'static str,
    /// Grouping applies only when the integer part has at least this many digits beyond the
    /// first group (CLDR minimumGroupingDigits: 2 for Spanish, so "1234" stays ungrouped).
    pub minimum_grouping_digits: usize,
    /// The percent pattern (`{0}` is the number).
    pub percent_pattern: &'static str,
}

/// The table locale used for data lookups of any resolved locale.
pub fn data_locale(locale: &str) -> &'static str {
    let language = super::language_of(locale);
    let region = super::region_of(locale);
    match language {
        "en" => match region {
            None | Some("US") | Some("PH") | Some("PR") | Some("UM") | Some("VI") | Some("AS")
            | Some("GU") | Some("MP") => "en-US",
            _ => "en-GB",
        },
        "de" => "de-DE",
        "fr" => "fr-FR",
        "es" => "es-ES",
        "ja" => "ja-JP",
        _ => "en-US",
    }
}

/// The number symbols of a locale.
pub fn number_symbols(locale: &str) -> NumberSymbols {
    match data_locale(locale) {
        "de-DE" => NumberSymbols {
            decimal: ",",
            group: ".",
            minimum_grouping_digits: 1,
            percent_pattern: "{0}\u{a0}%",
        },
        "fr-FR" => NumberSymbols {
            decimal: ",",
            group: "\u{202f}",
            minimum_grouping_digits: 1,
            percent_pattern: "{0}\u{a0}%",
        },
        "es-ES" => NumberSymbols {
            decimal: ",",
            group: ".",
            minimum_grouping_digits: 2,
            percent_pattern: "{0}\u{a0}%",
        },
        _ => NumberSymbols {
            decimal: ".",
            group: ",",
            minimum_grouping_digits: 1,
            percent_pattern: "{0}%",
        },
    }
}

/// The size of the integer groups before the last one: 2 for the Indian numbering system of
/// the locales of India (`en-IN` formats 12345678 as "1,23,45,678"), 3 elsewhere.
pub fn secondary_grouping_size(locale: &str) -> usize {
    match super::region_of(locale) {
        Some("IN") => 2,
        _ => 3,
    }
}

/// The number of fraction digits of a currency (ISO 4217 minor units).
pub fn currency_digits(code: &str) -> u32 {
    match code {
        "JPY" | "KRW" | "VND" | "CLP" | "ISK" | "UGX" | "XAF" | "XOF" | "PYG" | "KMF" | "GNF"
        | "RWF" | "VUV" | "XPF" | "DJF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        _ => 2,
    }
}

/// The currency pattern for a locale, code and display (`symbol`, `narrowSymbol`, `code`),
/// `{0}` being the number. Unknown currencies show their code the way `code` display does.
pub fn currency_pattern(locale: &str, code: &str, display: &str) -> String {
    let table_locale = data_locale(locale);
    for &(entry_locale, entry_code, symbol, narrow, code_pattern) in tables::CURRENCY_PATTERNS {
        if entry_locale == table_locale && entry_code == code {
            return match display {
                "narrowSymbol" => narrow.to_string(),
                "code" => code_pattern.to_string(),
                _ => symbol.to_string(),
            };
        }
    }
    // The locale's code pattern with a different code.
    for &(entry_locale, entry_code, _, _, code_pattern) in tables::CURRENCY_PATTERNS {
        if entry_locale == table_locale && entry_code == "USD" {
            return code_pattern.replace(entry_code, code);
        }
    }
    format!("{code}\u{a0}{{0}}")
}

/// The long currency name pattern (`{0} US dollars`) for the plural category.
pub fn currency_name_pattern(locale: &str, code: &str, plural_one: bool) -> String {
    let language = super::language_of(data_locale(locale));
    for &(entry_language, entry_code, one, other) in tables::CURRENCY_NAMES {
        if entry_language == language && entry_code == code {
            return if plural_one { one } else { other }.to_string();
        }
    }
    format!("{{0}} {code}")
}

/// Whether a unit identifier is one this implementation has data for.
pub fn is_known_unit(unit: &str) -> bool {
    tables::UNIT_PATTERNS
        .iter()
        .any(|&(_, entry_unit, _, _, _)| entry_unit == unit)
}

/// The unit pattern for a locale, unit, display and plural category.
pub fn unit_pattern(locale: &str, unit: &str, display: &str, plural_one: bool) -> String {
    let table_locale = data_locale(locale);
    let language = if table_locale == "en-GB" {
        table_locale
    } else {
        super::language_of(table_locale)
    };
    for &(entry_language, entry_unit, entry_display, one, other) in tables::UNIT_PATTERNS {
        if entry_language == language && entry_unit == unit && entry_display == display {
            return if plural_one { one } else { other }.to_string();
        }
    }
    format!("{{0}} {unit}")
}

/// The compact pattern for a magnitude: `(divisor exponent, pattern)`; a divisor of 0 means
/// the number is shown unabbreviated.
pub fn compact_pattern(
    locale: &str,
    display: &str,
    magnitude: i32,
    plural_one: bool,
) -> (u32, String) {
    if magnitude < 3 {
        return (0, "{0}".to_string());
    }
    let table_locale = data_locale(locale);
    let magnitude = magnitude.min(14) as u32;
    for &(entry_locale, entry_display, entry_magnitude, divisor, one, other) in
        tables::COMPACT_PATTERNS
    {
        if entry_locale == table_locale && entry_display == display && entry_magnitude == magnitude
        {
            let pattern = if plural_one { one } else { other };
            return (divisor, pattern.to_string());
        }
    }
    (0, "{0}".to_string())
}

/// Month, weekday, day-period, era and time-zone names: the `|`-separated list for `kind`.
pub fn date_names(locale: &str, kind: &str) -> Vec<&'static str> {
    let table_locale = data_locale(locale);
    for &(entry_locale, entry_kind, names) in tables::DATE_NAMES {
        if entry_locale == table_locale && entry_kind == kind {
            return names.split('|').collect();
        }
    }
    Vec::new()
}

/// The date-time pattern for a skeleton (see `tables::DATE_PATTERNS`).
pub fn date_pattern(locale: &str, skeleton: &str) -> Option<&'static str> {
    let table_locale = data_locale(locale);
    tables::DATE_PATTERNS
        .iter()
        .find(|&&(entry_locale, entry_skeleton, _)| {
            entry_locale == table_locale && entry_skeleton == skeleton
        })
        .map(|&(_, _, pattern)| pattern)
}

/// The default hour cycle of a locale: true for the 12-hour clock.
pub fn uses_twelve_hour_clock(locale: &str) -> bool {
    data_locale(locale) == "en-US"
}
