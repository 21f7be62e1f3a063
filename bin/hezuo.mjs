#!/usr/bin/env node
// `npx hezuo …`: runs the TypeScript CLI through tsx's loader (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../platform/cli/main.ts');
