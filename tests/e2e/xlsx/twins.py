#!/usr/bin/python3
"""Twins of a sample's CSV files, for the tests that score them as the UTF-8 CSV is scored.

usage: twins.py SAMPLE_DIR OUT_DIR

For candidates.csv, judges.csv and marks.csv of SAMPLE_DIR it writes
  OUT_DIR/cp1251/NAME.csv   the same text in Windows-1251, as Russian Excel saves CSV;
  OUT_DIR/xlsx/NAME.xlsx    a workbook (sheet "Лист1") with Russian column names and every value
                            that is a number (decimal comma or point) as a number cell.
"""
import csv
import io
import os
import sys

from openpyxl import Workbook

RUSSIAN = {"id": "Код", "name": "ФИО", "organization": "Организация", "status": "Статус",
           "role": "Роль", "candidate": "Участник", "aspect": "Аспект", "judge": "Эксперт",
           "value": "Оценка", "exam": "Экзамен", "note": "Примечание"}


def number(text):
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def main():
    sample, out = sys.argv[1], sys.argv[2]
    os.makedirs(os.path.join(out, "cp1251"), exist_ok=True)
    os.makedirs(os.path.join(out, "xlsx"), exist_ok=True)
    for name in ("candidates", "judges", "marks"):
        text = open(os.path.join(sample, name + ".csv"), encoding="utf-8-sig").read()
        open(os.path.join(out, "cp1251", name + ".csv"), "wb").write(text.encode("cp1251"))
        delimiter = ";" if ";" in text.splitlines()[0] else ","
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        book = Workbook()
        sheet = book.active
        sheet.title = "Лист1"
        sheet.append([RUSSIAN[column] for column in rows[0]])
        for row in rows[1:]:
            sheet.append([number(value) if number(value) is not None else (value or None)
                          for value in row])
        book.save(os.path.join(out, "xlsx", name + ".xlsx"))


if __name__ == "__main__":
    main()
