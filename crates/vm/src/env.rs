//! Environments: heap records holding captured bindings, addressed by (depth, slot).
//!
//! The compiler decides which bindings are captured; only those live here, everything else
//! stays in registers. An environment is `{ parent, slots }`; instructions walk `depth` parent
//! links and index `slots` directly (no name lookup).
//!
//! Performance decisions:
//! - Environment records live in a GC arena whose freed slots are reused.
//! - Their slot buffers are recycled through [`EnvSlotPool`], a per-size free list filled by the
//!   sweeper, so a steady state of creating and dropping environments (a closure per loop
//!   iteration) allocates nothing once the pool is warm.

use tseval_gc::{Trace, Tracer};

use crate::realm::Vm;
use crate::value::{EnvRef, Value, trace_values};

/// A captured-variable environment.
#[derive(Debug)]
pub struct Env {
    /// The enclosing environment (`depth + 1`).
    pub parent: Option<EnvRef>,
    /// The bindings. `Value::Hole` marks a binding in its temporal dead zone.
    pub slots: Box<[Value]>,
}

impl Trace for Env {
    fn trace(&self, tracer: &mut Tracer) {
        if let Some(parent) = self.parent {
            tracer.push(parent);
        }
        trace_values(&self.slots, tracer);
    }

    #[inline]
    fn external_bytes(&self) -> usize {
        std::mem::size_of_val::<[Value]>(&self.slots)
    }
}

/// Per-size free lists of slot buffers, refilled by the sweeper.
#[derive(Debug, Default)]
pub struct EnvSlotPool {
    by_size: Vec<Vec<Box<[Value]>>>,
    /// Buffers handed out from the pool instead of freshly allocated (for tests and stats).
    pub reused_buffers: u64,
}

impl EnvSlotPool {
    /// Buffers larger than this are not pooled (rare; the allocator handles them).
    pub const MAX_POOLED_SIZE: usize = 64;
    /// At most this many spare buffers are kept per size, so a burst does not hoard memory.
    pub const MAX_BUFFERS_PER_SIZE: usize = 4096;

    /// Takes a buffer of exactly `size` slots, filled with `fill`.
    pub fn take(&mut self, size: usize, fill: Value) -> Box<[Value]> {
        if let Some(pool) = self.by_size.get_mut(size)
            && let Some(mut buffer) = pool.pop()
        {
            self.reused_buffers += 1;
            buffer.fill(fill);
            return buffer;
        }
        vec![fill; size].into_boxed_slice()
    }

    /// Returns a buffer to the pool.
    pub fn give_back(&mut self, buffer: Box<[Value]>) {
        let size = buffer.len();
        if size == 0 || size > Self::MAX_POOLED_SIZE {
            return;
        }
        if self.by_size.len() <= size {
            self.by_size.resize_with(size + 1, Vec::new);
        }
        let pool = &mut self.by_size[size];
        if pool.len() < Self::MAX_BUFFERS_PER_SIZE {
            pool.push(buffer);
        }
    }

    /// Number of spare buffers of a size.
    pub fn spare_count(&self, size: usize) -> usize {
        self.by_size.get(size).map_or(0, Vec::len)
    }
}

impl Vm {
    /// Creates an environment with `slot_count` slots set to `fill` (use `Value::Hole` for
    /// `let`/`const` bindings in their TDZ, `Value::Undefined` for `var`s and parameters).
    #[inline]
    pub fn new_env(&mut self, parent: Option<EnvRef>, slot_count: usize, fill: Value) -> EnvRef {
        let slots = self.heap.env_slot_pool.take(slot_count, fill);
        self.heap.accounting.note_allocation(
            std::mem::size_of::<Env>() + slot_count * std::mem::size_of::<Value>(),
        );
        self.heap.environments.allocate(Env { parent, slots })
    }

    /// The environment behind a handle.
    #[inline]
    pub fn env(&self, env: EnvRef) -> &Env {
        self.heap.environments.get(env)
    }

    /// The environment behind a handle, mutably.
    #[inline]
    pub fn env_mut(&mut self, env: EnvRef) -> &mut Env {
        self.heap.environments.get_mut(env)
    }

    /// Walks `depth` parent links from `env` (depth 0 is `env` itself). Returns `None` when
    /// the chain is shorter (a compiler bug; the caller turns it into an internal error).
    #[inline]
    pub fn env_at_depth(&self, mut env: EnvRef, depth: u32) -> Option<EnvRef> {
        for _ in 0..depth {
            env = self.heap.environments.get(env).parent?;
        }
        Some(env)
    }

    /// Reads slot `slot` of the environment `depth` levels up.
    #[inline]
    pub fn env_get(&self, env: EnvRef, depth: u32, slot: u32) -> Option<Value> {
        let target = self.env_at_depth(env, depth)?;
        self.heap
            .environments
            .get(target)
            .slots
            .get(slot as usize)
            .copied()
    }

    /// Writes slot `slot` of the environment `depth` levels up. Returns false when out of range.
    #[inline]
    pub fn env_set(&mut self, env: EnvRef, depth: u32, slot: u32, value: Value) -> bool {
        let Some(target) = self.env_at_depth(env, depth) else {
            return false;
        };
        match self
            .heap
            .environments
            .get_mut(target)
            .slots
            .get_mut(slot as usize)
        {
            Some(cell) => {
                *cell = value;
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pool_reuses_buffers_of_the_same_size() {
        let mut pool = EnvSlotPool::default();
        let buffer = pool.take(3, Value::Undefined);
        pool.give_back(buffer);
        assert_eq!(pool.spare_count(3), 1);
        let reused = pool.take(3, Value::Hole);
        assert_eq!(pool.reused_buffers, 1);
        assert!(reused.iter().all(|value| value.is_hole()));
        assert_eq!(pool.take(4, Value::Undefined).len(), 4);
        assert_eq!(pool.reused_buffers, 1);
    }

    #[test]
    fn steady_state_environment_churn_reuses_slots_and_buffers() {
        let mut vm = Vm::new();
        // Environments are only reachable from frames and closures; none exist here, so all
        // of these die at the next collection.
        for _ in 0..10 {
            vm.new_env(None, 2, Value::Undefined);
        }
        vm.collect_garbage();
        let slots_before = vm.heap.environments.capacity_slots();
        let reused_before = vm.heap.env_slot_pool.reused_buffers;
        for _ in 0..10 {
            vm.new_env(None, 2, Value::Undefined);
        }
        assert_eq!(
            vm.heap.environments.capacity_slots(),
            slots_before,
            "arena slots are reused"
        );
        assert_eq!(
            vm.heap.env_slot_pool.reused_buffers,
            reused_before + 10,
            "slot buffers are reused"
        );
    }

    #[test]
    fn depth_and_slot_addressing() {
        let mut vm = Vm::new();
        let outer = vm.new_env(None, 1, Value::Undefined);
        let inner = vm.new_env(Some(outer), 2, Value::Hole);
        assert!(vm.env_set(inner, 1, 0, Value::Number(5.0)));
        assert_eq!(
            vm.env_get(inner, 1, 0).and_then(Value::as_number),
            Some(5.0)
        );
        assert!(vm.env_get(inner, 0, 1).is_some_and(Value::is_hole));
        assert!(vm.env_get(inner, 2, 0).is_none());
        assert!(!vm.env_set(inner, 0, 9, Value::Null));
    }
}
