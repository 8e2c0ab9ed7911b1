//! Shapes (hidden classes): the layout of an object's named properties.
//!
//! A shape maps property keys to slot indices in the object's `slots` vector plus attributes,
//! and remembers insertion order. Objects built the same way share a shape: shapes form a tree
//! rooted at the empty shape, and adding a property follows (or creates) the transition keyed
//! by `(key, attributes)`. Inline caches key on the shape id, so a cache hit is one compare.
//!
//! Dictionary mode: an object that deletes a non-last property, changes attributes, or grows
//! past [`MAX_TREE_PROPERTIES`] gets a private, mutable "dictionary" shape. Dictionary shapes
//! are never cached by inline caches (they mutate in place) and are freed with their object.
//!
//! Accessor properties occupy two consecutive slots: getter at `slot`, setter at `slot + 1`
//! (`Value::Undefined` when absent).
//!
//! Performance decisions:
//! - Lookup is a linear scan over at most [`LINEAR_LOOKUP_LIMIT`] entries (fast for small
//!   objects, no hashing), and an FxHashMap index beyond that. The index is built lazily, on
//!   the first lookup that needs it: realm setup adds hundreds of properties one by one to
//!   built-in prototypes, and every intermediate tree shape used to build its own index at
//!   creation although most are never looked up (part of fib(30)'s realm-setup allocations).
//! - Each tree shape owns a copy of its entry table (O(n) per transition, bounded by
//!   `MAX_TREE_PROPERTIES`). Sharing tables between parent and child is possible future work.
//! - Tree shapes are kept alive by their parent's transition table, so shape ids held by
//!   inline caches never dangle.

use std::cell::OnceCell;

use rustc_hash::FxHashMap;
use tseval_gc::{Trace, Tracer};

use crate::atom::PropertyKey;
use crate::heap::Heap;
use crate::value::ShapeId;

/// Tree shapes stop growing at this many properties; the object switches to dictionary mode.
pub const MAX_TREE_PROPERTIES: usize = 128;
/// Up to this many entries, lookup scans linearly instead of building a hash index.
pub const LINEAR_LOOKUP_LIMIT: usize = 8;

/// Property attributes as a bit set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Attributes(pub u8);

impl Attributes {
    /// `[[Writable]]` (data properties only).
    pub const WRITABLE: u8 = 1;
    /// `[[Enumerable]]`.
    pub const ENUMERABLE: u8 = 2;
    /// `[[Configurable]]`.
    pub const CONFIGURABLE: u8 = 4;
    /// The property is an accessor (getter/setter in two slots).
    pub const ACCESSOR: u8 = 8;

    /// Writable, enumerable, configurable data property (what assignment creates).
    pub const DEFAULT_DATA: Attributes =
        Attributes(Self::WRITABLE | Self::ENUMERABLE | Self::CONFIGURABLE);
    /// Writable, non-enumerable, configurable data property (built-in methods, class methods).
    pub const HIDDEN_DATA: Attributes = Attributes(Self::WRITABLE | Self::CONFIGURABLE);
    /// Non-writable, non-enumerable, configurable (function `length` and `name`).
    pub const CONFIGURABLE_ONLY: Attributes = Attributes(Self::CONFIGURABLE);
    /// Non-writable, non-enumerable, non-configurable.
    pub const FROZEN: Attributes = Attributes(0);
    /// Writable only (function `prototype` of ordinary functions; array `length`).
    pub const WRITABLE_ONLY: Attributes = Attributes(Self::WRITABLE);

    /// Builds attributes from flags.
    pub fn new(writable: bool, enumerable: bool, configurable: bool) -> Attributes {
        let mut bits = 0;
        if writable {
            bits |= Self::WRITABLE;
        }
        if enumerable {
            bits |= Self::ENUMERABLE;
        }
        if configurable {
            bits |= Self::CONFIGURABLE;
        }
        Attributes(bits)
    }

    /// Accessor attributes.
    pub fn accessor(enumerable: bool, configurable: bool) -> Attributes {
        let mut attributes = Attributes::new(false, enumerable, configurable);
        attributes.0 |= Self::ACCESSOR;
        attributes
    }

    /// `[[Writable]]`.
    #[inline]
    pub fn writable(self) -> bool {
        self.0 & Self::WRITABLE != 0
    }
    /// `[[Enumerable]]`.
    #[inline]
    pub fn enumerable(self) -> bool {
        self.0 & Self::ENUMERABLE != 0
    }
    /// `[[Configurable]]`.
    #[inline]
    pub fn configurable(self) -> bool {
        self.0 & Self::CONFIGURABLE != 0
    }
    /// True for accessor properties.
    #[inline]
    pub fn is_accessor(self) -> bool {
        self.0 & Self::ACCESSOR != 0
    }
    /// Number of slots a property with these attributes occupies.
    #[inline]
    pub fn slot_count(self) -> u32 {
        if self.is_accessor() { 2 } else { 1 }
    }
}

/// One property of a shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShapeEntry {
    /// The key.
    pub key: PropertyKey,
    /// Its attributes.
    pub attributes: Attributes,
    /// Its slot (getter slot for accessors; the setter is `slot + 1`).
    pub slot: u32,
}

/// Outgoing transitions of a tree shape. Most shapes have zero or one.
#[derive(Clone, Debug, Default)]
enum Transitions {
    #[default]
    None,
    One(PropertyKey, Attributes, ShapeId),
    /// Boxed so that the common variants keep `Shape` small (see [`Shape`]).
    Many(Box<FxHashMap<(PropertyKey, Attributes), ShapeId>>),
}

/// A hidden class.
///
/// Performance decision: the key index and the many-transitions table are boxed, so a shape
/// is 96 bytes instead of 144 (most shapes have neither: small shapes scan linearly and most
/// have at most one child). Realm setup allocates about 80 shapes, and the shape arena's
/// reservation is paid by every program; the extra indirection is on slow paths only (inline
/// caches never consult the index).
#[derive(Clone, Debug)]
pub struct Shape {
    /// The shape this one was derived from (tree shapes only).
    pub parent: Option<ShapeId>,
    /// Entries in insertion order; `None` marks a deleted entry (dictionary shapes only).
    entries: Vec<Option<ShapeEntry>>,
    /// Key -> position in `entries`, built by the first lookup on a shape with more than
    /// `LINEAR_LOOKUP_LIMIT` entries. When initialised it maps every live key.
    index: OnceCell<Box<FxHashMap<PropertyKey, u32>>>,
    transitions: Transitions,
    /// Number of slots an object of this shape needs.
    slot_count: u32,
    /// Live (non-deleted) entries.
    live_entries: u32,
    /// True for private, mutable shapes.
    dictionary: bool,
    /// Slots released by deletions in dictionary mode, available for reuse.
    free_slots: Vec<u32>,
    /// Number of live `PropertyKey::Index` entries (element fast paths require zero).
    index_key_count: u32,
    /// Set on the private shape of a built-in object whose remaining properties are installed
    /// on first touch (see `crate::deferred_contents`): a lookup must run the installer first.
    pub deferred_contents: bool,
}

const _: () = assert!(std::mem::size_of::<Shape>() == 96);
const _: () = assert!(std::mem::size_of::<Option<Shape>>() == 96);

impl Trace for Shape {
    fn trace(&self, tracer: &mut Tracer) {
        if let Some(parent) = self.parent {
            tracer.push(parent);
        }
        for entry in self.entries.iter().flatten() {
            entry.key.trace(tracer);
        }
        match &self.transitions {
            Transitions::None => {}
            Transitions::One(key, _, child) => {
                key.trace(tracer);
                tracer.push(*child);
            }
            Transitions::Many(map) => {
                for ((key, _), child) in map.iter() {
                    key.trace(tracer);
                    tracer.push(*child);
                }
            }
        }
    }

    /// Entry vector, key index and transition table, approximated from capacities.
    fn external_bytes(&self) -> usize {
        let entries = self.entries.capacity() * std::mem::size_of::<Option<ShapeEntry>>();
        let index = self.index.get().map_or(0, |index| index.capacity() * 24);
        let transitions = match &self.transitions {
            Transitions::Many(map) => map.capacity() * 32,
            _ => 0,
        };
        entries + index + transitions + self.free_slots.capacity() * 4
    }
}

impl Shape {
    /// The empty root shape.
    pub fn root() -> Shape {
        Shape {
            parent: None,
            entries: Vec::new(),
            index: OnceCell::new(),
            transitions: Transitions::None,
            slot_count: 0,
            live_entries: 0,
            dictionary: false,
            free_slots: Vec::new(),
            index_key_count: 0,
            deferred_contents: false,
        }
    }

    /// True for dictionary (private, mutable, uncacheable) shapes.
    #[inline]
    pub fn is_dictionary(&self) -> bool {
        self.dictionary
    }

    /// Slots needed by an object of this shape.
    #[inline]
    pub fn slot_count(&self) -> u32 {
        self.slot_count
    }

    /// Number of properties.
    #[inline]
    pub fn property_count(&self) -> usize {
        self.live_entries as usize
    }

    /// Number of array-index keys stored in the shape (normally zero: indices live in the
    /// object's dense `elements`).
    #[inline]
    pub fn index_key_count(&self) -> u32 {
        self.index_key_count
    }

    /// Finds a property.
    #[inline]
    pub fn lookup(&self, key: PropertyKey) -> Option<ShapeEntry> {
        if self.entries.len() <= LINEAR_LOOKUP_LIMIT {
            return self
                .entries
                .iter()
                .flatten()
                .find(|entry| entry.key == key)
                .copied();
        }
        self.entries[self.position_of(key)?]
    }

    /// The position of `key`'s entry in `entries` (building the index when it is large).
    fn position_of(&self, key: PropertyKey) -> Option<usize> {
        if self.entries.len() <= LINEAR_LOOKUP_LIMIT {
            return self
                .entries
                .iter()
                .position(|entry| entry.is_some_and(|e| e.key == key));
        }
        let index = self.index.get_or_init(|| {
            // Sized for the table's capacity, not its length: a dictionary being filled
            // (a built-in object during realm setup, the global object) would otherwise grow
            // the index through every power of two as its table grows.
            let mut index = Box::<FxHashMap<PropertyKey, u32>>::default();
            index.reserve(self.entries.capacity().max(self.entries.len()));
            for (position, entry) in self.entries.iter().enumerate() {
                if let Some(entry) = entry {
                    index.insert(entry.key, position as u32);
                }
            }
            index
        });
        index.get(&key).map(|&position| position as usize)
    }

    /// Iterates over live entries in insertion order.
    pub fn entries(&self) -> impl Iterator<Item = &ShapeEntry> {
        self.entries.iter().flatten()
    }

    /// The most recently added live entry.
    pub fn last_entry(&self) -> Option<ShapeEntry> {
        self.entries.iter().rev().flatten().next().copied()
    }

    /// Drops the index after positions changed; the next large lookup rebuilds it.
    fn invalidate_index(&mut self) {
        self.index = OnceCell::new();
    }

    /// Appends an entry (tree child construction or dictionary insertion). Returns its slot.
    fn push_entry(&mut self, key: PropertyKey, attributes: Attributes) -> u32 {
        let slot = if self.dictionary && !attributes.is_accessor() && !self.free_slots.is_empty() {
            self.free_slots.pop().unwrap_or(self.slot_count)
        } else {
            let slot = self.slot_count;
            self.slot_count += attributes.slot_count();
            slot
        };
        let position = self.entries.len() as u32;
        self.entries.push(Some(ShapeEntry {
            key,
            attributes,
            slot,
        }));
        self.live_entries += 1;
        if matches!(key, PropertyKey::Index(_)) {
            self.index_key_count += 1;
        }
        if let Some(index) = self.index.get_mut() {
            index.insert(key, position);
        }
        slot
    }

    /// Makes a private dictionary copy of this shape.
    pub fn to_dictionary(&self) -> Shape {
        let mut entries: Vec<Option<ShapeEntry>> =
            self.entries.iter().flatten().copied().map(Some).collect();
        entries.shrink_to_fit();
        Shape {
            parent: None,
            live_entries: entries.len() as u32,
            entries,
            index: OnceCell::new(),
            transitions: Transitions::None,
            slot_count: self.slot_count,
            dictionary: true,
            free_slots: self.free_slots.clone(),
            index_key_count: self.index_key_count,
            deferred_contents: false,
        }
    }

    /// Turns a private dictionary shape into a standalone tree shape: no parent, no
    /// transitions yet, immutable from now on (adding or deleting a property moves the object
    /// to a new shape, as for any tree shape), so inline caches may key on it. Used once at
    /// the end of realm setup (see [`Heap::freeze_setup_dictionaries`]).
    fn freeze_into_standalone_tree(&mut self) {
        debug_assert!(self.dictionary);
        // The key index stays valid unless removing tombstones moves entries; keeping it
        // saves rebuilding it on the first lookup after setup (1.7 KB for the global object).
        if self.live_entries as usize != self.entries.len() {
            self.entries.retain(Option::is_some);
            self.index = OnceCell::new();
        }
        // Shrinking is a reallocation (a copy and a second block in the allocation total);
        // a table at most a quarter empty keeps its slack.
        if self.entries.capacity() > self.entries.len() + self.entries.len() / 4 + 1 {
            self.entries.shrink_to_fit();
        }
        self.free_slots = Vec::new();
        self.parent = None;
        self.transitions = Transitions::None;
        self.dictionary = false;
    }

    /// Dictionary mode only: removes a property, returning its entry. Its slots go on the free
    /// list (accessor slot pairs are not reused, to keep the pairing simple).
    pub fn dictionary_remove(&mut self, key: PropertyKey) -> Option<ShapeEntry> {
        debug_assert!(self.dictionary);
        let position = self.position_of(key)?;
        let entry = self.entries[position].take()?;
        self.live_entries -= 1;
        if matches!(key, PropertyKey::Index(_)) {
            self.index_key_count -= 1;
        }
        if let Some(index) = self.index.get_mut() {
            index.remove(&key);
        }
        if !entry.attributes.is_accessor() {
            self.free_slots.push(entry.slot);
        }
        // Compact when more than half of the entries are tombstones.
        if self.entries.len() > 16 && (self.live_entries as usize) * 2 < self.entries.len() {
            self.entries.retain(Option::is_some);
            self.invalidate_index();
        }
        Some(entry)
    }

    /// Dictionary mode only: makes room for `additional` more entries at once.
    pub fn reserve_entries(&mut self, additional: usize) {
        debug_assert!(self.dictionary);
        self.entries.reserve_exact(additional);
    }

    /// Dictionary mode only: inserts a new property, returning its slot.
    pub fn dictionary_insert(&mut self, key: PropertyKey, attributes: Attributes) -> u32 {
        debug_assert!(self.dictionary);
        self.push_entry(key, attributes)
    }

    /// Dictionary mode only: changes the attributes of an existing property. When the
    /// property switches between data and accessor, it gets fresh slots; the new slot is
    /// returned.
    pub fn dictionary_set_attributes(
        &mut self,
        key: PropertyKey,
        attributes: Attributes,
    ) -> Option<u32> {
        debug_assert!(self.dictionary);
        let position = self.position_of(key)?;
        let mut entry = self.entries[position]?;
        if entry.attributes.is_accessor() != attributes.is_accessor() {
            if !entry.attributes.is_accessor() {
                self.free_slots.push(entry.slot);
            }
            entry.slot = self.slot_count;
            self.slot_count += attributes.slot_count();
        }
        entry.attributes = attributes;
        self.entries[position] = Some(entry);
        Some(entry.slot)
    }
}

impl Heap {
    /// The tree-shape transition for adding `key` with `attributes` to `shape`, creating the
    /// child shape when it does not exist yet. Returns `(child, slot of the new property)`.
    ///
    /// `shape` must be a tree shape; callers handle dictionary shapes by mutating them.
    pub fn shape_add_transition(
        &mut self,
        shape: ShapeId,
        key: PropertyKey,
        attributes: Attributes,
    ) -> (ShapeId, u32) {
        let parent = self.shapes.get(shape);
        let existing = match &parent.transitions {
            Transitions::None => None,
            Transitions::One(existing_key, existing_attributes, child) => {
                (*existing_key == key && *existing_attributes == attributes).then_some(*child)
            }
            Transitions::Many(map) => map.get(&(key, attributes)).copied(),
        };
        if let Some(child) = existing {
            let slot = self
                .shapes
                .get(child)
                .last_entry()
                .map_or(0, |entry| entry.slot);
            return (child, slot);
        }
        // Performance decision: a tree child holds exactly its parent's entries plus one, so
        // its table is allocated at that size. Cloning the parent's table and pushing onto it
        // reallocated it to twice the length: for the global object (81 entries at startup),
        // every new global function or variable copied the table twice.
        let mut child_entries = Vec::with_capacity(parent.entries.len() + 1);
        child_entries.extend_from_slice(&parent.entries);
        // Performance decision: the child takes over the parent's key index, if it has one
        // (positions are the same; `push_entry` adds the new key). Large objects that grow
        // one property at a time, the global object above all (one new shape per global
        // declaration), otherwise rebuilt a whole index for every new shape; the parent
        // rebuilds its own on its next large lookup, which is rare once it has a child.
        let index = std::mem::take(&mut self.shapes.get_mut(shape).index);
        let parent = self.shapes.get(shape);
        let mut child_shape = Shape {
            parent: Some(shape),
            entries: child_entries,
            index,
            transitions: Transitions::None,
            slot_count: parent.slot_count,
            live_entries: parent.live_entries,
            dictionary: false,
            free_slots: Vec::new(),
            index_key_count: parent.index_key_count,
            deferred_contents: false,
        };
        let slot = child_shape.push_entry(key, attributes);
        self.accounting
            .note_allocation(std::mem::size_of::<Shape>() + 16 * child_shape.entries.len());
        let child: ShapeId = self.shapes.allocate(child_shape);
        let parent = self.shapes.get_mut(shape);
        parent.transitions = match std::mem::take(&mut parent.transitions) {
            Transitions::None => Transitions::One(key, attributes, child),
            Transitions::One(old_key, old_attributes, old_child) => {
                let mut map = Box::<FxHashMap<_, _>>::default();
                map.insert((old_key, old_attributes), old_child);
                map.insert((key, attributes), child);
                Transitions::Many(map)
            }
            Transitions::Many(mut map) => {
                map.insert((key, attributes), child);
                Transitions::Many(map)
            }
        };
        (child, slot)
    }

    /// Ends realm setup: every dictionary shape built while [`Heap::building_realm`] was set
    /// (one per built-in prototype, constructor and namespace object) becomes a standalone
    /// tree shape and is pinned (kept alive for the life of the heap).
    ///
    /// Performance decision: a built-in object used to receive its properties one tree
    /// transition at a time, and each tree shape owns a copy of its entry table, so building
    /// %Array.prototype% alone (about 40 properties) created about 40 shapes holding
    /// 1 + 2 + ... + 40 entries, all kept alive by the transition chain. Building in place in a dictionary and freezing it at the end makes one
    /// shape per built-in object. Pinning replaces what the transition chain did: a shape an
    /// inline cache may hold must never be freed and its id reused, even if its object dies
    /// (`delete globalThis.Math`).
    pub fn freeze_setup_dictionaries(&mut self) {
        self.building_realm = false;
        let dictionaries: Vec<ShapeId> = self
            .shapes
            .iter()
            .filter(|(_, shape)| shape.dictionary)
            .map(|(index, _)| ShapeId(index))
            .collect();
        for shape in dictionaries {
            self.shapes.get_mut(shape).freeze_into_standalone_tree();
            self.pinned_shapes.push(shape);
        }
        self.setup_dictionaries = Vec::new();
        self.pinned_shapes.shrink_to_fit();
    }

    /// Ends the creation of a deferred built-in global (`crate::lazy_globals`): freezes and
    /// pins the dictionary shapes created since [`Heap::building_realm`] was set again, the
    /// same way [`Heap::freeze_setup_dictionaries`] does for the whole realm. Only the shapes
    /// recorded by [`Heap::shape_to_dictionary`] are frozen: the program's own dictionary
    /// objects exist by then and must stay dictionaries.
    pub fn freeze_recorded_setup_dictionaries(&mut self) {
        self.building_realm = false;
        for shape in std::mem::take(&mut self.setup_dictionaries) {
            let Some(candidate) = self.shapes.try_get(shape) else {
                continue;
            };
            if candidate.dictionary {
                self.shapes.get_mut(shape).freeze_into_standalone_tree();
                self.pinned_shapes.push(shape);
            }
        }
    }

    /// Allocates a private dictionary copy of `shape`.
    pub fn shape_to_dictionary(&mut self, shape: ShapeId) -> ShapeId {
        let dictionary = self.shapes.get(shape).to_dictionary();
        self.accounting
            .note_allocation(std::mem::size_of::<Shape>() + 16 * dictionary.entries.len());
        let dictionary = self.shapes.allocate(dictionary);
        if self.building_realm {
            self.setup_dictionaries.push(dictionary);
        }
        dictionary
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atom::Atom;

    fn key(number: u32) -> PropertyKey {
        PropertyKey::Atom(Atom(1000 + number))
    }

    #[test]
    fn transitions_are_shared_between_objects_built_the_same_way() {
        let mut heap = Heap::new();
        let root: ShapeId = heap.shapes.allocate(Shape::root());
        let (a1, slot_a) = heap.shape_add_transition(root, key(1), Attributes::DEFAULT_DATA);
        let (b1, slot_b) = heap.shape_add_transition(a1, key(2), Attributes::DEFAULT_DATA);
        let (a2, _) = heap.shape_add_transition(root, key(1), Attributes::DEFAULT_DATA);
        let (b2, slot_b2) = heap.shape_add_transition(a2, key(2), Attributes::DEFAULT_DATA);
        assert_eq!(a1, a2);
        assert_eq!(b1, b2);
        assert_eq!((slot_a, slot_b, slot_b2), (0, 1, 1));
        let (other, _) = heap.shape_add_transition(root, key(1), Attributes::HIDDEN_DATA);
        assert_ne!(other, a1, "different attributes need a different shape");
        let entry = heap.shapes.get(b1).lookup(key(1)).expect("key 1 present");
        assert_eq!(entry.slot, 0);
        assert!(heap.shapes.get(b1).lookup(key(3)).is_none());
    }

    #[test]
    fn accessors_take_two_slots_and_large_shapes_use_an_index() {
        let mut heap = Heap::new();
        let mut shape: ShapeId = heap.shapes.allocate(Shape::root());
        let (next, getter_slot) =
            heap.shape_add_transition(shape, key(0), Attributes::accessor(true, true));
        shape = next;
        assert_eq!(getter_slot, 0);
        for number in 1..20 {
            let (next, slot) =
                heap.shape_add_transition(shape, key(number), Attributes::DEFAULT_DATA);
            assert_eq!(slot, number + 1);
            shape = next;
        }
        let final_shape = heap.shapes.get(shape);
        assert!(
            final_shape.index.get().is_none(),
            "the index is built lazily"
        );
        assert_eq!(
            final_shape.lookup(key(19)).map(|entry| entry.slot),
            Some(20)
        );
        assert!(final_shape.index.get().is_some());
        assert_eq!(final_shape.slot_count(), 21);
    }

    #[test]
    fn dictionary_mode_removes_reuses_slots_and_keeps_order() {
        let mut heap = Heap::new();
        let root: ShapeId = heap.shapes.allocate(Shape::root());
        let (one, _) = heap.shape_add_transition(root, key(1), Attributes::DEFAULT_DATA);
        let (two, _) = heap.shape_add_transition(one, key(2), Attributes::DEFAULT_DATA);
        let dictionary = heap.shape_to_dictionary(two);
        let shape = heap.shapes.get_mut(dictionary);
        let removed = shape.dictionary_remove(key(1)).expect("present");
        assert_eq!(removed.slot, 0);
        assert_eq!(shape.dictionary_insert(key(3), Attributes::DEFAULT_DATA), 0);
        let order: Vec<PropertyKey> = shape.entries().map(|entry| entry.key).collect();
        assert_eq!(order, vec![key(2), key(3)]);
        assert_eq!(shape.property_count(), 2);
    }
}
