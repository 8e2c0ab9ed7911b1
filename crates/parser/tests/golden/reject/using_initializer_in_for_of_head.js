for (using x = y of z) {}
