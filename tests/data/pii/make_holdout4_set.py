#!/usr/bin/env python3
"""Blind holdout set 4 for the PII detector (issue 11): banking support chat messages.

Written without looking at the detector or the other sets; only the dev set's JSONL format and
type names were used. Labels are inline in the templates:
  {gen}            generated value; GEN[gen] gives its type (None = generated but not PII)
  [[TYPE|text]]    literal text labelled TYPE
Offsets are code points (Python str indices), end exclusive. Every span is re-checked against the
text after generation, spans must not overlap, and checksummed identifiers are re-validated.
Usage: python3 make_holdout4_set.py > banking_chat_pii_holdout4.jsonl
"""
import json
import random
import re
import string
import sys

R = random.Random(20261202)


def digits(n):
    return "".join(R.choice(string.digits) for _ in range(n))


def luhn_ok(s):
    d = [int(c) for c in s if c.isdigit()][::-1]
    return sum(x if i % 2 == 0 else (x * 2 - 9 if x * 2 > 9 else x * 2) for i, x in enumerate(d)) % 10 == 0


def luhn_complete(prefix, length):
    body = prefix + digits(length - len(prefix) - 1)
    for c in string.digits:
        if luhn_ok(body + c):
            return body + c


def group(s, sizes, sep):
    out, i = [], 0
    for n in sizes:
        out.append(s[i:i + n])
        i += n
    return sep.join(out)


def card(kind=None):
    kind = kind or R.choice(["visa", "visa", "mc", "mc2", "amex", "disc"])
    if kind == "amex":
        n = luhn_complete(R.choice(["34", "37"]), 15)
        return R.choice([n, group(n, [4, 6, 5], " "), group(n, [4, 6, 5], "-")])
    prefix = {"visa": "4", "mc": str(R.randint(51, 55)), "mc2": str(R.randint(2221, 2720)), "disc": "6011"}[kind]
    n = luhn_complete(prefix, 16)
    sep = R.choice(["", " ", " ", "-", ".", "  "])
    return group(n, [4, 4, 4, 4], sep) if sep else n


def expiry():
    m, y = R.randint(1, 12), R.randint(26, 32)
    return R.choice([f"{m:02d}/{y}", f"{m}/{y}", f"{m:02d}-{y}", f"{m:02d}/20{y}", f"{m:02d}.{y}", f"{m:02d} {y}"])


def aba():
    while True:
        p = R.choice(["0" + str(R.randint(1, 9)), "1" + str(R.randint(0, 2)), str(R.randint(21, 32)),
                      str(R.randint(61, 72)), "80"])
        body = p + digits(6)
        w = [3, 7, 1] * 3
        for c in string.digits:
            s = body + c
            if sum(int(a) * b for a, b in zip(s, w)) % 10 == 0:
                return s


def aba_ok(s):
    s = re.sub(r"\D", "", s)
    return len(s) == 9 and sum(int(a) * b for a, b in zip(s, [3, 7, 1] * 3)) % 10 == 0 and \
        (1 <= int(s[:2]) <= 12 or 21 <= int(s[:2]) <= 32 or 61 <= int(s[:2]) <= 72 or s[:2] == "80")


def sortcode():
    a = [R.randint(10, 99), R.randint(0, 99), R.randint(0, 99)]
    return R.choice(["-", " ", ""]).join(f"{x:02d}" for x in a)


def bsb():
    return R.choice(["0", "1"]) + digits(2) + R.choice(["-", " ", ""]) + digits(3)


IBAN_SPEC = {  # country: (total length, bban pattern: a=letter n=digit c=alnum)
    "GB": (22, "aaaa" + "n" * 14), "DE": (22, "n" * 18), "FR": (27, "n" * 10 + "c" * 11 + "nn"),
    "ES": (24, "n" * 20), "NL": (18, "aaaa" + "n" * 10), "IE": (22, "aaaa" + "n" * 14),
    "IT": (27, "a" + "n" * 10 + "c" * 12), "CH": (21, "n" * 5 + "c" * 12), "BE": (16, "n" * 12),
    "PL": (28, "n" * 24), "AT": (20, "n" * 16), "PT": (25, "n" * 21),
}


def iban_check(country, bban):
    s = bban + country + "00"
    num = "".join(str(int(c, 36)) for c in s)
    return f"{98 - int(num) % 97:02d}"


def iban_ok(s):
    s = s.replace(" ", "").upper()
    if s[:2] not in IBAN_SPEC or len(s) != IBAN_SPEC[s[:2]][0]:
        return False
    r = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in r)) % 97 == 1


def iban(country=None):
    country = country or R.choice(list(IBAN_SPEC))
    n, pat = IBAN_SPEC[country]
    bban = "".join(R.choice(string.ascii_uppercase) if p == "a" else R.choice(string.digits) if p == "n"
                   else R.choice(string.ascii_uppercase + string.digits) for p in pat)
    s = country + iban_check(country, bban) + bban
    assert len(s) == n and iban_ok(s)
    return R.choice([s, s, " ".join(s[i:i + 4] for i in range(0, len(s), 4))])


BIC_COUNTRIES = ["GB", "DE", "FR", "ES", "IT", "NL", "IE", "CH", "US", "CA", "AU", "IN", "SG", "JP", "HK", "ZA", "AE", "MX", "BR", "PL", "SE", "NZ", "PH", "NG"]


def swift():
    s = "".join(R.choice(string.ascii_uppercase) for _ in range(4)) + R.choice(BIC_COUNTRIES) + \
        R.choice(string.ascii_uppercase) + R.choice(string.ascii_uppercase + string.digits)
    return s + R.choice(["", "", "XXX", "".join(R.choice(string.ascii_uppercase + string.digits) for _ in range(3))])


def sin():
    while True:
        s = luhn_complete(str(R.choice([1, 2, 3, 4, 5, 6, 7, 9])), 9)
        return R.choice([s, group(s, [3, 3, 3], "-"), group(s, [3, 3, 3], " ")])


def nhs():
    while True:
        b = digits(9)
        c = 11 - sum(int(x) * w for x, w in zip(b, range(10, 1, -1))) % 11
        if c == 10:
            continue
        s = b + str(0 if c == 11 else c)
        return R.choice([group(s, [3, 3, 4], " "), s, group(s, [3, 3, 4], "-")])


def nhs_ok(s):
    s = re.sub(r"\D", "", s)
    c = 11 - sum(int(x) * w for x, w in zip(s[:9], range(10, 1, -1))) % 11
    return len(s) == 10 and c != 10 and (0 if c == 11 else c) == int(s[9])


def ssn():
    a = R.choice([x for x in range(1, 900) if x != 666])
    s = f"{a:03d}{R.randint(1, 99):02d}{R.randint(1, 9999):04d}"
    return R.choice([group(s, [3, 2, 4], "-"), s, group(s, [3, 2, 4], " ")])


FIRST = ["Sofia", "Kwabena", "Aoife", "Rahul", "Mei", "Tomás", "Grace", "Dmitri", "Fatou", "Liam", "Chloé", "Hamza",
         "Ingrid", "Nikhil", "Olu", "Beatriz", "Callum", "Yuki", "Zanele", "Marco", "Siobhan", "Arjun", "Leilani", "Björn",
         "priya", "dave", "Nkechi", "Hannah", "Tariq", "Eleni", "jo", "Wiremu", "Aroha", "Pedro", "Ayesha", "Connor"]
LAST = ["Okafor", "Lindqvist", "Ní Bhriain", "Mehta", "Zhou", "García", "O'Neill", "Volkov", "Diallo", "MacLeod",
        "Fitzgerald", "Haddad", "Nakamura", "Dlamini", "Rossi", "Kaur", "Tane", "Albuquerque", "Khan", "van der Berg",
        "smith", "nguyen", "Papadopoulos", "Brennan", "Kowalski", "Adeyemi", "Singh-Patel", "Moreau"]


def first():
    return R.choice(FIRST)


def full():
    f, l = first(), R.choice(LAST)
    r = R.random()
    if r < 0.15:
        return f"{f} {R.choice(string.ascii_uppercase)}. {l}"
    if r < 0.22:
        return f"{f[0]}. {l}"
    return f"{f} {l}"


STREETS = ["Maple Street", "Kingsway", "Harbour Rd", "Elm Grove", "Queen St", "Rue Saint-Denis", "Wattle Avenue",
           "Ocean Drive", "Birchwood Close", "Station Road", "Mill Lane", "5th Ave", "Cedar Blvd", "Ponsonby Road"]


def addr():
    kind = R.choice(["us", "us", "uk", "uk", "ca", "au", "nz", "us_unit", "ie"])
    n = R.randint(2, 9800)
    st = R.choice(STREETS)
    if kind == "us":
        city, stt = R.choice([("Austin", "TX"), ("Portland", "OR"), ("Tampa", "FL"), ("Denver", "CO"), ("Reno", "NV")])
        return f"{n} {st}, {city}, {stt} {R.randint(10000, 99899):05d}"
    if kind == "us_unit":
        return f"{n} {st} Apt {R.randint(1, 40)}{R.choice('ABCD')}, Chicago, IL 606{R.randint(10, 99)}"
    if kind == "uk":
        pc = R.choice(["M14 5RT", "LS6 2AB", "EH3 9QP", "SW1A 1AA", "B15 2TT", "CF10 3NQ", "G12 8QQ", "BT9 5AG"])
        return R.choice([f"{n % 300} {st}, Leeds {pc}", f"Flat {R.randint(1, 30)}, {n % 200} {st}, Manchester {pc}",
                         f"{n % 300} {st.lower()}, {pc.lower()}"])
    if kind == "ca":
        return f"{R.randint(1, 40)}-{n} {st}, Toronto, ON M{R.randint(1, 9)}V {R.randint(1, 9)}K{R.randint(1, 9)}"
    if kind == "au":
        return f"Unit {R.randint(1, 30)}/{n % 400} {st}, Parramatta NSW 2150"
    if kind == "nz":
        return f"{n % 500} {st}, Grey Lynn, Auckland 1021"
    return f"{n % 90} {st}, Rathmines, Dublin 6, D06 F{R.randint(100, 999)}"


def phone():
    return R.choice([f"({R.choice([212, 415, 617, 312, 503])}) 555-01{R.randint(0, 99):02d}",
                     f"07700 900{R.randint(0, 999):03d}", f"+44 7700 900{R.randint(0, 999):03d}",
                     f"+61 4{R.randint(10, 99)} {R.randint(100, 999)} {R.randint(100, 999)}",
                     f"416.555.01{R.randint(10, 99)}", f"+1-604-555-01{R.randint(10, 99)}",
                     f"021 {R.randint(100, 999)} {R.randint(1000, 9999)}", f"+91 98{digits(3)} {digits(5)}",
                     f"5550{digits(6)}"[:10]])


def email():
    u = R.choice(["jmoreau", "kwabena.o", "ayesha_k84", "bjorn.l", "tane.w", "chloe+bank", "rmehta1990", "siobhan.nb"])
    return u + "@" + R.choice(["example.com", "example.org", "mail.example.net", "example.co.uk"])


def date():
    m = R.randint(1, 12)
    d = R.randint(1, 28)
    mon = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"][m - 1]
    y = R.randint(2024, 2026)
    return R.choice([f"{d}/{m}/{y}", f"{m:02d}/{d:02d}/{y}", f"{y}-{m:02d}-{d:02d}", f"{d} {mon}", f"{mon} {d}",
                     f"{mon[:3]} {d}th", f"{d}.{m:02d}.{y}", f"{d} {mon[:3].lower()} {y}"])


def dob():
    y = R.randint(1941, 2006)
    m, d = R.randint(1, 12), R.randint(1, 28)
    mon = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1]
    return R.choice([f"{d:02d}/{m:02d}/{y}", f"{m}/{d}/{y}", f"{y}-{m:02d}-{d:02d}", f"{d} {mon} {y}", f"{d}-{m}-{y % 100:02d}"])


def time_():
    return R.choice([f"{R.randint(1, 12)}:{R.choice(['00', '15', '30', '45', '05'])}{R.choice(['pm', 'am', ' PM', ' a.m.'])}",
                     f"{R.randint(0, 23):02d}:{R.randint(0, 59):02d}", f"{R.randint(1, 11)}pm"])


def weekday():
    return R.choice(["Monday", "Tuesday", "wednesday", "Thursday", "Friday", "saturday", "Sunday"])


def acct():
    n = R.choice([8, 8, 9, 10, 11, 12])
    s = digits(n)
    if n == 10 and R.random() < 0.3:
        return group(s, [3, 3, 4], "-")
    if n == 12 and R.random() < 0.4:
        return group(s, [4, 4, 4], " ")
    return s


def awsak():
    return R.choice(["AKIA", "ASIA"]) + "".join(R.choice(string.ascii_uppercase + "234567") for _ in range(16))


def awssk():
    return "".join(R.choice(string.ascii_letters + string.digits + "/+") for _ in range(40))


def passport():
    return R.choice([R.choice(string.ascii_uppercase) + digits(8), digits(9), R.choice("CEGKL") + R.choice(string.ascii_uppercase) + digits(7)])


def ni():
    return R.choice(["AB", "JG", "NP", "SK", "WL", "ZR"]) + digits(6) + R.choice("ABCD")


def uname():
    return R.choice(["kwab3na", "siobhan_nb", "rahul.m77", "bjorn_lq", "AyeshaK", "tomas.garcia", "moneybear42"])


def pwd():
    return R.choice(["Tulip!2024", "hunter2hunter", "P@ssw0rd99", "kiwi&Fern77", "Qx9#mLp2", "sunflower_88"])


GEN = {  # name: (type, function)
    "card": ("CREDIT_DEBIT_NUMBER", card), "visa": ("CREDIT_DEBIT_NUMBER", lambda: card("visa")),
    "amex": ("CREDIT_DEBIT_NUMBER", lambda: card("amex")), "mc": ("CREDIT_DEBIT_NUMBER", lambda: card("mc")),
    "cvv": ("CREDIT_DEBIT_CVV", lambda: digits(3)), "cvv4": ("CREDIT_DEBIT_CVV", lambda: digits(4)),
    "exp": ("CREDIT_DEBIT_EXPIRY", expiry), "pin": ("PIN", lambda: digits(R.choice([4, 4, 4, 6]))),
    "pin4": ("PIN", lambda: digits(4)), "acct": ("BANK_ACCOUNT_NUMBER", acct),
    "ukacct": ("BANK_ACCOUNT_NUMBER", lambda: digits(8)), "aba": ("BANK_ROUTING", aba),
    "sort": ("BANK_ROUTING", sortcode), "bsb": ("BANK_ROUTING", bsb), "iban": ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", iban),
    "ibanGB": ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", lambda: iban("GB")),
    "ibanDE": ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", lambda: iban("DE")),
    "swift": ("SWIFT_CODE", swift), "sin": ("CA_SOCIAL_INSURANCE_NUMBER", sin),
    "nhs": ("UK_NATIONAL_HEALTH_SERVICE_NUMBER", nhs), "ssn": ("SSN", ssn), "name": ("NAME", full),
    "first": ("NAME", first), "addr": ("ADDRESS", addr), "phone": ("PHONE", phone), "email": ("EMAIL", email),
    "date": ("DATE_TIME", date), "dob": ("DATE_TIME", dob), "time": ("DATE_TIME", time_), "wd": ("DATE_TIME", weekday),
    "byear": ("DATE_TIME", lambda: str(R.randint(1950, 2000))), "oldage": ("AGE", lambda: str(R.randint(60, 88))),
    "kidage": (None, lambda: str(R.randint(8, 17))), "year": ("DATE_TIME", lambda: str(R.randint(2015, 2025))), "age": ("AGE", lambda: str(R.randint(17, 88))),
    "awsak": ("AWS_ACCESS_KEY", awsak), "awssk": ("AWS_SECRET_KEY", awssk), "passport": ("PASSPORT_NUMBER", passport),
    "ni": ("UK_NATIONAL_INSURANCE_NUMBER", ni), "user": ("USERNAME", uname), "pwd": ("PASSWORD", pwd),
    "ip": ("IP_ADDRESS", lambda: f"{R.randint(11, 223)}.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}"),
    "dl": ("DRIVER_ID", lambda: R.choice(string.ascii_uppercase) + digits(7)),
    "url": ("URL", lambda: R.choice(["https://", "http://", ""]) + R.choice(["secure-finaptic.example.com/login", "bit.ly/3xQz9Lk", "finaptic-verify.example.net/a?id=" + digits(5)])),
    # not PII
    "_amt": (None, lambda: R.choice([f"${R.randint(5, 3000)}.{R.randint(0, 99):02d}", f"£{R.randint(3, 900)}", f"€{R.randint(10, 2500)},{R.randint(0, 99):02d}", f"{R.randint(20, 5000)} AUD", f"USD {R.randint(1, 999)}", f"{R.randint(2, 400)} bucks", f"R{R.randint(100, 9000)}", f"₹{R.randint(500, 90000)}"])),
    "expword": (None, lambda: R.choice(["Sept 2029", "March 2028", "12/2027", "oct 30", "June '29"])),
    "_l4": (None, lambda: digits(4)), "_ref": (None, lambda: R.choice(["CASE-", "REF", "TKT#", "SR-", "", "#"]) + digits(R.choice([6, 7, 8]))),
    "_merch": (None, lambda: R.choice(["Tesco", "Amazon", "Uber Eats", "Netflix", "Woolworths", "Shell", "Costco", "Deliveroo", "Steam", "Zara", "Airbnb", "Lidl"])),
    "_n": (None, lambda: str(R.randint(2, 9))), "_days": (None, lambda: str(R.randint(2, 14))),
}

TEMPLATES = [
    # --- card numbers / cvv / expiry, many phrasings
    "my card number is {card} and it expires {exp}",
    "card {card} exp {exp} cvv {cvv} please charge the {_amt} invoice",
    "Bot: Please enter the long number on the front of your card. User: {card}",
    "Agent: Could you confirm the 16 digits on the card? Customer: {visa}",
    "Agent: and the expiry date? Customer: {exp}",
    "Bot: What is the 3 digit security code on the back? User: {cvv}",
    "amex {amex} , the 4 digit code on the front is {cvv4}, valid thru {exp}",
    "someone used my debit card {card} at {_merch} for {_amt}, I never went there",
    "pls block {mc} asap!!!",
    "the number is {card} the code {cvv} and date {exp} why was it declined",
    "I typed {card} into the checkout and it says invalid, exp {exp}, csc {cvv}",
    "Hi, this is {name}. My new card {card} hasn't been activated yet",
    "Customer: {card}\nAgent: thanks, and the CVC? Customer: {cvv}",
    "ive got 2 cards, {visa} and {mc}, which one has the cashback",
    "card no. {card} / expiry {exp} / sec code {cvv}",
    "Bot: card expiry (MM/YY)? User: {exp}",
    "Agent: Last step, the CVV2 please. Customer: its {cvv}",
    "replacement card should be {card} but app still shows the old one ending {_l4}",
    "can u refund the {_amt} from {_merch} back onto {card}",
    "CCV is {cvv}, expiration {exp}",
    "Card number: {card}, Exp. date: {exp}",
    "hello my visa debit {visa} was swallowed by the ATM on {wd} at {time}",
    # --- PIN
    "I forgot my PIN, was it {pin4}? I tried 3 times already",
    "Bot: Please type your new 4-digit PIN. User: {pin4}",
    "change my pin from {pin4} to {pin4} pls",
    "my atm pin {pin4} isnt working at the machine in the Tesco car park",
    "Agent: Never share your PIN. Customer: too late, I told the caller it was {pin}",
    "telephone banking passcode {pin} is locked, can you reset",
    "the card pin is {pin4} and the app pin is {pin}, both stopped working",
    # --- bank accounts / routing
    "please send {_amt} to account {acct}, routing number {aba}",
    "my account no is {acct}",
    "Agent: Which account should we credit? Customer: {acct}",
    "Bot: Please enter your account number. User: {acct}",
    "ABA {aba} acct {acct} is that correct for direct deposit?",
    "for the wire i used routing # {aba} and account # {acct}",
    "Sort code {sort}, account number {ukacct}, name {name}",
    "sort code is {sort} acc {ukacct}",
    "Agent: What's the sort code? Customer: {sort}",
    "Agent: And the 8 digit account number? Customer: {ukacct}",
    "BSB {bsb} account {acct} - pay to {name}",
    "my bsb is {bsb} and acc no {acct} can you check why the payid failed",
    "transfer from savings {acct} to checking {acct} please, {_amt}",
    "Direct debit for {_merch} keeps coming out of {acct} even though I cancelled it on {date}",
    "payroll says the RTN {aba} is invalid?? account {acct}",
    "Agent: can you confirm the transit/routing number on your cheque? Customer: {aba}",
    "hi i need my acct number for my employer, is it {acct}",
    "close account {acct} and move the balance to {acct}",
    "Bot: Enter the routing number. User: {aba}",
    # --- IBAN / SWIFT
    "my IBAN is {iban}",
    "pls send the refund to {iban} BIC {swift}",
    "Agent: Please provide the beneficiary IBAN and SWIFT/BIC. Customer: {iban} / {swift}",
    "international transfer to {name}, IBAN {ibanDE}, swift {swift}, {_amt}",
    "is {swift} the right bic for your bank? my landlord wants it",
    "Bot: Beneficiary IBAN? User: {ibanGB}",
    "received money from {iban} but I don't recognise it",
    "BIC: {swift} IBAN: {iban}",
    "SWIFT code {swift} keeps bouncing back, the iban was {iban}",
    "Agent: and the bank's BIC? Customer: {swift}",
    "can I get the swift code for a wire from {name} in Lagos? they gave me {swift}",
    # --- ids
    "my SIN is {sin}, do you need it for the TFSA?",
    "Bot: For tax reporting please enter your Social Insurance Number. User: {sin}",
    "NHS number {nhs}, need proof of address letter for the GP",
    "Agent: can you confirm your NHS no.? Customer: {nhs}",
    "ssn {ssn} dob {dob}",
    "Bot: Last step, your Social Security number? User: {ssn}",
    "NI number {ni}, passport {passport}",
    "passport no {passport} expires {date}, is that ok for KYC",
    "driving licence {dl} was stolen along with my wallet",
    # --- aws keys
    "our payroll integration uses access key {awsak} and secret {awssk}, is that why it got suspended?",
    "Agent: please never paste credentials here. Customer: oops, it was {awsak}",
    "aws_secret_access_key = {awssk}",
    # --- contact / personal
    "Hi, {name} here, I moved to {addr}",
    "new address: {addr}. phone {phone}",
    "Agent: What's the best number to reach you? Customer: {phone}",
    "Bot: Please tell me your full name. User: {name}",
    "Agent: May I have your name please? Customer: {first}",
    "email me the statement at {email} thanks",
    "Bot: What is your date of birth? User: {dob}",
    "Agent: How old is the account holder? Customer: {age}",
    "my son is [[AGE|{kidage} years]] old, can he open a youth account",
    "Bot: How old are you? User: {age}",
    "I'm [[AGE|{oldage}]] and retired, is there a pensioner account?",
    "opening an account for my daughter, she is [[AGE|{kidage} years old]]",
    "username {user} password {pwd} and it still says locked",
    "Login from {ip} on {wd} at {time} wasn't me",
    "got a text saying click {url} to unlock my account, is it real?",
    "this is {name}, dob {dob}, postcode on file is for {addr}",
    "Agent: Can I take your name and date of birth? Customer: {name}, {dob}",
    "my wife {name} and I want a joint account, she was born in [[DATE_TIME|{byear}]]",
    "call me back at {time} on {wd} on {phone}",
    "branch appointment booked for {date} at {time}, under the name {name}",
    "opened my account back in {year} and never had this problem",
    # --- mixed heavy
    "{name}, {addr}, card {card}, exp {exp}",
    "Agent: To verify, please give name, DOB and the account number. Customer: {name} {dob} {acct}",
    "wire {_amt} to {name} IBAN {iban} BIC {swift} reference rent {_ref}",
    "pay {first} {_amt} sort code {sort} account {ukacct} ref birthday",
    "From: {name} <{email}> card {card} cvv {cvv} — is this a phishing email?",
    "hola, soy {name}, mi tarjeta {card} fue bloqueada en {_merch}",
    "bonjour, mon IBAN est {iban} et le BIC {swift}",
    "lost my wallet with card {card} and drivers licence {dl}, live at {addr}",
    "Bot: Please share the payee's BSB and account number. User: {bsb} {acct}",
    "Agent: Routing and account please. Customer: {aba} then {acct}",
    "the scammer had my card {card}, expiry {exp} and even my PIN {pin4}",
    "can you confirm SWIFT {swift} and IBAN {iban} belong to {name}?",
    "reporting fraud: {_amt} to {iban} on {date}, i never authorised it",
    "card {card} exp {exp} cvv {cvv} pin {pin4} — my kid posted this on discord, please cancel",
    "acct#{acct} rtg#{aba}",
    "iban:{iban}",
    "Customer: card ends {_l4}. Agent: I need the full number to proceed. Customer: {card}",
    "Agent: what is the expiry on the new card? Customer: exp {exp}, cvc {cvv}",
    "card expiring [[CREDIT_DEBIT_EXPIRY|{expword}]], number {card}",
    "Bot: Enter the card number (no spaces). User: {visa}",
    "my debit card {card} good thru {exp} security number {cvv} — charge failed at {_merch}",
    "sending {_amt} to my mum in Madrid, IBAN {iban} — do you need the BIC too? it is {swift}",
    "Agent: the account number is 8 digits and the sort code 6. Customer: {ukacct} {sort}",
]

NEGATIVE = [
    "what's the fee for sending {_amt} abroad?",
    "why was I charged {_amt} by {_merch} twice",
    "my card ending in {_l4} got declined at {_merch}",
    "case number {_ref}, still no update after {_days} days",
    "the transfer has been pending for {_days} days, ref {_ref}",
    "I have {_n} direct debits failing, can someone look at it",
    "Agent: Thank you. Your reference is {_ref}. Customer: ok thx",
    "order {_ref} from {_merch} was refunded but not showing",
    "how do I set up a standing order for {_amt} every month",
    "is the card ending {_l4} the one linked to apple pay?",
    "Bot: How can I help today? User: dispute a charge",
    "can i increase my overdraft to {_amt}",
    "I was charged {_amt} foreign transaction fee on my card ending {_l4}",
    "Agent: Is there anything else? Customer: no thats all cheers",
    "what is the interest rate on the {_n} year fixed saver",
    "the atm gave me {_amt} less than I asked for",
    "{_merch} subscription {_amt}/month, cancel it please",
    "app crashed {_n} times today when opening statements",
    "where do i find my IBAN in the app?",
    "do you have a SWIFT code for incoming transfers? where can i find it",
    "how long does a chargeback take, ticket {_ref}",
    "my pin got blocked after 3 wrong tries, how do i unblock it",
    "what does the CVV do, why does {_merch} keep asking",
    "Agent: Could you give me the last 4 digits of the card? Customer: {_l4}",
    "paid {_amt} in 2 instalments, reference {_ref}",
    "my mortgage payment of {_amt} goes out in {_days} days, is there enough",
    "Bot: Did that answer your question? User: not really",
    "the branch said to wait {_days} working days for the new card",
    "Agent: I've raised dispute {_ref} for {_amt}. Customer: brilliant ta",
    "why is my balance showing {_amt} when I only spent {_amt} at {_merch}",
    "got {_n} emails about a parcel fee, are those from you?",
    "do you charge for paying {_amt} into a savings pot",
    "freeze the card ending {_l4} for now, I think its in the car",
    "is there a limit on contactless, I paid {_amt} at {_merch}",
    "refund ref {_ref} says processed but nothing in my account",
    "Bot: Which card is this about? User: the one ending in {_l4}",
    "how many free withdrawals abroad do I get, I did {_n} already",
    "interest paid {_amt} this month vs {_amt} last month, why the drop",
]


def render(tpl):
    text, ents = "", []
    pos = 0
    for m in re.finditer(r"\[\[([A-Z_]+)\|((?:[^\]]|\{[a-z_0-9A-Z]+\})*)\]\]|\{([A-Za-z_0-9]+)\}", tpl):
        text += tpl[pos:m.start()]
        if m.group(1):
            inner = re.sub(r"\{([A-Za-z_0-9]+)\}", lambda k: GEN[k.group(1)][1](), m.group(2))
            ents.append({"type": m.group(1), "begin": len(text), "end": len(text) + len(inner), "value": inner})
            text += inner
        else:
            typ, fn = GEN[m.group(3)]
            v = fn()
            if typ:
                ents.append({"type": typ, "begin": len(text), "end": len(text) + len(v), "value": v})
            text += v
        pos = m.end()
    text += tpl[pos:]
    return text, ents


KEEP_CASE = {"AWS_ACCESS_KEY", "AWS_SECRET_KEY", "PASSWORD", "USERNAME", "SWIFT_CODE", "PASSPORT_NUMBER",
             "DRIVER_ID", "UK_NATIONAL_INSURANCE_NUMBER", "URL"}


def lower_keep(text, ents):
    """Lower-case the message as a hurried customer would, but not copied codes/credentials."""
    out, pos = "", 0
    for e in sorted(ents, key=lambda e: e["begin"]):
        out += text[pos:e["begin"]].lower()
        seg = text[e["begin"]:e["end"]]
        out += seg if e["type"] in KEEP_CASE else seg.lower()
        pos = e["end"]
    return out + text[pos:].lower()


def style(text, ents):
    """Chat-style variation; returns (text, shift of every offset)."""
    r = R.random()
    if r < 0.18 and len(text.lower()) == len(text) and not re.match(r"(Bot|Agent|Customer):", text):
        return lower_keep(text, ents), 0
    if r < 0.25:
        return text.rstrip(".!?") + R.choice([" thx", " asap", "??", " pls help", " :("]), 0
    if r < 0.32 and not re.match(r"(Bot|Agent|Customer):", text):
        pre = R.choice(["hi ", "Hello, ", "hey there ", "Good afternoon. "])
        return pre + text, len(pre)
    return text, 0


def check(text, ents):
    last = -1
    for e in sorted(ents, key=lambda e: e["begin"]):
        assert text[e["begin"]:e["end"]].lower() == e["value"].lower(), (text, e)
        assert e["begin"] >= last, ("overlap", text)
        last = e["end"]
        v, t = e["value"], e["type"]
        if t in ("CREDIT_DEBIT_NUMBER", "CA_SOCIAL_INSURANCE_NUMBER"):
            assert luhn_ok(v), v
        if t == "INTERNATIONAL_BANK_ACCOUNT_NUMBER":
            assert iban_ok(v), v
        if t == "BANK_ROUTING" and len(re.sub(r"\D", "", v)) == 9:
            assert aba_ok(v), v
        if t == "UK_NATIONAL_HEALTH_SERVICE_NUMBER":
            assert nhs_ok(v), v
        if t == "SWIFT_CODE":
            assert len(v) in (8, 11) and v[4:6] in BIC_COUNTRIES, v


def main():
    items = []
    for i, t in enumerate(TEMPLATES):
        for _ in range(2):
            items.append((f"holdout4:{i}", t))
    for i, t in enumerate(NEGATIVE):
        for _ in range(2):
            items.append((f"holdout4-neg:{i}", t))
    R.shuffle(items)
    out = []
    for k, (tid, tpl) in enumerate(items):
        text, ents = render(tpl)
        styled, shift = style(text, ents)
        for e in ents:
            e["begin"] += shift
            e["end"] += shift
        check(styled, ents)
        out.append({"id": f"bankchat-holdout4-{k:04d}", "split": "holdout4", "text": styled,
                    "entities": [{"type": e["type"], "begin": e["begin"], "end": e["end"]} for e in
                                 sorted(ents, key=lambda e: e["begin"])],
                    "template_id": tid, "template_source": "own"})
    for r in out:
        sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
