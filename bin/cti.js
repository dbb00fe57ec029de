#!/usr/bin/env node
// The installed `cti` command: runs the TypeScript entry point through tsx, so the
// tool works from a checkout or `npm link` without a separate build step.
import { register } from 'tsx/esm/api';

register();
await import('../cli/cti.ts');
