// The preview of the chosen file (POST /api/imports/preview), asked again when the file, form or period changes,
// and the user's choices over it. A newer request wins over a slower older one; choosing a field another column
// had takes it from that column, since one field takes one column.
import { useEffect, useRef, useState } from 'react';
import { postMultipart } from '../../api';
import type { Choices, ImportPreview } from './MappingTable';

export interface PreviewRequest {
  plugin: string;
  form: string;
  period: string;
  orgUnitId: string;
  update: boolean;
  file: File;
}

const DEBOUNCE_MS = 400;

export function useImportPreview(req: PreviewRequest | null, onError: (e: unknown) => void) {
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [choices, setChoices] = useState<Choices>({});
  const [decided, setDecided] = useState<Set<number>>(new Set());
  const [changed, setChanged] = useState(false);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const key = req
    ? [req.plugin, req.form, req.period, req.orgUnitId, req.update, req.file.name, req.file.size, req.file.lastModified].join('|')
    : '';

  useEffect(() => {
    const n = ++seq.current;
    setPreview(null);
    if (!req) return;
    setLoading(true);
    const timer = window.setTimeout(() => {
      const body = new FormData();
      body.set('plugin', req.plugin);
      body.set('form', req.form);
      body.set('period', req.period);
      if (req.orgUnitId) body.set('orgUnitId', req.orgUnitId);
      if (req.update) body.set('update', 'true');
      body.set('file', req.file, req.file.name);
      postMultipart<ImportPreview>('/api/imports/preview', body, () => {}).then(
        (p) => {
          if (n !== seq.current) return;
          setPreview(p);
          setChoices(Object.fromEntries(p.columns.map((c) => [c.index, c.field])));
          setDecided(new Set());
          setChanged(false);
          setLoading(false);
        },
        (e) => {
          if (n !== seq.current) return;
          setLoading(false);
          onError(e);
        },
      );
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const choose = (column: number, target: string | null) => {
    setChoices((prev) => {
      const next: Choices = { ...prev, [column]: target };
      if (target !== null) for (const [c, t] of Object.entries(prev)) if (t === target && Number(c) !== column) next[Number(c)] = null;
      return next;
    });
    setDecided((prev) => new Set(prev).add(column));
    setChanged(true);
  };

  return { preview, choices, decided, changed, loading, choose };
}
