//! End-to-end tests of the interpreter: JavaScript snippets are parsed, compiled and run, and
//! the value of the global `result` (converted with ToString) is compared with the expected
//! text. Covers calls, recursion, closures, exceptions, classes, iteration and globals.

use std::rc::Rc;

use tseval_vm::Vm;
use tseval_vm::interpreter::{self, format_uncaught_exception};

/// Parses and compiles `source` as a script.
fn compile(source: &str) -> tseval_compiler::CompiledScript {
    let arena = tseval_parser::Arena::new();
    let mut interner = tseval_parser::Interner::new();
    let program = tseval_parser::parse_script(source, "test.js", &arena, &mut interner)
        .unwrap_or_else(|error| panic!("syntax error in test source: {error:?}\n{source}"));
    let source_text: Rc<str> = Rc::from(source);
    let script = tseval_compiler::compile_script(&program, &interner, "test.js", &source_text)
        .unwrap_or_else(|error| panic!("compile error: {error}\n{source}"));
    tseval_compiler::verify(&script.top_level)
        .unwrap_or_else(|error| panic!("verifier: {error}\n{source}"));
    script
}

/// Reads a global as text (ToString), or `<missing>`.
fn global_text(vm: &mut Vm, name: &str) -> String {
    let key = vm.property_key_from_str(name);
    let global = vm.global_object();
    match vm.get_data_property_no_side_effects(global, key) {
        Some(value) => match vm.to_rust_string(value) {
            Ok(text) => text,
            Err(_) => "<to-string threw>".to_string(),
        },
        None => "<missing>".to_string(),
    }
}

/// Runs `source` in a fresh VM and returns the text of the global `result`, or the uncaught
/// exception formatted as the runner prints it.
fn run(source: &str) -> String {
    let script = compile(source);
    let mut vm = Vm::new();
    match interpreter::run_script(&mut vm, &script).and_then(|_| vm.run_event_loop()) {
        Ok(()) => global_text(&mut vm, "result"),
        Err(thrown) => format_uncaught_exception(&vm, thrown),
    }
}

/// Asserts that running `source` leaves `result` with the expected text.
#[track_caller]
fn check(source: &str, expected: &str) {
    assert_eq!(run(source), expected, "\nsource:\n{source}");
}

#[test]
fn arithmetic_and_globals() {
    check("var result = 1 + 2 * 3 - 4 / 2;", "5");
    check(
        "var a = 7; var b = 3; var result = a % b + (a - b) * 2 + (a > b ? 100 : 0);",
        "109",
    );
    check("var result = 'a' + 1 + 2;", "a12");
    check("var x = 1; x += 41; var result = x;", "42");
}

#[test]
fn function_calls_and_recursion() {
    check(
        "function add(a, b) { return a + b; } var result = add(20, 22);",
        "42",
    );
    check(
        "function f(a, b) { return b; } var result = f(1);",
        "undefined",
    );
    check(
        "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); } var result = fib(20);",
        "6765",
    );
    check(
        "function fact(n) { if (n <= 1) return 1; return n * fact(n - 1); } var result = fact(10);",
        "3628800",
    );
    check(
        "function even(n) { return n === 0 ? true : odd(n - 1); }
         function odd(n) { return n === 0 ? false : even(n - 1); }
         var result = even(1000) + ',' + odd(7);",
        "true,true",
    );
}

#[test]
fn deep_recursion_is_a_range_error_not_a_crash() {
    check(
        "function down(n) { return down(n + 1) + 1; }
         var result;
         try { down(0); } catch (e) { result = e instanceof RangeError ? e.message : 'other'; }",
        "Maximum call stack size exceeded",
    );
}

#[test]
fn closures_capture_and_share_environments() {
    check(
        "function counter() { var n = 0; return function () { n += 1; return n; }; }
         var c = counter(); c(); c(); var result = c();",
        "3",
    );
    check(
        "var fs = []; for (let i = 0; i < 3; i++) { fs.push(() => i); }
         var result = fs[0]() + fs[1]() + fs[2]();",
        "3",
    );
    check(
        "function make() { let a = 1; const inc = () => { a++; }; inc(); inc(); return () => a; }
         var result = make()();",
        "3",
    );
}

#[test]
fn exceptions_unwind_through_frames_and_finally() {
    check(
        "function thrower() { throw new Error('boom'); }
         function middle() { return thrower() + 1; }
         var result; try { middle(); } catch (e) { result = e.message; }",
        "boom",
    );
    check(
        "var log = '';
         function f() { try { log += 'try,'; throw 1; } catch (e) { log += 'catch' + e + ','; } finally { log += 'finally'; } }
         f(); var result = log;",
        "try,catch1,finally",
    );
    check(
        "function f() { try { return 'from try'; } finally { result = 'finally ran'; } }
         var result; var r = f(); result = result + '/' + r;",
        "finally ran/from try",
    );
    check(
        "var result; try { null.x; } catch (e) { result = e instanceof TypeError; }",
        "true",
    );
    check(
        "var result; try { undefinedName; } catch (e) { result = e.name + ': ' + e.message; }",
        "ReferenceError: undefinedName is not defined",
    );
}

#[test]
fn uncaught_exceptions_propagate_with_a_stack() {
    let output = run("function f() { throw new TypeError('bad thing'); }\nf();");
    assert!(
        output.starts_with("Uncaught TypeError: bad thing"),
        "{output}"
    );
    assert!(output.contains("at f (test.js:1:"), "{output}");
}

#[test]
fn classes_methods_accessors_and_inheritance() {
    check(
        "class Point { constructor(x, y) { this.x = x; this.y = y; }
           sum() { return this.x + this.y; }
           get double() { return this.sum() * 2; }
           static origin() { return new Point(0, 0); } }
         var p = new Point(3, 4);
         var result = p.sum() + ',' + p.double + ',' + Point.origin().sum();",
        "7,14,0",
    );
    check(
        "class Animal { constructor(name) { this.name = name; } speak() { return this.name + ' makes a sound'; } }
         class Dog extends Animal { constructor(name) { super(name); this.kind = 'dog'; }
           speak() { return super.speak() + ' (woof)'; } }
         var d = new Dog('Rex');
         var result = d.speak() + ',' + (d instanceof Animal) + ',' + d.kind;",
        "Rex makes a sound (woof),true,dog",
    );
    check(
        "class A { x = 1; #secret = 41; reveal() { return this.#secret + this.x; } }
         var result = new A().reveal();",
        "42",
    );
    check(
        "class A {} var result; try { A(); } catch (e) { result = e instanceof TypeError; }",
        "true",
    );
}

#[test]
fn iteration_spread_and_destructuring() {
    check(
        "var s = 0; for (const v of [1, 2, 3, 4]) { s += v; } var result = s;",
        "10",
    );
    check(
        "var a = [1, 2]; var b = [...a, 3, ...a]; var result = b.length + ':' + b[4];",
        "5:2",
    );
    check(
        "var [x, , y = 9, ...rest] = [1, 2, undefined, 4, 5]; var result = x + y + rest.length;",
        "12",
    );
    check(
        "var { p, q: { r } } = { p: 1, q: { r: 2 } }; var result = p + r;",
        "3",
    );
    check(
        "var keys = ''; for (var k in { a: 1, b: 2 }) { keys += k; } var result = keys;",
        "ab",
    );
    check(
        "var values = [3, 9, 2]; var label = 'max'; var m = Math.max(...values); var result = label + m + values.length;",
        "max93",
    );
    check(
        "function sum(...xs) { var t = 0; for (var x of xs) t += x; return t; } var result = sum(...[1, 2, 3], 4);",
        "10",
    );
}

#[test]
fn typeof_delete_in_and_arguments() {
    check(
        "var result = typeof notDeclared + ',' + typeof 1 + ',' + typeof {} + ',' + typeof function () {};",
        "undefined,number,object,function",
    );
    check(
        "var o = { a: 1 }; delete o.a; var result = 'a' in o;",
        "false",
    );
    check(
        "function f() { return arguments.length; } var result = f(1, 2, 3);",
        "3",
    );
}

#[test]
fn template_literals_and_tagged_templates() {
    check(
        "var n = 5; var result = `n=${n}, twice=${n * 2}`;",
        "n=5, twice=10",
    );
    check(
        "function tag(strings) { return strings; } function get() { return tag`a${1}b`; }
         var result = (get() === get()) + ',' + get().raw.length;",
        "true,2",
    );
}

#[test]
fn generators_suspend_and_resume() {
    check(
        "function* count(limit) { for (let i = 0; i < limit; i++) { yield i; } return 'done'; }
         var parts = []; for (const v of count(4)) parts.push(v);
         var g = count(1); var a = g.next(); var b = g.next(); var c = g.next();
         var result = parts.join('') + '|' + a.value + a.done + '|' + b.value + b.done + '|' + c.value + c.done;",
        "0123|0false|donetrue|undefinedtrue",
    );
    check(
        "function* echo() { var received = yield 'first'; while (true) { received = yield received * 2; } }
         var g = echo(); g.next(); var result = g.next(5).value + ',' + g.next(7).value;",
        "10,14",
    );
    check(
        "function* guarded() { try { yield 1; yield 2; } finally { log += 'cleanup'; } }
         var log = ''; var g = guarded(); g.next(); var r = g.return(42);
         var result = log + ':' + r.value + ':' + r.done + ':' + g.next().done;",
        "cleanup:42:true:true",
    );
    check(
        "function* catcher() { try { yield 1; } catch (e) { yield 'caught ' + e; } }
         var g = catcher(); g.next(); var result = g.throw('x').value;",
        "caught x",
    );
    check(
        "function* inner() { yield 1; yield 2; } var result = [...inner(), ...inner()].join(',');",
        "1,2,1,2",
    );
}

#[test]
fn async_functions_await_promises_in_job_order() {
    check(
        "var log = [];
         async function work(name, value) { log.push(name + ' start'); const v = await value; log.push(name + ' got ' + v); return v * 2; }
         work('a', 1).then(r => log.push('a result ' + r));
         work('b', Promise.resolve(2));
         log.push('sync end');
         var result; setTimeout(() => { result = log.join(', '); }, 0);",
        "a start, b start, sync end, a got 1, b got 2, a result 2",
    );
    check(
        "async function fails() { await null; throw new Error('nope'); }
         async function catches() { try { await fails(); } catch (e) { return 'caught ' + e.message; } }
         var result; catches().then(v => { result = v; });",
        "caught nope",
    );
    check(
        "const double = async (x) => (await x) * 2;
         var result; (async () => { result = await double(await double(5)); })();",
        "20",
    );
}

#[test]
fn async_generators_queue_requests_and_await_yields() {
    check(
        "async function* counter(limit) { for (let i = 0; i < limit; i++) { await null; yield i; } return 'end'; }
         var log = []; var result;
         (async () => {
           const g = counter(2);
           const all = await Promise.all([g.next(), g.next(), g.next(), g.next()]);
           for (const r of all) log.push(r.value + ':' + r.done);
           const h = counter(5); await h.next();
           const r = await h.return(Promise.resolve(42)); log.push(r.value + ':' + r.done);
           async function* yieldsPromise() { yield Promise.resolve('awaited'); }
           log.push((await yieldsPromise().next()).value);
           result = log.join(',');
         })();",
        "0:false,1:false,end:true,undefined:true,42:true,awaited",
    );
}

#[test]
fn built_in_objects_keep_one_frozen_pinned_shape_each() {
    let mut vm = Vm::new();
    assert!(
        !vm.heap.pinned_shapes.is_empty(),
        "realm setup pins the shapes of the built-in objects"
    );
    for shape in vm.heap.pinned_shapes.clone() {
        assert!(
            !vm.heap.shapes.get(shape).is_dictionary(),
            "a frozen built-in shape is a cacheable tree shape"
        );
    }
    let math_shape = {
        let key = vm.property_key_from_str("Math");
        let global = vm.global_object();
        // Math is created on first use (tseval_vm::lazy_globals); its object gets a frozen,
        // pinned shape like the objects made during realm setup.
        assert!(vm.lazy_globals.is_pending(key));
        vm.materialize_lazy_global(key);
        assert!(!vm.lazy_globals.is_pending(key));
        let math = vm
            .get_data_property_no_side_effects(global, key)
            .and_then(|value| value.as_object())
            .expect("Math is a global object");
        let shape = vm.object(math).shape;
        assert!(vm.heap.pinned_shapes.contains(&shape));
        assert!(!vm.heap.shapes.get(shape).is_dictionary());
        shape
    };
    // An inline cache may hold Math's shape: deleting Math and collecting must not free it
    // (a freed id could be reused by another layout and make the cache hit wrongly).
    let script = compile(
        "function floorOf(o) { return o.floor; } floorOf(Math); floorOf(Math);
         delete globalThis.Math;
         var objects = []; for (var i = 0; i < 1000; i++) { var o = {}; o['k' + i] = i; objects.push(o); }
         var result = typeof floorOf(objects[0]) + ',' + typeof globalThis.Math;",
    );
    interpreter::run_script(&mut vm, &script).expect("script runs");
    vm.collect_garbage();
    assert!(vm.heap.shapes.try_get(math_shape).is_some());
    assert_eq!(global_text(&mut vm, "result"), "undefined,undefined");
    // Properties added to a built-in object later still work and keep their order.
    check(
        "Math.extra = 1; delete Math.abs; var names = Object.getOwnPropertyNames(Math);
         var result = names[names.length - 1] + ',' + names.indexOf('abs') + ',' + Math.extra + ',' + Math.floor(2.5);",
        "extra,-1,1,2",
    );
}

/// Realm setup must fit the arenas' initial reservations: outgrowing them doubles (and so
/// re-allocates) the arena vectors, which shows up in every program's allocation total.
#[test]
fn realm_setup_fits_the_arena_reservations() {
    use tseval_vm::heap::Heap;
    fn check_fits(vm: &Vm, when: &str) {
        let strings = vm.heap.strings.capacity_slots();
        let objects = vm.heap.objects.capacity_slots();
        let shapes = vm.heap.shapes.capacity_slots();
        let atoms = vm.atoms.len();
        let counts =
            format!("{when}: {strings} strings, {objects} objects, {shapes} shapes, {atoms} atoms");
        eprintln!("{counts}");
        assert!(strings <= Heap::REALM_STRING_RESERVATION, "{counts}");
        assert!(objects <= Heap::REALM_OBJECT_RESERVATION, "{counts}");
        assert!(shapes <= Heap::REALM_SHAPE_RESERVATION, "{counts}");
        assert!(
            atoms <= tseval_vm::atom::AtomTable::REALM_ATOM_RESERVATION,
            "{counts}"
        );
    }
    let mut vm = Vm::new();
    // The self-contained namespaces are created on first use (tseval_vm::lazy_globals), so
    // they are not part of realm setup.
    assert!(vm.lazy_globals.pending_count() >= 8);
    // So are the contents of the intrinsic constructors and prototypes
    // (tseval_vm::deferred_contents): setup itself touches none of the 14 groups.
    assert_eq!(vm.deferred_contents.pending_count(), 14);
    check_fits(&vm, "realm setup");
    // Almost every program reads `console`: creating it must fit the reservations as well.
    let console = vm.property_key_from_str("console");
    vm.materialize_lazy_global(console);
    check_fits(&vm, "realm setup and console");
}

/// Young collections keep what was stored into old objects (the write barrier remembered
/// them) and free young garbage without a full collection.
#[test]
fn young_collections_keep_values_stored_into_old_objects_and_free_young_garbage() {
    let mut vm = Vm::new();
    interpreter::run_script(&mut vm, &compile("var holder = { list: [] };")).expect("runs");
    // After a full collection `holder` and its list are old.
    let before = vm.collect_garbage().objects;
    interpreter::run_script(
        &mut vm,
        &compile(
            "for (var i = 0; i < 100; i++) holder.list.push({ value: i, tags: ['t' + i] });
             holder.extra = { nested: { text: 'kept' } };
             for (var j = 0; j < 1000; j++) { var garbage = { j: j }; }",
        ),
    )
    .expect("runs");
    let allocated = vm.heap.counts().objects;
    assert!(
        allocated >= before + 1202,
        "{allocated} objects before collecting"
    );
    // Nothing but old objects refers to the 202 new objects kept through `holder`.
    let mut after_young = 0;
    for _ in 0..3 {
        after_young = vm.collect_young_garbage().objects;
    }
    // All the garbage was young, so a full collection finds nothing more to free.
    assert_eq!(vm.collect_garbage().objects, after_young);
    assert!(
        after_young <= allocated - 999,
        "{allocated} -> {after_young} objects"
    );
    let check_script = compile(
        "var result = holder.list.length + ',' + holder.list[99].value + ',' + \
         holder.list[99].tags[0] + ',' + holder.extra.nested.text;",
    );
    interpreter::run_script(&mut vm, &check_script).expect("runs");
    assert_eq!(global_text(&mut vm, "result"), "100,99,t99,kept");
}
