"""The one-line sparkline: the Markdown summary's trend per person, and the home screen's.

It belongs to the export layer (the summary draws it), so the service layer never imports the
chart drawing in ``trustcheck.charts``. Stdlib only.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

SPARK_BLOCKS = "▁▂▃▄▅▆▇█"


def render_sparkline(
    values: Sequence[float | None],
    width: int,
    *,
    low: float | None = None,
    high: float | None = None,
) -> str:
    """A one-line trend of ``values`` at most ``width`` cells: ▁▂▃▄▅▆▇█, a space for a gap.

    Longer series are cut into ``width`` buckets by position and each bucket shows the mean of
    its present values (as ``stats.downsample``). ``low``/``high`` fix the scale (e.g. 0–100) so
    small wiggles are not blown up; by default the series' own range is used.
    """
    if width < 1 or not values:
        return ""
    n = len(values)
    if n > width:
        buckets = [values[i * n // width : (i + 1) * n // width] for i in range(width)]
        cells: list[float | None] = [
            math.fsum(p) / len(p) if (p := [v for v in b if v is not None]) else None
            for b in buckets
        ]
    else:
        cells = list(values)
    present = [v for v in cells if v is not None]
    if not present:
        return " " * len(cells)
    lo = min(present) if low is None else low
    hi = max(present) if high is None else high
    top = len(SPARK_BLOCKS) - 1
    out = []
    for v in cells:
        if v is None:
            out.append(" ")
        elif hi <= lo:
            out.append(SPARK_BLOCKS[top // 2])
        else:
            level = round((min(max(v, lo), hi) - lo) / (hi - lo) * top)
            out.append(SPARK_BLOCKS[level])
    return "".join(out)
