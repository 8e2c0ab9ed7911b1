// An uncaught error at the end of the program: output so far is kept and the exit status is 1.
class ValidationError extends Error {
  constructor(public field: string) {
    super(`invalid field: ${field}`);
    this.name = "ValidationError";
  }
}

function validate(record: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (value === null || value === "") problems.push(key);
  }
  return problems;
}

const records = [
  { name: "ok", email: "ok@example.com" },
  { name: "", email: "blank@example.com" },
  { name: "nulls", email: null },
];
for (const r of records) {
  const problems = validate(r);
  console.log(r.name || "(blank)", problems.length === 0 ? "valid" : `problems: ${problems.join(", ")}`);
}

function finalStep(): never {
  try {
    console.log("in try before the throw");
    throw new ValidationError("email");
  } finally {
    console.log("finally still runs before the program dies");
  }
}

console.log("about to throw");
finalStep();
console.log("this line is never printed");
