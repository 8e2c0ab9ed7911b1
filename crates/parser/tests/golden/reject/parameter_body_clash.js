function f(a) { let a; }
