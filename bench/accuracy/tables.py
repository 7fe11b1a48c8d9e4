"""Aggregates the compare runs of bench/accuracy/run.sh into docs/accuracy.md.

Each run folder is named <half>-<pattern>-s<seed> and holds compare.csv (one row per method,
with the truth scores and those of the uniform guess) and, per method, evaluation.json from
`zspace evaluate --json` (for span_ratio, which needs the result's absolute positions).

    /usr/bin/python3 bench/accuracy/tables.py --runs OUT/runs --stacks OUT/stacks \
        --pipeline OUT/compare.yaml --methods a,b --doc docs/accuracy.md
"""

import argparse
import csv
import datetime
import json
import math
import os
import statistics
import subprocess
import sys

HALVES = ["top", "bottom"]
PATTERNS = ["uniform", "random", "gaps", "drift", "defects"]
UNIFORM = "uniform"


def read_simulation(path):
    """The top-level `key: value` lines of a simulation.yaml (all the file has), values as text."""
    spec = {}
    with open(path) as f:
        for line in f:
            if line.startswith("#") or ": " not in line:
                continue
            key, value = line.rstrip("\n").split(": ", 1)
            spec[key] = value.strip('"')
    return spec


def spread(values):
    """'a' when all equal, else 'min-max' (numbers compared as numbers)."""
    values = sorted(set(values), key=float)
    return values[0] if len(values) == 1 else f"{values[0]}-{values[-1]}"


def describe_pattern(specs):
    """One line on the stacks of a pattern, from their simulation.yaml."""
    first = specs[0]
    thickness = first["thickness"].strip("[]").split(", ")
    words = [f"{spread(s['sections'] for s in specs)} sections, `--pattern {first['pattern']}`, thickness "
             + (thickness[0] if thickness[0] == thickness[1] else ":".join(thickness)) + " voxels"]
    if int(first["gaps"]):
        words.append(f"{first['gaps']} gaps of {spread(s['gap_length'] for s in specs)} missing sections")
    if first["pattern"] == "drift":
        words.append(f"drift amplitude {first['drift']}, period {first['drift_period']} sections")
    noisy = len(first["noisy"].strip("[]").split(",")) if first["noisy"] != "[]" else 0
    low = len(first["low_contrast"].strip("[]").split(",")) if first["low_contrast"] != "[]" else 0
    if noisy:
        words.append(f"{noisy} noisy sections (noise {first['noise']} x the intensity spread)")
    if low:
        words.append(f"{low} low-contrast sections (contrast kept: {first['contrast']})")
    words.append(f"first slice {spread(s['start'] for s in specs)}")
    return ", ".join(words)


def number(cell):
    return float(cell) if cell not in ("", None) else math.nan


def read_runs(runs, stacks_dir, methods):
    """{(half, pattern, seed): {method: scores}}, the uniform guess as method UNIFORM, and
    {pattern: [simulation specs]}."""
    stacks, specs = {}, {}
    for name in sorted(os.listdir(runs)):
        half, pattern, seed = name.split("-")
        specs.setdefault(pattern, []).append(read_simulation(os.path.join(stacks_dir, name, "simulation.yaml")))
        with open(os.path.join(runs, name, "compare.csv"), newline="") as f:
            rows = {row["variant"]: row for row in csv.DictReader(f)}
        scores = {}
        for m in methods:
            row = rows[m]
            with open(os.path.join(runs, name, m, "evaluation.json")) as f:
                evaluation = json.load(f)
            span = evaluation["estimate"].get("span_ratio")
            scores[m] = {
                "rms": number(row["rms"]),
                "lte": number(row["local_thickness_error"]),
                "gap": number(row["gap_recovery"]),
                "span": math.nan if span is None else span,
            }
        any_row = rows[methods[0]]
        scores[UNIFORM] = {
            "rms": number(any_row["uniform_rms"]),
            "lte": number(any_row["uniform_local_thickness_error"]),
            "gap": number(any_row["uniform_gap_recovery"]),
            "span": math.nan,
        }
        stacks[(half, pattern, seed)] = scores
    return stacks, specs


def finite(values):
    return [v for v in values if not math.isnan(v)]


def fmt(v, digits=2):
    return "-" if v is None or math.isnan(v) else f"{v:.{digits}f}"


def median_range(values):
    """'median (min-max)' of the finite values, '-' when there are none."""
    values = finite(values)
    if not values:
        return "-"
    if len(values) == 1:
        return fmt(values[0])
    return f"{fmt(statistics.median(values))} ({fmt(min(values))}-{fmt(max(values))})"


def half_table(stacks, half, methods):
    keys = [k for k in stacks if k[0] == half]
    nonuniform = [k for k in keys if k[1] != "uniform"]
    lines = [
        "| method | median RMS | worst RMS | median local thickness error | gap recovery | span ratio "
        "| better than uniform |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for m in [UNIFORM] + methods:
        rms = [stacks[k][m]["rms"] for k in keys]
        lte = [stacks[k][m]["lte"] for k in keys]
        gap = [stacks[k][m]["gap"] for k in keys if k[1] == "gaps"]
        span = [stacks[k][m]["span"] for k in keys]
        better = "-" if m == UNIFORM else "{} / {}".format(
            sum(stacks[k][m]["rms"] < stacks[k][UNIFORM]["rms"] for k in nonuniform), len(nonuniform))
        worst = max(rms)
        lines.append(f"| {'`uniform` (z = index)' if m == UNIFORM else '`' + m + '`'} | {fmt(statistics.median(rms))} "
                     f"| {fmt(worst)} | {fmt(statistics.median(lte))} | {median_range(gap)} | {median_range(span)} "
                     f"| {better} |")
    return lines


def pattern_table(stacks, methods, field):
    lines = ["| pattern | " + " | ".join(["`uniform`"] + [f"`{m}`" for m in methods]) + " |",
             "| --- |" + " --- |" * (len(methods) + 1)]
    for pattern in PATTERNS:
        cells = []
        for m in [UNIFORM] + methods:
            per_half = []
            for half in HALVES:
                values = [s[m][field] for k, s in stacks.items() if k[0] == half and k[1] == pattern]
                per_half.append(fmt(statistics.median(values)) if values else "-")
            cells.append(" / ".join(per_half))
        lines.append(f"| {pattern} | " + " | ".join(cells) + " |")
    return lines


def describe_build(zspace):
    version = subprocess.run([zspace, "--version"], capture_output=True, text=True).stdout.strip()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    commit = subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", root, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    if commit:
        version += f", commit {commit}" + (" with local changes" if dirty else "")
    return version


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", required=True, help="folder of <half>-<pattern>-s<seed> compare runs")
    parser.add_argument("--stacks", required=True, help="folder of the stacks, named as the runs")
    parser.add_argument("--methods", required=True, help="comma-separated variant names, in table order")
    parser.add_argument("--pipeline", required=True, help="the compare pipeline of the runs (its variants are listed)")
    parser.add_argument("--zspace", default="zspace", help="the binary that ran them (for its version)")
    parser.add_argument("--seconds", type=float, default=math.nan, help="wall time of the runs")
    parser.add_argument("--doc", default="-", help="output Markdown file, '-' for standard output")
    args = parser.parse_args()

    methods = args.methods.split(",")
    stacks, specs = read_runs(args.runs, args.stacks, methods)
    seeds = sorted({k[2] for k in stacks})
    per_half = len(stacks) // len(HALVES)

    doc = [
        "# Accuracy on real tissue",
        "",
        "Generated by `bench/accuracy/run.sh` (see bench/README.md, section \"Accuracy\"); do not edit by",
        "hand, re-run it. " + f"{datetime.date.today().isoformat()}, {describe_build(args.zspace)}; "
        f"{len(stacks)} stacks, runs {fmt(args.seconds, 0)} s.",
        "",
        "Stacks: `zspace simulate --volume tests/data/fibsem_medulla_iso10nm_s1` (isotropic 10 nm FIB-SEM,",
        "250 slices of 250 x 250) along its native z axis, sections copied bit for bit, so the true z of",
        "every section is known. Each half in y is a separate set of stacks: top = `--crop 0,0,250,125`,",
        "bottom = `--crop 0,125,250,125`. Method parameters are chosen on the top half only; the",
        f"bottom half is the check against over-fitting. Patterns (seeds {', '.join(s.lstrip('s') for s in seeds)},"
        " each cut from both halves):",
        "",
    ]
    doc += [f"- `{p}`: {describe_pattern(specs[p])}" for p in PATTERNS if p in specs]
    doc += [
        "",
        "Each stack is solved by every method in one compare run (`truth:` set), with these variants",
        "(parameters not named are the plugins' defaults):",
        "",
        "```yaml",
    ]
    with open(args.pipeline) as f:
        lines = f.read().splitlines()
    doc += lines[lines.index("variants:"):]
    doc += [
        "```",
        "",
        "Each is scored by `zspace evaluate`: errors after the least-squares affine fit of z onto the",
        "truth, in mean true spacings. `uniform` is z = index, the answer of doing nothing.",
        "",
        "- RMS: RMS error of z; median and worst over the stacks of the half.",
        "- local thickness error: mean |a dz - dtruth| over consecutive sections; median over stacks.",
        "- gap recovery: found size / true size of the gaps (spacings >= 1.8 x the median one), on the",
        "  `gaps` stacks; median (min-max) over them. 1 = gaps found at their true size.",
        "- span ratio: absolute span / true span, for methods that give positions in pixels (`z_px`);",
        "  median (min-max). 1 = absolute thickness right.",
        "- better than uniform: stacks with a lower RMS than z = index, of the stacks that are not",
        "  uniform (on a uniform stack z = index is exact).",
        "",
        "Targets of issue 8: median RMS <= 0.3, better than uniform on every non-uniform pattern, local",
        "thickness error <= 0.08, gaps within 10 %, absolute span within 5 %.",
        "",
    ]
    for half in HALVES:
        doc += [f"## {half.capitalize()} half ({per_half} stacks)", ""]
        doc += half_table(stacks, half, methods)
        doc.append("")
    doc += ["## Per pattern", "", "Median RMS over the seeds, top / bottom half:", ""]
    doc += pattern_table(stacks, methods, "rms")
    doc += ["", "Median local thickness error over the seeds, top / bottom half:", ""]
    doc += pattern_table(stacks, methods, "lte")
    text = "\n".join(doc) + "\n"
    if args.doc == "-":
        sys.stdout.write(text)
    else:
        with open(args.doc, "w") as f:
            f.write(text)
        print(f"tables.py: wrote {args.doc}", file=sys.stderr)


if __name__ == "__main__":
    main()
