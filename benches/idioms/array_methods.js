const arr = []; for (let i = 0; i < 100; i++) arr.push(i);
let s = 0;
for (let k = 0; k < 5000; k++) {
  s += arr.filter(x => x & 1).reduce((a, b) => a + b, 0);
  arr.forEach(x => { s += x; });
  s += arr.indexOf(k % 100) + (arr.includes(k) ? 1 : 0);
  s += arr.some(x => x > 98) ? 1 : 0;
}
console.log(s);
