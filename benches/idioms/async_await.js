// Async functions awaiting async functions in a loop, then 20,000 promise reactions and Promise.all.
async function leaf(i) { return i & 3; }
async function mid(i) { let s = 0; for (let k = 0; k < 5; k++) s += await leaf(i + k); return s; }
async function main() { let c = 0; for (let i = 0; i < 30000; i++) c += await mid(i); const ps = []; for (let i = 0; i < 20000; i++) ps.push(Promise.resolve(i).then((x) => x * 2)); const r = await Promise.all(ps); c += r.length; console.log(c); }
main();
