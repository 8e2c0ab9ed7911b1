// Typed arrays, ArrayBuffer, DataView and Atomics, printed without relying on inspect.
const bytes = new Int8Array([1, 2, 300, -5]);
console.log(bytes.length, bytes[2], bytes[3], bytes.join("-"));
console.log(bytes[-0], bytes["-0"], bytes[10], "1.5" in bytes, 1 in bytes);
bytes[10] = 5;
console.log(Object.keys(bytes).join(), bytes.hasOwnProperty(10));
const clamped = new Uint8ClampedArray([300, -1, 1.5, 2.5, 0.5]);
console.log(clamped.join());
const floats = new Float32Array([1.1, NaN, -0]);
console.log(floats[0], floats[1], Object.is(floats[2], -0));
const big = new BigUint64Array([-1n, 2n ** 64n + 3n]);
console.log(big[0], big[1], new BigInt64Array(big.buffer)[0]);
const sorted = new Float64Array([3, -0, 0, NaN, -Infinity, 1]).sort();
console.log(Array.from(sorted, (value) => Object.is(value, -0) ? "-0" : String(value)).join());
const resizable = new ArrayBuffer(8, { maxByteLength: 16 });
const tracking = new Uint16Array(resizable);
const fixed = new Uint16Array(resizable, 4, 2);
console.log(tracking.length, fixed.length, resizable.resizable);
resizable.resize(16);
console.log(tracking.length, fixed.length);
resizable.resize(6);
console.log(tracking.length, fixed.length, fixed.byteOffset, fixed.byteLength);
try {
  fixed.fill(1);
} catch (error) {
  console.log(error.constructor.name);
}
const copied = resizable.slice(2, 5);
console.log(resizable.byteLength, copied.byteLength, copied.resizable, tracking.length);
const view = new DataView(new ArrayBuffer(8));
view.setUint16(0, 0x1234);
view.setFloat32(4, 2.5, true);
console.log(view.getUint8(0), view.getUint16(0, true), view.getFloat32(4, true));
view.setBigInt64(0, -2n);
console.log(view.getBigUint64(0), view.getInt8(7));
try {
  view.getInt32(6);
} catch (error) {
  console.log(error.constructor.name);
}
const shared = new Int32Array(new SharedArrayBuffer(8));
console.log(Atomics.add(shared, 0, 5), Atomics.sub(shared, 0, 2), Atomics.load(shared, 0));
console.log(Atomics.compareExchange(shared, 0, 3, 9), shared[0], Atomics.wait(shared, 1, 1));
class Doubled extends Uint8Array {}
const mapped = new Doubled([1, 2, 3]).map((value) => value * 2);
console.log(mapped instanceof Doubled, mapped.join(), mapped.subarray(1).join());
console.log(Uint8Array.from({ length: 3 }, (_, index) => index * 3).join(), Int16Array.of(7, 8).join());
console.log(Object.prototype.toString.call(new Uint8Array(1)), ArrayBuffer.isView(view));
try {
  new ArrayBuffer(2 ** 53);
} catch (error) {
  console.log(error.constructor.name);
}
try {
  new Uint8Array(2 ** 40);
} catch (error) {
  console.log(error.constructor.name);
}
