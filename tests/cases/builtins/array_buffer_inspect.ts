// console.log of ArrayBuffer, SharedArrayBuffer and DataView: node lists the first bytes.
console.log(new ArrayBuffer(60));
console.log(new DataView(new ArrayBuffer(4), 1, 2));
console.log(new SharedArrayBuffer(3));
console.log({b: new ArrayBuffer(2)});
console.log(new Uint8Array([1,2]).buffer);
const ab = new ArrayBuffer(2); ab.x = 1; console.log(ab);
console.log([new ArrayBuffer(0)]);
console.log(new ArrayBuffer(8));
console.log(new ArrayBuffer(130));
