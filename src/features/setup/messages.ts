import { registerMessages } from '../../platform/i18n/index.js';

const da = {
  'setup.title': 'Opret den første administrator',
  'setup.intro': 'Velkommen til Selvbestemt. Skriv kommunens navn og opret din egen administratorkonto. Bagefter opsætter du totrinsbekræftelse og kan oprette teams og brugere.',
  'setup.invalid': 'Linket er ugyldigt, udløbet eller allerede brugt. Start serveren igen for at få et nyt link, eller brug kommandoen "npx selvbestemt user create".',
  'setup.tenantName': 'Kommunens navn',
  'setup.tenantNameHint': 'Vises øverst på alle sider, fx "Odense Kommune".',
  'setup.submit': 'Opret administrator',
  'setup.done': 'Administratoren er oprettet. Log ind for at fortsætte.',
};

const en: Record<keyof typeof da, string> = {
  'setup.title': 'Create the first administrator',
  'setup.intro': "Welcome to Selvbestemt. Enter the municipality's name and create your own administrator account. Then you set up two-step verification and can create teams and users.",
  'setup.invalid': 'The link is invalid, expired or already used. Restart the server for a new link, or use the command "npx selvbestemt user create".',
  'setup.tenantName': "Municipality's name",
  'setup.tenantNameHint': 'Shown at the top of every page, e.g. "Odense Kommune".',
  'setup.submit': 'Create administrator',
  'setup.done': 'The administrator was created. Log in to continue.',
};

registerMessages({ da, en });
