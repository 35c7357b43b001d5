// Noticing other writers: SQLite's data_version moves when another window or process commits to
// the open file. A poll every so often is enough (reading it costs one pragma); the window then
// refreshes its lists. A failure (a file that stays locked) is reported once until it clears.

/** How often the window asks, in milliseconds. */
export const DATA_VERSION_INTERVAL = 1500;

export interface DataVersionWatch {
  /** Ask now; resolves once the answer is handled. */
  check: () => Promise<void>;
  stop: () => void;
}

/** Watch the data version: `onChange` when it moves, `onTrouble` once per failing stretch. */
export function watchDataVersion(
  read: () => Promise<number>,
  onChange: () => void,
  onTrouble: (reason: unknown) => void,
  interval = DATA_VERSION_INTERVAL,
): DataVersionWatch {
  let last: number | null = null;
  let failing = false;
  let busy = false;
  const check = async () => {
    if (busy) return;
    busy = true;
    try {
      const version = await read();
      failing = false;
      if (last !== null && version !== last) onChange();
      last = version;
    } catch (reason) {
      if (!failing) onTrouble(reason);
      failing = true;
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void check(), interval);
  void check();
  return { check, stop: () => clearInterval(timer) };
}
