import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import selfsigned from 'selfsigned';

export interface TlsMaterial {
  key: string;
  cert: string;
  /** PEM file of the certificate, for NODE_EXTRA_CA_CERTS or an https Agent's `ca`. */
  caCertPath: string;
  dir: string;
}

/**
 * One self-signed certificate shared by all four services. SAN covers IP:127.0.0.1 and DNS:localhost,
 * so clients may use either host. EC keys keep start-up fast on a shared 2-core machine.
 */
export async function makeTlsMaterial(): Promise<TlsMaterial> {
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() - 60_000),
    notAfterDate: new Date(Date.now() + 30 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  const dir = await mkdtemp(join(tmpdir(), 'entra-emulator-'));
  const caCertPath = join(dir, 'emulator-ca.pem');
  await writeFile(caCertPath, pems.cert);
  return { key: pems.private, cert: pems.cert, caCertPath, dir };
}
