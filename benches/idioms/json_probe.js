const obj = { name: 'x', list: [1, 2, 3, { a: 'b', c: [true, false, null] }], nested: { k: 1.5, s: 'hello world' } };
let s = 0;
for (let i = 0; i < 50000; i++) { const t = JSON.stringify(obj); const o = JSON.parse(t); s += t.length + o.list.length; }
console.log(s);
