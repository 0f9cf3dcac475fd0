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
// them (a keyword reaches past counts, "after 3 tries", and over alternatives and corrections, "4821, or
// maybe 4812", "X was used, it should have been Y"; long cue words also match one typo away, "acount"),
// or right after them ("12345678 is my savings account"), or in the question the customer answers
// ("Agent: Routing and account please. Customer: X then Y": the fields named, in turn), or before a list
// of values ("the card number, the three digits and my pin: X, Y and Z"). A lone unexplained 6-17 digit
// number in a message about money is taken as an account number at the lowest rank, unless it reads as an
// amount, a date, a phone number or another kind of id. The rules are documented at each scanner in src/pii.cpp and summarised here:
//   CREDIT_DEBIT_NUMBER   13-19 digits, Luhn-valid, first digit 2-6, whole digit groups only; like
//                         Comprehend, also a mistyped (Luhn-invalid) 16-digit one after "card"/"visa"/...;
//                         a number sent in two halves after "card" (each half, if together Luhn-valid)
//   INTERNATIONAL_BANK_.. country + check digits + BBAN, exact length for the country, mod-97 == 1
//   SSN                   AAA-GG-SSSS with valid ranges; 9 digits or "AAA GG SSSS" after "SSN"
//   BANK_ROUTING          ABA number (checksum) after "routing"/"ABA"/"RTN"/"transit", or named right
//                         after it ("is X the right routing number?"); a Canadian 5-digit transit right
//                         after "transit"; UK sort code NN-NN-NN or NN NN NN after "sort code"/"s/c", or
//                         alone if it cannot be a date or an 8-digit account stands beside it; an
//                         Australian BSB (NNN-NNN) after "bsb"
//   BANK_ACCOUNT_NUMBER   6-17 digits after "account"/"acct"/"a/c"/"DDA"/..., or before "the (right)
//                         account number"; 8 digits beside a sort code
//   CREDIT_DEBIT_CVV/PIN  3-4 digits after "CVV"/"CVC"/"security code"/"4 digit code" (Amex); 4-6 digits
//                         after "PIN" (both values of a change "from X to Y"); either spelt in words
//                         ("pin is one four six three"); "the code" and MM/YY next to a card number
//   CREDIT_DEBIT_EXPIRY   MM/YY, MM/YYYY, MMYY, YYYY-MM or a month name and year after "exp"/"expiry"/
//                         "valid thru"/"caduca"/"gültig bis"; "MM YY" right after the keyword
//   SWIFT_CODE            uppercase 8/11-character BIC with a known country after "SWIFT"/"BIC"/"bank
//                         code"/"IBAN", or followed by it ("BNPAFRPP BIC"); with a digit in its location
//                         code ("NWBKGB2L") also alone, unless shouted or named another code ("order X");
//                         in lower case right after its keyword with a location digit or "xxx"
//   EMAIL, PHONE          local@domain.tld; +CC forms, North American and 0-prefixed national forms
// and, in src/pii_words.cpp, the types that are words or tokens rather than numbers:
//   NAME                  after cues ("my name is", "this is", titles, relations, sign-offs, greetings, a bot turn
//                         asking for the name or the payee) or two known names in a row (a name list
//                         package, loaded lazily in the browser: see loadPiiNameTable)
//   ADDRESS               house number, street words, street suffix, unit, city, state + ZIP or postcode
//                         (US, UK, Canadian; "27 rue des Lilas, 75019 Paris", "Hauptstraße 5, 10115
//                         Berlin"; a unit before the number; lines of an address as commas)
//   DATE_TIME             numeric dates (valid day/month), month-name dates, clock times, a month alone or
//                         an ordinal day ("on the 28th") after a preposition; adjacent parts as one date
//   AGE, USERNAME, PASSWORD, PASSPORT_NUMBER, DRIVER_ID: the value after its keyword; AGE, USERNAME,
//                         PASSWORD, PASSPORT_NUMBER and SIN also as the customer's answer to a bot turn
//                         asking for them
//   URL, IP_ADDRESS, MAC_ADDRESS, AWS_ACCESS_KEY: by shape; AWS_SECRET_KEY after "secret"
//   US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER (9XX-[5-9]X-XXXX), UK_NATIONAL_INSURANCE_NUMBER (prefix
//   rules), CA_SOCIAL_INSURANCE_NUMBER (Luhn, after "SIN"), UK_NATIONAL_HEALTH_SERVICE_NUMBER (mod 11,
//   after "NHS")
// Amounts, merchant names, transaction references and counts are not PII: numbers next to a currency,
// bare numbers without a keyword and single capitalised words without a cue are never matched (nor a
// short list of merchants and banks that read like names, "Uber Eats", "Wells Fargo", or demonyms).
// Text is UTF-8; matches begin and end on code point boundaries (numbers and codes on ASCII characters;
// names and addresses may contain non-ASCII letters: "Zoë Müller"). Text that is not valid UTF-8 is
// scanned all the same: every match edge still has an ASCII byte on at least one side (never between
// two non-ASCII bytes, which in valid UTF-8 is what keeps code points whole), and redaction and masking
// keep the broken bytes outside the entities as they are, neither mending nor breaking a sequence at an
// entity's edge (tests/fuzz/pii_fuzz.cpp checks all of this on every input).
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "finchat/result.h"

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
    Name,
    Address,
    DateTime,
    Age,
    Username,
    Password,
    Url,
    IpAddress,
    MacAddress,
    DriverId,
    PassportNumber,
    UsIndividualTaxIdentificationNumber,
    UkNationalInsuranceNumber,
    CaSocialInsuranceNumber,
    UkNationalHealthServiceNumber,
    AwsAccessKey,
    AwsSecretKey,
};
constexpr std::size_t kPiiTypeCount = static_cast<std::size_t>(PiiType::AwsSecretKey) + 1;

// Amazon Comprehend's entity type name ("CREDIT_DEBIT_NUMBER", "BANK_ROUTING", ...).
const char* comprehendName(PiiType type);
// The type of a Comprehend name (exact, upper case); nothing for unknown names.
std::optional<PiiType> piiTypeFromName(std::string_view name);

struct PiiMatch {
    PiiType type = PiiType::CreditDebitNumber;
    std::size_t begin = 0;  // byte offset of the first byte of the entity
    std::size_t end = 0;    // byte offset one past its last byte
    float score = 1.0f;     // confidence in (0, 1], as Comprehend's Score: shape-proven > keyword > guess
    bool operator==(const PiiMatch& o) const { return type == o.type && begin == o.begin && end == o.end; }
};

// A set of entity types (bit i = PiiType i).
struct PiiTypeSet {
    std::uint32_t bits = 0;
    bool has(PiiType t) const { return (bits >> static_cast<unsigned>(t)) & 1u; }
    PiiTypeSet& add(PiiType t) { bits |= 1u << static_cast<unsigned>(t); return *this; }
    bool empty() const { return bits == 0; }
    static PiiTypeSet all() { return {(1u << kPiiTypeCount) - 1}; }
    bool operator==(const PiiTypeSet&) const = default;
};

// The matches' offsets in code points (Comprehend's BeginOffset/EndOffset unit), in one pass.
std::vector<std::pair<std::size_t, std::size_t>> codePointOffsets(std::string_view text,
                                                                  const std::vector<PiiMatch>& matches);

// All entities in `text`, sorted by position and never overlapping.
std::vector<PiiMatch> detectPii(std::string_view text);

// detectPii() behind the platform's PiiDetector interface (platform.h), always ready: what native
// hosts, connect-local and the tests hand to Platform::pii. Linking it links every scanner.
class PiiDetector;
PiiDetector& builtinPiiDetector();

// Server-side redaction, Comprehend's REPLACE_WITH_PII_ENTITY_TYPE style: every entity becomes its
// type name in brackets. "card 4111 1111 1111 1111" -> "card [CREDIT_DEBIT_NUMBER]".
std::string redactPii(std::string_view text);
std::string redactPii(std::string_view text, const std::vector<PiiMatch>& matches);

// Connect's in-flight chat redaction (InFlightChatRedactionConfiguration): only the entity types in
// `entities` are replaced, by "[PII]" (RedactionMaskMode PII) or by "[TYPE]" (EntityType).
// Without a configuration: enabled, EntityType, and the financial, national-id, credential and contact
// types (everything but NAME, ADDRESS, DATE_TIME, AGE, URL, IP_ADDRESS, MAC_ADDRESS, USERNAME).
enum class PiiMaskMode { Pii, EntityType };
struct PiiRedaction {
    bool enabled = true;
    PiiMaskMode maskMode = PiiMaskMode::EntityType;
    PiiTypeSet entities = defaultEntities();
    static PiiTypeSet defaultEntities();
    bool operator==(const PiiRedaction&) const = default;
};
std::string redactPii(std::string_view text, const PiiRedaction& rules);
// Connect's JSON: {"Enabled": true, "RedactionMaskMode": "PII" | "EntityType", "RedactionEntities":
// ["NAME", "EMAIL", ...]} (or ["ALL"]); absent members keep the defaults above. Unknown types or mask
// modes, or wrong JSON types, are InvalidValue/WrongType errors naming the member.
Result<PiiRedaction> parsePiiRedaction(std::string_view json);

// Client-side masking, for what the customer sees they sent. Every entity becomes four bullets
// (U+2022) "••••". Card numbers, IBANs, bank account, routing and phone numbers with at least 8 letters
// or digits keep their last 4 after a space ("•••• 1111", IBAN letters upper-cased) so the customer can
// still tell which one they meant; everything else (CVV, PIN, SSN, expiry, e-mail, SWIFT, short account
// numbers) is masked completely. The bullet count never reveals the entity's length.
std::string maskPii(std::string_view text);
std::string maskPii(std::string_view text, const std::vector<PiiMatch>& matches);

// The partner's per-type client policy: for each entity type, whether the client sends it as typed,
// masks it, or asks the customer first. Default: financial identifiers (card, account, routing, IBAN,
// SWIFT), national ids (SSN, ITIN, passport, driver id, NI, SIN, NHS), PIN, password, CVV, expiry and
// AWS keys are masked; everything else (names, addresses, e-mail, phone, dates, ...) is sent.
enum class PiiAction : std::uint8_t { Send, Mask, AskFirst };
struct PiiTypePolicy {
    PiiAction action[kPiiTypeCount];
    PiiTypePolicy();  // the default above
    PiiAction of(PiiType t) const { return action[static_cast<std::size_t>(t)]; }
    PiiTypeSet withAction(PiiAction a) const;
    bool operator==(const PiiTypePolicy&) const = default;
};
// The partner's JSON option: an object of Comprehend type names (or "ALL", applied first) to "send",
// "mask" or "ask", on top of the default: {"ALL":"mask","DATE_TIME":"send","NAME":"ask"}.
// Unknown types or actions are an InvalidValue error naming the key; not an object: MalformedJson.
Result<PiiTypePolicy> parsePiiPolicy(std::string_view json);

// The name list behind NAME: a 32 KiB Bloom filter over ~38,000 given names and surnames (core/names).
// Native builds (connect-local) have it compiled in. The browser's wasm does not: the shim fetches
// pii-names.bin when the chat first needs it and hands it over with loadPiiNameTable(). Until then NAME
// is found by its cues alone ("my name is", titles, relations, sign-offs, a bot turn asking for the
// name, capitalised words after "this is"/"I'm"), not as two known names in a row or as a known
// lower-case name after a weak cue. False, keeping the table it had, for bytes that are not a table.
bool loadPiiNameTable(std::string_view bytes);
bool piiNameTableLoaded();

}  // namespace finchat
