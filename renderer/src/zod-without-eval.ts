import { z } from 'zod';

// Zod compiles faster object parsers with `new Function`, probing for it when a schema is
// built. Our CSP forbids eval, and Chromium reports even the caught probe as a policy
// violation, so switch it off before any contract schema exists: main.ts imports this first.
z.config({ jitless: true });
