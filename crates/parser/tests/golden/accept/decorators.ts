@Component({ selector: "app" })
export class Widget {
  @Input() name: string = "w";
  @Log method(@Inject(Token) x: number) { return x; }
  accessor count = 0;
  static accessor #total = 1;
  @(decorators[0]) static get total() { return Widget.#total; }
}
const Anonymous = @sealed class {};
