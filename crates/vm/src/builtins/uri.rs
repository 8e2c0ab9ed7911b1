//! `encodeURIComponent`, `encodeURI`, `decodeURIComponent`, `decodeURI` (UTF-8 percent
//! encoding over UTF-16 code units; URIError on lone surrogates and malformed escapes), and
//! the Annex B `escape`/`unescape` pair.

use super::{to_units, utf16_value};
use crate::error::ErrorKind;
use crate::function::Args;
use crate::realm::Vm;
use crate::value::{JsResult, Value};

const URI_UNRESERVED_MARKS: &str = "-_.!~*'()";
const URI_RESERVED: &str = ";/?:@&=+$,#";

/// Installs the URI functions on the global object.
pub fn install(vm: &mut Vm) {
    let global = vm.global_object();
    super::method(vm, global, "escape", 1, annex_b_escape);
    super::method(vm, global, "unescape", 1, annex_b_unescape);
    super::method(vm, global, "encodeURIComponent", 1, |vm, _, args| {
        encode(vm, args, "")
    });
    super::method(vm, global, "encodeURI", 1, |vm, _, args| {
        encode(vm, args, URI_RESERVED)
    });
    super::method(vm, global, "decodeURIComponent", 1, |vm, _, args| {
        decode(vm, args, "")
    });
    super::method(vm, global, "decodeURI", 1, |vm, _, args| {
        decode(vm, args, URI_RESERVED)
    });
}

fn uri_error<T>(vm: &mut Vm) -> JsResult<T> {
    Err(vm.new_error(ErrorKind::UriError, "URI malformed"))
}

fn encode(vm: &mut Vm, args: Args, extra_unescaped: &str) -> JsResult<Value> {
    let units = to_units(vm, args.get(vm, 0))?;
    let mut result: Vec<u16> = Vec::with_capacity(units.len());
    let mut index = 0;
    while index < units.len() {
        let unit = units[index];
        if unit < 128 {
            let byte = unit as u8;
            if byte.is_ascii_alphanumeric()
                || URI_UNRESERVED_MARKS.as_bytes().contains(&byte)
                || extra_unescaped.as_bytes().contains(&byte)
            {
                result.push(unit);
                index += 1;
                continue;
            }
        }
        let code_point = if (0xdc00..=0xdfff).contains(&unit) {
            return uri_error(vm);
        } else if (0xd800..=0xdbff).contains(&unit) {
            match units.get(index + 1) {
                Some(&next) if (0xdc00..=0xdfff).contains(&next) => {
                    index += 1;
                    0x10000 + (((unit as u32) - 0xd800) << 10) + ((next as u32) - 0xdc00)
                }
                _ => return uri_error(vm),
            }
        } else {
            unit as u32
        };
        index += 1;
        let mut buffer = [0u8; 4];
        let Some(character) = char::from_u32(code_point) else {
            return uri_error(vm);
        };
        for byte in character.encode_utf8(&mut buffer).bytes() {
            result.extend(format!("%{byte:02X}").encode_utf16());
        }
    }
    Ok(utf16_value(vm, result))
}

fn hex_value(unit: u16) -> Option<u8> {
    char::from_u32(unit as u32)?
        .to_digit(16)
        .map(|digit| digit as u8)
}

fn decode(vm: &mut Vm, args: Args, reserved: &str) -> JsResult<Value> {
    let units = to_units(vm, args.get(vm, 0))?;
    let mut result: Vec<u16> = Vec::with_capacity(units.len());
    let mut index = 0;
    let read_byte = |units: &[u16], at: usize| -> Option<u8> {
        if units.get(at) != Some(&u16::from(b'%')) {
            return None;
        }
        Some(hex_value(*units.get(at + 1)?)? * 16 + hex_value(*units.get(at + 2)?)?)
    };
    while index < units.len() {
        let unit = units[index];
        if unit != u16::from(b'%') {
            result.push(unit);
            index += 1;
            continue;
        }
        let Some(first) = read_byte(&units, index) else {
            return uri_error(vm);
        };
        if first < 0x80 {
            if reserved.as_bytes().contains(&first) {
                result.extend_from_slice(&units[index..index + 3]);
            } else {
                result.push(first as u16);
            }
            index += 3;
            continue;
        }
        let length = match first {
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf7 => 4,
            _ => return uri_error(vm),
        };
        let mut bytes = vec![first];
        for continuation in 1..length {
            match read_byte(&units, index + continuation * 3) {
                Some(byte) if byte & 0xc0 == 0x80 => bytes.push(byte),
                _ => return uri_error(vm),
            }
        }
        let Ok(text) = std::str::from_utf8(&bytes) else {
            return uri_error(vm);
        };
        result.extend(text.encode_utf16());
        index += length * 3;
    }
    Ok(utf16_value(vm, result))
}

/// Annex B `escape(string)`: `%XX` for code units below 256 and `%uXXXX` above, except the
/// characters `A-Z a-z 0-9 @ * _ + - . /`.
fn annex_b_escape(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let units = super::to_units(vm, args.get(vm, 0))?;
    let mut output: Vec<u16> = Vec::with_capacity(units.len());
    for unit in units {
        let unescaped = u8::try_from(unit)
            .is_ok_and(|byte| byte.is_ascii_alphanumeric() || b"@*_+-./".contains(&byte));
        if unescaped {
            output.push(unit);
        } else if unit < 256 {
            output.extend(format!("%{unit:02X}").encode_utf16());
        } else {
            output.extend(format!("%u{unit:04X}").encode_utf16());
        }
    }
    Ok(super::utf16_value(vm, output))
}

/// Annex B `unescape(string)`: decodes `%XX` and `%uXXXX`; anything else is kept.
fn annex_b_unescape(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let units = super::to_units(vm, args.get(vm, 0))?;
    let hex_value = |slice: &[u16]| -> Option<u16> {
        let mut value: u16 = 0;
        for &unit in slice {
            let digit = char::from_u32(u32::from(unit))?.to_digit(16)?;
            value = value * 16 + digit as u16;
        }
        Some(value)
    };
    let mut output: Vec<u16> = Vec::with_capacity(units.len());
    let mut position = 0;
    while position < units.len() {
        let unit = units[position];
        if unit == u16::from(b'%') {
            if units.get(position + 1) == Some(&u16::from(b'u'))
                && let Some(slice) = units.get(position + 2..position + 6)
                && let Some(decoded) = hex_value(slice)
            {
                output.push(decoded);
                position += 6;
                continue;
            }
            if let Some(slice) = units.get(position + 1..position + 3)
                && let Some(decoded) = hex_value(slice)
            {
                output.push(decoded);
                position += 3;
                continue;
            }
        }
        output.push(unit);
        position += 1;
    }
    Ok(super::utf16_value(vm, output))
}
