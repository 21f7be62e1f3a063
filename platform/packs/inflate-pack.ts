// Step 1 of reading a pack: its bytes to text, with the size, the inflated size and the ratio capped while
// inflating (zlib stops at maxOutputLength, so a bomb never reaches memory), and the text strict UTF-8.
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { PACK_LIMITS } from './pack-format';
import { packDetail, refusal, type PackRefusal } from './pack-refusal';

const gunzipAsync = promisify(gunzip);
const mib = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;

/** The most a pack of `size` bytes may inflate to: the absolute cap, or the ratio over the floor. */
export function inflateLimit(size: number): number {
  return Math.min(PACK_LIMITS.inflatedBytes, Math.max(PACK_LIMITS.ratioFloorBytes, size * PACK_LIMITS.ratio));
}

export async function inflatePack(bytes: Uint8Array): Promise<{ text: string } | PackRefusal> {
  if (bytes.length > PACK_LIMITS.packBytes) {
    return refusal(
      'PACK_TOO_LARGE',
      packDetail(
        'PACK_TOO_LARGE',
        '',
        `插件包过大(上限 ${mib(PACK_LIMITS.packBytes)})`,
        `The pack is too large (limit ${mib(PACK_LIMITS.packBytes)})`,
      ),
    );
  }
  if (bytes.length < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    return refusal('PACK_INVALID', packDetail('NOT_GZIP', '', '不是插件包(不是 gzip 文件)', 'Not a pack (not a gzip file)'));
  }
  const limit = inflateLimit(bytes.length);
  let inflated: Buffer;
  try {
    inflated = await gunzipAsync(bytes, { maxOutputLength: limit });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
      const byRatio = limit < PACK_LIMITS.inflatedBytes;
      return refusal(
        'PACK_TOO_LARGE',
        byRatio
          ? packDetail(
              'RATIO_TOO_HIGH',
              '',
              `插件包解压后过大(超过压缩大小的 ${PACK_LIMITS.ratio} 倍)`,
              `The pack inflates too far (more than ${PACK_LIMITS.ratio} times its size)`,
            )
          : packDetail(
              'INFLATED_TOO_LARGE',
              '',
              `插件包解压后过大(上限 ${mib(PACK_LIMITS.inflatedBytes)})`,
              `The pack inflates too far (limit ${mib(PACK_LIMITS.inflatedBytes)})`,
            ),
      );
    }
    return refusal('PACK_INVALID', packDetail('NOT_GZIP', '', '插件包已损坏(无法解压)', 'The pack is damaged (cannot be inflated)'));
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(inflated) };
  } catch {
    return refusal('PACK_INVALID', packDetail('NOT_UTF8', '', '插件包内容不是 UTF-8 文本', 'The pack content is not UTF-8 text'));
  }
}
