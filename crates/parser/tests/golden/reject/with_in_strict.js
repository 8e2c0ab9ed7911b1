"use strict";
with (a) {}
