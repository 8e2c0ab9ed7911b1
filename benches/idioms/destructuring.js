function f({ a, b }, [c, d]) { return a + b + c + d; }
let s = 0;
for (let i = 0; i < 500000; i++) { const [x, y] = [i, i + 1]; const { p, q } = { p: x, q: y }; s += f({ a: p, b: q }, [x, y]); }
console.log(s);
