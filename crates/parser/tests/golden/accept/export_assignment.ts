import fs = require("fs");
class Store {}
export = { fs, Store };
