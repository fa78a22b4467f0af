"""Dependency direction and start-up cost, checked in fresh interpreters (harlequin's pattern).

- ``trustcheck --help`` and the storage layer load no TUI, charting, PDF or crypto library.
- ``trustcheck.core`` is pure: no Textual, Rich, Typer or sqlite3.
- Storage owns every SQL statement: no other module mentions sqlite3 or calls ``execute(``.
"""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import trustcheck
import trustcheck.storage.repos
from trustcheck.services import Services

SRC = Path(trustcheck.__file__).resolve().parent
CORE_MODULES = sorted(
    f"trustcheck.core.{p.stem}" if p.stem != "__init__" else "trustcheck.core"
    for p in (SRC / "core").glob("*.py")
)
HEAVY = ("textual", "plotext", "fpdf", "cryptography", "zxcvbn")
NOT_IN_CORE = ("textual", "rich", "typer", "sqlite3", "_sqlite3")
NOT_IN_STORAGE = ("textual", "rich", "typer")


def loaded_after(*modules: str) -> set[str]:
    """Top-level package names in sys.modules after importing ``modules`` in a fresh Python."""
    code = (
        "import importlib, json, sys\n"
        f"for name in {list(modules)!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout))


def test_the_core_modules_are_found() -> None:
    assert {"trustcheck.core", "trustcheck.core.models", "trustcheck.core.scoring"} <= set(
        CORE_MODULES
    )


#: Every repository module (``storage/repos/``): callers import them one by one.
REPO_MODULES = sorted(
    f"trustcheck.storage.repos.{m.name}"
    for m in pkgutil.iter_modules(trustcheck.storage.repos.__path__)
)


def test_cli_core_and_storage_load_nothing_heavy() -> None:
    loaded = loaded_after(
        "trustcheck.core",
        "trustcheck.core.packs",
        "trustcheck.core.scoring",
        "trustcheck.storage.db",
        *REPO_MODULES,
        "trustcheck.cli.commands",
    )
    assert "trustcheck" in loaded
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_the_services_load_nothing_heavy() -> None:
    loaded = loaded_after(
        "trustcheck.services", "trustcheck.services.demo", "trustcheck.core.errors"
    )
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_is_pure(module: str) -> None:
    loaded = loaded_after(module)
    assert not loaded & set(NOT_IN_CORE), sorted(loaded & set(NOT_IN_CORE))


STORAGE_MODULES = sorted(
    f"trustcheck.storage.{p.stem}" for p in (SRC / "storage").glob("*.py") if p.stem != "__init__"
)


@pytest.mark.parametrize("module", STORAGE_MODULES)
def test_storage_imports_no_ui_library(module: str) -> None:
    loaded = loaded_after(module)
    assert not loaded & set(NOT_IN_STORAGE), sorted(loaded & set(NOT_IN_STORAGE))


def test_help_in_a_real_process_loads_no_textual() -> None:
    code = (
        "import sys\n"
        "sys.argv = ['trustcheck', '--help']\n"
        "from trustcheck.cli.commands import app\n"
        "try:\n"
        "    app()\n"
        "except SystemExit:\n"
        "    pass\n"
        f"bad = sorted(m for m in {list(HEAVY)!r} if m in sys.modules)\n"
        "print('HEAVY=' + ','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "HEAVY=\n" in result.stdout, result.stdout


# --- storage owns every SQL statement ------------------------------------------------------------

#: (file relative to src/trustcheck, the string constant) that may mention sqlite3 outside storage.
ALLOWED = {
    ("paths.py", "trustcheck.sqlite3"),  # the database file's name, which storage opens
}
FORBIDDEN = ("sqlite3", "execute(")
SQL_WORDS = ("SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM", "CREATE TABLE", "PRAGMA ")


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the string nodes that are docstrings: prose, not code."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _violations(path: Path) -> list[str]:
    rel = path.relative_to(SRC).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
    docs = _docstrings(tree)
    out = []
    for node in ast.walk(tree):
        where = f"{rel}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names]
            if isinstance(node, ast.ImportFrom) and node.module:
                names.append(node.module)
            if any(n.split(".")[0] in ("sqlite3", "_sqlite3") for n in names):
                out.append(f"{where}: imports sqlite3")
        elif isinstance(node, ast.Name) and node.id == "sqlite3":
            out.append(f"{where}: uses sqlite3")
        elif isinstance(node, ast.Attribute) and node.attr in (
            "execute",
            "executemany",
            "executescript",
        ):
            out.append(f"{where}: .{node.attr}")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docs
            and (rel, node.value) not in ALLOWED
        ):
            text = node.value
            if any(word in text for word in FORBIDDEN):
                out.append(f"{where}: string mentions {text[:40]!r}")
            if any(word in text for word in SQL_WORDS):
                out.append(f"{where}: SQL in a string {text[:40]!r}")
    return out


def _outside_storage() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "storage" not in p.relative_to(SRC).parts)


def test_no_module_outside_storage_touches_sql() -> None:
    files = _outside_storage()
    assert SRC / "cli" / "_app.py" in files and SRC / "services" / "checkin.py" in files
    problems = [v for path in files for v in _violations(path)]
    assert problems == []


def test_no_module_outside_storage_mentions_sqlite3_in_code_text() -> None:
    """The plain-text check: outside docstrings and comments, only the allow-list may match."""
    problems = []
    for path in _outside_storage():
        rel = path.relative_to(SRC).as_posix()
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        docs = _docstrings(tree)
        doc_lines: set[int] = set()
        for node in ast.walk(tree):
            if id(node) in docs and isinstance(node, ast.Constant):
                doc_lines.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
        for number, line in enumerate(source.splitlines(), start=1):
            code = line.split("#", 1)[0]
            if number in doc_lines or not any(word in code for word in FORBIDDEN):
                continue
            if any(r == rel and f'"{allowed}"' in code for r, allowed in ALLOWED):
                continue
            problems.append(f"{rel}:{number}: {line.strip()}")
    assert problems == []


def test_the_checker_catches_sql(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The static check must be able to fail."""
    fake = tmp_path / "trustcheck"
    (fake / "services").mkdir(parents=True)
    bad = fake / "services" / "sneaky.py"
    bad.write_text(
        '"""Mentions sqlite3 in prose only."""\n'
        "import sqlite3\n"
        "def f(conn):\n"
        '    conn.execute("SELECT 1")\n'
    )
    monkeypatch.setattr(sys.modules[__name__], "SRC", fake)
    found = _violations(bad)
    assert any("imports sqlite3" in v for v in found)
    assert any(".execute" in v for v in found)
    assert any("SQL in a string" in v for v in found)
    assert not any(":1:" in v for v in found), "docstrings are prose"


# --- the layers: who may import whom (also import-linter contracts in pyproject.toml) ------------


def _imported(source: str) -> set[str]:
    """Every module an ``import`` or ``from ... import`` in ``source`` names, lazy ones included."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _ours(package: str) -> dict[str, set[str]]:
    """For each module of ``trustcheck.<package>``: the trustcheck modules it imports."""
    found = {}
    root = SRC / package if (SRC / package).is_dir() else None
    files = sorted(root.rglob("*.py")) if root else [SRC / f"{package}.py"]
    for path in files:
        rel = path.relative_to(SRC).as_posix()
        imported = _imported(path.read_text(encoding="utf-8"))
        found[rel] = {n for n in imported if n == "trustcheck" or n.startswith("trustcheck.")}
    return found


def _under(name: str, *packages: str) -> bool:
    return any(name == f"trustcheck.{p}" or name.startswith(f"trustcheck.{p}.") for p in packages)


def test_screens_and_commands_never_import_storage() -> None:
    """The errors a screen or command shows come from ``services.errors``, never from storage."""
    bad = {
        rel: sorted(n for n in names if _under(n, "storage"))
        for package in ("tui", "cli")
        for rel, names in _ours(package).items()
    }
    assert {rel: names for rel, names in bad.items() if names} == {}


def test_core_imports_nothing_of_ours_but_core() -> None:
    bad = {
        rel: sorted(n for n in names if not _under(n, "core"))
        for rel, names in _ours("core").items()
    }
    assert {rel: names for rel, names in bad.items() if names} == {}


def test_nothing_below_the_screens_and_commands_imports_charts() -> None:
    """The sparkline the Markdown summary draws lives in ``export.sparkline``, not in charts."""
    bad = {
        rel: sorted(n for n in names if _under(n, "charts", "tui", "cli"))
        for package in ("services", "export", "storage", "core")
        for rel, names in _ours(package).items()
    }
    assert {rel: names for rel, names in bad.items() if names} == {}


def test_the_layer_checks_can_fail() -> None:
    lazy = "def f():\n    from trustcheck.storage.crypto import CryptoError\n"
    assert "trustcheck.storage.crypto" in _imported(lazy)
    assert _under("trustcheck.storage.crypto", "storage")
    assert not _under("trustcheck.storagehouse", "storage")
    assert _imported("from trustcheck import paths\n") >= {"trustcheck", "trustcheck.paths"}


def test_services_hand_out_no_database_or_repository(services: Services) -> None:
    """Callers use the services' methods: no public attribute is storage's."""
    from trustcheck.storage.db import Database

    public = {name: value for name, value in vars(services).items() if not name.startswith("_")}
    assert public, "the services have public parts"
    leaked = {
        name: type(value).__module__
        for name, value in public.items()
        if isinstance(value, Database) or type(value).__module__.startswith("trustcheck.storage")
    }
    assert leaked == {}
    assert not hasattr(services, "db") and not hasattr(services, "settings")


def test_the_import_contracts_hold() -> None:
    """``lint-imports`` (a dev dependency) keeps the contracts in pyproject.toml."""
    lint = Path(sys.executable).parent / "lint-imports"
    assert lint.exists(), "install the dev extras: pip install -e '.[dev]'"
    root = SRC.parent.parent
    result = subprocess.run(
        [str(lint)], cwd=root, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout
