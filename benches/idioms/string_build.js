let total = 0;
for (let j = 0; j < 200; j++) {
  let s = '';
  for (let i = 0; i < 1000; i++) s += 'x' + i;
  const parts = [];
  for (let i = 0; i < 1000; i++) parts.push('p' + i);
  total += s.length + parts.join(',').length;
}
console.log(total);
