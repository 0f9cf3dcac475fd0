#!/usr/bin/env python3
"""Generate banking_chat_pii_holdout18.jsonl: a blind, labelled PII test set for banking support chat.

Usage: python3 make_holdout18_set.py [out.jsonl]      (stdlib only, fixed seed: same output every run)

Focus: the entity types a rule-based detector finds hardest, each in many phrasings -
PASSWORD (told every way a stressed customer does: quoted or not, after "pw"/"pwd"/"pass", "it's ...",
"I changed it to ...", "old one was X new one Y", with symbols, with blanks around, at the very end of
the message, as a bare answer after "bot: ... user:"), USERNAME (logins, user IDs, handles, numeric
customer IDs the customer says they log in with), PASSPORT_NUMBER (US, UK, IN, DE, FR, CN, NG, PH, MX,
CA shapes), DRIVER_ID (several US states, UK DVLA 16-character, Canadian provinces, Australian states),
PHONE (national and international formats of 13 countries, cued and bare), ADDRESS (US/UK/CA/AU/IE/DE/
FR/IN styles, full and partial), NAME (the customer, and people they talk about: payees, spouses,
children, agents; non-English names; lower case), plus a mix of the dev set's other types and about a
quarter of hard negatives that look like these types but carry no PII.

Labelling rules (the dev set banking_chat_pii_dev.jsonl is the spec; Amazon Comprehend's
DetectPiiEntities definitions where the dev set shows no example):
  * Only types the dev set uses. A span covers the value only: never the cue word ("password",
    "username", "passport", "licence", "Mr", "Dr."), never surrounding quotes, '#', '=' or ':', never
    blanks, never a possessive "'s", never sentence punctuation after the value.
  * A numeric app passcode or card PIN is PIN (dev: "the app keeps asking for my passcode, I use 5877"),
    never PASSWORD. A password is always told with a password cue (password, pw, pwd, pass, passphrase)
    or as the answer to a bot asking for one, and always contains a letter. A password is followed by
    the end of the message, a blank or a closing quote; where a comma or '?' follows directly, the
    password ends with a letter or digit, so the boundary is never ambiguous. No password is followed
    directly by a full stop.
  * USERNAME: logins, user IDs, online-banking IDs and handles, including numeric customer IDs the
    customer says they sign in with. No e-mail address is labelled USERNAME (the dev set has none);
    no NAME is labelled inside a username.
  * NAME: a person's name, first name alone included, in any case; titles (Mr, Ms, Dr.) excluded;
    names of businesses, merchants, products and branches are not NAME.
  * ADDRESS: a street address from the house number (or flat/unit/PO box) through city, state/county and
    postal code where given, as one span; a street address without city counts. A city or country
    alone is not an ADDRESS (dev: "a hotel in Lisbon" is unlabelled).
  * PHONE: the whole number including +country code, parentheses and separators.
  * DRIVER_ID / PASSPORT_NUMBER: the number as written, inner blanks or dashes included.
  * Not PII: order, reference, case, tracking, transaction and invoice numbers, error codes, app versions,
    amounts, durations, password rules, product, merchant, bank and branch names. Relative time words are
    avoided so that DATE_TIME spans are only the dates this generator labels.
About 1 message in 6 is lower-cased entirely (values included), as in the dev set.
"""
import collections
import json
import os
import random
import re
import string
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checksums import aba_ok, iban_ok, iban_mod97, luhn_complete, luhn_ok  # noqa: E402

SEED = 1818
N_RECORDS = 300
N_NEGATIVE = 75
rng = random.Random(SEED)

# ---------------------------------------------------------------- value pools
FIRST = """Emily Jacob Olivia Marcus Hannah Tyler Brianna DeShawn Keisha Connor Megan Dylan Abigail Harriet
Oliver Amelia Callum Siobhán Niamh Cillian Aoife Seán Priyanka Arjun Lakshmi Rohan Ananya Chidi Ngozi
Oluwaseun Adaeze Emeka Yusuf Fatima Leila Omar Hiroshi Keiko Yuki Mei Wei Xiaoling Minh Thảo Hoa José
María Lucía Alejandro Guadalupe Joaquín Renée Zoë Chloé Élodie Mathieu Jürgen Lukas Anneliese Björn
Søren Ingrid Łukasz Małgorzata Katarzyna Dmitri Svetlana Olumide Maile Kalani Jasmine Trevor Gretchen
Wendell Rosalind Ibrahim Aaliyah Mateus Paulo Nkechi Tendai Bongani Anh Ji-woo Seo-yeon Rafael Beatriz
Imogen Rhys Bronwyn Tamsin Declan Fionnuala Kwabena Efua Chinedu Halima Sipho Thandiwe Raúl Inés Nikhil
Deepa Farah Tariq Gabriela Mirela Vusumuzi Ayesha Benedikt Henrike Corentin Maëlle Tomás Ximena""".split()
LAST = """Whitfield Okafor Nakamura Delacroix Gutiérrez O'Sullivan McAllister Fitzgerald Brennan Adeyemi
Chukwu Balogun Iyer Venkatesan Chatterjee Banerjee Kowalski Wróbel Nowak Schäfer Müller Becker Lindqvist
Johansson Haugen Dubois Lefèvre Moreau Nguyễn Trần Phạm Zhang Liu Huang Takahashi Watanabe Kim Park Choi
Haddad Al-Farsi Rahman Siddiqui Kaplan Goldberg Rosenthal Petrović Ivanova Novak Hernández Ramírez
Castillo Mendoza Alvarez Santos Oliveira Pereira Kealoha Begay Yazzie Holloway Prescott Thornton
Blackwood Ellison Carmichael Abernathy Fairweather Pemberton Mensah Asante Owusu Dlamini Ndlovu Kaur
Gill Sandhu Costa Ferreira Rossi Bianchi Esposito Jovanović Horvat Szabó Papadopoulos Yilmaz Demir""".split()
LAST_MULTI = ["Ní Bhriain", "van der Berg", "de la Cruz", "Mac Giolla", "dos Santos", "Smith-Okonkwo",
              "García López", "ben Haim"]
WORDS = """harbor maple tulip copper falcon willow cedar lantern meadow orbit pebble thistle juniper cobalt
saffron walnut ember quartz marigold sparrow hazel canyon glacier violet tundra clover basil fennel
magpie heron otter badger comet nebula sable indigo russet amber topaz cinder birch poplar aspen
pumpkin biscuit pretzel mango papaya kiwi lemon olive pepper ginger nutmeg cocoa toffee muffin""".split()
SYMS = "!@#$%^&*_-+=?~"

used_values = collections.Counter()


def uniq(fn):
    """Draw from fn until the value is new: the brief allows a value at most twice, we aim for once."""
    for _ in range(200):
        v = fn()
        if used_values[v.lower()] == 0:
            used_values[v.lower()] += 1
            return v
    raise AssertionError("value space exhausted for %s" % fn.__name__)


def digits(n):
    return "".join(rng.choice(string.digits) for _ in range(n))


def letters(n, alphabet=string.ascii_uppercase):
    return "".join(rng.choice(alphabet) for _ in range(n))


# ---------------------------------------------------------------- PASSWORD / USERNAME
def _leet(w):
    return w.translate(str.maketrans({"a": "@", "e": "3", "o": "0", "i": "1", "s": "5"}))


def password_any():
    style = rng.randrange(8)
    w1, w2 = rng.choice(WORDS), rng.choice(WORDS)
    if style == 0:
        return w1.capitalize() + rng.choice("#!$*&") + digits(rng.choice([2, 3, 4]))
    if style == 1:
        return _leet(w1) + digits(2)
    if style == 2:
        pool = string.ascii_letters + string.digits + "#$%&*!@^"
        s = "".join(rng.choice(pool) for _ in range(rng.randint(9, 14)))
        return s if any(c.isalpha() for c in s) else "Q" + s
    if style == 3:
        return w1 + w2 + digits(rng.choice([2, 4]))
    if style == 4:
        return w1.capitalize() + w2.capitalize() + digits(2) + rng.choice("!?$#")
    if style == 5:
        return rng.choice(SYMS[:6]) + w1[:4].capitalize() + digits(3) + rng.choice(SYMS)
    if style == 6:
        return "-".join([w1.capitalize(), w2.capitalize(), digits(4)])
    return w1[:3].upper() + "_" + digits(2) + "_" + w2


def password_alnum_end():
    while True:
        p = password_any()
        if p[-1].isalnum():
            return p


def passphrase():
    return " ".join(rng.sample(WORDS, 3)) + " " + digits(2)


def username():
    f, l = rng.choice(FIRST), rng.choice(LAST)
    f = f.encode("ascii", "ignore").decode().lower() or "sam"
    l = re.sub(r"[^a-z]", "", l.encode("ascii", "ignore").decode().lower()) or "lee"
    style = rng.randrange(9)
    if style == 0:
        return "%s.%s" % (f, l)
    if style == 1:
        return f[0] + l + digits(2)
    if style == 2:
        return "%s_%s%s" % (f, l[0], digits(2))
    if style == 3:
        return "%s_%s_%s" % (rng.choice(WORDS), rng.choice(WORDS), digits(2))
    if style == 4:
        return "%s%s%s" % (rng.choice(WORDS).capitalize(), f.capitalize(), digits(3))
    if style == 5:
        return "%s-%s-%s" % (f.capitalize(), l.capitalize(), rng.randint(1, 9))
    if style == 6:
        return "%s.%s.%s" % (f, l[0], digits(4))
    if style == 7:
        return "%s%s" % (l, digits(4))
    return "%s%s_%s" % (rng.choice(WORDS), digits(2), f[:3])


def customer_id_numeric():
    return digits(1).replace("0", "4") + digits(rng.choice([7, 9]))


def customer_id_alnum():
    return letters(2) + digits(6) + letters(1)


# ---------------------------------------------------------------- PASSPORT_NUMBER
def pp_us():
    return digits(9) if rng.random() < 0.5 else letters(1) + digits(8)


def pp_uk():
    return digits(9)


def pp_in():
    return rng.choice("ABCDEFGHJKLMNPRSTUVWZ") + digits(7)


def pp_de():
    return "".join(rng.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(9))


def pp_fr():
    return digits(2) + letters(2) + digits(5)


def pp_cn():
    return rng.choice(["E" + digits(8), "E" + letters(1, "ABCDEFGHJKLMNPQRSTUVWXYZ") + digits(7),
                       "G" + digits(8)])


def pp_ng():
    return rng.choice("ABD") + digits(8)


def pp_ph():
    return rng.choice(["P" + digits(7) + letters(1), "E" + letters(1) + digits(7)])


def pp_mx():
    return rng.choice("GNP") + digits(8)


def pp_ca():
    return letters(2) + digits(6)


PP_ANY = [pp_us, pp_uk, pp_in, pp_de, pp_fr, pp_cn, pp_ng, pp_ph, pp_mx, pp_ca]


# ---------------------------------------------------------------- DRIVER_ID
def dl_ca():
    return letters(1) + digits(7)


def dl_ny():
    d = digits(9)
    return d if rng.random() < 0.5 else "%s %s %s" % (d[:3], d[3:6], d[6:])


def dl_fl():
    return "%s%s-%s-%s-%s-%s" % (letters(1), digits(3), digits(3), digits(2), digits(3), digits(1))


def dl_tx():
    return digits(8)


def dl_il():
    return "%s%s-%s-%s" % (letters(1), digits(3), digits(4), digits(4))


def dl_wa():
    return "WDL" + "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(9))


def dl_pa():
    d = digits(8)
    return "%s %s %s" % (d[:2], d[2:5], d[5:])


def dl_nj():
    return "%s%s %s %s" % (letters(1), digits(4), digits(5), digits(5))


def dl_mi():
    return "%s %s %s %s %s" % (letters(1), digits(3), digits(3), digits(3), digits(3))


def dl_uk():
    """DVLA 16 characters: surname(5, 9-padded) decade month(+5 female) day year initials(2) 9 check(2)."""
    sur = re.sub(r"[^A-Z]", "", rng.choice(LAST).encode("ascii", "ignore").decode().upper())
    sur = (sur + "99999")[:5]
    month = rng.randint(1, 12) + (50 if rng.random() < 0.5 else 0)
    year = rng.randint(40, 99)
    s = "%s%d%02d%02d%d%s9%s" % (sur, year // 10, month, rng.randint(1, 28), year % 10,
                                 letters(rng.choice([1, 2])).ljust(2, "9"), letters(2))
    assert len(s) == 16
    return s if rng.random() < 0.7 else "%s %s %s" % (s[:5], s[5:11], s[11:])


def dl_on():
    return "%s%s-%s-%s" % (letters(1), digits(4), digits(5), digits(5))


def dl_qc():
    return letters(1) + digits(12)


def dl_bc():
    return digits(7)


def dl_au_nsw():
    return digits(8) if rng.random() < 0.6 else digits(2) + letters(2) + digits(2)


def dl_au_vic():
    return digits(rng.choice([9, 10]))


def dl_au_qld():
    return digits(9)


DL_ANY = [dl_ca, dl_ny, dl_fl, dl_tx, dl_il, dl_wa, dl_pa, dl_nj, dl_mi, dl_uk, dl_on, dl_qc, dl_bc,
          dl_au_nsw, dl_au_vic, dl_au_qld]


# ---------------------------------------------------------------- PHONE
def ph_us():
    a = rng.choice(["212", "310", "415", "512", "617", "702", "773", "808", "919", "206", "303", "404"])
    n = "555-01" + digits(2)
    return rng.choice(["(%s) %s" % (a, n), "%s-%s" % (a, n), "%s.%s" % (a, n.replace("-", ".")),
                       "+1 %s %s" % (a, n.replace("-", " ")), "1-%s-%s" % (a, n), a + n.replace("-", "")])


def ph_ca():
    a = rng.choice(["416", "604", "514", "403", "613"])
    return rng.choice(["(%s) 555-01%s" % (a, digits(2)), "+1 %s 555 01%s" % (a, digits(2))])


def ph_uk():
    return rng.choice(["07700 900" + digits(3), "+44 7700 900" + digits(3), "+44 (0)7700 900" + digits(3)])


def ph_uk_land():
    return rng.choice(["020 7946 0" + digits(3), "0113 496 0" + digits(3), "0161 496 0" + digits(3),
                       "+44 20 7946 0" + digits(3)])


def ph_au():
    return rng.choice(["0491 570 " + digits(3), "+61 491 570 " + digits(3), "(02) 5550 " + digits(4),
                       "+61 2 5550 " + digits(4)])


def ph_ie():
    return rng.choice(["087 " + digits(3) + " " + digits(4), "+353 85 " + digits(3) + " " + digits(4),
                       "(01) " + digits(3) + " " + digits(4)])


def ph_de():
    return rng.choice(["+49 30 " + digits(8), "0151 " + digits(8), "+49 (0)89 " + digits(3) + " " + digits(4)])


def ph_fr():
    d = [digits(2) for _ in range(4)]
    return rng.choice(["06 %s %s %s %s" % tuple(d), "+33 6 %s %s %s %s" % tuple(d), "07.%s.%s.%s.%s" % tuple(d)])


def ph_in():
    return rng.choice(["+91 98" + digits(3) + " " + digits(5), "09" + digits(9), "+91-97" + digits(8)])


def ph_mx():
    return rng.choice(["+52 55 " + digits(4) + " " + digits(4), "+52 1 33 " + digits(4) + " " + digits(4)])


def ph_ng():
    return rng.choice(["+234 803 " + digits(3) + " " + digits(4), "0806 " + digits(3) + " " + digits(4)])


def ph_ph():
    return rng.choice(["+63 917 " + digits(3) + " " + digits(4), "0918-" + digits(3) + "-" + digits(4)])


def ph_cn():
    return rng.choice(["+86 138 " + digits(4) + " " + digits(4), "139" + digits(8)])


def ph_sg():
    return "+65 " + rng.choice("689") + digits(3) + " " + digits(4)


PH_ANY = [ph_us, ph_us, ph_ca, ph_uk, ph_uk_land, ph_au, ph_ie, ph_de, ph_fr, ph_in, ph_mx, ph_ng, ph_ph,
          ph_cn, ph_sg]


# ---------------------------------------------------------------- ADDRESS
US_CITIES = [("Portland", "OR"), ("Austin", "TX"), ("Columbus", "OH"), ("Tucson", "AZ"), ("Raleigh", "NC"),
             ("Madison", "WI"), ("Boise", "ID"), ("Albany", "NY"), ("Savannah", "GA"), ("Fresno", "CA"),
             ("Omaha", "NE"), ("Burlington", "VT"), ("Reno", "NV"), ("Tulsa", "OK"), ("Des Moines", "IA")]
STREETS = ["Maple", "Oak", "Cedar", "Lakeview", "Sunset", "Highland", "Willow", "Prospect", "Chestnut",
           "Magnolia", "Ridge", "Orchard", "Fairview", "Juniper", "Hawthorne", "Sycamore", "Birchwood"]
US_SUFFIX = ["St", "Street", "Ave", "Avenue", "Rd", "Road", "Blvd", "Lane", "Dr", "Court", "Way", "Pl"]


def ad_us():
    city, st = rng.choice(US_CITIES)
    unit = rng.choice(["", "", ", Apt %d%s" % (rng.randint(1, 40), rng.choice("ABC")), " #%d" % rng.randint(2, 900),
                       ", Unit %d" % rng.randint(1, 99)])
    street = "%d %s%s %s%s" % (rng.randint(10, 9899), rng.choice(["", "", "N ", "W "]), rng.choice(STREETS),
                               rng.choice(US_SUFFIX), unit)
    return rng.choice(["%s, %s, %s %s" % (street, city, st, digits(5)), "%s, %s %s" % (street, city, st),
                       "%s, %s, %s" % (street, city, st), "%s %s, %s %s" % (street, city, st, digits(5))])


def ad_us_pobox():
    city, st = rng.choice(US_CITIES)
    return "PO Box %d, %s, %s %s" % (rng.randint(100, 9999), city, st, digits(5))


UK_TOWNS = [("Leeds", "LS"), ("Bristol", "BS"), ("Norwich", "NR"), ("Sheffield", "S"), ("Exeter", "EX"),
            ("Cardiff", "CF"), ("York", "YO"), ("Bath", "BA"), ("Glasgow", "G"), ("Nottingham", "NG")]
UK_STREET = ["Carlton Road", "Elm Grove", "Victoria Terrace", "Church Lane", "Station Road", "Mill Close",
             "Queens Crescent", "Park View", "Ashby Gardens", "Kingsway", "The Paddocks", "Orchard Mews"]


def uk_postcode(area):
    return "%s%d %d%s" % (area, rng.randint(1, 19), rng.randint(1, 9), letters(2, "ABDEFGHJLNPQRSTUWXYZ"))


def ad_uk():
    town, area = rng.choice(UK_TOWNS)
    flat = rng.choice(["", "", "Flat %d, " % rng.randint(1, 30), "Flat %d%s, " % (rng.randint(1, 9), rng.choice("ABC"))])
    street = "%s%d %s" % (flat, rng.randint(1, 240), rng.choice(UK_STREET))
    return rng.choice(["%s, %s %s" % (street, town, uk_postcode(area)), "%s, %s, %s" % (street, town, uk_postcode(area)),
                       "%s, %s" % (street, town)])


def ad_uk_partial():
    return "Flat %d, %d %s" % (rng.randint(1, 30), rng.randint(1, 240), rng.choice(UK_STREET))


def ad_street_only():
    return rng.choice(["%d %s %s" % (rng.randint(10, 9899), rng.choice(STREETS), rng.choice(US_SUFFIX)),
                       "%d %s" % (rng.randint(1, 240), rng.choice(UK_STREET))])


def ad_ca():
    city, prov, fsa = rng.choice([("Toronto", "ON", "M5V"), ("Vancouver", "BC", "V6B"), ("Calgary", "AB", "T2P"),
                                  ("Ottawa", "ON", "K1P"), ("Halifax", "NS", "B3H"), ("Montréal", "QC", "H2X")])
    street = "%d %s %s" % (rng.randint(10, 2999), rng.choice(["Queen St W", "Bloor St E", "Elgin Street", "Granville St",
                                                                "Spring Garden Rd", "Rue Sainte-Catherine"]), "")
    street = street.strip()
    if rng.random() < 0.5:
        street = "Unit %d, %s" % (rng.randint(100, 2400), street)
    return "%s, %s, %s %s %d%s%d" % (street, city, prov, fsa, rng.randint(1, 9), letters(1), rng.randint(1, 9))


def ad_au():
    sub, st, pc = rng.choice([("Bondi", "NSW", "2026"), ("Fitzroy", "VIC", "3065"), ("Paddington", "QLD", "4064"),
                              ("Subiaco", "WA", "6008"), ("Glenelg", "SA", "5045"), ("Newtown", "NSW", "2042")])
    num = rng.choice(["%d" % rng.randint(1, 300), "%d/%d" % (rng.randint(1, 20), rng.randint(1, 300))])
    return "%s %s %s, %s %s %s" % (num, rng.choice(["Beach", "Brunswick", "Oxford", "Rokeby", "Jetty", "King"]),
                                  rng.choice(["Rd", "St", "Pde", "Tce"]), sub, st, pc)


def ad_ie():
    return rng.choice([
        "%d %s, Dublin %d, D%02d %s%d%s%d" % (rng.randint(1, 120), rng.choice(["Rathmines Road Upper", "Leinster Road",
                                                                             "Griffith Avenue", "Clontarf Road"]),
                                              rng.randint(3, 9), rng.randint(3, 9), letters(1), rng.randint(1, 9),
                                              letters(1), rng.randint(1, 9)),
        "%d %s, %s, Co. %s" % (rng.randint(1, 80), rng.choice(["Main Street", "Bridge Street", "Church View"]),
                               rng.choice(["Ennis", "Mallow", "Tullamore"]), rng.choice(["Clare", "Cork", "Offaly"]))])


def ad_de():
    return "%s %d%s, %s %s" % (rng.choice(["Hauptstraße", "Lindenallee", "Bergstraße", "Schillerweg", "Am Markt"]),
                               rng.randint(1, 140), rng.choice(["", "", "a", "b"]), digits(5),
                               rng.choice(["Berlin", "München", "Köln", "Leipzig", "Hamburg"]))


def ad_fr():
    return "%d%s %s, %s %s" % (rng.randint(1, 120), rng.choice(["", "", " bis"]),
                              rng.choice(["rue des Lilas", "avenue Jean Jaurès", "boulevard Voltaire", "rue de la Paix",
                                          "impasse des Tilleuls"]),
                              rng.choice(["75011", "69003", "13006", "31000", "44000"]),
                              rng.choice(["Paris", "Lyon", "Marseille", "Toulouse", "Nantes"]))


def ad_in():
    return "%s %d, %s, %s, %s %s" % (rng.choice(["Flat", "House No."]), rng.randint(1, 900),
                                     rng.choice(["Sai Krupa Apartments", "Green Park Residency", "Shanti Nagar",
                                                 "Lakshmi Towers"]),
                                     rng.choice(["MG Road", "Linking Road", "Anna Salai", "Park Street"]),
                                     rng.choice(["Bengaluru", "Mumbai", "Chennai", "Kolkata", "Pune"]),
                                     rng.choice(["560001", "400050", "600002", "700016", "411001"]))


AD_ANY = [ad_us, ad_us, ad_uk, ad_ca, ad_au, ad_ie, ad_de, ad_fr, ad_in]


# ---------------------------------------------------------------- NAME
def first():
    return rng.choice(FIRST)


def last():
    return rng.choice(LAST + LAST_MULTI)


def full_name():
    f, l = first(), last()
    r = rng.random()
    if r < 0.12:
        return "%s %s. %s" % (f, letters(1), l)
    if r < 0.2:
        return "%s-%s %s" % (f, rng.choice(["Marie", "Louise", "Jean", "Ann"]), l)
    return "%s %s" % (f, l)


def full_name_lc():
    return full_name().lower()


def full_name_uc():
    return full_name().upper()


# ---------------------------------------------------------------- other types
def email():
    u = username().replace("-", ".").lower()
    return "%s@%s" % (u, rng.choice(["example.com", "example.org", "example.net", "mail.example", "inbox.test",
                                     "post.example.co.uk"]))


MONTHS = "January February March April May June July August September October November December".split()


def dob():
    y, m, d = rng.randint(1938, 2006), rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice(["%d/%d/%d" % (m, d, y), "%02d/%02d/%d" % (m, d, y), "%d-%02d-%02d" % (y, m, d),
                       "%d %s %d" % (d, MONTHS[m - 1], y), "%s %d, %d" % (MONTHS[m - 1], d, y),
                       "%02d.%02d.%d" % (d, m, y)])


def date_recent():
    m, d = rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice(["%s %d" % (MONTHS[m - 1], d), "%02d/%02d/2026" % (m, d), "%d %s" % (d, MONTHS[m - 1]),
                       "2026-%02d-%02d" % (m, d)])


def card():
    pre = rng.choice(["4", "51", "53", "55", "6011"])
    n = luhn_complete(pre + digits(15 - len(pre)))
    return rng.choice([n, " ".join(n[i:i + 4] for i in range(0, 16, 4))])


def expiry():
    return rng.choice(["%02d/%d" % (rng.randint(1, 12), rng.randint(27, 31)), "%d/%d" % (rng.randint(1, 12), rng.randint(27, 31))])


def cvv():
    return digits(3)


def account():
    return digits(rng.choice([8, 10, 12]))


def aba():
    while True:
        b = rng.choice(["0", "1", "2", "3"]) + digits(7)
        for c in "0123456789":
            if aba_ok(b + c):
                return b + c


def iban():
    cc, body = rng.choice([("DE", lambda: digits(18)), ("GB", lambda: letters(4) + digits(14)),
                           ("FR", lambda: digits(10) + letters(1) + digits(10) + digits(2)), ("IE", lambda: letters(4) + digits(14))])
    b = body()
    chk = 98 - iban_mod97(cc + "00" + b)
    s = "%s%02d%s" % (cc, chk, b)
    assert iban_ok(s)
    return s if rng.random() < 0.5 else " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def pin4():
    return digits(4)


def pin6():
    return digits(6)


def ssn():
    a = "%03d" % rng.randint(100, 665)
    return rng.choice(["%s-%s-%s" % (a, digits(2).replace("00", "41"), digits(4).replace("0000", "2231")),
                       a + digits(2).replace("00", "37") + digits(4).replace("0000", "8812")])


def url():
    return "https://%s-%s.example.%s/%s" % (rng.choice(WORDS), rng.choice(["secure", "login", "verify"]),
                                           rng.choice(["com", "net", "org"]), rng.choice(["signin", "reset?t=" + digits(6), "s/" + digits(5)]))


def swift():
    return letters(4) + rng.choice(["US", "GB", "DE", "FR"]) + letters(2) + rng.choice(["", "XXX"])


def nino():
    return letters(2, "ABCEGHJKLMNPRSTWXYZ") + digits(6) + rng.choice("ABCD")


def ip():
    return rng.choice(["192.0.2.%d" % rng.randint(1, 254), "203.0.113.%d" % rng.randint(1, 254),
                       "198.51.100.%d" % rng.randint(1, 254)])


# Placeholder -> (entity type or None for a non-PII filler, generator).
GENS = {
    "pw": ("PASSWORD", password_any), "pwe": ("PASSWORD", password_alnum_end), "pps": ("PASSWORD", passphrase),
    "user": ("USERNAME", username), "custid": ("USERNAME", customer_id_numeric), "custidA": ("USERNAME", customer_id_alnum),
    "ppUS": ("PASSPORT_NUMBER", pp_us), "ppUK": ("PASSPORT_NUMBER", pp_uk), "ppIN": ("PASSPORT_NUMBER", pp_in),
    "ppDE": ("PASSPORT_NUMBER", pp_de), "ppFR": ("PASSPORT_NUMBER", pp_fr), "ppCN": ("PASSPORT_NUMBER", pp_cn),
    "ppNG": ("PASSPORT_NUMBER", pp_ng), "ppPH": ("PASSPORT_NUMBER", pp_ph), "ppMX": ("PASSPORT_NUMBER", pp_mx),
    "ppCA": ("PASSPORT_NUMBER", pp_ca), "ppX": ("PASSPORT_NUMBER", lambda: rng.choice(PP_ANY)()),
    "dlCA": ("DRIVER_ID", dl_ca), "dlNY": ("DRIVER_ID", dl_ny), "dlFL": ("DRIVER_ID", dl_fl), "dlTX": ("DRIVER_ID", dl_tx),
    "dlIL": ("DRIVER_ID", dl_il), "dlWA": ("DRIVER_ID", dl_wa), "dlPA": ("DRIVER_ID", dl_pa), "dlNJ": ("DRIVER_ID", dl_nj),
    "dlMI": ("DRIVER_ID", dl_mi), "dlUK": ("DRIVER_ID", dl_uk), "dlON": ("DRIVER_ID", dl_on), "dlQC": ("DRIVER_ID", dl_qc),
    "dlBC": ("DRIVER_ID", dl_bc), "dlNSW": ("DRIVER_ID", dl_au_nsw), "dlVIC": ("DRIVER_ID", dl_au_vic),
    "dlQLD": ("DRIVER_ID", dl_au_qld), "dlX": ("DRIVER_ID", lambda: rng.choice(DL_ANY)()),
    "phUS": ("PHONE", ph_us), "phCA": ("PHONE", ph_ca), "phUK": ("PHONE", ph_uk), "phUKL": ("PHONE", ph_uk_land),
    "phAU": ("PHONE", ph_au), "phIE": ("PHONE", ph_ie), "phDE": ("PHONE", ph_de), "phFR": ("PHONE", ph_fr),
    "phIN": ("PHONE", ph_in), "phMX": ("PHONE", ph_mx), "phNG": ("PHONE", ph_ng), "phPH": ("PHONE", ph_ph),
    "phCN": ("PHONE", ph_cn), "phSG": ("PHONE", ph_sg), "phX": ("PHONE", lambda: rng.choice(PH_ANY)()),
    "adUS": ("ADDRESS", ad_us), "adBOX": ("ADDRESS", ad_us_pobox), "adUK": ("ADDRESS", ad_uk),
    "adUKp": ("ADDRESS", ad_uk_partial), "adST": ("ADDRESS", ad_street_only), "adCA": ("ADDRESS", ad_ca),
    "adAU": ("ADDRESS", ad_au), "adIE": ("ADDRESS", ad_ie), "adDE": ("ADDRESS", ad_de), "adFR": ("ADDRESS", ad_fr),
    "adIN": ("ADDRESS", ad_in), "adX": ("ADDRESS", lambda: rng.choice(AD_ANY)()),
    "name": ("NAME", full_name), "nameLC": ("NAME", full_name_lc), "nameUC": ("NAME", full_name_uc),
    "first": ("NAME", first), "last": ("NAME", last),
    "email": ("EMAIL", email), "dob": ("DATE_TIME", dob), "date": ("DATE_TIME", date_recent),
    "card": ("CREDIT_DEBIT_NUMBER", card), "exp": ("CREDIT_DEBIT_EXPIRY", expiry), "cvv": ("CREDIT_DEBIT_CVV", cvv),
    "acct": ("BANK_ACCOUNT_NUMBER", account), "aba": ("BANK_ROUTING", aba),
    "iban": ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", iban), "pin4": ("PIN", pin4), "pin6": ("PIN", pin6),
    "ssn": ("SSN", ssn), "url": ("URL", url), "swift": ("SWIFT_CODE", swift),
    "nino": ("UK_NATIONAL_INSURANCE_NUMBER", nino), "ip": ("IP_ADDRESS", ip),
    # Non-PII fillers for the hard negatives (labelled nothing).
    "n1": (None, lambda: str(rng.randint(2, 9))), "n2": (None, lambda: str(rng.randint(10, 64))),
    "amt": (None, lambda: rng.choice(["$%d.%02d" % (rng.randint(3, 900), rng.randint(0, 99)),
                                      "£%d" % rng.randint(5, 400), "EUR %d" % rng.randint(5, 900)])),
    "ref": (None, lambda: rng.choice(["FT" + digits(5) + letters(4), "REF-" + digits(8), "TX" + digits(10),
                                      letters(3) + "-" + digits(6)])),
    "order": (None, lambda: "%s-%s-%s" % (digits(3), digits(7), digits(7))),
    "err": (None, lambda: rng.choice(["E-%d" % rng.randint(1000, 9999), "ERR_%s_%d" % (rng.choice(["AUTH", "NET", "SESSION"]), rng.randint(400, 599)),
                                      "code %d" % rng.randint(100, 9999)])),
    "case": (None, lambda: "CS-%s" % digits(7)),
    "ver": (None, lambda: "%d.%d.%d" % (rng.randint(5, 12), rng.randint(0, 30), rng.randint(0, 9))),
    "inv": (None, lambda: "INV-2026-%s" % digits(5)),
    "track": (None, lambda: "1Z%s%s" % (letters(6), digits(10))),
}

# ---------------------------------------------------------------- templates (id, text)
POSITIVE = [
    # PASSWORD
    ("pw:1", "my pw is {pw} and it still says invalid credentials"),
    ("pw:2", "locked out again. pwd {pw} username {user}"),
    ("pw:3", 'I typed "{pw}" exactly and it won\'t let me in'),
    ("pw:4", "I changed it to {pw} on the website but the app still wants the old one"),
    ("pw:5", "old one was {pw} new one {pwe}"),
    ("pw:6", "bot: Which password did you try? user: it's {pwe}"),
    ("pw:7", "Password:   {pw}   <- that's what I keep entering"),
    ("pw:8", "i set the password to {pw} on my laptop, is the app different?"),
    ("pw:9", "Can you check if my online banking password {pw} got locked?"),
    ("pw:10", "my login is {user} and the password is {pwe}"),
    ("pw:11", "The passphrase I chose was \u201c{pps}\u201d with the spaces"),
    ("pw:12", "bot: To verify, what's your username? user: {user} and pw is {pw} if you need it"),
    ("pw:13", "someone changed my password from {pw} to something else and I didn't do it"),
    ("pw:14", "new password {pw} keeps getting rejected as too weak??"),
    ("pw:15", "the temporary password you sent me was {pw} but it expired"),
    ("pw:16", "I reset it twice: first {pwe}, then {pwe}"),
    ("pw:17", "I wrote my password on a sticky note: {pw} - should I change it?"),
    ("pw:18", "my wife set up the login, she says the password is {pw} but it fails"),
    ("pw:19", "password {pw} (capital letter first) doesn't work anymore"),
    ("pw:20", "the old password was {pwe}, the new one is {pw} and neither works"),
    ("pw:21", "Tried {pw} and {pw} as passwords, neither works"),
    ("pw:22", "PLEASE UNLOCK MY ACCOUNT, PASSWORD IS {pw} I NEED TO PAY RENT"),
    ("pw:23", "bot: Please confirm your current password. user: {pwe}"),
    ("pw:24", "i think my pass is {pw} or maybe {pw} i can't remember"),
    ("pw:25", "is {pw} a strong enough password?"),
    ("pw:26", "my phone banking password is {pw}, the agent asked me to type it here"),
    ("pw:27", "sorry typo, pw should be {pwe}"),
    ("pw:28", "The website password is {pw} and the app passcode is {pin6}"),
    ("pw:29", "pwd:{pwe}"),
    ("pw:30", "it keeps saying wrong password but I KNOW it's `{pw}` because I just changed it"),
    ("pw:31", "bot: what did you change your password to? user: I changed it to {pwe}"),
    ("pw:32", "you locked me out!! my password has been {pw} for years"),
    # USERNAME
    ("user:1", "my username is {user} but it says not found"),
    ("user:2", "user ID: {user}, locked since the update"),
    ("user:3", "bot: What's your username? user: {user}"),
    ("user:4", "I log in as {user} on the web and it works, the app doesn't"),
    ("user:5", "can you unlock login {user} please"),
    ("user:6", "online banking ID {custid}, I use it to sign in on my laptop"),
    ("user:7", "signed in as {user} and I see someone else's accounts??"),
    ("user:8", "my old username was {user}, I want to change it to {user}"),
    ("user:9", "the login ID on my welcome letter is {custidA} but it's rejected"),
    ("user:10", "userid {user}, the password reset link never came"),
    ("user:11", "my handle on your community forum is {user} and it got suspended"),
    ("user:12", "my Venmo username is {user}, can I link it to this account?"),
    ("user:13", "bot: Please enter your user ID. user: it's {user}"),
    ("user:14", "i can't remember if my login is {user} or {user}"),
    ("user:15", "customer ID {custid} is what I type at login, is that my username?"),
    ("user:16", "log in name: {user}"),
    ("user:17", "account locked. Username={user}"),
    ("user:18", "can you confirm the username {user} belongs to me?"),
    ("user:19", "my son made me a login, {user}, and a password {pw} and now I'm stuck"),
    ("user:20", "username {user} / password {pwe}"),
    ("user:21", "the business banking login for our firm is {user}"),
    ("user:22", "Username (case sensitive): {user}"),
    ("user:23", "i use the same login {user} for mobile and desktop"),
    ("user:24", "bot: I can help reset access. What is your online banking user name? user: {user}"),
    # PASSPORT_NUMBER
    ("pp:1", "my passport number is {ppUS}"),
    ("pp:2", "UK passport no. {ppUK}, it was renewed so the number changed"),
    ("pp:3", "Indian passport {ppIN} - is it accepted for an NRI account?"),
    ("pp:4", "my German passport is {ppDE}, can I open an account with it?"),
    ("pp:5", "French passport: {ppFR}"),
    ("pp:6", "Chinese passport number {ppCN}, please update my KYC"),
    ("pp:7", "bot: Please provide your passport number. user: {ppNG}"),
    ("pp:8", "passport #{ppPH} from the Philippines"),
    ("pp:9", "my Mexican passport {ppMX} was rejected by the app"),
    ("pp:10", "Canadian passport number is {ppCA}"),
    ("pp:11", "I renewed my passport, the new number is {ppX} and the old one was {ppX}"),
    ("pp:12", "upload failed for passport {ppX}, can I just type it?"),
    ("pp:13", "ID document: passport, number {ppX}"),
    ("pp:14", "passport nbr {ppNG} (Nigeria)"),
    ("pp:15", "my husband's passport is {ppX}, he is the joint holder"),
    ("pp:16", "the number on my passport photo page is {ppX}"),
    ("pp:17", "Passport No: {ppPH} Nationality: Filipino"),
    ("pp:18", "opening an account from abroad, passport {ppX}, address {adX}"),
    ("pp:19", "for the wire compliance form: passport number {ppX}, name {name}"),
    ("pp:20", "Passport {ppUK} and driving licence {dlUK}"),
    ("pp:21", "bot: Which ID will you use? user: passport, {ppX}"),
    # DRIVER_ID
    ("dl:1", "my California driver license is {dlCA}"),
    ("dl:2", "NY DL# {dlNY}"),
    ("dl:3", "Florida driver's license number {dlFL}"),
    ("dl:4", "Texas DL {dlTX}, can I use that instead of a passport?"),
    ("dl:5", "driving licence number {dlUK} (UK)"),
    ("dl:6", "my Ontario licence is {dlON}"),
    ("dl:7", "NSW licence no. {dlNSW}"),
    ("dl:8", "bot: Please enter your driver's license number. user: {dlX}"),
    ("dl:9", "licence {dlUK} - the app says it's invalid"),
    ("dl:10", "Illinois DL {dlIL}"),
    ("dl:11", "the DMV issued me a new license, {dlX}, please update it on file"),
    ("dl:12", "driver's licence # {dlX}"),
    ("dl:13", "Washington license {dlWA} is my ID"),
    ("dl:14", "Victorian licence number {dlVIC}"),
    ("dl:15", "use my driver's license {dlX} for ID verification"),
    ("dl:16", "Quebec permis de conduire {dlQC}"),
    ("dl:17", "Pennsylvania DL {dlPA}"),
    ("dl:18", "New Jersey license {dlNJ}"),
    ("dl:19", "Michigan driver license: {dlMI}"),
    ("dl:20", "my BC driver's licence is {dlBC}, and QLD licence {dlQLD} from when I lived in Brisbane"),
    # PHONE
    ("ph:1", "call me on {phUS}"),
    ("ph:2", "my mobile is {phUK}"),
    ("ph:3", "bot: What's the best number to reach you? user: {phX}"),
    ("ph:4", "new number {phAU}, please update"),
    ("ph:5", "text me at {phIE}"),
    ("ph:6", "you can reach me at {phDE} during the day"),
    ("ph:7", "my French number is {phFR}"),
    ("ph:8", "my Indian mobile {phIN} is linked to the account"),
    ("ph:9", "the OTP goes to {phUS} which I don't have anymore, new one is {phUS}"),
    ("ph:10", "a scammer called me from {phX} pretending to be you"),
    ("ph:11", "whatsapp {phMX} if easier"),
    ("ph:12", "contact number: {phNG}"),
    ("ph:13", "my partner {name} can be reached on {phX}"),
    ("ph:14", "phone {phCA}, no extension"),
    ("ph:15", "please ring {phPH} after work"),
    ("ph:16", "landline {phUKL} is the best one"),
    ("ph:17", "my cell {phUS} got ported out without my ok"),
    ("ph:18", "sms not arriving on {phCN}"),
    ("ph:19", "Tel: {phX} / Email: {email}"),
    ("ph:20", "bot: Please confirm the phone number on file. user: {phX}"),
    ("ph:21", "change my phone from {phX} to {phX}"),
    ("ph:22", "I'm abroad, call {phSG} instead"),
    # ADDRESS
    ("ad:1", "please send the new card to {adUS}"),
    ("ad:2", "my address is {adUK}"),
    ("ad:3", "I moved to {adCA}, can you update it"),
    ("ad:4", "statements should go to {adAU}"),
    ("ad:5", "new address: {adIE}"),
    ("ad:6", "I now live at {adDE}"),
    ("ad:7", "post it to {adFR} please"),
    ("ad:8", "my address in India is {adIN}"),
    ("ad:9", "bot: What's your current address? user: {adX}"),
    ("ad:10", "ship the replacement to my office, {adUS}"),
    ("ad:11", "the letter went to {adUKp} which is my old flat"),
    ("ad:12", "billing address {adX} doesn't match, why?"),
    ("ad:13", "i live at {adST} now"),
    ("ad:14", "update address to {adX} and phone to {phX}"),
    ("ad:15", "use my mailing address {adBOX} for statements"),
    ("ad:16", "my mum lives at {adUK}, can I add her as a payee?"),
    ("ad:17", "card delivered to {adUS} by mistake, that isn't me"),
    ("ad:18", "This is {name}, my address on file should be {adX}"),
    # NAME
    ("name:1", "{first} here, quick question about my overdraft"),
    ("name:2", "this is {name}, I have a problem with a card payment"),
    ("name:3", "please add my spouse {name} as an authorised user"),
    ("name:4", "i'm sending $200 to {nameLC}, is that instant?"),
    ("name:5", "the agent {first} said the refund would come through"),
    ("name:6", "my partner {first}'s card was swallowed by the ATM"),
    ("name:7", "payee name should be {name}, not {name}"),
    ("name:8", "joint account with {name}, my partner"),
    ("name:9", "I spoke to Mr {last} at the branch and he said it was fine"),
    ("name:10", "bot: What's your full name? user: {name}"),
    ("name:11", "the transfer to {name} in Warsaw keeps failing"),
    ("name:12", "my late partner {name}'s account, how do I close it?"),
    ("name:13", "name on the card is {nameUC}"),
    ("name:14", "Dr. {name} is my legal guardian and wants access"),
    ("name:15", "it's {first} again, still waiting on that chargeback"),
    ("name:16", "my kid {first} needs a student account"),
    ("name:17", "can {name} from your fraud team call me back?"),
    ("name:18", "landlord is {name}, rent goes out by standing order"),
    ("name:19", "the cheque was made out to {name} but I deposited it by mistake"),
    ("name:20", "my name is {name} and my DOB is {dob}"),
    ("name:21", "hi it's {nameLC} again"),
    ("name:22", "is Ms {last} still my account manager?"),
    ("name:23", "I paid {name} twice for the same invoice"),
    # other types for the mix
    ("mix:1", "please send it to my email {email}"),
    ("mix:2", "bot: Please tell me your date of birth. user: {dob}"),
    ("mix:3", "the pin for my debit card is {pin4}, is it blocked?"),
    ("mix:4", "the passcode for the app is {pin6} but it says incorrect"),
    ("mix:5", "card {card} exp {exp} was declined everywhere"),
    ("mix:6", "pay rent from account {acct}, routing {aba}"),
    ("mix:7", "wire it to IBAN {iban} please"),
    ("mix:8", "my SSN is {ssn}"),
    ("mix:9", "a text sent me to {url} and asked for my password"),
    ("mix:10", "card {card}, cvv {cvv}, is it safe to share here?"),
    ("mix:11", "the receiving bank SWIFT is {swift}"),
    ("mix:12", "my NI number is {nino}"),
    ("mix:13", "there was a login from IP {ip} that wasn't me"),
    ("mix:14", "I sent money on {date} to account {acct} and it bounced"),
    ("mix:15", "app passcode {pin4} and the web password {pw} both fail"),
    ("mix:16", "my username is {user} and my email is {email}"),
]

NEGATIVE = [
    ("neg:1", "I forgot my password, can you send a reset link?"),
    ("neg:2", "what are the password rules? it says it needs {n2} characters and one symbol"),
    ("neg:3", "password must be at least {n2} characters, is that new?"),
    ("neg:4", "I forgot my username, how do I recover it?"),
    ("neg:5", "What's the annual fee on the Platinum Rewards Visa Signature card?"),
    ("neg:6", "Is the Everyday Saver account FDIC insured?"),
    ("neg:7", "order number {order} from the online store was charged twice"),
    ("neg:8", "reference {ref} on my transfer, where is the money?"),
    ("neg:9", "getting error {err} when logging in"),
    ("neg:10", "Which branch is open on weekends, Riverside or Downtown?"),
    ("neg:11", "I'm moving to Toronto, can I keep my account?"),
    ("neg:12", "there's a charge of {amt} from Starbucks I don't recognise"),
    ("neg:13", "what is PAYPAL *STEAMGAMES on my statement for {amt}?"),
    ("neg:14", "Do non-residents need a passport to open an account?"),
    ("neg:15", "My passport expired, can I still use it as ID?"),
    ("neg:16", "Does my driver's license need to be a REAL ID?"),
    ("neg:17", "Do you accept a provisional driving licence as proof of identity?"),
    ("neg:18", "What's your customer service phone number?"),
    ("neg:19", "call me back please, same number as on file"),
    ("neg:20", "how do I update my phone number in the app?"),
    ("neg:21", "I need to change my address but the new street isn't in the dropdown"),
    ("neg:22", "transaction ID {ref} still shows pending"),
    ("neg:23", "my case number is {case}, any update?"),
    ("neg:24", "the verification code never arrived"),
    ("neg:25", "can I set a six-digit passcode instead of the fingerprint?"),
    ("neg:26", "can I use my Costco card at Walmart?"),
    ("neg:27", "how long does a wire from Chase to Lloyds Bank take?"),
    ("neg:28", "Apple Pay keeps failing with {err}"),
    ("neg:29", "promo code SAVE{n2} didn't apply to my new account"),
    ("neg:30", "tracking number {track} says the card was delivered but I don't have it"),
    ("neg:31", "I'm travelling to Manila and then Lagos, do I need to tell you?"),
    ("neg:32", "where is the nearest ATM in Galway?"),
    ("neg:33", "how do I change my username?"),
    ("neg:34", "my username got locked after {n1} attempts"),
    ("neg:35", "the password reset email went to spam and the link is dead"),
    ("neg:36", "the 2FA code expired before I could type it"),
    ("neg:37", "can I upgrade to the Premier Current Account?"),
    ("neg:38", "invoice {inv} was paid twice from my business account"),
    ("neg:39", "what's the ISA allowance, is it still 20,000 GBP?"),
    ("neg:40", "do you send form 1099-INT or do I download it?"),
    ("neg:41", "how many characters can a password have, is {n2} ok?"),
    ("neg:42", "does the password need an uppercase letter and a number?"),
    ("neg:43", "I want the Hilton Honors card, is it available to me?"),
    ("neg:44", "app version {ver} crashes when I open the payee list"),
    ("neg:45", "what does user ID mean on the login page, is it my email?"),
    ("neg:46", "i need a pin reset, the card is locked"),
    ("neg:47", "is the Westfield branch open late?"),
    ("neg:48", "where do I find my sort code in the app?"),
    ("neg:49", "the app says my password is too similar to the old one"),
    ("neg:50", "my employer Northwind Logistics pays monthly, can I get paid early?"),
    ("neg:51", "I tried to log in {n1} times and now it says wait {n2} minutes"),
    ("neg:52", "what's the difference between my login password and my card PIN?"),
    ("neg:53", "bot: What's your username? user: I don't remember, sorry"),
    ("neg:54", "bot: Please enter your password. user: I'd rather not type it in chat"),
    ("neg:55", "do I need a passport or driving licence to add a joint holder?"),
    ("neg:56", "the branch on the high street closed, where do I pay in cash now?"),
    ("neg:57", "case {case}: the agent promised a call back, still nothing"),
    ("neg:58", "error {err} on the transfer screen, reference {ref}"),
]

GREET = ["", "", "", "hi, ", "Hi! ", "hello ", "hey ", "Good morning, ", "ok so ", "Hi there. "]
TAIL = ["", "", "", "", " thanks", " thx", " pls help", " ??", " :(", " asap", " Thank you!"]

PH_RE = re.compile(r"\{(\w+)\}")


def render(template):
    """Fill a template; return text and entity spans (value only)."""
    text, ents, pos = "", [], 0
    for m in PH_RE.finditer(template):
        text += template[pos:m.start()]
        typ, gen = GENS[m.group(1)]
        after = template[m.end():m.end() + 1]
        if typ == "PASSWORD" and after not in ("", " ", '"', "\u201d", "`"):
            gen = password_alnum_end  # a comma or '?' right after must not be readable as part of it
        value = uniq(gen) if typ else gen()
        if typ:
            ents.append({"type": typ, "begin": len(text), "end": len(text) + len(value)})
        text += value
        pos = m.end()
    return text + template[pos:], ents


def make_record(tid, template):
    text, ents = render(template)
    greet, tail = rng.choice(GREET), rng.choice(TAIL)
    if template.startswith("bot:"):
        greet = ""
    if greet and text[0].isupper() and not text[:2].isupper() and not text.startswith("I "):
        text_body = text[0].lower() + text[1:] if greet.endswith(", ") else text
    else:
        text_body = text
    if ents and ents[0]["begin"] == 0 and text_body != text:
        text_body = text  # never change the case of a value
    text = greet + text_body + tail
    for e in ents:
        e["begin"] += len(greet)
        e["end"] += len(greet)
    return {"text": text, "entities": ents, "template_id": tid}


def plan():
    """Each template once, then second uses chosen to move the focus types towards their targets."""
    target = {"PASSWORD": 40, "USERNAME": 35, "PASSPORT_NUMBER": 30, "DRIVER_ID": 25, "PHONE": 35,
              "ADDRESS": 30, "NAME": 35, "OTHER": 40}

    def counts(t):
        c = collections.Counter()
        for m in PH_RE.finditer(t):
            typ = GENS[m.group(1)][0]
            if typ:
                c[typ if typ in target else "OTHER"] += 1
        return c
    have = collections.Counter()
    for _, t in POSITIVE:
        have.update(counts(t))
    picks = list(POSITIVE)
    pool = list(POSITIVE)
    rng.shuffle(pool)
    n_pos = N_RECORDS - N_NEGATIVE
    while len(picks) < n_pos:
        deficit = {k: target[k] - have[k] for k in target}
        best = max(pool, key=lambda p: sum(min(v, max(deficit[k], 0)) - max(v - max(deficit[k], 0), 0) * 0.5
                                           for k, v in counts(p[1]).items()))
        pool.remove(best)
        picks.append(best)
        have.update(counts(best[1]))
    negs = list(NEGATIVE)
    extra = list(NEGATIVE)
    rng.shuffle(extra)
    negs += extra[:N_NEGATIVE - len(NEGATIVE)]
    allp = picks + negs
    rng.shuffle(allp)
    return allp


def check(records):
    assert len(records) == N_RECORDS
    assert len(set(r["id"] for r in records)) == N_RECORDS
    seen = collections.Counter()
    for r in records:
        t, prev_end = r["text"], -1
        for e in sorted(r["entities"], key=lambda e: e["begin"]):
            assert 0 <= e["begin"] < e["end"] <= len(t), r
            assert e["begin"] >= prev_end, ("overlap", r)
            prev_end = e["end"]
            v = t[e["begin"]:e["end"]]
            assert v == v.strip() and v, r
            seen[v.lower()] += 1
            if e["type"] == "CREDIT_DEBIT_NUMBER":
                assert luhn_ok(v), v
            if e["type"] == "BANK_ROUTING":
                assert aba_ok(v), v
            if e["type"] == "INTERNATIONAL_BANK_ACCOUNT_NUMBER":
                assert iban_ok(v), v
            if e["type"] == "PASSWORD":
                assert any(c.isalpha() for c in v), v
                assert t[e["end"]:e["end"] + 1] != ".", r
            if e["type"] == "PIN":
                assert v.isdigit(), v
    assert max(seen.values()) <= 2, seen.most_common(3)
    neg = sum(1 for r in records if not r["entities"])
    assert 0.2 <= neg / N_RECORDS <= 0.3, neg
    assert len(set(r["template_id"] for r in records)) >= 180
    assert sum(r["text"] == r["text"].lower() for r in records) == N_RECORDS // 6


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                              "banking_chat_pii_holdout18.jsonl")
    items = plan()
    records = []
    for i, (tid, tpl) in enumerate(items):
        r = make_record(tid, tpl)
        records.append({"id": "bankchat-holdout18-%04d" % i, "split": "holdout18", "text": r["text"],
                        "entities": r["entities"], "template_id": r["template_id"], "template_source": "own"})
    # Many casual templates come out all lower case already; lower-case just enough others that about
    # 1 message in 6 is entirely lower case, as in the dev set.
    is_lower = [r["text"] == r["text"].lower() for r in records]
    rest = [i for i, low in enumerate(is_lower) if not low]
    for i in rng.sample(rest, max(0, N_RECORDS // 6 - sum(is_lower))):
        low = records[i]["text"].lower()
        assert len(low) == len(records[i]["text"])
        records[i]["text"] = low
    check(records)
    with open(out, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    c = collections.Counter(e["type"] for r in records for e in r["entities"])
    print("%d records, %d templates, %d negatives -> %s" % (len(records), len(set(r["template_id"] for r in records)),
                                                           sum(1 for r in records if not r["entities"]), out))
    for k, v in c.most_common():
        print("  %-36s %d" % (k, v))


if __name__ == "__main__":
    main()
