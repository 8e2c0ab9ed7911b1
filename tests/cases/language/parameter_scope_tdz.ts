function f(a = b, b) { return [a, b]; }
try { f(); } catch (e) { console.log(e.constructor.name); }
console.log(f(1, 2));
function g(a = a) {}
try { g(); } catch (e) { console.log(e.constructor.name); }
function h(a, b = () => c, c = 3) { return b(); }
console.log(h());
var x = 'outside';
var probe1, probe2;
function k(_ = probe1 = function() { return x; }) {
  var x = 'inside';
  probe2 = function() { return x; };
}
k();
console.log(probe1(), probe2());
function m(a, b = () => a) { var a; var r1 = a; a = 2; return [r1, a, b()]; }
console.log(m(1));
function n(a = 1, ...r) { function a() {} return typeof a + r.length; }
console.log(n(undefined, 1, 2));
function p({ a, b = a }, c = a + b) { var c; return [a, b, c]; }
console.log(p({ a: 5 }));
var q = (a = 1, b = a + 1) => { let c = a + b; return c; };
console.log(q());
function* gen(a = 1) { var a; yield a; }
console.log(gen().next().value);
function ev(a = 1) { eval("var z = 3"); return z + a; }
console.log(ev());
function ev2(a = 1) { var a = 5; return eval("a"); }
console.log(ev2());
function r(a = 1) { return arguments.length + a; }
console.log(r(), r(2));
function s(a = () => arguments) { var arguments; return a() === arguments; }
console.log(s());
class C { constructor(a = 1) { var b = a; this.v = b; } }
console.log(new C().v);
function f() { var arguments; return typeof arguments; }
console.log(f(1));
function g(a) { var arguments; arguments[0] = 2; return a; }
console.log(g(1));
