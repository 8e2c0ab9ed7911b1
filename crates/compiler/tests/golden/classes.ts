// Classes: fields, parameter properties, accessors, statics, private names, extends/super.
class Animal {
  static count = 0;
  #secret = 42;
  legs = 4;
  constructor(public name: string) {
    Animal.count++;
  }
  get description(): string {
    return `${this.name} has ${this.legs} legs`;
  }
  reveal() {
    return this.#secret;
  }
}
class Dog extends Animal {
  constructor(name: string, private breed: string) {
    super(name);
  }
  speak() {
    return super.reveal() + 1;
  }
  static create() {
    return new Dog("rex", "lab");
  }
}
console.log(Dog.create().description);
