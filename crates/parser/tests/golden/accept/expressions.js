a = b ? c : d ?? e;
x ||= y; x &&= y; x ??= y; x **= 2; x >>>= 1;
y = (-a) ** 2 === void 0 || typeof b !== "string" && !c in d;
z = a?.b.c?.[d]?.(e).f;
(a?.b).c;
w = `head ${a + 1} middle ${`nested ${b}`} tail\n`;
tag`raw \unicode ${x}`;
o = { a, b: 1, [c]: 2, ...d, m() {}, get g() { return 1; }, set s(v) {}, async *ag() {}, __proto__: null, "str": 1, 3: 4 };
arr = [1, , ...b, 2,];
f = (a, {b, c = 1}, [d], ...e) => a;
g = async x => await x;
h = async (a) => { return a; };
k = () => ({});
[a, b] = [b, a];
({a, b: {c}, d = 1, ...e} = obj);
new Foo;
new new Foo()();
function nt() { return new.target; }
s = 'it\'s \x41\u{1F600}\uD800';
n = [0x1F, 0o17, 0b101, 1_000, .5, 5., 1e3, 123n];
re = /ab+[/]c/gi.test(s);
async(1, 2);
class A extends (B, C) { #x = 1; static #y; static { this.z = 1; } get #p() { return this.#x; } has(o) { return #x in o; } constructor() { super(); super.m(); } }
import("./m.js");
x = a
++b
