// try/finally with break/continue in loops, throwing non-Error values, optional and destructured catch bindings.
function loopControl(): string {
  const out: string[] = [];
  for (let i = 0; i < 5; i++) {
    try {
      if (i === 1) continue;
      if (i === 3) break;
      out.push("body" + i);
    } finally {
      out.push("fin" + i);
    }
  }
  return out.join(" ");
}
console.log(loopControl());

function finallyBreakCancelsThrow(): string {
  for (;;) {
    try {
      throw new Error("cancelled");
    } finally {
      break;
    }
  }
  return "break in finally cancelled the exception";
}
console.log(finallyBreakCancelsThrow());

try {
  throw { custom: "object", code: 7 };
} catch (thrown) {
  console.log("throwing a plain object:", thrown);
}
try {
  throw "a string";
} catch (thrown) {
  console.log("throwing a string:", thrown, typeof thrown);
}
try {
  throw null;
} catch (thrown) {
  console.log("throwing null:", thrown);
}
try {
  throw new Error("no binding");
} catch {
  console.log("optional catch binding");
}
let counter = 0;
function finallyRunsOnEveryPath(n: number): number {
  try {
    if (n === 0) return 0;
    if (n === 1) throw new Error("one");
    return n;
  } catch {
    return -1;
  } finally {
    counter++;
  }
}
console.log([0, 1, 2].map(finallyRunsOnEveryPath), "finally ran", counter, "times");

const catchScope = "outer";
try {
  throw "inner";
} catch (catchScope) {
  console.log("catch parameter shadows:", catchScope);
}
console.log("outer unchanged:", catchScope);

try {
  throw new RangeError("destructured");
} catch ({ name, message }) {
  console.log("destructured catch parameter:", name, message);
}
