#!/usr/bin/env python3
"""Generate the blind holdout7 banking-chat PII set (banking_chat_pii_holdout7.jsonl).

Written without looking at the detector, its tests or the other sets in this folder;
only the dev set's format/conventions were consulted. Python 3 stdlib only, fixed seed.

Templates use {SLOT} markers; each slot is filled by a generator and, if the slot is PII,
an entity span is computed from the inserted value's offsets. Non-PII slots (amounts,
references, last-4s, counts, merchants) are inserted without a label.

Labelling rules:
  * spans cover the value only, never the cue word ("card", "IBAN", "dob" ...);
  * calendar dates (with or without year, any format) are DATE_TIME; relative dates
    ("yesterday", "3 days ago") and durations are not labelled;
  * an age given as a number of years is AGE (number only);
  * UK sort codes, AU BSBs, US ABA numbers and CA transit/institution numbers are BANK_ROUTING
    (a CA "transit-institution" pair written together is one span);
  * amounts, merchant/bank names, transaction/order/case references, card last-4s, counts are
    not PII.
Self-checks: span text == inserted value, no overlapping spans, Luhn on cards and SINs,
IBAN mod-97, ABA checksum.

Usage: python3 make_holdout7_set.py [out.jsonl]
"""
import json
import os
import random
import re
import string
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checksums import aba_ok, iban_ok, luhn_complete, luhn_ok  # noqa: E402 (one copy of the check digits)

SEED = 20261202
R = random.Random(SEED)

# ---------------------------------------------------------------- check helpers

def iban_make(cc, bban):
    s = bban + cc + "00"
    num = "".join(str(int(c, 36)) for c in s)
    chk = 98 - int(num) % 97
    return "%s%02d%s" % (cc, chk, bban)


# ---------------------------------------------------------------- generators

def digits(n):
    return "".join(R.choice(string.digits) for _ in range(n))


def grp(s, sizes, sep):
    out, i = [], 0
    for n in sizes:
        out.append(s[i:i + n])
        i += n
    return sep.join(out)


def card_digits(kind=None):
    kind = kind or R.choice(["visa", "visa", "mc", "mc2", "amex", "disc"])
    if kind == "visa":
        p, n = "4" + digits(5), 16
    elif kind == "mc":
        p, n = str(R.randint(51, 55)) + digits(4), 16
    elif kind == "mc2":
        p, n = str(R.randint(2221, 2720)) + digits(2), 16
    elif kind == "amex":
        p, n = R.choice(["34", "37"]) + digits(4), 15
    else:
        p, n = R.choice(["6011", "65" + digits(2)]) + digits(2), 16
    return luhn_complete(p + digits(n - len(p) - 1))


def card_fmt(d, style=None):
    style = style or R.choice(["plain", "space", "space", "dash", "dot"])
    if style == "plain":
        return d
    sizes = [4, 6, 5] if len(d) == 15 else [4, 4, 4, 4]
    return grp(d, sizes, {"space": " ", "dash": "-", "dot": "."}[style])


def card(kind=None, style=None):
    return card_fmt(card_digits(kind), style)


def expiry():
    m, y = R.randint(1, 12), R.randint(26, 31)
    return R.choice(["%02d/%02d" % (m, y), "%d/%02d" % (m, y), "%02d-%02d" % (m, y),
                     "%02d/20%02d" % (m, y), "%02d/%02d" % (m, y)])


def aba():
    while True:
        d = "%02d" % R.choice(list(range(1, 13)) + list(range(21, 33))) + digits(6)
        for c in "0123456789":
            if aba_ok(d + c):
                return d + c


def sort_code():
    return R.choice(["%s-%s-%s", "%s %s %s", "%s%s%s"]) % (digits(2), digits(2), digits(2))


def bsb():
    return R.choice(["%s-%s", "%s%s", "%s %s"]) % (R.choice(["06", "08", "03", "01", "73"]) + digits(1), digits(3))


def ca_transit():
    return "%s-%s" % (digits(5), R.choice(["001", "002", "003", "004", "006", "010", "016"]))


def acct(n=None):
    n = n or R.choice([8, 9, 10, 10, 11, 12])
    return str(R.randint(1, 9)) + digits(n - 1)


def iban(cc=None, grouped=None):
    cc = cc or R.choice(["DE", "GB", "FR", "NL", "ES", "IE", "IT", "BE"])
    up = string.ascii_uppercase
    if cc == "DE":
        b = digits(18)
    elif cc == "GB" or cc == "IE":
        b = "".join(R.choice(up) for _ in range(4)) + digits(14)
    elif cc == "FR":
        b = digits(23)
    elif cc == "NL":
        b = "".join(R.choice(up) for _ in range(4)) + digits(10)
    elif cc == "ES":
        b = digits(20)
    elif cc == "IT":
        b = R.choice(up) + digits(22)
    else:
        b = digits(12)
    s = iban_make(cc, b)
    assert iban_ok(s)
    if grouped is None:
        grouped = R.random() < 0.5
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4)) if grouped else s


def swift():
    up = string.ascii_uppercase
    bank = "".join(R.choice(up) for _ in range(4))
    cc = R.choice(["GB", "DE", "FR", "SG", "AU", "IN", "CA", "US", "NL", "ES"])
    loc = R.choice(up) + R.choice(up + "23456789")
    s = bank + cc + loc
    return s + ("".join(R.choice(up + string.digits) for _ in range(3)) if R.random() < 0.5 else "")


def pin():
    return digits(R.choice([4, 4, 4, 6]))


def ssn():
    a = R.choice([x for x in range(1, 900) if x != 666])
    s = "%03d%02d%04d" % (a, R.randint(1, 99), R.randint(1, 9999))
    return R.choice([grp(s, [3, 2, 4], "-"), s, grp(s, [3, 2, 4], " ")])


def itin():
    s = "9%s%d%d%s" % (digits(2), R.choice([7, 8]), R.randint(0, 8), digits(4))
    return grp(s, [3, 2, 4], "-")


def nino():
    a = R.choice("ABCEGHJKLMNOPRSTWXYZ")
    b = R.choice("ABCEGHJKLMNPRSTWXYZ")
    d, suf = digits(6), R.choice("ABCD")
    return R.choice(["%s%s%s%s" % (a, b, d, suf), "%s%s %s %s %s %s" % (a, b, d[:2], d[2:4], d[4:], suf)])


def sin():
    d = luhn_complete(R.choice("1234567") + digits(7))
    return R.choice([grp(d, [3, 3, 3], " "), grp(d, [3, 3, 3], "-"), d])


FIRST = ["Aarav", "Siobhan", "Mei Ling", "Oluwaseun", "Grace", "Liam", "Chloe", "Rahul", "Priyanka", "Wei Jie",
         "Harriet", "Jack", "Isla", "Mohammed", "Ananya", "Thomas", "Nadia", "Connor", "Tamsin", "Kenji",
         "Lucia", "Benedikt", "Sophie", "Darius", "Yusuf", "Freya", "Hamish", "Pooja", "Ethan", "Marguerite"]
LAST = ["Kapoor", "O'Sullivan", "Tan", "Adebayo", "Whitfield", "Nguyen", "MacLeod", "Iyer", "Fischer", "Lim",
        "Okafor", "Thornton", "Chowdhury", "Brennan", "Van der Berg", "Gallagher", "Menon", "Koh", "Dubois",
        "Schmidt", "Pereira", "Walsh", "Hughes", "Bianchi", "Novak", "Reyes", "Tremblay", "Singh", "Harrison"]


def first():
    return R.choice(FIRST)


def name():
    n = first() + " " + R.choice(LAST)
    return n.lower() if R.random() < 0.2 else n


def email():
    f, l = first().split()[0].lower(), R.choice(LAST).lower().replace("'", "").replace(" ", "")
    user = R.choice(["%s.%s" % (f, l), "%s%s%d" % (f[0], l, R.randint(1, 99)), "%s_%s" % (l, f)])
    return user + "@" + R.choice(["example.com", "example.co.uk", "mail.example.net", "example.com.au", "example.sg"])


def phone():
    return R.choice([
        "(%s) 555-01%s" % (R.choice(["212", "415", "617", "303", "512"]), digits(2)),
        "+1 %s-555-01%s" % (R.choice(["604", "416", "206"]), digits(2)),
        "07700 900%s" % digits(3),
        "+44 7700 900%s" % digits(3),
        "+61 4%s %s %s" % (digits(2), digits(3), digits(3)),
        "04%s %s %s" % (digits(2), digits(3), digits(3)),
        "+65 %s%s %s" % (R.choice("89"), digits(3), digits(4)),
        "+91 98%s %s" % (digits(3), digits(5)),
        "303.555.01%s" % digits(2),
    ])


def address():
    n = R.randint(2, 980)
    return R.choice([
        "%d %s Street, %s" % (n, R.choice(["Elm", "Maple", "Harbour", "Bridge"]), R.choice(["Leeds LS6 2AB", "Bristol BS7 8QT", "York YO10 5DD"])),
        "Flat %d, %d %s Road, London %s" % (R.randint(1, 40), n, R.choice(["Cranbrook", "Whitley", "Abbey"]), R.choice(["N16 7RE", "SE15 4PL", "E2 9LX"])),
        "%d %s Ave, %s" % (n, R.choice(["Cedar", "Lakeview", "Oak", "Park"]), R.choice(["Austin, TX 78704", "Portland, OR 97214", "Newark, NJ 07102"])),
        "Unit %d/%d %s St, %s" % (R.randint(1, 30), n, R.choice(["Wattle", "George", "Bourke"]), R.choice(["Parramatta NSW 2150", "Carlton VIC 3053"])),
        "%d %s Crescent, %s" % (n, R.choice(["Birchmount", "Rideau", "Maplewood"]), R.choice(["Toronto ON M4C 1B5", "Ottawa, ON K1N 5T5"])),
        "Blk %d %s Avenue %d, #%02d-%02d, Singapore %s" % (R.randint(100, 700), R.choice(["Tampines", "Bedok North", "Ang Mo Kio"]), R.randint(1, 9), R.randint(2, 15), R.randint(10, 99), digits(6)),
        "%d, %s Road, %s" % (n, R.choice(["MG", "Residency", "Brigade"]), R.choice(["Bengaluru 560025", "Pune 411001"])),
    ])


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def date(dob=False):
    y = R.randint(1938, 2004) if dob else R.randint(2025, 2026)
    m, d = R.randint(1, 12), R.randint(1, 28)
    return R.choice(["%02d/%02d/%d" % (d, m, y), "%d/%d/%d" % (m, d, y), "%d-%02d-%02d" % (y, m, d),
                     "%d %s %d" % (d, MONTHS[m - 1], y), "%s %d, %d" % (MONTHS[m - 1][:3], d, y),
                     "%d.%d.%d" % (d, m, y)])


def short_date():
    m, d = R.randint(1, 12), R.randint(1, 28)
    return R.choice(["%d %s" % (d, MONTHS[m - 1]), "%s %d" % (MONTHS[m - 1], d),
                     "%s %dth" % (MONTHS[m - 1].lower(), R.choice([4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20])),
                     "%d/%d" % (d, m)])


def username():
    f = first().split()[0].lower()
    return R.choice(["%s%d" % (f, R.randint(70, 2004)), "%s_%s" % (f, R.choice(["kiwi", "blue", "dev", "xo"])),
                     "%s.%s%d" % (f[0], R.choice(LAST).lower().replace("'", "").replace(" ", ""), R.randint(1, 9))])


def password():
    w = R.choice(["Tulip", "rainbow", "Kestrel", "mango", "Sydney", "pancake", "Falcon", "marmite"])
    return R.choice(["%s%d!" % (w, R.randint(10, 99)), "%s#%d" % (w.lower(), R.randint(100, 999)),
                     "".join(R.choice(string.ascii_letters + string.digits) for _ in range(10)),
                     "%s_%s%d" % (w, R.choice(["Rose", "blue", "Moon"]), R.randint(1, 9))])


def url():
    w = R.choice(["secure-payee", "verify-acct", "bank-refund", "parcel-fee", "card-unlock"])
    return R.choice(["https://%s.example.net/login?c=%s" % (w, digits(5)), "http://%s.example.com/" % w,
                     "www.%s-help.example.org/verify" % w, "https://bit.example/%s" % digits(6)])


def ip():
    return R.choice(["192.0.2.%d" % R.randint(1, 254), "198.51.100.%d" % R.randint(1, 254),
                     "203.0.113.%d" % R.randint(1, 254), "2001:db8:%x::%x" % (R.randint(4096, 65535), R.randint(1, 65535))])


def driver_id():
    return R.choice([R.choice(string.ascii_uppercase) + digits(7), digits(9),
                     "%s%s%s" % ("".join(R.choice(string.ascii_uppercase) for _ in range(5)), digits(6), "".join(R.choice(string.ascii_uppercase) for _ in range(2))),
                     "%s-%s-%s" % (R.choice(string.ascii_uppercase) + digits(3), digits(4), digits(4))])


def passport():
    return R.choice([R.choice(string.ascii_uppercase) + digits(8), digits(9), "".join(R.choice(string.ascii_uppercase) for _ in range(2)) + digits(7),
                     R.choice("KLMNPRST") + digits(7)])


def age():
    return str(R.randint(19, 94))


# non-PII fillers
def amount():
    return R.choice(["$%d.%02d" % (R.randint(5, 3000), R.randint(0, 99)), "£%d.%02d" % (R.randint(5, 900), R.randint(0, 99)),
                     "€%d" % R.randint(10, 2500), "AUD %d.%02d" % (R.randint(5, 900), R.randint(0, 99)),
                     "Rs %d" % R.randint(200, 90000), "S$%d" % R.randint(5, 800), "%d.%02d CAD" % (R.randint(5, 900), R.randint(0, 99)),
                     "$%s,%03d" % (R.randint(1, 45), R.randint(0, 999))])


def ref():
    return R.choice(["TX%s" % digits(10), "FT%s%s" % (digits(6), "".join(R.choice(string.ascii_uppercase) for _ in range(4))),
                     "CASE-%s" % digits(6), "REF %s" % digits(8), "#%s" % digits(7), "UTR%s" % digits(12)])


def order():
    return R.choice(["%s-%s-%s" % (digits(3), digits(7), digits(7)), "ORD%s" % digits(9), "#%s" % digits(6), "W%s" % digits(8)])


def last4():
    return digits(4)


def count():
    return str(R.randint(2, 30))


MERCH = ["Tesco", "Woolworths", "Amazon", "Uber", "Grab", "Swiggy", "Lidl", "Costco", "Shopee", "Deliveroo", "Netflix", "Spotify", "Tim Hortons"]


def merchant():
    return R.choice(MERCH)


SLOTS = {
    # PII
    "CARD": ("CREDIT_DEBIT_NUMBER", card), "VISA": ("CREDIT_DEBIT_NUMBER", lambda: card("visa")),
    "AMEX": ("CREDIT_DEBIT_NUMBER", lambda: card("amex")), "CARDP": ("CREDIT_DEBIT_NUMBER", lambda: card(style="plain")),
    "CARDS": ("CREDIT_DEBIT_NUMBER", lambda: card(style="space")),
    "EXP": ("CREDIT_DEBIT_EXPIRY", expiry), "CVV": ("CREDIT_DEBIT_CVV", lambda: digits(3)),
    "CID": ("CREDIT_DEBIT_CVV", lambda: digits(4)),
    "ACCT": ("BANK_ACCOUNT_NUMBER", acct), "ACCT8": ("BANK_ACCOUNT_NUMBER", lambda: acct(8)),
    "ACCTAU": ("BANK_ACCOUNT_NUMBER", lambda: acct(R.choice([6, 8, 9]))),
    "ACCTIN": ("BANK_ACCOUNT_NUMBER", lambda: acct(R.choice([11, 14, 16]))),
    "ACCTCA": ("BANK_ACCOUNT_NUMBER", lambda: acct(7)),
    "ACCTSG": ("BANK_ACCOUNT_NUMBER", lambda: R.choice(["%s-%s-%s" % (digits(3), digits(6), digits(1)), "%s-%s-%s" % (digits(3), digits(5), digits(3))])),
    "ABA": ("BANK_ROUTING", aba), "SORT": ("BANK_ROUTING", sort_code), "BSB": ("BANK_ROUTING", bsb),
    "TRANSIT": ("BANK_ROUTING", ca_transit), "TRANSIT5": ("BANK_ROUTING", lambda: digits(5)),
    "INST": ("BANK_ROUTING", lambda: R.choice(["001", "003", "004", "010"])),
    "IBAN": ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", iban), "IBANGB": ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", lambda: iban("GB")),
    "IBANNL": ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", lambda: iban("NL")),
    "IBANC": ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", lambda: iban(grouped=False)),
    "IBANG": ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", lambda: iban(grouped=True)),
    "SWIFT": ("SWIFT_CODE", swift), "PIN": ("PIN", pin), "PIN4": ("PIN", lambda: digits(4)), "PIN6": ("PIN", lambda: digits(6)),
    "SSN": ("SSN", ssn), "ITIN": ("US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", itin),
    "NINO": ("UK_NATIONAL_INSURANCE_NUMBER", nino), "SIN": ("CA_SOCIAL_INSURANCE_NUMBER", sin),
    "EMAIL": ("EMAIL", email), "PHONE": ("PHONE", phone), "NAME": ("NAME", name), "FIRST": ("NAME", first),
    "ADDR": ("ADDRESS", address), "DATE": ("DATE_TIME", date), "DOB": ("DATE_TIME", lambda: date(True)),
    "SDATE": ("DATE_TIME", short_date), "AGE": ("AGE", age), "USER": ("USERNAME", username),
    "PASS": ("PASSWORD", password), "URL": ("URL", url), "IP": ("IP_ADDRESS", ip),
    "DL": ("DRIVER_ID", driver_id), "PASSPORT": ("PASSPORT_NUMBER", passport),
    # not PII
    "AMT": (None, amount), "REF": (None, ref), "ORDER": (None, order), "L4": (None, last4),
    "N": (None, count), "MERCH": (None, merchant),
}

# ---------------------------------------------------------------- templates
# Financial-identifier templates (each instantiated twice).
FIN = [
    "on the bus, quick q - card {CARDS} got declined at {MERCH} for {AMT}?? exp {EXP}",
    "pls block {CARD} asap someone used it in another country",
    "Helping my mum (she's {AGE}) - her debit card number is {CARD}, expiry {EXP}. She can't read the small print",
    "The caller said he was from your fraud team and asked me to read out my card {CARDP} and the 3 digits on the back, {CVV}. Was that really you??",
    "scammer had me type my PIN {PIN4} into a link {URL} i'm so stupid",
    "Card number: {CARD}\nExpiry date: {EXP}\nCVV: {CVV}\nName on card: {NAME}",
    "amex {AMEX} CID {CID} exp {EXP} - why was the annual fee charged twice",
    "{CARD} is the card, {EXP} the expiry, please freeze it",
    "agent: Can you confirm the long number on the front of the card?\nme: {CARDS}",
    "Bot: What is the card's expiry date?\nCustomer: {EXP}\nBot: And the security code?\nCustomer: {CVV}",
    "my card no is {CARD} n the cvc is {CVV}, the payment to {MERCH} keeps failing",
    "carrd numbr {CARD} exp {EXP} stuck in an ATM in Bangkok",
    "I only know the last four ({L4}) of the old card, the new one is {CARDP}",
    "Can you change the PIN on card {CARD}? current pin {PIN4}, i want {PIN4}",
    "forgot my pin. Is it {PIN4} or {PIN4}? I've tried both already",
    "They phoned pretending to be the bank and got my 6 digit code {PIN6} and my card {CARD}",
    "Business card for our cafe, {CARDS}, exp {EXP}, security code {CVV} - please raise the limit",
    "dispute {AMT} on {SDATE} at {MERCH}, card {CARD}",
    "Set up a standing order to sort code {SORT} account {ACCT8}, {AMT} monthly",
    "sort code {SORT}, acc no {ACCT8} - is that your bank? My employer needs it for payroll",
    "My dad's account number is {ACCT8} and the sort code is {SORT}, I have power of attorney",
    "{ACCT8} / {SORT} - this is the account the refund should go to",
    "Payee: {NAME}\nSort code: {SORT}\nAccount no: {ACCT8}\nReference: {REF}",
    "acount number {ACCT8} srot code {SORT}. wrong payee name warning came up, is it safe?",
    "BSB {BSB} account {ACCTAU} - why didn't my pay land today",
    "pls confirm BSB is {BSB} and acct {ACCTAU} for my super rollover",
    "g'day, moving my mortgage offset to {ACCTAU}, BSB {BSB}",
    "routing {ABA} account {ACCT} for direct deposit right?",
    "ABA routing no. {ABA}, checking acct # {ACCT}. the IRS refund bounced",
    "Wire details I was given: routing number {ABA}, account number {ACCT}, beneficiary {NAME}",
    "{ABA} is the routing and {ACCT} is my account, can you verify they match?",
    "rtng {ABA} acct {ACCT} - Venmo says invalid",
    "transit {TRANSIT5}, institution {INST}, account {ACCTCA}. Setting up pre-authorized debit",
    "For the void cheque: {TRANSIT} account {ACCTCA}",
    "Hi, I'm in Montreal - transit/institution {TRANSIT}, acct {ACCTCA}, my payroll didn't arrive",
    "please send the EUR to IBAN {IBAN}",
    "IBAN: {IBANG} BIC: {SWIFT}",
    "The landlord in Madrid gave me {IBAN} and swift {SWIFT}. Fees?",
    "My IBAN is {IBANC}, is that enough for a SEPA transfer from Germany?",
    "i think i made a typo, sent {AMT} to {IBAN} instead of my own account",
    "Swift code {SWIFT}, beneficiary account {ACCT}, beneficiary {NAME} in Singapore",
    "what's your SWIFT? other bank says {SWIFT} is not recognised",
    "Sending money home to India: account {ACCTIN}, swift {SWIFT}",
    "Beneficiary a/c {ACCTIN}, IFSC is on the passbook, name {NAME}",
    "DBS acct {ACCTSG} - PayNow transfer of {AMT} still not received",
    "my OCBC account {ACCTSG}, need a bank letter for my employment pass",
    "Transfer {AMT} from {ACCT} to {ACCT} please",
    "why hasn't the money from acct {ACCT} come through, sent on {DATE}",
    "Joint account {ACCT} - remove {NAME}, we separated on {DATE}",
    "acct# {ACCT}. my online banking PIN {PIN} doesn't work since the update",
    "Telephone banking asked for my 4-digit pin and I typed {PIN4}, then it hung up",
    "customer: i need my balance\nagent: account number please\ncustomer: {ACCT}",
    "Agent: which account is the loan paid from?\nMe: the one ending {L4}... actually full number is {ACCT}",
    "Hello, I'm helping my grandmother {NAME}. Her account {ACCT} was charged {AMT} by {MERCH} twice",
    "Scam text said my account {ACCT} was locked and to call {PHONE}. Is that you?",
    "The 'bank' person asked for my sort code {SORT}, account {ACCT8} and my online password {PASS}",
    "Received {AMT} from an unknown IBAN {IBAN} and now someone's asking me to send it back to {IBAN}",
    "Merchant account for my bakery: IBAN {IBANG}, SWIFT/BIC {SWIFT}. Please enable card acquiring",
    "Card {CARD} Exp {EXP} CVV {CVV} billing address {ADDR}",
    "new card arrived ({CARDS}) but I'm abroad till {SDATE}, can you activate it",
    "Please update billing address on {CARD} to {ADDR}",
    "card:{CARDP} exp:{EXP} cvv:{CVV}",
    "{CVV} is the cvv. card {CARD}",
    "expiry {EXP}. number {CARD}. just need to know why it says invalid",
    "Does the card {CARD} work for contactless in Singapore? Expires {EXP}",
    "we run a small plumbing business - company account {ACCT}, routing {ABA}. We want a second debit card for {N} staff",
    "payroll batch failed for sort code {SORT} account {ACCT8} (employee {NAME})",
    "I got a call asking me to move my savings to a 'safe account' {ACCT8} sort {SORT}. I did it. {AMT}. please help",
    "pin for my new card? the letter said {PIN4} but the ATM refuses it",
    "I'm {AGE} and my son set my PIN to {PIN4}, can I change it",
    "Step 1 of the form: Account holder {NAME}, IBAN {IBANG}, date {DATE}",
    "SEPA direct debit mandate for {IBANC} was taken without my consent on {SDATE}",
    "Account number {ACCT}, routing {ABA}, SSN {SSN} - opening a joint account for me and my wife",
    "Hey it's {FIRST}. card {CARD} keeps getting the 3DS code sent to my old number {PHONE}",
    "my visa {VISA}, master card {CARD}. cancel both",
    "{ACCT8} (account) {SORT} (sort code) {NAME} (name) - can you check the payee before I send {AMT}",
    "Rekeningnummer/IBAN {IBANNL} - ik bedoel, my Dutch account, can I link it?",
    "Dad's details: card {CARD}, PIN {PIN4}, he's {AGE} and in hospital, can I use it to pay his bills?",
    "the woman on whatsapp wanted my iban {IBAN}, my bic {SWIFT} and a selfie. is this normal?",
    "checking acct {ACCT} routing {ABA}, savings acct {ACCT} same routing. link both to Zelle pls",
    "me: hi\nagent: Hi! How can I help?\nme: refund to card\nagent: Which card?\nme: {CARDS} exp {EXP}",
    "Pymnt to BSB {BSB} acct {ACCTAU} ref {REF} bounced, amount {AMT}",
    "Transit# {TRANSIT5} Inst# {INST} Acct# {ACCTCA}",
]

# Other PII (no financial identifier).
OTHER = [
    "my SSN is {SSN} and dob {DOB}, for the credit check",
    "tax form asks for ITIN {ITIN}, I don't have an SSN, is that ok",
    "NI number {NINO} - do you need it for the ISA?",
    "national insurance no. {NINO}, dob {DOB}",
    "SIN {SIN} for my TFSA, I'm in Calgary",
    "Social insurance number: {SIN}",
    "email me the statements at {EMAIL} not the old one",
    "please call me back on {PHONE}, I'm {NAME}",
    "new phone: {PHONE}. new email: {EMAIL}",
    "I moved to {ADDR}, where do I update it?",
    "login {USER} pw {PASS} - locked out after 3 tries",
    "my username is {USER}, I reset the password to {PASS} but it says wrong",
    "there was a login from {IP} at 3am, that's not me",
    "someone logged in from {IP} and changed my email to {EMAIL}",
    "got an SMS with link {URL} saying my card was frozen",
    "Passport {PASSPORT} expired {DATE}, can I still use it for KYC?",
    "driver's licence {DL} - the app says the photo is blurry",
    "My mother {NAME}, born {DOB}, passed away last week. What do I need to do?",
    "Verification: {NAME}, {DOB}, {ADDR}",
    "I'm {AGE} years old, can I open a youth saver for my daughter {FIRST}?",
    "application form - full name: {NAME} / DOB: {DOB} / passport no: {PASSPORT} / phone: {PHONE}",
    "{EMAIL} is the email on file, {PHONE} the mobile",
    "Hi this is {NAME} from {ADDR}, my debit card never arrived",
    "bot: date of birth?\nuser: {DOB}\nbot: postcode/address?\nuser: {ADDR}",
    "my licence number is {DL} and my passport is {PASSPORT}",
]

# Hard negatives (no PII at all): amounts, refs, orders, last-4s, counts, merchants, relative dates.
NEG = [
    "charged {AMT} twice by {MERCH}, transaction ref {REF}",
    "card ending {L4} declined at {MERCH} - {AMT}",
    "refund for order {ORDER} ({AMT}) still not in my account after {N} days",
    "case number {REF} - any update? it's been {N} days",
    "I have {N} direct debits, can I see them all in the app?",
    "the card ending in {L4} is blocked, how long to unblock",
    "transfer ref {REF} for {AMT} shows pending since yesterday",
    "Why was a {AMT} foreign transaction fee added to my {MERCH} purchase?",
    "order {ORDER} from {MERCH} was cancelled but I was charged {AMT}",
    "Can I raise my daily limit to {AMT}?",
    "I made {N} transfers today and the last one ({AMT}) failed",
    "my card that ends with {L4} was swallowed by the ATM on High Street",
    "how much is the fee for sending {AMT} overseas",
    "Dispute ID {REF}: {MERCH} never delivered order {ORDER}",
    "My salary of {AMT} came in {N} days late",
    "is there a charge for withdrawing {AMT} at a {MERCH} ATM",
    "UPI payment {REF} of {AMT} debited but merchant says not received",
    "please waive the {AMT} overdraft fee, first time in {N} years",
    "the {MERCH} subscription ({AMT}/month) - card xx{L4} - I cancelled it last month",
    "PayNow {AMT} to a friend, reference {REF}, shows failed",
    "I need {N} copies of my statement for the visa application",
    "what's the interest on {AMT} over {N} months?",
    "Interac e-transfer {REF} of {AMT} expired, how do I get it back",
    "BPAY of {AMT} for the electricity bill, receipt {REF}",
    "is the {MERCH} charge of {AMT} from card ending {L4} a pending auth or final?",
    "tracking number {ORDER} for my replacement card, it says delivered but nothing came",
    "I want to split {AMT} into {N} monthly instalments, ref {REF}",
    "statement shows {MERCH} {AMT} then a reversal of {AMT}, ref {REF}, which one is real?",
    "cheque no. {L4}{L4} for {AMT} hasn't cleared",
    "How many days does an international wire to Singapore take? I'm sending {AMT}",
]

SLOT_RE = re.compile(r"\{([A-Z0-9]+)\}")


def render(tpl):
    text, ents, pos = "", [], 0
    for m in SLOT_RE.finditer(tpl):
        text += tpl[pos:m.start()]
        typ, gen = SLOTS[m.group(1)]
        val = gen()
        b = len(text)
        text += val
        if typ:
            ents.append({"type": typ, "begin": b, "end": len(text), "_val": val})
        pos = m.end()
    text += tpl[pos:]
    return text, ents


def check(text, ents):
    last_end = -1
    for e in sorted(ents, key=lambda e: e["begin"]):
        v = text[e["begin"]:e["end"]]
        assert v == e["_val"], (v, e)
        assert e["begin"] >= last_end, ("overlap", text)
        last_end = e["end"]
        assert v == v.strip() and v, (v, text)
        d = re.sub(r"\D", "", v)
        if e["type"] == "CREDIT_DEBIT_NUMBER":
            assert len(d) in (15, 16) and luhn_ok(d), v
        elif e["type"] == "CA_SOCIAL_INSURANCE_NUMBER":
            assert len(d) == 9 and luhn_ok(d), v
        elif e["type"] == "INTERNATIONAL_BANK_ACCOUNT_NUMBER":
            assert iban_ok(v), v
        elif e["type"] == "BANK_ROUTING" and re.fullmatch(r"\d{9}", v):
            assert aba_ok(v), v


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "banking_chat_pii_holdout7.jsonl")
    recs = []
    tid = 0
    for group, reps in ((FIN, 2), (OTHER, 2), (NEG, 2)):
        for tpl in group:
            tid += 1
            seen = set()
            for _ in range(reps):
                text, ents = render(tpl)
                if text in seen:
                    continue
                seen.add(text)
                check(text, ents)
                if group is NEG:
                    assert not ents
                recs.append((tid, text, ents))
    R.shuffle(recs)
    fin_types = {"CREDIT_DEBIT_NUMBER", "CREDIT_DEBIT_CVV", "CREDIT_DEBIT_EXPIRY", "BANK_ACCOUNT_NUMBER",
                 "BANK_ROUTING", "INTERNATIONAL_BANK_ACCOUNT_NUMBER", "SWIFT_CODE", "PIN"}
    nfin = sum(1 for _, _, e in recs if any(x["type"] in fin_types for x in e))
    nneg = sum(1 for _, _, e in recs if not e)
    assert nfin >= 150, nfin
    with open(out, "w", encoding="utf-8") as f:
        for i, (tid, text, ents) in enumerate(recs):
            f.write(json.dumps({
                "id": "bankchat-holdout7-%04d" % i, "split": "holdout7", "text": text,
                "entities": [{k: e[k] for k in ("type", "begin", "end")} for e in sorted(ents, key=lambda e: e["begin"])],
                "template_id": "holdout7:%d" % tid, "template_source": "own"}, ensure_ascii=False) + "\n")
    print("wrote %d records (%d with a financial identifier, %d negatives) to %s" % (len(recs), nfin, nneg, out))


if __name__ == "__main__":
    main()
