// Explicit resource management: `using` and `await using` in blocks, function bodies,
// for-of heads, with break/continue/return/throw, and errors combined into SuppressedError.
// (DisposableStack, AsyncDisposableStack and Iterator.prototype[Symbol.dispose] are covered
// by test262: Node 20, the oracle, does not have them.)
const log: string[] = [];

class Resource {
  constructor(readonly name: string, readonly failWith?: string) {}
  [Symbol.dispose](): void {
    log.push(`dispose ${this.name}`);
    if (this.failWith) throw new Error(this.failWith);
  }
}

function blockScope(): void {
  using first = new Resource("first");
  using nothing = null;
  {
    using inner = new Resource("inner");
    log.push(`body uses ${inner.name} and ${first.name}`);
  }
  log.push("after inner block");
}
blockScope();
console.log(log.splice(0).join(" | "));

function earlyReturn(flag: boolean): string {
  using resource = new Resource("returning");
  if (flag) return "early";
  return "late";
}
console.log(earlyReturn(true), log.splice(0).join(" | "));

for (using item of [new Resource("a"), new Resource("b"), new Resource("c")]) {
  if (item.name === "b") continue;
  log.push(`loop ${item.name}`);
  if (item.name === "c") break;
}
console.log(log.splice(0).join(" | "));

try {
  using one = new Resource("one", "failure in one");
  using two = new Resource("two", "failure in two");
  throw new Error("body failure");
} catch (error) {
  const suppressed = error as SuppressedError;
  console.log(suppressed.name, suppressed.error.message);
  console.log(suppressed.suppressed.name, suppressed.suppressed.error.message, suppressed.suppressed.suppressed.message);
  console.log(error instanceof Error);
}
console.log(log.splice(0).join(" | "));

try {
  using notDisposable = { name: "plain" } as any;
} catch (error) {
  console.log((error as Error).constructor.name);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Connection {
  constructor(readonly id: number) {}
  async [Symbol.asyncDispose](): Promise<void> {
    await sleep(5);
    log.push(`closed connection ${this.id}`);
  }
}

async function main(): Promise<void> {
  {
    await using first = new Connection(1);
    await using sync = new Resource("sync inside async");
    await using second = new Connection(2);
    log.push("using connections");
  }
  console.log(log.splice(0).join(" | "));

  try {
    await using failing = {
      async [Symbol.asyncDispose]() {
        throw new RangeError("async disposal failed");
      },
    };
  } catch (error) {
    console.log((error as Error).name, (error as Error).message);
  }
}
main().then(() => console.log("done"));
