switch (x) {
  case 1:
    using a = b;
}
