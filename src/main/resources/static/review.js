// MCQ review: comments on selected passages, highlights, threads beside the
// text (below it on phones), and drafts that survive a reload or a dropped
// connection. A static file because the Content-Security-Policy allows no
// inline script. Without JavaScript the general comment, replies, resolve and
// the verdict still work as plain forms; only commenting on a selection needs
// this script. Text from comments and documents is only ever set with
// textContent or as text nodes, never parsed as HTML.
(function () {
  "use strict";

  var review = document.getElementById("review");
  var content = document.getElementById("content");
  if (!review) {
    return;
  }
  var base = review.getAttribute("data-slug-base");
  var revision = review.getAttribute("data-revision");
  var canReview = review.getAttribute("data-can-review") === "true";
  var isChanges = content !== null && content.classList.contains("changes");
  var DRAFT_PREFIX = "mcq-draft:" + base + ":";
  var CONTEXT_CHARS = 64;

  var collapse = function (text) {
    return text.replace(/\s+/g, " ").trim();
  };

  var storage = (function () {
    try {
      var probe = "mcq-probe";
      window.localStorage.setItem(probe, probe);
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (e) {
      return null;
    }
  })();

  var saveDraft = function (key, value) {
    if (storage) {
      try {
        storage.setItem(DRAFT_PREFIX + key, JSON.stringify(value));
      } catch (e) {
        // A full or disabled store: the text stays in the form.
      }
    }
  };
  var loadDraft = function (key) {
    if (!storage) {
      return null;
    }
    try {
      return JSON.parse(storage.getItem(DRAFT_PREFIX + key));
    } catch (e) {
      return null;
    }
  };
  var dropDraft = function (key) {
    if (storage) {
      storage.removeItem(DRAFT_PREFIX + key);
    }
  };

  var lineRange = function (text) {
    var m = /^(\d+)-(\d+)$/.exec(text || "");
    return m ? { start: parseInt(m[1], 10), end: parseInt(m[2], 10) } : null;
  };
  var overlaps = function (a, b) {
    return a && b && a.start <= b.end && b.start <= a.end;
  };

  // ---------- Sending forms ----------

  // Posts a form's fields as the browser would, asking for JSON. Resolves on
  // success; rejects with a message to show (the server's, or why it failed).
  var send = function (action, fields) {
    var body = new URLSearchParams();
    Object.keys(fields).forEach(function (name) {
      if (fields[name] !== null && fields[name] !== undefined) {
        body.append(name, String(fields[name]));
      }
    });
    return window.fetch(action, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" },
      body: body.toString()
    }).then(function (response) {
      return response.text().then(function (text) {
        var data = null;
        try {
          data = JSON.parse(text);
        } catch (e) {
          data = null;
        }
        if (!response.ok) {
          var message = data && data.error ? (data.error.message || data.error) : null;
          throw new Error(typeof message === "string" ? message
            : "MCQ answered " + response.status + " (reload the page: the session may have ended)");
        }
        return data;
      });
    }, function () {
      throw new Error("no connection to MCQ");
    });
  };

  var formFields = function (form, submitter) {
    var fields = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && el.type !== "submit") {
        fields[el.name] = el.value;
      }
    });
    if (submitter && submitter.name) {
      fields[submitter.name] = submitter.value;
    }
    return fields;
  };

  var showStatus = function (form, text, failed) {
    var status = form.querySelector(".form-status");
    if (!status) {
      status = document.createElement("p");
      status.className = "form-status";
      status.setAttribute("role", "status");
      form.appendChild(status);
    }
    status.textContent = text;
    status.classList.toggle("is-error", !!failed);
  };

  var reloadAt = function (fragment) {
    if (fragment) {
      window.location.hash = fragment;
    }
    window.location.reload();
  };

  // Forms of the review panel: sent in the background so a failure keeps
  // what was typed (and says so); a browser without this script posts them.
  var draftKeyOf = function (field) {
    return field ? "field:" + field.getAttribute("data-draft") : null;
  };
  var wireForm = function (form) {
    var drafted = form.querySelector("[data-draft]");
    if (drafted) {
      var saved = loadDraft(draftKeyOf(drafted));
      if (saved && typeof saved.text === "string" && saved.text !== "" && drafted.value === "") {
        drafted.value = saved.text;
        showStatus(form, "Restored the text you had not sent yet.");
        form.classList.add("has-draft");
      }
      drafted.addEventListener("input", function () {
        if (drafted.value === "") {
          dropDraft(draftKeyOf(drafted));
        } else {
          saveDraft(draftKeyOf(drafted), { text: drafted.value });
        }
      });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var question = form.getAttribute("data-confirm");
      if (question && !window.confirm(question)) {
        return;
      }
      var fields = formFields(form, event.submitter);
      var button = event.submitter || form.querySelector("button[type=submit]");
      if (button) {
        button.disabled = true;
      }
      showStatus(form, "Sending…", false);
      send(form.getAttribute("action"), fields).then(function (answer) {
        if (drafted) {
          dropDraft(draftKeyOf(drafted));
        }
        var id = answer && answer.id && answer.kind ? "c-" + answer.id : null;
        var thread = form.closest(".thread");
        reloadAt(id || (thread ? thread.id : "review"));
      }, function (error) {
        if (button) {
          button.disabled = false;
        }
        showStatus(form, "Not sent: " + error.message + ". What you wrote is kept in this browser; try again.",
          true);
      });
    });
  };
  Array.prototype.forEach.call(review.querySelectorAll("form[data-review-form], form.verdict-form"), wireForm);

  if (!content) {
    return;
  }

  // ---------- Text positions in the page ----------

  // The text nodes of an element with their collapsed text, so a collapsed
  // quote found in the joined text maps back to nodes and offsets.
  var textIndex = function (root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, null);
    var pieces = [];
    var joined = "";
    var lastSpace = true;
    var node;
    while ((node = walker.nextNode())) {
      if (node.parentNode && node.parentNode.closest && node.parentNode.closest(".thread, .comment-form")) {
        continue;
      }
      var value = node.nodeValue;
      for (var i = 0; i < value.length; i++) {
        var space = /\s/.test(value.charAt(i));
        if (space && lastSpace) {
          continue;
        }
        pieces.push({ node: node, offset: i });
        joined += space ? " " : value.charAt(i);
        lastSpace = space;
      }
    }
    return { text: joined, at: pieces };
  };

  // Where the quote is in the index: the occurrence whose text before it ends
  // like the recorded prefix, else the first one.
  var findQuote = function (index, quote, prefix) {
    var q = collapse(quote);
    if (q === "") {
      return -1;
    }
    var first = index.text.indexOf(q);
    if (first < 0 || !prefix) {
      return first;
    }
    var p = collapse(prefix);
    var tail = p.slice(-24);
    for (var at = first; at >= 0; at = index.text.indexOf(q, at + 1)) {
      if (collapse(index.text.slice(Math.max(0, at - p.length - 1), at)).slice(-tail.length) === tail) {
        return at;
      }
    }
    return first;
  };

  // Wraps [from, to) of the index in <mark class="mcq-comment">, one per text node.
  var highlight = function (index, from, to, id) {
    var byNode = [];
    for (var i = from; i < to; i++) {
      var piece = index.at[i];
      var last = byNode[byNode.length - 1];
      if (last && last.node === piece.node) {
        last.end = piece.offset + 1;
      } else {
        byNode.push({ node: piece.node, start: piece.offset, end: piece.offset + 1 });
      }
    }
    var marks = [];
    byNode.reverse().forEach(function (part) {
      var range = document.createRange();
      range.setStart(part.node, part.start);
      range.setEnd(part.node, part.end);
      var mark = document.createElement("mark");
      mark.className = "mcq-comment";
      mark.setAttribute("data-comment-id", id);
      try {
        range.surroundContents(mark);
        marks.unshift(mark);
      } catch (e) {
        // A part that cannot be wrapped stays plain; the thread still shows the quote.
      }
    });
    return marks;
  };

  // The element that carries the source lines of a node in the content.
  var positioned = function (node) {
    var el = node.nodeType === 1 ? node : node.parentNode;
    return el && el.closest ? el.closest("[data-source-lines]") : null;
  };

  // The top-level element of the content holding a node: threads go after it.
  var topLevel = function (node) {
    var el = node.nodeType === 1 ? node : node.parentNode;
    while (el && el.parentNode !== content) {
      el = el.parentNode;
    }
    return el;
  };

  // ---------- Threads on their passages ----------

  var blocksFor = function (thread) {
    var blocks = [];
    if (isChanges) {
      var current = lineRange(thread.getAttribute("data-current-lines"));
      var original = lineRange(thread.getAttribute("data-lines"));
      var selector = current ? "div.chg[data-new-lines]" : "div.chg-del[data-old-lines]";
      var wanted = current || (thread.getAttribute("data-outdated") === "true" ? original : null);
      if (!wanted) {
        return blocks;
      }
      Array.prototype.forEach.call(content.querySelectorAll(selector), function (wrapper) {
        var lines = lineRange(wrapper.getAttribute(current ? "data-new-lines" : "data-old-lines"));
        if (overlaps(lines, wanted)) {
          blocks.push(wrapper);
        }
      });
      return blocks;
    }
    var range = lineRange(thread.getAttribute("data-current-lines"));
    if (!range) {
      return blocks;
    }
    Array.prototype.forEach.call(content.children, function (child) {
      if (overlaps(lineRange(child.getAttribute("data-source-lines")), range)) {
        blocks.push(child);
      }
    });
    return blocks;
  };

  // Beside the text (from 900px) a thread floats level with the top of its
  // passage, so it goes before it; on a phone it goes below the passage.
  var wide = window.matchMedia("(min-width: 900px)");
  var placements = [];
  var besidePassage = function (node, first, last) {
    if (wide.matches) {
      first.parentNode.insertBefore(node, first);
    } else {
      last.parentNode.insertBefore(node, last.nextSibling);
    }
  };
  var placeAll = function () {
    placements.forEach(function (p) {
      besidePassage(p.thread, p.first, p.last);
    });
  };
  var placed = 0;
  var threads = Array.prototype.slice.call(review.querySelectorAll(".anchored-threads .thread"));
  threads.forEach(function (thread) {
    var blocks = blocksFor(thread);
    if (blocks.length === 0) {
      return;
    }
    var quoteEl = thread.querySelector(".quote");
    var id = thread.getAttribute("data-comment-id");
    blocks.some(function (block) {
      var index = textIndex(block);
      var at = findQuote(index, quoteEl ? quoteEl.textContent : "", quoteEl ? quoteEl.getAttribute("data-prefix") : "");
      if (at < 0) {
        return false;
      }
      var marks = highlight(index, at, at + collapse(quoteEl.textContent).length, id);
      marks.forEach(function (mark) {
        mark.classList.add(thread.classList.contains("is-resolved") ? "is-resolved" : "is-open");
        mark.addEventListener("click", function () {
          thread.classList.add("is-focused");
          thread.scrollIntoView({ block: "nearest" });
          window.setTimeout(function () {
            thread.classList.remove("is-focused");
          }, 1200);
        });
      });
      return true;
    });
    placements.push({ thread: thread, first: blocks[0], last: blocks[blocks.length - 1] });
    thread.classList.add("is-placed");
    placed++;
  });
  placeAll();
  if (wide.addEventListener) {
    wide.addEventListener("change", placeAll);
  }
  // What is left in the list could not be placed: on the changes view, those are outdated.
  var list = review.querySelector(".anchored-threads");
  if (list) {
    var heading = list.querySelector("h3");
    if (list.querySelectorAll(".thread").length === 0) {
      list.hidden = true;
    } else if (heading) {
      heading.textContent = isChanges ? "Outdated" : "Comments whose passage is not in this revision";
    }
  }
  review.setAttribute("data-placed", String(placed));

  if (!canReview || isChanges) {
    document.documentElement.setAttribute("data-review-ready", "true");
    return;
  }

  // ---------- Commenting on a selection ----------

  var toolbar = document.createElement("div");
  toolbar.className = "comment-toolbar";
  toolbar.id = "comment-toolbar";
  toolbar.setAttribute("role", "toolbar");
  toolbar.setAttribute("aria-label", "Comment on the selection");
  toolbar.hidden = true;
  var actions = [
    { kind: "comment", label: "Comment" },
    { kind: "replacement", label: "Suggest replacement" },
    { kind: "deletion", label: "Ask to delete" }
  ];
  var pending = null;
  actions.forEach(function (action) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "toolbar-" + action.kind;
    button.textContent = action.label;
    // Keep the selection: pressing the button must not clear it first.
    button.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    button.addEventListener("click", function () {
      if (pending) {
        openForm(Object.assign({ kind: action.kind, text: "", replacement: action.kind === "replacement"
          ? pending.quote : "" }, pending));
        hideToolbar();
      }
    });
    toolbar.appendChild(button);
  });
  document.body.appendChild(toolbar);

  var hideToolbar = function () {
    toolbar.hidden = true;
    pending = null;
  };

  // The selection as an anchor: its quote, the text around it within its
  // blocks, and the source lines of those blocks.
  var anchorOf = function (selection) {
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
      return null;
    }
    var range = selection.getRangeAt(0);
    if (!content.contains(range.commonAncestorContainer)) {
      return null;
    }
    var startBlock = positioned(range.startContainer);
    var endBlock = positioned(range.endContainer);
    if (!startBlock || !endBlock || startBlock.closest(".thread, .comment-form")
        || endBlock.closest(".thread, .comment-form")) {
      return null;
    }
    var quote = collapse(range.toString());
    if (quote === "") {
      return null;
    }
    var first = lineRange(startBlock.getAttribute("data-source-lines"));
    var last = lineRange(endBlock.getAttribute("data-source-lines"));
    var before = document.createRange();
    before.setStart(startBlock, 0);
    before.setEnd(range.startContainer, range.startOffset);
    var after = document.createRange();
    after.setStart(range.endContainer, range.endOffset);
    after.setEnd(endBlock, endBlock.childNodes.length);
    var prefix = collapse(before.toString());
    var suffix = collapse(after.toString());
    return {
      quote: quote,
      prefix: prefix.slice(-CONTEXT_CHARS),
      suffix: suffix.slice(0, CONTEXT_CHARS),
      start_line: Math.min(first.start, last.start),
      end_line: Math.max(first.end, last.end),
      rect: range.getBoundingClientRect(),
      block: topLevel(range.endContainer)
    };
  };

  var settle = null;
  var onSelection = function () {
    window.clearTimeout(settle);
    // Wait until the selection stops moving (a long-press's handles being dragged).
    settle = window.setTimeout(function () {
      var anchor = anchorOf(window.getSelection());
      if (!anchor) {
        hideToolbar();
        return;
      }
      pending = anchor;
      toolbar.hidden = false;
      var top = window.scrollY + anchor.rect.bottom + 10;
      var left = window.scrollX + anchor.rect.left;
      var width = toolbar.offsetWidth;
      left = Math.max(window.scrollX + 8, Math.min(left, window.scrollX + document.documentElement.clientWidth
        - width - 8));
      toolbar.style.top = top + "px";
      toolbar.style.left = left + "px";
    }, 250);
  };
  document.addEventListener("selectionchange", onSelection);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      hideToolbar();
    }
  });

  var draftKey = function (anchor) {
    return "quote:" + anchor.quote;
  };

  var labelled = function (labelText, field) {
    var label = document.createElement("label");
    var span = document.createElement("span");
    span.textContent = labelText;
    label.appendChild(span);
    label.appendChild(field);
    return label;
  };

  // The inline form for a comment on a passage, after the passage's block.
  var openForm = function (draft) {
    var existing = null;
    Array.prototype.forEach.call(content.querySelectorAll(".comment-form"), function (form) {
      if (form.getAttribute("data-quote-key") === draftKey(draft)) {
        existing = form;
      }
    });
    if (existing) {
      existing.querySelector("textarea").focus();
      return existing;
    }
    var form = document.createElement("form");
    form.className = "comment-form kind-" + draft.kind;
    form.setAttribute("data-quote-key", draftKey(draft));
    var title = document.createElement("p");
    title.className = "comment-form-title";
    title.textContent = draft.kind === "replacement" ? "Suggest a replacement for"
      : draft.kind === "deletion" ? "Ask to delete" : "Comment on";
    var quote = document.createElement("blockquote");
    quote.className = "quote";
    quote.textContent = draft.quote;
    form.appendChild(title);
    form.appendChild(quote);
    var replacement = null;
    if (draft.kind === "replacement") {
      replacement = document.createElement("textarea");
      replacement.name = "replacement";
      replacement.rows = 3;
      replacement.value = draft.replacement || "";
      replacement.className = "replacement-input";
      form.appendChild(labelled("Replace with", replacement));
    }
    var text = document.createElement("textarea");
    text.name = "text";
    text.rows = 3;
    text.value = draft.text || "";
    text.className = "comment-input";
    text.required = draft.kind === "comment";
    form.appendChild(labelled(draft.kind === "comment" ? "Comment" : "Why (optional)", text));
    var buttons = document.createElement("div");
    buttons.className = "comment-form-buttons";
    var submit = document.createElement("button");
    submit.type = "submit";
    submit.className = "primary comment-submit";
    submit.textContent = "Send";
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "comment-cancel";
    cancel.textContent = "Cancel";
    buttons.appendChild(submit);
    buttons.appendChild(cancel);
    form.appendChild(buttons);

    var record = function () {
      saveDraft(draftKey(draft), {
        kind: draft.kind, quote: draft.quote, prefix: draft.prefix, suffix: draft.suffix,
        start_line: draft.start_line, end_line: draft.end_line, text: text.value,
        replacement: replacement ? replacement.value : null
      });
    };
    text.addEventListener("input", record);
    if (replacement) {
      replacement.addEventListener("input", record);
    }
    record();
    cancel.addEventListener("click", function () {
      dropDraft(draftKey(draft));
      form.remove();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      record();
      submit.disabled = true;
      showStatus(form, "Sending…", false);
      send(base + "/comments", {
        csrf: review.getAttribute("data-csrf"), kind: draft.kind, revision: revision, quote: draft.quote,
        prefix: draft.prefix, suffix: draft.suffix, start_line: draft.start_line, end_line: draft.end_line,
        text: text.value, replacement: replacement ? replacement.value : null
      }).then(function (comment) {
        dropDraft(draftKey(draft));
        reloadAt("c-" + comment.id);
      }, function (error) {
        submit.disabled = false;
        showStatus(form, "Not sent: " + error.message + ". Your comment is kept in this browser; try again.",
          true);
      });
    });

    var block = draft.block || blockForLines(draft.start_line, draft.end_line);
    if (block) {
      besidePassage(form, block, block);
    } else {
      content.appendChild(form);
    }
    text.focus({ preventScroll: true });
    form.scrollIntoView({ block: "nearest" });
    return form;
  };

  var blockForLines = function (start, end) {
    var found = null;
    Array.prototype.forEach.call(content.children, function (child) {
      if (overlaps(lineRange(child.getAttribute("data-source-lines")), { start: start, end: end })) {
        found = child;
      }
    });
    return found;
  };

  // Drafts left by a reload or a failed send come back where they were.
  if (storage) {
    var keys = [];
    for (var i = 0; i < storage.length; i++) {
      var key = storage.key(i);
      if (key && key.indexOf(DRAFT_PREFIX + "quote:") === 0) {
        keys.push(key.slice(DRAFT_PREFIX.length));
      }
    }
    keys.forEach(function (key) {
      var draft = loadDraft(key);
      if (draft && typeof draft.quote === "string" && typeof draft.kind === "string") {
        var form = openForm(draft);
        showStatus(form, "Restored the comment you had not sent yet.", false);
        form.classList.add("has-draft");
      }
    });
  }
  document.documentElement.setAttribute("data-review-ready", "true");
})();
