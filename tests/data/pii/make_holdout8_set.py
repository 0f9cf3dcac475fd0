#!/usr/bin/env python3
"""Generate the blind 'holdout8' banking-chat PII test set (neobank / fintech focus).

Written without looking at the detector, its tests or the other sets. Each template is a
message with {KEY} slots; KEY picks a generator and the gold entity type (None = not PII,
e.g. amounts, references, last-4 digits, SMS one-time codes). Offsets are computed from the
inserted values, and the script self-checks spans, overlaps and Luhn / IBAN / ABA / SIN validity.

Usage: python3 make_holdout8_set.py [out.jsonl]   (default: banking_chat_pii_holdout8.jsonl next to it)
"""
import json
import os
import random
import re
import string
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checksums import aba_ok, iban_mod97, luhn_ok, luhn_complete as shared_luhn_complete, iban_ok as shared_iban_ok  # noqa: E402 (one copy of the check digits)

R = random.Random(20268)
D = string.digits
U = string.ascii_uppercase


def digs(n, first=None):
    s = "".join(R.choice(D) for _ in range(n))
    return (first + s[len(first):]) if first else s


def luhn_complete(prefix, length):
    return shared_luhn_complete(prefix + digs(length - len(prefix) - 1))


def card_raw():
    kind = R.choice(["visa", "visa", "mc", "mc2", "amex", "disc"])
    if kind == "visa":
        return luhn_complete("4", 16)
    if kind == "mc":
        return luhn_complete(R.choice(["51", "52", "53", "54", "55"]), 16)
    if kind == "mc2":
        return luhn_complete(str(R.randint(2221, 2720)), 16)
    if kind == "amex":
        return luhn_complete(R.choice(["34", "37"]), 15)
    return luhn_complete(R.choice(["6011", "65"]), 16)


def card():
    n = card_raw()
    style = R.choice(["plain", "space", "space", "dash", "dot"])
    if style == "plain":
        return n
    sep = {"space": " ", "dash": "-", "dot": "."}[style]
    groups = [n[:4], n[4:10], n[10:]] if len(n) == 15 else [n[i:i + 4] for i in range(0, 16, 4)]
    return sep.join(groups)


def expiry():
    m, y = R.randint(1, 12), R.randint(26, 31)
    return R.choice(["%02d/%02d" % (m, y), "%02d/%02d" % (m, y), "%02d-%02d" % (m, y), "%d/%d" % (m, 2000 + y),
                     "%02d/20%02d" % (m, y), "%02d.%02d" % (m, y)])


def cvv():
    return digs(3)


def pin():
    return digs(R.choice([4, 4, 4, 6]))


IBAN_SPEC = {  # country: bban builder
    "DE": lambda: digs(18), "FR": lambda: digs(23), "ES": lambda: digs(20), "IT": lambda: R.choice(U) + digs(22),
    "NL": lambda: "".join(R.choice(U) for _ in range(4)) + digs(10), "GB": lambda: "".join(R.choice(U) for _ in range(4)) + digs(14),
    "IE": lambda: "".join(R.choice(U) for _ in range(4)) + digs(14), "PL": lambda: digs(24), "PT": lambda: digs(21),
    "RO": lambda: "".join(R.choice(U) for _ in range(4)) + digs(16), "LT": lambda: digs(16), "BE": lambda: digs(12),
}


def iban_raw(cc=None):
    cc = cc or R.choice(sorted(IBAN_SPEC))
    bban = IBAN_SPEC[cc]()
    chk = 98 - iban_mod97(cc + "00" + bban)
    return cc + "%02d" % chk + bban


def iban(cc=None):
    s = iban_raw(cc)
    if R.random() < 0.5:
        s = " ".join(s[i:i + 4] for i in range(0, len(s), 4))
    return s


def iban_ok(s):
    return s.replace(" ", "")[:2].isalpha() and shared_iban_ok(s)


SWIFT_BANKS = ["REVO", "MONZ", "NWBK", "DEUT", "BNPA", "INGB", "CAIX", "UNCR", "PKOP", "BCOM", "AIBK", "BREL", "CITI", "HSBC", "WISE", "NTSB"]


def swift():
    cc = R.choice(["GB", "DE", "FR", "NL", "ES", "IT", "PL", "PT", "IE", "LT", "BE", "US", "MX", "PH", "IN", "NG"])
    s = R.choice(SWIFT_BANKS) + cc + R.choice(["2L", "22", "FF", "MM", "XX", "AA", "21"])
    return s + R.choice(["", "", "XXX", "XXX", "0" + digs(2)])


def aba():
    while True:
        s = "%02d" % R.choice(list(range(1, 13)) + list(range(21, 33))) + digs(6)
        for c in D:
            if aba_ok(s + c):
                return s + c


def sortcode():
    a, b, c = digs(2), digs(2), digs(2)
    return R.choice(["%s-%s-%s", "%s-%s-%s", "%s %s %s", "%s%s%s"]) % (a, b, c)


def bsb():
    return R.choice(["%s-%s", "%s %s", "%s%s"]) % (digs(3, "0"), digs(3))


def ca_routing():
    return R.choice(["%s-%s", "%s %s"]) % (digs(5), "0" + R.choice(["01", "02", "03", "04", "06", "10", "16"]))


def acct():
    return digs(R.choice([8, 8, 8, 9, 10, 12]))


def acct_uk():
    n = digs(8)
    return R.choice([n, n, n[:4] + " " + n[4:]])


FIRST = ["jayden", "Amara", "Priya", "Tomasz", "Lucía", "Kwame", "Mei", "Oluwaseun", "Chloe", "Dmitri", "Aisha", "Mateo",
         "Sven", "Ngozi", "Hannah", "Rafael", "Yuki", "Leila", "Connor", "Ines", "Bilal", "Freya", "Kofi", "Zara"]
LAST = ["Okafor", "Nowak", "Fernández", "Patel", "Lindqvist", "Mensah", "O'Brien", "Haddad", "Kowalski", "Tanaka",
        "Moreau", "Adeyemi", "Schulz", "Rossi", "Gallagher", "Nguyen", "Silva", "Byrne", "Chen", "Ivanova"]


def first():
    return R.choice(FIRST)


def fullname():
    n = R.choice(FIRST) + " " + R.choice(LAST)
    return n.lower() if R.random() < 0.3 else n


def email():
    u = R.choice(["jay", "lil.mei", "tomek", "amara", "k.mensah", "zaraxo", "priya_p", "dmitri.i", "freyabee", "connor99"])
    return u + str(R.randint(1, 99)) + "@" + R.choice(["example.com", "example.org", "mail.example.net", "example.co.uk"])


def phone():
    return R.choice(["+44 7700 900%03d" % R.randint(0, 999), "07700 900%03d" % R.randint(0, 999), "+1 415 555 01%02d" % R.randint(0, 99),
                     "(312) 555-01%02d" % R.randint(0, 99), "+49 151 %s" % digs(8), "+34 612 %s %s" % (digs(3), digs(3)),
                     "+61 412 %s %s" % (digs(3), digs(3)), "0412 %s %s" % (digs(3), digs(3)), "+353 87 %s %s" % (digs(3), digs(4))])


def address():
    return R.choice(["Flat %d, %d Kingsland Road, London E8 %dTA" % (R.randint(1, 30), R.randint(2, 300), R.randint(1, 9)),
                     "%d Carrer de Mallorca, 08013 Barcelona" % R.randint(10, 400),
                     "apt %d, %d mission st, san francisco, ca 941%02d" % (R.randint(1, 40), R.randint(100, 3000), R.randint(0, 99)),
                     "%d Brunswick St, Fitzroy VIC 3065" % R.randint(1, 300),
                     "Torstraße %d, 10119 Berlin" % R.randint(1, 200),
                     "%d Queen St W, Toronto, ON M5H 2N2" % R.randint(1, 900)])


def dob():
    d, m, y = R.randint(1, 28), R.randint(1, 12), R.randint(1996, 2007)
    return R.choice(["%02d/%02d/%d" % (d, m, y), "%d.%d.%d" % (d, m, y), "%d-%02d-%02d" % (y, m, d),
                     "%d %s %d" % (d, R.choice(["march", "Jan", "October", "july"]), y)])


def date():
    d, m = R.randint(1, 28), R.randint(1, 12)
    return R.choice(["%02d/%02d" % (d, m), "%d %s" % (d, R.choice(["march", "Jan", "Oct", "july", "Sept"])), "%02d/%02d/2026" % (d, m),
                     "2026-%02d-%02d" % (m, d), "%s %d" % (R.choice(["Nov", "june", "Feb"]), d)])


def username():
    return R.choice(["jayy_k", "mei.wang03", "tomek.nowak", "zaraa_x", "kofi.m", "freyabee", "priyap_22", "dmitri.iv"]) + str(R.randint(0, 9))


def password():
    return R.choice(["Summer2024!", "l0ndonB0y#", "ilovepizza99", "Qw3rty!!", "n30bank_pw", "Kofi@2001", "s3cretSauce$", "mangoTree7"]) + R.choice(["", "", "x"])


def url():
    return R.choice(["https://revolut-verify.example.net/secure?id=%s" % digs(6), "bit.ly/neo-%s" % digs(4),
                     "http://monz0-help.example.com/login", "www.card-unlock.example.org/%s" % digs(5)])


def ip():
    return R.choice(["203.0.113.%d" % R.randint(1, 254), "198.51.100.%d" % R.randint(1, 254), "2001:db8::%x" % R.randint(4096, 65535)])


def ssn():
    a, b, c = "%03d" % R.randint(100, 665), digs(2, "1"), "%04d" % R.randint(1, 9999)
    return R.choice(["%s-%s-%s", "%s %s %s", "%s%s%s"]) % (a, b, c)


def itin():
    return R.choice(["%s-%s-%s", "%s%s%s"]) % ("9" + digs(2), str(R.choice([70, 75, 78, 81, 88, 90, 94])), digs(4))


def nino():
    s = R.choice(["AB", "JK", "SP", "ZR", "NE", "TW"]) + digs(6) + R.choice("ABCD")
    return R.choice([s, s.lower(), " ".join([s[:2], s[2:4], s[4:6], s[6:8], s[8]])])


def sin():
    while True:
        s = luhn_complete(R.choice("1234567"), 9)
        if s:
            return R.choice([s, "%s %s %s" % (s[:3], s[3:6], s[6:]), "%s-%s-%s" % (s[:3], s[3:6], s[6:])])


def passport():
    return R.choice([R.choice(U) + R.choice(U) + digs(7), digs(9), R.choice(U) + digs(8)])


def driver():
    return R.choice([R.choice(U) + digs(7), digs(9), "%s%s" % ("".join(R.choice(U) for _ in range(5)), digs(6)) + "AB9CD"])


def age():
    return str(R.randint(17, 26))


# not-PII generators
def amount():
    return R.choice(["£%d.%02d" % (R.randint(3, 900), R.randint(0, 99)), "€%d" % R.randint(5, 2000), "$%d.%02d" % (R.randint(2, 999), R.randint(0, 99)),
                     "%d eur" % R.randint(10, 800), "%d quid" % R.randint(5, 300), "AUD %d" % R.randint(20, 900), "1,%03d.00 USD" % R.randint(0, 999)])


def last4():
    return digs(4)


def ref():
    return R.choice(["TX%s" % digs(9), "CB-%s" % digs(6), "DSP%s" % digs(7), "#%s" % digs(8), "REF %s" % digs(10), "case %s" % digs(6)])


def order():
    return R.choice(["#%s" % digs(7), "%s-%s-%s" % (digs(3), digs(7), digs(7)), "ORD%s" % digs(8)])


def otp():
    return digs(6)


def count():
    return str(R.randint(2, 12))


G = {  # KEY: (generator, type or None)
    "CARD": (card, "CREDIT_DEBIT_NUMBER"), "EXP": (expiry, "CREDIT_DEBIT_EXPIRY"), "CVV": (cvv, "CREDIT_DEBIT_CVV"),
    "ACCT": (acct, "BANK_ACCOUNT_NUMBER"), "UKACCT": (acct_uk, "BANK_ACCOUNT_NUMBER"), "SORT": (sortcode, "BANK_ROUTING"),
    "ABA": (aba, "BANK_ROUTING"), "BSB": (bsb, "BANK_ROUTING"), "CAR": (ca_routing, "BANK_ROUTING"),
    "IBAN": (iban, "INTERNATIONAL_BANK_ACCOUNT_NUMBER"), "SWIFT": (swift, "SWIFT_CODE"), "PIN": (pin, "PIN"),
    "SSN": (ssn, "SSN"), "EMAIL": (email, "EMAIL"), "PHONE": (phone, "PHONE"), "FIRST": (first, "NAME"), "NAME": (fullname, "NAME"),
    "ADDR": (address, "ADDRESS"), "DOB": (dob, "DATE_TIME"), "DATE": (date, "DATE_TIME"), "AGE": (age, "AGE"),
    "USER": (username, "USERNAME"), "PASS": (password, "PASSWORD"), "URL": (url, "URL"), "IP": (ip, "IP_ADDRESS"),
    "DL": (driver, "DRIVER_ID"), "PASSPORT": (passport, "PASSPORT_NUMBER"), "ITIN": (itin, "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER"),
    "NINO": (nino, "UK_NATIONAL_INSURANCE_NUMBER"), "SIN": (sin, "CA_SOCIAL_INSURANCE_NUMBER"),
    "amt": (amount, None), "amt2": (amount, None), "last4": (last4, None), "ref": (ref, None), "order": (order, None),
    "otp": (otp, None), "n": (count, None),
    "IBAN_DE": (lambda: iban("DE"), "INTERNATIONAL_BANK_ACCOUNT_NUMBER"), "IBAN_GB": (lambda: iban("GB"), "INTERNATIONAL_BANK_ACCOUNT_NUMBER"),
    "IBAN_ES": (lambda: iban("ES"), "INTERNATIONAL_BANK_ACCOUNT_NUMBER"), "IBAN_PL": (lambda: iban("PL"), "INTERNATIONAL_BANK_ACCOUNT_NUMBER"),
    "CARD_RAW": (card_raw, "CREDIT_DEBIT_NUMBER"), "IBAN_RAW": (iban_raw, "INTERNATIONAL_BANK_ACCOUNT_NUMBER"),
}

TEMPLATES = [
    # --- cards abroad / declines ---
    "card keeps gettin declined in lisbon?? its {CARD} exp {EXP}",
    "im in bali rn and my card {CARD} just got blocked, pls unblock asap",
    "bot: which card is affected? user: {CARD}",
    "bot: Please confirm the card expiry date. user: {EXP} bot: And the 3 digit code on the back? user: {CVV}",
    "{CARD} <- this one. declined at a cash machine in tokyo, {amt} fee charged anyway",
    "why was {amt} taken for a currency conversion on card ending {last4}? i only spent it in spain",
    "yo my virtual card {CARD} cvv {CVV} isnt working on booking sites abroad",
    "Card number {CARD}\nExpiry {EXP}\nCVC {CVV}\ncan u check if its frozen",
    "expiry is {EXP} and number {CARD}, got declined at the airport in dubai",
    "frozen my card by accident, the one ending {last4}. how do i unfreeze it from the app",
    "my card was declined {n} times in mexico city tonight for like {amt}, what is going on",
    "i think my cardd got skimmed in bangkok: {CARD}, exp. {EXP}",
    "travelling to canada on {DATE}, do i need to tell you? card is {CARD}",
    "hi the atm in prague ate my card. pin was {PIN} if that matters, card ending {last4}",
    "forgot my pin lol, is it {PIN} or something else? the app wont let me see it",
    "bot: to change your PIN please type the new 4 digits. user: {PIN}",
    "can i use my card abroad without fees? i'm going to italy for {n} weeks",
    "physical card number: {CARD_RAW} exp: {EXP} sec code: {CVV} - got double charged by a hotel in rome",
    "the card {CARD} got charged {amt} by a merchant in vilnius i never visited",
    "ctry: portugal | card: {CARD} | error: 'transaction not permitted'",
    # --- IBAN / SWIFT receiving money from family ---
    "my mum wants to send me money from poland, is my iban {IBAN} right?",
    "whats the swift/bic for my account? my dad needs it to send {amt} from nigeria",
    "bic is {SWIFT} and iban {IBAN}, my aunt says the transfer bounced",
    "bot: What is the beneficiary IBAN? user: {IBAN}",
    "bot: Can you share the SWIFT code of the sending bank? user: ya its {SWIFT}",
    "IBAN\n{IBAN}\nBIC\n{SWIFT}\n^ copied from the app, can family abroad use this to pay me?",
    "received {amt} from my brother but it shows as pending, sender iban {IBAN} ref {ref}",
    "{IBAN} is my euro account iban. why does my uncle's bank say its invalid",
    "sending money home to spain, beneficiary {NAME}, iban {IBAN_ES}, swift {SWIFT}",
    "my grandma in germany tried paying into {IBAN_DE} but it came back, {amt} lost?",
    "wats the difference between iban and account number? my gbp iban is {IBAN_GB}",
    "Recipient: {NAME} · IBAN: {IBAN} · Amount: {amt} · Reference: {ref}",
    "swfit code {SWIFT} isnt accepted by western union, is it wrong",
    "need my iban for a job in poland, is it {IBAN_PL}? the app shows two",
    "my dad sent {amt} on {DATE} from manila, still nothing. his bic is {SWIFT}",
    "can i receive usd into my account or only eur? just asking before my cousin sends {amt}",
    "how long does an international transfer take usually? {n} days?",
    # --- UK / AU / CA / US account + routing, copy-paste style ---
    "Account number • {UKACCT}\nSort code · {SORT}\nthis is what the app shows, is it right for my wages",
    "sort code {SORT} acc no {UKACCT} — my employer says it doesnt match my name",
    "bot: What's your sort code? user: {SORT} bot: Thanks. And your account number? user: {UKACCT}",
    "{SORT} / {UKACCT} thats my details, why did my deliveroo pay not come in",
    "shortcode is {SORT} i think and account {UKACCT}",
    "acount nmber {ACCT} pls check why the deposit of {amt} didnt land",
    "bsb {BSB} account {ACCT} - my uber payout is missing this week",
    "BSB: {BSB}\nAccount: {ACCT}\nAccount name: {NAME}",
    "transit/institution {CAR} and acct {ACCT}, doordash canada says the info is invalid",
    "routing {ABA} account {ACCT} is what i put in fiverr, correct?",
    "bot: please provide the routing number. user: {ABA} bot: and the account number? user: {ACCT}",
    "my routing # is {ABA} right? upwork keeps rejecting it",
    "{ABA} (routing) {ACCT} (checking) — direct deposit from instacart failed",
    "ABA {ABA}, acct ending {last4}. why is my paypal withdrawal stuck",
    "the app says Account Number {ACCT} Routing Number {ABA}. the irs needs this for my refund",
    "rouitng nr {ABA} and acc {ACCT} for my etsy shop payouts",
    "i gave taskrabbit acct {ACCT} by mistake, my real one is {ACCT}",
    "is {SORT} the sort code for all monzo-style accounts or just mine",
    "Payee details: {NAME}, {SORT}, {UKACCT}. Payment of {amt} returned by beneficiary bank",
    # --- gig workers / freelancers ---
    "hey im a freelancer, clients pay me to {IBAN}, can i get a business account?",
    "upwork says payment sent {DATE} but not here. my acct {ACCT}",
    "my stripe payout of {amt} went to an old account {ACCT}, how do i get it back",
    "bolt driver here, weekly payout missing. account {UKACCT} sort {SORT}",
    "is the {amt} from deliveroo taxable? i did {n} shifts this month",
    "i drive for uber and lyft, do i need to give you my ssn {SSN} for the tax form?",
    "no ssn, only itin {ITIN}. can i still open a freelancer account",
    "hmrc wants my NI number for self assessment, its {NINO}, can you add it to my profile",
    "canadian contractor, sin {SIN}, need a t4a for the payouts",
    "my sin number is {SIN} and my transit {CAR}, payroll asking",
    "invoice {order} paid by client {amt} but i only see {amt2}. where did the rest go",
    "payout id {ref} from fiverr, amount {amt}. not received",
    # --- disputes / chargebacks ---
    "want to dispute a charge of {amt} on card ending {last4}, merchant never shipped order {order}",
    "chargeback pls!! card {CARD}, charged {amt} on {DATE} by some random site",
    "bot: Which transaction do you want to dispute? user: the {amt} one on {DATE}, card {CARD}",
    "my dispute {ref} was closed but i never got the {amt} back",
    "someone used my card {CARD} exp {EXP} to buy stuff on amazon, i didnt do it",
    "the merchant refunded {amt} but my app shows it twice? ref {ref}",
    "raised dispute {ref} on {DATE}, still waiting. my email is {EMAIL}",
    "i got scammed on marketplace, sent {amt} to account {UKACCT} sort code {SORT}. can u reverse it",
    "paid a fake landlord {amt} to iban {IBAN}, pls help",
    "unauthorised payment to {NAME} for {amt}, i dont know who that is",
    "can you tell me the status of chargeback {ref}? it's been {n} weeks",
    "order {order} never arrived, i paid {amt} with card ending {last4}",
    # --- account access / security ---
    "cant log in, username {USER} password {PASS}",
    "bot: Enter your username user: {USER} bot: And your registered email? user: {EMAIL}",
    "i clicked {URL} and typed my card {CARD} in there omg",
    "got a text from {PHONE} saying my account is locked with link {URL}",
    "login from ip {IP} that isnt me, i'm in madrid and that's not my phone",
    "my pw is {PASS} and it says wrong, username is {USER}",
    "new phone, need to move my app. old number {PHONE}",
    "the sms code {otp} didnt work, can u resend",
    "pls dont call my old number, new one is {PHONE}",
    "{EMAIL} is my email, i dont get any of ur verification emails",
    "someone changed my email to {EMAIL} and i'm locked out",
    "my passcode for the app is {PIN} and face id broke, help",
    "got code {otp} by text but i never asked for it?",
    # --- KYC / onboarding (young customers) ---
    "hi im {AGE} can i get a card without my parents",
    "im {AGE} years old and a student, name {NAME}, dob {DOB}",
    "bot: What is your full name? user: {NAME} bot: And your date of birth? user: {DOB}",
    "kyc failed again... passport {PASSPORT}, name {NAME}",
    "the selfie check failed. my driving licence number is {DL}",
    "moved out of my parents place, new addy is {ADDR}",
    "bot: Please confirm your home address. user: {ADDR}",
    "{NAME} here, born {DOB}, trying to verify my account for like the {n}th time",
    "can my little brother ({AGE}) get a junior account linked to mine",
    "my passport number {PASSPORT} expired, can i use my id card instead",
    "new address: {ADDR}. pls send the new card there not to the old flat",
    "my number is {PHONE} and email {EMAIL}, call me pls the chat is slow",
    "ssn {SSN} dob {DOB} - why cant i get a credit builder card",
    "Full name: {NAME}\nDate of birth: {DOB}\nPhone: {PHONE}",
    "i'm {NAME}, the account holder. my partner {FIRST} wants to be added",
    # --- more financial: values before labels, typos, pasted blocks, multi-turn ---
    "{UKACCT} is my acc number and {SORT} the sort code, just checking before i give it to my landlord",
    "{IBAN} (iban) + {SWIFT} (bic) -> is this enough for my mom in colombia to send me money",
    "{CARD} exp {EXP} {CVV} thats the card, been declined at every shop in seoul",
    "crad numbr {CARD}, blocked abroad again ffs",
    "carte {CARD} refusée à paris, expiration {EXP}, can u help in english",
    "acc no. {ACCT} / routing no. {ABA} — venmo cashout bounced",
    "Sort Code\n{SORT}\nAccount Number\n{UKACCT}\n(copied from app) my freelance client says payee name mismatch",
    "bot: Could you share the IBAN you were given? user: sure {IBAN} bot: And the sender's name? user: {NAME}",
    "bot: Which account should the payout go to? user: {UKACCT} bot: Sort code? user: its {SORT}",
    "bot: I'll transfer you to a specialist. Meanwhile, what's the card number? user: {CARD} user: and it expires {EXP}",
    "bot: What routing number did you give your employer? user: {ABA}",
    "IBAN: {IBAN_RAW} | BIC/SWIFT: {SWIFT} | Bank: Wise",
    "securty code {CVV} card {CARD} - the hotel in cancun charged me twice",
    "the payment from airbnb to {IBAN} for {amt} hasnt arrived, ref {ref}",
    "my bank details for deliveroo: sortcode {SORT}, acc {UKACCT}. they paid {amt} less than usual",
    "i moved to australia, bsb is {BSB} acct {ACCT}, can i still get my uk salary here",
    "cc: {CARD_RAW} exp {EXP} cvv {CVV}",
    "pin {PIN} not accepted at atm in berlin but works at home??",
    "new pin = {PIN}. did it save? the app crashed",
    "swift {SWIFT}, acc {ACCT}, bank in lagos. my sister needs to send {amt} for rent",
    "{SWIFT} is the bic the app gave me but my dads bank in india says its wrong",
    "acct # {ACCT}  ABA # {ABA}  — payoneer withdrawal failed",
    "inst/transit {CAR} acc {ACCT} — skipthedishes cant verify",
    "chargeback on {CARD}: {amt} from a gym in amsterdam that i cancelled on {DATE}",
    "dispute pls, card {CARD} got charged {amt} by a vpn i never signed up for. card exp {EXP}",
    "hi its {FIRST}, my iban {IBAN} got rejected by my employer in dublin",
    # --- hard negatives ---
    "why did i get charged {amt} for a card i ordered? order {order}",
    "how much is the fee for sending {amt} to europe",
    "the exchange rate on my {amt} transfer was terrible, ref {ref}",
    "is there a limit on atm withdrawals abroad? i took out {amt} twice",
    "my card ending {last4} isnt working on apple pay",
    "hey how do i get my iban? cant find it in the app",
    "what's a sort code and where do i find mine",
    "i need a bank statement for my visa application, last {n} months",
    "cashback of {amt} from my savings pot never showed up",
    "why is there a {amt} hold on my account from a car rental",
    "can i split a payment of {amt} with {n} friends in the app",
    "transfer {ref} to my other account is still pending",
    "the verification code {otp} expired before i typed it",
    "how do i turn off contactless for card ending {last4}",
    "whats the max i can hold in my eur wallet? i have {amt} rn",
    "got {n} notifications about a payment of {amt}, is that normal",
    "my salary of {amt} came in but the app shows {amt2}",
    "reference {ref} — refund for order {order} hasnt arrived",
    "do you support apple pay in japan",
    "i want to close my crypto wallet and move {amt} back to my main account",
]


def fill(tid, tpl):
    text, ents = "", []
    pos = 0
    for m in re.finditer(r"\{([A-Za-z0-9_]+)\}", tpl):
        text += tpl[pos:m.start()]
        gen, typ = G[m.group(1)]
        val = gen()
        if typ:
            ents.append({"type": typ, "begin": len(text), "end": len(text) + len(val), "_v": val, "_k": m.group(1)})
        text += val
        pos = m.end()
    text += tpl[pos:]
    return text, ents


def check(text, ents):
    for e in ents:
        assert text[e["begin"]:e["end"]] == e["_v"], (text, e)
        v, t = e["_v"], e["type"]
        raw = re.sub(r"[ .\-]", "", v)
        if t == "CREDIT_DEBIT_NUMBER":
            assert luhn_ok(raw) and len(raw) in (15, 16), v
            assert (len(raw) == 15) == (raw[:2] in ("34", "37")), v
        if t == "INTERNATIONAL_BANK_ACCOUNT_NUMBER":
            assert iban_ok(v), v
        if e["_k"] == "ABA":
            assert aba_ok(v), v
        if t == "CA_SOCIAL_INSURANCE_NUMBER":
            assert luhn_ok(raw) and len(raw) == 9, v
    s = sorted(ents, key=lambda e: e["begin"])
    for a, b in zip(s, s[1:]):
        assert a["end"] <= b["begin"], (text, a, b)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "banking_chat_pii_holdout8.jsonl")
    recs, seen = [], set()
    def reps(tpl):  # templates with slots twice (fresh values); fixed-text negatives once
        keys = set(re.findall(r"\{([A-Za-z0-9_]+)\}", tpl))
        return 2 if keys else 1

    schedule = [tid for r in range(2) for tid, t in enumerate(TEMPLATES) if reps(t) > r]
    for tid in schedule:
        for _ in range(20):
            text, ents = fill(tid, TEMPLATES[tid])
            if text not in seen:
                break
        else:
            continue
        seen.add(text)
        check(text, ents)
        recs.append({"id": "bankchat-holdout8-%04d" % len(recs), "split": "holdout8", "text": text,
                     "entities": [{"type": e["type"], "begin": e["begin"], "end": e["end"]} for e in ents],
                     "template_id": "holdout8:%d" % tid, "template_source": "own"})
    R.shuffle(recs)
    for k, r in enumerate(recs):
        r["id"] = "bankchat-holdout8-%04d" % k
    with open(out, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    fin = {"CREDIT_DEBIT_NUMBER", "CREDIT_DEBIT_CVV", "CREDIT_DEBIT_EXPIRY", "BANK_ACCOUNT_NUMBER", "BANK_ROUTING",
           "INTERNATIONAL_BANK_ACCOUNT_NUMBER", "SWIFT_CODE", "PIN"}
    nfin = sum(1 for r in recs if any(e["type"] in fin for e in r["entities"]))
    nneg = sum(1 for r in recs if not r["entities"])
    print("wrote %d records to %s (%d with a financial identifier, %d without any entity, %d templates)"
          % (len(recs), out, nfin, nneg, len(TEMPLATES)), file=sys.stderr)


if __name__ == "__main__":
    main()
