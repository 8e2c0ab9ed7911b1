<!-- an HTML open comment runs to the end of the line
var b = a-->0; // mid-line "-->" is a decrement and a greater-than
--> an HTML close comment at the start of a line
if (a) function f() {} else function g() {}
label: function h() {}
{ function twice() {} function twice() {} }
try {} catch (e) { var e = 2; for (var e of []) {} }
var o = 010 + 09;
({ __proto__: x, __proto__: y } = {});
