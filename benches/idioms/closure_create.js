function make(k) { return function (x) { return x + k; }; }
let s = 0;
for (let i = 0; i < 1000000; i++) { const f = make(i); s += f(1); }
const arrows = [];
for (let i = 0; i < 1000000; i++) { const g = (y) => y * i; s += g(2); }
console.log(s);
