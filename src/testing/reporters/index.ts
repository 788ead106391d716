// The reporters `studio-script test` knows, by name. A reporter turns a
// session into text; one that has a default file writes there unless told
// otherwise, the others write to stdout unless given a file.
import type { SessionResult } from '../results.js';

export interface ReporterOptions {
  color: boolean;
  /** Show the coverage table (pretty). */
  coverage: boolean;
}

export interface Reporter {
  render(session: SessionResult, opts: ReporterOptions): string | Promise<string>;
  /** Where the report goes when no output file is given (undefined: stdout). */
  defaultFile?: string;
  /** The report shows coverage, so the session collects it. */
  needsCoverage?: boolean;
  /** How the terminal is told where the report went. */
  writtenLabel?: string;
}

export const REPORTERS: Record<string, () => Promise<Reporter>> = {
  pretty: async () => {
    const { prettyReport } = await import('./pretty.js');
    return { render: (s, o) => prettyReport(s, o) };
  },
  junit: async () => {
    const { junitReport } = await import('./junit.js');
    return { render: (s) => junitReport(s) };
  },
  json: async () => {
    const { jsonReport } = await import('./json.js');
    return { render: (s) => jsonReport(s) };
  },
  // One self-contained page (after Playwright's playwright-report/index.html); it draws coverage on every graph.
  html: async () => {
    const { htmlReport } = await import('./html.js');
    return { render: (s) => htmlReport(s), defaultFile: 'test-report/index.html', needsCoverage: true, writtenLabel: 'HTML report' };
  },
};
