"""Markdown tables for the report: every figure of a bench, and figures side by side by size."""


def fmt_value(v):
    """A number as the report prints it: thousands separated, about three significant digits."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, int) or float(v).is_integer() and abs(v) >= 1000:
        return f"{int(v):,}"
    if abs(v) >= 100:
        return f"{v:,.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}" if abs(v) >= 0.1 else f"{v:.3f}"


def fmt_measure(v, unit):
    if unit == "ms" and v >= 10_000:
        return f"{fmt_value(v / 1000)} s"
    return f"{fmt_value(v)} {unit}"


def size_label(n_bytes):
    return f"{n_bytes / 1e6:g} MB" if n_bytes >= 1e6 else f"{n_bytes / 1e3:g} KB"


# Parameters in the order they read best; the Rust side writes them sorted by name.
PARAM_ORDER = ["article_bytes", "articles", "annotations", "files", "analysts", "bytes",
               "csv_bytes", "idle_s"]


def fmt_params(params):
    """Parameters in words: "1 MB article, 10,000 annotations"."""
    words = []
    keys = sorted(params, key=lambda k: (PARAM_ORDER.index(k) if k in PARAM_ORDER else 99, k))
    for key, value in ((k, params[k]) for k in keys):
        if key == "article_bytes":
            words.append(f"{size_label(value)} article")
        elif key in ("annotations", "articles", "files", "analysts"):
            words.append(f"{fmt_value(value)} {key}")
        elif key == "csv_bytes":
            words.append(f"{value / 1e6:.1f} MB of CSV")
        elif key == "bytes":
            words.append(f"{value / 1e6:.0f} MB of HTML")
        elif key == "idle_s":
            words.append(f"after {value} s at rest")
        elif key == "frames" and "dropped" in params:
            words.append(f"{params['dropped']} of {value} frames dropped")
        elif key in ("px_per_frame", "dropped"):
            continue
        else:
            words.append(f"{key.replace('_', ' ')} {fmt_value(value)}")
    return ", ".join(words)


def figure_rows(figures, goal_of):
    """| figure | on | n | median | p95 | max | goal | for every figure, in the bench's order."""
    rows = ["| figure | on | n | median | p95 | max | goal |",
            "| --- | --- | ---: | ---: | ---: | ---: | --- |"]
    for f in figures:
        unit = f["unit"]
        goal = goal_of(f["name"])
        goal_text = ""
        if goal:
            met = f[goal[2]] <= goal[3]
            goal_text = f"{goal[2]} ≤ {goal[3]} ms: {'met' if met else '**not met**'}"
        p95 = fmt_measure(f["p95"], unit) if f["n"] > 1 else ""
        high = fmt_measure(f["max"], unit) if f["n"] > 1 else ""
        rows.append(f"| {f['name']} | {fmt_params(f['params'])} | {f['n']} | "
                    f"{fmt_measure(f['median'], unit)} | {p95} | {high} | {goal_text} |")
    return rows


def by_size_table(data, benches, key):
    """Figures of `benches` that were measured at more than one value of params[key], one row
    each, one column per value: the median, and the p95 in brackets for 5 or more samples."""
    sizes = sorted({f["params"][key] for b in benches for f in data.get(b, {}).get("figures", [])
                    if key in f["params"]})
    if len(sizes) < 2:
        return []
    label = size_label if key == "article_bytes" else (lambda n: f"{n:,} articles")
    rows = ["Median; p95 in brackets where there are 5 or more samples.", "",
            "| bench | figure | " + " | ".join(label(s) for s in sizes) + " |",
            "| --- | --- | " + " | ".join("---:" for _ in sizes) + " |"]
    for bench in benches:
        names = []
        for f in data.get(bench, {}).get("figures", []):
            if key in f["params"] and f["name"] not in names:
                names.append(f["name"])
        for name in names:
            cells = {f["params"][key]: f for f in data[bench]["figures"]
                     if f["name"] == name and key in f["params"]}
            if len(cells) < 2:
                continue
            row = [cell(cells.get(s)) for s in sizes]
            rows.append(f"| {bench} | {name} | " + " | ".join(row) + " |")
    return rows


def cell(f):
    if f is None:
        return ""
    text = fmt_measure(f["median"], f["unit"])
    if f["n"] >= 5:
        text += f" ({fmt_measure(f['p95'], f['unit'])})"
    return text
