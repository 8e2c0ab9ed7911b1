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

    /// True when the slot was marked in the current cycle (pushed since the last sweep).
    pub fn is_marked(&self, space: u8, index: u32) -> bool {
        self.marks[space as usize].get(index as usize)
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
#[derive(Debug)]
pub struct Arena<T> {
    slots: Vec<Option<T>>,
    occupied: SlotBits,
    free_list: Vec<u32>,
    live_count: usize,
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
    #[inline]
    pub fn get_mut<H: GcHandle>(&mut self, handle: H) -> &mut T {
        match self.slots.get_mut(handle.index() as usize) {
            Some(Some(value)) => value,
            _ => dangling_handle(H::SPACE, handle.index()),
        }
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
    pub fn sweep(&mut self, marks: &mut SlotBits, mut on_free: impl FnMut(T)) -> SweepOutcome {
        let mut outcome = SweepOutcome::default();
        // Highest words first, so the free list (a stack) hands out low indices first.
        for word_index in (0..self.occupied.words.len()).rev() {
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
    /// Number of completed collections.
    pub collections: u64,
    /// Objects (of all spaces) that survived the last collection.
    pub live_after_last_collection: usize,
    /// Objects freed by all collections together.
    pub total_freed: u64,
    /// Allocations made over the heap's lifetime.
    pub total_allocations: u64,
}

/// Allocation-debt accounting: decides when a collection is worth running.
///
/// Every allocation adds its approximate size in bytes to the debt. When the debt exceeds the
/// threshold, [`GcAccounting::should_collect`] returns true. After a collection, the threshold
/// is set to `max(MIN_THRESHOLD, live_bytes * GROWTH_PERCENT / 100)`, so heaps with many
/// live objects collect proportionally less often (amortised linear cost).
#[derive(Clone, Debug)]
pub struct GcAccounting {
    /// A `Cell` so that code holding only `&Heap` (lazy rope flattening behind `Vm::string`)
    /// can still charge the buffers it allocates.
    bytes_since_collection: Cell<usize>,
    threshold_bytes: usize,
    statistics: GcStatistics,
}

impl Default for GcAccounting {
    fn default() -> Self {
        GcAccounting::new()
    }
}

impl GcAccounting {
    /// Lower bound on the debt threshold: below this, collecting is not worth it.
    ///
    /// Measured (release build, median of 3, CPU / peak RSS): lowering the floor from 8 MiB
    /// to 2 MiB costs no measurable CPU on any benchmark (a collection of a small live heap
    /// is cheap) and cuts the peak RSS of small-heap programs, e.g. closures.js 15 -> 8 MiB,
    /// richards-like.js 14 -> 7 MiB, objects.js 17 -> 10 MiB.
    pub const MIN_THRESHOLD_BYTES: usize = 2 * 1024 * 1024;
    /// How much of the live size may be allocated before the next collection, in percent, so
    /// the heap peaks at about `(1 + GROWTH_PERCENT / 100) * live`.
    ///
    /// Measured with the live size counted for real (string contents and object vectors
    /// included): factor 2 -> 1 cut peak RSS of stress-test.ts 42 -> 29 MiB, json.js
    /// 51 -> 36 MiB, arrays.js 59 -> 49 MiB, at a CPU cost only on json.js (0.37 -> 0.43 s,
    /// it keeps a large live heap). Factor 1 -> 0.5 (2026-12-07, after marking on push made
    /// marking cheaper, docs/PERFORMANCE.md "Peak RSS: binary layout and cheaper marking"):
    /// stress-test.ts 22.9 -> 18.1 MiB peak RSS for about 4% more of its instructions, while
    /// json.js, strings.js and arrays.js (callgrind) stay at or below their counts with the old
    /// marking at factor 1; 0.75 and 0.6 gave 20.4 and 19.2 MiB.
    pub const GROWTH_PERCENT: usize = 50;

    /// Fresh accounting with the minimum threshold.
    pub fn new() -> GcAccounting {
        GcAccounting {
            bytes_since_collection: Cell::new(0),
            threshold_bytes: Self::MIN_THRESHOLD_BYTES,
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
        cfg!(feature = "gc-stress") || self.bytes_since_collection.get() >= self.threshold_bytes
    }

    /// Records a finished collection: resets the debt and grows the threshold with the live size.
    pub fn note_collection(
        &mut self,
        live_objects: usize,
        freed_objects: usize,
        live_bytes: usize,
    ) {
        self.bytes_since_collection.set(0);
        self.threshold_bytes =
            Self::MIN_THRESHOLD_BYTES.max(live_bytes.saturating_mul(Self::GROWTH_PERCENT) / 100);
        self.statistics.collections += 1;
        self.statistics.live_after_last_collection = live_objects;
        self.statistics.total_freed += freed_objects as u64;
    }

    /// Current debt in bytes.
    pub fn bytes_since_collection(&self) -> usize {
        self.bytes_since_collection.get()
    }

    /// Current threshold in bytes.
    pub fn threshold_bytes(&self) -> usize {
        self.threshold_bytes
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
        arena.sweep(tracer.marks_mut(0), |_| {})
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
        assert_eq!(arena.sweep(tracer.marks_mut(0), |_| {}).live, 1);
        assert!(!tracer.is_marked(0, root.0));
        // A second collection without roots must now free it.
        assert_eq!(collect(&mut arena, &[]).freed, 1);
    }

    #[test]
    fn sweep_hands_freed_values_to_the_callback() {
        let mut arena = Arena::new();
        node(&mut arena, 7);
        let mut freed_labels = Vec::new();
        arena.sweep(&mut SlotBits::default(), |value: Node| {
            freed_labels.push(value.label)
        });
        assert_eq!(freed_labels, vec![7]);
    }

    #[test]
    fn accounting_threshold_grows_with_live_size() {
        let mut accounting = GcAccounting::new();
        accounting.note_allocation(100);
        assert_eq!(accounting.bytes_since_collection(), 100);
        if !cfg!(feature = "gc-stress") {
            assert!(!accounting.should_collect());
        }
        accounting.note_extra_bytes(GcAccounting::MIN_THRESHOLD_BYTES);
        assert!(accounting.should_collect());
        accounting.note_collection(10, 5, 64 * 1024 * 1024);
        assert_eq!(accounting.bytes_since_collection(), 0);
        assert_eq!(
            accounting.threshold_bytes(),
            64 * 1024 * 1024 * GcAccounting::GROWTH_PERCENT / 100
        );
        assert_eq!(accounting.statistics().collections, 1);
        assert_eq!(accounting.statistics().total_freed, 5);
        accounting.note_collection(1, 0, 10);
        assert_eq!(
            accounting.threshold_bytes(),
            GcAccounting::MIN_THRESHOLD_BYTES
        );
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
        arena.sweep(tracer.marks_mut(0), |_| {});
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
            let outcome = arena.sweep(tracer.marks_mut(0), |_| {});
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
}
