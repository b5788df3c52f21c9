// MCQ as an installable web app: registers the service worker (/sw.js),
// which keeps the documents a reviewer opened so they can be read offline.
// On the sign-in page nobody is signed in any more (MCQ sends a signed-in
// browser on from there), so the kept pages are dropped here too, whatever
// the worker and the sign-out response's Clear-Site-Data already did: no
// page of an ended session may be shown from this browser's storage.
(() => {
  'use strict';
  // The name sw.js gives the cache of kept pages.
  const PAGES_CACHE = 'mcq-pages';
  if (location.pathname === '/login' && window.caches) {
    caches.delete(PAGES_CACHE).catch(() => {});
  }
  if (!('serviceWorker' in navigator)) {
    return;
  }
  navigator.serviceWorker.register('/sw.js', {scope: '/'}).catch(() => {
    // Offline, or storage disabled: the site works as before, without offline copies.
  });
})();
