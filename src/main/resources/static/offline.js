// MCQ's offline page: lists the pages this browser kept for reading offline
// (the service worker's "mcq-pages" cache), newest first, with the time each
// was saved. Titles are set as text, never as markup.
(() => {
  'use strict';
  const PAGES_CACHE = 'mcq-pages';
  const list = document.getElementById('kept-list');
  if (!list || !window.caches) {
    return;
  }
  const show = async () => {
    if (!(await caches.has(PAGES_CACHE))) {
      return;
    }
    const cache = await caches.open(PAGES_CACHE);
    const kept = [];
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      const url = new URL(request.url);
      if (!response || url.origin !== location.origin) {
        continue;
      }
      let title = '';
      try {
        // The worker kept the title as the page wrote it (HTML-escaped); an inert
        // parse turns it back into text.
        const escaped = decodeURIComponent(response.headers.get('X-MCQ-Title') || '');
        title = new DOMParser().parseFromString(escaped, 'text/html').documentElement.textContent;
      } catch (e) {
        // A title that does not decode: the address stands in for it.
      }
      title = title || url.pathname;
      kept.push({href: url.pathname + url.search, title: title, savedAt: response.headers.get('X-MCQ-Saved-At')});
    }
    kept.sort((a, b) => (b.savedAt || '').localeCompare(a.savedAt || ''));
    for (const page of kept) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = page.href;
      link.textContent = page.title;
      item.append(link);
      const saved = new Date(page.savedAt);
      if (!isNaN(saved)) {
        const time = document.createElement('time');
        time.dateTime = saved.toISOString();
        time.textContent = saved.toLocaleString(undefined, {dateStyle: 'medium', timeStyle: 'short'});
        item.append(' ', document.createElement('span'));
        item.lastChild.className = 'saved';
        item.lastChild.append('saved ', time);
      }
      list.append(item);
    }
    document.getElementById('kept').hidden = kept.length === 0;
  };
  show().catch(() => {
    // Storage unavailable: the page still says MCQ cannot be reached.
  });
})();
