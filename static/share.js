/* An article's share buttons: copy its canonical address, or hand it to the system's share sheet where
   there is one. No third-party script; without JavaScript the buttons stay hidden. */
(function () {
  "use strict";
  var box = document.querySelector(".share");
  if (!box) return;
  var canonical = document.querySelector('link[rel="canonical"]');
  var address = canonical ? canonical.href : location.href;
  var status = box.querySelector(".share-status");
  box.hidden = false;
  function say(text) { status.textContent = text; }
  box.querySelector('[data-share="copy"]').addEventListener("click", function () {
    var done = function () { say("Đã sao chép liên kết."); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(address).then(done, function () { fallback(); });
    } else {
      fallback();
    }
    function fallback() {
      var field = document.createElement("textarea");
      field.value = address;
      field.setAttribute("readonly", "");
      field.style.position = "fixed";
      field.style.opacity = "0";
      document.body.appendChild(field);
      field.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(field);
      say(ok ? "Đã sao chép liên kết." : "Liên kết: " + address);
    }
  });
  var native = box.querySelector('[data-share="native"]');
  if (navigator.share) {
    native.hidden = false;
    native.addEventListener("click", function () {
      navigator.share({ title: document.title, url: address }).catch(function () { /* closed by the reader */ });
    });
  }
})();
