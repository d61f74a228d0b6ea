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

import matplotlib
import numpy as np
from matplotlib.artist import Artist
from matplotlib.colors import LinearSegmentedColormap, ListedColormap, to_rgb, to_rgba
from matplotlib.lines import Line2D
from matplotlib.legend_handler import HandlerTuple
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

from ..data import Dataset
from ..train.history import History
from ..train.surface import Surface
from .panel import Panel, WholePanel
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


REGION_HATCHES = ("", HATCH, "\\\\\\", "...", "xxx", "---", "+++", "ooo")
"""Class k's region is hatched with pattern k: regions differ by more than their pale colour."""


class PredictionPanel(WholePanel):
    """The data (training filled, validation hollow) over what the model predicts.

    The frame (limits, labels, legend) is drawn once per data set; the regions or the curve, the
    points and the title move on top of it, so retraining or replaying an epoch redraws only those.
    """


    rc = {**RC, "hatch.color": to_rgba(class_look(1)["color"], 0.45), "hatch.linewidth": 0.8}

    def __init__(self):
        super().__init__()
        with matplotlib.rc_context(self.rc):
            self.image = self.axes.imshow(np.zeros((2, 2)), origin="lower", extent=(0, 1, 0, 1), aspect="auto")
            self.fills: Artist = self.axes.plot([], [])[0]  # hatched regions: a ContourSet once there is one
            self.boundary: Artist = self.axes.plot([], [])[0]
            self.curve = self.axes.plot([], [], color=PALETTE["black"], linewidth=2, zorder=3)[0]
            self.title = self.axes.set_title(" ", y=1.02)
        self.points: list[Line2D] = []
        self.live.animate(self.image, self.fills, self.boundary, self.curve)
        self._frame_key: tuple | None = None

    def update(self, data: Dataset, s: Surface, title: str) -> None:
        """Show ``data`` and the model's predictions ``s``; the frame is redrawn only when it changed."""
        key = (_frame_key(data, s), title)
        if key != self._frame_key:
            self._frame_key = key
            with matplotlib.rc_context(self.rc):
                (_frame_curve if s.kind == "curve" else _frame_regions)(self.axes, data, s)
            self.title.set_text(title)
            self.live.invalidate(frame=key)  # a frame seen before (arrow keys back and forth) is not drawn again
        self._show_points(data, s.kind)
        self._show_prediction(data, s)

    def _point_lines(self, count: int) -> list[Line2D]:
        """``count`` empty lines for points, drawn after the regions (made as needed, never removed)."""
        while len(self.points) < count:
            line = self.axes.plot([], [], linestyle="none")[0]
            self.points.append(line)
            self.live.animate(line)
        for line in self.points[count:]:
            line.set_data([], [])
        return self.points[:count]

    def _show_points(self, data: Dataset, kind: str) -> None:
        """Training points filled, validation points hollow; classes differ by colour and marker."""
        if kind == "curve":
            train, val = self._point_lines(2)
            train.set(data=(data.X_train[:, 0], data.y_train), **CURVE_TRAIN)
            val.set(data=(data.X_val[:, 0], data.y_val), **CURVE_VAL)
            return
        lines = self._point_lines(2 * max(data.n_classes, 2))
        for k in range(len(lines) // 2):
            look = {**class_look(k), "markersize": 6, "alpha": 1.0}
            train, val = data.y_train == k, data.y_val == k
            lines[2 * k].set(data=(data.X_train[train, 0], data.X_train[train, 1]), markeredgecolor=PALETTE["black"],
                             markerfacecolor=look["color"], markeredgewidth=0.5, **look)
            lines[2 * k + 1].set(data=(data.X_val[val, 0], data.X_val[val, 1]), markerfacecolor="none",
                                 markeredgecolor=look["color"], markeredgewidth=1.2, **look)

    def _show_prediction(self, data: Dataset, s: Surface) -> None:
        """The fitted curve, or the regions with their hatching and the boundary."""
        self.curve.set_data((s.xs, s.values) if s.kind == "curve" else ([], []))
        self.image.set_visible(s.kind != "curve")
        fills = boundary = None
        if s.kind != "curve":
            n_classes = max(data.n_classes, 2)
            extent = (s.xs[0], s.xs[-1], s.ys[0], s.ys[-1])
            self.image.set(data=s.values, extent=extent, **_region_look(s.kind, n_classes))
            with matplotlib.rc_context(self.rc if s.kind == "probability" else {**self.rc, "hatch.color": HATCH_GREY}):
                if s.kind == "probability":
                    fills = self.axes.contourf(s.xs, s.ys, s.values, levels=[0.5, 1.0], colors="none", hatches=[HATCH])
                    levels = [0.5]
                else:
                    levels = np.arange(n_classes) - 0.5
                    hatches = [REGION_HATCHES[k % len(REGION_HATCHES)] for k in range(n_classes)]
                    fills = self.axes.contourf(s.xs, s.ys, s.values, levels=[*levels, n_classes - 0.5], colors="none",
                                               hatches=hatches)
                    levels = levels[1:]
                boundary = self.axes.contour(s.xs, s.ys, s.values, levels=levels, colors=PALETTE["black"],
                                             linewidths=1.5)
        self.fills = self._swap(self.fills, fills)
        self.boundary = self._swap(self.boundary, boundary)

    def _swap(self, old: Artist, new: Artist | None) -> Artist:
        """Put ``new`` (or an empty line) where ``old`` was drawn, and take ``old`` off the axes."""
        new = new if new is not None else Line2D([], [])
        self.live.replace(old, new)
        old.remove()
        if new.axes is None:
            self.axes.add_line(new)
        return new


HATCH_GREY = to_rgba(PALETTE["black"], 0.3)
CURVE_TRAIN = {"marker": "o", "markersize": 5, "color": PALETTE["blue"], "markerfacecolor": PALETTE["blue"],
               "markeredgecolor": PALETTE["blue"], "alpha": 1.0}
CURVE_VAL = {"marker": "s", "markersize": 5, "color": PALETTE["vermillion"], "markerfacecolor": "none",
             "markeredgecolor": PALETTE["vermillion"], "alpha": 0.7}


def _frame_key(data: Dataset, s: Surface) -> tuple:
    """Everything the frame depends on: the kind of picture, the classes, the limits, the legend's counts."""
    limits = (s.xs[0], s.xs[-1]) + ((s.ys[0], s.ys[-1]) if s.ys is not None else _curve_ylim(data))
    return s.kind, data.n_classes, data.n_train, data.n_val, tuple(round(float(v), 9) for v in limits)


def _region_look(kind: str, n_classes: int) -> dict:
    """Colour map, range and smoothing of the region image: shades of P(class 1), or one pale colour per class."""
    if kind == "probability":
        shades = LinearSegmentedColormap.from_list(
            "p_class_1", [_pale(class_look(0)["color"]), (1, 1, 1), _pale(class_look(1)["color"])])
        return {"cmap": shades, "clim": (0, 1), "interpolation": "bilinear"}
    regions = ListedColormap([_pale(class_look(k)["color"]) for k in range(n_classes)])
    return {"cmap": regions, "clim": (-0.5, n_classes - 0.5), "interpolation": "nearest"}


def _curve_ylim(data: Dataset) -> tuple[float, float]:
    """The targets with a quarter of their range as room: a wild curve may leave the frame, the points stay."""
    values = np.concatenate([data.y_train, data.y_val])
    low, high = float(values.min()), float(values.max())
    pad = 0.25 * (high - low if high > low else 1.0)
    return low - pad, high + pad


def _frame_curve(ax, data: Dataset, s: Surface) -> None:
    ax.set_ylim(*_curve_ylim(data))
    ax.set_xlim(s.xs[0], s.xs[-1])
    ax.set_xlabel("input x")
    ax.set_ylabel("target y")
    ax.grid(True)
    handles = [Line2D([], [], linestyle="none", label=f"training points ({data.n_train})", **CURVE_TRAIN),
               Line2D([], [], linestyle="none", label=f"validation points ({data.n_val})", **CURVE_VAL),
               Line2D([], [], color=PALETTE["black"], linewidth=2, label="network's prediction")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, fontsize=8, frameon=False)


def _frame_regions(ax, data: Dataset, s: Surface) -> None:
    ax.set_xlim(s.xs[0], s.xs[-1])
    ax.set_ylim(s.ys[0], s.ys[-1])
    ax.set_xlabel("input $x_1$")
    ax.set_ylabel("input $x_2$")
    ax.grid(False)
    handles, labels = _legend(max(data.n_classes, 2), s.kind)
    ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, fontsize=8, frameon=False,
              handler_map={tuple: HandlerTuple(ndivide=None)})


def _legend(n_classes: int, kind: str) -> tuple[list, list[str]]:
    """Two classes: each class's filled and hollow marker and the hatched class-1 side. More classes:
    one entry per class (its region's colour and hatch with its marker), then what hollow means."""
    handles, labels = [], []
    if kind == "probability":
        for k in range(n_classes):
            look = {**class_look(k), "linestyle": "none"}
            handles += [Line2D([], [], markeredgecolor=PALETTE["black"], markeredgewidth=0.5, **look),
                        Line2D([], [], markerfacecolor="none", **look)]
            labels += [f"class {k}, training", f"class {k}, validation"]
        handles.append(Patch(facecolor=_pale(class_look(1)["color"]), hatch=HATCH, edgecolor="none"))
        labels.append("network says class 1")
    else:
        for k in range(n_classes):
            region = Patch(facecolor=_pale(class_look(k)["color"]), hatch=REGION_HATCHES[k % len(REGION_HATCHES)],
                           edgecolor=HATCH_GREY, linewidth=0)
            marker = Line2D([], [], linestyle="none", markeredgecolor=PALETTE["black"], markeredgewidth=0.5,
                            **class_look(k))
            handles.append((region, marker))
            labels.append(f"class {k}: its points, its region")
        handles.append(Line2D([], [], linestyle="none", marker="o", markerfacecolor="none", color=PALETTE["black"]))
        labels.append("hollow: validation points")
    handles.append(Line2D([], [], color=PALETTE["black"], linewidth=1.5))
    labels.append("decision boundary")
    return handles, labels


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
    """Both loss curves on a log scale, with the best epoch, any stop and the shown epoch marked.

    The frame (limits, legend) stays while the curves move over it; ``mark`` moves only the shown
    epoch, which is all a replay needs.
    """

    def __init__(self):
        super().__init__()
        ax = self.axes
        with matplotlib.rc_context(self.rc):
            self.ahead = [ax.plot([], [], **{**look, "alpha": 0.25})[0] for look in (TRAIN, VAL)]
            self.train, self.val = (ax.plot([], [], **look)[0] for look in (TRAIN, VAL))
            self.baseline = ax.axhline(1.0, **BASELINE)
            self.best = ax.plot([], [], **BEST)[0]
            self.stop = ax.axvline(0.0, **STOP)
            self.now = ax.axvline(0.0, **NOW)
            self.dots = ax.plot([], [], **DOTS)[0]
            self.title = ax.set_title(" ", y=1.02)
        self.live.animate(*self.ahead, self.baseline, self.train, self.val, self.best, self.stop, self.now, self.dots)
        self._frame_key: tuple | None = None
        self._history: History | None = None

    def update(self, history: History, epochs: int, title: str, epoch: int | None = None) -> None:
        """Draw ``history``; with ``epoch``, the curves up to it solid, the rest faint, and that epoch marked."""
        h = history
        key = (_loss_limits(h), max(epochs, 1), h.loss, h.stopped_epoch is not None, h.diverged, epoch is not None,
               title)
        if key != self._frame_key:
            self._frame_key = key
            with matplotlib.rc_context(self.rc):
                _frame(self.axes, h, epochs, epoch is not None)
            self.title.set_text(title)
            self.live.invalidate(frame=key)
        self._history = h
        self.baseline.set_ydata([h.baseline_loss] * 2)
        best = h.best_epoch
        self.best.set_data([best], [h.val_loss[best]])
        self.stop.set_visible(h.stopped_epoch is not None)
        self.stop.set_xdata([h.stopped_epoch or 0] * 2)
        self.mark(h.epochs_run if epoch is None else epoch, shown=epoch is not None)

    def mark(self, epoch: int, shown: bool = True) -> None:
        """Curves solid up to ``epoch`` (faint after it) and a marker there: a replay's only change."""
        h = self._history
        x = np.arange(len(h.train_loss))
        cut = min(epoch, h.epochs_run) + 1
        for line, ahead, values in ((self.train, self.ahead[0], h.train_loss), (self.val, self.ahead[1], h.val_loss)):
            line.set_data(x[:cut], values[:cut])
            ahead.set_data(x[cut - 1:], values[cut - 1:])
        self.now.set_visible(shown)
        self.dots.set_visible(shown)
        self.now.set_xdata([cut - 1] * 2)
        self.dots.set_data([cut - 1] * 2, [h.train_loss[cut - 1], h.val_loss[cut - 1]])


BASELINE = {"color": PALETTE["grey"], "linestyle": ":", "linewidth": 1.2}
BEST = {"marker": "*", "markersize": 14, "linestyle": "none", "color": PALETTE["vermillion"],
        "markeredgecolor": PALETTE["black"]}
STOP = {"color": PALETTE["black"], "linestyle": "-.", "linewidth": 1.2}
NOW = {"color": PALETTE["black"], "linestyle": "-", "linewidth": 1.0, "alpha": 0.6}
DOTS = {"marker": "o", "markersize": 7, "linestyle": "none", "markerfacecolor": "white",
        "markeredgecolor": PALETTE["black"], "markeredgewidth": 1.5}
STEPS_125 = (1.0, 2.0, 5.0)


def _loss_limits(h: History) -> tuple[float, float]:
    """The y range: the losses and the baseline, widened to 1, 2 or 5 times a power of ten, so that
    most retrainings keep the same frame."""
    values = np.array(h.train_loss + h.val_loss + [h.baseline_loss])
    low, high = max(float(values.min()), 1e-6) / 1.5, float(values.max()) * 1.5
    return _round_125(low, down=True), _round_125(high, down=False)


def _round_125(value: float, down: bool) -> float:
    """The nearest 1, 2 or 5 times a power of ten below (``down``) or above ``value``."""
    power = 10.0 ** math.floor(math.log10(value))
    candidates = [step * power * scale for scale in (0.1, 1.0, 10.0) for step in STEPS_125]
    return max(c for c in candidates if c <= value) if down else min(c for c in candidates if c >= value)


def _frame(ax, h: History, epochs: int, shown: bool) -> None:
    """Limits, labels and the legend: what stays while the curves move."""
    _log_axis(ax.yaxis, *_loss_limits(h))
    ax.set_xlim(0, max(epochs, 1))
    ax.set_xlabel("epoch (passes over the training set)")
    ax.set_ylabel(f"loss ({h.loss}, log scale)")
    handles = [Line2D([], [], **TRAIN), Line2D([], [], **VAL), Line2D([], [], **BASELINE), Line2D([], [], **BEST)]
    labels = ["training loss", "validation loss", "baseline (learned nothing)", "best epoch (lowest validation)"]
    if h.stopped_epoch is not None:
        handles.append(Line2D([], [], **STOP))
        labels.append("diverged" if h.diverged else "early stop")
    if shown:
        handles.append(Line2D([], [], **{**NOW, "marker": "o", "markerfacecolor": "white",
                                          "markeredgecolor": PALETTE["black"]}))
        labels.append("shown epoch")
    ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, fontsize=8, frameon=False,
              columnspacing=1.0, handlelength=1.8)
