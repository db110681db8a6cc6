#!/usr/bin/env node
/* The site's own search engine (static/search/engine.js, as the browser runs it) over a built site, under
 * node: the index parts are read from disk instead of loaded as scripts.  For judged-query benchmarks.
 *
 *   node bench/search_node.js public/ < queries.txt     one query a line → one JSON line each:
 *                                                        {"q": …, "count": n, "urls": [top 20], "relaxed": …}
 */
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const site = process.argv[2];
const engineDir = path.join(site, "search");
const context = { console, Promise, Map, Set, Object, Array, Math, TextEncoder, URLSearchParams };
context.window = context;
vm.createContext(context);
for (const name of ["analyzer.js", "engine.js"]) {
  const file = fs.existsSync(path.join(site, "static", "search", name))
    ? path.join(site, "static", "search", name) : path.join(__dirname, "..", "static", "search", name);
  vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: name });
}
const VNS = context.VNS;
const cache = {};
VNS.load = function (key) {
  if (!(key in cache)) {
    const text = fs.readFileSync(path.join(engineDir, key + ".js"), "utf8");
    vm.runInContext(text, context);  // (VNS.add(key, data) puts it in the engine's own cache …)
    cache[key] = true;
  }
  return new Promise(function (resolve) {  // (… which VNS.add resolves: read it back through a probe)
    const add = VNS.add;
    let data;
    VNS.add = function (k, d) { if (k === key) data = d; add(k, d); };
    vm.runInContext(fs.readFileSync(path.join(engineDir, key + ".js"), "utf8"), context);
    VNS.add = add;
    resolve(data);
  });
};

const queries = fs.readFileSync(0, "utf8").split("\n").filter(function (q) { return q.trim(); });
(async function () {
  for (const q of queries) {
    const result = await VNS.search(q, {});
    const top = result.ids.slice(0, 20);
    const urls = [];
    for (const id of top) urls.push((await VNS.load("d/" + id)).u);
    process.stdout.write(JSON.stringify({ q: q, count: result.ids.length, urls: urls, relaxed: !!result.relaxed })
                         + "\n");
  }
})();
