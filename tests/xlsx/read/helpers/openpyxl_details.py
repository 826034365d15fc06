"""Writes workbooks whose sheets carry details beyond values, the way openpyxl does.

details.xlsx: formulas without cached values (openpyxl caches none), an array formula, an
external, a mail and an internal hyperlink, a note with its author, and a merged range over a
value it hides. date1904.xlsx: a date in a workbook counting from 1904.
"""
import datetime
import sys

import openpyxl
from openpyxl.cell import Cell
from openpyxl.comments import Comment
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.worksheet.hyperlink import Hyperlink

out_dir = sys.argv[1]

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Entries"
ws["A1"] = 2
ws["A2"] = 3
ws["B1"] = "=A1*10"
ws["C1"] = '=IF(A1>1,"big & bold","small")'
ws["D1"] = "=1/0"
ws["E1"] = "=A1:A2*2"
# openpyxl 3.0 writes an array formula from these attributes (3.1 has ArrayFormula for it).
ws.formula_attributes["E1"] = {"t": "array", "ref": "E1:E2"}
ws["B5"] = "site"
ws["B5"].hyperlink = "https://example.org/a?b=1&c=2"
ws["B6"] = "jump"
ws["B6"].hyperlink = Hyperlink(ref="B6", location="'Other sheet'!A1")
ws["B7"] = "mail"
ws["B7"].hyperlink = "mailto:desk@example.org"
ws["C5"] = "noted"
ws["C5"].comment = Comment("Please check & confirm", "Anna Berg")
ws["A8"] = "merged head"
ws.merge_cells("A8:C9")
# Merging empties the other cells in openpyxl; a script writing straight to the sheet need not.
ws._cells[(8, 2)] = Cell(ws, row=8, column=2, value="hidden under merge")
other = wb.create_sheet("Other sheet")
other["A1"] = "target"
wb.save(f"{out_dir}/details.xlsx")

mac = openpyxl.Workbook()
mac.epoch = CALENDAR_MAC_1904
mac.active.title = "Dates"
mac.active["A1"] = datetime.date(2026, 3, 31)
mac.active["A1"].number_format = "yyyy-mm-dd"
mac.save(f"{out_dir}/date1904.xlsx")
