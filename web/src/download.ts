// Downloads a file from the API through fetch (the session cookie goes along), so a refusal can be shown as an error
// instead of a page of JSON.
import { apiErrorOf } from './api';

/** Fetches `url` and saves the body under the server's Content-Disposition name (or `fallback`). */
export async function downloadFile(url: string, fallback: string): Promise<void> {
  const res = await fetch(url);
  if (!res.ok)
    throw apiErrorOf(res.status, await res.json().catch(() => null), {
      'zh-CN': `下载失败(${res.status})`,
      en: `Download failed (${res.status})`,
    });
  const blob = await res.blob();
  const name = fileNameOf(res.headers.get('content-disposition')) ?? fallback;
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** The file name of a Content-Disposition header, preferring the RFC 5987 UTF-8 form. */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain ? plain[1] : null;
}
