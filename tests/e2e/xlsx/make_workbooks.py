#!/usr/bin/python3
"""Builds the workbooks the XLSX tests read, with openpyxl (Debian's python3-openpyxl).

usage: make_workbooks.py OUTDIR

scheme.xlsx is a CIS "Marking Scheme Import" workbook (shared/spec/cis-xlsx.md) with every
calculation kind, judgement levels and numbers with binary noise; every broken-*.xlsx differs from
it by one mistake that the reader must name by sheet and cell. bomb.xlsx is a package whose sheet
unpacks to 2 MiB while its ZIP directory claims 1000 bytes.
"""
import os
import re
import struct
import sys
import zipfile

from openpyxl import Workbook

SCHEME = "CIS Marking Scheme Import"

CALCULATIONS = [
    ("Pass/Fail", "PASS_FAIL", "", ""),
    ("Blocks", "NUMBER_COMPLETED", "", "NUM_POSSIBLE:::5#x~x#"),
    ("WCAG", "CHOICE", "",
     "#-#".join(["CHOICE2_LABEL:::1-2 violations#x~x#", "DEDUCTION_TYPE:::PERCENT#x~x#",
                 "CHOICE1_LABEL:::none#x~x#", "CHOICE1_DEDUCTION:::0E-8#x~x#",
                 "CHOICE2_DEDUCTION:::33.3#x~x#", "CHOICE3_LABEL:::more#x~x#",
                 "CHOICE3_DEDUCTION:::100#x~x#"])),
    ("Coverage", "RANGED_SCORE", "",
     "#-#".join(["TARGET_VALUE:::100#x~x#", "RANGE1_LOWER:::80#x~x#",
                 "RANGE1_UPPER:::99.99#x~x#", "RANGE1_DEDUCTION:::10#x~x#",
                 "RANGE2_LOWER:::50#x~x#", "RANGE2_UPPER:::0#x~x#",
                 "RANGE2_DEDUCTION:::50#x~x#", "RANGE3_LOWER:::0#x~x#",
                 "RANGE3_UPPER:::0#x~x#", "RANGE3_DEDUCTION:::100#x~x#"])),
]


def scheme_rows():
    """Row number → {column letter: value} of the scheme sheet."""
    rows = {
        1: {"A": "17 Web Development"},
        3: {"A": "Section", "B": "Title", "I": "WSOS Marks", "J": "Aspect Marks",
            "K": "Variation"},
        4: {"A": 1, "B": "Work organisation", "I": 2.8, "J": "=SUMIF(I15:I30,A4,K15:K30)"},
        5: {"A": 2, "B": "Design", "I": 3.5, "J": "=SUMIF(I15:I30,A5,K15:K30)"},
        8: {"A": "Criteria"},
        9: {"A": "ID", "B": "Name", "K": "Mark"},
        10: {"A": "A", "B": "Layout", "K": "=SUM(K15:K25)"},
        13: {"A": "Sub\nCriterion\nID", "B": "Sub Criterion\nName or Description",
             "C": "Day of Marking", "D": "Aspect Type", "E": "Aspect - Description",
             "F": "Judg Score", "G": "Extra Aspect Description",
             "H": "Requirement\n(Measurement only)", "I": "WSOS Section",
             "J": "Calculation Row", "K": "Max Mark"},
        14: {"A": "A1", "B": "Page structure", "C": 1},
        15: {"D": "M", "E": "Markup validates", "G": "W3C validator", "H": "no errors",
             "I": 1, "J": 1, "K": 0.5},
        16: {"D": "M", "E": "All five blocks", "I": 2, "J": 2, "K": 1},
        17: {"D": "M", "E": "WCAG violations", "I": 2, "J": 3, "K": 1.5},
        18: {"D": "M", "E": "Test coverage, %", "I": 2, "J": 4, "K": 1},
        19: {"D": "J", "E": "Visual impression", "I": "1", "K": 0.3},
        20: {"F": 0, "G": "below industry standard"},
        21: {"F": 1, "G": "meets the standard"},
        22: {"F": 2, "G": "meets it and exceeds in places"},
        23: {"F": 3, "G": "exceeds the standard"},
        24: {"A": "A2", "B": "Responsive layout", "C": 2, "D": "M",
             "E": "Works at 320 px", "I": 1, "J": 1, "K": 2},
    }
    return rows


def build(path, change=None, calculations=CALCULATIONS, merge=None, sheet_name=SCHEME):
    rows = scheme_rows()
    if change:
        change(rows)
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name
    for row, cells in rows.items():
        for column, value in cells.items():
            sheet[f"{column}{row}"] = value
    if merge:
        sheet.merge_cells(merge)
    calc = book.create_sheet("Calculations")
    for row, values in enumerate(calculations, start=1):
        for column, value in zip("ABCD", values):
            if value != "":
                calc[f"{column}{row}"] = value
    book.save(path)
    rewrite_numbers(path, NOISE)


# Numbers as Excel stores them after arithmetic, with binary noise; openpyxl would write them
# rounded, so the stored text is put into the sheet's XML afterwards.
NOISE = {"I5": "3.5000000000000004", "K19": "0.30000000000000004"}


def rewrite_parts(path, change):
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    change(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def rewrite_numbers(path, numbers):
    def change(parts):
        sheet = parts["xl/worksheets/sheet1.xml"].decode()
        for cell, stored in numbers.items():
            sheet, count = re.subn(f'(<c r="{cell}"[^>]*><v>)[^<]*(</v>)', rf"\g<1>{stored}\2",
                                   sheet)
            assert count == 1, cell
        parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    rewrite_parts(path, change)


def set_cell(row, column, value):
    def change(rows):
        if value is None:
            rows[row].pop(column, None)
        else:
            rows.setdefault(row, {})[column] = value
    return change


def bomb(path):
    """A sheet of 2 MiB of spaces whose sizes in the ZIP headers say 1000 bytes."""
    build(path)
    sheet = "xl/worksheets/sheet1.xml"

    def change(parts):
        parts[sheet] = parts[sheet].replace(b"<sheetData>", b"<sheetData>" + b" " * (2 << 20), 1)
    rewrite_parts(path, change)
    data = bytearray(open(path, "rb").read())
    name = sheet.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = data.find(signature)
        while at >= 0:
            if data[at + name_at:at + name_at + len(name)] == name:
                struct.pack_into("<I", data, at + size_at, 1000)
            at = data.find(signature, at + 4)
    open(path, "wb").write(bytes(data))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    build(os.path.join(out, "scheme.xlsx"))
    broken = {
        "formula": dict(change=set_cell(16, "K", "=0.5*2")),
        "merged": dict(merge="E17:F17"),
        "type": dict(change=set_cell(16, "D", "X")),
        "calculation-row": dict(change=set_cell(16, "J", 9)),
        "calculation-kind": dict(calculations=CALCULATIONS[:1] + [
            ("Blocks", "SAMPLED", "", "NUM_POSSIBLE:::5#x~x#")] + CALCULATIONS[2:]),
        "level": dict(change=set_cell(25, "F", 2)),
        "max": dict(change=set_cell(16, "K", 0.125)),
        "levels": dict(change=set_cell(23, "F", None)),
        "section": dict(change=set_cell(18, "I", 7)),
        "not-cis": dict(sheet_name="Sheet1"),
    }
    for name, arguments in broken.items():
        build(os.path.join(out, f"broken-{name}.xlsx"), **arguments)
    open(os.path.join(out, "broken-encrypted.xlsx"), "wb").write(
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + bytes(4096))
    open(os.path.join(out, "broken-corrupt.xlsx"), "wb").write(b"PK\x03\x04" + b"not a zip" * 50)
    bomb(os.path.join(out, "bomb.xlsx"))


if __name__ == "__main__":
    main()
