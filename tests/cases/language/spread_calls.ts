// Calls whose last argument is a spread (expanded in place) and the other spread shapes.
function list(...items: unknown[]): string {
  return items.length + ":" + items.map((item) => String(item)).join(",");
}
function three(a?: unknown, b?: unknown, c?: unknown): string {
  return `${a}|${b}|${c}|${arguments.length}`;
}

const numbers = [1, 2, 3];
console.log(list(...numbers));
console.log(list(0, ...numbers));
console.log(list(...numbers, 4));
console.log(list(...numbers, ...numbers));
console.log(list(...[]));
console.log(three(...numbers, 9));
console.log(three(..."ab"));
console.log(three(...new Set(["x", "y", "x"])));
console.log(Math.max(...numbers), Math.min(...[]), Math.max(0, ...[5, 7]));

// Holes read as undefined (through the prototype chain when it has the index).
const holey = [1, , 3];
console.log(three(...holey));
(Array.prototype as any)[1] = "from prototype";
console.log(three(...holey));
delete (Array.prototype as any)[1];

// `this` of a method call with spread.
const counter = {
  total: 10,
  add(...values: number[]) {
    for (const value of values) this.total += value;
    return this.total;
  },
};
console.log(counter.add(...numbers), counter.add(1, ...numbers));

// Construct and super with spread.
class Point {
  constructor(public x: number, public y: number) {}
}
class Point3 extends Point {
  z: number;
  constructor(...coordinates: [number, number, number]) {
    super(...(coordinates.slice(0, 2) as [number, number]));
    this.z = coordinates[2];
  }
}
const point = new Point(...([4, 5] as [number, number]));
const point3 = new Point3(...([1, 2, 3] as [number, number, number]));
console.log(point.x, point.y, point3.x, point3.y, point3.z);

// A generator is iterated, and its values are taken before the callee is checked.
function* generate() {
  console.log("generating");
  yield "g1";
  yield "g2";
}
console.log(list(...generate()));
const notAFunction: any = 42;
try {
  notAFunction(...generate());
} catch (error) {
  console.log((error as Error).constructor.name, (error as Error).message);
}
try {
  list(...(null as any));
} catch (error) {
  console.log((error as Error).constructor.name);
}

// A replaced array iterator is honoured.
const originalIterator = Array.prototype[Symbol.iterator];
Array.prototype[Symbol.iterator] = function* () {
  yield "patched";
};
console.log(list(...numbers));
Array.prototype[Symbol.iterator] = originalIterator;
console.log(list(...numbers));

// Many arguments, and spread calls nested in arguments.
const many: number[] = [];
for (let index = 0; index < 5000; index++) many.push(index);
console.log(Math.max(...many), list(...many).length);
console.log(list(list(...numbers), ...[list(...numbers)]));

// Argument evaluation order with a trailing spread.
const order: string[] = [];
function note<T>(label: string, value: T): T {
  order.push(label);
  return value;
}
note("callee", list)(note("first", 1), ...note("spread", [2, 3]));
console.log(order.join(" "));
