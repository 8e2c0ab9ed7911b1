// A derived constructor's invalid return value throws a TypeError that a `try` inside the
// constructor cannot catch (the check happens after the constructor body has completed).
class Base {}
class ReturnsNumberInsideTry extends Base {
  constructor(value: unknown) {
    super();
    try {
      return value as any;
    } catch (error) {
      console.log("caught inside the constructor", (error as Error).constructor.name);
    }
  }
}
try {
  new ReturnsNumberInsideTry(1);
  console.log("no error");
} catch (error) {
  console.log("caught outside", (error as Error).constructor.name);
}
console.log(typeof new ReturnsNumberInsideTry(undefined), typeof new ReturnsNumberInsideTry({}));
class ReturnsThroughFinally extends Base {
  constructor() {
    try {
      super();
      return 5 as any;
    } finally {
      console.log("finally runs");
    }
  }
}
try {
  new ReturnsThroughFinally();
} catch (error) {
  console.log("caught outside", (error as Error).constructor.name);
}
class ReturnsObject extends Base {
  marker = "field";
  constructor(flag: boolean) {
    super();
    if (flag) return { replaced: true } as any;
  }
}
console.log(JSON.stringify(new ReturnsObject(true)), JSON.stringify(new ReturnsObject(false)));
