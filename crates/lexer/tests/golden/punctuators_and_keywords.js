#!/usr/bin/env node
a = b ?? c?.d ?.5 : e; x >>>= 1; y **= 2; z ||= w &&= v ??= u;
if (x) return; else async function* g() { yield await 1 } // comment
/* multi
   line */ let type = namespace + of + satisfies;
obj.#priv; class C { static accessor x; }
