// Sorting words with localeCompare as the comparator, and with the default sort.
const words = []; for (let i = 0; i < 5000; i++) words.push("w" + ((i * 7919) % 10007).toString(36));
let c = 0;
for (let r = 0; r < 5; r++) { const s = words.slice().sort((a, b) => a.localeCompare(b)); c += s[0].length; const s2 = words.slice().sort(); c += s2[100].length; }
c += words.map((w) => w.toUpperCase()).filter((w) => w.includes("A")).length;
console.log(c);
