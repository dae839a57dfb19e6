"""Claim arithmetic: the case format's rules, in Decimal, with Chinese capitals."""

from decimal import Decimal as D

import pytest

from generator.law.money import advertised_first_term, capitals, compute_amounts, fen, rmb
from tests.conftest import typed_case


def amounts_of(data: dict):
    """The amounts of a case written as a mapping with only what the arithmetic reads."""
    return compute_amounts(typed_case(data))


def case(price, term=12, used=None, problems=("rights_mismatch",), refund=None, punitive=False, charges=()):
    order = {"price": D(price), "term_months": term, "paid_at": "2026-09-01", "id": "KM1"}
    if used is not None:
        order["used_months"] = used
    probs = [{"type": t, "description": "x"} for t in problems]
    if charges:
        probs.append(
            {"type": "auto_renewal", "description": "x", "charges": [{"date": None, "amount": D(a)} for a in charges]}
        )
    claims = {"punitive_damages": punitive}
    if refund is not None:
        claims["refund"] = refund
    return {
        "order": order,
        "problems": probs,
        "claims": claims,
        "payment": {"transaction_id": "4200000001", "channel": "wechat"},
    }


def test_worked_example_prorated():
    """300 paid for 12 months, 3 used, gives 225.00 — the example every user knows."""
    a = amounts_of(case("300", used=3))
    assert a.refund == D("225.00") and a.refund_mode == "prorated"
    assert "会员期限12个月，按未使用的9个月折算，退还225.00元" in a.refund_explanation
    assert "已使用" not in a.refund_explanation  # the number drives the arithmetic, it states no fact of use


def test_prorated_rounds_half_up_to_the_fen():
    # 100 × 11/12 = 91.6666… → 91.67; 0.05 × 1/2 = 0.025 → 0.03 (half-up, not banker's)
    assert amounts_of(case("100", used=1)).refund == D("91.67")
    assert amounts_of(case("0.05", term=2, used=1)).refund == D("0.03")
    assert amounts_of(case("158", used=3)).refund == D("118.50")


def test_auto_is_full_when_nothing_used_or_fraud():
    assert amounts_of(case("158", used=0)).refund_mode == "full"
    assert amounts_of(case("158")).refund == D("158.00")
    assert amounts_of(case("158", used=6, problems=("fraud",))).refund == D("158.00")


def test_explicit_amount_is_used_as_given():
    a = amounts_of(case("158", used=3, refund=D("200")))
    assert a.refund == D("200.00") and a.refund_mode == "explicit"


def test_explicit_amount_that_is_the_unused_share_shows_its_arithmetic():
    """168 for 24 months, 12 used, asked back as 84: the letter shows how 84 comes, not a bare figure."""
    a = amounts_of(case("168", term=24, used=12, refund=D("84")))
    assert a.refund == D("84.00") and a.refund_mode == "explicit"
    assert "实付168.00元，会员期限24个月，按未使用的12个月折算，退还84.00元" == a.refund_explanation
    other = amounts_of(case("168", term=24, used=12, refund=D("80")))
    assert other.refund_explanation == "实付168.00元，现主张退还其中80.00元"


def test_renewals_are_claimed_in_full_on_top():
    a = amounts_of(case("25", term=1, used=1, problems=(), charges=("25.00", "25.00", "19.90")))
    assert a.refund == D("0.00") and a.renewals == D("69.90") and a.total == D("69.90")
    assert a.renewal_count == 3


def test_punitive_floor_of_500():
    a = amounts_of(case("68", problems=("fraud",), punitive=True))
    assert a.punitive == D("500.00") and a.total == D("568.00")
    assert "不足五百元，按五百元计算" in a.punitive_explanation


def test_punitive_threefold_above_the_floor():
    a = amounts_of(case("258", problems=("fraud",), punitive=True))
    assert a.punitive == D("774.00") and a.total == D("1032.00")
    assert "三倍计算为774.00元" in a.punitive_explanation


def test_no_punitive_without_claim_or_fraud():
    assert amounts_of(case("258", problems=("fraud",))).punitive == 0
    assert amounts_of(case("258", problems=("rights_mismatch",), punitive=True)).punitive == 0


@pytest.mark.parametrize(
    "value, text",
    [
        ("118.50", "壹佰壹拾捌元伍角"),
        ("225", "贰佰贰拾伍元整"),
        ("1000.05", "壹仟元零伍分"),
        ("0.5", "伍角"),
    ],
)
def test_capitals(value, text):
    assert capitals(D(value)) == text


def test_rmb_form():
    assert rmb(D("118.5")) == "人民币118.50元（大写：壹佰壹拾捌元伍角）"
    assert fen(D("2.675")) == D("2.68")


def test_what_the_platform_already_paid_back_is_deducted():
    c = case("158", used=3)
    c["claims"]["refunded"] = D("50")
    a = amounts_of(c)
    assert a.refund == D("118.50") and a.refunded == D("50.00") and a.total == D("68.50")
    assert a.as_strings()["refunded"] == "50.00"
    assert "refunded" not in amounts_of(case("158", used=3)).as_strings()


def promising(price, promises, punitive=False, problems=("fraud",), losses=()):
    data = case(price, problems=problems, punitive=punitive)
    data["order"]["promises"] = [dict(p, covers=p.get("covers", list(problems))) for p in promises]
    data["claims"]["promised_compensation"] = True
    if losses:
        data["claims"]["losses"] = [{"amount": D(a), "description": "另行购买的单月会员"} for a in losses]
    return data


def test_promised_compensation_is_times_the_price_on_top_of_the_refund():
    a = amounts_of(promising("39.90", [{"text": "假一赔十", "times": 10}]))
    assert a.promised == D("399.00") and a.refund == D("39.90")
    assert a.total == D("438.90")
    assert "按承诺“假一赔十”，以实付39.90元的十倍计算为399.00元" == a.promised_explanation
    assert a.as_strings()["promised"] == "399.00" and a.as_strings()["punitive"] == "0.00"


def test_the_highest_single_promise_that_covers_a_problem_counts():
    a = amounts_of(
        promising(
            "20",
            [
                {"text": "封号包赔", "times": 3, "covers": ["fraud"]},
                {"text": "假一赔十", "times": 10, "covers": ["rights_mismatch"]},
                {"text": "假一赔五", "times": 5, "covers": ["fraud"]},
            ],
        )
    )
    assert a.promise.text == "假一赔五" and a.promised == D("100.00")  # the tenfold covers no problem here


def test_with_the_threefold_also_asked_the_higher_after_the_floor_is_claimed():
    # 39.90 × 10 = 399.00 is below the threefold's 500 floor: the statutory compensation is claimed
    low = amounts_of(promising("39.90", [{"text": "假一赔十", "times": 10}], punitive=True))
    assert (low.punitive, low.promised, low.total) == (D("500.00"), D("0.00"), D("539.90"))
    assert "故主张法定赔偿" in low.choice_explanation and "假一赔十" in low.choice_explanation
    # 68 × 10 = 680 beats 500: the promise is claimed, the threefold shows as not claimed
    high = amounts_of(promising("68", [{"text": "假一赔十", "times": 10}], punitive=True))
    assert (high.punitive, high.promised, high.total) == (D("0.00"), D("680.00"), D("748.00"))
    assert high.as_strings()["punitive"] == "0.00" and "故主张卖家承诺的赔偿" in high.choice_explanation


def test_losses_are_added_apart_from_the_refund():
    a = amounts_of(promising("39.90", [{"text": "假一赔十", "times": 10}], losses=("29.00", "5.50")))
    assert a.losses == D("34.50") and a.refund == D("39.90")
    assert a.total == D("473.40") and a.as_strings()["losses"] == "34.50"


def test_manifest_keeps_the_four_amounts_and_adds_the_new_only_when_asked():
    keys = amounts_of(case("158", used=3)).as_strings()
    assert list(keys) == ["refund", "renewals", "punitive", "total"]


def test_the_refund_mode_rule_is_the_data_s(tmp_path):
    """amounts.yaml decides when `auto` refunds in full: built in, a used membership with fraud is refunded in full;
    with `problems: []` in an edited copy it is prorated, and a membership never used stays full."""
    from pathlib import Path

    from generator.data_files import use_data_dir
    from generator.law.money import refund_mode

    used = typed_case({"order": {"used_months": 3, "term_months": 12}}).order
    unused = typed_case({"order": {"term_months": 12}}).order
    assert refund_mode(used, {"fraud"}, None) == "full"
    assert refund_mode(used, {"rights_mismatch"}, "auto") == "prorated"
    text = (Path(__file__).resolve().parents[1] / "generator" / "data" / "amounts.yaml").read_text(encoding="utf-8")
    assert "    problems: [fraud]" in text
    (tmp_path / "amounts.yaml").write_text(text.replace("    problems: [fraud]", "    problems: []"), encoding="utf-8")
    use_data_dir(tmp_path)
    try:
        assert refund_mode(used, {"fraud"}, None) == "prorated"
        assert refund_mode(unused, {"fraud"}, None) == "full"
    finally:
        use_data_dir(None)


@pytest.mark.parametrize(
    ("price", "advertised", "kinds", "first_term"),
    [
        ("9.9", "优酷VIP首月9.9元，之后每月25元自动续费", {"auto_renewal"}, True),
        ("9.90", "首月仅需9.90元", {"auto_renewal"}, True),
        ("15", "新用户首月15元", {"auto_renewal", "no_response"}, True),
        ("9.9", "首月19.9元，之后每月25元", {"auto_renewal"}, False),  # another price: 19.9 is not 9.9
        ("9.9", "连续包月，每月9.9元", {"auto_renewal"}, False),  # no first term stated
        ("9.9", "首月9.9元", {"rights_mismatch"}, False),  # not a renewal: the low price may still be a trial
    ],
)
def test_a_price_paid_is_the_advertised_first_term_of_a_renewal(price, advertised, kinds, first_term):
    order = typed_case({"order": {"price": D(price), "advertised": advertised}}).order
    assert advertised_first_term(order, kinds) is first_term
