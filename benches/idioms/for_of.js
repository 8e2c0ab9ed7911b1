const arr = []; for (let i = 0; i < 1000; i++) arr.push(i);
let s = 0;
for (let k = 0; k < 2000; k++) for (const x of arr) s += x;
console.log(s);
