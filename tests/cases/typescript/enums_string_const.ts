// String enums, heterogeneous enums, const enums (inlined) and enums declared inside functions/namespaces.
enum LogLevel {
  Error = "ERROR",
  Warn = "WARN",
  Info = "INFO",
}
console.log(LogLevel.Warn, LogLevel);
console.log("no reverse mapping for strings:", (LogLevel as any)["ERROR"], Object.keys(LogLevel));

enum Mixed {
  No = 0,
  Yes = "YES",
}
console.log("heterogeneous:", Mixed, Mixed[0]);

const enum Flag {
  Off = 0,
  On = 1,
  Unknown = On + 1,
}
const flags = [Flag.Off, Flag.On, Flag.Unknown];
console.log("const enum values inlined:", flags);

const enum Colour {
  Red = "red",
  Green = "green",
}
function paint(c: Colour): string {
  return `painted ${c}`;
}
console.log(paint(Colour.Green), paint(Colour.Red));

function localEnum(): string[] {
  enum Local {
    First = 5,
    Second,
  }
  return [Local[5], Local[6], String(Local.Second)];
}
console.log("enum inside a function:", localEnum());

namespace Shapes {
  export enum Kind {
    Circle = "circle",
    Square = "square",
  }
  export function describe(kind: Kind): string {
    return `shape kind ${kind}`;
  }
}
console.log(Shapes.describe(Shapes.Kind.Square), Shapes.Kind);

enum WithComputedString {
  Prefix = "pre",
  Combined = `${"pre"}-fix`,
}
console.log("template member:", WithComputedString.Combined);

enum Suit {
  Hearts = "♥",
  Spades = "♠",
}
const pretty = (Object.keys(Suit) as Array<keyof typeof Suit>).map((k) => `${k}:${Suit[k]}`);
console.log(pretty.join(" "));

enum Quoted {
  "with space" = 1,
  "dash-ed" = 2,
}
console.log("quoted member names:", Quoted["with space"], Quoted[2], Quoted);
