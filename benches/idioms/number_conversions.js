// Number to string and back: toFixed, String(n), parseInt, parseFloat, toString(16), Number('0x..').
let c = 0;
for (let i = 0; i < 100000; i++) {
  const x = i * 1.37;
  c += x.toFixed(2).length + String(i).length + parseInt("12" + (i % 10), 10) + parseFloat("3.5e" + (i % 3));
  c += (i / 7).toString().length + Number("0x" + (i % 255).toString(16)) + (+("" + i) & 1);
}
console.log(Math.round(c));
