// Recursive Fibonacci: a call-heavy micro benchmark (about 1.6 million calls) for profiling the
// interpreter's call path. Prints exactly 832040.
function fib(n: number): number {
  if (n < 2) {
    return n;
  }
  return fib(n - 1) + fib(n - 2);
}

const result: number = fib(30);
console.log(result);
