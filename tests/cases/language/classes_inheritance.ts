// Inheritance: extends, super constructor and method calls, overriding, instanceof, static inheritance.
class Shape {
  static count = 0;
  name: string;
  constructor(name: string) {
    this.name = name;
    Shape.count++;
  }
  area(): number {
    return 0;
  }
  describe(): string {
    return `${this.name} with area ${this.area().toFixed(2)}`;
  }
  static create(): Shape {
    return new this("created by " + this.name);
  }
}

class Circle extends Shape {
  radius: number;
  constructor(radius: number) {
    super("circle");
    this.radius = radius;
  }
  area(): number {
    return Math.PI * this.radius ** 2;
  }
}

class Square extends Shape {
  side = 1;
  constructor(side: number) {
    super("square");
    this.side = side;
  }
  area(): number {
    return this.side * this.side;
  }
  describe(): string {
    return "[" + super.describe() + "]";
  }
}

class ColoredSquare extends Square {
  constructor(side: number, public color: string) {
    super(side);
    this.name = color + " square";
  }
  describe(): string {
    return super.describe() + " in " + this.color;
  }
}

const shapes: Shape[] = [new Circle(1), new Square(2), new ColoredSquare(3, "red")];
for (const s of shapes) console.log(s.describe());
console.log(shapes);
console.log("count:", Shape.count);
const cs = shapes[2];
console.log("instanceof:", cs instanceof ColoredSquare, cs instanceof Square, cs instanceof Shape, cs instanceof Circle);
console.log("prototype chain:", Object.getPrototypeOf(ColoredSquare) === Square, Object.getPrototypeOf(ColoredSquare.prototype) === Square.prototype);
console.log("constructor names:", shapes.map((s) => s.constructor.name));
console.log("static inherited:", (Circle as any).create(), Circle.count);

class DefaultConstructor extends Circle {}
const dc = new DefaultConstructor(2);
console.log("implicit constructor passes arguments:", dc.radius, dc.name, dc);
