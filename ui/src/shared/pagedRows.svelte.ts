// Rows of a long listing fetched a page at a time as they scroll into view, so a table over a
// million annotations holds only the pages near the screen. A reset (new filters or sort) drops
// everything and ignores answers to requests made before it.

export interface Page<T> {
  total: number;
  rows: T[];
}

export class PagedRows<T> {
  total = $state(0);
  loaded = $state(false);
  private pages = $state.raw<Record<number, T[]>>({});
  // Pages being fetched; not reactive state, only a guard against asking twice.
  private pending: number[] = [];
  private generation = 0;
  private readonly fetchPage: (offset: number, limit: number) => Promise<Page<T>>;
  private readonly onError: (reason: unknown) => void;
  readonly pageSize: number;

  constructor(fetchPage: (offset: number, limit: number) => Promise<Page<T>>, onError: (reason: unknown) => void, pageSize = 200) {
    this.fetchPage = fetchPage;
    this.onError = onError;
    this.pageSize = pageSize;
  }

  /** Forget every page and load the first again. */
  reset(): void {
    this.generation += 1;
    this.pages = {};
    this.pending = [];
    this.loaded = false;
    void this.ensure(0, 1);
  }

  /** The row at `index`, if its page is loaded. */
  row(index: number): T | undefined {
    return this.pages[Math.floor(index / this.pageSize)]?.[index % this.pageSize];
  }

  /** Load the pages covering rows [first, last) and half a page beyond either end: a fast scroll
   *  then usually finds the next rows loaded, where a page deep in a million rows takes a few
   *  hundred milliseconds to read. */
  async ensure(first: number, last: number): Promise<void> {
    const ahead = Math.floor(this.pageSize / 2);
    const start = Math.max(0, first - ahead);
    const end = this.loaded ? Math.min(this.total, last + ahead) : last + ahead;
    const from = Math.floor(start / this.pageSize);
    const to = Math.floor(Math.max(start, end - 1) / this.pageSize);
    await Promise.all(Array.from({ length: to - from + 1 }, (_, i) => this.load(from + i)));
  }

  private async load(page: number): Promise<void> {
    if (this.pages[page] || this.pending.includes(page)) return;
    this.pending.push(page);
    const generation = this.generation;
    try {
      const result = await this.fetchPage(page * this.pageSize, this.pageSize);
      if (generation !== this.generation) return;
      this.total = result.total;
      this.pages = { ...this.pages, [page]: result.rows };
      this.loaded = true;
    } catch (reason) {
      if (generation === this.generation) this.onError(reason);
    } finally {
      this.pending = this.pending.filter((p) => p !== page);
    }
  }
}
