"""``trustcheck trends --json``: the trends report as JSON, for tools and checks.

The format is documented in ``docs/trends-json.md``. Every number is the report's own (no
second formula here); a missing value is ``null``, never 0. Output is ASCII (``ensure_ascii``):
names and notes reach a terminal or a pipe with every non-ASCII character escaped, so no
control or bidi character is ever printed raw.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from trustcheck.core.change import CHANGE_METHOD, Change
from trustcheck.core.trends import PersonTrends, TrendReport, TrendSeries

FORMAT = "trustcheck-trends"
FORMAT_VERSION = 1
#: How the method is named in the JSON (its words are ``CHANGE_METHOD``).
METHOD_NAME = "usual-range"


def _day(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _figures(series: TrendSeries) -> dict[str, Any]:
    trend = [p.value for p in series.trend if p.value is not None]
    return {
        "latest": series.latest,
        "mean": series.mean,
        "trend": trend[-1] if trend else None,
        "slope_per_week": series.slope,
    }


def _change(change: Change | None) -> dict[str, Any]:
    if change is None:
        return {"change": "unknown", "reason": "not judged"}
    out: dict[str, Any] = {"change": change.verdict}
    if change.reason:
        out["reason"] = {
            "too_few": "too few weeks",
            "too_few_recent": "too few recent weeks",
            "flat": "not enough variation to judge",
        }[change.reason]
    if change.baseline_mean is not None:
        out["usual"] = change.baseline_mean
    if change.recent_mean is not None:
        out["recent"] = change.recent_mean
    return out


def _person(p: PersonTrends) -> dict[str, Any]:
    return {
        "name": p.profile.name,
        "checkins": p.checkins,
        "trust_index": _figures(p.index),
        "overall": _figures(p.overall),
        "areas": {
            area: {**_figures(series), **_change(p.verdicts.get(area))}
            for area, series in p.areas.items()
        },
    }


def render(report: TrendReport, generated: dt.date) -> str:
    """The report as a JSON document (one object, a trailing newline)."""
    body = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generated": generated.isoformat(),
        "start": _day(report.start),
        "end": _day(report.end),
        "weeks": len(report.weeks),
        "checkins": report.checkins,
        "method": {"name": METHOD_NAME, "text": CHANGE_METHOD, "doc": "docs/change.md"},
        "people": [_person(p) for p in report.persons],
        "notes": list(report.notes),
    }
    return json.dumps(body, indent=2, ensure_ascii=True, allow_nan=False) + "\n"
