const arr = [5, 1, 9, 3, 7, 2, 8];
let s = 0;
for (let i = 0; i < 1000000; i++) s += Math.max(...arr);
console.log(s);
