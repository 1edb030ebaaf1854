import { Image, Space } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import type { Attachment } from './attachments.api';

/** Thumbnails of a step's files: photos open in the previewer (the original), documents open as a download. */
export function AttachmentThumbs({
  files,
  size = 64,
  testId,
}: {
  files: Attachment[];
  size?: number;
  testId?: string;
}) {
  if (files.length === 0) return null;
  const photos = files.filter((f) => f.thumbnailUrl);
  const docs = files.filter((f) => !f.thumbnailUrl);
  return (
    <Space size={6} wrap data-testid={testId} className="attachment-thumbs">
      <Image.PreviewGroup>
        {photos.map((f) => (
          <Image
            key={f.id}
            src={f.thumbnailUrl!}
            preview={{ src: f.url }}
            alt={f.name}
            width={size}
            height={size}
            style={{ objectFit: 'cover', borderRadius: 4 }}
          />
        ))}
      </Image.PreviewGroup>
      {docs.map((f) => (
        <a key={f.id} href={f.url} target="_blank" rel="noreferrer">
          <FilePdfOutlined /> {f.name}
        </a>
      ))}
    </Space>
  );
}
