"""A batch warns when different complainants share a phone number or postal address (办法第十七条)."""

from __future__ import annotations

import json
from pathlib import Path

from generator.batch import run_batch
from generator.cli_batch import BatchPrinter
from generator.filings.shared_contacts import CONTACT_KEY, contact_of, shared_contact_warnings
from generator.pipeline import Options
from tests.conftest import typed_case

ROUTE = Path(__file__).parent / "route_cases"


def write(folder: Path, source: str, case_id: str, **person) -> Path:
    """A route case under another case_id with the complainant's fields replaced."""
    text = (ROUTE / source).read_text(encoding="utf-8")
    lines = []
    for line in text.splitlines():
        if line.startswith("case_id:"):
            line = f"case_id: {case_id}"
        elif line.startswith("complainant:"):
            line = "complainant: {" + ", ".join(f'{k}: "{v}"' for k, v in person.items()) + "}"
        lines.append(line)
    path = folder / f"{case_id}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_one_helper_phone_on_two_victims_is_warned_in_table_and_batch_json(tmp_path, capsys):
    cases = tmp_path / "cases"
    cases.mkdir()
    files = [
        write(cases, "visa-closing.yaml", "a-1", name="赵六", phone="13600136000", address="上海市浦东新区张江路1号"),
        write(
            cases,
            "wechat-refused.yaml",
            "b-2",
            name="钱七",
            phone="136 0013 6000",
            address="江苏省南京市鼓楼区中山路1号",
        ),
        write(
            cases,
            "regulator-accepted.yaml",
            "c-3",
            name="孙八",
            phone="13400134000",
            address="江苏省南京市鼓楼区 中山路1号",
        ),
    ]
    out = tmp_path / "out"
    run_batch(files, Options(out=out), workers=1, view=BatchPrinter())  # the table as the CLI prints it
    printed = capsys.readouterr().out
    assert "共用联系方式：a-1（赵六）、b-2（钱七）的投诉人不同，却使用同一电话号码136****6000" in printed
    assert "b-2（钱七）、c-3（孙八）的投诉人不同，却使用同一通讯地址江苏省南京市鼓楼区中山路1号" in printed
    report = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    assert [(w["field"], w["case_ids"]) for w in report["shared_contacts"]] == [
        ("phone", ["a-1", "b-2"]),
        ("address", ["b-2", "c-3"]),
    ]
    assert "第十七条" in report["shared_contacts"][0]["message"]
    assert all(CONTACT_KEY not in row for row in report["cases"])  # the compared values are not kept


def test_one_complainant_with_two_cases_is_no_warning():
    case = typed_case({"complainant": {"name": "赵六", "phone": "13600136000", "address": "上海市浦东新区张江路1号"}})
    rows = [
        {"case_id": "a", "file": "a.yaml", CONTACT_KEY: contact_of(case)},
        {"case_id": "b", "file": "b.yaml", CONTACT_KEY: contact_of(case)},
    ]
    assert shared_contact_warnings(rows) == []
