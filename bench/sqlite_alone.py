#!/usr/bin/env python3
"""The ceiling of SQLite alone for bench/web-bench.sh: one durable transaction per mark.

    sqlite_alone.py DATABASE MARKS_TSV

Inserts every mark of MARKS_TSV (judge, candidate, aspect, value) into a fresh table of DATABASE,
each in its own transaction, with the store's durability (WAL, synchronous = FULL: an fsync of the
WAL per commit), and prints "marks seconds marks/s p50_ms p99_ms": the throughput and the time of
one transaction (BEGIN to the end of COMMIT). Python's sqlite3 module is the same SQLite library.
"""
import sqlite3
import sys
import time


def main(database, marks_file):
    with open(marks_file, encoding="utf-8") as marks_in:
        marks = [line.rstrip("\n").split("\t") for line in marks_in if line.strip()]
    db = sqlite3.connect(database, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("CREATE TABLE marks (id INTEGER PRIMARY KEY, candidate TEXT, aspect TEXT, "
               "judge TEXT, value TEXT)")
    times = []
    started = time.perf_counter()
    for judge, candidate, aspect, value in marks:
        begun = time.perf_counter()
        db.execute("BEGIN")
        db.execute("INSERT INTO marks (candidate, aspect, judge, value) VALUES (?, ?, ?, ?)",
                   (candidate, aspect, judge, value))
        db.execute("COMMIT")
        times.append(time.perf_counter() - begun)
    seconds = time.perf_counter() - started
    times.sort()

    def percentile(p):
        return times[max(0, int(len(times) * p) - 1)] * 1000

    print(f"{len(marks)} {seconds:.2f} {len(marks) / seconds:.0f} {percentile(0.5):.1f} "
          f"{percentile(0.99):.1f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
