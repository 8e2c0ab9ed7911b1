// Intl.NumberFormat and Number/BigInt toLocaleString across locales and options.
const locales: string[] = ["en-US", "en-GB", "de-DE", "fr-FR", "es-ES", "ja-JP"];
const values: number[] = [0, -0, 1, -1234.5, 1234567.891, 0.000123, 1.005, 2.5, 999999.5];

for (const locale of locales) {
  const formatter = new Intl.NumberFormat(locale);
  console.log(locale, values.map((value) => formatter.format(value)).join(" | "));
}

const optionSets: Intl.NumberFormatOptions[] = [
  { style: "percent" },
  { style: "percent", minimumFractionDigits: 1 },
  { style: "currency", currency: "USD" },
  { style: "currency", currency: "EUR" },
  { style: "currency", currency: "GBP" },
  { style: "currency", currency: "JPY" },
  { style: "currency", currency: "EUR", currencyDisplay: "code" },
  { style: "currency", currency: "USD", currencyDisplay: "name" },
  { style: "currency", currency: "USD", currencySign: "accounting" },
  { style: "unit", unit: "kilometer-per-hour" },
  { style: "unit", unit: "kilogram", unitDisplay: "long" },
  { style: "unit", unit: "megabyte", unitDisplay: "narrow" },
  { minimumFractionDigits: 2, maximumFractionDigits: 2 },
  { maximumFractionDigits: 0 },
  { maximumSignificantDigits: 3 },
  { minimumSignificantDigits: 5 },
  { minimumIntegerDigits: 4 },
  { useGrouping: false },
  { notation: "compact" },
  { notation: "compact", compactDisplay: "long" },
  { notation: "scientific" },
  { notation: "engineering" },
  { signDisplay: "always" },
  { signDisplay: "exceptZero" },
  { signDisplay: "never" },
  { roundingMode: "floor", maximumFractionDigits: 1 },
  { roundingMode: "halfEven", maximumFractionDigits: 0 },
  { maximumFractionDigits: 2, minimumFractionDigits: 2, trailingZeroDisplay: "stripIfInteger" },
];
const sample: number[] = [0, 1, -1, 0.5, 42.195, -1234.5678, 3456789, 1.5e9];
for (const options of optionSets) {
  for (const locale of ["en-US", "de-DE", "fr-FR", "ja-JP"]) {
    const formatter = new Intl.NumberFormat(locale, options);
    console.log(JSON.stringify(options), locale, sample.map((value) => formatter.format(value)).join(" | "));
  }
}

// toLocaleString delegates to NumberFormat; rounding works on the shortest decimal digits.
console.log((1234.5).toLocaleString(), (1234.5).toLocaleString("de-DE"), (0.125).toLocaleString("en", { maximumFractionDigits: 2 }));
console.log((1.005).toLocaleString(undefined, { maximumFractionDigits: 2 }), (1.005).toFixed(2));
console.log((12345678901234567890n).toLocaleString(), (-42n).toLocaleString("fr-FR", { style: "currency", currency: "EUR" }));
console.log([1234.5, 0.25, -7].toLocaleString("de-DE"), [0.25, 1].toLocaleString("en-US", { style: "percent" }));

// formatToParts and resolvedOptions.
console.log(JSON.stringify(new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).formatToParts(-1234.5)));
console.log(JSON.stringify(new Intl.NumberFormat("de-DE", { notation: "compact" }).formatToParts(3456789)));
console.log(JSON.stringify(new Intl.NumberFormat("en", { notation: "scientific" }).formatToParts(-0.00123)));
console.log(new Intl.NumberFormat().resolvedOptions());
console.log(new Intl.NumberFormat("ja-JP", { style: "currency", currency: "jpy" }).resolvedOptions());
console.log(new Intl.NumberFormat("en", { notation: "compact" }).resolvedOptions());

// The bound format function is cached and usable as a callback.
const bound = new Intl.NumberFormat("en-IN");
console.log(bound.format === bound.format, [1, 22, 333].map(bound.format), Intl.NumberFormat.supportedLocalesOf(["de", "xx"]));
console.log(Object.prototype.toString.call(bound), typeof Intl, Object.prototype.toString.call(Intl));

// Option validation errors match V8's messages.
const attempts: Array<() => unknown> = [
  () => new Intl.NumberFormat("en", { style: "bogus" as any }),
  () => new Intl.NumberFormat("en", { style: "currency" }),
  () => new Intl.NumberFormat("en", { currency: "US" }),
  () => new Intl.NumberFormat("en", { maximumFractionDigits: 200 }),
  () => new Intl.NumberFormat("en", { minimumFractionDigits: 3, maximumFractionDigits: 1 }),
  () => new Intl.NumberFormat("en", { style: "unit", unit: "parsec" }),
  () => new Intl.NumberFormat("en_US"),
  () => (5).toLocaleString("en", { minimumIntegerDigits: 0 }),
  () => Intl.getCanonicalLocales(["EN-us", "de-de", "zh-hant-tw", "en-US"]),
];
for (const attempt of attempts) {
  try {
    console.log(attempt());
  } catch (error) {
    console.log(`${(error as Error).name}: ${(error as Error).message}`);
  }
}
