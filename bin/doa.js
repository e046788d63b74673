#!/usr/bin/env node
// Runs the bundled CLI (built by `npm run build` into dist/).
import '../dist/doa.mjs';
