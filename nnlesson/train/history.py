"""History: what happened during training, epoch by epoch, and why it stopped.

Lists are indexed by epoch: entry 0 is the untrained network, entry k the network after
k passes over the training set. Losses are the data loss only (no L2 penalty), measured
with dropout off, so training and validation numbers compare like with like.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass
class History:
    """Per-epoch losses and accuracies, the best epoch, and why training stopped."""

    loss: str                      # name of the loss, e.g. "mse" or "binary cross-entropy"
    baseline_loss: float           # the loss of a model that learned nothing (predicts the average)
    train_loss: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    train_accuracy: list[float] = field(default_factory=list)  # empty for regression
    val_accuracy: list[float] = field(default_factory=list)
    best_epoch: int = 0            # the epoch with the lowest validation loss
    kept_epoch: int = 0            # the epoch whose weights the model holds now
    stopped_epoch: int | None = None   # where early stopping or divergence ended training
    message: str | None = None     # why training stopped early; None when it ran to the end
    diverged: bool = False

    @property
    def epochs_run(self) -> int:
        return len(self.train_loss) - 1

    @property
    def early_stopped(self) -> bool:
        return self.stopped_epoch is not None and not self.diverged

    @property
    def final_train_loss(self) -> float:
        """Training loss of the model as ``fit`` returned it (after any restore)."""
        return self.train_loss[self.kept_epoch]

    @property
    def final_val_loss(self) -> float:
        """Validation loss of the model as ``fit`` returned it (after any restore)."""
        return self.val_loss[self.kept_epoch]

    @property
    def final_train_accuracy(self) -> float | None:
        return self.train_accuracy[self.kept_epoch] if self.train_accuracy else None

    @property
    def final_val_accuracy(self) -> float | None:
        return self.val_accuracy[self.kept_epoch] if self.val_accuracy else None

    def record(self, train: tuple[float, float | None], val: tuple[float, float | None]) -> None:
        """Append one epoch's (loss, accuracy) for the training and the validation set."""
        self.train_loss.append(train[0])
        self.val_loss.append(val[0])
        if train[1] is not None:
            self.train_accuracy.append(train[1])
            self.val_accuracy.append(val[1])

    def until(self, epoch: int) -> "History":
        """The history as a run of ``epoch`` epochs would have left it: the curves up to there, the
        best epoch among them, the model of that epoch kept, and no stop (a replay reads frames this way)."""
        if not 0 <= epoch <= self.epochs_run:
            raise ValueError(f"History.until(epoch={epoch}): epoch must be between 0 and {self.epochs_run}")
        cut = epoch + 1
        val = self.val_loss[:cut]
        best = min(range(cut), key=val.__getitem__)  # the first lowest, as fit keeps it
        return replace(self, train_loss=self.train_loss[:cut], val_loss=val,
                       train_accuracy=self.train_accuracy[:cut], val_accuracy=self.val_accuracy[:cut],
                       best_epoch=best, kept_epoch=epoch, stopped_epoch=None, message=None, diverged=False)
