#!/usr/bin/env python3
"""Writes banking_chat_pii_own.jsonl (same format as ../shared/data/pii/banking_chat_pii_dev.jsonl) from the
marked sentences below: [[TYPE:value]] marks an entity; offsets are computed in code points.
Written by hand for this project (fake values: Luhn-valid test cards, checksummed routing numbers and
IBANs, documentation IP ranges, fictional 555 / 07700 900 phone ranges). Also writes
banking_chat_pii_chat.jsonl from chat_style_sentences.txt (a second, chat-style holdout: typos, lower
case, Bot/User turns, several entities a message, non-PII look-alikes). Run: python3 make_own_set.py"""
import json
import os
import re

SENTENCES = r"""
My name is [[NAME:Daniel Okafor]] and I can't log into online banking
hi, I'm [[NAME:Sofia]], my card got declined at the supermarket
Dear team, please update the mailing address to [[ADDRESS:42 Baker Street, London NW1 6XE]]. Regards, [[NAME:Helen Price]]
Thanks, [[NAME:Marcus]]
Can you add my daughter [[NAME:Lucy Fernandes]] as an authorised user?
Mr. [[NAME:Okonkwo]] here, calling about the mortgage
please send the replacement card to [[ADDRESS:17 Maple Court, Apt 3B, Austin, TX 78701]]
I live at [[ADDRESS:88 queen street, leeds ls1 4ap]] now
Bot: What is your full name? User: [[NAME:Anita Desai]]
Bot: What is your date of birth? User: [[DATE_TIME:3 March 1979]]
bot: can i have your name please? user: [[NAME:tomasz kowalski]]
The payment to [[NAME:Oliver Brown]] on [[DATE_TIME:12 January]] was taken twice
I was charged twice at Walmart on [[DATE_TIME:March 3rd]], $54.20 each time
My card [[CREDIT_DEBIT_NUMBER:4111 1111 1111 1111]] expires [[CREDIT_DEBIT_EXPIRY:08/27]] and the cvv is [[CREDIT_DEBIT_CVV:123]]
card number [[CREDIT_DEBIT_NUMBER:5555-5555-5555-4444]], expiry [[CREDIT_DEBIT_EXPIRY:12/2026]], CVC [[CREDIT_DEBIT_CVV:987]]
amex [[CREDIT_DEBIT_NUMBER:378282246310005]] security code [[CREDIT_DEBIT_CVV:4321]]
The 3 digits on the back are [[CREDIT_DEBIT_CVV:552]]
My new PIN should be [[PIN:4829]], is that allowed?
I forgot my pin, the old one was [[PIN:1357]]
my account number is [[BANK_ACCOUNT_NUMBER:12345678]] and sort code [[BANK_ROUTING:20-00-00]]
Please transfer 250 GBP from savings [[BANK_ACCOUNT_NUMBER:40308669]] to my current account
routing number [[BANK_ROUTING:021000021]] account [[BANK_ACCOUNT_NUMBER:9876543210]]
ABA [[BANK_ROUTING:011000015]], checking [[BANK_ACCOUNT_NUMBER:000123456789]]
Can you wire it to [[INTERNATIONAL_BANK_ACCOUNT_NUMBER:GB82 WEST 1234 5698 7654 32]], BIC [[SWIFT_CODE:NWBKGB2L]]?
IBAN [[INTERNATIONAL_BANK_ACCOUNT_NUMBER:DE89370400440532013000]] swift [[SWIFT_CODE:COBADEFFXXX]]
the beneficiary bank's SWIFT/BIC is [[SWIFT_CODE:DEUTDEFF]]
My social security number is [[SSN:123-45-6789]]
ssn [[SSN:078051120]] for the tax form
my ITIN is [[US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER:912-78-1234]]
National Insurance number [[UK_NATIONAL_INSURANCE_NUMBER:QQ123456C]] for the ISA
passport number [[PASSPORT_NUMBER:533380006]], expires [[DATE_TIME:14/05/2031]]
Here is my driving licence: [[DRIVER_ID:MORGA753116SM9IJ]]
driver license # [[DRIVER_ID:D1234567]] from California
email me at [[EMAIL:j.doe+bank@example.com]] or call [[PHONE:+1 (415) 555-0132]]
my mobile is [[PHONE:07700 900461]], text me there
Call me back on [[PHONE:020 7946 0018]] after [[DATE_TIME:3pm]]
new phone: [[PHONE:(212) 555-0175]]
I'm [[AGE:67]] and want to open a pension account
my son is [[AGE:16 years]] old, can he have a debit card?
Is there an account for kids aged [[AGE:12]]?
login [[USERNAME:jdoe_1988]] is locked after 3 tries
my user id is [[USERNAME:priya.k]] and my password is [[PASSWORD:Tr0ub4dor&3]]
I changed the password to [[PASSWORD:Summer2024!]] but it still fails
password: [[PASSWORD:hunter22]]
this link looks fake: [[URL:http://secure-login.example.net/reset]]
I got a text saying go to [[URL:www.bank-verify.example.com]] to unlock my card
someone logged in from [[IP_ADDRESS:198.51.100.23]] yesterday
device MAC [[MAC_ADDRESS:00:1A:2B:3C:4D:5E]] is not mine
The login came from [[IP_ADDRESS:2001:db8::1]]
my aws key [[AWS_ACCESS_KEY:AKIAIOSFODNN7EXAMPLE]] leaked in a screenshot
Born on [[DATE_TIME:1990-07-14]], name [[NAME:Grace Mensah]]
dob [[DATE_TIME:02/29/1988]]
my wife [[NAME:Amara]] needs access to the joint account
Please remove [[NAME:Jonathan Pierce]] as a beneficiary
I want to send money to [[NAME:Fatima Khan]], her account is [[BANK_ACCOUNT_NUMBER:55779911]]
This is [[NAME:Ravi]] from the small business team
Hello, [[NAME:Emily Watson]] speaking. I need a new card
The appointment at the branch is on [[DATE_TIME:Tuesday]] at [[DATE_TIME:10:30 am]]
I paid $1,250.00 to Amazon on [[DATE_TIME:05/11/2025]], order 112-4839201-5583921
My statement shows 3 payments of 19.99 to Netflix
Transaction ref TXN-88213945 is wrong, the amount was 45.60 EUR
I have 2 cards and 3 accounts with you
Why was I charged a 35 dollar fee on my checking?
How do I change my PIN?
What is the SWIFT code of your bank?
Where can I see my IBAN?
Can I order a new card with express delivery for 15 pounds?
My rent of £950 goes out on the 1st of each month
I transferred 500 to my landlord yesterday and it bounced
Is there a limit of 10000 per day on transfers?
Reference number 4471 for my complaint, any update?
The ATM at 5th and Main swallowed my card
Please close account ending 4421
I'd like to increase my overdraft to 2000
Can you confirm my balance is above 300?
Order #A1234567 never arrived, I paid with my debit card
My flight booking with Ryanair for 89.99 was charged in EUR
My Visa was charged by Uber three times tonight
Can Emma's Bakery accept my contactless card?
Is Chase Bank open on Sundays?
I was at Target and Costco, both declined my card
Send a code to my phone please
She said the branch on Main Street is closing
Hi there, my husband [[NAME:Peter Novak]] and I want a joint account
Please update my phone to [[PHONE:+44 7700 900123]] and my email to [[EMAIL:anna.k@mail.example]]
I moved to [[ADDRESS:2250 Oak Avenue Suite 400, Portland, OR 97201]] last week
Old address was [[ADDRESS:9 Elm Close, Bath BA1 2QT]]
the card ending 1234 was stolen on [[DATE_TIME:Friday]]
Hi, account [[BANK_ACCOUNT_NUMBER:7702198834]] shows a payment I don't recognise from [[DATE_TIME:June 2]]
my SIN is [[CA_SOCIAL_INSURANCE_NUMBER:046 454 286]] for the RRSP
NHS number [[UK_NATIONAL_HEALTH_SERVICE_NUMBER:943 476 5919]] for the insurance claim
Hello this is [[NAME:Chidi Eze]], my card [[CREDIT_DEBIT_NUMBER:6011111111111117]] was swallowed
I'm [[NAME:Laura]]. My login is [[USERNAME:laura_b77]]
passport [[PASSPORT_NUMBER:K1234567]] and date of birth [[DATE_TIME:17.08.1985]]
""".strip().splitlines() + ['Please add [[NAME:Maria Gonzalez]] as a payee, sort code [[BANK_ROUTING:40-47-84]], account [[BANK_ACCOUNT_NUMBER:70872490]]', "I'd like to add my mum, [[NAME:Jane Doe]], as a beneficiary", 'Can you send the statement to my partner, [[NAME:Alex Kim]]?', 'My date of birth is [[DATE_TIME:04/07/1992]] and postcode [[ADDRESS:SW1A 2AA]]', 'Cardholder name: [[NAME:JOHN A SMITH]]', "Hi it's [[NAME:Tom]] from the Leeds branch", 'Please address the letter to Dr. [[NAME:Hannah Lee]]', 'Beneficiary: [[NAME:Ahmed Al-Farsi]], IBAN [[INTERNATIONAL_BANK_ACCOUNT_NUMBER:AE07 0331 2345 6789 0123 456]]', 'Send £200 to [[NAME:John Smith]] on [[DATE_TIME:Friday]] please', 'Deliver the card to [[ADDRESS:350 Fifth Avenue, New York, NY 10118]]', 'my zip code is [[ADDRESS:94105]]', 'CVV2 is [[CREDIT_DEBIT_CVV:839]]', 'valid thru [[CREDIT_DEBIT_EXPIRY:11/25]]', 'wire to IBAN [[INTERNATIONAL_BANK_ACCOUNT_NUMBER:FR14 2004 1010 0505 0001 3M02 606]] today', 'the router said [[IP_ADDRESS:10.0.0.1]] and device [[MAC_ADDRESS:3C:22:FB:12:34:56]]', 'Who is [[NAME:Michael Scott]]? He keeps calling me about my loan', 'Text me at [[PHONE:555-867-5309]] instead', 'My email address is [[EMAIL:jane_doe@example.co.uk]], please use it', 'The transfer on [[DATE_TIME:2024-02-29]] of 1,200.00 USD has not arrived', 'My login email is [[EMAIL:k.ito@example.jp]] and the password is [[PASSWORD:sakura-2024]]', 'I am [[AGE:29 years]] old and want a credit card', 'hello, i am [[NAME:oliver]], card [[CREDIT_DEBIT_NUMBER:4000 0566 5566 5556]] got stuck in the atm', 'Pay the invoice from checking [[BANK_ACCOUNT_NUMBER:123456789012]] please', 'Why was my direct debit to British Gas for 64.20 taken twice?', 'I need a letter confirming my balance for the embassy', 'The branch on 5th Avenue said to call you', 'Can I pay 3 bills at once from the app?', 'My employer Acme Corp says the salary went out on the 25th', 'Is the 0.5% fee charged on every transfer over 1000?', "Please block the card, I'll call back in 10 minutes", 'I got 4 texts from the bank this morning', 'My daughter is travelling to Spain next week, will her card work?', 'Can my son open an account at 16?', 'The agent, [[NAME:Sarah]], said it would be fixed']

# Written after the detector was tuned on everything above, and never tuned on: a blind check.
HOLDOUT = ['Hey, [[NAME:Priyanka Patel]] here. My debit card [[CREDIT_DEBIT_NUMBER:4929 1234 5678 9012]]... wait wrong one', 'Please change my address to [[ADDRESS:77 Harbour Road, Bristol BS1 5TT]] from next month', "my phone is [[PHONE:+33 6 12 34 56 78]] while I'm in France", 'Our joint account [[BANK_ACCOUNT_NUMBER:31926819]] with my wife [[NAME:Ines]] was frozen', 'Can I use my old PIN [[PIN:7741]] on the new card?', 'Is [[SWIFT_CODE:BARCGB22]] the right BIC for Barclays?', 'i got an sms from [[PHONE:07700 900077]] asking for my cvv, i gave them [[CREDIT_DEBIT_CVV:318]]', 'My employee number is 44821, is that needed?', 'The hotel charged me 3 nights at 129.00 each', 'Booked a flight on [[DATE_TIME:August 9]] with the card ending 7781', 'My sister [[NAME:Olivia Bennett]] will collect the documents', '[[EMAIL:sam.taylor@example.org]] is my new email, the old one was [[EMAIL:staylor@example.net]]', 'Social security: [[SSN:219-09-9999]]', 'Expiry is [[CREDIT_DEBIT_EXPIRY:04/29]] and security code [[CREDIT_DEBIT_CVV:662]]', 'Please confirm routing number [[BANK_ROUTING:122105155]] for my direct deposit', "I was born on [[DATE_TIME:12 December 1971]] and I'm [[AGE:54]]", "the website [[URL:https://mybank.example.com/help]] doesn't load", "Sign in attempt from [[IP_ADDRESS:203.0.113.9]] at [[DATE_TIME:2:14 am]], that wasn't me", 'My username is [[USERNAME:ben_carter42]], the password [[PASSWORD:Winter!2023]] stopped working', 'Is there a fee for cash withdrawals abroad?']

MARK = re.compile(r"\[\[([A-Z_]+):(.*?)\]\]")


def parse(line):
    text, entities, pos = "", [], 0
    for m in MARK.finditer(line):
        text += line[pos:m.start()]
        begin = len(text)
        text += m.group(2)
        entities.append({"type": m.group(1), "begin": begin, "end": len(text)})
        pos = m.end()
    return text + line[pos:], entities


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "chat_style_sentences.txt"), encoding="utf-8") as f:
        chat = [line.rstrip("\n") for line in f if line.strip() and not line.startswith("#")]
    for name, prefix, lines in (("banking_chat_pii_own.jsonl", "own", SENTENCES),
                                ("banking_chat_pii_holdout.jsonl", "holdout", HOLDOUT),
                                ("banking_chat_pii_chat.jsonl", "chat", chat)):
        with open(os.path.join(here, name), "w", encoding="utf-8") as f:
            for i, line in enumerate(lines):
                text, entities = parse(line)
                f.write(json.dumps({"id": "%s-%04d" % (prefix, i), "text": text, "entities": entities}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
