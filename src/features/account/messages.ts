import { registerMessages } from '../../platform/i18n/index.js';

const da = {
  'account.title': 'Min konto',
  'account.details': 'Dine oplysninger',
  'account.secondFactor': 'Totrinsbekræftelse',
  'account.recoveryLeft': '{count} ubrugte gendannelseskoder',
  'account.password.title': 'Skift adgangskode',
  'account.password.current': 'Nuværende adgangskode',
  'account.password.new': 'Ny adgangskode',
  'account.password.repeat': 'Gentag ny adgangskode',
  'account.password.submit': 'Skift adgangskode',
  'account.password.wrong': 'Den nuværende adgangskode er forkert.',
  'account.password.changed': 'Din adgangskode er skiftet. Du er logget af på dine andre enheder.',
  'account.sessions.title': 'Log af overalt',
  'account.sessions.text': 'Har du glemt at logge af på en anden computer, eller er du i tvivl om, hvem der har adgang, så log af på alle enheder.',
  'account.tokens': 'Administrér API-nøgler',
};

const en: Record<keyof typeof da, string> = {
  'account.title': 'My account',
  'account.details': 'Your details',
  'account.secondFactor': 'Two-step verification',
  'account.recoveryLeft': '{count} unused recovery codes',
  'account.password.title': 'Change password',
  'account.password.current': 'Current password',
  'account.password.new': 'New password',
  'account.password.repeat': 'Repeat new password',
  'account.password.submit': 'Change password',
  'account.password.wrong': 'The current password is wrong.',
  'account.password.changed': 'Your password was changed. You were logged out on your other devices.',
  'account.sessions.title': 'Log out everywhere',
  'account.sessions.text': 'If you forgot to log out on another computer, or you are unsure who has access, log out on all devices.',
  'account.tokens': 'Manage API keys',
};

registerMessages({ da, en });
