// A field's shown-when condition (`x-when`, JsonLogic over the record's data): edited by the rules' structured
// editor (LogicNodeView: and/or groups, not, field · comparison · value), the names offered being the form's other
// fields, so a pick is never a field the form lacks; a name typed in the schema text that the form lacks is marked.
import { useMemo } from 'react';
import { Button, Card, Space, Typography } from 'antd';
import { useI18n } from '../i18n';
import { useTexts } from '../texts';
import { fromLogic, newCondition, toLogic, type LogicNode } from './logic-tree';
import { nameChoices } from './logic-fields';
import { LogicNodeView } from './LogicNodeView';
import { patchField, type TreeNode } from './schema-edit';
import { STUDIO_TEXTS } from './studio-texts';

type Schema = Record<string, any>;

export function ShownWhenEditor({ schema, node, onSchema }: { schema: Schema; node: TreeNode; onSchema: (s: Schema) => void }) {
  const tx = useTexts(STUDIO_TEXTS);
  const { locale } = useI18n();
  const name = node.path.join('.');
  const when = node.schema['x-when'];
  const names = useMemo(() => {
    const own = `data.${name}`;
    // The field cannot depend on itself or, for a section, on what it holds.
    return nameChoices({ schema, values: {}, rules: [], known: {}, lang: locale }).filter(
      (n) => n.name.startsWith('data.') && n.name !== own && !n.name.startsWith(`${own}.`),
    );
  }, [schema, name, locale]);
  const tree = useMemo(() => (when === undefined ? null : fromLogic(when)), [when]);
  const set = (logic: unknown) => onSchema(patchField(schema, node.path, { 'x-when': logic }));
  const ctx = {
    idPrefix: `when-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`,
    names,
    update: (fn: (root: LogicNode) => LogicNode) => tree && set(toLogic(fn(tree))),
  };
  return (
    <Card size="small" title={tx('shownWhen')} data-testid="shown-when">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{tx('shownWhenNote')}</Typography.Text>
        {tree ? (
          <>
            <section aria-label={`${tx('shownWhen')} ${name}`}>
              <LogicNodeView node={tree} path={[]} ctx={ctx} />
            </section>
            <Button size="small" danger onClick={() => onSchema(patchField(schema, node.path, { 'x-when': undefined }))}>
              {tx('removeShownWhen')}
            </Button>
          </>
        ) : (
          <>
            {/* The loader refuses a condition on a required field: it would refuse a save for a field not shown. */}
            {node.required && <Typography.Text type="warning">{tx('whenNotRequired')}</Typography.Text>}
            <Button
              size="small"
              disabled={node.required}
              onClick={() => set(toLogic(newCondition(names[0]?.name ?? '')))}
              data-testid="add-shown-when"
            >
              {tx('addShownWhen')}
            </Button>
          </>
        )}
      </Space>
    </Card>
  );
}
