// What a lazily loaded page shows while its code arrives: a spinner a screen reader announces.
import { Spin } from 'antd';
import { useI18n } from '../i18n';

export function PageLoading() {
  const { t } = useI18n();
  return (
    <div role="status" aria-live="polite" data-testid="page-loading" style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
      <div style={{ marginTop: 8 }}>{t('loading')}</div>
    </div>
  );
}
