// console.log of class instances: names, nesting, subclasses of built-ins, accessors and anonymous classes.
class Point {
  constructor(public x: number, public y: number) {}
}
class Line {
  constructor(public from: Point, public to: Point, public label?: string) {}
}
class Polygon {
  points: Point[] = [];
  meta = { closed: true, style: { stroke: "black", width: 1 } };
}
console.log(new Point(1, 2));
console.log(new Line(new Point(0, 0), new Point(3, 4), "diagonal"));
const poly = new Polygon();
poly.points.push(new Point(0, 0), new Point(1, 0), new Point(0, 1));
console.log(poly);
console.log([new Point(1, 1), new Point(2, 2)], { at: new Point(5, 5) });
console.log({ level1: { level2: { level3: new Point(9, 9) } } });

class NoFields {
  method(): void {}
}
console.log(new NoFields(), [new NoFields()]);

class Accessors {
  backing = 1;
  get onlyGet(): number {
    return 1;
  }
}
const withOwnAccessors = Object.defineProperties(new Accessors(), {
  getter: { get: () => 1, enumerable: true },
  setter: { set: (_v: unknown) => {}, enumerable: true },
  both: { get: () => 1, set: (_v: unknown) => {}, enumerable: true },
});
console.log(withOwnAccessors);

class Tagged extends Map<string, number> {}
class UniqueList extends Set<string> {}
class Row extends Array<string> {}
const tagged = new Tagged([["a", 1]]);
const unique = new UniqueList(["x", "y"]);
const row = Row.from(["c1", "c2"]);
console.log(tagged, unique, row);
console.log([new Tagged()], new Row());

const Anonymous = (() => class {})();
console.log("anonymous class instance:", new Anonymous());
const factory = () =>
  class {
    value = 1;
  };
const Produced = factory();
console.log(new Produced(), Produced.name);

class Base {
  baseField = "base";
}
class Derived extends Base {
  derivedField = "derived";
}
console.log(new Derived(), Object.getPrototypeOf(new Derived()) === Derived.prototype);
const plainWithConstructorProp = { constructor: "not a function", value: 1 };
console.log(plainWithConstructorProp);

class Recursive {
  self: Recursive | null = null;
  children: Recursive[] = [];
}
const root = new Recursive();
root.self = root;
root.children.push(new Recursive());
console.log(root);
class LongFields {
  description = "a long description string that takes up space";
  tags = ["alpha", "beta", "gamma"];
  count = 3;
}
console.log(new LongFields());
console.log(Object.assign(Object.create(Point.prototype), { x: "created", y: "without constructor" }));
