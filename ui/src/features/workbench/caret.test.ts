import { describe, expect, it } from "vitest";
import { caretSelection, moveCaretBy, paragraphStep, wordStep } from "./caret";

describe("caret steps", () => {
  const text = "RT a dépensé 274 000 $ 💸, selon «Le Monde».";

  it("moves to the next and previous word starts, over emoji and punctuation", () => {
    expect(wordStep(text, 0, 1)).toBe(3);
    expect(wordStep(text, 3, 1)).toBe(5);
    const monde = text.indexOf("Le Monde");
    expect(wordStep(text, monde, -1)).toBe(text.indexOf("selon"));
    expect(wordStep(text, text.length - 2, 1)).toBe(text.length);
    expect(wordStep(text, 2, -1)).toBe(0);
  });

  it("walks Cyrillic words", () => {
    const ru = "Представитель заявил: «это ложь».";
    expect(wordStep(ru, 0, 1)).toBe(ru.indexOf("заявил"));
  });

  it("moves between paragraph starts and clamps at the ends", () => {
    const starts = [0, 40, 90];
    expect(paragraphStep(starts, 10, 1, 120)).toBe(40);
    expect(paragraphStep(starts, 90, 1, 120)).toBe(120);
    expect(paragraphStep(starts, 40, -1, 120)).toBe(0);
    expect(paragraphStep(starts, 0, -1, 120)).toBe(0);
  });
});

describe("moveCaretBy", () => {
  const text = "Le porte-parole a déclaré: rien.";

  it("moves without selecting, then extends from the anchor", () => {
    const word = { unit: "word", direction: 1, extend: false } as const;
    let caret = moveCaretBy(text, { anchor: 0, focus: 0 }, word, [0]);
    expect(caretSelection(caret)).toBeNull();
    caret = moveCaretBy(text, caret, { ...word, extend: true }, [0]);
    caret = moveCaretBy(text, caret, { ...word, extend: true }, [0]);
    const span = caretSelection(caret);
    expect(span && text.slice(span.start, span.end)).toBe("porte-parole ");
  });
});
