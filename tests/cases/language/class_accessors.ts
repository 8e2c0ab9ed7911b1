// Accessors in classes: get/set pairs backed by private fields, static getters, prototype placement, super accessors.
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
