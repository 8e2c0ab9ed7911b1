"use strict";
var a = 1, b;
let [x, , y = 2, ...rest] = arr;
const {p, q: {r}, s = 3, ...others} = obj;
if (a) b = 1; else { b = 2; }
for (let i = 0; i < 10; i++) continue;
for (const k in o) break;
outer: for (const v of list) { inner: while (true) { break outer; } }
do x++; while (x < 3)
switch (a) { case 1: b(); break; default: c(); }
try { f(); } catch ({message}) { g(message); } finally { h(); }
try { f(); } catch { }
label: { break label; }
function* gen(a, b = 1, ...c) { yield a; yield* c; }
async function af() { await x; for await (const y of z) {} }
debugger;
;
throw new Error("x")
