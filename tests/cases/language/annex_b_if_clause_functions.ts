// Annex B: a function declaration as the branch of an `if` (sloppy code) is created when the
// branch runs and also becomes a var of the enclosing function or script; its own name
// inside its body refers to the implicit block's binding.
console.log(typeof early);
if (true) function early() { return "early"; }
console.log(typeof early, early());
if (false) function skipped() {} else function chosen() { return "else branch"; }
console.log(typeof skipped, chosen());
(function () {
  if (true) function inner() { (inner as any) = 1; return typeof inner; }
  console.log(inner(), typeof inner);
})();
(function () {
  eval("if (true) function fromEval() { return 'eval'; }");
  console.log(fromEval());
  eval("{ function inBlock() { return 'block'; } }");
  console.log(inBlock());
})();
setTimeout(() => console.log("timeout 0"), 0);
setImmediate(() => console.log("immediate"));
