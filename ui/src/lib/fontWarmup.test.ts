import { afterEach, describe, expect, it, vi } from "vitest";
import { WARMUP_SAMPLE, warmUpFonts } from "./fontWarmup";

/** Just enough of a Document to watch what the warm-up does to the page. */
function fakeDocument() {
  const events: string[] = [];
  const makeElement = () => {
    const element = {
      className: "",
      textContent: "",
      children: [] as unknown[],
      attributes: new Map<string, string>(),
      setAttribute: (name: string, value: string) => void element.attributes.set(name, value),
      append: (child: unknown) => void element.children.push(child),
      remove: () => void events.push("removed"),
      get offsetHeight() {
        events.push("laid out");
        return 20;
      },
    };
    return element;
  };
  const appended: ReturnType<typeof makeElement>[] = [];
  const doc = {
    createElement: () => makeElement(),
    body: {
      append: (child: ReturnType<typeof makeElement>) => {
        appended.push(child);
        events.push("appended");
      },
    },
  };
  return { doc: doc as unknown as Document, appended, events };
}

describe("font warm-up", () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("covers the scripts and emoji whose fallback fonts are slow to load", () => {
    for (const script of [/\p{Script=Cyrillic}/u, /\p{Script=Arabic}/u, /\p{Script=Han}/u, /\p{Script=Devanagari}/u, /\p{Extended_Pictographic}/u]) {
      expect(WARMUP_SAMPLE).toMatch(script);
    }
  });

  it("lays the sample out in both text fonts, hidden, later, and leaves nothing behind", () => {
    vi.useFakeTimers();
    const frames: (() => void)[] = [];
    vi.stubGlobal("requestAnimationFrame", (f: () => void) => frames.push(f));
    const { doc, appended, events } = fakeDocument();
    warmUpFonts(doc);
    vi.runAllTimers();
    expect(events).toEqual([]);
    // After the next frame is painted, not during it.
    frames.forEach((f) => f());
    expect(events).toEqual([]);
    vi.runAllTimers();
    expect(events).toEqual(["appended", "laid out", "removed"]);
    const box = appended[0];
    expect(box?.className).toBe("font-warmup");
    expect(box?.attributes.get("aria-hidden")).toBe("true");
    expect(box?.children).toEqual([
      expect.objectContaining({ className: "serif", textContent: WARMUP_SAMPLE }),
      expect.objectContaining({ className: "sans", textContent: WARMUP_SAMPLE }),
    ]);
  });
});
