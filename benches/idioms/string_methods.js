// String methods called on primitives: indexOf, charCodeAt, slice, toUpperCase, padStart, trim, includes, split/reverse/join.
const words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu".split(" ");
let c = 0;
for (let i = 0; i < 100000; i++) {
  const w = words[i % words.length];
  const s = `${w}-${i}`;
  c += s.indexOf("-") + s.charCodeAt(0) + s.slice(1, 3).length + w.toUpperCase().length;
  if (s.startsWith("a") || s.endsWith("9")) c++;
  c += s.padStart(12, "*").length + s.trim().length + (s.includes("eta") ? 1 : 0);
}
let acc = ""; for (let i = 0; i < 20000; i++) acc += String.fromCharCode(97 + i % 26);
c += acc.split("").reverse().join("").lastIndexOf("a") + acc.substring(100, 200).length;
console.log(c);
