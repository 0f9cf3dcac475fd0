"""The shared dev set's make-up (banking_chat_pii_dev.jsonl), which the PII set generators scale to: one
copy for all of them (make_holdout*_set.py), as checksums.py is for check digits.

Its entity counts per type, in the order of their counts, and its size: 268 records, 60 of them without
any entity."""

DEV_COUNTS = {
    "NAME": 37, "BANK_ACCOUNT_NUMBER": 37, "DATE_TIME": 30, "EMAIL": 29, "CREDIT_DEBIT_NUMBER": 28,
    "ADDRESS": 25, "PASSWORD": 20, "PHONE": 20, "USERNAME": 14, "PIN": 14, "URL": 14,
    "CREDIT_DEBIT_EXPIRY": 12, "CREDIT_DEBIT_CVV": 11, "PASSPORT_NUMBER": 11, "MAC_ADDRESS": 10,
    "IP_ADDRESS": 10, "BANK_ROUTING": 9, "INTERNATIONAL_BANK_ACCOUNT_NUMBER": 8, "SSN": 6,
    "DRIVER_ID": 6, "UK_NATIONAL_INSURANCE_NUMBER": 5, "SWIFT_CODE": 5,
    "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER": 3,
}
DEV_RECORDS = 268
DEV_NEGATIVES = 60
