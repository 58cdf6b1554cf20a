"""The import contracts of `.importlinter` (ARCHITECTURE.md §2), run against a toy package of
the same shape: a clean tree keeps them, and each kind of wrong import breaks them.

The contracts are the project's own file, with the package's name changed, so a contract
that stops catching something fails here, not only in review.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")

# Every package the contracts name, as empty modules of a toy project.
PACKAGES = [
    "core", "audit", "accounts", "partners", "drafts", "documents", "notifications",
    "deadlines", "writtenforms", "assignments", "people", "intake",
    "identification", "cases", "publicinfo", "site", "api", "config",
]  # fmt: skip


def _toy(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "toyproj"
    for package in PACKAGES:
        (root / package).mkdir(parents=True, exist_ok=True)
        (root / package / "__init__.py").write_text("")
    (root / "__init__.py").write_text("")
    (root / "intake" / "models.py").write_text("class Report: ...\n")
    (root / "intake" / "public.py").write_text("from toyproj.intake.models import Report\n")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not (path.parent / "__init__.py").exists():
            (path.parent / "__init__.py").write_text("")
        path.write_text(textwrap.dedent(text))
    config = (ROOT / ".importlinter").read_text().replace("zastita", "toyproj")
    (tmp_path / ".importlinter").write_text(config)
    return tmp_path


def _lint(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT), "--config", str(tmp_path / ".importlinter"), "--no-cache"],
        cwd=tmp_path, env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_a_tree_that_imports_downwards_through_public_keeps_every_contract(tmp_path):
    _toy(tmp_path, {
        "identification/services.py": "from toyproj.intake.public import Report\n",
        "intake/services.py": "from toyproj.core import slots\n",
        "core/slots.py": "",
        "site/views.py": "from toyproj.identification import services\n",
        "notifications/public.py": "",
        "deadlines/services.py": "from toyproj.notifications import public\n",
        "documents/public.py": "",
        "intake/views.py": "from toyproj.documents import public\n",
    })  # fmt: skip
    result = _lint(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ", 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "text", "broken"),
    [
        # Core serves every app and imports none.
        ("core/home.py", "from toyproj.intake import models\n", "Layers"),
        # An import hidden in a function counts as much as one at the top.
        ("intake/views.py", "def f():\n    from toyproj.identification import views\n",
         "Layers"),
        # Across the domain, only public.py.
        ("identification/services.py", "from toyproj.intake.models import Report\n",
         "only through public.py"),
        # Platform apps use each other only through public.py.
        ("deadlines/services.py", "from toyproj.notifications import models\n",
         "Platform apps reach each other only through public.py"),
        # A domain app uses a platform app only through public.py.
        ("intake/services.py", "from toyproj.documents import services\n",
         "use a platform app only through its public.py"),
        # The platform never reaches into a domain app.
        ("documents/services.py", "from toyproj.intake.public import Report\n", "Layers"),
        # Audit sits below accounts.
        ("audit/forms.py", "from toyproj.accounts import models\n", "Layers"),
        # The public pages reach no personal data, not even through a public.py.
        ("publicinfo/views.py", "from toyproj.people import public\n", "publicinfo"),
        # A new app must be given its layer.
        ("newapp/models.py", "", "Layers"),
    ],
)  # fmt: skip
def test_a_wrong_import_breaks_a_contract(tmp_path, module, text, broken):
    _toy(tmp_path, {module: text, "people/public.py": ""})
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    broken_lines = [line for line in result.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(broken in line for line in broken_lines), result.stdout


def test_the_project_keeps_its_contracts():
    result = subprocess.run(
        [str(LINT), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout
