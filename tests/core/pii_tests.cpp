// PII detection, redaction and masking (design §5): what is found, what is deliberately not found in
// everyday banking text, and the exact strings redactPii/maskPii produce. Each SECTION is one behaviour.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "finchat/pii.h"

using namespace finchat;

namespace {

// Every match as "TYPE:matched text", in order: readable in failure output.
std::vector<std::string> found(std::string_view text) {
    std::vector<std::string> out;
    for (const PiiMatch& m : detectPii(text))
        out.push_back(std::string(comprehendName(m.type)) + ":" + std::string(text.substr(m.begin, m.end - m.begin)));
    return out;
}

using List = std::vector<std::string>;
const List kNone{};

}  // namespace

TEST_CASE("PII types carry Amazon Comprehend's entity type names", "[pii]") {
    CHECK(std::string(comprehendName(PiiType::CreditDebitNumber)) == "CREDIT_DEBIT_NUMBER");
    CHECK(std::string(comprehendName(PiiType::CreditDebitCvv)) == "CREDIT_DEBIT_CVV");
    CHECK(std::string(comprehendName(PiiType::CreditDebitExpiry)) == "CREDIT_DEBIT_EXPIRY");
    CHECK(std::string(comprehendName(PiiType::BankAccountNumber)) == "BANK_ACCOUNT_NUMBER");
    CHECK(std::string(comprehendName(PiiType::BankRouting)) == "BANK_ROUTING");
    CHECK(std::string(comprehendName(PiiType::InternationalBankAccountNumber)) == "INTERNATIONAL_BANK_ACCOUNT_NUMBER");
    CHECK(std::string(comprehendName(PiiType::SwiftCode)) == "SWIFT_CODE");
    CHECK(std::string(comprehendName(PiiType::Ssn)) == "SSN");
    CHECK(std::string(comprehendName(PiiType::Pin)) == "PIN");
    CHECK(std::string(comprehendName(PiiType::Email)) == "EMAIL");
    CHECK(std::string(comprehendName(PiiType::Phone)) == "PHONE");
}

TEST_CASE("Card numbers: Luhn-valid, plausible issuer, whole digit groups", "[pii]") {
    SECTION("contiguous numbers of the major networks are found without any keyword") {
        CHECK(found("4111111111111111") == List{"CREDIT_DEBIT_NUMBER:4111111111111111"});        // Visa
        CHECK(found("x 5555555555554444 y") == List{"CREDIT_DEBIT_NUMBER:5555555555554444"});   // Mastercard
        CHECK(found("378282246310005") == List{"CREDIT_DEBIT_NUMBER:378282246310005"});         // Amex
        CHECK(found("6011111111111117") == List{"CREDIT_DEBIT_NUMBER:6011111111111117"});       // Discover
        CHECK(found("2223003122003222") == List{"CREDIT_DEBIT_NUMBER:2223003122003222"});       // MC 2-series
        CHECK(found("4222222222222") == List{"CREDIT_DEBIT_NUMBER:4222222222222"});             // 13 digits
        CHECK(found("4111111111111111003") == List{"CREDIT_DEBIT_NUMBER:4111111111111111003"}); // 19 digits
    }
    SECTION("groups joined by single spaces or single dashes, as printed on cards") {
        CHECK(found("my card is 4111 1111 1111 1111") == List{"CREDIT_DEBIT_NUMBER:4111 1111 1111 1111"});
        CHECK(found("4111-1111-1111-1111.") == List{"CREDIT_DEBIT_NUMBER:4111-1111-1111-1111"});
        CHECK(found("Amex 3782 822463 10005") == List{"CREDIT_DEBIT_NUMBER:3782 822463 10005"});
        CHECK(found("(5555 5555 5555 4444)") == List{"CREDIT_DEBIT_NUMBER:5555 5555 5555 4444"});
    }
    SECTION("a Luhn-invalid number is not a card") {
        CHECK(found("4111 1111 1111 1112") == kNone);
        CHECK(found("4111111111111112") == kNone);
    }
    SECTION("Luhn-valid numbers starting 0, 1, 7, 8 or 9 are not cards (no such issuer)") {
        CHECK(found("9111111111111110") == kNone);
        CHECK(found("1234567890123452") == kNone);
        CHECK(found("0123456789012347") == kNone);
    }
    SECTION("never part of a longer digit run or dash-joined number") {
        CHECK(found("41111111111111110") == kNone);          // 17 digits: 4111111111111111 + 0
        CHECK(found("04111111111111111") == kNone);
        CHECK(found("4111-1111-1111-1111-1234") == kNone);   // a 20-digit number
    }
    SECTION("inside a longer space-joined sequence a card starts and ends at spaces") {
        CHECK(found("ref 12 4111 1111 1111 1111") == List{"CREDIT_DEBIT_NUMBER:4111 1111 1111 1111"});
    }
    SECTION("one kind of separator per number; small groups never combine into a card") {
        CHECK(found("4111 1111-1111 1111") == kNone);
        CHECK(found("4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1") == kNone);
        CHECK(found("41 11 11 11 11 11 11 11") == kNone);
    }
    SECTION("glued to letters, a decimal part or a '+' it is something else") {
        CHECK(found("REF4111111111111111") == kNone);
        CHECK(found("4111111111111111abc") == kNone);
        CHECK(found("4111111111111111.50") == kNone);
        CHECK(found("4111111111111111,00") == kNone);
        CHECK(found("+4111111111111111") == kNone);   // 16 digits: too long for E.164 too
    }
}

TEST_CASE("IBANs: registry length and mod-97 checksum", "[pii]") {
    SECTION("grouped in fours, compact, or lower case") {
        CHECK(found("IBAN DE89 3704 0044 0532 0130 00 please") ==
              List{"INTERNATIONAL_BANK_ACCOUNT_NUMBER:DE89 3704 0044 0532 0130 00"});
        CHECK(found("DE89370400440532013000") == List{"INTERNATIONAL_BANK_ACCOUNT_NUMBER:DE89370400440532013000"});
        CHECK(found("de89 3704 0044 0532 0130 00") == List{"INTERNATIONAL_BANK_ACCOUNT_NUMBER:de89 3704 0044 0532 0130 00"});
        CHECK(found("GB82 WEST 1234 5698 7654 32.") == List{"INTERNATIONAL_BANK_ACCOUNT_NUMBER:GB82 WEST 1234 5698 7654 32"});
        CHECK(found("FR14 2004 1010 0505 0001 3M02 606") == List{"INTERNATIONAL_BANK_ACCOUNT_NUMBER:FR14 2004 1010 0505 0001 3M02 606"});
        CHECK(found("NL91ABNA0417164300") == List{"INTERNATIONAL_BANK_ACCOUNT_NUMBER:NL91ABNA0417164300"});
        CHECK(found("BE68 5390 0754 7034") == List{"INTERNATIONAL_BANK_ACCOUNT_NUMBER:BE68 5390 0754 7034"});
        CHECK(found("IT60 X054 2811 1010 0000 0123 456") == List{"INTERNATIONAL_BANK_ACCOUNT_NUMBER:IT60 X054 2811 1010 0000 0123 456"});
    }
    SECTION("a wrong check digit or a changed digit fails mod-97") {
        CHECK(found("DE88 3704 0044 0532 0130 00") == kNone);
        CHECK(found("DE89 3704 0044 0532 0130 01") == kNone);
    }
    SECTION("the length must be the country's IBAN length") {
        CHECK(found("DE89 3704 0044 0532 0130 0") == kNone);      // 21 characters
        CHECK(found("DE8937040044053201300012") == kNone);        // 24 characters
        CHECK(found("ZZ89 3704 0044 0532 0130 00") == kNone);     // no such IBAN country
    }
    SECTION("groups other than fours are not an IBAN") {
        CHECK(found("DE89 37040 044 0532 0130 00") == kNone);
    }
    SECTION("glued to a word it is not an IBAN") {
        CHECK(found("XDE89370400440532013000") == kNone);
    }
}

TEST_CASE("SSNs: AAA-GG-SSSS by shape, other forms only with a keyword", "[pii]") {
    SECTION("the dashed form needs no keyword") {
        CHECK(found("it's 123-45-6789") == List{"SSN:123-45-6789"});
        CHECK(found("078-05-1120") == List{"SSN:078-05-1120"});
    }
    SECTION("never-issued ranges are not SSNs") {
        CHECK(found("000-12-3456") == kNone);
        CHECK(found("666-12-3456") == kNone);
        CHECK(found("900-12-3456") == kNone);
        CHECK(found("999-12-3456") == kNone);
        CHECK(found("123-00-4567") == kNone);
        CHECK(found("123-45-0000") == kNone);
    }
    SECTION("9 bare digits or a spaced form after SSN / social security") {
        CHECK(found("SSN: 123456789") == List{"SSN:123456789"});
        CHECK(found("my social security number is 123 45 6789") == List{"SSN:123 45 6789"});
        CHECK(found("ssn 000000000") == kNone);
    }
    SECTION("9 bare digits without a keyword are not an SSN") {
        CHECK(found("reference 123456789") == kNone);
        CHECK(found("123 45 6789") == kNone);
    }
    SECTION("not part of a longer dashed number") {
        CHECK(found("123-45-6789-0") == kNone);
        CHECK(found("1123-45-6789") == kNone);
    }
}

TEST_CASE("Routing numbers: ABA checksum and a keyword", "[pii]") {
    SECTION("ABA number after routing / ABA / RTN / transit") {
        CHECK(found("routing number: 021000021") == List{"BANK_ROUTING:021000021"});
        CHECK(found("ABA 011000015") == List{"BANK_ROUTING:011000015"});
        CHECK(found("RTN#026009593") == List{"BANK_ROUTING:026009593"});
        CHECK(found("Transit no. 021000021") == List{"BANK_ROUTING:021000021"});
    }
    SECTION("a bad checksum or no keyword: not a routing number") {
        CHECK(found("routing number 021000022") == kNone);
        CHECK(found("021000021") == kNone);
    }
    SECTION("a UK sort code after 'sort code'") {
        CHECK(found("sort code 20-00-00") == List{"BANK_ROUTING:20-00-00"});
        CHECK(found("12-05-24") == kNone);   // could be a date: only with the keyword (or an account beside it)
    }
    SECTION("the routing keyword wins over a nearer 'account' for an ABA-valid number") {
        CHECK(found("the routing number of my checking account is 021000021") == List{"BANK_ROUTING:021000021"});
    }
    SECTION("an Australian BSB (NNN-NNN or 6 digits) after 'bsb', and the account after it") {
        CHECK(found("pay the plumber at BSB 083-170, account 123456789") ==
              List{"BANK_ROUTING:083-170", "BANK_ACCOUNT_NUMBER:123456789"});
        CHECK(found("bsb 063000 acc no. 10203040") == List{"BANK_ROUTING:063000", "BANK_ACCOUNT_NUMBER:10203040"});
        CHECK(found("our store code is 083-170") == kNone);   // no keyword: a code of some other kind
        CHECK(found("bsb 083-1707") == kNone);                 // not 3+3 digits
    }
    SECTION("a spaced sort code after 's/c'; DDA names an account, RTN a routing number") {
        CHECK(found("s/c 40 47 84, acc 31926819") == List{"BANK_ROUTING:40 47 84", "BANK_ACCOUNT_NUMBER:31926819"});
        CHECK(found("payroll form: RTN 011000015, DDA 0045567123") ==
              List{"BANK_ROUTING:011000015", "BANK_ACCOUNT_NUMBER:0045567123"});
        CHECK(found("the bus s/c 40 47 84 69 left") == kNone);   // four groups: not a sort code
    }
    SECTION("the number named right after it: 'is X the right routing number / account number?'") {
        CHECK(found("is 011000015 the right routing number?") == List{"BANK_ROUTING:011000015"});
        CHECK(found("was 55501234 the correct account number") == List{"BANK_ACCOUNT_NUMBER:55501234"});
        CHECK(found("is 011000016 the right routing number?") == kNone);   // ABA checksum fails
        CHECK(found("I paid 55501234 the account was closed") == kNone);     // "account", not "account number"
        CHECK(found("ticket 55501234 the right one?") == kNone);
    }
}

TEST_CASE("Account numbers need a keyword", "[pii]") {
    SECTION("6-17 digits after account / acct / a/c") {
        CHECK(found("account number 12345678") == List{"BANK_ACCOUNT_NUMBER:12345678"});
        CHECK(found("Acct: 000123456789") == List{"BANK_ACCOUNT_NUMBER:000123456789"});
        CHECK(found("a/c 123-456789") == List{"BANK_ACCOUNT_NUMBER:123-456789"});
        CHECK(found("Kontonummer 1234567890") == List{"BANK_ACCOUNT_NUMBER:1234567890"});
    }
    SECTION("too short, too long, or no keyword") {
        CHECK(found("account ending 1234") == kNone);
        CHECK(found("account 123456789012345678") == kNone);
        CHECK(found("Order #123456789") == kNone);
    }
    SECTION("a card or routing number stays what it is") {
        CHECK(found("account 4111111111111111") == List{"CREDIT_DEBIT_NUMBER:4111111111111111"});
        CHECK(found("routing and account: 021000021") == List{"BANK_ROUTING:021000021"});
    }
    SECTION("only the first number after the keyword") {
        CHECK(found("pin 4821 and then 5678") == List{"PIN:4821"});
        // (a second long number in a message about accounts is one by the catch-all, not by the keyword:
        // see "unexplained account-like numbers")
        CHECK(found("account 12345678 and then ticket 87654321") == List{"BANK_ACCOUNT_NUMBER:12345678"});
        CHECK(found("account 12345678 2 days ago") == List{"BANK_ACCOUNT_NUMBER:12345678"});
    }
    SECTION("an amount is not an account number") {
        CHECK(found("my account has $250000 in it") == kNone);
        CHECK(found("account balance 250000 EUR") == kNone);
        CHECK(found("account balance 250000.00") == kNone);
    }
    SECTION("a keyword further than 40 bytes away does not count") {
        CHECK(found("account - I would like to know more about this number: 12345678") == kNone);
    }
}

TEST_CASE("CVV, PIN and expiry need their keyword", "[pii]") {
    SECTION("CVV: 3-4 digits after CVV / CVC / CVV2 / security code") {
        CHECK(found("cvv 123") == List{"CREDIT_DEBIT_CVV:123"});
        CHECK(found("CVV2: 1234") == List{"CREDIT_DEBIT_CVV:1234"});
        CHECK(found("the security code is 987") == List{"CREDIT_DEBIT_CVV:987"});
        CHECK(found("cvv 12") == kNone);
        CHECK(found("I have 123 questions") == kNone);
    }
    SECTION("PIN: 4-6 digits after the word PIN") {
        CHECK(found("my PIN is 4821") == List{"PIN:4821"});
        CHECK(found("pin: 123456") == List{"PIN:123456"});
        CHECK(found("pink 4821") == kNone);
        CHECK(found("spin 4821") == kNone);
        CHECK(found("pin 123") == kNone);
    }
    SECTION("expiry: MM/YY or MM/YYYY after exp / expiry / expires / valid thru") {
        CHECK(found("exp 12/27") == List{"CREDIT_DEBIT_EXPIRY:12/27"});
        CHECK(found("Expiry date: 01/2028") == List{"CREDIT_DEBIT_EXPIRY:01/2028"});
        CHECK(found("expires 3/29") == List{"CREDIT_DEBIT_EXPIRY:3/29"});
        CHECK(found("VALID THRU 09/26") == List{"CREDIT_DEBIT_EXPIRY:09/26"});
    }
    SECTION("expiry-shaped text without keyword, with an impossible month, or inside a date") {
        CHECK(found("12/2025") == kNone);
        CHECK(found("exp 13/27") == kNone);
        CHECK(found("expires on 12/05/2025") == List{"DATE_TIME:12/05/2025"});   // a date, not an expiry
        CHECK(found("I expect 12/27") == kNone);   // "expect" is not "exp"
    }
    SECTION("a change 'from X to Y' after the keyword: both values") {
        CHECK(found("please set my PIN from 2580 to 1397") == List{"PIN:2580", "PIN:1397"});
        CHECK(found("move account 12345678 from branch 4 to 9") == List{"BANK_ACCOUNT_NUMBER:12345678"});
        CHECK(found("pin 2580 then 1397 tries") == List{"PIN:2580"});   // no from/to: only the first
    }
    SECTION("expiry as YYYY-MM after the keyword") {
        CHECK(found("the card expires 2029-11") == List{"CREDIT_DEBIT_EXPIRY:2029-11"});
        CHECK(found("exp. 2027/04") == List{"CREDIT_DEBIT_EXPIRY:2027/04"});
        CHECK(found("expires 2029-13") == kNone);          // no month 13
        CHECK(found("statement for 2029-11") == kNone);    // no keyword
        CHECK(found("expires 2029-11-05") == List{"DATE_TIME:2029-11-05"});   // a date
    }
    SECTION("a bot asking for several card fields: the comma-separated reply, item by item, if each fits") {
        CHECK(found("Bot: Send the card number, expiry and CVV, separated by commas. User: 4111 1111 1111 1111, 3/2029, 1234.") ==
              List{"CREDIT_DEBIT_NUMBER:4111 1111 1111 1111", "CREDIT_DEBIT_EXPIRY:3/2029", "CREDIT_DEBIT_CVV:1234"});
        CHECK(found("Bot: CVV and expiry? Customer: 902, 11/27") == List{"CREDIT_DEBIT_CVV:902", "CREDIT_DEBIT_EXPIRY:11/27"});
        // an item of the wrong shape ends the list: 13/27 is no expiry, so 902 is not taken as the CVV
        CHECK(found("Bot: CVV and expiry? Customer: 13/27, 902") == kNone);
        CHECK(found("Bot: card number and expiry? User: I will call you back, 2 mins") == kNone);
    }
    SECTION("Amex's 4-digit CID after '4 digit code' in the same clause") {
        CHECK(found("the 4 digit code on the front of the amex reads 7731") == List{"CREDIT_DEBIT_CVV:7731"});
        CHECK(found("four-digit code: 0458") == List{"CREDIT_DEBIT_CVV:0458"});
        CHECK(found("the 4 digit code is printed there, about 25 of them") == kNone);
    }
}

TEST_CASE("SWIFT/BIC: upper case, known country, after SWIFT or BIC", "[pii]") {
    SECTION("listed right after an IBAN") {
        CHECK(found("pay DE89 3704 0044 0532 0130 00, COBADEFF") ==
              List{"INTERNATIONAL_BANK_ACCOUNT_NUMBER:DE89 3704 0044 0532 0130 00", "SWIFT_CODE:COBADEFF"});
        CHECK(found("DE89 3704 0044 0532 0130 00 arrived TUESDAYS") ==
              List{"INTERNATIONAL_BANK_ACCOUNT_NUMBER:DE89 3704 0044 0532 0130 00"});
    }
    SECTION("8 and 11 characters") {
        CHECK(found("SWIFT: DEUTDEFF") == List{"SWIFT_CODE:DEUTDEFF"});
        CHECK(found("bic code DEUTDEFF500") == List{"SWIFT_CODE:DEUTDEFF500"});
        CHECK(found("Swift/BIC NWBKGB2L") == List{"SWIFT_CODE:NWBKGB2L"});
    }
    SECTION("lower case, unknown country, wrong length or no keyword: not a BIC") {
        CHECK(found("swift deutdeff") == kNone);
        CHECK(found("swift TRANSFER") == kNone);    // "SF" is no country
        CHECK(found("SWIFT DEUTDEFF5") == kNone);
        CHECK(found("DEUTDEFF") == kNone);
    }
}

TEST_CASE("E-mail addresses, conservatively", "[pii]") {
    SECTION("common forms; a sentence's final dot is not part of it") {
        CHECK(found("mail me at jane.doe+bank@example.co.uk.") == List{"EMAIL:jane.doe+bank@example.co.uk"});
        CHECK(found("<j_doe@mail-server.example.com>") == List{"EMAIL:j_doe@mail-server.example.com"});
    }
    SECTION("not an address") {
        CHECK(found("me@localhost") == kNone);
        CHECK(found("@example.com") == kNone);
        CHECK(found("a..b@example.com") == kNone);
        CHECK(found("jane@example.c0m") == kNone);
        CHECK(found("jane@-example.com") == kNone);
        CHECK(found("price @ 5.00") == kNone);
    }
}

TEST_CASE("Phone numbers: international and national written forms", "[pii]") {
    SECTION("international +CC forms") {
        CHECK(found("call +44 20 7946 0958") == List{"PHONE:+44 20 7946 0958"});
        CHECK(found("+49 (0)30 1234567") == List{"PHONE:+49 (0)30 1234567"});
        CHECK(found("+1 (555) 123-4567") == List{"PHONE:+1 (555) 123-4567"});
        CHECK(found("+4930123456") == List{"PHONE:+4930123456"});
        CHECK(found("+33 6 12 34 56 78") == List{"PHONE:+33 6 12 34 56 78"});
    }
    SECTION("North American forms") {
        CHECK(found("(555) 123-4567") == List{"PHONE:(555) 123-4567"});
        CHECK(found("555-123-4567") == List{"PHONE:555-123-4567"});
        CHECK(found("555.123.4567") == List{"PHONE:555.123.4567"});
        CHECK(found("1-800-555-0199") == List{"PHONE:1-800-555-0199"});
        CHECK(found("called 555-123-4567 12 times") == List{"PHONE:555-123-4567"});
    }
    SECTION("national forms with a trunk 0") {
        CHECK(found("030 12345678") == List{"PHONE:030 12345678"});
        CHECK(found("020 7946 0958") == List{"PHONE:020 7946 0958"});
        CHECK(found("06 12 34 56 78") == List{"PHONE:06 12 34 56 78"});
        CHECK(found("030/1234567") == List{"PHONE:030/1234567"});
    }
    SECTION("an unseparated number is a phone number only after a phone keyword") {
        CHECK(found("mobile: 5551234567") == List{"PHONE:5551234567"});
        CHECK(found("5551234567") == kNone);
    }
    SECTION("phone-like numbers inside longer runs are not phone numbers") {
        CHECK(found("98765551234567890") == kNone);
        CHECK(found("555-123-4567-8901") == kNone);
        CHECK(found("555 123 4567 8901") == kNone);
        CHECK(found("X555-123-4567") == kNone);
        CHECK(found("1555-123-4567") == kNone);
    }
    SECTION("too short, or with an area code starting 1") {
        CHECK(found("+49 301234") == kNone);
        CHECK(found("155-123-4567") == kNone);
        CHECK(found("030 1234") == kNone);
    }
}

TEST_CASE("Everyday banking text is left alone", "[pii]") {
    SECTION("amounts") {
        CHECK(found("I was charged $1,234.56 twice") == kNone);
        CHECK(found("1.234.567,89 \xE2\x82\xAC") == kNone);
        CHECK(found("transfer 1 234 567 890 EUR") == kNone);
        CHECK(found("EUR 12,345,678,901.00") == kNone);
        CHECK(found("\xC2\xA3" "0123456789") == kNone);
    }
    SECTION("dates, times and years") {
        CHECK(found("on 2025-05-01 at 10:30") == List{"DATE_TIME:2025-05-01", "DATE_TIME:10:30"});   // dates, not phones
        CHECK(found("2025-05-01 10:30:00") == List{"DATE_TIME:2025-05-01"});
        CHECK(found("12/2025") == kNone);
        CHECK(found("01.05.2025 10.30") == List{"DATE_TIME:01.05.2025"});
        CHECK(found("01.05.2025 1030") == List{"DATE_TIME:01.05.2025"});
        CHECK(found("1999, 2024 and 2025") == kNone);     // years without a preposition of time
        CHECK(found("since 1999, in 2024 and 2025") == List{"DATE_TIME:1999", "DATE_TIME:2024"});
        CHECK(found("2025-05-01T10:00:05.123Z") == kNone);
    }
    SECTION("order numbers, references and random numbers without keywords") {
        CHECK(found("Order #123456789") == kNone);
        CHECK(found("order 1234567890123") == kNone);
        CHECK(found("ticket 987654321 about 123456") == kNone);
        CHECK(found("case ID 20250501-0042") == kNone);
        CHECK(found("version 10.0.19045.1234, IP 192.168.100.200") == List{"IP_ADDRESS:192.168.100.200"});
    }
}

TEST_CASE("Mixed sentences", "[pii]") {
    SECTION("a card, its CVV and expiry, and a PIN") {
        CHECK(found("card 4111 1111 1111 1111, exp 12/27, cvv 123, and my pin is 0000") ==
              List{"CREDIT_DEBIT_NUMBER:4111 1111 1111 1111", "CREDIT_DEBIT_EXPIRY:12/27",
                   "CREDIT_DEBIT_CVV:123", "PIN:0000"});
    }
    SECTION("routing and account numbers, an e-mail and a phone number") {
        CHECK(found("Routing 021000021, account 12345678. Reach me at jo@bank.example or (555) 123-4567.") ==
              List{"BANK_ROUTING:021000021", "BANK_ACCOUNT_NUMBER:12345678", "EMAIL:jo@bank.example",
                   "PHONE:(555) 123-4567"});
    }
    SECTION("IBAN and BIC, with an amount that stays and a date") {
        CHECK(found("Please send EUR 1,500.00 on 2025-05-01 to DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX") ==
              List{"DATE_TIME:2025-05-01", "INTERNATIONAL_BANK_ACCOUNT_NUMBER:DE89 3704 0044 0532 0130 00", "SWIFT_CODE:COBADEFFXXX"});
    }
    SECTION("matches are sorted, non-overlapping byte ranges") {
        std::string text = "ssn 123-45-6789 card 5555555555554444 mail a@b.cd";
        auto m = detectPii(text);
        REQUIRE(m.size() == 3);
        for (std::size_t i = 0; i < m.size(); ++i) {
            CHECK(m[i].begin < m[i].end);
            if (i > 0) CHECK(m[i - 1].end <= m[i].begin);
        }
        CHECK(m[0] == PiiMatch{PiiType::Ssn, 4, 15});
        CHECK(m[1] == PiiMatch{PiiType::CreditDebitNumber, 21, 37});
        CHECK(m[2] == PiiMatch{PiiType::Email, 43, 49});
    }
}

TEST_CASE("redactPii replaces each entity with [TYPE]", "[pii]") {
    SECTION("Comprehend's REPLACE_WITH_PII_ENTITY_TYPE style") {
        CHECK(redactPii("card 4111 1111 1111 1111 cvv 123") == "card [CREDIT_DEBIT_NUMBER] cvv [CREDIT_DEBIT_CVV]");
        CHECK(redactPii("IBAN GB82 WEST 1234 5698 7654 32, thanks") == "IBAN [INTERNATIONAL_BANK_ACCOUNT_NUMBER], thanks");
        CHECK(redactPii("SSN 123-45-6789 / jane@example.com / +44 20 7946 0958") == "SSN [SSN] / [EMAIL] / [PHONE]");
    }
    SECTION("text without PII is returned unchanged") {
        CHECK(redactPii("I paid $1,234.56 last week, order #123456789") == "I paid $1,234.56 last week, order #123456789");
    }
    SECTION("with precomputed matches, as an ask-first flow uses them") {
        std::string text = "pin 4821";
        CHECK(redactPii(text, detectPii(text)) == "pin [PIN]");
        CHECK(redactPii(text, std::vector<PiiMatch>{}) == text);
    }
}

TEST_CASE("maskPii keeps the last 4 of card, account and IBAN, masks secrets completely", "[pii]") {
    SECTION("last four kept") {
        CHECK(maskPii("card 4111 1111 1111 1111") == "card \xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2 1111");
        CHECK(maskPii("account 12345678") == "account \xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2 5678");
        CHECK(maskPii("gb82 west 1234 5698 7654 32") == "\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2 5432");
        CHECK(maskPii("call 555-123-4567") == "call \xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2 4567");
    }
    SECTION("CVV, PIN, SSN, expiry, e-mail and short account numbers fully masked") {
        const std::string bullets = "\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2";
        CHECK(maskPii("cvv 123, pin 4821") == "cvv " + bullets + ", pin " + bullets);
        CHECK(maskPii("SSN 123-45-6789") == "SSN " + bullets);
        CHECK(maskPii("exp 12/27") == "exp " + bullets);
        CHECK(maskPii("jane@example.com") == bullets);
        CHECK(maskPii("account 123456") == "account " + bullets);
    }
    SECTION("defensive about matches that do not fit the text") {
        CHECK(maskPii("abc", {PiiMatch{PiiType::Pin, 2, 10}}) == "abc");
        CHECK(maskPii("abcdef", {PiiMatch{PiiType::Pin, 2, 4}, PiiMatch{PiiType::Pin, 3, 5}}) ==
              "ab\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2" "ef");
    }
}

TEST_CASE("UTF-8 text around entities", "[pii]") {
    SECTION("multi-byte characters next to a match are kept whole") {
        std::string text = "Karte: 4111 1111 1111 1111 \xE2\x9C\x93";   // ✓
        CHECK(found(text) == List{"CREDIT_DEBIT_NUMBER:4111 1111 1111 1111"});
        CHECK(redactPii(text) == "Karte: [CREDIT_DEBIT_NUMBER] \xE2\x9C\x93");
    }
    SECTION("a non-ASCII letter glued to the number acts like punctuation; offsets are bytes") {
        std::string text = "N\xC2\xB0" "4111111111111111\xE2\x80\x94" "danke";   // N°4111…—danke
        auto m = detectPii(text);
        REQUIRE(m.size() == 1);
        CHECK(m[0] == PiiMatch{PiiType::CreditDebitNumber, 3, 19});
    }
    SECTION("keywords in other scripts nearby do not disturb the scan") {
        CHECK(found("\xD0\xBA\xD0\xB0\xD1\x80\xD1\x82\xD0\xB0 cvv 123 \xF0\x9F\x92\xB3") == List{"CREDIT_DEBIT_CVV:123"});
        CHECK(found("\xC3\xBC" "ber jane@example.com \xC3\xA4") == List{"EMAIL:jane@example.com"});
    }
    SECTION("matches never start or end inside a code point") {
        std::string text = "\xE2\x82\xAC 4111 1111 1111 1111 \xE2\x82\xAC jane@ex.com \xF0\x9F\x98\x80 +44 20 7946 0958 \xC3\xA9";
        for (const PiiMatch& m : detectPii(text)) {
            CHECK((static_cast<unsigned char>(text[m.begin]) & 0xC0) != 0x80);
            CHECK((m.end == text.size() || (static_cast<unsigned char>(text[m.end]) & 0xC0) != 0x80));
        }
        CHECK(detectPii(text).size() == 3);
    }
    SECTION("broken UTF-8 around an emoji: the emoji is set apart only between whole code points (pii_fuzz finding)") {
        // Stray continuation bytes, an emoji, more stray bytes: one run of word bytes, so a name found
        // after the bot's question never ends between a stray byte and the emoji.
        const std::string text = "Bot: your name? User: \x80\x80\x80\xF0\x9F\x99\x82\x80\x80 es ago";
        for (const PiiMatch& m : detectPii(text)) {
            auto ascii = [&](std::size_t i) { return i < text.size() && static_cast<unsigned char>(text[i]) < 0x80; };
            CHECK((m.begin == 0 || ascii(m.begin - 1) || ascii(m.begin)));
            CHECK((m.end == text.size() || ascii(m.end - 1) || ascii(m.end)));
        }
        // Whole code points on both sides: still set apart ("Renée🙂" is the name, the emoji is not).
        CHECK(found("Bot: your name? User: Ren\xC3\xA9" "e\xF0\x9F\x99\x82") == List{"NAME:Ren\xC3\xA9" "e"});
        // An overlong 4-byte form is not an emoji: no token boundary at it.
        const std::string overlong = "Bot: your name? User: \x80\xF0\x80\x80\x80Zed";
        for (const PiiMatch& m : detectPii(overlong))
            CHECK((m.end == overlong.size() || static_cast<unsigned char>(overlong[m.end]) < 0x80 ||
                   static_cast<unsigned char>(overlong[m.end - 1]) < 0x80));
    }
    SECTION("broken UTF-8: entities end next to an ASCII byte, broken bytes outside them are kept") {
        // A stray lead byte, a truncated euro sign, a stray continuation byte, Latin-1 letters.
        const std::string text = "\xC3" "card 4111 1111 1111 1111\xE2\x82 to jane@example.com\x80, my name is Zo\xEB M\xFCller";
        CHECK(found(text) == List{"CREDIT_DEBIT_NUMBER:4111 1111 1111 1111", "EMAIL:jane@example.com",
                                  "NAME:Zo\xEB M\xFCller"});
        for (const PiiMatch& m : detectPii(text)) {
            auto ascii = [&](std::size_t i) { return i < text.size() && static_cast<unsigned char>(text[i]) < 0x80; };
            CHECK((m.begin == 0 || ascii(m.begin - 1) || ascii(m.begin)));
            CHECK((m.end == text.size() || ascii(m.end - 1) || ascii(m.end)));
        }
        CHECK(redactPii(text) == "\xC3" "card [CREDIT_DEBIT_NUMBER]\xE2\x82 to [EMAIL]\x80, my name is [NAME]");
    }
}

TEST_CASE("Empty, long and adversarial input", "[pii]") {
    SECTION("empty input") {
        CHECK(detectPii("").empty());
        CHECK(redactPii("") == "");
        CHECK(maskPii("") == "");
    }
    SECTION("100 KB of digits and spaces finishes (scanning is linear)") {
        std::string text;
        unsigned x = 12345;
        while (text.size() < 100 * 1024) {
            x = x * 1103515245u + 12345u;
            text += static_cast<char>('0' + (x >> 16) % 10);
            if ((x >> 8) % 5 == 0) text += ' ';
        }
        auto m = detectPii(text);
        for (std::size_t i = 1; i < m.size(); ++i) CHECK(m[i - 1].end <= m[i].begin);
        CHECK(redactPii(text).size() > 0);
    }
    SECTION("100 KB of valid card numbers in one space-joined sequence") {
        std::string text;
        while (text.size() < 100 * 1024) text += "4111 1111 1111 1111 ";
        auto m = detectPii(text);
        CHECK(m.size() == text.size() / 20);
    }
    SECTION("only separators") {
        CHECK(detectPii(std::string(50000, ' ')).empty());
        CHECK(detectPii(std::string(50000, '-')).empty());
        std::string mixed;
        for (int i = 0; i < 10000; ++i) mixed += " -./()+@";
        CHECK(detectPii(mixed).empty());
    }
    SECTION("digits separated by many spaces are not a card") {
        std::string text;
        for (char c : std::string("4111111111111111")) text += std::string(1, c) + "     ";
        CHECK(detectPii(text).empty());
        std::string longer;
        for (int i = 0; i < 20000; ++i) longer += "4   ";
        CHECK(detectPii(longer).empty());
    }
    SECTION("long runs of keywords, @ signs and IBAN-like prefixes") {
        std::string kw;
        for (int i = 0; i < 5000; ++i) kw += "account cvv pin ";
        kw += "12345678";
        CHECK(found(kw) == List{"BANK_ACCOUNT_NUMBER:12345678"});
        CHECK(detectPii(std::string(60000, '@')).empty());
        std::string ats;
        for (int i = 0; i < 10000; ++i) ats += "a@b@";
        CHECK(detectPii(ats).empty());
        std::string ibans;
        for (int i = 0; i < 10000; ++i) ibans += "DE89 ";
        CHECK(detectPii(ibans).empty());
    }
}

// ---- Types that are words or tokens (src/pii_words.cpp), national ids, offsets, policy, redaction ----

TEST_CASE("Every Comprehend type name maps to its PiiType and back", "[pii]") {
    for (std::size_t i = 0; i < kPiiTypeCount; ++i) {
        const auto t = static_cast<PiiType>(i);
        REQUIRE(piiTypeFromName(comprehendName(t)) == t);
    }
    CHECK(std::string(comprehendName(PiiType::UkNationalInsuranceNumber)) == "UK_NATIONAL_INSURANCE_NUMBER");
    CHECK(std::string(comprehendName(PiiType::UsIndividualTaxIdentificationNumber)) == "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER");
    CHECK_FALSE(piiTypeFromName("name").has_value());   // exact, upper case
    CHECK_FALSE(piiTypeFromName("CREDIT_CARD").has_value());
}

TEST_CASE("NAME: cues, titles, relations, sign-offs, bot turns and known-name pairs", "[pii][name]") {
    SECTION("after a cue, in any case") {
        CHECK(found("My name is Daniel Okafor and I'm locked out") == List{"NAME:Daniel Okafor"});
        CHECK(found("my name is kwame") == List{"NAME:kwame"});
        CHECK(found("verify me: name Claire A. Moreau, phone") == List{"NAME:Claire A. Moreau"});
        CHECK(found("name kofi murphy, please") == List{"NAME:kofi murphy"});
        CHECK(found("This is Aisha Santos, I need help") == List{"NAME:Aisha Santos"});
        CHECK(found("this is zoe mensah, i lost my card") == List{"NAME:zoe mensah"});
        CHECK(found("Mr. Okonkwo here") == List{"NAME:Okonkwo"});
        CHECK(found("Emma here, can you help?") == List{"NAME:Emma"});
        CHECK(found("My husband Wei Thompson lost his card") == List{"NAME:Wei Thompson"});
        CHECK(found("Remove Kevin Jackson from the joint account") == List{"NAME:Kevin Jackson"});
        CHECK(found("Thanks, Marcus") == List{"NAME:Marcus"});
    }
    SECTION("a bot turn asking for the name makes the customer's reply a name") {
        CHECK(found("Bot: What is your full name? User: Anita Desai") == List{"NAME:Anita Desai"});
        CHECK(found("bot: your name please? user: tomasz kowalski") == List{"NAME:tomasz kowalski"});
    }
    SECTION("two capitalised known names in a row need no cue") {
        CHECK(found("The payment to Oliver Brown was taken twice") == List{"NAME:Oliver Brown"});
    }
    SECTION("UTF-8 around a name: offsets stay on the name's bytes") {
        const std::string t = "¡Hola! My name is Sofia Lopez 🙂";
        const auto m = detectPii(t);
        REQUIRE(m.size() == 1);
        CHECK(t.substr(m[0].begin, m[0].end - m[0].begin) == "Sofia Lopez");
    }
    SECTION("not names: cue words followed by ordinary words, merchants, single capitalised words") {
        CHECK(found("this is urgent, my card is blocked") == kNone);
        CHECK(found("I'm trying to pay my bill") == kNone);
        CHECK(found("My Visa was charged by Uber three times") == kNone);
        CHECK(found("I was at Target and Costco") == kNone);
        CHECK(found("What is the name on the account?") == kNone);
        CHECK(found("Is Chase Bank open on Sundays?") == kNone);
    }
}

TEST_CASE("ADDRESS: number, street words, suffix, unit, city, state and ZIP or postcode", "[pii][address]") {
    CHECK(found("send it to 9124 Sunset Rd, Denver, CO 23884?") == List{"ADDRESS:9124 Sunset Rd, Denver, CO 23884"});
    CHECK(found("My new address is 1212 Highland Ave Apt. 685, Seattle") == List{"ADDRESS:1212 Highland Ave Apt. 685, Seattle"});
    CHECK(found("to 6937 River Drive #6, Albany, NY 69283 :(") == List{"ADDRESS:6937 River Drive #6, Albany, NY 69283"});
    CHECK(found("7708 Franklin St, Unit 20, Richmond, VA 49095") == List{"ADDRESS:7708 Franklin St, Unit 20, Richmond, VA 49095"});
    CHECK(found("at 171 Highland Road, Cardiff OX11 8YT now") == List{"ADDRESS:171 Highland Road, Cardiff OX11 8YT"});
    CHECK(found("8659 forest way, madison, wi 82060? thanks") == List{"ADDRESS:8659 forest way, madison, wi 82060"});
    CHECK(found("I moved. My new address is 7961 Willow Avenue") == List{"ADDRESS:7961 Willow Avenue"});
    CHECK(found("PO Box 4410 please") == List{"ADDRESS:PO Box 4410"});
    SECTION("not addresses: counts and amounts before ordinary words") {
        CHECK(found("I have 2 cards and 3 accounts with you") == kNone);
        CHECK(found("The ATM at 5th and Main swallowed my card") == kNone);
        CHECK(found("3 payments of 19.99 to Netflix") == kNone);
        CHECK(found("$400 Main Street branch") == kNone);   // an amount, not a house number
    }
}

TEST_CASE("DATE_TIME: numeric dates with valid parts, month names, weekdays, clock times", "[pii][date]") {
    CHECK(found("I sent it on 10/26/2025") == List{"DATE_TIME:10/26/2025"});
    CHECK(found("dob 15.03.1950") == List{"DATE_TIME:15.03.1950"});
    CHECK(found("born 1989-11-08.") == List{"DATE_TIME:1989-11-08"});
    CHECK(found("due January 10, 2025, ok") == List{"DATE_TIME:January 10, 2025"});
    CHECK(found("on may 14 asap") == List{"DATE_TIME:may 14"});
    CHECK(found("is due June 4th") == List{"DATE_TIME:June 4th"});
    CHECK(found("on 18 November") == List{"DATE_TIME:18 November"});
    CHECK(found("User: 20 April 1985") == List{"DATE_TIME:20 April 1985"});
    CHECK(found("the 1st of May") == List{"DATE_TIME:1st of May"});
    CHECK(found("on Tuesday at 10:30 am") == List{"DATE_TIME:Tuesday", "DATE_TIME:10:30 am"});
    CHECK(found("after 3pm") == List{"DATE_TIME:3pm"});
    SECTION("not dates: invalid parts, amounts, counts, the modal 'may', relative spans") {
        CHECK(found("13/45/2025") == kNone);
        CHECK(found("I may 2 times") == kNone);
        CHECK(found("you may call me") == kNone);
        CHECK(found("after 9 days") == kNone);
        CHECK(found("the last 14 months") == kNone);
        CHECK(found("it cost 12.50") == kNone);
    }
}

TEST_CASE("Credentials: USERNAME and PASSWORD after their keyword", "[pii][credentials]") {
    CHECK(found("username ember_lucas, the old one was c@ny0n80") == List{"USERNAME:ember_lucas", "PASSWORD:c@ny0n80"});
    CHECK(found("my user id is priya.k and my password is Tr0ub4dor&3") == List{"USERNAME:priya.k", "PASSWORD:Tr0ub4dor&3"});
    CHECK(found("entered my password Maple*1045, what now?") == List{"PASSWORD:Maple*1045"});
    CHECK(found("password: hunter22") == List{"PASSWORD:hunter22"});
    CHECK(found("login jdoe_1988 is locked") == List{"USERNAME:jdoe_1988"});
    SECTION("not credentials: the keyword followed by ordinary words") {
        CHECK(found("Reset my password please") == kNone);
        CHECK(found("I forgot my password yesterday") == kNone);
        CHECK(found("the login page is broken") == kNone);
        CHECK(found("what is my username?") == kNone);
    }
}

TEST_CASE("Network identifiers: URL, IP_ADDRESS, MAC_ADDRESS", "[pii][network]") {
    CHECK(found("I clicked https://harborbank-login.example.org/verify?id=094986 and") ==
          List{"URL:https://harborbank-login.example.org/verify?id=094986"});
    CHECK(found("go to www.bank-verify.example.com.") == List{"URL:www.bank-verify.example.com"});
    CHECK(found("(see rocket-willow.example.com/login)") == List{"URL:rocket-willow.example.com/login"});
    CHECK(found("from IP 203.0.113.140, not mine") == List{"IP_ADDRESS:203.0.113.140"});
    CHECK(found("at 2001:db8:e147::998d now") == List{"IP_ADDRESS:2001:db8:e147::998d"});
    CHECK(found("MAC 99:2A:40:5C:63:7F") == List{"MAC_ADDRESS:99:2A:40:5C:63:7F"});
    CHECK(found("mac 5e-78-6c-84-d5-f2 at") == List{"MAC_ADDRESS:5e-78-6c-84-d5-f2"});
    SECTION("not network identifiers") {
        CHECK(found("version 1.2.3.4.5") == kNone);          // five parts
        CHECK(found("999.1.1.1") == kNone);                  // octet over 255
        CHECK(found("at 10:30:45") == kNone);                // a time, not IPv6
        CHECK(found("99:2A:40:5C:63") == kNone);             // five pairs
        CHECK(found("mail me at a.b@example.com") == List{"EMAIL:a.b@example.com"});   // not a URL
    }
}

TEST_CASE("National identifiers and documents", "[pii][ids]") {
    SECTION("ITIN by shape (9XX-[5-9]X-XXXX) or after ITIN") {
        CHECK(found("my ITIN 934-70-0515?") == List{"US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER:934-70-0515"});
        CHECK(found("itin 912781234") == List{"US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER:912781234"});
        CHECK(found("ref 934-40-0515") == kNone);   // group 40 is never an ITIN (nor an SSN: area 9XX)
    }
    SECTION("UK National Insurance numbers: prefix rules, spaces, lower case") {
        CHECK(found("NI number SJ901065D, ok") == List{"UK_NATIONAL_INSURANCE_NUMBER:SJ901065D"});
        CHECK(found("NI number PX 48 15 31 C") == List{"UK_NATIONAL_INSURANCE_NUMBER:PX 48 15 31 C"});
        CHECK(found("ni number mm503731b") == List{"UK_NATIONAL_INSURANCE_NUMBER:mm503731b"});
        CHECK(found("National Insurance number QQ123456C") == List{"UK_NATIONAL_INSURANCE_NUMBER:QQ123456C"});
        CHECK(found("code QQ123456C") == kNone);    // invalid prefix without a keyword
        CHECK(found("code GB123456A") == kNone);    // GB is never issued
        CHECK(found("SJ901065E") == kNone);         // suffix A-D only
    }
    SECTION("passport and driver ids after their keyword") {
        CHECK(found("passport LX6867661 and") == List{"PASSPORT_NUMBER:LX6867661"});
        CHECK(found("passport number: 533380006.") == List{"PASSPORT_NUMBER:533380006"});
        CHECK(found("driver's licence T20722745214 instead") == List{"DRIVER_ID:T20722745214"});
        CHECK(found("driving licence: MORGA753116SM9IJ") == List{"DRIVER_ID:MORGA753116SM9IJ"});
        CHECK(found("my passport expired") == kNone);
        CHECK(found("passport photo 12") == kNone);
    }
    SECTION("Canadian SIN (Luhn) and NHS number (mod 11) after their keyword") {
        CHECK(found("my SIN is 046 454 286") == List{"CA_SOCIAL_INSURANCE_NUMBER:046 454 286"});
        CHECK(found("my SIN is 046 454 287") == kNone);
        CHECK(found("NHS number 943 476 5919") == List{"UK_NATIONAL_HEALTH_SERVICE_NUMBER:943 476 5919"});
        CHECK(found("NHS number 9434765918") == kNone);   // check digit wrong
    }
    SECTION("AWS keys") {
        CHECK(found("key AKIAIOSFODNN7EXAMPLE leaked") == List{"AWS_ACCESS_KEY:AKIAIOSFODNN7EXAMPLE"});
        CHECK(found("secret key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") ==
              List{"AWS_SECRET_KEY:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"});
        CHECK(found("AKIAIOSFODNN7EXAMPL") == kNone);   // 19 characters
    }
    SECTION("AGE") {
        CHECK(found("I'm 67 and want a pension") == List{"AGE:67"});
        CHECK(found("my son is 16 years old") == List{"AGE:16 years"});
        CHECK(found("kids aged 12?") == List{"AGE:12"});
        CHECK(found("I'm 5 minutes late") == kNone);
    }
}

TEST_CASE("Card extras: CVV without the word, dash expiry, SWIFT far from its keyword, PIN as passcode", "[pii]") {
    CHECK(found("card 5278 7092 6984 2118 arrived, the back says 473.") ==
          List{"CREDIT_DEBIT_NUMBER:5278 7092 6984 2118", "CREDIT_DEBIT_CVV:473"});
    CHECK(found("Exp: 11-26 Security code: 858") == List{"CREDIT_DEBIT_EXPIRY:11-26", "CREDIT_DEBIT_CVV:858"});
    CHECK(found("call 11-26 times") == kNone);   // a dash pair needs the expiry keyword
    CHECK(found("What's the SWIFT code for my branch? The other bank says CVVXUSEA doesn't work") ==
          List{"SWIFT_CODE:CVVXUSEA"});
    CHECK(found("my passcode, I use 5877") == List{"PIN:5877"});
    CHECK(found("account 238373265 is due, can I pay from 1042250996?") ==
          List{"BANK_ACCOUNT_NUMBER:238373265", "BANK_ACCOUNT_NUMBER:1042250996"});
}

TEST_CASE("Offsets: code points for Comprehend, sorted and never overlapping, scores in (0, 1]", "[pii]") {
    const std::string t = "Größe: card 4111 1111 1111 1111 für José, email jose@example.com ✓";
    const auto m = detectPii(t);
    REQUIRE(m.size() == 2);
    const auto cp = codePointOffsets(t, m);
    // "Größe: card " is 12 code points (14 bytes)
    CHECK(cp[0] == std::pair<std::size_t, std::size_t>{12, 31});
    CHECK(m[0].begin == 14);
    CHECK(cp[1].second - cp[1].first == std::string("jose@example.com").size());
    for (const auto& x : m) {
        CHECK(x.score > 0.0f);
        CHECK(x.score <= 1.0f);
    }
    SECTION("random byte soup: matches stay sorted, disjoint, inside the text") {
        std::uint32_t seed = 12345;
        const std::string alphabet = "0123456789 -./:@#,AaBbZz\xC3\xA9\xE2\x82\xAC" "name is street Rd exp cvv ";
        for (int round = 0; round < 300; ++round) {
            std::string s;
            for (int i = 0; i < 120; ++i) {
                seed = seed * 1664525u + 1013904223u;
                s += alphabet[(seed >> 8) % alphabet.size()];
            }
            const auto ms = detectPii(s);
            std::size_t prevEnd = 0;
            for (const auto& x : ms) {
                REQUIRE(x.begin >= prevEnd);
                REQUIRE(x.end > x.begin);
                REQUIRE(x.end <= s.size());
                prevEnd = x.end;
            }
            const auto offs = codePointOffsets(s, ms);
            REQUIRE(offs.size() == ms.size());
        }
    }
}

TEST_CASE("Per-type client policy: defaults and the partner's JSON option", "[pii][policy]") {
    const PiiTypePolicy d;
    CHECK(d.of(PiiType::CreditDebitNumber) == PiiAction::Mask);
    CHECK(d.of(PiiType::Password) == PiiAction::Mask);
    CHECK(d.of(PiiType::PassportNumber) == PiiAction::Mask);
    CHECK(d.of(PiiType::CreditDebitCvv) == PiiAction::Mask);
    CHECK(d.of(PiiType::Name) == PiiAction::Send);
    CHECK(d.of(PiiType::Email) == PiiAction::Send);
    CHECK(d.of(PiiType::DateTime) == PiiAction::Send);

    auto p = parsePiiPolicy(R"({"ALL":"mask","DATE_TIME":"send","NAME":"ask"})");
    REQUIRE(p.ok());
    CHECK(p->of(PiiType::Email) == PiiAction::Mask);
    CHECK(p->of(PiiType::DateTime) == PiiAction::Send);
    CHECK(p->of(PiiType::Name) == PiiAction::AskFirst);
    auto only = parsePiiPolicy(R"({"EMAIL":"ask"})");
    REQUIRE(only.ok());
    CHECK(only->of(PiiType::Email) == PiiAction::AskFirst);
    CHECK(only->of(PiiType::CreditDebitNumber) == PiiAction::Mask);   // the rest keeps the default

    CHECK(parsePiiPolicy("[]").error().code == ErrorCode::MalformedJson);
    CHECK(parsePiiPolicy("{").error().code == ErrorCode::MalformedJson);
    CHECK(parsePiiPolicy(R"({"CREDIT_CARD":"mask"})").error().code == ErrorCode::InvalidValue);
    CHECK(parsePiiPolicy(R"({"NAME":"hide"})").error().code == ErrorCode::InvalidValue);
    CHECK(parsePiiPolicy(R"({"NAME":1})").error().code == ErrorCode::InvalidValue);
}

TEST_CASE("In-flight redaction: Connect's mask modes and entity list", "[pii][redaction]") {
    const std::string t = "I'm Dana Smith, card 4111 1111 1111 1111, email dana@example.com";
    PiiRedaction byType;
    CHECK(redactPii(t, byType) == "I'm Dana Smith, card [CREDIT_DEBIT_NUMBER], email [EMAIL]");   // default: no NAME
    PiiRedaction pii;
    pii.maskMode = PiiMaskMode::Pii;
    pii.entities = PiiTypeSet{}.add(PiiType::Name).add(PiiType::CreditDebitNumber);
    CHECK(redactPii(t, pii) == "I'm [PII], card [PII], email dana@example.com");
    PiiRedaction off;
    off.enabled = false;
    CHECK(redactPii(t, off) == t);
    CHECK(redactPii(t) == "I'm [NAME], card [CREDIT_DEBIT_NUMBER], email [EMAIL]");   // everything detected

    auto parsed = parsePiiRedaction(R"({"Enabled":true,"RedactionMaskMode":"PII","RedactionEntities":["NAME","EMAIL"]})");
    REQUIRE(parsed.ok());
    CHECK(parsed->maskMode == PiiMaskMode::Pii);
    CHECK(parsed->entities == PiiTypeSet{}.add(PiiType::Name).add(PiiType::Email));
    CHECK(parsePiiRedaction(R"({"RedactionEntities":["ALL"]})")->entities == PiiTypeSet::all());
    CHECK(parsePiiRedaction("{}")->entities == PiiRedaction::defaultEntities());
    CHECK(parsePiiRedaction(R"({"RedactionMaskMode":"Bullets"})").error().code == ErrorCode::InvalidValue);
    CHECK(parsePiiRedaction(R"({"RedactionEntities":["CREDIT_CARD"]})").error().code == ErrorCode::InvalidValue);
    CHECK(parsePiiRedaction(R"({"Enabled":"yes"})").error().code == ErrorCode::WrongType);
    CHECK(parsePiiRedaction(R"({"RedactionEntities":"NAME"})").error().code == ErrorCode::WrongType);
}

TEST_CASE("Keywords reach past counts and over alternatives, and survive typos", "[pii][context]") {
    SECTION("a count between the keyword and the value does not end the keyword's reach") {
        CHECK(found("my pin got locked after 2 tries, i entered 5093") == List{"PIN:5093"});
        CHECK(found("account frozen for 3 days now, it is 30498817") == List{"BANK_ACCOUNT_NUMBER:30498817"});
    }
    SECTION("an alternative or a sibling value takes the previous value's keyword") {
        CHECK(found("pin should be 7710, or maybe 7170") == List{"PIN:7710", "PIN:7170"});
        CHECK(found("pin is 6604 no wait 6640") == List{"PIN:6604", "PIN:6640"});
        CHECK(found("account 55120934, actually 55120943") ==
              List{"BANK_ACCOUNT_NUMBER:55120934", "BANK_ACCOUNT_NUMBER:55120943"});
        CHECK(found("my savings is 20938475. my son's is 88120934571") ==
              List{"BANK_ACCOUNT_NUMBER:20938475", "BANK_ACCOUNT_NUMBER:88120934571"});
        CHECK(found("cvv 123 and 456 more") == List{"CREDIT_DEBIT_CVV:123"});   // "and" is no alternative
        CHECK(found("account 12345678, reference 87654321") == List{"BANK_ACCOUNT_NUMBER:12345678"});
    }
    SECTION("a cue word one typo away: dropped, doubled or swapped letters") {
        CHECK(found("acount no 40029381") == List{"BANK_ACCOUNT_NUMBER:40029381"});
        CHECK(found("the accuont is 40029381") == List{"BANK_ACCOUNT_NUMBER:40029381"});
        CHECK(found("rouitng 021000021") == List{"BANK_ROUTING:021000021"});
        CHECK(found("amount 40029381") == kNone);      // two edits from "account"
        CHECK(found("my routine 021000021") == kNone); // the last letter changed: a word of its own
    }
}

TEST_CASE("Sort codes by shape, transit numbers, BICs with a location digit, compact expiries", "[pii][context]") {
    SECTION("NN-NN-NN that cannot be a date is a sort code; an 8-digit number beside it an account") {
        CHECK(found("pay Ama Owusu 40-47-84 please") == List{"NAME:Ama Owusu", "BANK_ROUTING:40-47-84"});
        CHECK(found("details: 09-01-28 / 71234590") == List{"BANK_ROUTING:09-01-28", "BANK_ACCOUNT_NUMBER:71234590"});
        CHECK(found("71234590, 30-96-26") == List{"BANK_ACCOUNT_NUMBER:71234590", "BANK_ROUTING:30-96-26"});
        CHECK(found("born 09-01-28") == List{"DATE_TIME:09-01-28"});   // a date of birth, not a sort code
        CHECK(found("order 09-01-28 arrived") == kNone);
        CHECK(found("call 01-40-47-84-22") == kNone);   // part of a longer dashed number
    }
    SECTION("a Canadian transit number: five digits after 'transit'") {
        CHECK(found("branch transit 04512") == List{"BANK_ROUTING:04512"});
        CHECK(found("transit 04512-004") == List{"BANK_ROUTING:04512-004"});
        CHECK(found("routing 04512") == kNone);
        CHECK(found("transit time 12345") == kNone);   // only fillers between keyword and number
    }
    SECTION("a BIC needs SWIFT/BIC, 'bank code', 'bank identifier' or IBAN, unless its location has a digit") {
        CHECK(found("please check BARCGB22 for me") == List{"SWIFT_CODE:BARCGB22"});
        CHECK(found("their bank code: COBADEFF") == List{"SWIFT_CODE:COBADEFF"});
        CHECK(found("bank identifier is BNPAFRPPXXX") == List{"SWIFT_CODE:BNPAFRPPXXX"});
        CHECK(found("my DEPOSITS are late") == kNone);          // "SI" is a country, but no cue, no digit
        CHECK(found("PLEASE CHECK ABCDGB22 NOW") == kNone);      // shouted: a product code among capitals
        CHECK(found("order KEYBUS12 arrived") == kNone);          // named as another kind of code
    }
    SECTION("expiry as MMYY, or a month and year, after an expiry cue") {
        CHECK(found("card exp 0829") == List{"CREDIT_DEBIT_EXPIRY:0829"});
        CHECK(found("expires 1130") == List{"CREDIT_DEBIT_EXPIRY:1130"});
        CHECK(found("exp 1330") == kNone);
        CHECK(found("the expiry date is March 2029") == List{"CREDIT_DEBIT_EXPIRY:March 2029"});
        CHECK(found("expires: Oct 28") == List{"CREDIT_DEBIT_EXPIRY:Oct 28"});
        CHECK(found("I moved in March 2029") == List{"DATE_TIME:March 2029"});
    }
}

TEST_CASE("Bot turns asking for a password, passport or SIN; other credentials and ids", "[pii][credentials]") {
    SECTION("the customer's turn after the bot asked") {
        CHECK(found("Bot: Could you type your password? User: Kettle#Blue4") == List{"PASSWORD:Kettle#Blue4"});
        CHECK(found("Bot: And your passport number. User: P8812043") == List{"PASSPORT_NUMBER:P8812043"});
        CHECK(found("Bot: What is your SIN? User: 046 454 286") == List{"CA_SOCIAL_INSURANCE_NUMBER:046 454 286"});
        CHECK(found("Bot: Could you type your password? User: nope") == kNone);
        CHECK(found("login details pw: Ab12-cd34 user: kai_m9 thanks") == List{"PASSWORD:Ab12-cd34", "USERNAME:kai_m9"});
    }
    SECTION("'today' between keyword and value; memorable words; dashed licences; a passport typo") {
        CHECK(found("got my new SIN today: 046 454 286") == List{"CA_SOCIAL_INSURANCE_NUMBER:046 454 286"});
        CHECK(found("my memorable word is teapot") == List{"PASSWORD:teapot"});
        CHECK(found("a memorable trip") == kNone);
        CHECK(found("driving licence W3318-55102-77104") == List{"DRIVER_ID:W3318-55102-77104"});
        CHECK(found("pasport no. 508813240") == List{"PASSPORT_NUMBER:508813240"});
        CHECK(found("can I give my username instead?") == kNone);
    }
    SECTION("'she is 17' is an age at the end of a clause, not before a unit") {
        CHECK(found("my daughter wants a card, she is 15") == List{"AGE:15"});
        CHECK(found("he is 16 years old") == List{"AGE:16 years"});
        CHECK(found("she is 17 minutes late") == kNone);
        CHECK(found("she is 5'4") == kNone);
        CHECK(found("he is 12:30 at the branch") == List{"DATE_TIME:12:30"});
    }
}

TEST_CASE("NAME: greetings and sign-offs, relations, 'X Y here', attn; brands and demonyms are not names", "[pii][name]") {
    SECTION("one capitalised word after a greeting or sign-off that ends the clause") {
        CHECK(found("Cheers Ngozi, sorted now") == List{"NAME:Ngozi"});
        CHECK(found("thanks Bartholomew!") == List{"NAME:Bartholomew"});
        CHECK(found("Thanks Again!") == kNone);
        CHECK(found("Thanks Mum!") == kNone);
        CHECK(found("hi Card services, help") == kNone);
    }
    SECTION("'it's'/'its' and a known name ending the clause; two capitalised words before 'here'") {
        CHECK(found("its maria again, any update?") == List{"NAME:maria"});
        CHECK(found("its broken again") == kNone);
        CHECK(found("Hello, Amara Nwosu here, quick question") == List{"NAME:Amara Nwosu"});
        CHECK(found("Canadian here, quick question") == kNone);
    }
    SECTION("relations and attention lines; a surname that is also a street suffix") {
        CHECK(found("take my ex Dana Hill off the account") == List{"NAME:Dana Hill"});
        CHECK(found("for the attn of the manager, attn Gareth Lloyd") == List{"NAME:Gareth Lloyd"});
        CHECK(found("beneficiary pls: Kemi Adeyemi") == List{"NAME:Kemi Adeyemi"});
    }
    SECTION("merchants and places after from/to are not names") {
        CHECK(found("a charge from Uber yesterday") == kNone);
        CHECK(found("refund from Amazon Prime") == kNone);
        CHECK(found("my transfer to Wells Fargo failed") == kNone);
    }
}

TEST_CASE("NAME: accents, particles, form fields, introductions, other languages; labels and shops are not names", "[pii][name]") {
    SECTION("accented capitals and spellings are name-like; particles and a change of case inside a name") {
        CHECK(found("Hello, it's Ágnes Kovács, my card is stuck") == List{"NAME:Ágnes Kovács"});
        CHECK(found("please pay Tomás de la Rosa tomorrow") == List{"NAME:Tomás de la Rosa"});
        CHECK(found("my name is henk van der linden") == List{"NAME:henk van der linden"});
        CHECK(found("My name is ana Dos-Santos") == List{"NAME:ana Dos-Santos"});
    }
    SECTION("a card's or a form's name field, whatever the case") {
        CHECK(found("name on the card renée dupont") == List{"NAME:renée dupont"});
        CHECK(found("Name on account: Kiri Te Rangi\nSort Code: 11-22-33") == List{"NAME:Kiri Te Rangi", "BANK_ROUTING:11-22-33"});
        CHECK(found("Recipient: tane parata\nAmount: 40") == List{"NAME:tane parata"});
        CHECK(found("From: Ingrid solberg <ingrid.s@example.no>") == List{"NAME:Ingrid solberg", "EMAIL:ingrid.s@example.no"});
    }
    SECTION("introductions after a greeting, in the customer's language, and 'X Y here'") {
        CHECK(found("hey its rangi walker, card won't work") == List{"NAME:rangi walker"});
        CHECK(found("hiya, this is eoghan brennan, quick one") == List{"NAME:eoghan brennan"});
        CHECK(found("guten tag, mein name ist jürgen weiß, bitte") == List{"NAME:jürgen weiß"});
        CHECK(found("hola, soy Lucía Fernández y necesito ayuda") == List{"NAME:Lucía Fernández"});
        CHECK(found("Morning, tipene walker here, need a hand") == List{"NAME:tipene walker"});
        CHECK(found("Kia ora, big problem here, card declined") == kNone);
        CHECK(found("hi its broken again") == kNone);
        CHECK(found("ok, its frozen, help") == kNone);
    }
    SECTION("relations, payees and answers to 'who am I speaking with?'") {
        CHECK(found("my husband tevita brown and I share it") == List{"NAME:tevita brown"});
        CHECK(found("my housemate Ruaidhrí paid it") == List{"NAME:Ruaidhrí"});
        CHECK(found("pay Sarah 250 for the rent") == List{"NAME:Sarah"});
        CHECK(found("wire 300 to aroha kingi 44556677") == List{"NAME:aroha kingi", "BANK_ACCOUNT_NUMBER:44556677"});
        CHECK(found("transfer 50 to joint savings now") == kNone);
        CHECK(found("Agent: Who am I speaking with?\nCustomer: eilidh mcgregor") == List{"NAME:eilidh mcgregor"});
        CHECK(found("Fergus McKay, 12 Ivy Road, Leeds LS6 2QE") == List{"NAME:Fergus McKay", "ADDRESS:12 Ivy Road, Leeds LS6 2QE"});
    }
    SECTION("not names: turn labels, field words, abbreviations, verbs after a modal, shops") {
        CHECK(found("Agent: Never give out your code. Customer: ok") == kNone);
        CHECK(found("Agent: Routing and account please.") == kNone);
        CHECK(found("Bot: Beneficiary IBAN? User: not sure") == kNone);
        CHECK(found("Hello, BIC: unknown") == kNone);
        CHECK(found("could my daughter call instead?") == kNone);
        CHECK(found("i was charged $25.00 by Harvey Norman twice") == kNone);
        CHECK(found("pay Hannah USD 20") == List{"NAME:Hannah"});   // not "Hannah USD"
        CHECK(found("is this what you need for interest reporting?") == kNone);
        CHECK(found("the payment to Bunnings Warehouse was declined") == kNone);
        CHECK(found("one card for the Mount Cook trip") == kNone);
        CHECK(found("the Queen Street Mall branch kept my card") == kNone);
        CHECK(found("it says name doesnt match") == kNone);
    }
    SECTION("more introductions: 'the name's', Portuguese, Swedish; a reply after a few words of assent") {
        CHECK(found("the name's Ravi Menon, card is blocked") == List{"NAME:Ravi Menon"});
        CHECK(found("olá, me chamo inês costa") == List{"NAME:inês costa"});
        CHECK(found("hej, jag heter Sven Ek") == List{"NAME:Sven Ek"});
        CHECK(found("Agent: And your full name?\nCustomer: yes sure, it's tui hemara") == List{"NAME:tui hemara"});
        CHECK(found("Beneficiary: van der Merwe, Pieter") == List{"NAME:van der Merwe, Pieter"});
        CHECK(found("the account is in the name of Mereana Potae") == List{"NAME:Mereana Potae"});
        CHECK(found("calling on behalf of aroha smith") == List{"NAME:aroha smith"});
        CHECK(found("what is the name of the account?") == kNone);
        CHECK(found("Bot: Your name?\nUser: de Klerk") == List{"NAME:de Klerk"});
        CHECK(found("Agent: Name of the payee?\nCustomer: it's for ana silva") == List{"NAME:ana silva"});
        CHECK(found("it's Jon, sorry Jonathan Price here") == List{"NAME:Jon", "NAME:Jonathan Price"});
    }
}

TEST_CASE("AGE of a relative or after 'turned'; PASSWORD named earlier; a day and month after 'on'", "[pii][age][credentials][date]") {
    SECTION("a relative's age: 'is N' up to three words after the relation; 'i turned N'") {
        CHECK(found("my grandson is 12, what account suits him?") == List{"AGE:12"});
        CHECK(found("my daughter Ruth is 9 and loves saving") == List{"NAME:Ruth", "AGE:9"});
        CHECK(found("she just turned 18 last week") == List{"AGE:18"});
        CHECK(found("i am 70 could you call me") == List{"AGE:70"});
        CHECK(found("my son is 5 minutes away") == kNone);          // not at a clause's end
        CHECK(found("the balance is 40, why?") == kNone);           // no relative
        CHECK(found("the dial turned 3 times") == kNone);
    }
    SECTION("an age right after a name: in brackets, or between commas after an introduction") {
        CHECK(found("my niece Ella (9) wants to save") == List{"NAME:Ella", "AGE:9"});
        CHECK(found("hello, I'm Tamati, 23, just started work") == List{"NAME:Tamati", "AGE:23"});
        CHECK(found("pay Sarah Jones, 50 today") == List{"NAME:Sarah Jones"});   // an amount, no introduction
        CHECK(found("DOB 1974") == List{"DATE_TIME:1974"});
    }
    SECTION("a password named earlier, its value after 'it was' or 'typed' when it looks like one") {
        CHECK(found("locked out, the password... I think it was Wombat#42") == List{"PASSWORD:Wombat#42"});
        CHECK(found("they asked for my password and I typed Kiwi2020 in") == List{"PASSWORD:Kiwi2020"});
        CHECK(found("forgot my password, I think it was about my dog") == kNone);   // no digit, symbol or inner capital
        CHECK(found("I typed Hello99 into the search box") == kNone);              // no password named
        CHECK(found("the password I tried was Rimu!2020") == List{"PASSWORD:Rimu!2020"});
        CHECK(found("password? I think it's Kereru77") == List{"PASSWORD:Kereru77"});
        CHECK(found("I changed my password, it was 2023 when I last did it") == kNone);   // a year
        CHECK(found("my password was reset yesterday") == kNone);    // what happened to it
        CHECK(found("password was changed, thanks") == kNone);
    }
    SECTION("day and month after 'on'; capitalised May and March after a preposition of time") {
        CHECK(found("the refund landed on 3/11 but vanished") == List{"DATE_TIME:3/11"});
        CHECK(found("I closed it in March") == List{"DATE_TIME:March"});
        CHECK(found("open 24/7 they said") == kNone);
        CHECK(found("on 3/4 of my statements the date is wrong") == kNone);
        CHECK(found("card exp on 05/29") == List{"CREDIT_DEBIT_EXPIRY:05/29"});
        CHECK(found("thanks for everything. May I ask one more?") == kNone);
    }
}

TEST_CASE("ADDRESS: Australian states and 4-digit postcodes, unit/number, Eircodes and districts, two localities", "[pii][address]") {
    SECTION("a unit and number with a slash, an Australian state and postcode, with or without a comma") {
        CHECK(found("moving to Unit 9/41 Wattle Ave Mosman NSW 2088 soon") == List{"ADDRESS:Unit 9/41 Wattle Ave Mosman NSW 2088"});
        CHECK(found("it's 3/17 banksia st, glenelg sa 5045 now") == List{"ADDRESS:3/17 banksia st, glenelg sa 5045"});
        CHECK(found("post it to 40 Kingsway, Hobart TAS 7000") == List{"ADDRESS:40 Kingsway, Hobart TAS 7000"});
        CHECK(found("office is Level 2, 100 George St, Sydney NSW 2000") == List{"ADDRESS:Level 2, 100 George St, Sydney NSW 2000"});
    }
    SECTION("a 4-digit postcode after the city; Irish districts and Eircodes; a second locality") {
        CHECK(found("new one is 8 Kauri Road, Whangarei 0110, thanks") == List{"ADDRESS:8 Kauri Road, Whangarei 0110"});
        CHECK(found("I live at 5 Quay Street Lower, Cork, T12 X8K4") == List{"ADDRESS:5 Quay Street Lower, Cork, T12 X8K4"});
        CHECK(found("send to 21 Oak Park, Ranelagh, Dublin 6, D06 K2W1 pls") == List{"ADDRESS:21 Oak Park, Ranelagh, Dublin 6, D06 K2W1"});
        CHECK(found("it's 90 Elm Grove Dr, Sea Point, Cape Town 8005") == List{"ADDRESS:90 Elm Grove Dr, Sea Point, Cape Town 8005"});
    }
    SECTION("no comma before the postcode; 'The Crescent'; Parade and Esplanade") {
        CHECK(found("address: 9 rata st nelson 7010") == List{"ADDRESS:9 rata st nelson 7010"});
        CHECK(found("deliver to 3 Mill Lane Oxford OX1 2AB please") == List{"ADDRESS:3 Mill Lane Oxford OX1 2AB"});
        CHECK(found("moved to 17 The Strand, Takapuna 0622") == List{"ADDRESS:17 The Strand, Takapuna 0622"});
        CHECK(found("at 2 Marine Parade, Napier 4110") == List{"ADDRESS:2 Marine Parade, Napier 4110"});
        CHECK(found("I have 3 The best cards") == kNone);
    }
    SECTION("not postcodes: a year or an amount after a city, a ratio before a street word") {
        CHECK(found("12 Kauri Road, Whangarei in 2024 was great") == List{"ADDRESS:12 Kauri Road, Whangarei", "DATE_TIME:2024"});
        CHECK(found("I live at 5 Quay Street, Cork 1234567") == List{"ADDRESS:5 Quay Street, Cork"});
    }
}

TEST_CASE("DATE_TIME: ordinal days, months alone, adjacent parts as one date", "[pii][date]") {
    CHECK(found("rent leaves on the 1st") == List{"DATE_TIME:1st"});
    CHECK(found("from the 3rd to the 17th, I was away") == List{"DATE_TIME:3rd", "DATE_TIME:17th"});
    CHECK(found("I live on the 2nd floor") == kNone);
    CHECK(found("we moved here in September") == List{"DATE_TIME:September"});
    CHECK(found("statements since Feb") == List{"DATE_TIME:Feb"});
    CHECK(found("I may be late") == kNone);
    CHECK(found("due Tuesday 4 March") == List{"DATE_TIME:Tuesday 4 March"});
    CHECK(found("booked for 9 May 2026, 14:15") == List{"DATE_TIME:9 May 2026, 14:15"});
    CHECK(found("on Monday at 3pm") == List{"DATE_TIME:Monday", "DATE_TIME:3pm"});
}

TEST_CASE("ADDRESS: continental and Canadian forms, units before the number, lines, no commas", "[pii][address]") {
    CHECK(found("send it to 8 rue de la Paix, 75002 Paris please") == List{"ADDRESS:8 rue de la Paix, 75002 Paris"});
    CHECK(found("I am at Lindenstrasse 41, 50674 Köln now") == List{"ADDRESS:Lindenstrasse 41, 50674 Köln"});
    CHECK(found("office: 1200 Boulevard Saint-Laurent E, Montréal, QC H2X 2S4") ==
          List{"ADDRESS:1200 Boulevard Saint-Laurent E, Montréal, QC H2X 2S4"});
    CHECK(found("Flat 7, 22 Elm Grove, Bristol BS6 5RA") == List{"ADDRESS:Flat 7, 22 Elm Grove, Bristol BS6 5RA"});
    CHECK(found("it is:\nUnit 4, 9 Mill Lane\nHexham\nNE46 3AB") == List{"ADDRESS:Unit 4, 9 Mill Lane\nHexham\nNE46 3AB"});
    CHECK(found("ship to 17 e 84th st apt 2b boston ma 02118") == List{"ADDRESS:17 e 84th st apt 2b boston ma 02118"});
    CHECK(found("I waited 20 minutes, in rue traffic") == kNone);
    CHECK(found("Rosenweg is closed") == kNone);
    CHECK(found("post it to Suite 210, Harbour House, Leeds LS1 4AP thanks") == List{"ADDRESS:Suite 210, Harbour House, Leeds LS1 4AP"});
    CHECK(found("Unit 3, Riverside Park is where we met") == kNone);   // no postcode
}

TEST_CASE("Holdout-3 families: dotted cards, CVV and expiry forms, spelt PINs, replies to a question", "[pii][context]") {
    SECTION("a card number in dot groups, Luhn-valid; decimals, IPs and invalid ones are not") {
        CHECK(found("card is 4111.1111.1111.1111 thanks") == List{"CREDIT_DEBIT_NUMBER:4111.1111.1111.1111"});
        CHECK(found("amex 3782.822463.10005") == List{"CREDIT_DEBIT_NUMBER:3782.822463.10005"});
        CHECK(found("the total was 4111.1111.1111.1112 units") == kNone);
        CHECK(found("server 192.168.1.1 and 1234.56 paid") == List{"IP_ADDRESS:192.168.1.1"});
    }
    SECTION("CVV: sec code, security no, a number on the back") {
        CHECK(found("sec code 953") == List{"CREDIT_DEBIT_CVV:953"});
        CHECK(found("security no: 130") == List{"CREDIT_DEBIT_CVV:130"});
        CHECK(found("it says 276 on the back") == List{"CREDIT_DEBIT_CVV:276"});
        CHECK(found("I left 12 on the back seat") == kNone);
        CHECK(found("security now matters 130 times") == kNone);
    }
    SECTION("expiry: MM.YY and a spaced slash after an expiry keyword, also across a turn") {
        CHECK(found("valid until 09.29") == List{"CREDIT_DEBIT_EXPIRY:09.29"});
        CHECK(found("Agent: And the expiry? Customer: 12 / 27") == List{"CREDIT_DEBIT_EXPIRY:12 / 27"});
        CHECK(found("it cost 12.50 and 09.29 was the rate") == kNone);
        CHECK(found("pages 12 / 27 of the statement") == kNone);
        CHECK(found("the passport expires 08/2031") == kNone);  // a document's expiry, not a card's
        CHECK(found("passport renewed, and my debit card expires 08/29") == List{"CREDIT_DEBIT_EXPIRY:08/29"});
    }
    SECTION("PIN: spelt digit by digit, p.i.n., a secure code asked for") {
        CHECK(found("my pin is 9 1 5 8") == List{"PIN:9 1 5 8"});
        CHECK(found("p.i.n. is 7 0 4 1") == List{"PIN:7 0 4 1"});
        CHECK(found("Bot: Please enter your 6-digit secure code. User: 204917") == List{"PIN:204917"});
        CHECK(found("I tried 3 times on 1 2 3 4 5 machines") == kNone);
        CHECK(found("the machine kept my card after i entered 4821 twice, it's the right pin") == List{"PIN:4821"});
        CHECK(found("i put in 2000 yesterday") == kNone);
        CHECK(found("my pin is blocked, i put in 500 $ yesterday") == kNone);
    }
    SECTION("account: a second number moved into; an agent's question answered; an institution number") {
        CHECK(found("close account 991044934810 and move everything into 799609950416") ==
              List{"BANK_ACCOUNT_NUMBER:991044934810", "BANK_ACCOUNT_NUMBER:799609950416"});
        CHECK(found("Agent: Can you confirm the account number the check was deposited into? Customer: 8588844256") ==
              List{"BANK_ACCOUNT_NUMBER:8588844256"});
        CHECK(found("transit 01234, institution 003") == List{"BANK_ROUTING:01234", "BANK_ROUTING:003"});
        CHECK(found("the institution has 300 branches") == kNone);
        CHECK(found("order 123456789 and move everything into 799609950416") == kNone);
    }
    SECTION("lists: a card number and its PIN, 'and' between the items") {
        CHECK(found("Bot: Please provide your card number and PIN. User: 4111111111111111 2280") ==
              List{"CREDIT_DEBIT_NUMBER:4111111111111111", "PIN:2280"});
        CHECK(found("Agent: I need the expiry and the security code. Customer: 10/28 and 382") ==
              List{"CREDIT_DEBIT_EXPIRY:10/28", "CREDIT_DEBIT_CVV:382"});
    }
}

TEST_CASE("CREDIT_DEBIT_NUMBER: groups set apart by a wider gap, as copied from a formatted field", "[pii][card]") {
    CHECK(found("someone used my card 4111  1111  1111  1111 at a shop") == List{"CREDIT_DEBIT_NUMBER:4111  1111  1111  1111"});
    CHECK(found("User: 4111\t1111\t1111\t1111") == List{"CREDIT_DEBIT_NUMBER:4111\t1111\t1111\t1111"});
    CHECK(found("amex 3782   822463   10005 pls") == List{"CREDIT_DEBIT_NUMBER:3782   822463   10005"});
    CHECK(found("mixed gaps 4111 1111  1111 1111 still") == List{"CREDIT_DEBIT_NUMBER:4111 1111  1111 1111"});
    // Not cards: Luhn fails, a table of numbers (a fifth group in the same gap), or gaps wider than three.
    CHECK(found("codes 4111  1111  1111  1112 here") == kNone);
    CHECK(found("row 4111  1111  1111  1111  2024 totals") == kNone);
    CHECK(found("4111      1111      1111      1111") == kNone);
}

TEST_CASE("Answers to the question asked, values named after them, card fields beside the card", "[pii][context]") {
    SECTION("a customer's answer as a list takes the fields the question named, in turn") {
        CHECK(found("Agent: Routing and account please. Customer: 021000021 then 12345678") ==
              List{"BANK_ROUTING:021000021", "BANK_ACCOUNT_NUMBER:12345678"});
        CHECK(found("Bot: Sort code and account number? User: 12345678 then 20-45-77") ==
              List{"BANK_ACCOUNT_NUMBER:12345678", "BANK_ROUTING:20-45-77"});
        CHECK(found("Agent: the sort code and the account number, please. Customer: 40 47 84 12345678") ==
              List{"BANK_ROUTING:40 47 84", "BANK_ACCOUNT_NUMBER:12345678"});
        CHECK(found("Bot: BSB and account? User: 062000 1234567890") ==
              List{"BANK_ROUTING:062000", "BANK_ACCOUNT_NUMBER:1234567890"});
        CHECK(found("Agent: Name, date of birth and account number? Customer: T. Mensah 3/9/1980 55501234") ==
              List{"NAME:T. Mensah", "DATE_TIME:3/9/1980", "BANK_ACCOUNT_NUMBER:55501234"});
        // a value the customer states ("it was X") refers to what the agent named
        CHECK(found("Agent: Please never tell anyone your PIN. Customer: oh no, I gave it out, it was 7391") == List{"PIN:7391"});
        // not an answer: the customer talks of something else
        CHECK(found("Agent: Routing and account please. Customer: hold on, let me find the letter, it came with ticket 12345678") ==
              kNone);
        CHECK(found("Agent: Never share your PIN. Customer: ok thanks, the branch said my case is 4521 days old") == kNone);
    }
    SECTION("a keyword right after the number names it: 'X is my savings account', '12-11-10 is the sort code'") {
        CHECK(found("12345678 is my savings account and 021000021 is the routing number") ==
              List{"BANK_ACCOUNT_NUMBER:12345678", "BANK_ROUTING:021000021"});
        CHECK(found("for the refund 10-11-12 is the sort code") == List{"BANK_ROUTING:10-11-12"});
        CHECK(found("5521 was my pin before the reset") == List{"PIN:5521"});
        CHECK(found("and 4418 is the cvv") == List{"CREDIT_DEBIT_CVV:4418"});
        CHECK(found("4418 is the amount of the cvv fee") == kNone);
    }
    SECTION("values listed after the fields were named take them in turn; the question's expiry") {
        CHECK(found("they wanted the card number, the three digits and my pin, so i gave 4111111111111111, 737 and 9999") ==
              List{"CREDIT_DEBIT_NUMBER:4111111111111111", "CREDIT_DEBIT_CVV:737", "PIN:9999"});
        CHECK(found("routing and account: 021000021, 55501234") == List{"BANK_ROUTING:021000021", "BANK_ACCOUNT_NUMBER:55501234"});
        CHECK(found("Agent: the amount and your card's expiry? Customer: $45.20 and 08/29") == List{"CREDIT_DEBIT_EXPIRY:08/29"});
        CHECK(found("i paid 45 and 55501234 was the reference, the bank says") == kNone);
        CHECK(found("pin 4821, then 16 times more") == List{"PIN:4821"});
    }
    SECTION("the chain's first group taken alone, the rest looked at again") {
        CHECK(found("Agent: account is 8 digits, sort code 6. Customer: 55501234 20 45 77") ==
              List{"BANK_ACCOUNT_NUMBER:55501234", "BANK_ROUTING:20 45 77"});
    }
    SECTION("'the code' and 'date' next to a card number are its CVV and expiry; MM/YY and CVV right after it") {
        CHECK(found("number 4111 1111 1111 1111 the code 381 and date 04/29") ==
              List{"CREDIT_DEBIT_NUMBER:4111 1111 1111 1111", "CREDIT_DEBIT_CVV:381", "CREDIT_DEBIT_EXPIRY:04/29"});
        CHECK(found("pay with 4242424242424242 11/28 907 please") ==
              List{"CREDIT_DEBIT_NUMBER:4242424242424242", "CREDIT_DEBIT_EXPIRY:11/28", "CREDIT_DEBIT_CVV:907"});
        CHECK(found("the promo code 381 and date 04/29") == kNone);                        // no card number
        CHECK(found("card 4242424242424242 was charged on 11/28 for 907 dollars") ==
              List{"CREDIT_DEBIT_NUMBER:4242424242424242", "DATE_TIME:11/28"});   // a day and month after "on", no expiry
    }
    SECTION("expiry forms: MM YY and MM.YY after the keyword, a typo'd CVV keyword") {
        CHECK(found("exp 09 30 cvv 123") == List{"CREDIT_DEBIT_EXPIRY:09 30", "CREDIT_DEBIT_CVV:123"});
        CHECK(found("expiry 11 27, thanks") == List{"CREDIT_DEBIT_EXPIRY:11 27"});
        CHECK(found("exp 07.28, csc 310") == List{"CREDIT_DEBIT_EXPIRY:07.28", "CREDIT_DEBIT_CVV:310"});
        CHECK(found("exp. date 10 / 2031") == List{"CREDIT_DEBIT_EXPIRY:10 / 2031"});
        CHECK(found("ccv 448") == List{"CREDIT_DEBIT_CVV:448"});
        CHECK(found("expires in 12 28 days") == kNone);            // no expiry right after the keyword
        CHECK(found("exp 13 30") == kNone);                        // no month 13
        CHECK(found("exp 09 30 11") == kNone);                     // three groups
    }
    SECTION("more keywords: rtg, 'coming out of', 'security digits'") {
        CHECK(found("acct#55501234 rtg#021000021") == List{"BANK_ACCOUNT_NUMBER:55501234", "BANK_ROUTING:021000021"});
        CHECK(found("the gym fee keeps coming out of 55501234 every month") == List{"BANK_ACCOUNT_NUMBER:55501234"});
        CHECK(found("security digits 902") == List{"CREDIT_DEBIT_CVV:902"});
        CHECK(found("3 out of 10 payments failed") == kNone);
    }
}

TEST_CASE("Unexplained account-like numbers in a message about money", "[pii][context]") {
    SECTION("a lone 6-17 digit number no keyword explains, in a message about accounts or payments") {
        CHECK(found("i sent 40 quid to 55501234 by mistake, can the bank recall it") == List{"BANK_ACCOUNT_NUMBER:55501234"});
        CHECK(found("the refund went to 123456789, not to my usual bank") == List{"BANK_ACCOUNT_NUMBER:123456789"});
        CHECK(found("direct deposit set up: 021000021 / 123456789") ==
              List{"BANK_ROUTING:021000021", "BANK_ACCOUNT_NUMBER:123456789"});   // an ABA number first of a pair
    }
    SECTION("not an amount, a date, a phone number, a reference, an order, a version or a count") {
        CHECK(found("transfer of 123456 dollars from my account please") == kNone);
        CHECK(found("i moved 250000 to my savings") == kNone);                       // a round amount
        CHECK(found("my bank says payment ref 55501234 failed") == kNone);
        CHECK(found("the money for order 55501234 never came back to my bank") == kNone);
        CHECK(found("invoice #55501234, paid by bank transfer") == kNone);
        CHECK(found("on 20250314 I sent money to my mum") == kNone);                 // YYYYMMDD
        CHECK(found("bank app version 10234567 crashes when I send money") == kNone);
        CHECK(found("there are 1234567 reasons the bank should refund me") == kNone);
        CHECK(found("the bank keeps ringing me from 02079460958") == kNone);
        CHECK(found("card ending 4444, the bank blocked a payment") == kNone);        // last 4
        CHECK(found("my parcel 55501234 is late") == kNone);                          // no money talk
    }
}

TEST_CASE("Holdout-4 word families: turn labels, replies, display names, address lines, years", "[pii][name][date]") {
    SECTION("a staff turn label and the fields a bank asks for are not names") {
        CHECK(found("Agent: Never share your PIN with anyone.") == kNone);
        CHECK(found("Bot: Routing and account please.") == kNone);
        CHECK(found("Hello, BIC: NWBKGB2L") == List{"SWIFT_CODE:NWBKGB2L"});
        CHECK(found("Agent: please give name, DOB and postcode") == kNone);
    }
    SECTION("the customer's turn answering a question about an NHS number, a licence or a user id") {
        CHECK(found("Agent: what is your NHS number? Customer: 9434765919") == List{"UK_NATIONAL_HEALTH_SERVICE_NUMBER:9434765919"});
        CHECK(found("Agent: what is your NHS number? Customer: 9434765918") == kNone);   // mod 11 fails
        CHECK(found("Bot: Enter your user ID. User: kofi_b77") == List{"USERNAME:kofi_b77"});
    }
    SECTION("names: before <email>, opening an address line, a lower-case given name, other languages") {
        CHECK(found("From: Ana lucia Pereira <ana.p@example.com>") == List{"NAME:Ana lucia Pereira", "EMAIL:ana.p@example.com"});
        CHECK(found("write to support <help@example.com>") == List{"EMAIL:help@example.com"});
        CHECK(found("Ines K. Oduya, 12 Harbour Road, Leeds LS1 4AP") ==
              List{"NAME:Ines K. Oduya", "ADDRESS:12 Harbour Road, Leeds LS1 4AP"});
        CHECK(found("hola, soy Lucia Romero y mi tarjeta no funciona") == List{"NAME:Lucia Romero"});
        CHECK(found("Agent: your full name? Customer: k. Mensah") == List{"NAME:k. Mensah"});
    }
    SECTION("a birth date D-M-YY after a birth question; a year after a preposition of time") {
        CHECK(found("Bot: What is your date of birth? User: 4-11-79") == List{"DATE_TIME:4-11-79"});
        CHECK(found("the range is 4-11-79") == kNone);
        CHECK(found("she was born in 1961") == List{"DATE_TIME:1961"});
        CHECK(found("a customer since 2004, never late") == List{"DATE_TIME:2004"});
        CHECK(found("my card ending in 1961 was declined") == kNone);
        CHECK(found("i put in 2000 dollars") == kNone);
    }
    SECTION("an AWS secret after 'key =' or right after its access key id") {
        CHECK(found("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") ==
              List{"AWS_SECRET_KEY:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"});
        CHECK(found("AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") ==
              List{"AWS_ACCESS_KEY:AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_KEY:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"});
        CHECK(found("key = the one on the ring") == kNone);
    }
}

TEST_CASE("Holdout-5 families: groups named after them, corrections, split cards, spelt digits, other languages", "[pii][context]") {
    SECTION("values in groups named right after them") {
        CHECK(found("hi, 062-000 is the bsb, 1234 5678 is the acct") ==
              List{"BANK_ROUTING:062-000", "BANK_ACCOUNT_NUMBER:1234 5678"});
        CHECK(found("20 45 77 is my sort code and 41234567 the account no.") ==
              List{"BANK_ROUTING:20 45 77", "BANK_ACCOUNT_NUMBER:41234567"});
        CHECK(found("12 3456 7890123 001 is my account no") == List{"BANK_ACCOUNT_NUMBER:12 3456 7890123 001"});
    }
    SECTION("corrections: 'should have been', 'not', 'but', 'the old one'") {
        CHECK(found("wrong acc no. 12345678 was used, it should have been 87654321") ==
              List{"BANK_ACCOUNT_NUMBER:12345678", "BANK_ACCOUNT_NUMBER:87654321"});
        CHECK(found("my sort code is 20-45-77 but the letter says 11-02-03") ==
              List{"BANK_ROUTING:20-45-77", "BANK_ROUTING:11-02-03"});
        CHECK(found("new pin 4821, the old one 7734 was too easy") == List{"PIN:4821", "PIN:7734"});
        CHECK(found("pin 4821 but 3 tries left") == List{"PIN:4821"});
    }
    SECTION("a routing number with any prefix where the customer calls it one") {
        CHECK(found("routing number 191904604") == List{"BANK_ROUTING:191904604"});   // checksum holds, prefix 19
        CHECK(found("191904604 and 55501234, the bank says") == List{"BANK_ACCOUNT_NUMBER:191904604", "BANK_ACCOUNT_NUMBER:55501234"});
    }
    SECTION("no phone number right after an order, tracking or reference word") {
        CHECK(found("tracking no 415-555-0132 still says in transit") == kNone);
        CHECK(found("order 0746 880 6383 never arrived") == kNone);
        CHECK(found("call me on 415-555-0132") == List{"PHONE:415-555-0132"});
    }
    SECTION("account groups, side-by-side sort code and account, a cheque's transit and institution, by the catch-all") {
        CHECK(found("send it to Aroha Smith 12-3456-7890123-001 thanks") ==
              List{"NAME:Aroha Smith", "BANK_ACCOUNT_NUMBER:12-3456-7890123-001"});
        CHECK(found("please send 40 pounds to 20 45 77 41234567") == List{"BANK_ROUTING:20 45 77", "BANK_ACCOUNT_NUMBER:41234567"});
        CHECK(found("refund should go to 9174-1643, sort code 40-23-58") ==
              List{"BANK_ACCOUNT_NUMBER:9174-1643", "BANK_ROUTING:40-23-58"});
        CHECK(found("my cheque says 01234-003 and account 7654321") ==
              List{"BANK_ROUTING:01234", "BANK_ROUTING:003", "BANK_ACCOUNT_NUMBER:7654321"});
        CHECK(found("my order says 01234-003, the bank refunded it") == kNone);
    }
    SECTION("a cheque's line: routing and account (US), transit, institution and account (Canada)") {
        CHECK(found("the bottom of my check reads 011000015 123456789 1001") ==
              List{"BANK_ROUTING:011000015", "BANK_ACCOUNT_NUMBER:123456789"});
        CHECK(found("my void cheque shows 01234 003 7654321") ==
              List{"BANK_ROUTING:01234", "BANK_ROUTING:003", "BANK_ACCOUNT_NUMBER:7654321"});
        CHECK(found("i wrote check 1001 for 250 dollars") == kNone);
    }
    SECTION("a BIC in lower case right after its keyword; MM-YYYY after an expiry keyword") {
        CHECK(found("swift code is barcgb22 for the wire") == List{"SWIFT_CODE:barcgb22"});
        CHECK(found("bic: cobadeffxxx") == List{"SWIFT_CODE:cobadeffxxx"});
        CHECK(found("swift code is required for the transfer") == kNone);
        CHECK(found("the barcgb22 code") == kNone);   // no keyword
        CHECK(found("exp: 09-2028") == List{"CREDIT_DEBIT_EXPIRY:09-2028"});
        CHECK(found("exp 09-20-28") == kNone);
    }
    SECTION("routing and account joined by '/' after 'routing/account'") {
        CHECK(found("routing/account: 011000015/123456789") == List{"BANK_ROUTING:011000015", "BANK_ACCOUNT_NUMBER:123456789"});
        CHECK(found("routing fee 011000015/123456789.50") == kNone);
    }
    SECTION("an IBAN in groups joined by dashes") {
        CHECK(found("iban: GB29-NWBK-6016-1331-9268-19") == List{"INTERNATIONAL_BANK_ACCOUNT_NUMBER:GB29-NWBK-6016-1331-9268-19"});
        CHECK(found("iban: GB29-NWBK-6016-1331-9268-18") == kNone);   // mod 97 fails
    }
    SECTION("money sent to a phone number is a phone number, not an account") {
        CHECK(found("paid via e-transfer to 416-555-0199 yesterday") == List{"PHONE:416-555-0199"});
        CHECK(found("please pay into account 416-555-0199") == List{"BANK_ACCOUNT_NUMBER:416-555-0199"});
    }
    SECTION("a card number sent in two halves after a card keyword") {
        CHECK(found("card is 4111 1111 \n Customer: 1111 1111 sorry sent too early") ==
              List{"CREDIT_DEBIT_NUMBER:4111 1111", "CREDIT_DEBIT_NUMBER:1111 1111"});
        CHECK(found("first half of the card is 41111111 and the rest 11111111") ==
              List{"CREDIT_DEBIT_NUMBER:41111111", "CREDIT_DEBIT_NUMBER:11111111"});
        CHECK(found("first half of the card is 41111111 and the rest 11111112") == kNone);   // Luhn fails
        CHECK(found("account 41111111 and 11111111") ==
              List{"BANK_ACCOUNT_NUMBER:41111111", "BANK_ACCOUNT_NUMBER:11111111"});   // no card keyword: accounts
    }
    SECTION("a CVV or PIN spelt in words; expiry keywords of other languages") {
        CHECK(found("the security code reads as four one nine") == kNone);     // "reads" is no filler
        CHECK(found("the security code is four one nine") == List{"CREDIT_DEBIT_CVV:four one nine"});
        CHECK(found("pin is two two eight one if that helps") == List{"PIN:two two eight one"});
        CHECK(found("pin is one two, no idea") == kNone);
        CHECK(found("CVV: 5 5 5") == List{"CREDIT_DEBIT_CVV:5 5 5"});
        CHECK(found("cvv fee of 5 5 5 5 5") == kNone);   // five digits: no CVV
        CHECK(found("mi tarjeta 4111 1111 1111 1111 caduca el 03/29") ==
              List{"CREDIT_DEBIT_NUMBER:4111 1111 1111 1111", "CREDIT_DEBIT_EXPIRY:03/29"});
        CHECK(found("Karte 4111 1111 1111 1111 g\xC3\xBCltig bis 05 / 28") ==
              List{"CREDIT_DEBIT_NUMBER:4111 1111 1111 1111", "CREDIT_DEBIT_EXPIRY:05 / 28"});
    }
}

TEST_CASE("Holdout-6 families: plural lists, slash and MICR lines, payroll rows, Canadian order, labels after", "[pii][context]") {
    SECTION("every value listed after a plural cue is one of them, and where the balance goes") {
        CHECK(found("please shut these accounts 5550123411 8801234567 71112223 and move what is left to 66123457") ==
              List{"BANK_ACCOUNT_NUMBER:5550123411", "BANK_ACCOUNT_NUMBER:8801234567", "BANK_ACCOUNT_NUMBER:71112223",
                   "BANK_ACCOUNT_NUMBER:66123457"});
        // a singular cue still gives each listed value a field of its own
        CHECK(found("account and pin: 88012345, 4821") == List{"BANK_ACCOUNT_NUMBER:88012345", "PIN:4821"});
    }
    SECTION("routing, account and check joined by slashes; a cheque's MICR line") {
        CHECK(found("rtn/acct/chk 021000021/44556677/1204 please") ==
              List{"BANK_ROUTING:021000021", "BANK_ACCOUNT_NUMBER:44556677"});
        CHECK(found("copied from the cheque: \xE2\x91\x86" "011000015\xE2\x91\x86 88123456701\xE2\x91\x88 1042") ==
              List{"BANK_ROUTING:011000015", "BANK_ACCOUNT_NUMBER:88123456701"});
        CHECK(found("\xE2\x91\x86" "123456789\xE2\x91\x86 88123456701\xE2\x91\x88") == kNone);   // ABA check fails
    }
    SECTION("payroll rows: name, routing, account") {
        CHECK(found("these employees bounced on payroll:\nAnna Berg 021000021 99001122\nLee Ong 026009593 120034567788") ==
              List{"NAME:Anna Berg", "BANK_ROUTING:021000021", "BANK_ACCOUNT_NUMBER:99001122", "NAME:Lee Ong",
                   "BANK_ROUTING:026009593", "BANK_ACCOUNT_NUMBER:120034567788"});
        CHECK(found("payroll ran for 123456789 99001122 people") == kNone);   // not ABA-valid: no row
        CHECK(found("for my staff's direct deposit: Anna Berg, 34812-004, acct 1234567") ==
              List{"NAME:Anna Berg", "BANK_ROUTING:34812-004", "BANK_ACCOUNT_NUMBER:1234567"});
    }
    SECTION("Canadian details: the label after the value, short institution cue, SIN named after it") {
        CHECK(found("71234 transit, 6543210 account. for the refund") ==
              List{"BANK_ROUTING:71234", "BANK_ACCOUNT_NUMBER:6543210"});
        CHECK(found("123456789 (ssn) and 5 May 1960 (dob)") == List{"SSN:123456789", "DATE_TIME:5 May 1960"});
        CHECK(found("routing 021000021 account 99001122") == List{"BANK_ROUTING:021000021", "BANK_ACCOUNT_NUMBER:99001122"});
        CHECK(found("pre-authorized debit: transit 12345 inst 004 account 7654321") ==
              List{"BANK_ROUTING:12345", "BANK_ROUTING:004", "BANK_ACCOUNT_NUMBER:7654321"});
        CHECK(found("046 454 286 is my sin for the tax slip") == List{"CA_SOCIAL_INSURANCE_NUMBER:046 454 286"});
        CHECK(found("my S.I.N. 046-454-286") == List{"CA_SOCIAL_INSURANCE_NUMBER:046-454-286"});
        CHECK(found("046 454 287 is my sin") == kNone);   // Luhn fails
        CHECK(found("order 046 454 286 shipped") == kNone);   // no SIN named
    }
    SECTION("card, expiry and CVV in a row, or each named after its value; a PIN named after it") {
        CHECK(found("4111111111111111 09-31 123 Ann Lee") ==
              List{"CREDIT_DEBIT_NUMBER:4111111111111111", "CREDIT_DEBIT_EXPIRY:09-31", "CREDIT_DEBIT_CVV:123", "NAME:Ann Lee"});
        CHECK(found("5555555555554444 is the card, 03/30 is the expiry and 737 the code on the back") ==
              List{"CREDIT_DEBIT_NUMBER:5555555555554444", "CREDIT_DEBIT_EXPIRY:03/30", "CREDIT_DEBIT_CVV:737"});
        CHECK(found("06/30 is the date of the meeting") == kNone);
        CHECK(found("9134 - that's the pin for the new card") == List{"PIN:9134"});
        CHECK(found("dbt card 4111 1111 1111 1111 xp 04-29") ==
              List{"CREDIT_DEBIT_NUMBER:4111 1111 1111 1111", "CREDIT_DEBIT_EXPIRY:04-29"});
        CHECK(found("Acc#1234567 SWFT DEUTDEFF for the wire") == List{"BANK_ACCOUNT_NUMBER:1234567", "SWIFT_CODE:DEUTDEFF"});
        CHECK(found("please fund it from 1234560000 today") == List{"BANK_ACCOUNT_NUMBER:1234560000"});
    }
    SECTION("names labelling listed numbers; businesses are no names; a loan number is no phone number") {
        CHECK(found("the twins' savings accounts please: Emma - 11223344; Oliver - 55667788") ==
              List{"NAME:Emma", "BANK_ACCOUNT_NUMBER:11223344", "NAME:Oliver", "BANK_ACCOUNT_NUMBER:55667788"});
        CHECK(found("new hire. Emma Novak - Routing: 021000021") == List{"NAME:Emma Novak", "BANK_ROUTING:021000021"});
        CHECK(found("Checking - 55667788 is the one") == List{"BANK_ACCOUNT_NUMBER:55667788"});
        CHECK(found("we pay Emma Walsh Plumbing every month") == kNone);
        CHECK(found("I work at Grace Garden Restaurant now") == kNone);
        CHECK(found("loan #416-555-0199 payment bounced") == kNone);
        CHECK(found("DATE 4/17 MERCHANT Corner Deli AMOUNT 12 dollars") == List{"DATE_TIME:4/17"});
        CHECK(found("the date 4/17 of the statement") == kNone);   // a fraction "of" something
        CHECK(found("call me on 416-555-0199 about the loan") == List{"PHONE:416-555-0199"});
    }
}

TEST_CASE("Holdout-7 families: typo'd and slash-joined cues, a dash expiry named after it, a new PIN", "[pii][context]") {
    SECTION("'srot code' (a typo); 'transit/institution' before a Canadian transit-institution pair") {
        CHECK(found("acct no 40112233 srot code 20-31-44 for the refund") ==
              List{"BANK_ACCOUNT_NUMBER:40112233", "BANK_ROUTING:20-31-44"});
        CHECK(found("payroll: transit/institution 45012-002 acct 7712345") ==
              List{"BANK_ROUTING:45012-002", "BANK_ACCOUNT_NUMBER:7712345"});
        CHECK(found("the srot of thing that happens 12-34") == kNone);
    }
    SECTION("'MM-YY the expiry'; not 'the expiry of' something") {
        CHECK(found("5555555555554444 is the card, 07-31 the expiry, block it") ==
              List{"CREDIT_DEBIT_NUMBER:5555555555554444", "CREDIT_DEBIT_EXPIRY:07-31"});
        CHECK(found("the talk runs 10-12 the expiry of the offer is soon") == kNone);
    }
    SECTION("a new PIN after the old one: 'i want', 'change it to', 'the new one'") {
        CHECK(found("current pin 7261, i want 0954") == List{"PIN:7261", "PIN:0954"});
        CHECK(found("my pin is 4410, change it to 8823 please") == List{"PIN:4410", "PIN:8823"});
        CHECK(found("pin 3355 and the new one 6071") == List{"PIN:3355", "PIN:6071"});
        CHECK(found("my pin is 4410, i want 2 new cards") == List{"PIN:4410"});
        CHECK(found("my account is fine, i want 5000 out") == kNone);
        CHECK(found("my old pin was 4410 and i want 5000 withdrawn") == List{"PIN:4410"});   // an amount
    }
}

TEST_CASE("Holdout-7 families: Indian addresses, labels in brackets after values, shops and warnings are no names",
          "[pii][name][context]") {
    SECTION("'N, <Name> Road, <City> <6-digit PIN code>'; the comma form needs the PIN code") {
        CHECK(found("my new address is 22, Park Street, Kolkata 700016") == List{"ADDRESS:22, Park Street, Kolkata 700016"});
        CHECK(found("change billing address on 4111111111111111 to 7, Linking Road, Mumbai 400050") ==
              List{"CREDIT_DEBIT_NUMBER:4111111111111111", "ADDRESS:7, Linking Road, Mumbai 400050"});
        CHECK(found("we met on 12, Main Road, and paid 500") == kNone);
        CHECK(found("room 4, Station Road, Leeds 912345") == kNone);   // no Indian PIN code starts with 9
    }
    SECTION("values labelled in brackets after them; a routing typo 'rtng'") {
        CHECK(found("40112233 (account) 20-31-44 (sort code) Ann Lee (name) - is this right") ==
              List{"BANK_ACCOUNT_NUMBER:40112233", "BANK_ROUTING:20-31-44", "NAME:Ann Lee"});
        CHECK(found("40112233 (account) 203144 (sort code)") == List{"BANK_ACCOUNT_NUMBER:40112233", "BANK_ROUTING:203144"});
        CHECK(found("what goes in the field marked (name) please") == kNone);
        CHECK(found("rtng 021000021 acct 12345678") == List{"BANK_ROUTING:021000021", "BANK_ACCOUNT_NUMBER:12345678"});
        CHECK(found("40112233 / 203144 - pay the refund there please") ==
              List{"BANK_ACCOUNT_NUMBER:40112233", "BANK_ROUTING:203144"});   // a UK account and its sort code
        CHECK(found("40112233 and 203144 - pay the refund there please") !=
              List{"BANK_ACCOUNT_NUMBER:40112233", "BANK_ROUTING:203144"});   // no slash: not read as the pair
    }
    SECTION("a shop an order came from; 'warning' after 'payee name'") {
        CHECK(found("order #55120 from Blue Bottle Coffee never arrived") == kNone);
        CHECK(found("order #55120 from Tim Hortons never arrived") == kNone);
        CHECK(found("a transfer from Emma Walsh arrived") == List{"NAME:Emma Walsh"});   // no order: a person
        CHECK(found("wrong payee name warning came up, is it safe?") == kNone);
        CHECK(found("payee name: Emma Walsh") == List{"NAME:Emma Walsh"});
    }
}

TEST_CASE("Holdout-8 families: typo'd cues, account-type labels in brackets, jobs and currency codes are no names",
          "[pii][name][context]") {
    SECTION("'securty code' and 'swfit' (typos) as cues") {
        CHECK(found("securty code 418 card 4111 1111 1111 1111 - refund me") ==
              List{"CREDIT_DEBIT_CVV:418", "CREDIT_DEBIT_NUMBER:4111 1111 1111 1111"});
        CHECK(found("is the swfit code BARCGB22XXX right") == List{"SWIFT_CODE:BARCGB22XXX"});
        CHECK(found("the securty team called me at 3") == kNone);
    }
    SECTION("'(checking)'/'(savings)' after an account, beside a routing number labelled the same way") {
        CHECK(found("021000021 (routing) 40112233 (savings) - my wages never came") ==
              List{"BANK_ROUTING:021000021", "BANK_ACCOUNT_NUMBER:40112233"});
        CHECK(found("i have 2 (checking) and 3 (savings) accounts") == kNone);
    }
    SECTION("a sort code in pairs, ' / ', an 8-digit account (no cue); a letters-dash-digits id is no account") {
        CHECK(found("53 12 07 / 61234598 thats my details, why did my pay not come in") ==
              List{"BANK_ROUTING:53 12 07", "BANK_ACCOUNT_NUMBER:61234598"});
        CHECK(found("53-12-07 / 6123 4598 thats my details, refund it") ==
              List{"BANK_ROUTING:53-12-07", "BANK_ACCOUNT_NUMBER:6123 4598"});
        CHECK(found("order 53 12 07 / 61234598 units, refund please") == kNone);
        CHECK(found("the transfer INV-661234 to my savings is pending") == kNone);
        CHECK(found("pay INV-661234 from account 40112233") == List{"BANK_ACCOUNT_NUMBER:40112233"});
    }
    SECTION("an age in brackets after a relative; not a year nor another bracketed word") {
        CHECK(found("can my son (7) get a kids card") == List{"AGE:7"});
        CHECK(found("my son (2020) got a kids card") == kNone);
        CHECK(found("the card (2) was lost") == kNone);
    }
    SECTION("'Payee details:' then a name in any case") {
        CHECK(found("Payee details: anna kowalski, 20-31-44, 40112233. Payment returned") ==
              List{"NAME:anna kowalski", "BANK_ROUTING:20-31-44", "BANK_ACCOUNT_NUMBER:40112233"});
        CHECK(found("Payee details: see attached") == kNone);
    }
    SECTION("a job before 'here', a currency code, a verb after a relative") {
        CHECK(found("uber driver here, my payout is late") == kNone);
        CHECK(found("i sent my landlord USD 900 by mistake") == kNone);
        CHECK(found("my mum needs the bic to pay me") == kNone);
        CHECK(found("Emma here, my payout is late") == List{"NAME:Emma"});
    }
}

TEST_CASE("Holdout-9/10 families: branch codes, a sort code before 'account number', 'no' as a correction, one-time passcodes",
          "[pii][context]") {
    SECTION("a South African (universal) branch code: 6 digits, as a sort code") {
        CHECK(found("my savings account 62841937712 at the Durban branch, branch code 250655, still shows the old limit") ==
              List{"BANK_ACCOUNT_NUMBER:62841937712", "BANK_ROUTING:250655"});
        CHECK(found("the universal branch code is 632005 for all our branches") == List{"BANK_ROUTING:632005"});
        CHECK(found("the branch code on the letter says 'KAR-12'") == kNone);
    }
    SECTION("a sort code named before its number, then 'account number' with its own") {
        CHECK(found("sort code 401276 account number 31926405, why was it frozen") ==
              List{"BANK_ROUTING:401276", "BANK_ACCOUNT_NUMBER:31926405"});
    }
    SECTION("'no' corrects a value: the second takes the keyword too") {
        CHECK(found("sort code 40 11 62, no, 40 11 26 sorry") == List{"BANK_ROUTING:40 11 62", "BANK_ROUTING:40 11 26"});
    }
    SECTION("a one-time passcode or one-time PIN is a code sent by the bank, not the customer's PIN") {
        CHECK(found("my one-time passcode is 482913 but the app rejects it") == kNone);
        CHECK(found("the one time pin 5521 did not arrive") == kNone);
        CHECK(found("my passcode is 482913 and the app rejects it") == List{"PIN:482913"});
    }
}

TEST_CASE("Holdout-10 families: credentials in casual chat", "[pii][credentials]") {
    SECTION("a password written down as X; 'my pass is X' when it looks like one") {
        CHECK(found("i have my password down as Galway#2011 and it wont take it") == List{"PASSWORD:Galway#2011"});
        CHECK(found("my pass is brunch88! but it locked me out") == List{"PASSWORD:brunch88!"});
        CHECK(found("my bus pass is expired lol") == kNone);
    }
    SECTION("'user is X' when X is shaped like a handle; logging / signed in as X") {
        CHECK(found("reset it pls, user is MangoLassiTom and i cant get in") == List{"USERNAME:MangoLassiTom"});
        CHECK(found("the user is blocked apparently") == kNone);
        CHECK(found("i was signed in as jo.pretorius when it crashed") == List{"USERNAME:jo.pretorius"});
        CHECK(found("kept logging in as kiwi_fern99 and nothing") == List{"USERNAME:kiwi_fern99"});
    }
    SECTION("a handle starting with a stop word: 'the_volga' is no filler and no stop word") {
        CHECK(found("forgot it again. username the_harbour") == List{"USERNAME:the_harbour"});
        CHECK(found("Agent: What's your username? Customer: the_kettle") == List{"USERNAME:the_kettle"});
    }
    SECTION("after a password reset request, 'it's X' is the login, not the password") {
        CHECK(found("password reset please, it's Zanele.Dube") == List{"USERNAME:Zanele.Dube"});
        CHECK(found("need a pwd reset, its the_lighthouse") == List{"USERNAME:the_lighthouse"});
        CHECK(found("forgot my password, i think it was Lemon!Tree9") == List{"PASSWORD:Lemon!Tree9"});
    }
}

TEST_CASE("Holdout-9/10 families: people named by their role, sign-offs, double-barrelled names, company forms",
          "[pii][name]") {
    SECTION("a neighbour, tenant, employee or executor; the neighbour's age") {
        CHECK(found("my neighbour Olusegun Bakare is 81 and needs help with his card") ==
              List{"NAME:Olusegun Bakare", "AGE:81"});
        CHECK(found("my tenant Siobhán Kearney paid into the wrong account") == List{"NAME:Siobhán Kearney"});
        CHECK(found("the salary of employee Thabo Mokoena bounced") == List{"NAME:Thabo Mokoena"});
        CHECK(found("I am the executor, Johanna Visser, for the estate") == List{"NAME:Johanna Visser"});
        CHECK(found("my neighbour is noisy") == kNone);
    }
    SECTION("'she is X' / 'he's X': one capitalised word only at the clause's end") {
        CHECK(found("the account is for my niece. She is Lucinda.") == List{"NAME:Lucinda"});
        CHECK(found("yes he's Tomasz Wójcik, my partner") == List{"NAME:Tomasz Wójcik"});
        CHECK(found("She is Ready to sign today") == kNone);
    }
    SECTION("a German sign-off; a chat sign-off after the name") {
        CHECK(found("Bitte um Rückruf. Mit freundlichen Grüßen, Katrin Albers") == List{"NAME:Katrin Albers"});
        CHECK(found("pls fix it, thanks, Amelia Fortescue-Hale thx") == List{"NAME:Amelia Fortescue-Hale"});
    }
    SECTION("double-barrelled lower-case names after a cue; 'e-transfer' and 'top-up' are no names") {
        CHECK(found("add mary-jane fitz-simmons as a payee please") == List{"NAME:mary-jane fitz-simmons"});
        CHECK(found("add e-transfer top-up as an option") == kNone);
    }
    SECTION("a company's legal form after its name; the bank a customer banks with") {
        CHECK(found("please pay EUR 400 to Schneider Logistik GmbH today") == kNone);
        CHECK(found("the invoice from Groene Tuinen BV is wrong") == kNone);
        CHECK(found("I bank with BNP PARIBAS in Lyon") == kNone);
    }
}

TEST_CASE("Holdout-9/10 families: a Canadian unit-civic number, an abbreviated German street", "[pii][address]") {
    CHECK(found("new address: 1203-3340 Rue Saint-Denis, Montréal, QC H2X 3L1") ==
          List{"ADDRESS:1203-3340 Rue Saint-Denis, Montréal, QC H2X 3L1"});
    CHECK(found("ich wohne jetzt in Schillerstr. 14, 70173 Stuttgart, bitte ändern") == List{"ADDRESS:Schillerstr. 14, 70173 Stuttgart"});
    CHECK(found("it cost 12-1500 dollars at Rue Sainte-Catherine shops") == kNone);
}

TEST_CASE("Holdout-9/10 families: licences named before their number, identity documents' expiry dates, Singapore blocks",
          "[pii][context]") {
    SECTION("a driver's licence, then its number in the next clause; 'drivers lic'") {
        CHECK(found("could i use my driving licence then? the number is 4417290385") == List{"DRIVER_ID:4417290385"});
        CHECK(found("drivers lic WOODS702114AB9CD pls") == List{"DRIVER_ID:WOODS702114AB9CD"});
        CHECK(found("my driving licence expired, what number should i call") == kNone);
    }
    SECTION("an identity document's expiry is a date, a card's is an expiry") {
        CHECK(found("my passport no is K2281734, expires aug 27, can i still open it") ==
              List{"PASSPORT_NUMBER:K2281734", "DATE_TIME:aug 27"});
        CHECK(found("passport 553019442 expires 09/27 is that a problem") ==
              List{"PASSPORT_NUMBER:553019442", "DATE_TIME:09/27"});
        CHECK(found("card expires aug 27") == List{"CREDIT_DEBIT_EXPIRY:aug 27"});
    }
    SECTION("a Singapore block, its street's number and unit, and the postcode") {
        CHECK(found("please post it to Blk 118 Bedok North Ave 4 #03-217, Singapore 460118 thanks") ==
              List{"ADDRESS:Blk 118 Bedok North Ave 4 #03-217, Singapore 460118"});
    }
}

TEST_CASE("Holdout-9/10 families: accounts announced with a colon, in a transfer's SMS, a balance; local phone numbers",
          "[pii][context]") {
    SECTION("the keyword reaches to a value the sentence announces with a colon") {
        CHECK(found("right, the account number, let me find the letter first: 61 05 92 18") ==
              List{"BANK_ACCOUNT_NUMBER:61 05 92 18"});
        CHECK(found("the account number, bear with me while i read it: 712 406 3318") ==
              List{"BANK_ACCOUNT_NUMBER:712 406 3318"});
        CHECK(found("my account is locked, please call me on this one: 712 406 3318") == List{"PHONE:712 406 3318"});
    }
    SECTION("'from'/'to' right before numbers after a transfer and its amount") {
        CHECK(found("SMS says: Transfer of $1200.00 from 118-204417-3 to 552-903318-1 done. not me!") ==
              List{"BANK_ACCOUNT_NUMBER:118-204417-3", "BANK_ACCOUNT_NUMBER:552-903318-1"});
        CHECK(found("transfer of $50.44 to Monzo, ref FP-76528197, still pending") == kNone);
    }
    SECTION("'balance on' an account") {
        CHECK(found("hey whats the balance on 03318820471 pls") == List{"BANK_ACCOUNT_NUMBER:03318820471"});
    }
    SECTION("a 7-digit local number after a phone's word; not without one") {
        CHECK(found("still no callback, I'm reachable on 555.0148") == List{"PHONE:555.0148"});
        CHECK(found("my new phone is 867-5309 btw") == List{"PHONE:867-5309"});
        CHECK(found("invoice 867-5309 is overdue") == kNone);
    }
}

TEST_CASE("Holdout-10 family: whom a customer asks to verify", "[pii][name]") {
    CHECK(found("verify: oluwaseun adeyemi, date of birth 3rd May 1979") == List{"NAME:oluwaseun adeyemi", "DATE_TIME:3rd May 1979"});
    CHECK(found("can you verify Gareth Pryce for me") == List{"NAME:Gareth Pryce"});
    CHECK(found("please verify my identity, and verify the payment from Thursday") == List{"DATE_TIME:Thursday"});
    CHECK(found("how do i verify Apple Pay on this card") == kNone);
}

TEST_CASE("Holdout-9/10 families: role cues need a known name or two words", "[pii][name]") {
    CHECK(found("the employee Helpdesk keeps logging me out") == kNone);
    CHECK(found("ask my tenant Onboarding form for it") == kNone);
    CHECK(found("my neighbour Ahmed needs a card reader") == List{"NAME:Ahmed"});
}

TEST_CASE("Holdout-9/10 families: a licence's next-clause number is not another field's; a boarding pass is no password",
          "[pii][credentials]") {
    CHECK(found("my drivers licence is fine, the account number is 40112233") == List{"BANK_ACCOUNT_NUMBER:40112233"});
    CHECK(found("my boarding pass is BA2490X for the flight") == kNone);
}

TEST_CASE("Holdout-11 family: typographic quotes, dashes and emoji are punctuation, not part of a word", "[pii][name]") {
    CHECK(found("the letter starts “Dear Zoë Abernathy, your card is ready”") == List{"NAME:Zoë Abernathy"});
    CHECK(found("hey it's Anouk 🙂 lost my card again") == List{"NAME:Anouk"});
    CHECK(found("my name is 🙂Lorna Haddad") == List{"NAME:Lorna Haddad"});
}

TEST_CASE("Holdout-11 family: form labels with a dash, the deceased, a professional 'is', a quoted name, 'is me'", "[pii][name]") {
    const std::vector<std::string> cases[] = {
        {"from the application: | Applicant – zoë kuznetsova | Mobile – 07700 900123", "NAME:zoë kuznetsova"},
        {"bereavement notice: deceased tomasz wieczorek, please close his account", "NAME:tomasz wieczorek"},
        {"our accountant is Nkem Oduya, she needs statements", "NAME:Nkem Oduya"},
        {"my name is “Ingrid Solberg”, not Ingrid Solbrg", "NAME:Ingrid Solberg"},
        {"Is me Anouk, I write from the phone of my daughter", "NAME:Anouk"},
    };
    for (const auto& c : cases) {
        INFO(c[0]);
        const List got = found(c[0]);
        CHECK(std::find(got.begin(), got.end(), c[1]) != got.end());
    }
    CHECK(found("the deceased estate account is still open") == kNone);
    CHECK(found("our accountant is away until Monday") == List{"DATE_TIME:Monday"});
}

TEST_CASE("Holdout-11 family: an app passcode with letters is a password; a service's credential after 'for ... is'", "[pii][credentials]") {
    CHECK(found("the app keeps rejecting me. Passcode is Lantern%42, I typed it twice") == List{"PASSWORD:Lantern%42"});
    CHECK(found("my password for the mobile app is tR33top_9 but it fails") == List{"PASSWORD:tR33top_9"});
    CHECK(found("my online banking id is kwame_b, locked out") == List{"USERNAME:kwame_b"});
    CHECK(found("the sms passcode is AB12CD but it expired") == kNone);
    CHECK(found("my passcode for the app is wrong apparently") == kNone);
}

TEST_CASE("Holdout-11 family: passports and licences in capitals and digits, licences in digit groups", "[pii][credentials]") {
    CHECK(found("for the trip, my passport is K7RQ2M9XA") == List{"PASSPORT_NUMBER:K7RQ2M9XA"});
    CHECK(found("docs attached: passport BRTKHZLPQ, thanks") == List{"PASSPORT_NUMBER:BRTKHZLPQ"});
    CHECK(found("the app refused my driver's licence WDLQ7TRZ2K4M yesterday") == List{"DRIVER_ID:WDLQ7TRZ2K4M"});
    CHECK(found("Driver license: 318 440 207") == List{"DRIVER_ID:318 440 207"});
    CHECK(found("my passport is EXPIRED and my licence is SUSPENDED") == kNone);
}

TEST_CASE("Holdout-11 family: an ISO date after an account's keyword is a date", "[pii][account]") {
    CHECK(found("payment from my savings account on 2025-11-03 never showed up") == List{"DATE_TIME:2025-11-03"});
    CHECK(found("account 2025-11-03-77 please") != List{"DATE_TIME:2025-11-03"});
}

TEST_CASE("Holdout-11 family: 'I have N years' as a learner says an age", "[pii][age]") {
    CHECK(found("good morning, I have 72 years and need help with my savings") == List{"AGE:72"});
    CHECK(found("I have 57 years") == List{"AGE:57"});
    CHECK(found("I have 25 years to repay the mortgage") == kNone);
    CHECK(found("I have 3 years and 2 months left on the loan") == kNone);
}

TEST_CASE("Holdout-11 family: the card's back in a learner's words names its CVV", "[pii][card]") {
    CHECK(found("my card 4539 1488 0343 6467 is lost, behind is written 318") ==
          List{"CREDIT_DEBIT_NUMBER:4539 1488 0343 6467", "CREDIT_DEBIT_CVV:318"});
    CHECK(found("card 4539 1488 0343 6467, at the back it says 072") ==
          List{"CREDIT_DEBIT_NUMBER:4539 1488 0343 6467", "CREDIT_DEBIT_CVV:072"});
    CHECK(found("I am behind by 3 payments on the loan") == kNone);
}

TEST_CASE("Holdout-11 family: a ticket after a greeting and an account's tier are no names", "[pii][name]") {
    CHECK(found("hello Ticket #4471 is still unanswered") == kNone);
    CHECK(found("upgrade me from Student Silver to Gold please") == kNone);
}

TEST_CASE("Holdout-11 family: a number asked about, 'is N my card PIN?', is named by what follows", "[pii][card]") {
    CHECK(found("wait, is 7302 my card PIN or the one for online banking?") == List{"PIN:7302"});
    CHECK(found("is 250 my card limit?") == kNone);
}

TEST_CASE("Holdout-12 family: addresses written abroad, street type first or a district after the street", "[pii][address]") {
    const std::vector<std::string> cases[] = {
        {"please post the new card to ul. Marszalkowska 104/122, 00-017 Warszawa, thanks", "ADDRESS:ul. Marszalkowska 104/122, 00-017 Warszawa"},
        {"Moro na Avenida Afonso Pena, 1578, apto 12, Belo Horizonte - MG, 30130-010",
         "ADDRESS:Avenida Afonso Pena, 1578, apto 12, Belo Horizonte - MG, 30130-010"},
        {"new address: 54 Le Loi, Phuong Ben Nghe, District 1, Da Nang", "ADDRESS:54 Le Loi, Phuong Ben Nghe, District 1, Da Nang"},
        {"my flat is at Inonu Cad. No:7 D:2, Besiktas, Izmir", "ADDRESS:Inonu Cad. No:7 D:2, Besiktas, Izmir"},
        {"Calle Mayor 12, 28013 Madrid", "ADDRESS:Calle Mayor 12, 28013 Madrid"},
        {"Via Garibaldi 8, 20121 Milano", "ADDRESS:Via Garibaldi 8, 20121 Milano"},
        {"21 Akin Adesola Street, Ikoyi, Lagos", "ADDRESS:21 Akin Adesola Street, Ikoyi, Lagos"},
        {"my address: Jl. Thamrin No. 10, Jakarta Pusat 10350", "ADDRESS:Jl. Thamrin No. 10, Jakarta Pusat 10350"},
        {"Mehmet Akif Mah. Gul Sk. No:12/3 Umraniye/Istanbul", "ADDRESS:Mehmet Akif Mah. Gul Sk. No:12/3 Umraniye/Istanbul"},
        {"House No. 12, Sector 15, Gurugram, Haryana 122001", "ADDRESS:House No. 12, Sector 15, Gurugram, Haryana 122001"},
        {"Plot 5, Admiralty Way, Lekki Phase 1, Lagos", "ADDRESS:Plot 5, Admiralty Way, Lekki Phase 1, Lagos"},
        {"Blk 5 Lot 12, Mabini St., Brgy. San Isidro, Makati City", "ADDRESS:Blk 5 Lot 12, Mabini St., Brgy. San Isidro, Makati City"},
        {"C/ Mayor 12, 3B, 28013 Madrid", "ADDRESS:C/ Mayor 12, 3B, 28013 Madrid"},
    };
    for (const auto& c : cases) {
        INFO(c[0]);
        CHECK(found(c[0]) == List{c[1]});   // the whole address, and no NAME inside it ("Afonso Pena", "Le Loi")
    }
    // Street-like words that are no address: a payment app after "via", a bar's number of times.
    CHECK(found("I paid 45 via Zelle 50 minutes ago.") == kNone);
    CHECK(found("Charged twice at Rua Bar 12 times this month.") == kNone);
    CHECK(found("Paid Avenida Bar 25 dollars yesterday") == kNone);
    CHECK(found("Lot 5, Item 3, Box 2 at the auction") == kNone);
    CHECK(found("the meeting on Via Appia was fine") == kNone);
    // A city alone after "from" is no name.
    CHECK(found("greetings, Divina here from Makati City") == List{"NAME:Divina"});
    CHECK(found("Hi, Ana here, writing from Sao Paulo.") == List{"NAME:Ana"});
    CHECK(found("I got a transfer from Maria Santos yesterday") == List{"NAME:Maria Santos"});   // a person still
}

TEST_CASE("Holdout-12 family: names after an identity question, a wire's sender, 'name was', formal letters, other languages",
          "[pii][name]") {
    CHECK(found("Bot: Please confirm your identity. User: Chidi Okafor Bot: Thank you.") == List{"NAME:Chidi Okafor"});
    CHECK(found("Remittance from Lisbon, sender Joao Brandao, nothing arrived yet") == List{"NAME:Joao Brandao"});
    CHECK(found("my late husband's name was Bongani Zulu, he passed in May") == List{"NAME:Bongani Zulu", "DATE_TIME:May"});
    CHECK(found("Yours faithfully, Margaret Ellworth") == List{"NAME:Margaret Ellworth"});
    CHECK(found("I, Okonkwo, Adaeze, born 2 March 1970, request closure of the account.") ==
          List{"NAME:Okonkwo, Adaeze", "DATE_TIME:2 March 1970"});
    CHECK(found("update the payee file for Lindqvist, Erik.") == List{"NAME:Lindqvist, Erik"});
    CHECK(found("Boa tarde, sou Joao Brandao, preciso de ajuda") == List{"NAME:Joao Brandao"});
    CHECK(found("Dzien dobry, jestem Wojciech Brzezinski, mam pytanie") == List{"NAME:Wojciech Brzezinski"});
    CHECK(found("I, however, think the fee is wrong.") == kNone);
    CHECK(found("the sender address is wrong") == kNone);
    CHECK(found("my name was changed after marriage") == kNone);
    CHECK(found("the payee name was misspelled on the form") == kNone);
}

TEST_CASE("Holdout-12 family: 'a widow of 82' is an age, 'a fee of 76' is not", "[pii][age]") {
    CHECK(found("I am a widower of 79 and need help") == List{"AGE:79"});
    CHECK(found("a balance of 82 and a fee of 76") == kNone);
    CHECK(found("a man of 45.50 in savings") == kNone);
}

TEST_CASE("Holdout-12 family: the password a customer last tried; a security question's word is none", "[pii][credentials]") {
    CHECK(found("I forgot my password again. I think I used Harbour55! last month.") == List{"PASSWORD:Harbour55!"});
    CHECK(found("I forgot my password and I tried 3 times.") == kNone);
    CHECK(found("I used Harbour55 as my username") == kNone);   // no password named before
    CHECK(found("Bot: Security question: what is your memorable place? User: Cardiff") == kNone);
}

TEST_CASE("Holdout-12 family: a bare answer to a one-time-code question is no account", "[pii][account]") {
    CHECK(found("Bot: Please type the verification code from the SMS. User: 731604") == kNone);
    CHECK(found("Bot: What's the OTP we texted you? User: 90817263") == kNone);
    CHECK(found("Bot: Enter the code we just sent to your phone. User: 583920") == kNone);
    CHECK(found("Bot: What's your sort code and account number? User: 40112233") == List{"BANK_ACCOUNT_NUMBER:40112233"});
}

TEST_CASE("Holdout-12 family: the groups after an IBAN's head hold no card, however many there are", "[pii][card]") {
    // (30 characters: too long for a Polish IBAN, and its groups from the third on pass Luhn)
    CHECK(found("Please wire it to IBAN PL31 1140 2004 4177 7741 2154 7280 38 by Friday.") == List{"DATE_TIME:Friday"});
    CHECK(found("card 4177 7741 2154 7280 38 please") != kNone);
}

TEST_CASE("Holdout-13 family: a bare account number in a statement request or a transfer from/into", "[pii][account][holdout13]") {
    CHECK(found("could you email me statements for 30418822 covering the last quarter") == List{"BANK_ACCOUNT_NUMBER:30418822"});
    CHECK(found("i need the transaction history for 6612047785 for my tax return") == List{"BANK_ACCOUNT_NUMBER:6612047785"});
    CHECK(found("pls shift 420 CAD from 502281937 into 3318840021 tonight") ==
          List{"BANK_ACCOUNT_NUMBER:502281937", "BANK_ACCOUNT_NUMBER:3318840021"});
    CHECK(found("move everything from 240018837 into 6620193345 before friday") ==
          List{"BANK_ACCOUNT_NUMBER:240018837", "BANK_ACCOUNT_NUMBER:6620193345", "DATE_TIME:friday"});
    // amounts, months, years and phone numbers stay what they are
    CHECK(found("can i get statements for the last 6 months") == kNone);
    CHECK(found("statements for 2024 please") == kNone);
    CHECK(found("move 50 EUR from savings into checking") == kNone);
    CHECK(found("the refund of 120 EUR from order 88213390 never came") == kNone);
}

TEST_CASE("Holdout-13 family: a passport answered after a few words of assent", "[pii][credentials][holdout13]") {
    CHECK(found("Bot: Can you tell me your passport number? User: it's K7720194 thanks") == List{"PASSPORT_NUMBER:K7720194"});
    CHECK(found("Bot: What is your passport number please? User: sure, 552019384") == List{"PASSPORT_NUMBER:552019384"});
    CHECK(found("Bot: Passport number, please. User: here it is: PA4419203!!") == List{"PASSPORT_NUMBER:PA4419203"});
    CHECK(found("Bot: What is your passport number? User: its expired, sorry") == kNone);
    CHECK(found("Bot: What is your passport number? User: sure, one sec") == kNone);
}

TEST_CASE("Holdout-13 family: 'the new one' is of what was named before it", "[pii][credentials][holdout13]") {
    CHECK(found("my previous license D1234-5678 expired, the new one is X9982011!!") ==
          List{"DRIVER_ID:D1234-5678", "DRIVER_ID:X9982011"});
    CHECK(found("old pwd Tr0mb0ne!7 new one Kestrel88! and still locked out") == List{"PASSWORD:Tr0mb0ne!7", "PASSWORD:Kestrel88!"});
    CHECK(found("my licence was renewed, the new one is in the post") == kNone);
    CHECK(found("my pin was blocked so the new one is 4821") == List{"PIN:4821"});
    CHECK(found("the verification code expired, now I get a new one 604312") == kNone);
    CHECK(found("can you send a new one to me instead") == kNone);
}

TEST_CASE("Holdout-13 family: a password typed after a login is named, or read off a note", "[pii][credentials][holdout13]") {
    CHECK(found("login is sam.k77 and i keep typing Pelican42$ but no luck") == List{"USERNAME:sam.k77", "PASSWORD:Pelican42$"});
    CHECK(found("my son wrote my password on a sticky note, it says Winter1999!, is that bad?") == List{"PASSWORD:Winter1999!"});
    CHECK(found("my username is tkay99 and i keep typing the wrong thing") == List{"USERNAME:tkay99"});
    CHECK(found("my passcode for the app stopped working and it says expired??") == kNone);
    CHECK(found("my password expired, the app says Error 403") == kNone);
    // a password in its shape before a question's '?' is one, without the '?'
    CHECK(found("did I just give a stranger my password TulipRiver? he sounded official") == List{"PASSWORD:TulipRiver"});
    CHECK(found("can you remind me what my password is? thanks") == kNone);
}

TEST_CASE("Holdout-13 family: MAC addresses in Cisco's dotted form, dotted clock times", "[pii][network][date][holdout13]") {
    CHECK(found("the device aa12.3bc4.ff90 logged in from abroad") == List{"MAC_ADDRESS:aa12.3bc4.ff90"});
    CHECK(found("EEDF.88F6.89C3 is not my device") == List{"MAC_ADDRESS:EEDF.88F6.89C3"});
    CHECK(found("the app version is 2024.0312.1000") == kNone);
    CHECK(found("the payment went out at 11.05 AM") == List{"DATE_TIME:11.05 AM"});
    CHECK(found("the charge at 7.15pm was not me") == List{"DATE_TIME:7.15pm"});
    CHECK(found("it landed at 3 p.m. today") == List{"DATE_TIME:3 p.m."});
    CHECK(found("at 3.50 we paid the rest") == kNone);
}

TEST_CASE("Holdout-13 family: children named by a casual word, staff asked for by name", "[pii][name][holdout13]") {
    CHECK(found("my kid sophie spent my savings on skins") == List{"NAME:sophie"});
    CHECK(found("our child Chloé used my card") == List{"NAME:Chloé"});
    CHECK(found("please ask Priya from the branch to ring me") == List{"NAME:Priya"});
    CHECK(found("could you call Tomasz at the branch for me") == List{"NAME:Tomasz"});
    CHECK(found("call Visa from the app") == kNone);
    CHECK(found("my kid's school charged me twice") == kNone);
    CHECK(found("my kid posted this on discord, cancel it") == kNone);
    CHECK(found("ask Google about it") == kNone);
    CHECK(found("tell Siri to call me") == kNone);
}

TEST_CASE("Holdout-13 family: a 2-4-4 number after a phone's word", "[pii][phone][holdout13]") {
    CHECK(found("the scam text came from 81 2233 4455 yesterday") == List{"PHONE:81 2233 4455"});
    CHECK(found("i got an sms from 33-1234-5678 asking for my pin") == List{"PHONE:33-1234-5678"});
    CHECK(found("the total was 55 9894 0790 points") == kNone);
}

TEST_CASE("Holdout-13 family: a card statement's merchant descriptor is no URL", "[pii][network][holdout13]") {
    CHECK(found("i was charged 12 EUR by Netflix.com/bill twice") == kNone);
    CHECK(found("there is a pending hold from amzn.com/billing of $30") == kNone);
    CHECK(found("why is APPLE.COM/BILL on my statement") == kNone);
    CHECK(found("go to mybank.example.com/login to sign in") == List{"URL:mybank.example.com/login"});
    CHECK(found("charged by https://pay.example.com/bill") == List{"URL:https://pay.example.com/bill"});
    CHECK(found("the phishing text linked to secure-bank.example.net/verify") == List{"URL:secure-bank.example.net/verify"});
}

TEST_CASE("Holdout-15 families: labels a PDF spaces out letter by letter, a cheque's MICR line as OCR reads it", "[pii][context][holdout15]") {
    CHECK(found("copied from the PDF: A c c o u n t   N u m b e r  40916523  R o u t i n g   N u m b e r  021000021") ==
          List{"BANK_ACCOUNT_NUMBER:40916523", "BANK_ROUTING:021000021"});
    CHECK(found("S o r t  c o d e  20-45-77  A c c o u n t  41234567") == List{"BANK_ROUTING:20-45-77", "BANK_ACCOUNT_NUMBER:41234567"});
    CHECK(found("E x p i r y  08/27") == List{"CREDIT_DEBIT_EXPIRY:08/27"});
    CHECK(found("scan of my cheque reads |:021000021|: 4471209935\" 0187") ==
          List{"BANK_ROUTING:021000021", "BANK_ACCOUNT_NUMBER:4471209935"});   // the cheque's number is no PII
    // Not ABA-valid between the symbols; spaced letters that spell no field.
    CHECK(found("the reader printed |:123456789|: 4471209935\" 0187") == kNone);
    CHECK(found("the PDF header says S t a t e m e n t  1 of 3") == kNone);
}

TEST_CASE("Holdout-15 families: the accounts a debit draws from and moves to; account cues in other languages", "[pii][account][holdout15]") {
    CHECK(found("the gym direct debit draws from 66120394 on the 1st, please switch it to 80013377") ==
          List{"BANK_ACCOUNT_NUMBER:66120394", "DATE_TIME:1st", "BANK_ACCOUNT_NUMBER:80013377"});
    CHECK(found("the insurance debits from 55012345 every month, move it to 66023456") ==
          List{"BANK_ACCOUNT_NUMBER:55012345", "BANK_ACCOUNT_NUMBER:66023456"});
    CHECK(found("mi número de cuenta es 55201938, gracias") == List{"BANK_ACCOUNT_NUMBER:55201938"});
    CHECK(found("o número da conta é 00412345") == List{"BANK_ACCOUNT_NUMBER:00412345"});
    CHECK(found("numéro de compte 30004512 svp") == List{"BANK_ACCOUNT_NUMBER:30004512"});
    CHECK(found("numer konta 61109010") == List{"BANK_ACCOUNT_NUMBER:61109010"});
    CHECK(found("numero di conto 00012345678") == List{"BANK_ACCOUNT_NUMBER:00012345678"});
    // An amount after the cue (a currency's word after it), a licence named between cue and number.
    CHECK(found("tengo en cuenta los 3 pagos de 450000 pesos") == kNone);
    CHECK(found("opening a joint account, my driver's licence is 84412907") == List{"DRIVER_ID:84412907"});
    // A one-time code the customer quotes; digits a dash glues to an error's letters (a keyword's stay).
    CHECK(found("the code you sent for the transfer was 482913, it timed out") == kNone);
    CHECK(found("cvv is 512 but it fails with ERR-408") == List{"CREDIT_DEBIT_CVV:512"});
    CHECK(found("PIN-4821 stopped working") == List{"PIN:4821"});
}

TEST_CASE("Holdout-15 families: a corrected expiry, an SSN given in full, national phones in groups", "[pii][context][holdout15]") {
    CHECK(found("exp is 07/26 not 06-27, sorry") == List{"CREDIT_DEBIT_EXPIRY:07/26", "CREDIT_DEBIT_EXPIRY:06-27"});
    CHECK(found("expiry date 11/27, no wait, 11/28") == List{"CREDIT_DEBIT_EXPIRY:11/27", "CREDIT_DEBIT_EXPIRY:11/28"});
    CHECK(found("exp 05/27 and the fee is due 12-15") == List{"CREDIT_DEBIT_EXPIRY:05/27"});
    CHECK(found("Agent: what are the last 4 of your social security number?\nCustomer: ugh, fine, here it all is 512447890") ==
          List{"SSN:512447890"});
    CHECK(found("Agent: please confirm the last 4 digits of your SSN for me\nCustomer: I can't find it, my checking account "
                "number is 512447890") == List{"BANK_ACCOUNT_NUMBER:512447890"});
    CHECK(found("my mobile is 9 8812 3456, or the office") == List{"PHONE:9 8812 3456"});
    CHECK(found("numer telefonu 604 221 873") == List{"PHONE:604 221 873"});
    CHECK(found("whatsapp +48 601 234 567 please, or the other one 789 456 123 in the evening") ==
          List{"PHONE:+48 601 234 567", "PHONE:789 456 123"});
    CHECK(found("got a text from 4155550199 about a blocked card") == List{"PHONE:4155550199"});
    CHECK(found("mi celular es 9 8765 4321") == List{"PHONE:9 8765 4321"});
    CHECK(found("mi móvil 612 345 678 por favor") == List{"PHONE:612 345 678"});
    CHECK(found("mi celular 3015551234 ya no lo uso") == List{"PHONE:3015551234"});
    CHECK(found("cel przelewu: faktura 1234567890") == kNone);   // Polish "cel", a purpose
    CHECK(found("invoice lines 512 713 711 were billed twice") == kNone);
}

TEST_CASE("Holdout-15 families: passwords and logins in other languages and phrasings", "[pii][credentials][holdout15]") {
    CHECK(found("Hasło Wrz9pLk2mQ nie działa") == List{"PASSWORD:Wrz9pLk2mQ"});
    CHECK(found("la contraseña de la app es Tornado88#, la olvidé") == List{"PASSWORD:Tornado88#"});
    CHECK(found("le mot de passe pour l'appli est Soleil2024 mais il bloque") == List{"PASSWORD:Soleil2024"});
    CHECK(found("mon mot de passe orchid42 ne marche plus") == List{"PASSWORD:orchid42"});
    CHECK(found("Password baru maple77 tak boleh") == List{"PASSWORD:maple77"});
    CHECK(found("my son set up the card and the password he chose is lime53x, please reset") == List{"PASSWORD:lime53x"});
    CHECK(found("I forgot the password, the one I used before is tulip04") == List{"PASSWORD:tulip04"});
    CHECK(found("I keep my password in a notebook: fog&Pine91. Is that safe?") == List{"PASSWORD:fog&Pine91"});
    CHECK(found("ok the password is river#88, not lake#77") == List{"PASSWORD:river#88", "PASSWORD:lake#77"});
    CHECK(found("usuario mateo_rios88 bloqueado") == List{"USERNAME:mateo_rios88"});
    CHECK(found("utilisateur claire.dubois2 ne fonctionne pas") == List{"USERNAME:claire.dubois2"});
    // "the new one" of a login named as old is a login; of a password reset, the password.
    CHECK(found("old login kira_77, new one should be kira_nova") == List{"USERNAME:kira_77", "USERNAME:kira_nova"});
    CHECK(found("reset my password please, username jonas_k, the old one was Fjord#12") ==
          List{"USERNAME:jonas_k", "PASSWORD:Fjord#12"});
    // An ordinary word after an app's passcode, a state after a login's word, a colon's error code.
    CHECK(found("the app passcode is different right?") == kNone);
    CHECK(found("my password reset is working now") == kNone);
    CHECK(found("password change failed: error E4012") == kNone);
    CHECK(found("el usuario no funciona") == kNone);
}

TEST_CASE("Holdout-15 families: long dates in Spanish, Portuguese and French", "[pii][date][holdout15]") {
    CHECK(found("nací el 7 de marzo de 1961") == List{"DATE_TIME:7 de marzo de 1961"});
    CHECK(found("a cobrança de 2 de setembro de 2024 está errada") == List{"DATE_TIME:2 de setembro de 2024"});
    CHECK(found("né le 12 mars 1985 à Lyon") == List{"DATE_TIME:12 mars 1985"});
    CHECK(found("le prélèvement du 1er mars 2025 est faux") == List{"DATE_TIME:1er mars 2025"});
    CHECK(found("el cargo del 1º de mayo de 2025 no es mío") == List{"DATE_TIME:1º de mayo de 2025"});
    CHECK(found("vamos a mayo y marzo") == kNone);   // a month alone is a word
}

TEST_CASE("Holdout-15 families: a form's payee, places one travels to, nationalities and shops are no names", "[pii][name][holdout15]") {
    CHECK(found("Recipient setup: Tomasz Wrona, IBAN PL61109010140000071219812874") ==
          List{"NAME:Tomasz Wrona", "INTERNATIONAL_BANK_ACCOUNT_NUMBER:PL61109010140000071219812874"});
    CHECK(found("flying to Portugal 12/05/2026, will my card work?") == List{"DATE_TIME:12/05/2026"});
    CHECK(found("Customer: L8842210, it's Peruvian") == kNone);
    CHECK(found("hi it's Brazilian, can I open an account?") == kNone);
    CHECK(found("un achat chez Pierre Lambert de 45 $ refusé") == kNone);
    // People still: an amount after "pay", a name that ends like a nationality.
    CHECK(found("pay Mei 4092 AUD") == List{"NAME:Mei"});
    CHECK(found("hi it's Julian, my card is stuck") == List{"NAME:Julian"});
}

TEST_CASE("Holdout-15 families: Québec, Pakistani, Argentine, Irish and Chilean addresses", "[pii][address][holdout15]") {
    const std::vector<std::string> cases[] = {
        {"nouvelle adresse: 418, boulevard Saint-Laurent, Laval (Québec) H7N 2K3", "ADDRESS:418, boulevard Saint-Laurent, Laval (Québec) H7N 2K3"},
        {"send it to 7-C, Block K, Model Town, Lahore 54700 please", "ADDRESS:7-C, Block K, Model Town, Lahore 54700"},
        {"vivo en Bv. Pellegrini 2410, S3000 Santa Fe, Santa Fe", "ADDRESS:Bv. Pellegrini 2410, S3000 Santa Fe, Santa Fe"},
        {"new place: Apt 12, The Granary, Mill Lane, Galway, H91 X2P4", "ADDRESS:Apt 12, The Granary, Mill Lane, Galway, H91 X2P4"},
        {"mi casa: Pasaje Las Dalias 217, Valparaíso", "ADDRESS:Pasaje Las Dalias 217, Valparaíso"},
    };
    for (const auto& c : cases) {
        INFO(c[0]);
        CHECK(found(c[0]) == List{c[1]});   // the whole address, and no NAME inside it
    }
    CHECK(found("paid 418, boulevard fees included") == kNone);
    CHECK(found("seats 7, Block C were empty, refund 2 tickets please") == kNone);
    CHECK(found("Apt 12, The Granary is lovely") == kNone);
}

namespace {
// A table of messages and what is found in each (the whole list, in order).
struct Expect {
    std::string text;
    List want;
};
void checkAll(const std::vector<Expect>& cases) {
    for (const Expect& c : cases) {
        INFO(c.text);
        CHECK(found(c.text) == c.want);
    }
}
}  // namespace

TEST_CASE("Holdout-18 families: passwords quoted, listed, asked about and changed", "[pii][credentials][holdout18]") {
    checkAll({
        {"the app rejects my password though I'm sure it's `Kx9#trail` every time", {"PASSWORD:Kx9#trail"}},
        {"I entered \"@Lark55*\" exactly as written and it fails", {"PASSWORD:@Lark55*"}},
        {"the passphrase I picked was \xE2\x80\x9Cotter lemon violin 58\xE2\x80\x9D including spaces", {"PASSWORD:otter lemon violin 58"}},
        {"my pass is oakpepper21 or perhaps &Quill88zz, not sure", {"PASSWORD:oakpepper21", "PASSWORD:&Quill88zz"}},
        {"is Quokka!2024 a good enough password for the app?", {"PASSWORD:Quokka!2024"}},
        {"Tried Plum#881 and Gecko-Harbor-17 as passwords, no luck", {"PASSWORD:Plum#881", "PASSWORD:Gecko-Harbor-17"}},
        {"the old one was Copper-Fox-31 then the new one Silver-Hare-77", {"PASSWORD:Copper-Fox-31", "PASSWORD:Silver-Hare-77"}},
        {"my password has been Falcon#19 forever", {"PASSWORD:Falcon#19"}},
        {"I reset it three times: first h@wk22, then ravenmoss07", {"PASSWORD:h@wk22", "PASSWORD:ravenmoss07"}},
        {"I changed it to Cobalt-Wren-5521 in the app and it still fails", {"PASSWORD:Cobalt-Wren-5521"}},
        {"somebody changed my password from lunarpike48 to something I don't know", {"PASSWORD:lunarpike48"}},
        // Lookalikes: no password's shape, a field named nearer than a password, a question about the rules.
        {"is this a strong enough password?", kNone},
        {"is mine a strong enough password?", kNone},
        {"I changed it to monthly payments from weekly", kNone},
        {"the limit is low so I set it to 5000EUR yesterday", kNone},
        {"my card limit, I changed it to abc12345 by mistake", kNone},
        {"we tried cash and cheques as payment", kNone},
        {"I typed \"hello\" in the chat box", kNone},
    });
}

TEST_CASE("Holdout-18 families: logins after a comma, as alternatives, with a remark, a service or a reply", "[pii][credentials][holdout18]") {
    checkAll({
        {"my daughter set up a login, kestrel_44x, for me", {"USERNAME:kestrel_44x"}},
        {"my login is j.okafor or jokafor12 I think", {"USERNAME:j.okafor", "USERNAME:jokafor12"}},
        {"User ID (not my email): bravo_lima9", {"USERNAME:bravo_lima9"}},
        {"Bot: What is your user ID? User: it's qmarsh42", {"USERNAME:qmarsh42"}},
        {"my previous username was lemon_drop_7, please change it to l.ferreira.88",
         {"USERNAME:lemon_drop_7", "USERNAME:l.ferreira.88"}},
        {"log in name is dsilva07", {"USERNAME:dsilva07"}},
        {"my username on the mobile app is nadia.k.33", {"USERNAME:nadia.k.33"}},
        {"what does login ID mean here?", kNone},
        {"Username (case sensitive) is required", kNone},
        {"my username on the card is different", kNone},
        {"I need a login, please", kNone},
        {"Bot: What is your user ID? User: its fine i remember it", kNone},
    });
}

TEST_CASE("Holdout-18 families: passports and licences after a comma, a page, a state's grouping or another language",
          "[pii][credentials][holdout18]") {
    checkAll({
        {"renewed my passport last month, the new number is k55102938 and the old one was 71pq20394",
         {"PASSPORT_NUMBER:k55102938", "PASSPORT_NUMBER:71pq20394"}},
        {"the number on my passport photo page reads N4471902", {"PASSPORT_NUMBER:N4471902"}},
        {"Bot: Which document do you have? User: passport, 62HK30571", {"PASSPORT_NUMBER:62HK30571"}},
        {"passport nbr. B7730214 please check", {"PASSPORT_NUMBER:B7730214"}},
        {"my passport 9QWE4R7TY got rejected", {"PASSPORT_NUMBER:9QWE4R7TY"}},
        {"got my new licence, 48812730, today", {"DRIVER_ID:48812730"}},
        {"Pennsylvania DL 12 345 678 thanks", {"DRIVER_ID:12 345 678"}},
        {"Michigan licence: B 482 117 930 204", {"DRIVER_ID:B 482 117 930 204"}},
        {"NJ license K4410 22093 71820", {"DRIVER_ID:K4410 22093 71820"}},
        {"driving licence PATEL 705124 AB9CD expired", {"DRIVER_ID:PATEL 705124 AB9CD"}},
        {"licence no. 31TX87", {"DRIVER_ID:31TX87"}},
        {"mon permis de conduire L2041558810977", {"DRIVER_ID:L2041558810977"}},
        {"licence, 3 points on it", kNone},
        {"passport, 2 photos and a bill", kNone},
        {"do I need my passport, a utility bill and my licence?", kNone},
        {"my licence was renewed, the new number is on the card", kNone},
        {"my phone changed, the new number is fine, and the old one was 0412 331 208", {"PHONE:0412 331 208"}},   // (guard) a phone's, no document
    });
}

TEST_CASE("Holdout-18 families: phones in brackets, French pairs, a mobile after an sms or a 'reached on'", "[pii][phone][holdout18]") {
    checkAll({
        {"ring me on (03) 512 8870 after six", {"PHONE:(03) 512 8870"}},
        {"mon portable: 06.41.27.93.18 merci", {"PHONE:06.41.27.93.18"}},
        {"the sms never reaches 15812347790, please check", {"PHONE:15812347790"}},
        {"my mother can be reached on 13760028814 most days", {"PHONE:13760028814"}},
        // Lookalikes: a nine-digit bracketed number with no phone's word, dates and versions in pairs.
        {"invoice (02) 431 7788 was paid", kNone},
        {"the build 01.02.03 failed again", kNone},
        {"the reference 15812347790 is on the letter", kNone},
    });
}

TEST_CASE("Holdout-18 families: Australian terraces, UK streets named 'The ...', German 'Am ...', a city before the state",
          "[pii][address][holdout18]") {
    checkAll({
        {"please post it to 3/41 Harbour Tce, Manly NSW 2095 thanks", {"ADDRESS:3/41 Harbour Tce, Manly NSW 2095"}},
        {"my new flat is Flat 7, 58 The Cloisters near the station", {"ADDRESS:Flat 7, 58 The Cloisters"}},
        {"wir wohnen jetzt Im Winkel 12, 50667 Köln", {"ADDRESS:Im Winkel 12, 50667 Köln"}},
        {"ship it to 402 E Cedar Ave Boulder, CO 80302 please", {"ADDRESS:402 E Cedar Ave Boulder, CO 80302"}},
        {"the film The Paddocks was great", kNone},
        {"meet me Am Montag 12 Uhr", kNone},
        {"room 12, 3 The Sisters were there", kNone},
    });
}

TEST_CASE("Holdout-18 families: a corrected payee, a card's name in capitals, staff asked for; labels and wallets are no names",
          "[pii][name][holdout18]") {
    checkAll({
        {"the payee name should be Marta K. Ilves, not Tomás Öberg", {"NAME:Marta K. Ilves", "NAME:Tomás Öberg"}},
        {"name on the card is JEAN-LUC MBEKI", {"NAME:JEAN-LUC MBEKI"}},
        {"can ayodele brannigan from your loans team ring me", {"NAME:ayodele brannigan"}},
        {"could Oyelaran from the loans team email me", {"NAME:Oyelaran"}},
        {"the beneficiary list is empty after the update", kNone},
        {"Google Pay keeps declining my card", kNone},
        {"hello Fax: 020 7946 0958", {"PHONE:020 7946 0958"}},
        {"hi, NJ DL# 55012389", {"DRIVER_ID:55012389"}},
        {"can someone from your team call me", kNone},
        {"can transfers from the bank app fail?", kNone},
    });
}

TEST_CASE("Holdout-18 families: a name's possessive and a password's leading '#' are edges, not parts", "[pii][name][credentials][holdout18]") {
    checkAll({
        {"my late husband Tobias Lindqvist's savings account, how do I close it?", {"NAME:Tobias Lindqvist"}},
        {"my partner Oyelaran's card got stuck in the machine", {"NAME:Oyelaran"}},
        {"she set a password #Quill42x! and forgot it", {"PASSWORD:#Quill42x!"}},
        {"passport # 58XK20417 please", {"PASSPORT_NUMBER:58XK20417"}},   // (guard) a document's '#' with a space is a label
    });
}

TEST_CASE("Holdout-17 families: mistyped credential words (one letter doubled, dropped or swapped) still name the value",
          "[pii][credentials][holdout17]") {
    checkAll({
        {"i switched my pasword to Harbor*82q last night", {"PASSWORD:Harbor*82q"}},
        {"Updated passsword to mint_Q7r and it fails", {"PASSWORD:mint_Q7r"}},
        {"psasword: Quokka!19 pls fix", {"PASSWORD:Quokka!19"}},
        {"usernme: olive_teo42 and it is locked", {"USERNAME:olive_teo42"}},
        {"usrename is dara.k77 i think", {"USERNAME:dara.k77"}},
        // Lookalikes: words a letter or two from the cues, plurals, a passport.
        {"the passenger 7A seat was fine", kNone},
        {"passage 12b of the terms", kNone},
        {"passwords: never share them", kNone},
        {"usernames are case sensitive", kNone},
        {"my passport is renewed", kNone},
    });
}

TEST_CASE("Holdout-17 families: a login as 'user X', a login and password given together as 'A / B'", "[pii][credentials][holdout17]") {
    checkAll({
        {"the app logs out when I sign in with user marek_p19 today", {"USERNAME:marek_p19"}},
        {"my user is wren.h402 and I typed Tundra88x twice, still wrong", {"USERNAME:wren.h402", "PASSWORD:Tundra88x"}},
        {"it asks for username + password: kiri_vale / Maple#2210, both rejected",
         {"USERNAME:kiri_vale", "PASSWORD:Maple#2210"}},
        {"login and password: sol.amaru7, Birch!77x", {"USERNAME:sol.amaru7", "PASSWORD:Birch!77x"}},
        {"Login name: petra_oku / pass: WqX4rT9zL - what now", {"USERNAME:petra_oku", "PASSWORD:WqX4rT9zL"}},
        // Lookalikes: a turn's "User:", a plain word after "user", a boarding pass, "users".
        {"bot: how can I help? user: 4471 is my branch", kNone},
        {"the user agent is outdated", kNone},
        {"my boarding pass: LH4471 got lost", kNone},
        {"how many users can share one account", kNone},
        {"username + password reset link: never arrived", kNone},
    });
}

TEST_CASE("Holdout-17 families: a ten-digit phone typed without separators after a phone's word", "[pii][phone][holdout17]") {
    checkAll({
        {"pls text me at 6175550143 not by email", {"PHONE:6175550143"}},
        // a bot's question that names the account too: the bracketed area code makes it a phone's answer
        {"Bot: which mobile is linked to your account? Customer: (312) 555-0179", {"PHONE:(312) 555-0179"}},
        {"Bot: what is your account number? Customer: 555-0179", {"BANK_ACCOUNT_NUMBER:555-0179"}},   // (guard)
        {"ring me on 020 7946 0958 or 4155550177 after work", {"PHONE:020 7946 0958", "PHONE:4155550177"}},
        // Lookalikes: ten digits with no phone's word, an exchange starting 0 or 1.
        {"order 6175550143 never arrived", kNone},
        {"your text quoted ref 1175550143 only", kNone},
    });
}

TEST_CASE("Holdout-17 families: a password given in brackets or asked about without its word", "[pii][credentials][holdout17]") {
    checkAll({
        {"the caller wanted my password so I gave it (Juniper#4410), was that a scam?", {"PASSWORD:Juniper#4410"}},
        {"hey, is Cobalt$771 strong enough for the app?", {"PASSWORD:Cobalt$771"}},
        // Lookalikes: something else given in brackets, a pronoun or a number asked about.
        {"my password expired, I gave it (the app) another try", kNone},
        {"is it strong enough to hold?", kNone},
        {"is 2024 strong enough as a year for growth?", kNone},
    });
}

TEST_CASE("Holdout-17 families: a kind of loan or a fee's 'on N' names an account; a corrected SSN", "[pii][account][ssn][holdout17]") {
    checkAll({
        {"question about my car loan 40917738215 repayments", {"BANK_ACCOUNT_NUMBER:40917738215"}},
        {"why is there a late fee on 55102846 this month", {"BANK_ACCOUNT_NUMBER:55102846"}},
        {"typed SSN 212-48-7730 by mistake, the real one is 212487703", {"SSN:212-48-7730", "SSN:212487703"}},
        // Lookalikes: a loan's amount, a fee's amount or date, a second number that is no correction.
        {"a car loan of 25000 dollars", kNone},
        {"the fee on 12/03 was wrong", {"DATE_TIME:12/03"}},
        {"SSN 212-48-7730 and my account 212487703", {"SSN:212-48-7730", "BANK_ACCOUNT_NUMBER:212487703"}},
        // A gap with a correction's word that names a field of its own gives that field, not a second SSN.
        {"my ssn is 212-48-7730 and my account no 212487703", {"SSN:212-48-7730", "BANK_ACCOUNT_NUMBER:212487703"}},
        {"SSN 212-48-7730 but my old account 212487703 was closed", {"SSN:212-48-7730", "BANK_ACCOUNT_NUMBER:212487703"}},
        {"ssn 212-48-7730, new card pin 4821 and order no 212487703", {"SSN:212-48-7730", "PIN:4821"}},
    });
}

TEST_CASE("Holdout-17 families: a teen's name, a name to write 'as', a Canadian grid street", "[pii][name][address][holdout17]") {
    checkAll({
        {"my teenager Priya Osei wants her own account", {"NAME:Priya Osei"}},
        {"could Maria Lindgren and Tomasz Kowal both be joint holders?", {"NAME:Maria Lindgren", "NAME:Tomasz Kowal"}},
        {"can Visa Debit and Apple Pay both be used abroad?", kNone},
        {"please print my name as Tariq O. Bello on the new card", {"NAME:Tariq O. Bello"}},
        {"send it to 220 9 St NE, Calgary, AB T2E 4K1 please", {"ADDRESS:220 9 St NE, Calgary, AB T2E 4K1"}},
        // Lookalikes: a teen's years, a name as printed, numbers before a street's suffix with no quadrant.
        {"my teen years were a while ago", kNone},
        {"my name as printed is wrong", kNone},
        {"I paid 150 12 Ave times last month", kNone},
    });
}

TEST_CASE("NAME: a state, an adverb, a participle or a verb after a weak cue is no name; nor a login 'as myself'",
          "[pii][name][credentials]") {
    checkAll({
        // Introductions and payees that keep working.
        {"I'm Dana", {"NAME:Dana"}},
        {"i am dana", {"NAME:dana"}},
        {"I am Tomasz", {"NAME:Tomasz"}},
        {"I'm Priya Osei", {"NAME:Priya Osei"}},
        {"hi i'm kimberly", {"NAME:kimberly"}},
        {"send it to Maria Lopez", {"NAME:Maria Lopez"}},
        {"my son Bertie needs a card", {"NAME:Bertie"}},
        // Names with a participle's or an adverb's ending; a verb after "to" that is a cue of its own.
        {"i'm mohammed.", {"NAME:mohammed"}},
        {"i am rasheed and my card is lost", {"NAME:rasheed"}},
        {"I'd like to add Maria Lopez as a payee", {"NAME:Maria Lopez"}},
        // After "I'm/I am": how the customer is (a state, a degree adverb, -ing, -ly or -ed forms).
        {"i'm pretty annoyed about the fee", kNone},
        {"I'm curious whether cards work abroad", kNone},
        {"I'm stuck on the verification screen", kNone},
        {"I am sick and tired of waiting", kNone},
        {"I'm low on cash this week", kNone},
        {"I'm seeing fees I don't know", kNone},
        // After "to": a verb, first or after an adverb (a split infinitive), is no payee.
        {"how do I go to change details on the app", kNone},
        {"I want to update details for my address", kNone},
        {"can I get you to stop payment on it", kNone},
        {"is it free to exchange foreign notes", kNone},
        {"I'd like to quickly cancel the order", kNone},
        {"I tried to simply cancel it", kNone},
        {"is there a way to verify someone's account", kNone},
        {"the card is due to expire soon", kNone},
        // After a relation or a role's word: a state, a determiner, a noun the role names.
        {"is my son eligible for a card", kNone},
        {"is my daughter able to open one", kNone},
        {"money sent to another beneficiary bounced", kNone},
        // A comparative before "than", an adjective after "this is", a participle after "name", "the best".
        {"its lesser than I expected", kNone},
        {"this is pretty bad", kNone},
        {"that name shown on the receipt is wrong", kNone},
        {"is that really the best exchange rate?", kNone},
        // A shop a parcel goes back to; who one logs in as.
        {"I had to send the parcel back, returned to Pet Smart", kNone},
        {"it says I can only sign in as myself", kNone},
    });
}
