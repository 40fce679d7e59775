"""Charts for the Word reports, as PNG bytes (matplotlib, Agg, no pyplot).

The figures are built with ``matplotlib.figure.Figure`` rather than pyplot: pyplot keeps
global state that is not safe under a multi-threaded web server, and it is slower to import.
Widths are in centimetres so that a chart drawn at 16 cm is inserted at 16 cm and its
9-point labels stay 9 points on paper.
"""
from __future__ import annotations

import io
import textwrap
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import matplotlib

matplotlib.use("Agg")
from matplotlib import font_manager  # noqa: E402  (after choosing the backend)
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from visitatie.reports.wording import decimal_nl  # noqa: E402

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

CM = 1 / 2.54
DPI = 200
TEXT = "#1F2933"
MUTED = "#5A6570"
GRID = "#D5DCE4"
# ColorBrewer "Blues": one hue, lightness rising with the scale level, so the order reads
# without colour vision and in greyscale print.
SEQUENTIAL = ["#C6DBEF", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C"]
# Okabe-Ito: distinguishable for the common forms of colour blindness.
QUALITATIVE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]


def _font_family() -> str:
    # The report text is Arial (Liberation Sans under LibreOffice); the charts use the same
    # face when the server has it. Only an installed family may be named: matplotlib warns
    # about every missing one on every text it draws.
    for family in ("Arial", "Liberation Sans"):
        try:
            font_manager.findfont(font_manager.FontProperties(family=family),
                                  fallback_to_default=False)
            return family
        except ValueError:
            continue
    return "DejaVu Sans"  # ships with matplotlib


STYLE: dict[RcKeyType, Any] = {
    "font.family": _font_family(),
    "font.size": 8.5,
    "axes.edgecolor": GRID,
    "axes.labelcolor": TEXT,
    "xtick.color": MUTED,
    "ytick.color": TEXT,
    "svg.fonttype": "none",
}


def number(value: float, decimals: int = 1) -> str:
    """A Dutch decimal: 3,25 rather than 3.25; whole numbers without decimals; half up."""
    return decimal_nl(value, decimals)


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or ""


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


def _tidy(axes: Axes) -> None:
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.tick_params(axis="y", length=0)
    axes.grid(axis="x", color=GRID, linewidth=0.6)
    axes.set_axisbelow(True)


def scale_chart_png(scales: list[dict[str, Any]], width_cm: float = 16.0,
                    titles: bool = True) -> bytes | None:
    """One panel per scale question: how many answers gave each level, with its label.

    Returns None when no question has an answer, so the caller leaves the chart out
    instead of inserting an empty frame.
    """
    drawn = [scale for scale in scales if scale.get("n") and scale.get("distribution")]
    if not drawn:
        return None
    heights = [0.4 + 0.2 * len(scale["distribution"])
               + (0.2 + 0.16 * _wrap(scale.get("text", ""), 60).count("\n") if titles else 0)
               for scale in drawn]
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(width_cm * CM, sum(heights) + 0.2 * len(drawn)),
                        layout="constrained")
        panels = figure.subplots(len(drawn), 1, squeeze=False,
                                 gridspec_kw={"height_ratios": heights})[:, 0]
        for axes, scale in zip(panels, drawn, strict=True):
            _scale_panel(axes, scale, titles)
        return _png(figure)


def _scale_panel(axes: Axes, scale: dict[str, Any], title: bool) -> None:
    levels = sorted(scale["distribution"], key=int)
    labels = scale.get("labels") or {}
    counts = [scale["distribution"][level] for level in levels]
    names = [_wrap(f"{level}  {labels.get(level, '')}".strip(), 34) for level in levels]
    positions = range(len(levels))
    colours = [SEQUENTIAL[min(int(level), 5) - 1] if int(level) >= 1 else GRID for level in levels]
    axes.barh(positions, counts, color=colours, height=0.72)
    axes.set_yticks(list(positions), names)
    axes.invert_yaxis()
    top = max(counts + [1])
    axes.set_xlim(0, top * 1.12 + 0.3)
    # The default locator is an AutoLocator (a MaxNLocator); the stubs type it as the base Locator.
    axes.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    for position, count in zip(positions, counts, strict=True):
        axes.text(count + top * 0.015, position, str(count), va="center", color=TEXT)
    _tidy(axes)
    details = [f"n = {scale['n']}"]
    if scale.get("mean") is not None:
        details.append(f"gemiddelde {number(scale['mean'], 2)}")
    if scale.get("median") is not None:
        details.append(f"mediaan {number(scale['median'])}")
    details.append(f"ontbrekend {scale.get('missing', 0)}")
    if title:  # wrapped narrower than the figure: the title starts where the bars start
        axes.set_title(_wrap(scale.get("text", ""), 60), loc="left", fontsize=9,
                       fontweight="bold", color=TEXT)
    # Without a title the sentence beside the chart gives n, mean and median already.
    axes.set_xlabel("aantal antwoorden" + ("  ·  " + "  ·  ".join(details) if title else ""),
                    color=MUTED, fontsize=8)


def bar_chart_png(categories: list[str], series: Mapping[str, Sequence[float | None]], *,
                  xlabel: str = "", max_value: float | None = None,
                  width_cm: float = 16.0, legend_columns: int | None = None,
                  colours: dict[str, str] | None = None) -> bytes | None:
    """Grouped horizontal bars, e.g. the self-assessment beside the committee's score.

    ``series`` maps a legend label to one value per category (None for no value); ``colours`` fixes
    a label's colour, so that it means the same in every chart whatever series come before it.
    """
    if not categories or not series:
        return None
    names = [_wrap(category, 30) for category in categories]
    rows = len(categories)
    band = 0.8 / len(series)
    height = 0.45 + rows * (0.18 + 0.2 * len(series)) + 0.3
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(width_cm * CM, height), layout="constrained")
        axes = figure.subplots()
        values_seen = []
        for index, (label, values) in enumerate(series.items()):
            offsets = [row - 0.4 + band * (index + 0.5) for row in range(rows)]
            plotted = [value or 0 for value in values]
            values_seen += plotted
            axes.barh(offsets, plotted, height=band * 0.9, label=label,
                      color=(colours or {}).get(label, QUALITATIVE[index % len(QUALITATIVE)]))
            for offset, value in zip(offsets, values, strict=False):
                if value is not None:
                    axes.text(value, offset, f" {number(value)}", va="center", color=TEXT,
                              fontsize=7.5)
        axes.set_yticks(list(range(rows)), names)
        axes.invert_yaxis()
        axes.set_xlim(0, (max_value or max(values_seen + [1])) * 1.08)
        axes.set_xlabel(xlabel, color=MUTED)
        _tidy(axes)
        figure.legend(loc="outside upper center", ncols=legend_columns or len(series),  # see stacked_bar_png
                      frameon=False)
        return _png(figure)


def stacked_bar_png(categories: list[str], segments: dict[str, list[float]], *,
                    xlabel: str = "", colours: list[str] | None = None,
                    width_cm: float = 16.0) -> bytes | None:
    """Horizontal stacked bars: one bar per category, one segment per key of ``segments``.

    Meant for ordinal distributions (levels 1-5), hence the sequential palette by default;
    counts are printed inside segments that are wide enough to hold them.
    """
    if not categories or not segments or not any(sum(v) for v in segments.values()):
        return None
    colours = colours or (SEQUENTIAL if len(segments) <= 5 else QUALITATIVE)
    names = [_wrap(category, 30) for category in categories]
    totals = [sum(values) for values in zip(*segments.values(), strict=False)]
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(width_cm * CM, 0.9 + 0.36 * len(categories)),
                        layout="constrained")
        axes = figure.subplots()
        left = [0.0] * len(categories)
        for index, (label, values) in enumerate(segments.items()):
            colour = colours[index % len(colours)]
            axes.barh(range(len(names)), values, left=left, height=0.66, label=label,
                      color=colour)
            dark = index >= 3 if colours is SEQUENTIAL else True
            for row, value in enumerate(values):
                if value and value >= max(totals) * 0.05:
                    axes.text(left[row] + value / 2, row, number(value), ha="center",
                              va="center", fontsize=7.5, color="white" if dark else TEXT)
            left = [a + b for a, b in zip(left, values, strict=False)]
        axes.set_yticks(list(range(len(names))), names)
        axes.invert_yaxis()
        axes.set_xlabel(xlabel, color=MUTED)
        locator = axes.xaxis.get_major_locator()
        if isinstance(locator, MaxNLocator):  # matplotlib's default AutoLocator is one
            locator.set_params(integer=True)  # counts of municipalities
        _tidy(axes)
        # Centred on the figure, not on the axes: the category labels push the axes to the right,
        # and a legend centred on them ran off the page.
        figure.legend(loc="outside upper center", ncols=min(len(segments), 5), frameon=False)
        return _png(figure)
