#!/usr/bin/env bash
# PII figures (prints; asserts nothing): per-type precision/recall/F1 of the core's detector (score_pii.py)
# on the shared dev set and on tests/data/pii, the detector's speed natively and in wasm, and the wasm
# bytes it adds. Sets, in the order they were written, and whether the detector was tuned on them:
#   banking_chat_pii_own.jsonl, banking_chat_pii_chat.jsonl, banking_chat_pii_holdout_v1.jsonl: tuned on.
#   banking_chat_pii_holdout.jsonl (make_holdout_set.py): blind when written, overlap F2 0.877, financial
#     P 1.000 R 0.880; tuned on since (wt/piifix).
#   banking_chat_pii_holdout2.jsonl (make_holdout2_set.py): blind figure after that round, overlap F2
#     0.934, financial P 1.000 R 0.923; tuned on since (wt/piifix2).
#   banking_chat_pii_holdout3.jsonl (make_holdout3_set.py): blind figure after that round (its writer saw
#     two lines of holdout2 for the format), overlap F2 0.923, financial P 0.995 R 0.924; tuned on since
#     (wt/piifix3).
#   banking_chat_pii_holdout4.jsonl (make_holdout4_set.py): blind; overlap F2 0.844, financial P 1.000
#     R 0.806 with the detector of wt/piifix2, and 0.879 / 1.000 / 0.869 after wt/piifix3 (which never
#     saw it). Since then one family found by its misses is fixed (card groups set apart by a wider gap
#     of blanks), so it is no longer blind either: whoever tunes next writes holdout5 first, blind.
#     wt/piifix4 then tuned on its remaining misses (overlap F2 0.898 -> 0.992, financial R 0.903 -> 1.000).
#   banking_chat_pii_holdout5.jsonl (make_holdout5_set.py): blind when written; wt/piifix4 fixed the
#     families of its misses as listed by whoever scored it (the set itself unread), so it is tuned on too;
#     wt/piiwords did the same for the word types (NAME, ADDRESS, AGE, PASSWORD, DATE_TIME) of holdout4 and
#     holdout5 (holdout5 overall F2 0.809 blind -> 0.987 with both).
#   banking_chat_pii_holdout6.jsonl (make_holdout6_set.py; US/CA small-business style): blind figure after
#     wt/piifix4 + wt/piiwords, overlap F2 0.883, financial P 0.980 R 0.844; tuned on since (wt/piifix5).
#   banking_chat_pii_holdout7.jsonl (make_holdout7_set.py): blind figure after wt/piifix5, overlap F2 0.957,
#     financial P 0.972 R 0.953; tuned on since (wt/piifix6, from its misses as listed by whoever scored it).
#   banking_chat_pii_holdout8.jsonl (make_holdout8_set.py): blind figure after wt/piifix6, overlap F2 0.969,
#     financial P 0.985 R 0.963; tuned on since (wt/piifix7, from its misses as listed by whoever scored it).
#   banking_chat_pii_holdout9.jsonl (make_holdout9_set.py): blind figure after wt/piifix7, overlap P 0.956
#     R 0.914 F2 0.922, financial P 0.981 R 0.932; tuned on since (wt/piifix8, from its misses as listed
#     by whoever scored it).
#   banking_chat_pii_holdout10.jsonl (make_holdout10_set.py; dev-like type mix, casual/mobile style): blind
#     figure after wt/piifix7, overlap P 0.985 R 0.902 F2 0.918, financial P 0.984 R 0.976; tuned on since
#     (wt/piifix8).
#   banking_chat_pii_holdout11.jsonl (make_holdout11_set.py; stressed customers, pasted forms and bank e-mails): blind
#     figure after wt/piifix8, overlap P 0.992 R 0.921 F2 0.935, financial P 0.988 R 0.977; tuned on since (wt/piifix9).
#   banking_chat_pii_holdout12.jsonl (make_holdout12_set.py; L1-bot turns answered with bare values, customers
#     abroad, formal writers, business wires): blind figure after wt/piifix9, overlap P 0.934 R 0.910 F2 0.915,
#     financial P 0.970 R 0.963; tuned on since (wt/piifix10, from its misses as listed by whoever scored it).
#     wt/piifix10 also regenerated it with Polish IBANs of 28 characters (they were 30, impossible; the 5
#     records holding one changed, every other record byte-identical): wt/piifix9's detector scores the
#     corrected set overlap F2 0.925, financial P 0.978 R 1.000.
#   banking_chat_pii_holdout13.jsonl (make_holdout13_set.py; dev-like type mix, 14 locales, phone typing, pasted letters): blind, scored once after wt/piifix9: overlap P 0.970 R 0.907 F2 0.919, financial P 0.992 R 0.962; tuned on since (wt/piifix11).
#   banking_chat_pii_holdout15.jsonl (make_holdout15_set.py; agents' checklists, corrections, PDF/OCR pastes, mixed languages, 14 places): blind, scored once after wt/piifix10: overlap P 0.951 R 0.902 F2 0.911, financial P 0.975 R 0.899; tuned on since (wt/piifix12).
#   banking_chat_pii_holdout14.jsonl (make_holdout14_set.py; US-heavy dev mix, NL/Nordic/UAE/HK/JP/KR/NG/BR, voice-dictated
#     messages, quoted SMS): blind, never tuned on. Scored after wt/piifix9: overlap P 0.972 R 0.919 F2 0.929, financial
#     P 0.992 R 0.985; after wt/piifix12 (final of session 6): P 0.978 R 0.922 F2 0.932, financial P 0.992 R 0.992. One
#     record was seen by wt/piifix11's fixer by accident (no change made from it). After wt/piifix13: P 0.978 R 0.927
#     F2 0.937, financial P 0.992 R 0.992; unchanged after wt/piifix14 (final of session 7). The next round writes a new
#     set first and keeps this one blind.
#   banking_chat_pii_holdout16.jsonl (make_holdout16_set.py; the dev set's own register, 205 new templates): blind, never
#     tuned on. After wt/piifix10: overlap P 0.992 R 0.958 F2 0.965, financial P 0.993 R 0.978; after wt/piifix12: P 0.992
#     R 0.963 F2 0.969, financial P 0.993 R 0.978; after wt/piifix13: P 0.993 R 0.978 F2 0.981; after wt/piifix14 (final
#     of session 7): P 0.990 R 0.983 F2 0.984, financial P 0.993 R 0.978 (one SSN false positive more). The next round
#     writes a new set first and keeps these two blind.
#   banking_chat_pii_holdout18.jsonl (make_holdout18_set.py; weak-type stress set: passwords, usernames, passports,
#     driver ids, phones, addresses, names, 25% lookalike negatives): blind, scored once after wt/piifix12: overlap
#     P 0.965 R 0.794 F2 0.823, financial P 1.000 R 1.000; tuned on since (wt/piifix13).
#   banking_chat_pii_holdout17.jsonl (make_holdout17_set.py; the dev set's register by a new writer: typos, bot answers,
#     corrections, non-native English; US/UK/EU/CA/AU/IN): blind, scored after wt/piifix12: overlap P 0.989 R 0.926
#     F2 0.938, financial P 0.992 R 0.978; after wt/piifix13 (which never saw it): P 0.989 R 0.931 F2 0.943, financial
#     P 0.992 R 0.978; tuned on since (wt/piifix14).
# Needs build/native (finchat_pii_eval, finchat_pii_bench) and, for the wasm figures, build/wasm
# (finchat_pii_bench, the size probes).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
native="${NATIVE_DIR:-$root/build/native}" wasm="${WASM_DIR:-$root/build/wasm}"
scorer="${PII_SCORER:-$root/../shared/data/pii/score_pii.py}"
[ -f "$scorer" ] || scorer=/work/shared/data/pii/score_pii.py
dev="${PII_DEV:-$(dirname "$scorer")/banking_chat_pii_dev.jsonl}"
financial=CREDIT_DEBIT_NUMBER,CREDIT_DEBIT_CVV,CREDIT_DEBIT_EXPIRY,BANK_ACCOUNT_NUMBER,BANK_ROUTING,INTERNATIONAL_BANK_ACCOUNT_NUMBER,SWIFT_CODE,PIN
for gold in "$dev" "$root/tests/data/pii/banking_chat_pii_own.jsonl" "$root/tests/data/pii/banking_chat_pii_chat.jsonl" \
            "$root/tests/data/pii/banking_chat_pii_holdout.jsonl" "$root/tests/data/pii/banking_chat_pii_holdout_v1.jsonl" \
            "$root/tests/data/pii/banking_chat_pii_holdout2.jsonl" "$root/tests/data/pii/banking_chat_pii_holdout3.jsonl" \
            "$root/tests/data/pii/banking_chat_pii_holdout4.jsonl" "$root/tests/data/pii/banking_chat_pii_holdout5.jsonl" \
            "$root/tests/data/pii/banking_chat_pii_holdout6.jsonl" "$root/tests/data/pii/banking_chat_pii_holdout7.jsonl" \
            "$root/tests/data/pii/banking_chat_pii_holdout8.jsonl" "$root/tests/data/pii/banking_chat_pii_holdout9.jsonl" \
            "$root/tests/data/pii/banking_chat_pii_holdout10.jsonl" "$root/tests/data/pii/banking_chat_pii_holdout11.jsonl" \
            "$root/tests/data/pii/banking_chat_pii_holdout12.jsonl" \
            "$root/tests/data/pii/banking_chat_pii_holdout13.jsonl" "$root/tests/data/pii/banking_chat_pii_holdout15.jsonl" \
            "$root/tests/data/pii/banking_chat_pii_holdout14.jsonl" "$root/tests/data/pii/banking_chat_pii_holdout16.jsonl" \
            "$root/tests/data/pii/banking_chat_pii_holdout18.jsonl" "$root/tests/data/pii/banking_chat_pii_holdout17.jsonl"; do
  [ -f "$gold" ] || continue
  pred=$(mktemp)
  "$native/tests/finchat_pii_eval" "$gold" > "$pred"
  echo "== $(basename "$gold")"
  python3 "$scorer" "$gold" "$pred" | python3 -c '
import json, sys
d = json.load(sys.stdin)
for m in ("exact", "overlap", "untyped"):
    v = d[m]; print("%-8s P %.3f  R %.3f  F1 %.3f  F2 %.3f" % (m, v["precision"], v["recall"], v["f1"], v["f2"]))
print("char redaction recall %.3f precision %.3f" % (d["char_redaction"]["recall"], d["char_redaction"]["precision"]))
for t, v in d["per_type_exact"].items():
    print("  %-40s P %.2f R %.2f F1 %.2f (tp %d fp %d fn %d)" % (t, v["precision"], v["recall"], v["f1"], v["tp"], v["fp"], v["fn"]))'
  python3 "$scorer" "$gold" "$pred" --types "$financial" | python3 -c '
import json, sys
v = json.load(sys.stdin)["overlap"]; print("financial identifiers (overlap): P %.3f R %.3f" % (v["precision"], v["recall"]))'
  rm -f "$pred"
done
# BANKING77 (PolyAI, CC BY 4.0): real-style customer queries with no PII labelled, so nearly every hit is a
# false positive. Built on the fly from its two CSVs (text in column 1); skipped when they are absent.
b77="$(dirname "$scorer")/../banking77"
if [ -f "$b77/train.csv" ] && [ -f "$b77/test.csv" ]; then
  echo "== BANKING77 (13,083 customer queries, no PII labelled: hits per type, nearly all false positives)"
  set77=$(mktemp) pred77=$(mktemp)
  python3 - "$b77/train.csv" "$b77/test.csv" > "$set77" <<'PY'
import csv, json, sys
n = 0
for path in sys.argv[1:]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        next(rows, None)   # header
        for row in rows:
            if row:
                print(json.dumps({"id": str(n), "text": row[0], "entities": []})); n += 1
PY
  "$native/tests/finchat_pii_eval" "$set77" > "$pred77"
  python3 - "$pred77" <<'PY'
import collections, json, sys
hits, messages, total = collections.Counter(), 0, 0
for line in open(sys.argv[1]):
    ents = json.loads(line)["entities"]; total += 1
    messages += bool(ents)
    hits.update(e["type"] for e in ents)
print("messages with a hit: %d of %d" % (messages, total))
for t, c in hits.most_common():
    print("  %-40s %d" % (t, c))
PY
  rm -f "$set77" "$pred77"
fi
echo "== speed"
echo -n "native: "; "$native/tests/finchat_pii_bench" | head -1
[ -f "$wasm/tests/finchat_pii_bench.js" ] && { echo -n "wasm:   "; node --no-experimental-fetch "$wasm/tests/finchat_pii_bench.js" | head -1; }
if [ -f "$wasm/tests/finchat_pii_size_with.wasm" ]; then
  with=$(stat -c %s "$wasm/tests/finchat_pii_size_with.wasm"); without=$(stat -c %s "$wasm/tests/finchat_pii_size_without.wasm")
  echo "== wasm bytes the detector adds: $((with - without)) (raw; gzip: $(( $(gzip -9c "$wasm/tests/finchat_pii_size_with.wasm" | wc -c) - $(gzip -9c "$wasm/tests/finchat_pii_size_without.wasm" | wc -c) )))"
fi
