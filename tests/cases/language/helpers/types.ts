// Types only: importers' imports of these names are elided, so this module never runs.
export interface Options {
  verbose: boolean;
}

console.log("types module evaluated (should not happen)");
