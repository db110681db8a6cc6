/* The search page: query and filters in the URL, results as DOM text nodes only.  It drives
 * engine.js (the index) and analyzer.js (the twin of generator/lang/analyzer.py); the page itself is
 * templates/search.html, and the filters' values come from the facets generator/search/index.py writes. */
(function () {
  "use strict";
  var A = window.VNAnalyzer;
  var VNS = window.VNS;
  var DIMENSIONS = [["tags", "tag", "Chủ đề"], ["speakers", "speaker", "Người phát biểu"],
                    ["locations", "location", "Địa điểm"], ["years", "year", "Năm"]];
  var PAGE = 10;
  var script = document.currentScript;
  var root = script.getAttribute("data-root") || "./";
  var pretty = script.getAttribute("data-pretty") === "true";
  var input = document.getElementById("search-q");
  var form = document.getElementById("search-form");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var more = document.getElementById("search-more");
  var filtersBox = document.getElementById("search-filters");
  var run = 0;
  var pushNext = true;  // the first keystroke of a new query gets its own history entry
  var current = null;
  var shown = 0;

  VNS.setBase(root + "search/");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  var ORDER = ["sort", "from", "to"];  // the order and year range: URL parameters, and the ids of their selects
  function orderSelect(name) { return document.getElementById(name === "sort" ? "search-sort" : "filter-" + name); }

  function readState() {
    var params = new URLSearchParams(window.location.search);
    var filters = {};
    DIMENSIONS.forEach(function (d) { filters[d[0]] = params.get(d[1]) || ""; });
    var order = {};
    ORDER.forEach(function (name) { order[name] = params.get(name) || ""; });
    return { q: params.get("q") || "", filters: filters, order: order };
  }

  function currentOrder() {
    var sort = orderSelect("sort").value;
    var from = Number(orderSelect("from").value) || 0;
    var to = Number(orderSelect("to").value) || 0;
    if (from && to && from > to) { var swap = from; from = to; to = swap; }
    return { sort: sort, from: from, to: to };
  }

  /* The year-range selects: every year the archive has, oldest first. */
  function loadYears() {
    return VNS.facets("years").then(function (years) {
      var names = years.map(function (y) { return y[1]; }).sort();
      ["from", "to"].forEach(function (name) {
        var select = orderSelect(name);
        var wanted = select.value || select.getAttribute("data-wanted") || "";
        select.textContent = "";
        select.appendChild(el("option", null, "—"));
        select.firstChild.value = "";
        names.forEach(function (year) {
          var option = el("option", null, year);
          option.value = year;
          select.appendChild(option);
        });
        select.value = wanted;
      });
    });
  }

  function writeState(push) {
    var params = new URLSearchParams();
    if (input.value.trim()) params.set("q", input.value);
    DIMENSIONS.forEach(function (d) {
      var select = document.getElementById("filter-" + d[1]);
      if (select && select.value) params.set(d[1], select.value);
    });
    ORDER.forEach(function (name) { if (orderSelect(name).value) params.set(name, orderSelect(name).value); });
    var url = window.location.pathname + (params.toString() ? "?" + params.toString() : "");
    if (url === window.location.pathname + window.location.search) return;
    try {
      if (push) window.history.pushState(null, "", url); else window.history.replaceState(null, "", url);
    } catch (e) { /* some file:// contexts refuse history updates */ }
  }

  function currentFilters() {
    var filters = {};
    DIMENSIONS.forEach(function (d) {
      var select = document.getElementById("filter-" + d[1]);
      filters[d[0]] = select ? select.value : "";
    });
    return filters;
  }

  /* Highlight what the query matched in `text` (result.spans: the words, in the spelling that matched,
   * and the spellings of a term it asked for). */
  function highlighted(text, spans) {
    var fragment = document.createDocumentFragment();
    var last = 0;
    spans(text).forEach(function (span) {
      fragment.appendChild(document.createTextNode(text.slice(last, span[0])));
      fragment.appendChild(el("mark", null, text.slice(span[0], span[1])));
      last = span[1];
    });
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  /* The ~220 characters of the text with the most matched words. */
  function snippet(text, spans) {
    var words = spans(text).map(function (span) { return span[0]; });
    if (!words.length) return text.slice(0, 220) + (text.length > 220 ? "…" : "");
    var best = 0, bestCount = 0;
    for (var i = 0; i < words.length; i++) {
      var count = 0;
      for (var j = i; j < words.length && words[j] - words[i] < 200; j++) count++;
      if (count > bestCount) { bestCount = count; best = words[i]; }
    }
    var start = Math.max(0, text.lastIndexOf(" ", Math.max(0, best - 60)));
    var end = Math.min(text.length, start + 240);
    var cut = text.indexOf(" ", end);
    end = cut === -1 ? text.length : cut;
    return (start > 0 ? "…" : "") + text.slice(start, end).trim() + (end < text.length ? "…" : "");
  }

  function renderItem(doc, result, id) {
    var spans = result.spans;
    var li = el("li", "card");
    var h = el("h2", "card-title");
    var a = el("a");
    a.href = root + doc.u + (pretty ? "" : "index.html");
    a.appendChild(highlighted(doc.t, spans));
    h.appendChild(a);
    li.appendChild(h);
    li.appendChild(el("p", "meta", [doc.d, doc.s, doc.l].filter(Boolean).join(" · ")));
    if (result.partial) li.appendChild(el("p", "missing", "Không có từ: " + result.partial(id).join(", ")));
    var p = el("p", "summary");
    var lead = doc.x || doc.m || "";
    p.appendChild(highlighted(snippet(lead, spans), spans));
    li.appendChild(p);
    // The record holds the body's opening; when neither it nor the title shows a matched word, the
    // article's longer text (in x/N.js, with its group's) is loaded for a snippet around one.
    if (!spans(doc.t).length && !spans(lead).length && doc.x && doc.x.length >= 500) {
      VNS.text(id).then(function (text) {
        if (!spans(text).length) return;
        p.textContent = "";
        p.appendChild(highlighted(snippet(text, spans), spans));
      }).catch(function () { /* the opening stays */ });
    }
    return li;
  }

  function showMore(result, token) {
    var ids = result.ids.slice(shown, shown + PAGE);
    return Promise.all(ids.map(VNS.doc)).then(function (docs) {
      if (token !== run) return;
      docs.forEach(function (doc, i) { list.appendChild(renderItem(doc, result, ids[i])); });
      shown += docs.length;
      more.hidden = shown >= result.ids.length;
    });
  }

  function describe(result, raw, filters) {
    var active = Object.keys(filters).filter(function (k) { return filters[k]; });
    var n = result.ids.length;
    var what = raw.trim() ? "cho “" + raw.trim() + "”" : "theo bộ lọc đã chọn";
    if (n && result.corrected) {
      return "Không tìm thấy “" + result.corrected.from.trim() + "”. Hiển thị " + n + " kết quả cho “" +
        result.corrected.to + "”.";
    }
    if (n && result.partial) {
      return "Không có bài nào chứa đủ mọi từ của “" + raw.trim() + "”. Tìm thấy " + n + " bài chứa nhiều từ nhất (" +
        (result.partial.words - result.partial(result.ids[0]).length) + "/" + result.partial.words + " từ" +
        (result.relaxed ? ", không phân biệt dấu" : "") + ").";
    }
    if (n && result.relaxed) {
      return "Không có bài nào viết đúng dấu như “" + raw.trim() + "”. Tìm thấy " + n +
        " kết quả gần đúng, không phân biệt dấu.";
    }
    if (n) return "Tìm thấy " + n + " kết quả " + what + ".";
    var tips = [];
    if (active.length) tips.push("bỏ bớt bộ lọc");
    if (result.query.phrases.length) tips.push("bỏ dấu ngoặc kép");
    if (result.query.tokens.length > 1) tips.push("dùng ít từ hơn");
    tips.push(result.query.tokens.some(function (t) { return t.marked; }) ? "viết không dấu hoặc kiểm tra chính tả"
              : "kiểm tra chính tả");
    return "Không tìm thấy kết quả nào " + what + ". Hãy thử " + tips.join(", ") + ".";
  }

  function suggest(result, raw, filters) {
    var box = document.getElementById("search-suggest");
    box.textContent = "";
    if (result.ids.length || !raw.trim()) return;
    var hasFilters = Object.keys(filters).some(function (k) { return filters[k]; });
    var alternatives = [];
    if (hasFilters) alternatives.push({ q: raw, filters: {}, label: "bỏ bộ lọc" });
    if (result.query.phrases.length) alternatives.push({ q: raw.replace(/["“”]/g, ""), filters: filters, label: "" });
    if (result.query.tokens.length > 1) {
      var shorter = result.query.tokens.slice(0, -1).map(function (t) { return t.exact; }).join(" ");
      alternatives.push({ q: shorter, filters: filters, label: "" });
    }
    alternatives.forEach(function (alt) {
      VNS.search(alt.q, alt.filters).then(function (r) {
        if (!r.ids.length) return;
        var a = el("a", null, "“" + alt.q.trim() + "”" + (alt.label ? " (" + alt.label + ")" : "") + " — " + r.ids.length + " kết quả");
        var params = new URLSearchParams();
        params.set("q", alt.q);
        DIMENSIONS.forEach(function (d) { if (alt.filters[d[0]]) params.set(d[1], alt.filters[d[0]]); });
        a.href = "?" + params.toString();
        var p = el("p", null, "Gợi ý: ");
        p.appendChild(a);
        box.appendChild(p);
      });
    });
  }

  function loadFacets(result) {
    return Promise.all(DIMENSIONS.map(function (d) { return VNS.facets(d[0]); })).then(function (all) {
      var inResult = result ? new Set(result.ids) : null;
      all.forEach(function (values, i) {
        var d = DIMENSIONS[i];
        var select = document.getElementById("filter-" + d[1]);
        var chosen = select.value || select.getAttribute("data-wanted") || "";
        select.textContent = "";
        select.appendChild(el("option", null, "Tất cả"));
        select.firstChild.value = "";
        values.map(function (v) {
          var ids = VNS.decodeIds(v[2]);
          var count = inResult ? ids.filter(function (id) { return inResult.has(id); }).length : ids.length;
          return { name: v[0], slug: v[1], count: count };
        }).filter(function (v) { return v.count > 0 || v.slug === chosen; })
          .sort(function (a, b) { return b.count - a.count || (a.name < b.name ? -1 : 1); })
          .forEach(function (v) {
            var option = el("option", null, v.name + " (" + v.count + ")");
            option.value = v.slug;
            select.appendChild(option);
          });
        select.value = chosen;
      });
    });
  }

  function search(push) {
    var token = ++run;
    var started = performance.now();
    var raw = input.value;
    var filters = currentFilters();
    var order = currentOrder();
    var hasFilters = Object.keys(filters).some(function (k) { return filters[k]; }) || order.from || order.to;
    writeState(push);
    if (!raw.trim() && !hasFilters) {
      list.textContent = "";
      more.hidden = true;
      document.getElementById("search-suggest").textContent = "";
      status.textContent = "Nhập từ khóa để tìm, có dấu hoặc không dấu.";
      return Promise.resolve();
    }
    // Browsing without words: newest first unless asked otherwise.
    if (!raw.trim() && !order.sort) order.sort = "new";
    return VNS.search(raw, filters, order).then(function (result) {
      if (token !== run) return;
      current = result;
      list.textContent = "";
      shown = 0;
      status.textContent = describe(result, raw, filters);
      suggest(result, raw, filters);
      if (filtersBox.open || hasFilters) loadFacets(result);
      return showMore(result, token).then(function () {
        VNS.lastTiming = performance.now() - started;
        document.documentElement.setAttribute("data-search-ms", VNS.lastTiming.toFixed(1));
      });
    }).catch(function (error) {
      status.textContent = "Không tải được chỉ mục tìm kiếm (" + error.message + ").";
    });
  }

  function applyState() {
    var state = readState();
    input.value = state.q;
    DIMENSIONS.forEach(function (d) {
      var select = document.getElementById("filter-" + d[1]);
      select.setAttribute("data-wanted", state.filters[d[0]]);
      if (state.filters[d[0]] && !select.querySelector("option[value='" + CSS.escape(state.filters[d[0]]) + "']")) {
        var option = el("option", null, state.filters[d[0]]);
        option.value = state.filters[d[0]];
        select.appendChild(option);
      }
      select.value = state.filters[d[0]];
    });
    ORDER.forEach(function (name) {
      var select = orderSelect(name);
      select.setAttribute("data-wanted", state.order[name]);
      if (state.order[name] && !select.querySelector("option[value='" + CSS.escape(state.order[name]) + "']")) {
        var option = el("option", null, state.order[name]);
        option.value = state.order[name];
        select.appendChild(option);
      }
      select.value = state.order[name];
    });
    if (state.order.from || state.order.to) filtersBox.open = true;
    if (Object.keys(state.filters).some(function (k) { return state.filters[k]; })) filtersBox.open = true;
    return search(false);
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(pushNext); pushNext = false; }, 20);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    search(pushNext);
    pushNext = true;
  });
  DIMENSIONS.forEach(function (d) {
    document.getElementById("filter-" + d[1]).addEventListener("change", function () {
      search(true);
      pushNext = true;
    });
  });
  ORDER.forEach(function (name) {
    orderSelect(name).addEventListener("change", function () {
      search(true);
      pushNext = true;
    });
  });
  filtersBox.addEventListener("toggle", function () {
    if (filtersBox.open) { loadFacets(current); loadYears(); }
  });
  more.addEventListener("click", function () { if (current) showMore(current, run); });
  window.addEventListener("popstate", function () { pushNext = true; applyState(); });

  /* Keyboard: ↓ from the box into the results, ↑/↓ between them, Esc back. */
  document.addEventListener("keydown", function (event) {
    var links = Array.prototype.slice.call(list.querySelectorAll("li > h2 > a"));
    var index = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && (document.activeElement === input || index !== -1)) {
      if (links[index + 1]) { links[index + 1].focus(); event.preventDefault(); }
    } else if (event.key === "ArrowUp" && index !== -1) {
      (index > 0 ? links[index - 1] : input).focus();
      event.preventDefault();
    } else if (event.key === "Escape" && index !== -1) {
      input.focus();
    }
  });

  applyState();
})();
