// 我的待办: per form, the states where records wait for a step the user may take now, each with its count and a
// link to the review queue showing that state.
import { useEffect, useState } from 'react';
import { Alert, Card, List, Space, Tag, Typography } from 'antd';
import { ApiError, api } from '../api';
import { useI18n, type LocalText } from '../i18n';
import { useTexts } from '../texts';
import { ListItemMeta } from '../ListItemMeta';

const TEXTS = {
  title: ['我的待办', 'My to-dos'],
  none: ['目前没有等您处理的记录。', 'Nothing waits for you now.'],
  waiting: ['条待处理', 'waiting'],
  steps: ['可执行', 'You may'],
  open: ['在审核队列中打开', 'Open in the review queue'],
} as const;

interface Todo {
  plugin: string;
  pluginTitle: LocalText;
  form: string;
  formTitle: LocalText;
  state: string;
  stateTitle: LocalText | null;
  count: number;
  transitions: { id: string; title: LocalText }[];
}

export function TodosPage() {
  const { lt } = useI18n();
  const tx = useTexts(TEXTS);
  const [todos, setTodos] = useState<Todo[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api<{ items: Todo[] }>('GET', '/api/me/todos').then(
      (r) => live && setTodos(r.items),
      (e) => live && setError(e instanceof ApiError ? lt(e.text) : String(e)),
    );
    return () => {
      live = false;
    };
  }, [lt]);

  const forms = [...new Map((todos ?? []).map((t) => [`${t.plugin}/${t.form}`, t])).values()];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large" data-testid="todos-page">
      <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
        {tx('title')}
      </Typography.Title>
      {error && <Alert type="error" role="alert" message={error} />}
      {todos && todos.length === 0 && <Typography.Paragraph>{tx('none')}</Typography.Paragraph>}
      {forms.map((f) => (
        <Card
          key={`${f.plugin}/${f.form}`}
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{`${lt(f.formTitle)} · ${lt(f.pluginTitle)}`}</h2>}
        >
          <List
            dataSource={todos!.filter((t) => t.plugin === f.plugin && t.form === f.form)}
            renderItem={(t) => (
              <List.Item
                data-testid="todo"
                data-todo={`${t.plugin}/${t.form}/${t.state}`}
                actions={[
                  <a key="open" href={`#/queue?state=${encodeURIComponent(t.state)}`}>
                    {tx('open')}
                  </a>,
                ]}
              >
                <ListItemMeta
                  level={3}
                  title={
                    <Space wrap>
                      <span>{lt(t.stateTitle) || t.state}</span>
                      <Tag color="blue">
                        <span data-testid="todo-count">{t.count}</span> {tx('waiting')}
                      </Tag>
                    </Space>
                  }
                  description={`${tx('steps')}: ${t.transitions.map((s) => lt(s.title)).join('、')}`}
                />
              </List.Item>
            )}
          />
        </Card>
      ))}
    </Space>
  );
}
