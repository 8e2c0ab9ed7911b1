import defer * as lazy from "./lazy.js";
import source wasm from "./module.wasm";
import source from "./default-named-source.js";
import defer from "./default-named-defer.js";
import source from from "./source-binding-named-from.js";
import.defer("./dynamic.js");
import.source("./dynamic.wasm", { with: {} });
export { lazy, wasm, source, defer, from };
