// console.log formatting of many kinds of values.
class Point { constructor(x, y) { this.x = x; this.y = y; } }
class Empty {}
console.log(new Point(1, 2), new Empty(), [new Point(3, 4)], { p: new Point(5, 6) });
console.log([1, , 3], new Array(3), [undefined, null], [[]], [{}], {});
console.log(Array.from({ length: 30 }, (_, i) => i * 3));
console.log(Array.from({ length: 120 }, (_, i) => i));
console.log(["apple", "banana", "cherry", "date", "elderberry", "fig", "grape", "honeydew"]);
console.log({ a: 1, "b-c": 2, [Symbol("s")]: 3, 42: "answer" });
console.log(new Map([[1, { a: 1 }], ["k", [1, 2]]]), new Set([1, "two", [3]]));
console.log(function named() {}, () => {}, class A {}, class B extends Point {}, Math.max);
console.log(Object.create(null), Object.assign(Object.create(null), { x: 1 }));
const circular = { name: "loop" }; circular.self = circular; circular.list = [circular];
console.log(circular);
console.log({ get g() { return 1; }, set s(v) {}, get gs() { return 1; }, set gs(v) {} });
console.log(new Number(3), new String("str"), new Boolean(true), Object(Symbol("sym")));
console.log(/ab+c/gi, new Date(0), [new Date(86400000)], new Date(NaN));
console.log("%s is %d years and %i days, %f%%", "Bob", 42.5, 7.9, 1.5, "extra");
console.log("%o and %O and %j", { a: [1] }, { b: 2 }, { c: 3 });
console.log("%c styled", "color: red", "after");
console.log(-0, [-0], 0, 1e21, 1e-7, 123456789012345680000, 5n, [-5n], Symbol.iterator);
console.log("quotes:", ["it's", 'say "hi"', `both ' and "`, "tab\t", "nl\n"]);
console.log({ long: "x".repeat(100) });
console.log({ deep: { deeper: { deepest: { end: true } } }, arr: [[[[1]]]] });
console.log(new WeakMap(), new WeakSet(), Promise.resolve(7), Promise.reject(new Error("no")).catch(() => {}) && 1);
console.log([1.5, -2.25, 300, 4, 5, 6, 7], [true, false, true, false, true, false, true]);
console.log(Object.assign([1, 2], { extra: "prop" }), Object.assign(() => {}, { fnProp: 1 }));
