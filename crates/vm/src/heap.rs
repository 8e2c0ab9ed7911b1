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
use crate::value::{BigInt, spaces};

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
    /// An empty heap.
    pub fn new() -> Heap {
        Heap::default()
    }

    /// Drains the tracer, marking and tracing every reachable value. Iterative: never recurses.
    pub fn mark_from(&mut self, tracer: &mut Tracer) {
        while let Some((space, index)) = tracer.pop_any() {
            match space {
                // Strings are traced: unflattened ropes refer to their pieces.
                spaces::STRINGS => self.strings.mark_and_trace(index, tracer),
                spaces::SYMBOLS => self.symbols.mark_and_trace(index, tracer),
                spaces::OBJECTS => self.objects.mark_and_trace(index, tracer),
                spaces::BIGINTS => {
                    self.bigints.mark(index);
                }
                spaces::ENVIRONMENTS => self.environments.mark_and_trace(index, tracer),
                spaces::SHAPES => self.shapes.mark_and_trace(index, tracer),
                _ => {}
            }
        }
    }

    /// Frees every unmarked value, recycles environment buffers, clears marks, and updates
    /// the accounting. Returns the live counts.
    pub fn sweep(&mut self) -> HeapCounts {
        let strings = self.strings.sweep(drop);
        let symbols = self.symbols.sweep(drop);
        let objects = self.objects.sweep(drop);
        let bigints = self.bigints.sweep(drop);
        let pool = &mut self.env_slot_pool;
        let environments = self
            .environments
            .sweep(|env: Env| pool.give_back(env.slots));
        let shapes = self.shapes.sweep(drop);
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
        // Approximate live bytes: fixed sizes only (buffers are not walked, to keep sweep cheap).
        let live_bytes = counts.objects * std::mem::size_of::<Object>()
            + counts.strings * (std::mem::size_of::<JsString>() + 16)
            + counts.environments * (std::mem::size_of::<Env>() + 32)
            + counts.shapes * 128;
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
