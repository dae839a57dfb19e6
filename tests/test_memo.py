"""A remembered answer is given back for the very same objects, never for equal ones."""

from __future__ import annotations

from generator.memo import by_identity


def counting(size: int):
    calls: list[tuple] = []

    @by_identity(size)
    def answer(*args):
        calls.append(args)
        return [len(calls)]

    return answer, calls


def test_the_same_objects_get_the_first_answer_without_a_second_call():
    answer, calls = counting(2)
    case = ["a case"]
    first = answer(case, frozenset({"fraud"}))
    facts = frozenset({"fraud"})
    assert answer(case, facts) is not first  # equal facts, another object: computed again
    assert answer(case, facts) is answer(case, facts)
    assert len(calls) == 2


def test_equal_but_distinct_arguments_are_computed_again():
    answer, calls = counting(4)
    assert answer(["x"]) == [1]
    assert answer(["x"]) == [2]


def test_only_the_last_size_answers_are_kept():
    answer, calls = counting(2)
    a, b, c = ["a"], ["b"], ["c"]
    answer(a), answer(b), answer(c)  # a is forgotten
    answer(c), answer(b)
    assert len(calls) == 3
    answer(a)
    assert len(calls) == 4
