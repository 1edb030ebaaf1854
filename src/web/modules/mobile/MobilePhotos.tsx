import { useEffect, useRef, useState } from 'react';
import { App as AntApp, Button, Spin } from 'antd';
import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { compressPhoto, MAX_PHOTOS, type PendingPhoto } from './photos';

let seq = 0;

/**
 * Photos taken with the phone's camera (`capture`), compressed as soon as they are picked and kept on the
 * phone until the form is sent: the form uploads them then, so a request written offline keeps its photos.
 */
export function MobilePhotos({
  value,
  onChange,
  max = MAX_PHOTOS,
  testId = 'm-photos',
}: {
  value: PendingPhoto[];
  onChange: (v: PendingPhoto[]) => void;
  max?: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef(value);
  latest.current = value;
  const [busy, setBusy] = useState(0);
  useEffect(() => () => latest.current.forEach((p) => URL.revokeObjectURL(p.url)), []);

  const add = async (files: FileList | null) => {
    const picked = [...(files ?? [])].filter((f) => f.type.startsWith('image/') || f.type === '');
    if (files && picked.length < files.length) void message.warning(t('mobile.onlyPhotos'));
    const room = max - latest.current.length;
    if (picked.length > room) void message.warning(t('mobile.tooManyPhotos', { max }));
    const take = picked.slice(0, Math.max(0, room));
    setBusy((n) => n + take.length);
    for (const f of take) {
      const blob = await compressPhoto(f);
      const next = [...latest.current, { id: `p${++seq}`, blob, url: URL.createObjectURL(blob) }];
      latest.current = next;
      onChange(next);
      setBusy((n) => n - 1);
    }
  };
  const remove = (id: string) => {
    const p = value.find((x) => x.id === id);
    if (p) URL.revokeObjectURL(p.url);
    onChange(value.filter((x) => x.id !== id));
  };

  const tile: React.CSSProperties = {
    width: '100%',
    aspectRatio: '1',
    borderRadius: 6,
    overflow: 'hidden',
    position: 'relative',
    background: '#fafafa',
    border: '1px dashed #d9d9d9',
  };
  return (
    <div
      data-testid={testId}
      data-count={value.length}
      style={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 8 }}
    >
      {value.map((p, i) => (
        <div key={p.id} style={{ ...tile, border: 'none' }} data-testid="m-photo">
          <img
            src={p.url}
            alt={t('mobile.photoN', { n: i + 1 })}
            style={{ width: '100%', height: '100%', objectFit: 'cover' }}
          />
          <Button
            size="small"
            shape="circle"
            icon={<CloseOutlined />}
            aria-label={t('mobile.removePhoto')}
            onClick={() => remove(p.id)}
            style={{ position: 'absolute', top: 4, right: 4 }}
          />
        </div>
      ))}
      {busy > 0 && (
        <div style={{ ...tile, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          <Spin />
        </div>
      )}
      {value.length + busy < max && (
        <button
          type="button"
          onClick={() => input.current?.click()}
          style={{
            ...tile,
            cursor: 'pointer',
            color: '#888',
            display: 'flex',
            flexDirection: 'column',
            alignItems: 'center',
            justifyContent: 'center',
            gap: 4,
          }}
          data-testid={`${testId}-add`}
        >
          <CameraOutlined style={{ fontSize: 24 }} />
          <span>{t('mobile.addPhoto')}</span>
        </button>
      )}
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        style={{ display: 'none' }}
        data-testid={`${testId}-input`}
        onChange={(e) => {
          void add(e.target.files);
          e.target.value = '';
        }}
      />
    </div>
  );
}
