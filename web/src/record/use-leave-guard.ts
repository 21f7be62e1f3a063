// Leaving a page with unsaved edits asks first. Closing or reloading the tab: the browser's own beforeunload dialog.
// In-app links (#/…): every navigation of the app is a link (menu, breadcrumbs, back, bell), so a click on one is
// caught before the hash changes and a dialog asks; on "leave" the link is followed. Links within the page (an
// anchor's #root_… section link) are not navigation and pass.
import { useEffect, useRef } from 'react';
import { App } from 'antd';
import { useTexts } from '../texts';
import { RECORD_TEXTS } from './record-texts';

export function useLeaveGuard(active: boolean): void {
  const tx = useTexts(RECORD_TEXTS);
  const { modal } = App.useApp();
  const state = useRef({ active, tx, modal, asking: false });
  state.current.active = active;
  state.current.tx = tx;
  state.current.modal = modal;

  useEffect(() => {
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (!state.current.active) return;
      e.preventDefault();
      // Older browsers show the dialog only when returnValue is set.
      e.returnValue = '';
    };
    const click = (e: MouseEvent) => {
      const s = state.current;
      if (!s.active || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.('a[href]');
      const href = a?.getAttribute('href') ?? '';
      if (!href.startsWith('#/') || a?.getAttribute('target')) return;
      e.preventDefault();
      e.stopPropagation();
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
          window.location.hash = href;
        },
        afterClose: () => {
          s.asking = false;
        },
      });
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', click, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', click, true);
    };
  }, []);
}
