let s = 0;
for (let i = 0; i < 1000000; i++) { try { if (i % 100 === 0) throw new Error('x'); s += i; } catch (e) { s -= 1; } }
console.log(s);
