// Locals, arithmetic, loops, closures and globals.
let total: number = 0;
for (let i = 0; i < 10; i++) {
  total += i * 2;
}
function add(a: number, b: number): number {
  return a + b;
}
const counter = () => {
  let count = 0;
  return () => ++count;
};
console.log(add(total, 1), counter()());
