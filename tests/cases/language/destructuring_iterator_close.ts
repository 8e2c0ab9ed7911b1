// Destructuring assignment: property-reference targets are evaluated before the iterator
// step, and the iterator is closed when a target throws or a generator is returned from.
const log: string[] = [];
function makeIterable(limit: number, values = true) {
  let count = 0;
  const iterator = {
    next() {
      count += 1;
      log.push("next" + count);
      return { done: count > limit, value: values ? count : undefined };
    },
    return() {
      log.push("return");
      return {};
    },
  };
  return { [Symbol.iterator]: () => iterator };
}
const target: any = {};
function key(name: string) {
  log.push("key " + name);
  return name;
}
[target[key("a")], target[key("b")]] = makeIterable(5);
console.log(log.join(","), JSON.stringify(target));

log.length = 0;
try {
  [target[(() => { throw new Error("boom"); })()]] = makeIterable(5);
} catch (error: any) {
  log.push("caught " + error.message);
}
console.log(log.join(","));

log.length = 0;
let x: any;
function* g() {
  [x = yield "paused"] = makeIterable(5, false);
  log.push("unreachable");
}
const iterator = g();
iterator.next();
console.log(JSON.stringify(iterator.return(7)), log.join(","));

log.length = 0;
const source = {
  get value() {
    log.push("get");
    return 1;
  },
};
({ value: target[key("c")] } = source);
console.log(log.join(","), target.c);

log.length = 0;
[x, ...target[key("rest")]] = makeIterable(3);
console.log(log.join(","), JSON.stringify(target.rest));
