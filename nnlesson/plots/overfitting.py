"""The overfitting explorer's figures: what the network learned, and its two loss curves.

``PredictionPanel``: the fitted curve (1-D regression) or the decision regions (2-D). Training
points are filled, validation points hollow; classes differ by colour *and* marker, and the
region the network calls class 1 is shaded *and* hatched, so nothing depends on colour alone.

``LossCurvesPanel``: training and validation loss per epoch on a log scale, read to tell
underfitting from overfitting. The best epoch (lowest validation loss) is starred; where early
stopping or divergence ended training, a vertical line says so. A dotted line marks the
baseline, the loss of a model that learned nothing, so "high" and "low" have a reference.
"""
from __future__ import annotations

import math

import numpy as np
from matplotlib.colors import LinearSegmentedColormap, ListedColormap, to_rgb, to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

from ..data import Dataset
from ..train.history import History
from ..train.surface import Surface
from .panel import Panel
from .style import CLASS_LOOKS, MARKERS, PALETTE, RC


EXTRA_COLOURS = (PALETTE["green"], PALETTE["orange"], PALETTE["purple"], PALETTE["sky"])
HATCH = "///"


def class_look(k: int) -> dict:
    """Colour and marker of class k: the shared two-class looks first, then more Okabe-Ito colours."""
    if k < len(CLASS_LOOKS):
        return {"color": CLASS_LOOKS[k]["color"], "marker": CLASS_LOOKS[k]["marker"]}
    return {"color": EXTRA_COLOURS[(k - 2) % len(EXTRA_COLOURS)], "marker": MARKERS[k % len(MARKERS)]}


def _pale(colour: str, amount: float = 0.25) -> tuple[float, float, float]:
    """``colour`` mixed with white, ``amount`` of the colour: a background points stand out on."""
    return tuple(amount * np.array(to_rgb(colour)) + (1 - amount))


class PredictionPanel(Panel):
    """The data (training filled, validation hollow) over what the model predicts."""

    rc = {**RC, "hatch.color": to_rgba(class_look(1)["color"], 0.45), "hatch.linewidth": 0.8}

    def update(self, data: Dataset, s: Surface, title: str) -> None:
        self.redraw(lambda ax: (_draw_curve if s.kind == "curve" else _draw_regions)(ax, data, s), title)


def _draw_curve(ax, data: Dataset, s: Surface) -> None:
    ax.plot(data.X_train[:, 0], data.y_train, linestyle="none", marker="o", markersize=5,
            color=PALETTE["blue"], label=f"training points ({data.n_train})")
    ax.plot(data.X_val[:, 0], data.y_val, linestyle="none", marker="s", markersize=5,
            markerfacecolor="none", color=PALETTE["vermillion"], alpha=0.7,
            label=f"validation points ({data.n_val})")
    ax.plot(s.xs, s.values, color=PALETTE["black"], linewidth=2, label="network's prediction")
    values = np.concatenate([data.y_train, data.y_val])
    low, high = float(values.min()), float(values.max())
    pad = 0.25 * (high - low if high > low else 1.0)
    ax.set_ylim(low - pad, high + pad)  # a wild curve may leave the frame; the points stay in view
    ax.set_xlim(s.xs[0], s.xs[-1])
    ax.set_xlabel("input x")
    ax.set_ylabel("target y")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, fontsize=8, frameon=False)


def _draw_regions(ax, data: Dataset, s: Surface) -> None:
    extent = (s.xs[0], s.xs[-1], s.ys[0], s.ys[-1])
    n_classes = max(data.n_classes, 2)
    if s.kind == "probability":
        shades = LinearSegmentedColormap.from_list(
            "p_class_1", [_pale(class_look(0)["color"]), (1, 1, 1), _pale(class_look(1)["color"])])
        ax.imshow(s.values, origin="lower", extent=extent, aspect="auto", cmap=shades, vmin=0, vmax=1,
                  interpolation="bilinear")
        ax.contourf(s.xs, s.ys, s.values, levels=[0.5, 1.0], colors="none", hatches=[HATCH])
        ax.contour(s.xs, s.ys, s.values, levels=[0.5], colors=PALETTE["black"], linewidths=1.5)
    else:
        regions = ListedColormap([_pale(class_look(k)["color"]) for k in range(n_classes)])
        ax.imshow(s.values, origin="lower", extent=extent, aspect="auto", cmap=regions,
                  vmin=-0.5, vmax=n_classes - 0.5, interpolation="nearest")
    for k in range(n_classes):
        look = {**class_look(k), "linestyle": "none", "markersize": 6}
        train, val = data.y_train == k, data.y_val == k
        ax.plot(data.X_train[train, 0], data.X_train[train, 1], markeredgecolor=PALETTE["black"],
                markeredgewidth=0.5, **look)
        ax.plot(data.X_val[val, 0], data.X_val[val, 1], markerfacecolor="none", markeredgewidth=1.2, **look)
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_xlabel("input $x_1$")
    ax.set_ylabel("input $x_2$")
    ax.grid(False)
    ax.legend(handles=_legend(n_classes, s.kind), loc="upper center", bbox_to_anchor=(0.5, -0.13),
              ncol=2, fontsize=8, frameon=False)


def _legend(n_classes: int, kind: str) -> list:
    handles = []
    for k in range(n_classes):
        look = {**class_look(k), "linestyle": "none"}
        handles.append(Line2D([], [], markeredgecolor=PALETTE["black"], markeredgewidth=0.5,
                              label=f"class {k}, training", **look))
        handles.append(Line2D([], [], markerfacecolor="none", label=f"class {k}, validation", **look))
    if kind == "probability":
        handles.append(Patch(facecolor=_pale(class_look(1)["color"]), hatch=HATCH, edgecolor="none",
                             label="network says class 1"))
        handles.append(Line2D([], [], color=PALETTE["black"], linewidth=1.5, label="decision boundary"))
    return handles


TRAIN = {"color": PALETTE["blue"], "linestyle": "-", "linewidth": 2}
VAL = {"color": PALETTE["vermillion"], "linestyle": "--", "linewidth": 2}


def _short(value: float, _position=None) -> str:
    """A tick label of at most four characters: 0.02, 0.5, 20, 500, and 1e-5 or 2e+6 beyond."""
    if 0.01 <= value < 1000:
        return f"{value:g}"
    mantissa, exponent = f"{value:.0e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def _log_axis(axis, low: float, high: float) -> None:
    """A log scale from ``low`` to ``high`` with short labels (0.2, 0.5, 1, 1e-5): at 1, 2 and 5
    times each power of ten when the range is short, at the powers of ten alone when it is long."""
    axis.axes.set_yscale("log")
    axis.axes.set_ylim(low, high)
    subs = (1.0, 2.0, 5.0) if math.log10(high / low) < 3 else (1.0,)
    axis.set_major_locator(LogLocator(base=10, subs=subs))
    axis.set_major_formatter(FuncFormatter(_short))
    axis.set_minor_locator(NullLocator())


class LossCurvesPanel(Panel):
    """Both loss curves on a log scale, with the best epoch and any stop marked."""

    def update(self, history: History, epochs: int, title: str) -> None:
        self.redraw(lambda ax: _draw(ax, history, epochs), title)


def _draw(ax, h: History, epochs: int) -> None:
    x = np.arange(len(h.train_loss))
    ax.plot(x, h.train_loss, label="training loss", **TRAIN)
    ax.plot(x, h.val_loss, label="validation loss", **VAL)
    ax.axhline(h.baseline_loss, color=PALETTE["grey"], linestyle=":", linewidth=1.2,
               label="baseline (learned nothing)")
    best = h.best_epoch
    ax.plot([best], [h.val_loss[best]], marker="*", markersize=14, linestyle="none",
            color=PALETTE["vermillion"], markeredgecolor=PALETTE["black"], label=f"best epoch ({best})")
    if h.stopped_epoch is not None:
        what = "diverged" if h.diverged else "early stop"
        ax.axvline(h.stopped_epoch, color=PALETTE["black"], linestyle="-.", linewidth=1.2,
                   label=f"{what} (epoch {h.stopped_epoch})")
    values = np.array(h.train_loss + h.val_loss + [h.baseline_loss])
    low, high = max(float(values.min()), 1e-6), float(values.max())
    _log_axis(ax.yaxis, low / 1.5, high * 1.5)
    ax.set_xlim(0, max(epochs, 1))
    ax.set_xlabel("epoch (passes over the training set)")
    ax.set_ylabel(f"loss ({h.loss}, log scale)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, fontsize=8, frameon=False)
