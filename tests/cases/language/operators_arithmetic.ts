// Arithmetic operators, exponentiation, increment/decrement and mixed-type comparisons and equality.
console.log("basic:", 7 + 3, 7 - 3, 7 * 3, 7 / 2, 7 % 3, -7 % 3, 7 % -3, 5.5 % 2);
console.log("exponent:", 2 ** 10, 2 ** -1, (-2) ** 3, 2 ** 3 ** 2, 4 ** 0.5);
console.log("division edge cases:", 1 / 0, -1 / 0, 0 / 0, 0 * -1, 1 / (0 * -1));
console.log("unary:", +"42", +"", +"  12  ", +"0x1f", +"abc", -"3", +true, +false, +null, +(undefined as any));
let x = 5;
console.log("postfix/prefix:", x++, x, ++x, x, x--, x, --x, x);
let y = "5" as any;
y++;
console.log("increment converts:", y, typeof y);

console.log("string concatenation:", "a" + 1, 1 + "a", 1 + 2 + "3", "1" + 2 + 3, "x" + null, "x" + undefined, "x" + true);
console.log("arrays and objects:", [1, 2] + "", [] + [], ({} as any) + "", [1] + [2] as any);
console.log("minus converts:", ("10" as any) - 3, ("10" as any) * "2", ("a" as any) - 1, (true as any) + 1, (null as any) + 1);

console.log("loose equality:", 1 == ("1" as any), 0 == ("" as any), null == undefined, null == (0 as any), NaN == NaN);
console.log("more loose:", ("0" as any) == false, ([] as any) == false, ([1] as any) == 1, ("1,2" as any) == [1, 2]);
console.log("strict equality:", 1 === ("1" as any), null === (undefined as any), NaN === NaN, 0 === -0);
console.log("inequality:", 1 != ("2" as any), 1 !== ("1" as any));

console.log("relational numbers:", 1 < 2, 2 <= 2, 3 > 4, 4 >= 4);
console.log("relational strings:", "apple" < "banana", "Zebra" < "apple", "10" < "9", "abc" < "abd", "a" < "aa");
console.log("mixed relational:", ("10" as any) < 9, ("10" as any) > 9, (null as any) >= 0, (undefined as any) < 1, ("b" as any) > 1);
console.log("NaN comparisons:", NaN < 1, NaN > 1, NaN <= NaN, (undefined as any) == 0);

const valueOfObject = { valueOf: () => 42 };
const toStringObject = { toString: () => "str" };
console.log("valueOf/toString:", (valueOfObject as any) + 1, (toStringObject as any) + "!", `${toStringObject}`, (valueOfObject as any) > 41);

console.log("float precision:", 0.1 + 0.2, 0.1 + 0.2 === 0.3, 1 - 0.9, 3 * 1.1);
console.log("integer limits:", 2 ** 53, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, -(2 ** 31));
console.log("huge and tiny:", 1e308 * 10, -1e308 * 10, 5e-324, 5e-324 / 2);
console.log("modulo of negatives and floats:", -5 % 2, 5 % -2, -0 % 5, 10.5 % 3);

let chained = 10;
chained += 5;
chained -= 3;
chained *= 2;
chained /= 4;
chained %= 4;
chained **= 3;
console.log("compound assignment:", chained);
let text = "ab";
text += "cd";
text += 1;
console.log("string +=:", text);

const precedence = 2 + 3 * 4 - 10 / 5;
console.log("precedence:", precedence, (2 + 3) * 4, -(2 ** 2), 2 * 3 ** 2);
console.log("grouping and unary minus:", - -1, -(-(-1)), +-+1);
