// Type guards (typeof, instanceof, in, user-defined predicates, discriminated unions) and index signatures.
type Shape =
  | { kind: "circle"; radius: number }
  | { kind: "rect"; width: number; height: number }
  | { kind: "triangle"; base: number; height: number };

function area(shape: Shape): number {
  switch (shape.kind) {
    case "circle":
      return Math.round(Math.PI * shape.radius ** 2 * 100) / 100;
    case "rect":
      return shape.width * shape.height;
    case "triangle":
      return (shape.base * shape.height) / 2;
  }
}
const shapes: Shape[] = [{ kind: "circle", radius: 2 }, { kind: "rect", width: 3, height: 4 }, { kind: "triangle", base: 6, height: 5 }];
console.log(shapes.map(area));

class Cat {
  meow(): string {
    return "meow";
  }
}
class Dog {
  bark(): string {
    return "woof";
  }
}
function speak(pet: Cat | Dog | string | number | null): string {
  if (pet === null) return "nothing";
  if (typeof pet === "string") return `says ${pet}`;
  if (typeof pet === "number") return `number ${pet.toFixed(1)}`;
  if (pet instanceof Cat) return pet.meow();
  return pet.bark();
}
console.log([new Cat(), new Dog(), "hi", 3, null].map(speak).join(", "));

interface Fish {
  swim: () => string;
}
interface Bird {
  fly: () => string;
}
function move(animal: Fish | Bird): string {
  return "swim" in animal ? animal.swim() : animal.fly();
}
console.log(move({ swim: () => "swimming" }), move({ fly: () => "flying" }));

function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}
const mixed: unknown[] = ["a", "", 1, "bc", null, undefined, "d"];
console.log(mixed.filter(isNonEmptyString));

function isDefined<T>(value: T | undefined | null): value is T {
  return value !== undefined && value !== null;
}
console.log([1, undefined, 2, null, 3].filter(isDefined));

interface Dictionary {
  [key: string]: number;
}
const wordCounts: Dictionary = {};
for (const word of "the quick the lazy the end quick".split(" ")) {
  wordCounts[word] = (wordCounts[word] ?? 0) + 1;
}
console.log(wordCounts, Object.keys(wordCounts).length);

interface NumberIndexed {
  [index: number]: string;
  length: number;
}
const fake: NumberIndexed = { 0: "zero", 1: "one", length: 2 };
console.log(fake[0], fake[1], fake.length, Array.from(fake as ArrayLike<string>));

type Scores = Record<"alice" | "bob", number> & { [extra: string]: number };
const scores: Scores = { alice: 90, bob: 85, carol: 70 };
const best = Object.entries(scores).sort(([, a], [, b]) => b - a)[0];
console.log("best:", best);

class Registry {
  [key: string]: unknown;
  register(name: string, value: unknown): void {
    this[name] = value;
  }
}
const registry = new Registry();
registry.register("first", 1);
registry.register("second", [2]);
console.log(registry);

function assertNever(x: never): never {
  throw new Error("unexpected: " + JSON.stringify(x));
}
try {
  assertNever({ kind: "hexagon" } as never);
} catch (e) {
  console.log((e as Error).message);
}
