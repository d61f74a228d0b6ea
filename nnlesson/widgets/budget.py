"""budget_explorer: a dense network and a convnet with the same parameter budget, trained side by side.

Changing the training set, the filters or augmentation trains both models again (about a second
at the defaults; a progress bar counts the epochs meanwhile). Moving the test digits only measures
the trained models again, so that slider answers at once.
"""
from __future__ import annotations

import ipywidgets as widgets

from .. import digits
from ..layers.summary import format_count
from ..plots.budget import AccuracyCurvesPanel, ShiftPanel
from ..train.budget import EPOCHS, FILTER_CHOICES, MAX_SHIFT, BudgetRun, budget_run
from .controls import WIDTH, checkbox, column, slider, steps_slider, within, wrap_row
from .explorer import Explorer, learner_facing
from .html import lines, table

EXAMPLE = 0
"""The validation digit shown moved in the shift figure."""


class BudgetExplorer(Explorer):
    """Two models of about the same number of parameters on the same digits: accuracy, curves, shifts."""

    def __init__(self, n_train: int = 500, filters: int = 8, shift: int = 1, augment: bool = False):
        within("n_train", n_train, 10, 1200, "n_train takes 10 training images (one per digit) to 1,200 (all that "
               "are not held back for validation)")
        within("shift", shift, 0, MAX_SHIFT, f"the test digits move 0 to {MAX_SHIFT} pixels right")
        controls = {"n_train": slider("training images", n_train, 30, 1200, 10, integer=True, live=False,
                                      argument="n_train"),
                    "filters": steps_slider("convnet filters", FILTER_CHOICES, filters, argument="filters",
                                            others=False),
                    "augment": checkbox("augment: move training digits up to 1 pixel", augment, argument="augment"),
                    "shift": slider("move right (px)", shift, 0, MAX_SHIFT, 1, integer=True, live=True,
                                    argument="shift")}
        self.progress = widgets.IntProgress(value=0, min=0, max=2 * EPOCHS, description="training",
                                            bar_style="info", style={"description_width": "initial"},
                                            layout=widgets.Layout(width=WIDTH, max_width="340px"))
        self.status = widgets.HTML()
        self.curves, self.shifts = AccuracyCurvesPanel(), ShiftPanel()
        self._run: BudgetRun | None = None
        self._run_key: tuple | None = None
        self._curves_of: BudgetRun | None = None
        self._validation = digits.split(digits.CLASSES).X_val  # the same 597 digits for every training set
        c = controls
        view = wrap_row([column("training both: Adam, batch 32, 30 epochs", c["n_train"],
                                c["filters"], c["augment"], self.progress, self.status, basis="300px"),
                         column("test digits (no retraining)", c["shift"])])
        super().__init__(controls, [self.curves, self.shifts], view)

    def compute(self, n_train: int, filters: int, augment: bool, shift: int) -> tuple[BudgetRun, int]:
        key = (n_train, filters, augment)
        if key != self._run_key:
            self._run = budget_run(n_train, filters, augment, on_epoch=self._progressed)
            self._run_key = key  # only after training succeeded
        return self._run, shift

    def _progressed(self, name: str, epoch: int, epochs: int) -> None:
        """The training's progress callback: the bar counts both models' epochs while they train, and the last
        models' numbers and curves are dimmed meanwhile."""
        self.dim()
        self.progress.value, self.progress.bar_style = epoch + (epochs if name == "convnet" else 0), "info"
        self.progress.description = f"training {name}"
        self.status.value = "<i>Training both models&hellip;</i>"

    def update_view(self, result: tuple[BudgetRun, int]) -> None:
        """The bar full and the training time, once both models are trained."""
        run, _ = result
        seconds = run.dense.seconds + run.convnet.seconds
        self.progress.value, self.progress.bar_style, self.progress.description = 2 * EPOCHS, "success", "trained"
        self.status.value = f'<span style="font-size: 13px">Trained in {seconds:.1f} s.</span>'

    def draw(self, result: tuple[BudgetRun, int]) -> str:
        run, shift = result
        if run is not self._curves_of:  # a new training run; a new shift leaves the curves as they are
            self.curves.update(run)
            self._curves_of = run
        self.shifts.update(run, shift, digits.shift(self._validation[EXAMPLE:EXAMPLE + 1], right=shift)[0])
        return readout_html(run, shift)


def readout_html(run: BudgetRun, shift: int) -> str:
    """Both models' size and accuracies, and which one the shifted digits favour."""
    rows = []
    for trained in run.models:
        s, h = trained.summary, trained.history
        rows.append([trained.name, format_count(s.total_params), format_count(s.neurons),
                     f"{h.final_train_accuracy:.1%}", f"{h.final_val_accuracy:.1%}",
                     f"{trained.shifted_accuracy[shift]:.1%}"])
    header = ["model", "parameters", "neurons", "training", "validation", f"moved {shift} px"]
    dense, conv = (t.shifted_accuracy[shift] for t in run.models)
    gap = conv - dense
    lead = ("the convnet" if gap > 0 else "the dense network") if abs(gap) >= 0.005 else "neither model"
    verdict = (f"On digits moved {shift} pixel{'s' if shift != 1 else ''} right, <b>{lead}</b> is ahead"
               + (f" by {100 * abs(gap):.1f} percentage points." if lead != "neither model" else "."))
    augment = " moved up to 1 pixel at every step" if run.augment else ""
    return lines(f"Both trained on <b>{run.n_train} images</b>{augment}; accuracy on the 597 validation digits:",
                 table(header, rows), verdict)


@learner_facing
def budget_explorer(**kwargs) -> BudgetExplorer:
    """Build the equal-budget explorer; keyword arguments set the starting controls."""
    return BudgetExplorer(**kwargs)
