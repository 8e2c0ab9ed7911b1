var \u0069f = 1;
