#!/usr/bin/env python3
"""Generate the blind holdout11 banking-chat PII test set (written without looking at the detector).

Focus: stressed or confused customers of a bank's support chat (lost/stolen card, locked out,
suspected fraud, travelling abroad, bereavement, small-business owners); pasted material (bank
e-mail snippets, filled-in forms "Name: ... / DOB: ... / Address: ..."); several identifiers in one
message; non-native English phrasing; UTF-8 around values (accented names, curly quotes, emoji);
login phrasings beyond "my username is X" (login:, user id, signed in as, pw is, passcode);
driver licence numbers in several US state formats and the UK format; ~20% hard negatives
(amounts, merchants, case/ticket/transaction references, one-time passcodes, card last-4, counts,
product names, error codes).

Labelling rules: spans cover the value only (never the cue word); calendar dates and specific
times are DATE_TIME; amounts, bank/merchant/company names, invoice/case/transaction references,
one-time passcodes, card last-4 digits and counts are not labelled. Sort codes and ABA numbers are
BANK_ROUTING. A numeric PIN-like secret for the card or app is PIN; an alphanumeric passcode or
password is PASSWORD. An age given in years ("I'm 81") is AGE (the number only).

Usage: python3 make_holdout11_set.py [out.jsonl]   (stdlib only, fixed seed)
"""
import json
import os
import random
import re
import string
import unicodedata
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checksums import aba_ok, iban_ok, luhn_complete, luhn_ok  # noqa: E402

SEED = 110311
N_RECORDS = 300
NEG_SHARE = 0.2

FIRST = ["Adebayo", "Priya", "Mei", "Tomás", "Fatima", "Grace", "Hiroshi", "Olga", "David", "Kemi",
         "Marcus", "Leah", "Ravi", "Chloe", "Ingrid", "Ahmed", "Sipho", "Bronwyn", "José", "Zoë",
         "Łukasz", "Siobhán", "Søren", "François", "Renée", "Aylin", "Nguyen", "Wojciech", "Imani",
         "Declan", "Anjali", "Kwabena", "Yusuf", "Margarethe", "Paulo", "Elif", "Thandiwe", "Haruto"]
LAST = ["Okafor", "Raman", "Chen", "Ruiz", "Al-Sayed", "Wilson", "Tanaka", "Ivanova", "Cohen",
        "Adeyemi", "Bell", "Goldberg", "Shah", "Martin", "Larsen", "Hassan", "Dlamini", "Evans",
        "Müller", "Lefèvre", "Wójcik", "Ní Bhriain", "Ødegård", "Dubé", "Côté", "Yılmaz",
        "Martínez", "Papadopoulos", "Mensah", "O'Sullivan", "Kowalczyk", "Fernández", "Nakamura",
        "Szabó", "van der Berg", "Achterberg", "Osei", "Brennan"]
STREETS_US = ["Maple Avenue", "Cedar Lane", "Willow Creek Drive", "Harbor View Road", "Elm Street",
              "Sunset Boulevard", "Old Mill Road", "Lakeshore Court"]
CITIES_US = [("Tucson", "AZ"), ("Dayton", "OH"), ("Spokane", "WA"), ("Raleigh", "NC"),
             ("Fresno", "CA"), ("Boise", "ID"), ("Newark", "NJ"), ("Madison", "WI")]
STREETS_UK = ["Victoria Road", "Church Lane", "Mill Street", "Station Road", "Queen's Crescent",
              "Abbey Close"]
CITIES_UK = [("Leeds", "LS6"), ("Bristol", "BS7"), ("Glasgow", "G12"), ("Norwich", "NR2"),
             ("Cardiff", "CF24"), ("York", "YO10")]
STREETS_DE = [("Lindenstraße", "10115 Berlin"), ("Hauptstraße", "80331 München"),
              ("Königsallee", "40212 Düsseldorf"), ("Gartenweg", "50667 Köln")]
WORDS = ["river", "tulip", "falcon", "copper", "maple", "orbit", "lantern", "quartz", "meadow",
         "harbor", "cinder", "velvet", "juniper", "nova", "pebble", "saffron"]
DOMAINS = ["example.com", "example.org", "example.net", "mail.example.co.uk", "post.example.de"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MERCHANTS = ["Amazon", "Tesco", "Uber", "Booking.com", "Lidl", "Shell", "Airbnb", "Ryanair",
             "Walmart", "Zalando", "Netflix", "Starbucks"]
SWIFT_BANKS = ["DEUT", "BARC", "HSBC", "INGB", "BNPA", "COBA", "NWBK", "CHAS", "RABO", "UBSW"]
SWIFT_CC = ["DE", "GB", "NL", "FR", "US", "CH", "IE", "ES"]
IBAN_LAYOUT = {"DE": 18, "GB": 18, "NL": 14, "FR": 23, "ES": 20, "IT": 23, "IE": 18, "BE": 12}


def digits(rng, n, first_nonzero=False):
    s = "".join(rng.choice(string.digits) for _ in range(n))
    if first_nonzero and s[0] == "0":
        s = rng.choice("123456789") + s[1:]
    return s


def g_name(rng):
    f, l = rng.choice(FIRST), rng.choice(LAST)
    style = rng.random()
    if style < 0.12:
        return (f + " " + l).lower()
    if style < 0.2:
        return l.upper() + " " + f
    return f + " " + l


def ascii_word(word):
    """Lower-case ASCII form of a name part, as people type it in a login or e-mail."""
    word = word.replace("Ł", "L").replace("ł", "l").replace("ø", "o").replace("Ø", "O").replace("ı", "i")
    plain = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", plain.lower())


def g_first(rng):
    return rng.choice(FIRST)


def g_acct(rng):
    return digits(rng, rng.choice([8, 9, 10, 11, 12]))


def g_dob(rng):
    y, m, d = rng.randint(1938, 2004), rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice([f"{m}/{d}/{y}", f"{m:02d}/{d:02d}/{y}", f"{d:02d}.{m:02d}.{y}", f"{y}-{m:02d}-{d:02d}",
                       f"{d} {MONTHS[m - 1]} {y}", f"{MONTHS[m - 1]} {d}, {y}", f"{d}/{m}/{y}"])


def ordinal(d):
    return "th" if 10 < d < 14 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")


def g_date(rng):
    m, d = rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice([f"{MONTHS[m - 1]} {d}", f"{d} {MONTHS[m - 1][:3]}", f"{m}/{d}", f"{d:02d}/{m:02d}/2026",
                       f"{MONTHS[m - 1][:3]} {d}, 2026", f"2026-{m:02d}-{d:02d}", f"{d}{ordinal(d)} of {MONTHS[m - 1]}"])


def g_time(rng):
    h, mi = rng.randint(0, 23), rng.choice([0, 5, 12, 20, 30, 41, 47, 55])
    return rng.choice([f"{h:02d}:{mi:02d}", f"{(h % 12) or 12}:{mi:02d} {'pm' if h >= 12 else 'am'}",
                       f"{(h % 12) or 12}:{mi:02d}{'PM' if h >= 12 else 'AM'}"])


def g_email(rng):
    f, l = rng.choice(FIRST), rng.choice(LAST)
    ascii_f, ascii_l = ascii_word(f), ascii_word(l)
    local = rng.choice([f"{ascii_f}.{ascii_l}", f"{ascii_f[0]}{ascii_l}{rng.randint(1, 99)}",
                        f"{ascii_l}_{ascii_f}", f"{rng.choice(WORDS)}{rng.randint(10, 999)}"])
    return local + "@" + rng.choice(DOMAINS)


def g_card(rng):
    kind = rng.random()
    if kind < 0.2:  # Amex 15 digits, 4-6-5
        n = luhn_complete(rng.choice(["34", "37"]) + digits(rng, 12))
        return rng.choice([n, f"{n[:4]} {n[4:10]} {n[10:]}"])
    prefix = rng.choice(["4", "4", "51", "53", "55", "2221"])
    n = luhn_complete(prefix + digits(rng, 15 - len(prefix)))
    groups = [n[i:i + 4] for i in range(0, 16, 4)]
    return rng.choice([n, " ".join(groups), "-".join(groups), " ".join(groups)])


def g_addr(rng):
    k = rng.random()
    if k < 0.45:
        c, st = rng.choice(CITIES_US)
        apt = rng.choice(["", f" Apt {rng.randint(2, 40)}", f" #{rng.randint(2, 300)}"])
        return f"{rng.randint(10, 9899)} {rng.choice(STREETS_US)}{apt}, {c}, {st} {digits(rng, 5, True)}"
    if k < 0.8:
        c, pc = rng.choice(CITIES_UK)
        flat = rng.choice(["", f"Flat {rng.randint(1, 12)}, "])
        return (f"{flat}{rng.randint(1, 220)} {rng.choice(STREETS_UK)}, {c} "
                f"{pc} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}")
    s, city = rng.choice(STREETS_DE)
    return f"{s} {rng.randint(1, 140)}, {city}"


def g_phone(rng):
    k = rng.random()
    a = rng.choice(["212", "312", "415", "503", "617", "702", "919"])
    x = digits(rng, 2)
    if k < 0.25:
        return f"({a}) 555-01{x}"
    if k < 0.45:
        return f"+1 {a} 555 01{x}"
    if k < 0.55:
        return f"{a}.555.01{x}"
    if k < 0.8:
        return rng.choice([f"+44 7700 900{digits(rng, 3)}", f"07700 900{digits(rng, 3)}"])
    return rng.choice([f"+49 151 {digits(rng, 8, True)}", f"+353 85 {digits(rng, 3, True)} {digits(rng, 4)}"])


def g_pw(rng):
    w = rng.choice(WORDS)
    return rng.choice([f"{w.capitalize()}{rng.choice('!#$%?*')}{rng.randint(10, 99)}",
                       f"{w}{rng.randint(1000, 9999)}", "".join(rng.choice(string.ascii_letters + string.digits)
                                                               for _ in range(rng.randint(9, 13))),
                       f"{rng.choice(WORDS)}_{w.capitalize()}{rng.randint(1, 9)}!",
                       f"{w[0].upper()}{w[1:].replace('o', '0').replace('a', '@')}{rng.randint(1, 99)}"])


def g_user(rng):
    f, l = ascii_word(rng.choice(FIRST)), ascii_word(rng.choice(LAST))
    return rng.choice([f"{f}_{l}", f"{f}.{l}{rng.randint(1, 99)}", f"{l}{f[0]}{rng.randint(100, 999)}",
                       f"{rng.choice(WORDS)}_{f}", f"{f[0]}{l}"])


def g_url(rng):
    w = rng.choice(WORDS)
    dom = rng.choice([f"secure-{w}bank.example.com", f"{w}-verify.example.net", f"login.{w}.example.org"])
    path = rng.choice(["", "/login", "/account/confirm?ref=" + digits(rng, 6), "/unlock", "/kyc/upload"])
    scheme = rng.choice(["https://", "http://"] if dom.startswith("login.") else ["https://", "http://", "www.", "https://www."])
    return scheme + dom + path \
        if rng.random() < 0.9 else f"bit.ly/{w}{digits(rng, 3)}"


def g_pin(rng):
    return digits(rng, rng.choice([4, 4, 4, 6]))


def g_exp(rng):
    m, y = rng.randint(1, 12), rng.randint(27, 31)
    return rng.choice([f"{m:02d}/{y}", f"{m}/{y}", f"{m:02d}-{y}", f"{m:02d}/20{y}"])


def g_cvv(rng):
    return digits(rng, 3)


def g_passport(rng):
    return rng.choice([digits(rng, 9, True), rng.choice(string.ascii_uppercase) + digits(rng, 8),
                       "".join(rng.choice(string.ascii_uppercase) for _ in range(2)) + digits(rng, 7),
                       "C" + "".join(rng.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8))])


def g_mac(rng):
    octs = [f"{rng.randint(0, 255):02x}" for _ in range(6)]
    if rng.random() < 0.5:
        octs = [o.upper() for o in octs]
    return rng.choice([":", "-"]).join(octs)


def g_ip(rng):
    k = rng.random()
    if k < 0.75:
        return f"{rng.choice(['192.0.2', '198.51.100', '203.0.113'])}.{rng.randint(1, 254)}"
    return f"2001:db8:{rng.randint(1, 0xffff):x}::{rng.randint(1, 0xffff):x}"


def g_aba(rng):
    body = rng.choice(["0", "1", "2", "3"]) + digits(rng, 7)
    for c in "0123456789":
        if aba_ok(body + c):
            return body + c
    raise AssertionError(body)


def g_sortcode(rng):
    return rng.choice(["-", " ", ""]).join(digits(rng, 2) for _ in range(3))


def g_routing(rng):
    return g_aba(rng) if rng.random() < 0.6 else g_sortcode(rng)


def g_iban(rng):
    cc = rng.choice(sorted(IBAN_LAYOUT))
    bban = digits(rng, IBAN_LAYOUT[cc])
    if cc in ("GB", "IE", "NL"):
        bban = rng.choice(["NWBK", "BOFI", "ABNA", "AIBK", "RABO"]) + bban[4:]
    num = int("".join(str(int(c, 36)) for c in bban + cc + "00"))
    iban = f"{cc}{98 - num % 97:02d}{bban}"
    if rng.random() < 0.45:
        iban = " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
    return iban


def g_ssn(rng):
    a = rng.choice([n for n in range(1, 900) if n != 666])
    s = f"{a:03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"
    return rng.choice([f"{s[:3]}-{s[3:5]}-{s[5:]}", s, f"{s[:3]} {s[3:5]} {s[5:]}"])


def g_itin(rng):
    mid = rng.choice(list(range(70, 89)) + [90, 91, 92, 94, 95, 96, 97, 98, 99])
    return f"9{digits(rng, 2)}-{mid}-{digits(rng, 4)}"


def g_dl(rng):
    L = string.ascii_uppercase
    k = rng.randrange(7)
    if k == 0:  # California
        return rng.choice(L) + digits(rng, 7)
    if k == 1:  # Florida
        return f"{rng.choice(L)}{digits(rng, 3)}-{digits(rng, 3)}-{digits(rng, 2)}-{digits(rng, 3)}-{digits(rng, 1)}"
    if k == 2:  # Illinois
        return f"{rng.choice(L)}{digits(rng, 3)}-{digits(rng, 4)}-{digits(rng, 4)}"
    if k == 3:  # New York
        return rng.choice([digits(rng, 9, True), f"{digits(rng, 3, True)} {digits(rng, 3)} {digits(rng, 3)}"])
    if k == 4:  # Texas
        return digits(rng, 8, True)
    if k == 5:  # Washington
        return "WDL" + "".join(rng.choice(L + string.digits) for _ in range(9))
    # UK (DVLA): 5 surname chars, 6 digits, 2 initials, 1 digit, 2 check letters
    sur = ascii_word(rng.choice(LAST)).upper()
    sur = (sur + "99999")[:5]
    return f"{sur}{digits(rng, 6)}{rng.choice(L)}{rng.choice(L)}{rng.randint(1, 9)}{rng.choice(L)}{rng.choice(L)}"


def g_nino(rng):
    ok1, ok2 = "ABCEGHJKLMNOPRSTWXYZ", "ABCEGHJKLMNPRSTWXYZ"
    while True:
        p = rng.choice(ok1) + rng.choice(ok2)
        if p not in ("GB", "BG", "NK", "KN", "TN", "NT", "ZZ"):
            break
    d = digits(rng, 6)
    v = rng.choice([f"{p}{d}{rng.choice('ABCD')}", f"{p} {d[:2]} {d[2:4]} {d[4:]} {rng.choice('ABCD')}"])
    return v.lower() if rng.random() < 0.1 else v


def g_swift(rng):
    v = rng.choice(SWIFT_BANKS) + rng.choice(SWIFT_CC) + rng.choice(["2L", "FF", "22", "33", "2X", "MM"])
    return v + rng.choice(["", "", "XXX", "500", "123"])


def g_age(rng):
    return str(rng.randint(19, 96))


# Unlabelled values the set plants on purpose (hard negatives); the leak check blanks them too.
def o_amount(rng):
    v = rng.randint(3, 4999) + rng.choice([0, 0.5, 0.99, 0.2])
    return rng.choice([f"${v:,.2f}", f"£{v:,.2f}", f"€{v:,.2f}", f"{v:.2f} EUR", f"USD {v:,.0f}"])


def o_ref(rng):
    return rng.choice([f"CASE-{digits(rng, 6)}", f"#{digits(rng, 7)}", f"TKT{digits(rng, 5)}",
                       f"TXN-{digits(rng, 4)}-{rng.choice(string.ascii_uppercase)}{digits(rng, 3)}",
                       f"INV/2026/{digits(rng, 4)}", f"REF {digits(rng, 8)}"])


def o_otp(rng):
    return digits(rng, 6)


def o_last4(rng):
    return digits(rng, 4)


def o_err(rng):
    return rng.choice([f"E{digits(rng, 3)}", f"ERR-{digits(rng, 4)}", f"code {digits(rng, 3)}",
                       f"0x{digits(rng, 4)}"])


def o_count(rng):
    return str(rng.randint(2, 9))


def o_merchant(rng):
    return rng.choice(MERCHANTS)


def o_product(rng):
    return rng.choice(["Platinum Rewards card", "eSaver 360", "Business Flex account", "Premier Plus",
                       "SmartSave ISA", "Everyday Visa Debit", "Student Silver"])


GEN = {"NAME": g_name, "FIRST": g_first, "BANK_ACCOUNT_NUMBER": g_acct, "DOB": g_dob, "DATE": g_date,
       "TIME": g_time, "EMAIL": g_email, "CREDIT_DEBIT_NUMBER": g_card, "ADDRESS": g_addr,
       "PHONE": g_phone, "PASSWORD": g_pw, "USERNAME": g_user, "URL": g_url, "PIN": g_pin,
       "CREDIT_DEBIT_EXPIRY": g_exp, "CREDIT_DEBIT_CVV": g_cvv, "PASSPORT_NUMBER": g_passport,
       "MAC_ADDRESS": g_mac, "IP_ADDRESS": g_ip, "BANK_ROUTING": g_routing, "ABA": g_aba,
       "SORTCODE": g_sortcode, "INTERNATIONAL_BANK_ACCOUNT_NUMBER": g_iban, "SSN": g_ssn,
       "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER": g_itin, "DRIVER_ID": g_dl,
       "UK_NATIONAL_INSURANCE_NUMBER": g_nino, "SWIFT_CODE": g_swift, "AGE": g_age,
       "amount": o_amount, "ref": o_ref, "otp": o_otp, "last4": o_last4, "err": o_err,
       "count": o_count, "merchant": o_merchant, "product": o_product}
# Placeholder -> gold type (aliases name a generator variant of one type).
ALIAS = {"FIRST": "NAME", "DOB": "DATE_TIME", "DATE": "DATE_TIME", "TIME": "DATE_TIME",
         "ABA": "BANK_ROUTING", "SORTCODE": "BANK_ROUTING"}

POSITIVE = [
    # lost / stolen card
    "pls help I lost my wallet 😭 card {CREDIT_DEBIT_NUMBER} exp {CREDIT_DEBIT_EXPIRY}, block it now",
    "My card was stolen at the train station around {TIME}. Number is {CREDIT_DEBIT_NUMBER}. I am {NAME}.",
    "I cannot find my debit card since {DATE}, the number is {CREDIT_DEBIT_NUMBER} and behind is written {CREDIT_DEBIT_CVV}. Please to block it",
    "Lost card!! {CREDIT_DEBIT_NUMBER} / {CREDIT_DEBIT_EXPIRY} / {CREDIT_DEBIT_CVV} — is someone using it?",
    "Hello, my husband {NAME} lost his card ending {last4}. He is {AGE} and not good with the app, can I call you from {PHONE}?",
    "send replacement card to {ADDRESS} please, I'm staying there until my flight home",
    # locked out
    "locked out again. login: {USERNAME} pw is {PASSWORD} and it says {err}",
    "I am signed in as {USERNAME} on my laptop but the phone app says wrong passcode. Passcode is {PASSWORD}, I'm sure",
    "user id {USERNAME} — tried {count} times, now blocked. can you unlock? my number {PHONE}",
    "Username: {USERNAME}\nPassword: {PASSWORD}\nthis is what I type, why it doesn't work?",
    "It keeps rejecting my app PIN {PIN}, I changed it on {DATE} I think",
    "the new PIN {PIN} is not accepted at the ATM, is it because I'm abroad?",
    "my online banking id is {USERNAME}, I forgot the password, the reset mail goes to {EMAIL} which I can't open anymore",
    "Can't log in. Customer ID {BANK_ACCOUNT_NUMBER}, login name {USERNAME}, email {EMAIL}",
    "pw is {PASSWORD} but it says account suspended. I am really worried, my salary comes on {DATE}",
    # suspected fraud
    "There is login from IP {IP_ADDRESS} at {TIME} that was not me!! I'm in Madrid, not there",
    "Your app shows a new device {MAC_ADDRESS} registered on {DATE}. I didn't add it. Is my account {BANK_ACCOUNT_NUMBER} safe?",
    "I got this e-mail, is it real? “Dear {NAME}, verify your account at {URL} within 24 hours.” It came from {EMAIL}",
    "Someone called me from {PHONE} saying they are from fraud team and asked my PIN. I gave {PIN} 😞 what do I do",
    "I typed my password {PASSWORD} into {URL} before I realised it was fake. Username is {USERNAME}.",
    "unknown payment of {amount} to {merchant} on {DATE} from account {BANK_ACCOUNT_NUMBER}, I never shop there",
    "scam text said to move money to IBAN {INTERNATIONAL_BANK_ACCOUNT_NUMBER} to keep it safe, I sent {amount}. Please stop it!!",
    "Router log shows device {MAC_ADDRESS} with IP {IP_ADDRESS} accessed my banking at {TIME}",
    "Fraud report: card {CREDIT_DEBIT_NUMBER}, charges in a country I never visited. Contact me at {EMAIL}",
    # travelling abroad
    "I'm travelling in Japan until {DATE}, card {CREDIT_DEBIT_NUMBER} is declined everywhere, help",
    "Going to Portugal on {DATE}, please note travel for card exp {CREDIT_DEBIT_EXPIRY}, my passport is {PASSPORT_NUMBER}",
    "abroad now, hotel wants my card again, I gave {CREDIT_DEBIT_NUMBER} cvv {CREDIT_DEBIT_CVV}. Is it charged twice?",
    "I lost my passport {PASSPORT_NUMBER} in Rome, can I still verify with driving licence {DRIVER_ID}?",
    "Calling from abroad is expensive, please write to {EMAIL} or WhatsApp {PHONE}",
    # bereavement
    "My mother {NAME} passed away, I am still in shock. Her account number is {BANK_ACCOUNT_NUMBER}, what do I need to do?",
    "I am executor for my late father, {NAME}, date of birth {DOB}, last address {ADDRESS}",
    "My wife {NAME} died, her SSN {SSN}. The joint account {BANK_ACCOUNT_NUMBER} should stay open for me",
    "bereavement: deceased {NAME}, NI number {UK_NATIONAL_INSURANCE_NUMBER}, sort code {SORTCODE}, account {BANK_ACCOUNT_NUMBER}",
    # small business
    "Supplier wants payment to {INTERNATIONAL_BANK_ACCOUNT_NUMBER}, BIC {SWIFT_CODE}, for {amount}. Invoice {ref}. Is the BIC right?",
    "For my bakery payroll: routing {ABA} account {BANK_ACCOUNT_NUMBER}, employee {NAME}",
    "I run a small shop, my ITIN is {US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER}, can I open business account with it?",
    "Please wire {amount} to {NAME}, IBAN {INTERNATIONAL_BANK_ACCOUNT_NUMBER} SWIFT {SWIFT_CODE} — urgent, my contractor is waiting",
    "new payee for the business: sort code {SORTCODE}, acc no {BANK_ACCOUNT_NUMBER}, name {NAME}",
    "direct deposit for my staff, ABA {ABA}, acct {BANK_ACCOUNT_NUMBER}. Our accountant is {NAME}, {EMAIL}",
    # pasted forms
    "Name: {NAME}\nDOB: {DOB}\nAddress: {ADDRESS}\nEmail: {EMAIL}",
    "Full name: {NAME} / Date of birth: {DOB} / SSN: {SSN} / Driver license: {DRIVER_ID}",
    "copied from the form:\nApplicant – {NAME}\nNational Insurance no. – {UK_NATIONAL_INSURANCE_NUMBER}\nE-mail – {EMAIL}\nMobile – {PHONE}",
    "Name: {NAME}\nAccount: {BANK_ACCOUNT_NUMBER}\nRouting: {ABA}\nEmail: {EMAIL}",
    "From your e-mail: “Your new card ending {last4} was sent to {ADDRESS} on {DATE}.” but I never received it",
    "Your letter said “Dear {NAME}, your IBAN is {INTERNATIONAL_BANK_ACCOUNT_NUMBER}” — is that my new number?",
    "Passport no: {PASSPORT_NUMBER}\nExpiry of card: {CREDIT_DEBIT_EXPIRY}\nCard no: {CREDIT_DEBIT_NUMBER}",
    # several identifiers / non-native phrasing
    "Good day, I am {NAME}, my passport is {PASSPORT_NUMBER}, my tax id {US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER}, please to open account",
    "Is me {FIRST}, I write from my son phone {PHONE}, my account {BANK_ACCOUNT_NUMBER} is blocked since {DATE}",
    "I have {AGE} years and I want to know about pension account, my email is {EMAIL}",
    "my social is {SSN} and birthday {DOB}, why verification fails",
    "Kindly do the needful, the driving licence number is {DRIVER_ID} and NI {UK_NATIONAL_INSURANCE_NUMBER}",
    "Please confirm my details are ok: {NAME}, {ADDRESS}, {EMAIL}",
    "My name is “{NAME}” with the accents, the app writes it wrong, can you fix? Account {BANK_ACCOUNT_NUMBER}",
    "I am new in the UK, my NINO {UK_NATIONAL_INSURANCE_NUMBER}, address {ADDRESS}",
    "hi it's {FIRST} 🙂 I changed phone to {PHONE}, the old one doesn't work",
    "The branch told me SWIFT is {SWIFT_CODE} but my cousin in Lagos says it fails",
    "I am {AGE}, retired, and this app is confusing. Where do I put the sort code {SORTCODE}?",
    "Transfer from {INTERNATIONAL_BANK_ACCOUNT_NUMBER} on {DATE} did not arrive, my account here is {BANK_ACCOUNT_NUMBER}",
    "security question: my driver's license {DRIVER_ID}, expiry date of card {CREDIT_DEBIT_EXPIRY}",
    "Could you send the statement to {EMAIL} instead of {ADDRESS}? I moved on {DATE}",
    "{NAME} here — my 2FA phone {PHONE} got stolen with the SIM, please remove it",
    "I opened a link {URL} from a text and it asked my card PIN, I typed {PIN}. Card {CREDIT_DEBIT_NUMBER}",
    "Device MAC {MAC_ADDRESS}, my IP is {IP_ADDRESS}, the app crashes with {err}",
    "The ID check rejected my driver's licence {DRIVER_ID}, it is valid, I renewed it on {DATE}!",
    "Verification docs: licence no. {DRIVER_ID}, passport {PASSPORT_NUMBER}, SSN {SSN} — I hope this is enough 😟",
    "I think I mixed up: is {PIN} my card PIN or the app one? Card expires {CREDIT_DEBIT_EXPIRY}, security code {CREDIT_DEBIT_CVV}",
    "my passcode for the app is {PASSWORD} and suddenly it says expired??",
    "bank e-mail says: ‘Log in at {URL} to review a payment.’ The sender was {EMAIL}. Real or fake?",
    "pasted from the SMS: “Your account {BANK_ACCOUNT_NUMBER} is suspended, go to {URL}” 😨",
    "Card {CREDIT_DEBIT_NUMBER}, valid thru {CREDIT_DEBIT_EXPIRY}, CVC {CREDIT_DEBIT_CVV}. I booked hotel and now I see strange charges",
    "change my email from {EMAIL} to {EMAIL} please, the old one was hacked",
    "my savings {BANK_ACCOUNT_NUMBER} and current {BANK_ACCOUNT_NUMBER}, please move everything from first to second, I'm scared of fraud",
    "Forgot PIN again 🙈 is it {PIN} or {PIN}? I won't try again until you tell me",
    "the link {URL} in your newsletter gives me error, is the site down?",
    "ATM in Lisbon swallowed my card {CREDIT_DEBIT_NUMBER} 😫 please send new one to {ADDRESS}",
    "on the laptop I'm signed in as {USERNAME} fine, but on the phone password {PASSWORD} is wrong?? I didn't change it",
    "Moved to {ADDRESS} after my divorce, please update everything. My ex {NAME} should not get letters",
    "Business address changed to {ADDRESS}; the company card {CREDIT_DEBIT_NUMBER} statements must go there",
]

NEGATIVE = [
    "I was charged {amount} twice at {merchant}, my case is {ref}, please refund",
    "The code you sent ({otp}) expired before I could type it 😩",
    "card ending {last4} declined at {merchant} for {amount}, but balance is fine??",
    "I tried {count} times and the app shows {err}. What does it mean?",
    "Ticket {ref} still open after {count} days, nobody answered me",
    "Is the {product} worth it if I spend around {amount} a month abroad?",
    "My OTP is {otp} but the screen says invalid, please help I'm at the airport",
    "Transaction {ref} at {merchant} — {amount} — I don't recognise it",
    "The app froze with {err} when I tried to pay {amount}",
    "Why did my {product} fee go up to {amount}?",
    "I lost my card, the one ending {last4}. Please freeze it, I'm so stressed",
    "My father passed away. What documents do you need to close his accounts? I'm very confused",
    "Can I use my card in Thailand? I travel with my {count} kids soon",
    "I run a café, can I get a card reader for {merchant}-style payments? How much per transaction?",
    "Refund {ref} of {amount} from {merchant} still not showing",
    "The SMS said: your one-time code is {otp}. Do not share it. Is that from you?",
    "hello?? nobody answers, I wait {count} hours already",
    "I want to dispute {count} payments to {merchant}, reference {ref}",
    "Which is better for a small business, {product} or Business Flex account?",
    "Is it safe to use the ATM at the airport? I'm scared after what happened",
    "The PIN letter still has not come, it is {count} weeks now. Do I need to order again?",
    "my card ending {last4} and my wife's card ending {last4} both got blocked at {merchant}, why??",
    "I paid invoice {ref} of {amount} to a supplier by mistake twice, can you recall one?",
    "what is the daily limit on {product}? I must pay {amount} for my shop rent",
    "Your app says {err} when I upload my passport photo, I tried {count} times",
    "the verification code {otp} came but the chat closed, now I get a new one {otp}??",
    "I'm a widow, my husband handled everything. Where do I even start with his accounts?",
    "Someone withdrew {amount} at an ATM in a city I've never been to, case {ref} is open but I'm panicking",
    "Do you charge a fee for cards used in Mexico? My {product} was declined {count} times",
    "Got a call saying my account is hacked and to transfer {amount}. I didn't do it. Was it you?",
]

PLACEHOLDER = re.compile(r"\{(\w+)\}")
GOLD_TYPES = {t for t in GEN if t.isupper()} - set(ALIAS) | set(ALIAS.values())


def render(template, rng):
    """Fill `template`; returns (text, gold spans, planted unlabelled spans)."""
    out, spans, planted, pos = [], [], [], 0
    for m in PLACEHOLDER.finditer(template):
        out.append(template[pos:m.start()])
        key = m.group(1)
        value = GEN[key](rng)
        begin = sum(len(s) for s in out)
        out.append(value)
        span = {"type": ALIAS.get(key, key), "begin": begin, "end": begin + len(value), "value": value}
        (spans if key.isupper() else planted).append(span)
        pos = m.end()
    out.append(template[pos:])
    return "".join(out), spans, planted


LEAK = [re.compile(p) for p in (r"\d{3,}", r"@", r"https?:|www\.", r"[0-9A-Fa-f]{2}[:-][0-9A-Fa-f]{2}[:-]")]
NAME_WORDS = {w for n in FIRST + LAST for w in n.split() if len(w) > 2}


def check(text, spans, planted):
    """Self-checks: exact offsets, no overlaps, valid check digits, no unlabelled PII left over."""
    ordered = sorted(spans + planted, key=lambda s: s["begin"])
    for a, b in zip(ordered, ordered[1:]):
        assert a["end"] <= b["begin"], (text, a, b)
    for s in spans:
        v = text[s["begin"]:s["end"]]
        assert v == s["value"] and v == v.strip() and v, (text, s)
        assert s["type"] in GOLD_TYPES, s
        plain = re.sub(r"[ -]", "", v)
        if s["type"] == "CREDIT_DEBIT_NUMBER":
            assert luhn_ok(v) and len(plain) in (15, 16), v
        if s["type"] == "INTERNATIONAL_BANK_ACCOUNT_NUMBER":
            assert iban_ok(v) and len(plain) == 4 + IBAN_LAYOUT[plain[:2]], v
        if s["type"] == "BANK_ROUTING" and len(plain) == 9:
            assert aba_ok(plain), v
    blanked = list(text)
    for s in spans + planted:
        blanked[s["begin"]:s["end"]] = " " * (s["end"] - s["begin"])
    rest = "".join(blanked)
    for pat in LEAK:
        assert not pat.search(rest), (text, pat.pattern, rest)
    leaked = NAME_WORDS & set(re.findall(r"[\w'-]+", rest))
    assert not leaked, (text, leaked)


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "banking_chat_pii_holdout11.jsonl")
    rng = random.Random(SEED)
    n_neg = round(N_RECORDS * NEG_SHARE)
    # Every template is used at least once; the rest are drawn at random from the fixed stream.
    picks = [("neg", i) for i in range(len(NEGATIVE))]
    picks += [("neg", rng.randrange(len(NEGATIVE))) for _ in range(n_neg - len(NEGATIVE))]
    picks += [("pos", i) for i in range(len(POSITIVE))]
    picks += [("pos", rng.randrange(len(POSITIVE))) for _ in range(N_RECORDS - len(picks))]
    rng.shuffle(picks)
    openers = ["", "", "", "", "hi ", "Hello, ", "Hi there. ", "URGENT ", "please help, "]
    closers = ["", "", "", "", " thanks", " Thank you.", " 🙏", " asap!!", " ??"]
    records, seen = [], set()
    for n, (kind, idx) in enumerate(picks):
        base = (POSITIVE if kind == "pos" else NEGATIVE)[idx]
        while True:
            opener = rng.choice(openers)
            if re.match(r"(?i)(hi|hello|good day|is me|pls help|please help|urgent)\b", base):
                opener = ""
            text, spans, planted = render(opener + base + rng.choice(closers), rng)
            if text not in seen:
                break
        seen.add(text)
        check(text, spans, planted)
        tid = idx if kind == "pos" else 100 + idx
        records.append({"id": f"bankchat-holdout11-{n:04d}", "split": "holdout11", "text": text,
                        "entities": [{"type": s["type"], "begin": s["begin"], "end": s["end"]} for s in spans],
                        "template_id": f"holdout11:{tid}", "template_source": "own"})
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
