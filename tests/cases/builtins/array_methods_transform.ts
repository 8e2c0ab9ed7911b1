// Array methods that transform or search: map, filter, reduce, find, every, some, indexOf, includes, flat.
const numbers = [5, 3, 8, 1, 9, 2];
console.log("map:", numbers.map((n) => n * 2), numbers.map((n, i) => `${i}:${n}`));
console.log("map passes array:", [1, 2].map((n, i, arr) => arr.length + n));
console.log("filter:", numbers.filter((n) => n > 4), numbers.filter(() => false));
console.log("reduce:", numbers.reduce((a, b) => a + b), numbers.reduce((a, b) => a + b, 100), [[1], [2]].reduce((acc, x) => acc.concat(x), [] as number[]));
console.log("reduceRight:", ["a", "b", "c"].reduceRight((acc, s) => acc + s, ""));
try {
  [].reduce((a: number, b: number) => a + b);
} catch (e) {
  console.log("reduce of empty:", (e as Error).name + ": " + (e as Error).message);
}
console.log("find:", numbers.find((n) => n > 5), numbers.find((n) => n > 100), numbers.findIndex((n) => n === 1), numbers.findIndex((n) => n === 7));
console.log("every/some:", numbers.every((n) => n > 0), numbers.every((n) => n > 1), numbers.some((n) => n > 8), [].some(() => true), [].every(() => false));
console.log("indexOf:", numbers.indexOf(8), numbers.indexOf(42), [1, 2, 1].lastIndexOf(1), [NaN].indexOf(NaN), ["a", "b"].indexOf("b", 2));
console.log("includes:", numbers.includes(9), numbers.includes(10), [NaN].includes(NaN), [1, 2, 3].includes(1, 1));
console.log("flat:", [1, [2, [3, [4]]]].flat(), [1, [2, [3, [4]]]].flat(2), [1, [2, [3, [4]]]].flat(Infinity), [1, , 3].flat());
console.log("flatMap:", ["a b", "c"].flatMap((s) => s.split(" ")), [1, 2].flatMap((n) => [n, [n * 10]]));
const visits: string[] = [];
[10, 20, 30].forEach((value, index) => visits.push(`${index}=${value}`));
console.log("forEach:", visits, [1].forEach(() => 1));
console.log("keys/values/entries:", [...["x", "y"].keys()], [...["x", "y"].values()], [...["x", "y"].entries()]);
console.log("at:", numbers.at(0), numbers.at(-1), numbers.at(100));
console.log("join:", numbers.join(), numbers.join(" - "), [null, undefined, 1].join("|"), [[1, 2], [3]].join(";"), [].join());
console.log("toString:", numbers.toString(), String([1, [2, 3]]));
const sparse = [1, , 3];
console.log("callbacks skip holes:", sparse.map((x) => x * 2), sparse.filter(() => true), sparse.indexOf(undefined as any), sparse.includes(undefined as any));
const words = ["apple", "banana", "cherry", "date"];
const lengths = words.reduce<Record<number, string[]>>((groups, w) => {
  (groups[w.length] ??= []).push(w);
  return groups;
}, {});
console.log("grouping with reduce:", lengths);
console.log("chained:", numbers.filter((n) => n % 2 === 1).map((n) => n * n).reduce((a, b) => a + b, 0));
const thisArg = { factor: 3 };
console.log("thisArg:", [1, 2].map(function (this: typeof thisArg, n) { return n * this.factor; }, thisArg));
