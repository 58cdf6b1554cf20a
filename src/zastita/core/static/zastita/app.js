// Every form's CSRF token is the same for the page; background requests take it from there.
function zastitaCsrf() {
  "use strict";
  var input = document.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

// Drafts: what the user types into a form is saved on the server (encrypted, readable by
// them alone) a moment after they stop typing, and put back into the form when they open
// the page again, for example after signing in again. Nothing is kept in the browser.
// Passwords, files and the CSRF token are never sent. Forms that save versions of their
// own (data-autosave-url) and forms marked data-no-draft are left alone.
(function () {
  "use strict";
  var config = document.getElementById("session-config");
  if (!config) { return; }
  var saveUrl = config.getAttribute("data-draft-url");
  window.zastitaFlushers = window.zastitaFlushers || [];
  var forms = Array.prototype.filter.call(document.querySelectorAll("main form"), function (f) {
    return (f.getAttribute("method") || "").toLowerCase() === "post" &&
      !f.hasAttribute("data-no-draft") && !f.hasAttribute("data-autosave-url");
  });

  function actionOf(form) {
    return new URL(form.getAttribute("action") || window.location.pathname, window.location.href).pathname;
  }
  // A form is known by its id, else by where it posts (and its place among the forms that
  // post there), so that a draft never lands in another form when the page has changed.
  function keyOf(form) {
    if (/^[A-Za-z0-9_-]{1,100}$/.test(form.id)) { return form.id; }
    var action = actionOf(form);
    var same = forms.filter(function (f) { return actionOf(f) === action; });
    return (action.replace(/[^A-Za-z0-9_-]/g, "_") + "-" + same.indexOf(form)).slice(-100);
  }
  function skipped(el) {
    var type = (el.type || "").toLowerCase();
    return !el.name || el.disabled || el.name === "csrfmiddlewaretoken" ||
      ["password", "file", "submit", "button", "reset", "image"].indexOf(type) >= 0;
  }
  function fieldsOf(form) {
    var fields = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (skipped(el)) { return; }
      var type = (el.type || "").toLowerCase();
      if ((type === "checkbox" || type === "radio") && !el.checked) { return; }
      if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.options, function (o) { if (o.selected) { fields.push([el.name, o.value]); } });
        return;
      }
      fields.push([el.name, el.value]);
    });
    return fields;
  }
  function fill(form, fields) {
    var values = {};
    fields.forEach(function (pair) { (values[pair[0]] = values[pair[0]] || []).push(pair[1]); });
    Array.prototype.forEach.call(form.elements, function (el) {
      if (skipped(el)) { return; }
      var type = (el.type || "").toLowerCase();
      var given = values[el.name] || [];
      if (type === "checkbox" || type === "radio") { el.checked = given.indexOf(el.value) >= 0; return; }
      if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = given.indexOf(o.value) >= 0; });
        return;
      }
      if (given.length) { el.value = given.shift(); values[el.name] = given; }
    });
  }

  var stored = document.getElementById("zastita-drafts");
  var drafts = stored ? JSON.parse(stored.textContent) : [];

  forms.forEach(function (form) {
    var key = keyOf(form);
    var timer = null, firstChange = 0, submitting = false, pending = false;
    function save() {
      window.clearTimeout(timer);
      timer = null;
      if (submitting || !pending) { return Promise.resolve(); }
      pending = false;
      firstChange = 0;
      return fetch(saveUrl, {
        method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/json", "X-CSRFToken": zastitaCsrf(), "X-Zastita-Passive": "1"},
        body: JSON.stringify({page: window.location.pathname, form: key, action: actionOf(form),
                              title: document.title, fields: fieldsOf(form)})
      }).then(function (response) { if (!response.ok) { pending = true; } })
        .catch(function () { pending = true; });
    }
    function changed() {
      if (submitting) { return; }
      pending = true;
      var now = Date.now();
      firstChange = firstChange || now;
      window.clearTimeout(timer);
      // Two seconds after the last key, and at least every ten seconds while typing goes on.
      timer = window.setTimeout(save, now - firstChange > 10000 ? 0 : 2000);
    }
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function () { submitting = true; window.clearTimeout(timer); });
    window.zastitaFlushers.push(save);

    drafts.forEach(function (draft) {
      if (draft.form !== key) { return; }
      fill(form, draft.fields);
      // A form folded under its heading opens, so that what was put back is seen.
      var folded = form.closest("details");
      if (folded) { folded.open = true; }
      var notice = document.createElement("div");
      notice.className = "draft-notice";
      notice.setAttribute("role", "status");
      var text = document.createElement("p");
      text.textContent = config.getAttribute("data-restored-label").replace("{saved}", draft.saved);
      var discard = document.createElement("form");
      discard.method = "post";
      discard.setAttribute("action", config.getAttribute("data-discard-url").replace("/0/", "/" + draft.id + "/"));
      discard.setAttribute("data-no-draft", "");
      [["csrfmiddlewaretoken", zastitaCsrf()], ["next", window.location.pathname]].forEach(function (pair) {
        var input = document.createElement("input");
        input.type = "hidden"; input.name = pair[0]; input.value = pair[1];
        discard.appendChild(input);
      });
      var button = document.createElement("button");
      button.type = "submit";
      button.className = "button-secondary";
      button.textContent = config.getAttribute("data-discard-label");
      discard.appendChild(button);
      notice.appendChild(text);
      notice.appendChild(discard);
      form.parentNode.insertBefore(notice, form);
    });
  });
})();

// The session on the page. Typing, clicking and scrolling are told to the server by a
// heartbeat at most once a minute. Two minutes before the idle limit a dialog (focus moved
// into it, announced as an alert) offers to continue; at the limit the drafts are saved,
// the session is ended on the server, the screen is cleared and the sign-in page brings
// the user back here afterwards. Requests the page makes by itself are passive.
(function () {
  "use strict";
  var config = document.getElementById("session-config");
  var dialog = document.getElementById("idle-warning");
  if (!config || !dialog) { return; }
  var warning = parseInt(config.getAttribute("data-warning-seconds"), 10) * 1000;
  var deadline = Date.now() + parseInt(config.getAttribute("data-idle-seconds"), 10) * 1000;
  var lastActivity = 0, lastBeat = Date.now(), asking = false, locking = false;
  var countdown = dialog.querySelector(".idle-countdown");
  var button = document.getElementById("idle-continue");

  // Signed out already (or any answer that is not the session's state): nothing is left.
  function state(response) {
    var none = {seconds_left: 0};
    return response.ok ? response.json().catch(function () { return none; }) : none;
  }
  function flush() {
    return Promise.all((window.zastitaFlushers || []).map(function (f) { return f(); }));
  }
  function beat() {
    lastBeat = Date.now();
    return fetch(config.getAttribute("data-heartbeat-url"), {
      method: "POST", credentials: "same-origin",
      headers: {"X-CSRFToken": zastitaCsrf(), "Accept": "application/json"}
    }).then(state).then(function (s) { deadline = Date.now() + s.seconds_left * 1000; })
      .catch(function () { /* the next tick tries again */ });
  }
  function ask() {
    return fetch(config.getAttribute("data-status-url"), {
      credentials: "same-origin", headers: {"Accept": "application/json", "X-Zastita-Passive": "1"}
    }).then(state).then(function (s) { deadline = Date.now() + s.seconds_left * 1000; return s; });
  }
  function lock() {
    if (locking) { return; }
    locking = true;
    flush().then(function () {
      return fetch(config.getAttribute("data-logout-url"), {
        method: "POST", credentials: "same-origin", redirect: "manual",
        headers: {"X-CSRFToken": zastitaCsrf(), "X-Zastita-Passive": "1",
                  "Content-Type": "application/x-www-form-urlencoded"},
        body: "reason=idle"
      });
    }).catch(function () { return null; }).then(function () {
      document.body.classList.add("locked");
      window.location.replace(config.getAttribute("data-login-url") + "?next=" +
        encodeURIComponent(window.location.pathname));
    });
  }
  function warn() {
    flush();
    if (!dialog.open) { dialog.showModal(); }
    button.focus();
  }
  function resume() {
    beat().then(function () { if (dialog.open) { dialog.close(); } });
  }
  function activity() {
    lastActivity = Date.now();
  }
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    if (locking || asking) { return; }
    var now = Date.now();
    // Recent activity not yet told to the server, at most once a minute.
    if (!dialog.open && lastActivity > lastBeat && now - lastBeat >= 60000 &&
        now - lastActivity < 60000) { beat(); }
    var left = deadline - now;
    if (left > warning) { return; }
    if (dialog.open && left > 0) {
      var s = Math.ceil(left / 1000);
      countdown.textContent = config.getAttribute("data-minutes-label") + " " + Math.floor(s / 60) + ":" + two(s % 60);
      return;
    }
    // Another tab may have kept the session alive: the server says how long is left.
    asking = true;
    ask().then(function (s) {
      asking = false;
      if (s.seconds_left * 1000 > warning) { if (dialog.open) { dialog.close(); } return; }
      if (s.seconds_left <= 0) { lock(); } else { warn(); }
    }).catch(function () { asking = false; });
  }
  ["keydown", "input", "pointerdown", "wheel", "scroll", "touchstart"].forEach(function (name) {
    document.addEventListener(name, activity, {capture: true, passive: true});
  });
  button.addEventListener("click", resume);
  dialog.addEventListener("cancel", function (event) { event.preventDefault(); resume(); });
  window.setInterval(tick, 1000);
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
    var time = two(h) + ":" + two(m) + ":" + two(s % 60);
    if (!d) { return time; }
    // "1 дан", "2 дана", "5 дана": the word for days comes from the page, in its language,
    // by the language's plural category (one, few, other).
    var plural = window.Intl && Intl.PluralRules
      ? new Intl.PluralRules(document.documentElement.lang || "sr").select(d) : "other";
    var label = clocks[0].getAttribute("data-day-" + plural) ||
      clocks[0].getAttribute("data-day-other") || "";
    return d + " " + label + " " + time;
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
  function save() {
    if (!dirty) { return Promise.resolve(); }
    dirty = false;
    return fetch(form.getAttribute("data-autosave-url"), {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: {"X-Autosave": "1", "X-Zastita-Passive": "1"}
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
  }
  // Saved also when the session is about to end (see the session block above).
  window.zastitaFlushers = window.zastitaFlushers || [];
  window.zastitaFlushers.push(save);
  window.setInterval(save, 30000);
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
      credentials: "same-origin", headers: {"Accept": "application/json", "X-Zastita-Passive": "1"}
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

// Destructive actions (reject, discontinue, close, correct a document): a form whose
// data-confirm names a <dialog> (core/confirm_dialog.html) asks there, saying what will
// happen, before it is sent. "No" has the focus and Escape means no; only "yes" sends it.
// Without scripts the form is sent as it is, its consequence written above the button.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("form[data-confirm]"), function (form) {
    var dialog = document.getElementById(form.getAttribute("data-confirm"));
    if (!dialog || typeof dialog.showModal !== "function") { return; }
    var confirmed = false;
    // Caught before the form's other listeners (the drafts'), which hear only the real send.
    form.addEventListener("submit", function (event) {
      if (confirmed) { return; }
      event.preventDefault();
      event.stopImmediatePropagation();
      dialog.showModal();
    }, true);
    dialog.querySelector("[data-confirm-no]").addEventListener("click", function () {
      dialog.close();
    });
    dialog.querySelector("[data-confirm-yes]").addEventListener("click", function () {
      confirmed = true;
      dialog.close();
      if (typeof form.requestSubmit === "function") { form.requestSubmit(); } else { form.submit(); }
    });
  });
})();
