// for (let …) with 200,000 iterations, each pushing an arrow that captures
// that iteration's copy of the loop variable; then all are called.
const readers = [];
for (let i = 0; i < 200000; i++) {
  readers.push(() => i);
}
let sum = 0;
for (const read of readers) {
  sum += read();
}
console.log("checksum", sum);
