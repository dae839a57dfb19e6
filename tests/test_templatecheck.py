"""Templates broken the way a Word user breaks them are caught, named and explained."""

import shutil
import zipfile

import pytest
from click.testing import CliRunner
from docx import Document

from generator.cli import main
from generator.rendering.render import shipped_template
from tests.conftest import ROOT, sample

KINDS = ["case_summary", "platform_refund_request", "payment_dispute", "complaint_12315", "blackcat_post"]


def broken_copy(tmp_path, kind, old, new):
    """A copy of a shipped template with one paragraph's text edited as in Word."""
    folder = tmp_path / "tpl"
    folder.mkdir(exist_ok=True)
    path = folder / f"{kind}.docx"
    shutil.copy(shipped_template(f"{kind}.docx"), path)
    doc = Document(str(path))
    for paragraph in doc.paragraphs:
        if old in paragraph.text:
            paragraph.text = paragraph.text.replace(old, new)  # one run, as Word saves a retyped line
            break
    else:
        raise AssertionError(f"{old!r} not in {kind}")
    doc.save(str(path))
    return folder


def check(folder):
    return CliRunner().invoke(main, ["check-templates", str(folder)])


def test_shipped_templates_pass():
    result = CliRunner().invoke(main, ["check-templates"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("kind", KINDS)
def test_unknown_variable(tmp_path, kind):
    folder = broken_copy(tmp_path, kind, "{{ title }}", "{{ titel }}")
    result = check(folder)
    assert result.exit_code == 1
    assert f"{kind}.docx" in result.output and "不存在的变量：titel" in result.output
    assert "可用的变量" in result.output and "title" in result.output


@pytest.mark.parametrize("kind", KINDS)
def test_unclosed_if(tmp_path, kind):
    doc = Document(str(shipped_template(f"{kind}.docx")))
    closing = next(p.text for p in doc.paragraphs if p.text.startswith("{%p endfor"))
    folder = broken_copy(tmp_path, kind, closing, "")
    result = check(folder)
    assert result.exit_code == 1
    assert f"{kind}.docx" in result.output and "标签语法错误" in result.output
    assert "附近文字" in result.output


@pytest.mark.parametrize("kind", KINDS)
def test_smart_quotes_inside_a_tag(tmp_path, kind):
    folder = broken_copy(tmp_path, kind, "{{ title }}", "{{ “title” }}")
    result = check(folder)
    assert result.exit_code == 1
    assert "中文引号" in result.output and "直引号" in result.output


def test_half_written_tag(tmp_path):
    folder = broken_copy(tmp_path, "complaint_12315", "{{ title }}", "{{ title }")
    result = check(folder)
    assert result.exit_code == 1 and "标签不完整" in result.output


def test_a_run_with_a_broken_template_is_refused_before_writing(tmp_path):
    folder = broken_copy(tmp_path, "complaint_12315", "{{ title }}", "{{ “title” }}")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, [str(sample("txvip-rights-mismatch.yaml")), "--out", str(out), "--templates", str(folder)]
    )
    assert result.exit_code == 1 and "中文引号" in result.output
    assert not out.exists() or list(out.iterdir()) == []


def test_a_run_with_an_unknown_variable_is_refused_before_writing(tmp_path):
    folder = broken_copy(tmp_path, "blackcat_post", "{{ title }}", "{{ titel }}")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, [str(sample("txvip-rights-mismatch.yaml")), "--out", str(out), "--templates", str(folder)]
    )
    assert result.exit_code == 1 and "blackcat_post.docx" in result.output and "titel" in result.output
    assert not out.exists() or list(out.iterdir()) == []


def test_user_templates_are_used_and_missing_ones_fall_back(tmp_path):
    folder = broken_copy(tmp_path, "complaint_12315", "{{ title }}", "{{ title }}（律师修订版）")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, [str(sample("txvip-rights-mismatch.yaml")), "--out", str(out), "--templates", str(folder)]
    )
    assert result.exit_code == 0, result.output
    from generator.rendering.reading import docx_text

    case = out / "txvip-2026-001"
    assert "投诉书（律师修订版）" in docx_text((case / "03_12315投诉书.docx").read_bytes())
    assert "律师修订版" not in docx_text((case / "01_平台退款申请书.docx").read_bytes())


@pytest.mark.parametrize("path", sorted((ROOT / "templates").glob("*.docx")), ids=lambda p: p.name)
def test_shipped_templates_are_the_source_with_honest_properties(path):
    """The .docx files are what lawyers edit: no generator script, no python-docx defaults in their properties."""
    assert not (ROOT / "scripts" / "build_templates.py").exists()
    with zipfile.ZipFile(path) as z:
        core = z.read("docProps/core.xml").decode()
    assert "python-docx" not in core and "2013-12-23" not in core
    assert Document(str(path)).core_properties.title.endswith("（模板）")
