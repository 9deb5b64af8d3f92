"""NN Lab: live experiments on why neural networks need non-linear activations."""
try:
    from ._version import __version__
except ImportError:  # pragma: no cover - running from a source tree without a build
    __version__ = "dev"

from ._schema import SpecError, load_schema, schema_path
from .lab import MIME_TYPE, Lab
from .magic import load_ipython_extension
from ._safety import install_ipython_handler

# A bad argument to Lab shows as one message, not a traceback into this package.
install_ipython_handler()

#: How ``Lab`` outputs are shown: "auto", "mime" (the JupyterLab extension) or "widget"
#: (anywidget, for VS Code, Colab, marimo...). See jupyterlab_nnlab/_display.py.
renderer = "auto"

__all__ = ["Lab", "SpecError", "MIME_TYPE", "load_ipython_extension", "load_schema", "schema_path"]


def _jupyter_labextension_paths():
    """Tell JupyterLab where the prebuilt extension lives."""
    return [{"src": "labextension", "dest": "jupyterlab-nnlab"}]
