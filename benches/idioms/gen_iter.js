function* range(n) { for (let i = 0; i < n; i++) yield i; }
let s = 0;
for (let k = 0; k < 20; k++) for (const x of range(10000)) s += x;
const m = new Map(); for (let i = 0; i < 1000; i++) m.set(i, i);
for (let k = 0; k < 100; k++) for (const [a, b] of m) s += a - b + 1;
console.log(s);
