"""First-frame driver: start one Textual app, stop it right after its first frame, report timings.

Run by ``benchmarks/run.py`` as a fresh subprocess for every sample::

    python benchmarks/first_frame.py minimal|trustcheck [DATA_DIR] [--pty]

Environment: ``BENCH_LAUNCH_TIME`` is the parent's ``time.time()`` taken just before it launched
this process, so ``first_frame_s`` covers interpreter start, imports, building the app and painting
the first frame; ``BENCH_RESULT_FILE`` is where the JSON result is written (stdout may be a
terminal).

The app runs through its real ``App.run``: headless by default (everything up to the compositor's
first update, without turning it into escape codes), or with ``--pty`` under the pseudo-terminal the
parent gives it (the real Linux driver, the frame written to a terminal). An auto-pilot, which
Textual starts once the app is mounted, schedules ``call_after_refresh``: that callback runs once
the screen has been laid out and painted. It takes the time and the peak RSS, then exits the app.

The driver imports nothing heavy itself (no argparse, no json until the end) so that both sides of
the comparison pay only for their own app.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any


def _build(target: str, data_dir: str | None) -> tuple[Any, Any]:
    """The app to measure and an object with ``close()`` to call afterwards (or None)."""
    if target == "minimal":
        from minimal_app import MinimalApp

        return MinimalApp(), None
    if target == "trustcheck":
        if not data_dir:
            raise SystemExit("first_frame.py trustcheck needs a DATA_DIR")
        from pathlib import Path

        from trustcheck.services import open_services
        from trustcheck.tui import app as tui_app

        services = open_services(Path(data_dir))
        return tui_app.build_app(services, start="home"), services
    raise SystemExit(f"unknown target {target!r}: use minimal or trustcheck")


def main(argv: list[str]) -> int:
    """Build the app, run it to its first frame, write the result file."""
    launch = float(os.environ.get("BENCH_LAUNCH_TIME", "0") or 0)
    result_file = os.environ.get("BENCH_RESULT_FILE")
    pty_mode = "--pty" in argv
    args = [a for a in argv if not a.startswith("--")]
    target = args[0] if args else "minimal"
    data_dir = args[1] if len(args) > 1 else None

    result: dict[str, Any] = {"target": target, "mode": "pty" if pty_mode else "headless"}
    app, closer = _build(target, data_dir)
    result["built_s"] = time.time() - launch

    def first_frame() -> None:
        import resource

        result["first_frame_s"] = time.time() - launch
        result["maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        screen = app.screen
        result["screen"] = type(screen).__name__
        result["widgets"] = sum(1 for _ in screen.walk_children(with_self=False))
        result["modules"] = len(sys.modules)
        app.exit()

    async def auto_pilot(pilot: Any) -> None:
        app.call_after_refresh(first_frame)

    try:
        if pty_mode:
            app.run(auto_pilot=auto_pilot)
        else:
            app.run(headless=True, size=(120, 40), auto_pilot=auto_pilot)
    finally:
        if closer is not None:
            closer.close()
    result["exited_s"] = time.time() - launch
    if "first_frame_s" not in result:
        print("the app exited before its first frame", file=sys.stderr)
        return 1

    import json

    text = json.dumps(result)
    if result_file:
        with open(result_file, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
