// Captured let bindings per iteration, TDZ checks where a use may precede initialisation.
const fns: (() => number)[] = [];
for (let i = 0; i < 3; i++) {
  fns.push(() => i);
}
function early() {
  return late;
}
let late = 1;
console.log(fns.map((f) => f()), early(), typeof undeclaredThing);
