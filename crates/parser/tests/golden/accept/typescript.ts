// Type syntax is dropped; run-time constructs stay.
interface Shape { area(): number; readonly name?: string; [key: string]: unknown }
type Pair<T, U = string> = [T, U] | { left: T; right: U } | ((a: T) => U);
type Mapped<T> = { readonly [K in keyof T]?: T[K] extends Function ? never : `get${Capitalize<K & string>}` };
type Cond<T> = T extends (infer U)[] ? U : T extends Promise<infer V> ? V : never;
declare const env: Record<string, string>;
declare function ext(x: number): void;
declare namespace Types { const x: number; }
namespace Empty { export type X = number; }
enum Color { Red, Green = "g", Blue = 4, "Odd-Name" }
const enum Flags { A = 1 << 0, B = A | 2 }
namespace Outer.Inner { export const value = 1; export function f() { return value; } }
import Alias = Outer.Inner;
function overloaded(x: string): string;
function overloaded(x: number): number;
function overloaded(x: any): any { return x; }
function generic<T extends object = {}>(this: Window, value: T, ...rest: Array<Array<T>>): value is T { return true; }
const arrow = <T,>(x: T): T => x;
const typed = (a: number, b?: string, c: boolean = false): void => {};
abstract class Base<T> extends Object implements Shape {
  private static count: number = 0;
  declare readonly tag: string;
  protected abstract kind(): string;
  name!: string;
  optional?: number;
  [key: string]: unknown;
  constructor(public readonly id: number, private secret?: string, plain = 1) { super(); }
  get area(): number { return 0; }
  override toString(): string { return `${this.id}`; }
}
let v = value as unknown as string;
let w = <number>other;
let nn = maybe!.field!;
let sat = { a: 1 } satisfies Record<string, number>;
let inst = make<string>("x");
let cmp = a < b && c > d;
let nested: Array<Array<number>> = [];
let fnType: (x: number) => void = () => {};
let ctor: new () => Base<number>;
let cond = ok ? (x) : y;
let tuple: [a: string, b?: number, ...rest: boolean[]] = ["x"];
export {};
