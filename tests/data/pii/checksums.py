"""Check digits of the identifiers the PII set generators insert (make_holdout*_set.py): one copy for
all of them, so a generator's self-check and the values it makes agree on the same rules.

Every function is pure and ignores the random stream, so a generator's output does not depend on
which copy of these rules it uses."""


def luhn_ok(number):
    """Luhn (cards, Canadian SIN): the digits of `number`, separators ignored."""
    total = 0
    for i, d in enumerate(int(c) for c in reversed(number) if c.isdigit()):
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def luhn_complete(body):
    """`body` with the one check digit that makes it Luhn-valid."""
    for c in "0123456789":
        if luhn_ok(body + c):
            return body + c
    raise AssertionError(body)


def aba_ok(number):
    """ABA routing number: 9 digits, weights 3-7-1."""
    return len(number) == 9 and number.isdigit() and \
        sum(int(c) * w for c, w in zip(number, [3, 7, 1] * 3)) % 10 == 0


def iban_mod97(iban):
    """ISO 13616 remainder of an IBAN (blanks and case ignored); 1 for a valid one."""
    s = iban.replace(" ", "").upper()
    s = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97


def iban_ok(iban):
    """Check digits only; a generator that knows country lengths adds that test itself."""
    return iban_mod97(iban) == 1
