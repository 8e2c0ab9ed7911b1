// Object literals: shorthand, methods, computed keys, property order (integer keys first), duplicates, __proto__.
const x = 1;
const y = "two";
const shorthand = { x, y };
console.log("shorthand:", shorthand);

const prefix = "item";
let counter = 0;
const computed = {
  [prefix + "A"]: "a",
  [`${prefix}B`]: "b",
  [counter++]: "zero",
  [counter++]: "one",
  [1 + 1]: "two",
};
console.log("computed keys:", computed, counter);

const order = { z: 1, 2: "two", a: 2, 1: "one", "-5": "negative", 10: "ten", "3.5": "float", b: 3, "007": "padded" };
console.log("key order:", Object.keys(order).join(" "));
console.log(order);

const duplicate = { key: "first", other: 1, key2: 0, key: "second" } as any;
console.log("duplicate keys keep first position, last value:", duplicate);

const methods = {
  value: 10,
  regular(): number {
    return this.value;
  },
  arrow: () => "arrow",
  "quoted-key"(): string {
    return "quoted method";
  },
  123: "numeric key",
  nested: { deeper: { deepest: "bottom" } },
};
console.log(methods.regular(), methods.arrow(), methods["quoted-key"](), methods[123], methods.nested.deeper.deepest);
console.log(methods);

const withProto = { __proto__: { inherited: "from proto" }, own: "own" } as any;
console.log("__proto__ literal:", withProto.inherited, Object.keys(withProto), withProto);
const computedProto = { ["__proto__"]: "just a key" } as any;
console.log("computed __proto__ is an own key:", Object.keys(computedProto));

const keywordsAsKeys = { if: 1, class: 2, new: 3, default: 4, null: 5, true: 6 };
console.log("reserved words as keys:", keywordsAsKeys, keywordsAsKeys.class + keywordsAsKeys.default);

const numericKeys = { 1e3: "thousand", 0x10: "hex", 0.5: "half", [-0]: "minus zero" } as any;
console.log("numeric literal keys:", Object.keys(numericKeys));

const mutated: Record<string, unknown> = {};
mutated.b = 1;
mutated.a = 2;
mutated[5] = 3;
mutated.b = 4;
delete mutated.a;
mutated.a = 5;
console.log("insertion order after delete:", mutated);

const emptyValues = { u: undefined, n: null, e: "", z: 0, f: false, arr: [], obj: {} };
console.log(emptyValues);

const chained = { a: { b: { c: { d: { e: "deep" } } } } };
console.log("depth cut off:", chained);
console.log("JSON shows full depth:", JSON.stringify(chained));

function makePoint(px: number, py: number) {
  return {
    px,
    py,
    toString() {
      return `(${this.px}, ${this.py})`;
    },
  };
}
console.log(`${makePoint(1, 2)}`, String(makePoint(3, 4)), makePoint(5, 6));

const objectWithFunction = { fn: function named() {}, anon: function () {}, arrow: () => {}, cls: class K {} };
console.log(objectWithFunction);
