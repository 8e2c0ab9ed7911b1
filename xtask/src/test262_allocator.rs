//! The global allocator of xtask: the system allocator plus a guard for test262 worker threads.
//!
//! The test262 runner executes the engine in process, and some tests ask the engine for absurd
//! amounts of memory (`new Array(2 ** 32 - 1).toReversed()`). When the engine forwards such a
//! length to `Vec::with_capacity`, the failed allocation aborts the whole process (stable Rust
//! has no way to turn an allocation failure into a panic), which would end the run. So on
//! threads registered as test262 workers ([`register_worker_thread`]) this allocator:
//!
//! - refuses any single allocation larger than [`SINGLE_ALLOCATION_LIMIT`] by putting the
//!   thread to sleep forever instead of allocating, after raising the worker's
//!   [`allocation_refused`] flag. The runner's watchdog sees the flag, records the test as
//!   failed ("out of memory") and starts a replacement worker; the sleeping thread costs
//!   nothing but the memory it already holds.
//! - puts a worker to sleep at its next allocation once the watchdog abandoned it
//!   ([`abandon_worker`]), so a thread stuck in a long native loop stops competing for the CPU
//!   as soon as it allocates.
//!
//! Every other thread (and every other xtask command) goes straight to the system allocator.
//! The check costs one thread-local read per allocation.
//!
//! `unsafe`: implementing `GlobalAlloc` is unsafe by definition; every method forwards to
//! `System` with the caller's arguments unchanged, so `System`'s contract is the invariant.
//! Sleeping inside the allocator is allowed (it neither unwinds nor returns a bad pointer).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The largest single allocation a test262 worker may make: 1 GiB. No conformance test needs
/// anything close; requests above it come from lengths near 2^32 or 2^53 passed to a `Vec`.
pub const SINGLE_ALLOCATION_LIMIT: usize = 1 << 30;

/// How many worker slots the guard tracks (the watchdog numbers replacement workers on; a
/// slot beyond this is simply not guarded).
pub const MAX_GUARDED_WORKERS: usize = 1024;

static ALLOCATION_REFUSED: [AtomicBool; MAX_GUARDED_WORKERS] =
    [const { AtomicBool::new(false) }; MAX_GUARDED_WORKERS];
static WORKER_ABANDONED: [AtomicBool; MAX_GUARDED_WORKERS] =
    [const { AtomicBool::new(false) }; MAX_GUARDED_WORKERS];

thread_local! {
    /// The worker slot of this thread, or `usize::MAX` for unguarded threads. A `const`
    /// initialiser without destructor: reading it never allocates.
    static WORKER_SLOT: Cell<usize> = const { Cell::new(usize::MAX) };
}

/// Marks the current thread as test262 worker `slot` (guarded from now on).
pub fn register_worker_thread(slot: usize) {
    if slot < MAX_GUARDED_WORKERS {
        WORKER_SLOT.with(|current| current.set(slot));
    }
}

/// Whether worker `slot` asked for more than [`SINGLE_ALLOCATION_LIMIT`] and now sleeps.
pub fn allocation_refused(slot: usize) -> bool {
    slot < MAX_GUARDED_WORKERS && ALLOCATION_REFUSED[slot].load(Ordering::Relaxed)
}

/// Tells worker `slot` to sleep at its next allocation.
pub fn abandon_worker(slot: usize) {
    if slot < MAX_GUARDED_WORKERS {
        WORKER_ABANDONED[slot].store(true, Ordering::Relaxed);
    }
}

/// The system allocator with the test262 worker guard.
pub struct GuardedAllocator;

#[global_allocator]
static GLOBAL: GuardedAllocator = GuardedAllocator;

fn sleep_forever() -> ! {
    loop {
        // `thread::sleep` is a plain system call: it does not allocate.
        std::thread::sleep(Duration::from_secs(3600));
    }
}

/// Applies the guard to an allocation of `size` bytes on the current thread.
#[inline]
fn guard(size: usize) {
    let slot = WORKER_SLOT.try_with(Cell::get).unwrap_or(usize::MAX);
    if slot >= MAX_GUARDED_WORKERS {
        return;
    }
    if size > SINGLE_ALLOCATION_LIMIT {
        ALLOCATION_REFUSED[slot].store(true, Ordering::Relaxed);
        sleep_forever();
    }
    if WORKER_ABANDONED[slot].load(Ordering::Relaxed) {
        sleep_forever();
    }
}

// SAFETY: every method forwards to `System` unchanged (see the module documentation).
unsafe impl GlobalAlloc for GuardedAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        guard(layout.size());
        // SAFETY: same layout contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        guard(layout.size());
        // SAFETY: same layout contract as the caller's.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: `pointer` was allocated by `System` with `layout`.
        unsafe { System.dealloc(pointer, layout) }
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        guard(new_size);
        // SAFETY: `pointer` was allocated by `System` with `layout`.
        unsafe { System.realloc(pointer, layout, new_size) }
    }
}
