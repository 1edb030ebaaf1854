#!/usr/bin/env node
// `linli <command>`: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/server/cli.ts');
