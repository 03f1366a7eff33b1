/**
 * The planner: a file's bytes and the desired values in, the list of edits out. Pure: it reads
 * nothing and writes nothing. The plan is what a dry run prints and what the executor applies; an
 * empty plan means the file already holds the desired values. A file with an unexpected shape, or a
 * value that must not be overwritten, gives a FileRefusedError instead of a plan.
 */
import { inFile, fileText } from './encoding.ts';
import { FileRefusedError } from './errors.ts';
import { connectorSlots, omCfgSlots, ShapeError, type Slot } from './locate.ts';
import { encryptedLook } from './secret-shape.ts';
import type { Desired, Target } from './settings.ts';
import { tenantSegment } from './tenant-url.ts';
import { lineOf, MarkupError, scanXml } from './xml-scan.ts';
import { decodeValue, escapeValue } from './xml-values.ts';

/** Replace the bytes [start, end) with `replacement`. `change` describes it without any secret. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
  readonly line: number;
  readonly change: string;
}

export interface FilePlan {
  readonly file: string;
  /** In file order; empty when the file already holds the desired values. */
  readonly edits: readonly Edit[];
  /** The values already as desired, described without any secret. */
  readonly kept: readonly string[];
}

export interface PlanRequest {
  /** The file's path, for messages. */
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly target: Target;
  readonly desired: Desired;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function planFile(request: PlanRequest): FilePlan {
  const { file, target, desired } = request;
  const decoded = fileText(request.bytes);
  if (typeof decoded === 'string') throw new FileRefusedError(file, decoded);
  const { text, charset } = decoded;
  let slots: Slot[];
  try {
    const root = scanXml(text);
    slots =
      target.kind === 'om-cfg'
        ? omCfgSlots(text, root, { name: inFile(target.provider, charset), display: target.provider, tenant: desired.tenantId !== undefined })
        : connectorSlots(text, root);
  } catch (error) {
    if (error instanceof MarkupError) throw new FileRefusedError(file, `the file is not the well-formed XML the writer expects: ${error.message}.`, lineOf(text, error.offset));
    if (error instanceof ShapeError) throw new FileRefusedError(file, error.message, error.offset === undefined ? undefined : lineOf(text, error.offset));
    throw error;
  }
  const edits: Edit[] = [];
  const kept: string[] = [];
  for (const slot of slots) {
    const line = lineOf(text, slot.attribute.valueStart);
    const edit = planSlot(slot, desired, { file, line });
    if (edit) edits.push({ ...edit, line });
    else kept.push(`${slot.label}: already as desired`);
  }
  return { file, edits: edits.sort((a, b) => a.start - b.start), kept };
}

/** The edit one slot needs, or undefined when it already holds the desired value. */
function planSlot(slot: Slot, desired: Desired, at: { file: string; line: number }): Omit<Edit, 'line'> | undefined {
  const { attribute, label } = slot;
  const current = decodeValue(attribute.raw);
  const whole = (value: string, change: string) =>
    current === value ? undefined : { start: attribute.valueStart, end: attribute.valueEnd, replacement: escapeValue(value, attribute.quote), change };
  switch (slot.kind) {
    case 'client-id':
      if (current !== desired.clientId) refuseEncrypted(slot, current, at);
      return whole(desired.clientId, `${label}: ${GUID.test(current) ? current : current === '' ? '(empty)' : '(not a GUID, not shown)'} → ${desired.clientId}`);
    case 'client-secret':
      if (current !== desired.clientSecret) refuseEncrypted(slot, current, at);
      return whole(desired.clientSecret, `${label}: new client secret (value not shown)`);
    case 'source':
      return whole('STATIC', `${label}: ${current === '' ? '(empty)' : current} → STATIC`);
    case 'tenant-url':
      return tenantEdit(slot, desired.tenantId as string, at);
  }
}

function tenantEdit(slot: Slot, tenant: string, at: { file: string; line: number }): Omit<Edit, 'line'> | undefined {
  const { attribute, label } = slot;
  const segment = tenantSegment(attribute.raw);
  if (!segment) {
    throw new FileRefusedError(
      at.file,
      `${label} is not a Microsoft Entra URL of the form https://login.microsoftonline.com/<tenant>/…, so the writer cannot set its tenant. ` +
        'Leave tenant-id empty to keep the URLs as they are, or correct the URL once by hand.',
      at.line,
    );
  }
  const current = decodeValue(attribute.raw.slice(segment.start, segment.end));
  if (current === tenant) return undefined;
  const start = attribute.valueStart + segment.start;
  return { start, end: attribute.valueStart + segment.end, replacement: escapeValue(tenant, attribute.quote), change: `${label}: tenant ${current} → ${tenant}` };
}

/** A value that may be stored encrypted is never overwritten with plain text (secret-shape.ts). */
function refuseEncrypted(slot: Slot, current: string, at: { file: string; line: number }): void {
  const looks = encryptedLook(current);
  if (!looks) return;
  throw new FileRefusedError(
    at.file,
    `refusing to overwrite ${slot.label}: its current value (${current.length} characters, not shown) does not look like plain text: ${looks}. ` +
      'It may have been stored encrypted by the Portal Manager, and Intrexx may not read a plain value written over it. ' +
      'Check how this portal stores the value (intrexx/README.md, "Are the values stored encrypted?"); if plain text is right, clear the value once by hand and run again.',
    at.line,
  );
}
