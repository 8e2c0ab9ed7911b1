// Type-level TypeScript that real code bases (the TypeScript compiler, rxjs, zod) use.
// Conditional types whose extends clause is a function type, and infer constraints.
type ThisParameterType<T> = T extends (this: infer U, ...args: never) => any ? U : unknown;
type Cons<X, Y extends readonly any[]> = ((arg: X, ...rest: Y) => any) extends (...args: infer U) => any ? U : never;
type AssertEqual<T, U> = (<V>() => V extends T ? 1 : 2) extends <V>() => V extends U ? 1 : 2 ? true : false;
type Head<T> = T extends [infer H extends string, ...unknown[]] ? H : never;
type Str<T> = `${T extends infer S extends string ? S : never}`;
type Ctor = abstract new (...args: any[]) => object;
// Variance annotations and const type parameters.
interface Producer<out T> { make(): T; }
interface Consumer<in T> { take(value: T): void; }
interface Both<in out T> { map(value: T): T; }
function literal<const T extends readonly unknown[]>(values: T): T { return values; }
class Box<const T> { constructor(readonly value: T) {} }
// Accessors in interfaces and type literals; unique symbol; asserts.
interface Sized { get size(): number; set size(value: number); }
type Literal = { get name(): string; set name(value: string) };
declare const tag: unique symbol;
function assertIsString(value: unknown): asserts value is string {}
function assertDefined(value: unknown): asserts value {}
class Guard { isReady(): this is Ready { return true; } }
interface Ready {}
// satisfies, overloads, abstract classes.
const config = { port: 80 } satisfies Record<string, number>;
function pick(value: string): string;
function pick(value: number): number;
function pick(value: any): any { return value; }
abstract class Shape {
  abstract area(): number;
  protected abstract readonly sides: number;
  declare readonly kind: string;
  static #count = 0;
  accessor label = "shape";
}
// declare global, module augmentation, namespaces.
declare global {
  interface Window { custom: string }
}
declare module "somewhere" {
  export function helper(): void;
}
namespace Outer.Inner { export const value = 1; }
// Enums, optional chaining with non-null assertion, generics in calls.
const enum Direction { Up = 1, Down }
let maybe: { a?: { b: number } } | undefined;
const b = maybe?.a!.b;
const set = new Set<string>();
const mapped = [1, 2].map<string>((x): string => String(x));
type Getters<T> = { [K in keyof T as `get${Capitalize<string & K>}`]: () => T[K] };
type Mutable<T> = { -readonly [K in keyof T]-?: T[K] };
let tuple: [first: string, second?: number, ...rest: boolean[]];
let fn: typeof pick;
type Imported = import("./module").Thing<string>;
export type { Shape as ShapeType };
export {};
label: for (const a of b) {}
let x = <T,>(a: T) => a;
let y = async <T,>(a: T): Promise<T> => a;
class A<T> extends B<T> implements C<T>, D { override m(this: A<T>, x?: number): void {} }
function f(this: Window, ...rest: number[]): asserts this is Window {}
let z = a as unknown as string[];
let w = <string>value;
const obj = { m<T>(x: T): T { return x; } };
type TL = `prefix-${string}-suffix`;
type Rec<T> = T extends object ? { [K in keyof T]: Rec<T[K]> } : T;
enum E { A = "a", B = A.length }
export import Alias = Outer.Inner;
import type { Foo } from "./foo";
import { type Bar, baz } from "./bar";
export type * from "./types";
let v = obj!;
if (a < b && c > d) {}
let g = f<string>;
let arr: Array<Array<number>>= [];
let q = a ? (b): c => d : e;
