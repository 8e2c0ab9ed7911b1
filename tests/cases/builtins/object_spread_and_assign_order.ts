// Object spread, rest patterns and Object.assign read plain objects' slots directly; these
// cases pin the order (strings, then symbols), non-enumerable and accessor properties, and
// a target setter that changes the source while Object.assign copies it.
const s = Symbol("s"), h = Symbol("hidden");
const src = { b: 1, a: 2, [s]: 3, 10: "ten", 2: "two" };
Object.defineProperty(src, h, { value: 4, enumerable: false });
Object.defineProperty(src, "ne", { value: 5, enumerable: false });
const copy = { ...src };
console.log(copy, Object.getOwnPropertySymbols(copy).length, Reflect.ownKeys(copy));
const plain = { x: 1, [s]: 2, y: 3 };
const { x, ...rest } = plain; console.log(x, rest, Reflect.ownKeys(rest));
const withGetter = { get g() { delete this.later; return 1; }, later: 2 };
console.log({ ...withGetter });
class C { constructor() { this.p = 1; } get q() { return 2; } }
console.log({ ...new C() }, { ...[1, 2] }, { ..."hi" }, { ...null }, { ...Object.create({ inherited: 1 }) });
const frozen = Object.freeze({ f: 1 }); console.log({ ...frozen, g: 2 });
const src2 = { a: 1, b: 2, c: 3 }; Object.defineProperty(src2, "d", { value: 4, enumerable: false, configurable: true });
const tgt = { set a(v) { delete src2.b; src2.c = 30; Object.defineProperty(src2, "d", { enumerable: true }); this._a = v; } };
console.log(Object.assign(tgt, src2), Object.assign({}, { x: 1 }, null, { [s]: 2, y: 2 }, "ab"));
