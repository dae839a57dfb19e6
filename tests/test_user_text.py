"""User text is data: whatever a person types reaches the filings exactly, and is never evaluated.

Every free-text field of the sample case is replaced by adversarial text (markup,
template syntax, emoji, control and invisible characters); the case is run through
the real pipeline and each .docx is read back with python-docx. A field must appear
as `clean_text` leaves it (CRLF → LF, XML-illegal characters dropped), trimmed at
its edges only where the narrative makes a sentence of it. The public 黑猫投诉 post
shows the non-private fields as the privacy masking leaves them, and never the
complainant's name, phone or address.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.case import lenient
from generator.case.load import load_case
from generator.filings import privacy
from generator.filings.analyse import told_extra
from generator.filings.narrative import nest
from generator.law import channels
from generator.pipeline import Options, prepare
from generator.rendering.reading import docx_text
from generator.rendering.render import clean_text
from tests.conftest import CASES, sample_data

SAMPLE = "txvip-rights-mismatch.yaml"

# key path → (its limit in the schema, the documents showing it)
ALL = ("00", "01", "02", "03", "04")
FIELDS = {
    ("complainant", "name"): (64, ("00", "01", "02", "03")),
    ("complainant", "address"): (500, ("00", "01", "02", "03")),
    ("platform", "name"): (200, ALL),
    ("order", "product"): (500, ALL),
    ("order", "advertised"): (50_000, ("01", "02", "03", "04")),
    ("problems", 0, "description"): (50_000, ("01", "02", "03", "04")),
    ("problems", 0, "delivered"): (5_000, ("01", "02", "03")),
    ("contacts", 0, "method"): (200, ALL),
    ("contacts", 0, "summary"): (50_000, ("01", "02", "03", "04")),
    ("evidence", 0, "description"): (5_000, ("01", "02", "03")),
    ("claims", "extra"): (5_000, ("01", "03", "04")),
}
PRIVATE = {("complainant", "name"), ("complainant", "address")}
POST = "04"

# Evaluated, this would read 注入成功; as data it must stay as typed.
EVALUATED = "{{ '注入' ~ '成功' }}"

NASTY = [
    "<",
    ">",
    "&",
    '"',
    "'",
    "&amp;",
    "<w:t>",
    "</w:p>",
    "]]>",
    "<![CDATA[",
    "<!--",
    "{{ 7*7 }}",
    EVALUATED,
    "{% if true %}真{% endif %}",
    "{#注释#}",
    "{{ config }}",
    "${7*7}",
    "%s",
    "\\n",
    "😀",
    "👨‍👩‍👧‍👦",
    "🏳️‍🌈",
    "👍🏽",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\n\n\n",
    "\u200b",
    "\u200c",
    "\u200d",
    "\ufeff",
    "\u2060",
    "\u200f",
    "\u200e",
    "\u202e",
    "\u202a",
    "\u2066",
    "\x00",
    "\x01",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x1f",
    "\x7f",
    "\ufffe",
    "\uffff",
    "\u3000",
    "\xa0",
    "\x85",
    "\u2028",
    "\u2029",
    "客服",
    "会员",
    "“官方直充”",
    "，",
    "。",
]

piece = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=6),
    st.text("腾讯视频会员兑换码客服退款卡盟年卡平台", min_size=1, max_size=6),
)


def nasty_text(limit: int):
    """Adversarial text with at least one visible character, within the field's length limit."""
    return (
        st.lists(piece, min_size=1, max_size=8).map(lambda pieces: "".join(pieces)[:limit]).filter(lambda s: s.strip())
    )


def field_text(path: tuple):
    """Text for one field. Private values keep a fixed visible core, so the masking of the
    post cannot be confused with an accident of two random fields sharing characters."""
    limit = FIELDS[path][0]
    if path == ("complainant", "name"):
        return st.builds(lambda a, b: "张" + a + "丰" + b, nasty_text(30), nasty_text(30))
    if path == ("complainant", "address"):
        return st.builds(lambda a: "北京市朝阳区幸福路" + a + "8号", nasty_text(200))
    return nasty_text(min(limit, 200))


field_texts = st.fixed_dictionaries({path: field_text(path) for path in FIELDS})


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A case folder holding the sample's evidence; the case file is rewritten per example."""
    root = tmp_path_factory.mktemp("user-text")
    shutil.copytree(CASES / "evidence", root / "evidence")
    return root


def write_variant(folder: Path, texts: dict, name: str = "case.yaml") -> Path:
    """The sample case with each free-text field replaced, dumped as a user's YAML file."""
    data = sample_data(SAMPLE)
    for path, text in texts.items():
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        parent[path[-1]] = text
    file = folder / name
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return file


def written(file: Path) -> dict:
    """Each field as the case file says it (YAML's own rules may fold a raw line break)."""
    data = load_case(file).data
    out = {}
    for path in FIELDS:
        value = data
        for step in path:
            value = value[step]
        out[path] = value
    return out


# Fields the filings quote as the user's statement: “…”, with quotes inside nested.
QUOTED = {
    ("problems", 0, "description"),
    ("problems", 0, "delivered"),
    ("contacts", 0, "summary"),
    ("order", "advertised"),
}


def as_read(path: tuple, text: str) -> str:
    """A value as the lenient reader takes it: a name wrapped in “…” or full-width spaces is read unwrapped
    (free text and text with line breaks are kept as written)."""
    key = next(p for p in reversed(path) if isinstance(p, str))
    return text if key in lenient.FREE_TEXT_KEYS or "\n" in text else lenient.unwrap(text)


def core(text: str) -> str:
    """What must appear: clean_text of the field, without the whitespace at its edges."""
    return clean_text(text).strip()


def documents(file: Path, out: Path) -> dict:
    """Render the case in memory; the text of each .docx and .txt by its number (00…04)."""
    prepared = prepare(file, Options(out=out))
    docs = {}
    for name, data in prepared.files.items():
        if name.endswith(".docx"):
            docs[name[:2]] = docx_text(data)
        elif name.endswith(".txt"):
            docs[name[:2] + ".txt"] = data.decode("utf-8")
    return prepared, docs


def check_case(file: Path, out: Path) -> dict:
    """Run the pipeline and check every field in every document that shows it."""
    values = written(file)
    prepared, docs = documents(file, out)
    secrets = privacy.private_values(prepared.analysis.case)
    for path, (_, shown_in) in FIELDS.items():
        expected = core(as_read(path, values[path]))
        if path == ("claims", "extra"):
            if "extra_restated" in prepared.analysis.facts:  # it only asks again what every filing asks: told nowhere
                assert any(told_extra(prepared.analysis.case) in w for w in prepared.analysis.warnings)
                continue
            expected = core(told_extra(prepared.analysis.case))  # the user's own plans go to the summary alone
        # a further claim that states rather than requests is quoted in the letters' facts, not posted as a demand
        statement = path == ("claims", "extra") and "extra_is_request" not in prepared.analysis.facts
        for number in shown_in:
            want = expected
            if statement:
                if number == POST:
                    continue
                want = nest(want)
            # quoted as the user's statement, their own “” nested as ‘’ (the post quotes none of it: the advertising
            # no page shows word for word is its gist, as the user wrote it)
            if path in QUOTED and number != POST:
                # words that are one quotation already are quoted as they stand (records.quote), never “‘…’”; an
                # account is a statement ending in its own 。 inside the quotation, so its quotes are always nested
                whole = path != ("problems", 0, "description") and re.fullmatch(r"“[^“”]*”", want.strip())
                want = want if whole else nest(want)
            if number == POST:
                if path == ("contacts", 0, "summary"):
                    want = want.rstrip("。")  # the post joins contacts and ends them with its own 。
                want = privacy.mask_public_text(want, secrets)
                if len(want) > channels.fact("heimao.body_max_chars").value:
                    assert "…" in docs[POST]  # the post keeps to the site's length, cut where it says so
                    continue
            # the summary's and the post's text versions are whole documents; the others are paste blocks
            for key in (number, number + ".txt") if number in ("00", POST) else (number,):
                text_want = re.sub(r"\n{3,}", "\n\n", want) if key.endswith(".txt") else want
                # a name a sentence puts between quotes (购买“{product}”) has its own “” nested there, as ‘’
                forms = {text_want} if path in QUOTED else {text_want, nest(text_want)}
                assert any(f in docs[key] for f in forms), f"{path} not shown exactly in {key}"
    post = docs[POST] + docs[POST + ".txt"]
    for secret in (secrets.name, secrets.phone, secrets.address):
        if clean_text(secret).strip():  # a name of control characters alone prints as nothing
            assert clean_text(secret).strip() not in post
    assert privacy.find_leaks(docs[POST], secrets) == []
    for key in ("01.txt", "02.txt", "03.txt", "04.txt"):
        for label, limit, body in paste_blocks(docs[key]):
            assert limit is None or len(body) <= limit, f"{key}【{label}】is longer than its box"
    return docs


def paste_blocks(text: str) -> list[tuple]:
    """(label, limit or None, text) of each block of a paste-ready text file."""
    out = []
    for part in text.split("\n\n【")[1:]:
        head, _, body = part.partition("\n")
        label, _, rest = head.partition("】")
        found = re.search(r"不超过(\d+)字", rest)
        out.append((label, int(found.group(1)) if found else None, body.rstrip("\n")))
    return out


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=field_texts)
@example(
    texts={
        path: (
            "张{{ 7*7 }}丰"
            if path == ("complainant", "name")
            else "北京市{{ 7*7 }}路8号"
            if path == ("complainant", "address")
            else "{{ 7*7 }}<w:t>&amp;]]>{% if true %}真{% endif %}" + EVALUATED
        )
        for path in FIELDS
    }
)
@example(  # a character XML cannot hold before words that are one quotation: they are still quoted as they stand
    texts={path: "\ufffe“官方直充”" if path == ("order", "advertised") else "<" for path in FIELDS}
    | {("complainant", "name"): "张<丰<", ("complainant", "address"): "北京市朝阳区幸福路<8号"}
)
def test_every_field_reaches_every_filing_exactly(folder, texts):
    """Adversarial text in every free-text field appears exactly, and nothing in it is evaluated."""
    docs = check_case(write_variant(folder, texts), folder / "out")
    for number, text in docs.items():
        assert "注入成功" not in text, f"a template expression was evaluated in {number}"


def test_a_30000_character_paragraph(folder):
    """A very long description (a pasted chat log) is kept whole, line breaks and all."""
    line = "客服说：“虚拟商品一经售出不退不换”<&>，{{ 7*7 }}，我要求退款😀\t"
    long = "\n".join(line for _ in range(30_000 // len(line) + 1))[:30_000]
    texts = {path: "正常的文字" for path in FIELDS}
    texts[("complainant", "name")] = "张三丰"
    texts[("complainant", "address")] = "北京市朝阳区幸福路8号"
    texts[("problems", 0, "description")] = long
    docs = check_case(write_variant(folder, texts, "long.yaml"), folder / "out")
    assert sum(nest(core(long)) in text for text in docs.values()) >= 3
    summary = docs["00.txt"]
    for what in ("退款原因", "问题描述", "投诉内容", "问题说明"):  # each shortened paste text says so, in the summary
        assert re.search(f"“{what}[^”]*”[^。]*已截短", summary), what
    assert "截短" not in docs["01"] + docs["03"]  # the letters keep the text whole and say nothing of it


@pytest.mark.parametrize("platform", ["速充卡盟（客服13987654321）", "速充卡盟 kf@suchong.cn"])
def test_platform_name_with_a_contact_is_masked_in_the_post(folder, platform):
    """A platform named with its own contact is masked in the post like any other field, not refused.

    Found by this suite: the post's title and 投诉对象 once showed platform.name unmasked, so the
    final privacy scan refused the whole run.
    """
    texts = {path: "正常的文字" for path in FIELDS}
    texts[("complainant", "name")] = "张三丰"
    texts[("complainant", "address")] = "北京市朝阳区幸福路8号"
    texts[("platform", "name")] = platform
    check_case(write_variant(folder, texts, "platform.yaml"), folder / "out")


# --- the documents open in a real word processor -------------------------------------

PDF_SAMPLES = [
    {
        path: "张<&>丰"
        if path == ("complainant", "name")
        else "北京市朝阳区&路8号"
        if path in PRIVATE
        else "<w:t>&amp;]]>{{ 7*7 }}{% raw %}\t第二行\r\n第三行"
        for path in FIELDS
    },
    {
        path: "张👨‍👩‍👧‍👦丰"
        if path == ("complainant", "name")
        else "北京市朝阳区\u202e路8号"
        if path in PRIVATE
        else "😀🏳️‍🌈\u200b\u200d\u200f\u202eמחיר\ufeff\x01\x0b\x1f"
        for path in FIELDS
    },
    {
        path: "张\t三丰"
        if path == ("complainant", "name")
        else "北京市朝阳区幸福路8号"
        if path in PRIVATE
        else "普通文字"
        for path in FIELDS
    }
    | {("problems", 0, "description"): "很长的一段话，" * 4000},
]


@pytest.mark.office
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_adversarial_documents_convert_to_pdf(folder, tmp_path):
    """LibreOffice opens every filing of three adversarial cases and makes a non-empty PDF."""
    docx_dir, pdf_dir = tmp_path / "docx", tmp_path / "pdf"
    docx_dir.mkdir()
    for i, texts in enumerate(PDF_SAMPLES):
        prepared = prepare(write_variant(folder, texts, f"pdf-{i}.yaml"), Options(out=folder / "out"))
        for name, data in prepared.files.items():
            if name.endswith(".docx"):
                (docx_dir / f"case{i}-{name}").write_bytes(data)
    sources = sorted(docx_dir.iterdir())
    profile = f"file:///tmp/lo-{uuid.uuid4().hex}"
    try:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(pdf_dir),
                *map(str, sources),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    finally:
        shutil.rmtree(profile.removeprefix("file://"), ignore_errors=True)
    for source in sources:
        pdf = pdf_dir / (source.stem + ".pdf")
        assert pdf.is_file() and pdf.stat().st_size > 0, source.name
        assert pdf.read_bytes().startswith(b"%PDF-"), source.name
