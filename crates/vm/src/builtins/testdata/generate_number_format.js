// Generates number_format.txt: node's results for Number.prototype.toString(radix),
// toFixed, toExponential and toPrecision over a deterministic set of doubles.
// Usage: node generate_number_format.js > number_format.txt
"use strict";
let seed = 0x2545f491;
function nextRandom() {
  // xorshift32, deterministic so the table is reproducible.
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 4294967296;
}
const bitsView = new DataView(new ArrayBuffer(8));
function bitsOf(x) {
  bitsView.setFloat64(0, x);
  return bitsView.getBigUint64(0).toString(16);
}
function randomDoubleFromBits() {
  const high = Math.floor(nextRandom() * 4294967296);
  const low = Math.floor(nextRandom() * 4294967296);
  bitsView.setUint32(0, high);
  bitsView.setUint32(4, low);
  return bitsView.getFloat64(0);
}
const values = [
  0, -0, 1, -1, 0.5, 1.5, 2.5, -2.5, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 123.456, 1234.5, 1.005, 1.45,
  1.25, 1.35, 8.345, 0.000123, 0.000001, 1e-7, 123e-20, 1e21, 9.99e20, 1e20, 123456789012345680000,
  255, 4294967295, 4294967296, 9007199254740991, 9007199254740992, 2 ** 64, 2 ** 100, 1e300,
  Number.MAX_VALUE, Number.MIN_VALUE, 2.2250738585072014e-308, Number.EPSILON, Math.PI, Math.E,
  NaN, Infinity, -Infinity, 25.3, 19.99, 0.45, 99.995, 999.9999, 0.05, 0.5e-6, 5e-324, 1.7976931348623157e308,
  42, 1000000, 123456, 0.1 + 0.2, -123.456, 3.14159, 1e-10, 7.5, 0.0625, 12345.6789,
];
for (let i = 0; i < 120; i++) values.push(randomDoubleFromBits());
for (let i = 0; i < 120; i++) values.push((nextRandom() - 0.5) * Math.pow(10, Math.floor(nextRandom() * 30 - 10)));
for (let i = 0; i < 60; i++) values.push(Math.round(nextRandom() * 1e6) / 100);
for (let i = 0; i < 40; i++) values.push(Math.floor(nextRandom() * 2 ** 53) * 2 ** Math.floor(nextRandom() * 40));

const lines = [];
for (const x of values) {
  for (const radix of [2, 3, 8, 10, 16, 36, 7]) lines.push(["toString", x, radix, x.toString(radix)]);
  for (const digits of [0, 1, 2, 3, 5, 10, 20, 30, 100]) lines.push(["toFixed", x, digits, x.toFixed(digits)]);
  lines.push(["toExponential", x, "undefined", x.toExponential()]);
  for (const digits of [0, 1, 2, 4, 10, 20, 50, 100]) lines.push(["toExponential", x, digits, x.toExponential(digits)]);
  for (const precision of [1, 2, 3, 6, 10, 17, 21, 40, 100]) lines.push(["toPrecision", x, precision, x.toPrecision(precision)]);
}
process.stdout.write(lines.map(([op, x, arg, out]) => `${op}\t${bitsOf(x)}\t${arg}\t${out}`).join("\n") + "\n");
