export let a = 1;
export { a };
