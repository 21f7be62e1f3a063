// Step 2 of reading a pack: the inflated text to a container whose every key, path and text is checked —
// exactly the keys of the format, safe relative paths once each in order, texts that are valid Unicode within the
// limits, and the text exactly the canonical JSON of what it holds (so duplicate keys or reordering are refused
// and one pack has one hash). Nothing is written; nothing of the pack is quoted in a refusal.
import semver from 'semver';
import { SAFE_PATH } from '../plugins/read-folder';
import { byCodeUnit, canonicalJson } from './canonical-json';
import { BASE64, FINGERPRINT, ID, SHA256, checkArray, checkKeys, checkString, type Errors } from './check-shape';
import { PACK_FORMAT, PACK_LIMITS, type PackContainer } from './pack-format';
import { packDetail, refusal, type PackRefusal } from './pack-refusal';

const MAX_DETAILS = 50;
const semverText = { zh: '语义化版本号', en: 'a semantic version' };
const rangeText = { zh: '版本范围', en: 'a version range' };
const idText = { zh: '插件标识', en: 'a plugin id' };
const hexText = { zh: 'sha256(64 位十六进制)', en: 'a sha256 (64 hex digits)' };
const isVersion = (s: string) => semver.valid(s) === s;
const isRange = (s: string) => semver.validRange(s) !== null;

/** Why a path is refused, or null when it is a safe relative plugin path. */
export function pathProblem(p: string): { sub: string; zh: string; en: string } | null {
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p))
    return { sub: 'PATH_ABSOLUTE', zh: '路径不能是绝对路径', en: 'The path cannot be absolute' };
  if (p.includes('\\')) return { sub: 'PATH_BACKSLASH', zh: '路径不能含反斜杠', en: 'The path cannot contain a backslash' };
  if (p.split('/').some((s) => s === '..' || s === '.' || s === ''))
    return { sub: 'PATH_TRAVERSAL', zh: '路径不能含 .. 或空段', en: 'The path cannot contain .., . or empty segments' };
  if (p.length > 300 || !SAFE_PATH.test(p))
    return {
      sub: 'PATH_UNSAFE',
      zh: '路径不允许(只能是插件的 JSON 或 YAML 文件)',
      en: "The path is not allowed (only a plugin's JSON or YAML files)",
    };
  return null;
}

/** Lone surrogates (from \ud800 escapes) and NUL cannot be stored or are not text. */
const NOT_TEXT = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const hasNul = (s: string) => s.includes('\u0000');

function checkEntries(files: unknown[], errors: Errors): PackRefusal | null {
  let total = 0;
  let previous: string | null = null;
  for (let i = 0; i < files.length && errors.length < MAX_DETAILS; i++) {
    const at = `/files/${i}`;
    const entry = files[i];
    if (!checkKeys(entry, at, ['path', 'text'], [], errors)) continue;
    const { path, text } = entry;
    if (typeof path !== 'string') {
      errors.push(packDetail('VALUE_INVALID', `${at}/path`, '路径应为文本', 'The path must be a string'));
      continue;
    }
    const problem = pathProblem(path);
    if (problem) {
      errors.push(packDetail(problem.sub, `${at}/path`, problem.zh, problem.en));
      continue;
    }
    if (previous !== null && byCodeUnit(previous, path) >= 0) {
      errors.push(
        previous === path
          ? packDetail('PATH_DUPLICATE', `${at}/path`, `文件重复:${path}`, `Duplicate file: ${path}`, path)
          : packDetail('NOT_CANONICAL', `${at}/path`, '文件未按路径排序', 'The files are not in path order', path),
      );
    }
    previous = path;
    if (typeof text !== 'string' || NOT_TEXT.test(text) || hasNul(text)) {
      errors.push(
        packDetail('TEXT_INVALID', `${at}/text`, `文件不是有效的 UTF-8 文本:${path}`, `The file is not valid UTF-8 text: ${path}`, path),
      );
      continue;
    }
    const bytes = Buffer.byteLength(text, 'utf8');
    total += bytes;
    if (bytes > PACK_LIMITS.fileBytes || total > PACK_LIMITS.totalBytes) {
      const one = bytes > PACK_LIMITS.fileBytes;
      return refusal(
        'PACK_TOO_LARGE',
        one
          ? packDetail('FILE_TOO_LARGE', `${at}/text`, `文件过大:${path}`, `File too large: ${path}`, path)
          : packDetail('FILE_TOO_LARGE', `${at}/text`, '插件包中的文件总量过大', "The pack's files are too large in all", path),
      );
    }
  }
  return null;
}

function checkManifest(m: unknown, errors: Errors): void {
  if (
    !checkKeys(m, '/manifest', ['id', 'version', 'platform', 'dependencies', 'files', 'contentSha256'], ['publisher', 'forkedFrom'], errors)
  )
    return;
  checkString(m.id, '/manifest/id', 64, (s) => ID.test(s), idText, errors);
  checkString(m.version, '/manifest/version', 64, isVersion, semverText, errors);
  checkString(m.platform, '/manifest/platform', PACK_LIMITS.textLength, isRange, rangeText, errors);
  checkString(m.contentSha256, '/manifest/contentSha256', 64, (s) => SHA256.test(s), hexText, errors);
  if (checkArray(m.dependencies, '/manifest/dependencies', PACK_LIMITS.dependencies, errors)) {
    m.dependencies.forEach((d, i) => {
      const at = `/manifest/dependencies/${i}`;
      if (!checkKeys(d, at, ['id', 'range'], [], errors)) return;
      checkString(d.id, `${at}/id`, 64, (s) => ID.test(s), idText, errors);
      checkString(d.range, `${at}/range`, PACK_LIMITS.textLength, isRange, rangeText, errors);
    });
  }
  if (checkArray(m.files, '/manifest/files', PACK_LIMITS.files, errors)) {
    let previous: string | null = null;
    for (let i = 0; i < m.files.length && errors.length < MAX_DETAILS; i++) {
      const at = `/manifest/files/${i}`;
      const f = m.files[i];
      if (!checkKeys(f, at, ['path', 'sha256', 'bytes'], [], errors)) continue;
      if (
        checkString(f.path, `${at}/path`, 300, (s) => pathProblem(s) === null, { zh: '安全的相对路径', en: 'a safe relative path' }, errors)
      ) {
        // Listed once each, in path order, like the files themselves.
        if (previous !== null && byCodeUnit(previous, f.path) >= 0) {
          errors.push(
            packDetail(
              previous === f.path ? 'PATH_DUPLICATE' : 'NOT_CANONICAL',
              `${at}/path`,
              '清单中的文件重复或未按路径排序',
              'The manifest lists a file twice or out of path order',
            ),
          );
        }
        previous = f.path;
      }
      checkString(f.sha256, `${at}/sha256`, 64, (s) => SHA256.test(s), hexText, errors);
      if (!Number.isSafeInteger(f.bytes) || (f.bytes as number) < 0)
        errors.push(packDetail('VALUE_INVALID', `${at}/bytes`, '应为非负整数', 'Must be a non-negative integer'));
    }
  }
  if ('publisher' in m && checkKeys(m.publisher, '/manifest/publisher', [], ['name', 'fingerprint', 'publicKey'], errors)) {
    const p = m.publisher;
    if ('name' in p)
      checkString(
        p.name,
        '/manifest/publisher/name',
        PACK_LIMITS.textLength,
        (s) => s.trim().length > 0,
        { zh: '非空文本', en: 'a non-empty text' },
        errors,
      );
    if ('fingerprint' in p)
      checkString(
        p.fingerprint,
        '/manifest/publisher/fingerprint',
        80,
        (s) => FINGERPRINT.test(s),
        { zh: '公钥指纹', en: 'a key fingerprint' },
        errors,
      );
    if ('publicKey' in p)
      checkString(
        p.publicKey,
        '/manifest/publisher/publicKey',
        200,
        (s) => BASE64.test(s),
        { zh: 'base64 公钥', en: 'a base64 public key' },
        errors,
      );
    if ('fingerprint' in p !== 'publicKey' in p)
      errors.push(
        packDetail('KEY_MISSING', '/manifest/publisher', '公钥与指纹须同时给出', 'The public key and its fingerprint go together'),
      );
  }
  if ('forkedFrom' in m && checkKeys(m.forkedFrom, '/manifest/forkedFrom', ['id', 'version'], [], errors)) {
    checkString(m.forkedFrom.id, '/manifest/forkedFrom/id', 64, (s) => ID.test(s), idText, errors);
    checkString(m.forkedFrom.version, '/manifest/forkedFrom/version', 64, isVersion, semverText, errors);
  }
}

/** The container in the inflated text, or the refusal. */
export function readPackText(text: string): { container: PackContainer } | PackRefusal {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refusal('PACK_INVALID', packDetail('NOT_JSON', '', '插件包内容不是 JSON', 'The pack content is not JSON'));
  }
  const errors: Errors = [];
  if (!checkKeys(value, '', ['format', 'manifest', 'files'], ['signature'], errors)) return refusal('PACK_INVALID', ...errors);
  if (value.format !== PACK_FORMAT) {
    return refusal(
      'PACK_INVALID',
      packDetail(
        'FORMAT_UNSUPPORTED',
        '/format',
        `不支持的插件包格式(本平台读取格式 ${PACK_FORMAT})`,
        `Unsupported pack format (this platform reads format ${PACK_FORMAT})`,
      ),
    );
  }
  if (Array.isArray(value.files) && value.files.length > PACK_LIMITS.files) {
    return refusal(
      'PACK_TOO_LARGE',
      packDetail('TOO_MANY_FILES', '/files', `文件过多(上限 ${PACK_LIMITS.files} 个)`, `Too many files (limit ${PACK_LIMITS.files})`),
    );
  }
  if (checkArray(value.files, '/files', PACK_LIMITS.files, errors)) {
    const tooLarge = checkEntries(value.files, errors);
    if (tooLarge) return tooLarge;
  }
  checkManifest(value.manifest, errors);
  if ('signature' in value && checkKeys(value.signature, '/signature', ['algorithm', 'fingerprint', 'value'], [], errors)) {
    const s = value.signature;
    checkString(s.algorithm, '/signature/algorithm', 20, (v) => v === 'ed25519', { zh: 'ed25519', en: 'ed25519' }, errors);
    checkString(
      s.fingerprint,
      '/signature/fingerprint',
      80,
      (v) => FINGERPRINT.test(v),
      { zh: '公钥指纹', en: 'a key fingerprint' },
      errors,
    );
    checkString(s.value, '/signature/value', 200, (v) => BASE64.test(v), { zh: 'base64 签名', en: 'a base64 signature' }, errors);
  }
  if (errors.length) return refusal('PACK_INVALID', ...errors.slice(0, MAX_DETAILS));
  // Last: the shape is right, so any difference from the canonical text is duplicate keys, order or spacing.
  if (canonicalJson(value) !== text) {
    return refusal(
      'PACK_INVALID',
      packDetail(
        'NOT_CANONICAL',
        '',
        '插件包不是规范的 JSON(键重复、顺序或空白不对)',
        'The pack is not canonical JSON (duplicate keys, key order or spacing)',
      ),
    );
  }
  return { container: value as unknown as PackContainer };
}
