class A { field = () => arguments; }
