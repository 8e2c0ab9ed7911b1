// Parameter properties (public/private/protected/readonly) and their order relative to class fields.
class User {
  createdField = "field initialiser runs after parameter properties";
  constructor(
    public readonly id: number,
    private name: string,
    protected role: string = "member",
    readonly tags: string[] = [],
  ) {
    console.log("constructor body sees", this.id, this.name, this.role);
  }
  describe(): string {
    return `${this.id}:${this.name}:${this.role}:${this.tags.join("|")}`;
  }
}
const u = new User(1, "ada");
console.log(u.describe());
console.log(u);
console.log(Object.keys(u));

class Admin extends User {
  level = 10;
  constructor(id: number, name: string, public permissions: string[]) {
    super(id, name, "admin");
    console.log("after super, permissions assigned:", this.permissions);
  }
}
const admin = new Admin(2, "root", ["all"]);
console.log(admin, admin.describe());

class Point {
  constructor(public x = 0, public y = x) {}
}
console.log(new Point(), new Point(5), new Point(1, 2));

class Mixed {
  constructor(plain: string, public stored: string, ...rest: number[]) {
    console.log("plain parameter is not stored:", plain, (this as any).plain, rest);
  }
}
console.log(new Mixed("p", "s", 1, 2));

class FieldUsesParameterProperty {
  doubled = this.base * 2;
  constructor(public base: number) {}
}
console.log("field initialiser sees parameter property:", new FieldUsesParameterProperty(21));

class Override {
  constructor(public value: string) {
    this.value = value.toUpperCase();
  }
}
console.log(new Override("shout").value);

class Destructuring {
  constructor(public readonly label: string, { a, b }: { a: number; b: number }) {
    console.log("destructured parameter beside a property:", label, a + b);
  }
}
new Destructuring("sum", { a: 2, b: 3 });

class DefineSemantics {
  value: string;
  constructor(public shadow: string) {
    this.value = "assigned";
  }
}
console.log(new DefineSemantics("x"));
