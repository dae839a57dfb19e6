"""Distinct case files for the benchmark: the samples, each copy a different person.

Every private value (name, phone, address, e-mail, ID number, order, transaction and
merchant-order numbers, renewal debits, names to mask, a representative's name and
phone) is replaced, wherever it appears in the file, by a value no other copy has, as
in a real caseload: work keyed by the person (the privacy scan's rules) is never shared.
"""

from __future__ import annotations

import os
import random
import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "cases").glob("*.yaml"))

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红兰建国文辉力斌波宁志鹏飞晨阳欣怡浩然子轩雨萱梓涵思远嘉琪俊宇"
)
_CITIES = [
    "北京市朝阳区",
    "上海市浦东新区",
    "广州市天河区",
    "深圳市南山区",
    "杭州市西湖区",
    "成都市武侯区",
    "武汉市洪山区",
    "南京市鼓楼区",
    "西安市雁塔区",
    "重庆市渝北区",
    "长沙市岳麓区",
    "郑州市金水区",
]
_ROADS = "光明 和平 建设 人民 解放 新华 中山 文化 胜利 友谊 长江 黄河 青年 迎宾 滨江".split()
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


class _Person:
    """One made-up person's values, unique within a run.

    A number is drawn again when six of its digits in a row, or its last four, also occur
    in the sample's other numbers (a date, an amount): the privacy scan rightly refuses a public post
    that shows six digits of a private number, and a real person's number that happened
    to do so would be refused too, which is not what is being measured.
    """

    def __init__(self, rng: random.Random, seen: set, forbidden: frozenset):
        self.rng, self.seen, self.forbidden = rng, seen, forbidden

    def unique(self, make) -> str:
        for _ in range(10_000):
            value = make()
            digits = re.sub(r"\D", "", value)
            clashes = _windows(digits) | ({"tail:" + digits[-4:]} if len(digits) >= 8 else set())
            if value not in self.seen and not clashes & self.forbidden:
                self.seen.add(value)
                return value
        raise RuntimeError("no distinct value left to draw")

    def name(self) -> str:
        return self.unique(
            lambda: self.rng.choice(_SURNAMES) + "".join(self.rng.sample(_GIVEN, self.rng.choice((1, 2))))
        )

    def phone(self) -> str:
        return self.unique(lambda: f"1{self.rng.choice('3456789')}{self.rng.randrange(10**9):09d}")

    def landline(self) -> str:
        return self.unique(lambda: f"0{self.rng.randrange(10, 99)}-{self.rng.randrange(10**7, 10**8)}")

    def address(self) -> str:
        r = self.rng
        return self.unique(
            lambda: (
                f"{r.choice(_CITIES)}{r.choice(_ROADS)}路{r.randrange(1, 999)}号"
                f"{r.randrange(1, 30)}栋{r.randrange(1, 33)}{r.randrange(1, 9):02d}室"
            )
        )

    def email(self) -> str:
        return self.unique(lambda: f"u{self.rng.randrange(10**8):08d}@example.com")

    def id_number(self) -> str:
        def make() -> str:
            born = f"{self.rng.randrange(1960, 2004)}{self.rng.randrange(1, 13):02d}{self.rng.randrange(1, 29):02d}"
            body = f"110101{born}{self.rng.randrange(1000):03d}"
            return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS)) % 11]

        return self.unique(make)

    def digits_like(self, value: str) -> str:
        """A number of the same shape: letters and the first four characters kept, the other digits drawn anew."""

        def make() -> str:
            return value[:4] + "".join(str(self.rng.randrange(10)) if c.isdigit() else c for c in value[4:])

        return self.unique(make)


def _windows(digits: str, size: int = 6) -> set[str]:
    return {digits[i : i + size] for i in range(len(digits) - size + 1)}


def _other_numbers(text: str, data: dict) -> frozenset:
    """Every six digits in a row of the sample's numbers that are not its private values."""
    probe = _Person(random.Random(0), set(), frozenset())
    for value in sorted(_private_values(data, probe), key=len, reverse=True):
        text = text.replace(value, " ")
    digits = re.sub(r"\D", "", text)
    return frozenset(_windows(digits) | {"tail:" + w for w in _windows(digits, 4)})


def _private_values(data: dict, person: _Person) -> dict[str, str]:
    """Each private value of a sample → its replacement for one copy."""
    swaps: dict[str, str] = {}

    def swap(value, make) -> None:
        if isinstance(value, (str, int)) and str(value) and str(value) not in swaps:
            swaps[str(value)] = make()

    who = data.get("complainant") or {}
    swap(who.get("name"), person.name)
    swap(who.get("phone"), person.phone)
    swap(who.get("address"), person.address)
    swap(who.get("email"), person.email)
    swap(who.get("id_number"), person.id_number)
    order, payment = data.get("order") or {}, data.get("payment") or {}
    swap(order.get("id"), lambda: person.digits_like(str(order["id"])))
    swap(payment.get("transaction_id"), lambda: person.digits_like(str(payment["transaction_id"])))
    swap(payment.get("merchant_order_id"), lambda: person.digits_like(str(payment["merchant_order_id"])))
    for problem in data.get("problems") or []:
        for charge in problem.get("charges") or []:
            swap(charge.get("transaction_id"), lambda c=charge: person.digits_like(str(c["transaction_id"])))
    for value in data.get("mask") or []:
        swap(value, person.name)
    representative = data.get("representative") or {}
    swap(representative.get("name"), person.name)
    swap(representative.get("phone"), person.landline if "-" in str(representative.get("phone", "")) else person.phone)
    return swaps


def generate_cases(folder: Path, n: int, seed: int = 2026, prefix: str = "b") -> list[Path]:
    """`n` case files from the samples in turn, each a distinct person with its own case_id and evidence folder."""
    folder.mkdir(parents=True, exist_ok=True)
    rng, seen = random.Random(seed), set()
    texts = [(sample, sample.read_text(encoding="utf-8")) for sample in SAMPLES]
    parsed = [yaml.safe_load(text) for _, text in texts]
    forbidden = [_other_numbers(text, data) for (_, text), data in zip(texts, parsed)]
    files = []
    for i in range(n):
        sample, text = texts[i % len(texts)]
        data = parsed[i % len(texts)]
        person = _Person(rng, seen, forbidden[i % len(texts)])
        for old, new in sorted(_private_values(data, person).items(), key=lambda kv: -len(kv[0])):
            text = text.replace(old, new)
        if (data.get("complainant") or {}).get("id_number"):  # the new number's sex and birth date are its own
            text = _SEX_AND_BIRTH.sub("", text)
        text = text.replace(f"case_id: {data['case_id']}", f"case_id: {data['case_id']}-{prefix}{i:05d}", 1)
        text = text.replace("file: evidence/", f"file: evidence-{prefix}{i:05d}/")
        text = text.replace("evidence: evidence/", f"evidence: evidence-{prefix}{i:05d}/")
        _link_tree(ROOT / "cases" / "evidence", folder / f"evidence-{prefix}{i:05d}")
        path = folder / f"{prefix}{i:05d}-{sample.name}"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


_SEX_AND_BIRTH = re.compile(r"^  (?:gender|birth_date):.*\n", re.M)


def _link_tree(src: Path, dst: Path) -> None:
    """The sample evidence, hard-linked where the file system allows (10,000 copies would be 2 GB)."""
    dst.mkdir(exist_ok=True)
    for f in src.iterdir():
        if (dst / f.name).exists():
            continue
        try:
            os.link(f, dst / f.name)
        except OSError:
            shutil.copy2(f, dst / f.name)
