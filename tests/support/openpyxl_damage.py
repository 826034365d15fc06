"""Damages returns the way ministries do, and reads returns back, with openpyxl: an independent tool.

  openpyxl_damage.py build JOBS.json
      JOBS.json: [{"template", "out", "epoch1904"?, "modified"?, "ops": [...]}], each op one of
        {"op": "value", "sheet", "cell", "value"}       text stays text; {"date": "YYYY-MM-DD"} is a date;
                                                        text over Excel's 32,767 characters (which openpyxl
                                                        cuts) is written whole, as scripts writing XML do
        {"op": "formula", "sheet", "cell", "formula"}   written as a formula (openpyxl stores no cached value)
        {"op": "link", "sheet", "cell", "text", "address"}
        {"op": "comment", "sheet", "cell", "text"}
        {"op": "format", "sheet", "cell", "format"}     e.g. "General": a date cell that lost its format
        {"op": "insertColumn", "sheet", "column", "header", "headerRow", "values": {"A1": text}}
            as Excel's "insert column": everything from the column on shifts right (merges too)
        {"op": "addSheet", "sheet", "state"?, "cells": {"A1": text}}   a sheet of the ministry's own (an annex, hidden…)
        {"op": "cachedFormula", "sheet", "cell", "formula", "cached"}
            a formula with a cached text value that need not agree with it (written into the XML after saving)
        {"op": "duplicate", "sheet", "cell", "earlier"}
            the cell given twice in the sheet's XML: first `earlier` as text, then the cell as saved
  openpyxl_damage.py entries FILE...
      every template sheet's header block, table headings and body cells (value as cached, formula,
      link, comment), and every formula, link and comment elsewhere: what a file holds, as JSON.
"""
import datetime
import json
import re
import sys
import zipfile
from xml.sax.saxutils import escape

import openpyxl
from openpyxl.comments import Comment
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904


def plain(v):
    if isinstance(v, (datetime.datetime, datetime.date)):
        return {"date": v.strftime("%Y-%m-%d")}
    return v


def shifted(a1, first_col):
    col = "".join(ch for ch in a1 if ch.isalpha())
    row = a1[len(col):]
    idx = column_index_from_string(col)
    return (get_column_letter(idx + 1) if idx >= first_col else col) + row


XML_OPS = ("cachedFormula", "duplicate")


def xml_text(text):
    return escape(text).replace('"', "&quot;")


def patch_xml(path, wb, ops):
    """Edits openpyxl cannot make, written into the saved sheets' XML."""
    with zipfile.ZipFile(path) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
    patched = {}
    for op in ops:
        name = "xl/worksheets/sheet%d.xml" % (wb.sheetnames.index(op["sheet"]) + 1)
        xml = patched.get(name) or next(d for i, d in parts if i.filename == name).decode("utf-8")
        m = re.search(r'<c r="%s"[^>]*?(/>|>.*?</c>)' % op["cell"], xml)
        if not m:
            raise ValueError("no cell %s in %s" % (op["cell"], name))
        if op["op"] == "cachedFormula":
            cell = '<c r="%s" t="str"><f>%s</f><v>%s</v></c>' % (op["cell"], xml_text(op["formula"].lstrip("=")), xml_text(op["cached"]))
            xml = xml[:m.start()] + cell + xml[m.end():]
        else:
            earlier = '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (op["cell"], xml_text(op["earlier"]))
            xml = xml[:m.start()] + earlier + xml[m.start():]
        patched[name] = xml
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            z.writestr(info, patched[info.filename].encode("utf-8") if info.filename in patched else data)


def apply(wb, op):
    if op["op"] == "addSheet":
        ws = wb.create_sheet(op["sheet"])
        ws.sheet_state = op.get("state", "visible")
        for a1, text in op.get("cells", {}).items():
            ws[a1].value = text
            ws[a1].data_type = "s"
        return
    ws = wb[op["sheet"]]
    kind = op["op"]
    if kind == "insertColumn":
        idx = column_index_from_string(op["column"])
        # Values of merged cells other than the top-left are gone already; merges move with the cells.
        merges = [str(r) for r in ws.merged_cells.ranges]
        for r in merges:
            ws.unmerge_cells(r)
        ws.insert_cols(idx)
        for r in merges:
            a, b = r.split(":")
            ws.merge_cells(shifted(a, idx) + ":" + shifted(b, idx))
        ws.cell(row=op["headerRow"], column=idx).value = op["header"]
        for a1, text in op.get("values", {}).items():
            ws[a1].value = text
            ws[a1].data_type = "s"
        return
    cell = ws[op["cell"]]
    if kind == "value":
        v = op["value"]
        if isinstance(v, dict) and "date" in v:
            v = datetime.datetime.strptime(v["date"], "%Y-%m-%d")
        cell.value = v
        # Text stays text: openpyxl would otherwise take "=SUM(1)" for a formula.
        if isinstance(v, str) and v[:1] in "=+-@":
            cell.data_type = "s"
    elif kind == "formula":
        cell.value = op["formula"]
    elif kind == "link":
        cell.value = op["text"]
        cell.hyperlink = op["address"]
    elif kind == "comment":
        cell.comment = Comment(op["text"], "Ministry reviewer")
    elif kind == "format":
        cell.number_format = op["format"]
    else:
        raise ValueError("unknown op " + kind)


EXCEL_CELL_LIMIT = 32767


def write_whole(path, texts):
    """openpyxl keeps 32,767 characters of a cell; put the whole text back into the sheets' XML."""
    with zipfile.ZipFile(path) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            if info.filename.startswith("xl/worksheets/"):
                xml = data.decode("utf-8")
                for t in texts:
                    cut = escape(t[:EXCEL_CELL_LIMIT])
                    if cut not in xml:
                        continue
                    xml = xml.replace(cut, escape(t))
                data = xml.encode("utf-8")
            z.writestr(info, data)


def build(jobs_file):
    for job in json.load(open(jobs_file, encoding="utf-8")):
        wb = openpyxl.load_workbook(job["template"])
        if job.get("epoch1904"):
            wb.epoch = CALENDAR_MAC_1904
        for op in job["ops"]:
            if op["op"] not in XML_OPS:
                apply(wb, op)
        if job.get("modified"):
            wb.properties.modified = datetime.datetime.strptime(job["modified"], "%Y-%m-%dT%H:%M:%SZ")
        wb.save(job["out"])
        long = [op["value"] for op in job["ops"] if op["op"] == "value" and isinstance(op["value"], str) and len(op["value"]) > EXCEL_CELL_LIMIT]
        if long:
            write_whole(job["out"], long)
        xml_ops = [op for op in job["ops"] if op["op"] in XML_OPS]
        if xml_ops:
            patch_xml(job["out"], wb, xml_ops)


def template_sheet(ws):
    for row in range(1, 8):
        v = ws.cell(row=row, column=2).value
        if ws.cell(row=row, column=1).value == "Template" and isinstance(v, str) and v.startswith("pact-tracker/"):
            return True
    return False


def entries(path):
    wb = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    out = {"file": path, "epoch1904": wb.epoch == CALENDAR_MAC_1904, "sheets": []}
    for ws in wb.worksheets:
        if not template_sheet(ws):
            continue
        wc = cached[ws.title]
        meta = {}
        header_row = None
        for row in range(1, 20):
            label = ws.cell(row=row, column=1).value
            if label in ("Ref", "Area"):
                header_row = row
                break
            if isinstance(label, str) and label not in meta:
                v = ws.cell(row=row, column=2).value
                meta[label] = "" if v is None else str(v)
        headings = {}
        for c in ws[header_row]:
            if c.value is not None:
                headings[c.column_letter] = str(c.value)
        cells = []
        for row in ws.iter_rows():
            for c in row:
                link = c.hyperlink.target if c.hyperlink is not None else None
                comment = c.comment.text if c.comment is not None else None
                formula = c.value if c.data_type == "f" else None
                in_body = c.row > header_row and c.column > 2
                if not in_body and link is None and comment is None and formula is None:
                    continue
                value = wc[c.coordinate].value
                if value is None and link is None and comment is None and formula is None:
                    continue
                cells.append({
                    "a1": c.coordinate,
                    "row": c.row,
                    "header": headings.get(c.column_letter) if in_body else None,
                    "ref": ws.cell(row=c.row, column=1).value if in_body else None,
                    "value": plain(value),
                    "numberFormat": c.number_format,
                    "formula": formula,
                    "link": link,
                    "comment": comment,
                })
        out["sheets"].append({"title": ws.title, "meta": meta, "headerRow": header_row, "headings": headings, "cells": cells})
    return out


if __name__ == "__main__":
    if sys.argv[1] == "build":
        build(sys.argv[2])
    elif sys.argv[1] == "entries":
        json.dump([entries(p) for p in sys.argv[2:]], sys.stdout)
    else:
        raise SystemExit("usage: openpyxl_damage.py build JOBS.json | entries FILE...")
