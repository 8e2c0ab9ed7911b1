function f() { "\01"; "use strict"; }
