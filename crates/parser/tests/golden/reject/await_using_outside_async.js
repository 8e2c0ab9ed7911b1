function f() {
  await using x = y;
}
