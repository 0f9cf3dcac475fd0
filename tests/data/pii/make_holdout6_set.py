#!/usr/bin/env python3
"""Generate the blind holdout6 PII test set (US/Canadian banking support chat).

Focus: small-business owners (payroll, ACH, wires, merchant accounts), elderly
customers writing long messages full of numbers, pasted statement/cheque/form
lines, multi-turn transcripts, voice-to-text run-ons, misspelled/abbreviated
cues, values before labels and lists of identifiers on one line.

Labelling rules (consistent with banking_chat_pii_dev.jsonl):
  * spans cover the value only, never the cue word ("acct", "exp", ...);
  * grouped card numbers / IBANs / SSNs are one span including inner separators;
  * card LAST 4 digits ("ending in 4417", "xxxx4417", "****-4417") and masked
    numbers are NOT labelled (not a full card/account number);
  * explicit calendar dates (DOB, transaction dates, "March 3rd") are DATE_TIME,
    durations ("3 days", "last 6 months") are not; no clock times are used;
  * AGE covers the number only ("I am 83" -> "83");
  * CA transit+institution written together ("04512-003") is ONE BANK_ROUTING
    span; written apart, each part is its own BANK_ROUTING span; the 9-digit
    electronic form (0003 04512) is one span;
  * amounts, cheque numbers, reference/confirmation/case/order/tracking ids,
    merchant and bank names and business names are not PII (merchants, banks and
    businesses go to other_entities as ORGANIZATION);
  * person names (customer, payee, employee, agent) are NAME.
Offsets are computed from the inserted values; every record is self-checked.
Usage: python3 make_holdout6_set.py [out.jsonl]
"""
import json
import os
import random
import re
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checksums import aba_ok, iban_ok, luhn_complete, luhn_ok  # noqa: E402 (one copy of the check digits)

SEED = 20261206
R = random.Random(SEED)

# ---------------------------------------------------------------- checks

def digits(s):
    return re.sub(r"\D", "", s)

# ---------------------------------------------------------------- value generators

def rd(n):
    return "".join(R.choice("0123456789") for _ in range(n))


def card_digits(kind=None):
    kind = kind or R.choice(["visa", "visa", "mc", "mc2", "amex", "disc"])
    if kind == "visa":
        p, n = "4" + rd(5), 16
    elif kind == "mc":
        p, n = str(R.randint(51, 55)) + rd(4), 16
    elif kind == "mc2":
        p, n = str(R.randint(2221, 2720)) + rd(2), 16
    elif kind == "amex":
        p, n = R.choice(["34", "37"]) + rd(4), 15
    else:
        p, n = R.choice(["6011", "65" + rd(2)]) + rd(2), 16
    return luhn_complete(p + rd(n - len(p) - 1))


def group_card(d, style=None):
    style = style or R.choice(["space", "space", "plain", "dash"])
    if style == "plain":
        return d
    sep = " " if style == "space" else "-"
    if len(d) == 15:
        return sep.join([d[:4], d[4:10], d[10:]])
    return sep.join(d[i:i + 4] for i in range(0, len(d), 4))


def card(kind=None, style=None):
    return group_card(card_digits(kind), style)


def amex():
    return card("amex")


def cvv(amex_card=False):
    return rd(4) if amex_card else rd(3)


def expiry():
    m, y = R.randint(1, 12), R.randint(26, 32)
    return R.choice(["%02d/%02d" % (m, y), "%d/%02d" % (m, y), "%02d/20%02d" % (m, y),
                     "%02d-%02d" % (m, y), "%02d/%02d" % (m, y)])


def aba():
    pre = R.choice(["0", "1", "2", "3", "6", "7"])
    if pre == "0":
        first = "0" + str(R.randint(1, 9))
    elif pre == "1":
        first = "1" + str(R.randint(0, 2))
    elif pre == "2":
        first = str(R.randint(21, 29))
    elif pre == "3":
        first = str(R.randint(30, 32))
    elif pre == "6":
        first = str(R.randint(61, 69))
    else:
        first = str(R.randint(70, 72))
    body = first + rd(6)
    for c in "0123456789":
        if aba_ok(body + c):
            return body + c
    raise AssertionError


def acct(lo=8, hi=12):
    n = R.randint(lo, hi)
    return str(R.randint(1, 9)) + rd(n - 1)


def ca_acct():
    return rd(7) if R.random() < 0.6 else rd(7)[:3] + "-" + rd(4)


def transit():
    return str(R.randint(1, 9)) + rd(4)


def institution():
    return R.choice(["001", "002", "003", "004", "006", "010", "016", "815", "837"])


def ssn(style=None):
    while True:
        a = R.randint(1, 899)
        if a != 666:
            break
    g, s = R.randint(1, 99), R.randint(1, 9999)
    style = style or R.choice(["dash", "dash", "plain", "space"])
    if style == "dash":
        return "%03d-%02d-%04d" % (a, g, s)
    if style == "space":
        return "%03d %02d %04d" % (a, g, s)
    return "%03d%02d%04d" % (a, g, s)


def itin():
    g = R.choice(list(range(50, 66)) + list(range(70, 89)) + [90, 91, 92] + list(range(94, 100)))
    return "9%02d-%02d-%04d" % (R.randint(0, 99), g, R.randint(1, 9999))


def sin(style=None):
    d = luhn_complete(str(R.choice([1, 2, 3, 4, 5, 6, 7, 9])) + rd(7))
    style = style or R.choice(["space", "dash", "plain"])
    if style == "plain":
        return d
    sep = " " if style == "space" else "-"
    return sep.join([d[:3], d[3:6], d[6:]])


def pin(n=None):
    return rd(n or R.choice([4, 4, 4, 6]))


def swift(country=None):
    c = country or R.choice(["US", "US", "CA", "CA", "MX", "GB", "DE", "PH", "IN"])
    bank = "".join(R.choice("ABCDEFGHIJKLMNOPRSTUVWY") for _ in range(4))
    loc = R.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + R.choice("0123456789ABCDEFGHJKLMNPRSTUVWXYZ")
    return bank + c + loc + (R.choice(["", "XXX", "XXX"]) if R.random() < 0.6 else "")


def iban(country=None, grouped=None):
    country = country or R.choice(["GB", "DE", "FR", "ES", "NL", "IE", "MX"])
    lens = {"GB": ("A4", 14), "DE": ("", 18), "FR": ("", 23), "ES": ("", 20),
            "NL": ("A4", 10), "IE": ("A4", 14), "MX": ("", 20)}
    if country == "MX":  # Mexico has no IBAN; use a real IBAN country instead
        country = "IT"
        bban = R.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") + rd(10) + rd(12)
    else:
        pre, n = lens[country]
        bban = ("".join(R.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4)) if pre else "") + rd(n)
    t = bban + country + "00"
    n = int("".join(str(int(c, 36)) for c in t))
    chk = 98 - n % 97
    s = country + "%02d" % chk + bban
    assert iban_ok(s)
    if grouped is None:
        grouped = R.random() < 0.5
    if grouped:
        s = " ".join(s[i:i + 4] for i in range(0, len(s), 4))
    return s


def phone():
    a = R.choice(["212", "312", "415", "602", "713", "802", "904", "416", "604", "514", "613", "780", "902", "503", "207"])
    x = "555"
    l = "01%02d" % R.randint(0, 99)
    return R.choice(["(%s) %s-%s", "%s-%s-%s", "%s.%s.%s", "%s %s %s", "%s%s%s", "+1 %s %s %s", "1-%s-%s-%s", "+1 (%s) %s-%s"]) % (a, x, l)


FIRST = ["Dorothy", "Harold", "Eleanor", "Walter", "Margaret", "Earl", "Bernice", "Lloyd", "Gloria", "Raymond",
         "Marisol", "DeShawn", "Priya", "Tomasz", "Nguyen", "Chantal", "Gurpreet", "Jean-Luc", "Mei", "Kofi",
         "Brittany", "Tyler", "Ashley", "Marcus", "Keisha", "Luis", "Siobhan", "Yusuf", "Hannah", "Rajesh",
         "Doug", "Francine", "Mildred", "Virgil", "Lorraine", "Ines", "Olumide", "Kateri", "Benoit", "Agnieszka"]
LAST = ["Kowalski", "Henderson", "Tremblay", "Gagnon", "Washington", "Okafor", "Patel", "Nguyen", "Morrison", "Castillo",
        "Bouchard", "Johansson", "MacDonald", "Fitzgerald", "Singh", "Delgado", "Whitfield", "Lapointe", "Abernathy",
        "Yamamoto", "Brennan", "Kaur", "Ferreira", "Odom", "Pelletier", "Sorensen", "Haddad", "Birchwood", "Mancini", "Levesque"]


def first():
    return R.choice(FIRST)


def name():
    return first() + " " + R.choice(LAST)


def low_name():
    return name().lower()


STREETS = ["Maple", "Oak", "Cedar", "Elm", "Lakeview", "Sunset", "Prairie", "Main", "Church", "Mill", "Ridge", "Birch", "Pinecrest", "Rue Saint-Denis"]
SUF = ["St", "Street", "Ave", "Avenue", "Rd", "Dr", "Drive", "Blvd", "Lane", "Ct"]
US_CITY = [("Dayton", "OH"), ("Tucson", "AZ"), ("Boise", "ID"), ("Scranton", "PA"), ("Mobile", "AL"), ("Fresno", "CA"),
           ("Sarasota", "FL"), ("Duluth", "MN"), ("Lubbock", "TX"), ("Asheville", "NC"), ("Burlington", "VT")]
CA_CITY = [("Winnipeg", "MB"), ("Halifax", "NS"), ("Kelowna", "BC"), ("Laval", "QC"), ("Regina", "SK"), ("Mississauga", "ON"),
           ("Red Deer", "AB"), ("Moncton", "NB")]


def address(country=None):
    country = country or R.choice(["US", "US", "CA"])
    st = R.choice(STREETS if country == "CA" else STREETS[:-1])
    num = str(R.randint(12, 9899))
    street = num + " " + st if st.startswith("Rue") else num + " " + st + " " + R.choice(SUF)
    if R.random() < 0.2:
        street += R.choice([" Apt 4B", " Unit 12", " #305", " Apt 2"])
    if country == "US":
        c, s = R.choice(US_CITY)
        return "%s, %s, %s %s" % (street, c, s, rd(5)) if R.random() < 0.7 else "%s %s %s %s" % (street, c, s, rd(5))
    c, p = R.choice(CA_CITY)
    L = "ABCEGHJKLMNPRSTVXY"
    pc = R.choice(L) + str(R.randint(0, 9)) + R.choice(L) + " " + str(R.randint(0, 9)) + R.choice(L) + str(R.randint(0, 9))
    return "%s, %s, %s %s" % (street, c, p, pc)


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def date(recent=True):
    y = R.randint(2025, 2026) if recent else R.randint(1931, 1962)
    m, d = R.randint(1, 12), R.randint(1, 28)
    f = R.choice(["%m/%d/%Y", "%B %d", "%B %d, %Y", "%m/%d", "%b %d", "%Y-%m-%d", "%B %dth"] if recent else
                 ["%m/%d/%Y", "%B %d, %Y", "%m-%d-%Y", "%Y-%m-%d", "%d %B %Y"])
    pad = f.startswith("%Y") or R.random() < 0.5
    dd = "%02d" % d if pad and "%m" in f else str(d)
    out = f.replace("%m", "%02d" % m if pad else "%d" % m).replace("%Y", str(y)).replace("%B", MONTHS[m - 1]) \
        .replace("%b", MONTHS[m - 1][:3]).replace("%d", dd)
    if f.endswith("%dth"):
        suf = "st" if d in (1, 21) else "nd" if d in (2, 22) else "rd" if d in (3, 23) else "th"
        out = out[:-2] + suf
    return out


def dob():
    return date(False)


def email(n=None):
    n = (n or name()).lower().replace(" ", R.choice([".", "_", ""])).replace("-", "")
    return n + R.choice(["", str(R.randint(1, 99))]) + "@" + R.choice(["gmail.com", "yahoo.com", "aol.com", "outlook.com", "sympatico.ca", "shaw.ca", "comcast.net", "example.com"])


def amount():
    return R.choice(["$%d" % R.randint(20, 900), "$%s.%02d" % (format(R.randint(100, 48000), ","), R.randint(0, 99)),
                     "%d dollars" % R.randint(15, 3000), "$%d.%02d" % (R.randint(1, 999), R.randint(0, 99))])


def ref(n=None):
    return rd(n or R.choice([7, 8, 10, 12]))


def not_luhn16():
    while True:
        d = str(R.randint(1, 9)) + rd(15)
        if not luhn_ok(d):
            return d


def not_aba9():
    while True:
        d = str(R.randint(1, 9)) + rd(8)
        if not aba_ok(d):
            return d


def last4():
    return rd(4)


MERCH = ["Walmart", "Costco", "Home Depot", "Tim Hortons", "Canadian Tire", "Amazon", "Shoppers Drug Mart", "Kroger",
         "CVS", "Loblaws", "Shell", "Best Buy", "Walgreens", "Publix", "Sobeys", "DoorDash", "Netflix", "Uber Eats"]
BANK = ["Chase", "Wells Fargo", "Bank of America", "RBC", "TD", "Scotiabank", "BMO", "Desjardins", "PNC", "US Bank",
        "Navy Federal", "CIBC", "Tangerine", "Citizens Bank", "Regions", "Truist"]
BIZ = ["Kowalski Plumbing LLC", "Sunrise Bakery", "Castillo Landscaping", "Northside Auto Repair", "Bright Smiles Dental",
       "Maple Leaf Cleaning Inc", "Tremblay Construction", "Golden Dragon Restaurant", "Prairie Hardware", "Lakeside Daycare"]
PAYROLL = ["Gusto", "ADP", "QuickBooks", "Paychex", "Wagepoint"]
PROC = ["Square", "Clover", "Stripe", "Moneris", "Shopify Payments"]


def org(lst):
    return ("ORG", R.choice(lst))

# ---------------------------------------------------------------- templates
# A template returns a list of parts: str (literal text) or (TYPE, value).
T = []


def tpl(fin=True, neg=False, w=1):
    def deco(f):
        T.append((f, fin, neg, w))
        return f
    return deco

# --- small business: payroll / ACH / wires / merchant accounts

@tpl()
def _(r):
    return ["hi this is ", ("NAME", name()), " from ", org(BIZ), ". payroll through ", org(PAYROLL),
            " bounced, they said the rtn ", ("BANK_ROUTING", aba()), " and acct ", ("BANK_ACCOUNT_NUMBER", acct()),
            " didnt match. thats what's on our checks so what gives"]


@tpl()
def _(r):
    return ["Need to add a new employee for direct deposit. ", ("NAME", name()), " - Routing: ", ("BANK_ROUTING", aba()),
            " Account: ", ("BANK_ACCOUNT_NUMBER", acct()), " Checking. Net pay ", amount(), " every other Friday"]


@tpl()
def _(r):
    return ["ACH debit ", amount(), " from ", org(PAYROLL), " hit acct ", ("BANK_ACCOUNT_NUMBER", acct()),
            " twice this week, ref ", ref(10), ". can you reverse one of them"]


@tpl()
def _(r):
    return ["wire out please: beneficiary ", ("NAME", name()), ", ", ("ADDRESS", address("US")), ", ABA ", ("BANK_ROUTING", aba()),
            ", acct ", ("BANK_ACCOUNT_NUMBER", acct()), ", amount ", amount(), ", memo invoice ", ref(5)]


@tpl()
def _(r):
    return ["International wire to our supplier. SWIFT ", ("SWIFT_CODE", swift()), " IBAN ", ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", iban()),
            " amount USD ", str(R.randint(2, 40)) + ",000. from business checking ", ("BANK_ACCOUNT_NUMBER", acct()), ". cutoff time today?"]


@tpl()
def _(r):
    return [("BANK_ROUTING", aba()), " / ", ("BANK_ACCOUNT_NUMBER", acct()), " <- that's the operating account for ",
            org(BIZ), ", please link it to our merchant services so ", org(PROC), " deposits land there"]


@tpl()
def _(r):
    return ["merchant deposits from ", org(PROC), " stopped landing in acct# ", ("BANK_ACCOUNT_NUMBER", acct()),
            " since ", ("DATE_TIME", date()), ", batch totals ", amount(), " and ", amount(), " are missing"]


@tpl()
def _(r):
    return ["Positive pay exception on check #", ref(4), " for ", amount(), " on account ", ("BANK_ACCOUNT_NUMBER", acct()),
            ". I did NOT write that check, please return it"]


@tpl()
def _(r):
    return ["can u whitelist this ACH originator? we pay our rent by ACH to ", org(BIZ), " rtn ", ("BANK_ROUTING", aba()),
            " acc ", ("BANK_ACCOUNT_NUMBER", acct()), " monthly ", amount()]


@tpl()
def _(r):
    return ["Our bookkeeper ", ("NAME", name()), " needs online access to the business acct ", ("BANK_ACCOUNT_NUMBER", acct()),
            ". her email is ", ("EMAIL", email()), " and her cell ", ("PHONE", phone())]


@tpl()
def _(r):
    a, b, c = (name(), acct(), aba()), (name(), acct(), aba()), (name(), acct(), aba())
    return ["payroll file rejected for 3 employees, here they are:\n", ("NAME", a[0]), " ", ("BANK_ROUTING", a[2]), " ", ("BANK_ACCOUNT_NUMBER", a[1]),
            "\n", ("NAME", b[0]), " ", ("BANK_ROUTING", b[2]), " ", ("BANK_ACCOUNT_NUMBER", b[1]),
            "\n", ("NAME", c[0]), " ", ("BANK_ROUTING", c[2]), " ", ("BANK_ACCOUNT_NUMBER", c[1]), "\nwhich ones are wrong?"]


@tpl()
def _(r):
    return ["Business card ", ("CREDIT_DEBIT_NUMBER", card()), " declined at ", org(MERCH), " for ", amount(),
            ", we have plenty of limit left. exp ", ("CREDIT_DEBIT_EXPIRY", expiry())]


@tpl()
def _(r):
    c = card("amex")
    return ["corporate amex ", ("CREDIT_DEBIT_NUMBER", c), " sec code ", ("CREDIT_DEBIT_CVV", cvv(True)), " exp ",
            ("CREDIT_DEBIT_EXPIRY", expiry()), " - can you see why the hotel charge of ", amount(), " is on hold"]


@tpl()
def _(r):
    return ["quick q. wire came in with SWIFT/BIC ", ("SWIFT_CODE", swift()), " but it's short ", amount(),
            ", is that the intermediary fee? our account ", ("BANK_ACCOUNT_NUMBER", acct())]


@tpl()
def _(r):
    return ["Payroll for ", org(BIZ), " is due ", ("DATE_TIME", date()), ". Fund it from ", ("BANK_ACCOUNT_NUMBER", acct()),
            " not the savings. Total ", amount(), ", ", str(R.randint(3, 40)), " employees"]


@tpl()
def _(r):
    t, i = transit(), institution()
    return ["PAD agreement for my shop: transit ", ("BANK_ROUTING", t), " inst ", ("BANK_ROUTING", i), " account ",
            ("BANK_ACCOUNT_NUMBER", ca_acct()), ". ", org(PROC), " says they need a void cheque too?"]


@tpl()
def _(r):
    return ["Direct deposit for my Canadian staff: ", ("NAME", name()), ", ", ("BANK_ROUTING", transit() + "-" + institution()),
            ", acct ", ("BANK_ACCOUNT_NUMBER", ca_acct()), ". SIN for the T4 is ", ("CA_SOCIAL_INSURANCE_NUMBER", sin())]


@tpl()
def _(r):
    return ["new hire paperwork: ", ("NAME", name()), " SSN ", ("SSN", ssn()), " DOB ", ("DATE_TIME", dob() if R.random() < 0.3 else date(False)),
            " rtn ", ("BANK_ROUTING", aba()), " acct ", ("BANK_ACCOUNT_NUMBER", acct())]


@tpl()
def _(r):
    return ["contractor is paid on ITIN ", ("US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", itin()), ", wants his pay to ",
            ("BANK_ACCOUNT_NUMBER", acct()), " routing ", ("BANK_ROUTING", aba()), ". do I need anything else for the 1099"]


@tpl()
def _(r):
    return ["Merchant acct chargeback on card ", ("CREDIT_DEBIT_NUMBER", card()), " for ", amount(), ". the customer ",
            ("NAME", name()), " signed for it, I have the receipt. case ", ref(8)]


@tpl()
def _(r):
    return ["the ", org(PROC), " terminal keeps saying invalid account, settlement acct is ", ("BANK_ACCOUNT_NUMBER", acct()),
            " at ", org(BANK), " aba ", ("BANK_ROUTING", aba())]

# --- elderly rambling, many numbers

@tpl(w=2)
def _(r):
    n = name()
    return ["Hello dear, my name is ", ("NAME", n), " and I am ", ("AGE", str(R.randint(74, 93))), " years old so please bear with me. ",
            "My late husband always did the banking. I got a letter saying my account ", ("BANK_ACCOUNT_NUMBER", acct()),
            " was charged ", amount(), " on ", ("DATE_TIME", date()), " and another ", amount(), " on ", ("DATE_TIME", date()),
            " and I never authorized either one. My phone is ", ("PHONE", phone()), " but I don't hear it well so email is better ",
            ("EMAIL", email(n))]


@tpl(w=2)
def _(r):
    c = card("visa")
    return ["I called three times already. I have the Visa card number ", ("CREDIT_DEBIT_NUMBER", c), " and it expires ",
            ("CREDIT_DEBIT_EXPIRY", expiry()), " and the little number on the back is ", ("CREDIT_DEBIT_CVV", cvv()),
            ". My grandson ", ("NAME", first()), " set it up on the computer and now there are charges for ", amount(), " and ",
            amount(), " at ", org(MERCH), ". I am on a fixed income of ", amount(), " a month"]


@tpl(w=2)
def _(r):
    return ["good morning I am trying to get my social security deposit moved. the new bank gave me routing number ",
            ("BANK_ROUTING", aba()), " and account number ", ("BANK_ACCOUNT_NUMBER", acct()), ". the old account was ",
            ("BANK_ACCOUNT_NUMBER", acct()), ". I was born ", ("DATE_TIME", dob()), " and my social is ", ("SSN", ssn()),
            " if you need it. The deposit is ", amount(), " and comes on the third wednesday"]


@tpl()
def _(r):
    return ["I wrote check number ", ref(4), " for ", amount(), " to my church on ", ("DATE_TIME", date()), " and it cleared for ",
            amount(), " instead!! account is ", ("BANK_ACCOUNT_NUMBER", acct()), ". I have been a customer for 41 years"]


@tpl()
def _(r):
    return ["Dear Sir or Madam, I am ", ("AGE", str(R.randint(70, 95))), " and do not use computers much. My daughter ",
            ("NAME", name()), " is helping me type. We want to add her to my savings account ", ("BANK_ACCOUNT_NUMBER", acct()),
            " as joint owner. She lives at ", ("ADDRESS", address()), ". Thank you kindly"]


@tpl()
def _(r):
    return ["someone phoned me saying they were from the bank and I gave them my pin ", ("PIN", pin(4)),
            " and the card number ", ("CREDIT_DEBIT_NUMBER", card()), " before I realised. They took out ", amount(),
            " at an ATM. Please help I am ", ("AGE", str(R.randint(70, 92)))]


@tpl()
def _(r):
    return ["My CD matured on ", ("DATE_TIME", date()), ", it was ", amount(), " at 4.35% for 12 months. Please put it into checking ",
            ("BANK_ACCOUNT_NUMBER", acct()), " not roll it over. thank you ", ("NAME", name())]


@tpl()
def _(r):
    return ["Hello, I have two accounts, savings ", ("BANK_ACCOUNT_NUMBER", acct()), " and checking ", ("BANK_ACCOUNT_NUMBER", acct()),
            ". Every month ", amount(), " pension goes to one and my RMD of ", amount(), " to the other. This month on ",
            ("DATE_TIME", date()), " only ", amount(), " arrived. Medicare took ", amount(), " too. Where is the rest?"]


@tpl()
def _(r):
    return ["I am so sorry to bother you. My new debit card came in the mail but I can't read the numbers well, I think it says ",
            ("CREDIT_DEBIT_NUMBER", card(style="space")), " valid thru ", ("CREDIT_DEBIT_EXPIRY", expiry()),
            ". The old one ended in ", last4(), ". Do I need to activate it? My phone is ", ("PHONE", phone())]


@tpl()
def _(r):
    return ["my husband ", ("NAME", name()), " passed away on ", ("DATE_TIME", date()), ". his account ", ("BANK_ACCOUNT_NUMBER", acct()),
            " had his social security going in, ", amount(), ". his SSN was ", ("SSN", ssn()),
            ". what do i need to do, the funeral home needs ", amount()]

# --- pasted statement / cheque / form lines

@tpl(w=2)
def _(r):
    return ["Routing: ", ("BANK_ROUTING", aba()), "  Account: ", ("BANK_ACCOUNT_NUMBER", acct()), "  Check #", ref(4),
            "  Amount: ", amount(), "\nis this check from my tenant real? it bounced last time"]


@tpl()
def _(r):
    return ["from the bottom of the cheque: ", ("BANK_ROUTING", transit() + "-" + institution()), " ", ("BANK_ACCOUNT_NUMBER", rd(7)),
            " cheque no ", ref(3), " - is that enough to set up the CPP deposit"]


@tpl()
def _(r):
    return ["copy paste from my statement:\nAccount Number ", ("BANK_ACCOUNT_NUMBER", acct()), "\nStatement Period ",
            ("DATE_TIME", date()), " - ", ("DATE_TIME", date()), "\nBeginning Balance ", amount(), "\nEnding Balance ", amount(),
            "\nthe ending balance is wrong"]


@tpl()
def _(r):
    return ["Name: ", ("NAME", name()), "\nSSN: ", ("SSN", ssn("dash")), "\nDOB: ", ("DATE_TIME", dob()), "\nAddress: ",
            ("ADDRESS", address("US")), "\nPhone: ", ("PHONE", phone()), "\nthat's all the info for the loan app, what next"]


@tpl()
def _(r):
    return ["Beneficiary Name: ", ("NAME", name()), " | Bank: ", org(BANK), " | ABA: ", ("BANK_ROUTING", aba()),
            " | Acct: ", ("BANK_ACCOUNT_NUMBER", acct()), " | Amt: ", amount(), " | Ref: INV-", ref(5)]


@tpl()
def _(r):
    return ["DATE ", ("DATE_TIME", date()), " DESCRIPTION ", org(MERCH), " #", ref(4), " AMOUNT ", amount(),
            " CARD ", ("CREDIT_DEBIT_NUMBER", card("mc")), " <- i don't recognize this line"]


@tpl()
def _(r):
    return ["Card Number: ", ("CREDIT_DEBIT_NUMBER", card()), "\nExpiration Date: ", ("CREDIT_DEBIT_EXPIRY", expiry()),
            "\nCVV: ", ("CREDIT_DEBIT_CVV", cvv()),
            "\nwas this form safe to fill out? it was from an email"]


@tpl()
def _(r):
    return ["Payee: ", ("NAME", name()), "  Transit: ", ("BANK_ROUTING", transit()), "  Institution: ", ("BANK_ROUTING", institution()),
            "  Account: ", ("BANK_ACCOUNT_NUMBER", ca_acct()), "  Amount: ", amount(), " CAD"]


@tpl()
def _(r):
    return ["IBAN: ", ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", iban(grouped=True)), "\nBIC: ", ("SWIFT_CODE", swift()),
            "\nAccount holder: ", ("NAME", name()), "\nmy cousin gave me this for the wedding money, how do I send it"]


@tpl()
def _(r):
    return ["⑆", ("BANK_ROUTING", aba()), "⑆ ", ("BANK_ACCOUNT_NUMBER", acct()), "⑈ ", ref(4),
            "  that's the MICR line off my check, the app can't read it"]

# --- transcripts, identifier answering an earlier question

@tpl(w=2)
def _(r):
    return ["bot: Which account would you like to check?\nme: checking\nbot: Please enter the account number.\nme: ",
            ("BANK_ACCOUNT_NUMBER", acct())]


@tpl()
def _(r):
    return ["Agent: can you confirm the routing number you were given?\nCustomer: one sec\nCustomer: ", ("BANK_ROUTING", aba()),
            "\nAgent: and the account?\nCustomer: ", ("BANK_ACCOUNT_NUMBER", acct())]


@tpl()
def _(r):
    c = card()
    return ["bot: To verify, please type the card number.\nuser: ", ("CREDIT_DEBIT_NUMBER", c),
            "\nbot: And the expiry date?\nuser: ", ("CREDIT_DEBIT_EXPIRY", expiry()), "\nbot: Thanks. Last, the 3 digit code.\nuser: ",
            ("CREDIT_DEBIT_CVV", cvv())]


@tpl()
def _(r):
    return ["> agent: what's the last 4 of your SSN?\n> me: ", last4(), "\n> agent: and your date of birth?\n> me: ",
            ("DATE_TIME", dob())]


@tpl()
def _(r):
    return ["Agent ", ("NAME", first()), ": What is your social insurance number?\nYou: ", ("CA_SOCIAL_INSURANCE_NUMBER", sin()),
            "\nAgent: Thank you, and the postal code on file?\nYou: its the same as always"]


@tpl()
def _(r):
    return ["bot: What's the beneficiary's SWIFT code?\nme: ", ("SWIFT_CODE", swift()), "\nbot: And their IBAN?\nme: ",
            ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", iban())]


@tpl()
def _(r):
    return ["agent: For your security, please don't share your PIN.\nme: oh too late its ", ("PIN", pin(4)),
            "\nme: should I change it"]


@tpl()
def _(r):
    return ["bot: Please enter the 9 digit routing number\nme: ", ("BANK_ROUTING", aba()), "\nbot: That routing number is not valid.\nme: i copied it off the check?? ",
            "account is ", ("BANK_ACCOUNT_NUMBER", acct())]


@tpl()
def _(r):
    return ["Agent: how can I help today?\nMe: fraud on my card\nAgent: which card? you can give the last four\nMe: ", last4(),
            " but the full one is ", ("CREDIT_DEBIT_NUMBER", card()), " if that helps"]


@tpl()
def _(r):
    return ["bot: what phone number should we text the code to?\nuser: ", ("PHONE", phone()),
            "\nbot: code sent.\nuser: didnt get it, use my email ", ("EMAIL", email())]


@tpl()
def _(r):
    return ["Agent: I need your ITIN to open the account.\nClient: ", ("US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", itin()),
            "\nAgent: and a mailing address?\nClient: ", ("ADDRESS", address("US"))]


@tpl()
def _(r):
    return ["bot: enter the amount\nme: ", amount(), "\nbot: enter the recipient account\nme: ", ("BANK_ACCOUNT_NUMBER", acct()),
            "\nbot: enter the recipient's bank routing number\nme: ", ("BANK_ROUTING", aba())]

# --- voice to text run-ons, lowercase, no punctuation

@tpl(w=2)
def _(r):
    c = digits(card())
    return ["hi yes my card number is ", ("CREDIT_DEBIT_NUMBER", c), " expiration ", ("CREDIT_DEBIT_EXPIRY", expiry()),
            " security code ", ("CREDIT_DEBIT_CVV", cvv()), " and i need to know why it got declined at ", org(MERCH),
            " this morning it was only ", amount()]


@tpl()
def _(r):
    return ["ok so the routing is ", ("BANK_ROUTING", aba()), " and the checking account is ", ("BANK_ACCOUNT_NUMBER", acct()),
            " and i want the tax refund to go there not the old one period new paragraph thank you"]


@tpl()
def _(r):
    return ["yes hello this is ", ("NAME", low_name()), " calling about my account number ", ("BANK_ACCOUNT_NUMBER", acct()),
            " i got a text from ", ("PHONE", phone()), " saying it was locked is that you guys"]


@tpl()
def _(r):
    return ["transfer ", amount(), " from savings to checking account ", ("BANK_ACCOUNT_NUMBER", acct()),
            " and then pay my credit card ending ", last4(), " thank you"]


@tpl()
def _(r):
    return ["my social is ", ("SSN", ssn("plain")), " date of birth ", ("DATE_TIME", dob()), " and my zip code i forget the rest i just want my balance"]


@tpl()
def _(r):
    return ["send it to my pay pal no my bank account ", ("BANK_ACCOUNT_NUMBER", acct()), " at ", org(BANK),
            " routing number ", ("BANK_ROUTING", aba()), " comma thank you"]


@tpl()
def _(r):
    return ["i need a new pin the old one was ", ("PIN", pin()), " and i think my ex knows it also freeze the card ",
            ("CREDIT_DEBIT_NUMBER", card(style="plain"))]

# --- misspelled / abbreviated cues

@tpl(w=2)
def _(r):
    return ["cc# ", ("CREDIT_DEBIT_NUMBER", card()), " exp ", ("CREDIT_DEBIT_EXPIRY", expiry()), " sec code ", ("CREDIT_DEBIT_CVV", cvv()),
            " pls refund the ", amount(), " double charge"]


@tpl()
def _(r):
    return ["acct no ", ("BANK_ACCOUNT_NUMBER", acct()), " rtn ", ("BANK_ROUTING", aba()), " pls confirm for dd"]


@tpl()
def _(r):
    return ["rounting nmber ", ("BANK_ROUTING", aba()), " acount nmber ", ("BANK_ACCOUNT_NUMBER", acct()), " is that rite for my unemployment"]


@tpl()
def _(r):
    return ["credt card ", ("CREDIT_DEBIT_NUMBER", card()), " experation ", ("CREDIT_DEBIT_EXPIRY", expiry()),
            " cvc ", ("CREDIT_DEBIT_CVV", cvv()), " was stolen at the casino"]


@tpl()
def _(r):
    return ["Acc#", ("BANK_ACCOUNT_NUMBER", acct()), " ABA#", ("BANK_ROUTING", aba()), " SWFT ", ("SWIFT_CODE", swift("US")),
            " - for the incoming wire from my brother overseas"]


@tpl()
def _(r):
    return ["socal security # ", ("SSN", ssn()), " for the account opening, also my DL is ", ("DRIVER_ID", R.choice("ABCDEFGHKLMNPRSTW") + rd(R.choice([7, 8, 12])))]


@tpl()
def _(r):
    return ["dbt card ", ("CREDIT_DEBIT_NUMBER", card()), " xp ", ("CREDIT_DEBIT_EXPIRY", expiry()), " need replacement asap"]


@tpl()
def _(r):
    return ["S.I.N. ", ("CA_SOCIAL_INSURANCE_NUMBER", sin()), " for my RRSP contribution slip, acct ", ("BANK_ACCOUNT_NUMBER", ca_acct())]


@tpl()
def _(r):
    return ["my pin# is ", ("PIN", pin(4)), " but the atm at ", org(MERCH), " says incorrect pin, card is ", ("CREDIT_DEBIT_NUMBER", card())]

# --- values before labels

@tpl(w=2)
def _(r):
    return [("CREDIT_DEBIT_NUMBER", card()), " is the card, ", ("CREDIT_DEBIT_EXPIRY", expiry()), " is the expiry and ",
            ("CREDIT_DEBIT_CVV", cvv()), " the code on the back. why is it blocked"]


@tpl()
def _(r):
    return [("BANK_ACCOUNT_NUMBER", acct()), " is my account and ", ("BANK_ROUTING", aba()), " is the routing, can you confirm direct deposit is set up"]


@tpl()
def _(r):
    return [("SSN", ssn()), " (ssn) ", ("DATE_TIME", dob()), " (dob) - please unlock my online banking"]


@tpl()
def _(r):
    return [("SWIFT_CODE", swift()), " is the swift and ", ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", iban()), " the iban they sent me, is it legit?"]


@tpl()
def _(r):
    return [("PIN", pin(4)), " - that's the pin I want on the new card please"]


@tpl()
def _(r):
    return [("CA_SOCIAL_INSURANCE_NUMBER", sin()), " that's my SIN, ", ("BANK_ROUTING", transit()), " transit, ",
            ("BANK_ACCOUNT_NUMBER", rd(7)), " account. CRA wants it for the GST credit"]


@tpl()
def _(r):
    return [("US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", itin()), " is my itin, I don't have a social yet. can I still open a checking"]

# --- lists of several identifiers in one line

@tpl(w=2)
def _(r):
    return ["cards to cancel: ", ("CREDIT_DEBIT_NUMBER", card()), ", ", ("CREDIT_DEBIT_NUMBER", card()), ", ",
            ("CREDIT_DEBIT_NUMBER", card()), " - wallet stolen"]


@tpl()
def _(r):
    return ["close these accounts: ", ("BANK_ACCOUNT_NUMBER", acct()), " ", ("BANK_ACCOUNT_NUMBER", acct()), " ",
            ("BANK_ACCOUNT_NUMBER", acct()), " and send the balance to ", ("BANK_ACCOUNT_NUMBER", acct())]


@tpl()
def _(r):
    return ["rtn/acct/check: ", ("BANK_ROUTING", aba()), "/", ("BANK_ACCOUNT_NUMBER", acct()), "/", ref(4)]


@tpl()
def _(r):
    return [("CREDIT_DEBIT_NUMBER", card(style="plain")), " ", ("CREDIT_DEBIT_EXPIRY", expiry()), " ", ("CREDIT_DEBIT_CVV", cvv()),
            " ", ("NAME", name())]


@tpl()
def _(r):
    return ["Both kids' accounts please: ", ("NAME", first()), " - ", ("BANK_ACCOUNT_NUMBER", acct()), "; ", ("NAME", first()),
            " - ", ("BANK_ACCOUNT_NUMBER", acct()), ". Move ", amount(), " into each for their birthday"]


@tpl()
def _(r):
    return ["routing numbers I was given: ", ("BANK_ROUTING", aba()), " and ", ("BANK_ROUTING", aba()), ". which is for wires and which for ACH?"]


@tpl()
def _(r):
    return ["old card ", ("CREDIT_DEBIT_NUMBER", card()), " new card ", ("CREDIT_DEBIT_NUMBER", card()),
            " - netflix still charging the old one"]

# --- other plain US/CA support messages with identifiers

@tpl()
def _(r):
    return ["I'd like to dispute a charge of ", amount(), " at ", org(MERCH), " on ", ("DATE_TIME", date()), ". Card ",
            ("CREDIT_DEBIT_NUMBER", card()), "."]


@tpl()
def _(r):
    return ["Can you send a wire confirmation to ", ("EMAIL", email()), "? It was ", amount(), " to account ", ("BANK_ACCOUNT_NUMBER", acct()),
            ", routing ", ("BANK_ROUTING", aba())]


@tpl()
def _(r):
    return ["Is ", ("BANK_ROUTING", aba()), " the correct routing number for ", org(BANK), " or is that the old one?"]


@tpl()
def _(r):
    return ["Interac e-transfer to ", ("EMAIL", email()), " for ", amount(), " didn't arrive, sent from ", ("BANK_ACCOUNT_NUMBER", ca_acct())]


@tpl()
def _(r):
    return ["Zelle to ", ("PHONE", phone()), " went to the wrong person!! it was ", amount(), " for rent to ", ("NAME", name())]


@tpl()
def _(r):
    return ["please update my address to ", ("ADDRESS", address()), " and send the new card there, current card ",
            ("CREDIT_DEBIT_NUMBER", card()), " expires ", ("CREDIT_DEBIT_EXPIRY", expiry())]


@tpl()
def _(r):
    return ["I can't log in. username ", ("USERNAME", R.choice(["grandpa", "dot", "mr", "hvac", "biz"]) + R.choice(["_", "."]) + R.choice(LAST).lower() + str(R.randint(1, 99))),
            " password ", ("PASSWORD", R.choice(["Buster", "Tigers", "Maple", "Fluffy"]) + str(R.randint(1940, 2020)) + R.choice(["!", "#", ""])),
            " and the pin for the card is ", ("PIN", pin(4))]


@tpl()
def _(r):
    return ["Got a text saying to verify at ", ("URL", "http://" + R.choice(["secure-", "verify-", "alert-"]) + R.choice(["chase", "td", "rbc", "wells"]) + "-login." + R.choice(["info", "co", "top", "xyz"]) + "/acct"),
            " and I entered my card ", ("CREDIT_DEBIT_NUMBER", card()), " and cvv ", ("CREDIT_DEBIT_CVV", cvv()), ". what now"]


@tpl()
def _(r):
    return ["Travel notice please, going abroad ", ("DATE_TIME", date()), " to ",
            ("DATE_TIME", date()), ", card ", ("CREDIT_DEBIT_NUMBER", card())]


@tpl()
def _(r):
    return ["I need a letter with my account ", ("BANK_ACCOUNT_NUMBER", acct()), " and routing ", ("BANK_ROUTING", aba()),
            " on bank letterhead for my employer ", org(BIZ)]


@tpl()
def _(r):
    return ["apple pay wont add my card ", ("CREDIT_DEBIT_NUMBER", card()), ", says contact issuer. exp ", ("CREDIT_DEBIT_EXPIRY", expiry())]


@tpl()
def _(r):
    return ["Passport ", ("PASSPORT_NUMBER", R.choice(["5", "4", "C"]) + rd(8)), " for the ID check, I'm a US citizen living abroad",
            ". IBAN for my pension there is ", ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", iban())]


@tpl()
def _(r):
    return ["my 6 digit pin is ", ("PIN", pin(6)), " but the machine only takes 4??"]


@tpl()
def _(r):
    return ["it's ", ("NAME", name()), ". Canada Child Benefit goes to ", ("BANK_ACCOUNT_NUMBER", ca_acct()), ", transit ",
            ("BANK_ROUTING", transit()), ", institution ", ("BANK_ROUTING", institution()), ". Payment of ", amount(), " missing"]


@tpl()
def _(r):
    e = "0" + institution() + transit()
    return ["for the electronic deposit form, is it ", ("BANK_ROUTING", e), " with account ", ("BANK_ACCOUNT_NUMBER", rd(7)), "?"]


@tpl()
def _(r):
    return ["Discover card ", ("CREDIT_DEBIT_NUMBER", card("disc")), " - cash advance limit? exp ", ("CREDIT_DEBIT_EXPIRY", expiry())]


@tpl()
def _(r):
    return ["mastercard ", ("CREDIT_DEBIT_NUMBER", card(R.choice(["mc", "mc2"]))), " cvv2 ", ("CREDIT_DEBIT_CVV", cvv()),
            " someone used it out of state for ", amount()]

# --- non-financial PII only (no financial identifiers)

@tpl(fin=False)
def _(r):
    return ["I'd like to update my phone to ", ("PHONE", phone()), " and email to ", ("EMAIL", email())]


@tpl(fin=False)
def _(r):
    return ["This is ", ("NAME", name()), ", I was born ", ("DATE_TIME", dob()), ", I need a replacement debit card mailed to ",
            ("ADDRESS", address())]


@tpl(fin=False)
def _(r):
    return ["the charge from ", org(MERCH), " on ", ("DATE_TIME", date()), " for ", amount(), " is not mine, card ending in ", last4()]


@tpl(fin=False)
def _(r):
    return ["my mom ", ("NAME", name()), " is ", ("AGE", str(R.randint(80, 99))), " and in a nursing home, I have POA, how do I get access"]


@tpl(fin=False)
def _(r):
    return ["payroll was supposed to go out ", ("DATE_TIME", date()), " but employees got nothing, batch ", ref(10), ", total ", amount()]


@tpl(fin=False)
def _(r):
    return ["logins from IP ", ("IP_ADDRESS", "%d.%d.%d.%d" % (R.randint(23, 200), R.randint(0, 255), R.randint(0, 255), R.randint(1, 254))),
            " aren't me. reset everything"]

# --- clean negatives that look dangerous

@tpl(fin=False, neg=True, w=2)
def _(r):
    return ["card ending in ", last4(), " was charged ", amount(), " twice at ", org(MERCH), ", ref ", ref(12)]


@tpl(fin=False, neg=True)
def _(r):
    return ["my confirmation number is ", ref(10), " for the ", amount(), " wire, when will it arrive"]


@tpl(fin=False, neg=True)
def _(r):
    return ["order #", rd(3), "-", rd(7), "-", rd(7), " refund of ", amount(), " not showing yet"]


@tpl(fin=False, neg=True)
def _(r):
    return ["case number ", ref(8), " - still waiting on my dispute for ", amount()]


@tpl(fin=False, neg=True)
def _(r):
    return ["transaction id ", not_luhn16(), " for ", amount(), " shows pending for 5 days, why"]


@tpl(fin=False, neg=True)
def _(r):
    return ["wire ref ", not_aba9(), " of ", amount(), " hasnt cleared, it's been 3 business days"]


@tpl(fin=False, neg=True)
def _(r):
    return ["xxxx xxxx xxxx ", last4(), " is the card that got declined for ", amount()]


@tpl(fin=False, neg=True)
def _(r):
    return ["the acct ending ", last4(), " has an overdraft fee of ", amount(), ", please waive it, first time in 20 years"]


@tpl(fin=False, neg=True)
def _(r):
    return ["I deposited check #", ref(4), " for ", amount(), " via mobile deposit, hold says ", str(R.randint(2, 9)), " days?"]


@tpl(fin=False, neg=True)
def _(r):
    return ["tracking number ", "1Z" + "".join(R.choice("0123456789ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(16)), " for my new card says delivered but nothing"]


@tpl(fin=False, neg=True)
def _(r):
    return ["Why was I charged a ", amount(), " monthly fee? my balance was over ", amount(), " all month"]


@tpl(fin=False, neg=True)
def _(r):
    return ["our payroll of ", amount(), " for ", str(R.randint(4, 60)), " employees was debited twice by ", org(PAYROLL),
            ", batch id ", ref(9)]


@tpl(fin=False, neg=True)
def _(r):
    return ["loan #", rd(3), "-", rd(3), "-", rd(4), " payment of ", amount(), " bounced, can I repay by phone"]


@tpl(fin=False, neg=True)
def _(r):
    return ["how much is the fee for an outgoing domestic wire? I need to send ", amount(), " and incoming from ", org(BANK)]


@tpl(fin=False, neg=True)
def _(r):
    return [org(PROC), " deposit of ", amount(), " minus ", amount(), " fees, settlement batch ", ref(7), ", terminal ", rd(8)]


@tpl(fin=False, neg=True)
def _(r):
    return ["I'm getting error code ", rd(4), "-", rd(3), " when I try to log into online banking"]


@tpl(fin=False, neg=True)
def _(r):
    return ["what's the daily atm limit? i need ", amount(), " for a used car, i'll be taking out ", amount(), " at the branch"]


@tpl(fin=False, neg=True)
def _(r):
    return ["the interest on my savings is only $%d.%02d on $%s, is" % (R.randint(0, 9), R.randint(0, 99), format(R.randint(5000, 90000), ",")), " the rate really 0.01%?"]


@tpl(fin=False, neg=True)
def _(r):
    return ["my mortgage statement shows principal ", amount(), " escrow ", amount(), " total ", amount(), ", loan no ", rd(10)]


@tpl(fin=False, neg=True)
def _(r):
    return ["member # ", rd(6), " - can I get my 1099-INT emailed, it was ", amount(), " in interest"]


@tpl(fin=False, neg=True)
def _(r):
    return ["ticket ", rd(3), "-", rd(3), "-", rd(4), " was closed but my ", amount(), " was never credited back"]

# ---------------------------------------------------------------- styling

FILLERS_PRE = ["", "", "", "", "hi ", "Hello, ", "hey ", "Good afternoon. ", "um ", "URGENT: ", "hello? "]
FILLERS_POST = ["", "", "", "", " thanks", " thank you!", " ??", " pls", ". Thank you kindly.", " asap", " :("]


def style(parts):
    parts = list(parts)
    mode = R.random()
    out = []
    for p in parts:
        if isinstance(p, str):
            if mode < 0.2:
                p = p.lower()
            elif mode < 0.3:
                p = re.sub(r"[.,!?;:](?=\s|$)", "", p.lower())
        out.append(p)
    pre, post = R.choice(FILLERS_PRE), R.choice(FILLERS_POST)
    if isinstance(parts[0], str) and re.match(r"(?i)(hi|hello|hey|good morning|dear)\b", parts[0]):
        pre = ""
    if isinstance(parts[0], str) and "\n" in parts[0] or any(isinstance(p, str) and p.startswith("\n") for p in parts):
        pre, post = "", ""  # pasted forms and transcripts get no greeting/sign-off
    if mode < 0.3:
        pre, post = pre.lower(), post.lower()
    return [pre] + out + [post]


def assemble(parts):
    text, ents, others = "", [], []
    for p in parts:
        if isinstance(p, str):
            text += p
        else:
            t, v = p
            b = len(text)
            text += v
            (others if t == "ORG" else ents).append({"type": "ORGANIZATION" if t == "ORG" else t, "begin": b, "end": len(text), "_v": v})
    return text, ents, others

# ---------------------------------------------------------------- self-check

SSN_RE = re.compile(r"^(\d{3})[- ]?(\d{2})[- ]?(\d{4})$")


def check(rec, ents, others):
    text = rec["text"]
    spans = sorted(ents + others, key=lambda e: e["begin"])
    for a, b in zip(spans, spans[1:]):
        assert a["end"] <= b["begin"], (rec["id"], a, b)
    for e in ents + others:
        v = text[e["begin"]:e["end"]]
        assert v == e["_v"] and v.strip() == v and v, (rec["id"], e)
        # the span must not be glued to neighbouring word characters
        assert e["begin"] == 0 or not text[e["begin"] - 1].isalnum(), (rec["id"], e)
        assert e["end"] == len(text) or not text[e["end"]].isalnum(), (rec["id"], e)
        t = e["type"]
        if t == "CREDIT_DEBIT_NUMBER":
            d = digits(v)
            assert re.fullmatch(r"[\d -]+", v) and luhn_ok(d) and len(d) in (15, 16), (rec["id"], v)
            assert (d[0] == "4" and len(d) == 16) or (d[:2] in ("34", "37") and len(d) == 15) or \
                (51 <= int(d[:2]) <= 55) or (2221 <= int(d[:4]) <= 2720) or d.startswith("6011") or d.startswith("65"), v
        elif t == "BANK_ROUTING":
            d = digits(v)
            if len(d) == 9 and "-" not in v:
                assert aba_ok(d) or (d[0] == "0" and len(d) == 9), (rec["id"], v)  # ABA, or CA electronic 0III TTTTT
            else:
                assert len(d) in (3, 5, 8), v
        elif t == "CREDIT_DEBIT_CVV":
            assert re.fullmatch(r"\d{3,4}", v), v
        elif t == "CREDIT_DEBIT_EXPIRY":
            m = re.fullmatch(r"(\d{1,2})[/-](\d{2}|\d{4})", v)
            assert m and 1 <= int(m.group(1)) <= 12, v
        elif t == "SSN":
            m = SSN_RE.match(v)
            assert m and m.group(1) not in ("000", "666") and m.group(1)[0] != "9" and m.group(2) != "00" and m.group(3) != "0000", v
        elif t == "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER":
            m = re.fullmatch(r"9\d{2}-(\d{2})-\d{4}", v)
            g = int(m.group(1))
            assert 50 <= g <= 65 or 70 <= g <= 88 or 90 <= g <= 92 or 94 <= g <= 99, v
        elif t == "CA_SOCIAL_INSURANCE_NUMBER":
            d = digits(v)
            assert len(d) == 9 and luhn_ok(d) and d[0] not in "08", v
        elif t == "INTERNATIONAL_BANK_ACCOUNT_NUMBER":
            assert iban_ok(v), v
        elif t == "SWIFT_CODE":
            assert re.fullmatch(r"[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?", v), v
        elif t == "PIN":
            assert re.fullmatch(r"\d{4}|\d{6}", v), v
        elif t == "BANK_ACCOUNT_NUMBER":
            assert re.fullmatch(r"\d[\d-]{5,16}\d", v), v
        elif t == "PHONE":
            assert "555" in v and len(digits(v)) in (10, 11), v
    if rec["template_id"].startswith("holdout6:") and not ents:
        # negatives: no stray Luhn-valid 13-19 digit runs or ABA-valid 9 digit runs
        for m in re.finditer(r"\d[\d -]*\d", text):
            d = digits(m.group())
            assert not (13 <= len(d) <= 19 and luhn_ok(d) and len(d) == len(m.group())), (rec["id"], m.group())


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "banking_chat_pii_holdout6.jsonl")
    idx = {id(f): i for i, (f, _, _, _) in enumerate(T)}
    pos = [t for t in T if not t[2]]
    neg = [t for t in T if t[2]]
    plan = []
    # every template at least twice, then weighted fill to 300 records (~20% clean negatives)
    for t in T:
        plan += [t, t]
    while sum(1 for t in plan if t[2]) < 62:
        plan.append(R.choices(neg, weights=[w for _, _, _, w in neg])[0])
    while len(plan) < 300:
        plan.append(R.choices(pos, weights=[w for _, _, _, w in pos])[0])
    R.shuffle(plan)
    recs, seen = [], set()
    for n, (f, fin, isneg, w) in enumerate(plan):
        for _attempt in range(20):
            text, ents, others = assemble(style(f(R)))
            if text not in seen:
                break
        seen.add(text)
        rec = {"id": "bankchat-holdout6-%04d" % n, "split": "holdout6", "text": text,
               "entities": [{k: e[k] for k in ("type", "begin", "end")} for e in ents],
               "template_id": "holdout6:%d" % idx[id(f)], "template_source": "own"}
        if others:
            rec["other_entities"] = [{k: e[k] for k in ("type", "begin", "end")} for e in others]
        check(rec, ents, others)
        assert bool(ents) != isneg, (rec["id"], text)
        recs.append(rec)
    with open(out, "w", encoding="utf-8") as fh:
        for rec in recs:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    fin_types = {"CREDIT_DEBIT_NUMBER", "CREDIT_DEBIT_CVV", "CREDIT_DEBIT_EXPIRY", "BANK_ACCOUNT_NUMBER", "BANK_ROUTING",
                 "INTERNATIONAL_BANK_ACCOUNT_NUMBER", "SWIFT_CODE", "PIN"}
    counts = {}
    for rec in recs:
        for e in rec["entities"]:
            counts[e["type"]] = counts.get(e["type"], 0) + 1
    nfin = sum(1 for rec in recs if any(e["type"] in fin_types for e in rec["entities"]))
    nneg = sum(1 for rec in recs if not rec["entities"])
    print("records %d, with financial identifier %d, clean negatives %d, entities %d" % (len(recs), nfin, nneg, sum(counts.values())))
    for t, c in sorted(counts.items(), key=lambda x: -x[1]):
        print("  %-40s %d" % (t, c))


if __name__ == "__main__":
    main()
