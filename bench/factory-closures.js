// 200,000 closures made by a factory, all kept alive, then each called once:
// one fresh function environment per closure.
function makeAdder(n) {
  return function (x) {
    return x + n;
  };
}

const adders = [];
for (let i = 0; i < 200000; i++) {
  adders.push(makeAdder(i));
}
let sum = 0;
for (let i = 0; i < adders.length; i++) {
  sum += adders[i](1);
}
console.log("checksum", sum);
