"""Static SVG charts for published tables, made at build time (no JavaScript).

Input: a `TableView`. Output: an inline SVG string. `staaf`: one group of
bars per row, one bar per column; `lijn`: one line per row over the columns
(time series). The table itself stays on the page as the text alternative.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from xml.sax.saxutils import escape

from generators.inhoud.formats import format_number
from generators.site.views import TableView

COLOURS = ["#1f3a5f", "#b35900", "#2e7d32", "#6a1b9a", "#00838f", "#8b1a1a", "#5d4037", "#455a64"]
WIDTH, HEIGHT = 720, 360
LEFT, RIGHT, TOP, BOTTOM = 60, 20, 50, 80


def chart_svg(view: TableView) -> str:
    kind = view.tabel.grafiek
    if kind == "geen":
        return ""
    columns = [k.titel for k in view.tabel.kolommen]
    rows = [(short, values) for short, (_, values, _) in zip(view.short_names, view.rows, strict=True)]
    peak = max((v for _, values in rows for v in values if v is not None), default=Decimal(1)) or Decimal(1)
    top = _nice_ceiling(peak)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(value: Decimal) -> float:
        return TOP + plot_h - float(value / top) * plot_h

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
                    f'height="{TOP + plot_h - y(value):.1f}" fill="{COLOURS[c % len(COLOURS)]}">'
                    f"<title>{escape(name)}, {escape(columns[c])}: {format_number(value)}</title></rect>"
                )
            parts.append(_label(x0 + group_w * 0.4, TOP + plot_h + 14, name))
        legend = columns
    else:
        step = plot_w / max(len(columns) - 1, 1)
        for c, title in enumerate(columns):
            parts.append(_label(LEFT + c * step, TOP + plot_h + 14, title))
        for r, (_name, values) in enumerate(rows):
            points = [(LEFT + c * step, y(v)) for c, v in enumerate(values) if v is not None]
            colour = COLOURS[r % len(COLOURS)]
            path = " ".join(f"{x:.1f},{yy:.1f}" for x, yy in points)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
            parts += [f'<circle cx="{x:.1f}" cy="{yy:.1f}" r="3.5" fill="{colour}"/>' for x, yy in points]
        legend = [name for name, _ in rows]
    parts.append(_legend(legend))
    title = escape(view.tabel.titel)
    return (
        f'<svg class="grafiek" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="Grafiek: {title}" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="11">'
        f"<title>Grafiek: {title} (de cijfers staan in de tabel hieronder)</title>" + "".join(parts) + "</svg>"
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


def _legend(names: list[str]) -> str:
    items = []
    for i, name in enumerate(names[:8]):
        x = LEFT + (i % 4) * 160
        y = 14 + (i // 4) * 16
        items.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{COLOURS[i % len(COLOURS)]}"/>')
        items.append(f'<text x="{x + 14}" y="{y}" fill="#333">{escape(name[:24])}</text>')
    return "".join(items)
