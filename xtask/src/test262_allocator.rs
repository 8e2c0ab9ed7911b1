//! The global allocator of xtask: the system allocator plus a guard for test262 worker threads.
//!
//! The test262 runner executes the engine in process, and some tests ask the engine for absurd
//! amounts of memory (`new Array(2 ** 32 - 1).toReversed()`). When the engine forwards such a
//! length to `Vec::with_capacity`, the failed allocation aborts the whole process (stable Rust
//! has no way to turn an allocation failure into a panic), which would end the run. So on
//! threads registered as test262 workers ([`register_worker_thread`]) this allocator
//! refuses any single allocation larger than [`SINGLE_ALLOCATION_LIMIT`], and any allocation
//! that would take the bytes the thread holds over [`THREAD_LIVE_BYTES_LIMIT`], by putting
//! the thread to sleep forever instead of allocating, after raising the worker's
//! [`allocation_refused`] flag. The watchdog of the worker process sees the flag, records the
//! test as failed ("out of memory") and ends the process so that the supervisor starts a
//! fresh one (see `test262_worker`).
//!
//! Every other thread (and every other xtask command) goes straight to the system allocator.
//! The guard costs a few thread-local reads and writes per allocation. Live bytes are counted
//! on the thread that allocates and on the thread that frees; a realm never leaves its
//! worker thread, so the count is that thread's realm plus its harness cache.
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

/// The most bytes one worker thread may hold: 2 GiB, far above any conformance test's need.
pub const THREAD_LIVE_BYTES_LIMIT: isize = 2 << 30;

/// How many worker threads the guard tracks (a slot beyond this is simply not guarded).
pub const MAX_GUARDED_WORKERS: usize = 1024;

static ALLOCATION_REFUSED: [AtomicBool; MAX_GUARDED_WORKERS] =
    [const { AtomicBool::new(false) }; MAX_GUARDED_WORKERS];

thread_local! {
    /// The worker slot of this thread, or `usize::MAX` for unguarded threads. A `const`
    /// initialiser without destructor: reading it never allocates.
    static WORKER_SLOT: Cell<usize> = const { Cell::new(usize::MAX) };
    /// Bytes allocated minus bytes freed on this thread (only maintained on worker threads).
    static LIVE_BYTES: Cell<isize> = const { Cell::new(0) };
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

/// Applies the guard to a change of `growth` bytes (positive: allocation) on the current
/// thread, whose largest single block is `size` bytes.
#[inline]
fn guard(size: usize, growth: isize) {
    let slot = WORKER_SLOT.try_with(Cell::get).unwrap_or(usize::MAX);
    if slot >= MAX_GUARDED_WORKERS {
        return;
    }
    let live = LIVE_BYTES.try_with(Cell::get).unwrap_or(0) + growth;
    if growth > 0 && (size > SINGLE_ALLOCATION_LIMIT || live > THREAD_LIVE_BYTES_LIMIT) {
        ALLOCATION_REFUSED[slot].store(true, Ordering::Relaxed);
        sleep_forever();
    }
    let _ = LIVE_BYTES.try_with(|bytes| bytes.set(live));
}

// SAFETY: every method forwards to `System` unchanged (see the module documentation).
unsafe impl GlobalAlloc for GuardedAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        guard(layout.size(), layout.size() as isize);
        // SAFETY: same layout contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        guard(layout.size(), layout.size() as isize);
        // SAFETY: same layout contract as the caller's.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        guard(0, -(layout.size() as isize));
        // SAFETY: `pointer` was allocated by `System` with `layout`.
        unsafe { System.dealloc(pointer, layout) }
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        guard(new_size, new_size as isize - layout.size() as isize);
        // SAFETY: `pointer` was allocated by `System` with `layout`.
        unsafe { System.realloc(pointer, layout, new_size) }
    }
}
