// The locales of India group digits in the Indian numbering system: the last group has three
// digits, the groups before it two (12,34,56,789).
const indian = new Intl.NumberFormat("en-IN");
for (const n of [1, 12, 123, 1234, 12345, 123456, 1234567, 12345678, 123456789, 1234567890.5, -9876543.21]) {
  console.log(indian.format(n));
}
console.log(new Intl.NumberFormat("en-IN", { style: "currency", currency: "INR" }).format(1234567.5));
console.log((100000).toLocaleString("en-IN"), (100000).toLocaleString("en-US"), (100000).toLocaleString("de-DE"));
console.log(new Intl.NumberFormat("en-IN", { maximumFractionDigits: 0 }).format(98765432.1));
