// The JSON-Schema-Test-Suite's draft-07 required tests (test/forms/json-schema-test-suite/draft7), run through the
// platform's own form compiler: the same createFormAjv instance kind, checks and compile a plugin's forms get
// (one instance per suite file, as one per plugin version). Every case gives the suite's verdict, except the
// groups the platform refuses at load on purpose (REFUSED below), which are asserted to be refused there.
// Counts (asserted at the end): 927 cases in 257 groups; 843 cases run and give the suite's verdict; 84 cases
// (29 groups) are refused at load on purpose.
//
// Forms also need "type": "object" at the root (records are objects; rjsf lays out an object). Most suite schemas
// have another root, so every group runs through compileSchema — compileForm minus that one root check — and
// groups whose root is an object schema also run through compileForm itself; for every other root,
// checkFormSchema is asserted to refuse it at /type (or at "" for true and false).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFormSchema, checkSchema, compileForm, compileSchema, createFormAjv } from '../../platform/forms';
import { HezuoError } from '../../platform/errors';

const DIR = path.join(__dirname, 'json-schema-test-suite/draft7');

interface SuiteCase {
  description: string;
  data: unknown;
  valid: boolean;
}
interface SuiteGroup {
  description: string;
  schema: unknown;
  tests: SuiteCase[];
}

const INEFFECTIVE = "a keyword with no effect where it stands (ajv strict mode): a form author's mistake, refused";
const FORMAT = 'a format ajv-formats cannot check (internationalised e-mail, host names and IRIs): refused, not ignored';
const REMOTE = 'a remote $ref: forms are self-contained and the server fetches nothing while loading a plugin';

/** Groups refused at load on purpose: file, group description, the pointer refused, why. */
const REFUSED: readonly (readonly [file: string, group: string, pointer: string, reason: string])[] = [
  ['additionalItems.json', 'when items is schema, additionalItems does nothing', '/additionalItems', INEFFECTIVE],
  ['additionalItems.json', 'when items is schema, boolean additionalItems does nothing', '/additionalItems', INEFFECTIVE],
  ['additionalItems.json', 'additionalItems as false without items', '/additionalItems', INEFFECTIVE],
  ['additionalItems.json', 'additionalItems with null instance elements', '/additionalItems', INEFFECTIVE],
  ['if-then-else.json', 'ignore if without then or else', '/if', INEFFECTIVE],
  ['if-then-else.json', 'ignore then without if', '/then', INEFFECTIVE],
  ['if-then-else.json', 'ignore else without if', '/else', INEFFECTIVE],
  ['if-then-else.json', 'non-interference across combined schemas', '/allOf/0/if', INEFFECTIVE],
  ['ref.json', 'ref to if', '/allOf/1/if', INEFFECTIVE],
  ['ref.json', 'ref to then', '/allOf/1/then', INEFFECTIVE],
  ['ref.json', 'ref to else', '/allOf/1/else', INEFFECTIVE],
  [
    'properties.json',
    'properties, patternProperties, additionalProperties interaction',
    '/patternProperties/f.o',
    'a property that also matches a patternProperties pattern (ajv strict mode): which schema lays the field out is ambiguous',
  ],
  [
    'properties.json',
    'properties whose names are Javascript object property names',
    '/properties/__proto__',
    'a field named "__proto__": ajv leaves it out of the generated code, so it could never be validated',
  ],
  [
    'ref.json',
    '$ref prevents a sibling $id from changing the base uri',
    '/allOf/0/$id',
    '"$id" beside "$ref": draft-07 ignores it, ajv would resolve the $ref against it',
  ],
  ['format.json', 'idn-email format', '/format', FORMAT],
  ['format.json', 'idn-hostname format', '/format', FORMAT],
  ['format.json', 'iri format', '/format', FORMAT],
  ['format.json', 'iri-reference format', '/format', FORMAT],
  ['refRemote.json', 'remote ref', '/$ref', REMOTE],
  ['refRemote.json', 'fragment within remote ref', '/$ref', REMOTE],
  ['refRemote.json', 'ref within remote ref', '/$ref', REMOTE],
  ['refRemote.json', 'base URI change', '/items/items/$ref', REMOTE],
  ['refRemote.json', 'base URI change - change folder', '/definitions/baz/items/$ref', REMOTE],
  ['refRemote.json', 'base URI change - change folder in subschema', '/definitions/baz/definitions/bar/items/$ref', REMOTE],
  ['refRemote.json', 'root ref in remote ref', '/properties/name/$ref', REMOTE],
  ['refRemote.json', 'remote ref with ref to definitions', '/allOf/0/$ref', REMOTE],
  ['refRemote.json', 'Location-independent identifier in remote ref', '/$ref', REMOTE],
  ['refRemote.json', 'retrieved nested refs resolve relative to their URI not $id', '/properties/name/$ref', REMOTE],
  ['refRemote.json', '$ref to $ref finds location-independent $id', '/$ref', REMOTE],
];

const isObjectForm = (s: unknown) => typeof s === 'object' && s !== null && (s as { type?: unknown }).type === 'object';
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
const counts = { cases: 0, passed: 0, refused: 0, refusedGroups: 0 };
const refusedSeen = new Set<string>();

describe.each(files)('%s', (file) => {
  const groups = JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as SuiteGroup[];
  const ajv = createFormAjv();

  describe.each(groups.map((g) => [g.description, g] as const))('%s', (description, group) => {
    const refusal = REFUSED.find(([f, g]) => f === file && g === description);

    if (refusal) {
      it(`is refused at load: ${refusal[3]}`, () => {
        const details = checkSchema(ajv, group.schema);
        expect(details.map((d) => d.pointer)).toContain(refusal[2]);
        expect(() => compileSchema(ajv, group.schema, file)).toThrow(HezuoError);
        counts.cases += group.tests.length;
        counts.refused += group.tests.length;
        counts.refusedGroups += 1;
        refusedSeen.add(`${file}|${description}`);
      });
      return;
    }

    it.each(group.tests.map((t) => [t.description, t] as const))('%s', (_, test) => {
      const validate = compileSchema(ajv, group.schema, file);
      const errors = validate(test.data);
      expect(errors.length === 0, JSON.stringify(errors.map((e) => [e.pointer, e.keyword]))).toBe(test.valid);
      if (isObjectForm(group.schema)) {
        // The very function plugins use, on the schemas it accepts.
        expect(compileForm(ajv, group.schema as Record<string, unknown>, file)(test.data).length === 0).toBe(test.valid);
      }
      counts.cases += 1;
      counts.passed += 1;
    });

    if (!isObjectForm(group.schema)) {
      it('is not a whole form: refused as one at its root', () => {
        const pointers = checkFormSchema(ajv, group.schema).map((d) => d.pointer);
        expect(pointers).toContain(typeof group.schema === 'boolean' ? '' : '/type');
      });
    }
  });
});

afterAll(() => {
  // Every refusal listed was met (no stale entry hides a case), and the counts in the header are the true ones.
  expect([...refusedSeen].sort()).toEqual(REFUSED.map(([f, g]) => `${f}|${g}`).sort());
  expect(counts).toEqual({ cases: 927, passed: 843, refused: 84, refusedGroups: 29 });
  expect(REFUSED).toHaveLength(29);
});
