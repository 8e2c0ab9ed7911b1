// Conditions and small-integer operands compile to fused compare-and-branch and
// register-immediate instructions; their results must match the generic operators exactly.
const log: string[] = [];
function tracked(name: string, value: number) {
  return {
    valueOf() {
      log.push(name);
      return value;
    },
  };
}

// NaN: `!(a < b)` is not `a >= b`.
const nan = NaN;
if (nan < 1) console.log("wrong"); else console.log("NaN < 1 is false");
if (!(nan >= 1)) console.log("!(NaN >= 1) is true");
if (nan <= nan || nan > 0 || nan === nan) console.log("wrong"); else console.log("NaN compares false");
let loops = 0;
for (let v = nan; v < 10; v++) loops++;
console.log("loops over NaN", loops);

// ToPrimitive order in conditions, including immediate right operands.
const a = tracked("a", 1), b = tracked("b", 2);
if ((a as any) < (b as any)) log.push("lt");
if ((a as any) > (b as any)) log.push("gt"); else log.push("not gt");
if ((b as any) >= 2) log.push("ge2");
if ((a as any) <= -1) log.push("le-1"); else log.push("not le-1");
console.log(log.join(" "));

// Strings and mixed types.
if ("apple" < "banana") console.log("string compare");
if ("10" < "9") console.log("string compare is lexicographic");
if ("10" < (9 as any)) console.log("wrong"); else console.log("numeric when one side is a number");
const zero = -0;
if (zero === 0) console.log("-0 === 0");
const one: unknown = "1";
if (one !== 1) console.log("'1' !== 1");
if (one == 1) console.log("'1' == 1");
let nothing: unknown;
if (nothing == null) console.log("undefined == null");
if (0 == (null as any)) console.log("wrong"); else console.log("0 != null");
if ((null as any) != null) console.log("wrong"); else console.log("null == null");

// Immediate arithmetic and bitwise operators.
const text: any = "5";
console.log(text + 1, text - 1, text * 3, text % 3, text | 0, text & 4, text ^ 1);
console.log(-7 % 7, Object.is(-7 % 7, -0), 7 % -3, -8 % 3, 5.5 % 2, 2 ** 31 % 7);
let big = 2 ** 31;
console.log(big | 0, -1 >>> 0, 1 << 31, -8 >> 1, -8 >>> 28, 3 << 33, big * 2, big + 1);
console.log(tracked("c", 6) as any * 2, (tracked("d", 9) as any) - 10, log.slice(-2).join(","));
let counter = 10;
counter += 5;
counter -= 20;
counter *= -3;
counter %= 4;
counter <<= 2;
counter |= 1;
console.log(counter);
try {
  (1n as any) + 1;
} catch (error) {
  console.log((error as Error).constructor.name);
}

// switch with small-integer, negative and string cases.
function classify(value: unknown) {
  switch (value) {
    case -1:
      return "minus one";
    case 0:
      return "zero";
    case "0":
      return "string zero";
    case 40000:
      return "large";
    default:
      return "other";
  }
}
console.log([-1, 0, -0, "0", 40000, 1].map(classify).join(", "));

// Loops: while/for with continue, break, labels and per-iteration bindings.
let total = 0;
let i = 0;
while (i < 10) {
  i++;
  if (i % 2 === 0) continue;
  if (i > 7) break;
  total += i;
}
console.log("while", total, i);
const closures: Array<() => number> = [];
for (let k = 0; k < 3; k++) closures.push(() => k);
console.log(closures.map((f) => f()).join(","));
outer: for (let x = 0; x < 3; x++) {
  for (let y = 0; ; y++) {
    if (y > x) continue outer;
    if (x === 2) break outer;
    log.push(`${x}${y}`);
  }
}
console.log(log.slice(-3).join(" "));
let countdown = 3;
do {
  countdown--;
} while (countdown > 0);
console.log("do-while", countdown);

// Conditional returns.
function pick(n: number): string {
  return n < 0 ? "negative" : n === 0 ? "zero" : n < 10 ? "small" : "large";
}
console.log([-5, 0, 5, 50].map(pick).join(" "));
function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
console.log(fib(20));
