// checkmail reads the .eml files named on its command line with mailparser
// and checks their HTML part against the caniemail.com data with
// doiuse-email, for the clients of DOIUSE_CLIENTS (comma-separated). It
// prints a JSON array, one object per file. Used by internal/e2e/mail_test.go.
import { readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { doIUseEmail } from '@jsx-email/doiuse-email';

const clients = (process.env.DOIUSE_CLIENTS || '').split(',').filter(Boolean);
const out = [];
for (const file of process.argv.slice(2)) {
  const m = await simpleParser(readFileSync(file));
  let errors = [];
  if (m.html) {
    const r = doIUseEmail(m.html, { emailClients: clients });
    errors = r.success ? [] : r.errors;
  }
  const ct = m.headers.get('content-type');
  out.push({
    file,
    subject: m.subject ?? '',
    contentType: ct && ct.value ? ct.value : '',
    text: m.text ?? '',
    html: m.html || '',
    unsent: String(m.headers.get('x-unsent') ?? ''),
    doiuse: errors,
  });
}
process.stdout.write(JSON.stringify(out));
