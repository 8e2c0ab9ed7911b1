[...rest,] = list;
