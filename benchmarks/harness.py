"""Timing helpers and the benchmark registry for ``benchmarks/run.py``.

Everything here is stdlib only, so the harness runs the same from any interpreter. A benchmark is
one function registered with :func:`benchmark`; it receives a :class:`Context` and returns one or
more :class:`Row` objects. Subject and baseline runs are *interleaved* (subject, baseline, baseline,
subject, ...) so slow drift of the machine (thermal, other load, cache state) hits both sides alike,
and every figure is the median of the repeated runs.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent

# --- results --------------------------------------------------------------------------------------

Status = Literal["pass", "fail", "error", "info"]


@dataclass
class Row:
    """One line of the results table.

    ``value`` and ``baseline`` are in ``unit`` (``"ms"``, ``"MiB"``, ``"modules"``...). A *ratio*
    budget compares ``value / baseline`` with ``limit``; an *absolute* budget compares ``value``
    with ``limit``; a *check* row passes or fails on its own (``passed``) and has no numbers to
    compare.
    """

    key: str
    what: str
    unit: str = "ms"
    value: float | None = None
    baseline: float | None = None
    baseline_what: str | None = None
    kind: Literal["ratio", "absolute", "check", "info"] = "ratio"
    limit: float | None = None
    passed: bool | None = None
    error: str | None = None
    samples: list[float] = field(default_factory=list)
    baseline_samples: list[float] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        """``value / baseline`` when both are known."""
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def status(self) -> Status:
        """pass / fail / error / info, from the budget kind and the measured figures."""
        if self.error is not None:
            return "error"
        if self.kind == "info":
            return "info"
        if self.kind == "check":
            return "pass" if self.passed else "fail"
        measured = self.ratio if self.kind == "ratio" else self.value
        if measured is None or self.limit is None:
            return "error"
        return "pass" if measured <= self.limit else "fail"

    @property
    def budget_text(self) -> str:
        """The budget as the table prints it."""
        if self.kind == "ratio" and self.limit is not None:
            return f"≤ {self.limit:g}×"
        if self.kind == "absolute" and self.limit is not None:
            return f"≤ {self.limit:g} {self.unit}"
        if self.kind == "check":
            return str(self.extra.get("budget", "check"))
        return "—"

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict with the derived fields (ratio, status, budget) included."""
        data = asdict(self)
        data.update(ratio=self.ratio, status=self.status, budget=self.budget_text)
        return data


def error_row(key: str, what: str, exc: BaseException | str) -> Row:
    """A row that reports a benchmark that could not run, with a one-line reason."""
    text = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
    line = next((part.strip() for part in text.splitlines() if part.strip()), "unknown error")
    return Row(key=key, what=what, error=line[:200])


# --- context and registry -------------------------------------------------------------------------


@dataclass
class Context:
    """What every benchmark gets: repeat counts, interpreters and a scratch folder."""

    repeats: int
    quick: bool
    python: Path
    """The project's interpreter (``sys.executable``); its bin dir has the ``trustcheck`` script."""
    baseline_bin: Path | None
    """The bin dir of ``benchmarks/.venv-baseline`` (jrnl), or None when it could not be made."""
    baseline_error: str | None
    scratch: Path
    """A temporary folder removed after the run; benchmarks make their own sub-folders in it."""
    verbose: bool = False
    cache: dict[str, Any] = field(default_factory=dict)
    """Per-run memo shared by benchmarks (e.g. a seeded data dir reused by several rows)."""

    @property
    def project_bin(self) -> Path:
        """The project venv's bin dir (where ``trustcheck`` is installed)."""
        return self.python.parent

    def mkdtemp(self, prefix: str) -> Path:
        """A fresh folder inside the scratch folder."""
        return Path(tempfile.mkdtemp(prefix=prefix, dir=self.scratch))

    def log(self, message: str) -> None:
        """Progress on stderr (only with ``--verbose``)."""
        if self.verbose:
            print(f"  · {message}", file=sys.stderr, flush=True)


BenchFn = Callable[[Context], list[Row]]
F = TypeVar("F", bound=BenchFn)


@dataclass(frozen=True)
class Benchmark:
    """A registered benchmark: its key (for ``--only``), its title and its function."""

    key: str
    title: str
    fn: BenchFn


REGISTRY: dict[str, Benchmark] = {}


def benchmark(key: str, title: str) -> Callable[[F], F]:
    """Register ``fn`` as a benchmark. Rows appear in the table in registration order."""

    def register(fn: F) -> F:
        if key in REGISTRY:
            raise ValueError(f"benchmark {key!r} registered twice")
        REGISTRY[key] = Benchmark(key, title, fn)
        return fn

    return register


# --- statistics -----------------------------------------------------------------------------------


def median(samples: Sequence[float]) -> float:
    """The median (0.0 for no samples, so callers need no special case)."""
    return statistics.median(samples) if samples else 0.0


def percentile(samples: Sequence[float], pct: float) -> float:
    """The ``pct`` percentile by the nearest-rank method (robust for small N)."""
    if not samples:
        return 0.0
    ordered = sorted(samples)
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def interleaved(
    subject: Callable[[], float],
    baseline: Callable[[], float],
    repeats: int,
    warmup: int = 1,
) -> tuple[list[float], list[float]]:
    """Run ``subject`` and ``baseline`` ``repeats`` times each, alternating which goes first.

    Rounds go AB, BA, AB, ... so neither side always runs right after the other (page cache, CPU
    frequency). ``warmup`` unrecorded rounds come first (byte-code caches, disk cache). Each
    callable returns its own measurement (seconds, bytes...), so it can time exactly what it means.
    """
    for _ in range(warmup):
        subject()
        baseline()
    subject_samples: list[float] = []
    baseline_samples: list[float] = []
    for i in range(repeats):
        if i % 2 == 0:
            subject_samples.append(subject())
            baseline_samples.append(baseline())
        else:
            baseline_samples.append(baseline())
            subject_samples.append(subject())
    return subject_samples, baseline_samples


def interleaved_many(
    sides: Sequence[Callable[[], float]], repeats: int, warmup: int = 1
) -> list[list[float]]:
    """Like :func:`interleaved` for any number of sides: round ``i`` starts at side ``i mod n``.

    Each side goes first, second, ... equally often (a rotation), after ``warmup`` unrecorded
    rounds; the result holds one list of ``repeats`` samples per side, in the order given.
    """
    for _ in range(warmup):
        for side in sides:
            side()
    samples: list[list[float]] = [[] for _ in sides]
    n = len(sides)
    for i in range(repeats):
        for j in range(n):
            k = (i + j) % n
            samples[k].append(sides[k]())
    return samples


# --- processes ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProcResult:
    """A finished subprocess: its wall time, peak RSS (from ``wait4``), exit code and output."""

    wall_s: float
    maxrss_kib: int
    returncode: int
    stdout: str
    stderr: str


class ProcessFailed(RuntimeError):
    """A measured command exited non-zero; the message is its last line of stderr."""


def clean_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The current environment minus Python variables that change start-up, plus ``extra``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PYTHON") and k not in {"VIRTUAL_ENV", "TEXTUAL", "TEXTUAL_PRESS"}
    }
    env.setdefault("TERM", "xterm-256color")
    env.update(extra or {})
    return env


def run_process(
    argv: Sequence[str | os.PathLike[str]],
    env: Mapping[str, str],
    *,
    check: bool = True,
    capture: bool = False,
    pipe: bool = False,
) -> ProcResult:
    """Run ``argv`` and time it from just before the fork to its exit.

    Output goes to temporary files (never a pipe that could fill and stall the child); it is read
    back only when ``capture`` is set or the command failed. With ``pipe`` stdout is a real pipe
    instead, drained by this process as a shell pipeline would (``cmd | less``), so the child sees a
    non-terminal stdout and pays for a pipe's back-pressure; reading it is inside the timing.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [os.fspath(a) for a in argv],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE if pipe else out,
            stderr=err,
            env=env,
        )
        piped = b""
        if pipe:
            assert proc.stdout is not None
            piped = proc.stdout.read()  # until EOF: the child closed its stdout (exited)
            proc.stdout.close()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        stdout = stderr = ""
        if capture or proc.returncode != 0:
            out.seek(0)
            err.seek(0)
            stdout = piped.decode(errors="replace") if pipe else out.read().decode(errors="replace")
            stderr = err.read().decode(errors="replace")
    result = ProcResult(wall, int(usage.ru_maxrss), proc.returncode, stdout, stderr)
    if check and proc.returncode != 0:
        raise ProcessFailed(
            f"{Path(os.fspath(argv[0])).name} exited {proc.returncode}: "
            f"{last_line(stderr or stdout)}"
        )
    return result


def last_line(text: str) -> str:
    """The last non-empty line of ``text`` (for one-line error reports)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "(no output)"


def timed_process(
    argv: Sequence[str | os.PathLike[str]],
    env: Mapping[str, str],
    *,
    pipe: bool = False,
    check: bool = True,
) -> Callable[[], float]:
    """A zero-argument callable for :func:`interleaved` that returns the wall time in seconds
    (``check=False``: a non-zero exit is an answer, as ``status --check``'s 3 is)."""

    def run() -> float:
        return run_process(argv, env, pipe=pipe, check=check).wall_s

    return run
