export { missing };
