// Map and Set keys under SameValueZero, deletion and reinsertion, and compaction.
const map = new Map<unknown, string>();
map.set(0, "zero");
map.set(-0, "minus zero");
map.set(NaN, "nan");
map.set(Number("x"), "another nan");
map.set("1", "string one");
map.set(1, "number one");
console.log(map.size, map.get(0), map.get(NaN), map.get("1"), map.get(1), [...map.keys()]);

// Many keys, delete every other one, reinsert, and check all lookups.
const numbers = new Map<number, number>();
for (let index = 0; index < 2000; index++) numbers.set(index, index * 2);
for (let index = 0; index < 2000; index += 2) numbers.delete(index);
for (let index = 0; index < 100; index++) numbers.set(index, -index);
let sum = 0;
let missing = 0;
for (let index = 0; index < 2000; index++) {
  const value = numbers.get(index);
  if (value === undefined) missing++;
  else sum += value;
}
console.log(numbers.size, sum, missing, [...numbers.keys()].slice(0, 6));

// String keys built at run time, objects as keys.
const set = new Set<unknown>();
for (let index = 0; index < 300; index++) set.add("k" + (index % 100));
const key = {};
set.add(key);
set.add({});
console.log(set.size, set.has("k" + 42), set.has("k100"), set.has(key), set.has({}));
set.delete("k42");
set.add("k42");
console.log([...set].slice(-3).map(String), set.size);

// Deleting during iteration keeps the iterator valid.
const walked = new Map([[1, "a"], [2, "b"], [3, "c"], [4, "d"]]);
const seen: number[] = [];
for (const [entryKey] of walked) {
  seen.push(entryKey);
  if (entryKey === 1) walked.delete(2);
  if (entryKey === 3) walked.set(5, "e");
}
console.log(seen, walked.size);
walked.clear();
walked.set(1, "again");
console.log(walked.size, walked.get(1), walked.has(2));
