/** What the writer tells the log, the outputs and the job summary. Never a secret value. */
import type { FilePlan } from './plan.ts';

export interface Outcome {
  /** Edits in the plan: what was written, or in a dry run what would be. */
  plannedEdits: number;
  changed: boolean;
  files: string[];
  backups: string[];
  restarted: boolean;
  dryRun: boolean;
}

export function emptyOutcome(dryRun: boolean): Outcome {
  return { plannedEdits: 0, changed: false, files: [], backups: [], restarted: false, dryRun };
}

/** The plan, one line per value: the dry run's output and the log's "Plan" group. */
export function planLines(plan: FilePlan): string[] {
  const name = plan.file;
  if (plan.edits.length === 0) return [`${name}: already holds the desired values; nothing to write, no backup, no restart.`];
  return [
    `${name}: ${plan.edits.length} value${plan.edits.length === 1 ? '' : 's'} to change`,
    ...plan.edits.map((edit) => `  line ${edit.line}: ${edit.change}`),
    ...plan.kept.map((kept) => `  ${kept}`),
  ];
}

/** Step outputs: lists are one path per line, empty when nothing changed. */
export function outputs(outcome: Outcome): Record<string, string> {
  return {
    changed: String(outcome.changed),
    files: outcome.files.join('\n'),
    backup: outcome.backups.join('\n'),
    restarted: String(outcome.restarted),
    'planned-edits': String(outcome.plannedEdits),
  };
}

export function summaryMarkdown(plan: FilePlan | undefined, outcome: Outcome, failure?: string): string {
  const verdict = failure
    ? `Failed: ${failure}`
    : outcome.dryRun
      ? `Dry run: ${outcome.plannedEdits} value(s) would change; nothing was written.`
      : outcome.changed
        ? `Wrote ${outcome.plannedEdits} value(s); backup ${outcome.backups.map((b) => `\`${b}\``).join(', ')}; portal ${outcome.restarted ? 'restarted' : 'not restarted'}.`
        : 'Nothing to change: the file already holds the desired values.';
  const lines = plan ? planLines(plan).map((line) => `    ${line}`) : [];
  return ['### Intrexx configuration writer', '', verdict, '', ...lines, ''].join('\n');
}
