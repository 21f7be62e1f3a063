// Leaving a page with unsaved edits asks first. Closing or reloading the tab: the browser's own beforeunload dialog.
// In-app links (#/…): every navigation of the app is a link (menu, breadcrumbs, back, bell), so a click on one is
// caught before the hash changes and a dialog asks; on "leave" the link is followed. Links within the page (an
// anchor's #root_… section link) are not navigation and pass. The browser's back and forward buttons: the URL has
// already changed when the browser says so (popstate, then hashchange), so the page puts its own URL back before the
// app's router sees the hashchange, and asks; "stay" keeps the page and its edits, "leave" goes where the button went.
import { useEffect, useRef } from 'react';
import { App } from 'antd';
import { useTexts } from '../texts';
import { RECORD_TEXTS } from './record-texts';

export function useLeaveGuard(active: boolean): void {
  const tx = useTexts(RECORD_TEXTS);
  const { modal } = App.useApp();
  const state = useRef({ active, tx, modal, asking: false, here: window.location.href });
  state.current.active = active;
  // The page's own URL as of this render (a saved new record moved to #/records/… with replaceState, which no event
  // tells): where back or forward is undone to.
  if (window.location.hash.startsWith('#/')) state.current.here = window.location.href;
  state.current.tx = tx;
  state.current.modal = modal;

  useEffect(() => {
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (!state.current.active) return;
      e.preventDefault();
      // Older browsers show the dialog only when returnValue is set.
      e.returnValue = '';
    };
    /** The URL of a back/forward the page undid: its hashchange is not the app's. */
    let swallow: string | null = null;
    const ask = (href: string) => {
      const s = state.current;
      if (s.asking) return;
      s.asking = true;
      s.modal.confirm({
        title: s.tx('leaveTitle'),
        content: s.tx('leaveBody'),
        okText: s.tx('leave'),
        okButtonProps: { danger: true, 'data-testid': 'leave-confirm' },
        cancelText: s.tx('stay'),
        cancelButtonProps: { 'data-testid': 'leave-cancel' },
        onOk: () => {
          s.active = false;
          swallow = null;
          window.location.hash = href;
        },
        afterClose: () => {
          s.asking = false;
        },
      });
    };
    const click = (e: MouseEvent) => {
      const s = state.current;
      if (!s.active || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.('a[href]');
      const href = a?.getAttribute('href') ?? '';
      if (!href.startsWith('#/') || a?.getAttribute('target')) return;
      e.preventDefault();
      e.stopPropagation();
      ask(href);
    };
    const popState = (e: PopStateEvent) => {
      const s = state.current;
      const to = window.location.href;
      const toHash = window.location.hash;
      // A section anchor (#root_…) is not navigation; nor is a return to the page's own URL.
      if (!s.active || !toHash.startsWith('#/') || to === s.here) return;
      e.stopImmediatePropagation();
      // Back where the page was, as a new entry (pushState fires no event); the hashchange on its way is not the app's.
      window.history.pushState(null, '', s.here);
      swallow = to;
      ask(toHash);
    };
    const hashChange = (e: HashChangeEvent) => {
      if (swallow === null || e.newURL !== swallow) return;
      swallow = null;
      e.stopImmediatePropagation();
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', click, true);
    // Capture on window: called before the router's own hashchange listener, so it can stop it.
    window.addEventListener('popstate', popState, true);
    window.addEventListener('hashchange', hashChange, true);
    return () => {
      window.removeEventListener('popstate', popState, true);
      window.removeEventListener('hashchange', hashChange, true);
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', click, true);
    };
  }, []);
}
