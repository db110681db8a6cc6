/* The search analyzer: twin of generator/lang/analyzer.py (shared vectors in
 * tests/data/analyzer_vectors.json).  NFC, one tone placement (hoà → hòa),
 * split on non letters/digits, lower-case (exact form), strip marks and đ → d
 * (folded form).  Works in the browser (window.VNAnalyzer) and under node. */
(function (root) {
  "use strict";
  var TONES = "\u0300\u0301\u0309\u0303\u0323";
  var PLACEMENT = new RegExp(
    "(?<![qQ])([oO])([aAeE])([" + TONES + "])(?![\\p{L}\\p{N}]|[\\u0300-\\u036f])" +
    "|(?<![qQ])([uU])([yY])([" + TONES + "])(?![\\p{L}\\p{N}]|[\\u0300-\\u036f])", "gu");
  var TOKEN = /[\p{L}\p{N}]+/gu;
  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+/g;

  function normalize(text) {
    return text.normalize("NFD").replace(PLACEMENT, function (m, o, a, t, u, y, t2) {
      return o ? o + t + a : u + t2 + y;
    }).normalize("NFC");
  }

  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(MARKS, "")
      .normalize("NFC").toLowerCase();
  }

  function tokens(text) {
    var words = normalize(text || "").toLowerCase().match(TOKEN) || [];
    return words.map(function (w) { return [w, fold(w)]; });
  }

  var CRC_TABLE = (function () {
    var table = [];
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table.push(c >>> 0);
    }
    return table;
  })();

  /* CRC-32 of the UTF-8 bytes (zlib.crc32 in Python): picks a term's shard. */
  function termHash(term) {
    var bytes = new TextEncoder().encode(term);
    var crc = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  }

  var api = { normalize: normalize, fold: fold, tokens: tokens, termHash: termHash };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.VNAnalyzer = api;
})(this);
