#!/usr/bin/env python3
"""Generate the blind holdout15 banking-chat PII test set (written without looking at the detector).

Focus: other messages of the dev set's kind. The type mix follows the dev set's counts scaled to
~300 records (every template once, then a greedy fill towards the scaled counts), with ~21% hard
negatives (amounts, merchants, case/transaction references, one-time passcodes, card last-4, counts,
product names, app error codes, branch names). New wording, own templates: multi-line chats with a
human agent, customers who correct themselves ("sorry, I meant ..."), bare answers to an agent's
checklist, text pasted from a PDF statement or a screenshot's OCR (odd spacing, line breaks),
English mixed with a few words of the customer's language, fraud reports, account opening, payee
setup, travel notices, lost-card calls continued in chat. Places: US (about half), Canada (English
and French), Ireland, Scotland, Singapore, Malaysia, Philippines, Pakistan, Egypt, Poland, Portugal,
Argentina, Chile, with their names, address layouts and phone formats.

Labelling rules (the dev set's): spans cover the value only, never the cue word. A full postal
address (street, town, region, postcode) is one ADDRESS span. Calendar dates (birth, transaction,
travel, due) are DATE_TIME; durations and counts are not. Full names and first names alone are NAME.
Card expiry is CREDIT_DEBIT_EXPIRY, the 3/4-digit code CREDIT_DEBIT_CVV, a card PIN or app passcode
PIN, US ABA numbers BANK_ROUTING. Both the wrong and the corrected value of a self-correction are
labelled. Amounts, bank, merchant and company names, case/transaction references, one-time
passcodes, card last-4, product and branch names, error codes are not labelled. Only types the dev
set uses occur. Every card passes Luhn, every ABA number its 3-7-1 check, every IBAN mod-97 with its
country's real length. Offsets are Python str (code point) indices.

Usage: python3 make_holdout15_set.py [out.jsonl]   (stdlib only, fixed seed)
"""
import collections
import json
import os
import random
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checksums import aba_ok, iban_mod97, iban_ok, luhn_complete, luhn_ok  # noqa: E402
from dev_mix import DEV_COUNTS, DEV_NEGATIVES, DEV_RECORDS  # noqa: E402

R = random.Random(1515)
N_RECORDS = 300
IBAN_LEN = {"IE": 22, "GB": 22, "PL": 28, "PT": 25, "EG": 29, "PK": 24}

# ---------------------------------------------------------------- people and places per locale
FIRST = {
    "us": "Marcus Jenna Tyler Brianna Dwayne Kayla Hector Megan Luis Shanice Travis Courtney".split(),
    "ca": "Liam Chloe Owen Avery Nathan Brooke Connor Maya".split(),
    "caf": "Mathieu Geneviève Étienne Isabelle Frédéric Chantal Benoît Maude".split(),
    "ie": "Siobhán Cian Aoife Darragh Niamh Oisín Ciara Eoin".split(),
    "sco": "Callum Isla Fraser Morag Hamish Eilidh Ewan Kirsty".split(),
    "sg": "Wei Ling|Jun Hao|Hui Min|Kai Xuan|Siew Mei|Darren".split("|"),
    "my": "Nurul Hafiz|Siti|Azlan|Mei Fong|Rajesh|Farah|Aiman".split("|"),
    "ph": "Maricel Jericho Rowena Paolo Jasmine Rodel Kristine Angelo".split(),
    "pk": "Ayesha Bilal Hira Usman Sana Hamza Mahnoor Zeeshan".split(),
    "eg": "Mariam Karim Nourhan Mostafa Yasmin Omar Habiba Tarek".split(),
    "pl": "Katarzyna Paweł Agnieszka Marcin Magdalena Łukasz Joanna Krzysztof".split(),
    "pt": "Inês Tiago Beatriz Duarte Mariana Gonçalo Leonor Rui".split(),
    "ar": "Florencia Matías Camila Nicolás Agustina Santiago Lucía Facundo".split(),
    "cl": "Javiera Benjamín Constanza Vicente Catalina Ignacio Francisca Tomás".split(),
}
LAST = {  # "|" separates surnames, which may hold blanks (particles)
    "us": "Whitfield|Okafor|Delgado|Brennan|Castillo|Hollister|Nguyen|Washington|Pruitt|Kowalczyk",
    "ca": "MacKenzie|Fraser|Tremblay-Hughes|Lindqvist|Boychuk|Sandhu|Clarke",
    "caf": "Gagnon|Bouchard|Lavoie|Côté|Bélanger|Pelletier|Thibodeau",
    "ie": "O'Sullivan|Ní Bhriain|Fitzgerald|McCarthy|Doyle|Ó Murchú|Kavanagh",
    "sco": "MacLeod|Campbell|Fraser|Buchanan|McIntyre|Sutherland|Robertson",
    "sg": "Tan|Lim|Goh|Ng|Teo|Koh|Chua",
    "my": "binti Abdullah|bin Ismail|Chong|Subramaniam|Wong|binti Razak",
    "ph": "dela Cruz|Santos|Villanueva|Bautista|Reyes|Manalo|Pascual",
    "pk": "Qureshi|Siddiqui|Malik|Chaudhry|Butt|Raza|Khan",
    "eg": "Abdel Rahman|El-Sayed|Fahmy|Mansour|Hassan|Soliman|Nasser",
    "pl": "Wiśniewska|Kowalczyk|Zieliński|Wójcik|Lewandowska|Kamiński|Dąbrowski",
    "pt": "Ferreira|Carvalho|Rodrigues|Sousa|Pereira|Gonçalves|Almeida",
    "ar": "Fernández|Giménez|Sosa|Romero|Acosta|Benítez|Medina",
    "cl": "Muñoz|Rojas|Contreras|Soto|Araya|Espinoza|Valenzuela",
}
LAST = {k: v.split("|") for k, v in LAST.items()}

STREETS = {
    "us": ["Larkspur Lane", "Old Mill Road", "Juniper Court", "Bayview Drive", "Cottonwood Ave",
           "Meridian St", "Harbor View Blvd", "Quail Run"],
    "us_city": [("Spokane", "WA"), ("Tulsa", "OK"), ("Raleigh", "NC"), ("Boise", "ID"), ("Dayton", "OH"),
                ("Savannah", "GA"), ("Fresno", "CA"), ("Lubbock", "TX"), ("Des Moines", "IA")],
}


def pick(seq):
    return seq[R.randrange(len(seq))]


def digits(n):
    return "".join(str(R.randrange(10)) for _ in range(n))


def name(loc):
    return f"{pick(FIRST[loc])} {pick(LAST[loc])}"


def address(loc):
    n = R.randint(2, 9800)
    if loc == "us":
        city, st = pick(STREETS["us_city"])
        street = pick(STREETS["us"])
        unit = pick(["", "", f" Apt {R.randint(1, 40)}", f" Unit {R.randint(1, 9)}B"])
        return pick([f"{n} {street}{unit}, {city}, {st} {digits(5)}", f"{n} {street}{unit}, {city} {st} {digits(5)}",
                     f"{n} {street.lower()}, {city.lower()}, {st.lower()} {digits(5)}"])
    L, D = "ABCEGHJKLMNPRSTVXY", "0123456789"
    pc_ca = lambda p: f"{p}{pick(D)}{pick(L)} {pick(D)}{pick(L)}{pick(D)}"  # noqa: E731
    if loc == "ca":
        return pick([f"{R.randint(10, 990)} Dundas St W, Toronto, ON {pc_ca('M')}",
                     f"{R.randint(100, 9000)} 17 Ave SW, Calgary, AB {pc_ca('T')}",
                     f"Unit {R.randint(2, 30)}, {R.randint(100, 990)} Robson Street, Vancouver, BC {pc_ca('V')}",
                     f"{R.randint(10, 300)} Spring Garden Rd, Halifax, NS {pc_ca('B')}"])
    if loc == "caf":
        return pick([f"{R.randint(100, 4999)}, rue Saint-Denis, Montréal (Québec) {pc_ca('H')}",
                     f"{R.randint(10, 999)} boulevard René-Lévesque Est, app. {R.randint(1, 40)}, Québec, QC {pc_ca('G')}",
                     f"{R.randint(10, 900)} rue Principale, Gatineau QC {pc_ca('J')}"])
    if loc == "ie":
        ek = lambda k: f"{k} {pick('ACDEFHKNPRTVWXY')}{digits(1)}{pick('ACDEFHKNPRTVWXY')}{digits(1)}"  # noqa: E731
        return pick([f"{R.randint(1, 90)} Grange Park, Rathfarnham, Dublin 14, {ek('D14')}",
                     f"Apt {R.randint(1, 60)}, The Maltings, Bishop Street, Cork, {ek('T12')}",
                     f"{R.randint(1, 40)} Sea Road, Salthill, Galway {ek('H91')}",
                     f"Ballyduff Upper, Co. Waterford, {ek('P51')}"])
    if loc == "sco":
        return pick([f"{R.randint(1, 90)} Marchmont Road, Edinburgh EH9 {digits(1)}HY",
                     f"Flat 2/{R.randint(1, 3)}, {R.randint(10, 300)} Byres Road, Glasgow G12 {digits(1)}RG",
                     f"{R.randint(1, 60)} Union Grove, Aberdeen AB10 {digits(1)}SJ",
                     f"{R.randint(1, 30)} Perth Road, Dundee DD1 {digits(1)}LN"])
    if loc == "sg":
        return pick([f"Blk {R.randint(100, 699)} Ang Mo Kio Avenue {R.randint(1, 10)}, #{R.randint(2, 20):02d}-{R.randint(1, 400):02d}, Singapore 56{digits(4)}",
                     f"{R.randint(1, 200)} Tanjong Pagar Road, #{R.randint(2, 9):02d}-{R.randint(1, 30):02d}, Singapore 08{digits(4)}",
                     f"Blk {R.randint(100, 900)} Tampines Street {R.randint(11, 90)}, #{R.randint(2, 15):02d}-{R.randint(10, 300)}, Singapore 52{digits(4)}"])
    if loc == "my":
        return pick([f"No. {R.randint(1, 90)}, Jalan SS 2/{R.randint(2, 80)}, 47300 Petaling Jaya, Selangor",
                     f"{R.randint(1, 40)}-{R.randint(1, 20)}, Jalan Tun Razak, 50400 Kuala Lumpur",
                     f"Lot {R.randint(100, 999)}, Jalan Bukit Indah {R.randint(1, 20)}, 81200 Johor Bahru, Johor"])
    if loc == "ph":
        return pick([f"Unit {R.randint(100, 3000)}, {R.randint(1, 200)} Ayala Avenue, Makati City, 1226 Metro Manila",
                     f"{R.randint(1, 200)} Mabini St, Brgy. San Roque, Quezon City 1109",
                     f"Blk {R.randint(1, 30)} Lot {R.randint(1, 40)}, Camella Homes, Bacoor, Cavite 4102"])
    if loc == "pk":
        return pick([f"House {R.randint(1, 300)}, Street {R.randint(1, 60)}, F-7/2, Islamabad 44000",
                     f"{R.randint(1, 99)}-B, Block {pick('ABCDEFGHJKLMN')}, Gulberg III, Lahore 54660",
                     f"Flat {R.randint(1, 20)}, Plot {R.randint(10, 200)}, Clifton Block {R.randint(1, 9)}, Karachi 75600"])
    if loc == "eg":
        return pick([f"{R.randint(1, 60)} Mohamed Mazhar St, Zamalek, Cairo 11211",
                     f"Apt {R.randint(1, 30)}, {R.randint(1, 90)} Street 9, Maadi, Cairo 11728",
                     f"{R.randint(1, 200)} El Horreya Road, Sidi Gaber, Alexandria 21523"])
    if loc == "pl":
        return pick([f"ul. Marszałkowska {R.randint(1, 140)} m. {R.randint(1, 60)}, 00-{digits(3)} Warszawa",
                     f"ul. Długa {R.randint(1, 90)}/{R.randint(1, 20)}, 31-{digits(3)} Kraków",
                     f"al. Grunwaldzka {R.randint(1, 400)}, 80-{digits(3)} Gdańsk"])
    if loc == "pt":
        return pick([f"Rua Augusta {R.randint(1, 280)}, {R.randint(1, 6)}.º Esq, 1100-{digits(3)} Lisboa",
                     f"Rua de Santa Catarina {R.randint(1, 900)}, 4000-{digits(3)} Porto",
                     f"Av. da República {R.randint(1, 90)}, 3.º Dto, 1050-{digits(3)} Lisboa"])
    if loc == "ar":
        return pick([f"Av. Corrientes {R.randint(100, 6000)}, piso {R.randint(1, 15)} dto {pick('ABCD')}, C1043 CABA",
                     f"Calle {R.randint(1, 70)} n° {R.randint(100, 1800)}, La Plata, Buenos Aires B1900",
                     f"Bv. Oroño {R.randint(100, 2000)}, S2000 Rosario, Santa Fe"])
    if loc == "cl":
        return pick([f"Av. Providencia {R.randint(100, 2900)}, depto {R.randint(100, 2200)}, Providencia, Santiago",
                     f"Los Carrera {R.randint(100, 1900)}, Concepción",
                     f"Pasaje Los Aromos {R.randint(1, 99)}, Viña del Mar"])
    raise KeyError(loc)


PHONE_FMT = {
    "us": lambda: pick([f"({pick(['509', '918', '919', '208', '937', '912'])}) 555-01{digits(2)}",
                        f"{pick(['559', '806', '515'])}-555-01{digits(2)}", f"+1 918 555 01{digits(2)}",
                        f"937.555.01{digits(2)}", f"208555 01{digits(2)}".replace(" ", "")]),
    "ca": lambda: pick([f"(416) 555-01{digits(2)}", f"+1 604 555 01{digits(2)}", f"403-555-01{digits(2)}"]),
    "caf": lambda: pick([f"514 555-01{digits(2)}", f"+1 418 555-01{digits(2)}", f"(819) 555-01{digits(2)}"]),
    "ie": lambda: pick([f"087 {digits(3)} {digits(4)}", f"+353 86 {digits(3)} {digits(4)}", f"(01) {digits(3)} {digits(4)}"]),
    "sco": lambda: pick([f"07700 900{digits(3)}", f"+44 131 496 0{digits(3)}", f"0141 496 0{digits(3)}"]),
    "sg": lambda: pick([f"+65 9{digits(3)} {digits(4)}", f"8{digits(3)} {digits(4)}", f"+65 6{digits(3)}-{digits(4)}"]),
    "my": lambda: pick([f"+60 12-{digits(3)} {digits(4)}", f"019-{digits(3)} {digits(4)}", f"+6017 {digits(3)} {digits(4)}"]),
    "ph": lambda: pick([f"+63 917 {digits(3)} {digits(4)}", f"0918 {digits(3)} {digits(4)}", f"(02) 8{digits(3)} {digits(4)}"]),
    "pk": lambda: pick([f"+92 300 {digits(7)}", f"0321-{digits(7)}", f"+92 42 {digits(4)} {digits(4)}"]),
    "eg": lambda: pick([f"+20 10 {digits(4)} {digits(4)}", f"0122 {digits(3)} {digits(4)}", f"+20 2 {digits(4)} {digits(4)}"]),
    "pl": lambda: pick([f"+48 601 {digits(3)} {digits(3)}", f"512 {digits(3)} {digits(3)}", f"+48 22 {digits(3)} {digits(2)} {digits(2)}"]),
    "pt": lambda: pick([f"+351 912 {digits(3)} {digits(3)}", f"93{digits(1)} {digits(3)} {digits(3)}", f"+351 21 {digits(3)} {digits(4)}"]),
    "ar": lambda: pick([f"+54 9 11 {digits(4)}-{digits(4)}", f"011 4{digits(3)}-{digits(4)}", f"+54 9 341 {digits(3)}-{digits(4)}"]),
    "cl": lambda: pick([f"+56 9 {digits(4)} {digits(4)}", f"9 {digits(4)} {digits(4)}", f"+56 2 {digits(4)} {digits(4)}"]),
}
MONTHS = "January February March April May June July August September October November December".split()
MONTHS_LOC = {
    "caf": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "ar": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro".split(),
}
MONTHS_LOC["cl"] = MONTHS_LOC["ar"]


def date(loc, birth=False):
    y = R.randint(1948, 2004) if birth else R.choice([2025, 2026])
    m, d = R.randint(1, 12), R.randint(1, 28)
    if loc == "us":
        opts = [f"{m}/{d}/{y}", f"{m:02d}/{d:02d}/{y}", f"{MONTHS[m - 1]} {d}, {y}"]
        if not birth:
            opts += [f"{MONTHS[m - 1]} {d}", f"{MONTHS[m - 1][:3]} {d}th" if d > 3 and d < 21 else f"{MONTHS[m - 1]} {d}"]
        return pick(opts)
    if loc in MONTHS_LOC and R.random() < 0.5:
        sep = " de " if loc in ("ar", "cl", "pt") else " "
        return f"{d}{sep}{MONTHS_LOC[loc][m - 1]}{sep}{y}"
    if loc == "pl":
        return pick([f"{d:02d}.{m:02d}.{y}", f"{y}-{m:02d}-{d:02d}"])
    opts = [f"{d}/{m}/{y}", f"{d:02d}/{m:02d}/{y}", f"{d} {MONTHS[m - 1]} {y}", f"{y}-{m:02d}-{d:02d}"]
    if not birth:
        opts += [f"{d} {MONTHS[m - 1][:3]}", f"{d}th of {MONTHS[m - 1]}" if 3 < d < 21 else f"{d} {MONTHS[m - 1]}"]
    return pick(opts)


def card(style=None):
    kind = pick(["visa", "visa", "mc", "mc", "amex"])
    if kind == "amex":
        n = luhn_complete(pick(["34", "37"]) + digits(12))
        return pick([f"{n[:4]} {n[4:10]} {n[10:]}", n])
    body = "4" + digits(14) if kind == "visa" else pick(["51", "52", "53", "54", "55"]) + digits(13)
    n = luhn_complete(body)
    g = [n[i:i + 4] for i in range(0, 16, 4)]
    return pick([" ".join(g), " ".join(g), n, "-".join(g), "  ".join(g)])


def expiry():
    m, y = R.randint(1, 12), R.randint(26, 31)
    return pick([f"{m:02d}/{y}", f"{m}/{y}", f"{m:02d}-{y}", f"{m:02d}/20{y}", f"{m:02d}/{y}"])


def routing():
    while True:
        n = f"{pick([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32]):02d}" + digits(6)
        for c in "0123456789":
            if aba_ok(n + c):
                return n + c


def iban(cc):
    bban = {
        "IE": lambda: pick(["AIBK", "BOFI", "IPBS", "ULSB"]) + digits(14),
        "GB": lambda: pick(["BKSC", "RBOS", "CLYD", "NWBK"]) + digits(14),
        "PL": lambda: digits(24),
        "PT": lambda: "00" + digits(19),
        "EG": lambda: digits(25),
        "PK": lambda: pick(["HABB", "MUCB", "UNIL", "MEZN"]) + digits(16),
    }[cc]()
    tmp = bban + cc + "00"
    check = 98 - int("".join(str(int(c, 36)) for c in tmp)) % 97
    s = f"{cc}{check:02d}{bban}"
    assert len(s) == IBAN_LEN[cc] and iban_ok(s), s
    return pick([s, " ".join(s[i:i + 4] for i in range(0, len(s), 4))])


def swift(cc):
    bank = "".join(pick("ABCDEFGHIJKLMNOPRSTUVWXYZ") for _ in range(4))
    loc = pick(["2L", "22", "KL", "MM", "CX", "DD", "PA"])
    return bank + cc + loc + pick(["", "XXX", "XXX", digits(3)])


def ssn():
    a = R.randint(1, 899)
    while a == 666:
        a = R.randint(1, 899)
    n = f"{a:03d}-{R.randint(1, 99):02d}-{R.randint(1, 9999):04d}"
    return pick([n, n, n.replace("-", ""), n.replace("-", " ")])


def itin():
    return f"9{digits(2)}-{pick(['70', '72', '78', '81', '88', '90', '94', '97'])}-{digits(4)}"


def nino():
    n = pick(["AB", "CE", "JG", "KM", "NR", "PW", "SH", "TZ", "WL", "YP"]) + digits(6) + pick("ABCD")
    return pick([n, n, n.lower(), f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:8]} {n[8]}"])


def passport(loc):
    L = "ABCDEFGHJKLMNPRSTUVWXYZ"
    return {
        "us": lambda: pick([digits(9), pick(L) + digits(8)]),
        "ie": lambda: pick(L) + pick(L) + digits(7), "sco": lambda: digits(9),
        "pl": lambda: pick(L) + pick(L) + digits(7), "pt": lambda: pick(L) + digits(6),
        "ph": lambda: "P" + digits(7) + pick(L), "pk": lambda: pick(L) + pick(L) + digits(7),
        "eg": lambda: "A" + digits(8), "sg": lambda: "K" + digits(7) + pick(L),
        "my": lambda: "A" + digits(8), "ca": lambda: pick(L) + pick(L) + digits(6),
        "caf": lambda: pick(L) + pick(L) + digits(6), "ar": lambda: digits(8) + "N",
        "cl": lambda: pick(L) + digits(8),
    }[loc]()


def driver(loc):
    L = "ABCDEFGHJKLMNPRSTWY"
    if loc == "ca":
        return f"{pick(L)}{digits(4)}-{digits(5)}-{digits(5)}"
    return pick([digits(9), pick(L) + digits(12), digits(8), pick(L) + digits(7)])


def mac():
    b = [R.randrange(256) for _ in range(6)]
    sep, case = pick([":", "-", ":"]), pick(["%02X", "%02x", "%02X"])
    return sep.join(case % x for x in b)


def ip():
    return pick([f"192.0.2.{R.randint(1, 254)}", f"198.51.100.{R.randint(1, 254)}", f"203.0.113.{R.randint(1, 254)}",
                 f"2001:db8:{R.randrange(65536):x}::{R.randrange(65536):x}"])


WORDS = "lumen brisk cedar quill nimbus copper tundra pebble saffron harbor falcon marble aurora kestrel".split()


def url():
    w1, w2 = pick(WORDS), pick(WORDS)
    return pick([f"https://{w1}bank-secure.example.com/verify?ref={digits(6)}", f"http://{w1}-{w2}.example.net/login",
                 f"www.{w1}{w2}.example.org/account/unlock", f"https://bit.example.test/{w1[:3]}{digits(4)}",
                 f"https://{w1}-pay.example.com", f"{w1}-refunds.example.net/claim"])


def email(loc, who=None):
    f, l = (who.split(" ", 1) + [pick(WORDS)])[:2] if who else (pick(FIRST[loc]), pick(LAST[loc]))
    strip = lambda s: re.sub(r"[^a-z]", "", unicodedata.normalize("NFKD", s.lower()).replace("ł", "l"))  # noqa: E731
    f, l = strip(f) or "x", strip(l) or "y"
    dom = pick(["example.com", "example.org", "example.net", "mail.example.ie", "inbox.test", "post.example.co.uk"])
    return pick([f"{f}.{l}@{dom}", f"{f[0]}{l}{R.randint(1, 99)}@{dom}", f"{l}_{f}@{dom}", f"{pick(WORDS)}{R.randint(10, 999)}@{dom}"])


def username(loc):
    f = re.sub(r"[^a-z]", "", pick(FIRST[loc]).lower()) or "user"
    return pick([f"{f}_{pick(WORDS)}", f"{f}{R.randint(1970, 2005)}", f"{pick(WORDS)}.{f}", f"{f[0]}{pick(WORDS)}{R.randint(1, 99)}"])


def password():
    w = pick(WORDS)
    return pick([f"{w.capitalize()}{pick(WORDS).capitalize()}{R.randint(10, 99)}!", f"{w[:3]}#{digits(4)}{pick(WORDS)[:2].upper()}",
                 f"{w.replace('a', '@').replace('o', '0')}{digits(2)}", "".join(pick("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(R.randint(9, 12)))])


def account(loc):
    if loc == "sg":
        return pick([f"{digits(3)}-{digits(6)}-{digits(1)}", digits(10)])
    if loc == "my":
        return pick([digits(12), f"{digits(4)}-{digits(4)}-{digits(4)}"])
    return pick([digits(8), digits(9), digits(10), digits(12), "0" + digits(7)])


CUR = {"us": "$", "ca": "C$", "caf": "$", "ie": "€", "sco": "£", "sg": "S$", "my": "RM", "ph": "₱", "pk": "Rs ",
       "eg": "EGP ", "pl": "zł ", "pt": "€", "ar": "ARS ", "cl": "CLP "}
MERCHANTS = "Uber Eats|Amazon Marketplace|Airbnb|Booking.com|Apple.com/bill|Netflix|Steam".split("|")
PRODUCTS = "Platinum Rewards Visa|Everyday Saver|Student Plus account|Premier Current Account|Cash Back Mastercard|Business Essentials|Flex Overdraft|Kids Saver".split("|")
ERRORS = "ERR-4012|E1021|code 5003|AUTH_TIMEOUT_17|error 0x80070057|BIO-219".split("|")


ISO = {"us": "USD", "ca": "CAD", "caf": "CAD", "ie": "EUR", "sco": "GBP", "sg": "SGD", "my": "MYR", "ph": "PHP",
       "pk": "PKR", "eg": "EGP", "pl": "PLN", "pt": "EUR", "ar": "ARS", "cl": "CLP"}
LOCAL_MERCHANTS = {"us": "Walmart|Chipotle|Target|Venmo", "ca": "Tim Hortons|Loblaws|Canadian Tire",
                   "caf": "Tim Hortons|IGA|Jean Coutu", "ie": "Dunnes Stores|Penneys|Supermac's",
                   "sco": "Tesco|Greggs|ScotRail", "sg": "GrabFood|FairPrice|Shopee", "my": "Lazada|Shopee|Grab",
                   "ph": "Jollibee|Lazada|SM Supermarket", "pk": "Daraz|Foodpanda|Imtiaz", "eg": "Talabat|Carrefour|Jumia",
                   "pl": "Allegro|Biedronka|Żabka", "pt": "Continente|Pingo Doce|Worten",
                   "ar": "Mercado Libre|Rappi|Coto", "cl": "Falabella|Líder|Rappi"}
BRANCH_BY_LOC = {"us": "Main St branch|Downtown branch|Westgate branch", "ca": "Yonge and Bloor branch|Robson branch",
                 "caf": "succursale Sainte-Catherine|succursale du Vieux-Québec", "ie": "Grafton Street branch|Patrick Street branch",
                 "sco": "Princes Street branch|Buchanan Street branch", "sg": "Orchard Road branch|Tampines branch",
                 "my": "Bangsar branch|Mid Valley branch", "ph": "Ayala branch|Ortigas branch", "pk": "Gulberg branch|Clifton branch",
                 "eg": "Zamalek branch|Maadi branch", "pl": "Rynek Główny branch|Mokotów branch", "pt": "Chiado branch|Boavista branch",
                 "ar": "Palermo branch|sucursal Belgrano", "cl": "Las Condes branch|sucursal Providencia"}


def amount(loc):
    v = pick([f"{R.randint(3, 980)}.{digits(2)}", f"{R.randint(1, 9)},{digits(3)}.{digits(2)}", f"{R.randint(10, 500)}"])
    return pick([f"{CUR[loc]}{v}", f"{v} {ISO[loc]}"])


UNLABELLED = {
    "amt": amount, "merch": lambda loc: pick(MERCHANTS + LOCAL_MERCHANTS[loc].split("|") * 3), "otp": lambda loc: digits(6),
    "lastfour": lambda loc: digits(4), "ref": lambda loc: pick([f"CASE-{digits(7)}", f"TXN{digits(10)}", f"#{digits(8)}", f"REF {pick('ABCDEFGHK')}{digits(2)}{pick('QWXYZ')}{digits(5)}", f"ticket {digits(6)}"]),
    "n": lambda loc: str(R.randint(2, 45)), "prod": lambda loc: pick(PRODUCTS), "branch": lambda loc: pick(BRANCH_BY_LOC[loc].split("|")),
    "err": lambda loc: pick(ERRORS),
}
LABELLED = {  # slot -> (type, generator(loc))
    "name": ("NAME", name), "first": ("NAME", lambda loc: pick(FIRST[loc])), "addr": ("ADDRESS", address),
    "phone": ("PHONE", lambda loc: PHONE_FMT[loc]()), "email": ("EMAIL", email), "date": ("DATE_TIME", date),
    "dob": ("DATE_TIME", lambda loc: date(loc, True)), "card": ("CREDIT_DEBIT_NUMBER", lambda loc: card()),
    "exp": ("CREDIT_DEBIT_EXPIRY", lambda loc: expiry()), "cvv": ("CREDIT_DEBIT_CVV", lambda loc: digits(pick([3, 3, 3, 4]))),
    "pin": ("PIN", lambda loc: digits(pick([4, 4, 4, 6]))), "acct": ("BANK_ACCOUNT_NUMBER", account),
    "routing": ("BANK_ROUTING", lambda loc: routing()), "ssn": ("SSN", lambda loc: ssn()),
    "itin": ("US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", lambda loc: itin()), "pass": ("PASSPORT_NUMBER", passport),
    "dl": ("DRIVER_ID", driver), "nino": ("UK_NATIONAL_INSURANCE_NUMBER", lambda loc: nino()),
    "mac": ("MAC_ADDRESS", lambda loc: mac()), "ip": ("IP_ADDRESS", lambda loc: ip()), "url": ("URL", lambda loc: url()),
    "user": ("USERNAME", username), "pw": ("PASSWORD", lambda loc: password()),
}
for _cc in IBAN_LEN:
    LABELLED["iban" + _cc] = ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", lambda loc, cc=_cc: iban(cc))
for _cc in ["US", "IE", "GB", "SG", "MY", "PH", "PK", "EG", "PL", "PT", "AR", "CL", "CA"]:
    LABELLED["swift" + _cc] = ("SWIFT_CODE", lambda loc, cc=_cc: swift(cc))


# ---------------------------------------------------------------- templates: "locale|text", \n = new line
TEMPLATES = r"""
us|Agent: To reset, I'll need your username.\nCustomer: {user}\nAgent: Never share your password with us.\nCustomer: oops, it was {pw}
us|I wrote my password on a sticky note: {pw}. Someone took a photo of it at work, should I change it?
us|sorry, I meant the password is {pw}, not {pw}, that's why it failed
us|my online banking password {pw} got leaked in the {merch} data breach, what do I do
us|Screenshot text: "Password: {pw}  Show  Hide" - why is the app showing it in plain text?!
us|mac of the laptop is {mac}, your IT person asked for it when I called about the lockout
us|which device is {mac}? it's in my login history and I don't own it
us|swift for my US account? someone said {swiftUS}, is that right for incoming from Manila?
ca|I typed my password {pw} into a site that looked like yours, please lock everything
caf|mon mot de passe {pw} ne marche plus après la mise à jour
ie|Password {pw} was saved in the browser on the library PC, can you force a reset?
sco|my laddie set the password to {pw} and I can't remember it, can you change it?
sg|password {pw} wrong 3 times, now locked, {err}
my|Password lama {pw}, I want to change but the app hang
ph|Nakalimutan ko po ang password, the last one I remember is {pw}
pk|sir my password {pw} is not working on new phone
eg|I gave my password {pw} to someone on the phone who said he was from the bank
pl|Hasło {pw} przestało działać, login {user}
pt|a minha password {pw} foi bloqueada depois de 3 tentativas
ar|Me robaron el celular, la contraseña del home banking es {pw}, cambiarla urgente
cl|Pagué a un proveedor en Lima, me pidieron el SWIFT {swiftCL} y el número de cuenta {acct}
my|Maybank told me the SWIFT code {swiftMY}, account {acct}, can I send from here?
ph|Receiving account {acct} po, for my mother in Davao
us|Agent: Driver's license number, please.\nCustomer: {dl}
us|Router admin page shows {mac} connected, I reset my banking password to {pw} after
us|Agent: What's the account number you're asking about?\nCustomer: {acct}... sorry, that's my savings. Checking is {acct}
us|Text from "my bank": Your card is suspended, visit {url} -- I didn't click it
us|To confirm, the new PIN I picked at the {branch} was {pin}, and the app passcode is separate right?
us|OCR of the bottom of my check:  |:{routing}|:  {acct}"   1042  -- which one does payroll need?
us|I received card {card}, the code on the back is {cvv}, but activation fails with {err}
us|closing account {acct} today, please mail the check to the address on file
us|Agent: Do you have an SSN or an ITIN?\nCustomer: ITIN, {itin}. I work as a contractor, no social yet
sg|Login alert from {ip} but I'm at home in Tampines, not me
ie|Link in the text was {url} and it asked for my card PIN, I didn't give it
us|Agent: Thanks for holding. Can I get the name on the account?\nCustomer: {name}\nAgent: And the date of birth?\nCustomer: {dob}
us|hi, sorry, I meant {acct} not {acct} - I mistyped the account number for the {amt} payment
us|Agent: last step, what's the ZIP on your billing address?\nMe: the full address is {addr}
us|my checking is {acct} and routing {routing}, payroll says the direct deposit bounced
us|OK so the guy on the phone said to text in here. My card {card} was stolen at the gym today, locker was broken into
us|Lost-card call got cut off. Name {name}, card number {card}, last use was {merch} for {amt}
us|I never bought anything at {merch} on {date}, there's a charge of {amt} on card {card}
us|someone changed my email to {email} without me doing it. my real email is {email}
us|Travel notice please: I'm in Lisbon and Porto from {date} to {date}, card {card}
us|Agent asked for my SSN, it's {ssn}. Why did the application still fail with {err}?
us|I'm filing taxes with ITIN {itin}, can I open a savings account without a social?
us|New payee: {name}, account {acct}, routing {routing}. Sending {amt} for rent
us|pasted from my statement:\nACCOUNT NUMBER      {acct}\nSTATEMENT PERIOD    {date} - {date}\nThere's a fee I don't understand
us|From the screenshot: "Card  {card}   Exp {exp}" -- is this the card that got replaced?
us|wait sorry the expiry is {exp} not {exp}, I read it upside down
us|I got a text from {phone} saying my account is locked and to go to {url}
us|the fraud link was {url} and I typed my username {user} and password {pw} in before I realized
us|Can you unlock my online banking? Username {user}. It says {err}
us|my username is {user}, I changed the password to {pw} yesterday and it still won't let me in
us|Please update my phone to {phone}. The old one {phone} is disconnected
us|Agent: Can you verify the last four of your SSN?\nCustomer: I'd rather give the whole thing, {ssn}
us|This is {name}, my mom {name} is in the hospital and I have power of attorney, can I talk about her account?
us|My daughter {first} is 16, can she get a debit card linked to my account {acct}?
us|Device {mac} tried to log in from IP {ip} at 3am, not me!!
us|Your alert said new sign-in from {ip}. I'm in Ohio and never used that
us|I'm applying for the {prod}. Driver's license {dl}, DOB {dob}
us|Passport {pass} expires soon, will that be a problem for the account opening?
us|Agent: what's the CVV on the back?\nCustomer: {cvv}\nAgent: and expiry?\nCustomer: {exp}
us|Card number {card}\nexp {exp}\ncvv {cvv}\nwhy was it declined at {merch}?
us|I set my debit PIN to {pin} but the ATM keeps saying incorrect
us|sorry I meant my new PIN is {pin}, the old was {pin}. does it change right away?
us|please send replacement card to {addr}, not the old address
us|Moved last week. New address: {addr}. Old: {addr}
us|Wire details my contractor gave me: {name}, acct {acct}, ABA {routing}
us|I need a letter confirming my account {acct} has been open for {n} years for my landlord
us|hey its {first} again, still waiting on the dispute for {amt} at {merch}, {ref}
us|Got an email from {email} saying I won {amt}, it wants my card number. scam right?
us|My husband {name} and I want to add him as joint owner. His SSN {ssn}, DOB {dob}
us|Agent: Full name please\nCustomer: {name}\nAgent: Email on file?\nCustomer: {email}\nAgent: Thanks
us|ok so the checklist: name {name}, phone {phone}, email {email}. what else do you need?
us|statement line: {date} POS PURCHASE {merch} {amt} card {card} -- I did not make this
us|I was charged twice on {date} for the same {merch} order, {amt} each
us|autopay for my car loan pulls from {acct} on the 15th, can I move it to {acct}?
us|Zelle to {email} went to the wrong person, it was supposed to be {name}
us|My login is {user} and the app gives {err} every time I enter my passcode {pin}
us|Reset link {url} from your email doesn't load, is it legit?
us|The router in my house {mac} shows a strange device, and my bank logged in from {ip}. coincidence?
us|hi this is {name}, born {dob}, my address is {addr}. i'd like to open a checking account
us|Apply with driver license {dl}, or do you need my passport {pass}?
us|I lost my wallet at {merch}. Cards in it: {card} and a {prod}
us|can you mail the new card to my work: {addr}? Attention {name}
us|I want to dispute a charge from {date}, card {card} exp {exp}, merchant {merch}
us|Agent: Please confirm the security code.\nCustomer: it's {cvv}
us|I accidentally posted my card {card} cvv {cvv} in a group chat, please freeze it
us|My grandson {first} helped me set up online banking and the password he chose is {pw}, I want to change it
us|old username {user}, new one should be {user}
us|I think {email} is a phishing address, it copied your logo and had a link {url}
us|Can I change my ATM PIN from {pin} to something else over chat?
us|PDF says: A c c o u n t  N o .  {acct}   R o u t i n g  {routing}. Which is right for my employer?
us|Opening an account for my LLC, my personal SSN {ssn}, business address {addr}
us|phone number on file ends wrong, should be {phone}
us|please call me back at {phone} after 5, I'm {name}
us|The charge on {date} for {amt} is legit, it was my son {first}, please cancel the dispute {ref}
us|I need the account {acct} closed and the balance sent to my other bank, routing {routing} account {acct}
us|Travel: Chile {date} to {date}, then Argentina. Phone while away {phone}
ca|Hi, I'm {name} in Toronto, new address is {addr}
ca|Agent: Can you confirm the phone number on file?\nCustomer: {phone}, I think, or maybe the old one {phone}
ca|Lost my card {card} at Pearson airport, flying out on {date}, can you rush a new one to {addr}?
ca|my e-Transfer to {email} never arrived, sent {amt} on {date}
ca|I'm a student from overseas, passport {pass}, I want to open the {prod}
ca|Driver's licence {dl} is Ontario, does that work for ID?
ca|account {acct} has a hold of {amt}, why?
ca|my username is {user} and I forgot my password, reset please
ca|travelling to Ireland {date} - {date}, card {card}, please don't block it
ca|hi {first} here, your agent said to message the CVV {cvv} for the card ending {lastfour}? that seems weird
caf|Bonjour, je voudrais changer mon adresse: {addr}. Merci!
caf|Bonjour, my name is {name}, j'ai perdu ma carte {card} hier soir
caf|Le virement de {amt} vers le compte {acct} n'est pas arrivé, sent on {date}
caf|mon courriel est {email}, pouvez-vous m'envoyer le relevé?
caf|Agent: Quelle est votre date de naissance?\nClient: {dob}
caf|appelez-moi au {phone} s'il vous plaît, c'est pour une fraude
caf|I got a weird texto with {url}, c'est une arnaque?
caf|Date de naissance {dob}, nom {name}, adresse {addr}
ie|Hi, I'm {name}, I moved to {addr} and need my statements sent there
ie|Can you add a payee: {name}, IBAN {ibanIE}? It's for the childminder
ie|Agent: Could you confirm your mobile number?\nCustomer: {phone}
ie|I paid {amt} to {ibanIE} on {date} and it hasn't landed, the lad is asking
ie|Card {card} was skimmed at an ATM on O'Connell Street, I'm sure of it
ie|My email is {email}, sorry I mean {email}, I have two
ie|Going to Portugal {date}, card ending {lastfour}, any fees?
ie|Go raibh maith agat - my date of birth is {dob} and my passport is {pass}
ie|opened from {ip} in a country I've never been. username {user}
ie|I'm moving from Scotland, my NI number is {nino}, do you need it for the account?
ie|Sending money home, IBAN {ibanIE}, BIC {swiftIE}
sco|Hiya, my National Insurance number's {nino}, do you need it for the ISA?
sco|Agent: What's your postcode?\nCustomer: full address is {addr}
sco|name's {name}, lost my card on the train to Glasgow, number was {card}
sco|please email me at {email} instead of phoning, cheers
sco|Payee setup: {name}, IBAN {ibanGB}, paying {amt} for the van
sco|NINO {nino}, DOB {dob}, passport {pass}. anything else?
sco|I've had an email from {email} asking me to verify at {url}, dodgy?
sco|I'm {name}, transfer from my savings bounced with {err}
sg|Hi, I'm {name}, my Singapore address is {addr}
sg|PayNow to {phone} failed, got {err}, can check?
sg|Account {acct} got debited {amt} from {merch}, I never order one leh
sg|Agent: Please provide your passport number.\nCustomer: {pass}
sg|Card {card} expiry {exp}, overseas transaction blocked, I'm in Kuala Lumpur now
sg|my email {email}, please update, the old one {email} cannot use already
sg|please wire to SWIFT {swiftSG}, account {acct}, beneficiary {name}
my|Assalamualaikum, my name {name}, card {card} hilang semalam, please block
my|DuitNow to {phone} for {amt} not received lah, transaction {ref}
my|I stay at {addr}, can courier the new card here?
my|Boleh tolong? My username {user} kena lock after wrong password
my|Agent: What is your account number?\nCustomer: {acct}
my|Date of birth {dob}, passport {pass}, opening account for my husband {name}
ph|Hi po, I'm {name}, my card {card} was declined at {merch} po
ph|Please update my address to {addr}, salamat po
ph|GCash transfer to account {acct} on {date} still pending, {amt}
ph|Agent: Kindly provide your mobile number.\nCustomer: {phone} po
ph|I received an SMS from {phone} with link {url}, is this you?
ph|Passport {pass}, birthday {dob}, for the remittance account
pk|Assalam o alaikum, my name is {name}, my IBAN is {ibanPK}, salary not credited
pk|Please send statement to {email}, shukriya
pk|Card {card} block kar dein please, it was stolen in Saddar
pk|Agent: Please confirm your registered number.\nCustomer: {phone}
pk|I live at {addr}, the courier could not find it
pk|Remittance from my brother {name} in Dubai not received, {ref}
eg|Hello, I'm {name}, I need to transfer to IBAN {ibanEG}, what is your SWIFT? they told me {swiftEG}
eg|My address {addr}, please send the card there, shukran
eg|Someone used my card {card} on {date} at {merch}
eg|Agent: Can you confirm your email?\nCustomer: {email}
eg|call me please {phone}, my name {name}
pl|Dzień dobry, my name is {name}, I need to add my brother as BLIK payee, his number {phone}
pl|Przelew {amt} na {ibanPL} z dnia {date} nie doszedł
pl|mój adres: {addr}, please update
pl|Agent: Your passport number please.\nCustomer: {pass}
pl|Blik code {otp} didn't work and now the app says {err}, login {user}
pl|phone is {phone}, przepraszam, the other one {phone} is my wife's
pt|Olá, sou {name}, moro em {addr}
pt|Transfer to {ibanPT} of {amt} on {date}, still not arrived, obrigada
pt|Agent: What is your date of birth?\nCustomer: {dob}
pt|o meu email é {email}, please update
pt|please call {phone}, I am travelling until {date}
ar|Hola, soy {name}, perdí mi tarjeta {card} en Buenos Aires
ar|mi dirección es {addr}, can you send the card there?
ar|Agent: Please confirm your phone.\nCustomer: {phone}, gracias
ar|Quiero transferir {amt} a la cuenta {acct}, beneficiario {name}
ar|email {email}, password reset please, usuario {user}
cl|Hola, I'm {name}, my card {card} was charged in Santiago on {date} and I was in Lima
cl|dirección nueva: {addr}
cl|mi teléfono es {phone}, call me after lunch
cl|Agent: Your passport?\nCustomer: {pass}, it's Chilean
cl|Transfer to {name}, cuenta corriente {acct}, {amt}
"""
NEGATIVES = r"""
us|How much does the {prod} charge for foreign transactions?
us|my card ending {lastfour} keeps getting declined at {merch}, I have {amt} available
us|The code you sent me was {otp} but it expired, send another
us|Dispute reference {ref} - any update? It's been {n} days
us|App shows {err} whenever I open it on my phone
us|Is the {branch} open on Saturdays?
us|why was I charged a {amt} overdraft fee on a {amt} purchase?
us|I have {n} recurring payments, can I see them all in one place?
us|Agent: Can I help with anything else?\nCustomer: no that's all, thanks for sorting the {merch} refund
us|sorry I meant {n} transactions not {n}, the list is wrong
us|pasted: "Transaction {ref}   {merch}   {amt}   PENDING" what does pending mean here
us|Lost-card call continued: I already froze it in the app, card ending {lastfour}
us|what is the daily ATM limit on the {prod}?
us|my one time passcode {otp} never came through by text
ca|Is there a fee to send {amt} by Interac e-Transfer?
ca|the {branch} ATM ate my card ending {lastfour}
caf|Bonjour, quelles sont les heures d'ouverture de la {branch}?
caf|Le paiement chez {merch} de {amt} a été refusé, pourquoi?
ie|Does the {prod} work with Apple Pay?
ie|I'm off to Spain for {n} days, do I need to tell you?
sco|got charged {amt} by {merch} twice, card ending {lastfour}
sco|Is the {branch} closing? heard rumours
sg|App crash with {err} after update leh
sg|How to increase my PayNow limit to {amt}?
my|Transaction {ref} for {amt} at {merch} failed but money deducted
my|The {branch} queue very long, can book appointment online?
ph|My OTP {otp} is not working po
ph|How many days for a {amt} remittance to arrive?
pk|Raast transfer of {amt} stuck, reference {ref}
pk|Is the {branch} open during Ramadan timings?
eg|I want to ask about the {prod} fees please
eg|Card ending {lastfour} declined at {merch}
pl|Aplikacja pokazuje {err}, co robić?
pl|How do I order a {prod}?
pt|A transferência {ref} de {amt} ficou pendente
pt|Does the {branch} exchange currency?
ar|Quiero saber el límite de la {prod}
cl|charged {amt} in {merch}, card ending {lastfour}, but purchase was cancelled
"""


SLOT = re.compile(r"\{([a-z]+(?:[A-Z]{2})?)\}")


def parse(block):
    out = []
    for line in block.strip().splitlines():
        loc, text = line.split("|", 1)
        out.append((loc, text.replace("\\n", "\n")))
    return out


def slot_types(text):
    return [LABELLED[s][0] for s in SLOT.findall(text) if s in LABELLED]


def render(loc, text):
    """Fill the slots left to right, recording each labelled value's offsets as the string grows."""
    parts, ents, pos, used = [], [], 0, set()
    last = 0
    for m in SLOT.finditer(text):
        lit = text[last:m.start()]
        parts.append(lit)
        pos += len(lit)
        key = m.group(1)
        gen = LABELLED[key][1] if key in LABELLED else UNLABELLED[key]
        value = gen(loc)
        while value in used:  # a self-correction must name two different values
            value = gen(loc)
        used.add(value)
        if key in LABELLED:
            ents.append({"type": LABELLED[key][0], "begin": pos, "end": pos + len(value), "value": value})
        parts.append(value)
        pos += len(value)
        last = m.end()
    parts.append(text[last:])
    assert "{" not in "".join(parts[::2]), text  # every slot was filled
    return "".join(parts), ents


def check(text, ents):
    spans = sorted((e["begin"], e["end"]) for e in ents)
    for e in ents:
        assert text[e["begin"]:e["end"]] == e["value"], (text, e)
        v = e["value"]
        assert v == v.strip() and v, (text, e)
        t = e["type"]
        if t == "CREDIT_DEBIT_NUMBER":
            assert luhn_ok(v) and len(re.sub(r"\D", "", v)) in (15, 16), v
        if t == "BANK_ROUTING":
            assert aba_ok(v), v
        if t == "INTERNATIONAL_BANK_ACCOUNT_NUMBER":
            c = v.replace(" ", "")
            assert iban_mod97(c) == 1 and len(c) == IBAN_LEN[c[:2]], v
    for (b1, e1), (b2, e2) in zip(spans, spans[1:]):
        assert e1 <= b2, (text, spans)


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "banking_chat_pii_holdout15.jsonl")
    pos_t = [(f"pos:{i}", loc, t) for i, (loc, t) in enumerate(parse(TEMPLATES))]
    neg_t = [(f"negative:{i}", loc, t) for i, (loc, t) in enumerate(parse(NEGATIVES))]
    for _, _, t in pos_t:
        assert slot_types(t), t
    for _, _, t in neg_t:
        assert not slot_types(t), t
    texts = [t for _, _, t in pos_t + neg_t]
    assert len(set(texts)) == len(texts), "duplicate template"

    n_neg = round(N_RECORDS * 0.213)
    target = {k: v * N_RECORDS / DEV_RECORDS for k, v in DEV_COUNTS.items()}
    have = collections.Counter(t for _, _, tx in pos_t for t in slot_types(tx))
    plan = list(pos_t)
    uses = collections.Counter(tid for tid, _, _ in pos_t)
    while len(plan) < N_RECORDS - n_neg:
        def score(tpl):
            ts = slot_types(tpl[2])
            # summed, not averaged: the dev set carries ~1.85 values per positive message
            s = sum((target[t] - have[t]) / target[t] for t in ts)
            s -= sum(2.0 for t in ts if have[t] + 1 > target[t] + 0.5)
            return s - 0.3 * uses[tpl[0]]
        ranked = sorted(pos_t, key=lambda tp: (-score(tp), tp[0]))
        choice = pick(ranked[:3])
        plan.append(choice)
        uses[choice[0]] += 1
        have.update(slot_types(choice[2]))
    negs = list(neg_t)
    while len(negs) < n_neg:
        negs.append(pick(neg_t))
    plan += negs
    R.shuffle(plan)

    recs, seen = [], set()
    for i, (tid, loc, tpl) in enumerate(plan):
        text, ents = render(loc, tpl)
        tries = 0
        while text in seen:  # a reused template must still give a new message; a narrow one gives way
            tries += 1
            if tries > 20:
                tid, loc, tpl = pick(neg_t if tid.startswith("negative") else pos_t)
            text, ents = render(loc, tpl)
        seen.add(text)
        check(text, ents)
        recs.append({"id": f"bankchat-holdout15-{i:04d}", "split": "holdout15", "text": text,
                     "entities": [{"type": e["type"], "begin": e["begin"], "end": e["end"]} for e in ents],
                     "template_id": f"{tid}:{loc}", "template_source": "own"})
    with open(out_path, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    counts = collections.Counter(e["type"] for r in recs for e in r["entities"])
    print(f"{len(recs)} records, {sum(1 for r in recs if not r['entities'])} negatives, "
          f"{len(pos_t) + len(neg_t)} templates ({len(pos_t)} positive) -> {out_path}")
    for k in DEV_COUNTS:
        print(f"  {k:40s} {counts[k]:4d}  (dev {DEV_COUNTS[k]}, scaled {target[k]:.1f})")
    assert set(counts) <= set(DEV_COUNTS)


if __name__ == "__main__":
    main()
