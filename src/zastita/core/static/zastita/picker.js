// Long pick-lists (citizenships, languages: 180-250 options) as a searchable picker.
//
// Progressive enhancement of a native <select multiple>: without JavaScript the select works
// as it is. With it, the select is hidden (it stays in the form and is what is submitted) and
// an ARIA 1.2 combobox with a multi-selectable listbox takes its place: type to filter,
// Arrow keys to move, Enter to choose or unchoose, Escape to close, Backspace in the empty
// box to take back the last choice. Each choice shows as a button that removes it. The texts
// come from the page in its language (data-* on this script's own tag).
(function () {
  "use strict";
  var script = document.currentScript;
  var MIN_OPTIONS = 20;
  function text(name, fallback) {
    return (script && script.getAttribute("data-" + name)) || fallback;
  }
  // Cyrillic typed or read as Latin, accents ignored: "srb", "срб" and "Srb" find "Србија".
  var LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "dj", "е": "e", "ж": "z", "з": "z",
    "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "c", "у": "u", "ф": "f", "х": "h", "ц": "c",
    "ч": "c", "џ": "dz", "ш": "s", "đ": "dj"
  };
  function fold(value) {
    var lower = value.toLowerCase();
    var out = "";
    for (var i = 0; i < lower.length; i++) {
      var ch = lower.charAt(i);
      out += LATIN.hasOwnProperty(ch) ? LATIN[ch] : ch;
    }
    return out.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  var counter = 0;

  function enhance(select) {
    counter += 1;
    var id = "picker-" + counter;
    var label = select.id ? document.querySelector("label[for='" + select.id + "']") : null;
    var options = Array.prototype.map.call(select.options, function (o, i) {
      return {option: o, text: o.text, key: fold(o.text), id: id + "-o" + i};
    });

    var box = document.createElement("div");
    box.className = "picker";
    var chosen = document.createElement("ul");
    chosen.className = "picker-chosen";
    chosen.setAttribute("aria-label", text("chosen", "Chosen"));
    var input = document.createElement("input");
    input.type = "text";
    input.id = id;
    input.className = "picker-input";
    input.autocomplete = "off";
    input.spellcheck = false;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id + "-list");
    var hint = document.createElement("p");
    hint.id = id + "-hint";
    hint.className = "picker-hint";
    hint.textContent = text("hint", "Type to search; arrows move, Enter chooses.");
    input.setAttribute("aria-describedby", hint.id);
    var list = document.createElement("ul");
    list.id = id + "-list";
    list.className = "picker-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-multiselectable", "true");
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "picker-status";
    status.setAttribute("role", "status");

    if (label) {
      if (!label.id) { label.id = id + "-label"; }
      label.htmlFor = id;  // the label now names (and focuses) the search box
      list.setAttribute("aria-labelledby", label.id);
    }
    box.appendChild(chosen);
    box.appendChild(input);
    box.appendChild(hint);
    box.appendChild(list);
    box.appendChild(status);
    select.parentNode.insertBefore(box, select.nextSibling);
    select.hidden = true;  // still in the form: it is what the form sends
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;

    var shown = [];
    var active = -1;

    function say(message) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = message; }, 50);
    }

    function renderChosen() {
      chosen.textContent = "";
      options.forEach(function (item) {
        if (!item.option.selected) { return; }
        var li = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "picker-remove";
        button.textContent = item.text + " ×";
        button.setAttribute("aria-label", text("remove", "Remove") + " " + item.text);
        button.addEventListener("click", function () {
          toggle(item);
          input.focus();
        });
        li.appendChild(button);
        chosen.appendChild(li);
      });
      chosen.hidden = !chosen.children.length;
    }

    function setActive(index) {
      var items = list.children;
      if (active >= 0 && items[active]) { items[active].classList.remove("active"); }
      active = index;
      if (active >= 0 && items[active]) {
        items[active].classList.add("active");
        input.setAttribute("aria-activedescendant", items[active].id);
        items[active].scrollIntoView({block: "nearest"});
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open() {
      if (!list.hidden) { return; }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function filter() {
      var query = fold(input.value.trim());
      shown = options.filter(function (item) {
        return item.option.value !== "" && (!query || item.key.indexOf(query) >= 0);
      });
      list.textContent = "";
      shown.forEach(function (item) {
        var li = document.createElement("li");
        li.id = item.id;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", item.option.selected ? "true" : "false");
        li.textContent = item.text;
        li.addEventListener("mousedown", function (event) { event.preventDefault(); });
        li.addEventListener("click", function () { toggle(item); });
        list.appendChild(li);
      });
      if (!shown.length) {
        var none = document.createElement("li");
        none.className = "picker-none";
        none.textContent = text("none", "Nothing matches.");
        list.appendChild(none);
      }
      active = -1;
      setActive(shown.length && query ? 0 : -1);
      say(shown.length ? text("count", "Results:") + " " + shown.length : text("none", "Nothing matches."));
    }

    function toggle(item) {
      item.option.selected = !item.option.selected;
      select.dispatchEvent(new Event("change", {bubbles: true}));
      renderChosen();
      var li = document.getElementById(item.id);
      if (li) { li.setAttribute("aria-selected", item.option.selected ? "true" : "false"); }
      say(item.text + ": " + (item.option.selected ? text("added", "chosen") : text("removed", "removed")));
    }

    input.addEventListener("input", function () { open(); filter(); });
    input.addEventListener("keydown", function (event) {
      var key = event.key;
      if (key === "ArrowDown" || key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) { open(); filter(); }
        if (!shown.length) { return; }
        var next = key === "ArrowDown" ? active + 1 : active - 1;
        if (next < 0) { next = shown.length - 1; }
        if (next >= shown.length) { next = 0; }
        setActive(next);
      } else if (key === "Enter") {
        if (!list.hidden && active >= 0 && shown[active]) {
          event.preventDefault();  // choosing, not sending the form
          toggle(shown[active]);
        }
      } else if (key === "Escape") {
        if (!list.hidden) { event.preventDefault(); close(); } else { input.value = ""; }
      } else if (key === "Backspace" && input.value === "") {
        var last = options.filter(function (item) { return item.option.selected; }).pop();
        if (last) { toggle(last); }
      } else if (key === "Tab") {
        close();
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
    // A restored draft or a reset form changes the select itself: show what it holds.
    select.addEventListener("change", renderChosen);
    if (select.form) {
      select.form.addEventListener("reset", function () { window.setTimeout(renderChosen, 0); });
    }
    renderChosen();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("main select[multiple]"), function (s) {
      if (s.options.length >= MIN_OPTIONS && !s.disabled) { enhance(s); }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
