{
  using a = b, {c} = d;
}
