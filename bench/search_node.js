#!/usr/bin/env node
/* The site's own search engine (static/search/engine.js, as the browser runs it) over a built site, under
 * node: the index parts are read from disk instead of loaded as scripts.  For judged-query benchmarks.
 *
 *   node bench/search_node.js public/ < queries.txt     one query a line → one JSON line each:
 *                                                        {"q": …, "count": n, "urls": [top 20], "relaxed": …}
 *   node bench/search_node.js public/ --bytes < queries.txt
 *                                  … each query from a cold start, with "bytes": what a browser loads for it —
 *                                  the search scripts, every index part it reads and the first page of results
 */
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const site = process.argv[2];
const counting = process.argv.includes("--bytes");
const engineDir = path.join(site, "search");
const PAGE = 10;  // results shown at once (static/search/page.js)
let context, VNS, cache, loaded;

function start() {  // a fresh engine: nothing loaded yet
  context = { console, Promise, Map, Set, Object, Array, Math, TextEncoder, URLSearchParams };
  context.window = context;
  vm.createContext(context);
  loaded = 0;
  for (const name of ["analyzer.js", "engine.js", "page.js"]) {
    const file = fs.existsSync(path.join(site, "static", "search", name))
      ? path.join(site, "static", "search", name) : path.join(__dirname, "..", "static", "search", name);
    loaded += fs.statSync(file).size;
    if (name !== "page.js") vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: name });
  }
  VNS = context.VNS;
  cache = {};
  VNS.load = load;
}

function load(key) {
  if (!(key in cache)) {
    const text = fs.readFileSync(path.join(engineDir, key + ".js"), "utf8");
    loaded += Buffer.byteLength(text);
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
  start();
  for (const q of queries) {
    if (counting) start();
    const result = await VNS.search(q, {});
    const top = result.ids.slice(0, 20);
    const urls = [];
    for (const id of top.slice(0, PAGE)) urls.push((await VNS.load("d/" + id)).u);
    const bytes = loaded;  // (the first page of results: what a reader waits for)
    for (const id of top.slice(PAGE)) urls.push((await VNS.load("d/" + id)).u);
    const line = { q: q, count: result.ids.length, urls: urls, relaxed: !!result.relaxed };
    if (counting) line.bytes = bytes;
    process.stdout.write(JSON.stringify(line) + "\n");
  }
})();
