#!/usr/bin/python3
"""Reads a results workbook back and compares it with the results JSON of the same exam.

usage: readback.py RESULTS.xlsx RESULTS.json

Prints one line per candidate: the id and every number of the first sheet that must equal the
JSON's (total, percent, grade, rank, scale, module and section marks), then "same" or the
differences, and exits 1 when anything differs.
"""
import json
import sys

from openpyxl import load_workbook


def main():
    book = load_workbook(sys.argv[1])
    results = json.load(open(sys.argv[2], encoding="utf-8"))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    differences = []
    for row, candidate in zip(body, results["candidates"]):
        expected = [candidate["total"], candidate["percent"], candidate["grade"],
                    candidate["rank"], candidate["scale"]]
        expected += [module["mark"] for module in candidate["modules"]]
        expected += [section["mark"] for section in candidate["sections"]]
        got = list(row[4:9]) + list(row[10:10 + len(candidate["modules"]) +
                                         len(candidate["sections"])])
        if row[0] != candidate["id"] or got != expected:
            differences.append(f"{candidate['id']}: workbook {row[0]} {got}, json {expected}")
    if len(body) != len(results["candidates"]):
        differences.append(f"{len(body)} rows, {len(results['candidates'])} candidates")
    frozen = sheet.freeze_panes
    print(f"{len(body)} candidates, {len(header)} columns, frozen at {frozen}, "
          f"filter {sheet.auto_filter.ref}, sheets {book.sheetnames}")
    print("\n".join(differences) if differences else "same")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
