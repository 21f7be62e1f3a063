// Uploads in API tests: a multipart body built by hand (fields first, then the file, as the web app sends it),
// small files of each kind with the right magic bytes, and fresh uploads for the attachment ids a fixture names.
import type { TestPlatform } from './platform';

export interface UploadFile {
  name: string;
  type: string;
  content: Buffer;
}

export function multipart(fields: Record<string, string>, file?: UploadFile): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----hezuo${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"; filename*=UTF-8''${encodeURIComponent(file.name)}\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
    );
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A minimal PDF of about `size` bytes (the header is what the server checks). */
export const pdf = (size = 400) =>
  Buffer.concat([Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n', 'latin1'), Buffer.alloc(Math.max(0, size - 15), 0x20)]);
export const png = () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
export const docx = () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60)]);

export async function upload(tp: TestPlatform, token: string | undefined, fields: Record<string, string>, file?: UploadFile) {
  const { payload, headers } = multipart(fields, file);
  const res = await tp.app.inject({
    method: 'POST',
    url: '/api/attachments',
    headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload,
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null };
}

/**
 * A copy of `data` whose x-attachment arrays hold ids of PDFs just uploaded by `token`'s user (one per id the
 * data named): fixtures name placeholder ids, and a saved record may only name real uploads of its author.
 */
export async function withUploads(tp: TestPlatform, token: string, plugin: string, form: string, data: Record<string, any>) {
  const files = (await tp.call('GET', `/api/plugins/${plugin}`, token)).body.files as Record<string, any>;
  const schemaPath = files['plugin.json'].forms.find((f: any) => f.id === form).schema;
  const out = structuredClone(data);
  const walk = async (schema: any, value: any, pointer: string): Promise<any> => {
    if (!schema || typeof schema !== 'object' || value === null || value === undefined) return value;
    if (schema['x-attachment'] && Array.isArray(value)) {
      const ids = [];
      for (let i = 0; i < value.length; i++) {
        const r = await upload(
          tp,
          token,
          { plugin, form, field: pointer },
          { name: `材料${i + 1}.pdf`, type: 'application/pdf', content: pdf() },
        );
        if (r.status !== 201) throw new Error(`upload for ${pointer}: ${r.status} ${JSON.stringify(r.body)}`);
        ids.push(r.body.id);
      }
      return ids;
    }
    if (schema.properties && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, sub] of Object.entries(schema.properties)) {
        if (k in value) value[k] = await walk(sub, value[k], `${pointer}/${k}`);
      }
    }
    return value;
  };
  return walk(files[schemaPath], out, '');
}
