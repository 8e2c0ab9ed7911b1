// Switch: strict matching, fallthrough, default placement in the middle and grouped cases.
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
