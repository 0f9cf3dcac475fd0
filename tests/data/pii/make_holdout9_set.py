#!/usr/bin/env python3
"""Generate the blind holdout9 banking-chat PII test set (written without looking at the detector).

Focus: polite/verbose customers of traditional banks (US, UK, IE, DE, NL, ZA, SG), multi-turn fraud
reports, business supplier payments (IBAN + BIC + amount + invoice), numbers dictated in groups or
corrected mid-message, identifiers quoted from bank SMS/e-mails; ~20% hard negatives.

Labelling rules: spans cover the value only (never the cue word); calendar dates are DATE_TIME;
amounts, bank/merchant/company names, invoice/case/transaction references, one-time passcodes,
card last-4 digits and counts are not labelled. A corrected value labels both the wrong and the
right value (each is a real identifier the customer typed). Sort codes / BSB-style branch codes and
ABA numbers are BANK_ROUTING.

Usage: python3 make_holdout9_set.py [out.jsonl]   (stdlib only, fixed seed)
"""
import json
import os
import random
import re
import string
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checksums import aba_ok, iban_ok, luhn_complete, luhn_ok  # noqa: E402 (one copy of the check digits)

rng = random.Random(90917)
D = string.digits
U = string.ascii_uppercase


def digits(n, first_nonzero=False):
    s = "".join(rng.choice(D) for _ in range(n))
    return (rng.choice("123456789") + s[1:]) if first_nonzero else s


def group(s, sizes, sep=" "):
    out, i = [], 0
    for n in sizes:
        out.append(s[i:i + n])
        i += n
    return sep.join(out)


def card():
    pre = rng.choice(["4", "4", "51", "53", "55", "2221"])
    num = luhn_complete(pre + digits(15 - len(pre)))
    style = rng.random()
    if style < 0.45:
        return group(num, [4, 4, 4, 4])
    if style < 0.65:
        return group(num, [4, 4, 4, 4], "-")
    if style < 0.8:
        return group(num, [4, 4, 4, 4], "  ")
    return num


def amex():
    num = luhn_complete(rng.choice(["34", "37"]) + digits(12))
    return group(num, [4, 6, 5]) if rng.random() < 0.6 else num


def make_iban(cc, bban, spaced=None):
    r = bban + cc + "00"
    chk = 98 - int("".join(str(int(c, 36)) for c in r)) % 97
    s = "%s%02d%s" % (cc, chk, bban)
    if spaced is None:
        spaced = rng.random() < 0.55
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4)) if spaced else s


def bank4():
    return "".join(rng.choice(U) for _ in range(4))


def iban(cc=None):
    cc = cc or rng.choice(["DE", "NL", "GB", "IE", "FR", "BE", "ES", "IT"])
    bban = {
        "DE": lambda: digits(18),
        "NL": lambda: bank4() + digits(10),
        "GB": lambda: bank4() + digits(14),
        "IE": lambda: bank4() + digits(14),
        "FR": lambda: digits(23),
        "BE": lambda: digits(12),
        "ES": lambda: digits(20),
        "IT": lambda: rng.choice(U) + digits(10) + digits(12),
    }[cc]()
    return make_iban(cc, bban)


def bic(cc=None):
    cc = cc or rng.choice(["DE", "NL", "GB", "IE", "FR", "ZA", "SG", "US", "BE"])
    loc = rng.choice(U + "23456789") + rng.choice(U + "0123456789")
    tail = rng.choice(["", "", "XXX", rng.choice(U) + digits(2)])
    return bank4() + cc + loc + tail


def aba():
    while True:
        s = rng.choice(["0", "1", "2", "3"]) + rng.choice("123456789") + digits(6)
        for c in D:
            if aba_ok(s + c):
                return s + c


def sortcode():
    s = digits(6)
    r = rng.random()
    return group(s, [2, 2, 2], "-") if r < 0.6 else (group(s, [2, 2, 2]) if r < 0.8 else s)


def acct_uk():
    return digits(8)


def acct_us():
    return digits(rng.choice([8, 9, 10, 11, 12]), True)


def acct_za():
    return digits(rng.choice([10, 11]), True)


def acct_sg():
    return rng.choice([lambda: group(digits(10, True), [3, 6, 1], "-"), lambda: group(digits(9, True), [3, 5, 1], "-"),
                       lambda: digits(10, True)])()


def acct_grouped():
    s = digits(rng.choice([8, 10]), True)
    return group(s, [2] * (len(s) // 2)) if rng.random() < 0.5 else group(s, [4, 4] if len(s) == 8 else [3, 3, 4])


def za_branch():
    return rng.choice(["250655", "632005", "051001", "470010", "198765", "580105"])


def expiry():
    m, y = rng.randint(1, 12), rng.randint(26, 31)
    return rng.choice(["%02d/%d" % (m, y), "%d/%d" % (m, y), "%02d-%d" % (m, y), "%02d/20%d" % (m, y), "%02d/%d" % (m, y)])


def cvv():
    return digits(3)


def pin():
    return digits(rng.choice([4, 4, 4, 6]))


def ssn():
    a = "%03d" % rng.randint(101, 665)
    s = a + "%02d" % rng.randint(10, 99) + "%04d" % rng.randint(1000, 9999)
    return group(s, [3, 2, 4], "-") if rng.random() < 0.7 else s


def itin():
    s = "9" + digits(2) + str(rng.choice([70, 78, 83, 88, 91, 94])) + digits(4)
    return group(s, [3, 2, 4], "-")


def nino():
    s = rng.choice(["AB", "JK", "SC", "PX", "NH", "TR", "WL"]) + digits(6) + rng.choice("ABCD")
    return group(s, [2, 2, 2, 2, 1]) if rng.random() < 0.35 else s


def sin():
    s = luhn_complete(rng.choice("1234567") + digits(7))
    return group(s, [3, 3, 3], rng.choice([" ", "-"]))


def passport():
    return rng.choice([lambda: digits(9, True), lambda: rng.choice(U) + digits(8), lambda: "".join(rng.choice(U) for _ in range(2)) + digits(7)])()


def driver_id():
    return rng.choice([lambda: rng.choice(U) + digits(7), lambda: digits(9, True), lambda: rng.choice(U) + digits(12)])()


FIRST = ["Margaret", "Siobhan", "Pieter", "Thandiwe", "Wei Ling", "Hannah", "Declan", "Annelies", "Sipho", "Rajesh",
         "Eleanor", "Klaus", "Aoife", "Johan", "Naledi", "Priya", "Gerald", "Femke", "Cormac", "Mei"]
LAST = ["Whitfield", "O'Sullivan", "van der Berg", "Nkosi", "Tan", "Schneider", "Murphy", "de Vries", "Dlamini",
        "Menon", "Hargreaves", "Becker", "Byrne", "Botha", "Mokoena", "Lim", "Fitzgerald", "Jansen", "Ng", "Okafor"]


def name():
    return rng.choice(FIRST) + " " + rng.choice(LAST)


def first():
    return rng.choice(FIRST)


def email():
    u = rng.choice(FIRST).lower().replace(" ", "") + rng.choice([".", "_", ""]) + rng.choice(LAST).lower().replace(" ", "").replace("'", "")
    return u + rng.choice(["", str(rng.randint(1, 99))]) + "@" + rng.choice(["example.com", "example.org", "mail.example.co.uk", "example.ie", "example.de", "example.nl", "example.co.za", "example.sg"])


def phone():
    return rng.choice([
        lambda: "(%d) 555-01%02d" % (rng.choice([212, 617, 312, 415, 713]), rng.randint(0, 99)),
        lambda: "07700 900%03d" % rng.randint(0, 999),
        lambda: "+44 7700 900%03d" % rng.randint(0, 999),
        lambda: "+353 87 %03d %04d" % (rng.randint(100, 999), rng.randint(0, 9999)),
        lambda: "+49 151 %08d" % rng.randint(0, 99999999),
        lambda: "+31 6 %08d" % rng.randint(10000000, 99999999),
        lambda: "+27 82 %03d %04d" % (rng.randint(100, 999), rng.randint(0, 9999)),
        lambda: "+65 9%03d %04d" % (rng.randint(0, 999), rng.randint(0, 9999)),
        lambda: "082 %03d %04d" % (rng.randint(100, 999), rng.randint(0, 9999)),
    ])()


def address():
    return rng.choice([
        lambda: "%d %s, %s" % (rng.randint(2, 240), rng.choice(["Acacia Avenue", "Mill Lane", "Station Road", "Church Street"]),
                               rng.choice(["Leeds LS6 2AB", "Bristol BS8 1QU", "Reading RG1 7HT", "York YO24 4DF"])),
        lambda: "%d %s, %s" % (rng.randint(2, 90), rng.choice(["Ranelagh Road", "Main Street", "Strand Road"]), rng.choice(["Dublin 6", "Bray, Co. Wicklow", "Galway H91 X2C4"])),
        lambda: "%s %d, %s" % (rng.choice(["Lindenstraße", "Hauptstraße", "Goethestr."]), rng.randint(1, 120), rng.choice(["10115 Berlin", "80331 München", "50667 Köln"])),
        lambda: "%s %d, %s" % (rng.choice(["Keizersgracht", "Prinsengracht", "Bloemstraat"]), rng.randint(1, 600), rng.choice(["1015 CX Amsterdam", "3511 LX Utrecht"])),
        lambda: "%d %s, %s" % (rng.randint(1, 80), rng.choice(["Jan Smuts Avenue", "Bree Street", "Long Street"]), rng.choice(["Johannesburg 2196", "Cape Town 8001"])),
        lambda: "Blk %d %s #%02d-%02d, Singapore %d" % (rng.randint(100, 700), rng.choice(["Ang Mo Kio Ave 3", "Tampines St 21", "Bedok North Rd"]), rng.randint(2, 20), rng.randint(1, 150), rng.randint(460000, 569999)),
        lambda: "%d %s, %s" % (rng.randint(10, 9999), rng.choice(["Maple Street", "Oak Ridge Drive", "W 43rd St Apt 5C"]), rng.choice(["Columbus, OH 43215", "New York, NY 10036", "Austin, TX 78701"])),
    ])()


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def date():
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2024, 2026)
    return rng.choice(["%d %s" % (d, MONTHS[m - 1]), "%s %d" % (MONTHS[m - 1], d), "%02d/%02d/%d" % (d, m, y),
                       "%d.%d.%d" % (d, m, y), "%s %d, %d" % (MONTHS[m - 1][:3], d, y), "%d-%02d-%02d" % (y, m, d)])


def dob():
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1940, 2004)
    return rng.choice(["%d %s %d" % (d, MONTHS[m - 1], y), "%02d/%02d/%d" % (d, m, y), "%d-%02d-%02d" % (y, m, d), "%s %d, %d" % (MONTHS[m - 1], d, y)])


def username():
    return rng.choice(FIRST).lower().replace(" ", "") + rng.choice(["_", ".", ""]) + rng.choice(["k", "jb", "nl", "za", "x"]) + str(rng.randint(1, 999))


def password():
    return rng.choice(["Tulip", "Harbour", "Kestrel", "Biltong", "Gracht", "Shamrock", "Merlion"]) + rng.choice("!#$%&*") + str(rng.randint(10, 9999))


def url():
    return rng.choice(["https://", "http://", ""]) + rng.choice(["secure-", "verify-", "my"]) + rng.choice(["abn-help", "fnb-verify", "aib-online", "sparkasse-check", "dbs-rewards", "chase-alerts"]) + rng.choice([".example.com", ".example.net", ".test"]) + rng.choice(["", "/login", "/kyc?id=%d" % rng.randint(1000, 99999)])


def ip():
    return rng.choice(["192.0.2.%d", "198.51.100.%d", "203.0.113.%d"]) % rng.randint(1, 254)


def age():
    return str(rng.randint(66, 92))


# non-PII fillers (not labelled)
def amount():
    return rng.choice(["£%d.%02d", "€%d.%02d", "$%d.%02d", "R%d.%02d", "S$%d.%02d", "EUR %d.%02d", "USD %d.%02d"]) % (rng.randint(5, 48000), rng.randint(0, 99))


def invoice():
    return rng.choice(["INV-%05d", "INV %d/2025", "F2025-%04d", "factuur %d", "PO-%06d"]) % rng.randint(100, 99999)


def caseref():
    return rng.choice(["CASE-%07d", "ref %d", "TXN%09d", "complaint no. %06d"]) % rng.randint(1000, 9999999)


def otp():
    return digits(6)


def last4():
    return digits(4)


def merchant():
    return rng.choice(["Tesco", "Albert Heijn", "Lidl", "Amazon Marketplace", "Woolworths", "FairPrice", "Uber", "Zalando", "Dunnes Stores", "Checkers", "Bol.com", "Grab", "Currys"])


def bank():
    return rng.choice(["Barclays", "Lloyds", "AIB", "Bank of Ireland", "Sparkasse", "Deutsche Bank", "ABN AMRO", "Rabobank", "ING",
                       "Standard Bank", "FNB", "Absa", "DBS", "OCBC", "UOB", "Chase", "Wells Fargo", "NatWest"])


def company():
    return rng.choice(["Hollandse Bloemen BV", "Müller Verpackung GmbH", "Kerrygold Catering Ltd", "Cape Fresh Produce (Pty) Ltd",
                       "Lion City Logistics Pte Ltd", "Pennine Textiles Ltd", "Atlantic Timber Inc"])


def count():
    return str(rng.randint(2, 14))


# placeholder -> (generator, entity type or None, validity kind)
G = {
    "CARD": (card, "CREDIT_DEBIT_NUMBER", "luhn"), "AMEX": (amex, "CREDIT_DEBIT_NUMBER", "luhn"),
    "EXP": (expiry, "CREDIT_DEBIT_EXPIRY", None), "CVV": (cvv, "CREDIT_DEBIT_CVV", None), "PIN": (pin, "PIN", None),
    "IBAN": (iban, "INTERNATIONAL_BANK_ACCOUNT_NUMBER", "iban"),
    "IBAN_DE": (lambda: iban("DE"), "INTERNATIONAL_BANK_ACCOUNT_NUMBER", "iban"),
    "IBAN_NL": (lambda: iban("NL"), "INTERNATIONAL_BANK_ACCOUNT_NUMBER", "iban"),
    "IBAN_IE": (lambda: iban("IE"), "INTERNATIONAL_BANK_ACCOUNT_NUMBER", "iban"),
    "IBAN_GB": (lambda: iban("GB"), "INTERNATIONAL_BANK_ACCOUNT_NUMBER", "iban"),
    "BIC": (bic, "SWIFT_CODE", None), "ABA": (aba, "BANK_ROUTING", "aba"), "SORT": (sortcode, "BANK_ROUTING", None),
    "ZABR": (za_branch, "BANK_ROUTING", None),
    "ACCT_UK": (acct_uk, "BANK_ACCOUNT_NUMBER", None), "ACCT_US": (acct_us, "BANK_ACCOUNT_NUMBER", None),
    "ACCT_ZA": (acct_za, "BANK_ACCOUNT_NUMBER", None), "ACCT_SG": (acct_sg, "BANK_ACCOUNT_NUMBER", None),
    "ACCT_GRP": (acct_grouped, "BANK_ACCOUNT_NUMBER", None),
    "SSN": (ssn, "SSN", None), "ITIN": (itin, "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", None),
    "NINO": (nino, "UK_NATIONAL_INSURANCE_NUMBER", None), "SIN": (sin, "CA_SOCIAL_INSURANCE_NUMBER", "luhn"),
    "PASSPORT": (passport, "PASSPORT_NUMBER", None), "DL": (driver_id, "DRIVER_ID", None),
    "NAME": (name, "NAME", None), "FIRST": (first, "NAME", None), "EMAIL": (email, "EMAIL", None),
    "PHONE": (phone, "PHONE", None), "ADDR": (address, "ADDRESS", None), "DATE": (date, "DATE_TIME", None),
    "DOB": (dob, "DATE_TIME", None), "USER": (username, "USERNAME", None), "PASS": (password, "PASSWORD", None),
    "URL": (url, "URL", None), "IP": (ip, "IP_ADDRESS", None), "AGE": (age, "AGE", None),
    "AMT": (amount, None, None), "INV": (invoice, None, None), "REF": (caseref, None, None), "OTP": (otp, None, None),
    "L4": (last4, None, None), "MERCH": (merchant, None, None), "BANK": (bank, None, None), "CO": (company, None, None),
    "N": (count, None, None),
}


def swap_digit(v):
    """A plausible mis-dictated variant: two adjacent different digits swapped."""
    idx = [i for i in range(len(v) - 1) if v[i].isdigit() and v[i + 1].isdigit() and v[i] != v[i + 1]]
    i = rng.choice(idx)
    return v[:i] + v[i + 1] + v[i] + v[i + 2:]


PH = re.compile(r"\{(SWAP|REP)@(\d)\}|\{([A-Z0-9_]+)(?:@(\d))?\}")

# (repetitions, template). {KEY} inserts a generated value; {KEY@n} also remembers it as n;
# {REP@n} repeats value n; {SWAP@n} inserts value n with two adjacent digits swapped (a mis-dictation).
TEMPLATES = [
    # (a) polite, verbose customers of traditional banks
    (5, "Good afternoon, I do hope you can help me. I have held a current account with {BANK} for many years and I would like to update the standing order that pays my rent. The landlord's details are sort code {SORT} and account number {ACCT_UK}. Many thanks in advance."),
    (4, "Dear Sir or Madam, my late husband's account, number {ACCT_UK}, sort code {SORT}, needs to be closed. I am his executor, {NAME}, and can be reached on {PHONE}. Kind regards."),
    (4, "Hello there, I'm ever so sorry to bother you, but my debit card {CARD} was retained by the cash machine outside the branch this morning. Could you kindly send a replacement to {ADDR}?"),
    (4, "Good morning. I would be grateful if you could confirm that my salary will arrive in my account {IBAN_IE} — my employer says they paid it on {DATE}. Thank you so much."),
    (4, "Guten Tag, I am writing in English for convenience. Please could you change the direct debit for my gym from my old IBAN {IBAN_DE@1} to the new one {IBAN_DE}? Mit freundlichen Grüßen, {NAME}"),
    (4, "Hi, hope you're well! I moved from Utrecht to {ADDR} last month and would like the address on my account {IBAN_NL} updated, please. My new mobile is {PHONE}."),
    (4, "Good day. I bank with {BANK} in Johannesburg. My cheque account number is {ACCT_ZA} and the branch code is {ZABR}. Would you please confirm why the EFT from my employer has not reflected? Thank you kindly."),
    (4, "Hello, I'd like to verify the details before I send money to my daughter in Cape Town: account {ACCT_ZA}, universal branch code {ZABR}, SWIFT {BIC}. She is {FIRST}. Is that everything you need?"),
    (4, "Hi, good evening. I'm trying to set up PayNow to my brother's account {ACCT_SG} at {BANK} but the app keeps saying the details are invalid. Could someone kindly look into it? My contact number is {PHONE}."),
    (3, "Good morning! Quick question from a long-time customer in Singapore: my account {ACCT_SG} was charged a fall-below fee of {AMT} even though my balance never dropped. Would you be so kind as to check?"),
    (4, "Hello, I'd like to set up direct deposit with my new employer and just want to be certain I've got this right: routing number {ABA}, checking account {ACCT_US}. Thank you so much for your patience."),
    (3, "Hi, I'm filling in a W-9 for a freelance client and they want my SSN, {SSN}. Is it safe to email that together with my account number {ACCT_US}? I'd rather be careful."),
    (3, "Good evening, I'm applying for an ISA and the form asks for my National Insurance number. It's {NINO}. I was born on {DOB}. Could you tell me if I have already used my allowance for this year?"),
    (3, "Hello, I'm a non-resident and I file taxes with ITIN {ITIN}. Would that be acceptable to open a savings account instead of a social security number?"),
    (3, "Hello, I'm {AGE} years old and retired; my grandson set up online banking for me with the username {USER}. I'm afraid I've forgotten what the password was. Could you help me reset it?"),
    (3, "Good afternoon, my passport number is {PASSPORT} and it expires on {DATE}; your branch in town asked me to send it through the chat to finish my identity check. Thank you."),
    (2, "Hi, I moved here from Toronto and my Canadian SIN was {SIN}. Do you need it for the tax residency form or only my UK details?"),
    (3, "Good morning, my debit card PIN {PIN} has stopped working at every cash machine since {DATE}. The card itself is fine for contactless. What do you suggest?"),

    # (b) fraud reported step by step over several turns
    (5, "Agent: I'm sorry to hear that. Which card is affected?\nCustomer: It's {CARD}, expiry {EXP}.\nAgent: Thank you. When did you first notice?\nCustomer: On {DATE}, there were {N} payments to {MERCH} I never made."),
    (4, "Customer: Someone phoned pretending to be from your fraud team.\nAgent: Did you share any details?\nCustomer: Yes, stupidly I read out my card number {CARD} and the three digits on the back, {CVV}.\nAgent: Okay, I'm blocking it right now."),
    (4, "Customer: I got a text saying my account was locked and I clicked the link {URL}.\nAgent: Did you enter anything on that page?\nCustomer: My username {USER} and password {PASS}. I'm so sorry.\nAgent: Don't worry, we'll secure the account."),
    (4, "Agent: Can you confirm the account the money left from?\nCustomer: Account {ACCT_UK}, sort code {SORT}.\nAgent: And where did it go?\nCustomer: To an account I don't recognise, {IBAN_GB}, {AMT} in total."),
    (3, "Customer: there's a login from an IP I don't know, {IP}, at 3am.\nAgent: Was that you travelling?\nCustomer: No, I was asleep at home at {ADDR}.\nAgent: Understood, I'll reset your access."),
    (3, "Agent: For security, please confirm your full name and date of birth.\nCustomer: {NAME}, {DOB}.\nAgent: Thanks. And the last transaction you recognise?\nCustomer: A card payment at {MERCH} for {AMT}."),
    (3, "Customer: A man at the door said he was from the bank and took my card.\nAgent: Did he get your PIN?\nCustomer: I'm afraid I told him it was {PIN}.\nAgent: Thank you for telling us, the card ending {L4} is now cancelled."),
    (3, "Customer: I think my mum's been scammed. She sent money to {IBAN} with BIC {BIC}.\nAgent: Is she on the line with you?\nCustomer: Yes, she's {NAME}, her phone is {PHONE}."),
    (3, "Agent: Which account received the transfers?\nCustomer: The fraudster's account was {ACCT_US} at routing {ABA}.\nAgent: Thank you, I'll raise a recall with the receiving bank."),

    # (c) business owners paying suppliers
    (5, "Please pay {AMT} to {CO}, IBAN {IBAN}, BIC {BIC}, reference {INV}."),
    (4, "Supplier run for this week: {CO} — {IBAN} / {BIC} — {AMT} — {INV}. Can you confirm it will go out on {DATE}?"),
    (4, "Hi, I run a small bakery and need to pay my flour supplier {AMT} against {INV}. Their bank details are IBAN {IBAN_NL}, BIC {BIC}. Is SEPA instant available?"),
    (3, "We received a change-of-bank-details letter from {CO} asking us to pay {INV} to {IBAN_GB} instead of {IBAN_GB}. That seems odd — can you check before I release {AMT}?"),
    (3, "Batch payment query: line 3 is {AMT} to account {ACCT_UK} sort code {SORT}, ref {INV}; line 4 is {AMT} to {IBAN_IE} (BIC {BIC}). Only line 3 failed, why?"),
    (3, "Payroll for {N} staff failed. The one that bounced was employee {NAME}, account {ACCT_ZA}, branch code {ZABR}, amount {AMT}."),
    (3, "Could you raise a TT of {AMT} to our supplier in Rotterdam? Beneficiary: {CO}, IBAN {IBAN_NL}, SWIFT {BIC}, invoice {INV}. Debit our account {ACCT_SG}."),
    (2, "For the wire to our US vendor: ABA {ABA}, account {ACCT_US}, beneficiary {CO}, amount {AMT}, memo {INV}."),

    # (d) dictating numbers in groups / correcting a digit
    (4, "My account number is {ACCT_UK@1} no wait, sorry, {SWAP@1}. Sort code {SORT}."),
    (3, "The card is {CARD}... actually scratch that, I read the wrong card, it's {CARD}."),
    (4, "Okay so the account number, I'll read it out in little groups: {ACCT_GRP}. Did you get that?"),
    (3, "routing {ABA} — hang on, I mistyped, that was my old bank, the routing is {ABA}"),
    (3, "IBAN is {IBAN_DE@1}. I'll repeat it slowly in case: {REP@1}"),
    (3, "Phone number is {PHONE@1}, sorry I mean {SWAP@1}, the other one's my work line."),
    (3, "Sort code {SORT@1}, hmm no, {SWAP@1} — it's the one printed on my chequebook."),
    (3, "The account I'm paying is {ACCT_US@1}. Wait, the last digits are wrong, it should be {SWAP@1}."),
    (3, "Card number in fours: {CARD}, expiry {EXP}, and the security code is {CVV}."),
    (2, "amex {AMEX} exp {EXP} cid {CVV}"),

    # (e) identifiers in quoted SMS / e-mail
    (4, "I got this SMS, is it real? \"{BANK}: A payment of {AMT} to {MERCH} was attempted on card {CARD}. If this wasn't you call {PHONE}.\""),
    (3, "Received this email today: 'Dear {NAME}, your account {ACCT_UK} has been suspended. Verify at {URL} within 24 hours.' Is this phishing?"),
    (3, "This text came through: \"Your new payee {IBAN} has been added. Not you? Reply STOP.\" I did not add any payee!"),
    (3, "The bank email says \"Your standing order to sort code {SORT} account {ACCT_UK} will start on {DATE}\" but I cancelled it. Can you check?"),
    (3, "Got an SMS: 'Dear customer, your PIN has been reset to {PIN}. Do not share.' Is that how you normally send PINs??"),
    (3, "An email signed '{BANK} Security Team' asks me to confirm my SWIFT code {BIC} and IBAN {IBAN}. Are you really asking for that?"),
    (2, "Message I got: \"Transfer of {AMT} from {ACCT_SG} to {ACCT_SG} successful.\" I never made that transfer."),
    (2, "My statement email reads 'Direct deposit from routing {ABA} account {ACCT_US} received'. Whose account is that?"),

    # hard negatives (no PII)
    (3, "I got an SMS with the code {OTP} — the message said never to share it, so I'm not sure why your agent asked for it?"),
    (3, "My card ending {L4} was declined at {MERCH} for {AMT}, but I have plenty of funds. Could you look into it please?"),
    (3, "Hello, I'd like to dispute {REF}, a charge of {AMT} from {MERCH}. I've already contacted the merchant twice."),
    (3, "Could you tell me the SWIFT code and IBAN format I should give to a sender in Germany? I don't have them to hand."),
    (3, "Good morning, I paid {INV} to {CO} for {AMT} and they say it hasn't arrived. How long do SEPA transfers usually take?"),
    (3, "We have {N} suppliers to pay this month and I want to set up bulk payments. Is there a limit per batch?"),
    (3, "My card ending in {L4}, no sorry, ending in {L4}, keeps being declined online. Is 3D Secure switched on?"),
    (2, "The text said: \"{BANK}: Your one-time passcode is {OTP}. It expires in 10 minutes.\" Should I enter it on the website?"),
    (3, "Hi, is the sort code for the High Street branch the same as for the online account? I'm trying to fill in a form."),
    (2, "Please quote {REF} when you call back about the {AMT} refund from {MERCH}."),
    (3, "Good afternoon, I'd be ever so grateful if someone could explain the overdraft charges on my statement — there are {N} of them this month."),
    (2, "Invoice {INV} for {AMT} has been paid twice to {CO}. How do I recall the duplicate?"),
    (2, "Dear team, thank you for resolving {REF} so quickly. Much appreciated!"),
    (2, "Hello, what is the daily contactless limit in Singapore and can I raise it to {AMT}?"),
    (2, "How many PIN attempts do I get before the card is blocked? I've tried {N} times already."),
    (2, "I requested {N} one-time codes and the last one, {OTP}, arrived after it had already expired. Is there a delay on your SMS?"),
    (2, "Your app version 4.12.3 crashes on my phone every time I open the statements tab. Is a fix coming?"),
    (2, "I'd like to raise my daily transfer limit from {AMT} to {AMT} for a house deposit. What do I need to send?"),
    (2, "Order {REF} from {MERCH} was refunded but the {AMT} still isn't showing. How long does it normally take?"),
    (2, "Is the IBAN the same thing as my account number? The form from {CO} has 22 little boxes and I'm confused."),
]


def render(tpl):
    out, ents, checks, store, pos = [], [], [], {}, 0
    for m in PH.finditer(tpl):
        out.append(tpl[pos:m.start()])
        if m.group(1):
            typ, kind, v0 = store[m.group(2)]
            assert m.group(1) == "REP" or kind is None, "SWAP only for values without a checksum"
            val = swap_digit(v0) if m.group(1) == "SWAP" else v0
        else:
            gen, typ, kind = G[m.group(3)]
            val = gen()
            if m.group(4):
                store[m.group(4)] = (typ, kind, val)
        begin = sum(len(s) for s in out)
        out.append(val)
        if typ:
            ents.append({"type": typ, "begin": begin, "end": begin + len(val)})
            checks.append((typ, kind, val))
        pos = m.end()
    out.append(tpl[pos:])
    return "".join(out), ents, checks


VALID = {"luhn": luhn_ok, "iban": iban_ok, "aba": aba_ok}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    dest = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "banking_chat_pii_holdout9.jsonl")
    rows = []
    for tid, (reps, tpl) in enumerate(TEMPLATES):
        for _ in range(reps):
            text, ents, checks = render(tpl)
            for e, (typ, kind, val) in zip(ents, checks):
                assert text[e["begin"]:e["end"]] == val, (tid, val)
                assert not kind or VALID[kind](val.replace(" ", "").replace("-", "")), (tid, typ, val)
            s = sorted(ents, key=lambda e: e["begin"])
            assert all(a["end"] <= b["begin"] for a, b in zip(s, s[1:])), (tid, text)
            rows.append({"text": text, "entities": s, "template_id": "holdout9:%d" % tid})
    rng.shuffle(rows)
    with open(dest, "w", encoding="utf-8") as f:
        for i, r in enumerate(rows):
            rec = {"id": "bankchat-holdout9-%04d" % i, "split": "holdout9", "text": r["text"], "entities": r["entities"],
                   "template_id": r["template_id"], "template_source": "own"}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    fin = {"CREDIT_DEBIT_NUMBER", "CREDIT_DEBIT_CVV", "CREDIT_DEBIT_EXPIRY", "BANK_ACCOUNT_NUMBER", "BANK_ROUTING",
           "INTERNATIONAL_BANK_ACCOUNT_NUMBER", "SWIFT_CODE", "PIN"}
    nfin = sum(1 for r in rows if any(e["type"] in fin for e in r["entities"]))
    nneg = sum(1 for r in rows if not r["entities"])
    print("%d messages, %d with a financial identifier, %d negatives -> %s" % (len(rows), nfin, nneg, dest))


if __name__ == "__main__":
    main()
