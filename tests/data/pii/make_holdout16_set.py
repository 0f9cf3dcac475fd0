#!/usr/bin/env python3
"""Generate the blind holdout16 banking-chat PII test set (written without looking at the detector).

Focus: as close to the dev set (banking_chat_pii_dev.jsonl) as possible without copying it. Short
single customer messages (mean ~70 characters, ~1.4 values per message), the occasional "bot: ...
user: ..." exchange, the dev set's openings ("hey", "Hi,", "Hi there.", "Good morning,", ...) on
about a quarter of the messages, its sign-offs ("thx", "pls help", "ASAP", "??", ":(") on about a
fifth, and about one message in six all lower case. Own templates (new wordings, new situations:
disputes, card replacement, login trouble, payee setup, statements, address change, account
opening, fraud, travel, loans, business banking); the type mix follows the dev set's counts scaled
to 300 records (every template once, then a greedy fill towards the scaled counts); ~22% hard
negatives in the dev set's style (amounts, counts, durations, merchants, product names).
Styles: US (most), UK (addresses, phones, NI numbers, DD Month dates), and the European IBANs and
dd.mm.yyyy dates the dev set shows.

Labelling rules (the dev set's): spans cover the value only, never the cue word. A postal address,
full or partial (street only; street and town; street, town, state and ZIP; UK street, town and
postcode), is one ADDRESS span. Calendar dates (birth, transaction, due, travel) are DATE_TIME;
durations, counts and month spans ("last 6 months") are not. Full names and first names alone are
NAME. Card expiry is CREDIT_DEBIT_EXPIRY, the 3-digit code CREDIT_DEBIT_CVV, a card PIN or app
passcode PIN, US ABA numbers BANK_ROUTING, 8-12 digit account numbers BANK_ACCOUNT_NUMBER. Both the
old and the new value of a change are labelled. Amounts, merchant names, durations and counts are
not labelled. Only types the dev set uses occur, and only value shapes it shows (no clock times,
ages, 4-digit card codes, sort codes, one-time passcodes, card last-4). Every card passes Luhn,
every ABA number its 3-7-1 check, every IBAN mod-97 with its country's real length. Offsets are
Python str (code point) indices; all text is ASCII.

Usage: python3 make_holdout16_set.py [out.jsonl]   (stdlib only, fixed seed)
"""
import collections
import datetime
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checksums import aba_ok, iban_mod97, iban_ok, luhn_complete, luhn_ok  # noqa: E402
from dev_mix import DEV_COUNTS, DEV_RECORDS  # noqa: E402

R = random.Random(160316)

# ---------------------------------------------------------------- value pools
FIRST = ["Aaliyah", "Benjamin", "Chen", "Dmitri", "Esperanza", "Farah", "Gabriel", "Hana", "Ibrahim",
         "Jasmine", "Kenji", "Lucia", "Marcus", "Nia", "Oscar", "Pooja", "Quentin", "Rania", "Stefan",
         "Tanisha", "Umar", "Valentina", "Wesley", "Ximena", "Yusuf", "Zara", "Adebayo", "Bridget",
         "Diego", "Eilidh", "Femi", "Gustavo", "Harriet", "Ines", "Joaquin", "Keisha", "Lars",
         "Meera", "Nathaniel", "Olga", "Patrick", "Rhys", "Siobhan", "Tariq", "Vikram", "Yara",
         "Connor", "Amara", "Hugo", "Leila", "Daniel", "Sophie", "Arjun", "Chloe", "Jake", "Mia"]
LAST = ["Abubakar", "Baker", "Chowdhury", "Delgado", "Eriksen", "Fitzgerald", "Gutierrez", "Holloway",
        "Iyer", "Johansson", "Kowalski", "Lindqvist", "MacLeod", "Nakamura", "Okafor", "Pereira",
        "Quinn", "Richter", "Sandoval", "Takahashi", "Usman", "Vasquez", "Whitfield", "Yilmaz",
        "Zielinski", "Adeyemi", "Brennan", "Costa", "Dlamini", "Evans", "Farouk", "Greenberg",
        "Haddad", "Ivanova", "Jenkins", "Khan", "Lopez", "Morrison", "Nowak", "O'Connor", "Patel",
        "Rossi", "Sullivan", "Tran", "Andersson", "Bianchi", "Carter", "Novak", "Mendoza", "Ahmed"]
WORDS = ["amber", "birch", "comet", "delta", "falcon", "glacier", "hazel", "indigo", "juniper",
         "koala", "lotus", "meadow", "nebula", "otter", "prairie", "quill", "raven", "sierra",
         "tundra", "violet", "walnut", "zephyr", "cedar", "pebble", "thistle", "saffron"]
EMAIL_DOMAINS = ["example.com", "example.org", "example.net", "post.example.co.uk", "inbox.test",
                 "mail.example"]
US_CITIES = [("Portland", "OR"), ("Austin", "TX"), ("Buffalo", "NY"), ("Fresno", "CA"),
             ("Tulsa", "OK"), ("Louisville", "KY"), ("Spokane", "WA"), ("Mesa", "AZ"),
             ("Savannah", "GA"), ("Dayton", "OH"), ("Provo", "UT"), ("Lansing", "MI"),
             ("Hartford", "CT"), ("Reno", "NV"), ("Wichita", "KS"), ("Charleston", "SC"),
             ("Des Moines", "IA"), ("Anchorage", "AK"), ("Baton Rouge", "LA"), ("Pittsburgh", "PA")]
US_STREETS = ["Maple", "Oak", "Cedar", "Walnut", "Jefferson", "Lincoln", "Magnolia", "Cherry",
              "Park", "Ridge", "Meadow", "Sycamore", "Madison", "Lakeview", "Chestnut", "Aspen"]
US_SUFFIX = ["St", "Street", "Ave", "Avenue", "Rd", "Road", "Dr", "Drive", "Blvd", "Ct", "Court",
             "Lane", "Ln", "Pl", "Way", "Terrace"]
UK_TOWNS = ["Leeds", "Sheffield", "Nottingham", "Exeter", "York", "Swansea", "Reading", "Leicester",
            "Glasgow", "Derby", "Oxford", "Plymouth", "Bath", "Aberdeen", "Coventry", "Belfast"]
UK_STREETS = ["Station", "Victoria", "Queens", "Manor", "Kings", "Mill", "Grove", "Albert",
              "Chapel", "Orchard", "Priory", "Abbey", "Windsor", "Beech", "Clifton"]
UK_SUFFIX = ["Road", "Street", "Lane", "Close", "Avenue", "Terrace", "Gardens", "Crescent", "Mews",
             "Place", "Drive", "Way"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MERCHANTS = ["Amazon", "Netflix", "Walmart", "Costco", "Tesco", "Deliveroo", "Airbnb", "Ryanair",
             "Apple", "eBay", "Lyft", "Home Depot", "Sainsbury's", "a petrol station", "a restaurant",
             "a parking app", "an online shop", "the gym", "Best Buy", "Argos"]
SWIFT_COUNTRIES = ["US", "GB", "DE", "FR", "ES", "IT", "NL", "IE", "CH", "SG", "JP", "CA", "AU",
                   "PT", "BE", "MX", "IN", "ZA"]
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ALNUM = UPPER + "0123456789"


def d(n):
    return "".join(R.choice("0123456789") for _ in range(n))


def first():
    return R.choice(FIRST)


def full_name():
    r = R.random()
    if r < 0.08:
        return "%s %s. %s" % (first(), R.choice(UPPER), R.choice(LAST))
    return "%s %s" % (first(), R.choice(LAST))


def card():
    kind = R.choices(["visa", "mc", "mc2", "disc", "amex"], [45, 25, 5, 10, 15])[0]
    if kind == "amex":
        num = luhn_complete(R.choice(["34", "37"]) + d(12))
        return R.choice([num, "%s %s %s" % (num[:4], num[4:10], num[10:])])
    body = {"visa": "4" + d(14), "mc": "5" + R.choice("12345") + d(13),
            "mc2": "2" + R.choice(["221", "350", "480", "615", "720"]) + d(11), "disc": "6011" + d(11)}[kind]
    num = luhn_complete(body)
    g = [num[i:i + 4] for i in range(0, 16, 4)]
    return R.choices([num, " ".join(g), "-".join(g)], [45, 45, 10])[0]


def expiry():
    m, y = R.randint(1, 12), R.randint(25, 32)
    return R.choice(["%02d/%02d" % (m, y), "%02d-%02d" % (m, y), "%d/%02d" % (m, y),
                     "%02d/20%02d" % (m, y)])


def cvv():
    return d(3)


def pin():
    return d(4) if R.random() < 0.75 else d(6)


def account():
    return d(R.choice([8, 9, 10, 10, 11, 12]))


def routing():
    while True:
        body = R.choice("0123") + d(7)
        for c in "0123456789":
            if aba_ok(body + c):
                return body + c


IBAN_SHAPES = {  # country: (length, BBAN maker)
    "DE": (22, lambda: d(18)), "GB": (22, lambda: "".join(R.choice(UPPER) for _ in range(4)) + d(14)),
    "NL": (18, lambda: "".join(R.choice(UPPER) for _ in range(4)) + d(10)),
    "ES": (24, lambda: d(20)), "IE": (22, lambda: "".join(R.choice(UPPER) for _ in range(4)) + d(14)),
    "FR": (27, lambda: d(23)), "IT": (27, lambda: R.choice(UPPER) + d(22)), "BE": (16, lambda: d(12)),
    "PT": (25, lambda: d(21)), "AT": (20, lambda: d(16)),
}


def iban(country=None):
    c = country or R.choice(["DE", "DE", "GB", "NL", "ES", "IE", "FR", "IT", "BE", "PT", "AT"])
    length, mk = IBAN_SHAPES[c]
    bban = mk()
    check = 98 - iban_mod97(c + "00" + bban)
    s = "%s%02d%s" % (c, check, bban)
    assert len(s) == length and iban_ok(s), s
    return s if R.random() < 0.5 else " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def swift():
    s = "".join(R.choice(UPPER) for _ in range(4)) + R.choice(SWIFT_COUNTRIES) + \
        R.choice(UPPER) + R.choice(ALNUM)
    return s + R.choice(["", "XXX", "".join(R.choice(ALNUM) for _ in range(3))])


def ssn():
    area = R.choice([a for a in range(1, 900) if a != 666])
    s = "%03d%02d%04d" % (area, R.randint(1, 99), R.randint(1, 9999))
    return s if R.random() < 0.35 else "%s-%s-%s" % (s[:3], s[3:5], s[5:])


def itin():
    return "9%s-%d-%s" % (d(2), R.choice(list(range(70, 89)) + [90, 91, 92, 94, 95, 96, 97, 98, 99]), d(4))


def nino():
    ok1 = [c for c in UPPER if c not in "DFIQUV"]
    ok2 = [c for c in ok1 if c != "O"]
    while True:
        p = R.choice(ok1) + R.choice(ok2)
        if p not in ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ"):
            break
    n = d(6)
    s = R.choice("ABCD")
    return p + n + s if R.random() < 0.75 else "%s %s %s %s %s" % (p, n[:2], n[2:4], n[4:], s)


def passport():
    return R.choice([d(9), R.choice(UPPER) + d(8), R.choice(UPPER) + R.choice(UPPER) + d(7)])


def driver():
    return R.choice([d(8), d(9), R.choice(UPPER) + d(11), R.choice(UPPER) + d(7)])


def mac():
    b = ["%02X" % R.randint(0, 255) for _ in range(6)]
    s = R.choice([":", "-"]).join(b)
    return s.lower() if R.random() < 0.3 else s


def ip():
    r = R.random()
    if r < 0.35:
        return "192.0.2.%d" % R.randint(1, 254)
    if r < 0.55:
        return "198.51.100.%d" % R.randint(1, 254)
    if r < 0.75:
        return "203.0.113.%d" % R.randint(1, 254)
    return "2001:db8:%x::%x" % (R.randint(0x1000, 0xffff), R.randint(0x10, 0xffff))


def username():
    f, l = first().lower(), R.choice(LAST).lower().replace("'", "")
    return R.choice(["%s_%s" % (R.choice(WORDS), f), "%s.%s" % (f, l), "%s%s%d" % (f[0], l, R.randint(1, 99)),
                     "%s%d" % (f, R.randint(1960, 2005)), "%s_%s%d" % (f, l[0], R.randint(10, 99)),
                     "%s.%s" % (R.choice(WORDS), R.choice(WORDS))])


def password():
    w1, w2 = R.choice(WORDS), R.choice(WORDS)
    leet = w1.replace("a", "@").replace("e", "3").replace("o", "0")
    return R.choice(["%s%s%d%s" % (w1.title(), w2.title(), R.randint(10, 99), R.choice("!?.#")),
                     "%s%d" % (leet, R.randint(1, 99)), "%s#%d" % (w1.title(), R.randint(100, 9999)),
                     "".join(R.choice(ALNUM + "abcdefghijkmnpqrstuvwxyz") for _ in range(R.randint(8, 13))),
                     "%s*%d" % (w1.title(), R.randint(1000, 9999)), "%s%d" % (w1, R.randint(10, 99))])


def email():
    f, l = first().lower(), R.choice(LAST).lower().replace("'", "")
    local = R.choice(["%s.%s" % (f, l), "%s%s%d" % (f, l, R.randint(1, 99)), "%s_%s" % (f, l),
                      "%s%d" % (R.choice(WORDS), R.randint(100, 999)), "%s%s" % (f[0], l),
                      "%s.%s%d" % (l, f, R.randint(1, 99))])
    return "%s@%s" % (local, R.choice(EMAIL_DOMAINS))


def url():
    w1, w2 = R.choice(WORDS), R.choice(WORDS)
    host = R.choice(["%s-%s.example.com" % (w1, w2), "%s%s.test" % (w1, w2), "secure-%s.example.net" % w1,
                     "%sbank-login.example.org" % w1, "www.%s-%s.example.com" % (w1, w2)])
    path = R.choice(["", "/login", "/verify?id=%s" % d(6), "/s/%s" % d(5), "/account/update",
                     "/card/confirm", "/%s/%d" % (w2, R.randint(10, 99))])
    scheme = "" if host.startswith("www.") and R.random() < 0.5 else "https://"
    return scheme + host + path


def phone_us():
    a = R.choice(["212", "305", "312", "415", "503", "617", "646", "702", "713", "206", "919", "480"])
    n = "01%02d" % R.randint(0, 99)
    return R.choice(["(%s) 555-%s" % (a, n), "%s-555-%s" % (a, n), "%s.555.%s" % (a, n),
                     "+1 %s 555 %s" % (a, n), "1-%s-555-%s" % (a, n), "%s555%s" % (a, n)])


def phone_uk():
    return R.choice(["07700 900%03d" % R.randint(0, 999), "+44 7700 900%03d" % R.randint(0, 999),
                     "+44 20 7946 0%03d" % R.randint(0, 999), "020 7946 0%03d" % R.randint(0, 999),
                     "0161 496 0%03d" % R.randint(0, 999), "+44 113 496 0%03d" % R.randint(0, 999)])


def phone():
    return phone_us() if R.random() < 0.7 else phone_uk()


def addr_us(level=None):
    num = str(R.randint(10, 9999))
    street = "%s %s" % (R.choice(US_STREETS), R.choice(US_SUFFIX))
    if R.random() < 0.15:
        street += R.choice([" Apt %d" % R.randint(1, 40), ", Unit %d" % R.randint(1, 30),
                            " #%d" % R.randint(1, 20), ", Apt. %d%s" % (R.randint(1, 9), R.choice("ABC"))])
    city, st = R.choice(US_CITIES)
    level = level or R.choices(["full", "city", "street"], [65, 22, 13])[0]
    if level == "full":
        return "%s %s, %s, %s %05d" % (num, street, city, st, R.randint(10000, 99999))
    if level == "city":
        return "%s %s, %s" % (num, street, city)
    return "%s %s" % (num, street)


def postcode():
    a = R.choice(["LS", "S", "NG", "EX", "YO", "SA", "RG", "LE", "G", "DE", "OX", "PL", "BA", "AB",
                  "CV", "BT", "M", "B"])
    return "%s%d %d%s%s" % (a, R.randint(1, 28), R.randint(1, 9), R.choice("ABDEFGHJLNPQRSTUWXYZ"),
                            R.choice("ABDEFGHJLNPQRSTUWXYZ"))


def addr_uk():
    return "%d %s %s, %s %s" % (R.randint(1, 240), R.choice(UK_STREETS), R.choice(UK_SUFFIX),
                                R.choice(UK_TOWNS), postcode())


def addr():
    return addr_us() if R.random() < 0.72 else addr_uk()


LAST_DATE = [None]  # the previous DATE of the message, so that "from X to Y" ranges run forwards


def date_any(lo=2023, hi=2026):
    when = datetime.date(R.randint(lo, hi), R.randint(1, 12), R.randint(1, 28))
    LAST_DATE[0] = when
    return date_text(when)


def date_after():
    """A date 3-60 days after the message's previous DATE."""
    return date_text(LAST_DATE[0] + datetime.timedelta(days=R.randint(3, 60)))


def date_text(when):
    y, m, dd = when.year, when.month, when.day
    mon = MONTHS[m - 1]
    return R.choice(["%02d/%02d/%d" % (m, dd, y), "%s %d" % (mon, dd), "%s %d, %d" % (mon, dd, y),
                     "%d %s" % (dd, mon), "%d-%02d-%02d" % (y, m, dd), "%s %d%s" % (mon, dd, suffix(dd)),
                     "%d/%d/%d" % (m, dd, y), "%d %s %d" % (dd, mon, y)])


def suffix(n):
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def dob():
    y, m, dd = R.randint(1940, 2005), R.randint(1, 12), R.randint(1, 28)
    mon = MONTHS[m - 1]
    return R.choice(["%d/%d/%d" % (m, dd, y), "%02d/%02d/%d" % (m, dd, y), "%d %s %d" % (dd, mon, y),
                     "%d-%02d-%02d" % (y, m, dd), "%02d.%02d.%d" % (dd, m, y), "%s %d, %d" % (mon, dd, y),
                     "%d %s %d" % (dd, mon.lower(), y)])


def amount():
    return R.choice(["$%d.%02d" % (R.randint(5, 900), R.randint(0, 99)), "$%d" % R.randint(20, 3000),
                     "$%d,%03d" % (R.randint(1, 9), R.randint(0, 999)), "GBP %d.%02d" % (R.randint(5, 500), R.randint(0, 99)),
                     "EUR %d" % R.randint(10, 4000), "%d dollars" % R.randint(20, 2000),
                     "%d.%02d USD" % (R.randint(5, 300), R.randint(0, 99))])


# Entity slots: placeholder -> (type, maker). Fillers are lower-case placeholders and never labelled.
SLOTS = {
    "NAME": ("NAME", full_name), "FIRST": ("NAME", first), "EMAIL": ("EMAIL", email),
    "PHONE": ("PHONE", phone), "PHONE_US": ("PHONE", phone_us), "PHONE_UK": ("PHONE", phone_uk),
    "ADDR": ("ADDRESS", addr), "ADDR_US": ("ADDRESS", lambda: addr_us("full")), "ADDR_UK": ("ADDRESS", addr_uk),
    "DATE": ("DATE_TIME", date_any), "DATE_TO": ("DATE_TIME", date_after), "DOB": ("DATE_TIME", dob), "CARD": ("CREDIT_DEBIT_NUMBER", card),
    "EXP": ("CREDIT_DEBIT_EXPIRY", expiry), "CVV": ("CREDIT_DEBIT_CVV", cvv), "PIN": ("PIN", pin),
    "ACCT": ("BANK_ACCOUNT_NUMBER", account), "ROUTING": ("BANK_ROUTING", routing),
    "IBAN": ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", iban),
    "IBAN_GB": ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", lambda: iban("GB")),
    "IBAN_NL": ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", lambda: iban("NL")),
    "SWIFT": ("SWIFT_CODE", swift), "SSN": ("SSN", ssn), "ITIN": ("US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", itin),
    "NINO": ("UK_NATIONAL_INSURANCE_NUMBER", nino), "PASSPORT": ("PASSPORT_NUMBER", passport),
    "DL": ("DRIVER_ID", driver), "MAC": ("MAC_ADDRESS", mac), "IP": ("IP_ADDRESS", ip),
    "USER": ("USERNAME", username), "PWD": ("PASSWORD", password), "URL": ("URL", url),
}
FILLERS = {"amt": amount, "merchant": lambda: R.choice(MERCHANTS),
           "brand": lambda: R.choice([m for m in MERCHANTS if m[0].isupper()]), "n": lambda: str(R.randint(2, 9)),
           "days": lambda: str(R.randint(2, 15)), "months": lambda: str(R.randint(2, 24)),
           "years": lambda: str(R.randint(2, 7)), "pct": lambda: "%d.%d%%" % (R.randint(1, 9), R.randint(0, 9))}

# ---------------------------------------------------------------- templates (category, text)
POSITIVE = [
    # account opening / KYC
    ("account_opening", "I'm opening a joint account with {NAME}, what do they need besides their SSN {SSN}?"),
    ("account_opening", "For the application: passport {PASSPORT}, issued {DATE}. Is that enough?"),
    ("account_opening", "The signup form won't take my ITIN {ITIN}, it keeps saying invalid"),
    ("account_opening", "My national insurance number is {NINO}, do you need anything else for the ISA?"),
    ("account_opening", "Uploaded my driving licence, number {DL}, but the app still says pending"),
    ("account_opening", "Opening a business account. Owner {NAME}, date of birth {DOB}, home address {ADDR}"),
    ("account_opening", "Can I open a savings account for my child {FIRST}? Born {DATE}"),
    ("account_opening", "I only have a passport ({PASSPORT}) and a driver license {DL}, will that work?"),
    ("account_opening", "New customer here, my email is {EMAIL} and my mobile is {PHONE}"),
    ("account_opening", "Application says incomplete. I gave NI {NINO} and address {ADDR_UK}"),
    ("account_opening", "Do you need my SSN {SSN} or is my passport {PASSPORT} enough to open a checking account?"),
    # balances / transfers
    ("transfers", "Please move $400 from savings {ACCT} to checking {ACCT}"),
    ("transfers", "Is my paycheck in yet? Account {ACCT}, it was due {DATE}"),
    ("transfers", "Wire came back rejected, I used routing {ROUTING} and account {ACCT}. What's wrong?"),
    ("transfers", "My employer needs the ABA number, is it {ROUTING} for checking?"),
    ("transfers", "I sent {amt} to {NAME} on {DATE} and they say nothing arrived"),
    ("transfers", "Can you tell me the balance on {ACCT}? I can't get into the app"),
    ("transfers", "A transfer of {amt} to {ACCT} shows as returned, what happened?"),
    ("transfers", "Standing order to {ACCT} goes out on {DATE}, please cancel it"),
    ("transfers", "Money I moved to my own account {ACCT} on {DATE} is missing"),
    # payees
    ("payees", "Add a new payee please: {NAME}, account {ACCT}"),
    ("payees", "Set up my landlord {NAME} as a payee, their IBAN is {IBAN}"),
    ("payees", "I want to add {NAME} as a beneficiary, routing {ROUTING}, account {ACCT}"),
    ("payees", "Payee name {NAME}, account number {ACCT}. The app says the name doesn't match"),
    ("payees", "How do I delete the old payee {NAME}? I keep paying the wrong one"),
    ("payees", "Can I pay my roommate {FIRST} from the app with just their email {EMAIL}?"),
    ("payees", "Zelle to {PHONE_US} didn't go through, that's my brother's number"),
    ("payees", "New payee {NAME} needs approval, the code went to my old phone {PHONE}"),
    # cards
    ("cards", "Card {CARD} expires {EXP}, when will the replacement come?"),
    ("cards", "Online checkout keeps failing: card {CARD}, expiry {EXP}, CVV {CVV}"),
    ("cards", "My replacement card {CARD} still hasn't arrived, it was posted {DATE}"),
    ("cards", "Please freeze {CARD} while I look for it"),
    ("cards", "I can't remember if my PIN is {PIN} or {PIN}, can I reset it?"),
    ("cards", "Changed my card PIN to {PIN} at the ATM but shops say it's wrong"),
    ("cards", "The numbers on my card are worn off, it's {CARD}, code on the back {CVV}"),
    ("cards", "Card number {CARD}, valid thru {EXP}. Why is it being declined abroad?"),
    ("cards", "Can you raise the limit on my credit card {CARD}?"),
    ("cards", "Activate my card please: {CARD} exp {EXP} cvv {CVV}"),
    ("cards", "Does the new card keep my old PIN {PIN}?"),
    # lost / stolen
    ("lost_stolen", "My wallet was stolen on {DATE}, cards {CARD} and {CARD} were in it"),
    ("lost_stolen", "Report a stolen card for {NAME}, card {CARD}, last used {DATE}"),
    ("lost_stolen", "Lost my debit card on the train, please send the new one to {ADDR}"),
    ("lost_stolen", "My kid {FIRST} lost their card {CARD}, can I cancel it from my login?"),
    ("lost_stolen", "Someone took my bag with card {CARD}, exp {EXP}. Block it please"),
    ("lost_stolen", "This is {NAME}, my card was stolen, please ship a new one to {ADDR_UK}"),
    ("lost_stolen", "Left my card in an ATM. It's {CARD}, my name is {NAME}"),
    # contact details
    ("contact_update", "Please change my phone number from {PHONE} to {PHONE}"),
    ("contact_update", "Update my email to {EMAIL}, the old one {EMAIL} is closed"),
    ("contact_update", "My mailing address should be {ADDR}, not the old one"),
    ("contact_update", "I got married, my name is now {NAME}, it used to be {NAME}"),
    ("contact_update", "New mobile is {PHONE_UK}, please update it so I get the codes"),
    ("contact_update", "Send my statements to {ADDR_UK} from now on please"),
    ("contact_update", "I moved from {ADDR} to {ADDR}"),
    ("contact_update", "Please correct the spelling of my name to {NAME}"),
    ("contact_update", "Best way to reach me is {EMAIL}, I don't pick up calls"),
    ("contact_update", "Can you update my home phone to {PHONE} and my email to {EMAIL}?"),
    ("contact_update", "Our new house is {ADDR_US}, can you change it on both accounts?"),
    # disputes / statements
    ("disputes", "I don't recognise a charge of {amt} on {DATE} on card {CARD}"),
    ("disputes", "Please dispute the {brand} payment from {DATE}, I cancelled that subscription"),
    ("disputes", "I need a statement for account {ACCT} from {DATE} to {DATE_TO}"),
    ("disputes", "Charged twice at {merchant} on {DATE}, account {ACCT}"),
    ("disputes", "Email my latest statement to {EMAIL} please"),
    ("disputes", "{brand} refunded me on {DATE} but it's not on card {CARD}"),
    ("disputes", "I need a letter showing my account number {ACCT} for my new job"),
    ("disputes", "A cash withdrawal of {amt} on {DATE} wasn't me"),
    ("disputes", "Dispute update? It was {amt} at {merchant}, card {CARD}"),
    # fraud / security
    ("fraud", "Someone logged into my account from IP {IP}, that wasn't me"),
    ("fraud", "Got a text with a link {URL} asking me to confirm my card, is that you?"),
    ("fraud", "I gave my password {PWD} to a caller who said he was from the bank"),
    ("fraud", "An unknown device {MAC} was added to my online banking, please remove it"),
    ("fraud", "Someone called from {PHONE} asking for my PIN and I told them {PIN}"),
    ("fraud", "Login alert from {IP}, device MAC {MAC}. I'm at home, please lock my account"),
    ("fraud", "Suspicious email from {EMAIL} asking me to go to {URL}"),
    ("fraud", "I think my username {USER} and password {PWD} were leaked"),
    ("fraud", "Fraudster used my card {CARD} for {amt} and changed my email to {EMAIL}"),
    ("fraud", "There's a new payee {NAME} on my account that I didn't add"),
    ("fraud", "The scam site {URL} had your logo, I entered card {CARD} and CVV {CVV}"),
    ("fraud", "Security alert says new login from {IP}, is that even in my country?"),
    ("fraud", "My router shows a strange device {MAC} and my bank app logged me out"),
    ("fraud", "I'm on {URL} and it's asking for my card PIN, is this site real?"),
    ("fraud", "Clicked {URL} by mistake from a text, did I just get hacked?"),
    ("fraud", "Please block device {MAC}, it's my old laptop that got stolen"),
    ("fraud", "Phishing page {URL} asked for my password and I typed {PWD}"),
    ("fraud", "A man texted from {PHONE_UK} saying he's from fraud team, wants my login {USER}"),
    # identity verification
    ("verification", "bot: What's your full name and date of birth? user: {NAME}, {DOB}"),
    ("verification", "Bot: Please confirm the phone number on your account. User: {PHONE}"),
    ("verification", "bot: What is your home address? user: {ADDR}"),
    ("verification", "The agent wanted the last 4 of my SSN but here's the full one: {SSN}"),
    ("verification", "To verify: DOB {DOB}, email {EMAIL}"),
    ("verification", "My name is {NAME} and my account number is {ACCT}"),
    ("verification", "bot: Enter your username to continue. user: {USER}"),
    ("verification", "I'm {NAME}, born {DOB}, it's about my mortgage"),
    ("verification", "Verify me: {NAME}, {ADDR}, phone {PHONE}"),
    ("verification", "Bot: What is your email address? User: {EMAIL}"),
    ("verification", "Full name {NAME}, DOB {DOB}, last address {ADDR_UK}"),
    # international
    ("international", "Please send EUR 500 to {IBAN}, beneficiary {NAME}"),
    ("international", "Is {SWIFT} the right BIC for a transfer to my account in Germany?"),
    ("international", "Is my IBAN {IBAN}? My family in Spain need it to send money"),
    ("international", "International transfer to {IBAN} with BIC {SWIFT} is stuck"),
    ("international", "How long does a transfer to IBAN {IBAN} take? It's for my tuition"),
    ("international", "Incoming wire for {NAME}, they used SWIFT {SWIFT} and account {ACCT}"),
    ("international", "What's my IBAN? I thought it was {IBAN_GB} but the sender says it's wrong"),
    # travel
    ("travel", "Travel notice: I'll be in Portugal from {DATE} to {DATE_TO}, card {CARD}"),
    ("travel", "I'm going abroad on {DATE}, will card {CARD} work in Thailand?"),
    ("travel", "Flying to Japan {DATE}, please don't block my card. Call {PHONE} if anything"),
    ("travel", "My card got blocked in Spain. I'm {NAME}, phone {PHONE}"),
    ("travel", "While I'm travelling reach me at {EMAIL}, my phone won't work"),
    ("travel", "Back home on {DATE}, can you send the new card to {ADDR} for then?"),
    # loans
    ("loans", "I'd like to apply for a personal loan. {NAME}, {ADDR}, {EMAIL}"),
    ("loans", "Mortgage payment on {DATE} didn't come out of {ACCT}"),
    ("loans", "Can I move my loan payment date to {DATE}?"),
    ("loans", "Loan account {ACCT}: please take the payments from {ACCT} instead"),
    ("loans", "My co-signer is {NAME}, date of birth {DOB}, SSN {SSN}"),
    ("loans", "Car loan payoff letter please, send it to {EMAIL}"),
    ("loans", "The student loan form wants my ITIN, it's {ITIN}"),
    ("loans", "{FIRST} again, did the underwriter get my documents for loan {ACCT}?"),
    # login
    ("login", "Locked out again. Username {USER}, and I'm sure the password is {PWD}"),
    ("login", "Forgot my username, is it {USER} or {USER}?"),
    ("login", "The app won't accept my new password {PWD}, is it too short?"),
    ("login", "My login {USER} stopped working after the update"),
    ("login", "Changed my password to {PWD} but it still says incorrect"),
    ("login", "I need to reset the app PIN, the old one was {PIN}"),
    ("login", "Can you send the reset link to {EMAIL}? The login page {URL} keeps erroring"),
    ("login", "Login page {URL} just spins, I'm using username {USER}"),
    ("login", "Two-factor codes go to {PHONE}, but that's my old number"),
    ("login", "My passcode {PIN} works on my phone but not on the tablet"),
    ("login", "user id {USER} pw {PWD} - why does it say account disabled"),
    ("login", "Is {PWD} strong enough or will the app reject it?"),
    ("login", "Setting up online banking: username {USER}, password {PWD}, is that ok?"),
    # business banking
    ("business", "Add {NAME} as an authorised user on our business account {ACCT}"),
    ("business", "Our payroll file has routing {ROUTING} and account {ACCT} for {NAME}, is that valid?"),
    ("business", "Business account {ACCT}: please send the merchant statement to {EMAIL}"),
    ("business", "Our bookkeeper {NAME} needs online access, their email is {EMAIL}"),
    ("business", "A supplier in the Netherlands gave me {IBAN_NL} and BIC {SWIFT}, can I pay them today?"),
    ("business", "Business debit card {CARD} for our employee {NAME} was declined"),
    ("business", "Please update our registered office to {ADDR}"),
    ("business", "Can our admin user {USER} approve payments over $10,000?"),
    # misc
    ("misc", "{FIRST} here again, any news on my complaint?"),
    ("misc", "This is {NAME}. Account {ACCT} shows a fee I don't understand"),
    ("misc", "Can you send this chat transcript to {EMAIL}?"),
    ("misc", "Hi it's {FIRST}, the cheque I deposited on {DATE} still isn't showing"),
    ("misc", "Please mail a new chequebook to {ADDR}"),
    ("misc", "My late father {NAME} had account {ACCT}, how do I close it?"),
    ("misc", "Direct debit for {brand} on {DATE} bounced, account {ACCT}"),
    ("misc", "Add my partner {NAME} to the account, passport number {PASSPORT}"),
    ("misc", "Why was my account {ACCT} frozen on {DATE}?"),
    ("misc", "I'm locked out. Contact me at {EMAIL} or {PHONE}"),
    ("misc", "The payment to {NAME} on {DATE} was for the wrong amount"),
    ("misc", "My tax form shows the wrong SSN, it should be {SSN}"),
    ("misc", "Please check my NI number {NINO} is on file for the ISA"),
    ("misc", "I renewed my passport, the new number is {PASSPORT}, please update it"),
    ("misc", "Your IT person asked for my IP, it's {IP}"),
    ("misc", "Is {ROUTING} your routing number for wires or just ACH?"),
]

NEGATIVE = [
    "How do I order a new chequebook?", "Is there a fee for a replacement card?",
    "Can I raise my daily ATM limit to {amt}?", "My card was declined at {merchant} for {amt}",
    "Why was I charged a {amt} overdraft fee?", "How many days does an international transfer take?",
    "What's the interest rate on your {months}-month fixed saver?", "I was charged twice for the same {amt} purchase",
    "Can I pay off my loan early without a penalty?", "How do I turn on notifications for card payments?",
    "The app crashes every time I open it", "Do you have a branch near the train station?",
    "Can I deposit a cheque with my phone?", "I'd like to dispute a payment of {amt} to {merchant}",
    "How do I set up Apple Pay with my debit card?", "What's the most I can send abroad per day?",
    "My direct debit for {brand} failed, what happens now?", "Is my savings account covered by deposit insurance?",
    "Can I get paper statements instead of e-statements?", "I forgot my password and the reset email never arrives",
    "How long until my new card arrives? It's been {days} days", "Can I open a business account online?",
    "My refund of {amt} from {merchant} still isn't showing", "Can I add a second person to my account?",
    "How do I report a scam call?", "Is there a fee for using my card abroad?",
    "The ATM kept my card, what do I do?", "Why did my credit limit drop by {amt}?",
    "How do I change my address online?", "Can I get a loan of {amt} over {years} years?",
    "How do I stop a standing order?", "I got a text saying my account is locked, is it real?",
    "Can I withdraw {amt} in cash at a branch?", "Do I need to tell you before I travel?",
    "How do I freeze my card in the app?", "My mortgage payment went up by {amt}, why?",
    "How many free transfers do I get each month?", "Where do I find my IBAN in the app?",
    "Why was my account charged a {amt} monthly fee?", "What's the minimum balance for the premium account?",
    "Contactless hasn't worked for {days} days", "Can a business account have {n} users?",
    "How do I close my late mother's account?", "I need a bank reference letter for my landlord",
    "Does the {brand} cashback offer apply to credit cards?", "I paid {amt} into the wrong account, can you help?",
    "Can I get statements from the last {years} years?", "Why was my wire of {amt} returned?",
    "Is the {pct} rate on the savings account fixed?", "Can I change my PIN at any ATM?",
    "My {brand} payment of {amt} is still pending after {days} days",
    "Who do I talk to about a mortgage holiday?",
]

OPENINGS = [("hey ", False, 12), ("Good morning, ", True, 13), ("Hi, ", True, 10), ("Hi there. ", False, 11),
            ("hi! ", False, 9), ("Hello. ", False, 8), ("Hello, ", True, 8)]
SIGNOFFS = [("thx", 12), ("thanks!", 10), ("pls help", 8), ("??", 7), (":(", 6), ("ASAP", 6), ("Thanks", 4),
            ("asap", 2), ("thanks", 1)]


def render(template):
    """Fill a template; returns (text, entities). Offsets come from the growing string itself."""
    text, ents = "", []
    for piece in re.split(r"(\{[A-Za-z_]+\})", template):
        m = re.fullmatch(r"\{([A-Za-z_]+)\}", piece)
        if not m:
            text += piece
        elif m.group(1) in SLOTS:
            typ, mk = SLOTS[m.group(1)]
            value = mk()
            ents.append({"type": typ, "begin": len(text), "end": len(text) + len(value), "value": value})
            text += value
        else:
            text += FILLERS[m.group(1)]()
    return text, ents


def dress(text, ents):
    """The dev set's surface variation: opening, sign-off, all lower case."""
    if R.random() < 0.26 and not text.lower().startswith("bot:"):  # dev: bot/user turns never get one
        op, lower_next, _ = R.choices(OPENINGS, [w for _, _, w in OPENINGS])[0]
        if lower_next and not re.match(r"I\b|I'", text):
            text = text[0].lower() + text[1:]
        shift = len(op)
        text = op + text
        ents = [dict(e, begin=e["begin"] + shift, end=e["end"] + shift) for e in ents]
    if R.random() < 0.21:
        text += " " + R.choices(SIGNOFFS, [w for _, w in SIGNOFFS])[0][0]
    if R.random() < 0.16:
        text = text.lower()
    for e in ents:  # a lowered first letter or lower-casing changes the value as seen in the text
        e["value"] = text[e["begin"]:e["end"]]
    return text, ents


def check(text, ents):
    assert text.isascii(), text
    spans = sorted((e["begin"], e["end"]) for e in ents)
    for (b1, e1), (b2, e2) in zip(spans, spans[1:]):
        assert e1 <= b2, ("overlap", text, spans)
    for e in ents:
        v = text[e["begin"]:e["end"]]
        assert v == e["value"] and v.strip() == v and v, (text, e)
        t = e["type"]
        if t == "CREDIT_DEBIT_NUMBER":
            assert luhn_ok(v), v
        elif t == "BANK_ROUTING":
            assert aba_ok(v), v
        elif t == "INTERNATIONAL_BANK_ACCOUNT_NUMBER":
            c = v.replace(" ", "").upper()
            assert iban_ok(c) and len(c) == IBAN_SHAPES[c[:2]][0], v


TOTAL, NEG_SHARE = 300, 0.22


def slot_types(template):
    return collections.Counter(SLOTS[s][0] for s in re.findall(r"\{([A-Z_]+)\}", template))


def plan():
    """Template order: every template once, then a greedy fill towards the dev set's scaled type counts."""
    n_neg = round(TOTAL * NEG_SHARE)
    n_pos = TOTAL - n_neg
    target = {t: c * TOTAL / DEV_RECORDS for t, c in DEV_COUNTS.items()}
    pos = list(range(len(POSITIVE)))
    have, uses = collections.Counter(), collections.Counter()
    for i in pos:
        have.update(slot_types(POSITIVE[i][1]))
        uses[i] += 1
    chosen = list(pos)

    def cost(h):
        return sum((h.get(t, 0) - target[t]) ** 2 / max(target[t], 1) for t in target)
    while len(chosen) < n_pos:
        best = min(pos, key=lambda i: (cost(have + slot_types(POSITIVE[i][1])) + 0.1 * uses[i], R.random()))
        have.update(slot_types(POSITIVE[best][1]))
        uses[best] += 1
        chosen.append(best)
    negs = list(range(len(NEGATIVE))) + R.sample(range(len(NEGATIVE)), n_neg - len(NEGATIVE))
    items = [("pos", i) for i in chosen] + [("neg", i) for i in negs]
    R.shuffle(items)
    return items


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                            "banking_chat_pii_holdout16.jsonl")
    assert len(POSITIVE) + len(NEGATIVE) >= 150
    for _, t in POSITIVE:
        assert all(s in SLOTS for s in re.findall(r"\{([A-Z_]+)\}", t)), t
    recs = []
    for k, (kind, i) in enumerate(plan()):
        if kind == "pos":
            cat, tpl = POSITIVE[i]
            tid = "%s:%d" % (cat, i)
        else:
            tpl, tid = NEGATIVE[i], "negative:%d" % i
        text, ents = dress(*render(tpl))
        check(text, ents)
        assert bool(ents) == (kind == "pos")
        recs.append({"id": "bankchat-holdout16-%04d" % k, "split": "holdout16", "text": text,
                     "entities": [{"type": e["type"], "begin": e["begin"], "end": e["end"]}
                                  for e in sorted(ents, key=lambda e: e["begin"])],
                     "template_id": tid, "template_source": "own"})
    with open(out, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    c = collections.Counter(e["type"] for r in recs for e in r["entities"])
    print("%d records, %d negatives, %d entities -> %s" % (len(recs), sum(not r["entities"] for r in recs),
                                                          sum(c.values()), out))


if __name__ == "__main__":
    main()
