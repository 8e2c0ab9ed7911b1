//! The identifier interner: maps identifier and property-name strings to `Atom(u32)`.
//!
//! Performance design: all interned strings are appended to one growing `String` buffer (a
//! byte arena) and each atom records its `(start, len)` in that buffer. The lookup table is a
//! `hashbrown::HashTable<Atom>` hashed with FxHash; lookups hash the borrowed `&str` and compare
//! against the buffer, so looking up an already-interned name copies nothing and allocates
//! nothing. Only the first occurrence of a name copies its bytes (once) into the buffer.
//!
//! Atoms `0..WELL_KNOWN_NAMES.len()` are pre-interned in a fixed order (see
//! [`crate::well_known`]), so the lexer can map a keyword token straight to its atom and
//! later stages can compare against constants like [`crate::well_known::CONSTRUCTOR`].

use hashbrown::HashTable;
use std::hash::BuildHasher;

/// An interned string: an index into the [`Interner`]. Comparing atoms compares strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Atom(pub u32);

impl Atom {
    /// The raw index, for use as a table key.
    #[inline]
    pub const fn as_u32(self) -> u32 {
        self.0
    }
}

/// Maps strings to atoms and back. See the module documentation for the layout.
pub struct Interner {
    /// Every interned string, back to back.
    buffer: String,
    /// `(start, length)` in `buffer` for each atom, indexed by `Atom.0`.
    ranges: Vec<(u32, u32)>,
    /// Hash table of atoms keyed by the hash of their text.
    table: HashTable<Atom>,
    hasher: rustc_hash::FxBuildHasher,
}

impl Default for Interner {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Interner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Interner")
            .field("atoms", &self.ranges.len())
            .finish()
    }
}

impl Interner {
    /// Creates an interner with the well-known names pre-interned at their fixed indices.
    pub fn new() -> Interner {
        let mut interner = Interner {
            buffer: String::with_capacity(4096),
            ranges: Vec::with_capacity(512),
            table: HashTable::with_capacity(512),
            hasher: rustc_hash::FxBuildHasher,
        };
        for (index, name) in crate::well_known::WELL_KNOWN_NAMES.iter().enumerate() {
            let atom = interner.intern(name);
            debug_assert_eq!(atom.0 as usize, index, "duplicate well-known name {name}");
        }
        interner
    }

    /// Returns the atom for `text`, interning it on first sight.
    pub fn intern(&mut self, text: &str) -> Atom {
        let hash = self.hasher.hash_one(text);
        let buffer = &self.buffer;
        let ranges = &self.ranges;
        if let Some(atom) = self.table.find(hash, |atom| {
            let (start, len) = ranges[atom.0 as usize];
            &buffer[start as usize..(start + len) as usize] == text
        }) {
            return *atom;
        }
        let atom = Atom(self.ranges.len() as u32);
        let start = self.buffer.len() as u32;
        self.buffer.push_str(text);
        self.ranges.push((start, text.len() as u32));
        let buffer = &self.buffer;
        let ranges = &self.ranges;
        let hasher = &self.hasher;
        self.table.insert_unique(hash, atom, |atom| {
            let (start, len) = ranges[atom.0 as usize];
            hasher.hash_one(&buffer[start as usize..(start + len) as usize])
        });
        atom
    }

    /// Returns the atom for `text` if it was interned before, without interning it.
    pub fn lookup(&self, text: &str) -> Option<Atom> {
        let hash = self.hasher.hash_one(text);
        self.table
            .find(hash, |atom| self.resolve(*atom) == text)
            .copied()
    }

    /// The text of an atom. Unknown atoms (from another interner) resolve to "".
    #[inline]
    pub fn resolve(&self, atom: Atom) -> &str {
        match self.ranges.get(atom.0 as usize) {
            Some(&(start, len)) => &self.buffer[start as usize..(start + len) as usize],
            None => "",
        }
    }

    /// Number of interned strings.
    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    /// Always false after construction (well-known names are pre-interned).
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }
}
