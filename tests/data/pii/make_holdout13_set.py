#!/usr/bin/env python3
"""Generate the blind holdout13 banking-chat PII test set (written without looking at the detector).

Focus: other messages of the dev set's kind, with the dev set's type mix and proportions (greedy
template choice towards the dev counts scaled to ~300 records) and ~20% hard negatives (amounts,
merchants, case/transaction references, one-time passcodes, card last-4, counts, product names,
error codes). New wording: live-chat customers typing on phones (lower case, typos, run-on),
text pasted from statements and letters, "Agent: ... Customer: ..." and "Bot: ... User: ..."
transcripts, customers from the UK, US, Canada, Ireland, Australia, South Africa, India, Singapore,
Germany, Spain, Mexico, France, Italy and Kenya (their names, addresses, phone formats), and values
in unusual but real forms (cards 4-4-4-4 with dashes or dots, IBANs grouped or lower case, sort
codes with spaces, "exp 0927", "security code", "3rd of March", times).

Labelling rules (the dev set's): spans cover the value only (never the cue word); every calendar
date (birth, transaction, due, expiry of a document) and every clock time is DATE_TIME (a time next
to a date is its own span); durations and counts ("3 days") are not. Amounts, bank/merchant/company
names, case/transaction references, one-time passcodes, card last-4 digits, product and branch names
are not labelled. A numeric card PIN or app passcode is PIN. US ABA numbers and UK sort codes are
BANK_ROUTING. First names alone (including an agent's) are NAME. Card expiry is
CREDIT_DEBIT_EXPIRY, the 3/4-digit code is CREDIT_DEBIT_CVV. Only types the dev set uses occur.
Every card passes Luhn, every ABA number its 3-7-1 check, every IBAN mod-97 with its country's length.

Usage: python3 make_holdout13_set.py [out.jsonl]   (stdlib only, fixed seed)
"""
import collections
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checksums import aba_ok, iban_ok, luhn_complete, luhn_ok  # noqa: E402
from dev_mix import DEV_COUNTS as DEV  # noqa: E402

SEED = 1313
N_RECORDS = 300
N_NEG = 62
R = random.Random(SEED)

# dev set counts (268 records) -> scaled targets for the positive records
SCALE = N_RECORDS / 268.0
TARGET = {t: v * SCALE for t, v in DEV.items()}

# placeholder -> entity type (None: inserted but not PII)
PH = {"NAME": "NAME", "FIRST": "NAME", "ADDRESS": "ADDRESS", "PHONE": "PHONE", "EMAIL": "EMAIL",
      "USERNAME": "USERNAME", "PASSWORD": "PASSWORD", "PIN": "PIN", "CARD": "CREDIT_DEBIT_NUMBER",
      "EXP": "CREDIT_DEBIT_EXPIRY", "CVV": "CREDIT_DEBIT_CVV", "ACCT": "BANK_ACCOUNT_NUMBER",
      "ROUTING": "BANK_ROUTING", "SORT": "BANK_ROUTING", "IBAN": "INTERNATIONAL_BANK_ACCOUNT_NUMBER",
      "SWIFT": "SWIFT_CODE", "SSN": "SSN", "ITIN": "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER",
      "PASSPORT": "PASSPORT_NUMBER", "DL": "DRIVER_ID", "NINO": "UK_NATIONAL_INSURANCE_NUMBER",
      "DOB": "DATE_TIME", "DATE": "DATE_TIME", "TIME": "DATE_TIME", "URL": "URL", "IP": "IP_ADDRESS",
      "MAC": "MAC_ADDRESS",
      "amt": None, "amt2": None, "merchant": None, "ref": None, "otp": None, "last4": None, "n": None,
      "n2": None, "product": None, "product2": None, "branch": None, "err": None}

LOCALES = ["UK", "US", "CA", "IE", "AU", "ZA", "IN", "SG", "DE", "ES", "MX", "FR", "IT", "KE"]

FIRST = {
    "UK": ["Oliver", "Amelia", "Harry", "Isla", "George", "Poppy", "Alfie", "Freya", "Callum", "Imogen"],
    "US": ["Tyler", "Madison", "Jordan", "Brianna", "Marcus", "Kayla", "Dylan", "Shanice", "Cody", "Hannah"],
    "CA": ["Étienne", "Chloé", "Liam", "Avery", "Mathieu", "Brooke", "Nolan", "Gabrielle", "Owen", "Maëlle"],
    "IE": ["Siobhán", "Cian", "Aoife", "Oisín", "Niamh", "Darragh", "Clodagh", "Eoin", "Róisín", "Padraig"],
    "AU": ["Lachlan", "Matilda", "Cooper", "Mia", "Riley", "Sienna", "Jack", "Ruby", "Hamish", "Zara"],
    "ZA": ["Thabo", "Lerato", "Sipho", "Naledi", "Pieter", "Annelie", "Themba", "Zanele", "Johan", "Palesa"],
    "IN": ["Arjun", "Ananya", "Vikram", "Deepika", "Rahul", "Sneha", "Karthik", "Lakshmi", "Aditya", "Pooja"],
    "SG": ["Wei Ling", "Jun Jie", "Hui Min", "Kumar", "Siti", "Darren", "Xin Yi", "Farhan", "Mei Xuan", "Bryan"],
    "DE": ["Lukas", "Johanna", "Maximilian", "Lea", "Florian", "Katharina", "Jürgen", "Sabine", "Tobias", "Anja"],
    "ES": ["Javier", "Lucía", "Alejandro", "Carmen", "Pablo", "Nuria", "Iñigo", "Marta", "Sergio", "Elena"],
    "MX": ["José Luis", "Guadalupe", "Diego", "Ximena", "Alejandro", "Fernanda", "Emiliano", "Valeria", "Rodrigo", "Mariana"],
    "FR": ["Théo", "Camille", "Hugo", "Manon", "Baptiste", "Léa", "Antoine", "Margaux", "Julien", "Céline"],
    "IT": ["Alessandro", "Giulia", "Lorenzo", "Chiara", "Matteo", "Francesca", "Davide", "Federica", "Simone", "Martina"],
    "KE": ["Wanjiru", "Otieno", "Akinyi", "Kamau", "Njeri", "Kiprono", "Atieno", "Mwangi", "Chebet", "Odhiambo"],
}
LAST = {
    "UK": ["Whitfield", "Hargreaves", "Pennington", "Ashworth", "Blackwood", "Thornton", "Holloway", "Fairbairn"],
    "US": ["Kowalski", "Delgado", "Washington", "Brennan", "Castellano", "Hutchins", "Yamamoto", "Okafor"],
    "CA": ["Tremblay", "Gagnon", "Bouchard", "MacKenzie", "Lavoie", "Fraser", "Côté", "Bélanger"],
    "IE": ["O'Sullivan", "Ní Bhriain", "McCarthy", "Fitzgerald", "Ó Ceallaigh", "Doyle", "Gallagher", "Quinlan"],
    "AU": ["Nguyen", "McAllister", "Papadopoulos", "Harrington", "Kovac", "Sutherland", "Whitlam", "Tran"],
    "ZA": ["Nkosi", "van der Merwe", "Dlamini", "Botha", "Mokoena", "Pillay", "Naidoo", "Coetzee"],
    "IN": ["Iyer", "Chatterjee", "Deshpande", "Reddy", "Malhotra", "Subramanian", "Banerjee", "Kulkarni"],
    "SG": ["Tan", "Lim", "Ng", "Goh", "Teo", "Binte Rahman", "Chua", "Subramaniam"],
    "DE": ["Schröder", "Hoffmann", "Krüger", "Zimmermann", "Becker", "Wagner", "Neumann", "Schäfer"],
    "ES": ["García López", "Fernández", "Martínez Ruiz", "Sánchez", "Etxeberria", "Navarro", "Romero Gil", "Iglesias"],
    "MX": ["Hernández", "Ramírez Soto", "Gutiérrez", "Villalobos", "Cervantes", "Domínguez", "Salazar", "Ortega Ríos"],
    "FR": ["Lefèvre", "Moreau", "Girard", "Rousseau", "Fontaine", "Chevalier", "Dupuis", "Lambert"],
    "IT": ["Esposito", "Bianchi", "Ricci", "Colombo", "Marino", "Greco", "De Luca", "Ferrara"],
    "KE": ["Kariuki", "Ochieng", "Wambui", "Mutua", "Kipchoge", "Njoroge", "Achieng", "Kimani"],
}

CUR = {"UK": "£", "US": "$", "CA": "C$", "IE": "€", "AU": "A$", "ZA": "R", "IN": "₹", "SG": "S$",
       "DE": "€", "ES": "€", "MX": "MXN ", "FR": "€", "IT": "€", "KE": "KSh "}
MERCHANTS = ["Tesco", "Amazon", "Uber Eats", "Netflix", "Woolworths", "Zomato", "Grab", "Lidl", "Carrefour",
             "Esselunga", "OXXO", "Pick n Pay", "Safaricom", "Tim Hortons", "Bunnings", "Deliveroo", "Costco",
             "Ryanair", "Flipkart", "Shopee", "El Corte Inglés", "Walmart", "Steam", "Apple.com/bill"]
PRODUCTS = ["Platinum Rewards card", "Everyday Saver", "Premier current account", "Gold Cashback credit card",
            "Student Plus account", "Flex Overdraft", "Travel Money card", "Junior ISA", "Business Starter account"]
BRANCHES = {"UK": "Oxford Street", "ZA": "Sandton City", "IN": "Connaught Place", "SG": "Raffles Place",
            "IE": "Grafton Street", "KE": "Westlands", "AU": "Bondi Junction", "CA": "Yonge and Bloor",
            "DE": "Alexanderplatz", "ES": "Gran Vía", "US": "Union Square", "MX": "Reforma", "FR": "Opéra",
            "IT": "Piazza Duomo"}
COUNTRY_DIAL = {"UK": "44", "US": "1", "CA": "1", "IE": "353", "AU": "61", "ZA": "27", "IN": "91",
                "SG": "65", "DE": "49", "ES": "34", "MX": "52", "FR": "33", "IT": "39", "KE": "254"}
DOMAINS = ["example.com", "example.org", "example.net", "mail.example", "inbox.test", "post.example.co.uk"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def d(n):
    return "".join(R.choice("0123456789") for _ in range(n))


def up(n):
    return "".join(R.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(n))


def ordinal(k):
    return str(k) + ("th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th"))


class Gen:
    def __init__(self, loc):
        self.loc = loc
        self.first = R.choice(FIRST[loc])
        self.last = R.choice(LAST[loc])

    def NAME(self):
        f, l = R.choice(FIRST[self.loc]), R.choice(LAST[self.loc])
        if R.random() < 0.5:
            f, l = self.first, self.last
        form = R.random()
        if form < 0.12:
            return (f + " " + l).lower()
        if form < 0.2 and self.loc in ("UK", "US", "AU", "CA"):
            return f + " " + R.choice("ABDEJKMRST") + ". " + l
        if form < 0.27 and self.loc in ("IN", "SG", "FR", "IT"):
            return l.upper() + " " + f
        return f + " " + l

    def FIRST(self):
        f = R.choice(FIRST[self.loc])
        return f.lower() if R.random() < 0.2 else f

    def ADDRESS(self):
        L, n = self.loc, R.randint(2, 480)
        if L == "UK":
            return R.choice(["%d Cranbrook Road, Ilford IG1 4PU", "Flat %d, 9 Mill Lane, Leeds LS6 2DT",
                             "%d Ashgrove Terrace, Bath BA2 3QH", "%d high street, kirkcaldy ky1 1LQ"]) % n
        if L == "US":
            return R.choice(["%d Magnolia Street, Savannah, GA 31401", "%d W 14th St Apt 3C, New York, NY 10011",
                             "%d Cedar Ridge Dr., Plano, TX 75093", "%d n halsted st, chicago il 60642"]) % n
        if L == "CA":
            return R.choice(["%d Bloor Street West, Toronto, ON M5S 1W4", "%d rue Saint-Denis, Montréal, QC H2X 3K2",
                             "Unit %d, 1180 Davie St, Vancouver BC V6E 1N1"]) % n
        if L == "IE":
            return R.choice(["%d Grattan Street, Cork T12 X7C4", "Apartment %d, Dame Court, Dublin 2",
                             "%d Ballymun Road, Glasnevin, Dublin 9, D09 F2K1"]) % n
        if L == "AU":
            return R.choice(["%d/45 Campbell Parade, Bondi Beach NSW 2026", "%d Swanston St, Carlton VIC 3053",
                             "%d Hay Street, Perth WA 6000"]) % n
        if L == "ZA":
            return R.choice(["%d Jan Smuts Avenue, Rosebank, Johannesburg, 2196", "%d Long Street, Cape Town 8001",
                             "%d Florida Road, Morningside, Durban 4001"]) % n
        if L == "IN":
            return R.choice(["Flat %d, Sai Residency, 14th Cross, Indiranagar, Bengaluru 560038",
                             "%d, MG Road, Camp, Pune - 411001", "House No. %d, Sector 21, Gurugram, Haryana 122016"]) % n
        if L == "SG":
            return R.choice(["Blk %d Ang Mo Kio Avenue 3, #08-221, Singapore 560123",
                             "%d Tampines Street 81, #04-17, Singapore 520%03d" % (n, R.randint(100, 999)),
                             "Blk %d Jurong West St 52, #12-05, Singapore 640%03d" % (n, R.randint(100, 999))]).replace("%d", str(n))
        if L == "DE":
            return R.choice(["Hauptstraße %d, 10115 Berlin", "Schillerstr. %d, 80336 München",
                             "Am Rosengarten %d, 50667 Köln"]) % (n % 90 + 1)
        if L == "ES":
            return R.choice(["Calle de Alcalá %d, 3B, 28014 Madrid", "Carrer de Mallorca %d, 08013 Barcelona",
                             "Avenida de la Constitución %d, 41001 Sevilla"]) % (n % 200 + 1)
        if L == "MX":
            return R.choice(["Av. Insurgentes Sur %d, Col. Del Valle, 03100 Ciudad de México",
                             "Calle Morelos %d, Centro, 44100 Guadalajara, Jal.",
                             "Blvd. Díaz Ordaz %d, Col. Santa María, 64650 Monterrey, N.L."]) % n
        if L == "FR":
            return R.choice(["%d rue des Lilas, 69003 Lyon", "%d bis avenue Jean Jaurès, 31000 Toulouse",
                             "%d, boulevard Haussmann, 75009 Paris"]) % (n % 120 + 1)
        if L == "IT":
            return R.choice(["Via Garibaldi %d, 20121 Milano", "Corso Vittorio Emanuele II %d, 00186 Roma",
                             "Via dei Mille %d, 80121 Napoli"]) % (n % 150 + 1)
        return R.choice(["Apartment %dB, Riverside Drive, Westlands, Nairobi", "House %d, Kindaruma Road, Kilimani, Nairobi",
                         "%d Moi Avenue, Mombasa"]) % (n % 60 + 1)

    def PHONE(self):
        L = self.loc
        if L in ("US", "CA"):
            area = R.choice(["702", "415", "312", "646", "206"] if L == "US" else ["416", "604", "514", "403"])
            x = "555-01" + d(2)
            return R.choice(["(%s) %s" % (area, x), "%s-%s" % (area, x), "+1 %s %s" % (area, x.replace("-", " ")),
                             "%s.%s" % (area, x.replace("-", "."))])
        if L == "UK":
            return R.choice(["07700 900" + d(3), "+44 7700 900" + d(3), "+44 (0)20 7946 0" + d(3), "07700900" + d(3)])
        if L == "IE":
            return R.choice(["087 " + d(3) + " " + d(4), "+353 85 " + d(3) + " " + d(4), "(01) 555 " + d(4)])
        if L == "AU":
            return R.choice(["0412 " + d(3) + " " + d(3), "+61 412 " + d(3) + " " + d(3), "(02) 5550 " + d(4)])
        if L == "ZA":
            return R.choice(["082 " + d(3) + " " + d(4), "+27 82 " + d(3) + " " + d(4), "+27 (0)21 " + d(3) + " " + d(4)])
        if L == "IN":
            return R.choice(["+91 98" + d(3) + " " + d(5), "98" + d(8), "+91-98" + d(3) + "-" + d(5)])
        if L == "SG":
            return R.choice(["+65 9" + d(3) + " " + d(4), "9" + d(3) + " " + d(4), "+65 6" + d(3) + " " + d(4)])
        if L == "DE":
            return R.choice(["+49 151 " + d(8), "0151 " + d(8), "+49 (0)30 " + d(7)])
        if L == "ES":
            return R.choice(["+34 6" + d(2) + " " + d(3) + " " + d(3), "6" + d(2) + " " + d(2) + " " + d(2) + " " + d(2)])
        if L == "MX":
            return R.choice(["+52 55 " + d(4) + " " + d(4), "55 " + d(4) + " " + d(4), "+52 1 33 " + d(4) + " " + d(4)])
        if L == "FR":
            return R.choice(["06 " + " ".join(d(2) for _ in range(4)), "+33 6 " + " ".join(d(2) for _ in range(4)),
                             "07." + ".".join(d(2) for _ in range(4))])
        if L == "IT":
            return R.choice(["+39 347 " + d(3) + " " + d(4), "347 " + d(7), "+39 06 " + d(8)])
        return R.choice(["+254 712 " + d(3) + " " + d(3), "0712 " + d(6), "+254 (0)722 " + d(6)])

    def EMAIL(self):
        import unicodedata
        f = unicodedata.normalize("NFKD", self.first).encode("ascii", "ignore").decode().lower().replace(" ", "")
        l = unicodedata.normalize("NFKD", self.last).encode("ascii", "ignore").decode().lower().replace(" ", "").replace("'", "")
        local = R.choice([f + "." + l, f[0] + l, f + "_" + l[:4] + d(2), l + "." + f + d(2), f + d(4),
                          R.choice(["sunnydays", "kiwi.runner", "blue_heron", "mangoes", "ravenwood"]) + d(2)])
        return local + "@" + R.choice(DOMAINS)

    def USERNAME(self):
        import unicodedata
        f = unicodedata.normalize("NFKD", self.first).encode("ascii", "ignore").decode().lower().replace(" ", "")
        return R.choice([f + "_" + d(2), f[:3] + self.last.lower()[:3].encode("ascii", "ignore").decode() + d(3),
                         R.choice(["tigerlily", "night_owl", "coffeeaddict", "stormchaser"]) + d(2), f + "." + d(4),
                         "x" + f + "x" + d(2)])

    def PASSWORD(self):
        return R.choice([R.choice(["Kookaburra", "Jacaranda", "Serengeti", "Marmite", "Chai", "Tortilla", "Baguette",
                                   "Rugby", "Monsoon"]) + d(2) + R.choice("!#$*?"),
                         R.choice(["p@ssw0rd", "m0ng00se", "l3tm31n", "dr@g0n"]) + d(2),
                         "".join(R.choice("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(R.randint(9, 13))),
                         R.choice(["Summer", "Winter", "Spring"]) + str(R.randint(2019, 2026)) + "!"])

    def PIN(self):
        return d(R.choice([4, 4, 4, 6]))

    def CARD(self):
        kind = R.random()
        if kind < 0.12:
            num = luhn_complete(R.choice(["34", "37"]) + d(12))
            return R.choice([num[:4] + " " + num[4:10] + " " + num[10:], num, num[:4] + "-" + num[4:10] + "-" + num[10:]])
        if kind < 0.45:
            num = luhn_complete("4" + d(14))
        elif kind < 0.8:
            num = luhn_complete((R.choice(["51", "53", "55", "2221", "2720"]) + d(14))[:15])
        else:
            num = luhn_complete(R.choice(["6011", "3528", "6521"]) + d(11))
        g = [num[i:i + 4] for i in range(0, 16, 4)]
        return R.choice(["-".join(g), ".".join(g), " ".join(g), num, " ".join(g)])

    def EXP(self):
        m, y = R.randint(1, 12), R.randint(26, 31)
        return R.choice(["%02d/%02d" % (m, y), "%02d-%02d" % (m, y), "%d/%02d" % (m, y), "%02d/20%02d" % (m, y),
                         "%02d%02d" % (m, y), "%02d / %02d" % (m, y)])

    def CVV(self):
        return d(3)

    def ACCT(self):
        return d({"UK": 8, "IE": 8, "IN": 12, "AU": 9, "SG": 10, "ZA": 10, "KE": 13, "MX": 11}.get(self.loc, R.choice([9, 10, 11, 12])))

    def ROUTING(self):
        while True:
            n = R.choice(["0", "1", "2", "3"]) + d(7)
            for c in "0123456789":
                if aba_ok(n + c):
                    return n + c

    def SORT(self):
        a, b, c = d(2), d(2), d(2)
        return R.choice(["%s-%s-%s", "%s %s %s", "%s%s%s"]) % (a, b, c)

    def IBAN(self):
        cc = {"UK": "GB", "DE": "DE", "FR": "FR", "ES": "ES", "IT": "IT", "IE": "IE"}.get(self.loc) or R.choice(["NL", "PL", "DE", "FR", "ES"])
        bban = {"GB": lambda: up(4) + d(14), "IE": lambda: up(4) + d(14), "DE": lambda: d(18),
                "FR": lambda: d(10) + d(11) + d(2), "ES": lambda: d(20), "IT": lambda: up(1) + d(10) + d(12),
                "NL": lambda: up(4) + d(10), "PL": lambda: d(24)}[cc]()
        check = 98 - int("".join(str(int(c, 36)) for c in bban + cc + "00")) % 97
        iban = cc + "%02d" % check + bban
        assert iban_ok(iban) and len(iban) == IBAN_LEN[cc], iban
        form = R.random()
        if form < 0.45:
            return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
        if form < 0.6:
            return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4)).lower()
        return iban

    def SWIFT(self):
        cc = {"UK": "GB", "US": "US", "CA": "CA", "IE": "IE", "AU": "AU", "ZA": "ZA", "IN": "IN", "SG": "SG",
              "DE": "DE", "ES": "ES", "MX": "MX", "FR": "FR", "IT": "IT", "KE": "KE"}[self.loc]
        return up(4) + cc + up(1) + R.choice("23456789ABCDEFGHJKLMN") + (R.choice(["XXX", d(3), ""]) if R.random() < 0.6 else "")

    def SSN(self):
        a = R.choice([R.randint(1, 665), R.randint(667, 899)])
        s = "%03d-%02d-%04d" % (a, R.randint(1, 99), R.randint(1, 9999))
        return R.choice([s, s, s.replace("-", ""), s.replace("-", " ")])

    def ITIN(self):
        return "9%02d-%02d-%04d" % (R.randint(0, 99), R.choice(list(range(70, 89)) + [90, 91, 92, 94, 95]), R.randint(0, 9999))

    def PASSPORT(self):
        L = self.loc
        if L in ("US", "UK"):
            return R.choice([d(9), up(1) + d(8)])
        if L == "IN":
            return up(1) + d(7)
        if L == "DE":
            return "C" + "".join(R.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8))
        if L in ("FR", "IE"):
            return d(2) + up(2) + d(5)
        if L == "SG":
            return "K" + d(7) + up(1)
        return up(R.choice([1, 2])) + d(7)

    def DL(self):
        if self.loc == "UK":
            l = (self.last.upper().replace(" ", "") + "99999")[:5]
            return l + d(6) + up(2) + d(1) + up(2)
        return R.choice([up(1) + d(7), d(9), up(1) + d(12), d(8), up(1) + d(3) + "-" + d(4) + "-" + d(4)])

    def NINO(self):
        p = R.choice(["AB", "CE", "JG", "KM", "NR", "PW", "SH", "TL", "WP", "ZX"])
        n, s = d(6), R.choice("ABCD")
        return R.choice([p + n + s, p + " " + n[:2] + " " + n[2:4] + " " + n[4:] + " " + s, (p + n + s).lower()])

    def _date(self, y0, y1, year=True):
        y, m, dd = R.randint(y0, y1), R.randint(1, 12), R.randint(1, 28)
        us = self.loc in ("US",)
        forms = [("%d/%d/%d" % (m, dd, y)) if us else ("%02d/%02d/%d" % (dd, m, y)),
                 "%d-%02d-%02d" % (y, m, dd), "%s of %s %d" % (ordinal(dd), MONTHS[m - 1], y),
                 "%d %s %d" % (dd, MONTHS[m - 1][:3], y), "%s %d, %d" % (MONTHS[m - 1], dd, y),
                 "%02d.%02d.%d" % (dd, m, y), "%d %s %d" % (dd, MONTHS[m - 1].lower(), y)]
        short = ["%s of %s" % (ordinal(dd), MONTHS[m - 1]), "%s %s" % (MONTHS[m - 1], ordinal(dd)),
                 "%02d/%02d" % ((m, dd) if us else (dd, m)), "%d %s" % (dd, MONTHS[m - 1][:3]),
                 "%s %d" % (MONTHS[m - 1].lower(), dd)]
        return R.choice(forms + (short if not year else []))

    def DOB(self):
        return self._date(1938, 2006)

    def DATE(self):
        return self._date(2025, 2026, year=R.random() < 0.5)

    def TIME(self):
        h, m = R.randint(0, 23), R.randint(0, 59)
        return R.choice(["%02d:%02d" % (h, m), "%d:%02d%s" % ((h % 12) or 12, m, "pm" if h >= 12 else "am"),
                         "%d.%02d %s" % ((h % 12) or 12, m, "PM" if h >= 12 else "AM"), "%02dh%02d" % (h, m)])

    def URL(self):
        w = R.choice(["secure", "verify", "client", "online", "help"]) + "-" + R.choice(["fin4ptic", "finaptlc", "bank-alert", "acct-review", "safepay"])
        return R.choice(["https://%s.example.com/login" % w, "http://%s.example.net/?u=%s" % (w, d(6)),
                         "www.%s.example.org/unlock" % w, "%s.example.com/kyc/%s" % (w, d(4)), "https://bit.example/%s" % up(6).lower()])

    def IP(self):
        return R.choice(["192.0.2.%d" % R.randint(1, 254), "198.51.100.%d" % R.randint(1, 254),
                         "203.0.113.%d" % R.randint(1, 254), "2001:db8:%x:%x::%x" % (R.randint(1, 65535), R.randint(1, 65535), R.randint(1, 65535))])

    def MAC(self):
        b = ["%02X" % R.randint(0, 255) for _ in range(6)]
        s = R.choice([":".join(b), "-".join(b), ":".join(b).lower(), ".".join("".join(b[i:i + 2]) for i in (0, 2, 4)).lower()])
        return s

    # not PII
    def amt(self):
        c = CUR[self.loc]
        v = R.choice(["%d.%02d" % (R.randint(3, 900), R.randint(0, 99)), str(R.randint(10, 2500)), "{:,}".format(R.randint(1000, 9000))] + [str(R.randint(5, 300))] * 2)
        return R.choice([c + v, v + " " + {"UK": "GBP", "US": "USD", "IN": "INR", "KE": "KES", "ZA": "ZAR", "MX": "MXN"}.get(self.loc, "EUR")]) \
            if R.random() < 0.3 else c + v

    amt2 = amt

    def merchant(self):
        return R.choice(MERCHANTS)

    def ref(self):
        return R.choice(["CS-" + d(7), "TXN" + d(10), d(8), "REF/" + up(3) + d(5), "#" + d(6), "PAY-" + d(4) + "-" + up(2)])

    def otp(self):
        return d(6)

    def last4(self):
        return d(4)

    def n(self):
        return str(R.randint(2, 14))

    n2 = n

    def product(self):
        return R.choice(PRODUCTS)

    product2 = product

    def branch(self):
        return BRANCHES[self.loc]

    def err(self):
        return R.choice(["E-" + d(3), "ERR_" + d(4), "code " + d(3)])


IBAN_LEN = {"GB": 22, "DE": 22, "FR": 27, "ES": 24, "IT": 27, "IE": 22, "NL": 18, "PL": 28}

# (template id, locales or None for any, text). Positive templates: labelled placeholders in capitals.
POS = [
    ("phone:declined", None, "hi my card got declined at {merchant} and i need it sorted its {CARD} exp {EXP}"),
    ("phone:lost_wallet", None, "lost my wallet on the bus pls block card {CARD} asap"),
    ("phone:wrong_pw", None, "cant log in, user name is {USERNAME} and i keep typing {PASSWORD} but it says wrong"),
    ("phone:its_me", None, "hey its {FIRST} again, did u get my docs"),
    ("phone:transfer_missing", None, "ok so the transfer of {amt} to acct {ACCT} never arrived i sent it {DATE}"),
    ("phone:new_number", None, "my new number is {PHONE} pls update it"),
    ("phone:new_email", None, "plz change email to {EMAIL} the old one got hacked"),
    ("phone:forgot_pin", None, "i forgot my pin i think it was {PIN} or somethin"),
    ("phone:acct_waiting", None, "whats happening w my account {ACCT}?? been waiting {n} days"),
    ("phone:smish", None, "got a text saying my acount is locked and to go to {URL} is that u guys"),
    ("phone:ip_login", None, "someone logged in from {IP} last night that wasnt me"),
    ("phone:back_of_card", None, "the security code on the back is {CVV} and the long number is {CARD}"),
    ("phone:dob_addr", None, "dob {DOB} and address is {ADDRESS}"),
    ("phone:acc_name", None, "yeah the name on the acc is {NAME}"),
    ("phone:wrong_iban", None, "sent {amt} to the wrong iban {IBAN} can u recall it"),
    ("paste:statement_line", None, "From my statement: {DATE} CARD PAYMENT TO {merchant} {amt}. I did not make this payment."),
    ("paste:uk_details", "UK", "Account name: {NAME} Account number: {ACCT} Sort code: {SORT}"),
    ("paste:iban_bic", None, "IBAN: {IBAN} BIC: {SWIFT} Beneficiary: {NAME}"),
    ("paste:letter_dates", None, "Your letter dated {DATE} says my payment is late but I paid on {DATE}."),
    ("paste:letter_card", None, "Copied from the letter you sent: 'Dear {NAME}, your replacement card ending {last4} has been dispatched to {ADDRESS}.' I never ordered one."),
    ("paste:dd_line", None, "Statement line: {DATE} DD {merchant} REF {ref} {amt} - what is this?"),
    ("paste:remittance", None, "Remittance details: Beneficiary {NAME}, IBAN {IBAN}, BIC {SWIFT}, reference {ref}"),
    ("paste:us_details", "US", "Routing number {ROUTING} Account {ACCT} Account holder {NAME}"),
    ("paste:payee_pipe", "UK", "Payee: {NAME} | Sort code: {SORT} | Account: {ACCT} | Amount: {amt}"),
    ("paste:valid_thru", None, "Card number {CARD} Valid thru {EXP} - this is the card that was charged twice by {merchant}"),
    ("tx:full_name", None, "Agent: Can I take your full name please? Customer: {NAME}"),
    ("tx:bot_email", None, "Bot: What's the email on your account? User: {EMAIL}"),
    ("tx:agent_dob", None, "Agent: And your date of birth? Customer: {DOB}"),
    ("tx:address_line", None, "Agent: Could you confirm the first line of your address and postcode? Customer: {ADDRESS}"),
    ("tx:user_dob", None, "Bot: Enter your username. User: {USERNAME} Bot: Thanks. Now your date of birth. User: {DOB}"),
    ("tx:callback", None, "Agent: Which number should we call you on? Customer: {PHONE}, after 5 is best"),
    ("tx:acct_sort", "UK", "Agent: What is the account number you want to pay into? Customer: {ACCT} Agent: And the sort code? Customer: {SORT}"),
    ("tx:ssn", "US", "Bot: What is your Social Security number? User: {SSN}"),
    ("tx:iban_amount", None, "Agent: Can you confirm the IBAN you sent to? Customer: {IBAN} Agent: Thanks, and the amount? Customer: {amt}"),
    ("tx:agent_intro", None, "Agent: Hi, this is {FIRST} from the cards team. Customer: hi my card is blocked since this morning"),
    ("tx:passport", None, "Bot: For security, what's your passport number? User: its {PASSPORT}"),
    ("tx:mac", None, "Agent: What's the MAC address shown in the app's device settings? Customer: {MAC}"),
    ("tx:nino", "UK", "Bot: Please type your National Insurance number. User: {NINO}"),
    ("formal:dispute", None, "Dear Sir/Madam, I am writing to dispute a charge of {amt} from {merchant} on {DATE}. My card number is {CARD}. Yours faithfully, {NAME}"),
    ("formal:corr_addr", None, "Please update my correspondence address to {ADDRESS} effective {DATE}."),
    ("formal:send_card", None, "Could you send the replacement card to {ADDRESS} rather than my old flat?"),
    ("formal:bereavement", None, "I am the executor for {NAME}, who passed away on {DATE}. I need to notify you about the account {ACCT}."),
    ("formal:auth_user", None, "I'd like to add my eldest {NAME} as an authorised user on the {product}."),
    ("formal:bounced", None, "The payment to {NAME} bounced back, the IBAN was {IBAN}."),
    ("loc:in_debit", "IN", "Sir my account {ACCT} is debited twice for {amt} at {merchant}, kindly do the needful. Registered mobile {PHONE}"),
    ("loc:sg_transfer", "SG", "hi can help me check, i transfer {amt} to {NAME} on {DATE} but until now never reach"),
    ("loc:za_atm", "ZA", "Howzit, my card {CARD} was swallowed by the ATM at {branch}. Please call me on {PHONE}"),
    ("loc:au_addr", "AU", "G'day, need to update my address to {ADDRESS}, cheers"),
    ("loc:de_rent", "DE", "Guten Tag, I need to send rent to my landlord, IBAN {IBAN}, BIC {SWIFT}. Is the IBAN correct?"),
    ("loc:fr_phone", "FR", "Bonjour, my phone number changed, it's now {PHONE}. Merci"),
    ("loc:es_card", "ES", "Hola, mi tarjeta {CARD} está bloqueada, can you help? caduca {EXP}"),
    ("loc:mx_addr", "MX", "buenas tardes, I need to update my address to {ADDRESS} por favor"),
    ("loc:it_sms", "IT", "Buongiorno, my name is {NAME} and I received an SMS with this link {URL}"),
    ("loc:ke_mpesa", "KE", "Habari, I sent {amt} from M-Pesa to account {ACCT} on {DATE} but it hasn't reflected"),
    ("loc:ie_number", "IE", "howya, can u change my number to {PHONE}, ta"),
    ("loc:ca_move", "CA", "Hi, I just moved, my new address is {ADDRESS}. Also my email is {EMAIL}"),
    ("loc:us_routing", "US", "Need my routing number confirmed, is it {ROUTING}? acct {ACCT}"),
    ("card:slash_all", None, "Card {CARD} / exp {EXP} / cvv {CVV} was used at {merchant} for {amt} and it wasn't me"),
    ("card:reverse_order", None, "security code is {CVV}, expiry {EXP}, card number {CARD}"),
    ("card:phish_site", None, "I entered my card {CARD}, exp {EXP} and security code {CVV} on {URL} and now I'm worried"),
    ("card:blocked_q", None, "my card's {CARD} and the expiry date is {EXP}, can you check if it's blocked?"),
    ("pin:locked", None, "Hi, I'm {NAME}, I got locked out after I typed the wrong PIN three times. The PIN I set was {PIN}"),
    ("pin:passcode_faceid", None, "changed my app passcode to {PIN} and now face id stopped working"),
    ("login:business", None, "the login for my business account is {USERNAME}, password {PASSWORD} - my accountant {NAME} needs access"),
    ("login:told_caller", None, "Is it safe that I told a caller my password {PASSWORD}? They said they were from the fraud team"),
    ("sec:pw_changed_device", None, "someone changed my password from {IP} using device {MAC}"),
    ("sec:two_ips", None, "Two logins I don't recognise: {IP} and {IP}"),
    ("sec:phish_email", None, "Email from {EMAIL} with a link to {URL} asking me to verify my account - phishing?"),
    ("login:caps", None, "My username was {USERNAME} but I can't remember if it had caps"),
    ("login:reset", None, "Please reset my online banking. Username: {USERNAME}. Registered email: {EMAIL}."),
    ("pay:us_person", "US", "I want to pay {amt} to {NAME}, account {ACCT}, routing {ROUTING}"),
    ("pay:wire_in", None, "wire from {NAME} should have arrived, their SWIFT is {SWIFT} and my IBAN {IBAN}"),
    ("pay:bic_invalid", None, "the receiving bank says the BIC {SWIFT} is invalid, what's the right one?"),
    ("pay:standing_order", "UK", "setting up a standing order to {NAME}, sort code {SORT}, account {ACCT}, {amt} monthly"),
    ("pay:dd_cancelled", None, "Direct debit from {merchant} on {DATE} for {amt} went out of account {ACCT} even though I cancelled it"),
    ("kyc:ssn_1099", "US", "My SSN is {SSN} and my new address is {ADDRESS}, please update it for my 1099"),
    ("kyc:itin", "US", "I have an ITIN, not an SSN: {ITIN}. Can I open a checking account?"),
    ("kyc:passport_expired", None, "uploaded my passport {PASSPORT} but the app says it expired on {DATE}"),
    ("kyc:mortgage", "US", "For the mortgage application: driver's license {DL}, SSN {SSN}, DOB {DOB}"),
    ("kyc:isa", "UK", "NI number {NINO}, DOB {DOB}, I need to open an ISA"),
    ("kyc:licence_exp", None, "my driving licence number is {DL} and it expires {DATE}"),
    ("id:born_wrong", None, "I was born on {DOB} but your system says something else"),
    ("id:late_father", None, "I'm {NAME}, born {DOB}, calling about my late father's account"),
    ("chat:thanks_agent", None, "Hi {FIRST}, thanks for the help earlier, it worked"),
    ("chat:branch_callback", None, "can you ask {FIRST} from the branch to call me back on {PHONE}"),
    ("chat:joint", None, "My partner {NAME} and I want a joint account. Their email is {EMAIL}"),
    ("chat:statements_to", None, "pls send the statements to {EMAIL} not to {EMAIL}"),
    ("time:txn", None, "The transaction on {DATE} at {TIME} at {merchant} for {amt} was not me"),
    ("time:atm", None, "I withdrew cash at {TIME} on {DATE} and the ATM gave me nothing"),
    ("time:appointment", None, "Appointment booked for {DATE} at {TIME} with the mortgage advisor, can I move it?"),
    ("pay:landlord", None, "the landlord {NAME} says the rent I sent on {DATE} didn't arrive, their account is {ACCT}"),
    ("card:abroad", None, "My card {CARD} keeps getting declined abroad, I'm on holiday for {n} more days"),
    ("acct:close_move", None, "Please close account {ACCT} and move the balance to {IBAN}"),
    ("acct:addr_letter", None, "can i get a letter confirming my address {ADDRESS} for my visa application"),
    ("contact:two_phones", None, "phone on file is {PHONE}, but I now use {PHONE}"),
    ("tx:mobile_otp", None, "Bot: Please confirm your registered mobile. User: {PHONE} Bot: Thanks, a code was sent. User: {otp}"),
    ("tx:multi_user", None, "User: hi User: my card {CARD} declined Bot: Sorry to hear that. Is the expiry {EXP}? User: yes"),
    ("tx:thanks_first", None, "Agent: Thanks {FIRST}. Can you confirm the last transaction? Customer: {amt} at {merchant}"),
    ("tx:ending_then_full", None, "Agent: I can see two accounts. Which one? Customer: the one ending {last4}, no wait, the full number is {ACCT}"),
    ("pay:uni_fees", None, "paying my uni fees, they gave me IBAN {IBAN} and reference {ref}"),
    ("card:charity", None, "the charity {merchant} took {amt} from my card {CARD}, I only agreed to {amt2}"),
    ("formal:details_block", None, "Dear team, please find my details: Name: {NAME}; Address: {ADDRESS}; Phone: {PHONE}; Email: {EMAIL}"),
    ("card:daughter_gaming", None, "my kid {FIRST} used my card {CARD} on a gaming site without asking"),
    ("biz:bookkeeper", None, "Business account: my bookkeeper {NAME} ({EMAIL}) needs read-only access"),
    ("sec:fake_site", None, "the website {URL} looks like yours but the padlock is missing"),
    ("sec:vishing", None, "got a call from {PHONE} saying they're from the bank and asking for my PIN"),
    ("sec:smish_phone_url", None, "the fraud text came from {PHONE} and linked to {URL}"),
    ("sec:mac_binding", None, "my MAC is {MAC} if that helps with the device binding error {err}"),
    ("sec:hotel_wifi", None, "I'm on hotel wifi, ip {IP}, and the app won't load"),
    ("kyc:passport_issued", None, "passport no. {PASSPORT}, issued {DATE}"),
    ("kyc:two_licences", None, "My old licence {DL} was replaced, the new one is {DL}"),
    ("pay:family", None, "transfer to {NAME} at {IBAN} for {amt}, purpose: family support"),
    ("card:atm_kept", None, "ATM at {branch} kept my card {CARD} at {TIME}"),
    ("pay:car_loan", "US", "I paid {amt} to routing {ROUTING} account {ACCT} for my car loan on {DATE}"),
    ("pay:payroll", "US", "My employer pays into {ACCT}, routing {ROUTING}. Can you confirm that's checking not savings?"),
    ("run:everything", None, "hi sorry in a rush my name is {NAME} card {CARD} dob {DOB} it got declined at {merchant} can someone call me {PHONE}"),
    ("run:login_loop", None, "tried to login as {USERNAME} 5 times it keeps saying wrong password but its {PASSWORD} i know it is"),
    ("run:mac_ip", None, "your app says new device {MAC} from {IP} was added to my profile, i didnt do that"),
    ("tx:agent_passport_dl", None, "Agent: We need one photo ID. Customer: ok passport is {PASSPORT} or licence {DL}"),
    ("paste:email_footer", None, "{NAME}\n{ADDRESS}\nMob: {PHONE}\nSent from my iPhone"),
    ("phone:pin_6", None, "new pin {PIN} isnt working at the atm"),
    ("phone:cvv_only", None, "whats the cvv for, is it the {CVV} on the back"),
    ("phone:exp_compact", None, "card exp {EXP} and it still says expired??"),
    ("tx:exp_cvv", None, "Bot: Enter the expiry date. User: {EXP} Bot: And the security code? User: {CVV}"),
    ("phone:user_email", None, "my login is {USERNAME} and email is {EMAIL}"),
    ("acct:two_accts", None, "move {amt} from {ACCT} into {ACCT} please"),
    ("acct:salary", None, "salary went to my old account {ACCT} on {DATE}, can you redirect it"),
    ("pay:ssn_w9", "US", "the form asks for SSN, mine is {SSN}, is that ok to share here?"),
    ("pw:old_new", None, "old password {PASSWORD} new one {PASSWORD} and it still wont let me in"),
    ("pw:bot_ask", None, "Bot: Never share your password. User: oops i already typed it, its {PASSWORD}"),
    ("pw:written_down", None, "my husband wrote my password on a post-it, it says {PASSWORD}, should i change it?"),
    ("pin:bot_pin", None, "Bot: Choose a new PIN for your card. User: {PIN}"),
    ("pin:forgot_which", None, "is my pin {PIN} or {PIN}? i have two cards and mix them up"),
    ("acct:which_savings", None, "which of my accounts earns more, {ACCT} or the {product}?"),
    ("mail:bounce", None, "your emails to {EMAIL} bounce, that inbox is closed"),
    ("acct:statements", None, "can i get statements for {ACCT} going back {n} months, need them for a visa"),
    ("acct:mixed_digits", None, "i think i swapped two digits, my account is {ACCT} not the one on the form"),
    ("pay:iban_lower", None, "is {IBAN} the right format for an iban? the app rejects it"),
]

NEG = [
    ("neg:last4_declined", None, "My card ending {last4} was declined at {merchant} for {amt}, why?"),
    ("neg:case_open", None, "Case {ref} is still open after {n} days, any update?"),
    ("neg:otp_expired", None, "I got the code {otp} but the app says it expired"),
    ("neg:daily_limit", None, "what's the daily limit on the {product}?"),
    ("neg:bot_last4", None, "Bot: Please enter the last 4 digits of your card. User: {last4}"),
    ("neg:agent_otp", None, "Agent: I've sent a one-time code to your phone, please read it back. Customer: {otp}"),
    ("neg:txn_twice", None, "transaction id {ref} for {amt} at {merchant} shows twice"),
    ("neg:overdraft_fee", None, "why was i charged {amt} overdraft fee this month"),
    ("neg:free_transfers", None, "how many free transfers do I get on the {product}? I've done {n} already"),
    ("neg:switch_product", None, "can i switch from {product} to {product2} without a credit check"),
    ("neg:refund_ref", None, "refund from {merchant} of {amt} still not in, ref {ref}"),
    ("neg:dd_failed", None, "my direct debit to {merchant} failed, {amt}, reference {ref}"),
    ("neg:branch_sat", None, "Is the {branch} branch open on Saturdays?"),
    ("neg:standing_orders", None, "i have {n} standing orders, can i see them all in the app"),
    ("neg:error_payee", None, "Error {err} when I try to add a payee"),
    ("neg:atm_fee", None, "the atm charged me {amt} for a withdrawal of {amt2}"),
    ("neg:fx_rate", None, "What's the exchange rate for {amt} today?"),
    ("neg:unrequested_code", None, "got a text with code {otp}, i didnt request it, should i worry?"),
    ("neg:expired_last4", None, "card ending in {last4} expired, when does the new one come"),
    ("neg:charged_twice", None, "Agent: How can I help? Customer: i was charged {amt} by {merchant} twice"),
    ("neg:freeze_bot", None, "Bot: Do you want to freeze card ending {last4}? User: yes pls"),
    ("neg:salary_late", None, "my salary of {amt} hasn't landed, it usually comes on payday"),
    ("neg:interest", None, "whats the interest rate on the {product}"),
    ("neg:cheque", None, "Reference {ref}: cheque for {amt} bounced, what happens now?"),
    ("neg:tap_wrong", None, "I tapped my phone at {merchant} and it took {amt} instead of {amt2}"),
    ("neg:contactless", None, "can I raise my contactless limit to {amt}"),
    ("neg:on_hold", None, "i've been on hold {n} minutes, is anyone there"),
    ("neg:cancel_sub", None, "Please cancel subscription payments to {merchant}, the last one was {amt}"),
    ("neg:order_card", None, "how do I order a new {product}"),
    ("neg:chargeback", None, "ticket {ref} - still waiting for the chargeback of {amt}"),
    ("neg:typo_count", None, "sorry typo, i meant {n} payments not {n2}"),
    ("neg:pending_hold", None, "why is there a pending hold of {amt} from {merchant} for {n} days"),
]

GREET = ["", "", "", "hi ", "Hello, ", "hey ", "Good afternoon. ", "morning - "]
TAIL = ["", "", "", " thanks", " ty", " pls help", " cheers", " :(", " ??", "!!"]


def build(tmpl, loc):
    g = Gen(loc)
    out, ents, pos = [], [], 0
    for part in re.split(r"(\{[A-Za-z0-9]+\})", tmpl):
        if part.startswith("{") and part.endswith("}"):
            key = part[1:-1]
            val = getattr(g, key)()
            if PH[key]:
                ents.append({"type": PH[key], "begin": pos, "end": pos + len(val), "value": val})
            out.append(val)
            pos += len(val)
        else:
            out.append(part)
            pos += len(part)
    return "".join(out), ents


def types_of(tmpl):
    return [PH[k] for k in re.findall(r"\{([A-Za-z0-9]+)\}", tmpl) if PH[k]]


def record(tid, locs, text_t):
    loc = R.choice(locs.split(",")) if locs else R.choice(LOCALES)
    text, ents = build(text_t, loc)
    g, t = R.choice(GREET), R.choice(TAIL)
    if "\n" in text or tid.startswith("loc:") or text.startswith(("Agent:", "Bot:", "User:", "Dear", "Account name", "Payee", "IBAN:", "Routing")):
        g = ""
    text = g + text + t
    for e in ents:
        e["begin"] += len(g)
        e["end"] += len(g)
    # phone typers: some whole messages in lower case (ASCII-length-preserving check below)
    if tid.startswith(("phone:", "run:", "neg:")) and R.random() < 0.35 and len(text.lower()) == len(text) \
            and not any(e["type"] == "PASSWORD" for e in ents):  # a password keeps its case
        text = text.lower()
        for e in ents:
            e["value"] = e["value"].lower()
    return loc, text, ents


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                                   "banking_chat_pii_holdout13.jsonl")
    assert len(POS) + len(NEG) >= 120
    have = collections.Counter()
    used = collections.Counter()
    chosen = []
    # every template once, then greedy towards the scaled dev mix (with a reuse penalty)
    order = list(POS)
    R.shuffle(order)
    chosen.extend(order)
    for tp in order:
        have.update(types_of(tp[2]))
        used[tp[0]] += 1
    while len(chosen) < N_RECORDS - N_NEG:
        best, best_s = None, None
        for tp in POS:
            ts = types_of(tp[2])
            s = sum((TARGET[t] - have[t]) / TARGET[t] for t in ts) / len(ts) - 0.15 * used[tp[0]] + R.random() * 0.05
            s -= sum(1 for t in ts if have[t] + 1 > TARGET[t] + 0.5)  # do not push a type past its share
            if best_s is None or s > best_s:
                best, best_s = tp, s
        chosen.append(best)
        have.update(types_of(best[2]))
        used[best[0]] += 1
    negs = list(NEG) + [R.choice(NEG) for _ in range(N_NEG - len(NEG))]
    allt = chosen + negs
    R.shuffle(allt)
    recs = []
    for i, (tid, locs, tt) in enumerate(allt):
        loc, text, ents = record(tid, locs, tt)
        last = -1
        for e in sorted(ents, key=lambda e: e["begin"]):
            assert text[e["begin"]:e["end"]] == e["value"], (tid, text, e)
            assert e["begin"] >= last, (tid, text)
            last = e["end"]
            if e["type"] == "CREDIT_DEBIT_NUMBER":
                assert luhn_ok(e["value"]), e
            if e["type"] == "BANK_ROUTING" and len(re.sub(r"\D", "", e["value"])) == 9:
                assert aba_ok(e["value"]), e
            if e["type"] == "INTERNATIONAL_BANK_ACCOUNT_NUMBER":
                compact = e["value"].replace(" ", "").upper()
                assert iban_ok(compact) and len(compact) == IBAN_LEN[compact[:2]], e
        if tid.startswith("neg:"):
            assert not ents
        recs.append({"id": "bankchat-holdout13-%04d" % i, "split": "holdout13", "text": text,
                     "entities": [{"type": e["type"], "begin": e["begin"], "end": e["end"]}
                                  for e in sorted(ents, key=lambda e: e["begin"])],
                     "template_id": tid, "template_source": "own", "locale": loc})
    with open(out_path, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    cnt = collections.Counter(e["type"] for r in recs for e in r["entities"])
    print("records %d, negatives %d, templates %d (%d positive, %d negative), entities %d"
          % (len(recs), sum(1 for r in recs if not r["entities"]), len(POS) + len(NEG), len(POS), len(NEG),
             sum(cnt.values())))
    print("%-42s %8s %6s" % ("type", "holdout13", "dev"))
    for t in sorted(DEV, key=lambda t: -DEV[t]):
        print("%-42s %8d %6d" % (t, cnt[t], DEV[t]))
    for t in cnt:
        assert t in DEV, t


if __name__ == "__main__":
    main()
