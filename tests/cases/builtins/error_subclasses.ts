// Error subclasses: custom names, extra fields, instanceof across the chain, cause, and catch dispatch.
class AppError extends Error {
  constructor(message: string, public readonly code: number = 500) {
    super(message);
    this.name = "AppError";
  }
  describe(): string {
    return `[${this.code}] ${this.name}: ${this.message}`;
  }
}

class NotFoundError extends AppError {
  constructor(public resource: string) {
    super(`${resource} was not found`, 404);
    this.name = "NotFoundError";
  }
}

class ValidationError extends AppError {
  override name = "ValidationError";
  constructor(public readonly fields: string[]) {
    super(`invalid: ${fields.join(", ")}`, 422);
  }
}

class NamedByPrototype extends Error {}
NamedByPrototype.prototype.name = "NamedByPrototype";

const errors: Error[] = [
  new AppError("generic failure"),
  new NotFoundError("user/42"),
  new ValidationError(["email", "age"]),
  new NamedByPrototype("prototype name"),
  new TypeError("built-in"),
];

for (const e of errors) {
  const kind =
    e instanceof NotFoundError ? "not-found" : e instanceof ValidationError ? "validation" : e instanceof AppError ? "app" : "other";
  console.log(kind.padEnd(10), String(e), "|", e instanceof Error, e.constructor.name);
}
console.log((errors[1] as NotFoundError).describe(), (errors[1] as NotFoundError).resource);
console.log((errors[2] as ValidationError).describe(), (errors[2] as ValidationError).fields);
console.log("own keys:", Object.keys(errors[0]), Object.keys(errors[1]), Object.keys(errors[2]));
console.log("message is own but not enumerable:", Object.prototype.hasOwnProperty.call(errors[0], "message"), Object.keys(new Error("m")));
console.log("prototype chain:", Object.getPrototypeOf(NotFoundError.prototype) === AppError.prototype, Object.getPrototypeOf(AppError.prototype) === Error.prototype);

function risky(step: number): number {
  switch (step) {
    case 0:
      return 1;
    case 1:
      throw new NotFoundError("config");
    case 2:
      throw new ValidationError(["name"]);
    case 3:
      throw new RangeError("step out of range");
    default:
      throw "not even an error";
  }
}
for (let step = 0; step <= 4; step++) {
  try {
    console.log("step", step, "ok", risky(step));
  } catch (e) {
    if (e instanceof NotFoundError) console.log("step", step, "missing", e.resource, e.code);
    else if (e instanceof AppError) console.log("step", step, "app error", e.code, e.message);
    else if (e instanceof Error) console.log("step", step, "builtin", e.name, e.message);
    else console.log("step", step, "non-error thrown:", typeof e, e);
  }
}

const wrapped = new AppError("wrapper");
(wrapped as any).cause = new NotFoundError("inner");
console.log("manual cause:", ((wrapped as any).cause as Error).message);
const withCause = new Error("high level", { cause: new TypeError("low level") });
console.log("cause option:", (withCause.cause as Error).name, (withCause.cause as Error).message, Object.keys(withCause));

class HttpError extends Error {
  status: number;
  constructor(status: number, message?: string) {
    super(message ?? `HTTP ${status}`);
    this.status = status;
  }
  get name(): string {
    return "HttpError";
  }
}
const http = new HttpError(503);
console.log("getter name:", String(http), http.status, `${http.name}/${http.message}`);
console.log("Error.prototype fields:", Error.prototype.name, JSON.stringify(Error.prototype.message), TypeError.prototype.name);
console.log("stringify error:", JSON.stringify(new NotFoundError("x")), JSON.stringify({ e: new Error("m") }));
