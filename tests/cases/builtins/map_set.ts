// Map and Set: insertion order, key equality (SameValueZero), object keys, iteration and console.log format.
const map = new Map<any, string>();
map.set("a", "string key").set(1, "number key").set(true, "boolean key");
const objectKey = { id: 1 };
map.set(objectKey, "object key");
map.set(NaN, "NaN key");
console.log("size:", map.size, "get:", map.get("a"), map.get(1), map.get("1"), map.get(objectKey), map.get({ id: 1 }), map.get(NaN));
console.log("has:", map.has(true), map.has("true"), map.has(NaN), map.has(-0));
map.set(0, "zero");
console.log("-0 and 0 are the same key:", map.get(-0), map.has(0));
console.log(map);
console.log("delete:", map.delete("a"), map.delete("missing"), map.size);
map.set(1, "overwritten keeps position");
console.log("keys:", [...map.keys()]);
console.log("values:", [...map.values()]);
console.log("entries:", [...map.entries()].length, [...map][0]);
const visited: string[] = [];
map.forEach((value, key) => visited.push(`${String(key)}=>${value.length}`));
console.log("forEach:", visited.join(", "));
map.clear();
console.log("after clear:", map.size, map);

const set = new Set([3, 1, 3, 2, 1, NaN, NaN, 0, -0]);
console.log("set:", set, set.size);
set.add(4).add(1);
console.log("has:", set.has(4), set.has(5), set.has(NaN), set.has(-0));
console.log("delete:", set.delete(3), set.delete(3), [...set]);
const setVisited: number[] = [];
set.forEach((v, v2) => setVisited.push(v === v2 ? v : -1));
console.log("forEach value twice:", setVisited);
console.log("entries:", [...new Set(["x"]).entries()], [...new Set(["x"]).keys()]);

const words = "the cat and the hat and the bat".split(" ");
const unique = [...new Set(words)];
console.log("unique:", unique);
const frequency = new Map<string, number>();
for (const w of words) frequency.set(w, (frequency.get(w) ?? 0) + 1);
console.log("frequency:", frequency);
const sorted = [...frequency].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
console.log("sorted:", sorted);
const a = new Set([1, 2, 3, 4]);
const b = new Set([3, 4, 5]);
console.log("union:", new Set([...a, ...b]), "intersection:", [...a].filter((x) => b.has(x)), "difference:", [...a].filter((x) => !b.has(x)));

const nested = new Map<string, unknown>([
  ["list", [1, 2, 3]],
  ["obj", { deep: { deeper: { deepest: 1 } } }],
  ["set", new Set(["inner"])],
  ["map", new Map([["k", new Map([["kk", "vv"]])]])],
]);
console.log(nested);
console.log("map from object entries:", new Map(Object.entries({ x: 1, y: 2 })));
console.log("object from map:", Object.fromEntries(new Map([["p", 1]])));
console.log("empty:", new Map(), new Set(), [new Map(), new Set()]);
const big = new Set(Array.from({ length: 30 }, (_, i) => i));
console.log(big);
const longMap = new Map(Array.from({ length: 5 }, (_, i) => [`key number ${i}`, `value number ${i}`] as [string, string]));
console.log(longMap);
const mutatingIteration = new Set([1, 2, 3]);
const seen: number[] = [];
for (const v of mutatingIteration) {
  seen.push(v);
  if (v === 1) mutatingIteration.delete(2);
  if (v === 3) mutatingIteration.add(4);
}
console.log("live iteration:", seen);
