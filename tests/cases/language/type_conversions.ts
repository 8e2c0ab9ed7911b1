// Type conversions: truthiness, String(), Number(), Boolean(), toString/valueOf, and string keys.
const values: unknown[] = [0, -0, 1, "", "0", " ", "false", null, undefined, NaN, [], {}, [0], Infinity];
console.log("truthiness:", values.map((v) => (v ? "T" : "F")).join(""));
console.log("Boolean():", values.map((v) => Boolean(v)));
console.log("String():", values.map((v) => String(v)));
console.log("Number():", values.map((v) => Number(v)));
console.log("String of arrays:", String([1, [2, [3, [4]]]]), String([null, undefined, 1]), String([[], []]), String([{}]));
console.log("Number of arrays:", Number([]), Number([7]), Number(["8"]), Number([1, 2]), Number([[9]]));
console.log("String of functions is source-free here:", typeof String(() => 1));

const valueAndString = {
  valueOf() {
    return 10;
  },
  toString() {
    return "ten";
  },
};
console.log("hint default/number uses valueOf:", (valueAndString as any) + 1, (valueAndString as any) * 2, (valueAndString as any) > 9);
console.log("hint string uses toString:", String(valueAndString), `${valueAndString}`, [valueAndString].join());
const onlyToString = {
  toString() {
    return "7";
  },
};
console.log("toString used for numbers too:", (onlyToString as any) * 2, (onlyToString as any) + 1);

const keyObject: Record<string, string> = {};
keyObject[1 as any] = "number key";
keyObject[true as any] = "boolean key";
keyObject[null as any] = "null key";
keyObject[{} as any] = "object key";
keyObject[[1, 2] as any] = "array key";
console.log("property keys become strings:", keyObject);
console.log(keyObject["1"], keyObject["true"], keyObject["[object Object]"], keyObject["1,2"]);

const arr = ["a", "b", "c"];
console.log("array index conversions:", arr["1" as any], arr[1.0], (arr as any)["01"], (arr as any)[-1]);
console.log("string indexing:", "hello"[1], "hello"[10], "hello".length);

console.log("parse vs Number:", parseInt("12px"), Number("12px"), parseFloat("1.5e3x"), Number(" 1.5e3 "));
console.log("plus on mixed:", 1 + null!, (1 as any) + undefined, ("3" as any) * ("4" as any), (true as any) + true, ([] as any) + {});
console.log("equality table:", null == (false as any), undefined == (false as any), ("" as any) == 0, ("\n" as any) == 0, ("1" as any) == true);
console.log("Object.is:", Object.is(NaN, NaN), Object.is(0, -0), Object.is("a", "a"), Object.is({}, {}));
console.log("typeof after conversion:", typeof String(1), typeof Number("1"), typeof Boolean(1), typeof new String("x"), typeof Object(1));
console.log("wrapper objects:", new String("boxed"), new Number(5), new Boolean(false), [new String("in array")]);
console.log("wrapper truthiness:", !!new Boolean(false), new Number(0) ? "truthy" : "falsy");
