// try/catch/finally ordering: return from try or catch, return in finally overriding, nested rethrow, throw in catch.
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
