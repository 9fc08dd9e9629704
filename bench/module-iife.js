// The module pattern: an IIFE returning an object of closures over private
// state, made 100,000 times.
let total = 0;
for (let i = 0; i < 100000; i++) {
  const counterModule = (function () {
    let count = i;
    function increment() {
      count += 1;
      return count;
    }
    function current() {
      return count;
    }
    return { increment, current };
  })();
  counterModule.increment();
  total += counterModule.current();
}
console.log("checksum", total);
