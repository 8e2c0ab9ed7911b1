//! Startup must stay small: creating a realm, compiling and running `fib(20)` (which reads
//! `console`, so one deferred global is created) allocates at most a fixed byte budget. A
//! counting global allocator observes every allocation of this test binary, so this file holds
//! exactly one test (tests in one binary run on parallel threads and would disturb the count).
//!
//! The budget guards the work recorded in docs/PERFORMANCE.md ("Memory"): built-in globals
//! created on first use (`tseval_vm::lazy_globals`), the contents of the intrinsic
//! constructors and prototypes installed on first use (`tseval_vm::deferred_contents`),
//! built-in function names sharing their
//! atom strings, and arena reservations that fit the realm. Counts are exact for a given build
//! (no randomized hashing is involved); the margin above the measured figure only absorbs
//! small differences between debug and release builds and toolchains.

use std::alloc::{GlobalAlloc, Layout, System};
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tseval_vm::{Vm, interpreter};

/// Counts bytes requested from the global allocator (a reallocation counts its new size, as
/// DHAT's "total allocated" does).
struct CountingAllocator;

static BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every method forwards to the system allocator unchanged; the counter is atomic.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's pointer and layout.
        unsafe { System.dealloc(pointer, layout) }
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        BYTES.fetch_add(new_size, Ordering::Relaxed);
        // SAFETY: forwarded with the caller's arguments.
        unsafe { System.realloc(pointer, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// The budget in bytes for realm setup plus compiling and running the program below: the
/// measured figure (release build, 2026-12-07) was 284,204 bytes before the contents of the
/// intrinsic constructors and prototypes were installed on first use
/// (`tseval_vm::deferred_contents`) and 113,753 bytes after, then 92,369 bytes after the
/// shape work of the fib(30) < 100 KB pass (96-byte shapes, key indexes handed from parent to
/// child shape, child tables allocated at their final size, smaller arena reservations; see
/// docs/PERFORMANCE.md, "fib(30) under 100 KB"). Before the deferred globals the same program
/// allocated about 440 KB.
const STARTUP_BUDGET_BYTES: usize = 96_000;

#[test]
fn realm_setup_and_a_small_program_fit_the_startup_budget() {
    let (host, output) = tseval_vm::host::CaptureHost::new();
    let host: Box<dyn tseval_vm::host::Host> = Box::new(host);
    let before = BYTES.load(Ordering::Relaxed);
    let mut vm = Vm::with_host(host);
    let source = "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
                  console.log(fib(20));";
    let arena = tseval_parser::Arena::new();
    let mut interner = tseval_parser::Interner::new();
    let program =
        tseval_parser::parse_script(source, "fib.js", &arena, &mut interner).expect("parses");
    let source_text: Rc<str> = Rc::from(source);
    let script = tseval_compiler::compile_script(&program, &interner, "fib.js", &source_text)
        .expect("compiles");
    interpreter::run_script(&mut vm, &script).expect("script runs");
    let allocated = BYTES.load(Ordering::Relaxed) - before;
    assert_eq!(output.stdout_text(), "6765\n");
    eprintln!("realm setup and fib(20) allocated {allocated} bytes");
    assert!(
        allocated <= STARTUP_BUDGET_BYTES,
        "realm setup and fib(20) allocated {allocated} bytes, over the budget of \
         {STARTUP_BUDGET_BYTES} (see docs/PERFORMANCE.md, \"Memory\")"
    );
    // The deferred globals the program did not read were not created.
    let math = vm.property_key_from_str("Math");
    assert!(vm.lazy_globals.is_pending(math));
    let console = vm.property_key_from_str("console");
    assert!(!vm.lazy_globals.is_pending(console));
    // Nor were the contents of any intrinsic constructor or prototype: fib touches none.
    assert_eq!(vm.deferred_contents.pending_count(), 14);
}
