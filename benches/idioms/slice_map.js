const base = [];
for (let i = 0; i < 20; i++) base.push(i);
let s = 0;
for (let i = 0; i < 100000; i++) {
  const a = base.slice(2, 18);
  const b = a.map(x => x * 2);
  s += b[3] + a.length;
}
console.log(s);
