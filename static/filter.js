/* The index pages' quick filter: typing hides the names that do not contain what is typed (marks or not).
   Without JavaScript the box stays hidden and every name is listed. */
(function () {
  "use strict";
  var box = document.getElementById("term-filter");
  if (!box) return;
  box.parentNode.hidden = false;
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  var sections = Array.prototype.slice.call(document.querySelectorAll(".by-letter .term-list"));
  var items = sections.map(function (list) {
    return Array.prototype.map.call(list.children, function (li) {
      return { li: li, name: fold(li.querySelector("a").textContent) };
    });
  });
  box.addEventListener("input", function () {
    var typed = fold(box.value.trim());
    sections.forEach(function (list, i) {
      var shown = 0;
      items[i].forEach(function (item) {
        var match = !typed || item.name.indexOf(typed) !== -1;
        item.li.hidden = !match;
        if (match) shown++;
      });
      list.hidden = shown === 0;
      list.previousElementSibling.hidden = shown === 0;  // (the letter's heading)
    });
  });
})();
