/**
 * GitHub's rules for Actions secret names (docs.github.com "Using secrets in GitHub Actions",
 * naming your secrets): only alphanumerics and underscores, not starting with GITHUB_ or a digit;
 * stored upper-case.
 */
export function secretNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z0-9_]+$/.test(name)) return 'may contain only letters, digits and underscores';
  if (/^[0-9]/.test(name)) return 'must not start with a digit';
  if (/^GITHUB_/i.test(name)) return 'must not start with GITHUB_';
  return undefined;
}
