"""No scaffolding (issue 13, section 5): nothing of ours overrides or reads Textual's, Rich's or
Typer's private (underscore) names but the crash redaction in ``tui/crash.py``; no gc tricks and
no screen lookups through ``sys.modules``."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import trustcheck

SRC = Path(trustcheck.__file__).parent
FOREIGN = ("textual", "rich", "typer", "click")
#: The one documented place (see its docstring): Textual has no public hook for a crash.
CRASH_OVERRIDES = {
    ("trustcheck.tui.crash", "RedactedCrashApp"): {"_handle_exception", "_fatal_error"},
}
FORBIDDEN = re.compile(
    r"\b(_render_cell|_update_dimensions|_cell_render_cache|_row_locations)\b"
    r"|gc\.freeze|sys\.modules"
    r"|\b(?:from|import)\s+(?:textual|rich|typer|click)(?:\.\w+)*\._\w+"
)


def test_no_private_names_or_gc_tricks_in_the_source() -> None:
    found = [
        f"{path.relative_to(SRC)}:{n}: {line.strip()}"
        for path in sorted(SRC.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if FORBIDDEN.search(line)
    ]
    assert found == []


def test_no_class_of_ours_overrides_a_private_name_of_textual_rich_or_typer() -> None:
    overridden: list[str] = []
    for info in pkgutil.walk_packages(trustcheck.__path__, "trustcheck."):
        module = importlib.import_module(info.name)
        for name, cls in vars(module).items():
            if not inspect.isclass(cls) or cls.__module__ != module.__name__:
                continue
            bases = [b for b in cls.__mro__[1:] if b.__module__.split(".")[0] in FOREIGN]
            allowed = CRASH_OVERRIDES.get((module.__name__, name), set())
            for attr, value in vars(cls).items():
                if not attr.startswith("_") or attr.startswith("__") or attr in allowed:
                    continue
                if not callable(value) and not isinstance(value, property):
                    continue  # class bookkeeping Textual's metaclass writes (_css_type_name, ...)
                if any(attr in vars(b) for b in bases):
                    overridden.append(f"{module.__name__}.{name}.{attr}")
    assert overridden == []
