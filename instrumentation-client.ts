import { config } from "zod";

// Runs in the browser before the app's code. zod 4 probes whether `new Function` works (to
// compile faster parsers); under our CSP (no 'unsafe-eval') the probe is blocked and Chromium
// reports a CSP violation on every page. jitless skips the probe; parsing stays correct.
config({ jitless: true });
