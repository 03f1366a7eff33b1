// Runs first in the npm scripts that need the installed dependencies: before `npm ci` they would fail
// with `node: bad option: --experimental-strip-types` (Node 20 has no type stripping) or
// `jest: not found`. This prints one line saying to run `npm ci` first and why, and exits 1.
//
// It must run under whatever Node a fresh machine has, without any dependency: CommonJS (package.json
// has "type": "module", so only a .cjs file is CommonJS), nothing newer than Node 16 (`node:` requires).
//
// After `npm ci`, npm runs scripts with the dependencies' executables on PATH, from node_modules/.bin
// (https://docs.npmjs.com/cli/using-npm/scripts#path), so `node` there is the Node of the `node`
// devDependency (its package.json: "bin": {"node": "bin/node"}). The check then only looks at two
// paths and a version string, and costs one Node start-up.
'use strict';
/* global require, __dirname -- CommonJS; the ESLint config declares only the globals of the ES modules */
const fs = require('node:fs'); // eslint-disable-line @typescript-eslint/no-require-imports
const path = require('node:path'); // eslint-disable-line @typescript-eslint/no-require-imports

const root = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const major = (range) => Number((/(\d+)/.exec(range || '') || [])[1] || 0);
const wanted = major(pkg.devDependencies && pkg.devDependencies.node) || major(pkg.engines && pkg.engines.node);
const running = process.versions.node;

/** Why the project is not installed, or undefined when it is. */
function notInstalled() {
  if (!fs.existsSync(path.join(root, 'node_modules'))) return 'there is no node_modules/';
  // existsSync follows the symlink: a link whose target is missing counts as missing.
  if (!fs.existsSync(path.join(root, 'node_modules', '.bin', 'node'))) return `node_modules/ lacks Node ${wanted} (node_modules/.bin/node)`;
  if (major(running) < wanted) return `this runs under Node ${running} instead of node_modules/.bin/node (Node ${wanted})`;
  return undefined;
}

const why = notInstalled();
if (why) {
  console.error(
    `Run \`npm ci\` first: it installs the dependencies and Node ${wanted} (the node@${wanted} devDependency), which this project's scripts run under; ${why}.`,
  );
  process.exit(1);
}
