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
* **not learning** when the training loss is at or above the baseline: the network does no better
  than always predicting the average, so its size is not the question; the steps (learning rate) or
  the input scale are.
* **underfitting** otherwise, when the training loss is still above ``UNDERFIT_LOSS``: the
  network cannot even fit the points it sees. Too little capacity, too much regularisation,
  too few epochs, or data too noisy to do better: the reason says which loss is high.
* **good fit** otherwise: both losses low, the validation loss not far above the training loss.

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
OVERFIT_GAP = 0.15
"""... and at least this far above it (as a fraction of the baseline) means overfitting."""
OVERFIT_RISE = 0.10
"""The validation loss this far (fraction of the baseline) above its minimum means overfitting."""
UNDERFIT_LOSS = 0.35
"""A training loss above this fraction of the baseline means underfitting."""
NOT_LEARNING_LOSS = 1.01
"""A training loss at or above the baseline means the network is not learning (1% over it, so that a network held
at exactly the average by a strong weight decay, a hair under the baseline or over it by rounding, reads as
underfitting)."""

VERDICTS = ("underfitting", "good fit", "overfitting", "diverged", "not learning")


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
    """Underfitting, good fit or overfitting (or not learning, or diverged), read from the training and validation
    losses."""
    check_history("train.diagnose", history)
    if history.diverged:
        return Diagnosis("diverged", history.message or "training diverged", math.nan, math.nan, math.nan)
    base = history.baseline_loss if history.baseline_loss > 0 else 1.0
    train, val = history.final_train_loss / base, history.final_val_loss / base
    best_val = min(history.val_loss) / base
    numbers = f"training loss {_share(train)} of the baseline, validation loss {_share(val)}"
    if train >= NOT_LEARNING_LOSS:
        verdict = "not learning"
        reason = (f"the training loss is {_share(train)} of the baseline, no lower than always predicting the "
                  "average: the network is not learning at all, so more or less capacity would not help. Try a "
                  "smaller learning rate, or inputs scaled to about -1 to 1")
    elif val >= OVERFIT_RATIO * train and val - train >= OVERFIT_GAP:
        verdict = "overfitting"
        reason = (f"the validation loss is {_times(val, train)} the training loss ({numbers}): "
                  "the network fits its training points far better than new ones")
    elif turned_up(history):
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
        apart = ("close together" if val < OVERFIT_RATIO * train else
                 f"the validation loss is {_times(val, train)} the training loss, but only {_share(val - train)} "
                 "of the baseline above it")
        reason = f"both losses are low, {apart} ({numbers})"
    return Diagnosis(verdict, reason, train, val, best_val)


def turned_up(history: History) -> bool:
    """True when the validation curve turned up (``OVERFIT_RISE`` above its lowest point) while the training loss
    kept falling: the second sign of overfitting, as ``diagnose`` reads it."""
    base = history.baseline_loss if history.baseline_loss > 0 else 1.0
    rise = (history.final_val_loss - min(history.val_loss)) / base
    return rise >= OVERFIT_RISE and history.final_train_loss < history.train_loss[history.best_epoch]


def _share(fraction: float) -> str:
    """A fraction of the baseline as a percentage, with a decimal when it is small."""
    return f"{fraction:.1%}" if fraction < 0.1 else f"{fraction:.0%}"


def _times(a: float, b: float) -> str:
    if b <= 0 or a / b >= 100:
        return "far above"
    return f"{a / b:.1f} times"
