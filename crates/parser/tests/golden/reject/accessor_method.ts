class A { accessor m() {} }
