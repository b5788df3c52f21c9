// MCQ live updates: keeps open pages current as documents are pushed, from
// the server-sent events of /events. The queue fetches itself again and
// swaps in the server's own rendering of its list, counts and title; the
// reader says when a new revision of its document arrived. The browser's
// EventSource reconnects by itself after a dropped connection or a restart.
(() => {
  'use strict';
  if (!window.EventSource) {
    return;
  }
  const queuePage = document.querySelector('section.queue:not(.search)');
  const article = document.getElementById('document');
  const slug = article ? article.dataset.slug : null;
  if (!queuePage && !slug) {
    return;
  }

  // Several pushes in a burst cost one fetch.
  let pending = null;
  const refreshQueue = () => {
    if (pending) {
      return;
    }
    pending = setTimeout(async () => {
      try {
        const response = await fetch(location.href, {credentials: 'same-origin', headers: {Accept: 'text/html'}});
        if (!response.ok || !response.headers.get('Content-Type').startsWith('text/html')) {
          return;
        }
        const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
        const section = fresh.querySelector('section.queue:not(.search)');
        if (!section) {
          return;
        }
        const current = document.querySelector('section.queue:not(.search)');
        const typing = current.contains(document.activeElement) && document.activeElement.matches('input, select');
        const parts = ['#queue-summary', '#views', '#queue', '#pager', '#empty-view'];
        const sameShape = parts.every(id => !!current.querySelector(id) === !!section.querySelector(id));
        if (sameShape) {
          parts.forEach(id => {
            const old = current.querySelector(id);
            if (old) {
              old.replaceWith(document.adoptNode(section.querySelector(id)));
            }
          });
        } else if (!typing) {
          current.replaceWith(document.adoptNode(section));
        }
        document.title = fresh.title;
      } finally {
        pending = null;
      }
    }, 250);
  };

  const showNotice = (text) => {
    let notice = document.getElementById('live-notice');
    if (!notice) {
      notice = document.createElement('p');
      notice.id = 'live-notice';
      notice.className = 'live-notice';
      notice.setAttribute('role', 'status');
      article.prepend(notice);
    }
    notice.replaceChildren();
    notice.append(text + ' ');
    const base = '/d/' + encodeURIComponent(slug);
    if (text.startsWith('A new revision')) {
      const changes = document.createElement('a');
      changes.href = base + '/changes';
      changes.textContent = 'See what changed';
      const reload = document.createElement('a');
      reload.href = base;
      reload.textContent = 'read it';
      notice.append(changes, ' or ', reload, '.');
    }
  };

  const source = new EventSource('/events');
  const onDocument = (event, deleted) => {
    let data;
    try {
      data = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (queuePage) {
      refreshQueue();
    } else if (data.slug === slug) {
      showNotice(deleted ? 'This document was deleted.' : 'A new revision arrived.');
    }
  };
  source.addEventListener('document', event => onDocument(event, false));
  source.addEventListener('deleted', event => onDocument(event, true));
  // After a reconnection the queue may have missed events: bring it up to date once.
  // The page's state of the stream, for styles and for tests: open or reconnecting.
  let opened = false;
  source.addEventListener('open', () => {
    if (opened && queuePage) {
      refreshQueue();
    }
    opened = true;
    document.documentElement.dataset.live = 'open';
  });
  source.addEventListener('error', () => {
    document.documentElement.dataset.live = 'reconnecting';
  });
})();
