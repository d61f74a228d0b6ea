"""Lesson 05 checks: right answers pass, typical slips get a hint that does not give the answer away."""
import pytest

from nnlesson import checks, data
from nnlesson.train import diagnose, fit, mlp_for

TINY = {"x": 1.5, "y": 2.0, "w1": 0.8, "b1": 0.1, "w2": -0.5, "b2": 0.3}
# by hand: z1 = 1.3, h = 1.3, y_hat = -0.35, dL/dy_hat = -4.7, dL/dh = 2.35, dL/dw1 = 2.35 * 1.5 = 3.525


def assert_hint_hides(feedback, *answers):
    assert feedback.correct is False
    for answer in answers:
        assert str(answer) not in feedback.message


def test_chain_rule_gradient():
    assert checks.chain_rule_gradient(3.525, **TINY)
    assert "Right to" not in checks.chain_rule_gradient(3.525, **TINY).message
    for slip, words in [(1.7625, "the 2 comes down"), (2.35, "dz1/dw1 = x"), (-7.05, "dy_hat/dh = w2"),
                        (-3.525, "sign"), (0.0, "link by link")]:
        feedback = checks.chain_rule_gradient(slip, **TINY)
        assert words in feedback.message
        assert_hint_hides(feedback, 3.525, "3.52")
    assert checks.chain_rule_gradient(..., **TINY).correct is None
    assert checks.chain_rule_gradient("3.5", **TINY).correct is False


@pytest.mark.parametrize("answer, words", [(3.53, "Right to 2 decimals"), (3.52, "Right to 2 decimals"),
                                           (3.5, "Right to 1 decimal")])
def test_chain_rule_gradient_rounded(answer, words):
    feedback = checks.chain_rule_gradient(answer, **TINY)   # 3.525 lies halfway: both roundings are right
    assert feedback.correct is True
    assert feedback.message.startswith(words) and "the exact value is 3.525," in feedback.message


@pytest.mark.parametrize("answer", [3.54, 3.51, 3.6, 3.5249, 3.5251])
def test_chain_rule_gradient_wrong_last_digit(answer):
    feedback = checks.chain_rule_gradient(answer, **TINY)
    assert "Close" in feedback.message and "last digit" in feedback.message
    assert_hint_hides(feedback, 3.525, "3.52", "3.53")


def test_chain_rule_gradient_slips_rounded_and_too_coarse():
    assert "the 2 comes down" in checks.chain_rule_gradient(1.76, **TINY).message      # 1.7625 rounded
    assert "sign" in checks.chain_rule_gradient(-3.53, **TINY).message
    coarse = checks.chain_rule_gradient(4, **TINY)
    assert coarse.correct is False and "too coarse" in coarse.message and "at least 2" in coarse.message
    assert_hint_hides(coarse, 3.525, "3.52", "3.53")


def test_chain_rule_gradient_through_a_silent_relu():
    silent = {**TINY, "b1": -5.0}  # z1 < 0: relu passes no gradient, dL/dw1 = 0
    assert checks.chain_rule_gradient(0.0, **silent)
    assert not checks.chain_rule_gradient(3.525, **silent)


def test_width_for_points():
    assert checks.width_for_points(13, n_inputs=2, n_points=50)  # 4w + 1 >= 50
    assert checks.width_for_points(10, n_inputs=1, n_points=30)  # 3w + 1 >= 30
    for slip, words in [(12, "still fewer than 50"), (17, "only the weights"), (49, "neurons"), (50, "neurons"),
                        (3, "formula")]:
        feedback = checks.width_for_points(slip, n_inputs=2, n_points=50)
        assert words in feedback.message
        assert_hint_hides(feedback, 13)
    assert checks.width_for_points(13.5, n_inputs=2, n_points=50).correct is False
    assert checks.width_for_points(..., n_inputs=2, n_points=50).correct is None


@pytest.fixture(scope="module")
def runs():
    d = data.make_split("moons", 100, 200, noise=0.2, seed=0)
    over = fit(mlp_for(d, 2, 64), d, epochs=300, lr=0.01)
    under = fit(mlp_for(d, 2, 64), d, epochs=300, lr=0.01, l2=1.0)
    stopped = fit(mlp_for(d, 2, 64), d, epochs=300, lr=0.01, patience=15)
    return over, under, stopped


def test_verdict(runs):
    over, under, stopped = runs
    assert [diagnose(h).verdict for h in runs] == ["overfitting", "underfitting", "good fit"]
    assert checks.verdict("overfitting", over) and checks.verdict(" Underfitting ", under)
    assert checks.verdict("good fit", stopped)
    wrong = checks.verdict("good fit", over)
    assert "Compare" not in wrong.message and "both losses low" in wrong.message
    assert "training loss on its own" in checks.verdict("underfitting", over).message
    assert "turn upwards" in checks.verdict("overfitting", under).message
    assert all("overfitting" not in checks.verdict(a, over).message for a in ("good fit", "underfitting"))
    assert all("underfitting" not in checks.verdict(a, under).message for a in ("good fit", "overfitting"))
    assert checks.verdict("overfit", over).correct is False and "Answer with one of" in checks.verdict(3, over).message
    assert checks.verdict(..., over).correct is None


def test_kept_epoch(runs):
    stopped = runs[2]
    best = stopped.best_epoch
    assert checks.kept_epoch(best, stopped, patience=15)
    hint = checks.kept_epoch(stopped.stopped_epoch, stopped, patience=15)
    assert "where training stopped" in hint.message
    assert_hint_hides(hint, best)
    assert "epoch 0" in checks.kept_epoch(best + 1, stopped, patience=15).message
    assert not checks.kept_epoch(best - 3, stopped, patience=15)


def test_verdict_asks_for_a_training_history():
    with pytest.raises(TypeError) as caught:
        checks.verdict("overfitting", None)
    assert str(caught.value) == ("checks.verdict(history=None): history must be the History that train.fit returns "
                                 "(history = train.fit(model, data)), not NoneType")


def test_a_diverged_or_stuck_run_is_answered_by_its_own_verdict():
    verdict = checks.verdict
    from nnlesson.train import History

    blown = History(loss="mse", baseline_loss=1.0, train_loss=[1.0, 0.5], val_loss=[1.0, 0.5])
    blown.diverged, blown.message = True, "Training diverged at epoch 2: the training loss reached 5e+07."
    assert verdict("diverged", blown).correct and "reached 5e+07" in verdict("diverged", blown).message
    assert not verdict("underfitting", blown).correct
    stuck = History(loss="mse", baseline_loss=1.0, train_loss=[1.0, 1.3], val_loss=[1.0, 1.3], kept_epoch=1)
    assert verdict("Not learning ", stuck).correct
    said = verdict("diverged", stuck)
    assert not said.correct and "Was it?" in said.message
    assert "or, for a run that learned nothing or blew up, 'not learning' or 'diverged'" in verdict("fine", stuck).message
