"""A small marimo app with NN Lab's widget, for the browser test (ui-tests/tests/marimo.spec.ts)
and as an example: the widget trains, and the cell below reads its history as it goes."""
import marimo

app = marimo.App()


@app.cell
def _():
    import marimo as mo

    from jupyterlab_nnlab import Lab

    lab = Lab(data="xor", layers=[2, 4, 1], activation="relu", rng="numpy", seed=1,
              epochs=300, views=["boundary", "loss"], title="XOR in marimo", autoplay=False)
    widget = mo.ui.anywidget(lab.widget)
    widget
    return lab, mo, widget


@app.cell
def _(lab, mo, widget):
    widget.value  # re-run whenever the widget reports
    state = lab.state
    history = lab.history
    last = history[history.variant == 0].tail(1)
    loss = float(last.train_loss.iloc[0]) if len(last) else float("nan")
    mo.md(f"epoch {state['epoch']}, {len(history)} history rows, loss {loss:.4f}, "
          f"running {state['running']}, done {state['done']}")
    return


if __name__ == "__main__":
    app.run()
