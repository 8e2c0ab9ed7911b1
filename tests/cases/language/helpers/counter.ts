// A module with mutable exported state: importers see every update (live bindings).
export interface Counter {
  value: number;
}

export let counter = 0;

export function increment(): void {
  counter += 1;
}

console.log("counter module evaluated");
