#!/usr/bin/env node
// `npm run demo`: for now the backend showcase (see showcase.ts); the full demo replaces it.
import { runShowcase } from './showcase.js';

runShowcase().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
