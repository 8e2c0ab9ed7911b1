// Standard (TC39) decorators on methods, getters, fields, auto-accessors and classes, with addInitializer and access objects.
function logged<This, Args extends any[], Return>(target: (this: This, ...args: Args) => Return, context: ClassMethodDecoratorContext<This, (this: This, ...args: Args) => Return>) {
  const name = String(context.name);
  return function (this: This, ...args: Args): Return {
    console.log(`-> ${name}(${args.join(", ")})`);
    const result = target.call(this, ...args);
    console.log(`<- ${name} = ${JSON.stringify(result)}`);
    return result;
  };
}
function bound(_t: unknown, context: ClassMethodDecoratorContext) {
  const name = context.name;
  context.addInitializer(function (this: any) { this[name] = this[name].bind(this); });
}
function defaultValue<T>(v: T) { return function (_: undefined, ctx: ClassFieldDecoratorContext) { return (initial: T) => initial ?? v; }; }
function double(_: undefined, ctx: ClassFieldDecoratorContext) { console.log("double on", String(ctx.name), ctx.static); return (x: number) => x * 2; }
function clamp(min: number, max: number) {
  return function <T>(target: ClassAccessorDecoratorTarget<T, number>, ctx: ClassAccessorDecoratorContext<T, number>): ClassAccessorDecoratorResult<T, number> {
    return {
      get() { return target.get.call(this); },
      set(v) { target.set.call(this, Math.min(max, Math.max(min, v))); },
      init(v) { console.log("init", String(ctx.name), v); return Math.min(max, Math.max(min, v)); },
    };
  };
}
const registry: string[] = [];
function register<T extends abstract new (...a: any) => any>(cls: T, ctx: ClassDecoratorContext<T>) {
  registry.push(String(ctx.name));
  ctx.addInitializer(function () { console.log("class ready:", this.name); });
}
function sealed<T extends new (...a: any[]) => object>(cls: T, ctx: ClassDecoratorContext) {
  return class extends cls { sealedFlag = true; };
}
function readonlyGetter(target: () => unknown, ctx: ClassGetterDecoratorContext) { return function (this: unknown) { return "[" + String(target.call(this)) + "]"; }; }
@register
class Calculator {
  @double factor = 21;
  @defaultValue("anon") label: string | undefined = undefined;
  @clamp(0, 10) accessor level = 42;
  @double static scale = 5;
  constructor(public owner: string) {}
  @logged add(a: number, b: number) { return a + b + this.factor; }
  @bound describe() { return `${this.owner}:${this.label}`; }
  @readonlyGetter get summary() { return this.level; }
  @logged static create() { return new Calculator("factory"); }
}
const calc = Calculator.create();
console.log(calc.add(1, 2), calc.factor, calc.label, calc.level, Calculator.scale);
calc.level = -5; console.log(calc.level, calc.summary); calc.level = 7; console.log(calc.level);
const d = calc.describe; console.log(d());
console.log(registry, calc);
@sealed @register
class Widget { name = "w"; }
const w = new Widget(); console.log(w, (w as any).sealedFlag, Widget.name, w instanceof Widget);
const ns = { deco: (v: any, c: any) => { console.log("ns.deco", c.kind, c.name); } };
class Other { @ns.deco m() {} @(ns.deco) static n = 1; @((v: any, c: any) => { console.log("inline", c.kind); }) x = 0; }
new Other();
function ctxDump(v: any, c: any) { console.log(c); console.log(Object.keys(c.access), typeof c.access.get); }
class Dump { @ctxDump meth() {} @ctxDump static sfield = 1; @ctxDump accessor acc = 2; }
const dump = new Dump();
function accessCheck(v: any, c: ClassFieldDecoratorContext<any, any>) { c.addInitializer(function (this: any) { console.log("has", c.access.has(this), "get", c.access.get(this)); c.access.set(this, 99); }); }
class AC { @accessCheck val = 5; }
console.log(new AC().val);
class Base { @logged greet() { return "base"; } }
class Derived extends Base { @logged greet() { return "derived+" + super.greet(); } }
console.log(new Derived().greet());
try { class Bad { @((() => 5) as any) m() {} } } catch (e) { console.log((e as Error).name, (e as Error).message); }
let late: any; class Late { @((v: any, c: any) => { late = c; }) m() {} }
try { late.addInitializer(() => {}); } catch (e) { console.log((e as Error).message); }
const sym = Symbol("sk");
class SymK { @((v: any, c: any) => console.log("sym name", typeof c.name, String(c.name))) [sym]() {} }
