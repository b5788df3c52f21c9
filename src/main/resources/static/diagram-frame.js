// MCQ diagram frame: draws one Mermaid diagram. Runs inside an
// <iframe sandbox="allow-scripts"> of the reader page, with an opaque origin
// and a Content-Security-Policy of its own (script only from MCQ, never
// inline or eval; inline styles allowed for Mermaid's SVG).
//
// It waits for ONE message from its parent, {source, theme}, draws the
// diagram with Mermaid in its strict security level (labels sanitized, no
// click callbacks, no javascript: links; a diagram's own %%{init}%% cannot
// change that), and answers {height} (again when the drawing's height
// changes with the frame's width) or {error}.
(function () {
  "use strict";

  var answered = false;

  var answer = function (message, origin) {
    window.parent.postMessage(message, origin);
  };

  window.addEventListener("message", function (event) {
    if (answered || event.source !== window.parent) {
      return;
    }
    answered = true;
    // Answers go back to the page that asked, and only to it.
    var origin = event.origin;
    var data = event.data || {};
    var source = typeof data.source === "string" ? data.source : "";
    var theme = data.theme === "dark" ? "dark" : "default";
    if (source.length > 50000) {
      // Mermaid would draw a placeholder saying so; an error box with the source says more.
      answer({ error: "the diagram is longer than 50,000 characters" }, origin);
      return;
    }
    if (typeof window.mermaid === "undefined") {
      answer({ error: "the diagram library did not load" }, origin);
      return;
    }
    try {
      window.mermaid.initialize({
        startOnLoad: false,
        securityLevel: "strict",
        theme: theme,
        maxTextSize: 50000,
        maxEdges: 500,
        deterministicIds: true
      });
    } catch (error) {
      answer({ error: String(error && error.message || error) }, origin);
      return;
    }
    window.mermaid.render("diagram", source).then(function (result) {
      // Mermaid's strict level has sanitized the SVG; this document's policy
      // runs no script in it either way.
      document.body.innerHTML = result.svg;
      var svg = document.body.querySelector("svg");
      if (!svg) {
        answer({ error: "the diagram library drew nothing" }, origin);
        return;
      }
      // The drawing scales with the frame's width: its height is told again
      // whenever it changes (a phone turned, a window resized).
      var told = -1;
      var tellHeight = function () {
        var height = Math.ceil(svg.getBoundingClientRect().height);
        if (height !== told) {
          told = height;
          answer({ height: height }, origin);
        }
      };
      tellHeight();
      if (typeof window.ResizeObserver === "function") {
        new window.ResizeObserver(tellHeight).observe(svg);
      }
    }, function (error) {
      var message = error && error.message ? String(error.message) : String(error);
      document.body.textContent = "";
      answer({ error: message.slice(0, 300) }, origin);
    });
  });
})();
