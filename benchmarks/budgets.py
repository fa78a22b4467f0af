"""The speed budgets of DESIGN.md, one registered function each.

To add a budget, write one function ``def bench_x(ctx: Context) -> list[Row]`` here and decorate it
with ``@benchmark("key", "title")``: ``run.py`` picks it up, times it, prints it and writes it to
the JSON. A function that raises becomes one ``error: ...`` row; the other budgets still run.
"""

from __future__ import annotations

import fcntl
import json
import os
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from harness import (
    HERE,
    Context,
    ProcessFailed,
    Row,
    benchmark,
    clean_env,
    error_row,
    interleaved,
    last_line,
    median,
    percentile,
    run_process,
    timed_process,
)

MIB = 1024.0  # ru_maxrss is in KiB on Linux
FORBIDDEN_AT_CLI_IMPORT = ("textual", "plotext", "fpdf", "cryptography")


def _jrnl_env(ctx: Context) -> dict[str, str]:
    """An environment with a throw-away HOME and XDG folders, shared by both sides of a CLI row.

    ``jrnl --help`` and ``--version`` read no config (checked: they create no file), but an empty
    HOME makes sure neither side finds a user's config, journal or data folder.
    """
    home = ctx.mkdtemp("home-")
    return clean_env(
        {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "TRUSTCHECK_DATA_DIR": str(home / "trustcheck"),
            "COLUMNS": "100",
        }
    )


def _cli_row(ctx: Context, key: str, flag: str) -> Row:
    what = f"trustcheck {flag}"
    if ctx.baseline_bin is None:
        return error_row(key, what, f"no jrnl baseline: {ctx.baseline_error}")
    env = _jrnl_env(ctx)
    subject = [ctx.project_bin / "trustcheck", flag]
    baseline = [ctx.baseline_bin / "jrnl", flag]
    # One checked run each, output kept: a broken command must not look fast.
    first = run_process(subject, env, capture=True)
    base = run_process(baseline, env, capture=True)
    if not first.stdout.strip() or not base.stdout.strip():
        return error_row(key, what, "no output on stdout")
    subj_s, base_s = interleaved(
        timed_process(subject, env), timed_process(baseline, env), ctx.repeats
    )
    return Row(
        key=key,
        what=what,
        value=median(subj_s) * 1000,
        baseline=median(base_s) * 1000,
        baseline_what=f"jrnl {flag}",
        kind="ratio",
        limit=1.0,
        samples=[s * 1000 for s in subj_s],
        baseline_samples=[s * 1000 for s in base_s],
        extra={"maxrss_mib": first.maxrss_kib / MIB, "baseline_maxrss_mib": base.maxrss_kib / MIB},
    )


def _import_profile(ctx: Context, module: str, top: int = 12) -> list[dict[str, Any]]:
    """The ``top`` imports by cumulative time for ``import module`` (``python -X importtime``)."""
    proc = run_process(
        [ctx.python, "-X", "importtime", "-c", f"import {module}"], clean_env(), capture=True
    )
    rows: list[dict[str, Any]] = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = line[len("import time:") :].split("|")
        try:
            self_us, cumulative_us = int(parts[0]), int(parts[1])
        except ValueError:
            continue  # the header line
        name = parts[2].rstrip()
        depth = (len(name) - len(name.lstrip())) // 2
        if depth <= 1:
            rows.append(
                {
                    "module": name.strip(),
                    "self_ms": self_us / 1000,
                    "cumulative_ms": cumulative_us / 1000,
                    "depth": depth,
                }
            )
    rows.sort(key=lambda r: r["cumulative_ms"], reverse=True)
    return rows[:top]


@benchmark("cli", "trustcheck --help / --version vs jrnl, and what `import trustcheck.cli` loads")
def bench_cli(ctx: Context) -> list[Row]:
    """CLI start-up as a ratio of jrnl's, and the lazy-import rule for ``trustcheck.cli``."""
    rows: list[Row] = []
    for key, flag in (("cli.help", "--help"), ("cli.version", "--version")):
        try:
            rows.append(_cli_row(ctx, key, flag))
        except Exception as exc:
            rows.append(error_row(key, f"trustcheck {flag}", exc))
        ctx.log(f"{key} done")
    rows.append(_cli_imports(ctx))
    return rows


def _cli_imports(ctx: Context) -> Row:
    key, what = "cli.imports", "import trustcheck.cli: no " + "/".join(FORBIDDEN_AT_CLI_IMPORT)
    code = (
        "import json, sys; import trustcheck.cli; "
        f"bad = {FORBIDDEN_AT_CLI_IMPORT!r}; "
        "print(json.dumps({'loaded': sorted({m.split('.')[0] for m in sys.modules} & set(bad)),"
        " 'modules': len(sys.modules)}))"
    )
    try:
        proc = run_process([ctx.python, "-c", code], clean_env(), capture=True)
        found = json.loads(proc.stdout)
        profile = _import_profile(ctx, "trustcheck.cli")
    except Exception as exc:
        return error_row(key, what, exc)
    loaded = found["loaded"]
    return Row(
        key=key,
        what=what,
        unit="modules",
        value=float(found["modules"]),
        kind="check",
        passed=not loaded,
        extra={
            "budget": "none loaded",
            "loaded": loaded,
            "importtime_top": profile,
            "note": "value = modules in sys.modules after the import",
        },
    )


# --- TUI first frame ------------------------------------------------------------------------------


def _first_frame_once(ctx: Context, target: str, data_dir: Path | None) -> dict[str, Any]:
    """Launch ``first_frame.py`` once and return its JSON result (raises on failure)."""
    result_file = ctx.mkdtemp("frame-") / "result.json"
    argv = [str(ctx.python), str(HERE / "first_frame.py"), target]
    if data_dir is not None:
        argv.append(str(data_dir))
    if ctx.terminal == "pty":
        argv.append("--pty")
    launch = time.time()
    env = clean_env(
        {
            "BENCH_LAUNCH_TIME": repr(launch),
            "BENCH_RESULT_FILE": str(result_file),
            "COLUMNS": "120",
            "LINES": "40",
        }
    )
    if ctx.terminal == "pty":
        returncode, output = _run_in_pty(argv, env)
        if returncode != 0:
            raise ProcessFailed(f"first_frame.py {target} exited {returncode}: {last_line(output)}")
    else:
        run_process(argv, env)
    if not result_file.exists():
        raise ProcessFailed(f"first_frame.py {target} wrote no result")
    data: dict[str, Any] = json.loads(result_file.read_text(encoding="utf-8"))
    return data


def _run_in_pty(
    argv: list[str], env: dict[str, str], columns: int = 120, lines: int = 40
) -> tuple[int, str]:
    """Run ``argv`` on a new pseudo-terminal of ``columns``×``lines``; drain and return its output.

    The output is read continuously on a thread, as a terminal would, so the child never blocks on a
    full pty buffer.
    """
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
    finally:
        os.close(slave)
    try:
        returncode = proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise
    reader.join(timeout=5)
    os.close(master)
    return returncode, b"".join(chunks).decode(errors="replace")


def _seed_demo(ctx: Context, weeks: int = 26) -> Path:
    """A data dir holding ``trustcheck demo --weeks N`` (made with the real CLI)."""
    data_dir = ctx.mkdtemp("demo-") / "data"
    run_process(
        [
            ctx.project_bin / "trustcheck",
            "--data-dir",
            data_dir,
            "demo",
            "--weeks",
            str(weeks),
            "--no-open",
        ],
        clean_env(),
    )
    return data_dir


@benchmark("tui", "TUI first frame vs a minimal ten-widget Textual app")
def bench_tui_first_frame(ctx: Context) -> list[Row]:
    """Time and peak RSS from process launch to the first painted frame, for both apps."""
    what_time, what_mem = "TUI first frame", "TUI first frame, max RSS"
    mode = f"{ctx.terminal}, 120×40"
    try:
        data_dir = _seed_demo(ctx)
        _first_frame_once(ctx, "trustcheck", data_dir)  # fail fast with trustcheck's own error
    except Exception as exc:
        ctx.log(f"trustcheck TUI unavailable: {exc}")
        minimal = _minimal_only(ctx)
        err = error_row("tui.first_frame", what_time, exc)
        err.extra = {"baseline_only": minimal, "mode": mode}
        err_mem = error_row("tui.max_rss", what_mem, exc)
        return [err, err_mem]

    results: dict[str, list[dict[str, Any]]] = {"trustcheck": [], "minimal": []}

    def side(target: str, arg: Path | None) -> Callable[[], float]:
        def once() -> float:
            data = _first_frame_once(ctx, target, arg)
            results[target].append(data)
            return float(data["first_frame_s"])

        return once

    subj_s, base_s = interleaved(side("trustcheck", data_dir), side("minimal", None), ctx.repeats)
    rss = [r["maxrss_kib"] / MIB for r in results["trustcheck"][-ctx.repeats :]]
    base_rss = [r["maxrss_kib"] / MIB for r in results["minimal"][-ctx.repeats :]]
    last, last_base = results["trustcheck"][-1], results["minimal"][-1]
    info = {
        "mode": mode,
        "screen": last.get("screen"),
        "widgets": last.get("widgets"),
        "modules": last.get("modules"),
        "baseline_widgets": last_base.get("widgets"),
        "baseline_modules": last_base.get("modules"),
        "built_ms": median([r["built_s"] * 1000 for r in results["trustcheck"]]),
        "baseline_built_ms": median([r["built_s"] * 1000 for r in results["minimal"]]),
    }
    return [
        Row(
            key="tui.first_frame",
            what=what_time,
            value=median(subj_s) * 1000,
            baseline=median(base_s) * 1000,
            baseline_what="minimal Textual app (10 widgets)",
            kind="ratio",
            limit=1.15,
            samples=[s * 1000 for s in subj_s],
            baseline_samples=[s * 1000 for s in base_s],
            extra=info,
        ),
        Row(
            key="tui.max_rss",
            what=what_mem,
            unit="MiB",
            value=median(rss),
            baseline=median(base_rss),
            baseline_what="minimal Textual app (10 widgets)",
            kind="absolute",
            limit=45.0,
            samples=rss,
            baseline_samples=base_rss,
            extra={"ratio_note": "the budget is absolute; the baseline is shown for context"},
        ),
    ]


def _minimal_only(ctx: Context) -> dict[str, Any]:
    """The baseline's figures alone (kept in the JSON when trustcheck's side cannot run)."""
    try:
        runs = [_first_frame_once(ctx, "minimal", None) for _ in range(ctx.repeats)]
    except Exception as exc:
        return {"error": str(exc)}
    return {
        "first_frame_ms": median([r["first_frame_s"] * 1000 for r in runs]),
        "maxrss_mib": median([r["maxrss_kib"] / MIB for r in runs]),
    }


# --- saving one answer ----------------------------------------------------------------------------


def _filesystem(path: Path) -> str:
    """The filesystem type holding ``path`` (``tmpfs`` would make fsync free and the row moot)."""
    best, fstype = "", "?"
    try:
        with open("/proc/mounts", encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                mount = parts[1]
                if str(path).startswith(mount) and len(mount) > len(best):
                    best, fstype = mount, parts[2]
    except OSError:
        pass
    return fstype


def _raw_fsync_ms(folder: Path, count: int) -> float:
    """Median time of one small append plus ``os.fsync`` in ``folder``: the disk's own floor."""
    path = folder / "fsync-probe"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    samples: list[float] = []
    try:
        for _ in range(count):
            start = time.perf_counter()
            os.write(fd, b"x" * 200)
            os.fsync(fd)
            samples.append((time.perf_counter() - start) * 1000)
    finally:
        os.close(fd)
        path.unlink()
    return median(samples)


@benchmark("save", "saving one scale answer, fsync included")
def bench_save_answer(ctx: Context) -> list[Row]:
    """``CheckinService.save_answer`` for scale items, one call per sample, through the real DB."""
    from trustcheck.core.models import ItemKind
    from trustcheck.services import open_services

    data_dir = ctx.mkdtemp("save-") / "data"
    services = open_services(data_dir)
    try:
        people = services.profiles.setup(["A", "B"])
        ids = [p.id for p in people]
        checkin = services.checkins.start(ids)
        items = [item.id for item in services.pack.items if item.kind is ItemKind.SCALE]
        if not items:
            return [error_row("save.answer", "save one answer", "the pack has no scale items")]
        count = ctx.repeats * 20
        samples: list[float] = []
        for i in range(count + 10):  # the first 10 warm the statement cache and the file
            pid = ids[i % 2]
            item = items[(i // 2) % len(items)]
            value = 1 + (i * 3) % 7
            start = time.perf_counter()
            services.checkins.save_answer(checkin.id, pid, item, value=value)
            elapsed = time.perf_counter() - start
            if i >= 10:
                samples.append(elapsed * 1000)
    finally:
        services.close()
    raw_fsync = _raw_fsync_ms(data_dir, count)
    return [
        Row(
            key="save.answer",
            what="save one answer (fsync)",
            value=median(samples),
            kind="absolute",
            limit=5.0,
            samples=samples,
            extra={
                "p95_ms": percentile(samples, 95),
                "max_ms": max(samples),
                "saves": len(samples),
                "raw_fsync_ms": raw_fsync,
                "filesystem": _filesystem(data_dir),
                "python": sys.version.split()[0],
            },
        ),
    ]
