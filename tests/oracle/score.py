#!/usr/bin/env python3
"""Independent reference scorer (test oracle) for skillscore's end-to-end tests.

This script is NOT part of skillscore. It re-implements shared/spec/scoring.md from scratch, in
Python with exact fractions (fractions.Fraction), so that the expected result files of the
end-to-end tests do not come from the C++ engine they are meant to check. It needs nothing but the
Python 3 standard library: it reads rubrics through a small reader of the YAML subset the rubric
files use (block mappings and sequences, flow mappings and sequences, quoted and plain scalars,
comments), and the CSV files with the conventions of spec/cli.md (`,` or `;` detected from the
header line, optional BOM, RFC 4180 quoting, decimal comma).

Re-run after changing a rubric or a sample (from the repository root):

    python3 tests/oracle/score.py

which scores every sample listed in SAMPLES below and rewrites, for each sample NAME,
tests/e2e/expected/NAME.csv           id;status;total;percent;grade;rank;scale;award;problems
tests/e2e/expected/NAME-modules.csv   id;module;mark;max
tests/e2e/expected/NAME-sections.csv  id;section;mark;max
tests/e2e/expected/NAME-summary.csv   exam;rubric;version;max;status

Or score one exam: `python3 tests/oracle/score.py --rubric R.yaml --sample DIR --out PREFIX`.

Conventions of the expected files (they mirror the JSON of `skillscore results`/`score`):
- `status` is the candidate's status (present, absent, withdrawn, disqualified); the exam's
  final/provisional status is in NAME-summary.csv.
- Numbers are rounded half away from zero to `rounding.report` decimals (default 2) with '.';
  grade, rank and scale are integers; an empty cell means null.
- `problems` lists `aspect:kind` in rubric order joined by '|', kind being missing, disputed or
  not_attempted; only present candidates have problems.
- Candidates are ordered by rank (equal ranks by id), then the candidates who are not present by
  id. Module and section rows follow the same candidate order and the rubric's order; candidates
  who are not present have marks 0 there (they have no marks).
Any invalid input (unknown aspect, bad value, a judge marking their own organisation…) stops the
script with a message: the samples must be valid.
"""

import argparse
import csv
import decimal
import io
import math
import os
import sys
from fractions import Fraction

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# sample folder name -> rubric file, both relative to the repository root.
SAMPLES = {
    "de-2026-0412": "rubrics/de-09.02.07-2026-pu.yaml",
    "ws-2026-web": "rubrics/ws-web-technologies-2026.yaml",
}


class InputError(Exception):
    pass


# --------------------------------------------------------------------------------------------
# Minimal YAML subset reader.

def _strip_comment(line):
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == "\\" and quote == '"':
                continue
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i]
    return line


def _unquote(text):
    if text[0] == '"':  # the rubrics need no escapes beyond \" and \\
        return text[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    if text[0] == "'":
        return text[1:-1].replace("''", "'")
    return text


class _Flow:
    """Parses one flow collection or scalar: {a: 1, b: [x, y]} or "text" or 12.5."""

    def __init__(self, text):
        self.text, self.pos = text, 0

    def _skip(self):
        while self.pos < len(self.text) and self.text[self.pos] in " \t":
            self.pos += 1

    def parse(self):
        value = self._value(top=True)
        self._skip()
        if self.pos != len(self.text):
            raise InputError(f"YAML: unexpected text {self.text[self.pos:]!r}")
        return value

    def _value(self, top=False):
        self._skip()
        ch = self.text[self.pos:self.pos + 1]
        if ch == "{":
            return self._collection("}", mapping=True)
        if ch == "[":
            return self._collection("]", mapping=False)
        if ch in ("'", '"'):
            end = self.pos + 1
            while self.text[end] != ch or (ch == '"' and self.text[end - 1] == "\\"):
                end += 1
            raw = self.text[self.pos:end + 1]
            self.pos = end + 1
            return _unquote(raw)
        start = self.pos
        while self.pos < len(self.text) and not (top or self._at_flow_stop()):
            self.pos += 1
        if top:
            self.pos = len(self.text)
        return self.text[start:self.pos].strip()

    def _at_flow_stop(self):
        ch = self.text[self.pos]
        return ch in ",}]" or (ch == ":" and self.text[self.pos + 1:self.pos + 2] in (" ", ""))

    def _collection(self, close, mapping):
        self.pos += 1
        result = {} if mapping else []
        while True:
            self._skip()
            if self.text[self.pos] == close:
                self.pos += 1
                return result
            if mapping:
                key = self._value()
                self._skip()
                if self.text[self.pos] != ":":
                    raise InputError(f"YAML: ':' expected in {self.text!r}")
                self.pos += 1
                result[key] = self._value()
            else:
                result.append(self._value())
            self._skip()
            if self.text[self.pos] == ",":
                self.pos += 1


def _split_key(content):
    """'key: value' -> (key, value); value '' when the key opens a block."""
    quote = None
    for i, ch in enumerate(content):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == ":" and (i + 1 == len(content) or content[i + 1] == " "):
            return _unquote(content[:i].strip()), content[i + 1:].strip()
    return None, None


def read_yaml(text):
    lines = []
    for raw in text.splitlines():
        content = _strip_comment(raw).rstrip()
        if content.strip():
            lines.append([len(content) - len(content.lstrip(" ")), content.strip()])
    value, end = _block(lines, 0, lines[0][0])
    if end != len(lines):
        raise InputError(f"YAML: unexpected indentation at {lines[end][1]!r}")
    return value


def _block(lines, i, indent):
    if lines[i][1] == "-" or lines[i][1].startswith("- "):
        return _sequence(lines, i, indent)
    return _mapping(lines, i, indent)


def _sequence(lines, i, indent):
    items = []
    def is_item(line):
        return line[0] == indent and (line[1] == "-" or line[1].startswith("- "))

    while i < len(lines) and is_item(lines[i]):
        rest = lines[i][1][1:].lstrip(" ")
        if not rest:
            value, i = _block(lines, i + 1, lines[i + 1][0])
        elif rest.startswith(("{", "[", '"', "'")) or _split_key(rest)[0] is None:
            value, i = _Flow(rest).parse(), i + 1
        else:  # "- key: value" opens a mapping whose keys sit at the column of "key"
            lines[i] = [indent + len(lines[i][1]) - len(rest), rest]
            value, i = _mapping(lines, i, lines[i][0])
        items.append(value)
    return items, i


def _mapping(lines, i, indent):
    result = {}
    while i < len(lines) and lines[i][0] == indent:
        key, rest = _split_key(lines[i][1])
        if key is None:
            raise InputError(f"YAML: 'key: value' expected, got {lines[i][1]!r}")
        if key in result:
            raise InputError(f"YAML: duplicate key {key!r}")
        if rest:
            result[key], i = _Flow(rest).parse(), i + 1
        elif i + 1 < len(lines) and (lines[i + 1][0] > indent or lines[i + 1][1].startswith("- ")):
            result[key], i = _block(lines, i + 1, lines[i + 1][0])
        else:
            result[key], i = None, i + 1
    return result, i


# --------------------------------------------------------------------------------------------
# Rubric.

DEFAULT_GRADES = [(5, Fraction(70)), (4, Fraction(40)), (3, Fraction(20)), (2, Fraction(0))]


def number(text):
    return Fraction(str(text).strip().replace(",", "."))


def load_rubric(path):
    with open(path, encoding="utf-8-sig") as f:
        doc = read_yaml(f.read())
    if doc.get("format") != "skillscore-rubric/1":
        raise InputError(f"{path}: unknown format {doc.get('format')!r}")
    policy = doc.get("policy") or {}
    rounding = policy.get("rounding") or {}
    scale = policy.get("scale") or {}
    awards = policy.get("awards") or {}
    aspect_rounding = str(rounding.get("aspect", "exact"))
    rubric = {
        "code": doc["code"], "version": str(doc["version"]), "kind": doc["kind"],
        "max": number(doc["max"]),
        "sections": [(str(s["id"]), number(s["target"]) if s.get("target") is not None else None)
                     for s in doc["sections"]],
        "grades": ([(int(g["grade"]), number(g["min_percent"])) for g in doc["grades"]]
                   if doc.get("grades") else DEFAULT_GRADES),
        "judges": int(policy.get("judges", 3)),
        "max_spread": int(policy.get("max_spread", 1)),
        "conflict": policy.get("conflict_of_interest", "organization"),
        "aspect_decimals": None if aspect_rounding == "exact" else int(aspect_rounding),
        "report": int(rounding.get("report", 2)),
        "scale_method": scale.get("method", "robust"),
        "centre": number(scale.get("centre", 700)),
        "spread": number(scale.get("spread", 30)),
        "min_competitors": int(awards.get("min_competitors", 0)),
        "medallion": number(awards.get("medallion", 700)),
        "modules": [], "aspects": [],
    }
    section_ids = {s for s, _ in rubric["sections"]}
    for module in doc["modules"]:
        rubric["modules"].append(module["id"])
        for sub in module["subcriteria"]:
            if not str(sub["id"]).startswith(module["id"]):
                raise InputError(f"{path}: sub-criterion {sub['id']} outside module {module['id']}")
            for n, a in enumerate(sub["aspects"], 1):
                aspect = {"id": str(a.get("id") or f"{sub['id']}.{n}"), "module": module["id"],
                          "type": a["type"], "section": str(a["section"]), "max": number(a["max"])}
                if aspect["section"] not in section_ids:
                    raise InputError(f"{path}: {aspect['id']}: unknown section {aspect['section']}")
                if aspect["max"] <= 0 or (aspect["max"] * 100).denominator != 1:
                    raise InputError(f"{path}: {aspect['id']}: bad max {a['max']}")
                if aspect["type"] == "judgement":
                    levels = a.get("levels") or {}
                    if sorted(str(k) for k in levels) != ["0", "1", "2", "3"]:
                        raise InputError(f"{path}: {aspect['id']}: levels 0–3 required")
                else:
                    aspect.update(_calculation(path, aspect["id"], a.get("calculation")))
                rubric["aspects"].append(aspect)
    ids = [a["id"] for a in rubric["aspects"]]
    if len(set(ids)) != len(ids):
        raise InputError(f"{path}: duplicate aspect ids")
    total = sum((a["max"] for a in rubric["aspects"]), Fraction(0))
    if total != rubric["max"]:
        raise InputError(f"{path}: aspect maxima sum to {total}, rubric max is {rubric['max']}")
    for section, target in rubric["sections"]:
        actual = sum((a["max"] for a in rubric["aspects"] if a["section"] == section), Fraction(0))
        if target is not None and target != actual:
            print(f"note: {os.path.basename(path)}: section {section} target {fmt(target, 2)}, "
                  f"actual {fmt(actual, 2)}", file=sys.stderr)
    return rubric


def _calculation(path, aspect_id, calc):
    if calc is None or calc == "pass_fail":
        return {"calc": "pass_fail"}
    if "number_completed" in calc:
        n = int(calc["number_completed"])
        if n < 1:
            raise InputError(f"{path}: {aspect_id}: number_completed < 1")
        return {"calc": "number_completed", "n": n}
    if "choice" in calc:
        options = [(str(o["label"]), number(o["deduct"])) for o in calc["choice"]]
        if len(options) < 2 or len({label for label, _ in options}) != len(options):
            raise InputError(f"{path}: {aspect_id}: bad choice options")
        return {"calc": "choice", "options": options}
    if "ranged" in calc:
        ranges = [(number(r["from"]), number(r["to"]), number(r["deduct"])) for r in calc["ranged"]]
        if any(lo > hi for lo, hi, _ in ranges):
            raise InputError(f"{path}: {aspect_id}: range with from > to")
        return {"calc": "ranged", "ranges": ranges}
    raise InputError(f"{path}: {aspect_id}: unknown calculation {calc!r}")


# --------------------------------------------------------------------------------------------
# CSV input.

def read_csv(path, required, optional):
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    columns = [c.strip() for c in rows[0]]
    unknown = set(columns) - set(required) - set(optional)
    if unknown or not set(required) <= set(columns):
        raise InputError(f"{path}: bad columns {columns}")
    records = []
    for line, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            raise InputError(f"{path}:{line}: {len(row)} cells, {len(columns)} expected")
        records.append((line, {c: cell.strip() for c, cell in zip(columns, row)}))
    return records


STATUSES = ("present", "absent", "withdrawn", "disqualified")
YES = ("yes", "1", "да")
NO = ("no", "0", "нет")


def parse_value(aspect, text):
    """Returns ('na',) or ('mark', Fraction) for a measurement, ('score', int) for a judgement."""
    lowered = text.lower()
    if aspect["type"] == "judgement":
        if lowered not in ("0", "1", "2", "3"):
            raise InputError(f"judgement score must be 0–3, got {text!r}")
        return ("score", int(lowered))
    if lowered == "na":
        return ("na",)
    full = aspect["max"]
    calc = aspect["calc"]
    if calc == "pass_fail":
        if lowered in YES:
            return ("mark", full)
        if lowered in NO:
            return ("mark", Fraction(0))
        raise InputError(f"pass_fail value expected, got {text!r}")
    if calc == "number_completed":
        if not text.isdigit() or int(text) > aspect["n"]:
            raise InputError(f"whole number 0–{aspect['n']} expected, got {text!r}")
        return ("mark", full * int(text) / aspect["n"])
    if calc == "choice":
        options = aspect["options"]
        if text.isdigit() and 1 <= int(text) <= len(options):
            deduct = options[int(text) - 1][1]
        else:
            matches = [d for label, d in options if label == text]
            if not matches:
                raise InputError(f"option number or label expected, got {text!r}")
            deduct = matches[0]
        return ("mark", full * (100 - deduct) / 100)
    try:
        value = number(text)
    except ValueError:
        raise InputError(f"number expected, got {text!r}") from None
    for lo, hi, deduct in aspect["ranges"]:
        if lo <= value <= hi:
            return ("mark", full * (100 - deduct) / 100)
    raise InputError(f"value {text!r} is in no range")


def load_exam(rubric, folder):
    candidates = {}
    for line, r in read_csv(os.path.join(folder, "candidates.csv"),
                            ["id", "name", "organization"], ["status"]):
        status = r.get("status") or "present"
        if status not in STATUSES or r["id"] in candidates:
            raise InputError(f"candidates.csv:{line}: bad row")
        candidates[r["id"]] = {"org": r["organization"], "status": status}
    judges = {}
    for line, r in read_csv(os.path.join(folder, "judges.csv"),
                            ["id", "name", "organization"], ["role"]):
        if (r.get("role") or "expert") not in ("expert", "chief") or r["id"] in judges:
            raise InputError(f"judges.csv:{line}: bad row")
        judges[r["id"]] = r["organization"]
    by_id = {a["id"]: a for a in rubric["aspects"]}
    measurements = {}  # (candidate, aspect) -> parsed value; the latest entry counts
    panels = {}        # (candidate, aspect) -> {judge: score}; each judge's latest score counts
    exams = set()
    errors = []
    for line, r in read_csv(os.path.join(folder, "marks.csv"),
                            ["candidate", "aspect", "judge", "value"], ["exam", "note"]):
        where = f"marks.csv:{line}"
        try:
            exams.add(r.get("exam", ""))
            candidate = candidates.get(r["candidate"])
            aspect = by_id.get(r["aspect"])
            if candidate is None or aspect is None or r["judge"] not in judges:
                raise InputError("unknown candidate, aspect or judge")
            if candidate["status"] != "present":
                raise InputError(f"candidate {r['candidate']} is {candidate['status']}")
            if rubric["conflict"] == "organization" and judges[r["judge"]] == candidate["org"]:
                raise InputError(f"judge {r['judge']} marks a candidate of their own organisation")
            value = parse_value(aspect, r["value"])
            key = (r["candidate"], r["aspect"])
            if value[0] == "score":
                panels.setdefault(key, {})[r["judge"]] = value[1]
            else:
                measurements[key] = value
        except InputError as e:
            errors.append(f"{where}: {e}")
    if len(exams) > 1:
        errors.append(f"marks.csv: several exam ids {sorted(exams)}")
    if errors:
        raise InputError("\n".join(errors))
    return candidates, measurements, panels, (exams.pop() if exams else "")


# --------------------------------------------------------------------------------------------
# Scoring (spec/scoring.md).

def round_half_away(value, decimals):
    scale = 10 ** decimals
    magnitude = math.floor(abs(value) * scale + Fraction(1, 2))
    return Fraction(magnitude if value >= 0 else -magnitude, scale)


def fmt(value, decimals):
    if value is None:
        return ""
    rounded = round_half_away(value, decimals)
    sign = "-" if rounded < 0 else ""
    units = abs(rounded.numerator) * (10 ** decimals) // rounded.denominator
    whole, frac = divmod(units, 10 ** decimals)
    return f"{sign}{whole}" + (f".{frac:0{decimals}d}" if decimals else "")


def median(values):
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def scale_scores(rubric, totals):
    method = rubric["scale_method"]
    if method == "none" or not totals:
        return [None] * len(totals)
    if method == "robust":
        centre = median(totals)
        spread = Fraction("1.4826") * median([abs(t - centre) for t in totals])
    else:  # zscore: population standard deviation, computed with 60 significant digits
        centre = sum(totals, Fraction(0)) / len(totals)
        variance = sum(((t - centre) ** 2 for t in totals), Fraction(0)) / len(totals)
        with decimal.localcontext() as ctx:
            ctx.prec = 60
            root = (decimal.Decimal(variance.numerator)
                    / decimal.Decimal(variance.denominator)).sqrt()
        spread = Fraction(root)
    if spread == 0:
        return [int(rubric["centre"])] * len(totals)
    scores = []
    for t in totals:
        score = int(round_half_away(rubric["centre"] + rubric["spread"] * (t - centre) / spread, 0))
        scores.append(min(1000, max(0, score)))
    return scores


def score_candidate(rubric, cid, candidate, measurements, panels):
    total = Fraction(0)
    modules = {m: Fraction(0) for m in rubric["modules"]}
    sections = {s: Fraction(0) for s, _ in rubric["sections"]}
    problems = []
    present = candidate["status"] == "present"
    for aspect in rubric["aspects"]:
        key = (cid, aspect["id"])
        if aspect["type"] == "judgement":
            scores = list(panels.get(key, {}).values())
            mark = aspect["max"] * sum(scores) / (3 * len(scores)) if scores else Fraction(0)
            # A panel both incomplete and too spread is disputed (README, "Scoring rules"): the
            # missing score cannot settle the dispute.
            if scores and max(scores) - min(scores) > rubric["max_spread"]:
                problems.append((aspect["id"], "disputed"))
            elif len(scores) < rubric["judges"]:
                problems.append((aspect["id"], "missing"))
        else:
            value = measurements.get(key)
            mark = value[1] if value and value[0] == "mark" else Fraction(0)
            if value is None:
                problems.append((aspect["id"], "missing"))
            elif value[0] == "na":
                problems.append((aspect["id"], "not_attempted"))
        if rubric["aspect_decimals"] is not None:
            mark = round_half_away(mark, rubric["aspect_decimals"])
        total += mark
        modules[aspect["module"]] += mark
        sections[aspect["section"]] += mark
    percent = total / rubric["max"] * 100
    return {"id": cid, "status": candidate["status"], "total": total, "percent": percent,
            "modules": modules, "sections": sections,
            "problems": problems if present else [], "grade": None, "rank": None,
            "scale": None, "award": None}


def score_exam(rubric, candidates, measurements, panels):
    results = [score_candidate(rubric, cid, c, measurements, panels)
               for cid, c in candidates.items()]
    ranked = [r for r in results if r["status"] == "present"]
    for r in ranked:
        r["rank"] = 1 + sum(1 for other in ranked if other["total"] > r["total"])
        if rubric["kind"] == "exam":
            r["grade"] = next((g for g, low in rubric["grades"] if low <= r["percent"]),
                              rubric["grades"][-1][0])
    if rubric["kind"] == "competition":
        for r, s in zip(ranked, scale_scores(rubric, [r["total"] for r in ranked])):
            r["scale"] = s
        medals = {1: "gold", 2: "silver", 3: "bronze"}
        for r in ranked:
            if r["rank"] in medals and len(ranked) >= rubric["min_competitors"]:
                r["award"] = medals[r["rank"]]
            elif r["scale"] is not None and r["scale"] >= rubric["medallion"]:
                r["award"] = "medallion"
    ranked.sort(key=lambda r: (r["rank"], r["id"]))
    others = sorted((r for r in results if r["status"] != "present"), key=lambda r: r["id"])
    complete = not any(kind in ("missing", "disputed") for r in ranked for _, kind in r["problems"])
    return ranked + others, ("final" if complete else "provisional")


# --------------------------------------------------------------------------------------------
# Output.

def write_rows(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";", lineterminator="\n").writerows(rows)


def write_expected(rubric, results, status, exam, prefix):
    d = rubric["report"]
    main = [["id", "status", "total", "percent", "grade", "rank", "scale", "award", "problems"]]
    for r in results:
        main.append([r["id"], r["status"], fmt(r["total"], d), fmt(r["percent"], d),
                     "" if r["grade"] is None else r["grade"],
                     "" if r["rank"] is None else r["rank"],
                     "" if r["scale"] is None else r["scale"], r["award"] or "",
                     "|".join(f"{a}:{k}" for a, k in r["problems"])])
    write_rows(prefix + ".csv", main)
    module_max = {m: sum((a["max"] for a in rubric["aspects"] if a["module"] == m), Fraction(0))
                  for m in rubric["modules"]}
    write_rows(prefix + "-modules.csv", [["id", "module", "mark", "max"]] + [
        [r["id"], m, fmt(r["modules"][m], d), fmt(module_max[m], d)]
        for r in results for m in rubric["modules"]])
    section_max = {s: sum((a["max"] for a in rubric["aspects"] if a["section"] == s), Fraction(0))
                   for s, _ in rubric["sections"]}
    write_rows(prefix + "-sections.csv", [["id", "section", "mark", "max"]] + [
        [r["id"], s, fmt(r["sections"][s], d), fmt(section_max[s], d)]
        for r in results for s, _ in rubric["sections"]])
    write_rows(prefix + "-summary.csv", [["exam", "rubric", "version", "max", "status"],
                                         [exam, rubric["code"], rubric["version"],
                                          fmt(rubric["max"], d), status]])


def run(rubric_path, sample_dir, prefix):
    rubric = load_rubric(rubric_path)
    candidates, measurements, panels, exam = load_exam(rubric, sample_dir)
    results, status = score_exam(rubric, candidates, measurements, panels)
    os.makedirs(os.path.dirname(os.path.abspath(prefix)), exist_ok=True)
    exam = exam or os.path.basename(os.path.abspath(sample_dir))
    write_expected(rubric, results, status, exam, prefix)
    print(f"{os.path.basename(prefix)}: {len(results)} candidates, {status}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rubric")
    parser.add_argument("--sample")
    parser.add_argument("--out", help="output path prefix, e.g. tests/e2e/expected/NAME")
    args = parser.parse_args()
    try:
        if args.rubric or args.sample or args.out:
            if not (args.rubric and args.sample and args.out):
                parser.error("--rubric, --sample and --out go together")
            run(args.rubric, args.sample, args.out)
        else:
            for name, rubric in SAMPLES.items():
                run(os.path.join(REPO, rubric), os.path.join(REPO, "samples", name),
                    os.path.join(REPO, "tests", "e2e", "expected", name))
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
