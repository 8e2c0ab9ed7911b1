// process.exit ends the program at once: no catch or finally block runs, no pending timer or
// promise job runs, and the exit status is the code given.
setTimeout(() => console.log("timer must not run"), 0);
Promise.resolve().then(() => console.log("promise job must not run"));
console.log("before exit");
function leave(): never {
  try {
    process.exit(3);
  } catch {
    console.log("catch must not run");
  } finally {
    console.log("finally must not run");
  }
  throw new Error("unreachable");
}
try {
  leave();
} finally {
  console.log("outer finally must not run");
}
console.log("after exit must not run");
