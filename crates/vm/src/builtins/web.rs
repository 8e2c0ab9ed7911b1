//! Web-platform globals that Node also provides: `global` (Node's alias of `globalThis`),
//! `atob`/`btoa` (forgiving base64, Latin-1 strings) and `TextEncoder`/`TextDecoder` (UTF-8
//! only, which is all Node's small-ICU build guarantees; other labels are a RangeError).
//!
//! TextDecoder state lives in `ObjectKind::Internal`: `counter` holds the flags
//! (bit 0 `fatal`, bit 1 `ignoreBOM`).

use super::method;
use crate::atom::{PropertyKey, atoms};
use crate::error::ErrorKind;
use crate::function::Args;
use crate::object::{ElementType, InternalTag, ObjectKind};
use crate::realm::Vm;
use crate::shape::Attributes;
use crate::value::{JsResult, ObjectRef, Value};

const FATAL_FLAG: f64 = 1.0;
const IGNORE_BOM_FLAG: f64 = 2.0;

/// Installs the globals of this module.
pub fn install(vm: &mut Vm) {
    let global = vm.global_object();
    vm.define_lazy_global("global", crate::lazy_globals::global_object_alias);
    method(vm, global, "atob", 1, atob);
    method(vm, global, "btoa", 1, btoa);
    // Nothing else refers to these constructors or their prototypes: created on first use
    // (see `crate::lazy_globals`).
    vm.define_lazy_global("TextEncoder", create_text_encoder);
    vm.define_lazy_global("TextDecoder", create_text_decoder);
}

/// Creates the `TextEncoder` constructor and its prototype.
fn create_text_encoder(vm: &mut Vm) -> Value {
    let (encoder, encoder_prototype) = super::weak_refs::new_constructor_with_prototype(
        vm,
        "TextEncoder",
        0,
        text_encoder_constructor,
    );
    super::getter(vm, encoder_prototype, "encoding", |vm, this, _| {
        this_internal(vm, this, InternalTag::TextEncoder, "TextEncoder")?;
        Ok(Value::String(vm.new_string("utf-8")))
    });
    method(vm, encoder_prototype, "encode", 0, text_encoder_encode);
    method(
        vm,
        encoder_prototype,
        "encodeInto",
        2,
        text_encoder_encode_into,
    );
    super::to_string_tag(vm, encoder_prototype, "TextEncoder");
    Value::Object(encoder)
}

/// Creates the `TextDecoder` constructor and its prototype.
fn create_text_decoder(vm: &mut Vm) -> Value {
    let (decoder, decoder_prototype) = super::weak_refs::new_constructor_with_prototype(
        vm,
        "TextDecoder",
        0,
        text_decoder_constructor,
    );
    super::getter(vm, decoder_prototype, "encoding", |vm, this, _| {
        this_internal(vm, this, InternalTag::TextDecoder, "TextDecoder")?;
        Ok(Value::String(vm.new_string("utf-8")))
    });
    super::getter(vm, decoder_prototype, "fatal", |vm, this, _| {
        let flags = this_internal(vm, this, InternalTag::TextDecoder, "TextDecoder")?;
        Ok(Value::Boolean(flags as u32 & FATAL_FLAG as u32 != 0))
    });
    super::getter(vm, decoder_prototype, "ignoreBOM", |vm, this, _| {
        let flags = this_internal(vm, this, InternalTag::TextDecoder, "TextDecoder")?;
        Ok(Value::Boolean(flags as u32 & IGNORE_BOM_FLAG as u32 != 0))
    });
    method(vm, decoder_prototype, "decode", 0, text_decoder_decode);
    super::to_string_tag(vm, decoder_prototype, "TextDecoder");
    Value::Object(decoder)
}

/// A `DOMException`-like error: an Error whose `name` is `name`.
fn dom_exception(vm: &mut Vm, name: &str, message: &str) -> Value {
    let error = vm.new_error(ErrorKind::Error, message);
    if let Value::Object(object) = error {
        let name = Value::String(vm.new_string(name));
        vm.define_data_property(
            object,
            PropertyKey::Atom(atoms::NAME),
            name,
            Attributes::HIDDEN_DATA,
        );
        vm.install_error_stack(object);
    }
    error
}

const BASE64_ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `btoa(data)`: base64 of a string whose code units are all at most 0xFF.
fn btoa(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if args.is_empty() {
        return vm.throw_type_error("The \"data\" argument must be specified");
    }
    let data = args.get(vm, 0);
    let text = vm.to_string(data)?;
    let units = vm.string(text).to_utf16();
    let mut bytes = Vec::with_capacity(units.len());
    for unit in units {
        let Ok(byte) = u8::try_from(unit) else {
            return Err(dom_exception(
                vm,
                "InvalidCharacterError",
                "Invalid character",
            ));
        };
        bytes.push(byte);
    }
    let mut output = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let group = (u32::from(chunk[0]) << 16)
            | (u32::from(chunk.get(1).copied().unwrap_or(0)) << 8)
            | u32::from(chunk.get(2).copied().unwrap_or(0));
        for position in 0..4 {
            if position <= chunk.len() {
                let index = (group >> (18 - 6 * position)) & 0x3F;
                output.push(char::from(BASE64_ALPHABET[index as usize]));
            } else {
                output.push('=');
            }
        }
    }
    Ok(Value::String(vm.new_string(&output)))
}

/// `atob(data)`: the forgiving-base64 decode of the HTML standard (ASCII whitespace is
/// ignored, padding is optional but must be right), giving a Latin-1 string.
fn atob(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if args.is_empty() {
        return vm.throw_type_error("The \"data\" argument must be specified");
    }
    let data = args.get(vm, 0);
    let text = vm.to_string(data)?;
    let units = vm.string(text).to_utf16();
    let invalid = |vm: &mut Vm| {
        Err(dom_exception(
            vm,
            "InvalidCharacterError",
            "The string to be decoded is not correctly encoded.",
        ))
    };
    let mut symbols: Vec<u8> = units
        .iter()
        .filter(|&&unit| !matches!(unit, 0x09 | 0x0A | 0x0C | 0x0D | 0x20))
        .map(|&unit| u8::try_from(unit).unwrap_or(0xFF))
        .collect();
    if symbols.len().is_multiple_of(4) {
        if symbols.ends_with(b"==") {
            symbols.truncate(symbols.len() - 2);
        } else if symbols.ends_with(b"=") {
            symbols.truncate(symbols.len() - 1);
        }
    }
    if symbols
        .iter()
        .any(|symbol| !BASE64_ALPHABET.contains(symbol))
    {
        return Err(dom_exception(
            vm,
            "InvalidCharacterError",
            "Invalid character",
        ));
    }
    if symbols.len() % 4 == 1 {
        return invalid(vm);
    }
    let mut bits: u32 = 0;
    let mut bit_count = 0;
    let mut output = Vec::with_capacity(symbols.len() * 3 / 4);
    for symbol in symbols {
        let Some(value) = BASE64_ALPHABET.iter().position(|&letter| letter == symbol) else {
            return invalid(vm);
        };
        bits = (bits << 6) | value as u32;
        bit_count += 6;
        if bit_count >= 8 {
            bit_count -= 8;
            output.push((bits >> bit_count) as u8 as u16);
            bits &= (1 << bit_count) - 1;
        }
    }
    let string = crate::string::JsString::from_utf16_vec(output);
    Ok(Value::String(vm.alloc_string(string)))
}

/// The internal state (flags) of a TextEncoder/TextDecoder receiver, or a TypeError.
fn this_internal(vm: &mut Vm, this: Value, tag: InternalTag, class: &str) -> JsResult<f64> {
    if let Value::Object(object) = this
        && let ObjectKind::Internal(data) = &vm.object(object).kind
        && data.tag == tag
    {
        return Ok(data.counter);
    }
    let receiver = vm.describe_receiver_for_error(this);
    vm.throw_type_error(&format!(
        "Value of \"this\" must be of type {class}. Received {receiver}"
    ))
}

fn text_encoder_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if !args.is_construct_call() {
        return vm
            .throw_type_error("Class constructor TextEncoder cannot be invoked without 'new'");
    }
    super::weak_refs::create_from_constructor(vm, &args, InternalTag::TextEncoder, Vec::new())
        .map(Value::Object)
}

/// A new Uint8Array holding `bytes`.
fn new_uint8_array(vm: &mut Vm, bytes: &[u8]) -> JsResult<ObjectRef> {
    let constructor = vm.intrinsics.typed_array_constructors[ElementType::Uint8.index()];
    let array = vm.construct(
        Value::Object(constructor),
        &[Value::Number(bytes.len() as f64)],
        None,
    )?;
    let Value::Object(array) = array else {
        return vm.throw_type_error("internal error: Uint8Array construction failed");
    };
    if let Some(view) = vm.typed_array_data(array)
        && let Some(buffer) = vm.array_buffer_data_mut(view.buffer)
    {
        let start = view.byte_offset as usize;
        buffer.bytes[start..start + bytes.len()].copy_from_slice(bytes);
    }
    Ok(array)
}

fn text_encoder_encode(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    this_internal(vm, this, InternalTag::TextEncoder, "TextEncoder")?;
    let input = args.get(vm, 0);
    let text = if input.is_undefined() {
        String::new()
    } else {
        let string = vm.to_string(input)?;
        // Lone surrogates become U+FFFD, as USVString conversion does.
        vm.string(string).to_rust_string_lossy()
    };
    new_uint8_array(vm, text.as_bytes()).map(Value::Object)
}

fn text_encoder_encode_into(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    this_internal(vm, this, InternalTag::TextEncoder, "TextEncoder")?;
    let source = args.get(vm, 0);
    let source = vm.to_string(source)?;
    let units = vm.string(source).to_utf16();
    let destination = args.get(vm, 1);
    let target = match destination {
        Value::Object(object) => vm.typed_array_data(object).filter(|view| {
            view.element_type == ElementType::Uint8 && vm.typed_array_length(view).is_some()
        }),
        _ => None,
    };
    let Some(view) = target else {
        let received = super::process::describe_received(vm, destination);
        return vm.throw_type_error(&format!(
            "The \"dest\" argument must be an instance of Uint8Array. {received}"
        ));
    };
    let capacity = vm.typed_array_length(&view).unwrap_or(0);
    let mut read = 0usize;
    let mut encoded = Vec::with_capacity(capacity);
    for decoded in char::decode_utf16(units.iter().copied()) {
        let character = decoded.unwrap_or(char::REPLACEMENT_CHARACTER);
        let mut buffer = [0u8; 4];
        let bytes = character.encode_utf8(&mut buffer).as_bytes();
        if encoded.len() + bytes.len() > capacity {
            break;
        }
        encoded.extend_from_slice(bytes);
        read += character.len_utf16();
    }
    if let Some(buffer) = vm.array_buffer_data_mut(view.buffer) {
        let start = view.byte_offset as usize;
        buffer.bytes[start..start + encoded.len()].copy_from_slice(&encoded);
    }
    let result = vm.new_object();
    let scope = vm.open_handle_scope();
    vm.root(Value::Object(result));
    let read_key = vm.property_key_from_str("read");
    vm.create_data_property(result, read_key, Value::Number(read as f64))?;
    let written_key = vm.property_key_from_str("written");
    vm.create_data_property(result, written_key, Value::Number(encoded.len() as f64))?;
    vm.close_handle_scope(scope);
    Ok(Value::Object(result))
}

fn text_decoder_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if !args.is_construct_call() {
        return vm
            .throw_type_error("Class constructor TextDecoder cannot be invoked without 'new'");
    }
    let label = args.get(vm, 0);
    if !label.is_undefined() {
        let label = vm.to_rust_string(label)?;
        let normalized = label.trim().to_ascii_lowercase();
        if !matches!(normalized.as_str(), "utf-8" | "utf8" | "unicode-1-1-utf-8") {
            return vm.throw_range_error(&format!("The \"{label}\" encoding is not supported"));
        }
    }
    let mut flags = 0.0;
    if let Value::Object(options) = args.get(vm, 1) {
        let fatal_key = vm.property_key_from_str("fatal");
        let fatal = vm.get(options, fatal_key)?;
        if vm.to_boolean(fatal) {
            flags += FATAL_FLAG;
        }
        let ignore_key = vm.property_key_from_str("ignoreBOM");
        let ignore = vm.get(options, ignore_key)?;
        if vm.to_boolean(ignore) {
            flags += IGNORE_BOM_FLAG;
        }
    }
    let decoder =
        super::weak_refs::create_from_constructor(vm, &args, InternalTag::TextDecoder, Vec::new())?;
    if let ObjectKind::Internal(data) = &mut vm.object_mut(decoder).kind {
        data.counter = flags;
    }
    Ok(Value::Object(decoder))
}

/// The bytes viewed by an ArrayBuffer, typed array or DataView.
fn viewed_bytes(vm: &mut Vm, value: Value) -> Option<Vec<u8>> {
    let Value::Object(object) = value else {
        return None;
    };
    let (buffer, offset, length) = match vm.object(object).kind {
        ObjectKind::ArrayBuffer(_) => (object, 0, None),
        ObjectKind::TypedArray(_) => {
            let view = vm.typed_array_data(object)?;
            let length = vm.typed_array_length(&view)? * view.element_type.size();
            (view.buffer, view.byte_offset as usize, Some(length))
        }
        ObjectKind::DataView(view) => (
            view.buffer,
            view.byte_offset as usize,
            (view.byte_length != crate::object::LENGTH_TRACKING)
                .then_some(view.byte_length as usize),
        ),
        _ => return None,
    };
    let data = vm.array_buffer_data(buffer)?;
    let end = length.map_or(data.bytes.len(), |length| offset + length);
    data.bytes.get(offset..end).map(<[u8]>::to_vec)
}

fn text_decoder_decode(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let flags = this_internal(vm, this, InternalTag::TextDecoder, "TextDecoder")? as u32;
    let input = args.get(vm, 0);
    let bytes = if input.is_undefined() {
        Vec::new()
    } else {
        match viewed_bytes(vm, input) {
            Some(bytes) => bytes,
            None => {
                let received = super::process::describe_received(vm, input);
                return vm.throw_type_error(&format!(
                    "The \"input\" argument must be an instance of ArrayBuffer or \
                     ArrayBufferView. {received}"
                ));
            }
        }
    };
    let mut body: &[u8] = &bytes;
    if flags & IGNORE_BOM_FLAG as u32 == 0 && body.starts_with(&[0xEF, 0xBB, 0xBF]) {
        body = &body[3..];
    }
    let text = if flags & FATAL_FLAG as u32 != 0 {
        match std::str::from_utf8(body) {
            Ok(text) => text.to_string(),
            Err(_) => {
                return vm.throw_type_error("The encoded data was not valid for encoding utf-8");
            }
        }
    } else {
        String::from_utf8_lossy(body).into_owned()
    };
    Ok(Value::String(vm.new_string(&text)))
}
