// finchat/pii.h: detecting, redacting and masking personal data in chat text (design §5).
//
// Two users:
//  - the client core, before a customer message is sent: detectPii() decides whether the partner's
//    "ask first" policy needs to ask, maskPii() produces what is sent under the default policy;
//  - connect-local (our Connect stand-in), which redactPii()s customer text before bots and agents see
//    it, the way Amazon Comprehend sits in front of Lex and agents in the Connect design.
//
// Detection is rule-based, deterministic, linear in the input and never throws. Precision matters as
// much as recall: a bank chat is full of amounts, dates, order numbers and phone numbers, so numbers
// that are only PII by context (account, routing, CVV, PIN, bare SSN) need a keyword just before
// them. The rules are documented at each scanner in src/pii.cpp and summarised here:
//   CREDIT_DEBIT_NUMBER   13-19 digits, Luhn-valid, first digit 2-6, whole digit groups only
//   INTERNATIONAL_BANK_.. country + check digits + BBAN, exact length for the country, mod-97 == 1
//   SSN                   AAA-GG-SSSS with valid ranges; 9 digits or "AAA GG SSSS" after "SSN"
//   BANK_ROUTING          ABA number (checksum) after "routing"/"ABA"/"RTN"/"transit";
//                         UK sort code NN-NN-NN after "sort code"
//   BANK_ACCOUNT_NUMBER   6-17 digits after "account"/"acct"/"a/c"/...
//   CREDIT_DEBIT_CVV/PIN  3-4 digits after "CVV"/"CVC"/"security code"; 4-6 digits after "PIN"
//   CREDIT_DEBIT_EXPIRY   MM/YY or MM/YYYY after "exp"/"expiry"/"valid thru"
//   SWIFT_CODE            uppercase 8/11-character BIC with a known country after "SWIFT"/"BIC"
//   EMAIL, PHONE          local@domain.tld; +CC forms, North American and 0-prefixed national forms
// Text is UTF-8; matches always begin and end on ASCII characters, so they never split a code point.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace finchat {

enum class PiiType {
    CreditDebitNumber,
    CreditDebitCvv,
    CreditDebitExpiry,
    BankAccountNumber,
    BankRouting,
    InternationalBankAccountNumber,
    SwiftCode,
    Ssn,
    Pin,
    Email,
    Phone,
};

// Amazon Comprehend's entity type name ("CREDIT_DEBIT_NUMBER", "BANK_ROUTING", ...).
const char* comprehendName(PiiType type);

struct PiiMatch {
    PiiType type = PiiType::CreditDebitNumber;
    std::size_t begin = 0;  // byte offset of the first byte of the entity
    std::size_t end = 0;    // byte offset one past its last byte
    bool operator==(const PiiMatch&) const = default;
};

// All entities in `text`, sorted by position and never overlapping.
std::vector<PiiMatch> detectPii(std::string_view text);

// Server-side redaction, Comprehend's REPLACE_WITH_PII_ENTITY_TYPE style: every entity becomes its
// type name in brackets. "card 4111 1111 1111 1111" -> "card [CREDIT_DEBIT_NUMBER]".
std::string redactPii(std::string_view text);
std::string redactPii(std::string_view text, const std::vector<PiiMatch>& matches);

// Client-side masking, for what the customer sees they sent. Every entity becomes four bullets
// (U+2022) "••••". Card numbers, IBANs, bank account, routing and phone numbers with at least 8 letters
// or digits keep their last 4 after a space ("•••• 1111", IBAN letters upper-cased) so the customer can
// still tell which one they meant; everything else (CVV, PIN, SSN, expiry, e-mail, SWIFT, short account
// numbers) is masked completely. The bullet count never reveals the entity's length.
std::string maskPii(std::string_view text);
std::string maskPii(std::string_view text, const std::vector<PiiMatch>& matches);

}  // namespace finchat
