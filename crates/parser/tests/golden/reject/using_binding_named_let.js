{
  using let = null;
}
