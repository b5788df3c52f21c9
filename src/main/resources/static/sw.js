// MCQ's service worker, served at /sw.js so that its scope is the whole site.
//
// - Pages: network first. A page a signed-in reviewer opened (the queue, a
//   document, its history, changes and old revisions) is kept in the
//   "mcq-pages" cache, at most MAX_PAGES of them, so that it can be read when
//   MCQ cannot be reached: the kept copy is shown with a banner that says so
//   and when it was saved. A page that was never kept gives the offline page.
// - Files attached to documents (the reader's images): network first, kept
//   like pages.
// - /static/ files have versioned addresses: cache first.
// - Nothing else is touched or kept: other methods than GET, other origins,
//   /events, /login, /logout, /v1/..., /mcp, and no answer but a plain 200.
// - Sign-out: MCQ sends a signed-out browser to /login, and a navigation there
//   drops every kept page (so do the page script and the Clear-Site-Data
//   header of the sign-out response). A kept page whose address now answers
//   with anything but the page (a redirect to sign in, a 404 for an unqueued
//   document) is dropped as well.
'use strict';

const STATIC_CACHE = 'mcq-static-{{assets-version}}';
const PAGES_CACHE = 'mcq-pages';
const OFFLINE_PAGE = '{{asset:offline.html}}';
const PRECACHE = [OFFLINE_PAGE, '{{asset:mcq.css}}', '{{asset:offline.js}}', '{{asset:pwa.js}}',
  '{{asset:favicon.svg}}'];
const MAX_PAGES = 100;
const SAVED_AT = 'X-MCQ-Saved-At';
const TITLE = 'X-MCQ-Title';

// The queue (any view), a document, its history, its changes and its old revisions.
const KEPT_PAGE = /^\/(d\/[^/]+(\/(history|changes|r\/\d+))?)?$/;
const KEPT_FILE = /^\/d\/[^/]+(\/r\/\d+)?\/files\/.+$/;
const NEVER = /^\/(v1|mcp|events|logout)(\/|$)/;

// Counts sign-outs, so that a page still being saved when one happens is not kept after it.
let generation = 0;

self.addEventListener('install', event => {
  event.waitUntil(caches.open(STATIC_CACHE)
    .then(cache => cache.addAll(PRECACHE))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('mcq-static-') && name !== STATIC_CACHE) {
        await caches.delete(name);
      }
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', event => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || NEVER.test(url.pathname)) {
    return;
  }
  if (url.pathname.startsWith('/static/')) {
    event.respondWith(staticFile(event));
  } else if (request.mode === 'navigate') {
    event.respondWith(page(event, url));
  } else if (KEPT_FILE.test(url.pathname)) {
    event.respondWith(attachedFile(event));
  }
});

async function page(event, url) {
  if (url.pathname === '/login') {
    // Only a browser that is not signed in sees the sign-in page.
    await forgetPages();
  }
  const kept = KEPT_PAGE.test(url.pathname);
  let response;
  try {
    response = await fetch(event.request);
  } catch (e) {
    return (kept && await keptPage(event.request.url, 'You are offline')) || offlinePage();
  }
  if (!kept) {
    return response;
  }
  if (keepable(response, 'text/html')) {
    event.waitUntil(keep(event.request.url, response.clone(), true));
  } else if (response.status >= 500) {
    // A proxy in front of a stopped MCQ answers, but not with the page.
    const copy = await keptPage(event.request.url, 'MCQ cannot be reached');
    if (copy) {
      return copy;
    }
  } else {
    event.waitUntil(forget(event.request.url));
  }
  return response;
}

async function attachedFile(event) {
  let response;
  try {
    response = await fetch(event.request);
  } catch (e) {
    const copy = await caches.match(event.request.url, {cacheName: PAGES_CACHE, ignoreVary: true});
    if (copy) {
      return copy;
    }
    throw e;
  }
  if (keepable(response, '')) {
    event.waitUntil(keep(event.request.url, response.clone(), false));
  }
  return response;
}

async function staticFile(event) {
  const cache = await caches.open(STATIC_CACHE);
  const hit = await cache.match(event.request);
  if (hit) {
    return hit;
  }
  try {
    const response = await fetch(event.request);
    if (keepable(response, '')) {
      event.waitUntil(cache.put(event.request, response.clone()));
    }
    return response;
  } catch (e) {
    // A kept page of an older release names older versions; this release's file will do.
    const other = await cache.match(event.request, {ignoreSearch: true});
    if (other) {
      return other;
    }
    throw e;
  }
}

function keepable(response, type) {
  return response.status === 200 && response.type === 'basic' && !response.redirected
    && (response.headers.get('Content-Type') || '').startsWith(type);
}

async function keep(url, response, isPage) {
  const started = generation;
  const body = isPage ? await response.text() : await response.blob();
  const headers = new Headers(response.headers);
  // The body is stored decoded, whole.
  headers.delete('Content-Encoding');
  headers.delete('Content-Length');
  headers.set(SAVED_AT, new Date().toISOString());
  if (isPage) {
    const title = /<title>([^<]*)<\/title>/.exec(body);
    if (title) {
      headers.set(TITLE, encodeURIComponent(title[1].replace(/ · MCQ$/, '')));
    }
  }
  const cache = await caches.open(PAGES_CACHE);
  if (started !== generation) {
    return;
  }
  await cache.put(url, new Response(body, {status: 200, statusText: response.statusText, headers: headers}));
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_PAGES))) {
    await cache.delete(old);
  }
}

async function keptPage(url, reason) {
  const copy = await caches.match(url, {cacheName: PAGES_CACHE, ignoreVary: true});
  if (!copy) {
    return null;
  }
  const saved = new Date(copy.headers.get(SAVED_AT));
  const which = isNaN(saved) ? 'a copy saved earlier'
    : 'the copy saved at <time datetime="' + saved.toISOString() + '">'
      + escapeHtml(saved.toLocaleString(undefined, {dateStyle: 'medium', timeStyle: 'short'})) + '</time>';
  const banner = '<p class="offline-banner" id="offline-banner" role="status">' + reason
    + ' — this is ' + which + '. <a href="">Try again</a></p>';
  // The layout opens <main id="main"> before any text of the document, which is escaped anyway.
  const html = (await copy.text()).replace('<main id="main">', '<main id="main">' + banner);
  return new Response(html, {status: 200, headers: copy.headers});
}

async function offlinePage() {
  const page = await caches.match(OFFLINE_PAGE, {cacheName: STATIC_CACHE});
  return page || new Response('MCQ cannot be reached, and this page was not kept for reading offline.',
    {status: 503, headers: {'Content-Type': 'text/plain; charset=utf-8'}});
}

async function forget(url) {
  if (await caches.has(PAGES_CACHE)) {
    await (await caches.open(PAGES_CACHE)).delete(url);
  }
}

async function forgetPages() {
  generation++;
  await caches.delete(PAGES_CACHE);
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, c => '&#' + c.charCodeAt(0) + ';');
}
