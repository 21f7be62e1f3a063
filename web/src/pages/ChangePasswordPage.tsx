// A user sets their own password: always reachable at #/password, and the only page after an admin reset one
// (the server answers every other route with PASSWORD_CHANGE_REQUIRED until then).
import { useState } from 'react';
import { Alert, Button, Card, Form, Input } from 'antd';
import { ApiError, api } from '../api';
import { useI18n } from '../i18n';
import { useTexts } from '../texts';
import { fieldErrors } from '../field-errors';

const TEXTS = {
  title: ['修改密码', 'Change your password'],
  required: ['管理员重置了您的密码,请先设置您自己的密码。', 'An admin reset your password; please set your own first.'],
  current: ['当前密码', 'Current password'],
  password: ['新密码(至少 10 位,不能是常见密码)', 'New password (10 characters at least, not a common one)'],
  save: ['保存', 'Save'],
  done: ['密码已修改', 'Your password was changed'],
} as const;

interface Values {
  currentPassword?: string;
  password?: string;
}

export function ChangePasswordPage({ required, onDone }: { required: boolean; onDone: () => void }) {
  const { lt, locale } = useI18n();
  const tx = useTexts(TEXTS);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    form.setFields([
      { name: 'currentPassword', errors: [] },
      { name: 'password', errors: [] },
    ]);
    try {
      await api('POST', '/api/me/password', { currentPassword: v.currentPassword ?? '', password: v.password ?? '' });
      setDone(true);
      form.resetFields();
      onDone();
    } catch (e) {
      if (!(e instanceof ApiError)) {
        setError(String(e));
        return;
      }
      const fe = fieldErrors(e.details, locale, (p) => (p === '/currentPassword' || p === '/password' ? p.slice(1) : null));
      form.setFields(Object.entries(fe.fields).map(([name, errors]) => ({ name: name as keyof Values, errors })));
      setError([lt(e.text), ...fe.general].join(':'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      title={<h1 style={{ fontSize: 20, margin: 0 }}>{tx('title')}</h1>}
      style={{ maxWidth: 480, margin: '40px auto' }}
      data-testid="change-password"
    >
      {required && <Alert type="warning" message={tx('required')} style={{ marginBottom: 12 }} />}
      {done && <Alert type="success" role="status" message={tx('done')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item label={tx('current')} name="currentPassword">
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item label={tx('password')} name="password">
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} role="alert" />}
        <Button type="primary" htmlType="submit" loading={busy} block>
          {tx('save')}
        </Button>
      </Form>
    </Card>
  );
}
