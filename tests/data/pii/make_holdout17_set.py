#!/usr/bin/env python3
"""Blind hold-out set 17 for the banking-chat PII detector (300 records, written without seeing
the detector, its tests or any set tuned to it; only the dev set, the scorer and the Comprehend
entity list were read).

Usage: python3 make_holdout17_set.py [out.jsonl]   (stdlib only, fixed seed: same output every run)

Focus
  The dev set's register and type mix (per-type counts scaled from 268 to 300 records, about 22 %
  records without PII), but written as a different writer would: situations and wordings invented
  here (over 180 templates, most used once or twice), customers who mistype (missing spaces, cue
  glued to the value, doubled letters, wrong case), paste values with the separators the dev set
  shows (dashed/spaced cards, 4-grouped IBANs, spaced NI numbers, dotted phones, dashed or lowercase
  MACs), answer an L1 bot's question with just the value ("bot: ... user: <value>"), correct
  themselves ("X, sorry, Y"), and write plain non-native English.  Locales: US most, then UK, EU
  (IBANs with each country's real length, dd.mm.yyyy dates), CA, AU, IN.

Labelling rules (the dev set's conventions, followed exactly)
  * A span covers the value only: never the cue word ("IBAN", "dob", "pin=", "user:"), never the
    punctuation around it, never leading or trailing blanks.  Offsets are Python str indices,
    end exclusive.
  * NAME: a person's name, customer or third party (spouse, child, payee, agent), as written:
    full name, first name alone ("Anil here"), lowercase, with a middle initial.  Merchants, banks,
    card products, cities and countries are not labelled.
  * ADDRESS: a postal address is one span from the house/flat number to the end of the postcode
    or city; partial addresses ("12 Oak Lane", "12 Oak Lane, Leeds") are one span too.  A bare
    city or country ("a landlord in Berlin") is not labelled.
  * DATE_TIME: every calendar date, full or partial: dates of birth, transaction, sending and due
    dates ("March 3", "3rd March", "14.03.2026").  Durations and counts ("for 3 days", "last 6
    months") are not dates.  No times of day are used (the dev set has none).
  * CREDIT_DEBIT_EXPIRY is the card's expiry (MM/YY, M/YY, MM-YY, MM/YYYY), never DATE_TIME.
    CREDIT_DEBIT_CVV is the 3-digit security code.  PIN covers card PINs and app passcodes
    (4 or 6 digits).
  * Both the old and the new value of a change, and both the wrong and the corrected value of a
    self-correction, are labelled.
  * Hard negatives (records with no entity, and the non-PII parts of the others): amounts,
    counts, durations, percentages, merchants, product names, app versions, error codes and
    case/ticket/transaction/order/tracking references.  They are never labelled.
  * Only entity types and value shapes the dev set uses.  Every card passes Luhn, every routing
    number the ABA 3-7-1 check, every IBAN mod-97 with its country's length, every SWIFT code has
    8 or 11 characters and a real ISO country code.  No entity value occurs more than once.
"""
import collections
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checksums import aba_ok, iban_ok, luhn_complete, luhn_ok  # noqa: E402
from dev_mix import DEV_COUNTS, DEV_NEGATIVES, DEV_RECORDS  # noqa: E402

SEED = 1717
N_RECORDS = 300
SPLIT = "holdout17"

# Entity counts of banking_chat_pii_dev.jsonl (268 records, 60 without PII), copied here so the
# generator does not depend on the shared folder at run time; scaled to N_RECORDS by the self-check.

# IBAN length per country (ISO 13616 registry) and the BBAN alphabet used for each:
# "n" = digits, "a" = upper-case letters, in the order the national format puts them.
IBAN_FORMATS = {
    "DE": (22, "n18"), "NL": (18, "a4 n10"), "GB": (22, "a4 n14"), "IE": (22, "a4 n14"),
    "ES": (24, "n20"), "FR": (27, "n23"), "IT": (27, "a1 n22"), "BE": (16, "n12"),
    "AT": (20, "n16"), "PT": (25, "n21"), "PL": (28, "n24"), "FI": (18, "n14"),
    "LU": (20, "n16"), "SE": (24, "n20"),
}
SWIFT_COUNTRIES = {"US", "GB", "DE", "FR", "NL", "ES", "IT", "IE", "CA", "AU", "IN", "BE", "AT",
                   "CH", "PT", "SE", "PL"}

FIRSTS = ["Aaliyah", "Abdul", "Adaeze", "Adriana", "Ahmed", "Aiko", "Alejandro", "Amara", "Anil",
          "Anneke", "Arjun", "Astrid", "Bartosz", "Beatriz", "Bianca", "Callum", "Camille",
          "Chiara", "Chidi", "Connor", "Darnell", "Deepa", "Diego", "Dmitri", "Eilidh", "Eleni",
          "Emeka", "Esther", "Farah", "Fergus", "Finn", "Gabriela", "Giulia", "Graham", "Hana",
          "Hamish", "Hiroshi", "Ifeoma", "Imogen", "Isla", "Jakub", "Javier", "Joanna", "Jun",
          "Kaveh", "Keisha", "Lakshmi", "Lars", "Leilani", "Lucia", "Malik", "Mariam", "Marek",
          "Matthias", "Meera", "Mikael", "Nadia", "Niamh", "Nikhil", "Noor", "Oksana", "Olumide",
          "Pavel", "Pooja", "Quentin", "Rafael", "Rahul", "Rania", "Reuben", "Rhys", "Saanvi",
          "Sakura", "Sean", "Sienna", "Siobhan", "Soren", "Tariq", "Tendai", "Thea", "Tomás",
          "Uma", "Valentina", "Vikram", "Wanjiru", "Xavier", "Yara", "Yusuf", "Zainab", "Zoltan",
          "Brooke", "Tyler", "Jamal", "Kayla", "Cody", "Heather", "Travis", "Shannon", "Derek"]
LASTS = ["Abernathy", "Acheampong", "Agarwal", "Andersson", "Bauer", "Bhatt", "Brennan",
         "Castellano", "Chaudhry", "Costa", "Dahl", "Delgado", "Eze", "Fitzgerald", "Gallagher",
         "Gonzalez", "Gupta", "Halvorsen", "Hughes", "Iyer", "Jansen", "Kaminski", "Kapoor",
         "Kowalczyk", "Laurent", "Lindqvist", "MacLeod", "Mahlangu", "Martins", "Mbeki",
         "McAllister", "Moreno", "Nakamura", "Nwosu", "O'Connell", "Okafor", "Olsen", "Pereira",
         "Pillai", "Quinn", "Ramos", "Rossi", "Sandoval", "Schultz", "Sokolova", "Tanaka", "Teo",
         "Turner", "Van der Berg", "Varga", "Vasquez", "Walsh", "Whitaker", "Yamamoto",
         "Zielinski", "Bergstrom", "Coleman", "Henderson", "Lambert", "Nguyen", "Okoro", "Patel",
         "Sato", "Tremblay", "Wilson", "Kelly"]
WORDS = ["tangerine", "glacier", "hazel", "monsoon", "pebble", "saffron", "thistle", "quartz",
         "juniper", "marble", "nimbus", "walrus", "cactus", "falafel", "mango", "tundra", "violet",
         "zephyr", "bramble", "cobble", "lagoon", "meadow", "paprika", "ripple", "sparrow",
         "tulip", "wombat", "yonder", "acorn", "basil", "comet", "dune", "fjord", "gecko",
         "indigo", "jasper", "kiwi", "lemur", "mocha", "nectar", "otter", "plume", "quill",
         "rhubarb", "sorrel", "trellis", "umber", "vortex"]
US_CITIES = [("Fresno", "CA"), ("Austin", "TX"), ("Dayton", "OH"), ("Spokane", "WA"),
             ("Tulsa", "OK"), ("Savannah", "GA"), ("Des Moines", "IA"), ("Provo", "UT"),
             ("Lansing", "MI"), ("Reno", "NV"), ("Durham", "NC"), ("Hartford", "CT"),
             ("Tacoma", "WA"), ("El Paso", "TX"), ("Knoxville", "TN"), ("Akron", "OH"),
             ("Eugene", "OR"), ("Mobile", "AL"), ("Wichita", "KS"), ("Burlington", "VT"),
             ("Scranton", "PA"), ("Gainesville", "FL"), ("Fargo", "ND"), ("Bend", "OR")]
US_STREETS = ["Sycamore", "Birchwood", "Lakeview", "Hawthorne", "Chestnut", "Magnolia", "Aspen",
              "Jefferson", "Lincoln", "Meadowbrook", "Ridgecrest", "Cottonwood", "Orchard",
              "Juniper", "Bayberry", "Old Mill", "Prairie", "Quail Run", "Stonegate", "Wren"]
US_SUFFIX = ["St", "Street", "Ave", "Avenue", "Rd", "Road", "Blvd", "Dr", "Drive", "Ln", "Lane",
             "Ct", "Court", "Way", "Pl", "Terrace", "Pkwy"]
US_UNITS = ["Apt 4B", "Apt. 12", "#7", "Unit 3C", "Suite 210", "Apt 305", "#21"]
UK_TOWNS = [("Leeds", "LS"), ("Sheffield", "S"), ("Bristol", "BS"), ("Leicester", "LE"),
            ("Glasgow", "G"), ("Swansea", "SA"), ("Derby", "DE"), ("York", "YO"),
            ("Exeter", "EX"), ("Belfast", "BT"), ("Aberdeen", "AB"), ("Reading", "RG"),
            ("Coventry", "CV"), ("Bath", "BA")]
UK_STREETS = ["Albion", "Beech", "Kingsway", "Marlborough", "Orchard", "Priory", "Queens",
              "Rosebery", "St Mary's", "Tennyson", "Victoria", "Windsor", "Clarendon", "Heather"]
UK_SUFFIX = ["Road", "Close", "Lane", "Street", "Gardens", "Crescent", "Mews", "Avenue",
             "Terrace", "Grove", "Rd"]
CA_CITIES = [("Toronto", "ON", "M"), ("Ottawa", "ON", "K"), ("Vancouver", "BC", "V"),
             ("Calgary", "AB", "T"), ("Montreal", "QC", "H"), ("Halifax", "NS", "B"),
             ("Winnipeg", "MB", "R")]
CA_STREETS = ["Queen St W", "Bloor St E", "Dundas St", "Granville St", "Rue Sherbrooke O",
              "Portage Ave", "Spring Garden Rd", "Elgin St", "17 Ave SW"]
AU_SUBURBS = [("Bondi", "NSW", "2026"), ("Fitzroy", "VIC", "3065"), ("Toowong", "QLD", "4066"),
              ("Fremantle", "WA", "6160"), ("Glenelg", "SA", "5045"), ("Parramatta", "NSW", "2150"),
              ("Carlton", "VIC", "3053"), ("Sandy Bay", "TAS", "7005")]
AU_STREETS = ["Beach Rd", "Brunswick St", "Coronation Dr", "High St", "Jetty Rd", "Church St",
              "Lygon St", "Marine Pde", "Sandy Bay Rd"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
EMAIL_DOMAINS = ["example.com", "example.org", "example.net", "post.example.co.uk", "inbox.test",
                 "mail.example"]
US_AREAS = ["206", "212", "303", "305", "312", "404", "415", "480", "503", "512", "602", "617",
            "646", "702", "713", "720", "718", "801", "808", "816", "919", "971", "214", "469"]
CA_AREAS = ["416", "647", "604", "514", "403", "613", "902", "204"]
UK_DRAMA = ["0113 496 0", "0114 496 0", "0115 496 0", "0117 496 0", "0121 496 0", "0131 496 0",
            "0141 496 0", "0161 496 0", "020 7946 0", "029 2018 0"]

MERCHANTS = ["Tesco", "Walmart", "Costco", "Uber Eats", "Netflix", "Starbucks", "IKEA", "Lidl",
             "Aldi", "Woolworths", "Tim Hortons", "Flipkart", "Zara", "Best Buy", "Deliveroo",
             "Airbnb", "Ryanair", "Sainsbury's", "Boots", "Home Depot", "CVS", "Trader Joe's",
             "Primark", "Argos", "Canadian Tire", "Coles", "Swiggy", "Zomato", "H&M", "Steam",
             "eBay", "Etsy", "McDonald's", "Shoppers Drug Mart", "Whole Foods", "Lyft", "Nando's",
             "JB Hi-Fi", "Decathlon", "Booking desk at Heathrow", "PlayStation Store", "Walgreens"]
PRODUCTS = ["Platinum Rewards card", "Everyday Saver account", "Premier current account",
            "Student account", "Travel Money card", "Cashback Plus card", "Business Checking",
            "Gold Mastercard", "Visa Debit", "Easy Access ISA", "Junior Saver",
            "Flex Overdraft", "Silver credit card", "High Yield Savings", "Smart Budget app"]


class Gen:
    """Random values, each entity value handed out once (case-insensitive) so none repeats."""

    def __init__(self, rng):
        self.r = rng
        self.used = set()
        self.filler_uses = collections.Counter()

    # -- helpers -------------------------------------------------------------------------
    def digits(self, n):
        return "".join(self.r.choice("0123456789") for _ in range(n))

    def letters(self, n, alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ"):
        return "".join(self.r.choice(alphabet) for _ in range(n))

    def unique(self, make):
        for _ in range(500):
            v = make()
            if v.lower() not in self.used:
                self.used.add(v.lower())
                return v
        raise AssertionError("could not draw a fresh value")

    def pick_filler(self, pool):
        """A non-PII filler (merchant, product): at most twice each, as values must vary."""
        options = [p for p in pool if self.filler_uses[p] < 2]
        v = self.r.choice(options)
        self.filler_uses[v] += 1
        return v

    # -- people --------------------------------------------------------------------------
    def full_name(self):
        return self.r.choice(FIRSTS) + " " + self.r.choice(LASTS)

    def mid_name(self):
        return self.r.choice(FIRSTS) + " " + self.letters(1) + ". " + self.r.choice(LASTS)

    def first(self):
        return self.r.choice(FIRSTS)

    def local_part(self):
        f, l = self.r.choice(FIRSTS).lower(), self.r.choice(LASTS).lower()
        l = re.sub(r"[^a-z]", "", l)
        f = f.replace("á", "a")
        return self.r.choice([
            f + "." + l, f + l + self.digits(2), f[0] + l, f + "_" + l,
            self.r.choice(WORDS) + self.digits(3), l + "." + f[0] + self.digits(2),
            f + "." + self.r.choice(WORDS)])

    def email(self):
        return self.local_part() + "@" + self.r.choice(EMAIL_DOMAINS)

    def username(self):
        f = self.r.choice(FIRSTS).lower().replace("á", "a")
        l = re.sub(r"[^a-z]", "", self.r.choice(LASTS).lower())
        w = self.r.choice(WORDS)
        return self.r.choice([f + "." + l, f + l[0] + self.digits(2), w + "_" + f,
                              f + "_" + l + self.digits(2), f[0] + l + "19" + self.digits(2),
                              w + "." + w[:2] + self.digits(3), l + "_" + self.digits(4)])

    def password(self):
        w = self.r.choice(WORDS)
        leet = w.replace("a", "@").replace("o", "0").replace("e", "3")
        w2 = self.r.choice(WORDS)
        alnum = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        return self.r.choice([
            w.capitalize() + self.digits(2) + self.r.choice("!?$%&"),
            leet + self.digits(2), "".join(self.r.choice(alnum) for _ in range(self.r.randint(9, 13))),
            w.capitalize() + "#" + self.digits(4), w.capitalize() + w2.capitalize() + self.digits(2),
            w[:4] + self.r.choice("*@_") + self.digits(3) + w2[:3].upper()])

    # -- contact -------------------------------------------------------------------------
    def phone(self, loc):
        r = self.r
        if loc in ("us", "ca"):
            a = r.choice(US_AREAS if loc == "us" else CA_AREAS)
            x = "01" + self.digits(2)
            return r.choice([f"({a}) 555-{x}", f"{a}-555-{x}", f"{a}.555.{x}", f"+1 {a} 555 {x}",
                             f"1-{a}-555-{x}", f"{a}555{x}", f"+1 ({a}) 555-{x}"])
        if loc == "uk":
            return r.choice([f"07700 900{self.digits(3)}", f"+44 7700 900{self.digits(3)}",
                             r.choice(UK_DRAMA) + self.digits(3),
                             "+44 20 7946 0" + self.digits(3)])
        if loc == "au":
            return r.choice([f"+61 491 570 {r.choice(['006', '156', '157', '158', '159', '110'])}",
                             f"0491 570 {r.choice(['006', '156', '157', '158', '159', '110'])}",
                             f"+61 2 5550 {self.digits(4)}"])
        if loc == "in":
            return r.choice([f"+91 98{self.digits(3)} {self.digits(5)}",
                             f"+91 70{self.digits(3)} {self.digits(5)}"])
        raise ValueError(loc)

    def address(self, loc, part="full"):
        r = self.r
        if loc == "us":
            num = str(r.randint(12, 9899))
            street = f"{num} {r.choice(US_STREETS)} {r.choice(US_SUFFIX)}"
            city, st = r.choice(US_CITIES)
            if part == "street":
                return street
            if part == "city":
                return f"{street}, {city}"
            unit = (r.choice([" ", ", "]) + r.choice(US_UNITS)) if r.random() < 0.3 else ""
            return f"{street}{unit}, {city}, {st} {self.digits(5)}"
        if loc == "uk":
            town, area = r.choice(UK_TOWNS)
            street = f"{r.randint(1, 240)} {r.choice(UK_STREETS)} {r.choice(UK_SUFFIX)}"
            pc = f"{area}{r.randint(1, 28)} {r.randint(1, 9)}{self.letters(2, 'ABDEFGHJLNPQRSTUWXYZ')}"
            if part == "street":
                return street
            if part == "postcode":
                return f"{street}, {pc}"
            flat = f"Flat {r.randint(1, 14)}, " if r.random() < 0.25 else ""
            return f"{flat}{street}, {town} {pc}"
        if loc == "ca":
            city, prov, fsa = r.choice(CA_CITIES)
            pc = f"{fsa}{r.randint(1, 9)}{self.letters(1, 'ABCEGHJKLMNPRSTVXY')} " \
                 f"{r.randint(1, 9)}{self.letters(1, 'ABCEGHJKLMNPRSTVWXYZ')}{r.randint(0, 9)}"
            return f"{r.randint(10, 2999)} {r.choice(CA_STREETS)}, {city}, {prov} {pc}"
        if loc == "au":
            sub, st, pc = r.choice(AU_SUBURBS)
            unit = f"{r.randint(1, 30)}/" if r.random() < 0.4 else ""
            return f"{unit}{r.randint(1, 180)} {r.choice(AU_STREETS)}, {sub} {st} {pc}"
        raise ValueError(loc)

    # -- dates ---------------------------------------------------------------------------
    def _ymd(self, y0, y1):
        y, m = self.r.randint(y0, y1), self.r.randint(1, 12)
        d = self.r.randint(1, 28)
        return y, m, d

    @staticmethod
    def _th(d):
        return str(d) + ("th" if 10 < d < 14 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th"))

    def dob(self, loc):
        y, m, d = self._ymd(1941, 2006)
        mon = MONTHS[m - 1]
        if loc == "us":
            fmts = [f"{m}/{d}/{y}", f"{m:02d}/{d:02d}/{y}", f"{mon} {d}, {y}", f"{y}-{m:02d}-{d:02d}"]
        elif loc == "ca":
            fmts = [f"{y}-{m:02d}-{d:02d}", f"{mon} {d}, {y}", f"{m:02d}/{d:02d}/{y}"]
        elif loc == "eu":
            fmts = [f"{d:02d}.{m:02d}.{y}", f"{d}.{m:02d}.{y}"]
        else:  # uk, au, in write day first
            d = self.r.randint(13, 28) if self.r.random() < 0.6 else d
            fmts = [f"{d:02d}/{m:02d}/{y}", f"{d} {mon} {y}", f"{d} {mon.lower()} {y}",
                    f"{self._th(d)} {mon} {y}"]
        return self.r.choice(fmts)

    def txn_date(self, loc):
        y, m, d = self._ymd(2025, 2026)
        mon = MONTHS[m - 1]
        if loc in ("us", "ca"):
            fmts = [f"{mon} {d}", f"{mon} {self._th(d)}", f"{mon.lower()} {d}", f"{m}/{d}/{y}",
                    f"{m:02d}/{d:02d}/{y}", f"{mon} {d}, {y}", f"{y}-{m:02d}-{d:02d}"]
        elif loc == "eu":
            fmts = [f"{d:02d}.{m:02d}.{y}", f"{d}.{m}.{y}", f"{d} {mon}"]
        else:
            fmts = [f"{d} {mon}", f"{self._th(d)} {mon}", f"{d:02d}/{m:02d}/{y}", f"{d} {mon} {y}",
                    f"{d} {mon.lower()}"]
        return self.r.choice(fmts)

    # -- cards ---------------------------------------------------------------------------
    def card(self, kind=None, fmt=None):
        r = self.r
        kind = kind or r.choice(["visa", "visa", "mc", "mc2", "amex", "disc"])
        body = {"visa": lambda: "4" + self.digits(14),
                "mc": lambda: "5" + r.choice("12345") + self.digits(13),
                "mc2": lambda: str(r.randint(2221, 2720)) + self.digits(11),
                "amex": lambda: "3" + r.choice("47") + self.digits(12),
                "disc": lambda: "6011" + self.digits(11)}[kind]()
        n = luhn_complete(body)
        fmt = fmt or r.choice(["space", "space", "compact", "dash"])
        if fmt == "compact":
            return n
        sep = " " if fmt == "space" else "-"
        if len(n) == 15:
            return sep.join([n[:4], n[4:10], n[10:]])
        return sep.join(n[i:i + 4] for i in range(0, 16, 4))

    def expiry(self):
        m, y = self.r.randint(1, 12), self.r.randint(26, 31)
        return self.r.choice([f"{m:02d}/{y}", f"{m}/{y}", f"{m:02d}-{y}", f"{m:02d}/20{y}"])

    # -- bank ----------------------------------------------------------------------------
    def account(self):
        return self.digits(self.r.choice([8, 8, 9, 10, 10, 11, 12]))

    def routing(self):
        first2 = self.r.choice(["0" + str(self.r.randint(1, 9)), str(self.r.randint(10, 12)),
                                str(self.r.randint(21, 32)), str(self.r.randint(61, 72))])
        body = first2 + self.digits(6)
        s = sum(int(c) * w for c, w in zip(body, [3, 7, 1, 3, 7, 1, 3, 7]))
        return body + str((10 - s % 10) % 10)

    def iban(self, country=None, grouped=None):
        country = country or self.r.choice(sorted(IBAN_FORMATS))
        length, spec = IBAN_FORMATS[country]
        bban = ""
        for part in spec.split():
            bban += self.letters(int(part[1:])) if part[0] == "a" else self.digits(int(part[1:]))
        assert len(bban) + 4 == length, country
        rem = int("".join(str(int(c, 36)) for c in bban + country + "00")) % 97
        iban = f"{country}{98 - rem:02d}{bban}"
        if grouped is None:
            grouped = self.r.random() < 0.45
        return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4)) if grouped else iban

    def swift(self, country=None):
        country = country or self.r.choice(sorted(SWIFT_COUNTRIES))
        loc = self.letters(1) + self.r.choice("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ")
        branch = self.r.choice(["", "", "XXX", self.letters(1) + self.digits(2)])
        return self.letters(4) + country + loc + branch

    # -- ids -----------------------------------------------------------------------------
    def ssn(self):
        area = self.r.choice([a for a in range(1, 900) if a != 666])
        g, s = self.r.randint(1, 99), self.r.randint(1, 9999)
        return self.r.choice([f"{area:03d}-{g:02d}-{s:04d}", f"{area:03d}{g:02d}{s:04d}"])

    def itin(self):
        mid = self.r.choice(list(range(50, 66)) + list(range(70, 89)) + [90, 91, 92] + list(range(94, 100)))
        return f"9{self.digits(2)}-{mid}-{self.digits(4)}"

    def passport(self):
        return self.r.choice([self.digits(9), self.letters(1) + self.digits(8),
                              self.letters(2) + self.digits(7)])

    def driver_id(self):
        return self.r.choice([self.digits(8), self.digits(9), self.letters(1) + self.digits(11)])

    def nino(self, fmt="compact"):
        first = "ABCEGHJKLMNOPRSTWXYZ"
        second = "ABCEGHJKLMNPRSTWXYZ"
        while True:
            pre = self.r.choice(first) + self.r.choice(second)
            if pre not in ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ"):
                break
        d = self.digits(6)
        suf = self.r.choice("ABCD")
        if fmt == "spaced":
            return f"{pre} {d[:2]} {d[2:4]} {d[4:]} {suf}"
        return pre + d + suf

    def mac(self):
        octets = [f"{self.r.randint(0, 255):02X}" for _ in range(6)]
        v = self.r.choice([":", "-"]).join(octets)
        return v.lower() if self.r.random() < 0.35 else v

    def ip(self, v6=None):
        v6 = self.r.random() < 0.3 if v6 is None else v6
        if v6:
            h = lambda: f"{self.r.randint(1, 0xffff):x}"  # noqa: E731
            return self.r.choice([f"2001:db8:{h()}::{h()}", f"2001:db8:{h()}:{h()}::{h()}"])
        net = self.r.choice(["192.0.2.", "198.51.100.", "203.0.113."])
        return net + str(self.r.randint(1, 254))

    def url(self, kind=None):
        w1, w2 = self.r.choice(WORDS), self.r.choice(WORDS)
        tld = self.r.choice(["example.com", "example.net", "example.org"])
        code = self.digits(5)
        opts = [f"https://{w1}-secure.{tld}/login", f"https://{w1}{w2}.test/verify?ref={code}",
                f"www.{w1}-bank.{tld}/reset", f"https://www.{w1}-{w2}.{tld}/s/{code}",
                f"https://{w1}bank-help.{tld}/account/unlock", f"https://{w1}.test",
                f"www.{w1}{w2}.{tld}"]
        if kind == "www":
            opts = [o for o in opts if o.startswith("www.")]
        return self.r.choice(opts)

    # -- fillers (never PII) -------------------------------------------------------------
    def amount(self, loc):
        r = self.r
        v = r.choice([r.randint(5, 99), r.randint(100, 2500)])
        cents = f".{r.randint(0, 99):02d}" if r.random() < 0.5 else ""
        cur = {"us": ["$", " dollars", "USD "], "uk": ["£", "GBP ", " pounds"],
               "eu": ["€", "EUR ", " euro"], "ca": ["CAD ", "$", "C$"], "au": ["AUD ", "A$", "$"],
               "in": ["Rs ", "₹", "INR "]}[loc]
        c = r.choice(cur)
        num = f"{v:,}{cents}" if v >= 1000 and r.random() < 0.5 else f"{v}{cents}"
        return num + c if c.startswith(" ") else c + num

    def ref(self):
        return self.r.choice([f"CASE-{self.digits(5)}", f"SR-{self.digits(7)}", f"#{self.digits(6)}",
                              f"FT{self.digits(5)}{self.letters(4)}", f"TXN-{self.digits(4)}-{self.digits(4)}",
                              f"REF {self.digits(4)}-{self.letters(2)}", f"C{self.digits(3)}-{self.digits(3)}"])


def fill(gen, key, loc):
    """(value, entity type or None) for a template slot; `loc` is the template's locale."""
    g, r = gen, gen.r
    ent = {
        "name": ("NAME", g.full_name), "name_lc": ("NAME", lambda: g.full_name().lower()),
        "name_uc": ("NAME", lambda: g.full_name().upper()), "name_mid": ("NAME", g.mid_name),
        "first": ("NAME", g.first), "first_lc": ("NAME", lambda: g.first().lower()),
        "email": ("EMAIL", g.email),
        "phone": ("PHONE", lambda: g.phone(loc if loc != "eu" else "uk")),
        "phone_us": ("PHONE", lambda: g.phone("us")), "phone_uk": ("PHONE", lambda: g.phone("uk")),
        "phone_ca": ("PHONE", lambda: g.phone("ca")), "phone_au": ("PHONE", lambda: g.phone("au")),
        "phone_in": ("PHONE", lambda: g.phone("in")),
        "addr": ("ADDRESS", lambda: g.address(loc if loc != "eu" else "uk")),
        "addr_us_street": ("ADDRESS", lambda: g.address("us", "street")),
        "addr_us_city": ("ADDRESS", lambda: g.address("us", "city")),
        "addr_uk_street": ("ADDRESS", lambda: g.address("uk", "street")),
        "addr_uk_pc": ("ADDRESS", lambda: g.address("uk", "postcode")),
        "dob": ("DATE_TIME", lambda: g.dob(loc)),
        "dob_lc": ("DATE_TIME", lambda: g.dob(loc).lower()),
        "date": ("DATE_TIME", lambda: g.txn_date(loc)),
        "card": ("CREDIT_DEBIT_NUMBER", g.card),
        "card_dash": ("CREDIT_DEBIT_NUMBER", lambda: g.card(fmt="dash")),
        "card_compact": ("CREDIT_DEBIT_NUMBER", lambda: g.card(fmt="compact")),
        "amex": ("CREDIT_DEBIT_NUMBER", lambda: g.card("amex")),
        "exp": ("CREDIT_DEBIT_EXPIRY", g.expiry),
        "cvv": ("CREDIT_DEBIT_CVV", lambda: g.digits(3)),
        "pin": ("PIN", lambda: g.digits(4)), "pin6": ("PIN", lambda: g.digits(6)),
        "password": ("PASSWORD", g.password), "username": ("USERNAME", g.username),
        "url": ("URL", g.url), "url_www": ("URL", lambda: g.url("www")),
        "ip": ("IP_ADDRESS", g.ip), "ipv6": ("IP_ADDRESS", lambda: g.ip(True)),
        "ipv4": ("IP_ADDRESS", lambda: g.ip(False)),
        "mac": ("MAC_ADDRESS", g.mac),
        "acct": ("BANK_ACCOUNT_NUMBER", g.account), "routing": ("BANK_ROUTING", g.routing),
        "iban": ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", g.iban),
        "iban_de": ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", lambda: g.iban("DE")),
        "iban_nl": ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", lambda: g.iban("NL")),
        "iban_ie": ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", lambda: g.iban("IE")),
        "iban_fr": ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", lambda: g.iban("FR", True)),
        "iban_es": ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", lambda: g.iban("ES")),
        "iban_compact": ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", lambda: g.iban(grouped=False)),
        "swift": ("SWIFT_CODE", g.swift),
        "swift_ie": ("SWIFT_CODE", lambda: g.swift("IE")),
        "ssn": ("SSN", g.ssn), "itin": ("US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", g.itin),
        "passport": ("PASSPORT_NUMBER", g.passport),
        "passport_lc": ("PASSPORT_NUMBER", lambda: g.passport().lower()),
        "dl": ("DRIVER_ID", g.driver_id),
        "nino": ("UK_NATIONAL_INSURANCE_NUMBER", g.nino),
        "nino_sp": ("UK_NATIONAL_INSURANCE_NUMBER", lambda: g.nino("spaced")),
        "nino_lc": ("UK_NATIONAL_INSURANCE_NUMBER", lambda: g.nino().lower()),
    }
    if key in ent:
        typ, make = ent[key]
        return g.unique(make), typ
    filler = {
        "amt": lambda: g.amount(loc), "amt_usd": lambda: g.amount("us"),
        "amt_gbp": lambda: g.amount("uk"), "amt_eur": lambda: g.amount("eu"),
        "merchant": lambda: g.pick_filler(MERCHANTS), "product": lambda: g.pick_filler(PRODUCTS),
        "ref": g.ref, "n": lambda: str(r.randint(2, 9)),
        "days": lambda: r.choice([f"{r.randint(2, 15)} days", f"{r.randint(2, 6)} weeks",
                                  f"{r.randint(3, 10)} working days", "a month", "two weeks"]),
        "mins": lambda: r.choice([f"{r.randint(15, 95)} minutes", f"{r.randint(2, 3)} hours",
                                  "half an hour"]),
        "months": lambda: f"{r.randint(2, 18)} months",
        "pct": lambda: f"{r.randint(1, 6)}.{r.randint(0, 9)}%",
        "appver": lambda: f"{r.randint(4, 9)}.{r.randint(0, 20)}.{r.randint(0, 9)}",
        "txid": lambda: f"{g.letters(3)}{g.digits(9)}",
        "tracking": lambda: f"RN{g.digits(9)}GB",
        "invoice": lambda: f"INV-{r.randint(2025, 2026)}-{g.digits(4)}",
        "order": lambda: g.digits(3) + "-" + g.digits(7),
        "err": lambda: r.choice(["E", "ERR-", "code "]) + g.digits(4),
    }
    return filler[key](), None


# (category, locale, text).  Slots: {key} per fill(); everything else is literal.  Misspellings,
# missing spaces and odd capitalisation in the literal text are deliberate: they are the focus.
POSITIVE = [
    # login_credentials
    ("login_credentials", "us", "bot: Please enter your online banking username. user: {username}"),
    ("login_credentials", "us", "locked out again!! my user is {username} and I typed {password} three times, it says wrong"),
    ("login_credentials", "in", "i chnaged my pasword to {password} but the app still want the old one, why"),
    ("login_credentials", "uk", "Login name: {username} / pass: {password} - pls check what is wrong"),
    ("login_credentials", "us", "can you make my new passcode {pin}? the old one {pin} is too easy to guess"),
    ("login_credentials", "eu", "the ATM keep saying pinwrong but Iam sure it is {pin}"),
    ("login_credentials", "us", "bot: To continue, type the 6-digit passcode you created. user: {pin6}"),
    ("login_credentials", "us", "Username {username} not working with password {password}, I tried with capital letters also"),
    ("login_credentials", "ca", "I think my son knows my pin {pin}, please how to change it"),
    ("login_credentials", "us", "usernme:{username} pasword:{password}"),
    ("login_credentials", "uk", "I wrote my password as {password} but correct one is {password}, sorry my mistake"),
    ("login_credentials", "us", "For the record my old login was {username}, new one should be {username}"),
    ("login_credentials", "au", "bot: What's your user ID? user: its {username}"),
    ("login_credentials", "us", "Please set the PIN for the new debit card to {pin}, the branch lady said i can do it here"),
    ("login_credentials", "us", "my daughter set up the app and the passcode is {pin} or maybe {pin6}, i dont remember which"),
    ("login_credentials", "ca", "password={password} username={username} (copied from my notes)"),
    ("login_credentials", "us", "Your agent asked me for my password on the phone and I gave it ({password}). Is that normal??"),
    ("login_credentials", "uk", "is {password} strong enough or should i add more symbols?"),
    ("login_credentials", "us", "Changed passsword to {password} and now cant login with user {username} at all"),
    ("login_credentials", "eu", "bot: Please type your new 4-digit PIN. user: {pin}"),
    ("login_credentials", "us", "card pin is {pin}... no wait thats the old one, new pin is {pin}"),
    ("login_credentials", "au", "i keep getting 'invalid credentials'. user name {username}, pw {password}"),
    ("login_credentials", "uk", "Hiya, can my app passcode be {pin6} instead of 4 digits?"),
    ("login_credentials", "us", "bot: Please confirm your username and date of birth. user: {username}, {dob}"),
    # denser messages: several values pasted in one go
    ("login_credentials", "us", "new phone, app wants username + password: {username} / {password}, still says wrong. also tried pin {pin}"),
    ("contact_update", "us", "Please update: email {email}, mobile {phone}, address {addr}"),
    ("fraud_security", "uk", "they emailed from {email} with a link {url}, I entered my password {password} there"),
    ("balance_transfer", "us", "Direct deposit form: bank routing {routing}, acct {acct}, name {name}"),
    ("card_details_payment", "us", "bot: Please enter card number, expiry and CVV. user: {card} {exp} {cvv}"),
    ("account_opening_kyc", "us", "Passport {passport}, SSN {ssn}, email {email} - is that all you need for the account?"),
    ("contact_update", "ca", "i have 2 emails {email} and {email}, use the second pls"),
    ("contact_update", "uk", "I'm moving from {addr} to {addr} on {date}"),
    ("balance_transfer", "us", "Please mail the new checks to {addr_us_city}, account {acct}"),
    ("fraud_security", "us", "Unknown device {mac} logged in, and the email alert came from {email}"),
    ("login_credentials", "uk", "bot: Please type your current password. user: {password}"),
    ("login_credentials", "us", "my new password {password} - sorry autocorrect, its {password}"),
    # fraud_security
    ("fraud_security", "us", "got sms with link {url}, it look like your site, is it real?"),
    ("fraud_security", "us", "someone logged in from IP {ip}, that's not me, i'm at home"),
    ("fraud_security", "uk", "Security alert said new device {mac} was added. I never added any device"),
    ("fraud_security", "us", "Bot: Which email did the suspicious message come from? User: {email}"),
    ("fraud_security", "us", "I forwarded the phishing mail from {email} to your abuse team, the link inside was {url}"),
    ("fraud_security", "us", "Router log shows {mac} connecting right when my account was accessed from {ip}"),
    ("fraud_security", "eu", "there was a login from {ipv4} and another from {ipv6}, both not mine!!"),
    ("fraud_security", "us", "i typed my password {password} into {url} before i realised it was fake. pls block everything"),
    ("fraud_security", "in", "This email {email} say my account is suspended, is this you? they ask me to login at {url}"),
    ("fraud_security", "uk", "The fake page was at {url} - I reported it to the police as well"),
    ("fraud_security", "us", "My laptop MAC is {mac}, can you whitelist it for online banking?"),
    ("fraud_security", "ca", "The app shows last login IP {ip} from device {mac}, I dont recognise it at all"),
    ("fraud_security", "us", "bot: Please paste the link you clicked. user: {url}"),
    ("fraud_security", "eu", "scammer call me and ask me to send email to {email} with my card photo. I did not send"),
    ("fraud_security", "us", "my ip is {ipv6} when I use wifi at work, is that why I get blocked?"),
    ("fraud_security", "au", "The device {mac} is my old phone, remove it from trusted devices pls"),
    ("fraud_security", "us", "Login attempts from {ip} - 5 times in a row. Was that a hacker?"),
    ("fraud_security", "us", "link in the text msg: {url_www} - it asked for my pin and I typed it"),
    ("fraud_security", "uk", "whats this login from {ip} ???"),
    ("fraud_security", "us", "Mail from {email} had your logo, it said click {url} to keep my account open"),
    ("fraud_security", "eu", "my MAC adress {mac}, IP {ip}. your fraud team asked for both"),
    ("fraud_security", "us", "bot: What is the IP address shown in the alert? user: {ip}"),
    ("fraud_security", "us", "Got a call then an email from {email}. They knew my password {password}, how??"),
    # card_lost_stolen
    ("card_lost_stolen", "us", "my wallet was stolen on the bus, card {card} exp {exp}, block it please!!"),
    ("card_lost_stolen", "us", "Lost my card somewhere at themall...number is {card}"),
    ("card_lost_stolen", "us", "bot: Please type the long number on the card you want to freeze. user: {card}"),
    ("card_lost_stolen", "us", "Card {card_dash} is gone, pls send replacement to {addr}"),
    ("card_lost_stolen", "uk", "My uncle's partner {name} has dementia and lost the card {card}, I am the carer"),
    ("card_lost_stolen", "us", "i cant find my debit card since {date}, the number was {card_compact}"),
    ("card_lost_stolen", "uk", "Please freeze my card... here is the full number {card}"),
    ("card_lost_stolen", "us", "Stolen card!!! {card} valid thru {exp}. Please cancel and call me on {phone}"),
    ("card_lost_stolen", "us", "my kid {first} lost the card i gave them, its {card}"),
    ("card_lost_stolen", "uk", "hello, I lose my credit card in the taxi. Number {card}, expiry {exp}. Send new to {addr}"),
    ("card_lost_stolen", "us", "card number {card_compact} sorry typo it is {card_compact}"),
    ("card_lost_stolen", "ca", "In Toronto now, my card {card} got stolen, send the new one to {addr}"),
    ("card_lost_stolen", "us", "{amex} is my amex from you, is it part of the data breach?"),
    ("card_lost_stolen", "au", "left my card in a cab, {card} exp {exp}. new card to {addr} pls"),
    ("card_lost_stolen", "us", "the card {card} expire {exp} but I got no new card yet, my address is {addr_us_city}"),
    ("card_lost_stolen", "us", "my partner {name_lc} dropped the card {card} at the game, can I block it for them?"),
    # card_details_payment
    ("card_details_payment", "us", "bot: Please enter the card number. user: {card}"),
    ("card_details_payment", "us", "bot: And the expiry date? user: {exp}"),
    ("card_details_payment", "in", "card {card} and the 3 digits on back is {cvv}, is it ok to give to the shop on phone?"),
    ("card_details_payment", "us", "Why online payment is declined? Card {card}, expiry {exp}, cvc {cvv}"),
    ("card_details_payment", "us", "Apple Pay won't add my card {card} - says check details. exp {exp} / cvv {cvv}"),
    ("card_details_payment", "eu", "i put expiry {exp} but the website say invalid, card is {card}"),
    ("card_details_payment", "us", "New card came but the cvv looks like {cvv} or {cvv}, ink is smudged"),
    ("card_details_payment", "us", "card:{card_compact} exp:{exp} cvv:{cvv}"),
    ("card_details_payment", "uk", "My card says expires {exp}, when will the new one arrive?"),
    ("card_details_payment", "us", "bot: Please enter the 3-digit security code. user: {cvv}"),
    ("card_details_payment", "ca", "paid {merchant} with {card} exp {exp} and it got declined 3 times"),
    ("card_details_payment", "us", "Is {card_dash} a virtual card? I can't see it in the wallet"),
    ("card_details_payment", "us", "CARD NUMBER {card} EXPIRY {exp} CODE {cvv} PLEASE ACTIVATE"),
    # account_opening_kyc
    ("account_opening_kyc", "uk", "I am new in UK, my NI no. is {nino}, do you need passport also?"),
    ("account_opening_kyc", "us", "bot: Please enter your passport number as shown on the photo page. user: {passport}"),
    ("account_opening_kyc", "us", "My drivers license number {dl} is expired, can I still open account with passport {passport}?"),
    ("account_opening_kyc", "us", "ITIN {itin} - I'm a non-resident, can I open savings?"),
    ("account_opening_kyc", "uk", "bot: Please provide your national insurance number. user: {nino_sp}"),
    ("account_opening_kyc", "eu", "passport no {passport} (old one) and new one {passport}, which one you want?"),
    ("account_opening_kyc", "uk", "the form rejects my NI number {nino}, it has letters at both ends is that normal"),
    ("account_opening_kyc", "us", "can i open acount with only ITIN? its {itin}"),
    ("account_opening_kyc", "us", "license# {dl} - uploading the pic doesnt work so typing it here"),
    ("account_opening_kyc", "us", "SSN {ssn} for the new joint account for me and my spouse {name}"),
    ("account_opening_kyc", "eu", "my passport {passport_lc} expires soon, do I need to update KYC?"),
    ("account_opening_kyc", "uk", "letter says NI number {nino_lc} but I think one letter is wrong"),
    ("account_opening_kyc", "us", "driving licence {dl} + passport {passport} enough for ID?"),
    ("account_opening_kyc", "us", "the IRS letter has my ITIN {itin}, do you need it for the account?"),
    ("account_opening_kyc", "us", "I gave wrong SSN {ssn} on the application, real one is {ssn}"),
    ("account_opening_kyc", "ca", "I only have my passport {passport}, no local ID yet, is that ok"),
    # identity_verification
    ("identity_verification", "eu", "bot: For security, what is your date of birth? user: {dob}"),
    ("identity_verification", "us", "bot: Can you confirm your full name? user: {name}"),
    ("identity_verification", "uk", "bot: What is your date of birth (DD/MM/YYYY)? user: {dob}"),
    ("identity_verification", "uk", "born {dob}, name on account {name}"),
    ("identity_verification", "us", "my dob is {dob} not {dob}, your system has it wrong"),
    ("identity_verification", "us", "you want last 4 of SSN? here the whole thing: {ssn}"),
    ("identity_verification", "us", "bot: Please confirm the phone number registered to the account. user: {phone}"),
    ("identity_verification", "ca", "I am {name}, birthdate {dob}, you can check"),
    ("identity_verification", "eu", "verify: {name}, {dob}, {phone_uk}"),
    ("identity_verification", "uk", "bot: What is the first line of your address and postcode? user: {addr_uk_pc}"),
    ("identity_verification", "us", "bot: What's your social security number? user: {ssn}"),
    ("identity_verification", "us", "name {name_uc} dob {dob}"),
    ("identity_verification", "au", "Bot: Date of birth please. User: {dob_lc}"),
    ("identity_verification", "eu", "dob {dob} name {name_lc}"),
    ("identity_verification", "us", "bot: Please confirm the last address we have on file for you. user: {addr}"),
    ("identity_verification", "in", "My name is {name} and date of birth is {dob}, please verify fast"),
    ("identity_verification", "us", "sSN:{ssn} dOB:{dob}"),
    ("identity_verification", "uk", "bot: What is your mobile number? user: {phone}"),
    # beneficiaries_people
    ("beneficiaries_people", "us", "pleasse add {name} as beneficiary, account {acct}, they are my cousin"),
    ("beneficiaries_people", "in", "my partner {first} want access to my account, how?"),
    ("beneficiaries_people", "us", "can {name} and {name} both be authorised users on the card?"),
    ("beneficiaries_people", "uk", "bot: Who would you like to send money to? user: {name}"),
    ("beneficiaries_people", "us", "I'm {first}, the account holder's child. My dad passed away and I need to close his account"),
    ("beneficiaries_people", "us", "Change beneficiary from {name} to {name} please"),
    ("beneficiaries_people", "us", "this is {first_lc} again, still waiting for my card, send it to {addr}"),
    ("beneficiaries_people", "uk", "Payee name should be {name} not {name}, I made a typo"),
    ("beneficiaries_people", "us", "{name} ({email}) from the accounting firm will email you about my business account"),
    ("beneficiaries_people", "us", "My ex {name} still has a card on my account, remove them pls"),
    ("beneficiaries_people", "eu", "my fiance {first} and me want joint acount"),
    ("beneficiaries_people", "us", "{name_lc} here. lost my phone, block mobile banking"),
    ("beneficiaries_people", "us", "Write my name as {name_mid} on the card please, with the middle initial"),
    ("beneficiaries_people", "uk", "{first} here - is my power of attorney for {name} registered yet?"),
    ("beneficiaries_people", "us", "Hi its {first} again, did u get my documents? I sent them from {email}"),
    ("beneficiaries_people", "au", "g'day, {first} speaking, need help with my home loan {acct}"),
    ("beneficiaries_people", "in", "Kindly remove nominee {name} and add my cousin {name}"),
    ("beneficiaries_people", "us", "bot: What is the name of the account holder? user: {name_lc}"),
    ("beneficiaries_people", "uk", "can my carer {first} talk to you for me? my hearing is bad"),
    # international
    ("international", "eu", "need to send {amt_eur} to my landlord in Berlin, IBAN {iban_de}"),
    ("international", "eu", "bot: Enter the recipient IBAN. user: {iban}"),
    ("international", "uk", "their bank code is {swift}, is that enough for a transfer?"),
    ("international", "eu", "SWIFT {swift} - is this correct length? transfer keep failing"),
    ("international", "us", "the swift {swift} - is it for the main office or a branch?"),
    ("international", "eu", "my salary from the Netherlands comes to {iban_nl}, can I move it to my US account {acct}?"),
    ("international", "eu", "iban:{iban_compact} bic:{swift}"),
    ("international", "eu", "wrong IBAN i gave {iban}, correct is {iban}"),
    ("international", "uk", "Paying a builder in France, IBAN {iban_fr}, what is the fee for {amt_gbp}?"),
    ("international", "us", "bot: What is the SWIFT/BIC of the receiving bank? user: {swift}"),
    ("international", "uk", "hi, IBAN for my Irish account is {iban_ie}, swift {swift_ie}"),
    ("international", "eu", "The transfer to {iban} on {date} didn't arrive"),
    ("international", "in", "Sending {amt} to Spain, IBAN {iban_es}, how many days?"),
    # disputes_statements
    ("disputes_statements", "us", "I was charged twice at {merchant} on {date}, please refund"),
    ("disputes_statements", "us", "charge of {amt} on {date} from {merchant} is not mine, card {card}"),
    ("disputes_statements", "uk", "The statement for account {acct} shows a fee on {date} that I don't understand"),
    ("disputes_statements", "us", "bot: Which date was the transaction? user: {date}"),
    ("disputes_statements", "us", "Dispute for {merchant} subscription, they keep charging acct {acct} after I cancelled on {date}"),
    ("disputes_statements", "us", "pls send paper statement of account {acct} to my new home {addr}"),
    ("disputes_statements", "us", "It was {date}, not {date}, when I made the deposit"),
    ("disputes_statements", "au", "{merchant} took {amt} on {date} and again on {date}, only ordered once"),
    ("disputes_statements", "us", "send the statements for {acct} to {email} instead of post"),
    ("disputes_statements", "eu", "i dont recognise payment on {date} of {amt}, card {card}"),
    ("disputes_statements", "ca", "bot: Which account is the disputed charge on? user: {acct}"),
    ("disputes_statements", "us", "Pls reverse the overdraft fee on {acct} from {date}, I was only {amt} short"),
    # contact_update
    ("contact_update", "us", "new mobile: {phone}. old one {phone} is not in use anymore"),
    ("contact_update", "us", "bot: What is the new email address? user: {email}"),
    ("contact_update", "us", "change addresss to {addr} pls, I moved already. and email is now {email}"),
    ("contact_update", "ca", "I moved to Canada, new address {addr}, phone {phone}"),
    ("contact_update", "uk", "email on file is {email}, can u change to {email}"),
    ("contact_update", "us", "bot: What's the best number to reach you? user: {phone}"),
    ("contact_update", "au", "my new adress is {addr}"),
    ("contact_update", "in", "Update phone: {phone}, I am in India now for 6 months"),
    ("contact_update", "uk", "mail is still going to old house {addr}, new one is {addr}"),
    ("contact_update", "us", "pls send the letter to {addr_us_street}, the zip I dont remember"),
    ("contact_update", "us", "bot: Please type your new postal address. user: {addr}"),
    ("contact_update", "au", "I'm in Sydney now, my address there is {addr} and mobile {phone}"),
    ("contact_update", "in", "Pls update my no. to {phone} and email {email}"),
    ("contact_update", "us", "my emial is {email} (two l's) not {email}"),
    ("contact_update", "us", "Call me on {phone} or {phone}, i'm on nights"),
    ("contact_update", "uk", "New address: {addr_uk_street}. Same town."),
    ("contact_update", "us", "text me at {phone} instead of emailing {email}"),
    ("contact_update", "uk", "bot: Which email address should we use? user: {email}"),
    # balance_transfer
    ("balance_transfer", "us", "Zelle to {name} failed, their account is {acct}"),
    ("balance_transfer", "us", "bot: Please enter the 9-digit routing number. user: {routing}"),
    ("balance_transfer", "us", "move {amt} from checking {acct} to savings {acct} please"),
    ("balance_transfer", "us", "I sent rent to {acct} on {date} and landlord say not received"),
    ("balance_transfer", "us", "routing {routing} account {acct} - payroll says invalid, why?"),
    ("balance_transfer", "us", "acct no.{acct} routing no.{routing}"),
    ("balance_transfer", "us", "transfer to {acct} wrong i meant {acct}, can you stop it"),
    ("balance_transfer", "us", "wire from my account {acct} to {name} at another bank, routing {routing}"),
    ("balance_transfer", "us", "Transfer to account {acct} pending since {date}"),
    ("balance_transfer", "us", "Routing number on my checks is {routing}, app shows different one, which is correct?"),
    ("balance_transfer", "ca", "My teen {name} (age 16) needs a debit card linked to my acct {acct}"),
    ("balance_transfer", "us", "bot: Which account number should receive the funds? user: {acct}"),
    ("balance_transfer", "uk", "hello, sorry for my english. I want know why my acount {acct} is block"),
    ("balance_transfer", "us", "my employer needs routing and account, is it {routing} and {acct}?"),
    ("balance_transfer", "us", "ACH from {acct} bounced on {date}, i had enough money"),
    # loans_misc
    ("loans_misc", "us", "my car loan payment is due {date}, can I pay it from {acct} instead?"),
    ("loans_misc", "us", "mortgage account {acct} - I want to pay extra {amt} every month"),
    ("loans_misc", "uk", "the loan officer {name} promised me approval by {date}"),
    ("loans_misc", "us", "bot: Which account should the loan be paid from? user: {acct}"),
    ("loans_misc", "us", "Pay my credit card bill of {amt} from account {acct} on {date}"),
    ("loans_misc", "ca", "Can I skip the {date} payment on loan {acct}? lost my job"),
    ("loans_misc", "us", "student loan autopay took money from {acct} twice, on {date} and {date}"),
]

NEGATIVE = [
    ("negative", "us", "my card was declined at {merchant} for {amt}, but i have money"),
    ("negative", "uk", "why is there a {amt} fee on my statement?"),
    ("negative", "us", "i ordered a new card {days} ago, still nothing"),
    ("negative", "uk", "how many free ATM withdrawals in a month with the {product}?"),
    ("negative", "us", "ref number {ref} - any update on my complaint?"),
    ("negative", "us", "bot: How can I help you today? user: block my card plz"),
    ("negative", "au", "the app crash every time I open it after update {appver}"),
    ("negative", "us", "Can I withdraw {amt} cash in one day or is there a limit?"),
    ("negative", "in", "my case {ref} is open {days}, nobody answer"),
    ("negative", "uk", "Is the {product} better than the {product} for travel?"),
    ("negative", "us", "I paid {merchant} {amt} twice, they say refund in {days}"),
    ("negative", "eu", "how long international transfer take to Germany?"),
    ("negative", "uk", "what is interest rate on savings now, still {pct}?"),
    ("negative", "us", "bot: Please describe your issue. user: card stuck in atm"),
    ("negative", "us", "I want to increase my daily limit, {amt} is too low"),
    ("negative", "au", "Is it possible to have {n} savings pots?"),
    ("negative", "us", "why my transfer of {amt} is on hold for {days}?"),
    ("negative", "us", "Transaction ID {txid} shows failed but money left my account"),
    ("negative", "us", "The ATM inside {merchant} ate my card"),
    ("negative", "us", "do you charge for sending money abroad, like {amt} to Spain?"),
    ("negative", "uk", "I got a letter with reference {ref}, what does it mean?"),
    ("negative", "us", "Can I pay my {product} bill with Apple Pay?"),
    ("negative", "us", "the chat keeps disconnecting after {mins}"),
    ("negative", "ca", "need {n} cheque books, how to order"),
    ("negative", "uk", "My overdraft is {amt}, can I make it bigger"),
    ("negative", "us", "How do I dispute a charge from {merchant}?"),
    ("negative", "us", "order #{order} from {merchant} refunded but not on my card"),
    ("negative", "uk", "waiting {mins} on the phone line, this is terrible"),
    ("negative", "us", "is there a fee if I close the account after {months}?"),
    ("negative", "us", "how to turn on notifications for payments above {amt}"),
    ("negative", "uk", "my direct debit to {merchant} bounced, will they charge me?"),
    ("negative", "eu", "Hello, what means 'pending authorisation' on my {product}?"),
    ("negative", "us", "bot: Do you want to speak to an agent? user: yes pls"),
    ("negative", "us", "can I use my card in {n} countries on the same trip?"),
    ("negative", "ca", "Cashback from {merchant} was {amt}, should be {pct}"),
    ("negative", "us", "i'm travelling for {days}, do i need to tell you?"),
    ("negative", "uk", "How do I set up a standing order of {amt} monthly?"),
    ("negative", "us", "my {product} annual fee went up to {amt}, why?"),
    ("negative", "uk", "Do you have branches in Manchester?"),
    ("negative", "uk", "complaint ref {ref}: still charged {amt} for late payment"),
    ("negative", "eu", "bot: Is there anything else? user: no thats all thank u"),
    ("negative", "au", "how much is the fee to replace a card, {amt}?"),
    ("negative", "us", "I want to change my adress, what proof do you need?"),
    ("negative", "us", "i forgot my password, how to reset??"),
    ("negative", "us", "can you tell me my routing number? i dont have checks"),
    ("negative", "uk", "my PIN is blocked after {n} wrong tries"),
    ("negative", "eu", "what's the IBAN format for transfers to France?"),
    ("negative", "us", "The {merchant} hold of {amt} still not released after {days}"),
    ("negative", "ca", "Can I deposit a cheque of {amt} by photo?"),
    ("negative", "us", "how many digits should the account number have? mine has 2 zeros at the start, is that ok?"),
    ("negative", "us", "ticket {ref} closed without fix!!"),
    ("negative", "uk", "tracking no. for my card delivery is {tracking}, it says delayed"),
    ("negative", "eu", "invoice {invoice} from {merchant} was paid {n} times"),
    ("negative", "us", "bot: What's the reason for the transfer? user: rent for {months}"),
    ("negative", "us", "I get error {err} when I login"),
    ("negative", "us", "What is the maximum I can send by Zelle per day, {amt}?"),
    ("negative", "au", "Card arrived, how to activate it?"),
    ("negative", "uk", "the branch near Leeds station, is it open at weekends?"),
    ("negative", "us", "bot: What is your PIN? user: i wont tell a bot my pin lol"),
    ("negative", "us", "MY APP SAYS SESSION EXPIRED AFTER 2 MINUTES, FIX IT"),
]

PREFIXES = ["hello", "Hi team,", "good evening,", "Dear Sir,", "hii", "helo", "Hey there -",
            "Excuse me,", "urgent:"]
SUFFIXES = ["thank you", "pls", "plz help", "tia", "!!", "regards", "asap pls", "ty", "??"]


def render(gen, template, loc):
    """Text and entities for one record; slots are filled left to right."""
    text, ents, pos = "", [], 0
    for m in re.finditer(r"\{(\w+)\}", template):
        text += template[pos:m.start()]
        value, typ = fill(gen, m.group(1), loc)
        if typ:
            ents.append({"type": typ, "begin": len(text), "end": len(text) + len(value)})
        text += value
        pos = m.end()
    text += template[pos:]
    return text, ents


def decorate(rng, text, ents):
    """Greetings and sign-offs of the chat register; they shift offsets and carry no PII."""
    if not text.lower().startswith("bot:") and rng.random() < 0.25:
        p = rng.choice(PREFIXES) + " "
        text = p + text
        ents = [dict(e, begin=e["begin"] + len(p), end=e["end"] + len(p)) for e in ents]
    if rng.random() < 0.2:
        text = text + " " + rng.choice(SUFFIXES)
    return text, ents


def plan(rng):
    """Which template each record uses: every template once, then second uses (never a third)
    chosen to bring each type towards its scaled dev count and the negatives to their share."""
    scale = N_RECORDS / DEV_RECORDS
    target = {t: c * scale for t, c in DEV_COUNTS.items()}
    neg_target = round(DEV_NEGATIVES * scale)
    templates = [(f"{c}:h17-{i:03d}", c, loc, t) for i, (c, loc, t) in enumerate(POSITIVE + NEGATIVE)]
    key_types = {
        "name": "NAME", "name_lc": "NAME", "name_uc": "NAME", "name_mid": "NAME", "first": "NAME",
        "first_lc": "NAME", "email": "EMAIL", "card": "CREDIT_DEBIT_NUMBER",
        "card_dash": "CREDIT_DEBIT_NUMBER", "card_compact": "CREDIT_DEBIT_NUMBER",
        "amex": "CREDIT_DEBIT_NUMBER", "exp": "CREDIT_DEBIT_EXPIRY", "cvv": "CREDIT_DEBIT_CVV",
        "pin": "PIN", "pin6": "PIN", "password": "PASSWORD", "username": "USERNAME", "url": "URL",
        "url_www": "URL", "ip": "IP_ADDRESS", "ipv4": "IP_ADDRESS", "ipv6": "IP_ADDRESS",
        "mac": "MAC_ADDRESS", "acct": "BANK_ACCOUNT_NUMBER", "routing": "BANK_ROUTING",
        "swift": "SWIFT_CODE", "swift_ie": "SWIFT_CODE", "ssn": "SSN",
        "itin": "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", "passport": "PASSPORT_NUMBER",
        "passport_lc": "PASSPORT_NUMBER", "dl": "DRIVER_ID", "dob": "DATE_TIME",
        "dob_lc": "DATE_TIME", "date": "DATE_TIME",
    }

    def types_of(t):
        out = []
        for k in re.findall(r"\{(\w+)\}", t):
            if k.startswith("phone"):
                out.append("PHONE")
            elif k.startswith("addr"):
                out.append("ADDRESS")
            elif k.startswith("iban"):
                out.append("INTERNATIONAL_BANK_ACCOUNT_NUMBER")
            elif k.startswith("nino"):
                out.append("UK_NATIONAL_INSURANCE_NUMBER")
            elif k in key_types:
                out.append(key_types[k])
        return out

    chosen = list(templates)
    counts = collections.Counter(t for tpl in chosen for t in types_of(tpl[3]))
    uses = collections.Counter(tpl[0] for tpl in chosen)
    negs = sum(1 for tpl in chosen if tpl[1] == "negative")
    while len(chosen) < N_RECORDS:
        if negs < neg_target:
            # only templates with a filler slot, so a second use is not the same text again
            pool = [tpl for tpl in templates if tpl[1] == "negative" and uses[tpl[0]] < 2
                    and "{" in tpl[3]]
            pick = rng.choice(pool)
            negs += 1
        else:
            pool = [tpl for tpl in templates if tpl[1] != "negative" and uses[tpl[0]] < 2]

            def gain(tpl):
                ts = types_of(tpl[3])
                return sum((target[t] - counts[t]) / target[t] for t in ts) / len(ts) ** 0.5
            best = max(gain(tpl) for tpl in pool)
            pick = rng.choice([tpl for tpl in pool if gain(tpl) >= best - 0.02])
        chosen.append(pick)
        uses[pick[0]] += 1
        counts.update(types_of(pick[3]))
    rng.shuffle(chosen)
    return chosen


def build():
    rng = random.Random(SEED)
    gen = Gen(random.Random(SEED + 1))
    records = []
    for i, (tid, cat, loc, tpl) in enumerate(plan(rng)):
        text, ents = render(gen, tpl, loc)
        text, ents = decorate(rng, text, ents)
        records.append({"id": f"bankchat-{SPLIT}-{i:04d}", "split": SPLIT, "text": text,
                        "entities": ents, "template_id": tid, "template_source": "own"})
    return records


def self_check(records):
    assert len(records) == N_RECORDS, len(records)
    assert len(set(r["id"] for r in records)) == N_RECORDS
    values = collections.Counter()
    for r in records:
        t = r["text"]
        spans = sorted(r["entities"], key=lambda e: e["begin"])
        for a, b in zip(spans, spans[1:]):
            assert a["end"] <= b["begin"], (r["id"], "overlap")
        for e in spans:
            assert 0 <= e["begin"] < e["end"] <= len(t), (r["id"], e)
            v = t[e["begin"]:e["end"]]
            assert v == v.strip() and v, (r["id"], v)
            values[(e["type"], v.lower())] += 1
            digits = re.sub(r"\D", "", v)
            if e["type"] == "CREDIT_DEBIT_NUMBER":
                assert luhn_ok(v) and len(digits) in (15, 16), v
            elif e["type"] == "BANK_ROUTING":
                assert aba_ok(digits) and digits == v, v
            elif e["type"] == "INTERNATIONAL_BANK_ACCOUNT_NUMBER":
                c = v.replace(" ", "")
                assert iban_ok(c) and len(c) == IBAN_FORMATS[c[:2]][0], v
            elif e["type"] == "SWIFT_CODE":
                assert len(v) in (8, 11) and v[4:6] in SWIFT_COUNTRIES and v.isalnum(), v
    assert max(values.values()) == 1, values.most_common(3)  # brief allows 2; generator gives 1
    counts = collections.Counter(e["type"] for r in records for e in r["entities"])
    assert set(counts) <= set(DEV_COUNTS), set(counts) - set(DEV_COUNTS)
    scale = N_RECORDS / DEV_RECORDS
    for t, c in DEV_COUNTS.items():
        want = c * scale
        if want >= 5:
            assert abs(counts[t] - want) <= 0.25 * want, (t, counts[t], want)
    negs = sum(1 for r in records if not r["entities"])
    assert 0.20 * N_RECORDS <= negs <= 0.25 * N_RECORDS, negs
    assert len(set(r["template_id"] for r in records)) >= 180
    assert max(collections.Counter(r["template_id"] for r in records).values()) <= 2
    return counts, negs


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "banking_chat_pii_holdout17.jsonl")
    records = build()
    counts, negs = self_check(records)
    with open(out, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(records)} records, {negs} without PII, "
          f"{len(set(r['template_id'] for r in records))} templates -> {out}")
    for t, c in counts.most_common():
        print(f"  {t:40s} {c:3d}  (dev scaled {DEV_COUNTS[t] * N_RECORDS / DEV_RECORDS:5.1f})")


if __name__ == "__main__":
    main()
