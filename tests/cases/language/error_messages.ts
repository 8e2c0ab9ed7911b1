// Runtime error types and the exact messages node prints for common mistakes.
function messageOf(f: () => unknown): string {
  try {
    f();
    return "no error";
  } catch (e) {
    const err = e as Error;
    return `${err.name}: ${err.message}`;
  }
}

const missing: any = undefined;
const nothing: any = null;
const obj: any = { inner: undefined, fn: 5, nested: { deeper: null } };
console.log(messageOf(() => missing.x));
console.log(messageOf(() => nothing.x));
console.log(messageOf(() => obj.inner.x));
console.log(messageOf(() => obj.nested.deeper.value));
console.log(messageOf(() => missing[0]));
console.log(messageOf(() => (missing.x = 1)));
console.log(messageOf(() => (nothing.y = 1)));
console.log(messageOf(() => undefinedVariable));
console.log(messageOf(() => (undefinedVariable as any)()));
console.log(messageOf(() => missing()));
console.log(messageOf(() => obj.fn()));
console.log(messageOf(() => obj.notThere()));
console.log(messageOf(() => obj.nested.method()));
console.log(messageOf(() => new (5 as any)()));
class Widget {}
console.log(messageOf(() => (Widget as any)()));
console.log(messageOf(() => new Array(-1)));
console.log(messageOf(() => (1.5).toFixed(101)));
console.log(messageOf(() => "abc".repeat(-1)));
console.log(messageOf(() => JSON.parse("{bad json")));
console.log(messageOf(() => Object.defineProperty(Object.freeze({}), "x", { value: 1 })));
console.log(messageOf(() => (1 as any).toString(1)));

const errors = [new Error("plain"), new TypeError("type"), new RangeError("range"), new SyntaxError("syntax"), new ReferenceError("ref"), new EvalError("eval"), new URIError("uri")];
for (const e of errors) {
  console.log(e.name, "|", e.message, "|", String(e), "|", e instanceof Error, Object.prototype.toString.call(e));
}
const noMessage = new Error();
console.log(`empty message: [${noMessage.message}] toString: [${noMessage.toString()}]`);
const withCause = new Error("outer", { cause: "the cause" });
console.log("cause:", withCause.cause);
console.log("error is object:", typeof new Error("x"), Object.keys(new Error("x")));
console.log("Error called without new:", (Error as any)("no new").message, (TypeError as any)("t") instanceof TypeError);
const custom = new Error("changed");
custom.name = "CustomName";
console.log("renamed:", String(custom));
custom.message = "new message";
console.log("remessaged:", custom.toString());
console.log("toString on plain object:", Error.prototype.toString.call({ name: "N", message: "M" }));
console.log("has stack string:", typeof new Error("s").stack);
