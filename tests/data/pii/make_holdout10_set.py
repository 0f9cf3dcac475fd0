#!/usr/bin/env python3
"""Generate the blind holdout10 banking-chat PII test set (written without looking at the detector).

Focus: the dev set's kind of message (customer messages to a bank's support chat, mostly one
message, some "Bot:/User:" or "Customer:/Agent:" turns) and roughly its type mix, but in new
wordings: casual, lowercase, typo'd and mobile-style short messages; names from many cultures
(Hispanic, South Asian, East Asian, Arabic, Slavic, African, Irish with apostrophes, hyphenated
double-barrelled); US/UK/CA/AU/IE/DE addresses incl. unit/apartment/PO box; dates in many formats;
card numbers with spaces/dashes/none; expiries as 08/27, 08-2027, Aug 27; ~20% hard negatives
(amounts, merchants, case/transaction references, OTPs, card last-4, counts, products, branches).

Labelling rules: spans cover the value only (never the cue word); calendar dates and specific
times ("last Tuesday at 3pm", "yesterday around 9:40pm") are DATE_TIME; amounts, bank/merchant/
company names, invoice/case/transaction references, one-time passcodes, card last-4 digits and
counts are not labelled. Sort codes and ABA numbers are BANK_ROUTING; IBANs are
INTERNATIONAL_BANK_ACCOUNT_NUMBER; an age in years is AGE. Check digits are valid wherever the real
identifier has them (card Luhn, ABA, IBAN mod 97, Canadian SIN Luhn, NHS mod 11).

Usage: python3 make_holdout10_set.py [out.jsonl]   (stdlib only, fixed seed)
"""
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checksums import aba_ok, iban_ok, luhn_complete, luhn_ok  # noqa: E402
from dev_mix import DEV_COUNTS  # noqa: E402

SEED = 1010
N_RECORDS = 300
R = random.Random(SEED)

# (first names, surnames) per culture, so a generated name is one a real customer could have
CULTURES = [
    (["María José", "Alejandro", "Guadalupe", "Beatriz", "Jesús", "Ximena"],
     ["Hernández", "García-López", "Fernández", "de la Cruz", "Ramírez Ortega"]),
    (["Priya", "Arjun", "Lakshmi", "Rohan", "Harpreet", "Sunil", "Raj"],
     ["Patel", "Raghunathan", "Iyer", "Chatterjee", "Sandhu", "Bakshi"]),
    (["Wei", "Mei Ling", "Xiaoming", "Hiroshi", "Yuki", "Ji-woo", "Minh", "Thi Lan"],
     ["Chen", "Zhang", "Tanaka", "Takahashi", "Kim", "Park", "Nguyen", "Tran"]),
    (["Fatima", "Omar", "Layla", "Yousef", "Aisha", "Abdulrahman"],
     ["Al-Farsi", "Haddad", "Abdullah", "El-Amin", "Al Mansouri"]),
    (["Dmitri", "Katarzyna", "Oksana", "Miloš", "Svetlana", "Bogdan"],
     ["Ivanova", "Kowalczyk", "Petrović", "Shevchenko", "Volkov", "Wiśniewska"]),
    (["Chukwuemeka", "Amara", "Kwame", "Thandiwe", "Oluwaseun", "Ngozi", "Ifeoma"],
     ["Okafor", "Mensah", "Adeyemi", "Ndlovu", "Oyelaran", "Boateng"]),
    (["Siobhán", "Niamh", "Ciarán", "Seamus", "Aoife", "Tomás"],
     ["O'Sullivan", "O'Brien", "McCarthy", "Ó Conaill", "Mac Giolla Phádraig", "D'Arcy"]),
    (["Charlotte", "Jean-Luc", "Anna-Maria", "Hugo", "Imogen"],
     ["Smith-Warrington", "Fitzgerald-Hughes", "Bowes-Lyon", "Van der Merwe", "Lloyd-Jones"]),
]
USER_WORDS = ["moonpie", "kestrel", "tacoqueen", "dosa", "bluefin", "lagos", "dublin", "ramen",
              "sparrow", "cricket", "nightowl", "tundra", "mango", "volga", "sakura", "jollof"]
PW_WORDS = ["Plantain", "marigold", "Kilkenny", "monsoon", "Tiramisu", "ferret", "Osaka", "baobab",
            "Cumbia", "halwa", "Zephyr", "pierogi"]
DOMAINS = ["example.com", "example.org", "example.net", "mail.example.co.uk", "post.example.ie",
           "inbox.example.com.au"]
US_STREETS = ["Maple Ave", "Cedar Street", "Juniper Lane", "Alvarado Blvd", "Sycamore Court",
              "West 34th St", "Magnolia Drive", "Pine Ridge Road"]
US_CITIES = [("Austin", "TX"), ("Fresno", "CA"), ("Tucson", "AZ"), ("Newark", "NJ"), ("Tampa", "FL"),
             ("Dearborn", "MI"), ("Queens", "NY"), ("Edison", "NJ")]
UK_STREETS = ["Albert Road", "Mill Lane", "Kingsway", "Victoria Terrace", "Elm Grove", "Church Street"]
UK_TOWNS = [("Leicester", "LE2 1BH"), ("Bradford", "BD7 3JT"), ("Cardiff", "CF24 4RN"),
            ("Glasgow", "G41 2PE"), ("London", "E17 9QS"), ("Manchester", "M14 5LW")]
MERCHANTS = ["Tesco", "Amazon", "Uber Eats", "Deliveroo", "Spotify", "Walmart", "Shell", "Lidl",
             "Netflix", "Costco", "Ryanair", "Starbucks"]
BANKS = ["Chase", "Barclays", "AIB", "Commonwealth Bank", "TD", "Sparkasse", "Wells Fargo", "Monzo"]
PRODUCTS = ["Platinum Rewards card", "Everyday Saver", "Premier current account", "Cashback Plus",
            "student overdraft", "Flex ISA"]
BRANCHES = ["Oxford Street branch", "Grafton St branch", "downtown branch", "Parramatta branch",
            "Yonge & Bloor branch", "Kreuzberg Filiale"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MON3 = [m[:3] for m in MONTHS]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def digits(n):
    return "".join(R.choice("0123456789") for _ in range(n))


def ordinal(d):
    return str(d) + ("th" if 10 <= d % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th"))


# ---- value makers: each returns the literal text inserted ---------------------------------------
def v_name():
    firsts, lasts = R.choice(CULTURES)
    f, l = R.choice(firsts), R.choice(lasts)
    s = R.random()
    if s < 0.15:
        return (f + " " + l).lower()
    if s < 0.25:
        return f
    return f + " " + l


def v_first():
    return R.choice(R.choice(CULTURES)[0])


def v_acct():
    return R.choice([digits(8), digits(10), digits(12), digits(4) + "-" + digits(6), digits(11)])


def v_date():
    """A calendar date, fits after "on"/"by"/"since"."""
    y, m, d = R.randint(2024, 2026), R.randint(1, 12), R.randint(1, 28)
    return R.choice([
        f"{ordinal(d)} of {MONTHS[m-1]}", f"{m:02d}/{d:02d}/{y}", f"{y}-{m:02d}-{d:02d}",
        f"{d} {MON3[m-1]}", f"{MONTHS[m-1]} {d}, {y}", f"{d}.{m}.{y}", f"{m}/{d}",
        f"{d}/{m}/{str(y)[2:]}", f"{MON3[m-1]} {ordinal(d)}", f"{ordinal(d)} {MONTHS[m-1]} {y}",
        f"{MON3[m-1].lower()} {d}"])


def v_when():
    """A specific moment said relative to today (still DATE_TIME: it pins down one time)."""
    return R.choice([f"last {R.choice(DAYS)} at {R.randint(1, 11)}pm", f"yesterday around {R.randint(1, 11)}:{R.randint(10, 59)}pm",
                     f"this morning at {R.randint(6, 11)}:{R.choice(['05', '15', '30', '45'])}",
                     f"{R.choice(DAYS).lower()} night about {R.randint(9, 11)}pm", f"last night at {R.randint(9, 11)}.{R.randint(10, 59)}"])


def v_future():
    return R.choice([f"tomorrow at {R.randint(9, 11)}am", f"{R.choice(DAYS[:5])} at {R.randint(1, 5)}pm",
                     f"{R.choice(DAYS[:5]).lower()} {R.randint(9, 11)}:30am", f"tmrw after {R.randint(1, 5)}pm"])


def v_dob():
    y, m, d = R.randint(1940, 2004), R.randint(1, 12), R.randint(1, 28)
    return R.choice([f"{m:02d}/{d:02d}/{y}", f"{d}/{m}/{y}", f"{y}-{m:02d}-{d:02d}",
                     f"{ordinal(d)} {MONTHS[m-1]} {y}", f"{MON3[m-1]} {d} {y}", f"{d}.{m:02d}.{y}"])


def v_email():
    f = R.choice(R.choice(CULTURES)[0]).split()[0].split("-")[0].lower()
    f = f.translate(str.maketrans("áéíóúšđ", "aeiousd"))
    l = R.choice(["okafor", "patel", "chen", "osullivan", "haddad", "ivanova", "mensah", "tanaka",
                  "garcia", "nguyen", "kowalczyk"])
    local = R.choice([f"{f}.{l}", f"{f}{l[0]}{R.randint(1, 99)}", f"{l}_{f}", f"{f}-{R.randint(70, 99)}"])
    return local + "@" + R.choice(DOMAINS)


def v_card():
    kind = R.random()
    if kind < 0.15:
        n = luhn_complete(R.choice(["34", "37"]) + digits(12))
        sep = R.choice([" ", "-", ""])
        return n[:4] + sep + n[4:10] + sep + n[10:]
    if kind < 0.55:
        n = luhn_complete("4" + digits(14))
    elif kind < 0.9:
        n = luhn_complete(R.choice(["51", "52", "53", "54", "55"]) + digits(13))
    else:
        n = luhn_complete(R.choice(["2221", "2720", "2305"]) + digits(11))
    sep = R.choice([" ", " ", "-", "", ""])
    assert luhn_ok(n) and len(n) == 16
    return sep.join(n[i:i + 4] for i in range(0, 16, 4))


def v_expiry():
    m, y = R.randint(1, 12), R.randint(25, 31)
    return R.choice([f"{m:02d}/{y}", f"{m:02d}-20{y}", f"{MON3[m-1]} {y}", f"{m}/{y}", f"{m:02d}/20{y}",
                     f"{MONTHS[m-1].lower()} 20{y}"])


def v_cvv():
    return digits(R.choice([3, 3, 3, 4]))


def v_pin():
    return digits(R.choice([4, 4, 4, 6]))


def v_phone():
    return R.choice([
        f"({R.choice(['212', '415', '617', '305'])}) 555-01{digits(2)}", f"+1 {R.choice(['646', '737'])} 555 01{digits(2)}",
        f"07700 900{digits(3)}", f"+44 7700 900 {digits(3)}", f"+353 85 555 {digits(4)}", f"0412 555 {digits(3)}",
        f"+61 491 570 {R.randint(150, 159)}", f"555.01{digits(2)}", f"+49 30 5550 {digits(4)}",
        f"{R.choice(['312', '713'])}5550{digits(3)}"])


def v_us_address():
    c, st = R.choice(US_CITIES)
    return f"{R.randint(10, 9999)} {R.choice(US_STREETS)}{R.choice(['', ' Apt 4B', ', Unit 12'])}, {c}, {st} {digits(5)}"


def v_ca_address():
    return R.choice([f"Unit {R.randint(2, 20)}, {R.randint(10, 999)} Bloor St W, Toronto, ON M5S 1V8",
                     f"{R.randint(100, 9999)} Kingsway, Burnaby, BC V5H 2E4", f"PO Box {R.randint(100, 999)}, Halifax, NS B3J 2L4"])


def v_address():
    s = R.random()
    if s < 0.35:
        c, st = R.choice(US_CITIES)
        unit = R.choice(["", f" Apt {R.randint(1, 30)}{R.choice('ABCD')}", f", Unit {R.randint(2, 40)}", f" #{R.randint(100, 999)}"])
        a = f"{R.randint(10, 9999)} {R.choice(US_STREETS)}{unit}, {c}, {st} {digits(5)}"
        return R.choice([a, f"PO Box {R.randint(100, 9999)}, {c}, {st} {digits(5)}", a.lower()])
    if s < 0.55:
        t, pc = R.choice(UK_TOWNS)
        return R.choice([f"Flat {R.randint(1, 12)}, {R.randint(2, 200)} {R.choice(UK_STREETS)}, {t} {pc}",
                         f"{R.randint(2, 200)} {R.choice(UK_STREETS)}, {t}, {pc}"])
    if s < 0.67:
        return R.choice([f"{R.randint(2, 90)}-{R.randint(100, 3000)} Rue Sainte-Catherine, Montréal, QC H3B 1A7",
                         f"Unit {R.randint(2, 20)}, {R.randint(10, 999)} Bloor St W, Toronto, ON M5S 1V8",
                         f"{R.randint(100, 9999)} Kingsway, Burnaby, BC V5H 2E4"])
    if s < 0.79:
        return R.choice([f"{R.randint(1, 40)}/{R.randint(2, 150)} George Street, Parramatta NSW 2150",
                         f"PO Box {R.randint(10, 999)}, Fremantle WA 6959"])
    if s < 0.9:
        return R.choice([f"Apt {R.randint(1, 9)}, {R.randint(1, 80)} Main Street, Ballincollig, Co. Cork, P31 X2D4",
                         f"{R.randint(1, 60)} Ashgrove Park, Dublin 15, D15 KX27"])
    return R.choice([f"Schönhauser Allee {R.randint(1, 180)}, 10437 Berlin",
                     f"Hauptstraße {R.randint(1, 90)}a, 80331 München"])


def v_password():
    w = R.choice(PW_WORDS)
    return R.choice([f"{w}{R.randint(10, 99)}!", f"{w.lower()}_{digits(4)}", f"{w[0]}{digits(2)}#{w[1:].upper()}",
                     f"ilove{w.lower()}{R.randint(1, 9)}", f"{w}${R.randint(1990, 2010)}", f"x{w}x{digits(3)}?"])


def v_username():
    w = R.choice(USER_WORDS)
    f = R.choice(["raj", "mei", "siobhan", "omar", "kwame", "oksana", "lupe", "hiro"])
    return R.choice([f"{w}_{digits(2)}", f"{f}.{w}", f"{f}{digits(3)}", f"the_{w}", f"{w.capitalize()}{f.capitalize()}"])


def v_url():
    w = R.choice(["secure-verify", "acct-unlock", "bank-refund", "myportal-login", "id-check"])
    return R.choice([f"https://{w}.example.net/{R.choice(['login', 'signin', 'claim'])}",
                     f"http://{w}-{digits(3)}.example.com/?ref={digits(5)}", f"www.{w}.example.org",
                     f"bit.example.co/{R.choice(['x7Kq2', 'R4nd0m', 'aB9zz'])}"])


def v_passport():
    return R.choice([digits(9), R.choice("ACEKLMNPX") + digits(8), R.choice("ABCDEFGH") + R.choice("ABCDEFGH") + digits(7)])


def v_mac():
    parts = [f"{R.randint(0, 255):02x}" for _ in range(6)]
    s = R.choice([":", "-"])
    out = s.join(parts)
    return out.upper() if R.random() < 0.5 else out


def v_ip():
    return R.choice([f"192.0.2.{R.randint(1, 254)}", f"198.51.100.{R.randint(1, 254)}",
                     f"203.0.113.{R.randint(1, 254)}", f"2001:db8:{R.randint(1, 0xffff):x}::{R.randint(1, 0xffff):x}"])


def v_aba():
    while True:
        n = R.choice(["0", "1", "2", "3"]) + digits(8)
        if aba_ok(n):
            return n


def v_sortcode():
    return R.choice(["-", " ", ""]).join([f"{R.randint(10, 99)}" for _ in range(3)])


IBAN_FMT = {"GB": ("B4", 14), "DE": ("", 18), "IE": ("B4", 14), "FR": ("", 23), "NL": ("B4", 10),
            "ES": ("", 20)}


def v_iban():
    cc = R.choice(sorted(IBAN_FMT))
    letters, n = IBAN_FMT[cc]
    bban = ("".join(R.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(4)) if letters else "") + digits(n)
    for ck in range(2, 99):
        iban = f"{cc}{ck:02d}{bban}"
        if iban_ok(iban):
            break
    assert iban_ok(iban)
    return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4)) if R.random() < 0.4 else iban


def v_swift():
    bank = "".join(R.choice("ABCDEFGHIKLMNOPRSTUVW") for _ in range(4))
    cc = R.choice(["GB", "DE", "IE", "US", "ES", "IN", "NG", "JP", "AE"])
    loc = R.choice(["2L", "22", "FF", "MM", "33", "XX"])
    return bank + cc + loc + (R.choice(["", "", "XXX", "100"]))


def v_ssn():
    a = R.randint(1, 899)
    while a == 666:
        a = R.randint(1, 899)
    n = f"{a:03d}{R.randint(1, 99):02d}{R.randint(1, 9999):04d}"
    return R.choice([f"{n[:3]}-{n[3:5]}-{n[5:]}", n, f"{n[:3]} {n[3:5]} {n[5:]}"])


def v_itin():
    return f"9{digits(2)}-{R.choice([70, 72, 78, 81, 88, 90, 92, 94, 99])}-{digits(4)}"


def v_driver():
    # US state styles (letter + digits, grouped, all digits) and a 16-character UK licence
    return R.choice([R.choice("ABDFGHKMS") + digits(7), R.choice("ABDFGHKMS") + digits(3) + "-" + digits(4) + "-" + digits(4),
                     digits(9), R.choice(["MORGA", "OKAFO", "PATEL"]) + digits(6) + "J" + R.choice("ABCDEF") + digits(1) + "XY"])


def v_nino():
    first = R.choice("ABCEGHJKLMNPRSTWXYZ")
    second = R.choice("ABCEGHJKLMNPRSTWXYZ")
    if first + second in ("GB", "NK", "TN", "ZZ", "BG", "KN", "NT"):
        first, second = "A", "B"
    d = digits(6)
    s = first + second + d + R.choice("ABCD")
    return R.choice([s, f"{s[:2]} {d[:2]} {d[2:4]} {d[4:]} {s[-1]}", s.lower()])


def v_sin():
    n = luhn_complete(R.choice("1234567") + digits(7))
    return R.choice([f"{n[:3]} {n[3:6]} {n[6:]}", f"{n[:3]}-{n[3:6]}-{n[6:]}", n])


def v_nhs():
    while True:
        b = digits(9)
        total = sum(int(c) * w for c, w in zip(b, range(10, 1, -1)))
        ck = 11 - total % 11
        if ck == 11:
            ck = 0
        if ck != 10:
            n = b + str(ck)
            return R.choice([f"{n[:3]} {n[3:6]} {n[6:]}", n])


def v_age():
    return str(R.randint(66, 94))  # the templates that use it speak of retirees


# unlabelled fillers (hard negatives): the text is inserted but never labelled
def u_amount():
    return R.choice([f"${R.randint(5, 4000)}.{digits(2)}", f"£{R.randint(5, 900)}", f"€{R.randint(10, 2500)},{digits(2)}",
                     f"{R.randint(20, 5000)} dollars", f"A${R.randint(10, 700)}", f"CAD {R.randint(40, 3000)}"])


def u_ref():
    return R.choice([f"CASE-{digits(6)}", f"#{digits(7)}", f"TXN{digits(9)}", f"INV-2025-{digits(4)}",
                     f"{R.choice('ABCDEFGH')}{digits(5)}", f"REF{R.choice('KLMNPQ')}{digits(4)}{R.choice('XYZ')}"])


def u_otp():
    return digits(6)


def u_last4():
    return digits(4)


def u_count():
    return str(R.randint(2, 14))


MAKERS = {
    "NAME": ("NAME", v_name), "FIRST": ("NAME", v_first), "ACCT": ("BANK_ACCOUNT_NUMBER", v_acct),
    "DATE": ("DATE_TIME", v_date), "WHEN": ("DATE_TIME", v_when), "FUT": ("DATE_TIME", v_future), "DOB": ("DATE_TIME", v_dob), "EMAIL": ("EMAIL", v_email),
    "CARD": ("CREDIT_DEBIT_NUMBER", v_card), "EXP": ("CREDIT_DEBIT_EXPIRY", v_expiry),
    "CVV": ("CREDIT_DEBIT_CVV", v_cvv), "PIN": ("PIN", v_pin), "PHONE": ("PHONE", v_phone),
    "ADDR": ("ADDRESS", v_address), "USADDR": ("ADDRESS", v_us_address),
    "CAADDR": ("ADDRESS", v_ca_address), "PW": ("PASSWORD", v_password), "USER": ("USERNAME", v_username),
    "URL": ("URL", v_url), "PASSPORT": ("PASSPORT_NUMBER", v_passport), "MAC": ("MAC_ADDRESS", v_mac),
    "IP": ("IP_ADDRESS", v_ip), "ABA": ("BANK_ROUTING", v_aba), "SORT": ("BANK_ROUTING", v_sortcode),
    "IBAN": ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", v_iban), "SWIFT": ("SWIFT_CODE", v_swift),
    "SSN": ("SSN", v_ssn), "ITIN": ("US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", v_itin),
    "DL": ("DRIVER_ID", v_driver), "NINO": ("UK_NATIONAL_INSURANCE_NUMBER", v_nino),
    "SIN": ("CA_SOCIAL_INSURANCE_NUMBER", v_sin), "NHS": ("UK_NATIONAL_HEALTH_SERVICE_NUMBER", v_nhs),
    "AGE": ("AGE", v_age),
    "amount": (None, u_amount), "ref": (None, u_ref), "otp": (None, u_otp), "last4": (None, u_last4),
    "count": (None, u_count), "merchant": (None, lambda: R.choice(MERCHANTS)),
    "bank": (None, lambda: R.choice(BANKS)), "product": (None, lambda: R.choice(PRODUCTS)),
    "branch": (None, lambda: R.choice(BRANCHES)),
}

# Templates: {SLOT} is a labelled value, {slot} (lowercase) an unlabelled filler. "|" separates
# chat turns that are joined with a space or a newline.
POSITIVE = [
    "hiya can u reset my login, user is {USER} and i think the pw was {PW}",
    "forgot password again lol. username {USER}",
    "my login name: {USER} / old password: {PW} - locked out since {WHEN}",
    "tried logging in as {USER} like {count} times, keeps saying wrong password even tho its {PW}",
    "Customer: I can't sign in|Agent: What's your username?|Customer: {USER}",
    "pls change my email to {EMAIL} the old one got hacked",
    "new number is {PHONE}, can u update it",
    "Hello, this is {NAME}. My phone changed to {PHONE} and my email is now {EMAIL}.",
    "moved house!! new addy {ADDR}",
    "Please send the replacement card to {ADDR} instead of my old place.",
    "Bot: Which address should we post the card to?|User: {ADDR}",
    "update my mailing address pls -> {ADDR}",
    "I live at {ADDR}, could you change it on my profile? thanks, {NAME}",
    "card stolen!!! {CARD} block it now",
    "lost my wallet at the station, card number {CARD} exp {EXP}",
    "Someone used my card {CARD} at {merchant} for {amount} on {DATE}, that wasn't me",
    "my debit card {CARD} expires {EXP} but I havent got the new one yet",
    "Bot: Please enter the long number on your card.|User: {CARD}",
    "is this right? card {CARD}, valid thru {EXP}, cvc {CVV}",
    "Trying to pay online, card {CARD} expiry {EXP} and the code on the back {CVV} but it keeps failing",
    "charge of {amount} from {merchant} on {DATE} - card ending {last4} - i dont recognise it",
    "wht is the routing number for my acct {ACCT}?",
    "pls send {amount} from {ACCT} to my cousin {NAME}, their account is {ACCT}",
    "Direct deposit form asks for routing {ABA} and account {ACCT}, are those right?",
    "my employer needs my aba: {ABA} acct: {ACCT}",
    "sort code {SORT} account number {ACCT} - is that my current account or savings?",
    "Paying my landlord {NAME}, sort code {SORT}, acc {ACCT}. Will it arrive by {DATE}?",
    "transfer to acct {ACCT} on {DATE} hasnt arrived, ref {ref}",
    "Hi, I'm {NAME}, account {ACCT}. Could you tell me why {amount} was taken on {DATE}?",
    "sending money home to {NAME} in Lagos, IBAN {IBAN}, BIC {SWIFT}",
    "Need to wire {amount} to {IBAN} (swift {SWIFT}), beneficiary {NAME}",
    "what's your swift code? the other side gave me {SWIFT} for theirs",
    "Is {IBAN} a valid iban? my tenant {NAME} sent it",
    "got a text saying my acct is frozen, link was {URL} - i typed my password {PW} in :(",
    "clicked {URL} by mistake and entered my card {CARD}",
    "Is {URL} really you guys? asks for my pin",
    "someone logged into my account from ip {IP} on {DATE}, wasn't me",
    "Security alert mentioned device {MAC} and IP {IP}. I only use my phone.",
    "my router mac is {MAC}, does the app block unknown devices?",
    "Logins from {IP} and {IP} today, neither is me",
    "Can I change my pin to {PIN}?",
    "forgot my card pin, I thought it was {PIN}",
    "Bot: To confirm it's you, please enter your PIN.|User: {PIN}",
    "for the application: passport {PASSPORT}, dob {DOB}",
    "my passport no is {PASSPORT}, expires {DATE}, is that ok for KYC?",
    "Opening an account. Name {NAME}, DOB {DOB}, SSN {SSN}, address {USADDR}",
    "ssn {SSN}",
    "I don't have a social security number, my ITIN is {ITIN}, can I still open a savings account?",
    "Tax form needs my ITIN ({ITIN}) and date of birth {DOB}",
    "driver's license {DL}, issued {DATE}",
    "can i verify with my drivers licence instead? number is {DL}",
    "my NI number is {NINO}",
    "National Insurance no. {NINO} - do you need anything else for the ISA?",
    "Canadian here, SIN {SIN}, need a tax slip",
    "my SIN is {SIN} and I moved to {CAADDR}",
    "NHS number {NHS} - the pharmacy says my direct debit bounced",
    "I'm {AGE} and retired, can I get the senior account? name's {NAME}",
    "my neighbour {NAME} is {AGE} now and can't manage online banking, can I be added as carer?",
    "Agent: Can I have your full name and date of birth?|Customer: {NAME}, {DOB}",
    "Bot: What name is on the account?|User: {NAME}|Bot: And your home address?|User: {ADDR}",
    "add {NAME} as a payee pls, acc {ACCT}",
    "Please remove my ex {NAME} from the joint account",
    "this is {FIRST}, I called on {DATE} about a dispute",
    "{FIRST} here. Still waiting for a callback, I'm on {PHONE}",
    "pls call me back on {PHONE} {FUT}",
    "email me the statement at {EMAIL} pls",
    "booked an appointment at the {branch} for {FUT}, I'm {NAME}",
    "my partner {NAME} passed away on {DATE}, what do I need to close their account {ACCT}?",
    "Customer: hi|Agent: Hello, how can I help?|Customer: card {CARD} got declined at {merchant}, exp {EXP}",
    "hi i'm {NAME} my email {EMAIL} phone {PHONE} pls update both",
    "verify: {NAME}, {DOB}, {ADDR}",
    "My username is {USER}, email {EMAIL}. The 2FA code {otp} never came",
    "I gave my pin {PIN} and the code {otp} to a guy who said he was from the bank on {DATE}",
    "recieved sms from {PHONE} saying to go to {URL}",
    "someone emailed me from {EMAIL} asking for my ssn {SSN}, is that legit?",
    "wire from {IBAN} on {DATE} still not showing",
    "set up standing order to {NAME}, IBAN {IBAN}, {amount} monthly from {DATE}",
    "Card: {CARD} / {EXP} / {CVV} - pls check why it was declined",
    "new card came, {CARD}, exp {EXP}. activate?",
    "cvv on my card is {CVV} but the site says invalid",
    "passport {PASSPORT} and drivers license {DL} uploaded on {DATE}, still not verified",
    "acct no {ACCT} pls confirm balance",
    "whats the balance on {ACCT}",
    "Can you check if {amount} landed in account {ACCT}? It's from {merchant}",
    "why is {ACCT} showing overdrawn when i paid in {amount}",
    "I opened {ACCT} with you but want the interest paid into {ACCT} instead",
    "account {ACCT} & sort code {SORT}, thats what the payroll has - correct?",
    "hi, can u check my card {CARD} isn't blocked? need it 4 travel",
    "number on card is {CARD}",
    "card # {CARD} exp {EXP} cvv {CVV}",
    "I entered {CARD} on {merchant}'s site and now there are {count} charges",
    "card {CARD} exp {EXP} keeps getting declined online",
    "my e-mail is {EMAIL}",
    "pls send the form to {EMAIL} not my work one",
    "update contact: {EMAIL} / {PHONE}",
    "text me on {PHONE} when the card ships",
    "my mobile is {PHONE}, old one was {PHONE}",
    "pwd reset pls, it's {USER}",
    "new password will be {PW}, is it strong enough?",
    "i wrote my password down as {PW} but it says incorrect",
    "got an email from {EMAIL} with a link {URL} and i logged in there, my pass is {PW}",
    "what's this site {URL}? it looks like yours",
    "login alert: new device {MAC}, location unknown. not me",
    "the fraud team said ip {IP}, mac {MAC} - i dont own that",
    "set my new PIN as {PIN} please",
    "pin {PIN} isn't working at the ATM",
    "routing {ABA}? or is that for wires only",
    "wire instructions: ABA {ABA}, account {ACCT}, is that enough?",
    "iban for my rent: {IBAN}",
    "receiving a SEPA transfer to {IBAN}, how long?",
    "bic {SWIFT} is it right for your Frankfurt office",
    "my new address {ADDR} - and the card should go there",
    "MOVED! {ADDR}",
    "send the chequebook to {ADDR} pls",
    "my passport number is {PASSPORT}",
    "social is {SSN}, can u pull up my account",
    "drivers lic {DL}",
    "NI no: {NINO}",
    "ITIN {ITIN}",
    "got a weird call {WHEN} from {PHONE} saying they were the fraud team",
    "atm ate my card {WHEN}, the one at the {branch}",
    "someone logged in {WHEN} from {IP}, pls lock it",
    "opening a savings acct for an elderly relative, age {AGE}, name {NAME}",
]

NEGATIVE = [
    "how do i turn on contactless?",
    "why was I charged {amount} by {merchant}?? i never signed up",
    "my card ending {last4} got declined at {merchant}",
    "code {otp} didn't work, can you send another?",
    "case {ref} still open after {count} weeks, any update?",
    "is the {branch} open on saturdays?",
    "what's the interest on the {product}?",
    "transaction {ref} for {amount} appears twice",
    "i've tried {count} times to log in and it keeps timing out",
    "refund of {amount} from {merchant} - ref {ref} - not received",
    "can I transfer money from {bank} to here without fees?",
    "whats the daily atm limit on the {product}",
    "the verification code is {otp}? it says expired",
    "how long does a transfer to {bank} take",
    "please cancel the {amount} direct debit to {merchant}",
    "app keeps crashing on android",
    "do u have an overdraft for students",
    "Customer: my card ending {last4} is frozen|Agent: I've unfrozen it, try again now.|Customer: works, thx",
    "Bot: Is there anything else I can help with?|User: no thats all",
    "I was charged {count} overdraft fees of {amount}, can you waive them?",
    "i want to dispute {ref}",
    "switching my salary over from {bank}, what do i need?",
    "how many free international transfers do i get on the {product}",
    "hey is there an outage? app wont load",
    "can i get a new card sent, mine's cracked",
    "where do i find my statements in the app",
    "whats the exchange rate if i send {amount} to Poland",
    "i paid {amount} to {merchant} twice by accident",
    "how do I freeze my card",
    "r u open on bank holidays",
    "i got {count} texts saying my card was used, all for {amount}",
    "my pay of {amount} hasn't come in, its usually here by now",
    "the app says error 503 when I try to log in",
    "do you charge for paying {bank}'s credit card from here",
    "apple pay not working with my card ending {last4}",
    "ticket {ref} - any news?",
    "otp {otp} not accepted",
    "Bot: How can I help today?|User: need to increase my limit on the {product}",
    "I want a mortgage in principle, who do I talk to?",
    "pls close the {product}, I'm moving everything to {bank}",
    "how do i add a joint account holder",
    "cheque deposit from {count} days ago still on hold",
    "can I order {count} paying-in books?",
]


# The dev set's share of each type (from its entity counts), the mix the extra records aim at.
DEV_SHARE = {t: c / sum(DEV_COUNTS.values()) for t, c in DEV_COUNTS.items()}


def slot_types(tpl):
    return [MAKERS[m][0] for m in re.findall(r"\{([A-Za-z0-9]+)\}", tpl) if MAKERS[m][0]]


def render(tpl):
    parts = re.split(r"(\{[A-Za-z0-9]+\})", tpl)
    text, ents = "", []
    for p in parts:
        m = re.fullmatch(r"\{([A-Za-z0-9]+)\}", p)
        if not m:
            text += p
            continue
        typ, fn = MAKERS[m.group(1)]
        val = fn()
        b = len(text)
        text += val
        if typ:  # fillers (amounts, references, OTPs, last-4, ...) are inserted but not labelled
            ents.append({"type": typ, "begin": b, "end": len(text), "_v": val})
    return text, ents


def casualise(text):
    """Mobile-style variations that do not move the values' own characters."""
    r = R.random()
    if r < 0.08:
        return text + " " + R.choice(["thx", "pls", "asap!!", "ty", ":("])
    return text


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                               "banking_chat_pii_holdout10.jsonl")
    n_neg = N_RECORDS // 5
    picks = [("p", i) for i in range(len(POSITIVE))] + [("n", i) for i in range(len(NEGATIVE))]
    while sum(1 for k, _ in picks if k == "n") < n_neg:
        picks.append(("n", R.randrange(len(NEGATIVE))))
    # Extra positive records steer the type mix towards the dev set's: of a few random templates,
    # take the one whose slots fill the types furthest below their dev share.
    have = {}
    for k, i in picks:
        if k == "p":
            for t in slot_types(POSITIVE[i]):
                have[t] = have.get(t, 0) + 1
    while len(picks) < N_RECORDS:
        total = sum(have.values()) or 1
        best = None
        for i in sorted(R.sample(range(len(POSITIVE)), 6)):
            ts = slot_types(POSITIVE[i])
            score = sum(DEV_SHARE.get(t, 0.005) * total - have.get(t, 0) for t in ts) / len(ts)
            if best is None or score > best[0]:
                best = (score, i)
        picks.append(("p", best[1]))
        for t in slot_types(POSITIVE[best[1]]):
            have[t] = have.get(t, 0) + 1
    R.shuffle(picks)
    records = []
    for idx, (kind, ti) in enumerate(picks):
        tpl = POSITIVE[ti] if kind == "p" else NEGATIVE[ti]
        text, ents = render(tpl)
        if "|" in tpl:
            # chat turns: "|" becomes one space or newline, so no offset moves
            assert all("|" not in e["_v"] for e in ents)
            text = text.replace("|", R.choice([" ", "\n"]))
        text = casualise(text)
        # every labelled span is one inserted value, one per labelled slot, check digits valid
        assert len(ents) == len(slot_types(tpl)), tpl
        for e in ents:
            v = e["_v"]
            if e["type"] == "CREDIT_DEBIT_NUMBER" or e["type"] == "CA_SOCIAL_INSURANCE_NUMBER":
                assert luhn_ok(v), v
            if e["type"] == "BANK_ROUTING" and len(re.sub(r"\D", "", v)) == 9:
                assert aba_ok(v), v
            if e["type"] == "INTERNATIONAL_BANK_ACCOUNT_NUMBER":
                assert iban_ok(v), v
        for e in ents:
            assert text[e["begin"]:e["end"]] == e.pop("_v"), (text, e)
        ents.sort(key=lambda e: e["begin"])
        for a, b in zip(ents, ents[1:]):
            assert a["end"] <= b["begin"], text
        tid = ti + 1 if kind == "p" else 1000 + ti + 1
        records.append({"id": f"bankchat-holdout10-{idx:04d}", "split": "holdout10", "text": text,
                        "entities": ents, "template_id": f"holdout10:{tid}", "template_source": "own"})
    with open(out, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
