// super: this before super() is a ReferenceError, super method calls (also from arrows and statics), object-literal super,
// extending Array and constructor functions, and fields across several levels.
class Labelled {
  constructor(public name: string) {}
}

class ThisBeforeSuper extends Labelled {
  constructor() {
    try {
      (this as any).name = "too early";
    } catch (e) {
      console.log("this before super:", (e as Error).name);
    }
    super("late");
  }
}
console.log(new ThisBeforeSuper().name);

class Base {
  greet(): string {
    return "base greet";
  }
  static who(): string {
    return "static base";
  }
}
class Child extends Base {
  greet(): string {
    const viaArrow = () => super.greet();
    return "child + " + viaArrow();
  }
  static who(): string {
    return "static child + " + super.who();
  }
}
console.log(new Child().greet(), "|", Child.who());

const methodsObject = {
  __proto__: { hello: () => "proto hello" },
  hello(): string {
    return "own + " + super.hello();
  },
};
console.log("super in object literal:", methodsObject.hello());

class ExtendsArray extends Array<number> {
  sum(): number {
    return this.reduce((a, b) => a + b, 0);
  }
}
const numbers = new ExtendsArray();
numbers.push(1, 2, 3);
console.log("extends Array:", numbers.sum(), numbers.length, Array.isArray(numbers), numbers);

class ExtendsNull {
  field = "set";
}
class Grand extends ExtendsNull {}
class GrandChild extends Grand {
  own = "own";
}
console.log("fields across levels:", new GrandChild());

function OldStyle(this: any, v: number) {
  this.v = v;
}
OldStyle.prototype.get = function () {
  return this.v;
};
class ModernFromOld extends (OldStyle as any) {
  doubled(): number {
    return (this as any).get() * 2;
  }
}
console.log("extends constructor function:", new ModernFromOld(21).doubled());
