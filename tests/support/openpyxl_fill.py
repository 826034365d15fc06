"""Fills a template with openpyxl from a JSON list of edits {sheet,row,col,value} (zero-based)."""
import datetime
import json
import sys

import openpyxl

template, edits_file, out = sys.argv[1:4]
wb = openpyxl.load_workbook(template)
for e in json.load(open(edits_file, encoding="utf-8")):
    v = e["value"]
    if isinstance(v, dict) and "date" in v:
        v = datetime.datetime.strptime(v["date"], "%Y-%m-%d")
    cell = wb[e["sheet"]].cell(row=e["row"] + 1, column=e["col"] + 1)
    # Text stays text: openpyxl would otherwise take "=SUM(1)" for a formula.
    if isinstance(v, str) and v[:1] in "=+-@":
        cell.value = v
        cell.data_type = "s"
    else:
        cell.value = v
wb.save(out)
