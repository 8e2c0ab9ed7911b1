//! Calls must not allocate: after warm-up, running `fib(20)` and `fib(25)` performs the same
//! number of Rust heap allocations (zero per call), the register stack and frame vector do not
//! grow, and no GC arena gains slots. A counting global allocator observes every allocation of
//! this test binary, so this file holds exactly one test (tests in one binary run on parallel
//! threads and would disturb the count).

use std::alloc::{GlobalAlloc, Layout, System};
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tseval_vm::{PropertyKey, Value, Vm, interpreter};

/// Counts allocations (not frees) made through the global allocator.
struct CountingAllocator;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every method forwards to the system allocator unchanged; the counter is atomic.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's pointer and layout.
        unsafe { System.dealloc(pointer, layout) }
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded with the caller's arguments.
        unsafe { System.realloc(pointer, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

fn compile(source: &str) -> tseval_compiler::CompiledScript {
    let arena = tseval_parser::Arena::new();
    let mut interner = tseval_parser::Interner::new();
    let program =
        tseval_parser::parse_script(source, "fib.js", &arena, &mut interner).expect("parses");
    let source_text: Rc<str> = Rc::from(source);
    tseval_compiler::compile_script(&program, &interner, "fib.js", &source_text).expect("compiles")
}

/// Calls the global `fib` with `n` through `Vm::call` and returns the allocation count of
/// the call and its numeric result.
fn counted_fib(vm: &mut Vm, fib: Value, n: f64) -> (usize, f64) {
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let result = vm
        .call(fib, Value::Undefined, &[Value::Number(n)])
        .expect("fib runs");
    let after = ALLOCATIONS.load(Ordering::Relaxed);
    (
        after - before,
        result.as_number().expect("fib returns a number"),
    )
}

#[test]
fn recursive_calls_do_not_allocate_or_grow_the_stacks() {
    let script = compile("function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }");
    let mut vm = Vm::new();
    interpreter::run_script(&mut vm, &script).expect("script runs");
    let key: PropertyKey = vm.property_key_from_str("fib");
    let global = vm.global_object();
    let fib = vm
        .get_data_property_no_side_effects(global, key)
        .expect("fib is a global");

    // Warm-up: grows the frame vector and register stack to their working size once.
    let (_, warm) = counted_fib(&mut vm, fib, 25.0);
    assert_eq!(warm, 75025.0);
    let stack_capacity = vm.stack.capacity();
    let frames_capacity = vm.interpreter.frames.capacity();
    let object_slots = vm.heap.objects.capacity_slots();
    let environment_slots = vm.heap.environments.capacity_slots();

    let (small_allocations, small) = counted_fib(&mut vm, fib, 20.0);
    let (large_allocations, large) = counted_fib(&mut vm, fib, 25.0);
    assert_eq!(small, 6765.0);
    assert_eq!(large, 75025.0);
    // fib(25) makes ~240,000 calls and fib(20) ~22,000: equal counts mean zero per call.
    // (Under `gc-stress` every call collects, and collecting allocates its worklists.)
    if !cfg!(feature = "gc-stress") {
        assert_eq!(small_allocations, large_allocations, "calls allocate");
    }
    assert_eq!(
        vm.stack.capacity(),
        stack_capacity,
        "the register stack grew"
    );
    assert_eq!(
        vm.interpreter.frames.capacity(),
        frames_capacity,
        "the frame vector grew"
    );
    assert!(
        frames_capacity <= 64,
        "fib(25) needs ~26 frames, capacity {frames_capacity}"
    );
    assert_eq!(
        vm.heap.objects.capacity_slots(),
        object_slots,
        "objects were allocated"
    );
    assert_eq!(
        vm.heap.environments.capacity_slots(),
        environment_slots,
        "environments were allocated"
    );
}
