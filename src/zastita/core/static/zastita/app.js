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

// Live response clocks: every [data-due] element counts down to its due time (ISO 8601),
// and says how late it is once past. The labels come from the page, in its language.
(function () {
  "use strict";
  var clocks = document.querySelectorAll("[data-due]");
  if (!clocks.length) { return; }
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function span(seconds) {
    var s = Math.abs(Math.floor(seconds));
    var d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600);
    var m = Math.floor((s % 3600) / 60);
    return (d ? d + "d " : "") + two(h) + ":" + two(m) + ":" + two(s % 60);
  }
  function tick() {
    var now = Date.now();
    clocks.forEach(function (el) {
      var left = (Date.parse(el.getAttribute("data-due")) - now) / 1000;
      var late = left < 0;
      el.classList.toggle("overdue", late);
      el.textContent = (late ? el.getAttribute("data-late") : el.getAttribute("data-left")) + " " + span(left);
    });
  }
  tick();
  window.setInterval(tick, 1000);
})();

// Drafts that save themselves: a form with data-autosave-url is sent, marked as an autosave,
// every 30 seconds while its text has changed. The answer (JSON) gives the new version, which
// becomes the base of the next save; a conflict is said aloud and the typing stays.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave-url]");
  if (!form) { return; }
  var status = form.querySelector(".autosave-status");
  var base = form.querySelector("input[name=base_version]");
  var dirty = false;
  form.addEventListener("input", function () { dirty = true; });
  window.setInterval(function () {
    if (!dirty) { return; }
    dirty = false;
    fetch(form.getAttribute("data-autosave-url"), {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: {"X-Autosave": "1"}
    }).then(function (response) {
      return response.json().then(function (data) { return {ok: response.ok, data: data}; });
    }).then(function (result) {
      if (result.ok && result.data.saved) {
        base.value = result.data.version;
        status.textContent = status.getAttribute("data-saved-label") + " " + result.data.version;
      } else {
        status.textContent = status.getAttribute("data-failed-label");
      }
    }).catch(function () { dirty = true; });
  }, 30000);
})();

// The duty board asks every few seconds whether a notification arrived (a count and an id,
// nothing about the report); if one did, it says so aloud and offers to reload the page.
(function () {
  "use strict";
  var notice = document.querySelector("[data-state-url]");
  if (!notice) { return; }
  var latest = parseInt(notice.getAttribute("data-latest") || "0", 10);
  var seconds = parseInt(notice.getAttribute("data-poll-seconds") || "20", 10);
  var shown = false;
  function ask() {
    fetch(notice.getAttribute("data-state-url") + "?since=" + latest, {
      credentials: "same-origin", headers: {"Accept": "application/json"}
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (state) {
      if (!state || !state["new"] || shown) { return; }
      shown = true;
      notice.textContent = notice.getAttribute("data-new-label") + " ";
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = notice.getAttribute("data-reload-label");
      button.addEventListener("click", function () { window.location.reload(); });
      notice.appendChild(button);
    }).catch(function () { /* the next round asks again */ });
  }
  window.setInterval(ask, seconds * 1000);
})();
