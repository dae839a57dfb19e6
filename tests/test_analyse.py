"""Analysis: the facts that select legal rules, derived from the case."""

from generator.case.load import load_case
from generator.case.validate import validate_case
from generator.filings.analyse import analyse, argued_promises, representative_relation
from tests.conftest import sample_data, write_case


def facts_of(tmp_path, data):
    return analyse(validate_case(load_case(write_case(tmp_path, data)))).facts


def test_renewal_facts(tmp_path):
    facts = facts_of(tmp_path, sample_data("mango-auto-renewal.yaml"))
    assert {
        "auto_renewal",
        "default_checked",
        "renewal_terms_hidden",
        "charged_after_cancellation",
        "no_response",
        "respondent_known",
        "fully_used",
    } <= facts
    assert "no_platform_contact" not in facts and "platform_refused" not in facts


def test_charge_before_cancellation_is_not_after(tmp_path):
    data = sample_data("mango-auto-renewal.yaml")
    data["problems"][0]["cancel_requested_at"] = "2026-11-02"
    assert "charged_after_cancellation" not in facts_of(tmp_path, data)


def test_virtual_goods_refusal_needs_a_refused_platform_contact(tmp_path):
    data = sample_data("txvip-rights-mismatch.yaml")
    assert "platform_refused_virtual_goods" in facts_of(tmp_path, data)
    data["contacts"][0]["result"] = "promised"
    assert "platform_refused_virtual_goods" not in facts_of(tmp_path, data)


def test_no_contacts_and_recordings(tmp_path):
    data = sample_data("iqiyi-fraud.yaml")
    facts = facts_of(tmp_path, data)
    assert {"fraud", "punitive_claimed", "has_recording", "never_used", "promise_made"} <= facts
    assert "promise_claimed" not in facts  # the sample shows the promise but does not claim it
    assert "respondent_known" not in facts
    del data["contacts"]
    for item in data["evidence"]:  # an exhibit said to prove a contact goes with it
        item["about"] = [a for a in item.get("about", []) if not str(a).startswith("2026-")] or ["order"]
    assert "no_platform_contact" in facts_of(tmp_path, data)


def test_explicit_refund_at_the_price_is_no_warning(tmp_path):
    data = sample_data("txvip-rights-mismatch.yaml")
    data["claims"]["refund"] = "158"
    a = analyse(validate_case(load_case(write_case(tmp_path, data))))
    assert a.amounts.refund == 158 and not any("claims.refund" in w for w in a.warnings)


def warnings_for(tmp_path, data):
    return analyse(validate_case(load_case(write_case(tmp_path, data)))).warnings


def test_no_low_price_warning_when_the_problem_says_what_was_delivered(tmp_path):
    """The advice to check what arrived is for a user who has not said it; one who has does not need it."""
    data = sample_data("txvip-rights-mismatch.yaml")  # 158 paid against 258 official
    for item in data["evidence"]:  # what the exhibits prove is beside the point here, and the problems change
        item.pop("about", None)
    data["problems"] = [{"type": "rights_mismatch", "description": "宣传的年卡只到账了会员"}]
    assert any("不到您填写的官方价格" in w for w in warnings_for(tmp_path, data))
    for problem in (
        {"type": "rights_mismatch", "description": "到账的是7天体验会员"},
        {"type": "rights_mismatch", "description": "宣传的年卡只到账了会员", "delivered": "3个月会员"},
        {"type": "fraud", "description": "兑换码是伪造的"},
    ):
        data["problems"] = [problem]
        assert not any("不到您填写的官方价格" in w for w in warnings_for(tmp_path, data)), problem


def test_a_limitation_years_away_is_noted_in_the_summary_not_warned(prepared_samples):
    prepared = prepared_samples["mango-auto-renewal.yaml"]
    assert not any("节假日安排" in w for w in prepared.warnings)
    summary = prepared.files["00_案件概要.txt"].decode("utf-8")
    assert summary.count("2029年的法定节假日安排尚未公布，此日期按周末推算") == 1


def test_no_code_or_website_advice_for_an_account_bought_from_a_chat_group(tmp_path):
    """A person in a WeChat group handed over someone else's account: no 兑换码 to doubt, no website to look up."""
    from tests.conftest import CITATION, case_copy

    case = case_copy(tmp_path, CITATION / "group-shared-account.yaml")
    warnings = analyse(validate_case(load_case(case))).warnings
    assert not any("兑换码" in w or "三分之二" in w for w in warnings), warnings
    assert not any("ICP" in w or "备案" in w for w in warnings), warnings


def test_the_low_price_and_website_advice_stay_where_they_fit(tmp_path):
    """The same case sold on a website, with nothing said yet of what arrived: both notes are for this user."""
    data = sample_data("txvip-rights-mismatch.yaml")  # 158 paid against 258 official
    for item in data["evidence"]:
        item.pop("about", None)
    data["problems"] = [{"type": "no_response", "description": "付款后客服一直不回复"}]
    del data["platform"]["operator"]
    warnings = warnings_for(tmp_path, data)
    assert any("这可能是体验会员或伪造的兑换码" in w for w in warnings)
    assert any("ICP" in w for w in warnings)


def test_a_low_price_from_a_chat_group_seller_warns_of_what_such_sellers_hand_over(tmp_path):
    """Nothing said yet of what arrived, bought from a person in a group: the note names the account risk."""
    import yaml

    from tests.conftest import CITATION, case_copy

    case = case_copy(tmp_path, CITATION / "group-shared-account.yaml")
    data = yaml.safe_load(case.read_text(encoding="utf-8"))
    data["problems"] = [{"type": "no_response", "description": "付款后卖家一直不回复"}]
    case.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    warnings = analyse(validate_case(load_case(case))).warnings
    assert any("这可能是共享或盗用的他人账号、体验会员或伪造的兑换码" in w for w in warnings), warnings
    assert not any("ICP" in w for w in warnings)


def test_a_transaction_number_that_is_a_card_number_is_warned_of(tmp_path):
    """A Luhn-valid 16–19 digit number is most likely the card copied instead of the transaction reference:
    the summary and the command's output say so, at its line and key; a reference's length is left alone."""
    from click.testing import CliRunner

    from generator.cli import main

    data = sample_data("txvip-rights-mismatch.yaml")
    data["payment"]["transaction_id"] = "6228480012345678002"  # passes the Luhn check
    case = write_case(tmp_path, data)
    said = "payment.transaction_id：交易单号“6228480012345678002”看起来是一个银行卡号"
    assert [w for w in analyse(validate_case(load_case(case))).warnings if said in w]
    result = CliRunner().invoke(main, [str(case), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0 and said in result.output
    summary = next((tmp_path / "out").glob("*/00_案件概要.txt")).read_text(encoding="utf-8")
    assert said in summary
    for number in ("4228480012345678001", "2026090122001412345678901234", "4200002000202609010000000002"):
        data["payment"]["transaction_id"] = number
        warnings = analyse(validate_case(load_case(write_case(tmp_path, data)))).warnings
        assert not [w for w in warnings if "银行卡号" in w], number


def test_a_promise_covering_no_problem_of_the_case_is_neither_argued_nor_claimed(tmp_path):
    """The youku shop's “假一赔十” said to cover only auto_renewal (absent here): accepted, warned of, and neither the
    promised 599.00 nor the promise's words reach the letters; the other promise, covering every problem, still does."""
    data = sample_data("youku-marketplace-promise.yaml")
    data["order"]["promises"][0]["covers"] = ["auto_renewal"]
    a = analyse(validate_case(load_case(write_case(tmp_path, data))))
    assert a.amounts.promise is None and not a.amounts.promised
    assert [p.text for p in argued_promises(a.case, a.amounts)] == ["无效包退包换"]
    warned = " ".join(a.warnings)
    assert "卖家的承诺“假一赔十”（order.promises[0]）针对的是自动续费扣款，本案 problems 中没有这些问题" in warned


def test_no_low_price_warning_for_the_advertised_first_month_of_an_auto_renewal(tmp_path):
    """9.90 paid for an auto-renewal advertised “首月9.9元”, against 30 official: the low price was the offer itself,
    not a sign of a trial or a forged code; a first month advertised at another price still gets the advice."""
    data = sample_data("mango-auto-renewal.yaml")
    first_month = "芒果TV会员首月9.9元，之后每月25元自动续费，随时可取消"
    data["order"].update(price=9.9, official_price=30, advertised=first_month)
    assert not any("三分之二" in w for w in warnings_for(tmp_path, data))
    data["order"]["advertised"] = "芒果TV会员首月19.9元，之后每月25元自动续费"
    assert any("实付9.90元，不到您填写的官方价格30.00元的三分之二" in w for w in warnings_for(tmp_path, data))


def test_an_undertaking_in_the_advertising_that_no_promise_holds_is_pointed_out(tmp_path):
    """“兑换失败包退” written only in `advertised`: the filings argue it as advertising, so the user is told to put
    it in order.promises to plead it as a promise — and not told again once it is there."""
    data = sample_data("iqiyi-fraud.yaml")
    data["order"]["advertised"] = "爱奇艺黄金VIP 12个月兑换码，正规渠道，兑换失败包退"
    data["order"].pop("promises", None)
    for item in data["evidence"]:
        item["about"] = [a for a in item.get("about", []) if a != "promises"] or ["fraud"]
    warnings = analyse(validate_case(load_case(write_case(tmp_path, data)))).warnings
    assert any("宣传中的“兑换失败包退”像是卖家的承诺" in w and "order.promises" in w for w in warnings)
    assert not any("“正规渠道”像是" in w for w in warnings)
    data["order"]["promises"] = [{"text": "兑换失败包退", "covers": ["fraud"]}]
    warnings = analyse(validate_case(load_case(write_case(tmp_path, data)))).warnings
    assert not any("像是卖家的承诺" in w for w in warnings)


def test_a_demand_in_the_users_own_words_is_a_request_not_a_statement(tmp_path):
    """“我不要5块钱红包，要全额退款…”, “以后别再给她打推销电话”: demands, listed as the user's requests; a plain
    remark stays a statement."""
    for extra, request in (
        ("我不要5块钱红包，要全额退款，店铺还得承认自己卖的是合租号", True),
        ("我妈年纪大了，以后别再给她打推销电话", True),
        ("这家店在好几个群里都有人说被骗过", False),
    ):
        data = sample_data("txvip-rights-mismatch.yaml")
        data.setdefault("claims", {})["extra"] = extra
        facts = analyse(validate_case(load_case(write_case(tmp_path, data)))).facts
        assert ("extra_is_request" in facts) is request, extra


def _relation_of(tmp_path, account: str, relation: str | None = None) -> str:
    data = sample_data("txvip-rights-mismatch.yaml")
    data["representative"] = {"name": "周建军", "phone": "13800001111", **({"relation": relation} if relation else {})}
    data["problems"][0]["description"] = account
    return representative_relation(validate_case(load_case(write_case(tmp_path, data))).case)


def test_the_writers_relation_is_what_their_own_words_make_it(tmp_path):
    """One who writes “我妈付了…” is the complainant's child; “我外婆” a grandchild; “我家老人” only family."""
    assert _relation_of(tmp_path, "我妈付了128买一年的，只到了3个月") == "子女"
    assert _relation_of(tmp_path, "我外婆在群里买的，只到了3个月") == "外孙子女"
    assert _relation_of(tmp_path, "我家老人买的，只到了3个月") == "家属"
    assert _relation_of(tmp_path, "我妈付了128买一年的", relation="儿子") == "儿子"  # the case's word comes first


def test_nothing_at_all_came_in_the_users_words_is_a_non_delivery(tmp_path):
    """“说马上开，结果等了两天什么都没有” — nothing came: not a membership found other than advertised; “什么都没
    问题” is no such account."""
    data = sample_data("iqiyi-fraud.yaml")
    data["problems"][0]["description"] = "我用支付宝转给她了，说马上开，结果等了两天什么都没有"
    assert "nothing_delivered" in facts_of(tmp_path / "a", data)
    data["problems"][0]["description"] = "兑换码提示无效，客服说什么都没问题"
    assert "nothing_delivered" not in facts_of(tmp_path / "b", data)


def test_a_consultation_coded_as_accepted_is_pointed_out(tmp_path):
    """“到消协窗口咨询 … 同意帮我写材料” marked accepted: the filings would say a complaint was accepted, so the
    summary says where the code and the record differ; a record that says 受理 is left alone."""
    from generator.filings.analyse import consultation_warnings

    data = sample_data("txvip-rights-mismatch.yaml")
    asked = {"date": "2026-11-20", "with": "consumer_association", "method": "到消协窗口咨询", "result": "accepted"}
    data["contacts"].append({**asked, "summary": "工作人员同意帮我写材料向12315投诉"})
    case = validate_case(load_case(write_case(tmp_path / "a", data))).case
    (warning,) = consultation_warnings(case)
    assert warning.startswith("2026年11月20日的沟通（到消协窗口咨询）标为已受理") and "result 改为 promised" in warning
    data["contacts"][-1]["summary"] = "消协受理了，说会安排调解"
    assert consultation_warnings(validate_case(load_case(write_case(tmp_path / "b", data))).case) == []


def test_a_seller_who_deleted_the_buyer_abandoned_them_and_a_deleted_review_does_not(tmp_path):
    """“把我爸微信删了”, “发现已经被删了”: the seller cut the buyer off (the police report's ground); a seller who
    deleted a bad review did not."""
    data = sample_data("iqiyi-fraud.yaml")
    assert "seller_abandoned_buyer" not in facts_of(tmp_path, data)
    for words in ("他说过几天给补，然后第二天就把我爸微信删了", "再发消息发现已经被删了", "卖家把我删除了"):
        data["problems"][0]["description"] = words
        assert "seller_abandoned_buyer" in facts_of(tmp_path, data), words
    data["problems"][0]["description"] = "我给了差评，商家把我的差评删了，发现已经被删了评论"
    assert "seller_abandoned_buyer" not in facts_of(tmp_path, data)


def test_a_small_sum_offered_back_is_a_partial_refund_offer(tmp_path):
    """“给你退5块钱算了” of a 148-yuan card is an offer to refund a part, answered as one."""
    data = sample_data("txvip-rights-mismatch.yaml")
    data["contacts"] = [
        {"date": "2026-09-03", "with": "platform", "method": "在线客服", "summary": "店家说“给你退5块钱算了”，我不同意"}
    ]
    data["contacts"][0]["result"] = "partial"
    assert "partial_refund_offered" in facts_of(tmp_path, data)
    data["contacts"][0]["summary"] = "店家说“过两天再看看”，我不同意"
    assert "partial_refund_offered" not in facts_of(tmp_path, data)


def test_a_renewal_the_user_says_was_never_mentioned_is_a_hidden_term(tmp_path):
    """“根本没说会自动续费”: the user's own words say the renewal was not told — the notice duty is argued as for
    terms_hidden; “没说怎么取消” is about cancelling, not the renewal."""
    data = sample_data("mango-auto-renewal.yaml")
    renewal = data["problems"][0]
    renewal.pop("terms_hidden", None)
    renewal["default_checked"] = False
    renewal["description"] = "页面上写的包月，也没说怎么取消"
    assert "renewal_terms_hidden" not in facts_of(tmp_path, data)
    for words in ("买的时候根本没说会自动续费，结果每月扣25", "我根本不知道会自动扣费"):
        renewal["description"] = words
        assert "renewal_terms_hidden" in facts_of(tmp_path, data), words


def test_a_threat_to_block_is_no_block(tmp_path):
    """“再闹就拉黑”, “小心拉黑你”: threatened, not done — the buyer is not cut off; “客服直接把我拉黑了” is."""
    data = sample_data("iqiyi-fraud.yaml")
    for words, blocked in (
        ("客服说“再闹就拉黑”", False),
        ("客服说“小心拉黑你”", False),
        ("过了两天客服直接把我拉黑了", True),
        ("然后就拉黑了", True),
    ):
        data["problems"][0]["description"] = words
        assert ("seller_blocked_buyer" in facts_of(tmp_path, data)) is blocked, words
