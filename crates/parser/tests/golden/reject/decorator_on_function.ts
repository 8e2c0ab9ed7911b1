@logged function f() {}
