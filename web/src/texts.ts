// Page-local UI strings: each page keeps its own [zh-CN, en] table instead of growing the shared one in i18n.tsx,
// so pages built side by side never edit the same file.
import { useI18n } from './i18n';

export type Texts = Record<string, readonly [string, string]>;

export function useTexts<T extends Texts>(table: T): (key: keyof T) => string {
  const { locale } = useI18n();
  return (key) => table[key][locale === 'en' ? 1 : 0];
}
