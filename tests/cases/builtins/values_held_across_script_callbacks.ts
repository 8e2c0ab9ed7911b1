// Values that built-ins hold while they call back into script code must stay alive: the
// callbacks below allocate (so a collection can happen during them) and drop every other
// reference. Under the gc-stress feature every safepoint collects, so a value a built-in
// forgot to root is freed there and read afterwards. Each block comes from a test262 test
// that read a freed value under gc-stress (named in the comments).

function churn(): void {
  const garbage: object[] = [];
  for (let i = 0; i < 50; i++) garbage.push({ i, text: "x" + i });
}

// Map/Set constructors closing the iterator after the adder throws: the error is held while
// `return` runs (built-ins/Map/iterator-close-after-set-failure.js).
class Failing extends Error {}
let closed = 0;
const entries = {
  [Symbol.iterator]() {
    return {
      next() { churn(); return { done: false, value: ["k", "v"] }; },
      return() { closed++; churn(); return {}; },
    };
  },
};
const OriginalSet = Map.prototype.set;
Map.prototype.set = function () { throw new Failing("adder " + String(this.size)); };
try {
  new Map(entries as any);
} catch (error) {
  console.log("Map:", error instanceof Failing, (error as Error).message, "closed", closed);
}
Map.prototype.set = OriginalSet;

// Object.getOwnPropertyDescriptors over a proxy whose traps run script code: the result
// object is held across them (built-ins/Object/getOwnPropertyDescriptors/proxy-undefined-descriptor.js).
const target = { a: 1, b: 2, c: 3 };
const proxy = new Proxy(target, {
  ownKeys(t) { churn(); return Reflect.ownKeys(t); },
  getOwnPropertyDescriptor(t, key) { churn(); return key === "b" ? undefined : Reflect.getOwnPropertyDescriptor(t, key); },
});
const descriptors = Object.getOwnPropertyDescriptors(proxy);
console.log("descriptors:", Object.keys(descriptors).join(","), descriptors.a.value, descriptors.c.writable);

// A promise capability from a custom constructor is held while its reject function runs
// (built-ins/Promise/reject/capability-executor-called-twice.js).
function NotPromise(this: any, executor: (resolve: unknown, reject: unknown) => void) {
  this.tag = "custom";
  executor(function () {}, function () { churn(); });
}
const custom: any = Promise.reject.call(NotPromise, new Error("reason"));
console.log("capability:", custom.tag, custom instanceof NotPromise);

// The thenable job calls `reject` after `then` threw, holding the resolving functions only
// itself (built-ins/Promise/exception-after-resolve-in-thenable-job.js).
const thenable = {
  then(resolve: (value: string) => void) {
    resolve("resolved first");
    churn();
    throw new Error("ignored after resolve");
  },
};
Promise.resolve().then(() => thenable).then((value) => console.log("thenable:", value));

// String.prototype.slice on a converted `this` while its arguments run valueOf
// (built-ins/String/prototype/slice/S15.5.4.13_A1_T5.js).
const receiver = { toString() { return "converted " + "receiver"; } };
const end = { valueOf() { churn(); return 9; } };
console.log("slice:", String.prototype.slice.call(receiver, { valueOf() { churn(); return 0; } }, end));

// yield* in an async generator whose inner `next` returns a thenable with a throwing `then`
// (language/statements/async-generator/yield-star-next-then-returns-abrupt.js).
async function* outer() {
  yield* {
    [Symbol.asyncIterator]() {
      return {
        next() {
          return { get then() { churn(); throw new Failing("then getter"); } };
        },
      };
    },
  } as any;
}
outer().next().then(
  () => console.log("yield*: resolved"),
  (error) => console.log("yield*:", error instanceof Failing, error.message),
);
