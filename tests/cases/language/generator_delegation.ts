// yield* forwards next/throw/return to the inner iterator and evaluates to its return value.
function* inner() {
  try {
    const received = yield 1;
    console.log("inner received", received);
    yield 2;
    return "inner done";
  } finally {
    console.log("inner finally");
  }
}

function* outer() {
  const result = yield* inner();
  console.log("yield* evaluated to", result);
  yield* [10, 20];
  yield* "ab";
  return "outer done";
}

const generator = outer();
console.log(JSON.stringify(generator.next("ignored")));
console.log(JSON.stringify(generator.next("hello")));
for (const value of generator) {
  console.log("for-of got", value);
}

// The inner result object is handed out as is (not re-wrapped).
const sharedResult = { value: "raw", done: false, extra: true };
const rawIterator = {
  [Symbol.iterator]() {
    return this;
  },
  next() {
    return sharedResult;
  },
};
function* passThrough() {
  yield* rawIterator;
}
console.log(passThrough().next() === sharedResult);

// throw() is forwarded; return() is forwarded and closes the delegation.
const log = [];
const protocol = {
  [Symbol.iterator]() {
    return this;
  },
  next(value) {
    log.push("next:" + String(value));
    return { value: "n", done: false };
  },
  throw(value) {
    log.push("throw:" + String(value));
    return { value: "t", done: false };
  },
  return(value) {
    log.push("return:" + String(value));
    return { value: "r", done: true };
  },
};
function* delegating() {
  try {
    yield* protocol;
  } finally {
    log.push("outer finally");
  }
}
const delegate = delegating();
delegate.next("a");
delegate.next("b");
console.log(JSON.stringify(delegate.throw("c")));
console.log(JSON.stringify(delegate.return("d")));
console.log(log.join(", "));

// An inner iterator without throw() is closed, then yield* throws a TypeError.
function* noThrowMethod() {
  yield* {
    [Symbol.iterator]() {
      return {
        next: () => ({ value: 1, done: false }),
        return: () => {
          console.log("closed before the TypeError");
          return {};
        },
      };
    },
  };
}
const withoutThrow = noThrowMethod();
withoutThrow.next();
try {
  withoutThrow.throw(new Error("boom"));
} catch (error) {
  console.log(error.constructor.name);
}
