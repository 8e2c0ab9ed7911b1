// ES modules across files: named, default and namespace imports, live bindings, re-exports,
// type-only imports (elided) and dynamic import().
import { counter, increment, type Counter } from "./helpers/counter";
import type { Shape } from "./helpers/shapes";
import { Options } from "./helpers/types";
import greet, { counterSnapshot } from "./helpers/greetings";
import * as shapes from "./helpers/shapes";

const snapshot: Counter = { value: counter };
console.log("start", snapshot.value);
increment();
increment();
console.log("after two increments", counter, counterSnapshot(), shapes.counter);
console.log(greet("modules"));

const square: Shape = shapes.square(3);
console.log(square.kind, shapes.area(square), shapes.surface(square), shapes.sides);

const options: Options = { verbose: true };
console.log("verbose", options.verbose);

import("./helpers/shapes").then((namespace) => {
  console.log("dynamic", namespace.sides, namespace.Area.of({ kind: "square", side: 5 }));
  namespace.increment();
  console.log("dynamic increment", counter);
});
console.log("end of main module");
