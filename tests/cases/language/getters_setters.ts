// Getters and setters on object literals and via Object.defineProperty, compound assignment through accessors.
const temperature = {
  celsius: 20,
  get fahrenheit(): number {
    return this.celsius * 1.8 + 32;
  },
  set fahrenheit(f: number) {
    this.celsius = (f - 32) / 1.8;
  },
};
console.log("getter:", temperature.fahrenheit);
temperature.fahrenheit = 212;
console.log("setter:", temperature.celsius, temperature.fahrenheit);
console.log("console.log shows accessors:", temperature);

const readOnly = {
  get value(): number {
    return 42;
  },
};
(readOnly as any).value = 1;
console.log("assignment to getter-only is ignored in sloppy code:", readOnly.value);

const writeOnly = {
  stored: "",
  set value(v: string) {
    this.stored = v.toUpperCase();
  },
};
writeOnly.value = "shout";
console.log("setter-only:", writeOnly.stored, (writeOnly as any).value);

const counter: { count: number; readonly next: number } = Object.defineProperty({ count: 0 }, "next", {
  get(this: { count: number }) {
    return ++this.count;
  },
  enumerable: false,
}) as any;
console.log("defineProperty getter:", counter.next, counter.next, counter.count, Object.keys(counter));

let log: string[] = [];
const traced = {
  _v: 1,
  get v() {
    log.push("get");
    return this._v;
  },
  set v(x: number) {
    log.push("set " + x);
    this._v = x;
  },
};
traced.v += 5;
traced.v++;
console.log("compound assignment uses get then set:", traced._v, log);

const key = "dynamic";
const computedAccessor = {
  get [key + "Prop"]() {
    return "computed getter";
  },
};
console.log((computedAccessor as any).dynamicProp);
