// Number statics and methods, parseInt/parseFloat, isNaN/isFinite, and conversions in both directions.
console.log("isNaN:", Number.isNaN(NaN), Number.isNaN("abc" as any), isNaN("abc" as any), isNaN("12" as any), isNaN(undefined as any));
console.log("isFinite:", Number.isFinite(1), Number.isFinite(Infinity), Number.isFinite("5" as any), isFinite("5" as any), isFinite(null as any));
console.log("isInteger:", Number.isInteger(1), Number.isInteger(1.0), Number.isInteger(1.5), Number.isInteger("1" as any), Number.isSafeInteger(2 ** 53 - 1), Number.isSafeInteger(2 ** 53));
console.log("parseInt:", parseInt("42"), parseInt("  42abc"), parseInt("abc"), parseInt("-0x10"), parseInt("101", 2), parseInt("ff", 16), parseInt("z", 36), parseInt("9", 8), parseInt(""), parseInt("3.99"));
console.log("parseInt radix edge cases:", parseInt("10", 0), parseInt("10", 1), parseInt("10", 37), parseInt("0x10", 16), parseInt("12", 3.7));
console.log("parseInt of numbers:", parseInt(0.0000005 as any), parseInt(1e21 as any), parseInt(-0 as any), parseInt(null as any), parseInt("Infinity"));
console.log("parseFloat:", parseFloat("3.14"), parseFloat("  -2.5e3xyz"), parseFloat("Infinityx"), parseFloat("-Infinity"), parseFloat("1e"), parseFloat(".e1"), parseFloat("0x10"), parseFloat("1.2.3"));
console.log("Number.parseX are the globals:", Number.parseInt === parseInt, Number.parseFloat === parseFloat);
console.log("Number():", Number("  12  "), Number("12abc"), Number("0x11"), Number("0b11"), Number("0o11"), Number("-0x11"), Number("1e-3"), Number(".5"), Number("5."), Number("+7"));
console.log("Number() of other types:", Number(true), Number(false), Number(null), Number(undefined), Number([]), Number(["5"]), Number({}), Number("\t\n "));
console.log("toString:", (10).toString(), (-10.5).toString(), (255).toString(16), (255).toString(8), (0.25).toString(2), (-0).toString(), (2 ** 40).toString(36));
console.log("toFixed:", (3.14159).toFixed(), (3.14159).toFixed(3), (0.5).toFixed(0), (1.5).toFixed(0), (-0.5).toFixed(0), (10.235).toFixed(2), (1e-10).toFixed(3), (123.456).toFixed(0));
console.log("toPrecision:", (3.14159).toPrecision(3), (0.000123).toPrecision(1), (123456789).toPrecision(4), (1).toPrecision(5), (-12.5).toPrecision(2), (1e21).toPrecision(3));
console.log("toExponential:", (123.456).toExponential(), (123.456).toExponential(1), (0).toExponential(2), (-0.0001).toExponential(3));
console.log("valueOf and boxing:", (5).valueOf(), new Number(5).valueOf(), typeof new Number(5), new Number(5) === (5 as any), new Number(5) == (5 as any));
console.log("constants:", Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, Number.EPSILON > 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN);
console.log("number literals:", 0xff, 0o17, 0b1010, 1_000_000, 1e3, 2.5e-3, 0.1e1, 5e0, 0.0, 0 === -0);
console.log("method on literal:", 5..toString(), (5).toFixed(1), 5.5.toFixed(0), 1e2.toString());

function groupDigits(n: number): string {
  const digits = Math.trunc(Math.abs(n)).toString();
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ",";
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}
console.log("grouping without regex:", groupDigits(1234567), groupDigits(-1000), groupDigits(999), groupDigits(0));
const percentages = [0.1234, 0.5, 1, 0.0049].map((p) => (p * 100).toFixed(1) + "%");
console.log("percentages:", percentages);
const hexBytes = [0, 15, 16, 255].map((b) => b.toString(16).padStart(2, "0")).join(" ");
console.log("hex bytes:", hexBytes);
console.log("binary round trip:", parseInt((37).toString(2), 2), (37).toString(2));
