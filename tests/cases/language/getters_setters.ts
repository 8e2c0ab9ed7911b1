// Getters and setters on object literals, classes and via Object.defineProperty.
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

class Rectangle {
  #width = 0;
  #height = 0;
  static #instances = 0;
  constructor(width: number, height: number) {
    this.width = width;
    this.height = height;
    Rectangle.#instances++;
  }
  get width(): number {
    return this.#width;
  }
  set width(w: number) {
    if (w < 0) throw new RangeError("negative width");
    this.#width = w;
  }
  get height(): number {
    return this.#height;
  }
  set height(h: number) {
    this.#height = Math.max(0, h);
  }
  get area(): number {
    return this.width * this.height;
  }
  static get instances(): number {
    return Rectangle.#instances;
  }
}
const rect = new Rectangle(3, 4);
console.log("class accessors:", rect.width, rect.height, rect.area);
rect.height = -5;
console.log("setter clamps:", rect.height, rect.area);
try {
  rect.width = -1;
} catch (e) {
  console.log("setter throws:", (e as Error).message);
}
new Rectangle(1, 1);
console.log("static getter:", Rectangle.instances);
console.log("instance has no own accessor:", Object.keys(rect), rect);
console.log("accessor on prototype:", typeof Object.getOwnPropertyDescriptor(Rectangle.prototype, "area")!.get);

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

class Base {
  get kind(): string {
    return "base";
  }
}
class Derived extends Base {
  get kind(): string {
    return "derived<" + super.kind + ">";
  }
}
console.log("inherited accessor with super:", new Derived().kind);

const key = "dynamic";
const computedAccessor = {
  get [key + "Prop"]() {
    return "computed getter";
  },
};
console.log((computedAccessor as any).dynamicProp);
