// `import x = N.y` aliases for namespace members, and type-only imports of that form.
namespace Library {
  export namespace Math {
    export function double(n: number): number {
      return n * 2;
    }
    export const PI_ISH = 3.14;
  }
  export namespace Text {
    export function shout(s: string): string {
      return s.toUpperCase() + "!";
    }
    export interface Options {
      loud: boolean;
    }
  }
  export class Book {
    constructor(public title: string) {}
  }
}

import LibMath = Library.Math;
import shout = Library.Text.shout;
import Book = Library.Book;
import Options = Library.Text.Options;

console.log(LibMath.double(21), LibMath.PI_ISH, shout("hello"));
console.log(new Book("Alias"), new Book("x") instanceof Library.Book);
const opts: Options = { loud: true };
console.log(opts);
console.log("alias is the same object:", LibMath === Library.Math, shout === Library.Text.shout);

namespace Consumer {
  import D = Library.Math.double;
  export function quadruple(n: number): number {
    return D(D(n));
  }
}
console.log("alias inside a namespace:", Consumer.quadruple(5));

namespace Later {
  export let value = "initial";
}
import laterValue = Later.value;
Later.value = "changed";
console.log("alias reads the value at alias time:", laterValue, Later.value);
