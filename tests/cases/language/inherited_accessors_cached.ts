// Inherited getters and setters are called through a cached accessor entry; these cases pin
// redefinition, getter-only accessors (V8's message in strict code), an accessor turned into a
// data property, and a prototype swap.
class A { #v = 1; get v() { return this.#v; } set v(x) { this.#v = x * 2; } get ro() { return "ro"; } }
class B extends A { get w() { return super.v + 100; } }
const objs = [new A(), new B(), new A()];
let out = [];
for (let round = 0; round < 3; round++) {
  for (const o of objs) { o.v = round; out.push(o.v); if (o instanceof B) out.push(o.w); }
  if (round === 1) Object.defineProperty(A.prototype, "v", { get() { return "redefined"; }, set(x) { out.push("set " + x); }, configurable: true });
}
"use strict";
const a = new A();
try { (function () { "use strict"; a.ro = 5; })(); } catch (e) { out.push(e.constructor.name + ": " + e.message); }
a.ro = 6; out.push(a.ro);
Object.defineProperty(A.prototype, "ro", { value: "data now", writable: true });
out.push(a.ro); a.ro = "own"; out.push(a.ro, Object.keys(a));
const proto = { get g() { return this.k; } }; const child = Object.create(proto); child.k = 7; const other = Object.create(proto); other.k = 8;
for (let i = 0; i < 3; i++) out.push(child.g + other.g);
Object.setPrototypeOf(child, { get g() { return "swapped"; } }); out.push(child.g, other.g);
console.log(out.join(","));
const o = { get x() { return 1; } }; try { o.x = 2; } catch (e) { console.log(e.message); } const f = Object.freeze({ y: 1 }); try { f.y = 2; } catch (e) { console.log(e.message); }
