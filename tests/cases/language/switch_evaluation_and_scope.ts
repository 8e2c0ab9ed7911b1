// Switch: case evaluation order, block-scoped cases, switch(true), empty switches and the shared lexical scope (TDZ).
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
