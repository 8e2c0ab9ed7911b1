// A class whose private accessor is only installed by the instance-fields initializer (no
// method of the class references it) and whose field holds an inner class shadowing the name.
class Outer {
  get #value() {
    return "outer getter";
  }
  Inner = class {
    set #value(v: unknown) {}
    read(): unknown {
      return (this as any).#value;
    }
  };
}
const outer = new Outer();
const inner = new outer.Inner();
try {
  inner.read();
  console.log("no error");
} catch (error) {
  console.log("inner read", (error as Error).constructor.name);
}
class Other {
  set #value(v: unknown) {}
  Inner = class {
    get #value() {
      return 2;
    }
  };
  read(): unknown {
    return (this as any).#value;
  }
}
try {
  new Other().read();
  console.log("no error");
} catch (error) {
  console.log("outer read", (error as Error).constructor.name);
}
class Counter {
  #count = 0;
  #step() {
    return 1;
  }
  increment() {
    this.#count += this.#step();
    return this.#count;
  }
}
const counter = new Counter();
counter.increment();
console.log(counter.increment());
