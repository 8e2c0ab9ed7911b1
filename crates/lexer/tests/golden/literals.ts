const n = [0, 1.5, .5, 5., 1e10, 1_000, 0x1F, 0o17, 0b1010, 017, 08, 123n, 0xFFn];
const s = ["double \"q\"", 'single \'q\'', "esc \n \u0041 \u{1F600}", "line\
continuation"];
const t = `a${b}c${`nested ${d}`}e`;
const r = /[/]\/x/gu, q = a / b / c;
const ü = 1, \u0061bc = 2, ab\u{63} = 3;
let x = 1
++y
