class A { m() { return this.#missing; } }
