// MCQ reader: confirmation before unqueueing, copy buttons on headings and
// code blocks, and the table of contents
// (current section highlighted while scrolling; collapsed above the text on
// narrow screens). A static file because the Content-Security-Policy allows
// no inline script. Everything here is an enhancement: without JavaScript the
// server asks for confirmation on a page of its own and the contents list is
// a plain list of links.
(function () {
  "use strict";

  // Unqueue: ask first. The server deletes only with confirmed=yes; a form
  // sent without it (no JavaScript) is answered with a confirmation page.
  var confirmForms = document.querySelectorAll("form[data-confirm]");
  Array.prototype.forEach.call(confirmForms, function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) {
        event.preventDefault();
        return;
      }
      var confirmed = form.querySelector("input[name=confirmed]");
      if (confirmed) {
        confirmed.value = "yes";
      }
    });
  });

  // Copying: a link icon on each heading copies the section's address, a
  // button on each code block copies its code. Both are added here, not by the
  // server: copying needs script anyway, and without it the contents list still
  // links every section and code can be selected by hand. Their labels are
  // drawn by the stylesheet, so they add no text to the document (a selection
  // quoted in a comment stays the document's own words).
  var copyText = function (text, done) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () {});
    }
  };
  var flash = function (element) {
    element.classList.add("copied");
    window.setTimeout(function () {
      element.classList.remove("copied");
    }, 1500);
  };
  var headings = document.querySelectorAll(
    ".markdown h1[id], .markdown h2[id], .markdown h3[id], .markdown h4[id], .markdown h5[id], .markdown h6[id]");
  Array.prototype.forEach.call(headings, function (heading) {
    var link = document.createElement("a");
    link.className = "heading-anchor";
    link.href = "#" + encodeURIComponent(heading.id);
    link.setAttribute("aria-label", "Copy the link to this section");
    link.title = "Copy the link to this section";
    link.addEventListener("click", function () {
      // The link still jumps to the section, so the address bar shows it too.
      copyText(link.href, function () {
        flash(link);
      });
    });
    heading.appendChild(link);
  });
  var blocks = document.querySelectorAll(".markdown pre");
  Array.prototype.forEach.call(blocks, function (pre) {
    var code = pre.querySelector("code") || pre;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-code";
    button.setAttribute("aria-label", "Copy the code");
    button.title = "Copy the code";
    button.addEventListener("click", function () {
      copyText(code.textContent, function () {
        flash(button);
      });
      if (!navigator.clipboard) {
        // Without the clipboard API (a page not served over https), select the
        // code so a keyboard copy takes it.
        var range = document.createRange();
        range.selectNodeContents(code);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      }
    });
    pre.classList.add("has-copy");
    pre.insertBefore(button, pre.firstChild);
  });

  var toc = document.getElementById("toc");
  if (!toc) {
    return;
  }

  // Two columns from 900px: the contents stay open beside the text. Below,
  // they sit above the text, folded so the document starts on the first screen.
  var wide = window.matchMedia("(min-width: 900px)");
  toc.open = wide.matches;
  var followWidth = function () {
    if (wide.matches) {
      toc.open = true;
    }
  };
  // Beside the text there is nothing to fold: keep the contents open even if
  // the (hidden) summary is toggled from the keyboard.
  toc.addEventListener("toggle", function () {
    if (wide.matches && !toc.open) {
      toc.open = true;
    }
  });
  if (wide.addEventListener) {
    wide.addEventListener("change", followWidth);
  } else if (wide.addListener) {
    wide.addListener(followWidth);
  }

  var links = Array.prototype.slice.call(toc.querySelectorAll("a[href^='#']"));
  var sections = [];
  var idOf = function (link) {
    var id = link.getAttribute("href").slice(1);
    try {
      return decodeURIComponent(id);
    } catch (e) {
      return id;
    }
  };
  links.forEach(function (link) {
    var target = document.getElementById(idOf(link));
    if (target) {
      sections.push({ link: link, target: target });
    }
  });
  if (sections.length === 0) {
    return;
  }

  var sectionNamed = function (hash) {
    for (var i = 0; i < sections.length; i++) {
      if ("#" + sections[i].target.id === hash || sections[i].link.getAttribute("href") === hash) {
        return sections[i];
      }
    }
    return null;
  };

  // The current section is the last heading scrolled past the top fifth of
  // the window. At the very bottom of the page, headings near the end can no
  // longer reach that line: there it is the section just jumped to, if its
  // heading is on screen, or else the last one.
  var current = null;
  var highlight = function () {
    var line = Math.min(window.innerHeight * 0.2, 160);
    var active = sections[0];
    for (var i = 0; i < sections.length; i++) {
      if (sections[i].target.getBoundingClientRect().top <= line) {
        active = sections[i];
      } else {
        break;
      }
    }
    var scroller = document.scrollingElement || document.documentElement;
    if (window.innerHeight + window.scrollY >= scroller.scrollHeight - 2) {
      var jumped = sectionNamed(window.location.hash);
      var top = jumped ? jumped.target.getBoundingClientRect().top : -1;
      active = top >= 0 && top < window.innerHeight ? jumped : sections[sections.length - 1];
    }
    if (active === current) {
      return;
    }
    if (current) {
      current.link.classList.remove("active");
      current.link.removeAttribute("aria-current");
    }
    active.link.classList.add("active");
    active.link.setAttribute("aria-current", "location");
    current = active;
  };

  var pending = false;
  var schedule = function () {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        highlight();
      });
    }
  };
  window.addEventListener("scroll", schedule, { passive: true });
  window.addEventListener("resize", schedule);
  window.addEventListener("hashchange", schedule);
  highlight();
})();
