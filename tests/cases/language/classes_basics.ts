// Classes: fields (with and without initialisers), methods, static members, static blocks, private #fields and methods.
class Counter {
  count = 0;
  label: string;
  uninitialised: number | undefined;
  static created = 0;
  static readonly description = "counts things";
  #secret = "hidden";
  #history: number[] = [];

  constructor(label: string) {
    this.label = label;
    Counter.created++;
  }

  increment(by: number = 1): this {
    this.count += by;
    this.#history.push(this.count);
    return this;
  }

  #format(): string {
    return `${this.label}=${this.count}`;
  }

  report(): string {
    return this.#format() + " history " + this.#history.join("/");
  }

  hasSecret(other: object): boolean {
    return #secret in other;
  }

  static make(label: string): Counter {
    return new Counter(label);
  }
}

const a = new Counter("a").increment().increment(5);
const b = Counter.make("b");
console.log(a.report(), "|", b.report());
console.log("instances:", a, b);
console.log("static:", Counter.created, Counter.description);
console.log("private brand check:", a.hasSecret(b), a.hasSecret({}));
console.log("own keys exclude private:", Object.keys(a));
console.log("methods live on prototype:", Object.getOwnPropertyNames(Counter.prototype));
console.log("typeof class:", typeof Counter, Counter.name, Counter.length);

class FieldOrder {
  first = (FieldOrder.log.push("first field"), 1);
  second = (FieldOrder.log.push("second field"), this.first + 1);
  static log: string[] = [];
  constructor() {
    FieldOrder.log.push("constructor body sees " + this.second);
  }
}
new FieldOrder();
console.log(FieldOrder.log);

class StaticBlock {
  static table: Record<string, number> = {};
  static {
    for (const [i, name] of ["zero", "one", "two"].entries()) StaticBlock.table[name] = i;
  }
  static lookup(name: string): number | undefined {
    return this.table[name];
  }
}
console.log("static block:", StaticBlock.table, StaticBlock.lookup("two"), StaticBlock.lookup("three"));

try {
  (Counter.prototype.report as any).call({});
} catch (e) {
  console.log("private access on wrong object:", (e as Error).name);
}
