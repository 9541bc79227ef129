"""A third-party plugin, found only through its entry point, is listed, ordered and run."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

PLUGIN = '''
from cleanse import TextStage, hookimpl


class ShoutStage(TextStage):
    name = "shout"
    description = "upper-cases ASCII letters (a test plugin)"
    after = "mojibake"

    def transform(self, text):
        return text.upper()


@hookimpl
def register_stages(register):
    register(ShoutStage)
'''


def install_fake_distribution(site: Path) -> None:
    """What pip leaves behind for a plugin: a module and a dist-info with an entry point."""
    (site / "cleanse_shout.py").write_text(textwrap.dedent(PLUGIN))
    info = site / "cleanse_shout-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: cleanse-shout\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[cleanse]\nshout = cleanse_shout\n")


def cleanse(site: Path, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "CLEANSE_NO_THIRD_PARTY"}
    env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")])
    return subprocess.run([sys.executable, "-m", "cleanse", *args], input=stdin, env=env,
                          capture_output=True, check=False)


def test_entry_point_plugin_is_listed_ordered_and_run(tmp_path: Path) -> None:
    install_fake_distribution(tmp_path)
    listing = cleanse(tmp_path, "stages")
    assert listing.returncode == 0, listing.stderr
    names = [line.split()[0] for line in listing.stdout.decode().splitlines()]
    assert "shout" in names
    shout_line = next(line for line in listing.stdout.decode().splitlines()
                      if line.startswith("shout"))
    assert "cleanse_shout" in shout_line
    if "mojibake" in names:
        assert names.index("shout") == names.index("mojibake") + 1
    result = cleanse(tmp_path, "run", "--stages", "shout,whitespace", stdin=b" hello  \n")
    assert (result.returncode, result.stdout) == (0, b"HELLO\n"), result.stderr


def test_third_party_plugins_can_be_switched_off(tmp_path: Path) -> None:
    install_fake_distribution(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "CLEANSE_NO_THIRD_PARTY": "1"}
    result = subprocess.run([sys.executable, "-m", "cleanse", "stages"], env=env,
                            capture_output=True, check=False)
    assert result.returncode == 0 and b"whitespace" in result.stdout
    assert b"shout" not in result.stdout
