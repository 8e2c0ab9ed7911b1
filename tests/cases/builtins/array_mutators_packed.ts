// Array mutators (reverse, shift, unshift, splice) on packed arrays take a memmove fast path;
// these cases pin the observable results, including the conditions that must leave it:
// holes, a setter on the prototype chain, frozen arrays and a length changed by valueOf.
const a = [1, 2, 3, 4, 5];
console.log(a.splice(1, 2, 'x', 'y', 'z'), a, a.length);
console.log(a.splice(-2), a);
console.log(a.splice(0, 0, 9), a);
console.log(a.unshift(7, 8), a, a.reverse(), a.shift(), a);
const b = [1, , 3]; console.log(b.reverse(), b.unshift(0), b, b.splice(1, 1), b);
const c = [1, 2, 3]; Object.defineProperty(Array.prototype, 5, { set(v) { console.log('setter', v); }, configurable: true });
const r = c.unshift(1, 2, 3); delete Array.prototype[5]; console.log(r, c, Object.keys(c));
const d = [1, 2, 3]; Object.freeze(d); try { d.reverse(); } catch (e) { console.log(e.constructor.name); }
const e = [1, 2, 3, 4]; console.log(e.splice(1, { valueOf() { e.length = 2; return 1; } }), e);
const f = []; console.log(f.splice(0, 0), f.unshift(), f.reverse(), f.shift(), f);
const g = [1,2,3]; g.splice(0); console.log(g, g.length); g.unshift(4); console.log(g);
