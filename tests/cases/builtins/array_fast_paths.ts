// Array methods on dense arrays, holey arrays and array-likes must agree with the generic
// algorithm (the engine reads dense elements directly).
const dense = [10, 20, 30, 40, 50];
console.log(dense.slice(1, 4), dense.slice(-2), dense.slice(3, 1), dense.slice());
console.log(dense.map((value, index) => value + index), dense.filter((value) => value > 25));
console.log(dense.indexOf(30), dense.indexOf(35), dense.includes(50), dense.lastIndexOf(10));

const holey: number[] = [1, , 3, , 5];
console.log(holey.slice(0, 3), holey.slice(1, 2).length, 1 in holey.slice(0, 3));
console.log(holey.map((value) => value * 2), holey.filter(() => true));
console.log(holey.indexOf(undefined as any), holey.includes(undefined as any));

(Array.prototype as any)[1] = 99;
console.log(holey.slice(0, 3), holey.map((value) => value), holey.indexOf(99));
delete (Array.prototype as any)[1];

const arrayLike = { length: 3, 0: "a", 1: "b", 2: "c" };
console.log(Array.prototype.slice.call(arrayLike, 1), Array.prototype.map.call(arrayLike, (value: string) => value.toUpperCase()));

// A callback that changes the array while it is walked.
const shrinking = [1, 2, 3, 4, 5, 6];
console.log(shrinking.map((value, index, array) => {
  if (index === 1) array.length = 3;
  return value;
}));
const growing = [1, 2, 3];
console.log(growing.map((value, index, array) => {
  array.push(value * 10);
  return value + index;
}), growing.length);

// pop on dense, holey, frozen and non-writable-length arrays.
const stack = [1, 2, 3];
console.log(stack.pop(), stack.pop(), stack, stack.length);
const sparse: number[] = [1, 2, , ];
console.log(sparse.length, sparse.pop(), sparse.length, sparse.pop(), sparse.length);
(Array.prototype as any)[3] = "inherited";
const withHole: any[] = [0, 1, 2, , ];
console.log(withHole.pop(), withHole.length);
delete (Array.prototype as any)[3];
try {
  Object.freeze([1, 2]).pop();
} catch (error) {
  console.log((error as Error).constructor.name);
}
const fixedLength = [1, 2, 3];
Object.defineProperty(fixedLength, "length", { writable: false });
try {
  fixedLength.pop();
} catch (error) {
  console.log((error as Error).constructor.name, fixedLength);
}
const emptyArray: number[] = [];
console.log(emptyArray.pop(), emptyArray.length);
