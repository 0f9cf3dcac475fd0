#!/usr/bin/env python3
"""Generate the blind holdout14 banking-chat PII test set (written without looking at the detector).

Focus: other messages of the dev set's kind. Type mix follows the dev set's counts scaled to ~300
records (every template once, then a greedy fill towards the scaled counts), with ~22% hard
negatives (amounts, merchants, case/transaction/invoice references, one-time passcodes, card last-4,
counts, product names, app error codes). New wording: long complaints, voice-dictated messages
(lower case, no punctuation, "um", values kept in digits), quoted SMS / app notifications,
small-business owners (payroll, invoices, suppliers), elderly customers and the relatives or carers
writing for them, students, travellers, and "Agent: ... Customer: ..." / "Bot: ... User: ..."
transcripts where values come as bare answers. Places: US (majority), UK, Australia, New Zealand,
Netherlands, Sweden, Norway, Denmark, UAE, Hong Kong, Japan and South Korea (romanised), Nigeria and
Brazil, with their names, address layouts and phone formats.

Labelling rules (the dev set's): spans cover the value only, never the cue word. A full postal
address (street, town, region, postcode) is one ADDRESS span. Calendar dates (birth, transaction,
due) are DATE_TIME; durations and counts are not; no clock times or ages are written. Full names
and first names alone are NAME. Card expiry is CREDIT_DEBIT_EXPIRY, the 3/4-digit code
CREDIT_DEBIT_CVV, a card PIN or app passcode PIN, US ABA numbers BANK_ROUTING. Amounts, bank,
merchant and company names, case/transaction/invoice references, one-time passcodes, card last-4,
product and branch names, error codes are not labelled. Only types the dev set uses occur.
Every card passes Luhn, every ABA number its 3-7-1 check, every IBAN mod-97 with its country's
real length.

Usage: python3 make_holdout14_set.py [out.jsonl]   (stdlib only, fixed seed)
"""
import collections
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checksums import aba_ok, iban_ok, luhn_complete, luhn_ok  # noqa: E402
from dev_mix import DEV_COUNTS  # noqa: E402

SEED = 1414
N_RECORDS = 300
NEG_SHARE = 60 / 268  # the dev set's share of records without entities


R = random.Random(SEED)

# ---------------------------------------------------------------- places
LOCALES = ["US", "UK", "AU", "NZ", "NL", "SE", "NO", "DK", "AE", "HK", "JP", "KR", "NG", "BR"]
LOCALE_WEIGHTS = [50, 10, 5, 3, 3, 3, 3, 3, 4, 3, 3, 3, 4, 3]

NAMES = {
    "US": ["Emily Carter", "Marcus Johnson", "Dana Whitfield", "Luis Ortega", "Tanya Brooks",
           "Greg Sullivan", "Keisha Monroe", "Ryan Patel", "Brittany Coleman", "Hector Alvarez",
           "Megan O'Connell", "Darnell Price", "Jessica Tran", "Walter Kowalski", "Shirley Dawson",
           "Tyler Jennings", "Rosalind Fisher", "Andre Washington"],
    "UK": ["Oliver Hughes", "Siobhan Clarke", "Harriet Bennett", "Callum Fraser", "Imogen Price",
           "Rhys Morgan", "Nigel Ashworth", "Priya Chauhan"],
    "AU": ["Lachlan Murray", "Chloe Nguyen", "Bronwyn Kelly", "Mitchell Davies", "Tegan Walsh"],
    "NZ": ["Aroha Ngata", "Tane Parata", "Hemi Walker", "Sophie McKenzie"],
    "NL": ["Daan de Vries", "Sanne Jansen", "Pieter van Dijk", "Femke Bakker"],
    "SE": ["Erik Lindqvist", "Astrid Johansson", "Linnea Berg", "Oskar Nilsson"],
    "NO": ["Ingrid Solberg", "Magnus Haugen", "Sigrid Dahl", "Eirik Bakken"],
    "DK": ["Mette Kjaer", "Rasmus Nielsen", "Freja Madsen", "Anders Holm"],
    "AE": ["Ahmed Al Mansouri", "Fatima Al Hashimi", "Khalid Al Nuaimi", "Mariam Saeed"],
    "HK": ["Chan Tai Man", "Wong Ka Yan", "Leung Chi Wai", "Ho Mei Ling"],
    "JP": ["Haruto Tanaka", "Yui Sato", "Kenji Watanabe", "Aoi Yamamoto"],
    "KR": ["Kim Min-jun", "Park Ji-woo", "Lee Seo-yeon", "Choi Hyun-woo"],
    "NG": ["Chinedu Okafor", "Ngozi Adeyemi", "Babatunde Bello", "Aisha Abubakar"],
    "BR": ["Joao Pereira", "Ana Beatriz Souza", "Lucas Oliveira", "Camila Rodrigues"],
}
# Names whose family name comes first in the locale: the first-name slot takes the last word.
FAMILY_FIRST = {"HK", "KR"}

US_STREETS = ["Maple Avenue", "Oak Street", "Cedar Lane", "Elm Drive", "Lakeview Road", "Park Place",
              "Walnut Court", "Birch Boulevard", "Magnolia Way", "Sycamore St", "Ridge Rd", "Main St"]
US_CITIES = [("Columbus", "OH"), ("Phoenix", "AZ"), ("Charlotte", "NC"), ("Denver", "CO"),
             ("Portland", "OR"), ("Austin", "TX"), ("Orlando", "FL"), ("Tulsa", "OK"),
             ("Spokane", "WA"), ("Des Moines", "IA"), ("Scranton", "PA"), ("Fresno", "CA")]


def uk_postcode():
    return "%s%d %d%s" % (R.choice(["LS", "M", "B", "CF", "EH", "G", "BS", "NE", "SO", "OX"]),
                          R.randint(1, 19), R.randint(1, 9), "".join(R.choice("ABDEFGHJLNPQRSTUWXYZ") for _ in range(2)))


def address(loc):
    n = R.randint(2, 9800)
    if loc == "US":
        city, st = R.choice(US_CITIES)
        street = R.choice(US_STREETS)
        form = R.randrange(4)
        if form == 0:
            return "%d %s, %s, %s %05d" % (n, street, city, st, R.randint(10000, 99950))
        if form == 1:
            return "%d %s Apt %d, %s, %s %05d" % (n, street, R.randint(1, 40), city, st, R.randint(10000, 99950))
        if form == 2:
            return "%d %s, %s" % (n, street, city)
        return "%d %s #%d, %s, %s %05d" % (n, street, R.randint(1, 30), city, st, R.randint(10000, 99950))
    n = R.randint(1, 180)
    if loc == "UK":
        return "%d %s, %s %s" % (n, R.choice(["Station Road", "Victoria Terrace", "Mill Lane", "Queens Drive",
                                              "Church Walk", "Albert Street"]),
                                 R.choice(["Leeds", "Manchester", "Cardiff", "Edinburgh", "Bristol", "York"]), uk_postcode())
    if loc == "AU":
        return "%d %s, %s" % (n, R.choice(["Wattle Street", "Bridge Road", "Beach Parade", "Gum Tree Lane"]),
                              R.choice(["Parramatta NSW 2150", "Fitzroy VIC 3065", "Toowong QLD 4066", "Fremantle WA 6160"]))
    if loc == "NZ":
        return "%d %s, %s" % (n, R.choice(["Kowhai Road", "Ponsonby Road", "Cuba Street", "Riccarton Road"]),
                              R.choice(["Mount Eden, Auckland 1024", "Te Aro, Wellington 6011", "Riccarton, Christchurch 8041"]))
    if loc == "NL":
        return "%s %d, %s" % (R.choice(["Keizersgracht", "Lange Voorhout", "Oudegracht", "Witte de Withstraat"]), n,
                              R.choice(["1015 CV Amsterdam", "2514 EE Den Haag", "3511 AL Utrecht", "3012 BM Rotterdam"]))
    if loc == "SE":
        return "%s %d, %s" % (R.choice(["Storgatan", "Drottninggatan", "Kungsgatan", "Vasagatan"]), n,
                              R.choice(["114 55 Stockholm", "411 38 Goteborg", "211 22 Malmo", "753 20 Uppsala"]))
    if loc == "NO":
        return "%s %d, %s" % (R.choice(["Bogstadveien", "Kirkegata", "Storgata", "Thorvald Meyers gate"]), n,
                              R.choice(["0355 Oslo", "5003 Bergen", "7011 Trondheim", "4006 Stavanger"]))
    if loc == "DK":
        return "%s %d, %s" % (R.choice(["Norrebrogade", "Vesterbrogade", "Algade", "Jernbanegade"]), n,
                              R.choice(["2200 Kobenhavn N", "1620 Kobenhavn V", "8000 Aarhus C", "5000 Odense C"]))
    if loc == "AE":
        return R.choice(["Villa %d, Street %d, Al Barsha 2, Dubai" % (n, R.randint(1, 40)),
                         "Apartment %d, Marina Heights Tower, Dubai Marina, Dubai" % R.randint(101, 4200),
                         "Flat %d, Al Wahda Building, Al Khalidiya, Abu Dhabi" % R.randint(101, 1900)])
    if loc == "HK":
        return "Flat %d%s, %d/F, %s" % (R.randint(1, 30), R.choice("ABCDEFGH"), R.randint(2, 40),
                                       R.choice(["38 Kennedy Road, Wan Chai, Hong Kong", "Tower 2, Taikoo Shing, Quarry Bay, Hong Kong",
                                                 "88 Nathan Road, Tsim Sha Tsui, Kowloon"]))
    if loc == "JP":
        return "%d-%d-%d %s" % (R.randint(1, 5), R.randint(1, 30), R.randint(1, 20),
                                R.choice(["Jingumae, Shibuya-ku, Tokyo 150-0001", "Nakanoshima, Kita-ku, Osaka 530-0005",
                                          "Tenjin, Chuo-ku, Fukuoka 810-0001"]))
    if loc == "KR":
        return "%d %s" % (n, R.choice(["Teheran-ro 4-gil, Gangnam-gu, Seoul 06234", "Olympic-ro, Songpa-gu, Seoul 05551",
                                       "Haeundae-ro, Haeundae-gu, Busan 48094"]))
    if loc == "NG":
        return "%d %s" % (n, R.choice(["Adeola Odeku Street, Victoria Island, Lagos", "Awolowo Road, Ikoyi, Lagos",
                                       "Aminu Kano Crescent, Wuse 2, Abuja"]))
    if loc == "BR":
        return "%s %d, apto %d, %s" % (R.choice(["Rua Augusta", "Avenida Paulista", "Rua da Consolacao"]), R.randint(100, 2500),
                                       R.randint(11, 190), R.choice(["Sao Paulo - SP, 01304-001", "Sao Paulo - SP, 01310-200"]))
    raise AssertionError(loc)


def d(k):
    return "".join(str(R.randint(0, 9)) for _ in range(k))


def phone(loc):
    x = R.randint(100, 199)
    if loc == "US":
        a = R.choice(["212", "305", "404", "503", "614", "720", "512", "918"])
        return R.choice(["(%s) 555-0%d" % (a, x - 100 + 100), "%s-555-0%d" % (a, x), "%s.555.0%d" % (a, x),
                         "+1 %s 555 0%d" % (a, x), "%s5550%d" % (a, x), "1-%s-555-0%d" % (a, x)])
    if loc == "UK":
        return R.choice(["07700 900%03d" % R.randint(0, 999), "+44 7700 900%03d" % R.randint(0, 999),
                         "020 7946 0%03d" % R.randint(0, 999), "0113 496 0%03d" % R.randint(0, 999)])
    if loc == "AU":
        return R.choice(["0491 570 %03d" % R.randint(6, 999), "+61 491 570 %03d" % R.randint(6, 999),
                         "(02) 5550 %04d" % R.randint(0, 9999)])
    if loc == "NZ":
        return R.choice(["021 %s %s" % (d(3), d(4)), "+64 21 %s %s" % (d(3), d(4)), "09 %s %s" % (d(3), d(4))])
    if loc == "NL":
        return R.choice(["06 %s %s" % (d(4), d(4)), "+31 6 %s %s" % (d(4), d(4)), "06-%s" % d(8)])
    if loc == "SE":
        return R.choice(["070-%s %s %s" % (d(3), d(2), d(2)), "+46 70 %s %s %s" % (d(3), d(2), d(2))])
    if loc == "NO":
        return R.choice(["4%s %s %s" % (d(2), d(2), d(3)), "+47 9%s %s %s" % (d(2), d(2), d(3))])
    if loc == "DK":
        return R.choice(["2%s %s %s %s" % (d(1), d(2), d(2), d(2)), "+45 2%s %s %s %s" % (d(1), d(2), d(2), d(2))])
    if loc == "AE":
        return R.choice(["050 %s %s" % (d(3), d(4)), "+971 50 %s %s" % (d(3), d(4)), "+971 4 %s %s" % (d(3), d(4))])
    if loc == "HK":
        return R.choice(["9%s %s" % (d(3), d(4)), "+852 6%s %s" % (d(3), d(4))])
    if loc == "JP":
        return R.choice(["090-%s-%s" % (d(4), d(4)), "+81 80 %s %s" % (d(4), d(4)), "03-%s-%s" % (d(4), d(4))])
    if loc == "KR":
        return R.choice(["010-%s-%s" % (d(4), d(4)), "+82 10 %s %s" % (d(4), d(4))])
    if loc == "NG":
        return R.choice(["0803 %s %s" % (d(3), d(4)), "+234 806 %s %s" % (d(3), d(4)), "0812%s" % d(7)])
    if loc == "BR":
        return R.choice(["(11) 9%s-%s" % (d(4), d(4)), "+55 21 9%s %s" % (d(4), d(4))])
    raise AssertionError(loc)


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def date(loc, lo, hi, voice=False, year=False):
    y, m, dd = R.randint(lo, hi), R.randint(1, 12), R.randint(1, 28)
    if voice:
        return R.choice(["%s %d %d" % (MONTHS[m - 1].lower(), dd, y), "%d %s %d" % (dd, MONTHS[m - 1].lower(), y)])
    if loc == "US":
        forms = ["%d/%d/%d" % (m, dd, y), "%02d/%02d/%d" % (m, dd, y), "%s %d, %d" % (MONTHS[m - 1], dd, y),
                 "%d-%02d-%02d" % (y, m, dd), "%s %d" % (MONTHS[m - 1][:3], dd)]
    else:
        forms = ["%02d/%02d/%d" % (dd, m, y), "%d %s %d" % (dd, MONTHS[m - 1], y), "%d-%02d-%02d" % (y, m, dd),
                 "%02d.%02d.%d" % (dd, m, y), "%d %s" % (dd, MONTHS[m - 1])]
    return R.choice(forms[:-1] if year else forms)


def card():
    kind = R.choice(["visa", "visa", "mc", "mc2", "amex", "disc"])
    if kind == "amex":
        n = luhn_complete(R.choice(["34", "37"]) + d(12))
        return n if R.random() < 0.4 else "%s %s %s" % (n[:4], n[4:10], n[10:])
    body = {"visa": "4" + d(14), "mc": str(R.randint(51, 55)) + d(13),
            "mc2": str(R.randint(2221, 2720)) + d(11), "disc": "6011" + d(11)}[kind]
    n = luhn_complete(body)
    sep = R.choice(["", " ", " ", "-"])
    return sep.join(n[i:i + 4] for i in range(0, 16, 4))


def expiry():
    m, y = R.randint(1, 12), R.randint(27, 31)
    return R.choice(["%02d/%d" % (m, y), "%d/%d" % (m, y), "%02d-%d" % (m, y), "%02d/20%d" % (m, y)])


def aba():
    while True:
        body = R.choice(["0", "1", "2", "3"]) + d(7)
        for c in "0123456789":
            if aba_ok(body + c):
                return body + c


IBAN_BBAN = {  # country: (total length, BBAN maker)
    "NL": (18, lambda: "".join(R.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4)) + d(10)),
    "SE": (24, lambda: d(20)), "NO": (15, lambda: d(11)), "DK": (18, lambda: d(14)),
    "AE": (23, lambda: d(19)), "GB": (22, lambda: "".join(R.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4)) + d(14)),
    "BR": (29, lambda: d(23) + R.choice("CP") + R.choice("123")), "DE": (22, lambda: d(18)),
}
LOC_IBAN = {"NL": "NL", "SE": "SE", "NO": "NO", "DK": "DK", "AE": "AE", "UK": "GB", "BR": "BR"}


def iban(loc):
    cc = LOC_IBAN.get(loc) or R.choice(sorted(IBAN_BBAN))
    length, mk = IBAN_BBAN[cc]
    bban = mk()
    num = int("".join(str(int(c, 36)) for c in bban + cc + "00"))
    s = "%s%02d%s" % (cc, 98 - num % 97, bban)
    assert len(s) == length and iban_ok(s), s
    return s if R.random() < 0.5 else " ".join(s[i:i + 4] for i in range(0, len(s), 4))


SWIFT_CC = {"US": "US", "UK": "GB", "AU": "AU", "NZ": "NZ", "NL": "NL", "SE": "SE", "NO": "NO", "DK": "DK",
            "AE": "AE", "HK": "HK", "JP": "JP", "KR": "KR", "NG": "NG", "BR": "BR"}


def swift(loc):
    s = "".join(R.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4)) + SWIFT_CC[loc] + \
        R.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") + R.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789")
    return s + R.choice(["", "XXX", "XXX", "".join(R.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(3))])


def ssn():
    a = R.randint(1, 665)
    while a == 666:
        a = R.randint(1, 665)
    s = "%03d-%02d-%04d" % (a, R.randint(1, 99), R.randint(1, 9999))
    return s if R.random() < 0.7 else s.replace("-", "")


def itin():
    return "9%02d-%02d-%04d" % (R.randint(0, 99), R.choice(list(range(70, 89)) + [90, 91, 92, 94, 95, 96, 97, 98, 99]),
                                R.randint(0, 9999))


def nino():
    p = R.choice(["AB", "CE", "JH", "KL", "NP", "PR", "SW", "TN", "WP", "YZ"])
    dg, suf = d(6), R.choice("ABCD")
    return R.choice([p + dg + suf, "%s %s %s %s %s" % (p, dg[:2], dg[2:4], dg[4:], suf)])


def passport(loc):
    if loc in ("US", "UK", "AU"):
        return R.choice([d(9), R.choice("ACEHLNPRX") + d(8)])
    return R.choice(["".join(R.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2)) + d(7), R.choice("CFGKMN") + d(8)])


def driver_id(loc):
    if loc == "US":
        return R.choice([d(8), d(9), R.choice("ABDFGKMSTW") + d(12), R.choice("ABDFGKMSTW") + d(7)])
    if loc == "UK":
        return "".join(R.choice("ABCDEFGHJKLMNPRSTWY") for _ in range(5)) + d(6) + "AB9" + "CD"[R.randrange(2)] + "W"
    return R.choice([d(8), R.choice("ABCDK") + d(7)])


WORDS = ["maple", "harbor", "falcon", "summit", "velvet", "cobalt", "meadow", "sparrow", "quartz", "tundra"]


def url():
    w1, w2 = R.sample(WORDS, 2)
    return R.choice(["https://%s-secure.example.com/login?session=%s" % (w1, d(6)),
                     "http://%sbank-verify.example.net" % w1, "https://www.%s%s.example.org/refund/%s" % (w1, w2, d(4)),
                     "%s-%s.example.com/unlock" % (w1, w2), "https://bit-%s.example/%s" % (w1, d(5)),
                     "https://%s.%s-support.example.net/kyc" % (w1, w2)])


def ip():
    return R.choice(["192.0.2.%d" % R.randint(1, 254), "198.51.100.%d" % R.randint(1, 254),
                     "203.0.113.%d" % R.randint(1, 254), "2001:db8:%x::%x" % (R.randint(1, 65535), R.randint(1, 65535))])


def mac():
    parts = ["%02X" % R.randint(0, 255) for _ in range(6)]
    s = R.choice([":", "-"]).join(parts)
    return s.lower() if R.random() < 0.3 else s


def ascii_name(name):
    return "".join(c for c in name.lower() if c.isalpha() or c == " ").split()


def email(ctx):
    parts = ascii_name(ctx["name"])
    f, l = parts[0], parts[-1]
    return R.choice(["%s.%s@example.com" % (f, l), "%s%s%d@example.org" % (f[0], l, R.randint(1, 99)),
                     "%s_%s@mail.example" % (f, l), "%s%d@inbox.test" % (R.choice(WORDS), R.randint(10, 999)),
                     "%s.%s@post.example.co.uk" % (l, f), "%s@%s.example.net" % (f, l)])


def username(ctx):
    parts = ascii_name(ctx["name"])
    f, l = parts[0], parts[-1]
    return R.choice(["%s_%s" % (f, l), "%s%s%d" % (f, l[0], R.randint(1, 99)), "%s.%s" % (f, l),
                     "%s_%s%d" % (R.choice(WORDS), f, R.randint(1, 9)), "%s%d" % (l, R.randint(1960, 2006))])


def password():
    w1, w2 = R.sample(WORDS, 2)
    leet = w1.replace("a", "@").replace("e", "3").replace("o", "0")
    return R.choice(["%s%s%d%s" % (w1.capitalize(), w2.capitalize(), R.randint(10, 99), R.choice("!#?.")),
                     "%s%d" % (leet, R.randint(1, 99)), "".join(R.choice("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
                                                               for _ in range(R.randint(9, 13))),
                     "%s#%d" % (w1.capitalize(), R.randint(100, 9999)), "%s_%s%d" % (w1, w2, R.randint(1, 9))])


CUR = {"US": "$", "UK": "£", "AU": "AUD ", "NZ": "NZD ", "NL": "EUR ", "SE": "SEK ", "NO": "NOK ", "DK": "DKK ",
       "AE": "AED ", "HK": "HKD ", "JP": "JPY ", "KR": "KRW ", "NG": "NGN ", "BR": "R$ "}


def amount(loc):
    if loc in ("JP", "KR"):  # no minor units, larger figures
        return CUR[loc] + "{:,}".format(R.randint(5, 900) * (100 if loc == "JP" else 1000))
    v = R.choice(["%d" % R.randint(5, 999), "%d.%02d" % (R.randint(1, 999), R.randint(0, 99)),
                  "{:,}".format(R.randint(1000, 9999))])
    return CUR[loc] + v


MERCHANTS = ["Walmart", "Tesco", "Amazon", "Uber Eats", "Netflix", "Shell", "Woolworths", "Albert Heijn", "IKEA",
             "Apple.com/bill", "Costco", "Deliveroo", "Booking.com", "Steam", "Emirates", "7-Eleven", "Airbnb"]
PRODUCTS = ["Premier Saver", "Everyday Plus account", "Platinum Rewards card", "Business Advantage account",
            "Student Essentials account", "Flex Overdraft", "Travel Wallet", "Smart ISA", "Green Home Loan"]
COMPANIES = ["Harbor Plumbing LLC", "Blue Fern Bakery", "Okafor Logistics Ltd", "Nordlys Design AS",
             "Sunrise Dental Studio", "Kowhai Landscaping", "Pereira Importadora", "Oak & Thistle Cafe"]
BANKS = ["Chase", "Barclays", "Westpac", "ING", "Nordea", "DNB", "Danske Bank", "Emirates NBD", "HSBC",
         "MUFG", "KB Kookmin", "GTBank", "Itau", "Wells Fargo", "ANZ"]


def ref():
    return R.choice(["CASE-%s" % d(6), "TRX%s" % d(9), "%s-%s" % (d(4), d(4)),
                     "INV-2026-%s" % d(4), "#%s" % d(7), "DSP%s" % d(6), "PAY-%s" % d(8)])


def err():
    return R.choice(["E-%s" % d(4), "ERR_%s" % d(3), "AUTH-%s" % d(2), "0x%s" % d(4)])


def first_of(name, loc):
    p = name.split()
    return p[-1] if loc in FAMILY_FIRST else p[0]


# slot -> (label or None, maker(ctx))
SLOTS = {
    "NAME": ("NAME", lambda c: c["name"]),
    "NAME2": ("NAME", lambda c: c["name2"]),
    "FIRST": ("NAME", lambda c: first_of(c["name"], c["loc"])),
    "FIRSTL": ("NAME", lambda c: first_of(c["name"], c["loc"]).lower()),
    "NAMEL": ("NAME", lambda c: c["name"].lower()),
    "FIRST2": ("NAME", lambda c: first_of(c["name2"], c["loc"])),
    "ADDR": ("ADDRESS", lambda c: address(c["loc"])),
    "ADDRV": ("ADDRESS", lambda c: address(c["loc"]).replace(",", "").lower()),
    "PHONE": ("PHONE", lambda c: phone(c["loc"])),
    "PHONEV": ("PHONE", lambda c: phone(c["loc"]).replace("-", " ").replace("(", "").replace(")", "").replace(".", " ")),
    "EMAIL": ("EMAIL", email),
    "EMAIL2": ("EMAIL", lambda c: "%s%d@example.net" % (R.choice(WORDS), R.randint(1, 999))),
    "USER": ("USERNAME", username),
    "PW": ("PASSWORD", lambda c: password()),
    "PIN": ("PIN", lambda c: R.choice([d(4), d(4), d(6)])),
    "PIN4": ("PIN", lambda c: d(4)),
    "CARD": ("CREDIT_DEBIT_NUMBER", lambda c: card()),
    "EXP": ("CREDIT_DEBIT_EXPIRY", lambda c: expiry()),
    "CVV": ("CREDIT_DEBIT_CVV", lambda c: d(3)),
    "ACCT": ("BANK_ACCOUNT_NUMBER", lambda c: d(R.choice([8, 8, 9, 10, 10, 11, 12]))),
    "ACCT2": ("BANK_ACCOUNT_NUMBER", lambda c: d(R.choice([8, 9, 10, 12]))),
    "ROUT": ("BANK_ROUTING", lambda c: aba()),
    "IBAN": ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", lambda c: iban(c["loc"])),
    "SWIFT": ("SWIFT_CODE", lambda c: swift(c["loc"])),
    "SSN": ("SSN", lambda c: ssn()),
    "ITIN": ("US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", lambda c: itin()),
    "NINO": ("UK_NATIONAL_INSURANCE_NUMBER", lambda c: nino()),
    "PASSPORT": ("PASSPORT_NUMBER", lambda c: passport(c["loc"])),
    "DL": ("DRIVER_ID", lambda c: driver_id(c["loc"])),
    "URL": ("URL", lambda c: url()),
    "IP": ("IP_ADDRESS", lambda c: ip()),
    "MAC": ("MAC_ADDRESS", lambda c: mac()),
    "DOB": ("DATE_TIME", lambda c: date(c["loc"], 1936, 2006, year=True)),
    "DOBV": ("DATE_TIME", lambda c: date(c["loc"], 1936, 2006, voice=True)),
    "DATE": ("DATE_TIME", lambda c: date(c["loc"], 2025, 2026)),
    "DATEV": ("DATE_TIME", lambda c: date(c["loc"], 2025, 2026, voice=True)),
    # hard negatives: never labelled
    "AMT": (None, lambda c: amount(c["loc"])),
    "MERCH": (None, lambda c: R.choice(MERCHANTS)),
    "REF": (None, lambda c: ref()),
    "OTP": (None, lambda c: d(6)),
    "LAST4": (None, lambda c: d(4)),
    "N": (None, lambda c: str(R.randint(2, 14))),
    "ERR": (None, lambda c: err()),
    "PROD": (None, lambda c: R.choice(PRODUCTS)),
    "CO": (None, lambda c: R.choice(COMPANIES)),
    "BANK": (None, lambda c: R.choice(BANKS)),
}

# (category, locale: a code, None = any place by weight, "INTL" = any place but the US, text)
POSITIVE = [
    # --- long complaints
    ("complaint", None, "This is the third time I am writing. My name is {NAME} and I have banked with you for {N} years. On {DATE} someone took {AMT} from my account {ACCT} and your fraud team closed the case without even calling me on {PHONE}. I want this escalated today."),
    ("complaint", None, "I am absolutely fed up. I changed my address to {ADDR} weeks ago, yet my new card was posted to the old flat and someone activated it. The card number is {CARD}. Nobody has called me back."),
    ("complaint", "US", "Honestly the worst service. I've been on hold {N} times this week. I just need someone to confirm the wire to routing {ROUT} account {ACCT} went through, it was {AMT} for my mortgage closing and the title company says nothing arrived."),
    ("complaint", None, "Your app logged me out in the middle of paying a bill and now it says my username {USER} is locked. I tried resetting and it keeps sending the code to {EMAIL}, which I haven't used since college. Please fix this, I have rent due on {DATE}."),
    ("complaint", None, "I'm writing to complain about how my mother {NAME} was treated in your branch. She is elderly and was asked to recite her card number {CARD} out loud in front of a queue. That is unacceptable and I want a written apology sent to {ADDR}."),
    ("complaint", None, "You charged me an overdraft fee of {AMT} on {DATE} even though my salary landed the same morning. Account {ACCT}. I have screenshots. Refund it or I am moving to {BANK}."),
    ("complaint", "US", "I was told on the phone that my SSN {SSN} doesn't match your records, which is ridiculous, I've had the same one my whole life. I can't open the {PROD} without it. Please check again."),
    ("complaint", None, "The payment to {CO} bounced twice. I triple-checked the IBAN {IBAN} and the supplier says it's right. Meanwhile I've been charged {AMT} in fees. Sort it out."),
    ("complaint", None, "Please read this whole message before replying with a template. I got a text saying my card was frozen, I clicked {URL} and typed my password {PW} before realising it was fake. I called the number on the back of my card and waited 40 minutes. I need my online banking locked NOW."),
    ("complaint", None, "Every time I log in from my laptop I get error {ERR} and then a message saying a new device with IP {IP} signed in. That is not my IP. Is my account compromised?"),
    ("complaint", None, "I asked for a statement to be emailed to {EMAIL} and instead it went to {EMAIL2}, a total stranger. That's a data breach. My name is {NAME}."),
    ("complaint", None, "Long story short: the replacement card {CARD} expiring {EXP} never arrived, the one before that was stolen from my mailbox, and now I'm told I have to wait another {N} business days. I need money for groceries."),
    # --- voice dictated
    ("voice", None, "um hi yeah so my name is {NAMEL} and i um moved house my new address is {ADDRV} can you update that"),
    ("voice", None, "ok so the card number is {CARD} and um it expires {EXP} and the code on the back is {CVV} can you tell me why it got declined"),
    ("voice", None, "hey its {FIRSTL} again um i forgot my pin i think it was {PIN} but the machine ate the card"),
    ("voice", "US", "yeah so um my social is {SSN} and date of birth {DOBV} i'm trying to open the savings account"),
    ("voice", None, "um can you send the money to account {ACCT} please it's for my landlord {AMT} thanks"),
    ("voice", None, "call me back on {PHONEV} um after five if that works my name is {NAMEL}"),
    ("voice", None, "um so i got an email from {EMAIL2} saying my account is suspended is that you guys"),
    ("voice", None, "yeah hi um my username is {USER} and my password is {PW} and it still wont let me in"),
    ("voice", None, "so um i was born {DOBV} and my passport number is {PASSPORT} is that enough to verify me"),
    ("voice", "US", "um hi i need the routing number confirmed is it {ROUT} for direct deposit my employer is asking"),
    ("voice", None, "ok um send the statement to {EMAIL} not the old one please"),
    ("voice", None, "um the transfer on {DATEV} to account {ACCT2} hasn't shown up yet"),
    ("voice", None, "hi um this is {NAMEL} calling about my dads account he's in hospital and i have power of attorney"),
    # --- quoted SMS / app notification
    ("sms_quote", None, "I got this text: \"Your card ending {LAST4} has been suspended. Verify now at {URL}\" - is this real?"),
    ("sms_quote", None, "The app notification said \"New login to your account from IP {IP}\". I was asleep then. Please lock it."),
    ("sms_quote", None, "Text from you guys reads \"Payment of {AMT} to account {ACCT} scheduled for {DATE}\". I never set that up!"),
    ("sms_quote", None, "Got an email from {EMAIL2} saying \"Dear customer, update your details at {URL} within 24 hours\". Phishing right?"),
    ("sms_quote", None, "SMS said \"Your one-time code is {OTP}. Do not share it.\" and then someone called asking for it and my PIN. I told them {PIN4}. Stupid, I know."),
    ("sms_quote", None, "The alert says \"Device {MAC} added as trusted device\". I don't own that device, what do I do?"),
    ("sms_quote", None, "Your message: \"Hi {FIRST}, your card {CARD} is ready for collection.\" I never ordered a card."),
    ("sms_quote", None, "Pasting the notification: \"Login attempt blocked - IP {IP}, device {MAC}\". Should I change my password?"),
    ("sms_quote", None, "Someone texted me pretending to be you: \"Confirm your username {USER} and password at {URL}\". I did. Please help."),
    # --- small business
    ("business", "US", "Running payroll for my bakery tomorrow, can you confirm routing {ROUT} and account {ACCT} are set up as the payroll funding account?"),
    ("business", None, "I own {CO}. A supplier sent a new IBAN {IBAN} by email and asked us to pay the next invoice there. Can you check it before I send {AMT}?"),
    ("business", None, "Our bookkeeper {NAME} needs view-only access to the business account. Her email is {EMAIL}."),
    ("business", None, "Invoice {REF} from our supplier says to pay account {ACCT} with SWIFT {SWIFT}. Is that a real bank code?"),
    ("business", "US", "Small business owner here. My EIN application is pending so can I use my ITIN {ITIN} on the business account for now?"),
    ("business", None, "I need to add a new employee to payroll: {NAME}, account {ACCT}, start date {DATE}."),
    ("business", None, "Hi, I run a cleaning company and one of my staff, {NAME2}, says her wages went to the wrong account. We paid {ACCT} but she says hers ends differently."),
    ("business", None, "The card machine at my shop keeps showing {ERR}. Our merchant account is {ACCT}, contact me on {PHONE}."),
    ("business", None, "Please change the registered address of my business to {ADDR}. I'm the sole director, {NAME}."),
    ("business", None, "We pay a supplier in Europe monthly. Their details: IBAN {IBAN}, BIC {SWIFT}. Can I set that up as a standing order?"),
    ("business", None, "Can my accountant log in with her own username? She suggested {USER}."),
    ("business", "US", "For the business loan you need my personal details: SSN {SSN}, home address {ADDR}, DOB {DOB}."),
    # --- elderly and carers
    ("carer", None, "I'm writing for my grandmother {NAME}, she can't use the app. She needs her PIN reset, she thinks the old one was {PIN4}."),
    ("carer", None, "My father is {NAME} and he was born {DOB}. He gave a caller his card number {CARD} yesterday. Please block it."),
    ("carer", None, "I am a carer for {NAME}. Her phone number changed to {PHONE}, can you update it so she gets the security texts?"),
    ("carer", None, "Hello dear, I am not good with computers. My grandson set up my email as {EMAIL} and now I can't remember the password. Is it {PW}?"),
    ("carer", None, "My aunt {NAME} has moved into a care home at {ADDR}. Please send her statements there."),
    ("carer", None, "This is {NAME} writing for my mum who has dementia. Someone has been withdrawing {AMT} every week from her account {ACCT}."),
    ("carer", None, "I hold power of attorney for my father {NAME}. What do you need from me? My passport is {PASSPORT}."),
    ("carer", None, "Good afternoon, I am {N} years into retirement and I have never had a problem until now. My card {CARD} was swallowed by the machine outside the post office. Regards, {NAME}"),
    ("carer", None, "My neighbour {NAME2} helps me with the computer. Can she call you on {PHONE} on my behalf?"),
    ("carer", "US", "My dad's Medicare card shows his SSN {SSN}, is that what you need to add me to his account? His DOB is {DOB}."),
    # --- students
    ("student", None, "hi im a student and my loan payment hasnt come in, my account number is {ACCT} and it was due {DATE}"),
    ("student", None, "Student here. Can I get the {PROD}? My uni email is {EMAIL} and I'm starting in September."),
    ("student", "US", "I'm an international student without an SSN, my ITIN is {ITIN}. Can I still get a debit card?"),
    ("student", None, "my roommate used my card {CARD} without asking, can i dispute that, it was like {AMT} at {MERCH}"),
    ("student", None, "first year student, moved into halls at {ADDR}, please update"),
    ("student", None, "how do i change my username from {USER}, i made it in school lol"),
    ("student", "UK", "Student loan company wants my NI number {NINO} and bank details, is it safe to give them account {ACCT}?"),
    ("student", None, "My parents want to send me money from abroad. Should they use IBAN {IBAN} or the account number?"),
    ("student", None, "I set my PIN to {PIN} but the ATM says incorrect pin, I've tried {N} times already"),
    # --- travellers
    ("travel", None, "I'm travelling and my card {CARD} got blocked at a hotel. I'm in the lobby now, please call me on {PHONE}."),
    ("travel", None, "Landed this morning and my card is declined everywhere. Card exp {EXP}, CVV {CVV}. Did you put a travel block on it?"),
    ("travel", None, "Lost my wallet on holiday. Passport {PASSPORT} is safe, but I need an emergency card sent to my hotel at {ADDR}."),
    ("travel", None, "I'm abroad and logging in from IP {IP}, your system keeps blocking me. Username {USER}."),
    ("travel", None, "Paying a deposit for a rental flat, the landlord gave IBAN {IBAN}. Is the fee the same as a domestic transfer?"),
    ("travel", None, "Travel notice please: leaving {DATE}, back {DATE}. My name is {NAME}."),
    ("travel", None, "I'm in a taxi and my phone is dying. New number while abroad is {PHONE}, please text there."),
    ("travel", None, "The ATM kept my card, I'm overseas. Can you send a new one to my friend's place, {ADDR}? Card was {CARD}."),
    ("travel", None, "Do I need my driver's licence {DL} to pick up the emergency cash, or is the passport {PASSPORT} enough?"),
    # --- agent transcripts
    ("transcript", None, "Agent: Can I take your full name please? Customer: {NAME} Agent: And your date of birth? Customer: {DOB}"),
    ("transcript", None, "Agent: What's the best number to reach you? Customer: {PHONE} Agent: And an email? Customer: {EMAIL}"),
    ("transcript", None, "Agent: Which card is this about? Customer: {CARD} Agent: Expiry? Customer: {EXP}"),
    ("transcript", "US", "Agent: For verification, last four of your social? Customer: actually here's the whole thing {SSN} Agent: Thanks, and your address? Customer: {ADDR}"),
    ("transcript", None, "Agent: Hi, I'm {FIRST2}. How can I help? Customer: my account {ACCT} shows a payment I didn't make"),
    ("transcript", None, "Agent: What's the account you're sending to? Customer: {IBAN} Agent: And the BIC? Customer: {SWIFT}"),
    ("transcript", None, "Agent: What username do you log in with? Customer: {USER} Agent: I've sent a reset link. Customer: got it, thanks"),
    ("transcript", None, "Agent: Which address should we post the card to? Customer: {ADDR} Agent: That's updated."),
    ("transcript", "UK", "Agent: Can you confirm your National Insurance number? Customer: {NINO} Agent: Thank you {FIRST}."),
    ("transcript", None, "Agent: Is the reference on the payment {REF}? Customer: yes Agent: And the amount was {AMT}? Customer: correct, sent to {ACCT}"),
    ("transcript", None, "Agent: What ID do you have? Customer: passport Agent: Number please Customer: {PASSPORT}"),
    ("transcript", "US", "Agent: Which routing number did you give your employer? Customer: {ROUT} Agent: That's ours. And the account? Customer: {ACCT}"),
    ("transcript", None, "Agent: Did you share the code {OTP} with anyone? Customer: yes a man who said he was from the bank, and I gave him my PIN {PIN4} too"),
    ("transcript", None, "Agent: What date did the transaction happen? Customer: {DATE} Agent: And where? Customer: {MERCH}, {AMT}"),
    # --- bot transcripts
    ("bot", None, "Bot: What is your registered email? User: {EMAIL}"),
    ("bot", None, "Bot: Please enter your date of birth. User: {DOB} Bot: Thanks. Please enter your phone number. User: {PHONE}"),
    ("bot", None, "Bot: Enter the card number you want to freeze. User: {CARD}"),
    ("bot", None, "Bot: What's your username? User: {USER} Bot: And your password? User: {PW}"),
    ("bot", None, "Bot: Which account do you want to transfer from? User: {ACCT} Bot: And to? User: {ACCT2}"),
    ("bot", None, "Bot: Please type your full name as it appears on your ID. User: {NAME}"),
    ("bot", "US", "Bot: Enter your Social Security number. User: {SSN}"),
    ("bot", None, "Bot: Enter your new 4-digit PIN. User: {PIN4} Bot: Thanks, your PIN has been changed. User: great"),
    ("bot", None, "Bot: What's the payee's IBAN? User: {IBAN}"),
    ("bot", None, "Bot: Paste the link you received. User: {URL}"),
    ("bot", None, "Bot: What is the driver's licence number? User: {DL}"),
    ("bot", None, "Bot: What's your home address? User: {ADDR}"),
    ("bot", None, "Bot: How can I help? User: card declined, error {ERR}, card number {CARD}, expires {EXP}"),
    # --- ordinary chat of the dev set's kind, new wording
    ("login", None, "Locked out again. Username is {USER}, I've just set the password to {PW} but it's rejected."),
    ("login", None, "Can someone unlock {USER}? I keep entering {PW} and it says incorrect."),
    ("login", None, "Changed my password to {PW} last night and today it doesn't work. Login name {USER}."),
    ("login", None, "is {PW} a strong enough password? my username would be {USER}"),
    ("login", None, "Forgot which email my login uses, it's either {EMAIL} or {EMAIL2}."),
    ("login", None, "My son changed the app passcode to {PIN} and now I can't get in."),
    ("login", None, "Could you reset the passcode? I thought it was {PIN4} but it says wrong."),
    ("login", None, "Just to check, the password I chose, {PW}, is it saved properly? Username {USER}."),
    ("card", None, "Can you block {CARD}? It fell out of my pocket on the bus."),
    ("card", None, "Card {CARD}, expiry {EXP}, security number {CVV}. Please confirm it's been reactivated."),
    ("card", None, "the online shop keeps rejecting my card, number {CARD} exp {EXP} cvv {CVV}"),
    ("card", None, "My new debit card {CARD} has the code {CVV} on the back, but the activation line won't accept it."),
    ("card", None, "Please send a replacement for {CARD} to {ADDR}."),
    ("card", None, "I'd like to change my card PIN to {PIN4}, is that allowed?"),
    ("card", None, "Is there a charge for ordering a second card with the same number {CARD}?"),
    ("card", None, "There's a payment of {AMT} at {MERCH} on {DATE} I don't recognise, on card {CARD}."),
    ("account", None, "Salary was meant to go into {ACCT} on {DATE} but it's not there."),
    ("account", None, "Can I link my savings {ACCT} to my current account {ACCT2}?"),
    ("account", None, "Which one is my account number, {ACCT} or the one on my card?"),
    ("account", None, "I'd like to close account {ACCT} and move the balance to {ACCT2}."),
    ("account", None, "Please confirm a standing order to {ACCT} for {AMT} every month starting {DATE}."),
    ("account", "US", "Give me the full direct deposit details please, routing {ROUT} correct? Account {ACCT}."),
    ("account", "US", "My tax refund is going to routing {ROUT}, account {ACCT2}. Will it arrive by {DATE}?"),
    ("account", None, "Loan repayment from {ACCT} failed on {DATE}. Can I pay it from my other account?"),
    ("contact", None, "New mobile number: {PHONE}. Please update my profile."),
    ("contact", None, "Please use {EMAIL} for all future correspondence, not {EMAIL2}."),
    ("contact", None, "Update my details: {NAME}, {ADDR}, {PHONE}."),
    ("contact", None, "I've got married, my name is now {NAME}. What do you need from me?"),
    ("contact", None, "{FIRST} here, my phone number is {PHONE}, please call when the mortgage offer is ready."),
    ("contact", None, "Can you add my wife {NAME2} as a second cardholder? Her number is {PHONE}."),
    ("contact", None, "My address has changed to {ADDR}, effective {DATE}."),
    ("contact", None, "Hi, {FIRST} again, did my change of email to {EMAIL} go through?"),
    ("identity", None, "For verification: {NAME}, born {DOB}, passport {PASSPORT}."),
    ("identity", None, "The online ID check failed. I uploaded passport {PASSPORT} and driver's licence {DL}."),
    ("identity", "US", "My driver's license number is {DL}, issued in my home state. Does that work instead of a passport?"),
    ("identity", "UK", "NI number is {NINO}, date of birth {DOB}. Is that enough to open the ISA?"),
    ("identity", "UK", "The form asks for a National Insurance number, mine's {NINO}. Where do I put the passport number {PASSPORT}?"),
    ("identity", "US", "Can I open a joint account with my partner {NAME2}? Her ITIN is {ITIN} and mine is my SSN {SSN}."),
    ("identity", None, "My date of birth on your system is wrong. It should be {DOB}."),
    ("identity", None, "Verify me: {NAME}, {PHONE}, {EMAIL}."),
    ("fraud", None, "Someone logged into my online banking from a device with MAC {MAC}, IP {IP}. Not me."),
    ("fraud", None, "I see a session from IP address {IP} in my security log, can you end it?"),
    ("fraud", None, "Our router log shows {MAC} connecting at the time of the fraudulent login. Does that help your investigation?"),
    ("fraud", None, "A caller knew my name, my address {ADDR} and my email {EMAIL}. How?"),
    ("fraud", None, "Got a link {URL} asking me to confirm my card. Clicked but didn't enter anything, am I ok?"),
    ("fraud", None, "I entered my card {CARD} on {URL} thinking it was you. Please cancel the card."),
    ("fraud", None, "Scam website {URL} asked for my username and password. I gave {USER} and {PW}."),
    ("fraud", None, "They asked me to move my savings to a 'safe account' {ACCT} with sort code and all. I sent {AMT}. Please stop it."),
    ("international", None, "What's your SWIFT code? Someone gave me {SWIFT} but the transfer failed."),
    ("international", None, "Sending {AMT} to my sister abroad, IBAN {IBAN}, name {NAME2}. How long will it take?"),
    ("international", None, "Is {SWIFT} the right BIC to receive money from overseas into account {ACCT}?"),
    ("international", None, "The payee's bank is {BANK}, IBAN {IBAN}. Your form won't accept it."),
    ("people", None, "Please remove {NAME2} as a trusted contact, we're no longer together."),
    ("people", None, "My son {NAME2} will be handling my banking for a while, can you add him?"),
    ("people", None, "{FIRST} here - just checking if you got the documents I sent on {DATE}."),
    ("people", None, "Hi it's {FIRST}, can you help me set up a savings goal?"),
    ("people", None, "I'd like to pay {NAME2} back for dinner, her account is {ACCT}."),
]

NEGATIVE = [
    ("negative", None, "Why was I charged {AMT} at {MERCH}? I cancelled that subscription {N} months ago."),
    ("negative", None, "My code {OTP} didn't work, can you send another one?"),
    ("negative", None, "The card ending {LAST4} was declined at {MERCH}, any idea why?"),
    ("negative", None, "App shows error {ERR} when I try to open the {PROD} page."),
    ("negative", None, "Case {REF} has been open for {N} days, any update?"),
    ("negative", None, "Refund of {AMT} from {MERCH}, reference {REF}, still not showing."),
    ("negative", None, "How many free ATM withdrawals do I get a month on the {PROD}?"),
    ("negative", None, "Can I have {N} virtual cards for different subscriptions?"),
    ("negative", None, "um hi yeah i just want to know what the interest rate is on the {PROD} thanks"),
    ("negative", None, "um my transfer of {AMT} has been pending for like {N} days"),
    ("negative", None, "Got a text: \"Your verification code is {OTP}\". I didn't request it, should I worry?"),
    ("negative", None, "The notification says \"Payment of {AMT} to {MERCH} declined\". I had money in there."),
    ("negative", None, "Agent: Is it the card ending {LAST4}? Customer: yes that's the one"),
    ("negative", None, "Bot: How can I help today? User: dispute a charge of {AMT}"),
    ("negative", None, "Bot: Please enter the reference from your letter. User: {REF}"),
    ("negative", None, "Agent: How much was the payment? Customer: {AMT}, to {MERCH}"),
    ("negative", None, "Our payroll run for {N} staff failed with error {ERR}, is the system down?"),
    ("negative", None, "Invoice {REF} for {AMT} from {CO} was paid twice, how do I get it back?"),
    ("negative", None, "Can a sole trader open the {PROD}? I have {N} employees."),
    ("negative", None, "I'm a carer for an elderly relative, what forms do I need for a third-party mandate?"),
    ("negative", None, "What's the daily limit on contactless for my dad's card? He keeps getting declined."),
    ("negative", None, "Is there a student overdraft on the {PROD} and how much is it?"),
    ("negative", None, "I'm travelling for {N} weeks, do I need to tell you or is that automatic now?"),
    ("negative", None, "Will I be charged a fee for using my card at {MERCH} abroad?"),
    ("negative", None, "My card ending {LAST4} doesn't work in Japan ATMs, which ones accept it?"),
    ("negative", None, "Honestly I've waited {N} days for a reply on {REF}, this is ridiculous, I've been a customer for years and I'd expect a bit more from {BANK}."),
    ("negative", None, "The app crashed with {ERR} during the transfer of {AMT}, did it go through?"),
    ("negative", None, "Why does the {PROD} have a monthly fee of {AMT} now?"),
    ("negative", None, "Can I order a card reader? I need it for {N} payments a week to suppliers."),
    ("negative", None, "I typed in the one-time passcode {OTP} but the page timed out."),
    ("negative", None, "Which branches are open on weekends near the city centre?"),
    ("negative", None, "Does {BANK} charge me if I receive a transfer from you?"),
    ("negative", None, "Transaction {REF} at {MERCH} for {AMT}, is it still pending or completed?"),
    ("negative", None, "hey what time does the helpline open tomorrow"),
    ("negative", None, "Bot: Enter the last 4 digits of your card. User: {LAST4}"),
    ("negative", None, "Notification: \"Direct debit to {CO} for {AMT} failed, reference {REF}\". Why did it fail, I have money in there."),
]

PREFIXES = ["", "", "", "", "Hi, ", "hello ", "Good evening. ", "hey ", "Hi there, "]
SUFFIXES = ["", "", "", "", " thanks", " pls", " Thank you.", " ASAP", " cheers"]
SLOT_RE_OPEN, SLOT_RE_CLOSE = "{", "}"


def slots_of(text):
    out, i = [], 0
    while True:
        a = text.find(SLOT_RE_OPEN, i)
        if a < 0:
            return out
        b = text.index(SLOT_RE_CLOSE, a)
        out.append(text[a + 1:b])
        i = b + 1


def labels_of(text):
    return [SLOTS[s][0] for s in slots_of(text) if SLOTS[s][0]]


def render(text, loc):
    """Fill the slots left to right, recording each labelled value's offsets as the string grows."""
    name = R.choice(NAMES[loc])
    name2 = R.choice([n for n in NAMES[loc] if n != name])
    ctx = {"loc": loc, "name": name, "name2": name2}
    out, ents, i = "", [], 0
    while True:
        a = text.find(SLOT_RE_OPEN, i)
        if a < 0:
            out += text[i:]
            break
        b = text.index(SLOT_RE_CLOSE, a)
        out += text[i:a]
        label, make = SLOTS[text[a + 1:b]]
        value = make(ctx)
        if label:
            ents.append({"type": label, "begin": len(out), "end": len(out) + len(value), "_value": value})
        out += value
        i = b + 1
    return out, ents


def decorate(cat, text):
    """Greeting / sign-off noise as in the dev set; never inside a value."""
    if cat in ("transcript", "bot", "voice") or text.startswith(
            ("Agent:", "Bot:", "um", "Honestly", "Hello", "Good", "Hi", "This is", "hi", "{")):
        return text
    pre, suf = R.choice(PREFIXES), R.choice(SUFFIXES)
    if (pre.endswith(", ") or (pre and pre[0].islower() and R.random() < 0.5)) and not text.startswith("I "):
        text = text[0].lower() + text[1:]
    return pre + text + suf


def pick_locale(fixed):
    return fixed or R.choices(LOCALES, LOCALE_WEIGHTS)[0]


def choose_templates(n_pos):
    """Every positive template once, then greedy fill towards the dev counts scaled to n_pos."""
    dev_pos = 268 - 60
    target = {t: c * n_pos / dev_pos for t, c in DEV_COUNTS.items()}
    order = list(range(len(POSITIVE)))
    R.shuffle(order)
    have = collections.Counter(l for k in order for l in labels_of(POSITIVE[k][2]))
    while len(order) < n_pos:
        def score(k):
            labs = labels_of(POSITIVE[k][2])
            gain = sum((target[l] - have[l]) / target[l] for l in labs)
            over = sum(1 for l in labs if have[l] + labs.count(l) > target[l] + 0.5)
            return gain / len(labs) - 2 * over + R.random() * 0.05
        k = max(range(len(POSITIVE)), key=score)
        order.append(k)
        have.update(labels_of(POSITIVE[k][2]))
    return order


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "banking_chat_pii_holdout14.jsonl")
    n_neg = round(N_RECORDS * NEG_SHARE)
    n_pos = N_RECORDS - n_neg
    picks = [("pos", k) for k in choose_templates(n_pos)]
    neg_order = [k for _ in range(n_neg // len(NEGATIVE) + 1) for k in range(len(NEGATIVE))][:n_neg]
    picks += [("neg", k) for k in neg_order]
    R.shuffle(picks)
    records, seen = [], set()
    for kind, k in picks:
        cat, fixed, tmpl = (POSITIVE if kind == "pos" else NEGATIVE)[k]
        for _ in range(50):  # no duplicate texts
            text, ents = render(decorate(cat, tmpl), pick_locale(fixed))
            if text not in seen:
                break
        seen.add(text)
        last = -1
        for e in sorted(ents, key=lambda e: e["begin"]):
            assert text[e["begin"]:e["end"]] == e["_value"], (text, e)
            assert e["begin"] >= last, ("overlap", text)
            assert e["_value"] == e["_value"].strip() and e["_value"], (text, e)
            last = e["end"]
            v = e.pop("_value")
            if e["type"] == "CREDIT_DEBIT_NUMBER":
                assert luhn_ok(v), v
            elif e["type"] == "BANK_ROUTING":
                assert aba_ok(v), v
            elif e["type"] == "INTERNATIONAL_BANK_ACCOUNT_NUMBER":
                c = v.replace(" ", "")
                assert iban_ok(c) and len(c) == IBAN_BBAN[c[:2]][0], v
        assert (kind == "neg") == (not ents), text
        records.append({"id": "bankchat-holdout14-%04d" % len(records), "split": "holdout14", "text": text,
                        "entities": ents, "template_id": "%s:%d" % (cat if kind == "pos" else "negative", k),
                        "template_source": "own"})
    with open(out_path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    counts = collections.Counter(e["type"] for r in records for e in r["entities"])
    print("%d records (%d without entities), %d entities -> %s" % (
        len(records), sum(1 for r in records if not r["entities"]), sum(counts.values()), out_path))
    for t, c in sorted(DEV_COUNTS.items(), key=lambda x: -x[1]):
        print("  %-40s %4d  (dev %d)" % (t, counts[t], c))


if __name__ == "__main__":
    main()
