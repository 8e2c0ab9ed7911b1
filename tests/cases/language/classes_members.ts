// Class members: computed and quoted method names, toString, class expressions, empty classes, private statics.
class Computed {
  ["computed" + "Method"](): string {
    return "computed method";
  }
  static ["static" + 1] = "computed static";
  "quoted name"(): string {
    return "quoted";
  }
  42(): string {
    return "numeric method name";
  }
}
const c = new Computed();
console.log(c.computedMethod(), (Computed as any).static1, c["quoted name"](), c[42]());

class WithToString {
  constructor(private readonly id: number) {}
  toString(): string {
    return `WithToString#${this.id}`;
  }
}
const w = new WithToString(7);
console.log(`template uses toString: ${w}`, String(w), "" + w);
console.log("console.log ignores toString:", w);

const Anonymous = class {
  value = "anon";
};
const Named = class InnerName {
  who(): string {
    return InnerName.name;
  }
};
console.log("class expressions:", new Anonymous(), Anonymous.name, new Named().who(), Named.name);

class Empty {}
console.log("empty class instance:", new Empty(), [new Empty()], { e: new Empty() });

class PrivateStatic {
  static #count = 0;
  static #bump(): number {
    return ++PrivateStatic.#count;
  }
  static next(): number {
    return PrivateStatic.#bump();
  }
}
console.log("private static:", PrivateStatic.next(), PrivateStatic.next());
