let s = 0;
for (let i = 0; i < 500000; i++) { const t = `item ${i} of ${i * 2}!`; s += t.length; }
console.log(s);
