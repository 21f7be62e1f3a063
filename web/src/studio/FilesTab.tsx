// Every file of the draft in the code editor, one at a time, chosen from a list; a file the manifest names is
// checked against the meta-schema of its kind as one types (meta-schema-lint.ts).
import { useMemo, useState } from 'react';
import { Select, Space } from 'antd';
import { useI18n } from '../i18n';
import { useTexts } from '../texts';
import { CodeEditor } from './CodeEditor';
import { kindOf } from './meta-schema-lint';
import { metaCheck } from './lint-off-thread';
import { STUDIO_TEXTS } from './studio-texts';
import type { DraftFiles } from './studio-api';

export function FilesTab({ files, onChange }: { files: DraftFiles; onChange: (path: string, text: string) => void }) {
  const tx = useTexts(STUDIO_TEXTS);
  const paths = Object.keys(files).sort((a, b) => (a === 'plugin.json' ? -1 : b === 'plugin.json' ? 1 : a.localeCompare(b)));
  const [chosen, setChosen] = useState(paths[0] ?? '');
  const path = chosen in files ? chosen : (paths[0] ?? '');
  const { lt } = useI18n();
  const kind = path.endsWith('.json') ? kindOf(files, path) : null;
  const check = useMemo(() => (kind ? metaCheck(kind, path, lt) : undefined), [kind, path, lt]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <label htmlFor="studio-file">{tx('file')}</label>
      <Select
        id="studio-file"
        aria-label={tx('file')}
        showSearch
        value={path}
        onChange={setChosen}
        options={paths.map((p) => ({ value: p, label: p }))}
        style={{ width: '100%' }}
        data-testid="studio-file"
      />
      {path && (
        <CodeEditor
          key={path}
          value={files[path]}
          onChange={(text) => onChange(path, text)}
          label={`${tx('file')} ${path}`}
          json={path.endsWith('.json')}
          testId="file-editor"
          check={check}
        />
      )}
    </Space>
  );
}
