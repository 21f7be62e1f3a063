// Bilingual messages for ajv errors: zh-CN from ajv-i18n, en from ajv itself, replaced where the stock text
// would puzzle the officers filling a form (our formats, required fields, comparisons written as ">=").
import type { ErrorObject } from 'ajv';
// The file path, not the folder: ajv-i18n has no "exports" map, and Node's ESM loader does not resolve folders.
import localizeZh from 'ajv-i18n/localize/zh/index.js';
import { text, type LocalText } from '../errors';
import { FORMAT_MESSAGES } from './field-formats';

const COMPARISONS: Readonly<Record<string, string>> = {
  minimum: '应当大于或等于',
  exclusiveMinimum: '应当大于',
  maximum: '应当小于或等于',
  exclusiveMaximum: '应当小于',
};

/** Our wording for an error, or null to keep the stock one. Labels (field titles) are added by the caller. */
function ownMessage(e: ErrorObject): LocalText | null {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'format': {
      const format = String(p.format);
      return Object.prototype.hasOwnProperty.call(FORMAT_MESSAGES, format) ? FORMAT_MESSAGES[format] : null;
    }
    case 'required':
      // The pointer names the missing field and the caller prefixes its title, so the message is just this.
      return text('必须填写', 'is required');
    case 'additionalProperties':
      return text(`不允许有额外的属性“${p.additionalProperty}”`, `must NOT have additional property "${p.additionalProperty}"`);
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      return text(`${COMPARISONS[e.keyword]} ${p.limit}`, e.message ?? `must be ${p.comparison} ${p.limit}`);
    case 'x-uniqueBy': {
      // Rows are counted from 1 for people (the pointer keeps the index); zh names titles and labels, en the fields.
      const titles = p.titles as string[];
      const shown = p.shown as string[];
      const raw = (p.values as unknown[]).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
      const zh = titles.map((t, i) => `${t}=${shown[i]}`).join(',');
      const en = (p.fields as string[]).map((f, i) => `${f} = ${raw[i]}`).join(', ');
      const [row, first] = [Number(p.row) + 1, Number(p.duplicateOf) + 1];
      return text(`第 ${row} 行与第 ${first} 行重复(${zh})`, `row ${row} repeats row ${first} (${en})`);
    }
    case 'x-attachment':
      return text(`附件不能多于 ${p.limit} 个`, `must NOT have more than ${p.limit} attachments`);
    default:
      return null;
  }
}

/**
 * One LocalText per error, same order. ajv-i18n writes into the error objects it is given, so it gets copies:
 * the originals (and their English messages) stay as ajv made them, whoever else holds them.
 */
export function localizeErrors(errors: readonly ErrorObject[]): LocalText[] {
  const copies = errors.map((e) => ({ ...e, params: { ...e.params } }));
  localizeZh(copies);
  return errors.map((e, i) => {
    const own = ownMessage(e);
    if (own) return own;
    return text(copies[i].message ?? e.keyword, e.message ?? e.keyword);
  });
}

/** Prefixes a message with the field's label: "成员数量：应当大于或等于 20" / "Member count: must be >= 20". */
export function withLabel(message: LocalText, label: LocalText | null): LocalText {
  if (!label) return message;
  return text(`${label['zh-CN']}：${message['zh-CN']}`, `${label.en}: ${message.en}`);
}
