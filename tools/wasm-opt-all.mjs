// wasm-opt -Oz over many wasm files in one process (npm's binaryen, the same optimizer as its
// wasm-opt command): the split build has a file per route and per shared chunk, and starting the
// command once per file costs seconds each. Optimizes in place.
//
//   node tools/wasm-opt-all.mjs [-g] FILE.wasm...     (-g keeps the names, for tools/size-report.sh)
import { readFileSync, writeFileSync } from "node:fs";
import binaryen from "binaryen";

const args = process.argv.slice(2);
const keepNames = args[0] === "-g";
const files = keepNames ? args.slice(1) : args;
const F = binaryen.Features;
// What Rust's wasm32-unknown-unknown target emits (as `--enable-…` on the command line).
const features = F.MutableGlobals | F.NontrappingFPToInt | F.BulkMemory | F.BulkMemoryOpt | F.SignExt | F.ReferenceTypes | F.Multivalue;
binaryen.setOptimizeLevel(2); // -Oz: -O2 with the most shrinking
binaryen.setShrinkLevel(2);
binaryen.setDebugInfo(keepNames);
let before = 0;
let after = 0;
for (const file of files) {
  const input = readFileSync(file);
  const module = binaryen.readBinary(input);
  module.setFeatures(features);
  module.optimize();
  if (!module.validate()) throw new Error(`wasm-opt-all: ${file} does not validate after optimizing`);
  const output = module.emitBinary();
  module.dispose();
  writeFileSync(file, output);
  before += input.length;
  after += output.length;
}
console.log(`wasm-opt-all: ${files.length} files, ${(before / 1024).toFixed(0)} KB -> ${(after / 1024).toFixed(0)} KB`);
