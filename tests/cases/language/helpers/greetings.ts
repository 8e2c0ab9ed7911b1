// A default export next to named ones, and an import of a sibling module.
import { counter } from "./counter";

export default function greet(name: string): string {
  return `hello, ${name}`;
}

export function counterSnapshot(): number {
  return counter;
}
