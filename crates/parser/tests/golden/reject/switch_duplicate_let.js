switch (x) { case 1: let a; break; default: let a; }
