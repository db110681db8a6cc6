/* Client-side search over the prebuilt index (search/index.js → window.VNSEARCH).
 * The analyzer is the twin of generator/search_index.py: NFC, split on non-letters,
 * lower-case, strip marks, đ → d.  Results are built with DOM text nodes only. */
(function () {
  "use strict";

  var TOKEN = /[\p{L}\p{N}]+/gu;

  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/\p{M}/gu, "").normalize("NFC").toLowerCase();
  }

  function analyze(text) {
    var tokens = (text || "").normalize("NFC").match(TOKEN) || [];
    return tokens.map(fold);
  }

  function parseQuery(raw) {
    var phrases = [];
    var rest = raw.replace(/["“”]([^"“”]+)["“”]/g, function (_, inner) {
      var toks = analyze(inner);
      if (toks.length) phrases.push(toks);
      return " " + inner + " ";
    });
    return { tokens: analyze(rest), phrases: phrases, prefix: !/\s$/.test(raw) && !/["”]\s*$/.test(raw) };
  }

  function postingsFor(index, token, allowPrefix) {
    var found = {};
    var exact = index.terms[token];
    if (exact) exact.forEach(function (p) { found[p[0]] = p[1]; });
    if (allowPrefix && token.length >= 1) {
      var n = 0;
      for (var term in index.terms) {
        if (term !== token && term.lastIndexOf(token, 0) === 0) {
          index.terms[term].forEach(function (p) { found[p[0]] = Math.max(found[p[0]] || 0, p[1] * 0.8); });
          if (++n > 60) break;
        }
      }
    }
    return found;
  }

  function contains(haystack, tokens) {
    return (" " + haystack + " ").indexOf(" " + tokens.join(" ") + " ") !== -1;
  }

  function search(index, raw) {
    var q = parseQuery(raw);
    if (!q.tokens.length) return [];
    var total = index.docs.length;
    var scores = null;
    q.tokens.forEach(function (token, i) {
      var postings = postingsFor(index, token, q.prefix && i === q.tokens.length - 1);
      var ids = Object.keys(postings);
      var idf = Math.log(1 + total / (ids.length || 1));
      var next = {};
      ids.forEach(function (id) {
        if (scores === null || id in scores) next[id] = (scores ? scores[id] : 0) + postings[id] * idf;
      });
      scores = next;
    });
    var exactQuery = raw.normalize("NFC").toLowerCase().replace(/["“”]/g, "").trim();
    var results = [];
    Object.keys(scores || {}).forEach(function (id) {
      var doc = index.docs[id];
      if (!q.phrases.every(function (p) { return contains(doc.f, p); })) return;
      var score = scores[id];
      if (q.tokens.length > 1 && contains(doc.f, q.tokens)) score *= 4;
      var exactText = (doc.t + " " + (doc.s || "") + " " + doc.x).toLowerCase();
      if (exactQuery && exactText.indexOf(exactQuery) !== -1) score *= 1.5;
      results.push({ doc: doc, score: score });
    });
    results.sort(function (a, b) { return b.score - a.score || (b.doc.y || 0) - (a.doc.y || 0); });
    return results;
  }

  function highlighted(text, tokens, prefix) {
    var fragment = document.createDocumentFragment();
    var last = 0;
    var match;
    TOKEN.lastIndex = 0;
    var normalized = text.normalize("NFC");
    while ((match = TOKEN.exec(normalized)) !== null) {
      var folded = fold(match[0]);
      var hit = tokens.some(function (t, i) {
        return folded === t || (prefix && i === tokens.length - 1 && folded.lastIndexOf(t, 0) === 0);
      });
      if (!hit) continue;
      fragment.appendChild(document.createTextNode(normalized.slice(last, match.index)));
      var mark = document.createElement("mark");
      mark.textContent = match[0];
      fragment.appendChild(mark);
      last = match.index + match[0].length;
    }
    fragment.appendChild(document.createTextNode(normalized.slice(last)));
    return fragment;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function render(results, raw, list, status, root, pretty) {
    var q = parseQuery(raw);
    list.textContent = "";
    results.slice(0, 50).forEach(function (r) {
      var li = el("li", "card");
      var h = el("h2", "card-title");
      var a = el("a");
      a.href = root + r.doc.u + (pretty ? "" : "index.html");
      a.appendChild(highlighted(r.doc.t, q.tokens, q.prefix));
      h.appendChild(a);
      li.appendChild(h);
      var meta = [r.doc.d, r.doc.s, r.doc.l].filter(Boolean).join(" · ");
      li.appendChild(el("p", "meta", meta));
      var p = el("p", "summary");
      p.appendChild(highlighted(r.doc.x, q.tokens, q.prefix));
      li.appendChild(p);
      list.appendChild(li);
    });
    if (!raw.trim()) {
      status.textContent = "Nhập từ khóa để tìm trong " + window.VNSEARCH.docs.length + " bài viết.";
    } else if (results.length) {
      status.textContent = "Tìm thấy " + results.length + " kết quả cho “" + raw.trim() + "”.";
    } else {
      status.textContent = "Không tìm thấy kết quả nào cho “" + raw.trim() + "”. Hãy thử từ khóa ngắn hơn hoặc viết không dấu.";
    }
  }

  function init() {
    var script = document.currentScript || document.querySelector("script[data-root]");
    var root = script.getAttribute("data-root") || "./";
    var pretty = script.getAttribute("data-pretty") === "true";
    var input = document.getElementById("search-q");
    var form = document.getElementById("search-form");
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    if (!window.VNSEARCH || !input) return;
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";

    function run(updateUrl) {
      var raw = input.value;
      render(search(window.VNSEARCH, raw), raw, list, status, root, pretty);
      if (updateUrl) {
        try {
          var url = new URL(window.location.href);
          if (raw.trim()) url.searchParams.set("q", raw); else url.searchParams.delete("q");
          window.history.replaceState(null, "", url.toString());
        } catch (e) { /* some file:// contexts refuse history updates */ }
      }
    }
    input.addEventListener("input", function () { run(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(true); });
    run(false);
  }

  window.VNSearch = { fold: fold, analyze: analyze, search: search };
  init();
})();
