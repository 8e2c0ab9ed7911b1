// Generic classes, interfaces and functions: constraints, defaults, keyof, mapped results.
interface Comparable<T> {
  compareTo(other: T): number;
}

class Version implements Comparable<Version> {
  constructor(readonly major: number, readonly minor: number) {}
  compareTo(other: Version): number {
    return this.major - other.major || this.minor - other.minor;
  }
  toString(): string {
    return `v${this.major}.${this.minor}`;
  }
}

function maxOf<T extends Comparable<T>>(items: T[]): T | undefined {
  let best: T | undefined;
  for (const item of items) if (best === undefined || item.compareTo(best) > 0) best = item;
  return best;
}
const versions = [new Version(1, 4), new Version(2, 0), new Version(1, 10)];
console.log(`max: ${maxOf(versions)}`, String(maxOf([])));

class Stack<T = number> {
  private items: T[] = [];
  push(...values: T[]): this {
    this.items.push(...values);
    return this;
  }
  pop(): T | undefined {
    return this.items.pop();
  }
  peek(): T | undefined {
    return this.items[this.items.length - 1];
  }
  get size(): number {
    return this.items.length;
  }
}
const stack = new Stack().push(1, 2, 3);
console.log(stack.pop(), stack.peek(), stack.size, stack);
const words = new Stack<string>().push("a", "b");
console.log(words.pop(), words);

function pluck<T, K extends keyof T>(items: T[], key: K): T[K][] {
  return items.map((item) => item[key]);
}
const people = [
  { name: "Ann", age: 31 },
  { name: "Bob", age: 25 },
];
console.log(pluck(people, "name"), pluck(people, "age"));

function mapValues<T extends object, U>(obj: T, f: (v: T[keyof T]) => U): { [K in keyof T]: U } {
  const out = {} as { [K in keyof T]: U };
  for (const key of Object.keys(obj) as Array<keyof T>) out[key] = f(obj[key]);
  return out;
}
console.log(mapValues({ a: 1, b: 2, c: 3 }, (n) => n * n));

class TypedEmitter<Events extends Record<string, unknown[]>> {
  private listeners: { [E in keyof Events]?: Array<(...args: Events[E]) => void> } = {};
  on<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): void {
    (this.listeners[event] ??= []).push(listener);
  }
  emit<E extends keyof Events>(event: E, ...args: Events[E]): number {
    const list = this.listeners[event] ?? [];
    list.forEach((l) => l(...args));
    return list.length;
  }
}
const emitter = new TypedEmitter<{ data: [string, number]; end: [] }>();
emitter.on("data", (s, n) => console.log("data event:", s, n));
emitter.on("data", (s) => console.log("second listener:", s.length));
console.log("listeners called:", emitter.emit("data", "payload", 7), emitter.emit("end"));

class Pair<A, B> {
  constructor(public first: A, public second: B) {}
  swap(): Pair<B, A> {
    return new Pair(this.second, this.first);
  }
}
console.log(new Pair("left", 1).swap(), new Pair([1], { x: true }));

const memoize = <Args extends unknown[], R>(f: (...args: Args) => R) => {
  const cache = new Map<string, R>();
  return (...args: Args): R => {
    const key = JSON.stringify(args);
    if (!cache.has(key)) cache.set(key, f(...args));
    return cache.get(key)!;
  };
};
let computeCount = 0;
const slowAdd = memoize((a: number, b: number) => (computeCount++, a + b));
console.log(slowAdd(1, 2), slowAdd(1, 2), slowAdd(2, 1), "computed", computeCount, "times");
