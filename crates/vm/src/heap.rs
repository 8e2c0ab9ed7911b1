//! The VM heap: one typed GC arena per kind of heap value, plus allocation accounting.
//!
//! Collection (`Vm::collect_garbage` in realm.rs) pushes the roots onto a `Tracer`, then calls
//! [`Heap::mark_from`] to drain the worklist and [`Heap::sweep`] to free unreachable values.
//! The heap is non-moving: handles stay valid as long as the value is reachable, so native code
//! only needs to *root* values it holds across a safepoint, never update them.

use tseval_gc::{Arena, CollectionKind, GcAccounting, Tracer};

use crate::atom::Symbol;
use crate::env::{Env, EnvSlotPool};
use crate::object::Object;
use crate::shape::Shape;
use crate::string::JsString;
use crate::value::{BigInt, ShapeId, spaces};

/// Every arena of the VM.
#[derive(Debug, Default)]
pub struct Heap {
    /// String primitives.
    pub strings: Arena<JsString>,
    /// Symbol primitives.
    pub symbols: Arena<Symbol>,
    /// Objects of every kind.
    pub objects: Arena<Object>,
    /// BigInt primitives.
    pub bigints: Arena<BigInt>,
    /// Environment records of captured bindings.
    pub environments: Arena<Env>,
    /// Shapes (hidden classes).
    pub shapes: Arena<Shape>,
    /// Recycled environment slot buffers.
    pub env_slot_pool: EnvSlotPool,
    /// Allocation debt and statistics.
    pub accounting: GcAccounting,
    /// Bytes found live by the current marking (reset by the sweep).
    pub live_bytes_during_marking: usize,
    /// Bytes of the survivors the current young collection's marking found alive, which its
    /// sweep promotes to the old generation (reset by the sweep).
    pub promoted_bytes_during_marking: usize,
    /// Bytes of the remembered values the current young collection traced (reset by the
    /// sweep).
    pub remembered_bytes_during_marking: usize,
    /// The marking worklists and mark bitmaps, kept from one collection to the next so they
    /// do not grow from empty (and get freed) every time: on stress-test.ts growing and
    /// freeing them was ~12 M of the collector's 195 M instructions, most of it glibc
    /// consolidating its free lists when the large worklist blocks were freed. Taken out by
    /// `Vm::collect_garbage` for the duration of a collection.
    pub tracer: Tracer,
    /// Set while the realm's built-ins are installed: properties added to an object then go
    /// into a private dictionary shape, frozen at the end by
    /// [`Heap::freeze_setup_dictionaries`] (shape.rs explains why).
    pub building_realm: bool,
    /// Shapes that are never freed (the frozen shapes of the built-in objects), traced as
    /// roots by [`Heap::mark_from`].
    pub pinned_shapes: Vec<ShapeId>,
    /// The dictionary shapes created while [`Heap::building_realm`] was set, frozen by
    /// [`Heap::freeze_recorded_setup_dictionaries`] when a deferred built-in global was
    /// created (`crate::lazy_globals`).
    pub setup_dictionaries: Vec<ShapeId>,
}

/// The space numbers of the heap's arenas, in the order `with_arena!` lists them.
const ARENA_SPACES: [u8; 6] = [
    spaces::STRINGS,
    spaces::SYMBOLS,
    spaces::OBJECTS,
    spaces::BIGINTS,
    spaces::ENVIRONMENTS,
    spaces::SHAPES,
];

/// Evaluates `$body` with `$arena` bound to the heap's arena of space `$space`, or
/// `$otherwise` when no arena has that number. With `ARENA_SPACES`, the one place that maps
/// space numbers to arenas, so code that visits every arena does not list them again (only
/// [`Heap::sweep`] names them, for the counts and the environment buffers' recycling).
macro_rules! with_arena {
    ($heap:expr, $space:expr, $arena:ident => $body:expr, $otherwise:expr) => {
        match $space {
            spaces::STRINGS => {
                let $arena = &$heap.strings;
                $body
            }
            spaces::SYMBOLS => {
                let $arena = &$heap.symbols;
                $body
            }
            spaces::OBJECTS => {
                let $arena = &$heap.objects;
                $body
            }
            spaces::BIGINTS => {
                let $arena = &$heap.bigints;
                $body
            }
            spaces::ENVIRONMENTS => {
                let $arena = &$heap.environments;
                $body
            }
            spaces::SHAPES => {
                let $arena = &$heap.shapes;
                $body
            }
            _ => $otherwise,
        }
    };
}

/// Live-object counts after a collection (for statistics and tests).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HeapCounts {
    /// Live strings.
    pub strings: usize,
    /// Live symbols.
    pub symbols: usize,
    /// Live objects.
    pub objects: usize,
    /// Live BigInts.
    pub bigints: usize,
    /// Live environments.
    pub environments: usize,
    /// Live shapes.
    pub shapes: usize,
}

impl Heap {
    /// An empty heap, with arenas pre-sized for a realm.
    ///
    /// Performance decision: realm setup (`Vm::new`) creates 179 strings, 141 objects and 73
    /// shapes, and `console` (read by almost every program, created on first use like the
    /// other self-contained namespaces, see `crate::lazy_globals`) 15 strings, 18 objects and
    /// one shape more (counted 2026-12-07; most shapes are the frozen shapes of built-in
    /// objects, see [`Heap::freeze_setup_dictionaries`]; the test
    /// `realm_setup_fits_the_arena_reservations` keeps the reservations above them). Growing
    /// the arenas by doubling from empty allocated every intermediate vector too; reserving a
    /// little more than the realm needs allocates each vector once, with headroom for a small
    /// program before the first doubling. (Before the deferred globals and the shared
    /// built-in function names the realm had 1087 strings and 644 objects, and the
    /// reservations were 1280 / 768 / 192; before the contents of the intrinsic constructors
    /// and prototypes were installed on first use, `crate::deferred_contents`, the realm had
    /// 459 strings, 505 objects and 104 shapes, and the reservations were 576 / 576 / 128;
    /// then 224 / 192 / 96 until the headroom was cut to about 15 slots each, 3.2 KB less
    /// for every program, on the way to fib(30)'s < 100 KB total.)
    pub fn new() -> Heap {
        Heap {
            strings: Arena::with_capacity(Heap::REALM_STRING_RESERVATION),
            symbols: Arena::with_capacity(16),
            objects: Arena::with_capacity(Heap::REALM_OBJECT_RESERVATION),
            shapes: Arena::with_capacity(Heap::REALM_SHAPE_RESERVATION),
            ..Heap::default()
        }
    }

    /// String slots reserved for realm setup (see [`Heap::new`]; a test checks the realm
    /// fits).
    pub const REALM_STRING_RESERVATION: usize = 208;
    /// Object slots reserved for realm setup.
    pub const REALM_OBJECT_RESERVATION: usize = 176;
    /// Shape slots reserved for realm setup.
    pub const REALM_SHAPE_RESERVATION: usize = 88;

    /// Drains the tracer, marking and tracing every reachable value. Iterative: never recurses.
    /// Adds the approximate size of every newly marked value to `live_bytes_during_marking`,
    /// which [`Heap::sweep`] hands to the accounting.
    ///
    /// In a young collection it also adds the sizes of the marked survivors, which the sweep
    /// promotes, to `promoted_bytes_during_marking`.
    pub fn mark_from(&mut self, tracer: &mut Tracer, kind: CollectionKind) {
        let mut live_bytes = 0;
        let mut promoted_bytes = 0;
        let young = kind == CollectionKind::Young;
        for shape in &self.pinned_shapes {
            tracer.push(*shape);
        }
        while let Some((space, index)) = tracer.pop_any() {
            // Strings are traced too: unflattened ropes refer to their pieces. One dispatch
            // on the space gives the size and, in a young collection, whether it is promoted.
            let (bytes, promoted) = with_arena!(
                self,
                space,
                arena => (
                    arena.trace_marked(index, tracer),
                    young && arena.is_survivor(index)
                ),
                (0, false)
            );
            live_bytes += bytes;
            if promoted {
                promoted_bytes += bytes;
            }
        }
        self.live_bytes_during_marking += live_bytes;
        self.promoted_bytes_during_marking += promoted_bytes;
    }

    /// Starts the marking of a young collection, before any root is pushed: marks every old
    /// value (so marking stops there and the sweep keeps them), then traces the remembered
    /// values, the old ones that may refer to younger ones (`Arena::sweep` says which). Their
    /// sizes are not counted as live (they are old already) but as the remembered set's
    /// tracing cost, which sizes the next nursery (see `GcAccounting::note_collection`).
    pub fn begin_young_marking(&mut self, tracer: &mut Tracer) {
        for space in ARENA_SPACES {
            with_arena!(self, space, arena => arena.load_old_marks(tracer.marks_mut(space)), ());
        }
        let mut remembered_bytes = 0;
        for space in ARENA_SPACES {
            remembered_bytes +=
                with_arena!(self, space, arena => trace_remembered(arena, space, tracer), 0);
        }
        self.remembered_bytes_during_marking = remembered_bytes;
    }

    /// The first free slot a finished marking reached, as `(space, index)`: a handle that
    /// was followed after its value had been freed. Used to check young collections under
    /// `gc-stress` (a missed remembered value shows up here).
    pub fn first_marked_free_slot(&self, tracer: &mut Tracer) -> Option<(u8, u32)> {
        ARENA_SPACES.into_iter().find_map(|space| {
            with_arena!(self, space, arena => arena.first_marked_free_slot(tracer.marks_mut(space)), None)
                .map(|index| (space, index))
        })
    }

    /// Frees every value the tracer did not mark, recycles environment buffers, clears the
    /// tracer's marks, and updates the accounting. Returns the live counts.
    pub fn sweep(&mut self, tracer: &mut Tracer, kind: CollectionKind) -> HeapCounts {
        let strings = self
            .strings
            .sweep(tracer.marks_mut(spaces::STRINGS), kind, drop);
        let symbols = self
            .symbols
            .sweep(tracer.marks_mut(spaces::SYMBOLS), kind, drop);
        let objects = self
            .objects
            .sweep(tracer.marks_mut(spaces::OBJECTS), kind, drop);
        let bigints = self
            .bigints
            .sweep(tracer.marks_mut(spaces::BIGINTS), kind, drop);
        let pool = &mut self.env_slot_pool;
        let environments =
            self.environments
                .sweep(tracer.marks_mut(spaces::ENVIRONMENTS), kind, |env: Env| {
                    pool.give_back(env.slots)
                });
        let shapes = self
            .shapes
            .sweep(tracer.marks_mut(spaces::SHAPES), kind, drop);
        let counts = HeapCounts {
            strings: strings.live,
            symbols: symbols.live,
            objects: objects.live,
            bigints: bigints.live,
            environments: environments.live,
            shapes: shapes.live,
        };
        let live = counts.strings
            + counts.symbols
            + counts.objects
            + counts.bigints
            + counts.environments
            + counts.shapes;
        let freed = strings.freed
            + symbols.freed
            + objects.freed
            + bigints.freed
            + environments.freed
            + shapes.freed;
        // The live size was measured while marking (slots plus owned buffers: string
        // contents, object slot and element vectors, environment slots, shape tables), so
        // the next threshold scales with what is really retained.
        let live_bytes = std::mem::take(&mut self.live_bytes_during_marking);
        let promoted_bytes = std::mem::take(&mut self.promoted_bytes_during_marking);
        let measured_bytes = match kind {
            CollectionKind::Full => live_bytes,
            CollectionKind::Young => promoted_bytes,
        };
        let remembered_bytes = std::mem::take(&mut self.remembered_bytes_during_marking);
        self.accounting
            .note_collection(kind, live, freed, measured_bytes, remembered_bytes);
        counts
    }

    /// Current live counts (without collecting).
    pub fn counts(&self) -> HeapCounts {
        HeapCounts {
            strings: self.strings.live_count(),
            symbols: self.symbols.live_count(),
            objects: self.objects.live_count(),
            bigints: self.bigints.live_count(),
            environments: self.environments.live_count(),
            shapes: self.shapes.live_count(),
        }
    }
}

/// Marks and traces the remembered values of one arena (see [`Heap::begin_young_marking`]);
/// returns their total size.
fn trace_remembered<T: tseval_gc::Trace>(
    arena: &Arena<T>,
    space: u8,
    tracer: &mut Tracer,
) -> usize {
    let mut bytes = 0;
    for &index in arena.remembered_slots() {
        // Old slots are marked already; the call only matters for a slot freed by hand.
        tracer.mark_without_tracing(space, index);
        bytes += arena.trace_marked(index, tracer);
    }
    bytes
}
