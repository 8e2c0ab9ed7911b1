// for await over async and sync iterables, async generators with yield*, and closing.
async function* countdown(from) {
  try {
    for (let i = from; i > 0; i--) {
      yield i;
    }
    return "liftoff";
  } finally {
    console.log("countdown finally");
  }
}

async function* combined() {
  const result = yield* countdown(2);
  console.log("inner returned", result);
  yield* [Promise.resolve("sync-a"), "sync-b"];
  yield await Promise.resolve("awaited");
}

async function main() {
  for await (const value of combined()) {
    console.log("got", value);
  }

  // A sync iterable of promises: each value is awaited.
  const values = [];
  for await (const value of [Promise.resolve("x"), "y", Promise.resolve("z")]) {
    values.push(value);
  }
  console.log(values.join(""));

  // Destructuring and assignment targets.
  let first;
  const pairs = [[1, 2], [3, 4]];
  for await ([first] of pairs) {
    console.log("first", first);
  }
  for await (const { length } of ["abc", "de"]) {
    console.log("length", length);
  }

  // break calls return() and awaits it.
  const closing = {
    [Symbol.asyncIterator]() {
      let count = 0;
      return {
        next: async () => ({ value: ++count, done: false }),
        return: async () => {
          console.log("return called");
          return { done: true };
        },
      };
    },
  };
  for await (const value of closing) {
    if (value === 3) break;
    console.log("closing got", value);
  }

  // An exception in the body closes the iterator and keeps the original error.
  try {
    for await (const value of countdown(5)) {
      console.log("before throw", value);
      throw new Error("stop");
    }
  } catch (error) {
    console.log("caught", error.message);
  }

  // Request queueing: several next() calls before any settles.
  const generator = countdown(2);
  const results = await Promise.all([generator.next(), generator.next(), generator.next()]);
  console.log(JSON.stringify(results));
}

main().then(() => console.log("main done"));
