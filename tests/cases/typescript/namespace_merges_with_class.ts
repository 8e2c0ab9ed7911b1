// A namespace merging with a class (in the same statement list, at the top level and in a
// block) adds static members to the class object; no separate variable is declared.
class Temperature {
  constructor(public celsius: number) {}
  static fromFahrenheit(fahrenheit: number): Temperature {
    return new Temperature(Temperature.round((fahrenheit - 32) * Temperature.ratio));
  }
}
namespace Temperature {
  export const ratio = 5 / 9;
  export function round(value: number): number {
    return Math.round(value * 10) / 10;
  }
  export class Range {
    constructor(public low: Temperature, public high: Temperature) {}
  }
}
namespace Temperature {
  export const freezing = new Temperature(0);
}
console.log(Temperature.fromFahrenheit(100), Temperature.freezing, Temperature.ratio.toFixed(3));
console.log(new Temperature.Range(Temperature.freezing, new Temperature(30)));
console.log(Object.keys(Temperature), typeof Temperature);

{
  class Local {
    static describe(): string {
      return `Local v${Local.version}`;
    }
  }
  namespace Local {
    export const version = 3;
  }
  console.log(Local.describe());
}

function Counter(): number {
  return ++Counter.calls;
}
namespace Counter {
  export let calls = 0;
}
Counter();
Counter();
console.log(Counter.calls);
