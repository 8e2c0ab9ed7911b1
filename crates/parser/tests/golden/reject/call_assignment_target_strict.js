function f() {
  "use strict";
  g() = 1;
}
