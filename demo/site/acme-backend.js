// Acme Bank's side of the chat, shared by the widget page (acme.js) and the headless SDK page
// (headless-demo.js): the call to Acme's own backend for a chat token (POST /acme/api/chat-token,
// which holds Acme's credentials and calls Connect for L1 or the Finaptic Support API for L2), and
// Acme's client-side account API that fills the bot's templates (fake accounts; never leaves the page).

const ACCOUNTS = [
  { id: 'chk-4821', title: 'Everyday Checking', subtitle: '•••• 4821', balance: 3482.19, current: 3582.19 },
  { id: 'sav-7730', title: 'High-Yield Savings', subtitle: '•••• 7730', balance: 12940.55, current: 12940.55 },
  { id: 'visa-1094', title: 'Acme Rewards Visa', subtitle: '•••• 1094', balance: -642.10, current: -642.10 },
];
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

// Templates' "$API:..." placeholders resolve here, in the browser.
export const dataProvider = {
  async GetAccountList() {
    return ACCOUNTS.map(({ id, title, subtitle }) => ({ id, title, subtitle }));
  },
  async GetBalance({ account } = {}) {
    const a = ACCOUNTS.find((x) => x.id === account);
    if (!a) throw new Error('unknown account');
    const label = a.balance < 0 ? 'Current balance' : 'Available balance';
    return [{ id: a.id, title: `${a.title} ${a.subtitle}`, subtitle: `${label}: ${money(a.balance)}`, balance: a.balance, currency: 'USD' }];
  },
};
