// The Function constructor family builds functions in the global scope from strings, and the
// sloppy-mode `with` statement looks names up in an object first.
const add = new Function("a", "b", "return a + b");
console.log(add(2, 3), add.name, add.length);
console.log(add.toString());

const noParams = Function("return typeof Math");
console.log(noParams());

const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;
const counter = new GeneratorFunction("limit", "for (let i = 0; i < limit; i++) yield i;");
console.log(GeneratorFunction.name, [...counter(3)]);

const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
const asyncDouble = AsyncFunction("x", "return await x * 2");
asyncDouble(21).then((value) => console.log("async", value));

for (const [parameters, body] of [["a) {", "}"], ["/*", "*/) {"], ["", "}); (function() {"]]) {
  try {
    Function(parameters, body);
    console.log("accepted", parameters);
  } catch (error) {
    console.log(error.name);
  }
}

const point = { x: 1, y: 2, describe() { return this === point; } };
var x = "outer x";
with (point) {
  console.log(x + y, describe());
  x = 10;
}
console.log(point.x, x);

const hidden = { value: "from object", [Symbol.unscopables]: { value: true } };
var value = "from scope";
with (hidden) {
  console.log(value);
}

function makeReader(object) {
  with (object) {
    return function () {
      return typeof missing + " " + present;
    };
  }
}
console.log(makeReader({ present: "yes" })());

with ([1, 2, 3]) {
  console.log(length, join("-"));
}
