/* The search analyzer: twin of generator/analyzer.py (shared vectors in
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

  function termHash(term) {
    var h = 0x811c9dc5;
    for (var ch of term) {
      h ^= ch.codePointAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  var api = { normalize: normalize, fold: fold, tokens: tokens, termHash: termHash };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.VNAnalyzer = api;
})(this);
