// A declaration file: everything is ambient, as if each declaration began with `declare`.
/** A JSDoc comment with @param tags. */
export declare function overloaded(value: string): string;
export function plain(value: number): number;
export const version: string;
export let mutable: number;
export var legacy: boolean;
export class Widget<T> {
    private constructor();
    method(): void;
    get value(): T;
    static create<T>(): Widget<T>;
}
export abstract class Base { abstract run(): void; }
export enum Color { Red, Green }
export namespace Space { function inner(): void; const x: number; }
declare global { var globalValue: number; }
export interface Options { readonly name?: string; [key: string]: unknown }
export type Alias = Options | undefined;
export default function main(): void;
declare module "other" { export = Widget; }
export as namespace Lib;
