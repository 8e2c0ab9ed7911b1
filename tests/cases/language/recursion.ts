// Recursion: classic recursive algorithms, mutual recursion and recursion over nested data.
function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
}
console.log("factorials:", [0, 1, 5, 10, 20].map(factorial));

function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
console.log("fib(20):", fib(20));

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
console.log("gcd:", gcd(1071, 462), gcd(17, 5), gcd(0, 9));

function hanoi(n: number, from: string, to: string, via: string, moves: string[]): string[] {
  if (n === 0) return moves;
  hanoi(n - 1, from, via, to, moves);
  moves.push(from + to);
  hanoi(n - 1, via, to, from, moves);
  return moves;
}
const moves = hanoi(4, "A", "C", "B", []);
console.log("hanoi(4):", moves.length, moves.slice(0, 6).join(" "));

function permutations(items: string[]): string[] {
  if (items.length <= 1) return [items.join("")];
  const result: string[] = [];
  items.forEach((item, i) => {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const p of permutations(rest)) result.push(item + p);
  });
  return result;
}
console.log("permutations:", permutations(["a", "b", "c"]).join(","));

type Tree = { value: number; children: Tree[] };
function buildTree(depth: number, value: number): Tree {
  const children: Tree[] = [];
  if (depth > 0) for (let i = 1; i <= 2; i++) children.push(buildTree(depth - 1, value * 2 + i));
  return { value, children };
}
function sumTree(t: Tree): number {
  return t.value + t.children.reduce((acc, c) => acc + sumTree(c), 0);
}
function depthOf(t: Tree): number {
  return 1 + Math.max(0, ...t.children.map(depthOf));
}
const tree = buildTree(4, 0);
console.log("tree sum:", sumTree(tree), "depth:", depthOf(tree));

function flattenDeep(value: unknown): unknown[] {
  return Array.isArray(value) ? value.reduce((acc: unknown[], v) => acc.concat(flattenDeep(v)), []) : [value];
}
console.log("flatten:", flattenDeep([1, [2, [3, [4, [5]]]], 6]));

function ackermann(m: number, n: number): number {
  if (m === 0) return n + 1;
  if (n === 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}
console.log("ackermann(2, 3):", ackermann(2, 3));

function countDown(n: number): number {
  return n === 0 ? 0 : 1 + countDown(n - 1);
}
console.log("depth 5000:", countDown(5000));

function power(base: number, exp: number): number {
  if (exp === 0) return 1;
  const half = power(base, Math.floor(exp / 2));
  return exp % 2 === 0 ? half * half : half * half * base;
}
console.log("fast power:", power(2, 30), power(3, 13));

function infinite(n: number): number {
  return infinite(n + 1) + 1;
}
try {
  infinite(0);
} catch (e) {
  console.log("runaway recursion:", (e as Error).name, e instanceof RangeError);
}
