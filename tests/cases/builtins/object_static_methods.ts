// Object static methods: keys/values/entries, assign, freeze/seal, fromEntries, getPrototypeOf, create, defineProperty.
const obj = { b: 2, a: 1, 10: "ten", 2: "two" };
console.log("keys:", Object.keys(obj));
console.log("values:", Object.values(obj));
console.log("entries:", Object.entries(obj));
console.log("of strings and arrays:", Object.keys("hi"), Object.keys(["x", "y"]), Object.entries("ab"));

const target = { a: 1, b: 1 };
const result = Object.assign(target, { b: 2, c: 3 }, null, { d: 4 }, undefined);
console.log("assign:", result, result === target);
console.log("assign copies strings:", Object.assign({}, "ab"), Object.assign({}, [9]));

const frozen = Object.freeze({ x: 1, inner: { y: 2 } });
(frozen as any).x = 100;
(frozen as any).added = true;
frozen.inner.y = 200;
console.log("freeze is shallow:", frozen, Object.isFrozen(frozen), Object.isFrozen(frozen.inner));
const sealed = Object.seal({ s: 1 });
(sealed as any).s = 2;
(sealed as any).t = 3;
delete (sealed as any).s;
console.log("seal:", sealed, Object.isSealed(sealed), Object.isExtensible(sealed));
const locked = Object.preventExtensions({ p: 1 });
(locked as any).q = 2;
console.log("preventExtensions:", locked, Object.isExtensible(locked));

console.log("fromEntries:", Object.fromEntries([["a", 1], ["b", 2]]), Object.fromEntries(new Map([["m", true]])));
const inverted = Object.fromEntries(Object.entries({ one: 1, two: 2 }).map(([k, v]) => [v, k]));
console.log("invert:", inverted);

class Animal {}
class Dog extends Animal {}
const dog = new Dog();
console.log("getPrototypeOf:", Object.getPrototypeOf(dog) === Dog.prototype, Object.getPrototypeOf(Dog.prototype) === Animal.prototype, Object.getPrototypeOf(Object.prototype));
console.log("getPrototypeOf literal/array:", Object.getPrototypeOf({}) === Object.prototype, Object.getPrototypeOf([]) === Array.prototype);
const proto = { greet(): string { return "hi from proto"; } };
const created = Object.create(proto);
created.own = 1;
console.log("create:", created.greet(), Object.keys(created), proto.isPrototypeOf(created), Object.getPrototypeOf(created) === proto);
const withSetProto = Object.setPrototypeOf({ a: 1 }, proto);
console.log("setPrototypeOf:", withSetProto.greet());

const defined = {};
Object.defineProperty(defined, "hidden", { value: "secret", enumerable: false, writable: false, configurable: false });
Object.defineProperty(defined, "shown", { value: "visible", enumerable: true });
Object.defineProperties(defined, { extra: { value: 3, enumerable: true }, getterProp: { get: () => "computed", enumerable: true } });
(defined as any).hidden = "changed";
console.log("defineProperty:", defined, (defined as any).hidden, Object.keys(defined));
console.log("descriptor:", Object.getOwnPropertyDescriptor(defined, "hidden"));
console.log("data descriptor of literal:", Object.getOwnPropertyDescriptor({ v: 1 }, "v"));
console.log("getOwnPropertyNames includes non-enumerable:", Object.getOwnPropertyNames(defined), Object.getOwnPropertyNames([1, 2]));
console.log("hasOwn:", Object.hasOwn(obj, "a"), Object.hasOwn(obj, "toString"), obj.hasOwnProperty("b"), "toString" in obj);
console.log("is:", Object.is(NaN, NaN), Object.is(0, -0), Object.is(obj, obj));
console.log("propertyIsEnumerable:", defined.propertyIsEnumerable("hidden"), defined.propertyIsEnumerable("shown"));
console.log("toString tags:", Object.prototype.toString.call([]), Object.prototype.toString.call(null), Object.prototype.toString.call(undefined), Object.prototype.toString.call(1), String({}));
const counts = Object.entries({ apples: 3, pears: 0, plums: 7 })
  .filter(([, n]) => n > 0)
  .map(([fruit, n]) => `${fruit}:${n}`);
console.log("entries pipeline:", counts.join(", "));
console.log("Object() wraps:", typeof Object(1), Object(null), Object(undefined), Object("s") instanceof String);
