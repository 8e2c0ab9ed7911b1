const m = new Map(); const st = new Set(); let s = 0;
for (let i = 0; i < 200000; i++) { m.set(i, i * 2); st.add('k' + (i % 1000)); }
for (let i = 0; i < 200000; i++) { s += m.get(i); if (st.has('k' + (i % 2000))) s++; }
for (const [k, v] of m) s += k - v;
console.log(s, m.size, st.size);
