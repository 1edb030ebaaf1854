import { pinyin } from 'pinyin-pro';

/** Toneless full pinyin and initials of a name, for search ('zhangsan', 'zs'); surnames read as surnames (单 = shan). */
export function namePinyin(name: string): { full: string; initials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' });
  const clean = syllables.map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, '')).filter(Boolean);
  return { full: clean.join(''), initials: clean.map((s) => s[0]).join('') };
}
