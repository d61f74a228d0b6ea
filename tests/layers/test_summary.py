"""The summary tables (text and HTML) and the formatting helpers widgets reuse."""
from nnlesson import Sequential
from nnlesson.layers import BatchNormalization, Conv2D, Dense, Flatten, Input, MaxPooling2D, Residual
from nnlesson.layers.summary import format_bytes, format_count


def mnist_summary(convention="keras"):
    return Sequential([Input((28, 28, 1)), Conv2D(32, 3), Conv2D(64, 3), MaxPooling2D(2), Flatten(),
                       Dense(128), Dense(10)]).summary(convention)


def test_format_count_and_bytes():
    assert format_count(1_199_882) == "1,199,882"
    assert format_count(0) == "0"
    assert format_bytes(0) == "0 B"
    assert format_bytes(999) == "999 B"
    assert format_bytes(1000) == "1.00 kB"                 # decimal units: 1 kB = 1,000 bytes
    assert format_bytes(1024) == "1.02 kB"
    assert format_bytes(407_080) == "407.08 kB"
    assert format_bytes(4 * 1_199_882) == "4.80 MB"
    assert format_bytes(999_999) == "1.00 MB"              # never '1000.00 kB'
    assert format_bytes(7_000_000_000 * 2) == "14.00 GB"   # 7 billion float16 parameters
    assert format_bytes(3 * 1024 ** 3) == "3.22 GB"        # 3 GiB
    assert format_bytes(2 * 10 ** 15) == "2000.00 TB"


def test_text_table_has_rows_columns_and_totals():
    text = str(mnist_summary())
    lines = text.splitlines()
    assert any(line.split()[:2] == ["Layer", "(type)"] and "Neurons" in line for line in lines)
    row = next(line for line in lines if line.startswith("conv2d_1 (Conv2D)"))
    assert "(24, 24, 64)" in row and row.split()[-2:] == ["18,496", "36,864"]
    assert "Total params: 1,199,882" in lines
    assert "Trainable params: 1,199,882" in lines
    assert "Non-trainable params: 0" in lines
    assert "Neurons: 58,634" in lines
    assert any(line.startswith("MACs: ") for line in lines)
    assert "Parameter memory: 4.80 MB as float32, 2.40 MB as float16, 1.20 MB as int8" in lines


def test_text_table_indents_residual_children():
    model = Sequential([Input((8, 8, 16)), Residual([Conv2D(16, 3, padding="same"), BatchNormalization()])])
    lines = str(model.summary()).splitlines()
    assert any(line.startswith("residual (Residual)") and "2,384" in line for line in lines)
    assert any(line.startswith("  conv2d (Conv2D)") and "2,320" in line for line in lines)
    assert any(line.startswith("  batch_normalization (BatchNormalization)") for line in lines)
    assert "Non-trainable params: 32" in lines


def test_html_table():
    page = mnist_summary()._repr_html_()
    assert page.startswith('<table class="nnlesson-summary">')
    nowrap = "white-space: nowrap"  # shapes and counts never break over two lines
    pad = "padding: 1px 0.6em"  # neighbouring columns keep apart where no style sheet pads them
    assert f'<th style="{nowrap}; {pad}">Layer (type)</th>' in page and ">Neurons</th>" in page
    assert f'<td style="{nowrap}; {pad}">(26, 26, 32)</td>' in page
    assert f'<td style="text-align: right; {nowrap}; {pad}">18,496</td>' in page
    assert f'<td style="text-align: right; {nowrap}; {pad}">36,864</td>' in page
    assert page.count("<td") + page.count("<th") - page.count("<thead") == page.count(pad)  # every cell, titles and totals too
    assert "1,199,882" in page
    # the memory total may wrap between its parts (a narrow readout), never inside one
    assert ('<span style="white-space: nowrap">4.80 MB as float32</span>, '
            '<span style="white-space: nowrap">2.40 MB as float16</span>, '
            '<span style="white-space: nowrap">1.20 MB as int8</span></td>') in page


def test_html_escapes_names_and_indents_children():
    model = Sequential([Input((8, 8, 16)), Residual([Conv2D(16, 3, padding="same", name="<b>")])])
    page = model.summary()._repr_html_()
    assert "&lt;b&gt; (Conv2D)" in page and "<b>" not in page
    assert '<td style="padding: 1px 0.6em; padding-left: 2.1em">&lt;b&gt; (Conv2D)</td>' in page


def test_summary_says_which_convention():
    assert "pytorch convention" in str(mnist_summary("pytorch"))
    assert mnist_summary("pytorch").convention == "pytorch"
