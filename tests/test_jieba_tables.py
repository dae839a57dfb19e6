"""The stored jieba table answers every look-up as jieba's own tables do, and cuts the same."""

from __future__ import annotations

import os
import random

import pytest

from generator.filings import jieba_tables


@pytest.fixture(scope="module")
def jieba_own():
    """jieba's own prefix dictionary, total and tags, built by jieba's parsers from its dictionary file."""
    jieba, posseg = jieba_tables._import_jieba()
    tokenizer = jieba.Tokenizer()
    freq, total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    tagger = posseg.POSTokenizer(tokenizer)
    tagger.load_word_tag(tokenizer.get_dict_file())
    return jieba, freq, total, tagger.word_tag_tab


@pytest.fixture(scope="module")
def stored(jieba_own, tmp_path_factory):
    jieba = jieba_own[0]
    path = jieba_tables._table_file(tmp_path_factory.mktemp("cache"), jieba)
    jieba_tables._write_table(path, jieba.dt.get_dict_file())
    return jieba_tables._Words(path)


def test_the_total_is_jiebas(jieba_own, stored):
    assert stored.total() == jieba_own[2]


def test_words_prefixes_and_strangers_read_as_jieba_has_them(jieba_own, stored):
    """Every 50th entry of jieba's prefix dictionary (words with their frequency, prefixes with 0), their tags, and
    fragments that begin no word, including ones sorting between a prefix and its word."""
    _, freq, _, tags = jieba_own
    rng = random.Random(17)
    keys = sorted(freq)[::50]
    strangers = [k + "\U0001f600" for k in rng.sample(keys, 300)] + ["\x00", "龘龘龘龘", "zzzzzz"]
    for key in keys + strangers:
        assert stored.freq.get(key) == freq.get(key), key
        assert stored.tag.get(key) == tags.get(key), key
        assert (key in stored.freq) is (key in freq), key


def test_a_cut_is_jiebas_own(jieba_own, stored):
    """The tagger on the stored table cuts a case's free text as jieba's tagger on its own tables does."""
    jieba, freq, total, tags = jieba_own
    text = "我在卡盟花了198元买的腾讯视频年卡，卖家王建国说是官方直充，结果只到了三个月体验会员，客服李小红一直不回复。"
    own = jieba.Tokenizer()
    own.FREQ, own.total, own.initialized = freq, total, True
    from jieba import posseg

    own_tagger = posseg.POSTokenizer(own)
    own_tagger.word_tag_tab = tags
    on_table = jieba.Tokenizer()
    on_table.FREQ, on_table.total, on_table.initialized = stored.freq, stored.total(), True
    table_tagger = posseg.POSTokenizer(on_table)
    table_tagger.word_tag_tab = stored.tag
    assert [tuple(p) for p in table_tagger.cut(text, HMM=False)] == [tuple(p) for p in own_tagger.cut(text, HMM=False)]


def test_a_new_table_keeps_one_older_table_beside_it(tmp_path):
    """Tables of earlier versions do not pile up in the cache folder: the newest other one stays, the rest go,
    and the folder's other entries are left alone."""
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    for age, name in enumerate(("jieba-words-old1.sqlite", "jieba-words-old2.sqlite", "jieba-words-old3.sqlite")):
        (folder / name).write_bytes(b"")
        os.utime(folder / name, (1_000_000 - age * 1000, 1_000_000 - age * 1000))
    (folder / "checked-rules.yaml-x.pickle").write_bytes(b"")
    jieba, _ = jieba_tables._import_jieba()
    store = jieba_tables._table_file(folder, jieba)
    jieba_tables._write_table(store, jieba.dt.get_dict_file())
    jieba_tables._drop_older_tables(store)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [store.name, "jieba-words-old1.sqlite", "checked-rules.yaml-x.pickle"]
    )
