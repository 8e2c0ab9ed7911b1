while (ok) async function f() {}
