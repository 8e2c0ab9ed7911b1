// Spreading a generator whose body calls built-ins that return their receiver (reverse, fill,
// copyWithin) or root values while they run: the spread result holds exactly the yielded
// values (regression: a built-in's temporary roots once leaked into the collected list).
class Stack<T> implements Iterable<T> {
  private items: T[] = [];
  push(...values: T[]): this {
    this.items.push(...values);
    return this;
  }
  *[Symbol.iterator](): Iterator<T> {
    yield* [...this.items].reverse();
  }
}
const stack = new Stack<number>().push(1, 2, 3);
console.log([...stack], Array.from(stack), new Set(stack));

function* mutateThenYield(): Generator<number> {
  const scratch = [1, 2, 3];
  scratch.reverse();
  scratch.fill(0, 1);
  scratch.copyWithin(0, 1);
  Array.prototype.reverse.call({ length: 2, 0: "a", 1: "b" });
  yield scratch.length;
  yield* scratch.reverse();
}
console.log([...mutateThenYield()]);
console.log(Math.max(...mutateThenYield()), [..."ab"].concat([...mutateThenYield()].map(String)));

const map = new Map([...mutateThenYield()].entries());
console.log(map);

let total = 0;
const array = [1, 2, 3];
for (let round = 0; round < 100000; round++) {
  total += array.reverse()[0];
}
console.log(total);
