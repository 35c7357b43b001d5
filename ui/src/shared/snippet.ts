// Search snippets arrive with matched words between two private-use characters; split them into
// plain and marked parts so the component renders each as text (never as HTML).
const START = "\uE000";
const END = "\uE001";

export interface SnippetPart {
  text: string;
  marked: boolean;
}

export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const [i, piece] of snippet.split(START).entries()) {
    const [inside, ...after] = i === 0 ? [null, piece] : piece.split(END);
    if (inside) parts.push({ text: inside, marked: true });
    const rest = after.join(END);
    if (rest) parts.push({ text: rest, marked: false });
  }
  return parts;
}
