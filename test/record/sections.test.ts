// The long form's sections and their counts (web/src/record/sections.ts): titled top-level objects are sections, the
// plain fields around them are gathered into the first; completion counts leaves, required ones at their own level,
// and errors count for the section of their pointer's first token. A small schema whose numbers a reader can check.
import { describe, expect, it } from 'vitest';
import { errorPointersOf, orderedKeys, sectionStats, sectionsOf } from '../../web/src/record/sections';

const schema = {
  type: 'object',
  required: ['name', 'code'],
  properties: {
    name: { type: 'string', title: '名称' },
    code: { type: 'string', title: '代码' },
    ops: {
      type: 'object',
      title: '运营',
      required: ['kind'],
      properties: { kind: { type: 'string' }, staff: { type: 'integer' }, bank: { type: 'boolean' } },
    },
    note: { type: 'string' },
    untitled: { type: 'object', properties: { a: { type: 'string' } } },
    files: { type: 'object', title: '材料', properties: { licence: { type: 'array', items: { type: 'string' } } } },
  },
};

describe('long form sections', () => {
  it('gathers plain (and untitled) properties first, then one section per titled object, in ui:order', () => {
    const s = sectionsOf(schema, {});
    expect(s.map((x) => [x.key, x.title, x.properties, x.anchorId])).toEqual([
      ['', null, ['name', 'code', 'note', 'untitled'], 'root_name'],
      ['ops', '运营', ['ops'], 'root_ops'],
      ['files', '材料', ['files'], 'root_files'],
    ]);
    expect(orderedKeys(schema, { 'ui:order': ['files', '*', 'name'] })).toEqual(['files', 'code', 'ops', 'note', 'untitled', 'name']);
    expect(sectionsOf(schema, { 'ui:order': ['files', '*'] }).map((x) => x.key)).toEqual(['', 'files', 'ops']);
  });

  it('counts filled of required (or of all when none is required) and errors by section', () => {
    const sections = sectionsOf(schema, {});
    const data = { name: '甲', code: '', ops: { kind: '种植', bank: false }, files: { licence: [] } };
    const stats = sectionStats(sections, schema, {}, data, ['/code', '/ops/staff', '/ops/kind', '/nowhere']);
    // basic: name, code, note, untitled.a — 1 filled; required name and code — 1 filled; one error (/code).
    expect(stats[0]).toEqual({ filled: 1, total: 4, requiredFilled: 1, required: 2, errors: 1 });
    // ops: kind and bank (false is an answer) filled of 3; kind required and filled; two errors.
    expect(stats[1]).toEqual({ filled: 2, total: 3, requiredFilled: 1, required: 1, errors: 2 });
    // files: an empty list is not filled.
    expect(stats[2]).toEqual({ filled: 0, total: 1, requiredFilled: 0, required: 0, errors: 0 });
  });

  it("reads an rjsf errorSchema's messages as pointers, one per message", () => {
    expect(errorPointersOf({ code: { __errors: ['格式错误'] }, ops: { kind: { __errors: ['必填', '太短'] } }, a: {} })).toEqual([
      '/code',
      '/ops/kind',
      '/ops/kind',
    ]);
  });
});
