"""The report's plots: cost against article size, cost against corpus size, and the export
comparison. Small PNGs (they are committed), drawn with matplotlib's Agg backend."""

import io

import matplotlib
from PIL import Image

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import (  # noqa: E402
    FixedLocator, FuncFormatter, LogLocator, NullFormatter, NullLocator)

DPI = 100
COLOURS = plt.get_cmap("tab10").colors


def size_label(n_bytes):
    return f"{n_bytes / 1e6:g} MB" if n_bytes >= 1e6 else f"{n_bytes / 1e3:g} KB"


def ms_label(ms, _pos=None):
    if ms >= 1000:
        return f"{ms / 1000:.3g} s"
    return f"{ms:.3g} ms" if ms >= 1 else f"{ms * 1000:.3g} µs"


def series(figures, name, key, stat="median"):
    """(x, y, y_low, y_high) of the figures called `name`, by params[key], sorted by x."""
    points = sorted((f["params"][key], f[stat], f["min"], f["max"])
                    for f in figures if f["name"] == name and key in f["params"])
    return [list(column) for column in zip(*points)] if points else None


def draw_lines(ax, figures, lines, key):
    """One line per (figure name, legend label, stat), the spread of the samples as a band;
    returns the x values drawn."""
    drawn = set()
    for i, (name, label, stat) in enumerate(lines):
        s = series(figures, name, key, stat)
        if not s:
            continue
        x, y, low, high = s
        colour = COLOURS[i % len(COLOURS)]
        ax.plot(x, y, marker="o", markersize=4, color=colour, label=label)
        if stat == "median" and any(h > lo for lo, h in zip(low, high)):
            ax.fill_between(x, low, high, color=colour, alpha=0.12, linewidth=0)
        drawn.update(x)
    return drawn


def goal_line(ax, ms, text):
    ax.axhline(ms, color="#c0392b", linestyle=":", linewidth=1)
    ax.annotate(text, xy=(0.01, ms), xycoords=("axes fraction", "data"), color="#c0392b",
                fontsize=8, va="bottom", ha="left")


def log_log(ax, xs, x_label, x_format):
    """Log scales, ticks on x at the sizes measured, y ticks at 1, 2 and 5 of each decade."""
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(x_label)
    ax.set_ylabel("time")
    if xs:
        ax.xaxis.set_major_locator(FixedLocator(sorted(xs)))
        ax.set_xlim(min(xs) / 1.6, max(xs) * 1.6)
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: x_format(v)))
    ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_major_formatter(FuncFormatter(ms_label))
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.grid(True, which="major", color="#e4e4e4", linewidth=0.6)
    if ax.get_legend_handles_labels()[0]:
        # Below the plot, where it can hide neither a line nor a goal.
        ax.legend(fontsize=7.5, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2,
                  frameon=False)
    else:
        ax.text(0.5, 0.5, "not run", transform=ax.transAxes, ha="center", color="#888888")


def save(fig, path):
    """A PNG of 256 colours: a third of the size of full colour, and the same to the eye for
    lines and text on white."""
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, dpi=DPI, format="png")
    plt.close(fig)
    image = Image.open(buffer).convert("RGB").quantize(colors=256)
    image.save(path, optimize=True)


def article_size(results, path):
    """Open and tag in the window, and the core's per-article operations, against article size."""
    window = results.get("webview", {}).get("figures", [])
    core = results.get("store", {}).get("figures", [])
    if not window and not core:
        return False
    fig, (left, right) = plt.subplots(1, 2, figsize=(10.5, 5.4))
    xs = draw_lines(left, window, [
        ("open (cd:open)", "open: mounted → painted (median)", "median"),
        ("open, click to painted", "open: click → painted (median)", "median"),
        ("tag (cd:tag)", "tag: key → painted (median)", "median"),
    ], "article_bytes")
    goal_line(left, 200, "open goal 200 ms")
    goal_line(left, 50, "tag goal 50 ms")
    left.set_title("In the window (WebKitGTK)", fontsize=10)
    xs |= draw_lines(right, core, [
        ("get_article", "get_article", "median"),
        ("OffsetMap::new", "OffsetMap::new", "median"),
        ("list_article_annotations", "list_article_annotations", "median"),
        ("list_article_annotations to JSON", "… to JSON (IPC payload)", "median"),
        ("create_annotation", "create_annotation (commit)", "median"),
        ("Store::open", "Store::open (quick_check)", "median"),
    ], "article_bytes")
    right.set_title("In the core (no window)", fontsize=10)
    for ax in (left, right):
        log_log(ax, xs, "article size (one annotation per 100 bytes)", size_label)
    fig.suptitle("Cost against article size (log-log; bands: fastest to slowest run)",
                 fontsize=11)
    save(fig, path)
    return True


def corpus_size(results, path):
    """Search, library and annotation table against the number of articles."""
    core = results.get("corpus", {}).get("figures", [])
    window = results.get("corpus_window", {}).get("figures", [])
    if not core and not window:
        return False
    fig, (left, right) = plt.subplots(1, 2, figsize=(10.5, 5.4))
    xs = draw_lines(left, core + window, [
        ("search, one word (50 words of all frequencies, 5 languages)", "search, one word (p95)",
         "p95"),
        ("search, two words", "search, two words (p95)", "p95"),
        ("library, first 200 rows, newest first", "library first page, core (median)",
         "median"),
        ("library, first page painted (cd:library)", "library first page, window (median)",
         "median"),
        ("library, sorted by annotation count", "library by annotation count, core (median)",
         "median"),
    ], "articles")
    goal_line(left, 300, "library goal 300 ms")
    goal_line(left, 50, "search goal: p95 50 ms")
    left.set_title("Search and library", fontsize=10)
    xs |= draw_lines(right, core, [
        ("annotation table page, top", "table, first page", "median"),
        ("annotation table page, middle", "table, page in the middle", "median"),
        ("annotation table page, end", "table, last page", "median"),
    ], "articles")
    right.set_title("Annotation table, pages of 200, core", fontsize=10)
    for ax in (left, right):
        log_log(ax, xs, "articles in the corpus", lambda v: f"{v:,.0f}")
    fig.suptitle("Cost against corpus size (log-log)", fontsize=11)
    save(fig, path)
    return True


def export(results, path, tools):
    """Time and peak memory of each tool's CSV export, by number of annotations."""
    figures = results.get("export", {}).get("figures", [])
    sizes = sorted({f["params"]["annotations"] for f in figures if f["name"] == tools[0]})
    if not sizes:
        return False
    fig, (left, right) = plt.subplots(1, 2, figsize=(10.5, 4.2))
    width = 0.8 / len(tools)
    for i, tool in enumerate(tools):
        for ax, name, scale in ((left, tool, 1000), (right, f"peak memory, {tool}", 1)):
            by_size = {f["params"]["annotations"]: f for f in figures if f["name"] == name}
            xs = [k + (i - (len(tools) - 1) / 2) * width for k in range(len(sizes))]
            ys = [by_size[s]["median"] * scale if s in by_size else 0 for s in sizes]
            errs = [[y - by_size[s]["min"] * scale if s in by_size else 0
                     for s, y in zip(sizes, ys)],
                    [by_size[s]["max"] * scale - y if s in by_size else 0
                     for s, y in zip(sizes, ys)]]
            ax.bar(xs, ys, width, yerr=errs, capsize=2, color=COLOURS[i], label=tool)
            label = ms_label if scale == 1000 else (lambda v: f"{v:.0f} MB")
            for x, y, above in zip(xs, ys, errs[1]):
                if y > 0:
                    ax.annotate(label(y), (x, y + above), xytext=(0, 2), fontsize=7,
                                textcoords="offset points", ha="center", va="bottom")
    for ax, title in ((left, "Time (median, whiskers: fastest to slowest)"),
                      (right, "Peak resident memory")):
        ax.set_xticks(range(len(sizes)), [f"{s:,} rows" for s in sizes])
        ax.set_yscale("log")
        ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        ax.yaxis.set_minor_locator(NullLocator())
        ax.margins(y=0.15)
        ax.set_title(title, fontsize=10)
        ax.grid(True, axis="y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
    left.yaxis.set_major_formatter(FuncFormatter(ms_label))
    right.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:g} MB"))
    left.legend(fontsize=8, loc="upper left")
    fig.suptitle("CSV export of the corpus's annotations (joined with article, label, analyst)",
                 fontsize=11)
    save(fig, path)
    return True
