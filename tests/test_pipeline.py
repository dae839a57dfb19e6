"""The whole run, including the optional PDF copies."""
import hashlib
import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import sample

HAS_OFFICE = shutil.which("soffice") is not None and shutil.which("pdftotext") is not None


@pytest.mark.office
@pytest.mark.skipif(not HAS_OFFICE, reason="LibreOffice or poppler not installed")
def test_pdf_beside_every_filing(tmp_path):
    result = CliRunner().invoke(main, [str(sample("iqiyi-fraud.yaml")), "--out", str(tmp_path), "--pdf"])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "iqiyi-fraud-2026-003"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["filings"]:
        pdf = folder / entry["pdf"]
        assert hashlib.sha256(pdf.read_bytes()).hexdigest() == entry["pdf_sha256"]
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert entry["title"] in text.replace(" ", "")
        if entry["kind"] == "blackcat_post":
            assert "YX20260905213548001" not in text
        else:
            assert "YX20260905213548001" in text


def test_without_libreoffice_the_word_files_are_still_written(tmp_path, monkeypatch):
    import generator.pdf as pdf

    monkeypatch.setattr(pdf.shutil, "which", lambda name, *a, **k: None)
    result = CliRunner().invoke(main, [str(sample("iqiyi-fraud.yaml")), "--out", str(tmp_path), "--pdf"])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "iqiyi-fraud-2026-003"
    assert (folder / "03_12315投诉书.docx").exists() and not list(folder.glob("*.pdf"))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert any("未生成PDF" in w and "apt-get install libreoffice-writer-nogui" in w for w in manifest["warnings"])
    assert "未生成PDF" in result.output
