// Parsing log lines with regular expressions: exec with groups, global replace, split, test on a literal.
const lines = []; for (let i = 0; i < 2000; i++) lines.push(`2024-0${(i % 9) + 1}-1${i % 10} INFO [worker-${i % 7}] request id=${i} took ${i % 500}ms path=/api/v1/items/${i}`);
let c = 0;
const re = /^(\d{4})-(\d{2})-(\d{2}) (\w+) \[([^\]]+)\] .*?id=(\d+) took (\d+)ms path=(\S+)$/;
for (let r = 0; r < 10; r++) for (const l of lines) { const m = re.exec(l); if (m) c += +m[7] + m[8].length; c += l.replace(/\d+/g, "#").length; c += l.split(" ").length; if (/worker-[35]/.test(l)) c++; }
c += lines.join("\n").match(/took \d{3}ms/g).length; c += "a-b_c d".replaceAll(/[-_ ]/g, "").length;
console.log(c);
