// Admin: users with their roles, creating a user with a role at a unit, giving an existing user another role,
// disabling or enabling a user, resetting a password (the user must change it) and lifting a login lockout.
// Refusals are shown at the field their pointer names (e.g. /password, /roles/0/orgUnitId).
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Input, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { ApiError, api } from '../../api';
import { useI18n } from '../../i18n';
import { useTexts } from '../../texts';
import { fieldErrors } from '../../field-errors';
import { unitTree, type OrgUnitRow } from '../../org-units';
import { ROLES, ROLE_TEXTS } from './admin-texts';

const TEXTS = {
  title: ['用户与角色', 'Users and roles'],
  users: ['用户', 'Users'],
  create: ['新建用户', 'Create a user'],
  username: ['登录名', 'User name'],
  displayName: ['姓名', 'Display name'],
  password: ['初始密码', 'Initial password'],
  role: ['角色', 'Role'],
  unit: ['所在机构', 'At unit'],
  roles: ['角色', 'Roles'],
  grant: ['授予角色', 'Give a role'],
  grantTo: ['授予角色:', 'Give a role to '],
  save: ['创建', 'Create'],
  created: ['已创建用户:', 'Created user: '],
  granted: ['已授予角色:', 'Role given to: '],
  disabled: ['已停用', 'disabled'],
  cancel: ['取消', 'Cancel'],
  actions: ['账号', 'Account'],
  disable: ['停用', 'Disable'],
  enable: ['启用', 'Enable'],
  unlock: ['解除锁定', 'Unlock'],
  reset: ['重置密码', 'Reset password'],
  resetFor: ['重置密码:', 'Reset the password of '],
  newPassword: ['新密码(用户下次登录时须修改)', 'New password (the user must change it at next login)'],
  done: ['已完成:', 'Done: '],
  ...ROLE_TEXTS,
} as const;

interface UserRow {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  roles: { role: string; orgUnitId: string }[];
}
interface NewUser {
  username?: string;
  displayName?: string;
  password?: string;
  role?: string;
  orgUnitId?: string;
}

const CREATE_FIELDS: Record<string, keyof NewUser> = {
  '/username': 'username',
  '/displayName': 'displayName',
  '/password': 'password',
  '/roles/0/role': 'role',
  '/roles/0/orgUnitId': 'orgUnitId',
};
const GRANT_FIELDS: Record<string, keyof NewUser> = { '/role': 'role', '/orgUnitId': 'orgUnitId' };

export function UsersPage() {
  const { t, lt, locale } = useI18n();
  const tx = useTexts(TEXTS);
  const [users, setUsers] = useState<UserRow[]>([]);
  const [units, setUnits] = useState<OrgUnitRow[]>([]);
  const [granting, setGranting] = useState<UserRow | null>(null);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const [resetForm] = Form.useForm<NewUser>();
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [createForm] = Form.useForm<NewUser>();
  const [grantForm] = Form.useForm<NewUser>();

  const load = async () => {
    const [u, o] = await Promise.all([
      api<{ users: UserRow[] }>('GET', '/api/users'),
      api<{ units: OrgUnitRow[] }>('GET', '/api/org-units'),
    ]);
    setUsers(u.users);
    setUnits(o.units);
  };
  useEffect(() => {
    load().catch((e) => setError(e instanceof ApiError ? lt(e.text) : String(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load once when the page opens
  }, []);

  const unitName = (id: string) => lt(units.find((u) => u.id === id)?.name) || id;
  const tree = useMemo(() => unitTree(units, (u) => lt(u.name)), [units, lt]);
  const roleLabel = (r: string) => (ROLES.includes(r as never) ? tx(r as keyof typeof ROLE_TEXTS) : r);

  /** Sends a request; a refusal goes to the fields of `form` (by pointer), anything else to the page alert. */
  const send = async (form: FormInstance<NewUser>, fields: Record<string, keyof NewUser>, call: () => Promise<unknown>, ok: string) => {
    setBusy(true);
    setNotice(null);
    setError(null);
    form.setFields(Object.values(fields).map((name) => ({ name, errors: [] })));
    try {
      await call();
      setNotice(ok);
      form.resetFields();
      await load();
      return true;
    } catch (e) {
      if (!(e instanceof ApiError)) {
        setError(String(e));
        return false;
      }
      const fe = fieldErrors(e.details, locale, (p) => fields[p] ?? null);
      form.setFields(Object.entries(fe.fields).map(([name, errors]) => ({ name: name as keyof NewUser, errors })));
      setError([lt(e.text), ...fe.general].join(':'));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const create = (v: NewUser) =>
    send(
      createForm,
      CREATE_FIELDS,
      () =>
        api('POST', '/api/users', {
          username: v.username?.trim() ?? '',
          displayName: v.displayName ?? '',
          password: v.password ?? '',
          roles: v.role || v.orgUnitId ? [{ role: v.role, orgUnitId: v.orgUnitId }] : [],
        }),
      `${tx('created')}${v.username}`,
    );

  const grant = async (v: NewUser) => {
    if (!granting) return;
    const done = await send(
      grantForm,
      GRANT_FIELDS,
      () => api('POST', `/api/users/${encodeURIComponent(granting.id)}/roles`, { role: v.role, orgUnitId: v.orgUnitId }),
      `${tx('granted')}${granting.username}`,
    );
    if (done) setGranting(null);
  };

  const reset = async (v: NewUser) => {
    if (!resetting) return;
    const done = await send(
      resetForm,
      { '/password': 'password' },
      () => api('POST', `/api/users/${encodeURIComponent(resetting.id)}/password`, { password: v.password ?? '' }),
      `${tx('done')}${tx('reset')} ${resetting.username}`,
    );
    if (done) setResetting(null);
  };

  /** disable, enable or unlock: no fields, the outcome goes to the page's notice or alert. */
  const act = (u: UserRow, action: 'disable' | 'enable' | 'unlock') =>
    send(createForm, {}, () => api('POST', `/api/users/${encodeURIComponent(u.id)}/${action}`), `${tx('done')}${tx(action)} ${u.username}`);

  const roleFields = (prefix: string) => (
    <>
      <Form.Item name="role" label={tx('role')}>
        <Select id={`${prefix}_role`} options={ROLES.map((r) => ({ value: r, label: tx(r) }))} />
      </Form.Item>
      <Form.Item name="orgUnitId" label={tx('unit')}>
        <TreeSelect id={`${prefix}_orgUnitId`} treeData={tree} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
      </Form.Item>
    </>
  );

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <a href="#/">{t('back')}</a>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {tx('title')}
      </Typography.Title>
      {notice && <Alert type="success" role="status" message={notice} data-testid="notice" />}
      {error && <Alert type="error" role="alert" message={error} data-testid="errors" />}
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{tx('create')}</h2>}>
        <Form
          form={createForm}
          name="newUser"
          layout="vertical"
          onFinish={(v) => void create(v)}
          data-testid="create-user"
          style={{ maxWidth: 480 }}
        >
          <Form.Item name="username" label={tx('username')}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label={tx('displayName')}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="password" label={tx('password')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          {roleFields('newUser')}
          <Button type="primary" htmlType="submit" loading={busy} data-testid="create-user-submit">
            {tx('save')}
          </Button>
        </Form>
      </Card>
      {granting && (
        <Card
          size="small"
          title={
            <h2 style={{ fontSize: 16, margin: 0 }}>
              {tx('grantTo')}
              {granting.displayName} ({granting.username})
            </h2>
          }
          data-testid="grant-role"
        >
          <Form form={grantForm} name="grant" layout="vertical" onFinish={(v) => void grant(v)} style={{ maxWidth: 480 }}>
            {roleFields('grant')}
            <Space>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="grant-submit">
                {tx('grant')}
              </Button>
              <Button onClick={() => setGranting(null)}>{tx('cancel')}</Button>
            </Space>
          </Form>
        </Card>
      )}
      {resetting && (
        <Card
          size="small"
          title={
            <h2 style={{ fontSize: 16, margin: 0 }}>
              {tx('resetFor')}
              {resetting.displayName} ({resetting.username})
            </h2>
          }
          data-testid="reset-password"
        >
          <Form form={resetForm} name="reset" layout="vertical" onFinish={(v) => void reset(v)} style={{ maxWidth: 480 }}>
            <Form.Item name="password" label={tx('newPassword')}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="reset-submit">
                {tx('reset')}
              </Button>
              <Button onClick={() => setResetting(null)}>{tx('cancel')}</Button>
            </Space>
          </Form>
        </Card>
      )}
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{tx('users')}</h2>}>
        <div style={{ overflowX: 'auto' }}>
          <Table<UserRow>
            data-testid="users"
            rowKey="id"
            size="small"
            dataSource={users}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            onRow={(u) => ({ 'data-user': u.username }) as any}
            columns={[
              { title: tx('username'), dataIndex: 'username', key: 'username' },
              {
                title: tx('displayName'),
                key: 'name',
                render: (_, u) => (
                  <>
                    {u.displayName}
                    {u.disabled && <Tag>{tx('disabled')}</Tag>}
                  </>
                ),
              },
              {
                title: tx('roles'),
                key: 'roles',
                render: (_, u) =>
                  u.roles.map((r, i) => (
                    <Tag key={i} data-role={`${r.role}@${r.orgUnitId}`}>
                      {roleLabel(r.role)} · {unitName(r.orgUnitId)}
                    </Tag>
                  )),
              },
              {
                title: tx('grant'),
                key: 'grant',
                render: (_, u) => (
                  <Button
                    size="small"
                    onClick={() => {
                      grantForm.resetFields();
                      setGranting(u);
                    }}
                    aria-label={`${tx('grant')} ${u.username}`}
                  >
                    {tx('grant')}
                  </Button>
                ),
              },
              {
                title: tx('actions'),
                key: 'actions',
                render: (_, u) => (
                  <Space size={4} wrap>
                    <Button
                      autoInsertSpace={false}
                      size="small"
                      danger={!u.disabled}
                      disabled={busy}
                      onClick={() => void act(u, u.disabled ? 'enable' : 'disable')}
                      aria-label={`${tx(u.disabled ? 'enable' : 'disable')} ${u.username}`}
                    >
                      {tx(u.disabled ? 'enable' : 'disable')}
                    </Button>
                    <Button
                      autoInsertSpace={false}
                      size="small"
                      disabled={busy}
                      onClick={() => {
                        resetForm.resetFields();
                        setResetting(u);
                      }}
                      aria-label={`${tx('reset')} ${u.username}`}
                    >
                      {tx('reset')}
                    </Button>
                    <Button
                      autoInsertSpace={false}
                      size="small"
                      disabled={busy}
                      onClick={() => void act(u, 'unlock')}
                      aria-label={`${tx('unlock')} ${u.username}`}
                    >
                      {tx('unlock')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        </div>
      </Card>
    </Space>
  );
}
