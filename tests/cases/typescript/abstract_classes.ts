// Abstract classes and members, template-method pattern, protected members and implements clauses.
interface Printable {
  print(): string;
}
interface Sized {
  readonly size: number;
}

abstract class Document implements Printable {
  protected abstract readonly kind: string;
  abstract get size(): number;
  constructor(protected readonly title: string) {}
  abstract body(): string;
  print(): string {
    return `[${this.kind}] ${this.title}: ${this.body()} (${this.size} units)`;
  }
}

class Memo extends Document implements Sized {
  protected readonly kind = "memo";
  constructor(title: string, private lines: string[]) {
    super(title);
  }
  get size(): number {
    return this.lines.length;
  }
  body(): string {
    return this.lines.join(" / ");
  }
}

class Letter extends Document {
  protected kind = "letter";
  declare readonly extra: string;
  get size(): number {
    return this.body().length;
  }
  body(): string {
    return `Dear reader, ${this.title.toLowerCase()}`;
  }
}

const docs: Document[] = [new Memo("Status", ["all good", "ship it"]), new Letter("Hello")];
for (const d of docs) console.log(d.print());
console.log(docs);
console.log("abstract class is a real class:", typeof Document, docs[0] instanceof Document);
console.log("prototype methods:", Object.getOwnPropertyNames(Document.prototype));

abstract class Shape {
  abstract area(): number;
  static compare(a: Shape, b: Shape): number {
    return a.area() - b.area();
  }
}
class Sq extends Shape {
  constructor(private s: number) {
    super();
  }
  area(): number {
    return this.s ** 2;
  }
}
class Tri extends Shape {
  constructor(private b: number, private h: number) {
    super();
  }
  area(): number {
    return (this.b * this.h) / 2;
  }
}
const sorted = [new Sq(3), new Tri(4, 2), new Sq(1)].sort(Shape.compare);
console.log(sorted.map((s) => `${s.constructor.name}=${s.area()}`).join(", "));

const ConcreteFromAbstract = Shape as any;
const instance = new ConcreteFromAbstract();
console.log("abstract is only a type-level check:", instance instanceof Shape, typeof instance.area);
