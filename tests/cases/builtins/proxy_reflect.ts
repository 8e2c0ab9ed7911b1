// Proxy traps, their invariants, revocation, and the Reflect functions.
const log: string[] = [];
const target: Record<string, number> = { a: 1 };
const handler: ProxyHandler<Record<string, number>> = {
  get(t, key, receiver) {
    log.push(`get ${String(key)}`);
    return Reflect.get(t, key, receiver);
  },
  set(t, key, value, receiver) {
    log.push(`set ${String(key)}=${value}`);
    return Reflect.set(t, key, value * 10, receiver);
  },
  has(t, key) {
    log.push(`has ${String(key)}`);
    return key === "hidden" ? false : Reflect.has(t, key);
  },
  deleteProperty(t, key) {
    log.push(`delete ${String(key)}`);
    return Reflect.deleteProperty(t, key);
  },
  ownKeys(t) {
    log.push("ownKeys");
    return [...Reflect.ownKeys(t), "virtual"];
  },
  getOwnPropertyDescriptor(t, key) {
    log.push(`gopd ${String(key)}`);
    if (key === "virtual") return { value: 42, enumerable: true, configurable: true };
    return Reflect.getOwnPropertyDescriptor(t, key);
  },
};
const proxy = new Proxy(target, handler);
proxy.b = 2;
console.log(proxy.a, proxy.b, target.b);
console.log("a" in proxy, "hidden" in proxy);
console.log(Object.keys(proxy));
console.log(delete proxy.a, target.a);
console.log(log.join(" | "));

// An object inheriting from a proxy reaches the traps for missing properties.
const child = Object.create(new Proxy({}, { get: (_t, key) => `inherited ${String(key)}` }));
child.own = "own";
console.log(child.own, child.missing);

// Invariant violations are TypeErrors.
const frozen = Object.freeze({ fixed: 1 });
const liar = new Proxy(frozen, { get: () => 2 });
try {
  liar.fixed;
} catch (error) {
  console.log((error as Error).constructor.name);
}

// Callable and constructible proxies.
const double = new Proxy((x: number) => x * 2, {
  apply(fn, thisArg, args) {
    return fn.apply(thisArg, args) + 1;
  },
});
console.log(typeof double, double(20));
class Point {
  constructor(public x: number) {}
}
const TracedPoint = new Proxy(Point, {
  construct(C, args, newTarget) {
    return Reflect.construct(C, [args[0] * 100], newTarget);
  },
});
const point = new TracedPoint(3);
console.log(point.x, point instanceof Point);

// Revocation.
const { proxy: revocable, revoke } = Proxy.revocable({}, {});
revoke();
try {
  Object.keys(revocable);
} catch (error) {
  console.log("revoked:", (error as Error).constructor.name);
}
console.log(Array.isArray(new Proxy([], {})), Object.prototype.toString.call(new Proxy([], {})));

// Reflect on ordinary objects.
const plain = {};
console.log(Reflect.defineProperty(plain, "x", { value: 1 }), Reflect.defineProperty(Object.freeze({}), "y", { value: 1 }));
console.log(Reflect.getPrototypeOf([]) === Array.prototype, Reflect.setPrototypeOf(plain, null), Reflect.getPrototypeOf(plain));
console.log(Reflect.apply(Math.max, undefined, [1, 5, 3]), Reflect.ownKeys({ b: 1, [Symbol.iterator]: 0, 1: 2 }));
console.log(Reflect.isExtensible(plain), Reflect.preventExtensions(plain), Reflect.isExtensible(plain));
