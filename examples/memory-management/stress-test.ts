// Memory stress test: long-lived structures (a binary tree, a linked list and a map of records) stay
// reachable while many short-lived objects, arrays and strings churn through the heap. The checksum
// at the end verifies that nothing long-lived was freed or corrupted by the collector.

class TreeNode {
  left: TreeNode | null = null;
  right: TreeNode | null = null;
  constructor(public readonly value: number) {}
}

function buildTree(depth: number, value: number): TreeNode {
  const node = new TreeNode(value);
  if (depth > 0) {
    node.left = buildTree(depth - 1, value * 2);
    node.right = buildTree(depth - 1, value * 2 + 1);
  }
  return node;
}

function checkTree(node: TreeNode | null): number {
  if (node === null) return 0;
  return ((node.value % 1000) + checkTree(node.left) + checkTree(node.right)) % 1000000007;
}

interface ListNode {
  payload: number[];
  next: ListNode | null;
}

interface UserRecord {
  id: number;
  name: string;
  tags: string[];
  scores: { math: number; art: number };
}

// Long-lived structure 1: a binary tree of 2^16 - 1 nodes.
const longLivedTree = buildTree(15, 1);

// Long-lived structure 2: a linked list whose nodes own small arrays.
let listHead: ListNode | null = null;
for (let i = 0; i < 2000; i++) listHead = { payload: [i, i * 2, i * 3], next: listHead };

// Long-lived structure 3: a map of records, updated in place while garbage is produced.
const records = new Map<string, UserRecord>();
for (let i = 0; i < 1000; i++) {
  records.set(`user-${i}`, { id: i, name: "user" + i, tags: ["t" + (i % 7)], scores: { math: i % 100, art: (i * 7) % 100 } });
}

let churnChecksum = 0;
for (let round = 0; round < 150; round++) {
  // Short-lived trees: built, measured, dropped.
  const temporaryTree = buildTree(10, round);
  churnChecksum = (churnChecksum + checkTree(temporaryTree)) % 1000000007;

  // Short-lived arrays of short-lived objects.
  const scratch: Array<{ a: number; b: string; c: number[] }> = [];
  for (let i = 0; i < 500; i++) scratch.push({ a: i, b: "s" + i, c: [i, round] });
  const filtered = scratch.filter((o) => o.a % 3 === 0).map((o) => o.c[0] + o.c[1] + o.b.length);
  churnChecksum = (churnChecksum + filtered.reduce((x, y) => x + y, 0)) % 1000000007;

  // Temporary strings.
  const pieces: string[] = [];
  for (let i = 0; i < 200; i++) pieces.push(`r${round}i${i}`);
  churnChecksum = (churnChecksum + pieces.join("|").length) % 1000000007;

  // Replace some long-lived records so old versions become garbage.
  for (let i = round % 40; i < 1000; i += 40) {
    const key = `user-${i}`;
    const old = records.get(key)!;
    records.set(key, { ...old, tags: [...old.tags, "r" + round], scores: { math: old.scores.math + 1, art: old.scores.art } });
  }
}

let listSum = 0;
let listLength = 0;
for (let node = listHead; node !== null; node = node.next) {
  listSum += node.payload[0] + node.payload[1] + node.payload[2];
  listLength++;
}

let recordSum = 0;
let tagCount = 0;
for (const record of records.values()) {
  recordSum += record.scores.math + record.scores.art + record.id;
  tagCount += record.tags.length;
}

const treeSum = checkTree(longLivedTree);
console.log(`tree ${treeSum} list ${listLength}/${listSum} records ${records.size}/${recordSum}/${tagCount} churn ${churnChecksum}`);
