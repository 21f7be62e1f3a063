// Admin: the org tree in the admin's scope, and a form to add a unit under a parent or, with no parent, a new root
// (a county of one's own beside the others); only levels below the parent's are offered, and the server's refusal
// is shown at the field its pointer names.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Tree, TreeSelect, Typography } from 'antd';
import { ApiError, api } from '../../api';
import { useI18n } from '../../i18n';
import { useTexts } from '../../texts';
import { fieldErrors } from '../../field-errors';
import { unitTree, type OrgUnitRow } from '../../org-units';
import { LEVELS, LEVEL_TEXTS } from './admin-texts';

const TEXTS = {
  title: ['组织机构', 'Org units'],
  tree: ['机构树', 'Tree'],
  add: ['新增机构', 'Add a unit'],
  parent: ['上级机构', 'Parent unit'],
  parentHelp: [
    '不选则新增顶级机构(如另一个县),您将成为其管理员',
    'Leave empty to add a root unit (such as another county); you become its administrator',
  ],
  id: ['编号', 'Id'],
  code: ['行政区划代码', 'Code'],
  nameZh: ['中文名称', 'Name (Chinese)'],
  nameEn: ['英文名称', 'Name (English)'],
  level: ['层级', 'Level'],
  save: ['新增', 'Add'],
  added: ['已新增:', 'Added: '],
  ...LEVEL_TEXTS,
} as const;

interface Values {
  parentId?: string;
  id?: string;
  code?: string;
  nameZh?: string;
  nameEn?: string;
  level?: string;
}

const FIELD_OF: Record<string, keyof Values> = {
  '/parentId': 'parentId',
  '/id': 'id',
  '/code': 'code',
  '/name': 'nameZh',
  '/level': 'level',
};

export function OrgPage() {
  const { t, lt, locale } = useI18n();
  const tx = useTexts(TEXTS);
  const [units, setUnits] = useState<OrgUnitRow[]>([]);
  const [form] = Form.useForm<Values>();
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const parentId = Form.useWatch('parentId', form);
  // A unit sits below its parent's level (a county cannot sit under a township); a root may be of any level.
  const levels = useMemo(() => {
    const parent = units.find((u) => u.id === parentId);
    return parent ? LEVELS.slice(LEVELS.indexOf(parent.level as (typeof LEVELS)[number]) + 1) : LEVELS;
  }, [units, parentId]);

  const load = () =>
    api<{ units: OrgUnitRow[] }>('GET', '/api/org-units').then(
      (r) => setUnits(r.units),
      (e) => setError(e instanceof ApiError ? lt(e.text) : String(e)),
    );
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load once when the page opens
  }, []);

  const label = (u: OrgUnitRow) => `${lt(u.name)} (${u.code} · ${tx(u.level as keyof typeof LEVEL_TEXTS) ?? u.level})`;
  const tree = useMemo(() => unitTree(units, label), [units, locale]); // eslint-disable-line react-hooks/exhaustive-deps
  const choices = useMemo(() => unitTree(units, (u) => lt(u.name)), [units, lt]);

  const submit = async (v: Values) => {
    setBusy(true);
    setNotice(null);
    setError(null);
    form.setFields(Object.values(FIELD_OF).map((name) => ({ name, errors: [] })));
    try {
      const u = await api<OrgUnitRow>('POST', '/api/org-units', {
        parentId: v.parentId ?? null,
        id: v.id?.trim(),
        code: v.code?.trim(),
        level: v.level,
        name: { 'zh-CN': v.nameZh?.trim() ?? '', en: v.nameEn?.trim() ?? '' },
      });
      setNotice(`${tx('added')}${lt(u.name)}`);
      form.resetFields();
      await load();
    } catch (e) {
      if (!(e instanceof ApiError)) {
        setError(String(e));
        return;
      }
      const fe = fieldErrors(e.details, locale, (p) => FIELD_OF[p] ?? null);
      form.setFields(Object.entries(fe.fields).map(([name, errors]) => ({ name: name as keyof Values, errors })));
      setError([lt(e.text), ...fe.general].join(':'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <a href="#/">{t('back')}</a>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {tx('title')}
      </Typography.Title>
      {notice && <Alert type="success" role="status" message={notice} data-testid="notice" />}
      {error && <Alert type="error" role="alert" message={error} data-testid="errors" />}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{tx('tree')}</h2>}>
            {units.length > 0 && <Tree data-testid="org-tree" treeData={tree} defaultExpandAll selectable={false} key={units.length} />}
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{tx('add')}</h2>}>
            <Form form={form} name="unit" layout="vertical" onFinish={(v) => void submit(v)} data-testid="add-unit">
              <Form.Item name="parentId" label={tx('parent')} extra={tx('parentHelp')}>
                <TreeSelect treeData={choices} treeDefaultExpandAll showSearch treeNodeFilterProp="title" allowClear />
              </Form.Item>
              <Form.Item name="id" label={tx('id')}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item name="code" label={tx('code')}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item name="nameZh" label={tx('nameZh')}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item name="nameEn" label={tx('nameEn')}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item name="level" label={tx('level')}>
                <Select options={levels.map((l) => ({ value: l, label: tx(l) }))} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="add-unit-submit">
                {tx('save')}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
