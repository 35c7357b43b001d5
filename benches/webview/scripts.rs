//! The JavaScript the bench runs in the page.

/// The article's row in the library, once its title has loaded (rows load lazily).
pub(crate) const ARTICLE_ITEM: &str = "[data-testid=article-item] .title";

/// Resolves with the duration of the newest User Timing measure `arguments[0]` once there are more
/// than `arguments[1]` of them, or with null after 30 s. Polls inside the page, so one WebDriver
/// round trip covers the whole wait.
pub(crate) const WAIT_FOR_MEASURE: &str = "
    const [name, seen, done] = arguments;
    const deadline = performance.now() + 30000;
    (function poll() {
      const entries = performance.getEntriesByName(name, 'measure');
      if (entries.length > seen) return done(entries[entries.length - 1].duration);
      if (performance.now() > deadline) return done(null);
      setTimeout(poll, 1);
    })();";

/// Selects two words in a block of the reader that is on screen, as a mouse drag would, and
/// returns how many `cd:tag` measures exist so far (or null if nothing could be selected).
pub(crate) const SELECT_ON_SCREEN: &str = "
    const j = arguments[0];
    const reader = document.querySelector('[data-testid=reader-text]');
    if (!reader) return null;
    const view = reader.closest('.main').getBoundingClientRect();
    const blocks = [...reader.querySelectorAll('.block')].filter((b) => {
      const r = b.getBoundingClientRect();
      return r.top >= view.top && r.top < view.bottom - 40;
    });
    if (blocks.length === 0) return null;
    const node = blocks[j % blocks.length].firstChild;
    const words = [...node.data.matchAll(/[\\p{L}\\p{N}]+/gu)];
    if (words.length < 2) return null;
    const w = (3 * j + 1) % (words.length - 1);
    const start = words[w].index;
    const end = words[w + 1].index + words[w + 1][0].length;
    getSelection().setBaseAndExtent(node, start, node, end);
    return performance.getEntriesByName('cd:tag', 'measure').length;";

/// The newest open's phases (User Timing marks `cd:open:*`), in ms from its start.
pub(crate) const OPEN_PHASES: &str = "
    const start = performance.getEntriesByName('cd:open:start', 'mark').pop()?.startTime ?? 0;
    return performance.getEntriesByType('mark')
      .filter((m) => m.name.startsWith('cd:open:') && m.name !== 'cd:open:start' && m.startTime >= start)
      .map((m) => `${m.name.slice(8)} +${Math.round(m.startTime - start)}`).join(', ');";

/// When the newest tag's save returned and its view was updated, in ms from its key press.
pub(crate) const TAG_PHASES: &str = "
    const at = (name) => performance.getEntriesByName(name, 'mark').pop()?.startTime ?? NaN;
    const start = at('cd:tag:start');
    return [Math.round(at('cd:tag:saved') - start), Math.round(at('cd:tag:shown') - start)];";

/// Labels painted by the highlight layer, counted over every label's Highlight.
pub(crate) const PAINTED: &str = "
    return [...CSS.highlights.keys()].filter((k) => k.startsWith('cd-label-'))
      .reduce((n, k) => n + CSS.highlights.get(k).size, 0);";

/// Before the logged open: every animation frame is logged, and every IPC request (Tauri's
/// `invoke` goes through `fetch` to the `ipc:` scheme) is timed from sending to its response's
/// headers and to its JSON body parsed.
pub(crate) const LOG_OPEN: &str = "
    window.__benchFrames = []; window.__benchLogFrames = true;
    (function frame(t) { window.__benchFrames.push(t);
      if (window.__benchLogFrames) requestAnimationFrame(frame); })(performance.now());
    window.__benchIpc = [];
    const realFetch = window.fetch;
    window.fetch = function (input, init) {
      const entry = { command: String(input).split('/').pop(), sent: performance.now() };
      window.__benchIpc.push(entry);
      const response = realFetch.call(this, input, init);
      response.then((r) => {
        entry.headers = performance.now();
        const json = r.json.bind(r);
        r.json = () => json().then((v) => { entry.parsed = performance.now(); return v; });
      }, () => {});
      return response;
    };";

/// After the logged open: the IPC requests and the long gaps between frames, all in ms from
/// `cd:open:start`.
pub(crate) const OPEN_DETAIL: &str = "
    window.__benchLogFrames = false;
    const start = performance.getEntriesByName('cd:open:start').pop().startTime;
    const end = performance.getEntriesByName('cd:open:end').pop().startTime;
    const rel = (t) => (t === undefined ? null : Math.round(t - start));
    const ipc = window.__benchIpc
      .filter((e) => e.sent >= start - 1 && e.sent <= end)
      .map((e) => ({ command: e.command, sent: rel(e.sent), headers: rel(e.headers), parsed: rel(e.parsed) }));
    const frames = window.__benchFrames.filter((t) => t >= start - 50 && t <= end + 50);
    const gaps = [];
    for (let i = 1; i < frames.length; i++) {
      if (frames[i] - frames[i - 1] > 50) gaps.push({ from: rel(frames[i - 1]), to: rel(frames[i]) });
    }
    const phases = performance.getEntriesByType('mark')
      .filter((m) => m.name.startsWith('cd:open:') && m.startTime >= start && m.startTime <= end)
      .filter((m) => m.name !== 'cd:open:start' && m.name !== 'cd:open:end')
      .map((m) => ({ name: m.name, at: rel(m.startTime) }));
    return { total: rel(end), ipc, gaps, phases };";

/// Interactions that change what is selected or hovered but not the annotations: `j` (select the
/// next annotation, as a key press) and moving the mouse over the text (hover), each timed to two
/// frames after the change (median of 3).
pub(crate) const INTERACTION_COSTS: &str = "
    const [done] = arguments;
    const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    (async () => {
      const out = { next: [], hover: [] };
      const reader = document.querySelector('[data-testid=reader-text]');
      for (let i = 0; i < 3; i++) {
        await frames();
        let t = performance.now();
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
        await frames();
        out.next.push(performance.now() - t);
        await frames();
        const box = reader.querySelectorAll('.block')[i].getBoundingClientRect();
        t = performance.now();
        reader.dispatchEvent(new MouseEvent('mousemove', { clientX: box.left + 40 + 30 * i, clientY: box.top + 8, bubbles: true }));
        // The reader looks up the point in the next frame, then the change paints two frames later.
        await new Promise((r) => requestAnimationFrame(r));
        await frames();
        out.hover.push(performance.now() - t);
      }
      done({ next: Math.round(median(out.next)), hover: Math.round(median(out.hover)) });
    })().catch((e) => done({ error: String(e) }));";

/// What the rendering costs around the 10,000 highlight ranges, each timed to two frames later:
/// changing one range of a mark; a DOM change anywhere (an empty element appended to the body)
/// with the label highlights registered as they are (live Ranges), unregistered, and as the same
/// spans in StaticRanges; and registering 10,000 StaticRanges spread over the article versus
/// packed into the first blocks (on screen). The label highlights are restored afterwards.
pub(crate) const PAINT_COSTS: &str = "
    const [done] = arguments;
    const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const timed = async (change) => {
      await frames();
      const t = performance.now();
      change();
      await frames();
      return Math.round(performance.now() - t);
    };
    const mutation = async () => {
      const probe = document.createElement('i');
      const t = await timed(() => document.body.appendChild(probe));
      await timed(() => probe.remove());
      return t;
    };
    (async () => {
      const out = {};
      const nodes = [...document.querySelectorAll('[data-testid=reader-text] .block')].map((b) => b.firstChild);
      const mark = CSS.highlights.get('cd-hovered');
      const probe = document.createRange();
      probe.setStart(nodes[0], 0); probe.setEnd(nodes[0], 1);
      out.idle = await timed(() => {});
      out.markChange = await timed(() => mark.add(probe));
      await timed(() => mark.delete(probe));
      out.mutationLive = await mutation();
      const labels = [...CSS.highlights.entries()].filter(([k]) => k.startsWith('cd-label-'));
      out.unregister = await timed(() => labels.forEach(([k]) => CSS.highlights.delete(k)));
      out.mutationNone = await mutation();
      const statics = new Highlight();
      for (const [, h] of labels) for (const r of h) statics.add(new StaticRange(r));
      out.registerStaticSame = await timed(() => CSS.highlights.set('cd-bench', statics));
      out.mutationStatic = await mutation();
      await timed(() => CSS.highlights.delete('cd-bench'));
      const packed = (n, spread) => {
        const h = new Highlight();
        for (let k = 0; k < n; k++) {
          const node = spread ? nodes[Math.floor((k * nodes.length) / n)] : nodes[k % 3];
          const at = (k * 11) % Math.max(1, node.length - 4);
          h.add(new StaticRange({ startContainer: node, startOffset: at, endContainer: node, endOffset: at + 3 }));
        }
        return h;
      };
      for (const [n, spread] of [[1000, true], [10000, false]]) {
        const h = packed(n, spread);
        out[spread ? `registerSpread${n}` : `registerOnScreen${n}`] = await timed(() => CSS.highlights.set('cd-bench', h));
        await timed(() => CSS.highlights.delete('cd-bench'));
      }
      out.restore = await timed(() => labels.forEach(([k, h]) => CSS.highlights.set(k, h)));
      done(out);
    })().catch((e) => done({ error: String(e) }));";

/// Costs of the parts of an open, each timed on its own in the page: the two commands the
/// workbench calls (alone and in parallel, as it calls them), parsing their JSON, making 10,000
/// DOM ranges and adding them to a Highlight, and the two frames every measure waits for.
pub(crate) const PAGE_COSTS: &str = "
    const [id, done] = arguments;
    const invoke = (cmd, args) => window.__TAURI_INTERNALS__.invoke(cmd, args);
    const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    (async () => {
      const rounds = { article: [], list: [], both: [], parse: [], ranges: [], frames: [] };
      let listBytes = 0, annotations = 0;
      for (let i = 0; i < 5; i++) {
        let t = performance.now();
        await invoke('get_article', { id });
        rounds.article.push(performance.now() - t);
        t = performance.now();
        const list = await invoke('list_article_annotations', { articleId: id });
        rounds.list.push(performance.now() - t);
        t = performance.now();
        await Promise.all([invoke('get_article', { id }), invoke('list_article_annotations', { articleId: id })]);
        rounds.both.push(performance.now() - t);
        const json = JSON.stringify(list);
        listBytes = json.length; annotations = list.annotations.length;
        t = performance.now();
        JSON.parse(json);
        rounds.parse.push(performance.now() - t);
        const nodes = [...document.querySelectorAll('[data-testid=reader-text] .block')].map((b) => b.firstChild);
        t = performance.now();
        const highlight = new Highlight();
        for (let k = 0; k < 10000; k++) {
          const node = nodes[k % nodes.length];
          const at = (k * 7) % Math.max(1, node.length - 4);
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + 3);
          highlight.add(range);
        }
        rounds.ranges.push(performance.now() - t);
        t = performance.now();
        await frames();
        rounds.frames.push(performance.now() - t);
      }
      const out = { listBytes, annotations };
      for (const [k, xs] of Object.entries(rounds)) out[k] = Math.round(median(xs) * 10) / 10;
      done(out);
    })().catch((e) => done({ error: String(e) }));";
