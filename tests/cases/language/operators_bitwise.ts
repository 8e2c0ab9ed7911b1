// Bitwise and shift operators, including 32-bit wrap-around and unsigned right shift.
console.log("and/or/xor:", 12 & 10, 12 | 10, 12 ^ 10);
console.log("not:", ~0, ~5, ~-1, ~~3.7, ~~-3.7);
console.log("shifts:", 1 << 4, 256 >> 4, -256 >> 4, -256 >>> 4, -1 >>> 0, -1 >>> 28);
console.log("shift count masked to 5 bits:", 1 << 32, 1 << 33, 8 >> 35, 1 << -1);
console.log("32-bit wrap:", 2147483647 + 1, (2147483647 + 1) | 0, 4294967296 | 0, 4294967295 | 0, 2 ** 32 + 5 | 0);
console.log("toInt32 of non-integers:", 3.9 | 0, -3.9 | 0, NaN | 0, Infinity | 0, ("12" as any) | 0, ("abc" as any) | 0);
console.log("high bit:", 1 << 31, (1 << 31) >>> 0, 0x80000000 | 0, 0xffffffff >> 0, 0xffffffff >>> 0);

function bits(n: number): string {
  return (n >>> 0).toString(2).padStart(32, "0");
}
console.log(bits(5));
console.log(bits(-5));
console.log(bits(~5));

let flags = 0;
const READ = 1 << 0;
const WRITE = 1 << 1;
const EXEC = 1 << 2;
flags |= READ;
flags |= EXEC;
console.log("flags:", flags, (flags & WRITE) !== 0, (flags & EXEC) !== 0);
flags &= ~READ;
flags ^= WRITE;
console.log("flags after clear and toggle:", flags);
let shifted = 1;
shifted <<= 10;
shifted >>= 2;
let unsigned = -16;
unsigned >>>= 2;
console.log("compound shifts:", shifted, unsigned);

function popcount(n: number): number {
  let count = 0;
  let v = n >>> 0;
  while (v !== 0) {
    v &= v - 1;
    count++;
  }
  return count;
}
console.log("popcount:", popcount(0), popcount(255), popcount(-1), popcount(0x55555555));

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}
console.log("fnv-1a:", hash(""), hash("a"), hash("hello world"));

let xorshift = 2463534242;
const randoms: number[] = [];
for (let i = 0; i < 5; i++) {
  xorshift ^= xorshift << 13;
  xorshift ^= xorshift >>> 17;
  xorshift ^= xorshift << 5;
  randoms.push((xorshift >>> 0) % 1000);
}
console.log("xorshift:", randoms);
console.log("precedence of bitwise ops:", 1 | 2 & 3, (1 | 2) & 3, 1 + 2 << 1, 6 & 3 === 3 as any);
