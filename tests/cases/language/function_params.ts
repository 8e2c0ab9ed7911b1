// Function parameters: defaults, rest, optional, the arguments object, length and name.
function greet(name: string, greeting: string = "Hello", punctuation?: string): string {
  return `${greeting}, ${name}${punctuation ?? "."}`;
}
console.log(greet("Ada"));
console.log(greet("Ada", "Hi"));
console.log(greet("Ada", undefined, "!"));
console.log(greet("Ada", null as any, "?"));

function defaultsSeeEarlierParams(a: number, b: number = a * 2, c: number = a + b): number[] {
  return [a, b, c];
}
console.log(defaultsSeeEarlierParams(1), defaultsSeeEarlierParams(1, 5), defaultsSeeEarlierParams(1, 5, 0));

let defaultEvaluations = 0;
function lazyDefault(x: number = ++defaultEvaluations): number {
  return x;
}
lazyDefault(5);
lazyDefault();
lazyDefault();
console.log("default evaluated only when missing:", defaultEvaluations);

function sum(...numbers: number[]): number {
  return numbers.reduce((total, n) => total + n, 0);
}
console.log(sum(), sum(1), sum(1, 2, 3, 4), Array.isArray([].slice.call([])));

function headAndRest(head: string, ...rest: string[]): string {
  return `${head} then [${rest.join("|")}] (${rest.length})`;
}
console.log(headAndRest("a"), headAndRest("a", "b", "c"));

function countArguments(a?: number, b?: number): string {
  return `length=${arguments.length} first=${arguments[0]} third=${arguments[2]}`;
}
console.log(countArguments(), countArguments(1), countArguments(1, 2, 3));

function argumentsToArray(): number[] {
  return Array.prototype.slice.call(arguments).map((x: number) => x * 10);
}
console.log((argumentsToArray as any)(1, 2, 3));

function argumentsIsNotArray(): string {
  return typeof arguments + " " + Array.isArray(arguments) + " " + arguments.length;
}
console.log((argumentsIsNotArray as any)("x", "y"));

console.log("length:", greet.length, defaultsSeeEarlierParams.length, sum.length, headAndRest.length, countArguments.length);
console.log("name:", greet.name, sum.name, (() => 1).name, (function () {}).name);
const assigned = function () {};
const arrowAssigned = () => {};
console.log("inferred names:", assigned.name, arrowAssigned.name);

function extraArgumentsIgnored(a: number): number {
  return a;
}
console.log((extraArgumentsIgnored as any)(1, 2, 3), (extraArgumentsIgnored as any)());

function returnsNothing(): void {}
console.log("no return:", returnsNothing());

function destructuredDefault({ x = 1, y = 2 }: { x?: number; y?: number } = {}): number {
  return x * 10 + y;
}
console.log(destructuredDefault(), destructuredDefault({ x: 5 }), destructuredDefault({ y: 9 }));

const arrowRest = (...items: unknown[]) => items.length;
console.log("arrow rest:", arrowRest(), arrowRest(undefined, undefined));

function outerArguments(): number[] {
  const inner = () => arguments[0] as number;
  return [inner(), arguments.length];
}
console.log("arrow sees enclosing arguments:", (outerArguments as any)(99, 100));
