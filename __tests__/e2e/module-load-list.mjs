// Preloaded with NODE_OPTIONS=--import=<this file> by lean-run.test.ts. When the process exits, it
// appends to the file MODULE_LOAD_LIST names, one a line:
// - the internal modules Node loaded (process.moduleLoadList, e.g. "NativeModule internal/deps/undici/undici");
// - "WebAssembly <exports>" for each WebAssembly module compiled, named by its llhttp_* exports if it
//   has any ("other" otherwise). llhttp is the HTTP parser undici compiles, whether Node's own or a copy
//   bundled into dist/ with an npm package, which moduleLoadList cannot see.
import { appendFileSync } from 'node:fs';

const out = process.env.MODULE_LOAD_LIST;
const wasm = globalThis.WebAssembly;
const { compile, instantiate, Module } = wasm;
const compiled = [];
const describe = (module) => {
  const llhttp = Module.exports(module).filter((e) => e.name.startsWith('llhttp_'));
  return `WebAssembly ${llhttp.length > 0 ? llhttp.slice(0, 3).map((e) => e.name).join(',') : 'other'}`;
};

wasm.compile = async (...args) => {
  const module = await compile(...args);
  compiled.push(describe(module));
  return module;
};
wasm.instantiate = async (source, imports) => {
  const result = await instantiate(source, imports);
  compiled.push(describe(source instanceof Module ? source : result.module));
  return result;
};
wasm.Module = new Proxy(Module, {
  construct(target, args) {
    const module = Reflect.construct(target, args);
    compiled.push(describe(module));
    return module;
  },
});

process.on('exit', () => {
  if (out) appendFileSync(out, `${[...process.moduleLoadList, ...compiled].join('\n')}\n`);
});
