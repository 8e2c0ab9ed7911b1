const add = (a, a) => a + a;
