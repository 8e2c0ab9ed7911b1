// Class fields under useDefineForClassFields: uninitialised fields exist, declare fields emit nothing,
// fields shadow accessors of the base class, and accessibility modifiers are erased.
class Base {
  greeting = "base greeting";
  get computed(): string {
    return "from base getter";
  }
  set computed(v: string) {
    console.log("base setter called with", v);
  }
}

class DefineShadows extends Base {
  computed = "own data property";
}
const shadow = new DefineShadows();
console.log("field defines over inherited accessor:", shadow.computed, Object.keys(shadow));

class DeclareOnly extends Base {
  declare greeting: string;
  declare extraInfo: number;
}
const declared = new DeclareOnly();
console.log("declare keeps base value:", declared.greeting, "extraInfo" in declared, declared);

class Uninitialised {
  a: number;
  b?: string;
  c!: boolean;
  private d: number[] | undefined;
  protected e: unknown;
  public f = "set";
  readonly g: null = null;
}
const u = new Uninitialised();
console.log(u);
console.log("own keys:", Object.keys(u), "a" in u, u.a);

class Counter {
  static instances: number;
  static label = "counter";
  value: number;
  constructor() {
    this.value = (Counter.instances = (Counter.instances ?? 0) + 1);
  }
}
new Counter();
console.log("static without initialiser:", Counter.instances, Counter.label, new Counter().value);

class ArrowField {
  private prefix = ">";
  handler = (s: string) => this.prefix + s;
  static make = () => new ArrowField();
}
const handler = ArrowField.make().handler;
console.log("arrow field:", handler("x"), typeof ArrowField.prototype.handler);

class Ordering {
  static log: string[] = [];
  a = Ordering.note("a");
  static s = Ordering.note("static s");
  b = Ordering.note("b");
  static note(name: string): string {
    (Ordering.log ??= []).push(name);
    return name;
  }
}
new Ordering();
console.log("initialisation order:", Ordering.log);

class AccessorKeyword {
  #hidden = 1;
  get hidden(): number {
    return this.#hidden;
  }
  override = "plain field named override";
  readonly static_ = "readonly field";
}
console.log(new AccessorKeyword(), new AccessorKeyword().hidden);

class OptionalMethod {
  run?(): string;
  present(): string {
    return "present";
  }
}
const om = new OptionalMethod();
console.log("optional method erased:", om.run?.(), om.present(), Object.getOwnPropertyNames(OptionalMethod.prototype));
