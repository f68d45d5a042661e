"""Static SVG charts for published tables, made at build time (no JavaScript).

Input: a `TableView`. Output: an inline SVG in a <figure> of its own. `staaf`:
one group of bars per row, one bar per column; `lijn`: one line per row over
the columns (time series). The table itself stays on the page as the text
alternative; the chart is labelled by its own title. Being a block of raw
HTML, Markdown leaves it alone (no abbreviation markup inside SVG text).
Legend names wrap over lines instead of being cut off.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from decimal import Decimal
from xml.sax.saxutils import escape

from generators.inhoud.formats import format_number
from generators.site.views import TableView

COLOURS = ["#1f3a5f", "#b35900", "#2e7d32", "#6a1b9a", "#00838f", "#8b1a1a", "#5d4037", "#455a64"]
WIDTH, HEIGHT = 720, 360
LEFT, RIGHT, TOP, BOTTOM = 60, 20, 50, 80
LEGEND_COLUMNS, LEGEND_WIDTH, LEGEND_CHARS, LINE = 4, 160, 24, 13


def chart_svg(view: TableView) -> str:
    kind = view.tabel.grafiek
    if kind == "geen":
        return ""
    columns = [k.titel for k in view.tabel.kolommen]
    rows = [(short, values) for short, (_, values, _) in zip(view.short_names, view.rows, strict=True)]
    peak = max((v for _, values in rows for v in values if v is not None), default=Decimal(1)) or Decimal(1)
    top = _nice_ceiling(peak)
    legend_names = columns if kind == "staaf" else [name for name, _ in rows]
    legend, legend_h = _legend(legend_names)
    top_margin = max(TOP, legend_h + 16)
    height = HEIGHT - TOP + top_margin
    plot_w, plot_h = WIDTH - LEFT - RIGHT, height - top_margin - BOTTOM

    def y(value: Decimal) -> float:
        return top_margin + plot_h - float(value / top) * plot_h

    parts = [_axes(top, y, plot_w)]
    if kind == "staaf":
        group_w = plot_w / max(len(rows), 1)
        bar_w = group_w * 0.8 / max(len(columns), 1)
        for r, (name, values) in enumerate(rows):
            x0 = LEFT + r * group_w + group_w * 0.1
            for c, value in enumerate(values):
                if value is None:
                    continue
                x = x0 + c * bar_w
                parts.append(
                    f'<rect x="{x:.1f}" y="{y(value):.1f}" width="{bar_w * 0.9:.1f}" '
                    f'height="{top_margin + plot_h - y(value):.1f}" fill="{COLOURS[c % len(COLOURS)]}">'
                    f"<title>{escape(name)}, {escape(columns[c])}: {format_number(value)}</title></rect>"
                )
            parts.append(_label(x0 + group_w * 0.4, top_margin + plot_h + 14, name))
    else:
        step = plot_w / max(len(columns) - 1, 1)
        for c, title in enumerate(columns):
            parts.append(_label(LEFT + c * step, top_margin + plot_h + 14, title))
        for r, (_name, values) in enumerate(rows):
            points = [(LEFT + c * step, y(v)) for c, v in enumerate(values) if v is not None]
            colour = COLOURS[r % len(COLOURS)]
            path = " ".join(f"{x:.1f},{yy:.1f}" for x, yy in points)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
            parts += [f'<circle cx="{x:.1f}" cy="{yy:.1f}" r="3.5" fill="{colour}"/>' for x, yy in points]
    parts.append(legend)
    title = escape(view.tabel.titel, {'"': "&quot;"})
    return (
        f'<figure class="grafiek-figuur"><svg class="grafiek" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="Grafiek: {title}; de cijfers staan in de tabel hieronder" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="11">'
        f"<title>Grafiek: {title} (de cijfers staan in de tabel hieronder)</title>" + "".join(parts) + "</svg></figure>"
    )


def _nice_ceiling(value: Decimal) -> Decimal:
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        ceiling = Decimal(str(factor)) * magnitude
        if ceiling >= value:
            return ceiling
    return value


def _axes(top: Decimal, y: Callable[[Decimal], float], plot_w: float) -> str:
    lines = []
    for i in range(5):
        value = top * i / 4
        tick = y(value)
        step = Decimal(1) if value == value.to_integral() else Decimal("0.1")
        text = format_number(value.quantize(step))
        lines.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{tick:.1f}" y2="{tick:.1f}" stroke="#d0d0d0"/>')
        lines.append(f'<text x="{LEFT - 6}" y="{tick + 4:.1f}" text-anchor="end" fill="#333">{text}</text>')
    return "".join(lines)


def _label(x: float, y: float, text: str) -> str:
    short = text if len(text) <= 18 else text[:17] + "…"
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="end" transform="rotate(-35 {x:.1f} {y:.1f})" '
        f'fill="#333">{escape(short)}</text>'
    )


def _legend(names: list[str]) -> tuple[str, int]:
    """The legend (colour square and name, wrapped over lines) in rows of four; returns it and its height."""
    items = []
    y = 14
    for start in range(0, len(names), LEGEND_COLUMNS):
        row = names[start : start + LEGEND_COLUMNS]
        lines = [textwrap.wrap(name, LEGEND_CHARS, break_on_hyphens=False) or [""] for name in row]
        for i, (name_lines, colour_index) in enumerate(zip(lines, range(start, start + len(row)), strict=True)):
            x = LEFT + i * LEGEND_WIDTH
            colour = COLOURS[colour_index % len(COLOURS)]
            items.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{colour}"/>')
            spans = "".join(
                f'<tspan x="{x + 14}" dy="{0 if n == 0 else LINE}">{escape(line)}</tspan>'
                for n, line in enumerate(name_lines)
            )
            items.append(f'<text x="{x + 14}" y="{y}" fill="#333">{spans}</text>')
        y += max(len(n) for n in lines) * LINE + 4
    return "".join(items), y - 14
