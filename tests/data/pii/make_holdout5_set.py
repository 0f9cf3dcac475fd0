#!/usr/bin/env python3
"""Generate the blind "holdout5" banking-chat PII test set (python3, stdlib only).

Written without looking at the detector, its tests or the other test sets; only the dev set's
format, the scorer and the Comprehend entity-type list were consulted.

Focus: UK, Irish, Australian, New Zealand and European customers; self-corrections; identifiers
split across clauses or chat lines; informal cues (acc, a/c, no., num, #), labels after the value,
typos in cue words, a few non-English snippets and a few numbers dictated in words.

Labelling rules (see also the report):
  * card LAST 4 / "ending in 1234" alone is NOT a card number -> no entity (negatives);
  * a full card number split over two chat lines: each fragment is CREDIT_DEBIT_NUMBER;
  * calendar dates (DOB and transaction dates alike) are DATE_TIME, as in the dev set; durations and
    relative periods ("3 days", "last month") are not labelled;
  * AGE only for a person's age ("I'm 72"); years as a customer, counts, amounts are not PII;
  * merchants, banks, case/order/payment references are not PII (no other_entities, like the dev set);
  * NZ account numbers (bank-branch-account-suffix) are one BANK_ACCOUNT_NUMBER; UK sort codes,
    Irish NSCs, AU BSBs, CA transit and institution numbers, US ABA numbers are BANK_ROUTING;
  * a wrong value the customer then corrects is still labelled (both values are PII).

Usage: python3 make_holdout5_set.py [out.jsonl]   (default: banking_chat_pii_holdout5.jsonl beside this file)
"""
import collections
import json
import os
import random
import re
import string
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checksums import aba_ok, iban_mod97, luhn_ok, luhn_complete as shared_luhn_complete, iban_ok as shared_iban_ok  # noqa: E402 (one copy of the check digits)

SEED = 20261202
N_FIN, N_OTHER, N_NEG = 190, 55, 60

# ---------------------------------------------------------------- validity helpers

def luhn_complete(prefix, length, rng):
    return shared_luhn_complete(prefix + "".join(rng.choice(string.digits) for _ in range(length - len(prefix) - 1)))


IBAN_LEN = {"GB": 22, "IE": 22, "DE": 22, "FR": 27, "ES": 24, "NL": 18, "IT": 27, "BE": 16,
            "PT": 25, "AT": 20, "PL": 28, "FI": 18, "DK": 18, "SE": 24}


def iban_ok(s):
    c = s.replace(" ", "").upper()
    return IBAN_LEN.get(c[:2]) == len(c) and c[2:4].isdigit() and shared_iban_ok(c)


def nhs_check(d9):
    s = sum(int(d) * (10 - i) for i, d in enumerate(d9))
    c = 11 - s % 11
    return None if c == 10 else (0 if c == 11 else c)


def nhs_ok(s):
    d = re.sub(r"\D", "", s)
    return len(d) == 10 and nhs_check(d[:9]) == int(d[9])


def digits(s):
    return re.sub(r"\D", "", s)

# ---------------------------------------------------------------- value generators

def D(rng, n):
    return "".join(rng.choice(string.digits) for _ in range(n))


def fmt_card(rng, num, style=None):
    style = style or rng.choice(["plain", "space", "space", "dash", "dot"] if len(num) == 16 else ["plain", "space", "dash"])
    if len(num) == 15:
        g = [num[:4], num[4:10], num[10:]]
    else:
        g = [num[i:i + 4] for i in range(0, 16, 4)]
    return {"plain": "".join(g), "space": " ".join(g), "dash": "-".join(g), "dot": ".".join(g)}[style]


def card_num(rng, brand=None):
    brand = brand or rng.choice(["visa", "visa", "mc", "mc", "amex", "disc"])
    if brand == "visa":
        return luhn_complete("4" + D(rng, 5), 16, rng)
    if brand == "mc":
        p = rng.choice([str(rng.randint(51, 55)) + D(rng, 4), str(rng.randint(2221, 2720)) + D(rng, 2)])
        return luhn_complete(p, 16, rng)
    if brand == "amex":
        return luhn_complete(rng.choice(["34", "37"]) + D(rng, 4), 15, rng)
    return luhn_complete(rng.choice(["6011", "65" + D(rng, 2), "644" + D(rng, 1)]) + D(rng, 2), 16, rng)


def expiry(rng):
    m, y = rng.randint(1, 12), rng.randint(26, 32)
    return rng.choice([f"{m:02d}/{y}", f"{m:02d}/{y}", f"{m}/{y}", f"{m:02d}/20{y}", f"{m:02d}-{y}",
                       f"{m:02d}.{y}", f"{m:02d} / {y}"])


def sort_code(rng, style=None):
    a, b, c = rng.choice(["20", "40", "30", "60", "11", "09", "77", "83", "16", "52"]), D(rng, 2), D(rng, 2)
    return {"dash": f"{a}-{b}-{c}", "space": f"{a} {b} {c}", "plain": a + b + c}[style or rng.choice(["dash", "dash", "space", "plain"])]


def ie_nsc(rng):
    a, b, c = rng.choice(["90", "93", "98", "99", "95"]), D(rng, 2), D(rng, 2)
    return rng.choice([f"{a}-{b}-{c}", f"{a}{b}{c}", f"{a} {b} {c}"])


def bsb(rng):
    a = rng.choice(["062", "063", "033", "032", "082", "083", "012", "013", "734", "484", "124", "923"])
    b = D(rng, 3)
    return rng.choice([f"{a}-{b}", f"{a}-{b}", f"{a} {b}", a + b])


def nz_acc(rng):
    bank = rng.choice(["01", "02", "03", "06", "12", "38", "15"])
    return rng.choice(["-", "-", " "]).join([bank, D(rng, 4), D(rng, 7), D(rng, rng.choice([2, 3]))])


def aba(rng):
    while True:
        d = rng.choice(["0", "1", "2", "3"]) + D(rng, 7)
        for c in string.digits:
            if aba_ok(d + c):
                return d + c


def bban(rng, cc):
    L = string.ascii_uppercase
    if cc == "GB":
        return rng.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL", "MONZ", "SRLG"]) + D(rng, 14)
    if cc == "IE":
        return rng.choice(["AIBK", "BOFI", "IPBS", "PTSB"]) + D(rng, 14)
    if cc == "NL":
        return rng.choice(["INGB", "ABNA", "RABO", "TRIO", "SNSB"]) + D(rng, 10)
    if cc == "IT":
        return rng.choice(L) + D(rng, 10) + D(rng, 12)
    if cc == "FR":
        return D(rng, 10) + D(rng, 11) + D(rng, 2)
    if cc == "BE":
        b = D(rng, 10)
        k = int(b) % 97 or 97
        return b + f"{k:02d}"
    n = IBAN_LEN[cc] - 4
    return D(rng, n)


def iban(rng, cc=None, style=None):
    cc = cc or rng.choice(["GB", "IE", "IE", "DE", "FR", "ES", "NL", "IT", "BE", "PT", "AT", "PL", "FI"])
    b = bban(rng, cc)
    chk = 98 - iban_mod97(cc + "00" + b)
    s = f"{cc}{chk:02d}{b}"
    style = style or rng.choice(["plain", "space", "space", "space"])
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4)) if style == "space" else s


BICS = ["AIBKIE2D", "BOFIIE2D", "IPBSIE2D", "NWBKGB2L", "BARCGB22", "LOYDGB2L", "HBUKGB4B", "MONZGB2L",
        "ANZBAU3M", "WPACAU2S", "CTBAAU2S", "NATAAU33", "ASBBNZ2A", "BKNZNZ22", "ANZBNZ22", "WPACNZ2W",
        "DEUTDEFF", "COBADEFFXXX", "BNPAFRPPXXX", "INGBNL2A", "RABONL2U", "BBVAESMM", "UNCRITMM",
        "KREDBEBB", "BCOMPTPL", "PKOPPLPW", "BKAUATWW", "NDEAFIHH"]


def bic(rng):
    if rng.random() < 0.7:
        return rng.choice(BICS)
    L = string.ascii_uppercase
    return "".join(rng.choice(L) for _ in range(4)) + rng.choice(["GB", "IE", "AU", "NZ", "DE", "FR"]) + rng.choice(L) + rng.choice(L + "23") + rng.choice(["", "", "XXX"])


FIRST = ["Siobhán", "Aoife", "Niamh", "Ciarán", "Seán", "Pádraig", "Róisín", "Declan", "Orla", "Cormac",
         "Tāne", "Aroha", "Wiremu", "Mere", "Hemi", "Ngaire", "Liam", "Olivia", "Charlotte", "Jack", "Harry",
         "Isla", "Mia", "Oliver", "Amelia", "Chloé", "François", "Zoë", "Björn", "Søren", "Łukasz",
         "Małgorzata", "Jürgen", "Inês", "João", "Matteo", "Giulia", "Dimitra", "Anouk", "Callum", "Rhys",
         "Eilidh", "Gráinne", "Priya", "Bronwyn", "Lachlan", "Kirra", "Mateusz", "Ilse", "Émilie"]
LAST = ["O'Sullivan", "Ní Bhriain", "Ó Murchú", "MacCarthy", "Fitzgerald", "Walsh", "Byrne", "Ngata",
        "Te Whata", "Parata", "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Thompson",
        "Wilson", "Nguyen", "Müller", "Dubois", "Lefèvre", "García", "Núñez", "Wójcik", "Kowalski", "Rossi",
        "Bianchi", "van den Berg", "Jansen", "Andersen", "Papadopoulos", "Ferreira", "Campbell", "MacLeod",
        "Patel", "Singh", "Kelly", "Doyle", "Henare", "Zieliński"]


def name_full(rng):
    n = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return n.lower() if rng.random() < 0.2 else n


def ascii_name(s):
    tr = str.maketrans("áéíóúāēīōūüöäøłńśźżçñãõèàâêîôûëïÁÉÍÓÚŁ", "aeiouaeiouuoaolnszzcnaoeaaeioueiAEIOUL")
    return re.sub(r"[^a-z]", "", s.lower().translate(tr))


def email(rng):
    f, l = ascii_name(rng.choice(FIRST)), ascii_name(rng.choice(LAST))
    user = rng.choice([f"{f}.{l}", f"{f}{l}{rng.randint(1, 99)}", f"{f[0]}{l}", f"{f}_{l}{rng.randint(70, 99)}"])
    return user + "@" + rng.choice(["example.co.uk", "example.ie", "example.com.au", "example.co.nz", "example.de",
                                    "mail.example.com", "example.fr"])


def addr(rng, region=None):
    region = region or rng.choice(["uk", "ie", "au", "nz"])
    n = rng.randint(1, 240)
    if region == "uk":
        st = rng.choice(["Kingsway", "Albert Road", "Heaton Grove", "Mill Lane", "Victoria Street", "Cathedral Walk"])
        town, pc = rng.choice([("Leeds", "LS6 2AB"), ("Manchester", "M14 5RT"), ("Belfast", "BT7 1NN"),
                               ("Edinburgh", "EH3 9QG"), ("Cardiff", "CF10 3AT"), ("London", "SW9 8PE")])
        return f"{n} {st}, {town} {pc}"
    if region == "ie":
        st = rng.choice(["Mount Street Upper", "Grattan Crescent", "Main Street", "Ballyhooly Road", "Church View"])
        town, ec = rng.choice([("Dublin 2", "D02 X285"), ("Cork", "T23 K7P4"), ("Galway", "H91 E2W6"),
                               ("Limerick", "V94 R3C8"), ("Inchicore, Dublin 8", "D08 N9Y2")])
        return rng.choice([f"{n} {st}, {town}, {ec}", f"Apt {rng.randint(1, 30)}, {n} {st}, {town}"])
    if region == "au":
        st = rng.choice(["Smith St", "Brunswick Street", "Oxford St", "Hay Street", "Coronation Drive"])
        sub = rng.choice(["Fitzroy VIC 3065", "Paddington NSW 2021", "Perth WA 6000", "Milton QLD 4064", "Norwood SA 5067"])
        return rng.choice([f"{n} {st}, {sub}", f"Unit {rng.randint(1, 20)}/{n} {st} {sub}"])
    st = rng.choice(["Ponsonby Road", "Cuba Street", "Riccarton Road", "Tay Street", "Great North Road"])
    sub = rng.choice(["Grey Lynn, Auckland 1021", "Te Aro, Wellington 6011", "Riccarton, Christchurch 8041",
                      "Invercargill 9810", "Ponsonby, Auckland 1011"])
    return f"{n} {st}, {sub}"


def phone(rng, region=None):
    region = region or rng.choice(["uk", "ie", "au", "nz"])
    if region == "uk":
        return rng.choice([f"07700 900{D(rng, 3)}", f"+44 7700 900{D(rng, 3)}", f"07700900{D(rng, 3)}"])
    if region == "ie":
        p = rng.choice(["83", "85", "86", "87", "89"])
        return rng.choice([f"0{p} {D(rng, 3)} {D(rng, 4)}", f"+353 {p} {D(rng, 3)} {D(rng, 4)}"])
    if region == "au":
        return rng.choice([f"04{D(rng, 2)} {D(rng, 3)} {D(rng, 3)}", f"+61 4{D(rng, 2)} {D(rng, 3)} {D(rng, 3)}"])
    return rng.choice([f"021 {D(rng, 3)} {D(rng, 4)}", f"+64 21 {D(rng, 3)} {D(rng, 4)}", f"027{D(rng, 7)}"])


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def date(rng, year_range):
    y, m, d = rng.randint(*year_range), rng.randint(1, 12), rng.randint(1, 28)
    suf = "th" if d in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    return rng.choice([f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y}", f"{d} {MONTHS[m - 1]} {y}", f"{d}{suf} {MONTHS[m - 1][:3]} {y}",
                       f"{d:02d}.{m:02d}.{y}", f"{y}-{m:02d}-{d:02d}", f"{d:02d}-{m:02d}-{y}"])


def tx_date(rng):
    m, d = rng.randint(1, 12), rng.randint(1, 28)
    suf = "th" if d in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    return rng.choice([f"{d}/{m}", f"{d:02d}/{m:02d}/2026", f"{d} {MONTHS[m - 1]}", f"{d}{suf} {MONTHS[m - 1][:3]}",
                       f"{d}{suf} of {MONTHS[m - 1]}", f"{d:02d}.{m:02d}.2025"])


def nino(rng):
    a = "ABCEGHJKLMNOPRSTWXYZ"
    while True:
        p = rng.choice(a) + rng.choice(a.replace("O", ""))
        if p not in ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ"):
            break
    d, s = D(rng, 6), rng.choice("ABCD")
    return rng.choice([f"{p}{d}{s}", f"{p} {d[:2]} {d[2:4]} {d[4:]} {s}"])


def nhs(rng):
    while True:
        d9 = str(rng.randint(4, 7)) + D(rng, 8)
        c = nhs_check(d9)
        if c is not None:
            s = d9 + str(c)
            return rng.choice([f"{s[:3]} {s[3:6]} {s[6:]}", s, f"{s[:3]}-{s[3:6]}-{s[6:]}"])


def passport(rng):
    return rng.choice([D(rng, 9), rng.choice(["PA", "PB", "PC"]) + D(rng, 7), rng.choice("NPE") + D(rng, 7),
                       rng.choice(["LA", "LH", "RA"]) + D(rng, 6), "C" + "".join(rng.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8))])


def money(rng):
    v = rng.choice([f"{rng.randint(2, 999)}.{D(rng, 2)}", f"{rng.randint(1, 9)},{D(rng, 3)}.{D(rng, 2)}", str(rng.randint(5, 3000))])
    return rng.choice([f"£{v}", f"€{v}", f"${v}", f"{v} EUR", f"AU${v}", f"NZ${v}", f"{v} quid", f"GBP {v}"])


MERCHANTS = ["Tesco", "Sainsbury's", "Dunnes Stores", "Woolworths", "Countdown", "Bunnings", "Ryanair", "Aer Lingus",
             "Deliveroo", "JB Hi-Fi", "Argos", "Penneys", "Lidl", "The Warehouse", "Uber Eats", "Qantas", "Boots",
             "Harvey Norman", "Zalando", "Amazon"]
BANKS = ["Bank of Ireland", "AIB", "PTSB", "Barclays", "NatWest", "Lloyds", "Monzo", "Revolut", "CommBank",
         "Westpac", "ANZ", "NAB", "ASB", "Kiwibank", "BNZ", "ING", "N26", "Sparkasse"]

DIGIT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def fin_pin(rng, n=4):
    return D(rng, n)


def make_slots():
    """name -> fn(rng, ctx) -> (type or None, text)"""
    S = {}

    def card_split(rng, ctx, part):
        if "split" not in ctx:
            num = card_num(rng, rng.choice(["visa", "mc", "disc"]))
            sep = rng.choice([" ", ""])
            ctx["split"] = (sep.join([num[:4], num[4:8]]), sep.join([num[8:12], num[12:]]))
        return "CREDIT_DEBIT_NUMBER", ctx["split"][part]

    S.update({
        "card": lambda r, c: ("CREDIT_DEBIT_NUMBER", fmt_card(r, card_num(r))),
        "visa": lambda r, c: ("CREDIT_DEBIT_NUMBER", fmt_card(r, card_num(r, "visa"))),
        "mc": lambda r, c: ("CREDIT_DEBIT_NUMBER", fmt_card(r, card_num(r, "mc"))),
        "amex": lambda r, c: ("CREDIT_DEBIT_NUMBER", fmt_card(r, card_num(r, "amex"))),
        "card_plain": lambda r, c: ("CREDIT_DEBIT_NUMBER", card_num(r, r.choice(["visa", "mc", "disc"]))),
        "card_a": lambda r, c: card_split(r, c, 0),
        "card_b": lambda r, c: card_split(r, c, 1),
        "cvv": lambda r, c: ("CREDIT_DEBIT_CVV", D(r, 3)),
        "cid": lambda r, c: ("CREDIT_DEBIT_CVV", D(r, 4)),
        "cvv_words": lambda r, c: ("CREDIT_DEBIT_CVV", " ".join(r.choice(DIGIT_WORDS) for _ in range(3))),
        "exp": lambda r, c: ("CREDIT_DEBIT_EXPIRY", expiry(r)),
        "sort": lambda r, c: ("BANK_ROUTING", sort_code(r)),
        "ukacc": lambda r, c: ("BANK_ACCOUNT_NUMBER", D(r, 8)),
        "ukacc_sp": lambda r, c: ("BANK_ACCOUNT_NUMBER", f"{D(r, 4)} {D(r, 4)}"),
        "nsc": lambda r, c: ("BANK_ROUTING", ie_nsc(r)),
        "bsb": lambda r, c: ("BANK_ROUTING", bsb(r)),
        "auacc": lambda r, c: ("BANK_ACCOUNT_NUMBER", r.choice([D(r, 6), D(r, 8), D(r, 9), f"{D(r, 4)} {D(r, 4)}", f"{D(r, 3)} {D(r, 3)}"])),
        "nzacc": lambda r, c: ("BANK_ACCOUNT_NUMBER", nz_acc(r)),
        "transit": lambda r, c: ("BANK_ROUTING", D(r, 5)),
        "inst": lambda r, c: ("BANK_ROUTING", r.choice(["001", "002", "003", "004", "006", "010", "815"])),
        "caacc": lambda r, c: ("BANK_ACCOUNT_NUMBER", D(r, 7)),
        "aba": lambda r, c: ("BANK_ROUTING", aba(r)),
        "usacc": lambda r, c: ("BANK_ACCOUNT_NUMBER", D(r, r.randint(9, 12))),
        "acc": lambda r, c: ("BANK_ACCOUNT_NUMBER", r.choice([D(r, 8), D(r, 8), D(r, 10), f"{D(r, 4)}-{D(r, 4)}"])),
        "iban": lambda r, c: ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", iban(r)),
        "iban_ie": lambda r, c: ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", iban(r, "IE")),
        "iban_gb": lambda r, c: ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", iban(r, "GB")),
        "iban_de": lambda r, c: ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", iban(r, "DE")),
        "iban_fr": lambda r, c: ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", iban(r, "FR")),
        "iban_es": lambda r, c: ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", iban(r, "ES")),
        "iban_nl": lambda r, c: ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", iban(r, "NL")),
        "iban_pl": lambda r, c: ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", iban(r, "PL")),
        "iban_it": lambda r, c: ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", iban(r, "IT")),
        "iban_plain": lambda r, c: ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", iban(r, None, "plain")),
        "iban_low": lambda r, c: ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", iban(r, r.choice(["IE", "GB", "DE"]), "plain").lower()),
        "bic": lambda r, c: ("SWIFT_CODE", bic(r)),
        "pin": lambda r, c: ("PIN", fin_pin(r)),
        "pin6": lambda r, c: ("PIN", fin_pin(r, 6)),
        "pin_words": lambda r, c: ("PIN", " ".join(r.choice(DIGIT_WORDS) for _ in range(4))),
        # other PII
        "name": lambda r, c: ("NAME", name_full(r)),
        "first": lambda r, c: ("NAME", r.choice(FIRST)),
        "email": lambda r, c: ("EMAIL", email(r)),
        "addr": lambda r, c: ("ADDRESS", addr(r)),
        "addr_ie": lambda r, c: ("ADDRESS", addr(r, "ie")),
        "addr_au": lambda r, c: ("ADDRESS", addr(r, "au")),
        "addr_nz": lambda r, c: ("ADDRESS", addr(r, "nz")),
        "addr_uk": lambda r, c: ("ADDRESS", addr(r, "uk")),
        "phone": lambda r, c: ("PHONE", phone(r)),
        "phone_ie": lambda r, c: ("PHONE", phone(r, "ie")),
        "phone_au": lambda r, c: ("PHONE", phone(r, "au")),
        "phone_nz": lambda r, c: ("PHONE", phone(r, "nz")),
        "phone_uk": lambda r, c: ("PHONE", phone(r, "uk")),
        "dob": lambda r, c: ("DATE_TIME", date(r, (1940, 2006))),
        "date": lambda r, c: ("DATE_TIME", tx_date(r)),
        "age": lambda r, c: ("AGE", str(r.randint(18, 94))),
        "oldage": lambda r, c: ("AGE", str(r.randint(66, 94))),
        "url": lambda r, c: ("URL", r.choice(["https://", "", "http://"]) + r.choice(["secure-", "verify-", "my"]) + r.choice(["aib", "anz", "natwest", "kiwi"]) + "-login.example.net/" + r.choice(["auth", "unlock?id=" + D(r, 5), "m"])),
        "driver": lambda r, c: ("DRIVER_ID", r.choice([D(r, 8), D(r, 9), "DK" + D(r, 6), "MORGA" + D(r, 6) + "SM9IJ"])),
        "kidage": lambda r, c: ("AGE", str(r.randint(8, 17))),
        "nino": lambda r, c: ("UK_NATIONAL_INSURANCE_NUMBER", nino(r)),
        "nhs": lambda r, c: ("UK_NATIONAL_HEALTH_SERVICE_NUMBER", nhs(r)),
        "passport": lambda r, c: ("PASSPORT_NUMBER", passport(r)),
        "user": lambda r, c: ("USERNAME", r.choice([ascii_name(r.choice(FIRST)) + str(r.randint(10, 99)),
                                                    ascii_name(r.choice(FIRST)) + "." + ascii_name(r.choice(LAST)),
                                                    ascii_name(r.choice(LAST)) + "_" + r.choice(["kiwi", "dub", "syd", "mcr"])])),
        "password": lambda r, c: ("PASSWORD", r.choice(["Kangaroo!88", "pavlova2019", "Guinness#44", "T1ckTock$",
                                                        "ballyb0fey", "Wairua_77x", "m@rmite12", "Hurling!2024"])),
        "ip": lambda r, c: ("IP_ADDRESS", f"{r.choice([81, 86, 109, 151, 203, 202])}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"),
        # non-PII fillers
        "money": lambda r, c: (None, money(r)),
        "merchant": lambda r, c: (None, r.choice(MERCHANTS)),
        "bank": lambda r, c: (None, r.choice(BANKS)),
        "last4": lambda r, c: (None, D(r, 4)),
        "ref": lambda r, c: (None, r.choice([f"TXN{D(r, 9)}", f"FP-{D(r, 8)}", f"{D(r, 8)}", f"RF{D(r, 6)}", f"CASE-{D(r, 7)}"])),
        "caseno": lambda r, c: (None, D(r, r.choice([7, 8, 10]))),
        "orderid": lambda r, c: (None, r.choice([f"0{D(r, 3)} {D(r, 3)} {D(r, 4)}", f"{D(r, 3)}-{D(r, 3)}-{D(r, 4)}", f"#{D(r, 11)}"])),
        "n": lambda r, c: (None, str(r.randint(2, 14))),
        "years": lambda r, c: (None, str(r.randint(3, 40))),
        "pct": lambda r, c: (None, f"{r.randint(1, 9)}.{D(r, 2)}%"),
    })
    return S


# ---------------------------------------------------------------- templates
# (kind, text, noise) kind: fin = contains a financial identifier, other = other PII only, neg = no PII.
# noise=True lets the generator add a greeting / sign-off and sometimes lowercase the message.

FIN = [
    "can u cancel my card {card} asap, left it in a taxi in Dublin",
    "Agent: Could I get the long number across the front of the card? Customer: {card}",
    "Bot: Please enter the 16 digit card number.\nUser: its {card_plain}",
    "card no. {card} exp {exp} - why was it declined at {merchant}",
    "{card} is my card number, expiry {exp}, and {cvv} on the back",
    "cardnumber {card} expirey {exp} secuity code {cvv}",
    "Agent: And the expiry date please?\nCustomer: {exp}\nAgent: And the 3 digits on the back?\nCustomer: {cvv}",
    "Agent: what's the expiry on the card?\nCustomer: hang on\nCustomer: {exp}",
    "my amex {amex} was charged twice, the 4 digit code on the front is {cid}",
    "amex {amex}, exp {exp}, cid {cid} - is it blocked?",
    "Customer: card is {card_a}\nCustomer: {card_b} sorry sent too early",
    "first half of the card is {card_a} and the rest, hang on, {card_b}",
    "It's {card}, sorry I meant {card}. Fat fingers",
    "the card number is {card} no wait that's the old one, new one is {card}",
    "Mastercard {mc} expiring {exp}, can I add it to Apple Pay?",
    "visa debit {visa} keeps getting declined online, cvv {cvv} exp {exp}",
    "Bot: For security, type the CVV on the back of your card.\nUser: {cvv}",
    "Bot: What is the expiry date of the card (MM/YY)?\nUser: {exp}",
    "i was charged {money} by {merchant} on {date} on card {card}, never authorised it",
    "Bitte Karte {card} sperren, gültig bis {exp}. Danke",
    "Hola, mi tarjeta {card} caduca el {exp}, no funciona en el cajero",
    "need a replacement for {card}, send it to {addr}",
    "hi its {name}, my card {card} was swallowed by the ATM",
    "sort code {sort} acc {ukacc} - has my wages gone in?",
    "a/c {ukacc} s/c {sort}",
    "{sort} is my sort code and {ukacc} the account no.",
    "{ukacc} / {sort} - can you check if the direct debit to {merchant} bounced",
    "Agent: Can I take your sort code?\nCustomer: {sort}\nAgent: And the account number?\nCustomer: {ukacc}",
    "Agent: Which account is it regarding?\nCustomer: the joint one\nCustomer: {ukacc_sp}",
    "sortcode {sort}, acount num {ukacc}",
    "paying my landlord, his sort code is {sort}, and account, hang on, {ukacc}. Is that a {bank} one?",
    "acc # {ukacc} sorry I meant {ukacc}",
    "sort cdoe {sort} accnt {ukacc} name {name}",
    "send {money} to {name}, {sort} {ukacc} please",
    "Payee: {name}\nSort code: {sort}\nAccount number: {ukacc}\nReference: rent",
    "Name on account: {name}\nSort Code: {sort}\nAcc No: {ukacc}",
    "Irish account, NSC {nsc} and a/c no {ukacc}",
    "my IBAN is {iban_ie}, BIC {bic}",
    "{iban_ie} is the IBAN for my wages, is that right?",
    "Agent: Can you confirm the IBAN you're sending to?\nCustomer: {iban}",
    "Agent: Can you confirm the IBAN you're sending to?\nCustomer: {iban}\nCustomer: sorry no it's {iban}",
    "IBAN: {iban}\nBIC: {bic}\nBeneficiary: {name}",
    "want to send {money} to my sister in Lyon, {iban_fr}, the bic is {bic}",
    "iban {iban_de} bic {bic} - how long does SEPA take?",
    "Hallo, meine IBAN ist {iban_de}. Wann kommt die Überweisung an?",
    "Bonjour, mon IBAN est {iban_fr}, le virement de {money} n'est pas arrivé",
    "Hola, mi IBAN es {iban_es}, ¿cuándo llega la transferencia?",
    "Dzień dobry, numer konta {iban_pl}, przelew z {bank} nie doszedł",
    "Ciao, IBAN {iban_it} - il bonifico è ancora in sospeso",
    "Goedemiddag, mijn IBAN is {iban_nl}. kan ik de betaling terugdraaien?",
    "IBNA {iban_plain} can u confirm",
    "pasting it from my app: {iban_low}",
    "{iban} <- that's the right one, ignore the one I sent earlier",
    "is {bic} the right swift for you guys? sending {money} from {bank}",
    "the swift/bic on my statement is {bic}, my friend in Perth needs it",
    "Bot: What's the SWIFT code of the receiving bank?\nUser: {bic}",
    "BSB {bsb} acc {auacc} - has my pay from work come in yet",
    "bsb numbr {bsb} account {auacc}",
    "{bsb} is the bsb, {auacc} is the acct",
    "Agent: What's the BSB?\nCustomer: {bsb}\nAgent: and the account number?\nCustomer: {auacc} sorry {auacc}",
    "G'day, transferred {money} to bsb {bsb} a/c {auacc} on {date} and it bounced back",
    "mate I put the wrong bsb, it should be {bsb} not {bsb}",
    "Kia ora, my account is {nzacc}, can you check if my rent went out",
    "{nzacc} is my account no, is the auto payment to {merchant} set up?",
    "Agent: Which account would you like to pay from?\nCustomer: {nzacc}",
    "send it to {name} {nzacc} reference flat power",
    "acct {nzacc}, sorry I meant {nzacc}",
    "transit {transit} institution {inst} account {caacc} for the direct deposit",
    "my cheque says {transit}-{inst} and account {caacc}",
    "routing {aba} account {usacc} - my US employer wants these for payroll",
    "rounting number {aba}, acc {usacc}, for the transfer from my American account",
    "my PIN {pin} stopped working at the ATM",
    "Bot: Please enter your 4 digit PIN\nUser: {pin}",
    "can I change the pin to {pin}? the old one {pin} is too easy",
    "pin is {pin_words} if that helps",
    "telephone banking asks for a 6 digit passcode, I set it as {pin6}",
    "{pin} was the pin i tried 3 times, now the card is locked",
    "I read the security code as {cvv_words}, is that right?",
    "Hi I'm {name}, DOB {dob}, account number {ukacc}, sort code {sort}",
    "Agent: Can I confirm your date of birth and account number?\nCustomer: {dob} and {acc}",
    "can you move {money} from {acc} to my savings {acc}",
    "wrong acc no. {acc} was used, it should've been {acc}",
    "num {acc} not {acc}, please update the payee",
    "refund from {merchant} should go to {acc}, sort code {sort}",
    "My card {card} expires {exp}. my new address is {addr}",
    "card {card} exp {exp} cvv {cvv} name on card {name}",
    "account {acc} - please close it, I'm moving to {bank}",
    "The standing order on {date} to {iban} didn't go out",
    "I sent {money} to IBAN {iban} by mistake, meant to send it to {iban}",
    "Bot: Please tell me the account number you want to close.\nUser: its the one ending... actually the full number is {acc}",
    "my sort code is {sort} but the app shows {sort}? which is right",
    "Card number: {card}\nExpiry: {exp}\nCVC: {cvv}\nCardholder name: {name}",
    "Agent: Can you give me the BSB and account number?\nCustomer: one sec, opening the app\nCustomer: {bsb}\nCustomer: {auacc}",
    "Bot: Enter the sort code and account number of the payee\nUser: {sort} {ukacc}",
    "the card ending {last4} is linked to acc {acc}, can you unlink it",
    "Agent: Thanks. Last thing, the 3 digit security code?\nCustomer: sorry what? the one on the back?\nAgent: Yes\nCustomer: {cvv}",
    "my flatmate {first} sent {money} to {iban_ie} on {date} but it bounced",
]

OTHER = [
    "Hi it's {name}, can you update my email to {email}",
    "Agent: Can I have your full name and date of birth?\nCustomer: {name}, {dob}",
    "new address is {addr}, and mobile is {phone}",
    "moved to {addr_au}, new number {phone_au}",
    "I'm {oldage} and can't use the app, can my son ring instead? my number is {phone}",
    "my daughter is {kidage}, can she get a debit card? her name is {name}",
    "NI number {nino} for the ISA application",
    "Agent: What is your National Insurance number?\nCustomer: {nino}",
    "NHS number {nhs} - the bank wants it for the care home fees?",
    "passport no. {passport}, expires next year, is that ok for the ID check",
    "username {user} and I forgot the password, I think it was {password}",
    "someone logged in from {ip}, that's not me",
    "Dia duit, this is {name}, my address changed to {addr_ie}",
    "Kia ora, {name} here, phone me on {phone_nz}",
    "please post the statement to {addr_uk}",
    "my email is {email} not the old one",
    "reach me at {phone_ie} after 5",
    "DOB {dob}, postcode in {addr_uk}",
    "Agent: Who am I speaking with?\nCustomer: {name}\nAgent: And your date of birth?\nCustomer: {dob}",
    "I'm {oldage}, retired, and I want to open a savings account",
    "Sehr geehrte Damen und Herren, mein Name ist {name}, E-Mail {email}",
    "got a text saying my account is locked, the link was {url}, I didn't click it",
    "driver licence {driver} for the ID check, passport is expired",
    "my partner {name} passed away on {date}, what do I need for the joint account?",
]

NEG = [
    "my card ending {last4} was declined at {merchant}",
    "charged {money} twice by {merchant} on the card ending in {last4}",
    "the last 4 digits are {last4}, can you freeze it?",
    "it's the visa that ends {last4} not the mastercard",
    "debit card **** **** **** {last4} keeps getting declined",
    "what's your sort code for {bank} transfers? I don't have it",
    "where do I find the BSB in the app?",
    "how do I get my IBAN and BIC for a SEPA transfer?",
    "my balance shows {money} but it should be {money}",
    "case number {caseno} - still no update after {n} days",
    "payment reference {ref} hasn't cleared",
    "order {orderid} from {merchant} never arrived, can I dispute it?",
    "tracking no {orderid}, the new card still hasn't come",
    "I've been with you {years} years and this is the worst service",
    "is the interest rate still {pct} on the saver?",
    "can I withdraw more than {money} a day from the ATM?",
    "my pin isn't working, how do I reset it?",
    "why was {money} taken by {merchant}? I cancelled {n} weeks ago",
    "transfer of {money} to {bank}, ref {ref}, still pending",
    "I need {n} copies of my statement for the visa application",
    "the app says error {caseno} when I add a payee",
    "do you charge fees for paying in {money} in coins?",
    "Can I have {n} cards on one account?",
    "is there a limit on Faster Payments over {money}?",
    "what's the cut off time for a same day transfer to {bank}?",
    "how do I report a scam call? they said they were from {bank}",
    "the card ending {last4} expired, when does the new one come?",
    "my account number changed after the {bank} merger? where do I find it",
    "the {n} digit code from the text never came",
    "refund from {merchant} of {money}, ref {ref}, not showing",
    "the app on version 4.{n}.0 crashes when I open payees",
    "paid {money} in {n} instalments to {merchant}, order {orderid}",
]

TEMPLATES = [("fin", t) for t in FIN] + [("other", t) for t in OTHER] + [("neg", t) for t in NEG]

PREFIX = ["", "", "", "hi ", "Hiya, ", "hello, ", "morning, ", "hey ", "Hi there. ", "ok so ", "um ", "Afternoon - "]
SUFFIX = ["", "", "", " thanks", " ta", " cheers", " thx", " pls", " asap", "??", " x", " :(", " urgent"]
SLOT_RE = re.compile(r"\{(\w+)\}")


def render(rng, slots, text, noise, greets=False):
    parts = []
    ctx = {}
    pos = 0
    for m in SLOT_RE.finditer(text):
        parts.append((None, text[pos:m.start()]))
        parts.append(slots[m.group(1)](rng, ctx))
        pos = m.end()
    parts.append((None, text[pos:]))
    if noise:
        pre, suf = "" if greets else rng.choice(PREFIX), rng.choice(SUFFIX)
        parts = [(None, pre)] + parts + [(None, suf)]
        if rng.random() < 0.25:
            parts = [(t, s.lower()) for t, s in parts]
    out, ents = "", []
    for t, s in parts:
        if t:
            ents.append({"type": t, "begin": len(out), "end": len(out) + len(s), "value": s})
        out += s
    return out, ents


def check(rec, values):
    text, ents = rec["text"], rec["entities"]
    for e, v in zip(ents, values):
        assert text[e["begin"]:e["end"]] == v, (rec["id"], e, v)
        assert v.strip() == v and v, (rec["id"], v)
    spans = sorted((e["begin"], e["end"]) for e in ents)
    for a, b in zip(spans, spans[1:]):
        assert a[1] <= b[0], ("overlap", rec["id"])
    frags = ""
    for e in ents:
        v = text[e["begin"]:e["end"]]
        t = e["type"]
        if t == "CREDIT_DEBIT_NUMBER":
            d = digits(v)
            if len(d) < 13:
                frags += d
            else:
                assert len(d) in (15, 16) and luhn_ok(d), (rec["id"], v)
                assert (len(d) == 15) == (d[:2] in ("34", "37")), (rec["id"], v)
        elif t == "INTERNATIONAL_BANK_ACCOUNT_NUMBER":
            assert iban_ok(v), (rec["id"], v)
        elif t == "BANK_ROUTING" and len(digits(v)) == 9:
            assert aba_ok(digits(v)), (rec["id"], v)
        elif t == "BANK_ROUTING":
            assert len(digits(v)) in (3, 5, 6), (rec["id"], v)
        elif t == "UK_NATIONAL_HEALTH_SERVICE_NUMBER":
            assert nhs_ok(v), (rec["id"], v)
        elif t == "SWIFT_CODE":
            assert re.fullmatch(r"[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?", v.upper()), (rec["id"], v)
        elif t == "CREDIT_DEBIT_EXPIRY":
            assert 1 <= int(re.match(r"\d+", v).group()) <= 12, (rec["id"], v)
        elif t == "PIN" and v[0].isdigit():
            assert v.isdigit() and len(v) in (4, 6), (rec["id"], v)
        elif t == "CREDIT_DEBIT_CVV" and v[0].isdigit():
            assert v.isdigit() and len(v) in (3, 4), (rec["id"], v)
    if frags:
        assert len(frags) == 16 and luhn_ok(frags), ("split card", rec["id"], frags)


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "banking_chat_pii_holdout5.jsonl")
    rng = random.Random(SEED)
    slots = make_slots()
    plan = []
    for kind, quota in (("fin", N_FIN), ("other", N_OTHER), ("neg", N_NEG)):
        idx = [i for i, (k, _) in enumerate(TEMPLATES) if k == kind]
        pick = (idx * (quota // len(idx) + 1))[:quota]  # every template at least once, then round-robin
        plan += pick
    rng.shuffle(plan)
    recs, seen = [], set()
    for n, ti in enumerate(plan):
        kind, text = TEMPLATES[ti]
        for _ in range(50):
            noise = not re.match(r"(Agent|Bot|Customer|Payee|Name on|IBAN:|Card number:)", text)
            greets = bool(re.match(r"(G'day|Kia ora|Hola|Hallo|Bonjour|Dzie|Ciao|Goedemiddag|Dia duit|Sehr|Hi I'm|Hi it's|hi its)", text))
            t, ents = render(rng, slots, text, noise, greets)
            if t not in seen:
                break
        seen.add(t)
        rec = {"id": f"bankchat-holdout5-{n:04d}", "split": "holdout5", "text": t,
               "entities": [{"type": e["type"], "begin": e["begin"], "end": e["end"]} for e in ents],
               "template_id": f"holdout5:{ti + 1}", "template_source": "own"}
        check(rec, [e["value"] for e in ents])
        if kind == "neg":
            assert not ents, rec
        recs.append(rec)
    with open(out_path, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    fin_types = {"CREDIT_DEBIT_NUMBER", "CREDIT_DEBIT_CVV", "CREDIT_DEBIT_EXPIRY", "BANK_ACCOUNT_NUMBER", "BANK_ROUTING",
                 "INTERNATIONAL_BANK_ACCOUNT_NUMBER", "SWIFT_CODE", "PIN"}
    cnt = collections.Counter(e["type"] for r in recs for e in r["entities"])
    print(f"wrote {len(recs)} records to {out_path}")
    print(f"  with a financial identifier: {sum(any(e['type'] in fin_types for e in r['entities']) for r in recs)}")
    print(f"  negatives (no entity): {sum(not r['entities'] for r in recs)}")
    print(f"  entities: {sum(cnt.values())}")
    for t, c in cnt.most_common():
        print(f"    {t:36s} {c}")


if __name__ == "__main__":
    main()
