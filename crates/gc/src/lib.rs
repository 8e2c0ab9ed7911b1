//! A precise mark-and-sweep heap built from typed slab arenas.
//!
//! The crate is deliberately generic: it knows nothing about JavaScript. A client (the VM)
//! keeps one [`Arena`] per heap-allocated type, identifies each arena by a small "space" number,
//! and names values by `u32` handles (see [`GcHandle`]). Collection is driven by the client:
//!
//! 1. Push every root handle onto a [`Tracer`] (`tracer.push(handle)`), which marks it.
//! 2. Drain the tracer: for each `(space, index)` popped (each marked slot is popped exactly
//!    once), trace the value in the matching arena (`arena.trace_marked(index, tracer)`), so it
//!    pushes its children. The worklist is explicit, so tracing never recurses and deep object
//!    graphs (a linked list of a million nodes) cannot overflow the native stack.
//! 3. Sweep every arena with its space's mark bitmap
//!    (`arena.sweep(tracer.marks_mut(space), ...)`): unmarked slots are freed and put on the
//!    free list, and all mark bits are cleared for the next cycle.
//!
//! Performance decisions:
//! - Handles are `u32` indices, so a handle is 4 bytes and a JS `Value` fits in 16 bytes.
//! - Slots are reused through a free list. A sweep pushes freed indices from the highest to the
//!   lowest, so later allocations refill the arena from its low end (dense, cache-friendly).
//! - Mark bits (in the [`Tracer`]) and "slot occupied" bits (in the arena) live in plain `u64`
//!   word bitmaps ([`SlotBits`]), not in the slots. A sweep then works a word (64 slots) at a
//!   time: `occupied & !marked` are the dead slots, and only those are touched; live slots are
//!   never read by the sweep, and clearing the marks is a word store. (The first version used `bitvec` with per-bit proxy
//!   access and a walk over every slot: on strings.js the bit accesses alone were ~15% of all
//!   instructions.) Marking is done when a handle is pushed, so a handle already marked never
//!   enters the worklist again (see [`Tracer`]).
//! - Marking measures the live heap: [`Arena::trace_marked`] returns each marked value's
//!   size (slot plus [`Trace::external_bytes`], its owned buffers), so the client learns the
//!   real live size without another pass, and [`GcAccounting`] scales the next threshold with
//!   it (amortised collection cost proportional to allocation, heap bounded by a constant
//!   factor of the live size).
//!
//! Young collections (generations without moving):
//! - Most values die young, and a full collection traces every live value to free them. A
//!   young collection traces only from the roots and the remembered set, stops at old values,
//!   and frees only young ones. The client chooses the kind ([`CollectionKind`], usually
//!   what [`GcAccounting::next_collection_kind`] says) and calls [`Arena::load_old_marks`]
//!   and traces [`Arena::remembered_slots`] before pushing its roots.
//! - Generations are bitmaps beside the slots, not separate spaces, so no value moves and
//!   handles stay what they are. A value is young until it survives a young collection,
//!   then a survivor until it survives another, then old; a full collection makes every
//!   survivor old. The second chance keeps values that were merely in flight at the moment
//!   of a young collection (a temporary tree being built) out of the old generation, where
//!   only a full collection could free them. On stress-test.ts promotion after one survival
//!   moved about 400 KB into the old generation per young collection, after two about 30 KB.
//! - The write barrier is [`Arena::get_mut`]: every mutation of an arena value borrows it
//!   there, so the first borrow of an old value after a collection lists it in the
//!   remembered set, and no store site can forget the barrier. Register writes are not
//!   arena writes and pay nothing: the register stack is a root of every collection.
//! - Soundness rests on one invariant, re-established by every sweep: an old value that
//!   refers to a value that is not old is in the remembered set ([`Arena::sweep`] says which
//!   values are listed and for how long). The VM checks it under its `gc-stress` feature by
//!   marking the whole heap after each young collection and looking for freed slots.

use std::cell::Cell;

/// A typed handle into one [`Arena`]. Implemented by the client's `u32` newtypes.
///
/// `SPACE` identifies the arena the handle points into; it selects the worklist in the
/// [`Tracer`]. Spaces must be dense small numbers below [`MAX_SPACES`].
pub trait GcHandle: Copy {
    /// The arena ("space") number this handle type points into.
    const SPACE: u8;
    /// Builds a handle from a raw slot index.
    fn from_index(index: u32) -> Self;
    /// The raw slot index of this handle.
    fn index(self) -> u32;
}

/// The largest number of distinct spaces a [`Tracer`] supports.
pub const MAX_SPACES: usize = 16;

/// A value stored in an arena that may refer to other heap values.
pub trait Trace {
    /// Pushes every handle this value refers to onto the tracer. Must not recurse into the
    /// referenced values: the collector visits them later through the worklist.
    fn trace(&self, tracer: &mut Tracer);

    /// Approximate bytes of heap memory this value owns outside its arena slot (vectors,
    /// boxed payloads). Used only for the live-size estimate that sets the collection
    /// threshold, so it should be cheap (capacities, not walks) rather than exact.
    #[inline]
    fn external_bytes(&self) -> usize {
        0
    }
}

/// The marking state: one stack of raw indices per space, and one mark bitmap per space.
///
/// Performance decision: a slot is marked when it is *pushed*, not when it is popped. A push
/// of an already marked slot tests one bit and stops, so every slot enters the worklist at
/// most once and every pop is a value to trace. (The first version marked on pop and dropped
/// only a push equal to the previous push of the same space; objects push their shape and
/// prototype, which alternate with their children, so most repeated pushes still went through
/// the worklist, the dispatch on the space and the arena's mark test before being dropped.)
/// The client keeps one tracer for the heap's lifetime, so the worklists and bitmaps keep
/// their capacity from one collection to the next instead of growing from empty each time
/// (see [`Tracer::release_excess_capacity`]).
#[derive(Debug, Default)]
pub struct Tracer {
    worklists: [Vec<u32>; MAX_SPACES],
    marks: [SlotBits; MAX_SPACES],
    /// A cursor so `pop_any` does not rescan empty spaces from zero every time.
    next_space_hint: usize,
}

impl Tracer {
    /// Worklist entries a tracer keeps allocated between collections (256 KiB per space).
    pub const RETAINED_WORKLIST_CAPACITY: usize = 64 * 1024;

    /// Creates an empty tracer.
    pub fn new() -> Tracer {
        Tracer::default()
    }

    /// Marks a handle and schedules it for tracing, unless it was marked already.
    #[inline(always)]
    pub fn push<H: GcHandle>(&mut self, handle: H) {
        self.push_raw(H::SPACE, handle.index());
    }

    /// Marks a raw `(space, index)` pair and schedules it for tracing, unless it was marked
    /// already.
    #[inline(always)]
    pub fn push_raw(&mut self, space: u8, index: u32) {
        let space = space as usize;
        if self.marks[space].test_and_set(index as usize) {
            self.worklists[space].push(index);
        }
    }

    /// Marks a raw `(space, index)` pair without scheduling it for tracing; returns true when
    /// it was unmarked before. A young collection uses it for the remembered set, whose
    /// values it traces at once (see [`Arena::remembered_slots`]).
    #[inline]
    pub fn mark_without_tracing(&mut self, space: u8, index: u32) -> bool {
        self.marks[space as usize].test_and_set(index as usize)
    }

    /// True when the slot was marked in the current cycle (pushed since the last sweep).
    pub fn is_marked(&self, space: u8, index: u32) -> bool {
        self.marks[space as usize].get(index as usize)
    }

    /// Clears the mark bitmap of one space (a marking that is not followed by a sweep).
    pub fn clear_marks(&mut self, space: u8) {
        self.marks[space as usize].words.fill(0);
    }

    /// The mark bitmap of one space, which [`Arena::sweep`] reads and clears.
    pub fn marks_mut(&mut self, space: u8) -> &mut SlotBits {
        &mut self.marks[space as usize]
    }

    /// Pops one pending index of the given space.
    #[inline]
    pub fn pop(&mut self, space: u8) -> Option<u32> {
        self.worklists[space as usize].pop()
    }

    /// Pops any pending `(space, index)` pair, or `None` when the worklist is empty and
    /// marking is complete.
    #[inline]
    pub fn pop_any(&mut self) -> Option<(u8, u32)> {
        if let Some(index) = self.worklists[self.next_space_hint].pop() {
            return Some((self.next_space_hint as u8, index));
        }
        for space in 0..MAX_SPACES {
            if let Some(index) = self.worklists[space].pop() {
                self.next_space_hint = space;
                return Some((space as u8, index));
            }
        }
        None
    }

    /// True when no handle is waiting to be traced.
    pub fn is_empty(&self) -> bool {
        self.worklists.iter().all(|worklist| worklist.is_empty())
    }

    /// Frees worklist capacity beyond [`Tracer::RETAINED_WORKLIST_CAPACITY`] entries per
    /// space, so one collection of a very wide object graph does not keep megabytes resident
    /// for the rest of the program. Call between collections (the worklists are empty then).
    pub fn release_excess_capacity(&mut self) {
        for worklist in &mut self.worklists {
            if worklist.capacity() > Self::RETAINED_WORKLIST_CAPACITY {
                worklist.clear();
                worklist.shrink_to(Self::RETAINED_WORKLIST_CAPACITY);
            }
        }
    }
}

/// What a sweep of one arena did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SweepOutcome {
    /// Slots that survived (were marked).
    pub live: usize,
    /// Slots freed in this sweep.
    pub freed: usize,
}

/// A growable bitmap of one bit per arena slot, stored as `u64` words so the sweep can work
/// on 64 slots at a time. Bits at or past the slot count are always zero.
#[derive(Clone, Debug, Default)]
pub struct SlotBits {
    words: Vec<u64>,
}

impl SlotBits {
    /// Makes room for bit `index` (new words are zero).
    #[inline]
    fn ensure(&mut self, index: usize) {
        let word = index / 64;
        if word >= self.words.len() {
            self.words.resize(word + 1, 0);
        }
    }

    /// The bit at `index` (false past the end).
    #[inline]
    pub fn get(&self, index: usize) -> bool {
        match self.words.get(index / 64) {
            Some(word) => word & (1 << (index % 64)) != 0,
            None => false,
        }
    }

    /// Sets the bit at `index` (growing the bitmap when needed); returns true when it was
    /// clear before.
    ///
    /// Performance decision: this is the marking's innermost step (every traced reference
    /// runs it), so the common case is forced inline and growth is a cold call; inlined
    /// growth made `Value::trace` too big for LLVM to inline into the object tracing loops.
    #[inline(always)]
    pub fn test_and_set(&mut self, index: usize) -> bool {
        let bit = 1u64 << (index % 64);
        match self.words.get_mut(index / 64) {
            Some(word) => {
                let was_clear = *word & bit == 0;
                *word |= bit;
                was_clear
            }
            None => self.grow_and_set(index),
        }
    }

    /// Clears the bit at `index` and returns true when it was set (false past the end).
    #[inline(always)]
    fn take(&mut self, index: usize) -> bool {
        let bit = 1u64 << (index % 64);
        match self.words.get_mut(index / 64) {
            Some(word) if *word & bit != 0 => {
                *word &= !bit;
                true
            }
            _ => false,
        }
    }

    /// The growth path of [`SlotBits::test_and_set`].
    #[cold]
    #[inline(never)]
    fn grow_and_set(&mut self, index: usize) -> bool {
        self.ensure(index);
        self.set(index);
        true
    }

    /// Sets the bit at `index`; the word must exist.
    #[inline]
    fn set(&mut self, index: usize) {
        self.words[index / 64] |= 1 << (index % 64);
    }

    /// Clears the bit at `index`; the word must exist.
    #[inline]
    fn clear(&mut self, index: usize) {
        self.words[index / 64] &= !(1 << (index % 64));
    }
}

/// A typed slab arena: values of one type addressed by `u32` handles.
///
/// Freed slots are put on a free list and reused by later allocations. Occupied bits are stored
/// in a word bitmap beside the slots; mark bits live in the [`Tracer`], one bitmap per space.
///
/// Generations (see "Young collections" in the crate documentation) are kept in four more
/// bitmaps and one list. A slot is young (allocated since the last collection), a survivor
/// (survived one young collection) or old (survived two, or a full collection).
#[derive(Debug)]
pub struct Arena<T> {
    slots: Vec<Option<T>>,
    occupied: SlotBits,
    free_list: Vec<u32>,
    live_count: usize,
    /// Old slots. A young collection starts with them marked and never frees them.
    old: SlotBits,
    /// Slots that survived exactly one young collection; the next one promotes them.
    survivors: SlotBits,
    /// Old slots not borrowed mutably since the last collection: the write barrier's bitmap
    /// (see [`Arena::get_mut`]).
    clean: SlotBits,
    /// The slots in `remembered`, so none is listed twice.
    listed: SlotBits,
    /// The remembered set: old slots a young collection traces as roots because they may
    /// refer to values that are not old (see [`Arena::sweep`] for who is listed and for how
    /// long).
    remembered: Vec<u32>,
}

impl<T> Default for Arena<T> {
    fn default() -> Self {
        Arena::new()
    }
}

impl<T> Arena<T> {
    /// Creates an empty arena.
    pub fn new() -> Arena<T> {
        Arena {
            slots: Vec::new(),
            occupied: SlotBits::default(),
            free_list: Vec::new(),
            live_count: 0,
            old: SlotBits::default(),
            survivors: SlotBits::default(),
            clean: SlotBits::default(),
            listed: SlotBits::default(),
            remembered: Vec::new(),
        }
    }

    /// Creates an empty arena with room for `capacity` values before its slot vector grows.
    pub fn with_capacity(capacity: usize) -> Arena<T> {
        let mut arena = Arena::new();
        arena.slots.reserve_exact(capacity);
        arena
    }

    /// Stores a value and returns its handle. Reuses a freed slot when one is available.
    #[inline]
    pub fn allocate<H: GcHandle>(&mut self, value: T) -> H {
        self.live_count += 1;
        if let Some(index) = self.free_list.pop() {
            self.slots[index as usize] = Some(value);
            self.occupied.set(index as usize);
            return H::from_index(index);
        }
        let index = self.slots.len();
        assert!(
            index < u32::MAX as usize,
            "arena exhausted its u32 handle space"
        );
        self.slots.push(Some(value));
        self.occupied.ensure(index);
        self.occupied.set(index);
        H::from_index(index as u32)
    }

    /// Returns the value behind a handle.
    ///
    /// # Panics
    /// Panics when the handle is dangling (its slot was freed). That is always a GC bug: a
    /// value was reachable but not traced.
    #[inline]
    pub fn get<H: GcHandle>(&self, handle: H) -> &T {
        match self.slots.get(handle.index() as usize) {
            Some(Some(value)) => value,
            _ => dangling_handle(H::SPACE, handle.index()),
        }
    }

    /// Returns the value behind a handle, mutably. Panics on dangling handles like [`Arena::get`].
    ///
    /// This is the write barrier of the young collections: the only way to change a value in
    /// an arena is through `&mut Arena`, and every such access to one slot comes here, so an
    /// old slot is put in the remembered set the first time it is borrowed mutably after a
    /// collection, whatever the caller then stores. The barrier cannot be forgotten at a
    /// store site because there is no store site to forget it at.
    /// Performance decision: the common case is one bitmap word test (young slots, survivors,
    /// and old slots already borrowed since the last collection, whose clean bit the barrier
    /// cleared); the list push is a cold call.
    #[inline]
    pub fn get_mut<H: GcHandle>(&mut self, handle: H) -> &mut T {
        let index = handle.index() as usize;
        if self.clean.take(index) {
            self.remember(index as u32);
        }
        match self.slots.get_mut(index) {
            Some(Some(value)) => value,
            _ => dangling_handle(H::SPACE, handle.index()),
        }
    }

    /// The slow path of the write barrier in [`Arena::get_mut`].
    #[cold]
    #[inline(never)]
    fn remember(&mut self, index: u32) {
        if self.listed.test_and_set(index as usize) {
            self.remembered.push(index);
        }
    }

    /// The remembered set. A young collection traces these old slots as roots (they may
    /// refer to young values or survivors), whether or not they are marked already; see
    /// [`Arena::load_old_marks`].
    pub fn remembered_slots(&self) -> &[u32] {
        &self.remembered
    }

    /// True when the slot survived exactly one young collection (a young collection that
    /// finds it alive promotes it).
    #[inline]
    pub fn is_survivor(&self, index: u32) -> bool {
        self.survivors.get(index as usize)
    }

    /// Prepares `marks` (this arena's bitmap of the [`Tracer`], empty between collections)
    /// for a young collection: every old slot is marked from the start, so marking stops at
    /// old values and the sweep keeps them. Old values that may refer to younger ones are in
    /// the remembered set, which the client traces itself ([`Arena::remembered_slots`]).
    pub fn load_old_marks(&self, marks: &mut SlotBits) {
        marks.words.clear();
        marks.words.extend_from_slice(&self.old.words);
    }

    /// The index of a slot that `marks` marks but that is free, if there is one. A marking
    /// that reaches a free slot followed a dangling handle: the collector checks its young
    /// collections with a full marking under `gc-stress`.
    pub fn first_marked_free_slot(&self, marks: &SlotBits) -> Option<u32> {
        for (word_index, marked) in marks.words.iter().enumerate() {
            let occupied = self.occupied.words.get(word_index).copied().unwrap_or(0);
            let stray = marked & !occupied;
            if stray != 0 {
                return Some((word_index * 64 + stray.trailing_zeros() as usize) as u32);
            }
        }
        None
    }

    /// Returns the value behind a handle, or `None` when the slot is free or out of range.
    #[inline]
    pub fn try_get<H: GcHandle>(&self, handle: H) -> Option<&T> {
        self.slots
            .get(handle.index() as usize)
            .and_then(Option::as_ref)
    }

    /// Returns the value at a raw index if the slot is occupied.
    #[inline]
    pub fn get_by_index(&self, index: u32) -> Option<&T> {
        self.slots.get(index as usize).and_then(Option::as_ref)
    }

    /// Frees every occupied slot not set in `marks` (this arena's bitmap of the [`Tracer`],
    /// [`Tracer::marks_mut`]), handing the value to `on_free`, which may recycle its buffers,
    /// and clears all mark bits. Works a bitmap word at a time and reads only the dead slots
    /// (see the module documentation).
    ///
    /// Then the generations move on:
    /// - After a full collection every survivor is old and the remembered set is empty: a
    ///   survivor's children were marked, so they survived too.
    /// - After a young collection, marked survivors are promoted to old and marked young
    ///   slots become survivors. Old slots stay old (the marking started with them marked).
    ///
    /// The remembered set keeps the young collections sound: every old slot that refers to a
    /// slot that is not old must be listed. After a young collection these are listed:
    /// - The slots promoted by it: their children that were young are survivors now.
    /// - The listed slots that were borrowed mutably since the previous collection: they may
    ///   have been given young children, which are survivors now.
    ///
    /// A listed slot not borrowed since the previous collection leaves the list. Its children
    /// were old or survivors when that interval began, and this collection traced it, so the
    /// survivors among them were promoted.
    pub fn sweep(
        &mut self,
        marks: &mut SlotBits,
        kind: CollectionKind,
        mut on_free: impl FnMut(T),
    ) -> SweepOutcome {
        let words = self.occupied.words.len();
        for bitmap in [
            &mut self.old,
            &mut self.survivors,
            &mut self.clean,
            &mut self.listed,
        ] {
            bitmap.words.resize(words, 0);
        }
        match kind {
            CollectionKind::Full => {
                for &index in &self.remembered {
                    self.listed.clear(index as usize);
                }
                self.remembered.clear();
            }
            CollectionKind::Young => {
                // `clean` is still the barrier's view of the interval that just ended.
                let (old, clean, listed) = (&self.old, &self.clean, &mut self.listed);
                self.remembered.retain(|&index| {
                    let borrowed_since = old.get(index as usize) && !clean.get(index as usize);
                    if !borrowed_since {
                        listed.clear(index as usize);
                    }
                    borrowed_since
                });
            }
        }
        let mut outcome = SweepOutcome::default();
        // Highest words first, so the free list (a stack) hands out low indices first.
        for word_index in (0..words).rev() {
            let occupied = self.occupied.words[word_index];
            // A mark on a free slot (only a dangling handle could set one) is ignored.
            let marked = marks.words.get(word_index).copied().unwrap_or(0) & occupied;
            outcome.live += marked.count_ones() as usize;
            let mut dead = occupied & !marked;
            while dead != 0 {
                let bit = 63 - dead.leading_zeros() as usize;
                dead &= !(1u64 << bit);
                let index = word_index * 64 + bit;
                if let Some(value) = self.slots[index].take() {
                    on_free(value);
                }
                self.free_list.push(index as u32);
                outcome.freed += 1;
            }
            self.occupied.words[word_index] = marked;
            let (old, survivors) = match kind {
                CollectionKind::Full => (marked, 0),
                CollectionKind::Young => {
                    let old = self.old.words[word_index] & marked;
                    let survivors = self.survivors.words[word_index] & marked;
                    let mut promoted = survivors & !self.listed.words[word_index];
                    while promoted != 0 {
                        let bit = promoted.trailing_zeros() as usize;
                        promoted &= promoted - 1;
                        self.remembered.push((word_index * 64 + bit) as u32);
                    }
                    self.listed.words[word_index] |= survivors;
                    (old | survivors, marked & !old & !survivors)
                }
            };
            self.old.words[word_index] = old;
            self.survivors.words[word_index] = survivors;
            self.clean.words[word_index] = old;
        }
        marks.words.fill(0);
        self.live_count = outcome.live;
        outcome
    }

    /// Explicitly frees one slot (for values whose lifetime the client manages by hand).
    pub fn free<H: GcHandle>(&mut self, handle: H) -> Option<T> {
        let index = handle.index() as usize;
        let value = self.slots.get_mut(index)?.take()?;
        self.occupied.clear(index);
        // A listed slot stays in the remembered list until the next sweep drops it (it is
        // not old any more); tracing a free or reused slot from there is harmless.
        self.old.take(index);
        self.survivors.take(index);
        self.clean.take(index);
        self.free_list.push(index as u32);
        self.live_count -= 1;
        Some(value)
    }

    /// Number of occupied slots.
    pub fn live_count(&self) -> usize {
        self.live_count
    }

    /// Number of slots ever created (occupied plus free).
    pub fn capacity_slots(&self) -> usize {
        self.slots.len()
    }

    /// Iterates over `(index, value)` for every occupied slot.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &T)> {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(index, slot)| slot.as_ref().map(|value| (index as u32, value)))
    }
}

impl<T: Trace> Arena<T> {
    /// Traces the value of a slot the tracer has just marked (an index popped from its
    /// worklist). This is the body of the client's drain loop for this arena. Returns the
    /// approximate size in bytes of the value (its slot plus [`Trace::external_bytes`]), or 0
    /// for a free slot; the sum over a marking is the live heap size.
    #[inline]
    pub fn trace_marked(&self, index: u32, tracer: &mut Tracer) -> usize {
        if let Some(Some(value)) = self.slots.get(index as usize) {
            value.trace(tracer);
            return std::mem::size_of::<Option<T>>() + value.external_bytes();
        }
        0
    }
}

#[cold]
#[inline(never)]
fn dangling_handle(space: u8, index: u32) -> ! {
    panic!("dangling GC handle: space {space}, index {index} (a value was not traced)")
}

/// Statistics over the lifetime of a heap.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GcStatistics {
    /// Number of completed collections, young and full.
    pub collections: u64,
    /// How many of them were young collections.
    pub young_collections: u64,
    /// Objects (of all spaces) that survived the last collection.
    pub live_after_last_collection: usize,
    /// Objects freed by all collections together.
    pub total_freed: u64,
    /// Allocations made over the heap's lifetime.
    pub total_allocations: u64,
}

/// Which values a collection may free.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CollectionKind {
    /// Only values allocated since the last collection; old values are kept without being
    /// traced, except the remembered ones (written since), which are traced as roots.
    Young,
    /// Every unreachable value.
    Full,
}

/// Allocation-debt accounting: decides when a collection is worth running, and which kind.
///
/// Every allocation adds its approximate size in bytes to the debt. When the debt exceeds the
/// young threshold, [`GcAccounting::should_collect`] returns true, and
/// [`GcAccounting::next_collection_kind`] says whether a young collection will do or the old
/// generation has grown enough to warrant a full one.
///
/// - After a full collection that found `live` bytes, the old generation is `live` bytes and
///   the next full collection is due when it has grown to
///   `live + max(MIN_FULL_GROWTH_BYTES, live * FULL_GROWTH_PERCENT / 100)`.
/// - A young collection adds the bytes it found alive (the young survivors, now promoted) to
///   the old generation's size. Promoted values that die later are garbage only a full
///   collection frees, so the promoted bytes are what brings the next full collection closer.
/// - The debt threshold (the nursery size) is
///   `max(MIN_YOUNG_BYTES, old * YOUNG_PERCENT / 100)`: a young collection traces the roots and
///   the remembered values (which can be large arrays), so its period grows with the heap to
///   keep the amortised cost bounded.
///
/// The peak heap is then about `old + growth + nursery`, where a collector without generations
/// peaked at `live * (1 + GROWTH)` with the same collection count.
#[derive(Clone, Debug)]
pub struct GcAccounting {
    /// A `Cell` so that code holding only `&Heap` (lazy rope flattening behind `Vm::string`)
    /// can still charge the buffers it allocates.
    bytes_since_collection: Cell<usize>,
    young_threshold_bytes: usize,
    old_generation_bytes: usize,
    full_threshold_bytes: usize,
    statistics: GcStatistics,
}

impl Default for GcAccounting {
    fn default() -> Self {
        GcAccounting::new()
    }
}

impl GcAccounting {
    /// Lower bound on the nursery. A young collection's cost is mostly freeing the dead
    /// young values, which is proportional to the allocation whatever the nursery size; its
    /// fixed part (the roots, copying the old bitmaps, one pass over the bitmap words) is
    /// small: richards-like.js, with 380 live objects, runs 13,411 M instructions with a
    /// 512 KiB floor and 13,403 M with 2 MiB.
    pub const MIN_YOUNG_BYTES: usize = 512 * 1024;
    /// The nursery as a share of the old generation, in percent: larger old generations
    /// cost more to copy the bitmaps of and tend to have larger remembered values.
    ///
    /// Measured on stress-test.ts (8 MB live; peak RSS of 3 runs, instructions), with the
    /// other constants as they are: 12% 15.66-15.74 MB / 2,032 M, 8% 15.36-15.49 MB /
    /// 2,059 M, 6% 15.05-15.21 MB / 2,107 M. The collector without generations (growth
    /// factor 0.5): 17.3-17.4 MB / 2,073 M; QuickJS: 15.9-16.9 MB.
    pub const YOUNG_PERCENT: usize = 8;
    /// Lower bound on how much the old generation grows (by promotion) before a full
    /// collection. gc-stress.js promotes almost everything it allocates in its last phase
    /// (a ring of records that live for 10,000 iterations): with 512 KiB it ran a full
    /// collection after every third young one, 6,186 M instructions; 1 MiB: 6,155 M, and
    /// stress-test.ts 15.2-15.4 MB either way.
    pub const MIN_FULL_GROWTH_BYTES: usize = 1024 * 1024;
    /// How much the old generation may grow before a full collection, in percent of the live
    /// size the last full collection found. Promotion is slow (on stress-test.ts about
    /// 30 KB per young collection, against 1 MB allocated), so full collections stay rare
    /// even with a small margin: 20% gave stress-test.ts 16.3-16.6 MB with a 1 MiB nursery
    /// floor and 12%, 10% 15.7-16.0 MB.
    pub const FULL_GROWTH_PERCENT: usize = 10;

    /// Fresh accounting: the first collection comes after [`GcAccounting::MIN_YOUNG_BYTES`].
    pub fn new() -> GcAccounting {
        GcAccounting {
            bytes_since_collection: Cell::new(0),
            young_threshold_bytes: Self::MIN_YOUNG_BYTES,
            old_generation_bytes: 0,
            full_threshold_bytes: Self::MIN_FULL_GROWTH_BYTES,
            statistics: GcStatistics::default(),
        }
    }

    /// Records an allocation of about `bytes` bytes.
    #[inline]
    pub fn note_allocation(&mut self, bytes: usize) {
        self.note_extra_bytes(bytes);
        self.statistics.total_allocations += 1;
    }

    /// Records extra bytes (for example a growing element vector) without counting an object.
    #[inline]
    pub fn note_extra_bytes(&self, bytes: usize) {
        self.bytes_since_collection
            .set(self.bytes_since_collection.get() + bytes);
    }

    /// True when the allocation debt warrants a collection at the next safepoint.
    /// Under the `gc-stress` feature this is always true.
    #[inline]
    pub fn should_collect(&self) -> bool {
        cfg!(feature = "gc-stress")
            || self.bytes_since_collection.get() >= self.young_threshold_bytes
    }

    /// The kind of collection to run when [`GcAccounting::should_collect`] says one is due.
    /// Under `gc-stress` every fourth collection is full and the others young, so both kinds
    /// run at every safepoint of the stress tests.
    pub fn next_collection_kind(&self) -> CollectionKind {
        let full_due = if cfg!(feature = "gc-stress") {
            self.statistics.collections % 4 == 3
        } else {
            self.old_generation_bytes >= self.full_threshold_bytes
        };
        if full_due {
            CollectionKind::Full
        } else {
            CollectionKind::Young
        }
    }

    /// Records a finished collection: resets the debt, and sizes the old generation and the
    /// next thresholds. `live_bytes` is what the marking measured: the whole live heap for a
    /// full collection, the promoted survivors for a young one. `remembered_bytes` is the size
    /// of the remembered values a young collection traced (0 for a full one).
    ///
    /// The next nursery is at least `remembered_bytes`: a young collection traces the whole
    /// of every remembered value (a 600,000-element array that is pushed to stays remembered
    /// and is traced again each time), so the nursery grows with that cost to keep it
    /// proportional to the allocation, as a full collection's cost is. On arrays.js a fixed
    /// nursery re-traced its large arrays in 22 young collections, 3.8% more instructions
    /// than the collector without generations.
    pub fn note_collection(
        &mut self,
        kind: CollectionKind,
        live_objects: usize,
        freed_objects: usize,
        live_bytes: usize,
        remembered_bytes: usize,
    ) {
        self.bytes_since_collection.set(0);
        match kind {
            CollectionKind::Full => {
                self.old_generation_bytes = live_bytes;
                let growth = Self::MIN_FULL_GROWTH_BYTES
                    .max(live_bytes.saturating_mul(Self::FULL_GROWTH_PERCENT) / 100);
                self.full_threshold_bytes = live_bytes.saturating_add(growth);
            }
            CollectionKind::Young => {
                self.old_generation_bytes = self.old_generation_bytes.saturating_add(live_bytes);
                self.statistics.young_collections += 1;
            }
        }
        self.young_threshold_bytes = Self::MIN_YOUNG_BYTES
            .max(
                self.old_generation_bytes
                    .saturating_mul(Self::YOUNG_PERCENT)
                    / 100,
            )
            .max(remembered_bytes);
        self.statistics.collections += 1;
        self.statistics.live_after_last_collection = live_objects;
        self.statistics.total_freed += freed_objects as u64;
    }

    /// Current debt in bytes.
    pub fn bytes_since_collection(&self) -> usize {
        self.bytes_since_collection.get()
    }

    /// The debt at which the next collection is due (the nursery size).
    pub fn young_threshold_bytes(&self) -> usize {
        self.young_threshold_bytes
    }

    /// The estimated size of the old generation: the last full collection's live size plus
    /// everything promoted since.
    pub fn old_generation_bytes(&self) -> usize {
        self.old_generation_bytes
    }

    /// The old generation size at which the next collection is a full one.
    pub fn full_threshold_bytes(&self) -> usize {
        self.full_threshold_bytes
    }

    /// Lifetime statistics.
    pub fn statistics(&self) -> GcStatistics {
        self.statistics
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    struct NodeHandle(u32);

    impl GcHandle for NodeHandle {
        const SPACE: u8 = 0;
        fn from_index(index: u32) -> Self {
            NodeHandle(index)
        }
        fn index(self) -> u32 {
            self.0
        }
    }

    #[derive(Debug)]
    struct Node {
        label: u32,
        children: Vec<NodeHandle>,
    }

    impl Trace for Node {
        fn trace(&self, tracer: &mut Tracer) {
            for child in &self.children {
                tracer.push(*child);
            }
        }
    }

    fn collect(arena: &mut Arena<Node>, roots: &[NodeHandle]) -> SweepOutcome {
        let mut tracer = Tracer::new();
        for root in roots {
            tracer.push(*root);
        }
        while let Some((space, index)) = tracer.pop_any() {
            assert_eq!(space, 0);
            arena.trace_marked(index, &mut tracer);
        }
        arena.sweep(tracer.marks_mut(0), CollectionKind::Full, |_| {})
    }

    fn node(arena: &mut Arena<Node>, label: u32) -> NodeHandle {
        arena.allocate(Node {
            label,
            children: Vec::new(),
        })
    }

    #[test]
    fn unreachable_values_are_freed_and_reachable_ones_survive() {
        let mut arena = Arena::new();
        let root = node(&mut arena, 1);
        let child = node(&mut arena, 2);
        let garbage = node(&mut arena, 3);
        arena.get_mut(root).children.push(child);
        let outcome = collect(&mut arena, &[root]);
        assert_eq!(outcome, SweepOutcome { live: 2, freed: 1 });
        assert!(arena.try_get(garbage).is_none());
        assert_eq!(arena.get(child).label, 2);
        assert_eq!(arena.live_count(), 2);
    }

    #[test]
    fn cycles_are_collected_when_unreachable_and_kept_when_reachable() {
        let mut arena = Arena::new();
        let first = node(&mut arena, 1);
        let second = node(&mut arena, 2);
        arena.get_mut(first).children.push(second);
        arena.get_mut(second).children.push(first);
        assert_eq!(collect(&mut arena, &[first]).live, 2);
        let outcome = collect(&mut arena, &[]);
        assert_eq!(outcome, SweepOutcome { live: 0, freed: 2 });
        assert_eq!(arena.live_count(), 0);
    }

    #[test]
    fn freed_slots_are_reused_by_later_allocations() {
        let mut arena = Arena::new();
        let kept = node(&mut arena, 1);
        let dropped = node(&mut arena, 2);
        collect(&mut arena, &[kept]);
        let reused = node(&mut arena, 3);
        assert_eq!(reused, dropped, "the freed slot should be handed out again");
        assert_eq!(arena.capacity_slots(), 2);
        assert_eq!(arena.get(reused).label, 3);
    }

    #[test]
    fn deep_chains_are_marked_without_recursion() {
        let mut arena = Arena::new();
        let mut previous = node(&mut arena, 0);
        let head = previous;
        for label in 1..200_000 {
            let next = node(&mut arena, label);
            arena.get_mut(previous).children.push(next);
            previous = next;
        }
        let outcome = collect(&mut arena, &[head]);
        assert_eq!(outcome.live, 200_000);
        assert_eq!(outcome.freed, 0);
    }

    #[test]
    fn marks_are_cleared_after_sweep() {
        let mut arena = Arena::new();
        let root = node(&mut arena, 1);
        let mut tracer = Tracer::new();
        tracer.push(root);
        assert!(tracer.is_marked(0, root.0));
        while let Some((_, index)) = tracer.pop_any() {
            arena.trace_marked(index, &mut tracer);
        }
        assert_eq!(
            arena
                .sweep(tracer.marks_mut(0), CollectionKind::Full, |_| {})
                .live,
            1
        );
        assert!(!tracer.is_marked(0, root.0));
        // A second collection without roots must now free it.
        assert_eq!(collect(&mut arena, &[]).freed, 1);
    }

    #[test]
    fn sweep_hands_freed_values_to_the_callback() {
        let mut arena = Arena::new();
        node(&mut arena, 7);
        let mut freed_labels = Vec::new();
        arena.sweep(
            &mut SlotBits::default(),
            CollectionKind::Full,
            |value: Node| freed_labels.push(value.label),
        );
        assert_eq!(freed_labels, vec![7]);
    }

    #[test]
    fn accounting_sizes_the_generations_from_what_the_collections_measured() {
        let mut accounting = GcAccounting::new();
        accounting.note_allocation(100);
        assert_eq!(accounting.bytes_since_collection(), 100);
        if !cfg!(feature = "gc-stress") {
            assert!(!accounting.should_collect());
        }
        accounting.note_extra_bytes(GcAccounting::MIN_YOUNG_BYTES);
        assert!(accounting.should_collect());
        // A full collection that finds 64 MiB alive: the old generation is that, the next
        // full collection comes after FULL_GROWTH_PERCENT more, the nursery is YOUNG_PERCENT.
        let live = 64 * 1024 * 1024;
        accounting.note_collection(CollectionKind::Full, 10, 5, live, 0);
        assert_eq!(accounting.bytes_since_collection(), 0);
        assert_eq!(accounting.old_generation_bytes(), live);
        assert_eq!(
            accounting.full_threshold_bytes(),
            live + live * GcAccounting::FULL_GROWTH_PERCENT / 100
        );
        assert_eq!(
            accounting.young_threshold_bytes(),
            live * GcAccounting::YOUNG_PERCENT / 100
        );
        assert_eq!(accounting.statistics().collections, 1);
        assert_eq!(accounting.statistics().total_freed, 5);
        if !cfg!(feature = "gc-stress") {
            assert_eq!(accounting.next_collection_kind(), CollectionKind::Young);
        }
        // Young collections add what they promoted; once the old generation reaches the
        // threshold, the next collection is full.
        let growth = live * GcAccounting::FULL_GROWTH_PERCENT / 100;
        accounting.note_collection(CollectionKind::Young, 10, 5, growth - 1, 0);
        assert_eq!(accounting.old_generation_bytes(), live + growth - 1);
        if !cfg!(feature = "gc-stress") {
            assert_eq!(accounting.next_collection_kind(), CollectionKind::Young);
        }
        accounting.note_collection(CollectionKind::Young, 10, 5, 1, 0);
        if !cfg!(feature = "gc-stress") {
            assert_eq!(accounting.next_collection_kind(), CollectionKind::Full);
        }
        assert_eq!(accounting.statistics().young_collections, 2);
        // A small live heap keeps the minimum nursery and growth.
        accounting.note_collection(CollectionKind::Full, 1, 0, 10, 0);
        assert_eq!(
            accounting.young_threshold_bytes(),
            GcAccounting::MIN_YOUNG_BYTES
        );
        assert_eq!(
            accounting.full_threshold_bytes(),
            10 + GcAccounting::MIN_FULL_GROWTH_BYTES
        );
        // A young collection that traced a large remembered value waits for as much
        // allocation before the next one.
        accounting.note_collection(CollectionKind::Young, 1, 0, 0, 50 * 1024 * 1024);
        assert_eq!(accounting.young_threshold_bytes(), 50 * 1024 * 1024);
    }

    #[test]
    fn explicit_free_returns_the_value_and_recycles_the_slot() {
        let mut arena = Arena::new();
        let handle = node(&mut arena, 9);
        assert_eq!(arena.free(handle).map(|value| value.label), Some(9));
        assert!(arena.free(handle).is_none());
        assert_eq!(arena.live_count(), 0);
        assert_eq!(node(&mut arena, 10), handle);
    }

    #[test]
    fn word_at_a_time_sweep_frees_exactly_the_unreachable_slots_across_words() {
        let mut arena = Arena::new();
        let handles: Vec<NodeHandle> = (0..200).map(|label| node(&mut arena, label)).collect();
        // Keep every third node (spanning four bitmap words, the last one partial).
        let kept: Vec<NodeHandle> = handles.iter().copied().step_by(3).collect();
        let outcome = collect(&mut arena, &kept);
        assert_eq!(outcome.live, kept.len());
        assert_eq!(outcome.freed, 200 - kept.len());
        for (position, handle) in handles.iter().enumerate() {
            assert_eq!(arena.try_get(*handle).is_some(), position % 3 == 0);
        }
        // Freed slots are handed out from the low end first.
        assert_eq!(node(&mut arena, 1000), handles[1]);
        assert_eq!(node(&mut arena, 1001), handles[2]);
        // A second collection with the same roots frees the two new nodes only.
        assert_eq!(collect(&mut arena, &kept).freed, 2);
    }

    #[test]
    fn a_handle_enters_the_worklist_once_per_cycle_however_often_it_is_pushed() {
        let mut tracer = Tracer::new();
        tracer.push(NodeHandle(5));
        tracer.push(NodeHandle(5));
        tracer.push(NodeHandle(6));
        tracer.push(NodeHandle(5));
        // A handle far past the bitmap's current words grows it.
        tracer.push(NodeHandle(100_000));
        tracer.push(NodeHandle(100_000));
        assert_eq!(tracer.pop_any(), Some((0, 100_000)));
        assert_eq!(tracer.pop_any(), Some((0, 6)));
        assert_eq!(tracer.pop_any(), Some((0, 5)));
        assert_eq!(tracer.pop_any(), None);
        assert!(tracer.is_empty());
        // After the sweep clears the marks, the next cycle pushes it again.
        let mut arena: Arena<Node> = Arena::new();
        arena.sweep(tracer.marks_mut(0), CollectionKind::Full, |_| {});
        tracer.push(NodeHandle(5));
        assert_eq!(tracer.pop_any(), Some((0, 5)));
    }

    #[test]
    fn a_tracer_reused_across_collections_marks_afresh_each_time() {
        let mut arena = Arena::new();
        let first = node(&mut arena, 1);
        let second = node(&mut arena, 2);
        let mut tracer = Tracer::new();
        let mut collect_with = |arena: &mut Arena<Node>, roots: &[NodeHandle]| {
            for root in roots {
                tracer.push(*root);
            }
            while let Some((_, index)) = tracer.pop_any() {
                arena.trace_marked(index, &mut tracer);
            }
            let outcome = arena.sweep(tracer.marks_mut(0), CollectionKind::Full, |_| {});
            tracer.release_excess_capacity();
            outcome
        };
        assert_eq!(collect_with(&mut arena, &[first, second]).live, 2);
        assert_eq!(
            collect_with(&mut arena, &[second]),
            SweepOutcome { live: 1, freed: 1 }
        );
        assert!(arena.try_get(first).is_none());
        assert_eq!(collect_with(&mut arena, &[]).freed, 1);
    }

    /// A value owning an external buffer, for the size-reporting test.
    struct Blob(Vec<u8>);

    impl Trace for Blob {
        fn trace(&self, _tracer: &mut Tracer) {}
        fn external_bytes(&self) -> usize {
            self.0.capacity()
        }
    }

    #[test]
    fn marking_reports_the_size_of_marked_values_once() {
        let mut arena: Arena<Blob> = Arena::new();
        let handle: NodeHandle = arena.allocate(Blob(Vec::with_capacity(100)));
        let mut tracer = Tracer::new();
        tracer.push(handle);
        tracer.push(handle);
        let mut total = 0;
        while let Some((_, index)) = tracer.pop_any() {
            total += arena.trace_marked(index, &mut tracer);
        }
        assert_eq!(total, std::mem::size_of::<Option<Blob>>() + 100);
        // A free slot reports nothing.
        arena.free(handle);
        assert_eq!(arena.trace_marked(handle.0, &mut tracer), 0);
    }

    /// One young collection of an arena of nodes: old slots marked from the start, the
    /// remembered ones traced, then the roots.
    fn collect_young(arena: &mut Arena<Node>, roots: &[NodeHandle]) -> SweepOutcome {
        let mut tracer = Tracer::new();
        arena.load_old_marks(tracer.marks_mut(0));
        for &index in arena.remembered_slots() {
            tracer.mark_without_tracing(0, index);
            arena.trace_marked(index, &mut tracer);
        }
        for root in roots {
            tracer.push(*root);
        }
        while let Some((_, index)) = tracer.pop_any() {
            arena.trace_marked(index, &mut tracer);
        }
        arena.sweep(tracer.marks_mut(0), CollectionKind::Young, |_| {})
    }

    /// A full marking from `roots` that panics if it reaches a free slot (what the VM's
    /// `gc-stress` check does after each young collection).
    fn assert_reachable_slots_are_occupied(arena: &Arena<Node>, roots: &[NodeHandle]) {
        let mut tracer = Tracer::new();
        for root in roots {
            tracer.push(*root);
        }
        while let Some((_, index)) = tracer.pop_any() {
            arena.trace_marked(index, &mut tracer);
        }
        assert_eq!(arena.first_marked_free_slot(tracer.marks_mut(0)), None);
    }

    #[test]
    fn a_young_collection_frees_young_garbage_and_keeps_old_values_without_roots() {
        let mut arena = Arena::new();
        let old = node(&mut arena, 1);
        collect(&mut arena, &[old]);
        let young_garbage = node(&mut arena, 2);
        // No roots at all: the old value survives a young collection all the same.
        assert_eq!(
            collect_young(&mut arena, &[]),
            SweepOutcome { live: 1, freed: 1 }
        );
        assert!(arena.try_get(young_garbage).is_none());
        assert_eq!(arena.get(old).label, 1);
        // A full collection without roots frees it.
        assert_eq!(collect(&mut arena, &[]).freed, 1);
    }

    #[test]
    fn a_young_value_stored_into_an_old_one_survives_through_the_write_barrier() {
        let mut arena = Arena::new();
        let old = node(&mut arena, 1);
        collect(&mut arena, &[old]);
        let young = node(&mut arena, 2);
        let grandchild = node(&mut arena, 3);
        arena.get_mut(young).children.push(grandchild);
        arena.get_mut(old).children.push(young);
        assert_eq!(arena.remembered_slots(), &[old.0]);
        // Reachable only through the old value, which is not a root.
        for _ in 0..4 {
            collect_young(&mut arena, &[]);
            assert_eq!(arena.get(young).label, 2);
            assert_eq!(arena.get(grandchild).label, 3);
            assert_reachable_slots_are_occupied(&arena, &[old]);
        }
        // Once the chain is old, the remembered set empties again.
        assert!(arena.remembered_slots().is_empty());
    }

    #[test]
    fn young_values_survive_one_collection_before_promotion_and_then_stay_without_roots() {
        let mut arena = Arena::new();
        let value = node(&mut arena, 1);
        collect_young(&mut arena, &[value]);
        assert!(arena.is_survivor(value.0));
        // A survivor no longer reachable is freed by the next young collection.
        let dropped = node(&mut arena, 2);
        collect_young(&mut arena, &[value, dropped]);
        assert!(!arena.is_survivor(value.0));
        assert!(arena.is_survivor(dropped.0));
        assert_eq!(collect_young(&mut arena, &[value]).freed, 1);
        assert!(arena.try_get(dropped).is_none());
        // The value survived twice: it is old now and needs no root.
        assert_eq!(collect_young(&mut arena, &[]).freed, 0);
        assert_eq!(arena.get(value).label, 1);
    }

    #[test]
    fn a_promoted_value_keeps_its_younger_children_alive() {
        let mut arena = Arena::new();
        let parent = node(&mut arena, 1);
        collect_young(&mut arena, &[parent]);
        // The parent is a survivor; it gets a young child, then is promoted while the child
        // only becomes a survivor. No root refers to either after that.
        let child = node(&mut arena, 2);
        arena.get_mut(parent).children.push(child);
        collect_young(&mut arena, &[parent]);
        assert!(!arena.is_survivor(parent.0));
        assert!(arena.is_survivor(child.0));
        for _ in 0..3 {
            collect_young(&mut arena, &[]);
            assert_eq!(arena.get(child).label, 2);
            assert_reachable_slots_are_occupied(&arena, &[parent]);
        }
    }

    #[test]
    fn a_remembered_value_written_in_successive_intervals_keeps_each_new_child() {
        let mut arena = Arena::new();
        let old = node(&mut arena, 0);
        collect(&mut arena, &[old]);
        let mut children = Vec::new();
        for label in 1..=6 {
            let child = node(&mut arena, label);
            arena.get_mut(old).children.push(child);
            children.push(child);
            collect_young(&mut arena, &[]);
            assert_reachable_slots_are_occupied(&arena, &[old]);
        }
        for (position, child) in children.iter().enumerate() {
            assert_eq!(arena.get(*child).label, position as u32 + 1);
        }
        // Dropping all children but the first makes five of them garbage. The last one is
        // still a survivor, which a young collection frees; the other four are old by now,
        // and only a full collection frees them.
        arena.get_mut(old).children.truncate(1);
        assert_eq!(collect_young(&mut arena, &[]).freed, 1);
        assert_eq!(collect(&mut arena, &[old]).freed, 4);
    }

    #[test]
    fn randomised_mutation_never_lets_a_young_collection_free_a_reachable_value() {
        // A deterministic pseudo-random mix of allocations, stores into old and young values,
        // drops, young and full collections; after every young collection a full marking
        // must not reach a free slot.
        let mut state = 0x9e37_79b9_u32;
        let mut next = move |bound: u32| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state % bound
        };
        let mut arena = Arena::new();
        let root = node(&mut arena, 0);
        let mut known = vec![root];
        for step in 0..3000u32 {
            match next(10) {
                0..=3 => {
                    let value = node(&mut arena, step);
                    let parent = known[next(known.len() as u32) as usize];
                    arena.get_mut(parent).children.push(value);
                    known.push(value);
                }
                4..=5 => {
                    let parent = known[next(known.len() as u32) as usize];
                    let child = known[next(known.len() as u32) as usize];
                    arena.get_mut(parent).children.push(child);
                }
                6 => {
                    let parent = known[next(known.len() as u32) as usize];
                    arena.get_mut(parent).children.clear();
                }
                7..=8 => {
                    collect_young(&mut arena, &[root]);
                    assert_reachable_slots_are_occupied(&arena, &[root]);
                    known.retain(|handle| arena.try_get(*handle).is_some());
                }
                _ => {
                    collect(&mut arena, &[root]);
                    known.retain(|handle| arena.try_get(*handle).is_some());
                }
            }
            if known.is_empty() {
                known.push(root);
            }
        }
        assert!(arena.live_count() >= 1);
    }
}
