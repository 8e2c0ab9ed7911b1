// Class getters and setters over a private field, object-literal accessors, a static counter.
class Temp { #c = 0; get f() { return this.#c * 9 / 5 + 32; } set f(v) { this.#c = (v - 32) * 5 / 9; } static count = 0; }
const o = { _x: 1, get x() { return this._x; }, set x(v) { this._x = v; } };
Object.defineProperty(o, "y", { get() { return 2; } });
let c = 0; const t = new Temp();
for (let i = 0; i < 300000; i++) { t.f = i; c += t.f; o.x = i; c += o.x + o.y; Temp.count++; }
console.log(Math.round(c), Temp.count);
