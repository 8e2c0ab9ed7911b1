function f(a, b) {
  arguments[0] = 10;
  console.log(a, arguments[0]);
  b = 20;
  console.log(arguments[1], arguments.length);
  delete arguments[0];
  a = 5;
  console.log(arguments[0], a);
  return arguments;
}
console.log(Object.keys(f(1, 2)));
function g(a) { a = 2; return arguments[0]; }
console.log(g(), g(1));
function k(a) {
  Object.defineProperty(arguments, "0", { writable: false });
  a = 3;
  return arguments[0];
}
console.log(k(1));
function m(a) {
  Object.defineProperty(arguments, "0", { value: 7 });
  var r = a;
  Object.defineProperty(arguments, "0", { get() { return 42; } });
  a = 1;
  return [r, arguments[0], a];
}
console.log(m(1));
function n(a) { "use strict"; arguments[0] = 2; return a; }
console.log(n(1));
function p(a) { return JSON.stringify(Object.getOwnPropertyDescriptor(arguments, "0")) + [...arguments]; }
console.log(p(3, 4));
function q(a, b) { Object.freeze(arguments); a = 9; return [arguments[0], Object.isFrozen(arguments)]; }
console.log(q(1, 2));
function r(a) { var f = () => { a = 'x'; }; f(); return arguments[0]; }
console.log(r(1));
function s(a) { var args = arguments; return function () { args[0] = 'y'; return a; }; }
console.log(s(1)());
