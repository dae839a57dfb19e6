"""Validation: the format accepted exactly as written, and its cross-field rules."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from generator.case import validate
from generator.case.load import load_case
from generator.case.model import Promise
from generator.case.validate import validate_case
from generator.errors import CaseFileError
from tests.conftest import sample_data, write_case


def valid(tmp_path, data, today=None):
    return validate_case(load_case(write_case(tmp_path, data)), today=today)


def refused(tmp_path, data):
    with pytest.raises(CaseFileError) as err:
        valid(tmp_path, data)
    return err.value.message


def test_sample_normalises_money_dates_and_identifiers(tmp_path):
    case = valid(tmp_path, sample_data("txvip-rights-mismatch.yaml")).case
    assert case.order.price == Decimal("158.00") and isinstance(case.order.price, Decimal)
    assert case.order.paid_at == datetime(2026, 9, 1, 20, 15)
    assert case.filing_date == date(2026, 11, 24)
    assert case.complainant.phone == "13800138000"


def test_unquoted_phone_and_numbers_as_strings_mean_the_same(tmp_path):
    text = (tmp_path / "x").parent
    data = sample_data("mango-auto-renewal.yaml")
    path = write_case(tmp_path, data)
    raw = path.read_text(encoding="utf-8").replace("'13900139000'", "13900139000").replace("'25.00'", "25.00")
    path.write_text(raw, encoding="utf-8")
    case = validate_case(load_case(path)).case
    assert case.complainant.phone == "13900139000"
    assert case.order.price == Decimal("25.00")
    assert text


def test_money_as_number_string_or_with_unit(tmp_path):
    for written in (158, "158.5", "158.50", "¥158.50"):
        data = sample_data("txvip-rights-mismatch.yaml")
        data["order"]["price"] = written
        assert valid(tmp_path, data).case.order.price == Decimal(str(written).lstrip("¥"))


def test_filing_date_defaults_to_today(tmp_path):
    data = sample_data("txvip-rights-mismatch.yaml")
    del data["filing_date"]
    assert valid(tmp_path, data, today=date(2026, 12, 1)).case.filing_date == date(2026, 12, 1)


def test_date_only_payment(tmp_path):
    data = sample_data("txvip-rights-mismatch.yaml")
    data["order"]["paid_at"] = "2026-09-01"
    assert valid(tmp_path, data).case.order.paid_at == date(2026, 9, 1)


def test_used_months_over_term(tmp_path):
    data = sample_data("txvip-rights-mismatch.yaml")
    data["order"]["used_months"] = 13
    message = refused(tmp_path, data)
    assert "order.used_months" in message and "不能超过会员期限（12个月）" in message


def test_payment_after_filing_date(tmp_path):
    data = sample_data("txvip-rights-mismatch.yaml")
    data["order"]["paid_at"] = "2026-12-01 10:00"
    assert "付款时间晚于落款日期" in refused(tmp_path, data)


def test_bad_checksums(tmp_path):
    data = sample_data("txvip-rights-mismatch.yaml")
    data["complainant"]["id_number"] = "110101199003074513"
    data["platform"]["credit_code"] = "91110105MA01ABCD27"
    message = refused(tmp_path, data)
    assert "complainant.id_number" in message and "身份证号校验失败" in message
    assert "platform.credit_code" in message and "统一社会信用代码校验失败" in message


@pytest.mark.parametrize(
    "number,problem",
    [
        ("110101199003074514", None),
        ("11010119900307459x", None),  # a lower-case check letter is the same number
        ("110101199003074513", "最后一位校验码不对"),
        ("110101199002304517", "出生日期不存在"),  # 1990-02-30, with a correct check digit
        ("11010119900307451", "应为18位，实际是17位"),
        ("11010119900307451 ", "应为18位，实际是17位"),
        ("1101011990030745１4", None),  # full-width digits, as some input methods type them
        ("11010119900307451Y", "应由17位数字加1位数字或X组成"),
        # A county code missing from python-stdnum's list (99) is accepted: new districts get such codes.
        ("990101199003074518", None),
    ],
)
def test_id_number_checks(number, problem):
    found = validate._id_number_problem(number)
    assert found is None if problem is None else problem in found


def test_unknown_key_suggests_the_right_one(tmp_path):
    data = sample_data("txvip-rights-mismatch.yaml")
    data["order"]["used_month"] = data["order"].pop("used_months")
    assert "是不是想写“used_months”" in refused(tmp_path, data)


def test_every_problem_is_reported_with_its_line(tmp_path):
    data = sample_data("txvip-rights-mismatch.yaml")
    data["order"]["term_months"] = "十二"
    data["payment"]["channel"] = "paypal"
    del data["complainant"]["address"]
    message = refused(tmp_path, data)
    assert message.count("\n  - ") == 3
    assert "order.term_months" in message and "payment.channel" in message and "complainant.address" in message
    assert "第" in message and "行" in message


def test_missing_evidence_file(tmp_path):
    data = sample_data("txvip-rights-mismatch.yaml")
    data["evidence"][0]["file"] = "evidence/nope.png"
    message = refused(tmp_path, data)
    assert "evidence[0].file" in message and "找不到证据文件" in message


def test_evidence_cannot_escape_the_case_folder(tmp_path):
    data = sample_data("txvip-rights-mismatch.yaml")
    data["evidence"][0]["file"] = "../outside.png"
    (tmp_path.parent / "outside.png").write_bytes((tmp_path.parent / "x").name.encode() or b"x")
    assert "不能用“..”跳出" in refused(tmp_path, data)


def test_renewal_fields_only_on_auto_renewal(tmp_path):
    data = sample_data("txvip-rights-mismatch.yaml")
    data["problems"][0]["charges"] = [{"date": "2026-10-01", "amount": "25"}]
    assert "只适用于自动续费问题" in refused(tmp_path, data)


def test_a_missing_evidence_file_is_reported_beside_a_field_error(tmp_path):
    """No problem hides behind another: a typo elsewhere does not hide the missing screenshot."""
    data = sample_data("txvip-rights-mismatch.yaml")
    data["order"]["used_month"] = data["order"].pop("used_months")
    data["evidence"][1]["file"] = "evidence/gone.png"
    message = refused(tmp_path, data)
    assert "order.used_month" in message and "evidence[1].file" in message and "找不到证据文件" in message


def test_forgiving_about_what_users_write(tmp_path):
    """Quoted whole numbers, 12.0, capitalised choices: all mean what the user meant."""
    data = sample_data("txvip-rights-mismatch.yaml")
    data["order"]["term_months"] = "12"
    data["order"]["used_months"] = "3"
    data["payment"]["channel"] = " Alipay "
    data["order"]["service"] = "Tencent_Video"
    case = valid(tmp_path, data).case
    assert case.order.term_months == 12 and case.order.used_months == 3
    assert case.payment.channel == "alipay" and case.order.service == "tencent_video"


def test_fractional_months_are_still_refused(tmp_path):
    data = sample_data("txvip-rights-mismatch.yaml")
    data["order"]["term_months"] = "12.5"
    assert "order.term_months" in refused(tmp_path, data)


def test_chinese_words_for_choices_and_zoned_times(tmp_path):
    """支付宝, 腾讯视频, 拒绝 … and an ISO time with its zone are understood."""
    data = sample_data("txvip-rights-mismatch.yaml")
    data["payment"]["channel"] = "支付宝"
    data["order"]["service"] = "腾讯视频"
    data["contacts"][0]["result"] = "拒绝"
    data["evidence"][0]["category"] = "交易记录"
    data["claims"]["refund"] = "按比例"
    data["order"]["paid_at"] = "2026-09-01T12:15:00Z"
    case = valid(tmp_path, data).case
    assert (case.payment.channel, case.order.service, case.contacts[0].result) == ("alipay", "tencent_video", "refused")
    assert case.evidence[0].category == "transaction" and case.claims.refund == "prorated"
    assert case.order.paid_at == datetime(2026, 9, 1, 20, 15)


# --- ranges: amounts and dates a stage could not compute with ------------------------------------


def test_amount_bound_is_inclusive(tmp_path):
    data = sample_data("txvip-rights-mismatch.yaml")
    data["order"]["price"] = "1000000"
    data["claims"]["refund"] = "full"
    data["order"]["official_price"] = "1000000.01"
    assert refused(tmp_path, data).count("超过上限 1,000,000 元") == 1  # the price at the bound passes


def test_filing_date_up_to_a_year_ahead_is_accepted_and_beyond_is_refused(tmp_path):
    data = sample_data("txvip-rights-mismatch.yaml")
    today = date(2026, 11, 24)
    data["filing_date"] = "2027-11-24"
    assert valid(tmp_path, data, today=today).case.filing_date == date(2027, 11, 24)
    data["filing_date"] = "2027-11-25"
    with pytest.raises(CaseFileError, match="落款日期晚于今天一年以上（2027-11-25，今天是 2026-11-24）"):
        valid(tmp_path, data, today=today)


def test_a_year_after_29_february(tmp_path):
    assert validate._a_year_after(date(2028, 2, 29)) == date(2029, 2, 28)


# --- the optional fields added in 2026-12 ------------------------------------------


def _line_of(message: str, path: str) -> str:
    """The problem line of the message that names `path`."""
    return next(line for line in message.splitlines() if f"  {path}：" in line)


def test_new_samples_show_every_new_field(tmp_path):
    """The two new samples validate and carry the 2026-12 fields as the format defines them."""
    shop = valid(tmp_path, sample_data("youku-marketplace-promise.yaml")).case
    assert shop.platform.kind == "marketplace" and shop.platform.seller.name == "小鱼会员铺"
    assert shop.order.failed_at == date(2026, 10, 2)
    assert shop.order.promises[0] == Promise(text="假一赔十", times=10, covers=("fraud",))
    assert shop.order.promises[1].covers == ("fraud",)  # default: every problem of the case
    assert shop.claims.losses[0].amount == Decimal("25.00")
    assert shop.mask == ("chen-jg-1988",)
    assert shop.evidence[3].about == (date(2026, 10, 2),)
    assert (shop.complainant.gender, shop.complainant.birth_date) == ("女", date(1992, 5, 18))
    group = valid(tmp_path, sample_data("bilibili-wechat-group-seller.yaml")).case
    assert group.platform.kind == "individual" and group.payment.payee_kind == "personal"
    assert group.representative.phone == "025-84000000"
    assert [c.party for c in group.contacts] == ["platform", "police"]
    assert group.contacts[1].result == "submitted"
    defaults = valid(tmp_path, sample_data("iqiyi-fraud.yaml")).case
    assert defaults.platform.kind == "self_operated"


def test_refund_above_the_price_is_refused_and_points_to_losses(tmp_path):
    data = sample_data("txvip-rights-mismatch.yaml")
    data["claims"]["refund"] = "300"
    line = _line_of(refused(tmp_path, data), "claims.refund")
    assert "超过了实付金额" in line and "claims.losses" in line and line.strip().startswith("- 第")


def test_failed_at_between_payment_and_filing(tmp_path):
    data = sample_data("txvip-rights-mismatch.yaml")
    data["order"]["failed_at"] = "2026-08-31"
    assert "早于付款时间" in _line_of(refused(tmp_path, data), "order.failed_at")
    data["order"]["failed_at"] = "2026-11-25"
    assert "晚于落款日期" in _line_of(refused(tmp_path, data), "order.failed_at")


def test_seller_only_on_a_marketplace(tmp_path):
    data = sample_data("youku-marketplace-promise.yaml")
    data["platform"]["kind"] = "self_operated"
    assert "marketplace" in _line_of(refused(tmp_path, data), "platform.seller")


def test_promise_times_is_a_whole_number_from_1_to_100(tmp_path):
    for times, words in ((0, "不能小于1"), (101, "不能大于100"), ("10.5", "整数")):
        data = sample_data("youku-marketplace-promise.yaml")
        data["order"]["promises"][0]["times"] = times
        assert words in _line_of(refused(tmp_path, data), "order.promises[0].times")


def test_promised_compensation_needs_a_promise_with_times(tmp_path):
    data = sample_data("youku-marketplace-promise.yaml")
    del data["order"]["promises"][0]["times"]
    assert "times" in _line_of(refused(tmp_path, data), "claims.promised_compensation")


def test_covers_may_name_problems_the_case_does_not_have(tmp_path):
    """The format's own example covers [fraud, rights_mismatch]: a case with only one of them is accepted as written."""
    data = sample_data("youku-marketplace-promise.yaml")
    data["order"]["promises"][0]["covers"] = ["fraud", "auto_renewal"]
    assert valid(tmp_path, data).case.order.promises[0].covers == ("fraud", "auto_renewal")


def test_covers_names_problem_types_of_the_vocabulary(tmp_path):
    data = sample_data("youku-marketplace-promise.yaml")
    data["order"]["promises"][0]["covers"] = ["fraud", "account_banned"]
    assert "account_banned" in _line_of(refused(tmp_path, data), "order.promises[0].covers[1]")


def test_about_points_to_real_entries(tmp_path):
    data = sample_data("youku-marketplace-promise.yaml")
    data["evidence"][3]["about"] = ["2026-10-05", "rights_mismatch", "promise"]
    message = refused(tmp_path, data)
    assert "不是 contacts 中任何一次沟通的日期" in _line_of(message, "evidence[3].about[0]")
    assert "不在 problems 中" in _line_of(message, "evidence[3].about[1]")
    assert "不是允许的证明事项" in _line_of(message, "evidence[3].about[2]")


def test_loss_evidence_must_be_an_evidence_file(tmp_path):
    data = sample_data("youku-marketplace-promise.yaml")
    data["claims"]["losses"][0]["evidence"] = "evidence/fraud-bill.png"  # exists, but is not listed
    assert "不是 evidence 中列出的证据文件" in _line_of(refused(tmp_path, data), "claims.losses[0].evidence")


def test_mask_values_have_at_least_two_characters(tmp_path):
    data = sample_data("youku-marketplace-promise.yaml")
    data["mask"] = ["陈", "陈建国"]
    assert "至少2个字符" in _line_of(refused(tmp_path, data), "mask[0]")


def test_representative_needs_name_and_phone(tmp_path):
    data = sample_data("bilibili-wechat-group-seller.yaml")
    del data["representative"]["phone"]
    assert "缺少必填项" in _line_of(refused(tmp_path, data), "representative.phone")
    data["representative"]["phone"] = "12"
    assert "不是有效的电话号码" in _line_of(refused(tmp_path, data), "representative.phone")


def test_gender_and_birth_date_must_agree_with_the_id_number(tmp_path):
    data = sample_data("bilibili-wechat-group-seller.yaml")
    data["complainant"]["gender"], data["complainant"]["birth_date"] = "女", "1988-09-22"
    message = refused(tmp_path, data)
    assert "第17位表示的性别（男）" in _line_of(message, "complainant.gender")
    assert "身份证号中的出生日期（1988-09-21）" in _line_of(message, "complainant.birth_date")


def test_each_renewal_debit_has_its_own_transaction_number(tmp_path):
    data = sample_data("mango-auto-renewal.yaml")
    charges = data["problems"][0]["charges"]
    charges[1]["transaction_id"] = charges[0]["transaction_id"]
    assert "与第1笔扣款相同" in _line_of(refused(tmp_path, data), "problems[0].charges[1].transaction_id")


def test_new_contact_parties_and_results_also_in_chinese(tmp_path):
    data = sample_data("txvip-rights-mismatch.yaml")
    data["contacts"].append(
        {"date": "2026-09-10", "with": "消协", "method": "12315热线转消协", "summary": "消协已受理", "result": "已受理"}
    )
    contact = valid(tmp_path, data).case.contacts[1]
    assert (contact.party, contact.result) == ("consumer_association", "accepted")
