#!/usr/bin/env python3
"""Generate the blind holdout12 banking-chat PII test set (written without looking at the detector).

Focus: the dev set's type mix in a partner L1-bot transcript style ("Bot: ... User: ..." turns where
the user answers with a bare value), short reply fragments, answers to security questions, customers
abroad (Indian, Nigerian, Filipino, Brazilian, Polish, Turkish, Vietnamese names, addresses and
+country phone formats), older customers who write formally and spell things out, and business
customers quoting ITINs and wire details; ~20% hard negatives (amounts, merchants, references, OTPs,
card last-4, counts, product names, error codes, branch names).

Labelling rules: spans cover the value only (never the cue word); calendar dates and specific times
are DATE_TIME; amounts, bank/merchant/company names, invoice/case/transaction references, one-time
passcodes, card last-4 digits and counts are not labelled. Sort codes and ABA numbers are
BANK_ROUTING; a numeric card/app passcode is PIN. AGE covers the number only ("82" in "I am 82").
Employer (EIN) numbers are deliberately not used, only individual ITINs (9XX-7X-XXXX style).

Usage: python3 make_holdout12_set.py [out.jsonl]   (stdlib only, fixed seed)
"""
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checksums import aba_ok, iban_ok, luhn_complete, luhn_ok  # noqa: E402
from checksums import iban_mod97  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "banking_chat_pii_holdout12.jsonl")
R = random.Random(12012)

# Each record draws its name, address, phone and e-mail from one region, so a Polish greeting comes
# with a Polish name and address, as a real customer's message would.
REGIONS = {
    "IN": (["Aarav", "Priya", "Venkatesh", "Lakshmi", "Rohan", "Ananya"], ["Raghunathan", "Iyer", "Chatterjee", "Deshpande"]),
    "NG": (["Chukwuemeka", "Ngozi", "Oluwaseun", "Adaeze", "Babajide"], ["Okonkwo", "Adeyemi", "Balogun", "Eze"]),
    "PH": (["Maricel", "Jose Miguel", "Rowena", "Jerome"], ["Dela Cruz", "Santos", "Villanueva", "Bautista"]),
    "BR": (["Joao", "Fernanda", "Thiago", "Luana"], ["Oliveira", "Carvalho", "Nascimento", "Souza"]),
    "PL": (["Malgorzata", "Krzysztof", "Agnieszka", "Tomasz"], ["Nowak", "Wisniewski", "Kowalczyk", "Zielinska"]),
    "TR": (["Mehmet", "Elif", "Burak", "Zeynep"], ["Yilmaz", "Demir", "Ozturk", "Kaya"]),
    "VN": (["Hoa", "Minh", "Thanh", "Linh"], ["Tran Thi", "Pham Van", "Le Thi", "Nguyen Van"]),
    "UK": (["Harold", "Dorothy", "Beatrice", "Reginald"], ["Whitcombe", "Pemberton", "Ashworth", "Fairbairn"]),
    "US": (["Gloria", "Walter", "Denise", "Raymond"], ["Kowalski", "Hernandez", "McAllister", "Brooks"]),
}
CUR = ["IN"]  # region of the record being rendered


def name():
    firsts, lasts = REGIONS[CUR[0]]
    f, l = R.choice(firsts), R.choice(lasts)
    if CUR[0] == "VN":  # family name first
        return l + " " + f
    return R.choice([f + " " + l, f + " " + l, f + " " + l, l + ", " + f]) if CUR[0] in ("US", "UK") else f + " " + l


def digits(n, first="123456789"):
    return R.choice(first) + "".join(R.choice("0123456789") for _ in range(n - 1))


def account():
    return R.choice([digits(8), digits(10), digits(11), digits(12), digits(4) + " " + digits(4)])


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def dob():
    d, m, y = R.randint(1, 28), R.randint(1, 12), R.randint(1938, 2002)
    return R.choice(["%02d/%02d/%d" % (d, m, y), "%d-%02d-%02d" % (y, m, d), "%d.%02d.%d" % (d, m, y),
                     "%d %s %d" % (d, MONTHS[m - 1], y), "the %s of %s, %d" % (ordinal(d), MONTHS[m - 1], y),
                     "%s %d, %d" % (MONTHS[m - 1][:3], d, y)])


def ordinal(d):
    return str(d) + ("th" if 10 < d < 14 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th"))


def when():
    d, m = R.randint(1, 28), R.randint(1, 12)
    h, mi = R.randint(0, 23), R.choice([5, 12, 20, 34, 47, 58])
    return R.choice(["%02d/%02d/2025" % (d, m), "%d %s at %02d:%02d" % (d, MONTHS[m - 1], h, mi),
                     "%02d:%02d" % (h, mi), "2025-%02d-%02d %02d:%02d" % (m, d, h, mi),
                     "%s %d" % (MONTHS[m - 1], d), "%d.%02d.2025" % (d, m)])


DOMAINS = ["gmail.example.com", "yahoo.example.co.in", "mail.example.com.ng", "example.ph",
           "uol.example.com.br", "wp.example.pl", "example.com.tr", "example.vn", "btinternet.example.co.uk"]


def email():
    f, l = R.choice(REGIONS[CUR[0]][0]).split()[0].lower(), R.choice(REGIONS[CUR[0]][1]).split()[0].lower()
    return R.choice(["%s.%s%d" % (f, l, R.randint(1, 99)), f + "_" + l, f[0] + l + str(R.randint(50, 99))]) + \
        "@" + R.choice(DOMAINS)


def card():
    body = R.choice(["4", "5" + R.choice("12345"), "4"]) + "".join(R.choice("0123456789") for _ in range(14))
    body = body[:15]
    num = luhn_complete(body)
    return R.choice([num, " ".join(num[i:i + 4] for i in range(0, 16, 4)), "-".join(num[i:i + 4] for i in range(0, 16, 4))])


def address():
    return {
        "IN": lambda: R.choice(["Flat %d%s, Shanti Apartments, MG Road, Bengaluru %d" % (R.randint(1, 40), R.choice("ABC"), R.randint(560001, 560099)),
                                "%d/%d Anna Salai, Chennai 600%03d" % (R.randint(1, 99), R.randint(1, 9), R.randint(1, 99))]),
        "NG": lambda: R.choice(["%d Adeola Odeku Street, Victoria Island, Lagos" % R.randint(2, 90),
                                "Plot %d, Gimbiya Street, Garki, Abuja" % R.randint(2, 300)]),
        "PH": lambda: "Blk %d Lot %d, Mabini St, Quezon City" % (R.randint(1, 30), R.randint(1, 40)),
        "BR": lambda: "Rua das Flores, %d, apto %d, Sao Paulo - SP, 01%03d-000" % (R.randint(10, 999), R.randint(11, 99), R.randint(100, 999)),
        "PL": lambda: "ul. Dluga %d/%d, 00-%03d Warszawa" % (R.randint(1, 60), R.randint(1, 20), R.randint(100, 999)),
        "TR": lambda: "Ataturk Cad. No:%d D:%d, Kadikoy, Istanbul" % (R.randint(1, 200), R.randint(1, 12)),
        "VN": lambda: "%d Nguyen Hue, Quan 1, Ho Chi Minh City" % R.randint(1, 150),
        "UK": lambda: "%d Elmwood Close, Harrogate HG%d %dPL" % (R.randint(1, 80), R.randint(1, 5), R.randint(1, 9)),
        "US": lambda: "%d Maple Ridge Drive, Columbus, OH 43%03d" % (R.randint(100, 9999), R.randint(1, 299)),
    }[CUR[0]]()


def phone():
    return {
        "IN": lambda: "+91 9%d %d" % (R.randint(1000, 9999), R.randint(10000, 99999)),
        "NG": lambda: "+234 80%d 555 %04d" % (R.randint(2, 9), R.randint(0, 9999)),
        "PH": lambda: "+63 917 555 %04d" % R.randint(0, 9999),
        "BR": lambda: "+55 11 9%d-%04d" % (R.randint(5000, 5999), R.randint(0, 9999)),
        "PL": lambda: "+48 5%d %d %03d" % (R.randint(10, 99), R.randint(100, 999), R.randint(0, 999)),
        "TR": lambda: "+90 532 555 %02d %02d" % (R.randint(0, 99), R.randint(0, 99)),
        "VN": lambda: "+84 90 555 %04d" % R.randint(0, 9999),
        "UK": lambda: "0%d 555 %04d" % (R.randint(7700, 7999), R.randint(0, 9999)),
        "US": lambda: "(614) 555-%04d" % R.randint(100, 199),
    }[CUR[0]]()


def password():
    return R.choice(["Jaipur@%d" % R.randint(1980, 2020), "Sampaguita#%d" % R.randint(10, 99),
                     "kr0wa!Mleko", "Istanbul34*", "pho-bo-%d" % R.randint(100, 999), "Tortoise_Green7",
                     "Ad3ze!2019", "N0wak&Co", "Saudade%d!" % R.randint(1, 9)])


def username():
    f, l = R.choice(REGIONS[CUR[0]][0]).split()[0].lower(), R.choice(REGIONS[CUR[0]][1]).split()[0].lower()
    return R.choice([f + "_" + l[:3] + str(R.randint(10, 99)), f[0] + l + str(R.randint(1, 9)), f + "." + l,
                     l + f[0] + "_" + str(R.randint(70, 99))])


def url():
    return R.choice(["https://secure-verify.example-bank.help/login", "http://bit.example.ly/%s" % "".join(R.choice("aBcDeF123") for _ in range(6)),
                     "www.kyc-update.example.in/form", "https://pagamento.example.com.br/boleto?id=%d" % R.randint(100, 999),
                     "portal.example-payroll.ph/%s" % R.choice(["home", "me", "payslip"])])


def pin():
    return R.choice([digits(4, "0123456789"), digits(6, "0123456789")])


def expiry():
    m, y = R.randint(1, 12), R.randint(26, 31)
    return R.choice(["%02d/%02d" % (m, y), "%02d/20%02d" % (m, y), "%02d-%02d" % (m, y), "%s 20%02d" % (MONTHS[m - 1], y)])


def passport():
    return R.choice(["%s%07d" % (R.choice("JKLMNPRZ"), R.randint(0, 9999999)), "A%08d" % R.randint(0, 99999999),
                     "P%07d%s" % (R.randint(0, 9999999), R.choice("ABC")), "F%s%06d" % (R.choice("ZXY"), R.randint(0, 999999)),
                     "E%s%07d" % (R.choice("AB"), R.randint(0, 9999999)), "U%08d" % R.randint(0, 99999999), digits(9)])


def cvv():
    return "%03d" % R.randint(0, 999)


def mac():
    b = ["%02x" % R.randint(0, 255) for _ in range(6)]
    s = R.choice([":", "-"])
    v = s.join(b)
    return v.upper() if R.random() < 0.5 else v


def ip():
    return R.choice(["%d.%d.%d.%d" % (R.choice([41, 49, 102, 177, 185, 203]), R.randint(0, 255), R.randint(0, 255), R.randint(1, 254)),
                     "2001:db8:%x::%x" % (R.randint(1, 65535), R.randint(1, 65535))])


def sort_code():
    return "%02d-%02d-%02d" % (R.randint(10, 99), R.randint(0, 99), R.randint(0, 99))


def routing():
    while True:
        v = "0" + "".join(R.choice("0123456789") for _ in range(8))
        if aba_ok(v):
            return v


# (a Polish IBAN is 28 characters, a 24-digit BBAN: 26 digits are drawn and 24 kept, so the random
# stream, and every record without a PL IBAN, stays as it was when the set was first scored)
IBAN_BBAN = {"PL": lambda: digits(26, "0123456789")[:24], "DE": lambda: digits(18, "0123456789"),
             "TR": lambda: digits(5, "0123456789") + "0" + digits(16, "0123456789"),
             "GB": lambda: R.choice(["NWBK", "BARC", "MIDL"]) + digits(14, "0123456789"),
             "BR": lambda: digits(23, "0123456789") + "C1"}


def iban():
    # a customer's own IBAN is usually from their region; others get a random country
    cc = {"PL": "PL", "TR": "TR", "BR": "BR", "UK": "GB"}.get(CUR[0]) or R.choice(sorted(IBAN_BBAN))
    bban = IBAN_BBAN[cc]()
    check = 98 - iban_mod97(cc + "00" + bban)
    v = "%s%02d%s" % (cc, check, bban)
    assert iban_ok(v)
    return " ".join(v[i:i + 4] for i in range(0, len(v), 4)) if R.random() < 0.5 else v


def ssn():
    return "%03d-%02d-%04d" % (R.choice([R.randint(1, 665), R.randint(667, 899)]), R.randint(1, 99), R.randint(1, 9999))


def driver():
    return R.choice(["%s%d-%03d-%02d-%03d-0" % (R.choice("ABDKMS"), R.randint(100, 999), R.randint(0, 999), R.randint(0, 99), R.randint(0, 999)),
                     "DL-%02d%d%07d" % (R.randint(1, 30), R.randint(2005, 2022), R.randint(0, 9999999)),
                     "%s%07d" % (R.choice("DSW"), R.randint(0, 9999999))])


def nino():
    return R.choice("ABCEGHJKLMNPRSTWXYZ") + R.choice("ABCEGHJKLMNPRSTWXYZ") + \
        R.choice(["%06d" % R.randint(0, 999999), " " + " ".join("%02d" % R.randint(0, 99) for _ in range(3)) + " "]) + R.choice("ABCD")


def itin():
    return "9%02d-%02d-%04d" % (R.randint(0, 99), R.choice(list(range(70, 89)) + [90, 91, 92, 94, 95, 96, 97, 98, 99]), R.randint(0, 9999))


def swift():
    return R.choice(["SBININBB", "ZEIBNGLA", "BOPIPHMM", "BRASBRRJ", "PKOPPLPW", "TGBATRIS", "BFTVVNVX",
                     "DEUTDEFF500", "CHASUS33", "NWBKGB2L"])


def age():
    return str(R.randint(66, 94))


SLOTS = {
    "NAME": ("NAME", name), "ACCT": ("BANK_ACCOUNT_NUMBER", account), "DOB": ("DATE_TIME", dob),
    "WHEN": ("DATE_TIME", when), "EMAIL": ("EMAIL", email), "CARD": ("CREDIT_DEBIT_NUMBER", card),
    "ADDR": ("ADDRESS", address), "PHONE": ("PHONE", phone), "PW": ("PASSWORD", password),
    "USER": ("USERNAME", username), "URL": ("URL", url), "PIN": ("PIN", pin),
    "EXP": ("CREDIT_DEBIT_EXPIRY", expiry), "PASS": ("PASSPORT_NUMBER", passport), "CVV": ("CREDIT_DEBIT_CVV", cvv),
    "MAC": ("MAC_ADDRESS", mac), "IP": ("IP_ADDRESS", ip), "ROUT": ("BANK_ROUTING", routing), "SORT": ("BANK_ROUTING", sort_code),
    "IBAN": ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", iban), "SSN": ("SSN", ssn), "DL": ("DRIVER_ID", driver),
    "NINO": ("UK_NATIONAL_INSURANCE_NUMBER", nino), "SWIFT": ("SWIFT_CODE", swift),
    "ITIN": ("US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", itin), "AGE": ("AGE", age),
    # unlabelled fillers for hard negatives
    "AMT": (None, lambda: R.choice(["Rs 4,500", "N25,000", "PHP 1,200.50", "R$ 389,90", "%d zl" % R.randint(20, 900),
                                     "%d TL" % R.randint(50, 5000), "%s VND" % format(R.randint(100, 900) * 1000, ","),
                                     "$%d.%02d" % (R.randint(5, 3000), R.randint(0, 99)), "GBP %d" % R.randint(10, 800)])),
    "OTP": (None, lambda: "%06d" % R.randint(0, 999999)),
    "LAST4": (None, lambda: "%04d" % R.randint(0, 9999)),
    "REF": (None, lambda: R.choice(["TXN-", "CASE ", "INV-", "REF "]) + "%d-%04d" % (R.randint(2023, 2025), R.randint(0, 9999))),
    "MERCH": (None, lambda: R.choice(["Jollibee", "Jumia", "Flipkart", "Mercado Livre", "Allegro", "Trendyol",
                                      "Shopee", "Grab", "Tesco", "Amazon"])),
    "N": (None, lambda: str(R.randint(2, 9))),
    "ERR": (None, lambda: R.choice(["E-4012", "ERR_503", "code 1107", "error 0x1F"])),
    "BRANCH": (None, lambda: R.choice(["Andheri West branch", "Ikeja branch", "Makati branch", "Paulista branch",
                                       "Mokotow branch", "Kadikoy branch", "Hoan Kiem branch", "Leeds Briggate branch"])),
}

POS = [
    "Bot: What's your date of birth? User: {DOB}",
    "Bot: Please confirm your full name as on the account. User: {NAME}",
    "Bot: What is your registered mobile number? User: {PHONE}",
    "Bot: Can I have the account number? User: {ACCT}",
    "Bot: Which email address should we send the statement to? User: {EMAIL}",
    "Bot: Please type the long number on the front of your card. User: {CARD}",
    "Bot: And the expiry date? User: {EXP}",
    "Bot: What is your current home address? User: {ADDR}",
    "Bot: Security question - what was the name of your first teacher? User: {NAME}",
    "Bot: Security question: in which city were you born? User: hmm, I put my old address there, {ADDR}",
    "Bot: What is your username for online banking? User: {USER}",
    "Bot: Please enter your passport number for the KYC refresh. User: {PASS}",
    "Bot: Please share the IBAN of the recipient. User: {IBAN}",
    "Bot: What is the SWIFT/BIC of the beneficiary bank? User: {SWIFT}",
    "Bot: For US accounts I need the routing number. User: {ROUT}",
    "Bot: Could you give me the last 4 of your SSN? User: no sorry I'll give whole thing {SSN}",
    "Bot: What is your National Insurance number? User: {NINO}",
    "Bot: What is your driving licence number? User: {DL}",
    "Bot: What time did the transaction happen? User: around {WHEN}",
    "Bot: How old are you? User: {AGE}",
    "Bot: What is your ITIN? User: {ITIN}",
    "Bot: Please verify your identity. User: {NAME} Bot: Thanks. Date of birth? User: {DOB} Bot: Postcode or address? User: {ADDR}",
    "Bot: What's your phone? User: {PHONE} Bot: Email? User: {EMAIL}",
    "Bot: Card number please. User: {CARD} Bot: Expiry? User: {EXP} Bot: CVV? User: {CVV}",
    "Bot: Which device did you log in from? User: laptop, mac {MAC}, ip was {IP}",
    "Bot: Did you open any link? User: yes this one {URL} and I typed my password {PW}",
    "Bot: What was the card PIN you tried? User: {PIN}",
    "Bot: Security question - your mother's maiden name? User: {NAME}",
    "Bot: Security question: what is your memorable date? User: {DOB}",
    "name: {NAME}",
    "acct {ACCT} pls",
    "its {EMAIL}",
    "dob {DOB}",
    "phone {PHONE} whatsapp",
    "new pw {PW}",
    "my login is {USER} locked out since {WHEN}",
    "card {CARD} exp {EXP}",
    "cvv {CVV}",
    "pin {PIN} not working",
    "ok {NAME}, {PHONE}",
    "sent to {IBAN}, bic {SWIFT}, nothing arrived",
    "Namaste, I am {NAME}, calling from Pune. My account {ACCT} shows a debit I never made on {WHEN}.",
    "Good day sir, my name is {NAME} from Lagos. Kindly reverse the charge on my account {ACCT}. My line is {PHONE}.",
    "Hello po, {NAME} here from Quezon City. My email is {EMAIL}, please send the OTP there.",
    "Ola, sou {NAME}. I moved to {ADDR}, please update it.",
    "Dzien dobry, this is {NAME}. Please send my new card to {ADDR}. Phone {PHONE}.",
    "Merhaba, {NAME} here. My IBAN is {IBAN}, salary from Turkey not arrived.",
    "Xin chao, I am {NAME}, my address is {ADDR}, phone {PHONE}.",
    "Dear Sir or Madam, I am {AGE} years of age and not accustomed to computers. My name is {NAME} and my account number is {ACCT}. I should be grateful for your assistance.",
    "To whom it may concern. I, {NAME}, born on {DOB}, wish to close my account. My address is {ADDR}.",
    "Good afternoon. My card number is, I shall read it carefully, {CARD}. It expires {EXP}. Yours faithfully, {NAME}",
    "I am a widow of {AGE} and my late spouse's name was {NAME}. Please advise how to transfer the account {ACCT} to me.",
    "Dear Bank, my National Insurance number is {NINO} and my telephone number is {PHONE}. Kind regards, {NAME}",
    "Dear Sirs, I write regarding a letter I received on {WHEN}. My passport number is {PASS}.",
    "Please wire to beneficiary {NAME}, IBAN {IBAN}, SWIFT {SWIFT}.",
    "Wire details for our supplier: account {ACCT}, routing {ROUT}, beneficiary {NAME}.",
    "Our contractor's ITIN is {ITIN}, please add it to the 1099 payee record for {NAME}.",
    "I'm a sole proprietor, my tax id (ITIN) is {ITIN} and the business account is {ACCT}.",
    "For the international wire: SWIFT {SWIFT}, IBAN {IBAN}, value date {WHEN}.",
    "Incoming wire from Brazil, sender {NAME}, their account {ACCT}. Expected on {WHEN}.",
    "Send the wire confirmation to {EMAIL}. Routing {ROUT}, account {ACCT}.",
    "Someone logged in from {IP} at {WHEN}, that wasn't me.",
    "Router MAC {MAC} keeps getting blocked by your app",
    "My SSN is {SSN} and my driver license is {DL}, is that enough for the loan?",
    "Bot: Please give the sort code. User: {SORT} Bot: And account number? User: {ACCT}",
    "Bot: Enter your app passcode to continue. User: {PIN}",
    "Bot: What's the email on file? User: I think {EMAIL} or maybe {EMAIL}",
    "Bot: Reason for the callback? User: call me on {PHONE} after {WHEN}",
    "I forgot my password, username {USER}. Last time I used {PW}.",
    "This site {URL} asked for my card {CARD} and CVV {CVV}",
]

NEG = [
    "Bot: What's the one-time code we sent you? User: {OTP}",
    "Bot: Which card is this about? User: the one ending {LAST4}",
    "I was charged {AMT} twice at {MERCH}, reference {REF}.",
    "The app shows {ERR} when I try to pay {AMT}.",
    "Is the {BRANCH} open on Saturdays?",
    "I have {N} cards with you, how do I close one?",
    "Bot: How can I help? User: refund",
    "Bot: Anything else? User: no thanks",
    "my OTP {OTP} expired already",
    "Please quote {REF} on any reply, the refund of {AMT} from {MERCH} is pending.",
    "Dear Sir, I wish to enquire about the Platinum Rewards card and its annual fee of {AMT}.",
    "Bot: Is the card ending {LAST4} the right one? User: yes",
    "Transfer of {AMT} failed with {ERR}, tried {N} times",
    "What are the wire transfer charges to Nigeria?",
    "Can I get a Gold Savings account at the {BRANCH}?",
    "Why was {AMT} debited by {MERCH}? Card ends {LAST4}.",
    "Bot: Please confirm the code. User: {OTP} Bot: Thank you, verified.",
    "Good morning. I am not able to use the mobile app since the update. Kindly assist.",
    "Payment {REF} for {AMT} was made, please check.",
    "How many days for an international transfer to Vietnam?",
]

TYPES_ALLOWED = {v[0] for v in SLOTS.values() if v[0]}
PAT = re.compile(r"\{([A-Z0-9]+)\}")


GREETING_REGION = {"Namaste": "IN", "Lagos": "NG", "Hello po": "PH", "Ola": "BR", "Dzien": "PL",
                   "Merhaba": "TR", "Good afternoon. My card": "UK", "To whom": "UK", "Xin chao": "VN", "National Insurance": "UK", "SSN": "US", "ITIN": "US",
                   "routing": "US"}


def render(tpl):
    CUR[0] = R.choice(sorted(REGIONS))
    for cue, region in GREETING_REGION.items():
        if cue in tpl:
            CUR[0] = region
    text, ents, pos = "", [], 0
    for m in PAT.finditer(tpl):
        text += tpl[pos:m.start()]
        typ, fn = SLOTS[m.group(1)]
        val = fn()
        if typ:
            ents.append({"type": typ, "begin": len(text), "end": len(text) + len(val), "value": val})
        text += val
        pos = m.end()
    return text + tpl[pos:], ents


# Outside-span text must carry nothing that looks like PII: no @, no links, no long digit runs
# (OTPs are 6 digits, references 4), no IBAN/MAC/IP-like tokens.
LEAK = re.compile(r"@|https?://|www\.|\d{7,}|\b\d{3}-\d{2}-\d{4}\b|\b[A-Z]{2}\d{2}[A-Z0-9]{10,}|"
                  r"([0-9A-Fa-f]{2}[:-]){5}|\d+\.\d+\.\d+\.\d+")


def check(text, ents):
    last = 0
    for e in sorted(ents, key=lambda e: e["begin"]):
        assert text[e["begin"]:e["end"]] == e["value"], (text, e)
        assert e["begin"] >= last, ("overlap", text)
        assert e["type"] in TYPES_ALLOWED
        last = e["end"]
        v = e["value"]
        if e["type"] == "CREDIT_DEBIT_NUMBER":
            assert luhn_ok(v), v
        if e["type"] == "INTERNATIONAL_BANK_ACCOUNT_NUMBER":
            assert iban_ok(v), v
        if e["type"] == "BANK_ROUTING" and "-" not in v:
            assert aba_ok(v), v
    masked = list(text)
    for e in ents:
        masked[e["begin"]:e["end"]] = ["#"] * (e["end"] - e["begin"])
    rest = "".join(masked)
    assert not LEAK.search(rest.replace("#", " ")), (text, rest)


def main():
    n_total = 300
    pos_order, neg_order, out = [], [], []
    for i in range(n_total):
        negative = i % 5 == 4
        order, pool = (neg_order, NEG) if negative else (pos_order, POS)
        if not order:
            order.extend(R.sample(range(len(pool)), len(pool)))
        t = order.pop()
        text, ents = render(pool[t])
        check(text, ents)
        if negative:
            assert not ents
        out.append({"id": "bankchat-holdout12-%04d" % i, "split": "holdout12", "text": text,
                    "entities": [{"type": e["type"], "begin": e["begin"], "end": e["end"]} for e in ents],
                    "template_id": "holdout12:%d" % (t if not negative else 1000 + t), "template_source": "own"})
    with open(OUT, "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
