"""``TrendsService.period``: the weeks a report will cover, known before the report is built (the
therapy summary starts reading that period's statement gaps from it, issue 13)."""

from __future__ import annotations

import pytest

import rawdb
from trustcheck.services import Services
from trustcheck.services.demo import seed_demo
from trustcheck.services.trends import TrendsError


@pytest.mark.parametrize("weeks", [None, 1, 8, 26, 60, 10_000])
def test_the_period_is_the_reports_first_and_last_week(
    services: Services, weeks: int | None
) -> None:
    seed_demo(services, weeks=60)
    trends = rawdb.new_trends(services)
    period = trends.period(weeks)
    report = trends.report(weeks=weeks)
    assert report.start is not None and report.end is not None
    assert period == (report.start, report.end)


def test_no_check_in_is_no_period(services: Services) -> None:
    trends = rawdb.new_trends(services)
    assert trends.period() is None
    assert trends.report().start is None


def test_a_period_of_no_weeks_is_refused_as_a_report_is(services: Services) -> None:
    trends = rawdb.new_trends(services)
    for ask in (trends.period, lambda weeks: trends.report(weeks=weeks)):
        with pytest.raises(TrendsError):
            ask(0)
