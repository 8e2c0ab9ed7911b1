import def, { a as b, c, "str name" as d } from "./m.js";
import * as ns from "./ns.js";
import "./side.js";
import json from "./data.json" with { type: "json" };
export const x = 1;
export function f() {}
export class C {}
export { x as y, f as g };
export * from "./all.js";
export * as all from "./all.js";
export { default as other } from "./other.js";
export default class {}
console.log(import.meta.url);
await Promise.resolve(1);
