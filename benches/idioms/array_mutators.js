// Array mutators on packed arrays: push/pop, unshift/shift, splice, slice/concat/reverse, flat, Array.from.
let c = 0;
for (let r = 0; r < 30; r++) {
  const a = [];
  for (let i = 0; i < 10000; i++) a.push(i);
  while (a.length > 5000) c += a.pop();
  for (let i = 0; i < 500; i++) a.unshift(i);
  for (let i = 0; i < 500; i++) c += a.shift();
  c += a.indexOf(4000) + (a.includes(2500) ? 1 : 0) + a.lastIndexOf(3);
  a.splice(100, 50, 1, 2, 3); c += a.length;
  c += a.slice(10, 2000).concat([1, 2]).length + a.reverse()[0];
  c += a.findIndex((x) => x === 77) + a.join(",").length;
  c += a.flat().length + Array.from({ length: 100 }, (_, i) => i).length;
}
console.log(c);
