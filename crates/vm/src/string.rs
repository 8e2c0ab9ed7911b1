//! Immutable JavaScript strings with UTF-16 semantics.
//!
//! Representation: a string whose code units all fit in one byte (Latin-1, which includes
//! ASCII) is stored as `Box<[u8]>`; any other string as `Box<[u16]>`. The representation is
//! canonical (a two-byte string always contains a unit above 0xFF), so two strings are equal
//! exactly when their representations are equal; the atom table relies on that.
//!
//! Performance decisions:
//! - One-byte storage halves memory and makes ASCII-heavy programs cheap to print.
//! - The hash is computed lazily and cached (0 means "not computed yet").
//! - Ropes: concatenations producing at least [`ROPE_THRESHOLD`] code units create a rope
//!   node (two child handles, no copying), so `s += x` loops are linear. A rope is flattened
//!   once, lazily, by `Vm::string` (the only way to read a heap string), iteratively (no
//!   recursion, whatever the rope depth); afterwards it holds the flat data and drops its
//!   children. `JsString::view` and friends must only be called on flat strings.

use std::cell::{Cell, OnceCell};
use std::cmp::Ordering;

use tseval_gc::{Arena, Trace, Tracer};

use crate::value::StringRef;

/// Concatenations at least this long create a rope instead of copying.
pub const ROPE_THRESHOLD: usize = 256;

/// The longest Latin-1 content stored inside the string node itself.
pub const SHORT_STRING_CAPACITY: usize = 22;

/// Latin-1 content: up to [`SHORT_STRING_CAPACITY`] bytes inside the value, longer content in
/// a heap block. Reads as a `[u8]` slice either way.
///
/// Performance decision: most strings a program makes are short (keys, words, numbers,
/// `"s" + i`), and each one used to cost a string node in the arena plus a separate heap
/// block: a `malloc`/`free` pair per string and a ~32-byte malloc chunk kept alive with it.
/// Inline storage fits in the bytes the boxed slice already took (`StringData` stays 24
/// bytes, asserted below), so short strings need no block at all.
#[derive(Clone)]
pub struct Latin1Bytes(Latin1Storage);

#[derive(Clone)]
enum Latin1Storage {
    Inline {
        length: u8,
        bytes: [u8; SHORT_STRING_CAPACITY],
    },
    Heap(Box<[u8]>),
}

impl Latin1Bytes {
    /// Copies `bytes` (inline when short).
    #[inline]
    pub fn from_slice(bytes: &[u8]) -> Latin1Bytes {
        if bytes.len() <= SHORT_STRING_CAPACITY {
            let mut inline = [0u8; SHORT_STRING_CAPACITY];
            inline[..bytes.len()].copy_from_slice(bytes);
            Latin1Bytes(Latin1Storage::Inline {
                length: bytes.len() as u8,
                bytes: inline,
            })
        } else {
            Latin1Bytes(Latin1Storage::Heap(bytes.into()))
        }
    }

    /// Takes `bytes` (copied inline when short, the vector's block kept otherwise).
    #[inline]
    pub fn from_vec(bytes: Vec<u8>) -> Latin1Bytes {
        if bytes.len() <= SHORT_STRING_CAPACITY {
            Latin1Bytes::from_slice(&bytes)
        } else {
            Latin1Bytes(Latin1Storage::Heap(bytes.into_boxed_slice()))
        }
    }

    /// The concatenation of `parts` (inline when the total is short).
    fn concatenation(parts: &[&[u8]]) -> Latin1Bytes {
        let total: usize = parts.iter().map(|part| part.len()).sum();
        if total <= SHORT_STRING_CAPACITY {
            let mut inline = [0u8; SHORT_STRING_CAPACITY];
            let mut position = 0;
            for part in parts {
                inline[position..position + part.len()].copy_from_slice(part);
                position += part.len();
            }
            return Latin1Bytes(Latin1Storage::Inline {
                length: total as u8,
                bytes: inline,
            });
        }
        let mut joined = Vec::with_capacity(total);
        for part in parts {
            joined.extend_from_slice(part);
        }
        Latin1Bytes(Latin1Storage::Heap(joined.into_boxed_slice()))
    }

    /// Bytes held in a separate heap block (0 when inline).
    #[inline]
    pub fn heap_bytes(&self) -> usize {
        match &self.0 {
            Latin1Storage::Inline { .. } => 0,
            Latin1Storage::Heap(bytes) => bytes.len(),
        }
    }
}

impl std::ops::Deref for Latin1Bytes {
    type Target = [u8];

    #[inline]
    fn deref(&self) -> &[u8] {
        match &self.0 {
            Latin1Storage::Inline { length, bytes } => &bytes[..usize::from(*length)],
            Latin1Storage::Heap(bytes) => bytes,
        }
    }
}

impl AsRef<[u8]> for Latin1Bytes {
    #[inline]
    fn as_ref(&self) -> &[u8] {
        self
    }
}

impl PartialEq for Latin1Bytes {
    #[inline]
    fn eq(&self, other: &Latin1Bytes) -> bool {
        **self == **other
    }
}

impl Eq for Latin1Bytes {}

impl PartialOrd for Latin1Bytes {
    fn partial_cmp(&self, other: &Latin1Bytes) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Latin1Bytes {
    fn cmp(&self, other: &Latin1Bytes) -> Ordering {
        (**self).cmp(&**other)
    }
}

impl std::hash::Hash for Latin1Bytes {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl std::fmt::Debug for Latin1Bytes {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(formatter)
    }
}

const _: () = assert!(std::mem::size_of::<StringData>() == 24);

/// The storage of a string.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum StringData {
    /// Every code unit is `<= 0xFF` (Latin-1).
    OneByte(Latin1Bytes),
    /// At least one code unit is `> 0xFF`.
    TwoByte(Box<[u16]>),
}

/// A borrowed view of a string's code units.
#[derive(Clone, Copy, Debug)]
pub enum StringView<'a> {
    /// Latin-1 code units.
    OneByte(&'a [u8]),
    /// UTF-16 code units.
    TwoByte(&'a [u16]),
}

impl<'a> StringView<'a> {
    /// Length in UTF-16 code units.
    #[inline]
    pub fn len(self) -> usize {
        match self {
            StringView::OneByte(bytes) => bytes.len(),
            StringView::TwoByte(units) => units.len(),
        }
    }

    /// True for the empty string.
    #[inline]
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The code unit at `index` (caller checks bounds).
    #[inline]
    pub fn code_unit(self, index: usize) -> u16 {
        match self {
            StringView::OneByte(bytes) => bytes[index] as u16,
            StringView::TwoByte(units) => units[index],
        }
    }

    /// Iterates over code units.
    pub fn code_units(self) -> impl Iterator<Item = u16> + 'a {
        let (one, two): (&'a [u8], &'a [u16]) = match self {
            StringView::OneByte(bytes) => (bytes, &[]),
            StringView::TwoByte(units) => (&[], units),
        };
        one.iter()
            .map(|&byte| byte as u16)
            .chain(two.iter().copied())
    }
}

/// An immutable JS string stored in the heap.
#[derive(Debug)]
pub struct JsString {
    /// The flat content; unset only for a rope that was not flattened yet.
    flat: OnceCell<StringData>,
    /// The children of an unflattened rope.
    rope: Cell<Option<(StringRef, StringRef)>>,
    /// Length in code units (known even for ropes).
    length: u32,
    hash: Cell<u32>,
}

impl Clone for JsString {
    fn clone(&self) -> Self {
        JsString {
            flat: self.flat.clone(),
            rope: Cell::new(self.rope.get()),
            length: self.length,
            hash: Cell::new(self.hash.get()),
        }
    }
}

impl PartialEq for JsString {
    fn eq(&self, other: &Self) -> bool {
        self.length == other.length && self.flat() == other.flat()
    }
}

impl Eq for JsString {}

impl Trace for JsString {
    fn trace(&self, tracer: &mut Tracer) {
        if let Some((left, right)) = self.rope.get() {
            tracer.push(left);
            tracer.push(right);
        }
    }

    /// The content buffer (a rope node owns none: its pieces are counted where they live).
    #[inline]
    fn external_bytes(&self) -> usize {
        self.content_bytes()
    }
}

impl JsString {
    /// Wraps already-canonical data. Prefer the `from_*` constructors.
    pub fn from_data(data: StringData) -> JsString {
        let length = match &data {
            StringData::OneByte(bytes) => bytes.len(),
            StringData::TwoByte(units) => units.len(),
        };
        JsString {
            flat: OnceCell::from(data),
            rope: Cell::new(None),
            length: length as u32,
            hash: Cell::new(0),
        }
    }

    /// A rope node for `left + right` (the caller passes the total length).
    pub fn rope(left: StringRef, right: StringRef, length: usize) -> JsString {
        JsString {
            flat: OnceCell::new(),
            rope: Cell::new(Some((left, right))),
            length: length as u32,
            hash: Cell::new(0),
        }
    }

    /// Bytes of the flat content buffer (0 for an unflattened rope node). The GC charges a
    /// string its node plus these bytes, so a rope costs the collector nothing per level.
    #[inline]
    pub fn content_bytes(&self) -> usize {
        match self.flat.get() {
            Some(StringData::OneByte(bytes)) => bytes.heap_bytes(),
            Some(StringData::TwoByte(units)) => units.len() * 2,
            None => 0,
        }
    }

    /// True when the content is available without flattening.
    #[inline]
    pub fn is_flat(&self) -> bool {
        self.flat.get().is_some()
    }

    /// The flat content. Heap strings are flattened by `Vm::string` before anyone reads them.
    #[inline]
    fn flat(&self) -> &StringData {
        match self.flat.get() {
            Some(data) => data,
            None => unflattened_rope(),
        }
    }

    /// Flattens `string` (a rope stored in `arena`) in place; no-op for flat strings.
    /// Iterative: rope depth does not consume native stack.
    pub fn flatten_in(string: &JsString, arena: &Arena<JsString>) {
        let Some((left, right)) = string.rope.get() else {
            return;
        };
        let mut builder = JsStringBuilder::with_capacity(string.length as usize);
        let mut pending = vec![right, left];
        while let Some(node) = pending.pop() {
            let piece = arena.get(node);
            if let Some(data) = piece.flat.get() {
                match data {
                    StringData::OneByte(bytes) => builder.push_latin1(bytes),
                    StringData::TwoByte(units) => {
                        for &unit in units.iter() {
                            builder.push_code_unit(unit);
                        }
                    }
                }
            } else if let Some((node_left, node_right)) = piece.rope.get() {
                pending.push(node_right);
                pending.push(node_left);
            }
        }
        let flat = builder.finish();
        if let Some(data) = flat.flat.into_inner() {
            let _ = string.flat.set(data);
        }
        string.rope.set(None);
    }

    /// The empty string.
    pub fn empty() -> JsString {
        JsString::from_data(StringData::OneByte(Latin1Bytes::from_slice(&[])))
    }

    /// Converts a Rust string (UTF-8) to a JS string.
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(text: &str) -> JsString {
        if text.is_ascii() {
            return JsString::from_data(StringData::OneByte(Latin1Bytes::from_slice(
                text.as_bytes(),
            )));
        }
        if text.chars().all(|character| (character as u32) <= 0xFF) {
            let bytes: Vec<u8> = text.chars().map(|character| character as u8).collect();
            return JsString::from_data(StringData::OneByte(Latin1Bytes::from_vec(bytes)));
        }
        JsString::from_data(StringData::TwoByte(text.encode_utf16().collect()))
    }

    /// Builds a string from UTF-16 code units, choosing the compact form when possible.
    pub fn from_utf16(units: &[u16]) -> JsString {
        if units.iter().all(|&unit| unit <= 0xFF) {
            JsString::from_data(StringData::OneByte(latin1_from_units(units)))
        } else {
            JsString::from_data(StringData::TwoByte(units.into()))
        }
    }

    /// Like [`JsString::from_utf16`] but takes ownership (no copy when two-byte).
    pub fn from_utf16_vec(units: Vec<u16>) -> JsString {
        if units.iter().all(|&unit| unit <= 0xFF) {
            JsString::from_data(StringData::OneByte(latin1_from_units(&units)))
        } else {
            JsString::from_data(StringData::TwoByte(units.into_boxed_slice()))
        }
    }

    /// Builds a string from Latin-1 bytes.
    pub fn from_latin1(bytes: Vec<u8>) -> JsString {
        JsString::from_data(StringData::OneByte(Latin1Bytes::from_vec(bytes)))
    }

    /// A one-code-unit string.
    pub fn from_code_unit(unit: u16) -> JsString {
        JsString::from_utf16(&[unit])
    }

    /// The underlying storage.
    #[inline]
    pub fn data(&self) -> &StringData {
        self.flat()
    }

    /// A borrowed view of the code units.
    #[inline]
    pub fn view(&self) -> StringView<'_> {
        match self.flat() {
            StringData::OneByte(bytes) => StringView::OneByte(bytes),
            StringData::TwoByte(units) => StringView::TwoByte(units),
        }
    }

    /// Length in UTF-16 code units (the JS `length`); available for unflattened ropes too.
    #[inline]
    pub fn len(&self) -> usize {
        self.length as usize
    }

    /// True for `""`.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.length == 0
    }

    /// The code unit at `index`, or `None` past the end.
    #[inline]
    pub fn code_unit_at(&self, index: usize) -> Option<u16> {
        match self.flat() {
            StringData::OneByte(bytes) => bytes.get(index).map(|&byte| byte as u16),
            StringData::TwoByte(units) => units.get(index).copied(),
        }
    }

    /// The code point at `index` (combining a surrogate pair), as `String.prototype.codePointAt`.
    pub fn code_point_at(&self, index: usize) -> Option<u32> {
        let first = self.code_unit_at(index)?;
        if (0xD800..0xDC00).contains(&first)
            && let Some(second) = self.code_unit_at(index + 1)
            && (0xDC00..0xE000).contains(&second)
        {
            return Some(0x10000 + (((first as u32) - 0xD800) << 10) + ((second as u32) - 0xDC00));
        }
        Some(first as u32)
    }

    /// All code units copied into a vector.
    pub fn to_utf16(&self) -> Vec<u16> {
        self.view().code_units().collect()
    }

    /// Converts to a Rust string; lone surrogates become U+FFFD.
    pub fn to_rust_string_lossy(&self) -> String {
        match self.flat() {
            StringData::OneByte(bytes) => {
                if bytes.is_ascii() {
                    // ASCII bytes are valid UTF-8.
                    String::from_utf8_lossy(bytes).into_owned()
                } else {
                    bytes.iter().map(|&byte| byte as char).collect()
                }
            }
            StringData::TwoByte(units) => String::from_utf16_lossy(units),
        }
    }

    /// If the string is pure ASCII, returns it as `&str` without copying.
    pub fn as_ascii_str(&self) -> Option<&str> {
        match self.flat() {
            StringData::OneByte(bytes) if bytes.is_ascii() => std::str::from_utf8(bytes).ok(),
            _ => None,
        }
    }

    /// The cached hash of the code units (FxHash-style mixing, identical for both forms).
    #[inline]
    pub fn hash_code(&self) -> u32 {
        let cached = self.hash.get();
        if cached != 0 {
            return cached;
        }
        let computed = hash_code_units(self.view());
        self.hash.set(computed);
        computed
    }

    /// Concatenation.
    pub fn concat(&self, other: &JsString) -> JsString {
        match (self.flat(), other.flat()) {
            (StringData::OneByte(left), StringData::OneByte(right)) => {
                JsString::from_data(StringData::OneByte(Latin1Bytes::concatenation(&[
                    left, right,
                ])))
            }
            _ => {
                let mut units = Vec::with_capacity(self.len() + other.len());
                units.extend(self.view().code_units());
                units.extend(other.view().code_units());
                // At least one side has a unit above 0xFF, so the result is two-byte.
                JsString::from_data(StringData::TwoByte(units.into_boxed_slice()))
            }
        }
    }

    /// This flat string followed (or, with `ascii_first`, preceded) by ASCII text, in one
    /// allocation; `None` for an unflattened rope (the caller takes the general path).
    pub fn concat_ascii(&self, ascii: &[u8], ascii_first: bool) -> Option<JsString> {
        match self.flat.get()? {
            StringData::OneByte(bytes) => {
                let parts: [&[u8]; 2] = if ascii_first {
                    [ascii, bytes]
                } else {
                    [bytes, ascii]
                };
                Some(JsString::from_data(StringData::OneByte(
                    Latin1Bytes::concatenation(&parts),
                )))
            }
            StringData::TwoByte(units) => {
                let mut joined = Vec::with_capacity(units.len() + ascii.len());
                let ascii_units = ascii.iter().map(|&byte| u16::from(byte));
                if ascii_first {
                    joined.extend(ascii_units);
                    joined.extend_from_slice(units);
                } else {
                    joined.extend_from_slice(units);
                    joined.extend(ascii_units);
                }
                Some(JsString::from_data(StringData::TwoByte(
                    joined.into_boxed_slice(),
                )))
            }
        }
    }

    /// The substring of code units `start .. end` (clamped to the length).
    pub fn substring(&self, start: usize, end: usize) -> JsString {
        let end = end.min(self.len());
        let start = start.min(end);
        match self.flat() {
            StringData::OneByte(bytes) => JsString::from_data(StringData::OneByte(
                Latin1Bytes::from_slice(&bytes[start..end]),
            )),
            StringData::TwoByte(units) => JsString::from_utf16(&units[start..end]),
        }
    }

    /// Compares by UTF-16 code units (the order of the `<` operator on strings).
    pub fn compare(&self, other: &JsString) -> Ordering {
        match (self.flat(), other.flat()) {
            (StringData::OneByte(left), StringData::OneByte(right)) => left.cmp(right),
            (StringData::TwoByte(left), StringData::TwoByte(right)) => left.cmp(right),
            _ => self.view().code_units().cmp(other.view().code_units()),
        }
    }

    /// Finds `needle` at or after `from` (code-unit index), as `String.prototype.indexOf`.
    pub fn index_of(&self, needle: &JsString, from: usize) -> Option<usize> {
        let haystack_length = self.len();
        let needle_length = needle.len();
        if needle_length == 0 {
            return if from <= haystack_length {
                Some(from)
            } else {
                None
            };
        }
        if needle_length > haystack_length {
            return None;
        }
        if let (StringData::OneByte(haystack), StringData::OneByte(pattern)) =
            (self.flat(), needle.flat())
        {
            return haystack[from.min(haystack_length)..]
                .windows(needle_length)
                .position(|window| window == &pattern[..])
                .map(|position| position + from);
        }
        let haystack = self.view();
        let pattern = needle.view();
        (from..=haystack_length - needle_length).find(|&start| {
            (0..needle_length)
                .all(|offset| haystack.code_unit(start + offset) == pattern.code_unit(offset))
        })
    }

    /// True when the content equals a Rust string.
    pub fn equals_str(&self, text: &str) -> bool {
        match self.flat() {
            StringData::OneByte(bytes) if text.is_ascii() => bytes.as_ref() == text.as_bytes(),
            _ => self.view().code_units().eq(text.encode_utf16()),
        }
    }
}

/// Latin-1 bytes of UTF-16 code units that are all `<= 0xFF` (inline when short, without an
/// intermediate vector).
fn latin1_from_units(units: &[u16]) -> Latin1Bytes {
    if units.len() <= SHORT_STRING_CAPACITY {
        let mut bytes = [0u8; SHORT_STRING_CAPACITY];
        for (byte, &unit) in bytes.iter_mut().zip(units) {
            *byte = unit as u8;
        }
        return Latin1Bytes::from_slice(&bytes[..units.len()]);
    }
    Latin1Bytes::from_vec(units.iter().map(|&unit| unit as u8).collect())
}

#[cold]
#[inline(never)]
fn unflattened_rope() -> ! {
    panic!("a rope string was read without Vm::string flattening it first")
}

/// Hashes code units so that the one-byte and two-byte forms of equal text hash the same.
pub fn hash_code_units(view: StringView<'_>) -> u32 {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut hash: u64 = view.len() as u64;
    for unit in view.code_units() {
        hash = (hash.rotate_left(5) ^ unit as u64).wrapping_mul(SEED);
    }
    let folded = (hash ^ (hash >> 32)) as u32;
    // Zero marks "not computed" in the cache.
    if folded == 0 { 1 } else { folded }
}

/// An append-only builder for strings that picks the compact form when possible.
#[derive(Debug, Default)]
pub struct JsStringBuilder {
    one_byte: Vec<u8>,
    two_byte: Option<Vec<u16>>,
}

impl JsStringBuilder {
    /// An empty builder.
    pub fn new() -> JsStringBuilder {
        JsStringBuilder::default()
    }

    /// An empty builder with room for `capacity` one-byte code units.
    pub fn with_capacity(capacity: usize) -> JsStringBuilder {
        JsStringBuilder {
            one_byte: Vec::with_capacity(capacity),
            two_byte: None,
        }
    }

    /// Appends Latin-1 code units.
    pub fn push_latin1(&mut self, bytes: &[u8]) {
        match &mut self.two_byte {
            Some(units) => units.extend(bytes.iter().map(|&byte| byte as u16)),
            None => self.one_byte.extend_from_slice(bytes),
        }
    }

    /// Appends one code unit.
    pub fn push_code_unit(&mut self, unit: u16) {
        match &mut self.two_byte {
            Some(units) => units.push(unit),
            None if unit <= 0xFF => self.one_byte.push(unit as u8),
            None => {
                let mut units: Vec<u16> = self.one_byte.iter().map(|&byte| byte as u16).collect();
                units.push(unit);
                self.two_byte = Some(units);
            }
        }
    }

    /// Appends a Rust string.
    pub fn push_str(&mut self, text: &str) {
        if self.two_byte.is_none() && text.is_ascii() {
            self.one_byte.extend_from_slice(text.as_bytes());
            return;
        }
        for unit in text.encode_utf16() {
            self.push_code_unit(unit);
        }
    }

    /// Appends a code point (encoding it as a surrogate pair when needed).
    pub fn push_code_point(&mut self, code_point: u32) {
        if code_point >= 0x10000 {
            let offset = code_point - 0x10000;
            self.push_code_unit(0xD800 + (offset >> 10) as u16);
            self.push_code_unit(0xDC00 + (offset & 0x3FF) as u16);
        } else {
            self.push_code_unit(code_point as u16);
        }
    }

    /// Appends the content of a JS string.
    pub fn push_js_string(&mut self, string: &JsString) {
        match (string.view(), &mut self.two_byte) {
            (StringView::OneByte(bytes), None) => self.one_byte.extend_from_slice(bytes),
            (view, _) => {
                for unit in view.code_units() {
                    self.push_code_unit(unit);
                }
            }
        }
    }

    /// Length so far in code units.
    pub fn len(&self) -> usize {
        match &self.two_byte {
            Some(units) => units.len(),
            None => self.one_byte.len(),
        }
    }

    /// True when nothing was appended.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Finishes the string.
    pub fn finish(self) -> JsString {
        match self.two_byte {
            Some(units) => JsString::from_data(StringData::TwoByte(units.into_boxed_slice())),
            None => JsString::from_latin1(self.one_byte),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn representation_is_canonical() {
        let latin = JsString::from_str("café");
        assert!(matches!(latin.data(), StringData::OneByte(_)));
        assert_eq!(latin.len(), 4);
        let from_units = JsString::from_utf16(&[0x63, 0x61, 0x66, 0xE9]);
        assert_eq!(latin, from_units);
        let wide = JsString::from_str("€");
        assert!(matches!(wide.data(), StringData::TwoByte(_)));
    }

    #[test]
    fn length_counts_utf16_code_units() {
        let emoji = JsString::from_str("a😀");
        assert_eq!(emoji.len(), 3);
        assert_eq!(emoji.code_unit_at(1), Some(0xD83D));
        assert_eq!(emoji.code_point_at(1), Some(0x1F600));
        assert_eq!(emoji.to_rust_string_lossy(), "a😀");
    }

    #[test]
    fn lone_surrogates_are_replaced_on_output() {
        let lone = JsString::from_utf16(&[0x61, 0xD800]);
        assert_eq!(lone.to_rust_string_lossy(), "a\u{FFFD}");
    }

    #[test]
    fn hash_is_independent_of_representation() {
        let one = JsString::from_str("abc");
        let two = hash_code_units(StringView::TwoByte(&[0x61, 0x62, 0x63]));
        assert_eq!(one.hash_code(), two);
        assert_ne!(one.hash_code(), JsString::from_str("abd").hash_code());
    }

    #[test]
    fn concat_substring_compare_and_index_of() {
        let left = JsString::from_str("foo");
        let right = JsString::from_str("€bar");
        let joined = left.concat(&right);
        assert!(joined.equals_str("foo€bar"));
        assert!(joined.substring(4, 7).equals_str("bar"));
        assert_eq!(joined.index_of(&JsString::from_str("bar"), 0), Some(4));
        assert_eq!(joined.index_of(&JsString::from_str("bar"), 5), None);
        assert_eq!(
            JsString::from_str("a").compare(&JsString::from_str("b")),
            Ordering::Less
        );
        assert_eq!(
            JsString::from_str("é").compare(&JsString::from_str("€")),
            Ordering::Less
        );
        assert_eq!(
            JsString::from_str("ab").compare(&JsString::from_str("a")),
            Ordering::Greater
        );
    }

    #[test]
    fn builder_switches_to_two_byte_when_needed() {
        let mut builder = JsStringBuilder::new();
        builder.push_str("ab");
        builder.push_code_point(0x1F600);
        builder.push_str("c");
        let built = builder.finish();
        assert_eq!(built.len(), 5);
        assert!(built.equals_str("ab😀c"));
    }
}
