// Merged namespaces: a name exported by one declaration is visible in the others as a
// property of the shared namespace object; a local declaration shadows it.
namespace Shapes {
  export const unit = "cm";
  export function area(side: number): number {
    return side * side;
  }
}
namespace Shapes {
  export function describe(side: number): string {
    return `${area(side)} square ${unit}`;
  }
  const unit = "mm";
  export function localUnit(): string {
    return unit;
  }
}
namespace Outer {
  export namespace Inner {
    export const depth = 2;
  }
}
namespace Outer {
  export function depthPlusOne(): number {
    return Inner.depth + 1;
  }
}
console.log(Shapes.describe(3), Shapes.localUnit(), Shapes.unit);
console.log(Outer.depthPlusOne(), Object.keys(Shapes), Object.keys(Outer));
