// Closures: counters, shared captured state, closures over parameters and immediately invoked functions.
function makeCounter(start: number = 0) {
  let count = start;
  return {
    increment: () => ++count,
    decrement: () => --count,
    get value(): number {
      return count;
    },
  };
}

const first = makeCounter();
const second = makeCounter(100);
first.increment();
first.increment();
second.decrement();
console.log("first:", first.value, "second:", second.value);
console.log("independent:", first.increment(), second.increment());

function makeAdders(): Array<(n: number) => number> {
  const adders: Array<(n: number) => number> = [];
  for (const step of [1, 5, 10]) {
    adders.push((n) => n + step);
  }
  return adders;
}
console.log(makeAdders().map((add) => add(100)));

function sharedState() {
  let secret = "initial";
  const read = () => secret;
  const write = (v: string) => {
    secret = v;
  };
  return [read, write] as const;
}
const [read, write] = sharedState();
console.log(read());
write("changed");
console.log(read());

const memo = (() => {
  const cache: Record<number, number> = {};
  let misses = 0;
  function fib(n: number): number {
    if (n < 2) return n;
    if (cache[n] !== undefined) return cache[n];
    misses++;
    return (cache[n] = fib(n - 1) + fib(n - 2));
  }
  return { fib, misses: () => misses };
})();
console.log("memo fib(50):", memo.fib(50), "misses:", memo.misses());
console.log("memo again:", memo.fib(40), "misses:", memo.misses());

function deepCapture() {
  let level1 = 1;
  return function () {
    let level2 = 2;
    return function () {
      let level3 = 3;
      return function () {
        level1 += 10;
        return level1 + level2 + level3;
      };
    };
  };
}
const innermost = deepCapture()()();
console.log("deep capture:", innermost(), innermost());

let captureLater = "before";
const seesUpdates = () => captureLater;
captureLater = "after";
console.log("closure sees later assignment:", seesUpdates());

function once<T>(f: () => T): () => T {
  let done = false;
  let result: T;
  return () => {
    if (!done) {
      done = true;
      result = f();
    }
    return result;
  };
}
let calls = 0;
const init = once(() => ++calls * 7);
console.log("once:", init(), init(), init(), "calls:", calls);
