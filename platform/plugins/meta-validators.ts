// Step 3a of loading: every file checked against the meta-schema of its kind (schemas/*.schema.json).
// The meta-schemas reject unknown keys at every level, so a typo in a plugin is an error, not a silent default.
// Browser-safe: the schemas are given (the server reads them from disk, meta-schemas.ts; the studio imports the
// same files, web/src/studio/meta-schema-lint.ts), and each is compiled once, the first time a file of its kind
// is checked.
import Ajv from 'ajv';
import { toErrorDetails, type FormValidator } from '../forms';
import { detail, type ErrorDetail } from '../errors';
import { META_FILES, type FileKind } from './file-kinds';

export interface MetaValidators {
  validate(kind: FileKind, file: string, value: unknown): ErrorDetail[];
}

/**
 * `read(name)` gives the meta-schema of that file name (common.schema.json first, which the others refer to), or
 * throws when this platform version has none (a kind it lacks is refused in validate()).
 */
export function metaValidatorsOf(read: (name: string) => Record<string, unknown>): MetaValidators {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addSchema(read('common.schema.json'));
  const compiled = new Map<FileKind, FormValidator | null>();
  const checkOf = (kind: FileKind): FormValidator | null => {
    if (compiled.has(kind)) return compiled.get(kind)!;
    const name = META_FILES[kind];
    let schema: Record<string, unknown> | null = null;
    try {
      schema = name ? read(name) : null;
    } catch {
      schema = null;
    }
    const validate = schema ? ajv.compile(schema) : null;
    const check: FormValidator | null = validate ? (data) => (validate(data) ? [] : toErrorDetails(validate.errors ?? [], schema)) : null;
    compiled.set(kind, check);
    return check;
  };
  return {
    validate(kind, file, value) {
      if (kind === 'form-schema' || kind === 'parameters') return []; // checked by the form compiler
      if (kind === 'ui-schema') {
        return value && typeof value === 'object' && !Array.isArray(value)
          ? []
          : [detail('', 'UI schema 必须是对象', 'A UI schema must be an object', { file })];
      }
      const check = checkOf(kind);
      if (!check) {
        return [detail('', `此平台版本不支持该类文件:${kind}`, `This platform version does not support files of kind ${kind}`, { file })];
      }
      return check(value).map((d) => ({ ...d, file }));
    },
  };
}
