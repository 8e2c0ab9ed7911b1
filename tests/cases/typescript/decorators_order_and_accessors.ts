// Decorator evaluation and application order, class expressions, derived classes, auto-accessors (static, computed keys).
const trace = (label: string) => (v: any, c: any) => { console.log(label, c.kind, String(c.name), c.static); };
const C1 = @trace("expr") class { @trace("m") m() { return 1; } };
console.log(typeof C1, new C1().m());
class Parent { constructor(public id: number) { console.log("parent ctor", id); } }
class Child extends Parent {
  @((v: undefined, c: any) => (x: number) => x + 100) bonus = 1;
  static accessor count = 0;
  accessor ["computed" + "Key"] = "ck";
  constructor() { super(7); console.log("child ctor", this.bonus); Child.count++; }
}
const ch = new Child(); new Child();
console.log(ch, Child.count, (ch as any).computedKey, Object.getOwnPropertyNames(Child.prototype));
const desc = Object.getOwnPropertyDescriptor(Child.prototype, "computedKey")!;
console.log(typeof desc.get, typeof desc.set, desc.enumerable, desc.configurable, desc.get!.name, desc.set!.name, desc.get!.length, desc.set!.length);
try { (Object.getOwnPropertyDescriptor(Child.prototype, "computedKey")!.get as any).call({}); } catch (e) { console.log((e as Error).constructor.name); }
function replaceMethod(v: Function, c: ClassMethodDecoratorContext) { return function (this: any) { return "replaced " + v.call(this); }; }
class R { @replaceMethod @((v: Function, c: any) => function (this: any) { return "inner(" + v.call(this) + ")"; }) hello() { return "hi"; } }
console.log(new R().hello(), R.prototype.hello.name);
class Order {
  @trace("1") static a() {}
  @trace("2") b() {}
  @trace("3") static c = 1;
  @trace("4") d = 2;
  @trace("5") static accessor e = 3;
  @trace("6") accessor f = 4;
  @trace("7") static get g() { return 1; }
  @trace("8") set h(v: number) {}
}
let order = 0;
const dec = (name: string) => { console.log("evaluate", name, order++); return (v: any, c: any) => { console.log("apply", name); }; };
class Ev { @dec("a") [(console.log("key a"), "a")]() {} @dec("b") static [(console.log("key b"), "b")] = 1; }
function freeze(cls: any, ctx: ClassDecoratorContext) { ctx.addInitializer(function (this: any) { Object.freeze(this); }); }
@freeze class Frozen { static v = 1; }
console.log(Object.isFrozen(Frozen));
