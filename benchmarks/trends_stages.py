"""Where one ``trustcheck trends`` spends its time, stage by stage (run by ``budgets.py``).

    TRUSTCHECK_DATA_DIR=D python benchmarks/trends_stages.py

Runs the steps of the ``trends`` command in the order the command runs them, in a fresh
interpreter, and prints a JSON object of milliseconds per stage. Interpreter start-up is not in
it (compare ``total_ms`` with the row's wall time). Plain ``trustcheck trends`` (what the row
runs) is read without the command parser (``cli/trends_quick.py``), so Typer is not a stage of
it. The last stage runs the real command in-process once more (``trends_quick.run``, output
discarded) with every module already imported: what is left beyond ``open + report + render``
is the command's own per-call work.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import time
from pathlib import Path


def main() -> None:
    stages: dict[str, float] = {}
    began = last = time.perf_counter()

    def mark(name: str) -> None:
        nonlocal last
        now = time.perf_counter()
        stages[name] = (now - last) * 1000
        last = now

    from trustcheck.cli import trends_quick

    mark("import_cli_ms")  # the plain call's reader (no Typer: cli/trends_quick.py)
    from trustcheck.charts import render_trends

    mark("import_charts_ms")  # trustcheck.services and what it imports
    from trustcheck.services import open_services

    data_dir = Path(os.environ["TRUSTCHECK_DATA_DIR"])
    services = open_services(data_dir)
    mark("open_services_ms")
    try:
        report = services.trends.report(weeks=None, area=None)
        mark("report_ms")
    finally:
        services.close()
    import plotext  # noqa: F401

    mark("import_plotext_ms")
    text = render_trends(report, width=100, height=40, color=False)
    mark("render_ms")
    sys.stdout.write("")  # the real command writes ``text``; its size is in the row's JSON
    stages["total_ms"] = (time.perf_counter() - began) * 1000
    stages["output_chars"] = float(len(text))
    sink = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(sink):
        trends_quick.run(trends_quick.TrendsCall(data_dir))
    stages["command_warm_ms"] = (time.perf_counter() - start) * 1000
    print(json.dumps(stages))


if __name__ == "__main__":
    main()
