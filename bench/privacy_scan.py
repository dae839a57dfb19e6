"""Time the public post's privacy scan per case: the version before the automaton against this one.

Each case is a distinct person (every private value different, as in real
cases), so nothing one case builds is reused by the next. A case's scan is what
the pipeline does for one post: collect the case's private values, mask the
post's fields, and run the final scan over the written post's text twice (its
Word and text forms). The two versions take turns over the same people, round
after round; the figures are medians with the range of the rounds' medians.

The earlier version is read from git (`git show REV:generator/privacy.py`); by
default REV is the commit before the one that brought the automaton in.

Usage: python bench/privacy_scan.py [--people 200] [--rounds 5] [--before REV]
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.filings import privacy  # noqa: E402

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国文辉鹏飞宇晨欣怡子涵浩然思远"
ROADS = "幸福 人民 建设 解放 中山 和平 胜利 朝阳 光明 新华 长江 黄河 文化 学府 科技".split()
CITIES = ["北京市朝阳区", "上海市浦东新区", "广东省深圳市南山区", "浙江省杭州市西湖区", "四川省成都市武侯区"]


def person(rng: random.Random) -> dict:
    """A case's private values, all drawn afresh."""
    digits = lambda n: "".join(rng.choice("0123456789") for _ in range(n))  # noqa: E731
    letters = lambda n: "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(n))  # noqa: E731
    date = f"2026{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
    return {
        "complainant": {
            "name": name,
            "phone": "1" + rng.choice("3456789") + digits(9),
            "address": f"{rng.choice(CITIES)}{rng.choice(ROADS)}路{rng.randint(1, 999)}号{rng.randint(1, 30)}栋",
            "email": f"{letters(6).lower()}{digits(3)}@example.com",
            "id_number": digits(6) + "19" + digits(2) + f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}" + digits(4),
        },
        "order": {
            "id": f"KM{date}{letters(6)}",
            "product": "腾讯视频VIP年卡",
            "advertised": "官方直充腾讯视频VIP12个月，支持4K与多设备登录",
        },
        "payment": {
            "transaction_id": "42000" + digits(5) + date + digits(10),
            "merchant_order_id": f"SC{letters(4)}{date}",
        },
        "problems": [
            {
                "type": "rights_mismatch",
                "description": f"兑换码只能兑换3个月体验会员，且不支持4K。我的订单号是{date}，客服说不退。",
            }
        ],
        "contacts": [{"method": "在线客服", "summary": "客服称“虚拟商品一经售出不退不换”，拒绝退款。"}],
        "claims": {"extra": "要求平台书面道歉"},
    }


def post_text(case: dict) -> str:
    """The written post as the final scan reads it: masked fields inside the template's words."""
    order = case["order"]
    body = [
        f"本人于2026年9月1日在“速充卡盟”购买“{order['product']}”，实付158.00元，商品宣传为“{order['advertised']}”。",
        "会员权益与宣传不符：" + case["problems"][0]["description"],
        "维权经过：2026年9月3日通过在线客服联系，" + case["contacts"][0]["summary"],
    ]
    return "\n".join(
        [
            "投诉标题：速充卡盟会员权益与宣传不符，要求退款",
            "投诉对象：速充卡盟（某某网络科技有限公司）",
            "投诉问题：会员权益与宣传不符",
            "投诉要求：退款158.00元",
            "涉诉金额：158.00",
            "",
            "投诉内容：",
        ]
        + body
        + [
            "相关规定：《中华人民共和国消费者权益保护法》第二十条、第五十三条。",
            "本人持有的证据：交易凭证、沟通记录。",
            "（提醒：请隐去姓名、订单号、快递单号等个人信息。）",
        ]
    )


def scan_case(module, case: dict) -> None:
    """One post's scan: values, masked fields, final scan of the Word and text forms."""
    values = module.private_values(case)
    fields = [
        case["order"]["product"],
        case["order"]["advertised"],
        case["problems"][0]["description"],
        case["contacts"][0]["summary"],
        case["claims"]["extra"],
        "速充卡盟",
    ]
    masked = {field: module.mask_public_text(field, values) for field in fields}
    text = post_text(case)
    for field, out in masked.items():
        text = text.replace(field, out)
    for _form in ("docx", "txt"):
        module.find_leaks(text, values)


def load_before(rev: str):
    """The privacy module as it was at `rev`."""
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{rev}:generator/privacy.py"], check=True, capture_output=True, text=True
    ).stdout
    folder = Path(tempfile.mkdtemp(prefix="privacy-before-"))
    path = folder / "privacy_before.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("privacy_before", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def default_before() -> str:
    """The commit before the one whose privacy.py first imported ahocorasick."""
    log = subprocess.run(
        ["git", "-C", str(ROOT), "log", "--format=%H", "-S", "import ahocorasick", "--", "generator/privacy.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    if not log:
        raise SystemExit("no commit brings the automaton in; give --before REV")
    return log[-1] + "^"


def per_case_ms(module, cases: list[dict]) -> list[float]:
    times = []
    for case in cases:
        start = time.perf_counter()
        scan_case(module, case)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--before", help="git revision of the earlier version (default: before the automaton)")
    args = parser.parse_args()
    rev = args.before or default_before()
    before = load_before(rev)
    rng = random.Random(2026)
    # each round scans people never seen before, so no per-case cache is ever warm
    rounds = [[person(rng) for _ in range(args.people)] for _ in range(args.rounds)]

    start = time.perf_counter()
    scan_case(privacy, person(rng))
    first = (time.perf_counter() - start) * 1000
    scan_case(before, person(rng))

    results = {"before": [], "now": []}
    for i, cases in enumerate(rounds):
        order = [("before", before), ("now", privacy)] if i % 2 == 0 else [("now", privacy), ("before", before)]
        for name, module in order:
            results[name].append(statistics.median(per_case_ms(module, cases)))

    print(f"privacy scan per case, {args.people} distinct people × {args.rounds} alternated rounds (before = {rev})")
    for name, medians in results.items():
        print(
            f"  {name:7} median {statistics.median(medians):6.2f} ms"
            f"  (round medians {min(medians):.2f}–{max(medians):.2f})"
        )
    ratio = statistics.median(results["before"]) / statistics.median(results["now"])
    print(f"  now is {ratio:.1f} × faster per case")
    print(f"  first case in this process (loads OpenCC, pyahocorasick, jieba's dictionary): {first:.0f} ms")


if __name__ == "__main__":
    main()
