// process.stdout.write, process.nextTick ordering against promise jobs, queueMicrotask and
// timers, performance.now and process.hrtime shapes.
process.stdout.write("no newline, ");
process.stdout.write("then a newline\n");
const written: boolean = process.stdout.write("");
console.log("write returns", written);

const order: string[] = [];
setTimeout(() => {
  order.push("timeout");
  process.nextTick(() => order.push("tick in timeout"));
  Promise.resolve().then(() => order.push("promise in timeout"));
}, 0);
setTimeout(() => console.log(order.join(" | ")), 5);
process.nextTick(() => order.push("tick 1"));
Promise.resolve()
  .then(() => {
    order.push("promise 1");
    process.nextTick(() => order.push("tick from promise"));
  })
  .then(() => order.push("promise 2"));
queueMicrotask(() => order.push("microtask"));
process.nextTick((a: number, b: number) => order.push(`tick 2 args ${a + b}`), 1, 2);
order.push("sync");

const started = performance.now();
console.log(typeof started, started >= 0, performance.now() >= started);
const [seconds, nanoseconds] = process.hrtime();
console.log(Number.isInteger(seconds), Number.isInteger(nanoseconds), typeof process.hrtime.bigint());
const elapsed = process.hrtime([seconds, nanoseconds]);
console.log(elapsed.length, elapsed[0] >= 0);
console.log(typeof process.memoryUsage().rss, typeof process.cwd(), Array.isArray(process.argv));
console.log(process.exitCode, typeof process.env, typeof process.pid);

try {
  process.nextTick(42 as any);
} catch (error: any) {
  console.log(error.name, error.message);
}
try {
  process.stdout.write(5 as any);
} catch (error: any) {
  console.log(error.name, error.message);
}
