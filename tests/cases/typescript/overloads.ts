// Function and method overload signatures are erased; only the implementation remains.
function format(value: number): string;
function format(value: string, width: number): string;
function format(value: boolean): string;
function format(value: number | string | boolean, width?: number): string {
  if (typeof value === "number") return value.toFixed(2);
  if (typeof value === "string") return value.padStart(width ?? 0, ".");
  return value ? "yes" : "no";
}
console.log(format(3.14159), format("right", 8), format(false));
console.log("implementation length:", format.length);

class Parser {
  parse(input: string): number;
  parse(input: string[]): number[];
  parse(input: string | string[]): number | number[] {
    return Array.isArray(input) ? input.map((s) => this.parse(s)) : parseInt(input, 10);
  }
  static of(): Parser;
  static of(radix: number): Parser;
  static of(radix?: number): Parser {
    console.log("Parser.of called with", radix);
    return new Parser();
  }
}
const p = Parser.of();
Parser.of(16);
console.log(p.parse("42"), p.parse(["1", "2", "x"]));
console.log("one method on the prototype:", Object.getOwnPropertyNames(Parser.prototype));

function createElement(tag: "a"): { href: string };
function createElement(tag: "img"): { src: string };
function createElement(tag: string): Record<string, string> {
  return tag === "a" ? { href: "#" } : { src: "image.png" };
}
console.log(createElement("a"), createElement("img"));

interface Overloaded {
  (x: number): number;
  (x: string): string;
  property: string;
}
const overloadedImpl = ((x: any) => (typeof x === "number" ? x * 2 : x + x)) as Overloaded;
overloadedImpl.property = "attached";
console.log(overloadedImpl(21), overloadedImpl("ab"), overloadedImpl.property);

class Constructors {
  value: string;
  constructor(n: number);
  constructor(s: string);
  constructor(input: number | string) {
    this.value = typeof input === "number" ? `number ${input}` : `string ${input}`;
  }
}
console.log(new Constructors(1), new Constructors("one"));

declare function declaredOnly(x: number): void;
console.log("declared function has no runtime binding:", typeof (globalThis as any).declaredOnly);
