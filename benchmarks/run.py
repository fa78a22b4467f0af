"""Measure trustcheck's speed budgets (DESIGN.md, "Speed budgets") in one command.

    python benchmarks/run.py [--quick] [--json OUT] [--only KEY ...] [--verbose]

Every budget is measured beside its baseline in the same run, as medians of interleaved repeats, and
printed as a table; the full results (every sample) go to ``benchmarks/results/latest.json``. The
exit code is 0 when every row passes, 1 when a row fails or could not run.

jrnl, the CLI baseline, lives in its own venv ``benchmarks/.venv-baseline`` (made on first use from
``benchmarks/requirements.txt``) so it never touches the project's environment.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from harness import HERE, PROJECT, REGISTRY, Context, Row, error_row

BASELINE_VENV = HERE / ".venv-baseline"
REQUIREMENTS = HERE / "requirements.txt"
DEFAULT_JSON = HERE / "results" / "latest.json"


def _ensure_project_python() -> None:
    """Re-run under the project's venv when this interpreter cannot import trustcheck."""
    try:
        import trustcheck  # noqa: F401
    except ImportError as exc:
        venv_python = PROJECT / ".venv" / "bin" / "python"
        if venv_python.exists() and Path(sys.executable).resolve() != venv_python.resolve():
            os.execv(venv_python, [str(venv_python), *sys.argv])
        raise SystemExit(
            "run.py needs trustcheck importable: use the project's .venv/bin/python"
        ) from exc


def ensure_baseline_venv(log: bool = True) -> tuple[Path | None, str | None]:
    """Make ``benchmarks/.venv-baseline`` with jrnl when missing; return its bin dir or an error."""
    jrnl = BASELINE_VENV / "bin" / "jrnl"
    if jrnl.exists():
        return jrnl.parent, None
    if log:
        print(
            f"Creating {BASELINE_VENV.relative_to(PROJECT)} (jrnl, the CLI baseline)...",
            file=sys.stderr,
        )
    try:
        subprocess.run(
            [sys.executable, "-m", "venv", "--clear", str(BASELINE_VENV)],
            check=True,
            capture_output=True,
            text=True,
        )
        subprocess.run(
            [
                str(BASELINE_VENV / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "-q",
                "-r",
                str(REQUIREMENTS),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
    except subprocess.CalledProcessError as exc:
        tail = (exc.stderr or exc.stdout or "").strip().splitlines()
        return None, f"could not install jrnl: {tail[-1] if tail else exc}"
    if not jrnl.exists():
        return None, "jrnl installed no console script"
    return jrnl.parent, None


# --- output ---------------------------------------------------------------------------------------


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "ms":
        return f"{value:.2f} ms" if value < 10 else f"{value:.1f} ms"
    if unit == "MiB":
        return f"{value:.1f} MiB"
    return f"{value:g} {unit}"


def table(rows: list[Row]) -> str:
    """The results as a plain-text table (what, median, baseline, ratio, budget, result)."""
    header = ("what", "median", "baseline median", "ratio", "budget", "result")
    lines: list[tuple[str, ...]] = []
    for row in rows:
        ratio = f"{row.ratio:.2f}×" if row.ratio is not None else "—"
        if row.error is not None:
            lines.append((row.what, "—", "—", "—", row.budget_text, f"error: {row.error}"))
            continue
        result = row.status
        if row.key == "save.answer" and "p95_ms" in row.extra:
            result += f" (p95 {row.extra['p95_ms']:.2f} ms)"
        if row.kind == "check" and row.extra.get("loaded"):
            result += f" (loads {', '.join(row.extra['loaded'])})"
        lines.append(
            (
                row.what,
                _fmt(row.value, row.unit),
                _fmt(row.baseline, row.unit),
                ratio,
                row.budget_text,
                result,
            )
        )
    widths = [
        max(len(h), *(len(line[i]) for line in lines)) if lines else len(h)
        for i, h in enumerate(header)
    ]
    # The last column is not padded (error messages can be long).
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    out.append("  ".join("-" * w for w in widths))
    for line in lines:
        out.append("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
    return "\n".join(out)


def _environment(ctx: Context) -> dict[str, Any]:
    versions: dict[str, str | None] = {}
    try:
        from importlib.metadata import PackageNotFoundError, version

        for name in ("trustcheck", "textual", "rich", "typer"):
            try:
                versions[name] = version(name)
            except PackageNotFoundError:
                versions[name] = None
    except ImportError:
        pass
    if ctx.baseline_bin is not None:
        proc = subprocess.run(
            [
                str(ctx.baseline_bin / "python"),
                "-c",
                "from importlib.metadata import version; print(version('jrnl'))",
            ],
            capture_output=True,
            text=True,
        )
        versions["jrnl"] = proc.stdout.strip() or None
    return {
        "python": sys.version.split()[0],
        "executable": sys.executable,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "loadavg": os.getloadavg(),
        "versions": versions,
    }


# --- main -----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run the selected benchmarks, print the table, write the JSON."""
    _ensure_project_python()
    import budgets  # noqa: F401  (registers the benchmarks)

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5 repeats instead of 15")
    parser.add_argument("--repeats", type=int, help="repeats per side (overrides --quick)")
    parser.add_argument(
        "--json",
        type=Path,
        default=DEFAULT_JSON,
        metavar="OUT",
        help=f"where to write the results (default {DEFAULT_JSON.relative_to(PROJECT)})",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="KEY",
        choices=sorted(REGISTRY),
        help="run only these benchmarks",
    )
    parser.add_argument("--tmp-dir", type=Path, help="scratch folder parent (default: system temp)")
    parser.add_argument("--verbose", "-v", action="store_true", help="progress on stderr")
    args = parser.parse_args(argv)
    repeats = args.repeats or (5 if args.quick else 15)
    baseline_bin, baseline_error = ensure_baseline_venv()
    scratch = Path(tempfile.mkdtemp(prefix="trustcheck-bench-", dir=args.tmp_dir))
    ctx = Context(
        repeats=repeats,
        quick=args.quick,
        python=Path(sys.executable),
        baseline_bin=baseline_bin,
        baseline_error=baseline_error,
        scratch=scratch,
        verbose=args.verbose,
    )
    selected = [REGISTRY[k] for k in (args.only or REGISTRY)]
    rows: list[Row] = []
    timings: dict[str, float] = {}
    started = time.perf_counter()
    try:
        for bench in selected:
            print(f"[{bench.key}] {bench.title} ...", file=sys.stderr, flush=True)
            t0 = time.perf_counter()
            try:
                rows.extend(bench.fn(ctx))
            except Exception as exc:
                rows.append(error_row(bench.key, bench.title, exc))
            timings[bench.key] = time.perf_counter() - t0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print(
        f"\ntrustcheck speed budgets — {repeats} interleaved runs per side, medians "
        "(home on a 120×40 pseudo-terminal)\n"
    )
    print(table(rows))
    report = {
        "generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "repeats": repeats,
        "quick": args.quick,
        "environment": _environment(ctx),
        "benchmark_seconds": timings,
        "total_seconds": time.perf_counter() - started,
        "rows": [row.to_json() for row in rows],
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    failed = [r for r in rows if r.status in ("fail", "error")]
    print(f"\n{len(rows) - len(failed)}/{len(rows)} rows pass; JSON: {args.json}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
