// Generates inspect_cases.jsonl: for each test value, the snapshot tree that the console
// built-in takes of it (the same rules as builtins/console.rs, written here in JavaScript)
// and node's util.inspect output for it. The Rust test formats the tree and compares.
// Usage: node generate_inspect.js > inspect_cases.jsonl
"use strict";
const util = require("util");

let seed = 0x1234567;
function random() {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];
const randomInt = (n) => Math.floor(random() * n);

// ---------------------------------------------------------------------------------------
// The snapshot builder (mirrors console.rs).
const promiseStates = new WeakMap();
const identities = new WeakMap();
let nextIdentity = 1;
function identityOf(object) {
  if (!identities.has(object)) identities.set(object, nextIdentity++);
  return identities.get(object);
}
// Strings stay JSON strings: JSON.stringify escapes lone surrogates as \\uXXXX, so no
// code unit is lost.
const units = (text) => text;
const numberBits = (x) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16);
};
function isInstance(object, constructor) {
  try { return object instanceof constructor; } catch { return false; }
}
function constructorNameOf(object) {
  let firstProto;
  const original = object;
  while (object) {
    const descriptor = Object.getOwnPropertyDescriptor(object, "constructor");
    if (descriptor !== undefined && typeof descriptor.value === "function" && descriptor.value.name !== "" &&
        isInstance(original, descriptor.value)) {
      return String(descriptor.value.name);
    }
    object = Object.getPrototypeOf(object);
    if (firstProto === undefined) firstProto = object;
  }
  if (firstProto === null) return null;
  return `Object <${util.inspect(firstProto, { customInspect: false, depth: -1 })}>`;
}
function isClass(fn) {
  const text = Function.prototype.toString.call(fn);
  return text.startsWith("class") && text.endsWith("}");
}
function primitiveSnapshot(value) {
  switch (typeof value) {
    case "undefined": return { t: "undefined" };
    case "boolean": return { t: "boolean", v: value };
    // Finite numbers other than -0 survive a JSON round trip; the others go as f64 bits.
    case "number": return Number.isFinite(value) && !Object.is(value, -0) ? { t: "number", v: value } : { t: "number", bits: numberBits(value) };
    case "bigint": return { t: "bigint", v: value.toString() };
    case "string": return { t: "string", v: units(value) };
    case "symbol": return { t: "symbol", v: units(value.toString()) };
  }
  return { t: "null" };
}
function keyOf(key) {
  return typeof key === "symbol" ? { y: units(key.toString()) } : { s: units(key) };
}
function snapshot(value, options, level, ancestors) {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return primitiveSnapshot(value);
  if (ancestors.includes(value)) return { t: "circular", id: identityOf(value) };
  const collect = options.depth === null || level <= options.depth;
  const childAncestors = ancestors.concat([value]);
  const child = (v) => (collect ? snapshot(v, options, level + 1, childAncestors) : null);
  const content = (descriptor) => {
    if (!collect) return "nc";
    if (descriptor.get && descriptor.set) return "getset";
    if (descriptor.get) return "getter";
    if (descriptor.set) return "setter";
    return { v: child(descriptor.value) };
  };
  const constructorName = constructorNameOf(value);
  let tag = value[Symbol.toStringTag];
  if (typeof tag !== "string" || (tag !== "" && Object.prototype.propertyIsEnumerable.call(value, Symbol.toStringTag))) tag = "";
  let keys = Object.keys(value);
  for (const symbol of Object.getOwnPropertySymbols(value)) {
    if (Object.prototype.propertyIsEnumerable.call(value, symbol)) keys.push(symbol);
  }
  let kind;
  if (Array.isArray(value)) {
    keys = keys.filter((key) => typeof key === "symbol" || !(String(key >>> 0) === key && (key >>> 0) !== 4294967295));
    const elements = [];
    for (const key of Object.keys(value)) {
      if (elements.length >= options.maxArrayLength) break;
      if (String(key >>> 0) === key && (key >>> 0) !== 4294967295) {
        elements.push([key >>> 0, content(Object.getOwnPropertyDescriptor(value, key))]);
      }
    }
    let numeric = 0;
    const limit = options.maxArrayLength + keys.length + 2;
    while (numeric < limit && (typeof value[numeric] === "number" || typeof value[numeric] === "bigint")) numeric++;
    kind = { k: "array", length: value.length, elements, numeric };
  } else if (typeof value === "function") {
    const classLike = isClass(value);
    const name = classLike ? ((Object.prototype.hasOwnProperty.call(value, "name") && value.name) || "") : String(value.name);
    const parentName = Object.getPrototypeOf(value) && Object.getPrototypeOf(value).name;
    kind = {
      k: "function", class: classLike, name: String(name),
      async: util.types.isAsyncFunction(value), generator: util.types.isGeneratorFunction(value),
      super: parentName ? String(parentName) : null,
    };
  } else if (util.types.isNativeError(value) || value instanceof Error) {
    const stack = value.stack ? String(value.stack) : Error.prototype.toString.call(value);
    kind = {
      k: "error",
      name: value.name != null ? String(value.name) : "Error",
      stack,
      message: typeof value.message === "string" && value.message !== "" ? value.message : null,
      nameText: String(value.name), messageText: String(value.message), stackText: String(value.stack),
    };
    if ("cause" in value && !keys.includes("cause")) keys.push("cause");
    if (Array.isArray(value.errors) && !keys.includes("errors")) keys.push("errors");
  } else if (util.types.isRegExp(value)) {
    kind = { k: "regexp", text: RegExp.prototype.toString.call(value) };
  } else if (util.types.isDate(value)) {
    kind = { k: "date", text: isNaN(value.getTime()) ? Date.prototype.toString.call(value) : value.toISOString() };
  } else if (util.types.isMap(value)) {
    const entries = [];
    if (collect) for (const [k, v] of value) { if (entries.length >= options.maxArrayLength) break; entries.push([child(k), child(v)]); }
    kind = { k: "map", size: value.size, entries };
  } else if (util.types.isSet(value)) {
    const entries = [];
    if (collect) for (const v of value) { if (entries.length >= options.maxArrayLength) break; entries.push(child(v)); }
    kind = { k: "set", size: value.size, entries };
  } else if (util.types.isWeakMap(value)) {
    kind = { k: "weakmap" };
  } else if (util.types.isWeakSet(value)) {
    kind = { k: "weakset" };
  } else if (util.types.isPromise(value)) {
    const [state, result] = promiseStates.get(value) || ["pending"];
    kind = { k: "promise", state, value: state === "pending" ? null : child(result) };
  } else if (util.types.isBoxedPrimitive(value)) {
    let type, primitive;
    if (util.types.isNumberObject(value)) { type = "Number"; primitive = Number.prototype.valueOf.call(value); }
    else if (util.types.isStringObject(value)) { type = "String"; primitive = String.prototype.valueOf.call(value); keys.splice(0, primitive.length); }
    else if (util.types.isBooleanObject(value)) { type = "Boolean"; primitive = Boolean.prototype.valueOf.call(value); }
    else if (util.types.isBigIntObject(value)) { type = "BigInt"; primitive = BigInt.prototype.valueOf.call(value); }
    else { type = "Symbol"; primitive = Symbol.prototype.valueOf.call(value); }
    kind = { k: "boxed", type, value: primitiveSnapshot(primitive) };
  } else if (util.types.isArgumentsObject(value)) {
    kind = { k: "arguments" };
  } else {
    kind = { k: "ordinary" };
  }
  const properties = keys.map((key) => {
    const descriptor = Object.getOwnPropertyDescriptor(value, key) || { value: value[key], enumerable: true };
    return { k: keyOf(key), e: descriptor.enumerable !== false, c: content(descriptor) };
  });
  return { t: "object", id: identityOf(value), ctor: constructorName, tag, kind, props: properties };
}

// ---------------------------------------------------------------------------------------
// Test values.
class Point { constructor(x, y) { this.x = x; this.y = y; } }
class Empty {}
class Animal { constructor(name) { this.name = name; } }
class Dog extends Animal { constructor(name) { super(name); this.good = true; } }
class Tagged { get [Symbol.toStringTag]() { return "Custom"; } }
class MyError extends Error {}
class NamedError extends Error { constructor(m) { super(m); this.name = "NamedError"; } }
const fakeStack = (error, frames) => { error.stack = error.stack.split("\n")[0] + frames; return error; };

const handwritten = [
  "a plain string", 42, -0, 0, NaN, Infinity, -Infinity, 1e21, 1e-7, 5n, -12345678901234567890n, true, false, null, undefined,
  Symbol("foo"), Symbol(), Symbol.iterator, Symbol("it's"),
  ["strings", "in", "arrays", "are", "quoted"],
  { name: "Ada", langs: ["en", "fr"], address: { city: "London", geo: { lat: 51.5 } } },
  ["level 1", ["level 2", ["level 3", ["level 4"]]]],
  { a: { b: { c: { d: "too deep" } } } },
  new Map([["one", 1], ["two", 2]]), new Set(["x", "y"]), new Map(), new Set(),
  new Point(3, 4), [new Point(0, 0)], new Empty(), new Dog("rex"),
  [undefined, null, -0, NaN, 1e21, 5n], {},
  { "needs-quotes": 1, valid_key: 2, "it's": 3, $dollar: 4, _under: 5, "0": 6, "12": 7, "": 8, "a b": 9 },
  Array.from({ length: 10 }, (_, i) => i * 11),
  { id: 1, title: "A fairly long title that forces the object onto several lines", tags: ["one", "two"] },
  [{ a: 1 }, { a: 1 }, { a: 1 }, { a: 1 }, { a: 1 }, { a: 1 }, { a: 1 }],
  ["it's", 'a"b', "it's \"x\"", "it's \"x\" `y`", "it's \"x\" ${y}", "a\nb", "\x7f\u0085", "\ud800x", "tab\there", "back\\slash", "\x00\x1b", "😀 emoji", "日本語"],
  new Set(Array.from({ length: 120 }, (_, i) => i)),
  Array.from({ length: 130 }, (_, i) => i),
  Array.from({ length: 101 }, (_, i) => `s${i}`),
  [1, , 3, , , 6], new Array(5), [, 1], new Array(200), Object.assign(new Array(150), { 120: "x" }),
  Object.assign([1, 2, 3], { extra: "yes" }), Object.assign([1, 2, 3, 4, 5, 6, 7], { extra: 8 }),
  { f() {}, g: () => 1, h: class A {}, i: class extends Array {}, j: async function () {}, k: function* () {}, l: async function* () {}, m: function () {} },
  Object.create(null), Object.assign(Object.create(null), { a: 1 }), Object.create(Object.create(null)),
  [Symbol("x")], { [Symbol("s")]: 1, [Symbol("it's")]: 2 },
  new Number(3), new String("ab"), new Boolean(false), Object(Symbol("q")), Object(5n), Object.assign(new Number(-0), { x: 1 }),
  /a/g, /[\/]+x$/imsuy, new Date(0), new Date(NaN), Object.assign(new Date(86400000), { note: "x" }),
  function foo() {}, Object.assign(function bar() {}, { x: 1 }), class Base {}, class Derived extends Point {},
  Object.assign(class WithStatic { }, { count: 3 }),
  { get a() { return 1; }, set b(v) {}, get c() { return 1; }, set c(v) {} },
  new WeakMap(), new WeakSet(),
  fakeStack(new Error("boom"), "\n    at foo (file.js:1:1)\n    at bar (file.js:2:2)"),
  fakeStack(new Error("no frames here"), ""),
  fakeStack(new TypeError("bad", { cause: 5 }), "\n    at a (b:1:1)"),
  fakeStack(new MyError("mine"), "\n    at a (b:1:1)"),
  fakeStack(new NamedError("named"), "\n    at a (b:1:1)"),
  Object.assign(fakeStack(new RangeError("with props"), "\n    at a (b:1:1)"), { code: "E_CODE", errno: 3 }),
  { nested: fakeStack(new Error("inner"), "\n    at x (y:1:1)") },
  fakeStack(new AggregateError([fakeStack(new Error("one"), "\n    at o (p:1:1)")], "many"), "\n    at q (r:1:1)"),
  Object.assign(fakeStack(new Error("frameless"), ""), { extra: true }),
  Object.assign(fakeStack(new Error("outer", { cause: fakeStack(new Error("inner cause"), "\n    at c (d:1:1)") }), "\n    at e (f:1:1)"), {}),
  fakeStack(new SyntaxError(""), "\n    at s (t:1:1)"),
  [new Tagged()], { [Symbol.toStringTag]: "Own" },
  "x".repeat(200), ["x".repeat(100)], { text: "line one\nline two\nline three is longer than the others here\n" },
  [["a", 1], ["b", 2]], [[1, 2, [3, 4, [5, 6, [7]]]]],
  { a: [1, 2, 3], b: { c: [4, 5, { d: 6 }] } },
  Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i).repeat(i % 7 + 1)),
  Array.from({ length: 30 }, (_, i) => i * i * i),
  Array.from({ length: 12 }, (_, i) => (i % 2 ? "str" + i : i)),
  Array.from({ length: 8 }, (_, i) => BigInt(i) ** 10n),
  Array.from({ length: 40 }, (_, i) => ({ id: i })),
  Array.from({ length: 7 }, (_, i) => [i, i + 1]),
  ["日本", "中文字", "한국어", "abc", "de", "f", "gh", "ij"],
];
(function () { handwritten.push(arguments); })(1, "two", [3]);
{
  const o = { a: 1 }; o.self = o; handwritten.push(o);
  const p = { x: {} }; p.x.y = p; p.x.z = p.x; handwritten.push(p);
  const arr = [1, 2]; arr.push(arr); handwritten.push(arr);
  const m = new Map(); m.set("me", m); handwritten.push(m);
  const q = { list: [] }; q.list.push({ back: q }, { back: q.list }); handwritten.push(q);
  const resolved = Promise.resolve(5); promiseStates.set(resolved, ["fulfilled", 5]); handwritten.push(resolved);
  const pending = new Promise(() => {}); handwritten.push(pending);
  const reason = fakeStack(new Error("no"), "\n    at z (w:1:1)");
  const rejected = Promise.reject(reason); rejected.catch(() => {});
  promiseStates.set(rejected, ["rejected", reason]);
  handwritten.push(rejected);
  handwritten.push({ promise: resolved, list: [pending] });
}

// Random values.
const keyPool = ["a", "b", "id", "name", "value", "x", "y", "long_property_name", "needs-quote", "with space", "0", "1", "42", "$", "_private", "camelCase", "Ünïcode", "key9"];
const stringPool = ["", "a", "hello", "hello world", "it's", 'say "hi"', "multi\nline", "tab\t", "ünïcödé", "日本語テキスト", "😀😀", "a longer string value that takes some room", "x".repeat(40)];
function randomPrimitive() {
  switch (randomInt(9)) {
    case 0: return randomInt(1000);
    case 1: return (random() - 0.5) * 10 ** randomInt(12);
    case 2: return pick(stringPool);
    case 3: return pick([true, false]);
    case 4: return pick([null, undefined]);
    case 5: return pick([-0, NaN, Infinity, 1e21, 1e-7, 0.1]);
    case 6: return BigInt(randomInt(100000)) * pick([1n, -1n, 10n ** 20n]);
    case 7: return Symbol(pick(["", "tag", "it's"]));
    default: return randomInt(100);
  }
}
function randomValue(depth, ancestors) {
  if (depth <= 0 || random() < 0.3) return randomPrimitive();
  if (ancestors.length > 0 && random() < 0.04) return pick(ancestors);
  const kind = randomInt(12);
  if (kind <= 3) {
    const length = random() < 0.15 ? 95 + randomInt(20) : randomInt(random() < 0.5 ? 8 : 30);
    const flavour = randomInt(4);
    const array = [];
    const self = array;
    for (let i = 0; i < length; i++) {
      if (flavour === 0) array.push(randomInt(10 ** randomInt(6)));
      else if (flavour === 1) array.push(pick(stringPool));
      else if (flavour === 2) array.push(randomPrimitive());
      else array.push(randomValue(depth - 1, ancestors.concat([self])));
    }
    if (random() < 0.1 && length > 2) delete array[randomInt(length)];
    if (random() < 0.08) array.extra = randomPrimitive();
    return array;
  }
  if (kind <= 7) {
    const object = kind === 7 ? new Point(randomInt(10), randomInt(10)) : {};
    const count = randomInt(kind === 6 ? 12 : 6);
    for (let i = 0; i < count; i++) object[pick(keyPool)] = randomValue(depth - 1, ancestors.concat([object]));
    return object;
  }
  if (kind === 8) {
    const map = new Map();
    const count = randomInt(6);
    for (let i = 0; i < count; i++) map.set(randomPrimitive(), randomValue(depth - 1, ancestors.concat([map])));
    return map;
  }
  if (kind === 9) {
    const set = new Set();
    const count = randomInt(8);
    for (let i = 0; i < count; i++) set.add(randomValue(depth - 1, ancestors.concat([set])));
    return set;
  }
  if (kind === 10) return pick([function named() {}, () => {}, class K {}, new Date(randomInt(2e12)), /re+/g]);
  return Object.assign(Object.create(null), { inner: randomValue(depth - 1, ancestors) });
}

const optionSets = [
  { depth: 2, maxArrayLength: 100 },
  { depth: 0, maxArrayLength: 100 },
  { depth: 4, maxArrayLength: 100 },
  { depth: null, maxArrayLength: 100 },
];
const lines = [];
function emit(value, options) {
  const tree = snapshot(value, options, 0, []);
  const expected = util.inspect(value, { depth: options.depth === null ? Infinity : options.depth, maxArrayLength: options.maxArrayLength });
  const line = JSON.stringify({ depth: options.depth, tree, expected });
  // Keep the table small: skip the rare huge random values.
  if (line.length < 40000) lines.push(line);
}
for (const value of handwritten) {
  emit(value, optionSets[0]);
  emit(value, optionSets[1]);
}
for (let i = 0; i < 900; i++) {
  const value = randomValue(1 + randomInt(6), []);
  emit(value, optionSets[i % 10 === 0 ? 1 + randomInt(3) : 0]);
}
process.stdout.write(lines.join("\n") + "\n");
