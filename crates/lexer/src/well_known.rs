//! Names pre-interned by every [`crate::Interner`] at fixed atom indices.
//!
//! The first [`KEYWORD_COUNT`] entries are the keyword texts in exactly the order of the
//! keyword variants of [`crate::TokenKind`] (from `TokenKind::Await` on), so a keyword token's
//! atom is `Atom(kind as u32 - TokenKind::FIRST_KEYWORD as u32)` with no hashing at all. A unit
//! test checks that the two lists agree. The remaining entries are names that later stages
//! compare against often (`constructor`, `prototype`, ...), exposed as constants.

use crate::interner::Atom;

/// Number of keyword entries at the front of [`WELL_KNOWN_NAMES`].
pub const KEYWORD_COUNT: usize = 80;

/// All pre-interned names; index == atom number.
pub const WELL_KNOWN_NAMES: &[&str] = &[
    // Reserved words (ECMAScript).
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "new",
    "null",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
    // Strict-mode reserved words.
    "let",
    "static",
    "implements",
    "interface",
    "package",
    "private",
    "protected",
    "public",
    // ECMAScript contextual keywords.
    "as",
    "async",
    "from",
    "get",
    "of",
    "set",
    "target",
    "meta",
    "accessor",
    // TypeScript contextual keywords.
    "satisfies",
    "type",
    "namespace",
    "module",
    "declare",
    "abstract",
    "readonly",
    "override",
    "keyof",
    "infer",
    "is",
    "asserts",
    "unique",
    "global",
    "require",
    "any",
    "unknown",
    "never",
    "number",
    "string",
    "boolean",
    "symbol",
    "bigint",
    "object",
    "undefined",
    // Other frequently compared names (not keywords).
    "constructor",
    "prototype",
    "length",
    "arguments",
    "eval",
    "__proto__",
    "name",
    "",
    "use strict",
    "then",
    "next",
    "done",
    "value",
    "toString",
    "valueOf",
    "message",
    "Symbol",
    "iterator",
    "asyncIterator",
    "*default*",
];

macro_rules! well_known_atoms {
    ($($name:ident = $index:expr;)*) => {
        $(
            #[doc = concat!("Pre-interned atom number ", stringify!($index), ".")]
            pub const $name: Atom = Atom($index);
        )*
    };
}

well_known_atoms! {
    AWAIT = 0; DEFAULT = 8; ENUM = 12; YIELD = 37; LET = 38; STATIC = 39;
    AS = 46; ASYNC = 47; FROM = 48; GET = 49; OF = 50; SET = 51; TARGET = 52; META = 53;
    ACCESSOR = 54;
    UNDEFINED = 79;
    CONSTRUCTOR = 80; PROTOTYPE = 81; LENGTH = 82; ARGUMENTS = 83; EVAL = 84; PROTO = 85;
    NAME = 86; EMPTY = 87; USE_STRICT = 88; THEN = 89; NEXT = 90; DONE = 91; VALUE = 92;
    TO_STRING = 93; VALUE_OF = 94; MESSAGE = 95; SYMBOL = 96; ITERATOR = 97;
    ASYNC_ITERATOR = 98; STAR_DEFAULT = 99;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_match_the_table() {
        let checks = [
            (AWAIT, "await"),
            (DEFAULT, "default"),
            (ENUM, "enum"),
            (YIELD, "yield"),
            (LET, "let"),
            (STATIC, "static"),
            (AS, "as"),
            (ASYNC, "async"),
            (FROM, "from"),
            (GET, "get"),
            (OF, "of"),
            (SET, "set"),
            (TARGET, "target"),
            (META, "meta"),
            (ACCESSOR, "accessor"),
            (UNDEFINED, "undefined"),
            (CONSTRUCTOR, "constructor"),
            (PROTOTYPE, "prototype"),
            (LENGTH, "length"),
            (ARGUMENTS, "arguments"),
            (EVAL, "eval"),
            (PROTO, "__proto__"),
            (NAME, "name"),
            (EMPTY, ""),
            (USE_STRICT, "use strict"),
            (THEN, "then"),
            (NEXT, "next"),
            (DONE, "done"),
            (VALUE, "value"),
            (TO_STRING, "toString"),
            (VALUE_OF, "valueOf"),
            (MESSAGE, "message"),
            (SYMBOL, "Symbol"),
            (ITERATOR, "iterator"),
            (ASYNC_ITERATOR, "asyncIterator"),
            (STAR_DEFAULT, "*default*"),
        ];
        for (atom, text) in checks {
            assert_eq!(WELL_KNOWN_NAMES[atom.0 as usize], text);
        }
        assert_eq!(WELL_KNOWN_NAMES[KEYWORD_COUNT - 1], "undefined");
    }
}
