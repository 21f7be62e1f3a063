// The counts the shell shows beside the menu and on the bell: to-dos and unread messages. Read again on every
// change of page and every minute, and at once when a page says it changed them (marking messages read).
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { api } from '../api';

export interface WorkCounts {
  todos: number | null;
  unread: number | null;
  refresh: () => void;
}

export const WorkCountsContext = createContext<WorkCounts>({ todos: null, unread: null, refresh: () => {} });
export const useWorkCounts = () => useContext(WorkCountsContext);

const EVERY_MS = 60_000;

export function useWorkCountsSource(active: boolean): WorkCounts {
  const [counts, setCounts] = useState<{ todos: number | null; unread: number | null }>({ todos: null, unread: null });
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    if (!active) return;
    window.addEventListener('hashchange', refresh);
    const timer = window.setInterval(refresh, EVERY_MS);
    return () => {
      window.removeEventListener('hashchange', refresh);
      window.clearInterval(timer);
    };
  }, [active, refresh]);
  useEffect(() => {
    if (!active) return;
    let live = true;
    Promise.all([
      api<{ total: number }>('GET', '/api/me/todos'),
      api<{ unread: number }>('GET', '/api/me/messages?unread=true&limit=1'),
    ]).then(
      ([t, m]) => live && setCounts({ todos: t.total, unread: m.unread }),
      // A count that cannot be read is left out rather than shown wrong; the next page change tries again.
      () => live && setCounts({ todos: null, unread: null }),
    );
    return () => {
      live = false;
    };
  }, [active, tick]);
  return { ...counts, refresh };
}
