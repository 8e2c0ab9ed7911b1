// eval: direct eval sees the caller's scope, indirect eval runs in the global scope, and
// sloppy eval code can add variables to its caller's function.
globalThis.label = "global";

function directSeesLocals(a, b) {
  let c = 3;
  const d = 4;
  return eval("a + b + c + d + arguments.length");
}
console.log(directSeesLocals(1, 2));

function directCanAssign() {
  let counter = 1;
  eval("counter += 41");
  return counter;
}
console.log(directCanAssign());

function indirectUsesGlobalScope() {
  var label = "local";
  const indirect = eval;
  return [eval("label"), indirect("label"), (0, eval)("typeof label")];
}
console.log(indirectUsesGlobalScope());

function sloppyVarReachesCaller() {
  eval("var added = 'added by eval'; function helper() { return added.length; }");
  return [added, helper()];
}
console.log(sloppyVarReachesCaller());

function strictEvalKeepsItsVars() {
  "use strict";
  eval("var hidden = 1");
  return typeof hidden;
}
console.log(strictEvalKeepsItsVars());

console.log(eval("if (true) { 'then' } else { 'else' }"), eval("1; if (false) {}"));
console.log(eval("for (var i = 0; i < 3; i++) { i * 10 }"));
console.log(eval(42), eval({ toString() { return "1 + 1"; } }) instanceof Object);

try {
  eval("let x = ;");
} catch (error) {
  console.log(error instanceof SyntaxError);
}

const method = {
  greet() {
    return eval("super.toString === Object.prototype.toString && this === method");
  },
};
console.log(method.greet());

function Constructed() {
  this.sawNewTarget = eval("new.target === Constructed");
}
console.log(new Constructed().sawNewTarget);
