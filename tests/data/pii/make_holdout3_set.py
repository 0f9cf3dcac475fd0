#!/usr/bin/env python3
"""Build banking_chat_pii_holdout3.jsonl: a blind hand-written holdout set for the PII detector.

Messages are written by hand with inline labels  <<TYPE|text>> .  When text starts with '$' it is a
generator token (see GEN below) that yields an identifier with a valid checksum / valid structure
(Luhn cards and SINs, IBAN mod-97 at the right per-country length, ABA checksum with a valid
Fed prefix, NHS mod-11, BIC with a real ISO country code).  Seeded, so the output is reproducible.
Offsets are in code points, end exclusive.  Every span is checked against the text, identifiers
are re-validated, and overlapping spans abort the build.

Usage: python3 make_holdout3_set.py [out.jsonl]
"""
import json
import random
import re
import string
import sys
from pathlib import Path

SEED = 20261202
rng = random.Random(SEED)

ALIAS = {
    "N": "NAME", "A": "ADDRESS", "D": "DATE_TIME", "AGE": "AGE", "PH": "PHONE", "EM": "EMAIL",
    "SSN": "SSN", "U": "USERNAME", "PW": "PASSWORD", "URL": "URL", "IP": "IP_ADDRESS",
    "MAC": "MAC_ADDRESS", "DL": "DRIVER_ID", "PP": "PASSPORT_NUMBER",
    "ITIN": "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", "NINO": "UK_NATIONAL_INSURANCE_NUMBER",
    "SIN": "CA_SOCIAL_INSURANCE_NUMBER", "NHS": "UK_NATIONAL_HEALTH_SERVICE_NUMBER",
    "AK": "AWS_ACCESS_KEY", "SK": "AWS_SECRET_KEY", "CC": "CREDIT_DEBIT_NUMBER",
    "CVV": "CREDIT_DEBIT_CVV", "EXP": "CREDIT_DEBIT_EXPIRY", "PIN": "PIN",
    "ACCT": "BANK_ACCOUNT_NUMBER", "ROUT": "BANK_ROUTING",
    "IBAN": "INTERNATIONAL_BANK_ACCOUNT_NUMBER", "SWIFT": "SWIFT_CODE",
}
FINANCIAL = {"CREDIT_DEBIT_NUMBER", "CREDIT_DEBIT_CVV", "CREDIT_DEBIT_EXPIRY", "PIN", "BANK_ACCOUNT_NUMBER",
             "BANK_ROUTING", "INTERNATIONAL_BANK_ACCOUNT_NUMBER", "SWIFT_CODE"}

# ---------------------------------------------------------------- checksums


def luhn_ok(digits):
    s = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        s += d
    return s % 10 == 0


def luhn_complete(prefix, length):
    body = prefix + "".join(rng.choice(string.digits) for _ in range(length - len(prefix) - 1))
    for c in string.digits:
        if luhn_ok(body + c):
            return body + c
    raise AssertionError


IBAN_LEN = {"DE": 22, "GB": 22, "IE": 22, "FR": 27, "ES": 24, "NL": 18, "IT": 27, "BE": 16, "PT": 25,
            "AT": 20, "PL": 28, "CH": 21, "LT": 20, "FI": 18}
LETTER_BANK = {"GB": 4, "IE": 4, "NL": 4}  # BBAN starts with a 4-letter bank code


def iban_mod97(iban):
    s = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97


def make_iban(cc):
    n = IBAN_LEN[cc] - 4
    k = LETTER_BANK.get(cc, 0)
    bban = "".join(rng.choice(string.ascii_uppercase) for _ in range(k))
    if cc == "IT":
        bban = rng.choice(string.ascii_uppercase)
    bban += "".join(rng.choice(string.digits) for _ in range(n - len(bban)))
    check = 98 - iban_mod97(cc + "00" + bban)
    iban = "%s%02d%s" % (cc, check, bban)
    assert iban_mod97(iban) == 1
    return iban


def aba_ok(d):
    if len(d) != 9 or not d.isdigit():
        return False
    p = int(d[:2])
    if not (0 <= p <= 12 or 21 <= p <= 32 or 61 <= p <= 72 or p == 80):
        return False
    w = [3, 7, 1] * 3
    return sum(int(c) * x for c, x in zip(d, w)) % 10 == 0


def make_aba():
    p = rng.choice(list(range(1, 13)) + list(range(21, 33)) + list(range(61, 73)))
    while True:
        body = "%02d" % p + "".join(rng.choice(string.digits) for _ in range(6))
        for c in string.digits:
            if aba_ok(body + c):
                return body + c


def nhs_ok(d):
    if len(d) != 10 or not d.isdigit():
        return False
    s = sum(int(c) * w for c, w in zip(d[:9], range(10, 1, -1)))
    chk = 11 - s % 11
    if chk == 11:
        chk = 0
    return chk != 10 and chk == int(d[9])


def make_nhs():
    while True:
        d = str(rng.randint(4, 6)) + "".join(rng.choice(string.digits) for _ in range(8))
        s = sum(int(c) * w for c, w in zip(d, range(10, 1, -1)))
        chk = 11 - s % 11
        if chk == 11:
            chk = 0
        if chk != 10:
            return d + str(chk)


BIC_COUNTRIES = ["GB", "IE", "DE", "FR", "ES", "IT", "NL", "BE", "CH", "AT", "US", "CA", "AU", "NZ", "IN",
                 "ZA", "SG", "PL", "PT", "SE", "DK", "JP", "HK", "AE"]
ISO_OK = set(BIC_COUNTRIES)


def make_bic(cc, branch):
    bank = "".join(rng.choice(string.ascii_uppercase) for _ in range(4))
    # location: no leading 0/1, and no '0' second (that marks a test BIC); branch 'X..' only as XXX
    loc = rng.choice(string.ascii_uppercase + "2345") + rng.choice(string.ascii_uppercase + "123456789")
    b = bank + cc + loc
    if branch:
        b += rng.choice(["XXX", rng.choice(string.ascii_uppercase[:23] + string.digits)
                         + "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(2))])
    return b


def make_ssn():
    while True:
        a = rng.randint(1, 899)
        if a != 666:
            break
    return "%03d-%02d-%04d" % (a, rng.randint(1, 99), rng.randint(1, 9999))


def make_itin():
    g = rng.choice(list(range(50, 66)) + list(range(70, 89)) + [90, 91, 92] + list(range(94, 100)))
    return "9%02d-%02d-%04d" % (rng.randint(0, 99), g, rng.randint(0, 9999))


NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ"


def make_nino():
    while True:
        p = rng.choice(NINO_FIRST) + rng.choice(NINO_SECOND)
        if p not in ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ"):
            break
    return p + "".join(rng.choice(string.digits) for _ in range(6)) + rng.choice("ABCD")


def make_sin():
    return luhn_complete(rng.choice("1234567"), 9)


def digits(n, first_nonzero=True):
    s = "".join(rng.choice(string.digits) for _ in range(n))
    if first_nonzero and s[0] == "0":
        s = str(rng.randint(1, 9)) + s[1:]
    return s


def group(s, sizes, sep):
    out, i = [], 0
    for k in sizes:
        out.append(s[i:i + k])
        i += k
    return sep.join(out)


def card(kind):
    if kind == "visa":
        return luhn_complete("4", 16)
    if kind == "mc":
        return luhn_complete(rng.choice(["51", "52", "53", "54", "55", "2221", "2720", "2345"]), 16)
    if kind == "amex":
        return luhn_complete(rng.choice(["34", "37"]), 15)
    if kind == "disc":
        return luhn_complete("6011", 16)
    raise KeyError(kind)


def gen(tok):
    """$kind[fmt]  e.g. $visa (spaced), $visa_ (plain), $visa- (dashed), $mc., $iban:DE, $ibanc:NL."""
    m = re.fullmatch(r"\$(visa|mc|amex|disc)([_\-. ]?)", tok)
    if m:
        c = card(m.group(1))
        sep = {"": " ", "_": "", "-": "-", ".": "."}[m.group(2)]
        sizes = [4, 6, 5] if m.group(1) == "amex" else [4, 4, 4, 4]
        return group(c, sizes, sep) if sep else c
    m = re.fullmatch(r"\$(iban|ibanc|ibanl):([A-Z]{2})", tok)
    if m:
        ib = make_iban(m.group(2))
        if m.group(1) == "iban":
            return " ".join(ib[i:i + 4] for i in range(0, len(ib), 4))
        return ib.lower() if m.group(1) == "ibanl" else ib
    m = re.fullmatch(r"\$(swift|swift11):([A-Z]{2})", tok)
    if m:
        return make_bic(m.group(2), m.group(1) == "swift11")
    m = re.fullmatch(r"\$acct(\d+)", tok)
    if m:
        return digits(int(m.group(1)))
    simple = {
        "$aba": make_aba, "$ssn": make_ssn, "$ssn_": lambda: make_ssn().replace("-", ""),
        "$ssns": lambda: make_ssn().replace("-", " "), "$itin": make_itin,
        "$nino": make_nino, "$ninos": lambda: (lambda n: "%s %s %s %s %s" % (n[:2], n[2:4], n[4:6], n[6:8], n[8]))(make_nino()),
        "$sin": lambda: group(make_sin(), [3, 3, 3], " "), "$sin-": lambda: group(make_sin(), [3, 3, 3], "-"),
        "$sin_": make_sin, "$nhs": lambda: group(make_nhs(), [3, 3, 4], " "), "$nhs_": make_nhs,
        "$nhs-": lambda: group(make_nhs(), [3, 3, 4], "-"),
        "$sort": lambda: group(digits(6), [2, 2, 2], "-"), "$sorts": lambda: group(digits(6), [2, 2, 2], " "),
        "$sort_": lambda: digits(6), "$bsb": lambda: "0" + digits(2) + "-" + digits(3, False),
        "$bsbs": lambda: "0" + digits(2) + " " + digits(3, False),
        "$ak": lambda: "AKIA" + "".join(rng.choice(string.ascii_uppercase + "234567") for _ in range(16)),
        "$sk": lambda: "".join(rng.choice(string.ascii_letters + string.digits + "/+") for _ in range(40)),
    }
    return simple[tok]()


# ---------------------------------------------------------------- validation of final spans


def validate(typ, s):
    d = re.sub(r"[ .\-]", "", s)
    if typ == "CREDIT_DEBIT_NUMBER":
        assert d.isdigit() and len(d) in (15, 16) and luhn_ok(d), s
    elif typ == "INTERNATIONAL_BANK_ACCOUNT_NUMBER":
        u = d.upper()
        assert u[:2] in IBAN_LEN and len(u) == IBAN_LEN[u[:2]] and iban_mod97(u) == 1, s
    elif typ == "CA_SOCIAL_INSURANCE_NUMBER":
        assert len(d) == 9 and luhn_ok(d), s
    elif typ == "UK_NATIONAL_HEALTH_SERVICE_NUMBER":
        assert nhs_ok(d), s
    elif typ == "SWIFT_CODE":
        assert re.fullmatch(r"[A-Z]{4}[A-Z]{2}[A-Z2-9][A-Z1-9]([A-WYZ0-9][A-Z0-9]{2}|XXX)?", s) and s[4:6] in ISO_OK, s
    elif typ == "BANK_ROUTING" and len(d) == 9:
        assert aba_ok(d), s
    elif typ == "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER":
        assert d[0] == "9" and len(d) == 9, s
    elif typ == "SSN":
        assert len(d) == 9 and d[0] != "9" and d[:3] not in ("000", "666"), s
    elif typ == "CREDIT_DEBIT_CVV":
        assert d.isdigit() and len(d) in (3, 4), s
    elif typ == "AWS_ACCESS_KEY":
        assert re.fullmatch(r"AKIA[A-Z2-7]{16}", s), s
    elif typ == "AWS_SECRET_KEY":
        assert len(s) == 40, s


# ---------------------------------------------------------------- messages
# Conventions: names without titles; an initial is part of the name; addresses run to the ZIP/postcode
# (unit included); weekdays, dates, clock times and bare years are DATE_TIME; durations and relative
# times are not labelled; card last-4s are not PII; sort codes / BSBs are BANK_ROUTING.

MESSAGES = [
    # ---- cards: lost / stolen / blocks
    "hi my card <<CC|$visa>> was stolen at the pub last night can u freeze it pls",
    "Bot: Please enter the long number on your card. User: <<CC|$mc_>>",
    "lost my debit card somewhere in town, number is <<CC|$visa->> , expiry <<EXP|09/27>>",
    "Agent: Can you confirm the card number you want cancelled? Customer: yeah its <<CC|$amex>> the amex one",
    "card no. <<CC|$disc_>> exp <<EXP|11/28>> cvv <<CVV|604>> - please block it, my wallet went missing on the tram",
    "Customer: my card number is <<CC|$mc>> and the code on the back is <<CVV|318>>",
    "can you check if <<CC|$visa_>> is still active? I got a new one in the post on <<D|Monday>>",
    "Card: <<CC|$mc->> / Expires: <<EXP|04/2029>> / CVC: <<CVV|772>>",
    "the ATM on Grafton St kept my card, the number is <<CC|$visa>>. Im in Dublin till <<D|Friday>>",
    "please cancel both cards: <<CC|$visa_>> and <<CC|$mc_>>",
    "i think my card got skimmed at a petrol station. its <<CC|$visa.>> valid thru <<EXP|02/30>>",
    "Bot: What is the expiry date shown on the card? User: <<EXP|07/26>>",
    "Bot: Please type the 3-digit security code. User: <<CVV|049>>",
    "my amex <<CC|$amex_>> exp <<EXP|1/29>> cid <<CVV|2281>> got declined at Woolworths twice",
    "Agent: And the expiry? Customer: <<EXP|12 / 27>>",
    "number <<CC|$mc>> exp. <<EXP|08-28>> sec code <<CVV|953>>, the card is bent and wont tap",
    "I was asked to type my card no <<CC|$visa>> on a website that looked dodgy, did I get scammed?",
    "Agent: Thanks, could you also read me the CVV? Customer: <<CVV|507>>",
    "hey, replacing card <<CC|$disc>> - what's the new one's expiry, mine said <<EXP|03/25>>",
    "cc <<CC|$visa_>> exp <<EXP|10/31>>",
    "Customer: It's a Mastercard, <<CC|$mc->>, and the expiry date is <<EXP|May 2028>>",
    "Please refund the duplicate charge on card <<CC|$visa>>, both were on <<D|14 March>>",
    "my daughter <<N|Siobhan>> used my card <<CC|$mc_>> on roblox without asking, can I dispute",
    "debit card number: <<CC|$visa>>\nexpiry: <<EXP|06/27>>\nsecurity no: <<CVV|130>>",
    "Bot: Enter your card number, expiry (MM/YY) and CVV separated by commas. User: <<CC|$mc_>>, <<EXP|01/29>>, <<CVV|884>>",
    "the card i want to activate is <<CC|$visa>> , it came with a letter dated <<D|2 October 2026>>",
    "My card (<<CC|$amex>>) shows a hold from a hotel in Lisbon, can you release it",
    "is <<CC|$mc>> the right card number to give the landlord? he wants it for the deposit",
    "they took my card details over the phone: <<CC|$visa->> exp <<EXP|11/27>> and <<CVV|276>> on the back. what do i do",
    "credit card number <<CC|$mc_>>, cvv2 <<CVV|915>>, valid until <<EXP|09.29>>",
    "Customer: the card ends... sorry full number <<CC|$visa>>",
    "can u unblock card <<CC|$disc->> i typed the wrong pin 3 times",
    "Agent: Which card is affected? Customer: the visa debit <<CC|$visa_>> exp <<EXP|04/28>>",
    "charged twice at Tesco Extra on card <<CC|$mc>> - 2 x GBP 64.18",
    "new card came, <<CC|$visa>> expiry <<EXP|0830>>, how do I activate it",
    # ---- PIN
    "forgot my pin, last one I used was <<PIN|4071>> but it says incorrect",
    "Bot: Please enter your 4 digit PIN to continue. User: <<PIN|8325>>",
    "can I change my pin to <<PIN|1990>>? is that allowed",
    "the atm swallowed my card after i put in <<PIN|2604>> twice, it's definitely the right pin",
    "Agent: Please never share your PIN with us. Customer: oops ok, it was <<PIN|7713>> anyway lol",
    "my telephone banking passcode is <<PIN|538201>>, it isnt working",
    "mobile app pin: <<PIN|0462>> - locked out now",
    "Customer: pin is <<PIN|9 1 5 8>>",
    "set my new card pin as <<PIN|3347>> pls and send the card to my home",
    "I keep getting 'incorrect PIN' when I enter <<PIN|6082>> at the Sainsbury's cash machine",
    "one time passcode isnt arriving, my card pin is <<PIN|5519>> if that helps",
    "Bot: For security, enter your 6-digit secure code. User: <<PIN|204917>>",
    # ---- account numbers + routing (US)
    "I need to set up direct deposit, account <<ACCT|$acct10>> routing <<ROUT|$aba>>",
    "what's the routing number for my checking? account number is <<ACCT|$acct12>>",
    "Agent: Please confirm the ABA number on the wire. Customer: <<ROUT|$aba>>",
    "wire to acct # <<ACCT|$acct9>> , RTN <<ROUT|$aba>>, amount $4,500.00",
    "my employer has routing <<ROUT|$aba>> and account <<ACCT|$acct11>> on file for me, is that right?",
    "Hi, moving my paycheck to checking acct <<ACCT|$acct10>> (routing <<ROUT|$aba>>) starting <<D|January 1>>",
    "Bot: Please enter your account number. User: <<ACCT|$acct12>>",
    "the savings account <<ACCT|$acct10>> is showing a negative balance of -$212.40 which cant be right",
    "aba <<ROUT|$aba>> acct <<ACCT|$acct11>> name on account <<N|Darnell K. Whitaker>>",
    "Customer: routing is <<ROUT|$aba>> and my account is <<ACCT|$acct9>>",
    "please close account <<ACCT|$acct12>> and move everything into <<ACCT|$acct12>>",
    "can you confirm ACH from account <<ACCT|$acct10>> went thru on <<D|10/14/2026>>?",
    "Agent: What's the account number the check was deposited into? Customer: <<ACCT|$acct10>>",
    # ---- UK sort code + account
    "sort code <<ROUT|$sort>> account number <<ACCT|$acct8>> - why has my standing order bounced",
    "Customer: sort code is <<ROUT|$sorts>> and acc no <<ACCT|$acct8>>",
    "pay my rent to <<N|Gareth Llewellyn>>, s/c <<ROUT|$sort>>, a/c <<ACCT|$acct8>>, GBP 950 monthly",
    "I sent GBP 300 to the wrong account, <<ACCT|$acct8>> sort <<ROUT|$sort>>, can you get it back",
    "Bot: Please enter your 6 digit sort code. User: <<ROUT|$sort_>>",
    "my account is <<ACCT|$acct8>> at the Leeds Briggate branch, sort code <<ROUT|$sort>>",
    "the confirmation of payee said name doesnt match for <<ROUT|$sort>> <<ACCT|$acct8>>",
    # ---- AU / NZ
    "BSB <<ROUT|$bsb>> acc <<ACCT|$acct9>> - pay id isnt working so use these",
    "hey mate, transfer to BSB <<ROUT|$bsbs>> account <<ACCT|$acct8>> didnt arrive, sent AUD 1,200 on <<D|Tuesday>>",
    "Customer: my bsb is <<ROUT|$bsb>>, account number <<ACCT|$acct10>>",
    "NZ account <<ACCT|12-3140-0123456-00>> - can I receive an international transfer into it",
    "kia ora, my account <<ACCT|06-0254-0987654-01>> was debited twice by Countdown",
    # ---- IBAN / SWIFT
    "IBAN: <<IBAN|$iban:DE>> BIC: <<SWIFT|$swift:DE>> - rent for <<D|December>>",
    "please send EUR 2,000 to <<IBAN|$ibanc:FR>>, swift <<SWIFT|$swift11:FR>>",
    "my iban is <<IBAN|$iban:IE>>, can my salary go in there",
    "Agent: Could you read me the beneficiary's IBAN? Customer: <<IBAN|$ibanc:NL>>",
    "international transfer to spain, iban <<IBAN|$iban:ES>> , bic <<SWIFT|$swift:ES>>, beneficiary <<N|Lucía Ortega>>",
    "the transfer to <<IBAN|$ibanc:IT>> got returned, reason code AC04",
    "hi, the swift code of my bank in india is <<SWIFT|$swift11:IN>>, account <<ACCT|$acct12>>",
    "what is the swift code for your bank? mine in the UK is <<SWIFT|$swift:GB>>",
    "Customer: IBAN <<IBAN|$iban:GB>> (<<N|Priyanka Rao>>)",
    "received a payment from <<IBAN|$ibanc:BE>> that I don't recognise, EUR 49.99",
    "iban <<IBAN|$ibanl:PT>> i typed it lowercase is that a problem",
    "Bot: Enter the recipient IBAN. User: <<IBAN|$iban:AT>>",
    "please update my payout details: <<IBAN|$iban:PL>> / <<SWIFT|$swift11:PL>>",
    "sending CHF to <<IBAN|$iban:CH>> BIC <<SWIFT|$swift:CH>>, is there a fee",
    "the bic <<SWIFT|$swift:NL>> is rejected by your app, says invalid",
    "transfer from my Irish account <<IBAN|$ibanc:IE>> to South Africa, swift <<SWIFT|$swift11:ZA>>, acc <<ACCT|$acct11>>",
    "Agent: For incoming wires use SWIFT <<SWIFT|$swift11:US>> and your account number. Customer: ok my account is <<ACCT|$acct10>>",
    "hallo, my german iban is <<IBAN|$iban:DE>> and I want to link it for SEPA direct debit",
    "Customer: the beneficiary IBAN is <<IBAN|$ibanc:LT>> and the BIC <<SWIFT|$swift:GB>>",
    "I paid EUR 780 to <<IBAN|$iban:FI>> by mistake, reference INV-20931",
    "canadian wire: transit <<ROUT|10442>>, institution <<ROUT|003>>, account <<ACCT|$acct7>>, swift <<SWIFT|$swift:CA>>",
    # ---- identity documents
    "Bot: For verification, please enter your SSN. User: <<SSN|$ssn>>",
    "my social is <<SSN|$ssn_>> and dob <<D|03/22/1979>>",
    "Agent: Last step, full social security number please. Customer: <<SSN|$ssns>>",
    "i dont have an ssn, my ITIN is <<ITIN|$itin>>, can i still open an account",
    "tax id (itin) <<ITIN|$itin>> for the 1099-INT please",
    "NI number <<NINO|$nino>> - needed for the ISA application",
    "Customer: national insurance no is <<NINO|$ninos>>",
    "my SIN is <<SIN|$sin>>, do you need it for the TFSA?",
    "Agent: We need your social insurance number for tax reporting. Customer: <<SIN|$sin->>",
    "sin <<SIN|$sin_>> and my address is <<A|Apt 1203, 88 Queen St W, Toronto, ON M5H 2N2>>",
    "NHS number <<NHS|$nhs>> - the pharmacy said it's linked to my account somehow??",
    "my nhs no. is <<NHS|$nhs_>> if you need it for the medical expenses claim",
    "Customer: NHS number <<NHS|$nhs->>, name <<N|Eleanor Pritchard>>, dob <<D|14/07/1958>>",
    "passport number <<PP|$acct9>> issued <<D|2019>>, uploading a photo of it now",
    "Bot: Please type your passport number exactly as shown. User: <<PP|P4418290>>",
    "my irish passport is <<PP|PA7731904>> and it expires <<D|08/2031>>",
    "uk passport no <<PP|548812307>>",
    "drivers licence <<DL|D6101-40712-28391>> (california), is that enough ID?",
    "Agent: Which photo ID will you use? Customer: license number <<DL|S530-4417-8203>>",
    "my licence number is <<DL|MORGA753116SM9IJ>>, for the address check",
    "NSW licence <<DL|14 882 019>>, I just moved from Brisbane",
    "DL# <<DL|F229 3318 7740>> expires <<D|2027>>",
    # ---- names, addresses, contact
    "Hi, I'm <<N|Aoife Byrne>>, I moved to <<A|14 Ashgrove Park, Dublin 14, D14 F5R2>> and need to update my address",
    "Agent: Hello, this is <<N|Callum>> from the cards team. Customer: hi <<N|Callum>>, it's Mrs. <<N|Okonkwo>> here",
    "please send the new card to <<A|Flat 3, 22 Kings Road, Leeds LS6 2AB>> not my old address",
    "my name is <<N|rahul mehta>> and my new address is <<A|Flat 402, Sai Residency, Andheri East, Mumbai 400069>>",
    "Customer: address is <<A|Unit 5/14 Beach St, Bondi NSW 2026>>",
    "moved house! new one is <<A|42 Te Awa Road, Hamilton 3204>>, phone still <<PH|021 555 0198>>",
    "<<N|Thandiwe Nkosi>>, <<A|17 Jacaranda Ave, Rondebosch, Cape Town 7700>>, cell <<PH|+27 82 555 0147>>",
    "statement address should be <<A|2750 Maple Grove Dr Apt 7B, Columbus, OH 43215>>",
    "Bot: What is your full name? User: <<N|J. Okafor>>",
    "Bot: What's the best number to call you on? User: <<PH|(617) 555-0183>>",
    "call me on <<PH|+353 87 555 0142>> after <<D|6pm>> please",
    "my mobile changed to <<PH|07700 900418>>, the OTP keeps going to the old one",
    "email me the statement at <<EM|dan.oreilly88@example.ie>> please",
    "Customer: my email is <<EM|k.venkatesh@mail.example.in>> and phone <<PH|+91 98765 43210>>",
    "update my email to <<EM|mareike_schulz@post.example.de>>",
    "hello this is <<N|Marie-Claire Dubois>> from Lyon, my phone is <<PH|+33 6 12 34 56 78>>",
    "Agent: Thanks <<N|Priya>>, I've sent a link to <<EM|priya.n@example.com>>",
    "joint account holder is my husband <<N|Tomasz Wiśniewski>>, add him please",
    "I'd like to add <<N|Ngaire Te Rangi>> as a power of attorney",
    "Mr. <<N|Delgado>> from your Fresno branch told me the fee would be waived",
    "Customer: yes that's me, <<N|Fiona R. MacLeod>>, <<A|9 Braid Crescent, Edinburgh EH10 6AX>>",
    "registered address: <<A|Suite 210, 1450 Granville Street, Vancouver, BC V6Z 1M6>>",
    "send it to <<A|311 w 43rd st apt 5c new york ny 10036>>",
    "hiya its <<N|siobhan o'neill>>, reachable on <<PH|086 555 0193>>",
    "please ring <<N|Grace>> on <<PH|(02) 5550 1234>>, she's my carer",
    # ---- DOB / age / dates
    "my date of birth is <<D|12 August 1984>>",
    "Bot: Please enter your date of birth (DD/MM/YYYY). User: <<D|03/11/1991>>",
    "dob <<D|1972-05-30>>",
    "Bot: How old are you? User: <<AGE|17>>",
    "can my son open a savings account, he's <<AGE|12 years old>>",
    "I'm <<AGE|67>> and retired, is there a senior account?",
    "Agent: Could you confirm your age? Customer: <<AGE|34>>",
    "the account is for my grandmother, she is <<AGE|91 years>> and can't use the app",
    "my appointment at the Parramatta branch is on <<D|Thursday 19 November>> at <<D|10:30am>>",
    "the payment left on <<D|26/10/2026>> but still not received, ref TRX-88120934",
    "i was born in <<D|1965>> if that matters for the pension account",
    "the charge happened <<D|Saturday>> around <<D|11pm>>",
    "Bot: I can book a callback. When suits you? User: tomorrow at <<D|9:15>>",
    # ---- online credentials, devices
    "i cant log in, username <<U|ferg_mcallister>> password <<PW|Shamrock!2024>>",
    "Bot: Enter your user ID. User: <<U|nkosi.t82>>",
    "Customer: my login is <<U|LarsHansen_DK>> and I reset the password to <<PW|Fj0rd#hus9>> but it still fails",
    "I've been locked out, username: <<U|akosua_m>> pw: <<PW|kente4ever>>",
    "my online banking password is <<PW|Waikato_77>> is it strong enough",
    "got a text with a link <<URL|https://finaptic-secure-login.example.net/verify>> is it you guys?",
    "someone logged in from <<IP|198.51.100.23>>, not me",
    "the app says new device <<MAC|A4:5E:60:C2:19:7B>> registered, I only have my old phone",
    "login alert from ip <<IP|2001:db8:4a1::17>>, i'm in melbourne and it says germany",
    "email said go to <<URL|www.finaptic-refunds.example.org/claim?id=55812>> to get my refund",
    "Agent: Please clear cache and go to <<URL|https://bank.example.com/reset>> . Customer: ok",
    "my router mac is <<MAC|00-1B-44-11-3A-B7>>, does that matter for the blocked login",
    "I'm a developer testing your API, my key is <<AK|$ak>> with secret <<SK|$sk>>",
    "accidentally pasted my AWS creds in the chat: <<AK|$ak>> / <<SK|$sk>> please delete",
    # ---- mixed multi-entity
    "Customer: I'm <<N|Kwabena Asante>>, dob <<D|09/02/1988>>, SSN <<SSN|$ssn>>, and my card <<CC|$visa>> was compromised",
    "name: <<N|Li Wei Chen>>\nemail: <<EM|liwei.chen@example.sg>>\naccount: <<ACCT|$acct10>>\nrouting: <<ROUT|$aba>>",
    "Bot: Verify your identity - postcode and date of birth? User: <<A|BT9 6AZ>>, <<D|21.04.1976>>",
    "hi, <<N|Olumide>> here. card <<CC|$mc>> exp <<EXP|05/28>>, and I need the PIN reset, the old one was <<PIN|8190>>",
    "Agent: I'll need the IBAN and your mobile. Customer: <<IBAN|$iban:ES>> and <<PH|+34 612 555 019>>",
    "refund to account <<ACCT|$acct8>> sort code <<ROUT|$sort>>, contact <<EM|h.patel@example.co.uk>>",
    "<<N|Sipho>> here, account <<ACCT|$acct10>>, swift <<SWIFT|$swift11:ZA>>, my brother <<N|Lwazi>> needs to send me money from the UK",
    "wiring USD 12,400 to <<N|Hana Kobayashi>>, acct <<ACCT|$acct12>> routing <<ROUT|$aba>>, on <<D|Dec 4>>",
    "Customer: card <<CC|$amex>>, billing address <<A|58 Harbour Rd, Auckland 1010>>",
    "my sister <<N|Ines>> and I share account <<ACCT|$acct10>>, can she get her own card",
    "Bot: Please provide your card number and PIN. User: <<CC|$visa_>> <<PIN|2280>>",
    "Customer: billing address <<A|1840 Folsom St, San Francisco, CA 94110>>, card <<CC|$mc_>>, cvc <<CVV|661>>",
    "the cheque from <<N|Jean-Luc Moreau>> for CAD 640 bounced, my account <<ACCT|$acct7>> transit <<ROUT|02712>>",
    "Agent: Got it Mr. <<N|Haddad>>. And the account the funds should go to? Customer: <<IBAN|$iban:GB>>",
    # ---- more phrasings (added second pass)
    "acc num <<ACCT|$acct8>>, sc <<ROUT|$sort>>, can u tell me the balance",
    "card # <<CC|$visa_>> the 3 numbers on the back are <<CVV|418>>",
    "Bot: What is the long number on the front of your card? User: its <<CC|$mc>> i think",
    "the expiry date on my card is end of <<EXP|09/27>> but the app says expired??",
    "Customer: account no.<<ACCT|$acct10>>",
    "ok so the card is <<CC|$visa->>, good thru <<EXP|3/28>>",
    "my routing # is <<ROUT|$aba>> , acct# <<ACCT|$acct12>> for the tax refund deposit",
    "Agent: Please confirm the IBAN on the invoice. Customer: IBAN: <<IBAN|$iban:IT>> BIC <<SWIFT|$swift11:IT>>",
    "plz send to my cousin in manila, acct <<ACCT|$acct10>> swift <<SWIFT|$swift:SG>>",
    "Customer: user name <<U|kiri.walker>> and the password I set is <<PW|Pohutukawa#88>>",
    "this email <<EM|security-alert@finaptic-support.example.net>> asked for my login, real or fake?",
    "hi I'm <<N|Nomvula>>, <<AGE|19>>, first job, want to open a savings account. email <<EM|nomvula.d@example.co.za>>",
    "Bot: Which email should we use? User: <<EM|joao.ferreira@example.pt>>",
    "the suspicious login came from <<IP|203.0.113.77>> at <<D|03:12>> on <<D|Nov 28>>",
    "Bot: Please enter the 4-digit code on the front of your Amex. User: <<CVV|0427>>",
    "card expires <<EXP|Feb 2029>>, number <<CC|$visa>>, can I use it in the US",
    "Agent: To verify, give me the expiry and the security code. Customer: <<EXP|10/28>> and <<CVV|382>>",
    "p.i.n. is <<PIN|7 0 4 1>> and it doesn't work at any ATM in Wellington",
    "hi, my NI no. is <<NINO|$nino>> and my UTR is pending, do you need both",
    "Customer: ITIN <<ITIN|$itin>>, DOB <<D|5/9/1990>>, address <<A|4418 E Camelback Rd Unit 12, Phoenix, AZ 85018>>",
    "our devops guy <<N|Rohan>> posted <<AK|$ak>> in the support ticket by mistake",
    "Bot: What is the name on the account? User: <<N|van der Berg, Pieter>>",
    "User: my acct is <<ACCT|$acct8>> and sort code <<ROUT|$sort>> Bot: Thanks. User: and my old account was <<ACCT|$acct8>>",
    "transfer EUR 350 to my landlord, <<N|Mairéad Ní Bhriain>>, IBAN <<IBAN|$iban:IE>>, ref 'Nov rent'",
    "pls send USD to acc <<ACCT|$acct9>> at Chase, aba <<ROUT|$aba>> and swift <<SWIFT|$swift11:US>>",
    "Agent: I can see the card ending 5521 was used at Lidl today. Customer: yes that was me",
    "Bot: Your one-time code has been sent to the number ending 88. User: didnt get it",
    "how do I find my sort code in the app",
    "what does the status 'ACSC' on my SEPA transfer mean",
    # ---- more no-PII
    "how do I order a new card, mine is cracked",
    "why is my available balance lower than my current balance by 85.00",
    "Agent: I've waived the 12.50 late fee as a one-off. Customer: cheers",
    "what's the exchange rate for 2000 GBP to EUR today",
    "can I pay in coins at the Kilkenny branch",
    "Bot: Transaction 3 of 5: ALDI STORES 14.62. Is this yours? User: yes",
    "I have 2 savings pots and a current account, can I merge the pots",
    "my salary of 3,850 hasn't come in and rent is due",
    "refund ref RFD-00218337 from ASOS for 42.00 still not here",
    "is it 3.5% cashback on the credit card or 1.5%",
    "Customer: 4 card payments to Deliveroo, only ordered once",
    "the app crashed 5 times while doing a transfer of 700",
    "there's a 2.99 fee on every ATM withdrawal at the Bondi Junction branch, why",
    # ---- no PII (amounts, merchants, references, last-4s, counts, branch names)
    "why was I charged a GBP 5 fee on my last statement",
    "card ending 4417 declined at Aldi for 23.50, there's enough money in the account",
    "Bot: Your case number is CS-2026-118204. Is there anything else? User: no thanks",
    "how many free international transfers do I get each month",
    "I have 3 direct debits that failed this month, can you check",
    "the Castle Street branch is closed again?? third time this week",
    "what's the daily limit on contactless, 100 or 250?",
    "transaction ref 7741982200 for $89.99 at Netflix is not mine",
    "Agent: I've raised dispute DSP-440918 for the Uber charge of $37.20. It takes up to 10 business days.",
    "my card ending in 0932 keeps saying 'do not honour' at Shell",
    "can I get a mortgage in principle online or do I need to go into the Cork branch",
    "Customer: the amount was 1,249.00 EUR, paid to Booking.com",
    "is there a fee to withdraw cash abroad? going to Portugal for 2 weeks",
    "order #112-4417789-2231 from Amazon was refunded but not showing",
    "Bot: You have 2 pending transactions totalling $310.45. User: what are they",
    "pls increase my overdraft to 1500",
    "the visa ending -6620 is my business card, the one ending -1184 is personal",
    "why does the app show 4 payees named 'Mum'?",
    "I paid R 2 450.00 to Takealot and it's been pending for 6 days",
    "Agent: Your reference is 00923-AC. The refund of AUD 84.10 will appear within 3-5 business days.",
    "interest rate on the fixed saver went from 4.10% to 3.85%, why",
    "Customer: i was charged twice at Starbucks, 5.45 and 5.45",
    "how long does a CHAPS payment take",
    "hi, the Rundle Mall branch ATM ate my card, ending 7215",
    "my cashback from Tesco Clubcard hasn't appeared, it's 12.60",
    "I'd like 2 new chequebooks please, 50 leaves each",
    "Bot: Please choose: 1) Cards 2) Payments 3) Loans. User: 2",
    "can you explain the FX markup on a 1,000 USD purchase",
    "the branch code on the letter says 'KAR-12', is that the Karori branch?",
    "ticket INC0048812 is still open after 2 weeks",
    "Agent: I can see 14 transactions from Spotify since last year. Customer: cancel them all",
    "how do I dispute a payment to PayPal *STEAMGAMES for 59.99",
    "Bot: Your balance is 2,304.17 CAD. User: thanks",
    "auth code 482911 was shown on the terminal, does that help find the transaction",
    "received 3 texts saying my account is suspended, is this a scam?",
    "why did my credit score drop 40 points after I applied",
    "Customer: invoice number 2026-0471 for 480 NZD from Spark",
    "the loan repayment of INR 18,500 was taken twice",
    "how much is the monthly fee for the premier account, is it still 25 a month",
    "I deposited 6 cheques at the Halifax branch yesterday morning",
    "Agent: Your complaint reference is 5551-2207-8834. Customer: ok",
    "my card ending 3301 was replaced but Apple Pay still shows the old one",
    "is the Westfield branch open on public holidays",
    "what's the max I can send with Zelle per day",
    "cancel standing order no. 17 to the gym please, it's 39.99 a month",
    "Customer: transaction id 9f3a-22c1 from Revolut, 150 euro",
    "Bot: Reply YES to confirm a payment of GBP 1,250.00 to Octopus Energy. User: YES",
    "I need 500 dollars in cash from the teller, do I have to book",
    "my ISA allowance is 20,000 right? I've put in 12,500 so far",
    "paid 3 parking fines of 60 each via your app, only 2 went through",
]


def parse(msg):
    out, ents, pos = [], [], 0
    cur = 0
    for m in re.finditer(r"<<([A-Z]+)\|(.*?)>>", msg):
        out.append(msg[pos:m.start()])
        cur += len(msg[pos:m.start()])
        typ = ALIAS[m.group(1)]
        val = m.group(2)
        if val.startswith("$"):
            val = gen(val)
        ents.append({"type": typ, "begin": cur, "end": cur + len(val), "_v": val})
        out.append(val)
        cur += len(val)
        pos = m.end()
    out.append(msg[pos:])
    text = "".join(out)
    assert "<<" not in text and ">>" not in text, msg
    return text, ents


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("banking_chat_pii_holdout3.jsonl")
    rows, seen = [], set()
    for i, msg in enumerate(MESSAGES):
        text, ents = parse(msg)
        assert text not in seen, text
        seen.add(text)
        ents.sort(key=lambda e: e["begin"])
        for a, b in zip(ents, ents[1:]):
            assert a["end"] <= b["begin"], (text, a, b)
        for e in ents:
            assert text[e["begin"]:e["end"]] == e.pop("_v"), text
            s = text[e["begin"]:e["end"]]
            assert s == s.strip() and s, (text, e)
            validate(e["type"], s)
        rows.append({"id": "bankchat-holdout3-%04d" % i, "split": "holdout3", "text": text,
                     "entities": ents, "template_id": "holdout3:%d" % i, "template_source": "holdout3"})
    with out.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    import collections
    c = collections.Counter(e["type"] for r in rows for e in r["entities"])
    neg = sum(1 for r in rows if not r["entities"])
    print("%d messages, %d without PII, %d entities, %d financial" % (
        len(rows), neg, sum(c.values()), sum(v for k, v in c.items() if k in FINANCIAL)))
    for k, v in sorted(c.items(), key=lambda kv: -kv[1]):
        print("  %-40s %d" % (k, v))


if __name__ == "__main__":
    main()
