// Type-only syntax is erased: interfaces, type aliases, generics, annotations, as, !, satisfies, declare.
interface Named {
  readonly name: string;
  nickname?: string;
  greet(other: Named): string;
}
interface Named {
  merged: boolean;
}
type Pair<A, B = A> = [first: A, second: B];
type Callback = (value: number, index?: number) => void;
type Mapped<T> = { readonly [K in keyof T]?: T[K] };
type Conditional<T> = T extends string ? "text" : T extends number ? "number" : never;
type Template = `prefix-${string}`;
declare const ambientValue: number;
declare function ambientFunction(x: number): string;
declare let ambientLet: string;
declare global {
  interface Array<T> {
    customAmbient?: T;
  }
}

const person: Named = {
  name: "Grace",
  merged: true,
  greet(other: Named): string {
    return `hi ${other.name}`;
  },
};
console.log(person.greet({ name: "Alan", merged: false, greet: () => "" }));

const pair: Pair<number> = [1, 2];
const labelled: Pair<string, boolean> = ["yes", true];
console.log(pair, labelled);

function identity<T>(value: T): T {
  return value;
}
function firstOf<T extends { length: number }, K extends keyof T = keyof T>(items: T, key?: K): T | undefined {
  return items.length > 0 ? items : undefined;
}
console.log(identity<string>("explicit generic"), identity(42), firstOf([1, 2])?.length, firstOf("")?.length);

const unknownValue: unknown = "a string really";
const asString = unknownValue as string;
const angleBracketFree = (unknownValue as any as { length: number }).length;
console.log(asString.toUpperCase(), angleBracketFree);

const maybe: string | undefined = ["present"][0];
console.log("non-null assertion:", maybe!.length, maybe!!.charAt(0));
const elements: number[] | null = [3, 2, 1];
console.log(elements!.sort(), elements![0]!);

const config = { port: 8080, host: "localhost" } satisfies Record<string, string | number>;
console.log("satisfies:", config.port + 1, config.host.toUpperCase());
const asConst = { mode: "dark", sizes: [1, 2] } as const;
console.log("as const:", asConst, Object.isFrozen(asConst));

const callback: Callback = (value, index = 0) => console.log("callback", value, index);
[10, 20].forEach(callback);
const mapped: Mapped<{ a: number }> = { a: 1 };
const conditional: Conditional<string> = "text";
const template: Template = "prefix-x";
console.log(mapped, conditional, template);

let definitelyAssigned!: number;
definitelyAssigned = 5;
console.log("definite assignment:", definitelyAssigned);

function assertIsNumber(value: unknown): asserts value is number {
  if (typeof value !== "number") throw new TypeError("not a number");
}
const input: unknown = 12;
assertIsNumber(input);
console.log("asserts:", input * 2);

function withThisParameter(this: { factor: number }, n: number): number {
  return this.factor * n;
}
console.log("this parameter erased:", withThisParameter.call({ factor: 3 }, 5), withThisParameter.length);

const generic = <T,>(x: T): T[] => [x, x];
console.log("generic arrow:", generic<number>(7));
class Box<T> {
  constructor(public value: T) {}
  map<U>(f: (value: T) => U): Box<U> {
    return new Box<U>(f(this.value));
  }
}
console.log(new Box(2).map((n) => n * 21).map<string>(String));
const optionalCall = identity<(() => number) | undefined>(undefined);
console.log("typed optional call:", optionalCall?.());
let typeofType: typeof person.name = "inferred";
let keyofType: keyof typeof config = "host";
console.log(typeofType, keyofType);
const fn = identity<number>;
console.log("instantiation expression:", fn(99));
