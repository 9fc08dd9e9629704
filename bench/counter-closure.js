// A counter closure called 1,000,000 times: one captured binding read and
// written per call.
function makeCounter() {
  let count = 0;
  return function () {
    count += 1;
    return count;
  };
}

const counter = makeCounter();
let last = 0;
for (let i = 0; i < 1000000; i++) {
  last = counter();
}
console.log("checksum", last);
