// console.log of Map and Set iterators previews the entries still to come, as Node does:
// `[Map Iterator] { ... }`, `[Map Entries] { [ k, v ] }`, `[Set Iterator]`, `[Set Entries]`.
const inventory = new Map<string, number>([["apples", 3], ["pears", 0], ["plums", 12]]);
const keys = inventory.keys();
console.log(keys);
keys.next();
console.log("after one step:", keys, [keys]);
console.log(inventory.values(), inventory.entries());
keys.next();
keys.next();
console.log("exhausted:", keys, keys.next());

const tags = new Set(["red", "green"]);
console.log(tags.values(), tags.entries(), { nested: { deeper: tags.keys() } });
const labelled = tags.values() as IterableIterator<string> & { label?: string };
labelled.label = "with a property";
console.log(labelled);

const deep = new Map<object, unknown>([[{ a: { b: { c: {} } } }, [1, [2, [3]]]]]);
console.log(deep.entries());

const many = new Map(Array.from({ length: 104 }, (_, i) => [i, `v${i}`] as [number, string]));
console.log(many.values());
const tail = many.entries();
for (let i = 0; i < 101; i++) tail.next();
console.log(tail);
const records = new Set(Array.from({ length: 8 }, (_, i) => ({ id: i })));
console.log(records.values());
console.log([1, 2, 3][Symbol.iterator](), "abc"[Symbol.iterator]());
