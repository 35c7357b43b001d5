"""LibreOffice headless as a spreadsheet reader of CSV files, and the documented defusing rule
written independently of the Rust code, as an oracle.

`libreoffice_rows` converts a CSV file to flat ODF with formula evaluation on and returns every
cell with its formula (None when the cell is not a formula), value type, value and text.
`needs_defusing` and `defused` restate the rule of src-tauri/core/src/interchange/spreadsheet_safety.rs:
a plain decimal stays; a control character first, or a trigger after any blanks, gets a `'`.
"""

import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from collections import namedtuple
from pathlib import Path

Cell = namedtuple("Cell", "formula type value text")

NS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
      "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
      "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}

TRIGGERS = set("=+-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b\u2212")
ZERO_WIDTH = set("\u180e\u200b\u200c\u200d\u2060\ufeff")
PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def is_control(c):
    return unicodedata.category(c) == "Cc"


def is_blank(c):
    return c.isspace() or is_control(c) or c in ZERO_WIDTH


def is_plain_number(value):
    return PLAIN_NUMBER.fullmatch(value) is not None


def needs_defusing(value):
    """Whether a spreadsheet could run `value` as a formula, by the documented rule."""
    if value == "" or is_plain_number(value):
        return False
    if is_control(value[0]):
        return True
    first = next((c for c in value if not is_blank(c)), None)
    return first in TRIGGERS


def defused(value):
    return "'" + value if needs_defusing(value) else value


def _qualified(prefix, name):
    return f"{{{NS[prefix]}}}{name}"


def _paragraph_text(p):
    """A text:p's text with its space, tab and line-break elements spelled out."""
    out = [p.text or ""]
    for child in p:
        if child.tag == _qualified("text", "s"):
            out.append(" " * int(child.get(_qualified("text", "c"), "1")))
        elif child.tag == _qualified("text", "tab"):
            out.append("\t")
        elif child.tag == _qualified("text", "line-break"):
            out.append("\n")
        else:
            out.append(_paragraph_text(child))
        out.append(child.tail or "")
    return "".join(out)


def libreoffice_rows(soffice, csv_path, out_dir, trim_spaces=False):
    """Convert with formula evaluation on; return the sheet's rows of `Cell`s."""
    # Separator 44, quote 34, UTF-8 (76), from line 1, no column formats, language 0, quoted
    # fields as text off, detect special numbers on, 9-10 defaults, trim spaces as asked,
    # 12 default, evaluate formulas on.
    trim = "true" if trim_spaces else "false"
    options = f"CSV:44,34,76,1,,0,false,true,false,false,{trim},-1,true"
    profile = Path(out_dir, "lo-profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    "fods", f"--infilter={options}", "--outdir", str(out_dir), str(csv_path)],
                   check=True, capture_output=True, timeout=180)
    tree = ET.parse(Path(out_dir, Path(csv_path).stem + ".fods"))
    rows = []
    for row in tree.iter(_qualified("table", "table-row")):
        cells = []
        for cell in row.findall("table:table-cell", NS):
            text = "\n".join(_paragraph_text(p) for p in cell.findall("text:p", NS))
            found = Cell(cell.get(_qualified("table", "formula")),
                         cell.get(_qualified("office", "value-type")),
                         cell.get(_qualified("office", "value")), text)
            repeated = min(int(cell.get(_qualified("table", "number-columns-repeated"), "1")), 64)
            cells.extend([found] * repeated)
        if any(c.type is not None for c in cells):
            rows.append(cells)
    return rows


def libreoffice_cells(soffice, csv_path, out_dir):
    """Every cell of the converted sheet, row after row."""
    return [cell for row in libreoffice_rows(soffice, csv_path, out_dir) for cell in row]
