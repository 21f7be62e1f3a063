import { describe, expect, it } from 'vitest';
import { SUPPORTED_NODE, unsupportedNodeWarning } from '../../platform/boot/node-version';

describe('supported Node.js versions', () => {
  it('are the LTS releases 22 (from 22.12, which the build tools need) and 24', () => {
    expect(SUPPORTED_NODE).toBe('^22.12.0 || ^24.0.0');
  });

  it.each(['v22.12.0', 'v22.23.3', 'v24.0.0', 'v24.21.0'])('%s starts without a warning', (v) => {
    expect(unsupportedNodeWarning(v)).toBeUndefined();
  });

  it.each(['v20.20.2', 'v22.11.0', 'v23.1.0', 'v25.0.0'])('%s gets a warning naming the supported range', (v) => {
    expect(unsupportedNodeWarning(v)).toContain(`${v} is not supported (supported: ^22.12.0 || ^24.0.0)`);
  });
});
