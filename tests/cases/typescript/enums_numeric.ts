// Numeric enums: auto-increment, explicit values, reverse mapping, computed members and iteration.
enum Direction {
  Up,
  Down,
  Left,
  Right,
}
console.log(Direction.Up, Direction.Right, Direction[0], Direction[Direction.Left]);
console.log(Direction);

enum Status {
  Active = 1,
  Inactive,
  Banned = 10,
  Deleted,
  Negative = -3,
  AfterNegative,
}
console.log(Status.Inactive, Status.Deleted, Status.AfterNegative, Status[11], Status[-2]);
console.log(Object.keys(Status));
console.log(Object.values(Status).filter((v) => typeof v === "number"));

enum FileAccess {
  None = 0,
  Read = 1 << 1,
  Write = 1 << 2,
  ReadWrite = Read | Write,
  Length = "four".length,
}
console.log(FileAccess.ReadWrite, FileAccess[6], FileAccess.Length, FileAccess[4]);
const access = FileAccess.Read | FileAccess.Write;
console.log("has write:", (access & FileAccess.Write) !== 0, "has none:", access === FileAccess.None);

enum Merged {
  A = 1,
}
enum Merged {
  B = 2,
  C,
}
console.log("merged declarations:", Merged);

function directionName(d: Direction): string {
  switch (d) {
    case Direction.Up:
      return "north";
    case Direction.Down:
      return "south";
    default:
      return Direction[d].toLowerCase();
  }
}
console.log([Direction.Up, Direction.Down, Direction.Left, Direction.Right].map(directionName));

for (const key in Direction) {
  if (isNaN(Number(key))) console.log(`for-in member ${key} = ${Direction[key as keyof typeof Direction]}`);
}

enum SelfReference {
  Base = 100,
  Double = Base * 2,
  Sum = Base + Double,
}
console.log("members referencing members:", SelfReference.Double, SelfReference.Sum, SelfReference[300]);
console.log("typeof enum object:", typeof Direction, Direction.Up === 0);
const lookupByName = (name: string) => (Direction as any)[name];
console.log("lookup by name:", lookupByName("Left"), lookupByName("Missing"));
