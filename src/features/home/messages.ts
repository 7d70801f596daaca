import { registerMessages } from '../../platform/i18n/index.js';

const da = {
  'home.title': 'Forside',
  'home.welcome': 'Velkommen, {name}',
  'home.role': 'Du er logget ind som {role}{team}.',
  'home.teamSuffix': ' i {team}',
  'home.nothing': 'Der er ikke noget, der venter på dig lige nu.',
  'home.admin.title': 'Administration',
  'home.admin.users': 'Opret og administrér brugere',
  'home.admin.teams': 'Opret og administrér teams',
  'home.account': 'Din konto, API-nøgler og log af overalt',
};

const en: Record<keyof typeof da, string> = {
  'home.title': 'Home',
  'home.welcome': 'Welcome, {name}',
  'home.role': 'You are logged in as {role}{team}.',
  'home.teamSuffix': ' in {team}',
  'home.nothing': 'Nothing is waiting for you right now.',
  'home.admin.title': 'Administration',
  'home.admin.users': 'Create and manage users',
  'home.admin.teams': 'Create and manage teams',
  'home.account': 'Your account, API keys and log out everywhere',
};

registerMessages({ da, en });
