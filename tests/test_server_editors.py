"""``azureml-migrate server`` as editors meet it: the console command, and a real editor
(headless Neovim from Debian) as the client."""

from __future__ import annotations

import subprocess
import sys


def test_server_without_pygls_says_what_to_install():
    hidden = ("import sys; sys.modules['pygls'] = None; from azureml_migrate.cli import main; "
              "sys.exit(main(['server']))")
    result = subprocess.run([sys.executable, "-c", hidden], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert "needs pygls" in result.stderr and 'pip install "azureml-migrate-lint[server]"' in result.stderr
    assert "Traceback" not in result.stderr
