// Date parsing beyond ISO 8601: the formats Node's legacy parser accepts (numeric dates with
// slashes or dashes, month names, 12-hour clocks, offsets), on a machine whose zone is UTC.
const inputs: string[] = [
  "2024-01-15",
  "2024-01-15T10:00:00.123+02:00",
  "2024/01/15",
  "2024/1/5 10:30:15",
  "2024-1-5",
  "01/15/2024",
  "1/15/2024, 10:00:00 AM",
  "01/15/2024 3:45 PM",
  "01/15/2024 12:00 AM",
  "12/31/99",
  "1/2/03",
  "January 15, 2024",
  "Jan 15, 2024 3:45:10.5 pm",
  "15 Jan 2024 10:00 GMT",
  "Mon, 15 Jan 2024 10:00:00 GMT",
  "Jan 15 2024 10:00:00 GMT+0100",
  "Tue Jan 16 2024",
  "13/01/2024",
  "15-01-2024",
  "not a date",
];
for (const input of inputs) {
  const parsed = new Date(input);
  console.log(JSON.stringify(input).padEnd(34), Number.isNaN(parsed.getTime()) ? "Invalid Date" : parsed.toISOString());
}
const start = new Date("03/01/2024");
const end = new Date("2024/03/31");
console.log((end.getTime() - start.getTime()) / 86_400_000, start.toDateString(), end.getDay());
