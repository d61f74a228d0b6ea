"""Read the loss curves the way a practitioner does: underfitting, a good fit, or overfitting.

Losses are compared with the *baseline*: the loss of a model that learned nothing and
always predicts the average (the mean for regression, the class frequencies for
classification). A ratio ``loss / baseline`` of 1 means "no better than guessing the
average", 0 means perfect. In those units, for the model that ``fit`` returned:

* **overfitting** when the validation loss is at least ``OVERFIT_RATIO`` times the training
  loss *and* above it by at least ``OVERFIT_GAP``: the network does far better on the points
  it trained on than on new ones. Also overfitting when the validation loss has climbed at
  least ``OVERFIT_RISE`` above its own lowest value while the training loss kept falling: the
  validation curve turned up.
* **underfitting** otherwise, when the training loss is still above ``UNDERFIT_LOSS``: the
  network cannot even fit the points it sees. Too little capacity, too much regularisation,
  too few epochs, or data too noisy to do better: the reason says which loss is high.
* **good fit** otherwise: both losses low and close together.

If training diverged, the verdict is **diverged** and the reason is fit's message: the
curves of a run that blew up say nothing about capacity.

The thresholds are rules of thumb for these toy data sets, not laws; the lesson asks the
learner to read the curves too.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .history import History

OVERFIT_RATIO = 2.0
"""Validation loss at least this many times the training loss ..."""
OVERFIT_GAP = 0.20
"""... and at least this far above it (as a fraction of the baseline) means overfitting."""
OVERFIT_RISE = 0.10
"""The validation loss this far (fraction of the baseline) above its minimum means overfitting."""
UNDERFIT_LOSS = 0.35
"""A training loss above this fraction of the baseline means underfitting."""

VERDICTS = ("underfitting", "good fit", "overfitting", "diverged")


@dataclass(frozen=True)
class Diagnosis:
    """The verdict, the reason in words, and the numbers it was read from (fractions of the baseline)."""

    verdict: str
    reason: str
    train: float      # final training loss / baseline
    val: float        # final validation loss / baseline
    best_val: float   # lowest validation loss / baseline, at any epoch


def check_history(call: str, history: object) -> History:
    """Return ``history`` if it is a training History, else raise a TypeError naming ``call`` and the rule."""
    if not isinstance(history, History):
        shown = repr(history) if len(repr(history)) <= 40 else type(history).__name__
        raise TypeError(f"{call}(history={shown}): history must be the History that train.fit returns "
                        f"(history = train.fit(model, data)), not {type(history).__name__}")
    return history


def diagnose(history: History) -> Diagnosis:
    """Underfitting, good fit or overfitting, read from the training and validation losses."""
    check_history("train.diagnose", history)
    if history.diverged:
        return Diagnosis("diverged", history.message or "training diverged", math.nan, math.nan, math.nan)
    base = history.baseline_loss if history.baseline_loss > 0 else 1.0
    train, val = history.final_train_loss / base, history.final_val_loss / base
    best_val = min(history.val_loss) / base
    numbers = f"training loss {_share(train)} of the baseline, validation loss {_share(val)}"
    if val >= OVERFIT_RATIO * train and val - train >= OVERFIT_GAP:
        verdict = "overfitting"
        reason = (f"the validation loss is {_times(val, train)} the training loss ({numbers}): "
                  "the network fits its training points far better than new ones")
    elif val - best_val >= OVERFIT_RISE and train < history.train_loss[history.best_epoch] / base:
        verdict = "overfitting"
        reason = (f"the validation loss climbed from {_share(best_val)} to {_share(val)} of the baseline "
                  f"after epoch {history.best_epoch} while training went on: the curve turned up")
    elif train > UNDERFIT_LOSS:
        verdict = "underfitting"
        reason = (f"both losses are high ({numbers}): the network cannot even fit the points it "
                  "trains on; it needs more capacity, less regularisation or more epochs "
                  "(or the data are too noisy to do better)")
    else:
        verdict = "good fit"
        reason = f"both losses are low and close together ({numbers})"
    return Diagnosis(verdict, reason, train, val, best_val)


def _share(fraction: float) -> str:
    """A fraction of the baseline as a percentage, with a decimal when it is small."""
    return f"{fraction:.1%}" if fraction < 0.1 else f"{fraction:.0%}"


def _times(a: float, b: float) -> str:
    if b <= 0 or a / b >= 100:
        return "far above"
    return f"{a / b:.1f} times"
