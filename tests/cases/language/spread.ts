// Spread syntax in array literals, function calls and object literals.
const firstHalf = [1, 2, 3];
const secondHalf = [4, 5];
console.log("array spread:", [...firstHalf, ...secondHalf], [0, ...firstHalf, 99], [...[], ...[1]]);
console.log("copy is shallow and distinct:", [...firstHalf] !== firstHalf);
console.log("string spread:", [..."abc"], [..."héllo"].length);
console.log("Set and Map spread:", [...new Set([3, 1, 3, 2, 1])], [...new Map([["k", "v"]])]);

function add3(a: number, b: number, c: number): number {
  return a + b + c;
}
console.log("call spread:", add3(...([1, 2, 3] as [number, number, number])), Math.max(...firstHalf, ...secondHalf), Math.min(...[]));
function countArgs(...args: unknown[]): number {
  return args.length;
}
console.log("mixed call spread:", countArgs(0, ...firstHalf, 10, ...secondHalf), countArgs(...[]));
const pushed: number[] = [];
pushed.push(...firstHalf, ...firstHalf);
console.log("push spread:", pushed);

const base = { a: 1, b: 2, nested: { deep: true } };
const extended = { ...base, b: 20, c: 30 };
const overridden = { b: "first", ...base };
console.log("object spread:", extended, overridden);
console.log("shallow copy shares nested:", extended.nested === base.nested);
console.log("spread of non-objects:", { ...null, ...undefined, ...(5 as any), ..."hi" });
console.log("spread of array into object:", { ...["x", "y"] });
const withGetter = {
  get computed() {
    return "evaluated";
  },
};
console.log("getter becomes data property:", { ...withGetter }, Object.getOwnPropertyDescriptor({ ...withGetter }, "computed")!.value);

const order: string[] = [];
const tracker = {
  get first() {
    order.push("first");
    return 1;
  },
  get second() {
    order.push("second");
    return 2;
  },
};
const copied = { ...tracker };
console.log("spread reads in order:", order, copied);

class Point {
  constructor(public x: number, public y: number) {}
  norm(): number {
    return Math.hypot(this.x, this.y);
  }
}
const spreadInstance = { ...new Point(3, 4) };
console.log("class instance spread loses prototype:", spreadInstance, typeof (spreadInstance as any).norm);

const matrix = [[1, 2], [3, 4]];
console.log("flatten via spread:", ([] as number[]).concat(...matrix));
console.log("holes become undefined:", [...[1, , 3]]);
const args = ["2024", "5"];
console.log("spread into constructor:", new Point(...(args.map(Number) as [number, number])));
