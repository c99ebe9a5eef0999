#!/usr/bin/python3
"""Prints the first sheet of a workbook, for tests to compare with what they expect.

usage: dump_sheet.py BOOK.xlsx

First line: the sheet's name, where panes are frozen and the filter's range; then one line per
row, its cells separated by " | ": text as it is, numbers as "n:" and their Python repr (so that
a number written as text shows), empty cells empty.
"""
import sys

from openpyxl import load_workbook


def cell(value):
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return f"n:{value!r}"
    return str(value)


def main():
    sheet = load_workbook(sys.argv[1]).worksheets[0]
    print(f"{sheet.title} frozen {sheet.freeze_panes} filter {sheet.auto_filter.ref}")
    for row in sheet.iter_rows(values_only=True):
        print(" | ".join(cell(value) for value in row))


main()
