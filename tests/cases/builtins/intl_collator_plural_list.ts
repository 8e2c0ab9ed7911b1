// Intl.Collator / localeCompare, PluralRules, RelativeTimeFormat and ListFormat.
const words: string[] = ["banana", "Apple", "apple", "cherry", "Éclair", "eclair", "zebra", "Zebra", "äpfel", "_under", "10", "9"];
console.log([...words].sort().join(" "));
console.log([...words].sort((left, right) => left.localeCompare(right)).join(" "));
console.log([...words].sort(new Intl.Collator("de").compare).join(" "));
console.log(["b", "a", "C"].sort((left, right) => left.localeCompare(right)), ["f", "é", "e"].sort(Intl.Collator().compare));
console.log(["ñu", "nube", "oso"].sort(new Intl.Collator("es").compare), ["ñu", "nube", "oso"].sort(new Intl.Collator("en").compare));
console.log(["item 10", "item 9", "item 100", "item 1"].sort(new Intl.Collator("en", { numeric: true }).compare));
console.log(["b", "a", "B", "A"].sort(new Intl.Collator("en", { caseFirst: "upper" }).compare));

for (const sensitivity of ["base", "accent", "case", "variant"] as const) {
  const collator = new Intl.Collator("en", { sensitivity });
  const pairs: Array<[string, string]> = [["a", "A"], ["a", "á"], ["a", "b"], ["résumé", "Resume"]];
  console.log(sensitivity, pairs.map(([left, right]) => collator.compare(left, right)).join(","));
}
console.log("a".localeCompare("B"), "résumé".localeCompare("resume", "fr", { sensitivity: "base" }), "ä".localeCompare("z", "de"));
console.log(new Intl.Collator().resolvedOptions(), new Intl.Collator("en-u-kn-true").resolvedOptions().numeric);

// Plural rules: English cardinal and ordinal, and ordinal suffixes.
const cardinal = new Intl.PluralRules("en-US");
const ordinal = new Intl.PluralRules("en-US", { type: "ordinal" });
console.log([0, 1, 2, 1.5, -1].map((count) => cardinal.select(count)).join(" "));
const suffixes: Record<string, string> = { one: "st", two: "nd", few: "rd", other: "th" };
console.log([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112].map((count) => `${count}${suffixes[ordinal.select(count)]}`).join(" "));
console.log(ordinal.resolvedOptions(), new Intl.PluralRules("fr").select(0), new Intl.PluralRules("en", { minimumFractionDigits: 1 }).select(1));

// Relative time.
const always = new Intl.RelativeTimeFormat("en");
const auto = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
for (const unit of ["second", "minute", "hour", "day", "week", "month", "quarter", "year"] as const) {
  console.log(unit, [-2, -1, 0, 1, 2].map((offset) => `${always.format(offset, unit)} / ${auto.format(offset, unit)}`).join(" | "));
}
console.log(new Intl.RelativeTimeFormat("en", { style: "short" }).format(-3, "months"), new Intl.RelativeTimeFormat("en", { style: "narrow" }).format(5, "hours"), always.format(1234.5, "days"));
console.log(new Intl.RelativeTimeFormat("de", { numeric: "auto" }).format(-1, "day"), new Intl.RelativeTimeFormat("fr").format(3, "week"), new Intl.RelativeTimeFormat("es", { numeric: "auto" }).format(1, "day"));
console.log(JSON.stringify(always.formatToParts(100, "day")), always.resolvedOptions());

// Lists.
for (const type of ["conjunction", "disjunction", "unit"] as const) {
  for (const style of ["long", "short", "narrow"] as const) {
    const list = new Intl.ListFormat("en", { type, style });
    console.log(type, style, [["A"], ["A", "B"], ["A", "B", "C"], ["A", "B", "C", "D"]].map((items) => list.format(items)).join(" | "));
  }
}
console.log(new Intl.ListFormat("de").format(["Äpfel", "Birnen", "Kirschen"]), "|", new Intl.ListFormat("fr", { type: "disjunction" }).format(["un", "deux", "trois"]));
console.log(JSON.stringify(new Intl.ListFormat("en").formatToParts(["x", "y"])), new Intl.ListFormat().resolvedOptions());

const attempts: Array<() => unknown> = [
  () => new Intl.Collator("en", { sensitivity: "x" as any }),
  () => (Intl as any).PluralRules("en"),
  () => new Intl.PluralRules("en", { type: "z" as any }),
  () => new Intl.RelativeTimeFormat("en").format(1, "fortnight" as any),
  () => new Intl.ListFormat("en", { type: "x" as any }),
  () => new Intl.ListFormat("en").format(["a", 1 as any]),
];
for (const attempt of attempts) {
  try {
    console.log(attempt());
  } catch (error) {
    console.log(`${(error as Error).name}: ${(error as Error).message}`);
  }
}
