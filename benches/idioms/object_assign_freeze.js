// Object spread, Object.freeze and Object.assign of small objects.
let c = 0; const base = { a: 1, b: 2, c: 3, d: 4 };
for (let i = 0; i < 200000; i++) { const o = { ...base, e: i }; const f = Object.freeze({ ...o }); c += f.e + Object.isFrozen(f); const m = Object.assign({}, base, { a: i }); c += m.a; }
console.log(c);
