const base = { a: 1, b: 2, c: 3 };
let s = 0;
for (let i = 0; i < 300000; i++) { const o = { ...base, d: i }; const p = { ...o, a: 5 }; s += p.a + p.d + o.a; }
console.log(s);
