// Recursive fib(25): 242,785 calls, each with its own environment.
function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

console.log("checksum", fib(25));
