const a = []; let s = 0;
for (let k = 0; k < 100; k++) { for (let i = 0; i < 10000; i++) a.push(i); while (a.length) s += a.pop(); }
console.log(s);
