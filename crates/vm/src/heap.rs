//! The VM heap: one typed GC arena per kind of heap value, plus allocation accounting.
//!
//! Collection (`Vm::collect_garbage` in realm.rs) pushes the roots onto a `Tracer`, then calls
//! [`Heap::mark_from`] to drain the worklist and [`Heap::sweep`] to free unreachable values.
//! The heap is non-moving: handles stay valid as long as the value is reachable, so native code
//! only needs to *root* values it holds across a safepoint, never update them.

use tseval_gc::{Arena, GcAccounting, Tracer};

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
    pub fn mark_from(&mut self, tracer: &mut Tracer) {
        let mut live_bytes = 0;
        for shape in &self.pinned_shapes {
            tracer.push(*shape);
        }
        while let Some((space, index)) = tracer.pop_any() {
            live_bytes += match space {
                // Strings are traced: unflattened ropes refer to their pieces.
                spaces::STRINGS => self.strings.trace_marked(index, tracer),
                spaces::SYMBOLS => self.symbols.trace_marked(index, tracer),
                spaces::OBJECTS => self.objects.trace_marked(index, tracer),
                spaces::BIGINTS => self.bigints.trace_marked(index, tracer),
                spaces::ENVIRONMENTS => self.environments.trace_marked(index, tracer),
                spaces::SHAPES => self.shapes.trace_marked(index, tracer),
                _ => 0,
            };
        }
        self.live_bytes_during_marking += live_bytes;
    }

    /// Frees every value the tracer did not mark, recycles environment buffers, clears the
    /// tracer's marks, and updates the accounting. Returns the live counts.
    pub fn sweep(&mut self, tracer: &mut Tracer) -> HeapCounts {
        let strings = self.strings.sweep(tracer.marks_mut(spaces::STRINGS), drop);
        let symbols = self.symbols.sweep(tracer.marks_mut(spaces::SYMBOLS), drop);
        let objects = self.objects.sweep(tracer.marks_mut(spaces::OBJECTS), drop);
        let bigints = self.bigints.sweep(tracer.marks_mut(spaces::BIGINTS), drop);
        let pool = &mut self.env_slot_pool;
        let environments = self
            .environments
            .sweep(tracer.marks_mut(spaces::ENVIRONMENTS), |env: Env| {
                pool.give_back(env.slots)
            });
        let shapes = self.shapes.sweep(tracer.marks_mut(spaces::SHAPES), drop);
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
        self.accounting.note_collection(live, freed, live_bytes);
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
