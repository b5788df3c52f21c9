// MCQ diagrams: draws each Mermaid diagram of the document in its own
// sandboxed frame (loaded only on pages whose document has diagrams).
//
// Mermaid writes <style> elements and style attributes into its SVG, which
// this page's Content-Security-Policy blocks, so each diagram is drawn in an
// <iframe sandbox="allow-scripts"> (no allow-same-origin: an opaque origin with
// no cookies, no storage and no access to this page) whose own policy allows
// inline styles but never inline script or eval. The page sends the frame the
// diagram's source once it has loaded; the frame answers with the drawing's
// height, or with an error. Messages from anything but that frame are ignored.
//
// The server writes each diagram as its source in a pre.mermaid-source, so
// without JavaScript the source shows as code. The source is hidden only once
// the diagram is drawn, stays one button away ("Show source"), and comes back
// with an error box when drawing fails or no answer comes: never a blank.
(function () {
  "use strict";

  var TIMEOUT_MS = 10000;
  var MAX_HEIGHT = 4000;
  var MIN_HEIGHT = 20;

  var script = document.currentScript;
  var frameAddress = script && script.getAttribute("data-frame");
  if (!frameAddress) {
    return;
  }
  var theme = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "default";

  var diagrams = [];

  var showError = function (diagram, message) {
    if (diagram.done) {
      return;
    }
    diagram.done = true;
    window.clearTimeout(diagram.timer);
    diagram.frame.remove();
    diagram.toggle.remove();
    diagram.source.hidden = false;
    var box = document.createElement("div");
    box.className = "render-error diagram-error";
    box.setAttribute("role", "note");
    var what = document.createElement("p");
    what.className = "render-error-message";
    what.textContent = "This diagram could not be drawn: " + message;
    box.appendChild(what);
    diagram.wrapper.insertBefore(box, diagram.source);
  };

  var showDiagram = function (diagram, height) {
    if (diagram.done && !diagram.drawn) {
      return; // an error box is already shown
    }
    var clamped = Math.max(MIN_HEIGHT, Math.min(MAX_HEIGHT, Math.ceil(height)));
    diagram.frame.setAttribute("height", String(clamped));
    if (diagram.done) {
      return; // a new height for a drawn diagram (the frame's width changed)
    }
    diagram.done = true;
    diagram.drawn = true;
    window.clearTimeout(diagram.timer);
    diagram.wrapper.classList.add("is-drawn");
    diagram.source.hidden = true;
    diagram.toggle.hidden = false;
  };

  window.addEventListener("message", function (event) {
    for (var i = 0; i < diagrams.length; i++) {
      var diagram = diagrams[i];
      if (event.source !== diagram.frame.contentWindow) {
        continue;
      }
      var data = event.data;
      if (data && typeof data.height === "number" && isFinite(data.height)) {
        showDiagram(diagram, data.height);
      } else if (diagram.drawn) {
        return; // once drawn, only new heights are taken
      } else if (data && typeof data.error === "string") {
        showError(diagram, data.error.slice(0, 300));
      } else {
        showError(diagram, "the drawing sent an answer MCQ does not understand");
      }
      return;
    }
  });

  var sources = document.querySelectorAll(".markdown pre.mermaid-source");
  Array.prototype.forEach.call(sources, function (source, index) {
    var wrapper = document.createElement("div");
    wrapper.className = "diagram";
    source.parentNode.insertBefore(wrapper, source);
    var frame = document.createElement("iframe");
    frame.setAttribute("sandbox", "allow-scripts");
    frame.setAttribute("title", "Diagram " + (index + 1));
    frame.setAttribute("loading", "lazy");
    frame.setAttribute("referrerpolicy", "no-referrer");
    frame.setAttribute("height", "150");
    frame.className = "diagram-frame";
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "diagram-toggle";
    toggle.textContent = "Show source";
    toggle.setAttribute("aria-expanded", "false");
    toggle.hidden = true;
    toggle.addEventListener("click", function () {
      var show = source.hidden;
      source.hidden = !show;
      toggle.textContent = show ? "Hide source" : "Show source";
      toggle.setAttribute("aria-expanded", show ? "true" : "false");
    });
    wrapper.appendChild(frame);
    wrapper.appendChild(toggle);
    wrapper.appendChild(source);
    var diagram = { wrapper: wrapper, frame: frame, toggle: toggle, source: source, done: false, drawn: false,
      timer: 0, sent: false };
    diagrams.push(diagram);
    frame.addEventListener("load", function () {
      if (diagram.sent || diagram.done) {
        return;
      }
      diagram.sent = true;
      // The frame's origin is opaque, so "*" is the only target that reaches it;
      // what is sent is the diagram's source, which this page already shows.
      frame.contentWindow.postMessage({ source: source.textContent, theme: theme }, "*");
      diagram.timer = window.setTimeout(function () {
        showError(diagram, "no answer within " + (TIMEOUT_MS / 1000) + " seconds");
      }, TIMEOUT_MS);
    });
    frame.src = frameAddress;
  });
})();
