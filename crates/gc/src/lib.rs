//! A precise mark-and-sweep heap built from typed slab arenas.
//!
//! The crate is deliberately generic: it knows nothing about JavaScript. A client (the VM)
//! keeps one [`Arena`] per heap-allocated type, identifies each arena by a small "space" number,
//! and names values by `u32` handles (see [`GcHandle`]). Collection is driven by the client:
//!
//! 1. Push every root handle onto a [`Tracer`] (`tracer.push(handle)`).
//! 2. Drain the tracer: for each `(space, index)` popped, mark the slot in the matching arena
//!    (`arena.mark(index)`); if it was not marked before, call `Trace::trace` on the value so it
//!    pushes its children. The worklist is explicit, so tracing never recurses and deep object
//!    graphs (a linked list of a million nodes) cannot overflow the native stack.
//! 3. Sweep every arena (`arena.sweep(...)`): unmarked slots are freed and put on the free list,
//!    and all mark bits are cleared for the next cycle.
//!
//! Performance decisions:
//! - Handles are `u32` indices, so a handle is 4 bytes and a JS `Value` fits in 16 bytes.
//! - Slots are reused through a free list. A sweep pushes freed indices from the highest to the
//!   lowest, so later allocations refill the arena from its low end (dense, cache-friendly).
//! - Mark bits and "slot occupied" bits live in two plain `u64` word bitmaps ([`SlotBits`])
//!   beside the slots. A sweep then works a word (64 slots) at a time: `occupied & !marked` are
//!   the dead slots, and only those are touched; live slots are never read by the sweep, and
//!   clearing the marks is a word store. (The first version used `bitvec` with per-bit proxy
//!   access and a walk over every slot: on strings.js the bit accesses alone were ~15% of all
//!   instructions.) Marking tests the occupied bitmap instead of reading the slot.
//! - Marking measures the live heap: [`Arena::mark_and_trace`] returns each newly marked value's
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

/// The explicit marking worklist: one stack of raw indices per space.
///
/// Performance decision: a push equal to the previous push of the same space is dropped (the
/// earlier entry marks it). Every object pushes its shape and prototype, and neighbouring
/// objects usually share both, so this keeps the worklist from growing to one entry per
/// object for values that are already marked (on gc-stress.js the shape pushes alone were
/// 10 MiB of worklist).
#[derive(Debug)]
pub struct Tracer {
    worklists: [Vec<u32>; MAX_SPACES],
    last_pushed: [u32; MAX_SPACES],
    /// A cursor so `pop_any` does not rescan empty spaces from zero every time.
    next_space_hint: usize,
}

impl Default for Tracer {
    fn default() -> Self {
        Tracer {
            worklists: Default::default(),
            last_pushed: [u32::MAX; MAX_SPACES],
            next_space_hint: 0,
        }
    }
}

impl Tracer {
    /// Creates an empty tracer.
    pub fn new() -> Tracer {
        Tracer::default()
    }

    /// Schedules a handle for marking.
    #[inline]
    pub fn push<H: GcHandle>(&mut self, handle: H) {
        self.push_raw(H::SPACE, handle.index());
    }

    /// Schedules a raw `(space, index)` pair for marking.
    #[inline]
    pub fn push_raw(&mut self, space: u8, index: u32) {
        let space = space as usize;
        if self.last_pushed[space] != index {
            self.last_pushed[space] = index;
            self.worklists[space].push(index);
        }
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

    /// True when no handle is waiting to be marked.
    pub fn is_empty(&self) -> bool {
        self.worklists.iter().all(|worklist| worklist.is_empty())
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
/// Freed slots are put on a free list and reused by later allocations. Mark bits and occupied
/// bits are stored separately in word bitmaps.
#[derive(Debug)]
pub struct Arena<T> {
    slots: Vec<Option<T>>,
    occupied: SlotBits,
    marks: SlotBits,
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
            marks: SlotBits::default(),
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
        self.marks.ensure(index);
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

    /// Sets the mark bit of a slot; returns true when it was not set before (the caller must
    /// then trace the value). Marking a free or out-of-range slot returns false.
    #[inline]
    pub fn mark(&mut self, index: u32) -> bool {
        let index = index as usize;
        if !self.occupied.get(index) || self.marks.get(index) {
            return false;
        }
        self.marks.set(index);
        true
    }

    /// True when the slot is marked in the current cycle.
    pub fn is_marked(&self, index: u32) -> bool {
        self.marks.get(index as usize)
    }

    /// Frees every unmarked occupied slot (handing the value to `on_free`, which may recycle
    /// its buffers) and clears all mark bits. Works a bitmap word at a time and reads only the
    /// dead slots (see the module documentation).
    pub fn sweep(&mut self, mut on_free: impl FnMut(T)) -> SweepOutcome {
        let mut outcome = SweepOutcome::default();
        // Highest words first, so the free list (a stack) hands out low indices first.
        for word_index in (0..self.occupied.words.len()).rev() {
            let occupied = self.occupied.words[word_index];
            let marked = self.marks.words[word_index];
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
            self.marks.words[word_index] = 0;
        }
        self.live_count = outcome.live;
        outcome
    }

    /// Explicitly frees one slot (for values whose lifetime the client manages by hand).
    pub fn free<H: GcHandle>(&mut self, handle: H) -> Option<T> {
        let index = handle.index() as usize;
        let value = self.slots.get_mut(index)?.take()?;
        self.occupied.clear(index);
        self.marks.clear(index);
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
    /// Marks the slot and, when newly marked, traces the value. This is the body of the
    /// client's drain loop for this arena. Returns the approximate size in bytes of the value
    /// when it was newly marked (its slot plus [`Trace::external_bytes`]), else 0; the sum
    /// over a marking is the live heap size.
    #[inline]
    pub fn mark_and_trace(&mut self, index: u32, tracer: &mut Tracer) -> usize {
        if self.mark(index)
            && let Some(Some(value)) = self.slots.get(index as usize)
        {
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
/// is set to `max(MIN_THRESHOLD, live_bytes * GROWTH_FACTOR)`, so heaps with many live objects
/// collect proportionally less often (amortised linear cost).
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
    /// How many times the live size may be allocated before the next collection, so the
    /// heap peaks at about `(1 + GROWTH_FACTOR) * live`.
    ///
    /// Measured with the live size counted for real (string contents and object vectors
    /// included): factor 2 -> 1 cut peak RSS of stress-test.ts 42 -> 29 MiB, json.js
    /// 51 -> 36 MiB, arrays.js 59 -> 49 MiB, at a CPU cost only on json.js (0.37 -> 0.43 s,
    /// it keeps a large live heap); factor 0.5 saved little more memory (24 / 28 MiB) for
    /// more CPU, so 1 is the balance.
    pub const GROWTH_FACTOR: usize = 1;

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
            Self::MIN_THRESHOLD_BYTES.max(live_bytes.saturating_mul(Self::GROWTH_FACTOR));
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
            arena.mark_and_trace(index, &mut tracer);
        }
        arena.sweep(|_| {})
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
        collect(&mut arena, &[root]);
        assert!(!arena.is_marked(root.0));
        // A second collection without roots must now free it.
        assert_eq!(collect(&mut arena, &[]).freed, 1);
    }

    #[test]
    fn sweep_hands_freed_values_to_the_callback() {
        let mut arena = Arena::new();
        node(&mut arena, 7);
        let mut freed_labels = Vec::new();
        arena.sweep(|value: Node| freed_labels.push(value.label));
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
            64 * 1024 * 1024 * GcAccounting::GROWTH_FACTOR
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
    fn repeated_pushes_of_the_same_handle_are_dropped_but_marking_still_completes() {
        let mut tracer = Tracer::new();
        tracer.push(NodeHandle(5));
        tracer.push(NodeHandle(5));
        tracer.push(NodeHandle(6));
        tracer.push(NodeHandle(5));
        assert_eq!(tracer.pop_any(), Some((0, 5)));
        assert_eq!(tracer.pop_any(), Some((0, 6)));
        assert_eq!(tracer.pop_any(), Some((0, 5)));
        assert_eq!(tracer.pop_any(), None);
        assert!(tracer.is_empty());
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
    fn marking_reports_the_size_of_newly_marked_values_once() {
        let mut arena: Arena<Blob> = Arena::new();
        let handle: NodeHandle = arena.allocate(Blob(Vec::with_capacity(100)));
        let mut tracer = Tracer::new();
        let first = arena.mark_and_trace(handle.0, &mut tracer);
        assert_eq!(first, std::mem::size_of::<Option<Blob>>() + 100);
        assert_eq!(arena.mark_and_trace(handle.0, &mut tracer), 0);
    }
}
