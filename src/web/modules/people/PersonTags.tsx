import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { PERSON_TAGS, type PersonTag } from '../../lib/types';

const COLORS: Record<PersonTag, string> = {
  party_member: 'red',
  in_service_party_member: 'volcano',
  rider: 'blue',
  volunteer: 'green',
  disabled: 'purple',
  low_income: 'orange',
  child_in_difficulty: 'magenta',
  elderly: 'gold',
};

export function isPersonTag(tag: string): tag is PersonTag {
  return (PERSON_TAGS as readonly string[]).includes(tag);
}

export function useTagLabel(): (tag: string) => string {
  const { t } = useTranslation();
  return (tag) => (isPersonTag(tag) ? t(`people.tagsMap.${tag}`) : tag);
}

export function PersonTags({ tags }: { tags: string[] }) {
  const label = useTagLabel();
  return (
    <>
      {tags.map((tag) => (
        <Tag key={tag} color={isPersonTag(tag) ? COLORS[tag] : undefined} style={{ marginBottom: 2 }}>
          {label(tag)}
        </Tag>
      ))}
    </>
  );
}
