let x = 1;
using resource = x;
