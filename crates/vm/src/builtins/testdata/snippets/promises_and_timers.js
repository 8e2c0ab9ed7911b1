// Microtask and timer ordering, promise combinators and unhandled-free rejections.
console.log("1 sync");
setTimeout(() => console.log("6 timeout"), 0);
Promise.resolve().then(() => console.log("3 micro"));
queueMicrotask(() => console.log("4 queued"));
const wait = (ms, label) => new Promise((resolve) => setTimeout(() => resolve(label), ms));
Promise.all([wait(20, "slow"), wait(5, "fast")]).then((r) => console.log("7 all", r));
Promise.race([wait(30, "tortoise"), wait(10, "hare")]).then((r) => console.log("8 race", r));
Promise.allSettled([Promise.reject(new Error("x")), 1]).then((r) => console.log("9", r.map((x) => x.status)));
Promise.any([Promise.reject(1), Promise.resolve(2)]).then((r) => console.log("10 any", r));
Promise.any([Promise.reject(1)]).catch((e) => console.log("11", e.name, e.errors));
Promise.reject(5).catch((e) => console.log("5 caught", e)).finally(() => console.log("5b finally"));
new Promise((res) => res({ then(r) { r(42); } })).then((v) => console.log("thenable", v));
let n = 0; const id = setInterval(() => { n++; console.log("tick", n); if (n === 3) clearInterval(id); }, 1);
const cancelled = setTimeout(() => console.log("never"), 5); clearTimeout(cancelled);
setTimeout((a, b) => console.log("args", a, b), 2, "x", "y");
console.log("2 sync end", Promise.resolve(1), new Promise(() => {}));
