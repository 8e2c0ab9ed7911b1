//! The identifier interner: maps identifier and property-name strings to `Atom(u32)`.
//!
//! Performance design: all interned strings are appended to one growing `String` buffer (a
//! byte arena) and each atom records its `(start, len)` in that buffer. The lookup table is
//! this module's own open-addressing table with linear probing: a power-of-two array of
//! 8-byte slots, each holding the atom and a 32-bit hash of its text (FxHash), at most half
//! full. A probe compares the stored hash first and only then the atom's length and bytes;
//! growing the table re-inserts the stored hashes without hashing any text again. Identifier
//! lookups are the parser's single most frequent operation after lexing, and every step of
//! this one inlines into the caller: `hashbrown::HashTable` (used before) calls its probe
//! predicate through a `dyn FnMut` that the compiler inlined or not depending on the
//! predicate's size, and re-hashed the text of every entry when its table grew (about 2% of
//! a parse of rxjs + zod, whose small files start a table each). Looking up an
//! already-interned name copies nothing and allocates nothing; only the first occurrence of
//! a name copies its bytes (once) into the buffer.
//!
//! Atoms `0..WELL_KNOWN_NAMES.len()` are pre-interned in a fixed order (see
//! [`crate::well_known`]), so the lexer can map a keyword token straight to its atom and
//! later stages can compare against constants like [`crate::well_known::CONSTRUCTOR`].
//! [`Interner::new`] clones a template interner built once per process rather than interning
//! the hundred well-known names again: a program made of many small files creates one
//! interner per file. (The first interner of a process is built directly: see
//! [`Interner::new`].)

use crate::span::Span;
use std::hash::Hasher;
use std::sync::OnceLock;

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

/// One slot of the lookup table: an atom and the hash of its text, or [`EMPTY_SLOT`].
#[derive(Clone, Copy)]
struct Slot {
    hash: u32,
    atom: u32,
}

/// A slot holding no atom (no interner reaches `u32::MAX` atoms: the buffer would be larger
/// than the 4 GiB its `u32` offsets can address first).
const EMPTY_SLOT: Slot = Slot {
    hash: 0,
    atom: u32::MAX,
};

/// Slots of the template interner's table: the 100 well-known names and those of a small
/// program fit at the maximum load of one half (see [`Interner::new`]).
const INITIAL_SLOTS: usize = 512;

/// Maps strings to atoms and back. See the module documentation for the layout.
#[derive(Clone)]
pub struct Interner {
    /// Every interned string, back to back.
    buffer: String,
    /// `(start, length)` in `buffer` for each atom, indexed by `Atom.0`.
    ranges: Vec<(u32, u32)>,
    /// The lookup table: a power of two of slots, at most half of them full.
    slots: Vec<Slot>,
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

/// The interner holding only the well-known names, cloned by [`Interner::new`].
static WELL_KNOWN_TEMPLATE: OnceLock<Interner> = OnceLock::new();

/// Set when the first interner of the process was built (see [`Interner::new`]).
static FIRST_INTERNER_BUILT: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// Byte equality for the short strings identifiers are, without a call into `memcmp`: words
/// loaded from both ends (overlapping when the length is not a multiple of the word size), so a
/// name of up to 16 bytes costs two or four compares whatever its length. The caller has
/// compared the lengths already.
#[inline]
fn same_bytes(left: &[u8], right: &[u8]) -> bool {
    let length = left.len();
    if length != right.len() {
        return false;
    }
    let word_at = |bytes: &[u8], at: usize| -> u64 {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        u64::from_ne_bytes(word)
    };
    let half_word_at = |bytes: &[u8], at: usize| -> u32 {
        let mut word = [0u8; 4];
        word.copy_from_slice(&bytes[at..at + 4]);
        u32::from_ne_bytes(word)
    };
    match length {
        0..4 => left == right,
        4..8 => {
            half_word_at(left, 0) == half_word_at(right, 0)
                && half_word_at(left, length - 4) == half_word_at(right, length - 4)
        }
        8..=16 => {
            word_at(left, 0) == word_at(right, 0)
                && word_at(left, length - 8) == word_at(right, length - 8)
        }
        _ => left == right,
    }
}

/// The 32-bit hash of a name: FxHash over its bytes (without the `0xFF` terminator that
/// hashing a `str` adds, which only matters for hashing sequences of strings), reduced to the
/// high half of FxHash's multiplicative state, its best-mixed bits. (`finish` rotates the
/// state left by 26 bits for tables that index by the low bits; rotating back undoes that.
/// Were the rotation different, the hash would be weaker but still correct.)
#[inline]
fn hash_text(text: &[u8]) -> u32 {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(text);
    (hasher.finish().rotate_right(26) >> 32) as u32
}

impl Interner {
    /// Creates an interner with the well-known names pre-interned at their fixed indices.
    ///
    /// Performance decision: the first interner of the process is built directly, and the
    /// template is built (once) only when a second interner is asked for. A program that
    /// compiles one script, the common command-line case, would otherwise pay for the
    /// template *and* its copy (39 KB of fib(30)'s total allocation instead of ~21 KB); a
    /// program that compiles many pays one extra build of the well-known names.
    pub fn new() -> Interner {
        if let Some(template) = WELL_KNOWN_TEMPLATE.get() {
            return template.clone();
        }
        if !FIRST_INTERNER_BUILT.swap(true, std::sync::atomic::Ordering::Relaxed) {
            return Interner::build_well_known_template();
        }
        WELL_KNOWN_TEMPLATE
            .get_or_init(Interner::build_well_known_template)
            .clone()
    }

    fn build_well_known_template() -> Interner {
        // Room for the 100 well-known names (580 bytes of text) and the names of a small
        // program before the first doubling: 512 slots of 8 bytes hold 256 names (hashbrown's
        // table of 256 buckets of 12 bytes, used before, held 224); the text and range
        // vectors start smaller (1 KB of text, 128 names) and double as a larger program
        // needs. (It was 512 names and 4 KB of text, 21 KB in all, when realm setup allocated
        // ~300 KB and this mattered less; see docs/PERFORMANCE.md, "Intrinsics' contents on
        // first use" and "fib(30) under 100 KB".)
        let mut interner = Interner {
            buffer: String::with_capacity(1024),
            ranges: Vec::with_capacity(128),
            slots: vec![EMPTY_SLOT; INITIAL_SLOTS],
        };
        for (index, name) in crate::well_known::WELL_KNOWN_NAMES.iter().enumerate() {
            let atom = interner.intern(name);
            debug_assert_eq!(atom.0 as usize, index, "duplicate well-known name {name}");
        }
        interner
    }

    /// Returns the atom for `text`, interning it on first sight.
    #[inline]
    pub fn intern(&mut self, text: &str) -> Atom {
        let hash = hash_text(text.as_bytes());
        if let Some(atom) = self.find_existing(hash, text.as_bytes()) {
            return atom;
        }
        self.insert_new(hash, text)
    }

    /// Returns the atom for the text of `span` in `source`, interning it on first sight (a
    /// span off character boundaries interns "", as [`Span::text`] reads it).
    ///
    /// Performance design: the parser interns the text of identifier tokens by span. Slicing
    /// the source as a `str` checks both ends of the range for character boundaries; looking
    /// the bytes up needs only the bounds check, and the `str` slice is taken once per
    /// distinct name, when it is first inserted (together about 1% of a parse of
    /// typescript.js). Converting the bytes with `str::from_utf8` instead cost about 90
    /// instructions per new name.
    #[inline]
    pub fn intern_span(&mut self, source: &str, span: Span) -> Atom {
        let bytes = source
            .as_bytes()
            .get(span.start as usize..span.end as usize)
            .unwrap_or(b"");
        let hash = hash_text(bytes);
        if let Some(atom) = self.find_existing(hash, bytes) {
            return atom;
        }
        self.insert_new_span(hash, source, span)
    }

    /// The atom already interned for `bytes` (whose hash is `hash`), if any.
    #[inline(always)]
    fn find_existing(&self, hash: u32, bytes: &[u8]) -> Option<Atom> {
        let mask = self.slots.len() - 1;
        let mut index = hash as usize & mask;
        loop {
            let slot = self.slots[index];
            if slot.atom == u32::MAX {
                return None;
            }
            if slot.hash == hash {
                let (start, length) = self.ranges[slot.atom as usize];
                if length as usize == bytes.len()
                    && same_bytes(
                        &self.buffer.as_bytes()[start as usize..(start + length) as usize],
                        bytes,
                    )
                {
                    return Some(Atom(slot.atom));
                }
            }
            index = (index + 1) & mask;
        }
    }

    /// Puts `atom` (whose text hashes to `hash`) into the first empty slot of its probe
    /// sequence. The table has an empty slot: it is never more than half full.
    #[inline]
    fn place_in_table(slots: &mut [Slot], hash: u32, atom: u32) {
        let mask = slots.len() - 1;
        let mut index = hash as usize & mask;
        while slots[index].atom != u32::MAX {
            index = (index + 1) & mask;
        }
        slots[index] = Slot { hash, atom };
    }

    /// Doubles the table, re-inserting the stored hashes.
    #[cold]
    #[inline(never)]
    fn grow_table(&mut self) {
        self.rebuild_table(self.slots.len() * 2);
    }

    /// Replaces the table by one of `slot_count` slots (a power of two, more than twice the
    /// atoms), re-inserting the stored hashes.
    fn rebuild_table(&mut self, slot_count: usize) {
        let mut slots = vec![EMPTY_SLOT; slot_count];
        for slot in &self.slots {
            if slot.atom != u32::MAX {
                Interner::place_in_table(&mut slots, slot.hash, slot.atom);
            }
        }
        self.slots = slots;
    }

    /// Appends a name seen for the first time, given as a span (see [`Interner::intern_span`]).
    #[inline(never)]
    fn insert_new_span(&mut self, hash: u32, source: &str, span: Span) -> Atom {
        let text = span.text(source);
        if text.len() == span.end.saturating_sub(span.start) as usize {
            self.insert_new(hash, text)
        } else {
            // Out of range or off character boundaries: the text is "", with its own hash.
            self.intern(text)
        }
    }

    /// Appends a name seen for the first time.
    #[inline(never)]
    fn insert_new(&mut self, hash: u32, text: &str) -> Atom {
        let atom = Atom(self.ranges.len() as u32);
        let start = self.buffer.len() as u32;
        self.buffer.push_str(text);
        self.ranges.push((start, text.len() as u32));
        if self.ranges.len() * 2 > self.slots.len() {
            self.grow_table();
        }
        Interner::place_in_table(&mut self.slots, hash, atom.0);
        atom
    }

    /// Makes room for the names a source text of `source_length` bytes is likely to add, when
    /// that is many: the table, the range list and the text buffer are sized once instead of
    /// doubling their way there.
    ///
    /// Performance design: on typescript.js (9.1 MB, 27 K names) the doublings allocated
    /// about 1.2 MB of intermediate tables and buffers per parse, each copied into the next
    /// and freed; when the allocator hands freed memory back to the kernel between parses,
    /// every fresh page is a page fault. One new name per 512 bytes is assumed (typescript.js
    /// has one per ~340, so the tables still grow once near the end rather than being
    /// oversized); sources under 512 KB are left to the doubling, which is cheap there.
    pub fn reserve_for_source_length(&mut self, source_length: usize) {
        const SOURCE_BYTES_PER_NEW_NAME: usize = 512;
        const AVERAGE_NEW_NAME_BYTES: usize = 12;
        const MINIMUM_SOURCE_LENGTH: usize = 512 * 1024;
        if source_length < MINIMUM_SOURCE_LENGTH {
            return;
        }
        let expected_new_names = source_length / SOURCE_BYTES_PER_NEW_NAME;
        self.ranges.reserve(expected_new_names);
        self.buffer
            .reserve(expected_new_names * AVERAGE_NEW_NAME_BYTES);
        let wanted_slots = ((self.ranges.len() + expected_new_names) * 2).next_power_of_two();
        if wanted_slots > self.slots.len() {
            self.rebuild_table(wanted_slots);
        }
    }

    /// Returns the atom for `text` if it was interned before, without interning it.
    pub fn lookup(&self, text: &str) -> Option<Atom> {
        self.find_existing(hash_text(text.as_bytes()), text.as_bytes())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_is_idempotent_and_resolves_back() {
        let mut interner = Interner::new();
        let names: Vec<String> = (0..2000)
            .map(|index| format!("name_{index}_{}", "x".repeat(index % 23)))
            .collect();
        let atoms: Vec<Atom> = names.iter().map(|name| interner.intern(name)).collect();
        for (name, atom) in names.iter().zip(&atoms) {
            assert_eq!(interner.intern(name), *atom, "{name}");
            assert_eq!(interner.resolve(*atom), name);
            assert_eq!(interner.lookup(name), Some(*atom));
        }
        assert_eq!(interner.lookup("never interned"), None);
        // Same length, different bytes in the last chunk and in the tail.
        let first = interner.intern("abcdefgh12345678x");
        let second = interner.intern("abcdefgh12345678y");
        let third = interner.intern("abcdefgX12345678x");
        assert_ne!(first, second);
        assert_ne!(first, third);
    }

    #[test]
    fn reserving_for_a_large_source_keeps_every_atom() {
        let mut interner = Interner::new();
        let before: Vec<Atom> = (0..50)
            .map(|index| interner.intern(&format!("early{index}")))
            .collect();
        interner.reserve_for_source_length(4 << 20);
        assert!(
            interner.slots.len() >= 16 * 1024,
            "{}",
            interner.slots.len()
        );
        for (index, atom) in before.iter().enumerate() {
            assert_eq!(interner.lookup(&format!("early{index}")), Some(*atom));
        }
        let later = interner.intern("later");
        assert_eq!(interner.resolve(later), "later");
        assert_eq!(
            interner.lookup("constructor"),
            Some(crate::well_known::CONSTRUCTOR)
        );
    }

    #[test]
    fn new_interners_are_independent_copies_of_the_well_known_names() {
        let mut first = Interner::new();
        let added = first.intern("onlyInTheFirst");
        let second = Interner::new();
        assert_eq!(second.lookup("onlyInTheFirst"), None);
        assert_eq!(second.len(), crate::well_known::WELL_KNOWN_NAMES.len());
        assert_eq!(first.resolve(added), "onlyInTheFirst");
        assert_eq!(
            second.lookup("constructor"),
            Some(crate::well_known::CONSTRUCTOR)
        );
    }

    #[test]
    fn interning_a_span_agrees_with_interning_its_text() {
        let source = "résumé firstSeenBySpan while";
        let mut interner = Interner::new();
        let by_text = interner.intern("résumé");
        assert_eq!(interner.intern_span(source, Span::new(0, 8)), by_text);
        let by_span = interner.intern_span(source, Span::new(9, 24));
        assert_eq!(interner.intern("firstSeenBySpan"), by_span);
        assert_eq!(interner.resolve(by_span), "firstSeenBySpan");
        assert_eq!(
            interner.intern_span(source, Span::new(25, 30)),
            interner.intern("while"),
            "well-known names are found by span too"
        );
        // Off a character boundary (inside `é`) or out of range: the empty name.
        let empty = interner.intern("");
        assert_eq!(interner.intern_span(source, Span::new(0, 2)), empty);
        assert_eq!(interner.intern_span(source, Span::new(20, 400)), empty);
    }

    #[test]
    fn byte_comparison_checks_every_position() {
        let text = b"0123456789abcdefXYZ";
        for length in 0..text.len() {
            assert!(same_bytes(&text[..length], &text[..length]));
            for position in 0..length {
                let mut changed = text[..length].to_vec();
                changed[position] ^= 1;
                assert!(
                    !same_bytes(&text[..length], &changed),
                    "{length} {position}"
                );
            }
        }
        assert!(!same_bytes(b"abc", b"abcd"));
    }
}
