// Loop statements: for, for-in (own and inherited enumerable keys, integer key order), for-of, while, do-while.
let forSum = 0;
for (let i = 1; i <= 10; i++) forSum += i;
console.log("for:", forSum);

let emptyHeaderCount = 0;
for (;;) {
  if (++emptyHeaderCount >= 5) break;
}
console.log("for(;;):", emptyHeaderCount);

const countdown: number[] = [];
for (let i = 10; i > 0; i -= 3) countdown.push(i);
console.log("step -3:", countdown);

let whileValue = 1;
while (whileValue < 1000) whileValue *= 3;
console.log("while:", whileValue);

let doCount = 0;
do {
  doCount++;
} while (false);
console.log("do-while runs once:", doCount);

let collatz = 27;
let steps = 0;
while (collatz !== 1) {
  collatz = collatz % 2 === 0 ? collatz / 2 : 3 * collatz + 1;
  steps++;
}
console.log("collatz(27) steps:", steps);

const mixedKeys: Record<string, number> = { b: 1, 10: 2, a: 3, 2: 4, "-1": 5, "01": 6, 1.5: 7 };
const forInKeys: string[] = [];
for (const k in mixedKeys) forInKeys.push(k);
console.log("for-in order (integers first, ascending):", forInKeys.join(" "));

class Parent {
  inherited = "own field";
}
const proto = { fromProto: 1 };
const child = Object.create(proto);
child.own = 2;
const protoKeys: string[] = [];
for (const k in child) protoKeys.push(k);
console.log("for-in includes inherited:", protoKeys, Object.keys(child));
const arrayKeys: string[] = [];
for (const k in ["x", "y", "z"]) arrayKeys.push(typeof k + ":" + k);
console.log("for-in over array gives strings:", arrayKeys);
for (const k in new Parent()) console.log("for-in over class instance:", k);

const forOfItems: string[] = [];
for (const ch of "héllo") forOfItems.push(ch);
console.log("for-of string:", forOfItems.join("."));
for (const [index, value] of ["a", "b"].entries()) console.log("entries:", index, value);
const map = new Map([["one", 1], ["two", 2]]);
for (const [k, v] of map) console.log("map entry:", k, v);
let setTotal = 0;
for (const n of new Set([1, 2, 2, 3])) setTotal += n;
console.log("set total:", setTotal);

const growing = [1, 2, 3];
const visited: number[] = [];
for (const n of growing) {
  visited.push(n);
  if (n < 3 && growing.length < 6) growing.push(n * 10);
}
console.log("for-of sees appended items:", visited);

const deletedDuring: string[] = [];
const mutable: Record<string, number> = { p: 1, q: 2, r: 3 };
for (const k in mutable) {
  deletedDuring.push(k);
  delete mutable.q;
}
console.log("for-in skips deleted keys:", deletedDuring);

let iterations = 0;
for (const x of []) iterations++;
for (const k in {}) iterations++;
for (const k in null as any) iterations++;
for (const k in undefined as any) iterations++;
console.log("empty loops:", iterations);

let varLoopAfter;
for (var v = 0; v < 3; v++) varLoopAfter = v;
console.log("var loop variable after loop:", v, varLoopAfter);

const nestedResult: string[] = [];
for (let i = 0; i < 3; i++) {
  for (let j = 0; j < i; j++) {
    if (j === 1) continue;
    nestedResult.push(`${i}-${j}`);
  }
}
console.log("nested with continue:", nestedResult);
