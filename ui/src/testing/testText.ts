// Test-only helpers shared by the text tests: sample pieces of awkward text, a seeded random generator
// to build strings from them (so a failure reproduces), and reference answers computed the slow way.

/** Pieces that stress offsets, clusters and words, several of them right-to-left or astral. */
export const PIECES = {
  ascii: "Hello, world.",
  precomposed: "caf\u00e9",
  decomposed: "cafe\u0301",
  grinning: "\u{1F600}",
  family: "\u{1F468}\u200d\u{1F469}\u200d\u{1F467}",
  flags: "\u{1F1FA}\u{1F1E6}\u{1F1EB}\u{1F1F7}",
  loneIndicator: "\u{1F1FA}", // an odd regional indicator shifts how the following flags pair up
  thumbsUpToned: "\u{1F44D}\u{1F3FD}",
  mathBold: "\u{1D400}\u{1D401}",
  cyrillic: "Привет мир",
  arabic: "مرحبا بالعالم",
  hebrew: "שלום עולם",
  devanagari: "नमस्ते क्षत्रिय",
  hangulJamo: "\u1100\u1161\u11a8",
  hangulSyllables: "한국어",
  longCluster: `a${"\u0301".repeat(100)}`,
  longWord: "x".repeat(150),
  newline: "\n",
  paragraph: "\n\n",
  space: " ",
  punctuation: "—",
} as const;

const PIECE_LIST: readonly string[] = Object.values(PIECES);

/** mulberry32: a tiny seeded generator returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number in [0, below). */
export function randomInt(random: () => number, below: number): number {
  return Math.floor(random() * below);
}

/** A string of `count` random pieces. */
export function randomText(random: () => number, count: number): string {
  let text = "";
  for (let i = 0; i < count; i++) text += PIECE_LIST[randomInt(random, PIECE_LIST.length)] ?? "";
  return text;
}

/** Every grapheme boundary of `text`, from segmenting all of it (the slow reference). */
export function graphemeBoundaries(text: string): Set<number> {
  const boundaries = new Set<number>([text.length]);
  for (const { index } of new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)) boundaries.add(index);
  return boundaries;
}
