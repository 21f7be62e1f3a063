// A "why" for someone who sees a sensitive field masked: values read from it (directly, below it, per item of a list
// read from it, or through a path computed at run time) are masked; yes/no outcomes and other fields stay readable.
import { describe, expect, it } from 'vitest';
import { MASKED_VALUE, maskTrace } from '../../platform/records/mask-trace';
import { createRuleEngine } from '../../platform/rules';

const engine = createRuleEngine();
const part = (logic: unknown, data: unknown) => ({ logic, trace: engine.trace(logic as never, data) });
const data = { data: { idNumber: '110101199003071234', name: '张三', members: [{ idNumber: '110101199003071234', age: 30 }] } };

describe('maskTrace', () => {
  it('masks what a rule read from a masked field and what it derived, keeps the yes/no and other fields', () => {
    const logic = { and: [{ '==': [{ substr: [{ var: 'data.idNumber' }, 6, 4] }, '1990'] }, { '!!': [{ var: 'data.name' }] }] };
    const m = maskTrace(part(logic, data), ['/idNumber'])!;
    expect(m.trace.nodes['/0/0/0'].value).toBe(MASKED_VALUE); // the ID number
    expect(m.trace.nodes['/0/0'].value).toBe(MASKED_VALUE); // its year, derived
    expect(m.trace.nodes['/0'].value).toBe(true); // the comparison's yes/no
    expect(m.trace.nodes['/1/0'].value).toBe('张三'); // another field
    expect(m.trace.value).toBe(true);
  });

  it('masks every item value of a list read from a masked field, and a path computed at run time', () => {
    const perItem = { map: [{ var: 'data.members' }, { var: 'idNumber' }] };
    const m = maskTrace(part(perItem, data), ['/members/*/idNumber'.replace('/*', '')])!;
    expect(m.trace.nodes['/1'].value).toBe(MASKED_VALUE);
    expect(m.trace.value).toBe(MASKED_VALUE);
    const computed = { var: { cat: ['data.', 'idNumber'] } };
    expect(maskTrace(part(computed, data), ['/idNumber'])!.trace.value).toBe(MASKED_VALUE);
  });

  it('masks what was read of a referenced record named but not seen (vars), whole or below, and keeps the rest', () => {
    const refs = { ...data, refs: { '/ledger': { data: { name: '市级台账', contact: '13800138000' } } } };
    const logic = { cat: [{ var: 'refs./ledger.data.contact' }, { var: 'data.name' }] };
    const whole = maskTrace(part(logic, refs), [], ['refs./ledger'])!;
    expect(whole.trace.nodes['/0'].value).toBe(MASKED_VALUE);
    expect(whole.trace.nodes['/1'].value).toBe('张三');
    expect(whole.trace.value).toBe(MASKED_VALUE);
    // One masked field of a referenced record: its name stays readable.
    const field = maskTrace(part({ var: 'refs./ledger.data.name' }, refs), [], ['refs./ledger.data.contact'])!;
    expect(field.trace.value).toBe('市级台账');
    // Reading the whole record reads the masked field too.
    expect(maskTrace(part({ var: 'refs./ledger.data' }, refs), [], ['refs./ledger.data.contact'])!.trace.value).toBe(MASKED_VALUE);
  });

  it('leaves the trace as it is when nothing is masked for this person', () => {
    const p = part({ var: 'data.idNumber' }, data);
    expect(maskTrace(p, [])).toBe(p);
    expect(maskTrace(null, ['/idNumber'])).toBeNull();
  });
});
