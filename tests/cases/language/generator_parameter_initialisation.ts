function* g(a = (console.log("default evaluated"), 1), { b } = {}) {
  console.log("body starts", a, b);
  yield a + b;
}
console.log("before call");
const it = g(undefined, { b: 2 });
console.log("after call");
console.log(JSON.stringify(it.next()));
try {
  g(1, null);
  console.log("no error");
} catch (error) {
  console.log("call threw", error.constructor.name);
}
async function* ag(x = (() => { throw new RangeError("bad"); })()) {
  yield x;
}
try {
  ag();
  console.log("no error");
} catch (error) {
  console.log("async generator call threw", error.constructor.name, error.message);
}
const ok = ag(5);
ok.next().then((result) => console.log("async next", JSON.stringify(result)));
function* h() { yield 1; }
const early = h();
console.log(JSON.stringify(early.return(7)), JSON.stringify(early.next()));
function* args(a, b) { yield arguments.length; yield a + b; }
console.log([...args(3, 4)].join(","));
