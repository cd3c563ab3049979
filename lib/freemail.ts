/**
 * Domains where an address says nothing about the person's employer.
 * A company is never recognized by one of these, even if someone typed it into its domains.
 */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  // Google
  'gmail.com', 'googlemail.com',
  // Microsoft
  'outlook.com', 'outlook.fr', 'outlook.de', 'outlook.es', 'outlook.it', 'outlook.co.uk',
  'hotmail.com', 'hotmail.co.uk', 'hotmail.fr', 'hotmail.de', 'hotmail.es', 'hotmail.it',
  'hotmail.nl', 'hotmail.be', 'hotmail.ca', 'hotmail.com.au', 'hotmail.com.br',
  'live.com', 'live.co.uk', 'live.fr', 'live.de', 'live.nl', 'live.it', 'live.ca', 'live.com.au',
  'msn.com', 'passport.com',
  // Yahoo / AOL
  'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'yahoo.es', 'yahoo.it', 'yahoo.ca',
  'yahoo.co.jp', 'yahoo.co.in', 'yahoo.com.au', 'yahoo.com.br', 'yahoo.com.mx', 'ymail.com',
  'rocketmail.com', 'aol.com', 'aim.com',
  // Apple
  'icloud.com', 'me.com', 'mac.com',
  // Privacy-focused
  'proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me', 'tutanota.com', 'tutanota.de',
  'tuta.io', 'tutamail.com', 'fastmail.com', 'fastmail.fm', 'hey.com', 'posteo.de', 'mailbox.org',
  // Europe
  'gmx.com', 'gmx.de', 'gmx.net', 'gmx.at', 'gmx.ch', 'web.de', 't-online.de', 'freenet.de',
  'mail.com', 'email.com', 'laposte.net', 'orange.fr', 'wanadoo.fr', 'free.fr', 'sfr.fr',
  'libero.it', 'virgilio.it', 'seznam.cz', 'wp.pl', 'o2.pl', 'interia.pl', 'onet.pl',
  'btinternet.com', 'sky.com', 'virginmedia.com',
  // Southern Africa: South African ISPs' and Malawi's personal mail
  'mweb.co.za', 'webmail.co.za', 'telkomsa.net', 'vodamail.co.za', 'iafrica.com', 'yahoo.co.za',
  'afrihost.co.za', 'cybersmart.co.za', 'malawi.net', 'sdnp.org.mw', 'africa-online.net',
  // Russia / Asia
  'yandex.ru', 'yandex.com', 'ya.ru', 'mail.ru', 'inbox.ru', 'list.ru', 'bk.ru', 'rambler.ru',
  'qq.com', 'foxmail.com', '163.com', '126.com', 'yeah.net', 'sina.com', 'sohu.com',
  'naver.com', 'daum.net', 'hanmail.net', 'rediffmail.com',
  // Others
  'zoho.com', 'zohomail.com', 'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net',
]);

export function isFreeMail(domain: string): boolean {
  return FREE_MAIL_DOMAINS.has(domain.trim().toLowerCase());
}
