// Array methods that mutate or build arrays: sort, splice, slice, push/pop/shift/unshift, fill, reverse, concat, from, of.
const letters = ["d", "a", "c", "b"];
console.log("sort strings:", letters.sort(), letters);
console.log("default sort is lexicographic:", [10, 9, 1, 100, 25].sort());
console.log("numeric comparator:", [10, 9, 1, 100, 25].sort((a, b) => a - b), [10, 9, 1, 100, 25].sort((a, b) => b - a));
const people = [
  { name: "Cy", age: 30 },
  { name: "Al", age: 25 },
  { name: "Bo", age: 30 },
  { name: "Di", age: 25 },
];
console.log("stable sort:", people.sort((a, b) => a.age - b.age).map((p) => p.name).join(","));
console.log("sort with undefined:", [3, undefined, 1, undefined, 2].sort());
console.log("sort mixed case:", ["b", "B", "a", "A"].sort());

const arr = [1, 2, 3, 4, 5, 6];
console.log("splice remove:", arr.splice(1, 2), arr);
console.log("splice insert:", arr.splice(1, 0, 20, 30), arr);
console.log("splice replace:", arr.splice(-2, 1, 99), arr);
console.log("splice to end:", arr.splice(3), arr);
console.log("slice:", [1, 2, 3, 4, 5].slice(1, 3), [1, 2, 3, 4, 5].slice(-2), [1, 2, 3].slice(), [1, 2, 3].slice(5));

const stack: number[] = [];
console.log("push returns length:", stack.push(1), stack.push(2, 3), stack);
console.log("pop:", stack.pop(), stack, [].pop());
console.log("unshift:", stack.unshift(0, 0.5), stack);
console.log("shift:", stack.shift(), stack, [].shift());

console.log("fill:", new Array(4).fill(0), [1, 2, 3, 4].fill(9, 1, 3), [1, 2, 3].fill(7, -1));
const shared = new Array(2).fill([]);
shared[0].push("same");
console.log("fill shares one object:", shared);
const toReverse = [1, 2, 3];
console.log("reverse in place:", toReverse.reverse(), toReverse);
console.log("concat:", [1].concat([2, 3], 4, [[5]]), [].concat());
console.log("copyWithin:", [1, 2, 3, 4, 5].copyWithin(0, 3));

console.log("Array.from:", Array.from("abc"), Array.from({ length: 3 }), Array.from({ length: 3 }, (_, i) => i * i), Array.from(new Set([1, 1, 2])));
console.log("Array.from map entries:", Array.from(new Map([["k", 1]])), Array.from([1, 2], (x) => x * 10));
console.log("Array.of:", Array.of(7), Array.of(1, 2, 3), Array.of(), new Array(3).length, new Array(3, 4));
console.log("isArray:", Array.isArray([]), Array.isArray({ length: 0 }), Array.isArray("abc"));

const lengthy = [1, 2, 3, 4, 5];
lengthy.length = 2;
console.log("truncate via length:", lengthy);
lengthy.length = 4;
console.log("extend via length:", lengthy);
lengthy[6] = 7;
console.log("assign past end:", lengthy, lengthy.length);

const original = [3, 1, 2];
const sortedCopy = original.slice().sort();
console.log("sorting a copy leaves the original:", original, sortedCopy);

const matrix = Array.from({ length: 3 }, (_, r) => Array.from({ length: 3 }, (_, c) => r * 3 + c));
const transposed = matrix[0].map((_, c) => matrix.map((row) => row[c]));
console.log("transpose:", transposed);
