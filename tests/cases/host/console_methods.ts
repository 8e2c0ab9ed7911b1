// console.table, group indentation, count, assert, dir and the timer methods (whose elapsed
// times are not printed here, because they vary).
interface Person {
  name: string;
  age: number;
  tags?: string[];
}
const people: Person[] = [
  { name: "Ann", age: 31, tags: ["admin", "ops", "dev", "qa"] },
  { name: "Bob", age: 4 },
  { name: "Zoë 日本", age: 57, tags: [] },
];
console.table(people);
console.table(people, ["age"]);
console.table([1, "two", { x: 1 }, null]);
console.table({ first: { score: 10 }, second: { score: 7, bonus: { a: 1, b: 2, c: 3 } } });
console.table([[1, 2], [3, 4, 5]]);
console.table(new Map<string, unknown>([["alpha", 1], ["beta", { nested: true }]]));
console.table(new Set(["x", 42]));
console.table([]);
console.table("not tabular");
try {
  console.table(people, "age" as any);
} catch (error: any) {
  console.log(error.name, error.message);
}

console.group("Level 1");
console.log("inside one\nsecond line");
console.group();
console.log({ deep: { deeper: { deepest: 1 } } });
console.table([{ a: 1 }]);
console.groupEnd();
console.groupCollapsed("Collapsed");
console.info("info is indented too");
console.groupEnd();
console.groupEnd();
console.groupEnd();
console.log("back at the margin");

console.count();
console.count("apples");
console.count();
console.countReset();
console.count();
console.count("apples");

console.assert(true, "never printed");
console.assert(false, "printed to stderr");
console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
console.dir({ a: { b: { c: { d: 1 } } } }, { depth: null });
console.dir("dir quotes strings");

console.time("phase");
console.timeEnd("missing label warns on stderr");
console.log(typeof console.timeLog, typeof console.timeEnd, typeof console.trace);
