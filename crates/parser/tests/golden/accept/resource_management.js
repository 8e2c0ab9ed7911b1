{
  using resource = open(), other = null;
  using
  notADeclaration = 1;
}
async function f() {
  await using connection = connect();
  for (using item of items) {}
  for (await using item of items) {}
  for await (await using of of items) {}
  for (using x = null, y = null; ; ) break;
}
var using, of;
for (using of of [0]) {}
for (using in {}) {}
using[0] = 1;
switch (0) {
  case 0: {
    using inBlock = null;
  }
}
class C {
  static {
    using inStaticBlock = null;
  }
}
