// Built-in prototypes and constructors whose methods are installed on first touch must
// behave as if they had always been complete, whatever the first operation on them is.

// 1. The first touch of Date.prototype is a definition: the built-ins appear beside it.
Object.defineProperty(Date.prototype, "custom", { value: 1, enumerable: false });
console.log(typeof Date.prototype.getTime, (Date.prototype as any).custom);

// 2. The first touch of RegExp.prototype is a delete of a built-in method.
console.log(delete (RegExp.prototype as any).test, "test" in RegExp.prototype);
console.log(typeof RegExp.prototype.exec);

// 3. The first touch of Map.prototype is preventExtensions: its methods exist, and no new
// property can be added afterwards.
Object.preventExtensions(Map.prototype);
console.log(typeof Map.prototype.get, Object.isExtensible(Map.prototype));
console.log(Reflect.defineProperty(Map.prototype, "extra", { value: 1 }));

// 4. The first touch of Promise is listing its keys.
const promiseKeys = Object.getOwnPropertyNames(Promise);
console.log(["all", "any", "race", "reject", "resolve"].every((key) => promiseKeys.includes(key)));

// 5. `in` and hasOwnProperty on a fresh prototype.
console.log("padStart" in String.prototype, Object.prototype.hasOwnProperty.call(Number.prototype, "toFixed"));

// 6. for-in over an object whose chain holds deferred prototypes: built-ins are not enumerable.
const keys: string[] = [];
for (const key in Object.create(Set.prototype)) keys.push(key);
console.log(keys.length);

// 7. Arrays iterate before Array.prototype was touched, and a replaced iterator is honoured
// afterwards.
const seen: number[] = [];
for (const value of [1, 2, 3]) seen.push(value);
console.log(seen.join(","));
const original = Array.prototype[Symbol.iterator];
(Array.prototype as any)[Symbol.iterator] = function* () { yield "replaced"; };
const replaced: unknown[] = [];
for (const value of [1, 2]) replaced.push(value);
console.log(replaced.join(","));
Array.prototype[Symbol.iterator] = original;

// 8. arguments objects iterate with %Array.prototype.values%.
function collect(..._rest: number[]) {
  return [...arguments].join("+");
}
console.log(collect(4, 5, 6));

// 9. Freezing a prototype installs its contents first.
Object.freeze(Symbol.prototype);
console.log(Object.isFrozen(Symbol.prototype), typeof Symbol.prototype.toString);

// 10. Typed arrays share Array.prototype.toString; array iterators reach %IteratorPrototype%.
console.log((Uint8Array.prototype as any).toString === Array.prototype.toString);
const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([].values()));
console.log(typeof iteratorPrototype[Symbol.iterator], [...new Set([7, 8]).values()].join(","));

// 11. Errors print through inspect before anything touched Error.prototype's methods.
try {
  null!.x;
} catch (error) {
  console.log(error instanceof TypeError, String(error).startsWith("TypeError"));
}
console.log(Object.getOwnPropertyNames(DataView.prototype).length > 20, typeof BigInt.asIntN);
