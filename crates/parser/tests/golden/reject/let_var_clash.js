let a;
{ var a; }
