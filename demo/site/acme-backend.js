// Acme Bank's side of the chat, shared by the widget page (acme.js) and the headless SDK page
// (headless-demo.js): the call to Acme's own backend for a chat token (POST /acme/api/chat-token,
// which holds Acme's credentials and calls Connect for L1 or the Finaptic Support API for L2), and
// Acme's client-side account API that fills the bot's templates (fake accounts; never leaves the page).

// Account ids are opaque (random, no account digits): the id of the account a customer picks is the
// only thing of this data that leaves the browser (system.md §4).
const ACCOUNTS = [
  { id: 'acc_kQvTmw', title: 'Everyday Checking', subtitle: '•••• 4821', balance: 3482.19, current: 3582.19 },
  { id: 'acc_PzrLxe', title: 'High-Yield Savings', subtitle: '•••• 7730', balance: 12940.55, current: 12940.55 },
  { id: 'acc_hNbWya', title: 'Acme Rewards Visa', subtitle: '•••• 1094', balance: -642.10, current: -642.10 },
];
// Recent activity per account, newest first (fake, fixed so screenshots are stable).
const TRANSACTIONS = {
  acc_kQvTmw: [
    ['2026-11-30', 'Payroll – Northwind Traders', 2650.00], ['2026-11-29', 'Green Leaf Grocery', -86.42],
    ['2026-11-28', 'City Transit Pass', -45.00], ['2026-11-27', 'Transfer to High-Yield Savings', -500.00],
    ['2026-11-26', 'Corner Coffee', -4.75], ['2026-11-25', 'Electric Co. autopay', -112.30],
    ['2026-11-24', 'Pharmacy Plus', -23.18], ['2026-11-22', 'ATM withdrawal', -60.00],
  ],
  acc_PzrLxe: [
    ['2026-11-30', 'Interest', 41.37], ['2026-11-27', 'Transfer from Everyday Checking', 500.00],
    ['2026-10-31', 'Interest', 39.88], ['2026-10-15', 'Transfer from Everyday Checking', 500.00],
  ],
  acc_hNbWya: [
    ['2026-11-29', 'Skyline Airways', -389.00], ['2026-11-28', 'Bistro 21', -64.20],
    ['2026-11-26', 'Payment – thank you', 500.00], ['2026-11-25', 'Bookshop on Main', -27.99],
    ['2026-11-23', 'Streaming subscription', -15.99], ['2026-11-21', 'Fuel Stop', -48.61],
  ],
};
const money = (n) => n.toLocaleString('en-US', { style: 'currency', currency: 'USD' });
const L1_KEY = 'acme-demo:l1ContactId';

// Acme's backend call. The L1 contact id is remembered so an escalation can name it.
export async function tokenProvider({ level, reason, transcript }) {
  const body = { level: level || 'L1', displayName: 'Dana', reason: reason || '', transcript: transcript || [] };
  if (body.level === 'L2') body.l1ContactId = sessionStorage.getItem(L1_KEY) || '';
  const r = await fetch('/acme/api/chat-token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(body),
  });
  const answer = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(answer.message || `chat-token: HTTP ${r.status}`);
  if (body.level === 'L1' && answer.contactId) sessionStorage.setItem(L1_KEY, answer.contactId);
  return answer;   // {contactId, participantId, participantToken, region, endpoint}
}

// Templates' "$API:..." placeholders resolve here, in the browser. Arguments arrive as strings.
const accountById = (account) => {
  const a = ACCOUNTS.find((x) => x.id === account);
  if (!a) throw new Error('unknown account');
  return a;
};
const shortDate = (iso) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
export const dataProvider = {
  async ListAccounts() {
    return ACCOUNTS.map(({ id, title, subtitle }) => ({ id, title, subtitle }));
  },
  // The balance panel's title (a string field of the bot's Panel: `"title":"$API:GetBalance(account={id})"`).
  async GetBalance({ account } = {}) {
    const a = accountById(account);
    const label = a.balance < 0 ? 'Current balance' : 'Available balance';
    return `${a.title} ${a.subtitle}: ${label} ${money(a.balance)}`;
  },
  async GetTransactions({ account, limit } = {}) {
    const a = accountById(account);
    const n = Math.min(Math.max(Number.parseInt(limit, 10) || 5, 1), 10);
    return (TRANSACTIONS[a.id] || []).slice(0, n).map(([date, what, amount], i) => ({
      id: `tx_${a.id.slice(4)}_${i}`,   // opaque: no amounts, dates or account digits
      title: what,
      subtitle: `${shortDate(date)} · ${amount < 0 ? '−' : '+'}${money(Math.abs(amount))}`,
    }));
  },
};
