// Labelled statements with break and continue across nested loops and blocks.
const found: string[] = [];
outer: for (let i = 0; i < 4; i++) {
  for (let j = 0; j < 4; j++) {
    if (j === 2) continue outer;
    if (i === 3) break outer;
    found.push(`${i}${j}`);
  }
}
console.log("continue/break outer:", found.join(" "));

const grid = [
  [1, 2, 3],
  [4, 42, 6],
  [7, 8, 9],
];
let position = "not found";
search: for (let row = 0; row < grid.length; row++) {
  for (let col = 0; col < grid[row].length; col++) {
    if (grid[row][col] === 42) {
      position = `row ${row}, col ${col}`;
      break search;
    }
  }
}
console.log("search:", position);

const blockLog: string[] = [];
block: {
  blockLog.push("start");
  if (blockLog.length > 0) break block;
  blockLog.push("unreachable");
}
blockLog.push("after block");
console.log("labelled block:", blockLog);

let whileCount = 0;
const skipped: number[] = [];
loop: while (whileCount < 10) {
  whileCount++;
  let inner = 0;
  do {
    inner++;
    if (whileCount % 3 === 0) {
      skipped.push(whileCount);
      continue loop;
    }
    if (whileCount === 8) break loop;
  } while (inner < 2);
}
console.log("while/do-while labels:", whileCount, skipped);

const triples: string[] = [];
a: for (const x of [1, 2, 3]) {
  b: for (const y of [1, 2, 3]) {
    for (const z of [1, 2, 3]) {
      if (z > y) continue b;
      if (y > x) continue a;
      if (x + y + z === 7) break a;
      triples.push(`${x}${y}${z}`);
    }
  }
}
console.log("three levels:", triples.join(","));

const keysSeen: string[] = [];
props: for (const key in { a: 1, b: 2, c: 3 }) {
  for (const ch of "xyz") {
    if (ch === "y") continue props;
    keysSeen.push(key + ch);
  }
}
console.log("for-in with label:", keysSeen);

function labelInsideFunction(): number {
  let total = 0;
  counting: for (let i = 0; i < 100; i++) {
    switch (i % 4) {
      case 0:
        continue counting;
      case 3:
        if (i > 10) break counting;
        break;
      default:
        total += i;
    }
  }
  return total;
}
console.log("switch inside labelled loop:", labelInsideFunction());

let finallyCount = 0;
out: for (let i = 0; i < 3; i++) {
  try {
    if (i === 1) break out;
  } finally {
    finallyCount++;
  }
}
console.log("break through finally runs it:", finallyCount);
