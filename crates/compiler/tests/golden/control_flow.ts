// try/catch/finally with break, continue and return; labels; switch; for-of/for-in.
function f(items: number[]): number {
  let sum = 0;
  outer: for (const item of items) {
    try {
      if (item < 0) continue outer;
      if (item > 100) break;
      sum += item;
    } catch (error) {
      return -1;
    } finally {
      sum++;
    }
  }
  for (const key in { a: 1 }) {
    switch (key) {
      case "a":
        sum += 10;
        break;
      default:
        sum = 0;
    }
  }
  return sum;
}
console.log(f([1, 2, 3]));
