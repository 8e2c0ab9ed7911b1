if (ok) label: function f() {}
