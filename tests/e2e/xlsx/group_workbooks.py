#!/usr/bin/python3
"""Workbook twins of the marking-groups judges files, for the test that imports groups from a
workbook as the CSV imports them (docs/panels.md).

usage: group_workbooks.py OUT_DIR

Each judges*.csv of tests/data/marking-groups becomes OUT_DIR/NAME.xlsx: one sheet "Эксперты"
with the Russian column names a chief expert's spreadsheet has (Код, ФИО, Организация, Роль,
Группы оценки) and the same cells, an empty cell left empty.
"""
import csv
import glob
import os
import sys

from openpyxl import Workbook

RUSSIAN = {"id": "Код", "name": "ФИО", "organization": "Организация", "role": "Роль",
           "subcriteria": "Группы оценки"}


def main():
    out = sys.argv[1]
    source = os.path.join(os.path.dirname(__file__), "..", "..", "data", "marking-groups")
    for path in sorted(glob.glob(os.path.join(source, "judges*.csv"))):
        with open(path, encoding="utf-8") as text:
            rows = list(csv.reader(text, delimiter=";"))
        book = Workbook()
        sheet = book.active
        sheet.title = "Эксперты"
        sheet.append([RUSSIAN[column] for column in rows[0]])
        for row in rows[1:]:
            sheet.append([value or None for value in row])
        name = os.path.splitext(os.path.basename(path))[0]
        book.save(os.path.join(out, name + ".xlsx"))


if __name__ == "__main__":
    main()
