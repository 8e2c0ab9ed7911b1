// Destructuring with defaults and rest, spread, optional chaining, nullish, templates.
const { a, b: { c = 5 } = {}, ...rest } = { a: 1, d: 4 } as any;
const [x, , y = 3, ...tail] = [1, 2, undefined, 4, 5];
const merged = { ...rest, a, list: [...tail, x, y] };
let maybe: any = null;
maybe ??= { deep: { value: 1 } };
console.log(merged, maybe?.deep?.value, maybe?.missing?.(), `${a}-${c}`);
