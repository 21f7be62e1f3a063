// What a file is, told by its first bytes rather than its name: the server refuses an upload whose bytes do not
// match the media type claimed for it, and the browser runs the same test before uploading. Browser-safe: no Node.

/** Magic numbers of the formats offices send; a claimed type of a family must start with one of its signatures. */
const SIGNATURES: readonly { family: string; bytes: readonly number[] }[] = [
  { family: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46] }, // %PDF
  { family: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
  { family: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { family: 'gif', bytes: [0x47, 0x49, 0x46, 0x38] }, // GIF8
  { family: 'zip', bytes: [0x50, 0x4b, 0x03, 0x04] }, // PK\x03\x04: docx, xlsx, pptx, odt, zip
  { family: 'ole', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] }, // legacy doc, xls, ppt
];

/** The signature family each known media type must show. */
const FAMILY_OF: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/gif': 'gif',
  'application/zip': 'zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'zip',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'zip',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'zip',
  'application/msword': 'ole',
  'application/vnd.ms-excel': 'ole',
  'application/vnd.ms-powerpoint': 'ole',
};

/** File name extensions, for files whose type the browser or the client did not say. */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  zip: 'application/zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  txt: 'text/plain',
  csv: 'text/csv',
};

/** Short names for showing accepted types to people ("PDF, JPG, Word"). */
const LABELS: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'application/zip': 'ZIP',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (.docx)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (.xlsx)',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint (.pptx)',
  'application/msword': 'Word (.doc)',
  'application/vnd.ms-excel': 'Excel (.xls)',
  'application/vnd.ms-powerpoint': 'PowerPoint (.ppt)',
  'image/*': 'images',
  'text/plain': 'TXT',
  'text/csv': 'CSV',
};

const startsWith = (head: Uint8Array, sig: readonly number[]) => head.length >= sig.length && sig.every((b, i) => head[i] === b);

/** The signature family of the bytes, or null for none we know. */
export function sniffFamily(head: Uint8Array): string | null {
  return SIGNATURES.find((s) => startsWith(head, s.bytes))?.family ?? null;
}

/** The media type a file name suggests, or null. */
export function typeFromName(name: string): string | null {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? (BY_EXTENSION[m[1].toLowerCase()] ?? null) : null;
}

/** The media type to hold a file to: what was claimed, unless that says nothing, then what the name says. */
export function claimedType(declared: string | undefined | null, name: string): string | null {
  const t = (declared ?? '').split(';')[0].trim().toLowerCase();
  if (t && t !== 'application/octet-stream') return t;
  return typeFromName(name);
}

/** True when `type` is one of `accept` (exact, or "image/*"-style); no accept list means anything goes. */
export function isAccepted(type: string, accept: readonly string[] | undefined): boolean {
  if (!accept || accept.length === 0) return true;
  return accept.some((a) => a === type || (a.endsWith('/*') && type.startsWith(a.slice(0, -1))));
}

/**
 * True when the first bytes can be a file of `type`: a known type must show its signature; a type we know no
 * signature for must not show a signature of another format (a PDF sent as "text/plain" is refused).
 */
export function bytesMatchType(head: Uint8Array, type: string): boolean {
  const family = Object.prototype.hasOwnProperty.call(FAMILY_OF, type) ? FAMILY_OF[type] : null;
  const found = sniffFamily(head);
  return family ? found === family : found === null;
}

export const typeLabel = (type: string) => LABELS[type] ?? type;

/** "20 MB", "512 KB": binary units, as file managers show them. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} B`;
}

/** A file name safe to store and to send back: no path, no control characters, bounded length. */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '_')
    .replace(/^\.+/, '')
    .trim();
  const trimmed = clean.length > 200 ? clean.slice(0, 100) + '…' + clean.slice(-99) : clean;
  return trimmed || 'file';
}
