// The first article opened after the app starts used to take three times as long to paint as the
// next ones (about 530 ms against 170 ms for 1 MB): most of the difference is the system looking
// up and loading fallback fonts for the scripts and emoji the text holds, the first time each is
// laid out. Laying out a line of each common script once moves that cost to just after the app's
// first paint, before anyone can pick an article. The sample is hidden and removed at once.

/** A few characters of the scripts news articles are commonly written in, and emoji (colour
 *  emoji come from their own font, the slowest to load). */
export const WARMUP_SAMPLE = [
  "Aa é ß ł ő ș ñ",
  "Жж Ўў Єє",
  "Ωω",
  "عربي فارسی",
  "עברית",
  "हिन्दी",
  "中文 日本語 한국어",
  "ไทย",
  "💸📄🇫🇷👩🏽‍💻",
].join(" ");

/** Lay out the sample in the reader's fonts (serif and sans) just after the page's first paint
 *  (an idle callback came too late: an article opened at once still waited for its fonts). */
export function warmUpFonts(doc: Document = document): void {
  const run = () => {
    const box = doc.createElement("div");
    box.setAttribute("aria-hidden", "true");
    box.className = "font-warmup";
    for (const family of ["serif", "sans"]) {
      const line = doc.createElement("div");
      line.className = family;
      line.textContent = WARMUP_SAMPLE;
      box.append(line);
    }
    doc.body.append(box);
    // Reading a size forces the layout, which shapes the text and loads its fonts.
    void box.offsetHeight;
    box.remove();
  };
  // A timer set from an animation frame fires after that frame is painted.
  requestAnimationFrame(() => setTimeout(run, 0));
}
