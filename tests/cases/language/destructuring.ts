// Destructuring: object, array, nested, defaults, rest, parameters, swapping and assignment targets.
const person = { name: "Ada", age: 36, address: { city: "London", zip: "N1" }, languages: ["en", "fr"] };
const { name, age } = person;
console.log("object:", name, age);
const { name: renamed, missing = "default", age: years = 0 } = person as any;
console.log("rename and default:", renamed, missing, years);
const {
  address: { city },
  languages: [firstLanguage, secondLanguage, thirdLanguage = "none"],
} = person;
console.log("nested:", city, firstLanguage, secondLanguage, thirdLanguage);
const { name: _n, ...withoutName } = person;
console.log("object rest:", withoutName);

const [one, two, three] = [1, 2, 3, 4];
const [, second, , fourth] = [10, 20, 30, 40];
const [head, ...tail] = [1, 2, 3, 4, 5];
console.log("array:", one, two, three, "holes:", second, fourth, "rest:", head, tail);
const [withDefault = "d1", alsoDefault = "d2"] = [undefined, null];
console.log("defaults apply only to undefined:", withDefault, alsoDefault);
const [[innerA, innerB], [innerC]] = [[1, 2], [3]];
console.log("nested arrays:", innerA, innerB, innerC);
const [firstChar, ...otherChars] = "hello";
console.log("string destructuring:", firstChar, otherChars);

let left = "L";
let right = "R";
[left, right] = [right, left];
console.log("swap:", left, right);

const target: { a?: number; b?: number; list: number[] } = { list: [] };
({ a: target.a, b: target.b } = { a: 1, b: 2 });
[target.list[0], target.list[1]] = [7, 8];
console.log("assignment to members:", target);

let counter = 0;
const makeDefault = () => ++counter;
const [lazy1 = makeDefault(), lazy2 = makeDefault()] = [5];
console.log("defaults evaluated lazily:", lazy1, lazy2, counter);

function area({ width, height = width }: { width: number; height?: number }): number {
  return width * height;
}
console.log("parameter destructuring:", area({ width: 3 }), area({ width: 3, height: 4 }));

function firstAndLast([first, ...rest]: string[]): string {
  return `${first}..${rest.length ? rest[rest.length - 1] : first}`;
}
console.log("array parameter:", firstAndLast(["a", "b", "c"]), firstAndLast(["solo"]));

const entries = Object.entries({ x: 1, y: 2 });
for (const [key, value] of entries) console.log(`loop destructuring: ${key}=${value}`);
const points = [{ x: 1, y: 2 }, { x: 3, y: 4 }];
console.log("in callbacks:", points.map(({ x, y }) => x + y));

const key = "dynamic";
const { [key]: computed } = { dynamic: "computed key works" };
console.log(computed);

const { length } = "measure";
const { 0: firstElement, length: arrayLength } = ["zero", "one"];
console.log("properties of primitives and arrays:", length, firstElement, arrayLength);

try {
  const { property } = null as any;
  console.log(property);
} catch (e) {
  console.log("destructuring null:", (e as Error).name);
}
try {
  const [item] = {} as any;
  console.log(item);
} catch (e) {
  console.log("array pattern on non-iterable:", (e as Error).name);
}

const deep = { level1: { level2: { level3: { value: "deep" } } } };
const {
  level1: {
    level2: {
      level3: { value: deepValue },
    },
  },
} = deep;
console.log("deeply nested:", deepValue);
