// BigInt is arbitrary precision: factorials, powers, division, shifts, bitwise operators,
// comparisons with numbers and strings, conversions and BigInt.asIntN/asUintN.
function factorial(n: bigint): bigint {
  let result = 1n;
  for (let i = 2n; i <= n; i++) result *= i;
  return result;
}
const f50 = factorial(50n);
console.log(f50, f50.toString().length, f50.toString(16), f50.toString(36));
console.log(2n ** 256n, (2n ** 256n - 1n).toString(2).length, -(3n ** 80n));
console.log(f50 / 7n ** 20n, f50 % 1_000_000_007n, -f50 / 3n, -f50 % 7n);
console.log(f50 >> 150n, 1n << 100n, -(1n << 70n) >> 3n, (-5n) >> 1n, 5n << -1n);
console.log(f50 & 0xffffn, f50 | 1n, f50 ^ f50, ~(2n ** 70n), -(2n ** 70n) & 0xffn);
console.log(f50 > 1e64, f50 < 1e65, 2n ** 53n + 1n > 2 ** 53, 2n ** 53n == 2 ** 53 as any, 10n ** 30n == "1" + "0".repeat(30) as any);
console.log(BigInt("123456789012345678901234567890") * 3n, BigInt("0x" + "f".repeat(40)), BigInt(1e30), Number(2n ** 80n));
console.log(BigInt.asUintN(64, -1n), BigInt.asIntN(64, 2n ** 63n), BigInt.asIntN(8, 255n), BigInt.asUintN(200, 5n));
console.log(typeof f50, f50 === factorial(50n), [3n ** 40n, 2n ** 64n].sort(), new Map([[2n ** 70n, "big"]]).get(2n ** 70n));
const fibonacci: bigint[] = [0n, 1n];
while (fibonacci.length < 120) fibonacci.push(fibonacci[fibonacci.length - 1] + fibonacci[fibonacci.length - 2]);
console.log(fibonacci[119], JSON.stringify({ digits: fibonacci[100].toString() }));
try {
  console.log(2n ** (2n ** 40n));
} catch (error: any) {
  console.log(error.name, error.message);
}
try {
  console.log(1n / 0n);
} catch (error: any) {
  console.log(error.name, error.message);
}
