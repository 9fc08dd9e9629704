// map/filter/reduce over 100,000 numbers with arrow callbacks, one of which
// closes over a local.
const numbers = [];
for (let i = 0; i < 100000; i++) {
  numbers.push(i);
}
const factor = 3;
const result = numbers
  .map((n) => n * factor)
  .filter((n) => n % 2 === 0)
  .reduce((total, n) => total + n, 0);
console.log("checksum", result);
