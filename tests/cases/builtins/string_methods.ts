// String methods: split, replace, replaceAll, pad, repeat, slice, substring, indexOf, trim, case, charCodeAt, at.
const s = "The quick brown fox";
console.log("length/index:", s.length, s[4], s.charAt(4), s.charAt(99) === "", s.charCodeAt(0), s.codePointAt(1), s.charCodeAt(99));
console.log("split:", s.split(" "), s.split(" ", 2), "a,b,,c".split(","), "abc".split(""), "abc".split(), "".split(","), "".split(""));
console.log("split multi-char:", "one--two--three".split("--"), "no separator".split("x"));
console.log("join back:", s.split(" ").reverse().join(" "));
console.log("replace first only:", "a-b-c".replace("-", "+"), "aaa".replace("a", "b"), "xyz".replace("q", "r"));
console.log("replace with function:", "price: 10".replace("10", (m) => String(Number(m) * 2)));
console.log("replace patterns:", "John Smith".replace("Smith", "[$&]"), "abc".replace("b", "$$"), "abc".replace("b", "$`|$'"));
console.log("replaceAll:", "a-b-c".replaceAll("-", "+"), "aaaa".replaceAll("aa", "b"), "abc".replaceAll("", "."));
console.log("pad:", "5".padStart(3, "0"), "abc".padEnd(6, "12"), "long".padStart(2), "x".padStart(4), "|" + "x".padEnd(3) + "|");
console.log("repeat:", "ab".repeat(3), "x".repeat(0) === "", "-".repeat(10));
console.log("slice:", s.slice(4, 9), s.slice(-3), s.slice(-9, -4), s.slice(10, 4) === "", s.slice(16));
console.log("substring:", s.substring(4, 9), s.substring(9, 4), s.substring(-5, 3), s.substring(16));
console.log("substr:", s.substr(4, 5), s.substr(-3, 2));
console.log("indexOf:", s.indexOf("o"), s.indexOf("o", 13), s.lastIndexOf("o"), s.indexOf("cat"), s.indexOf(""), "aaa".lastIndexOf("a", 1));
console.log("includes/startsWith/endsWith:", s.includes("quick"), s.includes("Quick"), s.startsWith("The"), s.startsWith("quick", 4), s.endsWith("fox"), s.endsWith("brown", 15));
console.log("trim:", `[${"  padded \t\n".trim()}]`, `[${"  left".trimStart()}]`, `[${"right  ".trimEnd()}]`);
console.log("case:", s.toUpperCase(), s.toLowerCase(), "ÉCOLE".toLowerCase(), "straße".toUpperCase());
console.log("at:", s.at(0), s.at(-1), s.at(-3), s.at(100));
console.log("concat:", "a".concat("b", "c", 1 as any), "".concat());
console.log("fromCharCode:", String.fromCharCode(72, 105), String.fromCharCode(0x263a), String.fromCodePoint(0x1f600).length);
console.log("compare:", "a" < "b", "B" < "a", "abc" === "ab" + "c", "10" > "9");
console.log("immutable:", (() => { const t = "abc"; t.toUpperCase(); return t; })());

const csv = "name,age,city\nAda,36,London\nAlan,41,Wilmslow";
const rows = csv.split("\n").map((line) => line.split(","));
const header = rows[0];
const records = rows.slice(1).map((r) => Object.fromEntries(r.map((v, i) => [header[i], v])));
console.log(records);

function capitalize(word: string): string {
  return word.length === 0 ? word : word[0].toUpperCase() + word.slice(1).toLowerCase();
}
console.log("title case:", "hello WORLD from typescript".split(" ").map(capitalize).join(" "));
function isPalindrome(text: string): boolean {
  const cleaned = text.toLowerCase().split("").filter((c) => c >= "a" && c <= "z").join("");
  return cleaned === cleaned.split("").reverse().join("");
}
console.log("palindromes:", isPalindrome("A man, a plan, a canal: Panama"), isPalindrome("hello"));
const counts: Record<string, number> = {};
for (const ch of "mississippi") counts[ch] = (counts[ch] ?? 0) + 1;
console.log("char counts:", counts);
console.log("surrogates:", "😀".length, "😀".charCodeAt(0), "😀".codePointAt(0), [..."a😀b"], "a😀b".split(""));
console.log("string wrapper methods:", "abc".toString(), "abc".valueOf(), typeof "x".length);
