let y = 3in [];
