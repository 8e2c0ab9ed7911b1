// A mixed compute workload for profiling: numeric loops, closures, object and array traffic, a small
// class hierarchy, a prime sieve, matrix multiplication and string building. Every phase folds its
// result into one checksum so that an engine cannot skip work, and the program prints that checksum.

type Phase = { name: string; run: () => number };

function mix(checksum: number, value: number): number {
  // A 32-bit FNV-style fold that keeps the checksum an exact integer.
  return Math.imul(checksum ^ (value | 0), 16777619) >>> 0;
}

function numericLoops(): number {
  let sum = 0;
  let product = 1;
  for (let i = 1; i <= 2500000; i++) {
    sum += (i * i) % 7;
    product = (product * 31 + i) % 1000003;
  }
  let harmonic = 0;
  for (let k = 1; k <= 200000; k++) harmonic += 1 / k;
  return sum + product + Math.floor(harmonic * 1000);
}

function closures(): number {
  const makeAccumulator = (step: number) => {
    let total = 0;
    return (times: number): number => {
      for (let i = 0; i < times; i++) total += step;
      return total;
    };
  };
  const accumulators = [1, 2, 3, 5, 8, 13].map(makeAccumulator);
  let result = 0;
  for (let round = 0; round < 5000; round++) {
    for (const acc of accumulators) result = (result + acc(10)) % 1000000007;
  }
  const compose =
    (...fns: Array<(x: number) => number>) =>
    (x: number): number =>
      fns.reduce((acc, f) => f(acc), x);
  const pipeline = compose((x) => x + 1, (x) => x * 3, (x) => x % 1009);
  for (let i = 0; i < 40000; i++) result = (result + pipeline(i)) % 1000000007;
  return result;
}

interface Particle {
  x: number;
  y: number;
  vx: number;
  vy: number;
}

function objectsAndArrays(): number {
  const particles: Particle[] = [];
  for (let i = 0; i < 1000; i++) particles.push({ x: i % 17, y: i % 23, vx: (i % 5) - 2, vy: (i % 7) - 3 });
  for (let step = 0; step < 250; step++) {
    for (const p of particles) {
      p.x += p.vx;
      p.y += p.vy;
      if (p.x < 0 || p.x > 100) p.vx = -p.vx;
      if (p.y < 0 || p.y > 100) p.vy = -p.vy;
    }
  }
  const sorted = particles.map((p) => p.x * 1000 + p.y).sort((a, b) => a - b);
  const buckets: Record<string, number> = {};
  for (const v of sorted) {
    const key = "b" + (v % 10);
    buckets[key] = (buckets[key] ?? 0) + 1;
  }
  return sorted[0] + sorted[sorted.length - 1] + Object.keys(buckets).length * 7 + (buckets.b3 ?? 0);
}

abstract class Shape {
  abstract area(): number;
  scaled(factor: number): number {
    return this.area() * factor;
  }
}
class Rect extends Shape {
  constructor(private readonly w: number, private readonly h: number) {
    super();
  }
  area(): number {
    return this.w * this.h;
  }
}
class Circle extends Shape {
  constructor(private readonly r: number) {
    super();
  }
  area(): number {
    return 3 * this.r * this.r;
  }
}

function classes(): number {
  let total = 0;
  for (let i = 0; i < 300000; i++) {
    const shape: Shape = i % 2 === 0 ? new Rect(i % 13, i % 11) : new Circle(i % 9);
    total = (total + shape.scaled(2)) % 1000000007;
  }
  return total;
}

function sieve(limit: number): number {
  const composite: boolean[] = new Array(limit + 1).fill(false);
  let count = 0;
  let last = 0;
  for (let i = 2; i <= limit; i++) {
    if (composite[i]) continue;
    count++;
    last = i;
    for (let j = i * i; j <= limit; j += i) composite[j] = true;
  }
  return count * 100000 + (last % 100000);
}

function matrixMultiply(size: number): number {
  const a: number[][] = [];
  const b: number[][] = [];
  for (let i = 0; i < size; i++) {
    a.push([]);
    b.push([]);
    for (let j = 0; j < size; j++) {
      a[i].push((i + j) % 10);
      b[i].push((i * j) % 10);
    }
  }
  const c: number[][] = [];
  for (let i = 0; i < size; i++) {
    const row: number[] = new Array(size).fill(0);
    for (let k = 0; k < size; k++) {
      const aik = a[i][k];
      const bk = b[k];
      for (let j = 0; j < size; j++) row[j] += aik * bk[j];
    }
    c.push(row);
  }
  let trace = 0;
  for (let i = 0; i < size; i++) trace += c[i][i] + c[i][size - 1 - i];
  return trace;
}

function stringBuilding(): number {
  let text = "";
  for (let i = 0; i < 30000; i++) {
    text += String.fromCharCode(97 + (i % 26));
    if (i % 50 === 49) text += "\n";
  }
  const lines = text.split("\n");
  const parts: string[] = [];
  for (const line of lines) parts.push(line.toUpperCase().slice(0, 10) + ":" + line.length);
  const joined = parts.join(",");
  let hash = 0;
  for (let i = 0; i < joined.length; i++) hash = (hash * 33 + joined.charCodeAt(i)) % 1000000007;
  return hash + lines.length;
}

const phases: Phase[] = [
  { name: "numeric", run: numericLoops },
  { name: "closures", run: closures },
  { name: "objects", run: objectsAndArrays },
  { name: "classes", run: classes },
  { name: "sieve", run: () => sieve(600000) },
  { name: "matrix", run: () => matrixMultiply(80) },
  { name: "strings", run: stringBuilding },
];

let checksum = 2166136261;
for (const phase of phases) {
  const value = phase.run();
  checksum = mix(checksum, value);
  checksum = mix(checksum, Math.floor(value / 4294967296));
}
console.log(`checksum ${checksum} over ${phases.length} phases`);
