class Vec { constructor(x, y) { this.x = x; this.y = y; }
  add(o) { return new Vec(this.x + o.x, this.y + o.y); }
  dot(o) { return this.x * o.x + this.y * o.y; }
  get len2() { return this.dot(this); } }
let v = new Vec(0, 0); const d = new Vec(1, 2); let s = 0;
for (let i = 0; i < 1000000; i++) { v = v.add(d); s += v.len2 % 7; }
console.log(s, v.x, v.y);
