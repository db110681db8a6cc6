// The JS analyzer must tokenize exactly like generator/analyzer.py (shared vectors).
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");
const A = require("../../static/search/analyzer.js");

const data = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "data", "analyzer_vectors.json"), "utf8"));

for (const v of data.vectors) {
  test(`tokens of ${JSON.stringify(v.input)}`, () => {
    const got = A.tokens(v.input);
    assert.deepEqual(got.map((t) => t[0]), v.exact, "exact forms");
    assert.deepEqual(got.map((t) => t[1]), v.folded, "folded forms");
  });
}

test("folding: đ → d, marks, case", () => {
  assert.equal(A.fold("Đà Nẵng"), "da nang");
  assert.equal(A.fold("ĐẢNG ỦY"), "dang uy");
});

test("tone placement: both spellings meet", () => {
  assert.equal(A.normalize("hoà"), "hòa");
  assert.equal(A.normalize("uỷ"), "ủy");
  assert.equal(A.normalize("hoặc"), "hoặc");
  assert.equal(A.normalize("quý"), "quý");
});

test("term hash matches Python zlib.crc32", () => {
  for (const [term, hash] of data.hashes) assert.equal(A.termHash(term), hash, term);
});
