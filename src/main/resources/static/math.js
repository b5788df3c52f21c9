// MCQ math: typesets the document's math with KaTeX (loaded just before this
// script, only on pages whose document has math). The server writes each
// formula as its escaped TeX in a .math element, so without JavaScript, or if
// KaTeX refuses a formula, the TeX stays readable: nothing vanishes.
//
// KaTeX writes MathML only (no KaTeX stylesheet or fonts needed, and no style
// attributes for the page's Content-Security-Policy to block). \href, \url,
// \includegraphics and the like are refused (trust: false), and macro
// expansion and sizes are bounded, so a hostile formula cannot run script or
// hang the page; it gets an error box with its source instead.
(function () {
  "use strict";

  var OPTIONS = {
    output: "mathml",
    throwOnError: true,
    trust: false,
    strict: "ignore",
    maxSize: 50,
    maxExpand: 1000
  };

  // The error box: a short message and the source, all as text (never HTML).
  var errorBox = function (element, tex, message) {
    var inline = element.tagName === "SPAN" && element.classList.contains("math-inline");
    var box = document.createElement(inline ? "span" : "div");
    box.className = "render-error math-error";
    box.setAttribute("role", "note");
    var what = document.createElement(inline ? "span" : "p");
    what.className = "render-error-message";
    what.textContent = "This formula could not be shown: " + message;
    var source = document.createElement(inline ? "code" : "pre");
    source.className = "render-error-source";
    source.textContent = tex;
    box.appendChild(what);
    box.appendChild(source);
    element.replaceWith(box);
  };

  var typeset = function (element) {
    var tex = element.textContent;
    if (typeof window.katex === "undefined") {
      return; // KaTeX did not load: the TeX stays as it is
    }
    try {
      var options = Object.assign({}, OPTIONS, { displayMode: element.classList.contains("math-display") });
      window.katex.render(tex, element, options);
      element.classList.add("math-rendered");
    } catch (error) {
      var message = error && error.message ? String(error.message) : "unknown error";
      errorBox(element, tex, message.length > 300 ? message.slice(0, 300) + "…" : message);
    }
  };

  var formulas = document.querySelectorAll(".markdown .math");
  Array.prototype.forEach.call(formulas, typeset);
})();
