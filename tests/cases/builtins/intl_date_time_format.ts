// Intl.DateTimeFormat and Date.prototype.toLocale*String (the machine runs in UTC).
const moment = new Date(Date.UTC(2024, 2, 5, 14, 7, 9, 45));
const midnight = new Date(Date.UTC(1999, 11, 31, 0, 5, 3));
const locales: string[] = ["en-US", "en-GB", "de-DE", "fr-FR", "es-ES", "ja-JP"];

console.log(moment.toLocaleString(), "|", moment.toLocaleDateString(), "|", moment.toLocaleTimeString());
for (const locale of locales) {
  console.log(locale, "|", moment.toLocaleString(locale), "|", midnight.toLocaleDateString(locale), "|", midnight.toLocaleTimeString(locale));
}

const styles: Intl.DateTimeFormatOptions[] = [
  { dateStyle: "full" },
  { dateStyle: "long" },
  { dateStyle: "medium" },
  { dateStyle: "short" },
  { timeStyle: "full" },
  { timeStyle: "medium" },
  { timeStyle: "short" },
  { dateStyle: "full", timeStyle: "long" },
  { dateStyle: "medium", timeStyle: "short" },
  { dateStyle: "short", timeStyle: "short", hour12: false },
];
for (const options of styles) {
  for (const locale of locales) {
    console.log(JSON.stringify(options), locale, "|", new Intl.DateTimeFormat(locale, options).format(moment));
  }
}

const components: Intl.DateTimeFormatOptions[] = [
  { year: "numeric", month: "long", day: "numeric" },
  { weekday: "long", year: "numeric", month: "long", day: "numeric" },
  { weekday: "short", month: "short", day: "numeric" },
  { year: "numeric", month: "2-digit", day: "2-digit" },
  { year: "2-digit", month: "numeric" },
  { month: "long" },
  { month: "short", year: "numeric" },
  { weekday: "long" },
  { hour: "2-digit", minute: "2-digit" },
  { hour: "numeric", minute: "2-digit", hour12: true },
  { hour: "numeric", hour12: false },
  { hour: "numeric", minute: "numeric", second: "numeric", timeZoneName: "short" },
  { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "numeric" },
  { month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
  { timeZone: "UTC", timeZoneName: "long" },
  { era: "short", year: "numeric" },
  { minute: "2-digit", second: "2-digit", fractionalSecondDigits: 2 },
];
for (const options of components) {
  for (const locale of locales) {
    const formatter = new Intl.DateTimeFormat(locale, options);
    console.log(JSON.stringify(options), locale, "|", formatter.format(moment), "|", formatter.format(midnight));
  }
}

// toLocaleDateString/toLocaleTimeString fill in the missing date or time fields.
console.log(moment.toLocaleDateString("en-US", { month: "long" }), "|", moment.toLocaleTimeString("en-US", { hour: "2-digit" }));
console.log(moment.toLocaleDateString("de-DE", { weekday: "long", day: "numeric", month: "long" }));
console.log(moment.toLocaleString("en-GB", { timeZone: "UTC" }), "|", new Date(NaN).toLocaleString("de-DE"));

// format with numbers and formatToParts, resolvedOptions.
const formatter = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });
console.log(formatter.format(0), "|", [moment, midnight].map(formatter.format).join(" / "));
console.log(JSON.stringify(formatter.formatToParts(moment)));
console.log(new Intl.DateTimeFormat().resolvedOptions());
console.log(new Intl.DateTimeFormat("de-DE", { hour: "numeric", minute: "numeric" }).resolvedOptions());
console.log(new Intl.DateTimeFormat("en", { dateStyle: "short", timeStyle: "long" }).resolvedOptions());

const attempts: Array<() => unknown> = [
  () => new Intl.DateTimeFormat("en", { dateStyle: "huge" as any }),
  () => new Intl.DateTimeFormat("en", { timeZone: "Mars/Base" }),
  () => new Intl.DateTimeFormat("en", { dateStyle: "short", year: "numeric" }),
  () => new Intl.DateTimeFormat("en").format(NaN),
  () => new Intl.DateTimeFormat("en", { timeZone: "utc" }).resolvedOptions().timeZone,
];
for (const attempt of attempts) {
  try {
    console.log(attempt());
  } catch (error) {
    console.log(`${(error as Error).name}: ${(error as Error).message}`);
  }
}

// IANA time zones with their daylight-saving rules and names.
const summer = new Date(Date.UTC(2024, 6, 5, 14, 7));
const winter = new Date(Date.UTC(2024, 0, 5, 14, 7));
for (const timeZone of ["America/New_York", "America/Los_Angeles", "Europe/London", "Europe/Paris", "Asia/Tokyo", "Asia/Kolkata", "Australia/Sydney"]) {
  for (const locale of ["en-US", "en-GB", "de-DE"]) {
    const zoned = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "medium", timeStyle: "long" });
    console.log(timeZone, locale, "|", zoned.format(summer), "|", zoned.format(winter));
  }
}
const transitions: number[] = [Date.UTC(2024, 2, 10, 6, 59), Date.UTC(2024, 2, 10, 7, 0), Date.UTC(2024, 10, 3, 5, 59), Date.UTC(2024, 10, 3, 6, 0)];
console.log(transitions.map((time) => new Date(time).toLocaleTimeString("en-US", { timeZone: "America/New_York", timeZoneName: "short" })).join(" | "));
console.log(new Intl.DateTimeFormat("en", { timeZone: "europe/berlin" }).resolvedOptions().timeZone);
