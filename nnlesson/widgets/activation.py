"""activation_explorer: several activations at once, their slopes, and the numbers to read off.

The slope panel is the one that matters for learning: a gradient passing back through f
is multiplied by f'(z). The readout says how large that factor can get over the range.
"""
from __future__ import annotations

import html
import math

import ipywidgets as widgets

from .. import activations
from ..curves import CURVE_ACTIVATIONS, at, curve
from ..plots.activation_curves import CurvesFigure
from .explorer import Explorer, figure_image, slider

CELL = 'style="padding: 2px 8px; text-align: right"'


def _alpha(name: str, leaky_slope: float, elu_alpha: float) -> float | None:
    return {"leaky_relu": leaky_slope, "elu": elu_alpha}.get(name)


def _fmt(value: float) -> str:
    return "&infin;" if value == math.inf else "&minus;&infin;" if value == -math.inf else f"{value:.3g}"


class ActivationExplorer(Explorer):
    """Tick activations; choose the z range, the Leaky ReLU slope, the ELU alpha and a z to read off."""

    def __init__(self, shown=("sigmoid", "tanh", "relu"), z_range=(-5.0, 5.0), z=1.0,
                 leaky_slope=0.1, elu_alpha=1.0):
        controls = {name: widgets.Checkbox(value=name in shown, description=name, indent=False,
                                           layout=widgets.Layout(width="110px"))
                    for name in CURVE_ACTIVATIONS}
        controls["z_range"] = widgets.FloatRangeSlider(
            value=z_range, min=-10, max=10, step=0.5, description="z range", continuous_update=True,
            style={"description_width": "initial"}, layout=widgets.Layout(width="300px"))
        controls["z"] = slider("z", z, -10, 10)
        controls["leaky_slope"] = slider("Leaky ReLU slope α", leaky_slope, 0, 0.5, step=0.01)
        controls["elu_alpha"] = slider("ELU α", elu_alpha, 0, 3)
        self.readout = widgets.HTML()
        self.readout.add_class("nnlesson-result")
        self.plot = CurvesFigure()
        self.image = figure_image()
        boxes = widgets.GridBox([controls[name] for name in CURVE_ACTIVATIONS],
                                layout=widgets.Layout(grid_template_columns="repeat(5, 115px)"))
        sliders = widgets.VBox([controls[key] for key in ("z_range", "z", "leaky_slope", "elu_alpha")])
        super().__init__(controls, [widgets.HBox([boxes, sliders], layout=widgets.Layout(flex_flow="row wrap")),
                                    self.readout,
                                    widgets.HBox([self.image])])
        self.add_class("nnlesson-activation")

    def compute(self, z_range, z, leaky_slope, elu_alpha, **ticked) -> dict:
        names = [name for name in CURVE_ACTIVATIONS if ticked[name]]
        if not names:
            raise ValueError("activation_explorer: tick at least one activation to plot")
        low, high = z_range
        curves, rows = [], {}
        for name in names:
            f = activations.get(name, alpha=_alpha(name, leaky_slope, elu_alpha))
            c = curve(f, low, high)
            value, slope = at(f, z)
            curves.append(c)
            rows[name] = {"range": f.output_range, "min": c.output_min, "max": c.output_max,
                          "max_slope": c.max_slope, "max_slope_at": c.max_slope_at, "value": value, "slope": slope}
        return {"shown": tuple(names), "low": low, "high": high, "z": z, "rows": rows, "curves": curves}

    def show(self, result: dict) -> None:
        self.readout.value = readout_html(result)
        points = {name: (row["value"], row["slope"]) for name, row in result["rows"].items()}
        self.plot.update(result["curves"], result["z"], points)
        self.image.value = self.plot.live.png()


def readout_html(result: dict) -> str:
    """One row per activation: ranges, the largest slope over the range, value and slope at z."""
    z = result["z"]
    head = "".join(f"<th {CELL}>{h}</th>" for h in (
        "f", "output range", f"outputs for z in [{result['low']:g}, {result['high']:g}]",
        "largest slope there", f"f({z:g})", f"f'({z:g})"))
    body = "".join(
        f"<tr><td {CELL}>{html.escape(name)}</td>"
        f"<td {CELL}>{_fmt(r['range'][0])} to {_fmt(r['range'][1])}</td>"
        f"<td {CELL}>[{r['min']:.3f}, {r['max']:.3f}]</td>"
        f"<td {CELL}>{r['max_slope']:.3f} at z = {r['max_slope_at']:.2f}</td>"
        f"<td {CELL}><b>{r['value']:.3f}</b></td><td {CELL}><b>{r['slope']:.3f}</b></td></tr>"
        for name, r in result["rows"].items())
    return (f'<table style="border-collapse: collapse; font-family: monospace; font-size: 13px">'
            f"<tr>{head}</tr>{body}</table>"
            '<div style="color:#555">Each activation adds 0 parameters: it only bends z.</div>')


def activation_explorer(**kwargs) -> ActivationExplorer:
    """Build the activation explorer; keyword arguments set the ticked names, z range, z and alphas."""
    return ActivationExplorer(**kwargs)
