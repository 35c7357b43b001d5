// User Timing marks around what analysts wait for (opening an article, tagging a span), measured
// to the frame that shows the result. The webview benchmark reads them; they cost nothing otherwise.

/** Resolves once the next frame has been painted: a task queued from that frame's animation callback
 *  runs after its paint (the callbacks run just before it). Two animation frames would wait a whole
 *  extra frame after the change is already on screen. */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    }),
  );
}

/** Start timing `name` (e.g. "cd:open"). */
export function startTiming(name: string): void {
  performance.clearMarks(`${name}:start`);
  performance.mark(`${name}:start`);
}

/** Record `name` once the current change is on screen. */
export async function endTimingAfterPaint(name: string): Promise<void> {
  await afterPaint();
  performance.mark(`${name}:end`);
  performance.measure(name, `${name}:start`, `${name}:end`);
}

/** Note a phase inside a timing (e.g. "cd:open:fetched"); the benchmark lists them. */
export function markPhase(name: string): void {
  performance.mark(name);
}
