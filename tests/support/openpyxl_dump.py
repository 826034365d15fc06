"""Dumps an .xlsx as JSON with openpyxl: an independent reader for our tests."""
import datetime
import json
import sys

import openpyxl


def plain(v):
    if isinstance(v, (datetime.datetime, datetime.date)):
        return {"date": v.strftime("%Y-%m-%d")}
    return v


def rule_fill(rule):
    """The fill colour a conditional rule's differential style gives (RRGGBB), if any."""
    fill = rule.dxf.fill if rule.dxf is not None else None
    for color in (getattr(fill, "bgColor", None), getattr(fill, "fgColor", None)):
        rgb = getattr(color, "rgb", None)
        if isinstance(rgb, str) and rgb != "00000000":
            return rgb[-6:]
    return None


def conditional(ws):
    return [
        {
            "sqref": str(cf.sqref),
            "type": rule.type,
            "operator": rule.operator,
            "formula": list(rule.formula or []),
            "fill": rule_fill(rule),
        }
        for cf in ws.conditional_formatting
        for rule in cf.rules
    ]


def dump(path):
    wb = openpyxl.load_workbook(path)
    out = {"sheets": [], "definedNames": {}}
    # openpyxl 3.0 (Debian) keeps a list; 3.1 a mapping.
    names = wb.defined_names
    pairs = names.items() if hasattr(names, "items") else [(d.name, d) for d in names.definedName]
    for name, dn in pairs:
        out["definedNames"][name] = dn.attr_text
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and c.protection.locked:
                    continue
                cells[c.coordinate] = {
                    "v": plain(c.value),
                    "t": c.data_type,
                    "locked": bool(c.protection.locked),
                    "fmt": c.number_format,
                    "wrap": bool(c.alignment.wrap_text),
                }
        out["sheets"].append({
            "title": ws.title,
            "state": ws.sheet_state,
            "protected": bool(ws.protection.sheet),
            "freeze": ws.freeze_panes,
            "printTitleRows": ws.print_title_rows,
            "orientation": ws.page_setup.orientation,
            "fitToWidth": ws.page_setup.fitToWidth,
            "scale": ws.page_setup.scale,
            "printTitleCols": ws.print_title_cols,
            "fitToHeight": ws.page_setup.fitToHeight,
            "paperSize": ws.page_setup.paperSize,
            "pageOrder": ws.page_setup.pageOrder,
            "autoFilter": ws.auto_filter.ref,
            "fitToPage": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
            "validations": [
                {"type": dv.type, "sqref": str(dv.sqref), "formula1": dv.formula1, "prompt": dv.prompt}
                for dv in ws.data_validations.dataValidation
            ],
            "merged": [str(r) for r in ws.merged_cells.ranges],
            "conditional": conditional(ws),
            "widths": {k: v.width for k, v in ws.column_dimensions.items()},
            "cells": cells,
        })
    return out


if __name__ == "__main__":
    json.dump(dump(sys.argv[1]), sys.stdout)
