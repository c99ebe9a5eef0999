#!/usr/bin/env python3
"""The yardstick of bench/everyday-bench.sh: candidate totals from a marks file with pandas.

    python3 bench/pandas_totals.py marks.csv > totals.csv

Reads the marks CSV (candidate, aspect, judge, value), takes every value as a number (yes = 1,
no and na = 0; a choice or ranged value as written), averages each panel (the rows of one
candidate and aspect) and sums them per candidate. No rubric, no checking, no exact arithmetic:
the least a spreadsheet user would do to get totals, for `skillscore score` to be measured
against.
"""
import sys

import pandas as pd


def main(path):
    marks = pd.read_csv(path, dtype={"candidate": str, "aspect": str, "judge": str,
                                     "value": str})
    words = {"yes": "1", "no": "0", "na": "0"}
    marks["number"] = pd.to_numeric(marks["value"].replace(words), errors="coerce").fillna(0)
    panels = marks.groupby(["candidate", "aspect"], sort=False)["number"].mean()
    totals = panels.groupby(level="candidate").sum()
    totals.round(2).to_csv(sys.stdout, header=["total"])


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: pandas_totals.py MARKS_CSV")
    main(sys.argv[1])
