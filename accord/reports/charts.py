"""Bar charts drawn on the server as SVG (no JavaScript). Each chart has a title and a text
description for screen readers, and the page shows the same figures as a table beside it."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
HEIGHT = 260
LEFT = 44
BOTTOM = 44
TOP = 12
# GOV.UK Design System colours, distinguishable without colour through the legend's order
# and the table alternative.
COLOURS = ("#1d70b8", "#00703c", "#d4351c", "#505a5f")


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 5:
            return step * 5
    return value


def bar_chart(
    chart_id: str,
    title: str,
    description: str,
    categories: list[str],
    series: list[Series],
    *,
    maximum: float | None = None,
    unit: str = "",
) -> SafeString:
    """Grouped bars: one group per category, one bar per series."""
    top = maximum or _nice_max(max((v or 0 for s in series for v in s.values), default=0))
    plot_w = WIDTH - LEFT - 8
    plot_h = HEIGHT - TOP - BOTTOM
    group_w = plot_w / max(len(categories), 1)
    bar_w = max(group_w * 0.8 / max(len(series), 1), 1)
    parts = [
        f'<svg class="accord-chart" id="{chart_id}" viewBox="0 0 {WIDTH} {HEIGHT + 24}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="11">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for i in range(6):
        value = top * i / 5
        y = TOP + plot_h - plot_h * i / 5
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="#b1b4b6" '
            f'stroke-width="{1 if i == 0 else 0.5}"/>'
            f'<text x="{LEFT - 4}" y="{y + 4:.1f}" text-anchor="end" fill="#0b0c0c">'
            f"{value:g}{escape(unit)}</text>"
        )
    for g, category in enumerate(categories):
        x0 = LEFT + g * group_w + group_w * 0.1
        for s_index, s in enumerate(series):
            bar = s.values[g] if g < len(s.values) else None
            if not bar:
                continue
            h = plot_h * min(bar, top) / top
            x = x0 + s_index * bar_w
            parts.append(
                f'<rect x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}" fill="{COLOURS[s_index % len(COLOURS)]}">'
                f"<title>{escape(s.name)}, {escape(category)}: {bar:g}{escape(unit)}</title>"
                "</rect>"
            )
        if len(categories) <= 12 or g % 2 == 0:
            parts.append(
                f'<text x="{LEFT + g * group_w + group_w / 2:.1f}" y="{TOP + plot_h + 14}" '
                f'text-anchor="middle" fill="#0b0c0c">{escape(category)}</text>'
            )
    legend_x = LEFT
    for s_index, s in enumerate(series):
        parts.append(
            f'<rect x="{legend_x}" y="{HEIGHT + 6}" width="12" height="12" '
            f'fill="{COLOURS[s_index % len(COLOURS)]}"/>'
            f'<text x="{legend_x + 16}" y="{HEIGHT + 16}" fill="#0b0c0c">{escape(s.name)}</text>'
        )
        legend_x += 24 + 7 * len(s.name)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text in it is escaped above
