// An address the app does not know (a mistyped or outdated link): say so, and offer the way back home.
import { Button, Result } from 'antd';
import { useTexts } from '../texts';

const TEXTS = {
  title: ['页面不存在', 'Page not found'],
  detail: ['该地址没有对应的页面,可能链接有误或已过期。', 'Nothing lives at this address; the link may be mistyped or outdated.'],
  home: ['返回首页', 'Back to the start page'],
} as const;

export function NotFoundPage() {
  const tx = useTexts(TEXTS);
  return (
    <div data-testid="not-found">
      <Result
        status="404"
        title={<h1 style={{ fontSize: 22, margin: 0 }}>{tx('title')}</h1>}
        subTitle={tx('detail')}
        extra={
          <Button type="primary" href="#/">
            {tx('home')}
          </Button>
        }
      />
    </div>
  );
}
