// Per-iteration bindings: let in for loops creates a fresh binding each iteration; var does not.
const letClosures: Array<() => number> = [];
for (let i = 0; i < 4; i++) {
  letClosures.push(() => i);
}
console.log("let:", letClosures.map((f) => f()));

const varClosures: Array<() => number> = [];
for (var j = 0; j < 4; j++) {
  varClosures.push(() => j);
}
console.log("var:", varClosures.map((f) => f()));

const updatedInBody: Array<() => number> = [];
for (let k = 0; k < 6; k++) {
  updatedInBody.push(() => k);
  k++;
}
console.log("body increments copy forward:", updatedInBody.map((f) => f()));

const forOfClosures: Array<() => string> = [];
for (const word of ["alpha", "beta", "gamma"]) {
  forOfClosures.push(() => word.toUpperCase());
}
console.log("for-of const:", forOfClosures.map((f) => f()));

const forInClosures: Array<() => string> = [];
for (const key in { x: 1, y: 2, z: 3 }) {
  forInClosures.push(() => key + key);
}
console.log("for-in const:", forInClosures.map((f) => f()));

const whileClosures: Array<() => number> = [];
let w = 0;
while (w < 3) {
  const snapshot = w * 10;
  whileClosures.push(() => snapshot);
  w++;
}
console.log("block const in while:", whileClosures.map((f) => f()));

const mutatedByClosure: Array<() => number> = [];
for (let m = 0; m < 3; m++) {
  mutatedByClosure.push(() => (m += 100));
}
console.log("closures mutate their own copy:", mutatedByClosure.map((f) => f()), mutatedByClosure[0]());

const twoVariables: string[] = [];
const pending: Array<() => void> = [];
for (let a = 0, b = 10; a < 3; a++, b--) {
  pending.push(() => twoVariables.push(`${a}:${b}`));
}
pending.forEach((f) => f());
console.log("two let bindings:", twoVariables.join(" "));

const nested: Array<() => string> = [];
for (let row = 0; row < 2; row++) {
  for (let col = 0; col < 2; col++) {
    nested.push(() => `${row}${col}`);
  }
}
console.log("nested loops:", nested.map((f) => f()).join(","));

const conditionCapture: Array<() => number> = [];
for (let n = 0; conditionCapture.push(() => n) < 3; n++) {}
console.log("closure created in the test expression:", conditionCapture.map((f) => f()));
