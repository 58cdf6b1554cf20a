// Returns to the sign-in page once the server-side idle limit has passed, so that a
// screen left open does not keep showing personal data.
(function () {
  "use strict";
  var body = document.body;
  var seconds = parseInt(body.getAttribute("data-idle-seconds") || "0", 10);
  var target = body.getAttribute("data-idle-url");
  if (!seconds || !target) { return; }
  var timer;
  function arm() {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { window.location.assign(target); }, (seconds + 5) * 1000);
  }
  arm();
  var sel = document.getElementById("language-select");
  if (sel) { sel.addEventListener("change", function () { arm(); }); }
})();
