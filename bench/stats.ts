/** Small numeric helpers and the report's number formats. */

/** The median; NaN for no values (so a missing figure shows as such, not as 0). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const ms = (x: number): string => (Number.isFinite(x) ? `${Math.round(x)} ms` : '—');
export const times = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '—');
export const kib = (bytes: number): string => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(0)} KiB` : '—');
/** process.resourceUsage().maxRSS is in KiB; shown in MiB. */
export const mibFromKib = (k: number): string => (Number.isFinite(k) ? `${(k / 1024).toFixed(1)} MiB` : '—');
/** '1 portal URL', '40 portal URLs'. */
export const counted = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
