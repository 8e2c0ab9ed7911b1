// TypeScript runtime constructs: enums, namespaces, import-equals.
enum Direction {
  Up = 1,
  Down,
  Left = Up << 4,
  Right = "right",
}
namespace Geometry {
  export const origin = { x: 0, y: 0 };
  export function distance(p: { x: number; y: number }): number {
    return Math.sqrt((p.x - origin.x) ** 2 + (p.y - origin.y) ** 2);
  }
  export namespace Inner {
    export const unit = 1;
  }
}
import unit = Geometry.Inner.unit;
console.log(Direction.Down, Direction[2], Geometry.distance({ x: 3, y: 4 }), unit);
