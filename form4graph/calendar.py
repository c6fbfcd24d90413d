"""US federal business days: the Section 16(a) deadline of a Form 4 and how late a line was reported.

A Form 4 is due before the end of the second business day after the transaction (the deemed execution
date where one is given). Business days skip weekends and US federal holidays (5 U.S.C. 6103, with the
Saturday-to-Friday and Sunday-to-Monday observance rules); SPARQL cannot compute this portably, so the
mapping materialises the due date and the business days late on each transaction line.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    last = (date(year, month + 1, 1) if month < 12 else date(year + 1, 1, 1)) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: date) -> date:
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


@cache
def federal_holidays(year: int) -> frozenset[date]:
    """The observed US federal holidays that fall in ``year``."""
    monday, thursday = 0, 3
    days = {
        _observed(date(year, 1, 1)), _observed(date(year + 1, 1, 1)),  # Jan 1 of next year may be observed Dec 31
        _nth_weekday(year, 2, monday, 3), _last_weekday(year, 5, monday), _observed(date(year, 7, 4)),
        _nth_weekday(year, 9, monday, 1), _nth_weekday(year, 10, monday, 2), _observed(date(year, 11, 11)),
        _nth_weekday(year, 11, thursday, 4), _observed(date(year, 12, 25)),
    }
    if year >= 1986:
        days.add(_nth_weekday(year, 1, monday, 3))  # Birthday of Martin Luther King, Jr.
    if year >= 2021:
        days.add(_observed(date(year, 6, 19)))  # Juneteenth National Independence Day
    return frozenset(d for d in days if d.year == year)


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in federal_holidays(day.year)


def add_business_days(day: date, count: int) -> date:
    while count > 0:
        day += timedelta(days=1)
        if is_business_day(day):
            count -= 1
    return day


def form4_due_date(transaction_date: date, deemed_execution_date: date | None = None) -> date:
    """The last day a Form 4 for this transaction is on time: two business days after it."""
    return add_business_days(deemed_execution_date or transaction_date, 2)


def business_days_late(due: date, filed: date) -> int:
    """Business days after ``due`` up to and including ``filed`` (0 when filed on or before ``due``)."""
    if filed <= due:
        return 0
    late, day = 0, due
    while day < filed:
        day += timedelta(days=1)
        if is_business_day(day):
            late += 1
    return late


EPOCH = date(1970, 1, 1)


def day_number(day: date) -> int:
    """Days since 1970-01-01: lets SPARQL do "within D days" with integer arithmetic on every engine."""
    return (day - EPOCH).days
