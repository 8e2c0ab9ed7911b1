// for-in, Object.keys/values/entries, Object.assign, in and hasOwnProperty on small objects.
let c = 0;
for (let i = 0; i < 30000; i++) {
  const o = { a: i, b: 2, c: 3, d: "x", e: null };
  o["k" + (i % 10)] = i; delete o.b;
  for (const k in o) c += k.length;
  c += Object.keys(o).length + Object.values(o).length;
  for (const [k, v] of Object.entries(o)) if (typeof v === "number") c += v & 1;
  c += Object.assign({}, o).a & 3;
  c += ("a" in o ? 1 : 0) + (o.hasOwnProperty("zz") ? 1 : 0);
}
console.log(c);
