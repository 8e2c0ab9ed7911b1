{
  for (using x in y) {}
}
