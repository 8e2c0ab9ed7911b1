// Number to string conversion: console.log, String(), toFixed, toPrecision, toString(radix), exponents.
console.log(0.1 + 0.2, 1 / 3, 2 / 3, 100 / 3, 1e21, 1e-7, 123e-20, 1.5e300, 2 ** 53);
console.log(-0, [-0], String(-0), `${-0}`, (-0).toFixed(2), JSON.stringify(-0), Object.is(-0, 0));
console.log(NaN, -NaN, Infinity, -Infinity, [NaN, Infinity]);
console.log(123456789012345680000, 12345678901234567890, 0.000001, 0.0000001, 1e6, 1e20, 1e21);
console.log(String(1e21), String(123e-7), String(0.1), String(100), String(1.0), String(-1.5));
console.log(Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER);
console.log(4.35, 0.5 + 0.25, 5e-7, 1.7976931348623157e308, 9.95, 1.005);

console.log("toFixed:", (1.005).toFixed(2), (1.45).toFixed(1), (2.5).toFixed(0), (1234.5678).toFixed(2), (0).toFixed(3), (-1.5).toFixed(0));
console.log("toFixed large:", (1e21).toFixed(2), (123.456).toFixed(10), (0.000001).toFixed(7));
console.log("toPrecision:", (123.456).toPrecision(4), (0.00012345).toPrecision(2), (123456).toPrecision(2), (1.5).toPrecision(1), (99.99).toPrecision(3));
console.log("toExponential:", (12345).toExponential(2), (0.00015).toExponential(1), (5).toExponential());
console.log("toString radix:", (255).toString(2), (255).toString(16), (255).toString(36), (-255).toString(2), (0.5).toString(2), (3.75).toString(16));
console.log("toString radix 36:", (123456789).toString(36), (35).toString(36), Number.parseInt("zz", 36));

console.log("integers:", 0, 7, -7, 1000000, 4294967295, 4294967296, 9007199254740993);
console.log("in arrays and objects:", [0.1, -0, 1e21, 1e-7], { half: 0.5, big: 1e100, neg: -0 });
console.log("string concatenation:", "" + 1e21, "" + 1e-7, "" + -0, "" + 0.000001, "" + 1.10);
console.log("Number():", Number("1e3"), Number("0b101"), Number("0o17"), Number("  42\n"), Number("1_000"), Number(""), Number("Infinity"), Number("-0"));
console.log("parse:", parseFloat("3.14abc"), parseFloat(".5"), parseFloat("-.5e2"), parseInt("08"), parseInt("0x1A"), parseInt("1e3"), parseInt("  -42  "));
console.log("rounding:", Math.round(2.5), Math.round(-2.5), Math.round(0.49999999999999994), Math.floor(-0.5), Math.ceil(-0.5), Math.trunc(-4.7));

const amounts = [0.07, 1.1, 2.675, 1000.5, 1e-10];
for (const n of amounts) {
  console.log(n, n.toFixed(2), n.toPrecision(3), n * 100, Math.round(n * 100) / 100);
}
console.log("sum of 0.1 ten times:", [...Array(10)].reduce((acc) => acc + 0.1, 0));
console.log("integer-valued floats:", 5.0, 5.000000000000001, 2e0, 1.0e2);
console.log("Number.isInteger:", Number.isInteger(5), Number.isInteger(5.5), Number.isInteger(1e300), Number.isSafeInteger(2 ** 53));
