// typeof, instanceof, in, delete, void, comma, nullish coalescing, logical assignment, optional chaining.
class Animal {}
class Dog extends Animal {}
const values: unknown[] = [1, "s", true, undefined, null, {}, [], () => 1, Animal];
console.log("typeof:", values.map((v) => typeof v).join(" "));
console.log("typeof undeclared:", typeof someUndeclaredVariable);
console.log("instanceof:", new Dog() instanceof Dog, new Dog() instanceof Animal, new Animal() instanceof Dog, [] instanceof Array, [] instanceof Object, {} instanceof Array);
try {
  console.log(({} as any) instanceof ({} as any));
} catch (e) {
  console.log("instanceof non-callable:", (e as Error).name);
}

const record: Record<string, unknown> = { present: undefined, zero: 0 };
console.log("in:", "present" in record, "zero" in record, "missing" in record, "toString" in record, 0 in [5], 1 in [5]);
console.log("delete:", delete record.present, "present" in record, delete record.missing, Object.keys(record));
const sparse = [1, 2, 3];
delete sparse[1];
console.log("delete array element:", sparse, sparse.length, 1 in sparse);

console.log("void:", void 0, void "anything", typeof void 0);
let sideEffects = 0;
const commaResult = (sideEffects++, sideEffects++, sideEffects * 100);
console.log("comma:", commaResult, sideEffects);

const nothing: any = null;
const zero: any = 0;
const empty: any = "";
console.log("nullish:", nothing ?? "default", undefined ?? "default", zero ?? "default", empty ?? "default", false ?? "default");
console.log("logical or/and:", nothing || "fallback", zero || "fallback", empty || "fallback", "x" && "y", 0 && "unreached", null && 1);
console.log("not:", !0, !"", !"a", !!{}, !![], !!NaN);

let a: any = null;
let b: any = 0;
let c: any = "keep";
a ??= "filled";
b ||= "was falsy";
c &&= c.toUpperCase();
console.log("logical assignment:", a, b, c);
let untouched: any = "set";
let calls = 0;
untouched ??= (calls++, "never");
untouched ||= (calls++, "never");
console.log("short-circuit assignment:", untouched, calls);

const user: any = { profile: { name: "Ada", tags: ["x"] }, greet: () => "hi" };
console.log("optional chaining:", user?.profile?.name, user.missing?.name, user.missing?.deep.deeper);
console.log("optional call:", user.greet?.(), user.absent?.(), nothing?.method());
console.log("optional index:", user.profile?.tags?.[0], user.profile?.other?.[0], nothing?.[0]);
let evaluated = 0;
const shortCircuits = nothing?.prop[evaluated++];
console.log("short-circuit skips evaluation:", shortCircuits, evaluated);

const obj: any = { count: 1, nested: { list: [1, 2] } };
obj.count += 10;
obj["count"] *= 2;
obj.nested.list[1] **= 3;
obj.newKey ??= "created";
console.log("compound on members:", obj);

console.log("ternary chain:", [5, 15, 25].map((n) => (n < 10 ? "low" : n < 20 ? "mid" : "high")).join(","));
console.log("conditional with side effects:", true ? "yes" : (calls++, "no"), calls);
