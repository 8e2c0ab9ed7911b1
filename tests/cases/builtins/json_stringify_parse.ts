// JSON.stringify (compact, indented, replacer function and array, toJSON, special values) and JSON.parse (reviver).
const data = {
  name: "Widget",
  price: 9.99,
  tags: ["a", "b"],
  nested: { deep: { deeper: [1, { x: null }] } },
  empty: {},
  emptyArray: [],
  flag: false,
};
console.log(JSON.stringify(data));
console.log(JSON.stringify(data, null, 2));
console.log(JSON.stringify([1, [2, [3]]], null, 4));
console.log(JSON.stringify({ a: 1, b: [1, 2] }, null, "--"));
console.log(JSON.stringify({ a: 1 }, null, 20) === JSON.stringify({ a: 1 }, null, 10), JSON.stringify([], null, 2), JSON.stringify({}, null, 2));

console.log("special values:", JSON.stringify({ u: undefined, f: () => 1, n: NaN, i: -Infinity, z: -0, nil: null }));
console.log("in arrays:", JSON.stringify([undefined, () => 1, NaN, null]));
console.log("top level:", JSON.stringify(undefined), JSON.stringify(() => 1), JSON.stringify("str"), JSON.stringify(42), JSON.stringify(null), JSON.stringify(true));
console.log("escapes:", JSON.stringify("quote \" backslash \\ newline \n tab \t control \u0001 unicode é"));
console.log("lone surrogate:", JSON.stringify("\ud800"), JSON.stringify("😀"));
console.log("boxed:", JSON.stringify([new String("s"), new Number(1), new Boolean(false)]));

const replacerFn = (key: string, value: unknown) => {
  if (key === "secret") return undefined;
  if (typeof value === "number") return value * 100;
  return value;
};
console.log("replacer function:", JSON.stringify({ secret: "hide", amount: 1.5, list: [1, 2], label: "keep" }, replacerFn));
console.log("replacer array:", JSON.stringify({ b: 2, a: 1, c: { a: 3, z: 4 } }, ["a", "c"]));
const keysSeen: string[] = [];
JSON.stringify({ outer: { inner: [10] } }, function (key, value) {
  keysSeen.push(key === "" ? "(root)" : key);
  return value;
});
console.log("replacer visit order:", keysSeen.join(" "));

class Money {
  constructor(private cents: number, private currency: string) {}
  toJSON(): string {
    return `${(this.cents / 100).toFixed(2)} ${this.currency}`;
  }
}
console.log("toJSON:", JSON.stringify({ total: new Money(1234, "EUR"), items: [new Money(5, "USD")] }));
console.log("toJSON receives key:", JSON.stringify({ k: { toJSON: (key: string) => "key was " + key } }));
console.log("class instances:", JSON.stringify(new (class P { x = 1; y = [2]; })()));
console.log("integer keys first:", JSON.stringify({ b: 1, 2: 2, a: 3, 1: 4 }));

const parsed = JSON.parse('{"a": [1, 2.5, -3e2, true, null], "b": {"c": "str\\n\\u0041"}, "": "empty key"}');
console.log(parsed, parsed.b.c);
console.log("primitives:", JSON.parse("42"), JSON.parse('"s"'), JSON.parse("null"), JSON.parse(" [ ] "), JSON.parse("true"));
const revived = JSON.parse('{"n": 1, "list": [2, 3], "keep": "x"}', (key, value) => (typeof value === "number" ? value * 2 : value));
console.log("reviver:", revived);
const removed = JSON.parse('{"a": 1, "b": 2}', (key, value) => (key === "a" ? undefined : value));
console.log("reviver removes:", removed);
for (const bad of ["{'a': 1}", "[1,]", "", "01", "{\"a\" 1}", "undefined"]) {
  try {
    JSON.parse(bad);
    console.log("parsed unexpectedly:", bad);
  } catch (e) {
    console.log("rejects", JSON.stringify(bad), "->", (e as Error).name);
  }
}
const roundTrip = JSON.parse(JSON.stringify(data));
console.log("round trip equal:", JSON.stringify(roundTrip) === JSON.stringify(data), roundTrip !== data);
console.log("duplicate keys last wins:", JSON.parse('{"k": 1, "k": 2}'));
console.log("proto key is own data:", Object.keys(JSON.parse('{"__proto__": 1}')));
