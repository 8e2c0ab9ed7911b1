// try/catch/finally control flow: ordering, rethrow, return/break/continue through finally, return in finally.
const log: string[] = [];
function basic(shouldThrow: boolean): string {
  try {
    log.push("try");
    if (shouldThrow) throw new Error("boom");
    log.push("try end");
    return "from try";
  } catch (e) {
    log.push("catch " + (e as Error).message);
    return "from catch";
  } finally {
    log.push("finally");
  }
}
console.log(basic(false), log.splice(0).join(","));
console.log(basic(true), log.splice(0).join(","));

function finallyOverridesReturn(): string {
  try {
    return "try";
  } finally {
    return "finally wins";
  }
}
console.log(finallyOverridesReturn());

function finallySwallowsThrow(): string {
  try {
    throw new Error("lost");
  } finally {
    return "swallowed";
  }
}
console.log(finallySwallowsThrow());

function returnValueIsCapturedBeforeFinally(): number {
  let x = 1;
  try {
    return x;
  } finally {
    x = 100;
  }
}
console.log("return value captured before finally:", returnValueIsCapturedBeforeFinally());

function nested(): string[] {
  const steps: string[] = [];
  try {
    try {
      steps.push("inner try");
      throw new TypeError("inner");
    } finally {
      steps.push("inner finally");
    }
  } catch (e) {
    steps.push("outer catch " + (e as Error).name);
    try {
      throw e;
    } catch (again) {
      steps.push("rethrown same object: " + (again === e));
    }
  } finally {
    steps.push("outer finally");
  }
  return steps;
}
console.log(nested());

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

function throwInCatch(): string {
  try {
    try {
      throw new Error("first");
    } catch (e) {
      throw new Error("second from catch");
    } finally {
      log.push("finally after catch threw");
    }
  } catch (e) {
    return (e as Error).message + " / " + log.splice(0).join();
  }
}
console.log(throwInCatch());

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
