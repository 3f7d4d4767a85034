/**
 * The progress line of long runs: one line on standard error, rewritten in place ("12/100 specs/x.yaml")
 * and erased at the end, so the report that follows starts on a clean line. Shown only where a person
 * watches: stderr is a terminal, `CI` is not set, and the reporter is not a machine format on stdout
 * (json, junit), whose consumers must see exactly one document and nothing else of ours.
 */

export interface ProgressState {
  /** Expectations finished. */
  done: number;
  total: number;
  /** The spec file of the expectation being checked, relative to the working directory. */
  file: string;
}

export interface ProgressListener {
  update(state: ProgressState): void;
  /** The run is over: erase the line (the report comes next). */
  end(): void;
}

export interface ProgressTarget {
  stderrIsTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  reporter: string;
}

/** Whether to show the line at all (see the module comment). */
export function progressWanted({ stderrIsTTY, env, reporter }: ProgressTarget): boolean {
  if (!stderrIsTTY) return false;
  // CI services set CI=true (GitHub Actions, GitLab, CircleCI, ...); their logs keep every \r frame.
  const ci = env.CI;
  if (ci !== undefined && ci !== "" && ci !== "0" && ci.toLowerCase() !== "false") return false;
  return reporter !== "json" && reporter !== "junit";
}

export interface LineProgressOptions {
  /** Terminal width; the line is cut to fit so that it never wraps (a wrapped line cannot be erased). */
  columns?: number | undefined;
  /** Redraw at most this often (default 100 ms): writing on every expectation costs more than it tells. */
  intervalMs?: number;
  now?: () => number;
}

const ERASE = "\r\x1b[2K";

export function lineProgress(write: (text: string) => void, options: LineProgressOptions = {}): ProgressListener {
  const interval = options.intervalMs ?? 100;
  const now = options.now ?? Date.now;
  const width = Math.max(20, (options.columns ?? 80) - 1);
  let drawn = false;
  let last = -Infinity;
  return {
    update({ done, total, file }) {
      const t = now();
      if (t - last < interval) return;
      last = t;
      let text = `iam-spec ${done}/${total} ${file}`;
      if (text.length > width) text = `${text.slice(0, width - 1)}…`;
      write(ERASE + text);
      drawn = true;
    },
    end() {
      if (drawn) write(ERASE);
      drawn = false;
    },
  };
}
