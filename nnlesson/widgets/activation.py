"""activation_explorer: several activations at once, their slopes, and the numbers to read off.

The slope panel is the one that matters for learning: a gradient passing back through f
is multiplied by f'(z). The readout says how large that factor can get over the range.
"""
from __future__ import annotations

import html
import math

import ipywidgets as widgets

from ..activation import CURVE_ACTIVATIONS, Comparison, compare
from ..plots.activation import CurvesFigure
from .controls import MAX_WIDTH, STYLE, ArgumentError, checkbox, column, dropdown, number, slider, wrap_row
from .explorer import Explorer, learner_facing
from .html import lines, muted, table


def _fmt(value: float) -> str:
    return "&infin;" if value == math.inf else "&minus;&infin;" if value == -math.inf else f"{value:.3g}"


class ActivationExplorer(Explorer):
    """Tick activations; choose the z range, the Leaky ReLU slope, the ELU alpha and a z to read off."""

    def __init__(self, shown=("sigmoid", "tanh", "relu"), z_range=(-5.0, 5.0), z=1.0,
                 leaky_slope=0.1, elu_alpha=1.0):
        shown = (shown,) if isinstance(shown, str) else tuple(shown)
        for name in shown:
            if name not in CURVE_ACTIVATIONS:
                dropdown("shown", CURVE_ACTIVATIONS, name, argument="shown")  # refuses it, naming the choices
        if isinstance(z_range, (str, bytes)) or not hasattr(z_range, "__len__") or len(z_range) != 2:
            raise ArgumentError("z_range", z_range, "z_range takes two numbers, low and high: (-5, 5)")
        low, high = (number("z_range", end) for end in z_range)
        controls = {name: checkbox(name, name in shown) for name in CURVE_ACTIVATIONS}
        controls["z_range"] = widgets.FloatRangeSlider(
            value=(low, high), min=min(-10, low), max=max(10, high), step=0.5, description="z range",
            continuous_update=True, readout_format=".1f", style=STYLE,
            layout=widgets.Layout(width="100%", max_width=MAX_WIDTH))
        controls["z"] = slider("z", z, -10, 10, argument="z")
        controls["leaky_slope"] = slider("Leaky ReLU slope α", leaky_slope, 0, 0.5, step=0.01, argument="leaky_slope")
        controls["elu_alpha"] = slider("ELU α", elu_alpha, 0, 3, argument="elu_alpha")
        self.plot = CurvesFigure()
        boxes = widgets.GridBox([controls[name] for name in CURVE_ACTIVATIONS],
                                layout=widgets.Layout(grid_template_columns="repeat(auto-fill, minmax(125px, 1fr))",
                                                      flex="2 1 380px", min_width="220px", margin="0 20px 6px 0"))
        sliders = column("", *(controls[key] for key in ("z_range", "z", "leaky_slope", "elu_alpha")))
        super().__init__(controls, [self.plot], wrap_row([boxes, sliders]))
        self.add_class("nnlesson-activation")

    def compute(self, z_range, z, leaky_slope, elu_alpha, **ticked) -> Comparison:
        names = [name for name in CURVE_ACTIVATIONS if ticked[name]]
        if not names:
            raise ValueError("Tick at least one activation to see its curve and its slope.")
        low, high = z_range
        if low >= high:
            raise ValueError(f"The z range needs a low end below its high end (both are at {low:g} now): "
                             "drag the two handles apart.")
        return compare(names, low, high, z, leaky_slope, elu_alpha)

    def draw(self, result: Comparison) -> str:
        points = {name: (r.value, r.slope) for name, r in result.readings.items()}
        self.plot.update(result.curves, result.z, points)
        return readout_html(result)


def readout_html(result: Comparison) -> str:
    """One row per activation: ranges, the largest slope over the range, value and slope at z."""
    z = result.z
    header = ("f", "output range", f"outputs for z in [{result.low:g}, {result.high:g}]", "largest slope there",
              f"f({z:g})", f"f'({z:g})")
    rows = [(html.escape(name), f"{_fmt(r.output_range[0])} to {_fmt(r.output_range[1])}",
             f"[{r.curve.output_min:.3f}, {r.curve.output_max:.3f}]",
             f"{r.curve.max_slope:.3f} at z = {r.curve.max_slope_at:.2f}",
             f"<b>{r.value:.3f}</b>", f"<b>{r.slope:.3f}</b>") for name, r in result.readings.items()]
    note = lines(muted("Each activation adds 0 parameters: it only bends z."))
    return table(header, rows, escape=False, mono=True) + note


@learner_facing
def activation_explorer(**kwargs) -> ActivationExplorer:
    """Build the activation explorer; keyword arguments set the ticked names, z range, z and alphas."""
    return ActivationExplorer(**kwargs)
