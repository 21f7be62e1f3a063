import { useState } from 'react';
import { Alert, Button, Card, Form, Input } from 'antd';
import { ApiError, api } from '../api';
import { useI18n } from '../i18n';
import type { LoginAnswer, LoginBody, Me } from '../api-types';

export function LoginPage({ onLogin }: { onLogin: (me: Me) => void }) {
  const { t, lt } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: LoginBody) => {
    setBusy(true);
    setError(null);
    try {
      // The answer's token is for API clients; the browser keeps only the HttpOnly cookie the login sets.
      await api<LoginAnswer>('POST', '/api/auth/login', v);
      onLogin(await api<Me>('GET', '/api/me'));
    } catch (e) {
      setError(e instanceof ApiError ? lt(e.text) : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('login')}</h1>} style={{ maxWidth: 420, margin: '40px auto' }}>
      <Form layout="vertical" onFinish={submit}>
        <Form.Item label={t('username')} name="username" rules={[{ required: true }]}>
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item label={t('password')} name="password" rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} role="alert" />}
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t('login')}
        </Button>
      </Form>
    </Card>
  );
}
