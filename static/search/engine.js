/* Search engine over the prebuilt index.  The formats it reads are written by:
 *   generator/search/postings.py  the encoded numbers and postings lists (base-32 digits below);
 *   generator/search/state.py     the files: term shards (search/t/), prefix lists (search/p/),
 *                                 the layout (search/meta.js) and the VNS.add(key, data) wrapper;
 *   generator/search/index.py     the documents (search/d/), the facets (search/f/), the scoring rules.
 * Index files are scripts calling VNS.add(key, data), so they load from file://
 * as well as over http; a query loads only the shards of its own terms. */
(function (root) {
  "use strict";
  var A = root.VNAnalyzer;
  // Self-delimiting base-32 numbers (generator/search/postings.py): CONTINUE digits, then one FINAL digit.
  var FINAL = "0123456789abcdefghijklmnopqrstuv";
  var CONTINUE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&*";
  var VALUE = {};
  for (var v = 0; v < 32; v++) { VALUE[FINAL[v]] = v; VALUE[CONTINUE[v]] = -1 - v; }
  var cache = {};
  var waiting = {};
  var base = "";

  var VNS = root.VNS || {};
  root.VNS = VNS;

  VNS.add = function (key, data) {
    cache[key] = data;
    (waiting[key] || []).forEach(function (w) { w.resolve(data); });
    delete waiting[key];
  };

  VNS.setBase = function (url) { base = url; };

  VNS.load = function (key) {
    if (key in cache) return Promise.resolve(cache[key]);
    return new Promise(function (resolve, reject) {
      if (waiting[key]) { waiting[key].push({ resolve: resolve, reject: reject }); return; }
      waiting[key] = [{ resolve: resolve, reject: reject }];
      var script = document.createElement("script");
      script.src = base + key + ".js";
      script.async = true;
      script.onerror = function () {
        (waiting[key] || []).forEach(function (w) { w.reject(new Error("cannot load " + key)); });
        delete waiting[key];
      };
      document.head.appendChild(script);
    });
  };

  /* Read one number at text[pos]; returns [value, next position]. */
  function readNumber(text, pos) {
    var value = 0;
    for (;;) {
      var digit = VALUE[text[pos++]];
      if (digit >= 0) return [value * 32 + digit, pos];
      value = value * 32 + (-1 - digit);
    }
  }

  function decodeIds(text) {
    var ids = [];
    var doc = 0, pos = 0, read;
    while (text && pos < text.length) {
      read = readNumber(text, pos);
      doc += read[0];
      pos = read[1];
      ids.push(doc);
    }
    return ids;
  }

  function decodePostings(text) {
    var map = new Map();
    var doc = 0, pos = 0, read, impact;
    while (text && pos < text.length) {
      impact = VALUE[text[pos++]];
      read = readNumber(text, pos);
      doc += read[0];
      pos = read[1];
      map.set(doc, impact);
    }
    return map;
  }

  function countPostings(text) {
    var n = 0;
    for (var i = 0; i < (text || "").length; i++) if (VALUE[text[i]] >= 0) n++;
    return n / 2;  // each posting ends two FINAL digits: the impact and the gap
  }

  function idf(df, n) { return Math.log(1 + (n - df + 0.5) / (df + 0.5)); }

  // Punctuation that ends a phrase: the index pairs no words across it (generator/lang/analyzer.py BREAK).
  var BREAK = /[.,;:!?…]+(?=\s|$)|[()\[\]{}“”"«»]/u;

  function parseQuery(raw) {
    var phrases = [];
    var text = (raw || "").replace(/["“”]([^"“”]*)["“”]?/g, function (_, inner) {
      inner.split(BREAK).forEach(function (piece) {
        var folded = A.tokens(piece).map(function (t) { return t[1]; });
        if (folded.length) phrases.push(folded);
      });
      return " " + inner + " ";
    });
    var toks = A.tokens(text);
    var endsOpen = /[\p{L}\p{N}]$/u.test(raw || "") && !/["”]\s*$/.test(raw || "");
    var inQuote = ((raw || "").match(/["“”]/g) || []).length % 2 === 1;
    return {
      // A word typed with marks means that spelling (`marked`); one typed without them, every spelling.
      // A query written with marks means its unmarked words as written too ("tai nạn": tai, not tại).
      tokens: toks.map(function (t, i, all) {
        var withMarks = all.some(function (u) { return u[0] !== u[1]; });
        return { exact: t[0], folded: t[1], marked: withMarks };
      }),
      phrases: phrases,
      prefix: endsOpen && !inQuote && toks.length > 0
    };
  }

  function shardKey(term, meta) { return "t/" + (A.termHash(term) % meta.shards); }

  function prefixKey(prefix, meta) { return "p/" + (A.termHash(prefix) % meta.prefixBuckets); }

  function lookup(term, meta) {
    return VNS.load(shardKey(term, meta)).then(function (shard) { return shard[term] || null; });
  }

  /* The archive's most used words that start with `token` (up to 8, most used first; not `token`). */
  function listed(token, meta) {
    var prefix = token.slice(0, Math.min(4, token.length));
    return VNS.load(prefixKey(prefix, meta)).then(function (bucket) {
      return (bucket[prefix] || []).filter(function (e) { return e[0].indexOf(token) === 0 && e[0] !== token; })
        .map(function (e) { return e[0]; });
    });
  }

  /* The words the last, unfinished word may be: after other words, those of its completions (itself
   * included) that occur in the articles holding the other words, most such articles first; alone, the
   * most used three (none for a common complete word, whose list would be huge). */
  /* The second words of the archive's most used pairs that start with `previous` and then `fragment`. */
  function listedAfter(previous, fragment, meta) {
    var start = previous + " " + fragment;
    var key = previous + " ";  // (the pairs most used after the word: generator/search/prefixes.py)
    return VNS.load(prefixKey(key, meta)).then(function (bucket) {
      return (bucket[key] || []).filter(function (e) { return e[0].indexOf(start) === 0; })
        .map(function (e) { return e[0].slice(previous.length + 1); });
    });
  }

  function completions(token, previous, wordJobs, meta, strict) {
    var optional = new Set(meta.optional || []);
    return lookup(token.folded, meta).then(function (own) {
      // A common word typed whole ("chay nha") is the word meant: its completions ("nhanh") would only
      // add articles (and load their lists); a rarer one, or a fragment, may be on its way to a longer word.
      if (own && countPostings(own[""]) > meta.n / 50) return null;
      return Promise.all([listed(token.folded, meta), Promise.all(wordJobs),
                          previous ? listedAfter(previous.folded, token.folded, meta) : Promise.resolve([])]);
    }).then(function (got) {
      if (!got) return [token.folded];
      // (after a word: the words used right after it first, else the most used ones)
      var list = (got[2].length ? got[2] : got[0]).filter(function (t) { return t !== token.folded; });
      var before = got[1].filter(function (p) { return !optional.has(p.exact || p.terms[0]); });
      var context = before.length ? intersect(before.map(function (p) { return p.scores; })) : null;
      if (!context || !context.size) return [token.folded].concat(list.slice(0, 3));
      var candidates = [token.folded].concat(list.slice(0, 4));  // (each is a list to load: the likeliest)
      return Promise.all(candidates.map(function (term) { return lookup(term, meta); })).then(function (entries) {
        var ranked = [];
        entries.forEach(function (entry, k) {
          if (!entry) return;
          var test = strict && token.marked ? (k === 0 ? spelledAs(token.exact) : startingAs(token.exact)) : null;
          var only = test ? docsWritten(entry, candidates[k], test) : "all";
          var together = 0;
          decodePostings(entry[""]).forEach(function (impact, doc) {
            if (context.has(doc) && (only === "all" || only.has(doc))) together++;
          });
          if (together) ranked.push([candidates[k], together, k]);
        });
        ranked.sort(function (a, b) { return b[1] - a[1] || a[2] - b[2]; });
        var terms = ranked.slice(0, 3).map(function (r) { return r[0]; });
        return terms.length ? terms : [token.folded];
      });
    });
  }

  /* The documents that write `term` in a form passing `test`: a Set of ids, or "all".  An entry lists its
   * forms when the archive writes the word more than one way ("~đường": ids), names the one form when
   * there is one other than the folded term ("=": "đường"), and says nothing when the word is only ever
   * written as the folded term itself. */
  function docsWritten(entry, term, test) {
    if (entry["="] !== undefined) return test(entry["="]) ? "all" : new Set();
    var keys = Object.keys(entry).filter(function (k) { return k.charAt(0) === "~"; });
    if (!keys.length) return test(term) ? "all" : new Set();
    var ids = new Set();
    keys.forEach(function (k) {
      if (test(k.slice(1))) decodeIds(entry[k]).forEach(function (doc) { ids.add(doc); });
    });
    return ids;
  }

  /* Score of one term: BM25F impact × idf, over the documents that write it as `test` allows (all of
   * them when `test` is null: a query typed without marks, which prefers no spelling). */
  function termScores(entry, term, test, meta) {
    var scores = new Map();
    if (!entry) return scores;
    var postings = decodePostings(entry[""]);
    var weight = idf(postings.size, meta.n);
    var only = test ? docsWritten(entry, term, test) : "all";
    postings.forEach(function (impact, doc) {
      if (only === "all" || only.has(doc)) scores.set(doc, weight * impact);
    });
    return scores;
  }

  function spelledAs(exact) { return function (form) { return form === exact; }; }
  function startingAs(exact) { return function (form) { return form.indexOf(exact) === 0; }; }

  function intersect(maps) {
    if (!maps.length) return null;
    var sorted = maps.slice().sort(function (a, b) { return a.size - b.size; });
    var result = new Map();
    sorted[0].forEach(function (score, doc) {
      var total = score;
      for (var i = 1; i < sorted.length; i++) {
        if (!sorted[i].has(doc)) return;
        total += sorted[i].get(doc);
      }
      result.set(doc, total);
    });
    return result;
  }

  /* Every document of any of the maps, with the sum of its scores. */
  function union(maps) {
    var result = new Map();
    maps.forEach(function (map) {
      map.forEach(function (score, doc) { result.set(doc, (result.get(doc) || 0) + score); });
    });
    return result;
  }

  function facetSets(filters) {
    var dims = Object.keys(filters).filter(function (k) { return filters[k]; });
    return Promise.all(dims.map(function (dim) {
      return VNS.load("f/" + dim).then(function (values) {
        var found = values.filter(function (v) { return v[1] === filters[dim]; })[0];
        return new Set(found ? decodeIds(found[2]) : []);
      });
    }));
  }

  /* Run a query: returns {ids: [...] best first, scores, query, matched, isMatch, relaxed}.  Every word
   * must match; a word typed with marks matches that spelling only.  When that finds nothing and some
   * word has marks, the query runs again on the folded words, and `relaxed` says so; then words the
   * archive never uses are taken for typos (`corrected`); and last, the articles holding the most of the
   * query's words are offered (`partial`: how many words there are, and the ones each article lacks). */
  VNS.search = function (raw, filters, order) {
    return run(raw, filters || {}, true).then(function (result) {
      if (result.ids.length || !result.query.tokens.some(function (t) { return t.marked; })) return result;
      return run(raw, filters || {}, false).then(function (relaxed) {
        relaxed.relaxed = true;
        return relaxed;
      });
    }).then(function (result) {
      if (result.ids.length) return result;
      // Nothing at all: words the archive never uses are taken for typos of the nearest words it does use.
      return corrected(result.query).then(function (fixed) {
        if (!fixed) return result;
        return run(fixed, filters || {}, false).then(function (other) {
          if (!other.ids.length) return result;
          other.corrected = { from: raw, to: fixed };
          return other;
        });
      });
    }).then(function (result) {
      if (result.ids.length || result.query.tokens.length < 2) return result;
      // No article holds every word: those holding the most of them, as written, else in any spelling.
      return run(raw, filters || {}, true, true).then(function (some) {
        if (some.ids.length || !result.query.tokens.some(function (t) { return t.marked; })) return some;
        return run(raw, filters || {}, false, true).then(function (folded) {
          folded.relaxed = folded.ids.length > 0;
          return folded;
        });
      }).then(function (some) { return some.ids.length ? some : result; });
    }).then(function (result) { return ordered(result, order || {}); });
  };

  /* The query with each word the index does not hold replaced by the nearest word it does (null: none). */
  function corrected(query) {
    return VNS.load("meta").then(function (meta) {
      if (!meta.typoBuckets || !query.tokens.length) return null;
      return Promise.all(query.tokens.map(function (token) {
        return lookup(token.folded, meta).then(function (entry) {
          return entry ? null : nearest(token.folded, meta);
        });
      })).then(function (fixes) {
        if (!fixes.some(Boolean)) return null;
        return query.tokens.map(function (token, i) { return fixes[i] || token.exact; }).join(" ");
      });
    });
  }

  function deletions(word) {
    var keys = [word];
    for (var i = 0; i < word.length; i++) keys.push(word.slice(0, i) + word.slice(i + 1));
    return keys.filter(function (k, i) { return keys.indexOf(k) === i; });
  }

  /* The archive's word nearest to a word it does not use: the typo buckets (generator/search/typos.py)
   * list every word under itself and its one-letter deletions, so the word's own deletions find every
   * word within one edit; the cheapest edit wins, then the most used word. */
  function nearest(word, meta) {
    if (word.length < 3 || /^\d+$/.test(word)) return Promise.resolve(null);
    var keys = deletions(word);
    return Promise.all(keys.map(function (key) {
      return VNS.load("s/" + (A.termHash(key) % meta.typoBuckets)).then(function (bucket) { return bucket[key] || []; });
    })).then(function (lists) {
      var best = null;
      lists.forEach(function (list) {
        list.forEach(function (pair) {
          var cost = typoCost(word, pair[0]);
          if (cost > (word.length >= 8 ? 2 : 1)) return;
          if (!best || cost < best[1] || (cost === best[1] && pair[1] > best[2])) best = [pair[0], cost, pair[1]];
        });
      });
      return best && best[0];
    });
  }

  var KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
  var KEY_AT = {};
  KEYBOARD.forEach(function (row, r) { for (var c = 0; c < row.length; c++) KEY_AT[row[c]] = [r, c + r * 0.5]; });

  function neighbours(a, b) {
    var p = KEY_AT[a], q = KEY_AT[b];
    return p && q && Math.abs(p[0] - q[0]) <= 1 && Math.abs(p[1] - q[1]) <= 1;
  }

  /* Edit distance where a neighbouring key or two swapped letters cost less than another letter
   * ("trunp" is nearer "trump" than "trung"; "xaun" is one swap from "xuan"). */
  function typoCost(a, b) {
    var d = [];
    for (var i = 0; i <= a.length; i++) { d.push([i]); }
    for (var j = 1; j <= b.length; j++) d[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      for (j = 1; j <= b.length; j++) {
        var sub = a[i - 1] === b[j - 1] ? 0 : neighbours(a[i - 1], b[j - 1]) ? 0.6 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + sub);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 0.6);
      }
    }
    return d[a.length][b.length];
  }

  /* The results within a year range ({from, to}) and in the order asked ({sort: "new" | "old"}; else by
   * relevance).  Document ids count from the oldest article, so date order is id order; undated articles
   * (in no year of the year facet) go last either way, and fall outside any year range. */
  function ordered(result, order) {
    if (!order.sort && !order.from && !order.to) return result;
    return VNS.load("f/years").then(function (years) {
      var dated = new Set();
      var inRange = new Set();
      years.forEach(function (y) {
        var year = Number(y[1]);
        var ids = decodeIds(y[2]);
        ids.forEach(function (id) { dated.add(id); });
        if ((!order.from || year >= order.from) && (!order.to || year <= order.to)) {
          ids.forEach(function (id) { inRange.add(id); });
        }
      });
      var ids = result.ids;
      if (order.from || order.to) ids = ids.filter(function (id) { return inRange.has(id); });
      if (order.sort === "new" || order.sort === "old") {
        var sign = order.sort === "new" ? -1 : 1;
        ids = ids.slice().sort(function (a, b) {
          return (dated.has(b) - dated.has(a)) || sign * (a - b);
        });
      }
      result.ids = ids;
      return result;
    });
  }

  /* The query's spellings of one term (meta.same: "tp hcm", "thanh pho ho chi minh" → "tphcm") as that
   * term: one word, in no particular spelling; and no completion of a known abbreviation. */
  function sameTerms(query, meta) {
    var same = meta.same || {};
    var toks = query.tokens;
    var out = [];
    var lastReplaced = false;
    for (var i = 0; i < toks.length; i++) {
      var found = null;
      Object.keys(same).some(function (term) {
        if (toks[i].folded === term) { found = [term, 1]; return true; }
        return same[term].some(function (words) {
          if (i + words.length > toks.length) return false;
          for (var k = 0; k < words.length; k++) if (toks[i + k].folded !== words[k]) return false;
          found = [term, words.length];
          return true;
        });
      });
      if (found) {
        out.push({ exact: found[0], folded: found[0], marked: false, same: found[0] });
        i += found[1] - 1;
        lastReplaced = i === toks.length - 1;
      } else {
        out.push(toks[i]);
      }
    }
    var last = out[out.length - 1];
    var known = last && (lastReplaced || Object.prototype.hasOwnProperty.call(meta.abbreviations || {}, last.folded));
    return { tokens: out, phrases: query.phrases, prefix: query.prefix && !known };
  }

  /* One pass of a query: every word (but the optional ones) must match — or, `partial`, as many of them
   * as any article holds. */
  function run(raw, filters, strict, partial) {
    return VNS.load("meta").then(function (meta) {
      var query = sameTerms(parseQuery(raw), meta);
      var toks = query.tokens;
      var lastPrefix = query.prefix ? toks[toks.length - 1] : null;
      var wordJobs = toks.map(function (token) {
        if (token === lastPrefix) return null;
        return lookup(token.folded, meta).then(function (entry) {
          var test = strict && token.marked ? spelledAs(token.exact) : null;
          return { scores: termScores(entry, token.folded, test, meta), terms: [token.folded],
                   exact: test ? token.exact : null, prefix: false };
        });
      });
      var prefixTerms = lastPrefix ? completions(lastPrefix, toks.length > 1 ? toks[toks.length - 2] : null,
                                                 wordJobs.filter(Boolean), meta, strict) : null;
      var jobs = toks.map(function (token, i) {
        if (token !== lastPrefix) return wordJobs[i];
        return prefixTerms.then(function (terms) {
          return Promise.all(terms.map(function (term) { return lookup(term, meta); })).then(function (entries) {
            var best = new Map();
            var strictly = strict && token.marked;
            entries.forEach(function (entry, k) {
              var whole = terms[k] === token.folded;  // (the word as typed, or one it may become)
              var test = strictly ? (whole ? spelledAs(token.exact) : startingAs(token.exact)) : null;
              termScores(entry, terms[k], test, meta).forEach(function (s, doc) {
                var v = whole ? s : s * 0.8;
                if (!best.has(doc) || best.get(doc) < v) best.set(doc, v);
              });
            });
            return { scores: best, terms: terms, exact: strictly ? token.exact : null, prefix: true };
          });
        });
      });
      var pairs = [];
      for (var i = 0; i + 1 < toks.length; i++) pairs.push([toks[i].folded, toks[i + 1]]);
      var pairJobs = pairs.map(function (pair) {
        var termsPromise = pair[1] === lastPrefix ? prefixTerms : Promise.resolve([pair[1].folded]);
        return termsPromise.then(function (rights) {
          return Promise.all(rights.map(function (r) { return lookup(pair[0] + " " + r, meta); }))
            .then(function (entries) {
              var best = new Map();
              entries.forEach(function (entry) {
                if (!entry) return;
                var postings = decodePostings(entry[""]);
                var weight = idf(postings.size, meta.n);
                postings.forEach(function (impact, doc) {
                  var v = weight * impact;
                  if (!best.has(doc) || best.get(doc) < v) best.set(doc, v);
                });
              });
              return best;
            });
        });
      });
      var phraseJobs = query.phrases.map(function (phrase) {
        var keys = [];
        for (var j = 0; j + 1 < phrase.length; j++) keys.push(phrase[j] + " " + phrase[j + 1]);
        return Promise.all(keys.map(function (k) { return lookup(k, meta); })).then(function (entries) {
          var sets = entries.map(function (e) { return new Set(e ? decodePostings(e[""]).keys() : []); });
          return sets;
        });
      });
      return Promise.all([Promise.all(jobs), Promise.all(pairJobs), Promise.all(phraseJobs), facetSets(filters)])
        .then(function (parts) {
          var tokenParts = parts[0], pairScores = parts[1], phraseSets = parts[2], filterSets = parts[3];
          var matched = [];
          tokenParts.forEach(function (p) { matched = matched.concat(p.terms); });
          var isMatch = matcher(tokenParts);
          var scores;
          if (toks.length) {
            // Every word must match but the function words (meta.optional), unless the query is only those;
            // the optional ones still add their scores where they match.
            var optional = new Set(meta.optional || []);
            var required = tokenParts.filter(function (p, i) {
              return !(optional.has(toks[i].exact) || optional.has(toks[i].folded)) || (lastPrefix && toks[i] === lastPrefix);
            });
            if (!required.length) required = tokenParts;
            scores = partial ? union(required.map(function (p) { return p.scores; }))
              : intersect(required.map(function (p) { return p.scores; }));
            tokenParts.forEach(function (p) {
              if (required.indexOf(p) !== -1) return;
              scores.forEach(function (score, doc) { if (p.scores.has(doc)) scores.set(doc, score + p.scores.get(doc)); });
            });
          } else {
            scores = new Map();
            if (filterSets.length) {
              filterSets[0].forEach(function (doc) { scores.set(doc, 0); });
            } else {
              for (var all = 0; all < meta.n; all++) scores.set(all, 0);  // (a year range alone: every article)
            }
          }
          var ids = [];
          scores.forEach(function (score, doc) {
            for (var f = 0; f < filterSets.length; f++) if (!filterSets[f].has(doc)) return;
            for (var p = 0; p < phraseSets.length; p++) {
              for (var q = 0; q < phraseSets[p].length; q++) if (!phraseSets[p][q].has(doc)) return;
            }
            var total = score;
            pairScores.forEach(function (m) { if (m.has(doc)) total += 2 * m.get(doc); });
            scores.set(doc, total);
            ids.push(doc);
          });
          var missing = null;
          if (partial && toks.length) {
            var words = required.map(function (p) { return toks[tokenParts.indexOf(p)].exact; });
            missing = function (doc) {
              return words.filter(function (w, i) { return !required[i].scores.has(doc); });
            };
            var fewest = Infinity;
            ids.forEach(function (doc) { fewest = Math.min(fewest, missing(doc).length); });
            ids = fewest > 0 && fewest < words.length ? ids.filter(function (doc) { return missing(doc).length === fewest; })
              : [];
            missing.words = words.length;
          }
          // Equal scores: the newer article first (ids count from the oldest).
          ids.sort(function (a, b) { return (scores.get(b) - scores.get(a)) || (b - a); });
          return { ids: ids, scores: scores, query: query, matched: matched, isMatch: isMatch, total: meta.n,
                   relaxed: false, partial: missing, spans: spanner(isMatch, toks, meta) };
        });
    });
  }

  /* The [start, end) character ranges of a shown text to highlight: the words the query matched, and the
   * words of every spelling of a term it asked for ("TP. HCM" for `tphcm`). */
  function spanner(isMatch, toks, meta) {
    var terms = toks.filter(function (t) { return t.same; }).map(function (t) { return t.same; });
    // The glossary both ways: "ANTT" asked marks "an ninh trật tự" written, and the other way round.
    var glossary = meta.abbreviations || {};
    var folded = toks.map(function (t) { return t.folded; });
    var sequences = [];
    Object.keys(glossary).forEach(function (abbreviation) {
      var expansion = glossary[abbreviation];
      if (folded.indexOf(abbreviation) !== -1 && expansion.length) sequences.push(expansion);
      if (expansion.length && folded.join(" ").indexOf(expansion.join(" ")) !== -1) sequences.push([abbreviation]);
    });
    terms.forEach(function (term) { sequences = sequences.concat(meta.same[term] || [], [[term]]); });
    return function (text) {
      var words = [];
      var pattern = /[\p{L}\p{N}]+/gu;
      var match;
      while ((match = pattern.exec(text)) !== null) {
        words.push([match.index, match.index + match[0].length, A.fold(match[0]), match[0]]);
      }
      var marked = words.map(function (w) { return isMatch(w[3]); });
      for (var i = 0; i < words.length; i++) {
        sequences.some(function (seq) {
          for (var k = 0; k < seq.length; k++) if (!words[i + k] || words[i + k][2] !== seq[k]) return false;
          for (k = 0; k < seq.length; k++) marked[i + k] = true;
          return true;
        });
      }
      return words.filter(function (w, i) { return marked[i]; }).map(function (w) { return [w[0], w[1]]; });
    };
  }

  /* Whether a word of a shown text is one the query matched: its folded form is a matched term (or, for
   * the word being typed, starts like one) and, where the query wrote marks, its spelling is that one. */
  function matcher(tokenParts) {
    return function (word) {
      var t = A.tokens(word)[0];
      if (!t) return false;
      return tokenParts.some(function (p) {
        if (p.prefix) return p.terms.indexOf(t[1]) !== -1 && (!p.exact || t[0].indexOf(p.exact) === 0);
        return p.terms[0] === t[1] && (!p.exact || p.exact === t[0]);
      });
    };
  }

  VNS.doc = function (id) { return VNS.load("d/" + id); };
  /* A document's longer text, for a snippet: its group's file holds meta.textGroup documents' texts. */
  VNS.text = function (id) {
    return VNS.load("meta").then(function (meta) {
      var group = meta.textGroup || 1;
      return VNS.load("x/" + Math.floor(id / group)).then(function (texts) {
        return typeof texts === "string" ? texts : texts[id % group] || "";
      });
    });
  };
  VNS.facets = function (dim) { return VNS.load("f/" + dim); };
  VNS.decodeIds = decodeIds;
  VNS.parseQuery = parseQuery;
})(this);
