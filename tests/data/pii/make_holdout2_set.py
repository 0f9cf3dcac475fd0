#!/usr/bin/env python3
"""Second blind holdout for the PII detector (issue 11): banking support chat messages written by hand,
with identifiers filled in by checksum-valid generators.

Labels are marked inline in each template as [[TYPE|text]]; text may contain {generator:args} slots.
Offsets are code points (Python str indices), end exclusive, like the shared dev set.
Run: python3 tests/data/pii/make_holdout2_set.py  (writes banking_chat_pii_holdout2.jsonl next to it;
fixed seed, so the output is reproducible). Every span and every checksum is verified before writing.
"""
import json
import os
import random
import re
import string

SEED = 20261202
rng = random.Random(SEED)

TYPES = {
    "CC": "CREDIT_DEBIT_NUMBER", "CVV": "CREDIT_DEBIT_CVV", "EXP": "CREDIT_DEBIT_EXPIRY", "PIN": "PIN",
    "ACCT": "BANK_ACCOUNT_NUMBER", "ROUT": "BANK_ROUTING", "IBAN": "INTERNATIONAL_BANK_ACCOUNT_NUMBER",
    "SWIFT": "SWIFT_CODE", "SSN": "SSN", "PHONE": "PHONE", "EMAIL": "EMAIL", "NAME": "NAME",
    "ADDR": "ADDRESS", "DT": "DATE_TIME", "AGE": "AGE", "USER": "USERNAME", "PWD": "PASSWORD", "URL": "URL",
    "IP": "IP_ADDRESS", "MAC": "MAC_ADDRESS", "DL": "DRIVER_ID", "PASS": "PASSPORT_NUMBER",
    "ITIN": "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", "NINO": "UK_NATIONAL_INSURANCE_NUMBER",
    "SIN": "CA_SOCIAL_INSURANCE_NUMBER", "NHS": "UK_NATIONAL_HEALTH_SERVICE_NUMBER",
    "AKEY": "AWS_ACCESS_KEY", "SKEY": "AWS_SECRET_KEY",
}
FINANCIAL = {"CREDIT_DEBIT_NUMBER", "CREDIT_DEBIT_CVV", "CREDIT_DEBIT_EXPIRY", "PIN", "BANK_ACCOUNT_NUMBER",
             "BANK_ROUTING", "INTERNATIONAL_BANK_ACCOUNT_NUMBER", "SWIFT_CODE"}


# ---- checksums -------------------------------------------------------------------------------------
def luhn_ok(digits):
    s = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        s += d
    return s % 10 == 0


def luhn_complete(prefix_digits):
    for c in "0123456789":
        if luhn_ok(prefix_digits + c):
            return prefix_digits + c
    raise AssertionError


def aba_ok(d):
    w = [3, 7, 1] * 3
    p = int(d[:2])
    prefix_ok = p <= 12 or 21 <= p <= 32 or 61 <= p <= 72 or p == 80
    return len(d) == 9 and prefix_ok and sum(int(a) * b for a, b in zip(d, w)) % 10 == 0


IBAN_LEN = {"DE": 22, "GB": 22, "FR": 27, "ES": 24, "NL": 18, "IE": 22, "IT": 27, "BE": 16, "CH": 21,
            "AT": 20, "PL": 28, "PT": 25, "LU": 20, "SE": 24, "DK": 18, "FI": 18}
IBAN_LETTERS = {"GB": 4, "NL": 4, "IE": 4, "IT": 1}  # leading letters of the BBAN (bank code)


def iban_ok(s):
    s = s.replace(" ", "").upper()
    if len(s) != IBAN_LEN.get(s[:2], -1):
        return False
    r = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in r)) % 97 == 1


def be_ok(bban):
    return int(bban[10:]) == (int(bban[:10]) % 97 or 97)


def nhs_ok(d):
    if len(d) != 10:
        return False
    c = 11 - sum(int(d[i]) * (10 - i) for i in range(9)) % 11
    c = 0 if c == 11 else c
    return c != 10 and c == int(d[9])


BIC_COUNTRIES = ["US", "GB", "DE", "FR", "ES", "IT", "NL", "IE", "CH", "CA", "AU", "JP", "SG", "HK", "IN",
                 "BE", "AT", "PL", "PT", "SE", "NO", "DK", "FI", "MX", "BR", "ZA", "AE", "NZ", "LU"]


def bic_ok(s):
    return re.fullmatch(r"[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?", s.upper()) is not None and \
        s[4:6].upper() in BIC_COUNTRIES


def nino_ok(s):
    s = s.replace(" ", "").upper()
    return re.fullmatch(r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]", s) is not None and \
        s[:2] not in ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ")


def ssn_ok(d):
    return len(d) == 9 and d[:3] not in ("000", "666") and d[0] != "9" and d[3:5] != "00" and d[5:] != "0000"


def itin_ok(d):
    g = int(d[3:5])
    return len(d) == 9 and d[0] == "9" and (70 <= g <= 88 or 90 <= g <= 92 or 94 <= g <= 99)


# ---- generators ------------------------------------------------------------------------------------
def digits(n):
    return "".join(rng.choice(string.digits) for _ in range(n))


def group(s, sizes, sep):
    out, i = [], 0
    for n in sizes:
        out.append(s[i:i + n])
        i += n
    return sep.join(out)


SEPS = {"s": " ", "d": "-", "n": "", ".": "."}


def g_card(brand="visa", sep="s"):
    if brand == "visa":
        pre, n = "4" + digits(5), 16
    elif brand == "mc":
        pre, n = rng.choice(["51", "52", "53", "54", "55"]) + digits(4), 16
    elif brand == "mc2":
        pre, n = str(rng.randint(2221, 2720)) + digits(2), 16
    elif brand == "amex":
        pre, n = rng.choice(["34", "37"]) + digits(4), 15
    elif brand == "disc":
        pre, n = "6011" + digits(2), 16
    else:
        raise ValueError(brand)
    num = luhn_complete(pre + digits(n - len(pre) - 1))
    sizes = [4, 6, 5] if n == 15 else [4, 4, 4, 4]
    return group(num, sizes, SEPS[sep])


def g_iban(cc="DE", fmt="c"):
    n = IBAN_LEN[cc] - 4
    k = IBAN_LETTERS.get(cc, 0)
    bban = "".join(rng.choice(string.ascii_uppercase) for _ in range(k)) + digits(n - k)
    if cc == "BE":  # Belgian national check: last two digits = first ten mod 97 (97 when 0)
        bban = bban[:10] + "%02d" % (int(bban[:10]) % 97 or 97)
    r = bban + cc + "00"
    check = 98 - int("".join(str(int(c, 36)) for c in r)) % 97
    s = cc + "%02d" % check + bban
    if fmt == "g":
        s = " ".join(s[i:i + 4] for i in range(0, len(s), 4))
    elif fmt == "l":
        s = s.lower()
    return s


def g_aba():
    while True:
        p = rng.choice([rng.randint(1, 12), rng.randint(21, 32), rng.randint(61, 72), 80])
        d = "%02d" % p + digits(6)
        for c in "0123456789":
            if aba_ok(d + c):
                return d + c


def g_sort(sep="d"):
    return SEPS[sep].join(digits(2) for _ in range(3))


def g_bsb():
    return "%03d-%03d" % (rng.choice([12, 32, 62, 63, 73, 83, 112, 182, 484]), rng.randint(0, 999))


BIC_BANKS = ["NWBK", "BARC", "HBUK", "LOYD", "DEUT", "COBA", "BNPA", "SOGE", "CAIX", "BBVA", "INGB", "ABNA",
             "AIBK", "BOFI", "UNCR", "BCIT", "UBSW", "CRES", "ROYC", "TDOM", "BOFM", "CTBA", "NATA", "CHAS",
             "BOFA", "CITI", "WFBI", "MIDL", "RABO", "KRED"]


def g_bic(cc="GB", n="8"):
    s = rng.choice(BIC_BANKS) + cc + rng.choice(["2L", "22", "33", "MM", "FF", "21", "3N", "4X", "AA"])
    if n == "11":
        s += rng.choice(["XXX", "300", "LON", "MAD", "100", "BER", "PAR"])
    return s


def g_ssn(sep="d"):
    while True:
        d = digits(9)
        if ssn_ok(d):
            return group(d, [3, 2, 4], SEPS[sep])


def g_itin(sep="d"):
    while True:
        d = "9" + digits(8)
        if itin_ok(d):
            return group(d, [3, 2, 4], SEPS[sep])


def g_nino(fmt="c"):
    while True:
        s = "".join(rng.choice(string.ascii_uppercase) for _ in range(2)) + digits(6) + rng.choice("ABCD")
        if nino_ok(s):
            break
    if fmt == "s":
        s = " ".join([s[:2], s[2:4], s[4:6], s[6:8], s[8]])
    elif fmt == "l":
        s = s.lower()
    return s


def g_nhs(sep="s"):
    while True:
        d = digits(9)
        c = 11 - sum(int(d[i]) * (10 - i) for i in range(9)) % 11
        c = 0 if c == 11 else c
        if c != 10:
            return group(d + str(c), [3, 3, 4], SEPS[sep])


def g_sin(sep="s"):
    d = luhn_complete(rng.choice("1234567") + digits(7))
    return group(d, [3, 3, 3], SEPS[sep])


def g_akey():
    return "AKIA" + "".join(rng.choice(string.ascii_uppercase + "234567") for _ in range(16))


def g_skey():
    return "".join(rng.choice(string.ascii_letters + string.digits + "/+") for _ in range(40))


def g_acct(n="8"):
    return digits(int(n))


def g_cvv(n="3"):
    return digits(int(n))


def g_pin(n="4"):
    return digits(int(n))


GEN = {"card": g_card, "iban": g_iban, "aba": g_aba, "sort": g_sort, "bsb": g_bsb, "bic": g_bic, "ssn": g_ssn,
       "itin": g_itin, "nino": g_nino, "nhs": g_nhs, "sin": g_sin, "akey": g_akey, "skey": g_skey,
       "acct": g_acct, "cvv": g_cvv, "pin": g_pin}

# ---- messages --------------------------------------------------------------------------------------
# One template per message. Categories are only for bookkeeping (template_id).
MESSAGES = [
    # cards: number / expiry / cvv
    ("card", "hi, my card [[CC|{card:visa:s}]] got swallowed by the ATM outside the station, can you block it"),
    ("card", "Customer: the number on the front is [[CC|{card:mc:n}]], expiry [[EXP|08/28]] and the 3 digits on the back are [[CVV|{cvv:3}]]"),
    ("card", "Bot: Please enter the long number on your card. User: [[CC|{card:visa:d}]]"),
    ("card", "Bot: What is the expiry date shown on the card? User: [[EXP|11/27]]"),
    ("card", "Bot: And the security code? User: [[CVV|{cvv:3}]]"),
    ("card", "amex [[CC|{card:amex:s}]] cid [[CVV|{cvv:4}]] valid thru [[EXP|04/29]], a hotel says it was declined"),
    ("card", "my debit card number is [[CC|{card:mc2:n}]] and it expires [[EXP|2028-02]]"),
    ("card", "i typed [[CC|{card:disc:s}]] exp [[EXP|1/30]] cvc [[CVV|{cvv:3}]] into a site that turned out to be fake"),
    ("card", "Agent: I can see the replacement for card [[CC|{card:visa:n}]] was dispatched on [[DT|Monday]]."),
    ("card", "please freeze [[CC|{card:mc:d}]] right now!! someone in another country is using it"),
    ("card", "The card expires [[EXP|09/2026]], do you send a new one automatically or do I have to ask?"),
    ("card", "pls check whether [[CC|{card:visa:s}]] is still blocked, i found it in my coat"),
    ("card", "card no. [[CC|{card:amex:n}]] - the merchant took the payment twice"),
    ("card", "so the numbers are [[CC|{card:mc:s}]], exp. [[EXP|12/26]], security number [[CVV|{cvv:3}]], is that enough for you"),
    ("card", "Bot: Type the card number, expiry and CVV separated by commas. User: [[CC|{card:visa:n}]], [[EXP|03/28]], [[CVV|{cvv:3}]]"),
    ("card", "the virtual card [[CC|{card:mc2:s}]] isnt working on apple pay"),
    ("card", "Kartennummer [[CC|{card:visa:s}]], is that the one you need? I'm in Berlin till [[DT|Friday]]"),
    ("card", "my partner [[NAME|Tomás Ibarra]] has the supplementary card [[CC|{card:visa:d}]], please cancel only his"),
    ("card", "expiry on the new one is [[EXP|10/31]] but the app still shows the old card"),
    ("card", "CVV2 is [[CVV|{cvv:3}]] if that helps, the online shop keeps rejecting it"),
    ("card", "Bot: For security, only share the last four digits. User: sorry i already sent the whole thing [[CC|{card:mc:n}]]"),
    ("card", "charge on [[CC|{card:disc:d}]] from a gym I cancelled in [[DT|March]]"),
    ("card", "Card [[CC|{card:visa:n}]] Exp [[EXP|07/27]] CVV [[CVV|{cvv:3}]] - please confirm the booking payment went through"),
    # pins
    ("pin", "forgot my pin, i think it was [[PIN|{pin:4}]] but the machine says wrong"),
    ("pin", "Bot: Choose a new 4-digit PIN. User: [[PIN|{pin:4}]]"),
    ("pin", "can i change my pin from [[PIN|{pin:4}]] to [[PIN|{pin:4}]] over chat?"),
    ("pin", "my card got locked after I entered pin [[PIN|{pin:4}]] three times, it's definitely the right one"),
    ("pin", "the phone banking passcode is [[PIN|{pin:6}]], why does it say invalid"),
    ("pin", "PIN: [[PIN|{pin:4}]]. Please unlock the card, I'm at the till"),
    ("pin", "my mum [[NAME|Gloria Achterberg]] wrote her pin [[PIN|{pin:4}]] on the back of the card, is that a problem"),
    # US accounts and routing
    ("acct_us", "routing no. [[ROUT|{aba}]] checking acct [[ACCT|{acct:10}]] - my employer says the payroll bounced"),
    ("acct_us", "ABA [[ROUT|{aba}]], account # [[ACCT|{acct:12}]], beneficiary [[NAME|Dwayne Okafor]]"),
    ("acct_us", "Bot: What is the 9-digit routing number? User: [[ROUT|{aba}]]"),
    ("acct_us", "Bot: And the account number? User: [[ACCT|{acct:11}]]"),
    ("acct_us", "wire it to account [[ACCT|{acct:9}]], routing [[ROUT|{aba}]], before [[DT|3 pm]] please"),
    ("acct_us", "is [[ROUT|{aba}]] the right routing number for ACH or is that only for wires"),
    ("acct_us", "my savings account [[ACCT|{acct:10}]] was charged a $12 maintenance fee again"),
    ("acct_us", "please move $2,500 from checking [[ACCT|{acct:10}]] to savings [[ACCT|{acct:10}]]"),
    ("acct_us", "acct no [[ACCT|{acct:12}]] shows a hold that should have dropped off"),
    ("acct_us", "Agent: Thanks, I've found account [[ACCT|{acct:10}]] under the name [[NAME|Keisha Marlowe]]."),
    ("acct_us", "direct deposit info: RTN [[ROUT|{aba}]] / DDA [[ACCT|{acct:10}]]"),
    ("acct_us", "the check was drawn on routing [[ROUT|{aba}]] and account [[ACCT|{acct:9}]] but it came back unpaid"),
    ("acct_us", "zelle says the account [[ACCT|{acct:10}]] doesnt exist, it's my own account!"),
    # UK / AU accounts and sort codes
    ("acct_uk", "sort code [[ROUT|{sort:d}]] account number [[ACCT|{acct:8}]], name on the account [[NAME|Fiona McLeish]]"),
    ("acct_uk", "pls pay my landlord, s/c [[ROUT|{sort:s}]] acc [[ACCT|{acct:8}]], £850"),
    ("acct_uk", "Bot: What's the sort code of the account you're paying? User: [[ROUT|{sort:n}]]"),
    ("acct_uk", "i sent £40 to [[ACCT|{acct:8}]] instead of my daughter's account, can you recall it"),
    ("acct_uk", "Confirmation of Payee said no match for [[NAME|Harriet Quayle]], sortcode [[ROUT|{sort:d}]], acct [[ACCT|{acct:8}]]"),
    ("acct_uk", "my account no is [[ACCT|{acct:8}]] and sort code is [[ROUT|{sort:d}]], why is the standing order failing"),
    ("acct_au", "BSB [[ROUT|{bsb}]] account [[ACCT|{acct:9}]], the payid transfer hasnt landed"),
    ("acct_au", "g'day, need to update my super fund details, bsb [[ROUT|{bsb}]] acct no. [[ACCT|{acct:8}]]"),
    ("acct_ca", "my chequing account [[ACCT|{acct:7}]] at the Kitsilano branch was debited twice"),
    # IBAN / SWIFT
    ("intl", "IBAN [[IBAN|{iban:DE:g}]], BIC [[SWIFT|{bic:DE:8}]] - is this enough for the transfer to my sister?"),
    ("intl", "please send EUR 1,200 to [[IBAN|{iban:FR:c}]]"),
    ("intl", "the beneficiary bank needs our swift, is it [[SWIFT|{bic:GB:11}]]?"),
    ("intl", "Bot: Enter the recipient's IBAN. User: [[IBAN|{iban:NL:g}]]"),
    ("intl", "Bot: And their bank's BIC/SWIFT? User: [[SWIFT|{bic:NL:8}]]"),
    ("intl", "my rent goes to [[IBAN|{iban:ES:g}]] every month but this month it bounced"),
    ("intl", "received money from [[IBAN|{iban:IT:c}]] but it says the sender was [[NAME|Lucia Ferraro]] who i dont know"),
    ("intl", "iban: [[IBAN|{iban:IE:l}]] swift: [[SWIFT|{bic:IE:8}]]"),
    ("intl", "Agent: The payment to [[IBAN|{iban:BE:g}]] was returned by the receiving bank on [[DT|14 May]]."),
    ("intl", "can you confirm [[SWIFT|{bic:CH:11}]] is correct for my bank in Zurich? the invoice shows IBAN [[IBAN|{iban:CH:g}]]"),
    ("intl", "moving back to vienna, my new austrian account is [[IBAN|{iban:AT:c}]]"),
    ("intl", "GBP iban for my account please, is it [[IBAN|{iban:GB:g}]]?"),
    ("intl", "transfer to [[IBAN|{iban:PL:g}]] in zloty, how long does it take"),
    ("intl", "wire to Canada: SWIFT [[SWIFT|{bic:CA:8}]], account [[ACCT|{acct:7}]]"),
    ("intl", "my portuguese iban [[IBAN|{iban:PT:c}]] rejects the incoming SEPA credit"),
    ("intl", "what's the swift/bic for your bank? mine abroad is [[SWIFT|{bic:AU:8}]]"),
    ("intl", "the sender used bic [[SWIFT|{bic:JP:11}]] and the money is stuck somewhere"),
    ("intl", "Please pay the invoice to [[IBAN|{iban:LU:g}]] (BIC [[SWIFT|{bic:LU:8}]]), ref INV-20931"),
    ("intl", "Hi i'm sending SEK to [[IBAN|{iban:SE:g}]], the app says invalid iban but i copied it"),
    ("intl", "for my Danish friend: [[IBAN|{iban:DK:c}]]"),
    ("intl", "the finnish iban [[IBAN|{iban:FI:g}]] - do I need a BIC as well?"),
    ("intl", "german account [[IBAN|{iban:DE:c}]], swift code [[SWIFT|{bic:DE:11}]]"),
]
MESSAGES += [
    # identity: SSN / ITIN / NINO / NHS / SIN / passport / driver id
    ("id_us", "my social is [[SSN|{ssn:d}]], dob [[DT|4/2/1977]]"),
    ("id_us", "Bot: Please provide the last 4 of your SSN. User: its [[SSN|{ssn:n}]], the full one"),
    ("id_us", "ssn [[SSN|{ssn:s}]] for the joint account application with [[NAME|Marcus Bell]]"),
    ("id_us", "the form rejected my social security number [[SSN|{ssn:d}]], is it a format issue?"),
    ("id_us", "I file taxes with ITIN [[ITIN|{itin:d}]], can I open a savings account?"),
    ("id_us", "itin [[ITIN|{itin:n}]] - the 1099 came with my name spelled wrong"),
    ("id_us", "texas drivers license [[DL|{acct:8}]], expires [[DT|06/12/2029]]"),
    ("id_us", "Bot: Please enter your driver's license number. User: [[DL|D412-7780-3391]]"),
    ("id_us", "my DL number is [[DL|F256-331-84-117-0]] issued in florida"),
    ("id_us", "passport [[PASS|{acct:9}]], I'm a US citizen living in Lisbon"),
    ("id_uk", "NI no. [[NINO|{nino:s}]] - HMRC says the interest wasn't reported"),
    ("id_uk", "my national insurance number is [[NINO|{nino:c}]]"),
    ("id_uk", "Bot: What's your National Insurance number? User: [[NINO|{nino:l}]]"),
    ("id_uk", "nhs number [[NHS|{nhs:s}]] - the insurer needs it for the card protection claim"),
    ("id_uk", "For the hospital cash plan: NHS no [[NHS|{nhs:n}]], born [[DT|2 October 1958]]"),
    ("id_uk", "my NHS number is [[NHS|{nhs:d}]] if that's what you need for the vulnerability flag"),
    ("id_uk", "uk passport [[PASS|{acct:9}]] and driving licence [[DL|OKAFO805117DK4LM]]"),
    ("id_uk", "driving licence number [[DL|HALLE802214JD8XK]], the address on it is still the old one"),
    ("id_ca", "SIN [[SIN|{sin:s}]] for the TFSA please"),
    ("id_ca", "my social insurance number is [[SIN|{sin:d}]] and my date of birth is [[DT|1991-03-17]]"),
    ("id_ca", "Bot: Please enter your SIN. User: [[SIN|{sin:n}]]"),
    ("id_ca", "ontario licence [[DL|P6057-40928-50514]], passport [[PASS|GA302918]]"),
    ("id_eu", "passport no [[PASS|C7HJ91LK2]], I'm German, do you accept it for KYC"),
    ("id_eu", "carte d'identité expired, can I use passport [[PASS|19AV46201]] instead?"),
    ("id_au", "australian passport [[PASS|PA4482913]] and licence [[DL|038271554]]"),
    ("id", "Agent: Could you confirm your date of birth? Customer: [[DT|30th of August 1969]]"),
    ("id", "Bot: date of birth (DD/MM/YYYY)? User: [[DT|09/11/1984]]"),
    ("id", "dob [[DT|Jan 5 1992]] and mothers maiden name is a secret lol"),
    ("id", "i'm [[AGE|72]] and the app font is too small, can someone call me"),
    ("id", "my daughter is [[AGE|15 years]] old, can she get her own card?"),
    ("id", "Bot: How old is the account holder? User: [[AGE|8]]"),
    ("id", "i am [[AGE|19]] can i get an overdraft"),
    ("id", "Agent: Just to confirm, you said your son is [[AGE|17]]?"),
    ("id", "my grandad [[NAME|Albert Nwosu]] is [[AGE|91 years]] old and wants power of attorney set up"),
    # contact details
    ("contact", "new mobile is [[PHONE|+44 7911 123456]], please update it"),
    ("contact", "call me on [[PHONE|(312) 555-0176]] after [[DT|5:30pm]]"),
    ("contact", "my number changed to [[PHONE|0412 345 678]] (australia)"),
    ("contact", "pls text [[PHONE|+1-416-555-0133]] not the landline"),
    ("contact", "Bot: Which number should we call you on? User: [[PHONE|020 7946 0321]]"),
    ("contact", "my email is [[EMAIL|delphine.roux@example.fr]], the statements go to the old one"),
    ("contact", "change email from [[EMAIL|j.kowalski88@example.com]] to [[EMAIL|jan.kowalski@mail.example.pl]]"),
    ("contact", "Bot: What email address should we use? User: [[EMAIL|SAM_TAYLOR@EXAMPLE.NET]]"),
    ("contact", "reach me at [[EMAIL|priya.v+bank@example.org]] or [[PHONE|+91 98765 43210]]"),
    ("contact", "phone [[PHONE|06 12 34 56 78]] (france) email [[EMAIL|m.laurent@example.fr]]"),
    ("contact", "Agent: I've sent the one-time code to [[PHONE|+49 151 23456789]]."),
    ("contact", "you can ring [[PHONE|555.867.5309]] any time"),
    ("contact", "[[NAME|Oksana Hrytsenko]] here, my email is [[EMAIL|oksana.h@example.ua]]"),
    # addresses
    ("address", "new address: [[ADDR|Flat 4, 27 Carnarvon Road, Leicester LE2 3RJ]]"),
    ("address", "please send the card to [[ADDR|1408 W Belmont Ave Apt 2F, Chicago, IL 60657]]"),
    ("address", "Bot: What is your postcode? User: [[ADDR|EH3 9QP]]"),
    ("address", "i live at [[ADDR|55 rue des Lilas, 69003 Lyon]] now, can the statements come here"),
    ("address", "my address is [[ADDR|12/48 Beach Road, Bondi NSW 2026]]"),
    ("address", "moved to [[ADDR|221 King St W, Unit 905, Toronto, ON M5H 1K5]] on [[DT|September 1]]"),
    ("address", "update my address to [[ADDR|3 church lane, little snoring, norfolk nr21 0aa]] pls"),
    ("address", "Agent: Your new card will go to [[ADDR|780 Mission Street, Suite 12, San Francisco, CA 94103]], is that right?"),
    ("address", "the letter went to [[ADDR|Hauptstraße 14, 10827 Berlin]] but I moved out in [[DT|June]]"),
    ("address", "zip is [[ADDR|30309]] and the billing address is [[ADDR|950 Peachtree St NE, Atlanta, GA 30309]]"),
    ("address", "I'm [[NAME|Siobhán Kavanagh]], living at [[ADDR|16 Grove Park, Rathmines, Dublin 6, D06 X2Y7]]"),
    # login
    ("login", "username [[USER|kestrel_ops]] password [[PWD|Tr1cky!Pelican]], still locked out"),
    ("login", "i cant log in as [[USER|mo.aziz1987]], i changed the password to [[PWD|Sunday*Roast22]] yesterday"),
    ("login", "Bot: Please enter your user ID. User: [[USER|fernwood42]]"),
    ("login", "my login is [[USER|j_delacroix]] if that helps"),
    ("login", "password is [[PWD|qwerty123]] i know its bad"),
    ("login", "Agent: Never share your password. Customer: too late, I typed [[PWD|Blu3Moon#77]] into that text link"),
    ("login", "the app says user [[USER|nadia-ortiz]] doesn't exist"),
    ("login", "pw [[PWD|h0ll0w_tr33]] isnt accepted after the update"),
    ("login", "online banking id [[USER|BR8841207]], new password [[PWD|Granite&Moss91]]"),
    # tech: url / ip / mac / aws
    ("tech", "got a text saying my account is suspended, link was [[URL|http://secure-verify-acct.example.info/login]]"),
    ("tech", "is [[URL|https://finaptic-support.example.net/reset?token=8a7f2]] really yours?"),
    ("tech", "someone logged in from [[IP|198.51.100.23]] at [[DT|03:14]], that's not me"),
    ("tech", "the login alert says IP [[IP|2001:db8:4f2a::17]] and device [[MAC|a4:5e:60:c2:19:0b]]"),
    ("tech", "my router mac is [[MAC|00-1A-2B-3C-4D-5E]], does your app block it?"),
    ("tech", "Agent: We saw a sign-in from [[IP|203.0.113.88]] on [[DT|Tuesday]] at [[DT|11:02 pm]]."),
    ("tech", "I pasted our payroll script into a public repo, it had [[AKEY|{akey}]] in it"),
    ("tech", "aws access key [[AKEY|{akey}]] and secret [[SKEY|{skey}]] were in the screenshot I sent earlier, please delete it"),
    ("tech", "our accounts team leaked secret key [[SKEY|{skey}]], does that affect the bank feed?"),
    ("tech", "went to [[URL|www.finaptic-rewards.example.org]] and typed my card details"),
    ("tech", "mac address [[MAC|3C:22:FB:9A:01:7D]] ip [[IP|192.0.2.201]] - both mine, please whitelist"),
]
MESSAGES += [
    # mixed, several entities
    ("mixed", "Agent: Thank you Mrs. [[NAME|Abernathy]], I've cancelled card [[CC|{card:visa:s}]] and a new one will reach [[ADDR|9 Orchard Close, Taunton TA1 4LP]] by [[DT|Thursday]]."),
    ("mixed", "hello its [[NAME|raj patel]], acct [[ACCT|{acct:8}]] sort [[ROUT|{sort:d}]], i need a statement from [[DT|1 April]] to [[DT|30 April]]"),
    ("mixed", "Verify: [[NAME|Chen Wei]], born [[DT|12.06.1988]], mobile [[PHONE|+86 139 1234 5678]], passport [[PASS|E38127465]]"),
    ("mixed", "Bot: To verify you, please give your name and date of birth. User: [[NAME|Patrick O'Sullivan]] [[DT|17/03/1975]]"),
    ("mixed", "my wife [[NAME|Ana Lúcia Ferreira]] needs to be added, her ssn is [[SSN|{ssn:d}]] and she's [[AGE|44]]"),
    ("mixed", "card [[CC|{card:mc:s}]] exp [[EXP|05/27]] - charged $89.99 by a streaming service on [[DT|2025-11-03]] and again on [[DT|2025-11-04]]"),
    ("mixed", "Agent: Mr. [[NAME|Haddad]], I've updated your phone to [[PHONE|(646) 555-0190]] and email to [[EMAIL|s.haddad@example.com]]."),
    ("mixed", "pay [[NAME|Bogdan Ionescu]] 300 eur to [[IBAN|{iban:DE:g}]] on the [[DT|15th]] of every month"),
    ("mixed", "recipient: [[NAME|Emeka Eze]], routing [[ROUT|{aba}]], acct [[ACCT|{acct:10}]], amount $1,900, memo rent"),
    ("mixed", "Bot: Please confirm the payee. User: [[NAME|Ingrid Solberg]], [[IBAN|{iban:DK:g}]], [[SWIFT|{bic:DK:8}]]"),
    ("mixed", "i'm [[NAME|Dev]], lost my wallet, cards [[CC|{card:visa:n}]] and [[CC|{card:amex:s}]], both need cancelling"),
    ("mixed", "Agent: Hi [[NAME|Lena]], your appointment at the Leeds Briggate branch is on [[DT|Wednesday 9 December]] at [[DT|10:15]]."),
    ("mixed", "hi im [[NAME|José Núñez]], my tarjeta [[CC|{card:visa:s}]] was charged €45 twice"),
    ("mixed", "from [[NAME|Kerry-Ann Blackwood]]: please send the PIN reminder to [[ADDR|44 Lansdowne Cres, Glasgow G20 6NH]], not my old flat"),
    ("mixed", "SSN [[SSN|{ssn:d}]], DL [[DL|S530-4471-9982]], DOB [[DT|11/30/1969]] - why was my loan application declined"),
    ("mixed", "Agent: Card [[CC|{card:mc:n}]] is linked to account [[ACCT|{acct:10}]]; the hold will lift on [[DT|December 5]]."),
    ("mixed", "for the mortgage: my accountant is [[NAME|Helga Brandt]], [[EMAIL|h.brandt@example.de]], [[PHONE|+49 30 12345678]]"),
    ("mixed", "Bot: Enter card number then PIN. User: card [[CC|{card:visa:s}]], PIN [[PIN|{pin:4}]]"),
    ("mixed", "my son [[NAME|Kai]] is [[AGE|13]], can i give him a card on my account [[ACCT|{acct:8}]]"),
    ("mixed", "hi, [[NAME|Margaret Thwaite]], nino [[NINO|{nino:s}]], acct [[ACCT|{acct:8}]] - the ISA transfer is stuck"),
    ("mixed", "Agent: I've set up the standing order to [[NAME|Noor Rahman]] (sort code [[ROUT|{sort:d}]], account [[ACCT|{acct:8}]]) starting [[DT|1 January 2026]]."),
    ("mixed", "card [[CC|{card:mc2:d}]] cvv [[CVV|{cvv:3}]] exp [[EXP|2/29]] name on card [[NAME|T. Abiodun]]"),
    ("mixed", "user id [[USER|marisol.v]] and it asked for my card [[CC|{card:visa:n}]] and pin [[PIN|{pin:4}]] on a page that looked like yours"),
    ("mixed", "wire [[NAME|Greta Lindqvist]], SWIFT [[SWIFT|{bic:SE:11}]], account [[IBAN|{iban:SE:c}]], ref gift"),
    ("mixed", "i'm on [[PHONE|07700 900481]], acct [[ACCT|{acct:8}]], calling about the fraud on [[DT|Saturday]]"),
    ("mixed", "Agent: For Dr. [[NAME|Okonkwo]]: the IBAN on file is [[IBAN|{iban:GB:g}]]."),
    ("mixed", "transfer from my account [[ACCT|{acct:12}]] (routing [[ROUT|{aba}]]) to [[IBAN|{iban:FR:g}]], BIC [[SWIFT|{bic:FR:8}]]"),
    ("mixed", "bot: enter your 16 digit card number user: [[CC|{card:mc:s}]] bot: expiry? user: [[EXP|0628]]"),
    ("mixed", "aus customer here - bsb [[ROUT|{bsb}]], acc [[ACCT|{acct:9}]], mobile [[PHONE|+61 412 555 019]]"),
    ("mixed", "Can you change my PIN to [[PIN|{pin:4}]]? card is [[CC|{card:disc:n}]]"),
    ("mixed", "it was at [[DT|8:45]] this morning that the card [[CC|{card:visa:d}]] was declined at the pharmacy"),
    # typos, run-together punctuation
    ("typo", "plz cancle my crd [[CC|{card:visa:s}]] its been stollen"),
    ("typo", "my acount numbr is [[ACCT|{acct:8}]] sortcode [[ROUT|{sort:n}]]"),
    ("typo", "a/c no. [[ACCT|{acct:10}]] routeing number [[ROUT|{aba}]] - the payroll didnt arive"),
    ("typo", "acc#[[ACCT|{acct:10}]] has a charge i dont recognise"),
    ("typo", "IBAN:[[IBAN|{iban:GB:c}]] pls add as payee"),
    ("typo", "Bot: Please enter your card's expiry (MM/YY). User: [[EXP|7/28]]"),
    ("typo", "the sec code on the back is [[CVV|{cvv:3}]] and expirey [[EXP|09/29]]"),
    ("typo", "Agent: Please don't share your PIN here. Customer: ok but its [[PIN|{pin:4}]] anyway lol"),
    ("typo", "swift code [[SWIFT|{bic:US:8}]] for the incomming wire from my uncle in new york?"),
    ("typo", "hi i recieved a text asking for my acct [[ACCT|{acct:10}]] and routing [[ROUT|{aba}]], i replied before realising"),
    ("typo", "transfer £300 to my isa, acc no [[ACCT|{acct:8}]], sc [[ROUT|{sort:d}]] (same bank)"),
    ("typo", "new credit card [[CC|{card:mc:s}]] exp [[EXP|11/28]] wont activate, ive tried 3 times"),
    ("typo", "wher is my refund from ikea, its been 2 weeks"),
    ("typo", "teh app crashes evry time i open the savings tab"),
    # no PII: amounts, merchants, refs, counts, last-4s, branches, durations
    ("neg", "why was I charged a £5 fee for going over my overdraft by 30p"),
    ("neg", "the card ending 4417 keeps getting declined at Tesco"),
    ("neg", "refund from Amazon for $64.20 still not showing, order 114-7729301-4458813"),
    ("neg", "how long does a SEPA transfer usually take"),
    ("neg", "i have 3 direct debits failing this month, what's going on"),
    ("neg", "what's the daily limit for contactless payments?"),
    ("neg", "transaction ref TRX-88210-55 shows as pending for 6 days now"),
    ("neg", "Agent: I can see 2 payments of €129.00 to Ryanair, both from your card ending 0932."),
    ("neg", "is the Kings Cross branch open on bank holidays"),
    ("neg", "can i increase my credit limit to 5000"),
    ("neg", "Bot: How can I help you today? User: dispute a transaction"),
    ("neg", "my Uber Eats refund of 23.50 went to the wrong card, the one ending in 8810"),
    ("neg", "how many free ATM withdrawals do I get abroad per month"),
    ("neg", "the interest rate on the easy access saver dropped from 4.1% to 3.6%, why"),
    ("neg", "Agent: Your dispute case number is 7731-A and we'll update you within 10 working days."),
    ("neg", "i paid the wrong amount, 1,500 instead of 150, to British Gas"),
    ("neg", "hi can someone explain the foreign transaction fee of 2.99%"),
    ("neg", "Bot: Your balance is $2,381.14. User: that can't be right, i had way more"),
    ("neg", "Netflix charged me 15.49 twice and Spotify 10.99 three times"),
    ("neg", "do you have a branch in Manchester Piccadilly or only Market Street"),
    ("neg", "cashback from Costco hasn't been credited yet, should be about 42 dollars"),
    ("neg", "pls stop sending me marketing texts"),
    ("neg", "Agent: I've raised complaint CMP-4482910 for you; a specialist will pick it up."),
    ("neg", "my card ending 3391 was blocked after 2 wrong pins"),
    ("neg", "whats the difference between the Gold and Platinum cards"),
    ("neg", "the apple pay token for my card ending 5521 disappeared after the iOS update"),
    ("neg", "invoice no. 2025-0087 from the plumber, 480 GBP, can i pay it by card"),
    ("neg", "can i deposit cheques at the Post Office"),
    ("neg", "how do i get a bank reference letter for renting a flat"),
    ("neg", "Bot: I found 4 transactions at Shell in the last 30 days. User: show me the biggest one"),
    ("neg", "why did my mortgage payment go up by £112 a month"),
    ("neg", "Agent: The chargeback for the £249.99 Currys purchase has been approved."),
    ("neg", "tracking number 1Z 999 AA1 01 2345 6784 for the new card says delivered but nothing came"),
    ("neg", "I'd like to open a joint account with my partner, what do we both need"),
    ("neg", "3 of my 5 savings pots disappeared from the app"),
    ("neg", "exchange rate for 1000 USD to EUR today?"),
    ("neg", "Agent: Your request ID is REQ-33019-XK. Anything else I can help with?"),
    ("neg", "the atm at the Waterloo branch gave me 180 instead of 200"),
    ("neg", "can u waive the late fee of 25 bucks pls, first time it happened"),
    ("neg", "does the Visa Infinite card include travel insurance"),
    ("neg", "Bot: Was this answer helpful? User: no"),
    ("neg", "How do I download a PDF statement in the app?"),
    ("neg", "payment to Octopus Energy ref 88123-EN bounced, there was money in the account"),
    ("neg", "i want to switch from the student account to a normal current account"),
    ("neg", "Agent: I've reversed the £15 unpaid item fee as a goodwill gesture."),
    ("neg", "why does it take 5 to 7 business days for a refund to appear"),
    ("neg", "Is my money protected up to £85,000?"),
    ("neg", "i got 2 cards in the post, one ending 1146 and one ending 7730, which do i use"),
    ("neg", "the branch on George Street told me to contact chat instead"),
    ("neg", "Agent: There are 12 pending card authorisations totalling $318.56."),
    ("neg", "can I set up a round-up savings rule?"),
    ("neg", "my paypal top-up of 60 euros failed 3 times"),
    ("neg", "what's your overdraft APR, the website says 39.9%"),
    ("neg", "Bot: Which account do you mean? User: the bills one, not savings"),
    ("neg", "How many days notice do I need to give on the 95-day saver?"),
    ("neg", "merchant says refund reference is 74839201 but my bank app shows nothing"),
    ("neg", "Agent: Your card ending 2210 has been reissued and should arrive within 5 working days."),
    ("neg", "i was charged 3 times by deliveroo for the same 18.40 order"),
    ("neg", "how do i add a second signatory to our business account"),
    ("neg", "Bot: You have 2 new secure messages. User: show them"),
    ("neg", "what's the minimum deposit for the 1 year fixed bond, 500 or 1000?"),
    # more of the rarer types
    ("more", "Agent: Please check the link we sent, it should start with [[URL|https://www.finaptic.example.com/secure]]."),
    ("more", "this page [[URL|finaptic-bonus.example.net/claim?u=77]] asked for my sort code, is it real"),
    ("more", "new laptop, mac [[MAC|f0:18:98:4b:2c:e1]], the app says unknown device"),
    ("more", "ip was [[IP|10.24.181.6]] when the transfer was made, i was at work"),
    ("more", "my husband's ITIN is [[ITIN|{itin:s}]], can he be a joint holder"),
    ("more", "Bot: Enter your SSN or ITIN. User: [[ITIN|{itin:d}]]"),
    ("more", "SSN: [[SSN|{ssn:n}]] DOB: [[DT|03-22-1981]]"),
    ("more", "Agent: I've noted the SSN [[SSN|{ssn:d}]] on the beneficiary form for [[NAME|Carmen Ruiz-Peña]]."),
    ("more", "the checkout needs the 4 digit code on the front of my amex, is that [[CVV|{cvv:4}]]?"),
    ("more", "Bot: Enter the CVC. User: [[CVV|{cvv:3}]]"),
    ("more", "please cc my accountant [[EMAIL|finance@kowalczyk-consulting.example.com]] on the statements"),
    ("more", "email: [[EMAIL|tkm_1990@inbox.example]] pls confirm you got it"),
    ("more", "i turned [[AGE|65]] last month, can i move to the over 60s account"),
    ("more", "my nan is [[AGE|87 years]] old and can't use the app, can I help her"),
    ("more", "nhs # [[NHS|{nhs:s}]] for the travel insurance add-on"),
    ("more", "SIN: [[SIN|{sin:d}]], RRSP contribution for [[DT|2025]]"),
    ("more", "ni number [[NINO|{nino:c}]], i need a letter for universal credit"),
    ("more", "post it to [[ADDR|Apt 7B, 310 East 46th Street, New York, NY 10017]] thanks"),
    ("more", "Bot: What is your address? User: [[ADDR|22 Wattle St, Fitzroy VIC 3065]]"),
    ("more", "hi this is [[NAME|mary-jo o'brien]], my card [[CC|{card:mc:d}]] is stuck in the atm on main st"),
]


# ---- build and verify ------------------------------------------------------------------------------
MARK = re.compile(r"\[\[([A-Z]+)\|(.*?)\]\]")
SLOT = re.compile(r"\{(\w+)(?::([^}]*))?\}")


def fill(s):
    return SLOT.sub(lambda m: GEN[m.group(1)](*(m.group(2).split(":") if m.group(2) else [])), s)


def build(template):
    text, ents, pos = "", [], 0
    for m in MARK.finditer(template):
        text += fill(template[pos:m.start()])
        value = fill(m.group(2))
        ents.append({"type": TYPES[m.group(1)], "begin": len(text), "end": len(text) + len(value)})
        text += value
        pos = m.end()
    text += fill(template[pos:])
    return text, ents


def only_digits(s):
    return re.sub(r"\D", "", s)


CHECKS = {
    "CREDIT_DEBIT_NUMBER": lambda v: 13 <= len(only_digits(v)) <= 19 and luhn_ok(only_digits(v)),
    "INTERNATIONAL_BANK_ACCOUNT_NUMBER": lambda v: iban_ok(v) and (not v.upper().startswith("BE") or
                                                                   be_ok(v.replace(" ", "")[4:])),
    "SWIFT_CODE": bic_ok,
    "UK_NATIONAL_HEALTH_SERVICE_NUMBER": lambda v: nhs_ok(only_digits(v)),
    "CA_SOCIAL_INSURANCE_NUMBER": lambda v: len(only_digits(v)) == 9 and luhn_ok(only_digits(v)),
    "SSN": lambda v: ssn_ok(only_digits(v)),
    "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER": lambda v: itin_ok(only_digits(v)),
    "UK_NATIONAL_INSURANCE_NUMBER": nino_ok,
    "BANK_ROUTING": lambda v: aba_ok(v) if len(v) == 9 else re.fullmatch(r"\d{2}[- ]?\d{2}[- ]?\d{2}|\d{3}-\d{3}", v),
    "AWS_ACCESS_KEY": lambda v: re.fullmatch(r"AKIA[A-Z2-7]{16}", v),
    "AWS_SECRET_KEY": lambda v: re.fullmatch(r"[A-Za-z0-9/+]{40}", v),
    "CREDIT_DEBIT_CVV": lambda v: re.fullmatch(r"\d{3,4}", v),
    "PIN": lambda v: re.fullmatch(r"\d{4,6}", v),
}


def main():
    out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "banking_chat_pii_holdout2.jsonl")
    records, per_cat = [], {}
    for i, (cat, template) in enumerate(MESSAGES):
        text, ents = build(template)
        assert "[[" not in text and "]]" not in text and "{" not in text, template
        values = [m.group(2) for m in MARK.finditer(template)]
        for e, raw in zip(ents, values):
            v = text[e["begin"]:e["end"]]
            assert v and v == v.strip() and (("{" in raw) or v == raw), (template, v)
            check = CHECKS.get(e["type"])
            assert check is None or check(v), ("checksum", e["type"], v)
        for a, b in zip(ents, ents[1:]):
            assert a["end"] <= b["begin"], template
        if not ents:  # no-PII messages must not hide a checksum-valid card number
            for run in re.findall(r"\d[\d -]{11,}\d", text):
                d = only_digits(run)
                assert not (13 <= len(d) <= 19 and luhn_ok(d)), ("luhn-valid run in negative", text)
        per_cat[cat] = per_cat.get(cat, 0) + 1
        records.append({"id": "bankchat-holdout2-%04d" % i, "split": "holdout2", "text": text, "entities": ents,
                        "template_id": "%s:%d" % (cat, per_cat[cat]), "template_source": "holdout2"})
    with open(out_path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    counts = {}
    for r in records:
        for e in r["entities"]:
            counts[e["type"]] = counts.get(e["type"], 0) + 1
    print("messages:", len(records), "with no PII:", sum(1 for r in records if not r["entities"]))
    print("entities:", sum(counts.values()), "financial:", sum(v for k, v in counts.items() if k in FINANCIAL))
    for k in sorted(counts):
        print("  %-40s %d" % (k, counts[k]))
    missing = set(TYPES.values()) - set(counts)
    assert not missing, missing


if __name__ == "__main__":
    main()
