{
  using a;
}
