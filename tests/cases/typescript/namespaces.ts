// Namespaces: exported members, nested and dotted namespaces, merging with functions, classes and enums.
namespace Geometry {
  const hiddenScale = 2;
  export const unit = "cm";
  export let mutableCounter = 0;
  export function scale(n: number): number {
    mutableCounter++;
    return n * hiddenScale;
  }
  export class Vector {
    constructor(public x: number, public y: number) {}
    length(): number {
      return Math.hypot(this.x, this.y);
    }
  }
  export namespace Shapes {
    export function square(side: number): number {
      return scale(side) * scale(side);
    }
  }
  export interface TypeOnly {
    erased: true;
  }
}
console.log(Geometry.unit, Geometry.scale(5), Geometry.Shapes.square(3), Geometry.mutableCounter);
console.log(new Geometry.Vector(3, 4).length(), new Geometry.Vector(1, 1));
console.log("hidden member is not exported:", (Geometry as any).hiddenScale);
console.log("namespace object keys:", Object.keys(Geometry));

namespace Outer.Middle.Inner {
  export const depth = 3;
}
namespace Outer.Middle {
  export const sibling = "added later";
}
console.log("dotted namespace:", Outer.Middle.Inner.depth, Outer.Middle.sibling, Outer);

namespace Geometry {
  export function describe(): string {
    return `merged namespace sees ${unit} via export`;
  }
}
console.log(Geometry.describe());

function buildLabel(text: string): string {
  return `${buildLabel.prefix}${text}${buildLabel.suffix}`;
}
namespace buildLabel {
  export const prefix = "<";
  export const suffix = ">";
}
console.log("function merged with namespace:", buildLabel("tag"), buildLabel.prefix);

class Album {
  constructor(public title: string) {}
  static create(title: string): Album {
    return new Album(Album.Defaults.prefix + title);
  }
}
namespace Album {
  export const Defaults = { prefix: "Best of " };
  export class Track {
    constructor(public name: string) {}
  }
}
console.log("class merged with namespace:", Album.create("Queen"), new Album.Track("Intro"));

enum Weekday {
  Monday = 1,
  Friday = 5,
}
namespace Weekday {
  export function isWeekend(d: Weekday): boolean {
    return d > 5;
  }
}
console.log("enum merged with namespace:", Weekday.isWeekend(Weekday.Friday), Weekday.Monday);

namespace Counter {
  let count = 0;
  export function next(): number {
    return ++count;
  }
}
Counter.next();
console.log("namespace-private state:", Counter.next());

namespace EmptyTypesOnly {
  export type Alias = string;
}
console.log("type-only namespace emits nothing:", typeof (globalThis as any).EmptyTypesOnly);

namespace Exported {
  export let value = 1;
  export function bump(): void {
    value++;
  }
}
Exported.bump();
Exported.bump();
console.log("exported let is a property:", Exported.value);
