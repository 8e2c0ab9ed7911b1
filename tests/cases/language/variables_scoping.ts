// Variables and scoping: var/let/const, block scope, shadowing, and TDZ errors caught at run time.
var functionScoped = "outer var";
let blockScoped = "outer let";
const constant = "outer const";

{
  var functionScoped = "inner var overwrites";
  let blockScoped = "inner let shadows";
  const constant = "inner const shadows";
  console.log("inside block:", functionScoped, blockScoped, constant);
}
console.log("after block:", functionScoped, blockScoped, constant);

function varIsFunctionScoped(): string {
  if (true) {
    var declaredInIf = "visible in whole function";
  }
  return declaredInIf;
}
console.log(varIsFunctionScoped());

function tdzRead(): string {
  try {
    const early = later;
    let later = 5;
    return "no error " + early;
  } catch (e) {
    return (e as Error).name + ": " + (e as Error).message;
  }
}
console.log(tdzRead());

function tdzInClosure(): string {
  const readIt = () => value;
  try {
    readIt();
  } catch (e) {
    console.log("closure before init ->", (e as Error).message);
  }
  let value = "initialised";
  return readIt();
}
console.log(tdzInClosure());

try {
  const fixed = 1;
  (fixed as any) = 2;
} catch (e) {
  console.log((e as Error).name + ": " + (e as Error).message);
}

let counterA = 1;
{
  let counterA = 10;
  counterA++;
  console.log("shadowed counterA:", counterA);
}
console.log("outer counterA:", counterA);

let uninitialised: number | undefined;
console.log("let without initialiser:", uninitialised);
var twice = 1;
var twice = 2;
console.log("var redeclared:", twice);

function typeofInTdz(): string {
  try {
    return typeof notYet;
  } catch (e) {
    return "typeof in TDZ throws " + (e as Error).name;
  } finally {
    console.log("typeof of an undeclared name:", typeof reallyUndeclaredName);
  }
  let notYet = 1;
}
console.log(typeofInTdz());

const objectConst = { n: 1 };
objectConst.n = 2;
console.log("const object is mutable:", objectConst);
