function sum() { let t = 0; for (let i = 0; i < arguments.length; i++) t += arguments[i]; return t; }
function rest(...xs) { let t = 0; for (const x of xs) t += x; return t; }
let s = 0;
for (let i = 0; i < 500000; i++) s += sum(i, 1, 2) + rest(i, 3, 4);
console.log(s);
