/** Reads one input as the runner passes it (INPUT_<NAME>), already trimmed; '' when unset. */
export type InputReader = (name: string) => string;

/** Typed readers of the inputs; each problem names its input and what would be valid, and is collected, not thrown. */
export interface Inputs {
  readonly input: InputReader;
  readonly problems: string[];
  fail(name: string, message: string): void;
  required(name: string): string;
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T;
  integer(name: string, range: { min: number; max: number }, fallback: number): number;
  boolean(name: string, fallback: boolean): boolean;
  httpsOrigin(name: string): string | undefined;
  /** The non-empty lines of a multi-line input, trimmed. */
  lines(name: string): string[];
}

export function createInputs(input: InputReader): Inputs {
  const problems: string[] = [];
  const fail = (name: string, message: string): void => {
    problems.push(`${name}: ${message}`);
  };

  const required = (name: string): string => {
    const value = input(name);
    if (value === '') fail(name, 'is required');
    return value;
  };

  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = input(name);
    if (value === '') return fallback;
    const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
    if (!match) fail(name, `"${value}" is not one of ${allowed.join(', ')}`);
    return match ?? fallback;
  };

  const integer = (name: string, { min, max }: { min: number; max: number }, fallback: number): number => {
    const value = input(name);
    if (value === '') return fallback;
    if (!/^-?\d+$/.test(value)) {
      fail(name, `"${value}" is not a whole number (expected ${min} to ${max})`);
      return fallback;
    }
    const n = Number(value);
    if (n < min || n > max) fail(name, `${n} is out of range (expected ${min} to ${max})`);
    return n;
  };

  // The YAML 1.2 core schema booleans, as @actions/core's getBooleanInput reads them.
  const boolean = (name: string, fallback: boolean): boolean => {
    const value = input(name);
    if (value === '') return fallback;
    if (['true', 'True', 'TRUE'].includes(value)) return true;
    if (['false', 'False', 'FALSE'].includes(value)) return false;
    fail(name, `"${value}" is not a boolean (expected true or false)`);
    return fallback;
  };

  const httpsOrigin = (name: string): string | undefined => {
    const value = input(name);
    if (value === '') return undefined;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      fail(name, `"${value}" is not an absolute URL (expected e.g. https://login.microsoftonline.com)`);
      return undefined;
    }
    if (url.protocol !== 'https:') fail(name, `"${value}" must be an https URL`);
    if (url.search || url.hash) fail(name, `"${value}" must not contain a query string or fragment`);
    if (url.pathname !== '/' && url.pathname !== '') fail(name, `"${value}" must be a host only, without a path`);
    return url.origin;
  };

  const lines = (name: string): string[] =>
    input(name)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '');

  return { input, problems, fail, required, oneOf, integer, boolean, httpsOrigin, lines };
}
