// Named exports of every declaration form, plus a re-export of another module's names.
export type Shape = { kind: "square"; side: number };

export const sides = 4;

export function square(side: number): Shape {
  return { kind: "square", side };
}

export class Area {
  static of(shape: Shape): number {
    return shape.side * shape.side;
  }
}

const area = (shape: Shape): number => Area.of(shape);
export { area, area as surface };

export * from "./counter";
