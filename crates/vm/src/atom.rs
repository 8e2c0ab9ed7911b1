//! Interned property keys (`Atom`), the `PropertyKey` enum, and symbols.
//!
//! Every string that is used as a property name is interned once into an [`Atom`] (a `u32`).
//! Shapes, inline caches and the compiler's constant pools then compare keys as integers.
//! Canonical array-index strings ("0", "17", but not "017" or "4294967295") never become
//! atoms: they are represented as [`PropertyKey::Index`] so element access has an integer
//! fast path. Use [`crate::realm::Vm::property_key_from_str`] when a name might be numeric.
//!
//! Performance decisions:
//! - The atom table is keyed by the string's cached hash and compares content against the
//!   heap string, so interning an existing heap string allocates nothing and hashes at most once.
//! - Atom strings are heap strings kept alive by the table (a GC root), so `Object.keys` can
//!   return them without copying.
//! - Frequently used names are predeclared with fixed numbers (`atoms::LENGTH`, ...), so the VM
//!   and built-ins use them as constants with no lookup.

use rustc_hash::FxHashMap;
use tseval_gc::{Trace, Tracer};

use crate::string::{JsString, StringView, hash_code_units};
use crate::value::{StringRef, SymbolRef};

/// An interned property name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Atom(pub u32);

/// A property key: an interned name, an array index, or a symbol.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PropertyKey {
    /// A string key that is not a canonical array index.
    Atom(Atom),
    /// A canonical array index `0 ..= 2^32 - 2`.
    Index(u32),
    /// A symbol key.
    Symbol(SymbolRef),
}

impl From<Atom> for PropertyKey {
    fn from(atom: Atom) -> Self {
        PropertyKey::Atom(atom)
    }
}

impl PropertyKey {
    /// True for symbol keys.
    pub fn is_symbol(self) -> bool {
        matches!(self, PropertyKey::Symbol(_))
    }

    /// The array index, if this is one.
    pub fn as_index(self) -> Option<u32> {
        match self {
            PropertyKey::Index(index) => Some(index),
            _ => None,
        }
    }

    /// Marks symbol keys for the GC.
    pub fn trace(self, tracer: &mut Tracer) {
        if let PropertyKey::Symbol(symbol) = self {
            tracer.push(symbol);
        }
    }
}

/// A symbol stored in the heap.
#[derive(Clone, Debug)]
pub struct Symbol {
    /// The description (`Symbol("desc")`), or `None` for `Symbol()`.
    pub description: Option<StringRef>,
    /// True for symbols created by `Symbol.for` (registered in the global registry).
    pub registered: bool,
}

impl Trace for Symbol {
    fn trace(&self, tracer: &mut Tracer) {
        if let Some(description) = self.description {
            tracer.push(description);
        }
    }
}

/// If `view` is a canonical array index ("0", or no leading zero, value <= 2^32 - 2), returns it.
pub fn parse_array_index(view: StringView<'_>) -> Option<u32> {
    let length = view.len();
    if length == 0 || length > 10 {
        return None;
    }
    let first = view.code_unit(0);
    if first == b'0' as u16 {
        return if length == 1 { Some(0) } else { None };
    }
    let mut value: u64 = 0;
    for unit in view.code_units() {
        if !(b'0' as u16..=b'9' as u16).contains(&unit) {
            return None;
        }
        value = value * 10 + (unit - b'0' as u16) as u64;
    }
    if value < u32::MAX as u64 {
        Some(value as u32)
    } else {
        None
    }
}

/// [`parse_array_index`] for a Rust string.
pub fn parse_array_index_str(text: &str) -> Option<u32> {
    parse_array_index(StringView::OneByte(text.as_bytes())).filter(|_| text.is_ascii())
}

/// The interning table. Lives in the `Vm`; interning needs the string arena, so the entry
/// points are `Vm` methods (`intern_str`, `intern_string`, `atom_string`).
#[derive(Debug, Default)]
pub struct AtomTable {
    /// Atom number -> its heap string (a GC root).
    strings: Vec<StringRef>,
    /// Hash -> first atom with that hash.
    by_hash: FxHashMap<u32, Atom>,
    /// Hash -> further atoms with the same hash (rare).
    collisions: FxHashMap<u32, Vec<Atom>>,
}

impl AtomTable {
    /// An empty table with room for the atoms realm setup interns.
    ///
    /// Performance decision: growing the vector and the hash map by doubling from empty
    /// allocated every intermediate size too (13 KB in 16 blocks of fib(30)'s total); a
    /// reservation that fits realm setup allocates each once (a test checks it fits).
    pub fn new() -> AtomTable {
        AtomTable {
            strings: Vec::with_capacity(AtomTable::REALM_ATOM_RESERVATION),
            by_hash: FxHashMap::with_capacity_and_hasher(
                AtomTable::REALM_ATOM_RESERVATION,
                Default::default(),
            ),
            collisions: FxHashMap::default(),
        }
    }

    /// Atoms reserved for realm setup (see [`AtomTable::new`]).
    /// (438 atoms after realm setup, 453 once `console` exists, counted 2026-12-07 after the
    /// Annex B string methods and explicit resource management were added; 448, what the
    /// hash map holds in 512 buckets, no longer fits, and 896 is what 1024 buckets hold: about
    /// 6 KB more than before, allocated once. Since the intrinsic constructors' and
    /// prototypes' contents are installed on first use, `crate::deferred_contents`, realm
    /// setup interns 160 atoms, 175 with `console`; 224 is what 256 buckets hold.)
    pub const REALM_ATOM_RESERVATION: usize = 224;

    /// The heap string of an atom.
    #[inline]
    pub fn string(&self, atom: Atom) -> StringRef {
        self.strings[atom.0 as usize]
    }

    /// Number of atoms.
    pub fn len(&self) -> usize {
        self.strings.len()
    }

    /// True when no atom exists.
    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }

    /// Finds an existing atom whose heap string satisfies `matches`.
    pub fn find(&self, hash: u32, mut matches: impl FnMut(StringRef) -> bool) -> Option<Atom> {
        let first = *self.by_hash.get(&hash)?;
        if matches(self.string(first)) {
            return Some(first);
        }
        self.collisions
            .get(&hash)?
            .iter()
            .copied()
            .find(|atom| matches(self.string(*atom)))
    }

    /// Registers a new atom for a heap string (the caller checked it is not present).
    pub fn insert(&mut self, hash: u32, string: StringRef) -> Atom {
        let atom = Atom(self.strings.len() as u32);
        self.strings.push(string);
        match self.by_hash.entry(hash) {
            std::collections::hash_map::Entry::Occupied(_) => {
                self.collisions.entry(hash).or_default().push(atom);
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(atom);
            }
        }
        atom
    }

    /// Marks every atom string.
    pub fn trace(&self, tracer: &mut Tracer) {
        for string in &self.strings {
            tracer.push(*string);
        }
    }
}

/// Hash of a Rust string as the atom table computes it (equal to the JS string's hash).
pub fn hash_str(text: &str) -> u32 {
    if text.is_ascii() {
        hash_code_units(StringView::OneByte(text.as_bytes()))
    } else {
        hash_code_units(JsString::from_str(text).view())
    }
}

macro_rules! well_known_atoms {
    ($($name:ident = $text:expr),* $(,)?) => {
        /// Predeclared atoms. `AtomTable` creation in `Vm::new` interns them in this order, so
        /// each constant's number matches.
        pub mod atoms {
            use super::Atom;
            well_known_atoms!(@consts 0u32, $($name = $text,)*);
            /// The text of every predeclared atom, in number order.
            pub const ALL: &[&str] = &[$($text),*];
        }
    };
    (@consts $counter:expr, $name:ident = $text:expr, $($rest:tt)*) => {
        #[doc = concat!("The atom `", $text, "`.")]
        pub const $name: Atom = Atom($counter);
        well_known_atoms!(@consts $counter + 1u32, $($rest)*);
    };
    (@consts $counter:expr,) => {};
}

well_known_atoms! {
    EMPTY = "",
    LENGTH = "length",
    PROTOTYPE = "prototype",
    CONSTRUCTOR = "constructor",
    NAME = "name",
    MESSAGE = "message",
    STACK = "stack",
    CAUSE = "cause",
    ERRORS = "errors",
    TO_STRING = "toString",
    VALUE_OF = "valueOf",
    TO_LOCALE_STRING = "toLocaleString",
    TO_JSON = "toJSON",
    VALUE = "value",
    WRITABLE = "writable",
    ENUMERABLE = "enumerable",
    CONFIGURABLE = "configurable",
    GET = "get",
    SET = "set",
    DONE = "done",
    NEXT = "next",
    RETURN = "return",
    THROW = "throw",
    THEN = "then",
    ARGUMENTS = "arguments",
    CALLER = "caller",
    CALLEE = "callee",
    LAST_INDEX = "lastIndex",
    INDEX = "index",
    INPUT = "input",
    GROUPS = "groups",
    INDICES = "indices",
    SOURCE = "source",
    FLAGS = "flags",
    RAW = "raw",
    SIZE = "size",
    ADD = "add",
    JOIN = "join",
    KEYS = "keys",
    VALUES = "values",
    ENTRIES = "entries",
    DESCRIPTION = "description",
    PROTO = "__proto__",
    HAS_OWN_PROPERTY = "hasOwnProperty",
    UNDEFINED = "undefined",
    NULL = "null",
    TRUE = "true",
    FALSE = "false",
    NAN = "NaN",
    INFINITY = "Infinity",
    OBJECT = "object",
    FUNCTION = "function",
    STRING = "string",
    NUMBER = "number",
    BOOLEAN = "boolean",
    SYMBOL = "symbol",
    BIGINT = "bigint",
    DEFAULT = "default",
    ANONYMOUS = "anonymous",
    GLOBAL_THIS = "globalThis",
    ERROR = "Error",
    TYPE_ERROR = "TypeError",
    RANGE_ERROR = "RangeError",
    SYNTAX_ERROR = "SyntaxError",
    REFERENCE_ERROR = "ReferenceError",
    EVAL_ERROR = "EvalError",
    URI_ERROR = "URIError",
    AGGREGATE_ERROR = "AggregateError",
    SUPPRESSED_ERROR = "SuppressedError",
    SUPPRESSED = "suppressed",
    ERROR_LOWERCASE = "error",
    OBJECT_CLASS = "Object",
    FUNCTION_CLASS = "Function",
    ARRAY_CLASS = "Array",
    STRING_CLASS = "String",
    NUMBER_CLASS = "Number",
    BOOLEAN_CLASS = "Boolean",
    SYMBOL_CLASS = "Symbol",
    BIGINT_CLASS = "BigInt",
    MAP_CLASS = "Map",
    SET_CLASS = "Set",
    WEAK_MAP_CLASS = "WeakMap",
    WEAK_SET_CLASS = "WeakSet",
    DATE_CLASS = "Date",
    REGEXP_CLASS = "RegExp",
    PROMISE_CLASS = "Promise",
    MATH = "Math",
    JSON = "JSON",
    REFLECT = "Reflect",
    CONSOLE = "console",
    LOG = "log",
    BOUND_PREFIX = "bound ",
    GET_PREFIX = "get ",
    SET_PREFIX = "set ",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_array_indices() {
        assert_eq!(parse_array_index_str("0"), Some(0));
        assert_eq!(parse_array_index_str("42"), Some(42));
        assert_eq!(parse_array_index_str("4294967294"), Some(4294967294));
        assert_eq!(parse_array_index_str("4294967295"), None);
        assert_eq!(parse_array_index_str("007"), None);
        assert_eq!(parse_array_index_str("-1"), None);
        assert_eq!(parse_array_index_str("1.5"), None);
        assert_eq!(parse_array_index_str(""), None);
        assert_eq!(parse_array_index_str("99999999999"), None);
    }

    #[test]
    fn predeclared_atom_numbers_follow_the_list() {
        assert_eq!(atoms::ALL[atoms::LENGTH.0 as usize], "length");
        assert_eq!(atoms::ALL[atoms::SET_PREFIX.0 as usize], "set ");
        assert_eq!(atoms::ALL[atoms::EMPTY.0 as usize], "");
    }
}
