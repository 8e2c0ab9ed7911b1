// `this` binding: methods, arrow functions capture lexical this, call/apply/bind.
class Timer {
  ticks = 0;
  label: string;
  constructor(label: string) {
    this.label = label;
  }
  tickAll(times: number): number {
    const steps = Array.from({ length: times }, (_, i) => i);
    steps.forEach(() => {
      this.ticks++;
    });
    return this.ticks;
  }
  describeLater(): () => string {
    return () => `${this.label} has ${this.ticks} ticks`;
  }
}
const timer = new Timer("egg");
console.log(timer.tickAll(3), timer.tickAll(2));
const describe = timer.describeLater();
console.log(describe());

const calculator = {
  base: 10,
  add(n: number): number {
    return this.base + n;
  },
  addLater(n: number): () => number {
    return () => this.base + n;
  },
};
console.log(calculator.add(5), calculator.addLater(7)());

function whoAmI(this: { name: string } | undefined, suffix: string): string {
  return (this ? this.name : "nobody") + suffix;
}
console.log(whoAmI.call({ name: "call" }, "!"));
console.log(whoAmI.apply({ name: "apply" }, ["?"]));
const bound = whoAmI.bind({ name: "bound" });
console.log(bound("."), bound.call({ name: "ignored" }, ";"));
console.log("bound name:", bound.name, "length:", bound.length);

function partial(this: unknown, a: number, b: number, c: number): number {
  return a * 100 + b * 10 + c;
}
const withTwo = partial.bind(null, 1, 2);
console.log("partial application:", withTwo(3), withTwo.length);

const detached = calculator.add;
try {
  console.log(detached.call({ base: 1000 }, 1));
} catch (e) {
  console.log("unexpected", (e as Error).message);
}

class Button {
  clicks = 0;
  onClick = () => {
    this.clicks++;
    return this.clicks;
  };
}
const button = new Button();
const handler = button.onClick;
handler();
handler();
console.log("arrow field keeps this:", button.clicks);

const arrowIgnoresCall = {
  value: "outer",
  make() {
    const arrow = () => this.value;
    return arrow.call({ value: "other" });
  },
};
console.log("arrow ignores call's this:", arrowIgnoresCall.make());

class Strict {
  method() {
    return typeof this;
  }
}
const unboundMethod = new Strict().method;
console.log("class method called without receiver:", unboundMethod());

const nestedObject = {
  name: "outer",
  inner: {
    name: "inner",
    who() {
      return this.name;
    },
  },
};
console.log("receiver is the object before the dot:", nestedObject.inner.who());
