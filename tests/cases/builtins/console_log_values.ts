// console.log of primitives, strings with quotes, functions, classes, boxed values and format specifiers.
console.log("plain string is not quoted");
console.log(["it's", 'say "hi"', `both ' and "`, "all ' \" `"]);
console.log({ s: "it's" }, ["\\", "\n", "\u0001", "\x7f"]);
console.log(1, -1, 0.5, 1e21, -1e-7, 0, -0);
console.log(true, false, null, undefined);
console.log("", "empty string above is printed as nothing");
console.log([""], { e: "" });
function namedFunction() {}
const arrowFunction = () => {};
class SomeClass {}
class Derived extends SomeClass {}
console.log(namedFunction, arrowFunction, SomeClass, Derived);
console.log(function () {}, () => {}, class {});
console.log([namedFunction, SomeClass]);
console.log(Math.max, console.log, Array);
const fnWithProps = Object.assign(function decorated() {}, { tag: "x" });
console.log(fnWithProps);
console.log(new SomeClass(), new Derived());
console.log(Object.assign(new Derived(), { field: 1 }));
console.log(new String("boxed"), new Number(-0), new Boolean(true));
console.log("%s and %s", "first", "second", "extra");
console.log("%d items at %i%%", 42.5, 7.9);
console.log("%o", "string via %o");
console.log("%j is JSON:", { j: [1] });
console.log("no format", "%s");
console.log("%s", { a: 1 }, "%s", [1, 2]);
console.log("%s %s", "only one");
console.log("%c styled", "color: red");
console.log("number %d string %s", "12", 34);
console.log();
console.log("after empty line");
console.log("multiple", "arguments", "joined", "by", "spaces");
console.log("embedded\nnewline", "and\ttab");
console.log("typeof console.log:", typeof console.log);
console.log([undefined, null], { u: undefined }, [[undefined]]);
console.log(globalThis === undefined, typeof globalThis);
