// structuredClone: deep copies of plain data, Map/Set/Date/RegExp/Error/typed arrays, shared
// references and cycles kept, class instances become plain objects, and DataCloneError for
// functions and symbols.
const date = new Date(Date.UTC(2024, 4, 17, 8, 30));
const shared = { tag: "shared" };
const original = {
  numbers: [1, 2, 3],
  nested: { deep: { deeper: [shared, shared] } },
  when: date,
  pattern: /ab+c/gi,
  lookup: new Map<string, unknown>([["a", shared], ["b", [1, 2]]]),
  unique: new Set([1, "two", shared]),
  bytes: new Uint8Array([1, 2, 250]),
  big: 12345678901234567890n,
  boxed: new String("boxed"),
  missing: undefined,
  nothing: null,
};
const copy = structuredClone(original);
console.log(copy);
console.log(copy !== original, copy.nested.deep !== original.nested.deep);
console.log(copy.nested.deep.deeper[0] === copy.nested.deep.deeper[1]);
console.log(copy.lookup.get("a") === copy.nested.deep.deeper[0]);
console.log(copy.when instanceof Date, copy.when.getTime() === date.getTime(), copy.when !== date);
console.log(copy.pattern.source, copy.pattern.flags, copy.pattern.lastIndex);

const cycle: any = { name: "root", children: [] };
cycle.children.push({ parent: cycle });
cycle.self = cycle;
const cycleCopy = structuredClone(cycle);
console.log(cycleCopy.self === cycleCopy, cycleCopy.children[0].parent === cycleCopy, cycleCopy !== cycle);

class Point {
  constructor(public x: number, public y: number) {}
  get length(): number {
    return Math.hypot(this.x, this.y);
  }
}
const pointCopy = structuredClone(new Point(3, 4));
console.log(pointCopy, pointCopy instanceof Point, Object.getPrototypeOf(pointCopy) === Object.prototype);

const error = new RangeError("out of range", { cause: { code: 7 } });
const errorCopy = structuredClone(error);
console.log(errorCopy instanceof RangeError, errorCopy.message, errorCopy.cause, errorCopy !== error);

const sparse = [1, , 3];
console.log(structuredClone(sparse), structuredClone("text"), structuredClone(42), structuredClone(null));

for (const bad of [() => 1, Symbol("s"), { method: function named() { return 1; } }, new WeakMap()]) {
  try {
    structuredClone(bad);
    console.log("cloned", typeof bad);
  } catch (thrown: any) {
    console.log(thrown.name, thrown.message, thrown instanceof Error);
  }
}
