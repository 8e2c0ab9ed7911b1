function add3(a, b, c) { return a + b + c; }
const arr = [1, 2, 3];
let s = 0;
for (let i = 0; i < 1000000; i++) s += add3(...arr);
console.log(s);
