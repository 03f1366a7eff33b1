import { startService, type RunningService, type ServiceContext } from '../http.ts';
import type { TlsMaterial } from '../tls.ts';
import { keyVaultHandler, type KeyVaultEnv } from './service.ts';
import type { Vault } from './store.ts';

/** The vault every emulator starts with; the deployer holds no role on it until a test grants one. */
export const DEFAULT_VAULT = 'contoso-kv';

/** The running vaults: each on its own port of 127.0.0.1, as each real vault is a host of its own (https://{vault-name}.vault.azure.net). */
export interface KeyVaults {
  readonly env: KeyVaultEnv;
  create(name: string): Promise<Vault>;
  close(): Promise<void>;
}

export function keyVaults(tls: TlsMaterial, ctx: ServiceContext, env: KeyVaultEnv): KeyVaults {
  const running: RunningService[] = [];
  return {
    env,
    async create(name) {
      const vault = env.store.add(name);
      try {
        const service = await startService('keyvault', tls, ctx, keyVaultHandler(env, vault));
        running.push(service);
        vault.url = service.url;
        return vault;
      } catch (error) {
        env.store.vaults.delete(name.toLowerCase());
        throw error;
      }
    },
    async close() {
      await Promise.all(running.map((s) => s.close()));
    },
  };
}
