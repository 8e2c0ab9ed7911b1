function a() {
  var before = typeof f;
  { function f() { return 1; } }
  return [before, typeof f];
}
console.log(a());
function b() {
  let g = 5;
  { function g() {} }
  return g;
}
console.log(b());
function c() {
  if (true) { function h() { return "h"; } }
  return h();
}
console.log(c());
function d(k) {
  { function k() {} }
  return typeof k;
}
console.log(d(3));
function e() {
  switch (1) { case 1: function m() { return "m"; } }
  return m();
}
console.log(e());
console.log(typeof top1);
{ function top1() { return "top"; } }
console.log(top1());
function f2() {
  var inner = function () { return typeof q; };
  var r1 = inner();
  { function q() {} }
  return [r1, inner()];
}
console.log(f2());
