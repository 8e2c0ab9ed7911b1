// Hoisting: function declarations are usable before they appear, var is undefined before assignment.
console.log("called before declaration:", square(7));
console.log("var before assignment:", hoistedVar);
var hoistedVar = "assigned";
console.log("var after assignment:", hoistedVar);

function square(n: number): number {
  return n * n;
}

function innerHoisting(): string[] {
  const log: string[] = [];
  log.push(typeof helper);
  log.push(typeof notYetAssigned);
  var notYetAssigned = function (): number {
    return 1;
  };
  log.push(typeof notYetAssigned);
  function helper(): string {
    return "helper";
  }
  log.push(helper());
  return log;
}
console.log(innerHoisting());

function laterDeclarationWins(): string {
  function pick(): string {
    return "first";
  }
  const result = pick();
  function pick(): string {
    return "second";
  }
  return result;
}
console.log("duplicate function declaration:", laterDeclarationWins());

function varInLoop(): number {
  for (var i = 0; i < 3; i++) {
    var lastSeen = i;
  }
  return i * 10 + lastSeen;
}
console.log("var escapes loop:", varInLoop());

function parameterAndVar(x: number): number {
  var x: number;
  return x;
}
console.log("var does not reset a parameter:", parameterAndVar(42));

function mutualRecursion(n: number): boolean {
  return isEven(n);
  function isEven(k: number): boolean {
    return k === 0 ? true : isOdd(k - 1);
  }
  function isOdd(k: number): boolean {
    return k === 0 ? false : isEven(k - 1);
  }
}
console.log("mutual recursion via hoisting:", mutualRecursion(10), mutualRecursion(7));

const expressionName = function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
};
console.log("named function expression:", expressionName(6), expressionName.name);
console.log("typeof factorial outside:", typeof (globalThis as any).factorial);
