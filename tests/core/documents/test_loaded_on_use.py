"""WeasyPrint and openpyxl load when a document or sheet is made, not with the app: a web
worker that never prints stays some 28 MB smaller (issue 9's memory target)."""

import subprocess
import sys

BUILD_APP = """
import sys
from pathlib import Path
from core.app import create_app
from core.config import Config
create_app(Config.from_env(environ={}, instance_path=Path(sys.argv[1]), database_url="sqlite://"))
print(" ".join(m for m in ("weasyprint", "openpyxl") if m in sys.modules))
"""


def test_the_app_is_built_without_the_document_libraries(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", BUILD_APP, str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
