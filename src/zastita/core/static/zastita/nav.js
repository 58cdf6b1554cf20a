// The header's menu on a narrow screen: the button shows and hides the navigation, the
// language and the account links. Without this script they are simply all shown.
// Loaded right after the header (not deferred) so that a phone never paints the menu open.
(function () {
  "use strict";
  var header = document.querySelector(".site-header");
  var button = header && header.querySelector(".menu-button");
  var menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) { return; }
  function show(open) {
    header.classList.toggle("menu-open", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }
  header.classList.add("has-menu");
  button.hidden = false;
  show(false);
  button.addEventListener("click", function () {
    show(!header.classList.contains("menu-open"));
  });
  header.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && header.classList.contains("menu-open")) {
      show(false);
      button.focus();
    }
  });
})();
