"""NN Lab as an anywidget: the experiment view where the JupyterLab extension is absent.

The front-end is one ES module (plus CSS) inside this package, ``static/widget.js``, built
from the same TypeScript view as the JupyterLab renderer (``npm run build:widget``). It
trains in the browser and sends back, a few times a second at most, the run's ``status``,
loss ``history`` and current ``weights``; Python drives it with custom messages.

Needs the optional dependency ``anywidget`` (``pip install "jupyterlab-nnlab[widget]"``).
"""

import functools
from pathlib import Path
from typing import Any, Dict, Optional

try:
    import anywidget
    import traitlets
except ImportError as e:  # pragma: no cover - exercised where anywidget is missing
    raise ImportError(
        "NN Lab's widget needs anywidget: pip install anywidget (or jupyterlab-nnlab[widget])"
    ) from e

STATIC = Path(__file__).parent / "static"
ESM = STATIC / "widget.js"
CSS = STATIC / "widget.css"


@functools.lru_cache(maxsize=None)
def _bundle(path: Path) -> str:
    if not path.exists():
        raise FileNotFoundError(
            "NN Lab's widget front-end {} is missing: this is a source checkout without the "
            "bundle; build it with `npm run build:widget`".format(path)
        )
    return path.read_text(encoding="utf-8")


class NNLabWidget(anywidget.AnyWidget):
    """The live experiment of one ``Lab``. Usually made by ``Lab.widget``, not by hand."""

    _esm = traitlets.Unicode().tag(sync=True)
    _css = traitlets.Unicode().tag(sync=True)

    #: The experiment spec (JSON form).
    spec = traitlets.Dict().tag(sync=True)
    #: Where training stands: epoch, state, running, done, error, engine (browser -> Python).
    status = traitlets.Dict().tag(sync=True)
    #: Per variant: label, epoch, trainLoss, testLoss, trainAccuracy, testAccuracy.
    history = traitlets.List().tag(sync=True)
    #: Per variant: a list of {"W": rows, "b": values} per layer.
    weights = traitlets.List().tag(sync=True)

    def __init__(self, spec: Dict[str, Any], fallback_html: Optional[str] = None, **kwargs: Any):
        super().__init__(_esm=_bundle(ESM), _css=_bundle(CSS), spec=spec, **kwargs)
        self._fallback_html = fallback_html

    def command(self, type: str, **fields: Any) -> None:
        """Send one command to every display of this widget."""
        message = {"type": type}
        message.update(fields)
        self.send(message)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = super()._repr_mimebundle_(**kwargs)
        if not self._fallback_html or bundle is None:
            return bundle
        # What a page without a widget manager (an export, a viewer) shows instead.
        data, metadata = bundle if isinstance(bundle, tuple) else (bundle, None)
        data = dict(data)
        data.setdefault("text/html", self._fallback_html)
        return (data, metadata) if metadata is not None else data
