#!/usr/bin/env node
// Writes src/settings/input-names.ts: the names of action.yml's inputs, which the action needs at run
// time (to warn about INPUT_* variables that match none) without reading action.yml.
// __tests__/unit/input-names.test.ts fails when the file differs from what this would write.
// Usage: node scripts/input-names.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The file's text for the given input names, in action.yml's order. */
export function inputNamesSource(names) {
  return [
    '// Generated from action.yml by `node scripts/input-names.mjs`; do not edit.',
    '/** The inputs action.yml declares, in its order. */',
    'export const INPUT_NAMES: readonly string[] = [',
    ...names.map((name) => `  '${name}',`),
    '];',
    '',
  ].join('\n');
}

export function actionInputNames() {
  return Object.keys(parse(readFileSync(join(root, 'action.yml'), 'utf8')).inputs ?? {});
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(join(root, 'src', 'settings', 'input-names.ts'), inputNamesSource(actionInputNames()));
}
