// process.exitCode sets the status of a normal end; process.exit() inside an async function
// or a timer ends the program without running later code and without a rejection handler.
async function main(): Promise<void> {
  console.log("main starts");
  await null;
  process.exitCode = 4;
  console.log("exitCode set to", process.exitCode);
  setTimeout(() => {
    console.log("timer runs");
    process.exit();
    console.log("after exit must not run");
  }, 1);
  setTimeout(() => console.log("second timer must not run"), 2);
}
main().catch((error) => console.log("rejection handler must not run", error));
console.log("script ends");
