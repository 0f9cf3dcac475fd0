#!/usr/bin/env python3
"""Writes banking_chat_pii_holdout.jsonl: a blind evaluation set (issue 11), written without looking at the
detector. Messages are marked up as [[span|TYPE]]; <<kind args>> draws a checksum-valid identifier
(Luhn cards and SINs, mod-97 IBANs, ABA routing, NHS mod-11) from a fixed seed, so the file is reproducible.
Offsets are code points (what score_pii.py and Comprehend's examples use). Run: python3 make_holdout_set.py"""
import json
import os
import random
import re

R = random.Random(20261202)
TYPES = dict(CARD="CREDIT_DEBIT_NUMBER", CVV="CREDIT_DEBIT_CVV", EXP="CREDIT_DEBIT_EXPIRY", ACCT="BANK_ACCOUNT_NUMBER",
             ROUT="BANK_ROUTING", IBAN="INTERNATIONAL_BANK_ACCOUNT_NUMBER", SWIFT="SWIFT_CODE", PIN="PIN", PHONE="PHONE",
             SSN="SSN", EMAIL="EMAIL", NAME="NAME", ADDR="ADDRESS", DATE="DATE_TIME", AGE="AGE", USER="USERNAME",
             PASS="PASSWORD", URL="URL", IP="IP_ADDRESS", MAC="MAC_ADDRESS", DL="DRIVER_ID", PASSPORT="PASSPORT_NUMBER",
             ITIN="US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", NINO="UK_NATIONAL_INSURANCE_NUMBER",
             SIN="CA_SOCIAL_INSURANCE_NUMBER", NHS="UK_NATIONAL_HEALTH_SERVICE_NUMBER", AKEY="AWS_ACCESS_KEY",
             SKEY="AWS_SECRET_KEY")


def digits(n):
    return "".join(R.choice("0123456789") for _ in range(n))


def luhn_complete(body):
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return body + str((10 - total % 10) % 10)


def group(s, sizes, sep):
    out, i = [], 0
    for n in sizes:
        out.append(s[i:i + n])
        i += n
    return sep.join(out)


def card(brand="visa", fmt="sp"):
    prefix = {"visa": "4", "mc": R.choice(["51", "52", "53", "54", "55", "2221", "2720"]), "amex": R.choice(["34", "37"]),
              "disc": "6011"}[brand]
    n = 15 if brand == "amex" else 16
    num = luhn_complete(prefix + digits(n - 1 - len(prefix)))
    sizes = [4, 6, 5] if brand == "amex" else [4, 4, 4, 4]
    return num if fmt == "none" else group(num, sizes, " " if fmt == "sp" else "-")


def luhn_bad(brand="visa"):  # a 16-digit number that fails Luhn (for a Luhn-invalid but clearly-a-card message)
    num = card(brand, "none")
    return num[:-1] + str((int(num[-1]) + 1) % 10)


def iban(cc="GB", fmt="none"):
    bban = {"GB": lambda: R.choice(["NWBK", "BARC", "LOYD", "MIDL", "HBUK"]) + digits(14),
            "DE": lambda: digits(18), "FR": lambda: digits(23), "ES": lambda: digits(20),
            "NL": lambda: R.choice(["ABNA", "INGB", "RABO", "TRIO"]) + digits(10),
            "IE": lambda: R.choice(["AIBK", "BOFI"]) + digits(14), "IT": lambda: "X" + digits(22),
            "BE": lambda: digits(12), "PT": lambda: digits(21)}[cc]()
    rearr = bban + cc + "00"
    check = 98 - int("".join(str(int(c, 36)) for c in rearr)) % 97
    s = cc + "%02d" % check + bban
    if fmt == "lower":
        return s.lower()
    return s if fmt == "none" else " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def aba():
    while True:
        d = [int(c) for c in R.choice(["0", "1", "2", "3"]) + digits(7)]
        if d[0] == 0 and d[1] == 0:
            continue
        # The first two digits are a Federal Reserve routing symbol (01-12, 21-32) or a thrift range (61-72):
        # map any other prefix into those (no extra draw, so the other identifiers stay as they were).
        prefix = d[0] * 10 + d[1]
        if not (prefix <= 12 or 21 <= prefix <= 32 or 61 <= prefix <= 72):
            prefix = (list(range(1, 13)) + list(range(21, 33)) + list(range(61, 73)))[prefix % 36]
            d[0], d[1] = divmod(prefix, 10)
        for c in range(10):
            x = d + [c]
            if (3 * (x[0] + x[3] + x[6]) + 7 * (x[1] + x[4] + x[7]) + (x[2] + x[5] + x[8])) % 10 == 0:
                return "".join(map(str, x))


def nhs(fmt="sp"):
    while True:
        b = str(R.randint(4, 9)) + digits(8)
        c = 11 - sum(int(x) * (10 - i) for i, x in enumerate(b)) % 11
        c = 0 if c == 11 else c
        if c != 10:
            s = b + str(c)
            return s if fmt == "none" else group(s, [3, 3, 4], " " if fmt == "sp" else "-")


def sin(fmt="sp"):
    s = luhn_complete(R.choice("1234567") + digits(7))
    return s if fmt == "none" else group(s, [3, 3, 3], " " if fmt == "sp" else "-")


def ssn(fmt="dash"):
    while True:
        a = R.randint(1, 665)
        if a != 666:
            break
    s = "%03d%02d%04d" % (a, R.randint(1, 99), R.randint(1, 9999))
    return s if fmt == "none" else group(s, [3, 2, 4], "-" if fmt == "dash" else " ")


def itin(fmt="dash"):
    s = "9" + digits(2) + str(R.choice([70, 71, 72, 73, 75, 78, 80, 83, 88, 90, 92, 94, 99])) + digits(4)
    return s if fmt == "none" else group(s, [3, 2, 4], "-" if fmt == "dash" else " ")


def nino(fmt="none"):
    first = R.choice("ABCEGHJKLMNOPRSTWXYZ")
    second = R.choice("ABCEGHJKLMNPRSTWXYZ")
    if first + second in ("GB", "NK", "TN", "ZZ", "BG", "KN", "NT"):
        first, second = "A", "B"
    s = first + second + digits(6) + R.choice("ABCD")
    if fmt == "sp":
        s = " ".join([s[:2], s[2:4], s[4:6], s[6:8], s[8]])
    return s.lower() if fmt == "lower" else s


def acct(n="8"):
    return str(R.randint(1, 9)) + digits(int(n) - 1)


def num(n="4"):
    return digits(int(n))


def akey():
    return "AKIA" + "".join(R.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16))


def skey():
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+"
    return "".join(R.choice(alphabet) for _ in range(40))


GEN = dict(card=card, luhnbad=luhn_bad, iban=iban, aba=aba, nhs=nhs, sin=sin, ssn=ssn, itin=itin, nino=nino,
           acct=acct, num=num, akey=akey, skey=skey)


def build(i, s):
    s = re.sub(r"<<(.*?)>>", lambda m: GEN[m.group(1).split()[0]](*m.group(1).split()[1:]), s)
    out, ents, pos = "", [], 0
    for m in re.finditer(r"\[\[(.*?)\|([A-Z]+)\]\]", s, re.S):
        out += s[pos:m.start()]
        begin = len(out)
        out += m.group(1)
        ents.append({"type": TYPES[m.group(2)], "begin": begin, "end": len(out)})
        pos = m.end()
    out += s[pos:]
    assert "[[" not in out and "]]" not in out and "<<" not in out, out
    for e, m in zip(ents, re.finditer(r"\[\[(.*?)\|([A-Z]+)\]\]", s, re.S)):
        assert out[e["begin"]:e["end"]] == m.group(1)
    return {"id": "holdout-%04d" % i, "text": out, "entities": ents}


MESSAGES = [
    "## cards: lost, stolen, details (customers)",
    "hi, my card got nicked at the station. number is [[<<card visa sp>>|CARD]], can you block it",
    "lost my debit card [[<<card mc none>>|CARD]] somewhere in town :(",
    "Please freeze [[<<card amex sp>>|CARD]] immediately, my wallet was stolen from my bag",
    "card no. [[<<card visa dash>>|CARD]] exp [[08/28|EXP]] cvv [[<<num 3>>|CVV]] - is it blocked now?",
    "the number on the front is [[<<card mc sp>>|CARD]] and the 3 digits on the back are [[<<num 3>>|CVV]]",
    "My Amex [[<<card amex none>>|CARD]] expires [[11/2027|EXP]] but the app says it's expired??",
    "i typed my card as [[<<card visa none>>|CARD]] valid thru [[3/29|EXP]] and checkout failed twice at Zalando",
    "Agent: Could you confirm the long number on the card? Customer: [[<<card disc sp>>|CARD]]",
    "card [[<<card mc dash>>|CARD]] was declined at Tesco for 23.40, but I have 600 in the account",
    "my replacement card is [[<<card visa sp>>|CARD]], expiry [[01/30|EXP]], security code [[<<num 3>>|CVV]]. activate pls",
    "Is the card ending 4417 still active? I got a text saying it was used in Madrid",
    "My card ending in 0093 was charged twice by Netflix for 15.99",
    "the last four digits are 7720 if that helps",
    "I ordered 2 replacement cards and neither has arrived",
    "hello, can u cancel card [[<<card visa sp>>|CARD]]? i found it in the washing machine lol, its bent",
    "Bot: Please enter the 16-digit card number. User: [[<<card mc none>>|CARD]]",
    "Bot: What is the expiry date on your card? User: [[12/26|EXP]]",
    "Bot: Please type the CVV from the back of your card. User: [[<<num 3>>|CVV]]",
    "cvc is [[<<num 3>>|CVV]], exp [[07-29|EXP]]",
    "My business card [[<<card amex dash>>|CARD]] has a CID of [[<<num 4>>|CVV]] printed on the front, is that the security code?",
    "I think the card [[<<luhnbad visa>>|CARD]] I was sent is a typo in your letter, can you check",
    "Card [[<<card visa none>>|CARD]] shows a pending charge of $212.67 from Uber Eats that isn't mine",
    "I only have 1 card and it expires soon, will a new one be sent automatically?",
    "How many contactless payments can I make before I need my PIN?",
    "Customer: my card was swallowed by the ATM on Oxford Street. card number [[<<card mc sp>>|CARD]]",
    "## PIN",
    "forgot my pin, the old one was [[<<num 4>>|PIN]] but it says incorrect",
    "Can I change my PIN to [[<<num 4>>|PIN]]? It's my dad's birthday",
    "new pin should be [[<<num 6>>|PIN]] please",
    "Bot: For security, please enter your 4-digit telephone banking PIN. User: [[<<num 4>>|PIN]]",
    "ATM says PIN blocked after 3 attempts, i tried [[<<num 4>>|PIN]] each time",
    "Agent: Please never share your PIN with anyone, including us. Customer: oh ok sorry, I won't",
    "my passcode for the app is [[<<num 6>>|PIN]], can you reset it",
    "i entered my pin [[<<num 4>>|PIN]] at the petrol station and it was rejected, it worked at Lidl fine",
    "## account / routing / sort code",
    "My account number is [[<<acct 8>>|ACCT]], sort code [[<<num 2>>-<<num 2>>-<<num 2>>|ROUT]]",
    "please pay 450 GBP to my landlord, acc [[<<acct 8>>|ACCT]] sort [[<<num 2>> <<num 2>> <<num 2>>|ROUT]]",
    "direct deposit form asks for routing [[<<aba>>|ROUT]] and checking account [[<<acct 10>>|ACCT]] - are those yours?",
    "Wire from my employer: ABA [[<<aba>>|ROUT]], acct no [[<<acct 12>>|ACCT]]. It has not arrived",
    "Hi, I need to move 2,000 from savings [[<<acct 9>>|ACCT]] to checking [[<<acct 9>>|ACCT]]",
    "acct# [[<<acct 11>>|ACCT]] shows -$34.10 but I didn't spend anything",
    "Agent: I can see account [[<<acct 8>>|ACCT]] has 3 pending transactions. Customer: yes those are mine",
    "my savings acc is [[<<acct 8>>|ACCT]], why was I charged a 5 pound fee?",
    "Please close my old account [[<<acct 10>>|ACCT]] and move the balance to the joint one",
    "routing number [[<<aba>>|ROUT]] is printed at the bottom of my checks, is that right for wires too?",
    "payroll in Toronto needs my transit number [[<<num 5>>|ROUT]] and account [[<<acct 7>>|ACCT]], where do I find them?",
    "Bot: Please enter your account number. User: [[<<acct 8>>|ACCT]]",
    "Bot: And the sort code? User: [[<<num 2>>-<<num 2>>-<<num 2>>|ROUT]]",
    "add a payee pls: [[Tom Akinyemi|NAME]], [[<<num 2>>-<<num 2>>-<<num 2>>|ROUT]], [[<<acct 8>>|ACCT]], ref RENT FLAT2",
    "I set up a standing order of 75 a month to account [[<<acct 8>>|ACCT]] but it went out twice",
    "the money came from account [[<<acct 10>>|ACCT]] at Wells Fargo, routing [[<<aba>>|ROUT]]",
    "my checking is [[<<acct 12>>|ACCT]]. my wife's is [[<<acct 12>>|ACCT]]. can we merge them",
    "Is my account number the same as the 8 digits on my card? (sorry new to this)",
    "Transaction reference FP-20250311-77421 for 89.99 at Currys, still showing pending",
    "Your reference for this complaint is CMP-448120. Anything else I can help with?",
    "The payment reference was INV 20931 from Acme Ltd, amount 1,240.00",
    "Order #112-4451982-3307719 from Amazon was refunded but I can't see the money",
    "I was charged 3 times, 9.99 each, by Spotify on my statement",
    "## IBAN / SWIFT",
    "Please send 1,500 EUR to [[<<iban DE none>>|IBAN]], BIC [[COBADEFFXXX|SWIFT]]",
    "my iban is [[<<iban GB sp>>|IBAN]] for the refund",
    "rent goes to [[<<iban FR sp>>|IBAN]] every month, this time it bounced",
    "can i receive money from spain on [[<<iban ES none>>|IBAN]]?",
    "IBAN: [[<<iban NL sp>>|IBAN]]  BIC: [[INGBNL2A|SWIFT]]",
    "Bot: What is the recipient's IBAN? User: [[<<iban IE none>>|IBAN]]",
    "my mum's account in Italy is [[<<iban IT sp>>|IBAN]], how long does a transfer take?",
    "Which SWIFT code do I give for incoming payments? The sender used [[BOFAUS3N|SWIFT]]",
    "swift/bic [[DEUTDEFF500|SWIFT]] rejected the payment, said beneficiary unknown",
    "is [[NWBKGB2L|SWIFT]] correct for NatWest?",
    "Our supplier in Belgium: [[<<iban BE sp>>|IBAN]], their bank code is [[GEBABEBB|SWIFT]]",
    "transfer to portugal [[<<iban PT none>>|IBAN]] stuck since [[Monday|DATE]]",
    "International transfer fee is 12.50 plus 0.5% FX margin, is that right?",
    "The SWIFT charge on my statement says OUR/SHA, what does that mean?",
    "i sent 300 euros to [[<<iban DE sp>>|IBAN]] but it went to the wrong name, can it be recalled?",
    "Agent: The beneficiary bank's BIC is [[CHASUS33|SWIFT]]; please double check the account details.",
    "## contact details, identity verification",
    "Hi I'm [[Gráinne O'Sullivan|NAME]], my phone is [[+353 87 123 4567|PHONE]] now",
    "please update my mobile to [[07700 900481|PHONE]]",
    "my number changed, new one is [[(604) 555-0182|PHONE]]",
    "call me back on [[+1-416-555-0137|PHONE]] after [[5pm|DATE]]",
    "text me at [[312-555-0144|PHONE]]? no wait it's [[312-555-0154|PHONE]]",
    "Landline is [[020 7946 0321|PHONE]], mobile [[+44 7700 900 215|PHONE]]",
    "new email: [[d.kowalski@example.com|EMAIL]]",
    "pls send the statement to [[ana-lucia.ferreira@mail.example.pt|EMAIL]] not my work address",
    "I never got the reset link, my email is [[JAMES.OKAFOR@EXAMPLE.NET|EMAIL]]",
    "Verify: [[Hannah Schulz|NAME]], born [[14 March 1979|DATE]], postcode [[EH3 9AB|ADDR]]",
    "Bot: What's your full name? User: [[marcus bell|NAME]]",
    "Bot: Please confirm your date of birth. User: [[03/11/1958|DATE]]",
    "Bot: Please confirm your date of birth (DD/MM/YYYY). User: [[21/07/1992|DATE]]",
    "dob [[1990-02-17|DATE]], name [[Lin Zhao|NAME]]",
    "My name is [[Siobhan Murphy-Clarke|NAME]] and I'd like to open a savings account",
    "This is Dr. [[Ahmed|NAME]]... sorry, [[Ahmed Karimi|NAME]], the account holder",
    "hi its [[jess|NAME]] again, any news on my dispute?",
    "Agent: Hi, I'm [[Priyanka|NAME]] from the cards team. How can I help today?",
    "Agent: Thanks for waiting, Mr. [[Delgado|NAME]]. I've raised the dispute for you.",
    "Thanks [[Oluwaseun|NAME]], you've been really helpful",
    "I want to add my daughter [[Chloé Martin|NAME]] as an authorised user, she is [[17|AGE]]",
    "my son is [[16 years|AGE]] old, can he get a debit card on his own?",
    "I'm [[82|AGE]] and can't use the app, can someone call me",
    "Is there a senior account for people over 65?",
    "my grandmother ([[91 years|AGE]] old) needs power of attorney set up, I'm [[Paul Nguyen|NAME]], her grandson",
    "You must be 18 or older to open this account.",
    "I moved to [[42 Kingfisher Close, Leeds LS6 2QE|ADDR]], please update",
    "new address:\n[[Flat 3, 19 Marlowe Road\nCambridge\nCB1 3PQ|ADDR]]",
    "send the new card to [[1180 Maple Ridge Dr, Apt 4B, Austin, TX 78745|ADDR]] please",
    "my address is [[27 rue des Lilas, 75019 Paris|ADDR]], I live in France now",
    "Address on file should be [[88 Queen St W, Toronto, ON M5H 2N2|ADDR]]",
    "Bot: What's your home address? User: [[14 beech grove, manchester m14 6rt|ADDR]]",
    "I live at [[Apartment 12, 301 Harbourside Lane, Vancouver, BC V6B 4N7|ADDR]] since [[June 2023|DATE]]",
    "please post the letter to [[Unit 5, Parkway Business Centre, Leicester LE4 1BZ|ADDR]] attn [[Rhys Evans|NAME]]",
    "Our branch on High Street is closing?",
    "Which branch is nearest to Canary Wharf?",
    "hi [[Sam|NAME]] here, my email is [[sam.reyes87@example.org|EMAIL]] and number [[415 555 0163|PHONE]]",
    "Customer: [[Keisha Brown|NAME]], [[keisha.b@example.com|EMAIL]], [[+1 (312) 555-0190|PHONE]]",
    "I'm [[34|AGE]], self employed, is a mortgage possible?",
    "Can I open a kids account for a [[9 year|AGE]] old?",
    "my husband [[Dariusz|NAME]] and I want a joint account",
    "Please transfer 50 to [[Abebe Tadesse|NAME]], he's in my payees",
    "Send 20 quid to [[mo|NAME]] for the football",
    "## dates and times",
    "the charge happened on [[12/03/2024|DATE]] at [[14:32|DATE]], I was at work",
    "i was in hospital from the [[2nd of April|DATE]] to the [[9th|DATE]], can you waive the late fee",
    "Payment scheduled for [[Friday 7 June|DATE]] didn't go",
    "the atm took my money on [[Tuesday|DATE]] around [[6pm|DATE]]",
    "my salary usually lands on the [[28th|DATE]]",
    "appointment booked for [[3 October 2025, 10:30am|DATE]] at the Leeds branch",
    "Statement period [[01.05.2024|DATE]] - [[31.05.2024|DATE]] is missing",
    "I was born [[July 4th, 1976|DATE]]",
    "it was on [[2025-01-19|DATE]], the transaction for 59.00 at Ryanair",
    "Your loan was approved on [[March 2, 2025|DATE]] and the first payment is due in 30 days",
    "Why does it take 3-5 business days to clear a cheque?",
    "I've been a customer for 12 years and this is the worst service",
    "## credentials, online banking",
    "username is [[jkowalczyk_88|USER]] and i can't log in",
    "locked out of online banking. user id [[mtorres1979|USER]]",
    "my login is [[ben.hartley|USER]], password [[Tulip$ky2024|PASS]], it keeps saying wrong",
    "I changed my password to [[hunter2hunter2|PASS]] and now it won't accept it",
    "pw: [[Gr33nT3a!|PASS]] user: [[rosie_w|USER]] pls help",
    "Bot: Enter your login ID. User: [[<<num 8>>|USER]]",
    "Bot: What's your username? User: [[aiden.k|USER]]",
    "the password i used was [[Qz8#vL2p|PASS]], should i change it since i typed it in here?",
    "Agent: Please don't send your password in chat. Could you confirm your username instead? Customer: [[lucia_mendes|USER]]",
    "my memorable word is [[rhubarb|PASS]]",
    "How often should I change my password?",
    "I forgot my username and password, how do I recover them?",
    "got a text saying login at [[http://finaptic-secure.example.info/verify|URL]], is that you?",
    "Is [[https://www.finaptic.example.com/help/fraud|URL]] the real help page?",
    "someone emailed me [[bit.ly/3xYq9Zz|URL]] saying my account is suspended",
    "I clicked [[https://login-finaptic.example.net/session?id=88a1f|URL]] and typed my password [[Winter2025!|PASS]] oops",
    "The app crashes when I open [[www.finaptic.example.com/statements|URL]]",
    "there was a login from IP [[203.0.113.77|IP]] that wasn't me",
    "my home ip is [[198.51.100.23|IP]], the sign in from [[192.0.2.199|IP]] is fraud",
    "security alert mentions [[2001:db8:4a2::17|IP]], no idea what that is",
    "the device with MAC [[3C:22:FB:91:0A:7E|MAC]] isn't mine, remove it from trusted devices",
    "trusted devices list shows [[a4-83-e7-2b-19-c0|MAC]] and [[F0:18:98:4D:6B:33|MAC]], only the first is my laptop",
    "Our developer accidentally pasted the key [[<<akey>>|AKEY]] in the payments portal, please rotate",
    "aws access key id [[<<akey>>|AKEY]] secret [[<<skey>>|SKEY]] - are these exposed in your API logs?",
    "Our integration uses secret key [[<<skey>>|SKEY]], the open banking call returns 403",
    "Agent: I've reset your online banking. Your temporary password is [[Fx7-pQ2-mW9|PASS]], change it on first login.",
    "version 4.12.3 of the app keeps logging me out",
    "error code 0x80070005 when I upload my ID",
    "## national ids: US",
    "my ssn is [[<<ssn dash>>|SSN]]",
    "SSN [[<<ssn none>>|SSN]] for the credit check",
    "last 4 of my SSN are 4821",
    "Bot: To verify, enter your Social Security number. User: [[<<ssn sp>>|SSN]]",
    "I don't have a social, my ITIN is [[<<itin dash>>|ITIN]]",
    "itin [[<<itin none>>|ITIN]], can i get a secured card with it?",
    "W-9 shows TIN [[<<itin dash>>|ITIN]], is this what you need for interest reporting?",
    "My driver's license is [[D5412-88217-40391|DL]], the address on it is old",
    "CA DL [[B7741203|DL]], exp [[09/14/2028|DATE]]",
    "Driving licence number [[MORGA753116SM9IJ|DL]] (UK), is this OK as ID?",
    "I used my passport [[<<num 9>>|PASSPORT]] to open the account but it has expired",
    "US passport number [[A0<<num 7>>|PASSPORT]]",
    "passport no. [[K<<num 8>>|PASSPORT]], issued [[2019|DATE]], Germany",
    "Bot: Please provide your passport number. User: [[X<<num 8>>|PASSPORT]]",
    "my uk passport is [[<<num 9>>|PASSPORT]] and my NI is [[<<nino sp>>|NINO]]",
    "## national ids: UK / CA",
    "national insurance no [[<<nino none>>|NINO]]",
    "NI: [[<<nino lower>>|NINO]] for the ISA application",
    "HMRC letter says my NINO is [[<<nino sp>>|NINO]], does it need to match your records?",
    "my NHS number is [[<<nhs sp>>|NHS]] - the insurer asked for it, do you?",
    "nhs no [[<<nhs none>>|NHS]] on my medical letter for the payment holiday",
    "I attached my NHS number [[<<nhs dash>>|NHS]] by mistake, please delete it",
    "SIN [[<<sin sp>>|SIN]] for the TFSA",
    "my social insurance number is [[<<sin dash>>|SIN]]",
    "Bot: Please enter your SIN. User: [[<<sin none>>|SIN]]",
    "I'm a new immigrant in Calgary, I got my SIN today: [[<<sin sp>>|SIN]]. can I open an account",
    "## multi-turn transcripts",
    "Bot: Hi! What can I help with? User: card stolen. Bot: Sorry to hear that. What's the card number? User: [[<<card visa sp>>|CARD]]",
    "User: hi\nBot: Hello! Can I get your name?\nUser: [[Ravi Menon|NAME]]\nBot: Thanks [[Ravi|NAME]]. And your date of birth?\nUser: [[5th Jan 1987|DATE]]",
    "Agent: Can you confirm the first line of your address? Customer: [[9 Wellington Terrace|ADDR]]",
    "Bot: What's the email on your account? User: [[tomasz.wojcik@example.pl|EMAIL]] Bot: Thanks, I've sent a code.",
    "Bot: Your one-time passcode expires in 5 minutes. User: ok got it",
    "Agent: I'm [[Leon|NAME]], I'll take it from here. Customer: thanks [[Leon|NAME]], I'm still waiting on 245.00 from Booking.com",
    "User: how do i dispute a charge\nBot: Tap the transaction, then Report a problem.\nUser: done thx",
    "Agent: Is the address still [[15 Oak Lane, Reading RG1 8DD|ADDR]]? Customer: no, it's [[22 Elm Street, Reading RG2 7HX|ADDR]] now",
    "User: my card [[<<card mc sp>>|CARD]] doesnt work abroad\nAgent: Which country are you in?\nUser: Portugal, Lisbon",
    "Bot: Please choose: 1) Cards 2) Payments 3) Something else. User: 2",
    "Bot: How much would you like to transfer? User: 1250.75",
    "Bot: Which account? User: the one ending 5532",
    "Customer: [[Fatou Diallo|NAME]] here, joint account with [[Ibrahim Diallo|NAME]]. Agent: Thanks [[Fatou|NAME]], how can I help?",
    "Agent: I've noted your new phone [[0161 496 0734|PHONE]]. Anything else? Customer: no thats all",
    "Bot: Type your username. User: [[nico.bianchi|USER]] Bot: And your password? User: [[Pane&Vino99|PASS]]",
    "User: whats my balance? Bot: Your available balance is £1,432.18. User: thanks",
    "## lower case / typos / mixed",
    "hiya my acount numbr is [[<<acct 8>>|ACCT]] n sortcode [[<<num 6>>|ROUT]] can u chek if the transfr went thru",
    "plz help my crd [[<<card visa none>>|CARD]] got clonned i think, 4 transactions i dont recognise",
    "ive been charged twice for the same thing 49.00 at asos",
    "cant log in again!!! username [[big_dave_77|USER]]",
    "its [[sarah jones|NAME]] ive called 3 times about this",
    "wot is the swift for my acount, is it [[MIDLGB22|SWIFT]]?",
    "my pasport number [[<<num 9>>|PASSPORT]] is wrong on your system",
    "mobil no [[07911 123456|PHONE]] pls update",
    "emial me at [[k.nakamura@example.jp|EMAIL]] thx",
    "pin is [[<<num 4>>|PIN]] i think?? or maybe [[<<num 4>>|PIN]]",
    "my iban is [[<<iban GB lower>>|IBAN]]",
    "CARD [[<<card mc none>>|CARD]] EXP [[0527|EXP]] CVV [[<<num 3>>|CVV]]",
    "expiry is [[may 2028|EXP]] i think",
    "## EU / CA / UK variants",
    "my german number is [[+49 151 2345 6789|PHONE]], please update",
    "ring me on [[+33 6 45 22 19 08|PHONE]], I'm in Lyon till [[12.08.2025|DATE]]",
    "My DOB is [[31/12/1969|DATE]] and postcode [[SW9 8LT|ADDR]]",
    "Agent: Could I take the name of the account holder? Customer: It's Mrs [[Eleanor Whitfield|NAME]]",
    "Remove my ex [[Jordan Pike|NAME]] from the account, we split in [[August|DATE]]",
    "new address is [[Kastanienallee 12, 10435 Berlin|ADDR]], Germany",
    "deliver to [[402 w 57th st apt 3c new york ny 10019|ADDR]]",
    "Canadian here, phone [[514-555-0176|PHONE]], address [[2150 Rue Sherbrooke O, Montréal, QC H3H 1G7|ADDR]]",
    "Hola, I'm [[José Ramírez|NAME]], my account in Madrid is [[<<iban ES sp>>|IBAN]]",
    "Please send my statements for [[Jan|DATE]] to [[March 2025|DATE]] as PDF",
    "## negatives (no PII), hard cases",
    "What's the interest rate on the 2 year fixed saver?",
    "How do I order a new chequebook?",
    "I paid 1,200.00 GBP for my holiday with Jet2 and they went bust, can I claim under section 75?",
    "Can I increase my overdraft from 500 to 1000?",
    "my Apple Pay stopped working after the iOS 18.2 update",
    "Is the 0% balance transfer offer still available for 24 months?",
    "The merchant Amazon Marketplace charged 34.99 and 34.99 again",
    "I'd like to speak to a human please",
    "what does 'faster payment returned' mean?",
    "there's a 3.99 fee on my statement called FX COMMISSION",
    "Tracking number for my card delivery is 1Z 999 AA1 01 2345 6784, it says delivered but I didn't get it",
    "Case 20931174 has been open for 6 weeks",
    "Complaint ref 5541-2290-18 please escalate",
    "Which ISA is best for a first-time buyer?",
    "my credit score went down 40 points after I applied",
    "I want to dispute 4 transactions from Deliveroo totalling 87.45",
    "Can I pay my council tax by card?",
    "Is Finaptic covered by the FSCS up to 85,000?",
    "the ATM at 7-Eleven charged me $3.50",
    "My mortgage payment of 1,043.22 went out on the wrong day",
    "Thanks, that's sorted now. Have a good evening!",
    "how long does a CHAPS payment take",
    "is it safe to give my card to Booking.com for a deposit of 200 EUR?",
    "I received 12 identical emails about my statement",
    "my salary of 2,850 is missing this month",
    "Error 403 on the open banking screen, ticket INC0012345",
    "Agent: Your request number is 7730021. You'll hear back within 5 working days.",
    "Can you explain the charge 'VIS 4.50 NON-STERLING FEE'?",
    "I have 3 direct debits bouncing, can I get a grace period?",
    "We are a family of 4, can we all use one account?",
]

if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "banking_chat_pii_holdout.jsonl"), "w", encoding="utf-8") as f:
        i, topic = 0, ""
        for s in MESSAGES:
            if s.startswith("## "):  # a topic heading, recorded as template_id
                topic = s[3:].split(":")[0].strip().replace(" ", "_").replace(",", "")
                continue
            r = build(i, s)
            f.write(json.dumps({"id": r["id"], "split": "holdout", "text": r["text"], "entities": r["entities"],
                                "template_id": "%s:%d" % (topic, i), "template_source": "own"}, ensure_ascii=False) + "\n")
            i += 1
