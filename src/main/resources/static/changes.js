// MCQ changes view: move from change to change with j/k (or n/p) and with
// the on-screen Previous/Next buttons. A static file because the
// Content-Security-Policy allows no inline script. Without JavaScript the
// buttons and the numbered index are plain links to #change-N anchors.
(function () {
  "use strict";

  var nav = document.getElementById("change-nav");
  var content = document.getElementById("content");
  if (!nav || !content) {
    return;
  }
  var changes = Array.prototype.slice.call(content.querySelectorAll(":scope > .chg[id]:not(.chg-same)"));
  if (changes.length === 0) {
    return;
  }
  var prev = document.getElementById("prev-change");
  var next = document.getElementById("next-change");
  var where = document.getElementById("change-where");

  // -1: before the first change (nothing chosen yet).
  var current = -1;
  var fromHash = function () {
    var id = window.location.hash.slice(1);
    for (var i = 0; i < changes.length; i++) {
      if (changes[i].id === id) {
        return i;
      }
    }
    return -1;
  };

  var label = function () {
    var n = current < 0 ? 0 : current + 1;
    where.textContent = n === 0 ? changes.length + " changes" : n + " of " + changes.length;
    prev.setAttribute("href", "#" + changes[current <= 0 ? changes.length - 1 : current - 1].id);
    next.setAttribute("href", "#" + changes[current < 0 || current >= changes.length - 1 ? 0 : current + 1].id);
  };

  var show = function (index) {
    var count = changes.length;
    current = ((index % count) + count) % count;
    changes.forEach(function (c, i) {
      c.classList.toggle("current", i === current);
    });
    var target = changes[current];
    // Focusable only from script, so keyboard and screen readers follow.
    target.setAttribute("tabindex", "-1");
    var reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "center", behavior: reduced ? "auto" : "smooth" });
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", "#" + target.id);
    }
    label();
  };

  var step = function (delta) {
    if (current < 0) {
      show(delta > 0 ? 0 : changes.length - 1);
    } else {
      show(current + delta);
    }
  };

  prev.addEventListener("click", function (event) {
    event.preventDefault();
    step(-1);
  });
  next.addEventListener("click", function (event) {
    event.preventDefault();
    step(1);
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) {
      return;
    }
    var tag = event.target && event.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (event.target && event.target.isContentEditable)) {
      return;
    }
    if (event.key === "j" || event.key === "n") {
      event.preventDefault();
      step(1);
    } else if (event.key === "k" || event.key === "p") {
      event.preventDefault();
      step(-1);
    }
  });

  // Index links and a loaded #change-N count as moves too.
  window.addEventListener("hashchange", function () {
    var i = fromHash();
    if (i >= 0 && i !== current) {
      current = i;
      label();
    }
  });
  current = fromHash();
  label();
})();
