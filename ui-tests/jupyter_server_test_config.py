"""Jupyter server configuration for the NN Lab browser tests.

Galata's helper switches off authentication, adds the Galata test-helper
extension and keeps workspaces in a throw-away folder.  On top of it we
pin the port the Playwright configuration expects, allow running as root
(CI containers do) and serve files from a scratch folder inside ui-tests/
so every run starts from an empty tree.

Never use this configuration outside of tests: it removes every security
protection of the server.
"""

import os
import shutil
from pathlib import Path

from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821 (c is injected by the config loader)

HERE = Path(__file__).parent
ROOT_DIR = Path(os.environ.get("NNLAB_UI_ROOT_DIR", HERE / ".jupyter-root"))

# Start every server from an empty notebook folder.
shutil.rmtree(ROOT_DIR, ignore_errors=True)
ROOT_DIR.mkdir(parents=True, exist_ok=True)

c.ServerApp.root_dir = str(ROOT_DIR)  # noqa: F821
c.ServerApp.port = int(os.environ.get("NNLAB_UI_PORT", "8890"))  # noqa: F821
c.ServerApp.port_retries = 0  # noqa: F821
c.ServerApp.allow_root = True  # noqa: F821
c.ServerApp.open_browser = False  # noqa: F821
c.IdentityProvider.token = ""  # noqa: F821
# The terminal and the language-server extensions are not needed and only slow start-up.
c.ServerApp.terminals_enabled = False  # noqa: F821
# Keep the test log to what matters, and skip the language-server probe.
c.ServerApp.log_level = "ERROR"  # noqa: F821
c.ServerApp.jpserver_extensions = {"jupyter_lsp": False}  # noqa: F821
c.LabApp.log_level = "ERROR"  # noqa: F821
