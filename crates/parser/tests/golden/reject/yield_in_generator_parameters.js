function* g(x = yield) {}
