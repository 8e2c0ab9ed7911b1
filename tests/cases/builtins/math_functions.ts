// The Math object: constants, rounding, min/max, powers and roots, trigonometry and integer helpers.
console.log("constants:", Math.PI, Math.E, Math.LN2, Math.LN10, Math.LOG2E, Math.LOG10E, Math.SQRT2, Math.SQRT1_2);
console.log("floor/ceil/round/trunc:", Math.floor(2.7), Math.floor(-2.2), Math.ceil(2.1), Math.ceil(-2.7), Math.round(2.5), Math.round(3.5), Math.round(-2.5), Math.round(-2.6), Math.trunc(-2.7));
console.log("negative zero results:", Math.round(-0.4), Math.ceil(-0.5), Math.trunc(-0.5), Math.sign(-0));
console.log("sign/abs:", Math.sign(-3), Math.sign(0), Math.sign(7), Math.abs(-5.5), Math.abs(-0), Math.abs(NaN));
console.log("min/max:", Math.min(3, 1, 2), Math.max(3, 1, 2), Math.max(), Math.min(), Math.max(1, NaN), Math.max(-0, 0), Math.min(0, -0));
console.log("pow/sqrt/cbrt:", Math.pow(2, 10), Math.pow(2, 0.5), Math.sqrt(16), Math.sqrt(-1), Math.cbrt(27), Math.cbrt(-8), Math.pow(NaN, 0));
console.log("hypot:", Math.hypot(3, 4), Math.hypot(), Math.hypot(1, 1, 1, 1));
console.log("exp/log:", Math.exp(0), Math.exp(1), Math.log(Math.E), Math.log(0), Math.log(-1), Math.log10(1000), Math.log2(1024), Math.log1p(0), Math.expm1(0));
console.log("trig:", Math.sin(0), Math.cos(0), Math.tan(0), Math.round(Math.sin(Math.PI / 2) * 1e12) / 1e12, Math.atan2(1, 1) * 4 === Math.PI);
console.log("inverse trig:", Math.asin(1), Math.acos(1), Math.atan(Infinity), Math.atan2(0, -1));
console.log("hyperbolic:", Math.sinh(0), Math.cosh(0), Math.tanh(Infinity), Math.asinh(0), Math.acosh(1), Math.atanh(0));
console.log("fround/clz32/imul:", Math.fround(5.5), Math.fround(5.05), Math.clz32(1), Math.clz32(0), Math.imul(3, 4), Math.imul(0xffffffff, 5));
console.log("conversion of arguments:", Math.max("10" as any, 9), Math.floor("7.9" as any), Math.abs(null as any), Math.round(undefined as any));
const r = Math.random();
console.log("random in range:", r >= 0 && r < 1, typeof r);

function roundTo(n: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(n * factor) / factor;
}
console.log("roundTo:", roundTo(3.14159, 2), roundTo(2.5, 0), roundTo(1234.5678, -2));
function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
console.log("clamp:", clamp(5, 0, 10), clamp(-5, 0, 10), clamp(50, 0, 10));
const degrees = [0, 30, 45, 60, 90, 180];
console.log("degrees to radians:", degrees.map((d) => roundTo((d * Math.PI) / 180, 4)));
console.log("distance:", roundTo(Math.sqrt((4 - 1) ** 2 + (6 - 2) ** 2), 3));
console.log("integer division:", Math.floor(17 / 5), 17 % 5, Math.floor(-17 / 5), -17 % 5);
const values = [4, 8, 15, 16, 23, 42];
const mean = values.reduce((a, b) => a + b, 0) / values.length;
const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
console.log("statistics:", mean, roundTo(variance, 3), roundTo(Math.sqrt(variance), 3));
console.log("typeof Math:", typeof Math, typeof Math.floor, Math.floor.name, Math.max.length);
