class A { static { var await; } }
