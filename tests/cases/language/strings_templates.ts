// String literals with escapes, template literals (multi-line, nested, expressions) and tagged templates.
console.log("double 'single' inside", 'single "double" inside', "escaped \"quote\"", 'it\'s');
console.log("tab:[\t] backslash:[\\] nul-length:", "\0".length, "vertical:", "\v".charCodeAt(0), "\b\f".length);
console.log("hex and unicode escapes:", "\x41\x42", "\u0043", "\u{1F600}".length, "\u{41}", "caf\u00e9");
console.log("line continuation:", "one \
two");
console.log("newline in string:", "first\nsecond");
console.log(["array shows escapes", "tab\there", "new\nline", "back\\slash", "it's", 'say "hi"', `both ' and "`]);

const name = "World";
const count = 3;
console.log(`Hello, ${name}! You have ${count} new ${count === 1 ? "message" : "messages"}.`);
console.log(`math: ${1 + 2 * 3} call: ${name.toLowerCase()} array: ${[1, 2, 3]} object: ${{}} null: ${null} undef: ${undefined}`);
console.log(`multi
line
  template`);
console.log(`nested: ${`inner ${`innermost ${count * 2}`} back`} out`);
console.log(`escapes in template: \` \${not interpolated} \u0041 \n done`);
console.log(`adjacent:${1}${2}${3}:end`, `${""}`.length, `$`, `${"$"}{x}`);

function tag(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.map((s, i) => `[${s}]` + (i < values.length ? `<${String(values[i])}>` : "")).join("");
}
console.log(tag`a${1}b${"two"}c`);
console.log(tag`${"only"}`);
console.log(tag`no substitutions`);

function raw(strings: TemplateStringsArray): string {
  return strings.raw.join("|") + " vs " + strings.join("|");
}
console.log(raw`line\nbreak${0}tab\t`);
console.log(String.raw`C:\new\table ${1 + 1}`);

function currency(strings: TemplateStringsArray, ...amounts: number[]): string {
  let out = strings[0];
  amounts.forEach((amount, i) => {
    out += "$" + amount.toFixed(2) + strings[i + 1];
  });
  return out;
}
const price = 9.5;
const tax = 0.76;
console.log(currency`Price ${price} plus tax ${tax} equals ${price + tax}.`);

function identityTag(strings: TemplateStringsArray): TemplateStringsArray {
  return strings;
}
const first = identityTag`same`;
const callSite = () => identityTag`cached`;
console.log("template object is frozen:", Object.isFrozen(first), "cached per site:", callSite() === callSite());

const longString = "abc".repeat(3) + "-" + "x".padEnd(5, "yz");
console.log(longString, longString.length);
console.log("unicode:", "héllo wörld", "日本語".length, "😀".length, [..."😀a"].length);
console.log("string comparison with escapes:", "\u0041" === "A", "\x61" === "a", "\u{1F600}" === "\uD83D\uDE00");
