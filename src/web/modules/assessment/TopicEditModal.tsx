import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { orgKeys } from '../org/org.api';
import { searchCompounds } from '../work-orders/work-orders.api';
import type { Topic } from './types';

const splitOwners = (v: string) =>
  v
    .split(/[,，、]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Edits a topic: name, description, responsible units and the pilot compounds (searchable, several). */
export function EditTopicModal(p: {
  topic: Topic;
  saving: boolean;
  onClose: () => void;
  onSave: (body: { title: string; description: string; owners: string[]; pilotCompoundIds: string[] }) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ title: string; description: string; owners: string; pilots: string[] }>();
  const [q, setQ] = useState('');
  // the previous results stay listed while the next keystroke's search runs: the list does not empty under the pointer
  const found = useQuery({
    queryKey: orgKeys.search(q, 'compound'),
    queryFn: () => searchCompounds(q),
    placeholderData: keepPreviousData,
  });
  const [known, setKnown] = useState(() => new Map(p.topic.pilotCompounds.map((c) => [c.id, c.name])));
  const options = useMemo(() => {
    // what the search found first, then the chosen ones it did not find (their tags need a label)
    const all = new Map((found.data ?? []).map((u) => [u.id, u.name] as const));
    for (const [id, name] of known) if (!all.has(id)) all.set(id, name);
    return [...all].map(([value, label]) => ({ value, label }));
  }, [known, found.data]);
  const submit = async () => {
    const v = await form.validateFields();
    p.onSave({
      title: v.title,
      description: v.description ?? '',
      owners: splitOwners(v.owners),
      pilotCompoundIds: v.pilots,
    });
  };
  return (
    <Modal
      open
      title={t('topics.edit')}
      okText={t('common.save')}
      onOk={submit}
      onCancel={p.onClose}
      confirmLoading={p.saving}
      okButtonProps={{ ...{ 'data-testid': 'topic-edit-save' } }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          title: p.topic.title,
          description: p.topic.description,
          owners: p.topic.owners.join('、'),
          pilots: p.topic.pilotCompounds.map((c) => c.id),
        }}
      >
        <Form.Item name="title" label={t('topics.topicTitle')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="topic-edit-title" />
        </Form.Item>
        <Form.Item name="description" label={t('topics.description')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item
          name="owners"
          label={t('topics.owners')}
          extra={t('topics.ownersHint')}
          rules={[
            { required: true },
            {
              validator: (_r, v: string) =>
                splitOwners(v ?? '').length > 0 ? Promise.resolve() : Promise.reject(new Error(t('topics.ownersHint'))),
            },
          ]}
        >
          <Input data-testid="topic-edit-owners" />
        </Form.Item>
        <Form.Item
          name="pilots"
          label={t('topics.pilots')}
          rules={[{ required: true, type: 'array', min: 1, message: t('topics.pilotsRequired') }]}
        >
          <Select
            mode="multiple"
            showSearch={{ filterOption: false, onSearch: setQ }}
            loading={found.isFetching}
            options={options}
            maxTagCount={20}
            placeholder={t('meetings.pickCompound')}
            onChange={(ids: string[], opts) => {
              const list = Array.isArray(opts) ? opts : [opts];
              setKnown((m) => {
                const next = new Map(m);
                ids.forEach((id, i) => {
                  const o = list[i] as { label?: unknown } | undefined;
                  if (o?.label && !next.has(id)) next.set(id, String(o.label));
                });
                return next;
              });
            }}
            data-testid="topic-edit-pilots"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
