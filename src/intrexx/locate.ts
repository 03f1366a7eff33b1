/**
 * Where in a scanned file the values live: the attribute that holds each one, or a sentence saying
 * why the file does not have the expected shape.
 *
 * om.cfg (OAuth2/OIDC login module, Intrexx 10.1 and later): a `<configuration>` root with one
 * `<oauth2 name="…">` block per provider, each with one `<provider …/>` element whose attributes
 * auth-client-id, auth-client-secret, auth-access-token-url, auth-user-auth-url and
 * auth-pub-keys-src hold the values (github.com/UnitedPlanet/intrexx-sample-oauth2-oidc-login-module,
 * README; help.intrexx.com, help.3.id-provider-setup-id-provider-om-cfg.html). The samples nest the
 * blocks in `<authentication>`; the README's prose says "beneath </authentication>", so blocks are
 * looked for at any depth.
 *
 * Connector API connector file (internal/cfg/odata/connector/<connectorId>_<name>.xml): a
 * `<connector>` root whose `<properties>` hold `<property name="oauth2.clientId" value="…"/>`,
 * oauth2.clientSecret and their `.source` properties
 * (github.com/UnitedPlanet/intrexx-sample-connector-api, README and docs/QuickStartGuide-Showcases.md).
 */
import { attribute, descendants, lineOf, type XmlAttribute, type XmlElement } from './xml-scan.ts';
import { decodeValue } from './xml-values.ts';

export type SlotKind = 'client-id' | 'client-secret' | 'tenant-url' | 'source';

/** One attribute value the writer manages. */
export interface Slot {
  readonly kind: SlotKind;
  /** Where it is, in the file's words, e.g. `<oauth2 name="azure"> auth-client-id`. */
  readonly label: string;
  readonly attribute: XmlAttribute;
}

/** Thrown when the file does not have the expected shape; `offset` is where the problem is. */
export class ShapeError extends Error {
  readonly offset: number | undefined;

  constructor(message: string, offset?: number) {
    super(message);
    this.name = 'ShapeError';
    this.offset = offset;
  }
}

export const TENANT_URL_ATTRIBUTES = ['auth-access-token-url', 'auth-user-auth-url', 'auth-pub-keys-src'] as const;

/** The slots of the provider block in om.cfg; `name` is the provider name as the file's bytes. */
export function omCfgSlots(text: string, root: XmlElement, request: { name: string; display: string; tenant: boolean }): Slot[] {
  if (root.name !== 'configuration') throw new ShapeError(`expected an om.cfg with the root element <configuration>, found <${root.name}>.`, root.start);
  const blocks = descendants(root, 'oauth2');
  const named = blocks.filter((block) => decodeValue(attribute(block, 'name')?.raw ?? '') === request.name);
  const where = `<oauth2 name="${request.display}">`;
  if (named.length === 0) {
    const names = blocks.map((block) => `"${decodeValue(attribute(block, 'name')?.raw ?? '')}"`);
    const found = names.length > 0 ? `the file has ${names.join(', ')}` : 'the file has no <oauth2> blocks at all';
    throw new ShapeError(`no provider block ${where} (${found}; comments are not counted).`);
  }
  if (named.length > 1) {
    const lines = named.map((block) => lineOf(text, block.start)).join(', ');
    throw new ShapeError(`${where} appears ${named.length} times (lines ${lines}); the writer does not guess which one Intrexx uses.`, named[1]?.start);
  }
  const block = named[0] as XmlElement;
  const provider = onlyChild(text, block, 'provider', where);
  const slots: Slot[] = [
    slot(provider, 'auth-client-id', { kind: 'client-id', where }),
    slot(provider, 'auth-client-secret', { kind: 'client-secret', where }),
  ];
  if (request.tenant) for (const name of TENANT_URL_ATTRIBUTES) slots.push(slot(provider, name, { kind: 'tenant-url', where }));
  return slots;
}

/** The slots of a Connector API connector file. */
export function connectorSlots(text: string, root: XmlElement): Slot[] {
  if (root.name !== 'connector') throw new ShapeError(`expected a Connector API connector file with the root element <connector>, found <${root.name}>.`, root.start);
  const properties = onlyChild(text, root, 'properties', '<connector>');
  const property = (name: string, kind: SlotKind): Slot => {
    const matches = properties.children.filter((p) => p.name === 'property' && decodeValue(attribute(p, 'name')?.raw ?? '') === name);
    const where = `<property name="${name}">`;
    if (matches.length === 0) throw new ShapeError(`no ${where} in <properties>; a connector using OAuth2 client credentials has one (set it up once in the Portal Manager).`, properties.start);
    if (matches.length > 1) {
      const lines = matches.map((p) => lineOf(text, p.start)).join(', ');
      throw new ShapeError(`${where} appears ${matches.length} times (lines ${lines}); the writer does not guess which one Intrexx uses.`, matches[1]?.start);
    }
    return slot(matches[0] as XmlElement, 'value', { kind, where });
  };
  return [
    property('oauth2.clientId', 'client-id'),
    property('oauth2.clientId.source', 'source'),
    property('oauth2.clientSecret', 'client-secret'),
    property('oauth2.clientSecret.source', 'source'),
  ];
}

function onlyChild(text: string, parent: XmlElement, name: string, where: string): XmlElement {
  const children = parent.children.filter((child) => child.name === name);
  if (children.length === 1) return children[0] as XmlElement;
  if (children.length === 0) throw new ShapeError(`${where} has no <${name}> element inside it.`, parent.start);
  const lines = children.map((child) => lineOf(text, child.start)).join(', ');
  throw new ShapeError(`${where} has ${children.length} <${name}> elements (lines ${lines}); expected one.`, children[1]?.start);
}

function slot(element: XmlElement, name: string, at: { kind: SlotKind; where: string }): Slot {
  const found = attribute(element, name);
  const label = name === 'value' ? at.where : `${at.where} ${name}`;
  if (!found) throw new ShapeError(`the <${element.name}> element of ${at.where} has no ${name} attribute.`, element.start);
  return { kind: at.kind, label, attribute: found };
}
