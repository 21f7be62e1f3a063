// A rule reading a field the form does not have is flagged at once in the studio: every {"var": "data.…"} is
// compared with the form's fields; a list's items and the current item inside map/filter/reduce are not typos.
import { describe, expect, it } from 'vitest';
import { formPaths, unknownFields } from '../../web/src/studio/rule-fields';

const schema = {
  type: 'object',
  properties: {
    members: { type: 'integer' },
    contact: { type: 'object', properties: { phone: { type: 'string' } } },
    plots: { type: 'array', items: { type: 'object', properties: { area: { type: 'number' } } } },
  },
};

describe('fields a rule reads', () => {
  const paths = formPaths(schema);

  it('knows the leaf fields and the sections above them', () => {
    expect([...paths].sort()).toEqual([
      ['contact', 'section'],
      ['contact.phone', 'leaf'],
      ['members', 'leaf'],
      ['plots', 'leaf'],
    ]);
  });

  it('names each data path the form does not have, once', () => {
    const logic = {
      and: [
        { '>=': [{ var: 'data.member' }, 5] },
        { '!!': { var: ['data.contact.phone', ''] } },
        { '==': [{ var: 'data.contact.fax' }, { var: 'data.member' }] },
        { '<': [{ var: 'params.minMembers' }, { var: 'data.members' }] },
      ],
    };
    expect(unknownFields(logic, paths)).toEqual(['data.member', 'data.contact.fax']);
  });

  it('does not check the current item inside an iteration, but checks the list it iterates', () => {
    const logic = {
      reduce: [{ var: 'data.plots' }, { '+': [{ var: 'current.area' }, { var: 'accumulator' }] }, 0],
    };
    expect(unknownFields(logic, paths)).toEqual([]);
    expect(unknownFields({ map: [{ var: 'data.plot' }, { var: 'area' }] }, paths)).toEqual(['data.plot']);
    expect(unknownFields({ var: 'data.plots.0.area' }, paths)).toEqual([]);
  });
});
