// Switch: strict matching, fallthrough, default placement, block scoping and expressions as cases.
function describe(value: unknown): string {
  switch (value) {
    case 1:
      return "one";
    case "1":
      return "string one";
    case true:
      return "true";
    case null:
      return "null";
    case undefined:
      return "undefined";
    default:
      return "something else";
  }
}
console.log([1, "1", true, null, undefined, 2, NaN].map(describe).join(", "));

function fallthrough(n: number): string[] {
  const log: string[] = [];
  switch (n) {
    case 0:
      log.push("zero");
    case 1:
      log.push("one");
    case 2:
      log.push("two");
      break;
    case 3:
      log.push("three");
    default:
      log.push("default");
  }
  return log;
}
for (let i = 0; i <= 4; i++) console.log(`fallthrough(${i}):`, fallthrough(i));

function defaultInMiddle(n: number): string {
  let s = "";
  switch (n) {
    case 1:
      s += "a";
    default:
      s += "d";
    case 2:
      s += "b";
      break;
    case 3:
      s += "c";
  }
  return s;
}
console.log("default in middle:", [1, 2, 3, 9].map(defaultInMiddle));

function grouped(day: string): string {
  switch (day.toLowerCase()) {
    case "sat":
    case "sun":
      return "weekend";
    case "mon":
    case "tue":
    case "wed":
    case "thu":
    case "fri":
      return "weekday";
  }
  return "unknown";
}
console.log("grouped cases:", ["Sat", "mon", "FRI", "xyz"].map(grouped));

const order: string[] = [];
function probe(label: string, value: number): number {
  order.push(label);
  return value;
}
switch (probe("discriminant", 3)) {
  case probe("case a", 1):
    order.push("body a");
    break;
  case probe("case b", 3):
    order.push("body b");
    break;
  case probe("case c", 3):
    order.push("body c");
}
console.log("evaluation order:", order.join(" -> "));

function scoped(n: number): string {
  switch (n) {
    case 1: {
      const message = "block one";
      return message;
    }
    case 2: {
      const message = "block two";
      return message;
    }
  }
  return "none";
}
console.log("block scoped cases:", scoped(1), scoped(2), scoped(3));

function trueSwitch(score: number): string {
  switch (true) {
    case score >= 90:
      return "A";
    case score >= 80:
      return "B";
    default:
      return "C";
  }
}
console.log("switch(true):", [95, 85, 50].map(trueSwitch).join(""));

let emptyRan = "no";
switch (5) {
}
switch (5) {
  default:
    emptyRan = "default only";
}
console.log("empty and default-only switch:", emptyRan);

function sharedLexicalScope(n: number): string {
  switch (n) {
    case 0:
      let shared = "set in case 0";
      return shared;
    case 1:
      try {
        return shared;
      } catch (e) {
        return "TDZ in other case: " + (e as Error).name;
      }
  }
  return "";
}
console.log(sharedLexicalScope(0), "|", sharedLexicalScope(1));
