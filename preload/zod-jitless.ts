import { config } from 'zod';

// Building a zod object schema probes `new Function` once. The page's CSP has no
// 'unsafe-eval', and Chromium reports even a caught probe as a violation; the
// preload never parses anything anyway. Imported first, before any schema exists.
config({ jitless: true });
